"""The `lastmile` console script: Ctrl-C is handled from the first line, before anything loads.

Until the command line is running, Ctrl-C ends lastmile at once with one line and exit 130
(there is nothing to clean up yet). Then Python's own KeyboardInterrupt takes over, which
`cli.run` turns into the same line and exit code, after restoring the terminal and the pager.
"""

import os
import signal
import sys


def _interrupted(number: int, frame: object) -> None:
    # A line break first, past the terminal's "^C", as Click does for a Ctrl-C while it runs.
    os.write(2, b"\nlastmile: interrupted\n")
    os._exit(130)


signal.signal(signal.SIGINT, _interrupted)  # as this module is imported: the script's first step


def main() -> None:
    """The `lastmile` console script."""
    from lastmile_cli.cli import run

    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(run())


if __name__ == "__main__":  # pragma: no cover - `python -m lastmile_cli` goes through __main__
    main()
