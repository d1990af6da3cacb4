"""IDs a vendor's tag is handed other than in its own request or element: in a config
object or array (`OB_elements = [{widgetId: "AR_1"}]`), through a site's helper named for
the vendor (`createOutbrainDivs("AR_3")`), URL-encoded in a query's JSON
(`data=%7B%22pubcode%22%3A…`), in a vendor's own documented config object (Content.ad's
`params`, Index Exchange's legacy `cygnus_index_args`, a site's ad config's `networkId`), by a
variable (Purch's `tmntag.account(pageAccount)`, Content Experiments' `cx/api.js?experiment="
+ id`, an assignment a comment holds being none) and in a loader's file name (Magnite
Demand Manager's `prebid/dynamic/<account>.js`). Each read with its kind; the same shapes
without the vendor read nothing. And a vendor a site hosts named by its own files' names
(Polar's `polar_config.min.js`) or its inline config (ids37).

The IDs are made up."""

from __future__ import annotations

import pytest

from .conftest import AuditHtml

_P = "<p>The council met on Tuesday to discuss the ferry timetable for the winter.</p>"
_OB_LOADER = ('<script>(function(){var ob=document.createElement("script");ob.async=true;'
              'ob.src="//widgets.outbrain.com/outbrain.js";'
              'document.getElementsByTagName("head")[0].appendChild(ob);})();</script>')
_GPT = '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'


def _page(*body: str) -> str:
    return "\n".join(["<html><head><title>t</title></head><body>", _P, *body,
                      "</body></html>"])


def _ids(audit_html: AuditHtml, page: str) -> set[tuple[str, str]]:
    return {(i.kind, i.value) for i in audit_html(page).ids}


CASES = [
    pytest.param(_page(
        '<div id="obArticle"></div><div id="obSide"></div>',
        '<script>var OB_permalink = location.href; OB_elements = [ { containerId : "obArticle", '
        'permalink : OB_permalink, widgetId : "AR_1" },{ containerId : "obSide", permalink : '
        'OB_permalink, widgetId : "SB_2" } ];</script>', _OB_LOADER),
        {("outbrain-widget", "AR_1"), ("outbrain-widget", "SB_2")},
        id="outbrain: widgetId keys of a config array"),
    pytest.param(_page(
        '<div id="outbrain_placeholder"></div>',
        "<script>function createOutbrainDivs(widgetId) { var divHtml = '<div class=\"OUTBRAIN\" "
        "data-src=\"https://site.example/page\" data-widget-id=\"' + widgetId + '\" "
        "data-ob-template=\"Site\"></div>'; $(\"#outbrain_placeholder\").append(divHtml); }\n"
        'if (narrow()) { createOutbrainDivs("MB_1"); } else { createOutbrainDivs("AR_3"); '
        'createOutbrainDivs("AR_17"); }\n'
        "$('<script>', {src: '//widgets.outbrain.com/outbrain.js'}).appendTo('body');</script>"),
        {("outbrain-widget", "MB_1"), ("outbrain-widget", "AR_3"), ("outbrain-widget", "AR_17")},
        id="outbrain: a site's helper named for it, handed each widget"),
    pytest.param(_page(
        '<div id="obArticle"></div>',
        '<script>var OB_elements = [{"containerId": "obArticle", "widgetId": "AR_4"}, '
        "{'containerId': 'obSide', 'widgetId': 'SB_5'}];</script>", _OB_LOADER),
        {("outbrain-widget", "AR_4"), ("outbrain-widget", "SB_5")},
        id="outbrain: widgetId keys quoted, as a config written as JSON has them"),
    pytest.param(_page(
        '<div id="ob-footer"></div>',
        '<script>loadOutbrainWidget("AR_6", "#ob-footer"); renderOutbrain( \'MB_7\' , box);'
        "</script>", _OB_LOADER),
        {("outbrain-widget", "AR_6"), ("outbrain-widget", "MB_7")},
        id="outbrain: a site's helper handed the widget and its container"),
    pytest.param(_page(
        '<script type="text/javascript" async="" src="//r.skimresources.com/api/?callback='
        'skimlinksApplyHandlers&amp;data=%7B%22pubcode%22%3A%2212345X678901%22%2C%22domains%22'
        '%3A%5B%22site.example%22%5D%7D"></script>'),
        {("skimlinks-publisher", "12345X678901")},
        id="skimlinks: pubcode URL-encoded in its API request's JSON"),
    pytest.param(_page(
        '<div id="content_ad"></div>',
        '<script type="text/javascript">(function() { var params = { id : '
        '"1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d", d : "c2l0ZS5leGFtcGxl", wid: "42175" }; '
        'var qs="";for(var key in params){qs+=key+"="+params[key]+"&"} var s = '
        'document.createElement("script"); s.src = "http://api.content.ad/Scripts/widget.js?" + '
        'qs; document.getElementById("content_ad").appendChild(s); }());</script>'),
        {("content-ad-widget", "42175")},
        id="content.ad: the widget tag's params object"),
    pytest.param(_page(
        '<div id="content_ad"></div>',
        '<script>(function(){var params = {"id": "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d", "d": '
        '"c2l0ZS5leGFtcGxl", "wid": "42176", "cb": (new Date()).getTime()}; var qs=""; '
        'for (var k in params) { qs += k + "=" + params[k] + "&"; } var s = '
        'document.createElement("script"); s.src = "//api.content.ad/Scripts/widget2.aspx?" + qs; '
        'document.getElementById("content_ad").appendChild(s);})();</script>'),
        {("content-ad-widget", "42176")},
        id="content.ad: the params object's keys quoted"),
    pytest.param(_page(
        "<script>window.IndexArgs = { 'device': 'D', 'siteID': 187654, 'slots': [ {'id': '1', "
        "'width': 728, 'height': 90} ] };</script>",
        "<script>var cygnus_index_args = { timeout: 300, siteID: 187655, slots: "
        "[{ id: '1', width: 300, height: 250 }] };</script>"),
        {("index-exchange-site", "187654"), ("index-exchange-site", "187655")},
        id="index exchange: the legacy header tag's siteID"),
    pytest.param(_page(
        '<link rel="preload" href="//micro.rubiconproject.com/prebid/dynamic/24680.js" '
        'as="script"/>'),
        {("rubicon-account", "24680")},
        id="magnite: Demand Manager's loader names the account"),
    pytest.param(_page(
        _GPT, '<script>var Site = {"adConfig":{"site":"news_site","preroll":"on",'
        '"networkId":24680,"keys":{"section":["news"]}}};</script>'),
        {("gpt-network", "24680")},
        id="gpt: a site's ad config names the network code"),
    pytest.param(_page(
        _GPT, "<script>var SiteConfig = { channels: [\"family\"], feature_tower_unit_name: "
        "'/24681/SiteName/SponsoredPost/FeatureTower', dfp_section: 'SiteName' };</script>"),
        {("gpt-network", "24681")},
        id="gpt: a unit's path under a key named for its name"),
    pytest.param(_page(
        "<script src='http://ads.servebom.com/tmnhead.js'></script>",
        "<script>var adSlots = {}; var pageAccount = '/10518930/tmn.news'; var pageAdZone = "
        "'/ferries'; tmntag.adunit({account:pageAccount+pageAdZone, div:'ad_skin'}); "
        "tmntag.account(pageAccount);</script>"),
        {("gpt-slot", "/10518930/tmn.news"), ("gpt-network", "10518930")},
        id="purch: the account its tag is handed by a variable"),
    pytest.param(_page(
        "<script src='http://ads.servebom.com/tmnhead.js'></script>",
        '<script>var bg="url(//cdn.site.example/bg.png)",pageAccount="/10518932/tmn.news";'
        "tmntag.account(pageAccount);</script>"),
        {("gpt-slot", "/10518932/tmn.news"), ("gpt-network", "10518932")},
        id="purch: an account assigned after a string holding ( and //, no comment"),
    pytest.param(_page(
        "<script src='http://ads.servebom.com/tmnhead.js'></script>",
        "<script>var skip = ['/*', '/admin'];\nvar pageAccount = '/10518933/tmn.news'; "
        "tmntag.account(pageAccount);</script>"),
        {("gpt-slot", "/10518933/tmn.news"), ("gpt-network", "10518933")},
        id="purch: an account assigned after a string holding /*, no comment"),
    pytest.param(_page(
        "<script>\n//var experimentid = \"HFjPvEF9QYyr6nZ-lFqjMA\"; //all\n"
        "var experimentid = \"Qx4sJN8YWTbaosZzwch_3m\";  //landing\n"
        "$.getScript(\"//www.google-analytics.com/cx/api.js?experiment=\"+experimentid, "
        "function(){ cxApi.chooseVariation(); });</script>"),
        {("ga-experiment", "Qx4sJN8YWTbaosZzwch_3m")},
        id="ga: the experiment handed by a variable, other choices commented out"),
    pytest.param(_page(
        _GPT, '<script>EX.Ads.recordSlot("/7654321/example", "leaderboard", [[728,90]], null);'
        "</script>"),
        {("gpt-slot", "/7654321/example"), ("gpt-network", "7654321")},
        id="gpt: a unit path handed to the site's own slot wrapper"),
    pytest.param(_page(
        _GPT, "<script>googletag.cmd.push(SiteAds.createTopAd.bind(SiteAds, {\"div\": \"top\", "
        "\"pos\": \"top\", \"topics\": \"" + "harbour(ferry)," * 40 + "\"}, "
        "'/7654321/ex/news/'));</script>"),
        {("gpt-slot", "/7654321/ex/news/"), ("gpt-network", "7654321")},
        id="gpt: a unit path bound to the site's ad helper after its config"),
    pytest.param(_page(
        _GPT, '<script>Loader.set("adsConfig", {"lazy": 1, "zone": "/7654321/ex/channel_news"});'
        "</script>"),
        {("gpt-slot", "/7654321/ex/channel_news"), ("gpt-network", "7654321")},
        id="gpt: a unit path as the site's ad config's zone"),
    pytest.param(_page(
        "<script>var ms = document.createElement('script'); var cid = '8CUTEST12';"
        "if (window.innerWidth < 600) { cid = '8CUTEST34'; }"
        'ms.src = "https://contextual.media.net/bidexchange.js?cid=" + cid + "&https=1";'
        "document.head.appendChild(ms);</script>"),
        {("medianet-customer", "8CUTEST12"), ("medianet-customer", "8CUTEST34")},
        id="media.net: the customer held in a variable joined into its loader"),
    pytest.param(_page(
        "<script>var _fbq = window._fbq || (window._fbq = []); var f = document.createElement"
        "('script'); f.src = '//connect.facebook.net/en_US/fbds.js';"
        "window._fbq.push(['track', '6098765432101', {'value': '1.00', 'currency': 'USD'}]);"
        "</script>"),
        {("facebook-pixel", "6098765432101")},
        id="facebook: the legacy conversion pixel's track call"),
    pytest.param(_page(
        _GPT, '<script src="https://mtrx.go.sonobi.com/morpheus.site.1234.js"></script>',
        '<script>Site.Ads.recordSlot("/7654321/example", "top", [[728,90]], '
        '{"sonobi_id": "0a1b2c3d4e5f60718293"});</script>'),
        {("sonobi-placement", "0a1b2c3d4e5f60718293")},
        id="sonobi: a placement under its key in the site's slot config"),
]


@pytest.mark.parametrize(("page", "expected"), CASES)
def test_an_id_handed_along_is_read_with_its_kind(audit_html: AuditHtml, page: str,
                                                  expected: set[tuple[str, str]]) -> None:
    assert expected <= _ids(audit_html, page)


NOT_IDS = [
    pytest.param(_page(
        '<script>var widgets = [{ containerId : "w1", widgetId : "AR_1" }];</script>'),
        ("outbrain-widget", "AR_1"), id="widgetId keys without Outbrain on the page"),
    pytest.param(_page(
        "<script>function createOutbrainDivs(w) {} createOutbrainDivs(\"12345\");</script>",
        _OB_LOADER),
        ("outbrain-widget", "12345"), id="an Outbrain helper handed no widget-shaped value"),
    pytest.param(_page(
        "<script>var params = { id : \"1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d\", wid: \"42175\" };"
        "</script>"),
        ("content-ad-widget", "42175"), id="a params object without Content.ad on the page"),
    pytest.param(_page(
        "<script>var carouselArgs = { siteID: 187654, slides: 4 };</script>"),
        ("index-exchange-site", "187654"), id="a siteID in another object"),
    pytest.param(_page(
        _GPT, "<script>pbjs.addAdUnits([{code: 'top', bids: [{bidder: 'criteo', params: "
        "{networkId: 4455}}]}]);</script>"),
        ("gpt-network", "4455"), id="a Criteo bid's networkId on a GPT page"),
    pytest.param(_page(
        _GPT, "<script>Criteo.events.push(function() { Criteo.RequestBids({ networkId: 4455, "
        "zoneId: 1 }); });</script>"),
        ("gpt-network", "4455"), id="Criteo's own config on a GPT page"),
    pytest.param(_page(
        _GPT, "<script>var adUnits = [{code: 'top', bids: [{params: {networkId: 4455}, bidder: "
        "'criteo'}, {bidder: 'appnexus', params: {placementId: 13144370}}]}];</script>"),
        ("gpt-network", "4455"), id="a Criteo bid's networkId, its params before its bidder"),
    pytest.param(_page(
        _GPT, "<script>var videoConfig = { player: 'vjs', freewheel: { networkId: 169843, "
        "serverUrl: 'https://29773.v.fwmrm.net/ad/g/1', profileId: '169843:site_web' } };"
        "</script>"),
        ("gpt-network", "169843"), id="a FreeWheel video config's networkId on a GPT page"),
    pytest.param(_page(
        _GPT, '<script>var fwParams = {"networkId": 169843, "serverURL": '
        '"https://29773.v.fwmrm.net/ad/g/1", "siteSectionId": "news"};</script>'),
        ("gpt-network", "169843"), id="a FreeWheel config with its server"),
    pytest.param(_page(
        _GPT, '<script>window.__CHAINS__ = [{"name": "Polygon", "chainId": 137, "networkId": '
        '137, "rpc": ["https://rpc.chain.example"]}];</script>'),
        ("gpt-network", "137"), id="a blockchain's networkId after its chainId on a GPT page"),
    pytest.param(_page(
        _GPT, "<script>const onboard = Onboard({ dappId: '0a1b2c3d-1111-2222-3333-444455556666', "
        "networkId: 43114, subscriptions: { wallet: w => {} } });</script>"),
        ("gpt-network", "43114"), id="a wallet library's networkId on a GPT page"),
    pytest.param(_page(
        "<script src='http://ads.servebom.com/tmnhead.js'></script>",
        "<script>var pageAccount = '/10518930/tmn.news'; if (x) { pageAccount = "
        "'/10518931/tmn.other'; } tmntag.account(pageAccount);</script>"),
        ("gpt-network", "10518930"), id="purch: a variable assigned two accounts names neither"),
    pytest.param(_page(
        "<script>var SiteConfig = { feature_tower_unit_name: '/24681/SiteName/Tower' };</script>"),
        ("gpt-network", "24681"), id="a unit name's path without GPT"),
    pytest.param(_page(
        '<script>var player = {"networkId": 24680, "autoplay": false};</script>'),
        ("gpt-network", "24680"), id="a networkId without GPT"),
    pytest.param(_page(
        '<script>EX.Ads.recordSlot("/7654321/example", "top", [[728,90]]);</script>'),
        ("gpt-network", "7654321"), id="a unit path handed to a slot wrapper without GPT"),
    pytest.param(_page(
        _GPT, '<script>router.navigate("/7654321/comments"); history.pushState(null, "", '
        '"/7654321/edit");</script>'),
        ("gpt-network", "7654321"), id="a route with a number handed to a router on a GPT page"),
    pytest.param(_page(
        _GPT, '<script>Ads.loadAddress("/2019/05/ferry-vote/"); loadAdImage("/7654321/top.png");'
        "</script>"),
        ("gpt-network", "2019"), id="a dated permalink handed to an ad helper on a GPT page"),
    pytest.param(_page(
        _GPT, "<script>loadAdImage('/7654321/top.png'); getAddress('/7654321/home');"
        "showAd('/7654321/home?x=1'); address('/7654321/home');</script>"),
        ("gpt-network", "7654321"), id="a file, an address's call, a URL with a query"),
    pytest.param(_page(
        _GPT, '<script>var cfg = {"zone": "/7654321/2020"};</script>'),
        ("gpt-slot", "/7654321/2020"), id="a zone path whose unit holds no letter"),
    pytest.param(_page(
        "<script>var cid = '8CUTEST12'; var other = '8CUOTHER1';"
        'ms.src = "https://contextual.media.net/bidexchange.js?cid=" + other;</script>'),
        ("medianet-customer", "8CUTEST12"), id="media.net: a variable its loader does not join"),
    pytest.param(_page(
        "<script>var f = document.createElement('script'); f.src = "
        "'//connect.facebook.net/en_US/fbds.js'; window._fbq = window._fbq || [];"
        "window._fbq.push(['track', 'PixelInitialized', {}]);"
        "var tracker = {track: ['track', '6098765432101']};</script>"),
        ("facebook-pixel", "6098765432101"), id="facebook: an event's name, a number elsewhere"),
    pytest.param(_page(
        '<script>var slot = {"sonobi_id": "0a1b2c3d4e5f60718293"};</script>'),
        ("sonobi-placement", "0a1b2c3d4e5f60718293"), id="sonobi: its key without Sonobi"),
]


@pytest.mark.parametrize(("page", "kind_value"), NOT_IDS)
def test_the_same_shape_without_the_vendor_is_no_id(audit_html: AuditHtml, page: str,
                                                     kind_value: tuple[str, str]) -> None:
    assert kind_value not in _ids(audit_html, page)


NAMED_BY_FILES = [
    pytest.param(_page(
        '<script src="http://ad-scripts.site.example/loaders/latest/js/min/polar_config.min.js">'
        "</script>"), id="polar: its placements' config file on the site's host"),
    pytest.param(_page(
        "<script>if (typeof polar_config == \"undefined\") { var polar_config = [\n"
        '{label:"Article Page- Right Rail Unit", id:"93400001"},\n];\n'
        "document.write('<scr'+'ipt async=\"true\" src=\"http://static.site.example/2014/07/25/"
        "1406300000-20140725_polar_plugin_desktop.js\"></scr'+'ipt>'); }</script>"),
        id="polar: its config inline and its plugin build on the site's host"),
]


@pytest.mark.parametrize("page", NAMED_BY_FILES)
def test_a_vendor_named_by_its_own_files_on_the_site(audit_html: AuditHtml, page: str) -> None:
    assert "Polar" in {n.network for n in audit_html(page).networks}


@pytest.mark.parametrize("src", [
    "/static/js/highcharts/polar_config.js",  # a chart's polar-axis config file
    "/wp-content/plugins/wp-polar/js/wp_polar_plugin_admin.js",  # a site plugin named polar
    "/wp-content/plugins/polar/js/polar_plugin_settings.js",
])
def test_another_polar_file_names_no_vendor(audit_html: AuditHtml, src: str) -> None:
    # Polar's own files are its minified placements config and its stamped plugin build
    # (`1406300000-20140725_polar_plugin_desktop.js`); other files named for a polar thing
    # are no ad vendor's
    page = _page(f'<script src="{src}"></script>')
    assert "Polar" not in {n.network for n in audit_html(page).networks}


def test_another_polar_config_names_no_vendor(audit_html: AuditHtml) -> None:
    # a chart's polar-axis options are no ad vendor's
    page = _page("<script>var polar_config = {radius: 40, angle: 90};</script>",
                 '<script src="/js/polar_chart.min.js"></script>')
    assert "Polar" not in {n.network for n in audit_html(page).networks}
