"""Vendors the catalogue's reach work named (docs/ACCURACY.md, "Catalogue reach"), read from
their publisher tags as sites' copies of them write them: each page is a blog post of the
site's own carrying one vendor's tag, audited with the system filter lists. The vendor is
named and no other, each unit its tag writes is a slot of it, its operator IDs are read with
their kind, and the publisher's own tag draws no medium or high finding.

The IDs are made up."""

from __future__ import annotations

import pytest

from auditor.model import Severity

from .conftest import AuditListed
from .stacks import (
    AuditStack,
    Stack,
    ad_slots,
    assert_names_none,
    assert_read,
    serious,
    stack,
)

_P = "<p>Whisk the eggs with the sugar until pale, then fold in the flour.</p>"

# Supership's Ad Generation: one script per unit, which writes the ad where it stands
_ADG = ('<div class="sponsor-link"><script src="https://{host}/sdk/js/adg-script-loader.js?'
        'id={unit}&targetID=adg_{unit}&displayid=3&adType=RECT&async=false&tagver=2.0.0">'
        "</script></div>")
# BuySellAds' CPC unit, as its install code writes it: the element, then the call naming it
_BSA_HEAD = ('<script src="//m.servedby-buysellads.com/monetization.js" type="text/javascript">'
             "</script>")
_BSA_CPC = ('<div class="bsa-cpc"></div><script>(function(){if(typeof _bsa !== \'undefined\' '
            "&& _bsa) {\n  _bsa.init('default', 'CK7DX2QY', 'placement:exampleblogcom', {\n"
            "    target: '.bsa-cpc',\n    align: 'horizontal',\n    disable_css: 'true'\n  });\n"
            "}})();</script>")
# BuySellAds' Optimize loader, as sites' copies write it (the site's script name is made up)
_BSA_OPTIMIZE = (
    "<script>(function(){var bsa_optimize = document.createElement('script');\n"
    "bsa_optimize.type = 'text/javascript';\nbsa_optimize.async = true;\n"
    "bsa_optimize.src = 'https://cdn4.buysellads.net/pub/exampleblog.js?' + "
    "(new Date() - new Date() % 600000);\n(document.getElementsByTagName('head')[0] || "
    "document.getElementsByTagName('body')[0]).appendChild(bsa_optimize);})();</script>")
# AdButler's async tag: app.js once, then per zone a placement div and AdButler.register
_ADBUTLER_HEAD = (
    '<script type="text/javascript">if (!window.AdButler){(function(){var s = document.'
    'createElement("script"); s.async = true; s.type = "text/javascript";s.src = \'https://'
    "servedbyadbutler.com/app.js';var n = document.getElementsByTagName(\"script\")[0]; "
    "n.parentNode.insertBefore(s, n);}());}</script>")
_ADBUTLER = (
    '<script type="text/javascript">var AdButler = AdButler || {{}}; AdButler.ads = '
    "AdButler.ads || [];\nvar abkw = window.abkw || '';\nvar plc{zone} = window.plc{zone} || 0;"
    "\ndocument.write('<'+'div id=\"placement_{zone}_'+plc{zone}+'\"></'+'div>');\n"
    "AdButler.ads.push({{handler: function(opt){{ AdButler.register(174302, {zone}, [{w},{h}], "
    "'placement_{zone}_'+opt.place, opt); }}, opt: {{ place: plc{zone}++, keywords: abkw, "
    "domain: 'servedbyadbutler.com', click:'CLICK_MACRO_PLACEHOLDER' }}}});</script>")

STACKS = [
    stack("Ad Generation", "adg-script-loader.js?id=<unit>, one per unit", "",
          _P + _ADG.format(host="i.socdm.com", unit="61842") + _P
          + _ADG.format(host="ssl.socdm.com", unit="61843"),
          {"Ad Generation"}, {"Ad Generation": 2}, ("adgeneration-unit", "61842"),
          ("adgeneration-unit", "61843")),
    # Primis' player tag on the host of its former name, Sekindo
    stack("Primis", "live.sekindo.com/live/liveView.php?s=<placement>", "",
          _P + '<script type="text/javascript" language="javascript" src="https://live.sekindo'
          '.com/live/liveView.php?s=90417&cbuster=[CACHE_BUSTER]&pubUrl=[PAGE_URL_ENCODED]">'
          "</script>" + _P,
          {"Primis"}, {"Primis": 1}, ("primis-placement", "90417")),
    # MGID's widget under its Russian-language brand's host
    stack("MGID", "lentainform widget: div#M<n>ScriptRootC<widget> + jsc.lentainform.com", "",
          _P + '<div id="M712094ScriptRootC1408227"></div><script src="https://jsc.lentainform'
          '.com/e/x/example-blog.com.1408227.js" async></script>' + _P,
          {"MGID"}, {"MGID": 1}, ("mgid-site", "712094"), ("mgid-widget", "1408227")),
    stack("BuySellAds", "Carbon Ads: carbon.js?serve=<zone>#_carbonads_js", "",
          _P + '<script async type="text/javascript" src="//cdn.carbonads.com/carbon.js?serve='
          'CK7DX2QW&placement=exampleblogcom" id="_carbonads_js"></script>' + _P,
          {"BuySellAds"}, {"BuySellAds": 1}, ("carbon-serve", "CK7DX2QW")),
    # BuySellAds' own monetization script: a `default` zone placed at its target element,
    # a floating `fancybar` zone with none (its zone key read, no slot)
    stack("BuySellAds", "monetization.js + _bsa.init('default', zone, placement, {target})",
          '<script src="//m.servedby-buysellads.com/monetization.js" type="text/javascript">'
          "</script>",
          _P + '<div id="bsa-zone_1712345678901-4_123456"></div>' + _P
          + "<script>(function(){if(typeof _bsa !== 'undefined' && _bsa) {\n"
          "  _bsa.init('default', 'CK7DX2QE', 'placement:exampleblogcom', {\n"
          "    target: '#bsa-zone_1712345678901-4_123456',\n    align: 'horizontal',\n"
          "    disable_css: 'true'\n  });\n}})();</script>"
          "<script>(function(){if(typeof _bsa !== 'undefined' && _bsa) {"
          "_bsa.init('fancybar', 'CE7DK53N', 'placement:exampleblogcom');}})();</script>",
          {"BuySellAds"}, {"BuySellAds": 1}, ("carbon-serve", "CK7DX2QE"),
          ("carbon-serve", "CE7DK53N")),
    # its CPC install code: the target a class, the element a `<div class="bsa-cpc">`
    stack("BuySellAds", "monetization.js + _bsa.init('default', zone, placement, {target: '.cls'})",
          _BSA_HEAD, _P + _BSA_CPC + _P, {"BuySellAds"}, {"BuySellAds": 1},
          ("carbon-serve", "CK7DX2QY")),
    # its Optimize wrapper: the site's loader, and each zone an element `bsa-zone_…` by id
    stack("BuySellAds", "Optimize: cdn4.buysellads.net/pub/<site>.js + div#bsa-zone_…",
          _BSA_OPTIMIZE, _P + '<div id="bsa-zone_1712345678901-6_123456"></div>' + _P
          + '<div id="bsa-zone_1712345678901-7_123456"></div>',
          {"BuySellAds"}, {"BuySellAds": 2}),
    stack("AdButler", "app.js + AdButler.register(account, zone, size) per zone", _ADBUTLER_HEAD,
          _P + _ADBUTLER.format(zone="448120", w=300, h=250) + _P
          + _ADBUTLER.format(zone="448121", w=728, h=90),
          {"AdButler"}, {"AdButler": 2}, ("adbutler-zone", "448120"),
          ("adbutler-zone", "448121"), ("adbutler-account", "174302")),
    # AdButler's older iframe and JavaScript tags: `adserve/;ID=<account>;size=…;setID=<zone>`
    stack("AdButler", "iframe tag: adserve/;ID=<account>;setID=<zone>;type=iframe", "",
          _P + '<iframe src="https://servedbyadbutler.com/adserve/;ID=174302;size=300x250;'
          'setID=448123;type=iframe;click=CLICK_MACRO_PLACEHOLDER" width="300" height="250" '
          'marginwidth="0" marginheight="0" frameborder="0" scrolling="no"></iframe>' + _P,
          {"AdButler"}, {"AdButler": 1}, ("adbutler-zone", "448123"),
          ("adbutler-account", "174302")),
    stack("AdButler", "JavaScript tag: var absrc = '…adserve/;ID=…;setID=…;type=iframe'", "",
          _P + "<script type=\"text/javascript\">var rnd = window.rnd || Math.floor(Math.random()"
          "*10e6);\nvar plc448124 = window.plc448124 || 0;\nvar abkw = window.abkw || '';\n"
          "var absrc = 'https://servedbyadbutler.com/adserve/;ID=174302;size=728x90;setID=448124;"
          "type=iframe;sw='+screen.width+';sh='+screen.height+';kw='+abkw+';place='+(plc448124++)"
          "+';rnd='+rnd+';click=CLICK_MACRO_PLACEHOLDER';\ndocument.write('<ifr'+'ame src=\"'+absrc"
          "+'\" width=\"728\" height=\"90\" frameborder=\"0\" scrolling=\"no\"></ifr'+'ame>');"
          "</script>" + _P,
          {"AdButler"}, {"AdButler": 1}, ("adbutler-zone", "448124"),
          ("adbutler-account", "174302")),
    stack("AdButler", "AMP: amp-ad type=adbutler data-account data-zone", "",
          _P + '<amp-ad width="300" height="250" type="adbutler" data-account="174302" '
          'data-zone="448125"></amp-ad>' + _P,
          {"AdButler"}, {"AdButler": 1}, ("adbutler-zone", "448125"),
          ("adbutler-account", "174302")),
    stack("Ad Generation", "AMP: amp-ad type=adgeneration data-id=<unit>", "",
          _P + '<amp-ad width="300" height="250" type="adgeneration" data-id="61844"></amp-ad>'
          + _P, {"Ad Generation"}, {"Ad Generation": 1}, ("adgeneration-unit", "61844")),
    # an audience tag: named with its site, no ad slot
    stack("Datonics", "ads.pro-market.net/ads/scripts/site-<site>.js", "",
          _P + '<!-- Datonics --><script type="text/javascript" src="//ads.pro-market.net/ads/'
          'scripts/site-148203.js"></script>' + _P,
          {"Datonics"}, {}, ("datonics-site", "148203")),
]


@pytest.mark.parametrize("s", STACKS, ids=lambda s: f"{s.stack}: {s.form}")
def test_each_vendor_is_named_with_its_slots_and_ids(audit_stack: AuditStack, s: Stack) -> None:
    report = audit_stack(s)
    assert_read(report, s)
    assert serious(report) == []


_NAMED = {"Ad Generation", "AdButler", "BuySellAds", "MGID", "Primis"}


@pytest.mark.parametrize(("target", "element"), [
    (".bsa-cpc", "div"),  # the element its class names, as `querySelector` finds it
    ("#bsa-unit", "div"),
    (".sidebar .bsa-cpc", "script"),  # a longer selector is not read: the call is the slot
])
def test_a_bsa_zone_is_placed_where_its_target_selector_names(
        audit_stack: AuditStack, target: str, element: str) -> None:
    """`_bsa.init(…, {target})` fills the element its selector finds: a simple class or id
    is that element (with the call's zone key), not the script."""
    body = (_P + '<aside class="sidebar"><div class="ad bsa-cpc" id="bsa-unit"></div></aside>'
            + _P + _BSA_CPC.replace("'.bsa-cpc'", repr(target)))
    report = audit_stack(stack("BuySellAds", target, _BSA_HEAD, body, {"BuySellAds"}, {}))
    [slot] = [s for s in report.slots if s.network == "BuySellAds"]
    assert slot.xpath.rsplit("/", 1)[-1].split("[")[0] == element
    assert slot.zone_id == "CK7DX2QY"


@pytest.mark.parametrize(("form", "body"), [
    # the file names on the site's own host are the site's
    ("a site's own adg-script-loader.js", '<script src="/js/adg-script-loader.js?id=61842">'
     "</script>"),
    ("a site's own carbon.js", '<script src="/static/carbon.js?serve=CK7DX2QW" '
     'id="_carbonads_js"></script>'),
    ("a site's own liveView.php", '<script src="/live/liveView.php?s=90417"></script>'),
    # a site's own queue of the same name, with no zone key of BSA's shape
    ("a site's own _bsa.init", "<script>var _bsa = {init: function(){}};"
     "_bsa.init('default', 'sidebar', 'placement:home');</script>"),
    # a site's own object whose name ends in AdButler
    ("myAdButler.register", "<script>var myAdButler = {register: function(){}};"
     "myAdButler.register(174302, 448120, [300,250]);</script>"),
])
def test_look_alikes_name_none_of_them(audit_stack: AuditStack, form: str, body: str) -> None:
    assert_names_none(audit_stack(stack("none", form, "", _P + body + _P, set(), {})), _NAMED)


# A Prebid page's bidders among the new SSPs, and the hidden user-sync frames Prebid drops
# for them: the page's own stack at work (one low line), as for the bidders known before.
# The entries had no Prebid codes, so each frame was a medium "ad network the page does not
# run" where an unknown host's sync frame is low.
_PREBID_HEAD = (
    "<script>var adUnits = [{code: 'div-top', mediaTypes: {banner: {sizes: [[728, 90]]}}, "
    "bids: [{bidder: 'adkernel', params: {zoneId: 30164, host: 'cpm.adkernel.com'}}, "
    "{bidder: 'smilewanted', params: {zoneId: 'example-blog.com_hb'}}, "
    "{bidder: 'loopme', params: {publisherId: 'q27xk1'}}]}];\n"
    "pbjs.que.push(function () { pbjs.addAdUnits(adUnits); });</script>")
_SYNC = '<iframe src="{src}" width="0" height="0" style="display:none"></iframe>'


def test_the_new_bidders_sync_frames_are_the_pages_own_stack(
        audit_stack: AuditStack) -> None:
    body = _P + '<div id="div-top"></div>' + "".join(_SYNC.format(src=src) for src in (
        "https://sync.adkernel.com/user-sync?t=iframe&zone=30164",
        "https://csync.smilewanted.com/?gdpr=0",
        "https://csync.loopme.me/?pubid=q27xk1"))
    report = audit_stack(stack("Prebid", "bidders' sync frames", _PREBID_HEAD, body, set(), {}))
    frames = [f for f in report.findings if f.kind == "hidden-iframe"]
    assert [f.severity for f in frames] == [Severity.LOW]
    assert "AdKernel, SmileWanted, LoopMe" in frames[0].message


def test_a_bsa_zone_is_the_slot_of_its_target_element(audit_stack: AuditStack) -> None:
    """`_bsa.init` names the element the unit renders in (`target: '#…'`): the slot is that
    element, with the zone key, not the script that configures it."""
    s = next(s for s in STACKS if s.form.startswith("monetization.js"))
    [slot] = [x for x in audit_stack(s).slots if x.network == "BuySellAds"]
    assert slot.zone_id == "CK7DX2QE"
    assert slot.xpath.rsplit("/", 1)[-1].startswith("div")


# Publishers' own platforms, their hosts third parties on the sites they run: a Fandom wiki
# (its AdEngine bundle and Prebid build in `fandom-ae-assets`, the wiki's files and consent
# library beside them), a Gannett newspaper and a BLOX CMS one. (page URL, markup, the
# networks named, {host: (company, category)})
_FANDOM = "https://static.wikia.nocookie.net/fandom-ae-assets"
PLATFORM_PAGES = [
    ("https://ferryboats.fandom.com/wiki/Harbour_Queen",
     f'<script src="{_FANDOM}/tracking-opt-in/v3.0.3/tracking-opt-in.min.js"></script>'
     f'<script async src="{_FANDOM}/platforms/v149.44.0/ucp-desktop/main.bundle.js"></script>'
     f'<script async src="{_FANDOM}/prebid.js/v6.9.0/20221115.min.js"></script>'
     '<!-- BEGIN SLOTNAME: TOP_LEADERBOARD --><div id="TOP_LEADERBOARD" class="wikia-ad '
     'noprint default-height"></div><!-- END SLOTNAME: TOP_LEADERBOARD -->' + _P
     + '<img src="https://vignette.wikia.nocookie.net/ferryboats/images/3/3a/Harbour_Queen.jpg"'
     ' alt="Harbour Queen">' + _P,
     {"Fandom AdEngine"}, {"Fandom AdEngine": 1},
     {"static.wikia.nocookie.net": ("Fandom", "advertising"),
      "vignette.wikia.nocookie.net": ("Fandom", "content")}),
    ("https://www.harbourledger.test/story/news/local/2024/05/02/ferry-timetable/73512345007/",
     _P + '<img src="https://www.gannett-cdn.com/presto/2024/05/02/PHAR/a1b2c3d4-ferry.jpg?'
     'width=660" alt="The ferry">' + _P,
     set(), {}, {"www.gannett-cdn.com": ("Gannett", "content")}),
    ("https://www.valleycourier.test/news/local/ferry-timetable/article_5f0c1e2a.html",
     _P + '<img src="https://bloximages.chicago2.vip.townnews.com/valleycourier.test/content/'
     'tncms/assets/v3/editorial/5/f0/ferry.jpg" alt="The ferry">' + _P,
     set(), {}, {"bloximages.chicago2.vip.townnews.com": ("TownNews (BLOX CMS)", "content")}),
]


@pytest.mark.parametrize(("url", "body", "networks", "slots", "hosts"), PLATFORM_PAGES,
                         ids=[p[0].split("/")[2] for p in PLATFORM_PAGES])
def test_a_publishing_platforms_hosts_and_ad_engine_are_named(
        audit_listed: AuditListed, url: str, body: str, networks: set[str],
        slots: dict[str, int], hosts: dict[str, tuple[str, str]]) -> None:
    """Fandom's AdEngine bundle was an unnamed EasyList block and the wikis' own files on
    wikia.nocookie.net an unknown third party; Gannett's and TownNews' asset hosts likewise.
    Fandom's consent library in the same folder is none of its ad code."""
    report = audit_listed(f"<html><head><title>Harbour Queen</title></head><body><article>"
                          f"{body}</article></body></html>", url)
    assert {n.network for n in report.networks} == networks
    assert ad_slots(report) == slots
    named = {h.host: (h.company, h.category.value) for h in report.third_party_hosts}
    assert {host: named.get(host) for host in hosts} == hosts
    assert not any(r.network for r in report.resources if "tracking-opt-in" in r.url)
    assert serious(report) == []
