"""IDs a vendor's own documentation writes, which pages paste unchanged: no operator's.

A page that copies Prebid.js' own example (its docs' basic and no-ad-server examples, its
bidders' parameter docs, the demo and test pages that paste them) bids with the accounts
those examples name: AppNexus placement 13144370, Magnite account 14062 / site 70608 /
zone 498816, OpenX's demo delivery domain and unit, and the Ad Manager network 19968336 of
`/19968336/header-bid-tag-0`. They are no operator's: every copy carries them, and bulk
joined every such page into one cluster. The same config with a site's own numbers is read.
Taboola's integration docs write `publisher-id` where the publisher's name goes in its
loader's path; AdSense templates and tutorials give `ca-pub-1234567890123456`. Pages written
here after those examples' forms."""

from __future__ import annotations

from .conftest import AuditHtml

_P = "<p>The council met on Tuesday to discuss the ferry timetable for the winter.</p>"


def _page(network: str, placement: str, account: str, site: str, unit: str,
          domain: str) -> str:
    return (
        "<html><head><title>t</title><script async src=\"https://securepubads.g.doubleclick."
        "net/tag/js/gpt.js\"></script><script async src=\"/js/prebid.js\"></script><script>"
        "var div_1_sizes = [[300, 250], [300, 600]];\nvar adUnits = [{\n"
        f"  code: '/{network}/header-bid-tag-0',\n"
        "  mediaTypes: {banner: {sizes: div_1_sizes}},\n"
        f"  bids: [{{bidder: 'appnexus', params: {{placementId: {placement}}}}},\n"
        f"         {{bidder: 'rubicon', params: {{accountId: {account}, siteId: {site}, "
        "zoneId: 498816}},\n"
        f"         {{bidder: 'openx', params: {{unit: '{unit}', delDomain: '{domain}'}}}}]\n"
        "}];\nvar pbjs = pbjs || {}; pbjs.que = pbjs.que || [];\n"
        "pbjs.que.push(function() { pbjs.addAdUnits(adUnits); pbjs.requestBids({}); });\n"
        "var googletag = googletag || {}; googletag.cmd = googletag.cmd || [];\n"
        f"googletag.cmd.push(function() {{ googletag.defineSlot('/{network}/header-bid-tag-0', "
        "div_1_sizes, 'div-1').addService(googletag.pubads()); googletag.enableServices(); });"
        f"</script></head><body>{_P}<div id='div-1'><script>googletag.cmd.push(function() {{ "
        f"googletag.display('div-1'); }});</script></div>{_P}</body></html>")


def test_prebids_own_example_names_its_bidders_but_no_ids(audit_html: AuditHtml) -> None:
    report = audit_html(_page("19968336", "13144370", "14062", "70608", "539439964",
                              "se-demo-d.openx.net"))
    assert {"Xandr (AppNexus)", "Magnite (Rubicon Project)", "OpenX"} <= {
        n.network for n in report.networks}
    assert [(i.kind, i.value) for i in report.ids] == []


def test_the_same_config_with_a_sites_own_numbers_is_read(audit_html: AuditHtml) -> None:
    report = audit_html(_page("21775744", "23456789", "17516", "172696", "540778444",
                              "streamamp-d.openx.net"))
    assert {("xandr-placement", "23456789"), ("rubicon-account", "17516"),
            ("rubicon-site", "172696"), ("openx-domain", "streamamp-d.openx.net"),
            ("gpt-network", "21775744")} <= {(i.kind, i.value) for i in report.ids}


_TABOOLA_HEAD = (
    "<html><head><title>t</title><script type=\"text/javascript\">window._taboola = "
    "window._taboola || []; _taboola.push({article:'auto'}); !function (e, f, u, i) { if "
    "(!document.getElementById(i)){ e.async = 1; e.src = u; e.id = i; f.parentNode."
    "insertBefore(e, f); } }(document.createElement('script'), document.getElementsByTagName("
    "'script')[0], '//cdn.taboola.com/libtrc/{publisher}/loader.js', 'tb_loader_script');"
    "</script></head><body>")


def test_taboolas_doc_placeholder_is_no_publisher(audit_html: AuditHtml) -> None:
    report = audit_html(_TABOOLA_HEAD.replace("{publisher}", "publisher-id") + _P
                        + "</body></html>")
    assert "Taboola" in {n.network for n in report.networks}
    assert [(i.kind, i.value) for i in report.ids] == []
    report = audit_html(_TABOOLA_HEAD.replace("{publisher}", "harbourgazette-network") + _P
                        + "</body></html>")
    assert [(i.kind, i.value) for i in report.ids] == [
        ("taboola-publisher", "harbourgazette-network")]


_ADSENSE = (
    "<html><head><title>t</title><script async src=\"https://pagead2.googlesyndication.com/"
    "pagead/js/adsbygoogle.js?client=ca-pub-{pub}\" crossorigin=\"anonymous\"></script></head>"
    f"<body>{_P}<ins class=\"adsbygoogle\" style=\"display:block\" data-ad-client=\"ca-pub-"
    "{pub}\" data-ad-slot=\"{slot}\" data-ad-format=\"auto\"></ins><script>(adsbygoogle = "
    "window.adsbygoogle || []).push({{}});</script></body></html>")


def test_adsenses_example_publisher_is_no_operators(audit_html: AuditHtml) -> None:
    report = audit_html(_ADSENSE.format(pub="1234567890123456", slot="1234567890"))
    assert "Google AdSense" in {n.network for n in report.networks}
    assert [(i.kind, i.value) for i in report.ids] == []
    # the example Google's own help ("Find your publisher ID", answer 105516) and its Web
    # Stories plugin give, which plugins' settings and tutorials copy
    report = audit_html(_ADSENSE.format(pub="1234567891234567", slot="4821730195"))
    assert [(i.kind, i.value) for i in report.ids] == [("adsense-slot", "4821730195")]
    report = audit_html(_ADSENSE.format(pub="4821730195648203", slot="7391028456"))
    assert {("adsense-publisher", "ca-pub-4821730195648203"), ("adsense-slot", "7391028456")} \
        <= {(i.kind, i.value) for i in report.ids}


_BIDDER_DOCS = (
    "<html><head><title>t</title><script async src=\"/js/prebid.js\"></script><script>"
    "var adUnits = [{\n  code: 'test-div',\n  mediaTypes: {banner: {sizes: [[300, 250]]}},\n"
    "  bids: [{bidder: 'pubmatic', params: {publisherId: '{publisher}', adSlot: "
    "'pubmatic_test2'}},\n         {bidder: 'ix', params: {siteId: '{site}', size: [300, 250]"
    "}}]\n}];\nvar pbjs = pbjs || {}; pbjs.que = pbjs.que || [];\npbjs.que.push(function() { "
    f"pbjs.addAdUnits(adUnits); pbjs.requestBids({{}}); }});</script></head><body>{_P}"
    "<div id='test-div'></div></body></html>")


def test_bidders_own_adapter_examples_are_no_operators(audit_html: AuditHtml) -> None:
    """PubMatic's adapter doc (Prebid's modules/pubmaticBidAdapter.md) bids with its test
    publisher 156209 (156276 in Prebid's test configs), IX's (ixBidAdapter.md) with site
    '12345': pages that paste them are no operator's; a site's own numbers are read."""
    for publisher, site in (("156209", "12345"), ("156276", "12345")):
        report = audit_html(_BIDDER_DOCS.replace("{publisher}", publisher)
                            .replace("{site}", site))
        assert {"PubMatic", "Index Exchange"} <= {n.network for n in report.networks}
        assert [(i.kind, i.value) for i in report.ids] == []
    report = audit_html(_BIDDER_DOCS.replace("{publisher}", "162874").replace("{site}", "418832"))
    assert {("pubmatic-publisher", "162874"), ("index-exchange-site", "418832")} \
        <= {(i.kind, i.value) for i in report.ids}


_TEST_PARAMETERS = (
    "<html><head><title>t</title><script async src=\"/js/prebid.js\"></script><script>"
    "var adUnits = [{\n  code: 'test-banner',\n  mediaTypes: {banner: {sizes: [[300, 250]]}},"
    "\n  bids: [{bidder: 'sovrn', params: {tagid: '{tag}'}},\n         {bidder: 'gumgum', "
    "params: {zone: '{zone}', bidfloor: 0.03}},\n         {bidder: 'medianet', params: {cid: "
    "'{cid}'}}]\n}];\nvar pbjs = pbjs || {}; pbjs.que = pbjs.que || [];\npbjs.que.push("
    f"function() {{ pbjs.addAdUnits(adUnits); pbjs.requestBids({{}}); }});</script></head><body>"
    f"{_P}<div id='test-banner'></div></body></html>")


def _bidding(tag: str, zone: str, cid: str) -> str:
    return (_TEST_PARAMETERS.replace("{tag}", tag).replace("{zone}", zone)
            .replace("{cid}", cid))


def test_bidders_test_parameters_are_no_operators(audit_html: AuditHtml) -> None:
    """The "Test Parameters" Prebid's adapter docs give (modules/sovrnBidAdapter.md's tagids,
    gumgumBidAdapter.md's zones, medianetBidAdapter.md's testing cid), which test and demo
    pages paste; a site's own are read."""
    for tag, zone in (("403370", "dc9d6be1"), ("403401", "ggumtest"), ("531000", "dc9d6be1"),
                      ("315045", "dc9d6be1")):
        report = audit_html(_bidding(tag, zone, "8CUX0H51C"))
        assert {"Sovrn", "GumGum", "Media.net"} <= {n.network for n in report.networks}
        assert [(i.kind, i.value) for i in report.ids] == []
    report = audit_html(_bidding("582214", "a7c4e2f9", "8CU4W2Q7R"))
    assert {("sovrn-zone", "582214"), ("gumgum-zone", "a7c4e2f9"),
            ("medianet-customer", "8CU4W2Q7R")} <= {(i.kind, i.value) for i in report.ids}


_GPT_REFERENCE = (
    "<html><head><title>t</title><script async src=\"https://securepubads.g.doubleclick.net/"
    "tag/js/gpt.js\"></script><script>window.googletag = window.googletag || {cmd: []};\n"
    "googletag.cmd.push(function() {\n  googletag.defineSlot('/{network}/sports', [160, 600], "
    "'div-1').addService(googletag.pubads());\n  googletag.enableServices();\n});</script>"
    f"</head><body>{_P}<div id='div-1'></div></body></html>")


def test_gpts_reference_example_network_is_no_operators(audit_html: AuditHtml) -> None:
    """GPT's reference writes its every example with network 1234567 ('/1234567/sports'),
    which pages paste: no operator's, nor any unit under it; a site's own is read."""
    report = audit_html(_GPT_REFERENCE.replace("{network}", "1234567"))
    assert "Google Publisher Tag" in {n.network for n in report.networks}
    assert [(i.kind, i.value) for i in report.ids] == []
    report = audit_html(_GPT_REFERENCE.replace("{network}", "21775744"))
    assert {("gpt-network", "21775744"), ("gpt-slot", "/21775744/sports")} <= {
        (i.kind, i.value) for i in report.ids}
