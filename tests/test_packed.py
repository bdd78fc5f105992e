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


def mine(**fields: object) -> Section:
    """A section of the user's own (not in the outline), with `fields` changed."""
    given: dict[str, object] = {
        "id": "mine",
        "kind": "section",
        "title": "A title",
        "paragraphs": ("A paragraph.",),
        "code": "de",
        "digest": DIGEST,
    }
    given.update(fields)
    return Section(**given)  # type: ignore[arg-type]


def test_a_section_of_the_user_s_own_with_every_field_as_the_loader_makes_it_passes() -> None:
    value = language(mine(aliases=("meins",), fingerprint="89abcdef", after="intro"))
    assert untrusted(value) == value


@pytest.mark.parametrize(
    "refused",
    [
        mine(kind="chapter"),  # no kind the model has
        mine(after="Not An Id"),  # placed after something no id is spelt as
        mine(title="  "),  # a blank title (its paragraphs are fine)
        mine(paragraphs=()),  # no paragraph (its title is fine)
        mine(aliases=("meins", " ")),  # a blank alias (no fingerprint: fine)
        mine(fingerprint="not-hex!"),  # a fingerprint not as one is written (no aliases)
        mine(id="Not An Id"),  # an id as no id is spelt (seen once only)
        mine(origin="elsewhere"),  # no origin the model has (its code is the language's)
        mine(code="fr"),  # text of another language (its origin is fine)
    ],
    ids=["kind", "after", "title", "paragraphs", "alias", "fingerprint", "id", "origin", "code"],
)
def test_each_field_of_a_section_is_held_to_the_loader_s_rules_on_its_own(
    refused: Section,
) -> None:
    with pytest.raises(Corrupt, match="a section the loader would refuse"):
        untrusted(language(refused))


def test_without_an_outline_only_the_language_s_own_rules_apply() -> None:
    value = language(section("marathon", "example"), section("intro"))  # any order: no outline
    atoms: list[str] = []
    pack(value, atoms)
    assert unpack(Reader(atoms, trusted=False), "user", "de.yaml") == value


@pytest.mark.parametrize("count", ["-1", "x", "\u00b2", "3", ""])
def test_a_count_that_is_not_digits_or_exceeds_the_data_is_corrupt(count: str) -> None:
    reader = Reader([count, "a", "b"], trusted=False)
    with pytest.raises(Corrupt, match="a count that the data cannot hold"):
        reader.count()


def test_a_count_the_data_holds_is_read() -> None:
    reader = Reader(["2", "a", "b"], trusted=False)
    assert reader.count() == 2
    assert (reader.text(), reader.text()) == ("a", "b")
    assert reader.done()


def test_an_untrusted_atom_with_a_character_no_file_may_hold_is_corrupt() -> None:
    with pytest.raises(Corrupt, match="a character no language file may hold"):
        Reader(["Ti\x1b[2Jtle"], trusted=False).text()
    assert Reader(["Title"], trusted=False).text() == "Title"


def test_a_language_with_a_code_or_a_title_origin_the_loader_would_refuse_is_corrupt() -> None:
    bad_code = Language("Not A Tag", "Deutsch", "German", "Der Titel", (), source="user")
    bad_origin = Language("de", "Deutsch", "German", "Der Titel", (), "elsewhere", source="user")
    for refused in (bad_code, bad_origin):  # each on its own: the other field is fine
        with pytest.raises(Corrupt, match="a language field the loader would refuse"):
            untrusted(refused)


def test_a_section_of_the_user_s_own_given_twice_is_corrupt() -> None:
    with pytest.raises(Corrupt, match="a section the loader would refuse"):
        untrusted(language(mine(), mine(title="Another title")))


def test_a_file_s_problems_come_back_with_their_lines_columns_and_severities() -> None:
    from lastmile_cli.problems import Problem, Severity

    problems = (
        Problem("de.yaml", 3, 7, "a note", Severity.NOTE),
        Problem("de.yaml", 12, 1, "an error", Severity.ERROR),
    )
    atoms: list[str] = []
    pack(problems, atoms)
    reader = Reader(decode(encode(atoms)), trusted=False)
    assert unpack(reader, "user", "de.yaml") == problems
    assert reader.done()


@pytest.mark.parametrize(
    ("atoms", "message"),
    [
        (["P", "1", "x", "3", "error", "m"], "a malformed problem"),  # a line not in digits
        (["P", "1", "3", "x", "error", "m"], "a malformed problem"),  # a column not in digits
        (["P", "1", "3", "7", "fatal", "m"], "an unknown severity"),
        (["Q"], "neither a language nor problems"),
        (["P", "1", "3", "7", "error"], "ends early"),  # a problem without its message
    ],
)
@pytest.mark.parametrize("trusted", [True, False])
def test_malformed_packed_values_are_corrupt_and_say_how(
    atoms: list[str], message: str, trusted: bool
) -> None:
    # (a built article's are trusted: a damaged one's Corrupt reaches the internal-error line)
    with pytest.raises(Corrupt, match=f"^{message}$"):
        unpack(Reader(atoms, trusted), "user", "de.yaml")


def test_reading_past_the_last_atom_is_corrupt_not_an_index_error() -> None:
    reader = Reader(["a"], trusted=True)
    assert reader.text() == "a"
    with pytest.raises(Corrupt, match=r"^ends early$"):
        reader.text()
    with pytest.raises(Corrupt, match=r"^ends early$"):
        Reader([], trusted=False).text()


def test_an_atom_holding_the_separator_is_never_written() -> None:
    with pytest.raises(ValueError, match=r"^packed: an atom holds the separator$"):
        encode(["L", "a\x00b"])
    assert encode(["L", "ab"]) == b"L\x00ab"


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
