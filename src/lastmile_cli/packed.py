"""A loaded language file as bytes and back: the form of the built article and of cache entries.

The bytes are UTF-8 text: strings ("atoms") separated by NUL, which no loaded text can contain,
with a count before every list. Reading it back allocates no more than the bytes hold (unlike
marshal, whose header can announce a 2³¹-item tuple), and with `trusted=False` every atom must
pass the loader's own rules: no character a language file could not hold, section ids as ids
are spelt, the bundled ones with their kinds and in the bundled order, each id once, origins as
the model defines them. An entry can never show what a file could not. The field lists come from the model, and are written into every header (`SHAPE`), so
a changed model never reads old bytes into the wrong fields.
"""

from __future__ import annotations

import os

from lastmile_cli.files import identity
from lastmile_cli.model import KINDS, ORIGINS, Language, Outline, Section, is_id, is_tag
from lastmile_cli.textutil import first_unsafe, visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeAlias

    from lastmile_cli.problems import Problem

SEPARATOR = "\x00"
_KINDS = {"str": "text", "tuple[str, ...]": "texts", "tuple[Section, ...]": "sections"}
SECTION_FIELDS = tuple(Section.__annotations__.items())
LANGUAGE_FIELDS = tuple((n, t) for n, t in Language.__annotations__.items() if n != "source")
for _name, _type in SECTION_FIELDS + LANGUAGE_FIELDS:
    if _type not in _KINDS:  # a model change this format cannot store must fail loudly
        raise TypeError(f"packed: cannot store a field of type {_type} ({_name})")
SHAPE = ",".join(n for n, _ in SECTION_FIELDS) + ";" + ",".join(n for n, _ in LANGUAGE_FIELDS)
# The modules that decide what checking a file gives: a change to any of them is a new loader.
CODE = (
    "files.py",
    "fingerprints.py",
    "loader.py",
    "model.py",
    "packed.py",
    "problems.py",
    "schema.py",
    "strict_yaml.py",
    "textutil.py",
)

Loaded: TypeAlias = "Language | tuple[Problem, ...]"


class Corrupt(Exception):
    """Bytes that are not a well-formed, safe packed value."""


def code_identity(package: str, names: tuple[str, ...] = CODE) -> str:
    """The loader's own identity (or that of the modules `names`): packed values made by another
    version never count as current."""
    parts = []
    for name in names:
        try:
            parts.append(",".join(map(str, identity(os.stat(os.path.join(package, name))))))
        except OSError:
            parts.append("-")
    return "/".join(parts)


# -- writing ---------------------------------------------------------------------------------


def pack(value: Loaded, atoms: list[str]) -> None:
    """Append a language (`L …`) or a file's problems (`P n line column severity message …`)."""
    if isinstance(value, Language):
        atoms.append("L")
        _pack_record(value, LANGUAGE_FIELDS, atoms)
        return
    atoms += ["P", str(len(value))]
    for problem in value:  # messages are for display: stored as they are shown, escaped
        message = visible(problem.message)
        atoms += [str(problem.line), str(problem.column), problem.severity, message]


def _pack_record(
    record: Language | Section, fields: tuple[tuple[str, str], ...], atoms: list[str]
) -> None:
    for name, annotation in fields:
        value = getattr(record, name)
        kind = _KINDS[annotation]
        if kind == "text":
            atoms.append(value)
        elif kind == "texts":
            atoms.append(str(len(value)))
            atoms.extend(value)
        else:
            atoms.append(str(len(value)))
            for section in value:
                _pack_record(section, SECTION_FIELDS, atoms)


def encode(atoms: list[str]) -> bytes:
    if any(SEPARATOR in atom for atom in atoms):
        raise ValueError("packed: an atom holds the separator")
    return SEPARATOR.join(atoms).encode("utf-8")


# -- reading ---------------------------------------------------------------------------------


def decode(data: bytes) -> list[str]:
    try:
        return data.decode("utf-8").split(SEPARATOR)
    except UnicodeDecodeError:
        raise Corrupt("not UTF-8") from None


class Reader:
    """Atoms read in order; `trusted=False` checks each as the loader checks a file's text."""

    def __init__(self, atoms: list[str], trusted: bool) -> None:
        self.atoms = atoms
        self.position = 0
        self.trusted = trusted

    def text(self) -> str:
        if self.position >= len(self.atoms):
            raise Corrupt("ends early")
        atom = self.atoms[self.position]
        self.position += 1
        if not self.trusted and first_unsafe(atom) is not None:
            raise Corrupt("a character no language file may hold")
        return atom

    def count(self) -> int:
        atom = self.text()
        if not (atom.isascii() and atom.isdigit()) or int(atom) > len(self.atoms) - self.position:
            raise Corrupt("a count that the data cannot hold")
        return int(atom)

    def done(self) -> bool:
        return self.position == len(self.atoms)


def unpack(reader: Reader, source: str, display: str, outline: Outline | None = None) -> Loaded:
    """The value `pack` wrote; Corrupt when it is malformed (or, untrusted, unsafe or not what
    the loader makes of a file checked against the bundled `outline`)."""
    tag = reader.text()
    if tag == "P":
        from lastmile_cli.problems import Problem, Severity

        problems = []
        for _ in range(reader.count()):
            line, column, severity, message = (reader.text() for _ in range(4))
            if not (line.isdigit() and column.isdigit()):
                raise Corrupt("a malformed problem")
            try:
                level = Severity(severity)
            except ValueError:
                raise Corrupt("an unknown severity") from None
            problems.append(Problem(display, int(line), int(column), message, level))
        return tuple(problems)
    if tag != "L":
        raise Corrupt("neither a language nor problems")
    names = [n for n, _ in LANGUAGE_FIELDS]
    values = dict(zip(names, _unpack_record(reader, LANGUAGE_FIELDS), strict=True))
    language = Language(**values, source=source)  # type: ignore[arg-type]
    if not reader.trusted:
        _check(language, outline or Outline((), ()))
    return language


def _unpack_record(reader: Reader, fields: tuple[tuple[str, str], ...]) -> list[object]:
    """A record's values in field order (every field by position: Record's fast path)."""
    values: list[object] = []
    for _, annotation in fields:
        kind = _KINDS[annotation]
        if kind == "text":
            values.append(reader.text())
        elif kind == "texts":
            values.append(tuple(reader.text() for _ in range(reader.count())))
        else:
            values.append(
                tuple(
                    Section(*_unpack_record(reader, SECTION_FIELDS))  # type: ignore[arg-type]
                    for _ in range(reader.count())
                )
            )
    return values


def _check(language: Language, outline: Outline) -> None:
    """What the loader guarantees of a Language, checked again for bytes from outside."""
    from lastmile_cli.fingerprints import well_formed  # (a cache entry's only, not the article's)

    if not is_tag(language.code) or language.title_origin not in ORIGINS:
        raise Corrupt("a language field the loader would refuse")
    names = (language.name, language.english_name, language.title)
    if not all(x == "" or x.strip() for x in names):  # "" is a patch's: from the next layer
        raise Corrupt("a blank name or title")
    last = -1
    seen: set[str] = set()
    position = {section_id: index for index, section_id in enumerate(outline.ids)}
    for section in language.sections:
        index = position.get(section.id, -1)
        bundled = index >= 0
        if (
            not is_id(section.id)
            or section.id in seen
            or (bundled and (index <= last or section.kind != outline.kind(section.id)))
            or (bundled and section.after)
            or section.kind not in KINDS
            or (section.after and not is_id(section.after))
            or section.origin not in ORIGINS
            or section.code != language.code
            or not section.title.strip()
            or not section.paragraphs
            or not all(p.strip() for p in section.paragraphs)
            or not all(a.strip() for a in section.aliases)
            or not (section.fingerprint == "" or well_formed(section.fingerprint))
            or not well_formed(section.digest)
        ):
            raise Corrupt(f"a section the loader would refuse ({section.id!r})")
        seen.add(section.id)
        last = max(last, index)
