"""A page of plain text (a scrape with the markup stripped): audited as text, not markup."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.readers.decode import as_page, decode_html
from auditor.readers.interface import Document, Nested, Reader, Record, Source


class TextReader(Reader):
    kinds = frozenset({"text"})
    suffixes = frozenset({".txt"})

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        data, charset = as_page(source.stream.read())
        yield Document(input=source.name, kind="text", text=decode_html(data, charset),
                       url=source.url, markup=False)
