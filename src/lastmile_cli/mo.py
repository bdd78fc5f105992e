"""A compiled gettext catalog (GNU `.mo`) read without Python's gettext, which loads `re` and
`locale`: the same tables, the same checks and the same answers as `gettext.GNUTranslations`,
and the same plural rule (`Plural`, the header's Plural-Forms as gettext's `c2py` reads it),
for a German run that costs what an English one does.

The file: a magic number (either byte order), a revision whose major number is 0 or 1, a count
and two tables of (length, offset) pairs, one for the originals and one for the translations.
An original holds `context\\x04msgid` for a message with a context and `msgid\\x00plural` for one
with plurals, whose translation holds one form after another, parted by `\\x00`. The entry with
an empty original is the header, whose Content-Type names the charset of the entries after it.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Literal

    Rule = Callable[[int], int]
    Order = Literal["little", "big"]

MAGIC = 0x950412DE
SWAPPED = 0xDE120495  # the magic number of a big-endian file, read as little-endian
VERSIONS = (0, 1)
CONTEXT = "\x04"
# The table words as C unsigned ints, read at once where the file's byte order is the machine's.
NATIVE = memoryview(b"").cast("I").itemsize == 4


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


def _word(char: str) -> bool:
    """Whether `char` is part of a word as `re`'s `\\w` sees it."""
    return char.isalnum() or char == "_"


def _number(token: str) -> bool:
    return token != "" and token[0] in _DIGITS


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
            if at < end and _word(text[at]):  # `12n`, `1_`: one invalid word
                raise Damaged(f"invalid token in plural form: {text[start:]}")
            found.append(text[start:at])
        elif char == "n" and not (at + 1 < end and _word(text[at + 1])):
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
    elif _number(token):
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


class _Python:
    """The Python c2py writes, read by Python's own grammar (its precedence is not C's: `not`
    binds looser than a comparison, `and` and `or` give an operand, not 0 or 1) into a rule:
    a function of n made of closures. Nothing of the catalog is ever run as code."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = [*tokens, ""]
        self.at = 0

    def peek(self) -> str:
        return self.tokens[self.at]

    def take(self) -> str:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def whole(self) -> Rule:
        rule = self.expression()
        if self.peek() != "":
            raise Damaged("invalid syntax in plural form")
        return rule

    def expression(self) -> Rule:
        """`body if test else …`, chained to the right."""
        branches: list[tuple[Rule, Rule]] = []
        rule = self.disjunction()
        while self.peek() == "if":
            self.take()
            test = self.disjunction()
            if self.take() != "else":
                raise Damaged("invalid syntax in plural form")
            branches.append((rule, test))
            rule = self.disjunction()
        return _choice(branches, rule) if branches else rule

    def disjunction(self) -> Rule:
        rules = [self.conjunction()]
        while self.peek() == "or":
            self.take()
            rules.append(self.conjunction())
        return _either(rules) if len(rules) > 1 else rules[0]

    def conjunction(self) -> Rule:
        rules = [self.inversion()]
        while self.peek() == "and":
            self.take()
            rules.append(self.inversion())
        return _both(rules) if len(rules) > 1 else rules[0]

    def inversion(self) -> Rule:
        count = 0
        while self.peek() == "not":
            self.take()
            count += 1
        rule = self.comparison()
        return _negation(rule, count % 2 == 1) if count else rule

    def comparison(self) -> Rule:
        first = self.arithmetic(("+", "-"), self.term)
        rest: list[tuple[str, Rule]] = []
        while self.peek() in _COMPARISONS:
            rest.append((self.take(), self.arithmetic(("+", "-"), self.term)))
        return _comparison(first, rest) if rest else first

    def term(self) -> Rule:
        return self.arithmetic(("*", "//", "%"), self.atom)

    def arithmetic(self, operators: tuple[str, ...], operand: Callable[[], Rule]) -> Rule:
        first = operand()
        rest: list[tuple[str, Rule]] = []
        while self.peek() in operators:
            rest.append((self.take(), operand()))
        return _arithmetic(first, rest) if rest else first

    def atom(self) -> Rule:
        token = self.take()
        if token == "n":
            return _n
        if token == "(":
            rule = self.expression()
            if self.take() != ")":
                raise Damaged("invalid syntax in plural form")
            return rule
        if _number(token):
            value = int(token)
            return lambda n: value
        raise Damaged("invalid syntax in plural form")


def _n(n: int) -> int:
    return n


def _choice(branches: list[tuple[Rule, Rule]], otherwise: Rule) -> Rule:
    def rule(n: int) -> int:
        for body, test in branches:
            if test(n):
                return body(n)
        return otherwise(n)

    return rule


def _either(rules: list[Rule]) -> Rule:
    *first, last = rules

    def rule(n: int) -> int:
        for each in first:
            value = each(n)
            if value:
                return value
        return last(n)

    return rule


def _both(rules: list[Rule]) -> Rule:
    *first, last = rules

    def rule(n: int) -> int:
        for each in first:
            value = each(n)
            if not value:
                return value
        return last(n)

    return rule


def _negation(inner: Rule, odd: bool) -> Rule:
    if odd:
        return lambda n: 0 if inner(n) else 1
    return lambda n: 1 if inner(n) else 0


def _comparison(first: Rule, rest: list[tuple[str, Rule]]) -> Rule:
    def rule(n: int) -> int:
        left = first(n)
        for operator, each in rest:
            right = each(n)
            if operator == "==":
                holds = left == right
            elif operator == "!=":
                holds = left != right
            elif operator == "<":
                holds = left < right
            elif operator == ">":
                holds = left > right
            elif operator == "<=":
                holds = left <= right
            else:
                holds = left >= right
            if not holds:
                return 0
            left = right
        return 1

    return rule


def _arithmetic(first: Rule, rest: list[tuple[str, Rule]]) -> Rule:
    def rule(n: int) -> int:
        value = first(n)
        for operator, each in rest:
            right = each(n)
            if operator == "+":
                value += right
            elif operator == "-":
                value -= right
            elif operator == "*":
                value *= right
            elif operator == "//":
                value //= right
            else:
                value %= right
        return value

    return rule


class Plural:
    """A catalog's plural rule: the C expression of its Plural-Forms header (`n != 1`,
    `n%10==1 && n%100!=11 ? 0 : …`), giving the index of the form for a count n exactly as
    gettext's `c2py` does. Its text is read, never run; one c2py refuses is `Damaged`."""

    __slots__ = ("rule", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        if len(text) > MAX_LENGTH:
            raise Damaged("plural form expression is too long")
        try:
            python, end = _as_python(iter(_tokens(text)))
        except RecursionError:
            raise Damaged("plural form expression is too complex") from None
        if end:
            raise Damaged(f"unexpected token in plural form: {end}")
        depth = 0
        for token in python:
            if token == "(":
                depth += 1
                if depth > MAX_DEPTH:
                    raise Damaged("plural form expression is too complex")
            elif token == ")":
                depth -= 1
        self.rule = _Python(python).whole()

    def __call__(self, n: int) -> int | None:
        """The index of the form for `n`, or None where the rule divides by zero (gettext's
        raises; here that count falls back to English)."""
        try:
            return int(self.rule(n))
        except ZeroDivisionError:
            return None


GERMANIC = "n != 1"  # what gettext assumes when the header gives no rule


# -- the catalog ----------------------------------------------------------------------------------


class Catalog:
    """The messages of one `.mo` file, answering as `gettext.GNUTranslations` does."""

    __slots__ = ("charset", "messages", "plural")

    def __init__(
        self, messages: dict[str | tuple[str, int], str], plural: Plural, charset: str | None
    ) -> None:
        self.messages = messages
        self.plural = plural
        self.charset = charset

    def gettext(self, message: str) -> str:
        found = self._single(message)
        return message if found is None else found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._form(singular, n)
        return (singular if n == 1 else plural) if found is None else found

    def pgettext(self, context: str, message: str) -> str:
        found = self._single(f"{context}{CONTEXT}{message}")
        return message if found is None else found

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        found = self._form(f"{context}{CONTEXT}{singular}", n)
        return (singular if n == 1 else plural) if found is None else found

    def _single(self, key: str) -> str | None:
        """A message's translation: its own, or else the form a count of 1 takes."""
        found = self.messages.get(key)
        return self._form(key, 1) if found is None else found

    def _form(self, key: str, n: int) -> str | None:
        """The form of a message with plurals for a count of `n`; None for no such message or
        no such form (an index past the forms, or none: gettext's English)."""
        index = self.plural(n)
        return None if index is None else self.messages.get((key, index))


def _words(data: bytes, start: int, count: int, order: Order) -> list[int]:
    """`count` 32-bit words of `data` from `start`, in the file's byte order."""
    end = start + 4 * count
    if end > len(data):
        raise Damaged("a table runs past the end of the file")
    if NATIVE and order == sys.byteorder:
        return memoryview(data)[start:end].cast("I").tolist()
    return [int.from_bytes(data[at : at + 4], order) for at in range(start, end, 4)]


def _strings(data: bytes, table: list[int]) -> list[bytes]:
    """The strings a table of (length, offset) pairs points at; each must end before the file
    does (gettext's check: a string is followed by its NUL)."""
    lengths, offsets = table[0::2], table[1::2]
    ends = list(map(int.__add__, offsets, lengths))
    if ends and max(ends) >= len(data):
        raise Damaged("a string runs past the end of the file")
    return list(map(data.__getitem__, map(slice, offsets, ends)))


def _header(text: bytes, charset: str | None, plural: Plural) -> tuple[str | None, Plural]:
    """The charset and plural rule a header entry sets, read line by line as gettext does."""
    for line in text.split(b"\n"):
        item = line.decode().strip()
        if not item or (item.startswith("#-#-#-#-#") and item.endswith("#-#-#-#-#")):
            continue
        if ":" not in item:
            continue
        key, value = item.split(":", 1)
        key, value = key.strip().lower(), value.strip()
        try:
            if key == "content-type":
                charset = value.split("charset=")[1]
            elif key == "plural-forms":
                plural = Plural(value.split(";")[1].split("plural=")[1])
        except IndexError:
            raise Damaged(f"a header without its value: {item}") from None
    return charset, plural


def read(data: bytes) -> Catalog:
    """The catalog in `data`, the bytes of a `.mo` file; `Damaged` where gettext would refuse it
    (a bad magic number or revision, a table or string past the end, an entry its charset
    cannot decode, a header without the charset or plural rule it names)."""
    magic = int.from_bytes(data[:4], "little")
    if len(data) < 20 or magic not in (MAGIC, SWAPPED):
        raise Damaged("not a gettext catalog")
    order: Order = "little" if magic == MAGIC else "big"
    version, count, originals, translations = _words(data, 4, 4, order)
    if version >> 16 not in VERSIONS:
        raise Damaged(f"a catalog of revision {version >> 16}")
    keys = _strings(data, _words(data, originals, 2 * count, order))
    values = _strings(data, _words(data, translations, 2 * count, order))
    messages: dict[str | tuple[str, int], str] = {}
    charset: str | None = None
    plural = Plural(GERMANIC)
    try:
        start = 0
        while start < count:
            try:  # the next header: its charset decodes it and the entries after it
                stop = keys.index(b"", start + 1)
            except ValueError:
                stop = count
            if not keys[start]:
                charset, plural = _header(values[start], charset, plural)
            _add(messages, keys[start:stop], values[start:stop], charset or "ascii")
            start = stop
    except (LookupError, ValueError, TypeError) as error:  # no such charset, or not in it
        raise Damaged(str(error)) from None
    return Catalog(messages, plural, charset)


def _add(
    messages: dict[str | tuple[str, int], str],
    keys: list[bytes],
    values: list[bytes],
    charset: str,
) -> None:
    """Entries decoded in `charset` into `messages`: one message as a text, one with plurals as
    its singular and the index of each of its forms."""
    for key, value in zip(keys, values, strict=True):
        if b"\x00" in key:
            singular, _plural = key.split(b"\x00")
            text = str(singular, charset)
            for index, form in enumerate(value.split(b"\x00")):
                messages[text, index] = str(form, charset)
        else:
            messages[str(key, charset)] = str(value, charset)
