"""The article as a gettext catalog (PO), for translators' tools, and a catalog back to a language.

One entry per unit, named by its msgctxt: the language's names (`name`, `english_name`), the
article's `title` and `term`, and for each section `ID/title`, `ID/aliases` (one per line) and
one entry per English paragraph, `ID/1`, `ID/2`, … The English is the msgid, the translation
the msgstr; a stale section's entries are `#, fuzzy`; what is not translated (a section the
language lacks, or still holds in English) is left empty. The header keeps what a PO entry
cannot: which sections the file has and the fingerprint each records (`X-Lastmile-Sections`),
and which texts were added by this project (`X-Lastmile-Added`). Poedit and msgmerge keep both.

Importing reads a section's fingerprint from the English its entries were translated from: the
msgids (a translator who confirmed every entry translated the English of the catalog), else,
where an entry is still fuzzy, the fingerprint the header recorded for it (or, from msgmerge
--previous, the previous msgids). po_text.py writes the format as polib does; reading checks
every line itself, so a broken catalog is refused with `file:line:column`.
"""

from __future__ import annotations

from lastmile_cli.errors import ContentError, LastmileError
from lastmile_cli.i18n import _
from lastmile_cli.model import Language, Record, Section, is_tag
from lastmile_cli.textutil import first_unsafe

TYPE_CHECKING = False
if TYPE_CHECKING:  # (reading a catalog needs them; writing one, which a piped export does, not)
    from lastmile_cli.problems import Problems

MAX_PO_BYTES = 4 * 1024 * 1024
# The msgid of a paragraph the translation has and the English does not (its section has more
# paragraphs than the English one): a msgid may not be empty.
EXTRA = "(a paragraph the English does not have)"


def is_extra(msgid: str) -> bool:
    """Whether an entry's msgid is EXTRA (export gives it the line breaks its msgstr begins or
    ends with, as gettext wants of the two)."""
    return msgid.strip("\n") == EXTRA


SECTIONS_HEADER = "X-Lastmile-Sections"
ADDED_HEADER = "X-Lastmile-Added"
NONE = "-"
META = ("name", "english_name", "title", "term")


def gettext_code(code: str) -> str:
    """A language tag as gettext's Language header writes it: pt-BR as pt_BR."""
    return code.replace("-", "_")


def tag_of(value: str) -> str:
    """A Language header (pt_BR, pt-BR, pt_BR.UTF-8) as a language tag (pt-BR)."""
    return value.split(".", 1)[0].split("@", 1)[0].strip().replace("_", "-")


# -- export ---------------------------------------------------------------------------------


class Unit(Record):
    """One entry of the catalog: its name, the English, the translation and its state."""

    context: str
    english: str
    translation: str
    comment: str
    fuzzy: bool = False


def _edges(english: str, translation: str) -> str:
    """The English with the line breaks at its two ends as the translation has them: msgfmt
    refuses an entry whose msgid and msgstr differ there, and a fingerprint ignores them."""
    if not translation:
        return english
    core = english.strip("\n")
    head = translation[: len(translation) - len(translation.lstrip("\n"))]
    tail = translation[len(translation.rstrip("\n")) :]
    return head + (core or english) + tail


def units(language: Language | None, english: Language) -> list[Unit]:
    """The catalog's entries for `language` (None: a language with no file yet)."""
    from lastmile_cli.progress import STALE, UNTRANSLATED, state

    found = [
        Unit(
            "name",
            english.name,
            language.name if language else "",
            _("The language's own name, such as Deutsch."),
        ),
        Unit(
            "english_name",
            english.english_name,
            language.english_name if language else "",
            _("The language's name in English, such as German."),
        ),
        Unit(
            "title",
            english.title,
            language.title if language and language.title != english.title else "",
            _("The article's title."),
        ),
        Unit(
            "term",
            english.term or "last mile failure",
            language.term if language else "",
            _("The concept's name in this language, for translators and reviewers (not shown)."),
        ),
    ]
    for theirs in english.sections:
        ours = language.section(theirs.id) if language else None
        now = state(ours, theirs, language.code) if language and ours else None
        copy = now == UNTRANSLATED and ours is not None and ours.paragraphs == theirs.paragraphs
        fuzzy = now == STALE or (now == UNTRANSLATED and not copy)
        what = _("example") if theirs.kind == "example" else _("section")
        named = f"{theirs.title} ({what})"
        title = ours.title if ours is not None and not (copy and ours.title == theirs.title) else ""
        found.append(
            Unit(
                f"{theirs.id}/title",
                theirs.title,
                title,
                _("{section}: its title").format(section=named),
                fuzzy and bool(title),
            )
        )
        aliases = ours.aliases if ours is not None else ()
        if theirs.aliases or aliases:
            found.append(
                Unit(
                    f"{theirs.id}/aliases",
                    "\n".join(theirs.aliases) or theirs.title,
                    "\n".join(aliases),
                    _("{section}: other names a reader may type, one per line (optional)").format(
                        section=named
                    ),
                )
            )
        mine = ours.paragraphs if ours is not None and not copy else ()
        count = len(mine) if mine else len(theirs.paragraphs)
        for index in range(count):
            if mine and index == len(mine) - 1 and len(mine) < len(theirs.paragraphs):
                source = "\n\n".join(theirs.paragraphs[index:])  # the rest, in one translation
            elif index < len(theirs.paragraphs):
                source = theirs.paragraphs[index]
            else:
                source = EXTRA
            text = mine[index] if index < len(mine) else ""
            comment = _("{section}: paragraph {number} of {count}").format(
                section=named, number=index + 1, count=count
            )
            found.append(
                Unit(
                    f"{theirs.id}/{index + 1}",
                    _edges(source, text),
                    text,
                    comment,
                    fuzzy and bool(text),
                )
            )
    return found


def export(code: str, language: Language | None, english: Language) -> str:
    """The PO text of the language `code` (`language`: its article, None when it has none)."""
    from lastmile_cli import po_text

    name = language.name if language else code
    header = _(
        "The article of lastmile in {name} ({code}), for a translator's tool (Poedit, Weblate…).\n"
        "Translate each msgstr; a fuzzy entry's English changed after it was translated.\n"
        "Keep each msgctxt and the X-Lastmile headers: lastmile reads them.\n"
        "Back to a language file: lastmile import {file} --output {code}.yaml"
    ).format(name=name, code=code, file=f"{gettext_code(code)}.po")
    recorded = []
    added = []
    if language is not None:
        recorded = [f"{s.id}={s.fingerprint or NONE}" for s in language.sections]
        if language.title_origin == "added":
            added.append("title")
        added += [s.id for s in language.sections if s.origin == "added"]
    metadata = {
        "Project-Id-Version": "lastmile article",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": gettext_code(code),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        SECTIONS_HEADER: " ".join(recorded),
        ADDED_HEADER: " ".join(added),
    }
    entries = [
        po_text.entry(
            unit.english,
            unit.translation,
            unit.context,
            unit.comment,
            ["fuzzy"] if unit.fuzzy else [],
        )
        for unit in units(language, english)
    ]
    return po_text.catalog(header, metadata, entries) + "\n"


# -- import: every line checked, with where it is -------------------------------------------

# (a pattern, compiled when a catalog is read: exporting one needs no `re`)
_KEYWORD = r"(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)(?=[ \t\"])"
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t"}


class Entry(Record):
    """One entry as the lines gave it, with where each of its parts begins (line, column)."""

    context: str | None
    msgid: str
    msgstr: str
    fuzzy: bool
    previous: str | None
    start: tuple[int, int]
    where: tuple[tuple[str, int, int], ...]  # (keyword, line, column of its text)


def _string(text: str, line: int, column: int, problems: Problems) -> str | None:
    """A quoted PO string starting at `column` (1-based) of `text`; None after a problem."""
    if column > len(text) or text[column - 1] != '"':
        problems.add(line, column, _("expected a quoted string"), code="po-catalog")
        return None
    out: list[str] = []
    index = column
    while index < len(text):
        char = text[index]
        if char == '"':
            rest = text[index + 1 :]
            if rest.strip():
                after = index + 1 + len(rest) - len(rest.lstrip()) + 1
                problems.add(line, after, _("text after the closing quote"), code="po-catalog")
                return None
            return "".join(out)
        if char == "\\":
            escape = text[index + 1 : index + 2]
            if escape not in _ESCAPES:
                shown = "\\" + escape if escape else "\\"
                problems.add(
                    line,
                    index + 1,
                    _(
                        "the escape {escape} is not allowed; a catalog's text may hold only"
                        ' `\\n`, `\\t`, `\\"` and `\\\\`'
                    ).format(escape=shown),
                    code="po-catalog",
                )
                return None
            out.append(_ESCAPES[escape])
            index += 2
            continue
        out.append(char)
        index += 1
    problems.add(
        line, column, _("the string does not end: a closing quote is missing"), code="po-catalog"
    )
    return None


def _text_column(line: str, after: int) -> int:
    """The 1-based column where a keyword's string starts: past the blanks after `after`."""
    rest = line[after:]
    return after + len(rest) - len(rest.lstrip(" \t")) + 1


class _Reading:
    """The entry being read: its parts as they come, and where it began."""

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}
        self.parts: list[tuple[str, int, int]] = []
        self.start: tuple[int, int] | None = None
        self.fuzzy = False
        self.previous: list[str] | None = None
        self.previous_open = False
        self.plural = False  # refused where it begins; its msgstr[N] are not missing msgstr


def lines_of(text: str, problems: Problems) -> list[Entry]:
    """Every entry of a PO text, checked line by line as msgfmt reads them, but stricter:
    no character content may not hold (raw or escaped), no plural entries. Obsolete entries
    (`#~`) are skipped, as msgfmt skips them; previous msgids (`#|`) are kept."""
    import re

    from lastmile_cli.strict_yaml import unsafe_message  # (importing, not exporting, reads)

    entries: list[Entry] = []
    entry = _Reading()
    keyword: str | None = None

    def close() -> None:
        nonlocal entry, keyword
        values, start = entry.values, entry.start or (1, 1)
        if entry.plural:
            pass
        elif "msgid" not in values and "msgstr" in values:
            problems.add(*start, _("an entry without msgid"), code="po-catalog")
        elif "msgid" in values and "msgstr" not in values:
            problems.add(*start, _("an entry without msgstr"), code="po-catalog")
        elif "msgid" in values:
            entries.append(
                Entry(
                    "".join(values["msgctxt"]) if "msgctxt" in values else None,
                    "".join(values["msgid"]),
                    "".join(values["msgstr"]),
                    entry.fuzzy,
                    "".join(entry.previous) if entry.previous is not None else None,
                    start,
                    tuple(entry.parts),
                )
            )
        entry, keyword = _Reading(), None

    keyword_at = re.compile(_KEYWORD).match
    # (every line is read, past the problems that are kept too: the rest are counted, each)
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.removesuffix("\r")
        char = first_unsafe(line)
        if char is not None:  # said here, where it is; the line is read on, for the rest
            problems.add(number, line.index(char) + 1, unsafe_message(char), code="po-catalog")
        stripped = line.lstrip(" \t")
        indent = len(line) - len(stripped)
        if not stripped or stripped.startswith("#~"):
            continue  # a blank line, or an obsolete entry: kept by translators' tools, read by none
        if stripped.startswith("#"):
            if "msgid" in entry.values or "msgstr" in entry.values:
                close()
            if entry.start is None:
                entry.start = (number, indent + 1)
            if stripped.startswith("#,"):
                entry.fuzzy = entry.fuzzy or "fuzzy" in (f.strip() for f in stripped[2:].split(","))
            elif stripped.startswith("#|"):
                rest = stripped[2:].lstrip(" \t")
                offset = len(line) - len(rest)
                if rest.startswith("msgid "):
                    value = _string(line, number, _text_column(line, offset + 5), problems)
                    entry.previous, entry.previous_open = [value or ""], True
                elif rest.startswith('"') and entry.previous_open and entry.previous is not None:
                    entry.previous.append(_string(line, number, offset + 1, problems) or "")
                else:
                    entry.previous_open = False
            continue
        match = keyword_at(stripped)
        if match:
            word = match.group(1)
            if word.startswith(("msgid_plural", "msgstr[")):
                if not entry.plural:
                    message = _(
                        "plural entries ({keyword}) are not allowed: the article has no plurals"
                    )
                    problems.add(
                        number, indent + 1, message.format(keyword=word), code="po-catalog"
                    )
                entry.plural = True
                keyword = None
                continue
            if (word == "msgctxt" and entry.values) or (
                word == "msgid" and "msgid" in entry.values
            ):
                close()
            if entry.start is None:
                entry.start = (number, indent + 1)
            if word in entry.values:
                message = _("{keyword} appears twice in one entry").format(keyword=word)
                problems.add(number, indent + 1, message, code="po-catalog")
                keyword = None
                continue
            column = _text_column(line, indent + len(word))
            entry.values[word] = [_string(line, number, column, problems) or ""]
            entry.parts.append((word, number, column))
            keyword = word
            continue
        if stripped.startswith('"'):
            if keyword is None:
                problems.add(
                    number,
                    indent + 1,
                    _("a string that belongs to no msgid or msgstr"),
                    code="po-catalog",
                )
                continue
            entry.values[keyword].append(_string(line, number, indent + 1, problems) or "")
            continue
        message = _("expected msgctxt, msgid, msgstr, a quoted string or a # comment")
        problems.add(number, indent + 1, message, code="po-catalog")
    close()
    return entries


class Imported(Record):
    """What a catalog gives: the language, and what the import has to tell."""

    language: Language
    notes: tuple[str, ...]


def read_catalog(data: bytes, display: str, english: Language, stem: str) -> Imported:
    """The language a PO catalog's bytes describe (`stem`: the file's name without .po), or a
    ContentError naming the first problem's `file:line:column`."""
    import re

    from lastmile_cli.problems import Problem, Problems

    problems = Problems(display)
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise ContentError(
            Problem(
                display, line, 1, _("contains NUL bytes: this is a binary file, not a PO catalog")
            )
        )
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = _("is not valid UTF-8 (convert it: msgconv --to-code=UTF-8)")
        raise ContentError(Problem(display, line, column, message)) from None
    entries = lines_of(text, problems)  # (its problems are said with the units', in file order)
    header = next((e for e in entries if e.context is None and e.msgid == ""), None)
    fields = _header_fields(header.msgstr if header else "")
    code = _language(fields, stem, display, _field_place(text, "Language", header))
    charset = re.search(r"charset=([\w.-]+)", fields.get("content-type", ""), re.IGNORECASE)
    if charset and charset.group(1).lower().replace("-", "") not in ("utf8", "charset"):
        place = _field_place(text, "Content-Type", header)
        raise ContentError(
            Problem(
                display,
                *place,
                _(
                    "the catalog says charset={charset}; lastmile reads UTF-8 catalogs (msgconv --to-code=UTF-8)"
                ).format(charset=charset.group(1)),
            )
        )
    return _assemble(code, [e for e in entries if e is not header], fields, english, problems)


def _stop(problems: Problems) -> None:
    found = problems.finish()
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise ContentError(errors[0], problems.errors - 1, listing=False)


def _header_fields(text: str) -> dict[str, str]:
    fields = {}
    for line in text.split("\n"):
        name, colon, value = line.partition(":")
        if colon:
            fields[name.strip().lower()] = value.strip()
    return fields


def _field_place(text: str, field: str, header: Entry | None) -> tuple[int, int]:
    """Where the header's `field` is written (line, column), else where the header begins."""
    if header is not None:
        for number, line in enumerate(text.split("\n")[header.start[0] - 1 :], header.start[0]):
            stripped = line.lstrip()
            if stripped.startswith(f'"{field}:'):
                return number, len(line) - len(stripped) + 2
            if not stripped:
                break
    return header.start if header else (1, 1)


def _language(fields: dict[str, str], stem: str, display: str, place: tuple[int, int]) -> str:
    """The language the catalog is for: its Language header, which the file's name, when it is a
    language tag, must agree with."""
    from lastmile_cli.problems import Problem

    named = tag_of(stem) if is_tag(tag_of(stem)) else None
    said = tag_of(fields.get("language", ""))
    if said and not is_tag(said):
        message = _("Language: {value} is not a language tag such as de, pt_BR or qaa")
        raise ContentError(Problem(display, *place, message.format(value=fields["language"])))
    if said and named and said.lower() != named.lower():
        message = _(
            "the catalog is for '{said}' (its Language header), but its file is named for '{named}'"
        )
        raise ContentError(Problem(display, *place, message.format(said=said, named=named)))
    code = named or said
    if not code:
        message = _(
            "the catalog does not say its language: add a Language header, such as Language: pt_BR"
        )
        raise ContentError(Problem(display, *place, message))
    return code


def _assemble(
    code: str, entries: list[Entry], fields: dict[str, str], english: Language, problems: Problems
) -> Imported:
    if code == english.code:
        raise LastmileError(
            _("the catalog is for English, the language every other is translated from")
        )
    known = {"name", "english_name", "title", "term"}
    ids = {s.id for s in english.sections}
    by_name: dict[str, Entry] = {}
    for entry in entries:
        line, column = entry.start
        if entry.context is None:
            problems.add(
                line,
                column,
                _(
                    "an entry without msgctxt: lastmile names every unit with one (such as marathon/1)"
                ),
                code="po-catalog",
            )
            continue
        section, slash, part = entry.context.partition("/")
        valid = entry.context in known or (
            slash
            and section in ids
            and (part in ("title", "aliases") or (part.isdigit() and part[0] != "0"))
        )
        if not valid:
            problems.add(
                line,
                column,
                _(
                    "unknown unit '{unit}': the catalog is not lastmile's, or for another article"
                ).format(unit=entry.context),
                code="po-catalog",
            )
            continue
        if entry.context in by_name:
            first = by_name[entry.context].start[0]
            problems.add(
                line,
                column,
                _("msgctxt '{unit}' appears twice (first at line {line})").format(
                    unit=entry.context, line=first
                ),
                code="po-catalog",
            )
            continue
        by_name[entry.context] = entry
    _stop(problems)
    recorded = _recorded(fields.get(SECTIONS_HEADER.lower(), ""), ids)
    added = set(fields.get(ADDED_HEADER.lower(), "").split())
    notes: list[str] = []

    def text(name: str, one_line: bool = True) -> str:
        entry = by_name.get(name)
        if entry is None or not entry.msgstr:
            return ""
        _check_text(entry, one_line, problems)
        return entry.msgstr

    name = text("name")
    english_name = text("english_name")
    title_entry = by_name.get("title")
    title = text("title") or (title_entry.msgid if title_entry else english.title)
    term = text("term")
    sections = []
    for theirs in english.sections:
        made = _section(code, theirs, by_name, recorded, added, problems, notes)
        if made is not None:
            sections.append(made)
    _stop(problems)
    if not name:
        notes.append(
            _(
                "the catalog gives no name for the language; it is named {code} until it does"
            ).format(code=code)
        )
    if not sections:
        raise LastmileError(
            _("the catalog translates no section: a language file needs at least one")
        )
    language = Language(
        code,
        name or code,
        english_name or name or code,
        title,
        tuple(sections),
        "added" if "title" in added else "seed",
        "bundled",
        term,
    )
    return Imported(language, tuple(notes))


def _recorded(value: str, ids: set[str]) -> dict[str, str]:
    """The header's sections (`id=fingerprint`, `id=-`): those the file had, and what each records."""
    from lastmile_cli.fingerprints import well_formed  # (reading only)

    found = {}
    for item in value.split():
        section, _eq, recorded = item.partition("=")
        if section in ids and (recorded == NONE or well_formed(recorded)):
            found[section] = "" if recorded == NONE else recorded
    return found


def _check_text(entry: Entry, one_line: bool, problems: Problems) -> bool:
    from lastmile_cli.schema import ONE_LINE_BREAKS

    where = next(
        ((line, column) for word, line, column in entry.where if word == "msgstr"), entry.start
    )
    if not entry.msgstr.strip():
        problems.add(
            *where,
            _("{unit}: a translation of nothing but blanks").format(unit=entry.context),
            code="po-catalog",
        )
        return False
    if one_line:
        for char, name in ONE_LINE_BREAKS.items():
            if char in entry.msgstr:
                message = _("{character} is not allowed in a one-line text; use a space").format(
                    character=_(name)
                )
                problems.add(*where, f"{entry.context}: {message}", code="po-catalog")
                return False
    return True


def _section(
    code: str,
    theirs: Section,
    by_name: dict[str, Entry],
    recorded: dict[str, str],
    added: set[str],
    problems: Problems,
    notes: list[str],
) -> Section | None:
    """One section from its entries, or None when the catalog does not have it."""
    from lastmile_cli.fingerprints import fingerprint  # (reading only)

    prefix = f"{theirs.id}/"
    title_entry = by_name.get(prefix + "title")
    numbered = sorted(
        (int(name[len(prefix) :]), entry)
        for name, entry in by_name.items()
        if name.startswith(prefix) and name[len(prefix) :].isdigit()
    )
    for position, (number, entry) in enumerate(numbered, 1):
        if number != position:
            message = _("there is {unit}, but no {missing}: paragraphs are numbered from 1 on")
            missing = f"{prefix}{position}"
            problems.add(
                *entry.start, message.format(unit=entry.context, missing=missing), code="po-catalog"
            )
            return None
    paragraphs_in = [entry for _number, entry in numbered]
    body = [e for e in (title_entry, *paragraphs_in) if e is not None]
    translated = [e for e in body if e.msgstr]
    if not translated and theirs.id not in recorded:
        return None  # the file did not have it, and the translator did not add it
    title = title_entry.msgid if title_entry is not None else theirs.title
    if title_entry is not None and title_entry.msgstr and _check_text(title_entry, True, problems):
        title = title_entry.msgstr
    copy = not any(e.msgstr for e in paragraphs_in)
    if copy:
        paragraphs = (
            tuple(e.msgid for e in paragraphs_in if not is_extra(e.msgid)) or theirs.paragraphs
        )
    else:
        kept = []
        for entry in paragraphs_in:
            if entry.msgstr:
                if _check_text(entry, False, problems):
                    kept.append(entry.msgstr)
            elif not is_extra(entry.msgid):
                kept.append(entry.msgid)
                notes.append(
                    _("{unit} is not translated; its English is kept in its place").format(
                        unit=entry.context
                    )
                )
        paragraphs = tuple(kept)
    from lastmile_cli.schema import ONE_LINE_BREAKS

    aliases_entry = by_name.get(prefix + "aliases")
    aliases: tuple[str, ...] = ()
    if aliases_entry is not None and aliases_entry.msgstr:
        where = next(
            ((ln, col) for word, ln, col in aliases_entry.where if word == "msgstr"),
            aliases_entry.start,
        )
        names = [a.strip() for a in aliases_entry.msgstr.split("\n")]
        for alias in names:
            bad = next((c for c in ONE_LINE_BREAKS if c in alias and c != "\n"), None)
            if bad is not None:
                message = _("{character} is not allowed in a one-line text; use a space").format(
                    character=_(ONE_LINE_BREAKS[bad])
                )
                problems.add(*where, f"{aliases_entry.context}: {message}", code="po-catalog")
        aliases = tuple(a for a in names if a)
    fuzzy = [e for e in body if e.fuzzy and e.msgstr]
    if copy or fuzzy:
        if theirs.id in recorded:
            value = recorded[theirs.id]
        elif fuzzy and all(e.previous is not None for e in fuzzy):  # msgmerge --previous
            value = _fingerprint(body, title_entry, previous=True)
        elif copy:
            value = _fingerprint(body, title_entry)
        else:
            value = ""
            said = _(
                "{id} is fuzzy, and the catalog does not say which English it was translated"
                " from: imported without a fingerprint"
            )
            notes.append(said.format(id=theirs.id))
    elif theirs.id in recorded and not recorded[theirs.id]:
        value = ""  # the file recorded none: importing it again claims no review
    else:
        value = _fingerprint(body, title_entry)
    origin = "added" if theirs.id in added else "seed"
    own = fingerprint(title, paragraphs)
    return Section(
        theirs.id,
        theirs.kind,
        title,
        paragraphs,
        aliases,
        origin,
        code,
        theirs.after,
        fingerprint=value,
        digest=own,
    )


def _fingerprint(body: list[Entry], title_entry: Entry | None, previous: bool = False) -> str:
    """The fingerprint of the English a section's entries were translated from: their msgids,
    or (`previous`) for a fuzzy entry the msgid msgmerge --previous kept."""
    from lastmile_cli.fingerprints import fingerprint  # (reading only)

    sources = []
    for entry in body:
        source = (
            entry.previous
            if previous and entry.fuzzy and entry.previous is not None
            else entry.msgid
        )
        sources.append(source)
    if title_entry is None:
        return fingerprint("", [s for s in sources if not is_extra(s)])
    return fingerprint(sources[0], [s for s in sources[1:] if not is_extra(s)])
