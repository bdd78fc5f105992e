"""`lastmile paths`, role by role, in-process: where each place is, what named it, whether it is
there (the command line's own tests are in test_cli.py and test_json.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lastmile_cli.bundle import Bundle
from lastmile_cli.cache import Cache
from lastmile_cli.commands.paths import bundled, cache, config, data
from lastmile_cli.content import Article
from lastmile_cli.output import Output
from lastmile_cli.settings import Settings
from lastmile_cli.views import Place


def settings(
    path_env: dict[str, str], data_dirs: tuple[str, ...] = (), sources: tuple[str, ...] = ()
) -> Settings:
    return Settings(
        output=Output(),
        data_dirs=data_dirs,
        lang=None,
        language_env=(),
        cache_dir=None,
        data_sources=sources,
        path_env=tuple(path_env.items()),
    )


def article() -> Article:
    return Article([], Cache(None))


def test_an_installed_package_s_bundled_files_are_the_package_s(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "lastmile_cli"
    (package / "data").mkdir(parents=True)  # no pyproject.toml two levels up: not a checkout
    installed = article()
    installed.bundle = Bundle(str(package))
    assert bundled(settings({}), installed) == [
        Place("bundled", str(package / "data"), "package", True)
    ]
    checkout = article()
    assert checkout.bundle.checkout is not None  # (the tests run from the source checkout)
    assert bundled(settings({}), checkout) == [
        Place("bundled", checkout.bundle.checkout, "checkout", True)
    ]


def test_the_cache_folder_is_said_to_be_there_only_when_it_is(tmp_path: Path) -> None:
    there = {"LASTMILE_CACHE_DIR": str(tmp_path)}
    assert cache(settings(there), article()) == [
        Place("cache", str(tmp_path), "LASTMILE_CACHE_DIR", True)
    ]
    missing = {"XDG_CACHE_HOME": str(tmp_path / "nowhere")}
    assert cache(settings(missing), article()) == [
        Place("cache", str(tmp_path / "nowhere" / "lastmile"), "XDG_CACHE_HOME", False)
    ]
    off = {"LASTMILE_CACHE_DIR": ""}
    assert cache(settings(off), article()) == [Place("cache", "", "LASTMILE_CACHE_DIR", False)]


def test_the_configuration_file_is_where_its_variable_says_and_there_when_it_is(
    tmp_path: Path,
) -> None:
    written = tmp_path / "my.toml"
    written.write_text('language = "de"\n', encoding="utf-8")
    named = {"LASTMILE_CONFIG": str(written), "HOME": str(tmp_path / "home")}
    assert config(settings(named), article()) == [
        Place("config", str(written), "LASTMILE_CONFIG", True)
    ]
    default = {"HOME": str(tmp_path / "home")}
    expected = str(tmp_path / "home" / ".config" / "lastmile" / "config.toml")
    assert config(settings(default), article()) == [Place("config", expected, "HOME", False)]
    xdg = {"XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path / "home")}
    (tmp_path / "lastmile").mkdir()
    (tmp_path / "lastmile" / "config.toml").write_text("", encoding="utf-8")
    assert config(settings(xdg), article()) == [
        Place("config", str(tmp_path / "lastmile" / "config.toml"), "XDG_CONFIG_HOME", True)
    ]


def test_the_default_data_folder_that_exists_is_said_to_be_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lastmile").mkdir()
    given = tmp_path / "given"
    given.mkdir()
    monkeypatch.chdir(tmp_path)  # (where no folder is named as a source is)
    env = {"XDG_DATA_HOME": str(tmp_path)}
    assert data(settings(env, (str(given),), ("--data-dir",)), article()) == [
        Place("data", str(given), "--data-dir", True),
        Place("data", str(tmp_path / "lastmile"), "XDG_DATA_HOME", True),
    ]
    home = {"HOME": str(tmp_path / "home")}
    assert data(settings(home), article()) == [
        Place("data", str(tmp_path / "home" / ".local" / "share" / "lastmile"), "HOME", False)
    ]
