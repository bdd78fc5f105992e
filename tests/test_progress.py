"""How far a translation is (progress.py): which sections shown for their language are stale."""

from __future__ import annotations

from lastmile_cli.model import Language, Section
from lastmile_cli.progress import is_stale


def section(code: str, paragraphs: tuple[str, ...], fingerprint: str, digest: str) -> Section:
    return Section(
        "intro", "prose", "Title", paragraphs, code=code, fingerprint=fingerprint, digest=digest
    )


ENGLISH = Language(
    "en",
    "English",
    "English",
    "The article",
    (section("en", ("The English now.",), "", "digest-of-english-now"),),
)


def test_a_section_translated_from_an_older_english_is_stale() -> None:
    german = section("de", ("Das Deutsche.",), "digest-of-older-english", "digest-of-german")
    assert is_stale(german, ENGLISH)


def test_a_section_translated_from_the_english_of_now_is_not_stale() -> None:
    german = section("de", ("Das Deutsche.",), "digest-of-english-now", "digest-of-german")
    assert not is_stale(german, ENGLISH)


def test_english_is_never_stale_whatever_its_section_records() -> None:
    """English is translated throughout: an English section (of a layer over the bundled
    English) recording some older fingerprint is not stale against the English."""
    english = section("en", ("Other English.",), "digest-of-older-english", "digest-of-other")
    assert not is_stale(english, ENGLISH)


def test_a_section_the_english_lacks_or_no_english_is_not_stale() -> None:
    german = Section("own", "prose", "Eigenes", ("Text.",), code="de", fingerprint="f", digest="d")
    assert not is_stale(german, ENGLISH)
    assert not is_stale(section("de", ("Das.",), "old", "d"), None)


def test_a_section_of_the_users_own_counts_its_own_words_and_needs_no_fingerprint() -> None:
    """A section the English lacks has nothing to be translated from: a language that has it
    has it translated, with its own words counted (there are no English ones), and it is never
    listed as unrecorded (no English change can make it stale); a language without it misses it,
    with no words."""
    from lastmile_cli.model import Outline
    from lastmile_cli.progress import MISSING, TRANSLATED, Unit, progress

    outline = Outline(("intro", "own"), ("prose", "prose"))
    own = Section("own", "prose", "Unser Eigenes", ("Drei Wörter hier.", "Und zwei."), code="de")
    intro = section("de", ("Das Deutsche.",), "digest-of-english-now", "digest-of-german")
    german = Language("de", "Deutsch", "German", "Der Artikel", (intro, own))
    found = progress(german, ENGLISH, outline)
    assert found.units == (
        Unit("intro", TRANSLATED, 4, True),  # the English section's words: "Title", 3 words
        Unit("own", TRANSLATED, 7, True),  # its own: 2 in the title, 3 and 2 in the paragraphs
    )
    assert found.unrecorded == () and found.words(TRANSLATED) == found.total_words == 11
    bare = Language("de", "Deutsch", "German", "Der Artikel", (intro,))
    assert progress(bare, ENGLISH, outline).units[1] == Unit("own", MISSING, 0, True)
