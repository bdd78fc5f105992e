"""The render table: every view type has a renderer in every format, and nothing else is there."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

import pytest

from conftest import Lastmile
from lastmile_cli.render import FORMATS, FUNCTIONS, ONLY
from lastmile_cli.views import VIEWS


def test_the_table_lists_every_view_type_and_only_those() -> None:
    assert sorted(FUNCTIONS) == sorted(view.__name__ for view in VIEWS)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("view", sorted(FUNCTIONS))
def test_every_format_renders_every_view(fmt: str, view: str) -> None:
    """Every view in every format, but the formats only some views have (`status`'s CSV)."""
    module = import_module(FORMATS[fmt])
    has = callable(getattr(module, FUNCTIONS[view], None))
    assert has == (fmt not in ONLY or view in ONLY[fmt]), f"{fmt} and {view}"


def test_the_commands_return_only_views_the_table_knows() -> None:
    """Each command's function is annotated with what it returns; each of those is a view."""
    import typing

    from lastmile_cli.cli import COMMANDS, module_of

    names = set(FUNCTIONS)
    for name in map(module_of, COMMANDS):
        module = import_module(f"lastmile_cli.commands.{name}")
        returned = typing.get_type_hints(
            getattr(module, name), vars(module) | vars(import_module("lastmile_cli.views"))
        )["return"]
        kinds = typing.get_args(returned) or (returned,)
        assert {kind.__name__ for kind in kinds} <= names, name


def test_a_partial_language_says_what_is_missing_in_the_interfaces_plural(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    """French counts 7 as plural (`n > 1`): the listing's cell is in the catalog's plural form."""
    from lastmile_cli import i18n

    folder = write_language("qaa").parent
    chosen = i18n.setup({"LANG": "fr_FR.UTF-8"})  # (as the console script does first)
    try:
        assert chosen == "fr"
        result = lastmile("languages", "--data-dir", str(folder), "-f", "markdown")
    finally:
        i18n.setup({})
    assert result.code == 0, result.err
    (row,) = [line for line in result.out.splitlines() if line.startswith("| qaa |")]
    assert row.split(" | ")[:4] == ["| qaa", "Test", "Test", "1/8, 7 absentes"]


def test_the_csv_status_ends_each_row_with_a_line_feed(lastmile: Lastmile) -> None:
    """As pocount --csv and a Unix pipe expect: `\\n`, not the csv module's default `\\r\\n`."""
    result = lastmile("status", "-f", "csv")
    assert result.code == 0, result.err
    assert "\r" not in result.out and result.out.endswith("\n")
    lines = result.out.split("\n")
    assert lines[0].startswith("language,name,source,sections,translated,stale,")
    assert lines[1].startswith("de,Deutsch,bundled,8,8,0,0,0,614,")
    assert lines[5:] == [""]  # a header and four languages


def test_import_says_where_it_wrote_with_the_path_echoed_safely() -> None:
    """`import` that writes a file says where on stderr (escapes in the name shown, not run);
    one whose file is the output says nothing more."""
    from lastmile_cli.render import summary
    from lastmile_cli.views import Imported

    assert summary(Imported("de", "language: de\n", path="/tmp/de.yaml")) == ["wrote /tmp/de.yaml"]
    written = Imported("de", "language: de\n", path="/tmp/de\x1b[2J.yaml")
    assert summary(written) == ["wrote /tmp/de\\u001b[2J.yaml"]
    assert summary(Imported("de", "language: de\n")) == []
