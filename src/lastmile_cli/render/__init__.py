"""Turning a view into what a command prints: the one table of every format and every view.

`FORMATS` names each format's module; `FUNCTIONS` names, for every view type, the function each
of those modules has for it (a test requires every pair to exist). A module is imported only
when its format is used, so pipes never load Rich. Besides stdout, a view says what goes to
stderr before it (`notes`: sections borrowed from English) and after it (`summary`), and the
exit status it means (`status`: 1 for a search that found nothing, or a check with errors).
"""

from __future__ import annotations

import sys

from lastmile_cli.errors import listed
from lastmile_cli.i18n import _, ngettext
from lastmile_cli.model import FALLBACK, Document
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lastmile_cli.output import Output

FORMATS = {
    "text": "lastmile_cli.render.text",
    "terminal": "lastmile_cli.render.terminal",
    "markdown": "lastmile_cli.render.markdown",
    "json": "lastmile_cli.render.json",
    "html": "lastmile_cli.render.html",
    "csv": "lastmile_cli.render.csv",
}
# Formats only some views have (a command offers them only there): the rest have every view.
ONLY = {"csv": ("Status",)}
FUNCTIONS = {
    "Document": "document",
    "SectionList": "section_list",
    "ExampleList": "example_list",
    "LanguageList": "language_list",
    "SearchResult": "search_result",
    "Comparison": "comparison",
    "Interlinear": "interlinear",
    "Report": "report",
    "Starter": "starter",
    "Script": "script",
    "PathList": "path_list",
    "Recorded": "recorded",
    "Status": "status",
    "Exported": "exported",
    "Imported": "imported",
}


def render(view: object, output: Output) -> str:
    """The complete output for `view`, ending in a newline (or empty)."""
    fmt = "terminal" if output.styled else output.format
    __import__(FORMATS[fmt])  # (not importlib.import_module: importlib loads `warnings` first)
    function = getattr(sys.modules[FORMATS[fmt]], FUNCTIONS[type(view).__name__])
    text: str = function(view, output)
    return text


def _document(view: object) -> Document | None:
    return view if isinstance(view, Document) else getattr(view, "document", None)


def warnings(view: object) -> list[str]:
    """What a view itself warns of (`languages`: the files skipped for their names)."""
    return list(getattr(view, "warnings", ()))


def notes(view: object) -> list[str]:
    """What stderr says before the output: which sections are shown from other languages, which
    are still the English text in the language's own file, which were translated from an older
    English (shown as they are); which were too long to align sentence by sentence."""
    said: list[str] = []
    document = _document(view)
    if document is None:
        said += getattr(view, "notes", None) or ()  # (an import's)
    elif document.borrowed or document.untranslated or document.stale:
        # where the language comes from, as `languages` says it: "bundled" in the reader's words
        # (translated only when a note is said: a German run that notes nothing loads no catalog)
        where = _("bundled") if document.source == "bundled" else visible(document.source)
        borrowed = document.borrowed
        if borrowed:
            lent = set(borrowed)
            codes = sorted({s.code for s in document.sections if s.id in lent})
            if codes == [FALLBACK]:
                message = ngettext(
                    "{code} ({where}) has no {ids}; showing English",
                    "{code} ({where}) has no {ids}; showing English",
                    len(borrowed),
                )
            else:
                message = ngettext(
                    "{code} ({where}) has no {ids}; showing it from {codes}",
                    "{code} ({where}) has no {ids}; showing them from {codes}",
                    len(borrowed),
                )
            said.append(
                message.format(
                    code=document.code,
                    where=where,
                    ids=listed(borrowed, 10),
                    codes=", ".join(codes),
                )
            )
        if document.untranslated:
            message = _(
                "{code} ({where}) still has the English text of {ids}; showing it as English"
            )
            said.append(
                message.format(
                    code=document.code, where=where, ids=listed(document.untranslated, 10)
                )
            )
        if document.stale:
            message = _(
                "{code} ({where}): the English of {ids} changed after it was translated;"
                " showing the translation as it is (lastmile validate shows the English now)"
            )
            said.append(
                message.format(code=document.code, where=where, ids=listed(document.stale, 10))
            )
    grouped: tuple[str, ...] = getattr(view, "grouped", ())
    if grouped:
        from lastmile_cli.alignment import LIMIT

        coarse = _(
            "more than {limit} sentences on a side in {ids}: their sentences are aligned in"
            " groups, and paired by position within each group"
        )
        said.append(coarse.format(limit=LIMIT, ids=", ".join(grouped)))
    return [_("note: {message}").format(message=message) for message in said]


def summary(view: object) -> list[str]:
    """What stderr says after the output (`validate`'s count, what `fingerprint` could not do,
    where `import` wrote)."""
    if isinstance(view, Document):
        return []
    from lastmile_cli.views import Imported, Recorded, Report

    if isinstance(view, Recorded):
        return [f.error for f in view.files if f.error]
    if isinstance(view, Imported):
        return [_("wrote {path}").format(path=visible(view.path))] if view.path else []
    if not isinstance(view, Report):
        return []
    notes = len(view.problems) - view.errors
    said = []
    if view.built:
        said.append(
            _("the bundled article ({codes}) was checked when it was built").format(
                codes=", ".join(view.built)
            )
        )
    if not view.files and not view.problems:
        if view.built:
            return [_joined(*said, _("found none of your own language files to check"))]
        return [_("found no language file to check")]
    if view.files:
        files = ngettext("checked {count} file", "checked {count} files", view.files)
    else:  # only what was skipped: a FIFO, an unreadable directory
        files = _("found no language file to check")
    errors = ngettext("{count} error", "{count} errors", view.errors)
    counted = ngettext("{count} note", "{count} notes", notes)
    return [
        _joined(
            *said,
            _("{files}: {errors}, {notes}").format(
                files=files.format(count=view.files),
                errors=errors.format(count=view.errors),
                notes=counted.format(count=notes),
            ),
        )
    ]


def _joined(*parts: str) -> str:
    """One line of stderr from several statements (validate's summary stays one line)."""
    line = parts[0]
    for part in parts[1:]:
        line = _("{said}; {then}").format(said=line, then=part)
    return line
