"""The bundled languages' sentences, and which answer which, prepared when the package is built.

`compare --by sentence` and `--with` read two languages sentence by sentence, and splitting
(sentences.py, with sentencex) and aligning (alignment.py, with `re`) cost more than the rest of
such a run. For the bundled article both are done at build time (hatch_build.py): every bundled
language's paragraphs split into sentences, and every ordered pair of bundled languages aligned
section by section, each direction on its own (alignment is not symmetric: the length model
weighs the two sides differently, and a pair's length ratio one way is not exactly the inverse
of the other way's in floating point). They are written as `sentences.lmp` beside the article,
in the packed format (packed.py), and read without `re`, json or the splitter; a run decodes
only the two languages and the one pair it reads (see `Prepared`).

A run takes from them only what is exactly what it would compute (pairing.py): a section's
stored sentences count only when, joined with single spaces, they are its paragraphs (splitting
gives the paragraph back exactly, which the build checks), so a user's patch or own file that
changes a section is split at run time; a stored alignment counts only for those same two
sections' sentences at the same length ratio. A reading's ratio is taken over every section it
reads that both languages have: the build aligns each section at the two languages' ratio (the
whole article, or `compare --section`, which keeps it) and at its own (one section read alone:
`explain --section X --with`, `example X --with`); any other choice of sections, and a patch
anywhere, has the reading aligned at run time, as before.
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
from lastmile_cli.packed import Corrupt, code_identity, decode, encode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from lastmile_cli.alignment import Link
    from lastmile_cli.bundle import Bundle
    from lastmile_cli.model import Section
    from lastmile_cli.packed import Loaded
    from lastmile_cli.pairing import Aligned, Paragraphs

SENTENCES = "sentences.lmp"
MAGIC = "LMS2"
# The modules what the file holds is computed by: a change to any is a new file, in a checkout.
CODE = ("alignment.py", "pairing.py", "prepared.py", "sentences.py")
SPLITTER = "sentencex"


Stored = tuple[str, str, str, str]  # a pair's section: grouped, counts, own ratio, own counts


class Prepared:
    """A prepared file's sentences and alignments, each language and pair read when first asked
    for. Anything it cannot vouch for is None, and the caller computes it.

    The file is `MAGIC NUL size NUL`, a header of `size` bytes, then the blocks. The header's
    atoms are what made the file (the article's stamp, the code's identity, sentencex's
    version), the languages' codes, and where each block ends: one per language, then one per
    ordered pair (every language with every other, in the codes' order). A language's block
    is, per section, its id, how many sentences each paragraph has, and the sentences; a pair's
    is the ratio it was aligned at (the two languages'), then per section its id, whether it
    was aligned in groups, its links as how many sentences each takes of each side (`2:1 1:1`:
    links take the sentences in order, each once, which the build checks), and the section's
    own ratio with the links at it (what `explain --section` or `example` with `--with`, which
    read one section, align at)."""

    def __init__(self, blob: bytes) -> None:
        magic, _, rest = blob.partition(b"\x00")
        size, _, rest = rest.partition(b"\x00")
        if magic != MAGIC.encode() or not (size.isdigit() and int(size) <= len(rest)):
            raise Corrupt("not a sentences file prepared by this lastmile")
        header = decode(rest[: int(size)])
        self._body = rest[int(size) :]
        if len(header) != 5:
            raise Corrupt("a malformed header")
        self.article = header[0]  # the bundled article's stamp (bundle.py)
        self.code = header[1]  # the identity of CODE where it was made
        self.splitter = header[2]  # sentencex's version
        self.codes = header[3].split()
        self._ends = header[4].split()
        count = len(self.codes)
        if len(self._ends) != count * count or len(set(self.codes)) != count:
            raise Corrupt("a header that does not count its blocks")
        self._splits: dict[str, dict[str, Paragraphs]] = {}
        self._pairs: dict[tuple[str, str], tuple[float, dict[str, Stored]]] = {}

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
        pair_ratio, sections = self._pair(a.code, b.code)
        if a.id not in sections:
            return None
        grouped, counts, own_ratio, own_counts = sections[a.id]
        if ratio != pair_ratio:  # the section read on its own (--section, example), or neither
            if ratio != _number(own_ratio):
                return None
            counts = own_counts
        pa, pb = self.split(a), self.split(b)
        if pa is None or pb is None:
            return None
        links = _links(counts, sum(map(len, pa)), sum(map(len, pb)))
        if links is None or grouped not in ("0", "1"):
            return None
        return pa, pb, links, grouped == "1"

    def _block(self, index: int) -> list[str]:
        """The atoms of block `index`; Corrupt when the header places it outside the file."""
        start = self._ends[index - 1] if index else "0"
        end = self._ends[index]
        if not (start.isdigit() and end.isdigit() and int(start) <= int(end) <= len(self._body)):
            raise Corrupt("a block outside the file")
        return decode(self._body[int(start) : int(end)])

    def _language(self, code: str) -> dict[str, Paragraphs]:
        if code not in self._splits:
            sections: dict[str, Paragraphs] = {}
            try:
                if code in self.codes:
                    sections = _sentences(self._block(self.codes.index(code)))
            except (Corrupt, ValueError):
                sections = {}
            self._splits[code] = sections
        return self._splits[code]

    def _pair(self, first: str, second: str) -> tuple[float, dict[str, Stored]]:
        """The ratio the pair was aligned at (nan, which equals no ratio, where the file has
        none) and, by section id, whether in groups, the links' counts, and the section's own
        ratio and the links' counts at it."""
        key = first, second
        if key not in self._pairs:
            ratio, sections = float("nan"), {}
            codes = self.codes
            if first != second and first in codes and second in codes:
                i, j = codes.index(first), codes.index(second)
                index = len(codes) + i * (len(codes) - 1) + (j if j < i else j - 1)
                try:
                    atoms = self._block(index)
                    if len(atoms) % 5 != 1:
                        raise Corrupt("a malformed pair")
                    ratio = float(atoms[0])
                    sections = {
                        atoms[k]: (atoms[k + 1], atoms[k + 2], atoms[k + 3], atoms[k + 4])
                        for k in range(1, len(atoms), 5)
                    }
                except (Corrupt, ValueError):
                    ratio, sections = float("nan"), {}
            self._pairs[key] = (ratio, sections)
        return self._pairs[key]


def _number(atom: str) -> float:
    """A stored ratio; nan (equal to none) where the atom is not one."""
    try:
        return float(atom)
    except ValueError:
        return float("nan")


def _sentences(atoms: list[str]) -> dict[str, Paragraphs]:
    """A language block: section id → its paragraphs' sentences."""
    sections: dict[str, Paragraphs] = {}
    k = 0
    while k < len(atoms) - 1:
        section_id, counts = atoms[k], atoms[k + 1].split()
        k += 2
        paragraphs = []
        for count in counts:
            if not (count.isascii() and count.isdigit()):
                raise Corrupt("a malformed count")
            paragraphs.append(tuple(atoms[k : k + int(count)]))
            k += int(count)
        sections[section_id] = tuple(paragraphs)
    if k != len(atoms):
        raise Corrupt("a language block that ends early")
    return sections


def _links(counts: str, n: int, m: int) -> list[Link] | None:
    """Links from their counts (`2:1 1:1`), taking the n and m sentences of each side in order;
    None unless they take every one once."""
    links: list[Link] = []
    i = j = 0
    for token in counts.split():
        x, separator, y = token.partition(":")
        if not (separator and x.isascii() and x.isdigit() and y.isascii() and y.isdigit()):
            return None
        links.append((tuple(range(i, i + int(x))), tuple(range(j, j + int(y)))))
        i, j = i + int(x), j + int(y)
    return links if (i, j) == (n, m) else None


def _counts(links: Sequence[Link], n: int, m: int) -> str:
    """The links as `_links` reads them back; ValueError if they do not take the sentences in
    order, each once (no aligner of ours makes such links, and this form cannot hold them)."""
    if _links(" ".join(f"{len(x)}:{len(y)}" for x, y in links), n, m) != list(links):
        raise ValueError("links that do not take the sentences in order")
    return " ".join(f"{len(x)}:{len(y)}" for x, y in links)


def splitter_home() -> str | None:
    """The directory `import sentencex` would load it from (its site-packages), found as the
    import system finds it, without loading it."""
    for finder in sys.meta_path:
        find = getattr(finder, "find_spec", None)
        spec = find(SPLITTER, None) if find is not None else None
        if spec is not None:
            locations = list(spec.submodule_search_locations or ())
            where = locations[0] if locations else spec.origin
            return os.path.dirname(where) if where else None
    return None


def _metadata(version: str) -> str:
    return f"{SPLITTER}-{version}.dist-info"


def splitter_version() -> str:
    """The installed sentencex's version, from the one metadata directory installed beside it
    (importlib.metadata, or importing sentencex, would cost what this module saves); "" where
    it cannot be told, which no prepared file is made with."""
    home = splitter_home()
    try:
        names = os.listdir(home) if home is not None else []
    except OSError:
        return ""
    head, tail = f"{SPLITTER}-", ".dist-info"
    versions = [n[len(head) : -len(tail)] for n in names if n.startswith(head) and n.endswith(tail)]
    return versions[0] if len(versions) == 1 else ""


def splitter_is(version: str) -> bool:
    """Whether the sentencex installed is `version` (its metadata beside it: one look, where
    `splitter_version` reads the whole directory)."""
    home = splitter_home()
    return (
        bool(version) and home is not None and os.path.isdir(os.path.join(home, _metadata(version)))
    )


def prepare(languages: Mapping[str, Loaded], article: str, package: str) -> bytes:
    """The prepared file for the bundled `languages` of the article stamped `article`, made by
    the modules in `package` with the installed sentencex: every language's sentences, then
    every ordered pair's links, section by section (what pairing.aligned computes)."""
    from lastmile_cli.pairing import aligned, section_ratio, split_section

    version = splitter_version()
    if not version:
        raise RuntimeError(f"cannot tell which {SPLITTER} is installed (its .dist-info)")
    loaded = {code: value for code, value in languages.items() if isinstance(value, Language)}
    blocks: list[bytes] = []
    for code, language in loaded.items():
        block: list[str] = []
        for section in language.sections:
            if section.code != code:
                continue
            paragraphs = split_section(section)
            for sentences, paragraph in zip(paragraphs, section.paragraphs, strict=True):
                if " ".join(sentences) != paragraph:  # what `split` reads them back by
                    raise ValueError(f"the sentences of {code}/{section.id} lose a character")
            block += [section.id, " ".join(str(len(p)) for p in paragraphs)]
            block += [sentence for sentences in paragraphs for sentence in sentences]
        blocks.append(encode(block))
    for first in loaded:
        for second in loaded:
            if first == second:
                continue
            a, b = loaded[first], loaded[second]
            ratio = section_ratio(a.sections, b.sections)
            theirs = b.by_id()
            block = [repr(ratio)]
            for x in a.sections:
                y = theirs.get(x.id)
                if y is None:
                    continue
                pa, pb, links, grouped = aligned(x, y, ratio)
                n, m = sum(map(len, pa)), sum(map(len, pb))
                own = section_ratio([x], [y])  # (a reading of this section alone)
                alone = aligned(x, y, own)[2]
                block += [x.id, "1" if grouped else "0", _counts(links, n, m)]
                block += [repr(own), _counts(alone, n, m)]
            blocks.append(encode(block))
    ends, size = [], 0
    for data in blocks:
        size += len(data)
        ends.append(str(size))
    head = encode(
        [article, code_identity(package, CODE), version, " ".join(loaded), " ".join(ends)]
    )
    return encode([MAGIC, str(len(head))]) + b"\x00" + head + b"".join(blocks)


def load(bundle: Bundle) -> Prepared | None:
    """The bundle's prepared sentences, where they are what this run would compute (see the
    module's docstring); in a checkout, prepared again when stale. None: compute them all."""
    path = os.path.join(bundle.package, SENTENCES)
    article = bundle.stamp()
    code = code_identity(bundle.package, CODE) if bundle.checkout is not None else None
    try:
        with open(path, "rb") as handle:
            prepared = Prepared(handle.read())
        current = prepared.article == article and splitter_is(prepared.splitter)
        if current and (code is None or prepared.code == code):
            return prepared
    except (OSError, Corrupt):
        pass
    if bundle.checkout is None or not splitter_version():
        return None  # (an installed package's file is its build's: never rewritten)
    from lastmile_cli.bundle import write

    blob = prepare(bundle.languages(), article, bundle.package)
    write(path, blob)
    return Prepared(blob)
