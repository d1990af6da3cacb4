"""Page-derived text is hostile: make it inert before any output shows it."""

from __future__ import annotations

import logging
import re

from auditor.lazy_re import lazy_regex

# C0 controls but tab/newline, DEL, C1 controls, and bidi controls (Trojan Source): the
# embeddings, overrides and isolates, and the marks, the Arabic letter mark (U+061C) too.
# U+2028/U+2029 break lines in many viewers: escaped too, so a record stays one line.
_UNSAFE = lazy_regex(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u202a-\u202e\u2066-\u2069\u200e\u200f\u2028\u2029]")
_UNSAFE_INLINE = lazy_regex(
    "[\x00-\x1f\x7f-\x9f\u061c\u202a-\u202e\u2066-\u2069\u200e\u200f\u2028\u2029]")


def _show(match: re.Match[str]) -> str:
    return (
        f"\\x{ord(match.group()):02x}"
        if ord(match.group()) < 0x100
        else f"\\u{ord(match.group()):04x}"
    )


def inert(text: str | None, *, inline: bool = True, limit: int | None = None) -> str:
    """Control and bidi characters shown as escapes (so `\\x1b[31m` prints literally).

    >>> inert("a\\x1b[31mb")
    'a\\\\x1b[31mb'
    >>> inert("line1\\nline2")
    'line1\\\\x0aline2'
    >>> inert("abc\\u061cdef")  # the Arabic letter mark, a bidi control too
    'abc\\\\u061cdef'
    """
    if not text:
        return ""
    if limit is not None:  # escapes only lengthen: the prefix is all that can be shown
        text = text[: limit + 1]
    out = (_UNSAFE_INLINE if inline else _UNSAFE).sub(_show, text)
    if limit is not None and len(out) > limit:
        out = out[: limit - 1] + "…"
    return out


def inert_list(items: list[str], limit: int, item_limit: int = 200) -> str:
    """Items joined by ", ", each inert, cut at whole items within about `limit`
    characters with "and N more" said: a list cut mid-item shows an ID that is not one.

    >>> inert_list(["5000001", "5000002", "5000003"], limit=18)
    '5000001, 5000002 and 1 more'
    >>> inert_list(["x" * 30], limit=10, item_limit=12)
    'xxxxxxxxxxx…'
    """
    shown: list[str] = []
    size = 0
    for item in items:
        text = inert(item, limit=item_limit)
        if shown and size + 2 + len(text) > limit:
            break
        shown.append(text)
        size += len(text) + (2 if len(shown) > 1 else 0)
    more = len(items) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


class InertFormatter(logging.Formatter):
    """Log records as one inert line: libraries' warnings quote page data (warcio
    prints a WARC-Target-URI as it found it, escape sequences and all)."""

    def format(self, record: logging.LogRecord) -> str:
        return inert(super().format(record))


def inert_logging() -> None:
    """Route every library's log records and Python warnings through `inert`, once per
    process (the CLI and each bulk worker call it)."""
    root = logging.getLogger()
    if any(isinstance(h.formatter, InertFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(InertFormatter("%(name)s: %(message)s"))
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.captureWarnings(True)
