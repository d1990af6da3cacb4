"""Ad-tech markup as news sites write it in the wild: slots, sizes and IDs are found."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = b"""<html><head><script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<script>
var sz = [[300,250]];
googletag.cmd.push(function(){
  googletag.defineSlot("/7355419,22710137403/news/article",
    ['fluid', [970, 250], [728, 90]], "ad-top")
    .addService(googletag.pubads());
  googletag.defineSlot('/7355419/news/rail', sz, 'ad-rail').addService(googletag.pubads());
  googletag.defineOutOfPageSlot('/7355419/news/oop', 'ad-oop').addService(googletag.pubads());
});
window._taboola = window._taboola || [];
_taboola.push({"mode": "thumbs-feed-01", "container": "tbl-feed", "placement": "Feed"});
</script></head><body>
<div id="ad-top"></div><p>Article text here.</p>
<div id="ad-rail" style="width:300px;height:600px"></div><div id="ad-oop"></div>
<div id="tbl-feed"></div>
<div class="OUTBRAIN" data-src="https://news.test/a" data-widget-id="AR_2"
     data-ob-installation-key="NEWSPUB1234"></div>
<script async src="//widgets.outbrain.com/outbrain.js"></script>
</body></html>"""


def test_gpt_taboola_outbrain_variants(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(PAGE, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    slots = [(s.network, s.zone_id, s.width, s.height) for s in page.slots]
    assert slots == [
        ("Google Publisher Tag", "/7355419,22710137403/news/article", 970, 250),  # 'fluid' skipped
        ("Google Publisher Tag", "/7355419/news/rail", 300, 600),  # sizes in a variable: style
        ("Google Publisher Tag", "/7355419/news/oop", None, None),  # out-of-page
        ("Taboola", "thumbs-feed-01", None, None),  # quoted keys
        ("Outbrain", "AR_2", None, None),
    ]
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("gpt-network", "7355419"), ("outbrain-installation", "NEWSPUB1234")} <= ids
    # a widget's display mode is not an account or placement ID
    assert not any(kind == "taboola-mode" for kind, _ in ids)
    assert all(s.rule and s.list == "auditor-catalogue" for s in page.slots)
    assert page.slots[0].rule == "script: googletag.defineSlot()"


# schema.org's WPAdBlock ("an advertising section of the page") as news CMSs and WordPress
# ad widgets declare their positions: empty until the ad server fills them, one of them
# round a GPT unit (one placement, not two), one in the article body.
WPADBLOCK = b"""<html><head><title>t</title></head><body>
<aside class="banner top" data-adpos="top" itemscope itemtype="http://schema.org/WPAdBlock"></aside>
<article itemscope itemtype="http://schema.org/NewsArticle"><section itemprop="articleBody">
<p>First paragraph of the article, long enough to be the article's own text.</p>
<aside class="banner caja1" data-adpos="caja1" itemscope itemtype="https://schema.org/WPAdBlock"></aside>
<p>Second paragraph of the article, long enough to be the article's own text.</p>
</section></article>
<div class="ad-area" itemscope itemtype="https://schema.org/WPAdBlock">
  <div class="ad-label" itemprop="name">Sponsored</div>
  <div id="div-gpt-ad-rail"></div>
</div>
<script>googletag.cmd.push(function(){
  googletag.defineSlot('/1234/site/rail', [300, 250], 'div-gpt-ad-rail').addService(pubads);
});</script>
<div class="promo" itemscope itemtype="https://schema.org/WPHeader"><p>Not an ad</p></div>
</body></html>"""


def test_schema_org_wpadblock_is_a_placement(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(WPADBLOCK, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    slots = sorted((s.line, s.network, s.zone_id, s.list) for s in page.slots)
    assert slots == [
        (2, None, None, "auditor-ads"),
        (5, None, None, "auditor-ads"),
        (10, "Google Publisher Tag", "/1234/site/rail", "auditor-catalogue"),
    ]
    # the publisher declared these: placing an ad is not a sign of compromise
    assert not [f for f in page.findings if f.severity.value in ("high", "medium")]


# a news group's own placements: boxes of the class `ad` declaring their ad type, which its
# ad loader fills by that type (no vendor's tag near them); one inside a box a generic rule
# hides is that box's placement, and a box of the class with no type declared is no slot
AD_TYPE_BOXES = b"""<html><head><title>t</title></head><body>
<div class="ad section"><div id="slug_bigbox" class="ad " data-ad-type="bigbox"></div></div>
<p>First paragraph of the article, long enough to be the article's own text.</p>
<div class="item ad-container">
<div id="slug_rightflex" class="ad " data-ad-type="rightflex" data-ad-mode="desktop"></div>
</div>
<div id="slug_leaderboard_2" class="banner ad " data-ad-type="leaderboard|2"></div>
<div class="ad">Reader's ad: bicycle for sale</div>
<span class="badge" data-ad-type="none">Not an ad box</span>
</body></html>"""


def test_a_box_of_the_ad_class_declaring_its_ad_type_is_a_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(AD_TYPE_BOXES, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert sorted((s.line, s.network) for s in page.slots) == [(2, None), (5, None), (7, None)]
    assert not [f for f in page.findings if f.severity.value in ("high", "medium")]


# Arc Publishing's PageBuilder ad containers: `pb-ad-container` boxes declaring their ad type
# (or, one the ad code fills later, its placeholder type), each in a PageBuilder feature, and
# the ad loader's `slug_<type>` box with no class; a feature's other boxes, a `slug_` box
# declaring no type, a container class without a type and an Arc story's text are no slots
PAGEBUILDER = b"""<html><head><title>t</title></head><body>
<div id="site_1_59" class="pb-feature pb-f-ad-leaderboard"><div id="slug_leaderboard"
 data-ad-type="leaderboard" class="pb-ad-container" style="display:none;"></div></div>
<p>First paragraph of the article, long enough to be the article's own text.</p>
<div class="pb-feature pb-f-ad-flex"><div id="slug_flex_ss_bb_hp_2" class="pb-ad-container"
 style="display:none;" data-ad-type-placeholder="flex_ss_bb_hp|2"></div></div>
<div class="mobile-only"><div id="slug_mob_av" data-ad-type="mob_av"></div></div>
<div id="slug_most_read" class="pb-feature pb-f-most-read"><a href="/a/1">Most read</a></div>
<div class="pb-ad-container pb-layout-item"></div>
<p>Last paragraph of the article, which names no ad.</p>
</body></html>"""


def test_pagebuilder_ad_containers_are_placements(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    (page,) = audit(PAGEBUILDER, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert sorted((s.line, s.network) for s in page.slots) == [(2, None), (5, None), (7, None)]
    assert not [f for f in page.findings if f.severity.value in ("high", "medium")]


# the same ad loader's box declaring no type, in a photo gallery: the div it writes the ad
# into, `wpni_adi_<type>`, makes it the unit; a slug_ box round other markup is none
GALLERY_SLUG = b"""<html><head><title>t</title></head><body><div class="gallery">
<div class="slide"><img src="/a.jpg" alt="A harbour"></div>
<div class="gallery-ad"><div id="slug_bigbox_gallery" style="display:none;">
<div id="wpni_adi_bigbox_gallery"></div></div></div>
<div id="slug_caption"><div id="caption_text">A harbour at dawn.</div></div>
</div></body></html>"""


def test_an_ad_loaders_untyped_box_round_its_ad_div_is_a_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(GALLERY_SLUG, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network) for s in page.slots] == [(3, None)]


# a theme that types its page wrapper WPAdBlock: the block holds the article's text and
# shows no ad, so it is the page, not a placement (as a landmark a generic rule hides)
_PARA = "<p>" + "The river valley held orchards of apple and pear for generations. " * 3 + "</p>"
WPADBLOCK_WRAPPER = ("""<html><head><title>t</title></head><body>
<div id="page" itemscope itemtype="https://schema.org/WPAdBlock"><main><article>
<h1>Orchards</h1>""" + _PARA * 4 + """</article></main></div>
<aside class="side" itemscope itemtype="https://schema.org/WPAdBlock"></aside>
</body></html>""").encode()


def test_a_wpadblock_holding_the_pages_text_is_no_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(WPADBLOCK_WRAPPER, url="https://orchards.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [s.line for s in page.slots] == [4]  # the empty aside only
    assert page.metrics.content_words > 100


# Outbrain's legacy JS widget, as news sites pasted it before outbrain.js: the variables,
# then a document.write of outbrainWidget.js that renders the widget where it stands
OUTBRAIN_LEGACY = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="legacy">
<script type="text/JavaScript">
var OB_permalink= 'http://news.test/2015/02/26/story/';
var OB_widgetId= 'AR_2';
var OB_Template = "newstest";
var OB_langJS ='http://widgets.outbrain.com/lang_en.js';
if ( typeof(OB_Script)!='undefined' ) { OutbrainStart(); } else {
  var OB_Script = true;
  var str = "<script src='http://widgets.outbrain.com/outbrainWidget.js'></"+"script>";
  document.write(str);
}
</script></div></body></html>"""


def test_outbrain_legacy_widget_variables(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(OUTBRAIN_LEGACY, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [(3, "Outbrain", "AR_2")]
    assert page.slots[0].rule == "script: OB_widgetId = … (outbrainWidget.js)"


# ZergNet's multi-widget loader fills each div.zergnet-widget by its data-zerg-widget-id
ZERGNET_MULTI = b"""<html><head><title>t</title>
<script type="text/javascript" src="//www.zergnet.com/zerg-inf-multi.js"></script></head>
<body><p>Article text.</p>
<div class="zergnet-widget zergnet-widget-33846" data-zerg-widget-id="33846"></div>
<div class="zergnet-pw">Promoted By Zergnet</div>
</body></html>"""


def test_zergnet_multi_widget(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(ZERGNET_MULTI, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [(4, "ZergNet", "33846")]
    assert ("zergnet-widget", "33846") in {(i.kind, i.value) for i in page.ids}


# Alexa Certify's snippet inserts atrk.js before the page's first script, so a saved copy
# of the rendered page has it atop the head, before the charset; Crazy Egg's older snippet
# loads from its CloudFront host. Both are named vendors, with their account IDs.
SAVED_DOM_TRACKERS = b"""<!DOCTYPE html><html><head>
<script type="text/javascript" async="" src="https://d31qbv1cthcecs.cloudfront.net/atrk.js"></script>
<meta content="text/html; charset=utf-8" http-equiv="Content-Type" />
<title>t</title></head><body><p>Article text.</p>
<script type="text/javascript">
_atrk_opts = { atrk_acct: "4+gli1aUCm00OA", domain: "news.test", dynamic: true };
(function() { var as = document.createElement('script'); as.type = 'text/javascript';
as.async = true; as.src = "https://d31qbv1cthcecs.cloudfront.net/atrk.js";
var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(as, s); })();
</script>
<noscript><img src="https://d5nxst8fruw4z.cloudfront.net/atrk.gif?account=4+gli1aUCm00OA"
 style="display:none" height="1" width="1" alt="" /></noscript>
<script type="text/javascript">
setTimeout(function(){var a=document.createElement("script");
var b=document.getElementsByTagName("script")[0];
a.src=document.location.protocol+"//dnn506yrbagrg.cloudfront.net/pages/scripts/0022/4748.js?"+
Math.floor(new Date().getTime()/3600000);a.async=true;b.parentNode.insertBefore(a,b)}, 1);
</script></body></html>"""


def test_alexa_certify_and_crazy_eggs_cloudfront_hosts(project_engine: Engine,
                                                      catalogue: Catalogue) -> None:
    (page,) = audit(SAVED_DOM_TRACKERS, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    networks = {r.network for r in page.resources if r.network}
    assert {"Alexa Certify", "Crazy Egg"} <= networks
    ids = {(i.kind, i.value) for i in page.ids}
    assert {("alexa-account", "4+gli1aUCm00OA"), ("crazyegg-account", "0022/4748")} <= ids
    # a known vendor's tag atop the head is its snippet's doing, not another site's paste
    assert not [f for f in page.findings if f.kind == "appended-script"]


# Criteo's legacy zone tag is OpenX's JavaScript invocation on Criteo's own ad server
CRITEO_AJS = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div id="pop">
<script type="text/javascript">
document.MAX_ct0 = 'INSERT_CLICK_URL';
var m3_u = (location.protocol == 'https:' ? 'https://cas.criteo.com/delivery/ajs.php?' :
            'http://cas.criteo.com/delivery/ajs.php?');
var m3_r = Math.floor(Math.random() * 99999999999);
document.write("<scr" + "ipt type='text/javascript' src='" + m3_u);
document.write("zoneid=202614");
document.write('&amp;cb=' + m3_r);
document.write("'></scr" + "ipt>");
</script></div></body></html>"""


def test_criteo_zone_tag_on_its_openx_server(project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    (page,) = audit(CRITEO_AJS, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [(3, "Criteo", "202614")]
    assert ("criteo-zone", "202614") in {(i.kind, i.value) for i in page.ids}


# Tanx (Alimama) as sites paste its unit: an anchor written in place and p.tanx.com/ex?i=
TANX = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="side">
<script type="text/javascript">
     document.write('<a style="display:none" id="tanx-a-mm_48124372_7062997_23960588"></a>');
     tanx_s = document.createElement("script");
     tanx_s.type = "text/javascript";
     tanx_s.charset = "gbk";
     tanx_s.id = "tanx-s-mm_48124372_7062997_23960588";
     tanx_s.async = true;
     tanx_s.src = "http://p.tanx.com/ex?i=mm_48124372_7062997_23960588";
     tanx_h = document.getElementsByTagName("head")[0];
     if (tanx_h) tanx_h.insertBefore(tanx_s, tanx_h.firstChild);
</script></div></body></html>"""


def test_tanx_unit(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(TANX, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (3, "Tanx", "mm_48124372_7062997_23960588")]
    assert ("tanx-pid", "mm_48124372_7062997_23960588") in {(i.kind, i.value) for i in page.ids}


def test_criteo_zone_tags_request_is_criteos_not_a_self_hosted_revives(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The tag's ajs.php on cas.criteo.com is Criteo's ad server's: not a self-hosted
    Revive's request, so no Revive is reported beside Criteo."""
    (page,) = audit(CRITEO_AJS, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    ajs = [r for r in page.resources if "/delivery/ajs.php" in r.url]
    assert ajs and {(r.network, r.company) for r in ajs} == {("Criteo", "Criteo")}
    assert "Revive Adserver" not in {n.network for n in page.networks}


# the script Criteo's zone tag writes, as a rendered copy keeps it in each unit's box (a
# site's view template pasted from the live page): each is its unit, the zone its query's;
# the invocation and the script it wrote, saved together, are one unit; a look-alike host
# and Criteo's host named in another server's query are none
CRITEO_WRITTEN = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<div class="banner-top">
<script type="text/javascript" src="http://cas.criteo.com/delivery/ajs.php?zoneid=731905&amp;nodis=1&amp;cb=5512&amp;charset=UTF-8"></script>
</div>
<p>More of the article's text, long enough to stand between the units.</p>
<div class="banner-mid">
<script type="text/javascript">
var m3_u = 'http://cas.criteo.com/delivery/ajs.php?';
document.write("<scr" + "ipt type='text/javascript' src='" + m3_u);
document.write("zoneid=731944");
document.write("'></scr" + "ipt>");
</script><script type='text/javascript' src='http://cas.criteo.com/delivery/ajs.php?zoneid=731944&amp;cb=8812'></script>
</div>
<div class="banner-side">
<script src="http://cas.criteo.com.ads-mirror.test/delivery/ajs.php?zoneid=731977"></script>
<script src="http://ads.news.test/delivery/ajs.php?from=cas.criteo.com/delivery/ajs.php&amp;zoneid=731988"></script>
</div>
<pre>&lt;script src="http://cas.criteo.com/delivery/ajs.php?zoneid=731999"&gt;&lt;/script&gt;</pre>
</body></html>"""


def test_criteo_zone_tags_written_script_is_its_unit(project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    (page,) = audit(CRITEO_WRITTEN, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    criteo = [(s.line, s.zone_id) for s in page.slots if s.network == "Criteo"]
    assert criteo == [(3, "731905"), (12, "731944")]
    zones = {i.value for i in page.ids if i.kind == "criteo-zone"}
    assert zones == {"731905", "731944"}
    # the other server's tag is a self-hosted Revive's, whose zones are not Criteo's
    assert {i.value for i in page.ids if i.kind == "revive-zone"} == {"731977", "731988"}


def _recommendations(inside: str) -> bytes:
    return ("<html><head><title>t</title></head><body><article><p>Story text.</p></article>"
            f'<footer><div id="sponsored-recommendations">{inside}</div></footer>'
            "</body></html>").encode()


_HEADING = '<div class="heading"><h3>Sponsored Stories</h3>{}</div>'
_POWERED = '<a href="http://www.outbrain.com/what-is/default/en">Powered by </a>'


def test_a_recommendation_box_is_named_by_the_widget_it_holds(catalogue: Catalogue) -> None:
    """A box the lists hide, holding Outbrain's widget list (`ul#outbrain-recs`) and its
    "Powered by" link to outbrain.com (ars-1's saved footer), is Outbrain's; the class
    alone, or the link alone (a story about the vendor), names no one."""
    hiding = Engine.from_text("###sponsored-recommendations", name="test-hiding")

    def named(inside: str) -> list[str | None]:
        (page,) = audit(_recommendations(inside), url="https://news.test/a",
                        engine=hiding, catalogue=catalogue).pages
        return [s.network for s in page.slots]

    assert named(_HEADING.format(_POWERED) + '<ul id="outbrain-recs"></ul>') == ["Outbrain"]
    assert named(_HEADING.format("") + '<ul id="outbrain-recs"></ul>') == [None]
    assert named(_HEADING.format(_POWERED) + '<ul id="recs"></ul>') == [None]


# Joomla's own banner manager as its core module (mod_banners) prints it: each banner a
# `div.banneritem` in the module's `div.bannergroup` (a class suffix glued on, or Joomla 4's
# `mod-banners bannergroup`), linked through the component's click counter or not; a
# theme's own `banneritem` outside the module's group, and the words in a how-to, are none
JOOMLA_BANNERS = b"""<html><head><title>t</title></head><body>
<p>First paragraph of the article, long enough to be the article's own text.</p>
<div class="bannergroup">
<div class="banneritem"><img src="/images/banners/bakery.png" alt="Bakery"/></div>
<div class="banneritem"><a href="/component/banners/click/17.html" target="_blank"
 title="Garage"><img src="/images/banners/garage.gif" alt="Garage"/></a></div>
</div>
<div class="bannergroup_side"><div class="banneritem"><a
 href="/index.php?option=com_banners&amp;task=click&amp;id=9"><img src="/b/x.jpg" alt=""/></a>
</div></div>
<div class="mod-banners bannergroup"><div class="mod-banners__item banneritem"><img
 src="/images/banners/florist.jpg" alt="Florist"/></div></div>
<div class="slider"><div class="banneritem"><img src="/images/hero.jpg" alt="Our team"/></div></div>
<pre>&lt;div class="bannergroup"&gt;&lt;div class="banneritem"&gt;</pre>
</body></html>"""


def test_joomla_banner_module_items_are_placements(project_engine: Engine,
                                                   catalogue: Catalogue) -> None:
    (page,) = audit(JOOMLA_BANNERS, url="https://town.test/", engine=project_engine,
                    catalogue=catalogue).pages
    assert sorted((s.line, s.network, s.list) for s in page.slots) == [
        (4, None, "auditor-ads"), (5, None, "auditor-ads"), (8, None, "auditor-ads"),
        (11, None, "auditor-ads")]
    assert not [f for f in page.findings if f.severity.value in ("high", "medium")]
