"""A JSON document: one WordPress post or `{url, html}` object, or a list of them."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.readers.decode import as_page
from auditor.readers.interface import Nested, Reader, Record, Source, with_url
from auditor.readers.json_posts import read_json


class JsonReader(Reader):
    kinds = frozenset({"json"})
    suffixes = frozenset({".json"})

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        data, _ = as_page(source.stream.read())
        for record in read_json(data.decode("utf-8-sig", "replace"), source.name):
            yield with_url(record, source.url)
