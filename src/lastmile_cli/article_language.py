"""Which of the article's languages a run shows: the environment's choice (language_choice.py)
against the article's language files, with what an unknown name's error adds for them."""

from __future__ import annotations

from lastmile_cli.errors import UnknownName, WrongUsage
from lastmile_cli.i18n import _, ngettext
from lastmile_cli.language_choice import Choice, names_of, resolve, strict
from lastmile_cli.model import FALLBACK, Language
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lastmile_cli.content import Article
    from lastmile_cli.settings import Settings


def where_to_look(article: Article) -> str:
    """What an unknown-language error adds for a translator: the files skipped for their name
    (one of them is likely the language asked for), or how to add a language at all."""
    misnamed = [s for s in article.skipped if not s.special]
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
    if not any(not file.bundled for files in article.files().values() for file in files):
        return " " + _(
            "To add one, put its file in your data folder ('lastmile paths data' shows where),"
            " or in a directory you pass with --data-dir DIR."
        )
    return ""


def another(code: str) -> str:
    """A language to suggest beside `code` in an example of `--with`: English, or German."""
    return "de" if code == FALLBACK else FALLBACK


def choose(settings: Settings, article: Article, explain: bool = True) -> Choice:
    """The language of this run, from --lang, LASTMILE_LANG, the configuration file or the
    locale, and why (without `explain`, the reason is left empty)."""
    try:
        return resolve(
            settings.lang,
            settings.env,
            article.codes(),
            names_of(article),
            _ if explain else None,
            settings.configured_lang,
        )
    except UnknownName as error:
        raise error.adding(where_to_look(article)) from None


def named(value: str, article: Article) -> Language:
    """A language named on the command line: strict, as --lang is."""
    try:
        code = strict(value, article.codes(), names_of(article))
    except UnknownName as error:
        raise error.adding(where_to_look(article)) from None
    return article.require(code)


def chosen(settings: Settings, article: Article) -> Language:
    """The language of this run; one chosen by the environment that cannot load falls back to
    English (a --lang that cannot load is an error)."""
    code = choose(settings, article, explain=False).code
    if settings.lang is not None or code == FALLBACK:
        return article.require(code)
    return article.load(code) or article.require(FALLBACK)


def second(value: str, first: Language, article: Article) -> Language:
    """The language `--with` names: strict, as --lang is, and not the one already shown."""
    language = named(value, article)
    if language.code == first.code:
        other = another(first.code)
        raise WrongUsage(
            _(
                "--with '{value}' is {code}, the language already shown; name another one,"
                " such as: --with {other}"
            ).format(value=visible(value), code=first.code, other=other)
        )
    return language
