"""Colour, width and pager decisions, made once from options, environment and the stream."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from conftest import EXAMPLE_IDS as EXAMPLES
from conftest import SECTION_IDS
from lastmile_cli.output import decide, pager_command, wants_color


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("option", "env", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ("auto", {"TERM": "dumb"}, True, False),
        ("auto", {"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_rules(option: str, env: dict[str, str], tty: bool, expected: bool) -> None:
    assert wants_color(option, env, tty) is expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "less -FRX"),
        ({"PAGER": "more"}, "more"),
        ({"PAGER": ""}, None),
        ({"PAGER": "cat"}, None),
        ({"LASTMILE_PAGER": "", "PAGER": "more"}, None),
        ({"LASTMILE_PAGER": "most", "PAGER": "more"}, "most"),
    ],
)
def test_pager_command(env: dict[str, str], expected: str | None) -> None:
    assert pager_command(env) == expected


def test_a_pipe_is_plain_with_no_pager() -> None:
    output = decide("text", "auto", None, None, {}, io.StringIO())
    assert (output.styled, output.color_system is not None, output.pager, output.width) == (
        False,
        False,
        None,
        None,
    )


def test_forced_colour_in_a_pipe_is_styled_at_80_columns() -> None:
    output = decide("text", "auto", None, None, {"FORCE_COLOR": "1"}, io.StringIO())
    assert (output.styled, output.color_system is not None, output.width) == (True, True, 80)


def test_json_and_markdown_are_never_styled() -> None:
    for fmt in ("json", "markdown"):
        assert not decide(fmt, "always", None, None, {}, FakeTTY()).styled


def test_no_pager_and_explicit_width_on_a_terminal() -> None:
    output = decide("text", "never", 60, False, {}, FakeTTY())
    assert (output.styled, output.color_system is not None, output.pager, output.width) == (
        True,
        False,
        None,
        60,
    )


class SizedTTY(FakeTTY):
    """A terminal whose size and encoding a test chooses."""

    def __init__(self, encoding: str | None = "utf-8") -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str | None:  # type: ignore[override]
        return self._encoding

    def fileno(self) -> int:
        return 1


def sized(monkeypatch: pytest.MonkeyPatch, columns: int, rows: int) -> None:
    import os

    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((columns, rows)))


@pytest.mark.parametrize(
    ("columns", "rows", "width", "height"),
    [
        (50, 30, 50, 30),
        (0, 0, 80, 24),  # a terminal that reports no size
        (1, 1, 20, 1),
        (500, 99, 100, 99),
    ],
)
def test_a_terminal_sets_width_and_height(
    monkeypatch: pytest.MonkeyPatch, columns: int, rows: int, width: int, height: int
) -> None:
    sized(monkeypatch, columns, rows)
    output = decide("text", "auto", None, None, {"PAGER": "more"}, SizedTTY())
    assert (output.styled, output.width, output.height, output.pager, output.always_page) == (
        True,
        width,
        height,
        "more",
        False,
    )


def test_a_terminal_that_cannot_tell_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def no_size(fd: int) -> os.terminal_size:
        raise OSError("not a terminal after all")

    monkeypatch.setattr(os, "get_terminal_size", no_size)
    output = decide("text", "auto", None, True, {}, SizedTTY())
    assert (output.width, output.height, output.pager, output.always_page) == (
        80,
        24,
        "less -FRX",
        True,
    )


def test_a_closed_stream_is_no_terminal() -> None:
    stream = io.StringIO()
    stream.close()
    output = decide("text", "auto", None, None, {}, stream)
    assert (output.styled, output.pager) == (False, None)


@pytest.mark.parametrize(("encoding", "expected"), [("latin-1", "latin-1"), (None, "utf-8")])
def test_the_stream_encoding_is_kept(
    monkeypatch: pytest.MonkeyPatch, encoding: str | None, expected: str
) -> None:
    sized(monkeypatch, 80, 24)
    assert decide("json", "auto", None, None, {}, SizedTTY(encoding)).encoding == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"COLORTERM": "truecolor"}, "truecolor"),
        ({"COLORTERM": "24BIT"}, "truecolor"),
        ({"COLORTERM": "yes", "TERM": "xterm-256color"}, "256"),
        ({"TERM": "xterm"}, "standard"),
        ({}, "standard"),
    ],
)
def test_colour_systems(env: dict[str, str], expected: str) -> None:
    from lastmile_cli.output import color_system

    assert color_system(env) == expected


# -- emit and the pager: a real pager command, through the shell, writing what it reads --------


def pager_output(tmp_path: Path, lines: int, height: int, always: bool, pager: str | None = None):  # type: ignore[no-untyped-def]
    from lastmile_cli.output import Output, emit

    received = tmp_path / "paged"
    command = pager if pager is not None else f"cat > {received}"
    stream = io.StringIO()
    text = "".join(f"line {i}\n" for i in range(lines))
    emit(text, Output(pager=command, always_page=always, height=height), stream)
    paged = received.read_text() if received.exists() else None
    return stream.getvalue(), paged, text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lines", "height", "always", "paged"),
    [
        (23, 24, False, False),  # fits: no pager
        (24, 24, False, True),  # one line too many for the window with the prompt
        (1, 24, True, True),  # --pager
        (0, 24, False, False),
    ],
)
def test_the_pager_runs_for_output_taller_than_the_window(
    tmp_path: Path, lines: int, height: int, always: bool, paged: bool
) -> None:
    direct, through_pager, text = pager_output(tmp_path, lines, height, always)
    assert (direct, through_pager) == (("", text) if paged else (text, None))


@pytest.mark.slow
def test_a_missing_pager_falls_back_to_the_text(tmp_path: Path) -> None:
    direct, _, text = pager_output(tmp_path, 30, 24, False, pager="no-such-pager-here")
    assert direct == text


@pytest.mark.slow
def test_a_pager_that_quits_at_once_is_not_an_error(tmp_path: Path) -> None:
    """Like `q` in less before the end: the broken pipe is the pager's choice, not a failure."""
    direct, _, _ = pager_output(tmp_path, 100_000, 24, False, pager="true")
    assert direct == ""


@pytest.mark.slow
def test_the_pager_gets_the_text_in_the_stream_encoding(tmp_path: Path) -> None:
    from lastmile_cli.output import Output, emit

    received = tmp_path / "bytes"
    emit(
        "Größe\n",
        Output(pager=f"cat > {received}", always_page=True, encoding="latin-1"),
        io.StringIO(),
    )
    assert received.read_bytes() == "Größe\n".encode("latin-1")


@pytest.mark.slow
def test_the_pager_gets_less_defaults_and_ctrl_c_is_left_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal

    from lastmile_cli.output import Output, emit

    monkeypatch.delenv("LESS", raising=False)
    monkeypatch.delenv("LV", raising=False)
    received = tmp_path / "env"
    handler = signal.getsignal(signal.SIGINT)
    emit("x\n", Output(pager=f"env > {received}", always_page=True), io.StringIO())
    environment = received.read_text().splitlines()
    assert "LESS=FRX" in environment and "LV=-c" in environment
    assert signal.getsignal(signal.SIGINT) is handler  # restored after paging
    monkeypatch.setenv("LESS", "R")
    emit("x\n", Output(pager=f"env > {received}", always_page=True), io.StringIO())
    assert "LESS=R" in received.read_text().splitlines()  # the user's own LESS wins


@pytest.mark.slow
def test_ctrl_c_while_paging_is_the_pagers_not_ours(tmp_path: Path) -> None:
    """less uses Ctrl-C itself: the SIGINT a terminal sends to the group must not end lastmile.

    The test holds a handler of its own around the run, so a SIGINT that gets through (or comes
    late) is recorded, never a KeyboardInterrupt in the test process.
    """
    import os
    import signal

    from lastmile_cli.output import Output, emit

    caught: list[int] = []
    received = tmp_path / "paged"
    pager = f"kill -INT {os.getpid()}; cat > {received}"
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        emit("x\n", Output(pager=pager, always_page=True), io.StringIO())
    finally:
        signal.signal(signal.SIGINT, previous)
    assert caught == []
    assert received.read_text() == "x\n"


@pytest.mark.slow
def test_the_pager_itself_can_be_interrupted(tmp_path: Path) -> None:
    """The pager's process starts with Ctrl-C at its default, not ignored as lastmile has it."""
    from lastmile_cli.output import Output, emit

    received = tmp_path / "status"
    emit(
        "x\n",
        Output(pager=f"grep SigIgn /proc/self/status > {received}", always_page=True),
        io.StringIO(),
    )
    ignored = int(received.read_text().split()[1], 16)
    assert not ignored & (1 << 1), "SIGINT (signal 2) is ignored in the pager"


def test_a_pager_that_cannot_start_at_all_falls_back_to_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No shell to start (an OSError from Popen itself): the text is written directly."""
    import subprocess

    from lastmile_cli.output import Output, emit

    def no_shell(*args: object, **kwargs: object) -> None:
        raise OSError(2, "No such file or directory: '/bin/sh'")

    monkeypatch.setattr(subprocess, "Popen", no_shell)
    stream = io.StringIO()
    emit("line\n", Output(pager="less", always_page=True), stream)
    assert stream.getvalue() == "line\n"


@pytest.mark.slow
def test_what_the_pager_encoding_lacks_is_replaced(tmp_path: Path) -> None:
    from lastmile_cli.output import Output, emit

    received = tmp_path / "bytes"
    emit(
        "Größe ✓\n",
        Output(pager=f"cat > {received}", always_page=True, encoding="ascii"),
        io.StringIO(),
    )
    assert received.read_bytes() == b"Gr??e ?\n"


def test_a_stream_without_an_encoding_attribute_means_utf8() -> None:
    class Bare:
        def isatty(self) -> bool:
            return False

    assert decide("json", "auto", None, None, {}, Bare()).encoding == "utf-8"  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_pager_that_is_not_executable_falls_back_with_one_warning(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from lastmile_cli.output import Output, emit

    script = tmp_path / "pager"
    script.write_text("#!/bin/sh\ncat\n")
    script.chmod(0o644)
    stream = io.StringIO()
    warnings = emit("line\n", Output(pager=str(script), always_page=True), stream)
    assert stream.getvalue() == "line\n"
    [warning] = warnings
    assert warning.startswith("warning: the pager did not run (")
    assert "ermission denied" in warning and warning.endswith("; showing the text without it")
    assert capfd.readouterr().err == ""  # the shell's own line is in the warning, not beside it


@pytest.mark.slow
def test_a_missing_pager_is_one_warning_not_two(capfd: pytest.CaptureFixture[str]) -> None:
    from lastmile_cli.output import Output, emit

    stream = io.StringIO()
    [warning] = emit("x\n", Output(pager="no-such-pager-here", always_page=True), stream)
    assert "no-such-pager-here: not found" in warning
    assert stream.getvalue() == "x\n"
    assert capfd.readouterr().err == ""


@pytest.mark.slow
def test_what_a_pager_says_on_stderr_is_passed_on(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from lastmile_cli.output import Output, emit

    pager = f"echo 'pager: a note' >&2; cat > {tmp_path / 'paged'}; exit 3"
    assert emit("x\n", Output(pager=pager, always_page=True), io.StringIO()) == []
    assert capfd.readouterr().err == "pager: a note\n"
    assert (tmp_path / "paged").read_text() == "x\n"


@pytest.mark.slow
def test_a_non_blocking_stdout_gets_every_byte(tmp_path: Path) -> None:
    """A slow reader on a pipe someone set O_NONBLOCK on: lastmile waits, never drops the rest."""
    import subprocess
    import sys
    import time

    from conftest import subprocess_env

    user = tmp_path / "user"
    user.mkdir()
    paragraph = "word " * 20_000  # 100 KB a paragraph, eight of them: beyond any pipe buffer
    sections = "".join(
        f"  - id: {s}\n    kind: {'example' if s in EXAMPLES else 'section'}\n    title: T\n"
        f"    paragraphs: ['{paragraph}']\n"
        for s in SECTION_IDS
    )
    (user / "qaa.yaml").write_text(f"language: qaa\nname: Q\ntitle: T\nsections:\n{sections}")
    read, write = os.pipe()
    os.set_blocking(write, False)
    env = subprocess_env(LASTMILE_CACHE_DIR=str(tmp_path / "cache"))
    args = [sys.executable, "-m", "lastmile_cli", "explain", "-l", "qaa", "--data-dir", str(user)]
    process = subprocess.Popen(args, stdout=write, stderr=subprocess.PIPE, env=env)
    os.close(write)
    time.sleep(1)  # the pipe fills while nobody reads
    received = b""
    with os.fdopen(read, "rb") as reader:
        while chunk := reader.read(4096):
            received += chunk
            time.sleep(0.001)
    assert process.wait(timeout=60) == 0
    assert process.stderr is not None and process.stderr.read() == b""
    assert len(received) > 800_000
    assert received.count(b"word ") == 8 * 20_000


def test_emit_hands_tall_text_to_the_pager_command_the_output_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In-process (`page` itself, which runs the shell, stood in for): taller than the window,
    the text, the configured command and the encoding go to the pager, whose warnings emit
    returns; shorter, the text is written to the stream and nothing pages."""
    import lastmile_cli.pager as pager
    from lastmile_cli.output import Output, emit

    paged: list[tuple[str, str, str]] = []

    def page(text: str, command: str, encoding: str, stream: object) -> list[str]:
        paged.append((text, command, encoding))
        return ["lastmile: warning: as the pager said"]

    monkeypatch.setattr(pager, "page", page)
    output = Output(pager="less -FRX", height=3, encoding="latin-1")
    stream = io.StringIO()
    tall = "one\ntwo\nthree\n"
    assert emit(tall, output, stream) == ["lastmile: warning: as the pager said"]
    assert paged == [(tall, "less -FRX", "latin-1")] and stream.getvalue() == ""
    assert emit("one\ntwo\n", output, stream) == []
    assert stream.getvalue() == "one\ntwo\n" and len(paged) == 1
