"""Property tests: no argument list crashes lastmile, and no printable text is altered."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOT_TIMED, strip_ansi
from lastmile_cli.cli import run
from lastmile_cli.model import Document, Section
from lastmile_cli.output import Output
from lastmile_cli.render import render

COMMANDS = ["explain", "example", "sections", "languages", "search", "compare", "validate"]
OPTIONS = [
    "--lang",
    "-l",
    "--format",
    "-f",
    "--color",
    "--width",
    "--pager",
    "--no-pager",
    "--section",
    "-s",
    "--strict",
    "--help",
    "--",
    "-",
]
WORDS = [
    "de",
    "en",
    "es",
    "fr",
    "it",
    "json",
    "markdown",
    "text",
    "always",
    "never",
    "marathon",
    "maratón",
    "0",
    "-5",
    "99999999999999999999",
    "",
]
# Unicode text without NUL (argv cannot hold it) and without surrogates (argv decoding makes them).
ARG_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)
ARGUMENT = st.one_of(st.sampled_from(OPTIONS), st.sampled_from(WORDS), ARG_TEXT)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, *NOT_TIMED],
)
@given(command=st.sampled_from(COMMANDS), arguments=st.lists(ARGUMENT, max_size=6))
def test_any_arguments_give_0_1_or_2_and_no_traceback(
    capsys: pytest.CaptureFixture[str], command: str, arguments: list[str]
) -> None:
    code = run([command, *arguments])
    captured = capsys.readouterr()
    assert code in (0, 1, 2), (code, captured.err)
    assert "Traceback" not in captured.err
    assert "internal error" not in captured.err
    assert captured.err.count("\n") <= 1, captured.err


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, *NOT_TIMED],
)
@given(arguments=st.lists(ARGUMENT, max_size=5))
def test_top_level_arguments(capsys: pytest.CaptureFixture[str], arguments: list[str]) -> None:
    code = run(arguments)
    captured = capsys.readouterr()
    assert code in (0, 1, 2)
    assert "Traceback" not in captured.err


PRINTABLE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80
).filter(lambda t: t.isprintable() and t.strip() == t and t.strip() != "" and "  " not in t)


def document(paragraph: str) -> Document:
    return Document(
        "qaa", "Title", (Section("definition", "section", "Def", (paragraph,), code="qaa"),)
    )


@settings(max_examples=200, deadline=None)
@given(paragraph=PRINTABLE)
def test_plain_output_contains_any_printable_paragraph_exactly(paragraph: str) -> None:
    assert f"\n{paragraph}\n" in render(document(paragraph), Output())


@settings(max_examples=200, deadline=None)
@given(paragraph=PRINTABLE, color=st.sampled_from([None, "standard", "truecolor"]))
def test_terminal_output_contains_it_once_styling_is_removed(
    paragraph: str, color: str | None
) -> None:
    output = Output(styled=True, color_system=color, width=10000)
    assert paragraph in strip_ansi(render(document(paragraph), output))
