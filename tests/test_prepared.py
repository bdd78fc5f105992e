"""The bundled sentences and alignments the build prepares (prepared.py) are exactly what a run
would compute, for every bundled language and every ordered pair of them, and count for nothing
else: a changed section, another ratio, another splitter, a damaged or stale file.

Everything here runs in-process, calling the functions: the prepared file is the package's own,
as a run loads it (in a checkout, prepared again when the code or the data changed since).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lastmile_cli import prepared as prepared_module
from lastmile_cli.bundle import ARTICLE, Bundle
from lastmile_cli.content import Article
from lastmile_cli.model import Language, Section
from lastmile_cli.packed import Corrupt
from lastmile_cli.pairing import aligned, interlinear, pair, section_ratio, split_section
from lastmile_cli.prepared import (
    SENTENCES,
    Prepared,
    load,
    prepare,
    splitter_is,
    splitter_version,
)

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = Bundle()
LANGUAGES = {code: value for code, value in BUNDLE.languages().items()}
CODES = sorted(LANGUAGES)
PAIRS = [(a, b) for a in CODES for b in CODES if a != b]


def language(code: str) -> Language:
    value = LANGUAGES[code]
    assert isinstance(value, Language)
    return value


@pytest.fixture(scope="module")
def prepared() -> Prepared:
    found = load(Bundle())
    assert found is not None, "the package's prepared sentences do not count"
    return found


def test_every_bundled_language_loads_and_there_are_five() -> None:
    assert CODES == ["de", "en", "es", "fr", "it"]
    assert all(isinstance(value, Language) for value in LANGUAGES.values())


@pytest.mark.parametrize("code", CODES)
def test_every_bundled_section_reads_as_it_splits(prepared: Prepared, code: str) -> None:
    for section in language(code).sections:
        assert prepared.split(section) == split_section(section)


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_every_bundled_pair_aligns_as_computed(prepared: Prepared, first: str, second: str) -> None:
    """Each direction on its own: align(a, b) is not align(b, a) mirrored in general."""
    a, b = language(first), language(second)
    ratio = section_ratio(a.sections, b.sections)
    theirs = b.by_id()
    for section in a.sections:
        found = prepared.aligned(section, theirs[section.id], ratio)
        assert found is not None, f"{first}/{second}/{section.id} was not prepared"
        pa, pb, links, grouped = found
        assert (pa, pb, list(links), grouped) == aligned(section, theirs[section.id], ratio)


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_every_section_read_alone_aligns_as_computed(
    prepared: Prepared, first: str, second: str
) -> None:
    """One section read alone (`explain --section X --with`) is aligned at its own ratio."""
    a, b = language(first), language(second)
    theirs = b.by_id()
    for section in a.sections:
        ratio = section_ratio([section], [theirs[section.id]])
        found = prepared.aligned(section, theirs[section.id], ratio)
        assert found is not None, f"{first}/{second}/{section.id} alone was not prepared"
        pa, pb, links, grouped = found
        assert (pa, pb, list(links), grouped) == aligned(section, theirs[section.id], ratio)
    two = a.sections[:2]  # two sections: a ratio of their own, not prepared
    ratio = section_ratio(two, b.sections)
    assert prepared.aligned(two[0], theirs[two[0].id], ratio) is None


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_compare_by_sentence_of_every_pair_is_the_computed_one(
    prepared: Prepared, first: str, second: str
) -> None:
    a, b = language(first), language(second)
    ids = BUNDLE.outline().ids
    assert pair(a, b, ids, "sentence", prepared) == pair(a, b, ids, "sentence")
    some = ids[1:3]  # --section: the ratio is still the whole languages'
    assert pair(a, b, some, "sentence", prepared) == pair(a, b, some, "sentence")


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_with_of_every_pair_is_the_computed_one(
    prepared: Prepared, first: str, second: str
) -> None:
    article = Article([], None)
    a = language(first)
    outline = BUNDLE.outline().ids
    for ids in (outline, outline[:1], outline[-1:], outline[1:3]):  # (its own ratio, or not)
        document = article.document(a, ids)
        assert interlinear(document, language(second), prepared) == interlinear(
            document, language(second)
        )


def edited(section: Section, paragraph: str) -> Section:
    """The section with its first paragraph replaced."""
    return Section(
        section.id,
        section.kind,
        section.title,
        (paragraph, *section.paragraphs[1:]),
        section.aliases,
        section.origin,
        section.code,
    )


def test_a_changed_section_is_split_at_run_time(prepared: Prepared) -> None:
    section = language("de").sections[0]
    first = section.paragraphs[0]
    for text in (first + " Noch ein Satz.", first.replace(". ", ".  ", 1), first + " "):
        assert prepared.split(edited(section, text)) is None
    assert prepared.split(edited(section, first)) is not None  # the same text: still prepared


def test_the_same_text_under_another_language_is_split_at_run_time(prepared: Prepared) -> None:
    """Splitting depends on the language's rules: German text marked as Italian is Italian's."""
    section = language("de").sections[0]
    borrowed = Section(section.id, section.kind, section.title, section.paragraphs, code="it")
    assert prepared.split(borrowed) is None


def test_a_patch_has_the_whole_reading_aligned_at_run_time(prepared: Prepared) -> None:
    """One changed section changes the languages' length ratio: no section's stored links fit
    it, though the unchanged sections' stored sentences still do."""
    de, en = language("de"), language("en")
    changed = edited(de.sections[2], de.sections[2].paragraphs[0] + " Und noch ein Satz dazu.")
    patched = Language(
        de.code,
        de.name,
        de.english_name,
        de.title,
        (*de.sections[:2], changed, *de.sections[3:]),
    )
    ratio = section_ratio(patched.sections, en.sections)
    assert ratio != section_ratio(de.sections, en.sections)
    theirs = en.by_id()
    assert all(prepared.aligned(s, theirs[s.id], ratio) is None for s in patched.sections)
    assert prepared.split(patched.sections[0]) is not None
    ids = BUNDLE.outline().ids
    assert pair(patched, en, ids, "sentence", prepared) == pair(patched, en, ids, "sentence")
    assert pair(patched, en, ids, "sentence") != pair(de, en, ids, "sentence")


def test_another_ratio_or_a_missing_side_is_computed(prepared: Prepared) -> None:
    de, en = language("de"), language("en")
    a, b = de.sections[0], en.by_id()[de.sections[0].id]
    ratio = section_ratio(de.sections, en.sections)
    assert prepared.aligned(a, b, ratio) is not None
    assert prepared.aligned(a, b, ratio * (1 + 1e-15)) is None
    assert prepared.aligned(a, None, ratio) is None and prepared.aligned(None, b, ratio) is None
    assert prepared.aligned(a, en.sections[1], ratio) is None  # (two different sections)


def test_the_splitter_version_is_the_installed_distributions() -> None:
    version = importlib.metadata.version("sentencex")
    assert splitter_version() == version
    assert splitter_is(version) and not splitter_is(version + ".1") and not splitter_is("")


class Legacy:
    """A finder of the old protocol on `sys.meta_path`: find_module, no find_spec (Python 3.11
    asks it by find_module, 3.12 passes over it)."""

    def find_module(self, name: str, path: object = None) -> None:
        return None


class Strict:
    """A finder with find_spec as importlib.abc.MetaPathFinder declares it: the path is not
    optional (the import system always passes it). It knows no sentencex."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, object]] = []

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        self.asked.append((name, path))


def test_the_splitter_is_found_past_finders_of_every_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    """splitter_home asks the meta path's finders as the import system does: one without
    find_spec is passed over, one that needs the path gets it (None, for a top-level name)."""
    spec = importlib.util.find_spec("sentencex")
    assert spec is not None and spec.submodule_search_locations
    home = os.path.dirname(spec.submodule_search_locations[0])
    version = importlib.metadata.version("sentencex")
    strict = Strict()
    monkeypatch.setattr(sys, "meta_path", [Legacy(), strict, *sys.meta_path])
    assert prepared_module.splitter_home() == home
    assert strict.asked == [("sentencex", None)]
    assert splitter_version() == version


# -- the file: damaged, stale, another splitter ---------------------------------------------------


def blob() -> bytes:
    return prepare(LANGUAGES, BUNDLE.stamp(), BUNDLE.package)


def test_a_prepared_file_round_trips() -> None:
    made = Prepared(blob())
    assert made.article == BUNDLE.stamp() and made.splitter == splitter_version()
    section = language("fr").sections[0]
    assert made.split(section) == split_section(section)


def header(*atoms: str) -> bytes:
    head = "\x00".join(atoms).encode()
    return b"LMS2\x00" + str(len(head)).encode() + b"\x00" + head


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"LMB2\x00x",
        b"\xff\xfe",
        b"LMS2\x00999\x00abc",  # a header longer than the file
        b"LMS2\x00x\x00abc",
        header("a", "b", "c", "de"),  # an atom short
        header("a", "b", "c", "de en", "1 2"),  # two languages are four blocks
        header("a", "b", "c", "de de", "1 2 3 4"),
    ],
)
def test_a_malformed_file_is_corrupt(damage: bytes) -> None:
    with pytest.raises(Corrupt):
        Prepared(damage)


def damaged(at: str, replace: bytes, by: bytes) -> Prepared:
    """The package's file with the first `replace` in the first pair's block (`at="pair"`) or
    in the first language's (`at="language"`) replaced by as many bytes, `by`."""
    made = blob()
    prepared = Prepared(made)
    body = len(made) - len(prepared._body)
    start = body + (int(prepared._ends[len(prepared.codes) - 1]) if at == "pair" else 0)
    where = made.index(replace, start)
    assert len(replace) == len(by)
    return Prepared(made[:where] + by + made[where + len(replace) :])


def first_pair() -> tuple[Language, Language, float]:
    first, second = Prepared(blob()).codes[:2]
    a, b = language(first), language(second)
    return a, b, section_ratio(a.sections, b.sections)


def test_links_that_do_not_take_every_sentence_once_count_for_nothing() -> None:
    a, b, ratio = first_pair()
    theirs = b.by_id()
    broken = damaged("pair", b"1:1", b"1:2")  # (the first section's first 1:1 link)
    assert broken.aligned(a.sections[0], theirs[a.sections[0].id], ratio) is None
    assert broken.aligned(a.sections[1], theirs[a.sections[1].id], ratio) is not None
    broken = damaged("pair", b"1:1", b"1x1")
    assert broken.aligned(a.sections[0], theirs[a.sections[0].id], ratio) is None


def test_a_malformed_block_counts_for_nothing() -> None:
    a, b, ratio = first_pair()
    text = repr(ratio).encode()
    broken = damaged("pair", text, b"x" + text[1:])  # a ratio that is not a number
    assert broken.aligned(a.sections[0], b.by_id()[a.sections[0].id], ratio) is None
    section = a.sections[0]
    counts = " ".join(str(len(p)) for p in split_section(section)).encode()
    head = section.id.encode() + b"\x00" + counts + b"\x00"
    broken = damaged("language", head, section.id.encode() + b"\x00" + b"x" * len(counts) + b"\x00")
    assert broken.split(section) is None  # (a count that is not one: the language is computed)
    assert Prepared(blob()).split(section) is not None


def test_links_are_stored_as_the_aligner_gives_them(prepared: Prepared) -> None:
    """The file keeps links as counts: every bundled alignment takes its sentences in order."""
    for first, second in PAIRS:
        a, b = language(first), language(second)
        ratio = section_ratio(a.sections, b.sections)
        for section in a.sections:
            _pa, _pb, links, _grouped = aligned(section, b.by_id()[section.id], ratio)
            left = [i for x, _ in links for i in x]
            assert left == sorted(left) == list(range(len(left)))


@pytest.fixture
def checkout(tmp_path: Path) -> Iterator[Path]:
    """A copy of the checkout's package and data (its own prepared file to break)."""
    copy = tmp_path / "checkout"
    (copy / "src").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(
        ROOT / "src" / "lastmile_cli",
        copy / "src" / "lastmile_cli",
        ignore=shutil.ignore_patterns("__pycache__", SENTENCES),
    )
    yield copy / "src" / "lastmile_cli"


def test_a_checkout_prepares_a_missing_or_damaged_file(checkout: Path) -> None:
    path = checkout / SENTENCES
    assert not path.exists()
    made = load(Bundle(str(checkout)))
    assert made is not None and path.exists()
    path.write_bytes(b"LMS1\x00garbage")
    again = load(Bundle(str(checkout)))
    assert again is not None and Prepared(path.read_bytes()).article == again.article


def test_a_checkout_prepares_again_when_its_code_changes(checkout: Path) -> None:
    load(Bundle(str(checkout)))
    before = Prepared((checkout / SENTENCES).read_bytes()).code
    aligner = checkout / "alignment.py"
    aligner.write_text(aligner.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    made = load(Bundle(str(checkout)))
    assert made is not None and made.code != before
    assert Prepared((checkout / SENTENCES).read_bytes()).code == made.code


def test_a_checkout_prepares_again_when_its_data_changes(checkout: Path) -> None:
    load(Bundle(str(checkout)))
    source = checkout.parent.parent / "data" / "it.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("maratona.", "maratona. Nuova frase.", 1),
        encoding="utf-8",
    )
    bundle = Bundle(str(checkout))
    made = load(bundle)
    assert made is not None and made.article == bundle.stamp()
    italian = bundle.get("it")
    assert isinstance(italian, Language)
    assert all(made.split(s) == split_section(s) for s in italian.sections)


@pytest.fixture
def installed(tmp_path: Path) -> Path:
    """The package as a wheel installs it: no checkout around it, its files as built."""
    package = tmp_path / "site" / "lastmile_cli"
    shutil.copytree(
        ROOT / "src" / "lastmile_cli", package, ignore=shutil.ignore_patterns("__pycache__")
    )
    return package


def test_an_installed_file_counts_with_its_own_splitter_only(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load(Bundle(str(installed))) is not None
    other = installed.parent.parent / "other-site"
    (other / "sentencex-0.0.1.dist-info").mkdir(parents=True)
    monkeypatch.setattr(prepared_module, "splitter_home", lambda: str(other))
    assert load(Bundle(str(installed))) is None  # another sentencex: split at run time
    monkeypatch.setattr(prepared_module, "splitter_home", lambda: None)
    assert load(Bundle(str(installed))) is None  # no sentencex to be found: the same


def test_an_installed_file_of_another_article_counts_for_nothing(installed: Path) -> None:
    path = installed / SENTENCES
    path.write_bytes(prepare(LANGUAGES, "another article", BUNDLE.package))
    before = os.stat(path).st_mtime_ns
    assert load(Bundle(str(installed))) is None
    assert os.stat(path).st_mtime_ns == before  # (an installed package is never rewritten)
    (installed / SENTENCES).unlink()
    assert load(Bundle(str(installed))) is None
    assert (installed / ARTICLE).exists() and not (installed / SENTENCES).exists()


# -- counts and block ends: ASCII digits, within the file ------------------------------------------

HELLO = Section("intro", "section", "Intro", ("Hello there.",), code="de")


def one_language(block: list[str], end: int | None = None) -> Prepared:
    """A prepared file of one language (one block) holding `block`, its end at `end`."""
    body = "\x00".join(block).encode()
    return Prepared(header("a", "b", "c", "de", str(len(body) if end is None else end)) + body)


def test_a_block_read_as_written_gives_its_sentences() -> None:
    assert one_language(["intro", "1", "Hello there."]).split(HELLO) == (("Hello there.",),)


def test_a_count_in_other_digits_than_ascii_counts_for_nothing() -> None:
    """`١` (ARABIC-INDIC DIGIT ONE) is a digit to str.isdigit and 1 to int: not to this file."""
    assert one_language(["intro", "\u0661", "Hello there."]).split(HELLO) is None


def test_a_block_that_ends_past_the_file_counts_for_nothing() -> None:
    block = ["intro", "1", "Hello there."]
    assert one_language(block, end=len("\x00".join(block).encode()) + 5).split(HELLO) is None


def test_links_that_are_not_counts_count_for_nothing() -> None:
    a, b, ratio = first_pair()
    theirs = b.by_id()
    broken = damaged("pair", b"1:1", b"x:1")
    assert broken.aligned(a.sections[0], theirs[a.sections[0].id], ratio) is None


def test_a_section_one_language_lacks_leaves_the_rest_of_the_pair_prepared() -> None:
    de, fr = language("de"), language("fr")
    first, *rest = de.sections
    lacking = Language(fr.code, fr.name, fr.english_name, fr.title, fr.sections[1:])
    made = Prepared(prepare({"de": de, "fr": lacking}, BUNDLE.stamp(), BUNDLE.package))
    ratio = section_ratio(de.sections, lacking.sections)
    theirs = lacking.by_id()
    assert first.id not in theirs
    for section in rest:
        assert made.aligned(section, theirs[section.id], ratio) == aligned(
            section, theirs[section.id], ratio
        )
