"""A box the site's own ad code fills by its id, from a script standing inside it:
`<div id="2127_1593"><script>TagProvider.displayAd('2127_1593')</script></div>` (a news
site's in-house tag provider), a verb then `Ad` handed the box's own id. A placement,
unnamed: no vendor's tag names it. Pages written here after that form, not copies."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear, audit_seconds

BOXES = """<html><head><title>t</title></head><body><p>Markets today.</p>
<div class="l-advertise"><div id="2127_1593">
<script>try { TagProvider.displayAd('2127_1593'); } catch (e) {}</script>
</div></div>
<p>Story text.</p>
<div id="side-rect"><script>siteAds.show_ad("side-rect");</script></div>
</body></html>"""


def test_a_box_its_script_fills_by_its_id_is_a_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(BOXES.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.xpath) for s in page.slots] == [
        (2, None, "/html/body/div[1]/div"), (6, None, "/html/body/div[2]")]


@pytest.mark.parametrize("script", [
    "TagProvider.displayAd('another_box');",  # another element's id: not this box's ad
    "tracker.trackAd('the_box');",  # a verb that shows nothing
    "// TagProvider.displayAd('the_box');",  # a call the page keeps commented out
    "var displayAdvertising = 'the_box';",  # no call
])
def test_other_scripts_in_a_box_make_no_placement(
        project_engine: Engine, catalogue: Catalogue, script: str) -> None:
    html = f"""<html><body><p>Text.</p><div id="the_box"><script>{script}</script></div>
</body></html>"""
    (page,) = audit(html.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert page.slots == ()


@pytest.mark.parametrize("box", [
    # a classifieds site's "place an ad" form its script sets up by the form's id
    '<form id="place-ad" action="/post"><script>Classifieds.placeAd("place-ad");</script>'
    '<input name="title"><button>Post</button></form>',
    '<div id="place-ad"><script>Classifieds.placeAd("place-ad");</script>'
    '<label>Title <input name="title"></label><select name="cat"></select></div>',
])
def test_a_place_an_ad_form_is_no_placement(project_engine: Engine, catalogue: Catalogue,
                                            box: str) -> None:
    html = f"<html><body><h1>Sell your bike</h1>{box}</body></html>"
    (page,) = audit(html.encode(), url="https://classifieds.test/post", engine=project_engine,
                    catalogue=catalogue).pages
    assert page.slots == ()


def test_a_story_an_ad_call_inserts_ads_into_is_no_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """An in-content ad inserter handed the id of the story's body puts its ads among the
    paragraphs: the story is no placement. A box a scraper's kit injects into the story, its
    script filling it by its own id, still is one."""
    html = """<html><head><title>t</title></head><body>
<article id="story-body"><p>The council voted on Tuesday to expand the harbour, after two
years of consultation with residents.</p>
<script>InContent.insertAd('story-body');</script>
<p>Opponents said the plan ignored the cost to fishing crews.</p>
<div id="inj-ad-77"><script>window.inj.showAd('inj-ad-77');</script></div>
<p>The work starts in spring.</p></article>
<div id="brief">Harbour works begin in the spring and run for two years, the council said.
<script>News.loadAd('brief');</script></div>
<div id="article"><div class="article-body"><p>Harbour works begin in the spring.</p>
<p>They run for two years.</p></div><script>InContent.insertAd('article');</script></div>
<div id="native-3"><script>News.renderAd('native-3');</script><a href="https://adv.test/c">
<div class="card"><p>Compare this year's best mortgage rates in two minutes.</p></div></a></div>
</body></html>"""
    (page,) = audit(html.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    # (the last box, saved after its ad call ran, holds the native ad it rendered)
    assert [(s.line, s.xpath) for s in page.slots] == [
        (6, "/html/body/article/div"), (12, "/html/body/div[3]")]


def test_ad_calls_are_read_in_linear_time() -> None:
    # one box whose script calls for other boxes over and over, its quotes never closed
    call = "showAd('x" + "y" * 30 + " "
    assert_linear(lambda n: audit_seconds(
        '<html><body><div id="x"><script>' + call * (n // len(call))
        + "</script></div></body></html>"), 40_000, "ad calls in a box", runs=2, floor=0.05)
