"""zip (and WACZ) archives, member by member; each member is read through the registry.

A WACZ is a zip with `archive/*.warc(.gz)`: only those members hold records, the rest
(indexes, pages.jsonl, datapackage.json) is counted as skipped.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import IO

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

                def opener(info: zipfile.ZipInfo = info) -> IO[bytes]:
                    return archive.open(info)

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
