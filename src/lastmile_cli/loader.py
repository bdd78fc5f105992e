"""The strict reader of one language file: YAML in, a `Language` or a list of located problems out.

Everything a translator can get wrong is reported as `path:line:column: message`, and every
problem is collected (not just the first) so that `lastmile validate` can list them all.
Scalars are always strings: YAML 1.1's `no`, `yes`, `0755` and `1:20` never become other types.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import yaml

from lastmile_cli.files import SourceError, read_source
from lastmile_cli.model import ORIGINS, SECTION_IDS, Language, Section, is_tag, kind_of
from lastmile_cli.textutil import UNSAFE, closest, first_unsafe
from lastmile_cli.views import Problem

try:  # libyaml's parser when PyYAML was built with it; the pure-Python one otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 8
MAX_PROBLEMS = 200  # kept per file; the rest are counted, so a hostile file costs no more
TOP_KEYS = ("language", "name", "english_name", "title", "title_origin", "term", "sections")
TOP_REQUIRED = ("language", "name", "title", "sections")
SECTION_KEYS = ("id", "kind", "title", "aliases", "origin", "paragraphs")
SECTION_REQUIRED = ("id", "kind", "title", "paragraphs")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# In the raw file a carriage return is fine as part of CRLF, and tab and newline are YAML's own.
_RAW_UNSAFE = re.compile(f"(?!\r\n){UNSAFE}")


@dataclass
class _Node:
    """A YAML value with where it starts; `value` is str, None, list[_Node] or dict[str, _Node]."""

    value: Any
    line: int
    column: int
    key_marks: dict[str, tuple[int, int]] = field(default_factory=dict)


class _Stop(Exception):
    """Parsing cannot go on; the problem has been recorded."""


class _Reader:
    """Collects problems for one file while it is read and checked, in time linear in its size."""

    def __init__(self, name: str, display: str) -> None:
        self.name = name
        self.display = display
        self.problems: list[Problem] = []
        self.errors = 0
        self.dropped = 0

    @property
    def full(self) -> bool:
        """Whether no more problems are kept (messages need not be composed)."""
        return len(self.problems) >= MAX_PROBLEMS

    def problem(self, line: int, column: int, message: str, severity: str = "error") -> None:
        if severity == "error":
            self.errors += 1
        if self.full:
            self.dropped += 1
            return
        self.problems.append(Problem(self.display, line, column, message, severity))

    def stop(self, line: int, column: int, message: str) -> _Stop:
        self.problem(line, column, message)
        return _Stop()

    def finish(self) -> list[Problem]:
        """The problems in file order, and how many more there were past MAX_PROBLEMS."""
        found = sorted(self.problems, key=lambda p: (p.line, p.column))
        if self.dropped:
            more = f"{self.dropped} more problem{'s' if self.dropped > 1 else ''}"
            found.append(Problem(self.display, 0, 0, f"{more} not shown", "error"))
        return found

    # -- bytes to text -------------------------------------------------------------------

    def read_text(self, data: bytes) -> str:
        if b"\x00" in data:
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            raise self.stop(line, 1, "contains NUL bytes: this is a binary file, not YAML")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
            raise self.stop(line, column, "is not valid UTF-8 (save the file as UTF-8)") from None
        text = text.removeprefix("\ufeff")
        starts: list[int] | None = None
        for match in _RAW_UNSAFE.finditer(text):
            if self.full:  # the rest are only counted
                rest = 1 + len(_RAW_UNSAFE.findall(text, match.end()))
                self.errors += rest
                self.dropped += rest
                break
            if starts is None:  # one index of line starts: each problem is found in log time
                starts = [0, *(m.end() for m in re.finditer("\n", text))]
            line = bisect_right(starts, match.start())
            column = match.start() - starts[line - 1] + 1
            self.problem(line, column, _unsafe_message(match.group()))
        if self.problems:
            raise _Stop()
        return text

    # -- text to a tree of nodes ---------------------------------------------------------

    def parse(self, text: str) -> _Node:
        """Build the document tree from parser events, refusing what lastmile never needs."""
        events = yaml.parse(text, Loader=_Loader)
        stack: list[_Node] = []
        pending_keys: list[str | None] = []
        root: _Node | None = None
        documents = 0
        try:
            for event in events:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise self.stop(line, column, "a second YAML document; use one per file")
                    continue
                if isinstance(event, yaml.AliasEvent):
                    raise self.stop(line, column, "YAML aliases (*name) are not allowed")
                if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                    raise self.stop(line, column, "YAML anchors (&name) are not allowed")
                node: _Node | None = None
                if isinstance(event, yaml.ScalarEvent):
                    if event.tag is not None and event.tag != "!":
                        raise self.stop(line, column, f"YAML tags ({event.tag}) are not allowed")
                    plain = bool(event.implicit[0]) and not event.style
                    node = _Node(
                        None if plain and event.value in _NULLS else event.value, line, column
                    )
                elif isinstance(event, yaml.CollectionStartEvent):
                    if event.tag is not None:
                        raise self.stop(line, column, f"YAML tags ({event.tag}) are not allowed")
                    if len(stack) >= MAX_DEPTH:
                        raise self.stop(line, column, "nested too deeply for a language file")
                    is_map = isinstance(event, yaml.MappingStartEvent)
                    stack.append(_Node({} if is_map else [], line, column))
                    pending_keys.append(None)
                    continue
                elif isinstance(event, yaml.CollectionEndEvent):
                    node = stack.pop()
                    pending_keys.pop()
                else:
                    continue
                if not stack:
                    root = node
                    continue
                parent = stack[-1]
                if isinstance(parent.value, list):
                    parent.value.append(node)
                elif pending_keys[-1] is None:
                    if not isinstance(node.value, str):
                        raise self.stop(node.line, node.column, "a key must be plain text")
                    if node.value in parent.value:
                        first = parent.key_marks[node.value][0]
                        self.problem(
                            node.line,
                            node.column,
                            f"duplicate key '{node.value}' (first at line {first})",
                        )
                    parent.key_marks.setdefault(node.value, (node.line, node.column))
                    pending_keys[-1] = node.value
                else:
                    key = pending_keys[-1]
                    if key not in parent.value:
                        parent.value[key] = node
                    pending_keys[-1] = None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            raise self.stop(
                line, column, f"YAML syntax: {error.problem or error.context}"
            ) from None
        except yaml.YAMLError as error:
            raise self.stop(0, 0, f"YAML: {error}") from None
        except RecursionError:
            raise self.stop(0, 0, "nested too deeply for a language file") from None
        if root is None:
            raise self.stop(1, 1, "the file is empty; a language file starts with 'language:'")
        return root

    # -- tree to a Language --------------------------------------------------------------

    def text(self, node: _Node, what: str) -> str | None:
        if isinstance(node.value, str) and node.value.strip():
            self.check_safe(node, node.value, what)
            return node.value
        self.problem(node.line, node.column, f"{what} must be non-empty text, not {_kind(node)}")
        return None

    def check_safe(self, node: _Node, value: str, what: str) -> None:
        char = first_unsafe(value)
        if char is not None:
            self.problem(node.line, node.column, f"{what}: {_unsafe_message(char)}")

    def keys(
        self, node: _Node, allowed: tuple[str, ...], required: tuple[str, ...], where: str
    ) -> None:
        for key, (line, column) in node.key_marks.items():
            if key not in allowed and self.full:
                self.problem(line, column, "")  # counted only: no "did you mean" to compose
            elif key not in allowed:
                hint = closest(key, list(allowed))
                extra = f"; did you mean '{hint}'?" if hint else f"; allowed: {', '.join(allowed)}"
                self.problem(line, column, f"unknown key '{key}' in {where}{extra}")
        for key in required:
            if key not in node.value:
                self.problem(node.line, node.column, f"{where} is missing '{key}'")

    def language(self, root: _Node, complete: bool, source: str) -> Language | None:
        if not isinstance(root.value, dict):
            raise self.stop(
                root.line,
                root.column,
                f"expected a mapping with 'language:' and 'sections:', not {_kind(root)}",
            )
        self.keys(root, TOP_KEYS, TOP_REQUIRED, "the file")
        fields: dict[str, str | None] = {}
        for key in ("language", "name", "english_name", "title", "title_origin", "term"):
            if key in root.value:
                fields[key] = self.text(root.value[key], key)
        code = fields.get("language")
        stem = self.name.removesuffix(".yaml")
        if code is not None:
            node = root.value["language"]
            if not is_tag(code):
                self.problem(
                    node.line,
                    node.column,
                    f"language '{code}' is not a language tag such as de, pt-BR or qaa",
                )
            elif code != stem:
                self.problem(
                    node.line,
                    node.column,
                    f"language '{code}' does not match the file name '{self.name}'",
                )
        origin = fields.get("title_origin") or "seed"
        if origin not in ORIGINS:
            node = root.value["title_origin"]
            self.problem(
                node.line, node.column, f"title_origin must be one of: {', '.join(ORIGINS)}"
            )
        sections: tuple[Section, ...] | None = ()
        if "sections" in root.value:
            line, column = root.key_marks["sections"]
            sections = self.sections(root.value["sections"], code or stem, complete, line, column)
        if self.errors or code is None or sections is None:
            return None
        return Language(
            code=code,
            name=fields["name"] or "",
            english_name=fields.get("english_name") or fields["name"] or "",
            title=fields["title"] or "",
            sections=sections,
            term=fields.get("term") or "",
            title_origin=origin,
            source=source,
        )

    def sections(
        self, node: _Node, code: str, complete: bool, line: int, column: int
    ) -> tuple[Section, ...] | None:
        if not isinstance(node.value, list) or not node.value:
            self.problem(
                node.line,
                node.column,
                f"sections must be a non-empty list of sections, not {_kind(node)}",
            )
            return None
        found: list[Section] = []
        last_index = -1
        for item in node.value:
            section = self.section(item, code)
            if section is None:
                continue
            index = SECTION_IDS.index(section.id)
            if any(s.id == section.id for s in found):
                self.problem(item.line, item.column, f"section '{section.id}' appears twice")
                continue
            if index < last_index:
                after = SECTION_IDS[last_index]
                self.problem(
                    item.line,
                    item.column,
                    f"section '{section.id}' is out of order: it comes before '{after}'",
                )
            last_index = max(last_index, index)
            found.append(section)
        missing = [i for i in SECTION_IDS if i not in {s.id for s in found}]
        if missing and not self.errors:
            severity = "error" if complete else "note"
            self.problem(line, column, f"missing sections: {', '.join(missing)}", severity)
        return tuple(found)

    def section(self, node: _Node, code: str) -> Section | None:
        if not isinstance(node.value, dict):
            self.problem(
                node.line,
                node.column,
                f"a section must be a mapping with id, kind, title and paragraphs, not {_kind(node)}",
            )
            return None
        before = self.errors
        self.keys(node, SECTION_KEYS, SECTION_REQUIRED, "a section")
        values = node.value
        section_id = self.text(values["id"], "id") if "id" in values else None
        if section_id is not None and section_id not in SECTION_IDS:
            hint = closest(section_id, list(SECTION_IDS))
            extra = f"; did you mean '{hint}'?" if hint else f"; known: {', '.join(SECTION_IDS)}"
            self.problem(
                values["id"].line, values["id"].column, f"unknown section id '{section_id}'{extra}"
            )
            section_id = None
        kind = self.text(values["kind"], "kind") if "kind" in values else None
        if section_id is not None and kind is not None and kind != kind_of(section_id):
            self.problem(
                values["kind"].line,
                values["kind"].column,
                f"kind of '{section_id}' must be '{kind_of(section_id)}', not '{kind}'",
            )
        title = self.text(values["title"], "title") if "title" in values else None
        paragraphs = (
            self.text_list(values["paragraphs"], "paragraph", empty_ok=False)
            if "paragraphs" in values
            else None
        )
        aliases = (
            self.text_list(values["aliases"], "alias", empty_ok=True) if "aliases" in values else ()
        )
        origin = self.text(values["origin"], "origin") if "origin" in values else "seed"
        if origin is not None and origin not in ORIGINS:
            self.problem(
                values["origin"].line,
                values["origin"].column,
                f"origin must be one of: {', '.join(ORIGINS)}",
            )
        if self.errors > before or section_id is None or title is None or paragraphs is None:
            return None
        return Section(
            section_id,
            kind_of(section_id),
            title,
            paragraphs,
            aliases or (),
            origin or "seed",
            code,
        )

    def text_list(self, node: _Node, what: str, empty_ok: bool) -> tuple[str, ...] | None:
        if not isinstance(node.value, list) or (not node.value and not empty_ok):
            self.problem(
                node.line, node.column, f"{what}s must be a list of texts, not {_kind(node)}"
            )
            return None
        texts = [self.text(item, what) for item in node.value]
        return None if any(t is None for t in texts) else tuple(t for t in texts if t is not None)


def _kind(node: _Node) -> str:
    if node.value is None:
        return "empty"
    if isinstance(node.value, str):
        return "text" if node.value.strip() else "blank text"
    return "a list" if isinstance(node.value, list) else "a mapping"


def _unsafe_message(char: str) -> str:
    if char == "\r":
        return "carriage return U+000D is not allowed in text (only as part of CRLF line ends)"
    kind = "bidirectional override" if ord(char) >= 0x202A else "control character"
    return f"{kind} U+{ord(char):04X} is not allowed in text"


def check_bytes(
    data: bytes, name: str, display: str, *, complete: bool, source: str
) -> tuple[Language | None, list[Problem]]:
    """Check one language file's bytes (`name` is its file name); the language is None when any
    error was found. Every problem is listed, up to MAX_PROBLEMS, in file order."""
    reader = _Reader(name, display)
    try:
        root = reader.parse(reader.read_text(data))
        language = reader.language(root, complete, source)
    except _Stop:
        language = None
    return language, reader.finish()


def check_file(
    path: str | os.PathLike[str], display: str, *, complete: bool, source: str
) -> tuple[Language | None, list[Problem]]:
    """Read (a regular file of at most 1 MiB, files.py) and check one language file."""
    path = os.fspath(path)
    try:
        data, _ = read_source(path)
    except SourceError as error:
        return None, [Problem(display, 1, 1, str(error))]
    return check_bytes(data, os.path.basename(path), display, complete=complete, source=source)
