"""Which sentences of one language answer which of another, within a section.

Dynamic programming over the two lists of sentences, as Gale and Church (1993) align the
Canadian Hansard: each step links one sentence to one, one to two, two to one, or one to none,
and costs what such a link is unlikely to be (their priors) plus how unlikely its two lengths
are for a translation (their normal model, with the two languages' overall length ratio); a
sentence left out pays its prior only. Cheap cues that survive translation adjust the cost of a
link: numbers must agree, questions, exclamations, parentheses and colons should, long words
that begin alike (names, cognates: Marathon, maratona) count for it, and no link joins two
paragraphs' sentences. Where both sides have as many paragraphs, paragraph answers paragraph
and each pair is aligned on its own. No model, no download: aligning a section of the article
is a few hundred small sums.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from math import erfc, log, sqrt

# Gale and Church's priors for each kind of link, (sentences of A, sentences of B).
PRIORS = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.045, (1, 2): 0.045}
COSTS = {step: -log(p) for step, p in PRIORS.items()}
VARIANCE = 6.8  # of the length of a translation, per character (Gale and Church)
NUMBER_MISMATCH = 4.0  # per number on one side only
MARK_MISMATCH = 1.0  # per question mark, parenthesis... on one side only
SHARED_WORDS = 3.0  # for a link whose long words all begin alike on both sides (Dice)
BAND = 12  # how far (in sentences) a link may stray from the section's diagonal
LIMIT = 1000  # sentences on a side beyond which a section pairs by position (a second at most)
MARKS = {"?": "?", "!": "!", "(": "(", "[": "(", ":": ":"}  # (¿ and ¡ open what ? and ! close)

Link = tuple[tuple[int, ...], tuple[int, ...]]


class Sentence:
    """A sentence with what the costs read: its length, numbers, marks, long words and the
    paragraph it is in."""

    __slots__ = ("length", "marks", "numbers", "paragraph", "words")

    def __init__(self, text: str, paragraph: int) -> None:
        self.length = len(text)
        self.paragraph = paragraph
        digits = "".join(c if c.isdigit() else " " for c in text)
        self.numbers = digits.split()
        self.marks = [MARKS[c] for c in text if c in MARKS]
        letters = "".join(c if c.isalnum() else " " for c in text.lower())
        self.words = {w[:5] for w in letters.split() if len(w) >= 6 and not w.isdigit()}


def _unmatched(a: list[str], b: list[str]) -> int:
    """How many items of the two lists have no partner in the other (as multisets)."""
    ca, cb = Counter(a), Counter(b)
    return sum((ca - cb).values()) + sum((cb - ca).values())


def _length_cost(la: int, lb: int, ratio: float) -> float:
    """-log of the chance that texts of these lengths translate each other (two-tailed)."""
    if la == 0 and lb == 0:
        return 0.0
    mean = (la + lb / ratio) / 2
    z = (ratio * la - lb) / sqrt(VARIANCE * mean)
    return -log(max(erfc(abs(z) / sqrt(2)), 1e-300))


def _cost(a: Sequence[Sentence], b: Sequence[Sentence], ratio: float) -> float:
    if len({s.paragraph for s in a}) > 1 or len({s.paragraph for s in b}) > 1:
        return float("inf")  # a link never joins two paragraphs' sentences
    cost = COSTS[len(a), len(b)]
    if not (a and b):  # a sentence left out has nothing to answer: only its prior counts
        return cost
    cost += _length_cost(sum(s.length for s in a), sum(s.length for s in b), ratio)
    numbers = _unmatched([n for s in a for n in s.numbers], [n for s in b for n in s.numbers])
    marks = _unmatched([m for s in a for m in s.marks], [m for s in b for m in s.marks])
    cost += NUMBER_MISMATCH * numbers + MARK_MISMATCH * marks
    wa, wb = set[str]().union(*(s.words for s in a)), set[str]().union(*(s.words for s in b))
    if wa and wb:  # the share of long words alike on both sides (Dice's coefficient)
        cost -= SHARED_WORDS * 2 * len(wa & wb) / (len(wa) + len(wb))
    return cost


def align(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]], ratio: float) -> list[Link]:
    """The links between the sentences of two sections, given as paragraphs of sentences, in
    order: each link holds the indices (counted across the section) of its sentences on each
    side, one of them possibly empty. `ratio` is B's length per character of A. A section of
    more than LIMIT sentences (a book, not an article) pairs them by position instead."""
    n, m = sum(map(len, a)), sum(map(len, b))
    if n > LIMIT or m > LIMIT:
        return [((i,) if i < n else (), (i,) if i < m else ()) for i in range(max(n, m))]
    if len(a) != len(b) or len(a) < 2:
        return _align(a, b, ratio)
    links: list[Link] = []
    i = j = 0
    for pa, pb in zip(a, b, strict=True):  # the translator kept the paragraphs: each its own
        links += [
            (tuple(i + x for x in xs), tuple(j + y for y in ys))
            for xs, ys in _align([pa], [pb], ratio)
        ]
        i, j = i + len(pa), j + len(pb)
    return links


def _align(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]], ratio: float) -> list[Link]:
    """Gale and Church's search, in a band around the diagonal."""
    sa = [Sentence(t, p) for p, par in enumerate(a) for t in par]
    sb = [Sentence(t, p) for p, par in enumerate(b) for t in par]
    n, m = len(sa), len(sb)
    ratio = ratio if ratio > 0 else 1.0
    inf = float("inf")
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    # Only cells near the diagonal: a translation does not drift far from the proportional
    # place. The band is wider than one row's step, so every row's cells reach the next row's.
    width = BAND + (m // n if n else m) + 1
    for i in range(n + 1):
        middle = i * m // n if n else 0
        for j in range(max(0, middle - width), min(m, middle + width) + 1):
            here = best.get((i, j), inf)
            if here == inf:
                continue
            for di, dj in PRIORS:
                if i + di > n or j + dj > m:
                    continue
                total = here + _cost(sa[i : i + di], sb[j : j + dj], ratio)
                if total < best.get((i + di, j + dj), inf):
                    best[i + di, j + dj] = total
                    back[i + di, j + dj] = (di, dj)
    links: list[Link] = []
    i, j = n, m
    while i or j:
        di, dj = back[i, j]
        links.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    links.reverse()
    return links


def ratio(a: Sequence[str], b: Sequence[str]) -> float:
    """B's characters per character of A, over two translations of the same text."""
    la, lb = sum(len(t) for t in a), sum(len(t) for t in b)
    return lb / la if la and lb else 1.0
