"""Bytes → text for HTML: BOM, then the page's own declaration, then detection.

Never raises on bad bytes: an undecodable byte becomes U+FFFD so one broken
character never loses a page.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)""", re.I)
_XML_DECL = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.-]+)""", re.I)


def as_utf8(data: bytes) -> bytes:
    """UTF-16 or UTF-32 input (it starts with a byte-order mark) as UTF-8; any other
    input is returned as it is (the same object)."""
    for bom, codec in _BOMS[1:]:  # the wide ones; UTF-32 before UTF-16, whose BOM it starts with
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace").encode("utf-8")
    return data


def declared_charset(data: bytes) -> str | None:
    """The encoding the bytes declare (BOM, meta, XML declaration), if Python knows it."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    found = _META_CHARSET.search(head) or _XML_DECL.search(head)
    if not found:
        return None
    name = found.group(1).decode("ascii", "replace").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    # A page that says latin-1 means windows-1252 (WHATWG encoding standard).
    return "cp1252" if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"} else name


def decode_html(data: bytes, http_charset: str | None = None) -> str:
    """Decode page bytes, trying the declared charset, then UTF-8, then cp1252."""
    for bom, _name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(_name, "replace")
    for candidate in (http_charset, declared_charset(data)):
        if candidate:
            try:
                return data.decode(candidate)
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    utf8 = data.decode("utf-8", "replace")
    # UTF-8 with a few corrupt bytes stays UTF-8 (it has valid multi-byte characters);
    # bytes that never form UTF-8 are a legacy page, and cp1252 is the web's default.
    bad = utf8.count("\ufffd")
    valid = sum(1 for ch in utf8 if ord(ch) > 0x7F) - bad
    if valid > bad:
        return utf8
    return data.decode("cp1252", "replace")
