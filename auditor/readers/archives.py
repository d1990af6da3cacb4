"""zip (and WACZ) and tar (plain or compressed) archives, member by member.

Members stream out of the archive; a member that is itself an archive (a WARC in a
WACZ, a .warc.gz in a tar) is read through the container readers without extraction.
A WACZ is a zip with `archive/*.warc(.gz)`: only those members hold records, the
rest (indexes, pages.jsonl, datapackage.json) is counted as skipped.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, BinaryIO

from auditor.readers.gunzip import Gunzip
from auditor.readers.interface import InputError, ReadFailure, Record, Skipped
from auditor.readers.sniff import HEAD_BYTES, read_page_bytes, sniff

CONTAINER_KINDS = frozenset({"gzip", "warc", "arc", "zip", "tar"})
# what tarfile raises on a damaged header: a PAX size of 10**30 is a ValueError or an
# OverflowError from seek, not a TarError
_TAR_ERRORS = (tarfile.TarError, OSError, EOFError, zlib.error, ValueError, OverflowError)
_MEMBER_ERRORS = (InputError, zipfile.BadZipFile, tarfile.TarError, zlib.error, EOFError,
                  OSError, ValueError, RuntimeError)


def _is_wacz(names: list[str]) -> bool:
    return "datapackage.json" in names and any(n.startswith("archive/") for n in names)


def _is_warc_member(member: str) -> bool:
    lowered = member.lower()
    return lowered.startswith("archive/") and lowered.endswith((".warc", ".warc.gz", ".arc",
                                                                ".arc.gz"))


def read_zip(stream: BinaryIO, name: str, *, max_record_bytes: int) -> Iterator[Record]:
    try:
        archive = zipfile.ZipFile(stream)
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
            if wacz and not _is_warc_member(info.filename):
                yield Skipped(member, "wacz-member", "WACZ metadata")
                continue

            def opener(info: zipfile.ZipInfo = info) -> IO[bytes]:
                return archive.open(info)

            yield from _read_member(opener, member, info.filename, info.file_size,
                                    max_record_bytes)


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


def read_tar(stream: BinaryIO, name: str, *, max_record_bytes: int) -> Iterator[Record]:
    pos = stream.tell()
    compressed = stream.read(2) == b"\x1f\x8b"
    stream.seek(pos)
    # Our gunzip view, not tarfile's: members before a truncation stay readable.
    source = io.BufferedReader(Gunzip(stream), 16 * 1024) if compressed else stream
    try:
        archive = tarfile.open(fileobj=source, mode="r:")
    except _TAR_ERRORS as exc:
        raise InputError(f"{name}: not a readable tar: {exc}") from None
    with archive:
        while True:
            try:
                info = archive.next()
            except _TAR_ERRORS as exc:
                at = archive.offset
                yield ReadFailure(f"{name}#@{at}", "tar-member",
                                  f"{name}: damaged tar after byte {at}: {exc}")
                return
            if info is None:
                return
            if not info.isfile():
                continue
            member = f"{name}#{info.name}"

            def opener(info: tarfile.TarInfo = info, member: str = member) -> IO[bytes]:
                handle = archive.extractfile(info)
                if handle is None:
                    raise InputError(f"{member}: not a regular file")
                return handle

            yield from _read_member(opener, member, info.name, info.size, max_record_bytes)


def _read_member(opener: Callable[[], IO[bytes]], member: str, filename: str, size: int,
                 cap: int) -> Iterator[Record]:
    """One member: a page (or posts), a nested archive, or something counted as skipped."""
    try:
        with opener() as handle:
            head = handle.read(HEAD_BYTES)
            kind = sniff(head, filename)
            if kind in CONTAINER_KINDS:
                yield from _nested(kind, handle, member, cap)
                return
            if kind in ("binary", "empty"):
                yield Skipped(member, "member", kind)
                return
            if size > cap:
                yield ReadFailure(member, "member", f"{member}: member of {size} bytes is over "
                                  f"the {cap}-byte cap (--max-record-bytes)")
                return
            data = head + handle.read(cap + 1 - len(head))
            if len(data) > cap:
                yield ReadFailure(member, "member", f"{member}: over the {cap}-byte cap")
                return
        records = list(read_page_bytes(data, member, kind=kind))
    except _MEMBER_ERRORS as exc:
        yield ReadFailure(member, "member", _message(member, exc))
        return
    yield from records


def _nested(kind: str, handle: IO[bytes], member: str, cap: int) -> Iterator[Record]:
    from auditor.readers.containers import read_container

    handle.seek(0)
    yield from read_container(kind, handle, member, max_record_bytes=cap)  # type: ignore[arg-type]


def _message(member: str, exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if text.startswith(member) else f"{member}: {text[:300]}"
