"""`lastmile status`: each language's state in the sections of the article this run reads, the
user's own sections included (placed by the outline, not only the English file's)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import MINIMAL, Lastmile
from lastmile_cli.bundle import Bundle

OWN = (
    MINIMAL
    + """\
  - id: my-notes
    kind: section
    title: Notes
    paragraphs:
      - Two words.
"""
)


def states(lastmile: Lastmile, *args: str) -> dict[str, dict[str, str]]:
    result = lastmile("status", *args, "-f", "json")
    assert result.code == 0, result.err
    return {lang["code"]: lang["states"] for lang in json.loads(result.out)["languages"]}


def test_a_section_of_the_users_own_is_counted_where_it_is_and_missed_where_not(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    folder = write_language("qaa", OWN.format(code="qaa")).parent
    write_language("qab")  # (the minimal file: definition only)
    found = states(lastmile, "qaa", "qab", "--data-dir", str(folder))
    bundled = list(Bundle().outline().ids)
    assert "my-notes" not in bundled
    assert list(found["qaa"]) == [*bundled, "my-notes"]
    assert (found["qaa"]["my-notes"], found["qaa"]["definition"]) == ("translated", "translated")
    assert list(found["qab"]) == list(found["qaa"])
    assert (found["qab"]["my-notes"], found["qab"]["summary"]) == ("missing", "missing")
