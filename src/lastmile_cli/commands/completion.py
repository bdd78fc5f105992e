"""`lastmile completion SHELL`: the script that makes a shell complete lastmile's command line.

The script is Click's own (`click.shell_completion`); it calls `lastmile` back with
`_LASTMILE_COMPLETE=SHELL_complete` for each completion, so what it offers (commands, section
ids, examples and languages, yours included) is always the installed lastmile's. The README
says where each shell wants the script.
"""

from __future__ import annotations

from lastmile_cli.content import Article
from lastmile_cli.i18n import _
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import Script


def completion(settings: Settings, article: Article, shell: str) -> Script:
    """The completion script for `shell`, for the program `lastmile`."""
    from click.shell_completion import get_completion_class

    from lastmile_cli.cli import cli
    from lastmile_cli.option_table import COMPLETE_VAR
    from lastmile_cli.views import Script

    shell = shell.lower()
    kind = get_completion_class(shell)
    assert kind is not None  # SHELLS are Click's own
    text = kind(cli, {}, "lastmile", COMPLETE_VAR).source()
    return Script(shell, text if text.endswith("\n") else text + "\n")


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

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
    @parameters("completion")
    def callback(**params: Any) -> Call:
        return Call.of(completion, params)

    return callback
