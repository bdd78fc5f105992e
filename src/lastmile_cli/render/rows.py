"""The listings' columns and rows, shared by the text, Markdown and terminal formats."""

from __future__ import annotations

from lastmile_cli.i18n import N_, _
from lastmile_cli.textutil import visible

TYPE_CHECKING = False  # (typing costs more than a listing: it is not loaded to print one)
if TYPE_CHECKING:
    from collections.abc import Sequence

    from lastmile_cli.progress import Progress
    from lastmile_cli.views import (
        ExampleList,
        LanguageList,
        PathList,
        Recorded,
        SectionList,
        Status,
    )

Table = tuple[tuple[str, ...], "Sequence[tuple[str, ...]]"]


def section_list(view: SectionList) -> Table:
    doc = view.document
    return (N_("id"), N_("kind"), N_("title")), [
        (s.id, s.kind, doc.heading(s)) for s in doc.sections
    ]


def example_list(view: ExampleList) -> Table:
    doc = view.document
    return (N_("id"), N_("title")), [(s.id, doc.heading(s)) for s in doc.sections]


def completeness(sections: int, total: int) -> str:
    return f"{sections}/{total}"


def source(text: str) -> str:
    """Where a language comes from, as a listing shows it: "bundled" in the interface's
    language, a file's path as it is (JSON keeps the word "bundled", a value for scripts)."""
    return _("bundled") if text == "bundled" else visible(text)


def progress_cell(progress: Progress | None, fallback: int, total: int) -> str:
    """`8/8`, or `2/8` followed by what the rest are: `2/8, 1 stale, 4 untranslated, 1 missing`."""
    if progress is None:
        return completeness(fallback, total)
    from lastmile_cli.i18n import ngettext
    from lastmile_cli.progress import MISSING, STALE, TRANSLATED, UNTRANSLATED

    parts = [completeness(progress.count(TRANSLATED), len(progress.units))]
    for state in (STALE, UNTRANSLATED, MISSING):
        count = progress.count(state)
        if not count:
            continue
        if state == STALE:
            words = ngettext("{count} stale", "{count} stale", count)
        elif state == UNTRANSLATED:
            words = ngettext("{count} untranslated", "{count} untranslated", count)
        else:
            words = ngettext("{count} missing", "{count} missing", count)
        parts.append(words.format(count=count))
    return ", ".join(parts)


def state_name(state: str) -> str:
    """A section's state as `status` shows it to a reader, in the interface's language (CSV and
    JSON keep the English word, a value for scripts)."""
    from lastmile_cli.progress import MISSING, STALE, TRANSLATED, UNTRANSLATED

    names = {
        TRANSLATED: _("translated"),
        STALE: _("stale"),
        UNTRANSLATED: _("untranslated"),
        MISSING: _("missing"),
    }
    return names[state]


def share(part: int, whole: int) -> str:
    """A share in whole percent, as pocount shows one (never 100% unless it is all)."""
    if not whole:
        return "0%"
    percent = part * 100 // whole if part < whole else 100
    return f"{percent}%"


def status(view: Status) -> Table:
    """Per language, a row per state: its sections and English words, and their share."""
    from lastmile_cli.progress import STATES

    columns = (N_("language"), N_("state"), N_("sections"), N_("words"), N_("share"))
    body = []
    for progress in view.languages:
        total, words = len(progress.units), progress.total_words
        for state in STATES:
            body.append(
                (
                    progress.language.code,
                    state_name(state),
                    f"{progress.count(state)}/{total}",
                    f"{progress.words(state)}/{words}",
                    share(progress.words(state), words),
                )
            )
    return columns, body


def language_list(view: LanguageList) -> Table:
    columns = (
        N_("code"),
        N_("name"),
        N_("english name"),
        N_("sections"),
        N_("source"),
        N_("selected"),
    )
    rows = []
    found = {p.language.code: p for p in view.progress}
    for language in view.languages:
        selected = language.code == view.choice.code
        rows.append(
            (
                language.code,
                language.name,
                language.english_name,
                progress_cell(
                    found.get(language.code), language.translated(view.english), view.total
                ),
                source(language.source),
                view.choice.reason if selected else "",
            )
        )
    return columns, rows


def path_list(view: PathList) -> Table:
    columns = (N_("role"), N_("path"), N_("set by"), N_("state"))
    rows = []
    for place in view.places:
        state = _("exists") if place.exists else _("missing")
        if not place.path:
            state = _("off")
        rows.append((place.role, visible(place.path), place.source, state))
    return columns, rows


def recorded(view: Recorded) -> list[str]:
    """One line per file changed or checked: what `lastmile fingerprint` recorded there."""
    from lastmile_cli.i18n import _

    lines = []
    for file in view.files:
        if file.error:
            continue
        path = visible(file.path)
        if file.added:
            said = _("{path}: recorded the English of now for {ids}")
            lines.append(said.format(path=path, ids=", ".join(file.added)))
        if file.updated:
            said = _("{path}: updated to the English of now: {ids}")
            lines.append(said.format(path=path, ids=", ".join(file.updated)))
        if not (file.added or file.updated):
            lines.append(_("{path}: nothing to record").format(path=path))
    return lines
