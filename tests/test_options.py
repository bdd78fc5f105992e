"""Click's options as the table builds them (options.py): what `--help` names each value, and
the data directory Click refuses before lastmile reads it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import Lastmile
from lastmile_cli.option_table import COMMANDS, Option
from lastmile_cli.options import Directory


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_names_each_value_as_the_table_does(lastmile: Lastmile, name: str) -> None:
    """`--lang LANG`, `--width N`, `--data-dir DIR`: the table's metavar, not Click's TEXT."""
    shown = lastmile(name, "--help")
    assert shown.code == 0
    named = [row for row in COMMANDS[name] if isinstance(row, Option) and row.metavar]
    assert named  # (every command has --width and --data-dir)
    for row in named:
        assert re.search(rf"{row.names[0]} {row.metavar}\s", shown.out), (name, row.names)


def test_a_data_directory_is_an_existing_readable_directory() -> None:
    """What `--data-dir` asks of Click (its documented description of a path type), so Click
    refuses the rest before lastmile reads anything."""
    info = Directory().to_info_dict()
    wanted = {"exists": True, "file_okay": False, "dir_okay": True, "readable": True}
    assert {key: info[key] for key in wanted} == wanted


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every directory")
def test_a_data_directory_the_user_cannot_read_is_a_usage_error(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    """Said on one line before anything is read."""
    locked = tmp_path / "locked"
    locked.mkdir(mode=0)
    try:
        refused = lastmile("sections", "--data-dir", str(locked))
    finally:
        locked.chmod(0o700)
    assert (refused.code, refused.out) == (2, "")
    assert refused.err.count("\n") == 1 and str(locked) in refused.err
    assert "readable" in refused.err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_says_what_each_option_does_in_the_table_s_words(
    lastmile: Lastmile, name: str
) -> None:
    """Each option's help, as the table writes it (in English here), under its command."""
    shown = " ".join(lastmile(name, "--help").out.split())
    rows = [row for row in COMMANDS[name] if isinstance(row, Option) and not row.hidden]
    assert rows
    for row in rows:
        assert " ".join(row.help.split()) in shown, (name, row.names)
