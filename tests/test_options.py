"""Click's options as the table builds them (options.py): what `--help` names each value, and
the data directory Click refuses before lastmile reads it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import Lastmile
from lastmile_cli.option_table import COMMANDS, Option


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_names_each_value_as_the_table_does(lastmile: Lastmile, name: str) -> None:
    """`--lang LANG`, `--width N`, `--data-dir DIR`: the table's metavar, not Click's TEXT."""
    shown = lastmile(name, "--help")
    assert shown.code == 0
    named = [row for row in COMMANDS[name] if isinstance(row, Option) and row.metavar]
    assert named  # (every command has --width and --data-dir)
    for row in named:
        assert re.search(rf"{row.names[0]} {row.metavar}\s", shown.out), (name, row.names)


def test_a_data_directory_the_user_cannot_read_is_a_usage_error(
    lastmile: Lastmile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Said by Click before anything is read (the system answers as it does for a user without
    the right, even when the tests run as root)."""
    locked = tmp_path / "locked"
    locked.mkdir()
    assert lastmile("sections", "--data-dir", str(locked)).code == 0
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode, **kw: path != str(locked) and real(path, mode, **kw)
    )
    refused = lastmile("sections", "--data-dir", str(locked))
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (
        f"lastmile: Invalid value for '--data-dir': Directory '{locked}' is not readable."
        " Try 'lastmile sections --help' for help.\n"
    )
