"""The edge between the library and the process, without Click: build the settings, call the
command, render its view, and turn whatever goes wrong into one line and an exit code.

Both ways into lastmile end here: Click's command line (cli.py), and the shortcut for the
common forms (shortcut.py), which must not load Click. Exit codes: 0 success, 1 a runtime or
content error, 2 a usage error, 141 when the reader of stdout went away (as `head` does), 130
on Ctrl-C.
"""

from __future__ import annotations

import os
import sys

from lastmile_cli.errors import LastmileError, Misnamed
from lastmile_cli.i18n import _
from lastmile_cli.model import Record
from lastmile_cli.output import ReaderGone, emit
from lastmile_cli.settings import SHARED
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


class Call(Record):
    """What a command's callback hands to the edge: the pure function that makes the command's
    view, the shared options (for Settings) and the command's own arguments."""

    function: Callable[..., object]
    shared: tuple[tuple[str, Any], ...]
    arguments: tuple[tuple[str, Any], ...]

    @classmethod
    def of(cls, function: Callable[..., object], params: dict[str, Any]) -> Call:
        shared = tuple((name, params.pop(name)) for name in SHARED if name in params)
        return cls(function, shared, tuple(params.items()))


def prepare_streams() -> bool:
    """Make encodings unable to crash output; False when stdout is closed."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:  # (not contextlib.suppress: contextlib is not loaded on the shortcut's path)  # noqa: SIM105
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
    return sys.stdout is not None


def silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def report(message: str, before: str = "") -> None:
    """One line on stderr; whatever it quotes (paths, arguments) is shown, never interpreted."""
    try:
        line = _("lastmile: {message}").format(message=visible(message))
        sys.stderr.write(f"{before}{line}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def perform(call: Call) -> int:
    """Build the settings, call the command, render its view; lastmile's errors become exits."""
    from lastmile_cli.content import Catalog
    from lastmile_cli.render import notes, render, status, summary
    from lastmile_cli.settings import build

    settings = build(dict(call.shared), os.environ, sys.stdout)
    cache = None
    if settings.data_dirs:  # the bundled article is built in: only user files are cached
        from lastmile_cli.cache import Cache

        cache = Cache(settings.cache_dir)
    catalog = Catalog(settings.data_dirs, cache)
    warnings = list(settings.warnings)
    try:
        view = call.function(settings, catalog, **dict(call.arguments))
    except LastmileError as error:
        for line in warnings + catalog.warnings:
            report(line)
        report(str(error))
        return 2 if isinstance(error, Misnamed) else 1
    finally:
        if cache is not None:
            cache.close()  # here, not in a finalizer, where a Ctrl-C would print a traceback
    text = render(view, settings.output)
    for line in warnings + catalog.warnings + notes(view):
        report(line)
    for line in emit(text, settings.output, sys.stdout) + summary(view):
        report(line)
    return status(view)


def guarded(action: Callable[[], int]) -> int:
    """Run `action` (Click's command line, or the shortcut's call) and return its exit code,
    whatever happens: a closed stdout, a vanished reader, a full disk, Ctrl-C, a bug."""
    if not prepare_streams():
        report(_("cannot write output: standard output is closed"))
        return 1
    try:
        try:
            code = action()
            sys.stdout.flush()
        except KeyboardInterrupt:
            report(_("interrupted"), before="\n")  # a line break first, past the terminal's "^C"
            return 130
    except (BrokenPipeError, ReaderGone):
        silence_stdout()
        return 141
    except OSError as error:
        silence_stdout()
        from lastmile_cli.files import reason_of

        report(_("cannot write output: {reason}").format(reason=reason_of(error)))
        return 1
    except Exception as error:  # a bug: still one line, and the traceback only on request
        if os.environ.get("LASTMILE_DEBUG"):
            raise
        report(
            _("internal error: {error} (set LASTMILE_DEBUG=1 for details)").format(
                error=visible(repr(error))
            )
        )
        return 1
    return code
