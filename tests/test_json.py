"""The JSON contract: every document lastmile prints is an object that names its kind and
version, validates against the shipped schema of that kind (which allows no field it does not
name), and is the same under every locale."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from conftest import MINIMAL, Lastmile, subprocess_env
from lastmile_cli.content import Article
from lastmile_cli.po import export
from lastmile_cli.render.json import KINDS

ROOT = Path(__file__).resolve().parent.parent
BROKEN = "language: qab\nname: Q\ntitle: T\n\tsections: []\n"
UNKNOWN = "language: qac\nname: Q\ntitle: T\nsections:\n  - id: nope\n    kind: section\n    titel: X\n    paragraphs: [x]\n"


def shipped(kind: str) -> dict[str, object]:
    text = resources.files("lastmile_cli").joinpath("schemas", f"{kind}.json").read_text("utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory: a partial language of one's own, a file with a tab, an unknown key."""
    made = tmp_path_factory.mktemp("data")
    (made / "qaa.yaml").write_text(MINIMAL.format(code="qaa"), encoding="utf-8")
    (made / "qab.yaml").write_text(BROKEN, encoding="utf-8")
    (made / "qac.yaml").write_text(UNKNOWN, encoding="utf-8")
    (made / "reviewed").mkdir()  # a translation whose every section records the English of now
    shutil.copy(ROOT / "data" / "de.yaml", made / "reviewed" / "de.yaml")
    english, german = Article([], None).load("en"), Article([], None).load("de")
    assert english is not None and german is not None
    (made / "de.po").write_text(export("de", german, english), encoding="utf-8")
    return made


def invocations(folder: Path) -> list[tuple[str, list[str]]]:
    """(kind, arguments) for every command and form that prints JSON."""
    data = ["--data-dir", str(folder)]
    return [
        ("article", ["explain"]),
        ("article", ["explain", "--lang", "qaa", *data]),  # borrowed sections
        ("article", ["example", "marathon", "--lang", "de"]),
        ("interlinear", ["explain", "--lang", "it", "--with", "en", "-s", "summary"]),
        ("interlinear", ["explain", "--lang", "qaa", "--with", "de", *data]),  # nothing answers
        ("interlinear", ["example", "politics", "--lang", "fr", "--with", "es"]),
        ("sections", ["sections", "--lang", "es"]),
        ("sections", ["sections", "--lang", "qaa", *data]),
        ("examples", ["example"]),
        ("examples", ["example", "--lang", "qaa", *data]),
        ("languages", ["languages", *data]),
        ("languages", ["languages", "--lang", "Deutsch"]),
        ("search", ["search", "turnout"]),
        ("search", ["search", "no such words anywhere"]),
        ("comparison", ["compare", "de", "it"]),
        ("comparison", ["compare", "en", "qaa", "--by", "sentence", *data]),
        ("validation", ["validate"]),
        ("validation", ["validate", str(folder)]),
        ("validation", ["validate", str(folder / "qab.yaml"), "--strict"]),
        ("template", ["template", "pt-BR"]),
        ("template", ["template", "es", "--example", "parcel-delivery"]),
        ("template", ["template", "qaa", "--section", "story", *data]),  # to paste in
        ("completion", ["completion", "fish"]),
        ("paths", ["paths", *data]),
        ("paths", ["paths", "config"]),
        ("status", ["status"]),
        ("status", ["status", "qaa", *data]),
        ("fingerprint", ["fingerprint", str(folder / "reviewed" / "de.yaml")]),
        ("export", ["export", "it"]),
        ("export", ["export", "pt-BR"]),
        ("import", ["import", str(folder / "de.po")]),
    ]


COUNT = len(invocations(Path()))


def run(args: list[str], cache: Path, locale: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-c", "from lastmile_cli.entry import main; main()", *args, "-f", "json"],
        capture_output=True,
        text=True,
        # (LASTMILE_LANG holds the article's language still: the locale changes the interface's)
        env=subprocess_env(LASTMILE_CACHE_DIR=str(cache), LANG=locale, LASTMILE_LANG="en"),
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout


LOCALES = ("C", "de_DE.UTF-8", "es_ES.UTF-8", "fr_FR.UTF-8", "it_IT.UTF-8")


@pytest.fixture(scope="module")
def outputs(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[int, str], tuple[int, str]]:
    """What each invocation prints in each locale, run as the console script runs it."""
    cache = tmp_path_factory.mktemp("cache")
    jobs = [(i, locale) for i in range(len(invocations(folder))) for locale in LOCALES]
    every = invocations(folder)
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = pool.map(lambda job: run(every[job[0]][1], cache, job[1]), jobs)
        return dict(zip(jobs, done, strict=True))


def test_every_kind_is_exercised(folder: Path) -> None:
    assert {kind for kind, _ in invocations(folder)} == set(KINDS)


@pytest.mark.slow
def test_every_schema_is_a_valid_schema_and_the_docs_have_the_same() -> None:
    for kind in KINDS:
        schema = shipped(kind)
        jsonschema.Draft202012Validator.check_schema(schema)
        docs = json.loads((ROOT / "docs" / "schemas" / f"{kind}.json").read_text("utf-8"))
        assert docs == schema, kind
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "schemas.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("index", range(COUNT))
def test_every_json_document_validates_against_its_schema(
    folder: Path, outputs: dict[tuple[int, str], tuple[int, str]], index: int
) -> None:
    kind, args = invocations(folder)[index]
    code, out = outputs[(index, "C")]
    assert code in (0, 1), args  # (search: nothing found; validate: errors found)
    document = json.loads(out)
    assert document["schema"] == {"kind": kind, "version": KINDS[kind]}
    jsonschema.Draft202012Validator(
        shipped(kind), format_checker=jsonschema.FormatChecker()
    ).validate(document)


@pytest.mark.parametrize("index", range(COUNT))
def test_every_json_document_validates_in_process(
    folder: Path, lastmile: Lastmile, index: int
) -> None:
    """The same documents from the entry point in-process: the fast subset checks them too."""
    kind, args = invocations(folder)[index]
    result = lastmile(*args, "-f", "json", env={"LASTMILE_LANG": "en"})
    assert result.code in (0, 1), (args, result.err)
    document = json.loads(result.out)
    assert document["schema"] == {"kind": kind, "version": KINDS[kind]}
    jsonschema.Draft202012Validator(
        shipped(kind), format_checker=jsonschema.FormatChecker()
    ).validate(document)


@pytest.mark.slow
@pytest.mark.parametrize("index", range(COUNT))
def test_json_is_the_same_under_every_locale(
    folder: Path, outputs: dict[tuple[int, str], tuple[int, str]], index: int
) -> None:
    english = outputs[(index, "C")]
    for locale in LOCALES[1:]:
        assert outputs[(index, locale)] == english, (invocations(folder)[index][1], locale)


def test_an_undocumented_field_fails_validation() -> None:
    """The schemas are closed: what they do not name is an error, at any depth."""
    document = {
        "schema": {"kind": "sections", "version": 1},
        "language": "en",
        "sections": [{"id": "summary", "kind": "section", "language": "en", "title": "S"}],
    }
    validator = jsonschema.Draft202012Validator(shipped("sections"))
    validator.validate(document)
    for extra in (
        {**document, "extra": 1},
        {**document, "schema": {"kind": "sections", "version": 1, "x": 1}},
        {**document, "sections": [{**document["sections"][0], "x": 1}]},  # type: ignore[dict-item]
    ):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(extra)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**document, "schema": {"kind": "sections", "version": 2}})


def test_validate_gives_each_problem_a_stable_code(folder: Path, lastmile: Lastmile) -> None:
    result = lastmile("validate", str(folder), "-f", "json", env={"LANG": "de_DE.UTF-8"})
    problems = json.loads(result.out)["problems"]
    by_file = {(Path(p["path"]).name, p["code"]) for p in problems}
    assert ("qab.yaml", "tab-indent") in by_file
    assert ("qac.yaml", "name-taken") not in by_file  # `nope` is a section of its own
    assert ("qac.yaml", "unknown-key") in by_file
    assert ("qac.yaml", "missing-key") in by_file
    assert ("qaa.yaml", "missing-sections") in by_file
    unknown = next(p for p in problems if p["code"] == "unknown-key")
    assert unknown["message"] == "unknown key 'titel' in a section; did you mean 'title'?"


def test_compare_pairs_are_records_and_examples_have_a_kind(lastmile: Lastmile) -> None:
    compare = json.loads(lastmile("compare", "de", "it", "-f", "json").out)
    assert compare["languages"] == ["de", "it"] and compare["by"] == "paragraph"
    first = compare["sections"][0]
    assert first["titles"] == {"first": "Zusammenfassung", "second": "Riepilogo"}
    assert set(first["pairs"][0]) == {"first", "second"}
    examples = json.loads(lastmile("example", "-f", "json").out)
    assert {e["kind"] for e in examples["examples"]} == {"example"}


def test_every_problem_code_is_documented_and_every_documented_one_exists() -> None:
    import re

    from lastmile_cli.problems import CODES

    doc = (ROOT / "docs" / "json.md").read_text("utf-8").split("## Problem codes", 1)[1]
    assert re.findall(r"^\| `([a-z0-9-]+)` \|", doc, flags=re.M) == list(CODES)
    source = "".join(p.read_text("utf-8") for p in (ROOT / "src" / "lastmile_cli").glob("*.py"))
    for code in CODES:  # each is given somewhere (stop(..., "code") or code="code")
        assert f'"{code}"' in source.replace(f'    "{code}": ', ""), code


def test_a_problem_without_a_known_code_cannot_be_recorded() -> None:
    from lastmile_cli.problems import Problems

    with pytest.raises(AssertionError):
        Problems("x.yaml").add(1, 1, "a message", code="no-such-code")


def _jq_examples() -> list[tuple[str, str, str]]:
    """(command, its arguments, the jq program) of every `lastmile … -f json | jq …` example
    in the help (and so in the manual page)."""
    import shlex

    import click

    from lastmile_cli.cli import COMMANDS, cli

    found = []
    root = click.Context(cli, info_name="lastmile")
    commands = {"": cli, **{name: cli.get_command(root, name) for name in COMMANDS}}
    for name, command in commands.items():
        assert command is not None
        for line in (command.epilog or "").splitlines():
            if "| jq" in line and line.strip().startswith("lastmile "):
                left, program = line.strip().split("| jq", 1)
                words = [w for w in shlex.split(program) if not w.startswith("-")]
                found.append((name, left.strip(), words[0]))  # (what follows it: a comment)
    return found


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
@pytest.mark.parametrize(("name", "command", "program"), _jq_examples())
def test_each_jq_example_in_the_help_reads_the_real_document(
    name: str, command: str, program: str, tmp_path: Path
) -> None:
    """The examples a reader copies from `--help` or `man lastmile` work on what lastmile prints:
    the documents are objects with `schema`, so `.[]` over a listing would read the wrong thing."""
    import shlex

    words = shlex.split(command)[1:]
    printed = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", *words],
        capture_output=True,
        env=subprocess_env(LASTMILE_CACHE_DIR=""),
        cwd=tmp_path,
        timeout=60,
    )
    assert printed.returncode in (0, 1), printed.stderr
    read = subprocess.run(
        ["jq", "-e", program], input=printed.stdout, capture_output=True, timeout=60
    )
    assert (read.returncode, read.stderr) == (0, b""), (name, program)
    assert read.stdout.strip() not in (b"", b"null"), (name, program)
