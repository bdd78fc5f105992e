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
is a few hundred small sums, and any section a few dozen per sentence: the search keeps to a
band around the diagonal, and reads at most CUES numbers and long words of a sentence. Past
LIMIT sentences a side, groups of sentences are aligned instead (see `align`), so the work
never grows past LIMIT sentences' and never falls as a section grows (BENCHMARKS.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice, pairwise
from math import erfc, log, sqrt

# Gale and Church's priors for each kind of link, (sentences of A, sentences of B).
PRIORS = {(1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.045, (1, 2): 0.045}
COSTS = {step: -log(p) for step, p in PRIORS.items()}
VARIANCE = 6.8  # of the length of a translation, per character (Gale and Church)
NUMBER_MISMATCH = 4.0  # per number on one side only
MARK_MISMATCH = 1.0  # per question mark, parenthesis... on one side only
SHARED_WORDS = 3.0  # for a link whose long words all begin alike on both sides (Dice)
BAND = 8  # how far (in sentences) a link may stray from the section's diagonal
LIMIT = 500  # sentences on a side aligned one by one; beyond, in groups (see align)
FINE_BUDGET = 60 * LIMIT  # link costs to spend within linked groups (about LIMIT's search)
MARKS = ("?", "!", "([", ":")  # counted apart: (¿ and ¡ open what ? and ! close)
CUES = 16  # numbers and long words read per sentence: enough to tell, and a bounded cost
_NUMBER = re.compile(r"\d+")
_LONG_WORD = re.compile(r"[^\W_]{6,}")  # letters and digits, six or more

_SQRT2 = sqrt(2)
_FLOOR = log(1e-300)

Link = tuple[tuple[int, ...], tuple[int, ...]]


class Sentence:
    """A sentence (or a group of them) with what the costs read: its length, numbers, marks,
    long words and the paragraph it is in."""

    __slots__ = ("length", "marks", "numbers", "paragraph", "words")

    def __init__(self, text: str, paragraph: int) -> None:
        self.length = len(text)
        self.paragraph = paragraph
        self.numbers = frozenset(m.group() for m in islice(_NUMBER.finditer(text), CUES))
        self.marks = tuple(sum(text.count(c) for c in cs) for cs in MARKS)
        long_words = (m.group() for m in _LONG_WORD.finditer(text))
        self.words = frozenset(
            w[:5].lower() for w in islice((w for w in long_words if not w.isdigit()), CUES)
        )

    def joined(self, other: Sentence) -> Sentence | None:
        """The two sentences as one side of a link; None across paragraphs (never linked)."""
        if other.paragraph != self.paragraph:
            return None
        both = Sentence.__new__(Sentence)
        both.length = self.length + other.length
        both.paragraph = self.paragraph
        both.numbers = self.numbers | other.numbers
        both.marks = tuple(x + y for x, y in zip(self.marks, other.marks, strict=True))
        both.words = self.words | other.words
        return both


def _cost(a: Sentence, b: Sentence, prior: float, ratio: float) -> float:
    """What linking these two sides costs: the link's prior, how unlikely their lengths are for
    a translation (_length_cost, inlined: this runs a few dozen times per sentence), and the
    cues (numbers, marks, long words) that survive translation."""
    cost = prior
    la, lb = a.length, b.length
    if la or lb:
        z = abs(ratio * la - lb) / sqrt(VARIANCE * (la + lb / ratio) / 2)
        chance = erfc(z / _SQRT2)
        cost -= log(chance) if chance > 1e-300 else _FLOOR
    na, nb = a.numbers, b.numbers
    if na != nb:  # the numbers on one side only
        cost += NUMBER_MISMATCH * len(na ^ nb)
    ma, mb = a.marks, b.marks
    if ma != mb:
        cost += MARK_MISMATCH * sum(abs(x - y) for x, y in zip(ma, mb, strict=True))
    wa, wb = a.words, b.words
    if wa and wb:  # the share of long words alike on both sides (Dice's coefficient)
        cost -= SHARED_WORDS * 2 * len(wa & wb) / (len(wa) + len(wb))
    return cost


def align(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]], ratio: float) -> list[Link]:
    """The links between the sentences of two sections, given as paragraphs of sentences, in
    order: each link holds the indices (counted across the section) of its sentences on each
    side, one of them possibly empty. `ratio` is B's length per character of A.

    The search costs a few dozen small sums per sentence (a band around the diagonal), so a
    section of up to LIMIT sentences a side aligns one by one in a fraction of a second. A
    longer one (a book, not an article: see `in_groups`) is aligned as LIMIT groups of
    consecutive sentences a side, each group standing for one sentence, and the sentences of
    linked groups pair by position: the search never does more than LIMIT sentences' work, and
    the rest grows linearly with the text, so a longer section never aligns faster."""
    n, m = sum(map(len, a)), sum(map(len, b))
    if in_groups(n, m):
        return _in_groups(a, b, ratio)
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


def in_groups(n: int, m: int) -> bool:
    """Whether sections of n and m sentences are aligned in groups rather than one by one."""
    return max(n, m) > LIMIT


def _in_groups(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]], ratio: float) -> list[Link]:
    """Align at most LIMIT groups of consecutive sentences a side (a group may span paragraphs:
    its sentences are linked one to one, so no link joins two paragraphs of one side). Linked
    groups of as many sentences on each side pair by position; the others (where a sentence
    was merged, split or left out) are aligned sentence by sentence, in order, while the
    search has done no more than twice LIMIT sentences' work, and pair by position after."""
    flat_a = [s for p in a for s in p]
    flat_b = [s for p in b for s in p]
    paragraph_a = [k for k, p in enumerate(a) for _ in p]
    paragraph_b = [k for k, p in enumerate(b) for _ in p]

    def groups(side: Sequence[str]) -> list[range]:
        count = min(len(side), LIMIT)
        return [range(k * len(side) // count, (k + 1) * len(side) // count) for k in range(count)]

    def by_paragraph(indices: list[int], texts: list[str], paragraph: list[int]) -> list[list[str]]:
        """The sentences at `indices`, in their paragraphs (so no link joins two)."""
        paragraphs: list[list[str]] = []
        for position, index in enumerate(indices):
            if not position or paragraph[index] != paragraph[indices[position - 1]]:
                paragraphs.append([])
            paragraphs[-1].append(texts[index])
        return paragraphs

    ga, gb = groups(flat_a), groups(flat_b)
    texts_a = [" ".join(flat_a[r.start : r.stop]) for r in ga]
    texts_b = [" ".join(flat_b[r.start : r.stop]) for r in gb]
    budget = FINE_BUDGET
    links: list[Link] = []
    for xs, ys in _align([texts_a] if flat_a else [], [texts_b] if flat_b else [], ratio):
        left = [i for x in xs for i in ga[x]]
        right = [j for y in ys for j in gb[y]]
        work = 3 * len(left) * len(right)  # at most: every cell, three links each
        if left and right and len(left) != len(right) and work <= budget:
            budget -= work
            fine = _align(
                by_paragraph(left, flat_a, paragraph_a),
                by_paragraph(right, flat_b, paragraph_b),
                ratio,
            )
            links += [(tuple(left[x] for x in fx), tuple(right[y] for y in fy)) for fx, fy in fine]
            continue
        for k in range(max(len(left), len(right))):
            links.append(
                ((left[k],) if k < len(left) else (), (right[k],) if k < len(right) else ())
            )
    return links


def _align(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]], ratio: float) -> list[Link]:
    """Gale and Church's search, in a band around the diagonal: each cell is reached from the
    five cells one link before it, and each link's cost is a handful of sums over what was
    computed once per sentence (and per pair of neighbours)."""
    sa = [Sentence(t, p) for p, par in enumerate(a) for t in par]
    sb = [Sentence(t, p) for p, par in enumerate(b) for t in par]
    n, m = len(sa), len(sb)
    ratio = ratio if ratio > 0 else 1.0
    pa = [x.joined(y) for x, y in pairwise(sa)]  # sentences k and k + 1
    pb = [x.joined(y) for x, y in pairwise(sb)]
    c11, c10, c01 = COSTS[1, 1], COSTS[1, 0], COSTS[0, 1]
    c21, c12 = COSTS[2, 1], COSTS[1, 2]
    inf = float("inf")
    # Only cells near the diagonal: a translation does not drift far from the proportional
    # place. The band is wider than one row's step, so every row's cells reach the next row's.
    width = BAND + (m // n if n else m) + 1
    best: list[dict[int, float]] = []  # per row i: column j → the cheapest way to (i, j)
    back: list[dict[int, int]] = []  # per row i: column j → the step's index in STEPS
    for i in range(n + 1):
        middle = i * m // n if n else 0
        row: dict[int, float] = {}
        steps: dict[int, int] = {}
        above = best[i - 1] if i >= 1 else {}
        above2 = best[i - 2] if i >= 2 else {}
        for j in range(max(0, middle - width), min(m, middle + width) + 1):
            here, how = (0.0, -1) if i == 0 and j == 0 else (inf, -1)
            if j >= 1 and j - 1 in row:  # (0, 1): B's sentence j - 1 alone
                total = row[j - 1] + c01
                if total < here:
                    here, how = total, 2
            if i >= 1:
                if j in above:  # (1, 0): A's sentence i - 1 alone
                    total = above[j] + c10
                    if total < here:
                        here, how = total, 1
                if j >= 1 and j - 1 in above:  # (1, 1)
                    total = above[j - 1] + _cost(sa[i - 1], sb[j - 1], c11, ratio)
                    if total < here:
                        here, how = total, 0
                if j >= 2 and j - 2 in above and (both := pb[j - 2]) is not None:  # (1, 2)
                    total = above[j - 2] + _cost(sa[i - 1], both, c12, ratio)
                    if total < here:
                        here, how = total, 4
                if i >= 2 and j >= 1 and j - 1 in above2 and (both := pa[i - 2]) is not None:
                    total = above2[j - 1] + _cost(both, sb[j - 1], c21, ratio)  # (2, 1)
                    if total < here:
                        here, how = total, 3
            if here < inf:
                row[j] = here
                steps[j] = how
        best.append(row)
        back.append(steps)
    links: list[Link] = []
    i, j = n, m
    while i or j:
        di, dj = STEPS[back[i][j]]
        links.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    links.reverse()
    return links


STEPS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))  # the links a cell is reached by, by index
