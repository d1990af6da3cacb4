"""tar archives (plain or gzipped), member by member; each member is read through the
registry, so a `.warc.gz` in a tar is read by the WARC reader without extraction."""

from __future__ import annotations

import io
import tarfile
import zlib
from collections.abc import Iterator
from typing import IO

from auditor.readers.gunzip import Gunzip
from auditor.readers.interface import (
    MEMBER_ERRORS,
    InputError,
    Member,
    Nested,
    Reader,
    ReadFailure,
    Record,
    Source,
    failure_message,
    unsafe_member_name,
)

# what tarfile raises on a damaged header: a PAX size of 10**30 is a ValueError or an
# OverflowError from seek, not a TarError
_TAR_ERRORS = (tarfile.TarError, OSError, EOFError, zlib.error, ValueError, OverflowError)
_MEMBER_ERRORS: tuple[type[Exception], ...] = (*MEMBER_ERRORS, tarfile.TarError)


class TarReader(Reader):
    kinds = frozenset({"tar"})
    suffixes = frozenset({".tar", ".tgz"})
    streamed = True

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        stream, name = source.stream, source.name
        pos = stream.tell()
        compressed = stream.read(2) == b"\x1f\x8b"
        stream.seek(pos)
        # Our gunzip view, not tarfile's: members before a truncation stay readable.
        raw = io.BufferedReader(Gunzip(stream), 16 * 1024) if compressed else stream
        try:
            archive = tarfile.open(fileobj=raw, mode="r:")
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
                if (unsafe := unsafe_member_name(info.name)) is not None:
                    yield ReadFailure(member, "member", f"{member}: unsafe member name "
                                      f"({unsafe}); not read")
                    continue

                def opener(info: tarfile.TarInfo = info, member: str = member) -> IO[bytes]:
                    handle = archive.extractfile(info)
                    if handle is None:
                        raise InputError(f"{member}: not a regular file")
                    return handle

                try:
                    yield from nested(Member(opener, member, info.name,
                                             source.max_record_bytes, info.size))
                except _MEMBER_ERRORS as exc:
                    yield ReadFailure(member, "member", failure_message(member, exc))
