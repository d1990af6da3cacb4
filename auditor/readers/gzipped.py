"""A gzipped page (a saved `.html.gz`, a JSON dump): decompressed, then read as the page
it holds. A gzipped WARC or tar is no page: the registry resolves those to the WARC and
tar readers, which read gzip themselves (`registry.kind_of`)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.readers.framing import decompressed_page
from auditor.readers.gunzip import gunzipped
from auditor.readers.interface import MAX_PAGE_BYTES, Nested, Reader, Record, Source


class GzipReader(Reader):
    kinds = frozenset({"gzip"})
    suffixes = frozenset({".gz"})
    streamed = True

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        # a single page is small enough to read whole
        limit = min(source.max_record_bytes, MAX_PAGE_BYTES)
        yield from decompressed_page(source, nested,
                                     gunzipped(source.stream, source.name, limit), limit)
