"""The cache of user files: fast when warm, never wrong after an edit, and no weapon for others.

Forged entries are made with the project's own writer (`Cache.put` given a value the loader
would never produce), so each test attacks the reader, not a format of its own invention.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lastmile_cli.cache as cache_module
from conftest import MINIMAL, NOT_TIMED, OUTLINE
from lastmile_cli.bundle import Bundle
from lastmile_cli.cache import Cache, default_dir
from lastmile_cli.content import Article, cache_context
from lastmile_cli.files import identity, read_source
from lastmile_cli.model import Language, Section
from lastmile_cli.textutil import first_unsafe

PAST = 1_600_000_000
CONTEXT = cache_context(Bundle(), patch=False)  # what a run's entry for a new language is keyed by


@pytest.fixture
def prune_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run that writes looks through the directory (normally once a day)."""
    monkeypatch.setattr(cache_module, "PRUNE_SECONDS", -1)


STAMP = cache_module.STAMP


def aged(path: Path) -> Path:
    os.utime(path, (PAST, PAST))
    return path


def article(user: Path, cache_dir: Path | None) -> Article:
    return Article([str(user)], Cache(str(cache_dir) if cache_dir else None))


def entries(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.name.endswith(".lmc"))


def forge(path: Path, cache_dir: Path, value: Language) -> Path:
    """Write `value` as the entry for `path`, as lastmile's own writer would."""
    cache = Cache(str(cache_dir))
    cache.put(str(path), identity(os.stat(path)), value, CONTEXT)
    (entry,) = entries(cache_dir)
    return entry


def loaded(path: Path) -> Language:
    language = article(path.parent, None).load(path.stem)
    assert language is not None
    return language


def with_text(language: Language, paragraph: str) -> Language:
    first = language.sections[0]
    section = Section(first.id, first.kind, first.title, (paragraph,), (), "seed", language.code)
    return Language(language.code, language.name, language.english_name, language.title, (section,))


def test_a_warm_read_does_not_parse(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))
    assert article(path.parent, tmp_path / "c").load("qaa") is not None
    assert len(entries(tmp_path / "c")) == 1
    import lastmile_cli.loader as loader

    monkeypatch.setattr(loader, "check_bytes", lambda *a, **k: pytest.fail("parsed again"))
    language = article(path.parent, tmp_path / "c").load("qaa")
    assert language is not None
    assert language.sections[0].paragraphs == ("One paragraph.",)


def test_the_bundled_article_never_touches_the_cache(
    lastmile: Callable[..., object], clean_env: Path
) -> None:
    lastmile("explain", "--lang", "de")
    lastmile("languages")
    assert not clean_env.exists()


def test_an_edit_of_the_same_size_and_mtime_is_seen(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    article(path.parent, tmp_path / "c").load("qaa")
    path.write_text(path.read_text().replace("One paragraph.", "Two paragraph."))
    aged(path)  # same size, same mtime: only the ctime tells
    language = article(path.parent, tmp_path / "c").load("qaa")
    assert language is not None
    assert language.sections[0].paragraphs == ("Two paragraph.",)


def test_a_file_just_written_is_not_cached(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_language("qaa")
    article(path.parent, tmp_path / "c").load("qaa")
    assert not (tmp_path / "c").exists()


def test_a_file_replaced_during_the_parse_is_never_cached_as_the_new_one(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cp -p`, `rsync -a` and `tar` keep old mtimes: only the descriptor that was read tells."""
    path = aged(write_language("qaa"))
    import lastmile_cli.loader as loader

    real = loader.check_bytes

    def swap_then_check(*args: object, **kwargs: object) -> object:
        replacement = path.with_name("new.tmp")
        replacement.write_text(path.read_text().replace("One paragraph.", "New paragraph."))
        os.replace(aged(replacement), path)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "check_bytes", swap_then_check)
    article(path.parent, tmp_path / "c").load("qaa")  # parsed the old text, swapped meanwhile
    monkeypatch.setattr(loader, "check_bytes", real)
    language = article(path.parent, tmp_path / "c").load("qaa")
    assert language is not None
    assert language.sections[0].paragraphs == ("New paragraph.",)


def test_a_file_is_keyed_on_what_was_read_and_a_fifo_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "qaa.yaml"
    path.write_text("language: qaa\n")
    aged(path)
    data, found = read_source(str(path))
    assert found == identity(os.stat(path)) and data == b"language: qaa\n"
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(Exception, match="FIFO"):
        read_source(str(fifo))


@pytest.mark.parametrize("damage", [b"", b"LMC1", b"garbage" * 10, "flip"])
def test_a_corrupt_entry_is_ignored(
    write_language: Callable[..., Path], tmp_path: Path, damage: bytes | str
) -> None:
    path = aged(write_language("qaa"))
    article(path.parent, tmp_path / "c").load("qaa")
    (entry,) = entries(tmp_path / "c")
    if damage == "flip":
        data = bytearray(entry.read_bytes())
        data[-3] ^= 0xFF
        entry.write_bytes(bytes(data))
    else:
        assert isinstance(damage, bytes)
        entry.write_bytes(damage)
    language = article(path.parent, tmp_path / "c").load("qaa")
    assert language is not None
    assert language.title == "A test"


def test_any_damaged_byte_is_caught(write_language: Callable[..., Path], tmp_path: Path) -> None:
    """Every damaged byte, anywhere in the entry, is a miss: never a subtly different article."""
    path = aged(write_language("qaa"))
    fresh = loaded(path)
    article(path.parent, tmp_path / "c").load("qaa")
    (entry,) = entries(tmp_path / "c")
    original = entry.read_bytes()
    cache = Cache(str(tmp_path / "c"))
    for position in range(len(original)):
        for flip in (0x01, 0x80, 0xFF):
            data = bytearray(original)
            data[position] ^= flip
            entry.write_bytes(bytes(data))
            assert cache.get(str(path), str(path), "x", CONTEXT, OUTLINE) is None, (position, flip)
    entry.write_bytes(original)
    assert cache.get(str(path), str(path), "x", CONTEXT, OUTLINE) == fresh


def test_an_entry_written_for_another_model_is_a_miss(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))
    fresh = article(path.parent, tmp_path / "c").load("qaa")
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) == fresh
    monkeypatch.setattr(cache_module, "SHAPE", "id,title;code")
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None


def test_an_entry_with_a_field_of_the_wrong_kind_is_a_miss(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    fresh = loaded(path)
    first = fresh.sections[0]
    for wrong in (
        Section("No such", first.kind, first.title, first.paragraphs, (), "seed", "qaa"),
        Section("parcel", "chapter", first.title, first.paragraphs, (), "seed", "qaa"),
        Section("marathon", "section", first.title, first.paragraphs, (), "seed", "qaa"),
        Section(
            "summary", "section", first.title, first.paragraphs, (), "seed", "qaa", "key-point"
        ),
        Section("parcel", "example", first.title, first.paragraphs, (), "seed", "qaa", "Car Sales"),
    ):
        forge(path, tmp_path / "c", Language("qaa", "N", "N", "T", (wrong,)))
        assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None
    from lastmile_cli.fingerprints import fingerprint

    right = Section(
        "parcel",
        "example",
        first.title,
        first.paragraphs,
        (),
        "seed",
        "qaa",
        "marathon",
        digest=fingerprint(first.title, first.paragraphs),  # as checking the file makes it
    )
    forge(path, tmp_path / "c", Language("qaa", "N", "N", "T", (right,)))
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is not None


@pytest.mark.slow
@pytest.mark.parametrize(
    "hazard",
    ["\x1b[2J", "\x1b]0;owned\x07", "\x1b]8;;http://x\x1b\\link", "\x9b31m", "\u202e", "\x00"],
)
def test_a_forged_entry_can_never_show_what_a_file_could_not(
    write_language: Callable[..., Path], tmp_path: Path, hazard: str, spawn: Callable[..., object]
) -> None:
    path = aged(write_language("qaa"))
    fresh = loaded(path)
    if hazard == "\x00":  # the writer itself refuses the separator
        with pytest.raises(ValueError):
            forge(path, tmp_path / "c", with_text(fresh, f"x{hazard}y"))
        return
    forge(path, tmp_path / "c", with_text(fresh, f"evil {hazard} text"))
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None
    for fmt in ("text", "markdown", "json"):
        result = spawn(
            "explain", "-l", "qaa", "-f", fmt, "--data-dir", str(path.parent),
            env={"LASTMILE_CACHE_DIR": str(tmp_path / "c")},
        )  # fmt: skip
        out = result.stdout.decode()  # type: ignore[attr-defined]
        assert "evil" not in out and hazard not in out and "One paragraph." in out


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, *NOT_TIMED],
)
@given(
    paragraph=st.text(min_size=1, max_size=30),
    title=st.text(min_size=1, max_size=10),
    alias=st.text(max_size=10),
)
def test_whatever_the_cache_holds_no_refused_character_comes_out(
    write_language: Callable[..., Path], tmp_path: Path, paragraph: str, title: str, alias: str
) -> None:
    path = aged(write_language("qaa"))
    fresh = loaded(path)
    first = fresh.sections[0]
    section = Section(first.id, first.kind, title, (paragraph,), (alias,), "seed", "qaa")
    cache_dir = tmp_path / "prop"
    try:
        forged = Language(fresh.code, fresh.name, fresh.english_name, fresh.title, (section,))
        Cache(str(cache_dir)).put(str(path), identity(os.stat(path)), forged)
    except ValueError:
        return  # an atom with the separator: the writer refuses it
    language = Article([str(path.parent)], Cache(str(cache_dir))).load("qaa")
    assert language is not None
    for section in language.sections:
        for text in (section.title, *section.paragraphs, *section.aliases):
            assert first_unsafe(text) is None
    for entry in entries(cache_dir):
        entry.unlink()


def test_a_huge_count_in_an_entry_allocates_nothing(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """marshal would build a 2³¹-item tuple from a 17-byte header; a count is checked first."""
    path = aged(write_language("qaa"))
    entry = forge(path, tmp_path / "c", loaded(path))
    atoms = entry.read_bytes()[8:].split(b"\x00")
    # the key (5 atoms), then L, code, name, english_name, title and the number of sections
    assert atoms[5:11] == [b"L", b"qaa", b"Test", b"Test", b"A test", b"1"]
    atoms[10] = b"2147483648"
    payload = b"\x00".join(atoms)
    entry.write_bytes(cache_module.checksum(payload).to_bytes(8, "big") + payload)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None


def test_an_entry_that_is_a_fifo_or_a_link_does_not_hang_or_follow(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    entry = forge(path, tmp_path / "c", loaded(path))
    entry.unlink()
    os.mkfifo(entry)
    done: list[object] = []
    reader = threading.Thread(
        target=lambda: done.append(
            Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE)
        )
    )
    reader.start()
    reader.join(timeout=10)
    assert done == [None], "a FIFO entry blocked the reader"
    entry.unlink()
    entry.symlink_to("/dev/zero")
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None


def test_symlinks_planted_for_the_next_temporary_files_are_not_followed(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """Another user plants links named for the next pids: nothing they point at is touched."""
    path = aged(write_language("qaa"))
    cache_dir = tmp_path / "c"
    cache_dir.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    name = Cache._name(str(path))
    for pid in range(os.getpid() - 5, os.getpid() + 5):
        (cache_dir / f".{name}.{pid}.tmp").symlink_to(victim)
    (cache_dir / name).symlink_to(victim)
    article(path.parent, cache_dir).load("qaa")
    assert victim.read_text() == "precious"
    assert (
        Cache(str(cache_dir)).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None
    )  # the link stays a miss


@pytest.mark.parametrize("mode", [0o770, 0o777, 0o720, 0o702])
def test_a_cache_directory_others_can_write_is_not_used(
    write_language: Callable[..., Path], tmp_path: Path, mode: int
) -> None:
    path = aged(write_language("qaa"))
    cache_dir = tmp_path / "shared"
    cache_dir.mkdir()
    article(path.parent, cache_dir).load("qaa")
    (entry,) = entries(cache_dir)
    planted = entry.read_bytes()
    entry.unlink()
    cache_dir.chmod(mode)
    article(path.parent, cache_dir).load("qaa")
    assert entries(cache_dir) == []  # no write
    entry.write_bytes(planted)
    assert (
        Cache(str(cache_dir)).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None
    )  # and no read


def test_a_cache_directory_owned_by_someone_else_is_not_used(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(tmp_path).st_uid + 1)
    article(path.parent, tmp_path / "c").load("qaa")
    assert entries(tmp_path / "c") == []


def test_the_cache_directory_is_created_private(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    article(path.parent, tmp_path / "new" / "c").load("qaa")
    assert stat.S_IMODE(os.stat(tmp_path / "new" / "c").st_mode) == 0o700
    (entry,) = entries(tmp_path / "new" / "c")
    assert stat.S_IMODE(os.stat(entry).st_mode) == 0o600


def test_a_broken_file_is_remembered_and_still_warned_about(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa", "language: qaa\nname: [x]\n"))
    first = article(path.parent, tmp_path / "c")
    assert first.load("qaa") is None
    assert len(entries(tmp_path / "c")) == 1
    import lastmile_cli.loader as loader

    monkeypatch.setattr(loader, "check_bytes", lambda *a, **k: pytest.fail("parsed again"))
    again = article(path.parent, tmp_path / "c")
    assert again.load("qaa") is None
    assert again.warnings == first.warnings
    assert "qaa.yaml:1:1: the file is missing 'title' (and 2 more)" in again.warnings[0]


def test_entries_of_deleted_files_go_at_the_daily_look_through(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    cache_dir = tmp_path / "c"
    gone = aged(write_language("qaa", directory="gone"))
    article(gone.parent, cache_dir).load("qaa")
    gone.unlink()
    second = aged(write_language("qab", directory="d1"))
    article(second.parent, cache_dir).load("qab")
    assert len(entries(cache_dir)) == 2  # looked through today already: nothing read
    day = cache_module.PRUNE_SECONDS
    os.utime(cache_dir / STAMP, (PAST, PAST))
    third = aged(write_language("qac", directory="d2"))
    article(third.parent, cache_dir).load("qac")
    assert [e.name for e in entries(cache_dir)] == sorted(
        Cache._name(str(p)) for p in (second, third)
    )
    assert (cache_dir / STAMP).stat().st_mtime > PAST + day  # and noted


def test_a_full_cache_keeps_what_it_holds(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More files than entries: the first stay cached, the others are parsed each time but
    never written, so no run evicts what the next one needs (no run slower than no cache)."""
    cache_dir = tmp_path / "c"
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    paths = [aged(write_language("qab", directory=f"d{i}")) for i in range(5)]
    for path in paths:
        article(path.parent, cache_dir).load("qab")
    held = sorted(Cache._name(str(p)) for p in paths[:3])
    assert [e.name for e in entries(cache_dir)] == held
    for path in paths:  # again: the same three hit, the other two miss, nothing is written
        article(path.parent, cache_dir).load("qab")
    assert [e.name for e in entries(cache_dir)] == held
    import lastmile_cli.loader as loader

    monkeypatch.setattr(loader, "check_bytes", lambda *a, **k: pytest.fail("parsed again"))
    for path in paths[:3]:
        article(path.parent, cache_dir).load("qab")
    edited = paths[0]
    monkeypatch.undo()
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    edited.write_text(edited.read_text().replace("Test", "Edited"))
    aged(edited)
    article(edited.parent, cache_dir).load("qab")  # full, but its own entry is replaced
    language = Cache(str(cache_dir)).get(str(edited), str(edited), "x", CONTEXT, OUTLINE)
    assert language is not None and not isinstance(language, tuple)
    assert language.name == "Edited"


def test_pruning_reads_the_entries_once_a_day_not_at_every_write(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "c"
    paths = [aged(write_language(f"qa{c}", directory="user")) for c in "abcdefgh"]
    reads: list[str] = []
    real = cache_module._read_entry

    def counted(name: str, directory: int, limit: int = cache_module.MAX_ENTRY) -> object:
        if limit == cache_module.HEADER_BYTES:  # pruning's reads, not a lookup's
            reads.append(name)
        return real(name, directory, limit)

    monkeypatch.setattr(cache_module, "_read_entry", counted)
    for path in paths:  # eight runs, each writing one entry
        article(path.parent, cache_dir).load(path.stem)
    assert reads == []  # no header read to write them: no look through at every write
    os.utime(cache_dir / STAMP, (PAST, PAST))
    writes = Article([str(paths[0].parent)], Cache(str(cache_dir)))
    for path in paths:
        path.write_text(path.read_text().replace("Test", "Again"))
        aged(path)
    for path in paths:  # one run writing eight entries, a day later: one look through
        writes.load(path.stem)
    assert sorted(reads) == sorted(Cache._name(str(p)) for p in paths[1:])
    reads.clear()
    os.utime(cache_dir / STAMP, (PAST, PAST))
    more = aged(write_language("qai", directory="user"))
    article(more.parent, cache_dir).load("qai")
    assert sorted(reads) == sorted(Cache._name(str(p)) for p in paths)


def test_an_entry_in_use_is_marked_so_once_a_day(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """A hit on an entry older than a day renews its mtime (what pruning reads as its last
    use); a younger one is not touched."""
    path = aged(write_language("qaa"))
    entry = forge(path, tmp_path / "c", loaded(path))
    young = entry.stat().st_mtime_ns
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is not None
    assert entry.stat().st_mtime_ns == young
    os.utime(entry, (PAST, PAST))
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is not None
    assert entry.stat().st_mtime > PAST + cache_module.PRUNE_SECONDS


def test_entries_unused_for_a_month_go(
    write_language: Callable[..., Path], tmp_path: Path, prune_always: None
) -> None:
    import time

    cache_dir = tmp_path / "c"
    old, recent = (aged(write_language(c, directory="user")) for c in ("qaa", "qab"))
    for path in (old, recent):
        article(path.parent, cache_dir).load(path.stem)
    month = time.time() - cache_module.UNUSED_SECONDS - 60
    os.utime(cache_dir / Cache._name(str(old)), (month, month))
    third = aged(write_language("qac", directory="other"))  # (a run of the folder reads all)
    article(third.parent, cache_dir).load("qac")
    assert [e.name for e in entries(cache_dir)] == sorted(
        Cache._name(str(p)) for p in (recent, third)
    )


def test_an_unwritable_cache_directory_still_works(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    assert article(path.parent, blocker / "cache").load("qaa") is not None


def test_a_read_only_cache_directory_still_works(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    cache = tmp_path / "ro"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert article(path.parent, cache).load("qaa") is not None
    finally:
        cache.chmod(0o700)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LASTMILE_CACHE_DIR": "/x"}, "/x"),
        ({"LASTMILE_CACHE_DIR": ""}, None),
        ({"XDG_CACHE_HOME": "/c", "HOME": "/h"}, "/c/lastmile"),
        ({"HOME": "/h"}, "/h/.cache/lastmile"),
        ({"XDG_CACHE_HOME": "relative", "HOME": "/h"}, "/h/.cache/lastmile"),
        ({}, None),
    ],
)
def test_where_the_cache_lives(env: dict[str, str], expected: str | None) -> None:
    found = default_dir(env)
    assert (str(found) if found else None) == expected


def test_a_link_to_a_genuine_entry_is_still_not_followed(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """Even a link to a valid entry (planted by someone who copied one) is a miss."""
    path = aged(write_language("qaa"))
    entry = forge(path, tmp_path / "c", loaded(path))
    elsewhere = tmp_path / "elsewhere.lmc"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None
    elsewhere.rename(entry.with_name("x"))
    entry.unlink()
    entry.with_name("x").rename(entry)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) == loaded(
        path
    )


def test_an_entry_larger_than_the_limit_is_not_read(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))
    entry = forge(path, tmp_path / "c", loaded(path))
    monkeypatch.setattr(cache_module, "MAX_ENTRY", entry.stat().st_size)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) == loaded(
        path
    )
    monkeypatch.setattr(cache_module, "MAX_ENTRY", entry.stat().st_size - 1)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None
    monkeypatch.setattr(cache_module, "MAX_ENTRY", 10**9)
    cache = Cache(str(tmp_path / "c"))
    language = loaded(path)
    monkeypatch.setattr(cache_module, "MAX_ENTRY", 10)
    cache.put(str(path), identity(os.stat(path)), language)  # too large to write, too
    assert entries(tmp_path / "c") == [entry]


def test_stale_temporary_files_are_removed_after_an_hour(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    import time

    cache_dir = tmp_path / "c"
    cache_dir.mkdir(mode=0o700)
    stem = "0123456789abcdef.lmc"
    old, young, empty = (cache_dir / f".{stem}.{pid}.tmp" for pid in (1, 2, 3))
    for file, age in ((old, 3600.5), (young, 3599), (empty, 7200)):
        file.write_bytes(b"" if file is empty else b"\x00" * 8 + b"LMC3\x00half an entry")
        moment = time.time() - age
        os.utime(file, (moment, moment))
    path = aged(write_language("qaa"))
    article(path.parent, cache_dir).load("qaa")
    assert not old.exists() and young.exists() and not empty.exists()
    assert len(entries(cache_dir)) == 1


def test_pruning_removes_only_what_lastmile_wrote(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """LASTMILE_CACHE_DIR=~/.cache, taken for the XDG base: the other programs' old temporary
    files and .lmc files stay, even under names like lastmile's, unless they hold an entry."""
    cache_dir = tmp_path / "xdg"
    cache_dir.mkdir(mode=0o700)
    theirs = {
        "download.tmp": b"another program's",
        ".0123456789abcdef.lmc.7.tmp": b"not an entry, though named like a temporary",
        "0123456789abcdef.lmc": b"\x00" * 8 + b"XYZ1\x00 named like an entry, not one",
        "project.lmc": b"\x00" * 8 + b"LMC3\x00 an entry's start, under another name",
        ".tmp": b"",
        "notes.txt": b"kept",
    }
    for name, data in theirs.items():
        (cache_dir / name).write_bytes(data)
        os.utime(cache_dir / name, (PAST, PAST))
    (cache_dir / "fedcba9876543210.lmc").symlink_to(cache_dir / "notes.txt")
    path = aged(write_language("qaa"))
    article(path.parent, cache_dir).load("qaa")
    assert {p.name: p.read_bytes() for p in cache_dir.iterdir() if p.name in theirs} == theirs
    assert (cache_dir / "fedcba9876543210.lmc").is_symlink()
    assert (cache_dir / Cache._name(str(path))).exists()


SHAPE, MAGIC = cache_module.SHAPE, cache_module.MAGIC


def test_entries_of_another_format_are_removed(
    write_language: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    prune_always: None,
) -> None:
    """Entries of another format (an older lastmile) or another model go; a damaged entry of
    lastmile's own goes; what is not lastmile's stays."""
    cache_dir = tmp_path / "c"
    cache_dir.mkdir(mode=0o700)
    (cache_dir / "garbage.lmc").write_bytes(b"not an entry at all")
    (cache_dir / "notes.txt").write_text("kept: not ours")
    (cache_dir / "00000000000000ff.lmc").write_bytes(b"\x00" * 8 + b"LMC3\x00")  # damaged
    other = aged(write_language("qab", directory="other"))
    monkeypatch.setattr(cache_module, "SHAPE", "another,model")
    article(other.parent, cache_dir).load("qab")
    monkeypatch.setattr(cache_module, "MAGIC", "LMC9")
    third = aged(write_language("qac", directory="third"))
    article(third.parent, cache_dir).load("qac")
    monkeypatch.setattr(cache_module, "SHAPE", SHAPE)
    monkeypatch.setattr(cache_module, "MAGIC", MAGIC)
    path = aged(write_language("qaa"))
    article(path.parent, cache_dir).load("qaa")
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted(
        [Cache._name(str(path)), "garbage.lmc", "notes.txt", STAMP]
    )


def test_the_cap_keeps_the_newest_entries_and_counts_bytes_exactly(
    write_language: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    prune_always: None,
) -> None:
    cache_dir = tmp_path / "c"
    paths = [aged(write_language("qab", directory=f"d{i}")) for i in range(5)]
    for index, path in enumerate(paths[:4]):
        article(path.parent, cache_dir).load("qab")
        entry = cache_dir / Cache._name(str(path))
        moment = time.time_ns() - (10 - index) * 10**9
        os.utime(entry, ns=(moment, moment))  # a strict order, oldest first
    sizes = {
        Cache._name(str(p)): (cache_dir / Cache._name(str(p))).stat().st_size for p in paths[:4]
    }
    # the new entry, and room for exactly the two newest others
    monkeypatch.setattr(cache_module, "MAX_TOTAL", sizes[Cache._name(str(paths[3]))] * 2)
    article(paths[4].parent, cache_dir).load("qab")
    kept = sorted(p.name for p in entries(cache_dir))
    assert kept == sorted(Cache._name(str(p)) for p in (paths[2], paths[3], paths[4]))


def test_a_cache_closes_its_directory(write_language: Callable[..., Path], tmp_path: Path) -> None:
    path = aged(write_language("qaa"))
    cache = Cache(str(tmp_path / "c"))
    Article([str(path.parent)], cache).load("qaa")
    descriptor = cache._descriptor
    assert descriptor is not None
    os.fstat(descriptor)
    cache.close()
    with pytest.raises(OSError):
        os.fstat(descriptor)
    cache.close()  # twice is fine


def test_a_fifo_or_a_dangling_link_among_the_entries_does_not_stop_pruning(
    write_language: Callable[..., Path], tmp_path: Path, prune_always: None
) -> None:
    """Pruning opens entries to read their headers: a FIFO must not block it, a link not stop
    it; neither is lastmile's, so both stay."""
    cache_dir = tmp_path / "c"
    gone = [aged(write_language("qab", directory=f"gone{i}")) for i in range(2)]
    for path in gone:
        article(path.parent, cache_dir).load("qab")
        path.unlink()
    os.mkfifo(cache_dir / "00000000000000f0.lmc")
    (cache_dir / "00000000000000f1.lmc").symlink_to(tmp_path / "nowhere")
    young = f".{Cache._name('x')}.1.tmp"
    (cache_dir / young).write_text("x")
    (cache_dir / "00000000000000f2.lmc").write_bytes(
        b"\x00" * 8 + f"LMC3\x00{cache_module.SHAPE}".encode()
    )
    path = aged(write_language("qaa"))
    done: list[bool] = []
    worker = threading.Thread(
        target=lambda: done.append(article(path.parent, cache_dir).load("qaa") is not None)
    )
    worker.start()
    worker.join(timeout=20)
    assert done == [True], "pruning blocked"
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted(
        ["00000000000000f0.lmc", "00000000000000f1.lmc", young, Cache._name(str(path)), STAMP]
    )


def test_a_file_that_cannot_be_removed_does_not_stop_the_run(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "c"
    gone = aged(write_language("qab", directory="gone"))
    article(gone.parent, cache_dir).load("qab")
    gone.unlink()
    (cache_dir / f".{Cache._name('x')}.1.tmp").write_text("")
    os.utime(cache_dir / f".{Cache._name('x')}.1.tmp", (0, 0))

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("no")

    monkeypatch.setattr(os, "unlink", refuse)
    path = aged(write_language("qaa"))
    assert article(path.parent, cache_dir).load("qaa") is not None
    assert (cache_dir / Cache._name(str(path))).exists()


def test_an_entry_with_anything_after_its_value_is_a_miss(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    entry = forge(path, tmp_path / "c", loaded(path))
    payload = entry.read_bytes()[8:] + b"\x00extra"
    entry.write_bytes(cache_module.checksum(payload).to_bytes(8) + payload)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None


def test_an_entry_made_by_another_loader_is_a_miss(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))
    article(path.parent, tmp_path / "c").load("qaa")
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is not None
    monkeypatch.setattr(cache_module, "code_identity", lambda package: "another loader")
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is None


def test_a_file_changed_while_it_was_read_is_not_cached(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    Cache(str(tmp_path / "c")).put(str(path), None, loaded(path))
    assert not (tmp_path / "c").exists()
    Cache(str(tmp_path / "c")).put(str(path), identity(os.stat(path)), loaded(path))
    assert len(entries(tmp_path / "c")) == 1


def test_an_entry_exactly_at_the_limit_is_written(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))
    size = forge(path, tmp_path / "c", loaded(path)).stat().st_size
    for limit, written in ((size, True), (size - 1, False)):
        monkeypatch.setattr(cache_module, "MAX_ENTRY", limit)
        target = tmp_path / f"c{limit}"
        Cache(str(target)).put(str(path), identity(os.stat(path)), loaded(path), CONTEXT)
        assert (len(entries(target)) == 1 if target.exists() else False) is written


def test_closing_is_safe_whatever_happened_before() -> None:
    Cache.__new__(Cache).close()  # an __init__ that never ran
    cache = Cache(None)
    cache._descriptor = os.open(os.devnull, os.O_RDONLY)
    os.close(cache._descriptor)
    cache.close()  # already closed by someone else
    assert cache._descriptor is None


def test_a_failed_write_leaves_no_temporary_behind(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    assert article(path.parent, tmp_path / "c").load("qaa") is not None
    assert [p.name for p in (tmp_path / "c").iterdir()] == [STAMP]


def test_the_cap_goes_on_when_an_old_entry_cannot_be_removed(
    write_language: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    prune_always: None,
) -> None:
    cache_dir = tmp_path / "c"
    first = aged(write_language("qab", directory="one"))
    article(first.parent, cache_dir).load("qab")
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 1)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("no")

    monkeypatch.setattr(os, "unlink", refuse)
    second = aged(write_language("qab", directory="two"))
    assert article(second.parent, cache_dir).load("qab") is not None
    assert [e.name for e in entries(cache_dir)] == [Cache._name(str(first))]  # full: kept


def test_a_link_among_the_entries_is_left_alone_not_followed(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """A link, even to a genuine entry of a file that exists, is not lastmile's: never read,
    never removed."""
    cache_dir = tmp_path / "c"
    kept = aged(write_language("qab", directory="kept"))
    article(kept.parent, cache_dir).load("qab")
    genuine = cache_dir / Cache._name(str(kept))
    (cache_dir / "0000000000000001.lmc").symlink_to(genuine)
    path = aged(write_language("qaa"))
    article(path.parent, cache_dir).load("qaa")
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted(
        [genuine.name, "0000000000000001.lmc", Cache._name(str(path)), STAMP]
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("0123456789abcdef.lmc", True),
        ("0123456789ABCDEF.lmc", False),
        ("0123456789abcde.lmc", False),
        ("0123456789abcdefa.lmc", False),
        ("0123456789abcdeg.lmc", False),
        ("0123456789abcdef.lmcx", False),
        ("0123456789abcdef", False),
    ],
)
def test_the_names_lastmile_gives_entries(name: str, expected: bool) -> None:
    assert cache_module.is_entry_name(name) is expected
    assert cache_module.is_temporary_name(f".{name}.12.tmp") is expected
    assert not cache_module.is_temporary_name(f".{name}.1x.tmp")
    assert not cache_module.is_temporary_name(f".{name}.٣.tmp")  # a digit, but not ASCII
    assert not cache_module.is_temporary_name(f"{name}.12.tmp")
    assert not cache_module.is_temporary_name(f".{name}..tmp")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"12345678LMC3\x00", True),
        (b"12345678LMC1\x00rest", True),
        (b"12345678LMC\x00", False),
        (b"12345678LMCx\x00", False),
        (b"12345678LMC33", False),
        (b"LMC3\x00", False),
        (b"", False),
    ],
)
def test_what_lastmile_writes_begins_so(data: bytes, expected: bool) -> None:
    assert cache_module.is_header(data) is expected


def test_a_cache_directory_that_is_a_link_is_refused_with_one_warning(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """Another member of a group-writable folder plants a link under the cache's name, to a
    directory the victim owns: nothing is written there, nothing of it removed."""
    victim = tmp_path / "victim"
    victim.mkdir(mode=0o700)
    (victim / "draft.tmp").write_text("precious")
    os.utime(victim / "draft.tmp", (PAST, PAST))
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "cache").symlink_to(victim)
    path = aged(write_language("qaa"))
    cache = Cache(str(shared / "cache"))
    assert Article([str(path.parent)], cache).load("qaa") is not None
    Article([str(path.parent)], cache).load("qaa")  # a second put: still one warning
    assert cache.warnings == [
        f"warning: the cache directory {shared / 'cache'} is a symbolic link;"
        " lastmile works without the cache"
    ]
    assert sorted(p.name for p in victim.iterdir()) == ["draft.tmp"]
    assert (
        Cache(str(shared / "cache") + "/").get(str(path), str(path), "x", CONTEXT, OUTLINE) is None
    )


@pytest.mark.slow
def test_a_refused_cache_directory_is_named_once_on_stderr(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    import subprocess
    import sys

    from conftest import subprocess_env

    path = aged(write_language("qaa"))
    others = tmp_path / "others"
    others.mkdir()
    others.chmod(0o777)
    (tmp_path / "link").symlink_to(others)
    for cache_dir, why in (
        (tmp_path / "link", "is a symbolic link"),
        (others, "others may write to"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "lastmile_cli", "languages", "--data-dir", str(path.parent)],
            env=subprocess_env(LASTMILE_CACHE_DIR=str(cache_dir)),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0
        (line,) = result.stderr.splitlines()
        assert why in line and str(cache_dir) in line and line.startswith("lastmile: warning: ")
        assert "qaa" in result.stdout
    assert list(others.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_every_directory_lastmile_creates_is_private_whatever_the_umask(
    write_language: Callable[..., Path], tmp_path: Path, umask: int
) -> None:
    """Under umask 000, a missing ~/.cache would come out world-writable; under 277 unwritable."""
    import subprocess
    import sys

    from conftest import subprocess_env

    path = aged(write_language("qaa"))
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    env = subprocess_env(HOME=str(home))
    env.pop("LASTMILE_CACHE_DIR", None)
    env.pop("XDG_CACHE_HOME", None)
    result = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", "languages", "--data-dir", str(path.parent)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.umask(umask),
    )
    assert (result.returncode, result.stderr) == (0, "")
    for directory in (home / ".cache", home / ".cache" / "lastmile"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory
    assert len(entries(home / ".cache" / "lastmile")) == 1
    assert stat.S_IMODE(home.stat().st_mode) == 0o700  # what existed is left as it was


def test_a_new_directory_swapped_for_someone_elses_is_not_used(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between lastmile's mkdir and its open, another user swaps the new directory: nothing is
    made inside it, and nothing of it changed."""
    path = aged(write_language("qaa"))
    real_mkdir = os.mkdir

    def mkdir_then_swap(name: str, mode: int = 0o777, *, dir_fd: int | None = None) -> None:
        real_mkdir(name, mode, dir_fd=dir_fd)
        if name == "a":
            os.rename("a", "mine", src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            real_mkdir("a", 0o755, dir_fd=dir_fd)

    monkeypatch.setattr(os, "mkdir", mkdir_then_swap)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(tmp_path).st_uid + 1)
    monkeypatch.setattr(os, "fchmod", lambda *a: pytest.fail("changed a directory not its own"))
    Article([str(path.parent)], Cache(str(tmp_path / "a" / "b"))).load("qaa")
    assert list((tmp_path / "a").iterdir()) == []


@pytest.mark.slow
def test_a_second_user_cannot_lend_the_cache_a_directory(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """A real second user (nobody, through runuser) in a folder both may write: a link to the
    victim's own directory, and a directory of their own, under the cache's name. lastmile,
    run by the victim, uses neither, says so once, and changes nothing in either."""
    import shutil
    import subprocess
    import sys
    import tempfile

    from conftest import subprocess_env

    if os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip("needs root and runuser to act as a second user")
    path = aged(write_language("qaa"))
    victim = tmp_path / "victim"
    victim.mkdir(mode=0o700)
    (victim / "draft.tmp").write_text("precious")
    os.utime(victim / "draft.tmp", (PAST, PAST))
    shared = Path(tempfile.mkdtemp(prefix="lastmile-shared-"))
    try:
        shared.chmod(0o777)
        for step in (
            ["ln", "-s", str(victim), str(shared / "link")],
            ["mkdir", str(shared / "theirs")],
        ):
            done = subprocess.run(["runuser", "-u", "nobody", "--", *step], capture_output=True)
            if done.returncode != 0:
                pytest.skip(f"runuser could not act as nobody: {done.stderr!r}")
        for name, why in (("link", "is a symbolic link"), ("theirs", "belongs to another user")):
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "lastmile_cli",
                    "search",
                    "One",
                    "--data-dir",
                    str(path.parent),
                ],
                env=subprocess_env(LASTMILE_CACHE_DIR=str(shared / name)),
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert result.returncode == 0
            assert result.stderr == (
                f"lastmile: warning: the cache directory {shared / name} {why};"
                " lastmile works without the cache\n"
            )
        assert sorted(p.name for p in victim.iterdir()) == ["draft.tmp"]
        assert list((shared / "theirs").iterdir()) == []
    finally:
        shutil.rmtree(shared)


def test_an_entry_is_served_only_in_the_context_it_was_checked_in(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """What checking a file gives depends on the bundled article and on whether the file
    patches another layer: an entry made in one context is a miss in another."""
    path = aged(
        write_language(
            "qaa",
            "language: qaa\nsections:\n"
            + "  - {id: s, kind: section, title: S, paragraphs: [x]}\n",
        )
    )
    alone = article(path.parent, tmp_path / "c")
    assert alone.load("qaa") is None  # no next layer: its missing name is an error
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is not None
    patch = cache_context(Bundle(), patch=True)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", patch, OUTLINE) is None
    lower = tmp_path / "lower"
    lower.mkdir()
    (lower / "qaa.yaml").write_text(
        "language: qaa\nname: Q\ntitle: T\nsections:\n  - {id: s, kind: section, title: S, paragraphs: [y]}\n",
        encoding="utf-8",
    )
    layered = Article([str(path.parent), str(lower)], Cache(str(tmp_path / "c")))
    language = layered.load("qaa")
    assert language is not None and language.name == "Q"  # checked again, as a patch
    assert language.sections[0].paragraphs == ("x",)
    other = f"another article|{'whole'}"
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", other, OUTLINE) is None


def test_pruning_removes_an_entry_whose_header_ends_before_its_fields_do(tmp_path: Path) -> None:
    """An entry cut short after its source path (a disk that filled mid-write) is removed, even
    though the file it was made from is still there; a whole one beside it is kept."""
    source = tmp_path / "de.yaml"
    source.write_text("language: de\n", encoding="utf-8")
    directory = tmp_path / "cache"
    directory.mkdir()
    fields = [cache_module.MAGIC, cache_module.SHAPE, "code", os.fsencode(source).hex()]
    whole = b"\x00".join(f.encode() for f in [*fields, "1,2"])
    cut = b"\x00".join(f.encode() for f in fields)
    (directory / ("0" * 16 + ".lmc")).write_bytes(b"checksum" + whole)
    (directory / ("1" * 16 + ".lmc")).write_bytes(b"checksum" + cut)
    (directory / ("2" * 16 + ".lmc")).write_bytes(b"checksum" + b"LMC4\x00")  # magic alone
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        cache_module.prune(descriptor, keep="")
    finally:
        os.close(descriptor)
    assert [p.name for p in entries(directory)] == ["0" * 16 + ".lmc"]


# -- second round of survivors (issue 23): the boundaries and the races of the cache ----------


def test_an_entry_larger_than_what_pruning_reads_of_it_is_looked_through_as_any(
    write_language: Callable[..., Path], tmp_path: Path, prune_always: None
) -> None:
    """Pruning reads only an entry's first HEADER_BYTES (its source path is among them): a
    larger entry, of a file with a long paragraph, goes when its file is gone and stays when
    it is not, as a small one does."""
    cache_dir = tmp_path / "c"
    text = MINIMAL.format(code="qab").replace("One paragraph.", "Long. " * 8000)
    gone, kept = (aged(write_language("qab", text, directory=d)) for d in ("gone", "kept"))
    for path in (gone, kept):
        article(path.parent, cache_dir).load("qab")
    sizes = [p.stat().st_size for p in entries(cache_dir)]
    assert len(sizes) == 2 and min(sizes) > cache_module.HEADER_BYTES
    gone.unlink()
    third = aged(write_language("qab", directory="third"))
    assert article(third.parent, cache_dir).load("qab") is not None
    assert [e.name for e in entries(cache_dir)] == sorted(
        Cache._name(str(p)) for p in (kept, third)
    )


def test_the_cap_keeps_exactly_max_entries_the_new_one_among_them(
    write_language: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    prune_always: None,
) -> None:
    """A full directory (MAX_ENTRIES entries) looked through by a run writing a new file:
    the oldest goes, and the directory holds MAX_ENTRIES again, the new entry among them."""
    cache_dir = tmp_path / "c"
    paths = [aged(write_language("qab", directory=f"d{i}")) for i in range(4)]
    for index, path in enumerate(paths[:3]):
        article(path.parent, cache_dir).load("qab")
        moment = time.time_ns() - (10 - index) * 10**9
        os.utime(cache_dir / Cache._name(str(path)), ns=(moment, moment))  # oldest first
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    article(paths[3].parent, cache_dir).load("qab")
    assert [e.name for e in entries(cache_dir)] == sorted(Cache._name(str(p)) for p in paths[1:])


def test_one_run_storing_many_new_files_stops_at_the_cap(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count of entries is taken once, at a run's first write, and each new entry adds to
    it: a single run parsing more files than the cap stores only as many as the cap."""
    cache_dir = tmp_path / "c"
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 2)
    paths = [aged(write_language("qab", directory=f"d{i}")) for i in range(4)]
    cache = Cache(str(cache_dir))
    for path in paths:
        assert Article([str(path.parent)], cache).load("qab") is not None
    cache.close()
    assert [e.name for e in entries(cache_dir)] == sorted(Cache._name(str(p)) for p in paths[:2])


def test_a_cache_directory_removed_while_an_entry_is_written_does_not_stop_the_run(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rm -rf ~/.cache/lastmile` in another window while lastmile writes: the temporary file
    is gone with the directory, so neither the rename nor the clean-up can be done; the run
    goes on with what it parsed."""
    import shutil

    cache_dir = tmp_path / "c"
    path = aged(write_language("qaa"))
    real = os.replace

    def removed_then_replace(*args: Any, **kwargs: Any) -> None:
        shutil.rmtree(cache_dir)
        real(*args, **kwargs)

    monkeypatch.setattr(os, "replace", removed_then_replace)
    language = article(path.parent, cache_dir).load("qaa")
    assert language is not None and language.sections[0].paragraphs == ("One paragraph.",)
    assert not cache_dir.exists()


def test_an_entry_read_exactly_a_day_after_its_last_use_is_not_marked_yet(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry's mtime is renewed by a hit more than PRUNE_SECONDS after it: at exactly that
    age it is left as it is, a second later it is renewed."""
    import types

    path = aged(write_language("qaa"))
    entry = forge(path, tmp_path / "c", loaded(path))
    os.utime(entry, (PAST, PAST))
    clock = types.SimpleNamespace(time=lambda: PAST + cache_module.PRUNE_SECONDS)
    monkeypatch.setattr(cache_module, "time", clock)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is not None
    assert entry.stat().st_mtime == PAST
    clock.time = lambda: PAST + cache_module.PRUNE_SECONDS + 1
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", CONTEXT, OUTLINE) is not None
    assert entry.stat().st_mtime > PAST + cache_module.PRUNE_SECONDS


def test_the_pruning_stamp_is_dated_itself_never_through_a_link(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamp swapped for a link between its creation and its new date: the link is dated,
    the file it points to (a user's own) keeps its time."""
    victim = tmp_path / "notes.txt"
    victim.write_text("mine\n")
    aged(victim)
    real = os.utime

    def swapped_then_dated(name: Any, *args: Any, **kwargs: Any) -> None:
        if name == STAMP:
            os.unlink(STAMP, dir_fd=kwargs["dir_fd"])
            os.symlink(victim, STAMP, dir_fd=kwargs["dir_fd"])
        real(name, *args, **kwargs)

    monkeypatch.setattr(os, "utime", swapped_then_dated)
    path = aged(write_language("qaa"))
    assert article(path.parent, tmp_path / "c").load("qaa") is not None
    assert (tmp_path / "c" / STAMP).is_symlink()  # (the swap was made)
    assert victim.stat().st_mtime == PAST and victim.read_text() == "mine\n"


def test_a_directory_another_lastmile_made_meanwhile_is_left_as_it_is(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between lastmile's look (missing) and its mkdir, another program makes the directory,
    0755: it is used as it is, not made private, and the cache is made inside it."""
    path = aged(write_language("qaa"))
    real_mkdir = os.mkdir

    def made_meanwhile(name: str, mode: int = 0o777, *, dir_fd: int | None = None) -> None:
        if name == "a":
            real_mkdir("a", 0o755, dir_fd=dir_fd)
            os.chmod("a", 0o755, dir_fd=dir_fd)
        real_mkdir(name, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "mkdir", made_meanwhile)
    Article([str(path.parent)], Cache(str(tmp_path / "a" / "b"))).load("qaa")
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700
    assert len(entries(tmp_path / "a" / "b")) == 1


def test_a_link_put_meanwhile_where_a_directory_is_to_be_made_is_not_followed(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between lastmile's look (missing) and its mkdir, a link to another directory takes the
    new directory's name: nothing is made through it, and there is no cache for the run."""
    path = aged(write_language("qaa"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real_mkdir = os.mkdir

    def linked_meanwhile(name: str, mode: int = 0o777, *, dir_fd: int | None = None) -> None:
        if name == "a":
            os.symlink(elsewhere, "a", dir_fd=dir_fd)
        real_mkdir(name, mode, dir_fd=dir_fd)

    monkeypatch.setattr(os, "mkdir", linked_meanwhile)
    assert Article([str(path.parent)], Cache(str(tmp_path / "a" / "b"))).load("qaa") is not None
    assert list(elsewhere.iterdir()) == []
