"""What kind of input some bytes are (the extension only breaks ties): a pure function
of the bytes and the name, which imports no reader. The registry maps the kind to the
reader that reads it.
"""

from __future__ import annotations

import json
import re
import zlib
from typing import BinaryIO

from auditor.errors import InputError
from auditor.lazy_re import lazy_regex
from auditor.readers.decode import as_utf8

HEAD_BYTES = 4096
NOT_PAGES = frozenset({"empty", "binary"})  # kinds no reader reads
# what a reader peeks at: the kind is judged from HEAD_BYTES of it, and a per-record
# gzip WARC whose first member's magic is damaged is found by a member further on
PEEK_BYTES = 64 * 1024
GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_START = lazy_regex(rb"WARC/[01]\.\d+\r?\n")
_MEMBERS_TRIED = 64

_HTML_TAG = lazy_regex(
    r"<(?:!doctype\s+html|html|head|body|div|p|span|script|iframe|ins|a\s|img|meta|link|"
    r"table|section|article|main|header|footer|nav|ul|li|h[1-6]|br|!--)\b",
    re.I,
)


# How JSON opens: an object's first key or its end, an array's first value or its end.
# A template (`{% raw %}`, `{{ title }}`), a shortcode (`[caption id=…]`) or lyrics'
# `[Verse 1]` open with a bracket too, and are markup or text, not broken JSON.
_JSON_OPEN = lazy_regex(rb'\{\s*["}]|\[\s*(?:[\[{"\]\-0-9]|true\b|false\b|null\b)')
# openings only JSON writes: a key, an array of objects, arrays or strings; any other
# (`[1] Smith, J.`, `[2019-05-01] Dear diary`, `[ ] buy milk`, `[true story]`) must parse
_SURELY_JSON = lazy_regex(rb'\{\s*"|\[\s*[\[{"]')
_JSONL_NAMES = (".jsonl", ".ndjson")
_JSON_NAMES = (".json", *_JSONL_NAMES)
# a server-side code block's opening (PHP's `<?php … ?>`, `<?= … ?>`, `<? … ?>`; ASP's and
# JSP's `<% … %>`); not XML's `<?xml`: one text, read here in the bytes opening a template
# or a page saved with its source, and by `heuristics.markup` in a page before its `<html>`
SERVER_CODE_OPEN = r"<(?:\?(?:php\b|=|[ \t\r\n])|%)"
_SERVER_CODE = lazy_regex(SERVER_CODE_OPEN.encode(), re.I)
_BLANKS = lazy_regex(rb"[ \t\r\n]*")


def _opens_json(stripped: bytes, name: str) -> bool:
    """Whether the input reads as JSON: it opens as JSON does, or a .json file says so
    (so a broken one still says why). An opening text shares with JSON (a number, `true`,
    an empty array) must parse as far as the head goes: `[1] Smith` does not."""
    if stripped[:1] in (b"{", b"[") and name.lower().endswith(_JSON_NAMES):
        return True
    if not _JSON_OPEN.match(stripped):
        return False
    if _SURELY_JSON.match(stripped):
        return True
    text = stripped.decode("utf-8", "replace")
    try:
        _, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as exc:  # the head ends inside it: JSON cut short
        return exc.pos >= len(text) - 1 or exc.msg.startswith("Unterminated string")
    return not text[end:].strip()


def sniff(head: bytes, name: str = "", *, declared_text: bool = False) -> str:
    """The kind of an input from its first bytes. `declared_text`: its sender calls it
    plain text (a WARC record's `text/plain`), as a `.txt` name does.

    >>> sniff(b"WARC/1.0\\r\\n")
    'warc'
    >>> sniff(b'{"id": 1, "content": {"rendered": "<p>x</p>"}}')
    'json'
    >>> sniff(b"<!DOCTYPE html><html>")
    'html'
    >>> sniff(b"Just words, no markup at all.\\n")
    'text'
    >>> sniff(b"{% raw %}<!DOCTYPE html><html>"), sniff(b"[Verse 1]\\nWords")
    ('html', 'text')
    >>> sniff(b"Notes\\nIt wrote <script src=x.js></script> in.", "notes.txt")
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
        return sniff(utf8, name, declared_text=declared_text)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        return "empty"
    if _looks_binary(head) and not _html_with_nuls(scan):
        return "gzip" if warc_member_after(scan) is not None else "binary"
    text = head.decode("utf-8", "replace")
    if _opens_json(stripped, name):
        first, _, rest = stripped.partition(b"\n")
        if stripped[:1] == b"{" and rest.lstrip()[:1] == b"{" and first.rstrip().endswith(b"}"):
            return "jsonl"
        return "jsonl" if name.lower().endswith(_JSONL_NAMES) else "json"
    if name.lower().endswith(_JSONL_NAMES):
        return "jsonl"
    if _HTML_TAG.search(text):
        said_text = declared_text or name.lower().endswith(".txt")
        return "text" if said_text and _quoted_markup(text) else "html"
    if (after := _after_server_code(scan)) is not None and \
            sniff(after, name, declared_text=declared_text) == "html":
        return "html"  # code enough to fill the first bytes, then the page it renders
    return "text"


def _after_server_code(scan: bytes) -> bytes | None:
    """What follows the server-side code blocks an input opens with, or None when it
    opens with none or one not closed within `scan`: the server runs them and a browser
    never reads them, so a template or a page saved with its PHP is judged by the markup
    after them, however long its code.

    >>> _after_server_code(b"<?php $a = 1; ?>\\n<?= $b ?>\\n<!DOCTYPE html>")
    b'<!DOCTYPE html>'
    >>> _after_server_code(b"<?xml version='1.0'?><html>"), _after_server_code(b"<?php $a;")
    (None, None)
    """
    at = len(scan) - len(scan.lstrip(b"\xef\xbb\xbf \t\r\n"))
    skipped = False
    # walked by position: a copy of the rest after each block costs the square of them
    while (opened := _SERVER_CODE.match(scan, at)) is not None:
        end = scan.find(b"?>" if scan[at + 1:at + 2] == b"?" else b"%>", opened.end())
        if end < 0:
            return None
        at, skipped = _BLANKS.match(scan, end + 2).end(), True  # type: ignore[union-attr]
    return scan[at:] if skipped and at < len(scan) else None


# what only a document's source holds: its doctype and its frame's elements
_DOCUMENT_TAG = lazy_regex(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
# a line's start and end tags, and the elements that have no end tag
_LINE_TAG = lazy_regex(r"<(/?)([a-z][a-z0-9]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", re.I)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


def markup_further_on(body: bytes, *, declared_text: bool = False) -> bool:
    """Whether a body whose first bytes `sniff` read as text holds markup further on: a
    tag past them (a page behind 64 KB of words), not one a text file quotes in its
    prose (`declared_text`, as `sniff`'s). A record sniffed for its type is judged by all
    of it: the gate fails closed.

    >>> markup_further_on(b"words\\n" * 20000 + b"<html><body><p>x</p></body></html>")
    True
    >>> markup_further_on(b"words\\n" * 20000)
    False
    """
    text = as_utf8(body).decode("utf-8", "replace")
    if _HTML_TAG.search(text) is None:
        return False
    return not (declared_text and _quoted_markup(text))


def _quoted_markup(text: str) -> bool:
    """Whether a text's tags are quoted in its prose, not its markup: it opens with words,
    holds no document's frame (`<!DOCTYPE>`, `<html>`, `<head>`, `<body>`), and each tag
    that opens a line is a whole element alone there (`<script src=…></script>`, a snippet
    an article quotes on its own line), not one whose element goes on past its line (a
    `<div>` closed further down, a `</div>` closing one from above: a document's nesting),
    on lines fewer than the prose lines holding no tag. A scrape saved as `.txt` keeps no
    markup, so the tags it holds are ones it writes about.

    >>> _quoted_markup("Report\\n\\nIt injected <script src=x.js></script> into pages.")
    True
    >>> _quoted_markup("Report\\nThe kit adds this tag:\\n<script src=x.js></script>\\n"
    ...                "Remove it.\\n")
    True
    >>> _quoted_markup("Report\\nIt reads.\\nOn.\\n<div class=a>\\n<p>Hi</p>\\n</div>\\n")
    False
    >>> _quoted_markup("<p>Hi</p>")
    False
    """
    if text.lstrip("\ufeff \t\r\n").startswith("<") or _DOCUMENT_TAG.search(text):
        return False
    tag_lines = prose_lines = 0
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not _HTML_TAG.search(stripped):
            prose_lines += 1
        elif _HTML_TAG.match(stripped):
            if not _whole_elements(stripped):
                return False
            tag_lines += 1
    return tag_lines < prose_lines


def _whole_elements(line: str) -> bool:
    """Whether every element a line opens it also closes, and it closes none it did not
    open (void elements and comments need no end).

    >>> _whole_elements("<script src=x.js></script>"), _whole_elements("<img src=a.gif>")
    (True, True)
    >>> _whole_elements("<div class=ad>"), _whole_elements("</div>")
    (False, False)
    """
    if line.startswith("<!--"):
        return "-->" in line
    open_tags: list[str] = []
    for match in _LINE_TAG.finditer(line):
        closing, name, self_closed = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            if not open_tags or open_tags.pop() != name:
                return False
        elif name not in _VOID and not self_closed:
            open_tags.append(name)
    return not open_tags


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


def _html_with_nuls(scan: bytes) -> bool:
    """HTML with NUL bytes in it: browsers render it (a NUL becomes U+FFFD), so an
    injected page cannot hide behind NULs, few or many. A few are set aside and the
    page judged as one without them is; many, by what they pad. Either way what is left
    must be markup and text (not compressed, image or random data, about one byte in
    ten of which is a control byte): in the first 4 KB, or of the first 64 KB when NULs
    are many. UTF-16 and UTF-32 are recognised before this (`as_utf8`).
    """
    sample = scan[:HEAD_BYTES]
    few = sample.count(b"\x00") * 20 <= len(sample)
    text = (sample if few else scan).replace(b"\x00", b"")[:HEAD_BYTES]
    # random bytes are one in ten control bytes (and hold a `<p` now and then), text
    # almost none: the bound sits well below noise, not at it
    # an ANSI colour code's escape (`\x1b[32m`, a build log's page) is text's, not noise's:
    # random bytes hold `\x1b[` once in 65,536 pairs
    return bool(text) and _controls(text.replace(b"\x1b[", b"[")) * 50 <= len(text) \
        and _markup(text)


def _markup(text: bytes) -> bool:
    return bool(_HTML_TAG.search(text.decode("utf-8", "replace")))


# C0 controls but tab, line ends and form feed: what text rarely holds
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head[:HEAD_BYTES]:
        return True
    sample = head[:HEAD_BYTES]
    return _controls(sample) * 10 > len(sample)


def _controls(sample: bytes) -> int:
    # counted in C (deleting them), not by a Python loop over 4 KB: 0.6 ms a page
    return len(sample) - len(sample.translate(None, _CONTROL_BYTES))


def peek(stream: BinaryIO) -> bytes:
    """The first PEEK_BYTES without consuming them."""
    if not stream.seekable():
        raise InputError("input stream is not seekable")
    pos = stream.tell()
    head = stream.read(PEEK_BYTES)
    stream.seek(pos)
    return head
