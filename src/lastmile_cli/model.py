"""The content's shape: immutable typed objects, built by the loader, read by every renderer."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, dataclass_transform
else:  # typing costs more to import than the rest of a run's own code: not at run time

    def dataclass_transform(**kwargs: object) -> object:
        return lambda cls: cls


KINDS: tuple[str, ...] = ("section", "example")
ORIGINS: tuple[str, ...] = ("seed", "added")
FALLBACK = "en"


MAX_ID = 64
_ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def is_id(value: str) -> bool:
    """A section id: lowercase letters, digits and single hyphens inside (parcel-delivery)."""
    return (
        0 < len(value) <= MAX_ID
        and _ID_CHARACTERS.issuperset(value)
        and not value.startswith("-")
        and not value.endswith("-")
        and "--" not in value
    )


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


class Section(Record):
    """One part of the article, in one language."""

    id: str
    kind: str
    title: str
    paragraphs: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    origin: str = "seed"
    code: str = ""  # the code of the language its text is in
    after: str = ""  # a section of the user's own: the id it follows ("": its default place)
    fingerprint: str = ""  # the English it was translated from, as the file records it
    digest: str = ""  # the fingerprint of its own title and paragraphs (fingerprints.py)


class Language(Record):
    """One language's article as loaded from one file; `source` is "bundled" or the file path.

    A file that patches a language of a later layer may leave out `name`, `english_name` and
    `title`: they are "" here, and come from the next layer when the layers are merged."""

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

    def by_id(self) -> dict[str, Section]:
        """Its sections by id: for a loop over many ids (`section` reads them in turn)."""
        return {section.id: section for section in self.sections}

    def untranslated(self, english: Language | None) -> tuple[str, ...]:
        """Section ids whose text is still the English text (a starter file from `lastmile
        template`, half done): present, but not yet translated."""
        if english is None or self.code == english.code:
            return ()
        theirs = english.by_id()
        return tuple(
            s.id
            for s in self.sections
            if (other := theirs.get(s.id)) is not None and s.paragraphs == other.paragraphs
        )

    def translated(self, english: Language | None) -> int:
        """How many sections this file has translated: completeness counts these only."""
        return len(self.sections) - len(self.untranslated(english))

    def missing(self, outline: Outline) -> tuple[str, ...]:
        """The outline's section ids this language does not have (a user's file may be partial)."""
        present = {s.id for s in self.sections}
        return tuple(i for i in outline.ids if i not in present)


class Outline:
    """The article's sections in order, each with its kind.

    The bundled ones come from the bundled files (the English file's order, which every bundled
    language follows, packed into the package at build time); a user's own sections are placed
    among them by outline.py. `added` holds, for each of those, the codes of the languages that
    have it, in the order lastmile reads their files.
    """

    __slots__ = ("added", "ids", "kinds", "places")

    def __init__(
        self,
        ids: tuple[str, ...],
        kinds: tuple[str, ...],
        added: dict[str, tuple[str, ...]] | None = None,
        places: dict[str, str] | None = None,
    ) -> None:
        self.ids = ids
        self.kinds = dict(zip(ids, kinds, strict=True))
        self.added = added or {}
        self.places = places or {}  # a user section → the id it follows ("": the article's end)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, section_id: object) -> bool:
        return section_id in self.kinds

    def kind(self, section_id: str) -> str | None:
        return self.kinds.get(section_id)

    def of_kind(self, kind: str | None) -> list[str]:
        """The ids of one kind ("example", "section"), or all for None, in article order."""
        return [i for i in self.ids if kind is None or self.kinds[i] == kind]

    def bundled(self, section_id: str) -> bool:
        return section_id in self.kinds and section_id not in self.added

    def in_order(self, wanted: set[str] | frozenset[str]) -> list[str]:
        return [i for i in self.ids if i in wanted]


class Document(Record):
    """What a command shows: a title and sections, some possibly from another language;
    `source` is the language's, for the notes. A section whose code is not the document's is
    marked with its language wherever it is shown: borrowed from a language that has it, or
    `untranslated` (the language's own file still holds the English text)."""

    code: str
    title: str
    sections: tuple[Section, ...]
    source: str = "bundled"
    untranslated: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()  # ids of sections translated from an older English

    @property
    def borrowed(self) -> tuple[str, ...]:
        """Ids of the sections shown from another language, which this one has nowhere."""
        still = set(self.untranslated)
        return tuple(s.id for s in self.sections if s.code != self.code and s.id not in still)

    def heading(self, section: Section) -> str:
        """A section's title as every format shows it: marked with its language when borrowed
        ("Definition [en]"), so no reader takes it for a translation."""
        return section.title if section.code == self.code else f"{section.title} [{section.code}]"
