"""The pager (pager.py), in-process: `page` with a fake Popen standing in for the shell and
the pager, and `_descendants` reading a fake /proc. What only real processes show (the
pager's own signal dispositions, a real shell's 127, Ctrl-C on a pseudo-terminal) is in
test_output.py's and test_streams.py's slow tests."""

from __future__ import annotations

import builtins
import errno
import io
import os
import signal
import subprocess
from pathlib import Path
from typing import Any, ClassVar

import pytest

from lastmile_cli import pager
from lastmile_cli.i18n import warning


class FakeProcess:
    """The shell running the pager: what it was started with, what it read, and what it
    says on its stderr and exits with when it ends."""

    started: ClassVar[list[FakeProcess]] = []

    def __init__(self, args: object, **kwargs: Any) -> None:
        self.args = args
        self.kwargs = kwargs
        self.sigint = signal.getsignal(signal.SIGINT)
        self.stdin = io.BytesIO()
        self.stdin.close = lambda: None  # type: ignore[method-assign]  # (read after)
        self.pid = 4242
        self.returncode: int | None = None
        type(self).started.append(self)

    # what the test makes of it
    says = b""
    exits = 0

    def wait(self, timeout: float | None = None) -> int:
        stderr = self.kwargs.get("stderr")
        if stderr is not None and self.says:
            stderr.write(self.says)
        self.returncode = self.exits
        return self.exits

    def poll(self) -> int | None:
        return self.returncode


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> type[FakeProcess]:
    class Fake(FakeProcess):
        started: ClassVar[list[FakeProcess]] = []

    monkeypatch.setattr(subprocess, "Popen", Fake)
    return Fake


def test_the_text_goes_to_the_shell_s_pager_with_less_s_defaults(
    fake: type[FakeProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LESS", raising=False)
    monkeypatch.delenv("LV", raising=False)
    stream = io.StringIO()
    assert pager.page("Größe\n", "less -R", "utf-8", stream) == []
    [process] = fake.started
    assert process.args == "less -R"
    assert process.kwargs["shell"] is True
    assert process.kwargs["stdin"] == subprocess.PIPE
    assert process.kwargs["preexec_fn"] is pager._default_signals
    assert process.kwargs["env"]["LESS"] == "FRX"
    assert process.kwargs["env"]["LV"] == "-c"
    assert process.stdin.getvalue() == "Größe\n".encode()
    assert stream.getvalue() == ""  # the pager showed it, not lastmile


def test_the_user_s_less_and_lv_settings_are_kept(
    fake: type[FakeProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LESS", "-S")
    monkeypatch.setenv("LV", "-z")
    pager.page("x\n", "less", "utf-8", io.StringIO())
    env = fake.started[0].kwargs["env"]
    assert (env["LESS"], env["LV"]) == ("-S", "-z")


def test_ctrl_c_is_ignored_while_the_pager_runs_and_restored_after(
    fake: type[FakeProcess],
) -> None:
    before = signal.getsignal(signal.SIGINT)
    pager.page("x\n", "less", "utf-8", io.StringIO())
    assert fake.started[0].sigint == signal.SIG_IGN
    assert signal.getsignal(signal.SIGINT) == before


def test_what_the_pager_says_is_passed_on_after_it_ended(
    fake: type[FakeProcess], capsys: pytest.CaptureFixture[str]
) -> None:
    fake.says = b"less: some warning\n"
    assert pager.page("x\n", "less", "utf-8", io.StringIO()) == []
    assert capsys.readouterr().err == "less: some warning\n"


@pytest.mark.parametrize("code", [126, 127])
def test_a_pager_the_shell_cannot_run_is_one_warning_and_the_text(
    fake: type[FakeProcess], capsys: pytest.CaptureFixture[str], code: int
) -> None:
    fake.says = b"sh: 1: nopager:\n  not found\n"
    fake.exits = code
    stream = io.StringIO()
    said = pager.page("the text\n", "nopager", "utf-8", stream)
    failed = "the pager did not run (sh: 1: nopager: not found); showing the text without it"
    assert said == [warning(failed)]
    assert stream.getvalue() == "the text\n"
    assert capsys.readouterr().err == ""  # the shell's words are in the warning, once


def test_a_silent_127_is_said_by_its_exit_status(fake: type[FakeProcess]) -> None:
    fake.exits = 127
    stream = io.StringIO()
    said = pager.page("the text\n", "nopager", "utf-8", stream)
    failed = "the pager did not run (exit status 127); showing the text without it"
    assert said == [warning(failed)]
    assert stream.getvalue() == "the text\n"


def test_nowhere_to_hold_the_pager_s_stderr_still_pages(
    fake: type[FakeProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No temporary file (a full or read-only /tmp): the pager's stderr is the terminal's,
    and a 127 is still one warning, said by its exit status."""
    import tempfile

    def no_room() -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "TemporaryFile", no_room)
    assert pager.page("x\n", "less", "utf-8", io.StringIO()) == []
    assert fake.started[0].kwargs["stderr"] is None
    fake.exits = 127
    stream = io.StringIO()
    failed = "the pager did not run (exit status 127); showing the text without it"
    assert pager.page("x\n", "nopager", "utf-8", stream) == [warning(failed)]
    assert stream.getvalue() == "x\n"


def test_no_shell_to_start_the_pager_is_one_warning_and_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_shell(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(subprocess, "Popen", no_shell)
    stream = io.StringIO()
    said = pager.page("the text\n", "less", "utf-8", stream)
    failed = "the pager could not start (permission denied); showing the text"
    assert said == [warning(failed)]
    assert stream.getvalue() == "the text\n"


def fake_proc(monkeypatch: pytest.MonkeyPatch, stats: dict[str, bytes | None]) -> None:
    """/proc with these entries: a name's stat line, or None for one that cannot be read."""
    real_listdir, real_open = os.listdir, builtins.open

    def listdir(path: str = ".") -> list[str]:
        return [*stats, "self", "sys"] if path == "/proc" else real_listdir(path)

    def open_(path: str, *args: Any, **kwargs: Any) -> Any:
        if isinstance(path, str) and path.startswith("/proc/"):
            line = stats[path.split("/")[2]]
            if line is None:
                raise PermissionError(errno.EACCES, "not ours", path)
            return io.BytesIO(line)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(pager, "open", open_, raising=False)


TREE = {
    "1": b"1 (init) S 0 1 1",
    "4242": b"4242 (sh) S 1 4242 4242",
    "4243": b"4243 (less (a) b) S 4242 4242 4242",  # a name with ") " in it
    "4244": b"4244 (lesspipe) S 4243 4242 4242",
    "4245": b"4245 (cat) S 4242 4242 4242",
    "5000": None,  # ended meanwhile
    "5001": b"5001 (other) S 1 5001 5001",
}


def test_the_processes_below_the_shell_deepest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_proc(monkeypatch, TREE)
    found = pager._descendants(4242)
    assert sorted(found) == [4243, 4244, 4245]
    assert found.index(4244) < found.index(4243)  # a child before its parent
    assert pager._descendants(4245) == []
    assert pager._descendants(9999) == []


def test_no_proc_is_no_descendants(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_proc(path: str = ".") -> list[str]:
        raise FileNotFoundError(errno.ENOENT, "no /proc", path)

    monkeypatch.setattr(os, "listdir", no_proc)
    assert pager._descendants(4242) == []


def test_the_real_proc_shows_this_process_below_its_parent() -> None:
    if not Path("/proc/self/stat").exists():
        pytest.skip("no /proc")
    assert os.getpid() in pager._descendants(os.getppid())


def test_sigterm_while_paging_ends_the_pager_first_then_lastmile_by_it(
    fake: type[FakeProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM arrives while the pager runs: the pager below the shell, then the shell, are
    sent it; then lastmile sends it to itself with the default disposition (here recorded,
    not delivered), and ends 128 + 15 if it is still there; the handlers are as before."""
    fake_proc(monkeypatch, TREE)
    sent: list[tuple[int, int, object]] = []

    def kill(pid: int, number: int) -> None:
        sent.append((pid, number, signal.getsignal(number)))

    def wait(self: FakeProcess, timeout: float | None = None) -> int:
        if timeout is None:
            signal.raise_signal(signal.SIGTERM)  # (the handler page installed runs here)
        self.returncode = -signal.SIGTERM
        return -signal.SIGTERM

    monkeypatch.setattr(fake, "wait", wait)
    monkeypatch.setattr(fake, "poll", lambda self: None)
    monkeypatch.setattr(os, "kill", kill)

    def unhandled(number: int, frame: object) -> None:  # (never the test process's end)
        raise AssertionError("SIGTERM was not page's to handle")

    term = signal.signal(signal.SIGTERM, unhandled)
    before = {n: signal.getsignal(n) for n in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        with pytest.raises(SystemExit) as ended:
            pager.page("x\n", "less", "utf-8", io.StringIO())
        after = {n: signal.getsignal(n) for n in before}
    finally:
        signal.signal(signal.SIGTERM, term)
    assert ended.value.code == 128 + signal.SIGTERM
    pids = [pid for pid, _, _ in sent]
    assert sorted(pids[:3]) == [4243, 4244, 4245] and pids[3:] == [4242, os.getpid()]
    assert pids.index(4244) < pids.index(4243)
    assert all(number == signal.SIGTERM for _, number, _ in sent)
    assert sent[-1][2] == signal.SIG_DFL  # lastmile ends by the signal itself
    assert after == before
