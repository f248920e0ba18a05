"""Screens: the main board, item detail, help."""
