"""Generated Qt Designer forms (scripts/build_forms.py)."""
