"""validate: every problem, one per line, path:line:column, for translators and CI."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import Lastmile
from lastmile_cli.bundle import ARTICLE, Bundle, build
from lastmile_cli.problems import Severity
from lastmile_cli.validation import validate_active
from lastmile_cli.views import Report
from test_user_content import PORTUGUESE

DATA = Path(__file__).resolve().parent.parent / "data"


BUILT = "lastmile: the bundled article (de, en, es, fr, it) was checked when it was built; "


def test_the_bundled_files_are_clean(lastmile: Lastmile) -> None:
    result = lastmile("validate")
    assert (result.code, result.out) == (0, "")
    assert result.err == BUILT + "found none of your own language files to check\n"


def test_named_bundled_files_are_checked_in_full(lastmile: Lastmile) -> None:
    result = lastmile("validate", str(DATA))
    assert (result.code, result.out) == (0, "")
    assert result.err == "lastmile: checked 5 files: 0 errors, 0 notes\n"


def test_with_no_path_the_bundled_yaml_is_not_read_again(tmp_path: Path) -> None:
    """An installed package: its article was built from good files; YAML broken since (which
    no run reads) is not what validate reports, because it does not parse the bundled files."""
    package = tmp_path / "site-packages" / "lastmile_cli"
    shutil.copytree(DATA, package / "data")
    blob, _made = build(str(package / "data"), str(package))
    (package / ARTICLE).write_bytes(blob)
    (package / "data" / "de.yaml").write_text("language: [broken\n", encoding="utf-8")
    report = validate_active([], Bundle(str(package)), strict=True)
    assert report == Report(0, (), ("de", "en", "es", "fr", "it"))


def test_a_bundled_file_with_something_to_say_is_read_again_at_its_lines(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    """Your en.yaml changes the English the bundled translations are measured against: the
    bundled files it makes stale are read and reported at their lines, the rest are not."""
    (tmp_path / "en.yaml").write_text(
        "language: en\nsections:\n  - id: marathon\n    kind: example\n    title: Marathon\n"
        "    paragraphs:\n      - A runner falls a mile before the finish.\n",
        encoding="utf-8",
    )
    env = {"LASTMILE_DATA_DIR": str(tmp_path)}
    result = lastmile("validate", env=env)
    german = DATA / "de.yaml"
    marathon = german.read_text(encoding="utf-8").index("- id: marathon")
    marathon = german.read_text(encoding="utf-8").count("\n", 0, marathon) + 1
    line = next(
        number
        for number, text in enumerate(german.read_text(encoding="utf-8").splitlines(), 1)
        if text.strip().startswith("fingerprint:") and number > marathon
    )
    assert result.code == 0
    assert result.out.startswith(
        f"{german}:{line}:18: note: section 'marathon' is stale: the English changed"
    )
    assert result.out.count(": note: section 'marathon' is stale") == 4  # de, es, fr, it
    assert result.err == (
        "lastmile: the bundled article (en) was checked when it was built; "
        "checked 5 files: 0 errors, 4 notes\n"
    )
    strict = lastmile("validate", "--strict", env=env)
    assert strict.code == 1 and "checked 5 files: 4 errors, 0 notes" in strict.err


def test_several_problems_in_one_file(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language(
        "pt",
        PORTUGUESE.replace("name: Português", "name: [x]").replace(
            "title: Maratona", "titel: Maratona"
        )
        + "colour: red\n",
    )
    result = lastmile("validate", str(path))
    assert result.code == 1
    assert result.out.splitlines() == [
        f"{path}:2:7: name must be non-empty text, not a list",
        f"{path}:11:5: a section is missing 'title'",
        f"{path}:13:5: unknown key 'titel' in a section; did you mean 'title'?",
        f"{path}:17:1: unknown key 'colour' in the file; allowed: language, name, english_name, title, title_origin, term, sections",
    ]
    assert result.err == "lastmile: checked 1 file: 4 errors, 0 notes\n"


def test_partial_files_are_notes_unless_strict(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language("pt", PORTUGUESE)
    result = lastmile("validate", str(path.parent))
    assert result.code == 0
    assert result.out == (
        f"{path}:5:1: note: missing sections: summary, telecom, key-point, politics, car-sales,"
        f" conclusion\n{path}: note: definition, marathon record no fingerprint, so lastmile"
        " cannot tell when their English changes; record that they translate the English of now:"
        f" lastmile fingerprint {path}\n"
    )
    strict = lastmile("validate", "--strict", str(path))
    assert strict.code == 1
    assert (
        strict.out
        == f"{path}:5:1: missing sections: summary, telecom, key-point, politics, car-sales, conclusion\n"
    )


def test_default_checks_user_directories_too(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language("qaa", "language: qab\n")
    result = lastmile("validate", env={"LASTMILE_DATA_DIR": str(path.parent)})
    assert result.code == 1
    assert f"{path}:1:11: language 'qab' does not match the file name 'qaa.yaml'" in result.out
    assert result.err == BUILT + "checked 1 file: 4 errors, 0 notes\n"


def test_badly_named_files_in_a_directory(lastmile: Lastmile, tmp_path: Path) -> None:
    (tmp_path / "pt_BR.yaml").write_text("language: pt-BR\n")
    (tmp_path / "it.yml").write_text("language: it\n")
    out = lastmile("validate", str(tmp_path)).out
    assert f"{tmp_path / 'pt_BR.yaml'}:1:1: the file name must be a language tag" in out
    assert f"{tmp_path / 'it.yml'}:1:1: rename to it.yaml" in out


def test_json_report(lastmile: Lastmile, write_language: Callable[..., Path]) -> None:
    path = write_language("qaa", "language: qaa\nname: Test\ntitle: T\nsections: 42\n")
    report = json.loads(lastmile("validate", str(path), "-f", "json").out)
    assert report == {
        "schema": {"kind": "validation", "version": 1},
        "files": 1,
        "errors": 1,
        "notes": 0,
        "problems": [
            {
                "code": "not-a-list",
                "path": str(path),
                "line": 4,
                "column": 11,
                "severity": "error",
                "message": "sections must be a non-empty list of sections, not text",
            }
        ],
    }


def test_a_missing_path_is_a_usage_error(lastmile: Lastmile, tmp_path: Path) -> None:
    assert lastmile("validate", str(tmp_path / "nope.yaml")).code == 2


def test_json_names_the_bundled_languages_checked_at_build(lastmile: Lastmile) -> None:
    everything = json.loads(lastmile("validate", "-f", "json").out)
    assert everything["checked_at_build"] == ["de", "en", "es", "fr", "it"]
    assert everything["files"] == 0
    named = json.loads(lastmile("validate", "-f", "json", str(DATA / "de.yaml")).out)
    assert "checked_at_build" not in named and named["files"] == 1


def test_a_bundled_file_read_again_is_checked_as_the_build_checks_it(tmp_path: Path) -> None:
    """An installed package whose YAML changed since its article was built, and your en.yaml
    making its translations stale: the files read again are held to the build's rules (every
    section of data/en.yaml, and none other), even without --strict."""
    package = tmp_path / "site-packages" / "lastmile_cli"
    shutil.copytree(DATA, package / "data")
    blob, _made = build(str(package / "data"), str(package))
    (package / ARTICLE).write_bytes(blob)
    german = package / "data" / "de.yaml"
    text = german.read_text(encoding="utf-8")
    german.write_text(text[: text.index("  - id: conclusion")], encoding="utf-8")
    spanish = package / "data" / "es.yaml"
    extra = "  - id: extra\n    kind: section\n    after: conclusion\n    title: X\n    paragraphs: [Y.]\n"
    spanish.write_text(spanish.read_text(encoding="utf-8") + extra, encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "en.yaml").write_text(
        "language: en\nsections:\n  - id: marathon\n    kind: example\n    title: Marathon\n"
        "    paragraphs:\n      - A runner falls a mile before the finish.\n",
        encoding="utf-8",
    )
    report = validate_active([str(mine)], Bundle(str(package)), strict=False)
    found = [(Path(p.path).name, p.line, p.column, p.severity, p.code) for p in report.problems]
    assert found == [
        ("de.yaml", 9, 1, Severity.ERROR, "missing-sections"),
        ("es.yaml", 121, 9, Severity.ERROR, "unknown-section"),
        ("fr.yaml", 65, 18, Severity.NOTE, "stale"),
        ("it.yaml", 63, 18, Severity.NOTE, "stale"),
    ]
    assert [p.message for p in report.problems[:2]] == [
        "missing section: conclusion",
        "section 'extra' is not in data/en.yaml, which sets the bundled article's sections",
    ]


def test_sections_of_your_own_that_disagree_across_files_are_coded_at_their_lines(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    """Two files with the same sections of their own: one says another kind (`conflicting-kind`,
    at its `kind:`), one another place (`misplaced-section`, at its `after:`), in JSON too."""
    head = "language: {code}\nname: Q\ntitle: T\nsections:\n"
    own = "  - id: {id}\n    kind: {kind}\n    after: {after}\n    title: X\n    paragraphs: [Y.]\n"
    first = own.format(id="mine", kind="example", after="conclusion")
    first += own.format(id="ours", kind="section", after="conclusion")
    second = own.format(id="mine", kind="section", after="conclusion")
    second += own.format(id="ours", kind="section", after="summary")
    (tmp_path / "qaa.yaml").write_text(head.format(code="qaa") + first, encoding="utf-8")
    (tmp_path / "qab.yaml").write_text(head.format(code="qab") + second, encoding="utf-8")
    report = json.loads(lastmile("validate", str(tmp_path), "-f", "json").out)
    found = [
        (Path(p["path"]).name, p["line"], p["column"], p["code"], p["severity"])
        for p in report["problems"]
        if p["code"] != "missing-sections"
    ]
    assert found == [
        ("qab.yaml", 6, 11, "conflicting-kind", "error"),
        ("qab.yaml", 12, 12, "misplaced-section", "error"),
    ]


def test_messages_are_in_the_interface_s_language_and_english_in_json(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    from lastmile_cli import i18n

    path = write_language("qaa", "language: qaa\nname: Test\ntitle: T\nsections: 42\n")
    english = "sections must be a non-empty list of sections, not text"
    assert i18n.setup({"LANG": "de_DE.UTF-8"}) == "de"
    try:
        text = lastmile("validate", str(path))
        as_json = lastmile("validate", str(path), "-f", "json")
    finally:
        i18n.setup({})
    assert text.code == 1 and text.out == (
        f"{path}:4:11: sections muss eine nicht leere Liste von Abschnitten sein, ist aber ein Text\n"
    )
    assert text.err == "lastmile: 1 Datei geprüft: 1 Fehler, 0 Hinweise\n"
    assert as_json.code == 1
    assert [p["message"] for p in json.loads(as_json.out)["problems"]] == [english]
