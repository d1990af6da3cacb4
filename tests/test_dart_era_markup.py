"""Ad and analytics tags of 2005-2014 news pages as their vendors wrote and documented them:
slots and IDs (pages we wrote after the tag forms, not copies)."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

# DoubleClick's DART tags: a site helper that document.writes an `adj` script per placement,
# each with a <noscript> linked-image fallback; a direct `adj` script; a linked `jump`/`ad` banner
DART_WRITTEN = b"""<html><head><title>t</title>
<script>function printAdvert(u){document.write('<script src="'+u+';ord=1?"><\\/script>');}</script>
</head><body><p>Article text that a reader came for.</p>
<div class="top">
<script>printAdvert("http://ad.uk.doubleclick.net/adj/mysite.uk/news;pos=ldb1;sz=728x90,468x60");</script>
<noscript><a href="http://ad.uk.doubleclick.net/jump/mysite.uk/news;pos=ldb1;sz=728x90;ord=1?">
<img src="http://ad.uk.doubleclick.net/ad/mysite.uk/news;pos=ldb1;sz=728x90;ord=1?"></a></noscript>
</div>
<script src="http://ad.doubleclick.net/adj/jobs.uk/week;pos=jotw;sz=120x300;ord=2"></script>
<a href="http://ad.doubleclick.net/jump/jobs.uk/home;pos=b1;sz=120x60;ord=3?"><img
 src="http://ad.doubleclick.net/ad/jobs.uk/home;pos=b1;sz=120x60;ord=3?"></a>
</body></html>"""


def test_dart_tags_are_slots_of_their_site_and_zone(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(DART_WRITTEN, url="https://mysite.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (5, "DoubleClick DART", "mysite.uk/news", 728, 90),
        (9, "DoubleClick DART", "jobs.uk/week", 120, 300),  # its tag's `sz=`
        (10, "DoubleClick DART", "jobs.uk/home", 120, 60)]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("dart-site", "mysite.uk"), ("dart-site", "jobs.uk")} <= ids
    assert "DoubleClick DART" in {n.network for n in page.networks}


# Campaign Manager's and Floodlight's paths on the same host, and an advertiser's DFA
# placement (an `N<number>.` site), place no ad of the page's publisher
DCM = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<img src="https://ad.doubleclick.net/ddm/ad/N1.x/B2;sz=468x60;ord=1?" width="1" height="1">
<img src="https://ad.doubleclick.net/activity;src=123;type=x;ord=1?" width="1" height="1">
<script>/* link.href = "http://ad.doubleclick.net/ad/N2883.site/B807.1;sz=1x1;ord=1?"; */</script>
</body></html>"""


def test_campaign_manager_paths_are_not_dart_placements(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(DCM, url="https://mysite.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert "DoubleClick DART" not in {n.network for n in page.networks}
    assert not [i for i in page.ids if i.kind.startswith("dart-")]


@pytest.mark.parametrize("path", [
    "ddm/ad/N7937.1234567EXAMPLE/B1234567.123456789;sz=1x1;ord=%%CACHEBUSTER%%?",
    "ddm/trackimp/N1234.567890EXAMPLE/B2345678.345678901;dc_trk_aid=1;dc_trk_cid=2;ord=1?"])
def test_a_campaign_manager_impression_tracker_names_it_and_places_no_ad(
        path: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """Campaign Manager's impression tracker beside a sponsor's link (`/ddm/ad/` or
    `/ddm/trackimp/`, a 1x1 image) is the advertiser's measurement: its network is named,
    and it is no placement of the page's publisher."""
    html = ("<html><head><title>t</title></head><body><p>Article text.</p><ul><li><a "
            "href='https://tickets.example/?aff=news'>Tickets</a><img class='tracking-pixel' "
            f"src='https://ad.doubleclick.net/{path}'></li></ul></body></html>")
    (page,) = audit(html.encode(), url="https://mysite.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert "Google Campaign Manager (Floodlight)" in {n.network for n in page.networks}
    assert not page.slots


# Smart AdServer's tag before sas.call: a head function writes /call/pubj/<site>/<page>/<format>,
# each placement an inline call with a <noscript> pubjumpi/pubi fallback
SMART_PUBJ = b"""<html><head><title>t</title>
<script>
sas_tmstp=Math.round(Math.random()*10000000000);sas_masterflag=1;
function SmartAdServer(sas_pageid,sas_formatid,sas_target) {
  document.write('<scr'+'ipt src="http://ww400.smartadserver.com/call/pubj/' + sas_pageid + '/'
    + sas_formatid + '/M/' + sas_tmstp + '/' + escape(sas_target) + '?"></scr'+'ipt>');
}
</script></head><body><p>Article text that a reader came for.</p>
<div id="top">
<script>sas_pageid="1234/56789";sas_formatid=111;sas_target="";\
SmartAdServer(sas_pageid,sas_formatid,sas_target);</script><noscript><a \
href="http://ww400.smartadserver.com/call/pubjumpi/1234/56789/111/S/[timestamp]/?"><img \
src="http://ww400.smartadserver.com/call/pubi/1234/56789/111/S/[timestamp]/?"></a></noscript>
</div>
<script>sas_pageid="1234/56789";sas_formatid=222;sas_target="";\
SmartAdServer(sas_pageid,sas_formatid,sas_target);</script>
</body></html>"""


def test_smart_adserver_pubj_calls_are_slots_with_site_and_page(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(SMART_PUBJ, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (10, "Smart AdServer", "111"), (12, "Smart AdServer", "222")]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("smartadserver-site", "1234"), ("smartadserver-page", "56789")} <= ids


_SMART_HEAD = ("<html><head><title>t</title><script src='//ced.sascdn.com/tag/1234/smart.js'>"
               "</script></head><body><p>Article text that a reader came for.</p>")


@pytest.mark.parametrize(("code", "zones"), [
    # each SmartAdServer() call writes its format's ad where it runs: two in turn, two units
    ("sas_pageid='1234/56789'; sas_formatid=111; sas_target=''; SmartAdServer(sas_pageid,"
     "sas_formatid,sas_target); sas_formatid=222; SmartAdServer(sas_pageid,sas_formatid,"
     "sas_target);", ["111", "222"]),
    # a format per section, in an if/else: the branch that runs places one
    ("sas_pageid='1234/56789'; if (home) { sas_formatid=111; SmartAdServer(sas_pageid,"
     "sas_formatid,''); } else { sas_formatid=222; SmartAdServer(sas_pageid,sas_formatid,''); }",
     ["111"]),
    # a default format, then a site's wrapper defined round the call: no call, no unit
    ("var sas_formatid = 333; function showAd(d, sas_pageid, sas_formatid, t) { "
     "SmartAdServer(sas_pageid, sas_formatid, t); }", []),
    ("var sas_formatid = 333; var showAd = function (d, sas_pageid, sas_formatid, t) { "
     "SmartAdServer(sas_pageid, sas_formatid, t); };", []),
    ("var sas_formatid = 333; const showAd = (d, p, f, t) => { SmartAdServer(p, f, t); };", []),
    # or an object's or a class's method (shorthand) wrapping it, after another method
    ("var sas_formatid = 333; var ads = { show(d, sas_pageid, sas_formatid, t) { "
     "SmartAdServer(sas_pageid, sas_formatid, t); } };", []),
    ("var sas_formatid = 333; class Ads { init() { this.on = 1; } async show(d, sas_pageid, "
     "sas_formatid) { if (this.on) { SmartAdServerAjax(sas_pageid, sas_formatid, ''); } } }",
     []),
    # a call in an `if` block, a `try` block, is no method: a unit
    ("sas_pageid='1234/56789'; sas_formatid=111; try { if (window.adsOn) { "
     "SmartAdServer(sas_pageid,sas_formatid,''); } } catch (e) {}", ["111"]),
    # a call the script guards (`typeof … == 'function'`) or hands a callback runs: a unit
    ("sas_pageid='1234/56789'; sas_formatid=111; sas_target=''; if (typeof SmartAdServer == "
     "'function') { SmartAdServer(sas_pageid,sas_formatid,sas_target); }", ["111"]),
    ("sas_pageid='1234/56789'; sas_formatid=111; sas_target=''; if (typeof displayAd === "
     "'function') displayAd(document, sas_pageid, sas_formatid, sas_target);", ["111"]),
    ("sas_pageid='1234/56789'; sas_formatid=111; sas_target=''; jQuery(function () { "
     "SmartAdServerAjax(sas_pageid,sas_formatid,sas_target); });", ["111"]),
])
def test_smart_adserver_calls_in_one_script(code: str, zones: list[str],
                                            project_engine: Engine, catalogue: Catalogue) -> None:
    html = f"{_SMART_HEAD}<div id='top'><script>{code}</script></div></body></html>"
    (page,) = audit(html.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id) for s in page.slots] == [("Smart AdServer", z) for z in zones]


# a news site's own ad queue (made-up `queueAd`) for Smart AdServer formats, each box carrying
# Smart's standard <noscript> pubjumpi/pubi image fallback (hunt36c: a 2015 news page); a 1x1
# pubi image is a pixel, no placement
SMART_QUEUED = b"""<html><head><title>t</title>
<script>var queued = []; function queueAd(a) { queued.push(a); }</script>
</head><body><p>Article text that a reader came for.</p>
<div class="ad-box" data-format="33101">
<script>queueAd(['4321/98765', 33101, '']);</script>
<noscript><a href="http://ww12.smartadserver.com/call/pubjumpi/4321/98765/33101/S/1430000000/?" \
target="_blank"><img src="http://ww12.smartadserver.com/call/pubi/4321/98765/33101/S/1430000000/?" \
border="0" alt=""></a></noscript>
</div>
<p>More article text.</p>
<div class="ad-box" data-format="33102">
<script>queueAd(['4321/98765', 33102, '']);</script>
<noscript><a href="http://ww12.smartadserver.com/call/pubjumpi/4321/98765/33102/S/1430000000/?" \
target="_blank"><img src="http://ww12.smartadserver.com/call/pubi/4321/98765/33102/S/1430000000/?" \
border="0" alt=""></a></noscript>
</div>
<img src="http://ww12.smartadserver.com/call/pubi/4321/98765/33103/S/1430000000/?" width="1" \
height="1" alt="">
</body></html>"""


def test_smart_adserver_image_fallbacks_are_slots_of_their_format(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(SMART_QUEUED, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Smart AdServer", "33101"), ("Smart AdServer", "33102")]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("smartadserver-site", "4321"), ("smartadserver-page", "98765")} <= ids


# a news site's own wrapper of Smart's SmartAdServer() (made-up `showAd`, behind its own
# checks), handed the tag's variables per placement; and Xandr's JavaScript (TTJ) tag, written
# where its unit goes by the site's guard, and as a plain script element (hunt36c: a 2015 news
# page). A call that hands on other variables is no Smart placement.
WRAPPED_AND_TTJ = b"""<html><head><title>t</title>
<script>function SmartAdServer(sas_pageid,sas_formatid,sas_target){document.write('<scr'+\
'ipt src="http://ww9.smartadserver.com/call/pubj/'+sas_pageid+'/'+sas_formatid+'/S/1/?"></scr'+'ipt>');}
function showAd(d,sas_pageid,sas_formatid,sas_target){if(window.adsOn){SmartAdServer(sas_pageid,\
sas_formatid,sas_target);}}</script>
</head><body><p>Article text that a reader came for.</p>
<div id="ad-top"><script>
var sas_formatid = 4411;
var sas_pageid = "321/65432";
var sas_target = "support=article;";
if (window.adsOn) { showAd(document, sas_pageid, sas_formatid, sas_target); }
</script></div>
<p>More article text.</p>
<div id="ad-side"><script>
if (window.adsOn) { document.write('<script src="http://ib.adnxs.com/ttj?id=7654321&size=300x250\
&cb=' + Math.floor(Math.random() * 1e9) + '"></' + 'script>'); }
</script></div>
<div id="ad-foot"><script src="https://ib.adnxs.com/ttj?size=728x90&id=7654322&cb=1"></script></div>
<div id="other"><script>var sas_formatid = 4412; track(page_id, format_id);</script></div>
</body></html>"""


def test_smart_wrappers_and_xandr_ttj_tags_are_slots(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(WRAPPED_AND_TTJ, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        ("Smart AdServer", "4411", None, None), ("Xandr (AppNexus)", "7654321", 300, 250),
        ("Xandr (AppNexus)", "7654322", 728, 90)]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("xandr-placement", "7654321"), ("xandr-placement", "7654322"),
            ("smartadserver-site", "321"), ("smartadserver-page", "65432")} <= ids


# Webtrends' SmartSource Data Collector tag with its noscript pixel; Médiamétrie-eStat's whap tag
ANALYTICS = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script src="/javascripts/webtrends.js" type="text/javascript"></script>
<script>var _tag=new WebTrends();_tag.dcsGetId();</script>
<script>_tag.dcsCollect();</script>
<noscript><div><img alt="DCSIMG" id="DCSIMG" width="1" height="1"
 src="http://statse.webtrendslive.com/dcsabcdefghij0123456789kl_1a2b/njs.gif?dcsuri=/nojavascript"/></div></noscript>
<script src="http://w.estat.com/js/whap.js"></script>
<script>if(_eStat_Whap_loaded){ eStatWhap.serial("800000123456"); eStatWhap.send(); }</script>
</body></html>"""


def test_webtrends_and_estat_are_named_with_their_ids(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ANALYTICS, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {"Webtrends", "Médiamétrie-eStat"} <= {n.network for n in page.networks}
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("webtrends-dcsid", "dcsabcdefghij0123456789kl_1a2b"),
            ("estat-serial", "800000123456")} <= ids


# Mint, self-hosted analytics: its documented tag at the site's /mint/, or an install's root
# on a subdomain of its own; the `?js` query asks for its tracking script
@pytest.mark.parametrize(("tag", "named"), [
    ('<script src="/mint/?js" type="text/javascript"></script>', True),
    ('<script src="http://mint.harbourgazette.test/?js" type="text/javascript"></script>', True),
    ('<script src="https://stats.example.org/mint/?js"></script>', True),
    # look-alikes: another path or query, another label, not a script, in prose
    ('<script src="/mint/app.js?js"></script>', False),
    ('<script src="/mint/?json"></script>', False),
    ('<script src="/blog/spearmint/?js"></script>', False),
    ('<script src="http://notmint.harbourgazette.test/?js"></script>', False),
    ('<script src="http://mint.harbourgazette.test/?js=1"></script>', False),
    ('<img src="http://mint.harbourgazette.test/?js" alt="">', False),
    ("<p>Put &lt;script src=&quot;/mint/?js&quot;&gt; in your head: "
     "http://mint.harbourgazette.test/?js</p>", False),
], ids=["site path", "subdomain", "another host's path", "another file", "another query",
        "another folder", "look-alike label", "a value", "an image", "prose"])
def test_mint_is_named_by_its_own_tag_on_any_host(tag: str, named: bool,
                                                  project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    html = f"<html><head><title>t</title>{tag}</head><body><p>Story.</p></body></html>"
    (page,) = audit(html.encode(), url="http://www.harbourgazette.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("Mint" in {n.network for n in page.networks}) is named


# Tealium iQ before tiqcdn.com: utag.js under Tealium's path on Limelight's shared CDN; and
# today's, for a profile with a dot in its name
TEALIUM_LLNWD = b"""<html><head><title>t</title>
<script defer src="//tealium.hs.llnwd.net/o43/utag/acme/main/prod/utag.js?asof=20140202"></script>
<script src="//tags.tiqcdn.com/utag/acme/site.mobile/prod/utag.js"></script>
</head><body><p>Article text.</p></body></html>"""


def test_tealium_on_its_limelight_path_is_named_with_its_profile(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(TEALIUM_LLNWD, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert "Tealium" in {n.network for n in page.networks}
    # a profile's name may hold a dot (`site.mobile`)
    assert {("tealium-profile", "acme/main"), ("tealium-profile", "acme/site.mobile")} <= {
        (i.kind, i.value) for i in page.ids}

# DART tags (classic DoubleClick for Publishers): the site's own script writes each unit,
# the <noscript> holds the standard image tag; a JavaScript tag with its noscript twin;
# an iframe tag; and Floodlight's activity on the same host and an advertiser's 1x1
# impression pixel, which are no ads
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
<img src="http://ad.doubleclick.net/ad/N3673.news/B1234;sz=1x1;ord=1?" width="1" height="1">
</body></html>"""


def test_dart_tags_are_slots_naming_site_and_zone(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    (page,) = audit(DART, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (7, "DoubleClick DART", "news.site.general/general"),
        (12, "DoubleClick DART", "news.site.sports/home"),  # the script (its box) + noscript: one
        (16, "DoubleClick DART", None),  # an advertiser's DFA tag: no zone of the site
    ]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {v for k, v in ids if k == "dart-site"} == {"news.site.general", "news.site.sports"}
    assert {v for k, v in ids if k == "dart-zone"} == {"news.site.general/general",
                                                       "news.site.sports/home"}
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


# AOL's sites: adsWrapper.js writes each unit (htmlAdWH), its <noscript> (when there is one)
# the ad server's standard image tag naming the placement, one unit with the script;
# AdSonar's contextual units, their loader included once per unit as its tag is written
AOL = b"""<html><head><title>t</title>
<script src="http://o.aolcdn.com/ads/adsWrapper.js"></script></head><body>
<div id="ad" class="adBanner">
<script>adSetType("F"); htmlAdWH('93000001', "728", "90"); adSetType("");</script>
<noscript><a href="http://ar.atwola.com/link/'93000001'/aol">
<img src="http://ar.atwola.com/image/'93000001'/aol" alt="Click here" width="728" height="90" />
</a></noscript>
</div>
<p>Article text that a reader came for.</p>
<div class="box">
<script>
adsonar_placementId=1500001;adsonar_pid=990001;adsonar_ps=-1;adsonar_zw=615;adsonar_zh=185;
adsonar_jv="ads.tw.adsonar.com";
</script>
<script language="JavaScript" src="http://js.adsonar.com/js/adsonar.js"></script></div>
<script>
adsonar_placementId=1500002;adsonar_pid=990001;adsonar_ps=-1;adsonar_zw=314;adsonar_zh=300;
</script>
<script language="JavaScript" src="http://js.adsonar.com/js/adsonar.js"></script>
<div class="rail"><script>adSetType("F"); htmlAdWH('93000002', 'RR', 'RR');</script><noscript>
<a href="http://ar.atwola.com/link/93000002/aoladp"><img src="http://ar.atwola.com/image/93000002/aoladp"
 width="300" height="250" /></a></noscript></div>
<div class="topLeader"><script>adSetType('F'); htmlAdWH('93000003', '728', '90');</script></div>
<div id="rail2"><script language="javascript">
<!--
htmlAdWH('93000004', 'RR', 'RR');
//-->
</script></div>
</body></html>"""


def test_aol_image_tag_and_adsonar_units_are_slots(project_engine: Engine,
                                                   catalogue: Catalogue) -> None:
    (page,) = audit(AOL, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (4, "Yahoo SSP (Verizon Media, ONE by AOL)", "93000001", 728, 90),  # and its noscript
        (11, "AdSonar (AOL)", "1500001", 615, 185),
        (16, "AdSonar (AOL)", "1500002", 314, 300),
        (20, "Yahoo SSP (Verizon Media, ONE by AOL)", "93000002", 300, 250),  # its twin's size
        (23, "Yahoo SSP (Verizon Media, ONE by AOL)", "93000003", 728, 90),  # no noscript
        (24, "Yahoo SSP (Verizon Media, ONE by AOL)", "93000004", None, None),  # named sizes
    ]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("adsonar-publisher", "990001"), ("aol-placement", "93000001"),
            ("aol-placement", "93000002"), ("aol-placement", "93000004")} <= ids
    assert not any(f.kind == "duplicate-loader" for f in page.findings)


# Admeld's unit (globals its meld120.js reads, one loader per unit) and Tynt's snippet
ADMELD_TYNT = b"""<html><head><title>t</title>
<script>var Tynt=Tynt||[];Tynt.push('aBcD1234efGH5678ijKL-m');
(function(){var s=document.createElement('script');s.src='http://tcr.tynt.com/ti.js';
document.getElementsByTagName('head')[0].appendChild(s);})();</script></head><body>
<p>Article text that a reader came for.</p>
<div class="mpu"><script type="text/javascript">
admeld_publisher  = 4321;
admeld_site       = 'newssite';
admeld_size       = '300x250';
admeld_placement   = 'newssite_btf';
</script>
<script type="text/javascript" src="http://js.admeld.com/meld120.js"></script></div>
<div class="mpu"><script>var admeld_publisher = 4321; var admeld_site = "newssite";
var admeld_size = "728x90"; var admeld_placement = "newssite_atf";</script>
<script src="http://js.admeld.com/meld120.js"></script></div>
</body></html>"""


def test_admeld_units_and_tynt_site(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADMELD_TYNT, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (6, "Admeld", "newssite_btf", 300, 250),
        (13, "Admeld", "newssite_atf", 728, 90),
    ]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("admeld-publisher", "4321"), ("tynt-site", "aBcD1234efGH5678ijKL-m")} <= ids
    assert not any(f.kind == "duplicate-loader" for f in page.findings)


# Open AdStream: the setup block (its own OAS_AD function, no ad) and a call per position;
# SiteCatalyst's H code noscript beacon spells its host 2O7.net
OAS = b"""<html><head><title>t</title>
<script>
OAS_url = 'http://oas.news.test/';
OAS_sitepage = 'www.news.test/world';
OAS_listpos = 'Top,Right,x02';
function OAS_AD(pos) { if (OAS_version >= 11) OAS_RICH(pos); else OAS_NORMAL(pos); }
</script></head><body>
<noscript><img src="//newsco.112.2O7.net/b/ss/newscoworld/1/H.11--NS/0" width="1"></noscript>
<div class="ad"><script>
<!--
OAS_AD('Top');
//-->
</script></div>
<p>Article text that a reader came for.</p>
<div class="ad"><script>OAS_AD('Right');</script></div>
</body></html>"""


def test_open_adstream_positions_are_slots(project_engine: Engine,
                                           catalogue: Catalogue) -> None:
    (page,) = audit(OAS, url="https://www.news.test/world/a.html", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (9, "Open AdStream (OAS)", "Top"), (15, "Open AdStream (OAS)", "Right")]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("oas-sitepage", "www.news.test/world"),
            ("adobe-report-suite", "newscoworld")} <= ids


# the setup's OAS_RICH called straight where each ad shows (a template's `OAS_RICH('Top')`);
# the setup's own definition of it (`OAS_RICH(pos)`) and a site's wrapper of another name
# (`FI_OAS_RICH('x02')`) are no position
OAS_RICH = b"""<html><head><title>t</title>
<script>
OAS_url = 'http://oas.news.test/RealMedia/ads/';
OAS_sitepage = 'www.news.test/sport';
OAS_listpos = 'Top,Middle';
function OAS_AD(pos) { OAS_RICH(pos); }
</script></head><body>
<div id="adtop"><script type="text/javascript">//<![CDATA[
 OAS_RICH('Top');
//]]></script></div>
<p>Article text that a reader came for.</p>
<div class="ad"><script>OAS_RICH( "Middle" );</script></div>
<div id="bottomad"><script>FI_OAS_RICH('x02')</script></div>
</body></html>"""


def test_open_adstream_rich_calls_are_slots(project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    (page,) = audit(OAS_RICH, url="https://www.news.test/sport/a.html", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (8, "Open AdStream (OAS)", "Top"), (12, "Open AdStream (OAS)", "Middle")]
    assert ("oas-sitepage", "www.news.test/sport") in {(i.kind, i.value) for i in page.ids}


# a template that calls OAS_RICH where the setup defined it and OAS_AD otherwise writes one
# position's ad, whichever runs: one slot, not one per call form
OAS_EITHER = b"""<html><head><title>t</title>
<script>
OAS_url = 'http://oas.news.test/RealMedia/ads/';
OAS_sitepage = 'www.news.test/sport';
OAS_listpos = 'Top,Middle';
</script></head><body>
<div id="adtop"><script>
if (typeof OAS_RICH == 'function') { OAS_RICH('Top'); } else { OAS_AD('Top'); }
</script></div>
<p>Article text that a reader came for.</p>
<div class="ad"><script>OAS_AD('Middle');</script></div>
</body></html>"""


def test_an_open_adstream_position_called_in_either_form_is_one_slot(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(OAS_EITHER, url="https://www.news.test/sport/a.html",
                    engine=project_engine, catalogue=catalogue).pages
    assert [(s.line, s.zone_id) for s in page.slots] == [(7, "Top"), (11, "Middle")]


# Open AdStream's single-position call (the JX tag, and SX): a script per position whose
# answer writes the ad where it stands, the position after the `@` of its path; the
# setup's multiple-call request (mjx) places nothing
OAS_JX = b"""<html><head><title>t</title>
<script src="http://oas.news.test/RealMedia/ads/adstream_mjx.ads/news.test/world/1234@Top,Right">
</script>
</head><body>
<div class="banner">
<script src="//ad.news.test/RealMedia/ads/adstream_sx.ads/english.news/main@Top?b1"></script>
</div>
<p>Article text that a reader came for.</p>
<div><script language="JavaScript1.1"
 src="http://oas.news.test/RealMedia/ads/adstream_jx.ads/news.test/world/1789012345@Right">
</script></div>
</body></html>"""


def test_open_adstream_single_position_calls_are_slots(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    (page,) = audit(OAS_JX, url="https://www.news.test/world/a.html", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (6, "Open AdStream (OAS)", "Top"), (9, "Open AdStream (OAS)", "Right")]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("oas-sitepage", "english.news/main"), ("oas-sitepage", "news.test/world"),
            ("oas-position", "Top"), ("oas-position", "Right")} <= ids


# a publisher's OAS served from 24/7 Real Media's hosted name for it, oascentral.<site>:
# the setup's OAS_url, and a JX call written by document.write with its position in a variable
OAS_CENTRAL = """<html><head><title>t</title>
<script>
var SITE_AD_PAGE = 'harbourgazette.test/ferries';
var SITE_AD_POS = 'x01,x02';
var OAS_rns = new String (Math.random()).substring(2, 11);
{setup}
</script></head><body>
<div class="leaderboard"><script>
document.write('<scr'+'ipt src="http://{host}/RealMedia/ads/adstream_jx.ads/'+SITE_AD_PAGE+'/1'+OAS_rns+'@'+SITE_AD_POS+'!x01"></scr'+'ipt>');
</script></div>
<p>Article text that a reader came for.</p>
</body></html>"""


@pytest.mark.parametrize(("setup", "host", "hosts"), [
    ("", "oascentral.harbourgazette.test", {"oascentral.harbourgazette.test"}),
    ("OAS_url = 'http://oascentral.harbourgazette.test/RealMedia/ads/';",
     "oascentral.harbourgazette.test", {"oascentral.harbourgazette.test"}),
    ("OAS_url = 'https://oascentral.harbourgazette.test/';", "ads.harbourgazette.test",
     {"oascentral.harbourgazette.test"}),
    # 24/7's own shared servers, another host name, a look-alike label: no operator's server
    ("", "oascentral.247realmedia.com", set()),
    ("", "oas.harbourgazette.test", set()),
    ("", "myoascentral.harbourgazette.test", set()),
], ids=["call", "setup's OAS_url", "OAS_url alone", "24/7's host", "another name",
        "look-alike label"])
def test_an_oascentral_host_is_the_operators_oas_server(
        setup: str, host: str, hosts: set[str], project_engine: Engine,
        catalogue: Catalogue) -> None:
    html = OAS_CENTRAL.replace("{setup}", setup).replace("{host}", host).encode()
    (page,) = audit(html, url="https://www.harbourgazette.test/ferries/a.html",
                    engine=project_engine, catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "oas-host"} == hosts


@pytest.mark.parametrize(("setup", "hosts"), [
    # the setup's server taken out by a comment: the call's own host alone is the server
    ("// OAS_url = 'http://oascentral.oldgazette.test/RealMedia/ads/';", set()),
    ("/* OAS_url = 'http://oascentral.oldgazette.test/RealMedia/ads/';\n*/", set()),
    ("OAS_url = 'http://oascentral.oldgazette.test/RealMedia/ads/'; // the server",
     {"oascentral.oldgazette.test"}),
], ids=["line comment", "block comment", "live, a comment after it"])
def test_a_commented_out_oas_url_names_no_server(
        setup: str, hosts: set[str], project_engine: Engine, catalogue: Catalogue) -> None:
    html = OAS_CENTRAL.replace("{setup}", setup).replace("{host}", "ads.harbourgazette.test")
    (page,) = audit(html.encode(), url="https://www.harbourgazette.test/ferries/a.html",
                    engine=project_engine, catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "oas-host"} == hosts


@pytest.mark.parametrize(("setup", "host", "hosts"), [
    # a 2000s template writing its tags in capitals: the server named in any case, the
    # value as DNS reads it
    ("", "OASCENTRAL.HARBOURGAZETTE.TEST", {"oascentral.harbourgazette.test"}),
    ("OAS_url = 'HTTP://OASCENTRAL.HARBOURGAZETTE.TEST/RealMedia/ads/';",
     "ads.harbourgazette.test", {"oascentral.harbourgazette.test"}),
    # a look-alike label in capitals names none
    ("", "MYOASCENTRAL.HARBOURGAZETTE.TEST", set()),
], ids=["call", "setup's OAS_url", "look-alike label"])
def test_an_oas_tag_in_capitals_is_read(setup: str, host: str, hosts: set[str],
                                        project_engine: Engine, catalogue: Catalogue) -> None:
    html = OAS_CENTRAL.replace("{setup}", setup).replace("{host}", host).replace(
        "<scr'+'ipt src=\"http://", "<SCR'+'IPT LANGUAGE=\"JavaScript1.1\" SRC=\"HTTP://")
    assert "SRC=\"HTTP://" in html
    (page,) = audit(html.encode(), url="https://www.harbourgazette.test/ferries/a.html",
                    engine=project_engine, catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "oas-host"} == hosts
    # the script its call writes is requested, from the host written in capitals
    assert [r.url for r in page.resources if "adstream_jx" in r.url] == [
        f"http://{host.lower()}/RealMedia/ads/adstream_jx.ads/"]


def test_an_oascentral_host_without_an_oas_tag_or_in_prose_names_nothing(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # the setup's server left in a template whose tags are gone, the host in an article
    html = (b"<html><head><title>t</title><script>OAS_url = 'http://oascentral.harbourgazette"
            b".test/RealMedia/ads/';</script></head><body><p>Our old ad server answered at "
            b"http://oascentral.harbourgazette.test/RealMedia/ads/adstream_jx.ads/ in 2009."
            b"</p></body></html>")
    (page,) = audit(html, url="https://www.harbourgazette.test/a.html",
                    engine=project_engine, catalogue=catalogue).pages
    assert not [i for i in page.ids if i.kind == "oas-host"]


def test_an_open_adstream_call_without_its_random_names_the_same_sitepage(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # the position call with no random number before the `@` (`…/news.test/world/@Top`)
    # names the sitepage its setup names, `news.test/world`, not one with a slash after it
    html = OAS_JX.replace(b"english.news/main@Top", b"news.test/world/@Top")
    (page,) = audit(html, url="https://www.news.test/world/a.html", engine=project_engine,
                    catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "oas-sitepage"} == {"news.test/world"}


# the JX tag as OAS hands it out: a script that writes the position's script with a random
# number in its path (`document.write('<scr'+'ipt src="…adstream_jx.ads/<sitepage>/1' +
# OAS_rns + '@Top">…')`); a copy saved after it ran holds the written script right after
# the writer, one position still; the setup's multiple-call write (`'@' + OAS_listpos`)
# and a video player's ad-call URL in a variable place nothing
OAS_JX_WRITTEN = b"""<html><head><title>t</title>
<script>OAS_rn = new String(Math.random()); OAS_rns = OAS_rn.substring(2, 11);
var playerAds = "http://oas.news.test/RealMedia/ads/adstream_sx.ads/news.test/v/[R]@x30?";
document.write('<scr'+'ipt src="http://oas.news.test/RealMedia/ads/adstream_mjx.ads/'
 + 'news.test/w/1' + OAS_rns + '@' + OAS_listpos + '"></scr'+'ipt>');</script>
</head><body>
<div id="oas_Top"><script type="text/javascript">
document.write('<scr'+'ipt language="JavaScript1.1" src="' +
 'http://oas.news.test/RealMedia/ads/adstream_jx.ads/news.test/w/1' + OAS_rns
 + '@Top"></scr'+'ipt>');
</script></div>
<p>Article text that a reader came for.</p>
<div id="oas_Right"><script>document.write('<script src="' +
 'http://oas.news.test/RealMedia/ads/adstream_jx.ads/news.test/w/1' + OAS_rns +
 '@Right"><\\/script>');</script><script
 src="http://oas.news.test/RealMedia/ads/adstream_jx.ads/news.test/w/1123456789@Right">
</script></div>
</body></html>"""


def test_open_adstream_written_single_position_calls_are_slots(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(OAS_JX_WRITTEN, url="https://www.news.test/w/a.html",
                    engine=project_engine, catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (7, "Open AdStream (OAS)", "Top"), (15, "Open AdStream (OAS)", "Right")]


# a template's leftover OAS_sitepage line, with no OAS request or OAS_AD call: a config
# variable is no tag, so neither the network nor its page ID is there
OAS_LEFTOVER = b"""<html><head><title>t</title>
<script type="text/javascript">OAS_sitepage = 'www.news.test/opinion/blog';</script>
</head><body><p>Article text that a reader came for.</p></body></html>"""


def test_open_adstream_leftover_sitepage_is_no_network(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    (page,) = audit(OAS_LEFTOVER, url="https://www.news.test/a.html", engine=project_engine,
                    catalogue=catalogue).pages
    assert [n.network for n in page.networks] == []
    assert [i.kind for i in page.ids] == []


# SiteCatalyst on the site's own collection host (a first-party CNAME): its noscript
# beacon names the report suite; another path with /b/ss/ in it is no beacon
ADOBE_CNAME = b"""<html><head><title>t</title>
<script src="http://static.news.test/js/s_code.js"></script></head><body>
<noscript><img src="http://metrics.news.test/b/ss/newsglobal/1/H.21--NS/0" width="1"></noscript>
<p>Article text that a reader came for.</p>
<img src="http://img.news.test/b/ss/photo.jpg" alt="a photo">
</body></html>"""


def test_adobe_beacon_on_a_first_party_host_names_its_report_suite(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADOBE_CNAME, url="https://www.news.test/a.html", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(i.kind, i.value) for i in page.ids] == [("adobe-report-suite", "newsglobal")]
    assert [n.network for n in page.networks] == ["Adobe Experience Platform"]


# Admeta's generated tag: config, its loader once per unit, a <noscript> frame at the unit's size
ADMETA = b"""<html><head><title>t</title></head><body><p>Article text that a reader came for.</p>
<div class="ad"><script type='text/javascript'> var ADM_PL = {tp:'sp', pbId:99, Site:'news',
 Page:'home', Width:728, Height:90, Rank:1}; </script>
<script type='text/javascript' src='http://s.atemda.com/Admeta.js'></script> <noscript>
<iframe src='http://atemda.com/NoJSAdserving.ashx?pbId=99&wsName=news&wName=home&bfDim=728x90&rank=1'
 width='728' height='90' frameborder='0' scrolling='no'></iframe> </noscript></div>
<div class="ad"><script type='text/javascript'> var ADM_PL = {tp:'sp', wId:230001, pId:434001,
 rank:1, width:300, height:250}; </script>
<script type='text/javascript' src='http://s.atemda.com/Admeta.js'></script> <noscript>
<iframe src='http://atemda.com/nojsadserving.ashx?wId=230001&pId=434001&rank=1'
 width='300' height='250' frameborder='0' scrolling='no'></iframe> </noscript></div>
</body></html>"""


def test_admeta_units_are_sized_slots(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADMETA, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        ("Admeta", None, 728, 90), ("Admeta", "434001", 300, 250)]
    assert ("admeta-publisher", "99") in {(i.kind, i.value) for i in page.ids}
    assert not any(f.kind == "duplicate-loader" for f in page.findings)


# a script tag and a <noscript> image of another zone are two placements (a page's
# fallback for another unit), not one; the `pf` tag forms on a country's or a region's host
# are DART tags as the plain forms are
TWO_ZONES = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="a"><script src="http://ad.doubleclick.net/adj/news.site/home;sz=728x90;ord=1?"></script>
<noscript><a href="http://ad.doubleclick.net/jump/news.site/rail;sz=300x250;ord=1?"><img
 src="http://ad.doubleclick.net/ad/news.site/rail;sz=300x250;ord=1?" width="300" height="250"></a>
</noscript></div>
<iframe src="http://ad.de.doubleclick.net/pfadi/news.de/sport;sz=160x600;ord=2?" width="160"
 height="600"></iframe>
<script src="https://ad-emea.doubleclick.net/pfadj/news.eu/world;sz=300x600;ord=3?"></script>
</body></html>"""


def test_a_noscript_image_of_another_zone_and_the_pf_forms_are_slots_of_their_own(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(TWO_ZONES, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.zone_id) for s in page.slots] == [
        (2, "news.site/home"), (3, "news.site/rail"), (6, "news.de/sport"), (8, "news.eu/world")]
    assert {s.network for s in page.slots} == {"DoubleClick DART"}
    assert {v for k, v in {(i.kind, i.value) for i in page.ids} if k == "dart-site"} == {
        "news.site", "news.de", "news.eu"}


# a DART tag whose noscript fallback a CMS's lazy-load filter wrapped in a second <noscript>
# (the wrapper's own fallback round the tag's): still the script's one placement
NESTED = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script src="http://ad.doubleclick.net/adj/mysite.uk/foot;pos=foot;sz=728x90;ord=1?"></script>\
<noscript><noscript><a href="http://ad.doubleclick.net/jump/mysite.uk/foot;pos=foot;sz=728x90;\
ord=1?"><img src="http://ad.doubleclick.net/ad/mysite.uk/foot;pos=foot;sz=728x90;ord=1?"></a>\
</noscript></noscript>
<p>More text.</p></body></html>"""


def test_a_fallback_in_nested_noscripts_is_its_scripts_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(NESTED, url="https://mysite.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (2, "DoubleClick DART", "mysite.uk/foot")]


# a page's script keeping an old DART tag commented out (a line comment, a block comment)
# beside its live code: no placement, no DART site of the page's
COMMENTED = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script>
// old DART tag, kept for reference: http://ad.doubleclick.net/adj/oldsite.test/home;pos=top;sz=728x90;ord=1?
/* document.write('<script src="http://ad.doubleclick.net/adj/oldsite.test/side;sz=300x250;\
ord=1?"><\\/script>'); */
var menu = document.getElementById('menu');
</script>
<script>printAdvert("http://ad.doubleclick.net/adj/mysite.test/news;pos=ldb1;sz=728x90");</script>
<p>More text.</p></body></html>"""


def test_a_dart_tag_commented_out_in_a_script_is_no_slot(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(COMMENTED, url="https://mysite.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (7, "DoubleClick DART", "mysite.test/news")]
    assert ("dart-zone", "oldsite.test/home") not in {(i.kind, i.value) for i in page.ids}


# a DART script tag whose <noscript> holds another company's 1x1 impression pixel (an
# ad server's `type=pixel` image, width=1 height=1): a tracker, no second placement
PIXEL = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script src="http://ad.doubleclick.net/adj/mysite.uk/home;pos=top;sz=728x90;ord=1?"></script>\
<noscript><img src="https://servedbyadbutler.com/adserve/;ID=165432;size=1x1;setID=999;\
type=pixel" width="1" height="1" alt=""></noscript>
<p>More text.</p></body></html>"""


def test_a_one_pixel_image_in_a_scripts_noscript_is_no_slot(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(PIXEL, url="https://mysite.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (2, "DoubleClick DART", "mysite.uk/home")]


@pytest.mark.parametrize(("tag", "size"), [
    ('<script src="http://ad.doubleclick.net/adj/news.site/home;pos=top;sz=728x90;ord=1?">'
     "</script>", (728, 90)),
    ('<iframe src="http://ad.doubleclick.net/adi/news.site/home;pos=rr;sz=300x250;ord=1?">'
     "</iframe>", (300, 250)),
    # a tag that takes either of two sizes asks for the first
    ('<script src="http://ad.doubleclick.net/adj/news.site/home;sz=728x90,970x90;ord=1?">'
     "</script>", (728, 90)),
    # the frame's own attributes are the size the page gives it
    ('<iframe src="http://ad.doubleclick.net/adi/news.site/home;sz=300x250;ord=1?" width="336"'
     ' height="280"></iframe>', (336, 280)),
    ('<script src="https://adserver.adtech.de/addyn/3.0/1211/4437091/0/-1/ADTECH;loc=100;'
     'size=300x250;target=_blank"></script>', (300, 250)),
    ('<script src="http://ad.doubleclick.net/adj/news.site/home;ord=1?"></script>', (None, None)),
    # `1x4`, a side of 1, is a position code, not a size
    ('<script src="http://ad.doubleclick.net/adj/news.site/home;sz=1x4;ord=1?"></script>',
     (None, None)),
], ids=["dart script", "dart iframe", "dart two sizes", "frame attributes", "adtech script",
        "no size", "placement code"])
def test_a_tag_slot_has_the_size_its_url_asks_for(
        tag: str, size: tuple[int | None, int | None], project_engine: Engine,
        catalogue: Catalogue) -> None:
    """A DART or ADTECH tag written as a plain script or frame asks for its size in its URL
    (`sz=728x90`, `size=300x250`), as the inline-written tag does."""
    html = f"<html><head><title>t</title></head><body><p>Article text.</p>{tag}</body></html>"
    (page,) = audit(html.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.width, s.height) for s in page.slots] == [size]


# a site's ad helper writing the DART tag inside a container an ad list hides, the tag's
# <noscript> linked-image fallback right after the container (a sibling, not inside it):
# one placement, not the container and its fallback as two
CONTAINER_THEN_NOSCRIPT = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div id="ad-right2" class="dc-ad story">
<script>document.write(renderAdPosition("right2", "300x250", "", 3, "mysite.news/general"));\
</script>
</div>
<noscript><div class="dc-ad"><a href="http://ad.doubleclick.net/jump/mysite.news/general;\
t2=right2;sz=300x250;tile=3;ord=1"><img src="http://ad.doubleclick.net/ad/mysite.news/general;\
t2=right2;sz=300x250;tile=3;ord=1" alt=""></a></div></noscript>
<div class="adbox"><p>Our own newsletter: sign up.</p></div>
<noscript><a href="http://ad.doubleclick.net/jump/mysite.news/foot;sz=728x90;ord=1"><img
 src="http://ad.doubleclick.net/ad/mysite.news/foot;sz=728x90;ord=1" alt=""></a></noscript>
<p>More text.</p></body></html>"""


def test_a_hidden_container_before_its_tags_noscript_fallback_is_one_placement(
        engine: Engine, catalogue: Catalogue) -> None:
    # EasyList hides the container (`###ad-right2`, `##.dc-ad`): the system lists' engine
    (page,) = audit(CONTAINER_THEN_NOSCRIPT, url="https://mysite.test/a", engine=engine,
                    catalogue=catalogue).pages
    dart = [(s.line, s.zone_id) for s in page.slots if s.network == "DoubleClick DART"]
    assert dart == [(5, "mysite.news/general"), (7, "mysite.news/foot")]
    # the container holding the tag's script is that placement, not a second one
    assert 2 not in {s.line for s in page.slots}


# ShareThis's button loader (w.sharethis.com/button/buttons.js) configured as its guide
# wrote it: stLight.options({publisher: "<publisher key>"}) names the publisher's account
SHARETHIS = b"""<html><head><title>t</title>
<script type="text/javascript">var switchTo5x=true;</script>
<script type="text/javascript" src="http://w.sharethis.com/button/buttons.js"></script>
<script type="text/javascript">stLight.options({publisher: \
"ur-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", doNotHash: false});</script>
<script>stLight.options({doNotHash: true,
  publisher:'wp.11112222-3333-4444-5555-666677778888'});</script>
</head><body><p>Article text.</p><span class="st_facebook_hcount" displayText="Facebook"></span>
<script>var cfg = {publisher: "99998888-7777-6666-5555-444433332222"};</script>
</body></html>"""


def test_sharethis_publisher_key_is_its_id(project_engine: Engine,
                                           catalogue: Catalogue) -> None:
    (page,) = audit(SHARETHIS, url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "sharethis-publisher"} == {
        "ur-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "wp.11112222-3333-4444-5555-666677778888"}


# DFP's generated DART tag with the publisher's network code before the tag type: written by
# document.write, its <noscript> fallback the /N…/jump/ link round the /N…/ad/ image
DART_NETWORK_CODE = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script type="text/javascript">
    var ord = window.ord || Math.floor(Math.random() * 1e16);
    document.write('<script type="text/javascript" src="'
      + 'http://ad.doubleclick.net/N3910/adj/money.site.articles/articles;sz=470x200;ord='
      + ord + '?"><\\/script>');
</script>
<noscript>
<a href="http://ad.doubleclick.net/N3910/jump/money.site.articles/articles;sz=470x200;ord=[timestamp]?">
<img src="http://ad.doubleclick.net/N3910/ad/money.site.articles/articles;sz=470x200;ord=[timestamp]?"
 width="470" height="200" />
</a>
</noscript>
<script src="http://ad.doubleclick.net/N3910/adj/money.site.articles/rail;sz=300x250;ord=1?"></script>
</body></html>"""


def test_dart_tags_with_a_network_code_are_slots(project_engine: Engine,
                                                 catalogue: Catalogue) -> None:
    (page,) = audit(DART_NETWORK_CODE, url="https://www.money.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        ("DoubleClick DART", "money.site.articles/articles", 470, 200),
        ("DoubleClick DART", "money.site.articles/rail", 300, 250)]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("dart-network", "3910"), ("dart-site", "money.site.articles")} <= ids


def _dart_page(site: str) -> bytes:
    # one sales house's DFP network code on two unrelated blogs, each with its own DART site
    return (b"<html><head><title>t</title></head><body><p>A post.</p>\n"
            b'<script src="http://ad.doubleclick.net/N4417/adj/' + site.encode()
            + b'/home;sz=300x250;ord=1?"></script>\n</body></html>')


def test_a_dart_network_code_joins_no_sites_as_gpts_does_not(project_engine: Engine,
                                                             catalogue: Catalogue) -> None:
    """`/N4417/adj/…` is the DFP network code GPT writes as `/4417/…`: a sales house's or a
    managed stack's code is on every site it sells, so, like `gpt-network`, it ties no two
    operators together in bulk clusters (each site's DART site still does)."""
    from auditor.bulk.aggregate import clusters

    edges = []
    for site, dart_site in (("knitting.test", "knit.blog"), ("motors.test", "motor.blog")):
        (page,) = audit(_dart_page(dart_site), url=f"https://{site}/a", engine=project_engine,
                        catalogue=catalogue).pages
        assert ("dart-network", "4417") in {(i.kind, i.value) for i in page.ids}
        edges += [(i.kind, i.value, i.network, site) for i in page.ids]
    assert catalogue.joins_sites("dart-network") == catalogue.joins_sites("gpt-network")
    assert clusters(edges, catalogue=catalogue) == []


# a site's DART tags written with the page's tile counter spliced in before the size (each
# tag bumps `v_tile`, as DART asks of several tags on one page) and its random `ord`; a
# double-quoted script the same; a concatenation of anything but a name is not crossed
TILED = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<section class="banner"><script>
if(typeof(v_tile)=="undefined"){var v_tile=1}else{v_tile++}
document.write('<scr'+'ipt src="http://ad.es.doubleclick.net/N4900/adj/paper.es/news/local;\
pos=sky;tile='+v_tile+';sz=120x600,160x600;ord='+v_rnd+'?"><\\/scr'+'ipt>');
</script></section>
<section class="banner"><script>
document.write("<script src='http://ad.doubleclick.net/adj/paper.es/news;pos=mpu;tile=" + tile
 + ";sz=300x250;ord=" + ord + "?'><\\/script>");
</script></section>
<script>var note = 'http://ad.doubleclick.net/adj/paper.es/old;pos=x' + f('y') + ';sz=1x2';</script>
</body></html>"""


def test_a_dart_tag_written_with_its_tile_counter_is_a_sized_slot(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(TILED, url="https://paper.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (2, "DoubleClick DART", "paper.es/news/local", 120, 600),  # its box
        (6, "DoubleClick DART", "paper.es/news", 300, 250)]
    assert {("dart-zone", "paper.es/news/local"), ("dart-zone", "paper.es/news")} <= {
        (i.kind, i.value) for i in page.ids}


# splices the tag's run must not cross: one cutting the zone (`/adj/site/home/'+section+'/…`,
# whose zone would read `site/home/`), and one joining an address to another string that
# happens to hold `;sz=` (an image's address); the tile counter is a key's value, between
# its `=` and the next `;`, and only such a splice is the tag's
SPLICED_ELSEWHERE = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script>
var u = 'http://ad.doubleclick.net/adj/paper.es/home/'+section+'/photos;sz=300x250';
</script>
<script>
var links = 'https://ad.doubleclick.net/adj/paper.es/x'+sep+'https://cdn.paper.es/img;sz=640x480.jpg';
</script>
<script>
var v = "http://ad.doubleclick.net/adj/paper.es/news;pos=top" + tail + "/x;sz=728x90";
</script>
</body></html>"""


def test_a_splice_that_is_no_keys_value_is_not_crossed(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(SPLICED_ELSEWHERE, url="https://paper.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert page.slots == ()
    assert not {i.value for i in page.ids if i.kind == "dart-zone"}


# a DART tag whose site the script joins in from a variable (DFP's generated tags and
# sites' templates): a 1x1 tag written in the head, and a unit's tag joining site and zone
# names (the second site's name assigned two values: no site of the page's)
JOINED_SITE = b"""<html><head><title>t</title><script>
var ehs_site = "ehsne.pro.site.example"; var ord = Math.random() * 1e16;
var ehs_protocol = (document.location.protocol == "https:") ? "https://" : "http://";
document.write('<scr'+'ipt src="'+ehs_protocol+'ad.doubleclick.net/N9876/adj/'+ehs_site+\
';sz=1x1;ord=' + ord + '?"><\\/scr'+'ipt>');
</script></head><body><p>Article text.</p><div class="unit"><script>
if (beta) { SITE = 'paper.beta'; } else { SITE = 'paper.main'; }
var ad_tag = 'http://ad.doubleclick.net/N6556/adj/' + SITE + ZONE + ';sz=300x250;tile=2;';
document.write('<scr' + 'ipt src="' + ad_tag + '"><\\/scr' + 'ipt>');
</script></div></body></html>"""


def test_a_dart_tag_joined_from_its_parts_names_the_network_and_its_ids(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(JOINED_SITE, url="https://paper.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert "DoubleClick DART" in {n.network for n in page.networks}
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("dart-network", "9876"), ("dart-network", "6556"),
            ("dart-site", "ehsne.pro.site.example")} <= ids
    assert not {v for k, v in ids if k == "dart-site" and v.startswith("paper.")}


# a position call after a string holding a comment opener on its line: live code
OAS_AFTER_STRING = b"""<html><head><title>t</title>
<script>
OAS_url = 'http://oas.news.test/RealMedia/ads/';
OAS_sitepage = 'www.news.test/sport';
</script></head><body>
<div id="adtop"><script>var sep = ' // '; OAS_RICH('Top');</script></div>
<p>Article text that a reader came for.</p>
<div class="ad"><script>var open = ' /*'; OAS_RICH('Middle');</script></div>
<div class="ad"><script>var ok = 1; // OAS_RICH('Bottom');</script></div>
<div class="ad"><script>s = s.replace(/'/g, ''); // OAS_RICH('Foot');</script></div>
<div class="ad"><script>var tick = /`/; var ok = 2;
// OAS_RICH('Side');</script></div>
</body></html>"""


def test_a_position_call_after_a_string_holding_a_comment_opener_is_a_slot(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(OAS_AFTER_STRING, url="https://www.news.test/sport/a.html",
                    engine=project_engine, catalogue=catalogue).pages
    assert [(s.line, s.zone_id) for s in page.slots] == [(6, "Top"), (8, "Middle")]


# Adzerk's legacy zone tag: a div per ad named `adzerk1`…`adzerkN`, then one script from its
# engine naming the site and, per div, its name, size and zone; a network that ran on Adzerk
# served the same path from its own engine host
ADZERK_LEGACY = b"""<html><head><title>t</title></head><body>
<p>Article text that a reader came for.</p>
<div id="sponsors">
<div id="adzerk1"></div>
<div id="adzerk2"></div>
<div id="adzerk-promo">house promo</div>
</div>
<script type="text/javascript"
 src="http://engine.HOST/z/4321/adzerk1_2_4_43,adzerk2_2_17_45"></script>
</body></html>"""


@pytest.mark.parametrize("host", [b"adzerk.net", b"devnetwork.test"])
def test_adzerk_legacy_divs_are_slots_of_its_engine(
        project_engine: Engine, catalogue: Catalogue, host: bytes) -> None:
    (page,) = audit(ADZERK_LEGACY.replace(b"HOST", host), url="https://blog.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (4, "Adzerk", "adzerk1"), (5, "Adzerk", "adzerk2")]
    assert ("adzerk-site", "4321") in {(i.kind, i.value) for i in page.ids}
    assert "Adzerk" in {n.network for n in page.networks}


def test_adzerk_named_divs_without_its_engine_are_no_slots(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # a site's own `#adzerk1` with no engine script: nothing fills it
    html = ADZERK_LEGACY.replace(b"engine.HOST/z/4321/adzerk1_2_4_43,adzerk2_2_17_45",
                                 b"blog.test/js/sponsors.js")
    (page,) = audit(html, url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert not [s for s in page.slots if s.network == "Adzerk"]


# the same tag with its engine's URL built in a script (keywords and referrer added), and as
# a browser saves the script beside the page (`<title>_files/`, the list's commas dropped)
ADZERK_BUILT = b"""<html><head><title>t</title></head><body>
<p>Article text that a reader came for.</p>
<div id="adzerk1"></div>
<div id="sidebar"><div id="adzerk2"></div></div>
<script type="text/javascript">
var scriptSrc = "http://engine.adzerk.net/z/4321/adzerk1_2_4_43,adzerk2_2_17_45?keywords=ruby";
if (document.referrer) { scriptSrc += "&ref=" + encodeURIComponent(document.referrer); }
var s = document.createElement("script"); s.src = scriptSrc;
document.getElementsByTagName("head")[0].appendChild(s);
</script>
</body></html>"""

ADZERK_SAVED = b"""<html><head><title>t</title>
<script src="a_files/adzerk1_2_4_43adzerk2_2_17_45" async="" type="text/javascript"></script>
</head><body>
<p>Article text that a reader came for.</p>
<div id="adzerk1"></div>
<div id="sidebar"><div id="adzerk2"></div></div>
</body></html>"""


def test_adzerk_legacy_divs_of_a_built_or_saved_engine_script_are_slots(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADZERK_BUILT, url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (3, "Adzerk", "adzerk1"), (4, "Adzerk", "adzerk2")]
    assert ("adzerk-site", "4321") in {(i.kind, i.value) for i in page.ids}
    (page,) = audit(ADZERK_SAVED, url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (5, "Adzerk", "adzerk1"), (6, "Adzerk", "adzerk2")]

# Open AdStream's JX call naming the page's position list and the one to show:
# `…/adstream_jx.ads/<sitepage>/<rand>@<listpos>!<position>`
OAS_JX_LISTED = b"""<html><head><title>t</title></head><body>
<p>Article text that a reader came for.</p>
<script language="JavaScript1.1"
 src="http://oascentral.paper.test/RealMedia/ads/adstream_jx.ads/paper.test/news/article@Top,x01!x01">
</script>
<script>document.write('<scr'+'ipt src="http://oascentral.paper.test/RealMedia/ads/\
adstream_jx.ads/paper.test/news/article/1234@Top,Right!Right"></scr'+'ipt>');</script>
</body></html>"""


def test_an_open_adstream_call_naming_its_list_is_the_position_after_the_bang(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(OAS_JX_LISTED, url="https://paper.test/news/a.html",
                    engine=project_engine, catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (3, "Open AdStream (OAS)", "x01"), (6, "Open AdStream (OAS)", "Right")]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("oas-position", "x01"), ("oas-position", "Right"),
            ("oas-sitepage", "paper.test/news/article")} <= ids


# comScore's older generated tag: a script building the beacon.dll URL from strings, its
# noscript image; and its beacon call with the client a bare number
COMSCORE_LEGACY = b"""<html><head><title>t</title>
<script type="text/javascript">
setTimeout(function() {
  var url = "http" + (/https:/.test(document.location.href) ? "s" : "") +
      "://beacon.scorecardresearch.com/scripts/beacon.dll" +
      "?c1=2&c2=6000017&c3=&c4=" + escape(document.location.href) +
      "&rn=" + (new Date()).getTime();
  var i = new Image(); i.src = url;
}, 1);
</script>
<noscript><img alt=""
 src="https://beacon.scorecardresearch.com/scripts/beacon.dll?c1=2&c2=6000017&c3=&x=NOJAVASCRIPT">
</noscript>
</head><body><p>Article text that a reader came for.</p></body></html>"""

COMSCORE_BARE = b"""<html><head><title>t</title></head><body>
<script src="http://b.scorecardresearch.com/beacon.js"></script>
<script>COMSCORE.beacon({c1:2,c2:6000023,c3:"",c4:"",c5:"",c6:"",c15:""});</script>
<script>var chart = {c1: 10, c2: 12345678};</script>
<p>Article text that a reader came for.</p></body></html>"""


def test_comscore_legacy_beacon_dll_names_its_client(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(COMSCORE_LEGACY, url="https://paper.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("comscore-client", "6000017") in {(i.kind, i.value) for i in page.ids}
    # the script alone, its noscript image gone
    html = COMSCORE_LEGACY.split(b"<noscript>")[0] + b"</head><body></body></html>"
    loader = b'<script src="http://b.scorecardresearch.com/beacon.js"></script>'
    html = html.replace(b"<script type", loader + b"<script type", 1)
    (page,) = audit(html, url="https://paper.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("comscore-client", "6000017") in {(i.kind, i.value) for i in page.ids}


def test_comscore_beacon_call_with_a_bare_number_names_its_client(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(COMSCORE_BARE, url="https://paper.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    clients = {i.value for i in page.ids if i.kind == "comscore-client"}
    assert clients == {"6000023"}  # not a chart's `c2: 12345678`
    # its queue's push, written the same way
    html = COMSCORE_BARE.replace(b"COMSCORE.beacon(", b"_comscore.push(")
    (page,) = audit(html, url="https://paper.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "comscore-client"} == {"6000023"}


def test_a_dart_script_and_the_frame_it_wrote_are_one_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A copy saved after the page ran keeps the `adj` script and, right after it, the `adi`
    frame it wrote for the same site and zone (or a box of it holding the frame): one
    placement, the script's. The same zone's frame after a paragraph is another unit."""
    html = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="ad"><script src="http://ad.doubleclick.net/adj/town.news/home;sz=300x250;ord=1?">
</script><!-- written --><iframe src="http://ad.doubleclick.net/adi/town.news/home;sz=300x250;ord=1?"
 width="300" height="250"></iframe></div>
<div class="ad"><script src="http://ad.doubleclick.net/adj/town.news/side;sz=160x600;ord=1?">
</script><div id="dclk_side"><iframe src="http://ad.doubleclick.net/adi/town.news/side;sz=160x600;ord=1?"
 width="160" height="600"></iframe></div></div>
<p>More text.</p>
<iframe src="http://ad.doubleclick.net/adi/town.news/home;sz=300x250;ord=2?" width="300"
 height="250"></iframe>
</body></html>"""
    (page,) = audit(html, url="https://town.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.zone_id, s.width, s.height) for s in page.slots] == [
        (2, "town.news/home", 300, 250), (5, "town.news/side", 160, 600),
        (9, "town.news/home", 300, 250)]


# DFP's network-specific ad server, the network code written as the host
# (`n4403ad.doubleclick.net/adj/…`, as Evolve's and YouTube's DART tags wrote it): a tag
# in the markup and one a script writes, each its network's unit
NETWORK_HOST = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="top"><script type="text/javascript">
ord = Math.random() * 10000000000000000;
document.write('<script language="JavaScript" src="http://n4061ad.doubleclick.net/adj/com.town.news/\
default;sz=728x90;kl=N;tile=1;ord=' + ord + '?" type="text/javascript"><\\/script>');
</script></div>
<p>More text.</p>
<script type="text/javascript" src="http://n4403ad.doubleclick.net/adj/gn.town.test/ros;sect=ros;\
pos=TOP_RIGHT;sz=300x250;tile=2;ord=1?"></script>
</body></html>"""


def test_a_dart_tag_on_its_networks_own_host_names_the_network(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(NETWORK_HOST, url="https://town.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (2, "DoubleClick DART", "com.town.news/default", 728, 90),
        (7, "DoubleClick DART", "gn.town.test/ros", 300, 250)]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("dart-network", "4061"), ("dart-network", "4403"),
            ("dart-site", "com.town.news"), ("dart-site", "gn.town.test")} <= ids


def test_a_dart_script_and_the_creative_frame_it_wrote_are_one_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A DOM save keeps an `adj` script and, right after it, the frame its answer wrote:
    the safeframe Ad Manager served the creative in (alone, or in the box GPT's renderer
    names for it), or the AdSense frame of a backfill, at a size the tag asks for: one
    placement, the script's. A frame of a size the tag does not ask for, or after a
    paragraph, is a unit of its own."""
    html = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="ad"><script src="http://ad.doubleclick.net/N4403/adj/town.news/home;sz=300x250;ord=1?"></script>
<iframe id="google_ads_iframe_/4403/town.news/home_0"
 name="google_ads_iframe_/4403/town.news/home_0" width="300" height="250" frameborder="0"
 src="https://tpc.googlesyndication.com/safeframe/1-0-2/html/container.html"></iframe></div>
<div class="ad"><script src="http://ad.doubleclick.net/adj/town.news/top;sz=728x90,970x90;ord=1?"></script>
<div id="google_ads_iframe_/4403/town.news/top_0__container__" style="border: 0pt none;"><iframe
 id="google_ads_iframe_/4403/town.news/top_0" name="google_ads_iframe_/4403/town.news/top_0"
 width="970" height="90" frameborder="0" scrolling="no"
 src="https://tpc.googlesyndication.com/safeframe/1-0-2/html/container.html"></iframe></div></div>
<div class="ad"><script src="http://ad.doubleclick.net/adj/town.news/rail;sz=300x600;ord=1?"></script>
<iframe id="google_ads_frame1" name="google_ads_frame1" width="300" height="600" frameborder="0"
 src="http://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-4821730195648203&amp;format=300x600_as"
 scrolling="no"></iframe></div>
<div class="ad"><script src="http://ad.doubleclick.net/adj/town.news/side;sz=160x600;ord=1?"></script>
<iframe src="https://tpc.googlesyndication.com/safeframe/1-0-2/html/container.html" width="300"
 height="250" frameborder="0" scrolling="no"></iframe></div>
<p>More text.</p>
<iframe src="https://tpc.googlesyndication.com/safeframe/1-0-2/html/container.html" width="300"
 height="250" frameborder="0" scrolling="no"></iframe>
</body></html>"""
    (page,) = audit(html, url="https://town.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (2, "DoubleClick DART", "town.news/home"),
        (6, "DoubleClick DART", "town.news/top"),
        (11, "DoubleClick DART", "town.news/rail"),
        (15, "DoubleClick DART", "town.news/side"),
        (16, None, None),  # 300x250: not the 160x600 its tag asks for
        (19, None, None)]


def test_another_vendors_frame_after_a_dart_tag_is_its_own_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A frame right after a DART `adj` tag at a size the tag asks for is the creative the
    tag wrote only where its own house serves it (Ad Manager's safeframe, AdSense's
    backfill): another network's raw frame tag pasted after it, in the same box, is that
    network's placement (Xandr's `ib.adnxs.com/tt` frame), as it was before DOM saves'
    written frames were folded."""
    html = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="ad"><script src="http://ad.doubleclick.net/adj/town.news/home;sz=300x250;ord=1?"></script>
<iframe src="http://ib.adnxs.com/tt?id=1983452&amp;size=300x250&amp;referrer=town.test" width="300"
 height="250" frameborder="0" scrolling="no" marginwidth="0" marginheight="0"></iframe></div>
<p>More text.</p></body></html>"""
    (page,) = audit(html, url="https://town.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (2, "DoubleClick DART", "town.news/home", 300, 250),
        (3, "Xandr (AppNexus)", None, 300, 250)]


def test_a_gpt_unit_after_a_dart_tag_is_its_own_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """GPT's renderer names the frame it draws (and its box) for the unit it serves,
    `google_ads_iframe_/<network>/<unit path>_<n>`: a DART tag's creative served by Ad
    Manager is named for the tag's site and zone, so a frame named for another unit right
    after a DART tag, at the size the tag asks for, is that GPT unit, its placement (and
    the network its frame's name gives), whether its box is in the markup
    (`__container__`) or only the frame is."""
    html = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="ad"><script src="http://ad.doubleclick.net/adj/town.news/side;sz=160x600;ord=1?"></script>
<div id="div-gpt-ad-1390000000000-0" style="width:160px;height:600px"><div
 id="google_ads_iframe_/6355419/Town/Rail_0__container__" style="border: 0pt none;"><iframe
 id="google_ads_iframe_/6355419/Town/Rail_0" name="google_ads_iframe_/6355419/Town/Rail_0"
 width="160" height="600" frameborder="0" scrolling="no"
 src="https://tpc.googlesyndication.com/safeframe/1-0-2/html/container.html"></iframe></div></div></div>
<p>More text.</p>
<div class="ad"><script src="http://ad.doubleclick.net/N4403/adj/town.news/foot;sz=300x250;ord=1?"></script>
<iframe id="google_ads_iframe_/99887766/other.site/foot_0"
 name="google_ads_iframe_/99887766/other.site/foot_0" width="300" height="250" frameborder="0"
 scrolling="no" src="https://tpc.googlesyndication.com/safeframe/1-0-2/html/container.html"></iframe></div>
</body></html>"""
    (page,) = audit(html, url="https://town.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (2, "DoubleClick DART", "town.news/side"),
        (3, "Google Publisher Tag", "/6355419/Town/Rail"),
        (9, "DoubleClick DART", "town.news/foot"),
        (10, None, None)]
    assert ("gpt-network", "99887766") in {(i.kind, i.value) for i in page.ids}


def test_a_frame_in_the_sites_own_ad_box_after_a_dart_tag_is_that_boxs_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A frame first in a box the page styles as an ad's (`div.ad-box`), right after a DART
    tag, stands in the site's own placement, not in what the tag wrote (a tag's answer
    writes its creative, not the site's ad box): two placements, as GPT's renderer box
    round the tag's own safeframe (`…__container__`, no ad class) is one."""
    html = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="col"><script src="http://ad.doubleclick.net/adj/town.news/home;sz=300x250;ord=1?"></script>
<div id="ad-box-2" class="ad-box"><iframe width="300" height="250" frameborder="0" scrolling="no"
 src="https://tpc.googlesyndication.com/safeframe/1-0-2/html/container.html"></iframe></div></div>
<p>More text.</p></body></html>"""
    (page,) = audit(html, url="https://town.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (2, "DoubleClick DART", "town.news/home"), (3, None, None)]


def test_an_ad_server_frame_no_network_names_after_a_dart_tag_is_its_own_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A frame of a host no network of the catalogue names is the DART tag's written
    creative only where that host's company is the tag's (Ad Manager's safeframe host,
    Google's): another ad server's raw frame tag after it at the same size (Adform's
    `adfserve` frame, its company named by the entities) is that company's placement."""
    html = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="col"><script src="http://ad.doubleclick.net/adj/town.news/home;sz=300x250;ord=1?"></script>
<iframe src="//track.adform.net/adfserve/?bn=2817390;srctype=4;ord=4719" border="0" width="300"
 height="250" frameborder="0" marginwidth="0" marginheight="0" scrolling="no"></iframe></div>
<p>More text.</p></body></html>"""
    (page,) = audit(html, url="https://town.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.company) for s in page.slots] == [
        (2, "DoubleClick DART", "Google"), (3, None, "Adform")]


# Manzoni's Adagio beside OAS on an Italian newspaper: its script served from the site's own
# host, the page and format named in the head, a position per adagioGetBanner call
ADAGIO = b"""<html><head><title>t</title>
<script src="http://www.giornale.test/adagiojs/adagio.js"></script>
<script>
var ADAGIO_SITEPAGE = 'mzn_gnl_ros_ros';
var ADAGIO_FMT = 'fmt_giornale_widget';
adagioWriteTag(ADAGIO_SITEPAGE, ADAGIO_FMT, '', '', 0, '', '', '', '', '');
</script></head><body>
<p>Article text that a reader came for.</p>
<div class="adv" id="box_aste"><script>adagioGetBanner('BoxAste');</script></div>
<p>More article text.</p>
<script>adagioGetBanner("SlideIn");</script>
</body></html>"""


def test_adagio_positions_are_slots_and_its_page_an_id(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADAGIO, url="http://www.giornale.test/cronaca/", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (9, "Manzoni Adagio", "BoxAste"), (11, "Manzoni Adagio", "SlideIn")]
    assert {("adagio-sitepage", "mzn_gnl_ros_ros"), ("adagio-format", "fmt_giornale_widget")} \
        <= {(i.kind, i.value) for i in page.ids}


@pytest.mark.parametrize("body", [
    # the tag's words in prose and in a code sample
    b"<p>Call adagioGetBanner('BoxAste') where the box goes.</p>"
    b"<pre>adagioGetBanner('SlideIn'); var ADAGIO_SITEPAGE = 'mzn_gnl_ros_ros';</pre>",
    # a site's wrapper of another name, and a site's own variable of a like name
    b"<script>myadagioGetBanner('BoxAste'); var MY_ADAGIO_SITEPAGE_X = 1;</script>",
])
def test_adagio_look_alikes_are_no_position(
        project_engine: Engine, catalogue: Catalogue, body: bytes) -> None:
    html = b"<html><head><title>t</title></head><body><p>Text.</p>" + body + b"</body></html>"
    (page,) = audit(html, url="http://www.giornale.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert page.slots == ()
    assert "Manzoni Adagio" not in {n.network for n in page.networks}
    assert not any(i.kind.startswith("adagio-") for i in page.ids)


# e-planning's space tags (Latin America): v3 writes /eb/3/<site>/<space>?o=j where its
# script stands, with a noscript image and click; v4 calls eplAD4("<space>", {…}). Two v3
# tags share a table cell, the second in a box of its own; look-alikes below name no space
EPLANNING = b"""<html><head><title>t</title></head><body><p>Negocios hoy.</p>
<table><tr><td>
<script>eplAD4("9c41d2e07ab35f18",{t:1,timeout:0});</script>
</td></tr><tr><td>
<!-- e-planning v3 - Comienzo espacio Diario _ Home _ Top -->
<script type="text/javascript">
var r = Math.random(), d = document, t = 'script';
d.write('<' + t + ' src="http://ads.e-planning.net/eb/3/7a2c/3f0b9e61c4d2a857?o=j&r=' + r + '">');
</script>
<noscript><a href="http://ads.e-planning.net/ei/3/7a2c/3f0b9e61c4d2a857?it=i"><img
 src="http://ads.e-planning.net/eb/3/7a2c/3f0b9e61c4d2a857?o=i"></a></noscript>
<div style="text-align:center">
<script type="text/javascript">
document.write('<scr' + 'ipt src="http://ads.e-planning.net/eb/3/7a2c/b81e4f03d9c6a271?o=j">');
</script>
</div>
</td></tr></table>
<p>Our tag: http://ads.e-planning.net/eb/3/7a2c/00112233445566ff?o=j</p>
<pre>eplAD4("aabbccddeeff0011")</pre>
<script>var u = "http://ads.e-planning.net.cdn.test/eb/3/7a2c/1234567890abcdef?o=j";
var v = "http://note-planning.net/eb/3/7a2c/fedcba0987654321?o=j"; x.eplAD4N("0a1b2c3d4e5f6a7b");
myeplAD4("0a1b2c3d4e5f6a7c");</script>
</body></html>"""


def test_eplanning_space_tags_are_slots_of_their_site_and_space(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(EPLANNING, url="https://diario.test/", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (3, "e-planning", "9c41d2e07ab35f18"),
        (6, "e-planning", "3f0b9e61c4d2a857"),
        (13, "e-planning", "b81e4f03d9c6a271")]
    assert {(i.kind, i.value) for i in page.ids} == {
        ("e-planning-site", "7a2c"), ("e-planning-space", "9c41d2e07ab35f18"),
        ("e-planning-space", "3f0b9e61c4d2a857"), ("e-planning-space", "b81e4f03d9c6a271")}
