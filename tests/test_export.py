"""`lastmile export` (commands/export.py), in-process: English refused with its reason, and
the catalog's comments in the interface's language, or in English for JSON (docs/json.md)."""

from __future__ import annotations

import json

from conftest import Lastmile
from lastmile_cli import i18n


def test_english_is_refused_with_what_to_export_instead(lastmile: Lastmile) -> None:
    done = lastmile("export", "en")
    assert (done.code, done.out) == (2, "")
    assert done.err.endswith(
        "lastmile: English is what every catalog translates; export another language, or a new"
        " one such as: lastmile export pt-BR\n"
    )


def test_the_comments_are_in_the_interface_s_language_and_english_in_json(
    lastmile: Lastmile,
) -> None:
    english = lastmile("export", "it")
    assert english.code == 0 and english.out.startswith("# The article of lastmile in Italiano")
    assert i18n.setup({"LANG": "de_DE.UTF-8"}) == "de"
    try:
        german = lastmile("export", "it")
        as_json = lastmile("export", "it", "-f", "json")
    finally:
        i18n.setup({})
    assert german.code == 0 and german.out != english.out
    assert german.out.splitlines()[0] == (
        "# Der Artikel von lastmile auf Italiano (it), für ein Übersetzungswerkzeug (Poedit, Weblate…)."
    )
    assert as_json.code == 0 and json.loads(as_json.out)["po"] == english.out
