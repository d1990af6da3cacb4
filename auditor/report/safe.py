"""Page-derived text is hostile: make it inert before any output shows it."""

from __future__ import annotations

import re

# C0 controls but tab/newline, DEL, C1 controls, and bidi overrides (Trojan Source).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_UNSAFE_INLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


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
    """
    if not text:
        return ""
    out = (_UNSAFE_INLINE if inline else _UNSAFE).sub(_show, text)
    if limit is not None and len(out) > limit:
        out = out[: limit - 1] + "…"
    return out
