"""Which language a command uses, and why: from the command line and the environment alone
(the interface's catalog and the article's files are the caller's, article_language.py).

1. `--lang` wins and is strict: a code, a locale or a language's name, else a usage error.
2. Else `LASTMILE_LANG`, in the same forms; a value that is not available falls through.
3. Else the locale, as the tldr client specification says with gettext's precedence: the first
   non-empty of LC_ALL, LC_MESSAGES, LANG. Unset, C or POSIX means English, and LANGUAGE is
   ignored; otherwise each LANGUAGE entry, then the locale itself; the first available wins.
4. Else English.
"""

from __future__ import annotations

from lastmile_cli.errors import UnknownName
from lastmile_cli.locales import (
    LOCALE_VARIABLES,
    from_locale,
    is_c_locale,
    locale_variable,
    match_code,
)
from lastmile_cli.model import FALLBACK, Record
from lastmile_cli.textutil import closest, fold, visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
    from typing import Protocol

    from lastmile_cli.model import Language

    Names = Callable[[], Mapping[str, Sequence[str]]]

    class Listing(Protocol):
        """Whatever lists the languages a run can show (content.Article does)."""

        def available(self) -> Iterable[Language]: ...


VARIABLES = ("LASTMILE_LANG", "LANGUAGE", *LOCALE_VARIABLES)  # all that choosing reads


class Choice(Record):
    """The language a command uses, and a sentence saying where it came from."""

    code: str
    reason: str


def match_name(value: str, names: Mapping[str, Sequence[str]]) -> str | None:
    """The code whose native or English name this is, ignoring case and accents."""
    wanted = fold(value)
    for code, known in names.items():
        if any(fold(name) == wanted for name in known):
            return code
    return None


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
    explain: Callable[[str], str] | None = None,
    configured: tuple[str, str] | None = None,
) -> Choice:
    """Choose the language for one command; raises UnknownName for a bad `--lang`. `explain`
    translates the reason (i18n's `_`); without it the reason is left empty, and the
    interface's catalog unread. `configured` is the configuration file's language and the
    file's path: after LASTMILE_LANG, before the locale, and like it, falling through when not
    available."""
    _ = explain or _unexplained  # (still `_`: the catalogs extract these calls)
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

    variable = locale_variable(env)
    if variable is None:
        return Choice(FALLBACK, skipped + _("default: no locale is set"))
    shown = f"{variable}={visible(env[variable])}"
    if is_c_locale(env[variable]):
        return Choice(
            FALLBACK, skipped + _("default: {setting} is the C locale").format(setting=shown)
        )
    priority = env.get("LANGUAGE", "")
    found = from_locale(env, available)
    if found is not None:
        code, by = found
        setting = f"LANGUAGE={visible(priority)}" if by == "LANGUAGE" else shown
        return Choice(code, skipped + _("from {setting}").format(setting=setting))
    if priority:
        none = _("default: no language from {setting} or {priority} is available")
    else:
        none = _("default: no language from {setting} is available")
    said = none.format(setting=shown, priority=f"LANGUAGE={visible(priority)}")
    return Choice(FALLBACK, skipped + said)


def _unexplained(message: str) -> str:
    return ""


def names_of(article: Listing) -> Callable[[], dict[str, tuple[str, str]]]:
    """Each language's native and English name, read only when a code does not match."""
    return lambda: {lang.code: (lang.name, lang.english_name) for lang in article.available()}
