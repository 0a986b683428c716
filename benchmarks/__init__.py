"""Performance figures, printed as a table by `python3 dev.py bench` (never asserted in tests)."""
