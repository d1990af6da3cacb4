"""A page of HTML, decoded as browsers decode it (`decode.decode_html`)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.readers.decode import as_page, decode_html, other_readings
from auditor.readers.interface import Document, Nested, Reader, Record, Source


class HtmlReader(Reader):
    kinds = frozenset({"html"})
    # what a site serves as pages, and files with no suffix at all
    suffixes = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".php", ".asp", ".aspx",
                          ".jsp", ""})

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        raw = source.stream.read()
        data, charset = as_page(raw)
        yield Document(input=source.name, kind="html", text=decode_html(data, charset),
                       url=source.url, readings=other_readings(raw))
