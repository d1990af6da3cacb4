"""ninemsn's Third Party Kit, as partner sites of the Australian portal paste it: a loader
block (`var MSNAU_SiteName = '…'`, the kit's loader document.written from its
/share/short_cache/js/third_party/ path), a configuration block (`MSNAU_Loader.setup()`,
`MSNAU_ThirdParty.initialize()`), and one empty `div#msnau_ad_<position>[data-ad-type]` per
unit, which the loader renders the ad of that type into. Pages written here after that
form, not copies."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_KIT = """<script>
var MSNAU_SiteName = 'sport.test';
(function () {
  var u = 'https://secure.ninemsn.com.au/share/short_cache/js/third_party/loaders/'
    + 'au.thirdparty.loader-latest.min.js';
  document.write('<scr' + 'ipt src="' + u + '"></scr' + 'ipt>');
}());
</script>
<script>MSNAU_Loader.setup(); MSNAU_Config.setSectionName('news');
MSNAU_ThirdParty.initialize();</script>
"""

_BODY = """<body><p>Match report.</p>
<div class="ads">
<div id="msnau_ad_banner_header" class="advert" data-ad-type="BannerTop"></div></div>
<p>More of the report.</p>
<div class="ads"><p>Advertisement</p>
<div id="msnau_ad_mrec" class="advert" data-ad-type="MediumTop">
<!-- Ad will render here --></div></div>
</body></html>"""


def test_the_kits_boxes_are_ninemsn_units(project_engine: Engine,
                                         catalogue: Catalogue) -> None:
    html = "<html><head><title>t</title>" + _KIT + "</head>" + _BODY
    (page,) = audit(html.encode(), url="https://sport.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network) for s in page.slots] == [(13, "ninemsn"), (16, "ninemsn")]
    assert "ninemsn" in {n.network for n in page.networks}


def test_the_boxes_without_the_kit_are_no_ninemsn_units(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    html = "<html><head><title>t</title></head>" + _BODY
    (page,) = audit(html.encode(), url="https://sport.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert "ninemsn" not in {s.network for s in page.slots}
    assert "ninemsn" not in {n.network for n in page.networks}
