"""Fingerprints: what a translated section records of the English it was translated from.

A fingerprint is the first 8 hexadecimal digits of the SHA-256 of a section's title and text:
the title, a line break, then the paragraphs, each run of white space (line breaks and the gaps
between paragraphs included) as one space, in UTF-8. So re-wrapping a paragraph, or splitting
one in two, changes nothing; any change of a word or a character does. The loader computes every
section's own fingerprint (`Section.digest`) once, when the file is checked: reading never hashes.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

LENGTH = 8
DIGITS = frozenset("0123456789abcdef")


def fingerprint(title: str, paragraphs: Sequence[str]) -> str:
    """The fingerprint of a section with this title and these paragraphs."""
    text = " ".join(title.split()) + "\n" + " ".join(" ".join(paragraphs).split())
    digest: str = _sha256()(text.encode("utf-8")).hexdigest()
    return digest[:LENGTH]


def _sha256() -> Callable[[bytes], Any]:
    """SHA-256 as Python's own module computes it, where there is one (`_sha256`, called
    `_sha2` from Python 3.12): `hashlib` loads OpenSSL first, which costs a checking run about
    a third of what PyYAML's import does. The same digest either way; `hashlib` where a Python
    is built without its own. Only where files are checked or written: reading never hashes."""
    for name in ("_sha256", "_sha2"):
        try:
            return __import__(name).sha256  # type: ignore[no-any-return]
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256


def well_formed(value: str) -> bool:
    """Whether `value` is written as a fingerprint is: 8 lowercase hexadecimal digits."""
    return len(value) == LENGTH and set(value) <= DIGITS
