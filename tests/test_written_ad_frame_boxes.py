"""An inline script alone in its box that writes an ad's frame where it stands shows the ad
there (`slots.ad_script_boxes` reading the frames a script writes, as well as the scripts),
the tag's quotes and brackets written plainly or as names holding their character codes
(`inline_js.char_names_joined`), a period text-link or banner tag's way (pages written for
these tests)."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.dom.inline_js import char_names_joined
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine
from auditor.rules.engine import ListText

PAGE = """<html><head><title>t</title></head><body>
<div class="story"><p>Story text long enough to read as the page's own prose, and more of it
so that no box of the page is the story's.</p></div>
{}
</body></html>"""

PLAIN_FRAME = """<div class="links-box"><script>document.write('<iframe id="fw660" src="http://\
feed.4wnet.com/feed.html.ashx?a=5120&amp;n=3&amp;i=1" height="120" width="660"></iframe>');\
</script></div>"""


def _page(markup: str, engine: Engine, catalogue: Catalogue) -> PageReport:
    (page,) = audit(PAGE.format(markup).encode(), url="https://citynews.test/a",
                    engine=engine, catalogue=catalogue).pages
    return page


def _slots(page: PageReport) -> list[tuple[int, str | None]]:
    return [(s.line, s.network) for s in page.slots]


@pytest.fixture(scope="module")
def frame_lists() -> Engine:
    """EasyList's rule for 4wnet as a frame's only (`$subdocument`): a written frame is
    decided as the frame it is, not as a script."""
    return Engine.from_lists([
        ListText("easylist", "<easylist>", "||4wnet.com^$subdocument\n"),
        ListText("easyprivacy", "<easyprivacy>", "||hitcount.test^$third-party\n"),
    ], use_cache=False)


CHAR_CODE_FRAME = """<div class="text-link">
<script type="text/javascript">
//<![CDATA[
var Q = String.fromCharCode(34);
var LT = String.fromCharCode(60);
var GT = String.fromCharCode(62);
document.write(LT+'i'+'frame id='+Q+'fw300'+Q+' src='+Q+'http://feed.4wnet.com/feed.html.ashx?\
a=5120&amp;n=3&amp;s=city_right'+Q+' frameborder='+Q+'0'+Q+' height='+Q+'200'+Q+' width='+Q+'300'\
+Q+GT+LT+'/i'+'frame'+GT);
//]]>
</script>
</div>"""


# a period tag's capitals, its attributes' quotes the inner ones, its address
# protocol-relative, in the HTML comment old browsers needed
CAPITALS_FRAME = """<DIV CLASS="LinksBox"><SCRIPT LANGUAGE="JavaScript"><!--
document.write("<IFRAME SRC='//feed.4wnet.com/feed.html.ashx?a=5120&n=3' WIDTH=660 HEIGHT=120 \
FRAMEBORDER=0 SCROLLING=NO></IFRAME>");
//--></SCRIPT></DIV>"""


@pytest.mark.parametrize("markup", [
    PLAIN_FRAME,
    CHAR_CODE_FRAME,
    CAPITALS_FRAME,
], ids=["written-plainly", "quotes-and-brackets-by-char-code", "in-capitals"])
def test_a_box_holding_only_a_script_writing_an_ad_frame_is_its_placement(
        markup: str, frame_lists: Engine, catalogue: Catalogue) -> None:
    """An inline script that writes an ad's frame where it stands, alone in its box, shows
    the ad there (EasyList blocks the frame's host), whether it writes the tag's quotes and
    brackets plainly or as names holding their character codes."""
    page = _page(markup, frame_lists, catalogue)
    assert [s.network for s in page.slots] == ["4w Marketplace"], _slots(page)


def test_a_written_ad_frame_beside_the_boxs_own_text_is_no_placement_of_the_box(
        frame_lists: Engine, catalogue: Catalogue) -> None:
    """A box with text of its own besides the script is a column the tag is one part of."""
    markup = """<div class="column"><h3>Links from our partners</h3>Read more below.
<script>document.write('<iframe src="http://feed.4wnet.com/feed.html.ashx?a=5120&amp;n=3"\
 height="120" width="660"></iframe>');</script></div>"""
    page = _page(markup, frame_lists, catalogue)
    assert not page.slots, _slots(page)


@pytest.mark.parametrize("script", [
    # a name assigned another value later holds no one character
    """var V = String.fromCharCode(34); V = "x"; document.write('<b>'+V+'</b>');""",
    # a char code of no markup character is not read
    """var A = String.fromCharCode(65); document.write('<b>'+A+'</b>');""",
])
def test_char_code_names_read_only_as_one_markup_character(script: str) -> None:
    assert char_names_joined(script) == script


SYNC_FRAMES = {
    # PubMatic's user sync as a publisher's footer tag writes it (zero size, hidden)
    "pubmatic-user-sync": """<div class="sync"><script>document.write('<iframe src="https://\
ads.pubmatic.com/AdServer/js/user_sync.html?p=156209" width="0" height="0" frameborder="0" \
style="display:none"></iframe>');</script></div>""",
    # a one-pixel frame drawn by the frame's style, its attributes a banner's
    "styled-one-pixel": """<div class="sync"><script type="text/javascript">document.write(\
"<iframe src='//eus.rubiconproject.com/usync.html' width='300' height='250' \
style='width:1px;height:1px;border:0'></iframe>");</script></div>""",
    # hidden by `visibility:hidden`, sized
    "visibility-hidden": """<div><script>document.write('<IFRAME SRC="https://acdn.adnxs.com/\
ib/static/usersync/v3/async_usersync.html" WIDTH="300" HEIGHT="250" \
STYLE="visibility:hidden"></IFRAME>');</script></div>""",
}


@pytest.mark.parametrize("markup", SYNC_FRAMES.values(), ids=SYNC_FRAMES.keys())
def test_a_hidden_frame_an_ad_network_writes_is_no_placement(
        markup: str, engine: Engine, catalogue: Catalogue) -> None:
    """An ad network's user-sync frame a script writes hidden (zero or one pixel, or hidden
    by its style) shows no ad where it stands: its box is no placement (the real lists
    block each host), though the network's visible frame written alike is."""
    page = _page(markup, engine, catalogue)
    assert not page.slots, _slots(page)


def test_a_visible_frame_of_a_network_that_also_syncs_is_its_placement(
        engine: Engine, catalogue: Catalogue) -> None:
    """The same network's frame written at a banner's size stays its placement."""
    markup = """<div class="ad"><script>document.write('<iframe src="https://ads.pubmatic.com/\
AdServer/AdServerServlet?pubId=156209&siteId=1&adId=2&kadwidth=300&kadheight=250" width="300" \
height="250" frameborder="0" scrolling="no"></iframe>');</script></div>"""
    page = _page(markup, engine, catalogue)
    assert [s.network for s in page.slots] == ["PubMatic"], _slots(page)


def test_char_code_names_and_written_frames_are_read_in_linear_time() -> None:
    """A script of many char-code calls and joins (the reader's worst case: every call read
    back for its name, every join rewritten), and many boxes each writing a frame, shown or
    hidden (each script's written frames read once for their hiding)."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        calls = "x = String.fromCharCode(34);" * (n // 60)
        joins = "V = String.fromCharCode(34); w(" + "'a'+V+'b'+" * (n // 30) + "'c');"
        boxes = (PLAIN_FRAME + SYNC_FRAMES["pubmatic-user-sync"]) * (n // 800)
        return audit_seconds(f"<html><body><script>{calls}</script><script>{joins}</script>"
                             f"{boxes}</body></html>")

    assert_linear(seconds, 40_000, "char-code names and written frames")
