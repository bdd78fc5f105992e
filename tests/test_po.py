"""The PO round trip: `lastmile export` a catalog for Poedit or msgmerge, `lastmile import` it
back. YAML → PO → YAML gives the same file for any valid language file, every export passes
`msgfmt --check`, and a broken or hostile catalog is refused with file:line:column."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import KNOWN, NOT_TIMED, Lastmile
from lastmile_cli.bundle import Bundle
from lastmile_cli.content import Article
from lastmile_cli.fingerprints import fingerprint
from lastmile_cli.language_yaml import language_file
from lastmile_cli.loader import check_bytes
from lastmile_cli.model import Language, Section
from lastmile_cli.po import Imported, export, read_catalog, units

ENGLISH = Article([], None).load("en")
assert ENGLISH is not None
MSGFMT = shutil.which("msgfmt")
needs_gettext = pytest.mark.skipif(MSGFMT is None, reason="GNU gettext (msgfmt) is not installed")
COMMENT = "a comment"


def loaded(text: str, code: str) -> Language:
    language, problems = check_bytes(
        text.encode("utf-8"),
        f"{code}.yaml",
        f"{code}.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    assert language is not None, problems
    return language


def round_trip(language: Language) -> tuple[str, str, Language]:
    """The catalog of `language`, and the language file and language importing it gives."""
    po = export(language.code, language, ENGLISH)
    made = read_catalog(po.encode("utf-8"), "x.po", ENGLISH, language.code).language
    return po, language_file(made, COMMENT), made


def msgfmt_check(tmp_path: Path, po: str, name: str = "x.po") -> subprocess.CompletedProcess[str]:
    assert MSGFMT is not None
    path = tmp_path / name
    path.write_text(po, encoding="utf-8")
    return subprocess.run(
        [MSGFMT, "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def no_fatal(result: subprocess.CompletedProcess[str]) -> None:
    """msgfmt --check passes: exit 0, and nothing said but the header fields a translator's tool
    fills in (PO-Revision-Date, Last-Translator, Language-Team) on its first save."""
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "header field" not in line]
    assert said == [], result.stderr


# -- any valid language file -----------------------------------------------------------------

SAFE = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufffe\uffff",
)
ONE_LINE = st.text(
    st.one_of(SAFE.filter(lambda c: c not in "\u2028\u2029"), st.sampled_from('"\\#: ')),
    min_size=1,
    max_size=20,
).filter(str.strip)
PARAGRAPH = st.text(
    st.one_of(SAFE, st.sampled_from('\n\t"\\# \u2028')), min_size=1, max_size=60
).filter(str.strip)
TAGS = st.sampled_from(["pt", "pt-BR", "qaa", "sr-Latn", "no", "de"])


@st.composite
def languages(draw: st.DrawFn) -> Language:
    code = draw(TAGS)
    sections = []
    for theirs in ENGLISH.sections:
        if not draw(st.booleans()):
            continue
        how = draw(st.sampled_from(["translated", "stale", "copy", "old-copy", "unrecorded"]))
        title = draw(st.one_of(ONE_LINE, st.just(theirs.title)))
        paragraphs = tuple(draw(st.lists(PARAGRAPH, min_size=1, max_size=3)))
        recorded = theirs.digest
        if how == "copy":
            paragraphs = theirs.paragraphs
        elif how == "stale":
            recorded = draw(st.text("0123456789abcdef", min_size=8, max_size=8))
        elif how == "old-copy":  # the English a starter file was made from, before it moved
            recorded = fingerprint(title, paragraphs)
        elif how == "unrecorded":
            recorded = draw(st.sampled_from(["", theirs.digest]))
        aliases = tuple(draw(st.lists(ONE_LINE.map(str.strip).filter(bool), max_size=3)))
        origin = draw(st.sampled_from(["seed", "added"]))
        sections.append(
            Section(
                theirs.id,
                theirs.kind,
                title,
                paragraphs,
                aliases,
                origin,
                code,
                fingerprint=recorded,
                digest=fingerprint(title, paragraphs),
            )
        )
    if not sections:
        sections.append(ENGLISH.sections[0])
    name = draw(ONE_LINE)
    return Language(
        code,
        name,
        draw(st.one_of(st.just(name), ONE_LINE)),
        draw(st.one_of(ONE_LINE, st.just(ENGLISH.title))),
        tuple(
            Section(
                *(s.id, s.kind, s.title, s.paragraphs, s.aliases, s.origin, code),
                fingerprint=s.fingerprint,
                digest=s.digest,
            )
            for s in sections
        ),
        draw(st.sampled_from(["seed", "added"])),
        "x",
        draw(st.one_of(st.just(""), ONE_LINE)),
    )


def test_a_paragraph_the_english_lacks_keeps_the_fingerprint_when_it_ends_a_line() -> None:
    """A translation with one paragraph more than the English, ending in a line break: the
    stand-in msgid gets the same break (msgfmt wants both ends alike), and is still no English
    of the fingerprint, so the round trip gives the file back (found by Hypothesis)."""
    conclusion = ENGLISH.sections[-1]
    paragraphs = ("0", "0\n")
    section = Section(
        *(conclusion.id, conclusion.kind, "0", paragraphs, (), "seed", "pt"),
        fingerprint=conclusion.digest,
        digest=fingerprint("0", paragraphs),
    )
    language = Language("pt", "0", "0", "0", (section,), "seed", "x", "")
    text = language_file(language, COMMENT)
    _po, again, _made = round_trip(loaded(text, "pt"))
    assert again == text


@pytest.mark.slow
@settings(deadline=None, max_examples=150, suppress_health_check=[*NOT_TIMED, HealthCheck.too_slow])
@given(languages())
def test_yaml_to_po_to_yaml_is_the_same_file(language: Language) -> None:
    """Any valid language file, written as lastmile writes one, comes back byte for byte."""
    text = language_file(language, COMMENT)
    first = loaded(text, language.code)
    _po, again, made = round_trip(first)
    assert again == text
    assert loaded(again, language.code).sections == first.sections
    assert (made.name, made.english_name, made.title, made.term, made.title_origin) == (
        first.name,
        first.english_name,
        first.title,
        first.term,
        first.title_origin,
    )


@pytest.mark.slow
@needs_gettext
@settings(deadline=None, max_examples=60)
@given(languages())
def test_msgfmt_check_passes_on_every_export(
    tmp_path_factory: pytest.TempPathFactory, language: Language
) -> None:
    text = language_file(language, COMMENT)
    po, _again, _made = round_trip(loaded(text, language.code))
    no_fatal(msgfmt_check(tmp_path_factory.mktemp("po"), po))


@pytest.mark.slow
@pytest.mark.parametrize("code", ["de", "es", "fr", "it"])
def test_every_bundled_translation_goes_round(code: str, tmp_path: Path) -> None:
    path = Path(Bundle().yaml_dir) / f"{code}.yaml"
    first = loaded(path.read_text(encoding="utf-8"), code)
    po, _again, made = round_trip(first)
    assert made.sections == first.sections
    assert "#, fuzzy" not in po and 'msgstr ""\n\n' not in po.split("\n\n", 1)[1]
    if MSGFMT is not None:
        no_fatal(msgfmt_check(tmp_path, po, f"{code}.po"))


# -- the commands ---------------------------------------------------------------------------


def test_the_catalog_names_each_unit(lastmile: Lastmile) -> None:
    po = lastmile("export", "de").out
    assert "#. " not in po
    assert (
        "# Marathon (example): paragraph 1 of 1\n"
        'msgctxt "marathon/1"\n'
        'msgid ""\n'
        '"Perhaps the most literal application of the concept relates to running a "\n'
    ) in po
    assert '"Language: de\\n"' in po and '"Content-Type: text/plain; charset=UTF-8\\n"' in po
    # names, title, term; each section's title and aliases (every one has some); paragraphs
    paragraphs = sum(len(s.paragraphs) for s in Article([], None).require("de").sections)
    assert po.count('msgctxt "') == 4 + 8 * 2 + paragraphs


@pytest.fixture
def moved(tmp_path: Path) -> Path:
    """A copy of the data in which one sentence of the English marathon was edited."""
    folder = tmp_path / "data"
    shutil.copytree(Bundle().yaml_dir, folder)
    english = folder / "en.yaml"
    english.write_text(english.read_text().replace("A runner", "A tired runner"), encoding="utf-8")
    return folder


def test_a_stale_section_is_fuzzy_and_stays_stale_unless_confirmed(
    lastmile: Lastmile, moved: Path, tmp_path: Path
) -> None:
    po = lastmile("export", "de", "--data-dir", str(moved)).out
    blocks = [b for b in po.split("\n\n") if "#, fuzzy" in b]
    assert [b.split('msgctxt "')[1].split('"')[0] for b in blocks] == [
        "marathon/title",
        "marathon/1",
    ]
    assert "A tired runner" in blocks[1]
    (tmp_path / "de.po").write_text(po, encoding="utf-8")
    again = lastmile("import", str(tmp_path / "de.po"), "--data-dir", str(moved))
    assert again.code == 0, again.err
    assert again.out == lastmile("import", str(tmp_path / "de.po")).out  # the recorded one kept
    (moved / "de.yaml").write_text(again.out, encoding="utf-8")
    assert "1 stale" in lastmile("languages", "--data-dir", str(moved)).out
    confirmed = po.replace("#, fuzzy\n", "")  # what Poedit does when a translator confirms
    (tmp_path / "de.po").write_text(confirmed, encoding="utf-8")
    (moved / "de.yaml").write_text(
        lastmile("import", str(tmp_path / "de.po"), "--data-dir", str(moved)).out, encoding="utf-8"
    )
    assert "de\tDeutsch\tGerman\t8/8\t" in lastmile("languages", "--data-dir", str(moved)).out


PORTUGUESE = """\
language: pt
name: "Português"
english_name: "Portuguese"
title: "O que é uma falha da última milha?"
sections:
  - id: definition
    kind: section
    title: "Definição"
    fingerprint: {definition}
    paragraphs:
      - "A falha da última milha é uma expressão."
  - id: marathon
    kind: example
    title: "Maratona"
    aliases: ["corrida"]
    fingerprint: {marathon}
    paragraphs:
      - "Talvez a aplicação mais literal do conceito diga respeito à maratona."
"""


@pytest.fixture
def portuguese(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    digests = {s.id: s.digest for s in ENGLISH.sections}
    (folder / "pt.yaml").write_text(PORTUGUESE.format(**digests), encoding="utf-8")
    return folder


@pytest.mark.slow
@needs_gettext
def test_msgmerge_and_poedit_edits_import(
    lastmile: Lastmile, portuguese: Path, moved: Path, tmp_path: Path
) -> None:
    """A Portuguese translation exported, updated against a moved English by msgmerge
    --previous, its fuzzy entry fixed and a new section translated as Poedit saves them
    (re-wrapped by msgcat, Language: pt_BR-style header, fuzzy cleared), imports and reads back."""
    work = tmp_path / "work"
    work.mkdir()
    exported = lastmile("export", "pt", "--data-dir", str(portuguese))
    assert exported.code == 0 and exported.err == ""
    (work / "pt.po").write_text(exported.out, encoding="utf-8")
    (moved / "pt.yaml").unlink(missing_ok=True)
    template = lastmile("export", "qaa", "--data-dir", str(moved)).out  # the English of now
    (work / "new.pot").write_text(
        template.replace('"Language: qaa\\n"', '"Language: \\n"'), encoding="utf-8"
    )
    merged = subprocess.run(
        ["msgmerge", "--quiet", "--previous", str(work / "pt.po"), str(work / "new.pot")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert '#| "Perhaps the most literal' in merged and "A tired runner" in merged
    (work / "pt.po").write_text(merged, encoding="utf-8")
    stale = lastmile("import", str(work / "pt.po"), "--data-dir", str(moved))
    assert stale.code == 0, stale.err
    (moved / "pt.yaml").write_text(stale.out, encoding="utf-8")
    assert (
        "pt\tPortuguês\tPortuguese\t1/8, 1 stale, 6 missing\t"
        in lastmile("languages", "--data-dir", str(moved)).out
    )
    # the translator fixes the fuzzy entry and translates the conclusion, then saves in Poedit
    edited = merged.replace(
        'msgstr "Talvez a aplicação mais literal do conceito diga respeito à maratona."',
        'msgstr "Um corredor cansado pode passar meses a preparar-se."',
    )
    conclusion = next(b for b in edited.split("\n\n") if 'msgctxt "conclusion/1"' in b)
    edited = edited.replace(
        conclusion, conclusion.replace('msgstr ""', 'msgstr "Em suma: terminar."')
    )
    (work / "pt.po").write_text(edited, encoding="utf-8")
    for tool in (
        ["msgattrib", "--clear-fuzzy", "--clear-previous", "--only-fuzzy"],
        ["msgattrib", "--clear-fuzzy", "--clear-previous"],
        ["msgcat", "--width=60"],
    ):
        if tool == ["msgattrib", "--clear-fuzzy", "--clear-previous", "--only-fuzzy"]:
            continue  # (listing the fuzzy ones is not what Poedit saves)
        out = subprocess.run(
            [*tool, str(work / "pt.po")], capture_output=True, text=True, check=True
        )
        (work / "pt.po").write_text(out.stdout, encoding="utf-8")
    text = (
        (work / "pt.po")
        .read_text(encoding="utf-8")
        .replace('"Language: pt\\n"', '"Language: pt\\n"\n"X-Generator: Poedit 3.4\\n"')
    )
    (work / "pt_PT.po").unlink(missing_ok=True)
    (work / "pt.po").write_text(text, encoding="utf-8")
    done = lastmile(
        "import",
        str(work / "pt.po"),
        "--data-dir",
        str(moved),
        "-o",
        str(moved / "pt.yaml"),
        "--force",
    )
    assert done.code == 0, done.err
    assert done.err == f"lastmile: wrote {moved / 'pt.yaml'}\n"
    listing = lastmile("languages", "--data-dir", str(moved)).out
    assert "pt\tPortuguês\tPortuguese\t3/8, 5 missing\t" in listing
    read = lastmile("example", "marathon", "-l", "pt", "--data-dir", str(moved))
    assert read.out.endswith("Maratona\nUm corredor cansado pode passar meses a preparar-se.\n")
    conclusion_read = lastmile(
        "explain", "-l", "pt", "-s", "conclusion", "--data-dir", str(moved)
    ).out
    assert conclusion_read.endswith("Em suma: terminar.\n")
    assert "corrida" in lastmile("example", "-l", "pt", "-f", "json", "--data-dir", str(moved)).out


def test_import_never_replaces_a_file_unasked(lastmile: Lastmile, tmp_path: Path) -> None:
    (tmp_path / "de.po").write_text(lastmile("export", "de").out, encoding="utf-8")
    target = tmp_path / "de.yaml"
    target.write_text("mine\n", encoding="utf-8")
    refused = lastmile("import", str(tmp_path / "de.po"), "--output", str(target))
    assert refused.code == 1 and refused.out == ""
    assert (
        refused.err
        == f"lastmile: {target} exists; import never replaces a file unasked: add --force\n"
    )
    assert target.read_text() == "mine\n"
    misnamed = lastmile("import", str(tmp_path / "de.po"), "--output", str(tmp_path / "pt.yaml"))
    assert misnamed.code == 2 and not (tmp_path / "pt.yaml").exists()
    forced = lastmile("import", str(tmp_path / "de.po"), "--output", str(target), "--force")
    assert forced.code == 0 and forced.out == ""
    assert (
        loaded(target.read_text(), "de").sections
        == loaded((Path(Bundle().yaml_dir) / "de.yaml").read_text(), "de").sections
    )


def test_a_catalog_for_another_language_is_refused(lastmile: Lastmile, tmp_path: Path) -> None:
    po = lastmile("export", "de").out
    (tmp_path / "fr.po").write_text(po, encoding="utf-8")
    refused = lastmile("import", str(tmp_path / "fr.po"))
    assert refused.code == 1 and refused.out == ""
    assert refused.err == (
        f"lastmile: {tmp_path / 'fr.po'}:10:2: the catalog is for 'de' (its Language header),"
        " but its file is named for 'fr'\n"
    )
    (tmp_path / "en.po").write_text(
        po.replace('"Language: de\\n"', '"Language: en\\n"'), encoding="utf-8"
    )
    assert lastmile("import", str(tmp_path / "en.po")).code == 1
    interface = Path(__file__).parent.parent / "po" / "de.po"  # the interface's catalog
    wrong = lastmile("import", str(interface))
    assert wrong.code == 1 and "an entry without msgctxt" in wrong.err


def _hostile(po: str, tmp_path: Path, lastmile: Lastmile, name: str = "de.po") -> str:
    path = tmp_path / name
    path.write_bytes(po.encode("utf-8", "surrogatepass") if isinstance(po, str) else po)
    result = lastmile("import", str(path))
    assert result.code == 1 and result.out == "", result
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    return result.err.removeprefix(f"lastmile: {path}:").rstrip("\n")


HEADER = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
ENTRY = 'msgctxt "marathon/1"\nmsgid "Perhaps."\nmsgstr "{text}"\n'


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "broken\n',
            "8:8: the string does not end: a closing quote is missing",
        ),
        ('msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a" "b"\n', "8:12: text after the closing quote"),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a\\x1b[2J"\n',
            "8:10: the escape \\x is not allowed; a catalog's text may hold only `\\n`, `\\t`, `\\\"` and `\\\\`",
        ),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a\\r"\n',
            "8:10: the escape \\r is not allowed; a catalog's text may hold only `\\n`, `\\t`, `\\\"` and `\\\\`",
        ),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a\x1b[2J"\n',
            "8:10: control character U+001B is not allowed in text",
        ),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a\u202eb"\n',
            "8:10: bidirectional control U+202E is not allowed in text",
        ),
        (
            'msgctxt "marathon/title"\nmsgid "x"\nmsgstr "a\\tb"\n',
            "8:8: marathon/title: a tab (U+0009) is not allowed in a one-line text; use a space",
        ),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgid_plural "xs"\nmsgstr[0] "a"\n',
            "8:1: plural entries (msgid_plural) are not allowed: the article has no plurals",
        ),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a"\n\nmsgctxt "marathon/1"\nmsgid "y"\nmsgstr "b"\n',
            "10:1: msgctxt 'marathon/1' appears twice (first at line 6)",
        ),
        (  # every repeat is counted, not only the first
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a"\n\nmsgctxt "marathon/1"\nmsgid "y"\nmsgstr "b"\n'
            '\nmsgctxt "marathon/1"\nmsgid "z"\nmsgstr "c"\n',
            "10:1: msgctxt 'marathon/1' appears twice (first at line 6) (and 1 more problem)",
        ),
        (
            'msgctxt "marathon/9x"\nmsgid "x"\nmsgstr "a"\n',
            "6:1: unknown unit 'marathon/9x': the catalog is not lastmile's, or for another article",
        ),
        (
            'msgid "x"\nmsgstr "a"\n',
            "6:1: an entry without msgctxt: lastmile names every unit with one (such as marathon/1)",
        ),
        ('msgctxt "marathon/1"\nmsgid "x"\n', "6:1: an entry without msgstr"),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a"\ngarbage\n',
            "9:1: expected msgctxt, msgid, msgstr, a quoted string or a # comment",
        ),
        (
            'msgctxt "marathon/2"\nmsgid "x"\nmsgstr "a"\n',
            "6:1: there is marathon/2, but no marathon/1: paragraphs are numbered from 1 on",
        ),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "   "\n',
            "8:8: marathon/1: a translation of nothing but blanks",
        ),
        ('# a comment\nmsgstr "a"\n', "6:1: an entry without msgid"),
        ('msgctxt "marathon/1"\nmsgid x\nmsgstr "a"\n', "7:7: expected a quoted string"),
        (  # the first of two on its line
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a\x1bb\x1bc"\n',
            "8:10: control character U+001B is not allowed in text",
        ),
        ('  # a comment\nmsgctxt "marathon/1"\nmsgid "x"\n', "6:3: an entry without msgstr"),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a"\n  msgstr "b"\n',
            "9:3: msgstr appears twice in one entry",
        ),
        (  # a string after the second msgstr belongs to neither
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a"\nmsgstr "b"\n"c"\n',
            "9:1: msgstr appears twice in one entry (and 1 more problem)",
        ),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr "a"\n# a comment\n"stray"\n',
            "10:1: a string that belongs to no msgid or msgstr",
        ),
        (  # the lines after a stray string are read on
            '# a comment\n"stray"\nmsgctxt "marathon/1"\nmsgid "x"\nmsgstr "a"\ngarbage\n',
            "7:1: a string that belongs to no msgid or msgstr (and 1 more problem)",
        ),
        (
            'msgctxt "marathon/1"\nmsgid "x"\nmsgstr ""\n"broken\n',
            "9:1: the string does not end: a closing quote is missing",
        ),
        (
            'msgctxt "marathon/aliases"\nmsgid "x"\nmsgstr "a\\tb"\n\n' + ENTRY.format(text="a"),
            "8:8: marathon/aliases: a tab (U+0009) is not allowed in a one-line text; use a space",
        ),
        (
            'msgctxt "name"\nmsgid "x"\nmsgstr "a\\tb"\n',
            "8:8: name: a tab (U+0009) is not allowed in a one-line text; use a space",
        ),
        (  # every entry is checked, not only those before the first without msgctxt
            'msgid "x"\nmsgstr "a"\n\nmsgid "y"\nmsgstr "b"\n',
            "6:1: an entry without msgctxt: lastmile names every unit with one (such as marathon/1)"
            " (and 1 more problem)",
        ),
    ],
)
def test_a_broken_catalog_is_refused_with_its_place(
    lastmile: Lastmile, tmp_path: Path, body: str, expected: str
) -> None:
    assert _hostile(HEADER + body, tmp_path, lastmile) == expected


def test_hostile_catalogs_are_refused_with_a_place(lastmile: Lastmile, tmp_path: Path) -> None:
    huge = tmp_path / "de.po"
    with huge.open("wb") as stream:
        stream.write(HEADER.encode())
        stream.write(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    result = lastmile("import", str(huge))
    assert result.code == 1
    assert (
        result.err
        == f"lastmile: {huge}:1:1: is larger than 4 MiB; the article's catalog is some 50 KB\n"
    )
    many = HEADER + "".join(f'msgctxt "nope/{i}"\nmsgid "x"\nmsgstr "y"\n\n' for i in range(20000))
    said = _hostile(many, tmp_path, lastmile)
    assert said.startswith("6:1: unknown unit 'nope/0'") and "(and 19999 more problems" in said
    assert _hostile(b"\xff\xfe" + HEADER.encode(), tmp_path, lastmile).startswith(
        "1:1: is not valid UTF-8"
    )  # type: ignore[arg-type]
    assert _hostile(
        HEADER.replace("UTF-8", "ISO-8859-1") + ENTRY.format(text="a"), tmp_path, lastmile
    ) == (
        "4:2: the catalog says charset=ISO-8859-1; lastmile reads UTF-8 catalogs (msgconv --to-code=UTF-8)"
    )
    assert _hostile(HEADER + ENTRY.format(text="a\x00"), tmp_path, lastmile).startswith(
        "8:1: contains NUL bytes"
    )
    no_language = HEADER.replace('"Language: de\\n"\n', "") + ENTRY.format(text="a")
    assert _hostile(no_language, tmp_path, lastmile, "catalog.po") == (
        "1:1: the catalog does not say its language: add a Language header, such as Language: pt_BR"
    )


def test_an_export_of_a_new_language_is_empty_and_of_english_a_usage_error(
    lastmile: Lastmile,
) -> None:
    new = lastmile("export", "pt-BR")
    assert new.code == 0
    paragraphs = sum(len(s.paragraphs) for s in Article([], None).require("en").sections)
    assert (
        new.err
        == "lastmile: note: pt-BR has no language file yet: every entry is empty, ready to translate\n"
    )
    assert (
        '"Language: pt_BR\\n"' in new.out
        and new.out.count('msgstr ""\n\n') == 4 + 8 * 2 + paragraphs
    )
    assert lastmile("export", "en").code == 2
    assert lastmile("export", "Klingon").code == 2


def test_the_documented_excerpt_is_real(lastmile: Lastmile) -> None:
    """docs/content-format.md shows an excerpt of a real export: it is one, word for word."""
    docs = (Path(__file__).parent.parent / "docs" / "content-format.md").read_text(encoding="utf-8")
    marker = "<!-- excerpt: lastmile export pt --data-dir docs/examples -->\n"
    block = docs.split(marker, 1)[1].split("```po\n", 1)[1].split("   ```", 1)[0]
    excerpt = "".join(line.removeprefix("   ") + "\n" for line in block.splitlines())
    examples = str(Path(__file__).parent.parent / "docs" / "examples")
    exported = lastmile("export", "pt", "--data-dir", examples)
    assert exported.code == 0 and excerpt.strip() and excerpt in exported.out


def test_a_paragraph_the_english_lacks_ending_in_a_line_break_keeps_the_fingerprint() -> None:
    """An extra paragraph's msgid takes its msgstr's final line break (gettext wants both or
    neither): it is still the extra paragraph, not English, and the fingerprint stays."""
    summary = ENGLISH.section("summary") if ENGLISH else None
    assert summary is not None
    section = Section(
        "summary", "section", "Summary", ("0", "0\n"), (), "seed", "pt",
        fingerprint=summary.digest, digest=fingerprint("Summary", ("0", "0\n")),
    )  # fmt: skip
    text = language_file(Language("pt", "P", "P", "T", (section,)), COMMENT)
    po, again, _made = round_trip(loaded(text, "pt"))
    assert 'msgid "(a paragraph the English does not have)\\n"' in po
    assert again == text


def test_a_catalog_header_is_read_field_by_field(lastmile: Lastmile, tmp_path: Path) -> None:
    """A field's value is all after its first colon, a bad Language is said where it is written,
    a byte that is not UTF-8 where it is (even on a line that follows a first empty one), and a
    catalog that gives no Content-Type is read as UTF-8."""
    body = ENTRY.format(text="a")
    assert _hostile(HEADER.replace("Language: de", "Language: d e") + body, tmp_path, lastmile) == (
        "3:2: Language: d e is not a language tag such as de, pt_BR or qaa"
    )
    assert _hostile(
        HEADER.replace("Language: de", "Language: de:x") + body, tmp_path, lastmile
    ) == ("3:2: Language: de:x is not a language tag such as de, pt_BR or qaa")
    assert _hostile(b"\n\xff" + HEADER.encode(), tmp_path, lastmile).startswith(  # type: ignore[arg-type]
        "2:1: is not valid UTF-8"
    )
    plain = HEADER.replace('"Content-Type: text/plain; charset=UTF-8\\n"\n', "") + body
    made = read_catalog(plain.encode("utf-8"), "de.po", ENGLISH, "de")
    marathon = made.language.section("marathon")
    assert marathon is not None and marathon.paragraphs == ("a",)


def _read(text: str) -> Imported:
    return read_catalog(text.encode("utf-8"), "de.po", ENGLISH, "de")


def test_a_bundled_translation_goes_round_in_process() -> None:
    """The German catalog imported gives the German language file: its term, its title's
    origin (X-Lastmile-Added) and every section as they were."""
    german = Article([], None).require("de")
    made = _read(export("de", german, ENGLISH))
    assert made.notes == ()
    assert (made.language.term, made.language.title_origin) == (german.term, german.title_origin)
    assert german.term and german.title_origin == "added"
    assert made.language.sections == german.sections


def test_what_a_catalog_leaves_untranslated_is_noted() -> None:
    """A paragraph left untranslated beside a translated one keeps its English, and says so."""
    made = _read(
        HEADER
        + ENTRY.format(text="Um corredor.")
        + '\nmsgctxt "marathon/2"\nmsgid "More."\nmsgstr ""\n'
    )
    marathon = made.language.section("marathon")
    assert marathon is not None and marathon.paragraphs == ("Um corredor.", "More.")
    assert "marathon/2 is not translated; its English is kept in its place" in made.notes


def test_a_section_recorded_without_a_fingerprint_is_imported_without_one() -> None:
    """X-Lastmile-Sections: marathon=- (the file recorded none): importing it claims no review,
    even when every entry is confirmed; a section the header does not name gets its msgids'."""
    header = HEADER.replace('msgstr ""\n', 'msgstr ""\n"X-Lastmile-Sections: marathon=-\\n"\n', 1)
    body = ENTRY.format(text="a") + '\nmsgctxt "summary/1"\nmsgid "Short."\nmsgstr "b"\n'
    made = _read(header + body)
    marathon, summary = made.language.section("marathon"), made.language.section("summary")
    assert marathon is not None and marathon.fingerprint == ""
    assert summary is not None and summary.fingerprint == fingerprint("", ["Short."])


def test_a_fuzzy_entry_takes_its_fingerprint_from_the_previous_msgid() -> None:
    """msgmerge --previous keeps the English an entry was translated from (`#| msgid`, on one
    line or several): the section's fingerprint is that English's; a fuzzy entry with no
    previous msgid and no recorded fingerprint gets none, and a note says so."""
    body = (
        "#, fuzzy\n"
        '#| msgid "Old title"\n'
        'msgctxt "marathon/title"\nmsgid "Marathon"\nmsgstr "Maratona"\n\n'
        "#, fuzzy\n"
        '#| msgid ""\n'
        '#|   "Old "\n'
        '#| "text."\n'
        '#| msgctxt "marathon/1"\n'
        'msgctxt "marathon/1"\nmsgid "New text."\nmsgstr "Texto."\n\n'
        "#, wrap, fuzzy\n"
        'msgctxt "summary/1"\nmsgid "Short."\nmsgstr "b"\n'
    )
    made = _read(HEADER + body)
    marathon, summary = made.language.section("marathon"), made.language.section("summary")
    assert marathon is not None and marathon.fingerprint == fingerprint("Old title", ["Old text."])
    assert summary is not None and summary.fingerprint == ""
    assert (
        "summary is fuzzy, and the catalog does not say which English it was translated from:"
        " imported without a fingerprint"
    ) in made.notes
    assert not any(note.startswith("marathon") for note in made.notes)


def test_a_previous_msgid_follows_its_mark_after_spaces_and_tabs_only() -> None:
    """`#|` then spaces or tabs, then `msgid`: as msgfmt reads a keyword's line. Another blank
    (a no-break space) makes the line no previous msgid: as if the line were not there."""
    entry = '#, fuzzy\n{previous}msgctxt "marathon/title"\nmsgid "M"\nmsgstr "Maratona"\n'

    def marathon(previous: str) -> str:
        section = _read(HEADER + entry.format(previous=previous)).language.section("marathon")
        assert section is not None
        return section.fingerprint

    assert marathon('#| \t msgid "Old title"\n') == fingerprint("Old title", [])
    assert marathon('#|\u00a0msgid "Old title"\n') == marathon("") != fingerprint("Old title", [])


def test_a_new_languages_catalog_tells_the_translator_what_each_entry_is() -> None:
    """The header says how to bring the catalog back; each entry's comment says what it is."""
    po = export("pt-BR", None, ENGLISH)
    assert "# Back to a language file: lastmile import pt_BR.po --output pt-BR.yaml\n" in po
    for comment, context in [
        ("The language's own name, such as Deutsch.", "name"),
        ("The language's name in English, such as German.", "english_name"),
        ("The article's title.", "title"),
        (
            "The concept's name in this language, for translators and reviewers (not\n# shown).",
            "term",
        ),
        ("Summary (section): its title", "summary/title"),
        ("Marathon (example): its title", "marathon/title"),
        (
            "Summary (section): other names a reader may type, one per line (optional)",
            "summary/aliases",
        ),
        ("Summary (section): paragraph 1 of 1", "summary/1"),
    ]:
        assert f'# {comment}\nmsgctxt "{context}"\n' in po


def test_a_section_still_in_english_is_exported_untranslated_and_not_fuzzy() -> None:
    """A section whose paragraphs are the English ones (its title translated) is not a stale
    translation: its title is offered as translated, its paragraphs empty, nothing fuzzy."""
    marathon = ENGLISH.section("marathon")
    assert marathon is not None
    section = Section(
        "marathon", "example", "Maratona", marathon.paragraphs, (), "seed", "pt",
        fingerprint=marathon.digest, digest=fingerprint("Maratona", marathon.paragraphs),
    )  # fmt: skip
    found = {u.context: u for u in units(Language("pt", "P", "P", "T", (section,)), ENGLISH)}
    assert (found["marathon/title"].translation, found["marathon/title"].fuzzy) == (
        "Maratona",
        False,
    )
    assert (found["marathon/1"].translation, found["marathon/1"].fuzzy) == ("", False)


@pytest.mark.parametrize("count", [200, 201, 300])
def test_every_broken_line_past_the_listed_ones_is_counted(
    lastmile: Lastmile, tmp_path: Path, count: int
) -> None:
    """A catalog of many broken lines: the first is said, every other one counted, exactly
    (docs/reliability.md: the first of many problems, the rest counted), however many of them
    are past the 200 that are kept."""
    said = _hostile(HEADER + "garbage\n" * count, tmp_path, lastmile)
    assert said == (
        "6:1: expected msgctxt, msgid, msgstr, a quoted string or a # comment"
        f" (and {count - 1} more problems)"
    )
