"""A zstd-compressed input (`x.html.zst`, what nginx's zstd_static serves for `x.html`
to Chromium over https; a `.warc.zst`): no zstd decoder ships with Python 3.11, so it is
an unreadable input, one line saying why, never a file a walk passes over. A gate then
fails closed on it (`allow_unreadable` to accept), and `bulk` records it as failed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.readers.httpbody import zstd_unreadable
from auditor.readers.interface import Nested, Reader, Record, Source

_MAGIC = b"\x28\xb5\x2f\xfd"  # a zstd frame's first four bytes (RFC 8878)
# a skippable frame's (0x184D2A50-5F, little-endian): what a `.warc.zst` opens with, its
# dictionary's frame (the WARC zstd extension), before the first record's zstd frame
_SKIPPABLE = re.compile(rb"[\x50-\x5f]\x2a\x4d\x18")


class ZstdReader(Reader):
    kinds = frozenset({"zstd"})
    suffixes = frozenset({".zst", ".zstd"})
    streamed = True

    def detect(self, head: bytes, name: str) -> str | None:
        named = name.lower().endswith((".zst", ".zstd"))
        opens = head.startswith(_MAGIC) or _SKIPPABLE.match(head) is not None
        return "zstd" if named or opens else None

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        raise zstd_unreadable(source.name)
