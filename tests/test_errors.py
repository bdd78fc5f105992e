"""How lastmile's failures are worded: an OS error's reason, an unknown name's message."""

from __future__ import annotations

import errno

import pytest

from lastmile_cli.errors import UnknownName, listed, reason_of


@pytest.mark.parametrize(
    ("number", "strerror", "said"),
    [
        (errno.EACCES, "Access is denied", "permission denied"),  # lastmile's words, not the OS's
        (errno.ENOSPC, "There is not enough space on the disk", "no space left on device"),
        (errno.ENOENT, None, "no such file or directory"),
    ],
)
def test_a_known_reason_is_said_in_lastmile_s_words(
    number: int, strerror: str | None, said: str
) -> None:
    assert reason_of(OSError(number, strerror)) == said


def test_an_unknown_reason_is_the_system_s_own_words_in_lowercase() -> None:
    assert reason_of(OSError(errno.ENOTSUP, "Operation Not Supported")) == "operation not supported"
    assert reason_of(OSError("Something Broke")) == "something broke"


def test_an_unknown_name_says_what_was_meant_and_what_there_is() -> None:
    said = str(UnknownName("section", "marathn", ["intro", "marathon"], "marathon"))
    assert said == "unknown section 'marathn'. Did you mean 'marathon'? Available: intro, marathon."
    said = str(UnknownName("example", "zzz", ["marathon"], None))
    assert said == "unknown example 'zzz'. Available: marathon."


def test_a_long_list_of_names_says_the_first_and_how_many_more() -> None:
    names = [f"s{n}" for n in range(1, 26)]
    assert listed(names) == ", ".join(names[:20]) + " and 5 more"
    assert listed(names, 10) == ", ".join(names[:10]) + " and 15 more"
    assert listed(names[:21]) == ", ".join(names[:20]) + " and 1 more"
    assert listed(names[:20]) == ", ".join(names[:20])  # (all of them, when they fit)
