"""The interface's language: help, messages and errors in the reader's locale, as git does it.

The interface follows the locale alone (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, by the rules that
choose the article's default language, locales.py); `--lang` and `LASTMILE_LANG`
choose the article only. English, the C locale and a language without a catalog load nothing:
`_` hands its message back as it is. The catalogs are gettext's: `po/<lang>.po` in the
repository, compiled at build time (hatch_build.py) to `locale/<lang>/LC_MESSAGES/lastmile.mo`
beside this module, and read by mo.py (not by Python's gettext, which loads `re` and `locale`
for what is a dictionary lookup). Click's own strings are in the same catalogs:
`translate_click` points Click's modules at them.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import TypeVar

    from lastmile_cli.mo import Catalog

    T = TypeVar("T")

DOMAIN = "lastmile"
ENGLISH = "en"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
# The Click modules whose strings lastmile shows (scripts/catalogs.py extracts the same ones).
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")


_catalog: Catalog | None = None
_language = ENGLISH
_pending: bytes | None = None  # the chosen catalog, read but not parsed: at the first message


def _load() -> None:
    """Parse the chosen catalog, once: a run that says nothing in words never pays for reading
    it. One that cannot be parsed leaves the interface in English, without a word."""
    global _catalog, _language, _pending
    data, _pending = _pending, None
    if data is None:
        return
    from lastmile_cli import mo

    try:
        _catalog = mo.read(data)
    except mo.Damaged:  # a bad plural rule, a table gettext would refuse: English
        _catalog, _language = None, ENGLISH


def _shaped(data: bytes) -> bool:
    """Whether `data` has a gettext catalog's shape: its magic number, a version gettext reads,
    and its two tables inside the file (what gettext itself checks first)."""
    for order in ("little", "big"):
        if int.from_bytes(data[:4], order) == 0x950412DE:
            break
    else:
        return False
    words = [int.from_bytes(data[i : i + 4], order) for i in range(4, 20, 4)]
    if len(data) < 20 or (words[0] >> 16) not in (0, 1):
        return False
    count, originals, translations = words[1], words[2], words[3]
    return max(originals, translations) + 8 * count <= len(data)


def _(message: str) -> str:
    """`message` in the interface's language (as it is, in English)."""
    if _pending is not None:
        _load()
    return message if _catalog is None else _catalog.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for a count of `n`, in the interface's language."""
    if _pending is not None:
        _load()
    if _catalog is None:
        return singular if n == 1 else plural
    return _catalog.ngettext(singular, plural, n)


def warning(message: str) -> str:
    """A message as a warning: `warning: …`, in the interface's language."""
    return _("warning: {message}").format(message=message)


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is defined; `_` translates it where it is shown."""
    return message


def quoted(text: str) -> str:
    """`text` quoted as a value in a sentence of the interface's language: 'x' in English,
    „x“ in German, « x » in French (the catalogs' entry for `'{text}'`)."""
    return _("'{text}'").format(text=text)


def requoted(text: str) -> str:
    """Values Click quoted with repr (`'a'`, `'a', 'b'`, `'--width' / '-w'`) quoted again as
    the interface's language quotes them; in English, and for anything else (such as a value
    repr had to escape), the text as it is."""
    if language() == ENGLISH:
        return text
    import re

    literal = "'[^'\\\\]*'|\"[^\"\\\\]*\""
    if re.fullmatch(f"(?:{literal})(?:(?:, | / )(?:{literal}))*", text) is None:
        return text
    return re.sub(literal, lambda match: quoted(match.group()[1:-1]), text)


# The names Click gives its number types in "'x' is not a valid integer." (its own words).
CLICK_TYPE_NAMES = {
    "integer": N_("integer"),
    "integer range": N_("integer range"),
    "float": N_("float"),
    "float range": N_("float range"),
}
# The fields of Click's messages that it fills with values quoted by repr.
_CLICK_QUOTED = ("possibility", "possibilities", "choice", "choices", "format", "formats")


class ClickText(str):
    """One of Click's messages in the interface's language, whose `format` shows the values
    Click quotes with repr (`{name!r}`, its lists of choices and suggestions) in the language's
    quotation marks, and names its number types in the language."""

    def format(self, *args: object, **kwargs: object) -> str:
        import string

        class Quoting(string.Formatter):
            def convert_field(self, value: object, conversion: str | None) -> object:
                if conversion == "r" and isinstance(value, str):
                    return quoted(value)
                return super().convert_field(value, conversion)

        for name, value in kwargs.items():
            if isinstance(value, str) and name in _CLICK_QUOTED:
                kwargs[name] = requoted(value)
            elif isinstance(value, str) and name == "number_type" and value in CLICK_TYPE_NAMES:
                kwargs[name] = _(CLICK_TYPE_NAMES[value])
        return Quoting().vformat(str(self), args, kwargs)


def _click_gettext(message: str) -> str:
    return ClickText(_(message))


def _click_ngettext(singular: str, plural: str, n: int) -> str:
    return ClickText(ngettext(singular, plural, n))


def language() -> str:
    """The interface's language code: `en` unless a catalog was loaded."""
    if _pending is not None:
        _load()
    return _language


def english(action: Callable[[], T]) -> T:
    """`action()` with the interface in English: what machine output (JSON) says is the same
    under every locale. The catalog is back once it returns, or raises."""
    global _catalog, _language, _pending
    saved = _catalog, _language, _pending
    _catalog, _language, _pending = None, ENGLISH, None
    try:
        return action()
    finally:
        _catalog, _language, _pending = saved


def available(directory: str = LOCALE_DIR) -> list[str]:
    """The languages with a compiled catalog (English needs none)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    found = [n for n in names if os.path.isfile(catalog_path(n, directory))]
    return sorted(found)


def catalog_path(code: str, directory: str = LOCALE_DIR) -> str:
    return os.path.join(directory, code, "LC_MESSAGES", f"{DOMAIN}.mo")


def choose(env: Mapping[str, str], directory: str = LOCALE_DIR) -> str:
    """The interface's language for this environment: the locale's, when it has a catalog."""
    from lastmile_cli.locales import from_locale, is_c_locale, locale_variable

    variable = locale_variable(env)
    if variable is None or is_c_locale(env[variable]):  # English, without looking for catalogs
        return ENGLISH
    found = from_locale(env, [*available(directory), ENGLISH])
    return found[0] if found is not None else ENGLISH


def setup(env: Mapping[str, str], directory: str = LOCALE_DIR) -> str:
    """Choose the interface's catalog for this environment, if it needs one; its language code.

    The catalog is read at the first message (`_load`). One that cannot be read leaves the
    interface in English, without a word: the interface's language is a comfort, never a
    reason for a run to fail.
    """
    global _catalog, _language, _pending
    code = choose(env, directory)
    _catalog, _language, _pending = None, ENGLISH, None
    if code == ENGLISH:
        return ENGLISH
    try:
        with open(catalog_path(code, directory), "rb") as stream:
            data = stream.read()
    except OSError:
        return ENGLISH
    if not _shaped(data):  # truncated, a bad magic number or version: English
        return ENGLISH
    _pending, _language = data, code
    return code


def translate_click() -> None:
    """Point Click's `_` and `ngettext` at the interface's catalog (Click binds gettext's own at
    import, which follows the locale by rules of its own and reads no catalog of ours); the
    values its messages quote are quoted as the language quotes them (ClickText)."""
    if _pending is not None:
        _load()
    if _catalog is None:
        return
    import importlib

    for module in (importlib.import_module(f"click.{name}") for name in CLICK_MODULES):
        if hasattr(module, "_"):
            module._ = _click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _click_ngettext  # type: ignore[attr-defined]
