"""A head cut short by a frame, then many canonicals naming the frame's site among many
stylesheets: whether the template's files are that site's is asked once a site, so the
page's own URL is read in time linear in its head."""

from __future__ import annotations

import time

from auditor.dom.parser import parse_html
from auditor.dom.walk import declared_page_url

from .scaling import assert_linear


def _head(n: int) -> str:
    pair = ('<link rel="canonical" href="https://adsrv-qk7.example/c">'
            '<link rel="stylesheet" href="https://cdn.other.test/s.css">')
    return ('<html><head><iframe src="https://adsrv-qk7.example/x"></iframe>' + pair * n
            + "</head><body><p>x</p></body></html>")


def _seconds(n: int) -> float:
    root = parse_html(_head(n))
    start = time.perf_counter()
    assert declared_page_url(root) is None
    return time.perf_counter() - start


def test_declared_url_of_a_cut_head_is_linear() -> None:
    assert_linear(_seconds, 2000, "canonicals of a framed site among stylesheets")
