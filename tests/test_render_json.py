"""The JSON renderer in-process: a listing without an English to measure against, and an import's
status of the file it made."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Lastmile
from lastmile_cli.language_choice import Choice
from lastmile_cli.model import Language, Section
from lastmile_cli.output import Output
from lastmile_cli.render import render
from lastmile_cli.views import LanguageList


def test_languages_without_english_have_no_state_lists() -> None:
    """No English file (no progress to measure): each language counts its sections and lists
    no untranslated, stale or missing section."""
    section = Section("definition", "section", "Def", ("p",), code="qaa")
    qaa = Language("qaa", "Q", "Qq", "T", (section,), source="/x/qaa.yaml")
    view = LanguageList((qaa,), Choice("qaa", "--lang"), total=3)
    document = json.loads(render(view, Output(format="json")))
    assert document["languages"] == [
        {
            "code": "qaa",
            "name": "Q",
            "english_name": "Qq",
            "sections": 1,
            "complete": False,
            "untranslated": [],
            "stale": [],
            "missing": [],
            "source": "/x/qaa.yaml",
            "selected": True,
        }
    ]


def test_an_import_reports_how_far_the_file_it_made_is(lastmile: Lastmile, tmp_path: Path) -> None:
    catalog = tmp_path / "de.po"
    catalog.write_text(lastmile("export", "de").out, encoding="utf-8")
    result = lastmile("import", str(catalog), "-f", "json")
    assert result.code == 0, result.err
    status = json.loads(result.out)["status"]
    expected = json.loads(lastmile("status", "de", "-f", "json").out)["languages"][0]
    assert {**status, "source": ""} == {**expected, "source": ""}  # (the file is not saved)
    assert status["code"] == "de"
    assert status["sections"] == {
        "total": 8,
        "translated": 8,
        "stale": 0,
        "untranslated": 0,
        "missing": 0,
    }
