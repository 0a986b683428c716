"""Reusable widgets of the tabs."""
