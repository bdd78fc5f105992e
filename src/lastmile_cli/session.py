"""One command's run: its language, content and output, decided once from options and environment.

Errors raised deep in the library become Click's here: an unknown name is a usage error (exit
2), any other lastmile error exit 1. Warnings are collected and shown after the output.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from lastmile_cli.cache import Cache, default_dir
from lastmile_cli.content import Catalog
from lastmile_cli.errors import LastmileError, UnknownName
from lastmile_cli.languages import Choice, resolve
from lastmile_cli.model import FALLBACK, SECTION_IDS, Language
from lastmile_cli.output import Output, decide, emit
from lastmile_cli.textutil import visible


def user_dirs(option: tuple[str, ...], env: dict[str, str]) -> tuple[list[str], list[str]]:
    """--data-dir (checked by Click), else LASTMILE_DATA_DIR (missing entries warned, skipped)."""
    if option:
        return list(option), []
    dirs, warnings = [], []
    for entry in env.get("LASTMILE_DATA_DIR", "").split(os.pathsep):
        if not entry:
            continue
        if os.path.isdir(entry):
            dirs.append(entry)
        else:
            warnings.append(
                f"warning: LASTMILE_DATA_DIR entry {visible(entry)} is not a directory; ignored"
            )
    return dirs, warnings


class Session:
    """Everything one command needs, decided once from its options and the environment."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.env = dict(os.environ)
        self.requested: str | None = options.get("lang")
        dirs, warnings = user_dirs(options["data_dir"], self.env)
        self.catalog = Catalog(dirs, Cache(default_dir(self.env)))
        self.catalog.warnings.extend(warnings)
        self.output: Output = decide(
            options["fmt"],
            options["color"],
            options["width"],
            options["pager"],
            self.env,
            sys.stdout,
        )

    def names(self) -> dict[str, tuple[str, str]]:
        return {lang.code: (lang.name, lang.english_name) for lang in self.catalog.languages()}

    def choice(self) -> Choice:
        return resolve(self.requested, self.env, self.catalog.codes(), self.names)

    def named(self, requested: str) -> Language:
        """A language the user named on the command line: strict, as --lang is."""
        code = resolve(requested, self.env, self.catalog.codes(), self.names).code
        return self.catalog.require(code)

    def language(self) -> Language:
        """The chosen language; one chosen by the environment that cannot load falls back to English."""
        choice = self.choice()
        if self.requested is not None or choice.code == FALLBACK:
            return self.catalog.require(choice.code)
        return self.catalog.load(choice.code) or self.catalog.require(FALLBACK)

    def others(self, first: Language) -> Iterator[Language]:
        """`first`, then every other language, loaded only when a name is not found sooner."""
        yield first
        for code in self.catalog.codes():
            if code != first.code:
                other = self.catalog.load(code)
                if other is not None:
                    yield other

    def section_ids(
        self, language: Language, names: tuple[str, ...], kind: str | None
    ) -> list[str]:
        from lastmile_cli.matching import find_section

        wanted = {find_section(name, self.others(language), kind) for name in names}
        return [i for i in SECTION_IDS if i in wanted]

    def note_borrowed(self, language: Language, borrowed: tuple[str, ...]) -> None:
        """Say which sections of a partial language are shown in English."""
        if borrowed:
            where = visible(language.source)
            self.catalog.warnings.append(
                f"note: {language.code} ({where}) has no {', '.join(borrowed)}; showing English"
            )

    def notify(self, message: str) -> None:
        click.echo(f"lastmile: {visible(message)}", err=True)

    def flush_warnings(self) -> None:
        for warning in self.catalog.warnings:
            self.notify(warning)
        self.catalog.warnings.clear()

    def show(self, view: object) -> None:
        from lastmile_cli.render import render

        text = render(view, self.output)
        self.flush_warnings()
        emit(text, self.output, sys.stdout)


class UnknownNameUsage(click.UsageError):
    """A usage error whose message already lists the valid choices (no --help hint needed)."""


def run_session(body: Callable[[Session], None], options: dict[str, Any]) -> None:
    """Run a command body, turning lastmile's errors into Click's (exit 2 for usage, else 1)."""
    session = None
    try:
        session = Session(options)
        body(session)
    except UnknownName as error:
        raise UnknownNameUsage(str(error)) from None
    except LastmileError as error:
        raise click.ClickException(str(error)) from None
    finally:
        if session is not None:
            session.flush_warnings()
