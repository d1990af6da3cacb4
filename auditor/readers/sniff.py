"""Which reader an input needs, decided from its bytes (the extension only breaks ties).

Containers (WARC, WACZ, zip, tar, gzip) are handed to their readers as streams so
an archive is never loaded whole; single pages are small and read at once.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from auditor.readers import json_posts
from auditor.readers.decode import as_utf8, decode_html
from auditor.readers.interface import Document, InputError, ReadFailure, Record

HEAD_BYTES = 4096
# what a reader peeks at: the kind is judged from HEAD_BYTES of it, and a per-record
# gzip WARC whose first member's magic is damaged is found by a member further on
PEEK_BYTES = 64 * 1024
GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_START = re.compile(rb"WARC/[01]\.\d+\r?\n")
_MEMBERS_TRIED = 64
MAX_PAGE_BYTES = 64 * 1024 * 1024

# Files a directory walk audits; anything else in a built site (CSS, JS, images) is
# not a page. Files named on the command line are always sniffed.
PAGE_SUFFIXES = frozenset(
    {
        ".html",
        ".htm",
        ".xhtml",
        ".shtml",
        ".php",
        ".asp",
        ".aspx",
        ".jsp",
        ".json",
        ".jsonl",
        ".ndjson",
        ".txt",
        ".warc",
        ".arc",
        ".wacz",
        ".tar",
        ".tgz",
        ".zip",
        ".gz",
        "",
    }
)

_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|span|script|iframe|ins|a\s|img|meta|link|"
    r"table|section|article|main|header|footer|nav|ul|li|h[1-6]|br|!--)\b",
    re.I,
)


def sniff(head: bytes, name: str = "") -> str:
    """The kind of an input from its first bytes.

    >>> sniff(b"WARC/1.0\\r\\n")
    'warc'
    >>> sniff(b'{"id": 1, "content": {"rendered": "<p>x</p>"}}')
    'json'
    >>> sniff(b"<!DOCTYPE html><html>")
    'html'
    >>> sniff(b"Just words, no markup at all.\\n")
    'text'
    >>> sniff(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    'binary'
    """
    scan, head = head, head[:HEAD_BYTES]
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"filedesc://"):
        return "arc"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    utf8 = as_utf8(head)
    if utf8 is not head:  # UTF-16/32: judge the text, not its NUL bytes
        return sniff(utf8, name)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        return "empty"
    if _looks_binary(head) and not _html_with_nuls(head):
        return "gzip" if warc_member_after(scan) is not None else "binary"
    text = head.decode("utf-8", "replace")
    if stripped[:1] in (b"{", b"["):
        first, _, rest = stripped.partition(b"\n")
        if stripped[:1] == b"{" and rest.lstrip()[:1] == b"{" and first.rstrip().endswith(b"}"):
            return "jsonl"
        return "jsonl" if name.endswith((".jsonl", ".ndjson")) else "json"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if _HTML_TAG.search(text):
        return "html"
    return "text"


def warc_member_after(head: bytes) -> int | None:
    """Where, after damaged bytes, the first gzip member that inflates to a WARC record
    header starts in `head`, or None: a per-record gzip WARC whose first member lost its
    magic is that damaged member, then records.

    >>> import gzip
    >>> warc_member_after(b"\\x00\\x00junk" + gzip.compress(b"WARC/1.0\\r\\n\\r\\n"))
    6
    """
    at = head.find(GZIP_MEMBER, 1)
    for _ in range(_MEMBERS_TRIED):
        if at < 0:
            return None
        try:
            out = zlib.decompressobj(31).decompress(head[at:], 64)
        except zlib.error:
            out = b""
        if _WARC_START.match(out):
            return at
        at = head.find(GZIP_MEMBER, at + 1)
    return None


def _html_with_nuls(head: bytes) -> bool:
    """HTML with a few NUL bytes in it: browsers render it (a NUL becomes U+FFFD), so an
    injected page cannot hide behind one NUL. UTF-16 without a BOM is NULs by the half."""
    sample = head[:HEAD_BYTES]
    nuls = sample.count(b"\x00")
    if nuls * 20 > len(sample):
        return False
    return bool(_HTML_TAG.search(sample.replace(b"\x00", b"").decode("utf-8", "replace")))


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head[:HEAD_BYTES]:
        return True
    sample = head[:HEAD_BYTES]
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control * 10 > len(sample)


def read_source(source: str | os.PathLike[str] | bytes, url: str | None = None) -> Iterator[Record]:
    """Every page in an input: a path, a directory (recursively), `-` for stdin, or bytes."""
    if isinstance(source, bytes):
        yield from _read_stream(io.BytesIO(source), "<bytes>", url)
        return
    name = os.fspath(source)
    if name == "-":
        yield from _read_stream(io.BytesIO(sys.stdin.buffer.read()), "<stdin>", url)
        return
    path = Path(name)
    if path.is_dir():
        found = False
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if _walkable(child):
                found = True
                yield from _file_records(child)
        if not found:
            raise InputError(f"{name}: directory holds no pages")
        return
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    with stream:
        yield from _read_stream(stream, name, url)


def _file_records(path: Path) -> Iterator[Record]:
    """One file of a directory: what it holds, or one failed record when it cannot be
    read (an empty or binary file must not end the walk, nor lose the files after it)."""
    try:
        yield from read_source(path, None)
    except InputError as exc:
        yield ReadFailure(str(path), "file", str(exc))


def _walkable(path: Path) -> bool:
    if any(part.startswith(".") for part in path.parts[-1:]):
        return False
    suffix = path.suffix.lower()
    return suffix in PAGE_SUFFIXES


def _read_stream(stream: BinaryIO, name: str, url: str | None) -> Iterator[Record]:
    head = _peek(stream)
    kind = sniff(head, name)
    if kind in ("gzip", "warc", "arc", "zip", "tar"):
        from auditor.readers import containers

        yield from containers.read_container(kind, stream, name)
        return
    if kind == "empty":
        raise InputError(f"{name}: empty input")
    if kind == "binary":
        raise InputError(f"{name}: binary data, not a page (HTML, JSON, text or an archive)")
    data = stream.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(f"{name}: larger than {MAX_PAGE_BYTES // (1024 * 1024)} MiB")
    yield from read_page_bytes(data, name, url, kind)


def read_page_bytes(
    data: bytes, name: str, url: str | None = None, kind: str | None = None
) -> Iterator[Record]:
    """Pages from one non-container input; also what archive readers call per member."""
    utf8 = as_utf8(data)
    # re-encoded from UTF-16/32: a `<meta charset="utf-16">` in it no longer holds
    charset = "utf-8" if utf8 is not data else None
    data = utf8
    kind = kind or sniff(data[:HEAD_BYTES], name)
    if kind in ("empty", "binary"):
        raise InputError(
            f"{name}: {'empty input' if kind == 'empty' else 'binary data, not a page'}"
        )
    if kind == "json":
        docs = json_posts.read_json(data.decode("utf-8-sig", "replace"), name)
    elif kind == "jsonl":
        docs = json_posts.read_jsonl(data.decode("utf-8-sig", "replace"), name)
    elif kind == "html":
        text = decode_html(data, charset)
        docs = iter([Document(input=name, kind="html", text=text, url=url)])
    elif kind == "text":
        docs = iter(
            [Document(input=name, kind="text", text=decode_html(data, charset), url=url,
                      markup=False)]
        )
    else:
        raise InputError(f"{name}: cannot audit input of kind {kind}")
    for doc in docs:
        if url and isinstance(doc, Document) and doc.url is None:
            doc = dataclasses.replace(doc, url=url)
        yield doc


def _peek(stream: BinaryIO) -> bytes:
    """The first bytes without consuming them (rewinds seekable streams)."""
    if stream.seekable():
        pos = stream.tell()
        head = stream.read(PEEK_BYTES)
        stream.seek(pos)
        return head
    raise InputError("input stream is not seekable")
