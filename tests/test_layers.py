"""The import graph reads top to bottom: no module imports, however late or only for its
types, a module that imports it back, through any number of others."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "lastmile_cli"


def module_name(path: Path) -> str:
    parts = ("lastmile_cli", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, source: str | None = None, package: bool = False) -> set[str]:
    """Every lastmile module `name` imports: at the top, inside functions, under TYPE_CHECKING."""
    if source is None:
        source = MODULES[name].read_text("utf-8")
        package = MODULES[name].name == "__init__.py"
    within = name if package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = within.split(".")[: len(within.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: imports(name) for name in MODULES}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One path around each circle found by a depth-first walk (empty when there is none)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for after in sorted(graph[node]):
            if state.get(after) == 1:
                found.append([*path[path.index(after) :], after])
            elif after not in state:
                visit(after)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_the_import_graph_has_no_circle() -> None:
    assert [" -> ".join(cycle) for cycle in cycles(GRAPH)] == []


def test_the_walk_finds_a_circle_however_it_is_drawn() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []
    assert cycles({"a": {"a"}}) == [["a", "a"]]


SOURCE = """
import lastmile_cli.model
from lastmile_cli import files
from . import textutil
from .render import text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lastmile_cli.content import Catalog


def late() -> None:
    from lastmile_cli.cache import Cache
    import yaml
"""


def test_every_kind_of_import_is_an_edge() -> None:
    """Lazy and type-only imports count, and so do relative ones and `from package import m`;
    what is not lastmile's is no edge."""
    assert imports("lastmile_cli.probe", SOURCE) == {
        "lastmile_cli",
        "lastmile_cli.model",
        "lastmile_cli.files",
        "lastmile_cli.textutil",
        "lastmile_cli.render",
        "lastmile_cli.render.text",
        "lastmile_cli.content",
        "lastmile_cli.cache",
    }
    assert "lastmile_cli.render.text" in imports("lastmile_cli.render.probe", "from . import text")


def test_the_pure_layers_know_nothing_above_them() -> None:
    """Tags and locales import nothing of lastmile's; the environment's choice of a language
    neither the interface's catalog nor the article's files."""
    assert GRAPH["lastmile_cli.locales"] == set()
    assert (
        not {"lastmile_cli.i18n", "lastmile_cli.content", "lastmile_cli.settings"}
        & (GRAPH["lastmile_cli.language_choice"])
    )
