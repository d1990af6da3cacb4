"""Ad tags of 2014-2020 news and content sites as their vendors wrote them: slots and IDs."""

from __future__ import annotations

import time

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear, audit_seconds

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


# a UK tabloid's GPT head: the top slot's size list opens with the 1×1 its skin answers to
GPT_SKIN = b"""<html><head><title>t</title>
<script src="//www.googletagservices.com/tag/js/gpt.js"></script>
<script>
var gptadslots=[];
gptadslots[1]= googletag.defineSlot('/34722903/Tab/News', [[1,1],[970,250],[728,90]],
  'div-gpt-ad-1-1').addService(googletag.pubads());
gptadslots[6]= googletag.defineSlot('/34722903/Tab/News', [[1,1]],
  'div-gpt-ad-1-6').addService(googletag.pubads());
</script></head><body><p>Article text.</p>
<div id='div-gpt-ad-1-1'><script>googletag.display('div-gpt-ad-1-1');</script></div>
<div id='div-gpt-ad-1-6'><script>googletag.display('div-gpt-ad-1-6');</script></div>
</body></html>"""


def test_gpt_size_list_led_by_1x1_takes_the_first_real_size(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(GPT_SKIN, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.width, s.height) for s in page.slots] == [(10, 970, 250), (11, 1, 1)]


# Krux's v1.9 control tag names its config in the query: controltag?confid=…
KRUX = b"""<html><head><title>t</title>
<script class="kxct" data-id="JZh7-1tL" data-timing="async" data-version="1.9"
  type="text/javascript">
window.Krux||((Krux=function(){Krux.q.push(arguments)}).q=[]);
(function(){
  var k=document.createElement('script');k.type='text/javascript';k.async=true;
  k.src = (location.protocol==="https:"?"https:":"http:")
    +"//cdn.krxd.net/controltag?confid=JZh7-1tL";
  var s=document.getElementsByTagName('script')[0];s.parentNode.insertBefore(k,s);
}());
</script></head><body><p>Article text.</p></body></html>"""


@pytest.mark.parametrize(("confid", "read"), [
    ("JZh7-1tL", "JZh7-1tL"), ("qkzyenslt", "qkzyenslt"),  # eight characters, or nine
    ("abcdefghij", None)])  # ten: no config ID of its form
def test_krux_control_tag_query_config_id(confid: str, read: str | None,
                                          project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(KRUX.replace(b"JZh7-1tL", confid.encode()), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [i.value for i in page.ids if i.kind == "krux-config"] == ([read] if read else [])


# Krux's event pixel, its event written in the query, built by the site's ad script (the
# control tag loaded), on its own host; the same query on a look-alike host and in a <pre>
KRUX_EVENT = KRUX.replace(b"</script></head>", b"""</script>
<script>var px = document.createElement('img');
px.setAttribute('src', 'https://beacon.krxd.net/event.gif?event_id=Qp4xR7tZ&event_type=default');
document.body.appendChild(px);
var fake = 'https://beacon.krxd.net.evil.test/event.gif?event_id=Wm2kV9sL';</script>
</head>""").replace(b"</body>", b"<pre>beacon.krxd.net/event.gif?event_id=Hy6nB3cD</pre></body>")


def test_krux_event_pixel_names_its_event(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(KRUX_EVENT, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [i.value for i in page.ids if i.kind == "krux-event"] == ["Qp4xR7tZ"]


# Adobe Analytics' noscript beacon names the report suite in its path (/b/ss/<rsid>/)
ADOBE = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<noscript><a href="http://www.omniture.com" title="Web Analytics">
<img src="//magco.112.2o7.net/b/ss/magco-sitecom/1/H.15.1--NS/0" height="1" width="1" alt="">
</a></noscript></body></html>"""


def test_adobe_beacon_names_its_report_suite(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADOBE, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("adobe-report-suite", "magco-sitecom") in {(i.kind, i.value) for i in page.ids}


# multi-suite tagging: one beacon reports to four suites, listed comma-separated (longer
# than one suite's name allows); the tracking object fetched for a suite, s_gi("<rsid>"),
# inline or in a link's onclick where link tracking (`s.tl`) runs
_SUITES = "newsgroupglobalprod,newsgroupsitesprod,newsgroupnewsprod,newsgroupmobileprod"
ADOBE_SUITES = (
    b"<html><head><title>t</title></head><body><p>Article text.</p>\n"
    b"<a href=\"#\" onclick=\"var s=s_gi('newsgroupsharetrack'); s.tl(this,'o','share'); "
    b"return false\">Share</a>\n"
    b"<script>var s=s_gi(\"newsgroupglobalprod,newsgroupdev\");s.t();</script>\n"
    b"<noscript><img src=\"http://newsgroup.d1.sc.omtrdc.net/b/ss/" + _SUITES.encode()
    + b"/1/H.9--NS/0\" height=\"1\" width=\"1\" alt=\"\"></noscript></body></html>")


def test_adobe_report_suites_are_read_from_every_documented_form(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADOBE_SUITES, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "adobe-report-suite"} == {
        _SUITES, "newsgroupglobalprod,newsgroupdev", "newsgroupsharetrack"}


# the same four-suite list on the site's own collection host (its first-party CNAME), and
# in the H code's `s_account` the page sets: each read whole, as on Adobe's own host
ADOBE_SUITES_FIRST_PARTY = (
    b"<html><head><title>t</title></head><body><p>Article text.</p>\n"
    b"<script>var s_account=\"" + _SUITES.encode() + b"\";</script>\n"
    b"<noscript><img src=\"https://metrics.news.test/b/ss/" + _SUITES.encode()
    + b"/1/H.25.4--NS/0\" height=\"1\" width=\"1\" alt=\"\"></noscript></body></html>")


def test_a_suite_list_on_the_sites_own_collection_host_is_adobes(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADOBE_SUITES_FIRST_PARTY, url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert "Adobe Experience Platform" in {n.network for n in page.networks}
    assert {i.value for i in page.ids if i.kind == "adobe-report-suite"} == {_SUITES}


# the services a 2014 news page loads beside its ads: each host is its vendor's
SERVICES = b"""<html><head><title>t</title>
<script src="http://m.burt.io/c/news-site.js"></script>
<script src="http://a.visualrevenue.com/vrs.js"></script>
<script src="http://zor.livefyre.com/wjs/v3.0/javascripts/livefyre.js"></script>
<script src="//ak.sail-horizon.com/horizon/v1.js"></script>
<script src="http://static.proximic.com/t/newsgroup.js"></script>
</head><body><p>Article text.</p></body></html>"""


def test_news_services_hosts_name_their_vendors(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(SERVICES, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {(h.host, h.company, str(h.category)) for h in page.third_party_hosts} == {
        ("m.burt.io", "Burt", "analytics"),
        ("a.visualrevenue.com", "Visual Revenue (Outbrain)", "analytics"),
        ("zor.livefyre.com", "Livefyre (Adobe)", "social"),
        ("ak.sail-horizon.com", "Sailthru", "customer-engagement"),
        ("static.proximic.com", "Proximic (Comscore)", "advertising")}


# Sonobi's Morpheus tag pairs each GPT div with its placement (20 hex digits)
SONOBI = b"""<html><head><title>t</title>
<script src="http://mtrx.go.sonobi.com/morpheus.caller.js"></script>
<script>
sbi_morpheus.register('div-gpt-ad-1378388834355-1', '9d843aa2024f3df686eb');
sbi_morpheus.register("div-gpt-ad-1378388834355-2", "e1c37e3c4a72bf5982e1");
sbi_morpheus.register('div-gpt-ad-example', '1a2b3c4d5e6f1a2b3c4d');
sbi_morpheus.callOperator();
</script></head><body><p>Article text.</p></body></html>"""


def test_sonobi_morpheus_names_its_placements(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(SONOBI, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    placements = {i.value for i in page.ids if i.kind == "sonobi-placement"}
    # the documentation's example placement is no ID of the page's
    assert placements == {"9d843aa2024f3df686eb", "e1c37e3c4a72bf5982e1"}


# a CMS ad module's GPT: the ad-unit path in a variable, each unit defined in its own script
GPT_VARIABLE = b"""<html><head><title>t</title>
<script>var bh_dfp_ad_slot = bh_dfp_ad_slot || "/3771966/Herald/entertainment/movies";</script>
<script src="//www.googletagservices.com/tag/js/gpt.js"></script>
<script>googletag.defineSlot(bh_dfp_ad_slot, [728,90], "div-gpt-ad-23134387")
  .addService(googletag.pubads());</script>
<script>googletag.defineSlot(bh_dfp_ad_slot, [1900,2000], "reskin_overlay")
  .addService(googletag.pubads());</script>
<script>googletag.defineSlot(unknownUnit, [300,250], "div-gpt-ad-9")
  .addService(googletag.pubads());</script>
<script>googletag.defineOutOfPageSlot(bh_dfp_ad_slot, "div-gpt-ad-oop")
  .addService(googletag.pubads());</script>
</head><body><div id='div-gpt-ad-oop'><script>googletag.display('div-gpt-ad-oop');</script></div>
<p>Article text.</p>
<div id="div-gpt-ad-23134387"><script>googletag.display("div-gpt-ad-23134387");</script></div>
<div id="div-gpt-ad-9"><script>googletag.display("div-gpt-ad-9");</script></div>
<div id="reskin_overlay"><script>googletag.display('reskin_overlay');</script></div>
</body></html>"""


def test_gpt_ad_unit_path_held_in_a_variable(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(GPT_VARIABLE, url="https://herald.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (12, "Google Publisher Tag", "/3771966/Herald/entertainment/movies", None, None),
        (14, "Google Publisher Tag", "/3771966/Herald/entertainment/movies", 728, 90),
        (15, "Google Publisher Tag", None, 300, 250),  # a variable no script assigns: no zone
        (16, "Google Publisher Tag", "/3771966/Herald/entertainment/movies", 1900, 2000)]
    # the path's network code is the operator's, read off the zone as off a literal path
    assert {(i.kind, i.value) for i in page.ids} == {
        ("gpt-slot", "/3771966/Herald/entertainment/movies"), ("gpt-network", "3771966")}


# a variable a slot call names is read only where the page gives it one ad-unit path: a
# minified script's parameter `e` that another script assigns a site path, and a unit the
# page picks per breakpoint, name no path of the page's (the slots stay, without a zone)
GPT_VARIABLE_UNKNOWN = b"""<html><head><title>t</title>
<script src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script>!function(){var e="/wp-json/harbour/v1/track";fetch(e)}();</script>
<script>var unit;
if (window.innerWidth < 768) { unit = "/21774381/harbour/mobile_rail"; }
else { unit = "/21774381/harbour/desktop_rail"; }</script>
<script>!function(e){googletag.cmd.push(function(){
googletag.defineSlot(e,[300,250],"div-gpt-ad-top").addService(googletag.pubads());
googletag.defineSlot(unit,[300,600],"div-gpt-ad-rail").addService(googletag.pubads());
})}(window.harbourTop);</script></head><body>
<p>Article text that a reader came for.</p>
<div id="div-gpt-ad-top"></div>
<div id="div-gpt-ad-rail"></div>
</body></html>"""


def test_gpt_variable_path_is_read_only_where_the_page_declares_one(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(GPT_VARIABLE_UNKNOWN, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        ("Google Publisher Tag", None, 300, 250), ("Google Publisher Tag", None, 300, 600)]
    assert not {i.value for i in page.ids if i.kind == "gpt-slot"}


def test_sharethrough_key_is_read_only_in_its_two_forms(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A native key is a legacy 8-hex key or a 24-character pkey: a theme's word in its
    place (`PLACEHOLDER`, `homepagekey`) is the div's slot with no placement ID."""
    markup = (b'<html><head><title>t</title></head><body><p>Article text.</p>'
              b'<div data-str-native-key="PLACEHOLDER" style="display: none;"></div>'
              b'<div data-str-native-key="homepagekey"></div></body></html>')
    (page,) = audit(markup, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Sharethrough", None), ("Sharethrough", None)]
    assert not [i for i in page.ids if i.kind == "sharethrough-placement"]


# AOL's properties (HuffPost, Engadget, TechCrunch) loaded Omniture under the instance s_265,
# naming the report suites in s_265_account
AOL_OMNITURE = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script>
function runOmni() { s_265.pageName = 'tag'; s_265.t(); }
s_265_account ="aolmagco,aolsvc";
(function(d){ var s = d.createElement('script');
s.src = "http://o.aolcdn.com/os_merge/?file=/aol/beacon.min.js&file=/aol/omniture.min.js";
d.getElementsByTagName('head')[0].appendChild(s); })(document);
</script></body></html>"""


def test_aol_omniture_instance_names_its_report_suites(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    (page,) = audit(AOL_OMNITURE, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("adobe-report-suite", "aolmagco,aolsvc") in {(i.kind, i.value) for i in page.ids}


# Nielsen SiteCensus: the noscript beacon (/cgi-bin/m?ci=<client>) and v6's page code (_rsCI)
NIELSEN_BEACON = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<noscript>
<img src="//secure-us.imrworldwide.com/cgi-bin/m?ci=us-123456h&amp;cg=0&amp;cc=1&amp;ts=noscript"
 width="1" height="1" alt="">
</noscript></body></html>"""
NIELSEN_V6 = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script>
var _rsCI="us-magco"; var _rsCG="0"; var _rsDN="//secure-us.imrworldwide.com/";
</script>
<script src="//secure-us.imrworldwide.com/v60.js"></script></body></html>"""


# a regional client (UK, Australia) carries no country prefix, in its beacon as in V6's pvar
NIELSEN_REGIONAL = NIELSEN_BEACON.replace(b"secure-us", b"secure-uk").replace(
    b"ci=us-123456h", b"ci=magco")


def test_nielsen_sitecensus_names_its_client(project_engine: Engine, catalogue: Catalogue) -> None:
    for html, client in ((NIELSEN_BEACON, "us-123456h"), (NIELSEN_V6, "us-magco"),
                         (NIELSEN_REGIONAL, "magco")):
        (page,) = audit(html, url="https://mag.test/a", engine=project_engine,
                        catalogue=catalogue).pages
        assert ("nielsen-client", client) in {(i.kind, i.value) for i in page.ids}


# Criteo's legacy Real-Time Audience tag: the network in a variable, the request built from it
CRITEO_RTA = b"""<html><head><title>t</title>
<script type='text/javascript'>
var crtg_nid="1234";
var crtg_cookiename="cto_mag";
var crtg_url=location.protocol+'//rtax.criteo.com/delivery/rta/rta.js?netId='+escape(crtg_nid);
var crtg_script=document.createElement('script');crtg_script.src=crtg_url;
document.getElementsByTagName("head")[0].appendChild(crtg_script);
</script></head><body><p>Article text.</p></body></html>"""


def test_criteo_rta_tag_names_its_network(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(CRITEO_RTA, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("criteo-network", "1234") in {(i.kind, i.value) for i in page.ids}
    assert "Criteo" in {n.network for n in page.networks}


# FreeWheel's network in a player's config, through its <network>:<name> profile, and as its
# AdManager SDK is handed it; its integration guides' demo network is nobody's
FREEWHEEL = """<html><head><title>t</title>
<script src="https://mssl.fwmrm.net/libs/adm/6.40.0/AdManager.js"></script></head><body>
<p>Article text.</p>
<script>var playerConfig = {"advertising": {"client": "freewheel", "freewheel": {"sectionid":
"mag_inline_vod", "networkid": 381204, "profileid": "381204:mag_web_js"}}};</script>
<script>var adManager = new tv.freewheel.SDK.AdManager(); adManager.setNetwork({net});</script>
</body></html>"""


@pytest.mark.parametrize(("net", "ids"), [
    ("381204", {"381204"}), ("'517380'", {"381204", "517380"}), ("96749", {"381204"})],
    ids=["profile and setNetwork", "a second network", "the guides' demo network"])
def test_freewheels_network_is_read(project_engine: Engine, catalogue: Catalogue, net: str,
                                    ids: set[str]) -> None:
    (page,) = audit(FREEWHEEL.replace("{net}", net).encode(), url="https://mag.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "freewheel-network"} == ids


# … as a publisher's wrapper names it in capitals (a Criteo plugin of an ad library reads
# window.CRTG_NID and CRTG_COOKIE_NAME to build the same rta.js request)
CRITEO_RTA_WRAPPER = b"""<html><head><title>t</title>
<script type="text/javascript">
var CRTG_NID="1870";
var CRTG_COOKIE_NAME="cto_mag";
var CRTG_VAR_NAME="crtg_content";
</script></head><body><p>Article text.</p></body></html>"""


def test_criteo_rta_wrappers_capitals_name_its_network(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    (page,) = audit(CRITEO_RTA_WRAPPER, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("criteo-network", "1870") in {(i.kind, i.value) for i in page.ids}
    assert "Criteo" in {n.network for n in page.networks}


# Kixer's snippet inserting its loader, and WebSpectator's bootstrap tag
KIXER_WEBSPECTATOR = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div id="kx-ad"></div>
<script type="text/javascript">
(function() {
  var h = false, s = document.createElement('script');
  s.async = true; s.src = 'http://cdn.kixer.com/ad/load.js';
  s.onload = function() { if (!h) { h = true; __kx_ad_start(); } };
  var x = document.getElementsByTagName('script')[0]; x.parentNode.insertBefore(s, x);
})();
</script>
<script src="//wfpscripts.webspectator.com/bootstrap/ws-WS-MAG00.js"></script>
</body></html>"""


def test_kixer_and_webspectator_are_named(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(KIXER_WEBSPECTATOR, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {"Kixer", "WebSpectator"} <= {n.network for n in page.networks}


# … and where its segments fill a Criteo unit, that unit's zone in the same variable list
CRITEO_RTA_ZONE = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div id="ad300"></div>
<script>
var crtg_nid = '1234',
    crtg_cookiename = 'crtg_rta',
    crtg_key = 'mag300250',
    crtg_zoneid = '567890';
var s = document.createElement('script');
s.src = location.protocol + '//rtax.criteo.com/delivery/rta/rta.js?netId=' + escape(crtg_nid);
document.getElementsByTagName('head')[0].appendChild(s);
</script></body></html>"""


def test_criteo_rta_tag_names_its_zone(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(CRITEO_RTA_ZONE, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {(i.kind, i.value) for i in page.ids if i.kind.startswith("criteo")} == {
        ("criteo-network", "1234"), ("criteo-zone", "567890")}


# GumGum's in-image tag with a zone chosen by device: both branches are the site's zones
GUMGUM_BY_DEVICE = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script id="load-gumgum" type="text/javascript">
  var ggv2id = site.context == 'phone' ? "1a2b3c4d" : "5e6f7a8b"
  var gum_script = document.createElement("script");
  gum_script.src = "http://g2.gumgum.com/javascripts/ggv2.js";
  document.getElementById("load-gumgum").appendChild(gum_script);
</script></body></html>"""


def test_gumgum_zone_chosen_by_device_names_both(project_engine: Engine,
                                                 catalogue: Catalogue) -> None:
    (page,) = audit(GUMGUM_BY_DEVICE, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    zones = {i.value for i in page.ids if i.kind == "gumgum-zone"}
    assert zones == {"1a2b3c4d", "5e6f7a8b"}


# LiveRail's video ad platform, loaded by its companion-ad script
LIVERAIL = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script type="text/javascript" src="http://cdn-static.liverail.com/js/companions.js"></script>
</body></html>"""


def test_liverail_is_a_named_ad_network(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(LIVERAIL, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("LiveRail", "advertising") in {(n.network, str(n.category)) for n in page.networks}


# Google Ad Manager's tag before GPT (google_service.js): slots declared in the head, each ad
# written where the page calls GA_googleFillSlot (or GA_googleFillSlotWithSize, with a size)
GAM_LEGACY = b"""<html><head><title>t</title>
<script src='http://partner.googleadservices.com/gampad/google_service.js'></script>
<script>GS_googleAddAdSenseService("ca-pub-3184672069983156");</script>
<script>GA_googleAddSlot("ca-pub-3184672069983156", "Mag_Masthead_728x90");
GA_googleAddSlot("ca-pub-3184672069983156", "Mag_Sidebar");</script>
<script>GA_googleFetchAds();</script>
</head><body>
<div class="masthead"><script>GA_googleFillSlot("Mag_Masthead_728x90");</script></div>
<p>Article text that a reader came for.</p>
<div class="side"><script>
GA_googleFillSlotWithSize("ca-pub-3184672069983156", "Mag_Sidebar", 300, 250);
</script></div>
</body></html>"""


def test_legacy_gam_fill_slot_is_a_gpt_slot(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(GAM_LEGACY, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (8, "Google Publisher Tag", "Mag_Masthead_728x90", None, None),
        (10, "Google Publisher Tag", "Mag_Sidebar", 300, 250)]


# a WordPress.com blog's unit of 2012: div.wpa round the script that has GAM write the ad in
# place; the script fills the unit the markup declares, it is no second placement
WPA_GAM = b"""<html><head><title>t</title>
<script src='http://partner.googleadservices.com/gampad/google_service.js'></script>
<script>GA_googleAddSlot("ca-pub-3184672069983156", "wpcom_below_post");</script>
</head><body><p>A recipe a reader came for.</p>
<div class="wpa" style="width:300px">
<a href="http://en.wordpress.com/about-these-ads/">About these ads</a>
<script>var wpcom_adclk_slot = "wpcom_below_post";</script>
<script>GA_googleFillSlot("wpcom_below_post");</script>
</div>
</body></html>"""


def test_fill_slot_inside_a_declared_unit_is_that_unit(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    (page,) = audit(WPA_GAM, url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    # the unit names no zone: the ad is GAM's slot the script names (as the corpus's label
    # of such a unit has it), counted once at the unit
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (5, "Google Publisher Tag", "wpcom_below_post")]


# Heap's snippet names the project's app ID; SimpleReach's tag its publisher ID (pid)
HEAP_REACH = b"""<html><head><title>t</title>
<script>var heap = heap || []; heap.load = function (a) { window._heapid = a; };
heap.load("1234567890");</script>
</head><body><p>Article text.</p>
<script>var __reach_config = {
    pid: '0123456789abcdef01234567',
    title: 'A title', url: 'http://mag.test/a'
};
(function(){ var s = document.createElement('script'); s.async = true;
s.src = document.location.protocol + '//d1example.cloudfront.net/js/reach.js';
document.getElementsByTagName('head')[0].appendChild(s); })();</script>
</body></html>"""


def test_heap_and_simplereach_name_their_ids(project_engine: Engine,
                                             catalogue: Catalogue) -> None:
    (page,) = audit(HEAP_REACH, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("heap-app", "1234567890"), ("simplereach-pid", "0123456789abcdef01234567")} <= ids
    assert {"Heap", "SimpleReach"} <= {n.network for n in page.networks}


# the same unit with the sized legacy call: the size GAM writes the ad at is the unit's
WPA_GAM_SIZED = WPA_GAM.replace(
    b'GA_googleFillSlot("wpcom_below_post")',
    b'GA_googleFillSlotWithSize("ca-pub-3184672069983156", "wpcom_below_post", 300, 250)')


def test_sized_fill_inside_a_declared_unit_sizes_that_unit(project_engine: Engine,
                                                           catalogue: Catalogue) -> None:
    (page,) = audit(WPA_GAM_SIZED, url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.width, s.height) for s in page.slots] == [
        (5, "Google Publisher Tag", 300, 250)]


# install guides' templates: Nielsen's SiteCensus tag (ci=us-XXXXXX, _rsCI) and a snippet
# left unfilled (an app ID or pid of one character repeated) name no client of anyone's
TEMPLATE_IDS = b"""<html><head><title>t</title>
<script>window.heap=window.heap||[];heap.load("0000000000");</script>
<script>var _rsCI="us-XXXXXX"; var _rsCG="0";</script>
<script>var __reach_config = { pid: '000000000000000000000000', title: 'x' };</script>
<script src="https://cdn.heapanalytics.com/js/heap-0000000000.js"></script>
<script src="https://d8rk54i4mohrb.cloudfront.net/js/reach.js"></script>
</head><body><p>A story.</p>
<img src="https://secure-us.imrworldwide.com/cgi-bin/m?ci=us-XXXXXX&amp;cg=0" width="1">
</body></html>"""


def test_template_ids_name_no_one(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(TEMPLATE_IDS, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    kinds = {"heap-app", "nielsen-client", "simplereach-pid"}
    assert [i for i in page.ids if i.kind in kinds] == []
    real = (TEMPLATE_IDS.replace(b"0" * 24, b"5a3f9c0e7b2d41c8e6a3f0b1")
            .replace(b"0000000000", b"3915802246").replace(b"us-XXXXXX", b"us-400120"))
    (page,) = audit(real, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert sorted((i.kind, i.value) for i in page.ids if i.kind in kinds) == [
        ("heap-app", "3915802246"), ("nielsen-client", "us-400120"),
        ("simplereach-pid", "5a3f9c0e7b2d41c8e6a3f0b1")]


# a SiteCensus beacon's client without a country prefix (a regional client, ci=bbc) is read
# as written, in the lower case Nielsen's clients are; a template's unfilled value, in capitals
# or naming the field (ci=XX-XXXXXX, ci=CLIENT_ID, ci=your-client-id), names no one
SITECENSUS_IMAGE = ('<img src="https://secure-{}.imrworldwide.com/cgi-bin/m?ci={}&amp;cg=0"'
                  ' width="1" height="1">')


@pytest.mark.parametrize("client", ["XX-XXXXXX", "XXXXXX", "CLIENT_ID", "ClientID",
                                    "YOUR-CLIENT-ID", "your-client-id", "clientid",
                                    "us-XXXXXX", "xxxxxx", "your_ci", "client-code"])
def test_a_nielsen_beacons_template_client_names_no_one(client: str, project_engine: Engine,
                                                          catalogue: Catalogue) -> None:
    html = ("<html><head><title>t</title></head><body><p>A story.</p>"
            + SITECENSUS_IMAGE.format("us", client) + "</body></html>").encode()
    (page,) = audit(html, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [i.value for i in page.ids if i.kind == "nielsen-client"] == []


@pytest.mark.parametrize("client", ["bbc", "abc-aust", "cricketaus", "us-400120",
                                    "us-123456h", "es-ueditorial", "yourtango", "clientele"])
def test_a_nielsen_beacons_client_is_read_as_written(client: str, project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    html = ("<html><head><title>t</title></head><body><p>A story.</p>"
            + SITECENSUS_IMAGE.format("uk", client) + "</body></html>").encode()
    (page,) = audit(html, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [i.value for i in page.ids if i.kind == "nielsen-client"] == [client]


# a unit of one network (WordAds' div.wpa) naming no zone, round another network's script
# that writes the ad in place with its zone (AdSense's show_ads.js): one placement, the
# script's, with the zone it names; before the unit absorbed it, the AdSense slot was lost
WPA_ADSENSE = b"""<html><head><title>t</title></head><body><p>A recipe a reader came for.</p>
<div class="wpa">
<a href="http://en.wordpress.com/about-these-ads/">About these ads</a>
<script>var wpcom_adclk_slot = "wpcom_below_post";</script>
<script type="text/javascript">
google_ad_client = "ca-pub-3184672069983156";
google_ad_slot = "9876543210";
google_ad_width = 468;
google_ad_height = 60;
</script>
<script src="https://pagead2.googlesyndication.com/pagead/show_ads.js"></script>
</div>
</body></html>"""


def test_zoneless_unit_round_another_networks_script_is_the_scripts(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(WPA_ADSENSE, url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (2, "Google AdSense", "9876543210", 468, 60)]


# the same, where a later defineSlot names the unit: it is GPT's slot with GPT's path, as
# it was; the script in it is read once every script is read, not before
GPT_DIV_ADSENSE = b"""<html><head><title>t</title></head><body><p>A story.</p>
<div id="div-gpt-ad-1400000000000-0">
<script type="text/javascript">
google_ad_client = "ca-pub-3184672069983156";
google_ad_slot = "9876543210";
</script>
<script src="https://pagead2.googlesyndication.com/pagead/show_ads.js"></script>
</div>
<script>googletag.cmd.push(function () { googletag.defineSlot('/2817463/site_sidebar', [300, 250],
'div-gpt-ad-1400000000000-0').addService(googletag.pubads()); });</script>
</body></html>"""


def test_unit_a_later_define_slot_names_keeps_its_path(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    (page,) = audit(GPT_DIV_ADSENSE, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (2, "Google Publisher Tag", "/2817463/site_sidebar")]
# Vibrant Media's IntelliTXT tag names the publisher's ID (ipid) in its loader's query, as a
# src or as the argument its async snippet builds the URL from
INTELLITXT = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<!-- start Vibrant Media IntelliTXT script section -->
<script type="text/javascript" src="http://mag.uk.intellitxt.com/intellitxt/front.asp?ipid=17651"></script>
<!-- end Vibrant Media IntelliTXT script section -->
<script>(function(d, s, host, ipid) {var e = d.createElement(s); e.async = !0;
e.src = '//' + host + '/intellitxt/front.asp?ipid=' + ipid;
d.getElementsByTagName(s)[0].parentNode.appendChild(e);})(document, 'script',
  'k.intellitxt.com', 81056);
</script>
</body></html>"""


def test_intellitxt_tag_names_its_publisher(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(INTELLITXT, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    ipids = {i.value for i in page.ids if i.kind == "vibrant-ipid"}
    assert ipids == {"17651", "81056"}


# Captify's search-retargeting tag: a script at data.captifymedia.com/<pixel>.js whose URL the
# snippet builds by string concatenation; its later form (s.cpx.to/fire.js) keys its keyword
# variable by the pixel's pid
CAPTIFY = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script>(function(a){var d=document,c=d.createElement("script");c.async=!0,c.defer=!0,c.src=a,
d.getElementsByTagName("head")[0].appendChild(c)})((iatDev=(window.location.href.indexOf("iatDev=1")>-1),
"//"+(window.location.protocol=="http:"&&!iatDev?"":"s")+"data.captifymedia.com/326924.js?r="
+Math.random()*1e16+"&m=1112&a=326924"+(iatDev?"&d=1":"")))</script>
<script>var _kw = window.captify_kw_query_12357 ? '&kw=' + captify_kw_query_12357 : '',
  _pxlUrl = 'https://s.cpx.to/fire.js?';</script>
</body></html>"""


def test_captify_tag_is_captify_with_its_pixel(project_engine: Engine,
                                               catalogue: Catalogue) -> None:
    (page,) = audit(CAPTIFY, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert "Captify" in {n.network for n in page.networks}
    assert {i.value for i in page.ids if i.kind == "captify-pixel"} == {"326924", "12357"}


# ADTECH's tag path names its network as <network>.<subnetwork> (311.0, 1582.1): the placement
# after it is the slot's zone and the network is written as the tag writes it
ADTECH_SUBNETWORK = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="ad mpu">
<script>document.write('<scr'+'ipt language="javascript1.1" src="http://'
+ 'adserver.adtech.de/addyn/3.0/311.0/5297992/0/-1/ADTECH;loc=100;size=300x250;target=_blank;'
+ ';misc='+new Date().getTime()+'"></scri'+'pt>');
</script></div>
<p>More article text that a reader came for.</p>
<div class="ad mpu-lower">
<script>document.write('<scr'+'ipt language="javascript1.1" src="http://'
+ 'adserver.adtech.de/addyn/3.0/311.0/5297998/0/-1/ADTECH;loc=100;size=300x250;target=_blank;'
+ ';misc='+new Date().getTime()+'"></scri'+'pt>');
</script></div>
</body></html>"""


def test_adtech_subnetwork_path_names_network_and_placements(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADTECH_SUBNETWORK, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("ADTECH", "5297992"), ("ADTECH", "5297998")]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("adtech-network", "311.0"), ("adtech-placement", "5297992"),
            ("adtech-placement", "5297998")} <= ids


# ADTECH's image tag (adlink/ round adserv/), the <noscript> fallback its script and iframe tags
# carry: alone (a copy whose scripts were stripped) it is the placement; beside its script, one
# unit with it; a 1x1 one is an impression pixel
ADTECH_IMAGE_TAG = b"""<html><head><title>t</title></head><body>
<div class="pub728x90"><noscript>
<a href="http://adserver.adtechus.com/adlink/3.0/5214.1/2359761/0/-1/ADTECH;key=k;size=728x90">
<img src="http://adserver.adtechus.com/adserv/3.0/5214.1/2359761/0/-1/ADTECH;key=k;size=728x90"
 border="0" width="728" height="90"></a></noscript></div>
<p>Article text that a reader came for, long enough to be the page's own.</p>
<div class="mpu"><script>document.write('<scr'+'ipt src="http://'
+ 'adserver.adtech.de/addyn/3.0/311.0/5297992/0/-1/ADTECH;loc=100;size=300x250;'
+ ';misc='+new Date().getTime()+'"></scri'+'pt>');
</script><noscript>
<a href="http://adserver.adtech.de/adlink/3.0/311.0/5297992/0/-1/ADTECH;loc=300;">
<img src="http://adserver.adtech.de/adserv/3.0/311.0/5297992/0/-1/ADTECH;loc=300;size=300x250;"
 border="0" width="300" height="250"></a></noscript></div>
<img src="http://adserver.adtechus.com/adserv/3.0/5214.1/2359999/0/-1/ADTECH;size=1x1"
 width="1" height="1">
</body></html>"""


def test_adtech_image_tag_is_a_placement_and_names_its_ids(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADTECH_IMAGE_TAG, url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (4, "ADTECH", "2359761", 728, 90),  # the image, where the ad shows
        (7, "ADTECH", "5297992", 300, 250)]  # the script; its noscript twin is that unit
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("adtech-network", "5214.1"), ("adtech-placement", "2359761"),
            ("adtech-network", "311.0"), ("adtech-placement", "5297992")} <= ids


# AudienceScience's gateway tag (js.revsci.net/gateway/gw.js?csid=<client>) and its preQual tag
# (pq-direct.revsci.net/pql): the targeting platform 2010-2016 news pages fed their ad calls from
REVSCI = b"""<html><head><title>t</title>
<script>document.write("<sc" + "ript src='http://pq-direct.revsci.net/pql?placementIdList=IaKDIk"
  + "&cb=" + new Date().getTime() + "'></sc" + "ript>");</script>
</head><body><p>Article text.</p>
<script>var asE = document.createElement("script");
asE.src = "//js.revsci.net/gateway/gw.js?csid=H07711&auto=t";
document.body.insertBefore(asE, document.body.firstChild);</script>
</body></html>"""


def test_audiencescience_gateway_names_its_client(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    (page,) = audit(REVSCI, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert "AudienceScience" in {n.network for n in page.networks}
    assert ("audiencescience-csid", "H07711") in {(i.kind, i.value) for i in page.ids}


# SiteCensus V6's own tag (Nielsen Online, AU and other regions) passes the client to
# nol_t in a pvar object: { cid: "<client>", content: "0", server: "secure-au" }
NIELSEN_V6_PVAR = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<script type="text/javascript" src="//secure-au.imrworldwide.com/v60.js"></script>
<script type="text/javascript">
    var pvar =  { cid: "sportsite", content: "0", server: "secure-au" };
    var trac = nol_t(pvar);
    trac.record().post();
</script>
</body></html>"""


def test_nielsen_v6_pvar_names_its_client(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(NIELSEN_V6_PVAR, url="https://sport.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("nielsen-client", "sportsite") in {(i.kind, i.value) for i in page.ids}


@pytest.mark.parametrize("cid", ["XXXXXX", "CLIENT_ID", "clientid", "your-client-id"])
def test_nielsen_v6_pvar_templates_client_names_no_one(cid: str, project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    html = NIELSEN_V6_PVAR.replace(b'cid: "sportsite"', b'cid: "' + cid.encode() + b'"')
    (page,) = audit(html, url="https://sport.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [i.value for i in page.ids if i.kind == "nielsen-client"] == []


def test_variable_paths_are_read_in_linear_time() -> None:
    """The path a slot's variable holds was sought with a pattern per slot over all the
    page's scripts: 1,000 slots beside 50 KB of script took 3.4 s. One pass reads every
    name's paths."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        defs = "".join(f'googletag.defineSlot(u{i % 7}, [300,250], "div-gpt-ad-{i}")'
                       ".addService(googletag.pubads());\n" for i in range(n))
        divs = "".join(f'<div id="div-gpt-ad-{i}"></div>' for i in range(n))
        return audit_seconds(
            '<html><head><script src="https://securepubads.g.doubleclick.net/tag/js/gpt.js">'
            '</script><script>var u0 = "/2817463/site/top";\nvar filler = "' + "x" * (50 * n)
            + '";\n' + defs + "</script></head><body><p>Text.</p>" + divs + "</body></html>")

    assert_linear(seconds, 250, "slots whose path a variable holds", floor=0.01)


# A German publisher's trackers as its CMS writes them: the IVW SZM pixel in <noscript>, and a
# Webtrekk config in a <meta> attribute (quotes escaped) with its <noscript> request
IVW_WEBTREKK = b"""<html><head><title>t</title>
<script src="https://script.ioam.de/iam.js?m=1"></script>
<meta http-equiv="Config" content="{&quot;webtrekk&quot;:{&quot;trackId&quot;:\
&quot;318467206998315&quot;,&quot;trackDomain&quot;:&quot;wt.news.test&quot;}}" />
</head><body><noscript>
<img src="https://de.ioam.de/tx.io?st=newssite&amp;np=nojs&amp;mo=0" width="1" height="1"
 alt="szmtag">
</noscript><p>Article text.</p>
<script src="/js/wt.js"></script>
<noscript><img src="https://news01.webtrekk.net/582046173920461/wt?p=433,JavaScript-deaktiviert,0,0"
 height="1" width="1" alt=""/></noscript>
</body></html>"""


def test_ivw_pixel_and_escaped_webtrekk_config_give_their_ids(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(IVW_WEBTREKK, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("ivw-site", "newssite"), ("webtrekk-track", "318467206998315"),
            ("webtrekk-track", "582046173920461")} <= ids


# the noscript beacons of a 2014 news page's footer: Adobe's on the publisher's own collection
# host with the H code version written without its dot (`H22.1`), and DFA's Floodlight activity
# (a Boomerang audience tag) on ad.doubleclick.net, as DFA wrote it before the fls host
FOOTER_BEACONS = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<noscript>
<img src="http://metrics.newsgroup.test/b/ss/newsgroupsmallbiz/1/H22.1--NS/1420192672027?pageName=a"
 style="display:none;" width="0" height="0" border="0" alt="">
<img src="http://ad.doubleclick.net/activity;src=1379696;dcnet=4155;boom=34742;sz=1x1;ord=1?"
 width="1" height="1" border="0" alt="">
</noscript></body></html>"""


def test_footer_beacons_name_adobe_and_floodlight(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    (page,) = audit(FOOTER_BEACONS, url="https://www.news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("adobe-report-suite", "newsgroupsmallbiz"),
            ("floodlight-advertiser", "1379696")} <= ids
    names = {n.network for n in page.networks}
    assert {"Adobe Experience Platform", "Google Campaign Manager (Floodlight)"} <= names


# the legacy forms of three vendors' tags: Parse.ly's standard include for a site of two
# letters, HubSpot's async tracking code on its first host (js.hubspot.com), and ShareThis's
# first button script, its publisher key in the address's fragment
LEGACY_TAGS = b"""<html><head><title>t</title>
<script type="text/javascript" src="http://w.sharethis.com/button/sharethis.js#publisher=93f77c6d-5c37-4ead-83f9-6d5813aaa54a&type=website&style=rotate"></script>
</head><body><p>Article text.</p>
<div id="parsely-root" style="display: none">
<a id="parsely-cfg" data-parsely-site="pe.com" href="http://parsely.com">Powered by Parse.ly</a>
</div>
<script type="text/javascript">
(function(s, p, d) {
    var h=d.location.protocol, i=p+"-"+s, e=d.getElementById(i), r=d.getElementById(p+"-root");
    if (e) return;
    e = d.createElement(s); e.id = i; e.async = true;
    e.src = h+"//static.parsely.com/p.js"; r.appendChild(e);
})("script", "parsely", document);
</script>
<script type="text/javascript">
    (function(d,s,i,r) {
        if (d.getElementById(i)){return;}
        var n=d.createElement(s),e=d.getElementsByTagName(s)[0];
        n.id=i;n.src='//js.hubspot.com/analytics/'+(Math.ceil(new Date()/r)*r)+'/156288.js';
        e.parentNode.insertBefore(n, e);
    })(document,"script","hs-analytics",300000);
</script>
</body></html>"""


def test_legacy_vendor_tags_give_their_ids(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(LEGACY_TAGS, url="https://www.pe.com/articles/a.html", engine=project_engine,
                    catalogue=catalogue).pages
    assert {("parsely-site", "pe.com"), ("hubspot-portal", "156288"),
            ("sharethis-publisher", "93f77c6d-5c37-4ead-83f9-6d5813aaa54a")} <= {
        (i.kind, i.value) for i in page.ids}


# a news site's rail: each unit in its wrapper with the "Advertisement" line under it, and
# EasyList hiding both the unit (`##.adunit`) and the line (`##.advert-txt`): one ad each
LABELLED_UNITS = b"""<html><head><title>t</title></head><body>
<div class="article"><p>Article text that a reader came for, a paragraph of it.</p></div>
<div class="advert">
 <div class="adunit" id="frame1-300x250"></div>
 <p class="advert-txt advert-txt-3">Advertisement</p></div>
<div class="advert">
 <p class="advert-txt">- Advertisement -</p>
 <div class="adunit" id="frame2-300x100"></div></div>
<div class="advert"><p class="advert-txt">Advertisement: read our reviews of the year's
 best cameras</p></div>
</body></html>"""


def test_an_ad_label_beside_its_unit_is_no_placement(engine: Engine,
                                                     catalogue: Catalogue) -> None:
    """The label is the unit's (EasyList's rules needed: the system lists' engine); a
    label's class round more text than a label (a promo) stays what the lists say."""
    (page,) = audit(LABELLED_UNITS, url="https://www.news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [s.line for s in page.slots] == [4, 8, 9]


# the label line linking to the site's page selling its ads (`<small class="advertise-here">
# <a href="/advertise/">Advertisement</a></small>` over the unit's box, both hidden by
# EasyList): still the unit's label; a line of the word linking elsewhere (an advertiser's
# page) is no label of the site's, and stays what the lists say
LINKED_LABELS = b"""<html><head><title>t</title></head><body>
<div class="article"><p>Article text that a reader came for, a paragraph of it.</p></div>
<div class="cluster">
 <small class="advertise-here">
  <a href="https://www.news.test/advertise/" title="Advertise with us">Advertisement</a>
 </small>
 <div class="adunit" id="cluster-1"></div>
</div>
<div class="cluster">
 <small class="advertise-here"><a href="https://shop.example/deal">Advertisement</a></small>
 <div class="adunit" id="cluster-2"></div>
</div>
</body></html>"""


def test_an_ad_label_linking_to_the_sites_ad_sales_is_no_placement(
        engine: Engine, catalogue: Catalogue) -> None:
    """The word over a unit, linked to the page where the site sells its ads, labels the
    unit beside it as the bare word does; linked to any other page it is read as before."""
    (page,) = audit(LINKED_LABELS, url="https://www.news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [s.line for s in page.slots] == [7, 10, 11]


# units that print the word in their own box until their script fills them (`<div
# class="ad">Advertisement</div>`), two side by side: neither is the other's label
WORDED_UNITS = b"""<html><head><title>t</title></head><body>
<div class="article"><p>Article text that a reader came for, a paragraph of it.</p></div>
<div class="rail">
 <div class="adunit" id="rail-top">Advertisement</div>
 <div class="adunit" id="rail-mid"><span>Advertisement</span></div>
</div>
<div class="rail">
 <p class="advert-txt">Advertisement</p>
 <div class="adunit" id="rail-low"></div>
</div>
</body></html>"""


def test_two_units_each_showing_the_word_are_two_placements(engine: Engine,
                                                           catalogue: Catalogue) -> None:
    """A label folds into the unit beside it, not into another label-shaped box: the two
    worded units stay two placements, the third label still folds into its unit."""
    (page,) = audit(WORDED_UNITS, url="https://www.news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [s.line for s in page.slots] == [4, 5, 9]


# Segment's snippet as it was in 2014 (SNIPPET_VERSION 2.0.9, cdn.segment.io), its project's
# key ten characters long
SEGMENT_2014 = b"""<html><head><title>t</title>
<script type="text/javascript">
window.analytics = window.analytics || [],
window.analytics.methods = ["identify", "track", "page"],
window.analytics.factory = function (t) { return function () {
  var a = Array.prototype.slice.call(arguments);
  return a.unshift(t), window.analytics.push(a), window.analytics } };
window.analytics.load = function (t) { if (!document.getElementById("analytics-js")) {
  var a = document.createElement("script");
  a.type = "text/javascript", a.id = "analytics-js", a.async = !0,
  a.src = ("https:" === document.location.protocol ? "https://" : "http://")
    + "cdn.segment.io/analytics.js/v1/" + t + "/analytics.min.js";
  var n = document.getElementsByTagName("script")[0];
  n.parentNode.insertBefore(a, n) } },
window.analytics.SNIPPET_VERSION = "2.0.9",
window.analytics.load("ul1430c8wv");
</script>
<script>myCharts.analytics.load("chartdata1");</script>
</head><body><p>Article text.</p></body></html>"""


def test_segment_2014_snippet_names_its_short_key(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    """The key beside the snippet's loader; another library's `analytics.load(` is none."""
    (page,) = audit(SEGMENT_2014, url="https://www.news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(i.kind, i.value) for i in page.ids if i.kind == "segment-write-key"] == [
        ("segment-write-key", "ul1430c8wv")]


# a premium publisher's AdSense text ads in its footer: a named client, not a pub- number
ADSENSE_NAMED_CLIENT = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<aside id="footer-ad-google"><script>
  google_ad_client = 'ca-conde_newyorker';
  google_ad_channel = 'newyorker_standard_a newyorker_standard_b';
  google_ad_width = '728'; google_ad_height = '90';
  google_ad_format = '728x90_pas_abgc'; google_ad_type = 'text';
</script>
<script src="http://pagead2.googlesyndication.com/pagead/show_ads.js"></script></aside>
<script>var google_ad_client_note = 'ca-pub-none';</script>
</body></html>"""


@pytest.mark.parametrize("client", ["ca-conde_newyorker", "ca-citypaper"])
def test_adsense_named_client_is_its_publisher(project_engine: Engine, catalogue: Catalogue,
                                               client: str) -> None:
    """A partner's name, with a product's suffix or alone."""
    page_markup = ADSENSE_NAMED_CLIENT.replace(b"ca-conde_newyorker", client.encode())
    (page,) = audit(page_markup, url="https://www.mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(i.kind, i.value) for i in page.ids if i.kind == "adsense-publisher"] == [
        ("adsense-publisher", client)]


# AdSense for Content's JavaScript output (custom rendering): show_ads.js hands the ads to
# the page's google_ad_request_done(), which draws them where the site chooses; nothing
# renders where the configuring script stands
ADSENSE_JS_OUTPUT = b"""<html><head><title>t</title>
<script>function google_ad_request_done(google_ads) {
  var s = '';
  for (var i = 0; i < google_ads.length; i++) { s += '<a href="' + google_ads[i].url + '">'
    + google_ads[i].line1 + '</a>'; }
  document.getElementById('sponsor-links').innerHTML = s;
}</script></head><body><p>Article text.</p>
<div id="sponsor-links"></div>
<div class="story-foot"><script>
  google_ad_client = 'ca-citypaper_js';
  google_ad_channel = 'news';
  google_ad_output = 'js';
  google_max_num_ads = '3';
  google_ad_type = 'text';
</script>
<script src="http://pagead2.googlesyndication.com/pagead/show_ads.js"></script></div>
</body></html>"""


def test_adsense_js_output_is_no_unit_at_its_script(project_engine: Engine,
                                                    catalogue: Catalogue) -> None:
    (page,) = audit(ADSENSE_JS_OUTPUT, url="https://www.citypaper.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [s for s in page.slots if s.network == "Google AdSense"] == []
    assert "Google AdSense" in {n.network for n in page.networks}
    assert ("adsense-publisher", "ca-citypaper_js") in {(i.kind, i.value) for i in page.ids}


def test_adsense_js_output_set_before_its_client_is_no_unit_either(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # the globals in another order (a site's own copy: the output first, then the client
    # and the size it asks for): still the JavaScript-output form, nothing shows here
    markup = ADSENSE_JS_OUTPUT.replace(b"""  google_ad_client = 'ca-citypaper_js';
  google_ad_channel = 'news';
  google_ad_output = 'js';""", b"""  google_ad_output = 'js';
  google_ad_client = 'ca-citypaper_js';
  google_ad_channel = 'news';
  google_ad_width = 300;
  google_ad_height = 250;""")
    assert markup != ADSENSE_JS_OUTPUT
    (page,) = audit(markup, url="https://www.citypaper.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [s for s in page.slots if s.network == "Google AdSense"] == []
    assert ("adsense-publisher", "ca-citypaper_js") in {(i.kind, i.value) for i in page.ids}
    # the output kept commented out: the unit renders where its script stands
    kept = markup.replace(b"  google_ad_output = 'js';", b"  // google_ad_output = 'js';")
    (page,) = audit(kept, url="https://www.citypaper.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.width, s.height) for s in page.slots if s.network == "Google AdSense"] == [
        (300, 250)]


# AdSense's legacy unit before ad slots: the client and size as globals (quoted or not, in
# any order), then show_ads.js, which writes the ad where the script stands; with a slot,
# the same form is one placement, not one per global it sets
ADSENSE_LEGACY_UNITS = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="widget"><h4>Advertisement</h4>
<script type="text/javascript"><!--
google_ad_client = 'ca-pub-4821730195648203';
google_ad_height = '60';
google_ad_width  = '234';
google_ad_type = 'text';
//--></script>
<script src="http://pagead2.googlesyndication.com/pagead/show_ads.js"></script></div>
<p>More of the story.</p>
<div class="widget"><script>
google_ad_client = "pub-4821730195648203"; google_ad_slot = "1122334455";
google_ad_width = 300; google_ad_height = 250;
</script>
<script src="http://pagead2.googlesyndication.com/pagead/show_ads.js"></script></div>
</body></html>"""


def test_adsense_legacy_unit_without_a_slot_is_a_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADSENSE_LEGACY_UNITS, url="https://www.mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (3, "Google AdSense", None, 234, 60), (11, "Google AdSense", "1122334455", 300, 250)]


# the same unit's globals set one per script (a theme testing the viewport before each),
# then its one show_ads.js: one placement, the slot the later script names; the next unit,
# after that loader, is its own
ADSENSE_SPLIT_GLOBALS = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="adsense">
<script>google_ad_client = "pub-4821730195648203"; var wide = window.innerWidth > 960;</script>
<script>if (wide) google_ad_slot = "2233445566";</script>
<script>if (wide) google_ad_width = 728;</script>
<script src="http://pagead2.googlesyndication.com/pagead/show_ads.js"></script>
<script>google_ad_client = "pub-4821730195648203"; google_ad_width = 468;</script>
<script>google_ad_height = 60;</script>
<script src="http://pagead2.googlesyndication.com/pagead/show_ads.js"></script>
</div>
</body></html>"""


def test_adsense_legacy_globals_over_several_scripts_are_one_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADSENSE_SPLIT_GLOBALS, url="https://www.mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (3, "Google AdSense", "2233445566"), (7, "Google AdSense", None)]


def test_adsense_legacy_globals_read_linearly() -> None:
    # a size the unit never sets, looked for after each of thousands of clients (and in
    # scripts of their own, and in a comment the placement skips)
    unit = "google_ad_client = 'ca-pub-4821730195648203';" + " google_color_bg = 'FFF';" * 20

    def seconds(n: int) -> float:
        return audit_seconds(
            "<html><body><p>Text.</p><script>/*" + unit * n + "*/</script>"
            + f"<script>{unit}</script>" * (n // 10) + "</body></html>")

    assert_linear(seconds, 1000, "AdSense's legacy globals", floor=0.01)


# a row that is itself the placement: its wrapper holds the word and the unit's own box, and
# the page's next row (another wrapper, another ad) is beside it
LABELLED_ROWS = b"""<html><head><title>t</title></head><body>
<div class="article"><p>Article text that a reader came for, a paragraph of it.</p></div>
<div class="row-ad"><div class="text-container"><p>Advertisement</p>
 <div id="unit_footer" class="unit-box"></div></div></div><div class="page-body">
 <div class="row-ad"><p>Advertisement</p><div id="unit_top" class="unit-box"></div></div>
</div>
</body></html>"""


def test_a_wrapper_holding_the_word_and_its_unit_stays_a_placement(
        engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(LABELLED_ROWS, url="https://www.news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [s.line for s in page.slots] == [3, 5]


# DFA's iframe form of the same activity tag (`activityi`), on ad.doubleclick.net as on fls
ACTIVITY_IFRAME = b"""<html><head><title>t</title></head><body><p>Thanks for your order.</p>
<iframe src="https://ad.doubleclick.net/activityi;src=2542116;type=sales;cat=thank0;ord=1?"
 width="1" height="1" frameborder="0" style="display:none"></iframe>
</body></html>"""


def test_a_floodlight_iframe_on_ad_doubleclick_names_its_advertiser(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ACTIVITY_IFRAME, url="https://shop.test/thanks", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("floodlight-advertiser", "2542116") in {(i.kind, i.value) for i in page.ids}


@pytest.mark.parametrize("client", ["ca-host-pub-1556223355139109"])
def test_a_product_prefixed_pub_number_is_no_named_client(
        client: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """The named form is a partner's word (`ca-conde_newyorker`); a `pub-` number behind a
    product's prefix is an account's number: Blogger's platform host ID (which joins no sites
    as `adsense-host`), not a publisher of its own. (AdSense for Mobile Content's
    `ca-mb-pub-…` is its unit's client, read as written: tests/test_period_vendor_tags.py.)"""
    page_markup = ADSENSE_NAMED_CLIENT.replace(b"ca-conde_newyorker", client.encode())
    (page,) = audit(page_markup, url="https://www.mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert client not in {i.value for i in page.ids if i.kind == "adsense-publisher"}


# 2014 news pages' monitoring and engagement tags, as their vendors' snippets write them:
# New Relic's browser agent config (two applications reporting together), Sailthru Horizon's
# setup, Burt's per-site tag, Qualtrics Site Intercept's inline deployment code, and a
# VigLink config whose key follows its api_url
ENGAGEMENT = b"""<html><head><title>t</title>
<script src="http://ak.sail-horizon.com/horizon/v1.js"></script>
<script>Sailthru.setup({ domain: 'horizon.news.test' });</script>
<script src="http://m.burt.io/a/news-test.js"></script>
<script>var vglnk = { api_url: '//api.viglink.com/api',
  key: '0123456789abcdef0123456789abcdef' };</script>
</head><body><p>Article text that a reader came for.</p>
<script>(function(){var g=function(e,h,f,g){this.go=function(){};};
try{(new g(100,"r","QSI_S_ZN_0aBcDeFgHiJkLmN",
"//zn_0abcdefghijklmn-newsco.siteintercept.qualtrics.com/WRSiteInterceptEngine/\
?Q_ZID=ZN_0aBcDeFgHiJkLmN&Q_LOC="+encodeURIComponent(window.location.href))).start()}
catch(i){}})();
</script><div id='ZN_0aBcDeFgHiJkLmN'><!--DO NOT REMOVE-CONTENTS PLACED HERE--></div>
<script>window.NREUM||(NREUM={});NREUM.info={"beacon":"bam.nr-data.net",
"licenseKey":"0a1b2c3d4e","applicationID":"1234567,7654321","errorBeacon":"bam.nr-data.net",
"agent":"js-agent.newrelic.com\\/nr-476.min.js"}</script>
</body></html>"""


def test_engagement_and_monitoring_tags_name_their_vendors(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ENGAGEMENT, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {"New Relic", "Sailthru", "Burt", "Qualtrics",
            "Sovrn Commerce (VigLink)"} <= {n.network for n in page.networks}
    assert {("newrelic-application", "1234567,7654321"),
            ("newrelic-key", "0a1b2c3d4e"),
            ("qualtrics-zone", "ZN_0aBcDeFgHiJkLmN"),
            ("viglink-key", "0123456789abcdef0123456789abcdef")} <= {
        (i.kind, i.value) for i in page.ids}
    assert not page.slots


# the same config names with no vendor's tag: a page's own `licenseKey` (a player's) names
# no New Relic, a bare `customerId` no Sailthru customer
NOT_THEIRS = b"""<html><head><title>t</title>
<script>var player = { licenseKey: "0a1b2c3d4e5f" }, clip = { licenseKey: "0a1b2c3d4e" };
var cart = { customerId: '0123456789abcdef0123456789abcdef' };</script>
</head><body><p>Article text that a reader came for.</p></body></html>"""


def test_config_keys_without_their_vendor_name_none(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(NOT_THEIRS, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert not page.networks and not page.ids


def test_engagement_config_patterns_scale_linearly(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """Unclosed configs side by side (`vglnk = {` with no key, an engine URL with no zone,
    pixel URLs with no ID): each pattern reads a bounded stretch after its anchor, not to
    the page's end."""
    def seconds(n: int) -> float:
        code = ("vglnk = { api_url: 'x', " * n
                + "siteintercept.qualtrics.com/WRSiteInterceptEngine/?Q_LOC=" * n
                + 'NREUM.info={"licenseKey":' * n
                + "rfihub.com/ca.gif?rb=1&ads.undertone.com/f?cb=2&" * n
                + "chartbeat.com/js/chartbeat.js?domain=x&" * n)
        html = f"<html><body><p>x</p><script>{code}</script></body></html>".encode()
        start = time.perf_counter()
        audit(html, url="https://news.test/a", engine=project_engine, catalogue=catalogue)
        return time.perf_counter() - start

    assert_linear(seconds, 2000, "engagement configs")


# IDs in 2014 tags' URLs and config: Chartbeat's uid on its loader's query, Rocket Fuel's
# conversion pixel (and its noscript iframe twin), Undertone's pixel, Bizo's partner id
PIXELS = b"""<html><head><title>t</title>
<script src="//static.chartbeat.com/js/chartbeat.js?uid=4321&domain=news.test"></script>
</head><body><p>Article text that a reader came for.</p>
<script>var cache_buster = parseInt(Math.random()*99999999);document.write("<img src='http:\
//p.rfihub.com/ca.gif?rb=1234&ca=20500001&ra=" + cache_buster + "' height=0 width=0>");</script>
<noscript><iframe src='http://20500001p.rfihub.com/ca.html?rb=1234&ca=20500001&ra='
width='0' height='0'></iframe></noscript>
<img src="http://ads.undertone.com/f?pid=17001&cb=[timestamp]" height="1" width="1">
<script>_bizo_data_partner_id = "1234";</script>
<script src="http://js.bizographics.com/insight.min.js"></script>
</body></html>"""


def test_pixel_and_loader_query_ids(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(PIXELS, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {("chartbeat-account", "4321"), ("rocketfuel-action", "20500001"),
            ("undertone-pixel", "17001"), ("bizo-partner", "1234")} <= {
        (i.kind, i.value) for i in page.ids}


# a sponsored unit's line over its GPT box ("Presented by", the sponsor's logo the unit's
# creative): a label, one placement with the box it labels
SPONSOR_LINE = b"""<html><head><title>t</title>
<script async src="https://www.googletagservices.com/tag/js/gpt.js"></script>
<script>googletag.cmd.push(function () {
  googletag.defineSlot('/2817463/mag/tools', [[88, 31]], 'adTools1').addService(googletag.pubads());
});</script></head><body><p>Article text.</p>
<div class="ad adTools" id="adTools1-wrapper"><span class="sponsorText">Presented by</span><div
 class="ad-inner" id="adTools1"><script>googletag.cmd.push(function () {
 googletag.display("adTools1"); });</script></div></div>
</body></html>"""


def test_sponsor_line_beside_its_unit_is_its_label(engine: Engine,
                                                   catalogue: Catalogue) -> None:
    # EasyList hides the line (`##.sponsorText`), as it hides the unit's box
    (page,) = audit(SPONSOR_LINE, url="https://www.mag.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (6, "Google Publisher Tag", "/2817463/mag/tools")]


# the box GPT's defineSlot names, still holding the site's older DART tag (its script and
# its `<noscript>` image): the box is the placement, the DART tag inside it no second ad;
# another box with a unit of GPT's own naming its zone stays two
GPT_BOX_DART_TAG = b"""<html><head><title>t</title>
<script src="http://www.googletagservices.com/tag/js/gpt.js"></script>
<script>googletag.cmd.push(function () {
  googletag.defineSlot('/2817463/news/section', [300, 250], 'ad-div-mpu')
    .addService(googletag.pubads());
  googletag.defineSlot('/2817463/news/rail', [300, 600], 'rail-box').addService(googletag.pubads());
  googletag.defineSlot('/2817463/news/inner', [300, 250], 'div-gpt-ad-77')
    .addService(googletag.pubads());
});</script></head><body><p>Article text.</p>
<div id="ad-div-mpu"><div class="ad" id="mpu">
<script>Site.writeAd("http://ad.doubleclick.net/N1234/adj/site/news;type=mpu;sz=300x250;tile=2");</script>
<noscript><a href="http://ad.doubleclick.net/N1234/jump/site/news;sz=300x250;ord=1?"><img
 src="http://ad.doubleclick.net/N1234/ad/site/news;sz=300x250;ord=1?" width="300" height="250"
 alt=""></a></noscript>
</div></div>
<p>More of the story.</p>
<div id="rail-box"><div id="div-gpt-ad-77"></div></div>
</body></html>"""


def test_older_tag_inside_a_gpt_box_is_the_boxs_placement(project_engine: Engine,
                                                           catalogue: Catalogue) -> None:
    (page,) = audit(GPT_BOX_DART_TAG, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (10, "Google Publisher Tag", "/2817463/news/section"),
        (17, "Google Publisher Tag", "/2817463/news/rail"),
        (17, "Google Publisher Tag", "/2817463/news/inner")]


def test_units_inside_script_named_boxes_fold_linearly() -> None:
    def seconds(n: int) -> float:
        defs = "".join(f"googletag.defineSlot('/2817463/s/u', [300, 250], 'box-{i}');"
                       for i in range(n))
        unit = ("<div>" * 20 + '<img src="http://ad.doubleclick.net/N1/ad/site/zone;sz=300x250"'
                ' width="300" height="250">' * 3 + "</div>" * 20)
        boxes = "".join(f'<div id="box-{i}">{unit}</div>' for i in range(n))
        return audit_seconds(f"<html><head><script>{defs}</script></head><body><p>Text.</p>"
                             f"{boxes}</body></html>")

    assert_linear(seconds, 200, "units inside script-named boxes", floor=0.01)


# Dianomi's SmartAd: the iframe its tag generator writes per placement (under a comment
# naming it), its SmartAd number the zone; a frame of the same page on another path is none
DIANOMI_SMARTADS = b"""<html><head><title>t</title></head><body><p>Markets story.</p>
<!--Smartad # 1200: Business - Right Rail 300x250-->
<iframe width="300" height="250" src="//www.dianomi.com/smartads.epl?id=1200"></iframe>
<div class="partner"><iframe WIDTH="305" HEIGHT="295" SCROLLING="NO"
 src="http://www.smartlinks.dianomi.com/smartads.epl?id=1201&amp;ref=x"></iframe></div>
<iframe width="300" height="250" src="https://www.dianomi.com/about.html"></iframe>
</body></html>"""


def test_dianomi_smartad_iframe_is_its_slot(project_engine: Engine,
                                             catalogue: Catalogue) -> None:
    (page,) = audit(DIANOMI_SMARTADS, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        (3, "Dianomi", "1200", 300, 250), (4, "Dianomi", "1201", 305, 295)]


# GPT's no-JavaScript tag encodes the ad-unit path in its query (`iu=%2F4624%2F…`), and a
# site's ad config in JSON escapes its slashes (`"adUnitPath": "\/4624\/…"`): the same
# paths, read with plain slashes
GPT_ENCODED_PATHS = rb"""<html><head><title>t</title>
<script>var adConfig = {"units": [{"adUnitPath": "\/5551234\/Mag\/channel_health",
 "sizes": [[1, 2]]}]};</script></head><body><p>Article text.</p>
<noscript><a href="http://pubads.g.doubleclick.net/gampad/jump?iu=%2F5551234%2FMag%2Fchannel_politics&amp;sz=1x2&amp;c=1"><img
 src="http://pubads.g.doubleclick.net/gampad/ad?iu=%2F5551234%2FMag%2Fchannel_politics&amp;sz=1x2&amp;c=1"
 alt=""></a></noscript>
</body></html>"""


def test_gpt_paths_with_encoded_or_escaped_slashes_are_read(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(GPT_ENCODED_PATHS, url="https://www.mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert sorted((i.kind, i.value) for i in page.ids if i.kind.startswith("gpt")) == [
        ("gpt-network", "5551234"), ("gpt-slot", "/5551234/Mag/channel_health"),
        ("gpt-slot", "/5551234/Mag/channel_politics")]


def test_encoded_gpt_paths_read_linearly() -> None:
    def seconds(n: int) -> float:
        links = "".join(f'<a href="/x?iu=%2F{1000 + i}%2F' + "a%2F" * 30 + '">x</a>'
                        for i in range(n))
        return audit_seconds("<html><body><p>Text.</p><a href='/y?iu=%2F1234"
                             + "%2Fb" * n + "'>y</a>" + links + "</body></html>")

    assert_linear(seconds, 500, "encoded ad-unit paths", floor=0.01)


# Taboola's loader on its older CDN host names the publisher as its current one does
TABOOLA_SYNDICATION = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div id="taboola-below-article"></div>
<script>window._taboola = window._taboola || [];
_taboola.push({mode: 'thumbs-2r', container: 'taboola-below-article', placement: 'Below'});
</script>
<script src="http://cdn.taboolasyndication.com/libtrc/mag-network/loader.js"></script>
</body></html>"""


def test_taboola_publisher_from_its_older_cdn_host(project_engine: Engine,
                                                   catalogue: Catalogue) -> None:
    (page,) = audit(TABOOLA_SYNDICATION, url="https://www.mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [i.value for i in page.ids if i.kind == "taboola-publisher"] == ["mag-network"]


# Condé Nast's CN.dart wrapper names its DART site (per device) and zone once, in its init
CN_DART_INIT = b"""<html><head><title>t</title>
<script>CN.dart.init({
  site: CN.isMobile ? 'magcom.mobile.dart' : 'magcom.dart',
  zone: 'culture_blogs', kws: CN.dartKwsArray, charmap: {' ': '+'}
});</script></head><body><p>Article text.</p>
<div id="header728x90_frame"></div>
<script>CN.dart.call("header", {sz: "728x90", kws: ["top"]});</script>
</body></html>"""


def test_cn_dart_init_names_its_site_and_zone(project_engine: Engine,
                                              catalogue: Catalogue) -> None:
    (page,) = audit(CN_DART_INIT, url="https://www.mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert sorted((i.kind, i.value) for i in page.ids if i.kind.startswith("dart")) == [
        ("dart-site", "magcom.dart"), ("dart-zone", "culture_blogs")]


def test_cn_dart_inits_read_linearly() -> None:
    def seconds(n: int) -> float:
        init = "CN.dart.init({" + "kws: 'a', " * 30 + "});"
        return audit_seconds(f"<html><head><script>{init * n}</script></head>"
                             "<body><p>Text.</p></body></html>")

    assert_linear(seconds, 1000, "CN.dart.init configs", floor=0.01)


# a sidebar the defineSlot names holds the rail's other units: an AdSense unit of its own
# size and slot, a Taboola widget; each is its own placement, not the GPT box's fill
GPT_SIDEBAR_OF_UNITS = b"""<html><head><title>t</title>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script>googletag.cmd.push(function () {
  googletag.defineSlot('/2468/site/rail', [300, 250], 'rail').addService(googletag.pubads());
});</script></head><body><p>Article text.</p>
<aside id="rail"><h3>Around the web</h3>
<ins class="adsbygoogle" style="display:inline-block;width:300px;height:600px"
 data-ad-client="ca-pub-4821730195648203" data-ad-slot="9876543210"></ins>
<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>
<div id="taboola-right-rail"></div>
<script>window._taboola = window._taboola || [];
_taboola.push({mode: 'thumbnails-rr', container: 'taboola-right-rail',
 placement: 'Right Rail', target_type: 'mix'});</script>
</aside>
<script src="//cdn.taboola.com/libtrc/rowpub/loader.js" async></script>
</body></html>"""


def test_other_units_inside_a_gpt_named_sidebar_stay_theirs(engine: Engine,
                                                            catalogue: Catalogue) -> None:
    (page,) = audit(GPT_SIDEBAR_OF_UNITS, url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Google Publisher Tag", "/2468/site/rail"), ("Google AdSense", "9876543210"),
        ("Taboola", "thumbnails-rr")]


def test_an_adsense_unit_at_the_gpt_boxs_own_size_is_its_own(engine: Engine,
                                                             catalogue: Catalogue) -> None:
    """Google runs both, but AdSense's unit is no GPT box's fill (another ad server, its
    own client and slot), at the box's size too: two networks, two placements."""
    html = GPT_SIDEBAR_OF_UNITS.replace(b"width:300px;height:600px", b"width:300px;height:250px")
    (page,) = audit(html, url="https://news.test/a", engine=engine, catalogue=catalogue).pages
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Google Publisher Tag", "/2468/site/rail"), ("Google AdSense", "9876543210"),
        ("Taboola", "thumbnails-rr")]


# an old forum's AdSense: the shared client set once in the head, each unit its slot and
# size then show_ads.js; the head's globals, with no loader after them, are no third unit
ADSENSE_SHARED_CLIENT = b"""<html><head><title>t</title>
<script type="text/javascript">
google_ad_client = "pub-4821730195648203";
google_color_border = "FFFFFF";
</script>
</head><body><p>Today's threads.</p>
<div class="banner"><script type="text/javascript">
google_ad_slot = "1234567890"; google_ad_width = 728; google_ad_height = 90;
</script>
<script type="text/javascript" src="http://pagead2.googlesyndication.com/pagead/show_ads.js">
</script></div>
<p>More threads.</p>
<div class="side"><script type="text/javascript">
google_ad_client = "pub-4821730195648203"; google_ad_width = 160; google_ad_height = 600;
</script>
<script type="text/javascript" src="http://pagead2.googlesyndication.com/pagead/show_ads.js">
</script></div>
</body></html>"""


def test_adsense_shared_client_in_the_head_is_no_unit(engine: Engine,
                                                      catalogue: Catalogue) -> None:
    (page,) = audit(ADSENSE_SHARED_CLIENT, url="https://forum.test/", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.zone_id, s.width) for s in page.slots] == [
        (7, "1234567890", 728), (13, None, 160)]


# the same legacy units in a browser's saved copy: show_ads.js is the page's own file
# (`Forum_files/show_ads.js.download`); a unit whose size a second script sets is still one
ADSENSE_SAVED_COPY = b"""<html><head><title>t</title>
<script type="text/javascript">google_ad_client = "pub-4821730195648203";</script>
</head><body><p>Today's threads.</p>
<div class="banner"><script type="text/javascript">google_ad_client = "pub-4821730195648203";
</script>
<script type="text/javascript">google_ad_width = 468; google_ad_height = 60;</script>
<script type="text/javascript" src="./Forum_files/show_ads.js.download"></script></div>
<p>More threads.</p>
<div class="side"><script type="text/javascript">
google_ad_client = "pub-4821730195648203"; google_ad_width = 160; google_ad_height = 600;
</script></div>
</body></html>"""


def test_adsense_legacy_units_in_a_saved_copy(engine: Engine, catalogue: Catalogue) -> None:
    # the sized unit stays one though its loader's tag is gone from the copy
    (page,) = audit(ADSENSE_SAVED_COPY, url="https://forum.test/", engine=engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network) for s in page.slots] == [
        (4, "Google AdSense"), (9, "Google AdSense")]


def test_adsense_legacy_units_parted_by_a_saved_loader_stay_two(
        engine: Engine, catalogue: Catalogue) -> None:
    # a saved copy's loader file (`Page_files/show_ads.js`) between two legacy units parts
    # them as the live loader does: the second unit's slotless globals are its own unit
    live = b"https://pagead2.googlesyndication.com/pagead/show_ads.js"
    html = b"""<html><head><title>t</title></head><body>
<p>Article text that a reader came for.</p>
<script>google_ad_client = "ca-pub-4821730195648203"; google_ad_slot = "1112223334";
google_ad_width = 300; google_ad_height = 250;</script>
<script src="Page_files/show_ads.js"></script>
<script>google_ad_client = "ca-pub-4821730195648203"; google_ad_width = 728;
google_ad_height = 90;</script>
<script src="Page_files/show_ads.js"></script>
<p>More text.</p>
</body></html>"""
    for copy in (html, html.replace(b"Page_files/show_ads.js", live)):
        (page,) = audit(copy, url="https://forum.test/", engine=engine,
                        catalogue=catalogue).pages
        assert [(s.line, s.zone_id, s.width) for s in page.slots] == [
            (3, "1112223334", 300), (6, None, 728)]


def test_older_tag_at_another_of_the_gpt_boxs_sizes_is_its_fill(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # the box offers [[300, 250], [300, 600]]; the DART tag in it asks for the 300x600
    html = GPT_BOX_DART_TAG.replace(
        b"[300, 250], 'ad-div-mpu'", b"[[300, 250], [300, 600]], 'ad-div-mpu'").replace(
        b"sz=300x250;tile=2", b"sz=300x600;tile=2").replace(
        b'sz=300x250;ord=1?" width="300" height="250"',
        b'sz=300x600;ord=1?" width="300" height="600"')
    (page,) = audit(html, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots][:1] == [
        (10, "Google Publisher Tag", "/2817463/news/section")]
    assert "DoubleClick DART" not in {s.network for s in page.slots}


def test_adtech_iframe_tag_and_its_noscript_image_after_it_are_one_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """ADTECH's iframe tag, then its image tag in a `<noscript>` right after the frame (not
    inside it): one placement, as its script tag and noscript are (e290424's box fold)."""
    adt = "http://adserver.adtech.de"
    html = (f"""<html><head><title>t</title></head><body><p>Article text.</p>
<iframe src="{adt}/adiframe/3.0/311.0/5297992/0/225/ADTECH;loc=100;size=728x90" width="728"
 height="90" frameborder="0" scrolling="no"></iframe><noscript><a href="{adt}/adlink/3.0/311.0/"""
            f"""5297992/0/225/ADTECH;loc=300"><img src="{adt}/adserv/3.0/311.0/5297992/0/225/"""
            """ADTECH;loc=300;size=728x90" border="0" width="728" height="90"></a></noscript>
</body></html>""")
    (page,) = audit(html.encode(), url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [(2, "ADTECH", "5297992")]


def test_adtech_image_tag_sized_1x1_in_its_path_alone_is_a_pixel(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """An ADTECH image tag whose path asks for size=1x1 (or 0x0) is an impression pixel,
    its <img> without width or height attributes as often as with them: no placement, its
    IDs still the page's."""
    markup = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<img src="http://adserver.adtech.de/adserv/3.0/311.0/5297998/0/16/ADTECH;loc=300;size=1x1;key=k"
 border="0" alt="">
<img src="http://adserver.adtechus.com/adserv/3.0/5214.1/2359999/0/-1/ADTECH;loc=300;size=0x0">
</body></html>"""
    (page,) = audit(markup, url="https://blog.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert page.slots == ()
    assert ("adtech-placement", "5297998") in {(i.kind, i.value) for i in page.ids}


# ADTECH's DAC tag: DAC.js and the website's config (dac/<network>/w<website>.js) in the head,
# then per placement `ADTECH.config.placements[<id>] = {…}; ADTECH.loadAd(<id>)`, rendered
# into the div whose id is the placement; a call with no such div is its own placement. The
# same words in prose, and a look-alike object (MYADTECH), are none
ADTECH_DAC = b"""<html><head><title>t</title>
<script src="http://aka-cdn-ns.adtech.de/dt/common/DAC.js"></script>
<script src="http://aka-cdn-ns.adtech.de/dac/640.1/w3141592.js"></script>
</head><body>
<div id="head-box"><div id="4410233"></div>
<script>
  ADTECH.config.placements[4410233] = {sizeid: 225, params: {alias: '', target: '_blank'}};
  ADTECH.loadAd(4410233);
</script></div>
<p>Article text that a reader came for, long enough to be the page's own.</p>
<pre>ADTECH.loadAd(4410299);</pre>
<script>MYADTECH.loadAd(4410277);</script>
<div id="side"><script>ADTECH.enqueueAd("4410234"); ADTECH.executeQueue();</script></div>
</body></html>"""


def test_adtech_dac_load_ad_fills_the_div_named_for_its_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ADTECH_DAC, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (5, "ADTECH", "4410233"), (13, "ADTECH", "4410234")]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("adtech-website", "3141592"), ("adtech-placement", "4410233"),
            ("adtech-placement", "4410234")} <= ids
    assert not {"4410299", "4410277"} & {i.value for i in page.ids}


# Curse Media's display manager: the site's snippet inserts its factorem loader
# (cdm.cursecdn.com/js/<site>/cdmfactorem_min.js), which fills the page's div#cdm-zone-<zone>
# boxes; the same boxes on a page that loads no CDM (or a look-alike host's loader) are none
CURSE_CDM = """<html><head><title>t</title>
<script>var script = document.createElement('script'); script.id = 'factorem';
script.src = '//{host}/js/gamestats/cdmfactorem_min.js?misc=' + new Date().getTime();
script.async = false; document.head.appendChild(script);</script>
</head><body><p>Article text that a reader came for, long enough to be the page's own.</p>
<div style="width: 728px; height: 90px;"><div id='cdm-zone-01'></div></div>
<p>More of the article, and a word on cdm-zone-02 in prose.</p>
<div id='cdm-zone-skin'></div>
</body></html>"""


@pytest.mark.parametrize(("host", "slots", "site"), [
    ("cdm.cursecdn.com", [(6, "Curse Media (CDM)", "01"), (8, "Curse Media (CDM)", "skin")],
     {"gamestats"}),
    ("cdm.cursecdn.com.cdn-mirror.example", [], set()),
    ("notcdm.cursecdn.com.example", [], set()),
])
def test_curse_cdm_fills_its_zone_boxes_where_its_loader_runs(
        project_engine: Engine, catalogue: Catalogue, host: str,
        slots: list[tuple[int, str, str]], site: set[str]) -> None:
    (page,) = audit(CURSE_CDM.format(host=host).encode(), url="https://stats.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == slots
    assert {i.value for i in page.ids if i.kind == "curse-cdm-site"} == site


# a page saved after GPT ran, 2012-2017: gpt.js wrote its own code in from Google Ads' host
# (`//partner.googleadservices.com/gpt/pubads_impl_68.js`); that is GPT, not Google Ads
GPT_IMPL = b"""<html><head><title>t</title>
<script src="http://www.googletagservices.com/tag/js/gpt.js"></script>
<script type="text/javascript" src="http://partner.googleadservices.com/gpt/pubads_impl_68.js">
</script>
</head><body><p>Article text that a reader came for.</p></body></html>"""


def test_gpts_own_code_on_google_ads_host_is_gpt(project_engine: Engine,
                                                 catalogue: Catalogue) -> None:
    (page,) = audit(GPT_IMPL, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [n.network for n in page.networks] == ["Google Publisher Tag"]


# GPT's synchronous rendering of 2012-2016, before its `__container__` div: into
# `<div id="<unit>_ad_container">`, two `<ins>` sized to the ad round the frame named by
# the ad-unit path, then the createDomIframe call
GPT_SYNC_RENDERED = b"""<html><head><title>t</title>
<script src="http://www.googletagservices.com/tag/js/gpt.js"></script>
</head><body><p>Article text that a reader came for.</p>
<div id="site_top" class="site-top">
<script>googletag.display("top");</script><div id="top_ad_container">
<ins style="width: 728px; height: 90px; display: inline-table; position: relative;">
<ins style="width: 728px; height: 90px; display: block; position: relative;">
<iframe style="border: 0px none;" name="google_ads_iframe_/5055/news/world/lb_0"
 id="google_ads_iframe_/5055/news/world/lb_0" scrolling="no" width="728" height="90"
 frameborder="0"></iframe></ins></ins></div>
<script>googletag.impl.pubads.createDomIframe("top_ad_container",
 "/5055/news/world/lb_0",false,undefined);</script>
</div>
<p>More of the article.</p>
</body></html>"""


def test_gpt_sync_rendered_frame_is_a_gpt_unit(project_engine: Engine,
                                               catalogue: Catalogue) -> None:
    (page,) = audit(GPT_SYNC_RENDERED, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.network, s.zone_id, s.width, s.height) for s in page.slots] == [
        ("Google Publisher Tag", "/5055/news/world/lb", 728, 90)]
    assert ("gpt-network", "5055") in {(i.kind, i.value) for i in page.ids}


# Rubicon Project's legacy JavaScript ad tag, as its tag generator wrote it (pages and ad
# creatives of 2010-2016): account, site and zone in the tag's variables, the account again
# in the loader's path
RUBICON_LEGACY = b"""<html><head><title>t</title></head><body>
<p>Article text that a reader came for.</p>
<div class="mpu"><!--  Begin Rubicon Project Tag -->
<!--  Site: News Site   Zone: ROS_ATF   Size: Medium Rectangle  -->
<script language="JavaScript" type="text/javascript">
rp_account   = '9176';
rp_site      = '21342';
rp_zonesize  = '72686-15';
rp_adtype    = 'js';
rp_smartfile = '[SMART FILE URL]';
</script>
<script type="text/javascript" src="http://ads.rubiconproject.com/ad/9176.js"></script>
<!--  End Rubicon Project Tag --></div>
</body></html>"""


def test_rubicon_legacy_tag_ids(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(RUBICON_LEGACY, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("rubicon-account", "9176"), ("rubicon-site", "21342"),
            ("rubicon-zone", "72686")} <= ids


@pytest.mark.parametrize("script", [
    # a tip jar's wallet handed its chain (Arbitrum's chain ID)
    "var tipJar = new TipJar({chain: 'arbitrum'}); tipJar.wallet.setNetwork(42161);",
    # a player config naming FreeWheel for pre-rolls and Ad Manager's network for display
    'window.videoConfig = {"preroll": "freewheel", "display": {"networkId": "6088", '
    '"adUnitPath": "/6088/ssp.mag"}};',
    'window.videoConfig = {"ads": {"provider": "freewheel", "enabled": true}, '
    '"cast": {"receiverApp": "CC1AD845", "networkId": "80021"}};',
    # a shop's product named for the bicycle part
    'window.__SHOP__ = {"products": [{"name": "Shimano Freewheel 7-speed MF-TZ500", '
    '"networkId": "5521"}]};',
    # a player's renditions' profiles
    'videojs("v1", {renditions: [{profile: "1080:high"}, {profile: "720:main"}]});',
    # an author's profile in the page's data, of the same <number>:<name> shape
    'window.__AUTHOR__ = {"author": {"profileId": "20931:jane_doe", "name": "Jane Doe"}};',
    # a config the site took out
    '// var fwConfig = {profileid: "169843:nbcu_web_js"};\n'
    '/* adManager.setNetwork(382112); */',
], ids=["a wallet's setNetwork", "gam's networkId beside freewheel",
        "another object's networkId", "a bicycle freewheel", "rendition profiles",
        "an author's profile", "commented out"])
def test_no_freewheel_network_from_what_is_not_its_config(
        project_engine: Engine, catalogue: Catalogue, script: str) -> None:
    """FreeWheel's network is its own config's: its AdManager's setNetwork, its
    <network>:<profile> profile, the networkId of its object. On a page where FreeWheel
    runs, another object's networkId (Ad Manager's, a cast receiver's), another API's
    setNetwork, a rendition's profile or a commented-out config names none."""
    html = FREEWHEEL.replace("{net}", "381204").replace(
        "</body>", f"<script>{script}</script></body>")
    (page,) = audit(html.encode(), url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "freewheel-network"} == {"381204"}


def test_a_criteo_rta_tag_the_site_commented_out_names_no_ids(project_engine: Engine,
                                                              catalogue: Catalogue) -> None:
    """A site that took Criteo's RTA variables out by commenting them (`// var crtg_nid …`)
    runs no tag: as for the other calls a page took out, they name no network or zone."""
    html = (b"<html><head><title>t</title><script>\n"
            b"// var crtg_nid = \"1867\"; var crtg_zoneid = \"272008\"; (Criteo removed 2016)\n"
            b"/* var CRTG_NID=\"1870\"; */\nvar site = {};\n"
            b"</script></head><body><p>Article text.</p></body></html>")
    (page,) = audit(html, url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert not [i for i in page.ids if i.kind.startswith("criteo-")], page.ids


def test_a_commented_out_setnetwork_after_freewheels_admanager_is_none(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The network a site took out (`// adManager.setNetwork(382112);`) after making its
    AdManager is no ID; the call it makes next is. The match opens at the word naming
    FreeWheel, live, but its value sits in the comment."""
    script = ("var adManager = new tv.freewheel.SDK.AdManager();\n"
              "// adManager.setNetwork(382112);  the network before the move\n"
              "adManager.setNetwork(169843);\n"
              'adManager.setServer("https://29773.v.fwmrm.net/ad/g/1");')
    html = FREEWHEEL.replace("{net}", "169843").replace(
        "</body>", f"<script>{script}</script></body>")
    (page,) = audit(html.encode(), url="https://mag.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "freewheel-network"} == {
        "381204", "169843"}
