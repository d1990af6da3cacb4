"""Markup standing for what a saved copy holds beside its page (`Document.saved_parts`):
an MHTML's parts (`mhtml`), a complete copy's saved frames (`auditor.saved`), one element
a line, each at the URL the browser loaded it from; a frame holds its document in
`srcdoc`. The readers that write it and the stages that read it (the replay drops the
archive's own files by their URL) share its form here.
"""

from __future__ import annotations

import html

from auditor.lazy_re import lazy_regex

FRAME_BYTES = 2 * 1024 * 1024  # a frame's markup walked as its document, each …
FRAMES_BYTES = 16 * 1024 * 1024  # … and all together (past them: the frame's URL alone)


def frame_element(location: str | None, frame: str | None, cid: str | None = None,
                  held_at: str | None = None) -> str:
    """The element standing for a frame a saved copy holds, on one line: its URL, the
    `cid:` address the page's frame without a URL keeps, what the page's `<iframe src>`
    holding it (or the outermost frame holding it) reads (`data-at`), and its markup."""
    src = f' src="{html.escape(location, quote=True)}"' if location else ""
    if cid:
        src += f' data-cid="{html.escape(cid, quote=True)}"'
    if held_at:
        src += f' data-at="{html.escape(held_at, quote=True)}"'
    held = "" if frame is None else ' srcdoc="{}"'.format(  # one element a line
        html.escape(frame, quote=True).replace("\r", "&#13;").replace("\n", "&#10;"))
    return f"<iframe{src}{held}></iframe>"


# the URL the element standing for a part holds (its first attribute but a link's `rel`
# and `as`: `mhtml._element`, `frame_element`); a frame's `srcdoc` comes after it, its
# quotes escaped
_PART_URL = lazy_regex(r'<[a-z]+(?: rel="[^"]*")?(?: as="[^"]*")? (?:src|href)="([^"]*)"')


def saved_part_url(line: str) -> str | None:
    """The URL a part was loaded from, given the line of `Document.saved_parts` standing
    for it (a reader of the parts, as a replay's, drops some by their URL).

    >>> saved_part_url('<link rel="stylesheet" href="https://a.test/s.css?a=1&amp;b=2">')
    'https://a.test/s.css?a=1&b=2'
    >>> saved_part_url('<iframe data-cid="frame-1@mhtml.blink" srcdoc="&lt;p&gt;"></iframe>')
    """
    m = _PART_URL.match(line)
    return html.unescape(m.group(1)) if m else None


__all__ = ["FRAMES_BYTES", "FRAME_BYTES", "frame_element", "saved_part_url"]
