"""Ad tags of 2008-2013 blogs and news sites in the forms their vendors wrote them, each a
unit where its script stands: the network that names it, its size and its zone. Pages
written for these tests after those forms, not copies."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = """<html><head><title>t</title>{head}</head><body><p>Story text.</p>
<div class="side">{tag}</div>
<p>More story text.</p></body></html>"""

CNP_HEAD = """<script src="http://static.example-news.test/scripts/da-1.5.js"></script>
<script>try { cnp.ad.dart.setSite("news.dart"); cnp.ad.dart.setZone('science'); } catch(e) {}
</script>"""

# (head, tag markup, network, (width, height), zone)
TAGS = {
    "advertising-com-uac-tag": (
        "", """<script>var ACE_AR = {Site: '812345', Size: '300250'};</script>
<script src="http://uac.advertising.com/wrapper/aceUAC.js"></script>""",
        "Yahoo SSP (Verizon Media, ONE by AOL)", (300, 250), None),
    "exponential-e9-tag": (
        "", """<script type="text/javascript"><!--
e9 = new Object();
e9.size = "160x600";
//--></script>
<script type="text/javascript" src="http://tags.expo9.exponential.com/tags/TownNews/ROS/tags.js"></script>""",
        "Tribal Fusion", (160, 600), None),
    "outbrain-rater-with-recommendations": (
        "", """<script language="JavaScript">
var OB_langJS = "http://widgets.outbrain.com/lang_en.js", OBITm = '1306449288604',
OB_raterMode = 'none', OB_recMode = 'strip', OutbrainPermaLink = 'http://news.test/story';
if (typeof(OB_Script) != 'undefined') { OutbrainStart(); } else { var OB_Script = true;
document.write(unescape("%3Cscript src='http://widgets.outbrain.com/OutbrainRater.js'"
 + " type='text/javascript'%3E%3C/script%3E")); }
</script>""",
        "Outbrain", (None, None), "strip"),
    "marketgid-widget-box": (
        "", """<div id="MarketGid4410"><center>
<a href="http://us.marketgid.com/" rel="nofollow">Loading...</a></center></div>
<script type="text/javascript">var MarketGidDate = new Date();
document.write('<scr'+'ipt type="text/javascript" '
+'src="http://mg.dt00.net/js/t/o/town.test.4410.js?t='
+MarketGidDate.getYear()+MarketGidDate.getMonth()+'" charset="WINDOWS-1251"></scr'+'ipt>');
</script>""",
        "MGID", (None, None), "4410"),
    "condenet-ad-loader-unit": (
        CNP_HEAD, """<script type="text/javascript">
try {
  var rect = cnp.ad.create(cnp.ad.refreshable, false);
  rect.addParameterString('kw=top;');
  rect.addParameter({'sz':'300x250'});
  rect.load();
} catch(e) {}
</script>""",
        "DoubleClick DART", (300, 250), None),
    "chitika-unit": (
        "", """<script type="text/javascript">
ch_client = "townnews"; ch_width = 300; ch_height = 250; ch_type = "mpu";
</script>
<script src="http://scripts.chitika.net/eminimalls/amm.js" type="text/javascript"></script>""",
        "Chitika", (300, 250), None),
    "chitika-queued-unit": (
        "", """<script type="text/javascript">
  ( function() {
    if (window.CHITIKA === undefined) { window.CHITIKA = { 'units' : [] }; };
    var unit = {"calltype":"async[2]","publisher":"townnews","width":728,"height":90,
      "sid":"Chitika Default"};
    var placement_id = window.CHITIKA.units.length;
    window.CHITIKA.units.push(unit);
    document.write('<div id="chitikaAdBlock-' + placement_id + '"></div>');
}());
</script>
<script type="text/javascript" src="//cdn.chitika.net/getads.js" async></script>""",
        "Chitika", (728, 90), None),
    "blogads-strip": (
        "", """<link rel="stylesheet" href="http://cache.blogads.com/123456789/feed.css">
<script language="javascript" src="http://cache.blogads.com/123456789/feed.js"></script>""",
        "Blogads", (None, None), "123456789"),
    "federated-media-placement": (
        "", """<script src="https://thirdparty.fmpub.net/placement/412233?fleur_de_sel=[timestamp]"></script>""",
        "Federated Media", (None, None), "412233"),
    "chango-link-unit": (
        "", """<script src="http://adunit.chango.ca/links/ad.js?siteID=AbC123dEf456&styleID=300x100&borderColor=CCCCCC"></script>""",
        "Chango", (300, 100), "AbC123dEf456"),
    "crowdignite-widget": (
        "", """<script type='text/javascript'>
var _CI = _CI || {};
(function() {
_CI.counter = (_CI.counter) ? _CI.counter + 1 : 1;
document.write('<div id="_CI_widget_'+_CI.counter+'"></div>');
var script = document.createElement('script'); script.type = 'text/javascript';
script.src = 'http://widget.crowdignite.com/widgets/5521?_ci_wid=_CI_widget_'+_CI.counter;
script.async = true; document.getElementsByTagName('head')[0].appendChild(script);
})();
</script>""",
        "CrowdIgnite", (None, None), "5521"),
    "zedo-javascript-tag": (
        "", """<!-- begin ZEDO for channel:  Town News , publisher: Town News ,\
 Ad Dimension: Medium Rectangle - 300 x 250 -->
<script language="JavaScript">
var zflag_nid="1234"; var zflag_cid="56/1"; var zflag_sid="7"; var zflag_width="300";
var zflag_height="250"; var zflag_sz="9";
</script>
<script language="JavaScript" src="http://d3.zedo.com/jsc/d3/fo.js"></script>
<!-- end ZEDO for channel:  Town News , publisher: Town News ,\
 Ad Dimension: Medium Rectangle - 300 x 250 -->""",
        "Zedo", (300, 250), None),
    "lijit-fp-tag": (
        "", """<script type="text/javascript"
 src="http://ap.lijit.com/www/delivery/fp?z=123456&amp;u=townnews&amp;width=300&amp;height=250"></script>""",
        "Sovrn", (None, None), None),
    "marketgid-dt07-widget-box": (
        "", """<!-- MGID News Widget -->
<div id="MarketGid4410"><center>
<a href="http://mgid.com/" rel="nofollow">Loading...</a></center></div>
<script type="text/javascript">var MarketGidDate = new Date();
document.write('<scr'+'ipt type="text/javascript" '
+'src="http://jsn.dt07.net/t/o/town.test.4410.js?t='
+MarketGidDate.getYear()+MarketGidDate.getMonth()+'" charset="utf-8"></scr'+'ipt>');
</script>""",
        "MGID", (None, None), "4410"),
    "scribol-widget-frame": (
        "", """<iframe class="scribol" height="150" width="300" id="scribol_88121" scrolling="no"
 frameborder="0"></iframe>
<script>var Scribol; if (typeof Scribol == 'undefined') { Scribol = {}; Scribol.frames = []; }
Scribol.frames.push('88121');</script>
<script async="async" defer="defer" src="http://scribol.com/txwidget1.2.js"></script>""",
        "Scribol", (300, 150), "88121"),
}


def _page(project_engine: Engine, catalogue: Catalogue, head: str, tag: str) -> PageReport:
    (page,) = audit(PAGE.format(head=head, tag=tag).encode(), url="http://town.test/story",
                    engine=project_engine, catalogue=catalogue).pages
    return page


@pytest.mark.parametrize("case", TAGS)
def test_a_period_tag_is_its_networks_unit(
        project_engine: Engine, catalogue: Catalogue, case: str) -> None:
    head, tag, network, size, zone = TAGS[case]
    page = _page(project_engine, catalogue, head, tag)
    assert [(s.network, (s.width, s.height), s.zone_id) for s in page.slots] == [
        (network, size, zone)]
    assert network in {n.network for n in page.networks}


def test_a_period_tag_writing_its_script_itself_is_its_networks_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The globals and a `document.write` of the tag script in one script: the unit."""
    tag = """<script type="text/javascript">e9 = new Object(); e9.size = "728x90";
document.write('<scr' + 'ipt src="http://tags.expo9.exponential.com/tags/TownNews/ROS/tags.js">'
+ '</scr' + 'ipt>');</script>"""
    page = _page(project_engine, catalogue, "", tag)
    assert [(s.network, (s.width, s.height)) for s in page.slots] == [
        ("Tribal Fusion", (728, 90))]


def test_condenet_loader_names_the_pages_dart_site_and_zone(
        project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, CNP_HEAD, TAGS["condenet-ad-loader-unit"][1])
    assert {(i.kind, i.value) for i in page.ids} >= {
        ("dart-site", "news.dart"), ("dart-zone", "science")}


@pytest.mark.parametrize("case", ["marketgid-widget-box", "marketgid-dt07-widget-box"])
def test_a_marketgid_widget_script_names_its_widget(
        project_engine: Engine, catalogue: Catalogue, case: str) -> None:
    page = _page(project_engine, catalogue, "", TAGS[case][1])
    assert ("mgid-widget", "4410") in {(i.kind, i.value) for i in page.ids}


def test_marketgids_later_cdn_is_its_own(project_engine: Engine, catalogue: Catalogue) -> None:
    """dt07.net, MarketGid's CDN after dt00.net: the script it writes names the network and
    the widget even where the box and its link to mgid.com are elsewhere (a site's shared js)."""
    script = TAGS["marketgid-dt07-widget-box"][1].split("<script", 1)[1]
    page = _page(project_engine, catalogue, "", "<script" + script)
    assert "MGID" in {n.network for n in page.networks}
    assert ("mgid-widget", "4410") in {(i.kind, i.value) for i in page.ids}


def test_the_older_lijit_tag_names_its_zone(project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, "", TAGS["lijit-fp-tag"][1])
    assert ("sovrn-zone", "123456") in {(i.kind, i.value) for i in page.ids}


@pytest.mark.parametrize("tag", [
    # the account with no size and no loader after it: the site's shared setting, no unit
    '<script>ch_client = "townnews"; ch_type = "mpu";</script>',
    # the rater alone, its recommendations turned off
    """<script>var OB_raterMode = 'singlethumb', OB_recMode = 'none';
document.write(unescape("%3Cscript src='http://widgets.outbrain.com/OutbrainRater.js'%3E%3C/script%3E"));
</script>""",
    # a box named for the network with no widget number
    '<div id="MarketGidNews"><p>Partner news</p></div>',
    # Zedo's 1 x 1 dimension: its pixel and pop-up formats, no box where the tag stands
    """<script>var zflag_nid="1234"; var zflag_cid="56/1"; var zflag_sid="7"; var zflag_width="1";
var zflag_height="1"; var zflag_sz="15";</script>
<script src="http://c5.zedo.com/jsc/c5/fo.js"></script>""",
    # a period tag's globals with a size but no tag script after them, nor written by them:
    # `e9` is any minified script's name, and ACE_AR alone writes nothing
    '<script>!function(){var e9={};e9.size="300x250";e9.el=document.body}();</script>',
    "<script>var ACE_AR = {Site: '812345', Size: '300250'};</script>",
    # the same with its height set first (a site's copy of the globals, each on its line)
    """<script>var zflag_nid = "1234";
var zflag_cid = "56/1";
var zflag_sid = "7";
var zflag_height = "1";
var zflag_width = "1";
var zflag_sz = "15";</script>
<script src="http://c5.zedo.com/jsc/c5/fo.js"></script>""",
])
def test_a_tags_parts_without_its_unit_are_no_placement(
        project_engine: Engine, catalogue: Catalogue, tag: str) -> None:
    assert _page(project_engine, catalogue, "", tag).slots == ()


# the account or site each vendor's documented tag writes, read where the tag writes it
@pytest.mark.parametrize(("case", "ids"), [
    # Chitika's globals name the publisher; `ch_sid` beside it is a report channel's name
    ("chitika-unit", {("chitika-publisher", "townnews")}),
    ("chitika-queued-unit", {("chitika-publisher", "townnews")}),
    ("advertising-com-uac-tag", {("advertising-com-site", "812345")}),
    # Exponential's tag script's path, tags/<Site>/<Zone>/tags.js
    ("exponential-e9-tag", {("exponential-site", "TownNews"), ("exponential-zone", "ROS")}),
    ("blogads-strip", {("blogads-account", "123456789")}),
    ("chango-link-unit", {("chango-site", "AbC123dEf456")}),
])
def test_a_period_tag_names_its_account(
        project_engine: Engine, catalogue: Catalogue, case: str,
        ids: set[tuple[str, str]]) -> None:
    head, tag, network, _, _ = TAGS[case]
    page = _page(project_engine, catalogue, head, tag)
    assert ids <= {(i.kind, i.value) for i in page.ids}
    assert {i.network for i in page.ids if (i.kind, i.value) in ids} == {network}


def test_chitikas_report_channel_is_no_id(project_engine: Engine, catalogue: Catalogue) -> None:
    tag = TAGS["chitika-unit"][1].replace(
        'ch_type = "mpu";', 'ch_type = "mpu"; ch_sid = "Chitika Default";')
    page = _page(project_engine, catalogue, "", tag)
    assert {i.value for i in page.ids if i.network == "Chitika"} == {"townnews"}


def test_an_e9_tag_script_written_by_its_globals_names_its_site(
        project_engine: Engine, catalogue: Catalogue) -> None:
    tag = """<script type="text/javascript">e9 = new Object(); e9.size = "728x90";
document.write('<scr' + 'ipt src="http://tags.expo9.exponential.com/tags/TownNews/Home_ATF/tags.js">'
+ '</scr' + 'ipt>');</script>"""
    page = _page(project_engine, catalogue, "", tag)
    assert {("exponential-site", "TownNews"), ("exponential-zone", "Home_ATF")} <= {
        (i.kind, i.value) for i in page.ids}


def test_blogads_style_sheet_alone_names_the_account(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A template that keeps the strip's style sheet in the head, its script elsewhere."""
    head = ('<link rel="stylesheet" type="text/css"'
            ' href="http://cache.blogads.com/123456789/feed.css" />')
    page = _page(project_engine, catalogue, head, "<p>No strip here.</p>")
    assert ("blogads-account", "123456789") in {(i.kind, i.value) for i in page.ids}
    assert page.slots == ()


def test_changos_optimisation_tag_names_its_account_and_places_nothing(
        project_engine: Engine, catalogue: Catalogue) -> None:
    tag = """<script id="__changoScript" type="text/javascript">
var __chd__ = {'aid':11079,'chaid':'www_town_test'};(function() {
var c = document.createElement('script'); c.type = 'text/javascript'; c.async = true;
c.src = ( 'https:' == document.location.protocol ? 'https://z': 'http://p')
 + '.chango.com/static/c.js';
var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(c, s);})();
</script>"""
    page = _page(project_engine, catalogue, "", tag)
    assert "Chango" in {n.network for n in page.networks}
    assert {(i.kind, i.value) for i in page.ids if i.network == "Chango"} == {
        ("chango-account", "11079")}
    assert page.slots == ()


# AdSense for Mobile Content's unit as its generated code wrote it (2009-2014): the request's
# globals, then show_afmc_ads.js, which writes the ad where it stands
AFMC_UNIT = """<script type="text/javascript"><!--
  // XHTML should not attempt to parse these strings, declare them CDATA.
  /* <![CDATA[ */
  window.googleAfmcRequest = {
    client: 'ca-mb-pub-4821730195648203',
    format: '320x50_mb',
    output: 'html',
    slotname: '5190362501',
  };
  /* ]]> */
//--></script>
<script type="text/javascript" src="http://pagead2.googlesyndication.com/pagead/show_afmc_ads.js"></script>"""


def test_an_adsense_mobile_unit_is_a_placement_of_its_client(
        project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, "", AFMC_UNIT)
    assert [(s.network, (s.width, s.height), s.zone_id) for s in page.slots] == [
        ("Google AdSense", (320, 50), "5190362501")]
    assert {("adsense-publisher", "ca-mb-pub-4821730195648203"),
            ("adsense-slot", "5190362501")} <= {(i.kind, i.value) for i in page.ids}


@pytest.mark.parametrize("markup", [
    # the request's globals kept without the loader (a saved copy): the client, no unit
    AFMC_UNIT.split("<script type=\"text/javascript\" src=")[0],
    # its server-side code's request, the client in the ad's URL
    '<img src="http://pagead2.googlesyndication.com/pagead/imgad?client=ca-mb-pub-4821730195648203'
    '&amp;format=320x50_mb" width="320" height="50">',
    # the older globals' name for it
    """<script>google_ad_client = "ca-mb-pub-4821730195648203";
google_ad_output = "xhtml";</script>""",
], ids=["globals-without-loader", "request-url", "older-globals"])
def test_an_adsense_mobile_client_is_the_adsense_client_id(
        project_engine: Engine, catalogue: Catalogue, markup: str) -> None:
    page = _page(project_engine, catalogue, "", markup)
    assert ("adsense-publisher", "ca-mb-pub-4821730195648203") in {
        (i.kind, i.value) for i in page.ids}


def test_chitikas_queued_unit_and_the_box_it_wrote_are_one_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A DOM save keeps the box the tag wrote after it, Chitika's frame inside."""
    script, loader = TAGS["chitika-queued-unit"][1].split("\n<script type=\"text/javascript\" src=")
    tag = (script + '<div id="chitikaAdBlock-0"><iframe src="http://mm.chitika.net/minimall?'
           'w=728&amp;h=90&amp;client=townnews" width="728" height="90" frameborder="0">'
           '</iframe></div>\n<script type="text/javascript" src=' + loader)
    page = _page(project_engine, catalogue, "", tag)
    assert [(s.network, (s.width, s.height)) for s in page.slots] == [("Chitika", (728, 90))]


@pytest.mark.parametrize("head", [
    # a host whose name only ends in Blogads' (not its own, nor a subdomain of it)
    '<script src="http://cdn.my-blogads.com/48213/feed.js"></script>',
    '<link rel="stylesheet" href="https://static.not-blogads.com/48214/feed.css">',
    # its path on another site (a mirror's folder named for it)
    '<script src="https://mirror.example.test/blogads.com/48215/feed.js"></script>',
], ids=["look-alike-script", "look-alike-style-sheet", "path-on-another-site"])
def test_a_blogads_path_on_another_host_names_no_account(
        project_engine: Engine, catalogue: Catalogue, head: str) -> None:
    page = _page(project_engine, catalogue, head, "<p>No strip here.</p>")
    assert not {i for i in page.ids if i.kind == "blogads-account"}


def test_a_blogads_strip_protocol_relative_names_its_account(
        project_engine: Engine, catalogue: Catalogue) -> None:
    tag = "<script type='text/javascript' src='//cache.blogads.com/148213/feed.js?v=2'></script>"
    page = _page(project_engine, catalogue, "", tag)
    assert [(s.network, s.zone_id) for s in page.slots] == [("Blogads", "148213")]
    assert ("blogads-account", "148213") in {(i.kind, i.value) for i in page.ids}


def test_an_accounts_mobile_and_web_clients_on_one_page_are_each_reported_as_written(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A site that ran AdSense for Mobile Content's unit beside a web unit of the same
    account: each unit a placement, and each client ID as its tag writes it (`ca-pub-…`,
    `ca-mb-pub-…`, as `partner-pub-…` is; docs/CONTRACT-ADDITIONS.md), never one read as
    the other nor the web client read out of the mobile one."""
    web = """<ins class="adsbygoogle" style="display:inline-block;width:728px;height:90px"
 data-ad-client="ca-pub-4821730195648203" data-ad-slot="1234567890"></ins>
<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>"""
    head = ('<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'
            '?client=ca-pub-4821730195648203" crossorigin="anonymous"></script>')
    page = _page(project_engine, catalogue, head, web + "\n" + AFMC_UNIT)
    assert [(s.network, (s.width, s.height)) for s in page.slots] == [
        ("Google AdSense", (728, 90)), ("Google AdSense", (320, 50))]
    clients = [(i.value, i.network) for i in page.ids if i.kind == "adsense-publisher"]
    assert sorted(clients) == [("ca-mb-pub-4821730195648203", "Google AdSense"),
                               ("ca-pub-4821730195648203", "Google AdSense")]


def test_exponentials_path_on_another_host_names_no_site(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The site and zone are read from its tag server's URL (`//tags.expo9.exponential.com/
    tags/<Site>/<Zone>/tags.js`), not from a folder named for that host on another site,
    even where a real e9 unit makes the network present."""
    head = ('<script src="https://mirror.example.test/tags.expo9.exponential.com/tags/FakeSite/'
            'FakeZone/tags.js"></script>')
    head_tag, tag, _, _, _ = TAGS["exponential-e9-tag"]
    page = _page(project_engine, catalogue, head + head_tag, tag)
    assert {(i.kind, i.value) for i in page.ids if i.network == "Tribal Fusion"} == {
        ("exponential-site", "TownNews"), ("exponential-zone", "ROS")}


def test_a_chango_link_unit_on_a_look_alike_host_is_no_unit_and_names_no_site(
        project_engine: Engine, catalogue: Catalogue) -> None:
    tag = ('<script src="http://adunit.notchango.ca/links/ad.js?siteID=AbC123dEf456'
           '&styleID=300x100"></script>')
    page = _page(project_engine, catalogue, "", tag)
    assert [s for s in page.slots if s.network == "Chango"] == []
    assert not {i for i in page.ids if i.kind == "chango-site"}


# BBelements' one2many tag (iBILLBOARD's, Czech and Slovak sites): positions asked for once,
# each made after the ads in a hidden holder and moved into the page's `bmone2n-<pos>` box
BB_HEAD = """<script type='text/javascript' charset='utf-8'
 src='https://go.sk.bbelements.com/bb/bb_one2n.js'></script>
<script type='text/javascript'>/* <![CDATA[ */
var bbkeywords='';
bmone2n.addPosition('30517.2.1.3','');
bmone2n.addPosition('30517.2.1.9','');
bmone2n.getAd('go.sk.bbelements.com',bbkeywords,'','utf-8');
/* ]]> */</script>"""
BB_FOOT = """<div id='bmone2t-30517.2.1.3' style='display:none'><script type='text/javascript'>
/* <![CDATA[ */ bmone2n.makeAd('30517.2.1.3'); /* ]]> */</script></div>
<div id='bmone2t-30517.2.1.9' style='display:none'><script type='text/javascript'>
/* <![CDATA[ */ bmone2n.makeAd('30517.2.1.9'); /* ]]> */</script></div>
<script type='text/javascript'>/* <![CDATA[ */ bmone2n.moveAd(); /* ]]> */</script>"""


def test_bbelements_positions_show_in_their_boxes_or_their_holders(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A position with a `bmone2n-<pos>` box on the page is that box; one without (an
    out-of-page format) is its holder's script."""
    page = _page(project_engine, catalogue, BB_HEAD,
                 "<div id='bmone2n-30517.2.1.3' class='bmone2n'></div>" + BB_FOOT)
    assert sorted((s.network, s.zone_id, s.xpath.rsplit("/", 1)[-1].split("[")[0])
                   for s in page.slots) == [
        ("BBelements", "30517.2.1.3", "div"), ("BBelements", "30517.2.1.9", "script")]
    assert {("bbelements-position", "30517.2.1.3"), ("bbelements-position", "30517.2.1.9")} \
        <= {(i.kind, i.value) for i in page.ids}


@pytest.mark.parametrize("tag", [
    # the tag's words in prose and in a code sample
    "<p>Call bmone2n.makeAd('30517.2.1.3') in a hidden holder.</p>"
    "<pre>bmone2n.makeAd('30517.2.1.9');</pre>",
    # another library's method of the same name, and a position of another form
    "<script>mybmone2n.makeAd('30517.2.1.3'); bmone2n.makeAd('top-banner');</script>",
])
def test_bbelements_look_alikes_are_no_position(
        project_engine: Engine, catalogue: Catalogue, tag: str) -> None:
    page = _page(project_engine, catalogue, "", tag)
    assert page.slots == ()
    assert not any(i.kind == "bbelements-position" for i in page.ids)


# AdsWinner's banner tag as its sites paste it: a document.write of its script, with the
# publisher's `did`, where the banner goes
ADSWINNER_TAG = """<center><!-- Tags Code For AdsWinner.com -->
<script type='text/javascript'>
  document.write('<script src="http://adswinner.com/tag-js/?did=4821&type=banner&adsize=size2&time='
  + new Date().getTime() + '" type="text/javascript"><\\/script>');
</script>
<!-- End Tags AdsWinner.com --></center>"""


@pytest.mark.parametrize("tag", [
    ADSWINNER_TAG,
    '<script src="https://adswinner.com/tag-js/?type=banner&did=4821&adsize=size2"></script>',
], ids=["written", "in-markup"])
def test_an_adswinner_tag_is_its_banner_and_names_its_did(
        project_engine: Engine, catalogue: Catalogue, tag: str) -> None:
    page = _page(project_engine, catalogue, "", tag)
    assert [(s.network, s.zone_id) for s in page.slots] == [("AdsWinner", "4821")]
    assert ("adswinner-did", "4821") in {(i.kind, i.value) for i in page.ids}


@pytest.mark.parametrize("tag", [
    ADSWINNER_TAG.replace("//adswinner.com/", "//notadswinner.com/"),
    ADSWINNER_TAG.replace("//adswinner.com/", "//adswinner.com.evil.test/"),
    '<script src="https://cdn.notadswinner.com/tag-js/?did=4821"></script>',
    "<pre>document.write('&lt;script src=\"http://adswinner.com/tag-js/?did=4821\"&gt;')</pre>",
], ids=["look-alike-written", "suffixed-host", "look-alike-in-markup", "prose"])
def test_adswinner_look_alikes_are_no_unit_and_no_did(
        project_engine: Engine, catalogue: Catalogue, tag: str) -> None:
    page = _page(project_engine, catalogue, "", tag)
    assert not [s for s in page.slots if s.network == "AdsWinner"], page.slots
    assert "AdsWinner" not in {n.network for n in page.networks}
    assert not [i for i in page.ids if i.kind == "adswinner-did"], page.ids


# Clkads' banner unit as its tag reads: the unit's globals, then its per-unit loader, which
# inserts the banner's frame after its own script; or a script asking for the banner itself
CLKADS_UNIT = """<script type="text/javascript">
pb_cid='TOWNBANNER300X250_2';
pb_type='banner_300x250';
</script>
<script src="http://clkads.com/banners/script/include_img_banner.js"></script>"""
CLKADS_SERVED = ('<script src="http://clkads.com/adServe/banners?tid=TOWNBANNER728X90_1&amp;'
                 'size=728x90" type="text/javascript"></script>')


@pytest.mark.parametrize(("tag", "size", "zone"), [
    (CLKADS_UNIT, (300, 250), "TOWNBANNER300X250_2"),
    (CLKADS_SERVED, (728, 90), "TOWNBANNER728X90_1"),
], ids=["globals-and-loader", "served-script"])
def test_a_clkads_tag_is_its_banner_and_names_its_tag_id(
        project_engine: Engine, catalogue: Catalogue, tag: str,
        size: tuple[int, int], zone: str) -> None:
    page = _page(project_engine, catalogue, "", tag)
    assert [(s.network, (s.width, s.height), s.zone_id) for s in page.slots] == [
        ("Clkads", size, zone)]
    assert ("clkads-tid", zone) in {(i.kind, i.value) for i in page.ids}


@pytest.mark.parametrize("tag", [
    # another banner script after the same globals (the loader's path after its globals is
    # its call, wherever served, as show_ads.js is AdSense's)
    CLKADS_UNIT.replace("//clkads.com/banners/script/include_img_banner.js",
                        "//notclkads.com/js/banner.js"),
    CLKADS_SERVED.replace("//clkads.com/", "//clkads.com.evil.test/"),
    CLKADS_SERVED.replace("//clkads.com/", "//notclkads.com/"),
    # the globals without the loader, and the tag shown in a code sample
    "<script>pb_cid='TOWNBANNER300X250_2'; pb_type='banner_300x250';</script>",
    "<pre>pb_cid='TOWNBANNER300X250_2';\n&lt;script src=\"http://clkads.com/banners/script/"
    "include_img_banner.js\"&gt;</pre>",
], ids=["look-alike-host", "suffixed-host", "look-alike-served", "globals-alone", "prose"])
def test_clkads_look_alikes_are_no_unit_and_no_tag_id(
        project_engine: Engine, catalogue: Catalogue, tag: str) -> None:
    page = _page(project_engine, catalogue, "", tag)
    assert not [s for s in page.slots if s.network == "Clkads"], page.slots
    assert "Clkads" not in {n.network for n in page.networks}
    assert not [i for i in page.ids if i.kind == "clkads-tid"], page.ids


# Clicksor's tag: its globals, then its showAd.php script naming the publisher and site; a
# banner's `adtype` (a number) shows the banner where it stands, and `clicksor_enable_pop`
# turns on its pop-under
CLICKSOR_TAG = """<script type="text/javascript">
clicksor_enable_adhere = false;
clicksor_enable_pop = {pop}; clicksor_frequencyCap = 6;
clicksor_banner_border = '#cccccc'; clicksor_banner_ad_bg = '#ffffff';
clicksor_text_link_color = ''; clicksor_enable_text_link = false;
</script>
<script type="text/javascript"
 src="http://ads.clicksor.com/newServing/showAd.php?nid=1&amp;pid=118822&amp;adtype={adtype}&amp;sid=227733"></script>
<noscript><a href="http://www.example-affiliates.test">affiliate marketing</a></noscript>"""


def _kinds(page: PageReport) -> set[tuple[str, str]]:
    return {(i.kind, i.value) for i in page.ids}


def test_a_clicksor_banner_tag_is_its_unit_and_names_publisher_and_site(
        project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, "", CLICKSOR_TAG.format(pop="false", adtype="4"))
    assert [(s.network, s.zone_id) for s in page.slots] == [("Clicksor", "118822")]
    assert {("clicksor-pid", "118822"), ("clicksor-sid", "227733")} <= _kinds(page)
    assert not [f for f in page.findings if f.kind == "popunder"]


def test_a_clicksor_pop_tag_is_a_popunder_and_no_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """No banner's `adtype`: the tag shows what its globals turn on, here a pop-under."""
    page = _page(project_engine, catalogue, "", CLICKSOR_TAG.format(pop="true", adtype=""))
    assert not [s for s in page.slots if s.network == "Clicksor"], page.slots
    assert {("clicksor-pid", "118822"), ("clicksor-sid", "227733")} <= _kinds(page)
    assert [f.kind for f in page.findings if f.kind == "popunder"] == ["popunder"]


def test_clicksors_globals_without_its_script_are_present_and_pop_nothing(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """rev45d: `clicksor_enable_pop = true` with no showAd.php was a medium pop-under; its
    globals are settings the script reads (catalogue `settings`): they say Clicksor is
    configured, and open no window alone."""
    page = _page(project_engine, catalogue, "", CLICKSOR_TAG.format(
        pop="true", adtype="").split("<script type=\"text/javascript\"\n", 1)[0])
    assert [(n.network, n.seen.value) for n in page.networks] == [("Clicksor", "inline")]
    assert not [f for f in page.findings if f.kind == "popunder"], page.findings


CLICKSOR_SCRIPT = ('<script src="http://ads.clicksor.com/newServing/showAd.php?nid=1&amp;'
                   'pid=118822&amp;adtype=4&amp;sid=227733"></script>')


@pytest.mark.parametrize("query", [
    "adtype=4&amp;pid=118822&amp;sid=227733&amp;nid=1",
    "pid=118822&amp;adtype=4&amp;sid=227733",
    "sid=227733&adtype=4&pid=118822",
], ids=["adtype-first", "pid-first", "plain-ampersands"])
def test_a_clicksor_banner_tag_in_another_order_is_its_unit(
        project_engine: Engine, catalogue: Catalogue, query: str) -> None:
    """rev45d: the banner's `adtype` read wherever it stands in the query, first too (the
    tag asked it only after another key: `showAd.php?adtype=4&pid=…` was no unit of it)."""
    tag = (f'<script type="text/javascript" src="http://ads.clicksor.com/newServing/showAd.php?'
           f'{query}"></script>')
    page = _page(project_engine, catalogue, "", tag)
    assert [(s.network, s.zone_id) for s in page.slots] == [("Clicksor", "118822")]


@pytest.mark.parametrize("tag", [
    CLICKSOR_SCRIPT.replace(".clicksor.com/", ".notclicksor.com/"),
    CLICKSOR_SCRIPT.replace(".clicksor.com/", ".clicksor.com.evil.test/"),
    "<pre>clicksor_enable_pop = true;\n&lt;script src=\"http://ads.clicksor.com/newServing/"
    "showAd.php?nid=1&amp;pid=118822&amp;adtype=4&amp;sid=227733\"&gt;</pre>",
], ids=["look-alike-host", "suffixed-host", "prose"])
def test_clicksor_look_alikes_are_no_unit_no_id_and_no_pop(
        project_engine: Engine, catalogue: Catalogue, tag: str) -> None:
    page = _page(project_engine, catalogue, "", tag)
    assert not [s for s in page.slots if s.network == "Clicksor"], page.slots
    assert "Clicksor" not in {n.network for n in page.networks}
    assert not [i for i in page.ids if i.kind.startswith("clicksor-")], page.ids
    assert not [f for f in page.findings if f.kind == "popunder"]


# Adexprt's banner frames: fixed-size frames of its CDN's position pages
ADEXPRT_FRAME = ('<iframe src="//cdn3.adexprt.com/banners/side.html" width="160" height="600" '
                 'frameborder="0" scrolling="no"></iframe>')


def test_an_adexprt_frame_is_its_banner(project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, "", ADEXPRT_FRAME)
    assert [(s.network, (s.width, s.height)) for s in page.slots] == [("Adexprt", (160, 600))]
    assert "Adexprt" in {n.network for n in page.networks}


@pytest.mark.parametrize("tag", [
    ADEXPRT_FRAME.replace(".adexprt.com/", ".notadexprt.com/"),
    ADEXPRT_FRAME.replace(".adexprt.com/", ".adexprt.com.evil.test/"),
    "<p>Frames from cdn3.adexprt.com/banners/side.html show the banners.</p>",
], ids=["look-alike-host", "suffixed-host", "prose"])
def test_adexprt_look_alikes_are_not_it(
        project_engine: Engine, catalogue: Catalogue, tag: str) -> None:
    page = _page(project_engine, catalogue, "", tag)
    assert not [s for s in page.slots if s.network == "Adexprt"], page.slots
    assert "Adexprt" not in {n.network for n in page.networks}


# WebSideStory's HitBox as 2000s pages carried it: the "HBX" setup naming the account
# (`hbx.acct`), its self-hosted `hbx.js`, and calls of its link and page-view functions,
# in scripts and in links' handlers (accounts and names made up after the form)
HBX_SETUP = """<script>var _hbEC=0,_hbE=new Array;function _hbEvent(a,b){b=_hbE[_hbEC++]=new
Object();b._N=a;b._C=0;return b;}
var hbx=_hbEvent("pv");hbx.vpc="HBX0200u";hbx.gn="ehg-towntimes.hitbox.com";
hbx.acct="DM561203K7QZ58EN3";//ACCOUNT NUMBER(S)
hbx.pn="front";hbx.mlc="/news";</script>
<script defer src="/js/hbx.js"></script>"""
HBX_OLD_SETUP = """<script>var _pn="front"; var _mlc="/news";
var _acct="DM510412QW7T38EN3;DM510412RT2M38EN3"; var _gn="phg.hitbox.com";</script>"""
HBX_LINK = """<a href="/video/14" onclick="_hbLink('Harbour+Ferry','VidVert');">Ferry</a>"""
HBX_CALL = """<script>function showSlide(n){ _hbPageView('slide'+n, '/news/gallery'); }</script>"""


@pytest.mark.parametrize(("head", "tag", "ids"), [
    (HBX_SETUP, "", {("hitbox-account", "DM561203K7QZ58EN3")}),
    (HBX_OLD_SETUP, HBX_CALL, {("hitbox-account", "DM510412QW7T38EN3"),
                               ("hitbox-account", "DM510412RT2M38EN3")}),
    # a template whose setup sits in another file: its calls alone, in a script or in
    # a link's handler, name the tracker
    ("", HBX_CALL, set()),
    ("", HBX_LINK, set()),
], ids=["hbx setup", "old setup and a call", "a call in a script", "a call in a handler"])
def test_hitbox_is_named_by_its_setup_or_its_calls(
        project_engine: Engine, catalogue: Catalogue, head: str, tag: str,
        ids: set[tuple[str, str]]) -> None:
    page = _page(project_engine, catalogue, head, tag)
    assert "WebSideStory HitBox (HBX)" in {n.network for n in page.networks}
    assert {(i.kind, i.value) for i in page.ids if i.kind == "hitbox-account"} == ids


@pytest.mark.parametrize(("head", "tag"), [
    # a site's stubs keeping old calls from failing after it left HitBox: defined, not called
    ("<script>function _hbLink(a,b,c){return;} function _hbPageView(p,m){}</script>", ""),
    # the account's form under a name of the site's own, the words in prose and in a <pre>
    ("<script>var acct=\"DM561203K7QZ58EN3\"; var my_hbLink = 1;</script>", ""),
    ("", "<p>Call _hbLink('name','pos') on each link; hbx.acct=\"DM561203K7QZ58EN3\".</p>"),
    ("", "<pre>&lt;script&gt;_hbPageView('front','/news');&lt;/script&gt;</pre>"),
    # a call commented out
    ("<script>// _hbPageView('front', '/news');\n</script>", ""),
    # a site's own script's onload callback: a loader's, named by its address
    ('<script src="/js/stats.js" onload="_hbPageView(\'front\',\'/news\')"></script>', ""),
], ids=["stubs", "another name", "prose", "pre", "commented", "onload"])
def test_hitbox_look_alikes_are_not_it(
        project_engine: Engine, catalogue: Catalogue, head: str, tag: str) -> None:
    page = _page(project_engine, catalogue, head, tag)
    assert "WebSideStory HitBox (HBX)" not in {n.network for n in page.networks}
    assert not [i for i in page.ids if i.kind == "hitbox-account"]
