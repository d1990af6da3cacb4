"""GPT's passback tag: `googletag.pubads().definePassback(adUnitPath, size)` then `.display()`,
which renders one unit where its script stands (GPT's passback guide and reference; sites'
sidebar units and third parties' remnant tags write it so). The unit is a GPT slot at the
call, its path (with or without the leading slash GPT accepts) read as the slot's ID and its
network code as the page's. Pages written here after that form, not copies."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = """<html><head><title>t</title>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script>var googletag = googletag || {}; googletag.cmd = googletag.cmd || [];</script>
</head><body><p>Upcoming concerts near you.</p>
"""

# a sidebar box whose script builds the passback, targets it and displays it
SIDEBAR = _HEAD + """<div class="ad mpu">
  <script>
    googletag.cmd.push(function() {
      var ad = googletag.pubads().definePassback('51159526/Listings_MPU', [[300,250],[300,600]]);
      ad.setTargeting("page_type", "artist");
      ad.display();
    });
  </script>
</div>
<div class="footer-ad"><script>
googletag.pubads().definePassback("/7355419/Travel/Europe", [728, 90]).display();
</script></div>
</body></html>"""


def test_a_passback_is_a_gpt_unit_where_its_script_stands(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(SIDEBAR.encode(), url="https://listings.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    # each unit at its script's line, the path as the page wrote it, its first size
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (6, "Google Publisher Tag", "51159526/Listings_MPU", 300, 250),
        (14, "Google Publisher Tag", "/7355419/Travel/Europe", 728, 90)]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("gpt-network", "51159526"), ("gpt-network", "7355419"),
            ("gpt-slot", "51159526/Listings_MPU"), ("gpt-slot", "/7355419/Travel/Europe")} <= ids


# the passback as its tag generator writes it, its no-JavaScript fallback right after it
WITH_FALLBACK = _HEAD + """<div id="pb1"><script>
googletag.cmd.push(function() {
  googletag.pubads().definePassback('/51159526/Travel_Asia', [300, 250]).display();
});
</script>
<noscript><a href="https://pubads.g.doubleclick.net/gampad/jump?iu=/51159526/Travel_Asia&sz=300x250">
<img src="https://pubads.g.doubleclick.net/gampad/ad?iu=/51159526/Travel_Asia&sz=300x250"></a>
</noscript></div>
</body></html>"""


def test_a_passbacks_noscript_fallback_is_the_same_unit(engine: Engine,
                                                        catalogue: Catalogue) -> None:
    # EasyList hides the fallback's link; a browser shows the script's ad or the fallback's
    (page,) = audit(WITH_FALLBACK.encode(), url="https://listings.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.zone_id) for s in page.slots] == [(5, "/51159526/Travel_Asia")]


@pytest.mark.parametrize("call", [
    # no network code opening the path: a name, not an ad-unit path
    "googletag.pubads().definePassback('Listings_MPU', [300, 250]).display();",
    # another object's method of that name
    "myLib.definePassbackRule('51159526/x', [300, 250]);",
])
def test_look_alikes_of_a_passback_place_nothing(
        project_engine: Engine, catalogue: Catalogue, call: str) -> None:
    html = _HEAD + "<div><script>" + call + "</script></div></body></html>"
    (page,) = audit(html.encode(), url="https://listings.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert page.slots == ()


def test_passback_calls_are_read_in_linear_time() -> None:
    # calls cut short before their sizes, over and over in one script
    unit = "googletag.pubads().definePassback('51159526/x/y', "
    assert_linear(lambda n: audit_seconds("<html><body><script>" + unit * (n // len(unit))
                                          + "</script></body></html>"), 40_000,
                  "GPT passback calls", runs=2, floor=0.05)


# GPT's reference's own example pasted unchanged (a tutorial's demo, a template's
# placeholder): its /6355419/Travel network is Google's demo network, no operator's
DOC_EXAMPLE = _HEAD + """<div class="ad">
<script>googletag.cmd.push(function() {
  googletag.pubads().definePassback('/6355419/Travel/Europe/France/Paris', [300, 250]).display();
});</script></div>
</body></html>"""


def test_the_gpt_reference_example_network_is_no_operators(project_engine: Engine,
                                                           catalogue: Catalogue) -> None:
    (page,) = audit(DOC_EXAMPLE.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [s.zone_id for s in page.slots] == ["/6355419/Travel/Europe/France/Paris"]
    ids = {(i.kind, i.value) for i in page.ids}
    assert not ids & {("gpt-network", "6355419"),
                      ("gpt-slot", "/6355419/Travel/Europe/France/Paris")}


# GPT's guides name units all over their demo network, not only the reference's one path:
# an out-of-page unit, a shorter path, a unit path kept in a box's data attribute for a
# site's own code (no gpt.js on the page), as tutorials and themes copy them
@pytest.mark.parametrize("body", [
    _HEAD + "<div class='ad'><script>googletag.cmd.push(function() {googletag.pubads()"
    ".definePassback('/6355419/Travel/Europe/France', [728, 90]).display();});</script></div>"
    "</body></html>",
    _HEAD + "<script>googletag.cmd.push(function() {googletag.defineOutOfPageSlot("
    "'/6355419/Travel/interstitial', googletag.enums.OutOfPageFormat.INTERSTITIAL)"
    ".addService(googletag.pubads()); googletag.enableServices();});</script></body></html>",
    "<html><head><title>t</title></head><body><p>Upcoming concerts.</p><div class='ad-slot' "
    "data-ad-unit-path='/6355419/Travel/Europe/France' data-ad-sizes='300x250'></div>"
    "</body></html>",
], ids=["passback", "out-of-page", "data attribute, no gpt.js"])
def test_every_unit_of_gpts_demo_network_is_no_operators(
        project_engine: Engine, catalogue: Catalogue, body: str) -> None:
    (page,) = audit(body.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(i.kind, i.value) for i in page.ids if "6355419" in i.value] == []
    # a look-alike network code is a site's own
    (page,) = audit(body.replace("6355419", "6355418").encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert ("gpt-network", "6355418") in {(i.kind, i.value) for i in page.ids}


# a remnant box whose one script displays two passbacks in turn, one after the other
TWO_IN_ONE = _HEAD + """<div class="ads"><script>
googletag.pubads().definePassback('/51159526/Top_728', [728, 90]).display();
googletag.pubads().definePassback('/51159526/Side_300', [300, 250]).display();
</script></div>
</body></html>"""

# one unit whose script passes back another path per branch: still one placement
BRANCHED = _HEAD + """<div class="ads"><script>
if (window.innerWidth < 728) {
  googletag.pubads().definePassback('/51159526/Top_320', [320, 50]).display();
} else {
  googletag.pubads().definePassback('/51159526/Top_728', [728, 90]).display();
}
</script></div>
</body></html>"""


# one unit whose script passes back another path per breakpoint by a ternary: one placement
TERNARY = _HEAD + """<div class="ads"><script>
googletag.cmd.push(function() {
  var pubads = googletag.pubads();
  window.innerWidth > 700 ? pubads.definePassback('/51159526/Lb_728', [728, 90]).display()
                          : pubads.definePassback('/51159526/Lb_320', [320, 50]).display();
  googletag.pubads().definePassback('/51159526/Side_300', [300, 250]).display();
});
</script></div>
</body></html>"""


def test_a_ternarys_two_passbacks_are_one_unit(project_engine: Engine,
                                               catalogue: Catalogue) -> None:
    (page,) = audit(TERNARY.encode(), url="https://listings.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    # the ternary's arms one unit; the call after its statement, in turn, another
    assert [s.zone_id for s in page.slots] == ["/51159526/Lb_728", "/51159526/Side_300"]


def test_passbacks_in_ternaries_are_read_in_linear_time() -> None:
    # a script of ternaries over passbacks, each arm another path
    def unit(i: int) -> str:
        return (f"w ? googletag.pubads().definePassback('/51159526/a{i}', [1, 1]).display()"
                f" : googletag.pubads().definePassback('/51159526/b{i}', [1, 1]).display();\n")
    assert_linear(lambda n: audit_seconds(
        "<html><body><script>" + "".join(unit(i) for i in range(n // 150))
        + "</script></body></html>"), 40_000, "GPT passbacks in ternaries", runs=2, floor=0.05)


def test_each_passback_a_script_displays_in_turn_is_a_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(TWO_IN_ONE.encode(), url="https://listings.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.zone_id, s.width, s.height) for s in page.slots] == [
        ("/51159526/Top_728", 728, 90), ("/51159526/Side_300", 300, 250)]
    (page,) = audit(BRANCHED.encode(), url="https://listings.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert len(page.slots) == 1
