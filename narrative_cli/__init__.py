"""narrative: a command-line toolkit for books written in plain text."""

__version__ = "0.1.0"
