"""The commands as a user types them: output, languages, formats and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import Lastmile, check_golden
from lastmile_cli.cli import COMMANDS, cli, sentence

CODES = ["de", "en", "es", "fr", "it"]
EXAMPLE_IDS = ["telecom", "marathon", "politics", "car-sales"]
EXT = {"text": "txt", "markdown": "md", "json": "json", "html": "html"}


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_explain_golden(
    lastmile: Lastmile, request: pytest.FixtureRequest, code: str, fmt: str
) -> None:
    result = lastmile("explain", "--lang", code, "--format", fmt)
    assert (result.code, result.err) == (0, "")
    check_golden(request, f"explain-{code}.{EXT[fmt]}", result.out)


def test_example_with_click_runner() -> None:
    result = CliRunner().invoke(cli, ["example", "marathon", "--lang", "it"], env={"LANG": ""})
    assert result.exit_code == 0
    assert result.output.splitlines()[:3] == [
        "Che cos’è un fallimento dell’ultimo miglio?",
        "",
        "Maratona",
    ]
    assert result.output.splitlines()[3].startswith(
        "Forse l’applicazione più letterale del concetto"
    )


@pytest.mark.parametrize(
    ("name", "lang", "title"),
    [
        ("marathon", "en", "Marathon"),
        ("maratón", "en", "Marathon"),
        ("maraton", "es", "Maratón"),
        ("MARATONA", "de", "Marathon"),
        ("Autoverkäufer", "en", "Car sales"),
        ("autoverkaufer", "fr", "Vente de voitures"),
        ("car sales", "it", "Vendita di auto"),
        ("car_sales", "en", "Car sales"),
        ("voter turnout", "de", "Politik"),
        ("Télécom", "en", "Telecom"),
        ("Wahlbeteiligung", "es", "Política"),
    ],
)
def test_example_names_in_any_language_case_and_accents(
    lastmile: Lastmile, name: str, lang: str, title: str
) -> None:
    result = lastmile("example", name, "--lang", lang)
    assert result.code == 0, result.err
    assert result.out.splitlines()[2] == title


def test_example_without_a_name_lists_them(lastmile: Lastmile) -> None:
    result = lastmile("example", "--lang", "es")
    assert (
        result.out
        == "telecom\tTelecomunicaciones\nmarathon\tMaratón\npolitics\tPolítica\ncar-sales\tVenta de automóviles\n"
    )


def test_example_json_has_just_that_section(lastmile: Lastmile) -> None:
    data = json.loads(lastmile("example", "politics", "-l", "fr", "-f", "json").out)
    assert data["language"] == "fr"
    assert [s["id"] for s in data["sections"]] == ["politics"]
    assert set(data["sections"][0]) == {"id", "kind", "language", "title", "paragraphs", "stale"}
    assert data["sections"][0]["language"] == "fr"


def test_unknown_example_is_a_usage_error_with_a_suggestion(lastmile: Lastmile) -> None:
    result = lastmile("example", "marathn")
    assert (result.code, result.out) == (2, "")
    assert (
        result.err
        == "lastmile: unknown example 'marathn'. Did you mean 'marathon'? Available: telecom, marathon, politics, car-sales.\n"
    )


def test_a_section_is_not_an_example(lastmile: Lastmile) -> None:
    result = lastmile("example", "definition")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "lastmile: unknown example 'definition'. Available: telecom, marathon, politics, car-sales.\n"
    )


def test_explain_sections_in_article_order(lastmile: Lastmile) -> None:
    result = lastmile(
        "explain", "-s", "conclusion", "-s", "Definición", "-s", "definition", "-f", "json"
    )
    assert [s["id"] for s in json.loads(result.out)["sections"]] == ["definition", "conclusion"]


def test_unknown_section(lastmile: Lastmile) -> None:
    result = lastmile("explain", "--section", "keypoint")
    assert result.code == 2
    assert "Did you mean 'key-point'?" in result.err


def test_unknown_language_exits_2_naming_the_choices(lastmile: Lastmile) -> None:
    result = lastmile("explain", "--lang", "klingon")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "lastmile: unknown language 'klingon'. Available: de, en, es, fr, it."
        " To add one, put its file in your data folder ('lastmile paths data' shows where), or in a directory you pass with --data-dir DIR.\n"
    )


def test_close_language_name_is_suggested(lastmile: Lastmile) -> None:
    assert "Did you mean 'German'?" in lastmile("explain", "--lang", "germn").err


def test_the_environment_chooses_the_language(lastmile: Lastmile) -> None:
    assert lastmile("explain", env={"LANG": "fr_CA.UTF-8"}).out.startswith("Qu'est-ce qu'un")
    assert lastmile("explain", env={"LANG": "C", "LANGUAGE": "de"}).out.startswith("What’s")
    assert lastmile("explain", env={"LASTMILE_LANG": "italian", "LANG": "de_DE"}).out.startswith(
        "Che cos"
    )


def test_sections_listing(lastmile: Lastmile) -> None:
    result = lastmile("sections", "-l", "de")
    assert result.out.splitlines()[2] == "telecom\texample\tTelekommunikation"
    assert len(result.out.splitlines()) == 8


def test_languages_says_which_and_why(lastmile: Lastmile) -> None:
    result = lastmile("languages", env={"LANG": "de_DE.UTF-8"})
    assert result.out.splitlines() == [
        "de\tDeutsch\tGerman\t8/8\tbundled\tfrom LANG=de_DE.UTF-8",
        "en\tEnglish\tEnglish\t8/8\tbundled\t",
        "es\tEspañol\tSpanish\t8/8\tbundled\t",
        "fr\tFrançais\tFrench\t8/8\tbundled\t",
        "it\tItaliano\tItalian\t8/8\tbundled\t",
    ]
    listed = json.loads(lastmile("languages", "-f", "json", "-l", "es").out)
    assert [r["code"] for r in listed["languages"] if r["selected"]] == ["es"]
    assert listed["choice"] == {"code": "es", "reason": "from --lang es"}


def test_markdown_listing_is_a_table(lastmile: Lastmile) -> None:
    lines = lastmile("sections", "-f", "markdown").out.splitlines()
    assert lines[:3] == [
        "| id | kind | title |",
        "|---|---|---|",
        "| summary | section | Summary |",
    ]


def test_width_wraps_plain_text(lastmile: Lastmile) -> None:
    out = lastmile("explain", "--width", "40").out
    assert max(len(line) for line in out.splitlines()) <= 40
    assert " ".join(out.split()) == " ".join(lastmile("explain").out.split())


@pytest.mark.parametrize("width", ["0", "-5", "abc", "99999999999999999999", ""])
def test_bad_width_is_a_usage_error(lastmile: Lastmile, width: str) -> None:
    result = lastmile("explain", "--width", width)
    assert (result.code, result.out) == (2, "")
    assert result.err.count("\n") == 1
    assert "--width" in result.err


def test_bad_option_is_one_line(lastmile: Lastmile) -> None:
    result = lastmile("explain", "--bogus")
    assert result.code == 2
    assert (
        result.err
        == "lastmile: No such option '--bogus'. Try 'lastmile explain --help' for help.\n"
    )


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("explian", " Did you mean 'explain'?"),
        ("sectoins", " Did you mean 'sections'?"),
        ("xyz", ""),
    ],
)
def test_unknown_command_suggests_the_nearest(lastmile: Lastmile, typed: str, hint: str) -> None:
    result = lastmile(typed)
    assert (result.code, result.out) == (2, "")
    assert (
        result.err
        == f"lastmile: No such command '{typed}'.{hint} Try 'lastmile --help' for help.\n"
    )


def test_missing_data_dir_is_a_usage_error(lastmile: Lastmile, tmp_path: Path) -> None:
    result = lastmile("explain", "--data-dir", str(tmp_path / "nope"))
    assert result.code == 2
    assert "nope" in result.err


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("No such option: --bogus", "No such option: --bogus."),
        ("No such option '--bogus'.", "No such option '--bogus'."),
        ("Did you mean 'explain'? ", "Did you mean 'explain'?"),
    ],
)
def test_a_usage_message_ends_as_a_sentence_before_the_hint(message: str, expected: str) -> None:
    assert sentence(message) == expected


def test_version(lastmile: Lastmile) -> None:
    from importlib.metadata import version

    assert lastmile("--version").out == f"lastmile {version('lastmile-cli')}\n"


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_short_and_long_help_are_the_same_page(lastmile: Lastmile, command: str) -> None:
    words = [command] if command else []
    short, long = lastmile(*words, "-h"), lastmile(*words, "--help")
    assert (short.code, long.code) == (0, 0)
    assert short.out == long.out
    assert "  -h, --help " in long.out
    assert "Show this message and exit." in long.out


@pytest.mark.slow
def test_version_without_package_metadata_is_one_line() -> None:
    """A broken install (no metadata): Click's own --version fails; still one line, exit 1.

    In a fresh interpreter: Click's callback keeps the version once it has read it.
    """
    import subprocess
    import sys

    probe = (
        "import importlib.metadata as m, sys\n"
        "def missing(name): raise m.PackageNotFoundError(name)\n"
        "m.version = missing\n"
        "from lastmile_cli.cli import run\n"
        "sys.exit(run(['--version']))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.count("\n") == 1 and "'lastmile-cli' is not installed" in result.stderr


def test_version_is_listed_in_help(lastmile: Lastmile) -> None:
    assert "  --version " in lastmile("--help").out


@pytest.mark.parametrize(
    ("name", "is_file", "problem"),
    [("nope", False, "does not exist"), ("f.yaml", True, "is a file")],
)
def test_data_dir_must_be_an_existing_directory(
    lastmile: Lastmile, tmp_path: Path, name: str, is_file: bool, problem: str
) -> None:
    path = tmp_path / name
    if is_file:
        path.write_text("")
    result = lastmile("explain", "--data-dir", str(path))
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"lastmile: Invalid value for '--data-dir': Directory '{path}' {problem}."
        " Try 'lastmile explain --help' for help.\n"
    )


def test_data_dir_that_is_a_device_is_not_a_directory(lastmile: Lastmile) -> None:
    result = lastmile("explain", "--data-dir", "/dev/null")
    assert result.code == 2
    assert "Directory '/dev/null' is not a directory." in result.err


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_examples(lastmile: Lastmile, command: str) -> None:
    result = lastmile(*([command] if command else []), "--help")
    assert result.code == 0
    assert "Examples:" in result.out
    assert "lastmile" in result.out.split("Examples:")[1]


def test_completion_offers_examples_sections_and_languages(lastmile: Lastmile) -> None:
    def complete(words: str) -> list[str]:
        env = {
            "_LASTMILE_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
        result = lastmile(env=env)
        return [line.split(",", 1)[1] for line in result.out.splitlines()]

    assert complete("lastmile ex") == ["example", "explain", "export"]
    assert complete("lastmile example ma") == ["marathon"]
    assert complete("lastmile explain --section k") == ["key-point"]
    assert complete("lastmile explain --lang ") == CODES
    # what each option takes: template --section refuses an example, fingerprint takes any id
    sections, examples = ["conclusion", "definition", "key-point", "summary"], EXAMPLE_IDS
    assert complete("lastmile template es --section ") == sections
    assert complete("lastmile template es --example ") == sorted(examples)
    assert complete("lastmile fingerprint pt.yaml --section ma") == ["marathon"]


def zsh_complete(lastmile: Lastmile, words: str, **env: str) -> list[tuple[str, str]]:
    """(value, description) pairs as zsh receives them (type, value, help, one per line)."""
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    full = {"_LASTMILE_COMPLETE": "zsh_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
    result = lastmile(env={**full, **env})
    assert result.code == 0, result.err
    lines = result.out.splitlines() if result.out.strip() else []  # nothing found: one "\\n"
    return [(lines[i + 1], lines[i + 2]) for i in range(0, len(lines), 3)]


def test_language_candidates_carry_their_names(lastmile: Lastmile) -> None:
    found = dict(zsh_complete(lastmile, "lastmile explain --lang "))
    assert found["de"] == "Deutsch (German)"
    assert found["en"] == "English"


def test_example_candidates_carry_their_titles_in_the_chosen_language(
    lastmile: Lastmile,
) -> None:
    assert ("marathon", "Marathon") in zsh_complete(lastmile, "lastmile example ")
    german = dict(zsh_complete(lastmile, "lastmile example -l de "))
    assert german["car-sales"] == "Autoverkauf"
    french = dict(zsh_complete(lastmile, "lastmile example ", LANG="fr_FR.UTF-8"))
    assert french["politics"] == "Politique"


def test_completion_reads_lastmile_data_dir(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    folder = write_language("qaa").parent
    found = dict(zsh_complete(lastmile, "lastmile explain --lang q", LASTMILE_DATA_DIR=str(folder)))
    assert found == {"qaa": "Test"}
    assert dict(zsh_complete(lastmile, "lastmile explain --lang q")) == {}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"_LASTMILE_COMPLETE": "bash_complete"}, "needs COMP_WORDS and COMP_CWORD"),
        (
            {"_LASTMILE_COMPLETE": "zsh_complete", "COMP_WORDS": "lastmile ", "COMP_CWORD": "x"},
            "needs COMP_WORDS and COMP_CWORD",
        ),
        ({"_LASTMILE_COMPLETE": "fish_complete", "COMP_CWORD": ""}, "needs COMP_WORDS"),
        ({"_LASTMILE_COMPLETE": "tcsh_source"}, "unknown completion instruction"),
        ({"_LASTMILE_COMPLETE": "bash"}, "unknown completion instruction"),
    ],
)
def test_a_broken_completion_request_is_one_line_and_2(
    lastmile: Lastmile, env: dict[str, str], message: str
) -> None:
    result = lastmile(env=env)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("lastmile: ") and message in result.err
    assert result.err.count("\n") == 1


@pytest.mark.slow
def test_completion_scripts_still_come_out(lastmile: Lastmile) -> None:
    for shell in ("bash", "zsh", "fish"):
        result = lastmile(env={"_LASTMILE_COMPLETE": f"{shell}_source"})
        assert result.code == 0 and "_LASTMILE_COMPLETE" in result.out


def test_bare_lastmile_prints_the_help_as_help_does(lastmile: Lastmile) -> None:
    """The help laid out in lines, on stderr, exit 2 (nothing was asked for), as Click does."""
    bare = lastmile()
    assert (bare.code, bare.out) == (2, "")
    assert bare.err == lastmile("--help").out
    assert "\\u000a" not in bare.err and bare.err.count("\n") > 10


@pytest.mark.parametrize("spelled", ["JSON", "Json", "json"])
def test_a_format_is_read_in_any_case(lastmile: Lastmile, spelled: str) -> None:
    result = lastmile("explain", "-s", "summary", "-f", spelled)
    assert result.code == 0 and json.loads(result.out)["schema"]["kind"] == "article"
    assert result.out == lastmile("explain", "-s", "summary", "--format=json").out


@pytest.mark.parametrize("fmt", ["yaml", "", "jsonx", "text "])
def test_a_bad_format_is_one_line_naming_the_choices(lastmile: Lastmile, fmt: str) -> None:
    result = lastmile("explain", "-f", fmt)
    assert (result.code, result.out) == (2, "")
    assert result.err.count("\n") == 1
    assert "'--format' / '-f'" in result.err
    assert "'text', 'markdown', 'json', 'html'" in result.err


def test_the_width_is_bounded_at_ten_thousand(lastmile: Lastmile) -> None:
    """--width takes 1 to 10000: the bounds themselves are taken, one past them is not."""
    for width in ("1", "10000"):
        assert lastmile("explain", "-s", "summary", "--width", width).code == 0
    for width in ("0", "10001"):
        result = lastmile("explain", "--width", width)
        assert result.code == 2
        assert result.err == (
            f"lastmile: Invalid value for '--width': {width} is not in the range 1<=x<=10000."
            " Try 'lastmile explain --help' for help.\n"
        )
    narrow = lastmile("explain", "-s", "summary", "--width", "1").out
    assert max(len(line) for line in narrow.splitlines()) <= max(map(len, narrow.split()))


def test_the_command_list_gives_each_command_its_short_help(lastmile: Lastmile) -> None:
    """`lastmile --help` lists every command with the first sentence of its help, in-process
    (each command is loaded lazily, and its short help is made with no-break spaces held)."""
    listing = lastmile("--help").out
    assert "  explain      Print the whole article, or the chosen sections.\n" in listing
    assert "  sections     " in listing and "  sections     \n" not in listing


def test_a_command_s_usage_line_names_its_options(lastmile: Lastmile) -> None:
    assert lastmile("explain", "--help").out.startswith("Usage: lastmile explain [OPTIONS]\n")
