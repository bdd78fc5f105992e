"""What the plain path imports: Rich only for a terminal, PyYAML only to check a new user file.

(`locale` is no longer on this list: Click's own --help and --version ask gettext for their
texts, which imports it; 4.6M instructions, about 1.2 ms, recorded in BENCHMARKS.md.)

Timing is measured by benchmarks/startup.py, never here; these tests pin down *what* runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL, subprocess_env
from lastmile_cli.cli import COMMANDS

PROBE = """
import sys
from lastmile_cli.cli import run
code = run(sys.argv[1:])
sys.stdout.flush()
heavy = ["rich", "rich.console", "yaml", "json", "textwrap", "difflib", "subprocess", "importlib.metadata", "lastmile_cli.loader", "click.shell_completion", "zlib", "sentencex", "lastmile_cli.alignment", "polib", "hashlib", "lastmile_cli.po"]
commands = [m for m in sys.modules if m.startswith("lastmile_cli.commands.")]
sys.stderr.write("\\n" + repr([sorted(m for m in heavy if m in sys.modules), sorted(commands)]))
"""


def probe(args: list[str], cache: Path, **env: str) -> tuple[list[str], list[str]]:
    """The heavy modules a run imported, and the command modules it imported."""
    full = subprocess_env(LASTMILE_CACHE_DIR=str(cache), **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=full, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    heavy, commands = json.loads(result.stderr.splitlines()[-1].replace("'", '"'))
    return heavy, commands


def imported(args: list[str], cache: Path, **env: str) -> list[str]:
    return probe(args, cache, **env)[0]


@pytest.fixture
def warm_cache(tmp_path: Path) -> Path:
    """An empty cache: the bundled article is built into the package and never needs one."""
    return tmp_path / "cache"


@pytest.mark.slow
def test_an_empty_cache_imports_neither_rich_nor_yaml(warm_cache: Path) -> None:
    assert imported(["explain", "--lang", "de"], warm_cache) == []
    assert not warm_cache.exists()


@pytest.mark.slow
def test_no_cache_at_all_is_just_as_light(tmp_path: Path) -> None:
    full = subprocess_env(LASTMILE_CACHE_DIR="")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "explain", "--lang", "de"],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "[[], ['lastmile_cli.commands.explain']]"


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["example", "marathon"],
        ["sections"],
        ["languages"],
        ["search", "turnout"],
        ["compare", "de", "it"],
        ["status"],
        ["status", "de", "--format", "csv"],
    ],
)
def test_other_piped_commands_stay_light(warm_cache: Path, args: list[str]) -> None:
    assert imported(args, warm_cache) == []


@pytest.mark.slow
def test_forced_colour_imports_rich(warm_cache: Path) -> None:
    assert imported(["explain"], warm_cache, FORCE_COLOR="1") == ["rich"]


@pytest.mark.slow
def test_a_user_file_is_parsed_once_then_read_from_the_cache(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    source = user / "qaa.yaml"
    source.write_text(MINIMAL.format(code="qaa"), encoding="utf-8")
    os.utime(source, (1_600_000_000, 1_600_000_000))
    args = ["explain", "--lang", "qaa", "--data-dir", str(user)]
    parsed = ["lastmile_cli.loader", "yaml"]  # (and each section's fingerprint: _sha256)
    assert imported(args, tmp_path / "cache") == parsed
    assert imported(args, tmp_path / "cache") == []


@pytest.mark.slow
def test_a_file_too_large_is_refused_before_yaml_loads(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "qaa.yaml").write_bytes(b"#" * (1024 * 1024 + 1))
    assert imported(["explain", "--data-dir", str(user)], tmp_path / "cache") == []


@pytest.mark.slow
def test_json_output_imports_json_only(warm_cache: Path) -> None:
    # The long form: Click's parser tries a short option as a long one first, and its
    # NoSuchOption imports difflib before the fallback succeeds (Click's cost, not ours).
    assert imported(["explain", "--format", "json"], warm_cache) == ["json"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["explain"], ["example", "marathon"], ["search", "turnout"], ["validate"]]
)
def test_a_run_imports_only_its_own_command(warm_cache: Path, args: list[str]) -> None:
    assert probe(args, warm_cache)[1] == [f"lastmile_cli.commands.{args[0]}"]


@pytest.mark.slow
def test_help_imports_every_command_to_list_them(warm_cache: Path) -> None:
    assert len(probe(["--help"], warm_cache)[1]) == len(COMMANDS)


@pytest.mark.slow
def test_a_plain_explain_loads_no_name_matching_and_no_listing_rows(warm_cache: Path) -> None:
    probe_code = PROBE.replace(
        '"zlib",', '"zlib", "lastmile_cli.matching", "lastmile_cli.render.rows",'
    )
    full = subprocess_env(LASTMILE_CACHE_DIR=str(warm_cache))
    result = subprocess.run(
        [sys.executable, "-c", probe_code, "explain", "--lang", "de"],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stderr.splitlines()[-1] == "[[], ['lastmile_cli.commands.explain']]"


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["explain", "--lang", "it", "--with", "en"], ["compare", "de", "en", "--by", "sentence"]],
)
def test_the_bundled_sentences_are_read_as_the_build_prepared_them(
    warm_cache: Path, args: list[str]
) -> None:
    """Split and aligned at build time (prepared.py): the run splits and aligns nothing."""
    assert imported(args, warm_cache) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["explain", "--lang", "it", "--with", "de"], ["compare", "de", "it", "--by", "sentence"]],
)
def test_a_patched_section_is_split_and_aligned_at_run_time(
    tmp_path: Path, args: list[str]
) -> None:
    """A user's German patch changes one section: it is split at run time, and the reading is
    aligned at run time (the languages' length ratio is not the bundled one any more)."""
    user = tmp_path / "user"
    user.mkdir()
    patch = "language: de\nsections:\n  - id: summary\n    kind: section\n    title: Kurz\n"
    patch += "    paragraphs:\n      - Erster Satz. Zweiter Satz.\n"
    (user / "de.yaml").write_text(patch, "utf-8")
    os.utime(user / "de.yaml", (1_600_000_000, 1_600_000_000))
    heavy = imported([*args, "--data-dir", str(user)], tmp_path / "cache")
    assert {"lastmile_cli.alignment", "sentencex"} <= set(heavy)


# Through the console script, as a user runs it: the shortcut answers, so no Click either.
ENTRY_PROBE = """
import atexit, sys
# What was loaded, said at exit (a callback there also keeps Python's own exit: entry._end)
atexit.register(lambda: sys.stderr.write("\\n" + " ".join(sorted(sys.modules))))
from lastmile_cli.entry import main
sys.argv = ["lastmile", *sys.argv[1:]]
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [["explain", "--lang", "it", "--with", "en"], ["compare", "de", "en", "--by", "sentence"]],
)
def test_the_piped_sentence_forms_load_no_re_no_splitter_no_click_no_rich(
    warm_cache: Path, args: list[str]
) -> None:
    full = subprocess_env(LASTMILE_CACHE_DIR=str(warm_cache))
    result = subprocess.run(
        [sys.executable, "-c", ENTRY_PROBE, *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    modules = set(result.stderr.splitlines()[-1].split())
    assert "lastmile_cli.prepared" in modules and "lastmile_cli.shortcut" in modules
    heavy = ["re", "sentencex", "click", "rich", "json", "lastmile_cli.alignment"]
    heavy += ["lastmile_cli.sentences", "importlib.metadata", "yaml", "enum", "typing"]
    assert sorted(m for m in heavy if m in modules) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "heavy"),
    [
        (["export", "de"], ["lastmile_cli.po"]),  # (po_text.py writes it: no polib)
        (["status", "--format", "json"], ["json"]),
    ],
)
def test_the_catalog_library_loads_only_for_a_catalog(
    warm_cache: Path, args: list[str], heavy: list[str]
) -> None:
    """polib (and the PO module) only for export and import; no hashing anywhere on a read
    path: the fingerprints of the bundled article are computed when it is built."""
    assert imported(args, warm_cache) == heavy


# What search and export once paid for: a regular expression for every search, polib (with
# `re` and textwrap) for every catalog written; and Click and Rich, which no piped run needs.
NOT_FOR_SEARCH_OR_EXPORT = [
    "re",
    "enum",
    "functools",
    "collections",
    "polib",
    "textwrap",
    "click",
    "rich",
    "lastmile_cli.cli",
]


def modules(args: list[str], cache: Path, **env: str) -> set[str]:
    """Every module a run of the console script imported (entry.main: the interface's
    language is set up there)."""
    full = subprocess_env(LASTMILE_CACHE_DIR=str(cache), **env)
    result = subprocess.run(
        [sys.executable, "-c", ENTRY_PROBE, *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 2), result.stderr
    return set(result.stderr.splitlines()[-1].split())


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["search", "turnout"], 0),
        (["search", "ultima milla", "-l", "es", "-l", "de"], 0),
        (["search", "GROSSTEIL", "-l", "de"], 0),
        (["search", "dell’ultimo miglio"], 0),
        (["search", "last-mile"], 0),
        (["search", "xylophone"], 1),
    ],
)
def test_a_piped_search_loads_no_regular_expression(
    warm_cache: Path, args: list[str], code: int
) -> None:
    assert "lastmile_cli.passages" in fast_run(args, warm_cache, code)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["export", "de"], ["export", "fr"], ["export", "it", "--data-dir", "."]]
)
def test_a_piped_export_loads_no_regular_expression_and_no_polib(
    warm_cache: Path, args: list[str]
) -> None:
    assert "lastmile_cli.po_text" in fast_run(args, warm_cache, 0)


def fast_run(args: list[str], warm_cache: Path, code: int) -> set[str]:
    """The modules a piped run through the shortcut loaded, none of NOT_FOR_SEARCH_OR_EXPORT."""
    full = subprocess_env(LASTMILE_CACHE_DIR=str(warm_cache))
    result = subprocess.run(
        [sys.executable, "-c", ENTRY_PROBE, *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == code, result.stderr
    modules = set(result.stderr.splitlines()[-1].split())
    assert "lastmile_cli.shortcut" in modules
    assert sorted(m for m in NOT_FOR_SEARCH_OR_EXPORT if m in modules) == []
    return modules


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "regular_expressions"),
    [
        (["languages"], False),
        (["template", "pt"], False),
        (["status"], False),
        (["paths"], False),
        (["sections"], False),
        (["explain", "--section", "nope"], True),  # an error, in words (re: in English too)
        (["export", "de"], False),  # (written without polib: po_text.py)
        (["validate"], False),  # (no file of the user's: no PyYAML)
    ],
)
def test_the_german_interface_loads_only_its_catalog_reader_more(
    warm_cache: Path, args: list[str], regular_expressions: bool
) -> None:
    """A German run that shows translated words reads its catalog with mo.py: neither gettext
    nor its `locale` and `re`, nothing the English run does not load."""
    english = modules(args, warm_cache, LANG="C.UTF-8")
    german = modules(args, warm_cache, LANG="de_DE.UTF-8")
    assert german - english <= {"lastmile_cli.mo"}
    assert ("lastmile_cli.mo" in german) is (args != ["sections"])  # (it says nothing in words)
    assert not {"gettext", "locale"} & german
    assert ("re" in german) is regular_expressions
