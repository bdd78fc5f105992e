"""validate: every problem, one per line, path:line:column, for translators and CI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import Lastmile
from test_user_content import PORTUGUESE


def test_the_bundled_files_are_clean(lastmile: Lastmile) -> None:
    result = lastmile("validate")
    assert (result.code, result.out) == (0, "")
    assert result.err == "lastmile: checked 5 files: 0 errors, 0 notes\n"


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
    assert "checked 6 files" in result.err


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
