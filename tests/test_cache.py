"""The cache of user files: fast when warm, never wrong after an edit, and no weapon for others.

Forged entries are made with the project's own writer (`Cache.put` given a value the loader
would never produce), so each test attacks the reader, not a format of its own invention.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lastmile_cli.cache as cache_module
from conftest import OUTLINE
from lastmile_cli.bundle import Bundle
from lastmile_cli.cache import Cache, default_dir
from lastmile_cli.content import Catalog, cache_context
from lastmile_cli.files import identity, read_source
from lastmile_cli.model import Language, Section
from lastmile_cli.textutil import first_unsafe

PAST = 1_600_000_000
CONTEXT = cache_context(Bundle(), patch=False)  # what a run's entry for a new language is keyed by


def aged(path: Path) -> Path:
    os.utime(path, (PAST, PAST))
    return path


def catalog(user: Path, cache_dir: Path | None) -> Catalog:
    return Catalog([str(user)], Cache(str(cache_dir) if cache_dir else None))


def entries(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.name.endswith(".lmc"))


def forge(path: Path, cache_dir: Path, value: Language) -> Path:
    """Write `value` as the entry for `path`, as lastmile's own writer would."""
    cache = Cache(str(cache_dir))
    cache.put(str(path), identity(os.stat(path)), value)
    (entry,) = entries(cache_dir)
    return entry


def loaded(path: Path) -> Language:
    language = catalog(path.parent, None).load(path.stem)
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
    assert catalog(path.parent, tmp_path / "c").load("qaa") is not None
    assert len(entries(tmp_path / "c")) == 1
    import lastmile_cli.loader as loader

    monkeypatch.setattr(loader, "check_bytes", lambda *a, **k: pytest.fail("parsed again"))
    language = catalog(path.parent, tmp_path / "c").load("qaa")
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
    catalog(path.parent, tmp_path / "c").load("qaa")
    path.write_text(path.read_text().replace("One paragraph.", "Two paragraph."))
    aged(path)  # same size, same mtime: only the ctime tells
    language = catalog(path.parent, tmp_path / "c").load("qaa")
    assert language is not None
    assert language.sections[0].paragraphs == ("Two paragraph.",)


def test_a_file_just_written_is_not_cached(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_language("qaa")
    catalog(path.parent, tmp_path / "c").load("qaa")
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
    catalog(path.parent, tmp_path / "c").load("qaa")  # parsed the old text, swapped meanwhile
    monkeypatch.setattr(loader, "check_bytes", real)
    language = catalog(path.parent, tmp_path / "c").load("qaa")
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
    catalog(path.parent, tmp_path / "c").load("qaa")
    (entry,) = entries(tmp_path / "c")
    if damage == "flip":
        data = bytearray(entry.read_bytes())
        data[-3] ^= 0xFF
        entry.write_bytes(bytes(data))
    else:
        assert isinstance(damage, bytes)
        entry.write_bytes(damage)
    language = catalog(path.parent, tmp_path / "c").load("qaa")
    assert language is not None
    assert language.title == "A test"


def test_any_damaged_byte_is_caught(write_language: Callable[..., Path], tmp_path: Path) -> None:
    """Every damaged byte, anywhere in the entry, is a miss: never a subtly different article."""
    path = aged(write_language("qaa"))
    fresh = loaded(path)
    catalog(path.parent, tmp_path / "c").load("qaa")
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
    fresh = catalog(path.parent, tmp_path / "c").load("qaa")
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
        assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", "", OUTLINE) is None
    right = Section(
        "parcel", "example", first.title, first.paragraphs, (), "seed", "qaa", "marathon"
    )
    forge(path, tmp_path / "c", Language("qaa", "N", "N", "T", (right,)))
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", "", OUTLINE) is not None


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
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x") is None
    for fmt in ("text", "markdown", "json"):
        result = spawn(
            "explain", "-l", "qaa", "-f", fmt, "--data-dir", str(path.parent),
            env={"LASTMILE_CACHE_DIR": str(tmp_path / "c")},
        )  # fmt: skip
        out = result.stdout.decode()  # type: ignore[attr-defined]
        assert "evil" not in out and hazard not in out and "One paragraph." in out


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
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
    language = Catalog([str(path.parent)], Cache(str(cache_dir))).load("qaa")
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
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x") is None


def test_an_entry_that_is_a_fifo_or_a_link_does_not_hang_or_follow(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    entry = forge(path, tmp_path / "c", loaded(path))
    entry.unlink()
    os.mkfifo(entry)
    done: list[object] = []
    reader = threading.Thread(
        target=lambda: done.append(Cache(str(tmp_path / "c")).get(str(path), str(path), "x"))
    )
    reader.start()
    reader.join(timeout=10)
    assert done == [None], "a FIFO entry blocked the reader"
    entry.unlink()
    entry.symlink_to("/dev/zero")
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x") is None


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
    catalog(path.parent, cache_dir).load("qaa")
    assert victim.read_text() == "precious"
    assert Cache(str(cache_dir)).get(str(path), str(path), "x") is None  # the link stays a miss


@pytest.mark.parametrize("mode", [0o770, 0o777, 0o720, 0o702])
def test_a_cache_directory_others_can_write_is_not_used(
    write_language: Callable[..., Path], tmp_path: Path, mode: int
) -> None:
    path = aged(write_language("qaa"))
    cache_dir = tmp_path / "shared"
    cache_dir.mkdir()
    catalog(path.parent, cache_dir).load("qaa")
    (entry,) = entries(cache_dir)
    planted = entry.read_bytes()
    entry.unlink()
    cache_dir.chmod(mode)
    catalog(path.parent, cache_dir).load("qaa")
    assert entries(cache_dir) == []  # no write
    entry.write_bytes(planted)
    assert Cache(str(cache_dir)).get(str(path), str(path), "x") is None  # and no read


def test_a_cache_directory_owned_by_someone_else_is_not_used(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(tmp_path).st_uid + 1)
    catalog(path.parent, tmp_path / "c").load("qaa")
    assert entries(tmp_path / "c") == []


def test_the_cache_directory_is_created_private(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    catalog(path.parent, tmp_path / "new" / "c").load("qaa")
    assert stat.S_IMODE(os.stat(tmp_path / "new" / "c").st_mode) == 0o700
    (entry,) = entries(tmp_path / "new" / "c")
    assert stat.S_IMODE(os.stat(entry).st_mode) == 0o600


def test_a_broken_file_is_remembered_and_still_warned_about(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa", "language: qaa\nname: [x]\n"))
    first = catalog(path.parent, tmp_path / "c")
    assert first.load("qaa") is None
    assert len(entries(tmp_path / "c")) == 1
    import lastmile_cli.loader as loader

    monkeypatch.setattr(loader, "check_bytes", lambda *a, **k: pytest.fail("parsed again"))
    again = catalog(path.parent, tmp_path / "c")
    assert again.load("qaa") is None
    assert again.warnings == first.warnings
    assert "qaa.yaml:1:1: the file is missing 'title' (and 2 more)" in again.warnings[0]


def test_entries_of_deleted_files_are_removed_and_the_size_is_capped(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "c"
    gone = aged(write_language("qaa", directory="gone"))
    catalog(gone.parent, cache_dir).load("qaa")
    gone.unlink()
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    paths = [aged(write_language("qab", directory=f"d{i}")) for i in range(5)]
    for path in paths:
        catalog(path.parent, cache_dir).load("qab")
    kept = entries(cache_dir)
    assert len(kept) == 3
    sources = {cache_module._source_of(e.name, os.open(cache_dir, os.O_RDONLY)) for e in kept}
    assert str(gone) not in sources
    assert str(paths[-1]) in sources  # the newest stay


def test_an_unwritable_cache_directory_still_works(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    assert catalog(path.parent, blocker / "cache").load("qaa") is not None


def test_a_read_only_cache_directory_still_works(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    cache = tmp_path / "ro"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert catalog(path.parent, cache).load("qaa") is not None
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
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x") is None
    elsewhere.rename(entry.with_name("x"))
    entry.unlink()
    entry.with_name("x").rename(entry)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x") == loaded(path)


def test_an_entry_larger_than_the_limit_is_not_read(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))
    entry = forge(path, tmp_path / "c", loaded(path))
    monkeypatch.setattr(cache_module, "MAX_ENTRY", entry.stat().st_size)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x") == loaded(path)
    monkeypatch.setattr(cache_module, "MAX_ENTRY", entry.stat().st_size - 1)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x") is None
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
    old, young = cache_dir / ".old.lmc.1.tmp", cache_dir / ".young.lmc.2.tmp"
    for file, age in ((old, 3600.5), (young, 3599)):
        file.write_text("x")
        moment = time.time() - age
        os.utime(file, (moment, moment))
    path = aged(write_language("qaa"))
    catalog(path.parent, cache_dir).load("qaa")
    assert not old.exists() and young.exists()
    assert len(entries(cache_dir)) == 1


def test_files_that_are_not_current_entries_are_removed(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A foreign .lmc, one of another format (an older lastmile) or another model: all go."""
    cache_dir = tmp_path / "c"
    cache_dir.mkdir(mode=0o700)
    (cache_dir / "garbage.lmc").write_bytes(b"not an entry at all")
    (cache_dir / "notes.txt").write_text("kept: not ours")
    other = aged(write_language("qab", directory="other"))
    monkeypatch.setattr(cache_module, "SHAPE", "another,model")
    catalog(other.parent, cache_dir).load("qab")
    monkeypatch.setattr(cache_module, "MAGIC", "LMC9")
    third = aged(write_language("qac", directory="third"))
    catalog(third.parent, cache_dir).load("qac")
    monkeypatch.undo()
    path = aged(write_language("qaa"))
    catalog(path.parent, cache_dir).load("qaa")
    assert sorted(p.name for p in cache_dir.iterdir()) == [Cache._name(str(path)), "notes.txt"]


def test_the_cap_keeps_the_newest_entries_and_counts_bytes_exactly(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "c"
    paths = [aged(write_language("qab", directory=f"d{i}")) for i in range(5)]
    for index, path in enumerate(paths[:4]):
        catalog(path.parent, cache_dir).load("qab")
        entry = cache_dir / Cache._name(str(path))
        os.utime(entry, ns=(0, 10**18 + index * 10**9))  # a strict order, oldest first
    sizes = {
        Cache._name(str(p)): (cache_dir / Cache._name(str(p))).stat().st_size for p in paths[:4]
    }
    # the new entry, and room for exactly the two newest others
    monkeypatch.setattr(cache_module, "MAX_TOTAL", sizes[Cache._name(str(paths[3]))] * 2)
    catalog(paths[4].parent, cache_dir).load("qab")
    kept = sorted(p.name for p in entries(cache_dir))
    assert kept == sorted(Cache._name(str(p)) for p in (paths[2], paths[3], paths[4]))


def test_a_cache_closes_its_directory(write_language: Callable[..., Path], tmp_path: Path) -> None:
    path = aged(write_language("qaa"))
    cache = Cache(str(tmp_path / "c"))
    Catalog([str(path.parent)], cache).load("qaa")
    descriptor = cache._descriptor
    assert descriptor is not None
    os.fstat(descriptor)
    cache.close()
    with pytest.raises(OSError):
        os.fstat(descriptor)
    cache.close()  # twice is fine


def test_a_fifo_or_a_dangling_link_among_the_entries_does_not_stop_pruning(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """Pruning opens entries to read their headers: a FIFO must not block it, a link not stop it."""
    cache_dir = tmp_path / "c"
    gone = [aged(write_language("qab", directory=f"gone{i}")) for i in range(2)]
    for path in gone:
        catalog(path.parent, cache_dir).load("qab")
        path.unlink()
    os.mkfifo(cache_dir / "0-fifo.lmc")
    (cache_dir / "1-dangling.lmc").symlink_to(tmp_path / "nowhere")
    (cache_dir / ".young.lmc.1.tmp").write_text("x")
    (cache_dir / "2-truncated.lmc").write_bytes(
        b"\x00" * 8 + f"LMC3\x00{cache_module.SHAPE}".encode()
    )
    path = aged(write_language("qaa"))
    done: list[bool] = []
    worker = threading.Thread(
        target=lambda: done.append(catalog(path.parent, cache_dir).load("qaa") is not None)
    )
    worker.start()
    worker.join(timeout=20)
    assert done == [True], "pruning blocked"
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted(
        [".young.lmc.1.tmp", Cache._name(str(path))]
    )


def test_a_file_that_cannot_be_removed_does_not_stop_the_run(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "c"
    gone = aged(write_language("qab", directory="gone"))
    catalog(gone.parent, cache_dir).load("qab")
    gone.unlink()
    (cache_dir / ".old.tmp").write_text("x")
    os.utime(cache_dir / ".old.tmp", (0, 0))

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("no")

    monkeypatch.setattr(os, "unlink", refuse)
    path = aged(write_language("qaa"))
    assert catalog(path.parent, cache_dir).load("qaa") is not None
    assert (cache_dir / Cache._name(str(path))).exists()


def test_an_entry_with_anything_after_its_value_is_a_miss(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    entry = forge(path, tmp_path / "c", loaded(path))
    payload = entry.read_bytes()[8:] + b"\x00extra"
    entry.write_bytes(cache_module.checksum(payload).to_bytes(8) + payload)
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x") is None


def test_an_entry_made_by_another_loader_is_a_miss(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))
    catalog(path.parent, tmp_path / "c").load("qaa")
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
        Cache(str(target)).put(str(path), identity(os.stat(path)), loaded(path))
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
    assert catalog(path.parent, tmp_path / "c").load("qaa") is not None
    assert list((tmp_path / "c").iterdir()) == []


def test_the_cap_goes_on_when_an_old_entry_cannot_be_removed(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "c"
    first = aged(write_language("qab", directory="one"))
    catalog(first.parent, cache_dir).load("qab")
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 1)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("no")

    monkeypatch.setattr(os, "unlink", refuse)
    second = aged(write_language("qab", directory="two"))
    assert catalog(second.parent, cache_dir).load("qab") is not None
    assert len(entries(cache_dir)) == 2  # the old one stays; nothing failed


def test_a_link_among_the_entries_is_pruned_not_followed(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    """A link to a genuine entry (of a file that exists) is not an entry: it goes."""
    cache_dir = tmp_path / "c"
    kept = aged(write_language("qab", directory="kept"))
    catalog(kept.parent, cache_dir).load("qab")
    genuine = cache_dir / Cache._name(str(kept))
    (cache_dir / "0-link.lmc").symlink_to(genuine)
    path = aged(write_language("qaa"))
    catalog(path.parent, cache_dir).load("qaa")
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted(
        [genuine.name, Cache._name(str(path))]
    )


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
    alone = catalog(path.parent, tmp_path / "c")
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
    layered = Catalog([str(path.parent), str(lower)], Cache(str(tmp_path / "c")))
    language = layered.load("qaa")
    assert language is not None and language.name == "Q"  # checked again, as a patch
    assert language.sections[0].paragraphs == ("x",)
    other = f"another article|{'whole'}"
    assert Cache(str(tmp_path / "c")).get(str(path), str(path), "x", other, OUTLINE) is None
