"""A theme's ad wrappers left empty (no ad to fill them) are no slots; an empty box that
something on the page names (an id, a vendor's attribute, a size, the page's code) is."""

from __future__ import annotations

import time

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear

RULES = "##.ads-wrapper\n##.ad-box\n"


@pytest.fixture(scope="module")
def wrapper_engine() -> Engine:
    return Engine.from_text(RULES, name="test-rules")


# the theme's own script, which names no wrapper: the page runs code, and none fills them
THEME_SCRIPT = "<script src='/wp-content/themes/harbour/app.js'></script>"


def _page(box: str, code: str = "", head: str = THEME_SCRIPT) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>Ferry</title>{head}</head><body>"
            f"<div class='theme_ad theme_header_ads'>{box}</div><article><h1>Ferry vote</h1>"
            "<p>The harbour council voted on the winter timetable on Tuesday.</p></article>"
            f"{code}</body></html>").encode()


@pytest.mark.parametrize(("box", "code", "slots"), [
    # the theme's wrapper, empty: the theme had no ad to put there (it was a slot)
    ("<div class='ads-wrapper  '></div>", "", 0),
    ("<div class='ads-wrapper' style='text-align:center'> </div>", "", 0),
    # the wrapper holding the theme's ad (a house banner): a slot
    ("<div class='ads-wrapper'><a href='/podcasts'><img src='/ad.png' alt=''></a></div>", "", 1),
    # an empty box something means to fill: an id a script fills, a vendor's attribute, a
    # size in its class or style, the script right after it, the page's code naming it
    ("<div class='ads-wrapper' id='ad-top'></div>", "", 1),
    ("<div class='ads-wrapper' data-adunit='news/top'></div>", "", 1),
    ("<div class='ads-wrapper ad-300x250'></div>", "", 1),
    ("<div class='ad-box adSkyscraper'></div>", "", 1),
    ("<div class='ads-wrapper' style='width:300px;height:250px'></div>", "", 1),
    ("<div class='ads-wrapper'></div><script>adserver.fill(document.currentScript"
     ".previousElementSibling)</script>", "", 1),
    ("<div class='ads-wrapper'></div>",
     "<script>document.querySelectorAll('.ads-wrapper').forEach(fill)</script>", 1),
    ("<div class='ad-box adInContent'></div>",
     "<script type='application/json'>{\"blocks\": [{\"type\": \"adInContent\"}]}</script>", 1),
    # a data block after it is no script that fills it (a site's config read by its code)
    ("<span class='ads-wrapper'>&nbsp;</span><script type='text/json' id='cfg'>"
     "{\"country\": 1, \"domain\": \"harbour.example\"}</script>", "", 0),
], ids=["empty", "whitespace", "filled", "id", "vendor attribute", "size class",
        "format class", "size style", "script after", "code names it", "app state names it",
        "data block after"])
def test_an_empty_theme_wrapper_is_no_slot(wrapper_engine: Engine, catalogue: Catalogue,
                                           box: str, code: str, slots: int) -> None:
    (page,) = audit(_page(box, code), url="https://harbour.example/a", engine=wrapper_engine,
                    catalogue=catalogue).pages
    assert len(page.slots) == slots


def test_a_page_saved_without_its_scripts_keeps_its_empty_ad_boxes(
        wrapper_engine: Engine, catalogue: Catalogue) -> None:
    """A copy saved with its scripts stripped says nothing of what would fill a box: that
    the page's code never names it is no evidence there, so the box stays a placement."""
    (page,) = audit(_page("<div class='ads-wrapper'></div>", head=""),
                    url="https://harbour.example/a", engine=wrapper_engine,
                    catalogue=catalogue).pages
    assert len(page.slots) == 1


def test_empty_wrappers_scale_linearly(wrapper_engine: Engine, catalogue: Catalogue) -> None:
    """Each empty box asks the page's code words, read once for the page, not a scan each."""
    def seconds(n: int) -> float:
        boxes = "".join(f"<div class='ads-wrapper w{i}'></div><p>x</p>" for i in range(n))
        html = _page(boxes, "<script>" + "var a = 'b';\n" * n + "</script>")
        start = time.perf_counter()
        audit(html, url="https://harbour.example/a", engine=wrapper_engine, catalogue=catalogue)
        return time.perf_counter() - start

    assert_linear(seconds, 500, "empty theme wrappers")
