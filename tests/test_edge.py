"""The edge in-process: `guarded` turns whatever a run ends with into one line and an exit code,
and the first Ctrl-C handler (entry.py) says "interrupted" in the interface's language. The
subprocess tests (test_streams.py) pin the same through real pipes and signals; these pin the
functions themselves, in the fast subset."""

from __future__ import annotations

import errno
import signal
from collections.abc import Callable, Iterator

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
