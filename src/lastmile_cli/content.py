"""Which languages exist, loading just the ones a command needs, and what a command shows.

A language comes in layers: the user's directories (earlier ones win), then the bundled article.
A user file patches what it names: a `de.yaml` with one section shows that section and the
bundled German for the rest (and its name, English name and title, unless it gives its own); a
partial `en.yaml` never hides a section. The article's outline is the bundled one, with the
sections of the user's own placed in it (outline.py). Whatever a language still lacks after its
layers is shown from English, or for a section of the user's own that English lacks, from the
first language (by code) that has it, and a command names it in a note. A section whose text
is still the English text is shown as English. A broken file never stops the tool: it is
skipped with a warning and the next layer is used.
"""

from __future__ import annotations

import os

from lastmile_cli.bundle import Bundle
from lastmile_cli.errors import ContentError, LastmileError
from lastmile_cli.files import LanguageFile, Skipped, SourceError, read_source, scan
from lastmile_cli.i18n import _, ngettext, warning
from lastmile_cli.model import FALLBACK, Document, Language, Outline, Section
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from lastmile_cli.cache import Cache
    from lastmile_cli.outline import Misplaced
    from lastmile_cli.packed import Loaded
    from lastmile_cli.problems import Problem
    from lastmile_cli.schema import Known

SHOWN_WARNINGS = 10  # sections the outline leaves out, named one by one; the rest are counted


def cache_context(bundle: Bundle, patch: bool) -> str:
    """What checking a user file depends on besides its bytes: the bundled article it is
    checked against, and whether it patches another layer (part of its cache key)."""
    return f"{bundle.stamp()}|{'patch' if patch else 'whole'}"


def merge(layers: Sequence[Language], outline: Outline) -> Language:
    """The first layer, with each section and field it lacks taken from the first later layer
    that has it; sections in the outline's order (a section it leaves out, or of another kind
    than the outline says, is not shown)."""
    top = layers[0]
    if len(layers) == 1 and top.name and top.title and _in_outline(top, outline):
        return top
    titled = next((layer for layer in layers if layer.title), top)
    name = next((layer.name for layer in layers if layer.name), "")
    english_name = next((layer.english_name for layer in layers if layer.english_name), name)
    indexes = [layer.by_id() for layer in layers]
    sections = []
    for section_id in outline.ids:
        kind = outline.kinds[section_id]
        for index in indexes:
            section = index.get(section_id)
            if section is not None and section.kind == kind:
                sections.append(section)
                break
    return Language(
        top.code,
        name,
        english_name,
        titled.title,
        tuple(sections),
        titled.title_origin,
        top.source,
        top.term,
    )


def _in_outline(language: Language, outline: Outline) -> bool:
    """Whether a language's sections are already the outline's, in its order and kinds."""
    ids = outline.ids
    if len(language.sections) == len(ids):
        return all(s.id == i for s, i in zip(language.sections, ids, strict=True))
    return False


class Article:
    """The article in every language available to this run, each loaded when first asked for
    (the name "catalog" is the interface's, i18n.py and mo.py, and the translator's PO files,
    po.py). What loading found to warn of is recorded
    with what it loaded (`warnings`, read by the edge once the command is done)."""

    def __init__(
        self,
        user_dirs: Sequence[str],
        cache: Cache | None,
        writing: tuple[int, int] | None = None,
    ) -> None:
        self.user_dirs = list(user_dirs)
        self.writing = writing  # the file this run's output goes to: never read as content
        self.cache = cache
        self.bundle = Bundle()
        self._said: dict[
            tuple[str, str], str
        ] = {}  # what to warn of, in the order found: key → warning
        self._told: set[tuple[str, str]] = (
            set()
        )  # files whose error the command raised: no warning too
        self.skipped: list[Skipped] = []
        self.problems: dict[str, list[Problem]] = {}
        self._files: dict[str, list[LanguageFile]] | None = None
        self._order: list[LanguageFile] = []  # the user's files, in the order they are read
        self._read: dict[str, Language | None] = {}
        self._loaded: dict[str, Language | None] = {}
        self._outline: Outline | None = None
        self._known: Known | None = None
        self.misplaced: list[Misplaced] = []
        self._indexes: dict[str, dict[str, Section]] = {}  # a language lent from: its sections

    @property
    def warnings(self) -> list[str]:
        """What loading found to warn of, in the order found: files skipped (once each, when a
        command used their language; not a file whose error the command raised, which says
        it), sections misplaced, a language with no name or title."""
        return [said for key, said in self._said.items() if key not in self._told]

    def files(self) -> dict[str, list[LanguageFile]]:
        """Language code → the files providing it, the one that wins first."""
        if self._files is None:
            files: dict[str, list[LanguageFile]] = {}
            for directory in self.user_dirs:
                found, skipped = scan(directory)
                if self.writing is not None:
                    found = [file for file in found if not self._is_output(file)]
                for file in found:
                    files.setdefault(file.code, []).append(file)
                self._order += found
                self.skipped += skipped
                for item in skipped:
                    if item.special:
                        self._said["skipped", item.path] = warning(f"{item.path}: {item.reason}")
            bundled = self.bundle.codes()
            if not bundled:
                raise LastmileError(_("the bundled language files are missing; reinstall lastmile"))
            for code in bundled:
                path = os.path.join(self.bundle.yaml_dir, f"{code}.yaml")
                files.setdefault(code, []).append(LanguageFile(code, path, True))
            self._files = files
        return self._files

    def _is_output(self, file: LanguageFile) -> bool:
        """Whether `file` is where this run's output goes (`lastmile template es --example x >
        ~/.local/share/lastmile/es.yaml`): the shell has emptied it, and it is not content yet."""
        try:
            status = os.stat(file.path)
        except OSError:
            return False
        return (status.st_dev, status.st_ino) == self.writing

    def codes(self) -> list[str]:
        return sorted(self.files())

    def read(self, file: LanguageFile, warn: bool = True) -> Language | None:
        """One file's language, or None after recording why it cannot be used (and, unless
        `warn` is false, saying so: once a file, when a command uses its language)."""
        if file.path not in self._read:
            value = self.bundle.get(file.code) if file.bundled else self._check(file)
            if not isinstance(value, Language):
                self.problems[file.path] = list(value)
            self._read[file.path] = value if isinstance(value, Language) else None
        if warn and self._read[file.path] is None and ("unusable", file.path) not in self._said:
            errors = [p for p in self.problems[file.path] if p.severity == "error"]
            if len(errors) > 1:
                skipping = ngettext(
                    "{problem} (and {count} more); skipping this file",
                    "{problem} (and {count} more); skipping this file",
                    len(errors) - 1,
                )
            else:
                skipping = _("{problem}; skipping this file")
            said = skipping.format(problem=errors[0], count=len(errors) - 1)
            self._said["unusable", file.path] = warning(said)
        return self._read[file.path]

    def patch(self, file: LanguageFile) -> bool:
        """Whether a later layer has the file's language, to give what the file leaves out."""
        layers = self.files().get(file.code, [])
        return file in layers and layers.index(file) < len(layers) - 1

    def known(self) -> Known:
        """The bundled outline and names, which a user's file is checked against."""
        if self._known is None:
            self._known = self.bundle.known()
        return self._known

    def _check(self, file: LanguageFile) -> Loaded:
        """A user file, from the cache when it holds this version, else checked (and cached).
        What checking gives depends on the bundled article and on whether the file is a patch,
        so both are part of the cache's key."""
        cache = self.cache
        patch = self.patch(file)
        context = cache_context(self.bundle, patch)
        outline = self.bundle.outline()
        cached = (
            cache.get(file.path, file.source, file.display, context, outline)
            if cache is not None
            else None
        )
        if cached is not None:
            return cached
        try:
            data, found = read_source(file.path)  # size and type checked before PyYAML loads
        except SourceError as error:
            from lastmile_cli.problems import Problem

            return (Problem(file.display, 1, 1, str(error), code=error.code),)
        from lastmile_cli.loader import check_bytes

        language, problems = check_bytes(
            data,
            f"{file.code}.yaml",
            file.display,
            complete=False,
            source=file.source,
            known=self.known(),
            patch=patch,
        )
        value: Loaded = language if language is not None else tuple(problems)
        if cache is not None:
            cache.put(file.path, found, value, context)
        return value

    def outline(self) -> Outline:
        """The article's sections in order: the bundled outline, with the sections of the
        user's own placed in it. Those may be in any user file, so every one is read (quietly:
        a broken file is warned of when its language is used)."""
        if self._outline is None:
            bundled = self.bundle.outline()
            self.files()
            found = [(f.code, f.display, self.read(f, warn=False)) for f in self._order]
            read = [(code, path, language) for code, path, language in found if language]
            if not any(s.id not in bundled for _c, _p, lang in read for s in lang.sections):
                self._outline = bundled
                return bundled
            from lastmile_cli.outline import place

            self._outline, self.misplaced = place(bundled, read)
            for index, problem in enumerate(self.misplaced[:SHOWN_WARNINGS]):
                self._said["misplaced", str(index)] = warning(f"{problem.path}: {problem.message}")
            if len(self.misplaced) > SHOWN_WARNINGS:
                more = len(self.misplaced) - SHOWN_WARNINGS
                said = _("and {count} more such problems; run 'lastmile validate'")
                self._said["misplaced", "more"] = warning(said.format(count=more))
        return self._outline

    def load(self, code: str) -> Language | None:
        """The language from its layers (see the module's docstring); None when none loads."""
        if code not in self._loaded:
            outline = self.outline()
            layers: list[Language] = []
            for file in self.files().get(code, []):
                language = self.read(file)
                if language is not None:
                    layers.append(language)
                    merged = merge(layers, outline)
                    if merged.name and merged.title and not merged.missing(outline):
                        break
            language = merge(layers, outline) if layers else None
            if language is not None and not (language.name and language.title):
                said = _(
                    "{path}: the file has no '{key}', and no other file for {code} gives one;"
                    " skipping it"
                ).format(
                    path=visible(layers[0].source),
                    key="name" if not language.name else "title",
                    code=code,
                )
                self._said["untitled", code] = warning(said)
                language = None
            self._loaded[code] = language
        return self._loaded[code]

    def require(self, code: str) -> Language:
        """Like `load`, but a language that cannot be loaded is a content error."""
        language = self.load(code)
        if language is not None:
            return language
        for file in self.files().get(code, []):
            errors = [p for p in self.problems.get(file.path, []) if p.severity == "error"]
            if errors:  # the error says it; the warning that the file was skipped would repeat it
                self._told.add(("unusable", file.path))
                raise ContentError(errors[0], len(errors) - 1)
        raise LastmileError(_("no usable file for language '{code}'").format(code=code))

    def available(self) -> list[Language]:
        """Every language that loads, in code order (for names, listing and search)."""
        loaded = (self.load(code) for code in self.codes())
        return [language for language in loaded if language is not None]

    def english(self) -> Language | None:
        """English as this run has it (a user's en.yaml over the bundled one): what a
        translation is compared with, to tell a section still in English."""
        return self.load(FALLBACK)

    def document(self, language: Language, section_ids: Sequence[str]) -> Document:
        """The chosen sections in article order: what the language lacks is borrowed (from
        English, else the first language that has it), and what it has still in English is
        shown as English."""
        own = language.by_id()
        english = self.english() if self.user_dirs and language.code != FALLBACK else None
        theirs = english.by_id() if english is not None else {}
        sections = []
        untranslated = []
        stale = []
        # the bundled article against the bundled English: known when it was built (bundle.py)
        built = None
        english_bundled = all(file.bundled for file in self.files().get(FALLBACK, []))
        if language.source == "bundled" and language.code != FALLBACK and english_bundled:
            built = self.bundle.stale(language.code)
        for section_id in section_ids:
            section = own.get(section_id)
            if section is None:
                section = self._borrow(section_id, language.code)
            elif (
                same := theirs.get(section_id)
            ) is not None and same.paragraphs == section.paragraphs:
                section = _as_english(section)
                untranslated.append(section_id)
            elif built is not None:
                if section_id in built:
                    stale.append(section_id)
            elif section.fingerprint and language.code != FALLBACK:
                reference = english or self.require(FALLBACK)
                if section.fingerprint != fallback_digest(reference, section_id):
                    from lastmile_cli.progress import is_stale

                    if is_stale(section, reference):
                        stale.append(section_id)
            if section is not None:
                sections.append(section)
        return Document(
            language.code,
            language.title,
            tuple(sections),
            language.source,
            tuple(untranslated),
            tuple(stale),
        )

    def _borrow(self, section_id: str, code: str) -> Section | None:
        """A section `code` lacks, from English, or else from the first language by code
        that has it (a section of the user's own may be in any language)."""
        candidates = [FALLBACK, *sorted(self.outline().added.get(section_id, ()))]
        for candidate in candidates:
            if candidate == code:
                continue
            if candidate not in self._indexes:
                other = self.require(FALLBACK) if candidate == FALLBACK else self.load(candidate)
                self._indexes[candidate] = other.by_id() if other is not None else {}
            section = self._indexes[candidate].get(section_id)
            if section is not None:
                return section
        return None


def _as_english(section: Section) -> Section:
    """A section whose paragraphs are the English text, marked as the English it is."""
    return Section(
        section.id,
        section.kind,
        section.title,
        section.paragraphs,
        section.aliases,
        section.origin,
        FALLBACK,
        section.after,
        fingerprint=section.fingerprint,
        digest=section.digest,
    )


def fallback_digest(english: Language, section_id: str) -> str:
    """The fingerprint of the English section `section_id` (empty when English lacks it)."""
    theirs = english.section(section_id)
    return theirs.digest if theirs is not None else ""
