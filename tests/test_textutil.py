"""Near names: textutil.closest (the one nearest choice, in its own spelling, or None) and
matching.nearest (a slip of the keyboard away from a story's name)."""

from __future__ import annotations

from lastmile_cli.textutil import closest


def test_the_closest_choice_is_the_best_of_several_alike() -> None:
    assert closest("marathn", ["marathon", "marathons", "mart"]) == "marathon"


def test_nothing_close_is_none() -> None:
    assert closest("zzz", ["marathon", "summary"]) is None


def test_a_five_letter_slip_of_a_six_letter_name_finds_its_story() -> None:
    from lastmile_cli.matching import nearest

    names = {"police": "policing", "bakery": "bread"}
    assert nearest("polce", names) == "policing"  # a letter missing
    assert nearest("polic", names) == "policing"
    assert nearest("pole", names) is None  # four letters: too short to tell a slip
