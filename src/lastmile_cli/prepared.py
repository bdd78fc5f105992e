"""The bundled languages' sentences, and which answer which, prepared when the package is built.

`compare --by sentence` and `--with` read two languages sentence by sentence, and splitting
(sentences.py, with sentencex) and aligning (alignment.py, with `re`) cost more than the rest of
such a run. For the bundled article both are done at build time (hatch_build.py): every bundled
language's paragraphs split into sentences, and every ordered pair of bundled languages aligned
section by section, each direction on its own (alignment is not symmetric: the length model
weighs the two sides differently, and a pair's length ratio one way is not exactly the inverse
of the other way's in floating point). They are written as `sentences.lmp` beside the article,
in the packed format (packed.py), and read without `re`, json or the splitter.

A run takes from them only what is exactly what it would compute (pairing.py): a section's
stored sentences count only when, joined with single spaces, they are its paragraphs (splitting
gives the paragraph back exactly, which the build checks), so a user's patch or own file that
changes a section is split at run time; a stored alignment counts only for those same two
sections' sentences at the same length ratio, and a ratio is taken over every section both
languages have, so a patch anywhere has the whole reading aligned at run time, as before.
Splitting depends on sentencex's rules, so the file records the version it was split with and
counts only with that version installed. In a source checkout it also records the identity of
the bundled article and of the modules it was made with, and a run that finds any of them
changed prepares it again (as bundle.py rebuilds the article), so a checkout never reads stale
sentences.
"""

from __future__ import annotations

import os
import sys

from lastmile_cli.model import Language
from lastmile_cli.packed import Corrupt, Reader, code_identity, decode, encode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from lastmile_cli.alignment import Link
    from lastmile_cli.bundle import Bundle
    from lastmile_cli.model import Section
    from lastmile_cli.packed import Loaded
    from lastmile_cli.pairing import Aligned, Paragraphs

SENTENCES = "sentences.lmp"
MAGIC = "LMS1"
# The modules what the file holds is computed by: a change to any is a new file, in a checkout.
CODE = ("alignment.py", "pairing.py", "prepared.py", "sentences.py")
SPLITTER = "sentencex"


class Prepared:
    """A prepared file's sentences and alignments, each language and pair read when first asked
    for. Anything it cannot vouch for is None, and the caller computes it."""

    def __init__(self, blob: bytes) -> None:
        atoms = decode(blob)
        reader = Reader(atoms, trusted=True)
        if reader.text() != MAGIC:
            raise Corrupt("not a sentences file prepared by this lastmile")
        self.article = reader.text()  # the bundled article's stamp (bundle.py)
        self.code = reader.text()  # the identity of CODE where it was made
        self.splitter = reader.text()  # sentencex's version
        self._atoms = atoms
        self._languages: dict[str, int] = {}
        for _ in range(reader.count()):
            code = reader.text()
            self._languages[code] = _skip(reader)
        self._pairs: dict[tuple[str, str], int] = {}
        for _ in range(reader.count()):
            first, second = reader.text(), reader.text()
            self._pairs[first, second] = _skip(reader)
        if not reader.done():
            raise Corrupt("trailing data")
        self._splits: dict[str, dict[str, Paragraphs]] = {}
        self._links: dict[tuple[str, str], tuple[float, dict[str, tuple[bool, list[Link]]]]] = {}

    def split(self, section: Section) -> Paragraphs | None:
        """The section's sentences, paragraph by paragraph, as the build split its very text."""
        found = self._language(section.code).get(section.id)
        if found is None or len(found) != len(section.paragraphs):
            return None
        for sentences, paragraph in zip(found, section.paragraphs, strict=True):
            if " ".join(sentences) != paragraph:
                return None
        return found

    def aligned(self, a: Section | None, b: Section | None, ratio: float) -> Aligned | None:
        """Both sections' sentences and their links, where the build aligned these very
        sentences at this very ratio (pairing.aligned, computed)."""
        if a is None or b is None or a.id != b.id:
            return None
        pair = self._pair(a.code, b.code)
        if pair is None or pair[0] != ratio or a.id not in pair[1]:
            return None
        pa, pb = self.split(a), self.split(b)
        if pa is None or pb is None:
            return None
        grouped, links = pair[1][a.id]
        left = [i for x, _ in links for i in x]
        right = [j for _, y in links for j in y]
        if left != list(range(sum(map(len, pa)))) or right != list(range(sum(map(len, pb)))):
            return None  # (a file that does not hold every sentence once, in order)
        return pa, pb, links, grouped

    def _language(self, code: str) -> dict[str, Paragraphs]:
        if code not in self._splits:
            sections: dict[str, Paragraphs] = {}
            if code in self._languages:
                reader = self._reader(self._languages[code])
                try:
                    for _ in range(reader.count()):
                        section_id = reader.text()
                        sections[section_id] = tuple(
                            tuple(reader.text() for _ in range(reader.count()))
                            for _ in range(reader.count())
                        )
                except Corrupt:
                    sections = {}
            self._splits[code] = sections
        return self._splits[code]

    def _pair(self, first: str, second: str) -> tuple[float, dict[str, tuple[bool, list[Link]]]]:
        key = first, second
        if key not in self._links:
            ratio, sections = float("nan"), {}  # (nan equals no ratio: nothing counts)
            if key in self._pairs:
                reader = self._reader(self._pairs[key])
                try:
                    ratio = float(reader.text())
                    for _ in range(reader.count()):
                        section_id, grouped = reader.text(), reader.text() == "1"
                        links = [_link(reader.text()) for _ in range(reader.count())]
                        sections[section_id] = (grouped, links)
                except (Corrupt, ValueError):
                    ratio, sections = float("nan"), {}
            self._links[key] = (ratio, sections)
        return self._links[key]

    def _reader(self, position: int) -> Reader:
        reader = Reader(self._atoms, trusted=True)
        reader.position = position
        return reader


def _skip(reader: Reader) -> int:
    """Where the block that starts at the reader (its size first) holds its atoms; the reader
    moves past it."""
    size = reader.count()
    position = reader.position
    reader.position += size
    return position


def _link(atom: str) -> Link:
    left, separator, right = atom.partition(";")
    if not separator:
        raise Corrupt("a malformed link")
    return tuple(int(i) for i in left.split()), tuple(int(j) for j in right.split())


def splitter_version() -> str:
    """The version of the sentencex that `import sentencex` would load, from the metadata
    directory installed beside it (importlib.metadata, or importing sentencex, would cost what
    this module saves); "" where it cannot be told, which no prepared file matches."""
    spec = None
    for finder in sys.meta_path:
        find = getattr(finder, "find_spec", None)
        spec = find(SPLITTER, None) if find is not None else None
        if spec is not None:
            break
    if spec is None:
        return ""
    locations = list(spec.submodule_search_locations or ())
    where = locations[0] if locations else spec.origin
    if not where:
        return ""
    try:
        names = os.listdir(os.path.dirname(where))
    except OSError:
        return ""
    head, tail = f"{SPLITTER}-", ".dist-info"
    versions = [n[len(head) : -len(tail)] for n in names if n.startswith(head) and n.endswith(tail)]
    return versions[0] if len(versions) == 1 else ""


def prepare(languages: Mapping[str, Loaded], article: str, package: str) -> bytes:
    """The prepared file for the bundled `languages` of the article stamped `article`, made by
    the modules in `package` with the installed sentencex: every language's sentences, then
    every ordered pair's links, section by section (what pairing.aligned computes)."""
    from lastmile_cli.pairing import aligned, section_ratio, split_section

    version = splitter_version()
    if not version:
        raise RuntimeError(f"cannot tell which {SPLITTER} is installed (its .dist-info)")
    loaded = {code: value for code, value in languages.items() if isinstance(value, Language)}
    atoms = [MAGIC, article, code_identity(package, CODE), version, str(len(loaded))]
    for code, language in loaded.items():
        own = [s for s in language.sections if s.code == code]
        block = [str(len(own))]
        for section in own:
            paragraphs = split_section(section)
            for sentences, paragraph in zip(paragraphs, section.paragraphs, strict=True):
                if " ".join(sentences) != paragraph:  # what `split` reads them back by
                    raise ValueError(f"the sentences of {code}/{section.id} lose a character")
            block += [section.id, str(len(paragraphs))]
            for sentences in paragraphs:
                block += [str(len(sentences)), *sentences]
        atoms += [code, str(len(block)), *block]
    pairs = [(a, b) for a in loaded for b in loaded if a != b]
    atoms.append(str(len(pairs)))
    for first, second in pairs:
        a, b = loaded[first], loaded[second]
        ratio = section_ratio(a.sections, b.sections)
        theirs = b.by_id()
        both = [(s, theirs[s.id]) for s in a.sections if s.id in theirs]
        block = [repr(ratio), str(len(both))]
        for x, y in both:
            _pa, _pb, links, grouped = aligned(x, y, ratio)
            block += [x.id, "1" if grouped else "0", str(len(links))]
            block += [" ".join(map(str, xs)) + ";" + " ".join(map(str, ys)) for xs, ys in links]
        atoms += [first, second, str(len(block)), *block]
    return encode(atoms)


def load(bundle: Bundle) -> Prepared | None:
    """The bundle's prepared sentences, where they are what this run would compute (see the
    module's docstring); in a checkout, prepared again when stale. None: compute them all."""
    version = splitter_version()
    if not version:
        return None
    path = os.path.join(bundle.package, SENTENCES)
    article = bundle.stamp()
    code = code_identity(bundle.package, CODE) if bundle.checkout is not None else None
    try:
        with open(path, "rb") as handle:
            prepared = Prepared(handle.read())
        current = prepared.article == article and prepared.splitter == version
        if current and (code is None or prepared.code == code):
            return prepared
    except (OSError, Corrupt):
        pass
    if bundle.checkout is None:  # an installed package's file is its build's: not rewritten
        return None
    from lastmile_cli.bundle import write

    blob = prepare(bundle.languages(), article, bundle.package)
    write(path, blob)
    return Prepared(blob)
