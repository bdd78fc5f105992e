"""lastmile(1): written from the Click commands, so every command, option and example is in it,
and valid roff, as mandoc and groff read it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import click
import pytest

from lastmile_cli.cli import COMMANDS, cli
from lastmile_cli.manpage import escape, filled, installed, literal, page, prose


@pytest.fixture
def the_page() -> str:
    """The page, written while the test runs (not at import, where a planted mutant is not yet in
    place)."""
    return page(cli, "9.9.9", "2026-01-02")


def sections(text: str) -> dict[str, str]:
    """Each command's subsection of the page, by name."""
    parts = re.split(
        r'^\.SS "(.+)"$', text.split(".SH COMMANDS", 1)[1].split("\n.SH ", 1)[0], flags=re.M
    )
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_command_has_its_section_with_its_options_and_examples(the_page: str) -> None:
    found = sections(the_page)
    assert list(found) == [name.replace("-", "\\-") for name in COMMANDS]
    root = click.Context(cli, info_name="lastmile", **cli.context_settings)
    for name in COMMANDS:
        command = cli.get_command(root, name)
        assert command is not None
        ctx = command.make_context(name, [], parent=root, resilient_parsing=True)
        text = found[name]
        assert f"\\fBlastmile {name}\\fR" in text
        for param in command.get_params(ctx):
            if isinstance(param, click.Option) and not param.hidden:
                for option in (*param.opts, *param.secondary_opts):
                    assert f"\\fB{literal(option)}\\fR" in text, (name, option)
        for line in (command.epilog or "").splitlines():
            if line.startswith("  lastmile "):
                assert literal(line.strip()) in text, (name, line)
        first = " ".join((command.help or "").split("\n\n")[0].split()[:4])
        assert prose(first) in " ".join(text.split()), name


def test_the_page_names_its_version_date_and_what_click_does_not_know(the_page: str) -> None:
    assert the_page.startswith('.TH LASTMILE 1 2026-01-02 "lastmile 9.9.9" "User Commands"\n')
    for heading in (
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "COMMANDS",
        "EXAMPLES",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
        "SEE ALSO",
    ):
        assert f"\n.SH {heading}\n" in the_page
    for variable in ("LASTMILE_LANG", "LASTMILE_DATA_DIR", "NO_COLOR", "LASTMILE_PAGER"):
        assert f"\\fB{literal(variable)}" in the_page
    files = the_page.split("\n.SH FILES\n")[1].split("\n.SH ")[0]
    for place in ("config.toml", "$XDG_DATA_HOME/lastmile/", "$XDG_CACHE_HOME/lastmile/"):
        assert literal(place) in files, place  # every place lastmile paths lists
    # a term to type in bold, a file's path in italics (man-pages(7)): each term of FILES
    terms = re.findall(r"^\.TP\n(.*)$", files, flags=re.M)
    assert terms and all(t.startswith("\\fI") and t.endswith("\\fR") for t in terms), terms


def test_the_page_is_ascii_and_no_text_line_is_a_request(the_page: str) -> None:
    the_page.encode("ascii")
    macros = {"TH", "SH", "SS", "PP", "TP", "RS", "RE", "nf", "fi"}
    for line in the_page.splitlines():
        if line.startswith((".", "'")):
            assert line[1:].split(" ", 1)[0] in macros, line


@pytest.mark.parametrize(
    ("text", "roff"),
    [
        (".start", "\\&.start"),
        ("'quote", "\\&'quote"),
        ("back\\slash", "back\\eslash"),
        ("maratón — «x»", "marat\\[u00F3]n \\[u2014] \\[u00AB]x\\[u00BB]"),
    ],
)
def test_text_is_escaped_for_roff(text: str, roff: str) -> None:
    assert escape(text) == roff


def test_option_dashes_are_minus_signs_and_words_keep_their_hyphens() -> None:
    assert (
        prose("use --lang or -f, a last-mile failure")
        == "use \\-\\-lang or \\-f, a last-mile failure"
    )
    assert literal("lastmile explain -l de") == "lastmile explain \\-l de"


def test_filling_never_starts_a_line_with_a_request() -> None:
    text = "x " * 38 + ".y and 'z " + "w " * 40
    lines = filled(text).splitlines()
    assert all(not line.startswith((".", "'")) for line in lines)
    assert " ".join(line.removeprefix("\\&") for line in lines) == " ".join(text.split())


@pytest.fixture
def written(tmp_path: Path, the_page: str) -> Path:
    path = tmp_path / "lastmile.1"
    path.write_text(the_page, encoding="ascii")
    return path


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("mandoc") is None, reason="mandoc is not installed (.ci/run installs it)"
)
def test_mandoc_finds_nothing_to_say(written: Path) -> None:
    result = subprocess.run(
        ["mandoc", "-T", "lint", "-W", "style", str(written)], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
def test_groff_renders_it_without_a_warning(written: Path) -> None:
    result = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", str(written)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stderr == ""
    assert "lastmile compare [OPTIONS] LANG LANG" in re.sub(".\b", "", result.stdout)


@click.group(
    help="Greets people.\n\nIn two paragraphs.",
    epilog="\b\nExamples:\n  tiny hello -n Ann\n\nExit codes: 0 ok.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
def tiny() -> None:
    """A group of one command, to read the page of by value."""


@tiny.command(
    help="Say hello.", epilog="\b\nExamples:\n  tiny hello --name Ann\n\nExit codes: 0 ok."
)
@click.option("-n", "--name", metavar="WHO", help="Whom to greet.")
@click.option("--loud/--quiet", help="Shout.")
@click.argument("extra", required=False)
def hello(name: str | None, loud: bool, extra: str | None) -> None:
    """The one command."""


def test_a_small_group_gives_this_page_to_its_environment() -> None:
    """Every piece by value: paragraphs apart, an option's names and metavar, a command's examples
    indented under their heading, the group's (the EXAMPLES section) not, `Exit codes` a paragraph."""
    text = page(tiny, "1.0", "2026-01-02")
    assert text.split(".SH ENVIRONMENT\n")[0] == (
        '.TH LASTMILE 1 2026-01-02 "lastmile 1.0" "User Commands"\n'
        ".SH NAME\n"
        "lastmile \\- explain the last-mile failure, in five languages\n"
        ".SH SYNOPSIS\n"
        "\\fBlastmile\\fR [OPTIONS] COMMAND [ARGS]...\n"
        ".SH DESCRIPTION\n"
        "Greets people.\n"
        ".PP\n"
        "In two paragraphs.\n"
        ".PP\n"
        "Each command is described below, as\n"
        "\\fBlastmile\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR shows it.\n"
        ".SH OPTIONS\n"
        ".TP\n"
        "\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n"
        "Show this message and exit.\n"
        ".SH COMMANDS\n"
        '.SS "hello"\n'
        "\\fBlastmile hello\\fR [OPTIONS] [EXTRA]\n"
        ".PP\n"
        "Say hello.\n"
        ".TP\n"
        "\\fB\\-n\\fR, \\fB\\-\\-name\\fR \\fIWHO\\fR\n"
        "Whom to greet.\n"
        ".TP\n"
        "\\fB\\-\\-loud\\fR / \\fB\\-\\-quiet\\fR\n"
        "Shout.\n"
        ".TP\n"
        "\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n"
        "Show this message and exit.\n"
        ".PP\n"
        "Examples:\n"
        ".RS 4\n"
        ".nf\n"
        "tiny hello \\-\\-name Ann\n"
        ".fi\n"
        ".RE\n"
        ".PP\n"
        "Exit codes: 0 ok.\n"
        ".SH EXAMPLES\n"
        ".RS 0\n"
        ".nf\n"
        "tiny hello \\-n Ann\n"
        ".fi\n"
        ".RE\n"
        ".PP\n"
        "Exit codes: 0 ok.\n"
    )


def test_the_installed_page_is_found_in_the_data_or_the_user_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import site
    import sysconfig

    data, user = tmp_path / "env", tmp_path / "user"
    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(data))
    monkeypatch.setattr(site, "getuserbase", lambda: str(user))
    assert installed() is None
    where = user / "share" / "man" / "man1" / "lastmile.1"
    where.parent.mkdir(parents=True)
    where.write_text(".TH LASTMILE 1\n")
    assert installed() == str(where)
