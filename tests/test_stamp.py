"""`lastmile fingerprint` (stamp.py) at the edges of a hand-written file: which sections it
stamps, where the new line goes, and what it says when it cannot (the file left as it was)."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from conftest import Lastmile
from lastmile_cli.content import Article


def digest(section_id: str) -> str:
    english = Article([], None).load("en")
    assert english is not None
    section = english.section(section_id)
    assert section is not None
    return section.digest


HEAD = "language: qaa\nname: Qaa\ntitle: T\nsections:\n"
SUMMARY = "  - id: summary\n    kind: section\n    title: S\n    paragraphs: [P.]\n"
MARATHON = "  - id: marathon\n    kind: example\n    title: R\n    paragraphs: [Q.]\n"


def test_a_section_that_records_one_is_passed_over_and_the_next_stamped(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = tmp_path / "qaa.yaml"
    recorded = SUMMARY.replace(
        "    paragraphs", f"    fingerprint: {digest('summary')}\n    paragraphs"
    )
    path.write_text(HEAD + recorded + MARATHON, encoding="utf-8")
    done = lastmile("fingerprint", str(path))
    assert (done.code, done.err) == (0, "")
    assert done.out == f"{path}: recorded the English of now for marathon\n"
    stamped = MARATHON.replace(
        "    paragraphs", f"    fingerprint: {digest('marathon')}\n    paragraphs"
    )
    assert path.read_text(encoding="utf-8") == HEAD + recorded + stamped


def test_the_fingerprint_goes_before_the_paragraphs_wherever_they_are(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = tmp_path / "qaa.yaml"
    body = "  - id: marathon\n    kind: example\n    paragraphs: [Q.]\n    title: R\n"
    path.write_text(HEAD + body, encoding="utf-8")
    assert lastmile("fingerprint", str(path)).code == 0
    assert path.read_text(encoding="utf-8") == HEAD + body.replace(
        "    paragraphs", f"    fingerprint: {digest('marathon')}\n    paragraphs"
    )


def test_a_section_the_file_does_not_translate_is_named(lastmile: Lastmile, tmp_path: Path) -> None:
    path = tmp_path / "qaa.yaml"
    path.write_text(HEAD + SUMMARY, encoding="utf-8")
    done = lastmile("fingerprint", str(path), "--section", "marathon")
    assert (done.code, done.out) == (1, "")
    assert done.err == f"lastmile: {path} has no section 'marathon'\n"
    assert path.read_text(encoding="utf-8") == HEAD + SUMMARY


def test_a_file_that_cannot_be_read_is_named_with_its_place(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = tmp_path / "qaa.yaml"
    path.write_bytes(b"#" * (1024 * 1024 + 1))
    done = lastmile("fingerprint", str(path))
    assert (done.code, done.out) == (1, "")
    assert done.err == (
        f"lastmile: {path}:1:1: is larger than 1 MiB; a language file is a few kilobytes\n"
    )


def test_a_new_line_that_would_change_the_file_s_meaning_is_refused(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    """Inside a flow mapping over several lines, a `fingerprint:` line of its own is no key of
    it: lastmile checks the new text and leaves the file to the translator."""
    path = tmp_path / "qaa.yaml"
    text = HEAD + "  - {id: summary, kind: section,\n     title: S,\n     paragraphs: [P.]}\n"
    path.write_text(text, encoding="utf-8")
    done = lastmile("fingerprint", str(path))
    assert (done.code, done.out) == (1, "")
    assert done.err == (
        f"lastmile: {path}: cannot record fingerprints without changing more of the file;"
        " add them by hand\n"
    )
    assert path.read_text(encoding="utf-8") == text


def test_a_file_that_cannot_be_written_says_why(
    lastmile: Lastmile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lastmile_cli import writing

    def full(path: str, data: bytes, overwrite: bool = False) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing, "write_file", full)
    path = tmp_path / "qaa.yaml"
    path.write_text(HEAD + SUMMARY, encoding="utf-8")
    done = lastmile("fingerprint", str(path))
    assert (done.code, done.out) == (1, "")
    assert done.err == f"lastmile: cannot write {path}: no space left on device\n"
    assert path.read_text(encoding="utf-8") == HEAD + SUMMARY


def test_a_section_the_english_lacks_is_a_usage_error_with_a_hint(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = tmp_path / "qaa.yaml"
    path.write_text(HEAD + SUMMARY, encoding="utf-8")
    done = lastmile("fingerprint", str(path), "--section", "marathn")
    assert (done.code, done.out) == (2, "")
    assert done.err == (
        "lastmile: unknown section 'marathn'. Did you mean 'marathon'? Available: summary,"
        " definition, telecom, key-point, marathon, politics, car-sales, conclusion.\n"
    )


def test_in_json_a_file_that_failed_is_named_beside_its_error(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = tmp_path / "qaa.yaml"
    path.write_text(HEAD + SUMMARY, encoding="utf-8")
    done = lastmile("fingerprint", str(path), "--section", "marathon", "-f", "json")
    assert done.code == 1
    said = f"{path} has no section 'marathon'"
    assert done.err == f"lastmile: {said}\n"
    files = json.loads(done.out)["files"]
    assert files == [{"path": str(path), "added": [], "updated": [], "error": said}]


def test_stamping_a_text_that_does_not_parse_says_its_first_problem_and_how_many_more() -> None:
    """stamp_text's own contract, for a caller that did not load the text first: a text that
    is no YAML is a content error at its first problem, the rest counted."""
    from lastmile_cli.errors import ContentError
    from lastmile_cli.stamp import stamp_text

    english = Article([], None).load("en")
    assert english is not None
    with pytest.raises(ContentError) as raised:
        stamp_text("code: de\n\x01\x02\n", english, english, [], "de.yaml")
    assert str(raised.value) == (
        "de.yaml:2:1: control character U+0001 is not allowed in text"
        " (and 1 more problem; run 'lastmile validate')"
    )
