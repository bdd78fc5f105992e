"""The interface's message catalogs: extract, update and check them, with Babel.

    uv run python scripts/catalogs.py extract   # po/lastmile.pot from the code and po/click.pot
    uv run python scripts/catalogs.py update    # merge the template into every po/<lang>.po
    uv run python scripts/catalogs.py check     # what CI runs: fails on anything not whole
    uv run python scripts/catalogs.py click     # po/click.pot against the installed Click

Click's messages that lastmile translates are listed once, in `po/click.pot`, so that the
template is a function of this repository alone: a newer Click or Babel (which extracts Click's
`_(extra["required"])` in one version and not in the next) cannot make `check` fail. When Click
is upgraded, `click` says which of its messages the list lacks or no longer needs; `click
--write` rewrites the list from the installed Click, keeping what it still shows.

`check` fails when the template is out of date with the code (a string added or changed and not
extracted), when a catalog's messages differ from the template's, when a message is untranslated
or fuzzy, when a translation's {placeholders} differ from its message's, or when
`msgfmt --check` (GNU gettext) finds an error. Compiling is the build's job (hatch_build.py).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "po"
TEMPLATE = PO / "lastmile.pot"
PACKAGE = ROOT / "src" / "lastmile_cli"
CLICK_LIST = PO / "click.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# The Click modules whose strings lastmile shows (src/lastmile_cli/i18n.py translates the same).
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")
# Click hands these to gettext through a variable, so no extractor sees them in its source.
CLICK_INDIRECT = ("required",)
# A fixed date keeps the template's bytes a function of the code alone.
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _found() -> Iterator[tuple[str, int, str | tuple[str, ...]]]:
    for filename, line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), [("**.py", "python")], KEYWORDS
    ):
        yield f"src/lastmile_cli/{filename}", line, message
    for entry in read(CLICK_LIST):
        if entry.id:
            for filename, line in entry.locations:
                yield filename, int(line or 0), entry.id


def _from_click() -> Iterator[tuple[str, int, str | tuple[str, ...]]]:
    """What the installed Click passes to gettext, by Babel's extractor and CLICK_INDIRECT."""
    import click

    click_dir = Path(click.__file__).parent
    for name in CLICK_MODULES:
        path = click_dir / f"{name}.py"
        for line, message, _comments, _context in extract_from_file("python", str(path), KEYWORDS):
            yield f"click/{name}.py", line, message
        source = path.read_text(encoding="utf-8")
        for message in CLICK_INDIRECT:
            if f'"{message}"' in source:
                number = source[: source.index(f'"{message}"')].count("\n") + 1
                yield f"click/{name}.py", number, message


def _catalog(found: Iterator[tuple[str, int, str | tuple[str, ...]]]) -> Catalog:
    catalog = Catalog(
        project="lastmile",
        version="",
        copyright_holder="the lastmile authors",
        creation_date=EPOCH,
        revision_date=EPOCH,
        fuzzy=False,
    )
    for filename, line, message in found:
        if isinstance(message, tuple):
            message = message[:2]  # (singular, plural)
        text = message[0] if isinstance(message, tuple) else message
        if not text:
            continue
        flags = ["python-brace-format"] if PLACEHOLDER.search(text) else []
        catalog.add(message, locations=[(filename, line)], flags=flags)
    return catalog


def extracted() -> Catalog:
    """The template the code makes today, with Click's listed messages."""
    return _catalog(_found())


def render(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=False, include_previous=False)
    return out.getvalue()


def keys(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {m.id for m in catalog if m.id}


def languages() -> list[str]:
    return sorted(p.stem for p in PO.glob("*.po"))


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def extract() -> int:
    TEMPLATE.write_bytes(render(extracted()))
    print(f"{TEMPLATE.relative_to(ROOT)}: {len(keys(extracted()))} messages")
    return 0


def update() -> int:
    template = read(TEMPLATE)
    for code in languages():
        path = PO / f"{code}.po"
        catalog = read(path, code)
        catalog.update(template, no_fuzzy_matching=True)
        out = io.BytesIO()
        write_po(out, catalog, width=100, ignore_obsolete=True, include_previous=False)
        path.write_bytes(out.getvalue())
        print(f"{path.relative_to(ROOT)}: updated")
    return 0


def problems() -> Iterator[str]:
    """Everything that keeps the catalogs from being whole, one line each."""
    fresh = extracted()
    if not TEMPLATE.exists():
        yield f"{TEMPLATE.relative_to(ROOT)} is missing; run: scripts/catalogs.py extract"
        return
    template = read(TEMPLATE)
    added, dropped = keys(fresh) - keys(template), keys(template) - keys(fresh)
    for message in sorted(map(str, added)):
        yield f"lastmile.pot is out of date: not extracted: {message}"
    for message in sorted(map(str, dropped)):
        yield f"lastmile.pot is out of date: no longer in the code: {message}"
    if not languages():
        yield "po/ holds no catalog"
    for code in languages():
        path = PO / f"{code}.po"
        catalog = read(path, code)
        name = f"po/{path.name}"
        if keys(catalog) != keys(template):
            yield f"{name} differs from lastmile.pot; run: scripts/catalogs.py update"
        for message in catalog:
            if not message.id:
                continue
            ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
            shown = ids[0]
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                yield f"{name}: fuzzy: {shown!r}"
            elif not all(strings):
                yield f"{name}: untranslated: {shown!r}"
            else:
                for index, string in enumerate(strings):  # form 0 answers the singular
                    wanted = set(PLACEHOLDER.findall(ids[min(index, len(ids) - 1)]))
                    if set(PLACEHOLDER.findall(string)) != wanted:
                        yield f"{name}: placeholders differ: {shown!r} -> {string!r}"
        for message, errors in catalog.check():
            for error in errors:
                yield f"{name}: {message.id!r}: {error}"
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            yield "msgfmt (GNU gettext) is not installed; .ci/run installs it"
            continue
        result = subprocess.run(
            [msgfmt, "--check", "--output-file", os.devnull, str(path)],
            capture_output=True,
            text=True,
        )
        if result.returncode:
            yield f"{name}: msgfmt --check: {' '.join(result.stderr.split())}"
    yield from typography()


# -- typography: each language's quotation marks, apostrophes and spaces ---------------------

NBSP, NNBSP = "\u00a0", "\u202f"
# Code, not prose: placeholders, `backticks`, the command lines of examples (an indented line
# that starts with `lastmile` or `LANG=`, up to the two spaces before its description), and a
# location (`path:line:column:`, `path.yaml:`) that begins a line of output or follows the
# program's name.
_CODE = re.compile(
    r"\{[^{}]*\}|`[^`]*`|(?m:^[ \t]+(?:lastmile|LANG=)\S*(?: \S+)*)"
    r"|(?m:(?:^|(?<=: ))[^\s:]+\.yaml(?::\d+:\d+)?:(?= ))"
)
# What each language opens and closes a quotation with, and the marks it never uses.
QUOTES = {
    "de": ("„", "“", "«»”"),
    "es": ("«", "»", "„“”"),
    "fr": ("«", "»", "„“”"),
    "it": ("«", "»", "„“”"),
}


def _prose(text: str) -> str:
    """`text` with its code blanked out (each piece as one neutral letter, so the spacing around
    it still shows)."""
    return _CODE.sub("x", text)


def typographic_faults(code: str, text: str) -> list[str]:
    """What breaks the typography of `code` in `text` (a message, or a whole screen of output):
    straight quotes or apostrophes in prose (a quotation holds a value as written, which may
    have them), another language's quotation marks, unbalanced ones, and the spaces French
    puts (and the others never put) before : ; ? ! and inside « »."""
    if code not in QUOTES:
        return []
    prose = _prose(text)
    opening, closing, foreign = QUOTES[code]
    faults = []
    for mark in foreign:
        if mark in prose:
            faults.append(
                f"{mark} is not a quotation mark of this language (use {opening}…{closing})"
            )
    if prose.count(opening) != prose.count(closing):
        faults.append(f"unbalanced {opening}…{closing}")
    if code == "fr" and re.search(f"«(?!{NBSP})|(?<!{NBSP})»", prose):
        faults.append("« and » take a no-break space (U+00A0) inside")
    # What a quotation holds is a value as written (a path, a key, a character): not prose.
    bare = re.sub(f"{opening}[^{closing}]*{closing}", f"{opening}x{closing}", prose)
    if "'" in bare:
        faults.append(f"a straight ' (use ’ as an apostrophe, {opening}…{closing} around a value)")
    if '"' in bare:
        faults.append(f'a straight " (quote a value as {opening}…{closing})')
    if code == "fr":
        if re.search(f"(?<!{NBSP}):(?=\\s|$)", bare):
            faults.append("a colon needs a no-break space (U+00A0) before it")
        if re.search(f"(?<=[^{NNBSP}(])[;?!]", bare):
            faults.append("; ? and ! need a narrow no-break space (U+202F) before them")
    elif re.search(r"\s[:;?!]", bare):
        faults.append("no space before : ; ? or ! (that is French typography)")
    return faults


# The metavariables `--help` shows (options.py, the commands' arguments): a message that names
# one names it as the help does, in every language (`--data-dir DIR`, never `VERZ`).
METAVARIABLE = re.compile(r"\b(?:DIR|LANG|N|NAME|QUERY|PATH)\b")  # (German writes id as ID)


def typography() -> Iterator[str]:
    """Every translation whose typography is not its language's, or whose metavariables are
    not the help's, one line each: what `check` adds to the catalogs' problems (po/glossary.md
    has each language's marks and spaces)."""
    for code in languages():
        catalog = read(PO / f"{code}.po", code)
        for message in catalog:
            if not message.id:
                continue
            shown = message.id if isinstance(message.id, str) else message.id[0]
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                for fault in typographic_faults(code, string):
                    yield f"po/{code}.po: typography: {shown!r} -> {string!r}: {fault}"
                wanted = sorted(METAVARIABLE.findall(_prose(shown)))
                if string and sorted(METAVARIABLE.findall(_prose(string))) != wanted:
                    yield (
                        f"po/{code}.po: metavariables differ from the help's: {shown!r} ->"
                        f" {string!r} (keep {', '.join(wanted) or 'none'})"
                    )


def check() -> int:
    found = list(problems())
    for line in found:
        print(line)
    print("catalogs: whole" if not found else f"catalogs: {len(found)} problem(s)")
    return 1 if found else 0


def click_list(write: bool = False) -> int:
    """How po/click.pot stands against the installed Click; with `write`, make it the Click's."""
    from importlib.metadata import version

    listed, installed = keys(read(CLICK_LIST)), keys(_catalog(_from_click()))
    for message in sorted(map(str, installed - listed)):
        print(f"Click {version('click')} shows, po/click.pot lacks: {message}")
    for message in sorted(map(str, listed - installed)):
        print(f"po/click.pot lists, Click {version('click')} does not show: {message}")
    if write:
        CLICK_LIST.write_bytes(render(_catalog(_from_click())))
        print(
            f"{CLICK_LIST.relative_to(ROOT)}: {len(installed)} messages of Click {version('click')}"
        )
    elif listed == installed:
        print(f"po/click.pot: as Click {version('click')} has it")
    return 0


def main(argv: list[str]) -> int:
    actions = {
        "extract": extract,
        "update": update,
        "check": check,
        "click": click_list,
        "click --write": lambda: click_list(write=True),
    }
    action = actions.get(" ".join(argv))
    if action is None:
        print(__doc__)
        return 2
    return action()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
