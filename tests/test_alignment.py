"""Aligning sentences: one to one where a translation keeps them, and merges, splits and omissions
found where a translator made them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lastmile_cli.alignment import LIMIT, align, in_groups
from lastmile_cli.pairing import ratio

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


def test_a_book_sized_section_aligns_in_groups_completely() -> None:
    """Past LIMIT sentences a side, groups of sentences are aligned: every sentence is linked
    once, in order, and a faithful translation still pairs one to one."""
    assert not in_groups(LIMIT, LIMIT) and in_groups(LIMIT + 1, 3) and in_groups(3, LIMIT + 1)
    rng = Random(4)
    words = ["A sentence.", "A much longer sentence with many words in it.", "Yes?", "Go 1!"]
    a = [rng.choice(words) for _ in range(3 * LIMIT + 7)]
    b = [s.replace("sentence", "Satz").replace("Yes", "Ja") for s in a]
    links = align([a[:100], a[100:]], [b], 1.0)
    assert links == [((i,), (i,)) for i in range(len(a))]
    lopsided = align([["One."] * (LIMIT + 1)], [["Eins."] * 3], 1.0)
    assert [i for x, _ in lopsided for i in x] == list(range(LIMIT + 1))
    assert [j for _, y in lopsided for j in y] == [0, 1, 2]


def _work(n: int, m: int, monkeypatch: pytest.MonkeyPatch, drop: int = 0) -> int:
    """How many link costs aligning sections of n and m sentences computes (not a timing);
    `drop`: every drop-th sentence of the second side left out, so groups are refined."""
    import lastmile_cli.alignment as alignment

    calls = [0]
    cost = alignment._cost

    def counted(*args: object) -> float:
        calls[0] += 1
        return cost(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(alignment, "_cost", counted)
    texts = [f"Sentence number {i} of a long section." for i in range(max(n, m))]
    second = [t for i, t in enumerate(texts[:m]) if not drop or i % drop]
    align([texts[:n]], [second], 1.0)
    monkeypatch.undo()
    return calls[0]


def test_the_search_grows_with_the_section_and_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """No cliff: the work grows with the number of sentences up to LIMIT, never falls after it,
    and stays at LIMIT's past it (the rest of the run is linear in the text)."""
    sizes = [10, 100, LIMIT // 2, LIMIT, LIMIT + 1, 2 * LIMIT, 10 * LIMIT]
    work = [_work(n, n, monkeypatch) for n in sizes]
    assert work == sorted(work)
    assert work[-1] == work[3]  # 10 × LIMIT costs what LIMIT does
    assert work[2] <= work[3] / 2 * 1.05  # linear below it: half the sentences, half the work
    assert _work(3, 10 * LIMIT, monkeypatch) <= work[3]
    assert work[3] < 80 * LIMIT  # a few dozen link costs per sentence
    for n in (LIMIT + 1, 3 * LIMIT, 20 * LIMIT):  # refining linked groups has its own budget
        assert _work(n, n, monkeypatch, drop=7) <= 2 * work[3] + 60 * LIMIT


@pytest.mark.slow
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


@settings(deadline=None, max_examples=300)
@given(sentences, sentences, st.integers(min_value=1, max_value=6), st.floats(0.1, 3.0))
def test_groups_cover_every_sentence_once_in_order_and_never_join_paragraphs(
    a: list[list[str]], b: list[list[str]], limit: int, r: float
) -> None:
    """Past the limit (made small here, so that groups are met in sections hypothesis can
    make), links still cover both sides in order, and none joins two paragraphs' sentences."""
    from unittest.mock import patch

    import lastmile_cli.alignment as alignment

    with patch.object(alignment, "LIMIT", limit):
        links = align(a, b, r)
    assert [i for x, _ in links for i in x] == list(range(sum(map(len, a))))
    assert [j for _, y in links for j in y] == list(range(sum(map(len, b))))
    assert all(x or y for x, y in links)
    for side, paragraphs in ((0, a), (1, b)):
        paragraph = [k for k, p in enumerate(paragraphs) for _ in p]
        assert all(len({paragraph[i] for i in link[side]}) <= 1 for link in links)
