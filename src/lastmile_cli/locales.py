"""Language tags and locales, read as gettext reads them: the bottom of the stack (the
interface's language, i18n.py, and the article's, language_choice.py, both start here)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def candidates(value: str) -> list[str]:
    """The tags a locale or tag may mean, most specific first: `de_DE.UTF-8@euro` → de-DE, de."""
    base = value.strip().partition(".")[0].partition("@")[0].replace("_", "-")
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


def is_c_locale(value: str) -> bool:
    return value.partition(".")[0] in ("C", "POSIX")


def locale_variable(env: Mapping[str, str]) -> str | None:
    """The variable that sets the locale: the first non-empty of LC_ALL, LC_MESSAGES, LANG."""
    return next((v for v in LOCALE_VARIABLES if env.get(v)), None)


def from_locale(env: Mapping[str, str], available: Collection[str]) -> tuple[str, str] | None:
    """The available code the locale asks for, and the variable that named it: LANGUAGE's
    entries first, then the locale itself. None when no locale is set, the locale is C or
    POSIX (LANGUAGE is then ignored, as gettext ignores it), or none of them is available."""
    variable = locale_variable(env)
    if variable is None or is_c_locale(env[variable]):
        return None
    for entry in env.get("LANGUAGE", "").split(":"):  # (an empty or C entry names none)
        code = match_code(entry, available)
        if code is not None:
            return code, "LANGUAGE"
    code = match_code(env[variable], available)
    return (code, variable) if code is not None else None
