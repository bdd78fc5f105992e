"""Pairing two languages: for `compare`, paragraph by paragraph or sentence by sentence, and for
`--with`, each sentence of the article followed by the one that answers it.

Paragraphs pair one to one, section by section (by id). Sentences are split by
sentences.py and paired by alignment.py, which finds where a translator merged, split or left
out a sentence; neither module is imported unless sentences are asked for, nor where the
build prepared what they would give (prepared.py: the bundled languages' sentences and
alignments, used only where they are exactly what this run would compute).
"""

from __future__ import annotations

from itertools import zip_longest

from lastmile_cli.model import Document, Language, Section
from lastmile_cli.views import ComparedSection, Comparison, Interlinear

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Protocol

    from lastmile_cli.alignment import Link

Pair = tuple[str | None, str | None]
Paragraphs = tuple[tuple[str, ...], ...]  # a section's sentences, paragraph by paragraph
# A section's sentences on each side, their links, and whether they were aligned in groups.
Aligned = tuple[Paragraphs, Paragraphs, "Sequence[Link]", bool]

if TYPE_CHECKING:

    class Precomputed(Protocol):
        """What may already know a section's sentences and two sections' links, exactly as
        computing them here would give them, and says None for anything else (prepared.py's
        `Prepared`: what the build split and aligned of the bundled article)."""

        def split(self, section: Section) -> Paragraphs | None: ...

        def aligned(self, a: Section | None, b: Section | None, ratio: float) -> Aligned | None: ...


def pair(
    first: Language,
    second: Language,
    section_ids: Sequence[str],
    by: str = "paragraph",
    prepared: Precomputed | None = None,
) -> Comparison:
    """Pairs of titles and paragraphs (or sentences) per section; None where one language lacks a
    counterpart."""
    ratio = section_ratio(first.sections, second.sections) if by == "sentence" else 1.0
    sections = []
    grouped: list[str] = []
    firsts, seconds = first.by_id(), second.by_id()
    for section_id in section_ids:
        a, b = firsts.get(section_id), seconds.get(section_id)
        if a is None and b is None:
            continue
        if by == "sentence":
            sentence_pairs, in_groups = _sentence_pairs(a, b, ratio, prepared)
            pairs = tuple(sentence_pairs)
            grouped += [section_id] if in_groups else []
        else:
            pairs = tuple(zip_longest(a.paragraphs if a else (), b.paragraphs if b else ()))
        titles = (a.title if a else None, b.title if b else None)
        sections.append(ComparedSection(section_id, titles, pairs))
    names = (first.name, second.name)
    headlines = (first.title, second.title)
    return Comparison(
        (first.code, second.code), tuple(sections), names, by, headlines, tuple(grouped)
    )


def interlinear(
    document: Document, second: Language, prepared: Precomputed | None = None
) -> Interlinear:
    """Each sentence of `document` with the sentence(s) of `second` that answer it. A sentence
    only `second` has joins the one before it (or the first), so nothing is left out."""
    ratio = section_ratio(document.sections, second.sections)
    readings = []
    grouped: list[str] = []
    answering = second.by_id()
    for section in document.sections:
        texts: list[str] = []
        answers: list[list[str]] = []  # what answers each text, in order
        orphans: list[str] = []  # second's sentences before the document's first one
        pairs, in_groups = _sentence_pairs(section, answering.get(section.id), ratio, prepared)
        grouped += [section.id] if in_groups else []
        for text, answer in pairs:
            if text is None:
                (answers[-1] if answers else orphans).append(answer or "")
                continue
            texts.append(text)
            answers.append([*orphans, *([answer] if answer else [])])
            orphans = []
        readings.append(
            tuple((t, " ".join(a) if a else None) for t, a in zip(texts, answers, strict=True))
        )
    return Interlinear(document, second.code, second.name, tuple(readings), tuple(grouped))


def ratio(a: Sequence[str], b: Sequence[str]) -> float:
    """B's characters per character of A, over two translations of the same text: what
    alignment.align weighs the lengths of two sentences by."""
    la, lb = sum(len(t) for t in a), sum(len(t) for t in b)
    return lb / la if la and lb else 1.0


def section_ratio(a: Sequence[Section], b: Sequence[Section]) -> float:
    """B's length per character of A, over the sections both have."""
    ids = {s.id for s in a} & {s.id for s in b}
    return ratio(
        [p for s in a if s.id in ids for p in s.paragraphs],
        [p for s in b if s.id in ids for p in s.paragraphs],
    )


def _sentence_pairs(
    a: Section | None, b: Section | None, ratio: float, prepared: Precomputed | None
) -> tuple[list[Pair], bool]:
    """The section's sentences in two languages, aligned (None where one side has none), and
    whether they were aligned in groups (a section longer than alignment.LIMIT)."""
    found = prepared.aligned(a, b, ratio) if prepared is not None else None
    pa, pb, links, in_groups = found if found is not None else aligned(a, b, ratio, prepared)
    fa = [s for p in pa for s in p]
    fb = [s for p in pb for s in p]
    pairs: list[Pair] = [
        (" ".join(fa[i] for i in x) if x else None, " ".join(fb[j] for j in y) if y else None)
        for x, y in links
    ]
    return pairs, in_groups


def aligned(
    a: Section | None, b: Section | None, ratio: float, prepared: Precomputed | None = None
) -> Aligned:
    """What `_sentence_pairs` reads, computed: each side's sentences (split by sentences.py, or
    as the build split them where `prepared` has this very text), and their alignment."""
    from lastmile_cli.alignment import align, in_groups

    pa = split_section(a, prepared) if a else ()
    pb = split_section(b, prepared) if b else ()
    links = align(pa, pb, ratio)
    return pa, pb, links, in_groups(sum(map(len, pa)), sum(map(len, pb)))


def split_section(section: Section, prepared: Precomputed | None = None) -> Paragraphs:
    """A section's paragraphs as sentences, in the language of its text."""
    found = prepared.split(section) if prepared is not None else None
    if found is not None:
        return found
    from lastmile_cli.sentences import split

    return tuple(split(p, section.code) for p in section.paragraphs)
