"""PyYAML's check for characters YAML cannot hold, compiled from a cheaper spelling of the same
set (strict_yaml._prime_non_printable): the same characters, whatever PyYAML spells."""

from __future__ import annotations

import pytest
import yaml

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


# -- priming re's cache: the key PyYAML's spelling looks up, and only before PyYAML is loaded --


def test_priming_puts_the_cheap_pattern_under_pyyaml_s_spelling(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import re
    import sys

    from lastmile_cli import strict_yaml

    cache: dict[object, object] = {}
    monkeypatch.setattr(re, "_cache", cache)
    monkeypatch.delitem(sys.modules, "yaml")
    strict_yaml._prime_non_printable()
    primed = cache[(str, strict_yaml.PYYAML_NON_PRINTABLE, 0)]
    assert isinstance(primed, re.Pattern)
    assert primed.pattern == strict_yaml.NON_PRINTABLE


def test_priming_leaves_re_alone_once_pyyaml_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from lastmile_cli import strict_yaml

    cache: dict[object, object] = {}
    monkeypatch.setattr(re, "_cache", cache)  # yaml is in sys.modules: strict_yaml imported it
    strict_yaml._prime_non_printable()
    assert cache == {}


def test_priming_does_nothing_when_re_keeps_no_dict_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    import sys

    from lastmile_cli import strict_yaml

    monkeypatch.setattr(re, "_cache", None)
    monkeypatch.delitem(sys.modules, "yaml")
    strict_yaml._prime_non_printable()  # no error: PyYAML compiles its own
    assert re._cache is None  # type: ignore[attr-defined]


# -- nodes ---------------------------------------------------------------------------------------


def test_nodes_are_equal_by_value_and_place_and_never_equal_to_other_things() -> None:
    from lastmile_cli.strict_yaml import Node

    marked, same, other = Node({}, 1, 2), Node({}, 1, 2), Node({}, 1, 2)
    marked.key_marks["k"] = same.key_marks["k"] = (1, 1)
    other.key_marks["k"] = (1, 2)
    assert marked == same and marked != other and marked != Node({}, 1, 2)
    assert Node("a", 1, 2) == Node("a", 1, 2)
    assert Node("a", 1, 2) != Node("b", 1, 2)
    assert Node("a", 1, 2) != Node("a", 1, 3)
    assert Node("a", 1, 2) != "a"
    assert Node(None, 1, 1) != None  # noqa: E711


# -- PyYAML's errors in words ---------------------------------------------------------------------


def _error(
    text: str,
    problem: str | None,
    at: int | None,
    context: str | None = None,
    began: int | None = None,
) -> yaml.MarkedYAMLError:
    """A PyYAML error as a parser raises it: `problem` at index `at` of `text` (None: no
    place), `context` begun at index `began`."""

    def mark(index: int | None) -> yaml.Mark | None:
        if index is None:
            return None
        line = text.count("\n", 0, index)
        column = index - (text.rfind("\n", 0, index) + 1)
        return yaml.Mark("<file>", index, line, column, text, index)

    return yaml.MarkedYAMLError(context, mark(began), problem, mark(at))


def test_the_line_of_the_last_index_keeps_its_last_character() -> None:
    from lastmile_cli.strict_yaml import _line_of

    assert _line_of("ab\ncd", 4) == ("cd", 1)
    assert _line_of("ab\ncd\n", 1) == ("ab", 1)


def test_an_error_with_no_place_is_not_explained() -> None:
    from lastmile_cli.strict_yaml import explained, syntax_message

    error = _error("a: b", "found something odd", None)
    assert explained(error, "a: b") is None
    assert syntax_message(error, "a: b") == "YAML syntax: found something odd"


def test_a_quote_that_begins_a_line_is_not_a_text_ending_early() -> None:
    """A line that is only a quote up to where the parser stopped: no text ended there."""
    from lastmile_cli.strict_yaml import explained

    text = '"x'
    assert explained(_error(text, "expected <block end>", 1), text) is None
    text = 'a: "x"y'  # a text that ended early, for contrast
    said = explained(_error(text, "expected <block end>", 6), text)
    assert said is not None and said.startswith("a double quote")


def test_a_colon_on_the_first_line_is_not_blamed_on_a_line_above() -> None:
    from lastmile_cli.strict_yaml import explained

    text = "ab:\ncd"
    error = _error(text, "mapping values are not allowed here", 2)
    assert explained(error, text) is None


def test_an_indented_comment_is_no_indentation_to_match() -> None:
    from lastmile_cli.strict_yaml import explained

    text = "a: x\n  # c\n  b: y"
    error = _error(text, "expected <block end>, but found '<block mapping start>'", text.index("b"))
    assert explained(error, text) == (
        "this line is indented to column 3, which matches none of the lines above;"
        " indent it with spaces as far as the key it belongs with"
    )


def test_pyyaml_s_problem_is_said_with_where_its_context_began() -> None:
    from lastmile_cli.strict_yaml import syntax_message

    text = "key: value"
    error = _error(text, "found a thing", 5, "while parsing a block mapping", 0)
    assert syntax_message(error, text) == (
        "YAML syntax: found a thing, while parsing a block mapping that starts at line 1, column 1"
    )


def test_a_context_that_begins_where_the_problem_is_is_not_said_again() -> None:
    from lastmile_cli.strict_yaml import syntax_message

    text = "key: value"
    error = _error(text, "found a thing", 5, "while parsing a block mapping", 5)
    assert syntax_message(error, text) == "YAML syntax: found a thing"


def test_a_problem_with_no_context_is_said_alone() -> None:
    from lastmile_cli.strict_yaml import syntax_message

    text = "key: value"
    error = _error(text, "found a thing", 5)
    assert syntax_message(error, text) == "YAML syntax: found a thing"


def test_a_syntax_error_away_from_a_tab_is_not_a_tab_problem() -> None:
    from lastmile_cli.problems import Problems
    from lastmile_cli.strict_yaml import Stop, StrictYaml

    problems = Problems("<file>")
    with pytest.raises(Stop):
        StrictYaml(problems).parse('a: "b\n')
    assert [problem.code for problem in problems.kept] == ["yaml-syntax"]
    problems = Problems("<file>")
    with pytest.raises(Stop):
        StrictYaml(problems).parse("a:\n\tb: c\n")
    assert [problem.code for problem in problems.kept] == ["tab-indent"]


@pytest.mark.parametrize(
    ("char", "in_key", "said"),
    [
        ("\ufffe", True, "noncharacter U+FFFE is not allowed in a key"),
        ("\ufffe", False, "noncharacter U+FFFE is not allowed in text"),
        ("\u202e", True, "bidirectional control U+202E is not allowed in a key"),
        ("\u202e", False, "bidirectional control U+202E is not allowed in text"),
        ("\u200f", False, "bidirectional control U+200F is not allowed in text"),
        ("\u200e", True, "bidirectional control U+200E is not allowed in a key"),
        ("\u061c", False, "bidirectional control U+061C is not allowed in text"),
        ("\u2028", True, "line or paragraph separator U+2028 is not allowed in a key"),
        ("\x07", True, "control character U+0007 is not allowed in a key"),
        ("\x07", False, "control character U+0007 is not allowed in text"),
    ],
)
def test_each_unsafe_character_is_named_by_its_kind(char: str, in_key: bool, said: str) -> None:
    from lastmile_cli.strict_yaml import unsafe_message

    assert unsafe_message(char, in_key) == said
