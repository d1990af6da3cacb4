"""A unit the page's own frame document declares names its account in its attributes as
the page's own unit does: `<ins class="adsbygoogle" data-ad-client="ca-pub-…">` in a
`srcdoc`, or in a saved copy's frame part from the page's own site, is the operator's
AdSense publisher, not only a slot. Another site's document names none (its own test)."""

from __future__ import annotations

import html

import pytest
from mhtml_fixtures import Part, chrome

from auditor.catalogue import Catalogue
from auditor.model import Origin, PageReport
from auditor.pipeline import audit, audit_records
from auditor.readers import read_source
from auditor.rules import Engine

_HEAD = "<html><head><title>t</title></head><body><p>The story a reader came for.</p>\n"
# the unit alone: its loader's URL names no client
_UNIT = ("<html><body><ins class='adsbygoogle' style='display:inline-block;width:300px;"
         "height:250px' data-ad-client='ca-pub-4821730195648203' data-ad-slot='7301956482'>"
         "</ins><script>(adsbygoogle = window.adsbygoogle || []).push({});</script><script "
         "async src='https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'>"
         "</script></body></html>")
_OURS = {("adsense-publisher", "ca-pub-4821730195648203"), ("adsense-slot", "7301956482")}


def _operators(report: PageReport) -> set[tuple[str, str]]:
    return {(i.kind, i.value) for i in report.ids if i.origin is Origin.OPERATOR}


def test_a_srcdoc_units_publisher_is_the_operators(catalogue: Catalogue) -> None:
    page = _HEAD + (f"<iframe width='300' height='250' srcdoc=\"{html.escape(_UNIT)}\">"
                    "</iframe></body></html>")
    (report,) = audit(page.encode(), url="https://city.test/story", catalogue=catalogue,
                      engine=Engine.from_text("", name="t")).pages
    assert _OURS <= _operators(report)


@pytest.mark.parametrize("location", ["https://www.city.test/ads/side.html", "about:blank"])
def test_an_own_frame_parts_units_publisher_is_the_operators(
        location: str, catalogue: Catalogue) -> None:
    page = _HEAD + ("<iframe src='cid:frame-a@mhtml.blink' width='300' height='250'>"
                    "</iframe></body></html>")
    data = chrome("https://city.test/story", "t", [
        Part("text/html", "https://city.test/story", page.encode()),
        Part("text/html", location, _UNIT.encode(), cid="frame-a@mhtml.blink")])
    (report,) = audit_records(read_source(data), Engine.from_text("", name="t"), catalogue)
    assert _OURS <= _operators(report)
