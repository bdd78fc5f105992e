"""One run's settings: the shared options and the environment, decided once at the edge.

Every command is a function of `(Settings, Article, its own arguments)`; nothing below the edge
reads `os.environ` or an option dict. The output decision (format, colour, width, pager) is
`output.decide`'s; the data directories come from `--data-dir`, else `LASTMILE_DATA_DIR`, else
the configuration file (config.py, which says how each setting ranks), and then the user's own
default folder, `$XDG_DATA_HOME/lastmile` (`~/.local/share/lastmile`), when it exists.
"""

from __future__ import annotations

import os

from lastmile_cli.config import Config, load
from lastmile_cli.i18n import _, warning
from lastmile_cli.language_choice import VARIABLES
from lastmile_cli.model import Record
from lastmile_cli.option_table import COLOR, FORMAT
from lastmile_cli.output import Output, decide
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, TextIO

SHARED = ("lang", "fmt", "color", "width", "pager", "data_dir")
# The variables that say where lastmile's folders are (`lastmile paths` shows them).
PATH_VARIABLES = (
    "LASTMILE_CONFIG",
    "XDG_CONFIG_HOME",
    "LASTMILE_CACHE_DIR",
    "XDG_CACHE_HOME",
    "XDG_DATA_HOME",
    "HOME",
)


class Settings(Record):
    """How one command runs: its output, its languages' directories, the language asked for."""

    output: Output
    data_dirs: tuple[str, ...]
    lang: str | None
    language_env: tuple[tuple[str, str], ...]
    cache_dir: str | None
    warnings: tuple[str, ...] = ()
    configured_lang: tuple[str, str] | None = None  # the configuration file's language, and where
    data_sources: tuple[str, ...] = ()  # what named each data directory (--data-dir, …)
    path_env: tuple[tuple[str, str], ...] = ()  # the variables that place the folders
    writing: tuple[int, int] | None = None  # the file stdout is (device, inode), if one

    @property
    def default_data(self) -> tuple[str, str] | None:
        """The user's default folder (whether it exists or not), and what names it."""
        return default_data_dir(dict(self.path_env))

    @property
    def env(self) -> dict[str, str]:
        """The variables that choose a language (LANG, LANGUAGE, LASTMILE_LANG, …)."""
        return dict(self.language_env)


def default_data_dir(env: Mapping[str, str]) -> tuple[str, str] | None:
    """The user's own folder, and what names it: `$XDG_DATA_HOME/lastmile`, else (XDG_DATA_HOME
    unset, empty or relative, which the XDG specification says to ignore) ~/.local/share/lastmile;
    None without an absolute HOME."""
    base = env.get("XDG_DATA_HOME") or ""
    if os.path.isabs(base):
        return os.path.join(base, "lastmile"), "XDG_DATA_HOME"
    home = env.get("HOME") or ""
    if not os.path.isabs(home):
        return None
    return os.path.join(home, ".local", "share", "lastmile"), "HOME"


def data_folders(
    option: tuple[str, ...], env: Mapping[str, str], config: Config | None = None
) -> tuple[list[tuple[str, str]], list[str]]:
    """Each data directory and what named it, earlier ones first: --data-dir (checked by
    Click), else LASTMILE_DATA_DIR, else the configuration file's data_dirs (missing entries
    warned, skipped); then the default folder, when it exists and is not one of those already."""
    folders: list[tuple[str, str]] = [(path, "--data-dir") for path in option]
    warnings = []
    if option:
        entries: list[str] = []
    elif env.get("LASTMILE_DATA_DIR") or config is None or config.data_dirs is None:
        entries = env.get("LASTMILE_DATA_DIR", "").split(os.pathsep)
        source = "LASTMILE_DATA_DIR"
    else:
        entries = list(config.data_dirs)
        source = "config"
    for entry in entries:
        if not entry:
            continue
        if os.path.isdir(entry):
            folders.append((entry, source))
            continue
        # (translated only when said: a German run that warns of nothing loads no catalog)
        if source == "config":
            said = _("{path}: data_dirs entry {entry} is not a directory; ignored")
        else:
            said = _("LASTMILE_DATA_DIR entry {entry} is not a directory; ignored")
        shown = said.format(entry=visible(entry), path=visible(config.path or "") if config else "")
        warnings.append(warning(shown))
    default = default_data_dir(env)
    if default is not None and os.path.isdir(default[0]):
        real = os.path.realpath(default[0]) if folders else ""
        if all(os.path.realpath(path) != real for path, _source in folders):
            folders.append(default)
    return folders, warnings


def data_dirs(
    option: tuple[str, ...], env: Mapping[str, str], config: Config | None = None
) -> tuple[list[str], list[str]]:
    """The data directories in order (see `data_folders`), and warnings about the rest."""
    folders, warnings = data_folders(option, env, config)
    return [path for path, _source in folders], warnings


def written_file(stream: TextIO) -> tuple[int, int] | None:
    """The regular file stdout is redirected to, as (device, inode): `lastmile template es
    --example x > ~/.local/share/lastmile/es.yaml` empties that file before lastmile reads the
    folder, and it must not be read as the user's (empty, broken) Spanish."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    if status.st_mode & 0o170000 != 0o100000:  # (stat.S_ISREG, without importing stat)
        return None
    return status.st_dev, status.st_ino


def _cache_dir(env: Mapping[str, str]) -> str | None:
    from lastmile_cli.cache import default_dir

    return default_dir(env)


def build(options: Mapping[str, Any], env: Mapping[str, str], stream: TextIO) -> Settings:
    """The settings for a command given its shared options, the environment and stdout: each
    from its option, else the environment or the configuration file, else the default."""
    config = load(env)
    folders, warnings = data_folders(tuple(options.get("data_dir") or ()), env, config)
    dirs = [path for path, _source in folders]
    width = options.get("width")
    pager = options.get("pager")
    lang = options.get("lang")
    output = decide(
        str(options.get("fmt") or config.format or FORMAT.default),
        str(options.get("color") or config.color or COLOR.default),
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
        data_sources=tuple(source for _path, source in folders),
        path_env=tuple((name, env[name]) for name in PATH_VARIABLES if name in env),
        writing=written_file(stream) if dirs else None,
    )
