"""The command line: the `lastmile` group, and the one edge between the shell and the library.

Each command lives in `commands/<name>.py`, imported only when it runs: a pure function
`(Settings, Catalog, arguments) -> view` and the Click command whose callback hands it over as
a `Call`. The edge (`perform`) does four things, once each: builds the settings, calls the
command, turns its failures into exits, and renders the view; `run` turns whatever is left
(usage errors, a vanished reader, Ctrl-C, a bug) into one line and an exit code. Exit codes: 0 success, 1 a runtime or
content error, 2 a usage error, 141 when the reader of stdout went away (as `head` does), 130
on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Mapping

import click

from lastmile_cli.errors import LastmileError, Misnamed
from lastmile_cli.i18n import _, ngettext, translate_click
from lastmile_cli.options import Call, version_option
from lastmile_cli.output import ReaderGone, emit
from lastmile_cli.textutil import closest, visible

translate_click()  # Click's own strings (Usage:, Options:, …) in the interface's language

COMMANDS = (
    "compare",
    "example",
    "explain",
    "languages",
    "search",
    "sections",
    "template",
    "validate",
)


class LazyGroup(click.Group):
    """A group that imports a command's module (`commands/<name>.py`) only when it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"lastmile_cli.commands.{cmd_name}")
        command: click.Command = module.command
        command.options_metavar = _("[OPTIONS]")
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Click's own, plus a "did you mean" for a mistyped command."""
        try:
            return super().resolve_command(ctx, args)
        except click.NoSuchOption:
            raise
        except click.UsageError as error:
            suggestion = closest(args[0], list(COMMANDS)) if args else None
            if suggestion is None:
                raise
            hint = ngettext(
                "Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1
            ).format(possibility=f"'{suggestion}'")
            raise click.UsageError(f"{error.message} {hint}", ctx) from None


@click.group(
    cls=LazyGroup,
    options_metavar=_("[OPTIONS]"),
    subcommand_metavar=_("COMMAND [ARGS]..."),
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=_(
        "Explains the last-mile failure: a project that does almost everything right and fails"
        " at the final step. One article, in English, German, Spanish, French and Italian."
    ),
    epilog="\b\n"
    + _(
        "Examples:\n"
        "  lastmile explain --lang de            the whole article in German\n"
        "  lastmile example marathon             one story\n"
        "  lastmile explain | grep -i turnout    plain text when piped\n"
        "  lastmile explain -f json | jq .title  JSON for scripts\n"
        "\n"
        "Exit codes: 0 ok, 1 runtime or content error, 2 usage error."
    ),
)
@version_option
def cli() -> None:
    pass


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


def sentence(message: str) -> str:
    """A message ending in a full stop, so a hint can follow it (older Clicks end without one)."""
    message = message.rstrip()
    return message if message.endswith((".", "?", "!")) else f"{message}."


def _report(message: str, before: str = "") -> None:
    """One line on stderr; whatever it quotes (paths, arguments) is shown, never interpreted."""
    try:
        sys.stderr.write(f"{before}lastmile: {visible(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def perform(call: Call) -> int:
    """Build the settings, call the command, render its view; lastmile's errors become exits."""
    from lastmile_cli.cache import Cache
    from lastmile_cli.content import Catalog
    from lastmile_cli.render import notes, render, status, summary
    from lastmile_cli.settings import build

    settings = build(dict(call.shared), os.environ, sys.stdout)
    cache = Cache(settings.cache_dir)
    catalog = Catalog(settings.data_dirs, cache)
    warnings = list(settings.warnings)
    try:
        view = call.function(settings, catalog, **dict(call.arguments))
    except LastmileError as error:
        for line in warnings + catalog.warnings:
            _report(line)
        _report(str(error))
        return 2 if isinstance(error, Misnamed) else 1
    finally:
        cache.close()  # here, not in a finalizer, where a Ctrl-C would print a traceback
    text = render(view, settings.output)
    for line in warnings + catalog.warnings + notes(view):
        _report(line)
    for line in emit(text, settings.output, sys.stdout) + summary(view):
        _report(line)
    return status(view)


@cli.result_callback()
def _perform(result: object) -> int:
    """Every command's callback returns a Call; performing it here serves `run`, the console
    script and Click's own test runner alike."""
    code = perform(result) if isinstance(result, Call) else 0
    if code:
        raise click.exceptions.Exit(code)
    return 0


COMPLETE_VAR = "_LASTMILE_COMPLETE"


def completion_problem(env: Mapping[str, str]) -> str | None:
    """What is wrong with a shell-completion request, before Click reads it: an instruction it
    does not know (Click would exit 1 without a word), or the variables the shell's script sets
    missing (Click would fail with a KeyError)."""
    instruction = env.get(COMPLETE_VAR)
    if instruction is None:
        return None
    shell, _sep, action = instruction.partition("_")
    if shell not in ("bash", "zsh", "fish") or action not in ("source", "complete"):
        return _(
            "unknown completion instruction {variable}={value}; use bash_source,"
            " zsh_source or fish_source (see the README's 'Shell completion')"
        ).format(variable=COMPLETE_VAR, value=instruction)
    if action == "source":
        return None
    words, word = env.get("COMP_WORDS"), env.get("COMP_CWORD")
    if words is None or word is None or (shell != "fish" and not word.strip().isdigit()):
        return _(
            "{variable}={value} needs COMP_WORDS and COMP_CWORD, which the script"
            " from {variable}={shell}_source sets"
        ).format(variable=COMPLETE_VAR, value=instruction, shell=shell)
    return None


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code, whatever happens."""
    if not _prepare_streams():
        _report(_("cannot write output: standard output is closed"))
        return 1
    problem = completion_problem(os.environ)
    if problem:
        _report(problem)
        return 2
    try:
        try:
            result = cli.main(args=argv, prog_name="lastmile", standalone_mode=False)
            sys.stdout.flush()
        except click.UsageError as error:
            if type(error).__name__ == "NoArgsIsHelpError":  # bare `lastmile`: the help, as is
                error.show()
                return 2
            command = error.ctx.command_path if error.ctx else "lastmile"
            hint = _("Try '{command} {option}' for help.").format(command=command, option="--help")
            _report(f"{sentence(error.format_message())} {hint}")
            return 2
        except click.ClickException as error:
            _report(error.format_message())
            return error.exit_code
        except click.Abort:  # (Click has already moved past the terminal's "^C")
            _report(_("interrupted"))
            return 130
        except KeyboardInterrupt:
            _report(_("interrupted"), before="\n")  # a line break first, past the terminal's "^C"
            return 130
        except SystemExit as done:  # shell completion and Click's own exits
            sys.stdout.flush()
            return done.code if isinstance(done.code, int) else 0
    except (BrokenPipeError, ReaderGone):
        _silence_stdout()
        return 141
    except OSError as error:
        _silence_stdout()
        from lastmile_cli.files import reason_of

        _report(_("cannot write output: {reason}").format(reason=reason_of(error)))
        return 1
    except Exception as error:  # a bug: still one line, and the traceback only on request
        if os.environ.get("LASTMILE_DEBUG"):
            raise
        _report(
            _("internal error: {error} (set LASTMILE_DEBUG=1 for details)").format(
                error=visible(repr(error))
            )
        )
        return 1
    return result if isinstance(result, int) else 0
