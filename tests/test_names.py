"""The names people type: each example and section answers to the singular and plural of its
main nouns and the words a reader of each language would type, and a "did you mean" names a
story only when the word is a slip of the keyboard away from one of its names."""

from __future__ import annotations

import pytest

from conftest import Lastmile
from lastmile_cli.content import Article
from lastmile_cli.errors import UnknownName
from lastmile_cli.matching import edits, find_section, others
from lastmile_cli.textutil import fold

# Words that must find each example, in the language of the reader who types them.
FIND = {
    "de": {
        "telecom": [
            "Telekommunikation",
            "Glasfaser",
            "Glasfaserkabel",
            "Kabel",
            "Telefon",
            "Telefonleitung",
            "Breitband",
            "Internet",
            "Telekom",
        ],
        "marathon": [
            "Marathon",
            "Marathonlauf",
            "Läufer",
            "Läuferin",
            "Läuferinnen",
            "Rennen",
            "Ziellinie",
        ],
        "politics": [
            "Politik",
            "Wahl",
            "Wahlen",
            "Wahlkampf",
            "Wahlbeteiligung",
            "Abstimmung",
            "Wähler",
            "Wählerinnen",
            "Partei",
        ],
        "car-sales": [
            "Autoverkauf",
            "Autos",
            "Auto",
            "Autohändler",
            "Autoverkäufer",
            "Verkäuferin",
            "Autohaus",
            "Kunde",
            "Wagen",
        ],
    },
    "es": {
        "telecom": [
            "telecomunicaciones",
            "teléfono",
            "telefonía",
            "fibra óptica",
            "cable",
            "banda ancha",
            "lineas telefonicas",
        ],
        "marathon": [
            "maratón",
            "maraton",
            "corredor",
            "corredora",
            "corredores",
            "carrera",
            "carreras",
            "atleta",
        ],
        "politics": [
            "política",
            "elección",
            "elecciones",
            "voto",
            "votos",
            "votación",
            "campaña",
            "campana",
            "votantes",
            "partido político",
        ],
        "car-sales": [
            "venta de automóviles",
            "carro",
            "carros",
            "coche",
            "coches",
            "automóviles",
            "automovil",
            "vendedor",
            "concesionario",
        ],
    },
    "fr": {
        "telecom": [
            "télécommunications",
            "télécoms",
            "telecom",
            "câble",
            "téléphonie",
            "fibre optique",
            "haut débit",
            "réseau",
        ],
        "marathon": [
            "marathon",
            "marathons",
            "coureur",
            "coureuse",
            "course",
            "ligne d’arrivée",
            "ligne d'arrivee",
        ],
        "politics": [
            "politique",
            "élections",
            "élection",
            "vote",
            "votes",
            "scrutin",
            "électeurs",
            "campagne électorale",
            "parti",
        ],
        "car-sales": [
            "vente de voitures",
            "voiture",
            "voitures",
            "automobile",
            "vendeur",
            "vendeuse",
            "concessionnaire",
        ],
    },
    "it": {
        "telecom": [
            "telecomunicazioni",
            "telefonia",
            "telefono",
            "cavi",
            "fibra ottica",
            "banda larga",
            "rete",
        ],
        "marathon": [
            "maratona",
            "maratone",
            "corsa",
            "corridore",
            "maratoneta",
            "gara",
            "gare",
            "traguardo",
        ],
        "politics": [
            "politica",
            "elezione",
            "elezioni",
            "voto",
            "voti",
            "elettore",
            "elettori",
            "votazione",
            "affluenza alle urne",
        ],
        "car-sales": [
            "vendita di auto",
            "macchina",
            "macchine",
            "automobili",
            "automobile",
            "auto",
            "venditore",
            "concessionario",
        ],
    },
    "en": {
        "telecom": [
            "telecom",
            "telecommunications",
            "cable",
            "phone lines",
            "fiber",
            "fibre",
            "broadband",
            "utilities",
        ],
        "marathon": [
            "marathon",
            "marathons",
            "runner",
            "runners",
            "race",
            "running",
            "finish line",
        ],
        "politics": [
            "politics",
            "election",
            "elections",
            "vote",
            "voting",
            "voters",
            "voter turnout",
            "turnout",
            "campaign",
            "get-out-the-vote",
        ],
        "car-sales": [
            "car sales",
            "car-sales",
            "car",
            "cars",
            "salesman",
            "salesmen",
            "car dealer",
            "dealership",
            "customer",
        ],
    },
}

# Words that must not find an example, and the story a "did you mean" may name for each (None:
# no suggestion at all). Unrelated words get none, however alike they look; slips of the
# keyboard get the right story.
NOT_FOUND = {
    "de": [
        ("Logistik", None),
        ("Bahnhof", None),
        ("Kochen", None),
        ("Kabine", None),
        ("Lauch", None),
        ("Wahrheit", None),
        ("Kunst", None),
        ("Rennwagen", None),
        ("Glasfasern", "telecom"),
        ("Wahlkämpfe", "politics"),
        ("Abstimung", "politics"),
        ("Telfon", "telecom"),
        ("Laeufer", "marathon"),  # ä typed as ae: a slip away from Läufer
        ("Autohändlerin", "car-sales"),
    ],
    "es": [
        ("logística", None),
        ("correo", None),
        ("cocina", None),
        ("carretera", None),
        ("camión", None),
        ("fútbol", None),
        ("parrtido", "politics"),
        ("corredoras", "marathon"),
        ("vendedoras", "car-sales"),
    ],
    "fr": [
        ("logistique", None),
        ("cuisine", None),
        ("courrier", None),
        ("vendanges", None),
        ("vélo", None),
        ("football", None),
        ("voitur", "car-sales"),
        ("coureuses", "marathon"),
        ("campagnes", "politics"),
    ],
    "it": [
        ("logistica", None),
        ("cucina", None),
        ("calcio", None),
        ("corriere", None),
        ("macchinario", None),
        ("cavolo", None),
        ("venditrici", "car-sales"),
        ("telefonini", "telecom"),
    ],
    "en": [
        ("policy", None),
        ("logistics", None),
        ("cooking", None),
        ("phony", None),
        ("carpet", None),
        ("salary", None),
        ("cable car", None),
        ("elektion", "politics"),
        ("runers", "marathon"),
        ("telephon", "telecom"),
    ],
}


@pytest.fixture(scope="module")
def article() -> Article:
    return Article((), None)


def example(article: Article, code: str, name: str) -> str:
    language = article.require(code)
    return find_section(name, others(language, article), article.outline(), "example")


@pytest.mark.parametrize(
    ("code", "story", "name"),
    [(c, s, n) for c, stories in FIND.items() for s, names in stories.items() for n in names],
)
def test_each_word_finds_its_example(article: Article, code: str, story: str, name: str) -> None:
    assert example(article, code, name) == story


@pytest.mark.parametrize(
    ("code", "name", "suggested"),
    [(c, n, s) for c, words in NOT_FOUND.items() for n, s in words],
)
def test_other_words_find_nothing_and_never_a_wrong_story(
    article: Article, code: str, name: str, suggested: str | None
) -> None:
    with pytest.raises(UnknownName) as raised:
        example(article, code, name)
    assert raised.value.suggestion == suggested


def test_no_name_belongs_to_two_stories(article: Article) -> None:
    """Across all five languages, a name (as typed, any case, any accents) means one section."""
    owner: dict[str, str] = {}
    for language in article.available():
        for section in language.sections:
            for name in (section.id, section.title, *section.aliases):
                assert owner.setdefault(fold(name), section.id) == section.id, (name, language.code)


def test_every_section_answers_to_more_than_its_title(article: Article) -> None:
    for language in article.available():
        for section in language.sections:
            assert len(section.aliases) >= 2, (language.code, section.id)
    english = article.require("en").section("politics")
    assert english is not None and "policy" not in english.aliases  # a mistranslation


@pytest.mark.parametrize(
    ("code", "name", "section"),
    [
        ("de", "Überblick", "summary"),
        ("de", "Bedeutung", "definition"),
        ("de", "Kernaussage", "key-point"),
        ("de", "Schlussfolgerung", "conclusion"),
        ("es", "significado", "definition"),
        ("es", "puntos clave", "key-point"),
        ("fr", "synthèse", "summary"),
        ("fr", "l'essentiel", "key-point"),
        ("it", "riassunto", "summary"),
        ("it", "conclusioni", "conclusion"),
        ("en", "overview", "summary"),
        ("en", "takeaway", "key-point"),
    ],
)
def test_sections_answer_to_their_words_too(
    article: Article, code: str, name: str, section: str
) -> None:
    language = article.require(code)
    assert find_section(name, others(language, article), article.outline()) == section


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("", "abc", 3), ("marathon", "maraton", 1), ("ab", "ba", 1), ("kitten", "sitting", 3)],
)
def test_edits_counts_slips_of_the_keyboard(a: str, b: str, distance: int) -> None:
    assert edits(a, b) == distance == edits(b, a)


def test_the_command_line_finds_and_refuses_alike(lastmile: Lastmile) -> None:
    found = lastmile("example", "Wahlen", "--lang", "de")
    assert found.code == 0 and found.out.splitlines()[2] == "Politik"
    refused = lastmile("example", "logistique", "--lang", "fr")
    assert (refused.code, refused.out) == (2, "")
    assert "Did you mean" not in refused.err
    slipped = lastmile("example", "Glasfasern", "--lang", "de")
    assert slipped.code == 2 and "Did you mean 'telecom'?" in slipped.err
