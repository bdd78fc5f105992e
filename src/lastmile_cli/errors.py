"""The kinds of failure lastmile reports: each defined once, raised deep, shown once at the edge."""

from __future__ import annotations

import errno

from lastmile_cli.i18n import N_, _, ngettext, quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lastmile_cli.problems import Problem


def listed(names: list[str] | tuple[str, ...], most: int = 20) -> str:
    """Names for a message: all of a few, or the first `most` and how many more (a folder of
    the user's may hold thousands of sections)."""
    if len(names) <= most:
        return ", ".join(names)
    more = len(names) - most
    return (
        ", ".join(names[:most])
        + " "
        + ngettext("and {count} more", "and {count} more", more).format(count=more)
    )


class LastmileError(Exception):
    """A runtime or content failure: one line for the user, exit code 1."""


class ContentError(LastmileError):
    """A content file that cannot be used, with where the first problem is."""

    def __init__(self, problem: Problem, more: int = 0, listing: bool = True) -> None:
        """`listing`: `lastmile validate` lists the rest (a language file's problems)."""
        if listing:
            extra = ngettext(
                "(and {count} more problem; run 'lastmile validate')",
                "(and {count} more problems; run 'lastmile validate')",
                more,
            ).format(count=more)
        else:
            extra = ngettext(
                "(and {count} more problem)", "(and {count} more problems)", more
            ).format(count=more)
        super().__init__(str(problem) + (f" {extra}" if more else ""))


class WrongUsage(LastmileError):
    """A usage error found out only with the content (a language named twice, `--with` with
    no example to read, a file name that is not the catalog's language): exit 2."""


class UnknownName(WrongUsage):
    """A language, section or example the user named that does not exist: a usage error."""

    def __init__(
        self, what: str, value: str, choices: list[str], suggestion: str | None, more: str = ""
    ) -> None:
        self.what = what
        self.value = value
        self.choices = choices
        self.suggestion = suggestion
        unknown = {
            "language": _("unknown language '{value}'."),
            "section": _("unknown section '{value}'."),
            "example": _("unknown example '{value}'."),
        }[what].format(value=value)
        hint = ngettext(
            "Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1
        ).format(possibility=quoted(suggestion or ""))
        available = _("Available: {choices}.").format(choices=listed(choices))
        said = f"{unknown} {hint} {available}" if suggestion else f"{unknown} {available}"
        super().__init__(said + more)

    def adding(self, more: str) -> UnknownName:
        """The same error with one more sentence (where to look, what was skipped)."""
        return UnknownName(self.what, self.value, self.choices, self.suggestion, more)


# -- the system's reasons, as a message quotes them ------------------------------------------

REASONS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.ENOENT: N_("no such file or directory"),
    errno.ENOTDIR: N_("not a directory"),
    errno.EISDIR: N_("is a directory"),
    errno.ELOOP: N_("too many levels of symbolic links"),
    errno.ENOSPC: N_("no space left on device"),
    errno.EFBIG: N_("file too large"),
    errno.EROFS: N_("read-only file system"),
    errno.EIO: N_("input/output error"),
    errno.ENAMETOOLONG: N_("file name too long"),
    errno.EMFILE: N_("too many open files"),
}


def reason_of(error: OSError) -> str:
    """An OS error's reason as a message quotes it: "permission denied" (translated when the
    interface has a language of its own; the C library's own words otherwise)."""
    known = REASONS.get(error.errno or 0)
    return _(known) if known else (error.strerror or str(error)).lower()
