"""The schema of a language file: a tree of YAML nodes to a `Language`, or located problems.

Every key is known (with a "did you mean"), every required key present, every text non-empty
and free of characters no content may hold. A file is checked against the bundled article
(`Known`): a section of the article keeps its kind and the article's order; any other id is a
section of the user's own, spelt as ids are, with a kind, and placed (`after:`) wherever the
user likes, though not under a name a bundled section already answers to. A partial file is a
note unless the file must be complete, and a file that patches a language of another layer
(`patch`) may leave out what that layer has: its name, English name, title and sections.
"""

from __future__ import annotations

from collections.abc import Sequence

from lastmile_cli.i18n import N_, _, ngettext
from lastmile_cli.model import KINDS, MAX_ID, ORIGINS, Language, Outline, Section, is_id, is_tag
from lastmile_cli.problems import Problems, Severity
from lastmile_cli.strict_yaml import Node, stop, unsafe_message
from lastmile_cli.textutil import closest, echo_unsafe, first_unsafe, fold

TOP_KEYS = ("language", "name", "english_name", "title", "title_origin", "term", "sections")
TOP_REQUIRED = ("language", "name", "title", "sections")
PATCH_REQUIRED = ("language", "sections")  # the rest comes from the next layer
SECTION_KEYS = ("id", "kind", "after", "title", "aliases", "origin", "fingerprint", "paragraphs")
SECTION_REQUIRED = ("id", "kind", "title", "paragraphs")
# Where a section's id, kind and place were written: (id, key) → (line, column).
Marks = dict[tuple[str, str], tuple[int, int]]
# What would break a title, a name or an alias across lines or columns of a listing.
ONE_LINE_BREAKS = {
    "\t": N_("a tab (U+0009)"),
    "\n": N_("a line break (U+000A)"),
    "\u2028": N_("a line separator (U+2028)"),
    "\u2029": N_("a paragraph separator (U+2029)"),
}


class Known:
    """What a file is checked against: the bundled outline, and every name (id, title, alias)
    a bundled section answers to, in any bundled language. Without an outline, the file sets
    it (the bundled English file); `bundled`: a bundled file, which has exactly its sections."""

    def __init__(
        self,
        outline: Outline | None,
        languages: Sequence[Language] = (),
        bundled: bool = False,
    ) -> None:
        self.outline = outline
        self.languages = languages
        self.bundled = bundled
        self._names: dict[str, tuple[str, str, str]] | None = None

    def names(self) -> dict[str, tuple[str, str, str]]:
        """Each folded name of a bundled section → (its id, the name as written, its language)."""
        if self._names is None:
            names: dict[str, tuple[str, str, str]] = {}
            if self.outline is not None:
                for section_id in self.outline.ids:
                    names.setdefault(fold(section_id), (section_id, section_id, ""))
            for language in self.languages:
                for section in language.sections:
                    if self.outline is None or not self.outline.bundled(section.id):
                        continue
                    for name in (section.title, *section.aliases):
                        names.setdefault(fold(name), (section.id, name, language.code))
            self._names = names
        return self._names


class Schema:
    """Checks one file's tree; `name` is the file's name, which `language:` must match."""

    def __init__(
        self,
        problems: Problems,
        name: str,
        known: Known,
        patch: bool = False,
        places: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        self.problems = problems
        self.name = name
        self.known = known
        self.patch = patch and not self.known.bundled
        self.marks: Marks = {}
        # where each section is (its fingerprint, else its first key), for notes about it
        self.places = places if places is not None else {}

    # -- tree to a Language --------------------------------------------------------------

    def text(self, node: Node, what: str, one_line: bool = True) -> str | None:
        """Non-empty text with no character content may not hold, and no tab or line break
        unless it is a paragraph (a tab or newline in a title would forge a row of a listing);
        None (and a problem) if not, so nothing that fails here is echoed by a later message."""
        if not (isinstance(node.value, str) and node.value.strip()):
            message = _("{key} must be non-empty text, not {found}").format(
                key=what, found=kind_of_node(node)
            )
            if isinstance(node.value, dict) and len(node.value) == 1:  # `- He said: hi`
                hint = _("a colon and a space make YAML read 'key: value': put the text in quotes")
                message = _("{problem}; {hint}").format(problem=message, hint=hint)
            self.problems.add(node.line, node.column, message, code="not-text")
            return None
        char = first_unsafe(node.value)
        if char is not None:
            said = _("{key}: {problem}").format(key=what, problem=unsafe_message(char))
            self.problems.add(node.line, node.column, said, code="unsafe-character")
            return None
        if one_line:
            breaks = [c for c in ONE_LINE_BREAKS if c in node.value]
            if breaks:
                name = _(ONE_LINE_BREAKS[breaks[0]])
                message = _("{character} is not allowed in a one-line text; use a space")
                said = _("{key}: {problem}").format(
                    key=what, problem=message.format(character=name)
                )
                self.problems.add(node.line, node.column, said, code="line-break")
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
                self.problems.add(
                    line,
                    column,
                    _("{problem}; {hint}").format(problem=unknown, hint=extra),
                    code="unknown-key",
                )
        for key in required:
            if key not in node.value:
                if where == "file":
                    missing = _("the file is missing '{key}'").format(key=key)
                else:
                    missing = _("a section is missing '{key}'").format(key=key)
                self.problems.add(node.line, node.column, missing, code="missing-key")

    def language(self, root: Node, complete: bool, source: str) -> Language | None:
        if not isinstance(root.value, dict):
            raise stop(
                self.problems,
                root.line,
                root.column,
                _("expected a mapping with 'language:' and 'sections:', not {found}").format(
                    found=kind_of_node(root)
                ),
                "not-a-mapping",
            )
        self.keys(root, TOP_KEYS, PATCH_REQUIRED if self.patch else TOP_REQUIRED, "file")
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
                    code="bad-language-tag",
                )
            elif code != stem:
                self.problems.add(
                    node.line,
                    node.column,
                    _("language '{code}' does not match the file name '{name}'").format(
                        code=code, name=self.name
                    ),
                    code="language-mismatch",
                )
        origin = fields.get("title_origin") or "seed"
        if origin not in ORIGINS:
            node = root.value["title_origin"]
            message = _("{key} must be one of: {values}")
            self.problems.add(
                node.line,
                node.column,
                message.format(key="title_origin", values=", ".join(ORIGINS)),
                code="bad-origin",
            )
        sections: tuple[Section, ...] | None = None
        if "sections" in root.value:
            line, column = root.key_marks["sections"]
            sections = self.sections(root.value["sections"], stem, complete, line, column)
        if self.problems.errors:
            return None
        assert code is not None and sections is not None  # missing, either is an error above
        name = fields.get("name") or ""
        english_name = fields.get("english_name") or ("" if self.patch else name)
        return Language(
            code=code,
            name=name,
            english_name=english_name,  # (a patch's "" is the next layer's)
            title=fields.get("title") or "",
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
                code="not-a-list",
            )
            return None
        outline = self.known.outline
        position = {i: n for n, i in enumerate(outline.ids)} if outline is not None else {}
        found: list[Section] = []
        seen: set[str] = set()
        last_index, last_id = -1, ""
        for item in node.value:
            section = self.section(item, code)
            if section is None:
                continue
            if section.id in seen:
                twice = _("section '{id}' appears twice").format(id=section.id)
                self.problems.add(item.line, item.column, twice, code="duplicate-section")
                continue
            seen.add(section.id)
            index = position.get(section.id, -1)
            if index >= 0:  # the article's own sections keep its order; a user's go anywhere
                if index < last_index:
                    self.problems.add(
                        item.line,
                        item.column,
                        _("section '{id}' is out of order: it comes before '{after}'").format(
                            id=section.id, after=last_id
                        ),
                        code="section-order",
                    )
                else:
                    last_index, last_id = index, section.id
            found.append(section)
        if outline is None or self.patch:
            return tuple(found)
        missing = [i for i in outline.ids if i not in seen]
        if missing and not self.problems.errors:
            severity = Severity.ERROR if complete else Severity.NOTE
            message = ngettext(
                "missing section: {ids}", "missing sections: {ids}", len(missing)
            ).format(ids=", ".join(missing))
            self.problems.add(line, column, message, severity, code="missing-sections")
        return tuple(found)

    def section(self, node: Node, code: str) -> Section | None:
        if not isinstance(node.value, dict):
            self.problems.add(
                node.line,
                node.column,
                _(
                    "a section must be a mapping with id, kind, title and paragraphs, not {found}"
                ).format(found=kind_of_node(node)),
                code="not-a-mapping",
            )
            return None
        before = self.problems.errors
        self.keys(node, SECTION_KEYS, SECTION_REQUIRED, "section")
        values = node.value
        section_id = self.text(values["id"], "id") if "id" in values else None
        if section_id is not None and not is_id(section_id):
            self.problems.add(
                values["id"].line,
                values["id"].column,
                _(
                    "section id '{id}' must be lowercase letters, digits and hyphens (at most"
                    " {most} characters), such as parcel-delivery"
                ).format(id=section_id, most=MAX_ID),
                code="bad-section-id",
            )
            section_id = None
        kind = self.text(values["kind"], "kind") if "kind" in values else None
        after = self.text(values["after"], "after") if "after" in values else ""
        if section_id is not None:
            self.place(values, section_id, kind, after)
        title = self.text(values["title"], "title") if "title" in values else None
        paragraphs = (
            self.text_list(
                values["paragraphs"], "paragraphs", _("paragraph"), empty_ok=False, one_line=False
            )
            if "paragraphs" in values
            else ()
        )
        aliases = (
            self.text_list(values["aliases"], "aliases", _("alias"), empty_ok=True)
            if "aliases" in values
            else ()
        )
        if section_id is not None and not self.bundled_id(section_id):
            self.collisions(values, section_id, title, aliases)
            self.typo(values, section_id, before)
        origin = self.text(values["origin"], "origin") if "origin" in values else "seed"
        if origin is not None and origin not in ORIGINS:
            self.problems.add(
                values["origin"].line,
                values["origin"].column,
                _("{key} must be one of: {values}").format(key="origin", values=", ".join(ORIGINS)),
                code="bad-origin",
            )
        recorded = self.fingerprint(values["fingerprint"]) if "fingerprint" in values else ""
        if self.problems.errors > before:
            return None
        # each of these is None only when a problem was recorded above
        assert section_id is not None and kind is not None and title is not None
        assert origin is not None and after is not None and recorded is not None
        place = values.get("fingerprint", node)
        self.places.setdefault(section_id, (place.line, place.column))
        from lastmile_cli.fingerprints import fingerprint

        digest = fingerprint(title, paragraphs)
        return Section(
            section_id,
            kind,
            title,
            paragraphs,
            aliases,
            origin,
            code,
            after,
            fingerprint=recorded,
            digest=digest,
        )

    def bundled_id(self, section_id: str) -> bool:
        outline = self.known.outline
        return outline is not None and section_id in outline

    def place(
        self, values: dict[str, Node], section_id: str, kind: str | None, after: str | None
    ) -> None:
        """The kind and place of a section: the article's keep theirs; a user's own states its
        kind, and may name the section it follows (`after`), checked across files by outline.py."""
        outline = self.known.outline
        if outline is not None and section_id in outline:
            wanted = outline.kind(section_id)
            if kind is not None and kind != wanted:
                self.problems.add(
                    values["kind"].line,
                    values["kind"].column,
                    _("kind of '{id}' must be '{kind}', not '{found}'").format(
                        id=section_id, kind=wanted, found=kind
                    ),
                    code="wrong-kind",
                )
            if "after" in values:
                self.problems.add(
                    values["after"].line,
                    values["after"].column,
                    _(
                        "'{id}' is a section of the article and keeps its place; 'after' is for"
                        " sections of your own"
                    ).format(id=section_id),
                    code="misplaced-section",
                )
            return
        if outline is not None and self.known.bundled:
            self.problems.add(
                values["id"].line,
                values["id"].column,
                _(
                    "section '{id}' is not in data/en.yaml, which sets the bundled article's"
                    " sections"
                ).format(id=section_id),
                code="unknown-section",
            )
            return
        if kind is not None and kind not in KINDS:
            self.problems.add(
                values["kind"].line,
                values["kind"].column,
                _("{key} must be one of: {values}").format(key="kind", values=", ".join(KINDS)),
                code="wrong-kind",
            )
        if outline is None:  # the bundled English file: its order is the article's
            if "after" in values:
                self.problems.add(
                    values["after"].line,
                    values["after"].column,
                    _("the bundled article takes its order from this file; remove 'after'"),
                    code="misplaced-section",
                )
            return
        self.marks[(section_id, "id")] = (values["id"].line, values["id"].column)
        if "kind" in values:
            self.marks[(section_id, "kind")] = (values["kind"].line, values["kind"].column)
        if "after" in values and after:
            self.marks[(section_id, "after")] = (values["after"].line, values["after"].column)
            if not is_id(after):
                self.problems.add(
                    values["after"].line,
                    values["after"].column,
                    _(
                        "after must name a section by its id, such as car-sales, not '{found}'"
                    ).format(found=after),
                    code="misplaced-section",
                )
            elif after == section_id:
                self.problems.add(
                    values["after"].line,
                    values["after"].column,
                    _("section '{id}' cannot come after itself").format(id=section_id),
                    code="misplaced-section",
                )

    def typo(self, values: dict[str, Node], section_id: str, before: int) -> None:
        """A note for a new id that is most likely a bundled one mistyped (`marathn`), unless
        something is wrong with the section already."""
        outline = self.known.outline
        if outline is None or self.known.bundled or self.problems.errors > before:
            return
        hint = _near(section_id, outline.ids)
        if hint is not None:
            self.problems.add(
                values["id"].line,
                values["id"].column,
                _(
                    "section '{id}' is not one of the article's, so it adds one of your own;"
                    " did you mean '{hint}'?"
                ).format(id=section_id, hint=hint),
                Severity.NOTE,
                code="new-section",
            )

    def collisions(
        self, values: dict[str, Node], section_id: str, title: str | None, aliases: tuple[str, ...]
    ) -> None:
        """A section of the user's own may not answer to a name of a bundled one: `example
        NAME` would find only one of them."""
        if self.known.outline is None:
            return
        names = self.known.names()
        candidates = [("id", section_id, values["id"])]
        if title is not None:
            candidates.append(("title", title, values["title"]))
        if aliases and "aliases" in values:
            candidates += [("alias", alias, values["aliases"]) for alias in aliases]
        for key, name, node in candidates:
            taken = names.get(fold(name))
            if taken is None:
                continue
            other, spelt, language = taken
            if language:
                message = _(
                    "{key} '{name}' of section '{id}' is already a name of the article's section"
                    " '{other}' (its {language} title or alias '{spelt}'); choose another"
                )
            else:
                message = _(
                    "{key} '{name}' of section '{id}' is already the id of the article's"
                    " section '{other}'; choose another"
                )
            said = message.format(
                key=key, name=name, id=section_id, other=other, language=language, spelt=spelt
            )
            self.problems.add(node.line, node.column, said, code="name-taken")

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
            self.problems.add(
                node.line, node.column, message.format(value=value), code="bad-fingerprint"
            )
            return None
        return value

    def text_list(
        self, node: Node, key: str, what: str, empty_ok: bool, one_line: bool = True
    ) -> tuple[str, ...]:
        """The texts of a list (each one checked); a problem is recorded for anything else.
        `what` names one item in the interface's language (a key is named as it is written)."""
        if not isinstance(node.value, list) or (not node.value and not empty_ok):
            self.problems.add(
                node.line,
                node.column,
                (
                    _("{key} must be a list of texts, not {found}")
                    if empty_ok
                    else _("{key} must be a non-empty list of texts, not {found}")
                ).format(key=key, found=kind_of_node(node)),
                code="not-a-list",
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


def _near(section_id: str, ids: Sequence[str]) -> str | None:
    """An id of the article that `section_id` is most likely a typo of ("marathn"), or None."""
    import difflib

    found = difflib.get_close_matches(section_id, list(ids), n=1, cutoff=0.85)
    return found[0] if found else None
