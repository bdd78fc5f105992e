"""Strict YAML: a language file's bytes to checked text, and the text to a tree of nodes.

Refused with a located problem: NUL bytes, invalid UTF-8, characters no content may hold,
anchors and aliases (no alias bombs), tags, a second document, nesting deeper than a language
file needs, and duplicate keys. Scalars are always strings: YAML 1.1's `no`, `yes`, `0755` and
`1:20` never become other types. Lines and columns of raw-text problems come from one index of
line starts, so a file full of them is checked in linear time.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right

from lastmile_cli.i18n import N_, _
from lastmile_cli.problems import Problems
from lastmile_cli.textutil import UNSAFE

# PyYAML's reader compiles its check for characters YAML cannot hold as one negated class that
# reaches U+10FFFF (yaml/reader.py, `NON_PRINTABLE`), and `re` builds such a class by setting
# 63,000 bits one at a time in Python: 57M instructions, more than a third of what importing
# PyYAML costs, and more than every module of lastmile's put together. The same set of
# characters, written as the ones it leaves out, compiles in a thirteenth of that; put in re's
# cache of compiled patterns under PyYAML's spelling, it is what PyYAML's `re.compile` gets
# back. A PyYAML that spells its check otherwise, or an `re` that keeps its cache elsewhere,
# compiles its own as before: nothing but the time changes either way (tests/test_strict_yaml.py
# holds the two sets to each other over every code point).
PYYAML_NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
NON_PRINTABLE = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"


def _prime_non_printable() -> None:
    cache = getattr(re, "_cache", None)
    if isinstance(cache, dict) and "yaml" not in sys.modules:
        cache.setdefault((str, PYYAML_NON_PRINTABLE, 0), re.compile(NON_PRINTABLE))


_prime_non_printable()
import yaml  # noqa: E402  (after priming re's cache for it)

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing and dataclasses cost more to import than a file's check: not at run time
    from collections.abc import Iterator
    from typing import Any

try:  # libyaml's parser when PyYAML was built with it; the pure-Python one otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 8
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# In the raw file a carriage return is fine as part of CRLF, and tab and newline are YAML's own.
_RAW_UNSAFE = re.compile(f"(?!\r\n){UNSAFE}")


class Node:
    """A YAML value with where it starts; `value` is str, None, list[Node] or dict[str, Node],
    and `key_marks` where each key of a mapping is."""

    __slots__ = ("column", "key_marks", "line", "value")

    def __init__(self, value: Any, line: int, column: int) -> None:
        self.value = value
        self.line = line
        self.column = column
        self.key_marks: dict[str, tuple[int, int]] = {}  # filled as the mapping's keys are read

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        mine = (self.value, self.line, self.column, self.key_marks)
        return mine == (other.value, other.line, other.column, other.key_marks)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's

    def __repr__(self) -> str:
        return f"Node(value={self.value!r}, line={self.line}, column={self.column}, key_marks={self.key_marks!r})"


class Stop(Exception):
    """Reading cannot go on; the problem has been recorded."""


def stop(problems: Problems, line: int, column: int, message: str, code: str) -> Stop:
    problems.add(line, column, message, code=code)
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
                self.problems,
                line,
                1,
                _("contains NUL bytes: this is a binary file, not YAML"),
                "binary-file",
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
            raise stop(
                self.problems,
                line,
                column,
                _("is not valid UTF-8 (save the file as UTF-8)"),
                "not-utf8",
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
            self.problems.add(line, column, unsafe_message(match.group()), code="unsafe-character")
        if self.problems.errors:
            raise Stop()
        return text

    # -- text to a tree of nodes ---------------------------------------------------------

    def parse(self, text: str) -> Node:
        """Build the document tree from parser events, refusing what lastmile never needs.

        libyaml scans ahead of the events it hands out, and from 0.2.6 (PyYAML 6.0.4) stops at a
        nesting depth of its own, so a file it refuses is read once more by PyYAML's pure-Python
        parser, which streams: lastmile's own rules (depth first) then speak where they apply,
        whichever PyYAML is installed, and PyYAML's first word stands where none does.
        """
        first = self._attempt(text, _Loader)
        if isinstance(first, Node):
            return first
        error, found = first
        again = self._attempt(text, yaml.SafeLoader)
        if isinstance(again, Node):
            return again
        self._keep(found)  # PyYAML's first word, after what the first reading found before it
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        code = "tab-indent" if _at_tab(error, text) else "yaml-syntax"
        raise stop(self.problems, line, column, syntax_message(error, text), code)

    def _attempt(
        self, text: str, loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
    ) -> Node | tuple[yaml.MarkedYAMLError, Problems]:
        """The tree one parser's events make, its problems kept (a rule that stops reading
        raises Stop); or PyYAML's error, with what was found before it, kept aside."""
        found = Problems(self.problems.display)
        try:
            root = self._build(yaml.parse(text, Loader=loader), found)
        except yaml.MarkedYAMLError as error:
            return error, found
        except Stop:
            self._keep(found)
            raise
        self._keep(found)
        return root

    def _keep(self, found: Problems) -> None:
        self.problems.kept.extend(found.kept)
        self.problems.errors += found.errors
        self.problems.dropped += found.dropped

    def _build(self, events: Iterator[yaml.Event], problems: Problems) -> Node:
        """The tree the events describe; PyYAML's own errors pass through to `parse`."""
        stack: list[Node] = []
        pending_keys: list[str | None] = []
        root: Node | None = None
        documents = 0
        for event in events:
            mark = event.start_mark
            assert mark is not None  # PyYAML marks every event; only its stubs say otherwise
            line, column = mark.line + 1, mark.column + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise stop(
                        problems,
                        line,
                        column,
                        _("a second YAML document; use one per file"),
                        "second-document",
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                raise stop(
                    problems, line, column, _("YAML aliases (*name) are not allowed"), "yaml-alias"
                )
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                raise stop(
                    problems, line, column, _("YAML anchors (&name) are not allowed"), "yaml-anchor"
                )
            if isinstance(event, yaml.ScalarEvent):
                if event.tag is not None and event.tag != "!":
                    raise stop(
                        problems,
                        line,
                        column,
                        _("YAML tags ({tag}) are not allowed").format(tag=event.tag),
                        "yaml-tag",
                    )
                plain = event.implicit[0]  # a plain scalar: only those can mean null
                node = Node(None if plain and event.value in _NULLS else event.value, line, column)
            elif isinstance(event, yaml.CollectionStartEvent):
                if event.tag is not None:
                    raise stop(
                        problems,
                        line,
                        column,
                        _("YAML tags ({tag}) are not allowed").format(tag=event.tag),
                        "yaml-tag",
                    )
                if len(stack) >= MAX_DEPTH:
                    raise stop(
                        problems,
                        line,
                        column,
                        _("nested too deeply for a language file"),
                        "too-deep",
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
                        problems,
                        node.line,
                        node.column,
                        _("a key must be plain text"),
                        "key-not-text",
                    )
                if node.value in parent.value:
                    first = parent.key_marks[node.value][0]
                    problems.add(
                        node.line,
                        node.column,
                        _("duplicate key '{key}' (first at line {line})").format(
                            key=node.value, line=first
                        ),
                        code="duplicate-key",
                    )
                parent.key_marks.setdefault(node.value, (node.line, node.column))
                pending_keys[-1] = node.value
            else:
                key = pending_keys[-1]
                if key not in parent.value:
                    parent.value[key] = node
                pending_keys[-1] = None
        if root is None:
            raise stop(
                problems,
                1,
                1,
                _("the file is empty; a language file starts with 'language:'"),
                "empty-file",
            )
        return root


# PyYAML's own words, for what `explained` does not recognise: in the catalogs, so the parts a
# translator meets most read in the interface's language; the rest (rarer, and holding the text
# PyYAML found) stays as PyYAML says it.
YAML_WORDS = (
    N_("found unexpected end of stream"),
    N_("could not find expected ':'"),
    N_("mapping values are not allowed here"),
    N_("mapping values are not allowed in this context"),
    N_("found character '\\t' that cannot start any token"),
    N_("found character that cannot start any token"),
    N_("found unexpected document separator"),
    N_("found duplicate key"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("expected a single document in the stream"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a plain scalar"),
    N_("while scanning a simple key"),
    N_("while scanning a block scalar"),
    N_("while scanning for the next token"),
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a flow sequence"),
    N_("while parsing a flow mapping"),
    N_("while parsing a block node"),
    N_("while parsing a flow node"),
)


def _line_of(text: str, index: int) -> tuple[str, int]:
    """The line of `text` that holds `index`, and the offset of `index` within it."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return text[start : end if end != -1 else len(text)], index - start


def explained(error: yaml.MarkedYAMLError, text: str) -> str | None:
    """What went wrong, in words a translator understands, with how to fix it, for the mistakes
    language files most often hold: a tab, a quote never closed, a quote inside a quoted text,
    a line indented wrongly, a colon and a space inside an unquoted text. None for anything else.

    PyYAML's two parsers (libyaml's and its own) word these differently, so they are told apart
    by the stable parts of the problem ("end of stream", "mapping values are not allowed",
    "expected") and by what the file holds at the place the parser stopped.
    """
    mark = error.problem_mark
    if mark is None or not 0 <= mark.index <= len(text):
        return None
    problem = str(error.problem or "")
    context = str(error.context or "")
    here = text[mark.index] if mark.index < len(text) else ""
    line, column = _line_of(text, mark.index)
    indent = len(line) - len(line.lstrip(" "))
    if here == "\t" or "tab" in problem:
        return _("a tab; YAML indents with spaces only: replace the tab with spaces")
    opened = error.context_mark
    if "end of stream" in problem and "quoted" in context and opened is not None:
        return _(
            "the quoted text that starts at line {line}, column {column} is never closed;"
            " end it with the same quote mark ({quote})"
        ).format(
            line=opened.line + 1,
            column=opened.column + 1,
            quote=text[opened.index : opened.index + 1],
        )
    if "cannot start any token" in problem and here:
        return _(
            "a text cannot begin with {character} unless it is in quotes; put the whole text in"
            " double quotes"
        ).format(character=here)
    if "unknown escape" in problem:
        return _(
            "a backslash ({backslash}) in a text in double quotes begins an escape such as"
            " {escape}; write {escaped} for a backslash, or put the text in single quotes"
        ).format(backslash="\\", escape="\\n", escaped="\\\\")
    ended = line[:column].rstrip(" ")  # up to the quote that ended a text, if one did
    before = ended[-1:]
    if "expected" in problem and before in ('"', "'") and len(ended) > 1:
        if ended.count(before) == 1:  # the text this quote ends began on a line above
            return _(
                "the quoted text that ends at line {line}, column {column} began on a line"
                " above; the quote mark ({quote}) that should end it there is probably missing"
            ).format(line=mark.line + 1, column=len(ended), quote=before)
        if before == '"':
            return _(
                "a double quote ({quote}) inside a text in double quotes ends the text early;"
                " write {escaped} for a quote inside it, or use typographic quotes (“…”)"
            ).format(quote='"', escaped='\\"')
        return _(
            "an apostrophe ({quote}) inside a text in single quotes ends the text early;"
            " write {escaped} for an apostrophe inside it, or use the typographic one (’)"
        ).format(quote="'", escaped="''")
    flow = "flow sequence" in context or "flow mapping" in context
    if "expected" in problem and flow and opened is not None:
        sequence = "flow sequence" in context
        return (
            _(
                "the list that starts at line {line}, column {column} is not closed where"
                " it should be; separate its items with commas and end it with {bracket}"
            )
            if sequence
            else _(
                "the mapping that starts at line {line}, column {column} is not closed where"
                " it should be; separate its pairs with commas and end it with {bracket}"
            )
        ).format(line=opened.line + 1, column=opened.column + 1, bracket="]" if sequence else "}")
    if "mapping values are not allowed" in problem:
        if ": " in line[:column]:  # the line's own key comes first: this colon is in its text
            return _(
                "a colon and a space inside a text make YAML read a new 'key: value';"
                " put the whole text in double quotes"
            )
        above = _line_of(text, text.rfind("\n", 0, mark.index - column))[0] if mark.line else ""
        if indent > len(above) - len(above.lstrip(" ")):
            return _(
                "this line is indented further than the key above it, so YAML reads it as part"
                " of that key's value; indent it as far as that key"
            )
        if above.strip() and ":" not in above:
            return _(
                "the line above has no colon after its key, so YAML reads both lines as one"
                " text; write the key as 'key: value'"
            )
        return None
    above_indents = {
        len(earlier) - len(earlier.lstrip(" "))
        for earlier in text[: mark.index - column].split("\n")
        if earlier.strip() and not earlier.lstrip(" ").startswith("#")
    }
    if "expected" in problem and column == indent and line.strip() and indent not in above_indents:
        return _(
            "this line is indented to column {column}, which matches none of the lines above;"
            " indent it with spaces as far as the key it belongs with"
        ).format(column=column + 1)
    return None


def syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    """What `explained` says for a mistake it knows; otherwise PyYAML's problem with its
    context and where that began ("while parsing a block node that starts at line 2, column
    7"), in the interface's language as far as YAML_WORDS go."""
    said = explained(error, text)
    if said is not None:
        return _("YAML syntax: {problem}").format(problem=said)
    problem = _(str(error.problem or error.context))
    mark = error.problem_mark
    message = _("YAML syntax: {problem}").format(problem=problem)
    context = error.context_mark
    if error.problem and error.context and context is not None:
        where = (context.line + 1, context.column + 1)
        if mark is None or where != (mark.line + 1, mark.column + 1):
            began = _("{context} that starts at line {line}, column {column}").format(
                context=_(error.context), line=where[0], column=where[1]
            )
            message += f", {began}"
    return message


def _at_tab(error: yaml.MarkedYAMLError, text: str) -> bool:
    """Whether PyYAML tripped on a tab (in a language file, a tab used to indent)."""
    mark = error.problem_mark
    return mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"


def unsafe_message(char: str, in_key: bool = False) -> str:
    """Why a character may not be in content (or in a key: `in_key`), naming its kind. Each
    case is one whole sentence in the catalogs, so every language can build it its own way."""
    if char == "\r":
        return _("carriage return U+000D is not allowed in text (only as part of CRLF line ends)")
    code = ord(char)
    if code >= 0xFFFE:
        kind = (
            _("noncharacter U+{code} is not allowed in a key")
            if in_key
            else _("noncharacter U+{code} is not allowed in text")
        )
    elif code in (0x2028, 0x2029):
        kind = (
            _("line or paragraph separator U+{code} is not allowed in a key")
            if in_key
            else _("line or paragraph separator U+{code} is not allowed in text")
        )
    elif code >= 0x202A or code in (0x061C, 0x200E, 0x200F):
        kind = (
            _("bidirectional control U+{code} is not allowed in a key")
            if in_key
            else _("bidirectional control U+{code} is not allowed in text")
        )
    else:
        kind = (
            _("control character U+{code} is not allowed in a key")
            if in_key
            else _("control character U+{code} is not allowed in text")
        )
    return kind.format(code=f"{code:04X}")
