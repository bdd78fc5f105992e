"""The parsed-content cache: fast when warm, never wrong after an edit, harmless when broken."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from lastmile_cli.cache import Cache, default_dir
from lastmile_cli.content import Catalog
from lastmile_cli.model import Language, Section

PAST = 1_600_000_000


def aged(path: Path) -> Path:
    os.utime(path, (PAST, PAST))
    return path


def catalog(user: Path, cache_dir: Path | None) -> Catalog:
    return Catalog([user], Cache(cache_dir))


def test_a_warm_read_does_not_parse(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = aged(write_language("qaa"))
    assert catalog(path.parent, tmp_path / "c").load("qaa") is not None
    assert len(list((tmp_path / "c").iterdir())) == 1
    import lastmile_cli.loader as loader

    monkeypatch.setattr(loader, "check_file", lambda *a, **k: pytest.fail("parsed again"))
    language = catalog(path.parent, tmp_path / "c").load("qaa")
    assert language is not None
    assert language.sections[0].paragraphs == ("One paragraph.",)


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


@pytest.mark.parametrize("damage", [b"", b"LMC1", b"garbage" * 10, "flip"])
def test_a_corrupt_entry_is_ignored(
    write_language: Callable[..., Path], tmp_path: Path, damage: bytes | str
) -> None:
    path = aged(write_language("qaa"))
    catalog(path.parent, tmp_path / "c").load("qaa")
    (entry,) = (tmp_path / "c").iterdir()
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
    fresh = catalog(path.parent, None).load("qaa")
    catalog(path.parent, tmp_path / "c").load("qaa")
    (entry,) = (tmp_path / "c").iterdir()
    original = entry.read_bytes()
    cache = Cache(str(tmp_path / "c"))
    for position in range(len(original)):
        for flip in (0x01, 0x80, 0xFF):
            data = bytearray(original)
            data[position] ^= flip
            entry.write_bytes(bytes(data))
            assert cache.get(str(path), str(path)) is None, (position, flip)
    entry.write_bytes(original)
    assert cache.get(str(path), str(path)) == fresh


def test_an_entry_written_for_another_model_is_a_miss(
    write_language: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lastmile_cli.cache as cache_module

    path = aged(write_language("qaa"))
    cache = Cache(str(tmp_path / "c"))
    fresh = catalog(path.parent, tmp_path / "c").load("qaa")
    assert cache.get(str(path), str(path)) == fresh
    monkeypatch.setattr(cache_module, "_SHAPE", (("id", "title"), ("code",)))
    assert Cache(str(tmp_path / "c")).get(str(path), str(path)) is None


def test_an_entry_with_a_field_of_the_wrong_kind_is_a_miss(
    write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = aged(write_language("qaa"))
    fresh = catalog(path.parent, None).load("qaa")
    assert fresh is not None
    first = fresh.sections[0]
    wrong = Section(first.id, first.kind, first.title, "one paragraph")  # type: ignore[arg-type]
    damaged = Language(fresh.code, fresh.name, fresh.english_name, fresh.title, (wrong,))
    cache = Cache(str(tmp_path / "c"))
    cache.put(str(path), damaged)
    assert len(list((tmp_path / "c").iterdir())) == 1
    assert cache.get(str(path), str(path)) is None


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
