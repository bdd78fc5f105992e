"""Which languages exist, loading just the ones a command needs, and what a command shows.

A language comes in layers: the user's directories (earlier ones win), then the bundled article.
A user file patches what it names: a `de.yaml` with one section shows that section and the
bundled German for the rest; a partial `en.yaml` never hides a section. Whatever a language
still lacks after its layers is shown in English, and a command names it in a note. A broken
file never stops the tool: it is skipped with a warning and the next layer is used.
"""

from __future__ import annotations

import os

from lastmile_cli.bundle import Bundle
from lastmile_cli.errors import ContentError, LastmileError
from lastmile_cli.files import LanguageFile, Skipped, SourceError, read_source, scan
from lastmile_cli.i18n import _, warning
from lastmile_cli.model import FALLBACK, SECTION_IDS, Document, Language

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from lastmile_cli.cache import Cache
    from lastmile_cli.packed import Loaded
    from lastmile_cli.problems import Problem


def bundled_dir() -> str:
    """The bundled YAML: `data/` in a checkout, inside the installed package otherwise."""
    return Bundle().yaml_dir


def merge(layers: Sequence[Language]) -> Language:
    """The first layer, with each section it lacks taken from the first later layer that has it."""
    top = layers[0]
    if len(layers) == 1 or not top.missing:
        return top
    sections = []
    for section_id in SECTION_IDS:
        for layer in layers:
            section = layer.section(section_id)
            if section is not None:
                sections.append(section)
                break
    return Language(
        top.code,
        top.name,
        top.english_name,
        top.title,
        tuple(sections),
        top.title_origin,
        top.source,
        top.term,
    )


class Catalog:
    """Every available language, loaded lazily; warnings collect for the edge to print."""

    def __init__(
        self, user_dirs: Sequence[str], cache: Cache | None, bundle: Bundle | None = None
    ) -> None:
        self.user_dirs = list(user_dirs)
        self.cache = cache
        self.bundle = bundle or Bundle()
        self.warnings: list[str] = []
        self.skipped: list[Skipped] = []
        self.problems: dict[str, list[Problem]] = {}
        self._files: dict[str, list[LanguageFile]] | None = None
        self._read: dict[str, Language | None] = {}
        self._loaded: dict[str, Language | None] = {}
        self._warned: dict[str, str] = {}  # a skipped file's path → its warning

    def files(self) -> dict[str, list[LanguageFile]]:
        """Language code → the files providing it, the one that wins first."""
        if self._files is None:
            files: dict[str, list[LanguageFile]] = {}
            for directory in self.user_dirs:
                found, skipped = scan(directory)
                for file in found:
                    files.setdefault(file.code, []).append(file)
                self.skipped += skipped
                self.warnings += [warning(f"{s.path}: {s.reason}") for s in skipped if s.special]
            bundled = self.bundle.codes()
            if not bundled:
                raise LastmileError(_("the bundled language files are missing; reinstall lastmile"))
            for code in bundled:
                path = os.path.join(self.bundle.yaml_dir, f"{code}.yaml")
                files.setdefault(code, []).append(LanguageFile(code, path, True))
            self._files = files
        return self._files

    def codes(self) -> list[str]:
        return sorted(self.files())

    def read(self, file: LanguageFile) -> Language | None:
        """One file's language, or None after recording why it cannot be used."""
        if file.path in self._read:
            return self._read[file.path]
        value = self.bundle.get(file.code) if file.bundled else self._check(file)
        language = value if isinstance(value, Language) else None
        if not isinstance(value, Language):
            self.problems[file.path] = list(value)
            errors = [p for p in value if p.severity == "error"]  # Severity.ERROR, unimported
            if len(errors) > 1:
                skipping = _("{problem} (and {count} more); skipping this file")
            else:
                skipping = _("{problem}; skipping this file")
            said = skipping.format(problem=errors[0], count=len(errors) - 1)
            self._warned[file.path] = warning(said)
            self.warnings.append(self._warned[file.path])
        self._read[file.path] = language
        return language

    def _check(self, file: LanguageFile) -> Loaded:
        """A user file, from the cache when it holds this version, else checked (and cached)."""
        cache = self.cache
        cached = cache.get(file.path, file.source, file.display) if cache is not None else None
        if cached is not None:
            return cached
        try:
            data, found = read_source(file.path)  # size and type checked before PyYAML loads
        except SourceError as error:
            from lastmile_cli.problems import Problem

            return (Problem(file.display, 1, 1, str(error)),)
        from lastmile_cli.loader import check_bytes

        language, problems = check_bytes(
            data, f"{file.code}.yaml", file.display, complete=False, source=file.source
        )
        value: Loaded = language if language is not None else tuple(problems)
        if cache is not None:
            cache.put(file.path, found, value)
        return value

    def load(self, code: str) -> Language | None:
        """The language from its layers (see the module's docstring); None when none loads."""
        if code not in self._loaded:
            layers: list[Language] = []
            for file in self.files().get(code, []):
                language = self.read(file)
                if language is not None:
                    layers.append(language)
                    if not merge(layers).missing:
                        break
            self._loaded[code] = merge(layers) if layers else None
        return self._loaded[code]

    def require(self, code: str) -> Language:
        """Like `load`, but a language that cannot be loaded is a content error."""
        language = self.load(code)
        if language is not None:
            return language
        for file in self.files().get(code, []):
            errors = [p for p in self.problems.get(file.path, []) if p.severity == "error"]
            if errors:  # the error says it; the warning that the file was skipped would repeat it
                warned = self._warned.pop(file.path, None)
                if warned in self.warnings:
                    self.warnings.remove(warned)
                raise ContentError(errors[0], len(errors) - 1)
        raise LastmileError(_("no usable file for language '{code}'").format(code=code))

    def available(self) -> list[Language]:
        """Every language that loads, in code order (for names, listing and search)."""
        loaded = (self.load(code) for code in self.codes())
        return [language for language in loaded if language is not None]

    def document(self, language: Language, section_ids: Sequence[str]) -> Document:
        """The chosen sections in article order, borrowing from English what the language lacks."""
        sections = []
        stale = []
        fallback: Language | None = None
        # the bundled article against the bundled English: known when it was built (bundle.py)
        built = None
        english_bundled = all(file.bundled for file in self.files().get(FALLBACK, []))
        if language.source == "bundled" and language.code != FALLBACK and english_bundled:
            built = self.bundle.stale(language.code)
        for section_id in section_ids:
            section = language.section(section_id)
            if section is None and language.code != FALLBACK:
                fallback = fallback or self.require(FALLBACK)
                section = fallback.section(section_id)
            elif built is not None:
                if section_id in built:
                    stale.append(section_id)
            elif section is not None and section.fingerprint and language.code != FALLBACK:
                fallback = fallback or self.require(FALLBACK)
                if section.fingerprint != fallback_digest(fallback, section_id):
                    from lastmile_cli.progress import is_stale

                    if is_stale(section, fallback):
                        stale.append(section_id)
            if section is not None:
                sections.append(section)
        return Document(
            language.code, language.title, tuple(sections), language.source, tuple(stale)
        )


def fallback_digest(english: Language, section_id: str) -> str:
    """The fingerprint of the English section `section_id` (empty when English lacks it)."""
    theirs = english.section(section_id)
    return theirs.digest if theirs is not None else ""
