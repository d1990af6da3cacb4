"""GPT's `defineSlot(adUnitPath, size, div)` where the page builds the path at the call (a
site's wrapper joining its network code and section, `"/" + DFP.getNetworkId() + "/site/
news"`, `'/' + code + '/' + unit`): no literal path to read as an ID, but the call still
names the unit's div and size, which the div's slot takes. Pages written here after GPT's
reference form."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_PAGE = """<!DOCTYPE html>
<html><head><title>Columnists</title>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script>
var googletag = googletag || {}; googletag.cmd = googletag.cmd || [];
googletag.cmd.push(function() {
  googletag.defineSlot(PATH, [135, 53], "brand-button").addService(googletag.pubads());
  googletag.enableServices();
});
</script>
</head><body>
<div class="buttonAd"><div id="brand-button">
<script>googletag.cmd.push(function() { googletag.display("brand-button"); });</script>
</div></div>
<h1>Vacation hell</h1><p>Everyone likes a nice vacation, in theory.</p>
</body></html>"""


@pytest.mark.parametrize(("path", "prefix"), [
    ('"/" + DFP.getNetworkId() + "/site/columnists"', set()),
    ("'/' + networkCode + '/' + adUnit", set()),
    # the literal opening the path is of GAM's form (gam39: a network code and the site's
    # folder, which the script concatenates its section onto): read as the page writes it
    ("'/21775744923/site/' + section", {"/21775744923/site/"}),
])
def test_a_built_path_still_sizes_its_unit(path: str, prefix: set[str],
                                           project_engine: Engine,
                                           catalogue: Catalogue) -> None:
    (page,) = audit(_PAGE.replace("PATH", path).encode(), url="https://site.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (12, "Google Publisher Tag", None, 135, 53)]
    # no joined path is made up: a slot path only as a literal of the page opens it
    assert {i.value for i in page.ids if i.kind == "gpt-slot"} == prefix
