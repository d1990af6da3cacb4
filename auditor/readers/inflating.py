"""A deflated zip member as a seekable file whose seeks back cost little, and whose
reading is bounded.

`zipfile` seeks back in a member by inflating it again from its start, and a WARC reader
finding its way past damage seeks back once a candidate record start: a WACZ (or zip) of
33 KB holding a deflated WARC of a 32 MiB record and 40 damaged ones took 5 s, growing
with their number times the record's size (1,000 of them after 512 MiB: hours). Here the
inflater is copied (`zlib.decompressobj().copy()`) every so often as it goes, and the
latest bytes it gave are kept: a seek back is served from those bytes or resumed from the
nearest copy before it, never from the member's start. What it inflates in all, seeks
back included, is bounded by a multiple of the member's declared size (`work_budget`):
past it, the member is one failure, said in one line, and the archive is read on.
"""

from __future__ import annotations

import lzma
import zlib
from collections.abc import Callable
from typing import Any, BinaryIO

from auditor.errors import InputError
from auditor.readers.seekable import SeekableRaw

_IN_CHUNK = 1 << 14  # compressed bytes fed at once: at most ~16 MiB inflated from them
_OUT_STEP = 1 << 20  # bytes inflated at once
_RECENT = 4 << 20  # the latest inflated bytes kept: a resync's seek back lands in them
_MIN_INTERVAL = 1 << 20  # bytes inflated between two copies of the inflater, at least
_MAX_CHECKPOINTS = 256  # copies kept (~40 KB each)
# what a member may cost to inflate, seeks back included: this many times its size, and
# this much more (a page seeks back a few times; a WARC once per damaged record)
_WORK_TIMES = 4
_WORK_EXTRA = 256 << 20
# a member declaring more than this many times its compressed size is no page: deflate
# reaches ~1,032 to 1 at most (bzip2 and LZMA, on padding, a million)
MAX_INFLATE_RATIO = 1100


def work_budget(size: int) -> int:
    """The bytes a member of `size` may inflate in all, seeks back included."""
    return _WORK_TIMES * size + _WORK_EXTRA


class OverBudget(InputError):
    """A member that would take more inflating than its size warrants."""

    def __init__(self, name: str, size: int, budget: int) -> None:
        super().__init__(
            f"{name}: reading it would inflate over {budget} bytes for a member of {size} "
            "(seeking back in it again and again: a crafted archive?); not read further")


class Inflating(SeekableRaw):
    """The `size` bytes raw deflate data in `compressed` inflates to, seekable; or, given
    `fresh` (a bzip2 or LZMA `Unpacker`'s maker), those its data unpacks to, each call
    bounded as the inflater's: one it cannot copy is made afresh at each seek back
    before what is kept, from the member's start, as zipfile did."""

    def __init__(self, compressed: BinaryIO, size: int, name: str,
                 fresh: Callable[[], Any] | None = None) -> None:
        super().__init__(size)
        self._in, self._name = compressed, name
        self._fresh = fresh or (lambda: zlib.decompressobj(-15))
        self._copies = fresh is None
        self._budget = work_budget(size)
        self._interval = max(_MIN_INTERVAL, size // _MAX_CHECKPOINTS)
        self._worked = 0
        # (inflated offset, compressed offset, inflater (None: a fresh one), input it had
        # not yet taken)
        self._checkpoints: list[tuple[int, int, Any, bytes]] = []
        self._restart(0, 0, self._fresh(), b"")
        self._checkpoints.append((0, 0, self._d.copy() if self._copies else None, b""))

    def _restart(self, out: int, consumed: int, d: Any, tail: bytes) -> None:
        self._out, self._consumed, self._d, self._tail = out, consumed, d, tail
        self._recent = bytearray()  # inflated bytes ending at self._out

    def readinto(self, buffer: Any) -> int:
        want = min(len(buffer), self._size - self._pos)
        if want <= 0:
            return 0
        if not self._out - len(self._recent) <= self._pos <= self._out:
            if self._pos < self._out:
                self._resume()
            while self._out < self._pos:  # skipped, as a read would
                if not self._step():
                    break
        while self._pos == self._out:
            if not self._step():
                return 0
        at = self._pos - (self._out - len(self._recent))
        data = self._recent[at:at + want]
        buffer[:len(data)] = data
        self._pos += len(data)
        return len(data)

    def _resume(self) -> None:
        """Go back to the latest copy of the inflater at or before the position."""
        for out, consumed, d, tail in reversed(self._checkpoints):
            if out <= self._pos:
                self._restart(out, consumed, self._fresh() if d is None else d.copy(), tail)
                return

    def _step(self) -> bool:
        """Inflate the next bytes into `_recent`; False at the member's end."""
        if self._out >= self._size:
            return False
        if not self._tail:
            if self._d.eof:
                raise EOFError(f"{self._name}: its compressed data ends "
                               f"{self._size - self._out} bytes before its declared size")
            self._in.seek(self._consumed)
            self._tail = self._in.read(_IN_CHUNK)
            self._consumed += len(self._tail)
        # with no input left, the inflater may still hold output its last call had no
        # room for (all of a long run's last bytes taken): asked with none, it gives it
        fed = bool(self._tail)
        data = self._d.decompress(self._tail, _OUT_STEP)[:self._size - self._out]
        self._tail = self._d.unconsumed_tail if not self._d.eof else b""
        if not fed and not data and not self._d.eof:
            raise EOFError(f"{self._name}: the archive ends inside this member")
        self._worked += len(data)
        if self._worked > self._budget:
            raise OverBudget(self._name, self._size, self._budget)
        last = self._checkpoints[-1][0]
        self._out += len(data)
        self._recent += data
        if len(self._recent) > _RECENT:
            del self._recent[:len(self._recent) - _RECENT]
        if self._copies and self._out - last >= self._interval:
            self._checkpoints.append((self._out, self._consumed, self._d.copy(), self._tail))
        return True


class Unpacker:
    """bzip2's or LZMA's decompressor driven as zlib's is, each call's output bounded:
    zipfile hands them a read's compressed bytes whole, and 4 KB of bzip2 unpacks to
    GBs whatever size the member declares. What a call had no room for they keep
    themselves: no input is handed back."""

    unconsumed_tail = b""

    def __init__(self, d: Any) -> None:
        self._d = d

    @property
    def eof(self) -> bool:
        return bool(self._d.eof)

    def decompress(self, data: bytes, max_length: int) -> bytes:
        return bytes(self._d.decompress(data, max_length))


class ZipLzma(Unpacker):
    """LZMA as zip stores it: a version (2 bytes), its properties' length (2 bytes) and
    the properties, then the raw stream. Its dictionary is no larger than the member:
    no distance in it reaches further back (a header asking 4 GiB gets no 4 GiB)."""

    def __init__(self, size: int) -> None:
        super().__init__(None)
        self._size, self._head = size, b""

    @property
    def eof(self) -> bool:
        return self._d is not None and bool(self._d.eof)

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._d is None:
            self._head += data
            props_end = 4 + int.from_bytes(self._head[2:4], "little")
            if len(self._head) < 4 or len(self._head) < props_end:
                return b""
            self._d = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[
                _lzma1(self._head[4:props_end], self._size)])
            data, self._head = self._head[props_end:], b""
        return super().decompress(data, max_length)


def _lzma1(props: bytes, size: int) -> dict[str, int]:
    """The LZMA1 filter its 5 bytes of properties say, its dictionary bounded by `size`."""
    if len(props) != 5 or props[0] >= 9 * 5 * 5:
        raise lzma.LZMAError(f"LZMA properties not understood ({props.hex()})")
    lc, lp, pb = props[0] % 9, props[0] // 9 % 5, props[0] // 45
    dict_size = min(int.from_bytes(props[1:], "little"), max(size, 1 << 12))
    return {"id": lzma.FILTER_LZMA1, "dict_size": dict_size, "lc": lc, "lp": lp, "pb": pb}
