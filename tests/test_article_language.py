"""Which of the article's languages a run shows, in-process: the choice made without a word of
the interface's (so a run that shows only the article never reads its catalog)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from lastmile_cli import i18n, mo
from lastmile_cli.article_language import chosen
from lastmile_cli.cache import Cache
from lastmile_cli.content import Article
from lastmile_cli.settings import build

GERMAN = {"LANG": "de_DE.UTF-8"}


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bytes]]:
    """The catalogs the interface parses while the test runs (the German one is chosen)."""
    found: list[bytes] = []
    read = mo.read

    def reading(data: bytes) -> mo.Catalog:
        found.append(data)
        return read(data)

    monkeypatch.setattr(mo, "read", reading)
    try:
        yield found
    finally:
        i18n.setup({})


@pytest.mark.parametrize(
    ("options", "env", "code"),
    [
        ({}, GERMAN, "de"),  # the locale's
        ({}, {**GERMAN, "LASTMILE_LANG": "fr"}, "fr"),
        ({"lang": "it"}, GERMAN, "it"),
        ({}, {**GERMAN, "LASTMILE_LANG": "xx"}, "de"),  # not available: the locale's
    ],
)
def test_the_article_language_is_chosen_without_reading_the_interface_catalog(
    parsed: list[bytes], options: dict[str, str], env: dict[str, str], code: str
) -> None:
    """The reason for the choice is for `languages` only: the piped `explain` and `example`
    say nothing in words, so they never pay for parsing the catalog (tests/test_startup.py
    watches the same from outside)."""
    settings = build(options, env, io.StringIO())
    article = Article([], Cache(None))
    assert i18n.setup(env) == "de"
    assert chosen(settings, article).code == code
    assert parsed == []
    assert i18n._("warning: {message}") == "Warnung: {message}"  # the first word parses it
    assert len(parsed) == 1
