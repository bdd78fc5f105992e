"""Turning what a user typed into a section id: `maratón`, `Maraton` and `marathon` are one."""

from __future__ import annotations

from lastmile_cli.errors import UnknownName
from lastmile_cli.model import Language, Outline
from lastmile_cli.textutil import fold, visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from lastmile_cli.content import Article


def section_names(language: Language, kind: str | None = None) -> dict[str, str]:
    """Every name a section of this language answers to (folded) → its id."""
    names: dict[str, str] = {}
    for section in language.sections:
        if kind is None or section.kind == kind:
            for name in (section.id, section.title, *section.aliases):
                names.setdefault(fold(name), section.id)
    return names


def find_section(
    value: str, languages: Iterable[Language], outline: Outline, kind: str | None = None
) -> str:
    """The id that `value` names in the first language that knows it (ids always work).

    `languages` is consumed lazily, so other languages are loaded only when the first one has no
    such name. Raises UnknownName with the ids of this kind and the closest name seen.
    """
    ids = outline.of_kind(kind)
    if value in ids:  # an id as it is: no folding (which loads `re` and `unicodedata`)
        return value
    wanted = fold(value)
    by_id = {fold(i): i for i in ids}
    if wanted in by_id:
        return by_id[wanted]
    seen: dict[str, str] = dict(by_id)
    for language in languages:
        names = {n: i for n, i in section_names(language, kind).items() if i in outline}
        if wanted in names:
            return names[wanted]
        seen.update((name, i) for name, i in names.items() if name not in seen)
    what = "example" if kind == "example" else "section"
    raise UnknownName(what, visible(value), ids, nearest(wanted, seen))


def edits(a: str, b: str) -> int:
    """How many letters to insert, delete, change or swap with the next to turn `a` into `b`
    (the optimal string alignment distance)."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        earlier, before, row = before, row, [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            row[j] = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], earlier[j - 2] + 1)
    return row[-1]


def nearest(wanted: str, names: dict[str, str]) -> str | None:
    """The id of the story whose name (folded, as `wanted` is) `wanted` is a slip of the
    keyboard away from: a letter missing, extra, wrong or swapped (two in words of nine letters
    or more). Nothing for a word merely alike (`logistique` is not a slip of `politique`, nor
    `phony` of `phone`), for names shorter than six letters, where one letter makes another
    word, or when the nearest names belong to different stories."""
    if len(wanted) < 5:
        return None
    found: dict[str, int] = {}
    for name, section_id in names.items():
        if len(name) < 6 or abs(len(name) - len(wanted)) > 2:
            continue
        distance = edits(wanted, name)
        if distance <= (1 if min(len(name), len(wanted)) <= 8 else 2):
            found[section_id] = min(distance, found.get(section_id, distance))
    if not found:
        return None
    lowest = min(found.values())
    stories = [section_id for section_id, distance in found.items() if distance == lowest]
    return stories[0] if len(stories) == 1 else None


def others(first: Language, article: Article) -> Iterator[Language]:
    """`first`, then every other language, loaded only when a name is not found sooner."""
    yield first
    for code in article.codes():
        if code != first.code:
            other = article.load(code)
            if other is not None:
                yield other


def section_ids(
    names: Sequence[str], language: Language, article: Article, kind: str | None = None
) -> list[str]:
    """The ids the user's names mean (in `language` first, then any), in article order."""
    outline = article.outline()
    wanted = {find_section(name, others(language, article), outline, kind) for name in names}
    return outline.in_order(wanted)
