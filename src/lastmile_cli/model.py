"""The content's shape: immutable typed objects, built by the loader, read by every renderer."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, dataclass_transform
else:  # typing costs more to import than the rest of a run's own code: not at run time

    def dataclass_transform(**kwargs: object) -> object:
        return lambda cls: cls


SECTION_IDS: tuple[str, ...] = (
    "summary",
    "definition",
    "telecom",
    "key-point",
    "marathon",
    "politics",
    "car-sales",
    "conclusion",
)
EXAMPLE_IDS: frozenset[str] = frozenset({"telecom", "marathon", "politics", "car-sales"})
ORIGINS: tuple[str, ...] = ("seed", "added")
FALLBACK = "en"


def is_tag(value: str) -> bool:
    """A BCP 47 style tag as file names and `language:` use it: de, pt-BR, qaa, sr-Latn."""
    first, *rest = value.split("-")
    return (
        2 <= len(first) <= 3
        and first.isascii()
        and first.isalpha()
        and first.islower()
        and all(2 <= len(part) <= 8 and part.isascii() and part.isalnum() for part in rest)
    )


@dataclass_transform(eq_default=True, frozen_default=True)
class _RecordType(type):
    """Makes a Record's annotations its fields (`__slots__`), keeping their defaults aside."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _RecordType:
        if bases:
            if any(getattr(base, "_names", ()) for base in bases):
                raise TypeError(f"{name}: a Record with fields cannot be extended")
            names = tuple(namespace.get("__annotations__", ()))
            defaults = {n: namespace.pop(n) for n in names if n in namespace}
            if list(defaults) != list(names[len(names) - len(defaults) :]):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            namespace.update(__slots__=names, _names=names, _defaults=defaults)
        return super().__new__(mcs, name, bases, namespace)


class Record(metaclass=_RecordType):
    """An immutable value with typed fields, declared as a NamedTuple or a frozen dataclass is.

    Those two generate code with exec/eval when a class is defined, which every run pays (about
    0.2 ms a class, BENCHMARKS.md); a Record class is several times cheaper. Type checkers treat
    it as a frozen dataclass (PEP 681), so constructors and assignments are checked as for one.
    """

    __slots__ = ()
    _names: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, object]] = {}

    def __init__(self, *args: object, **kwargs: object) -> None:
        names = self._names
        if len(args) == len(names) and not kwargs:  # every field by position: the cache's way
            for name, value in zip(names, args, strict=True):
                object.__setattr__(self, name, value)
            return
        kind = type(self).__name__
        if len(args) > len(names):
            raise TypeError(f"{kind} takes {len(names)} fields, not {len(args)}")
        values = dict(zip(names, args, strict=False))
        for name in names[len(args) :]:
            if name in kwargs:
                values[name] = kwargs.pop(name)
            elif name in self._defaults:
                values[name] = self._defaults[name]
            else:
                raise TypeError(f"{kind} needs a value for {name!r}")
        if kwargs:
            raise TypeError(f"{kind} got an unknown or repeated field {next(iter(kwargs))!r}")
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._names)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._names)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")


def kind_of(section_id: str) -> str:
    """The kind a section id always has: "example" for the four stories, else "section"."""
    return "example" if section_id in EXAMPLE_IDS else "section"


class Section(Record):
    """One part of the article, in one language."""

    id: str
    kind: str
    title: str
    paragraphs: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    origin: str = "seed"
    code: str = ""  # the code of the language its text is in
    fingerprint: str = ""  # the English it was translated from, as the file records it
    digest: str = ""  # the fingerprint of its own title and paragraphs (fingerprints.py)


class Language(Record):
    """One language's article as loaded from one file; `source` is "bundled" or the file path."""

    code: str
    name: str
    english_name: str
    title: str
    sections: tuple[Section, ...]
    title_origin: str = "seed"
    source: str = "bundled"
    term: str = ""  # the concept's name in this language, for translators (never shown)

    def section(self, section_id: str) -> Section | None:
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    def untranslated(self, english: Language | None) -> tuple[str, ...]:
        """Section ids whose text is still the English text (a starter file from `lastmile
        template`, half done): present, but not yet translated."""
        if english is None or self.code == english.code:
            return ()
        return tuple(
            s.id
            for s in self.sections
            if (theirs := english.section(s.id)) is not None and s.paragraphs == theirs.paragraphs
        )

    def translated(self, english: Language | None) -> int:
        """How many sections this file has translated: completeness counts these only."""
        return len(self.sections) - len(self.untranslated(english))

    @property
    def missing(self) -> tuple[str, ...]:
        """Section ids this file does not have (a user's file may be partial)."""
        present = {s.id for s in self.sections}
        return tuple(i for i in SECTION_IDS if i not in present)


class Document(Record):
    """What a command shows: a title and sections, some possibly borrowed from English;
    `source` is the language's, for the note that names what was borrowed."""

    code: str
    title: str
    sections: tuple[Section, ...]
    source: str = "bundled"
    stale: tuple[str, ...] = ()  # ids of sections translated from an older English

    @property
    def borrowed(self) -> tuple[str, ...]:
        """Ids of the sections shown from another language than the document's."""
        return tuple(s.id for s in self.sections if s.code != self.code)

    def heading(self, section: Section) -> str:
        """A section's title as every format shows it: marked with its language when borrowed
        ("Definition [en]"), so no reader takes it for a translation."""
        return section.title if section.code == self.code else f"{section.title} [{section.code}]"
