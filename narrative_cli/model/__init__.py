"""Pydantic schemas of every file narrative reads. Schemas only: no I/O, no checks across files."""
