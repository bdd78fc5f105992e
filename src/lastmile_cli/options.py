"""The Click commands' options and arguments, built from the one table of them
(option_table.py, which the shortcut reads too), with their shell completion.

`--help`, `--version` and the directory type are Click's own (BENCHMARKS.md has what they cost:
gettext's first call imports `locale`). A command's callback returns a `Call` (perform.py) for
the edge to perform.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from lastmile_cli.i18n import _, requoted
from lastmile_cli.option_table import COMMANDS, SHELLS, WIDTHS, Argument, Option

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from lastmile_cli.content import Article

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


class Shell(click.Choice):  # type: ignore[type-arg]
    """Click's choice of shell, saying the choices on one line when none is given (Click lists
    them on lines of their own, which a one-line error shows as escapes)."""

    def __init__(self) -> None:
        super().__init__(SHELLS, case_sensitive=False)

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None) -> str:
        return _("Choose one of: {choices}.").format(choices=", ".join(SHELLS))


def _article(ctx: click.Context) -> Article:
    """The languages a command on this line would see: --data-dir, else LASTMILE_DATA_DIR."""
    from lastmile_cli.cache import Cache
    from lastmile_cli.config import load
    from lastmile_cli.content import Article
    from lastmile_cli.settings import data_dirs

    dirs, _ = data_dirs(tuple(ctx.params.get("data_dir") or ()), os.environ, load(os.environ))
    return Article(dirs, Cache(None))


def complete_languages(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Language codes, each described by its native and English name (zsh and fish show it)."""
    from click.shell_completion import CompletionItem

    wanted = incomplete.lower()
    return [
        CompletionItem(language.code, help=describe(language.name, language.english_name))
        for language in _article(ctx).available()
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

    article = _article(ctx)
    ids = [i for i in article.outline().of_kind(kind) if i.startswith(incomplete.lower())]
    config = load(os.environ)
    configured = (config.language, config.path or "") if config.language else None
    try:
        lang = ctx.params.get("lang")
        code = resolve(
            lang if isinstance(lang, str) else None,
            os.environ,
            article.codes(),
            names_of(article),
            configured=configured,
        ).code
    except LastmileError:
        code = FALLBACK
    language = article.load(code) or article.load(FALLBACK)
    shown = article.document(language, ids).sections if language else ()
    titles = {s.id: s.title for s in shown}  # (a section the language lacks: as borrowed)
    return [CompletionItem(i, help=titles.get(i, "")) for i in sorted(ids)]


def unless_default(function: F, names: tuple[str, ...]) -> F:
    """`function` (a command's callback) given None for the options `names` when they were
    left at Click's default, which `--help` shows: the configuration file's value comes before
    that default (settings.build). Asked when the command runs, when Click has recorded every
    parameter's source (an option's own callback runs before that, in some versions: Click
    8.4 would have had `-f json` print text)."""
    if not names:
        return function
    import functools

    from click.core import ParameterSource

    @functools.wraps(function)
    def callback(**params: Any) -> Any:
        ctx = click.get_current_context()
        for name in names:
            if name in params and ctx.get_parameter_source(name) in (
                ParameterSource.DEFAULT,
                None,
            ):
                params[name] = None
        return function(**params)

    return callback  # type: ignore[return-value]


def _click_type(kind: str, choices: tuple[str, ...]) -> Any:
    """Click's type for a value of the table's `kind` (option_table.KINDS)."""
    if kind == "choice":
        return click.Choice(choices, case_sensitive=False)
    if kind == "shell":
        return Shell()
    if kind == "width":
        return click.IntRange(*WIDTHS)
    if kind == "directory":
        return Directory()
    if kind == "path":
        return click.Path(exists=True)
    if kind == "file":
        return click.Path(exists=True, dir_okay=False)
    if kind == "new file":
        return click.Path(dir_okay=False)
    return None


COMPLETERS: dict[str, Callable[..., list[CompletionItem]]] = {
    "languages": complete_languages,
    "examples": complete_examples,
    "sections": complete_sections,
    "sections only": complete_sections_only,
}


def click_option(option: Option) -> Callable[[F], F]:
    """The Click option of a row of the table."""
    names = [f"{name}/{option.off}" if option.off else name for name in option.names]
    extra: dict[str, Any] = {}
    if option.complete:
        extra["shell_complete"] = COMPLETERS[option.complete]
    if option.flag and option.off is None:
        extra["is_flag"] = True
    elif option.flag or option.default is not None:
        extra["default"] = option.default
    kind = _click_type(option.kind, option.choices)
    if kind is not None:
        extra["type"] = kind
    if option.multiple:
        extra["multiple"] = True
    if option.metavar:
        extra["metavar"] = option.metavar
    if option.shown:
        extra["show_default"] = True
    if option.hidden:
        return click.option(*names, option.dest, hidden=True, help=option.help)
    return click.option(*names, option.dest, help=_(option.help), **extra)


def click_argument(argument: Argument) -> Callable[[F], F]:
    """The Click argument of a row of the table."""
    extra: dict[str, Any] = {}
    if argument.metavar:
        extra["metavar"] = argument.metavar
    if argument.complete:
        extra["shell_complete"] = COMPLETERS[argument.complete]
    kind = _click_type(argument.kind, argument.choices)
    if kind is not None:
        extra["type"] = kind
    if argument.many:
        extra["nargs"] = -1
    if argument.many or not argument.required:
        extra["required"] = argument.required
    return click.argument(argument.dest, **extra)


def parameters(name: str) -> Callable[[F], F]:
    """Every option and argument of the command `name`, from the table, in its order (--help
    lists them so)."""

    def decorate(function: F) -> F:
        configured = tuple(p.dest for p in COMMANDS[name] if isinstance(p, Option) and p.configured)
        function = unless_default(function, configured)
        for param in reversed(COMMANDS[name]):
            if isinstance(param, Option):
                function = click_option(param)(function)
            else:
                function = click_argument(param)(function)
        return function

    return decorate
