"""Readers turn inputs into Documents; `read_source` sniffs and dispatches."""

from __future__ import annotations

from auditor.readers.interface import Document, InputError, ReadFailure, Record, Skipped
from auditor.readers.sniff import read_page_bytes, read_source, sniff

__all__ = [
    "Document",
    "InputError",
    "ReadFailure",
    "Record",
    "Skipped",
    "read_page_bytes",
    "read_source",
    "sniff",
]
