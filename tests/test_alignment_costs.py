"""The aligner's cost model, pinned by hand-built cases: Gale and Church's priors and length
model (with the two languages' length ratio), and each cue that adjusts a link (numbers, marks,
long words alike). The alignment tests pin results; these pin why."""

from __future__ import annotations

from math import erfc, log, sqrt

import pytest

from lastmile_cli.alignment import COSTS, Sentence, _cost, align


def length_cost(la: int, lb: int, ratio: float) -> float:
    """Gale and Church's: how unlikely B's length is for a translation of A's, with a variance
    of 6.8 per character."""
    z = abs(ratio * la - lb) / sqrt(6.8 * (la + lb / ratio) / 2)
    return -log(erfc(z / sqrt(2)))


def cost(a: str, b: str, prior: float = 0.0, ratio: float = 1.0) -> float:
    return _cost(Sentence(a, 0), Sentence(b, 0), prior, ratio)


def test_the_priors_are_gale_and_churchs() -> None:
    assert (
        pytest.approx(
            {
                (1, 1): -log(0.89),
                (1, 0): -log(0.005),
                (0, 1): -log(0.005),
                (2, 1): -log(0.045),
                (1, 2): -log(0.045),
            }
        )
        == COSTS
    )


def test_a_link_of_equal_lengths_and_no_cues_costs_its_prior() -> None:
    assert cost("abcd efgh", "ijkl mnop", prior=0.5) == 0.5


@pytest.mark.parametrize(
    ("la", "lb", "ratio"),
    [(10, 20, 1.0), (20, 10, 1.0), (10, 30, 2.0), (40, 25, 0.5), (1, 3, 1.0)],
)
def test_the_length_model_is_gale_and_churchs(la: int, lb: int, ratio: float) -> None:
    assert cost("x" * la, "y" * lb, ratio=ratio) == pytest.approx(length_cost(la, lb, ratio))


def test_the_ratio_is_bs_length_per_character_of_a() -> None:
    """B twice as long as A costs nothing at a ratio of 2, and does at a ratio of 1/2."""
    assert cost("x" * 10, "y" * 20, ratio=2.0) == 0.0
    assert cost("x" * 20, "y" * 10, ratio=2.0) > 1.0
    assert cost("x" * 20, "y" * 10, ratio=0.5) == 0.0


def test_lengths_no_translation_has_cost_at_most_the_floor() -> None:
    """An impossible length pair costs -log(1e-300) more than its prior, never infinity."""
    assert cost("x", "y" * 100_000, prior=1.0) == pytest.approx(1.0 - log(1e-300))


@pytest.mark.parametrize(
    ("a", "b", "extra"),
    [
        ("in 1990 and 2000", "in 1990 and 2000", 0.0),
        ("in 1990 and 2000", "in 1991 and 2000", 8.0),  # 1990 and 1991: each on one side only
        ("in 1990 and 2000", "in 1990 and more", 4.0),
        ("7 ok", "7 ok", 0.0),
    ],
)
def test_each_number_on_one_side_only_costs_four(a: str, b: str, extra: float) -> None:
    assert len(a) == len(b)
    assert cost(a, b) == pytest.approx(extra)


@pytest.mark.parametrize(
    ("a", "b", "extra"),
    [
        ("Why?", "Why!", 2.0),  # a question on one side, an exclamation on the other
        ("Why?", "Why.", 1.0),
        ("(so)", "[so]", 0.0),  # parentheses and brackets count as one kind
        ("a: b", "a; b", 1.0),
        ("¿Qué?", "¿Que?", 0.0),  # (¿ and ¡ open what ? and ! close: not counted apart)
        ("Oh?!?", "Oh.!.", 2.0),
    ],
)
def test_each_mark_on_one_side_only_costs_one(a: str, b: str, extra: float) -> None:
    assert len(a) == len(b)
    assert cost(a, b) == pytest.approx(extra)


@pytest.mark.parametrize(
    ("a", "b", "extra"),
    [
        ("Marathon runner", "maratona corsa.", -3.0 * 2 * 1 / (2 + 1)),  # marat of {marat, runne}
        ("Marathon", "maratona", -3.0),  # every long word alike: the whole bonus
        ("Marathon", "abcdefgh", 0.0),
        ("Marat on", "marat on", 0.0),  # five letters: not a long word
        ("123456 x", "123456 x", 0.0),  # a number, not a word (and on both sides)
        ("Marathon", "xy", None),  # no long word on one side: no bonus, only the lengths
    ],
)
def test_long_words_that_begin_alike_count_for_a_link(a: str, b: str, extra: float | None) -> None:
    expected = length_cost(len(a), len(b), 1.0) if extra is None else extra
    if extra is not None:
        assert len(a) == len(b)
    assert cost(a, b) == pytest.approx(expected)


def test_cues_are_read_from_the_first_sixteen_only() -> None:
    """At most 16 numbers and 16 long words a sentence: a bounded cost for any sentence."""
    numbers = " ".join(str(n) for n in range(100, 117))  # 17 numbers
    assert len(Sentence(numbers, 0).numbers) == 16
    words = " ".join(f"w{n:02d}xyzab" for n in range(17))
    assert len(Sentence(words, 0).words) == 16


def test_a_long_word_is_known_by_its_first_five_letters_in_lower_case() -> None:
    assert Sentence("Telecommunications and telephone", 0).words == {"telec", "telep"}


def test_two_sentences_join_within_a_paragraph_only() -> None:
    one, two = Sentence("It is 42?", 3), Sentence("Marathons!", 3)
    both = one.joined(two)
    assert both is not None
    assert (both.length, both.paragraph) == (19, 3)
    assert both.numbers == {"42"} and both.words == {"marat"}
    assert both.marks == (1, 1, 0, 0)
    assert one.joined(Sentence("x", 4)) is None


def test_the_ratio_decides_between_a_merge_and_a_sentence_left_out() -> None:
    """Two sentences of 40 characters against one of 40: where B runs half as long as A (a
    ratio of 1/2), the one translates both; at a ratio of 1 it translates the first, and the
    second is left out. A ratio that is no ratio (0, or below) counts as 1."""
    a, b = [["x" * 40, "y" * 40]], [["z" * 40]]
    assert align(a, b, 0.5) == [((0, 1), (0,))]
    apart = [((0,), (0,)), ((1,), ())]
    assert align(a, b, 1.0) == apart
    assert align(a, b, 0.0) == apart
    assert align(a, b, -1.0) == apart
    # (and the other way round: B twice as long as A merges B's two sentences under one)
    a, b = [["x" * 40]], [["z" * 40, "w" * 40]]
    assert align(a, b, 2.0) == [((0,), (0, 1))]
    assert align(a, b, 0.0) == align(a, b, 1.0) == [((0,), (0,)), ((), (1,))]
