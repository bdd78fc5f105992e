"""A fresh clone passes its own tests, today and next month: what keeps the suite independent of
the machine's speed, of the dependencies' versions and of anything outside the repository."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import KNOWN
from lastmile_cli import loader, strict_yaml

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_no_property_test_has_a_deadline() -> None:
    """The profile conftest.py loads: no deadline, and no health check that times generation."""
    assert settings().deadline is None
    assert HealthCheck.too_slow in settings().suppress_health_check


@given(st.integers())
def test_a_test_without_settings_inherits_the_profile(number: int) -> None:
    assert settings().deadline is None


def _settings_calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "settings":
                found.append((path.name, node))
    return found


def test_no_test_sets_a_deadline_or_times_its_generator() -> None:
    """A test's own @settings may not bring a deadline back, nor drop the profile's suppression
    of too_slow by naming a list of its own without it."""
    wrong = []
    for name, call in _settings_calls():
        for keyword in call.keywords:
            value = ast.unparse(keyword.value)
            if keyword.arg == "deadline" and value != "None":
                wrong.append(f"{name}:{call.lineno}: deadline={value}")
            if keyword.arg == "suppress_health_check" and not {"NOT_TIMED", "too_slow"} & set(
                re.findall(r"\w+", value)
            ):
                wrong.append(f"{name}:{call.lineno}: suppress_health_check={value}")
    assert wrong == []
    assert _settings_calls(), "the scan found no @settings at all"


def _requirement(spec: str) -> tuple[str, str, str]:
    match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(==|>=)\s*([0-9][0-9A-Za-z.]*)", spec)
    assert match, f"not of the form name==version or name>=version: {spec!r}"
    return match.group(1), match.group(2), match.group(3)


def test_the_toolchain_is_pinned_and_the_runtime_is_bounded_below() -> None:
    """Every dev tool and build requirement at one exact version (what CI tested); the runtime
    dependencies as lower bounds, which .ci/run tests with --resolution lowest-direct."""
    dev = [_requirement(spec) for spec in PYPROJECT["dependency-groups"]["dev"]]
    build = [_requirement(spec) for spec in PYPROJECT["build-system"]["requires"]]
    runtime = [_requirement(spec) for spec in PYPROJECT["project"]["dependencies"]]
    assert dev and all(op == "==" for _, op, _ in dev), dev
    assert build and all(op == "==" for _, op, _ in build), build
    assert {name for name, _, _ in runtime} == {"click", "rich", "pyyaml", "sentencex", "polib"}
    assert all(op == ">=" for _, op, _ in runtime), runtime


def test_ci_tests_both_ends_of_the_runtime_range() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nuv run pytest" in ci
    assert "--resolution lowest-direct" in ci and "pytest" in ci.split("lowest-direct", 1)[1]


def _nested(depth: int) -> str:
    return (
        "language: qaa\nname: Q\ntitle: T\nsections:\n  - id: definition\n"
        "    kind: section\n    title: D\n    paragraphs:\n"
        "      - " + "[" * depth + "]" * depth + "\n"
    )


@pytest.mark.parametrize("depth", [9, 100, 999, 1000, 1001, 5000])
@pytest.mark.parametrize("parser", ["libyaml", "pure"])
def test_the_depth_rule_is_the_loaders_whichever_parser_reads(
    depth: int, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libyaml from 0.2.6 refuses deep nesting with words of its own, before lastmile sees an
    event; whichever parser PyYAML offers, the user reads lastmile's rule, with its line."""
    if parser == "pure":
        monkeypatch.setattr(strict_yaml, "_Loader", yaml.SafeLoader)
    elif not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("this PyYAML was built without libyaml")
    _, problems = loader.check_bytes(
        _nested(depth).encode(),
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    shown = [str(p) for p in problems]
    assert len(shown) == 1 and shown[0].startswith("qaa.yaml:9:"), shown
    assert shown[0].endswith("nested too deeply for a language file"), shown


@pytest.mark.parametrize("parser", ["libyaml", "pure"])
def test_a_syntax_error_keeps_pyyamls_first_word(
    parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no rule of lastmile's applies, the problem is PyYAML's own, located, with the
    duplicate keys found before it."""
    if parser == "pure":
        monkeypatch.setattr(strict_yaml, "_Loader", yaml.SafeLoader)
    text = b'language: qaa\nname: Q\nname: R\ntitle: "unclosed\n'
    _, problems = loader.check_bytes(
        text, "qaa.yaml", "qaa.yaml", complete=False, source="x", known=KNOWN
    )
    shown = [str(p) for p in problems]
    assert shown[0] == "qaa.yaml:3:1: duplicate key 'name' (first at line 2)", shown
    assert shown[1].startswith("qaa.yaml:5:1: YAML syntax: "), shown
    assert "quoted text that starts at line 4, column 8 is never closed" in shown[1], shown


@pytest.mark.slow
def test_the_catalog_check_reads_no_click(monkeypatch: pytest.MonkeyPatch) -> None:
    """The template compares with Click's messages as po/click.pot lists them, so a newer Click
    or Babel cannot fail the check: it passes with Click not importable at all."""
    from test_i18n import catalogs_module

    module = catalogs_module()
    monkeypatch.setitem(sys.modules, "click", None)
    found = [line for line in module.problems() if "msgfmt" not in line]  # type: ignore[attr-defined]
    assert found == []
    listed = {m.id for m in module.read(module.CLICK_LIST) if m.id}  # type: ignore[attr-defined]
    assert "required" in listed  # shown in --help; handed to gettext through a variable
    template = {m.id for m in module.read(module.TEMPLATE) if m.id}  # type: ignore[attr-defined]
    assert listed <= template


@pytest.mark.slow
def test_a_translated_click_message_click_dropped_does_not_fail_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message in the list that the installed Click no longer shows stays in the catalogs,
    translated, and the check is still whole."""
    from test_i18n import catalogs_module

    module = catalogs_module()
    monkeypatch.setattr(module, "_from_click", lambda: iter(()))  # a Click that shows nothing
    assert [line for line in module.problems() if "msgfmt" not in line] == []  # type: ignore[attr-defined]


DOCUMENTS = [
    "README.md",
    "NOTICE",
    *(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md")),
]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_document_names_an_install_that_fails(name: str) -> None:
    """lastmile-cli is not on PyPI: no `pipx install lastmile-cli` or `pip install lastmile-cli`,
    and no tracker address that does not exist."""
    text = (ROOT / name).read_text(encoding="utf-8")
    assert not re.search(r"(pipx|pip|uv tool) install lastmile-cli", text)
    assert "github.com/lastmile" not in text


def test_no_catalog_names_a_made_up_tracker() -> None:
    for path in sorted((ROOT / "po").glob("*.po*")):
        assert "github.com/lastmile" not in path.read_text(encoding="utf-8"), path.name


def test_the_speed_figures_are_for_compiled_bytecode() -> None:
    """The README's figures hold from the first run only when the install compiles bytecode."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "uv tool install --compile-bytecode ." in readme
    assert "pip install --compile ." in readme or "pip install ." not in readme


GUARDED = """
import subprocess
import sys

import pytest


def start() -> None:
    subprocess.run([sys.executable, "-c", "pass"], check=True)


def test_unmarked() -> None:
    start()


@pytest.mark.slow
def test_marked() -> None:
    start()


def test_in_process() -> None:
    assert sum([1, 2]) == 3


@pytest.fixture
def started() -> None:
    start()


def test_by_its_fixture(started: None) -> None:
    pass
"""


@pytest.mark.slow
def test_a_test_that_starts_a_process_unmarked_fails(pytester: pytest.Pytester) -> None:
    """The fast subset (`-m "not slow"`) is in-process only: the guard in conftest.py fails a
    test that starts a process, in its body or its fixtures, unless it is marked slow."""
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text("utf-8"))
    pytester.makepyfile(test_guarded=GUARDED)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist")
    result.assert_outcomes(passed=2, failed=1, errors=1)
    result.stdout.fnmatch_lines(["*test_unmarked started a process (*) but is not marked slow*"])
    result.stdout.fnmatch_lines(["*test_by_its_fixture started a process*"])
    fast = pytester.runpytest_subprocess(
        "-p", "no:cacheprovider", "-p", "no:xdist", "-m", "not slow"
    )
    fast.assert_outcomes(passed=1, failed=1, errors=1, deselected=1)
