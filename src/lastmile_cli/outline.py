"""Placing a user's own sections in the article: the outline of one run, from the bundled one.

A section whose id the bundled article does not have is the user's own (a teacher's
`parcel-delivery` story). It goes right after the section its `after:` names (a bundled one or
another of the user's), or, without `after:`, at its default place: a new example after the
last bundled example, any other new section at the end of the article. Several sections in one
place keep the order lastmile reads them in: data folders in order, files by name, sections in
file order.

The first file that has a section decides its kind, and the first that gives it an `after:`
decides its place; a file that says otherwise is told so (that copy of a different kind is left
out). A section that cannot be placed (its `after:` names no section, it is in a cycle of
`after:`, or it follows one of those) is left out, and each is named. Every step is linear in
the number of sections, however long a chain of `after:` is.
"""

from __future__ import annotations

from lastmile_cli.i18n import _
from lastmile_cli.model import Outline, Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from lastmile_cli.model import Language

END = ""  # the parent of what goes at the end of the article
SHOWN = 5  # ids of a cycle named in its message; the rest are counted


class Misplaced(Record):
    """A user section's kind or place that cannot be honoured, in the file that states it;
    `key` ("kind" or "after") is where `validate` points."""

    path: str
    id: str
    key: str
    message: str
    left_out: bool = True  # False: the section is shown, at the place another file gave it


def default_place(bundled: Outline, kind: str) -> str:
    """Where a new section without `after:` goes: an example after the last bundled example,
    anything else (or an example in an article without one) at the end."""
    if kind == "example":
        examples = bundled.of_kind("example")
        if examples:
            return examples[-1]
    return END


def place(
    bundled: Outline, files: Sequence[tuple[str, str, Language]]
) -> tuple[Outline, list[Misplaced]]:
    """The outline with the user's sections placed, and what could not be honoured. `files`:
    (code, the file as messages name it, its language), in the order lastmile reads them."""
    kinds: dict[str, str] = {}
    first: dict[str, str] = {}  # id → the file that first has it
    stated: dict[str, tuple[str, str]] = {}  # id → (after, the file that first gives it)
    holders: dict[str, dict[str, None]] = {}  # id → the codes that have it, in order
    problems: list[Misplaced] = []
    for code, path, language in files:
        for section in language.sections:
            section_id = section.id
            if section_id in bundled:
                continue
            if section_id not in kinds:
                kinds[section_id] = section.kind
                first[section_id] = path
                holders[section_id] = {}
            elif section.kind != kinds[section_id]:
                said = _(
                    "section '{id}' is of kind {kind} here but {first} in {path}; this one is left"
                    " out"
                ).format(
                    id=section_id,
                    kind=section.kind,
                    first=kinds[section_id],
                    path=first[section_id],
                )
                problems.append(Misplaced(path, section_id, "kind", said))
                continue
            holders[section_id][code] = None
            if not section.after:
                continue
            if section_id not in stated:
                stated[section_id] = (section.after, path)
            elif stated[section_id][0] != section.after:
                after, where = stated[section_id]
                said = _(
                    "section '{id}' comes after '{after}' here but after '{first}' in {path};"
                    " it goes after '{first}'"
                ).format(id=section_id, after=section.after, first=after, path=where)
                problems.append(Misplaced(path, section_id, "after", said, left_out=False))

    parents = {
        section_id: stated[section_id][0]
        if section_id in stated
        else default_place(bundled, kinds[section_id])
        for section_id in kinds
    }
    placed = _placed(bundled, kinds, parents, stated, problems)
    children: dict[str, list[str]] = {}
    for section_id in kinds:
        if placed[section_id]:
            children.setdefault(parents[section_id], []).append(section_id)
    ids: list[str] = []
    for root in (*bundled.ids, END):
        if root != END:
            ids.append(root)
        stack = list(reversed(children.get(root, ())))
        while stack:
            section_id = stack.pop()
            ids.append(section_id)
            stack.extend(reversed(children.get(section_id, ())))
    every = {**bundled.kinds, **kinds}
    outline = Outline(
        tuple(ids),
        tuple(every[i] for i in ids),
        {i: tuple(holders[i]) for i in kinds if placed[i]},
        {i: parents[i] for i in kinds if placed[i]},
    )
    return outline, problems


def _placed(
    bundled: Outline,
    kinds: dict[str, str],
    parents: dict[str, str],
    stated: dict[str, tuple[str, str]],
    problems: list[Misplaced],
) -> dict[str, bool]:
    """Whether each user section's chain of `after:` reaches the article; each one that does
    not is named once, with why (without recursion: a chain may be thousands long)."""
    placed: dict[str, bool] = {}
    for start in kinds:
        if start in placed:
            continue
        path: list[str] = []
        on_path: dict[str, int] = {}
        node = start
        while node != END and node not in bundled and node not in placed:
            if node not in kinds or node in on_path:
                break
            on_path[node] = len(path)
            path.append(node)
            node = parents[node]
        result = node == END or node in bundled or placed.get(node, False)
        cycle_from = on_path.get(node, len(path))  # where a cycle starts on the path, if any
        for index, section_id in enumerate(path):
            placed[section_id] = result
            if result:
                continue
            after, where = stated[section_id]  # (a default place always reaches the article)
            if index >= cycle_from:
                said = _(
                    "section '{id}' is in a cycle of 'after' ({cycle}); it is left out"
                ).format(id=section_id, cycle=_cycle(path[cycle_from:], index - cycle_from))
            elif index == len(path) - 1 and node not in kinds:
                said = _(
                    "section '{id}' comes after '{after}', which is no section of the article"
                    " or of your files; it is left out"
                ).format(id=section_id, after=after)
            else:
                said = _(
                    "section '{id}' comes after '{after}', which is left out; so is '{id}'"
                ).format(id=section_id, after=after)
            problems.append(Misplaced(where, section_id, "after", said))
    return placed


def _cycle(cycle: list[str], at: int) -> str:
    """`a → b → a`, from the cycle's member `at`; a long cycle shows its first few and how
    many there are (in time independent of its length)."""
    size = len(cycle)
    ring = [cycle[(at + step) % size] for step in range(min(size, SHOWN))]
    if size > SHOWN:
        more = _("{count} sections").format(count=size)
        return " → ".join(ring) + f" → … ({more})"
    return " → ".join([*ring, cycle[at]])
