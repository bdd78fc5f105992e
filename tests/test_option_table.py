"""The table of options (option_table.py) that Click's commands and the shortcut both read: an
entry keeps what it is given, its defaults are a plain optional text option's, and `passed` is
what Click hands a command that was not given the option."""

from __future__ import annotations

import pytest

from lastmile_cli.option_table import Argument, Option


def test_an_option_keeps_everything_it_is_given() -> None:
    option = Option(
        ["--size", "-z"],
        "size",
        help="How big.",
        kind="choice",
        choices=("s", "m"),
        default="m",
        multiple=True,
        flag=True,
        off="--no-size",
        configured=True,
        metavar="SIZE",
        complete="sizes",
        hidden=True,
        shown=True,
    )
    assert (option.names, option.dest, option.help, option.kind, option.choices) == (
        ("--size", "-z"),
        "size",
        "How big.",
        "choice",
        ("s", "m"),
    )
    assert (option.default, option.multiple, option.flag, option.off, option.configured) == (
        "m",
        True,
        True,
        "--no-size",
        True,
    )
    assert (option.metavar, option.complete, option.hidden, option.shown) == (
        "SIZE",
        "sizes",
        True,
        True,
    )


def test_an_option_given_only_its_names_is_an_optional_text_value() -> None:
    option = Option(("--note",), "note", help="A note.")
    assert (option.kind, option.choices, option.default, option.off, option.metavar) == (
        "text",
        (),
        None,
        None,
        None,
    )
    assert (option.multiple, option.flag, option.configured, option.hidden, option.shown) == (
        False,
        False,
        False,
        False,
        False,
    )
    assert option.complete is None
    assert option.passed is None


@pytest.mark.parametrize(
    ("fields", "passed"),
    [
        ({"default": "x"}, "x"),
        ({"default": "x", "configured": True}, None),  # (the file's value, then the default)
        ({"multiple": True}, ()),
        ({"flag": True}, False),
        ({"flag": True, "off": "--no-x", "default": None}, None),  # (a switch: None, not given)
    ],
)
def test_what_click_passes_for_an_option_not_given(
    fields: dict[str, object], passed: object
) -> None:
    assert Option(("--x",), "x", help="", **fields).passed == passed  # type: ignore[arg-type]


def test_an_argument_keeps_everything_it_is_given() -> None:
    argument = Argument(
        "paths",
        metavar="FILE...",
        kind="file",
        choices=("a",),
        required=False,
        many=True,
        complete="examples",
        nonblank=True,
    )
    assert (argument.dest, argument.metavar, argument.kind, argument.choices) == (
        "paths",
        "FILE...",
        "file",
        ("a",),
    )
    assert (argument.required, argument.many, argument.complete, argument.nonblank) == (
        False,
        True,
        "examples",
        True,
    )
    assert argument.passed == ()


def test_an_argument_given_only_its_name_is_one_required_text_value() -> None:
    argument = Argument("name")
    assert (argument.metavar, argument.kind, argument.choices, argument.complete) == (
        None,
        "text",
        (),
        None,
    )
    assert (argument.required, argument.many, argument.nonblank) == (True, False, False)
    assert argument.passed is None
