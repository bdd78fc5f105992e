"""`lastmile template`: a starter file for a new language, or sections (a new story of one's own,
a section to rewrite) to add to any language."""

from __future__ import annotations

from lastmile_cli.content import Article
from lastmile_cli.errors import LastmileError, UnknownName, WrongUsage
from lastmile_cli.i18n import _
from lastmile_cli.model import Language, Outline, Section, is_id, is_tag
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import Starter


def template(
    settings: Settings,
    article: Article,
    code: str,
    examples: tuple[str, ...],
    sections: tuple[str, ...],
) -> Starter:
    """The starter for `code` (a language tag, as the file's name will be): a whole new
    language, or the named examples and sections. A language that exists is never handed the
    English article under its name: asked for whole, it is refused with what to do instead.
    In JSON, what it writes for you to replace is in English, as all JSON is (docs/json.md)."""
    if settings.output.format == "json":
        from lastmile_cli import i18n

        try:  # (an error is still said in the interface's language)
            return i18n.english(lambda: _starter(article, code, examples, sections))
        except LastmileError:
            pass
    return _starter(article, code, examples, sections)


def _starter(
    article: Article, code: str, examples: tuple[str, ...], sections: tuple[str, ...]
) -> Starter:
    from lastmile_cli.views import Starter

    if not is_tag(code):
        raise WrongUsage(
            _("'{value}' is not a language tag such as de, pt-BR or qaa").format(
                value=visible(code)
            )
        )
    english = article.english()
    if english is None:
        raise LastmileError(_("the bundled language files are missing; reinstall lastmile"))
    files = article.files().get(code, [])
    own = [file for file in files if not file.bundled]
    if not examples and not sections:
        if own:
            raise WrongUsage(
                _(
                    "{code} already has a file of yours, {path}: edit it, or start sections"
                    " to add to it with: lastmile template {code} --example NAME (a story of"
                    " your own) or --section ID"
                ).format(code=code, path=visible(own[0].path))
            )
        if files:
            raise WrongUsage(
                _(
                    "{code} is bundled: a file of yours for it holds only what you change or"
                    " add, and the rest stays. Start one with: lastmile template {code}"
                    " --example NAME (a story of your own) or --section ID (a section to rewrite,"
                    " from its text)"
                ).format(code=code)
            )
        return Starter(code, english.sections, header=english)
    language = article.load(code) if files else None
    outline = article.outline()
    into = article.read(own[0]) if own else None
    written = into.by_id() if into is not None else {}
    chosen: dict[str, Section] = {}
    new: list[str] = []
    for kind, names in (("example", examples), ("section", sections)):
        for name in names:
            section_id, is_new = _resolve(name, kind, language or english, article, outline)
            if section_id in chosen:
                continue
            if section_id in written:
                raise WrongUsage(
                    _("{path} already has '{id}': edit it there").format(
                        path=visible(own[0].path), id=section_id
                    )
                )
            if is_new:
                chosen[section_id] = _blank(section_id, kind, code, outline)
                new.append(section_id)
            elif language is not None and (mine := language.section(section_id)) is not None:
                chosen[section_id] = mine  # a section to rewrite starts from its text
            else:  # to translate: from English, or the language that has it
                chosen[section_id] = article.document(english, [section_id]).sections[0]
    words = ["lastmile", "template", code]
    for option, names in (("--example", examples), ("--section", sections)):
        for name in names:
            words += [option, visible(name)]
    return Starter(
        code,
        tuple(chosen.values()),
        header=english if not files else None,
        whole=False,
        new=tuple(new),
        into=own[0].path if own else "",
        command=__import__("shlex").join(words),
    )


def _resolve(
    name: str, kind: str, language: Language, article: Article, outline: Outline
) -> tuple[str, bool]:
    """The id a name means, and whether it is a new section of the user's own."""
    from lastmile_cli.matching import find_section, others

    try:
        return find_section(name, others(language, article), outline, kind), False
    except UnknownName:
        if is_id(name) and name not in outline:
            return name, True
        if is_id(name):  # a section of the other kind
            other = outline.kind(name)
            raise WrongUsage(
                _(
                    "'{id}' is of kind {kind}, not {wanted}; use: lastmile template {code} --{kind} {id}"
                ).format(id=name, kind=other, wanted=kind, code=language.code)
            ) from None
        raise WrongUsage(
            _(
                "'{name}' names no {kind} yet, and is not an id for a new one: an id is"
                " lowercase letters, digits and hyphens, such as parcel-delivery"
            ).format(name=visible(name), kind=kind)
        ) from None


def _blank(section_id: str, kind: str, code: str, outline: Outline) -> Section:
    """A new section to write: titled after its id, placed after the last of its kind (a
    section: at the end), with a paragraph that says what to write."""
    if kind == "example":
        prompt = _(
            "Write the story here, in one or more paragraphs: all that was done well, and"
            " the last step that failed."
        )
        last = outline.of_kind("example")
    else:
        prompt = _("Write the section here, in one or more paragraphs.")
        last = list(outline.ids)
    title = section_id.replace("-", " ").capitalize()
    return Section(section_id, kind, title, (prompt,), (), "seed", code, last[-1] if last else "")


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "template",
        help=_(
            "Print a starter file for a new language: every key and section, with the English text"
            " to translate, and comments saying what to translate and what to keep. With --example"
            " or --section, print only those: a story of your own, or a section to rewrite or"
            " translate, for any language."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile template pt-BR > pt-BR.yaml     start a Portuguese (Brazil) file\n"
            "  lastmile validate pt-BR.yaml             check it, and see what is left to translate\n"
            "  lastmile languages --data-dir .          its progress, as translated sections\n"
            "  lastmile template es --example parcel-delivery   a story of your own, in Spanish\n"
            "  lastmile template de --section summary           the German summary, to rewrite"
        ),
    )
    @parameters("template")
    def callback(**params: Any) -> Call:
        return Call.of(template, params)

    return callback
