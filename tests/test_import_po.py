"""`lastmile import FILE.po`, the command, in-process: what it says when the output is misnamed
or the language file it made does not load, and the language of the file's comment."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import Lastmile
from lastmile_cli import i18n


def _catalog(lastmile: Lastmile, tmp_path: Path, empty_title: bool = False) -> Path:
    """The German catalog, exported (`empty_title`: its title entry's msgid and msgstr empty)."""
    po = lastmile("export", "de").out
    if empty_title:
        po, count = re.subn(
            r'msgctxt "title"\nmsgid "[^"]*"\nmsgstr "[^"]*"\n',
            'msgctxt "title"\nmsgid ""\nmsgstr ""\n',
            po,
        )
        assert count == 1
    path = tmp_path / "de.po"
    path.write_text(po, encoding="utf-8")
    return path


def test_an_output_named_for_another_language_is_a_usage_error(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = _catalog(lastmile, tmp_path)
    target = tmp_path / "pt\x1b.yaml"
    refused = lastmile("import", str(path), "--output", str(target))
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (
        "lastmile: the catalog is for de, so its file must be named de.yaml (lastmile knows a"
        f" language file by its name), not {tmp_path}/pt\\u001b.yaml\n"
    )
    assert not target.exists()


def test_a_language_file_that_would_not_load_is_refused_with_its_problem(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    """A catalog whose title entry is empty, English and translation, makes a file with an
    empty title: import says so, naming the file it would have written, and writes nothing."""
    path = _catalog(lastmile, tmp_path, empty_title=True)
    said = "does not load as it should: {where}:6:8: title must be non-empty text, not blank text"
    printed = lastmile("import", str(path))
    assert (printed.code, printed.out) == (1, "")
    assert printed.err == (
        f"lastmile: the language file made from {path} " + said.format(where="de.yaml") + "\n"
    )
    target = tmp_path / "out" / "de.yaml"
    target.parent.mkdir()
    written = lastmile("import", str(path), "--output", str(target))
    assert (written.code, written.out) == (1, "")
    assert written.err == (
        f"lastmile: the language file made from {path} " + said.format(where=target) + "\n"
    )
    assert not target.exists()


def test_the_files_comment_is_in_the_interfaces_language_but_english_in_json(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = _catalog(lastmile, tmp_path)
    i18n.setup({"LANG": "de_DE.UTF-8"})  # what the entry point does with the environment
    try:
        text = lastmile("import", str(path))
        json = lastmile("import", str(path), "-f", "json")
    finally:
        i18n.setup({})
    assert text.code == 0 and text.out.startswith("# de.yaml: eine Sprachdatei für lastmile")
    assert json.code == 0
    assert '"yaml": "# de.yaml: a language file for lastmile, made by `lastmile import`' in json.out
