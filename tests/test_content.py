"""content.py's helpers, by value."""

from __future__ import annotations

from lastmile_cli.content import fallback_digest
from lastmile_cli.model import Language, Section


def test_the_fallback_digest_is_the_english_section_s_own_or_empty() -> None:
    english = Language(
        "en",
        "English",
        "English",
        "Title",
        (
            Section("intro", "section", "Intro", ("p",), code="en", digest="0123abcd"),
            Section("marathon", "example", "Marathon", ("q",), code="en", digest="89abcdef"),
        ),
    )
    assert fallback_digest(english, "marathon") == "89abcdef"
    assert fallback_digest(english, "intro") == "0123abcd"
    assert fallback_digest(english, "parcel-delivery") == ""
