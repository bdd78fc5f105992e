"""The command line: the `lastmile` group, and the one edge between the shell and the library.

Each command lives in `commands/<name>.py`, imported only when it runs: a pure function
`(Settings, Article, arguments) -> view` and the Click command whose callback hands it over as
a `Call`. The edge (`perform`) does four things, once each: builds the settings, calls the
command, turns its failures into exits, and renders the view; `run` turns whatever is left
(usage errors, a vanished reader, Ctrl-C, a bug) into one line and an exit code, which
exits.py's table gives.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping

import click

from lastmile_cli import exits
from lastmile_cli.i18n import _, ngettext, quoted, requoted, translate_click
from lastmile_cli.option_table import COMMANDS as TABLE
from lastmile_cli.option_table import COMPLETE_VAR, module_of
from lastmile_cli.options import version_option
from lastmile_cli.perform import Call, guarded, perform, report
from lastmile_cli.textutil import closest

translate_click()  # Click's own strings (Usage:, Options:, …) in the interface's language

COMMANDS = tuple(TABLE)  # (in the order `lastmile --help` lists them)


class Formatter(click.HelpFormatter):
    """Click's help layout, with the headings it adds ("Options:", "Commands:") punctuated as
    the interface's language punctuates them ("Options :" in French)."""

    def write_heading(self, heading: str) -> None:
        line = _("{heading}:").format(heading=heading)
        self.write(f"{'':>{self.current_indent}}{line}\n")


class Context(click.Context):
    formatter_class = Formatter


# Click shortens a command's help for the list of commands by splitting it at every blank, the
# no-break spaces of French included; held as characters that are not blanks, they stay put.
_HOLD = {0x00A0: "\x00", 0x202F: "\x01"}
_RESTORE = {0x00: "\u00a0", 0x01: "\u202f"}


def keep_no_break_spaces(command: click.Command) -> None:
    """Make `command`'s short help (in `lastmile --help`) keep its no-break spaces."""
    shorten = command.get_short_help_str

    def short_help(limit: int = 45) -> str:
        help_text = command.help
        if help_text:
            command.help = help_text.translate(_HOLD)
        try:
            return shorten(limit).translate(_RESTORE)
        finally:
            command.help = help_text

    command.get_short_help_str = short_help  # type: ignore[method-assign]


class LazyGroup(click.Group):
    """A group that imports a command's module (`commands/<name>.py`) only when it is needed."""

    context_class = Context

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"lastmile_cli.commands.{module_of(cmd_name)}")
        command: click.Command = module.command()
        command.options_metavar = _("[OPTIONS]")
        command.context_class = Context
        keep_no_break_spaces(command)
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
            ).format(possibility=quoted(suggestion))
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


def sentence(message: str) -> str:
    """A message ending in a full stop, so a hint can follow it (older Clicks end without one)."""
    message = message.rstrip()
    return message if message.endswith((".", "?", "!")) else f"{message}."


@cli.result_callback()
def _perform(result: object) -> int:
    """Every command's callback returns a Call; performing it here serves `run`, the console
    script and Click's own test runner alike."""
    code = perform(result) if isinstance(result, Call) else exits.OK
    if code:
        raise click.exceptions.Exit(code)
    return 0


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
            "unknown completion instruction {variable}={value}; for the script to install,"
            " run: lastmile completion bash (or zsh, or fish)"
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

    def command_line() -> int:
        problem = completion_problem(os.environ)
        if problem:
            report(problem)
            return exits.USAGE
        try:
            result = cli.main(args=argv, prog_name="lastmile", standalone_mode=False)
        except click.UsageError as error:
            if type(error).__name__ == "NoArgsIsHelpError":  # bare `lastmile`: the help, as is
                error.show()
                return exits.USAGE
            if isinstance(error, click.BadParameter) and error.param and not error.param_hint:
                # the option or argument, in the language's quotation marks ('--width' in English)
                error.param_hint = requoted(error.param.get_error_hint(error.ctx))
            command = error.ctx.command_path if error.ctx else "lastmile"
            hint = _("Try '{command} {option}' for help.").format(command=command, option="--help")
            report(f"{sentence(error.format_message())} {hint}")
            return exits.USAGE
        except click.ClickException as error:
            report(error.format_message())
            return error.exit_code
        except click.Abort:  # (Click has already moved past the terminal's "^C")
            report(_("interrupted"))
            return exits.INTERRUPTED
        except SystemExit as done:  # shell completion and Click's own exits
            sys.stdout.flush()
            return done.code if isinstance(done.code, int) else 0
        return result if isinstance(result, int) else 0

    return guarded(command_line)
