"""The bundled article, built into the package: it loads with no PyYAML, no parse and no cache.

At build time (hatch_build.py, so `uv run`, `pip install .` and the wheel all have it) every
`data/*.yaml` goes through the strict loader and the result is written as one packed file,
`article.lmp`, beside this module; a broken data file fails the build. In a source checkout the
file also records the identity of each data file and of the loader, and a run that finds them
changed (an edited `data/de.yaml`, a changed loader) rebuilds it from `data/` before it shows
anything, so a checkout never shows stale text. An installed package trusts its built file, and
falls back to parsing its YAML only if that file is missing or unreadable.
"""

from __future__ import annotations

import contextlib
import os

from lastmile_cli.files import identity
from lastmile_cli.model import is_tag
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

ARTICLE = "article.lmp"
MAGIC = "LMB1"
HERE = os.path.dirname(os.path.abspath(__file__))


def checkout_data(package: str = HERE) -> str | None:
    """`data/` of the source checkout this package runs from (`src/lastmile_cli`), else None."""
    root = os.path.dirname(os.path.dirname(package))
    data = os.path.join(root, "data")
    if os.path.isfile(os.path.join(root, "pyproject.toml")) and os.path.isdir(data):
        return data
    return None


def yaml_files(data: str) -> list[str]:
    """The language files of a data directory: `*.yaml` named for a language tag, by name."""
    try:
        names = sorted(os.listdir(data))
    except OSError:
        return []
    return [n for n in names if n.endswith(".yaml") and is_tag(n.removesuffix(".yaml"))]


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
    """Check every data file with the strict loader; the packed article, and what it holds."""
    from lastmile_cli.loader import check_file

    made: dict[str, Loaded] = {}
    stamp = fingerprint(data, package)
    for name in yaml_files(data):
        language, problems = check_file(
            os.path.join(data, name), f"data/{name}", complete=True, source="bundled"
        )
        made[name.removesuffix(".yaml")] = language if language is not None else tuple(problems)
    atoms = [MAGIC, SHAPE, stamp, str(len(made))]
    for code, value in made.items():
        atoms.append(code)
        pack(value, atoms)
    return encode(atoms), made


def parse(blob: bytes) -> tuple[str, dict[str, Loaded]]:
    """The fingerprint and languages of a built article; Corrupt when it is not one."""
    reader = Reader(decode(blob), trusted=True)
    if reader.text() != MAGIC or reader.text() != SHAPE:
        raise Corrupt("not an article built by this lastmile")
    stamp = reader.text()
    made: dict[str, Loaded] = {}
    for _ in range(reader.count()):
        code = reader.text()
        made[code] = unpack(reader, "bundled", f"data/{code}.yaml")
    if not reader.done():
        raise Corrupt("trailing data")
    return stamp, made


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
        with contextlib.suppress(OSError):
            os.unlink(temporary)


class Bundle:
    """The bundled languages of one package directory, read once."""

    def __init__(self, package: str = HERE, data: str | None = None) -> None:
        self.package = package
        self.checkout = checkout_data(package) if data is None else data
        self._languages: dict[str, Loaded] | None = None

    @property
    def yaml_dir(self) -> str:
        """Where the bundled YAML is: `data/` in a checkout, inside the package when installed."""
        return self.checkout or os.path.join(self.package, "data")

    def languages(self) -> dict[str, Loaded]:
        """Code → the language, or the problems of a bundled file that does not load."""
        if self._languages is None:
            self._languages = self._load()
        return self._languages

    def _load(self) -> dict[str, Loaded]:
        path = os.path.join(self.package, ARTICLE)
        try:
            with open(path, "rb") as handle:
                stamp, made = parse(handle.read())
        except (OSError, Corrupt, ValueError, TypeError):
            stamp, made = "", {}
        if self.checkout is None and made:
            return made
        data = self.yaml_dir
        if self.checkout is not None and stamp == fingerprint(data, self.package):
            return made
        blob, made = build(data, self.package)  # stale, missing or damaged: from the YAML
        if self.checkout is not None:
            write(path, blob)
        return made
