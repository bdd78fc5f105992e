"""The interface in the reader's language: help, errors, notes and validate follow the locale,
as git's do; `--lang` chooses the article only; machine-readable output never changes."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import KNOWN, subprocess_env
from lastmile_cli import i18n

ROOT = Path(__file__).resolve().parent.parent
Run = Callable[..., tuple[int, str, str]]
LOCALES = {"de": "de_DE.UTF-8", "es": "es_ES.UTF-8", "fr": "fr_FR.UTF-8", "it": "it_IT.UTF-8"}
BROKEN = "language: qaa\nname: Q\ntitle: T\nsections:\n  - id: summary\n    kind: example\n"


@pytest.fixture
def run(clean_env: Path, tmp_path: Path) -> Run:
    """lastmile as its console script runs it (entry.main), in a pipe, with this locale."""

    def call(*args: str, cwd: Path | None = None, **env: str) -> tuple[int, str, str]:
        import subprocess

        result = subprocess.run(
            [sys.executable, "-c", "from lastmile_cli.entry import main; main()", *args],
            capture_output=True,
            env=subprocess_env(LASTMILE_CACHE_DIR=str(clean_env), **env),
            cwd=cwd or tmp_path,
            timeout=60,
        )
        return result.returncode, result.stdout.decode(), result.stderr.decode()

    return call


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "qaa.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


# -- what a reader meets, in each language ------------------------------------------------------

SAID = {
    "de": {
        "help": ["Aufruf: lastmile [OPTIONEN] BEFEHL [ARGUMENTE]...", "Optionen:", "Befehle:"],
        "command help": ["Zeigt den ganzen Artikel", "Diese Hilfe anzeigen und beenden."],
        "usage error": "lastmile: Unbekannter Befehl „explian“. Meinten Sie „explain“? Hilfe erhalten Sie mit „lastmile --help“.",
        "bad value": "Ungültiger Wert für „--width“: 0 liegt nicht im Bereich 1<=x<=10000.",
        "unknown section": "lastmile: unbekannter Abschnitt „nope“. Verfügbar: summary,",
        "content error": "qaa.yaml:5:5: in einem Abschnitt fehlt „title“ (und 2 weitere Probleme;",
        "validate": "lastmile: 1 Datei geprüft: 3 Fehler, 0 Hinweise",
        "note": "lastmile: Hinweis: qaa (",
    },
    "es": {
        "help": ["Uso: lastmile [OPCIONES] ORDEN [ARGUMENTOS]...", "Opciones:", "Órdenes:"],
        "command help": ["Muestra el artículo completo", "Mostrar este mensaje y salir."],
        "usage error": "lastmile: No existe la orden «explian». ¿Quería decir «explain»? Pruebe «lastmile --help» para obtener ayuda.",
        "bad value": "Valor no válido para «--width»: 0 no está en el intervalo 1<=x<=10000.",
        "unknown section": "lastmile: sección desconocida «nope». Disponibles: summary,",
        "content error": "qaa.yaml:5:5: a una sección le falta «title» (y 2 problemas más;",
        "validate": "lastmile: 1 archivo comprobado: 3 errores, 0 notas",
        "note": "lastmile: nota: qaa (",
    },
    "fr": {
        "help": [
            "Utilisation\u00a0: lastmile [OPTIONS] COMMANDE [ARGUMENTS]...",
            "Commandes\u00a0:",
        ],
        "command help": ["Affiche l’article entier", "Afficher ce message et quitter."],
        "usage error": "lastmile\u00a0: Commande inconnue «\u00a0explian\u00a0». Vouliez-vous dire «\u00a0explain\u00a0»\u202f? Essayez «\u00a0lastmile --help\u00a0» pour obtenir de l’aide.",
        "bad value": "Valeur invalide pour «\u00a0--width\u00a0»\u00a0: 0 n’est pas dans l’intervalle 1<=x<=10000.",
        "unknown section": "lastmile\u00a0: section inconnue «\u00a0nope\u00a0». Disponibles\u00a0: summary,",
        "content error": "qaa.yaml:5:5: il manque «\u00a0title\u00a0» à une section (et 2 autres problèmes\u202f;",
        "validate": "lastmile\u00a0: 1 fichier vérifié\u00a0: 3 erreurs, 0 remarque",
        "note": "lastmile\u00a0: remarque\u00a0: il manque à qaa (",
    },
    "it": {
        "help": ["Uso: lastmile [OPZIONI] COMANDO [ARGOMENTI]...", "Opzioni:", "Comandi:"],
        "command help": ["Mostra l’intero articolo", "Mostra questo messaggio ed esci."],
        "usage error": "lastmile: Comando inesistente «explian». Forse intendevi «explain»? Prova «lastmile --help» per un aiuto.",
        "bad value": "Valore non valido per «--width»: 0 non è nell’intervallo 1<=x<=10000.",
        "unknown section": "lastmile: sezione sconosciuta «nope». Disponibili: summary,",
        "content error": "qaa.yaml:5:5: in una sezione manca «title» (e altri 2 problemi;",
        "validate": "lastmile: 1 file controllato: 3 errori, 0 note",
        "note": "lastmile: nota: a qaa (",
    },
}


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(SAID))
@pytest.mark.parametrize(
    "case",
    [
        "help",
        "command help",
        "usage error",
        "bad value",
        "unknown section",
        "content error",
        "validate",
        "note",
    ],
)
def test_the_interface_speaks_the_locales_language(
    run: Run, broken: Path, code: str, case: str
) -> None:
    lang = LOCALES[code]
    expected = SAID[code][case]
    if case == "help":
        status, out, err = run("--help", LANG=lang)
        assert status == 0 and all(line in out for line in expected), out
    elif case == "command help":
        status, out, err = run("explain", "--help", LANG=lang)
        assert status == 0 and all(line in out for line in expected), out
    elif case == "usage error":
        status, out, err = run("explian", LANG=lang)
        assert (status, out, err) == (2, "", f"{expected}\n")
    elif case == "bad value":
        status, out, err = run("explain", "--width", "0", LANG=lang)
        assert status == 2 and expected in err and out == ""
    elif case == "unknown section":
        status, out, err = run("explain", "--section", "nope", LANG=lang)
        assert status == 2 and err.startswith(expected) and out == ""
    elif case == "content error":
        status, out, err = run(
            "explain", "--lang", "qaa", "--data-dir", str(broken.parent), LANG=lang
        )
        assert status == 1 and expected in err, err
    elif case == "validate":
        status, out, err = run("validate", str(broken), LANG=lang)
        assert status == 1 and err.strip().splitlines()[-1] == expected, err
    else:  # a partial file: which sections are shown in English
        partial = broken.parent / "partial"
        partial.mkdir()
        (partial / "qaa.yaml").write_text(
            "language: qaa\nname: Q\ntitle: T\nsections:\n  - id: summary\n    kind: section\n"
            "    title: S\n    paragraphs: [x]\n",
            encoding="utf-8",
        )
        status, out, err = run("explain", "--lang", "qaa", "--data-dir", str(partial), LANG=lang)
        assert status == 0 and err.startswith(expected), err


@pytest.mark.slow
def test_lang_chooses_the_article_and_the_locale_the_interface(run: Run) -> None:
    status, out, err = run("explain", "--lang", "de", "--section", "nope", LANG="fr_FR.UTF-8")
    assert status == 2 and err.startswith("lastmile\u00a0: section inconnue «\u00a0nope\u00a0».")
    status, out, err = run("explain", "--lang", "de", "--section", "summary", LANG="fr_FR.UTF-8")
    assert status == 0 and out.startswith("Was ist ein Scheitern der letzten Meile?")
    status, out, err = run("explain", "--section", "nope", LASTMILE_LANG="de", LANG="C")
    assert err.startswith("lastmile: unknown section 'nope'.")  # LASTMILE_LANG: the article only


@pytest.mark.slow
@pytest.mark.parametrize(
    "env",
    [
        {},
        {"LANG": "C"},
        {"LANG": "C.UTF-8", "LANGUAGE": "de"},  # the C locale: LANGUAGE is ignored
        {"LC_ALL": "POSIX", "LANG": "de_DE.UTF-8"},
        {"LANG": "pt_BR.UTF-8"},  # a language with no catalog: English, silently
        {"LANG": "en_GB.UTF-8"},
    ],
)
def test_english_and_the_c_locale_are_unchanged(run: Run, env: dict[str, str]) -> None:
    assert run("--help", **env) == run("--help")
    assert run("explian", **env) == run("explian")
    assert run("validate", "/nonexistent", **env) == run("validate", "/nonexistent")
    _status, _out, err = run("explian", **env)
    assert err.startswith("lastmile: No such command 'explian'.")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "de_AT.UTF-8"}, "de"),
        ({"LC_MESSAGES": "es_MX.UTF-8", "LANG": "fr_FR.UTF-8"}, "es"),
        ({"LC_ALL": "it_IT.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "it"),
        ({"LANG": "pt_BR.UTF-8", "LANGUAGE": "pt_BR:fr"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LANGUAGE": "de"}, "de"),
        ({"LANG": "C", "LANGUAGE": "de"}, "en"),
        ({"LANG": "pt_BR.UTF-8"}, "en"),
        ({"LASTMILE_LANG": "de"}, "en"),
        ({}, "en"),
    ],
)
def test_the_interface_language_follows_the_locale_rules(
    env: dict[str, str], expected: str
) -> None:
    assert i18n.choose(env) == expected


def test_english_looks_for_no_catalog(tmp_path: Path) -> None:
    """An English or C run does not even list the catalogs, let alone read one."""
    missing = tmp_path / "nowhere"
    for env in ({}, {"LANG": "C"}, {"LANG": "POSIX", "LANGUAGE": "de"}):
        assert i18n.choose(env, str(missing)) == "en"
    assert i18n.setup({"LANG": "C"}) == "en" and i18n.language() == "en"


def test_a_damaged_catalog_leaves_the_interface_in_english(tmp_path: Path) -> None:
    target = Path(i18n.catalog_path("de", str(tmp_path)))
    target.parent.mkdir(parents=True)
    target.write_bytes(b"\x95\x04\x12\xde" + b"\xff" * 40)  # the magic number, then nonsense
    try:
        assert i18n.setup({"LANG": "de_DE.UTF-8"}, str(tmp_path)) == "en"
        assert i18n._("interrupted") == "interrupted"
    finally:
        i18n.setup({})


@pytest.mark.slow
def test_machine_readable_output_is_the_same_in_every_locale(run: Run) -> None:
    for args in (
        ("explain", "--lang", "en", "-f", "json"),
        ("sections", "--lang", "it"),
        ("search", "marathon", "-f", "json"),
        ("compare", "de", "en", "-f", "json", "--section", "summary"),
        ("example", "--lang", "es", "-f", "json"),
    ):
        english = run(*args, LANG="C")
        for lang in LOCALES.values():
            assert run(*args, LANG=lang)[:2] == english[:2], (args, lang)
    _status, out, _err = run("validate", "-f", "json", LANG="de_DE.UTF-8")
    document = json.loads(out)
    assert set(document) == {"schema", "files", "errors", "notes", "problems", "checked_at_build"}
    assert document["checked_at_build"] == ["de", "en", "es", "fr", "it"]  # (codes, not words)


@pytest.mark.slow
def test_cached_problems_are_shown_in_the_language_of_the_run(run: Run, broken: Path) -> None:
    """A broken user file is remembered with its problems; a run in another language does not
    get them in the language of the run that cached them."""
    args = ("languages", "--data-dir", str(broken.parent))
    english = run(*args, LANG="C")[2]
    german = run(*args, LANG="de_DE.UTF-8")[2]
    assert "a section is missing 'title'" in english
    assert "in einem Abschnitt fehlt „title“" in german
    assert run(*args, LANG="C")[2] == english


# -- the catalogs themselves -----------------------------------------------------------------------


def catalogs_module() -> object:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_catalogs_are_whole() -> None:
    """What CI checks (less msgfmt, which a clone may lack): the template is the code's, every
    catalog has every message translated, nothing fuzzy, the same placeholders."""
    module = catalogs_module()
    found = [line for line in module.problems() if "msgfmt" not in line]  # type: ignore[attr-defined]
    assert found == []


@pytest.mark.slow
def test_the_catalog_check_catches_a_wrong_placeholder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = catalogs_module()
    po = tmp_path / "po"
    po.mkdir()
    for name in ("lastmile.pot", "de.po"):
        (po / name).write_bytes((ROOT / "po" / name).read_bytes())
    text = (po / "de.po").read_text(encoding="utf-8")
    (po / "de.po").write_text(
        text.replace('msgstr "Hinweis: {message}"', 'msgstr "Hinweis: {nachricht}"'),
        encoding="utf-8",
    )
    monkeypatch.setattr(module, "PO", po)
    monkeypatch.setattr(module, "TEMPLATE", po / "lastmile.pot")
    found = [line for line in module.problems() if "msgfmt" not in line]  # type: ignore[attr-defined]
    assert found == [
        "po/de.po: placeholders differ: 'note: {message}' -> 'Hinweis: {nachricht}'"
    ] or any("placeholders differ" in line for line in found)


def test_every_built_catalog_is_one_a_reader_can_choose() -> None:
    assert i18n.available() == ["de", "es", "fr", "it"]
    assert sorted(p.stem for p in (ROOT / "po").glob("*.po")) == i18n.available()
    assert all(os.path.getsize(i18n.catalog_path(code)) > 10_000 for code in i18n.available())


# -- typography: each language's quotation marks, apostrophes and spaces --------------------------


def test_every_catalog_has_its_languages_typography() -> None:
    """What `scripts/catalogs.py check` adds for typography (po/glossary.md): no straight quote
    or apostrophe in prose, each language's quotation marks, French non-breaking spaces."""
    module = catalogs_module()
    assert list(module.typography()) == []  # type: ignore[attr-defined]


NB, NNB = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("code", "text", "faulty"),
    [
        ("de", "unbekannter Abschnitt „{value}“.", False),
        ("de", "unbekannter Abschnitt '{value}'.", True),
        ("de", 'unbekannter Abschnitt "{value}".', True),
        ("de", "unbekannter Abschnitt «{value}».", True),
        ("de", "unbekannter Abschnitt „{value}.", True),  # unbalanced
        ("de", "Verfügbar : {choices}.", True),  # French spacing
        ("es", "Pruebe «{command} {option}» para obtener ayuda.", False),
        ("es", "Pruebe „{command}“ para obtener ayuda.", True),
        ("it", "Spiega il fallimento dell’ultimo miglio", False),
        ("it", "Spiega il fallimento dell'ultimo miglio", True),  # a straight apostrophe
        ("it", "  lastmile search turnout -f json | jq -r '.[].section'  code", False),
        ("fr", f"section inconnue «{NB}{{value}}{NB}». Disponibles{NB}: x", False),
        ("fr", f"section inconnue « {{value}} ». Disponibles{NB}: x", True),
        ("fr", f"section inconnue «{NB}{{value}}{NB}». Disponibles : x", True),
        ("fr", f"Vouliez-vous dire {{possibility}}{NNB}?", False),
        ("fr", "Vouliez-vous dire {possibility} ?", True),
        ("fr", "Vouliez-vous dire {possibility}?", True),
        ("fr", f"{{problem}}{NNB}; ce fichier est ignoré", False),
        ("fr", "{problem}; ce fichier est ignoré", True),
        ("fr", f"un «{NB}clé: valeur{NB}» n’est pas permis ici", False),  # a literal is code
        ("fr", f"lastmile{NB}: qaa.yaml:5:5: il manque", False),  # a location is a field
        ("fr", "l’entrée", False),
        ("fr", "l'entrée", True),
    ],
)
def test_the_typography_check_finds_each_fault(code: str, text: str, faulty: bool) -> None:
    module = catalogs_module()
    faults = module.typographic_faults(code, text)  # type: ignore[attr-defined]
    assert bool(faults) is faulty, faults


@pytest.mark.slow
def test_what_code_and_click_build_is_punctuated_as_the_language_does(run: Run) -> None:
    """The headings Click adds, the program's name before a message, and the values Click
    quotes itself read as French in French and as German in German."""
    status, out, _err = run("--help", LANG="fr_FR.UTF-8")
    assert status == 0 and f"\nOptions{NB}:\n" in out and f"\nCommandes{NB}:\n" in out
    status, out, err = run("explain", "--width", "abc", LANG="fr_FR.UTF-8")
    assert (status, out) == (2, "")
    assert err == (
        f"lastmile{NB}: Valeur invalide pour «{NB}--width{NB}»{NB}: «{NB}abc{NB}» n’est pas un"
        f" nombre entier valide. Essayez «{NB}lastmile explain --help{NB}» pour obtenir de l’aide.\n"
    )
    status, out, err = run("explain", "-f", "xml", LANG="de_DE.UTF-8")
    assert err.startswith(
        "lastmile: Ungültiger Wert für „--format“ / „-f“: „xml“ ist keiner dieser Werte:"
        " „text“, „markdown“, „json“, „html“."
    )
    status, out, err = run("explain", "--lnag", "de", LANG="it_IT.UTF-8")
    assert err.startswith("lastmile: Opzione inesistente «--lnag». (Forse intendevi uno di questi:")
    english = run("explain", "--width", "abc", LANG="C")[2]
    assert english == (
        "lastmile: Invalid value for '--width': 'abc' is not a valid integer range."
        " Try 'lastmile explain --help' for help.\n"
    )


# -- nothing English in a localized line -----------------------------------------------------------

# What PyYAML says, or lastmile said in English, that must not reach a localized line.
ENGLISH_YAML = re.compile(
    r"\b(while|found|expected|scanning|parsing|token|quoted|indent|indented|colon|tab|"
    r"the|text|line|column|never|closed|mapping values|YAML syntax)\b"
)
YAML_MISTAKES = {
    "a tab": "language: qaa\nsections:\n\t- id: summary\n",
    "an unclosed quote": 'language: qaa\ntitle: "What\nname: x\n',
    "a quote inside a quoted text": 'language: qaa\ntitle: "He said "hi" to me"\n',
    "an apostrophe inside single quotes": "language: qaa\ntitle: 'l'ultimo miglio'\n",
    "a line indented less": "sections:\n  - id: summary\n    kind: section\n   title: x\n",
    "a line indented more": "sections:\n  - id: summary\n    kind: section\n      title: x\n",
    "key: value inside a text": "language: qaa\ntitle: Note: this is it\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(LOCALES))
@pytest.mark.parametrize("mistake", sorted(YAML_MISTAKES))
def test_yaml_mistakes_are_explained_in_the_language_at_the_same_place(
    run: Run, tmp_path: Path, code: str, mistake: str
) -> None:
    path = tmp_path / "qaa.yaml"
    path.write_text(YAML_MISTAKES[mistake], encoding="utf-8")
    english = run("validate", str(path), LANG="C")[1].splitlines()[0]
    status, out, _err = run("validate", str(path), LANG=LOCALES[code])
    said = out.splitlines()[0]
    where = english.split(": YAML syntax: ")[0]
    assert status == 1 and said.startswith(f"{where}: "), (english, said)
    message = said.removeprefix(f"{where}: ")
    assert not ENGLISH_YAML.search(message), message
    assert catalogs_module().typographic_faults(code, message) == []  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(LOCALES))
def test_languages_names_the_bundled_source_in_the_language(run: Run, code: str) -> None:
    word = {"de": "mitgeliefert", "es": "incluido", "fr": "fourni", "it": "incluso"}[code]
    status, out, _err = run("languages", LANG=LOCALES[code])
    assert status == 0 and all(line.split("\t")[4] == word for line in out.splitlines())
    status, out, _err = run("languages", "-f", "json", LANG=LOCALES[code])
    assert {record["source"] for record in json.loads(out)["languages"]} == {"bundled"}


# -- plurals ----------------------------------------------------------------------------------------

SUMMARIES = {
    "en": ("checked 1 file: 1 error, 2 notes", "checked 2 files: 0 errors, 1 note"),
    "de": ("1 Datei geprüft: 1 Fehler, 2 Hinweise", "2 Dateien geprüft: 0 Fehler, 1 Hinweis"),
    "es": (
        "1 archivo comprobado: 1 error, 2 notas",
        "2 archivos comprobados: 0 errores, 1 nota",
    ),
    "fr": (
        f"1 fichier vérifié{NB}: 1 erreur, 2 remarques",
        f"2 fichiers vérifiés{NB}: 0 erreur, 1 remarque",
    ),
    "it": ("1 file controllato: 1 errore, 2 note", "2 file controllati: 0 errori, 1 nota"),
}


@pytest.mark.parametrize("code", sorted(SUMMARIES))
def test_validate_counts_in_real_plurals(code: str) -> None:
    from lastmile_cli.problems import Problem, Severity
    from lastmile_cli.render import summary
    from lastmile_cli.views import Report

    error, note = Problem("qaa.yaml", 1, 1, "x"), Problem("qaa.yaml", 0, 0, "y", Severity.NOTE)
    i18n.setup({"LANG": LOCALES.get(code, "C")})
    try:
        said = (
            summary(Report(1, (error, note, note)))[0],
            summary(Report(2, (note,)))[0],
        )
    finally:
        i18n.setup({})
    assert said == SUMMARIES[code]


@pytest.mark.slow
@pytest.mark.parametrize("code", ["en", *sorted(LOCALES)])
def test_a_validate_that_finds_no_file_says_so(run: Run, tmp_path: Path, code: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    said = {
        "en": "lastmile: found no language file to check",
        "de": "lastmile: keine Sprachdatei zum Prüfen gefunden",
        "es": "lastmile: no se encontró ningún archivo de idioma que comprobar",
        "fr": f"lastmile{NB}: aucun fichier de langue à vérifier",
        "it": "lastmile: nessun file di lingua da controllare",
    }[code]
    assert run("validate", str(empty), LANG=LOCALES.get(code, "C")) == (0, "", f"{said}\n")
    os.mkfifo(empty / "pt.yaml")  # skipped, and said: one error, still no file checked
    status, _out, err = run("validate", str(empty), LANG=LOCALES.get(code, "C"))
    assert status == 1 and err.startswith(f"{said}{NB if code == 'fr' else ''}: ")


def test_one_missing_section_is_singular() -> None:
    from lastmile_cli import loader

    english = (ROOT / "data" / "en.yaml").read_text(encoding="utf-8")
    partial = english[: english.index("  - id: conclusion")].replace(
        "language: en", "language: qaa"
    )
    _language, problems = loader.check_bytes(
        partial.encode(),
        "qaa.yaml",
        "qaa.yaml",
        complete=False,
        source="x",
        known=KNOWN,
    )
    assert [p.message for p in problems] == ["missing section: conclusion"]


def test_the_catalog_check_catches_a_metavariable_the_help_does_not_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = catalogs_module()
    po = tmp_path / "po"
    po.mkdir()
    text = (ROOT / "po" / "de.po").read_text(encoding="utf-8")
    start = text.index("msgstr", text.index('"directory you pass with --data-dir DIR."'))
    at = text.index("DIR", start)  # the first DIR of one translation, renamed
    (po / "de.po").write_text(text[:at] + "VERZ" + text[at + 3 :], encoding="utf-8")
    monkeypatch.setattr(module, "PO", po)
    found = list(module.typography())  # type: ignore[attr-defined]
    assert len(found) == 1 and "metavariables differ from the help's" in found[0], found


def _mo_header(order: str, revision: int, count: int, originals: int, translations: int) -> bytes:
    words = (0x950412DE, revision, count, originals, translations)
    return b"".join(word.to_bytes(4, order) for word in words)  # type: ignore[arg-type]


@pytest.mark.parametrize("order", ["little", "big"])
@pytest.mark.parametrize(
    ("name", "data", "shaped"),
    [
        ("no magic number", lambda o: b"\x00" * 28, False),
        ("cut before its header ends", lambda o: _mo_header(o, 0, 0, 28, 28)[:19], False),
        ("a revision gettext cannot read", lambda o: _mo_header(o, 2 << 16, 0, 20, 20), False),
        ("minor revision 1", lambda o: _mo_header(o, 1, 0, 20, 20) + b"\x00" * 8, True),
        ("tables past the end", lambda o: _mo_header(o, 0, 1, 20, 28) + b"\x00" * 8, False),
        ("tables just inside", lambda o: _mo_header(o, 0, 1, 20, 20) + b"\x00" * 8, True),
        ("originals past the end", lambda o: _mo_header(o, 0, 1, 36, 20) + b"\x00" * 16, False),
    ],
)
def test_a_catalog_s_shape_is_checked_before_its_language_is_named(
    tmp_path: Path, order: str, name: str, data: Callable[[str], bytes], shaped: bool
) -> None:
    """setup names the interface's language at once, from the file's shape alone (its magic
    number in either byte order, a revision gettext reads, its tables inside the file): a
    damaged catalog is English from the start, not only once a message is asked for."""
    blob = data(order)
    assert i18n._shaped(blob) is shaped, name
    target = Path(i18n.catalog_path("de", str(tmp_path)))
    target.parent.mkdir(parents=True)
    target.write_bytes(blob)
    try:
        named = i18n.setup({"LANG": "de_DE.UTF-8"}, str(tmp_path))
        assert (named == "de") is shaped, name
    finally:
        i18n.setup({})


@pytest.mark.parametrize("order", ["little", "big"])
def test_a_catalog_of_no_messages_in_20_bytes_names_its_language(
    tmp_path: Path, order: str
) -> None:
    """The smallest catalog gettext reads: the header's first five words and no message. Its
    language is the interface's, and every message is said in English."""
    import gettext
    import io

    blob = _mo_header(order, 0, 0, 20, 20)
    assert len(blob) == 20
    assert gettext.GNUTranslations(io.BytesIO(blob)).gettext("interrupted") == "interrupted"
    target = Path(i18n.catalog_path("de", str(tmp_path)))
    target.parent.mkdir(parents=True)
    target.write_bytes(blob)
    try:
        assert i18n.setup({"LANG": "de_DE.UTF-8"}, str(tmp_path)) == "de"
        assert (i18n.language(), i18n._("interrupted")) == ("de", "interrupted")
    finally:
        i18n.setup({})
