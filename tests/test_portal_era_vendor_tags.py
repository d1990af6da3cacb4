"""Vendor tags of 2008-2016 portal and news pages in the forms their vendors documented
(ADTECH's pipe-parted tags, DART's site with no zone, Yahoo!'s own ad server, Overture's
partner feed, MSN's DAP library, and the measurement and social tags beside them): the
network each names, the IDs it carries, and the placements its tags show where they stand
(pages written for these tests)."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = """<html><head><title>t</title></head><body>
<div class="story"><p>Story text long enough to read as the page's own prose, and more of it
so that no box of the page is the story's.</p></div>
{}
</body></html>"""

# (tag markup, network it names, (kind, value) IDs it must give)
TAGS = {
    "adtech-pipe-parted-tag-and-its-noscript-image": (
        """<div id="top-ad"><script><!--
document.write('<scr'+'ipt language="javascript1.1" src="http://adserver.adtech.de/addyn|3.0|\
640.1|4410233|0|225|ADTECH;loc=100;target=_blank;misc='+new Date().getTime()+'"></scri'+'pt>');
//--></script><noscript><a href="http://adserver.adtech.de/adlink|3.0|640.1|4410233|0|225|\
ADTECH;loc=300;"><img src="http://adserver.adtech.de/adserv|3.0|640.1|4410233|0|225|ADTECH;\
loc=300;"></a></noscript></div>""",
        "ADTECH", {("adtech-network", "640.1"), ("adtech-placement", "4410233")}),
    "adsense-legacy-unit-custom-channel": (
        """<div class="adsense-box"><script type="text/javascript"><!--
google_ad_client = "ca-pub-5512093377461188"; google_ad_channel = "7701234567+7701234568";
google_ad_slot = "4410022233"; google_ad_width = 300; google_ad_height = 250;
//--></script><script type="text/javascript"
 src="http://pagead2.googlesyndication.com/pagead/show_ads.js"></script></div>""",
        "Google AdSense", {("adsense-channel", "7701234567")}),
    "dart-tag-naming-a-site-and-no-zone": (
        """<div id="footer-board"><script>var ord = Math.floor(Math.random() * 1e16);
document.write('<script src="http://ad.doubleclick.net/N4420/adj/City_News_Footer;sz=728x90;\
ord=' + ord + '?"><\\/script>');</script></div>""",
        "DoubleClick DART", {("dart-site", "City_News_Footer"), ("dart-network", "4420")}),
    "yahoo-ad-server-frame-site-and-property": (
        """<div id="sponsor"><iframe src="http://uk.adserver.yahoo.com/a?f=2033445566&amp;\
p=ukcityshop&amp;l=PS&amp;c=h" width="88" height="43" frameborder="0"></iframe></div>""",
        "Yahoo! Ad Server", {("yahoo-adserver-site", "2033445566"),
                             ("yahoo-adserver-space", "ukcityshop")}),
    "overture-partner-feed-script": (
        """<div id="sponsored-links"></div><script src="http://cityshop.overture.com/d/search/p/\
cityshop/js/dir/?mkt=uk&amp;maxCount=4&amp;Partner=cityshop_js_uk&amp;ctxtId=77"></script>""",
        "Yahoo! Search Marketing (Overture)", {("overture-partner", "cityshop_js_uk")}),
    "msn-dap-library-in-a-loader-list": (
        """<script>var advScripts = ["http://ads1.msn.com/library/dap.js", "/js/banners.js"];
for (var i = 0; i < advScripts.length; i++) { $.getScript(advScripts[i]); }</script>""",
        "Microsoft Advertising", set()),
    "qubit-opentag-container": (
        """<script src='//d3c3cq33003psk.cloudfront.net/opentag-31337-400112.js' async defer>\
</script>""",
        "Qubit OpenTag", {("qubit-opentag", "opentag-31337-400112")}),
    "gigya-sdk-with-its-api-key": (
        """<script src="//cdn.gigya.com/JS/gigya.js?apiKey=3_Qx8Zr2Lm0PwE5tYvB1nC7kD9fGhJ4aS6uI"\
></script>""",
        "Gigya", {("gigya-api-key", "3_Qx8Zr2Lm0PwE5tYvB1nC7kD9fGhJ4aS6uI")}),
    "georiot-snippet-account-outright": (
        """<script src="//cdn.georiot.com/snippet.js"></script>
<script>jQuery(document).ready(function(){ Georiot.amazon.convertToGeoRiotLinks(40512, true); });
</script>""",
        "GeoRiot", {("georiot-tsid", "40512")}),
    "georiot-snippet-account-in-a-variable": (
        """<script src="//cdn.georiot.com/snippet.js"></script>
<script>jQuery(document).ready(function() { var tsid = 2271; // City News
  Georiot.snippet.convertToGeoRiotLinks(tsid); });</script>""",
        "GeoRiot", {("georiot-tsid", "2271")}),
    "true-anthem-snippet-variable": (
        """<script>(function (w, d) { var s1 = d.getElementsByTagName('script')[0],
 s = d.createElement('script'), cid = '733';
 s.src = '//tru.am/scripts/ta-pagesocial-sdk.js';
 s.addEventListener('load', function () { w.TRUE_ANTHEM.configure(cid); }, false);
 s1.parentNode.insertBefore(s, s1); }(window, document));</script>""",
        "True Anthem", {("trueanthem-cid", "733")}),
    "true-anthem-configured-outright": (
        """<script>$.getScript('//tru.am/scripts/ta-pagesocial-sdk.js', function () {
 window.TRUE_ANTHEM.configure('91'); });</script>""",
        "True Anthem", {("trueanthem-cid", "91")}),
    "tns-counter-image-and-its-noscript": (
        """<script>(new Image()).src = '//www.tns-counter.ru/V13a***R>' + document.referrer.replace(
/\\*/g,'%2a') + '*citynews_ru/ru/UTF-8/tmsec=citynews_total/' + Math.round(Math.random()*1E9);
</script><noscript><img src="//www.tns-counter.ru/V13a****citynews_ru/ru/UTF-8/\
tmsec=citynews_total/" width="1" height="1" alt=""></noscript>""",
        "TNS (Mediascope) counter", {("tns-counter", "citynews_ru")}),
    "blue-metrix-tag": (
        """<script>document.write(unescape('%3C')+'script src="'+location.protocol+'//t.\
bmmetrix.com/ie/citynews_ie/bmv13.js" type="text/javascript"'+unescape('%3E%3C')+'/script'+
unescape('%3E'));
</script><noscript><img src="https://ie-stat.bmmetrix.com/V13a****citynews_ie/ie/UTF-8//"
alt=""></noscript>""",
        "Blue Metrix", {("bluemetrix-account", "citynews_ie")}),
    "taboola-newsroom-loader": (
        """<script>window._newsroom = window._newsroom || []; (function (e, f, u) {
e.async = 1; e.src = u; f.parentNode.insertBefore(e, f); })(document.createElement('script'),
document.getElementsByTagName('script')[0], '//c2.taboola.com/nr/citynews-web/newsroom.js');
</script>""",
        "Taboola Newsroom", set()),
    "moat-content-tag-partner-code": (
        """<script>(function(){var a=document,b=a.createElement("script");b.async=!0;
b.src="http://s.moatads.com/citynews412QxT90/moatcontent.js";a.head.appendChild(b)})();</script>""",
        "Oracle Moat", {("moat-partner", "citynews412QxT90")}),
    "rambler-top100-counter": (
        """<script id="top100Counter" async src="https://counter.rambler.ru/top100.jcn?3012877">\
</script><noscript><img src="https://counter.rambler.ru/top100.cnt?3012877" alt="" width="1"
height="1"></noscript>""",
        "Rambler Top-100", {("rambler-top100", "3012877")}),
    "rambler-top100-kraken-counter": (
        """<script>(function (w, d, c) { (w[c] = w[c] || []).push(function() {
var options = { project: 3012878, element: 'top100_widget' };
try { w.top100Counter = new top100(options); } catch(e) { } });
var n = d.getElementsByTagName("script")[0], s = d.createElement("script");
s.async = true; s.src = "https://st.top100.ru/top100/top100.js";
n.parentNode.insertBefore(s, n); })(window, document, "_top100q");</script>""",
        "Rambler Top-100", {("rambler-top100", "3012878")}),
    "rambler-top100-kraken-noscript": (
        """<noscript><img src="//counter.rambler.ru/top100.cnt?pid=3012879" alt="Top-100" />\
</noscript>""",
        "Rambler Top-100", {("rambler-top100", "3012879")}),
    "4wnet-text-link-frame-account": (
        """<div class="links-box"><script>document.write('<iframe id="fw660" src="http://feed.4wnet\
.com/feed.html.ashx?a=5120&amp;n=3&amp;i=1" height="120" width="660"></iframe>');</script></div>""",
        "4w Marketplace", {("4wnet-account", "5120")}),
}


def _page(markup: str, project_engine: Engine, catalogue: Catalogue) -> PageReport:
    (page,) = audit(PAGE.format(markup).encode(), url="https://citynews.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    return page


@pytest.mark.parametrize("name", sorted(TAGS))
def test_portal_era_tag_names_its_vendor_and_ids(name: str, project_engine: Engine,
                                                 catalogue: Catalogue) -> None:
    markup, network, ids = TAGS[name]
    page = _page(markup, project_engine, catalogue)
    assert network in {n.network for n in page.networks}
    assert ids <= {(i.kind, i.value) for i in page.ids}


def test_look_alike_paths_carry_no_account(project_engine: Engine, catalogue: Catalogue) -> None:
    """A Moat player plugin's folder, an ad's TNS audit pixel (a campaign's, on any site
    showing it), a DART advertiser's DFA placement, a Yahoo! position's name, an AdSense
    channel of words, and Rambler's Kraken options without its counter's queue, on a
    look-alike host or in a <pre> are no account of the page's."""
    markup = """<script src="https://z.moatads.com/jwplayerplugin0938452/moatplugin.js"></script>
<img src="https://www.tns-counter.ru/V13a****rambler_ad/ru/UTF-8/tmsec=rambler_cid5538-posid5539/"
 width="1" height="1">
<img src="http://ad.doubleclick.net/ad/N3867.citynews/B7123;sz=1x1;ord=1?" width="1" height="1">
<iframe src="http://uk.adserver.yahoo.com/a?f=2033445566&amp;p=ukcityshop&amp;l=LREC&amp;c=h"
 width="300" height="250"></iframe>
<script>google_ad_client = "ca-pub-5512093377461188"; google_ad_channel = "news";</script>
<script>var options = {project: 3012880}; var t = new top100(options);</script>
<img src="//counter.rambler.ru.evil.net/top100.cnt?pid=3012881" width="1" height="1">
<pre>(w[c] = w[c] || []).push(function() { var o = {project: 3012882}; new top100(o); });
//counter.rambler.ru/top100.cnt?pid=3012883</pre>
<script src="http://pagead2.googlesyndication.com/pagead/show_ads.js"></script>"""
    page = _page(markup, project_engine, catalogue)
    values = {i.value for i in page.ids}
    assert not values & {"jwplayerplugin0938452", "rambler_ad", "N3867.citynews", "LREC", "news",
                         "3012880", "3012881", "3012882", "3012883"}
    assert "adsense-channel" not in {i.kind for i in page.ids}


def test_a_look_alike_host_is_no_adtech_tag(project_engine: Engine,
                                          catalogue: Catalogue) -> None:
    """A host whose name ends in ADTECH's (madtech.com, a badtech.de) calling a path of
    ADTECH's form is not ADTECH's: no network, no placement of its."""
    markup = """<script src="https://cdn.madtech.com/addyn/3.0/5108/1234567/0/170/ADTECH;loc=100">
</script><script>document.write('<scr'+'ipt src="http://ads.badtech.de/addyn|3.0|640.1|4410233|\
0|225|ADTECH;loc=100"></scri'+'pt>');</script>"""
    page = _page(markup, project_engine, catalogue)
    assert "ADTECH" not in {n.network for n in page.networks}, page.ids


def _slots(page: PageReport) -> list[tuple[int, str | None]]:
    return [(s.line, s.network) for s in page.slots]


def test_yahoo_ad_server_positions_are_its_slots(project_engine: Engine,
                                                 catalogue: Catalogue) -> None:
    """Its frame tag and its script tag written where the ad shows are placements; a 1x1
    frame is a beacon position, none."""
    markup = """<div id="sponsor">
<iframe src="http://uk.adserver.yahoo.com/a?f=2033445566&amp;p=ukcityshop&amp;l=PS&amp;c=h"
 width="88" height="43"></iframe></div>
<div id="rectangle"><script type="text/javascript">
document.write('<scr'+'ipt type="text/javascript" src="http://uk.adserver.yahoo.com/a?f=2033445566\
&p=ukcityshop&l=LREC&c=r">');
document.write('</scr'+'ipt>');</script></div>
<iframe src="http://uk.adserver.yahoo.com/a?f=2033445566&amp;p=ukcityshop&amp;l=Z&amp;c=sh"
 width="1" height="1"></iframe>"""
    page = _page(markup, project_engine, catalogue)
    yahoo = [s for s in page.slots if s.network == "Yahoo! Ad Server"]
    assert len(yahoo) == 2, _slots(page)
