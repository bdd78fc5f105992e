"""`lastmile template`: a starter file that loads at once and shows a translator's progress."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import KNOWN, SECTION_IDS, Lastmile
from lastmile_cli import language_yaml
from lastmile_cli.loader import check_bytes
from lastmile_cli.model import Language, Section
from lastmile_cli.views import Starter


def test_the_round_trip_template_validate_show_progress(lastmile: Lastmile, tmp_path: Path) -> None:
    made = lastmile("template", "pt-BR")
    assert made.code == 0 and made.err == ""
    (tmp_path / "pt-BR.yaml").write_text(made.out, encoding="utf-8")

    checked = lastmile("validate", str(tmp_path / "pt-BR.yaml"))
    assert checked.code == 0  # untranslated sections are notes, not errors
    assert checked.out.count("is still the English text: not translated yet") == 8
    assert checked.err == "lastmile: checked 1 file: 0 errors, 8 notes\n"

    listed = json.loads(lastmile("languages", "--data-dir", str(tmp_path), "-f", "json").out)
    (started,) = [entry for entry in listed["languages"] if entry["code"] == "pt-BR"]
    assert (started["sections"], started["complete"], len(started["untranslated"])) == (0, False, 8)

    # Until translated, every section is the English text, and shown as English in every format.
    shown = lastmile("explain", "--data-dir", str(tmp_path), "--lang", "pt-BR", "-f", "json")
    english = json.loads(lastmile("explain", "--lang", "en", "-f", "json").out)
    document = json.loads(shown.out)
    assert shown.code == 0 and document["language"] == "pt-BR"
    assert document["sections"] == english["sections"]  # each one "language": "en"
    assert "pt-BR" in shown.err and "still has the English text of summary" in shown.err
    text = lastmile("explain", "--data-dir", str(tmp_path), "--lang", "pt-BR").out
    assert "\n\nMarathon [en]\n" in text and "\n\nSummary [en]\n" in text

    text = made.out.replace('title: "Marathon"', 'title: "Maratona"').replace(
        "Perhaps the most literal application", "Talvez a aplicação mais literal"
    )
    (tmp_path / "pt-BR.yaml").write_text(text, encoding="utf-8")
    listed = json.loads(lastmile("languages", "--data-dir", str(tmp_path), "-f", "json").out)
    (started,) = [entry for entry in listed["languages"] if entry["code"] == "pt-BR"]
    assert started["sections"] == 1 and "marathon" not in started["untranslated"]
    listing = lastmile("languages", "--data-dir", str(tmp_path)).out
    assert "pt-BR\tpt-BR\tpt-BR\t1/8, 7 untranslated\t" in listing


def test_the_starter_has_every_section_and_says_what_to_keep(lastmile: Lastmile) -> None:
    out = lastmile("template", "qaa").out
    tree = yaml.safe_load(out)
    assert tuple(s["id"] for s in tree["sections"]) == SECTION_IDS
    assert tree["language"] == "qaa" and tree["name"] == "qaa"
    assert "Keep the keys (language:, id:, kind:, ...)" in out
    language, problems = check_bytes(
        out.encode(),
        "qaa.yaml",
        "qaa.yaml",
        complete=True,
        source="x",
        known=KNOWN,
    )
    assert language is not None and problems == []


def test_other_formats_carry_the_same_file(lastmile: Lastmile) -> None:
    text = lastmile("template", "pt").out
    assert json.loads(lastmile("template", "pt", "-f", "json").out) == {
        "schema": {"kind": "template", "version": 1},
        "language": "pt",
        "file": "pt.yaml",
        "paste": False,
        "yaml": text,
    }
    markdown = lastmile("template", "pt", "-f", "markdown").out
    assert markdown == f"```yaml\n{text}```\n"


def test_a_name_that_is_not_a_tag_is_a_usage_error(lastmile: Lastmile) -> None:
    for bad in ("Portuguese", "pt_BR", "", "x"):
        result = lastmile("template", bad)
        assert result.code == 2 and result.out == "", bad
        assert "is not a language tag such as de, pt-BR or qaa" in result.err


@settings(deadline=None)
@given(st.text())
def test_a_quoted_scalar_is_the_json_string_with_the_separators_escaped(text: str) -> None:
    """template.quoted writes JSON's escapes itself (json loads re); byte for byte json's."""
    from lastmile_cli.language_yaml import quoted

    expected = json.dumps(text, ensure_ascii=False)
    assert quoted(text) == expected.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@pytest.mark.slow
def test_the_comments_spell_keys_as_yaml_reads_them_in_every_language(
    spawn: Callable[..., subprocess.CompletedProcess[bytes]],
) -> None:
    """French puts a space before a colon in prose, never inside a key: `after: ID` is what
    the file must say, so the comment that shows it keeps it as YAML reads it."""
    for locale in ("C", "de_DE.UTF-8", "es_ES.UTF-8", "fr_FR.UTF-8", "it_IT.UTF-8"):
        result = spawn("template", "pt", "--example", "own-story", env={"LANG": locale})
        assert result.returncode == 0, result.stderr
        comments = [line for line in result.stdout.decode().splitlines() if line[:1] == "#"]
        assert any("after: ID" in line for line in comments), locale


# -- the YAML, by value (language_yaml.py) ---------------------------------------------------


def hand_made(**fields: object) -> Section:
    base: dict[str, object] = {
        "id": "story",
        "kind": "example",
        "title": 'A "story"',
        "paragraphs": ("One.\u2028Two.", "Three: four."),
        "aliases": ("tale", "yarn"),
        "code": "en",
        "digest": "0123abcd",
    }
    return Section(**{**base, **fields})  # type: ignore[arg-type]


def test_the_sections_of_a_starter_are_written_as_they_are() -> None:
    """Every key in its place, each text a double-quoted scalar (a line separator escaped), the
    English's digest as the fingerprint; a new section says what it follows, and gets its
    (empty) aliases to fill in, but no fingerprint."""
    shown = hand_made()
    new = hand_made(id="mine", aliases=(), after="story", digest="ffffffff")
    text = language_yaml.starter(
        Starter("es", (shown, new), whole=False, new=("mine",), command="lastmile template es")
    )
    assert text.split("sections:\n", 1)[1] == (
        "  - id: story\n"
        "    kind: example\n"
        '    title: "A \\"story\\""\n'
        '    aliases: ["tale", "yarn"]  # other names a reader may type\n'
        "    fingerprint: 0123abcd\n"
        "    paragraphs:\n"
        '      - "One.\\u2028Two."\n'
        '      - "Three: four."\n'
        "  - id: mine\n"
        "    kind: example\n"
        "    after: story  # the section it follows\n"
        '    title: "A \\"story\\""\n'
        "    aliases: []  # other names a reader may type\n"
        "    paragraphs:\n"
        '      - "One.\\u2028Two."\n'
        '      - "Three: four."\n'
    )
    assert text.startswith("# es.yaml: sections for lastmile in es, started by `lastmile")
    assert "\nlanguage: es\nsections:\n" in text


def test_a_translations_fingerprint_is_what_it_recorded_and_no_aliases_no_line() -> None:
    translated = hand_made(code="de", aliases=(), fingerprint="feedbeef", digest="00000000")
    text = language_yaml.starter(Starter("de", (translated,), whole=False))
    assert "    fingerprint: feedbeef\n" in text and "aliases" not in text.split("sections:")[1]


def test_a_language_file_is_written_with_every_field_it_has() -> None:
    language = Language(
        "pt-BR",
        "Português",
        "Brazilian Portuguese",
        "Título",
        (hand_made(code="pt-BR", origin="machine", after="telecom", fingerprint="6c3ff392"),),
        "machine",
        "x",
        "falha",
    )
    assert language_yaml.language_file(language, "made here\nby hand") == (
        "# made here\n"
        "# by hand\n"
        "language: pt-BR\n"
        'name: "Português"\n'
        'english_name: "Brazilian Portuguese"\n'
        'title: "Título"\n'
        "title_origin: machine\n"
        'term: "falha"\n'
        "sections:\n"
        "  - id: story\n"
        "    kind: example\n"
        "    after: telecom\n"
        '    title: "A \\"story\\""\n'
        '    aliases: ["tale", "yarn"]\n'
        "    origin: machine\n"
        "    fingerprint: 6c3ff392\n"
        "    paragraphs:\n"
        '      - "One.\\u2028Two."\n'
        '      - "Three: four."\n'
    )


GUIDE = (
    "# Write each title, the aliases (other names a reader may type) and the paragraphs in\n"
    "# your language; keep the keys and the ids as they are. A section of your own may say\n"
)


def test_a_whole_starter_names_its_file_in_its_first_line(lastmile: Lastmile) -> None:
    out = lastmile("template", "qaa").out
    assert out.startswith(
        "# qaa.yaml: a language file for lastmile, started by `lastmile template qaa`.\n"
    )
    assert "# Check it:  lastmile validate qaa.yaml\n" in out


def test_a_story_for_a_language_no_file_has_carries_the_names_to_fill_in(
    lastmile: Lastmile,
) -> None:
    made = lastmile("template", "qaa", "--example", "parcel-delivery")
    assert made.code == 0 and made.err == ""
    assert GUIDE in made.out
    assert (
        "language: qaa\n"
        'name: "qaa"  # the language\'s own name, such as Deutsch\n'
        'english_name: "qaa"  # its name in English, such as German\n'
    ) in made.out
    tree = yaml.safe_load(made.out)
    assert [section["id"] for section in tree["sections"]] == ["parcel-delivery"]
    assert tree["sections"][0]["after"] == "car-sales"  # after the last example


def test_sections_of_a_bundled_language_carry_no_names_and_each_once(lastmile: Lastmile) -> None:
    made = lastmile(
        "template", "es", "--example", "parcel-delivery", "--example", "parcel-delivery",
        "--example", "marathon", "--section", "summary",
    )  # fmt: skip
    assert made.code == 0 and made.err == ""
    assert GUIDE in made.out and "\nname:" not in made.out
    tree = yaml.safe_load(made.out)
    assert [section["id"] for section in tree["sections"]] == [
        "parcel-delivery",
        "marathon",
        "summary",
    ]
    assert tree["sections"][2]["title"] == "Resumen"  # a section to rewrite: from its text


def test_a_name_that_is_not_a_tag_is_said_exactly(lastmile: Lastmile) -> None:
    result = lastmile("template", "pt_BR")
    assert result.code == 2
    assert result.err == "lastmile: 'pt_BR' is not a language tag such as de, pt-BR or qaa\n"


def test_without_the_bundled_files_template_says_to_reinstall(
    lastmile: Lastmile, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lastmile_cli.content import Article

    monkeypatch.setattr(Article, "english", lambda self: None)
    result = lastmile("template", "pt")
    assert (result.code, result.out) == (1, "")
    assert result.err == "lastmile: the bundled language files are missing; reinstall lastmile\n"


def test_a_new_section_with_nothing_of_its_kind_to_follow_goes_at_its_default_place() -> None:
    from lastmile_cli.commands.template import _blank
    from lastmile_cli.model import Outline

    only_sections = Outline(("intro", "summary"), ("section", "section"))
    assert _blank("parcel-delivery", "example", "de", only_sections).after == ""
    assert _blank("more", "section", "de", only_sections).after == "summary"
    assert _blank("more", "section", "de", Outline((), ())).after == ""
