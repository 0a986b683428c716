"""`twdesk …`: the command line, a thin layer over the same services the GUI calls.

One module per area (files, roster, duty, visits, ledger); `common` holds the one parent parser
for `--db`, the one way to open the database and the one place that turns a user-facing error
into a Chinese message and an exit code. Every error goes to stderr in Chinese with a non-zero
exit code, never as a traceback.
"""

from twdesk.cli.main import build_parser, gui_main, main

__all__ = ["build_parser", "gui_main", "main"]
