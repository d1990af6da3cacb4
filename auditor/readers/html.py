"""A page of HTML, decoded as browsers decode it (`decode.decode_page`)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.readers.complete import saved_frames
from auditor.readers.decode import decode_page
from auditor.readers.interface import Document, Nested, Reader, Record, Source, names_a_file


class HtmlReader(Reader):
    kinds = frozenset({"html"})
    # what a site serves as pages, and files with no suffix at all
    suffixes = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".php", ".asp", ".aspx",
                          ".jsp", ""})

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        text, readings = decode_page(source.stream.read())
        # a "Save Page As, complete" copy's frames, in the folder saved beside it
        text, frames = saved_frames(source.name, text) if names_a_file(source.name) else (
            text, "")
        yield Document(input=source.name, kind="html", text=text, url=source.url,
                       readings=readings, saved_parts=frames)
