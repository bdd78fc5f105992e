"""Click's own messages in the interface's language, in-process: values Click quotes with repr
re-quoted as the language quotes them (i18n.requoted, ClickText), its number types named in the
language, and Click's `_`/`ngettext` pointed at lastmile's catalog (translate_click). The
subprocess tests (test_i18n.py, test_native.py) pin the same through real runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from lastmile_cli import i18n

NBSP = "\u00a0"


@pytest.fixture
def interface() -> Iterator[Callable[[str], None]]:
    yield lambda locale: i18n.setup({"LANG": locale})
    i18n.setup({})


@pytest.mark.parametrize(
    ("text", "german", "french"),
    [
        ("'a'", "„a“", f"«{NBSP}a{NBSP}»"),
        ("'a', 'b'", "„a“, „b“", f"«{NBSP}a{NBSP}», «{NBSP}b{NBSP}»"),
        ("'--width' / '-w'", "„--width“ / „-w“", f"«{NBSP}--width{NBSP}» / «{NBSP}-w{NBSP}»"),
        ('"it\'s"', "„it's“", f"«{NBSP}it's{NBSP}»"),
        ("'a\\'b'", "'a\\'b'", "'a\\'b'"),  # (repr had to escape: left as it is)
        ("'a' or 'b'", "'a' or 'b'", "'a' or 'b'"),  # (not a list of quoted values)
        ("plain", "plain", "plain"),
        ("", "", ""),
    ],
)
def test_click_s_quoted_values_are_quoted_as_the_language_quotes(
    interface: Callable[[str], None], text: str, german: str, french: str
) -> None:
    assert i18n.requoted(text) == text  # English: as Click wrote it
    interface("de_DE.UTF-8")
    assert i18n.requoted(text) == german
    interface("fr_FR.UTF-8")
    assert i18n.requoted(text) == french


def test_click_text_formats_repr_fields_with_the_language_s_quotes(
    interface: Callable[[str], None],
) -> None:
    interface("de_DE.UTF-8")
    text = i18n.ClickText("{name!r} and {count!r} and {plain} and {0!r}")
    assert text.format("pos", name="x", count=3, plain="y") == "„x“ and 3 and y and „pos“"
    assert isinstance(text, str) and str(text) == "{name!r} and {count!r} and {plain} and {0!r}"


@pytest.mark.parametrize(
    "field", ["possibility", "possibilities", "choice", "choices", "format", "formats"]
)
def test_click_s_lists_of_values_are_requoted(interface: Callable[[str], None], field: str) -> None:
    interface("de_DE.UTF-8")
    said = i18n.ClickText("{" + field + "}").format(**{field: "'a', 'b'"})
    assert said == "„a“, „b“"
    assert i18n.ClickText("{other}").format(other="'a', 'b'") == "'a', 'b'"  # (not Click's list)
    assert i18n.ClickText("{" + field + "}").format(**{field: 7}) == "7"


def test_click_s_number_types_are_named_in_the_language(
    interface: Callable[[str], None],
) -> None:
    text = i18n.ClickText("{value!r} is not a valid {number_type}.")
    assert text.format(value="x", number_type="integer") == "'x' is not a valid integer."
    interface("de_DE.UTF-8")
    assert text.format(value="x", number_type="integer") == "„x“ is not a valid ganze Zahl."
    assert text.format(value="x", number_type="unheard-of") == "„x“ is not a valid unheard-of."
    assert text.format(value="x", number_type=3) == "„x“ is not a valid 3."


def test_click_s_gettext_and_ngettext_give_click_text_in_the_language(
    interface: Callable[[str], None],
) -> None:
    interface("de_DE.UTF-8")
    said = i18n._click_gettext("integer")
    assert isinstance(said, i18n.ClickText) and said == "ganze Zahl"
    assert i18n._click_gettext("no such message, anywhere") == "no such message, anywhere"
    one = i18n._click_ngettext("{n} file", "{n} files", 1)
    many = i18n._click_ngettext("{n} file", "{n} files", 2)
    assert isinstance(one, i18n.ClickText) and isinstance(many, i18n.ClickText)
    assert (one, many) == ("{n} file", "{n} files")  # (not in the catalog: English, by number)


def test_click_is_pointed_at_the_catalog_only_when_there_is_one(
    interface: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    modules = [importlib.import_module(f"click.{name}") for name in i18n.CLICK_MODULES]
    for module in modules:  # (put back after the test, whatever it changes)
        for name in ("_", "ngettext"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, getattr(module, name))
    before = {module.__name__: getattr(module, "_", None) for module in modules}
    i18n.translate_click()  # English: Click's own gettext stays
    assert {module.__name__: getattr(module, "_", None) for module in modules} == before
    interface("de_DE.UTF-8")
    i18n.translate_click()
    pointed = [module for module in modules if hasattr(module, "_")]
    assert pointed and all(module._ is i18n._click_gettext for module in pointed)  # type: ignore[attr-defined]
    assert all(
        module.ngettext is i18n._click_ngettext  # type: ignore[attr-defined]
        for module in modules
        if hasattr(module, "ngettext")
    )
