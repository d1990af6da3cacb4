"""The WARC/ARC reader as the registry lists it, apart from the reading itself.

Importing warcio (and fsspec, which it imports) costs ~0.1 s, more than a small page's
audit: a run that reads no archive (a pre-commit hook on one HTML file) should not pay
it. `auditor.readers.warc` does the reading and keeps warcio's types; it is imported
when a WARC or ARC is first read.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.readers.interface import Nested, Reader, Record, Source


class WarcReader(Reader):
    """WARC and ARC files, plain, per-record gzip or one gzip stream (`framing.is_gzip`
    tells them apart); a record's body is a page by its MIME type, read there."""

    kinds = frozenset({"warc", "arc"})
    suffixes = frozenset({".warc", ".arc"})
    streamed = True

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        from auditor.readers.warc import read_warc

        return read_warc(source.stream, source.name, span=source.span,
                         max_record_bytes=source.max_record_bytes)
