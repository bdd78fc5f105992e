"""One run's settings: the shared options and the environment, decided once at the edge.

Every command is a function of `(Settings, Catalog, its own arguments)`; nothing below the edge
reads `os.environ` or an option dict. The output decision (format, colour, width, pager) is
`output.decide`'s; the data directories come from `--data-dir`, else `LASTMILE_DATA_DIR`, else
the configuration file (config.py, which says how each setting ranks).
"""

from __future__ import annotations

import os

from lastmile_cli.config import Config, load
from lastmile_cli.i18n import _, warning
from lastmile_cli.language_choice import VARIABLES
from lastmile_cli.model import Record
from lastmile_cli.output import Output, decide
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, TextIO

SHARED = ("lang", "fmt", "color", "width", "pager", "data_dir")


class Settings(Record):
    """How one command runs: its output, its languages' directories, the language asked for."""

    output: Output
    data_dirs: tuple[str, ...]
    lang: str | None
    language_env: tuple[tuple[str, str], ...]
    cache_dir: str | None
    warnings: tuple[str, ...] = ()
    configured_lang: tuple[str, str] | None = None  # the configuration file's language, and where

    @property
    def env(self) -> dict[str, str]:
        """The variables that choose a language (LANG, LANGUAGE, LASTMILE_LANG, …)."""
        return dict(self.language_env)


def data_dirs(
    option: tuple[str, ...], env: Mapping[str, str], config: Config | None = None
) -> tuple[list[str], list[str]]:
    """--data-dir (checked by Click), else LASTMILE_DATA_DIR, else the configuration file's
    data_dirs (missing entries warned, skipped)."""
    if option:
        return list(option), []
    dirs, warnings = [], []
    if env.get("LASTMILE_DATA_DIR") or config is None or config.data_dirs is None:
        entries = env.get("LASTMILE_DATA_DIR", "").split(os.pathsep)
        said = _("LASTMILE_DATA_DIR entry {entry} is not a directory; ignored")
    else:
        entries = list(config.data_dirs)
        said = _("{path}: data_dirs entry {entry} is not a directory; ignored")
    for entry in entries:
        if not entry:
            continue
        if os.path.isdir(entry):
            dirs.append(entry)
        else:
            shown = said.format(
                entry=visible(entry), path=visible(config.path or "") if config else ""
            )
            warnings.append(warning(shown))
    return dirs, warnings


def _cache_dir(env: Mapping[str, str]) -> str | None:
    from lastmile_cli.cache import default_dir

    return default_dir(env)


def build(options: Mapping[str, Any], env: Mapping[str, str], stream: TextIO) -> Settings:
    """The settings for a command given its shared options, the environment and stdout: each
    from its option, else the environment or the configuration file, else the default."""
    config = load(env)
    dirs, warnings = data_dirs(tuple(options.get("data_dir") or ()), env, config)
    width = options.get("width")
    pager = options.get("pager")
    lang = options.get("lang")
    output = decide(
        str(options.get("fmt") or config.format or "text"),
        str(options.get("color") or config.color or "auto"),
        width if isinstance(width, int) else config.width,
        pager if isinstance(pager, bool) else None,
        env,
        stream,
        config.pager,
    )
    configured = config.language
    return Settings(
        output=output,
        data_dirs=tuple(dirs),
        lang=lang if isinstance(lang, str) else None,
        language_env=tuple((name, env[name]) for name in VARIABLES if name in env),
        cache_dir=_cache_dir(env) if dirs else None,  # (only user files are ever cached)
        warnings=(*config.warnings, *warnings),
        configured_lang=(configured, config.path or "") if configured else None,
    )
