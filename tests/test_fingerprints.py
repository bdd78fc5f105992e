"""Fingerprints and stale sections: editing one English sentence makes exactly the sections
built on it stale, in validate, languages, status and when reading; `lastmile fingerprint`
records them and changes nothing else in a file."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import KNOWN, MINIMAL, Lastmile
from lastmile_cli.bundle import Bundle
from lastmile_cli.fingerprints import fingerprint
from lastmile_cli.loader import check_bytes

SENTENCE = "A runner\n        can spend months"  # data/en.yaml's marathon, as the file wraps it
TRANSLATIONS = ("de", "es", "fr", "it")


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the bundled data in which one English sentence of the marathon was edited."""
    folder = tmp_path / "data"
    shutil.copytree(Bundle().yaml_dir, folder)
    english = folder / "en.yaml"
    text = english.read_text(encoding="utf-8")
    assert text.count("A runner") == 1
    english.write_text(text.replace("A runner", "A tired runner"), encoding="utf-8")
    return folder


def test_the_fingerprint_is_the_documented_sha256() -> None:
    """docs/content-format.md: SHA-256 of the title, a line break and the paragraphs with each
    run of white space as one space; the first 8 hexadecimal digits."""
    import hashlib

    expected = hashlib.sha256(b"Run\nOne two. Three.").hexdigest()[:8]
    assert fingerprint(" Run ", ["One\n two.", "Three."]) == expected
    assert fingerprint("Run", ["One two. Three."]) == expected  # a split paragraph is no change
    assert fingerprint("Run", ["One two, three."]) != expected


def test_one_edited_sentence_makes_exactly_its_section_stale(
    lastmile: Lastmile, copy: Path
) -> None:
    data = ["--data-dir", str(copy)]
    listed = lastmile("languages", *data)
    assert listed.code == 0
    rows = {line.split("\t")[0]: line.split("\t")[3] for line in listed.out.splitlines()}
    assert rows == {"en": "8/8", **{code: "7/8, 1 stale" for code in TRANSLATIONS}}

    records = json.loads(lastmile("languages", *data, "-f", "json").out)["languages"]
    assert {r["code"]: r["stale"] for r in records} == {
        "en": [],
        **{code: ["marathon"] for code in TRANSLATIONS},
    }

    status = json.loads(lastmile("status", *data, "-f", "json").out)["languages"]
    assert [s["code"] for s in status] == list(TRANSLATIONS)
    for entry in status:
        assert entry["sections"] == {
            "total": 8,
            "translated": 7,
            "stale": 1,
            "untranslated": 0,
            "missing": 0,
        }
        assert [i for i, state in entry["states"].items() if state != "translated"] == ["marathon"]
        assert entry["words"]["stale"] == 93  # the English marathon's words, its title's too
        assert entry["words"]["total"] == 615

    checked = lastmile("validate", str(copy / "de.yaml"), *data)
    assert checked.code == 0
    (note,) = checked.out.splitlines()
    lines = (copy / "de.yaml").read_text().splitlines()
    start = next(n for n, text in enumerate(lines, 1) if text.strip() == "- id: marathon")
    line = next(n for n, text in enumerate(lines[start:], start + 1) if "fingerprint:" in text)
    assert note.startswith(f"{copy / 'de.yaml'}:{line}:18: note: section 'marathon' is stale")
    assert "A tired runner can spend months preparing for a marathon." in note
    assert f"lastmile fingerprint {copy / 'de.yaml'} --section marathon" in note
    strict = lastmile("validate", str(copy / "de.yaml"), *data, "--strict")
    assert strict.code == 1 and ":18: section 'marathon' is stale" in strict.out

    read = lastmile("example", "marathon", "-l", "de", *data)
    assert read.out == lastmile("example", "marathon", "-l", "de").out  # shown as it is
    assert read.err == (
        f"lastmile: note: de ({copy / 'de.yaml'}): the English of marathon changed after it was"
        " translated; showing the translation as it is (lastmile validate shows the English now)\n"
    )
    article = json.loads(lastmile("explain", "-l", "it", *data, "-f", "json").out)
    assert {s["id"] for s in article["sections"] if s["stale"]} == {"marathon"}
    assert lastmile("example", "politics", "-l", "de", *data).err == ""
    assert lastmile("example", "marathon", "-l", "en", *data).err == ""


def test_the_bundled_article_reads_without_a_stale_note(lastmile: Lastmile) -> None:
    for code in TRANSLATIONS:
        read = lastmile("explain", "-l", code, "-f", "json")
        assert read.err == "" and not any(s["stale"] for s in json.loads(read.out)["sections"])


def test_reviewing_a_stale_section_is_one_command(lastmile: Lastmile, copy: Path) -> None:
    data = ["--data-dir", str(copy)]
    german = copy / "de.yaml"
    before = german.read_bytes()
    done = lastmile("fingerprint", str(german), "--section", "marathon", *data)
    assert (done.code, done.err) == (0, "")
    assert done.out == f"{german}: updated to the English of now: marathon\n"
    after = german.read_bytes()
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 1 and changed[0][0].strip().startswith(b"fingerprint: ")
    assert lastmile("validate", str(german), *data, "--strict").code == 0
    assert "de\tDeutsch\tGerman\t8/8\t" in lastmile("languages", *data).out
    assert lastmile("example", "marathon", "-l", "de", *data).err == ""
    again = lastmile("fingerprint", str(german), *data)
    assert again.out == f"{german}: nothing to record\n" and german.read_bytes() == after


HAND = """\
# Qaa, by hand: a comment to keep
language: qaa
name: Qaa
title: "T"
sections:
  - id: summary
    kind: section
    title: Sum   # a comment to keep
    paragraphs:
      - A translation.
  - id: marathon
    kind: example
    title: 'Run'
    aliases: [run]
    paragraphs: [Another one.]
"""


def test_recording_fingerprints_changes_nothing_else(
    lastmile: Lastmile, tmp_path: Path, write_language: object
) -> None:
    folder = tmp_path / "hand"
    folder.mkdir()
    path = folder / "qaa.yaml"
    path.write_bytes(HAND.replace("\n", "\r\n").encode())
    os.chmod(path, 0o640)
    checked = lastmile("validate", str(path))
    assert checked.code == 0
    assert (
        f"{path}: note: summary, marathon record no fingerprint, so lastmile cannot tell when"
        " their English changes; record that they translate the English of now:"
        f" lastmile fingerprint {path}\n"
    ) in checked.out
    shown = {
        args: lastmile(*args, "--data-dir", str(folder))
        for args in (("explain", "-l", "qaa", "-f", "json"), ("languages",), ("status", "qaa"))
    }
    done = lastmile("fingerprint", str(path))
    assert done.out == f"{path}: recorded the English of now for summary, marathon\n"
    text = path.read_bytes().decode()
    english = {s.id: s.digest for s in load_english().sections}
    assert text == HAND.replace(
        "    paragraphs:\n      - A translation.",
        f"    fingerprint: {english['summary']}\n    paragraphs:\n      - A translation.",
    ).replace(
        "    paragraphs: [Another one.]",
        f"    fingerprint: {english['marathon']}\n    paragraphs: [Another one.]",
    ).replace("\n", "\r\n")
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert "record no fingerprint" not in lastmile("validate", str(path)).out
    for args, before in shown.items():  # recording fingerprints changes no command's output
        after = lastmile(*args, "--data-dir", str(folder))
        assert (after.code, after.out, after.err) == (before.code, before.out, before.err)


def load_english() -> object:
    from lastmile_cli.content import Article

    english = Article([], None).load("en")
    assert english is not None
    return english


def test_a_section_on_one_line_is_left_to_the_translator(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = tmp_path / "qaa.yaml"
    path.write_text(
        "language: qaa\nname: Q\ntitle: T\nsections:\n"
        "  - {id: summary, kind: section, title: S, paragraphs: [P.]}\n",
        encoding="utf-8",
    )
    before = path.read_bytes()
    done = lastmile("fingerprint", str(path))
    digest = load_english().section("summary").digest  # type: ignore[attr-defined]
    assert done.code == 1 and done.out == ""
    assert done.err == (
        f"lastmile: {path}:5:5: section 'summary' is written on one line;"
        f" add 'fingerprint: {digest}' to it by hand\n"
    )
    assert path.read_bytes() == before


def test_what_fingerprint_refuses(lastmile: Lastmile, tmp_path: Path) -> None:
    english = tmp_path / "en.yaml"
    shutil.copy(Path(Bundle().yaml_dir) / "en.yaml", english)
    done = lastmile("fingerprint", str(english))
    assert (done.code, done.out) == (1, "")
    assert (
        done.err
        == f"lastmile: {english} is the English itself: translations record its fingerprints\n"
    )
    broken = tmp_path / "qaa.yaml"
    broken.write_text(
        MINIMAL.format(code="qaa").replace("name: Test", "name: [Q]"), encoding="utf-8"
    )
    done = lastmile("fingerprint", str(broken))
    assert done.code == 1 and done.err.startswith(f"lastmile: {broken}:2:7: name must be")
    german = tmp_path / "de.yaml"
    german.write_text(
        (Path(Bundle().yaml_dir) / "de.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert lastmile("fingerprint", str(german), "-s", "marathn").code == 2


def test_a_starter_file_stays_untranslated_when_the_english_moves(
    lastmile: Lastmile, copy: Path, tmp_path: Path
) -> None:
    """The issue's case: a Portuguese translation at 2/8 does not become 3/8 (or stale) when a
    sentence of the English it has not translated yet changes."""
    started = tmp_path / "mine"
    started.mkdir()
    text = lastmile("template", "pt").out
    for english, portuguese in (
        ("Perhaps the most literal application", "Talvez a aplicação mais literal"),
        ("Last mile failure is a phrase", "A falha da última milha é uma expressão"),
    ):
        assert english in text
        text = text.replace(english, portuguese)
    (started / "pt.yaml").write_text(text, encoding="utf-8")
    (copy / "pt.yaml").write_text(text, encoding="utf-8")
    before = lastmile("languages", "--data-dir", str(started)).out
    assert "pt\tpt\tpt\t2/8, 6 untranslated\t" in before
    # the English of the marathon moved: the Portuguese marathon is stale, the rest as they were
    after = lastmile("languages", "--data-dir", str(copy)).out
    assert "pt\tpt\tpt\t1/8, 1 stale, 6 untranslated\t" in after
    text = text.replace("Talvez a aplicação mais literal", "Perhaps the most literal application")
    (copy / "pt.yaml").write_text(text, encoding="utf-8")
    after = lastmile("languages", "--data-dir", str(copy)).out
    assert "pt\tpt\tpt\t1/8, 7 untranslated\t" in after  # a copy of the English it came from


def test_status_counts_each_state_in_every_format(lastmile: Lastmile, copy: Path) -> None:
    (copy / "pt.yaml").write_text(
        "language: pt\nname: Português\ntitle: T\nsections:\n"
        "  - id: definition\n    kind: section\n    title: Definição\n    paragraphs: [Uma.]\n",
        encoding="utf-8",
    )
    data = ["--data-dir", str(copy)]
    text = lastmile("status", "pt", "de", *data)
    english = load_english()
    definition = english.section("definition")  # type: ignore[attr-defined]
    words = {
        s.id: len(s.title.split()) + sum(len(p.split()) for p in s.paragraphs)
        for s in english.sections
    }  # type: ignore[attr-defined]
    total = sum(words.values()) + 1  # "tired"
    assert text.out.splitlines() == [
        f"pt\ttranslated\t1/8\t{words['definition']}/{total}\t{words['definition'] * 100 // total}%",
        f"pt\tstale\t0/8\t0/{total}\t0%",
        f"pt\tuntranslated\t0/8\t0/{total}\t0%",
        f"pt\tmissing\t7/8\t{total - words['definition']}/{total}\t{(total - words['definition']) * 100 // total}%",
        f"de\ttranslated\t7/8\t{total - words['marathon'] - 1}/{total}\t{(total - words['marathon'] - 1) * 100 // total}%",
        f"de\tstale\t1/8\t{words['marathon'] + 1}/{total}\t{(words['marathon'] + 1) * 100 // total}%",
        f"de\tuntranslated\t0/8\t0/{total}\t0%",
        f"de\tmissing\t0/8\t0/{total}\t0%",
    ]
    assert definition is not None
    rows = list(csv.DictReader(io.StringIO(lastmile("status", "pt", *data, "-f", "csv").out)))
    assert rows == [
        {
            "language": "pt",
            "name": "Português",
            "source": str(copy / "pt.yaml"),
            "sections": "8",
            "translated": "1",
            "stale": "0",
            "untranslated": "0",
            "missing": "7",
            "words": str(total),
            "translated_words": str(words["definition"]),
            "stale_words": "0",
            "untranslated_words": "0",
            "missing_words": str(total - words["definition"]),
        }
    ]
    table = lastmile("status", "pt", *data, "-f", "markdown").out
    assert table.splitlines()[:3] == [
        "| language | state | sections | words | share |",
        "|---|---|---|---|---|",
        f"| pt | translated | 1/8 | {words['definition']}/{total} | {words['definition'] * 100 // total}% |",
    ]
    assert lastmile("status", "klingon").code == 2
    assert lastmile("status", "pt", "Português", *data).out == lastmile("status", "pt", *data).out


def test_a_spreadsheet_takes_no_name_for_a_formula(lastmile: Lastmile, tmp_path: Path) -> None:
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "qaa.yaml").write_text(
        'language: qaa\nname: "=HYPERLINK(\\"x\\")"\ntitle: T\nsections:\n'
        "  - id: summary\n    kind: section\n    title: S\n    paragraphs: [P.]\n",
        encoding="utf-8",
    )
    (row,) = csv.DictReader(
        io.StringIO(lastmile("status", "qaa", "--data-dir", str(folder), "-f", "csv").out)
    )
    assert row["name"] == '\'=HYPERLINK("x")'


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("xyz", "fingerprint must be 8 hexadecimal digits (0-9, a-f) such as 3f2a9c1e, not 'xyz'"),
        (
            "3F2A9C1E",
            "fingerprint must be 8 hexadecimal digits (0-9, a-f) such as 3f2a9c1e, not '3F2A9C1E'",
        ),
        ("[a]", "fingerprint must be non-empty text, not a list"),
    ],
)
def test_a_malformed_fingerprint_is_refused_with_its_place(value: str, message: str) -> None:
    content = (
        "language: qaa\nname: Q\ntitle: T\nsections:\n  - id: summary\n    kind: section\n"
        f"    title: S\n    fingerprint: {value}\n    paragraphs: [P.]\n"
    )
    language, problems = check_bytes(
        content.encode(),
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    assert language is None
    assert str(problems[0]).startswith(f"qaa.yaml:8:18: {message}")


def test_the_built_article_knows_its_stale_sections(copy: Path) -> None:
    """Reading the bundled article never unpacks the English to tell stale sections: the build
    records them (a checkout whose data/en.yaml changed is rebuilt before it shows anything)."""
    from lastmile_cli.bundle import PackedArticle, build

    blob, _made = build(str(copy))
    article = PackedArticle(blob)
    assert {code: article.stale[code] for code in article.codes()} == {
        "de": ("marathon",),
        "en": (),
        "es": ("marathon",),
        "fr": ("marathon",),
        "it": ("marathon",),
    }
    fresh, _made = build(Bundle().yaml_dir)
    assert not any(PackedArticle(fresh).stale.values())


@given(st.binary(max_size=4096))
def test_python_s_own_sha256_is_hashlib_s(data: bytes) -> None:
    """The digest comes from Python's own SHA-256 module where there is one (hashlib loads
    OpenSSL first): byte for byte the digest hashlib gives."""
    import hashlib

    from lastmile_cli.fingerprints import _sha256

    assert _sha256()(data).hexdigest() == hashlib.sha256(data).hexdigest()


def test_without_python_s_own_module_hashlib_computes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins
    import hashlib

    from lastmile_cli import fingerprints

    real = builtins.__import__

    def no_builtin_sha(name: str, *args: object, **kwargs: object) -> object:
        if name in ("_sha256", "_sha2"):
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_builtin_sha)
    assert fingerprints._sha256() is hashlib.sha256
    assert fingerprint("T", ["p"]) == hashlib.sha256(b"T\np").hexdigest()[:8]


def test_python_s_own_module_is_used_under_either_of_its_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Python's own SHA-256 module is `_sha256` up to 3.11 and `_sha2` from 3.12: where the
    first name is missing, the second is asked for before hashlib (which loads OpenSSL)."""
    import builtins
    import importlib

    from lastmile_cli import fingerprints

    try:
        own = importlib.import_module("_sha2")
    except ImportError:
        own = importlib.import_module("_sha256")
    real = builtins.__import__

    def renamed(name: str, *args: object, **kwargs: object) -> object:
        if name == "_sha256":
            raise ImportError(name)
        if name == "_sha2":
            return own
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", renamed)
    assert fingerprints._sha256() is own.sha256
    monkeypatch.undo()
    assert fingerprints._sha256() is own.sha256  # (this Python's name, unpatched)
