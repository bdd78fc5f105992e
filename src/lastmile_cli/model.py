"""The content's shape: immutable typed objects, built by the loader, read by every renderer.

NamedTuples rather than frozen dataclasses: as immutable and as typed, and about four times
cheaper to define, which every run pays at start-up (see BENCHMARKS.md).
"""

from __future__ import annotations

from typing import NamedTuple

SECTION_IDS: tuple[str, ...] = (
    "summary",
    "definition",
    "telecom",
    "key-point",
    "marathon",
    "politics",
    "car-sales",
    "conclusion",
)
EXAMPLE_IDS: frozenset[str] = frozenset({"telecom", "marathon", "politics", "car-sales"})
ORIGINS: tuple[str, ...] = ("seed", "added")
FALLBACK = "en"


def is_tag(value: str) -> bool:
    """A BCP 47 style tag as file names and `language:` use it: de, pt-BR, qaa, sr-Latn."""
    first, *rest = value.split("-")
    return (
        2 <= len(first) <= 3
        and first.isascii()
        and first.isalpha()
        and first.islower()
        and all(2 <= len(part) <= 8 and part.isascii() and part.isalnum() for part in rest)
    )


def kind_of(section_id: str) -> str:
    """The kind a section id always has: "example" for the four stories, else "section"."""
    return "example" if section_id in EXAMPLE_IDS else "section"


class Section(NamedTuple):
    """One part of the article, in one language."""

    id: str
    kind: str
    title: str
    paragraphs: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    origin: str = "seed"
    language: str = ""


class Language(NamedTuple):
    """One language's article as loaded from one file; `source` is "bundled" or the file path."""

    code: str
    name: str
    english_name: str
    title: str
    sections: tuple[Section, ...]
    term: str = ""
    title_origin: str = "seed"
    source: str = "bundled"

    def section(self, section_id: str) -> Section | None:
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    @property
    def missing(self) -> tuple[str, ...]:
        """Section ids this file does not have (a user's file may be partial)."""
        present = {s.id for s in self.sections}
        return tuple(i for i in SECTION_IDS if i not in present)


class Document(NamedTuple):
    """What a command shows: a title and sections, some possibly borrowed from English."""

    language: str
    title: str
    sections: tuple[Section, ...]

    @property
    def borrowed(self) -> tuple[str, ...]:
        """Ids of the sections shown from another language than the document's."""
        return tuple(s.id for s in self.sections if s.language != self.language)
