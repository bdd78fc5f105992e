"""Which language, and why: --lang, LASTMILE_LANG, the locale (tldr spec + gettext), English."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Lastmile
from lastmile_cli.errors import UnknownName
from lastmile_cli.i18n import _
from lastmile_cli.language_choice import Choice, resolve
from lastmile_cli.locales import candidates, from_locale, is_c_locale

AVAILABLE = ["de", "en", "es", "fr", "it", "pt-BR"]
NAMES = {
    "de": ("Deutsch", "German"),
    "en": ("English", "English"),
    "es": ("Español", "Spanish"),
    "fr": ("Français", "French"),
    "it": ("Italiano", "Italian"),
    "pt-BR": ("Português", "Brazilian Portuguese"),
}


def choose(requested: str | None = None, **env: str) -> tuple[str, str]:
    choice = resolve(requested, env, AVAILABLE, lambda: NAMES, _)
    return choice.code, choice.reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("de", ["de"]),
        ("DE", ["de"]),
        ("de_DE.UTF-8", ["de-DE", "de"]),
        ("de-at", ["de-AT", "de"]),
        ("sr_RS.UTF-8@latin", ["sr-RS", "sr"]),
        ("zh-hant-tw", ["zh-Hant-TW", "zh-Hant", "zh"]),
        ("", []),
        ("C", ["c"]),
        ("../etc", []),
        ("de_DE.UTF-8.extra", ["de-DE", "de"]),  # everything after the first dot goes
        ("sr_RS@latin@x", ["sr-RS", "sr"]),  # and after the first @
        ("dé_FR", []),  # letters, but not ASCII
        ("ca_ES_valencia", ["ca-ES-valencia", "ca-ES", "ca"]),  # a variant keeps its case
        ("es_419", ["es-419", "es"]),
    ],
)
def test_candidates(value: str, expected: list[str]) -> None:
    assert candidates(value) == expected


@pytest.mark.parametrize(
    ("requested", "code"),
    [
        ("de", "de"),
        ("DE", "de"),
        ("de_DE.UTF-8", "de"),
        ("de-AT", "de"),
        ("fr_CA", "fr"),
        ("german", "de"),
        ("Deutsch", "de"),
        ("français", "fr"),
        ("francais", "fr"),
        ("FRANCAIS", "fr"),
        ("espanol", "es"),
        ("pt_BR.UTF-8", "pt-BR"),
        ("pt-br", "pt-BR"),
        ("Brazilian Portuguese", "pt-BR"),
    ],
)
def test_lang_option_accepts_codes_locales_and_names(requested: str, code: str) -> None:
    assert choose(requested, LANG="it_IT.UTF-8") == (code, f"from --lang {requested}")


@pytest.mark.parametrize(
    ("requested", "hint"), [("germn", "German"), ("klingon", None), ("", None), ("pt", None)]
)
def test_unknown_lang_is_a_usage_error_with_a_hint(requested: str, hint: str | None) -> None:
    with pytest.raises(UnknownName) as error:
        choose(requested)
    assert error.value.suggestion == hint
    assert error.value.choices == AVAILABLE
    assert "Available: de, en, es, fr, it, pt-BR." in str(error.value)


@pytest.mark.parametrize(
    ("env", "code", "reason"),
    [
        ({}, "en", "default: no locale is set"),
        ({"LANG": "de_DE.UTF-8"}, "de", "from LANG=de_DE.UTF-8"),
        (
            {"LANG": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"},
            "fr",
            "from LC_MESSAGES=fr_FR.UTF-8",
        ),
        (
            {"LANG": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR", "LC_ALL": "es_ES"},
            "es",
            "from LC_ALL=es_ES",
        ),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": ""}, "de", "from LANG=de_DE.UTF-8"),
        ({"LANG": "C"}, "en", "default: LANG=C is the C locale"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "de"}, "en", "default: LANG=C.UTF-8 is the C locale"),
        ({"LANG": "POSIX", "LANGUAGE": "de"}, "en", "default: LANG=POSIX is the C locale"),
        ({"LANGUAGE": "it:de"}, "en", "default: no locale is set"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "it:de"}, "it", "from LANGUAGE=it:de"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "cz:ja:fr"}, "fr", "from LANGUAGE=cz:ja:fr"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "cz:ja"}, "de", "from LANG=de_DE.UTF-8"),
        ({"LANG": "cz", "LANGUAGE": "it:cz:de"}, "it", "from LANGUAGE=it:cz:de"),
        ({"LANG": "ja_JP.UTF-8"}, "en", "default: no language from LANG=ja_JP.UTF-8 is available"),
        (
            {"LANG": "ja_JP", "LANGUAGE": "ko"},
            "en",
            "default: no language from LANG=ja_JP or LANGUAGE=ko is available",
        ),
        ({"LANG": "pt_BR.UTF-8"}, "pt-BR", "from LANG=pt_BR.UTF-8"),
        ({"LANG": "fr_CA.UTF-8"}, "fr", "from LANG=fr_CA.UTF-8"),
        ({"LASTMILE_LANG": "es", "LANG": "de_DE.UTF-8"}, "es", "from LASTMILE_LANG=es"),
        ({"LASTMILE_LANG": "Italiano"}, "it", "from LASTMILE_LANG=Italiano"),
        (
            {"LASTMILE_LANG": "xx", "LANG": "de_DE"},
            "de",
            "LASTMILE_LANG=xx is not available; from LANG=de_DE",
        ),
        ({"LASTMILE_LANG": "", "LANG": "de_DE"}, "de", "from LANG=de_DE"),
        ({"LANG": "de\x1b[2J"}, "en", "default: no language from LANG=de\\u001b[2J is available"),
    ],
)
def test_environment(env: dict[str, str], code: str, reason: str) -> None:
    assert choose(None, **env) == (code, reason)


def test_lang_option_wins_over_everything() -> None:
    assert choose("it", LASTMILE_LANG="es", LC_ALL="de_DE", LANGUAGE="fr")[0] == "it"


def test_names_are_read_only_when_a_code_does_not_match() -> None:
    def names() -> dict[str, tuple[str, str]]:
        raise AssertionError("names were loaded")

    assert resolve("de_DE", {"LANG": "fr_FR", "LASTMILE_LANG": "it"}, AVAILABLE, names).code == "de"
    assert resolve(None, {"LANG": "fr_FR", "LANGUAGE": "es"}, AVAILABLE, names).code == "es"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("C", True),
        ("C.UTF-8", True),
        ("C.UTF-8.x", True),
        ("POSIX", True),
        ("CC", False),
        ("de", False),
    ],
)
def test_c_locales(value: str, expected: bool) -> None:
    assert is_c_locale(value) is expected


def test_c_and_empty_entries_in_language_are_skipped() -> None:
    assert choose(LANG="fr_FR.UTF-8", LANGUAGE="C::POSIX:de") == ("de", "from LANGUAGE=C::POSIX:de")


def test_without_a_translator_the_reason_is_left_empty() -> None:
    assert resolve("de", {}, AVAILABLE, lambda: NAMES) == Choice(code="de", reason="")
    assert resolve(None, {"LANG": "C"}, AVAILABLE, lambda: NAMES) == Choice(code="en", reason="")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({"LANG": "C", "LANGUAGE": "de"}, None),  # (gettext ignores LANGUAGE under C)
        ({"LANG": "POSIX"}, None),
        ({"LANG": "fr_FR.UTF-8"}, ("fr", "LANG")),
        ({"LANG": "fr_FR", "LC_MESSAGES": "it_IT"}, ("it", "LC_MESSAGES")),
        ({"LANG": "fr_FR", "LC_MESSAGES": "it_IT", "LC_ALL": "es_ES"}, ("es", "LC_ALL")),
        ({"LANG": "fr_FR", "LC_ALL": ""}, ("fr", "LANG")),  # (an empty one does not count)
        ({"LANG": "fr_FR", "LANGUAGE": "xx:pt_BR:de"}, ("pt-BR", "LANGUAGE")),
        ({"LANG": "nl_NL", "LANGUAGE": "sv"}, None),
    ],
)
def test_the_locale_asks_for_a_language_as_gettext_reads_it(
    env: dict[str, str], expected: tuple[str, str] | None
) -> None:
    assert from_locale(env, AVAILABLE) == expected


def test_every_setting_that_is_not_available_is_said_before_the_choice() -> None:
    choice = resolve(
        None,
        {"LASTMILE_LANG": "xx", "LANG": "de_DE.UTF-8"},
        AVAILABLE,
        lambda: NAMES,
        _,
        configured=("yy", "/home/me/config.toml"),
    )
    assert choice == Choice(
        code="de",
        reason="LASTMILE_LANG=xx is not available; language = yy (/home/me/config.toml) is not"
        " available; from LANG=de_DE.UTF-8",
    )


# -- with the article's files (article_language.py) --------------------------------------------

SKIPPED = (
    "lastmile: unknown language 'qq'. Available: de, en, es, fr, it. Skipped {path}{more}: the"
    " file name must be a language tag, such as pt-BR.yaml (see 'lastmile languages').\n"
)


def test_an_unknown_language_names_the_files_skipped_for_their_names(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    """A translator who asks for a language whose file was skipped learns why, with how many
    more were skipped too."""
    first = tmp_path / "Deutsch.yaml"
    for count, name in enumerate(("Deutsch.yaml", "Español.yaml", "x y.yaml")):
        (tmp_path / name).write_text("x", encoding="utf-8")
        result = lastmile("explain", "--lang", "qq", "--data-dir", str(tmp_path))
        more = f" and {count} more" if count else ""
        assert (result.code, result.err) == (2, SKIPPED.format(path=first, more=more))


def test_with_the_language_shown_suggests_another(lastmile: Lastmile) -> None:
    for lang, named, other in (("en", "English", "de"), ("de", "Deutsch", "en")):
        result = lastmile("explain", "--lang", lang, "--with", named)
        assert result.code == 2
        assert result.err == (
            f"lastmile: --with '{named}' is {lang}, the language already shown; name another"
            f" one, such as: --with {other}\n"
        )
