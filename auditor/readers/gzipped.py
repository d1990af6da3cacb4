"""A gzipped page (a saved `.html.gz`, a JSON dump): decompressed, then read as the page
it holds. A gzipped WARC or tar is no page: the registry resolves those to the WARC and
tar readers, which read gzip themselves (`registry.kind_of`)."""

from __future__ import annotations

import io
from collections.abc import Iterator

from auditor.readers.framing import inner_name
from auditor.readers.gunzip import gunzipped
from auditor.readers.interface import (
    MAX_PAGE_BYTES,
    InputError,
    Member,
    Nested,
    Reader,
    Record,
    Source,
)


class GzipReader(Reader):
    kinds = frozenset({"gzip"})
    suffixes = frozenset({".gz"})
    streamed = True

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        # a single page is small enough to read whole
        limit = min(source.max_record_bytes, MAX_PAGE_BYTES)
        data = gunzipped(source.stream, source.name, limit)
        if len(data) > limit:
            raise InputError(f"{source.name}: decompresses to more than {limit} bytes")
        yield from nested(Member(lambda: io.BytesIO(data), source.name,
                                 inner_name(source.name), limit, len(data), whole=True))
