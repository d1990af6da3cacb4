"""`googletag.display(name)` where the site's ad code builds the element's id from the
slot's name: the call stands inside `<div id="<prefix>_<name>">` (a broadcaster's
`bbcdotcom.slot('native')` then `googletag.display("native")` in `div#bbccom_native`), and
that box is the unit GPT fills. Pages written here after that form, not copies."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_HEAD = """<html><head><title>t</title>
<script src="https://www.googletagservices.com/tag/js/gpt.js"></script>
</head><body><p>Story text.</p>
"""

PREFIXED = _HEAD + """<div id="site_native_1_2" class="site_slot">
  <div id="site_native" class="site_box">
    <script>siteads.slot('native', [1,2]);</script>
    <script>googletag.display("native");</script>
  </div>
</div>
<p>More story text.</p>
<div id="site-mpu-bottom">
  <script>googletag.display("mpu-bottom");</script>
</div>
</body></html>"""


def test_a_display_call_fills_the_box_round_it_named_prefix_and_name(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(PREFIXED.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.xpath) for s in page.slots] == [
        (5, "Google Publisher Tag", "/html/body/div[1]/div"),
        (11, "Google Publisher Tag", "/html/body/div[2]")]


@pytest.mark.parametrize("box_id", [
    "nativeads",  # the name, no prefix: another element's id
    "sitenative",  # no separator before the name
    "native_list",  # the name first, not last
])
def test_a_box_not_named_prefix_and_name_is_not_the_calls(
        project_engine: Engine, catalogue: Catalogue, box_id: str) -> None:
    html = _HEAD + f"""<div id="{box_id}"><script>googletag.display("native");</script>
</div></body></html>"""
    (page,) = audit(html.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert page.slots == ()


# the box GPT's synchronous mode rendered its frame in: the frame's ad-unit path is the
# unit's, where the call naming the box gives none
RENDERED = _HEAD + """<div id="site_leaderboard">
  <script>googletag.display("leaderboard");</script>
  <div id="leaderboard_ad_container"><ins style="width:320px;height:50px"><ins>
  <iframe id="google_ads_iframe_/7355419/site.news/story_0" title="3rd party ad content"
   width="320" height="50" src="about:blank"></iframe></ins></ins></div>
</div>
</body></html>"""


def test_the_frame_rendered_in_a_display_box_names_its_zone(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(RENDERED.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (4, "Google Publisher Tag", "/7355419/site.news/story", 320, 50)]
