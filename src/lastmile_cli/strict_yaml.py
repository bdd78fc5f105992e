"""Strict YAML: a language file's bytes to checked text, and the text to a tree of nodes.

Refused with a located problem: NUL bytes, invalid UTF-8, characters no content may hold,
anchors and aliases (no alias bombs), tags, a second document, nesting deeper than a language
file needs, and duplicate keys. Scalars are always strings: YAML 1.1's `no`, `yes`, `0755` and
`1:20` never become other types. Lines and columns of raw-text problems come from one index of
line starts, so a file full of them is checked in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import yaml

from lastmile_cli.problems import Problems
from lastmile_cli.textutil import UNSAFE

try:  # libyaml's parser when PyYAML was built with it; the pure-Python one otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 8
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# In the raw file a carriage return is fine as part of CRLF, and tab and newline are YAML's own.
_RAW_UNSAFE = re.compile(f"(?!\r\n){UNSAFE}")


@dataclass
class Node:
    """A YAML value with where it starts; `value` is str, None, list[Node] or dict[str, Node]."""

    value: Any
    line: int
    column: int
    key_marks: dict[str, tuple[int, int]] = field(default_factory=dict)


class Stop(Exception):
    """Reading cannot go on; the problem has been recorded."""


def stop(problems: Problems, line: int, column: int, message: str) -> Stop:
    problems.add(line, column, message)
    return Stop()


class StrictYaml:
    """Reads one file's bytes into a tree, recording every problem in `problems`."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    # -- bytes to text -------------------------------------------------------------------

    def read_text(self, data: bytes) -> str:
        if b"\x00" in data:
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            raise stop(
                self.problems, line, 1, "contains NUL bytes: this is a binary file, not YAML"
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
            raise stop(
                self.problems, line, column, "is not valid UTF-8 (save the file as UTF-8)"
            ) from None
        text = text.removeprefix("\ufeff")
        starts: list[int] | None = None
        for match in _RAW_UNSAFE.finditer(text):
            if self.problems.full:  # the rest are only counted
                self.problems.count(1 + len(_RAW_UNSAFE.findall(text, match.end())))
                break
            if starts is None:  # one index of line starts: each problem is found in log time
                starts = [0, *(m.end() for m in re.finditer("\n", text))]
            line = bisect_right(starts, match.start())
            column = match.start() - starts[line - 1] + 1
            self.problems.add(line, column, unsafe_message(match.group()))
        if self.problems.errors:
            raise Stop()
        return text

    # -- text to a tree of nodes ---------------------------------------------------------

    def parse(self, text: str) -> Node:
        """Build the document tree from parser events, refusing what lastmile never needs."""
        events = yaml.parse(text, Loader=_Loader)
        stack: list[Node] = []
        pending_keys: list[str | None] = []
        root: Node | None = None
        documents = 0
        try:
            for event in events:
                mark = event.start_mark
                assert mark is not None  # PyYAML marks every event; only its stubs say otherwise
                line, column = mark.line + 1, mark.column + 1
                if isinstance(event, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise stop(
                            self.problems, line, column, "a second YAML document; use one per file"
                        )
                    continue
                if isinstance(event, yaml.AliasEvent):
                    raise stop(self.problems, line, column, "YAML aliases (*name) are not allowed")
                if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                    raise stop(self.problems, line, column, "YAML anchors (&name) are not allowed")
                if isinstance(event, yaml.ScalarEvent):
                    if event.tag is not None and event.tag != "!":
                        raise stop(
                            self.problems, line, column, f"YAML tags ({event.tag}) are not allowed"
                        )
                    plain = event.implicit[0]  # a plain scalar: only those can mean null
                    node = Node(
                        None if plain and event.value in _NULLS else event.value, line, column
                    )
                elif isinstance(event, yaml.CollectionStartEvent):
                    if event.tag is not None:
                        raise stop(
                            self.problems, line, column, f"YAML tags ({event.tag}) are not allowed"
                        )
                    if len(stack) >= MAX_DEPTH:
                        raise stop(
                            self.problems, line, column, "nested too deeply for a language file"
                        )
                    is_map = isinstance(event, yaml.MappingStartEvent)
                    stack.append(Node({} if is_map else [], line, column))
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
                        raise stop(
                            self.problems, node.line, node.column, "a key must be plain text"
                        )
                    if node.value in parent.value:
                        first = parent.key_marks[node.value][0]
                        self.problems.add(
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
            raise stop(self.problems, line, column, syntax_message(error, text)) from None
        if root is None:
            raise stop(
                self.problems, 1, 1, "the file is empty; a language file starts with 'language:'"
            )
        return root


def syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's problem with its context and where that began ("while scanning a quoted scalar
    that starts at line 2, column 7"), and the word "tab" when a tab is what it tripped on."""
    message = f"YAML syntax: {error.problem or error.context}"
    mark = error.problem_mark
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        message += "" if "tab" in message else " (a tab)"
        message += "; YAML indents with spaces, never tabs"
        return message
    context = error.context_mark
    if error.problem and error.context and context is not None:
        where = (context.line + 1, context.column + 1)
        if mark is None or where != (mark.line + 1, mark.column + 1):
            message += f", {error.context} that starts at line {where[0]}, column {where[1]}"
    return message


def unsafe_message(char: str) -> str:
    if char == "\r":
        return "carriage return U+000D is not allowed in text (only as part of CRLF line ends)"
    code = ord(char)
    if code >= 0xFFFE:
        kind = "noncharacter"
    elif code in (0x2028, 0x2029):
        kind = "line or paragraph separator"
    elif code >= 0x202A or code in (0x061C, 0x200E, 0x200F):
        kind = "bidirectional control"
    else:
        kind = "control character"
    return f"{kind} U+{code:04X} is not allowed in text"
