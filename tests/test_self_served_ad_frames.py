"""Ad frames no vendor's tag names: a site's self-served units, framed from its own `/ads/`
folder (a broadcaster's `<iframe src="/ads/ftp?id=17&pid=…" width="300" height="250">`), and
PIXNET's ad network's units (its native unit's falcon.pixanalytics.com/ad/embed/ frame, its
rendered unit's box round the network's /ad/r? click-through, labelled 痞客邦廣告聯播網). Each is a
placement, unnamed (neither is a catalogued network). Pages written here, not copies."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

SELF_SERVED = """<html><head><title>t</title></head><body><p>World news.</p>
<div class="adv-top"><div id="house_15">
<iframe src="/ads/frame?id=15&amp;page=world" width="728" height="90" frameborder="0"></iframe>
</div></div>
<p>Story text.</p>
<aside><div class="adv-side">
<iframe src="/ads/frame?id=17&amp;page=world" width="300" height="250"></iframe>
</div></aside>
</body></html>"""

PIXNET = """<html><head><title>t</title>
<script async src="//falcon-asset.pixfs.net/js/adsbyfalcon.min.js"></script></head><body>
<article><p>A day hiking.</p><ul class="related">
<li><div id="pixad42"><iframe src="https://falcon.pixanalytics.com/ad/embed/4242"
 width="113" height="176" frameborder="0"></iframe></div></li></ul></article>
<aside><div class="box side-ad">
 <div class="unit">
  <a href="//falcon.pixanalytics.com/ad/r?i=0123456789abcdef&amp;p=77"><img src="//i.test/c"></a>
  <span>痞客邦廣告聯播網</span>
 </div>
</div></aside>
</body></html>"""


@pytest.mark.parametrize(("html", "expected"), [
    (SELF_SERVED, [(3, 728, 90), (7, 300, 250)]),
    (PIXNET, [(4, 113, 176), (7, None, None)]),
])
def test_self_served_and_pixnet_frames_are_placements(
        project_engine: Engine, catalogue: Catalogue, html: str,
        expected: list[tuple[int, int | None, int | None]]) -> None:
    (page,) = audit(html.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.width, s.height) for s in page.slots] == expected
    assert {s.network for s in page.slots} == {None}


def test_pixnet_click_through_in_a_storys_text_is_the_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """PIXNET's click-through dropped into a post's text, paragraphs beside it: the link is
    the placement, not the story round it."""
    html = """<html><head><title>t</title></head><body>
<div class="article-content"><p>We hiked the ridge at dawn and reached the hut by noon.</p>
<a href="//falcon.pixanalytics.com/ad/r?i=0123456789abcdef&amp;p=77"><img src="//i.test/c"></a>
<p>Next week: the coastal trail.</p></div>
</body></html>"""
    (page,) = audit(html.encode(), url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.xpath) for s in page.slots] == [(3, "/html/body/div/a")]


@pytest.mark.parametrize("frame", [
    # a beacon frame of the site's ad folder: no unit
    '<iframe src="/ads/count?id=15" width="1" height="1"></iframe>',
    # a classifieds site's listings folder: a listing's map, at no banner's size
    '<iframe src="/ads/48213/map" width="600" height="350" frameborder="0"></iframe>',
    # the site's "advertise with us" booking form, framed from its ads folder
    '<iframe src="/ads/self-serve/booking-form" width="100%" height="900"></iframe>',
    # another folder whose name starts the same
    '<iframe src="/adsense-help/page" width="300" height="250"></iframe>',
    # PIXNET's analytics beacon, not its ad path
    '<iframe src="https://falcon.pixanalytics.com/collect?x=1" width="300" height="250"></iframe>',
])
def test_look_alike_frames_are_no_placements(project_engine: Engine, catalogue: Catalogue,
                                             frame: str) -> None:
    html = f"<html><body><p>Text.</p><div>{frame}</div></body></html>"
    (page,) = audit(html.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert page.slots == ()
