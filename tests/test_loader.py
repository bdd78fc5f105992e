"""The strict loader refuses every hazard with file:line:column, under both YAML parsers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from conftest import KNOWN
from lastmile_cli import loader, strict_yaml
from lastmile_cli.loader import check_file
from lastmile_cli.model import Language, Section
from lastmile_cli.problems import MAX_PROBLEMS, Problem

HEAD = "language: qaa\nname: Test\ntitle: A test\n"
SECTION = "sections:\n  - id: definition\n    kind: section\n    title: Def\n    paragraphs:\n      - {text}\n"


def doc(text: str = "One paragraph.", head: str = HEAD) -> str:
    return head + SECTION.format(text=text)


@pytest.fixture(params=["C", "pure"], autouse=True)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run every test with libyaml's parser and with PyYAML's pure-Python one."""
    if request.param == "C":
        if not yaml.__with_libyaml__:
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.setattr(strict_yaml, "_Loader", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(strict_yaml, "_Loader", yaml.SafeLoader)
    yield request.param


Check = Callable[..., tuple[Language | None, list[Problem]]]


@pytest.fixture
def check(tmp_path: Path) -> Check:
    def run(
        content: str | bytes, name: str = "qaa.yaml", complete: bool = False
    ) -> tuple[Language | None, list[Problem]]:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return check_file(path, name, complete=complete, source=str(path), known=KNOWN)

    return run


@pytest.mark.slow
def test_uses_libyaml_when_present() -> None:
    """In a fresh interpreter: this module's `parser` fixture replaces the loader in this one."""
    import subprocess
    import sys

    probe = "from lastmile_cli import strict_yaml; print(strict_yaml._Loader.__name__)"
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    expected = "CSafeLoader" if yaml.__with_libyaml__ else "SafeLoader"
    assert found.stdout.strip() == expected


def test_a_minimal_partial_file_loads(check: Check) -> None:
    language, problems = check(doc())
    assert language is not None
    assert [s.id for s in language.sections] == ["definition"]
    assert [str(p) for p in problems] == [
        "qaa.yaml:4:1: note: missing sections: summary, telecom, key-point, marathon, politics, car-sales, conclusion"
    ]


HAZARDS = [
    # (name, content, line, fragment of the message)
    ("duplicate key", doc() + "title: again\n", 10, "duplicate key 'title' (first at line 3)"),
    ("anchor", HEAD.replace("Test", "&n Test") + SECTION.format(text="x"), 2, "anchors"),
    ("alias", doc("*n"), 9, "aliases"),
    ("alias bomb", 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n', 1, "anchors"),
    ("unknown key", doc() + "colour: red\n", 10, "unknown key 'colour'"),
    ("misspelt key", doc().replace("title: Def", "titel: Def"), 7, "did you mean 'title'"),
    ("mapping as text", doc("{a: b}"), 9, "paragraph must be non-empty text, not a mapping"),
    (
        "list as title",
        doc().replace("title: A test", "title: [a, b]"),
        3,
        "title must be non-empty text, not a list",
    ),
    ("empty paragraph", doc('""'), 9, "paragraph must be non-empty text"),
    ("null paragraph", doc("~"), 9, "paragraph must be non-empty text, not empty"),
    (
        "no paragraphs",
        doc().replace("      - One paragraph.\n", ""),
        8,
        "paragraphs must be a non-empty list of texts, not empty",
    ),
    (
        "language mismatch",
        doc().replace("language: qaa", "language: qab"),
        1,
        "does not match the file name 'qaa.yaml'",
    ),
    ("not a tag", doc().replace("language: qaa", "language: Q_A"), 1, "not a language tag"),
    (
        "an id not spelt as ids are",
        doc().replace("id: definition", "id: Marathon_2"),
        5,
        "section id 'Marathon_2' must be lowercase letters, digits and hyphens",
    ),
    (
        "wrong kind",
        doc().replace("id: definition", "id: marathon"),
        6,
        "kind of 'marathon' must be 'example'",
    ),
    (
        "out of order",
        HEAD
        + "sections:\n  - id: conclusion\n    kind: section\n    title: C\n    paragraphs: [x]\n"
        "  - id: definition\n    kind: section\n    title: D\n    paragraphs: [y]\n",
        9,
        "section 'definition' is out of order: it comes before 'conclusion'",
    ),
    (
        "section twice",
        HEAD
        + "sections:\n  - id: definition\n    kind: section\n    title: C\n    paragraphs: [x]\n"
        "  - id: definition\n    kind: section\n    title: D\n    paragraphs: [y]\n",
        9,
        "section 'definition' appears twice",
    ),
    (
        "missing required",
        "language: qaa\nname: Test\nsections: []\n",
        1,
        "the file is missing 'title'",
    ),
    (
        "sections: 42",
        HEAD + "sections: 42\n",
        4,
        "sections must be a non-empty list of sections, not text",
    ),
    ("escaped ESC", doc('"\\e[2J cleared"'), 9, "control character U+001B"),
    ("escaped OSC title", doc('"\\e]0;x\\a"'), 9, "control character U+001B"),
    ("escaped C1 CSI", doc('"\\x9b2J"'), 9, "control character U+009B"),
    ("escaped CR", doc('"a\\rb"'), 9, "carriage return U+000D"),
    ("raw ESC", doc("a \x1b[2J b"), 9, "control character U+001B"),
    ("raw C1", doc("a \x9b b"), 9, "control character U+009B"),
    ("raw bidi override", doc("abc \u202e evil"), 9, "bidirectional control U+202E"),
    ("raw bidi isolate", doc("abc \u2066 evil"), 9, "bidirectional control U+2066"),
    ("lone CR", doc("a\rb"), 9, "carriage return"),
    ("escaped bidi in a title", doc().replace("title: Def", 'title: "D\\u202Eef"'), 7, "U+202E"),
    (
        "tab indentation",
        HEAD + "sections:\n\t- id: definition\n",
        5,
        "YAML indents with spaces only",
    ),
    ("two documents", doc() + "---\nlanguage: qaa\n", 10, "a second YAML document"),
    (
        "deep nesting",
        doc().replace("      - One paragraph.\n", "      - " + "[" * 5000 + "]" * 5000 + "\n"),
        9,
        "nested too deeply",
    ),
    ("empty file", "", 1, "the file is empty"),
    ("only comments", "# nothing here\n", 1, "the file is empty"),
    ("top level list", "- a\n- b\n", 1, "expected a mapping"),
    ("python tag", doc("!!python/object/apply:os.system [echo hi]"), 9, "YAML tags"),
    ("int tag", doc().replace("name: Test", "name: !!int 5"), 2, "YAML tags"),
    (
        "bad origin",
        doc().replace("    title: Def\n", "    title: Def\n    origin: invented\n"),
        8,
        "origin must be one of: seed, added",
    ),
]


@pytest.mark.parametrize(
    ("content", "line", "fragment"), [h[1:] for h in HAZARDS], ids=[h[0] for h in HAZARDS]
)
def test_each_hazard_is_refused_with_its_line(
    check: Check, content: str, line: int, fragment: str
) -> None:
    language, problems = check(content)
    assert language is None
    errors = [p for p in problems if p.severity == "error"]
    assert errors, problems
    assert any(fragment in p.message and p.line == line for p in errors), [str(p) for p in errors]
    # exact columns: test_each_strict_yaml_rule_with_its_place, test_each_schema_rule_with_its_place


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        (b"language: qaa\nname: \xff\xfe\n", 2, "not valid UTF-8"),
        (b"language: qaa\n\x00\x01\x02binary", 2, "binary file"),
        (b"language: qaa\n" + b"# padding\n" * 220_000, 1, "larger than 1 MiB"),
    ],
    ids=["invalid utf-8", "binary", "2 MiB"],
)
def test_byte_level_hazards(check: Check, content: bytes, line: int, fragment: str) -> None:
    language, problems = check(content)
    assert language is None
    assert problems[0].line == line
    assert fragment in problems[0].message


def test_a_directory_named_like_a_language_file(tmp_path: Path) -> None:
    (tmp_path / "qaa.yaml").mkdir()
    language, problems = check_file(
        tmp_path / "qaa.yaml", "qaa.yaml", complete=False, source="x", known=KNOWN
    )
    assert language is None
    assert str(problems[0]) == "qaa.yaml:1:1: is a directory, not a language file"


def test_every_problem_is_reported_not_just_the_first(check: Check) -> None:
    content = (
        doc().replace("title: Def", "titel: Def").replace("name: Test", "name: [x]") + "extra: 1\n"
    )
    _, problems = check(content)
    assert [str(p) for p in problems] == [
        "qaa.yaml:2:7: name must be non-empty text, not a list",
        "qaa.yaml:5:5: a section is missing 'title'",
        "qaa.yaml:7:5: unknown key 'titel' in a section; did you mean 'title'?",
        "qaa.yaml:10:1: unknown key 'extra' in the file; allowed: language, name, english_name, "
        "title, title_origin, term, sections",
    ]


def test_bundled_languages_must_be_complete(check: Check) -> None:
    language, problems = check(doc(), complete=True)
    assert language is None
    assert "missing sections: summary" in problems[0].message


@pytest.mark.parametrize(
    ("field", "raw", "value"),
    [
        ("language", "no", "no"),
        ("name", "0755", "0755"),
        ("title", "1:20", "1:20"),
        ("title", "yes", "yes"),
        ("name", "on", "on"),
        ("title", "1.10", "1.10"),
        ("name", "null", None),
        ("title", "'null'", "null"),
        ("title", "1e3", "1e3"),
        ("name", "0x1F", "0x1F"),
    ],
)
def test_yaml_1_1_surprises_stay_strings(
    check: Check, field: str, raw: str, value: str | None
) -> None:
    code = "no" if field == "language" else "qaa"
    content = doc(head=f"language: {code}\nname: Test\ntitle: A test\n").replace(
        f"{field}: {'no' if field == 'language' else 'Test' if field == 'name' else 'A test'}",
        f"{field}: {raw}",
        1,
    )
    language, problems = check(content, name=f"{code}.yaml")
    if value is None:
        assert language is None
        assert "must be non-empty text, not empty" in problems[0].message
        return
    assert language is not None, problems
    assert getattr(language, "code" if field == "language" else field) == value


def test_legitimate_format_characters_stay(check: Check) -> None:
    text = "Zero\u200dwidth joiner, soft\u00adhyphen, tab\there, right\u200fleft mark."
    language, _ = check(doc(f'"{text}"'))
    assert language is not None
    assert language.sections[0].paragraphs == (text,)


def test_crlf_line_endings_are_fine(check: Check) -> None:
    language, _ = check(doc().replace("\n", "\r\n").encode())
    assert language is not None
    assert language.sections[0].paragraphs == ("One paragraph.",)


def test_folded_paragraphs_join_lines(check: Check) -> None:
    language, _ = check(doc(">-\n        First line\n        second line."))
    assert language is not None
    assert language.sections[0].paragraphs == ("First line second line.",)


def test_a_file_of_control_characters_keeps_a_bounded_list(check: Check) -> None:
    """1 MiB of ESC: every one counted, MAX_PROBLEMS located, the rest summed up in one line."""
    size = 1024 * 1024
    language, problems = check(b"\x1b" * size)
    assert language is None
    assert len(problems) == MAX_PROBLEMS + 1
    assert str(problems[0]) == "qaa.yaml:1:1: control character U+001B is not allowed in text"
    assert problems[MAX_PROBLEMS - 1].column == MAX_PROBLEMS
    assert str(problems[-1]) == f"qaa.yaml: {size - MAX_PROBLEMS} more problems not shown"


def test_line_and_column_come_from_the_index_of_line_starts(check: Check) -> None:
    text = doc().replace("One paragraph.", "One\x1b paragraph.") + "# \x07 bell\n" * 3
    _, problems = check(text)
    assert [(p.line, p.column) for p in problems] == [(9, 12), (10, 3), (11, 3), (12, 3)]


def test_thousands_of_duplicate_sections_are_each_counted_once(check: Check) -> None:
    body = "  - id: summary\n    kind: section\n    title: S\n    paragraphs: [x]\n"
    language, problems = check(HEAD + "sections:\n" + body * 2000)
    assert language is None
    duplicates = [p for p in problems if "appears twice" in p.message]
    assert len(duplicates) == MAX_PROBLEMS
    assert duplicates[0].line == 9 and duplicates[1].line == 13
    assert str(problems[-1]) == f"qaa.yaml: {1999 - MAX_PROBLEMS} more problems not shown"


S = "  - id: {id}\n    kind: {kind}\n    title: {title}\n    paragraphs: {paragraphs}\n"


def section(
    id: str = "summary", kind: str = "section", title: str = "S", paragraphs: str = "[x]"
) -> str:
    return S.format(id=id, kind=kind, title=title, paragraphs=paragraphs)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            HEAD + "title_origin: bogus\nsections:\n" + section(),
            ["qaa.yaml:4:15: title_origin must be one of: seed, added"],
            id="title_origin",
        ),
        pytest.param(
            HEAD + "sections:\n" + section().replace("  - id: summary\n    kind", "  - kind"),
            ["qaa.yaml:5:5: a section is missing 'id'"],
            id="no id",
        ),
        pytest.param(
            HEAD + "sections:\n" + section(paragraphs="[]"),
            ["qaa.yaml:8:17: paragraphs must be a non-empty list of texts, not an empty list"],
            id="no paragraphs",
        ),
        pytest.param(
            HEAD + "sections:\n" + section(paragraphs="{}"),
            ["qaa.yaml:8:17: paragraphs must be a non-empty list of texts, not an empty mapping"],
            id="paragraphs a mapping",
        ),
        pytest.param(
            HEAD + "sections:\n" + section("definition") + section("summary"),
            ["qaa.yaml:9:5: section 'summary' is out of order: it comes before 'definition'"],
            id="neighbours swapped",
        ),
        pytest.param(
            HEAD + "sections:\n" + section("summary") + section("summary"),
            ["qaa.yaml:9:5: section 'summary' appears twice"],
            id="twice",
        ),
        pytest.param(
            HEAD + "sections:\n" + section("parcel--delivery"),
            [
                "qaa.yaml:5:9: section id 'parcel--delivery' must be lowercase letters, digits"
                " and hyphens (at most 64 characters), such as parcel-delivery"
            ],
            id="an id not spelt as ids are",
        ),
        pytest.param(
            HEAD + "sections:\n" + section("x" * 65),
            [
                f"qaa.yaml:5:9: section id '{'x' * 65}' must be lowercase letters, digits"
                " and hyphens (at most 64 characters), such as parcel-delivery"
            ],
            id="an id too long",
        ),
        pytest.param(
            HEAD + "sections:\n" + section("maraton", kind="example"),
            [
                "qaa.yaml:5:9: id 'maraton' of section 'maraton' is already a name of the"
                " article's section 'marathon' (its es title or alias 'Maratón'); choose another"
            ],
            id="a new id that is a bundled title",
        ),
        pytest.param(
            HEAD + "sections:\n" + section("parcel", kind="example", title="Telecom"),
            [
                "qaa.yaml:7:12: title 'Telecom' of section 'parcel' is already the id of the"
                " article's section 'telecom'; choose another"
            ],
            id="a new title that is a bundled id",
        ),
        pytest.param(
            HEAD + "sections:\n" + section("parcel", kind="chapter"),
            ["qaa.yaml:6:11: kind must be one of: section, example"],
            id="a new section of no kind lastmile knows",
        ),
        pytest.param(
            HEAD + "sections:\n" + section() + "    after: definition\n",
            [
                "qaa.yaml:9:12: 'summary' is a section of the article and keeps its place;"
                " 'after' is for sections of your own"
            ],
            id="after on a bundled section",
        ),
        pytest.param(
            HEAD + "sections:\n" + section("parcel", kind="example") + "    after: parcel\n",
            ["qaa.yaml:9:12: section 'parcel' cannot come after itself"],
            id="after itself",
        ),
        pytest.param(
            HEAD + "sections:\n" + section("parcel", kind="example") + "    after: Car Sales\n",
            [
                "qaa.yaml:9:12: after must name a section by its id, such as car-sales,"
                " not 'Car Sales'"
            ],
            id="after a name, not an id",
        ),
        pytest.param(
            HEAD + "sections:\n" + section(kind="example"),
            ["qaa.yaml:6:11: kind of 'summary' must be 'section', not 'example'"],
            id="wrong kind",
        ),
        pytest.param(
            HEAD + "sections:\n" + section() + "    ali: [y]\n",
            ["qaa.yaml:9:5: unknown key 'ali' in a section; did you mean 'aliases'?"],
            id="unknown key, close",
        ),
        pytest.param(
            HEAD + "sections:\n" + section() + "    zzz: [y]\n",
            [
                "qaa.yaml:9:5: unknown key 'zzz' in a section; "
                "allowed: id, kind, after, title, aliases, origin, fingerprint, paragraphs"
            ],
            id="unknown key, nothing close",
        ),
        pytest.param(
            HEAD + "sections:\n" + section() + "    origin: later\n",
            ["qaa.yaml:9:13: origin must be one of: seed, added"],
            id="origin",
        ),
        pytest.param(
            HEAD + "sections:\n" + section() + "    aliases: [a, '']\n",
            ["qaa.yaml:9:18: alias must be non-empty text, not blank text"],
            id="blank alias",
        ),
        pytest.param(
            HEAD + "sections:\n" + section(title="'  '"),
            ["qaa.yaml:7:12: title must be non-empty text, not blank text"],
            id="blank title",
        ),
        pytest.param(
            HEAD + "sections: []\n",
            ["qaa.yaml:4:11: sections must be a non-empty list of sections, not an empty list"],
            id="no sections",
        ),
        pytest.param(
            HEAD + "sections:\n  - just text\n",
            [
                "qaa.yaml:5:5: a section must be a mapping with id, kind, title and "
                "paragraphs, not text"
            ],
            id="section as text",
        ),
        pytest.param(
            "language: QAA\nname: Q\ntitle: T\nsections:\n" + section(),
            ["qaa.yaml:1:11: language 'QAA' is not a language tag such as de, pt-BR or qaa"],
            id="not a tag",
        ),
        pytest.param(
            "name: Q\ntitle: T\nsections:\n" + section(),
            ["qaa.yaml:1:1: the file is missing 'language'"],
            id="no language",
        ),
        pytest.param(
            "- a\n- b\n",
            ["qaa.yaml:1:1: expected a mapping with 'language:' and 'sections:', not a list"],
            id="a list",
        ),
    ],
)
def test_each_schema_rule_with_its_place(check: Check, content: str, expected: list[str]) -> None:
    language, problems = check(content)
    assert language is None
    assert [str(p) for p in problems] == expected


def test_a_partial_file_is_a_note_unless_it_must_be_complete(check: Check) -> None:
    content = HEAD + "sections:\n" + section("summary") + section("conclusion")
    language, problems = check(content)
    assert language is not None and [s.id for s in language.sections] == ["summary", "conclusion"]
    missing = "definition, telecom, key-point, marathon, politics, car-sales"
    assert [str(p) for p in problems] == [f"qaa.yaml:4:1: note: missing sections: {missing}"]
    language, problems = check(content, complete=True)
    assert language is None
    assert [str(p) for p in problems] == [f"qaa.yaml:4:1: missing sections: {missing}"]


def test_a_good_file_loads_every_field(check: Check) -> None:
    content = (
        "language: qaa\nname: Q\nenglish_name: Qish\ntitle: T\ntitle_origin: added\nterm: Q-t\n"
        "sections:\n"
        "  - id: marathon\n    kind: example\n    title: M\n    aliases: [run, race]\n"
        "    origin: added\n    fingerprint: 0123abcd\n    paragraphs:\n      - One.\n      - Two.\n"
    )
    language, problems = check(content)
    assert problems[0].message.startswith("missing sections: summary")
    # the digest: sha256("M\nOne. Two.") (fingerprints.py), its first 8 hexadecimal digits
    marathon = ("marathon", "example", "M", ("One.", "Two."), ("run", "race"), "added", "qaa")
    assert language == Language(
        "qaa",
        "Q",
        "Qish",
        "T",
        (Section(*marathon, fingerprint="0123abcd", digest="cb83e973"),),
        "added",
        language.source if language else "",
        "Q-t",
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"language: qaa\nname: Q\ntitle: a\x00b\nx: \x00\n",
            ["qaa.yaml:3:1: contains NUL bytes: this is a binary file, not YAML"],
            id="NUL: the first one's line",
        ),
        pytest.param(
            b"\n\x00",
            ["qaa.yaml:2:1: contains NUL bytes: this is a binary file, not YAML"],
            id="NUL after an empty first line",
        ),
        pytest.param(
            b"language: qaa\nname: Q\ntitle: \xff\n",
            ["qaa.yaml:3:8: is not valid UTF-8 (save the file as UTF-8)"],
            id="bad UTF-8, line and column",
        ),
        pytest.param(
            b"\nname: \xff",
            ["qaa.yaml:2:7: is not valid UTF-8 (save the file as UTF-8)"],
            id="bad UTF-8 after an empty first line",
        ),
        pytest.param(
            "\ufeff\x1b: x\n".encode(),
            ["qaa.yaml:1:1: control character U+001B is not allowed in text"],
            id="columns count from after a BOM",
        ),
        pytest.param(
            "language: qaa\nname: Q\ntitle: a\ufffe\n".encode(),
            ["qaa.yaml:3:9: noncharacter U+FFFE is not allowed in text"],
            id="noncharacter",
        ),
        pytest.param(
            "title: a\u202ab\n".encode(),
            ["qaa.yaml:1:9: bidirectional control U+202A is not allowed in text"],
            id="the first bidi override",
        ),
        pytest.param(
            "title: a\x9fb\n".encode(),
            ["qaa.yaml:1:9: control character U+009F is not allowed in text"],
            id="the last C1 control",
        ),
        pytest.param(
            b"---\na: 1\n---\nb: 2\n",
            ["qaa.yaml:3:1: a second YAML document; use one per file"],
            id="second document",
        ),
        pytest.param(
            b"a: &x 1\nb: *x\n", ["qaa.yaml:1:4: YAML anchors (&name) are not allowed"], id="anchor"
        ),
        pytest.param(
            b"a: 1\nb: *x\n", ["qaa.yaml:2:4: YAML aliases (*name) are not allowed"], id="alias"
        ),
        pytest.param(
            b"a: !!int 1\n",
            ["qaa.yaml:1:4: YAML tags (tag:yaml.org,2002:int) are not allowed"],
            id="scalar tag",
        ),
        pytest.param(
            b"a: !!map {}\n",
            ["qaa.yaml:1:4: YAML tags (tag:yaml.org,2002:map) are not allowed"],
            id="collection tag",
        ),
        pytest.param(
            b"a: [[[[[[[[1]]]]]]]]\n",
            ["qaa.yaml:1:11: nested too deeply for a language file"],
            id="nine levels",
        ),
        pytest.param(b"? [a]\n: b\n", ["qaa.yaml:1:3: a key must be plain text"], id="list as key"),
        pytest.param(
            b"language: qaa\nname: Q\nname: R\ntitle: T\nsections: []\n",
            [
                "qaa.yaml:3:1: duplicate key 'name' (first at line 2)",
                "qaa.yaml:5:11: sections must be a non-empty list of sections, not an empty list",
            ],
            id="duplicate key",
        ),
        pytest.param(
            b'language: qaa\nname: "unclosed\ntitle: T\n',
            [
                "qaa.yaml:4:1: YAML syntax: the quoted text that starts at line 2, column 7 is"
                ' never closed; end it with the same quote mark (")'
            ],
            id="an unclosed quote names where it opened",
        ),
        pytest.param(
            b"",
            ["qaa.yaml:1:1: the file is empty; a language file starts with 'language:'"],
            id="empty",
        ),
        pytest.param(
            b"# only a comment\n",
            ["qaa.yaml:1:1: the file is empty; a language file starts with 'language:'"],
            id="only a comment",
        ),
    ],
)
def test_each_strict_yaml_rule_with_its_place(data: bytes, expected: list[str]) -> None:
    language, problems = loader.check_bytes(
        data,
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    assert language is None
    assert [str(p) for p in problems] == expected


# The mistakes a translator makes most, as each of PyYAML's parsers words them (libyaml's and
# its own, in every PyYAML from 6.0.1 to 6.0.4), explained the same way at the same place.
YAML_MISTAKES = [
    pytest.param(
        "language: qaa\nsections:\n\t- id: summary\n",
        "3:1",
        "a tab; YAML indents with spaces only: replace the tab with spaces",
        id="a tab that indents",
    ),
    pytest.param(
        "language: qaa\nsections:\n  - id: summary\n\tkind: section\n",
        "4:1",
        "a tab; YAML indents with spaces only: replace the tab with spaces",
        id="a tab after spaces",
    ),
    pytest.param(
        'language: qaa\ntitle: "What\nname: x\n',
        "4:1",
        "the quoted text that starts at line 2, column 8 is never closed; end it with the"
        ' same quote mark (")',
        id="an unclosed quote",
    ),
    pytest.param(
        'language: qaa\ntitle: "What\nname: "x"\n',
        "3:8",
        "the quoted text that ends at line 3, column 7 began on a line above; the quote mark"
        ' (") that should end it there is probably missing',
        id="a quote missing at the end of a line",
    ),
    pytest.param(
        'language: qaa\ntitle: "He said "hi" to me"\n',
        "2:18",
        'a double quote (") inside a text in double quotes ends the text early; write \\" for'
        " a quote inside it, or use typographic quotes (“…”)",
        id="a quote inside a quoted text",
    ),
    pytest.param(
        "language: qaa\ntitle: 'l'ultimo miglio'\n",
        "2:11",
        "an apostrophe (') inside a text in single quotes ends the text early; write '' for an"
        " apostrophe inside it, or use the typographic one (’)",
        id="an apostrophe inside single quotes",
    ),
    pytest.param(
        'sections:\n  - id: s\n    aliases: ["a "b" c", d]\n',
        "3:19",
        'a double quote (") inside a text in double quotes ends the text early; write \\" for'
        " a quote inside it, or use typographic quotes (“…”)",
        id="a quote inside a quoted alias",
    ),
    pytest.param(
        "sections:\n  - id: summary\n    kind: section\n   title: x\n",
        "4:4",
        "this line is indented to column 4, which matches none of the lines above; indent it"
        " with spaces as far as the key it belongs with",
        id="a line indented less",
    ),
    pytest.param(
        "sections:\n  - id: summary\n    kind: section\n      title: x\n",
        "4:12",
        "this line is indented further than the key above it, so YAML reads it as part of that"
        " key's value; indent it as far as that key",
        id="a line indented more",
    ),
    pytest.param(
        "language: qaa\ntitle: Note: this is it\n",
        "2:12",
        "a colon and a space inside a text make YAML read a new 'key: value'; put the whole"
        " text in double quotes",
        id="key: value inside a text",
    ),
    pytest.param(
        "language: qaa\ntitle: 'Die letzte' Meile\n",
        "2:21",
        "an apostrophe (') inside a text in single quotes ends the text early; write '' for an"
        " apostrophe inside it, or use the typographic one (’)",
        id="text after a closing quote",
    ),
    pytest.param(
        "language: qaa\ntitle: @home\n",
        "2:8",
        "a text cannot begin with @ unless it is in quotes; put the whole text in double quotes",
        id="a character no plain text begins with",
    ),
    pytest.param(
        "language qaa\nname: x\n",
        "2:5",
        "the line above has no colon after its key, so YAML reads both lines as one text;"
        " write the key as 'key: value'",
        id="a key without its colon",
    ),
    pytest.param(
        "language: qaa\nsections:\n  - id: s\n    aliases: [a, b\nname: x\n",
        "5:5",
        "the list that starts at line 4, column 14 is not closed where it should be; separate"
        " its items with commas and end it with ]",
        id="an unclosed list",
    ),
]


@pytest.mark.parametrize(("data", "where", "said"), YAML_MISTAKES)
def test_common_yaml_mistakes_are_explained_with_a_fix(
    parser: str, data: str, where: str, said: str
) -> None:
    """Both parsers word these their own way; lastmile says what is wrong and how to fix it,
    at the line and column the parser gives."""
    _, problems = loader.check_bytes(
        data.encode(),
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    assert [str(p) for p in problems][:1] == [f"qaa.yaml:{where}: YAML syntax: {said}"]


def test_a_colon_that_makes_a_paragraph_a_mapping_gets_the_same_hint() -> None:
    data = (
        "language: qaa\nname: Q\ntitle: T\nsections:\n  - id: summary\n    kind: section\n"
        "    title: S\n    paragraphs:\n      - He said: hi\n"
    )
    _, problems = loader.check_bytes(
        data.encode(),
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    assert [str(p) for p in problems] == [
        "qaa.yaml:9:9: paragraph must be non-empty text, not a mapping; a colon and a space"
        " make YAML read 'key: value': put the text in quotes"
    ]


@pytest.mark.parametrize(
    ("data", "start", "fragment"),
    [
        (
            b"a: [1, 2\n",
            "qaa.yaml:2:1: YAML syntax: ",
            "the list that starts at line 1, column 4 is not closed where it should be;"
            " separate its items with commas and end it with ]",
        ),
        (
            b"a: *\n",
            "qaa.yaml:1:5: YAML syntax: ",
            ", while scanning an alias that starts at line 1, column 4",
        ),
        (
            b"- a\nb: c\n",  # at a column used above: not a wrong indent, so PyYAML's words
            "qaa.yaml:2:1: YAML syntax: ",
            ", while parsing a block collection that starts at line 1, column 1",
        ),
    ],
    ids=[
        "an unclosed list names where it opened",
        "anything else keeps PyYAML's words",
        "a list then a mapping",
    ],
)
def test_yaml_syntax_errors_keep_their_context(
    parser: str, data: bytes, start: str, fragment: str
) -> None:
    _, problems = loader.check_bytes(
        data, "qaa.yaml", "qaa.yaml", complete=False, source="x", known=KNOWN
    )
    assert str(problems[0]).startswith(start)
    assert str(problems[0]).endswith(fragment)


def test_eight_levels_are_allowed() -> None:
    """The limit is nine: a mapping and seven lists inside it are not "too deep"."""
    _, problems = loader.check_bytes(
        b"a: [[[[[[[1]]]]]]]\n",
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    assert "nested too deeply" not in " ".join(str(p) for p in problems)
    assert str(problems[0]).startswith("qaa.yaml:1:1: unknown key 'a' in the file")


@pytest.mark.parametrize("value", ["null", "~", "Null", ""])
def test_only_a_plain_scalar_can_be_null(value: str) -> None:
    """`title: null` is empty; `title: "null"` is the text null."""
    plain = HEAD.replace("title: A test", f"title: {value}") + SECTION.format(text="x")
    _, problems = loader.check_bytes(
        plain.encode(),
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    column = 8 if value else 7  # an empty value is marked where the colon ends
    assert [str(p) for p in problems] == [
        f"qaa.yaml:3:{column}: title must be non-empty text, not empty"
    ]
    if value:
        quoted = HEAD.replace("title: A test", f'title: "{value}"') + SECTION.format(text="x")
        language, _ = loader.check_bytes(
            quoted.encode(),
            "qaa.yaml",
            "qaa.yaml",
            complete=False,
            source="x",
            known=KNOWN,
        )
        assert language is not None and language.title == value


def sec(
    id: str = "summary",
    kind: str | None = "section",
    paragraphs: str | None = "[x]",
    extra: str = "",
) -> str:
    text = (
        f"  - id: {id}\n" + (f"    kind: {kind}\n" if kind is not None else "") + "    title: S\n"
    )
    return text + (f"    paragraphs: {paragraphs}\n" if paragraphs is not None else "") + extra


TOP = "language: qaa\nname: Q\ntitle: T\nsections:\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            'language: qaa\nname: Q\ntitle: "a\\e[2J"\nsections:\n' + sec(),
            ["qaa.yaml:3:8: title: control character U+001B is not allowed in text"],
            id="an escape written in YAML",
        ),
        pytest.param(
            TOP + sec(id='"sum\\emary"'),
            ["qaa.yaml:5:9: id: control character U+001B is not allowed in text"],
            id="an escape in an id is reported once, never echoed",
        ),
        pytest.param(
            'language: qaa\nname: Q\ntitle: "Sum\\tmary\\nfake-id\\tsection\\tInjected"\nsections:\n'
            + sec(),
            ["qaa.yaml:3:8: title: a tab (U+0009) is not allowed in a one-line text; use a space"],
            id="a tab in a title would forge a listing's row",
        ),
        pytest.param(
            'language: qaa\nname: "Q\\n# X"\ntitle: T\nsections:\n' + sec(),
            [
                "qaa.yaml:2:7: name: a line break (U+000A) is not allowed in a one-line text;"
                " use a space"
            ],
            id="a newline in a name",
        ),
        pytest.param(
            TOP + sec(extra='    aliases: ["a\\u2028b"]\n'),
            [
                "qaa.yaml:9:15: alias: a line separator (U+2028) is not allowed in a one-line"
                " text; use a space"
            ],
            id="a line separator in an alias",
        ),
        pytest.param(
            TOP + sec(extra='    "\\e[2J": x\n'),
            [
                "qaa.yaml:9:5: unknown key '\\u001b[2J' (control character U+001B is not"
                " allowed in a key) in a section; allowed: id, kind, after, title, aliases,"
                " origin, fingerprint, paragraphs"
            ],
            id="an escape in a key is flagged, and shown escaped",
        ),
        pytest.param(
            TOP + sec(extra="    origin: ''\n"),
            ["qaa.yaml:9:13: origin must be non-empty text, not blank text"],
            id="blank origin",
        ),
        pytest.param(
            TOP + sec(id="''"),
            ["qaa.yaml:5:9: id must be non-empty text, not blank text"],
            id="blank id",
        ),
        pytest.param(
            TOP + sec(kind="''"),
            ["qaa.yaml:6:11: kind must be non-empty text, not blank text"],
            id="blank kind",
        ),
        pytest.param(
            TOP + sec(paragraphs=None),
            ["qaa.yaml:5:5: a section is missing 'paragraphs'"],
            id="no paragraphs",
        ),
        pytest.param(
            TOP + sec(kind=None), ["qaa.yaml:5:5: a section is missing 'kind'"], id="no kind"
        ),
        pytest.param(
            TOP + sec(id="zzzzzz", kind="example", extra="    after: x\u202e\n"),
            ["qaa.yaml:9:13: bidirectional control U+202E is not allowed in text"],
            id="an escape in an after is reported once, never echoed",
        ),
        pytest.param(
            TOP + sec() + sec() + sec(id="definition", kind="example"),
            [
                "qaa.yaml:9:5: section 'summary' appears twice",
                "qaa.yaml:14:11: kind of 'definition' must be 'section', not 'example'",
            ],
            id="checking goes on after a repeated section",
        ),
    ],
)
def test_each_section_rule_with_its_place(check: Check, content: str, expected: list[str]) -> None:
    language, problems = check(content)
    assert language is None
    assert [str(p) for p in problems] == expected


def test_paragraphs_may_hold_tabs_and_line_breaks(check: Check) -> None:
    language, problems = check(TOP + sec(paragraphs='["a\\tb\\nc"]'))
    assert problems == [] or all(p.severity == "note" for p in problems)
    assert language is not None and language.sections[0].paragraphs == ("a\tb\nc",)


def test_an_empty_alias_list_is_fine(check: Check) -> None:
    language, _ = check(TOP + sec(extra="    aliases: []\n"))
    assert language is not None and language.sections[0].aliases == ()


def test_one_nul_on_the_third_line() -> None:
    _, problems = loader.check_bytes(
        b"a\nb\nc\x00\n",
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    assert [str(p) for p in problems] == [
        "qaa.yaml:3:1: contains NUL bytes: this is a binary file, not YAML"
    ]


def test_unknown_keys_past_the_limit_are_counted_exactly() -> None:
    keys = "".join(f"k{i}: v\n" for i in range(MAX_PROBLEMS + 50))
    _, problems = loader.check_bytes(
        (TOP + sec() + keys).encode(),
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    assert len(problems) == MAX_PROBLEMS + 1
    assert str(problems[-1]) == "qaa.yaml: 50 more problems not shown"


def test_checking_goes_on_after_a_section_that_fails() -> None:
    content = TOP + sec(kind="example") + sec(id="definition", kind="example")
    _, problems = loader.check_bytes(
        content.encode(),
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    assert [str(p) for p in problems] == [
        "qaa.yaml:6:11: kind of 'summary' must be 'section', not 'example'",
        "qaa.yaml:10:11: kind of 'definition' must be 'section', not 'example'",
    ]
