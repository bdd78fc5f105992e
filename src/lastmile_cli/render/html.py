"""HTML handouts: one standalone page a browser opens and a printer prints.

`<html lang>` for the language shown (and `lang` on whatever is in another: a borrowed section,
the second column of a comparison, the answers of an interlinear reading), `<meta
charset="utf-8">`, a `<title>`, a style sheet for the screen and for paper, and no script.
Every text is escaped (`html.escape`), so content and file names are data, never markup; a
line break within a paragraph stays one. `explain` and `example` give the article, `compare`
two columns per section (paragraphs or sentences side by side), `--with` an interlinear page
(each sentence, its counterpart beneath it); the listings are tables.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from lastmile_cli.i18n import _, language
from lastmile_cli.render import layout, rows

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lastmile_cli.model import Document, Section
    from lastmile_cli.output import Output
    from lastmile_cli.render.rows import Table
    from lastmile_cli.views import (
        Comparison,
        ExampleList,
        Exported,
        Imported,
        Interlinear,
        LanguageList,
        PathList,
        Recorded,
        Report,
        Script,
        SearchResult,
        SectionList,
        Starter,
        Status,
    )

STYLE = """\
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 42rem; padding: 2rem 1.5rem;
  font: 1.05rem/1.55 Charter, "Bitstream Charter", "Noto Serif", Georgia, serif; color: #1b1b1b; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0 0 1.5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; }
p { margin: 0 0 0.8rem; hyphens: auto; }
.example { border-left: 0.25rem solid #c9a227; padding-left: 1rem; }
.borrowed { color: #666; font-size: 0.8em; font-weight: normal; }
.wide { max-width: 64rem; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; }
th, td { border-top: 1px solid #ccc; padding: 0.45rem 0.6rem; text-align: left;
  vertical-align: top; }
.pairs td { width: 50%; }
.missing { color: #999; }
.sentence { margin: 0.9rem 0 0; }
.with { margin: 0.1rem 0 0 1.5rem; color: #555; font-style: italic; }
.code { font: 0.75em ui-monospace, monospace; color: #777; font-style: normal;
  margin-right: 0.4em; }
pre { white-space: pre-wrap; font: 0.85rem/1.4 ui-monospace, monospace; }
@media print {
  @page { margin: 2cm 1.8cm; }
  body { max-width: none; padding: 0; font-size: 11pt; color: #000; }
  h1, h2 { break-after: avoid; }
  p, tr, .pair { break-inside: avoid; }
  thead { display: table-header-group; }
  .example { border-left-color: #888; }
  .with, .borrowed, .code { color: #333; }
}
"""


def text(value: str) -> str:
    """`value` as HTML text: escaped, its line breaks kept as <br>."""
    return "<br>".join(escape(line, quote=True) for line in value.split("\n"))


def _lang(code: str) -> str:
    return escape(code, quote=True)


def page(title: str, code: str, body: Iterable[str], wide: bool = False) -> str:
    """A whole document around `body`, in the language `code`."""
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{_lang(code)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(title)}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        '<body class="wide">' if wide else "<body>",
        "<main>",
    ]
    return "\n".join([*head, *body, "</main>", "</body>", "</html>"]) + "\n"


def _heading(doc: Document, section: Section) -> str:
    """The section's title, marked with its language when borrowed, as every format marks it."""
    if section.code == doc.code:
        return text(section.title)
    return f'{text(section.title)} <span class="borrowed">[{text(section.code)}]</span>'


def _section_open(doc: Document, section: Section) -> str:
    classes = ' class="example"' if section.kind == "example" else ""
    lang = f' lang="{_lang(section.code)}"' if section.code != doc.code else ""
    return f'<section id="{escape(section.id, quote=True)}"{classes}{lang}>'


class Elements:
    """The HTML look of the layout (render/layout.py): a unit is an element on its line; each
    section is a <section>, in its own language when borrowed; a sentence's answer is beneath
    it, in the second language."""

    def __init__(self, code: str = "") -> None:
        self.code = _lang(code)

    def title(self, doc: Document) -> list[str]:
        return [f"<h1>{text(doc.title)}</h1>"]

    def heading(self, doc: Document, section: Section) -> list[str]:
        return [f"<h2>{_heading(doc, section)}</h2>"]

    def paragraph(self, value: str, section: Section) -> list[str]:
        return [f"<p>{text(value)}</p>"]

    def pair(self, sentence: str, answer: str | None, section: Section) -> list[str]:
        said = text(answer) if answer else '<span class="missing">—</span>'
        tag = f'<span class="code">{self.code}</span>'
        return [
            '<div class="pair">',
            f'<p class="sentence">{text(sentence)}</p>',
            f'<p class="with" lang="{self.code}">{tag}{said}</p>',
            "</div>",
        ]

    def section(self, doc: Document, section: Section, parts: list[list[str]]) -> list[str]:
        return [_section_open(doc, section), *layout.flat(parts), "</section>"]

    def page(self, doc: Document, title: list[str], sections: list[list[str]]) -> str:
        return page(doc.title, doc.code, [*title, *layout.flat(sections)])


def document(doc: Document, output: Output) -> str:
    return layout.document(doc, Elements())


def interlinear(view: Interlinear, output: Output) -> str:
    """Each sentence, and beneath it, indented, what answers it in the second language."""
    return layout.interlinear(view, Elements(view.code))


def comparison(view: Comparison, output: Output) -> str:
    """Per section a table of two columns, each in its language, a pair of paragraphs (or of
    sentences) a row; a dash where a language has no counterpart."""
    a, b = (_lang(code) for code in view.codes)
    title = " · ".join(t for t in view.headlines if t) or " · ".join(view.codes)
    body = [f"<h1>{text(view.headlines[0] or title)}</h1>"]
    if view.headlines[1]:
        body.append(f'<p lang="{b}"><em>{text(view.headlines[1])}</em></p>')

    def cell(tag: str, value: str | None, code: str) -> str:
        shown = text(value) if value else '<span class="missing">—</span>'
        return f'<{tag} lang="{code}">{shown}</{tag}>'

    for section in view.sections:
        body.append(f'<section id="{escape(section.id, quote=True)}">')
        body.append('<table class="pairs">')
        first, second = section.titles
        body.append(f"<thead><tr>{cell('th', first, a)}{cell('th', second, b)}</tr></thead>")
        body.append("<tbody>")
        for pa, pb in section.pairs:
            body.append(f"<tr>{cell('td', pa, a)}{cell('td', pb, b)}</tr>")
        body.append("</tbody>")
        body.append("</table>")
        body.append("</section>")
    return page(title, view.codes[0], body, wide=True)


def _table(table: Table) -> list[str]:
    columns, body = table
    head = "".join(f"<th>{text(_(column))}</th>" for column in columns)
    lines = ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    lines += ["<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>" for row in body]
    return [*lines, "</tbody>", "</table>"]


def section_list(view: SectionList, output: Output) -> str:
    doc = view.document
    return page(
        doc.title, doc.code, [f"<h1>{text(doc.title)}</h1>", *_table(rows.section_list(view))]
    )


def example_list(view: ExampleList, output: Output) -> str:
    doc = view.document
    return page(
        doc.title, doc.code, [f"<h1>{text(doc.title)}</h1>", *_table(rows.example_list(view))]
    )


def language_list(view: LanguageList, output: Output) -> str:
    return page("lastmile languages", language(), _table(rows.language_list(view)))


def path_list(view: PathList, output: Output) -> str:
    return page("lastmile paths", language(), _table(rows.path_list(view)))


def search_result(view: SearchResult, output: Output) -> str:
    body = [f"<h1>{text(view.query)}</h1>"]
    for hit in view.hits:
        position, marked = 0, []
        for start, end in hit.spans:
            marked += [
                text(hit.snippet[position:start]),
                f"<mark>{text(hit.snippet[start:end])}</mark>",
            ]
            position = end
        marked.append(text(hit.snippet[position:]))
        where = f'<span class="code">{text(hit.code)} · {text(hit.section)}</span>'
        body.append(f'<p lang="{_lang(hit.code)}">{where}{"".join(marked)}</p>')
    return page(view.query, language(), body)


def report(view: Report, output: Output) -> str:
    body = []
    for problem in view.problems:
        label = _("error: ") if problem.severity == "error" else _("note: ")
        body.append(
            f'<p><span class="code">{text(problem.where)}</span>{text(label)}{text(problem.shown)}</p>'
        )
    return page("lastmile validate", language(), body)


def starter(view: Starter, output: Output) -> str:
    from lastmile_cli.language_yaml import starter as yaml_text

    name = view.into or f"{view.code}.yaml"
    body = [f"<h1>{text(name)}</h1>", f"<pre>{escape(yaml_text(view))}</pre>"]
    return page(name, language(), body)


def script(view: Script, output: Output) -> str:
    body = [f"<h1>{text(view.shell)}</h1>", f"<pre>{escape(view.text)}</pre>"]
    return page(f"lastmile completion {view.shell}", language(), body)


def status(view: Status, output: Output) -> str:
    return page("lastmile status", language(), _table(rows.status(view)))


def recorded(view: Recorded, output: Output) -> str:
    body = [f"<p>{text(line)}</p>" for line in rows.recorded(view)]
    return page("lastmile fingerprint", language(), body)


def exported(view: Exported, output: Output) -> str:
    name = f"{view.code}.po"
    return page(name, language(), [f"<h1>{text(name)}</h1>", f"<pre>{escape(view.text)}</pre>"])


def imported(view: Imported, output: Output) -> str:
    name = view.path or f"{view.code}.yaml"
    body = [f"<h1>{text(name)}</h1>"]
    if not view.path:
        body.append(f"<pre>{escape(view.text)}</pre>")
    return page(name, language(), body)
