"""Ad and analytics tags of 2005-2014 pages as their vendors wrote them: slots and IDs."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

# DoubleClick's DART tags: a site helper that document.writes an `adj` script per placement,
# each with a <noscript> linked-image fallback; a direct `adj` script; a linked `jump`/`ad` banner
DART = b"""<html><head><title>t</title>
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
    (page,) = audit(DART, url="https://mysite.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (5, "DoubleClick DART", "mysite.uk/news", 728, 90),
        (9, "DoubleClick DART", "jobs.uk/week", None, None),
        (10, "DoubleClick DART", "jobs.uk/home", None, None)]
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


# AOL's ad tag on its sites: adsWrapper.js, then per placement htmlAdWH(magic number, w, h)
AOL_ADSWRAPPER = b"""<html><head><title>t</title>
<script type="text/javascript" src="http://o.aolcdn.com/ads/adsWrapper.js"></script>
</head><body><p>Article text that a reader came for.</p>
<div class="top"><script language="javascript">
<!--
adSetType('F');
htmlAdWH('93315574', '728', '90');
//-->
</script></div>
<div id="rail"><script>adSetType('F'); htmlAdWH('93315575', 'RR', 'RR');</script></div>
</body></html>"""


def test_aol_htmladwh_calls_are_slots_of_their_magic_number(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(AOL_ADSWRAPPER, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.zone_id, s.width, s.height) for s in page.slots] == [
        (4, "93315574", 728, 90), (10, "93315575", None, None)]
    assert {s.network for s in page.slots} == {"Yahoo SSP (Verizon Media, ONE by AOL)"}


# an advertiser's DFA tag a site's own ad server wrote: DoubleClick's ad, but no zone of the site's
DFA_TAG = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="mpu"><script src="http://ad.doubleclick.net/adj/N5398.pub.com/B7258250.15;sz=300x250;ord=1?">
</script></div></body></html>"""


def test_an_advertisers_dfa_tag_is_a_doubleclick_slot_without_a_site_zone(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(DFA_TAG, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id) for s in page.slots] == [("DoubleClick DART", None)]
    assert not [i for i in page.ids if i.kind.startswith("dart-")]


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
