"""The listings' columns and rows, shared by the text, Markdown and terminal formats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lastmile_cli.i18n import N_, _
from lastmile_cli.textutil import visible

if TYPE_CHECKING:
    from lastmile_cli.views import ExampleList, LanguageList, PathList, SectionList

Table = tuple[tuple[str, ...], Sequence[tuple[str, ...]]]


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
    for language in view.languages:
        selected = language.code == view.choice.code
        rows.append(
            (
                language.code,
                language.name,
                language.english_name,
                completeness(language.translated(view.english), view.total),
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
