"""A compiled gettext catalog (GNU `.mo`) read without Python's gettext, which loads `re` and
`locale` and decodes every message of the file to show one: the answers of
`gettext.GNUTranslations`, and its plural rule (`plural_rule`, the header's Plural-Forms as its
`c2py` reads it), for a German run that costs what an English one does.

The file: a magic number (either byte order), a revision whose major number is 0 or 1, a count,
two tables of (length, offset) pairs, one for the originals and one for the translations, and
the hash table GNU msgfmt (and lastmile's build) writes to find an original without reading the
others. An original holds `context\\x04msgid` for a message with a context and `msgid\\x00plural`
for one with plurals, whose translation holds its forms parted by `\\x00`. The entry with an
empty original, the first, is the header: its Content-Type names the charset of every entry.

The whole file is checked as gettext checks it (its magic number, revision, tables, every
string inside the file, its header, charset and plural rule); each message is decoded when it
is asked for, and one its charset cannot decode is shown in English (gettext would refuse the
whole catalog for it, which is English too).
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Literal

    Node = int | str | tuple[str, list["Node"], list[str]]
    Order = Literal["little", "big"]

MAGIC = 0x950412DE
SWAPPED = 0xDE120495  # the magic number of a big-endian file, read as little-endian
VERSIONS = (0, 1)


class Damaged(ValueError):
    """A catalog gettext would refuse: its tables, its encoding or its plural rule."""


# -- the plural rule ----------------------------------------------------------------------------

# gettext's c2py: each C operator's precedence, and the Python it is written as.
_BINARY = {
    "||": 1,
    "&&": 2,
    "==": 3,
    "!=": 3,
    "<": 4,
    ">": 4,
    "<=": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "%": 6,
}
_PYTHON = {"||": "or", "&&": "and", "/": "//"}
_PAIRS = ("<=", ">=", "!=", "==", "&&", "||")
_SINGLE = "()-*/%+?:<>!"
_DIGITS = "0123456789"
_COMPARISONS = ("==", "!=", "<", ">", "<=", ">=")
MAX_LENGTH = 1000  # c2py's limits: the text's length, and its parentheses' depth as Python
MAX_DEPTH = 20


def _tokens(text: str) -> list[str]:
    """The C tokens of `text` as c2py's pattern cuts them, and '' at the end: numbers, `n`,
    parentheses and operators, between spaces and tabs. Anything else is damage."""
    found: list[str] = []
    at, end = 0, len(text)
    while at < end:
        char = text[at]
        if char in " \t":
            at += 1
        elif char in _DIGITS:
            start = at
            while at < end and text[at] in _DIGITS:
                at += 1
            if at < end and (text[at].isalnum() or text[at] == "_"):  # `12n`: a word, not a number
                raise Damaged(f"invalid token in plural form: {text[start:]}")
            found.append(text[start:at])
        elif char == "n" and not text[at + 1 : at + 2].isalnum() and text[at + 1 : at + 2] != "_":
            found.append("n")
            at += 1
        elif text[at : at + 2] in _PAIRS:
            found.append(text[at : at + 2])
            at += 2
        elif char in _SINGLE:
            found.append(char)
            at += 1
        else:
            raise Damaged(f"invalid token in plural form: {char}")
    found.append("")
    return found


def _as_python(tokens: Iterator[str], priority: int = -1) -> tuple[list[str], str]:
    """c2py's `_parse`, step for step: the expression as the Python tokens c2py writes for it
    (`not`, `and`, `or`, `//`, `x if c else y` and the parentheses it adds), and the token that
    ended it."""
    result: list[str] = []
    token = next(tokens)
    while token == "!":
        result.append("not")
        token = next(tokens)
    if token == "(":
        inner, token = _as_python(tokens)
        result = [*result, "(", *inner, ")"]
        if token != ")":
            raise Damaged("unbalanced parenthesis in plural form")
    elif token == "n":
        result.append(token)
    elif token[:1].isdigit():
        result.append(str(int(token)))
    else:
        raise Damaged(f"unexpected token in plural form: {token}")
    token = next(tokens)
    last = 100
    while token in _BINARY:
        level = _BINARY[token]
        if level < priority:
            break
        if level in (3, 4) and last in (3, 4):  # no chained comparisons
            result = ["(", *result, ")"]
        operator = _PYTHON.get(token, token)
        right, token = _as_python(tokens, level + 1)
        result = [*result, operator, *right]
        last = level
    if last == priority == 4:
        result = ["(", *result, ")"]
    if token == "?" and priority <= 0:
        if_true, token = _as_python(tokens, 0)
        if token != ":":
            raise Damaged(f"unexpected token in plural form: {token}")
        if_false, token = _as_python(tokens)
        result = [*if_true, "if", *result, "else", *if_false]
        if priority == 0:
            result = ["(", *result, ")"]
    return result, token


# The Python c2py writes, by its grammar's levels: 0 `x if c else y`, 1 `or`, 2 `and`, 3 `not`,
# 4 comparisons, 5 `+ -`, 6 `* // %`, 7 a number, `n` or parentheses.
_LEVELS = {"or": 1, "and": 2, "+": 5, "-": 5, "*": 6, "//": 6, "%": 6}
_LEVELS.update(dict.fromkeys(_COMPARISONS, 4))


def _read_python(tokens: list[str], at: int, level: int) -> tuple[Node, int]:
    """The Python c2py writes, read by Python's grammar (whose precedence is not C's: `not`
    binds looser than a comparison) from `tokens[at]` at `level`: a tree of tuples, the
    operators' kind, operands and operators; and where it ends. Damaged where Python's compiler
    would stop."""
    token = tokens[at]
    if level == 0:
        body, at = _read_python(tokens, at, 1)
        if tokens[at] != "if":
            return body, at
        test, at = _read_python(tokens, at + 1, 1)
        if tokens[at] != "else":
            raise Damaged("invalid syntax in plural form")
        otherwise, at = _read_python(tokens, at + 1, 0)
        return ("if", [test, body, otherwise], []), at
    if level == 3:
        nots = 0
        while tokens[at + nots] == "not":
            nots += 1
        inner, at = _read_python(tokens, at + nots, 4)
        return (("not" if nots % 2 else "bool", [inner], []) if nots else inner), at
    if level == 7:
        if token == "(":
            inner, at = _read_python(tokens, at + 1, 0)
            if tokens[at] != ")":
                raise Damaged("invalid syntax in plural form")
            return inner, at + 1
        if token != "n" and not token[:1].isdigit():
            raise Damaged("invalid syntax in plural form")
        return (token if token == "n" else int(token)), at + 1
    operand, at = _read_python(tokens, at, level + 1)
    operands, operators = [operand], []
    while _LEVELS.get(tokens[at]) == level:
        operators.append(tokens[at])
        operand, at = _read_python(tokens, at + 1, level + 1)
        operands.append(operand)
    return (("", operands, operators) if operators else operand), at


def _value(node: Node, n: int) -> int:
    """The value of a tree `_read_python` made, for `n`, as Python computes it: `and` and `or`
    give an operand, each short-circuits, comparisons chain, `//` and `%` floor."""
    if isinstance(node, int):
        return node
    if isinstance(node, str):
        return n
    kind, operands, operators = node
    if kind == "if":
        return _value(operands[1] if _value(operands[0], n) else operands[2], n)
    if kind == "not" or kind == "bool":
        return int(bool(_value(operands[0], n)) is (kind == "bool"))
    value = _value(operands[0], n)
    first = operators[0]
    if first == "or" or first == "and":  # the first operand that decides, or the last
        for operand in operands[1:]:
            if bool(value) is (first == "or"):
                return value
            value = _value(operand, n)
        return value
    for operator, operand in zip(operators, operands[1:], strict=True):
        right = _value(operand, n)
        if operator == "+":
            value += right
        elif operator == "-":
            value -= right
        elif operator == "*":
            value *= right
        elif operator == "//":
            value //= right
        elif operator == "%":
            value %= right
        elif not (
            (value == right and operator in ("==", "<=", ">="))
            or (value < right and operator in ("!=", "<", "<="))
            or (value > right and operator in ("!=", ">", ">="))
        ):
            return 0  # a comparison that fails ends its chain
        else:
            value = right
    return 1 if first in _COMPARISONS else value


def plural_rule(text: str) -> Node:
    """A catalog's plural rule: the C expression of its Plural-Forms header (`n != 1`,
    `n%10==1 && n%100!=11 ? 0 : …`) read as gettext's `c2py` reads it, for `plural_form`. Its
    text is read, never run; one c2py refuses is `Damaged`."""
    if len(text) > MAX_LENGTH:
        raise Damaged("plural form expression is too long")
    try:
        python, end = _as_python(iter(_tokens(text)))
        if end:
            raise Damaged(f"unexpected token in plural form: {end}")
        depth = 0
        for token in python:
            depth += 1 if token == "(" else -1 if token == ")" else 0
            if depth > MAX_DEPTH:
                raise Damaged("plural form expression is too complex")
        rule, at = _read_python([*python, ""], 0, 0)
    except RecursionError:
        raise Damaged("plural form expression is too complex") from None
    if at != len(python):
        raise Damaged("invalid syntax in plural form")
    return rule


def plural_form(rule: Node, n: int) -> int | None:
    """The index of the form for a count of `n`, as gettext's rule gives it; None where the
    rule divides by zero (gettext's raises; here that count falls back to English)."""
    try:
        return _value(rule, n)
    except ZeroDivisionError:
        return None


GERMANIC = "n != 1"  # what gettext assumes when the header gives no rule


# -- the catalog ----------------------------------------------------------------------------------


def hash_string(key: bytes) -> int:
    """GNU gettext's hash of an original (hashpjw, 32 bits), up to its first NUL: a message
    with plurals is found by its singular."""
    value = 0
    for byte in key.partition(b"\x00")[0]:
        value = ((value << 4) + byte) & 0xFFFFFFFF  # (C's unsigned arithmetic)
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
            value ^= high
    return value


class Catalog:
    """The messages of one `.mo` file, answering as `gettext.GNUTranslations` does (a message
    with a context is asked for as `context\\x04message`, the key gettext's pgettext makes)."""

    __slots__ = ("charset", "data", "found", "index", "one", "order", "plural", "tables")

    def __init__(self, data: bytes, order: Order, tables: tuple[int, int, int, int, int]) -> None:
        self.data, self.order, self.tables = data, order, tables
        self.index: dict[bytes, int] | None = None
        self.found: dict[tuple[str, int | None], str | None] = {}  # what was asked, and said
        self.charset = "ascii"
        self.plural = plural_rule(GERMANIC)
        self.one: int | None = 1

    def gettext(self, message: str) -> str:
        found = self._find(message, None)
        return message if found is None else found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._find(singular, n)
        return (singular if n == 1 else plural) if found is None else found

    def word(self, at: int) -> int:
        return int.from_bytes(self.data[at : at + 4], self.order)

    def string(self, table: int, entry: int) -> bytes:
        at = table + 8 * entry
        offset = self.word(at + 4)
        return self.data[offset : offset + self.word(at)]

    def holds(self, entry: int, key: bytes) -> bool:
        """Whether an entry's original is `key`, or `key` and a plural."""
        original = self.string(self.tables[1], entry)
        return original == key or original.startswith(key + b"\x00")

    def _find(self, message: str, n: int | None) -> str | None:
        """The translation of `message` (for a count of `n`, or as gettext gives a message
        without one); None where there is none, or none that can be read. Each is looked up
        once: a status names its words in every row."""
        asked = message, n
        if asked not in self.found:
            self.found[asked] = self._look_up(message, n)
        return self.found[asked]

    def _look_up(self, message: str, n: int | None) -> str | None:
        if "\x00" in message:  # an original holds one only before its plural: never found
            return None
        try:
            key = message.encode(self.charset)
        except (UnicodeError, LookupError):
            return None
        entry = self._entry(key)
        if entry is None:
            return None
        _count, originals, translations, _size, _offset = self.tables
        original = self.string(originals, entry)
        plural = len(original) > len(key)
        if n is not None and not plural:  # ngettext of a message without plurals: English
            return None
        try:
            text = self.string(translations, entry)
            if not plural:
                return str(text, self.charset)
            if original.count(b"\x00") != 1:  # gettext refuses the catalog for it
                return None
            index = self.one if n is None else plural_form(self.plural, n)
            forms = text.split(b"\x00")
            return (
                None
                if index is None or not 0 <= index < len(forms)
                else str(forms[index], self.charset)
            )
        except (LookupError, ValueError):
            return None

    def _entry(self, key: bytes) -> int | None:
        """The entry whose original is `key`, or `key` and its plural: where the file holds
        `key` and a NUL at the start of an original (`_starting`), as msgfmt and Babel lay
        them out; else through its hash table, as GNU gettext finds it; or else through an
        index of every original."""
        if self.index is not None:
            return self.index.get(key)
        needle = key + b"\x00"
        at = self.data.find(needle)
        while at >= 0:
            entry = self._starting(at)
            if entry is not None and self.holds(entry, key):
                return entry
            at = self.data.find(needle, at + 1)
        return self._hashed(key)

    def _starting(self, offset: int) -> int | None:
        """The entry whose original starts at `offset`, found by halves in a table whose
        originals lie in its order (None in one that lies otherwise, or none there)."""
        count, originals = self.tables[0], self.tables[1]
        low, high = 0, count - 1
        while low <= high:
            middle = (low + high) // 2
            found = self.word(originals + 8 * middle + 4)
            if found == offset:
                return middle
            low, high = (middle + 1, high) if found < offset else (low, middle - 1)
        return None

    def _hashed(self, key: bytes) -> int | None:
        """The entry for `key` through the file's hash table (hashpjw, then double hashing)."""
        count, _originals, _translations, size, offset = self.tables
        value = hash_string(key)
        at, step = value % size, 1 + value % (size - 2)
        for _probe in range(size):
            entry = self.word(offset + 4 * at)
            if entry == 0:
                return None
            if entry - 1 < count and self.holds(entry - 1, key):
                return entry - 1
            at = at - (size - step) if at >= size - step else at + step
        return None


def _inside(data: bytes, tables: tuple[int, ...], count: int, order: Order) -> bool:
    """Whether every string of the tables ends inside the file, before its last byte (gettext's
    check): each (length, offset) pair one 64-bit lane of one integer, its halves added and
    compared with the file's length lane by lane, without a loop over the entries."""
    lanes = int.from_bytes(b"\x01\x00\x00\x00\x00\x00\x00\x00" * count, "little")  # 1 in each
    low, top, margin = lanes * 0xFFFFFFFF, lanes << 63, lanes * ((1 << 63) - len(data))
    for start in tables:
        table = int.from_bytes(data[start : start + 8 * count], order)
        if ((table & low) + (table >> 32 & low) + margin) & top:
            return False
    return True


def _header(text: bytes, catalog: Catalog) -> None:
    """The charset and plural rule a header sets, read line by line as gettext reads them."""
    charset: str | None = None
    for line in text.split(b"\n"):
        item = line.decode().strip()
        if not item or ":" not in item:
            continue
        key, value = item.split(":", 1)
        key, value = key.strip().lower(), value.strip()
        try:
            if key == "content-type":
                charset = value.split("charset=")[1]
            elif key == "plural-forms":
                catalog.plural = plural_rule(value.split(";")[1].split("plural=")[1])
        except IndexError:
            raise Damaged(f"a header without its value: {item}") from None
    catalog.charset = charset or "ascii"
    str(text, catalog.charset)  # decoded in its own charset, as gettext decodes it
    catalog.one = plural_form(catalog.plural, 1)


def read(data: bytes) -> Catalog:
    """The catalog in `data`, the bytes of a `.mo` file; `Damaged` where gettext would refuse it
    (a bad magic number or revision, a table or string past the end, a header without the
    charset or plural rule it names, a charset Python does not know)."""
    magic = int.from_bytes(data[:4], "little")
    if len(data) < 20 or magic not in (MAGIC, SWAPPED):  # (a file of 20 to 27 bytes has no hash)
        raise Damaged("not a gettext catalog")
    order: Order = "little" if magic == MAGIC else "big"
    version, count, originals, translations, size, offset = (
        int.from_bytes(data[at : at + 4], order) for at in range(4, 28, 4)
    )
    if version >> 16 not in VERSIONS:
        raise Damaged(f"a catalog of revision {version >> 16}")
    catalog = Catalog(data, order, (count, originals, translations, size, offset))
    if count == 0:
        catalog.index = {}
        return catalog
    tables = (originals, translations)
    if max(tables) + 8 * count > len(data) or not _inside(data, tables, count, order):
        raise Damaged("a table or a string runs past the end of the file")
    try:
        header: int | None = 0
        if size <= 2 or offset + 4 * size > len(data) or catalog.string(originals, 0):
            catalog.index = _index(catalog)
            header = catalog.index.get(b"")
        if header is not None and not catalog.string(originals, header):
            _header(catalog.string(translations, header), catalog)
    except (LookupError, ValueError, TypeError) as error:  # no such charset, or not in it
        raise Damaged(str(error)) from None
    return catalog


def _index(catalog: Catalog) -> dict[bytes, int]:
    """Every original (a message with plurals by its singular), for a file without a hash
    table or with the header elsewhere than first: the last of two alike wins, as in gettext."""
    count, originals, _translations, _size, _offset = catalog.tables
    index: dict[bytes, int] = {}
    for entry in range(count):
        original = catalog.string(originals, entry)
        index[original.partition(b"\x00")[0]] = entry
    return index
