"""A paragraph's sentences, for reading two languages sentence by sentence.

The splitting is sentencex's (Wikimedia; rules and abbreviation lists for some 300 languages,
written in Rust: it loads in about a millisecond). lastmile keeps only its boundaries that fall on
one plain space between two sentences, so joining a paragraph's sentences with single spaces
gives the paragraph back exactly: no character is lost, moved or changed. Only `compare --by
sentence` and `--with` import this module.
"""

from __future__ import annotations

from sentencex import segment


def split(paragraph: str, code: str) -> tuple[str, ...]:
    """The sentences of `paragraph`, in a language with the tag `code` (pt-BR reads as pt; a
    language sentencex does not know gets its general rules)."""
    sentences: list[str] = []
    current = ""
    for piece in segment(code.split("-", 1)[0].lower(), paragraph):
        current += piece
        # a boundary is one space after the sentence, and the next one starts right after it
        if len(current) > 1 and current[-1] == " " and not current[-2].isspace():
            sentences.append(current[:-1])
            current = ""
    if current:
        sentences.append(current)
    elif sentences:  # a paragraph ending in one space: that space belongs to its last sentence
        sentences[-1] += " "
    return tuple(sentences)
