"""Colour, width and pager decisions, made once from options, environment and the stream."""

from __future__ import annotations

import io

import pytest

from lastmile_cli.output import decide, pager_command, wants_color


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("option", "env", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("auto", {"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_rules(option: str, env: dict[str, str], tty: bool, expected: bool) -> None:
    assert wants_color(option, env, tty) is expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "less -FRX"),
        ({"PAGER": "more"}, "more"),
        ({"PAGER": ""}, None),
        ({"PAGER": "cat"}, None),
        ({"LASTMILE_PAGER": "", "PAGER": "more"}, None),
        ({"LASTMILE_PAGER": "most", "PAGER": "more"}, "most"),
    ],
)
def test_pager_command(env: dict[str, str], expected: str | None) -> None:
    assert pager_command(env) == expected


def test_a_pipe_is_plain_with_no_pager() -> None:
    output = decide("text", "auto", None, None, {}, io.StringIO())
    assert (output.styled, output.color_system is not None, output.pager, output.width) == (
        False,
        False,
        None,
        None,
    )


def test_forced_colour_in_a_pipe_is_styled_at_80_columns() -> None:
    output = decide("text", "auto", None, None, {"FORCE_COLOR": "1"}, io.StringIO())
    assert (output.styled, output.color_system is not None, output.width) == (True, True, 80)


def test_json_and_markdown_are_never_styled() -> None:
    for fmt in ("json", "markdown"):
        assert not decide(fmt, "always", None, None, {}, FakeTTY()).styled


def test_no_pager_and_explicit_width_on_a_terminal() -> None:
    output = decide("text", "never", 60, False, {}, FakeTTY())
    assert (output.styled, output.color_system is not None, output.pager, output.width) == (
        True,
        False,
        None,
        60,
    )
