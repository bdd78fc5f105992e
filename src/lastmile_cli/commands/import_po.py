"""`lastmile import FILE.po`: a gettext catalog back to a language file, with fingerprints."""

from __future__ import annotations

import os

from lastmile_cli.content import Article
from lastmile_cli.errors import ContentError, LastmileError, WrongUsage
from lastmile_cli.i18n import _
from lastmile_cli.model import FALLBACK
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import Imported


def import_po(
    settings: Settings, article: Article, path: str, output: str | None, force: bool
) -> Imported:
    """The language file the catalog at `path` gives, checked by the strict loader; written to
    `output` (never over a file that exists, unless `force`) or returned to be printed."""
    from lastmile_cli import i18n
    from lastmile_cli.errors import reason_of
    from lastmile_cli.files import SourceError, read_source
    from lastmile_cli.language_yaml import language_file
    from lastmile_cli.loader import check_bytes
    from lastmile_cli.po import MAX_PO_BYTES, read_catalog
    from lastmile_cli.problems import Problem
    from lastmile_cli.progress import progress
    from lastmile_cli.views import Imported
    from lastmile_cli.writing import write_file

    try:
        data, _found = read_source(
            path, MAX_PO_BYTES, _("is larger than 4 MiB; the article's catalog is some 50 KB")
        )
    except SourceError as error:
        raise ContentError(Problem(path, 1, 1, str(error))) from None
    english = article.require(FALLBACK)
    stem = os.path.basename(path).removesuffix(".po").removesuffix(".pot")
    made = read_catalog(data, path, english, stem)
    code = made.language.code
    name = f"{code}.yaml"
    if output is not None and os.path.basename(output) != name:
        raise WrongUsage(
            _(
                "the catalog is for {code}, so its file must be named {name}"
                " (lastmile knows a language file by its name), not {output}"
            ).format(code=code, name=name, output=visible(output))
        )

    def said() -> str:
        return _(
            "{name}: a language file for lastmile, made by `lastmile import` from a gettext"
            " catalog.\nFormat: docs/content-format.md. Check it: lastmile validate {name}"
        ).format(name=name)

    # (in JSON, the file's comment is in English, as all JSON is: docs/json.md)
    comment = i18n.english(said) if settings.output.format == "json" else said()
    text = language_file(made.language, comment)
    loaded, problems = check_bytes(
        text.encode("utf-8"),
        name,
        output or name,
        complete=False,
        source=output or "-",
        known=article.known(),
    )
    if loaded is None or loaded.sections != made.language.sections:
        first = next((p for p in problems if p.severity == "error"), None)
        raise LastmileError(
            _("the language file made from {path} does not load as it should: {problem}").format(
                path=path, problem=first or "-"
            )
        )
    if output is not None:
        try:
            write_file(output, text.encode("utf-8"), overwrite=force)
        except FileExistsError:
            raise LastmileError(
                _("{path} exists; import never replaces a file unasked: add --force").format(
                    path=output
                )
            ) from None
        except OSError as error:
            raise LastmileError(
                _("cannot write {path}: {reason}").format(path=output, reason=reason_of(error))
            ) from None
    return Imported(code, text, output or "", made.notes, progress(loaded, english))


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "import",
        help=_(
            "Turn a gettext catalog (from lastmile export, edited in Poedit or by msgmerge) back"
            " into a language file, with the fingerprints of the English it translates."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile import pt_BR.po                       the language file, on stdout\n"
            "  lastmile import pt_BR.po --output pt-BR.yaml   written to a new file\n"
            "  lastmile import pt_BR.po -o pt-BR.yaml --force  replacing the one you had\n"
            "\n"
            "Exit codes: 0 imported, 1 a broken catalog (file:line:column) or a file that\n"
            "exists, 2 usage error."
        ),
    )
    @parameters("import")
    def callback(**params: Any) -> Call:
        return Call.of(import_po, params)

    return callback
