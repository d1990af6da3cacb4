"""Vendor tags of 2014-2016 news sites in the forms their vendors documented: the
network each names and the account IDs it carries (pages written for these tests)."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = "<html><head><title>t</title></head><body><p>Story text.</p>\n{}\n</body></html>"

# (tag markup, network it names, (kind, value) IDs it must give)
TAGS = {
    "pubmatic-legacy-optimisation-tag": (
        """<script>var pm_optimize_adslots = ['NEWS_ATF@300x250']; var pm_pub_id = 40517;</script>
<script src="http://ads.pubmatic.com/AdServer/js/gshowad.js"></script>""",
        "PubMatic", {("pubmatic-publisher", "40517")}),
    "rubicon-oz-site-account-and-site": (
        """<script>oz_api = "valuation"; oz_site = "7701/88123"; oz_zone = "412";</script>
<script src="http://tap-cdn.rubiconproject.com/partner/scripts/rubicon/dorothy.js?pc=7701/88123"></script>""",
        "Magnite (Rubicon Project)", {("rubicon-account", "7701"), ("rubicon-site", "88123")}),
    "polar-embed-from-its-fastly-host": (
        """<script src="http://assets-polarb-com.a.ssl.fastly.net/assets/polar-embedded.js"
 async="true" data-publisher="dailynews" data-placement="Rail"></script>""",
        "Polar", set()),
    "simplereach-s3-loader-and-pid-variable": (
        """<script>var _SIMPLE_REACH_PID="61aa0c3e9b8d7f2e4c5a1b90";</script>
<script src="http://simple-cdn.s3.amazonaws.com/js/reach.js"></script>""",
        "SimpleReach", {("simplereach-pid", "61aa0c3e9b8d7f2e4c5a1b90")}),
    "ias-skeleton-wrapper-account": (
        """<SCRIPT language='JavaScript1.1'
 SRC="http://pixel.adsafeprotected.com/rjss/st/45120/7700312/skeleton.js"></SCRIPT>""",
        "Integral Ad Science", {("ias-account", "45120")}),
    "monetate-tag-url-built-in-a-string": (
        """<script>(function(){var m=document.createElement('script');
m.src=(location.protocol=="https:"?"https://s":"http://")+"b.monetate.net/js/1/a-9f00e1c2/p/news.test/"
+Math.floor(Date.now()/3600000)+"/g";document.head.appendChild(m);})();</script>""",
        "Monetate", {("monetate-account", "a-9f00e1c2")}),
    "evidon-adchoices-notice-tag": (
        """<script>(function(){var ev=document.createElement('script');ev.async=true;
ev.setAttribute('data-ev-tag-pid', 31); ev.setAttribute('data-ev-tag-ocid', 512);
ev.src=('https:'==document.location.protocol?'https://':'http://')+'c.betrad.com/pub/tag.js';
document.body.appendChild(ev);})();</script>""",
        "Evidon", set()),
    "adobe-h-code-under-the-sites-file-name": (
        """<script src="/assets/js/s_code_dailynews_main.js"></script>
<script>dn.s.pageName = "home"; dn.s.channel = "News"; dn.s.t();</script>""",
        "Adobe Experience Platform", set()),
    "addthis-pubid-after-wordpress-ver-query": (
        """<script type='text/javascript'
 src='http://s7.addthis.com/js/300/addthis_widget.js?ver=4.2.1#pubid=ra-5a0b1c2d3e4f5061'></script>""",
        "AddThis", {("addthis-publisher", "ra-5a0b1c2d3e4f5061")}),
    "openx-ad-unit-written-into-a-named-frame": (
        """<div class="ad-top"><iframe name="ox-frame-1" src="about:blank"></iframe><script>
var f = frames["ox-frame-1"].document; f.open();
f.write('<script>if (!window.OX_ads) { OX_ads = []; } OX_ads.push({ "auid" : "771234" });'
 + '<\\/script><script src="http://ox-d.cityherald.test/w/1.0/jstag"><\\/script>'
 + '<noscript><iframe src="http://ox-d.cityherald.test/w/1.0/afr?auid=771235&cb=1"></iframe>'
 + '</noscript>'); f.close();</script>
<script src="http://us-ads.openx.net/w/1.0/jstag"></script></div>""",
        "OpenX", {("openx-auid", "771234"), ("openx-auid", "771235")}),
    "google-ads-conversion-noscript-image": (
        """<noscript><div style="display:inline;"><img height="1" width="1" alt=""
 src="//www.googleadservices.com/pagead/conversion/1002003004/?value=0&amp;label=xYz&amp;guid=ON&amp;script=0"></div></noscript>""",
        "Google Ads", {("google-ads-conversion", "1002003004")}),
    "clicky-noscript-image": (
        """<noscript><p><img alt="Clicky" width="1" height="1"
 src="//in.getclicky.com/87654321ns.gif"></p></noscript>""",
        "Clicky", {("clicky-site", "87654321")}),
    "clicky-site-ids-push": (
        """<script>var clicky_site_ids = clicky_site_ids || [];
clicky_site_ids.push(87654321);</script>
<script async src="//static.getclicky.com/js"></script>""",
        "Clicky", {("clicky-site", "87654321")}),
    "twitter-website-tag-noscript-images": (
        """<noscript><img height="1" width="1" style="display:none;" alt=""
 src="https://analytics.twitter.com/i/adsct?txn_id=q1w2e&amp;p_id=Twitter">
<img height="1" width="1" style="display:none;" alt=""
 src="//t.co/i/adsct?txn_id=q1w2e&amp;p_id=Twitter"></noscript>""",
        "X (Twitter) Pixel", {("twitter-pixel", "q1w2e")}),
    "adobe-appmeasurement-bundled-with-its-account-set": (
        """<script>function AM(){var m=this;var w=window;w.s_c_in||(w.s_c_il=[],w.s_c_in=0);
m._il=w.s_c_il;m._in=w.s_c_in;m._il[m._in]=m;w.s_c_in++;m.t=function(){};}
var s=new AM();s.account="cityheraldprod";
s.trackingServer="metrics.cityherald.test";s.t();</script>""",
        "Adobe Experience Platform", {("adobe-report-suite", "cityheraldprod")}),
    "adobe-appmeasurement-exported-suite-in-an-attribute": (
        """<div class="analytics" data-rsid="cityheraldprod" data-prop1="Article"></div>
<script>(function(){function i(){this.t=function(){};}window.AppMeasurement=i;
var s=new window.AppMeasurement();
s.account=document.querySelector("[data-rsid]").getAttribute("data-rsid");s.t();})();</script>""",
        "Adobe Experience Platform", {("adobe-report-suite", "cityheraldprod")}),
}


@pytest.mark.parametrize("name", sorted(TAGS))
def test_legacy_tag_names_its_vendor_and_ids(name: str, project_engine: Engine,
                                             catalogue: Catalogue) -> None:
    markup, network, ids = TAGS[name]
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert network in {n.network for n in page.networks}
    assert ids <= {(i.kind, i.value) for i in page.ids}


def test_legacy_id_variables_need_their_own_form(project_engine: Engine,
                                                 catalogue: Catalogue) -> None:
    """Look-alike variables are no IDs: a site's own `oz_site` of words, a pid of one
    repeated hex digit (a template's), an AddThis fragment on another widget's file, an
    `auid` off OpenX's delivery paths, a Clicky image not of its noscript form, a txn_id
    longer than a pixel's, a report suite where no Adobe code runs (a test of
    `window.AppMeasurement` is none)."""
    markup = """<script>var pm_pub_id = "abc"; oz_site = "news/sport";
var _SIMPLE_REACH_PID="000000000000000000000000";</script>
<script src="http://ads.pubmatic.com/AdServer/js/gshowad.js"></script>
<script src="http://tap-cdn.rubiconproject.com/partner/scripts/rubicon/dorothy.js"></script>
<script src="http://simple-cdn.s3.amazonaws.com/js/reach.js"></script>
<script src="http://s7.addthis.com/js/300/other_widget.js?ver=1#pubid=ra-5a0b1c2d3e4f5061"></script>
<script src="http://us-ads.openx.net/w/1.0/jstag"></script><img src="/w/1.0/page?auid=123456">
<img src="//in.getclicky.com/pixel.gif?site=87654321">
<img src="https://analytics.twitter.com/i/adsct?p_id=Twitter&amp;txn_id=toolongid">
<div data-rsid="cityheraldprod"></div><script>if (window.AppMeasurement == null) { x = 1; }
var s = {}; s.account = "cityheraldprod";</script>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    kinds = {i.kind for i in page.ids}
    assert not kinds & {"pubmatic-publisher", "rubicon-account", "rubicon-site",
                        "simplereach-pid", "addthis-publisher", "openx-auid", "clicky-site",
                        "twitter-pixel", "adobe-report-suite"}


def _page(markup: str, project_engine: Engine, catalogue: Catalogue) -> PageReport:
    (page,) = audit(markup.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    return page


def test_gpt_path_without_its_leading_slash(project_engine: Engine, catalogue: Catalogue) -> None:
    """GPT takes `defineSlot("5512345/News/Top", …)`: the network code and the unit path."""
    page = _page("""<html><head><script src="//www.googletagservices.com/tag/js/gpt.js"></script>
<script>googletag.cmd.push(function() {
  googletag.defineSlot("5512345/News/Top", [728, 90], "div-gpt-ad-top")
    .addService(googletag.pubads());
});</script></head><body><p>Story.</p>
<div id="div-gpt-ad-top"><script>
googletag.cmd.push(function(){googletag.display("div-gpt-ad-top");});</script></div>
</body></html>""", project_engine, catalogue)
    assert {("gpt-network", "5512345"), ("gpt-slot", "5512345/News/Top")} <= {
        (i.kind, i.value) for i in page.ids}
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Google Publisher Tag", "5512345/News/Top")]


def test_cn_dart_one_ad_call_positions_are_its_slots(project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    """CN.dart's single-request form names every position in one object; each position
    whose frame the page holds is a slot, and one without a frame is none."""
    page = _page("""<html><head><script>
CN.dart.init({ adUnits: { unit1: 'mag.dart' }, useOneAdCall : true });
CN.dart.oneAdCall({'header': {sz:'728x90', kws:["top"]}, 'rail': {sz:'300x250'},
  'gone': {sz:'160x600'}});
</script></head><body><div id="header728x90_frame" class="displayAd"></div>
<p>Story.</p><div id="rail300x250_frame" class="displayAd"></div></body></html>""",
                 project_engine, catalogue)
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (5, "Condé Nast CN.dart", "header"), (6, "Condé Nast CN.dart", "rail")]


def test_a_position_object_without_cn_darts_call_is_no_slot(project_engine: Engine,
                                                            catalogue: Catalogue) -> None:
    """An object of positions with `sz` sizes is CN.dart's only where the page makes the
    call: a site's own size table beside a frame of the same name names no CN.dart."""
    page = _page("""<html><head><script>
var adSizes = {'header': {sz: '728x90', label: 'Top'}, 'rail': {sz: '300x250'}};
</script></head><body><div id="header728x90_frame" class="box"></div>
<p>Story.</p><div id="rail300x250_frame" class="box"></div></body></html>""",
                 project_engine, catalogue)
    assert "Condé Nast CN.dart" not in {n.network for n in page.networks}
    assert [s for s in page.slots if s.network == "Condé Nast CN.dart"] == []


def test_aol_placement_in_an_argument_array(project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    """AOL's adsWrapper call with its arguments in an array: the magic number is the
    placement, the script's div the slot."""
    page = _page("""<html><head><script src="http://o.aolcdn.com/ads/adsWrapper.js"></script>
</head><body><div id="ad_rr" class="ad_wrapper_"><script>
var adId = '93412345';
adSetInView('D');

var args = [adId, 'RR', 'RR'
, 'f'];
if (typeof debugadcode == 'function') { debugadcode('AdTech', {args: args}); }
htmlAdWH.apply(this, args);
</script></div><p>Story.</p></body></html>""", project_engine, catalogue)
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Yahoo SSP (Verizon Media, ONE by AOL)", "93412345")]


def test_adsonar_unit_written_with_joined_strings(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    """An AdSonar unit written by document.write joins its numbers into the string."""
    page = _page("""<html><body><div class="unit"><script>
document.write('<s'+'cript>adsonar_placementId='+1600123+';adsonar_pid='+2400456+\
';adsonar_zw='+300+';adsonar_zh='+250+';</s'+'cript><s'+'cript \
src="http://js.adsonar.com/js/adsonar.js"></s'+'cript>')
</script></div><p>Story.</p></body></html>""", project_engine, catalogue)
    assert [(s.network, s.zone_id) for s in page.slots] == [("AdSonar (AOL)", "1600123")]
    assert ("adsonar-publisher", "2400456") in {(i.kind, i.value) for i in page.ids}


def test_legacy_tag_forms_are_read_in_linear_time() -> None:
    """The array-argument AOL call, CN.dart's one-call positions and AdSonar's joined
    strings, each repeated without the part that completes it (the regexes' worst case)."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        aol = "var adId = '93412345'; var args = [adId, 'RR', 'RR'; " * (n // 60)
        dart = "'p': {sz:'300x250'" * (n // 20)
        sonar = "adsonar_placementId='+1600123+';adsonar_zw='+" * (n // 50)
        return audit_seconds(f"<html><body><script>{aol} htmlAdWH.apply(this, x);</script>"
                             f"<script>CN.dart.oneAdCall({{{dart}</script>"
                             f"<script>{sonar}</script></body></html>")

    assert_linear(seconds, 40_000, "legacy tag forms")
