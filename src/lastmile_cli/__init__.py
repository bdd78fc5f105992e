"""lastmile: explains the last-mile failure from one article in several languages.

The package imports nothing here, so that `import lastmile_cli` stays free for every command.
"""
