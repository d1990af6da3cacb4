"""A saved copy (SingleFile, a DOM snapshot) keeps an ad server's frame with both its `src`
and the document that server sent (`srcdoc`). When the server passed back (OpenX's iframe
tag, `d.openx.net/w/1.0/afr?auid=…`, serving the publisher's AdSense tag for an unfilled
impression), the placement is the server's frame, at its declared size; the AdSense unit
its document holds is the ad it served, not a placement of its own. Pages written here
after OpenX's and AdSense's documented tags."""

from __future__ import annotations

import html

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_PASSBACK = ("<html><body style='margin:0'><script async src='https://pagead2.googlesyndication"
             ".com/pagead/js/adsbygoogle.js?client=ca-pub-9876543210987654'></script>"
             "<ins class='adsbygoogle' style='display:inline-block;width:300px;height:250px'"
             " data-ad-client='ca-pub-9876543210987654' data-ad-slot='5556667778'></ins>"
             "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>"
             "</body></html>")


def _page(srcdoc: str) -> str:
    return ("<!DOCTYPE html>\n<html><head><title>Blog</title></head><body>\n"
            "<h1>Weekend hike</h1><p>We set off at dawn.</p>\n<div class='widget'>\n"
            "<iframe width='300' height='250' frameborder='0' scrolling='no'"
            " src='https://d.openx.net/w/1.0/afr?auid=538123&amp;cb=8812'"
            f"{srcdoc}></iframe>\n</div>\n</body></html>")


def test_a_passback_in_a_saved_frame_is_the_servers_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    with_doc = f' srcdoc="{html.escape(_PASSBACK)}"'
    slots = []
    for markup in (_page(with_doc), _page("")):
        (page,) = audit(markup.encode(), url="https://hike.test/a", engine=project_engine,
                        catalogue=catalogue).pages
        slots.append([(s.line, s.network, s.width, s.height) for s in page.slots])
    # the saved document changes nothing: one placement, OpenX's frame
    assert slots[0] == slots[1] == [(5, "OpenX", 300, 250)]


def test_the_passback_units_id_stays_the_pages(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # the frame is OpenX's placement, but the AdSense unit it passed back to is the
    # publisher's own tag: its unit's ID is one of the page's, as it was before the frame
    # was read as a placement
    (page,) = audit(_page(f' srcdoc="{html.escape(_PASSBACK)}"').encode(),
                    url="https://hike.test/a", engine=project_engine, catalogue=catalogue).pages
    assert ("adsense-slot", "5556667778") in {(i.kind, i.value) for i in page.ids}
    assert [s.network for s in page.slots] == ["OpenX"]
    assert page.unplaced_units == ()  # served, not defined for an absent element
