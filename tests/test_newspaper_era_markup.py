"""Ad tags of 2014-2020 news and content sites as their vendors wrote them: slots and IDs."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

# Sharethrough's placement: the div its tag (tag.js, str-dfp.js) and its own bid adapters'
# creatives fill by data-str-native-key (a legacy 8-hex key or a 24-character pkey)
SHARETHROUGH = b"""<html><head><title>t</title></head><body>
<p>Article text that a reader came for.</p>
<div data-str-native-key="11b0d54a" style="display: none;"></div>
<script src="http://native.sharethrough.com/assets/tag.js"></script>
<div data-str-native-key="LuB3vxGGFrBZJa6tifXW4xgK"></div>
</body></html>"""


def test_sharethrough_native_key_is_its_slot(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(SHARETHROUGH, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (3, "Sharethrough", "11b0d54a"), (5, "Sharethrough", "LuB3vxGGFrBZJa6tifXW4xgK")]
    assert ("sharethrough-placement", "11b0d54a") in {(i.kind, i.value) for i in page.ids}
