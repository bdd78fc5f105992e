"""Which sections pairing says were aligned in groups of sentences (a note says so), over
every section, whichever way the sentences are paired."""

from __future__ import annotations

from lastmile_cli.model import Document, Language, Section
from lastmile_cli.pairing import interlinear, pair


def sections(code: str, *ids: str) -> tuple[Section, ...]:
    return tuple(Section(i, "section", i.title(), (f"{i} one. {i} two.",), code=code) for i in ids)


class InGroups:
    """A store of precomputed alignments that has every section aligned in groups (as a
    section longer than alignment.LIMIT is): one sentence a side, linked."""

    def __init__(self, *grouped: str) -> None:
        self.grouped = grouped

    def split(self, section: Section) -> None:
        return None

    def aligned(
        self, a: Section | None, b: Section | None, ratio: float
    ) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...], list[object], bool] | None:
        if a is None or b is None:
            return None
        return ((a.title,),), ((b.title,),), [((0,), (0,))], a.id in self.grouped


GERMAN = Language("de", "Deutsch", "German", "T", sections("de", "intro", "middle", "summary"))
FRENCH = Language("fr", "Français", "French", "T", sections("fr", "intro", "middle", "summary"))


def test_every_section_aligned_in_groups_is_named_by_compare() -> None:
    store = InGroups("intro", "middle")
    compared = pair(GERMAN, FRENCH, ["intro", "middle", "summary"], "sentence", store)  # type: ignore[arg-type]
    assert compared.grouped == ("intro", "middle")
    assert compared.sections[0].pairs == (("Intro", "Intro"),)


def test_every_section_aligned_in_groups_is_named_by_with() -> None:
    document = Document("de", "T", GERMAN.sections)
    read = interlinear(document, FRENCH, InGroups("intro", "summary"))  # type: ignore[arg-type]
    assert read.grouped == ("intro", "summary")
    assert read.sentences[0] == (("Intro", "Intro"),)


def test_no_section_in_groups_names_none() -> None:
    assert pair(GERMAN, FRENCH, ["intro", "middle"], "sentence", InGroups()).grouped == ()  # type: ignore[arg-type]
