"""The configuration file: where it is, what ranks above and below it, what a broken one does,
and that a run without one costs nothing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Lastmile, subprocess_env
from lastmile_cli.config import Config, load, parse, path
from lastmile_cli.settings import build


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Write $XDG_CONFIG_HOME/lastmile/config.toml (clean_env's XDG_CONFIG_HOME)."""

    def write(text: str) -> Path:
        folder = tmp_path / "config" / "lastmile"
        folder.mkdir(parents=True, exist_ok=True)
        file = folder / "config.toml"
        file.write_text(text, encoding="utf-8")
        return file

    return write


# -- where it is -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"XDG_CONFIG_HOME": "/x/conf", "HOME": "/home/u"}, "/x/conf/lastmile/config.toml"),
        (
            {"XDG_CONFIG_HOME": "relative", "HOME": "/home/u"},
            "/home/u/.config/lastmile/config.toml",
        ),
        ({"HOME": "/home/u"}, "/home/u/.config/lastmile/config.toml"),
        ({"XDG_CONFIG_HOME": "", "HOME": "/home/u"}, "/home/u/.config/lastmile/config.toml"),
        ({}, None),
        ({"HOME": "not/absolute"}, None),
        ({"LASTMILE_CONFIG": "/etc/lm.toml", "XDG_CONFIG_HOME": "/x"}, "/etc/lm.toml"),
        ({"LASTMILE_CONFIG": "", "XDG_CONFIG_HOME": "/x"}, None),
    ],
)
def test_where_the_file_is_looked_for(env: dict[str, str], expected: str | None) -> None:
    assert path(env) == expected


# -- what ranks where ----------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def settings_for(options: dict[str, object], env: dict[str, str], tty: bool = False):  # type: ignore[no-untyped-def]
    return build(options, env, Terminal() if tty else io.StringIO())


@pytest.fixture
def toml(tmp_path: Path) -> Callable[[str], dict[str, str]]:
    """An environment whose LASTMILE_CONFIG is a file holding `text`."""

    def make(text: str) -> dict[str, str]:
        file = tmp_path / "lm.toml"
        file.write_text(text, encoding="utf-8")
        return {"LASTMILE_CONFIG": str(file)}

    return make


def test_format_option_over_config_over_default(toml: Callable[[str], dict[str, str]]) -> None:
    env = toml('format = "json"')
    assert settings_for({}, {}).output.format == "text"
    assert settings_for({}, env).output.format == "json"
    assert settings_for({"fmt": "markdown"}, env).output.format == "markdown"


def test_width_option_over_config_over_default(toml: Callable[[str], dict[str, str]]) -> None:
    env = toml("width = 60")
    assert settings_for({}, {}).output.width is None
    assert settings_for({}, env).output.width == 60
    assert settings_for({"width": 30}, env).output.width == 30
    assert settings_for({}, env, tty=True).output.width == 60  # on a terminal too


def test_colour_option_over_config_over_the_general_environment(
    toml: Callable[[str], dict[str, str]],
) -> None:
    never = toml('color = "never"')
    assert settings_for({}, {"FORCE_COLOR": "1"}).output.color_system is not None
    assert settings_for({}, {**never, "FORCE_COLOR": "1"}).output.color_system is None
    assert settings_for({"color": "always"}, never).output.color_system is not None
    always = toml('color = "always"')
    assert settings_for({}, {**always, "NO_COLOR": "1"}).output.color_system  # as no-color.org says
    assert settings_for({}, {"NO_COLOR": "1"}, tty=True).output.color_system is None


@pytest.mark.parametrize(
    ("options", "env", "configured", "expected"),
    [
        ({}, {}, None, "less -FRX"),
        ({}, {"PAGER": "more"}, None, "more"),
        ({}, {"PAGER": "more"}, 'pager = "most"', "most"),  # the file over PAGER, as git
        ({}, {"LASTMILE_PAGER": "lv", "PAGER": "more"}, 'pager = "most"', "lv"),
        ({}, {"PAGER": "more"}, "pager = false", None),
        ({}, {}, 'pager = ""', None),
        ({"pager": False}, {"LASTMILE_PAGER": "lv"}, 'pager = "most"', None),
    ],
)
def test_pager_option_over_lastmile_pager_over_config_over_pager(
    toml: Callable[[str], dict[str, str]],
    options: dict[str, object],
    env: dict[str, str],
    configured: str | None,
    expected: str | None,
) -> None:
    full = {**env, **(toml(configured) if configured else {})}
    assert settings_for(options, full, tty=True).output.pager == expected


def test_data_dirs_option_over_environment_over_config(
    toml: Callable[[str], dict[str, str]], tmp_path: Path
) -> None:
    for name in ("a", "b", "c", "sub"):
        (tmp_path / name).mkdir()
    env = toml('data_dirs = ["c", "sub", "missing"]')  # relative to the file's directory
    assert settings_for({}, {}).data_dirs == ()
    made = settings_for({}, env)
    assert made.data_dirs == (str(tmp_path / "c"), str(tmp_path / "sub"))
    assert any("data_dirs entry" in w and "missing" in w for w in made.warnings)
    from_env = settings_for({}, {**env, "LASTMILE_DATA_DIR": str(tmp_path / "b")})
    assert from_env.data_dirs == (str(tmp_path / "b"),)
    assert settings_for({"data_dir": (str(tmp_path / "a"),)}, env).data_dirs == (
        str(tmp_path / "a"),
    )


@pytest.mark.parametrize("mode", [0o644, 0o755, 0o600])  # (an executable file is a file too)
def test_the_file_stdout_is_redirected_to_is_known_when_user_files_are_read(
    tmp_path: Path, mode: int
) -> None:
    """`template es > ~/.local/share/lastmile/es.yaml`: the file being written is not read."""
    (tmp_path / "langs").mkdir()
    target = tmp_path / "langs" / "es.yaml"
    target.write_text("", encoding="utf-8")
    target.chmod(mode)
    with target.open("w", encoding="utf-8") as stdout:
        made = build({"data_dir": (str(tmp_path / "langs"),)}, {}, stdout)
        assert made.writing == (target.stat().st_dev, target.stat().st_ino)
        assert build({}, {}, stdout).writing is None  # (no user files: nothing to leave out)
    assert build({"data_dir": (str(tmp_path / "langs"),)}, {}, io.StringIO()).writing is None


def test_data_dirs_expand_the_home_directory(tmp_path: Path) -> None:
    (tmp_path / "langs").mkdir()
    made = parse(b'data_dirs = ["~/langs"]', "/etc/lastmile.toml")
    assert made.data_dirs == (os.path.expanduser("~/langs"),)


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ([], {}, "de"),  # the file
        ([], {"LANG": "fr_FR.UTF-8"}, "de"),  # the file over the locale
        ([], {"LASTMILE_LANG": "it"}, "it"),  # lastmile's variable over the file
        (["--lang", "es"], {"LASTMILE_LANG": "it"}, "es"),  # the option over everything
    ],
)
def test_language_option_over_environment_over_config_over_locale(
    lastmile: Lastmile,
    config: Callable[[str], Path],
    args: list[str],
    env: dict[str, str],
    expected: str,
) -> None:
    config('language = "Deutsch"')
    result = lastmile("explain", "-f", "json", *args, env=env)
    assert result.code == 0, result.err
    assert json.loads(result.out)["language"] == expected


def test_languages_says_the_file_chose(lastmile: Lastmile, config: Callable[[str], Path]) -> None:
    file = config('language = "de"')
    out = lastmile("languages").out
    assert f"de\tDeutsch\tGerman\t8/8\tbundled\tfrom language = de ({file})\n" in out


def test_a_language_the_file_names_that_is_not_available_falls_through(
    lastmile: Lastmile, config: Callable[[str], Path]
) -> None:
    file = config('language = "klingon"')
    result = lastmile("languages", env={"LANG": "it_IT.UTF-8"})
    assert result.code == 0
    assert f"\tlanguage = klingon ({file}) is not available; from LANG=it_IT.UTF-8\n" in result.out


def test_the_file_changes_the_defaults_of_every_command(
    lastmile: Lastmile, config: Callable[[str], Path]
) -> None:
    config('format = "markdown"\nwidth = 40\n')
    assert lastmile("sections").out.startswith("| id | kind | title |\n")
    assert lastmile("explain", "-s", "summary", "-f", "text").out.splitlines()[3] == (
        "Last mile failure refers to the critical"
    )


# -- a broken file: one warning a line, naming file, line and key; the run goes on --------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('format = "json"\nwidht = 3\n', ":2: unknown key 'widht'; did you mean 'width'?; ignored"),
        (
            "width = 'wide'",
            ":1: width: must be a whole number from 1 to 10000, not 'wide'; ignored",
        ),
        ("width = 0", ":1: width: must be a whole number from 1 to 10000, not 0; ignored"),
        ("width = true", ":1: width: must be a whole number from 1 to 10000, not true; ignored"),
        ('format = "yaml"', ":1: format: must be one of: text, markdown, json, html; ignored"),
        ("color = 3", ":1: color: must be text, not 3; ignored"),
        ('\n\ndata_dirs = "x"', ":3: data_dirs: must be a list of directories, not 'x'; ignored"),
        ("pager = true", ":1: pager: must be a command, or false for none, not true; ignored"),
        ("[language]\nx = 1", ":1: language: must be text, not a table; ignored"),
        ('language = "\\u001b[2J"', ":1: language: must be text, not '\\x1b[2J'; ignored"),
        (
            'format = "json"\nwidth = = 3\n',
            ":2:9: not valid TOML (Invalid value); using the defaults",
        ),
        ('format = "json"\nformat = "text"\n', ":2:"),
    ],
)
def test_a_broken_file_is_one_warning_a_problem_and_the_run_goes_on(
    lastmile: Lastmile, config: Callable[[str], Path], text: str, said: str
) -> None:
    file = config(text)
    result = lastmile("explain", "-s", "summary", "-f", "text")
    assert result.code == 0
    assert result.out.startswith("What’s a last mile failure?\n")
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"lastmile: warning: {file}:"), result.err
    assert said in lines[0]


def test_a_broken_file_keeps_what_it_has_right(
    lastmile: Lastmile, config: Callable[[str], Path]
) -> None:
    config('format = "json"\nwidth = "wide"\n')
    result = lastmile("explain", "-s", "summary")
    assert json.loads(result.out)["language"] == "en"
    assert "width: must be a whole number" in result.err


def test_a_file_that_is_not_utf8_a_directory_or_a_fifo(lastmile: Lastmile, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'format = "json"\n# caf\xe9\n')
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    cases = {
        str(bad): f"{bad}:2: not UTF-8 text; using the defaults",
        str(tmp_path): f"{tmp_path}: not a regular file; using the defaults",
        str(fifo): f"{fifo}: not a regular file; using the defaults",  # never opened: no hang
    }
    for where, said in cases.items():
        result = lastmile("explain", "-s", "summary", env={"LASTMILE_CONFIG": where})
        assert (result.code, result.err) == (0, f"lastmile: warning: {said}\n")


def test_a_huge_or_unreadable_file(lastmile: Lastmile, tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * 70_000, encoding="utf-8")
    result = lastmile("explain", "-s", "summary", env={"LASTMILE_CONFIG": str(huge)})
    assert result.err == f"lastmile: warning: {huge}: larger than 64 KiB; using the defaults\n"
    if os.geteuid() != 0:  # (root reads anything)
        locked = tmp_path / "locked.toml"
        locked.write_text('format = "json"', encoding="utf-8")
        locked.chmod(0)
        result = lastmile("explain", "-s", "summary", env={"LASTMILE_CONFIG": str(locked)})
        assert "cannot read it (permission denied); using the defaults" in result.err


def test_no_file_and_an_empty_file_are_the_defaults(tmp_path: Path) -> None:
    assert load({"LASTMILE_CONFIG": str(tmp_path / "none.toml")}) == Config(
        path=str(tmp_path / "none.toml")
    )
    assert parse(b"", "x.toml") == Config(path="x.toml")
    assert load({"LASTMILE_CONFIG": ""}) == Config()


@pytest.mark.parametrize(
    ("data", "settings", "said"),
    [
        (b"width = 1", {"width": 1}, None),  # (the narrowest width there is)
        (b"language = [1]", {}, ":1: language: must be text, not a list; ignored"),
        (b'color = "blue"', {}, ":1: color: must be one of: auto, always, never; ignored"),
        (
            b'zzzzzz = 1\nformat = "JSON"',  # (a key after an unknown one still counts)
            {"format": "json"},
            ":1: unknown key 'zzzzzz'; allowed: language, format, color, width, pager,"
            " data_dirs; ignored",
        ),
        (b"x = = 1", {}, ":1:5: not valid TOML (Invalid value); using the defaults"),
        (  # (a key after a wrong value still counts)
            b'width = 0\ncolor = "never"',
            {"color": "never"},
            ":1: width: must be a whole number from 1 to 10000, not 0; ignored",
        ),
    ],
)
def test_what_a_file_sets_and_what_it_says(
    data: bytes, settings: dict[str, object], said: str | None
) -> None:
    expected = () if said is None else (f"warning: /c/x.toml{said}",)
    assert parse(data, "/c/x.toml") == Config(path="/c/x.toml", warnings=expected, **settings)  # type: ignore[arg-type]


def test_a_name_that_cannot_be_looked_at_is_a_warning(tmp_path: Path) -> None:
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    assert load({"LASTMILE_CONFIG": str(loop)}) == Config(
        path=str(loop),
        warnings=(
            f"warning: {loop}: cannot read it (too many levels of symbolic links); using the"
            " defaults",
        ),
    )
    nul = f"{tmp_path}/a\0b"
    assert load({"LASTMILE_CONFIG": nul}) == Config(
        path=nul,
        warnings=(
            f"warning: {tmp_path}/a\\u0000b: cannot read it (embedded null byte); using the"
            " defaults",
        ),
    )


# -- what it costs -------------------------------------------------------------------------

PROBE = """
import atexit, sys
# What was loaded, said at exit (a callback there also keeps Python's own exit: entry._end)
atexit.register(lambda: sys.stderr.write("\\n" + " ".join(sorted(sys.modules))))
from lastmile_cli.entry import main
sys.argv = ["lastmile", *sys.argv[1:]]
main()
"""


def modules_and_output(args: list[str], **env: str) -> tuple[set[str], str]:
    full = subprocess_env(**env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=full, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(result.stderr.splitlines()[-1].split()), result.stdout


@pytest.mark.slow
def test_without_a_file_the_shortcut_loads_no_toml(tmp_path: Path, clean_env: Path) -> None:
    modules, out = modules_and_output(
        ["explain", "-l", "de"], XDG_CONFIG_HOME=str(tmp_path), LASTMILE_CACHE_DIR=str(clean_env)
    )
    assert "lastmile_cli.shortcut" in modules and "lastmile_cli.config" in modules
    assert "tomllib" not in modules and "click" not in modules
    assert out.startswith("Was ist ein Scheitern der letzten Meile?\n")


@pytest.mark.slow
def test_with_a_file_the_shortcut_reads_it_and_still_loads_no_click(
    tmp_path: Path, clean_env: Path
) -> None:
    (tmp_path / "lastmile").mkdir()
    (tmp_path / "lastmile" / "config.toml").write_text('format = "json"\n', encoding="utf-8")
    modules, out = modules_and_output(
        ["explain", "-l", "de"], XDG_CONFIG_HOME=str(tmp_path), LASTMILE_CACHE_DIR=str(clean_env)
    )
    assert "tomllib" in modules and "click" not in modules
    assert json.loads(out)["language"] == "de"
