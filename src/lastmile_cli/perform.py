"""The edge between the library and the process, without Click: build the settings, call the
command, render its view, and turn whatever goes wrong into one line and an exit code.

Both ways into lastmile end here: Click's command line (cli.py), and the shortcut for the
common forms (shortcut.py), which must not load Click. The exit codes are exits.py's.
"""

from __future__ import annotations

import os
import sys

from lastmile_cli import exits
from lastmile_cli.errors import LastmileError
from lastmile_cli.i18n import _
from lastmile_cli.model import Record
from lastmile_cli.output import emit
from lastmile_cli.settings import SHARED
from lastmile_cli.streams import ReaderGone, Whole, whole_stream
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TextIO

    from lastmile_cli.cache import Cache
    from lastmile_cli.content import Article
    from lastmile_cli.settings import Settings


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
    """Make every write complete or an error, and encodings unable to crash output (see
    output.whole_stream); False when stdout is closed."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if sys.stdout is None:
        return False
    out: TextIO = sys.stdout
    err: TextIO = sys.stderr
    if sys.stdout is sys.__stdout__:  # the process's own streams, not a test's capture
        sys.stdout = whole_stream(out, stdout=True)
    if sys.stderr is sys.__stderr__:
        sys.stderr = whole_stream(err)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(getattr(stream, "buffer", None), Whole):
            continue  # ours replace already (and a tracer printing into one re-configured broke it)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:  # (not contextlib.suppress: contextlib is not loaded on the shortcut's path)  # noqa: SIM105
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
    return True


def restore_streams() -> None:
    """The interpreter's own stdout and stderr back, for its exit (nothing is left in ours)."""
    for name in ("stdout", "stderr"):
        ours, own = getattr(sys, name), getattr(sys, f"__{name}__")
        if own is not None and isinstance(getattr(ours, "buffer", None), Whole):
            setattr(sys, name, own)


def silence_stdout() -> None:
    """Point stdout at devnull, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


_unsaid: list[str] = []  # messages stderr could not take: the exit status says so


def report(message: str, before: str = "") -> None:
    """One line on stderr; whatever it quotes (paths, arguments) is shown, never interpreted.
    A line stderr cannot take (a full disk) makes a successful run exit 1."""
    try:
        line = _("lastmile: {message}").format(message=visible(message))
        sys.stderr.write(f"{before}{line}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        _unsaid.append(message)


def perform(call: Call) -> int:
    """Build the settings, call the command, render its view; lastmile's errors become exits."""
    from lastmile_cli.content import Article
    from lastmile_cli.render import notes, render, summary, warnings
    from lastmile_cli.settings import build

    settings = build(dict(call.shared), os.environ, sys.stdout)
    cache = None
    if settings.data_dirs:  # the bundled article is built in: only user files are cached
        from lastmile_cli.cache import Cache

        cache = Cache(settings.cache_dir)
    article = Article(settings.data_dirs, cache, writing=settings.writing)
    try:
        view = call.function(settings, article, **dict(call.arguments))
    except LastmileError as error:
        for line in [*_warned(settings, cache, article), str(error)]:
            report(line)
        return exits.of_error(error)
    finally:
        if cache is not None:
            cache.close()  # here, not in a finalizer, where a Ctrl-C would print a traceback
    if settings.output.format == "json":  # the same under every locale (docs/json.md)
        from lastmile_cli.i18n import english

        text = english(lambda: render(view, settings.output))
    else:
        text = render(view, settings.output)
    for line in _warned(settings, cache, article) + warnings(view) + notes(view):
        report(line)
    for line in emit(text, settings.output, sys.stdout) + summary(view):  # (the pager's, after)
        report(line)
    return exits.of_view(view)


def _warned(settings: Settings, cache: Cache | None, article: Article) -> list[str]:
    """What stderr says first, before the output or the error, always in this order: the
    settings' warnings (the configuration file's), the cache's (a directory it refused), the
    content's (files skipped, sections misplaced)."""
    return [*settings.warnings, *(cache.warnings if cache is not None else ()), *article.warnings]


def guarded(action: Callable[[], int]) -> int:
    """Run `action` (Click's command line, or the shortcut's call) and return its exit code,
    whatever happens: a closed stdout, a vanished reader, a full disk, Ctrl-C, a bug."""
    _unsaid.clear()
    try:
        code = _guarded(action)
    finally:
        restore_streams()
    return exits.unsaid(code, bool(_unsaid))


def _guarded(action: Callable[[], int]) -> int:
    if not prepare_streams():
        report(_("cannot write output: standard output is closed"))
        return exits.FAILED
    try:
        try:
            code = action()
            sys.stdout.flush()
        except KeyboardInterrupt:
            report(_("interrupted"), before="\n")  # a line break first, past the terminal's "^C"
            return exits.INTERRUPTED
    except (BrokenPipeError, ReaderGone):
        silence_stdout()
        return exits.READER_GONE
    except OSError as error:
        silence_stdout()
        from lastmile_cli.errors import reason_of

        report(_("cannot write output: {reason}").format(reason=reason_of(error)))
        return exits.FAILED
    except Exception as error:  # a bug: still one line, and the traceback only on request
        if os.environ.get("LASTMILE_DEBUG"):
            raise
        report(
            _("internal error: {error} (set LASTMILE_DEBUG=1 for details)").format(
                error=visible(repr(error))
            )
        )
        return exits.FAILED
    return code
