"""Record, the base of every value lastmile passes around: typed, immutable, equal by value."""

from __future__ import annotations

import pytest

from lastmile_cli.model import Document, Record, Section


def section(**changes: object) -> Section:
    fields: dict[str, object] = {
        "id": "marathon",
        "kind": "example",
        "title": "Marathon",
        "paragraphs": ("p",),
    }
    fields.update(changes)
    return Section(**fields)  # type: ignore[arg-type]


def test_fields_come_from_positions_keywords_and_defaults() -> None:
    made = Section("marathon", "example", "Marathon", ("p",), code="de")
    assert (made.id, made.kind, made.title, made.paragraphs) == (
        "marathon",
        "example",
        "Marathon",
        ("p",),
    )
    assert (made.aliases, made.origin, made.code) == ((), "seed", "de")


def test_equal_by_value_and_hashable() -> None:
    assert section() == section()
    assert section() != section(title="Other")
    assert len({section(), section(), section(origin="added")}) == 2
    assert section() != ("marathon", "example", "Marathon", ("p",), (), "seed", "")
    assert Document("de", "T", (section(),)) == Document("de", "T", (section(),))


def test_immutable() -> None:
    made = section()
    with pytest.raises(AttributeError, match="immutable"):
        made.title = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del made.title  # type: ignore[misc]
    with pytest.raises(AttributeError):
        made.extra = 1  # type: ignore[attr-defined]
    assert made.title == "Marathon"


def test_repr_names_every_field() -> None:
    assert repr(Document("de", "T", ())) == (
        "Document(code='de', title='T', sections=(), source='bundled', untranslated=(), stale=())"
    )


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("a", "b", "c", ()), {"nope": 1}, "unknown or repeated field 'nope'"),
        (("a", "b", "c", ()), {"id": "again"}, "unknown or repeated field 'id'"),
        (("a", "b"), {}, "needs a value for 'title'"),
        (("a",) * 11, {}, "takes 10 fields, not 11"),
    ],
)
def test_wrong_arguments_are_type_errors(
    args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        Section(*args, **kwargs)  # type: ignore[arg-type]


def test_a_field_without_default_cannot_follow_one_with_a_default() -> None:
    with pytest.raises(TypeError, match="follows one with a default"):

        class Broken(Record):  # type: ignore[misc]
            first: str = ""
            second: str


def test_a_record_with_fields_cannot_be_extended() -> None:
    with pytest.raises(TypeError, match="cannot be extended"):

        class Longer(Section):  # type: ignore[misc]
            extra: str = ""


def test_untranslated_is_what_still_has_the_english_paragraphs() -> None:
    from lastmile_cli.model import Language

    english = Language(
        "en", "English", "English", "T",
        (section(id="intro", kind="section", paragraphs=("a",)), section(paragraphs=("b",))),
    )  # fmt: skip
    german = Language(
        "de", "Deutsch", "German", "T",
        (
            section(id="intro", kind="section", paragraphs=("a",), code="de"),  # still English
            section(paragraphs=("übersetzt",), code="de"),
            section(id="mine", paragraphs=("b",), code="de"),  # not in the English: never counted
        ),
    )  # fmt: skip
    assert german.untranslated(english) == ("intro",)
    assert german.translated(english) == 2
    assert german.untranslated(None) == ()
    assert english.untranslated(english) == ()


@pytest.mark.parametrize(
    ("tag", "valid"),
    [
        ("en-scotland", True),  # a registered variant: 8 letters, the longest a subtag may be
        ("de-1996abcd", True),
        ("en-scotlands", False),  # 9
        ("de-x", False),  # 1
        ("sr-Latn", True),
    ],
)
def test_a_tag_s_subtags_are_two_to_eight_letters_or_digits(tag: str, valid: bool) -> None:
    from lastmile_cli.model import is_tag

    assert is_tag(tag) is valid


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("parcel-delivery", True),
        ("a" * 64, True),  # MAX_ID, the longest an id may be
        ("a" * 65, False),
        ("", False),  # no id is empty
        ("-a", False),
        ("a-", False),
        ("a--b", False),
        ("Parcel", False),
    ],
)
def test_an_id_is_one_to_64_lowercase_letters_digits_and_inner_hyphens(
    value: str, valid: bool
) -> None:
    from lastmile_cli.model import MAX_ID, is_id

    assert MAX_ID == 64
    assert is_id(value) is valid


@pytest.mark.parametrize(
    ("tag", "valid"),
    [("de", True), ("qaa", True), ("qaaa", False), ("d", False), ("pt-BR", True)],
)
def test_a_tag_s_language_is_two_or_three_lowercase_letters(tag: str, valid: bool) -> None:
    from lastmile_cli.model import is_tag

    assert is_tag(tag) is valid


def test_missing_is_the_outline_s_ids_a_language_lacks_in_outline_order() -> None:
    from lastmile_cli.model import Language, Outline

    outline = Outline(("intro", "marathon", "outro"), ("section", "example", "section"))
    partial = Language("de", "Deutsch", "German", "T", (section(code="de"),))
    assert partial.missing(outline) == ("intro", "outro")


def test_bundled_is_an_outline_section_no_user_file_added() -> None:
    from lastmile_cli.model import Outline

    outline = Outline(("intro", "mine"), ("section", "section"), added={"mine": ("de",)})
    assert outline.bundled("intro") is True
    assert outline.bundled("mine") is False
    assert outline.bundled("nowhere") is False  # not in the outline at all


def test_an_outline_refuses_ids_and_kinds_of_different_lengths() -> None:
    from lastmile_cli.model import Outline

    with pytest.raises(ValueError):
        Outline(("intro", "marathon"), ("section",))
    with pytest.raises(ValueError):
        Outline(("intro",), ("section", "example"))


def test_distinct_records_hash_apart_even_with_equal_fields() -> None:
    class Pair(Record):
        left: str
        right: str

    class Other(Record):
        left: str
        right: str

    # equal values hash equal; different values (and a different kind of record with the same
    # fields) almost never collide, so sets and dicts of records stay fast
    assert hash(Pair("a", "b")) == hash(Pair("a", "b"))
    assert len({hash(Pair("a", str(n))) for n in range(50)}) > 1
    assert hash(Pair("a", "b")) != hash(Other("a", "b"))
    assert Pair("a", "b") != Other("a", "b")


def test_wrong_arguments_name_the_record_in_their_message() -> None:
    with pytest.raises(TypeError, match=r"^Section takes 10 fields, not 11$"):
        Section(*("a",) * 11)  # type: ignore[arg-type, call-arg]
    with pytest.raises(TypeError, match=r"^Section needs a value for 'title'$"):
        Section("a", "b")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"^Document got an unknown or repeated field 'nope'$"):
        Document("de", "T", (), nope=1)  # type: ignore[call-arg]


def test_every_field_by_position_and_a_keyword_more_is_refused() -> None:
    every = ("a", "b", "c", (), (), "seed", "", "", "", "")
    assert Section(*every).digest == ""  # all ten by position: the cache's way
    with pytest.raises(TypeError, match=r"^Section got an unknown or repeated field 'code'$"):
        Section(*every, code="de")  # type: ignore[misc]
