"""Indonesian and Vietnamese news stacks' ad tags in the forms their vendors document or
hand out: Prebid.js bids of Appier (`hzid`) and SpotX (`channel_id`), a bidder alias the
page declares with `pbjs.aliasBidder`, The Trade Desk's Unified ID partner in its match
URL, AdMicro's zone code (`div#admzone<N>` filled by `admicroAD.show`), the audience
keys Jixie's publishers read back (`_jxitr`), RTB House's and Jixie's Prebid bids, and
iVideoSmart's player embed (`<ivs-player data-ivs-…>` + its loader), KLY Infeed's
boxes (`div.infeed-slot` its SDK fills), AdMicro's box script (`ads_box_<N>.ads`) and
ANTS (Anthill)'s zones (`div[data-ants-zone-id]` ants.js fills, a zone's own script).
Pages written here after those forms; IDs made up."""

from __future__ import annotations

import time

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

STORY = ("<h1>Harga cabai naik</h1>\n"
         "<p>Harga cabai di pasar kota naik dua kali lipat pekan ini.</p>\n"
         "<p>Pedagang menyebut pasokan dari desa berkurang karena hujan.</p>\n")


def _audit(html: str, engine: Engine, catalogue: Catalogue) -> PageReport:
    (page,) = audit(html.encode(), url="https://berita-kota.test/cabai", engine=engine,
                    catalogue=catalogue).pages
    return page


def _ids(page: PageReport) -> set[tuple[str, str]]:
    return {(i.kind, i.value) for i in page.ids}


def _networks(page: PageReport) -> set[str]:
    return {n.network for n in page.networks}


def _page(head: str, body: str = "") -> str:
    return ("<!DOCTYPE html>\n<html><head><title>Cabai</title>\n" + head + "</head><body>\n"
            "<article>\n" + STORY + body + "</article>\n</body></html>")


# a Prebid.js config as sites write it: ad units with their bids, an alias of Criteo's
# adapter the page declares, the Unified ID module's match URL
BIDS = """<script>
var adUnits = [{code: "div-top", mediaTypes: {banner: {sizes: [[728, 90]]}},
  bids: [{bidder: "appier", params: {hzid: "Qx7kPa2m"}},
         {bidder: "criteo", params: {networkId: 5521}},
         {bidder: "criteoalt", params: {networkId: 6643}},
         {bidder: "spotx", params: {channel_id: 391057, ad_unit: "outstream"}}]}];
pbjs.que.push(function () {
  pbjs.setConfig({userSync: {userIds: [{name: "unifiedId",
    params: {url: "//match.adsrvr.org/track/rid?ttd_pid=k3r9vq2&fmt=json"}}]}});
  pbjs.aliasBidder("criteo", "criteoalt");
  pbjs.addAdUnits(adUnits);
});
</script>
<script async src="https://cdn.berita-kota.test/js/prebid4.2.js"></script>
"""


def test_prebid_bids_name_appier_spotx_and_an_aliased_criteo(project_engine: Engine,
                                                              catalogue: Catalogue) -> None:
    page = _audit(_page(BIDS, '<div id="div-top"></div>\n'), project_engine, catalogue)
    ids = _ids(page)
    assert {("appier-zone", "Qx7kPa2m"), ("spotx-channel", "391057"),
            ("criteo-network", "5521"), ("criteo-network", "6643"),
            ("ttd-partner", "k3r9vq2")} <= ids
    assert {"Appier", "SpotX", "Criteo", "The Trade Desk"} <= _networks(page)


def test_an_undeclared_alias_and_look_alikes_name_no_one(project_engine: Engine,
                                                         catalogue: Catalogue) -> None:
    # no aliasBidder call: `criteoalt` is no adapter the catalogue knows; a bidder whose
    # code only holds the vendor's name is another's; the match URL on a look-alike host
    plain = (BIDS.replace('pbjs.aliasBidder("criteo", "criteoalt");', "")
             .replace('"appier"', '"notappier"')
             .replace("match.adsrvr.org/", "match.adsrvr.org.evil.test/"))
    ids = _ids(_audit(_page(plain, '<div id="div-top"></div>\n'), project_engine, catalogue))
    assert ("criteo-network", "5521") in ids
    assert not {("criteo-network", "6643"), ("appier-zone", "Qx7kPa2m"),
                ("ttd-partner", "k3r9vq2")} & ids
    # the same words in prose: a tutorial's code in a <pre> declares no alias
    prose = BIDS.replace('pbjs.aliasBidder("criteo", "criteoalt");', "")
    shown = _page(prose, '<pre>pbjs.aliasBidder("criteo", "criteoalt");</pre>\n')
    assert ("criteo-network", "6643") not in _ids(_audit(shown, project_engine, catalogue))


def test_an_alias_declared_for_two_adapters_names_neither(project_engine: Engine,
                                                          catalogue: Catalogue) -> None:
    twice = BIDS.replace('pbjs.aliasBidder("criteo", "criteoalt");',
                         'pbjs.aliasBidder("criteo", "criteoalt"); '
                         'pbjs.aliasBidder("appnexus", "criteoalt");')
    ids = _ids(_audit(_page(twice, '<div id="div-top"></div>\n'), project_engine, catalogue))
    assert ("criteo-network", "6643") not in ids


# AdMicro's zone code: the empty div, then the queued call naming it
ADMICRO = """<script>var admicroAD = admicroAD || {};
admicroAD.unit = admicroAD.unit || [];</script>
<script async src="//media1.admicro.vn/core/admcore.js"></script>
"""
ZONE = """<div id="admzone3071"></div>
<script>
    admicroAD.unit.push(function () { admicroAD.show('admzone3071') });
</script>
"""


def test_admicro_zone_div_is_its_slot(project_engine: Engine, catalogue: Catalogue) -> None:
    html = _page(ADMICRO, ZONE)
    page = _audit(html, project_engine, catalogue)
    line = html.splitlines().index('<div id="admzone3071"></div>') + 1
    assert [(s.network, s.zone_id, s.line) for s in page.slots] == [("AdMicro", "3071", line)]
    assert ("admicro-zone", "3071") in _ids(page)


def test_admicro_call_without_its_div_or_in_prose_is_no_slot(project_engine: Engine,
                                                               catalogue: Catalogue) -> None:
    # the call alone (its div in a part of the page the copy lacks): the zone, no slot
    alone = _audit(_page(ADMICRO, ZONE.replace('<div id="admzone3071"></div>\n', "")),
                   project_engine, catalogue)
    assert [s for s in alone.slots if s.network == "AdMicro"] == []
    assert ("admicro-zone", "3071") in _ids(alone)
    # the code shown in a <pre> on a page without AdMicro: nothing
    shown = _audit(_page("", "<pre>&lt;div id=\"admzone3071\"&gt;&lt;/div&gt;\n"
                             "admicroAD.show('admzone3071')</pre>\n"), project_engine, catalogue)
    assert shown.slots == () and "AdMicro" not in _networks(shown)
    # another vendor's div named alike, no call: no AdMicro slot
    other = _audit(_page("", '<div id="admzone-news"></div>\n'), project_engine, catalogue)
    assert [s for s in other.slots if s.network == "AdMicro"] == []


# AdMicro's older box code: one script a box on its subdomain of VCCorp's CDN, written where
# it stands; ANTS (Anthill)'s zone tag: ants.js pasted once a zone, then the box it fills,
# its older copy written by document.write, and a zone's own script
ADMICRO_BOX = ('<div class="ads-left"><script type="text/javascript" '
               'src="//admicro1.vcmedia.vn/ads_codes/ads_box_4410.ads"></script></div>\n')
ANTS = ('<div class="ants-left"><!-- ANTS 300x600 -->\n'
        '<script async src="//e-vcdn.anthill.vn/delivery-ants/asset/1.0/ants.js"></script>\n'
        '<div class="730118204" data-ants-zone-id="730118204"></div></div>\n'
        '<div class="ants-right">\n'
        '<script async src="//e-vcdn.anthill.vn/delivery-ants/asset/1.0/ants.js"></script>\n'
        '<div class="730118205" data-ants-zone-id="730118205"></div></div>\n'
        '<div class="ants-old"><script type="text/javascript">\n'
        "if (typeof window.ANTS == 'undefined') document.write('<script async=\"true\" "
        'src="//e-vcdn.anthill.vn/delivery-ants/asset/1.0/ants.js"><\\/script>\');\n'
        "document.write('<div class=\"730118206\" data-ants-zone-id=\"730118206\"><\\/div>');\n"
        "</script></div>\n"
        '<div class="ants-bottom"><script type="text/javascript" '
        'src="//e-vcdn.anthill.vn/delivery-ants/zone/730118207.js"></script></div>\n')


def _serious(page: PageReport) -> list[str]:
    return [f.kind for f in page.findings if f.severity.value in ("high", "medium")]


def test_admicro_box_script_and_ants_zones_are_their_slots(project_engine: Engine,
                                                           catalogue: Catalogue) -> None:
    page = _audit(_page("", ADMICRO_BOX + ANTS), project_engine, catalogue)
    assert sorted((s.network, s.zone_id) for s in page.slots) == [
        ("ANTS (Anthill)", "730118204"), ("ANTS (Anthill)", "730118205"),
        ("ANTS (Anthill)", "730118206"), ("ANTS (Anthill)", "730118207"),
        ("AdMicro", "4410")]
    assert {("admicro-box", "4410"), ("ants-zone", "730118204"),
            ("ants-zone", "730118207")} <= _ids(page)
    # AdMicro's own subdomain is no host dressed as admicro.vn; ants.js once a zone is its tag
    assert _serious(page) == []
    assert [f for f in page.findings if f.kind == "duplicate-loader"] == []


def test_admicro_box_and_ants_look_alikes_name_no_one(project_engine: Engine,
                                                      catalogue: Catalogue) -> None:
    for body in (ADMICRO_BOX.replace("admicro1.vcmedia.vn/", "admicro1.vcmedia.vn.evil.test/"),
                 ADMICRO_BOX.replace("admicro1.vcmedia.vn/", "cdn.example-news.test/"),
                 '<script src="//e-vcdn.anthill.vn.evil.test/delivery-ants/zone/730118207.js">'
                 "</script>\n",
                 '<script src="//cdn.example-news.test/delivery-ants/zone/730118207.js">'
                 "</script>\n",
                 "<pre>" + (ADMICRO_BOX + ANTS).replace("<", "&lt;") + "</pre>\n"):
        page = _audit(_page("", body), project_engine, catalogue)
        assert not {"AdMicro", "ANTS (Anthill)"} & {s.network for s in page.slots}
        assert not {"admicro-box", "ants-zone"} & {i.kind for i in page.ids}


def test_alias_reader_stays_linear(project_engine: Engine, catalogue: Catalogue) -> None:
    # 5 MB of alias calls and bids: one pass each
    many = "".join(f'pbjs.aliasBidder("criteo", "c{n}");\n' for n in range(40_000))
    bids = "".join(f'{{bidder: "c{n}", params: {{networkId: {1000 + n}}}}},\n'
                   for n in range(40_000))
    text = "<script>" + many + "var b = [" + bids + "];</script>"
    text += "<script>/*" + "x" * (5_000_000 - len(text)) + "*/</script>"
    started = time.perf_counter()
    _audit(_page(text), project_engine, catalogue)
    assert time.perf_counter() - started < 60


# a KG Media page reading Jixie's audience segments back into GPT's targeting
JIXIE = """<script>
googletag.cmd.push(function () {
  var ls = window.localStorage;
  var seg = ls.getItem("_jxitr");
  if (seg) { googletag.pubads().setTargeting("jx_audience_interest", JSON.parse(seg)); }
});
</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
"""


def test_jixie_audience_keys_and_bids(project_engine: Engine, catalogue: Catalogue) -> None:
    assert "Jixie" in _networks(_audit(_page(JIXIE), project_engine, catalogue))
    bids = BIDS.replace('{bidder: "appier", params: {hzid: "Qx7kPa2m"}}',
                        '{bidder: "jixie", params: {unit: "1000072-jz8Tq2Ab"}}, '
                        '{bidder: "rtbhouse", params: {region: "prebid-asia", '
                        'publisherId: "Hk2pQ9xTn4"}}')
    page = _audit(_page(bids, '<div id="div-top"></div>\n'), project_engine, catalogue)
    assert {("jixie-unit", "1000072-jz8Tq2Ab"), ("rtbhouse-publisher", "Hk2pQ9xTn4")} <= _ids(page)
    assert {"Jixie", "RTB House"} <= _networks(page)


def test_jixie_look_alikes_name_no_one(project_engine: Engine, catalogue: Catalogue) -> None:
    # another key that opens alike; the keys in an article's prose
    other = JIXIE.replace('"_jxitr"', '"_jxitrack"')
    assert "Jixie" not in _networks(_audit(_page(other), project_engine, catalogue))
    prose = _page("", '<pre>var seg = ls.getItem("_jxitr");</pre>\n')
    assert "Jixie" not in _networks(_audit(prose, project_engine, catalogue))


# AdSense for Search's box as its code hands it out: the engine's ID in a hidden field
AFS = """<form action="/search" id="cse-search-box">
  <input name="q" type="text">
  <input type="hidden" name="cx" value="partner-pub-4817263540918273:7310592846">
  <input type="hidden" name="ie" value="UTF-8">
</form>
"""


def test_adsense_for_search_box_names_the_publisher(project_engine: Engine,
                                                    catalogue: Catalogue) -> None:
    page = _audit(_page("", AFS), project_engine, catalogue)
    assert ("adsense-publisher", "partner-pub-4817263540918273") in _ids(page)
    assert "Google AdSense" in _networks(page)
    # a field the page shows (not hidden), a Custom Search engine without ads, the form in
    # a <pre>: none
    for other in (AFS.replace('type="hidden" name="cx"', 'type="text" name="cx"'),
                  AFS.replace("partner-pub-4817263540918273:7310592846",
                              "017643444788069204610:4gvhea_mvga"),
                  "<pre>" + AFS.replace("<", "&lt;") + "</pre>"):
        assert "Google AdSense" not in _networks(_audit(_page("", other), project_engine,
                                                         catalogue))


# AdSense for search's older box ("SiteSearch Google", 2004-2011), as its code handed it out:
# the publisher in a hidden `client` field, then the `forid` field
AFS_CLASSIC = """<form method="get" action="http://www.google.com/custom" target="_top">
  <input type="hidden" name="domains" value="blog.test"></input>
  <input type="text" name="q" size="31" maxlength="255" value=""></input>
  <input type="submit" name="sa" value="Search"></input>
  <input type="hidden" name="client" value="pub-5173920486153027"></input>
  <input type="hidden" name="forid" value="1"></input>
  <input type="hidden" name="ie" value="ISO-8859-1"></input>
  <input type="hidden" name="cof" value="GALT:#008000;GL:1;DIV:#336699;FORID:1"></input>
</form>
"""


def test_adsense_for_search_classic_box_names_the_publisher(project_engine: Engine,
                                                            catalogue: Catalogue) -> None:
    page = _audit(_page("", AFS_CLASSIC), project_engine, catalogue)
    assert ("adsense-publisher", "pub-5173920486153027") in _ids(page)
    assert "Google AdSense" in _networks(page)
    # a field the page shows, a `client` field of another form (no `forid` after it), the
    # form in a <pre>: none
    shown = AFS_CLASSIC.replace('type="hidden" name="client"', 'type="text" name="client"')
    other = AFS_CLASSIC.replace('name="forid" value="1"', 'name="lang" value="en"')
    for markup in (shown, other, "<pre>" + AFS_CLASSIC.replace("<", "&lt;") + "</pre>"):
        page = _audit(_page("", markup), project_engine, catalogue)
        assert "Google AdSense" not in _networks(page)
        assert "pub-5173920486153027" not in {value for _, value in _ids(page)}

# an Indonesian news site's video box: iVideoSmart's player element, then its loader
IVS = """<div class="video-box"><ivs-player id="berita_article"
    data-ivs-key="3b9e0c7d1f2a4e6b8c0d2f4a6b8c0e1f"
    data-ivs-spid="4102837"
    data-ivs-wid="7c2e9b41-5a3d"></ivs-player>
<script src="https://player.ivideosmart.com/ivsplayer/v4/dist/js/loader.js"></script></div>
"""


def test_ivideosmart_player_is_its_unit_with_its_ids(project_engine: Engine,
                                                      catalogue: Catalogue) -> None:
    page = _audit(_page("", IVS), project_engine, catalogue)
    assert "iVideoSmart" in _networks(page)
    assert {("ivideosmart-key", "3b9e0c7d1f2a4e6b8c0d2f4a6b8c0e1f"),
            ("ivideosmart-publisher", "4102837"),
            ("ivideosmart-widget", "7c2e9b41-5a3d")} <= _ids(page)
    assert [s.network for s in page.slots if s.kind == "ad"] == ["iVideoSmart"]


def test_ivideosmart_look_alikes_name_no_one(project_engine: Engine,
                                             catalogue: Catalogue) -> None:
    # the element without its loader; the loader on a look-alike host; the embed in a <pre>
    for body in (IVS.split("<script")[0] + "</div>\n",
                 IVS.replace("player.ivideosmart.com/", "player.ivideosmart.com.evil.test/"),
                 IVS.replace("player.ivideosmart.com/", "player.notivideosmart.com/"),
                 "<pre>" + IVS.replace("<", "&lt;") + "</pre>\n"):
        page = _audit(_page("", body), project_engine, catalogue)
        assert "iVideoSmart" not in _networks(page)
        assert not {i for i in _ids(page) if i[0].startswith("ivideosmart-")}
        assert [s for s in page.slots if s.network == "iVideoSmart"] == []


# a KLY site's home page: two in-feed boxes in a story list, then KLY Infeed's snippet
INFEED = """<div class="list"><div class="infeed-slot" data-template="90" data-slot="1"></div>
<div class="story"><a href="/a">Harga cabai</a></div>
<div class="infeed-slot" data-template="90" data-slot="2"></div></div>
<script>(function(i,n,f,e,ed,kl,y){ i['infeedConfig'] = ed;
i[ed]=i[ed]||function(){(i[ed].q=i[ed].q||[]).push(arguments)},
kl=n.createElement(f),y=n.getElementsByTagName(f)[0];kl.async=1;
kl.src=e;y.parentNode.insertBefore(kl,y);
})(window, document, 'script', '//d.infeed.id/resources/js/v1.0.0/infeed-sdk.js','inf');
inf('publisher', ''); inf('class', 'infeed-slot');</script>
"""


def test_kly_infeed_boxes_are_its_units(project_engine: Engine, catalogue: Catalogue) -> None:
    page = _audit(_page("", INFEED), project_engine, catalogue)
    assert "KLY Infeed (infeed.id)" in _networks(page)
    assert [s.network for s in page.slots if s.kind == "ad"] == ["KLY Infeed (infeed.id)"] * 2


def test_kly_infeed_look_alikes_name_no_one(project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    # the boxes without its SDK; the SDK on a look-alike host; the snippet in a <pre>
    boxes = INFEED.split("<script>")[0]
    for body in (boxes,
                 boxes + '<script src="//d.infeed.id.evil.test/resources/js/infeed-sdk.js">'
                 "</script>\n",
                 boxes + '<script src="//d.notinfeed.id/resources/js/infeed-sdk.js"></script>\n',
                 "<pre>" + INFEED.replace("<", "&lt;") + "</pre>\n"):
        page = _audit(_page("", body), project_engine, catalogue)
        assert "KLY Infeed (infeed.id)" not in _networks(page)
        assert [s for s in page.slots if s.network == "KLY Infeed (infeed.id)"] == []
