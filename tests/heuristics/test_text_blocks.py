"""Plain-text scrapes: promotional blocks become slots, and the ratio counts them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.heuristics.text_blocks import editorial_chars, segment
from auditor.model import Category, PageReport

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"

AuditHtml = Callable[..., PageReport]

SEED_SLOTS = [
    ("attribution", "🔗 Original source", Category.CONTENT),
    ("recirculation", "🔥 KEEP READING", Category.CONTENT),
    ("attribution", "🔗www.bbc.co.ukPrimary source", Category.CONTENT),
    ("recirculation", "EXPLORE MORETech AI Trends Hub →", Category.CONTENT),
    ("affiliate", "NordVPN — #1 VPN Recommended by Experts", Category.AFFILIATE),
    ("affiliate", "Today's Top Deals on Amazon", Category.AFFILIATE),
    ("share", "SHARE THIS STORY", Category.SOCIAL),
    ("share", "SHARE THIS STORY", Category.SOCIAL),
    ("recirculation", "YOU MIGHT ALSO LIKE", Category.CONTENT),
]


def test_seed_text_scrape(seeds: Path, audit_html: AuditHtml) -> None:
    text = (seeds / "content-farm-rewrite.txt").read_text(encoding="utf-8")
    report = audit_html(text, url=None, kind="text", markup=False)
    assert [(s.kind, s.text, s.category) for s in report.slots] == SEED_SLOTS
    lines = text.splitlines()
    for slot in report.slots:
        assert lines[slot.line - 1].strip() == slot.text
    # the SPONSORED block holds two promotions, each with its deal line
    nord, amazon = (s for s in report.slots if s.kind == "affiliate")
    assert "Save 69%" in lines[nord.line]
    assert lines[amazon.line].strip() == "Limited"
    # KEEP READING runs over both "Trending" items and stops at the pull quote
    keep = report.slots[1]
    block = next(b for b in segment(text) if b.line == keep.line)
    assert lines[block.end].startswith("Europe's Five Largest")
    assert report.findings == ()
    metrics = report.metrics
    promotional = [s for s in report.slots if s.kind != "attribution"]
    assert metrics.ad_slots == len(promotional) == 7
    assert metrics.ad_markup_bytes == sum(s.markup_bytes for s in promotional)
    assert 4500 < metrics.content_chars < len(" ".join(text.split()))
    assert metrics.content_to_ad_ratio == round(metrics.content_chars / metrics.ad_markup_bytes, 3)


def test_own_fixture_has_the_same_structure(audit_html: AuditHtml) -> None:
    report = audit_html("content-farm-story.txt", url=None)
    assert [(s.kind, s.line) for s in report.slots] == [
        ("attribution", 7), ("recirculation", 15), ("attribution", 31), ("recirculation", 34),
        ("affiliate", 37), ("affiliate", 40), ("share", 48), ("share", 50),
        ("recirculation", 52),
    ]
    assert report.slots[4].text == "SafeSurf VPN — Trusted by 10 Million Users"


def test_clean_article_has_no_blocks(audit_html: AuditHtml) -> None:
    report = audit_html("clean-article.txt", url=None)
    assert report.slots == () and report.findings == ()
    assert report.metrics.content_to_ad_ratio is None
    text = (PAGES / "clean-article.txt").read_text(encoding="utf-8")
    assert report.metrics.content_chars == len(" ".join(text.split()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Advertisement\n\nThe council met on Tuesday.", [("sponsored", "Advertisement")]),
        ("ANZEIGE\n\nDer Rat tagte am Dienstag.", [("sponsored", "ANZEIGE")]),
        ("Publicité\n\nLe conseil s'est réuni mardi.", [("sponsored", "Publicité")]),
        ("Publicidad\n\nEl consejo se reunió el martes.", [("sponsored", "Publicidad")]),
        ("广告\n\n理事会周二开会。", [("sponsored", "广告")]),
        ("Реклама\n\nСовет собрался во вторник.", [("sponsored", "Реклама")]),
        ("Gesponsert\nSchuhe bis zu 50% Rabatt heute im Angebot\n\nText.",
         [("affiliate", "Schuhe bis zu 50% Rabatt heute im Angebot")]),
        ("Sponsored\nAcme Bank: open an account in five minutes\n\nText.",
         [("sponsored", "Acme Bank: open an account in five minutes")]),
        ("Sponsored by Acme Bank", [("sponsored", "Sponsored by Acme Bank")]),
        ("As an Amazon Associate I earn from qualifying purchases.",
         [("affiliate", "As an Amazon Associate I earn from qualifying purchases.")]),
        ("Read more\nHow the vote went\nWho stood where\n\nThe council met.",
         [("recirculation", "Read more")]),
        ("Lesen Sie auch\nDer neue Fahrplan\n\nText.", [("recirculation", "Lesen Sie auch")]),
        ("À lire aussi\nLe nouveau budget\n\nTexte.", [("recirculation", "À lire aussi")]),
        ("Share this article\nFacebook Twitter LinkedIn Email", [("share", "Share this article")]),
        ("Facebook · X · WhatsApp · Email", [("share", "Facebook · X · WhatsApp · Email")]),
        ("Via The Verge", [("attribution", "Via The Verge")]),
        ("Source: Reuters", [("attribution", "Source: Reuters")]),
        # prose that merely mentions the words is editorial
        ("The plan was advertised in March, and sources say it will pass.", []),
        ("Read more about the plan in the council's own report, published on Monday.", []),
        ("Trending topics this week included the budget.", []),
        ("TRENDING\n\nHeadline of the article itself\n\nLong first paragraph.", []),
        ("We shared this story with the council before publication.", []),
    ],
)
def test_labels(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(b.kind, b.text) for b in segment(text)] == expected


def test_editorial_chars_exclude_blocks() -> None:
    text = "Body text here.\nSPONSORED\nBuy now deals\n\nMore body."
    blocks = segment(text)
    assert [b.kind for b in blocks] == ["affiliate"]
    assert editorial_chars(text, blocks) == len("Body text here. More body.")


_NATIVE = frozenset({"taboola", "outbrain", "revcontent", "mgid", "polar"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Taboola's header over its items, each item a title and its advertiser
        ("Sponsored Links by Taboola\nSeniors Are Snapping Up These Stylish Shoes\nFootwear "
         "News\nThe 10 Most Beautiful Beaches Nobody Visits\nTravelTales\n\nText.",
         [("sponsored", "taboola", "Seniors Are Snapping Up These Stylish Shoes"),
          ("sponsored", "taboola", "The 10 Most Beautiful Beaches Nobody Visits")]),
        # Outbrain's: a network's recommendations are its paid placements, not the site's
        ("Recommended by Outbrain\nThis New Device Cools A Room In Minutes\nCoolGear\n\nText.",
         [("sponsored", "outbrain", "This New Device Cools A Room In Minutes")]),
        # the credit under the items of a generic header names the block's network
        ("Sponsored Content\nYou Won't Believe What This Plumber Found\nby Taboola\n\nText.",
         [("sponsored", "taboola", "You Won't Believe What This Plumber Found")]),
        ("Promoted Stories\nDoctors Stunned By This Morning Habit\nAds by Revcontent\n\nText.",
         [("sponsored", "revcontent", "Doctors Stunned By This Morning Habit")]),
        # a credit naming no native ad network is no network's; the lists stay what they were
        ("Recommended by our editors\nThe budget, explained\n\nText.",
         [("recirculation", None, "Recommended by our editors")]),
        ("Sponsored by Acme Bank", [("sponsored", None, "Sponsored by Acme Bank")]),
        ("Photograph by Taboola's press office, used with permission of the company.", []),
        # Polar's units credit their advertiser; "Powered by Polar" is Polar.sh's funding
        # widget or a Polar watch's log, no native ad network's
        ("Support this newsletter\nPowered by Polar\nSubscribe for free\n\nText.", []),
        ("Training data\nPowered by Polar\nHeart rate 148 bpm average\n\nText.", []),
        # a headline about the company is no credit of its widget
        ("Teads acquired by Outbrain\n\nThe deal closed on Monday.", []),
        ("Promoted Links by Taboola\nThis Trick Cuts Your Energy Bill\n\nText.",
         [("sponsored", "taboola", "This Trick Cuts Your Energy Bill")]),
    ],
)
def test_a_native_networks_credit_names_its_widget(
        text: str, expected: list[tuple[str, str | None, str]]) -> None:
    """A text scrape keeps a native ad widget's credit ("Sponsored Links by Taboola",
    "by Taboola" under its items) as words; "Sponsored Links by Taboola" opened no block."""
    assert [(b.kind, b.vendor, b.text) for b in segment(text, _NATIVE)] == expected


def test_a_text_scrapes_credited_widget_names_its_network(audit_html: AuditHtml) -> None:
    report = audit_html(
        "Heatwave grips the south\n\nTemperatures passed 40C in six cities on Tuesday, and "
        "the health ministry urged people to stay indoors in the afternoon.\n\nSponsored "
        "Links by Taboola\nSeniors Are Snapping Up These Stylish Shoes\nFootwear News\n\n"
        "Water restrictions will remain in place until the reservoirs recover.\n",
        url=None, kind="text", markup=False)
    assert [(s.network, s.company, s.kind) for s in report.slots] == [
        ("Taboola", "Taboola", "sponsored")]
    assert [(n.network, n.seen.value, n.slots) for n in report.networks] == [
        ("Taboola", "slot", 1)]
