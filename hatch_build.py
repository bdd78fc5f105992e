"""The build step: the bundled article, checked by the strict loader and packed into the package,
its sentences split and aligned for every pair of bundled languages (prepared.py), the
interface's message catalogs (`po/*.po`) compiled with Babel, and the manual page.

Runs for `uv run` (an editable install), `pip install .` and wheels alike. An editable install
gets `src/lastmile_cli/article.lmp` and `sentences.lmp` (a checkout also rebuilds them when
`data/` or the code they are made by changes, see bundle.py and prepared.py) and `src/lastmile_cli/locale/` (uv rebuilds when a `po/*.po` changes: its
cache-keys); a wheel gets both in the package. A data file with any error, or a catalog Babel
cannot read, fails the build. A wheel also carries lastmile(1), written from the Click commands
(lastmile_cli/manpage.py), in its data as `share/man/man1/lastmile.1`: installed beside the
`bin/` that holds `lastmile`, where `man` looks.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MAN_PAGE = "share/man/man1/lastmile.1"


def build_date() -> str:
    """The page's date: SOURCE_DATE_EPOCH's day for a reproducible build, else today's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else time.time()
    return time.strftime("%Y-%m-%d", time.gmtime(seconds))


def compile_catalogs(po_dir: str, package: str) -> list[str]:
    """Each `po/<lang>.po` as `locale/<lang>/LC_MESSAGES/lastmile.mo` under `package`; the
    paths written, relative to it. Fuzzy messages are left out, as msgfmt does, and each has
    the hash table msgfmt writes (`hashed`), by which lastmile finds a message without reading
    the others (lastmile_cli/mo.py)."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for name in sorted(os.listdir(po_dir)) if os.path.isdir(po_dir) else []:
        if not name.endswith(".po"):
            continue
        code = name.removesuffix(".po")
        with open(os.path.join(po_dir, name), "rb") as stream:
            catalog = read_po(stream, locale=code.replace("-", "_"))
        relative = os.path.join("locale", code, "LC_MESSAGES", "lastmile.mo")
        target = os.path.join(package, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        compiled = BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        with open(target + ".tmp", "wb") as stream:
            stream.write(hashed(compiled.getvalue()))
        os.replace(target + ".tmp", target)
        written.append(relative)
    return written


def _hash_string() -> Callable[[bytes], int]:
    """GNU gettext's hash of an original: mo.py's own, by which the reader looks it up (so the
    table written and the table read cannot disagree), from lastmile's source."""
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "src")
    sys.path.insert(0, source)
    try:
        from lastmile_cli.mo import hash_string
    finally:
        sys.path.remove(source)
    return hash_string


def _prime_from(number: int) -> int:
    number |= 1
    while any(number % divisor == 0 for divisor in range(3, int(number**0.5) + 1, 2)):
        number += 2
    return number


def hashed(data: bytes) -> bytes:
    """A `.mo` catalog without a hash table (Babel writes none) with the one GNU msgfmt writes:
    a prime number of slots, at least 4/3 of the entries, each the number of the entry whose
    original hashes there (plus one), collisions stepped over by double hashing; the strings
    move up past it."""
    order = "little" if data[:4] == b"\xde\x12\x04\x95" else "big"

    def word(at: int) -> int:
        return int.from_bytes(data[at : at + 4], order)

    count, originals, translations = word(8), word(12), word(16)
    if word(20) or count == 0:
        return data  # it has one, or nothing to find
    size = _prime_from(max(3, count * 4 // 3))
    start = max(originals, translations) + 8 * count
    slots = [0] * size
    tables = []
    hash_string = _hash_string()
    for table in (originals, translations):
        pairs = [(word(table + 8 * i), word(table + 8 * i + 4) + 4 * size) for i in range(count)]
        tables.append(b"".join(a.to_bytes(4, order) + b.to_bytes(4, order) for a, b in pairs))
    for entry in range(count):
        length, offset = word(originals + 8 * entry), word(originals + 8 * entry + 4)
        value = hash_string(data[offset : offset + length])
        at = value % size
        if slots[at]:
            step = 1 + value % (size - 2)
            while slots[at]:
                at = at - (size - step) if at >= size - step else at + step
        slots[at] = entry + 1
    header = b"".join(
        w.to_bytes(4, order)
        for w in (word(0), word(4), count, 28, 28 + 8 * count, size, 28 + 16 * count)
    )
    table = b"".join(slot.to_bytes(4, order) for slot in slots)
    if (originals, translations, start) != (28, 28 + 8 * count, 28 + 16 * count):
        raise RuntimeError("a catalog laid out unlike Babel's: the header, two tables, strings")
    return header + tables[0] + tables[1] + table + data[start:]


class ArticleHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        source = os.path.join(self.root, "src")
        sys.path.insert(0, source)
        try:
            from lastmile_cli import bundle, prepared
            from lastmile_cli.model import Language

            package = os.path.join(source, "lastmile_cli")
            blob, made = bundle.build(os.path.join(self.root, "data"), package)
            sentences = b""
            if made and all(isinstance(value, Language) for value in made.values()):
                stamp = bundle.PackedArticle(blob).stamp
                sentences = prepared.prepare(made, stamp, package)  # (split and aligned now)
            if version != "editable":
                from lastmile_cli.cli import cli
                from lastmile_cli.manpage import page

                manual = page(cli, self.metadata.version, build_date())
        finally:
            sys.path.remove(source)
        broken = [
            str(p) for value in made.values() if not isinstance(value, Language) for p in value
        ]
        if broken or not made:
            raise RuntimeError(
                "the bundled article does not load:\n" + "\n".join(broken or ["no data/*.yaml"])
            )
        if version == "editable":
            bundle.write(os.path.join(source, "lastmile_cli", bundle.ARTICLE), blob)
            bundle.write(os.path.join(source, "lastmile_cli", prepared.SENTENCES), sentences)
            compile_catalogs(os.path.join(self.root, "po"), os.path.join(source, "lastmile_cli"))
            return
        self._work = tempfile.mkdtemp(prefix="lastmile-build-")
        built = os.path.join(self._work, bundle.ARTICLE)
        with open(built, "wb") as stream:
            stream.write(blob)
        build_data["force_include"][built] = f"lastmile_cli/{bundle.ARTICLE}"
        split = os.path.join(self._work, prepared.SENTENCES)
        with open(split, "wb") as stream:
            stream.write(sentences)
        build_data["force_include"][split] = f"lastmile_cli/{prepared.SENTENCES}"
        man = os.path.join(self._work, "lastmile.1")
        with open(man, "w", encoding="ascii") as stream:  # (manpage.py escapes the rest)
            stream.write(manual)
        build_data["shared_data"][man] = MAN_PAGE
        for relative in compile_catalogs(os.path.join(self.root, "po"), self._work):
            build_data["force_include"][os.path.join(self._work, relative)] = (
                f"lastmile_cli/{relative}"
            )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work:
            shutil.rmtree(work, ignore_errors=True)
