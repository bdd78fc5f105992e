"""Which language a command uses, and why.

1. `--lang` wins and is strict: a code, a locale or a language's name, else a usage error.
2. Else `LASTMILE_LANG`, in the same forms; a value that is not available falls through.
3. Else the locale, as the tldr client specification says with gettext's precedence: the first
   non-empty of LC_ALL, LC_MESSAGES, LANG. Unset, C or POSIX means English, and LANGUAGE is
   ignored; otherwise each LANGUAGE entry, then the locale itself; the first available wins.
4. Else English.
"""

from __future__ import annotations

from lastmile_cli.errors import Misnamed, UnknownName
from lastmile_cli.i18n import _, ngettext
from lastmile_cli.i18n import _ as translate
from lastmile_cli.model import FALLBACK, Language, Record
from lastmile_cli.textutil import closest, fold, visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping, Sequence

    from lastmile_cli.content import Catalog
    from lastmile_cli.settings import Settings

    Names = Callable[[], Mapping[str, Sequence[str]]]

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
VARIABLES = ("LASTMILE_LANG", "LANGUAGE", *LOCALE_VARIABLES)  # all that choosing reads


class Choice(Record):
    """The language a command uses, and a sentence saying where it came from."""

    code: str
    reason: str


def candidates(value: str) -> list[str]:
    """The tags a locale or tag may mean, most specific first: `de_DE.UTF-8@euro` → de-DE, de."""
    base = value.strip().split(".", 1)[0].split("@", 1)[0].replace("_", "-")
    parts = [part for part in base.split("-") if part]
    if not parts or not all(part.isascii() and part.isalnum() for part in parts):
        return []
    tags = [parts[0].lower()]
    for part in parts[1:]:
        tags.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part)
    return ["-".join(tags[:n]) for n in range(len(tags), 0, -1)]


def match_code(value: str, available: Collection[str]) -> str | None:
    """The available code a tag or locale names (case-insensitive), trying `ll-CC` before `ll`."""
    by_lower = {code.lower(): code for code in available}
    for tag in candidates(value):
        if tag.lower() in by_lower:
            return by_lower[tag.lower()]
    return None


def match_name(value: str, names: Mapping[str, Sequence[str]]) -> str | None:
    """The code whose native or English name this is, ignoring case and accents."""
    wanted = fold(value)
    for code, known in names.items():
        if any(fold(name) == wanted for name in known):
            return code
    return None


def is_c_locale(value: str) -> bool:
    return value.split(".", 1)[0] in ("C", "POSIX")


def strict(requested: str, available: Collection[str], names: Names) -> str:
    """The code a language named on the command line means; UnknownName, with a hint, if none."""
    code = match_code(requested, available) or match_name(requested, names())
    if code is None:
        known = sorted(available)
        spelled = [n for ns in names().values() for n in ns] + known
        raise UnknownName("language", visible(requested), known, closest(requested, spelled))
    return code


def resolve(
    requested: str | None,
    env: Mapping[str, str],
    available: Collection[str],
    names: Names,
    explain: bool = True,
    configured: tuple[str, str] | None = None,
) -> Choice:
    """Choose the language for one command; raises UnknownName for a bad `--lang`. Without
    `explain`, the reason is left empty (and the interface's catalog unread, when nothing
    else needs it). `configured` is the configuration file's language and the file's path:
    after LASTMILE_LANG, before the locale, and like it, falling through when not available."""
    _ = translate if explain else _unexplained  # (still `_`: the catalogs extract these calls)
    if requested is not None:
        asked = strict(requested, available, names)
        return Choice(asked, _("from {setting}").format(setting=f"--lang {visible(requested)}"))

    skipped = ""
    preferred = env.get("LASTMILE_LANG")
    if preferred:
        code = match_code(preferred, available) or match_name(preferred, names())
        if code is not None:
            return Choice(
                code, _("from {setting}").format(setting=f"LASTMILE_LANG={visible(preferred)}")
            )
        skipped = _("{setting} is not available; ").format(
            setting=f"LASTMILE_LANG={visible(preferred)}"
        )
    if configured is not None:
        value, where = configured
        code = match_code(value, available) or match_name(value, names())
        setting = f"language = {visible(value)} ({visible(where)})"
        if code is not None:
            return Choice(code, skipped + _("from {setting}").format(setting=setting))
        skipped += _("{setting} is not available; ").format(setting=setting)

    variable = next((v for v in LOCALE_VARIABLES if env.get(v)), None)
    if variable is None:
        return Choice(FALLBACK, skipped + _("default: no locale is set"))
    locale = env[variable]
    shown = f"{variable}={visible(locale)}"
    if is_c_locale(locale):
        return Choice(
            FALLBACK, skipped + _("default: {setting} is the C locale").format(setting=shown)
        )
    priority = env.get("LANGUAGE", "")
    for entry in priority.split(":"):  # (an empty or C entry never names a language)
        code = match_code(entry, available)
        if code is not None:
            setting = f"LANGUAGE={visible(priority)}"
            return Choice(code, skipped + _("from {setting}").format(setting=setting))
    code = match_code(locale, available)
    if code is not None:
        return Choice(code, skipped + _("from {setting}").format(setting=shown))
    if priority:
        none = _("default: no language from {setting} or {priority} is available")
    else:
        none = _("default: no language from {setting} is available")
    said = none.format(setting=shown, priority=f"LANGUAGE={visible(priority)}")
    return Choice(FALLBACK, skipped + said)


# -- with a catalog: the language a command shows ----------------------------------------------


def names_of(catalog: Catalog) -> Callable[[], dict[str, tuple[str, str]]]:
    """Each language's native and English name, read only when a code does not match."""
    return lambda: {lang.code: (lang.name, lang.english_name) for lang in catalog.available()}


def where_to_look(catalog: Catalog) -> str:
    """What an unknown-language error adds for a translator: the files skipped for their name
    (one of them is likely the language asked for), or how to add a language at all."""
    misnamed = [s for s in catalog.skipped if not s.special]
    if misnamed:
        first = misnamed[0]
        if len(misnamed) > 1:
            said = ngettext(
                "Skipped {path} and {count} more: {reason} (see 'lastmile languages').",
                "Skipped {path} and {count} more: {reason} (see 'lastmile languages').",
                len(misnamed) - 1,
            )
        else:
            said = _("Skipped {path}: {reason} (see 'lastmile languages').")
        reason = first.reason.split(";")[0]
        return " " + said.format(path=visible(first.path), count=len(misnamed) - 1, reason=reason)
    if not any(not file.bundled for files in catalog.files().values() for file in files):
        return " " + _(
            "To add one, put its file in your data folder ('lastmile paths data' shows where),"
            " or in a directory you pass with --data-dir DIR."
        )
    return ""


def another(code: str) -> str:
    """A language to suggest beside `code` in an example of `--with`: English, or German."""
    return "de" if code == FALLBACK else FALLBACK


def _unexplained(message: str) -> str:
    return ""


def choose(settings: Settings, catalog: Catalog, explain: bool = True) -> Choice:
    """The language of this run, from --lang, LASTMILE_LANG, the configuration file or the
    locale, and why."""
    try:
        return resolve(
            settings.lang,
            settings.env,
            catalog.codes(),
            names_of(catalog),
            explain,
            settings.configured_lang,
        )
    except UnknownName as error:
        raise error.adding(where_to_look(catalog)) from None


def named(value: str, settings: Settings, catalog: Catalog) -> Language:
    """A language named on the command line: strict, as --lang is."""
    try:
        code = strict(value, catalog.codes(), names_of(catalog))
    except UnknownName as error:
        raise error.adding(where_to_look(catalog)) from None
    return catalog.require(code)


def chosen(settings: Settings, catalog: Catalog) -> Language:
    """The language of this run; one chosen by the environment that cannot load falls back to
    English (a --lang that cannot load is an error)."""
    code = choose(settings, catalog, explain=False).code
    if settings.lang is not None or code == FALLBACK:
        return catalog.require(code)
    return catalog.load(code) or catalog.require(FALLBACK)


def second(value: str, first: Language, settings: Settings, catalog: Catalog) -> Language:
    """The language `--with` names: strict, as --lang is, and not the one already shown."""
    language = named(value, settings, catalog)
    if language.code == first.code:
        other = another(first.code)
        raise Misnamed(
            _(
                "--with '{value}' is {code}, the language already shown; name another one,"
                " such as: --with {other}"
            ).format(value=visible(value), code=first.code, other=other)
        )
    return language
