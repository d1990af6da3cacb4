"""AdSense for Content units a content site queues through its own ad helper (Demand
Media's eHow form: `googleAds.addAdUnit({adUnitId: '<div id>', google_ad_client: 'ca-…',
…})`, the helper's render() filling that div with text ads). AdSense's own `ca-` client in
the unit's object names the vendor; the div is the unit. Pages written here after that
form, not copies."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = """<html><head><title>t</title></head><body><p>How to plan a party.</p>
"""

UNITS = _HEAD + """<div class="mod inline">
  <div id="SiteAdsense300x250"></div>
  <script>
    siteAds.addAdUnit({
      priority: 3,
      adUnitId: 'SiteAdsense300x250',
      google_ad_client: 'ca-howto_300x250',
      google_ad_type: 'text',
      templates: {text: '<div class="TextAd">{!= ads[0].line1 !}</div>'}
    });
  </script>
</div>
<p>Step two.</p>
<div id="SiteAdsense336x280" class="mod"></div>
<script>siteAds.addAdUnit({"google_ad_client": "ca-howto_336x280",
  "adUnitId": "SiteAdsense336x280"});</script>
<script>siteAds.render();</script>
</body></html>"""


def test_a_helpers_adsense_unit_is_its_div(project_engine: Engine,
                                           catalogue: Catalogue) -> None:
    (page,) = audit(UNITS.encode(), url="https://howto.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.xpath) for s in page.slots] == [
        (3, "Google AdSense", "/html/body/div[1]/div"),
        (15, "Google AdSense", "/html/body/div[2]")]


@pytest.mark.parametrize("unit", [
    # no AdSense client in the unit's object: another vendor's or the site's own unit
    "{adUnitId: 'SiteAdsense300x250', network: 'house'}",
    # the client is in a nested object, not the unit's
    "{adUnitId: 'SiteAdsense300x250', other: {google_ad_client: 'ca-howto_300x250'}}",
])
def test_a_unit_without_adsenses_client_is_not_adsenses(
        project_engine: Engine, catalogue: Catalogue, unit: str) -> None:
    html = _HEAD + f"""<div id="SiteAdsense300x250"></div>
<script>siteAds.addAdUnit({unit});</script></body></html>"""
    (page,) = audit(html.encode(), url="https://howto.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [s.network for s in page.slots if s.network == "Google AdSense"] == []


def test_a_unit_whose_div_the_page_lacks_is_none(project_engine: Engine,
                                                catalogue: Catalogue) -> None:
    html = _HEAD + """<script>siteAds.addAdUnit({adUnitId: 'Gone300',
google_ad_client: 'ca-howto_300x250'});</script></body></html>"""
    (page,) = audit(html.encode(), url="https://howto.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert page.slots == ()


def test_helper_units_are_read_in_linear_time() -> None:
    # calls whose objects never close, over and over in one script
    unit = "x.addAdUnit({ adUnitId: 'a', "
    assert_linear(lambda n: audit_seconds(
        "<html><body><script>google_ad_client = 1;" + unit * (n // len(unit))
        + "</script></body></html>"), 40_000, "AdSense helper units", runs=2, floor=0.05)
