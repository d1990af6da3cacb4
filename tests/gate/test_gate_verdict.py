"""The verdict as a table: (page, rules) -> the clauses broken, where, and on what evidence."""

from __future__ import annotations

import pytest
from gate_pages import finding, page, res, slot

from auditor.catalogue import Catalogue
from auditor.gate.interface import PageRules
from auditor.gate.verdict import evaluate_page, fingerprint, host_matches
from auditor.model import (
    Category,
    Identifier,
    Metrics,
    Origin,
    PageReport,
    RequestType,
    Resource,
    Severity,
)
from auditor.pipeline import audit_document
from auditor.readers import Document
from auditor.rules import Engine

AD = Category.ADVERTISING


def hotjar_copy(host: str, line: int, path: str = "/hotjar.js",
                third_party: bool = True) -> Resource:
    """A copy of Hotjar's loader, named by its file (`self_hosted`), served from `host`."""
    return res(host, line, network="Hotjar", category=Category.SESSION_REPLAY, path=path,
               self_hosted=True, third_party=third_party)
EXO = dict(network="ExoClick", category=AD, rule="||magsrv.com^")

CASES: list[tuple[str, PageReport, PageRules, list[tuple[str, int, str]]]] = [
    ("no policy keys: nothing fails",
     page(res("a.magsrv.com", 3, **EXO)), PageRules(), []),
    ("deny_hosts matches subdomains",
     page(res("a.magsrv.com", 3)), PageRules(deny_hosts=("magsrv.com",)),
     [("deny_hosts", 3, "a.magsrv.com")]),
    ("deny_hosts does not match a lookalike",
     page(res("notmagsrv.com", 3)), PageRules(deny_hosts=("magsrv.com",)), []),
    ("one violation per host, at its first resource",
     page(res("a.magsrv.com", 3), res("a.magsrv.com", 9, path="/y.js")),
     PageRules(deny_hosts=("magsrv.com",)), [("deny_hosts", 3, "a.magsrv.com")]),
    ("deny_networks",
     page(res("a.magsrv.com", 4, **EXO)), PageRules(deny_networks=("ExoClick",)),
     [("deny_networks", 4, "a.magsrv.com")]),
    ("deny_categories",
     page(res("a.magsrv.com", 4, **EXO)), PageRules(deny_categories=("advertising",)),
     [("deny_categories", 4, "a.magsrv.com")]),
    ("unknown third parties fall in the unknown category",
     page(res("cdn.weird.example", 2, category=None)), PageRules(deny_categories=("unknown",)),
     [("deny_categories", 2, "cdn.weird.example")]),
    ("allow_hosts excepts a host from deny_categories",
     page(res("a.magsrv.com", 4, **EXO)),
     PageRules(allow_hosts=("magsrv.com",), deny_categories=("advertising",)), []),
    ("allow_networks excepts one network from deny_categories",
     page(res("pagead2.googlesyndication.com", 4, network="Google AdSense", category=AD),
          res("a.magsrv.com", 6, **EXO)),
     PageRules(allow_networks=("Google AdSense",), deny_categories=("advertising",)),
     [("deny_categories", 6, "a.magsrv.com")]),
    ("the network is more specific than the category",
     page(res("www.google-analytics.com", 2, network="Google Analytics",
              category=Category.ANALYTICS)),
     PageRules(allow_categories=("analytics",), deny_networks=("Google Analytics",)),
     [("deny_networks", 2, "www.google-analytics.com")]),
    ("the longest host pattern wins: deny inside an allowed domain",
     page(res("ads.partner.example", 5)),
     PageRules(allow_hosts=("partner.example",), deny_hosts=("ads.partner.example",)),
     [("deny_hosts", 5, "ads.partner.example")]),
    ("the longest host pattern wins: allow inside a denied domain",
     page(res("cdn.partner.example", 5)),
     PageRules(allow_hosts=("cdn.partner.example",), deny_hosts=("partner.example",)), []),
    ("a host denied twice breaks one clause, the most specific",
     page(res("a.magsrv.com", 4, **EXO)),
     PageRules(deny_hosts=("magsrv.com",), deny_networks=("ExoClick",),
               deny_categories=("advertising",)),
     [("deny_hosts", 4, "a.magsrv.com")]),
    ("first-party resources are never judged",
     page(res("static.example.com", 2, third_party=False, category=AD)),
     PageRules(deny_categories=("advertising",)), []),
    ("policy first_party hosts are not third parties",
     page(res("img.example-cdn.net", 2, category=AD)),
     PageRules(first_party=("example-cdn.net",), deny_categories=("advertising",)), []),
    ("a redirect counts no third-party host, but its network is on the page",
     page(res("a.magsrv.com", 2, type=RequestType.DOCUMENT, **EXO)),
     PageRules(deny_networks=("ExoClick",), max_third_party_hosts=0),
     [("deny_networks", 2, "network:ExoClick")]),
    ("a redirect to an excepted host passes",
     page(res("a.magsrv.com", 2, type=RequestType.DOCUMENT, **EXO)),
     PageRules(deny_networks=("ExoClick",), allow_hosts=("magsrv.com",)), []),
    ("a host is judged by every network it serves: a denied second one fails it",
     page(res("www.googletagmanager.com", 3, network="Google Analytics",
              category=Category.ANALYTICS),
          res("www.googletagmanager.com", 5, network="Google Ads", category=AD)),
     PageRules(deny_categories=("advertising",)), [("deny_categories", 5,
                                                     "www.googletagmanager.com")]),
    ("an excepted host fails for none of the networks it serves",
     page(res("www.googletagmanager.com", 3, network="Google Analytics",
              category=Category.ANALYTICS),
          res("www.googletagmanager.com", 5, network="Google Ads", category=AD)),
     PageRules(deny_categories=("advertising",), allow_hosts=("googletagmanager.com",)), []),
    ("a vendor's loader served from the site itself is judged where it loads",
     page(res("example.com", 6, network="Hotjar", category=Category.SESSION_REPLAY,
              third_party=False, path="/js/hotjar.js")),
     PageRules(deny_categories=("session-replay",)),
     [("deny_categories", 6, "network:Hotjar")]),
    ("a copy of a vendor's loader (named by its file) fails its host by the vendor's name",
     page(res("assets.news-cdn.example", 4, network="Prebid.js", category=AD,
              path="/ads/prebid.js", self_hosted=True),
          res("assets.news-cdn.example", 5, path="/site.js")),
     PageRules(deny_networks=("Prebid.js",), max_third_party_hosts=0),
     [("deny_networks", 4, "assets.news-cdn.example"), ("max_third_party_hosts", 4, "")]),
    ("a copy's allowed category excuses no host: a renamed file is counted, its name judged",
     page(hotjar_copy("evil.example", 2)),
     PageRules(allow_categories=("session-replay",), deny_categories=("unknown",),
               deny_networks=("Hotjar",), max_third_party_hosts=0),
     [("deny_networks", 2, "evil.example"), ("max_third_party_hosts", 2, "")]),
    ("a copy on an excepted host excepts no copy on another",
     page(hotjar_copy("a.partner.example", 2),
          hotjar_copy("b.evil.example", 3)),
     PageRules(deny_networks=("Hotjar",), allow_hosts=("a.partner.example",)),
     [("deny_networks", 3, "b.evil.example")]),
    ("an excepted host excepts its copies, not their vendor elsewhere on the page",
     page(hotjar_copy("cdn.site-cdn.example", 2, "/js/hotjar.js"),
          hotjar_copy("example.com", 3, "/js/hotjar.js", third_party=False)),
     PageRules(allow_hosts=("site-cdn.example",), deny_networks=("Hotjar",)),
     [("deny_networks", 3, "network:Hotjar")]),
    ("a copy on an excepted host does not except its vendor's operator ID",
     page(hotjar_copy("cdn.site-cdn.example", 2, "/js/hotjar.js"),
          ids=(Identifier("hotjar-site", "1234567", "Hotjar"),)),
     PageRules(allow_hosts=("site-cdn.example",), deny_networks=("Hotjar",)),
     [("deny_networks", 0, "id:Hotjar:hotjar-site:1234567")]),
    ("the site's own copy is judged as any copy: its name excuses no category",
     page(res("example.com", 2, network="Google Analytics", category=Category.ANALYTICS,
              path="/js/gtag.js", self_hosted=True, third_party=False)),
     PageRules(allow_networks=("Google Analytics",), deny_categories=("analytics",)),
     [("deny_categories", 2, "network:Google Analytics")]),
    ("two denied copies on one host break one clause",
     page(hotjar_copy("cdn.evil.example", 2),
          res("cdn.evil.example", 3, network="Prebid.js", category=AD, path="/prebid.js",
              self_hosted=True)),
     PageRules(deny_networks=("Hotjar", "Prebid.js")),
     [("deny_networks", 2, "cdn.evil.example")]),
    ("an allowed network excuses no host that serves a copy by its name",
     page(res("ads.evil.test", 4, network="Prebid.js", category=AD, path="/prebid.js",
              self_hosted=True)),
     PageRules(deny_categories=("advertising", "unknown"), allow_networks=("Prebid.js",)),
     [("deny_categories", 4, "ads.evil.test")]),
    ("an excepted host excepts the copies it serves",
     page(res("assets.news-cdn.example", 4, network="Prebid.js", category=AD,
              path="/ads/prebid.js", self_hosted=True)),
     PageRules(deny_categories=("advertising",), allow_hosts=("news-cdn.example",)), []),
    ("a host failed by its rule fails once, the copy's vendor with it",
     page(res("cdn.news-cdn.example", 4, network="Prebid.js", category=AD,
              path="/prebid.js", self_hosted=True)),
     PageRules(deny_hosts=("news-cdn.example",), deny_networks=("Prebid.js",)),
     [("deny_hosts", 4, "cdn.news-cdn.example")]),
    ("a slot whose loader is absent is judged by its network",
     page(slots=(slot("ExoClick", 7, zone="5876674"),)), PageRules(deny_networks=("ExoClick",)),
     [("deny_networks", 7, "slot:ExoClick:ad:5876674")]),
    ("a slot whose loader was judged is not reported twice",
     page(res("a.magsrv.com", 6, **EXO), slots=(slot("ExoClick", 7, zone="1"),)),
     PageRules(deny_networks=("ExoClick",)), [("deny_networks", 6, "a.magsrv.com")]),
    ("a slot of an allowed loader is allowed",
     page(res("a.magsrv.com", 6, **EXO), slots=(slot("ExoClick", 7),)),
     PageRules(allow_hosts=("magsrv.com",), deny_categories=("advertising",)), []),
    ("an unattributed slot falls under its category",
     page(slots=(slot(None, 8),)), PageRules(deny_categories=("advertising",)),
     [("deny_categories", 8, "slot:-:ad:")]),
    ("max_ad_slots: located at the first slot over the limit",
     page(slots=(slot(None, 3), slot(None, 5), slot(None, 9))), PageRules(max_ad_slots=2),
     [("max_ad_slots", 9, "")]),
    ("max_ad_slots at the limit passes",
     page(slots=(slot(None, 3), slot(None, 5))), PageRules(max_ad_slots=2), []),
    ("max_ad_slots = 0",
     page(slots=(slot(None, 3),)), PageRules(max_ad_slots=0), [("max_ad_slots", 3, "")]),
    ("max_third_party_hosts counts hosts, not resources, and not allowed ones",
     page(res("a.one.example", 2), res("a.one.example", 3, path="/2.js"),
          res("fonts.googleapis.com", 4), res("b.two.example", 5), res("c.three.example", 6)),
     PageRules(allow_hosts=("fonts.googleapis.com",), max_third_party_hosts=2),
     [("max_third_party_hosts", 6, "")]),
    ("max_ad_area_px",
     page(slots=(slot(None, 4, width=300, height=250), slot(None, 6, width=728, height=90)),
          metrics=Metrics(ad_slots=2, ad_area_px=300 * 250 + 728 * 90)),
     PageRules(max_ad_area_px=100_000), [("max_ad_area_px", 4, "")]),
    ("min_content_to_ad_ratio",
     page(slots=(slot(None, 4),), metrics=Metrics(ad_slots=1, content_to_ad_ratio=1.5)),
     PageRules(min_content_to_ad_ratio=3.0), [("min_content_to_ad_ratio", 4, "")]),
    ("min_content_to_ad_ratio: no ads, no ratio, no violation",
     page(metrics=Metrics(content_to_ad_ratio=None)), PageRules(min_content_to_ad_ratio=3.0), []),
    ("fail_on_severity: at or above",
     page(findings=(finding("hidden-iframe", Severity.HIGH, 10),
                    finding("odd-markup", Severity.MEDIUM, 11),
                    finding("trivia", Severity.LOW, 12))),
     PageRules(fail_on_severity=Severity.MEDIUM),
     [("fail_on_severity", 10, "hidden-iframe:0123456789abcdef"),
      ("fail_on_severity", 11, "odd-markup:0123456789abcdef")]),
    ("fail_on_findings: whatever the severity",
     page(findings=(finding("trivia", Severity.LOW, 12),)),
     PageRules(fail_on_findings=("trivia",), fail_on_severity=Severity.HIGH),
     [("fail_on_findings", 12, "trivia:0123456789abcdef")]),
    ("findings count only through the finding clauses",
     page(findings=(finding("hidden-iframe", Severity.HIGH, 10),)),
     PageRules(deny_categories=("advertising",), max_ad_slots=0), []),
]


@pytest.mark.parametrize(("page_", "rules", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_verdict(page_: PageReport, rules: PageRules,
                 expected: list[tuple[str, int, str]]) -> None:
    got = evaluate_page(page_, "blog/post.html", rules)
    assert [(v.clause, v.line, v.evidence) for v in got] == expected
    for v in got:
        assert v.path == "blog/post.html"
        assert v.fingerprint == fingerprint("blog/post.html", v.clause, v.evidence)
        assert not v.baselined


def test_base_url_host_is_first_party() -> None:
    p = page(res("static.example.org", 2, category=AD))
    rules = PageRules(deny_categories=("advertising",))
    assert evaluate_page(p, "a.html", rules)
    assert evaluate_page(p, "a.html", rules, first_party=("example.org",)) == []


def test_a_denied_host_the_page_counts_as_its_own_still_fails(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """Without a base URL the page's URL is what it declares: an injected canonical to
    the ad network's site made its loader first party, and `deny_hosts` passed it. A
    host the policy calls first party is judged the same way."""
    html = ('<html><head><link rel="canonical" href="https://www.magsrv.com/"></head><body>'
            '<p>Text.</p><script src="https://a.magsrv.com/ad-provider.js"></script>'
            '<img src="https://cdn.example.org/logo.png"></body></html>')
    report = audit_document(Document("a.html", "html", html), project_engine, catalogue)
    assert report.first_party == "magsrv.com"
    rules = PageRules(deny_hosts=("magsrv.com", "cdn.example.org"),
                      first_party=("example.org",))
    assert [(v.clause, v.evidence) for v in evaluate_page(report, "a.html", rules)] == [
        ("deny_hosts", "a.magsrv.com"), ("deny_hosts", "cdn.example.org")]
    own = page(res("static.example.org", 2, third_party=False))
    rules = PageRules(allow_hosts=("static.example.org",), deny_hosts=("example.org",))
    assert evaluate_page(own, "a.html", rules) == []  # the longer pattern decides


def test_another_tenant_of_the_pages_hosting_platform_is_a_third_party(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A site on me.github.io loading evil.github.io: browsers draw sites with the public
    suffix list's private section, and so does the audit, so "no third party at all"
    fails on it."""
    html = ('<html><body><p>Text.</p><script src="https://evil.github.io/x.js"></script>'
            '<img src="https://me.github.io/logo.png"></body></html>')
    report = audit_document(Document("a.html", "html", html, url="https://me.github.io/a"),
                            project_engine, catalogue)
    assert report.first_party == "me.github.io"
    rules = PageRules(max_third_party_hosts=0)
    assert [(v.clause, v.evidence) for v in evaluate_page(report, "a.html", rules)] == [
        ("max_third_party_hosts", "")]


def test_violation_names_the_rule_that_identified_the_resource() -> None:
    (v,) = evaluate_page(page(res("a.magsrv.com", 4, **EXO)), "p.html",
                         PageRules(deny_networks=("ExoClick",)))
    assert (v.rule, v.list) == ("||magsrv.com^", "easylist")
    (v,) = evaluate_page(page(res("a.magsrv.com", 4, network="ExoClick", category=AD)), "p.html",
                         PageRules(deny_networks=("ExoClick",)))
    assert v.rule == "catalogue: ExoClick"
    assert "ExoClick" in v.message and "a.magsrv.com" in v.message


FB_ID = Identifier("facebook-pixel", "917364028551029", "Facebook Pixel")


@pytest.mark.parametrize(("page_", "expected"), [
    (page(ids=(FB_ID,)), [("deny_networks", 0, "id:Facebook Pixel:facebook-pixel:"
                                                 "917364028551029")]),
    # judged once, as its request where it makes one
    (page(res("connect.facebook.net", 7, network="Facebook Pixel", category=AD), ids=(FB_ID,)),
     [("deny_networks", 7, "connect.facebook.net")]),
    (page(slots=(slot("Facebook Pixel", 9),), ids=(FB_ID,)),
     [("deny_networks", 9, "slot:Facebook Pixel:ad:")]),
    # the republished source's ID is not the page's
    (page(ids=(Identifier("facebook-pixel", "917364028551029", "Facebook Pixel",
                          Origin.COPIED, "source.example"),)), []),
])
def test_a_network_shown_only_by_its_ids_is_judged(page_: PageReport,
                                                   expected: list[tuple[str, int, str]]) -> None:
    got = evaluate_page(page_, "p.html", PageRules(deny_networks=("Facebook Pixel",)))
    assert [(v.clause, v.line, v.evidence) for v in got] == expected


def test_an_amp_pages_analytics_fail_a_gate_that_denies_them(project_engine: Engine,
                                                            catalogue: Catalogue) -> None:
    """An AMP page's analytics make no request a saved page holds: their IDs are how the
    gate sees them. By category too, with the catalogue's categories."""
    html = ("<html><body><p>Text.</p>"
            '<amp-analytics type="facebookpixel"><script type="application/json">'
            '{"vars": {"pixelId": "917364028551029"}}</script></amp-analytics>'
            '<amp-analytics type="googleanalytics"><script type="application/json">'
            '{"vars": {"account": "UA-58213774-2"}}</script></amp-analytics></body></html>')
    report = audit_document(Document("a.html", "html", html, url="https://news.example/a"),
                            project_engine, catalogue)
    got = evaluate_page(report, "a.html", PageRules(deny_networks=("Facebook Pixel",)))
    assert [(v.clause, v.evidence, v.rule) for v in got] == [
        ("deny_networks", "id:Facebook Pixel:facebook-pixel:917364028551029",
         "catalogue: Facebook Pixel")]
    got = evaluate_page(report, "a.html", PageRules(deny_categories=("analytics",)))
    assert [v.evidence for v in got] == ["id:Google Analytics:ga-property:UA-58213774-2"]


def test_a_commented_out_tag_fails_a_gate_that_denies_its_network_saying_so(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A tag kept in an HTML comment loads nothing, but its ID is on the page, as an ID-only
    network's is: the gate judges it, and says where the ID is."""
    html = ("<html><head><!-- <script async src=\"https://www.googletagmanager.com/gtag/js?"
            "id=G-Q4W7E2R9T1\"></script> --></head><body><p>Text.</p></body></html>")
    report = audit_document(Document("a.html", "html", html, url="https://news.example/a"),
                            project_engine, catalogue)
    [got] = evaluate_page(report, "a.html", PageRules(deny_networks=("Google Analytics",)))
    assert (got.clause, got.evidence) == (
        "deny_networks", "id:Google Analytics:ga-measurement-id:G-Q4W7E2R9T1")
    assert "in a commented-out tag, on the page with no request or slot of it" in got.message


def test_a_network_shown_only_by_code_fails_a_gate_that_denies_it(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A bidder a page's Prebid config asks (its code loaded later by prebid.js) and a
    vendor configured in inline code are on the page though a saved page requests
    nothing of them: the gate fails closed on them, once each."""
    html = ("<html><head><script>var pbjs = pbjs || {}; pbjs.que = pbjs.que || [];"
            "var adUnits = [{code: 'top', mediaTypes: {banner: {sizes: [[728, 90]]}},"
            "bids: [{bidder: 'criteo', params: {networkId: 4242}},"
            "{bidder: 'appnexus', params: {placementId: 23456789}}]}];</script>"
            "<script>var _sf_async_config = {uid: 60314, domain: 'news.example'};</script>"
            "</head><body><p>Text.</p></body></html>")
    report = audit_document(Document("a.html", "html", html, url="https://news.example/a"),
                            project_engine, catalogue)
    got = evaluate_page(report, "a.html", PageRules(deny_networks=("Criteo", "Chartbeat")))
    assert [(v.clause, v.line, v.evidence) for v in got] == [
        ("deny_networks", 0, "id:Criteo:criteo-network:4242"),
        ("deny_networks", 0, "id:Chartbeat:chartbeat-account:60314")]
    got = evaluate_page(report, "a.html", PageRules(deny_categories=("advertising",)))
    assert sorted(v.evidence for v in got) == ["id:Criteo:criteo-network:4242",
                                               "id:Xandr (AppNexus):xandr-placement:23456789",
                                               "network:Prebid.js"]


def test_a_loader_a_script_builds_or_writes_fails_a_gate_that_denies_its_host(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """Snippets older than protocol-relative URLs build their loader from the page's
    scheme, and ad tags write theirs as markup cut by a variable: each is a request of its
    host, so `deny_hosts` fails on it (it passed when only whole URL literals counted)."""
    html = ("<html><head><script>var ga = document.createElement('script');"
            "ga.src = ('https:' == document.location.protocol ? 'https://ssl' : 'http://www')"
            " + '.google-analytics.com/ga.js';</script></head><body><p>Text.</p>"
            "<script>document.write('<scr'+'ipt src=\"https://secserv.adtech.de/addyn/3.0/"
            "1342/6402461/0/170/ADTECH;grp=' + group + '\"></scr'+'ipt>');</script>"
            "</body></html>")
    report = audit_document(Document("a.html", "html", html, url="https://news.example/a"),
                            project_engine, catalogue)
    rules = PageRules(deny_hosts=("google-analytics.com", "adtech.de"))
    assert [(v.clause, v.evidence) for v in evaluate_page(report, "a.html", rules)] == [
        ("deny_hosts", "ssl.google-analytics.com"), ("deny_hosts", "secserv.adtech.de")]


def test_a_network_is_judged_at_its_first_place_whatever_its_order() -> None:
    """A network with a redirect and a self-hosted loader is judged once, at whichever
    comes first, on the evidence of its ID, as when it was judged by its ID alone (an
    old baseline stays valid). A redirect to an excepted host excepts the network, as a
    script from that host does."""
    redirect = res("a.magsrv.com", 2, type=RequestType.DOCUMENT, **EXO)
    loader = res("example.com", 5, network="ExoClick", category=AD, third_party=False)
    zone = Identifier("exoclick-zone", "5876674", "ExoClick")
    for order, line in (((redirect, loader), 2), ((loader, redirect), 5)):
        got = evaluate_page(page(*order, ids=(zone,)), "p.html",
                            PageRules(deny_networks=("ExoClick",)))
        assert [(v.line, v.evidence) for v in got] == [(line, "id:ExoClick:exoclick-zone:5876674")]
        assert evaluate_page(page(*order, ids=(zone,)), "p.html", PageRules(
            deny_networks=("ExoClick",), allow_hosts=("magsrv.com",))) == []


def test_host_rules_judge_where_the_page_sends_visitors_once_a_host() -> None:
    """`deny_hosts` fails a redirect target, network or not, once however many redirects
    go there; a redirect counts toward no third-party host limit."""
    to = [res("evil.example", 2, type=RequestType.DOCUMENT),
          res("evil.example", 3, type=RequestType.DOCUMENT, path="/b", **EXO)]
    got = evaluate_page(page(*to), "p.html",
                        PageRules(deny_hosts=("evil.example",), max_third_party_hosts=0))
    assert [(v.clause, v.line, v.evidence) for v in got] == [("deny_hosts", 2, "evil.example")]


def test_a_connection_hint_excepts_nothing() -> None:
    """A preconnect to an allowed host requests nothing: the network's own loader served
    from the site is still judged."""
    hint = res("static.criteo.net", 1, network="Criteo", category=AD, via="link[preconnect]")
    loader = res("example.com", 4, network="Criteo", category=AD, third_party=False)
    got = evaluate_page(page(hint, loader), "p.html",
                        PageRules(deny_networks=("Criteo",), allow_hosts=("static.criteo.net",)))
    assert [(v.line, v.evidence) for v in got] == [(4, "network:Criteo")]


def test_a_connection_hint_counts_toward_no_limit_and_shows_no_network() -> None:
    """A leftover `dns-prefetch`/`preconnect` requests nothing: the report counts no host
    and no network for it, and the gate agrees (one verdict for a network, at its slot,
    not a second at its hint); a host the page preconnects to still fails `deny_hosts`,
    since the browser opens a connection to it, and a `dns-prefetch` asks only a resolver."""
    gpt = dict(network="Google Publisher Tag", category=AD)
    hints = (res("a.magsrv.com", 2, via="link[dns-prefetch]", **EXO),
             res("securepubads.g.doubleclick.net", 3, via="link[preconnect]", **gpt))
    rules = PageRules(deny_networks=("ExoClick", "Google Publisher Tag"),
                      max_third_party_hosts=0)
    assert evaluate_page(page(*hints), "p.html", rules) == []
    got = evaluate_page(page(*hints, slots=(slot("Google Publisher Tag", 4),)),
                        "p.html", rules)
    assert [(v.clause, v.line) for v in got] == [("deny_networks", 4)]
    denied = evaluate_page(page(*hints), "p.html",
                           PageRules(deny_hosts=("magsrv.com", "doubleclick.net")))
    assert [(v.clause, v.line, v.evidence) for v in denied] == [
        ("deny_hosts", 3, "securepubads.g.doubleclick.net")]
    assert "preconnects" in denied[0].message


@pytest.mark.parametrize("rel", ["dns-prefetch stylesheet", "preconnect modulepreload",
                                 "dns-prefetch icon"])
def test_a_link_that_fetches_beside_a_hint_is_judged_as_the_request_it_is(
        rel: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """`rel="dns-prefetch stylesheet"` loads the sheet: read as a hint, it passed every
    clause."""
    html = (f'<html><head><link rel="{rel}" href="https://cdn.evil.example/a.css">'
            "</head><body><p>hello</p></body></html>")
    report = audit_document(Document("p.html", "html", html, url="https://site.example/"),
                            project_engine, catalogue)
    got = evaluate_page(report, "p.html", PageRules(deny_hosts=("evil.example",),
                                                    max_third_party_hosts=0))
    assert {v.clause for v in got} == {"deny_hosts", "max_third_party_hosts"}


def test_a_report_built_without_its_networks_list_still_fails_closed() -> None:
    """An API caller's report with IDs but no `networks` is judged by its IDs' networks."""
    bare = PageReport(input="a.html", url="https://news.example/a", kind="html",
                      first_party="news.example", title="t", ids=(FB_ID,))
    got = evaluate_page(bare, "a.html", PageRules(deny_networks=("Facebook Pixel",)))
    assert [(v.clause, v.evidence) for v in got] == [
        ("deny_networks", "id:Facebook Pixel:facebook-pixel:917364028551029")]


def test_finding_violations_carry_the_kind_as_rule_id() -> None:
    (v,) = evaluate_page(page(findings=(finding("hidden-iframe", Severity.HIGH),)), "p.html",
                         PageRules(fail_on_severity=Severity.HIGH))
    assert (v.rule_id, v.clause, v.severity) == ("hidden-iframe", "fail_on_severity",
                                                  Severity.HIGH)


@pytest.mark.parametrize(("host", "pattern", "expected"), [
    ("magsrv.com", "magsrv.com", True),
    ("a.b.magsrv.com", "magsrv.com", True),
    ("amagsrv.com", "magsrv.com", False),
    ("magsrv.com", "a.magsrv.com", False),
])
def test_host_matches(host: str, pattern: str, expected: bool) -> None:
    assert host_matches(host, pattern) is expected


def test_fingerprint_has_no_line_and_ignores_path_spelling() -> None:
    assert fingerprint("./blog/a.html", "deny_hosts", "x") == fingerprint("blog/a.html",
                                                                          "deny_hosts", "x")
    assert fingerprint("blog\\a.html", "deny_hosts", "x") == fingerprint("blog/a.html",
                                                                         "deny_hosts", "x")
    assert fingerprint("blog/a.html", "deny_hosts", "x") != fingerprint("blog/b.html",
                                                                        "deny_hosts", "x")
