"""zip (and WACZ) archives, member by member; each member is read through the registry.

A WACZ is a zip with `archive/*.warc(.gz)`: only those members hold records, the rest
(indexes, pages.jsonl, datapackage.json) is counted as skipped.
"""

from __future__ import annotations

import bz2
import io
import zipfile
from collections.abc import Callable, Iterator
from functools import partial
from typing import IO, Any, BinaryIO, cast

from auditor.readers.inflating import MAX_INFLATE_RATIO, Inflating, Unpacker, ZipLzma
from auditor.readers.interface import (
    MEMBER_ERRORS,
    InputError,
    Member,
    Nested,
    Reader,
    ReadFailure,
    Record,
    Skipped,
    Source,
    failure_message,
    unsafe_member_name,
)
from auditor.readers.seekable import SeekableRaw

_MEMBER_ERRORS: tuple[type[Exception], ...] = (*MEMBER_ERRORS, zipfile.BadZipFile)


class ZipReader(Reader):
    kinds = frozenset({"zip"})
    suffixes = frozenset({".zip", ".wacz"})
    streamed = True

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        name = source.name
        try:
            archive = zipfile.ZipFile(source.stream)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise InputError(f"{name}: not a readable zip: {exc}") from None
        with archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            wacz = _is_wacz([i.filename for i in infos])
            overlapping = _overlapping(infos)
            for info in infos:
                member = f"{name}#{info.filename}"
                if id(info) in overlapping:
                    yield ReadFailure(member, "member", f"{member}: its data overlaps another "
                                      "member's (a zip bomb's trick); not read")
                    continue
                if (unsafe := unsafe_member_name(info.filename)) is not None:
                    yield ReadFailure(member, "member", f"{member}: unsafe member name "
                                      f"({unsafe}); not read")
                    continue
                if wacz and not _is_warc_member(info.filename):
                    yield Skipped(member, "wacz-member", "WACZ metadata")
                    continue

                if info.file_size > MAX_INFLATE_RATIO * info.compress_size + _SMALL:
                    yield ReadFailure(member, "member", f"{member}: {info.compress_size} "
                                      f"compressed bytes declare {info.file_size}: over "
                                      f"{MAX_INFLATE_RATIO} to 1 (a zip bomb's trick); not read")
                    continue

                def opener(info: zipfile.ZipInfo = info, member: str = member) -> IO[bytes]:
                    opened = _in_place(source.stream, info, member)
                    # zipfile says what is wrong with any other (encrypted, its header
                    # damaged, packed by a method it does not know)
                    return archive.open(info) if opened is None else opened

                try:
                    yield from nested(Member(opener, member, info.filename,
                                             source.max_record_bytes, info.file_size))
                except _MEMBER_ERRORS as exc:
                    yield ReadFailure(member, "member", failure_message(member, exc))


def _is_wacz(names: list[str]) -> bool:
    return "datapackage.json" in names and any(n.startswith("archive/") for n in names)


def _is_warc_member(member: str) -> bool:
    lowered = member.lower()
    return lowered.startswith("archive/") and lowered.endswith((".warc", ".warc.gz", ".arc",
                                                                ".arc.gz"))


def _overlapping(infos: list[zipfile.ZipInfo]) -> set[int]:
    """ids of the members whose bytes start inside an earlier member's: a 260 KB zip of
    5,000 entries pointing at one 73 KB page would be audited 5,000 times. A member
    spans at least its local header (30 bytes and its name) and its compressed data."""
    spans = sorted(infos, key=lambda i: i.header_offset)
    bad: set[int] = set()
    end = -1
    for info in spans:
        if info.header_offset < end:
            bad.add(id(info))
            continue
        end = info.header_offset + 30 + len(info.orig_filename.encode("utf-8", "replace")) + \
            info.compress_size
    return bad


_LOCAL_HEADER = 30  # a member's local header before its name and extra field
_STORED_BUFFER = 1 << 16
_SMALL = 1 << 16  # a member this small may declare any ratio: it costs nothing


def _in_place(stream: BinaryIO, info: zipfile.ZipInfo, name: str) -> IO[bytes] | None:
    """A stored, deflated, bzip2 or LZMA (unencrypted) member's bytes, read in place in
    the archive (a packed one unpacked as `Inflating` does), or None (`ZipFile.open`).
    Opened by zipfile, every seek back re-read the member from its start: a WARC reader
    finding its way past damage seeks back once a block, and a WARC of 300 MB stored in
    a WACZ (as WACZ stores them) with 20 MB of junk took 5 s where the same file alone
    took 1 s, one of 3 GB minutes; deflated, each damaged record after a large one cost
    that record inflated again. Its CRC is not checked: each record's own framing is, as
    in the WARC alone, and a page's decoding."""
    if info.compress_type not in _PACKED or info.flag_bits & 0x1:
        return None
    try:
        stream.seek(info.header_offset)
        head = stream.read(_LOCAL_HEADER)
    except (OSError, ValueError):
        return None
    if len(head) < _LOCAL_HEADER or head[:4] != b"PK\x03\x04":
        return None  # zipfile says what is wrong with it
    name_len = int.from_bytes(head[26:28], "little")
    extra_len = int.from_bytes(head[28:30], "little")
    start = info.header_offset + _LOCAL_HEADER + name_len + extra_len
    data = _InPlace(stream, start, info.compress_size)
    if info.compress_type == zipfile.ZIP_STORED:
        return io.BufferedReader(data, _STORED_BUFFER)
    fresh = _PACKED[info.compress_type]
    return io.BufferedReader(Inflating(cast(BinaryIO, data), info.file_size, name,
                                       None if fresh is None else partial(fresh, info)),
                             _STORED_BUFFER)


# the methods read in place, and each one's decompressor (None: deflate's own, copied as
# it goes); zipfile unpacked bzip2 and LZMA a read's input at once, unbounded
_PACKED: dict[int, Callable[[zipfile.ZipInfo], Unpacker] | None] = {
    zipfile.ZIP_STORED: None,
    zipfile.ZIP_DEFLATED: None,
    zipfile.ZIP_BZIP2: lambda info: Unpacker(bz2.BZ2Decompressor()),
    zipfile.ZIP_LZMA: lambda info: ZipLzma(info.file_size),
}


class _InPlace(SeekableRaw):
    """`size` bytes of `stream` from `start`, seekable as a file of their own."""

    def __init__(self, stream: BinaryIO, start: int, size: int) -> None:
        super().__init__(size)
        self._stream, self._start = stream, start

    def readinto(self, buffer: Any) -> int:
        want = min(len(buffer), self._size - self._pos)
        if want <= 0:
            return 0
        self._stream.seek(self._start + self._pos)
        data = self._stream.read(want)
        buffer[:len(data)] = data
        self._pos += len(data)
        return len(data)
