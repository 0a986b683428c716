"""Printed output (PDF via reportlab). No Qt here: the CLI and the GUI call the same code."""
