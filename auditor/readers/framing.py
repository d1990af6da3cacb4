"""Where WARC records start and end, judged from bytes alone (no warcio): what the WARC
reader resynchronises on after damage, what bulk's byte-range shards start at, and what
tells a per-record gzip WARC from one gzip stream.

A candidate record start validates when its header parses and the record it describes
ends exactly where another record (or the file) begins.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from auditor.errors import InputError
from auditor.lazy_re import lazy_regex
from auditor.readers.interface import MAX_PAGE_BYTES, Member, Nested, Record, Source
from auditor.readers.sniff import HEAD_BYTES, PEEK_BYTES, sniff, warc_member_after

_SCAN_BLOCK = 1 << 20
# how far into a gzip input `audit` looks for a record past a damaged first member: as far
# as it reads a page whole, in a file as in a pipe (which is copied no further)
DAMAGE_SEARCH_BYTES = MAX_PAGE_BYTES
HEADER_MAX = 64 * 1024  # a WARC header block, as read to judge a record start
_WARC_LINE = lazy_regex(rb"WARC/[01]\.\d+\r?\n")
_CONTENT_LENGTH = lazy_regex(rb"\r?\nContent-Length:[ \t]*(\d+)", re.I)


def is_gzip(stream: BinaryIO) -> bool:
    """gzip's magic, or a first member whose magic is damaged and a member after it."""
    pos = stream.tell()
    head = stream.read(PEEK_BYTES)
    stream.seek(pos)
    return head[:2] == b"\x1f\x8b" or (
        not head.startswith((b"WARC/", b"filedesc://")) and warc_member_after(head) is not None)


def gzip_members(stream: BinaryIO, probe: int = 8 * 1024 * 1024) -> bool:
    """Whether a gzip file holds several members (per-record gzip), judged from the first.

    A first member that does not end within `probe` input bytes, or that ends at end of
    file, is read as one compressed stream (whole-file gzip): correct, just not seekable.
    A first member that is corrupt, or followed by bytes that are not gzip, is judged by
    what follows: a later member holding a valid record makes it per-record gzip, so one
    damaged record (the warcinfo, often) costs that record, not the file.
    """
    pos = stream.tell()
    try:
        stream.seek(0)
        d = zlib.decompressobj(31)
        fed = 0
        while fed < probe and not d.eof:
            chunk = stream.read(64 * 1024)
            if not chunk:
                # the file ended inside its first member: a truncated whole-file gzip,
                # or a damaged first header that ate the members after it
                return next_boundary(stream, 1, True) is not None
            fed += len(chunk)
            try:
                while chunk and not d.eof:
                    d.decompress(chunk, 1 << 20)
                    chunk = d.unconsumed_tail
            except zlib.error:
                return next_boundary(stream, 1, True) is not None
        if not d.eof:
            return False
        end = fed - len(d.unused_data)
        rest = d.unused_data or stream.read(2)
        if rest[:2] == b"\x1f\x8b":
            return True
        return bool(rest) and next_boundary(stream, end, True) is not None
    finally:
        stream.seek(pos)


def next_boundary(stream: BinaryIO, pos: int, gz: bool, limit: int | None = None) -> int | None:
    """The first record start at or after `pos` that validates, or None.

    A candidate validates when its header parses and the record it describes ends
    exactly where another record (or the file) begins, so a WARC archived inside a
    WARC, or random bytes in a compressed payload, never pass for a boundary. The same
    function fixes both ends of every byte-range shard, so shards tile the file.
    """
    magic = b"\x1f\x8b\x08" if gz else b"WARC/"
    while limit is None or pos < limit:
        stream.seek(pos)
        block = _read_full(stream, _SCAN_BLOCK + len(magic))
        if not block:
            return None
        at = block.find(magic)
        while at >= 0:
            candidate = pos + at
            if limit is not None and candidate >= limit:
                return None
            if _record_end(stream, candidate, gz) is not None:
                return candidate
            at = block.find(magic, at + 1)
        if len(block) <= _SCAN_BLOCK:
            return None
        pos += _SCAN_BLOCK
    return None


def _read_full(stream: BinaryIO, size: int) -> bytes:
    """`size` bytes, or fewer only at end of file (streams may return short reads)."""
    parts = []
    while size > 0:
        part = stream.read(size)
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def valid_plain_record(stream: BinaryIO, at: int) -> bool:
    """Whether a whole WARC record starts at `at` (`_plain_record_end`)."""
    return _plain_record_end(stream, at) is not None


def _plain_record_end(stream: BinaryIO, at: int) -> int | None:
    """Where the whole WARC record starting at `at` ends (the next record's start), or
    None: it needs its version line, a Content-Length, and at that length the closing
    CRLFs and the next record (or the end). What precedes it is not asked: junk spliced
    after a record must not cost the record that follows."""
    stream.seek(at)
    head = _read_full(stream, HEADER_MAX)
    if not _WARC_LINE.match(head):
        return None
    end = head.find(b"\r\n\r\n")
    length = _CONTENT_LENGTH.search(head, 0, end if end > 0 else 0)
    if end < 0 or length is None:
        return None
    stop = at + end + 4 + int(length.group(1)) + 4
    stream.seek(stop - 4)
    tail = _read_full(stream, 4 + 5)
    return stop if tail[:4] == b"\r\n\r\n" and tail[4:] in (b"", b"WARC/") else None


def _gzip_record_end(stream: BinaryIO, at: int) -> int | None:
    """Where the gzip member starting at `at` ends, or None unless it inflates whole to a
    WARC record header and is followed by another member or the end of the file."""
    stream.seek(at)
    d = zlib.decompressobj(31)
    head = b""
    fed = 0
    try:
        while not d.eof:
            chunk = stream.read(64 * 1024)
            if not chunk:
                return None
            fed += len(chunk)
            while chunk and not d.eof:
                out = d.decompress(chunk, 1 << 20)
                if len(head) < HEADER_MAX:
                    head += out[: HEADER_MAX - len(head)]
                chunk = d.unconsumed_tail
            fed -= len(chunk)  # input left unread when the output limit stopped it
    except zlib.error:
        return None
    if not (_WARC_LINE.match(head) and b"\r\n\r\n" in head):
        return None
    stop = at + fed - len(d.unused_data)
    stream.seek(stop)
    after = stream.read(3)
    return stop if after in (b"", b"\x1f\x8b\x08") else None


def _record_end(stream: BinaryIO, at: int, gz: bool) -> int | None:
    return _gzip_record_end(stream, at) if gz else _plain_record_end(stream, at)


MAX_ANCHORS = 16  # record starts looked at before a shard boundary to place it
_LOOKBACK_CANDIDATES = 256
_LOOKBACK_BYTES = 64 * 1024 * 1024


def shard_boundary(stream: BinaryIO, pos: int, gz: bool) -> int | None:
    """The first record start at or after `pos` as a reader coming from the start of
    the file meets it, or None: where a byte-range shard starts (and its predecessor
    stops).

    `next_boundary(pos)` alone may land on a record archived inside a page that starts
    before `pos` (a record that ends cleanly is trusted, so its payload is payload):
    the shard before reads that page whole, and the shard after would read the record
    inside it again. So the boundary is found from the record that holds `pos`: the
    nearest valid record start at or before `pos`, confirmed by the one before it (a
    start that the older record's extent jumps over is inside it, and the older one is
    taken instead), then followed record by record to `pos`. Neighbouring shards ask
    the same question of the same bytes, so they agree on the answer.
    """
    if pos <= 0:
        return 0
    anchor = _start_before(stream, pos, gz)
    for _ in range(MAX_ANCHORS):
        if anchor is None:
            return next_boundary(stream, pos, gz)
        older = _start_before(stream, anchor - 1, gz)
        if older is None:
            break
        older_end = _record_end(stream, older, gz)
        if older_end is None or older_end <= anchor:
            break  # a reader at `older` meets `anchor`
        anchor = older  # `anchor` lies inside the older record
    if anchor is None:
        return next_boundary(stream, pos, gz)
    at: int | None = anchor
    while at is not None and at < pos:
        end = _record_end(stream, at, gz)
        at = end if end is not None else next_boundary(stream, at + 1, gz)
    return at


def _start_before(stream: BinaryIO, pos: int, gz: bool) -> int | None:
    """The last record start at or before `pos` that validates, within bounds."""
    magic = b"\x1f\x8b\x08" if gz else b"WARC/"
    top = pos + len(magic)
    looked = 0
    while top > 0 and pos - top < _LOOKBACK_BYTES:
        low = max(0, top - _SCAN_BLOCK)
        stream.seek(low)
        block = _read_full(stream, top - low)
        at = block.rfind(magic)
        while at >= 0:
            candidate = low + at
            if candidate <= pos:
                looked += 1
                if looked > _LOOKBACK_CANDIDATES:
                    return None
                if _record_end(stream, candidate, gz) is not None:
                    return candidate
            at = block.rfind(magic, 0, at + len(magic) - 1)
        if low == 0:
            return None
        top = low + len(magic) - 1
    return None


def gzip_inner_kind(stream: BinaryIO, name: str, search: int | None = None) -> str:
    """What a gzip file holds (warc, arc, tar, or a page kind), from its first bytes.

    A first member that does not decompress is a damaged record of a per-record gzip
    WARC when a later member holds a valid record (the reader then fails that record
    alone); otherwise the file is unreadable. Looked for in the first `search` bytes when
    given (`audit`, which reads a pipe as a file and copies it no further: searched to
    its end, a file read records that the same bytes piped lost), else to the end (bulk,
    which reads no pipe).
    """
    pos = stream.tell()
    error: zlib.error | None = None
    try:
        # zlib rather than GzipFile: a truncated file still shows its first bytes.
        head = zlib.decompressobj(31).decompress(stream.read(64 * 1024), HEAD_BYTES)
    except zlib.error as exc:
        head, error = b"", exc
    finally:
        stream.seek(pos)
    kind = sniff(head, inner_name(name))
    # A damaged header (a flipped flag byte, say) may inflate to nothing or noise
    # rather than fail: either way no page, so look for the records after it.
    if kind in ("binary", "empty"):
        later = next_boundary(stream, pos + 1, True, None if search is None else pos + search)
        if later is None and error is not None and search is not None:
            stream.seek(pos + search)
            if stream.read(1):  # so refused piped too, whose copy stops there
                raise InputError(
                    f"{name}: unreadable gzip: its first member is damaged and no WARC "
                    f"record starts in its first {search >> 20} MiB, as far as one is "
                    "looked for") from None
        stream.seek(pos)
        if later is not None:
            return "warc"
    if error is not None:
        raise InputError(f"{name}: unreadable gzip: {error}") from None
    return kind


# what a compressed file's name ends with: a server's precompressed copy (`x.html.gz`,
# `x.html.br`, `x.html.zst`), an archive's compression (`x.warc.gz`)
COMPRESSED_SUFFIXES = (".gz", ".br", ".zst", ".zstd")


def inner_name(name: str) -> str:
    """A compressed file's name without its compression's suffix: what breaks ties when
    its content is sniffed, and the name a site serves a precompressed copy under.

    >>> inner_name("blog/a.html.gz"), inner_name("app.js.br"), inner_name("a.html")
    ('blog/a.html', 'app.js', 'a.html')
    """
    lowered = name.lower()
    return next((name[: -len(ext)] for ext in COMPRESSED_SUFFIXES if lowered.endswith(ext)),
                name)


def decompressed_page(source: Source, nested: Nested, data: bytes, limit: int
                      ) -> Iterator[Record]:
    """A compressed file's bytes once decompressed (`data`, read up to one more than
    `limit`), read as the page or archive they hold: the gzip and brotli readers' one
    way, so both say alike what is over the limit."""
    if len(data) > limit:
        raise InputError(f"{source.name}: decompresses to more than {limit} bytes")
    yield from nested(Member(lambda: io.BytesIO(data), source.name, inner_name(source.name),
                             limit, len(data), whole=True))
