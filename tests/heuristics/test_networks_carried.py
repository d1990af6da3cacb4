"""The report's `networks`: every network a page carries, once, with how it shows. Pages
here are ones we wrote after conventions seen on real pages (the corpus scores the list
against its labels in tests/test_accuracy.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from auditor.model import PageReport

from .conftest import AuditHtml


def page(body: str, head: str = "") -> str:
    return (f"<html><head><title>t</title>{head}</head><body><article><p>Text of the article "
            f"that is long enough to read.</p></article>{body}</body></html>")


def carried(report: PageReport) -> dict[str, str]:
    return {n.network: n.seen.value for n in report.networks}


def test_each_way_a_page_shows_a_network_is_named_once(audit_html: AuditHtml) -> None:
    head = ('<script async src="https://static.hotjar.com/c/hotjar-123.js?sv=6"></script>'
            '<script>var _sf_async_config = _sf_async_config || {}; '
            '_sf_async_config.uid = 12345; _sf_async_config.domain = "news.example";</script>'
            '<script type="application/json" id="cfg">{"analytics": {"ga": "UA-1234567-1"}}'
            '</script>')
    body = ('<p><a href="https://www.awin1.com/cread.php?awinmid=1&awinaffid=2">a deal</a></p>'
            '<ins class="adsbygoogle" data-ad-client="ca-pub-4821730195648203" '
            'data-ad-slot="7391028456"></ins>')
    report = audit_html(page(body, head), url="https://news.example/a")
    assert carried(report) == {
        "Hotjar": "loaded",        # its script is requested
        "Chartbeat": "inline",     # only its config, in inline code
        "Awin": "link",            # an affiliate link
        "Google AdSense": "slot",  # a unit, no loader on the page
        "Google Analytics": "id",  # only a property ID, in a JSON config
    }
    by_name = {n.network: n for n in report.networks}
    assert (by_name["Hotjar"].resources, by_name["Hotjar"].category.value) == (1, "session-replay")
    assert (by_name["Google AdSense"].slots, by_name["Google AdSense"].ids) == (1, 2)
    assert by_name["Chartbeat"].ids == 1


def test_a_connection_hint_carries_no_network(audit_html: AuditHtml) -> None:
    """A vendor the page only prefetches the DNS of is not on it; the terminal summary
    used to list such hints as "also loads"."""
    head = ('<link rel="dns-prefetch" href="//c.amazon-adsystem.com">'
            '<link rel="preconnect" href="https://securepubads.g.doubleclick.net">')
    assert audit_html(page("", head), url="https://news.example/a").networks == ()


def test_google_s_tag_is_the_network_its_id_names(audit_html: AuditHtml) -> None:
    """gtag.js is one loader for several Google products: the `id` it is loaded for says
    which. An Ads conversion tag is not Google Analytics."""
    def tag(tag_id: str) -> str:
        return (f'<script async src="https://www.googletagmanager.com/gtag/js?id={tag_id}">'
                "</script><script>window.dataLayer = window.dataLayer || [];"
                "function gtag(){dataLayer.push(arguments);}gtag('js', new Date());"
                f"gtag('config', '{tag_id}');</script>")

    ads = audit_html(page("", tag("AW-789007270")), url="https://shop.example/")
    assert carried(ads) == {"Google Ads": "loaded"}
    assert [r.network for r in ads.resources] == ["Google Ads"]
    floodlight = audit_html(page("", tag("DC-8765432")), url="https://shop.example/")
    assert carried(floodlight) == {"Google Campaign Manager (Floodlight)": "loaded"}
    assert {(i.kind, i.value) for i in floodlight.ids} == {("floodlight-advertiser", "8765432")}
    analytics = audit_html(page("", tag("G-ABCDEF1234")), url="https://shop.example/")
    assert carried(analytics) == {"Google Analytics": "loaded"}
    google_tag = audit_html(page("", tag("GT-K8ZQ3V7X")), url="https://shop.example/")
    assert carried(google_tag) == {"Google tag": "loaded"}
    assert {(i.kind, i.value) for i in google_tag.ids} == {("google-tag", "GT-K8ZQ3V7X")}


def test_blogger_s_personalisation_default_is_not_adsense(audit_html: AuditHtml) -> None:
    """Every Blogger blog carries this template script, AdSense or not; a unit's push is
    AdSense's."""
    blogger = ("<script>\n  // Supply ads personalization default for EEA readers\n"
               "  adsbygoogle = window.adsbygoogle || [];\n"
               "  if (typeof adsbygoogle.requestNonPersonalizedAds === 'undefined') {\n"
               "    adsbygoogle.requestNonPersonalizedAds = 1;\n  }\n</script>")
    report = audit_html(page("", blogger), url="https://someone.blogspot.com/2020/01/a.html")
    assert "Google AdSense" not in carried(report)
    assert report.metrics.ad_markup_bytes == 0
    unit = "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>"
    assert carried(audit_html(page(unit), url="https://x.example/"))["Google AdSense"] == "inline"


def test_code_held_until_consent_is_the_page_s(audit_html: AuditHtml) -> None:
    """Consent managers keep tags inert as text/plain and run them on consent: the
    vendors are on the page, with their IDs. A text/plain data block is still data."""
    gated = ("<script type=\"text/plain\" data-cookieconsent=\"statistics\">"
             "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),"
             "event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s);"
             "j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i;"
             "f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer',"
             "'GTM-ABC1234');</script>"
             '<script type="text/plain" class="optanon-category-C0004">'
             "!function(f,b,e,v){t=b.createElement(e);t.async=!0;t.src=v;}(window,document,"
             "'script','https://connect.facebook.net/en_US/fbevents.js');"
             "fbq('init','123456789012345');</script>")
    report = audit_html(page("", gated), url="https://shop.example/")
    assert carried(report) == {"Google Tag Manager": "loaded", "Facebook Pixel": "loaded"}
    assert {(i.kind, i.value) for i in report.ids} >= {("gtm-container", "GTM-ABC1234"),
                                                       ("facebook-pixel", "123456789012345")}
    data = ('<script type="text/plain" id="share-template">'
            "https://connect.facebook.net/en_US/fbevents.js</script>")
    assert audit_html(page("", data), url="https://shop.example/").networks == ()


def test_the_list_holds_every_network_the_report_names_on_real_pages(
        corpus_pages: dict[str, PageReport]) -> None:
    """On each corpus page: every network a request (not a hint), a slot or an operator's
    ID names is in `networks`, with those counts; nothing else is, but by how it shows."""
    from auditor.model import Origin

    assert len(corpus_pages) == 110
    shown_otherwise = 0
    for name, report in corpus_pages.items():
        listed = {n.network: n for n in report.networks}
        assert len(listed) == len(report.networks), name
        loads = Counter(r.network for r in report.resources
                        if r.network and not r.hint)
        placed = Counter(s.network for s in report.slots if s.network)
        owned = Counter(i.network for i in report.ids
                        if i.network and i.origin is Origin.OPERATOR)
        assert set(loads) | set(placed) | set(owned) <= set(listed), name
        for n in report.networks:
            assert (n.resources, n.slots, n.ids) == (loads[n.network], placed[n.network],
                                                     owned[n.network]), (name, n)
            shown_otherwise += n.seen.value in ("amp", "inline", "bidder", "link")
    assert shown_otherwise > 0  # the corpus has networks shown only by code or links


def test_a_consent_managers_restored_type_must_be_code(audit_html: AuditHtml) -> None:
    """Klaro keeps the type it restores in `data-type`: code when that is a JavaScript
    type, data when it is not."""
    loader = ("var s=document.createElement('script');"
              "s.src='https://static.hotjar.com/c/hotjar-3141592.js?sv=6';"
              "document.head.appendChild(s);")
    klaro = (f'<script type="text/plain" data-type="application/javascript" '
             f'data-name="hotjar">{loader}</script>')
    assert carried(audit_html(page("", klaro), url="https://shop.example/")) == {
        "Hotjar": "loaded"}
    template = f'<script type="text/plain" data-type="template">{loader}</script>'
    assert audit_html(page("", template), url="https://shop.example/").networks == ()


_PREBID = """<script>
var pbjs = pbjs || {}; pbjs.que = pbjs.que || [];
var adUnits = [{
    code: 'div-gpt-ad-top',
    mediaTypes: {banner: {sizes: [[728, 90], [970, 250]]}},
    bids: [
        {bidder: 'rubicon', params: {accountId: 17516, siteId: 172696, zoneId: 834244}},
        {bidder: 'appnexus', params: {placementId: 23456789}},
        {bidder: 'ix', params: {siteId: '123456', size: [728, 90]}},
        {bidder: 'openx', params: {unit: '539439964', delDomain: 'examplenews-d.openx.net'}},
        {bidder: 'someoneelse', params: {accountId: 999999}}
    ]
}];
pbjs.que.push(function () { pbjs.addAdUnits(adUnits); pbjs.requestBids({}); });
</script>"""


def test_a_header_bidding_config_names_its_bidders_and_their_accounts(
        audit_html: AuditHtml) -> None:
    """Prebid.js loads each bidder's code at run time: the saved page requests nothing
    of them, but its ad units name them, with the publisher's accounts in their params
    (each bid's own: Rubicon's siteId is not Index Exchange's)."""
    report = audit_html(page("", _PREBID), url="https://news.example/a")
    assert carried(report) == {"Xandr (AppNexus)": "bidder", "Index Exchange": "bidder",
                               "OpenX": "bidder", "Magnite (Rubicon Project)": "bidder",
                               "Prebid.js": "inline"}
    ids = {(i.kind, i.value, i.network) for i in report.ids}
    assert ids >= {("rubicon-account", "17516", "Magnite (Rubicon Project)"),
                   ("rubicon-site", "172696", "Magnite (Rubicon Project)"),
                   ("rubicon-zone", "834244", "Magnite (Rubicon Project)"),
                   ("xandr-placement", "23456789", "Xandr (AppNexus)"),
                   ("index-exchange-site", "123456", "Index Exchange"),
                   ("openx-domain", "examplenews-d.openx.net", "OpenX")}
    assert not any(i.value in ("172696", "999999") and i.network != "Magnite (Rubicon Project)"
                   for i in report.ids)


# a managed stack's own Prebid build (a renamed global) handed its ad units through the
# stack's queue, not `pbjs.addAdUnits`; an SSP bidding through Xandr's adapter by its own
# code (`oftmedia`, aliased by the page), a video SSP's bid with its params nested
_QUEUED_UNITS = """<script>var hbx = hbx || {}; hbx.que = hbx.que || [];
hbx.que.push(function () { hbx.aliasBidder('appnexus', 'oftmedia'); });
stackq.addCall("hbxRequestUnits", [[{code: 'div-gpt-ad-side-0',
  mediaTypes: {banner: {sizes: [[160, 600]]}},
  bids: [{bidder: 'conversant', params: {site_id: '318204', secure: 1}},
         {bidder: 'gumgum', params: {inSlot: '41077'}},
         {bidder: 'undertone', params: {publisherId: '5120', placementId: '5120007'}},
         {bidder: 'amx', params: {tagId: 'd2Vla2RheS5leGFtcGxl'}},
         {bidder: 'pulsepoint', params: {cf: '160x600', cp: '771203', ct: '880912'}},
         {bidder: 'medianet', params: {cid: '8CU4T2Q9Z', crid: '402918377'}},
         {bidder: 'smilewanted', params: {zoneId: 'weekday.example_hb_display'}},
         {bidder: 'rhythmone', params: {placementId: '318877'}},
         {bidder: 'luponmedia', params: {siteId: 3318, keyId: 'weekdayexample160x600'}},
         {bidder: 'oftmedia', params: {placementId: '22419907'}},
         {bidder: 'appnexus', params: {placementId: '22419911'}}]},
 {code: 'div-gpt-ad-video-0', mediaTypes: {video: {context: 'outstream', playerSize: [[640, 360]]}},
  bids: [{bidder: 'unruly', params: {siteId: '330178'}},
         {bidder: 'oneVideo', params: {pubId: 'WeekdayMedia', video: {inventoryid: 5501}}}]}]]);
</script>"""


def test_bids_handed_to_a_stacks_queue_name_their_bidders_and_accounts(
        audit_html: AuditHtml) -> None:
    """Prebid's ad-unit shape (`bids: [{bidder, params}]`) is read wherever a script writes
    it, not only in `pbjs.addAdUnits`: a managed stack's build under its own global takes
    them from its queue. Each bidder's documented params are its accounts; an SSP's own
    code bidding through Xandr's adapter keeps its placement (its seat's, not Xandr's)."""
    report = audit_html(page('<div id="div-gpt-ad-side-0"></div>', _QUEUED_UNITS),
                        url="https://weekday.example/a")
    assert {"Conversant", "GumGum", "Undertone", "AMX", "PulsePoint", "Media.net",
            "SmileWanted", "RhythmOne", "LuponMedia", "152 Media (oftmedia)", "Unruly",
            "Xandr (AppNexus)", "Yahoo SSP (Verizon Media, ONE by AOL)"} <= set(carried(report))
    ids = {(i.kind, i.value, i.network) for i in report.ids}
    assert ids >= {("conversant-site", "318204", "Conversant"),
                   ("gumgum-slot", "41077", "GumGum"),
                   ("undertone-publisher", "5120", "Undertone"),
                   ("undertone-placement", "5120007", "Undertone"),
                   ("amx-tag", "d2Vla2RheS5leGFtcGxl", "AMX"),
                   ("pulsepoint-publisher", "771203", "PulsePoint"),
                   ("pulsepoint-tag", "880912", "PulsePoint"),
                   ("medianet-unit", "402918377", "Media.net"),
                   ("smilewanted-zone", "weekday.example_hb_display", "SmileWanted"),
                   ("rhythmone-placement", "318877", "RhythmOne"),
                   ("luponmedia-site", "3318", "LuponMedia"),
                   ("luponmedia-key", "weekdayexample160x600", "LuponMedia"),
                   ("oftmedia-placement", "22419907", "152 Media (oftmedia)"),
                   ("xandr-placement", "22419911", "Xandr (AppNexus)"),
                   ("unruly-site", "330178", "Unruly"),
                   ("onevideo-publisher", "WeekdayMedia",
                    "Yahoo SSP (Verizon Media, ONE by AOL)")}
    assert ("xandr-placement", "22419907", "Xandr (AppNexus)") not in ids
    # the same config shown as text (a tutorial's <pre>), or its words in a JSON-LD block:
    # no bidder, no account
    shown = _QUEUED_UNITS.replace("<script>", "<pre>").replace("</script>", "</pre>")
    assert audit_html(page(shown), url="https://weekday.example/a").ids == ()
    ld = ('<script type="application/ld+json">{"@type": "Article", "articleBody": "'
          + _QUEUED_UNITS[8:-9].replace('"', "'").replace("\n", " ") + '"}</script>')
    assert not [i for i in audit_html(page("", ld), url="https://weekday.example/a").ids
                if i.kind in ("conversant-site", "luponmedia-site", "oftmedia-placement")]


# the test parameters each adapter's documentation gives (Prebid.js modules/*BidAdapter.md,
# docs.prebid.org/dev-docs/bidders), copied whole onto demo and test pages
_DOCUMENTED_BIDS = """<script>pbjs.que.push(function () { pbjs.addAdUnits([{code: 'test-div',
  mediaTypes: {banner: {sizes: [[300, 250]]}},
  bids: [{bidder: 'conversant', params: {site_id: '108060'}},
         {bidder: 'conversant', params: {site_id: '87293'}},
         {bidder: 'gumgum', params: {inSlot: '15901', bidfloor: 0.03}},
         {bidder: 'undertone', params: {placementId: '123456789', publisherId: '123'}},
         {bidder: 'amx', params: {testMode: true, tagId: 'cHJlYmlkLm9yZw'}},
         {bidder: 'pulsepoint', params: {cf: '300X250', cp: 512379, ct: 486653}},
         {bidder: 'pulsepoint', params: {cp: 512379, ct: 505642}},
         {bidder: 'pulsepoint', params: {cp: 12345, ct: 12345}},
         {bidder: 'rhythmone', params: {placementId: '411806'}},
         {bidder: 'onetag', params: {pubId: '386276e072'}},
         {bidder: 'unruly', params: {siteId: 1081534}}]}]); });
</script>"""


def test_the_documented_test_params_of_a_bidder_are_no_account(audit_html: AuditHtml) -> None:
    """The bidders are carried, but the values their documentation gives as test params
    join no site to another: every demo page copying them would share an operator."""
    report = audit_html(page('<div id="test-div"></div>', _DOCUMENTED_BIDS),
                        url="https://weekday.example/a")
    assert {"Conversant", "GumGum", "Undertone", "AMX", "PulsePoint", "RhythmOne",
            "OneTag", "Unruly"} <= set(carried(report))
    kinds = ("conversant-site", "gumgum-slot", "undertone-publisher", "undertone-placement",
             "amx-tag", "pulsepoint-publisher", "pulsepoint-tag", "rhythmone-placement",
             "onetag-publisher", "unruly-site")
    assert [(i.kind, i.value) for i in report.ids if i.kind in kinds] == []


_CONFIG_BLOCK = """<script type="application/json" id="ad-config">{"adUnits": [
  {"code": "ad-top", "mediaTypes": {"banner": {"sizes": [[728, 90]]}},
   "bids": [{"bidder": "rubicon", "params": {"accountId": 20481, "siteId": 30971, "zoneId": 40213}},
            {"bidder": "criteo", "params": {"networkId": 5817}}]}]}</script>
<script>var c = JSON.parse(document.getElementById('ad-config').textContent);
pbjs.que.push(function () { pbjs.addAdUnits(c.adUnits); pbjs.requestBids({}); });</script>"""


def test_a_config_kept_in_a_json_data_block_names_its_bidders(audit_html: AuditHtml) -> None:
    """A site's code may keep its ad units in a `<script type="application/json">` and
    hand them to Prebid (a CMS's ad config, Next.js' page props): its bidders and their
    accounts are the page's as if written in code. A template of the same text is no
    config the page runs."""
    report = audit_html(page('<div id="ad-top"></div>', _CONFIG_BLOCK),
                        url="https://news.example/a")
    assert {"Magnite (Rubicon Project)": "bidder", "Criteo": "bidder"}.items() <= \
        carried(report).items()
    assert {("rubicon-account", "20481"), ("rubicon-site", "30971")} <= {
        (i.kind, i.value) for i in report.ids}
    template = _CONFIG_BLOCK.replace("application/json", "text/template")
    kept = audit_html(page("", template.split("<script>var c")[0]), url="https://news.example/a")
    assert kept.networks == ()


def test_a_code_sample_in_a_json_data_blocks_text_is_no_config(audit_html: AuditHtml) -> None:
    """Next.js keeps a post's body in its page props: a blog post on Prebid shows a config
    as a code sample, a string of the JSON, which no code of the page runs (a config
    there is JSON: `"bidder": "ix"`). No bidder, account or slot is the page's."""
    sample = ("<pre><code>var adUnits = [{\\n  code: 'div-banner',\\n  mediaTypes: {banner: "
              "{sizes: [[300, 250]]}},\\n  bids: [{bidder: 'rubicon', params: {accountId: "
              "20481, siteId: 30971, zoneId: 40213}}]\\n}];</code></pre>")
    props = ('<script id="__NEXT_DATA__" type="application/json">{"props": {"pageProps": '
             '{"post": {"title": "Prebid.js in ten minutes", "html": "' + sample + '"}}}}'
             "</script>")
    report = audit_html(page('<div id="div-banner"></div>', props),
                        url="https://devblog.example/blog/prebid")
    assert (report.networks, report.slots) == ((), ())
    assert not [i for i in report.ids if i.kind.startswith("rubicon")]


_UNITS = ("var adUnits = [{code: 'ad-top', mediaTypes: {banner: {sizes: [[728, 90]]}}, "
          "bids: [{bidder: 'appnexus', params: {placementId: 21397042}}]}, "
          "{code: 'ad-side', mediaTypes: {banner: {sizes: [[300, 600], [300, 250]]}}, "
          "bids: [{bidder: 'ix', params: {siteId: '604917'}}]}];"
          "pbjs.que.push(function () { pbjs.addAdUnits(adUnits); });")


@pytest.mark.parametrize(("head", "body", "expected"), [
    # Prebid as the ad server (docs.prebid.org's no-adserver example): each unit's code is
    # its div's id, sized as the unit declares
    (f"<script>{_UNITS}</script>", '<div id="ad-top"></div><div id="ad-side"></div>',
     [("Prebid.js", 728, 90), ("Prebid.js", 300, 600)]),
    # a unit GPT defines too is GPT's slot
    (f"<script>{_UNITS} googletag.cmd.push(function () {{ googletag.defineSlot("
     "'/4817/news/top', [728, 90], 'ad-top').addService(googletag.pubads()); });</script>",
     '<div id="ad-top"></div>', [("Google Publisher Tag", 728, 90)]),
    # a Nuxt blog post on Prebid: its body, the code sample and the demo div, a string of
    # the page's state script, no config it runs; a config the site keeps in a state
    # object is one
    ("<script>window.__NUXT__={data:[{post:{body:\"<pre>var adUnits = [{code: 'div-1', "
     "mediaTypes: {banner: {sizes: [[300, 250]]}}, bids: [{bidder: 'appnexus', params: "
     "{placementId: 13144370}}]}];</pre><div id=\\\"div-1\\\"></div>\"}}]};</script>",
     '<div id="div-1"></div>', []),
    ("<script>window.__AD_CONFIG__ = {adUnits: [{code: 'ad-top', mediaTypes: {banner: "
     "{sizes: [[728, 90]]}}, bids: [{bidder: 'ix', params: {siteId: '604917'}}]}]};</script>",
     '<div id="ad-top"></div>', [("Prebid.js", 728, 90)]),
    # a unit whose media types and bids the site's variables and functions give
    ("<script>var mt = {banner: {sizes: [[300, 250]]}}; pbjs.addAdUnits([{code: 'div-mpu-1', "
     "mediaTypes: mt, bids: bidsFor('mpu')}]);</script>", '<div id="div-mpu-1"></div>',
     [("Prebid.js", None, None)]),
    # a code that is a GAM path, or names no element of the page: no slot
    ("<script>pbjs.addAdUnits([{code: '/4817/news/top', mediaTypes: {banner: {sizes: "
     "[[728, 90]]}}, bids: [{bidder: 'ix', params: {siteId: '604917'}}]}]);</script>",
     '<div id="top"></div>', []),
    (f"<script>{_UNITS}</script>", "", []),
    # an object with a `code` that is no ad unit (a language menu's)
    ("<script>var langs = [{code: 'en', label: 'English'}, {code: 'de', label: 'Deutsch'}];"
     " var bids = [];</script>", '<div id="en"></div>', []),
    # the units kept in a JSON data block
    (_CONFIG_BLOCK, '<div id="ad-top"></div>', [("Prebid.js", 728, 90)]),
    # a unit of bids alone (legacy sizes), and an outstream video unit whose bids a
    # wrapper adds
    ("<script>pbjs.addAdUnits([{code: 'ad-a', sizes: [[300, 250]], bids: [{bidder: "
     "'appnexus', params: {placementId: 1}}]}, {code: 'ad-b', mediaTypes: {video: {context: "
     "'outstream', playerSize: [640, 480]}}, bids: []}]);</script>",
     '<div id="ad-a"></div><div id="ad-b"></div>', [("Prebid.js", 300, 250),
                                                   ("Prebid.js", 640, 480)]),
    # objects with a `code` and a `bids` or `mediaTypes` that are no ad units: an auction's
    # lots (a count of bids, a bid history) in Next.js' page props, a media library's
    # upload areas, a language menu's labels
    ('<script id="__NEXT_DATA__" type="application/json">{"props": {"pageProps": {"lots": '
     '[{"code": "lot-4411", "bids": 14}, {"code": "lot-4412", "bids": [{"bidder": "jsmith", '
     '"amount": 900}]}]}}}</script>',
     '<article id="lot-4411"></article><article id="lot-4412"></article>', []),
    ('<script type="application/json">{"areas": [{"code": "gallery", "mediaTypes": '
     '["image", "video"]}]}</script>', '<section id="gallery"></section>', []),
    ('<script type="application/json">{"languages": [{"code": "en", "bids": "Bids"}]}'
     "</script>", '<li id="en"></li>', []),
    # an outstream unit coded as the article's body, where its renderer puts the player:
    # the article is the page's text, no ad; the unit beside it, its label and all, is one
    ("<script>pbjs.addAdUnits([{code: 'article-body', mediaTypes: {video: {context: "
     "'outstream', playerSize: [640, 360]}}, bids: []}, {code: 'ad-top', mediaTypes: "
     "{banner: {sizes: [[728, 90]]}}, bids: []}]);</script>",
     '<div id="ad-top"><span>Advertisement</span><script>var note = "' + "x" * 150 + '";'
     '</script></div><div id="article-body"><p>' + "The council met on Tuesday. " * 6
     + "</p></div>", [("Prebid.js", 728, 90)]),
    # a native unit whose ad is rendered in its element: the ad's title and blurb are a
    # link, no text of the page's
    ("<script>pbjs.addAdUnits([{code: 'native-1', mediaTypes: {native: {title: {required: "
     "true}, body: {required: true}}}, bids: [{bidder: 'appnexus', params: {placementId: "
     "13232354}}]}]);</script>",
     '<div id="native-1"><span>Sponsored</span><a href="https://click.test/n"><h4>These '
     'running shoes are selling out fast this winter</h4><p>Runners say the cushioning is '
     'unlike anything they have tried. See why thousands switched this season.</p>'
     '<span>Stridewell</span></a></div>', [("Prebid.js", None, None)]),
])
def test_a_prebid_unit_is_the_slot_its_code_names(
        audit_html: AuditHtml, head: str, body: str,
        expected: list[tuple[str, int, int]]) -> None:
    report = audit_html(page(body, head), url="https://news.example/a")
    assert [(s.network, s.width, s.height) for s in report.slots] == expected


@pytest.mark.parametrize(("head", "network"), [
    # Rambler's Kraken counter: its queue, and the loader it inserts
    ("<script>(function (w, d, c) {(w[c] = w[c] || []).push(function() {var options = "
     "{project: 7654321}; window.top100Counter = new top100(options);});})(window, document,"
     " '_top100q');</script>", "Rambler Top-100"),
    ('<script src="http://counter.rambler.ru/top100.jcn?7654321"></script>', "Rambler Top-100"),
    ('<script src="https://tajs.qq.com/stats?sId=87654321" charset="UTF-8"></script>',
     "Tencent Analytics"),
    ("<script>var seznam_retargeting_id = 54321;</script>"
     '<script src="//c.imedia.cz/js/retargeting.js"></script>', "Seznam Sklik"),
    ("<script>var seznam_retargeting_id = 54321;</script>", "Seznam Sklik"),
    ("<script>window.nvg54321 = new Navegg({acc: 54321});</script>", "Navegg"),
])
def test_regional_trackers_of_real_crawls_are_networks(
        audit_html: AuditHtml, head: str, network: str) -> None:
    """Vendors third-party sites in Russia, China, the Czech Republic and Brazil paste (the
    peer crawl's largest unnamed hosts that are not a portal's own), by loader or snippet."""
    report = audit_html(page("", head), url="https://news.example/a")
    assert [n.network for n in report.networks] == [network]
    assert not [f for f in report.findings if f.severity.value in ("medium", "high")]


@pytest.mark.parametrize(("head", "body", "named"), [
    ('<script src="/layout/js/http/netmind-V9-15.js" type="text/javascript"></script>', "", True),
    ("", '<noscript><img src="https://count.news.example/nm_trck.gif?sp.site=12" width="1" '
     'height="1" alt=""></noscript>', True),
    ("<script>function cConfigPixel() { this.m_strPixelPath = '/nm_trck.gif'; }\n"
     "var oPixel = new cRemotePixel(new cConfigPixel());</script>", "", True),
    ('<script src="/js/netmind-viewer.js"></script>', "", False),  # a site's own file
    ("", '<img src="https://news.example/img/nm_trck.gif.png" alt="">', False),
])
def test_self_hosted_netmind_is_named_by_its_script_and_pixel(
        audit_html: AuditHtml, head: str, body: str, named: bool) -> None:
    """netmind is analytics its customers host: no vendor host names it, its script's file
    name and its counting pixel's path on the site's counting host do (spiegel.de's copy)."""
    report = audit_html(page(body, head), url="https://news.example/a")
    assert ("netmind" in carried(report)) is named


@pytest.mark.parametrize(("attrs", "code"), [
    ('data-category="analytics"', True),            # CookieConsent
    ('data-categories="analytics, advertising"', True),  # Termly
    ('class="cmplz-script" data-service="x"', True),    # Complianz
    ('type="text/plain; charset=utf-8" data-cookieconsent="marketing"', True),
    ('data-cli-class="cli-blocker-script" data-cli-script-type="analytics"', True),
    ('data-cookiefirst-category="performance"', True),
    ('data-category="shoes"', False),               # a shop's template
    ('data-service="newsletter"', False),
    ('data-type="text/javascript"', False),         # Klaro marks it with its name too
])
def test_only_a_consent_managers_mark_makes_plain_text_code(
        audit_html: AuditHtml, attrs: str, code: bool) -> None:
    kind = "" if "type=" in attrs.split("data-")[0] else 'type="text/plain" '
    pixel = (f"<script {kind}{attrs}>!function(f,b,e,v){{t=b.createElement(e);t.src=v;}}"
             "(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');"
             "</script>")
    report = audit_html(page("", pixel), url="https://shop.example/")
    assert ("Facebook Pixel" in carried(report)) is code


def test_a_bidder_named_without_a_bid_is_no_bidder(audit_html: AuditHtml) -> None:
    """`{bidder: 'teads'}` alone (a list of names, an example in a comment) configures no
    bid; short adapter aliases (`id`, `st`) are not read as bidders."""
    listed = "<script>var known = [{bidder: 'teads'}, {bidder: 'criteo'}];</script>"
    assert audit_html(page("", listed), url="https://news.example/a").networks == ()
    short = ("<script>var bids = [{bidder: 'id', params: {placementId: 1}},"
             "{bidder: 'st', params: {publisherId: '1'}}];</script>")
    assert audit_html(page("", short), url="https://news.example/a").networks == ()


@pytest.mark.parametrize(("script", "expected"), [
    # each bid's own params, whatever their order, minified or JSON in code
    ("bids:[{params:{accountId:11,siteId:22},bidder:'rubicon'},"
     "{params:{siteId:'777777'},bidder:'ix'}]",
     [("rubicon", (("accountId", "11"), ("siteId", "22"))), ("ix", (("siteId", "777777"),))]),
    ('{"bids":[{"bidder":"pubmatic","params":{"publisherId":"156209"}}]}',
     [("pubmatic", (("publisherId", "156209"),))]),
    # a nested object's values are not the bid's params; a quote in a regex literal
    # before the config changes nothing
    ("s.replace(/\"/g, '&quot;'); bids:[{bidder:'smartadserver',params:{siteId:1234,"
     "target:{section:'news'}}},{bidder:'ix',params:{siteId:5,ext:{smart:{siteId:99999}}}}]",
     [("smartadserver", (("siteId", "1234"),)), ("ix", (("siteId", "5"),))]),
    # params held in variables: a bid all the same, with no values to read
    ("var crit={networkId:4242}; pbjs.addAdUnits([{code:'a',bids:[{bidder:'criteo',"
     "params:crit}]}]);", [("criteo", ())]),
    # a config parsed from a JSON string is read (prebid.js gets it all the same)
    ("var c = JSON.parse('[{\"bids\":[{\"bidder\":\"criteo\",\"params\":"
     "{\"networkId\":4242}}]}]');", [("criteo", (("networkId", "4242"),))]),
    # a bidder key with no object around it: no bid
    ("bidder: 'rubicon', accountId: 5", []),
    # a bid its own object switches off asks nothing of that bidder (a wrapper's list,
    # filtered on the flag); a params' own flag, or one switched on, is still a bid
    ("var bidders = [{bidder: 'rubicon', enabled: false, params: {accountId: 14062}},"
     "{bidder: 'appnexus', enabled: true, params: {placementId: 13144370}}];",
     [("appnexus", (("placementId", "13144370"),))]),
    ('{"bids":[{"bidder":"pubmatic","disabled":true,"params":{"publisherId":"156209"}},'
     '{"bidder":"criteo","active":"false","params":{"networkId":4242}},'
     '{"bidder":"ix","params":{"siteId":5,"enabled":false}}]}',
     [("ix", (("siteId", "5"),))]),
    ("bids:[{bidder:'sovrn',enabled:!1,params:{tagid:1}},{bidder:'openx',enabled:0.5,"
     "params:{unit:'2'}}]", [("openx", (("enabled", "0.5"), ("unit", "2")))]),
])
def test_a_bid_is_read_from_its_own_object(script: str,
                                           expected: list[tuple[str, object]]) -> None:
    from auditor import prebid
    from auditor.dom.page import parse_page

    found = prebid.bids(parse_page(f"<html><head><script>{script}</script></head></html>"))
    assert [(b.code, b.params) for b in found] == expected


def test_older_prebid_codes_name_their_networks(audit_html: AuditHtml) -> None:
    """Archived pages configure adapters by the codes Prebid had then: Index Exchange's
    `indexExchange` (now `ix`), ONE by AOL's `aol`/`onedisplay` (now Yahoo's)."""
    bids = ("<script>pbjs.que.push(function () { pbjs.addAdUnits([{code: 'top', bids: ["
            "{bidder: 'indexExchange', params: {id: '1', siteID: 184403}},"
            "{bidder: 'onedisplay', params: {placement: '3611253', network: '9599.1'}}]}]);"
            "});</script>")
    networks = carried(audit_html(page("", bids), url="https://news.example/a"))
    assert networks == {"Index Exchange": "bidder", "Yahoo SSP (Verizon Media, ONE by AOL)":
                        "bidder", "Prebid.js": "inline"}


@pytest.mark.parametrize(("script", "present"), [
    ("window._sp_queue = []; window._sp_ = {config: {accountId: 1234, "
     "baseEndpoint: 'https://cdn.privacy-mgmt.com'}};", True),
    ("document.getElementById('privacy').onclick = function () { "
     "window._sp_.gdpr.loadPrivacyManagerModal(757880); };", True),
    ("var my_sp_value = 3; if (window._sp_) { start(); }", False),  # a mention runs nothing
])
def test_sourcepoint_is_its_snippet_or_a_call_of_it(audit_html: AuditHtml, script: str,
                                                    present: bool) -> None:
    report = audit_html(page("", f"<script>{script}</script>"), url="https://news.example/a")
    assert ("Sourcepoint" in carried(report)) is present


def test_a_platform_script_on_an_ad_host_is_not_the_ad_network(audit_html: AuditHtml) -> None:
    """Every Blogger page loads its navbar's experiment script from AdSense's host; a
    blog with no ads does not carry AdSense for it. A site's own /adsbygoogle.js is an
    ad-block bait (Google serves AdSense's code), not AdSense either."""
    blogger = ("<script>(function() { var script = document.createElement('script'); "
               "script.src = '//pagead2.googlesyndication.com/pagead/js/google_top_exp.js';"
               " document.getElementsByTagName('head')[0].appendChild(script); })();</script>"
               '<script src="/ez/sitedesign/jquery/adsbygoogle.js"></script>')
    report = audit_html(page(blogger), url="https://blog.example/2016/12/post.html")
    assert report.networks == ()
    top_exp = next(r for r in report.resources if r.url.endswith("google_top_exp.js"))
    assert (top_exp.network, top_exp.company, top_exp.category.value, top_exp.blocked) == (
        None, "Google (Blogger)", "content", True)
    host = next(h for h in report.third_party_hosts if h.host == top_exp.host)
    assert (host.network, host.company) == (None, "Google")  # the host is still AdSense's
    unit = ('<ins class="adsbygoogle" data-ad-client="ca-pub-4821730195648203" '
            'data-ad-slot="1234567890"></ins><script async '
            'src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>')
    with_ads = audit_html(page(blogger + unit), url="https://blog.example/2016/12/post.html")
    assert carried(with_ads) == {"Google AdSense": "loaded"}
    host = next(h for h in with_ads.third_party_hosts if h.host == top_exp.host)
    assert (host.network, host.company, host.category.value) == (
        "Google AdSense", "Google", "advertising")


def test_widely_deployed_trackers_are_networks(audit_html: AuditHtml) -> None:
    """Trackers the taxonomy knew only by company are networks a page carries: a
    StatCounter counter, The Trade Desk's universal pixel (an ad buyer's tag, no ad)."""
    head = ('<script src="https://www.statcounter.com/counter/counter.js" async></script>'
            '<script src="https://js.adsrvr.org/up_loader.1.1.0.js"></script>')
    report = audit_html(page("", head), url="https://blog.example/a")
    assert carried(report) == {"StatCounter": "loaded", "The Trade Desk": "loaded"}
    assert (report.metrics.ad_slots, report.metrics.ad_markup_bytes) == (0, 0)


def test_a_query_cannot_carry_another_s_url_pattern(audit_html: AuditHtml) -> None:
    """URL patterns name a URL by its host and path: one in a query string does not rename
    a vendor's request (a gate denying Hotjar or ExoClick must still see them)."""
    head = ('<script src="https://static.hotjar.com/c/hotjar-1.js?x=/fbevents.js"></script>'
            '<script src="https://a.magsrv.com/ad-provider.js'
            '?r=pagead2.googlesyndication.com/pagead/js/google_top_exp.js"></script>')
    report = audit_html(page("", head), url="https://news.example/a")
    assert carried(report) == {"ExoClick": "loaded", "Hotjar": "loaded"}


@pytest.mark.parametrize(("src", "networks"), [
    ("https://wcs.naver.net/wcslog.js", {"Naver Analytics": "loaded"}),
    ("https://www.googletagmanager.com/gtag/js?id=G-1", {"Google Analytics": "loaded"}),
    # written in another host's path, or inside another name, it is nobody's
    ("https://cdn.loader.example/naver.net/wcslog.js", {}),
    ("https://static.blognaver.net/wcslog.js", {}),
    ("https://cdn.loader.example/googletagmanager.com/gtag/js", {}),
])
def test_a_url_pattern_opening_with_a_host_is_that_host_s(
        src: str, networks: dict[str, str], audit_html: AuditHtml) -> None:
    """A network's URL pattern named any URL holding it: an injected script after </html>
    at `evil.example/naver.net/wcslog.js` was Naver Analytics' (no appended-script)."""
    report = audit_html(page("", f'<script src="{src}"></script>'), url="https://news.example/a")
    assert carried(report) == networks


@pytest.mark.parametrize(("src", "networks"), [
    ("https://pagead2.googlesyndication.com:443/pagead/js/google_top_exp.js", {}),
    ("https://PAGEAD2.googlesyndication.com./pagead/js/google_top_exp.js?v=2", {}),
    # a query or fragment right after the host is no path
    ("https://pagead2.googlesyndication.com?x=/pagead/js/google_top_exp.js",
     {"Google AdSense": "loaded"}),
    ("https://pagead2.googlesyndication.com#/pagead/js/google_top_exp.js",
     {"Google AdSense": "loaded"}),
])
def test_an_entity_url_is_its_host_and_path_however_written(
        audit_html: AuditHtml, src: str, networks: dict[str, str]) -> None:
    report = audit_html(page("", f'<script src="{src}"></script>'), url="https://b.example/p")
    assert carried(report) == networks


def test_vendors_named_by_their_snippet_cdn_and_controller(audit_html: AuditHtml) -> None:
    """Krux's control-tag snippet is Salesforce DMP's; Nativendo's loader comes from its
    own CDN (omsnative.de); iq digital's ad controller is served from S3, where only its
    path names it (the bucket's host is Amazon's)."""
    head = ("<script>window.Krux||((Krux=function(){Krux.q.push(arguments);}).q=[]);</script>"
            "<script>var s = document.createElement('script'); s.async = true;"
            "s.src = document.location.protocol + '//cdn-t.omsnative.de/nativendo.js?c=';"
            "</script>"
            "<script>document.write('<scr' + 'ipt src=\"https://s3-eu-central-1.amazonaws.com/"
            "prod.iqdcontroller.iqdigital/cdn_news/' + mode + '/iqadcontroller.js\"></scr'"
            " + 'ipt>');</script>")
    report = audit_html(page("", head), url="https://news.example/a")
    assert carried(report) == {"Salesforce DMP (Krux)": "inline", "Nativendo": "loaded",
                               "iq digital": "loaded"}
    by_host = {r.host: r.network for r in report.resources}
    assert by_host["s3-eu-central-1.amazonaws.com"] == "iq digital"


def test_chartbeats_loader_for_https_pages_is_chartbeats(audit_html: AuditHtml) -> None:
    """Chartbeat's snippet loads from Akamai on https pages, from its own host on http
    ones: either request is Chartbeat's (a gate denying it must see the loader)."""
    head = ("<script>var e = document.createElement('script');"
            'e.setAttribute("src", (("https:" == document.location.protocol) ? '
            '"https://a248.e.akamai.net/chartbeat.download.akamai.com/102508/" : '
            '"http://static.chartbeat.com/") + "js/chartbeat.js");</script>')
    for url, host in (("https://news.example/a", "a248.e.akamai.net"),
                      ("http://news.example/a", "static.chartbeat.com")):
        report = audit_html(page("", head), url=url)
        assert [(r.host, r.network) for r in report.resources] == [(host, "Chartbeat")]


# Admiral's tag as sites' copies show it (its loader's host made up: they rotate): the
# `admiral` queue, the one host it loads, and the GPT targeting for engaged visitors
_ADMIRAL = (
    '<script type="text/javascript">!(function(t,c,i){i=t.createElement(c),t=t.'
    'getElementsByTagName(c)[0],i.async=1,i.src="https://lanternquietfield.example/v2mtdSs'
    'LpA7L8MaI7CNCp7r2l3kn",t.parentNode.insertBefore(i,t)})(document,"script");(function(o,n)'
    '{o[n]=o[n]||function(){(o[n].q=o[n].q||[]).push(arguments)}})(window,"admiral");!(function'
    '(n,e,r,t){function o(){if((function o(t){try{return(t=localStorage.getItem("v4ac1eiZr0"))'
    '&&0<t.split(",")[4]}catch(n){}return!1})()){var t=n[e].pubads();typeof t.setTargeting==='
    'r&&t.setTargeting("admiral-engaged","true")}}(t=n[e]=n[e]||{}).cmd=t.cmd||[],typeof '
    't.pubads===r?o():typeof t.cmd.unshift===r?t.cmd.unshift(o):t.cmd.push(o)})(window,'
    '"googletag","function");</script>')


@pytest.mark.parametrize("tag", [
    _ADMIRAL,
    # only the GPT targeting part, as some sites paste it apart from the loader
    _ADMIRAL[_ADMIRAL.index("!(function(n,e,r,t)"):].join(("<script>", "")),
], ids=["whole tag", "targeting part"])
def test_admirals_tag_names_admiral_though_its_host_rotates(audit_html: AuditHtml,
                                                            tag: str) -> None:
    """Admiral's ad-block recovery loads a host of a word pair that changes from site to
    site (EasyPrivacy lists 1,885 of them), so its host names it on no page the lists have
    not met: its tag's own code does (a news page with it named only GPT)."""
    report = audit_html(page("", head=tag), url="https://capitolbrief.example/a")
    assert carried(report) == {"Admiral": "inline"}
    assert [f for f in report.findings if f.severity.value != "low"] == []


def test_an_admiral_of_the_fleet_is_no_admiral_tag(audit_html: AuditHtml) -> None:
    report = audit_html(page('<script>var rank = titles.get("admiral"); '
                             'show(window, "fleet", rank);</script>'), url="https://navy.example/a")
    assert "Admiral" not in carried(report)


def test_a_czech_publisher_exchange_skin_names_cpex_and_a_look_alike_none(
        audit_html: AuditHtml) -> None:
    """CPEX's branding-skin script on its CDN (`cdn.cpex.cz/skin/v2/cpex-skin.js`)."""
    skin = '<script src="https://cdn.cpex.cz/skin/v2/cpex-skin.js"></script>'
    assert carried(audit_html(page("", skin), url="https://sport.example.cz/a")).get(
        "CPEX") == "loaded"
    fake = ('<script src="https://cdn.cpex.cz.evil.example/skin/v2/cpex-skin.js"></script>'
            '<script src="https://notcpex.cz/skin.js"></script>')
    assert "CPEX" not in carried(audit_html(page("<p>cdn.cpex.cz</p>", fake),
                                            url="https://sport.example.cz/a"))


@pytest.mark.parametrize(("head", "body", "named"), [
    # its subscription widget's loader, and its "online view" pixel alone
    ('<script src="https://scripts3.mailfire.io/build/widget/latest.js?d=1" defer></script>',
     "", True),
    ("", '<img src="https://n.mailfire.io/online/27" style="display:none" width="1" height="1" '
     'alt="">', True),
    # look-alikes: a host that only ends the same or holds the name under another's, the
    # name in prose and in a site's config (a bare project number)
    ('<script src="https://cdn.notmailfire.io/build/widget/latest.js"></script>', "", False),
    ('<script src="https://mailfire.io.cdn-example.net/w.js"></script>', "", False),
    ("<script>window.Site = {mailFireProjectId: 27};</script>",
     "<p>We send our newsletter with mailfire.io.</p>", False),
])
def test_mailfires_widget_and_pixel_name_it(audit_html: AuditHtml, head: str, body: str,
                                            named: bool) -> None:
    """Mailfire, a web-push and e-mail vendor, is named by its own hosts; the project number
    a site's config holds bare is no ID of it."""
    report = audit_html(page(body, head), url="https://news.example/a")
    assert ("Mailfire" in carried(report)) is named
    assert not [i for i in report.ids if i.network == "Mailfire"]


_RFP = ('<script src="https://js.rfp.fout.jp/rfp-infeed.js"></script>'
        '<script>RFP.InFeed.Default.run({"immediately":true})</script>')
_SPOT = '<div data-rfp-adspot-id="NzcxOjQ0MDI" style="display:none"></div>'


@pytest.mark.parametrize(("head", "body", "spots"), [
    (_RFP, _SPOT + "<ul><li>a</li></ul>" + _SPOT, {"NzcxOjQ0MDI"}),
    # the same box without FreakOut's code on the page; another attribute of the same value
    ("", _SPOT, set()),
    (_RFP, '<div data-adspot-id="NzcxOjQ0MDI"></div><div data-rfp-adspot-id=""></div>',
     set()),
])
def test_freakouts_in_feed_spot_is_read_where_its_loader_runs(
        audit_html: AuditHtml, head: str, body: str, spots: set[str]) -> None:
    """FreakOut's in-feed ads (RFP): its loader fills each `div[data-rfp-adspot-id]`, the
    spot's ID."""
    report = audit_html(page(body, head), url="https://news.example/a")
    assert {i.value for i in report.ids if i.kind == "freakout-rfp-adspot"} == spots


_SITE_UNITS = """<script>window.Site = {prebidUnits: [{
  code: 'div-gpt-ad-1500000000001-0',
  mediaTypes: {banner: {sizes: [[728, 90]]}},
  bids: [
    {bidder: 'adpone', params: {placementId: '2203318877461'}},
    {bidder: 'districtm', params: {placementId: '17730211'}},
    {bidder: 'districtmDMX', params: {dmxid: '402211', memberid: '100977'}},
    {bidder: 'improvedigital', params: {placementId: '23310442'}},
    {bidder: 'quantumdex', params: {siteId: '20417'}},
    {bidder: 'quantum', params: {placementId: 21546}}
  ]}]};</script>"""


def test_a_sites_own_unit_list_names_its_bidders_documented_params(
        audit_html: AuditHtml) -> None:
    """Prebid's documented params of District M's two bidders (an alias of Xandr's adapter,
    its DMX adapter), Adpone's, Improve Digital's placement and Quantumdex's site, in a
    site's own unit list; Quantum Advertising's `quantum` is another vendor's code."""
    report = audit_html(page('<div id="div-gpt-ad-1500000000001-0"></div>', _SITE_UNITS),
                        url="https://news.example/a")
    assert {"Adpone", "District M", "Improve Digital",
            "Quantum Digital Exchange (Quantumdex)"} <= set(carried(report))
    ids = {(i.kind, i.value, i.network) for i in report.ids}
    assert ids >= {("adpone-placement", "2203318877461", "Adpone"),
                   ("districtm-placement", "17730211", "District M"),
                   ("districtm-dmx-placement", "402211", "District M"),
                   ("districtm-member", "100977", "District M"),
                   ("improvedigital-placement", "23310442", "Improve Digital"),
                   ("quantumdex-site", "20417", "Quantum Digital Exchange (Quantumdex)")}
    assert not [i for i in report.ids if i.value == "21546"]
    assert ("xandr-placement", "17730211", "Xandr (AppNexus)") not in ids
    shown = _SITE_UNITS.replace("<script>", "<pre>").replace("</script>", "</pre>")
    assert audit_html(page(shown), url="https://news.example/a").ids == ()


_APP = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
_APS = '<script src="https://c.amazon-adsystem.com/aax2/apstag.js" async></script>'


@pytest.mark.parametrize(("head", "body", "ids"), [
    # a site's config keeping the IDs its own code hands OneSignal.init and apstag.init
    (_APS + "<script>window.Site = {pushEndpoint: '/v3/add', oneSignalAppId: '" + _APP
     + "', apsPubID: \"5128fe3a-0c1d-4e2f-9a8b-7c6d5e4f3a2b\"};</script>", "",
     {("onesignal-app", _APP), ("amazon-aps-publisher", "5128fe3a-0c1d-4e2f-9a8b-7c6d5e4f3a2b")}),
    (_APS + "<script>var cfg = {aps_pub_id: '3295', onesignal_app_id: '" + _APP + "'};</script>",
     "", {("onesignal-app", _APP), ("amazon-aps-publisher", "3295")}),
    # look-alikes: APS's key where apstag does not load; keys that only end the same; a value
    # of no app's form; the words shown in a <pre> and in prose
    ("<script>var cfg = {apsPubID: '3295'};</script>", "", set()),
    (_APS + "<script>var cfg = {myOneSignalAppId: '" + _APP + "', mapsPubId: '3295'};</script>",
     "", set()),
    ("<script>var cfg = {oneSignalAppId: 'onesignal-app-id'};</script>", "", set()),
    ("", "<pre>window.Site = {oneSignalAppId: '" + _APP + "'};</pre><p>set oneSignalAppId: '"
     + _APP + "' in your config</p>", set()),
])
def test_a_sites_config_keys_named_for_the_vendor_hold_its_ids(
        audit_html: AuditHtml, head: str, body: str, ids: set[tuple[str, str]]) -> None:
    """A site whose own code calls OneSignal.init and apstag.init keeps their IDs in its
    config under keys named for them: the key names the vendor, the value has its ID's form
    (APS's only where apstag loads)."""
    report = audit_html(page(body, head), url="https://news.example/a")
    assert {(i.kind, i.value) for i in report.ids
            if i.kind in ("onesignal-app", "amazon-aps-publisher")} == ids
    assert ("OneSignal" in carried(report)) is bool(ids)
