"""JSON Lines streamed a line at a time, so a dump of any size reads in bounded memory.

Records are named `input#offset`, the byte offset where the line starts, in `audit` as
in `bulk`: a line's offset is known from the line alone, so a byte-range shard names
its records without reading what precedes it, and a resumed run finds them under the
keys the first run wrote (a line number would need every line before it counted).
A line never holds a raw newline inside JSON, so any byte range splits cleanly at
line ends; a line ends at `\n` only (a JSON string may hold a raw U+2028).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from auditor.readers.decode import as_utf8
from auditor.readers.interface import (
    MAX_PAGE_BYTES,
    RECORD_CAP_FLAG,
    InputError,
    Nested,
    Reader,
    ReadFailure,
    Record,
    Source,
    with_url,
)
from auditor.readers.json_posts import JSON_ERRORS, document_from_object, json_error, load_json
from auditor.readers.sniff import HEAD_BYTES

KIND = "jsonl"


class JsonlReader(Reader):
    kinds = frozenset({KIND})
    suffixes = frozenset({".jsonl", ".ndjson"})
    streamed = True

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        stream = source.stream
        if source.span == (0, None):
            pos = stream.tell()
            head = stream.read(HEAD_BYTES)
            stream.seek(pos)
            if as_utf8(head) is not head:  # UTF-16/32: its lines as UTF-8
                data = stream.read(MAX_PAGE_BYTES)
                stream = io.BytesIO(as_utf8(data))
        for record in read_jsonl_span(stream, source.name, span=source.span,
                                      max_record_bytes=source.max_record_bytes):
            yield with_url(record, source.url)


def read_jsonl_span(stream: BinaryIO, name: str, *, span: tuple[int, int | None] = (0, None),
                    max_record_bytes: int) -> Iterator[Record]:
    """The lines that start in [lo, hi): `lo` rounds up to the next line start."""
    lo, hi = span
    pos = lo
    if lo > 0:
        stream.seek(lo - 1)
        if stream.read(1) != b"\n":
            pos = lo + _skip_line(stream)
    stream.seek(pos)
    while hi is None or pos < hi:
        line = stream.readline(max_record_bytes + 1)
        if not line:
            return
        record_name = f"{name}#{pos}"
        if len(line) > max_record_bytes and not line.endswith(b"\n"):
            size = len(line) + _skip_line(stream)
            pos += size
            yield ReadFailure(record_name, KIND, f"{record_name}: line of {size} bytes is "
                              f"over the {max_record_bytes}-byte cap ({RECORD_CAP_FLAG})")
            continue
        pos += len(line)
        if not line.strip():
            continue
        try:
            obj = load_json(line.decode("utf-8-sig", "replace"))
            yield document_from_object(obj, record_name)
        except JSON_ERRORS as exc:
            yield ReadFailure(record_name, KIND, f"{record_name}: {json_error(exc)}")
        except InputError as exc:
            yield ReadFailure(record_name, KIND, str(exc))


def _skip_line(stream: BinaryIO) -> int:
    """Read to the end of the current line; returns how many bytes that was."""
    total = 0
    while True:
        part = stream.readline(1 << 20)
        total += len(part)
        if not part or part.endswith(b"\n"):
            return total
