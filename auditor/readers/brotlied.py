"""A brotli-compressed page (`x.html.br`, what nginx's brotli_static serves for `x.html`
to every browser that accepts br, Chromium included): decompressed, then read as the
page it holds. Brotli has no magic number, so only the name says a file is one; bytes so
named that do not decompress are an unreadable input, never a skipped one."""

from __future__ import annotations

import io
from collections.abc import Iterator

from auditor.readers.framing import inner_name
from auditor.readers.httpbody import unbrotlied
from auditor.readers.interface import (
    MAX_PAGE_BYTES,
    InputError,
    Member,
    Nested,
    Reader,
    Record,
    Source,
)


class BrotliReader(Reader):
    kinds = frozenset({"brotli"})
    suffixes = frozenset({".br"})
    streamed = True

    def detect(self, head: bytes, name: str) -> str | None:
        return "brotli" if name.lower().endswith(".br") else None

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        limit = min(source.max_record_bytes, MAX_PAGE_BYTES)
        packed = source.stream.read(limit + 1)
        if len(packed) > limit:
            raise InputError(f"{source.name}: more than {limit} bytes of brotli")
        data = unbrotlied(packed, source.name, limit)
        if len(data) > limit:
            raise InputError(f"{source.name}: decompresses to more than {limit} bytes")
        yield from nested(Member(lambda: io.BytesIO(data), source.name,
                                 inner_name(source.name), limit, len(data), whole=True))
