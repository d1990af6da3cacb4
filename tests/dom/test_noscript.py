"""What sits inside an HTML `<noscript>`: one meaning, read by an element or by its path."""

from __future__ import annotations

import pytest
from lxml import etree

from auditor.dom.noscript import NoscriptMemo, in_noscript, noscript_holding
from auditor.dom.page import parse_page

# (markup holding one <script id=x>, whether it sits inside an HTML noscript)
CASES: list[tuple[str, bool]] = [
    ("<script id=x></script>", False),
    ("<noscript><script id=x></script></noscript>", True),
    ("<div><noscript><p><script id=x></script></p></noscript></div>", True),
    # in <svg> or <math> a noscript is a foreign element of that name: its script runs
    ("<svg><noscript><script id=x></script></noscript></svg>", False),
    ("<math><noscript><script id=x></script></noscript></math>", False),
    # an HTML integration point goes back to HTML: a noscript there is one
    ("<svg><foreignObject><noscript><script id=x></script></noscript></foreignObject></svg>",
     True),
    ("<svg><desc><noscript><script id=x></script></noscript></desc></svg>", True),
    # an HTML noscript round the svg: everything in it is inert
    ("<noscript><svg><script id=x></script></svg></noscript>", True),
    # the element itself is not inside itself
    ("<noscript id=x></noscript>", False),
]


def _marked(markup: str) -> tuple[etree._Element, str]:
    page = parse_page(f"<html><head><title>t</title></head><body>{markup}</body></html>")
    (el,) = page.root.xpath("//*[@id='x']")
    return el, page.root.getroottree().getpath(el)


@pytest.mark.parametrize(("markup", "inside"), CASES, ids=[c[0] for c in CASES])
def test_an_element_and_its_path_read_alike(markup: str, inside: bool) -> None:
    el, path = _marked(markup)
    assert (noscript_holding(el) is not None, in_noscript(path)) == (inside, inside)


def test_the_nearest_html_noscript_and_each_one_round_it() -> None:
    el, _ = _marked("<noscript id=a><div><noscript id=b><svg><noscript>"
                    "<img id=x></noscript></svg></noscript></div></noscript>")
    memo: NoscriptMemo = {}
    inner = noscript_holding(el, memo)
    assert inner is not None and inner.get("id") == "b"
    outer = noscript_holding(inner, memo)
    assert outer is not None and outer.get("id") == "a"
    assert noscript_holding(outer, memo) is None
    assert noscript_holding(el, memo) is inner  # read from the memo, the same answer
