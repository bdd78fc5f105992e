"""The configuration file: the defaults a user would otherwise export, in one TOML file.

    $XDG_CONFIG_HOME/lastmile/config.toml   (else ~/.config/lastmile/config.toml)

    language = "de"                      # the article's language, as --lang takes it
    format = "markdown"                  # text, markdown, json or html, as --format
    color = "never"                      # auto, always or never, as --color
    width = 72                           # as --width
    pager = "less -R"                    # the pager's command; false (or "") for none
    data_dirs = ["~/lastmile-languages"] # as --data-dir, earlier wins

`LASTMILE_CONFIG=FILE` reads another file, and `LASTMILE_CONFIG=` (empty) none. Precedence, for
each setting: the option, then lastmile's own variable (LASTMILE_LANG, LASTMILE_PAGER,
LASTMILE_DATA_DIR), then this file, then what the environment says in general (the locale,
PAGER, NO_COLOR, FORCE_COLOR, TERM), then the built-in default; as git ranks GIT_PAGER, then
core.pager, then PAGER, and as no-color.org ranks a configuration file above NO_COLOR.

A broken file never stops a run: each problem is one warning naming the file, line and key, and
the run goes on with the defaults for what was wrong (the whole file, when it is not TOML).
When there is no file, a run costs one `os.stat` and imports nothing (tomllib loads only to
read a file that is there): tests/test_config.py checks what the shortcut's path imports.
"""

from __future__ import annotations

import os

from lastmile_cli.i18n import _, warning
from lastmile_cli.model import Record
from lastmile_cli.option_table import COLORS, FORMATS
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

VARIABLE = "LASTMILE_CONFIG"
MAX_BYTES = 64 * 1024
KEYS = ("language", "format", "color", "width", "pager", "data_dirs")


class Config(Record):
    """What the configuration file sets (None: not set), where it is, and what was wrong."""

    path: str | None = None
    language: str | None = None
    format: str | None = None
    color: str | None = None
    width: int | None = None
    pager: str | None = None  # a command; "" for no pager
    data_dirs: tuple[str, ...] | None = None
    warnings: tuple[str, ...] = ()


def path(env: Mapping[str, str]) -> str | None:
    """Where the configuration file is looked for, whether or not it exists: LASTMILE_CONFIG
    (empty: none), else $XDG_CONFIG_HOME/lastmile/config.toml (an absolute XDG_CONFIG_HOME,
    as the XDG spec requires), else ~/.config/lastmile/config.toml; None without a home."""
    if VARIABLE in env:
        return env[VARIABLE] or None
    base = env.get("XDG_CONFIG_HOME") or ""
    if not os.path.isabs(base):
        home = env.get("HOME") or ""
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".config")
    return os.path.join(base, "lastmile", "config.toml")


def load(env: Mapping[str, str]) -> Config:
    """The configuration for this environment: empty when there is no file (one `os.stat`)."""
    where = path(env)
    if where is None:
        return Config()
    try:
        found = os.stat(where)
    except (FileNotFoundError, NotADirectoryError):
        return Config(path=where)
    except (OSError, ValueError) as error:  # a loop of links, a name too long, a NUL
        return Config(path=where, warnings=(_unusable(where, error),))
    import stat

    if not stat.S_ISREG(found.st_mode):  # a directory, a FIFO (which would block), a device
        said = _("{path}: not a regular file; using the defaults")
        return Config(path=where, warnings=(warning(said.format(path=visible(where))),))
    if found.st_size > MAX_BYTES:
        said = _("{path}: larger than {size} KiB; using the defaults")
        shown = said.format(path=visible(where), size=MAX_BYTES // 1024)
        return Config(path=where, warnings=(warning(shown),))
    try:
        with open(where, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        return Config(path=where, warnings=(_unusable(where, error),))
    return parse(data, where)


def _unusable(where: str, error: BaseException) -> str:
    from lastmile_cli.errors import reason_of

    said = _("{path}: cannot read it ({reason}); using the defaults")
    reason = reason_of(error) if isinstance(error, OSError) else str(error)
    return warning(said.format(path=visible(where), reason=reason))


def parse(data: bytes, where: str) -> Config:
    """The settings `data` (the file at `where`) holds, each checked, with a warning for each
    problem: `path:line: key: what is wrong; ignored`."""
    import tomllib

    shown = visible(where)
    try:
        text = data.decode("utf-8")
        table = tomllib.loads(text)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        said = _("{where}: not UTF-8 text; using the defaults")
        return Config(path=where, warnings=(warning(said.format(where=f"{shown}:{line}")),))
    except tomllib.TOMLDecodeError as error:
        import re

        message = str(error)
        at = re.search(r"\(at line (\d+), column (\d+)\)$", message)
        located = f"{shown}:{at[1]}:{at[2]}" if at else shown
        reason = message[: at.start()].strip() if at else message
        said = _("{where}: not valid TOML ({reason}); using the defaults")
        return Config(path=where, warnings=(warning(said.format(where=located, reason=reason)),))
    settings: dict[str, object] = {}
    warnings = []
    for key, value in table.items():
        line = _line_of(text, key)
        located = f"{shown}:{line}" if line else shown
        if key not in KEYS:
            from lastmile_cli.textutil import closest

            hint = closest(key, list(KEYS))
            if hint:
                extra = _("did you mean '{key}'?").format(key=hint)
            else:
                extra = _("allowed: {keys}").format(keys=", ".join(KEYS))
            said = _("{where}: unknown key '{key}'; {extra}; ignored")
            warnings.append(warning(said.format(where=located, key=visible(key), extra=extra)))
            continue
        checked, problem = _check(key, value, where)
        if problem is not None:
            said = _("{where}: {key}: {problem}; ignored")
            warnings.append(warning(said.format(where=located, key=key, problem=problem)))
            continue
        settings[key] = checked
    return Config(path=where, warnings=tuple(warnings), **settings)  # type: ignore[arg-type]


def _check(key: str, value: object, where: str) -> tuple[object, str | None]:
    """The value a key may take, or a problem saying what it must be."""
    from lastmile_cli.textutil import first_unsafe

    def found() -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str | int | float):
            return visible(repr(value))
        return _("a list") if isinstance(value, list) else _("a table")

    if key == "width":
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 10000:
            return value, None
        return None, _("must be a whole number from 1 to 10000, not {found}").format(found=found())
    if key == "pager":
        if value is False:
            return "", None
        if value is True:
            return None, _("must be a command, or false for none, not {found}").format(found="true")
    if key == "data_dirs":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            return None, _("must be a list of directories, not {found}").format(found=found())
        base = os.path.dirname(os.path.abspath(where))
        return tuple(os.path.join(base, os.path.expanduser(v)) for v in value), None
    if not isinstance(value, str) or first_unsafe(value) is not None:
        return None, _("must be text, not {found}").format(found=found())
    if key == "format" and value.lower() not in FORMATS:
        return None, _("must be one of: {values}").format(values=", ".join(FORMATS))
    if key == "color" and value.lower() not in COLORS:
        return None, _("must be one of: {values}").format(values=", ".join(COLORS))
    if key in ("format", "color"):
        return value.lower(), None
    if key == "language" and not value.strip():
        return None, _("must be text, not {found}").format(found=found())
    return value, None


def _line_of(text: str, key: str) -> int:
    """The line where `key` is set (bare, quoted, or as a table's header), or 0."""
    import re

    quoted = re.escape(key)
    pattern = rf"^[ \t]*(?:\[[ \t]*)?(?:{quoted}|\"{quoted}\"|'{quoted}')[ \t]*[=\]]"
    match = re.search(pattern, text, flags=re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 0
