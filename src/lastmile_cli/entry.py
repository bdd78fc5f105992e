"""The `lastmile` console script: Ctrl-C is handled from the first lines, before anything loads.

Then the command line goes to the shortcut for its common forms (shortcut.py), or to Click.
Until the command line is running, Ctrl-C ends lastmile at once with one line and exit 130
(exits.INTERRUPTED; there is nothing to clean up yet). Then Python's own KeyboardInterrupt
takes over, which `cli.run` turns into the same line and exit code, after restoring the terminal and the pager;
once `run` has returned, the first handler is back for the exit itself.
"""

from __future__ import annotations

import gc
import os
import sys

from lastmile_cli.exits import INTERRUPTED  # (a table that imports nothing: 130 is written there)

TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal
    from collections.abc import Mapping
else:
    try:  # the C module itself: `signal` wraps it in enums, and enum costs a millisecond to load
        import _signal as signal
    except ImportError:  # pragma: no cover - a Python without it
        import signal


def _interrupted(number: int, frame: object) -> None:
    # A line break first, past the terminal's "^C", as Click does for a Ctrl-C while it runs.
    translate = getattr(sys.modules.get("lastmile_cli.i18n"), "_", None)  # once it is loaded
    said = "lastmile: interrupted"
    try:
        if translate is not None:
            said = translate("lastmile: {message}").format(message=translate("interrupted"))
    except Exception:  # a catalog half loaded: English, still one line
        said = "lastmile: interrupted"
    os.write(2, f"\n{said}\n".encode(errors="replace"))
    os._exit(INTERRUPTED)


def _unraisable(hook: sys.UnraisableHookArgs) -> None:
    """A Ctrl-C that lands in a finalizer or a weak reference's callback (where Python can only
    print it, with a traceback) ends lastmile as any other Ctrl-C does."""
    if issubclass(hook.exc_type, KeyboardInterrupt):
        _interrupted(signal.SIGINT, None)
    sys.__unraisablehook__(hook)


signal.signal(signal.SIGINT, _interrupted)  # as this module is imported: the script's first step
sys.unraisablehook = _unraisable

from lastmile_cli.imports import install  # noqa: E402  (after Ctrl-C: the first import of ours)

install()  # lastmile's own modules found where they are, first


def main() -> None:
    """The `lastmile` console script."""
    gc.set_threshold(*_COLLECTOR)
    from lastmile_cli.i18n import setup

    setup(os.environ)  # before the commands are defined: their help is in the interface's language
    from lastmile_cli.shortcut import recognize, version

    argv = sys.argv[1:]
    call = recognize(argv, os.environ)  # the common forms, answered without Click
    said = version() if call is None and argv == ["--version"] and _shortcut(os.environ) else None

    def answer() -> int:
        from lastmile_cli.perform import guarded, perform

        if call is not None:
            return guarded(lambda: perform(call))
        if said is not None:
            return guarded(lambda: _say(said))
        from lastmile_cli.cli import run

        return run()

    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        code = answer()
        signal.signal(signal.SIGINT, _interrupted)  # done: nothing left to restore
        _end(code)
    except KeyboardInterrupt:  # between run's own handlers and here: the same line, the same code
        _interrupted(signal.SIGINT, None)
    sys.exit(code)


# Python's cycle collector starts a pass every 700 net allocations of containers, and a run of
# lastmile makes a few thousand while its modules load, nearly none of them in cycles: so every
# run paid for four or five passes, and how many depended on how many objects a change allocated
# (one more pass, in German only, was 4% of a run). Passes every 50,000: a common run makes
# none, and a large one (a 1 MiB file checked, thousands of sections) is still collected.
_COLLECTOR = (50_000, 10, 10)


def _end(code: int) -> None:
    """End the process with `code` now, when nothing is left to do at exit, and skip Python's
    teardown of every module and object: a tenth of a short run's instructions, for nothing
    (BENCHMARKS.md). By now the output and every message are written (streams.write_all) or
    their loss decided, the pager waited for, the cache closed. Anything registered to run at
    exit (an `atexit` callback: a profiler's, a coverage tool's, a site hook's), a tracer or a
    profiler, a thread still running, or a stream that cannot be flushed: then Python's own
    exit, as before."""
    import atexit

    callbacks = getattr(atexit, "_ncallbacks", None)  # (CPython's; elsewhere: Python's exit)
    threading = sys.modules.get("threading")
    if (
        callbacks is None
        or callbacks()
        or sys.gettrace() is not None
        or sys.getprofile() is not None
        or (threading is not None and threading.active_count() > 1)
    ):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # (Python's exit says what went wrong, as it always has)
        return
    os._exit(code)


def _shortcut(env: Mapping[str, str]) -> bool:
    from lastmile_cli.option_table import COMPLETE_VAR
    from lastmile_cli.shortcut import SWITCH

    return env.get(SWITCH) != "0" and COMPLETE_VAR not in env


def _say(line: str) -> int:
    """Print `line` as Click's `--version` does."""
    sys.stdout.write(line)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m lastmile_cli` goes through __main__
    main()
