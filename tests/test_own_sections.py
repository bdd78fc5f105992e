"""Your own stories: sections and examples of a user's own, beside the bundled ones, in any
language, placed where the user says, and working in every command and format.

The teacher's story of docs/story/lastmile/ (parcel delivery, in Spanish and English) is the
fixture the README shows; other files are written here for the rules each test pins down.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SECTION_IDS, Lastmile, TerminalRun, strip_ansi
from lastmile_cli.model import Outline

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "docs" / "story" / "lastmile"
SPANISH_FIRST = (
    "Una tienda en línea puede tener el mejor catálogo, precios bajos y un almacén que prepara"
    " cada pedido en minutos."
)
ENGLISH_FIRST = (
    "An online shop can have the best catalogue, low prices and a warehouse that packs each"
    " order in minutes."
)
WITH_PARCEL = [*SECTION_IDS[:7], "parcel-delivery", SECTION_IDS[7]]  # after car-sales


def story(tmp_path: Path, *codes: str) -> Path:
    """A data folder holding the teacher's story in the given languages."""
    folder = tmp_path / "story"
    folder.mkdir(exist_ok=True)
    for code in codes:
        shutil.copy(STORY / f"{code}.yaml", folder / f"{code}.yaml")
    return folder


def section(
    section_id: str,
    kind: str = "example",
    title: str | None = None,
    after: str | None = None,
    text: str = "A paragraph.",
) -> str:
    lines = [f"  - id: {section_id}", f"    kind: {kind}"]
    if after is not None:
        lines.append(f"    after: {after}")
    lines += [f"    title: {title or section_id.title()}", f"    paragraphs: [{text}]"]
    return "\n".join(lines) + "\n"


def language(code: str, *sections: str, head: bool = True) -> str:
    top = f"language: {code}\n" + (f"name: N-{code}\ntitle: T-{code}\n" if head else "")
    return top + "sections:\n" + "".join(sections)


def write(folder: Path, code: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def ids(lastmile: Lastmile, *args: str) -> list[str]:
    result = lastmile("sections", "-f", "json", *args)
    assert result.code == 0, result.err
    return [record["id"] for record in json.loads(result.out)["sections"]]


# -- the teacher's story, in every command ---------------------------------------------------


def test_a_new_example_is_listed_and_found_by_id_title_or_alias_in_any_language(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    folder = str(story(tmp_path, "es", "en"))
    listed = lastmile("example", "--lang", "es", "--data-dir", folder)
    assert listed.code == 0 and listed.err == ""
    assert listed.out.splitlines()[-1] == "parcel-delivery\tEntrega de paquetes"
    for name in ("parcel-delivery", "Entrega de paquetes", "entrega de paquetes", "paquetería",
                 "PAQUETERIA", "courier", "Parcel Delivery"):  # fmt: skip
        found = lastmile("example", name, "--lang", "es", "--data-dir", folder)
        assert found.code == 0 and found.err == "", name
        assert found.out.splitlines()[2] == "Entrega de paquetes"
        assert found.out.splitlines()[3].startswith(SPANISH_FIRST)
    english = lastmile("example", "entrega de paquetes", "--data-dir", folder)
    assert english.out.splitlines()[2] == "Parcel delivery"
    assert english.out.splitlines()[3].startswith(ENGLISH_FIRST)


def test_a_new_example_is_in_the_article_in_its_place(lastmile: Lastmile, tmp_path: Path) -> None:
    folder = str(story(tmp_path, "es", "en"))
    assert ids(lastmile, "--data-dir", folder) == WITH_PARCEL
    whole = lastmile("explain", "--lang", "es", "--data-dir", folder, "-f", "json")
    sections = json.loads(whole.out)["sections"]
    assert [s["id"] for s in sections] == WITH_PARCEL
    parcel = sections[WITH_PARCEL.index("parcel-delivery")]
    assert (parcel["kind"], parcel["language"], parcel["title"]) == (
        "example",
        "es",
        "Entrega de paquetes",
    )
    chosen = lastmile(
        "explain", "-l", "es", "-s", "conclusion", "-s", "paquete", "--data-dir", folder
    )
    titles = [
        line for line in chosen.out.splitlines() if line in ("Entrega de paquetes", "Conclusión")
    ]
    assert titles == ["Entrega de paquetes", "Conclusión"]  # in article order


def test_search_compare_and_with_read_a_story_in_two_languages(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    folder = str(story(tmp_path, "es", "en"))
    found = lastmile("search", "repartidor", "--data-dir", folder)
    assert found.code == 0 and found.out.startswith("es\tparcel-delivery\t")
    assert lastmile("search", "courier", "--data-dir", folder, "-l", "en").out.startswith(
        "en\tparcel-delivery\t"
    )
    paragraphs = lastmile("compare", "es", "en", "-s", "parcel-delivery", "--data-dir", folder)
    assert paragraphs.out.splitlines()[:2] == ["es\tEntrega de paquetes", "en\tParcel delivery"]
    pairs = json.loads(
        lastmile("compare", "es", "en", "--by", "sentence", "-f", "json", "--data-dir", folder).out
    )
    (parcel,) = [s for s in pairs["sections"] if s["id"] == "parcel-delivery"]
    assert len(parcel["pairs"]) == 4 and parcel["pairs"][0] == {
        "first": SPANISH_FIRST,
        "second": ENGLISH_FIRST,
    }
    reading = json.loads(
        lastmile(
            "example", "paquete", "-l", "es", "--with", "en", "-f", "json", "--data-dir", folder
        ).out
    )
    assert reading["with"] == "en"
    assert reading["sections"][0]["sentences"][0] == {"text": SPANISH_FIRST, "with": ENGLISH_FIRST}


@pytest.mark.slow
def test_a_new_example_in_every_format(
    lastmile: Lastmile, tmp_path: Path, terminal: Callable[..., TerminalRun]
) -> None:
    folder = str(story(tmp_path, "es"))
    args = ("example", "parcel-delivery", "-l", "es", "--data-dir", folder)
    assert "Entrega de paquetes\n" in lastmile(*args).out
    assert "## Entrega de paquetes\n" in lastmile(*args, "-f", "markdown").out
    assert json.loads(lastmile(*args, "-f", "json").out)["sections"][0]["id"] == "parcel-delivery"
    shown = strip_ansi(terminal([*args, "--width", "60"]).screen)
    assert "Entrega de paquetes" in shown and "Una tienda en línea" in shown
    listing = lastmile("sections", "-l", "es", "-f", "markdown", "--data-dir", folder).out
    assert "| parcel-delivery | example | Entrega de paquetes |" in listing


def test_languages_count_the_sections_of_your_own(lastmile: Lastmile, tmp_path: Path) -> None:
    folder = str(story(tmp_path, "es"))
    listed = {
        r["code"]: r
        for r in json.loads(lastmile("languages", "-f", "json", "--data-dir", folder).out)[
            "languages"
        ]
    }
    assert (listed["es"]["sections"], listed["es"]["complete"]) == (9, True)
    assert (listed["de"]["sections"], listed["de"]["complete"]) == (8, False)
    text = lastmile("languages", "--data-dir", folder).out
    assert (
        "\n".join(line for line in text.splitlines() if line.startswith("de\t")).split("\t")[3]
        == "8/9, 1 missing"
    )


def test_completion_offers_a_new_example_with_its_title(lastmile: Lastmile, tmp_path: Path) -> None:
    folder = str(story(tmp_path, "es", "en"))

    def complete(words: str, **env: str) -> list[tuple[str, str]]:
        cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
        full = {"_LASTMILE_COMPLETE": "zsh_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
        lines = lastmile(env={**full, **env}).out.splitlines()
        return [(lines[i + 1], lines[i + 2]) for i in range(0, len(lines) - 2, 3)]

    spanish = dict(complete("lastmile example -l es pa", LASTMILE_DATA_DIR=folder))
    assert spanish == {"parcel-delivery": "Entrega de paquetes"}
    assert ("parcel-delivery", "Parcel delivery") in complete(
        "lastmile explain --section p", LASTMILE_DATA_DIR=folder
    )
    assert dict(complete("lastmile example pa")) == {}  # without the folder, no such example


# -- a story in one language, in two, in all -----------------------------------------------------


def test_a_story_in_one_language_is_borrowed_by_the_others_and_marked(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    folder = str(story(tmp_path, "es"))
    german = lastmile("example", "parcel-delivery", "-l", "de", "--data-dir", folder)
    assert german.code == 0
    assert german.out.splitlines()[2] == "Entrega de paquetes [es]"
    assert german.err == (
        "lastmile: note: de (bundled) has no parcel-delivery; showing it from es\n"
    )
    document = json.loads(
        lastmile("example", "parcel-delivery", "-l", "de", "-f", "json", "--data-dir", folder).out
    )
    assert document["language"] == "de" and document["sections"][0]["language"] == "es"
    english = lastmile("sections", "--data-dir", folder)  # English lacks it too
    assert "parcel-delivery\texample\tEntrega de paquetes [es]" in english.out
    pairs = json.loads(
        lastmile(
            "compare", "es", "it", "-s", "parcel-delivery", "-f", "json", "--data-dir", folder
        ).out
    )
    assert pairs["sections"][0]["titles"] == {"first": "Entrega de paquetes", "second": None}


def test_a_story_in_two_languages_is_borrowed_from_english_first(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    folder = story(tmp_path, "es", "en")
    shown = lastmile("example", "parcel-delivery", "-l", "fr", "--data-dir", str(folder))
    assert shown.out.splitlines()[2] == "Parcel delivery [en]"
    assert "showing English" in shown.err
    (folder / "en.yaml").unlink()
    write(
        folder,
        "it",
        language("it", section("parcel-delivery", title="Consegna dei pacchi"), head=False),
    )
    shown = lastmile("example", "parcel-delivery", "-l", "fr", "--data-dir", str(folder))
    assert shown.out.splitlines()[2] == "Entrega de paquetes [es]"  # the first by code


def test_a_story_in_every_language_is_shown_in_each(lastmile: Lastmile, tmp_path: Path) -> None:
    folder = tmp_path / "all"
    for code in ("de", "en", "es", "fr", "it"):
        write(
            folder,
            code,
            language(
                code,
                section("parcel-delivery", title=f"Paket {code}", text=f"Text {code}."),
                head=False,
            ),
        )
    for code in ("de", "en", "es", "fr", "it"):
        shown = lastmile("example", "parcel-delivery", "-l", code, "--data-dir", str(folder))
        assert (shown.code, shown.err) == (0, "")
        assert shown.out.splitlines()[2] == f"Paket {code}"
    listed = json.loads(lastmile("languages", "-f", "json", "--data-dir", str(folder)).out)[
        "languages"
    ]
    assert {r["code"]: r["sections"] for r in listed} == dict.fromkeys(
        ("de", "en", "es", "fr", "it"), 9
    )


# -- placement ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        pytest.param(
            [section("story")],
            [*SECTION_IDS[:7], "story", "conclusion"],
            id="an example without after goes after the last bundled example",
        ),
        pytest.param(
            [section("epilogue", kind="section")],
            [*SECTION_IDS, "epilogue"],
            id="a section without after goes at the end",
        ),
        pytest.param(
            [section("story", after="summary")],
            ["summary", "story", *SECTION_IDS[1:]],
            id="after a bundled section",
        ),
        pytest.param(
            [section("second", after="first"), section("first", after="telecom")],
            [*SECTION_IDS[:3], "first", "second", *SECTION_IDS[3:]],
            id="after one of your own, written before it in the file",
        ),
        pytest.param(
            [section("a", after="marathon"), section("b", after="marathon")],
            [*SECTION_IDS[:5], "a", "b", *SECTION_IDS[5:]],
            id="two after one section keep the file's order",
        ),
        pytest.param(
            [section("b"), section("a")],
            [*SECTION_IDS[:7], "b", "a", "conclusion"],
            id="two in the default place keep the file's order",
        ),
    ],
)
def test_placement(
    lastmile: Lastmile, tmp_path: Path, sections: list[str], expected: list[str]
) -> None:
    write(tmp_path / "d", "qaa", language("qaa", *sections))
    assert ids(lastmile, "-l", "qaa", "--data-dir", str(tmp_path / "d")) == expected


def test_folders_and_files_are_read_in_order_for_placement(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    write(tmp_path / "one", "qab", language("qab", section("from-qab")))
    write(tmp_path / "one", "qaa", language("qaa", section("from-qaa")))
    write(tmp_path / "two", "de", language("de", section("from-two"), head=False))
    args = ["--data-dir", str(tmp_path / "two"), "--data-dir", str(tmp_path / "one")]
    assert ids(lastmile, *args)[7:10] == ["from-two", "from-qaa", "from-qab"]


def test_a_patch_may_put_the_article_sections_in_any_order_with_its_own(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    """Its own sections go anywhere in the file; the article's keep the article's order."""
    text = language(
        "de",
        section("story", after="summary"),
        section("summary", kind="section", title="Meine Zusammenfassung"),
        head=False,
    )
    write(tmp_path / "d", "de", text)
    shown = json.loads(
        lastmile("explain", "-l", "de", "-f", "json", "--data-dir", str(tmp_path / "d")).out
    )
    assert [s["id"] for s in shown["sections"]][:3] == ["summary", "story", "definition"]
    assert shown["sections"][0]["title"] == "Meine Zusammenfassung"


# -- what cannot be placed, or collides --------------------------------------------------------


def test_an_unknown_after_is_left_out_with_a_warning_and_an_error_in_validate(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "d", "qaa", language("qaa", section("lost", after="nowhere"), section("kept"))
    )
    shown = lastmile("sections", "-l", "qaa", "--data-dir", str(path.parent))
    assert shown.code == 0
    assert "lost" not in shown.out and "kept\texample" in shown.out
    assert (
        f"lastmile: warning: {path}: section 'lost' comes after 'nowhere', which is no section"
        " of the article or of your files; it is left out\n"
    ) in shown.err
    checked = lastmile("validate", "--data-dir", str(path.parent))
    assert checked.code == 1
    assert (
        f"{path}:7:12: section 'lost' comes after 'nowhere', which is no section of the article"
        " or of your files; it is left out"
    ) in checked.out.splitlines()


def test_a_cycle_across_files_is_named_and_left_out(lastmile: Lastmile, tmp_path: Path) -> None:
    first = write(tmp_path / "d", "qaa", language("qaa", section("ring-a", after="ring-b")))
    second = write(
        tmp_path / "d",
        "qab",
        language("qab", section("ring-b", after="ring-a"), section("tail", after="ring-b")),
    )
    shown = lastmile("sections", "-l", "qab", "--data-dir", str(first.parent))
    assert shown.code == 0 and "ring" not in shown.out and "tail" not in shown.out
    checked = lastmile("validate", "--data-dir", str(first.parent)).out.splitlines()
    assert (
        f"{first}:7:12: section 'ring-a' is in a cycle of 'after' (ring-a → ring-b → ring-a); it is left out"
        in checked
    )
    assert (
        f"{second}:7:12: section 'ring-b' is in a cycle of 'after' (ring-b → ring-a → ring-b); it is left out"
        in checked
    )
    assert (
        f"{second}:12:12: section 'tail' comes after 'ring-b', which is left out; so is 'tail'"
        in checked
    )


def test_two_files_that_disagree_on_a_kind_or_a_place_are_told(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    first = write(tmp_path / "d", "qaa", language("qaa", section("story", after="telecom")))
    second = write(
        tmp_path / "d",
        "qab",
        language("qab", section("story", after="marathon"), section("other", kind="example")),
    )
    third = write(tmp_path / "d", "qac", language("qac", section("other", kind="section")))
    assert ids(lastmile, "--data-dir", str(first.parent))[3] == "story"  # the first place wins
    shown = lastmile("sections", "-l", "qac", "--data-dir", str(first.parent))
    assert "other\texample\tOther [qab]" in shown.out  # qac's copy, of the other kind, is left out
    checked = lastmile("validate", "--data-dir", str(first.parent))
    assert checked.code == 1
    lines = checked.out.splitlines()
    assert (
        f"{second}:7:12: section 'story' comes after 'marathon' here but after 'telecom' in"
        f" {first}; it goes after 'telecom'"
    ) in lines
    assert (
        f"{third}:6:11: section 'other' is of kind section here but example in {second}; this"
        " one is left out"
    ) in lines


def test_an_id_that_is_a_bundled_name_is_an_error_naming_both(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = write(tmp_path / "d", "qaa", language("qaa", section("autoverkauf", title="Mine")))
    checked = lastmile("validate", str(path))
    assert checked.code == 1
    assert checked.out == (
        f"{path}:5:9: id 'autoverkauf' of section 'autoverkauf' is already a name of the"
        " article's section 'car-sales' (its de title or alias 'Autoverkauf'); choose another\n"
    )
    shown = lastmile("languages", "--data-dir", str(path.parent))
    assert "qaa" not in shown.out and f"{path}:5:9: id 'autoverkauf'" in shown.err


def test_a_typo_of_a_bundled_id_is_a_new_section_with_a_note(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = write(tmp_path / "d", "qaa", language("qaa", section("marathn")))
    checked = lastmile("validate", str(path))
    assert checked.code == 0
    assert (
        f"{path}:5:9: note: section 'marathn' is not one of the article's, so it adds one of"
        " your own; did you mean 'marathon'?"
    ) in checked.out.splitlines()


@pytest.mark.slow  # (a long run: ten thousand sections, loaded and rendered)
def test_ten_thousand_sections_of_your_own(lastmile: Lastmile, tmp_path: Path) -> None:
    """A chain of 10,000 `after:` (each after the one before) and a cycle of 10,000: every
    command answers, the chain in order, the cycle left out with a bounded report."""
    count = 10_000
    chain = "".join(
        f"  - {{id: s{i}, kind: example, title: Story {i}, paragraphs: [Text {i}.]"
        + (f", after: s{i - 1}" if i else "")
        + "}\n"
        for i in range(count)
    )
    write(tmp_path / "chain", "qaa", "language: qaa\nname: Q\ntitle: T\nsections:\n" + chain)
    folder = str(tmp_path / "chain")
    listed = ids(lastmile, "-l", "qaa", "--data-dir", folder)
    assert listed == [*SECTION_IDS[:7], *(f"s{i}" for i in range(count)), "conclusion"]
    german = lastmile("explain", "-l", "de", "--data-dir", folder)
    assert german.code == 0 and german.out.count(" [qaa]\n") == count
    assert german.err == (
        "lastmile: note: de (bundled) has no s0, s1, s2, s3, s4, s5, s6, s7, s8, s9 and 9990"
        " more; showing them from qaa\n"
    )
    assert lastmile("example", "s9999", "-l", "qaa", "--data-dir", folder).out.endswith(
        "Text 9999.\n"
    )
    assert lastmile("search", "Text 5000", "--data-dir", folder).out.startswith("qaa\ts5000\t")
    unknown = lastmile("example", "nope", "--data-dir", folder)
    assert unknown.code == 2 and "and 9984 more." in unknown.err and len(unknown.err) < 1000
    assert lastmile("validate", "--data-dir", folder).code == 0

    ring = "".join(
        f"  - {{id: r{i}, kind: section, title: Ring {i}, paragraphs: [x], after: r{(i + 1) % count}}}\n"
        for i in range(count)
    )
    write(tmp_path / "ring", "qaa", "language: qaa\nname: Q\ntitle: T\nsections:\n" + ring)
    shown = lastmile("sections", "-l", "qaa", "--data-dir", str(tmp_path / "ring"))
    assert shown.code == 0 and "r0" not in shown.out
    warnings = shown.err.splitlines()
    assert len(warnings) == 12  # ten named, one count, one note of borrowed sections
    assert "(r0 → r1 → r2 → r3 → r4 → … (10000 sections)); it is left out" in warnings[0]
    assert warnings[10] == "lastmile: warning: and 9990 more such problems; run 'lastmile validate'"


# -- partial patches of a bundled language ------------------------------------------------------


def test_a_partial_patch_inherits_every_field_it_lacks(lastmile: Lastmile, tmp_path: Path) -> None:
    """The issue's case: an es.yaml with only `name` and one section."""
    path = write(
        tmp_path / "d",
        "es",
        "language: es\nname: Español\nsections:\n"
        + section("definition", "section", "Mi definición"),
    )
    folder = str(path.parent)
    spanish = lastmile("sections", "--lang", "spanish", "--data-dir", folder)
    assert spanish.code == 0 and "definition\tsection\tMi definición" in spanish.out
    assert "es\tEspañol\tSpanish\t8/8\t" in lastmile("languages", "--data-dir", folder).out
    shown = lastmile("explain", "-l", "es", "-s", "definition", "--data-dir", folder)
    assert shown.out.splitlines()[0] == "¿Qué es un fracaso de la última milla?"  # the title too
    for args in (("validate", str(path)), ("validate", "--data-dir", folder)):
        checked = lastmile(*args)
        # nothing about sections it lacks; one note that its own records no fingerprint
        assert checked.code == 0 and "missing" not in checked.out, args
        assert checked.out == (
            f"{path}: note: definition records no fingerprint, so lastmile cannot tell when its"
            " English changes; record that it translates the English of now: lastmile"
            f" fingerprint {path}\n"
        ), args


def test_a_patch_with_only_sections_is_enough(lastmile: Lastmile, tmp_path: Path) -> None:
    path = write(
        tmp_path / "d", "de", language("de", section("story", title="Geschichte"), head=False)
    )
    listed = json.loads(lastmile("languages", "-f", "json", "--data-dir", str(path.parent)).out)[
        "languages"
    ]
    (german,) = [r for r in listed if r["code"] == "de"]
    assert (german["name"], german["english_name"]) == ("Deutsch", "German")


def test_a_file_without_a_next_layer_must_have_its_names(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    path = write(tmp_path / "d", "qaa", language("qaa", section("story"), head=False))
    checked = lastmile("validate", str(path))
    assert checked.code == 1
    assert checked.out.splitlines() == [
        f"{path}:1:1: the file is missing 'name'",
        f"{path}:1:1: the file is missing 'title'",
    ]
    lower = write(tmp_path / "e", "qaa", language("qaa", section("story")))
    both = lastmile("validate", "--data-dir", str(path.parent), "--data-dir", str(lower.parent))
    assert both.code == 0  # now a patch of the next folder's qaa


def test_a_patch_whose_next_layer_is_broken_is_said_not_shown_nameless(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    top = write(tmp_path / "d", "qaa", language("qaa", section("story"), head=False))
    write(tmp_path / "e", "qaa", "language: qaa\nname: [broken]\n")
    shown = lastmile(
        "explain", "-l", "qaa", "--data-dir", str(top.parent), "--data-dir", str(tmp_path / "e")
    )
    assert shown.code == 1 and shown.out == ""
    assert (
        f"lastmile: warning: {top}: the file has no 'name', and no other file for qaa gives one; skipping it"
        in shown.err
    )


# -- a section still in English -----------------------------------------------------------------


@pytest.mark.slow
def test_a_section_still_in_english_is_marked_english_in_every_format(
    lastmile: Lastmile, tmp_path: Path, terminal: Callable[..., TerminalRun]
) -> None:
    made = lastmile("template", "pt", "--example", "marathon")
    write(tmp_path / "d", "pt", made.out)
    args = ("example", "marathon", "-l", "pt", "--data-dir", str(tmp_path / "d"))
    text = lastmile(*args)
    assert text.out.splitlines()[2] == "Marathon [en]"
    assert text.err == (
        "lastmile: note: pt (" + str(tmp_path / "d" / "pt.yaml") + ") still has the English"
        " text of marathon; showing it as English\n"
    )
    assert "## Marathon \\[en\\]" in lastmile(*args, "-f", "markdown").out
    section_json = json.loads(lastmile(*args, "-f", "json").out)["sections"][0]
    assert section_json["language"] == "en"
    assert "Marathon [en]" in strip_ansi(terminal(list(args)).screen)
    listing = lastmile("sections", "-l", "pt", "--data-dir", str(tmp_path / "d"))
    assert "marathon\texample\tMarathon [en]" in listing.out


# -- the default folder ---------------------------------------------------------------------------


def test_the_default_folder_is_read_without_options(
    lastmile: Lastmile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "xdg"
    shutil.copytree(STORY, home / "lastmile")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    assert ids(lastmile)[7] == "parcel-delivery"
    found = lastmile("example", "entrega de paquetes", "-l", "es")
    assert found.code == 0 and found.out.splitlines()[2] == "Entrega de paquetes"
    assert lastmile("validate").err == (
        "lastmile: the bundled article (de, en, es, fr, it) was checked when it was built; "
        "checked 2 files: 0 errors, 0 notes\n"
    )


def test_without_xdg_data_home_the_folder_is_under_home(
    lastmile: Lastmile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for value in (None, "", "relative/path"):  # unset, empty or relative: ignored, as XDG says
        if value is None:
            monkeypatch.delenv("XDG_DATA_HOME")
        else:
            monkeypatch.setenv("XDG_DATA_HOME", value)
        shutil.copytree(
            STORY, tmp_path / "home" / ".local" / "share" / "lastmile", dirs_exist_ok=True
        )
        assert "parcel-delivery" in ids(lastmile), value


def test_the_default_folder_comes_after_the_named_ones(
    lastmile: Lastmile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    write(
        tmp_path / "xdg" / "lastmile",
        "de",
        language("de", section("story", title="Aus dem Standardordner"), head=False),
    )
    write(
        tmp_path / "named",
        "de",
        language("de", section("story", title="Aus dem genannten"), head=False),
    )
    for args, env in (
        (("--data-dir", str(tmp_path / "named")), {}),
        ((), {"LASTMILE_DATA_DIR": str(tmp_path / "named")}),
    ):
        shown = lastmile("example", "story", "-l", "de", *args, env=env)
        assert shown.out.splitlines()[2] == "Aus dem genannten", env
    assert lastmile("example", "story", "-l", "de").out.splitlines()[2] == "Aus dem Standardordner"
    # named twice (as a --data-dir too), it is read once
    twice = lastmile(
        "paths", "data", "-f", "json", "--data-dir", str(tmp_path / "xdg" / "lastmile")
    )
    assert len(json.loads(twice.out)["paths"]) == 1


def test_paths_lists_every_folder_in_order(
    lastmile: Lastmile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LASTMILE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "named").mkdir()
    document = json.loads(
        lastmile("paths", "-f", "json", "--data-dir", str(tmp_path / "named")).out
    )
    assert document["schema"] == {"kind": "paths", "version": 1}
    listed = document["paths"][1:]  # the configuration file first: its own test, test_config.py
    assert document["paths"][0]["role"] == "config"
    assert [(p["role"], p["source"], p["exists"]) for p in listed] == [
        ("bundled", "checkout", True),
        ("data", "--data-dir", True),
        ("data", "XDG_DATA_HOME", False),
        ("cache", "LASTMILE_CACHE_DIR", False),
    ]
    assert listed[1]["path"] == str(tmp_path / "named")
    assert listed[2]["path"] == str(tmp_path / "xdg" / "lastmile")
    assert listed[0]["path"] == str(ROOT / "data")
    text = lastmile("paths", "data", "cache").out.splitlines()
    assert text == [
        f"data\t{tmp_path / 'xdg' / 'lastmile'}\tXDG_DATA_HOME\tmissing",
        f"cache\t{tmp_path / 'cache'}\tLASTMILE_CACHE_DIR\tmissing",
    ]
    off = lastmile("paths", "cache", env={"LASTMILE_CACHE_DIR": ""})
    assert off.out == "cache\t\tLASTMILE_CACHE_DIR\toff\n"


def test_paths_without_a_home_shows_no_default_folder(
    lastmile: Lastmile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.delenv("HOME", raising=False)
    result = lastmile("paths", "data")
    assert (result.code, result.out, result.err) == (0, "", "")


# -- template: a story of one's own ------------------------------------------------------------


def test_template_starts_a_new_story_that_loads_at_once(lastmile: Lastmile, tmp_path: Path) -> None:
    made = lastmile("template", "es", "--example", "parcel-delivery")
    assert made.code == 0 and made.err == ""
    assert made.out.startswith(
        "# es.yaml: sections for lastmile in es, started by"
        " `lastmile template es --example parcel-delivery`.\n"
    )
    assert "language: es\nsections:\n  - id: parcel-delivery\n    kind: example\n" in made.out
    assert "    after: car-sales  # the section it follows\n" in made.out
    assert "name:" not in made.out  # a patch of the bundled Spanish: its names stay
    write(tmp_path / "d", "es", made.out)
    checked = lastmile("validate", "--data-dir", str(tmp_path / "d"))
    assert (checked.code, checked.out) == (0, "")
    assert ids(lastmile, "-l", "es", "--data-dir", str(tmp_path / "d")) == WITH_PARCEL


def test_template_for_a_language_with_a_file_of_yours_prints_sections_to_paste(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    folder = story(tmp_path, "es")
    made = lastmile("template", "es", "--example", "school-trip", "--data-dir", str(folder))
    assert made.code == 0
    assert made.out.startswith(f"# Sections for {folder / 'es.yaml'}, started by")
    assert "\nlanguage:" not in made.out and "  - id: school-trip\n" in made.out
    assert "    after: parcel-delivery  # the section it follows\n" in made.out  # the last example
    pasted = (folder / "es.yaml").read_text(encoding="utf-8") + made.out
    (folder / "es.yaml").write_text(pasted, encoding="utf-8")
    assert ids(lastmile, "-l", "es", "--data-dir", str(folder))[7:10] == [
        "parcel-delivery",
        "school-trip",
        "conclusion",
    ]
    again = lastmile("template", "es", "--example", "paquete", "--data-dir", str(folder))
    assert again.code == 2
    assert (
        again.err
        == f"lastmile: {folder / 'es.yaml'} already has 'parcel-delivery': edit it there\n"
    )
    as_json = json.loads(
        lastmile(
            "template", "es", "--example", "x-ray", "-f", "json", "--data-dir", str(folder)
        ).out
    )
    assert (as_json["file"], as_json["paste"]) == (str(folder / "es.yaml"), True)


def test_template_for_a_bundled_language_starts_from_its_text_or_says_what_to_do(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    whole = lastmile("template", "de")
    assert whole.code == 2 and whole.out == ""
    assert whole.err.startswith("lastmile: de is bundled: a file of yours for it holds only what")
    assert "lastmile template de --example NAME" in whole.err
    rewrite = lastmile("template", "de", "--section", "Zusammenfassung")
    assert rewrite.code == 0
    assert '    title: "Zusammenfassung"\n' in rewrite.out and "Das Scheitern" in rewrite.out
    folder = story(tmp_path, "es")
    mine = lastmile("template", "es", "--data-dir", str(folder))
    assert mine.code == 2
    assert mine.err.startswith(f"lastmile: es already has a file of yours, {folder / 'es.yaml'}:")


def test_template_of_a_story_another_language_has_starts_from_its_text(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    folder = str(story(tmp_path, "es"))
    made = lastmile("template", "it", "--example", "paquete", "--data-dir", folder)
    assert made.code == 0
    assert '    title: "Entrega de paquetes"\n' in made.out and "    after:" not in made.out
    wrong = lastmile("template", "es", "--example", "summary")
    assert wrong.code == 2
    assert wrong.err == (
        "lastmile: 'summary' is of kind section, not example; use: lastmile template es"
        " --section summary\n"
    )
    bad = lastmile("template", "es", "--example", "Mi Historia")
    assert bad.code == 2 and "is not an id for a new one" in bad.err


# -- the outline comes from the bundle, not from a constant --------------------------------------


def test_the_bundled_outline_is_the_english_files(tmp_path: Path) -> None:
    from lastmile_cli.bundle import PackedArticle, build

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for code in ("de", "en", "es", "fr", "it"):  # every bundled file gains an "epilogue"
        path = data / f"{code}.yaml"
        path.write_text(
            path.read_text(encoding="utf-8")
            + "  - id: epilogue\n    kind: section\n    title: E\n    paragraphs: [E.]\n",
            encoding="utf-8",
        )
    blob, made = build(str(data))
    outline: Outline = PackedArticle(blob).outline
    assert outline.ids == (*SECTION_IDS, "epilogue") and outline.kind("epilogue") == "section"
    (data / "de.yaml").write_text(
        (data / "de.yaml").read_text(encoding="utf-8")
        + "  - id: german-only\n    kind: section\n    title: G\n    paragraphs: [G.]\n",
        encoding="utf-8",
    )
    _, made = build(str(data))
    problems = made["de"]
    assert isinstance(problems, tuple)  # the file does not load: the build fails on it
    assert [p.message for p in problems] == [
        "section 'german-only' is not in data/en.yaml, which sets the bundled article's sections"
    ]


@pytest.mark.slow
def test_template_redirected_into_the_data_folder_is_not_read_as_the_emptied_file(
    tmp_path: Path, spawn: Callable[..., subprocess.CompletedProcess[bytes]]
) -> None:
    """`lastmile template es --example x > ~/.local/share/lastmile/es.yaml`: the shell empties
    es.yaml before lastmile reads the folder; the file being written is not the user's Spanish."""
    folder = tmp_path / "xdg" / "lastmile"
    folder.mkdir(parents=True)
    target = folder / "es.yaml"
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg")}
    with target.open("wb") as stream:
        made = spawn(
            "template",
            "es",
            "--example",
            "parcel-delivery",
            stdout=stream,
            stderr=subprocess.PIPE,
            env=env,
        )
    assert (made.returncode, made.stderr) == (0, b"")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# es.yaml: sections for lastmile in es") and "\nlanguage: es\n" in text
    checked = spawn("validate", env=env)
    assert checked.returncode == 0 and checked.stdout == b""
    listed = spawn("example", "--lang", "es", env=env)
    assert listed.stdout.decode().splitlines()[-1] == "parcel-delivery\tParcel delivery"


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["explain", "-l", "de", "--section", "paquete"],
        ["explain", "--lang=es"],
        ["example", "entrega de paquetes", "-l", "it"],
        ["example", "parcel-delivery"],
    ],
)
def test_the_shortcut_and_click_show_a_story_alike(
    tmp_path: Path, spawn: Callable[..., subprocess.CompletedProcess[bytes]], args: list[str]
) -> None:
    folder = str(story(tmp_path, "es", "en"))
    quick = spawn(*args, "--data-dir", folder)
    slow = spawn(*args, "--data-dir", folder, env={"LASTMILE_SHORTCUT": "0"})
    shown = quick.stdout.decode()
    assert quick.returncode == 0 and ("Parcel delivery" in shown or "Entrega de paquetes" in shown)
    assert (quick.returncode, quick.stdout, quick.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr,
    )


def test_paths_shows_a_hostile_folder_name_escaped_in_every_format(
    lastmile: Lastmile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = tmp_path / "x\x1b[2J\u202ey"
    monkeypatch.setenv("XDG_DATA_HOME", str(hostile))
    for fmt in ("text", "markdown", "json"):
        out = lastmile("paths", "data", "-f", fmt).out
        assert "\x1b" not in out and "\u202e" not in out, fmt
        assert "u001b" in out and "u202e" in out, fmt  # shown as escapes


def test_paths_json_decodes_to_the_folder_exactly(
    lastmile: Lastmile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In JSON the escapes are JSON's own (\\u001b), so a script reads the very path back."""
    hostile = tmp_path / "x\x1b[2J\u202ey\u009bz"
    monkeypatch.setenv("XDG_DATA_HOME", str(hostile))
    document = json.loads(lastmile("paths", "data", "-f", "json").out)
    assert document["paths"][0]["path"] == str(hostile / "lastmile")
