"""Splitting paragraphs into sentences: the hard cases per language, and nothing ever lost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SECTION_IDS
from lastmile_cli.cache import Cache
from lastmile_cli.content import Article
from lastmile_cli.sentences import split

# (language, the sentences of one paragraph): the paragraph is these joined by single spaces.
HARD = {
    "en": [
        ["He did not finish (i.e., he stopped at the last mile).", "Then he left."],
        ["The U.S. network cost $3.5 billion, e.g. for cables.", "It failed."],
        ["Dr. Smith and Mr. Jones ran the race.", "Neither finished."],
        ["The plan had one goal: reach every home.", "It did not."],
        ["Was it worth it?", "Nobody knows!", "Perhaps."],
        ["He said “we are done.”", "They were not."],
        ["Costs rose etc. and more.", "Then it ended."],
    ],
    "de": [
        ["Er sieht den Kauf nicht zu Ende (dh bis der Kunde unterschreibt).", "Dann geht er."],
        ["Das gilt z. B. für Kabel, d. h. für jedes Haus.", "Es scheiterte."],
        ["Am 3. Mai begann das Rennen.", "Er lief 42 km."],
        ["Die Kosten betrugen ca. 3 Mio. Euro usw. und mehr.", "Dann war Schluss."],
        ["Herr Dr. Müller lief mit.", "Er kam nicht an."],
        ["Er sagte: „Wir sind fertig.“", "Sie waren es nicht."],
    ],
    "es": [
        ["No ve la compra hasta el final (es decir, hasta la firma).", "Luego se va."],
        ["¿Valió la pena?", "¡Nadie lo sabe!"],
        ["La meta: llegar a cada casa.", "No llegó."],
    ],
    "fr": [
        ["Le vendeur ne conclut pas (c.-à-d. jusqu’à la signature).", "Puis il part."],
        ["Il a couru le marathon, p. ex. à Paris.", "Il n’a pas fini."],
        ["Est-ce que cela valait la peine ?", "Personne ne le sait !"],
        ["Il a dit : « Nous avons fini. »", "Ce n’était pas vrai."],
        ["Le coût : 3,5 milliards, etc. et plus.", "Puis ce fut fini."],
    ],
    "it": [
        ["Il venditore non conclude (cioè fino alla firma).", "Poi se ne va."],
        ["Il sig. Rossi e la dott.ssa Bianchi hanno corso.", "Nessuno ha finito."],
        ["Costò ca. 3 milioni, ecc. e altro.", "Poi finì."],
        ["Ne valeva la pena?", "Nessuno lo sa!"],
    ],
}


@pytest.mark.parametrize(
    ("code", "sentences"),
    [(code, sentences) for code, cases in HARD.items() for sentences in cases],
    ids=lambda value: value if isinstance(value, str) else value[0][:30],
)
def test_hard_cases(code: str, sentences: list[str]) -> None:
    assert split(" ".join(sentences), code) == tuple(sentences)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("", ()),
        ("One.", ("One.",)),
        ("One. ", ("One. ",)),  # the trailing space stays with the last sentence
        ("One.  Two.", ("One.  Two.",)),  # two spaces: not a boundary lastmile can give back
        ("One.Two.", ("One.Two.",)),
        ("One. Two.", ("One.", "Two.")),
        (" ", (" ",)),  # one space and nothing before it: no sentence ends there
        ("? Yes.", ("?", "Yes.")),  # a sentence of one character ends like any other
    ],
)
def test_only_single_spaces_separate_sentences(paragraph: str, expected: tuple[str, ...]) -> None:
    assert split(paragraph, "en") == expected


def test_a_regional_or_unknown_language_uses_its_base_or_general_rules() -> None:
    text = "Olá, Sr. Silva. Tudo bem? Sim."
    assert split(text, "pt-BR") == ("Olá, Sr. Silva.", "Tudo bem?", "Sim.")
    assert split(text, "qaa") == split(text, "pt")


@given(st.text(), st.sampled_from(["en", "de", "es", "fr", "it", "qaa", "pt-BR"]))
def test_joining_the_sentences_gives_the_paragraph_back(text: str, code: str) -> None:
    sentences = split(text, code)
    assert " ".join(sentences) == text
    assert all(sentences)


@given(st.lists(st.sampled_from(["Yes.", "No?", "Dr. Who!", "i.e. so.", "3.5 m."]), max_size=6))
def test_sentences_of_words_and_stops_join_back(words: list[str]) -> None:
    text = " ".join(words)
    assert " ".join(split(text, "en")) == text


def test_the_bundled_translations_keep_the_english_sentences() -> None:
    """Every bundled language has as many sentences as English in every section: the structure
    the alignment benchmark's gold file relies on."""
    article = Article([], Cache(None))
    counts = {}
    for code in ("en", "de", "es", "fr", "it"):
        language = article.require(code)
        counts[code] = [
            sum(len(split(p, code)) for p in section.paragraphs)
            for section_id in SECTION_IDS
            if (section := language.section(section_id)) is not None
        ]
    assert counts["en"] == [2, 1, 4, 2, 5, 4, 5, 4]
    assert all(found == counts["en"] for found in counts.values())


@pytest.mark.parametrize("code", ["pt-BR", "pt", "PT-br"])
def test_brazilian_portuguese_is_split_by_the_portuguese_rules(code: str) -> None:
    """ "Exmo. Sr." (Excelentíssimo Senhor) ends no sentence in Portuguese; the English, Spanish
    and general rules split it, so only Portuguese rules give this."""
    text = "O Exmo. Sr. chegou. Ok."
    assert split(text, code) == ("O Exmo. Sr. chegou.", "Ok.")
    for other in ("en", "es", "qaa"):
        assert split(text, other) == ("O Exmo.", "Sr. chegou.", "Ok.")


@pytest.mark.parametrize("code", ["pt-AO", "pt-Latn-BR", "pt-Latn-AO", "PT-ao"])
def test_any_portuguese_tag_is_split_by_the_portuguese_rules(code: str) -> None:
    """Only the language subtag picks the rules: sentencex knows "pt-br" itself, but not "pt-ao"
    (Angola) or a tag with a script ("pt-latn"), which would get its general rules."""
    assert split("O Exmo. Sr. chegou. Ok.", code) == ("O Exmo. Sr. chegou.", "Ok.")
