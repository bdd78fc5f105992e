"""The commands, one module each, named as typed: `lastmile explain` is `commands/explain.py`.

`cli.py` imports a command's module only when that command runs (or help lists them all), so a
run pays for building just its own options.
"""
