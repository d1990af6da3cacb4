"""A page a browser saved as one file: MHTML (Chrome's and Edge's "Save as single file",
`.mhtml`; Internet Explorer's "Web archive, single file", `.mht`), RFC 2557's
multipart/related message.

The first `text/html` part is the page; its URL is the message's
`Snapshot-Content-Location` (Chrome's), else the part's own `Content-Location`, as a WARC
record's target URI is the page's. Every other part is something the browser loaded to
show it, with the URL it came from (`Content-Location`): a stronger fact than a URL in the
markup, which might never have been requested. Those are handed to the audit as markup
standing for them (`Document.saved_parts`: an `<img>` for an image part, an `<iframe>` for a
frame, …), walked as the page's own requests; a frame's part (another `text/html` part, the
`cid:` address the page's `<iframe>` holds) is its document, walked as an `<iframe srcdoc>`'s
is. Chrome's serializer leaves scripts out of the copy, so a vendor shows by what its code
loaded: its frames, pixels and sheets. Nothing is fetched; nothing but HTML parts is decoded.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from auditor.errors import InputError
from auditor.lazy_re import lazy_regex
from auditor.readers.decode import decode_page
from auditor.readers.interface import (
    MAX_PAGE_BYTES,
    RECORD_CAP_FLAG,
    Document,
    Nested,
    Reader,
    Record,
    Source,
)
from auditor.readers.parts import FRAME_BYTES, FRAMES_BYTES, frame_element
from auditor.urls import absolute_url

MAX_PARTS = 20_000  # a heavy news page saves a few hundred; past this it is no page's copy
_HEADER_BYTES = 64 * 1024  # a header block longer than this is no MIME header

# the message opens with header lines (`Name: value`, folded lines start with a blank) and
# declares itself multipart/related before its first blank line
_HEADER_LINE = lazy_regex(rb"[!-9;-~]{1,76}:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*")
_RELATED = lazy_regex(rb"(?im)^content-type:[ \t]*multipart/related\b")
_BLANK_LINE = lazy_regex(rb"\r?\n\r?\n")
_UNFOLD = lazy_regex(r"\r?\n[ \t]+")
_PARAM = lazy_regex(r"""(?i);\s*([\w-]+)\s*=\s*(?:"([^"]*)"|([^;\s]*))""")
_CID = lazy_regex(r"""cid:([^\s"'<>)]{1,512})""")
_HTML = frozenset({"text/html", "application/xhtml+xml"})  # the page's part, and a frame's
_JS = frozenset({"application/javascript", "text/javascript", "application/x-javascript",
                 "application/ecmascript", "text/ecmascript"})


def is_mhtml(head: bytes) -> bool:
    """Whether an input's first bytes are a MIME message's headers declaring
    multipart/related (a `.mhtml` is sniffed, not trusted by its name).

    >>> is_mhtml(b"From: <Saved by Blink>\\r\\nMIME-Version: 1.0\\r\\n"
    ...          b"Content-Type: multipart/related;\\r\\n\\ttype=\\"text/html\\";\\r\\n\\r\\n")
    True
    >>> is_mhtml(b"<html>Content-Type: multipart/related</html>")
    False
    """
    head = head.lstrip(b"\xef\xbb\xbf\r\n")
    pos = 0
    related = False
    while (line := _HEADER_LINE.match(head, pos)) is not None:
        related = related or bool(_RELATED.match(line.group()))
        pos = line.end()
    return related and head[pos:pos + 1] in (b"\r", b"\n")  # the blank line ending them


@dataclass(frozen=True, slots=True)
class Part:
    """One part of the message: its headers that matter, and where its body lies."""

    mime: str  # the media type, lowered: `text/html`, `image/png`
    charset: str | None
    encoding: str  # Content-Transfer-Encoding, lowered
    location: str | None  # its absolute http(s) URL, when it names one
    cid: str | None  # its Content-ID, without the angle brackets
    start: int
    end: int


def _headers(block: bytes) -> dict[str, str]:
    """A header block as lowered name → first value, folded lines joined."""
    text = _UNFOLD.sub(" ", block.decode("latin-1"))
    out: dict[str, str] = {}
    for line in text.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            out.setdefault(name.strip().lower(), value.strip())
    return out


def _params(value: str) -> tuple[str, dict[str, str]]:
    """A Content-Type value as (media type lowered, its parameters by lowered name)."""
    params = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
              for m in _PARAM.finditer(value)}
    return value.split(";", 1)[0].strip().lower(), params


def _split_head(data: bytes, start: int, stop: int) -> tuple[dict[str, str], int] | None:
    """The header block starting at `start` and where its body starts, or None when no
    blank line ends it within `_HEADER_BYTES` and before `stop` (a part's end: searched past
    it, a message of 40,000 parts whose headers never end read 64 KB each, 25 s)."""
    end = _BLANK_LINE.search(data, start, min(stop, start + _HEADER_BYTES))
    if end is None:
        return None
    return _headers(data[start:end.start()]), end.end()


def parts_of(data: bytes, name: str) -> tuple[dict[str, str], list[Part]]:
    """The message's headers and its parts (at most MAX_PARTS); InputError, one line,
    for a message that is no MHTML: no boundary, a boundary that never opens a part."""
    top = _split_head(data, 0, len(data))
    if top is None:
        raise InputError(f"{name}: MHTML headers never end (no blank line)")
    headers, body = top
    mime, params = _params(headers.get("content-type", ""))
    boundary = params.get("boundary") or ""
    if not mime.startswith("multipart/") or not boundary or len(boundary) > 200:
        raise InputError(f"{name}: MHTML without a multipart boundary")
    delimiter = re.compile(rb"(?:\A|\r?\n)--" + re.escape(boundary.encode("latin-1")) +
                           rb"(--)?[ \t]*(?:\r?\n|\Z)")
    parts: list[Part] = []
    opened: int | None = None
    # from the blank line's own line end: a first delimiter right after the headers (no
    # preamble line, as Python's email generator and RFC 2046 allow) is at a line start
    for m in delimiter.finditer(data, body - 1):
        if opened is not None:
            if (part := _part(data, opened, m.start(), name)) is not None:
                parts.append(part)
        if m.group(1):  # the close delimiter: what follows is the epilogue
            opened = None
            break
        if len(parts) >= MAX_PARTS:
            raise InputError(f"{name}: MHTML with more than {MAX_PARTS:,} parts")
        opened = m.end()
    if opened is not None:  # cut short before its close delimiter: the last part as it is
        if (part := _part(data, opened, len(data), name)) is not None:
            parts.append(part)
    if not parts:
        raise InputError(f"{name}: MHTML whose boundary opens no part")
    return headers, parts


def _part(data: bytes, start: int, end: int, name: str) -> Part | None:
    head = _split_head(data, start, end)
    if head is None:
        return None  # no blank line ends its headers: a damaged part, passed over
    headers, body = head
    mime, params = _params(headers.get("content-type", "text/plain"))
    location = absolute_url(headers.get("content-location", ""))
    cid = headers.get("content-id", "").strip().strip("<>") or None
    return Part(mime, params.get("charset"),
                headers.get("content-transfer-encoding", "7bit").strip().lower(),
                location, cid, body, end)


def body_of(data: bytes, part: Part) -> bytes:
    """A part's bytes, its transfer encoding undone; InputError for one that cannot be."""
    raw = data[part.start:part.end]
    try:
        if part.encoding == "quoted-printable":
            return binascii.a2b_qp(raw)
        if part.encoding == "base64":
            return base64.b64decode(raw)  # characters outside the alphabet are skipped
    except (binascii.Error, ValueError) as exc:
        raise InputError(f"{part.encoding} body that does not decode: {exc}") from None
    if part.encoding in ("7bit", "8bit", "binary", ""):
        return raw
    raise InputError(f"unknown transfer encoding {part.encoding[:40]!r}")


def _with_frames(text: str, frames: dict[str, str]) -> str:
    """`text` with each `cid:` address of a saved part replaced by the URL the part came
    from (an `<iframe src="cid:frame-…@mhtml.blink">` is that frame's URL); on one line, so
    line numbers keep pointing into the part."""
    if not frames or "cid:" not in text:
        return text
    return _CID.sub(lambda m: html.escape(frames.get(m.group(1), m.group(0)), quote=True),
                    text)


def _element(part: Part, frame: str | None, held_at: str | None = None) -> str:
    """The element standing for a part the browser loaded: what it would request; a frame
    another frame holds says, in `data-at`, what the page's `<iframe src>` holding the
    outermost of them reads."""
    url = html.escape(part.location or "", quote=True)
    if part.mime in _HTML:
        return frame_element(part.location, frame, part.cid, held_at)
    if part.mime == "text/css":
        return f'<link rel="stylesheet" href="{url}">'
    if part.mime.startswith("image/"):
        return f'<img src="{url}">'
    if part.mime in _JS:
        return f'<script src="{url}"></script>'
    if part.mime.startswith(("video/", "audio/")):
        return f'<video src="{url}"></video>'
    if part.mime.startswith("font/") or "font" in part.mime:
        return f'<link rel="preload" as="font" href="{url}">'
    return f'<link rel="preload" as="fetch" href="{url}">'


class MhtmlReader(Reader):
    kinds = frozenset({"mhtml"})
    suffixes = frozenset({".mhtml", ".mht"})
    # a photo-heavy page saved whole is past bulk's 16 MiB record cap in its images alone,
    # which are never decoded: the file is read up to what `audit` reads whole, and the
    # record cap bounds the page's part (frames have their own caps)
    whole_bytes = MAX_PAGE_BYTES

    def detect(self, head: bytes, name: str) -> str | None:
        return "mhtml" if is_mhtml(head) else None

    def read(self, source: Source, nested: Nested) -> Iterator[Record]:
        data = source.stream.read()
        headers, parts = parts_of(data, source.name)
        page = next((p for p in parts if p.mime in _HTML), None)
        if page is None:
            raise InputError(f"{source.name}: MHTML holds no HTML part (no page)")
        if page.end - page.start > source.max_record_bytes:
            raise InputError(f"{source.name}: the page's part ({page.end - page.start} bytes) "
                             f"is over the {source.max_record_bytes}-byte cap ({RECORD_CAP_FLAG})")
        try:
            text, readings = decode_page(body_of(data, page), page.charset)
        except InputError as exc:
            raise InputError(f"{source.name}: the page's part: {exc}") from None
        frames = {p.cid: p.location for p in parts if p.cid and p.location}
        url = absolute_url(headers.get("snapshot-content-location", "")) or page.location
        text = _with_frames(text, frames)
        yield Document(input=source.name, kind="mhtml", text=text, url=url or source.url,
                       readings=readings, saved_parts=_saved_parts(data, parts, page, frames))


def _saved_parts(data: bytes, parts: list[Part], page: Part, frames: dict[str, str]) -> str:
    """Markup standing for every part but the page that came from a URL: frames first
    (each with its document, within the caps), so what a frame loaded is cited at it."""
    out: list[tuple[Part, str | None]] = []
    rest: list[str] = []
    budget = FRAMES_BYTES
    held_by: dict[str, str] = {}  # a frame's Content-ID → the frame whose markup names it
    for part in parts:
        html_part = part.mime in _HTML
        if part is page or part.mime.startswith("multipart/") or (
                part.location is None and not html_part):
            continue  # the page; a nested message; a part with no URL (`cid:css-…`)
        frame: str | None = None
        if html_part:  # a frame, with its URL or one its parent wrote (`about:blank`)
            size = part.end - part.start
            if size <= min(FRAME_BYTES, budget):
                budget -= size
                try:
                    body = body_of(data, part)
                except InputError:
                    body = None  # its URL still stands: the browser loaded it
                if body is not None:
                    held, _ = decode_page(body, part.charset)
                    base = part.location  # a written frame's resolves as its parent's
                    frame = (f'<base href="{html.escape(base, quote=True)}">' if base else ""
                             ) + _with_frames(held, frames)
                    if part.cid:
                        for m in _CID.finditer(held):
                            held_by.setdefault(m.group(1), part.cid)
            out.append((part, frame))
        else:
            rest.append(_element(part, None))
    return "\n".join([_element(part, frame, _held_at(part, held_by, frames, page))
                      for part, frame in out] + rest)


def _held_at(part: Part, held_by: dict[str, str], frames: dict[str, str],
             page: Part) -> str | None:
    """For a frame another frame holds (an ad frame's creative frame), what the page's
    `<iframe src>` holding the outermost of them reads: that frame's URL, else its `cid:`
    address; None for a frame the page holds, or none does."""
    cid = part.cid
    outer: str | None = None
    seen: set[str] = set()
    while cid and (up := held_by.get(cid)) is not None and up != page.cid and up not in seen:
        seen.add(up)
        outer = cid = up
    if outer is None:
        return None
    return frames.get(outer) or f"cid:{outer}"


__all__ = ["MAX_PARTS", "MhtmlReader", "is_mhtml", "parts_of"]
