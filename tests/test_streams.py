"""Real processes, real pipes and pseudo-terminals: what CliRunner cannot see (docs/reliability.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, NOT_TIMED, TerminalRun, strip_ansi, subprocess_env

Spawn = Callable[..., subprocess.CompletedProcess[bytes]]
Terminal = Callable[..., TerminalRun]

# -- output streams ---------------------------------------------------------------------------


@pytest.mark.slow
def test_a_reader_that_is_already_gone(clean_env: Path) -> None:
    """`lastmile explain | head -1` where head has exited: no traceback, exit 141."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    process = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", "explain"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=subprocess_env(LASTMILE_CACHE_DIR=str(clean_env)),
        timeout=60,
    )
    os.close(write_end)
    assert (process.returncode, process.stderr) == (141, b"")


@pytest.mark.slow
def test_head_in_a_real_shell_pipeline(clean_env: Path) -> None:
    env = subprocess_env(LASTMILE_CACHE_DIR=str(clean_env))
    script = f"'{sys.executable}' -m lastmile_cli explain --width 20 | head -1; echo \"rc=${{PIPESTATUS[0]}}\""
    result = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.splitlines()[0] == "What’s a last mile"
    assert result.stdout.splitlines()[1] in ("rc=0", "rc=141")
    assert result.stderr == ""


BOTH_PATHS = [{}, {"LASTMILE_SHORTCUT": "0"}, {"PYTHONUNBUFFERED": "1"}]
PATH_IDS = ["shortcut", "click", "unbuffered"]


@pytest.mark.slow
@pytest.mark.parametrize("env", BOTH_PATHS, ids=PATH_IDS)
@pytest.mark.parametrize("args", [["explain"], ["compare", "de", "it"], ["--help"]])
def test_a_full_disk(spawn: Spawn, env: dict[str, str], args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = spawn(*args, stdout=full, stderr=subprocess.PIPE, env=env)
    assert result.returncode == 1
    assert result.stderr == b"lastmile: cannot write output: no space left on device\n"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 KiB tmpfs with 4 KiB left, where the machine lets the tests mount one (as root)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        (mount / "filler").write_bytes(b"x" * 12 * 1024)
        assert os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize == 4096
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@pytest.mark.slow
@pytest.mark.parametrize("env", BOTH_PATHS, ids=PATH_IDS)
def test_a_nearly_full_disk_is_an_error_not_a_short_file(
    spawn: Spawn, small_disk: Path, env: dict[str, str]
) -> None:
    """5,499 bytes of JSON where 4,096 fit: the first write is short; the rest is retried and
    the disk says why it cannot be, never an exit 0 with a file cut short."""
    whole = spawn("explain", "--lang", "de", "-f", "json", env=env).stdout
    assert len(whole) > 4096
    with open(small_disk / "out.json", "wb") as out:
        result = spawn(
            "explain", "--lang", "de", "-f", "json", stdout=out, stderr=subprocess.PIPE, env=env
        )
    assert (result.returncode, result.stderr) == (
        1,
        b"lastmile: cannot write output: no space left on device\n",
    )
    written = (small_disk / "out.json").read_bytes()
    assert written == whole[: len(written)] and len(written) == 4096


@pytest.mark.slow
@pytest.mark.parametrize("env", BOTH_PATHS, ids=PATH_IDS)
def test_a_file_size_limit_is_an_error_not_a_short_file(
    spawn: Spawn, tmp_path: Path, env: dict[str, str]
) -> None:
    """`ulimit -f`: the write that reaches the limit is short, the next one fails with EFBIG."""
    import resource

    whole = spawn("explain", env=env).stdout
    with open(tmp_path / "out.txt", "wb") as out:
        result = spawn(
            "explain",
            stdout=out,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048)),
        )
    assert (result.returncode, result.stderr) == (
        1,
        b"lastmile: cannot write output: file too large\n",
    )
    assert (tmp_path / "out.txt").read_bytes() == whole[:2048]


@pytest.mark.slow
def test_a_cache_on_a_full_disk_leaves_no_partial_entry(spawn: Spawn, small_disk: Path) -> None:
    """Files lastmile writes for itself (cache entries) are written whole, then renamed, or not
    at all: a run whose entry does not fit works, says nothing, and leaves nothing behind."""
    user = small_disk.parent / "user"
    user.mkdir()
    from conftest import EXAMPLE_IDS, SECTION_IDS

    paragraph = "word " * 2000  # an entry of some 80 KB: more than the disk has left
    sections = "".join(
        f"  - id: {s}\n    kind: {'example' if s in EXAMPLE_IDS else 'section'}\n    title: T\n"
        f"    paragraphs: ['{paragraph}']\n"
        for s in SECTION_IDS
    )
    (user / "qaa.yaml").write_text(f"language: qaa\nname: Q\ntitle: T\nsections:\n{sections}")
    os.utime(user / "qaa.yaml", (1_600_000_000, 1_600_000_000))
    cache = small_disk / "cache"
    result = spawn(
        "sections", "--lang", "qaa", "--data-dir", str(user), env={"LASTMILE_CACHE_DIR": str(cache)}
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert b"summary\tsection\tT" in result.stdout
    assert [p.name for p in cache.iterdir()] == [".lastmile-pruned"]  # no entry, no temporary


@pytest.mark.slow
def test_a_terminal_gone_is_an_input_output_error(clean_env: Path) -> None:
    """Writing to a pseudo-terminal whose other side closed: EIO, one line, exit 1."""
    import pty

    master, slave = pty.openpty()
    os.close(master)
    result = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", "explain", "--no-pager"],
        stdout=slave,
        stderr=subprocess.PIPE,
        env=subprocess_env(LASTMILE_CACHE_DIR=str(clean_env), TERM="xterm-256color"),
        timeout=60,
    )
    os.close(slave)
    assert (result.returncode, result.stderr) == (
        1,
        b"lastmile: cannot write output: input/output error\n",
    )


def _broken_files(directory: Path, count: int) -> None:
    directory.mkdir()
    for index in range(count):
        name = (
            "q"
            + "abcdefghijklmnopqrstuvwxyz"[index // 26]
            + "abcdefghijklmnopqrstuvwxyz"[index % 26]
        )
        (directory / f"{name}.yaml").write_text(f"language: {name}\nname: [x]\n")


@pytest.mark.slow
def test_a_non_blocking_stderr_gets_every_message(tmp_path: Path) -> None:
    """stderr set O_NONBLOCK (shared with another program) on a 4 KiB pipe nobody reads yet:
    lastmile waits for it as for stdout; every warning arrives."""
    import fcntl
    import time

    _broken_files(tmp_path / "user", 200)
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)
    os.set_blocking(write, False)
    env = subprocess_env(LASTMILE_CACHE_DIR=str(tmp_path / "cache"))
    args = [sys.executable, "-m", "lastmile_cli", "languages", "--data-dir", str(tmp_path / "user")]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=write, env=env)
    os.close(write)
    time.sleep(1)  # the pipe fills while nobody reads
    received = b""
    with os.fdopen(read, "rb") as reader:
        while chunk := reader.read(512):
            received += chunk
            time.sleep(0.001)
    assert process.wait(timeout=60) == 0
    lines = received.decode().splitlines()
    assert len(received) > 4 * 4096
    assert len(lines) == 200 and all(line.startswith("lastmile: warning: ") for line in lines)


@pytest.mark.slow
def test_messages_stderr_cannot_take_make_the_run_fail(spawn: Spawn, tmp_path: Path) -> None:
    """The listing is written, but its warnings were lost to a full stderr: exit 1, not 0."""
    _broken_files(tmp_path / "user", 3)
    args = ("languages", "--data-dir", str(tmp_path / "user"))
    assert spawn(*args).returncode == 0
    with open("/dev/full", "w") as full:
        result = spawn(*args, stdout=subprocess.PIPE, stderr=full)
    assert result.returncode == 1
    assert b"de\tDeutsch\tGerman" in result.stdout
    with open("/dev/full", "w") as full:  # nothing to say: nothing lost
        assert spawn("explain", stdout=subprocess.PIPE, stderr=full).returncode == 0


@pytest.mark.slow
def test_stdout_closed(clean_env: Path) -> None:
    env = subprocess_env(LASTMILE_CACHE_DIR=str(clean_env))
    result = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m lastmile_cli explain >&-"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == b"lastmile: cannot write output: standard output is closed\n"


@pytest.mark.slow
def test_stderr_closed_too(clean_env: Path) -> None:
    env = subprocess_env(LASTMILE_CACHE_DIR=str(clean_env))
    result = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m lastmile_cli explain --lang xx 2>&-"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (2, b"")


ENCODINGS = [
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "latin-1"},
    {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
]


@pytest.mark.slow
@pytest.mark.parametrize("env", ENCODINGS, ids=["ascii", "latin-1", "C locale"])
@pytest.mark.parametrize(
    "args",
    [
        ["explain", "-l", "de"],
        ["compare", "es", "fr"],
        ["search", "milla"],
        ["languages"],
        ["explain", "-l", "xx"],
    ],
)
def test_narrow_encodings_in_a_pipe(spawn: Spawn, env: dict[str, str], args: list[str]) -> None:
    result = spawn(*args, env=env)
    assert result.returncode == (2 if "xx" in args else 0)
    assert b"Traceback" not in result.stderr
    if args[0] == "explain" and result.returncode == 0:
        expected = b"Scheitern der letzten Meile"
        assert expected in result.stdout
        assert b"?" in result.stdout or "ü".encode("latin-1") in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("env", ENCODINGS, ids=["ascii", "latin-1", "C locale"])
def test_narrow_encodings_on_a_terminal(terminal: Terminal, env: dict[str, str]) -> None:
    result = terminal(["explain", "-l", "fr"], **env)
    assert result.code == 0
    assert "dernier kilom" in result.screen


@pytest.mark.slow
@pytest.mark.parametrize("columns", [1, 5, 10, 60, 10000])
def test_any_terminal_width(terminal: Terminal, columns: int) -> None:
    result = terminal(["explain", "-l", "it"], columns=columns)
    assert result.code == 0
    lines = strip_ansi(result.screen).splitlines()
    assert max(len(line) for line in lines) <= max(columns, 20) if columns <= 100 else 100
    assert "ultimo miglio" in " ".join(" ".join(lines).replace("┃", " ").split())


@pytest.mark.slow
def test_terminal_width_is_capped_for_reading(terminal: Terminal) -> None:
    lines = strip_ansi(terminal(["explain"], columns=300).screen).splitlines()
    assert 80 < max(len(line) for line in lines) <= 100


@pytest.mark.slow
def test_no_home_and_no_cache(spawn: Spawn) -> None:
    env = {
        k: v
        for k, v in subprocess_env().items()
        if k not in ("HOME", "XDG_CACHE_HOME", "LASTMILE_CACHE_DIR")
    }
    result = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", "explain"], env=env, capture_output=True, timeout=60
    )
    assert (result.returncode, result.stderr) == (0, b"")


@pytest.mark.slow
def test_an_unwritable_cache_directory(spawn: Spawn, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = spawn("explain", env={"LASTMILE_CACHE_DIR": str(locked / "cache")})
    finally:
        locked.chmod(0o700)
    assert (result.returncode, result.stderr) == (0, b"")


# -- colour and pager on a terminal -----------------------------------------------------------


@pytest.mark.slow
def test_a_terminal_gets_colour(terminal: Terminal) -> None:
    assert "\x1b[" in terminal(["explain"]).screen


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--color", "never"], {}),
        ([], {"NO_COLOR": "1"}),
        ([], {"TERM": "dumb"}),
        (["--color", "never"], {"FORCE_COLOR": "1"}),
    ],
)
def test_no_escape_codes_at_all_when_colour_is_off(
    terminal: Terminal, args: list[str], env: dict[str, str]
) -> None:
    screen = terminal(["explain", *args], **env).screen
    assert "\x1b" not in screen
    assert "What’s a last mile failure?" in screen


@pytest.mark.slow
def test_forced_colour_in_a_pipe(spawn: Spawn) -> None:
    assert b"\x1b[" in spawn("explain", env={"FORCE_COLOR": "1"}).stdout
    assert b"\x1b" not in spawn("explain").stdout


PAGER = "sed 's/^/PAGED: /'"


@pytest.mark.slow
def test_tall_output_goes_through_the_pager(terminal: Terminal) -> None:
    screen = strip_ansi(terminal(["explain"], rows=10, PAGER=PAGER).screen)
    assert screen.splitlines()[0] == "PAGED: What’s a last mile failure?"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-pager"], {"PAGER": PAGER}),
        ([], {"PAGER": PAGER, "LASTMILE_PAGER": ""}),
        ([], {"PAGER": "cat"}),
    ],
)
def test_the_pager_can_be_turned_off(
    terminal: Terminal, args: list[str], env: dict[str, str]
) -> None:
    screen = strip_ansi(terminal(["explain", *args], rows=10, **env).screen)
    assert "PAGED" not in screen
    assert screen.startswith("What’s a last mile failure?")


@pytest.mark.slow
def test_short_output_is_not_paged_unless_asked(terminal: Terminal) -> None:
    assert "PAGED" not in terminal(["example"], rows=24, PAGER=PAGER).screen
    assert "PAGED: " in terminal(["example", "--pager"], rows=24, PAGER=PAGER).screen


@pytest.mark.slow
def test_lastmile_pager_wins_over_pager(terminal: Terminal) -> None:
    screen = terminal(["explain"], rows=10, PAGER="false", LASTMILE_PAGER=PAGER).screen
    assert "PAGED: " in screen


@pytest.mark.slow
def test_a_missing_pager_still_shows_the_text(terminal: Terminal) -> None:
    screen = terminal(["explain"], rows=10, PAGER="no-such-pager-here").screen
    assert "What’s a last mile failure?" in screen


@pytest.mark.slow
def test_never_paged_in_a_pipe(spawn: Spawn) -> None:
    assert b"PAGED" not in spawn("explain", "--pager", env={"PAGER": PAGER}).stdout


# -- what the user or a file wrote is shown, never interpreted --------------------------------

MARKUP = [
    "[ad_1] kept",
    "[/]",
    "[bold]b[/bold]",
    "[link=http://x]x[/link]",
    ":smile:",
    "back\\[slash",
]


@pytest.fixture
def markup_dir(write_language: Callable[..., Path]) -> Path:
    text = (
        "language: qaa\nname: Markup\ntitle: '[bold]Title[/bold] :smile:'\nsections:\n"
        "  - id: definition\n    kind: section\n    title: '[red]Def[/]'\n    paragraphs:\n"
        + "".join(f"      - '{m}'\n" for m in MARKUP)
    )
    return write_language("qaa", text).parent


@pytest.mark.slow
def test_markup_prints_literally_in_a_pipe(spawn: Spawn, markup_dir: Path) -> None:
    out = spawn(
        "explain", "-l", "qaa", "-s", "definition", "--data-dir", str(markup_dir)
    ).stdout.decode()
    assert out == "[bold]Title[/bold] :smile:\n\n[red]Def[/]\n" + "\n\n".join(MARKUP) + "\n"


@pytest.mark.slow
def test_markup_prints_literally_on_a_terminal(terminal: Terminal, markup_dir: Path) -> None:
    screen = strip_ansi(
        terminal(["explain", "-l", "qaa", "-s", "definition", "--data-dir", str(markup_dir)]).screen
    )
    for text in ["[bold]Title[/bold] :smile:", "[red]Def[/]", *MARKUP]:
        assert text in screen
    assert "😄" not in screen


@pytest.mark.slow
def test_echoed_arguments_are_literal_and_escaped(spawn: Spawn) -> None:
    result = spawn("explain", "--lang", "[bold]x\x1b[2J\x1b]0;title\x07\x9b")
    assert result.returncode == 2
    assert (
        b"\x1b" not in result.stderr
        and b"\x07" not in result.stderr
        and "\x9b".encode() not in result.stderr
    )
    assert b"[bold]x\\u001b[2J\\u001b]0;title\\u0007\\u009b" in result.stderr


@pytest.mark.slow
def test_file_names_in_messages_are_escaped(spawn: Spawn, tmp_path: Path) -> None:
    directory = tmp_path / "evil\x1b[2Jdir"
    directory.mkdir()
    (directory / "qaa.yaml").write_text("language: qaa\n")
    result = spawn("languages", "--data-dir", str(directory))
    assert result.returncode == 0
    assert b"\x1b" not in result.stderr
    assert b"evil\\u001b[2Jdir" in result.stderr


@pytest.mark.slow
def test_a_refused_escape_never_reaches_any_output(
    spawn: Spawn, write_language: Callable[..., Path]
) -> None:
    path = write_language(
        "qaa", 'language: qaa\nname: "\\e]8;;http://x\\e\\\\link"\ntitle: t\nsections: []\n'
    )
    for args in (["explain", "-l", "qaa"], ["languages"], ["validate"]):
        result = spawn(*args, "--data-dir", str(path.parent))
        assert b"\x1b" not in result.stdout + result.stderr


@pytest.mark.slow
def test_json_stays_exact_in_a_narrow_encoding(spawn: Spawn) -> None:
    import json

    narrow = spawn("explain", "-l", "de", "-f", "json", env={"PYTHONIOENCODING": "ascii"}).stdout
    wide = spawn("explain", "-l", "de", "-f", "json").stdout
    assert narrow.isascii()
    assert json.loads(narrow) == json.loads(wide)


INTERRUPT_DURING = """
import os, signal, sys
import lastmile_cli.entry as entry  # the console script's first step: the handler is in place

TARGET = sys.argv[1]

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == TARGET:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while this module is being imported
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["lastmile", *sys.argv[2:]]
entry.main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "args"),
    [
        ("click", ["explain", "--format", "TEXT"]),  # (a form the shortcut leaves to Click)
        ("click.core", ["explain", "--format", "TEXT"]),
        ("lastmile_cli.cli", ["explain", "--format", "TEXT"]),
        ("lastmile_cli.shortcut", ["explain"]),
        ("lastmile_cli.perform", ["explain"]),
        ("lastmile_cli.content", ["explain"]),
        ("lastmile_cli.content", ["explain", "--format", "text"]),
        ("lastmile_cli.commands.explain", ["explain"]),
        ("lastmile_cli.render.text", ["explain"]),
        ("yaml", ["explain", "--lang", "qaa", "--data-dir", "USER"]),
    ],
)
def test_ctrl_c_while_anything_loads_is_one_line_and_130(
    clean_env: Path, tmp_path: Path, module: str, args: list[str]
) -> None:
    """From the entry point's first line on, Ctrl-C is never a traceback (before that line,
    the interpreter's own start-up is Python's: no program can handle a signal before it runs)."""
    user = tmp_path / "user"
    user.mkdir()
    (user / "qaa.yaml").write_text(MINIMAL.format(code="qaa"), encoding="utf-8")
    args = [str(user) if a == "USER" else a for a in args]
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT_DURING, module, *args],
        capture_output=True,
        env=subprocess_env(LASTMILE_CACHE_DIR=str(clean_env)),
        timeout=60,
    )
    expected = (130, b"", b"\nlastmile: interrupted\n")  # a line break past the terminal's ^C
    assert (result.returncode, result.stdout, result.stderr) == expected


def gone(pid: int) -> bool:
    """Whether a process has ended (a zombie waiting for its reaper counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rpartition(b")")[2].split()[0] == b"Z"
    except OSError:
        return True


@pytest.mark.slow
@pytest.mark.parametrize("number", [15, 1], ids=["SIGTERM", "SIGHUP"])
def test_ending_lastmile_ends_its_pager(clean_env: Path, tmp_path: Path, number: int) -> None:
    """`kill` to lastmile while the pager runs: the pager (a child of the pager's shell, as
    less usually is) ends too, instead of fighting the shell for the terminal."""
    import pty
    import time

    pids = tmp_path / "pids"
    pager = f"sleep 60 & echo $$ $! > {pids}.tmp; mv {pids}.tmp {pids}; wait"
    master, slave = pty.openpty()
    env = subprocess_env(LASTMILE_CACHE_DIR=str(clean_env), PAGER=pager, TERM="xterm")
    process = subprocess.Popen(
        [sys.executable, "-m", "lastmile_cli", "explain", "--pager"],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(slave)
    try:
        deadline = time.monotonic() + 30
        while not pids.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        shell, sleeper = map(int, pids.read_text().split())
        process.send_signal(number)
        assert process.wait(timeout=30) == -number  # ended by the signal it was sent
        deadline = time.monotonic() + 10
        while not (gone(shell) and gone(sleeper)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gone(shell) and gone(sleeper)
        assert process.stderr is not None and b"Traceback" not in process.stderr.read()
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()


INTERRUPT_AT_CALL = """
import os, signal, sys
import lastmile_cli.entry as entry  # the console script's first step: the handler is in place

MOMENT = int(sys.argv[1])
calls = 0

def profile(frame, event, arg):
    global calls
    if event in ("call", "c_call"):
        calls += 1
        if calls == MOMENT:
            sys.setprofile(None)
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C just as this function is called

if MOMENT == 0:  # count the moments instead
    import atexit
    atexit.register(lambda: os.write(2, f"calls={calls}\\n".encode()))
sys.argv = ["lastmile", *sys.argv[2:]]
sys.setprofile(profile)
entry.main()
"""


@pytest.fixture(scope="module")
def moments(tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many function calls a run of `lastmile explain` makes from its entry point on."""
    env = subprocess_env(LASTMILE_CACHE_DIR=str(tmp_path_factory.mktemp("cache")))
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT_CALL, "0", "explain"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0
    return int(result.stderr.decode().rsplit("calls=", 1)[1])


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, *NOT_TIMED],
)
@given(fraction=st.floats(0, 1), at_the_end=st.booleans(), back=st.integers(0, 80))
def test_ctrl_c_at_any_moment_of_a_run_is_one_line_never_a_traceback(
    moments: int, clean_env: Path, fraction: float, at_the_end: bool, back: int
) -> None:
    """SIGINT as any one of the run's function calls begins, from loading Click to the exit
    (half the examples among its last calls: returning, exiting, the interpreter's shutdown)."""
    moment = max(1, moments - back if at_the_end else round(fraction * moments))
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT_CALL, str(moment), "explain"],
        capture_output=True,
        env=subprocess_env(LASTMILE_CACHE_DIR=str(clean_env)),
        timeout=60,
    )
    assert b"Traceback" not in result.stderr, (moment, result.stderr)
    assert b"Exception ignored" not in result.stderr, (moment, result.stderr)
    if result.returncode == 0:  # the signal came after everything was done
        assert result.stderr == b""
    else:
        assert (result.returncode, result.stderr) == (130, b"\nlastmile: interrupted\n"), moment
