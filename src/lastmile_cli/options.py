"""The options the commands share, with their shell completion: each defined once, here.

`--help`, `--version` and the directory type are lastmile's own rather than Click's ready-made
ones: those ask gettext for their English texts on every run, and gettext's first call imports
`locale`, about a millisecond of every start-up (BENCHMARKS.md). Same behaviour, same messages.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import Any, TypeVar

import click

from lastmile_cli.model import SECTION_IDS, Record
from lastmile_cli.settings import SHARED

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("text", "markdown", "json")
LANG_HELP = "Language: a code (de), a locale (de_AT.UTF-8) or a name (German, Deutsch)."


class Call(Record):
    """What a command's callback hands to the edge (cli.py): the pure function that makes the
    command's view, the shared options (for Settings) and the command's own arguments."""

    function: Callable[..., object]
    shared: tuple[tuple[str, Any], ...]
    arguments: tuple[tuple[str, Any], ...]

    @classmethod
    def of(cls, function: Callable[..., object], params: dict[str, Any]) -> Call:
        shared = tuple((name, params.pop(name)) for name in SHARED if name in params)
        return cls(function, shared, tuple(params.items()))


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class Command(click.Command):
    """A Click command whose `--help` option is built here (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._help: click.Option | None = None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self._help is None:  # one object per command: Click orders callbacks by identity
            self._help = click.Option(
                sorted(names, key=len),
                is_flag=True,
                expose_value=False,
                is_eager=True,
                help="Show this message and exit.",
                callback=_show_help,
            )
        return self._help


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("lastmile-cli")
    except PackageNotFoundError:
        raise click.ClickException(
            "cannot tell the version: lastmile-cli is not installed"
        ) from None
    click.echo(f"lastmile {number}", color=ctx.color)
    ctx.exit()


def version_option(function: F) -> F:
    """`--version`: the installed package's version, read only when asked for."""
    return click.option(
        "--version",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        help="Show the version and exit.",
        callback=_show_version,
    )(function)


class Directory(click.types.StringParamType):
    """An existing, readable directory, with the messages of Click's `Path(exists=True)`."""

    name = "directory"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        shown = click.format_filename(value)
        try:
            mode = os.stat(value).st_mode
        except (OSError, ValueError):
            self.fail(f"Directory {shown!r} does not exist.", param, ctx)
        if not stat.S_ISDIR(mode):
            what = "is a file" if stat.S_ISREG(mode) else "is not a directory"
            self.fail(f"Directory {shown!r} {what}.", param, ctx)
        if not os.access(value, os.R_OK):
            self.fail(f"Directory {shown!r} is not readable.", param, ctx)
        return str(value)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[Any]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="dir")]


def complete_languages(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    from lastmile_cli.cache import Cache
    from lastmile_cli.content import Catalog

    dirs = list(ctx.params.get("data_dir") or ())
    codes = Catalog(dirs, Cache(None)).codes()
    return [code for code in codes if code.lower().startswith(incomplete.lower())]


def complete_from(ids: list[str]) -> Callable[..., list[str]]:
    """Completion from a fixed list; plain strings, so click.shell_completion loads only when used."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        return [i for i in ids if i.startswith(incomplete.lower())]

    return complete


def common_options(function: F) -> F:
    """The options every command shares: language, format, colour, width, pager, data."""
    function = click.option(
        "--lang", "-l", metavar="LANG", shell_complete=complete_languages, help=LANG_HELP
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
            type=Directory(),
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
    shell_complete=complete_from(list(SECTION_IDS)),
    help="Only this section (id, title or alias); repeatable. Shown in article order.",
)
