"""Problems past the limit: counted as errors, and said in one last line."""

from __future__ import annotations

import pytest

from lastmile_cli.problems import MAX_PROBLEMS, Problems
from lastmile_cli.strict_yaml import Stop, StrictYaml


def test_errors_counted_past_the_limit_are_errors_and_said_as_more() -> None:
    problems = Problems("de.yaml")
    for line in range(1, MAX_PROBLEMS + 1):
        problems.add(line, 1, "bad", code="unsafe-character")
    problems.count(5)
    assert (problems.errors, problems.dropped) == (MAX_PROBLEMS + 5, 5)
    assert problems.finish()[-1].message == "5 more problems not shown"


def test_a_file_full_of_unsafe_characters_counts_every_one() -> None:
    problems = Problems("de.yaml")
    with pytest.raises(Stop):
        StrictYaml(problems).read_text(b"a: \x07\n" * (MAX_PROBLEMS + 50))
    assert problems.errors == MAX_PROBLEMS + 50
    assert len(problems.kept) == MAX_PROBLEMS


def test_one_problem_past_the_limit_is_said_in_the_singular_with_its_code() -> None:
    problems = Problems("de.yaml")
    for line in range(1, MAX_PROBLEMS + 2):
        problems.add(line, 1, "bad", code="unsafe-character")
    last = problems.finish()[-1]
    assert (last.path, last.line, last.column) == ("de.yaml", 0, 0)
    assert (last.message, last.code) == ("1 more problem not shown", "more-problems")
