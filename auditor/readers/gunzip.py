"""Gzip read as the readers need it: a page decompressed whole (`gunzipped`), and a
decompressed, seekable view of a stream that records truncation (`Gunzip`)."""

from __future__ import annotations

import gzip
import io
import zlib
from typing import Any, BinaryIO

from auditor.errors import InputError


class Gunzip(io.RawIOBase):
    """A decompressed, seekable view of a gzip stream that records truncation.

    `gzip.GzipFile` drops the bytes it decompressed before a truncation and raises
    EOFError. This view returns every byte it could decompress, then ends as a file
    does, with `truncated` set: readers that read ahead (warcio reads in blocks) keep
    every whole record before the cut, and the caller reports the cut. Bytes after a
    member that do not start another end the stream the same way, kept (their first
    64 KiB) in `trailing`: raising there lost the records read ahead before them.
    Corrupt data raises OSError. Seeking back re-reads from the start (only done to
    resynchronise after damage).
    """

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self._origin = raw.tell()
        self._reset()

    def _reset(self) -> None:
        self._raw.seek(self._origin)
        self._d = zlib.decompressobj(31)
        self._pending = b""
        self._pos = 0
        self._done = False
        self.truncated = False
        self.trailing = b""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, pos: int, whence: int = 0) -> int:
        if whence == 1:
            pos += self._pos
        elif whence == 2:
            raise OSError("cannot seek from the end of a gzip stream")
        if pos < self._pos:
            self._reset()
        while self._pos < pos:
            if not self.read(min(pos - self._pos, 1 << 20)):
                break
        return self._pos

    def readinto(self, buffer: Any) -> int:
        want = len(buffer)
        while not self._pending and not self._done:
            self._fill(want)
        data, self._pending = self._pending[:want], self._pending[want:]
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def _fill(self, want: int) -> None:
        if self._d.eof:  # next member, if any
            rest = self._d.unused_data
            self._d = zlib.decompressobj(31)
            if len(rest) < 2:
                rest += self._raw.read(64 * 1024)
                if not rest:
                    self._done = True
                    return
            if not rest.startswith(b"\x1f\x8b"):
                self._done = True
                self.trailing = rest + self._raw.read(max(0, 64 * 1024 - len(rest)))
                return
            self._d_input(rest, want)
            return
        tail = self._d.unconsumed_tail
        chunk = tail or self._raw.read(64 * 1024)
        if not chunk:
            self._done = True
            self.truncated = True
        self._d_input(chunk, want)

    def _d_input(self, chunk: bytes, want: int) -> None:
        try:
            self._pending = self._d.decompress(chunk, max(want, 64 * 1024))
        except zlib.error as exc:
            self._done = True
            raise OSError(f"gzip stream is corrupt: {exc}") from None


def gunzipped(stream: BinaryIO, name: str, limit: int) -> bytes:
    """A gzipped page's bytes, up to one more than `limit` (the caller says what is over
    it); InputError, one line, when they do not decompress."""
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as plain:
            data: bytes = plain.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{name}: unreadable gzip: {exc}") from None
    return data
