"""The interface's catalog reader (mo.py) answers as Python's gettext does, without it.

Differential: generated plural rules against `gettext.c2py`, generated catalogs (both byte
orders, with and without a hash table, in any order, any charset it names) against
`gettext.GNUTranslations`; damaged catalogs are refused where gettext refuses them, and leave
the interface in English as before.
"""

from __future__ import annotations

import gettext
import importlib.util
import struct
from io import BytesIO
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lastmile_cli import i18n, mo

ROOT = Path(__file__).resolve().parent.parent
Order = Literal["little", "big"]

# -- an independent writer: GNU's layout and hash function, from the format's description ------


def gnu_hash(key: bytes) -> int:
    """hashpjw as GNU gettext's hash-string.c has it: up to the first NUL, 32 bits."""
    value = 0
    for byte in key:
        if byte == 0:
            break
        value = ((value << 4) + byte) & 0xFFFFFFFF
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
            value ^= high
    return value


def write_mo(
    entries: list[tuple[bytes, bytes]],
    order: Order = "little",
    hash_size: int | None = 0,
    revision: int = 0,
    backwards: bool = False,
) -> bytes:
    """A `.mo` file of (original, translation) pairs in the order given: the header, the two
    tables, a hash table of `hash_size` slots (None: msgfmt's size), then the strings (the
    originals' `backwards`: in the file, but not in the table's order)."""
    count = len(entries)
    if hash_size is None:
        hash_size = max(3, count * 4 // 3) | 1
        while any(hash_size % d == 0 for d in range(3, int(hash_size**0.5) + 1, 2)):
            hash_size += 2
    start = 28 + 16 * count + 4 * hash_size
    originals, translations, strings = [], [], b""
    for key, _value in reversed(entries) if backwards else entries:
        originals.append((len(key), start + len(strings)))
        strings += key + b"\x00"
    if backwards:
        originals.reverse()
    for _key, value in entries:
        translations.append((len(value), start + len(strings)))
        strings += value + b"\x00"
    slots = [0] * hash_size
    for number, (key, _value) in enumerate(entries if hash_size else []):
        value = gnu_hash(key)
        at = value % hash_size
        step = 1 + value % (hash_size - 2) if hash_size > 2 else 1
        while slots[at]:
            at = (at + step) % hash_size
        slots[at] = number + 1

    def words(*values: int) -> bytes:
        return b"".join(v.to_bytes(4, order) for v in values)

    header = words(0x950412DE, revision, count, 28, 28 + 8 * count, hash_size, 28 + 16 * count)
    return (
        header
        + b"".join(words(*pair) for pair in originals)
        + b"".join(words(*pair) for pair in translations)
        + words(*slots)
        + strings
    )


HEADER = (
    "Project-Id-Version: test\nMIME-Version: 1.0\n"
    "Content-Type: text/plain; charset={charset}\nPlural-Forms: nplurals={forms}; plural={rule};\n"
)


def reference(data: bytes) -> gettext.GNUTranslations | None:
    try:
        return gettext.GNUTranslations(BytesIO(data))
    except Exception:
        return None


def ours(data: bytes) -> mo.Catalog | None:
    try:
        return mo.read(data)
    except mo.Damaged:
        return None


def answer(call: object, *args: object, english: str) -> str:
    """What a reference call says; gettext's rule raising ZeroDivisionError is English here."""
    try:
        return call(*args)  # type: ignore[operator,no-any-return]
    except ZeroDivisionError:
        return english


def pgettext(catalog: mo.Catalog, context: str, message: str) -> str:
    """A message with a context, asked for as gettext keys it (the catalog's translations hold
    no U+0004, so a key said back is one not found)."""
    said = catalog.gettext(f"{context}\x04{message}")
    return message if said == f"{context}\x04{message}" else said


def npgettext(catalog: mo.Catalog, context: str, singular: str, plural: str, n: int) -> str:
    said = catalog.ngettext(f"{context}\x04{singular}", plural, n)
    return singular if said == f"{context}\x04{singular}" else said


# -- plural rules ---------------------------------------------------------------------------------

REAL_RULES = {
    "English": "(n != 1)",
    "French": "(n > 1)",
    "Japanese": "0",
    "Polish": "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)",
    "Russian": "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)",
    "Czech": "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2",
    "Slovenian": "(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3)",
    "Irish": "n==1 ? 0 : n==2 ? 1 : (n>2 && n<7) ? 2 :(n>6 && n<11) ? 3 : 4",
    "Arabic": "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)",
    "Romanian": "(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2)",
    "Lithuanian": "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2)",
    "Latvian": "(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2)",
    "Welsh": "(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3",
}


@pytest.mark.parametrize("language", sorted(REAL_RULES))
def test_every_real_plural_rule_counts_as_gettext_does(language: str) -> None:
    rule = REAL_RULES[language]
    expected = gettext.c2py(rule)
    plural = mo.plural_rule(rule)
    counts = range(-3, 1200)
    assert [mo.plural_form(plural, n) for n in counts] == [expected(n) for n in counts]


NUMBERS = st.integers(0, 120).map(str) | st.sampled_from(["007", "0", "1", "10", "100"])
SPACE = st.sampled_from(["", "", " ", "  ", "\t"])
OPERATORS = ["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"]


def c_expressions() -> st.SearchStrategy[str]:
    """C expressions as Plural-Forms writes them, and the odd ones c2py reads its own way:
    `!` anywhere, chained comparisons, a division by zero, `&&` of numbers."""
    atoms = st.just("n") | NUMBERS
    return st.recursive(
        atoms,
        lambda inner: st.one_of(
            st.builds(lambda a: f"!{a}", inner),
            st.builds(lambda a: f"({a})", inner),
            st.builds(
                lambda a, op, b, s, t: f"{a}{s}{op}{t}{b}",
                inner,
                st.sampled_from(OPERATORS),
                inner,
                SPACE,
                SPACE,
            ),
            st.builds(lambda a, b, c, s: f"{a}{s}?{s}{b}{s}:{s}{c}", inner, inner, inner, SPACE),
        ),
        max_leaves=14,
    )


SOUP = st.text(st.sampled_from(list("n0123456789 ()!<>=&|?:+-*/%\tx_é١\n")), max_size=24)


def c2py_values(text: str, counts: list[int]) -> list[int | None] | None:
    """What gettext's rule gives for each count (None for a division by zero); None for a rule
    gettext refuses."""
    try:
        rule = gettext.c2py(text)
    except Exception:
        return None
    found: list[int | None] = []
    for n in counts:
        try:
            found.append(rule(n))
        except ZeroDivisionError:
            found.append(None)
    return found


COUNTS = st.lists(st.integers(-30, 2000) | st.integers(-(10**12), 10**12), min_size=1, max_size=8)


@given(c_expressions() | SOUP, COUNTS)
@example("!n == 1", [0, 1, 2])  # Python's `not` binds looser than `==`: not (n == 1)
@example("n && 5", [0, 1, 7])  # `and` gives an operand: 5, not 1
@example("1 + !n", [1])  # `1 + not n` is no Python: refused
@example("n == !n < 3", [0, 1])  # c2py's parentheses: n == (not n < 3)
@example("2 < n < 5", [1, 3, 9])  # no chained comparison: (2 < n) < 5
@example("(n-10)%3 + (n-10)/3", [0, 4, 25])  # Python's floor division and modulo, not C's
@example("n * 3 % 7", [0, 1, 2, 5])  # a product, then its remainder
@example("n == 0 ? 1/n : 2", [0, 1, 5])  # the branch not taken is never computed
@example("n ? 6/n : 9 || 1/n", [0, 3])
@example("!" * 990 + "n", [0, 3])
@example("n" + "+n" * 400, [2])
@example("(" * 21 + "n" + ")" * 21, [1])  # too deep for c2py
@example("1 ? " * 30 + "n" + " : 2" * 30, [1])
@example("n ? 1 : " * 120 + "0", [0, 5])
@example("12n", [1])
@example("n_", [1])
@example("1١", [1])
@example("n%10==1 &&& 2", [1])
def test_a_plural_rule_gives_what_c2py_gives(text: str, counts: list[int]) -> None:
    expected = c2py_values(text, counts)
    try:
        plural = mo.plural_rule(text)
    except mo.Damaged:
        assert expected is None, text
        return
    assert expected is not None, text
    assert [mo.plural_form(plural, n) for n in counts] == expected


def test_a_rule_too_long_is_refused_as_c2py_refuses_it() -> None:
    text = "n" + " " * 1000
    with pytest.raises(ValueError):
        gettext.c2py(text)
    with pytest.raises(mo.Damaged):
        mo.plural_rule(text)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("n" + " " * 999, None),  # 1,000 characters: c2py's longest
        ("n" + " " * 1000, "too long"),
        ("(" * 20 + "n" + ")" * 20, None),  # parentheses 20 deep: c2py's deepest
        ("(" * 21 + "n" + ")" * 21, "too deep"),
    ],
    ids=["longest", "one longer", "deepest", "one deeper"],
)
def test_a_rule_at_c2py_s_limits_is_read_as_c2py_reads_it(text: str, limit: str | None) -> None:
    """c2py refuses a rule longer than 1,000 characters or nested deeper than 20, and reads
    one at either limit: so does mo.py."""
    expected = c2py_values(text, [0, 1, 2])
    assert (expected is None) == (limit is not None)
    if limit is not None:
        with pytest.raises(mo.Damaged):
            mo.plural_rule(text)
    else:
        rule = mo.plural_rule(text)
        assert [mo.plural_form(rule, n) for n in (0, 1, 2)] == expected == [0, 1, 2]


# -- catalogs -------------------------------------------------------------------------------------

CHARSETS = {
    "utf-8": 0x10FFFF,
    "UTF-8": 0x10FFFF,
    "latin-1": 0xFF,
    "ascii": 0x7F,
    "iso-8859-15": 0xFF,
}


@st.composite
def catalogs(draw: st.DrawFn) -> tuple[bytes, list[tuple[str | None, str, str | None, list[str]]]]:
    """A catalog's bytes and its messages: (context, msgid, plural msgid, translations)."""
    charset = draw(st.sampled_from(sorted(CHARSETS)))
    top = CHARSETS[charset]
    alphabet = st.characters(
        max_codepoint=top, exclude_categories=("Cs",), exclude_characters="\x00\x04"
    )
    if charset == "iso-8859-15":  # what latin-9 replaced: not in it
        alphabet = alphabet.filter(lambda c: c not in "¤¦¨´¸¼½¾")
    words = st.text(alphabet, min_size=1, max_size=12)
    rule = draw(c_expressions() | st.sampled_from(sorted(REAL_RULES.values())))
    forms = draw(st.integers(1, 6))
    messages: list[tuple[str | None, str, str | None, list[str]]] = []
    seen: set[tuple[str | None, str]] = set()
    for _ in range(draw(st.integers(0, 12))):
        context = draw(st.none() | words)
        msgid = draw(words)
        if (context, msgid) in seen:
            continue
        seen.add((context, msgid))
        if draw(st.booleans()):
            messages.append(
                (context, msgid, draw(words), draw(st.lists(words, min_size=1, max_size=forms)))
            )
        else:
            messages.append((context, msgid, None, [draw(st.text(alphabet, max_size=12))]))
    entries = [(b"", HEADER.format(charset=charset, forms=forms, rule=rule).encode(charset))]
    for context, msgid, plural, translations in messages:
        key = (f"{context}\x04{msgid}" if context is not None else msgid).encode(charset)
        if plural is not None:
            key += b"\x00" + plural.encode(charset)
        entries.append((key, b"\x00".join(t.encode(charset) for t in translations)))
    if draw(st.booleans()):
        entries.sort()
    else:  # in any order but the header's, first as msgfmt writes it (gettext decodes what is
        # before it as ASCII, mo.py in the header's charset)
        entries = [entries[0], *draw(st.permutations(entries[1:]))]
    data = write_mo(
        entries,
        order=draw(st.sampled_from(["little", "big"])),
        hash_size=draw(st.sampled_from([0, None, None])),
        revision=draw(st.sampled_from([0, 0, 1, 0x10001])),
        backwards=draw(st.booleans()),
    )
    return data, messages


COUNT_VALUES = [0, 1, 2, 3, 5, 11, 21, 101, 1000, -1]


def assert_same_answers(
    data: bytes, messages: list[tuple[str | None, str, str | None, list[str]]]
) -> None:
    expected, found = reference(data), ours(data)
    assert (expected is None) == (found is None)
    if expected is None or found is None:
        return
    asked = [(c, m) for c, m, _p, _t in messages] + [(None, "not in it"), ("ctx", "nor this")]
    for context, msgid, plural, _translations in [*messages, (None, "", None, [])]:
        other = plural or "others"
        if context is None:
            assert found.gettext(msgid) == answer(expected.gettext, msgid, english=msgid)
        for n in COUNT_VALUES:
            english = msgid if n == 1 else other
            if context is None:
                assert found.ngettext(msgid, other, n) == answer(
                    expected.ngettext, msgid, other, n, english=english
                ), (msgid, n)
            else:
                assert npgettext(found, context, msgid, other, n) == answer(
                    expected.npgettext, context, msgid, other, n, english=english
                ), (context, msgid, n)
    for context, msgid in asked:
        if context is not None:
            assert pgettext(found, context, msgid) == answer(
                expected.pgettext, context, msgid, english=msgid
            )
        else:
            assert found.gettext(msgid) == answer(expected.gettext, msgid, english=msgid)


@given(catalogs())
def test_a_catalog_answers_as_gettext_does(
    made: tuple[bytes, list[tuple[str | None, str, str | None, list[str]]]],
) -> None:
    data, messages = made
    assert_same_answers(data, messages)


@given(catalogs(), st.data())
def test_a_catalog_gettext_refuses_is_refused(
    made: tuple[bytes, list[tuple[str | None, str, str | None, list[str]]]], data: st.DataObject
) -> None:
    """Truncated, a word of its tables changed, its magic number or revision: where gettext
    refuses the file for its structure, so does mo.py (and it never refuses one gettext reads,
    but for a message a damaged table points elsewhere, which is English)."""
    original, _messages = made
    damage = data.draw(st.sampled_from(["truncate", "word", "magic", "version"]))
    if damage == "truncate":
        damaged = original[: data.draw(st.integers(0, len(original) - 1))]
    elif damage == "magic":
        damaged = data.draw(st.binary(min_size=4, max_size=4)) + original[4:]
    elif damage == "version":
        damaged = original[:4] + data.draw(st.binary(min_size=4, max_size=4)) + original[8:]
    else:
        at = data.draw(st.integers(2, (len(original) - 4) // 4)) * 4
        damaged = original[:at] + data.draw(st.binary(min_size=4, max_size=4)) + original[at + 4 :]
    try:
        gettext.GNUTranslations(BytesIO(damaged))
        refused_for_its_structure = False
    except (OSError, struct.error):  # a table or a string past the end, the magic, the revision
        refused_for_its_structure = True
    except Exception:  # an entry it cannot decode or split: mo.py's English for that message
        refused_for_its_structure = False
    if refused_for_its_structure:
        assert ours(damaged) is None
    if reference(damaged) is not None:
        assert ours(damaged) is not None


def test_one_message_its_charset_cannot_decode_is_english_not_the_whole_catalog() -> None:
    """Where mo.py differs from gettext, on purpose: gettext decodes every message to show one,
    and refuses the whole catalog for one it cannot decode; mo.py decodes the one it shows."""
    header = HEADER.format(charset="utf-8", forms=2, rule="n != 1").encode()
    data = write_mo([(b"", header), (b"bad", b"\xff\xfe"), (b"good", b"gut")], hash_size=None)
    assert reference(data) is None
    catalog = mo.read(data)
    assert (catalog.gettext("good"), catalog.gettext("bad")) == ("gut", "bad")


@pytest.mark.parametrize(
    "header",
    [
        "Content-Type: text/plain\n",  # no charset=: gettext refuses
        "Content-Type: text/plain; charset=no-such-charset\n",
        "Content-Type: text/plain; charset=hex\n",  # not a text encoding
        "Plural-Forms: nplurals=2\n",  # no plural=
        "Plural-Forms: nplurals=2; plural=n++;\n",
        "Plural-Forms: nplurals=2; plural=eval(n);\n",
    ],
)
def test_a_header_gettext_refuses_is_refused(header: str) -> None:
    data = write_mo([(b"", header.encode()), (b"a", b"b")], hash_size=None)
    assert reference(data) is None
    assert ours(data) is None


def test_a_message_with_a_nul_is_never_a_plural_entry_translated_whole() -> None:
    header = HEADER.format(charset="utf-8", forms=2, rule="n != 1").encode()
    data = write_mo([(b"", header), (b"file\x00files", b"Datei\x00Dateien")], hash_size=None)
    expected, found = gettext.GNUTranslations(BytesIO(data)), mo.read(data)
    assert found.gettext("file\x00files") == expected.gettext("file\x00files") == "file\x00files"
    assert found.gettext("file") == expected.gettext("file") == "Datei"


def test_an_index_past_the_forms_or_a_division_by_zero_is_english() -> None:
    header = HEADER.format(charset="utf-8", forms=3, rule="n == 0 ? 7 : n == 1 ? 1/(n-1) : n % 3")
    data = write_mo([(b"", header.encode()), (b"file\x00files", b"Datei\x00Dateien\x00Dateien!")])
    catalog = mo.read(data)
    said = [catalog.ngettext("file", "files", n) for n in (0, 1, 2, 3, 5)]
    assert said == ["files", "file", "Dateien!", "Datei", "Dateien!"]


def words(order: Order, *values: int) -> bytes:
    return b"".join(v.to_bytes(4, order) for v in values)


@pytest.mark.parametrize("order", ["little", "big"])
def test_a_catalog_of_no_messages_in_20_bytes_is_read_as_gettext_reads_it(order: Order) -> None:
    """The magic number, the revision, a count of 0 and the two tables' places: gettext reads
    no further, and neither does mo.py (a catalog of English); one byte less, both refuse."""
    data = words(order, 0x950412DE, 0, 0, 28, 28)
    assert len(data) == 20
    assert gettext.GNUTranslations(BytesIO(data)).gettext("file") == "file"
    catalog = mo.read(data)
    assert (catalog.gettext("file"), catalog.ngettext("file", "files", 2)) == ("file", "files")
    assert reference(data[:19]) is None and ours(data[:19]) is None


def test_tables_after_the_strings_are_read_as_gettext_reads_them() -> None:
    """A writer may put the strings first and the tables at the very end of the file: the
    last table ends with the file, which is inside it."""
    header = HEADER.format(charset="utf-8", forms=2, rule="n != 1").encode()
    strings = [(b"", header), (b"file", b"Datei")]
    blob, places = b"", []
    for original, translation in strings:
        places.append((len(original), 28 + len(blob)))
        blob += original + b"\x00"
        places.append((len(translation), 28 + len(blob)))
        blob += translation + b"\x00"
    originals = 28 + len(blob)
    translations = originals + 16
    data = (
        words("little", 0x950412DE, 0, 2, originals, translations, 0, 0)
        + blob
        + words("little", *places[0], *places[2])
        + words("little", *places[1], *places[3])
    )
    assert len(data) == translations + 8 * 2
    assert gettext.GNUTranslations(BytesIO(data)).gettext("file") == "Datei"
    assert mo.read(data).gettext("file") == "Datei"


def test_a_hash_slot_past_the_last_entry_is_passed_over() -> None:
    """A damaged hash table whose slot names entry `count + 1`: mo.py passes over it, as it
    is no entry, rather than read the pair that follows the originals' table as one (here
    one that would say `ghost` is `Geist`); gettext, which reads no hash table, finds no
    `ghost` either."""
    header = HEADER.format(charset="utf-8", forms=2, rule="n != 1").encode()
    size = 5
    start = 28 + 24 + 24 + 4 * size  # two tables of two entries and a pair past each
    strings, places = b"", {}
    for text in (b"", header, b"file", b"Datei", b"ghost", b"Geist"):
        places[text] = (len(text), start + len(strings))
        strings += text + b"\x00"
    value = gnu_hash(b"ghost")
    slots = [0] * size
    slots[value % size] = 3  # entry 2 (there are two: 0 and 1)
    data = (
        words("little", 0x950412DE, 0, 2, 28, 52, size, 76)
        + words("little", *places[b""], *places[b"file"], *places[b"ghost"])
        + words("little", *places[header], *places[b"Datei"], *places[b"Geist"])
        + words("little", *slots)
        + strings
    )
    expected = gettext.GNUTranslations(BytesIO(data))
    catalog = mo.read(data)
    assert catalog.gettext("file") == expected.gettext("file") == "Datei"
    assert catalog.gettext("ghost") == expected.gettext("ghost") == "ghost"


def test_a_hash_table_that_finds_nothing_leaves_the_sorted_originals() -> None:
    """A hash table of empty slots (a writer's other hash, or damage): every message is
    still found, by halves among the originals, which lie in their order, as gettext finds
    it."""
    header = HEADER.format(charset="utf-8", forms=2, rule="n != 1").encode()
    messages = [(f"message {i:02}".encode(), f"Nachricht {i:02}".encode()) for i in range(40)]
    data = write_mo([(b"", header), *messages], hash_size=None)
    size, offset = (int.from_bytes(data[at : at + 4], "little") for at in (20, 24))
    data = data[:offset] + bytes(4 * size) + data[offset + 4 * size :]
    expected, catalog = gettext.GNUTranslations(BytesIO(data)), mo.read(data)
    for original, translation in messages:
        said = catalog.gettext(original.decode())
        assert said == expected.gettext(original.decode()) == translation.decode()


# -- the catalogs lastmile builds -----------------------------------------------------------------


def hatch_build() -> object:
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("code", ["de", "es", "fr", "it"])
def test_each_built_catalog_finds_every_message_through_its_hash_table(code: str) -> None:
    data = Path(i18n.catalog_path(code)).read_bytes()
    catalog = mo.read(data)
    assert catalog.index is None  # the hash table is used, not an index of every original
    expected = gettext.GNUTranslations(BytesIO(data))
    from babel.messages.mofile import read_mo

    messages = list(read_mo(BytesIO(data)))
    assert len(messages) > 400
    for message in messages:
        if isinstance(message.id, str):
            assert catalog.gettext(message.id) == expected.gettext(message.id)
        else:
            singular, plural = message.id
            for n in range(0, 30):
                said = catalog.ngettext(singular, plural, n)
                assert said == expected.ngettext(singular, plural, n) != plural


@pytest.mark.slow  # (a long Hypothesis run: the full suite)
@given(catalogs())
def test_the_build_hashes_what_babel_writes_as_msgfmt_would(
    made: tuple[bytes, list[tuple[str | None, str, str | None, list[str]]]],
) -> None:
    """hatch_build's `hashed` adds msgfmt's hash table to a catalog laid out as Babel lays it
    out (sorted, no table): mo.py finds every message through it."""
    data, messages = made
    parsed = reference(data)
    if parsed is None or data[:4] != b"\xde\x12\x04\x95":
        return
    from babel.messages.catalog import Catalog as BabelCatalog
    from babel.messages.mofile import write_mo as babel_write

    charset = parsed.charset() or "ascii"
    babel = BabelCatalog(charset=charset)
    for context, msgid, plural, translations in messages:
        if plural is None:
            babel.add(msgid, translations[0], context=context)
        else:
            babel.add((msgid, plural), tuple(translations), context=context)
    written = BytesIO()
    babel_write(written, babel)
    hashed = hatch_build().hashed(written.getvalue())  # type: ignore[attr-defined]
    assert mo.read(hashed).index is None
    expected = gettext.GNUTranslations(BytesIO(hashed))
    found = mo.read(hashed)
    for context, msgid, plural, _translations in messages:
        if context is None and plural is None:
            assert found.gettext(msgid) == expected.gettext(msgid)
        elif context is None:
            for n in COUNT_VALUES:
                assert found.ngettext(msgid, "o", n) == answer(
                    expected.ngettext, msgid, "o", n, english=msgid if n == 1 else "o"
                )
        else:
            assert pgettext(found, context, msgid) == answer(
                expected.pgettext, context, msgid, english=msgid
            )


# -- the interface ----------------------------------------------------------------------------------


def install(directory: Path, data: bytes, code: str = "de") -> None:
    target = Path(i18n.catalog_path(code, str(directory)))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


GOOD = write_mo(
    [
        (b"", HEADER.format(charset="utf-8", forms=2, rule="(n != 1)").encode()),
        (b"interrupted", b"unterbrochen"),
        (b"{n} file\x00{n} files", b"{n} Datei\x00{n} Dateien"),
    ],
    hash_size=None,
)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d[:40],  # truncated in its tables
        lambda d: d[:-10],  # truncated in its last string
        lambda d: d[:28] + (10**6).to_bytes(4, "little") + d[32:],  # a string's length
        lambda d: d[:32] + (10**6).to_bytes(4, "little") + d[36:],  # a string's offset
        lambda d: d[:12] + (10**6).to_bytes(4, "little") + d[16:],  # the originals' table
        lambda d: b"\x00\x00\x00\x00" + d[4:],  # the magic number
        lambda d: d[:4] + (2 << 16).to_bytes(4, "little") + d[8:],  # revision 2
    ],
    ids=["tables cut", "string cut", "length", "offset", "table", "magic", "revision"],
)
def test_a_damaged_catalog_leaves_the_interface_in_english(tmp_path: Path, damage: object) -> None:
    install(tmp_path, GOOD)
    try:
        assert i18n.setup({"LANG": "de_DE.UTF-8"}, str(tmp_path)) == "de"
        assert i18n._("interrupted") == "unterbrochen"
        damaged = damage(GOOD)  # type: ignore[operator]
        assert reference(damaged) is None
        install(tmp_path, damaged)
        i18n.setup({"LANG": "de_DE.UTF-8"}, str(tmp_path))
        assert i18n._("interrupted") == "interrupted"
        assert i18n.ngettext("{n} file", "{n} files", 2) == "{n} files"
        assert i18n.language() == "en"
    finally:
        i18n.setup({})


def test_english_without_a_catalog_and_english_inside_a_german_run(tmp_path: Path) -> None:
    install(tmp_path, GOOD)
    try:
        i18n.setup({"LANG": "C"}, str(tmp_path))
        assert i18n.ngettext("{n} file", "{n} files", 1) == "{n} file"
        i18n.setup({"LANG": "de_DE.UTF-8"}, str(tmp_path))
        assert i18n.ngettext("{n} file", "{n} files", 3) == "{n} Dateien"
        assert i18n.english(lambda: i18n._("interrupted")) == "interrupted"
        assert i18n._("interrupted") == "unterbrochen"
    finally:
        i18n.setup({})


@pytest.mark.parametrize("language", ["Polish", "Russian", "Arabic"])
def test_a_translator_adding_a_language_with_its_own_plurals(tmp_path: Path, language: str) -> None:
    """po/pt.po with any real Plural-Forms, compiled by the build as the others are."""
    rule = REAL_RULES[language]
    forms = max(gettext.c2py(rule)(n) for n in range(1000)) + 1
    po = tmp_path / "po"
    po.mkdir()
    translations = "\n".join(f'msgstr[{i}] "{{n}} form {i}"' for i in range(forms))
    (po / "pt.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: nplurals={forms}; plural={rule};\\n"\n\n'
        'msgid "{n} file"\nmsgid_plural "{n} files"\n' + translations + "\n",
        encoding="utf-8",
    )
    package = tmp_path / "package"
    hatch_build().compile_catalogs(str(po), str(package))  # type: ignore[attr-defined]
    expected = gettext.c2py(rule)
    try:
        assert i18n.setup({"LANG": "pt_PT.UTF-8"}, str(package / "locale")) == "pt"
        said = [i18n.ngettext("{n} file", "{n} files", n) for n in range(300)]
        assert said == [f"{{n}} form {expected(n)}" for n in range(300)]
    finally:
        i18n.setup({})
