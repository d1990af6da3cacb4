"""Units the page's code defines for an element the saved page lacks (GPT's
`defineSlot(path, size, 'div-gpt-ad-…')` with no such div: its reference's form, the div
left out of the saved copy): no placement, but the report cites each where its call opens,
as `unplaced_units` (docs/CONTRACT-ADDITIONS.md). Pages written here after that form."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.terminal import terminal_report

# the head defines two units; the saved page holds only the second's div
HEAD_DEFINES = """<!DOCTYPE html>
<html><head><title>Local news</title>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script>
  window.googletag = window.googletag || {cmd: []};
  googletag.cmd.push(function() {
    googletag.defineSlot('/21775744923/example/top', [728, 90], 'div-gpt-ad-1')
        .addService(googletag.pubads());
    googletag.defineSlot('/21775744923/example/side', [300, 250], 'div-gpt-ad-2')
        .addService(googletag.pubads());
    googletag.defineSlot('/6355419/Travel/Europe', [300, 250], 'div-gpt-ad-3')
        .addService(googletag.pubads());
    googletag.enableServices();
  });
</script>
</head><body>
<h1>Council approves new park</h1>
<div id="div-gpt-ad-2" style="width:300px;height:250px;">
  <script>googletag.cmd.push(function() { googletag.display('div-gpt-ad-2'); });</script>
</div>
<p>The council voted on Tuesday to approve a new park on the site of the old depot.</p>
</body></html>"""


def test_a_unit_with_no_element_is_cited_at_its_call_not_counted_as_a_slot(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(HEAD_DEFINES.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.zone_id) for s in page.slots] == [(18, "/21775744923/example/side")]
    # the shown unit is no unplaced one, nor is Google's documentation example
    assert [u.to_dict() for u in page.unplaced_units] == [{
        "network": "Google Publisher Tag", "kind": "gpt-slot",
        "zone_id": "/21775744923/example/top", "line": 7, "xpath": "/html/head/script[2]",
        "rule": "script: googletag.defineSlot()"}]
    assert ("gpt-slot", "/21775744923/example/top") in {(i.kind, i.value) for i in page.ids}
    assert page.metrics.ad_slots == 1
    # the terminal names it under the slots, where the page defines it
    assert ("1 unit defined, not placed: Google Publisher Tag /21775744923/example/top "
            "(line 7)") in terminal_report(page)


# a unit per breakpoint, each writing its own div: the branch that ran is on the page
BRANCHES = """<!DOCTYPE html>
<html><head><title>t</title>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head><body><p>Weather for the weekend.</p>
<script>
if (window.innerWidth > 768) {
  document.write('<div id="gpt-desktop"></div>');
  googletag.defineSlot('/21775744923/wx/leader', [728, 90], 'gpt-desktop')
    .addService(googletag.pubads());
} else {
  document.write('<div id="gpt-mobile"></div>');
  googletag.defineSlot('/21775744923/wx/mobile', [320, 50], 'gpt-mobile')
    .addService(googletag.pubads());
}
</script><div id="gpt-desktop"></div>
</body></html>"""


def test_the_branch_that_did_not_run_is_cited_at_its_call(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(BRANCHES.encode(), url="https://wx.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [s.zone_id for s in page.slots] == ["/21775744923/wx/leader"]
    assert [(u.zone_id, u.line) for u in page.unplaced_units] == [("/21775744923/wx/mobile", 12)]


def test_a_page_whose_units_are_all_shown_has_no_unplaced_key(
        project_engine: Engine, catalogue: Catalogue) -> None:
    shown = HEAD_DEFINES.replace('<h1>', '<div id="div-gpt-ad-1"></div><h1>')
    (page,) = audit(shown.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert len(page.slots) == 2
    assert "unplaced_units" not in page.to_dict()


# a Prebid.js ad unit whose div the saved copy lacks (Prebid's documented ad unit, several
# bidders; its GPID the unit's Ad Manager path and div, as Prebid's GPID docs write it)
PREBID_UNIT = """<!DOCTYPE html>
<html><head><title>Weeknight dinners</title>
<script async src="https://cdn.recipes.test/js/prebid.js"></script>
<script>
  var pbjs = pbjs || {}; pbjs.que = pbjs.que || [];
  var adUnits = [{
    code: 'ad-sidebar-1',
    mediaTypes: { banner: { sizes: [[300, 250], [300, 600]] } },
    ortb2Imp: { ext: { gpid: '/21804848/recipes/sidebar#ad-sidebar-1' } },
    bids: [
      { bidder: 'appnexus', params: { placementId: 20417733 } },
      { bidder: 'openx', params: { unit: '541046310', delDomain: 'recipes-d.openx.net' } },
      { bidder: 'rubicon', params: { accountId: 19446, siteId: 311452, zoneId: 1610774 } }
    ]
  }];
  pbjs.que.push(function() { pbjs.addAdUnits(adUnits); pbjs.requestBids({}); });
</script>
</head><body><h1>Lemon tart</h1><p>Blind-bake the pastry case.</p></body></html>"""


def test_a_prebid_unit_with_no_div_reports_its_bids_and_gpid_ids_but_is_no_unplaced_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(PREBID_UNIT.encode(), url="https://recipes.test/tart", engine=project_engine,
                    catalogue=catalogue).pages
    ids = {(i.kind, i.value) for i in page.ids}
    # each bid's IDs, OpenX's ad unit among them, and the Ad Manager unit its GPID names
    assert {("xandr-placement", "20417733"), ("openx-auid", "541046310"),
            ("openx-domain", "recipes-d.openx.net"), ("rubicon-zone", "1610774"),
            ("gpt-slot", "/21804848/recipes/sidebar"), ("gpt-network", "21804848")} <= ids
    # a unit's `code` is the slot's name or its div's id (Prebid's ad unit reference), and
    # configs list every unit a site has: no placement, and no unit defined, not placed
    assert page.slots == ()
    assert "unplaced_units" not in page.to_dict()


# a head that keeps a retired unit's call commented out beside the live one
COMMENTED_OUT = """<!DOCTYPE html>
<html><head><title>Local news</title>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script>
  googletag.cmd.push(function() {
    var u = 'http://n.test/'; googletag.defineSlot('/21775744923/Live_Side', [300, 250], 'ad-7')
        .addService(googletag.pubads());
    // googletag.defineSlot('/88112233/Old_Inline', [300, 250], 'ad-8').addService(pubads);
    /* googletag.defineSlot('/88112233/Old_Top', [728, 90], 'ad-9')
         .addService(googletag.pubads()); */
    googletag.enableServices();
  });
</script>
</head><body><p>The council voted on Tuesday.</p></body></html>"""


def test_a_commented_out_call_defines_no_unit_and_names_no_id(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The live call's path and network are the page's IDs (a `//` in a string before it
    opens no comment); a call the page commented out, by line or block, gives neither."""
    (page,) = audit(COMMENTED_OUT.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {(i.kind, i.value) for i in page.ids if i.kind.startswith("gpt")} == {
        ("gpt-slot", "/21775744923/Live_Side"), ("gpt-network", "21775744923")}
    assert [u.zone_id for u in page.unplaced_units] == ["/21775744923/Live_Side"]
