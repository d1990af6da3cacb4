"""The taxonomy (entities.toml) and the tracker signatures are data with laws: counted,
unique, in the vocabulary, and covering every vendor issue 6 names."""

from __future__ import annotations

import re
import tomllib
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.catalogue import catalogue_files, default_catalogue, load_catalogue, required_literal
from auditor.model import Category

ENTITIES = next(p for p in catalogue_files() if p.name == "entities.toml")
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def entity_domains() -> list[tuple[str, str, str]]:
    data = tomllib.loads(ENTITIES.read_text(encoding="utf-8"))
    return [(d, e["company"], e["category"]) for e in data["entity"] for d in e["domains"]]


def test_at_least_300_domains_once_each_in_the_vocabulary() -> None:
    rows = entity_domains()
    domains = [d for d, _, _ in rows]
    assert len(domains) >= 300
    assert len(domains) == len(set(domains)), "a domain is listed twice"
    vocabulary = {c.value for c in Category}
    assert {category for _, _, category in rows} <= vocabulary
    assert all(d == d.lower() and "/" not in d and d.count(".") >= 1 for d in domains)


@pytest.mark.parametrize(
    ("host", "company", "category"),
    [
        ("fonts.googleapis.com", "Google", Category.CONTENT),
        ("fonts.gstatic.com", "Google", Category.CONTENT),
        ("cdnjs.cloudflare.com", "Cloudflare", Category.CONTENT),
        ("cdn.jsdelivr.net", "jsDelivr", Category.CONTENT),
        ("www.google-analytics.com", "Google", Category.ANALYTICS),
        ("www.googletagmanager.com", "Google", Category.TAG_MANAGER),
        ("platform.twitter.com", "X Corp", Category.SOCIAL),
        ("connect.facebook.net", "Meta", Category.SOCIAL),
        ("cdn.cookielaw.org", "OneTrust", Category.CONSENT),
        ("consent.cookiebot.com", "Usercentrics (Cookiebot)", Category.CONSENT),
        ("cmp.quantcast.com", "Quantcast", Category.CONSENT),
        ("quantcast.com", "Quantcast", Category.ADVERTISING),
        # Quantcast Choice under InMobi: its CMP host is consent, InMobi's others are ads
        ("cmp.inmobi.com", "InMobi Choice", Category.CONSENT),
        ("api.w.inmobi.com", "InMobi", Category.ADVERTISING),
        ("sdk.privacy-center.org", "Didomi", Category.CONSENT),
        ("consent.trustarc.com", "TrustArc", Category.CONSENT),
        ("widget.intercom.io", "Intercom", Category.CUSTOMER_ENGAGEMENT),
        ("static.zdassets.com", "Zendesk", Category.CUSTOMER_ENGAGEMENT),
        ("js.driftt.com", "Drift (Salesloft)", Category.CUSTOMER_ENGAGEMENT),
        ("js.hs-scripts.com", "HubSpot", Category.CUSTOMER_ENGAGEMENT),
        ("ws-na.amazon-adsystem.com", "Amazon", Category.AFFILIATE),
        ("www.awin1.com", "Awin", Category.AFFILIATE),
        ("www.anrdoezrs.net", "CJ (Publicis)", Category.AFFILIATE),
        ("shareasale.com", "Awin (ShareASale)", Category.AFFILIATE),
        ("backcountry.sjv.io", "Impact.com", Category.AFFILIATE),
        ("click.linksynergy.com", "Rakuten", Category.AFFILIATE),
        ("s.skimresources.com", "Connexity (Skimlinks)", Category.AFFILIATE),
        ("redirect.viglink.com", "Sovrn", Category.AFFILIATE),
        ("fpjscdn.net", "Fingerprint", Category.FINGERPRINTING),
        ("static.hotjar.com", "Hotjar", Category.SESSION_REPLAY),
        ("www.clarity.ms", "Microsoft", Category.SESSION_REPLAY),
        ("edge.fullstory.com", "FullStory", Category.SESSION_REPLAY),
        ("cdn.lr-ingest.io", "LogRocket", Category.SESSION_REPLAY),
        ("cdn.mouseflow.com", "Mouseflow", Category.SESSION_REPLAY),
        ("web-sdk.smartlook.com", "Cisco (Smartlook)", Category.SESSION_REPLAY),
        ("tools.luckyorange.com", "Lucky Orange", Category.SESSION_REPLAY),
        ("cdn.inspectlet.com", "Inspectlet", Category.SESSION_REPLAY),
        ("script.crazyegg.com", "Crazy Egg", Category.SESSION_REPLAY),
        ("mc.webvisor.org", "Yandex", Category.SESSION_REPLAY),
        ("static.criteo.net", "Criteo", Category.ADVERTISING),
        ("fastlane.rubiconproject.com", "Magnite", Category.ADVERTISING),
        ("ads.pubmatic.com", "PubMatic", Category.ADVERTISING),
        ("ib.adnxs.com", "Microsoft", Category.ADVERTISING),
        ("u.openx.net", "OpenX", Category.ADVERTISING),
        ("js-sec.indexww.com", "Index Exchange", Category.ADVERTISING),
        ("ap.lijit.com", "Sovrn", Category.ADVERTISING),
        ("tlx.3lift.com", "TripleLift (Vista Equity)", Category.ADVERTISING),
        ("a.teads.tv", "Teads (Outbrain)", Category.ADVERTISING),
        ("btlr.sharethrough.com", "Sharethrough (Equativ)", Category.ADVERTISING),
        ("z.moatads.com", "Oracle (Moat)", Category.ADVERTISING),
        ("pixel.adsafeprotected.com", "Integral Ad Science", Category.ADVERTISING),
        ("cdn.doubleverify.com", "DoubleVerify", Category.ADVERTISING),
        ("c.amazon-adsystem.com", "Amazon", Category.ADVERTISING),
        ("coinhive.com", "Coinhive", Category.CRYPTOMINING),
    ],
)
def test_named_vendors(host: str, company: str, category: Category) -> None:
    entity = load_catalogue().entity_for(host)
    assert entity is not None, host
    assert (entity.company, entity.category) == (company, category)


def test_every_network_host_has_an_entity_and_ids_are_named_once() -> None:
    catalogue = load_catalogue()
    for network in catalogue.networks:
        for host in network.hosts:
            assert catalogue.entity_for(host) is not None, (network.name, host)
        if network.snippet:
            assert network.inline or network.ids, network.name


def inline_patterns() -> list[re.Pattern[str]]:
    return [p for n in load_catalogue().networks for p in n.inline]


def fixture_scripts() -> list[str]:
    out = []
    for path in PAGES.glob("*.html"):
        out += re.findall(r"<script[^>]*>(.*?)</script>", path.read_text(), re.S)
    return [s for s in out if s.strip()]


def test_required_literals_never_skip_a_match() -> None:
    """The pipeline checks a pattern's required literal before running it: that must be sound."""
    scripts = fixture_scripts()
    matched = 0
    for pattern in inline_patterns():
        needle = required_literal(pattern.pattern)
        for script in scripts:
            if pattern.search(script):
                matched += 1
                assert needle is None or needle in script, (pattern.pattern, needle)
    assert matched >= 10


@given(st.text(alphabet="abc.()[]?*+\\sw{}|0-9", min_size=1, max_size=20))
def test_required_literal_is_in_every_match(pattern: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # random patterns trip FutureWarnings
            compiled = re.compile(pattern)
    except re.error:
        return
    needle = required_literal(pattern)
    if needle is None:
        return
    for sample in ("", "abc", "a.b(c)", "s w 0-9", "aaa bbb ccc", "abc.()[]", "w{}|0-9s"):
        found = compiled.search(sample)
        if found:
            assert needle in found.group(0), (pattern, needle, sample)


@pytest.mark.parametrize(("href", "network"), [
    ("https://www.amazon.de/dp/B0?tag=site-21", "Amazon Associates"),
    ("https://amzn.to/3abc", "Amazon Associates"),
    ("https://www.awin1.com/cread.php?awinmid=1", "Awin"),
    ("https://rover.ebay.com/rover/1/711-53200-19255-0/1", "eBay Partner Network"),
    ("https://www.ebay.de/itm/1?campid=5338000000", "eBay Partner Network"),
    ("https://www.example.com/?campid=5338000000", None),
])
def test_an_affiliate_link_names_its_network(href: str, network: str | None) -> None:
    """A linker is sought link by link only when the page's attribute values hold a
    literal its pattern needs (`Network.link_needles`): that must lose no link."""
    from auditor.dom.page import parse_page
    from auditor.identify import networks_present

    page = parse_page(f'<html><body><p><a href="{href}">x</a></p></body></html>')
    found = networks_present([], default_catalogue(), page)
    assert [n.name for n in found if n.links is not None] == ([network] if network else [])
