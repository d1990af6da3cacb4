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

import io
import zlib
from typing import Any, BinaryIO

from auditor.errors import InputError

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


class Inflating(io.RawIOBase):
    """The `size` bytes raw deflate data in `compressed` inflates to, seekable."""

    def __init__(self, compressed: BinaryIO, size: int, name: str) -> None:
        super().__init__()
        self._in, self._size, self._name = compressed, size, name
        self._budget = work_budget(size)
        self._interval = max(_MIN_INTERVAL, size // _MAX_CHECKPOINTS)
        self._worked = 0
        self._pos = 0
        # (inflated offset, compressed offset, inflater, input it had not yet taken)
        self._checkpoints: list[tuple[int, int, Any, bytes]] = []
        self._restart(0, 0, zlib.decompressobj(-15), b"")
        self._checkpoints.append((0, 0, self._d.copy(), b""))

    def _restart(self, out: int, consumed: int, d: Any, tail: bytes) -> None:
        self._out, self._consumed, self._d, self._tail = out, consumed, d, tail
        self._recent = bytearray()  # inflated bytes ending at self._out

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
                self._restart(out, consumed, d.copy(), tail)
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
        if self._out - last >= self._interval and self._out > last:
            self._checkpoints.append((self._out, self._consumed, self._d.copy(), self._tail))
        return True


class Metered(io.RawIOBase):
    """A member `zipfile` inflates (bzip2, LZMA: rare in the wild), its work bounded as
    `Inflating` bounds it: zipfile's seek back inflates it again from its start."""

    def __init__(self, member: BinaryIO, size: int, name: str) -> None:
        super().__init__()
        self._member, self._size, self._name = member, size, name
        self._budget = work_budget(size)
        self._worked = 0
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, pos: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self._size}[whence]
        target = max(0, base + pos)
        if target < self._pos:
            self._charge(target)  # inflated again from the start, at worst
        elif target > self._pos:
            self._charge(target - self._pos)  # inflated to be passed over
        self._pos = target
        return target

    def readinto(self, buffer: Any) -> int:
        self._member.seek(self._pos)
        data = self._member.read(len(buffer))
        self._charge(len(data))
        buffer[:len(data)] = data
        self._pos += len(data)
        return len(data)

    def close(self) -> None:
        self._member.close()
        super().close()

    def _charge(self, inflated: int) -> None:
        self._worked += inflated
        if self._worked > self._budget:
            raise OverBudget(self._name, self._size, self._budget)
