"""`python -m lastmile_cli` runs the same entry point as the `lastmile` command."""

from lastmile_cli.entry import main

main()
