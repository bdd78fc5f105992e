"""The command line: options in, library calls, one-line errors out. No parsing or formatting here.

Exit codes: 0 success, 1 a runtime or content error, 2 a usage error, 141 when the reader of
stdout went away (as `head` does), 130 on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, TypeVar

import click

from lastmile_cli.cache import Cache, default_dir
from lastmile_cli.content import Catalog
from lastmile_cli.errors import LastmileError, UnknownName
from lastmile_cli.languages import Choice, resolve
from lastmile_cli.matching import find_section
from lastmile_cli.model import EXAMPLE_IDS, FALLBACK, SECTION_IDS, Language
from lastmile_cli.output import Output, ReaderGone, decide, emit
from lastmile_cli.textutil import visible

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("text", "markdown", "json")


# -- completion ---------------------------------------------------------------------------------


def _complete_languages(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    dirs = list(ctx.params.get("data_dir") or ())
    codes = Catalog(dirs, Cache(None)).codes()
    return [code for code in codes if code.lower().startswith(incomplete.lower())]


def _complete_from(ids: list[str]) -> Callable[..., list[str]]:
    """Completion from a fixed list; plain strings, so click.shell_completion loads only when used."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        return [i for i in ids if i.startswith(incomplete.lower())]

    return complete


# -- the session: one command's language, content and output ----------------------------------


def _user_dirs(option: tuple[str, ...], env: dict[str, str]) -> tuple[list[str], list[str]]:
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
        dirs, warnings = _user_dirs(options["data_dir"], self.env)
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
        wanted = {find_section(name, self.others(language), kind) for name in names}
        return [i for i in SECTION_IDS if i in wanted]

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


class _UnknownNameUsage(click.UsageError):
    """A usage error whose message already lists the valid choices (no --help hint needed)."""


def _run(body: Callable[[Session], None], options: dict[str, Any]) -> None:
    """Run a command body, turning lastmile's errors into Click's (exit 2 for usage, else 1)."""
    session = None
    try:
        session = Session(options)
        body(session)
    except UnknownName as error:
        raise _UnknownNameUsage(str(error)) from None
    except LastmileError as error:
        raise click.ClickException(str(error)) from None
    finally:
        if session is not None:
            session.flush_warnings()


LANG_HELP = "Language: a code (de), a locale (de_AT.UTF-8) or a name (German, Deutsch)."


def common_options(function: F) -> F:
    """The options every command shares: language, format, colour, width, pager, data."""
    function = click.option(
        "--lang", "-l", metavar="LANG", shell_complete=_complete_languages, help=LANG_HELP
    )(function)
    return output_options(function)


def output_options(function: F) -> F:
    """The shared options other than --lang: format, colour, width, pager, data."""
    decorators = [
        click.option(
            "--format",
            "-f",
            "fmt",
            type=click.Choice(FORMATS, case_sensitive=False),
            default="text",
            show_default=True,
            help="Output format.",
        ),
        click.option(
            "--color",
            "--colour",
            type=click.Choice(("auto", "always", "never"), case_sensitive=False),
            default="auto",
            show_default=True,
            help="Colour on a terminal; 'always' also in a pipe.",
        ),
        click.option(
            "--width",
            type=click.IntRange(1, 10000),
            metavar="N",
            help="Wrap text at N columns (default: no wrapping in a pipe, the window on a terminal).",
        ),
        click.option(
            "--pager/--no-pager",
            default=None,
            help="Page output on a terminal (default: when taller than the window).",
        ),
        click.option(
            "--data-dir",
            multiple=True,
            type=click.Path(exists=True, file_okay=False),
            metavar="DIR",
            help="Extra language files; repeatable, earlier wins [env: LASTMILE_DATA_DIR].",
        ),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


section_option = click.option(
    "--section",
    "-s",
    "sections",
    multiple=True,
    metavar="ID",
    shell_complete=_complete_from(list(SECTION_IDS)),
    help="Only this section (id, title or alias); repeatable. Shown in article order.",
)


# -- commands -----------------------------------------------------------------------------------


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="""\b
Examples:
  lastmile explain --lang de            the whole article in German
  lastmile example marathon             one story
  lastmile explain | grep -i turnout    plain text when piped
  lastmile explain -f json | jq .title  JSON for scripts

Exit codes: 0 ok, 1 runtime or content error, 2 usage error.""",
)
@click.version_option(
    package_name="lastmile-cli", prog_name="lastmile", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Explains the last-mile failure: a project that does almost everything right and fails
    at the final step. One article, in English, German, Spanish, French and Italian."""


@cli.command(
    epilog="""\b
Examples:
  lastmile explain --lang de
  lastmile explain --section definition --section key-point
  lastmile explain -l fr --width 72 > article.txt
  lastmile explain -f markdown | pandoc -o article.html"""
)
@section_option
@common_options
def explain(sections: tuple[str, ...], **options: Any) -> None:
    """Print the whole article, or the chosen sections."""

    def body(session: Session) -> None:
        language = session.language()
        ids = session.section_ids(language, sections, None) if sections else list(SECTION_IDS)
        document = session.catalog.document(language, ids)
        _note_borrowed(session, language, document.borrowed)
        session.show(document)

    _run(body, options)


@cli.command(
    epilog="""\b
Examples:
  lastmile example                  list the examples
  lastmile example marathon
  lastmile example maratón          names work in any language, accents optional
  lastmile example Autoverkäufer -l it"""
)
@click.argument("name", required=False, shell_complete=_complete_from(sorted(EXAMPLE_IDS)))
@common_options
def example(name: str | None, **options: Any) -> None:
    """Print one example (telecom, marathon, politics, car-sales), or list them."""

    def body(session: Session) -> None:
        from lastmile_cli.views import Listing

        language = session.language()
        if name is None:
            examples = [s for s in language.sections if s.kind == "example"]
            session.show(
                Listing(
                    ("id", "title"),
                    tuple((s.id, s.title) for s in examples),
                    tuple(
                        {"id": s.id, "title": s.title, "aliases": list(s.aliases)} for s in examples
                    ),
                )
            )
            return
        ids = session.section_ids(language, (name,), "example")
        document = session.catalog.document(language, ids)
        _note_borrowed(session, language, document.borrowed)
        session.show(document)

    _run(body, options)


@cli.command(epilog="\b\nExamples:\n  lastmile sections\n  lastmile sections -l es -f json")
@common_options
def sections(**options: Any) -> None:
    """List the sections: ids, kinds and titles in the chosen language."""

    def body(session: Session) -> None:
        from lastmile_cli.views import Listing

        language = session.language()
        document = session.catalog.document(language, SECTION_IDS)
        rows = tuple((s.id, s.kind, s.title) for s in document.sections)
        records = tuple(
            dict[str, object](id=s.id, kind=s.kind, title=s.title) for s in document.sections
        )
        session.show(Listing(("id", "kind", "title"), rows, records))

    _run(body, options)


@cli.command(epilog="\b\nExamples:\n  lastmile languages\n  LANG=fr_CA.UTF-8 lastmile languages")
@common_options
def languages(**options: Any) -> None:
    """List the languages, and which one your environment selects and why."""

    def body(session: Session) -> None:
        from lastmile_cli.views import Listing

        choice = session.choice()
        rows, records = [], []
        for language in session.catalog.languages():
            count = len(SECTION_IDS) - len(language.missing)
            selected = language.code == choice.code
            reason = choice.reason if selected else ""
            source = visible(language.source)
            rows.append(
                (
                    language.code,
                    language.name,
                    language.english_name,
                    f"{count}/{len(SECTION_IDS)}",
                    source,
                    reason,
                )
            )
            records.append(
                {
                    "code": language.code,
                    "name": language.name,
                    "english_name": language.english_name,
                    "sections": count,
                    "complete": count == len(SECTION_IDS),
                    "source": language.source,
                    "selected": selected,
                    "reason": reason or None,
                }
            )
        columns = ("code", "name", "english name", "sections", "source", "selected")
        session.show(Listing(columns, tuple(rows), tuple(records)))

    _run(body, options)


@cli.command(
    epilog="""\b
Examples:
  lastmile search turnout                 every language
  lastmile search "ultima milla" -l es    accents and case do not matter
  lastmile search marathon -l de -l it
  lastmile search turnout -f json | jq -r '.[].section'

Exit codes: 0 found, 1 nothing found (as grep), 2 usage error."""
)
@click.argument("query")
@click.option(
    "--lang",
    "-l",
    "langs",
    multiple=True,
    metavar="LANG",
    shell_complete=_complete_languages,
    help="Search only this language; repeatable (default: all). " + LANG_HELP.split(": ", 1)[1],
)
@output_options
def search(query: str, langs: tuple[str, ...], **options: Any) -> None:
    """Find the passages that mention QUERY: whole words or a phrase, any case, accents optional."""
    from lastmile_cli.search import search as find
    from lastmile_cli.views import SearchResult

    if not query.strip():
        raise click.BadParameter("the query is empty", param_hint="QUERY")

    def body(session: Session) -> None:
        chosen = (
            [session.named(lang) for lang in dict.fromkeys(langs)]
            if langs
            else session.catalog.languages()
        )
        hits = find(query, chosen)
        if not hits:
            session.flush_warnings()
            raise click.exceptions.Exit(1)
        session.show(SearchResult(query, tuple(hits)))

    _run(body, options)


@cli.command(
    epilog="""\b
Examples:
  lastmile compare de it
  lastmile compare en fr --section marathon
  lastmile compare English Español -f markdown > side-by-side.md
  lastmile compare de es -f json | jq '.sections[0].pairs'"""
)
@click.argument("first", metavar="LANG", shell_complete=_complete_languages)
@click.argument("second", metavar="LANG", shell_complete=_complete_languages)
@section_option
@output_options
def compare(first: str, second: str, sections: tuple[str, ...], **options: Any) -> None:
    """Show two languages side by side, section by section, paragraph by paragraph."""
    from lastmile_cli.compare import compare as pair_up

    def body(session: Session) -> None:
        a, b = session.named(first), session.named(second)
        ids = session.section_ids(a, sections, None) if sections else list(SECTION_IDS)
        session.show(pair_up(a, b, ids))

    _run(body, options)


@cli.command(
    epilog="""\b
Examples:
  lastmile validate                      everything lastmile would load
  lastmile validate pt.yaml              one file, before you send it
  lastmile validate ~/my-languages/ --strict
  lastmile validate -f json | jq .errors

Exit codes: 0 no errors (notes are fine), 1 errors found, 2 usage error."""
)
@click.argument("paths", nargs=-1, metavar="[PATH]...", type=click.Path(exists=True))
@click.option("--strict", is_flag=True, help="Missing sections are errors, not notes.")
@output_options
def validate(paths: tuple[str, ...], strict: bool, **options: Any) -> None:
    """Check language files (default: bundled and your own) and list every problem."""
    from lastmile_cli.content import bundled_dir
    from lastmile_cli.validate import validate_active, validate_paths

    def body(session: Session) -> None:
        if paths:
            report = validate_paths(paths, strict)
        else:
            report = validate_active(session.catalog.user_dirs, bundled_dir(), strict)
        notes = len(report.problems) - report.errors
        session.show(report)
        files = f"{report.files} file{'s' if report.files != 1 else ''}"
        session.notify(f"checked {files}: {report.errors} error(s), {notes} note(s)")
        if report.errors:
            raise click.exceptions.Exit(1)

    _run(body, options)


def _note_borrowed(session: Session, language: Language, borrowed: tuple[str, ...]) -> None:
    if borrowed:
        where = visible(language.source)
        session.catalog.warnings.append(
            f"note: {language.code} ({where}) has no {', '.join(borrowed)}; showing English"
        )


# -- the entry point: every failure becomes one line and an exit code --------------------------


def _prepare_streams() -> bool:
    """Make encodings unable to crash output; False when stdout is closed."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")
    return sys.stdout is not None


def _silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _report(message: str) -> None:
    """One line on stderr; whatever it quotes (paths, arguments) is shown, never interpreted."""
    try:
        sys.stderr.write(f"lastmile: {visible(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code, whatever happens."""
    if not _prepare_streams():
        _report("cannot write output: standard output is closed")
        return 1
    try:
        try:
            result = cli.main(args=argv, prog_name="lastmile", standalone_mode=False)
            sys.stdout.flush()
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "lastmile"
            hint = (
                "" if isinstance(error, _UnknownNameUsage) else f" Try '{command} --help' for help."
            )
            _report(error.format_message() + hint)
            return 2
        except click.ClickException as error:
            _report(error.format_message())
            return error.exit_code
        except (click.Abort, KeyboardInterrupt):
            _report("interrupted")
            return 130
        except SystemExit as done:  # shell completion and Click's own exits
            sys.stdout.flush()
            return done.code if isinstance(done.code, int) else 0
    except (BrokenPipeError, ReaderGone):
        _silence_stdout()
        return 141
    except OSError as error:
        _silence_stdout()
        reason = (error.strerror or str(error)).lower()
        _report(f"cannot write output: {reason}")
        return 1
    except Exception as error:  # a bug: still one line, and the traceback only on request
        if os.environ.get("LASTMILE_DEBUG"):
            raise
        _report(f"internal error: {visible(repr(error))} (set LASTMILE_DEBUG=1 for details)")
        return 1
    return result if isinstance(result, int) else 0


def main() -> NoReturn:
    """The `lastmile` console script."""
    sys.exit(run())
