"""The five kinds of page issue 6 names, audited end to end: what a reviewer would say."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.catalogue import Catalogue
from auditor.model import Category, PageReport, Severity
from auditor.pipeline import audit_document
from auditor.readers import Document
from auditor.rules import Engine

AuditHtml = Callable[..., PageReport]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"

H, M, L = Severity.HIGH, Severity.MEDIUM, Severity.LOW

PAGES: list[tuple[str, set[tuple[str, Severity]], set[tuple[str, str, str]]]] = [
    (
        "session-replay-blog.html",
        {("tracking-pixel", L)},  # Yandex's noscript beacon, positioned off-screen
        {
            ("hotjar-site", "3812654", "Hotjar"),
            ("clarity-project", "k3v9xq2m7d", "Microsoft Clarity"),
            ("fullstory-org", "o-1QZ7KD-na1", "FullStory"),
            ("logrocket-app", "qp7x2b/quietpixel-blog", "LogRocket"),
            ("yandex-metrica-counter", "96483521", "Yandex Metrica"),
        },
    ),
    (
        "hacked-wordpress.html",
        {("obfuscated-script", H), ("cryptominer", H), ("hidden-links", H),
         ("hidden-iframe", H), ("redirect", H)},
        {("coinhive-key", "q7FhN2xKp9LmR4tVw8YcZ1aB3dE5gH6j", "Coinhive")},
    ),
    (
        "affiliate-review.html",
        {("tracking-pixel", L)},  # CJ's impression pixel next to its link
        {
            ("ga-measurement-id", "G-7RK2HD9QXM", "Google Analytics"),
            ("amazon-associate-tag", "trailgear-20", "Amazon Associates"),
            # the native shopping ad's instance id, read from its container's id
            ("amazon-adinstance", "3b5e2f4a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "Amazon Associates"),
            ("awin-publisher", "1043567", "Awin"),
            ("cj-publisher", "9876543", "CJ Affiliate"),
            ("shareasale-affiliate", "2468013", "ShareASale"),
            ("impact-partner", "3344556", "Impact"),
            ("skimlinks-publisher", "184520X1699031", "Skimlinks"),
        },
    ),
    (
        "news-adsense-gpt.html",
        {("tracking-pixel", L)},  # the Meta pixel's noscript image
        {
            ("gpt-slot", "/4217593/riverton/news/top", "Google Publisher Tag"),
            ("gpt-slot", "/4217593/riverton/news/inarticle", "Google Publisher Tag"),
            ("gpt-network", "4217593", "Google Publisher Tag"),
            ("adsense-slot", "5820463917", "Google AdSense"),
            ("adsense-publisher", "ca-pub-6049237518842715", "Google AdSense"),
            ("taboola-publisher", "rivertonherald", "Taboola"),
            ("outbrain-widget", "AR_1", "Outbrain"),
            ("gtm-container", "GTM-5RHX2KD", "Google Tag Manager"),
            ("facebook-pixel", "284610937451826", "Facebook Pixel"),
        },
    ),
    (
        # an AMP article: no vendor script, every vendor named by a component's `type`
        "amp-article.html",
        set(),
        {
            ("adsense-publisher", "ca-pub-3819402755162937", "Google AdSense"),  # auto ads
            ("gpt-slot", "/21774093/valleyledger/news/mid1", "Google Publisher Tag"),
            ("gpt-slot", "/21774093/valleyledger/news/sticky", "Google Publisher Tag"),
            ("gpt-network", "21774093", "Google Publisher Tag"),
            ("teads-page", "58213", "Teads"),
            ("outbrain-widget", "AMP_1", "Outbrain"),
            ("outbrain-widget", "AMP_3", "Outbrain"),
            # amp-analytics configs' vars
            ("ga-measurement-id", "G-4KQ8ZC2M7P", "Google Analytics"),
            ("ga-property", "UA-58213774-2", "Google Analytics"),
            ("facebook-pixel", "917364028551029", "Facebook Pixel"),
            ("comscore-client", "20498771", "Comscore"),
            ("chartbeat-account", "61732", "Chartbeat"),
            ("quantcast-account", "p-8Fz2QwYk3Lm9A", "Quantcast Measure"),  # its amp-pixel
            ("gtm-container", "GTM-W7KD3QX", "Google Tag Manager"),  # its config URL
            # the mid-article unit's bid vendors (rtc-config): APS' publisher; Criteo's
            # zone is no ID the catalogue reads
            ("amazon-aps-publisher", "3812", "Amazon Publisher Services"),
        },
    ),
    ("clean-docs.html", set(), set()),
]


@pytest.fixture(scope="module", params=[p[0] for p in PAGES])
def page(request: pytest.FixtureRequest, audit_html: AuditHtml) -> tuple[str, PageReport]:
    name: str = request.param
    return name, audit_html(name, url=None)  # the fixture's canonical link is its URL


@pytest.mark.parametrize(("name", "findings", "ids"), PAGES)
def test_findings_and_ids(name: str, findings: set[tuple[str, Severity]],
                          ids: set[tuple[str, str, str]], audit_html: AuditHtml) -> None:
    report = audit_html(name, url=None)
    assert {(f.kind, f.severity) for f in report.findings} == findings
    assert len(report.findings) == len(findings), [f.message for f in report.findings]
    assert {(i.kind, i.value, i.network) for i in report.ids} == ids
    assert len(report.ids) == len({(i.kind, i.value) for i in report.ids}), "an ID listed twice"


def test_every_resource_slot_and_host_is_categorised(page: tuple[str, PageReport]) -> None:
    _, report = page
    assert all(r.category is not None for r in report.resources)
    assert all(s.category is not None for s in report.slots)
    for res in report.resources:
        if res.network:
            assert res.company, res
    for host in report.third_party_hosts:
        assert host.category is not Category.UNKNOWN or host.company is None
        if host.network:
            assert host.company


def test_session_recorders_are_resources_even_when_built_in_javascript(
        audit_html: AuditHtml) -> None:
    report = audit_html("session-replay-blog.html", url=None)
    replay = {r.network: r for r in report.resources if r.category is Category.SESSION_REPLAY}
    assert set(replay) == {"Hotjar", "Microsoft Clarity", "FullStory", "LogRocket",
                           "Yandex Webvisor"}
    assert replay["Hotjar"].url == "https://static.hotjar.com/c/hotjar-3812654.js"
    assert replay["Microsoft Clarity"].url == "https://www.clarity.ms/tag/k3v9xq2m7d"
    assert replay["FullStory"].url == "https://edge.fullstory.com/s/fs.js"
    assert {r.via for r in replay.values()} >= {"inline-snippet"}
    assert replay["Hotjar"].via == "inline-snippet" and replay["Hotjar"].blocked
    # webvisor:true turns Metrica's tag.js into a session recorder; its beacon stays analytics
    assert replay["Yandex Webvisor"].url == "https://mc.yandex.ru/metrika/tag.js"
    beacon = next(r for r in report.resources if "/watch/" in r.url)
    assert (beacon.network, beacon.category) == ("Yandex Metrica", Category.ANALYTICS)
    assert report.metrics.tracker_resources == 6


def test_hacked_page_decoded_loader_is_a_resource(audit_html: AuditHtml) -> None:
    report = audit_html("hacked-wordpress.html", url=None)
    decoded = [r for r in report.resources if r.via == "inline-decoded"]
    assert [(r.url, r.third_party) for r in decoded] == [
        ("https://cdn.jqueryui-static.top/js/jquery.min.js?v=3.7", True)]
    obfuscated = next(f for f in report.findings if f.kind == "obfuscated-script")
    assert "cdn.jqueryui-static.top" in obfuscated.evidence
    miner = next(r for r in report.resources if r.network == "Coinhive")
    assert (miner.category, miner.company, miner.blocked) == (Category.CRYPTOMINING, "Coinhive",
                                                             True)
    redirect = next(f for f in report.findings if f.kind == "redirect")
    assert "sweepstakes-winner.club" in redirect.message and "referrer" in redirect.message
    # the WordPress emoji loader (String.fromCharCode) is not an obfuscated script
    assert sum(f.kind == "obfuscated-script" for f in report.findings) == 1


def test_affiliate_page_categories(audit_html: AuditHtml) -> None:
    report = audit_html("affiliate-review.html", url=None)
    hosts = {h.host: (h.company, h.category) for h in report.third_party_hosts}
    assert hosts["s.skimresources.com"] == ("Connexity (Skimlinks)", Category.AFFILIATE)
    assert hosts["z-na.amazon-adsystem.com"] == ("Amazon", Category.AFFILIATE)
    assert hosts["www.awltovhc.com"] == ("CJ (Publicis)", Category.AFFILIATE)
    (slot,) = report.slots
    assert (slot.network, slot.company, slot.category) == ("Amazon Associates", "Amazon",
                                                           Category.AFFILIATE)


def test_news_page_slots_and_consent(audit_html: AuditHtml) -> None:
    report = audit_html("news-adsense-gpt.html", url=None)
    assert [(s.network, s.company, s.width, s.height) for s in report.slots] == [
        ("Google Publisher Tag", "Google", 728, 90),
        ("Google Publisher Tag", "Google", 300, 250),
        ("Google AdSense", "Google", 300, 600),
        ("Taboola", "Taboola", None, None),
        ("Outbrain", "Outbrain", None, None),
    ]
    hosts = {h.host: (h.company, h.category) for h in report.third_party_hosts}
    assert hosts["cdn.cookielaw.org"] == ("OneTrust", Category.CONSENT)
    assert hosts["www.googletagmanager.com"] == ("Google", Category.TAG_MANAGER)
    gtm = next(r for r in report.resources if r.via == "inline-snippet")
    assert gtm.url == "https://www.googletagmanager.com/gtm.js?id=GTM-5RHX2KD"


def test_clean_docs_page_is_clean(audit_html: AuditHtml) -> None:
    report = audit_html("clean-docs.html", url=None)
    assert report.findings == ()
    assert report.slots == ()
    assert report.metrics.ad_slots == 0 and report.metrics.content_to_ad_ratio is None
    analytics = next(r for r in report.resources if r.url.endswith("/_static/analytics.js"))
    assert (analytics.third_party, analytics.category) == (False, Category.CONTENT)


def test_an_amp_page_names_its_units_and_its_pixel(engine: Engine, catalogue: Catalogue
                                                  ) -> None:
    """The units are `amp-ad`/`amp-embed` (one of a type no network claims is still an
    ad, by EasyList's `##AMP-AD`, unnamed); `amp-auto-ads` and `amp-analytics` are no
    slot; an `amp-pixel` is a request; the script registering both elements is one
    loader."""
    page = FIXTURES / "amp-article.html"
    report = audit_document(Document(input=str(page), kind="html", text=page.read_text(
        encoding="utf-8")), engine, catalogue)
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Google Publisher Tag", "/21774093/valleyledger/news/mid1"), ("Teads", None),
        ("Outbrain", None), (None, None),
        ("Google Publisher Tag", "/21774093/valleyledger/news/sticky")]
    assert report.slots[3].rule == "##AMP-AD" and report.slots[3].list == "easylist"
    # `amp-embed` is registered from amp-ad-0.1.js, as AMP's docs say: no pasted copy
    assert [f.kind for f in report.findings] == []
    pixel = next(r for r in report.resources if r.via == "amp-pixel[src]")
    assert (pixel.host, pixel.network, pixel.category) == (
        "pixel.quantserve.com", "Quantcast Measure", Category.ANALYTICS)
    gtm = next(r for r in report.resources if r.via == "amp-analytics[config]")
    assert (gtm.network, gtm.category, gtm.blocked) == (
        "Google Tag Manager", Category.TAG_MANAGER, True)  # EasyPrivacy's, as its gtm.js
    assert {r.url for r in report.resources if r.via == "amp-img[src]"} == {
        "https://valleyledger.example/static/logo.png",
        "https://valleyledger.example/photos/2026/footbridge-render.jpg"}
