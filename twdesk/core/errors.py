"""The one hierarchy of errors a user can act on.

Everything raised for the user — a refused file, a field that cannot be saved, a spreadsheet
with problems, an output that would overwrite something — derives from `UserError`; its `str()`
is the whole Chinese message. The command line prints it and exits with `exit_code`; the GUI
shows it in one kind of message box. Anything else is a bug (logged, exit 70 / crash dialog).
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; `str(e)` says what is wrong and what to do, in Chinese."""

    exit_code = 1
    title = "无法完成"  # the GUI's message box title


class Cancelled(InterruptedError):
    """The user pressed Cancel during long work; nothing was saved or changed."""
