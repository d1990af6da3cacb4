"""Archives and compressed inputs (WARC/ARC, WACZ, zip, tar, gzip): records stream through.

`read_source` hands every container here with its sniffed kind; nothing is extracted
to disk and no archive is read whole into memory.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from auditor.readers import archives, warc
from auditor.readers.interface import InputError, Record
from auditor.readers.sniff import HEAD_BYTES, MAX_PAGE_BYTES, read_page_bytes, sniff


def read_container(kind: str, stream: BinaryIO, name: str, *,
                   max_record_bytes: int = warc.DEFAULT_MAX_RECORD_BYTES) -> Iterator[Record]:
    """Every record of an archive; damaged records come out as ReadFailure, in order."""
    if kind in ("warc", "arc"):
        yield from warc.read_warc(stream, name, max_record_bytes=max_record_bytes)
    elif kind == "zip":
        yield from archives.read_zip(stream, name, max_record_bytes=max_record_bytes)
    elif kind == "tar":
        yield from archives.read_tar(stream, name, max_record_bytes=max_record_bytes)
    elif kind == "gzip":
        yield from _read_gzip(stream, name, max_record_bytes)
    else:
        raise InputError(f"{name}: {kind} is not an archive kind")


def gzip_inner_kind(stream: BinaryIO, name: str) -> str:
    """What a gzip file holds (warc, arc, tar, or a page kind), from its first bytes.

    A first member that does not decompress is a damaged record of a per-record gzip
    WARC when a later member holds a valid record (the reader then fails that record
    alone); otherwise the file is unreadable.
    """
    pos = stream.tell()
    try:
        # zlib rather than GzipFile: a truncated file still shows its first bytes.
        head = zlib.decompressobj(31).decompress(stream.read(64 * 1024), HEAD_BYTES)
    except zlib.error as exc:
        if warc.next_boundary(stream, pos + 1, True) is not None:
            return "warc"
        raise InputError(f"{name}: unreadable gzip: {exc}") from None
    finally:
        stream.seek(pos)
    inner_name = name[:-3] if name.lower().endswith(".gz") else name
    return sniff(head, inner_name)


def _read_gzip(stream: BinaryIO, name: str, cap: int) -> Iterator[Record]:
    inner = gzip_inner_kind(stream, name)
    if inner in ("warc", "arc"):
        yield from warc.read_warc(stream, name, max_record_bytes=cap)
    elif inner == "tar":
        yield from archives.read_tar(stream, name, max_record_bytes=cap)
    elif inner in ("gzip", "zip"):
        raise InputError(f"{name}: a {inner} inside gzip is not supported")
    else:
        # A single compressed page (saved `.html.gz`, a JSON dump): small enough to read.
        limit = min(cap, MAX_PAGE_BYTES)
        try:
            with gzip.GzipFile(fileobj=stream, mode="rb") as plain:
                data = plain.read(limit + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{name}: unreadable gzip: {exc}") from None
        if len(data) > limit:
            raise InputError(f"{name}: decompresses to more than {limit} bytes")
        inner_name = name[:-3] if name.lower().endswith(".gz") else name
        yield from read_page_bytes(data, name, kind=sniff(data[:HEAD_BYTES], inner_name))
