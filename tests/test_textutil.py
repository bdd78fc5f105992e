"""Near names: textutil.closest (the one nearest choice, in its own spelling, or None) and
matching.nearest (a slip of the keyboard away from a story's name); and textutil.visible's
escapes of what a file name that is not UTF-8 holds."""

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


def test_a_file_name_s_bytes_that_are_not_utf_8_are_echoed_as_the_bytes_they_were() -> None:
    from lastmile_cli.textutil import visible

    name = b"\x80caf\xe9\xff.yaml".decode("utf-8", "surrogateescape")  # as os.fsdecode keeps them
    assert visible(name) == "\\x80caf\\xe9\\xff.yaml"
    # surrogates no byte is decoded to, just outside that range: shown as the code points they are
    assert visible("\udc7f \udd00 \ud800") == "\\udc7f \\udd00 \\ud800"
