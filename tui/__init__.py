"""Situation Board: the current picture of a crisis, in a terminal."""

__version__ = "0.1.0"
