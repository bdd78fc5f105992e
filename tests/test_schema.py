"""The schema's rules for sections, one file at a time, in-process: what a user's own section may
be called and where it may go, and what the bundled English file may not say."""

from __future__ import annotations

from conftest import KNOWN
from lastmile_cli import loader
from lastmile_cli.model import Language
from lastmile_cli.problems import Problem
from lastmile_cli.schema import Known


def checked(
    text: str, name: str = "qaa.yaml", known: Known | None = None
) -> tuple[Language | None, list[Problem]]:
    language, problems = loader.check_bytes(
        text.encode("utf-8"),
        name,
        name,
        complete=False,
        source=name,
        known=KNOWN if known is None else known,
    )
    assert (language is None) is any(p.severity == "error" for p in problems)
    return language, problems


def check(text: str, name: str = "qaa.yaml", known: Known | None = None) -> list[Problem]:
    return checked(text, name, known)[1]


def own(code: str, *lines: str) -> str:
    """A file of one section of the user's own, `mine`, with `lines` among its keys."""
    head = f"language: {code}\nname: N\ntitle: T\nsections:\n  - id: mine\n    kind: example\n"
    tail = "    title: Mine\n    paragraphs: [A paragraph.]\n"
    return head + "".join(f"    {line}\n" for line in lines) + tail


def test_an_alias_that_is_a_bundled_name_is_an_error_at_the_aliases() -> None:
    """`example Autoverkauf` finds the bundled car-sales: an own section may not answer to it,
    whichever of its aliases says it."""
    found = check(own("qaa", "aliases: [Own, Autoverkauf]"))
    assert [(p.line, p.column, p.code, p.message) for p in found] == [
        (
            7,
            14,
            "name-taken",
            "alias 'Autoverkauf' of section 'mine' is already a name of the article's section"
            " 'car-sales' (its de title or alias 'Autoverkauf'); choose another",
        )
    ]


def test_aliases_that_no_bundled_section_answers_to_are_fine() -> None:
    language, found = checked(own("qaa", "aliases: [Own, Mein Lauf]"))
    assert [p.code for p in found] == ["missing-sections"]  # (a note: the file may be partial)
    assert isinstance(language, Language)
    assert language.sections[0].aliases == ("Own", "Mein Lauf")


def test_an_after_that_is_not_text_is_one_problem_at_it() -> None:
    """`after: ''` (or empty) is said once, as text that is missing; nothing else is made of it."""
    for value, found in (("''", "blank text"), ("", "empty")):
        problems = check(own("qaa", f"after: {value}"))
        assert [(p.line, p.column, p.code, p.message) for p in problems] == [
            (7, 12 if value else 11, "not-text", f"after must be non-empty text, not {found}")
        ]


def test_the_bundled_english_file_takes_no_after() -> None:
    """The bundled English file sets the article's order (no outline to check it against yet)."""
    text = own("en", "after: telecom")
    found = check(text, "en.yaml", Known(None, bundled=True))
    assert [(p.line, p.column, p.code, p.message) for p in found] == [
        (
            7,
            12,
            "misplaced-section",
            "the bundled article takes its order from this file; remove 'after'",
        )
    ]
