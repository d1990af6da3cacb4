"""HTTP message bodies as archived: undo chunked transfer and gzip/br/deflate encoding.

Archives disagree on whether a stored body is still encoded (Heritrix keeps the wire
bytes; Common Crawl stores decoded bodies and renames the headers; some tools decode
and keep the header). So decoding is lenient where the body plainly was not encoded,
and strict where it was: a body that starts encoded and then breaks is an error, never
silently audited as garbage.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Iterable

import brotli

from auditor.errors import InputError
from auditor.lazy_re import lazy_regex

_CHUNK_SIZE = lazy_regex(rb"[0-9a-fA-F]{1,8}[ \t]*(?:;[^\r\n]*)?\r?\n")
_HTML_START = lazy_regex(rb"^\s*(?:<!doctype|<html|<head|<body|<!--|<meta|<div|<p\b|<script)", re.I)


class BodyError(InputError):
    """The body claims an encoding it does not hold, or breaks part-way."""


def dechunk(data: bytes) -> bytes:
    """Undo chunked transfer coding; a body that was stored already de-chunked passes."""
    if not _CHUNK_SIZE.match(data):
        return data
    out = bytearray()
    pos = 0
    while pos < len(data):
        line = _CHUNK_SIZE.match(data, pos)
        if line is None:
            raise BodyError(f"chunked body: bad chunk size line at byte {pos}")
        size = int(line.group().split(b";", 1)[0].strip(), 16)
        pos = line.end()
        if size == 0:
            return bytes(out)
        out += data[pos : pos + size]  # a short last chunk is a truncated capture: keep it
        pos += size
        if data.startswith(b"\r\n", pos):
            pos += 2
        elif data.startswith(b"\n", pos):
            pos += 1
        elif pos < len(data):
            raise BodyError(f"chunked body: chunk not followed by a line end at byte {pos}")
    return bytes(out)


def _inflate(data: bytes, wbits: int, limit: int) -> bytes:
    d = zlib.decompressobj(wbits)
    out = d.decompress(data, limit + 1)
    if len(out) > limit:
        raise BodyError(f"decoded body is over the {limit}-byte record cap")
    if not d.eof:
        raise BodyError("compressed body is truncated")
    return out


def _decode_one(data: bytes, coding: str, limit: int) -> bytes:
    try:
        if coding in ("gzip", "x-gzip"):
            if not data.startswith(b"\x1f\x8b"):
                raise BodyError("not gzip data")
            return _inflate(data, 47, limit)
        if coding == "deflate":
            try:
                return _inflate(data, 15, limit)
            except zlib.error:
                return _inflate(data, -15, limit)
        if coding == "br":
            out = unbrotli(data, limit)
            if len(out) > limit:
                raise BodyError(f"decoded body is over the {limit}-byte record cap")
            return out
    except zlib.error as exc:
        raise BodyError(f"{coding} body does not decode: {exc}") from None
    raise BodyError(f"unsupported Content-Encoding {coding!r}")


def unbrotli(data: bytes, limit: int) -> bytes:
    """Brotli-compressed bytes decompressed, up to one more than `limit` (the caller says
    what is over it): bounded like zlib, as a 4 KB brotli body can expand to gigabytes.
    BodyError when they do not decode or stop short (brotli has no magic number: bytes
    that are no brotli fail here).

    >>> unbrotli(brotli.compress(b"<p>x</p>"), 100)
    b'<p>x</p>'
    """
    decoder = brotli.Decompressor()
    try:
        out = decoder.process(data, output_buffer_limit=limit + 1)
    except brotli.error as exc:
        raise BodyError(f"br body does not decode: {exc}") from None
    if not isinstance(out, bytes):
        raise BodyError("brotli returned no bytes")
    if len(out) <= limit and not decoder.is_finished():
        raise BodyError("compressed body is truncated")
    return out


def unbrotlied(packed: bytes, name: str, limit: int) -> bytes:
    """A brotli file's bytes decompressed, up to one more than `limit` (the caller says
    what is over it); InputError, one line, when they do not decompress (a cut file,
    plain bytes named `.br`)."""
    try:
        return unbrotli(packed, limit)
    except BodyError as exc:
        raise InputError(f"{name}: unreadable brotli: {exc}") from None


def zstd_unreadable(name: str) -> InputError:
    """The one-line error for zstd-compressed bytes, a `.zst` file's or a site's
    precompressed copy's: no zstd decoder ships with Python 3.11."""
    return InputError(f"{name}: zstd-compressed, which this version cannot decompress "
                      "(decompress it first: zstd -d)")


def decode_content(data: bytes, content_encoding: str | None, limit: int) -> bytes:
    """Undo Content-Encoding (last applied first); already-decoded HTML passes through."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    for coding in reversed(codings):
        try:
            data = _decode_one(data, coding, limit)
        except BodyError:
            if _HTML_START.match(data[:1024]):
                return data  # stored decoded with the header left in place
            raise
    return data


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header.

    >>> charset_of('text/html; charset="ISO-8859-1"')
    'iso-8859-1'
    >>> charset_of("text/html") is None
    True
    """
    if not content_type:
        return None
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            value = value.strip().strip("\"'").lower()
            return value or None
    return None


def mime_of(content_type: str | None) -> str:
    """The media type of a Content-Type header, lower case, without parameters."""
    return (content_type or "").split(";", 1)[0].strip().lower()


# One link of a `Link` header (RFC 8288): `<url>; rel=preload; as=script`, links split by
# commas outside their `<…>`.
_LINK = lazy_regex(r"<([^>]*)>((?:\s*;\s*[^;,]*)*)")
_LINK_PARAM = lazy_regex(r"""([A-Za-z*-]+)\s*=\s*(?:"([^"]*)"|([^\s;,"]*))""")


def link_header_markup(values: Iterable[str]) -> str:
    """A response's `Link` headers as the `<link>` elements they stand for, escaped: a
    browser acts on a header's `preload`, `modulepreload` or `preconnect` as on the
    element's (Chromium 156 fetched a header's preloaded script), so the walk reads them
    as it reads the page's own.

    >>> print(link_header_markup(['<https://a.test/p.js>; rel=preload; as=script, '
    ...                           '</s.css>; rel="preload"; as=style']))
    <link href="https://a.test/p.js" rel="preload" as="script">
    <link href="/s.css" rel="preload" as="style">
    """
    out = []
    for value in values:
        for link in _LINK.finditer(value):
            params = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                      for m in _LINK_PARAM.finditer(link.group(2))}
            attrs = [("href", link.group(1).strip())] + [
                (name, params[name]) for name in ("rel", "as", "crossorigin", "type")
                if name in params]
            out.append("<link " + " ".join(f'{name}="{html.escape(v, quote=True)}"'
                                           for name, v in attrs) + ">")
    return "\n".join(out)
