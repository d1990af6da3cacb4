"""`PageContext`: what every heuristic reads of a page, and the page's views it keeps."""

from __future__ import annotations

from itertools import count

from auditor.catalogue import default_catalogue
from auditor.dom.page import ParsedPage, parse_page
from auditor.heuristics.interface import PageContext
from auditor.readers.interface import Document


def _context(text: str, page: ParsedPage | None) -> PageContext:
    kind = "html" if page is not None else "text"
    return PageContext(Document(input="t", kind=kind, text=text), page, None, None, (), (), (),
                       (), default_catalogue())


def test_a_view_is_built_once_a_page_and_kept_on_it() -> None:
    page = parse_page("<html><body><p>ferry times</p></body></html>")
    ctx, builds = _context(page.text, page), count(1)
    assert [ctx.view("ferry", lambda: next(builds)) for _ in range(3)] == [1, 1, 1]
    assert page.view("ferry", lambda: 0) == 1  # the page's own store: other stages share it


def test_a_text_page_has_no_store_so_each_ask_builds() -> None:
    ctx, builds = _context("ferry times", None), count(1)
    assert [ctx.view("ferry", lambda: next(builds)) for _ in range(2)] == [1, 2]
