"""Pairing two languages for `lastmile compare`: the same sections everywhere, so paragraphs pair up one to one."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from lastmile_cli.model import Language
from lastmile_cli.views import ComparedSection, Comparison


def pair(first: Language, second: Language, section_ids: Sequence[str]) -> Comparison:
    """Pairs of titles and paragraphs per section; None where one language lacks a counterpart."""
    sections = []
    for section_id in section_ids:
        a, b = first.section(section_id), second.section(section_id)
        if a is None and b is None:
            continue
        pairs = tuple(zip_longest(a.paragraphs if a else (), b.paragraphs if b else ()))
        titles = (a.title if a else None, b.title if b else None)
        sections.append(ComparedSection(section_id, titles, pairs))
    return Comparison((first.code, second.code), tuple(sections), (first.name, second.name))
