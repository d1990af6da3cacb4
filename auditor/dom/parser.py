"""The one HTML parser: comments kept (they are evidence), huge pages allowed."""

from __future__ import annotations

import lxml.html
from lxml import etree

# One module-level parser, as trafilatura does: building one per page costs more
# than parsing a small page. Comments stay: ad templates sign themselves in them.
HTML_PARSER = lxml.html.HTMLParser(
    encoding="utf-8", remove_comments=False, remove_pis=False, huge_tree=True, recover=True
)


def html_bytes(text: str) -> bytes:
    """The bytes `parse_html` feeds the parser (NULs replaced, UTF-8)."""
    return text.replace("\x00", "\ufffd").encode("utf-8", "surrogatepass")


def parse_html(text: str) -> lxml.html.HtmlElement:
    """Parse a page (or a post-body fragment) into an html root; never raises on bad markup.

    Line numbers (`sourceline`) count lines of `text`, which is what the report cites.
    """
    return parse_html_bytes(html_bytes(text))


def parse_html_bytes(data: bytes) -> lxml.html.HtmlElement:
    """`parse_html` for markup already in `html_bytes` form."""
    root = etree.fromstring(data or b"<html></html>", HTML_PARSER) if data.strip() else None
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", HTML_PARSER)
    assert isinstance(root, lxml.html.HtmlElement)
    return root


def elements(result: object) -> list[etree._Element]:
    """The elements of an XPath result (which lxml types as a wide union)."""
    if isinstance(result, list):
        return [item for item in result if isinstance(item, etree._Element)]
    return []


def line_of(el: etree._Element) -> int:
    """The 1-based input line an element starts on (0 when lxml does not know)."""
    line = el.sourceline
    return line if isinstance(line, int) else 0
