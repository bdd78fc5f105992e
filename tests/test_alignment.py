"""Aligning sentences: one to one where a translation keeps them, and merges, splits and omissions
found where a translator made them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from lastmile_cli.alignment import LIMIT, align, ratio

EN = [
    "A runner can spend months preparing for a marathon.",
    "He can train every day and practice long distances to increase his stamina.",
    "Despite being adequately prepared, the runner falls a mile short of the finish and cannot"
    " finish the race.",
    "He has done a lot of preparation but fails in the final leg.",
]
DE = [
    "Ein Läufer kann Monate damit verbringen, sich auf einen Marathon vorzubereiten.",
    "Er kann jeden Tag trainieren und lange Strecken laufen üben, um seine Ausdauer aufzubauen.",
    "Trotz guter Vorbereitung stürzt der Läufer eine Meile vor dem Ziel und kann das Rennen nicht"
    " beenden.",
    "Er hat sich gut vorbereitet, scheitert aber auf der letzten Etappe.",
]
R = ratio(EN, DE)


def test_a_faithful_translation_aligns_one_to_one() -> None:
    assert align([EN], [DE], R) == [((i,), (i,)) for i in range(4)]


def test_two_sentences_merged_into_one() -> None:
    merged = [DE[0], DE[1][:-1] + "; " + DE[2][0].lower() + DE[2][1:], DE[3]]
    assert align([EN], [merged], R) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_one_sentence_split_in_two() -> None:
    first, second = DE[1].split(", ")
    split = [DE[0], first + ".", second[0].upper() + second[1:], DE[2], DE[3]]
    assert align([EN], [split], R) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]


def test_a_sentence_left_out() -> None:
    assert align([EN], [[DE[0], DE[1], DE[3]]], R) == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), ()),
        ((3,), (2,)),
    ]


def test_a_sentence_added() -> None:
    extra = "Der Marathon ist 42,195 Kilometer lang, und jeder Kilometer zählt bis zum Schluss."
    assert align([EN], [[DE[0], extra, *DE[1:]]], R)[1] == ((), (1,))


def test_numbers_decide_between_two_sentences_of_the_same_length() -> None:
    a = ["The race is 42 km long.", "The race is 26 miles long.", "It ends at the stadium."]
    b = ["Das Rennen ist 26 Meilen lang.", "Es endet im Stadion."]
    assert align([a], [b], 1.1) == [((0,), ()), ((1,), (0,)), ((2,), (1,))]


def test_a_link_never_joins_two_paragraphs() -> None:
    """Merging the last sentence of one paragraph with the first of the next would fit the
    lengths; the paragraph boundary forbids it."""
    a = [["Short one.", "Another short one."], ["A third."]]
    b = [["Kurz eins.", "Noch ein kurzer Satz. Ein dritter."]]
    for link in align(a, b, 1.0):
        assert len({0 if i < 2 else 1 for i in link[0]}) <= 1


def test_paragraph_starts_anchor_the_alignment() -> None:
    a = [[EN[0], EN[1]], [EN[2], EN[3]]]
    b = [[DE[0], DE[1]], [DE[3]]]  # the second paragraph's first sentence left out
    assert align(a, b, R) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]


def test_nothing_to_align() -> None:
    assert align([], [], 1.0) == []
    assert align([EN], [], 1.0) == [((i,), ()) for i in range(4)]
    assert align([], [[""]], 1.0) == [((), (0,))]


sentences = st.lists(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=4), max_size=4)


@given(sentences, sentences, st.floats(min_value=0.0, max_value=3.0))
def test_links_cover_every_sentence_once_in_order(
    a: list[list[str]], b: list[list[str]], r: float
) -> None:
    links = align(a, b, r)
    left = [i for x, _ in links for i in x]
    right = [j for _, y in links for j in y]
    assert left == list(range(sum(map(len, a))))
    assert right == list(range(sum(map(len, b))))
    assert all(x or y for x, y in links)
    assert all((len(x), len(y)) in {(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)} for x, y in links)


@given(
    st.integers(min_value=0, max_value=120),
    st.integers(min_value=0, max_value=120),
    st.randoms(use_true_random=False),
)
def test_long_sections_of_any_shape_align_completely(n: int, m: int, rng: Random) -> None:
    """The search keeps to a band around the diagonal; every shape still ends in one alignment
    that covers both sides."""
    words = ["A sentence.", "A much longer sentence with many words in it.", "Yes?", "Go!"]
    a = [[rng.choice(words) for _ in range(n)]] if n else []
    b = [[rng.choice(words) for _ in range(m)]] if m else []
    links = align(a, b, 1.0)
    assert [i for x, _ in links for i in x] == list(range(n))
    assert [j for _, y in links for j in y] == list(range(m))


def test_a_book_sized_section_pairs_by_position() -> None:
    """Past LIMIT sentences the search would take seconds; a hostile file gets pairs by place."""
    a = [["One."] * (LIMIT + 1)]
    b = [["Eins."] * 3]
    links = align(a, b, 1.0)
    assert links[:3] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert links[3:] == [((i,), ()) for i in range(3, LIMIT + 1)]


def test_the_alignment_benchmark_meets_its_targets() -> None:
    """benchmarks/alignment.py with a fixed seed (deterministic, so not a timing test): every
    bundled pair exactly as the gold file says, and at least 95% of links right on perturbed
    translations. BENCHMARKS.md records the full run."""
    script = Path(__file__).parent.parent / "benchmarks" / "alignment.py"
    result = subprocess.run(
        [sys.executable, str(script), "--runs", "150", "--seed", "3", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    bundled, perturbed = scores["bundled"], scores["perturbed"]
    assert (bundled["links"], bundled["precision"], bundled["recall"]) == (162, 1.0, 1.0)
    assert perturbed["precision"] >= 0.95 and perturbed["recall"] >= 0.95
