"""CSV for spreadsheets, as `pocount --csv` gives it: `lastmile status --format csv` only."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lastmile_cli.output import Output
    from lastmile_cli.views import Status


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Text as a cell no spreadsheet takes for a formula (`=HYPERLINK(…)` in a name): quoted
    with a leading apostrophe, as OWASP advises for CSV."""
    return f"'{text}" if text.startswith(FORMULA) else text


def status(view: Status, output: Output) -> str:
    """A header, then one row per language: its sections, then its English words, by state."""
    import csv
    import io

    from lastmile_cli.progress import STATES

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "language",
            "name",
            "source",
            "sections",
            *STATES,
            "words",
            *(f"{state}_words" for state in STATES),
        ]
    )
    for progress in view.languages:
        writer.writerow(
            [
                progress.language.code,
                cell(progress.language.name),
                cell(progress.language.source),
                len(progress.units),
                *(progress.count(state) for state in STATES),
                progress.total_words,
                *(progress.words(state) for state in STATES),
            ]
        )
    return buffer.getvalue()
