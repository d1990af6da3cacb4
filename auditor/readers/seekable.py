"""A raw stream of a known number of bytes that seeks anywhere in them: what a zip
member is read through, its bytes in place in the archive (`zip_archive`) or inflated
(`inflating`). One home for the position; each kind says only how it reads."""

from __future__ import annotations

import io


class SeekableRaw(io.RawIOBase):
    """`size` bytes, seekable as a file of their own; a subclass reads them from `_pos`
    (`readinto`). A seek past the end is kept, and reads nothing, as a file's."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self._size, self._pos = size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, pos: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self._size}[whence]
        self._pos = max(0, base + pos)
        return self._pos
