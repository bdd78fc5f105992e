"""The options the commands share, with their shell completion: each defined once, here.

`--help`, `--version` and the directory type are Click's own (BENCHMARKS.md has what they cost:
gettext's first call imports `locale`). A command's callback returns a `Call` (perform.py) for
the edge to perform.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from lastmile_cli.config import COLORS, FORMATS
from lastmile_cli.i18n import _, requoted

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from lastmile_cli.content import Catalog

F = TypeVar("F", bound=Callable[..., Any])


def version_option(function: F) -> F:
    """`--version`: the installed package's version, read only when asked for."""
    return click.version_option(
        package_name="lastmile-cli", prog_name="lastmile", message="%(prog)s %(version)s"
    )(function)


class Directory(click.Path):
    """Click's existing, readable directory, which also refuses a device (`/dev/null`): Click
    refuses only regular files, and a device would silently read as an empty directory."""

    def __init__(self) -> None:
        super().__init__(exists=True, file_okay=False, dir_okay=True, readable=True)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if not os.path.isdir(path):
            shown = requoted(repr(click.format_filename(value)))
            self.fail(
                _("Directory {filename} is not a directory.").format(filename=shown), param, ctx
            )
        return path


def _catalog(ctx: click.Context) -> Catalog:
    """The languages a command on this line would see: --data-dir, else LASTMILE_DATA_DIR."""
    from lastmile_cli.cache import Cache
    from lastmile_cli.config import load
    from lastmile_cli.content import Catalog
    from lastmile_cli.settings import data_dirs

    dirs, _ = data_dirs(tuple(ctx.params.get("data_dir") or ()), os.environ, load(os.environ))
    return Catalog(dirs, Cache(None))


def complete_languages(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Language codes, each described by its native and English name (zsh and fish show it)."""
    from click.shell_completion import CompletionItem

    wanted = incomplete.lower()
    return [
        CompletionItem(language.code, help=describe(language.name, language.english_name))
        for language in _catalog(ctx).available()
        if language.code.lower().startswith(wanted)
    ]


def describe(name: str, english: str) -> str:
    return name if name == english else f"{name} ({english})"


def complete_examples(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Example ids (the user's own too), each described by its title in the language the line
    would show."""
    return _complete_ids(ctx, incomplete, "example")


def complete_sections(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Section ids (the user's own too), each described by its title, as examples are."""
    return _complete_ids(ctx, incomplete, None)


def complete_sections_only(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Ids of the article's sections of kind `section` (the user's own too), for an option that
    takes no example (`template --section`)."""
    return _complete_ids(ctx, incomplete, "section")


def _complete_ids(ctx: click.Context, incomplete: str, kind: str | None) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem

    from lastmile_cli.config import load
    from lastmile_cli.errors import LastmileError
    from lastmile_cli.language_choice import names_of, resolve
    from lastmile_cli.model import FALLBACK

    catalog = _catalog(ctx)
    ids = [i for i in catalog.outline().of_kind(kind) if i.startswith(incomplete.lower())]
    config = load(os.environ)
    configured = (config.language, config.path or "") if config.language else None
    try:
        lang = ctx.params.get("lang")
        code = resolve(
            lang if isinstance(lang, str) else None,
            os.environ,
            catalog.codes(),
            names_of(catalog),
            configured=configured,
        ).code
    except LastmileError:
        code = FALLBACK
    language = catalog.load(code) or catalog.load(FALLBACK)
    shown = catalog.document(language, ids).sections if language else ()
    titles = {s.id: s.title for s in shown}  # (a section the language lacks: as borrowed)
    return [CompletionItem(i, help=titles.get(i, "")) for i in sorted(ids)]


def unless_default(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """The value given on the command line, or None for Click's default, which `--help` shows:
    the configuration file's value comes before it (settings.build)."""
    from click.core import ParameterSource

    given = param.name is not None and ctx.get_parameter_source(param.name)
    return None if given in (ParameterSource.DEFAULT, None) else value


def common_options(function: F) -> F:
    """The options every command shares: language, format, colour, width, pager, data."""
    function = click.option(
        "--lang",
        "-l",
        metavar="LANG",
        shell_complete=complete_languages,
        help=_("Language: a code (de), a locale (de_AT.UTF-8) or a name (German, Deutsch)."),
    )(function)
    return output_options(function)


def output_options(function: F, formats: tuple[str, ...] = FORMATS) -> F:
    """The shared options other than --lang: format (one of `formats`), colour, width, pager,
    data."""
    decorators = [
        click.option(
            "--format",
            "-f",
            "fmt",
            type=click.Choice(formats, case_sensitive=False),
            default="text",
            show_default=True,
            callback=unless_default,
            help=_("Output format."),
        ),
        click.option(
            "--color",
            "--colour",
            type=click.Choice(COLORS, case_sensitive=False),
            default="auto",
            show_default=True,
            callback=unless_default,
            help=_("Colour on a terminal; 'always' also in a pipe."),
        ),
        click.option(
            "--width",
            type=click.IntRange(1, 10000),
            metavar="N",
            help=_(
                "Wrap text at N columns (default: no wrapping in a pipe, the window on a terminal)."
            ),
        ),
        click.option(
            "--pager/--no-pager",
            default=None,
            help=_("Page output on a terminal (default: when taller than the window)."),
        ),
        click.option(
            "--data-dir",
            multiple=True,
            type=Directory(),
            metavar="DIR",
            help=_("Extra language files; repeatable, earlier wins [env: LASTMILE_DATA_DIR]."),
        ),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


with_option = click.option(
    "--with",
    "with_lang",
    metavar="LANG",
    shell_complete=complete_languages,
    help=_(
        "Read sentence by sentence, each sentence followed by its counterpart in LANG"
        " (a code, a locale or a name)."
    ),
)

section_option = click.option(
    "--section",
    "-s",
    "sections",
    multiple=True,
    metavar="ID",
    shell_complete=complete_sections,
    help=_("Only this section (id, title or alias); repeatable. Shown in article order."),
)
