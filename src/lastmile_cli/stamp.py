"""Recording fingerprints in a language file, changing nothing else in it.

`lastmile fingerprint pt.yaml` says of each section "this translates the English of now": it
writes `fingerprint: 3f2a9c1e` into the section (or replaces the one it has), leaving every
other byte as it was (comments, quoting, line ends, the order of keys). The new text is checked
with the strict loader before the file is replaced, atomically, so a failure leaves the file as
it was (writing.py).
"""

from __future__ import annotations

import os

from lastmile_cli.errors import ContentError, LastmileError
from lastmile_cli.i18n import _
from lastmile_cli.model import Language, Section
from lastmile_cli.problems import Problem, Problems, Severity
from lastmile_cli.strict_yaml import Node, Stop, StrictYaml
from lastmile_cli.views import Stamped

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from lastmile_cli.schema import Known


def _tree(data: bytes, display: str) -> Node:
    problems = Problems(display)
    strict = StrictYaml(problems)
    try:
        return strict.parse(strict.read_text(data))
    except Stop:
        found = problems.finish()
        raise ContentError(found[0], len(found) - 1) from None


def _sections(root: Node) -> list[Node]:
    sections = root.value.get("sections") if isinstance(root.value, dict) else None
    if sections is None or not isinstance(sections.value, list):
        return []
    return [n for n in sections.value if isinstance(n.value, dict)]


def stamp_text(
    text: str, language: Language, english: Language, wanted: Sequence[str], display: str
) -> tuple[str, Stamped]:
    """`text` (a language file that loads as `language`) with fingerprints of the English of now
    for the sections `wanted` (empty: every section that records none yet)."""
    root = _tree(text.encode("utf-8"), display)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, int, str]] = []  # (line index, start column, end column, new)
    added: list[str] = []
    updated: list[str] = []
    for node in _sections(root):
        id_node = node.value.get("id")
        if id_node is None or not isinstance(id_node.value, str):
            continue
        section_id = id_node.value
        ours = language.section(section_id)
        theirs = english.section(section_id)
        if ours is None or theirs is None:
            continue
        if wanted and section_id not in wanted:
            continue
        if not wanted and ours.fingerprint:
            continue
        if ours.fingerprint == theirs.digest:
            continue
        value = node.value.get("fingerprint")
        if value is not None:
            index, start = value.line - 1, value.column - 1
            quoted = lines[index][start : start + 1] in ("'", '"')
            edits.append(
                (index, start + quoted, start + quoted + len(ours.fingerprint), theirs.digest)
            )
            updated.append(section_id)
            continue
        starts = [
            (line, column)
            for key, (line, column) in node.key_marks.items()
            if not lines[line - 1][: column - 1].strip()
        ]
        if not starts:
            message = _(
                "section '{id}' is written on one line; add 'fingerprint: {value}' to it by hand"
            ).format(id=section_id, value=theirs.digest)
            raise ContentError(Problem(display, node.line, node.column, message))
        before = node.key_marks.get("paragraphs")
        line, column = before if before in starts else max(starts)
        edits.append(
            (line - 1, 0, 0, " " * (column - 1) + f"fingerprint: {theirs.digest}" + newline)
        )
        added.append(section_id)
    for index, start, end, new in sorted(edits, reverse=True):
        lines[index] = lines[index][:start] + new + lines[index][end:]
    return "".join(lines), Stamped(display, tuple(added), tuple(updated))


def stamp_file(path: str, english: Language, wanted: Sequence[str], known: Known) -> Stamped:
    """Record fingerprints in the file at `path` (see `stamp_text`), replacing it atomically;
    the file is checked against `known` (the bundled article's outline and names)."""
    from lastmile_cli.errors import reason_of
    from lastmile_cli.files import SourceError, read_source
    from lastmile_cli.loader import check_bytes
    from lastmile_cli.writing import write_file

    name = os.path.basename(path)
    try:
        data, _found = read_source(path)
    except SourceError as error:
        raise ContentError(Problem(path, 1, 1, str(error))) from None
    language, problems = check_bytes(data, name, path, complete=False, source=path, known=known)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if language is None:
        raise ContentError(errors[0], len(errors) - 1)
    if language.code == english.code:
        raise LastmileError(
            _("{path} is the English itself: translations record its fingerprints").format(
                path=path
            )
        )
    unknown = [i for i in wanted if language.section(i) is None]
    if unknown:
        raise LastmileError(_("{path} has no section '{id}'").format(path=path, id=unknown[0]))
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8").removeprefix("\ufeff")
    new_text, stamped = stamp_text(text, language, english, wanted, path)
    if not (stamped.added or stamped.updated):
        return stamped
    new_data = (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8")
    again, _problems = check_bytes(new_data, name, path, complete=False, source=path, known=known)
    touched = {*stamped.added, *stamped.updated}
    expected = tuple(
        with_fingerprint(s, english_digest(english, s.id)) if s.id in touched else s
        for s in language.sections
    )
    if again is None or again.sections != expected or again.title != language.title:
        raise LastmileError(
            _(
                "{path}: cannot record fingerprints without changing more of the file;"
                " add them by hand"
            ).format(path=path)
        )
    try:
        write_file(path, new_data, overwrite=True)
    except OSError as error:
        raise LastmileError(
            _("cannot write {path}: {reason}").format(path=path, reason=reason_of(error))
        ) from None
    return stamped


def english_digest(english: Language, section_id: str) -> str:
    theirs = english.section(section_id)
    return theirs.digest if theirs is not None else ""


def with_fingerprint(section: Section, value: str) -> Section:
    """The same section, recording `value` as the English it was translated from."""
    s = section
    return Section(
        s.id,
        s.kind,
        s.title,
        s.paragraphs,
        s.aliases,
        s.origin,
        s.code,
        s.after,
        fingerprint=value,
        digest=s.digest,
    )
