"""The bundled article: complete in every language, faithful, and free of scraper debris."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import KNOWN
from lastmile_cli.bundle import Bundle
from lastmile_cli.files import scan
from lastmile_cli.loader import check_file
from lastmile_cli.model import Language

CODES = ["de", "en", "es", "fr", "it"]
ARTICLE = (
    "summary",
    "definition",
    "telecom",
    "key-point",
    "marathon",
    "politics",
    "car-sales",
    "conclusion",
)
EXAMPLES = {"telecom", "marathon", "politics", "car-sales"}
DEBRIS = [
    "wpdreams",
    "[ad_1]",
    "[ad_2]",
    "Asset Smart",
    "DANS D'AUTRES LANGUES",
    "Cet article vous a",
    "Comment pouvons",
]


def load(code: str) -> Language:
    path = Path(Bundle().yaml_dir) / f"{code}.yaml"
    language, problems = check_file(path, path.name, complete=True, source="bundled", known=KNOWN)
    assert problems == []
    assert language is not None
    return language


def all_text(language: Language) -> list[str]:
    texts = [language.title, language.name]
    for section in language.sections:
        texts += [section.title, *section.paragraphs, *section.aliases]
    return texts


def test_the_five_languages_are_bundled() -> None:
    assert [f.code for f in scan(Bundle().yaml_dir)[0]] == CODES
    assert list(Bundle().languages()) == CODES


@pytest.mark.parametrize("code", CODES)
def test_the_built_article_is_what_the_loader_makes_of_data(code: str) -> None:
    """The packed form the package ships equals a fresh strict parse of data/, field by field."""
    assert Bundle().languages()[code] == load(code)


@pytest.mark.parametrize("code", CODES)
def test_every_section_in_article_order(code: str) -> None:
    language = load(code)
    assert tuple(s.id for s in language.sections) == ARTICLE
    assert {s.id for s in language.sections if s.kind == "example"} == EXAMPLES
    assert all(s.paragraphs and s.title for s in language.sections)


@pytest.mark.parametrize("code", CODES)
def test_no_debris_and_clean_spacing(code: str) -> None:
    for text in all_text(load(code)):
        assert not any(d in text for d in DEBRIS), text
        assert "  " not in text, text
        assert not re.search(r"\s[,.;:](\s|$)", text), text
        assert text == text.strip(), text


@pytest.mark.parametrize("code", CODES)
def test_every_section_has_aliases(code: str) -> None:
    for section in load(code).sections:
        assert section.aliases, section.id


def test_added_text_is_marked() -> None:
    assert load("de").title_origin == "added"
    for code in CODES:
        summary = load(code).section("summary")
        assert summary is not None
        assert summary.origin == ("seed" if code == "en" else "added")
        others = [s.origin for s in load(code).sections if s.id != "summary"]
        assert set(others) == {"seed"}


@pytest.mark.parametrize(
    ("code", "section_id", "start"),
    [
        ("en", "definition", "Last mile failure is a phrase that can be applied"),
        ("en", "telecom", "While the concept can be applied to many circumstances"),
        ("de", "marathon", "Die vielleicht wörtlichste Anwendung des Konzepts"),
        ("es", "politics", "Un fracaso de la última milla también se puede aplicar a la política."),
        ("fr", "car-sales", "Peut-être que la meilleure façon de penser à ce concept"),
        ("it", "conclusion", "Sigillare l’accordo, raggiungere la fine"),
    ],
)
def test_paragraphs_start_as_the_seeds_do(code: str, section_id: str, start: str) -> None:
    section = load(code).section(section_id)
    assert section is not None
    assert section.paragraphs[0].startswith(start)


@pytest.mark.parametrize(
    ("code", "fixed"),
    [
        ("es", "la última milla: colocar"),
        ("es", "al siguiente cliente, el vendedor"),
        ("es", "para sellar el trato."),
        ("it", "al cliente successivo, il venditore"),
        ("de", "zum nächsten Kunden weiter, könnte"),
        ("fr", "au client suivant, le vendeur"),
        ("fr", "sceller l'accord."),
    ],
)
def test_the_seeds_spacing_defects_are_fixed(code: str, fixed: str) -> None:
    assert any(fixed in text for text in all_text(load(code)))


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_every_bundled_translation_translates_the_english_of_now(code: str) -> None:
    """CI fails when data/en.yaml changes and a translation was not reviewed: each section of a
    bundled translation records the fingerprint of the English section as it is now. After
    reviewing (and fixing) a translation, record that with `lastmile fingerprint data/xx.yaml
    --section ID`."""
    english, language = load("en"), load(code)
    recorded = {s.id: s.fingerprint for s in language.sections}
    current = {s.id: s.digest for s in english.sections}
    stale = sorted(i for i in current if recorded.get(i) != current[i])
    assert stale == [], f"data/{code}.yaml: review {', '.join(stale)} against data/en.yaml"
