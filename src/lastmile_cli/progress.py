"""How far a translation is: each section's state against the English, and the counts of them.

A section of a language is, against the English section of the same id:
- missing: the language has it in none of its files;
- untranslated: its paragraphs are still the English ones (a starter file), or its title and
  text are exactly the English its fingerprint records;
- stale: it records a fingerprint, and the English has changed since (fingerprints.py);
- translated: otherwise, whether or not it records a fingerprint (one that does not cannot be
  told stale: `unrecorded` lists those, for `validate` to say how to record them).
English itself is translated throughout. Pure functions of loaded languages: nothing here hashes,
so reading can use them.
"""

from __future__ import annotations

from lastmile_cli.model import Language, Outline, Record, Section

TRANSLATED = "translated"
STALE = "stale"
UNTRANSLATED = "untranslated"
MISSING = "missing"
STATES = (TRANSLATED, STALE, UNTRANSLATED, MISSING)


def words(section: Section) -> int:
    """A section's words, as pocount counts a source text's: its title and paragraphs, split at
    white space."""
    return len(section.title.split()) + sum(len(p.split()) for p in section.paragraphs)


def state(section: Section | None, english: Section, code: str) -> str:
    """The state of a section (None: the language lacks it) of the language `code`."""
    if section is None:
        return MISSING
    if code == english.code:
        return TRANSLATED
    if section.paragraphs == english.paragraphs:
        return UNTRANSLATED
    if not section.fingerprint or section.fingerprint == english.digest:
        return TRANSLATED
    if section.fingerprint == section.digest:
        return UNTRANSLATED
    return STALE


def is_stale(section: Section, english: Language | None) -> bool:
    """Whether a section shown for its language was translated from an older English."""
    theirs = english.section(section.id) if english is not None else None
    return theirs is not None and state(section, theirs, section.code) == STALE


class Unit(Record):
    """One section of the English article and where a language stands with it."""

    id: str
    state: str
    words: int  # the English section's
    recorded: bool  # whether the language's section records a fingerprint


class Progress(Record):
    """Where one language stands, section by section of the English article."""

    language: Language
    units: tuple[Unit, ...]

    def ids(self, wanted: str) -> tuple[str, ...]:
        return tuple(u.id for u in self.units if u.state == wanted)

    def count(self, wanted: str) -> int:
        return sum(1 for u in self.units if u.state == wanted)

    def words(self, wanted: str) -> int:
        return sum(u.words for u in self.units if u.state == wanted)

    @property
    def total_words(self) -> int:
        return sum(u.words for u in self.units)

    @property
    def unrecorded(self) -> tuple[str, ...]:
        """Translated sections without a fingerprint: nothing can tell when they go stale."""
        return tuple(u.id for u in self.units if u.state == TRANSLATED and not u.recorded)


def progress(language: Language, english: Language, outline: Outline | None = None) -> Progress:
    """Each section of the article (`outline`'s, the user's own included; else the English
    article's), in its order, in the state `language` has it. A section of the user's own that
    the English lacks has nothing to be translated from: the language has it, or misses it."""
    units = []
    ids = outline.ids if outline is not None else tuple(s.id for s in english.sections)
    for section_id in ids:
        ours = language.section(section_id)
        theirs = english.section(section_id)
        if theirs is None:
            found = ours is not None
            units.append(
                Unit(section_id, TRANSLATED if found else MISSING, words(ours) if ours else 0, True)
            )
            continue
        units.append(
            Unit(
                section_id,
                state(ours, theirs, language.code),
                words(theirs),
                bool(ours is not None and ours.fingerprint),
            )
        )
    return Progress(language, tuple(units))
