"""Every command's options and arguments, and their defaults, written once.

Two parsers read this table: Click's (options.py builds each command's options and arguments
from it, help and completion included) and the shortcut's (shortcut.py answers the common
forms of every command without loading Click). So a default, a spelling or a choice is written
here and nowhere else, and an option added to a command's row is an option of both paths;
tests/test_shortcut.py checks that the Click commands are what this table says.

This module imports nothing: it is read on every run. Help texts are marked with `N_` for the
catalogs (scripts/catalogs.py) and translated where Click builds its options.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

# Shell completion calls `lastmile` back with this variable set (cli.py, shortcut.py).
COMPLETE_VAR = "_LASTMILE_COMPLETE"

FORMATS = ("text", "markdown", "json", "html")
COLORS = ("auto", "always", "never")
SHELLS = ("bash", "zsh", "fish")
ROLES = ("config", "bundled", "data", "cache")  # `lastmile paths`, in the order it lists them
UNITS = ("paragraph", "sentence")  # what `compare --by` pairs

# What a value must be, for Click's type of the same name (options.py) and the shortcut's check
# of it (shortcut.py): "text" anything, "choice" one of `choices`, "width" a number of columns,
# "shell" one of SHELLS, "directory" a readable directory, "path" an existing readable path, "file" an existing
# readable file, "new file" a path that is not a directory.
KINDS = ("text", "choice", "shell", "width", "directory", "path", "file", "new file")
WIDTHS = (1, 10000)  # the range of --width


def N_(message: str) -> str:
    return message


class Option:
    """One option: its spellings (`off` the spelling that sets a switch to False), the
    parameter it sets, whether it takes a value, is repeatable, or is a flag, its default, and
    whether a configuration file's value stands in for it (then Click passes None when it is
    not given, and settings.build falls back to the file, then to `default`)."""

    __slots__ = (
        "choices",
        "complete",
        "configured",
        "default",
        "dest",
        "flag",
        "help",
        "hidden",
        "kind",
        "metavar",
        "multiple",
        "names",
        "off",
        "shown",
    )

    def __init__(
        self,
        names: Sequence[str],
        dest: str,
        *,
        help: str,
        kind: str = "text",
        choices: tuple[str, ...] = (),
        default: object = None,
        multiple: bool = False,
        flag: bool = False,
        off: str | None = None,
        configured: bool = False,
        metavar: str | None = None,
        complete: str | None = None,
        hidden: bool = False,
        shown: bool = False,
    ) -> None:
        self.names = tuple(names)
        self.dest = dest
        self.kind = kind
        self.choices = choices
        self.default = default
        self.multiple = multiple
        self.flag = flag
        self.off = off
        self.configured = configured
        self.metavar = metavar
        self.complete = complete  # the name of a completion function in options.py
        self.help = help
        self.hidden = hidden  # (in Click only: the shortcut leaves a hidden option to Click)
        self.shown = shown  # whether --help shows the default

    @property
    def passed(self) -> object:
        """What Click passes to the command when the command line does not give the option."""
        if self.configured:
            return None
        if self.multiple:
            return ()
        return False if self.flag and self.off is None else self.default


class Argument:
    """One positional argument: one value (`required`, or optional), or any number (`many`)."""

    __slots__ = ("choices", "complete", "dest", "kind", "many", "metavar", "nonblank", "required")

    def __init__(
        self,
        dest: str,
        *,
        metavar: str | None = None,
        kind: str = "text",
        choices: tuple[str, ...] = (),
        required: bool = True,
        many: bool = False,
        complete: str | None = None,
        nonblank: bool = False,
    ) -> None:
        self.dest = dest
        self.metavar = metavar
        self.kind = kind
        self.choices = choices
        self.required = required
        self.many = many
        self.complete = complete
        self.nonblank = nonblank  # a value without a word is a usage error (the command's own)

    @property
    def passed(self) -> object:
        """What Click passes when the command line gives no value."""
        return () if self.many else None


# -- the options ------------------------------------------------------------------------------

LANG = Option(
    ("--lang", "-l"),
    "lang",
    metavar="LANG",
    complete="languages",
    help=N_("Language: a code (de), a locale (de_AT.UTF-8) or a name (German, Deutsch)."),
)
FORMAT = Option(
    ("--format", "-f"),
    "fmt",
    kind="choice",
    choices=FORMATS,
    default="text",
    configured=True,
    shown=True,
    help=N_("Output format."),
)
COLOR = Option(
    ("--color", "--colour"),
    "color",
    kind="choice",
    choices=COLORS,
    default="auto",
    configured=True,
    shown=True,
    help=N_("Colour on a terminal; 'always' also in a pipe."),
)
WIDTH = Option(
    ("--width",),
    "width",
    kind="width",
    metavar="N",
    help=N_("Wrap text at N columns (default: no wrapping in a pipe, the window on a terminal)."),
)
PAGER = Option(
    ("--pager",),
    "pager",
    flag=True,
    off="--no-pager",
    help=N_("Page output on a terminal (default: when taller than the window)."),
)
DATA_DIR = Option(
    ("--data-dir",),
    "data_dir",
    kind="directory",
    multiple=True,
    metavar="DIR",
    help=N_("Extra language files; repeatable, earlier wins [env: LASTMILE_DATA_DIR]."),
)
WITH = Option(
    ("--with",),
    "with_lang",
    metavar="LANG",
    complete="languages",
    help=N_(
        "Read sentence by sentence, each sentence followed by its counterpart in LANG"
        " (a code, a locale or a name)."
    ),
)
SECTION = Option(
    ("--section", "-s"),
    "sections",
    multiple=True,
    metavar="ID",
    complete="sections",
    help=N_("Only this section (id, title or alias); repeatable. Shown in article order."),
)

OUTPUT = (FORMAT, COLOR, WIDTH, PAGER, DATA_DIR)  # every command's, but for --lang
COMMON = (*OUTPUT, LANG)  # (--help lists --lang last)

# -- the commands -----------------------------------------------------------------------------

# Each command's parameters in the order --help lists them.
COMMANDS: dict[str, tuple[Option | Argument, ...]] = {
    "compare": (
        Argument("first", metavar="LANG", complete="languages"),
        Argument("second", metavar="LANG", complete="languages"),
        SECTION,
        Option(
            ("--by",),
            "by",
            kind="choice",
            choices=UNITS,
            default="paragraph",
            shown=True,
            help=N_(
                "Pair paragraphs, or sentences (found where a translator merged or split them)."
            ),
        ),
        # compare takes its languages as arguments; --lang is there to say so (commands/compare.py)
        Option(("--lang", "-l"), "lang", hidden=True, help="(not for compare)"),
        *OUTPUT,
    ),
    "completion": (Argument("shell", metavar="SHELL", kind="shell", choices=SHELLS), *OUTPUT),
    "example": (Argument("name", required=False, complete="examples"), WITH, *COMMON),
    "explain": (SECTION, WITH, *COMMON),
    "export": (Argument("code", metavar="LANG", complete="languages"), *OUTPUT),
    "fingerprint": (
        Argument("paths", metavar="FILE...", kind="file", many=True),
        Option(
            ("--section", "-s"),
            "sections",
            multiple=True,
            metavar="ID",
            complete="sections",
            help=N_(
                "Only this section (an id), whether or not it records a fingerprint; repeatable."
                " Use it for a section you reviewed after the English changed."
            ),
        ),
        *OUTPUT,
    ),
    "import": (
        Argument("path", metavar="FILE.po", kind="file"),
        Option(
            ("--output", "-o"),
            "output",
            kind="new file",
            metavar="FILE",
            help=N_("Write the language file here (named LANG.yaml), not to stdout."),
        ),
        Option(
            ("--force",), "force", flag=True, help=N_("Replace the --output file if it exists.")
        ),
        *OUTPUT,
    ),
    "languages": COMMON,
    "paths": (
        Argument(
            "roles", metavar="[ROLE]...", kind="choice", choices=ROLES, many=True, required=False
        ),
        *OUTPUT,
    ),
    "search": (
        Argument("query", nonblank=True),
        Option(
            ("--lang", "-l"),
            "langs",
            multiple=True,
            metavar="LANG",
            complete="languages",
            help=N_(
                "Search only this language; repeatable (default: all). A code (de), a locale"
                " (de_AT.UTF-8) or a name (German, Deutsch)."
            ),
        ),
        *OUTPUT,
    ),
    "sections": COMMON,
    "status": (
        Argument("codes", metavar="[LANG]...", many=True, required=False, complete="languages"),
        Option(
            FORMAT.names,
            FORMAT.dest,
            kind="choice",
            choices=(*FORMATS, "csv"),
            default=FORMAT.default,
            configured=True,
            shown=True,
            help=FORMAT.help,
        ),
        *OUTPUT[1:],
    ),
    "template": (
        Argument("code", metavar="LANG"),
        Option(
            ("--example",),
            "examples",
            multiple=True,
            metavar="NAME",
            complete="examples",
            help=N_(
                "Only this example: one of the article's (its text to translate or rewrite), or a"
                " new id for a story of your own; repeatable."
            ),
        ),
        Option(
            ("--section",),
            "sections",
            multiple=True,
            metavar="ID",
            complete="sections only",
            help=N_("Only this section, or a new id for a section of your own; repeatable."),
        ),
        *OUTPUT,
    ),
    "validate": (
        Argument("paths", metavar="[PATH]...", kind="path", many=True, required=False),
        Option(
            ("--strict",),
            "strict",
            flag=True,
            help=N_("Missing and stale sections are errors, not notes."),
        ),
        *OUTPUT,
    ),
}
# A command's module in commands/ (and its function), where the command's name is a keyword.
MODULES = {"import": "import_po"}


def module_of(name: str) -> str:
    """The name of the module in `commands/` for the command `name`, and of its function."""
    return MODULES.get(name, name)
