"""Shared fixtures: a clean environment for every test, and helpers that run lastmile for real."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from lastmile_cli.bundle import Bundle
from lastmile_cli.cli import run

# No test depends on the machine's speed: property tests have no deadline and no health check
# that times the generator. A test's own @settings starts from this profile, so it inherits
# both unless it names them; NOT_TIMED is the list to name where a test suppresses others too.
NOT_TIMED = [HealthCheck.too_slow]
settings.register_profile("lastmile", deadline=None, suppress_health_check=NOT_TIMED)
# In CI (CI=true) the examples are derived from each test's name, so a red run is repeatable.
settings.register_profile("ci", parent=settings.get_profile("lastmile"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "lastmile")

pytest_plugins = ["pytester"]  # (tests/test_toolchain.py runs the slow-marker guard)

ENV_TO_CLEAR = (
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "LC_CTYPE",
    "LASTMILE_LANG",
    "LASTMILE_DATA_DIR",
    "LASTMILE_PAGER",
    "LASTMILE_DEBUG",
    "NO_COLOR",
    "FORCE_COLOR",
    "PAGER",
    "COLORTERM",
    "PYTHONUNBUFFERED",
    "PYTHONIOENCODING",
    "COLUMNS",
    "LINES",
    "LASTMILE_CONFIG",
    "XDG_CONFIG_HOME",
)
# No test reads the developer's own configuration file: XDG_CONFIG_HOME points here, where no
# file is, unless a test writes one (or sets LASTMILE_CONFIG).
NO_CONFIG = str(Path(__file__).parent / "golden" / "no-config-here")
GOLDEN = Path(__file__).parent / "golden"


@functools.cache
def _article_facts() -> dict[str, object]:
    outline = Bundle().outline()
    return {
        # The bundled article's outline, as the package carries it (from data/en.yaml).
        "OUTLINE": outline,
        # What a user's file is checked against (the loader asks for it): the installed article's.
        "KNOWN": Bundle().known(),
        "SECTION_IDS": outline.ids,
        "EXAMPLE_IDS": frozenset(outline.of_kind("example")),
    }


def __getattr__(name: str) -> object:
    """OUTLINE, KNOWN, SECTION_IDS and EXAMPLE_IDS, computed when a test module first imports
    them rather than when pytest loads this file: lastmile's code run here is outside every
    test, so a failure in it (a mutant's, under scripts/mutation.py) would stop pytest from
    starting at all instead of failing the tests that use them."""
    facts = _article_facts()
    if name in facts:
        return facts[name]
    raise AttributeError(f"module 'conftest' has no attribute {name!r}")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current output"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: starts a process, a terminal or a build, or runs a long property test; the fast "
        "in-process subset (`uv run pytest -m 'not slow'`) leaves it out",
    )
    original = subprocess.Popen.__init__

    def counting(self: subprocess.Popen[bytes], *args: object, **kwargs: object) -> None:
        if STARTED is not None:
            STARTED.append(repr(args[0] if args else kwargs.get("args")))
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    subprocess.Popen.__init__ = counting  # type: ignore[assignment, method-assign]


# What the running test (its fixtures included) started, while it runs; None between tests.
STARTED: list[str] | None = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Count the processes each test starts (subprocess.Popen: subprocess.run, check_output and
    the pseudo-terminal runs all go through it), for `pytest_runtest_makereport` below."""
    global STARTED
    STARTED = []
    try:
        return (yield)
    finally:
        STARTED = None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A test that starts a process, in its fixtures too, must be marked `slow`, so that the
    fast subset is in-process only: an unmarked one that does fails, naming what it started."""
    report: pytest.TestReport = yield  # type: ignore[misc]
    if STARTED and item.get_closest_marker("slow") is None and not report.failed:
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} started a process ({STARTED[0]}) but is not marked slow: "
            "mark it @pytest.mark.slow, or test the function in-process"
        )
        STARTED.clear()
    return report  # type: ignore[return-value]


@pytest.fixture(autouse=True, scope="session")
def no_developer_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """An empty data home for the whole session, so even module-scoped fixtures (which run
    before `clean_env`) never read the developer's ~/.local/share/lastmile."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
        patch.delenv("LASTMILE_DATA_DIR", raising=False)
        yield


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No locale, no lastmile settings from the developer's shell; a private cache directory,
    and an empty data home, so no file in the developer's ~/.local/share/lastmile is read."""
    for name in ENV_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    data_home = tmp_path / "data-home"
    data_home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    cache = tmp_path / "cache"
    monkeypatch.setenv("LASTMILE_CACHE_DIR", str(cache))
    return cache


@dataclass
class Result:
    code: int
    out: str
    err: str


Lastmile = Callable[..., Result]


@pytest.fixture
def lastmile(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Lastmile:
    """Run the real entry point in-process: `lastmile("explain", "-l", "de", env={...})`."""

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        with monkeypatch.context() as patch:
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            code = run(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def subprocess_env(**overrides: str) -> dict[str, str]:
    """The environment for a real `python -m lastmile_cli` run: clean, and buffered like a user's."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_TO_CLEAR}
    env["XDG_CONFIG_HOME"] = NO_CONFIG  # (a test of the configuration file passes its own)
    env.update(overrides)
    return env


@pytest.fixture
def spawn(clean_env: Path) -> Iterator[Callable[..., subprocess.CompletedProcess[bytes]]]:
    """Run lastmile as a separate process, with stdout and stderr as pipes."""

    def call(
        *args: str, env: dict[str, str] | None = None, **kwargs: object
    ) -> subprocess.CompletedProcess[bytes]:
        full_env = subprocess_env(**{"LASTMILE_CACHE_DIR": str(clean_env), **(env or {})})
        command = [sys.executable, "-m", "lastmile_cli", *args]
        if "stdout" not in kwargs:
            kwargs["capture_output"] = True
        return subprocess.run(command, env=full_env, timeout=60, **kwargs)  # type: ignore[call-overload, no-any-return]

    yield call


def check_golden(request: pytest.FixtureRequest, name: str, actual: str) -> None:
    """Compare with tests/golden/NAME, or rewrite it under --update-golden."""
    path = GOLDEN / name
    if request.config.getoption("--update-golden"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no golden file {name}; run pytest --update-golden and review the diff"
    assert actual == path.read_text(encoding="utf-8")


MINIMAL = """\
language: {code}
name: Test
title: A test
sections:
  - id: definition
    kind: section
    title: Def
    paragraphs:
      - One paragraph.
"""


@pytest.fixture
def write_language(tmp_path: Path) -> Callable[..., Path]:
    """Write a language file into tmp_path/user/ and return its path."""

    def write(code: str, text: str | None = None, directory: str = "user") -> Path:
        folder = tmp_path / directory
        folder.mkdir(exist_ok=True)
        path = folder / f"{code}.yaml"
        path.write_text(MINIMAL.format(code=code) if text is None else text, encoding="utf-8")
        return path

    return write


ANSI = __import__("re").compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


@dataclass
class TerminalRun:
    code: int
    screen: str


def run_in_pty(
    args: list[str], env: dict[str, str], columns: int = 80, rows: int = 24
) -> TerminalRun:
    """Run lastmile with stdin and stdout on a pseudo-terminal of the given size."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "lastmile_cli", *args],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    process.wait(timeout=60)
    assert process.stderr is not None
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    assert "Traceback" not in stderr, stderr
    return TerminalRun(
        process.returncode, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    )


@pytest.fixture
def terminal(clean_env: Path) -> Callable[..., TerminalRun]:
    """`terminal(["explain"], columns=60, PAGER="cat")`: lastmile on a pseudo-terminal."""

    def call(args: list[str], columns: int = 80, rows: int = 200, **env: str) -> TerminalRun:
        full = subprocess_env(LASTMILE_CACHE_DIR=str(clean_env), TERM="xterm-256color", PAGER="cat")
        full.update(env)
        return run_in_pty(args, {k: v for k, v in full.items() if v is not None}, columns, rows)

    return call


@pytest.fixture(scope="session", autouse=True)
def current_prepared_sentences() -> None:
    """The checkout's prepared sentences made for this venv's sentencex, once a session: a venv
    with another version (.ci/run's lowest-versions run shares the checkout) leaves them stale,
    and the first run after that prepares them again (prepared.load), which no test of a warm
    run means to measure. Several workers at once write the same bytes, each atomically."""
    from lastmile_cli.bundle import Bundle
    from lastmile_cli.prepared import load

    load(Bundle())
