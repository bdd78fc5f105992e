"""`lastmile paths`: every file and folder lastmile reads or writes, in the order it uses them.

One function per role, in `ROLES` order, each giving the places of its role from the settings;
a new kind of place (a configuration file) is one more role and one more function.
"""

from __future__ import annotations

import os

from lastmile_cli.content import Article
from lastmile_cli.i18n import _
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    import click

    from lastmile_cli.views import PathList, Place


def bundled(settings: Settings, article: Article) -> list[Place]:
    """The bundled language files: `data/` of a checkout, or inside the installed package."""
    from lastmile_cli.views import Place

    bundle = article.bundle
    source = "checkout" if bundle.checkout is not None else "package"
    return [Place("bundled", bundle.yaml_dir, source, os.path.isdir(bundle.yaml_dir))]


def data(settings: Settings, article: Article) -> list[Place]:
    """The user's data folders, earlier ones first, then the default one (even when it does
    not exist yet: it is where a user's files go)."""
    from lastmile_cli.views import Place

    places = [
        Place("data", path, source, os.path.isdir(path))
        for path, source in zip(settings.data_dirs, settings.data_sources, strict=True)
    ]
    default = settings.default_data
    used = {os.path.realpath(path) for path in settings.data_dirs}
    if default is not None and os.path.realpath(default[0]) not in used:
        places.append(Place("data", default[0], default[1], os.path.isdir(default[0])))
    return places


def cache(settings: Settings, article: Article) -> list[Place]:
    """Where checked user files are remembered (written by lastmile, read back)."""
    from lastmile_cli.cache import location
    from lastmile_cli.views import Place

    directory, source = location(dict(settings.path_env))
    return [Place("cache", directory or "", source, bool(directory and os.path.isdir(directory)))]


def config(settings: Settings, article: Article) -> list[Place]:
    """The configuration file (read first, whether or not it exists yet), and what names it."""
    from lastmile_cli import config as configuration
    from lastmile_cli.views import Place

    env = dict(settings.path_env)
    where = configuration.path(env)
    if configuration.VARIABLE in env:
        source = configuration.VARIABLE
    elif os.path.isabs(env.get("XDG_CONFIG_HOME") or ""):
        source = "XDG_CONFIG_HOME"
    else:
        source = "HOME"
    return [Place("config", where or "", source, bool(where and os.path.isfile(where)))]


ROLES: dict[str, Callable[[Settings, Article], list[Place]]] = {
    "config": config,
    "bundled": bundled,
    "data": data,
    "cache": cache,
}


def paths(settings: Settings, article: Article, roles: tuple[str, ...]) -> PathList:
    """The places of the roles asked for (all, by default), in the order lastmile uses them."""
    from lastmile_cli.views import PathList

    wanted = {role.lower() for role in roles} or set(ROLES)
    places = [
        place for role, find in ROLES.items() if role in wanted for place in find(settings, article)
    ]
    return PathList(tuple(places))


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "paths",
        help=_(
            "List every file and folder lastmile reads or writes: the configuration file, the"
            " bundled language files, your data folders in the order they win, and the cache."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile paths                     every folder, with what set it\n"
            "  lastmile paths data                where your own files go\n"
            "  lastmile paths -f json | jq -r '.paths[] | select(.role == \"data\") | .path'"
        ),
    )
    @parameters("paths")
    def callback(**params: Any) -> Call:
        return Call.of(paths, params)

    return callback
