"""Which language files exist, loading just the ones a command needs, and what a command shows.

Files come from the user's directories (earlier ones win) and then the bundled `data/`. A broken
user file never stops the tool: it is skipped with a warning and the next file for that language
(or English) is used. A partial user file borrows its missing sections from English.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lastmile_cli.cache import Cache
from lastmile_cli.errors import ContentError, LastmileError
from lastmile_cli.model import FALLBACK, Document, Language, Record, is_tag

if TYPE_CHECKING:
    from lastmile_cli.views import Problem


def bundled_dir() -> str:
    """The YAML shipped with lastmile: inside the installed package, or `data/` in a checkout."""
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (
        os.path.join(here, "data"),
        os.path.join(os.path.dirname(os.path.dirname(here)), "data"),
    ):
        if os.path.isfile(os.path.join(candidate, f"{FALLBACK}.yaml")):
            return candidate
    raise LastmileError("the bundled language files are missing; reinstall lastmile")


class LanguageFile(Record):
    """One file that provides a language; `display` is how messages name it."""

    code: str
    path: str
    bundled: bool

    @property
    def display(self) -> str:
        return f"data/{os.path.basename(self.path)}" if self.bundled else self.path

    @property
    def source(self) -> str:
        return "bundled" if self.bundled else self.path


def language_files(directory: str, bundled: bool) -> list[LanguageFile]:
    """The `*.yaml` files of one directory whose names are language tags, sorted by name."""
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return []
    found = []
    for name in names:
        stem = name.removesuffix(".yaml")
        if stem != name and is_tag(stem):
            found.append(LanguageFile(stem, os.path.join(directory, name), bundled))
    return found


class Catalog:
    """Every available language, loaded lazily; warnings collect for the edge to print."""

    def __init__(self, user_dirs: Sequence[str], cache: Cache) -> None:
        self.user_dirs = list(user_dirs)
        self.cache = cache
        self.warnings: list[str] = []
        self.problems: dict[str, list[Problem]] = {}
        self._files: dict[str, list[LanguageFile]] | None = None
        self._loaded: dict[str, Language | None] = {}

    def files(self) -> dict[str, list[LanguageFile]]:
        """Language code → the files providing it, the one that wins first."""
        if self._files is None:
            files: dict[str, list[LanguageFile]] = {}
            for directory in self.user_dirs:
                for file in language_files(directory, bundled=False):
                    files.setdefault(file.code, []).append(file)
            for file in language_files(bundled_dir(), bundled=True):
                files.setdefault(file.code, []).append(file)
            self._files = files
        return self._files

    def codes(self) -> list[str]:
        return sorted(self.files())

    def read(self, file: LanguageFile) -> Language | None:
        """One file's language (cached), or None after recording why it cannot be used."""
        if file.path in self._loaded:
            return self._loaded[file.path]
        language = self.cache.get(file.path, file.source)
        if language is None:
            from lastmile_cli.loader import check_file  # PyYAML is imported only on a cache miss

            language, problems = check_file(
                file.path, file.display, complete=file.bundled, source=file.source
            )
            self.problems[file.path] = problems
            if language is None:
                errors = [p for p in problems if p.severity == "error"]
                more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
                self.warnings.append(f"warning: {errors[0]}{more}; skipping this file")
            else:
                self.cache.put(file.path, language)
        self._loaded[file.path] = language
        return language

    def load(self, code: str) -> Language | None:
        """The language from the first of its files that loads; None when none does."""
        for file in self.files().get(code, []):
            language = self.read(file)
            if language is not None:
                return language
        return None

    def require(self, code: str) -> Language:
        """Like `load`, but a language that cannot be loaded is a content error."""
        language = self.load(code)
        if language is not None:
            return language
        for file in self.files().get(code, []):
            errors = [p for p in self.problems.get(file.path, []) if p.severity == "error"]
            if errors:
                raise ContentError(errors[0], len(errors) - 1)
        raise LastmileError(f"no usable file for language '{code}'")

    def languages(self) -> list[Language]:
        """Every language that loads, in code order (for names, listing and search)."""
        loaded = (self.load(code) for code in self.codes())
        return [language for language in loaded if language is not None]

    def document(self, language: Language, section_ids: Sequence[str]) -> Document:
        """The chosen sections in article order, borrowing from English what the file lacks."""
        sections = []
        fallback: Language | None = None
        for section_id in section_ids:
            section = language.section(section_id)
            if section is None and language.code != FALLBACK:
                fallback = fallback or self.require(FALLBACK)
                section = fallback.section(section_id)
            if section is not None:
                sections.append(section)
        return Document(language.code, language.title, tuple(sections))
