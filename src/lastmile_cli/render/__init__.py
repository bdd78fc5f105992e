"""Turning a view (a Document, a Listing, search hits, …) into the text a command prints.

One module per format; `render` picks it from the decision made at the edge.
"""

from __future__ import annotations

from lastmile_cli.output import Output


def render(view: object, output: Output) -> str:
    """The complete output for `view`, ending in a newline (or empty)."""
    if output.format == "json":
        from lastmile_cli.render import json

        return json.render(view, output)
    if output.format == "markdown":
        from lastmile_cli.render import markdown

        return markdown.render(view, output)
    if output.styled:
        from lastmile_cli.render import terminal

        return terminal.render(view, output)
    from lastmile_cli.render import text

    return text.render(view, output)
