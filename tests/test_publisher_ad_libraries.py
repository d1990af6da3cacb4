"""Placements a news site's own ad library or an older vendor's tag writes where the ad shows,
each in the form its vendor's code documents (pages we wrote after those forms, not copies):
the unit is a slot, at its line, of the network that serves it, and the site's ID is read.

Time Inc.'s tii_ads.js writes DART tags, directly or through the frame of Sports Illustrated's
iframe_ad_factory.js, and its config alone names the page's DART site; checkm8's cm8adam
calls; IndustryBrains' sponsored links script; Gannett's `partner-placement` units, which its
own code fills through GPT; AdvertServe's `avp_zid_<zone>` containers and a site's unit
naming its AVPDCAP cookie."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import Origin
from auditor.pipeline import audit
from auditor.rules import Engine

_HEAD = "<html><head><title>t</title></head><body><p>The story a reader came for.</p>\n"

TIME_INC = _HEAD + """<script src="http://img.timeinc.net/shared/static/js/tii_ads.js"></script>
<script>var adConfig = new TiiAdConfig("3475.gdn");
var adFactory = new TiiAdFactory(adConfig, "garden/home");</script>
<div class="ad728"><script>adFactory.getAd(728, 90).write();</script></div>
<div class="ad88"><script>var ad = adFactory.getAd(88, 31);
ad.setPosition(1);
ad.write();</script></div>
<div class="side"><script>
adFactory.getMultiAd(new Array('300x250', '336x280')).write();</script></div>
<div class="tout"><script>adFactory.getCmAd(115, 42, "homepage", "tout").write();</script></div>
</body></html>"""

# Sports Illustrated's templates: the factory configured in the head, each unit a call of the
# iframe factory that hands the frame the config and a position name
TIME_INC_IFRAME = _HEAD + """<script src="http://img.timeinc.net/shared/static/js/tii_ads.js"></script>
<script>var adConfig = new TiiAdConfig('3475.gdn2');</script>
<script src="http://i.cdn.gardenweekly.test/js/iframe_ad_factory.js"></script>
<script>iframeAdFactory.url = '/adspaces/iframe.html';
var adFactory = new TiiAdFactory(adConfig, "garden/gameday");
iframeAdFactory.queryString = 'TiiAdConfig=3475.gdn2&TiiAdFactory=garden%2Fgameday';</script>
<div class="viewerAd"><script>
iframeAdFactory.getAd('i_728x90', 728, 90, new Array('728x90', '101x1'), true);</script></div>
<p>More of the story.</p>
<div class="rail"><script>
iframeAdFactory.getAd("i_300x250", 300, 250, new Array("300x250"), false);</script></div>
</body></html>"""

# the config and the factory, the units written by the site's own helpers (no call this reads)
TIME_INC_CONFIG = _HEAD + """<script src="http://img.timeinc.net/shared/static/js/tii_ads.js"></script>
<script>var adConfig = new TiiAdConfig("3475.gdn3");
adConfig.setRevSciTracking(true);
var adFactory = new TiiAdFactory(adConfig, "garden/scores");</script>
<div class="banner"><script>gardenAds.writeTop();</script></div>
</body></html>"""

CHECKM8 = _HEAD + """<script>var CM8Server = "gardenweekly.checkm8.com";
var CM8Cat = "gardenweekly.home";</script>
<script src="http://gardenweekly.checkm8.com/adam/cm8adam_1_call.js"></script>
<div class="banner"><script>CM8ShowAd("Top");</script>
<noscript><a href="http://gardenweekly.checkm8.com/adam/ep/click/gardenweekly.home/Top?cat=gardenweekly.home"
><img src="http://gardenweekly.checkm8.com/adam/noscript?cat=gardenweekly.home&amp;format=Top"></a></noscript></div>
<p>More of the story.</p>
<div><script language="javascript">CM8ShowAd('Largerec_300x250')</script></div>
</body></html>"""

INDUSTRYBRAINS = _HEAD + """<div class="links"><h4>Sponsored links</h4>
<script src="http://jlinks.industrybrains.com/jsct?sid=512&amp;ct=GARDEN_ROS&amp;tr=SIDEBAR&amp;num=4&amp;layt=9&amp;fmt=simp"></script>
</div></body></html>"""

GANNETT = _HEAD + """<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<section class="rail"><div class="partner-placement poster" data-monetization-id="sp-gallery"
 data-monetization-sizes="mediumrectangle"></div></section>
<section><div class="partner-placement partner-asset-right-ad-2" id="ad-2"></div></section>
</body></html>"""

ADVERTSERVE = _HEAD + """<!-- BEGIN ADVERTSERVE CODE -->
<div id="avp_zid_41"><script>
_avp.push({ tagid: 'avp_zid_41', alias: '/', type: 'banner', zid: 41, pid: 7 });</script></div>
<div class="unit" data-zone="42" data-type="dynamic" data-cookie="AVPDCAP" data-alias="/"></div>
</body></html>"""


@pytest.mark.parametrize("html, slots, ids", [
    (TIME_INC, [(5, "DoubleClick DART", None, 728, 90), (6, "DoubleClick DART", None, 88, 31),
                (9, "DoubleClick DART", None, None, None),
                (11, "DoubleClick DART", None, 115, 42)],
     {("dart-site", "3475.gdn")}),
    (TIME_INC_IFRAME, [(8, "DoubleClick DART", None, 728, 90),
                       (11, "DoubleClick DART", None, 300, 250)],
     {("dart-site", "3475.gdn2")}),
    (TIME_INC_CONFIG, [], {("dart-site", "3475.gdn3")}),
    (CHECKM8, [(5, "checkm8", "Top", None, None), (9, "checkm8", "Largerec_300x250", None, None)],
     {("checkm8-category", "gardenweekly.home"), ("checkm8-format", "Top"),
      ("checkm8-format", "Largerec_300x250")}),
    (INDUSTRYBRAINS, [(3, "IndustryBrains", None, None, None)],
     {("industrybrains-site", "512")}),
    (GANNETT, [(3, "Google Publisher Tag", None, None, None),
               (5, "Google Publisher Tag", None, None, None)], set()),
    (ADVERTSERVE, [(3, "AdvertServe", "41", None, None), (5, "AdvertServe", "42", None, None)],
     {("advertserve-zone", "41"), ("advertserve-zone", "42")}),
], ids=["tii_ads.js", "tii_iframe_factory", "tii_config_only", "checkm8", "industrybrains",
        "gannett", "advertserve"])
def test_a_sites_ad_library_places_its_units(
        project_engine: Engine, catalogue: Catalogue, html: str,
        slots: list[tuple[int, str, str | None, int | None, int | None]],
        ids: set[tuple[str, str]]) -> None:
    (page,) = audit(html.encode(), url="https://gardenweekly.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in page.slots] == slots
    assert {(i.kind, i.value) for i in page.ids if i.origin is Origin.OPERATOR} == ids


@pytest.mark.parametrize("html", [
    # a partners section of a site that loads no GPT: the class alone is no ad
    _HEAD + '<section><div class="partner-placement">Our partner: Garden Co.</div></section>',
    # code that names a factory's method on something else, or sizes from variables
    _HEAD + "<script>var t = tileFactory.getAd(728, 90); adFactory.getAd(w, h);</script>",
    # another object's method of that name, a position from a variable
    _HEAD + "<script>myIframeAdFactory.getAd('top', 728, 90); iframeAdFactory.getAd(p, 728, 90);"
            "</script>",
    # an id that only opens with AdvertServe's prefix, a cookie attribute naming another's
    _HEAD + '<div id="avp_zid_header"></div><div data-cookie="consent" data-zone="3"></div>',
])
def test_look_alikes_of_those_forms_place_nothing(
        project_engine: Engine, catalogue: Catalogue, html: str) -> None:
    (page,) = audit((html + "</body></html>").encode(), url="https://gardenweekly.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert page.slots == ()


@pytest.mark.parametrize("html, named", [
    (TIME_INC_CONFIG, True),
    # the library's own code, a copy of it inline: its constructor, no site configured
    (_HEAD + "<script>function TiiAdConfig(sitename) { this.sitename = sitename; }\n"
             "var c = new TiiAdConfig(window.siteName);</script>", False),
    # a template's config left with a placeholder: no DART site (Time Inc.'s are all
    # `<network>.<site>`, 3475.ess, 3475.tfk), so no ad server and no ID
    (_HEAD + "<script>var adConfig = new TiiAdConfig('sitename');\n"
             "var adConfig2 = new TiiAdConfig(\"YOUR_SITE\");</script>", False),
], ids=["config", "library_copy", "placeholder"])
def test_time_incs_config_names_its_dart_site_as_the_pages_ad_server(
        project_engine: Engine, catalogue: Catalogue, html: str, named: bool) -> None:
    (page,) = audit(html.encode(), url="https://gardenweekly.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert ("DoubleClick DART" in {n.network for n in page.networks}) is named
    assert bool({i.value for i in page.ids if i.kind == "dart-site"}) is named


def test_advertserves_other_units_hand_their_zone_in_data_zone(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # a site's units that hand the tag their zone without naming the cookie: its zones where
    # AdvertServe runs; a number in data-zone on a page without it is nobody's
    units = ('<div class="container ad-unit desktop-unit" data-zone="43" id="header-ad"></div>'
             '\n<div class="sidebar ad-unit" data-zone="44"></div>\n')
    (page,) = audit(ADVERTSERVE.replace("</body>", units + "</body>").encode(),
                    url="https://gardenweekly.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "advertserve-zone"} == {"41", "42", "43", "44"}
    (page,) = audit((_HEAD + units + "</body></html>").encode(),
                    url="https://gardenweekly.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert not [i for i in page.ids if i.kind == "advertserve-zone"]


@pytest.mark.parametrize("other", [
    # a world clock's cities keyed by their UTC offset in minutes
    '<div class="world-clock"><span class="clock" data-zone="0">London</span>'
    '<span class="clock" data-zone="330">Mumbai</span></div>',
    # an injected PropellerAds MultiTag: its zone is the injector's, not AdvertServe's
    '<script src="https://alwingulla.com/88/tag.min.js" data-zone="5912345" async '
    'data-cfasync="false"></script>',
    # another network's AMP unit handing its own zone
    '<amp-ad width="300" height="250" type="adbutler" data-account="170512" '
    'data-zone="287614"></amp-ad>',
], ids=["timezone widget", "propellerads multitag", "adbutler amp-ad"])
def test_a_data_zone_that_is_no_ad_unit_of_the_sites_is_no_advertserve_zone(
        project_engine: Engine, catalogue: Catalogue, other: str) -> None:
    """AdvertServe's other units are the site's ad boxes (`div.ad-unit[data-zone]`): a
    number in data-zone elsewhere on a page where it runs (a clock's offset, another
    network's tag or AMP unit, an injector's) is not its zone."""
    (page,) = audit(ADVERTSERVE.replace("</body>", other + "</body>").encode(),
                    url="https://gardenweekly.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert {i.value for i in page.ids if i.kind == "advertserve-zone"} == {"41", "42"}
