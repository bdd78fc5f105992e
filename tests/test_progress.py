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
