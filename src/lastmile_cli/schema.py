"""The schema of a language file: a tree of YAML nodes to a `Language`, or located problems.

Every key is known (with a "did you mean"), every required key present, every text non-empty
and free of characters no content may hold; sections have known ids, in article order, each
once, with the kind their id has. A partial file is a note unless the file must be complete.
"""

from __future__ import annotations

from lastmile_cli.i18n import N_, _
from lastmile_cli.model import ORIGINS, SECTION_IDS, Language, Section, is_tag, kind_of
from lastmile_cli.problems import Problems, Severity
from lastmile_cli.strict_yaml import Node, stop, unsafe_message
from lastmile_cli.textutil import closest, echo_unsafe, first_unsafe

TOP_KEYS = ("language", "name", "english_name", "title", "title_origin", "term", "sections")
TOP_REQUIRED = ("language", "name", "title", "sections")
SECTION_KEYS = ("id", "kind", "title", "aliases", "origin", "fingerprint", "paragraphs")
SECTION_REQUIRED = ("id", "kind", "title", "paragraphs")
# What would break a title, a name or an alias across lines or columns of a listing.
ONE_LINE_BREAKS = {
    "\t": N_("a tab (U+0009)"),
    "\n": N_("a line break (U+000A)"),
    "\u2028": N_("a line separator (U+2028)"),
    "\u2029": N_("a paragraph separator (U+2029)"),
}


class Schema:
    """Checks one file's tree; `name` is the file's name, which `language:` must match."""

    def __init__(
        self, problems: Problems, name: str, places: dict[str, tuple[int, int]] | None = None
    ) -> None:
        self.problems = problems
        self.name = name
        # where each section is (its fingerprint, else its first key), for notes about it
        self.places = places if places is not None else {}

    # -- tree to a Language --------------------------------------------------------------

    def text(self, node: Node, what: str, one_line: bool = True) -> str | None:
        """Non-empty text with no character content may not hold, and no tab or line break
        unless it is a paragraph (a tab or newline in a title would forge a row of a listing);
        None (and a problem) if not, so nothing that fails here is echoed by a later message."""
        if not (isinstance(node.value, str) and node.value.strip()):
            message = _("{key} must be non-empty text, not {found}")
            self.problems.add(
                node.line, node.column, message.format(key=what, found=kind_of_node(node))
            )
            return None
        char = first_unsafe(node.value)
        if char is not None:
            self.problems.add(node.line, node.column, f"{what}: {unsafe_message(char)}")
            return None
        if one_line:
            breaks = [c for c in ONE_LINE_BREAKS if c in node.value]
            if breaks:
                name = _(ONE_LINE_BREAKS[breaks[0]])
                message = _("{character} is not allowed in a one-line text; use a space")
                self.problems.add(
                    node.line, node.column, f"{what}: {message.format(character=name)}"
                )
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
                if hint:
                    extra = _("did you mean '{key}'?").format(key=hint)
                else:
                    extra = _("allowed: {keys}").format(keys=", ".join(allowed))
                unsafe = f" ({unsafe_message(char, in_key=True)})" if char else ""
                if where == "file":
                    unknown = _("unknown key '{key}'{unsafe} in the file")
                else:
                    unknown = _("unknown key '{key}'{unsafe} in a section")
                unknown = unknown.format(key=key, unsafe=unsafe)
                self.problems.add(line, column, f"{unknown}; {extra}")
        for key in required:
            if key not in node.value:
                if where == "file":
                    missing = _("the file is missing '{key}'").format(key=key)
                else:
                    missing = _("a section is missing '{key}'").format(key=key)
                self.problems.add(node.line, node.column, missing)

    def language(self, root: Node, complete: bool, source: str) -> Language | None:
        if not isinstance(root.value, dict):
            raise stop(
                self.problems,
                root.line,
                root.column,
                _("expected a mapping with 'language:' and 'sections:', not {found}").format(
                    found=kind_of_node(root)
                ),
            )
        self.keys(root, TOP_KEYS, TOP_REQUIRED, "file")
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
                    _("language '{code}' is not a language tag such as de, pt-BR or qaa").format(
                        code=code
                    ),
                )
            elif code != stem:
                self.problems.add(
                    node.line,
                    node.column,
                    _("language '{code}' does not match the file name '{name}'").format(
                        code=code, name=self.name
                    ),
                )
        origin = fields.get("title_origin") or "seed"
        if origin not in ORIGINS:
            node = root.value["title_origin"]
            message = _("{key} must be one of: {values}")
            self.problems.add(
                node.line,
                node.column,
                message.format(key="title_origin", values=", ".join(ORIGINS)),
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
            term=fields.get("term") or "",
        )

    def sections(
        self, node: Node, code: str, complete: bool, line: int, column: int
    ) -> tuple[Section, ...] | None:
        if not isinstance(node.value, list) or not node.value:
            self.problems.add(
                node.line,
                node.column,
                _("sections must be a non-empty list of sections, not {found}").format(
                    found=kind_of_node(node)
                ),
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
                twice = _("section '{id}' appears twice").format(id=section.id)
                self.problems.add(item.line, item.column, twice)
                continue
            if index < last_index:
                after = SECTION_IDS[last_index]
                self.problems.add(
                    item.line,
                    item.column,
                    _("section '{id}' is out of order: it comes before '{after}'").format(
                        id=section.id, after=after
                    ),
                )
            last_index = max(last_index, index)
            found.append(section)
        missing = [i for i in SECTION_IDS if i not in {s.id for s in found}]
        if missing and not self.problems.errors:
            severity = Severity.ERROR if complete else Severity.NOTE
            message = _("missing sections: {ids}").format(ids=", ".join(missing))
            self.problems.add(line, column, message, severity)
        return tuple(found)

    def section(self, node: Node, code: str) -> Section | None:
        if not isinstance(node.value, dict):
            self.problems.add(
                node.line,
                node.column,
                _(
                    "a section must be a mapping with id, kind, title and paragraphs, not {found}"
                ).format(found=kind_of_node(node)),
            )
            return None
        before = self.problems.errors
        self.keys(node, SECTION_KEYS, SECTION_REQUIRED, "section")
        values = node.value
        section_id = self.text(values["id"], "id") if "id" in values else None
        if section_id is not None and section_id not in SECTION_IDS:
            hint = closest(section_id, list(SECTION_IDS))
            if hint:
                extra = _("did you mean '{id}'?").format(id=hint)
            else:
                extra = _("known: {ids}").format(ids=", ".join(SECTION_IDS))
            unknown = _("unknown section id '{id}'").format(id=section_id)
            self.problems.add(values["id"].line, values["id"].column, f"{unknown}; {extra}")
            section_id = None
        kind = self.text(values["kind"], "kind") if "kind" in values else None
        if section_id is not None and kind is not None and kind != kind_of(section_id):
            self.problems.add(
                values["kind"].line,
                values["kind"].column,
                _("kind of '{id}' must be '{kind}', not '{found}'").format(
                    id=section_id, kind=kind_of(section_id), found=kind
                ),
            )
        title = self.text(values["title"], "title") if "title" in values else None
        paragraphs = (
            self.text_list(
                values["paragraphs"], "paragraphs", "paragraph", empty_ok=False, one_line=False
            )
            if "paragraphs" in values
            else ()
        )
        aliases = (
            self.text_list(values["aliases"], "aliases", "alias", empty_ok=True)
            if "aliases" in values
            else ()
        )
        origin = self.text(values["origin"], "origin") if "origin" in values else "seed"
        if origin is not None and origin not in ORIGINS:
            self.problems.add(
                values["origin"].line,
                values["origin"].column,
                _("{key} must be one of: {values}").format(key="origin", values=", ".join(ORIGINS)),
            )
        recorded = self.fingerprint(values["fingerprint"]) if "fingerprint" in values else ""
        if self.problems.errors > before:
            return None
        # each of these is None only when a problem was recorded above
        assert section_id is not None and title is not None and origin is not None
        assert recorded is not None
        place = values.get("fingerprint", node)
        self.places.setdefault(section_id, (place.line, place.column))
        from lastmile_cli.fingerprints import fingerprint

        digest = fingerprint(title, paragraphs)
        return Section(
            section_id,
            kind_of(section_id),
            title,
            paragraphs,
            aliases,
            origin,
            code,
            recorded,
            digest,
        )

    def fingerprint(self, node: Node) -> str | None:
        """A recorded fingerprint: 8 lowercase hexadecimal digits, as lastmile writes them."""
        from lastmile_cli.fingerprints import well_formed

        value = self.text(node, "fingerprint")
        if value is None:
            return None
        if not well_formed(value):
            message = _(
                "fingerprint must be 8 hexadecimal digits (0-9, a-f) such as 3f2a9c1e, not '{value}';"
                " lastmile writes it: lastmile fingerprint FILE"
            )
            self.problems.add(node.line, node.column, message.format(value=value))
            return None
        return value

    def text_list(
        self, node: Node, key: str, what: str, empty_ok: bool, one_line: bool = True
    ) -> tuple[str, ...]:
        """The texts of a list (each one checked); a problem is recorded for anything else."""
        if not isinstance(node.value, list) or (not node.value and not empty_ok):
            self.problems.add(
                node.line,
                node.column,
                (
                    _("{key} must be a list of texts, not {found}")
                    if empty_ok
                    else _("{key} must be a non-empty list of texts, not {found}")
                ).format(key=key, found=kind_of_node(node)),
            )
            return ()
        texts = (self.text(item, what, one_line) for item in node.value)
        return tuple(text for text in texts if text is not None)


def kind_of_node(node: Node) -> str:
    if node.value is None:
        return _("empty")
    if isinstance(node.value, str):
        return _("text") if node.value.strip() else _("blank text")
    if isinstance(node.value, list):
        return _("a list") if node.value else _("an empty list")
    return _("a mapping") if node.value else _("an empty mapping")
