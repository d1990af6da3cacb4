"""WARC and ARC records, streamed through warcio; warcio's types stay in this module.

Why warcio: it is already a dependency, reads ARC as well as WARC, and is pure Python,
so a damaged record surfaces as an exception we can turn into one failed record.
FastWARC iterates ~2.5x faster, but iteration is <1% of the cost of auditing a page
(docs/BENCHMARKS.md, "Bulk").

A record is named `input#offset`, the byte offset where the record starts (in the
compressed file for per-record gzip, which is what CDX indexes use); offsets are stable
across runs, so they key the bulk store's progress. After a damaged record the reader
resynchronises on the next record boundary that validates (see `next_boundary`), so one
bad record never loses the rest of the file.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from auditor.lazy_re import lazy_regex
from auditor.readers.decode import decode_page
from auditor.readers.framing import (
    HEADER_MAX,
    gzip_members,
    is_gzip,
    next_boundary,
    shard_boundary,
    valid_plain_record,
)
from auditor.readers.gunzip import Gunzip
from auditor.readers.httpbody import (
    BodyError,
    charset_of,
    dechunk,
    decode_content,
    link_header_markup,
    mime_of,
)
from auditor.readers.interface import (
    DEFAULT_MAX_RECORD_BYTES,
    RECORD_CAP_FLAG,
    Document,
    InputError,
    ReadFailure,
    Record,
    Skipped,
)
from auditor.readers.sniff import PEEK_BYTES, markup_further_on, sniff

KIND = "warc-record"

# Responses audited on their declared type; the second set is sniffed (servers and
# crawlers often label HTML as one of these).
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xhtml", "text/xhtml"})
SNIFF_TYPES = frozenset(
    {
        "",
        "text/plain",
        "application/octet-stream",
        "binary/octet-stream",
        "unknown/unknown",
        "application/unknown",
        "text/x-unknown",
        "application/x-unknown",
        "text/unknown",
        "text/x-server-parsed-html",
        "no-type",
        "none",
    }
)
_AUDITED_RECORD_TYPES = frozenset({"response", "resource"})
_READ_ERRORS = (
    ArchiveLoadFailed,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    IndexError,
    KeyError,
    TypeError,
    AttributeError,
    UnicodeError,
    OverflowError,  # a 26-digit Content-Length reaches warcio's buffers as an index
)


class HeaderTooLarge(ValueError):
    """A WARC or HTTP header block longer than HEADER_MAX, found while reading it."""


class _HeaderBoundReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader, whose header lines are read in linear time and bounded.

    warcio reads a header line by appending each buffered block to what it has (a
    100 MB line took 190 s); here the pieces are joined once. Header blocks are read a
    line at a time and payloads by `read`, so the lines read since the last blank line
    or `read` are one block: past HEADER_MAX (the most `framing` reads to judge a record
    start) it is HeaderTooLarge, one failed record, and reading resumes at the next
    record start that validates.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.block_bytes = 0
        self.cut_line = b""  # what the line over the limit had read when it stopped

    def read(self, length: int | None = None) -> bytes:
        self.block_bytes = 0
        data: bytes = super().read(length)
        return data

    def _decompress(self, data: bytes) -> bytes:
        """warcio's, but a member that fails part way is not printed to stderr (warcio
        wrote the zlib error there, unprefixed, once a block): the record it cuts short
        ends there and is counted as every damaged record is."""
        if self.decompressor and data and self.num_block_read:
            try:
                out: bytes = self.decompressor.decompress(data)
            except zlib.error:
                return b""
            return out
        kept: bytes = super()._decompress(data)
        return kept

    def readline(self, length: int | None = None) -> bytes:
        if length == 0:
            return b""
        if self.block_bytes > HEADER_MAX:  # still inside the block found too large
            raise HeaderTooLarge(self.too_large)
        room = HEADER_MAX - self.block_bytes + 1  # one byte more than allowed shows it
        want = room if length is None else min(length, room)
        parts: list[bytes] = []
        got = 0
        self._fillbuff()
        while got < want and not self.empty():
            part: bytes = self.buff.readline(want - got)
            parts.append(part)
            got += len(part)
            if part.endswith(b"\n"):
                break
            self._fillbuff()
        line = b"".join(parts)
        self.block_bytes = 0 if not line.strip() else self.block_bytes + got
        if self.block_bytes > HEADER_MAX:
            self.cut_line = line
            raise HeaderTooLarge(self.too_large)
        return line

    too_large = (f"header block over {HEADER_MAX // 1024} KiB (the most a WARC or HTTP "
                 "header block may hold)")


class _QuietIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator, counting bad record ends instead of printing them to stderr,
    reading headers through `_HeaderBoundReader`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reader = _HeaderBoundReader(self.fh)

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        empty_size = 0
        first_line = True
        while True:
            try:
                line: bytes = self.reader.readline()
            except HeaderTooLarge:
                # what follows this record starts a block over the limit: the record
                # ends here, and the next one read fails on it
                return self.reader.cut_line, empty_size
            if len(line) == 0:
                return None, empty_size
            stripped = line.rstrip()
            if len(stripped) == 0 or first_line:
                empty_size += len(line)
                if len(stripped) != 0:
                    self.err_count += 1
                first_line = False
                continue
            return line, empty_size


def read_warc(
    stream: BinaryIO,
    name: str,
    *,
    span: tuple[int, int | None] = (0, None),
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
) -> Iterator[Record]:
    """Every record of a seekable WARC or ARC stream, or of one byte-range shard of it.

    A shard `span=(lo, hi)` owns the records from the first boundary at or after `lo`
    up to the first boundary at or after `hi` (both found by `next_boundary`), so
    neighbouring shards tile the file: each record, damaged or not, is read by one.
    """
    gz = is_gzip(stream)
    lo, hi = span
    if gz and not gzip_members(stream):
        if lo or hi is not None:
            raise InputError(f"{name}: a whole-file gzip WARC cannot be read by byte range")
        # One compressed stream: read it decompressed; offsets count decompressed bytes.
        plain = Gunzip(stream)
        last: Record | None = None
        for last in _read_span(plain, name, 0, None, max_record_bytes, gz=False):  # type: ignore[arg-type]
            yield last
        if plain.truncated and not isinstance(last, ReadFailure):
            # cut between two records: nothing half-read to blame, so say it here
            at = plain.tell()
            yield ReadFailure(f"{name}#{at}", KIND, f"{name}#{at}: gzip stream is truncated; "
                              "any records after this point are lost")
        elif plain.trailing.strip(b"\x00") and not isinstance(last, ReadFailure):
            at = plain.tell()  # zero padding after the stream is no record; anything else is
            yield ReadFailure(f"{name}#{at}", KIND, f"{name}#{at}: the gzip stream is followed "
                              "by bytes that are not gzip (a damaged record, or junk)")
        return
    start = shard_boundary(stream, lo, gz)
    end = None if hi is None else shard_boundary(stream, hi, gz)
    if start is None or (end is not None and start >= end):
        return
    stream.seek(0)
    arc = stream.read(11) == b"filedesc://"  # ARC: records start with a URL line
    yield from _read_span(stream, name, start, end, max_record_bytes, gz=gz,
                          bounded=not gz and not arc)


def _read_span(stream: BinaryIO, name: str, start: int, end: int | None, cap: int,
               gz: bool, bounded: bool = False) -> Iterator[Record]:
    """Records from `start` (a trusted record start) while they start before `end`.

    `bounded` (plain WARC): each record's declared end is checked against the next
    record's start, and its span for records it swallowed (a Content-Length lie).

    After any damage the position is no longer trusted, so reading restarts at the
    next boundary that validates after the damaged record's start.
    """
    pos: int | None = start
    while pos is not None and (end is None or pos < end):
        stream.seek(pos)
        it = _QuietIterator(stream, arc2warc=True)
        resync_from: int | None = None
        try:
            for rec in it:
                current = int(it.offset)
                if end is not None and current >= end:
                    return
                errors_before = it.err_count
                if not (rec.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                    # mandatory in every WARC header block; missing, the block was cut off
                    yield ReadFailure(f"{name}#{current}", KIND, f"{name}#{current}: record "
                                      "header has no Content-Length (truncated or damaged)")
                    resync_from = current
                    break
                result = _record(rec, f"{name}#{current}", cap)
                it.get_record_offset()  # reads to the record's end: a bad ending shows now
                remaining = getattr(rec.raw_stream, "limit", 0)
                if remaining > 0:
                    result = ReadFailure(f"{name}#{current}", KIND, f"{name}#{current}: "
                                         f"record truncated: {remaining} bytes of its "
                                         "Content-Length are missing")
                    resync_from = current
                elif it.err_count > errors_before:
                    result = ReadFailure(f"{name}#{current}", KIND, f"{name}#{current}: "
                                         "record does not end where its Content-Length says")
                    resync_from = current
                elif bounded and _overruns(it) and _swallows(
                        stream, current, int(it.get_record_length())):
                    # it ends inside a later record, whose start validates within its
                    # span: a Content-Length lie; what it swallowed is read again from here
                    result = ReadFailure(f"{name}#{current}", KIND, f"{name}#{current}: "
                                         "record's Content-Length runs past the start of the "
                                         "next record")
                    resync_from = current
                yield result
                if resync_from is not None:
                    break
            else:
                # warcio ends quietly at a record cut short by the end of the file: what
                # is left there is a record that cannot be read, not nothing
                stop = int(it.offset)
                if (end is not None and stop >= end) or not _data_at(stream, stop, end):
                    return
                yield ReadFailure(f"{name}#{stop}", KIND, f"{name}#{stop}: record truncated: "
                                  "the file ends before it does")
                resync_from = stop
        except _READ_ERRORS as exc:
            current = int(it.offset)
            if end is not None and current >= end:
                return
            why = (
                "record truncated: the gzip stream ends inside it"
                if getattr(stream, "truncated", False)
                else f"unreadable record: {_one_line(exc)}"
            )
            yield ReadFailure(f"{name}#{current}", KIND, f"{name}#{current}: {why}")
            resync_from = current
        finally:
            it.close()
        try:
            pos = next_boundary(stream, resync_from + 1, gz, end)
        except _READ_ERRORS:
            return  # a decompressed view that cannot seek back: the rest is lost


SCAN_CHUNK = 1 << 20
MAX_CANDIDATES = 64  # record starts looked at inside one suspect record


def _overruns(it: Any) -> bool:
    """Whether what follows a WARC record's declared end is not the next record: a
    complete line that is not `WARC/`. Only then is its span searched (a record that
    ends cleanly is trusted: a WARC archived inside a payload is payload)."""
    following = getattr(it, "next_line", None) or b""
    complete = following.endswith(b"\n")  # a line cut by the file's end is a truncation
    return complete and bool(following.strip()) and not following.startswith(b"WARC/")


def _swallows(stream: BinaryIO, start: int, length: int) -> bool:
    """Whether a record's declared span holds another valid record (asked only of a
    record that overruns: `_overruns`); at most MAX_CANDIDATES starts are validated.
    The stream's position is restored."""
    saved = stream.tell()
    looked = 0
    try:
        pos, end, carry = start + 1, start + length, b""
        while pos < end:
            stream.seek(pos)
            chunk = stream.read(min(SCAN_CHUNK, end - pos))
            if not chunk:
                return False
            buf = carry + chunk
            base = pos - len(carry)
            at = buf.find(b"\r\nWARC/")
            while at >= 0:
                looked += 1
                if looked > MAX_CANDIDATES:
                    return False
                if valid_plain_record(stream, base + at + 2):
                    return True
                at = buf.find(b"\r\nWARC/", at + 1)
            pos += len(chunk)
            carry = buf[-8:]
        return False
    finally:
        stream.seek(saved)


def _data_at(stream: BinaryIO, pos: int, end: int | None) -> bool:
    """Whether anything but blank padding lies at `pos` (before `end`)."""
    try:
        stream.seek(pos)
        data = stream.read(64 if end is None else min(64, end - pos))
    except _READ_ERRORS:
        return False
    return bool(data.strip(b" \t\r\n\x00"))


def _one_line(exc: BaseException) -> str:
    """The error in one line; warcio's "Unknown archive format, first line: [...]" quotes
    the bytes it found (a cut gzip member's: 300 characters of escaped binary), so it is
    said in words instead."""
    if isinstance(exc, (AttributeError, TypeError, KeyError, IndexError)):
        # warcio's own code tripping on a header it assumed ("'NoneType' object has no
        # attribute 'startswith'" for a response without WARC-Target-URI): a Python
        # message tells the user nothing about the record
        return "a WARC header it needs is missing or malformed (WARC-Target-URI, WARC-Type?)"
    text = " ".join(str(exc).split()) or type(exc).__name__
    if text.startswith("Unknown archive format"):
        return "no WARC record starts where one should (a damaged gzip member or header)"
    return text[:300]


def _record(rec: Any, name: str, cap: int) -> Record:
    """One warcio record → Document, Skipped or ReadFailure (never raises BodyError)."""
    rec_type = str(rec.rec_type or "unknown")
    if rec_type not in _AUDITED_RECORD_TYPES:
        return Skipped(name, KIND, rec_type)
    url = _target_uri(rec)
    http = rec.http_headers
    if rec_type == "response" and http is not None:
        status = http.get_statuscode()
        if not (status or "").startswith("2"):
            return Skipped(name, KIND, f"HTTP {status or 'status missing'}")
        content_type = http.get_header("Content-Type")
    else:
        content_type = rec.content_type
    mime = mime_of(content_type)
    if mime not in HTML_TYPES and mime not in SNIFF_TYPES:
        return Skipped(name, KIND, mime)
    length = int(rec.length or 0)
    if length > cap:
        return ReadFailure(
            name,
            KIND,
            f"{name}: record of {length} bytes is over the {cap}-byte cap ({RECORD_CAP_FLAG})",
        )
    raw = rec.raw_stream.read(cap + 1)
    try:
        body = raw
        if http is not None and rec_type == "response":
            if "chunked" in (http.get_header("Transfer-Encoding") or "").lower():
                body = dechunk(body)
            body = decode_content(body, http.get_header("Content-Encoding"), cap)
    except BodyError as exc:
        return ReadFailure(name, KIND, f"{name}: {exc}")
    if len(body) > cap:
        return ReadFailure(name, KIND, f"{name}: decoded body is over the {cap}-byte cap")
    # a `text/plain` body is markup mislabelled, or a text quoting tags in its prose: judged
    # as a `.txt` is only at an address naming a text file (`notes.txt`); a page's address
    # served as text with tags is audited as markup, the gate failing closed (words first
    # and each tag whole on its line is a page's shape too)
    said_text = mime == "text/plain" and _names_text_file(url)
    found = sniff(body[:PEEK_BYTES], "", declared_text=said_text)
    if found == "text" and mime in SNIFF_TYPES and len(body) > PEEK_BYTES and \
            markup_further_on(body, declared_text=said_text):
        found = "html"  # words enough to fill the first bytes, then a page
    if found == "empty":
        return Skipped(name, KIND, "empty body")
    if mime in SNIFF_TYPES and found != "html":
        return Skipped(name, KIND, f"{mime or 'no content type'}: not HTML")
    if found == "binary":
        return ReadFailure(name, KIND, f"{name}: declared {mime} but the body is binary, not text")
    text, readings = decode_page(body, charset_of(content_type))
    links = link_header_markup(v for k, v in http.headers if k.lower() == "link") \
        if http is not None and rec_type == "response" else ""
    return Document(input=name, kind=KIND, text=text, url=url, readings=readings,
                    header_links=links)


_TEXT_FILE = lazy_regex(r"\.(?:txt|text|md|markdown)$", re.I)


def _names_text_file(url: str | None) -> bool:
    """Whether a record's address names a text file: its path's last part ends `.txt`
    (`.text`, `.md`), not a page's address (`/offers`, `/index.php`)."""
    try:
        path = urlsplit(url or "").path
    except ValueError:  # an address no parser reads: no text file's name shown
        return False
    return bool(_TEXT_FILE.search(path.rsplit("/", 1)[-1]))


def _target_uri(rec: Any) -> str | None:
    uri = rec.rec_headers.get_header("WARC-Target-URI")
    if not uri:
        return None
    uri = str(uri).strip()
    if uri.startswith("<") and uri.endswith(">"):
        uri = uri[1:-1]
    return uri or None
