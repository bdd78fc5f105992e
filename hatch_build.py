"""The build step: the bundled article, checked by the strict loader and packed into the package.

Runs for `uv run` (an editable install), `pip install .` and wheels alike. An editable install
gets `src/lastmile_cli/article.lmp` (a checkout also rebuilds it when `data/` changes, see
bundle.py); a wheel gets it in the package. A data file with any error fails the build.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ArticleHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        source = os.path.join(self.root, "src")
        sys.path.insert(0, source)
        try:
            from lastmile_cli import bundle
            from lastmile_cli.model import Language

            blob, made = bundle.build(
                os.path.join(self.root, "data"), os.path.join(source, "lastmile_cli")
            )
        finally:
            sys.path.remove(source)
        broken = [
            str(p) for value in made.values() if not isinstance(value, Language) for p in value
        ]
        if broken or not made:
            raise RuntimeError(
                "the bundled article does not load:\n" + "\n".join(broken or ["no data/*.yaml"])
            )
        if version == "editable":
            bundle.write(os.path.join(source, "lastmile_cli", bundle.ARTICLE), blob)
            return
        self._work = tempfile.mkdtemp(prefix="lastmile-build-")
        built = os.path.join(self._work, bundle.ARTICLE)
        with open(built, "wb") as stream:
            stream.write(blob)
        build_data["force_include"][built] = f"lastmile_cli/{bundle.ARTICLE}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work:
            shutil.rmtree(work, ignore_errors=True)
