"""`lastmile validate`: check language files, bundled, your own or named, and list every problem."""

from __future__ import annotations

from typing import Any

import click

from lastmile_cli.options import Command, output_options
from lastmile_cli.session import Session, run_session


@click.command(
    cls=Command,
    epilog="""\b
Examples:
  lastmile validate                      everything lastmile would load
  lastmile validate pt.yaml              one file, before you send it
  lastmile validate ~/my-languages/ --strict
  lastmile validate -f json | jq .errors

Exit codes: 0 no errors (notes are fine), 1 errors found, 2 usage error.""",
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

    run_session(body, options)
