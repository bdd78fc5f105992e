"""The schema of a language file: a tree of YAML nodes to a `Language`, or located problems.

Every key is known (with a "did you mean"), every required key present, every text non-empty
and free of characters no content may hold; sections have known ids, in article order, each
once, with the kind their id has. A partial file is a note unless the file must be complete.
"""

from __future__ import annotations

from lastmile_cli.model import ORIGINS, SECTION_IDS, Language, Section, is_tag, kind_of
from lastmile_cli.problems import Problems, Severity
from lastmile_cli.strict_yaml import Node, stop, unsafe_message
from lastmile_cli.textutil import closest, echo_unsafe, first_unsafe

TOP_KEYS = ("language", "name", "english_name", "title", "title_origin", "term", "sections")
TOP_REQUIRED = ("language", "name", "title", "sections")
SECTION_KEYS = ("id", "kind", "title", "aliases", "origin", "paragraphs")
SECTION_REQUIRED = ("id", "kind", "title", "paragraphs")
# What would break a title, a name or an alias across lines or columns of a listing.
ONE_LINE_BREAKS = {
    "\t": "a tab (U+0009)",
    "\n": "a line break (U+000A)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}


class Schema:
    """Checks one file's tree; `name` is the file's name, which `language:` must match."""

    def __init__(self, problems: Problems, name: str) -> None:
        self.problems = problems
        self.name = name

    # -- tree to a Language --------------------------------------------------------------

    def text(self, node: Node, what: str, one_line: bool = True) -> str | None:
        """Non-empty text with no character content may not hold, and no tab or line break
        unless it is a paragraph (a tab or newline in a title would forge a row of a listing);
        None (and a problem) if not, so nothing that fails here is echoed by a later message."""
        if not (isinstance(node.value, str) and node.value.strip()):
            self.problems.add(
                node.line, node.column, f"{what} must be non-empty text, not {kind_of_node(node)}"
            )
            return None
        char = first_unsafe(node.value)
        if char is not None:
            self.problems.add(node.line, node.column, f"{what}: {unsafe_message(char)}")
            return None
        if one_line:
            breaks = [c for c in ONE_LINE_BREAKS if c in node.value]
            if breaks:
                name = ONE_LINE_BREAKS[breaks[0]]
                message = f"{what}: {name} is not allowed in a one-line text; use a space"
                self.problems.add(node.line, node.column, message)
                return None
        return node.value

    def keys(
        self, node: Node, allowed: tuple[str, ...], required: tuple[str, ...], where: str
    ) -> None:
        for key, (line, column) in node.key_marks.items():
            if key not in allowed and self.problems.full:
                self.problems.count(1)  # no "did you mean" to compose for a message not kept
            elif key not in allowed:
                char = echo_unsafe(key)
                hint = None if char else closest(key, list(allowed))
                extra = f"; did you mean '{hint}'?" if hint else f"; allowed: {', '.join(allowed)}"
                unsafe = f" ({unsafe_message(char).replace(' text', ' a key')})" if char else ""
                self.problems.add(line, column, f"unknown key '{key}'{unsafe} in {where}{extra}")
        for key in required:
            if key not in node.value:
                self.problems.add(node.line, node.column, f"{where} is missing '{key}'")

    def language(self, root: Node, complete: bool, source: str) -> Language | None:
        if not isinstance(root.value, dict):
            raise stop(
                self.problems,
                root.line,
                root.column,
                f"expected a mapping with 'language:' and 'sections:', not {kind_of_node(root)}",
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
                self.problems.add(
                    node.line,
                    node.column,
                    f"language '{code}' is not a language tag such as de, pt-BR or qaa",
                )
            elif code != stem:
                self.problems.add(
                    node.line,
                    node.column,
                    f"language '{code}' does not match the file name '{self.name}'",
                )
        origin = fields.get("title_origin") or "seed"
        if origin not in ORIGINS:
            node = root.value["title_origin"]
            self.problems.add(
                node.line, node.column, f"title_origin must be one of: {', '.join(ORIGINS)}"
            )
        sections: tuple[Section, ...] | None = None
        if "sections" in root.value:
            line, column = root.key_marks["sections"]
            sections = self.sections(root.value["sections"], stem, complete, line, column)
        if self.problems.errors:
            return None
        assert code is not None and sections is not None  # missing, either is an error above
        return Language(
            code=code,
            name=fields["name"] or "",
            english_name=fields.get("english_name") or fields["name"] or "",
            title=fields["title"] or "",
            sections=sections,
            title_origin=origin,
            source=source,
        )

    def sections(
        self, node: Node, code: str, complete: bool, line: int, column: int
    ) -> tuple[Section, ...] | None:
        if not isinstance(node.value, list) or not node.value:
            self.problems.add(
                node.line,
                node.column,
                f"sections must be a non-empty list of sections, not {kind_of_node(node)}",
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
                self.problems.add(item.line, item.column, f"section '{section.id}' appears twice")
                continue
            if index < last_index:
                after = SECTION_IDS[last_index]
                self.problems.add(
                    item.line,
                    item.column,
                    f"section '{section.id}' is out of order: it comes before '{after}'",
                )
            last_index = max(last_index, index)
            found.append(section)
        missing = [i for i in SECTION_IDS if i not in {s.id for s in found}]
        if missing and not self.problems.errors:
            severity = Severity.ERROR if complete else Severity.NOTE
            self.problems.add(line, column, f"missing sections: {', '.join(missing)}", severity)
        return tuple(found)

    def section(self, node: Node, code: str) -> Section | None:
        if not isinstance(node.value, dict):
            self.problems.add(
                node.line,
                node.column,
                f"a section must be a mapping with id, kind, title and paragraphs, not {kind_of_node(node)}",
            )
            return None
        before = self.problems.errors
        self.keys(node, SECTION_KEYS, SECTION_REQUIRED, "a section")
        values = node.value
        section_id = self.text(values["id"], "id") if "id" in values else None
        if section_id is not None and section_id not in SECTION_IDS:
            hint = closest(section_id, list(SECTION_IDS))
            extra = f"; did you mean '{hint}'?" if hint else f"; known: {', '.join(SECTION_IDS)}"
            self.problems.add(
                values["id"].line, values["id"].column, f"unknown section id '{section_id}'{extra}"
            )
            section_id = None
        kind = self.text(values["kind"], "kind") if "kind" in values else None
        if section_id is not None and kind is not None and kind != kind_of(section_id):
            self.problems.add(
                values["kind"].line,
                values["kind"].column,
                f"kind of '{section_id}' must be '{kind_of(section_id)}', not '{kind}'",
            )
        title = self.text(values["title"], "title") if "title" in values else None
        paragraphs = (
            self.text_list(values["paragraphs"], "paragraph", empty_ok=False, one_line=False)
            if "paragraphs" in values
            else ()
        )
        aliases = (
            self.text_list(values["aliases"], "alias", empty_ok=True) if "aliases" in values else ()
        )
        origin = self.text(values["origin"], "origin") if "origin" in values else "seed"
        if origin is not None and origin not in ORIGINS:
            self.problems.add(
                values["origin"].line,
                values["origin"].column,
                f"origin must be one of: {', '.join(ORIGINS)}",
            )
        if self.problems.errors > before:
            return None
        # each of these is None only when a problem was recorded above
        assert section_id is not None and title is not None and origin is not None
        return Section(section_id, kind_of(section_id), title, paragraphs, aliases, origin, code)

    def text_list(
        self, node: Node, what: str, empty_ok: bool, one_line: bool = True
    ) -> tuple[str, ...]:
        """The texts of a list (each one checked); a problem is recorded for anything else."""
        if not isinstance(node.value, list) or (not node.value and not empty_ok):
            self.problems.add(
                node.line,
                node.column,
                f"{what}s must be a {'' if empty_ok else 'non-empty '}list of texts, "
                f"not {kind_of_node(node)}",
            )
            return ()
        texts = (self.text(item, what, one_line) for item in node.value)
        return tuple(text for text in texts if text is not None)


def kind_of_node(node: Node) -> str:
    if node.value is None:
        return "empty"
    if isinstance(node.value, str):
        return "text" if node.value.strip() else "blank text"
    if isinstance(node.value, list):
        return "a list" if node.value else "an empty list"
    return "a mapping" if node.value else "an empty mapping"
