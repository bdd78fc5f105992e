"""The `lastmile` console script (entry.py), in-process: `main` with sys.argv set, the early
Ctrl-C handler and the quick end with os.write and os._exit stood in for. What only a process
shows (the handler in place before anything loads, Python's teardown skipped for real) is in
test_imports.py's and test_streams.py's slow tests."""

from __future__ import annotations

import atexit
import gc
import signal
import sys
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from lastmile_cli.option_table import COMPLETE_VAR
from lastmile_cli.shortcut import SWITCH, version


class Ended(Exception):
    """os._exit, stood in for: the code it was given."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def exit_now(code: int) -> None:
    raise Ended(code)


@pytest.fixture
def entry(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """entry.py, imported as the console script imports it, with the process's SIGINT handler,
    unraisable hook and collector thresholds put back after; os._exit raises Ended."""
    handler = signal.getsignal(signal.SIGINT)
    hook = sys.unraisablehook
    thresholds = gc.get_threshold()
    from lastmile_cli import entry as module

    signal.signal(signal.SIGINT, handler)
    sys.unraisablehook = hook
    monkeypatch.setattr(module.os, "_exit", exit_now)
    try:
        yield module
    finally:
        signal.signal(signal.SIGINT, handler)
        sys.unraisablehook = hook
        gc.set_threshold(*thresholds)


def main(entry: ModuleType, monkeypatch: pytest.MonkeyPatch, *args: str) -> object:
    """The exit code `main` ends with: by os._exit (stood in for) when nothing is left to do
    at exit, by SystemExit otherwise (pytest has atexit callbacks of its own)."""
    monkeypatch.setattr(sys, "argv", ["lastmile", *args])
    try:
        entry.main()
    except Ended as ended:
        return ended.code
    except SystemExit as ended:
        return ended.code
    raise AssertionError("main returned")


def no_click(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """cli.run, recording that the command line went to Click (and answering 0)."""
    import lastmile_cli.cli

    went: list[str] = []

    def run(*args: Any) -> int:
        went.append("click")
        return 0

    monkeypatch.setattr(lastmile_cli.cli, "run", run)
    return went


def test_version_is_said_without_click_and_ends_0(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    line = version()
    assert line is not None  # (the package is installed in the test environment)
    went = no_click(monkeypatch)
    assert main(entry, monkeypatch, "--version") == 0
    assert capsys.readouterr().out == line
    assert went == []


def test_a_common_form_is_answered_without_click(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    went = no_click(monkeypatch)
    assert main(entry, monkeypatch, "explain", "-f", "json") == 0
    out = capsys.readouterr().out
    assert out.startswith("{") and '"language": "en"' in out
    assert went == []


def test_a_common_form_that_fails_ends_with_its_code(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    went = no_click(monkeypatch)
    assert main(entry, monkeypatch, "explain", "-l", "xx") == 2
    assert "xx" in capsys.readouterr().err
    assert went == []


@pytest.mark.parametrize(
    "env", [{SWITCH: "0"}, {COMPLETE_VAR: "bash_source"}], ids=["switched off", "completion"]
)
def test_with_the_shortcut_off_every_command_line_is_click_s(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    went = no_click(monkeypatch)
    assert main(entry, monkeypatch, "--version") == 0
    assert main(entry, monkeypatch, "explain") == 0
    assert went == ["click", "click"]


def test_what_the_shortcut_leaves_goes_to_click_and_ends_with_its_code(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(entry, monkeypatch, "--no-such-option") == 2
    assert "--no-such-option" in capsys.readouterr().err


def interrupted(entry: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, bytes]]:
    written: list[tuple[int, bytes]] = []

    def write(descriptor: int, data: bytes) -> int:
        written.append((descriptor, data))
        return len(data)

    monkeypatch.setattr(entry.os, "write", write)
    return written


def test_an_early_ctrl_c_before_i18n_is_loaded_is_one_english_line_on_stderr(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = interrupted(entry, monkeypatch)
    monkeypatch.delitem(sys.modules, "lastmile_cli.i18n")
    with pytest.raises(Ended) as ended:
        entry._interrupted(signal.SIGINT, None)
    assert ended.value.code == 130
    assert written == [(2, b"\nlastmile: interrupted\n")]


def test_an_early_ctrl_c_with_a_catalog_half_loaded_is_english(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = interrupted(entry, monkeypatch)
    half = ModuleType("lastmile_cli.i18n")

    def broken(message: str) -> str:
        raise LookupError(message)

    half._ = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lastmile_cli.i18n", half)
    with pytest.raises(Ended) as ended:
        entry._interrupted(signal.SIGINT, None)
    assert ended.value.code == 130
    assert written == [(2, b"\nlastmile: interrupted\n")]


class Unraisable:
    def __init__(self, kind: type[BaseException]) -> None:
        self.exc_type = kind
        self.exc_value = kind()
        self.exc_traceback = None
        self.err_msg = None
        self.object = None


def test_a_ctrl_c_in_a_finalizer_ends_as_any_ctrl_c(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = interrupted(entry, monkeypatch)
    monkeypatch.delitem(sys.modules, "lastmile_cli.i18n")
    with pytest.raises(Ended) as ended:
        entry._unraisable(Unraisable(KeyboardInterrupt))
    assert ended.value.code == 130
    assert written == [(2, b"\nlastmile: interrupted\n")]


def test_anything_else_unraisable_is_python_s_to_print(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed: list[object] = []
    monkeypatch.setattr(sys, "__unraisablehook__", printed.append)
    hook = Unraisable(ValueError)
    entry._unraisable(hook)
    assert printed == [hook]


@pytest.fixture
def quiet_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process with nothing left to do at exit: no atexit callback, tracer, profiler or
    other thread (pytest's own are stood in for)."""
    monkeypatch.setattr(atexit, "_ncallbacks", lambda: 0)
    monkeypatch.setattr(sys, "gettrace", lambda: None)
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    monkeypatch.setattr(threading, "active_count", lambda: 1)


class Flushed:
    def __init__(self, fails: bool = False) -> None:
        self.fails = fails
        self.flushes = 0

    def flush(self) -> None:
        if self.fails:
            raise OSError(28, "No space left on device")
        self.flushes += 1


@pytest.mark.usefixtures("quiet_exit")
@pytest.mark.parametrize("code", [0, 1, 2, 130])
def test_with_nothing_left_to_do_the_end_is_at_once_with_the_code(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    out, err = Flushed(), Flushed()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    with pytest.raises(Ended) as ended:
        entry._end(code)
    assert ended.value.code == code
    assert (out.flushes, err.flushes) == (1, 1)  # nothing written is lost


@pytest.mark.usefixtures("quiet_exit")
@pytest.mark.parametrize(
    "busy", ["an atexit callback", "a tracer", "a profiler", "a thread", "no _ncallbacks"]
)
def test_anything_left_to_do_at_exit_is_python_s_own_exit(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch, busy: str
) -> None:
    if busy == "an atexit callback":
        monkeypatch.setattr(atexit, "_ncallbacks", lambda: 1)
    elif busy == "a tracer":
        monkeypatch.setattr(sys, "gettrace", lambda: print)
    elif busy == "a profiler":
        monkeypatch.setattr(sys, "getprofile", lambda: print)
    elif busy == "a thread":
        monkeypatch.setattr(threading, "active_count", lambda: 2)
    else:  # a Python other than CPython
        monkeypatch.delattr(atexit, "_ncallbacks")
    assert entry._end(0) is None


@pytest.mark.usefixtures("quiet_exit")
def test_a_stream_that_cannot_be_flushed_is_python_s_own_exit(
    entry: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", Flushed(fails=True))
    assert entry._end(0) is None
