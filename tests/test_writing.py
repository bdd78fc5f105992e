"""Writing a file lastmile made (writing.py): the new bytes whole or the old file untouched, a
new file with the umask's permissions, an existing one with its own, never through a link
planted at the temporary name; and writing to stdout and stderr (streams.py): every byte, or
an OSError saying why not."""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path

import pytest

from lastmile_cli import streams, writing


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """A folder of the test's own (tmp_path holds the conftest's data home too)."""
    folder = tmp_path / "here"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002, 0o027])
def test_a_new_file_has_the_permissions_the_umask_gives(here: Path, umask: int) -> None:
    target = here / "new.yaml"
    previous = os.umask(umask)
    try:
        writing.write_file(str(target), b"text\n", overwrite=False)
        assert os.umask(umask) == umask  # the process's umask is as it was
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert target.read_bytes() == b"text\n"
    assert names(here) == ["new.yaml"]  # no temporary file left


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_new_file_is_written_in_the_target_s_folder(
    here: Path, monkeypatch: pytest.MonkeyPatch, overwrite: bool
) -> None:
    """A relative path from elsewhere: the file is where the path says, and nothing is left in
    the current folder or beside the file."""
    elsewhere = here / "cwd"
    elsewhere.mkdir()
    folder = here / "out"
    folder.mkdir()
    monkeypatch.chdir(elsewhere)
    writing.write_file("../out/new.md", b"# new\n", overwrite=overwrite)
    assert (folder / "new.md").read_bytes() == b"# new\n"
    assert names(folder) == ["new.md"]
    assert names(elsewhere) == []


def test_an_existing_file_is_kept_unless_overwrite(here: Path) -> None:
    target = here / "mine.yaml"
    target.write_bytes(b"mine\n")
    with pytest.raises(FileExistsError) as refused:
        writing.write_file(str(target), b"theirs\n", overwrite=False)
    assert str(refused.value) == str(target)  # the error names the file, as the caller gave it
    assert target.read_bytes() == b"mine\n"
    assert names(here) == ["mine.yaml"]


def test_an_existing_file_is_refused_before_anything_is_written(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `overwrite`, an existing file is FileExistsError (import's "add --force") even
    where nothing could be written (a full disk): nothing is tried first."""
    target = here / "mine.yaml"
    target.write_bytes(b"mine\n")

    def full(path: str, flags: int, mode: int = 0o777) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "open", full)
    with pytest.raises(FileExistsError):
        writing.write_file(str(target), b"theirs\n", overwrite=False)
    assert target.read_bytes() == b"mine\n"


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755, 0o604])
def test_an_overwritten_file_keeps_its_permissions(here: Path, mode: int) -> None:
    target = here / "mine.yaml"
    target.write_bytes(b"old\n")
    target.chmod(mode)
    writing.write_file(str(target), b"new\n", overwrite=True)
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert names(here) == ["mine.yaml"]


@pytest.mark.parametrize(("overwrite", "kept"), [(False, b"someone else's\n"), (True, b"ours\n")])
def test_a_file_that_appeared_meanwhile_is_replaced_only_with_overwrite(
    here: Path, monkeypatch: pytest.MonkeyPatch, overwrite: bool, kept: bytes
) -> None:
    """Between the check and the write another file appears at the target: without
    `overwrite` it is kept (FileExistsError) and the temporary file is removed; with it, it
    is replaced."""
    target = here / "new.yaml"
    real_fsync = os.fsync

    def fsync_then_appear(descriptor: int) -> None:
        real_fsync(descriptor)
        target.write_bytes(b"someone else's\n")

    monkeypatch.setattr(os, "fsync", fsync_then_appear)
    if overwrite:
        writing.write_file(str(target), b"ours\n", overwrite=True)
    else:
        with pytest.raises(FileExistsError):
            writing.write_file(str(target), b"ours\n", overwrite=False)
    assert target.read_bytes() == kept
    assert names(here) == ["new.yaml"]


def test_the_temporary_file_is_created_private_and_never_through_a_link(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file is opened exclusively, without following a link, readable by its
    owner alone until it has its final permissions."""
    seen: list[tuple[int, int]] = []
    real_open = os.open

    def watched(path: str, flags: int, mode: int = 0o777) -> int:
        seen.append((flags, mode))
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", watched)
    writing.write_file(str(here / "new.yaml"), b"x", overwrite=False)
    [(flags, mode)] = seen
    for flag in (os.O_WRONLY, os.O_CREAT, os.O_EXCL, os.O_NOFOLLOW):
        assert flags & flag == flag
    assert mode == 0o600


def test_a_link_planted_at_the_temporary_name_is_not_followed(here: Path) -> None:
    victim = here / "victim"
    victim.write_bytes(b"victim\n")
    target = here / "new.yaml"
    (here / f".new.yaml.{os.getpid()}.tmp").symlink_to(victim)
    with pytest.raises(FileExistsError):
        writing.write_file(str(target), b"ours\n", overwrite=False)
    assert victim.read_bytes() == b"victim\n"
    assert not target.exists()


def test_a_link_s_file_is_replaced_and_the_link_kept(here: Path) -> None:
    real = here / "real.yaml"
    real.write_bytes(b"old\n")
    real.chmod(0o640)
    link = here / "link.yaml"
    link.symlink_to(real)
    writing.write_file(str(link), b"new\n", overwrite=True)
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_target_as_it_was(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = here / "mine.yaml"
    target.write_bytes(b"mine\n")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        writing.write_file(str(target), b"new\n", overwrite=True)
    assert target.read_bytes() == b"mine\n"
    assert names(here) == ["mine.yaml"]


# streams.py: stdout and stderr written whole


def test_write_all_continues_a_short_write(monkeypatch: pytest.MonkeyPatch) -> None:
    reading, writing_end = os.pipe()
    real_write = os.write

    def short(descriptor: int, data: memoryview) -> int:
        return real_write(descriptor, bytes(data[:3]))

    monkeypatch.setattr(os, "write", short)
    try:
        streams.write_all(writing_end, b"abcdefghij")
        assert os.read(reading, 100) == b"abcdefghij"
    finally:
        os.close(reading)
        os.close(writing_end)


def test_write_all_that_writes_nothing_is_an_input_output_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "write", lambda descriptor, data: 0)
    with pytest.raises(OSError) as raised:
        streams.write_all(1, b"abc")
    assert raised.value.errno == errno.EIO
    assert raised.value.strerror == os.strerror(errno.EIO)


def test_write_all_waits_for_a_full_pipe_to_be_writable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A non-blocking pipe refuses: write_all waits until the descriptor is writable (not
    readable), then writes the rest."""
    reading, writing_end = os.pipe()
    real_write = os.write
    refused = [True]
    waited: list[tuple[list[int], list[int], list[int]]] = []

    def refusing(descriptor: int, data: memoryview) -> int:
        if refused[0]:
            refused[0] = False
            raise BlockingIOError(errno.EAGAIN, "full")
        return real_write(descriptor, data)

    def select(r: list[int], w: list[int], x: list[int]) -> tuple[list[int], list[int], list[int]]:
        waited.append((r, w, x))
        return [], w, []

    import select as select_module

    monkeypatch.setattr(os, "write", refusing)
    monkeypatch.setattr(select_module, "select", select)
    try:
        streams.write_all(writing_end, b"rest")
        assert os.read(reading, 100) == b"rest"
    finally:
        os.close(reading)
        os.close(writing_end)
    assert waited == [([], [writing_end], [])]


def test_a_broken_pipe_on_stderr_stays_a_broken_pipe() -> None:
    """Whole is stderr's unless told it is stdout's: a reader gone is BrokenPipeError there,
    ReaderGone on stdout alone."""
    reading, writing_end = os.pipe()
    os.close(reading)
    try:
        with pytest.raises(BrokenPipeError):
            streams.Whole(writing_end).write(b"x")
        with pytest.raises(streams.ReaderGone):
            streams.Whole(writing_end, stdout=True).write(b"x")
    finally:
        os.close(writing_end)


def test_a_whole_stream_writes_through_at_once(tmp_path: Path) -> None:
    """What is written to the wrapped stream is in the file at once, with no flush: nothing is
    held in a buffer that an os._exit at the end would lose."""
    with open(tmp_path / "out", "w", encoding="utf-8") as original:
        wrapped = streams.whole_stream(original)
        wrapped.write("a line without its end")
        assert (tmp_path / "out").read_bytes() == b"a line without its end"


def test_a_whole_stream_of_a_file_less_stream_is_that_stream() -> None:
    fake = io.StringIO()
    assert streams.whole_stream(fake) is fake


def test_write_to_a_real_file_is_in_its_encoding_after_what_it_held(tmp_path: Path) -> None:
    """streams.write on a stream with a descriptor: what the stream still buffered goes first,
    then the text, encoded as the stream encodes (its encoding, its error handler), on the
    descriptor itself."""
    with open(tmp_path / "out", "w", encoding="latin-1", errors="replace") as stream:
        stream.write("held ")  # in the stream's buffer, not yet in the file
        streams.write("café €5\n", stream)
        assert (tmp_path / "out").read_bytes() == b"held caf\xe9 ?5\n"
    strict = open(tmp_path / "strict", "w", encoding="ascii")  # noqa: SIM115 (closed below)
    with strict, pytest.raises(UnicodeEncodeError):
        streams.write("é", strict)  # strict: the stream's own handler
