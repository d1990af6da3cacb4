"""Readers turn inputs into Documents: one `Reader` per input kind (interface.py), all
listed in registry.py, whose `read_source` detects an input's kind and dispatches."""

from __future__ import annotations

from auditor.readers.interface import (
    Document,
    InputError,
    Reader,
    ReadFailure,
    Record,
    Skipped,
    split_member,
)
from auditor.readers.registry import read_source, read_stream
from auditor.readers.sniff import sniff

__all__ = [
    "Document",
    "InputError",
    "ReadFailure",
    "Reader",
    "Record",
    "Skipped",
    "read_source",
    "read_stream",
    "sniff",
    "split_member",
]
