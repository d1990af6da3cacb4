"""A brotli-compressed page (`x.html.br`, what nginx's brotli_static serves for `x.html`
to every browser that accepts br, Chromium included): decompressed, then read as the
page it holds. Brotli has no magic number, so only the name says a file is one; bytes so
named that do not decompress are an unreadable input, never a skipped one."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.readers.framing import decompressed_page
from auditor.readers.httpbody import unbrotlied
from auditor.readers.interface import MAX_PAGE_BYTES, InputError, Nested, Reader, Record, Source


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
        yield from decompressed_page(source, nested, unbrotlied(packed, source.name, limit),
                                     limit)
