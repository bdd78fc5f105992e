"""PyYAML's check for characters YAML cannot hold, compiled from a cheaper spelling of the same
set (strict_yaml._prime_non_printable): the same characters, whatever PyYAML spells."""

from __future__ import annotations

import pytest

EVERY_CODE_POINT = "".join(map(chr, range(0x110000)))


def test_the_cheap_spelling_is_the_same_set_of_characters() -> None:
    """Over every code point, surrogates included: what PyYAML's spelling matches, ours does."""
    import re

    from lastmile_cli import strict_yaml

    theirs = re.compile(strict_yaml.PYYAML_NON_PRINTABLE).findall(EVERY_CODE_POINT)
    ours = re.compile(strict_yaml.NON_PRINTABLE).findall(EVERY_CODE_POINT)
    assert ours == theirs
    assert len(ours) == 0x110000 - (3 + 95 + 1 + (0xD800 - 0xA0) + (0xFFFE - 0xE000) + 0x100000)


def test_pyyaml_s_reader_refuses_what_it_refused() -> None:
    """Whatever PyYAML's reader compiled (ours from the cache, or its own), it finds the same
    characters as PyYAML's own spelling does."""
    import re

    import yaml.reader

    from lastmile_cli import strict_yaml

    found = yaml.reader.Reader.NON_PRINTABLE.findall(EVERY_CODE_POINT)
    assert found == re.compile(strict_yaml.PYYAML_NON_PRINTABLE).findall(EVERY_CODE_POINT)


@pytest.mark.slow
def test_pyyaml_gets_the_cheap_spelling_when_it_spells_its_check_as_known() -> None:
    import subprocess
    import sys

    def pattern(code: str) -> str:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                code + "; print(ascii(yaml.reader.Reader.NON_PRINTABLE.pattern))",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return str(eval(done.stdout))  # (ascii() of a str: a literal)

    from lastmile_cli import strict_yaml

    own = pattern("import yaml.reader")
    if own != strict_yaml.PYYAML_NON_PRINTABLE:
        pytest.skip("this PyYAML spells its check otherwise: nothing is primed, nothing changes")
    assert pattern("import lastmile_cli.strict_yaml, yaml.reader") == strict_yaml.NON_PRINTABLE
