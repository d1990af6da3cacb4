"""Teads' and Yieldmo's units in the forms the vendors document, named by that markup and
not by a site's class words: Teads' format tag (`_ttf.push({pid, slot})`, the selector it
opens its player after), the player it renders (`div.teads-inread` and its parts), Yieldmo's
AMP unit (`amp-ad type="yieldmo" data-ymid`), and each vendor's Prebid.js bid params.
Pages written here after those forms; IDs made up."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

STORY = ("<h1>Council passes budget</h1>\n"
         "<p>The council passed its budget on Tuesday by seven votes to four.</p>\n"
         "<p>The new budget funds two more buses on the harbour route.</p>\n"
         "<p>Opposition members said the rise in parking fees was too steep.</p>\n")


def _audit(html: str, engine: Engine, catalogue: Catalogue) -> PageReport:
    (page,) = audit(html.encode(), url="https://harbour-news.test/budget", engine=engine,
                    catalogue=catalogue).pages
    return page


def _ids(page: PageReport) -> set[tuple[str, str]]:
    return {(i.kind, i.value) for i in page.ids}


# Teads' format tag as sites pasted it, its player opened after the second paragraph
FORMAT_TAG = ("<!DOCTYPE html>\n<html><head><title>Budget</title></head><body>\n"
              "<div id='main'><article class='inside-post'>\n" + STORY + "</article></div>\n"
              """<script type="text/javascript">
window._ttf = window._ttf || [];
_ttf.push({
    pid          : 73914
    ,lang        : "en"
    ,slot        : '#main .inside-post > p'
    ,format      : "inread"
    ,minSlot     : 2
    ,css         : "margin: 0px auto 15px; max-width: 600px;"
});
(function (d) {
    var js, s = d.getElementsByTagName('script')[0];
    js = d.createElement('script'); js.async = true;
    js.src = '//cdn.teads.tv/media/format.js';
    s.parentNode.insertBefore(js, s);
})(window.document);
</script>
</body></html>""")


def test_teads_format_tag_is_a_placement_with_its_pid(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    page = _audit(FORMAT_TAG, project_engine, catalogue)
    # its slot a selector of several steps: the tag is the placement, its PID the zone
    assert [(s.network, s.zone_id, s.line) for s in page.slots] == [("Teads", "73914", 9)]
    assert ("teads-page", "73914") in _ids(page)
    # a slot of one class is that element
    one = FORMAT_TAG.replace("'#main .inside-post > p'", "'.inside-post'")
    slots = _audit(one, project_engine, catalogue).slots
    assert [(s.network, s.line) for s in slots] == [("Teads", 3)]


# the player Teads' page tag renders, as a saved copy keeps it: its label, its player, its
# AdChoices and credits are parts of the one unit
RENDERED = ("<!DOCTYPE html>\n<html><head><title>Budget</title>\n"
            "<script async src='//a.teads.tv/page/73914/tag'></script></head><body>\n"
            "<article class='story-body'>\n" + STORY.replace(
                "</p>\n<p>The new", "</p>\n<div class='teads-inread sm-screen'>"
                "<div class='teads-ui-components-label'>ADVERTISING</div>"
                "<div class='teads-player'></div><div class='teads-ui-components-adchoices'>"
                "</div><div class='teads-ui-components-credits'>inRead invented by Teads</div>"
                "</div>\n<p>The new", 1) + "</article>\n</body></html>")


def test_teads_rendered_player_is_one_placement(project_engine: Engine,
                                               catalogue: Catalogue) -> None:
    page = _audit(RENDERED, project_engine, catalogue)
    assert [(s.network, s.line) for s in page.slots] == [("Teads", 7)]
    assert page.slots[0].xpath.endswith("/article/div")


# Yieldmo's AMP unit (ampproject/amphtml ads/vendors/yieldmo.md)
AMP = """<!doctype html>
<html amp lang="en"><head><meta charset="utf-8"><title>Ferry times</title>
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/amp-ad-0.1.js"></script>
</head><body><h1>Ferry times</h1><p>The first ferry leaves at 06:10.</p>
<amp-ad width="300" height="168" type="yieldmo" data-ymid="1829304756102938475"></amp-ad>
<p>The last ferry leaves at 21:40.</p>
</body></html>"""


def test_yieldmo_amp_unit_is_yieldmos_with_its_placement(project_engine: Engine,
                                                          catalogue: Catalogue) -> None:
    page = _audit(AMP, project_engine, catalogue)
    assert [(s.network, s.zone_id, s.line) for s in page.slots] == [
        ("Yieldmo", "1829304756102938475", 6)]
    assert ("yieldmo-placement", "1829304756102938475") in _ids(page)
    # the documentation's own example is no one's
    sample = _audit(AMP.replace("1829304756102938475", "1349317029731662884"), project_engine,
                    catalogue)
    assert not {k for k, _ in _ids(sample)} & {"yieldmo-placement"}


# each vendor's Prebid.js bid params (modules/yieldmoBidAdapter.md, teadsBidAdapter.md)
PREBID = """<!DOCTYPE html>
<html><head><title>Ferry times</title>
<script async src="https://cdn.ferries.test/prebid.js"></script>
<script>
var pbjs = pbjs || {}; pbjs.que = pbjs.que || [];
pbjs.que.push(function () {
  pbjs.addAdUnits([{
    code: 'ad-incontent',
    mediaTypes: { banner: { sizes: [[300, 250]] } },
    bids: [{ bidder: 'yieldmo', params: { placementId: 'ym_1829304756102938475' } },
           { bidder: 'teads', params: { placementId: 184732, pageId: 170521 } }]
  }]);
  pbjs.requestBids({ bidsBackHandler: function () {} });
});
</script></head><body><p>The first ferry leaves at 06:10.</p><div id="ad-incontent"></div>
</body></html>"""


def test_each_vendors_bid_names_its_placement(project_engine: Engine,
                                              catalogue: Catalogue) -> None:
    assert {("yieldmo-placement", "1829304756102938475"), ("teads-page", "170521"),
            ("teads-placement", "184732")} \
        <= _ids(_audit(PREBID, project_engine, catalogue))
