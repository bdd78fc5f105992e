"""The bundled article, built into the package: it loads with no PyYAML, no parse and no cache.

At build time (hatch_build.py, so `uv run`, `pip install .` and the wheel all have it) every
`data/*.yaml` goes through the strict loader and the result is written as one packed file,
`article.lmp`, beside this module; a broken data file fails the build. The article's outline
(its section ids, kinds and order) is the English file's, which every other bundled file must
follow; it is packed at the head of the file, so a run knows it without parsing any YAML. In a source checkout the
file also records the identity of each data file and of the loader, and a run that finds them
changed (an edited `data/de.yaml`, a changed loader) rebuilds it from `data/` before it shows
anything, so a checkout never shows stale text. An installed package trusts its built file, and
falls back to parsing its YAML only if that file is missing or unreadable.
"""

from __future__ import annotations

import os

from lastmile_cli.files import identity, scan
from lastmile_cli.model import FALLBACK, Language, Outline
from lastmile_cli.packed import (
    SHAPE,
    Corrupt,
    Loaded,
    Reader,
    code_identity,
    decode,
    encode,
    pack,
    unpack,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lastmile_cli.schema import Known

ARTICLE = "article.lmp"
MAGIC = "LMB2"
HERE = os.path.dirname(os.path.abspath(__file__))


def checkout_data(package: str = HERE) -> str | None:
    """`data/` of the source checkout this package runs from (`src/lastmile_cli`), else None."""
    root = os.path.dirname(os.path.dirname(package))
    data = os.path.join(root, "data")
    if os.path.isfile(os.path.join(root, "pyproject.toml")) and os.path.isdir(data):
        return data
    return None


def yaml_files(data: str) -> list[str]:
    """The names of a data directory's language files, as every command finds them (files.py)."""
    return [os.path.basename(file.path) for file in scan(data)[0]]


def fingerprint(data: str, package: str = HERE) -> str:
    """Each data file's identity and the loader's: what a built article was made from."""
    parts = [code_identity(package)]
    for name in yaml_files(data):
        try:
            parts.append(
                name + "=" + ",".join(map(str, identity(os.stat(os.path.join(data, name)))))
            )
        except OSError:
            parts.append(name + "=-")
    return "/".join(parts)


def build(data: str, package: str = HERE) -> tuple[bytes, dict[str, Loaded]]:
    """Check every data file with the strict loader; the packed article, and what it holds.

    The English file is checked first: its sections are the outline, which the others are
    checked against (the same ids, kinds and order, nothing more). Each language is preceded by
    its code, the sections of it that are stale against the bundled English (so reading the
    bundled article never unpacks the English to tell), and its number of atoms, so a run
    unpacks only the languages it uses.
    """
    from lastmile_cli.loader import check_file
    from lastmile_cli.schema import Known

    names = yaml_files(data)
    english = f"{FALLBACK}.yaml"
    made: dict[str, Loaded] = {}
    outline: Outline | None = None
    for name in sorted(names, key=lambda n: n != english):  # English first: it sets the outline
        language, problems = check_file(
            os.path.join(data, name),
            f"data/{name}",
            complete=True,
            source="bundled",
            known=Known(outline, bundled=True),  # (no outline yet: this file sets it)
        )
        made[name.removesuffix(".yaml")] = language if language is not None else tuple(problems)
        if outline is None and language is not None:
            outline = outline_of(language)
    stamp = fingerprint(data, package)
    parts = outline or Outline((), ())
    atoms = [MAGIC, SHAPE, stamp, str(len(parts))]
    for section_id in parts.ids:
        atoms += [section_id, parts.kinds[section_id]]
    ordered = {name.removesuffix(".yaml"): None for name in names}  # file-name order
    atoms.append(str(len(ordered)))
    bundled_english = made.get(FALLBACK)
    for code in ordered:
        packed: list[str] = []
        value = made[code]
        pack(value, packed)
        stale: tuple[str, ...] = ()
        if isinstance(value, Language) and isinstance(bundled_english, Language):
            from lastmile_cli.progress import STALE, progress

            stale = progress(value, bundled_english).ids(STALE)
        atoms += [code, str(len(stale)), *stale, str(len(packed)), *packed]
    return encode(atoms), {code: made[code] for code in ordered}


def outline_of(language: Language) -> Outline:
    """The outline a bundled language's sections make: their ids and kinds, in order."""
    return Outline(tuple(s.id for s in language.sections), tuple(s.kind for s in language.sections))


class PackedArticle:
    """A built article's languages, each unpacked when first asked for."""

    def __init__(self, blob: bytes) -> None:
        atoms = decode(blob)
        reader = Reader(atoms, trusted=True)
        if reader.text() != MAGIC or reader.text() != SHAPE:
            raise Corrupt("not an article built by this lastmile")
        self.stamp = reader.text()
        ids, kinds = [], []
        for _ in range(reader.count()):
            ids.append(reader.text())
            kinds.append(reader.text())
        self.outline = Outline(tuple(ids), tuple(kinds))
        self._atoms = atoms
        self._where: dict[str, int] = {}
        self._made: dict[str, Loaded] = {}
        self.stale: dict[str, tuple[str, ...]] = {}
        for _ in range(reader.count()):
            code = reader.text()
            self.stale[code] = tuple(reader.text() for _ in range(reader.count()))
            size = reader.count()
            self._where[code] = reader.position
            reader.position += size
        if not reader.done():
            raise Corrupt("trailing data")

    def codes(self) -> list[str]:
        return list(self._where)

    def get(self, code: str) -> Loaded:
        if code not in self._made:
            reader = Reader(self._atoms, trusted=True)
            reader.position = self._where[code]
            self._made[code] = unpack(reader, "bundled", f"data/{code}.yaml")
        return self._made[code]


def write(path: str, blob: bytes) -> None:
    """Replace `path` atomically; a failure (a read-only checkout) is not an error."""
    temporary = f"{path}.{os.getpid()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(temporary, flags, 0o644)
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(blob)
        os.replace(temporary, path)
    except OSError:
        import contextlib  # (only when a rebuild in a checkout fails)

        with contextlib.suppress(OSError):
            os.unlink(temporary)


class Bundle:
    """The bundled languages of one package directory, read once."""

    def __init__(self, package: str = HERE) -> None:
        self.package = package
        self.checkout = checkout_data(package)
        self._loaded: PackedArticle | None = None

    @property
    def yaml_dir(self) -> str:
        """Where the bundled YAML is: `data/` in a checkout, inside the package when installed."""
        return self.checkout or os.path.join(self.package, "data")

    def codes(self) -> list[str]:
        """The bundled languages' codes, in file-name order."""
        return self._article().codes()

    def outline(self) -> Outline:
        """The bundled article's sections in order, with their kinds (the English file's)."""
        return self._article().outline

    def stamp(self) -> str:
        """What the built article was made from: checking a user file depends on it too."""
        return self._article().stamp

    def get(self, code: str) -> Loaded:
        """The language, or the problems of a bundled file that does not load."""
        return self._article().get(code)

    def stale(self, code: str) -> tuple[str, ...]:
        """The sections of a bundled language translated from an older bundled English."""
        return self._article().stale.get(code, ())

    def languages(self) -> dict[str, Loaded]:
        """Code → the language, or the problems of a bundled file that does not load."""
        return {code: self.get(code) for code in self.codes()}

    def known(self) -> Known:
        """The outline and names a user's file is checked against: this article's."""
        from lastmile_cli.schema import Known

        languages = [v for v in self.languages().values() if isinstance(v, Language)]
        return Known(self.outline(), languages)

    def _article(self) -> PackedArticle:
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def _load(self) -> PackedArticle:
        path = os.path.join(self.package, ARTICLE)
        try:
            with open(path, "rb") as handle:
                article = PackedArticle(handle.read())
            if self.checkout is None or article.stamp == fingerprint(self.yaml_dir, self.package):
                return article
        except (OSError, Corrupt, ValueError, TypeError):
            pass
        blob, _ = build(self.yaml_dir, self.package)  # stale, missing or damaged: from the YAML
        if self.checkout is not None:
            write(path, blob)
        return PackedArticle(blob)
