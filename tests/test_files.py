"""Language files on disk (files.py): what a data directory holds and what lastmile skips of it,
and reading one file whole, or a SourceError that says why not and names its kind."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from lastmile_cli.files import LanguageFile, Skipped, SourceError, read_source, scan

PROC = Path("/proc/self")
needs_proc = pytest.mark.skipif(not PROC.is_dir(), reason="needs Linux's /proc")


def test_what_is_no_regular_file_is_skipped_with_its_kind_and_marked_special(
    tmp_path: Path,
) -> None:
    """A FIFO, a socket, a directory, a device and a broken link, each named like a language:
    each skipped with what it is, special (every command warns of those); the regular file
    and the link to one are language files."""
    folder = tmp_path / "traps"
    folder.mkdir()
    os.mkfifo(folder / "pt.yaml")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "sv.yaml"))
    server.close()
    (folder / "nl.yaml").mkdir()
    (folder / "ru.yaml").symlink_to("/dev/null")
    (folder / "ja.yaml").symlink_to(folder / "nowhere")
    (folder / "de.yaml").write_text("language: de\n")
    (folder / "fr.yaml").symlink_to(folder / "de.yaml")
    found, skipped = scan(str(folder))
    assert found == [
        LanguageFile("de", str(folder / "de.yaml"), False),
        LanguageFile("fr", str(folder / "fr.yaml"), False),
    ]
    assert skipped == [
        Skipped(str(folder / "ja.yaml"), "is a broken link; lastmile skips it", True),
        Skipped(
            str(folder / "nl.yaml"), "is a directory, not a regular file; lastmile skips it", True
        ),
        Skipped(str(folder / "pt.yaml"), "is a FIFO, not a regular file; lastmile skips it", True),
        Skipped(
            str(folder / "ru.yaml"),
            "is a character device, not a regular file; lastmile skips it",
            True,
        ),
        Skipped(
            str(folder / "sv.yaml"), "is a socket, not a regular file; lastmile skips it", True
        ),
    ]


def test_a_directory_that_cannot_be_read_is_one_special_skip(tmp_path: Path) -> None:
    """Never taken for an empty directory: it is skipped with the system's reason, as special,
    so that every command warns of it (not only `languages`)."""
    plain = tmp_path / "plain"
    plain.write_text("not a directory\n")
    assert scan(str(plain)) == (
        [],
        [
            Skipped(
                str(plain), "cannot read this directory: not a directory; lastmile skips it", True
            )
        ],
    )


@needs_proc
def test_a_file_the_system_cannot_read_is_an_unreadable_file() -> None:
    """A regular file whose read fails (the process's own memory at address 0: EIO)."""
    with pytest.raises(SourceError) as raised:
        read_source(str(PROC / "mem"))
    assert raised.value.code == "unreadable-file"
    assert str(raised.value) == "cannot read: input/output error"


@needs_proc
def test_a_file_of_no_stated_size_is_read_whole_but_never_given_an_identity() -> None:
    """/proc's files say they are empty and hold more: what was read is not what the status
    said, so no identity comes back (and nothing read from it is ever cached)."""
    data, found = read_source(str(PROC / "status"))
    assert data.startswith(b"Name:") and data.endswith(b"\n")
    assert found is None


@needs_proc
def test_a_file_of_no_stated_size_that_holds_more_than_the_limit_is_too_large() -> None:
    """The size the status gives passes the check; what is read is still counted, and one byte
    past the limit is too large, with the caller's message."""
    with pytest.raises(SourceError) as raised:
        read_source(str(PROC / "status"), limit=10, too_large="more than ten bytes")
    assert (str(raised.value), raised.value.code) == ("more than ten bytes", "too-large")


@needs_proc
def test_a_file_of_no_stated_size_is_read_no_further_than_one_byte_past_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What such a file holds is not known before it is read, so the reading itself stops:
    never more than the limit and one byte (to tell "too large"), whatever the file holds."""
    read = os.read
    given: list[int] = []

    def reading(descriptor: int, size: int) -> bytes:
        data = read(descriptor, size)
        given.append(len(data))
        return data

    monkeypatch.setattr(os, "read", reading)
    with pytest.raises(SourceError):
        read_source(str(PROC / "status"), limit=10, too_large="more than ten bytes")
    monkeypatch.undo()
    assert sum(given) == 11


def test_a_file_of_exactly_the_limit_is_read_whole_with_its_identity(tmp_path: Path) -> None:
    path = tmp_path / "qaa.yaml"
    path.write_bytes(b"x" * 10)
    data, found = read_source(str(path), limit=10)
    status = os.stat(path)
    assert data == b"x" * 10
    assert found == (status.st_dev, status.st_ino, 10, status.st_mtime_ns, status.st_ctime_ns)
    path.write_bytes(b"x" * 11)
    with pytest.raises(SourceError) as raised:
        read_source(str(path), limit=10)
    assert raised.value.code == "too-large"
