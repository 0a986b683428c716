"""Use cases the GUI and the command line both call: one transaction per user action, plain
dataclasses out, one hierarchy of user-facing errors (twdesk.core.errors). No Qt."""
