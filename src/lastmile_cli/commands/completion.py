"""`lastmile completion SHELL`: the script that makes a shell complete lastmile's command line.

The script is Click's own (`click.shell_completion`); it calls `lastmile` back with
`_LASTMILE_COMPLETE=SHELL_complete` for each completion, so what it offers (commands, section
ids, examples and languages, yours included) is always the installed lastmile's. The README
says where each shell wants the script.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from lastmile_cli.content import Catalog
from lastmile_cli.i18n import _
from lastmile_cli.options import output_options
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings

if TYPE_CHECKING:
    from lastmile_cli.views import Script

SHELLS = ("bash", "zsh", "fish")


class Shell(click.Choice):  # type: ignore[type-arg]
    """Click's choice of shell, saying the choices on one line when none is given (Click lists
    them on lines of their own, which a one-line error shows as escapes)."""

    def __init__(self) -> None:
        super().__init__(SHELLS, case_sensitive=False)

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None) -> str:
        return _("Choose one of: {choices}.").format(choices=", ".join(SHELLS))


def completion(settings: Settings, catalog: Catalog, shell: str) -> Script:
    """The completion script for `shell`, for the program `lastmile`."""
    from click.shell_completion import get_completion_class

    from lastmile_cli.cli import COMPLETE_VAR, cli
    from lastmile_cli.views import Script

    shell = shell.lower()
    kind = get_completion_class(shell)
    assert kind is not None  # SHELLS are Click's own
    text = kind(cli, {}, "lastmile", COMPLETE_VAR).source()
    return Script(shell, text if text.endswith("\n") else text + "\n")


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""

    @click.command(
        "completion",
        help=_(
            "Print the shell completion script for bash, zsh or fish, to install as the"
            " README's 'Shell completion' says."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile completion bash > ~/.local/share/bash-completion/completions/lastmile\n"
            "  lastmile completion zsh > ~/.zfunc/_lastmile\n"
            "  lastmile completion fish > ~/.config/fish/completions/lastmile.fish"
        ),
    )
    @click.argument("shell", metavar="SHELL", type=Shell())
    @output_options
    def callback(**params: Any) -> Call:
        return Call.of(completion, params)

    return callback
