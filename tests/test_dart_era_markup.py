"""Ad and analytics tags of 2008-2013 news sites as their vendors documented them: slots
and IDs (pages we wrote after the tag forms, not copies)."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

# DART tags (classic DoubleClick for Publishers): the site's own script writes each unit,
# the <noscript> holds the standard image tag; a JavaScript tag with its noscript twin;
# an iframe tag; and Floodlight's activity on the same host, which is no ad
DART = b"""<html><head><title>t</title></head><body>
<p>Article text that a reader came for.</p>
<div class="ad">
<script>if (window.SITE_adsys) { document.write(SITE_adsys('top')); }</script>
<noscript>
<a href="http://ad.doubleclick.net/jump/news.site.general/general;pos=top;sz=728x90;ord=123?">
<img src="http://ad.doubleclick.net/ad/news.site.general/general;pos=top;sz=728x90;ord=123?"
 alt="" /></a>
</noscript>
</div>
<div class="box">
<script src="http://ad.doubleclick.net/adj/news.site.sports/home;sz=300x250;ord=456?"></script>
<noscript><a href="http://ad.doubleclick.net/jump/news.site.sports/home;sz=300x250;ord=456?">
<img src="http://ad.doubleclick.net/ad/news.site.sports/home;sz=300x250;ord=456?" /></a></noscript>
</div>
<iframe src="https://ad.doubleclick.net/adi/N1234.publisher/B5678;sz=160x600;ord=789?"
 width="160" height="600"></iframe>
<iframe src="https://1234567.fls.doubleclick.net/activityi;src=1234567;type=news;ord=1?"
 width="1" height="1"></iframe>
</body></html>"""


def test_dart_tags_are_slots_naming_site_and_zone(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    (page,) = audit(DART, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (7, "DoubleClick DART", "news.site.general/general"),
        (14, "DoubleClick DART", "news.site.sports/home"),  # the script and its noscript: one
        (16, "DoubleClick DART", "N1234.publisher/B5678"),
    ]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {v for k, v in ids if k == "dart-site"} == {"news.site.general", "news.site.sports"}
    assert not any(f.kind == "duplicate-loader" for f in page.findings)


# Chartbeat's classic snippet: the config one object literal
CHARTBEAT = b"""<html><head><title>t</title>
<script>var _sf_startpt=(new Date()).getTime()</script></head><body><p>Article text.</p>
<script type="text/javascript">
var _sf_async_config={uid:15087,domain:"news.test"};
(function(){ function loadChartbeat() { var e = document.createElement('script');
  e.setAttribute('src', 'http://static.chartbeat.com/js/chartbeat.js');
  document.body.appendChild(e); } window.onload = loadChartbeat; })();
</script></body></html>"""


def test_chartbeat_object_literal_config_names_its_account(project_engine: Engine,
                                                           catalogue: Catalogue) -> None:
    (page,) = audit(CHARTBEAT, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("chartbeat-account", "15087") in {(i.kind, i.value) for i in page.ids}
