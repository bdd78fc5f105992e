"""The edge in-process: `guarded` turns whatever a run ends with into one line and an exit code,
and the first Ctrl-C handler (entry.py) says "interrupted" in the interface's language. The
subprocess tests (test_streams.py) pin the same through real pipes and signals; these pin the
functions themselves, in the fast subset."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lastmile_cli import i18n
from lastmile_cli.perform import guarded


def raising(error: BaseException) -> Callable[[], int]:
    def action() -> int:
        raise error

    return action


@pytest.fixture
def interface() -> Iterator[Callable[[str], None]]:
    """`interface("de_DE.UTF-8")`: the interface's language for this test, English after it."""
    yield lambda locale: i18n.setup({"LANG": locale})
    i18n.setup({})


@pytest.mark.parametrize(
    ("action", "code", "said"),
    [
        (lambda: 0, 0, ""),
        (lambda: 2, 2, ""),
        (raising(KeyboardInterrupt()), 130, "\nlastmile: interrupted\n"),
        (raising(BrokenPipeError()), 141, ""),
        (
            raising(OSError(errno.ENOSPC, "No space left on device")),
            1,
            "lastmile: cannot write output: no space left on device\n",
        ),
        (
            raising(RuntimeError("boom\x1b[2J")),
            1,
            "lastmile: internal error: RuntimeError('boom\\x1b[2J')"
            " (set LASTMILE_DEBUG=1 for details)\n",
        ),
    ],
    ids=["ok", "usage", "ctrl-c", "reader-gone", "disk-full", "bug"],
)
def test_every_end_of_a_run_is_one_exit_code_and_at_most_one_line(
    capsys: pytest.CaptureFixture[str], action: Callable[[], int], code: int, said: str
) -> None:
    assert guarded(action) == code
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", said)


def test_a_bug_is_a_traceback_only_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LASTMILE_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        guarded(raising(RuntimeError("boom")))


def test_a_line_stderr_cannot_take_makes_a_successful_run_fail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lastmile_cli.perform import report

    class Full:
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "full")

        def flush(self) -> None:
            raise OSError(errno.ENOSPC, "full")

    def warns() -> int:
        monkeypatch.setattr("sys.stderr", Full())
        report("a warning")
        return 0

    assert guarded(warns) == 1
    assert guarded(lambda: 0) == 0  # (what one run could not say is not the next run's)


INTERRUPTED = {
    "C": "lastmile: interrupted",
    "de_DE.UTF-8": "lastmile: abgebrochen",
    "es_ES.UTF-8": "lastmile: interrumpido",
    "fr_FR.UTF-8": "lastmile\u00a0: interrompu",
    "it_IT.UTF-8": "lastmile: interrotto",
}


@pytest.mark.parametrize("locale", sorted(INTERRUPTED))
def test_ctrl_c_in_a_run_is_said_in_the_interfaces_language(
    capsys: pytest.CaptureFixture[str], interface: Callable[[str], None], locale: str
) -> None:
    interface(locale)
    assert guarded(raising(KeyboardInterrupt())) == 130
    assert capsys.readouterr().err == f"\n{INTERRUPTED[locale]}\n"


@pytest.mark.parametrize("locale", sorted(INTERRUPTED))
def test_an_early_ctrl_c_is_said_in_the_interfaces_language(
    monkeypatch: pytest.MonkeyPatch, interface: Callable[[str], None], locale: str
) -> None:
    """entry.py's first handler, before the command line runs: one line, exit 130, in the
    interface's language once i18n is loaded (and English before it is)."""
    before = signal.getsignal(signal.SIGINT)
    from lastmile_cli import entry  # (importing it installs its handler: put back below)

    signal.signal(signal.SIGINT, before)
    written: list[bytes] = []

    def exit_now(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(entry.os, "write", lambda fd, data: written.append(data) or len(data))
    monkeypatch.setattr(entry.os, "_exit", exit_now)
    interface(locale)
    with pytest.raises(SystemExit) as done:
        entry._interrupted(signal.SIGINT, None)
    assert done.value.code == 130
    assert written == [f"\n{INTERRUPTED[locale]}\n".encode()]


@pytest.mark.parametrize(
    ("document", "heading"),
    [("docs/reliability.md", "## Exit codes"), ("README.md", "## Exit codes")],
)
def test_the_exit_codes_are_the_documented_table(document: str, heading: str) -> None:
    import re
    from pathlib import Path

    from lastmile_cli import exits

    doc = (Path(__file__).parent.parent / document).read_text("utf-8")
    section = doc.split(heading, 1)[1]
    table = section[section.index("| code |") :].split("\n\n")[0]
    rows = re.findall(r"^\| (\d+) \| (.+) \|$", table, flags=re.M)
    assert [(int(code), when.replace("\\|", "|")) for code, when in rows] == list(exits.TABLE)
    assert [code for code, _ in exits.TABLE] == [
        exits.OK,
        exits.FAILED,
        exits.USAGE,
        exits.INTERRUPTED,
        exits.READER_GONE,
    ]


def test_the_man_page_s_exit_status_is_the_table() -> None:
    from lastmile_cli import exits
    from lastmile_cli.manpage import EXIT_STATUS

    assert [int(code) for code, _ in EXIT_STATUS] == [code for code, _ in exits.TABLE]
    for (_, said), (_, when) in zip(EXIT_STATUS, exits.TABLE, strict=True):
        assert said.lower().rstrip(".") == when.replace("`", "").lower()


def test_a_views_exit_code() -> None:
    from lastmile_cli import exits
    from lastmile_cli.problems import Problem
    from lastmile_cli.views import Hit, Recorded, Report, SearchResult, Stamped

    hit = object.__new__(Hit)  # (of_view reads only whether there is one)
    error = Problem("x.yaml", 1, 1, "broken")
    assert exits.of_view(SearchResult("q", ())) == exits.FAILED  # nothing found, as grep
    assert exits.of_view(SearchResult("q", (hit,))) == exits.OK
    assert exits.of_view(Report(1, ())) == exits.OK
    assert exits.of_view(Report(1, (error,))) == exits.FAILED
    assert exits.of_view(Recorded((Stamped("x.yaml"),))) == exits.OK
    assert exits.of_view(Recorded((Stamped("x.yaml", error="no"),))) == exits.FAILED
    assert exits.of_view(object()) == exits.OK


# -- the process's own streams, in-process ------------------------------------------------------


@contextlib.contextmanager
def own_streams(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """Real files standing in for the process's own stdout and stderr (sys.__stdout__ and
    sys.stdout the same object, as in a real run), all four put back after. (In the test's
    body: pytest puts its own capture back between a fixture and the test.)"""
    import sys

    out_path, err_path = tmp_path / "out", tmp_path / "err"
    saved = {name: getattr(sys, name) for name in ("stdout", "stderr", "__stdout__", "__stderr__")}
    with open(out_path, "w", encoding="ascii") as out, open(err_path, "w", encoding="ascii") as err:
        sys.stdout = sys.__stdout__ = out
        sys.stderr = sys.__stderr__ = err
        try:
            yield out_path, err_path
        finally:
            for name, stream in saved.items():
                setattr(sys, name, stream)


def test_prepared_streams_write_whole_and_replace_what_the_encoding_cannot_carry(
    tmp_path: Path,
) -> None:
    import sys

    from lastmile_cli.perform import prepare_streams, restore_streams
    from lastmile_cli.streams import Whole

    with own_streams(tmp_path) as (out_path, err_path):
        own_out, own_err = sys.stdout, sys.stderr
        assert prepare_streams() is True
        assert isinstance(sys.stdout.buffer, Whole) and isinstance(sys.stderr.buffer, Whole)  # type: ignore[attr-defined]
        assert sys.stdout is not own_out and sys.stderr is not own_err
        assert sys.stdout.errors == "replace" and sys.stderr.errors == "replace"
        sys.stdout.write("a\u00e9b\n")  # (ASCII: the é cannot be carried)
        sys.stderr.write("c\u00e9d\n")
        restore_streams()
        assert sys.stdout is own_out and sys.stderr is own_err
    assert out_path.read_text(encoding="ascii") == "a?b\n"
    assert err_path.read_text(encoding="ascii") == "c?d\n"


def test_a_test_s_capture_is_left_as_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    from lastmile_cli.perform import prepare_streams, restore_streams

    captured_out, captured_err = sys.stdout, sys.stderr
    assert prepare_streams() is True
    assert (sys.stdout, sys.stderr) == (captured_out, captured_err)
    restore_streams()
    assert (sys.stdout, sys.stderr) == (captured_out, captured_err)


def test_a_closed_stdout_is_said_and_no_stderr_is_devnull(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys

    from lastmile_cli.perform import prepare_streams

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert prepare_streams() is False
    assert sys.stderr is not None and sys.stderr.name == os.devnull
    assert sys.stderr.writable()  # (messages go nowhere, and raise nothing)
    sys.stderr.close()


def test_a_run_with_stdout_closed_says_so_and_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys, "stdout", None)
    assert guarded(lambda: 0) == 1
    assert capsys.readouterr().err == "lastmile: cannot write output: standard output is closed\n"


def test_streams_that_are_not_the_process_s_own_replace_what_they_cannot_carry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stream lastmile did not make (a test's, an embedding program's) is not wrapped, but
    made to replace what its encoding cannot carry: both stdout and stderr."""
    import io
    import sys

    from lastmile_cli.perform import prepare_streams

    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert prepare_streams() is True
    assert (sys.stdout, sys.stderr) == (out, err)
    assert out.errors == "replace" and err.errors == "replace"


def test_a_reader_gone_from_the_process_s_stdout_is_reader_gone(tmp_path: Path) -> None:
    """Through the stream prepare_streams makes of the process's own stdout, a pipe whose
    reader has gone raises ReaderGone (not an OSError: Click passes it on, and the edge
    exits 141); stderr's stream still raises the OSError that report() turns into a lost
    message."""
    import sys

    from lastmile_cli.perform import prepare_streams, restore_streams
    from lastmile_cli.streams import ReaderGone

    with own_streams(tmp_path):
        read, write = os.pipe()
        os.close(read)
        gone = os.fdopen(write, "w", encoding="utf-8")
        saved = sys.stdout, sys.__stdout__
        sys.stdout = sys.__stdout__ = gone
        try:
            assert prepare_streams() is True
            with pytest.raises(ReaderGone):
                sys.stdout.write("x\n")
                sys.stdout.flush()
        finally:
            restore_streams()
            sys.stdout, sys.__stdout__ = saved
            with contextlib.suppress(OSError):  # (its last flush meets the closed pipe)
                gone.close()


def test_restoring_leaves_streams_that_are_not_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from lastmile_cli.perform import restore_streams

    mine = io.StringIO()
    monkeypatch.setattr(sys, "stdout", mine)
    restore_streams()
    assert sys.stdout is mine
    from lastmile_cli.streams import whole_stream

    with open(os.devnull, "w") as out:  # (a stream of ours over another file: restored too)
        wrapped = whole_stream(out)
        monkeypatch.setattr(sys, "stdout", wrapped)
        restore_streams()
        assert sys.stdout is sys.__stdout__


def test_silenced_stdout_takes_nothing_more(tmp_path: Path) -> None:
    import sys

    from lastmile_cli.perform import silence_stdout

    with own_streams(tmp_path) as (out_path, _):
        sys.stdout.write("before\n")
        sys.stdout.flush()
        silence_stdout()
        sys.stdout.write("after\n")
        sys.stdout.flush()
        os.write(sys.stdout.fileno(), b"raw\n")
    assert out_path.read_text(encoding="ascii") == "before\n"


def test_silencing_a_stream_without_a_descriptor_is_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from lastmile_cli.perform import silence_stdout

    monkeypatch.setattr(sys, "stdout", io.StringIO())
    silence_stdout()  # (no descriptor: nothing to do, nothing raised)
    monkeypatch.setattr(sys, "stdout", None)
    silence_stdout()


# -- perform: what it hands the command, and how it renders ---------------------------------


def performed(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cache: Path,
) -> tuple[int, str, str]:
    from lastmile_cli.perform import perform
    from lastmile_cli.shortcut import recognize

    monkeypatch.setenv("LASTMILE_CACHE_DIR", str(cache))
    call = recognize(argv, {"LASTMILE_CACHE_DIR": str(cache)})
    assert call is not None
    code = perform(call)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_only_a_user_s_files_are_cached(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import MINIMAL

    cache, user = tmp_path / "cache", tmp_path / "user"
    user.mkdir()
    (user / "qaa.yaml").write_text(MINIMAL.format(code="qaa"), encoding="utf-8")
    os.utime(user / "qaa.yaml", (1_600_000_000, 1_600_000_000))  # (a fresh file is not cached)
    code, out, err = performed(["explain", "--lang", "de"], capsys, monkeypatch, cache)
    assert (code, err) == (0, "") and out
    assert not cache.exists() or not any(cache.rglob("*"))  # the bundled article: nothing cached
    code, out, err = performed(
        ["explain", "--lang", "qaa", "--data-dir", str(user)], capsys, monkeypatch, cache
    )
    assert code == 0 and "One paragraph." in out and "showing English" in err
    assert [p for p in cache.rglob("*") if p.is_file()]  # the user's file, checked once, kept


def test_json_is_english_whatever_the_interface(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    interface: Callable[[str], None],
) -> None:
    english = performed(["languages", "-f", "json"], capsys, monkeypatch, tmp_path / "c")
    interface("de_DE.UTF-8")
    german = performed(["languages", "-f", "json"], capsys, monkeypatch, tmp_path / "c")
    text = performed(["languages"], capsys, monkeypatch, tmp_path / "c")
    assert german == english and english[0] == 0
    assert "mitgeliefert" in text[1] and '"bundled"' in english[1]  # (the text is German)


def test_the_cache_s_warning_is_said_first_on_success_and_on_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache directory lastmile refuses (here a symbolic link) is one warning, said before
    the output's notes and before a command's error alike (perform._warned's order)."""
    from conftest import MINIMAL

    real, link, user = tmp_path / "real", tmp_path / "link", tmp_path / "user"
    real.mkdir()
    link.symlink_to(real)
    user.mkdir()
    (user / "qaa.yaml").write_text(MINIMAL.format(code="qaa"), encoding="utf-8")
    code, out, err = performed(
        ["explain", "--lang", "qaa", "--data-dir", str(user)], capsys, monkeypatch, link
    )
    assert code == 0 and "One paragraph." in out
    first = err.splitlines()[0]
    assert first.startswith("lastmile: warning:") and str(link) in first
    code, out, err = performed(
        ["explain", "--lang", "qaa", "--section", "nope", "--data-dir", str(user)],
        capsys,
        monkeypatch,
        link,
    )
    lines = err.splitlines()
    assert code == 2 and out == "" and len(lines) == 2
    assert lines[0] == first and "nope" in lines[1]
