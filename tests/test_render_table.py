"""The render table: every view type has a renderer in every format, and nothing else is there."""

from __future__ import annotations

from importlib import import_module

import pytest

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
