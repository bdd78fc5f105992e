"""Packed values from outside (a cache entry) checked as the loader checks a file, and the
bundled article's atomic write in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lastmile_cli import bundle
from lastmile_cli.model import Language, Outline, Section
from lastmile_cli.packed import Corrupt, Reader, decode, encode, pack, unpack

OUTLINE = Outline(("intro", "marathon"), ("section", "example"))
DIGEST = "0123abcd"


def section(section_id: str, kind: str = "section", after: str = "") -> Section:
    return Section(
        section_id, kind, "A title", ("A paragraph.",), code="de", after=after, digest=DIGEST
    )


def language(*sections: Section, name: str = "Deutsch") -> Language:
    return Language("de", name, "German", "Der Titel", sections, source="user")


def untrusted(value: Language) -> Language | tuple[object, ...]:
    atoms: list[str] = []
    pack(value, atoms)
    return unpack(Reader(decode(encode(atoms)), trusted=False), "user", "de.yaml", OUTLINE)


def test_a_well_formed_language_comes_back_as_it_went() -> None:
    value = language(
        section("intro"), section("marathon", "example"), section("mine", after="intro")
    )
    assert untrusted(value) == value


def test_a_patch_s_empty_names_pass_but_blank_ones_do_not() -> None:
    patch = Language("de", "", "", "", (section("intro"),), source="user")
    assert untrusted(patch) == patch
    with pytest.raises(Corrupt):
        untrusted(language(section("intro"), name="  "))


@pytest.mark.parametrize(
    "sections",
    [
        (section("marathon", "example"), section("intro")),  # out of the article's order
        (section("intro", "example"),),  # a bundled section of another kind
        (section("intro", after="marathon"),),  # a bundled section placed with after:
    ],
)
def test_a_bundled_section_is_held_to_the_article_s_outline(sections: tuple[Section, ...]) -> None:
    with pytest.raises(Corrupt):
        untrusted(language(*sections))


# -- bundle.write: replace atomically, never fail ----------------------------------------------


def test_the_written_article_is_readable_by_all_as_any_built_file(tmp_path: Path) -> None:
    target = tmp_path / "build" / "article.lmp"
    target.parent.mkdir()
    before = os.umask(0o022)
    try:
        bundle.write(str(target), b"blob")
    finally:
        os.umask(before)
    assert target.read_bytes() == b"blob"
    assert target.stat().st_mode & 0o777 == 0o644
    assert os.listdir(target.parent) == ["article.lmp"]


def test_writing_works_where_the_system_has_no_nofollow_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "O_NOFOLLOW", raising=False)
    bundle.write(str(tmp_path / "article.lmp"), b"blob")
    assert (tmp_path / "article.lmp").read_bytes() == b"blob"


def test_a_failed_replace_leaves_no_temporary_file_and_no_error(tmp_path: Path) -> None:
    target = tmp_path / "build" / "article.lmp"
    target.parent.mkdir()
    target.mkdir()  # a directory where the article goes: the replace fails
    bundle.write(str(target), b"blob")
    assert os.listdir(target.parent) == ["article.lmp"]
    assert target.is_dir()


def test_a_temporary_file_that_cannot_be_removed_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "build" / "article.lmp"
    target.parent.mkdir()
    target.mkdir()

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "unlink", refuse)
    bundle.write(str(target), b"blob")  # no exception: a rebuild that fails is not an error
