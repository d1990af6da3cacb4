"""A zstd-compressed input (`x.html.zst`, what nginx's zstd_static serves for `x.html`
to Chromium over https; a `.warc.zst`): no zstd decoder ships with Python 3.11, so it is
an unreadable input, one line saying why, never a file a walk passes over. Bytes that
open with its magic are one only when a frame follows (`frame_opens`): Latin-1 text
can open so too. A gate then
fails closed on it (`allow_unreadable` to accept), and `bulk` records it as failed."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.lazy_re import lazy_regex
from auditor.readers.httpbody import zstd_unreadable
from auditor.readers.interface import Nested, Reader, Record, Source

_MAGIC = b"\x28\xb5\x2f\xfd"  # a zstd frame's first four bytes (RFC 8878)
# a skippable frame's (0x184D2A50-5F, little-endian): what a `.warc.zst` opens with, its
# dictionary's frame (the WARC zstd extension), before the first record's zstd frame
_SKIPPABLE = lazy_regex(rb"[\x50-\x5f]\x2a\x4d\x18")


class ZstdReader(Reader):
    kinds = frozenset({"zstd"})
    suffixes = frozenset({".zst", ".zstd"})
    streamed = True

    def detect(self, head: bytes, name: str) -> str | None:
        named = name.lower().endswith((".zst", ".zstd"))
        opens = ((head.startswith(_MAGIC) and frame_opens(head))
                 or _SKIPPABLE.match(head) is not None)
        return "zstd" if named or opens else None

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        raise zstd_unreadable(source.name)


_BLOCK_MAX = 128 * 1024  # a block's largest size (RFC 8878, Block_Maximum_Size)


def frame_opens(head: bytes) -> bool:
    r"""Whether bytes that start with a zstd frame's magic go on as a frame does: its
    header's reserved bit clear, and a first block of a valid type and at most 128 KiB.
    Text that happens to open with the magic (in Latin-1, `(µ/ý`) does not: its block
    header's third byte, a printable character, makes a block of 256 KiB or more. Too
    few bytes to tell is a frame (what cannot be read is unreadable, not passed).

    >>> frame_opens(b"(\xb5/\xfd\x04X\xe1\x00\x00<!doctype html><p>hello</p>")
    True
    >>> frame_opens("(µ/ý <- so beginnt die Seite".encode("latin-1"))
    False
    """
    descriptor = head[4] if len(head) > 4 else 0
    if descriptor & 0x08:  # reserved
        return False
    single = bool(descriptor & 0x20)
    content_size = (1 if single else 0, 2, 4, 8)[descriptor >> 6]
    at = 5 + (0 if single else 1) + (0, 1, 2, 4)[descriptor & 3] + content_size
    if len(head) < at + 3:
        return True
    block = int.from_bytes(head[at:at + 3], "little")
    return (block >> 1) & 3 != 3 and block >> 3 <= _BLOCK_MAX
