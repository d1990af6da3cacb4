"""IDs read from a vendor's own tag: its loader's URL or its config call, never a bare number
anywhere. Pages here are ones we wrote after the vendors' public tag forms."""

from __future__ import annotations

import pytest

from .conftest import AuditHtml
from .test_networks_carried import carried, page


def _supertag(unit: int, zone: int, host: str = "st.districtm.ca") -> str:
    return (f"<div class='ad-box'><script src='//{host}/params.{unit}.js'></script>"
            f"<script>var districtmSuperTag = {{ id: {unit}, domain: 'news.example', "
            f"sizes: ['300x250'], zone: {zone}, floor_price_usd: 0.40 }};</script>"
            f"<script src='//{host}/supertag.js'></script></div>")


_SKIN = ("<script>var districtmSkin = { id: 288001, contentWidth: 980, zIndex: 100 };</script>"
         "<script src='//cdn.districtm.ca/skin.js'></script>")


def test_district_ms_supertag_and_skin_name_their_placements(audit_html: AuditHtml) -> None:
    """District M's SuperTag: a params script and a config per placement, each a slot
    where it stands; the zone is the site's own count, the skin's ID its config's."""
    report = audit_html(page(_supertag(310021, 700) + "<p>between</p>"
                             + _supertag(310022, 701) + _SKIN), url="https://news.example/a")
    ids = {(i.kind, i.value) for i in report.ids}
    assert ids >= {("districtm-supertag", "310021"), ("districtm-supertag", "310022"),
                   ("districtm-zone", "700"), ("districtm-zone", "701"),
                   ("districtm-skin", "288001")}
    units = [s for s in report.slots if s.network == "District M"]
    assert sorted(s.zone_id for s in units) == ["310021", "310022"]


@pytest.mark.parametrize("body", [
    # its params script on a look-alike host, the config under another name, the tag shown
    # in a <pre>
    "<script src='//st.districtm.ca.evil.example/params.310021.js'></script>",
    "<script>var notDistrictmSuperTagX = { id: 310021, zone: 700 };</script>",
    "<pre>var districtmSuperTag = { id: 310021, zone: 700 };</pre>",
])
def test_district_m_look_alikes_name_nothing(audit_html: AuditHtml, body: str) -> None:
    report = audit_html(page(body), url="https://news.example/a")
    assert not [i for i in report.ids if i.kind.startswith("districtm-")]


_ONSCROLL_UNIT = ('<!-- OnScroll - 520133 - 300x250(NS) -->'
                  '<div id="OnScroll - 520133 - 300x250(NS)"></div>'
                  '<script src="//tags.us.onscroll.com/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d/'
                  'tag.min.js" async defer></script>')


@pytest.mark.parametrize(("body", "placements", "tags"), [
    (_ONSCROLL_UNIT, {"520133"}, {"0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"}),
    # its box without its tag; a look-alike host; the id in prose
    ('<div id="OnScroll - 520133 - 300x250(NS)"></div>', set(), set()),
    ('<div id="OnScroll - 520133 - 300x250(NS)"></div><script src="//tags.us.onscroll.com.evil'
     '.example/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d/tag.min.js"></script>', set(), set()),
    ("<p>OnScroll - 520133 - 300x250 is our best unit.</p>", set(), set()),
])
def test_onscroll_tags_and_their_boxes(audit_html: AuditHtml, body: str,
                                       placements: set[str], tags: set[str]) -> None:
    """OnScroll: a tag per unit on its own host, the in-page unit's box named for its
    placement."""
    report = audit_html(page(body), url="https://news.example/a")
    assert {s.zone_id for s in report.slots if s.network == "OnScroll"} == placements
    assert {i.value for i in report.ids if i.kind == "onscroll-tag"} == tags


_CHOICE = ("<script>(function() { var host = window.location.hostname; "
           "var url = '{origin}'.concat('/choice/', 'aB3dE5fG7hJ9k', '/', host, '/choice.js');"
           " var el = document.createElement('script'); el.src = url; "
           "document.head.appendChild(el); })();</script>")


@pytest.mark.parametrize(("origin", "named"), [
    ("https://quantcast.mgr.consensu.org", True),
    ("https://cmp.quantcast.com", True),
    ("https://cmp.quantcast.com.evil.example", False),
    ("https://notquantcast.mgr.consensu.org.example", False),
])
def test_quantcast_choices_tag_names_its_account(audit_html: AuditHtml, origin: str,
                                                 named: bool) -> None:
    """Quantcast Choice, the consent manager: its tag builds its loader's address from the
    account; Quantcast's measurement (quantserve.com) is another network."""
    report = audit_html(page("", _CHOICE.replace("{origin}", origin)), url="https://news.example/a")
    assert ("Quantcast Choice" in carried(report)) is named
    assert {i.value for i in report.ids if i.kind == "quantcast-choice-account"} == (
        {"aB3dE5fG7hJ9k"} if named else set())


_KEEN_ID = "5a1b2c3d4e5f60718293a4b5"


@pytest.mark.parametrize(("head", "ids"), [
    ('<script src="/assets/vendor/keen.min.js"></script><script>window.cfg = '
     '{"keenio.projectID": "' + _KEEN_ID + '", "theme": "dark"};</script>', {_KEEN_ID}),
    ('<script src="https://cdn.jsdelivr.net/npm/keen-tracking@4/dist/keen-tracking.min.js">'
     "</script><script>var client = new KeenTracking({ projectId: '" + _KEEN_ID
     + "', writeKey: 'W' });</script>", {_KEEN_ID}),
    # a 24-hex projectId that names no Keen (another SDK's config); the key in prose
    ("<script>var fb = {projectId: '" + _KEEN_ID + "'};</script>", set()),
])
def test_keens_project_is_read_from_its_own_config(audit_html: AuditHtml, head: str,
                                                   ids: set[str]) -> None:
    report = audit_html(page("<p>keenio.projectID: " + _KEEN_ID + "</p>", head),
                        url="https://news.example/a")
    assert {i.value for i in report.ids if i.kind == "keen-project"} == ids
    assert ("Keen.io" in carried(report)) is bool(ids)


@pytest.mark.parametrize(("head", "ids"), [
    ('<script src="https://cdn.adligature.com/cookingnews/prod/rules.js"></script>'
     '<script src="//cookingnews-d.openx.net/w/1.0/jstag"></script>',
     {("adligature-site", "cookingnews"), ("openx-domain", "cookingnews-d.openx.net")}),
    # look-alike hosts
    ('<script src="https://cdn.adligature.com.evil.example/cookingnews/prod/rules.js"></script>'
     '<script src="//cookingnews-d.openx.net.evil.example/w/1.0/jstag"></script>', set()),
])
def test_an_ad_ops_wrapper_and_openx_delivery_domain_name_the_site(
        audit_html: AuditHtml, head: str, ids: set[tuple[str, str]]) -> None:
    """Adligature's wrapper is one loader per site, its key the loader's folder; OpenX's
    tag is served from the publisher's own delivery domain, which its bids name too."""
    report = audit_html(page("<p>cdn.adligature.com/other/prod/rules.js</p>", head),
                        url="https://news.example/a")
    got = {(i.kind, i.value) for i in report.ids
           if i.kind in ("adligature-site", "openx-domain")}
    assert got == ids


_INMOBI = ('<script type="text/javascript" async=true>!function(){{var host = window.location.'
           'hostname, element = document.createElement("script"), url = "{origin}".concat('
           '"/choice/", "Qx7Rt2mPLbwzk", "/", host, "/choice.js?tag_version=V3"); element.async'
           ' = !0, element.src = url; document.head.appendChild(element);}}();</script>')


@pytest.mark.parametrize(("origin", "named"), [
    ("https://cmp.inmobi.com", True),
    ("https://cmp.inmobi.com.evil.example", False),
    ("https://notcmp.inmobi.com.example", False),
])
def test_inmobi_choices_tag_names_its_account(audit_html: AuditHtml, origin: str,
                                              named: bool) -> None:
    """InMobi Choice, Quantcast Choice's consent manager under InMobi: its tag builds its
    loader's address from the account, as Quantcast Choice's did."""
    report = audit_html(page("<p>Our consent manager lives at cmp.inmobi.com/choice/"
                             "Qx7Rt2mPLbwzk/.</p>", _INMOBI.format(origin=origin)),
                        url="https://news.example/a")
    assert ("InMobi Choice" in carried(report)) is named
    assert {i.value for i in report.ids if i.kind == "inmobi-choice-account"} == (
        {"Qx7Rt2mPLbwzk"} if named else set())


_PX_SNIPPET = ("<script type='text/javascript'>(function(){{ window._pxAppId = '{app}'; "
               "var p = document.getElementsByTagName('script')[0], s = document."
               "createElement('script'); s.async = 1; s.src = '{src}'; "
               "p.parentNode.insertBefore(s, p); }}());</script>")


@pytest.mark.parametrize(("head", "ids"), [
    # its first-party integration: the sensor from the site's own path
    (_PX_SNIPPET.format(app="PXq4Tz8wNb", src="/q4Tz8wNb/init.js"), {"PXq4Tz8wNb"}),
    # the sensor on its own host
    (_PX_SNIPPET.format(app="PXq4Tz8wNb", src="//client.perimeterx.net/PXq4Tz8wNb/main.min.js"),
     {"PXq4Tz8wNb"}),
    # another global of the same stem, an ID of another form, the snippet in a <pre>
    ("<script>window.my_pxAppId = 'PXq4Tz8wNb';</script>", set()),
    ("<script>window._pxAppId = 'PX12';</script>", set()),
    ("<pre>window._pxAppId = 'PXq4Tz8wNb';</pre>", set()),
])
def test_perimeterxs_app_id_is_read_from_its_snippet(audit_html: AuditHtml, head: str,
                                                     ids: set[str]) -> None:
    """PerimeterX (HUMAN): a first-party integration serves every file from the site's own
    paths, so its snippet's global, `window._pxAppId = 'PX' + eight`, names it and its app."""
    report = audit_html(page("", head), url="https://news.example/a")
    assert {i.value for i in report.ids if i.kind == "perimeterx-app-id"} == ids
    assert ("PerimeterX" in carried(report)) is bool(ids)


@pytest.mark.parametrize(("src", "ids"), [
    ("https://btloader.com/tag?o=5184339635601408&upapi=true", {"5184339635601408"}),
    ("https://btloader.com/tag?upapi=true&o=5184339635601408", {"5184339635601408"}),
    # a look-alike host; another parameter ending in o
    ("https://btloader.com.evil.example/tag?o=5184339635601408", set()),
    ("https://btloader.com/tag?foo=5184339635601408", set()),
])
def test_blockthroughs_loader_names_its_organisation(audit_html: AuditHtml, src: str,
                                                     ids: set[str]) -> None:
    """Blockthrough's tag, `btloader.com/tag?o=<organisation>`: the `o` of its own loader."""
    report = audit_html(page("<p>btloader.com/tag?o=5184339635601408</p>",
                             f'<script async src="{src}"></script>'),
                        url="https://news.example/a")
    assert {i.value for i in report.ids if i.kind == "blockthrough-org"} == ids


_GPT_UNIT = ("<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"
             "<script>window.googletag = window.googletag || {{cmd: []}}; googletag.cmd.push("
             "function() {{ googletag.defineSlot('{path}', [320, 50], 'div-gpt-ad-1700000000000-0')"
             ".addService(googletag.pubads()); googletag.enableServices(); }});</script>"
             "<div id='div-gpt-ad-1700000000000-0' style='min-width:320px;min-height:50px'>"
             "<script>googletag.cmd.push(function() {{ googletag.display("
             "'div-gpt-ad-1700000000000-0'); }});</script></div>")


@pytest.mark.parametrize(("path", "ids"), [
    ("/21800000001/ca-pub-4827163950284716-tag/ad1", {"ca-pub-4827163950284716"}),
    ("/21800000001,22700000002/ca-pub-4827163950284716-tag/top/ad2", {"ca-pub-4827163950284716"}),
    # a code of another length, or the words inside a code; a plain unit
    ("/21800000001/ca-pub-48271639-tag/ad1", set()),
    ("/21800000001/site-ca-pub-4827163950284716/ad1", set()),
    ("/21800000001/news/top", set()),
])
def test_an_adsense_id_an_ad_unit_path_names_is_read(audit_html: AuditHtml, path: str,
                                                     ids: set[str]) -> None:
    """An ad network's Ad Manager units kept for a publisher, named for its AdSense account
    (`/<network>/ca-pub-<16 digits>-tag/ad1`): Google's own ID form, as a code of the path."""
    report = audit_html(page(_GPT_UNIT.format(path=path)), url="https://news.example/a")
    assert {i.value for i in report.ids if i.kind == "adsense-publisher"} == ids
    assert "Google AdSense" not in carried(report)


# GWI's (GlobalWebIndex's) audience tag as sites paste it: its loader added by a script,
# then its account passed in the call the loader's onload makes
_GWI_TAG = ("<script>(function(){var js=document.createElement('script');"
            "js.src='//gwiqcdn.globalwebindex.net/gwiq/gwiq.js';js.async='true';"
            "js.onload=function(){try{gwiq.asyncjs(\"cid=c0421&site=news\");}catch(e){}};"
            "var s=document.getElementsByTagName('script')[0];"
            "s.parentNode.insertBefore(js,s);})();</script>")


@pytest.mark.parametrize(("body", "accounts", "named"), [
    (_GWI_TAG, {"c0421"}, True),
    # the call on its own with no loader of GWI's; a look-alike host; the tag in a <pre>
    ("<script>gwiq.asyncjs('cid=c0421&site=news');</script>", set(), False),
    (_GWI_TAG.replace("globalwebindex.net", "globalwebindex.net.evil.example"), set(), False),
    ("<pre>gwiq.asyncjs(\"cid=c0421&amp;site=news\") on //gwiqcdn.globalwebindex.net</pre>",
     set(), False),
])
def test_gwi_audience_tag_names_its_account(audit_html: AuditHtml, body: str,
                                             accounts: set[str], named: bool) -> None:
    """GWI (GlobalWebIndex) measures a site's audience for its panel: named by its host,
    its account read from its own call's `cid=` only where its loader is on the page."""
    report = audit_html(page(body), url="https://news.example/a")
    assert {i.value for i in report.ids if i.kind == "gwi-account"} == accounts
    assert ("GWI (GlobalWebIndex)" in carried(report)) is named


# Trust.Zone's (a VPN's) affiliate link as torrent sites paste it: a banner or a line of
# text pointing at its redirector, the affiliate's code in `RID`
_TRUST_ZONE_LINK = ('<p>Hide your torrenting: <a href="https://trust.zone/go/r.php?'
                    'RID=A-7Qz3k-MDAxMjM0NTY3ODkw" target="_blank">Trust.Zone VPN</a></p>')


@pytest.mark.parametrize(("body", "codes", "named"), [
    (_TRUST_ZONE_LINK, {"A-7Qz3k-MDAxMjM0NTY3ODkw"}, True),
    # another path of its site, a look-alike host, the link's address in prose
    ('<a href="https://trust.zone/pricing?RID=A-7Qz3k-MDAxMjM0NTY3ODkw">plans</a>', set(), False),
    (_TRUST_ZONE_LINK.replace("trust.zone", "trust.zone.evil.example"), set(), False),
    ("<p>https://trust.zone/go/r.php?RID=A-7Qz3k-MDAxMjM0NTY3ODkw</p>", set(), False),
])
def test_trust_zone_affiliate_link_names_its_affiliate(audit_html: AuditHtml, body: str,
                                                       codes: set[str], named: bool) -> None:
    """Trust.Zone pays torrent sites for VPN sign-ups through its redirector: the link makes
    it present (an affiliate), its `RID` the affiliate's code, read from that link alone."""
    report = audit_html(page(body), url="https://torrents.example/browse")
    assert {i.value for i in report.ids if i.kind == "trustzone-affiliate"} == codes
    assert ("Trust.Zone" in carried(report)) is named
