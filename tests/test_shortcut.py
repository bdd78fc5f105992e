"""The shortcut for every command's common forms (shortcut.py): what it accepts is what Click
accepts, both read one table (option_table.py), it answers byte for byte as Click's path does,
and it loads neither Click nor (in a pipe) Rich."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, NOT_TIMED, TerminalRun, subprocess_env
from lastmile_cli.cli import cli
from lastmile_cli.option_table import COMMANDS, Argument, Option
from lastmile_cli.shortcut import CLICKS_OWN, parse, recognize, version

# A valid value for each required argument, so that Click makes a context with the defaults.
SAMPLE = {
    "first": "de",
    "second": "it",
    "shell": "bash",
    "code": "de",
    "query": "x",
    "path": __file__,
}


def click_command(name: str) -> click.Command:
    with click.Context(cli) as ctx:
        command = cli.get_command(ctx, name)
    assert command is not None
    return command


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_click_commands_are_the_table(name: str) -> None:
    """Every row of the table is a parameter of the Click command, in the same order, with the
    same spellings, destination, kind and default; and nothing else is."""
    command = click_command(name)
    params = [p for p in command.params if p.name != "help"]
    assert [p.name for p in params] == [row.dest for row in COMMANDS[name]]
    for param, row in zip(params, COMMANDS[name], strict=True):
        if isinstance(row, Option):
            assert isinstance(param, click.Option)
            assert param.opts == list(row.names)
            assert param.secondary_opts == ([row.off] if row.off else [])
            assert param.is_flag == row.flag
            assert param.multiple == row.multiple
            assert param.hidden == row.hidden
            if row.kind == "choice":
                assert isinstance(param.type, click.Choice)
                assert tuple(param.type.choices) == row.choices
        else:
            assert isinstance(row, Argument) and isinstance(param, click.Argument)
            assert param.nargs == (-1 if row.many else 1)
            assert param.required == row.required
    given = [
        SAMPLE[row.dest]
        for row in COMMANDS[name]
        if isinstance(row, Argument) and row.required and not row.many
    ]
    if name == "fingerprint":
        given = [__file__]
    with command.make_context(name, list(given)) as ctx:  # what Click passes when nothing is given
        assert command.callback is not None
        call = ctx.invoke(
            command.callback, **ctx.params
        )  # (a default the config may replace: None)
        expected = {**dict(call.shared), **dict(call.arguments)}
    if name in CLICKS_OWN:
        assert parse([name, *given]) is None
        return
    parsed = parse([name, *given])
    assert parsed is not None
    assert parsed[1] == {k: v for k, v in expected.items() if k != "lang" or name != "compare"}


def defaults(name: str) -> dict[str, object]:
    return {row.dest: row.passed for row in COMMANDS[name] if not getattr(row, "hidden", False)}


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
        (["explain", "-fjson", "--width", "72"], {"fmt": "json", "width": 72}),
        (["explain", "--with", "en", "--colour", "never"], {"with_lang": "en", "color": "never"}),
        (["example", "marathon", "-l", "it"], {"name": "marathon", "lang": "it"}),
        (["example", "-l", "it", "maratón"], {"name": "maratón", "lang": "it"}),
        (["example", ""], {"name": ""}),
        (
            ["compare", "de", "it", "--by", "sentence"],
            {"first": "de", "second": "it", "by": "sentence"},
        ),
        (["search", "turnout", "-l", "de", "-lit"], {"query": "turnout", "langs": ("de", "it")}),
        (["status", "de", "fr", "-f", "csv"], {"codes": ("de", "fr"), "fmt": "csv"}),
        (["paths", "data", "cache"], {"roles": ("data", "cache")}),
        (["template", "pt", "--example", "x"], {"code": "pt", "examples": ("x",)}),
        (["validate", ".", "--strict"], {"paths": (".",), "strict": True}),
        (["import", __file__, "--force"], {"path": __file__, "force": True}),
    ],
)
def test_the_forms_it_answers(argv: list[str], expected: dict[str, object]) -> None:
    parsed = parse(argv)
    assert parsed is not None
    assert parsed == (argv[0], {**defaults(argv[0]), **expected})


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--help"],
        ["--version"],
        ["explian"],
        ["compare", "de"],
        ["compare", "de", "it", "--lang", "fr"],  # hidden: Click says it is not for compare
        ["compare", "de", "it", "--by", "Sentence"],  # another case: Click folds it
        ["explain", "--help"],
        ["explain", "-h"],
        ["explain", "--format", "yaml"],
        ["explain", "--width", "0"],
        ["explain", "--width", "+5"],
        ["explain", "--lang"],
        ["explain", "--lang", "-s"],
        ["explain", "--lan", "de"],
        ["explain", "--pager=yes"],
        ["explain", "--", "x"],
        ["explain", "-"],
        ["explain", "extra"],
        ["explain", "--data-dir", "/no/such/dir"],
        ["explain", "--data-dir", "/dev/null"],
        ["example", "a", "b"],
        ["example", "-s", "marathon"],
        ["search"],
        ["search", "  "],
        ["search", "\u2010"],  # (a hyphen alone: no word, the query is empty)
        ["search", "- '"],
        ["status", "-f", "xml"],
        ["paths", "nowhere"],
        ["template", "pt", "-s", "x"],  # template's --section has no short form
        ["validate", "/no/such/file"],
        ["fingerprint"],
        ["fingerprint", "/"],
        ["import", "/no/such.po"],
        ["import", __file__, "-o", __file__],  # an existing file: Click's and the command's call
        ["completion", "bash"],  # Click's own work
    ],
)
def test_everything_else_goes_to_click(argv: list[str]) -> None:
    assert parse(argv) is None


def test_the_version_is_the_package_metadata() -> None:
    from importlib.metadata import version as metadata

    assert version() == f"lastmile {metadata('lastmile-cli')}\n"


# -- what runs: nothing heavy on the shortcut's path ---------------------------------------------

PROBE = """
import atexit, sys
# What was loaded, said at exit (a callback there also keeps Python's own exit: entry._end)
atexit.register(lambda: sys.stderr.write("\\n" + " ".join(sorted(sys.modules))))
from lastmile_cli.entry import main
sys.argv = ["lastmile", *sys.argv[1:]]
main()
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
    "polib",
    "lastmile_cli.cli",
    "lastmile_cli.options",
    "lastmile_cli.loader",
    "tomllib",  # (only to read a configuration file that is there: test_config.py)
)
RE = ["collections", "enum", "functools", "re"]
# Each command's common piped form, and what of HEAVY it may load: the work itself, never Click.
FAST_FORMS: list[tuple[list[str], list[str]]] = [
    (["--version"], []),
    (["explain"], []),
    (["explain", "--lang", "de"], []),
    (["explain", "-l", "de", "--section", "marathon"], []),
    (["example", "marathon"], []),
    (["example", "marathon", "-l", "it", "--no-pager"], []),
    (["sections"], []),
    (["languages"], []),
    (["compare", "de", "it"], []),
    (["paths"], []),
    (["status"], []),
    (["template", "pt"], []),
    (["search", "turnout"], []),
    (["export", "de"], []),
    (["compare", "de", "en", "--by", "sentence"], []),  # (split and aligned at build time)
    (["explain", "--lang", "it", "--with", "en"], []),
    (["example", "marathon", "-l", "it", "--with", "en"], []),
    # (the bundled article was checked at build time, and the user has no file: no PyYAML)
    (["validate"], ["collections", "enum", "functools"]),  # (problems.Severity is an enum)
    # The forms below pay for what their work needs (BENCHMARKS.md has what each costs); `re`
    # brings `enum`, `functools` and `collections` with it.
    (["explain", "-f", "json"], [*RE, "contextlib", "json", "typing"]),  # (render/json.py)
]


def loaded(args: list[str], cache: Path, **env: str) -> set[str]:
    full = subprocess_env(LASTMILE_CACHE_DIR=str(cache), **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=full, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(result.stderr.splitlines()[-1].split())


@pytest.mark.slow
@pytest.mark.parametrize(("args", "allowed"), FAST_FORMS, ids=lambda v: " ".join(v) or "-")
def test_a_piped_common_form_loads_nothing_heavy(
    tmp_path: Path, args: list[str], allowed: list[str]
) -> None:
    modules = loaded(args, tmp_path / "cache")
    assert "lastmile_cli.shortcut" in modules
    assert "click" not in modules and "rich" not in modules
    assert sorted(m for m in HEAVY if m in modules and m not in allowed) == []


def test_every_command_has_a_fast_form_listed() -> None:
    listed = {args[0] for args, _allowed in FAST_FORMS}
    assert set(COMMANDS) - listed == {"fingerprint", "import", *CLICKS_OWN}  # (they write files)


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
    modules = loaded(["--version"], tmp_path / "cache", LASTMILE_SHORTCUT="0")
    assert "click" in modules


@pytest.mark.slow
def test_styled_output_pays_for_rich_only(tmp_path: Path) -> None:
    """FORCE_COLOR styles a pipe as a terminal is styled: Rich, and nothing of Click's."""
    modules = loaded(["explain", "--lang", "de"], tmp_path / "cache", FORCE_COLOR="1")
    assert "rich.style" in modules
    assert sorted(m for m in ("click", "yaml", "gettext", "lastmile_cli.cli") if m in modules) == []


# -- the differential test: both ways, byte for byte, every command ------------------------------

# Paths relative to the run's own folder (a fresh copy of WORKSPACE for each run: fingerprint and
# import write files), so that both ways see the same files and print the same paths.
PATHS = [
    "user",
    "broken",
    "user/qaa.yaml",
    "broken/qab.yaml",
    "de.po",
    "new.yaml",
    "missing",
    "/dev/null",
    ".",
]
VALUES = [
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
    "=de",
    "\u202e",
    "car sales",
    "marathon",
    "telecom",
    "nope",
    "Autoverkäufer",
    "key point",
    "turnout",
    "  ",
    "\u2010",  # (a hyphen alone: a query without a word)
    "get-out-the-vote",
    "json",
    "markdown",
    "html",
    "csv",
    "text",
    "never",
    "always",
    "sentence",
    "paragraph",
    "0",
    "72",
    "10001",
    "data",
    "cache",
    "bash",
    *PATHS,
]
JUNK = ["--help", "-h", "--", "-", "--nope", "-Z", "--version"]
BROKEN = "language: qab\nname: Broken\ntitle: [unclosed\n"


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(sorted(COMMANDS)))
    options = [row for row in COMMANDS[command] if isinstance(row, Option)]
    spellings = [n for row in options for n in (*row.names, *([row.off] if row.off else []))]
    words: list[str] = [command]
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 5))
        value = draw(st.sampled_from(VALUES))
        if kind <= 1:
            words.append(value)
        elif kind == 2:
            words += [draw(st.sampled_from(spellings)), value]
        elif kind == 3:
            spelling = draw(st.sampled_from(spellings))
            words.append(f"{spelling}={value}" if spelling.startswith("--") else spelling + value)
        elif kind == 4:
            words.append(draw(st.sampled_from(spellings)))
        else:
            words.append(draw(st.sampled_from(JUNK)))
    return words


ENVIRONMENTS = st.fixed_dictionaries(
    {},
    optional={
        "LANG": st.sampled_from(["de_DE.UTF-8", "fr_FR.UTF-8", "C", "it_IT", "pt_BR.UTF-8"]),
        "LANGUAGE": st.sampled_from(["es:it", "fr", ""]),
        "LASTMILE_LANG": st.sampled_from(["it", "qaa", "xx", "Español"]),
        "NO_COLOR": st.just("1"),
        "FORCE_COLOR": st.just("1"),
        "LASTMILE_DATA_DIR": st.sampled_from(["user", "broken", "/no/such"]),
        "LASTMILE_CONFIG": st.sampled_from(["config.toml", "bad.toml", ""]),
    },
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files the generated command lines name: languages, a broken one, a catalog."""
    root = tmp_path_factory.mktemp("workspace")
    (root / "user").mkdir()
    (root / "broken").mkdir()
    (root / "user" / "qaa.yaml").write_text(MINIMAL.format(code="qaa"), encoding="utf-8")
    (root / "user" / "de.yaml").write_text(
        MINIMAL.format(code="de").replace("One paragraph.", "Ein Absatz. Noch einer."),
        encoding="utf-8",
    )
    (root / "broken" / "qab.yaml").write_text(BROKEN, encoding="utf-8")
    (root / "config.toml").write_text('format = "markdown"\nlanguage = "fr"\n', encoding="utf-8")
    (root / "bad.toml").write_text("format = [\n", encoding="utf-8")
    exported = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", "export", "de"],
        env=subprocess_env(),
        capture_output=True,
        check=True,
    )
    (root / "de.po").write_bytes(exported.stdout)
    return root


def both_ways(workspace: Path, run: Path, args: list[str], env: dict[str, str]) -> list[object]:
    runs = []
    for switch in ("1", "0"):
        shutil.rmtree(run, ignore_errors=True)
        shutil.copytree(workspace, run)
        full = subprocess_env(
            LASTMILE_CACHE_DIR=str(run.parent / "cache"), LASTMILE_SHORTCUT=switch, **env
        )
        result = subprocess.run(
            [sys.executable, "-m", "lastmile_cli", *args],
            env=full,
            cwd=run,
            capture_output=True,
            timeout=60,
        )
        written = sorted(
            (p.relative_to(run).as_posix(), p.read_bytes()) for p in run.rglob("*") if p.is_file()
        )
        runs.append((result.returncode, result.stdout, result.stderr, written))
    return runs


@pytest.mark.slow
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, *NOT_TIMED],
)
@given(args=command_lines(), env=ENVIRONMENTS)
def test_the_shortcut_and_click_answer_alike(
    workspace: Path, tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    """Every command, on generated command lines and environments: the exit code, stdout,
    stderr and the files left behind are the same byte for byte, whichever way answers."""
    first, second = both_ways(workspace, tmp_path / "run", args, env)
    assert first == second, (args, env)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["explain", "--lang", "de", "--no-pager"],
        ["example", "marathon", "-l", "it"],
        ["explain", "-s", "key-point", "-s", "marathon", "--lang", "fr", "--no-pager"],
        ["sections", "-l", "es"],
        ["languages"],
        ["compare", "de", "it", "--section", "marathon"],
        ["compare", "de", "en", "--by", "sentence", "-s", "summary"],
        ["explain", "--lang", "it", "--with", "en", "-s", "summary"],
        ["search", "turnout", "-l", "en"],
        ["status"],
        ["paths", "bundled"],
        ["template", "pt", "--section", "summary"],
        ["validate", "--no-pager"],
        ["export", "it"],
        ["--version"],
    ],
)
def test_on_a_terminal_both_ways_print_the_same(
    terminal: Callable[..., TerminalRun], args: list[str]
) -> None:
    shortcut = terminal(args, columns=70)
    click_way = terminal(args, columns=70, LASTMILE_SHORTCUT="0")
    assert (shortcut.code, shortcut.screen) == (click_way.code, click_way.screen)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["explain", "--lang", "de"], ["example", "marathon"], ["sections", "--lang", "de"]]
)
def test_a_german_run_that_says_nothing_in_words_loads_no_catalog(
    args: list[str], tmp_path: Path
) -> None:
    """The interface's catalog is parsed (with gettext, and so re) at the first message shown:
    a German run whose output is the article's own text costs what an English one does."""
    modules = loaded(args, tmp_path / "cache", LANG="de_DE.UTF-8")
    assert sorted(m for m in ("gettext", "re", "click") if m in modules) == []


@pytest.mark.slow
def test_the_forms_that_read_a_file_load_no_click_and_no_rich(tmp_path: Path) -> None:
    """`import FILE.po` (to stdout) and `fingerprint FILE` are answered by the shortcut too:
    what they load beyond the others is their work (PyYAML for the file they check), never
    Click or Rich."""
    root = Path(__file__).parent.parent
    (tmp_path / "de.yaml").write_bytes((root / "data" / "de.yaml").read_bytes())
    exported = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", "export", "de"],
        env=subprocess_env(LASTMILE_CACHE_DIR=str(tmp_path / "cache")),
        capture_output=True,
        check=True,
        timeout=60,
    )
    (tmp_path / "de.po").write_bytes(exported.stdout)
    work = [*RE, "contextlib", "lastmile_cli.loader", "yaml"]  # (checking what they read)
    for args in (["import", str(tmp_path / "de.po")], ["fingerprint", str(tmp_path / "de.yaml")]):
        modules = loaded(args, tmp_path / "cache")
        assert "lastmile_cli.shortcut" in modules and "lastmile_cli.cli" not in modules, args
        assert "click" not in modules and "rich" not in modules, args
        assert sorted(m for m in HEAVY if m in modules and m not in work) == [], args


def test_a_path_the_user_cannot_read_goes_to_click(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Click's Path(readable=True) refuses it with its own message; the shortcut must not take it
    (as the system answers for a user without the right, even when the tests run as root)."""
    file = tmp_path / "locked.yaml"
    file.write_text("language: qaa\n", encoding="utf-8")
    assert parse(["validate", str(file)]) is not None
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False)
    assert parse(["validate", str(file)]) is None
    assert parse(["fingerprint", str(file)]) is None


@pytest.mark.parametrize(
    ("env", "answered"),
    [
        ({}, True),
        ({"LASTMILE_SHORTCUT": "1"}, True),
        ({"LASTMILE_SHORTCUT": "0"}, False),
        ({"_LASTMILE_COMPLETE": "zsh_complete"}, False),  # (completing is Click's own work)
    ],
)
def test_the_switch_and_completion_send_a_common_form_to_click(
    env: dict[str, str], answered: bool
) -> None:
    assert (recognize(["explain", "-f", "json"], env) is not None) is answered
