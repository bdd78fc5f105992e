"""The shortcut for the common forms (shortcut.py): what it accepts is what Click accepts, it
answers byte for byte as Click's path does, and it loads nothing heavy."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, NOT_TIMED, TerminalRun, subprocess_env
from lastmile_cli.commands import example, explain
from lastmile_cli.shortcut import (
    ARGUMENTS,
    COMPLETION,
    DEFAULTS,
    FLAGS,
    OPTIONS,
    REPEATABLE,
    SWITCH,
    parse,
    recognize,
)

COMMANDS = {"explain": explain.command(), "example": example.command()}


@pytest.mark.parametrize("name", sorted(OPTIONS))
def test_the_accepted_forms_are_the_click_commands_own(name: str) -> None:
    """Every spelling the shortcut takes is an option of the Click command, with the same
    destination, the same kind (flag or value, once or repeatable), and the same defaults; so
    an option renamed or changed in Click cannot go on working differently here."""
    command = COMMANDS[name]
    by_spelling = {
        spelling: param
        for param in command.params
        if isinstance(param, click.Option)
        for spelling in (*param.opts, *param.secondary_opts)
    }
    for spelling, dest in OPTIONS[name].items():
        param = by_spelling[spelling]
        assert param.name == dest, spelling
        assert (spelling in FLAGS) == param.is_flag, spelling
        if spelling in FLAGS:
            assert (spelling in param.opts) == FLAGS[spelling], spelling  # --pager is True
        assert param.multiple == (dest in REPEATABLE), spelling
        assert param.nargs == 1
    arguments = [p.name for p in command.params if isinstance(p, click.Argument)]
    assert tuple(arguments) == ARGUMENTS[name]
    with command.make_context(name, []) as ctx:  # what Click passes when nothing is given
        assert ctx.params == DEFAULTS[name]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["explain"], {}),
        (["explain", "--lang", "de"], {"lang": "de"}),
        (["explain", "--lang=de"], {"lang": "de"}),
        (["explain", "-lde"], {"lang": "de"}),
        (["explain", "-l=de"], {"lang": "=de"}),  # as Click reads it
        (["explain", "-l", "de", "-l", "fr"], {"lang": "fr"}),  # the last wins, as in Click
        (["explain", "-s", "marathon", "--section=telecom"], {"sections": ("marathon", "telecom")}),
        (["explain", "--no-pager", "--pager"], {"pager": True}),
        (["example", "marathon", "-l", "it"], {"name": "marathon", "lang": "it"}),
        (["example", "-l", "it", "maratón"], {"name": "maratón", "lang": "it"}),
        (["example", ""], {"name": ""}),
    ],
)
def test_the_forms_it_answers(argv: list[str], expected: dict[str, object]) -> None:
    parsed = parse(argv)
    assert parsed is not None
    assert parsed == (argv[0], {**DEFAULTS[argv[0]], **expected})


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["--version"],
        ["explian"],
        ["compare", "de", "it"],
        ["explain", "--help"],
        ["explain", "-h"],
        ["explain", "--format", "json"],
        ["explain", "--lang"],
        ["explain", "--lang", "-s"],
        ["explain", "--lan", "de"],
        ["explain", "--pager=yes"],
        ["explain", "--", "x"],
        ["explain", "-"],
        ["explain", "extra"],
        ["explain", "--with", "en"],
        ["explain", "--data-dir", "/no/such/dir"],
        ["explain", "--data-dir", "/dev/null"],
        ["example", "a", "b"],
        ["example", "-s", "marathon"],
    ],
)
def test_everything_else_goes_to_click(argv: list[str]) -> None:
    assert parse(argv) is None


FORMS = [
    ["explain"],
    ["explain", "--lang", "de", "-s", "marathon", "--section=telecom"],
    ["explain", "--no-pager", "-lfr"],
    ["example"],
    ["example", "marathon", "-l", "it", "--pager"],
    ["example", "-l", "it", "maratón"],
]


def clicks_call(argv: list[str]) -> object:
    """The Call Click's own command makes for this command line (its callback's result)."""
    command = COMMANDS[argv[0]]
    with command.make_context(argv[0], argv[1:]) as ctx:
        return command.invoke(ctx)


@pytest.mark.parametrize("argv", FORMS, ids=" ".join)
def test_recognize_makes_the_call_click_makes(argv: list[str]) -> None:
    """In-process, what test_the_shortcut_and_click_answer_alike pins through processes: the
    same function, the same shared options, the same arguments."""
    assert recognize(argv, {}) == clicks_call(argv)


@pytest.mark.parametrize("env", [{SWITCH: "0"}, {COMPLETION: "bash_complete"}])
def test_recognize_leaves_to_click_when_asked_or_completing(env: dict[str, str]) -> None:
    assert recognize(["explain"], env) is None
    assert recognize(["explain"], {SWITCH: "1"}) is not None


def test_recognize_leaves_to_click_what_parse_does_not_take() -> None:
    assert recognize(["explain", "--format", "json"], {}) is None


# -- what runs: nothing heavy on the shortcut's path ---------------------------------------------

PROBE = """
import sys
from lastmile_cli.entry import main
sys.argv = ["lastmile", *sys.argv[1:]]
try:
    main()
except SystemExit as done:
    code = done.code
sys.stdout.flush()
sys.stderr.write("\\n" + " ".join(sorted(sys.modules)))
sys.exit(code)
"""
HEAVY = (
    "click",
    "rich",
    "yaml",
    "typing",
    "inspect",
    "re",
    "enum",
    "collections",
    "contextlib",
    "dataclasses",
    "functools",
    "gettext",
    "locale",
    "json",
    "importlib.metadata",
    "sentencex",
    "lastmile_cli.cli",
    "lastmile_cli.options",
    "lastmile_cli.loader",
    "tomllib",  # (only to read a configuration file that is there: test_config.py)
)


def loaded(args: list[str], cache: Path, **env: str) -> set[str]:
    full = subprocess_env(LASTMILE_CACHE_DIR=str(cache), **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=full, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(result.stderr.splitlines()[-1].split())


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["explain"],
        ["explain", "--lang", "de"],
        ["explain", "-l", "de", "--section", "marathon"],
        ["example", "marathon"],
        ["example", "marathon", "-l", "it", "--no-pager"],
    ],
)
def test_a_piped_common_form_loads_nothing_heavy(tmp_path: Path, args: list[str]) -> None:
    modules = loaded(args, tmp_path / "cache")
    assert "lastmile_cli.shortcut" in modules
    assert sorted(m for m in HEAVY if m in modules) == []


@pytest.mark.slow
def test_a_user_language_from_the_cache_loads_nothing_heavy(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "qaa.yaml").write_text(MINIMAL.format(code="qaa"), encoding="utf-8")
    os.utime(user / "qaa.yaml", (1_700_000_000, 1_700_000_000))  # not just written: cacheable
    args = ["explain", "--lang", "qaa", "--data-dir", str(user)]
    first = loaded(args, tmp_path / "cache")
    assert "yaml" in first  # the first run parses the file and fills the cache
    assert sorted(m for m in HEAVY if m in loaded(args, tmp_path / "cache")) == []


@pytest.mark.slow
def test_a_story_of_your_own_from_the_cache_loads_nothing_heavy(tmp_path: Path) -> None:
    """Placing the user's own sections (outline.py) needs no typing, re or collections."""
    user = tmp_path / "user"
    user.mkdir()
    story = Path(__file__).resolve().parent.parent / "docs" / "story" / "lastmile"
    for name in ("es.yaml", "en.yaml"):
        (user / name).write_bytes((story / name).read_bytes())
        os.utime(user / name, (1_700_000_000, 1_700_000_000))
    for args in (["explain", "--lang", "es"], ["explain", "--lang", "de"]):
        args += ["--data-dir", str(user)]
        loaded(args, tmp_path / "cache")  # fills the cache
        modules = loaded(args, tmp_path / "cache")
        assert "lastmile_cli.outline" in modules
        assert sorted(m for m in HEAVY if m in modules) == []


@pytest.mark.slow
def test_the_switch_sends_everything_to_click(tmp_path: Path) -> None:
    modules = loaded(["explain"], tmp_path / "cache", LASTMILE_SHORTCUT="0")
    assert "click" in modules and "lastmile_cli.cli" in modules


@pytest.mark.slow
def test_styled_output_pays_for_rich_only(tmp_path: Path) -> None:
    """FORCE_COLOR styles a pipe as a terminal is styled: Rich, and nothing of Click's."""
    modules = loaded(["explain", "--lang", "de"], tmp_path / "cache", FORCE_COLOR="1")
    assert "rich.style" in modules
    assert sorted(m for m in ("click", "yaml", "gettext", "lastmile_cli.cli") if m in modules) == []


# -- the differential test: both ways, byte for byte ---------------------------------------------

VALUES = st.sampled_from(
    [
        "de",
        "en",
        "it",
        "fr",
        "es",
        "German",
        "Deutsch",
        "de_AT.UTF-8",
        "xx",
        "",
        "DE",
        "qaa",
        "pt-BR",
        "maratón",
        "-x",
        "--",
        "=de",
        "\u202e",
        "car sales",
        "marathon",
        "telecom",
        "nope",
        "Autoverkäufer",
        "key point",
    ]
)
OPTION_WORDS = st.sampled_from(
    [
        "--lang",
        "-l",
        "--section",
        "-s",
        "--data-dir",
        "--pager",
        "--no-pager",
        "--format",
        "--with",
        "--help",
        "--",
        "-",
        "--lang=",
        "-l",
        "--section=",
    ]
)


@st.composite
def command_lines(draw: st.DrawFn, user: str, broken: str) -> list[str]:
    command = draw(st.sampled_from(["explain", "example"]))
    words: list[str] = [command]
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            words.append(draw(VALUES))
        elif kind == 1:
            option = draw(OPTION_WORDS)
            words.append(option + draw(VALUES) if option.endswith("=") else option)
        elif kind == 2:
            words += [draw(st.sampled_from(["--lang", "-l", "--section", "-s"])), draw(VALUES)]
        else:
            words += ["--data-dir", draw(st.sampled_from([user, broken, "/no/such", "/dev/null"]))]
    return words


ENVIRONMENTS = st.fixed_dictionaries(
    {},
    optional={
        "LANG": st.sampled_from(["de_DE.UTF-8", "fr_FR.UTF-8", "C", "it_IT", "pt_BR.UTF-8"]),
        "LANGUAGE": st.sampled_from(["es:it", "fr", ""]),
        "LASTMILE_LANG": st.sampled_from(["it", "qaa", "xx", "Español"]),
        "NO_COLOR": st.just("1"),
        "FORCE_COLOR": st.just("1"),
        "LASTMILE_DATA_DIR": st.sampled_from(["USER", "BROKEN", "/no/such"]),
    },
)
BROKEN = "language: qab\nname: Broken\ntitle: [unclosed\n"


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, *NOT_TIMED],
)
@given(data=st.data())
def test_the_shortcut_and_click_answer_alike(tmp_path: Path, data: st.DataObject) -> None:
    user, broken = tmp_path / "user", tmp_path / "broken"
    if not user.exists():
        user.mkdir()
        broken.mkdir()
        (user / "qaa.yaml").write_text(MINIMAL.format(code="qaa"), encoding="utf-8")
        (user / "de.yaml").write_text(
            MINIMAL.format(code="de").replace("One paragraph.", "Ein Absatz. Noch einer."),
            encoding="utf-8",
        )
        (broken / "qab.yaml").write_text(BROKEN, encoding="utf-8")
    args = data.draw(command_lines(str(user), str(broken)))
    env = data.draw(ENVIRONMENTS)
    env = {k: {"USER": str(user), "BROKEN": str(broken)}.get(v, v) for k, v in env.items()}
    runs = []
    for switch in ("1", "0"):
        full = subprocess_env(
            LASTMILE_CACHE_DIR=str(tmp_path / "cache"), LASTMILE_SHORTCUT=switch, **env
        )
        result = subprocess.run(
            [sys.executable, "-m", "lastmile_cli", *args], env=full, capture_output=True, timeout=60
        )
        runs.append((result.returncode, result.stdout, result.stderr))
    assert runs[0] == runs[1], (args, env)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["explain", "--lang", "de", "--no-pager"],
        ["example", "marathon", "-l", "it"],
        ["explain", "-s", "key-point", "-s", "marathon", "--lang", "fr", "--no-pager"],
    ],
)
def test_on_a_terminal_both_ways_print_the_same(
    terminal: Callable[..., TerminalRun], args: list[str]
) -> None:
    shortcut = terminal(args, columns=70)
    click_way = terminal(args, columns=70, LASTMILE_SHORTCUT="0")
    assert (shortcut.code, shortcut.screen) == (click_way.code, click_way.screen)
    assert "\x1b[" in shortcut.screen
