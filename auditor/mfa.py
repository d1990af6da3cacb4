"""The made-for-advertising (MFA) scorecard: the part of the industry's definitions a
saved page can show, one `Indicator` per criterion, each with its evidence.

The definitions (docs/MFA.md has the method and the sources):
- ANA, 4A's, WFA and ISBA (Sept 2023, with Jounce Media and DeepSee): "some combination"
  of a high ad-to-content ratio ("usually at least twice the internet average, e.g. 30+
  percent for desktop"), rapidly auto-refreshing ads, autoplay video ads, click-through
  slideshows, a high share of paid traffic, generic or templated content and design.
- Coalition for Better Ads: a mobile page fails when its ads take more than 30% of the
  main content's height; autoplaying video with sound fails on desktop and mobile.
- NewsGuard: AI content farms betrayed by leftover chatbot errors; its credibility
  criteria ask that a site name its content creators.

A row is `measured` when the page shows the fact itself, `estimated` when a proxy stands
in for what only rendering gives (screen area from declared slot sizes and text length),
and `unknowable` (met None) when only live traffic could say: the paid-traffic share,
and on a plain-text scrape whatever lived in markup or code. The scorecard counts
indicators; it never says a page *is* MFA.

It reads the page's shared views (`ParsedPage`); the XPaths below run only when a cheap
test on the page's markup or attribute values says they can find something. What the
page republishes or credits is provenance's to find (`auditor.provenance`, the one home
of credit patterns): the syndicated row reads its `Sources`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import etree

from auditor.dom.page import ParsedPage, ScriptCode
from auditor.dom.parser import elements, line_of
from auditor.dom.textscan import NOT_TEXT, Scan, inside, scan_markup, visible
from auditor.heuristics.interface import PageContext
from auditor.heuristics.text_blocks import PROMOTIONAL, SHORT
from auditor.metrics import AD_CATEGORIES
from auditor.model import Basis, Indicator, Metrics, Scorecard, Slot
from auditor.provenance import Sources
from auditor.urls import host_of, registrable_domain

ANA = "ANA/4A's/WFA/ISBA 2023"
BETTER_ADS = "Coalition for Better Ads"
NEWSGUARD = "NewsGuard"
JOUNCE = "Jounce Media"
OURS = "ours"

# -- constants of the estimates (docs/MFA.md says where each comes from) ------------
AD_SHARE = 0.30  # ANA: "30+ percent for desktop"; Better Ads: 30% of mobile height
DEFAULT_SLOT = (300, 250)  # an ad unit that declares no size: IAB's medium rectangle
TEXT_PX2_PER_CHAR = 230  # desktop text: ~16-18 px type, ~80 chars a line, ~27 px lines
MIN_UNITS = 3  # fewer ad units than this is no density, whatever the word count
# Better Ads' 30% of a mobile page's height, in units per 1,000 words: 1,000 words are
# about 6,000 characters, 150 lines of 40 characters at 24 px = 3,600 px of text; ads at
# 30% of the whole are 0.43 × 3,600 ≈ 1,540 px, six units of 250 px.
UNITS_PER_1000_WORDS = 6.0
# Ads between the article's paragraphs: ad-ops guides place one in-content unit per
# 300-400 words; twice that rate (ANA's "twice the average"), at its lenient end, is one
# per 200 words.
IN_TEXT_PER_1000_WORDS = 5.0
MIN_RECIRCULATION_BLOCKS = 3  # text pages: promotional lists, as a reader meets them
SHOWN = 3  # evidence items shown per row
NEAR_SIBLINGS = 3  # elements looked at on each side of an ad for a paragraph
PROSE = 80  # characters: a paragraph, not a caption or a label
NO_ADS = "no ads found: a page without ads is not made for advertising, whatever it meets"

CRITERIA = ("ad-to-content", "ad-density", "ads-in-body", "auto-refresh", "slideshow",
            "native-widgets", "paid-traffic-hints", "templated-text", "syndicated", "authorship",
            "autoplay-video", "paid-traffic-share")

# -- auto-refresh: a timer whose callback re-requests ad slots ----------------------
_TIMER = re.compile(r"\bset(Interval|Timeout)\s*\(")
_REFRESH = re.compile(
    r"\.pubads\(\)\s*\.refresh\s*\(|\bgoogletag\b[^;]{0,80}\.refresh\s*\(|"
    r"\bpbjs\s*\.\s*requestBids\s*\(|\bapstag\s*\.\s*fetchBids\s*\(|"
    r"\b(?:refreshAds?|refreshSlots?|adRefresh|refreshAdUnits?|reloadAds?)\s*\(|"
    r"\bezstandalone\s*\.\s*refresh\s*\(|\bAdButler\b[^;]{0,40}\.refresh\s*\(")
_DELAY = re.compile(r",\s*(\d{3,7})\s*$")  # the delay closing a timer's arguments
TIMER_SPAN = 1500  # characters of a timer's callback read for a refresh call
BID_TIMEOUT_MS = 10_000  # a one-off setTimeout under this is a bid time-out, not a refresh
# An ad stack's own refresh setting: a key naming ads and refresh, with a number
# ("refreshAdsInterval":10000, ad_refresh_rate: 30). Keys that do not name ads (a live
# blog's refreshInterval) are not read.
_AD_REFRESH_KEY = re.compile(r"ads?[_-]?refresh|refresh[_-]?ads?", re.I)
_SETTING_VALUE = re.compile(r"[\"']?\s*[:=]\s*[\"']?(\d{1,6})\b")
_REFRESH_WORDS = ("refresh", "requestbids", "fetchbids", "reloadad")
_REFRESH_NEEDLES = (*(w.encode() for w in _REFRESH_WORDS), b"http-equiv")
_META_REFRESH = re.compile(r"^\s*(\d+)\s*(?:[;,]\s*(?:url\s*=\s*)?['\"]?\s*(\S*?)['\"]?\s*)?$",
                           re.I)

# -- slideshows and forced pagination ------------------------------------------------
_PAGE_OF_SOURCE = (r"\b(?:page|slide|seite|bild|foto|photo|image|diapositive|p(?:á|a)gina)"
                   r"\s+(\d{1,3})\s*(?:of|von|sur|de|di|/)\s*(\d{1,3})\b")
_NUMBERED = re.compile(r"(?:^|[/?&=_-])(?:page|seite|p|pg)?[/=_-]?(\d{1,3})/?$", re.I)
_EXTENSION = re.compile(r"\.[A-Za-z]{2,5}$")
_PAGE_PARAMS = frozenset({"page", "p", "pg", "seite", "paged", "slide", "pagenum"})
# -- paid traffic: click IDs and campaign parameters of paid sources ----------------
CLICK_IDS = {"tblci": "Taboola", "obclid": "Outbrain", "gclid": "Google Ads",
             "gbraid": "Google Ads", "wbraid": "Google Ads", "dclid": "Google Ads",
             "msclkid": "Microsoft Ads", "ttclid": "TikTok Ads", "fbclid": "Facebook",
             "twclid": "X Ads", "li_fat_id": "LinkedIn Ads", "mgclida": "MGID"}
PAID_SOURCES = frozenset({"taboola", "outbrain", "mgid", "revcontent", "zergnet", "yahoo_gemini",
                          "gemini", "facebook_ads", "fb_ads", "tiktok_ads", "newsbreak"})
PAID_MEDIA = frozenset({"cpc", "ppc", "paid", "cpm", "cpa", "paidsocial", "paid_social",
                        "paid-social", "native", "paid_native", "sem", "display_paid"})

# -- templated and machine-written text ---------------------------------------------
# Patterns read over a whole page are written in lower case: they run over the page's
# lowered bytes (`ParsedPage.lowered`, no re.I: several times faster on large pages),
# only on pages holding one of their literal needles, and case-blind over a text scrape.
_APOS = r"(?:'|’|&#0?39;|&#8217;|&rsquo;|&apos;)"  # no class: a bytes pattern reads ’ whole
_CHATBOT_SOURCE = (
    r"\bas an? ai(?: language)? model\b|\bas a large language model\b|"
    r"\bi cannot (?:fulfill|complete|comply with) (?:this|that|your) request\b|"
    rf"\bi{_APOS}?(?:m| am) sorry,? but i (?:cannot|can{_APOS}?t) (?:fulfill|complete|generate|"
    r"create|provide|write|assist)\b|"
    rf"\bi{_APOS}?(?:m| am) (?:unable|not able) to (?:browse|access) (?:the internet|real-time)\b|"
    r"\bas of my (?:last )?knowledge (?:cutoff|cut-off|update)\b|\bmy knowledge cut-?off\b|"
    r"\bregenerate response\b|\bviolates openai(?:" + _APOS + r"s)? (?:content|use case) polic|"
    r"\bhere is (?:a|the) rewritten (?:version|article)\b|"
    r"\bals (?:ki-sprachmodell|ki-modell)\b|\ben tant que (?:modèle de langage|ia)\b|"
    r"\bcomo (?:un )?modelo de lenguaje\b")
CHATBOT_NEEDLES = ("language model", "fulfill", "complete this", "comply with", "sorry",
                   "browse", "real-time", "knowledge", "regenerate", "openai", "rewritten",
                   "ki-sprachmodell", "ki-modell", "modèle de langage", "modelo de lenguaje")
PLACEHOLDER = re.compile(
    r"%%[a-z_]{3,30}%%|"  # Yoast and Rank Math snippet variables left unfilled
    r"\{\{\s*(?:title|keywords?|city|name|product|brand|site_?name|location|topic|author|"
    r"date|company)\s*\}\}|"
    r"\[(?:INSERT|Insert)\b[^\]\n]{0,60}\]|"
    r"\[(?:Your|YOUR) (?:Name|Company|Brand|Website|Keyword|Product|City|Business)"
    r"[^\]\n]{0,20}\]|"
    r"\[(?:KEYWORD|PRODUCT NAME|COMPANY NAME|BRAND NAME|CITY NAME|TOPIC)\]")
PLACEHOLDER_NEEDLES = (b"%%", b"{{", b"[insert", b"[your ", b"[keyword", b"[product name",
                       b"[company name", b"[brand name", b"[city name", b"[topic")
SPINTAX = re.compile(r"\{[A-Za-z][\w ]{0,25}(?:\|[A-Za-z][\w ]{0,25}){2,}\}")  # {Great|Nice|Cool}


CHATBOT = Scan.of(_CHATBOT_SOURCE, CHATBOT_NEEDLES)
PAGE_OF = Scan.of(_PAGE_OF_SOURCE, ("page ", "slide ", "seite ", "bild ", "foto ", "photo ",
                                    "image ", "diapositive ", "gina "))

# -- authorship ----------------------------------------------------------------------
_AUTHOR_METAS = frozenset({"author", "article:author", "byl", "sailthru.author",
                           "parsely-author"})
_AUTHOR_MARKUP: Any = etree.XPath(
    "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline') or "
    "contains(@class, 'author') or contains(@class, 'autor') or contains(@class, 'auteur')]")
# schema.org's author, and the author keys of analytics data layers ("Autor": "…")
_LD_AUTHOR = re.compile(
    r'"(?:author|autor|auteur|autore|author_?name|authorName)"\s*:\s*(?:\[\s*)?'
    r'(?:\{[^{}]*?"name"\s*:\s*"([^"]{1,120})"|"([^"]{1,120})")', re.I)
# A byline as its own text: `<p><em>Von Gregory Lipinski</em></p>`
_TEXT_BYLINE = re.compile(
    r">\s*(?:By|BY|Von|VON|Par|PAR|Por|POR|Door)\s+[A-ZÀ-Ý][\w'’.-]+"
    r"(?:\s+[A-ZÀ-Ý][\w'’.-]+){1,3}\s*<")
HOUSE_NAMES = frozenset({"admin", "administrator", "editor", "editors", "editorial", "staff",
                         "team", "redaktion", "rédaction", "redacción", "webmaster", "guest",
                         "user", "author", "newsroom", "desk", "content team", "site"})
# A byline is a short line near the top: "By Jane Doe · June 25", "Site By Site Editorial"
_BYLINE = re.compile(
    r"(?:^|[\s·|•])(?:By|BY|Von|VON|Par|PAR|Por|POR|Door)\s+"
    r"([A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){0,3})")
BYLINE_LINES = 25
BYLINE_CHARS = 120

# -- autoplay video ------------------------------------------------------------------
_AUTOPLAY_URL = re.compile(r"[?&](?:autoplay|autostart|auto_play)=(?:1|true)\b", re.I)
_AUTOPLAY_CONFIG = re.compile(
    r"\bauto_?(?:play|start)\b[\"']?\s*[:=]\s*(?:true\b|!0\b|1\b|[\"'](?:true|1|on|viewable)"
    r"[\"'])", re.I)
_VIDEO_MARKUP = re.compile(r"<video\b[^>]{0,400}?\sautoplay\b", re.I)
_PLAYER = re.compile(r"jwplayer|videojs|video|player|vast|\bima\b", re.I)
PLAYER_SPAN = 300  # characters around an autoplay setting read for a player


# -- device-specific slots ------------------------------------------------------------
VIEWPORTS = {"desktop": 1280, "mobile": 375}  # widths a media query is read at
BOTH = frozenset(VIEWPORTS)
_MEDIA_WIDTH = re.compile(r"\(\s*(min|max)-width\s*:\s*(\d+)(?:\.\d+)?px\s*\)", re.I)
_DEVICE_ATTRS = ("type", "device", "devices", "platform", "viewport")
_DEVICES = {"mobile": "mobile", "smartphone": "mobile", "phone": "mobile",
            "desktop": "desktop"}
_DEVICE_CLASSES = {"mobile-only": "mobile", "only-mobile": "mobile", "hide-desktop": "mobile",
                   "desktop-only": "desktop", "only-desktop": "desktop",
                   "hide-mobile": "desktop"}


class Hit(NamedTuple):
    """One piece of evidence: what was seen, and the line it is on (0: the page's URL)."""

    text: str
    line: int


def scorecard(ctx: PageContext, metrics: Metrics, sources: Sources) -> Scorecard:
    """One row per criterion, in `CRITERIA` order; `sources` is the page's provenance
    (what it republishes, and what it credits unconfirmed)."""
    page = ctx.page
    if page is None:
        rows = _text_rows(ctx, metrics, sources)
    else:
        rows = _markup_rows(ctx, page, metrics, sources)
    ads = metrics.ad_slots or metrics.ad_resources or metrics.ad_markup_bytes
    return Scorecard(tuple(rows), "" if ads else NO_ADS)


def _markup_rows(ctx: PageContext, page: ParsedPage, metrics: Metrics, sources: Sources
                 ) -> list[Indicator]:
    ads = outermost_ads(ctx.slots)
    has_ads = bool(ads) or metrics.ad_resources > 0
    shown = {s.xpath: shown_on(page, s.xpath) for s in ads}
    desktop = [s for s in ads if "desktop" in shown[s.xpath]]
    mobile = [s for s in ads if "mobile" in shown[s.xpath]]
    in_body = len(mobile) if ctx.document.in_post_body else _in_text(ctx, page, mobile)
    return [
        ad_to_content(desktop, metrics, len(ads) - len(desktop)),
        ad_density(metrics, len(mobile), len(ads) - len(mobile)),
        ads_in_body(metrics, min(in_body, len(mobile))),
        auto_refresh(_refresh_hits(page, ctx.url) if has_ads else [], has_ads),
        slideshow(_pagination_hits(page, ctx.url)),
        native_widgets([Hit(n.name, _network_line(ctx, n.name)) for n in ctx.networks
                        if "native" in n.formats], "native/recirculation network"),
        paid_traffic(_paid_hits(page, ctx.url, ctx.first_party)),
        templated_text(_scan_hits(page, CHATBOT), _placeholder_hits(page)),
        syndicated(sources),
        authorship(None if ctx.document.in_post_body else _author_hits(page, ctx.first_party),
                   ctx.first_party),
        autoplay(_autoplay_hits(page)),
        paid_traffic_share(),
    ]


def _text_rows(ctx: PageContext, metrics: Metrics, sources: Sources) -> list[Indicator]:
    text = ctx.document.text
    promo = [s for s in ctx.slots if s.kind in PROMOTIONAL]
    lists = [s for s in promo if s.kind in ("recirculation", "sponsored", "affiliate")]
    no_code = "a plain-text scrape keeps no markup or code"
    units = [s for s in promo if s.kind in ("sponsored", "affiliate")]
    return [
        ad_to_content_text(metrics),
        ad_density(metrics, len(units), noun="sponsored or affiliate blocks"),
        ads_in_body(metrics, _inside_text(text, units)),
        _unknowable("auto-refresh", "any ad-refresh timer or meta refresh", ANA, no_code),
        slideshow(_regex_hits(text, PAGE_OF.text, _paginated)),
        native_widgets([Hit(f"{s.kind}: {s.text or ''}", s.line) for s in lists],
                       "promotional list", MIN_RECIRCULATION_BLOCKS),
        paid_traffic(list(_url_hits(ctx.url or "", 0, "page URL"))),
        templated_text(_regex_hits(text, CHATBOT.text),
                       [*_regex_hits(text, PLACEHOLDER), *_regex_hits(text, SPINTAX)]),
        syndicated(sources),
        authorship(_byline_hits(text), ctx.first_party),
        _unknowable("autoplay-video", "any autoplaying video", f"{ANA}; {BETTER_ADS}", no_code),
        paid_traffic_share(),
    ]


# -- the rows ------------------------------------------------------------------------

def outermost_ads(slots: Iterable[Slot]) -> list[Slot]:
    """The placements a reader sees: ad slots not inside another ad slot (a wrapper and
    the unit in it are one ad), and not a slot defined by a script in `<head>` (its
    `<div>` in the body is the placement)."""
    ads = [s for s in slots if s.kind == "ad" and (s.category in AD_CATEGORIES
                                                    or s.category is None)
           and not s.xpath.startswith("/html/head/")]  # a definition in <head> shows nothing
    paths = {s.xpath for s in ads if s.xpath}
    out = []
    for s in ads:
        parts = s.xpath.split("/")
        if not any("/".join(parts[:i]) in paths for i in range(2, len(parts))):
            out.append(s)
    return out


def ad_to_content(ads: Sequence[Slot], m: Metrics, other_device: int = 0) -> Indicator:
    """Ad area against editorial text area: declared sizes (undeclared at 300×250)
    against the text's characters at a desktop column's px² per character. Slots the
    markup does not show on a desktop are left out (`other_device` of them)."""
    threshold = f"≥ {AD_SHARE:.0%} of the page's ad + text area (desktop)"
    skipped = (f"; {other_device} not shown at {VIEWPORTS['desktop']:,} px"
               if other_device else "")
    if not ads:
        return Indicator("ad-to-content", "0% (no desktop ad slots)", threshold, ANA,
                         Basis.ESTIMATED, False, f"0 desktop ad slots{skipped}; "
                         f"{_markup_share(m)}")
    sized = [s for s in ads if s.width and s.height]
    area = sum(s.area for s in sized) + (len(ads) - len(sized)) * DEFAULT_SLOT[0] * DEFAULT_SLOT[1]
    text_area = m.content_chars * TEXT_PX2_PER_CHAR
    share = area / (area + text_area) if area + text_area else 0.0
    unsized = len(ads) - len(sized)
    assumed = f", {unsized} undeclared at 300×250" if unsized else ""
    evidence = (f"{len(ads)} desktop ad slots ≈ {area:,} px² ({len(sized)} with declared sizes"
                f"{assumed}{skipped}); {m.content_chars:,} text characters ≈ {text_area:,} px²; "
                f"{_markup_share(m)}")
    return Indicator("ad-to-content", f"{share:.0%}", threshold, ANA, Basis.ESTIMATED,
                     share >= AD_SHARE, evidence)


def ad_to_content_text(m: Metrics) -> Indicator:
    """A text scrape: promotional text against editorial text, by size."""
    total = m.ad_markup_bytes + m.content_chars
    share = m.ad_markup_bytes / total if total else 0.0
    return Indicator("ad-to-content", f"{share:.0%}",
                     f"≥ {AD_SHARE:.0%} of the page's text is promotional", ANA, Basis.ESTIMATED,
                     share >= AD_SHARE,
                     f"{m.ad_markup_bytes:,} bytes of promotional blocks, "
                     f"{m.content_chars:,} characters of editorial text")


def _markup_share(m: Metrics) -> str:
    total = m.ad_markup_bytes + m.content_chars
    if not total:
        return "no ad markup and no editorial text"
    return (f"ad markup {m.ad_markup_bytes:,} bytes = {m.ad_markup_bytes / total:.0%} of ad "
            "markup + text")


def ad_density(m: Metrics, units: int, other_device: int = 0,
               noun: str = "mobile ad units") -> Indicator:
    """Ad units per 1,000 editorial words: Better Ads' 30% of a mobile page's height,
    converted to units (see UNITS_PER_1000_WORDS). Slots the markup does not show on a
    phone are left out (`other_device` of them)."""
    threshold = (f"≥ {UNITS_PER_1000_WORDS:g} per 1,000 words and ≥ {MIN_UNITS} units "
                 "(≈ Better Ads' 30% of mobile height, at 250 px a unit)")
    if not m.content_words:
        return Indicator("ad-density", f"{units} units, no editorial text", threshold, BETTER_ADS,
                         Basis.MEASURED, units >= MIN_UNITS, "no editorial words to divide by")
    rate = 1000 * units / m.content_words
    body = f", {m.ad_slots_in_body} in the article body" if m.ad_slots_in_body else ""
    skipped = (f" ({other_device} not shown at {VIEWPORTS['mobile']} px)"
               if other_device else "")
    return Indicator("ad-density", f"{rate:.1f} per 1,000 words", threshold, BETTER_ADS,
                     Basis.MEASURED, units >= MIN_UNITS and rate >= UNITS_PER_1000_WORDS,
                     f"{units} {noun}{skipped}{body}; "
                     f"{m.content_words:,} editorial words")


def ads_in_body(m: Metrics, units: int) -> Indicator:
    """Ads interleaved with the article's paragraphs, per 1,000 editorial words."""
    threshold = (f"≥ {IN_TEXT_PER_1000_WORDS:g} per 1,000 words between the article's "
                 f"paragraphs and ≥ {MIN_UNITS} units (twice the ad-ops rule of thumb of "
                 "one in-content ad per 300–400 words)")
    rate = 1000 * units / m.content_words if m.content_words else 0.0
    value = (f"{units} unit{'' if units == 1 else 's'} ({rate:.1f} per 1,000 words)"
             if units else "none")
    return Indicator("ads-in-body", value, threshold, OURS, Basis.MEASURED,
                     units >= MIN_UNITS and rate >= IN_TEXT_PER_1000_WORDS,
                     f"{units} of the page's ad units between the article's paragraphs; "
                     f"{m.content_words:,} editorial words")


def _inside_text(text: str, units: Sequence[Slot]) -> int:
    """Promotional blocks with editorial prose after them: inside the text, not under it."""
    lines = text.splitlines()
    last_prose = max((i for i, line in enumerate(lines, 1) if len(line.strip()) > SHORT),
                     default=0)
    return sum(1 for s in units if s.line < last_prose)


def auto_refresh(hits: Sequence[Hit], has_ads: bool) -> Indicator:
    threshold = ("any timer that re-requests ad slots, ad-refresh setting with an interval, "
                 "or meta refresh of a page with ads")
    if not has_ads:
        return Indicator("auto-refresh", "no ads", threshold, ANA, Basis.MEASURED, False, "")
    return Indicator("auto-refresh", _count(hits, "ad-refresh sign"), threshold, ANA,
                     Basis.MEASURED, bool(hits), _cite(hits))


def slideshow(hits: Sequence[Hit]) -> Indicator:
    return Indicator("slideshow", _count(hits, "pagination sign"),
                     "the article is split over pages or slides (rel=next to its own next "
                     "page, 'page 2 of 9')", ANA, Basis.MEASURED, bool(hits), _cite(hits))


def native_widgets(hits: Sequence[Hit], noun: str, minimum: int = 1) -> Indicator:
    threshold = (f"≥ {minimum} {noun}s" if minimum > 1 else f"any {noun}")
    return Indicator("native-widgets", _count(hits, noun), threshold, OURS, Basis.MEASURED,
                     len(hits) >= minimum, _cite(hits))


def paid_traffic(hits: Sequence[Hit]) -> Indicator:
    return Indicator("paid-traffic-hints", _count(hits, "paid-click parameter"),
                     "any paid click ID or paid campaign parameter in the page's URL, "
                     "canonical or own links", OURS, Basis.MEASURED, bool(hits), _cite(hits))


def templated_text(chatbot: Sequence[Hit], placeholders: Sequence[Hit]) -> Indicator:
    hits = [*chatbot, *placeholders]
    source = NEWSGUARD if chatbot or not placeholders else OURS
    value = ", ".join(x for x in (_count(chatbot, "chatbot phrase") if chatbot else "",
                                  _count(placeholders, "unfilled placeholder")
                                  if placeholders else "") if x) or "none"
    return Indicator("templated-text", value,
                     "any chatbot error phrase (NewsGuard) or unfilled template placeholder "
                     "(ours) in the visible text", source, Basis.MEASURED, bool(hits),
                     _cite(hits))


def syndicated(sources: Sources) -> Indicator:
    """What the page republishes, as provenance found it: an original it names is the
    fact itself (measured); a credit that names none ("Courtesy of Forests News", an
    og:url elsewhere) stands in for a copy provenance could not confirm (estimated)."""
    named, credits = sources.provenance, sources.credits
    hits = [Hit(f"names {p.url or p.host} ({e.kind}: “{_clip(e.text, 60)}”)", e.line)
            for p in named for e in p.evidence[:1]]
    hits += [Hit(f"{e.kind}: “{_clip(e.text, 80)}”", e.line) for e in credits]
    unconfirmed = _count(credits, "unconfirmed credit")
    value = (f"republishes {', '.join(p.domain for p in named)}"
             + (f", and {unconfirmed}" if credits else "") if named else unconfirmed)
    return Indicator("syndicated", value,
                     "the page names an original on another site (canonical, isBasedOn, a "
                     "source link), or credits another publication ('courtesy of', "
                     "'originally appeared on', og:url elsewhere)", ANA,
                     Basis.ESTIMATED if credits and not named else Basis.MEASURED,
                     bool(hits), _cite(hits))


def authorship(hits: Sequence[Hit] | None, first_party: str | None) -> Indicator:
    """No author named anywhere, or only a house account ("admin", "Editorial", the
    site's own name)."""
    threshold = ("no named author (meta, schema.org, byline), or only a house account "
                 "(admin, staff, the site's name)")
    source = f"{NEWSGUARD} (criteria); {OURS}"
    if hits is None:
        return Indicator("authorship", "—", threshold, source, Basis.UNKNOWABLE, None,
                         "a WordPress REST post names its author by user ID; the name is "
                         "not in the post")
    hits = [h._replace(text=n) for h in hits if (n := author_name(h.text))]
    named = [h for h in hits if not house_name(h.text, first_party)]
    value = (f"named: {named[0].text}" if named else
             f"house account only: {hits[0].text}" if hits else "no author")
    return Indicator("authorship", value, threshold, source, Basis.MEASURED, not named,
                     _cite(hits))


def autoplay(hits: Sequence[Hit]) -> Indicator:
    return Indicator("autoplay-video", _count(hits, "autoplay setting"),
                     "any autoplaying video or player set to autoplay", f"{ANA}; {BETTER_ADS}",
                     Basis.MEASURED, bool(hits), _cite(hits))


def paid_traffic_share() -> Indicator:
    return Indicator("paid-traffic-share", "—",
                     "a high share of paid visits (Jounce: twice the internet average)",
                     f"{ANA}; {JOUNCE}", Basis.UNKNOWABLE, None,
                     "needs the site's traffic sources; a saved page cannot show them")


def _unknowable(criterion: str, threshold: str, source: str, why: str) -> Indicator:
    return Indicator(criterion, "—", threshold, source, Basis.UNKNOWABLE, None, why)


def _count(hits: Sequence[object], noun: str, plural: str = "") -> str:
    n = len(hits)
    return f"{n} {noun if n == 1 else plural or noun + 's'}" if n else "none"


def _cite(hits: Sequence[Hit]) -> str:
    shown = [f"line {h.line}: {h.text}" if h.line else h.text for h in hits[:SHOWN]]
    more = f"; and {len(hits) - SHOWN} more" if len(hits) > SHOWN else ""
    return "; ".join(shown) + more


def _clip(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


# -- what each row reads off a page ---------------------------------------------------

def shown_on(page: ParsedPage, xpath: str) -> frozenset[str]:
    """The devices a slot shows on: both, unless its markup says otherwise (a `media`
    query, `kas-type="mobile"`, `data-device="desktop"`, a `mobile-only` class). A
    template that declares a set of slots per device shows one set."""
    found = page.root.xpath(xpath) if xpath else []
    if not found or not isinstance(found[0], etree._Element):
        return BOTH
    el = found[0]
    media = el.get("media")
    if media:
        return frozenset(d for d, width in VIEWPORTS.items() if media_matches(media, width))
    for name, value in el.attrib.items():
        name, value = str(name).lower(), str(value).strip().lower()
        if name.endswith(_DEVICE_ATTRS) and value in _DEVICES:
            return frozenset({_DEVICES[value]})
    for token in (el.get("class") or "").lower().split():
        for marker, device in _DEVICE_CLASSES.items():
            if marker in token:
                return frozenset({device})
    return BOTH


def media_matches(query: str, width: int) -> bool:
    """Whether a media query's width conditions hold at `width` px; features it does not
    know count as met.

    >>> media_matches("(min-width: 768px) and (max-width: 1023px)", 1280)
    False
    >>> media_matches("(max-width: 767px), print", 375)
    True
    """
    for part in query.split(","):
        ok = True
        for feature, px in _MEDIA_WIDTH.findall(part):
            ok &= width >= int(px) if feature == "min" else width <= int(px)
        if ok:
            return True
    return False


def _in_text(ctx: PageContext, page: ParsedPage, ads: Sequence[Slot]) -> int:
    """Ad slots among the article's paragraphs: inside an article body, with a paragraph
    of prose before and after it (the slot, or a wrapper of it, sits between two). A
    theme's `<article>` that also holds the sidebar and the "more stories" block does
    not make those ads part of the text."""
    out = 0
    for s in ads:
        found = page.root.xpath(s.xpath) if s.xpath else []
        if found and isinstance(found[0], etree._Element) and _between_paragraphs(
                found[0], set(ctx.bodies)):
            out += 1
    return out


def _between_paragraphs(el: etree._Element, bodies: set[etree._Element]) -> bool:
    node: etree._Element | None = el
    while node is not None and node not in bodies:
        if _prose_beside(node, before=True) and _prose_beside(node, before=False):
            return True
        node = node.getparent()
    return False


def _prose_beside(el: etree._Element, before: bool) -> bool:
    """A paragraph of prose among the few elements just before (or after) `el`."""
    sibling = el.getprevious() if before else el.getnext()
    for _ in range(NEAR_SIBLINGS):
        if sibling is None:
            return False
        if sibling.tag == "p" and len(" ".join(str(t) for t in sibling.itertext())) >= PROSE:
            return True
        sibling = sibling.getprevious() if before else sibling.getnext()
    return False


def _network_line(ctx: PageContext, name: str) -> int:
    for s in ctx.slots:
        if s.network == name:
            return s.line
    return next((r.line for r in ctx.resources if r.network == name), 0)


def _refresh_hits(page: ParsedPage, url: str | None) -> list[Hit]:
    """Timers whose callback re-requests ad slots, and meta refreshes of the page."""
    out: list[Hit] = []
    if not any(n in page.lowered for n in _REFRESH_NEEDLES):
        return _meta_refresh(page, url)
    for code in page.codes:
        low = code.code.lower()
        if not any(n in low for n in _REFRESH_WORDS):
            continue  # most scripts: no refresh call or setting to look for
        for m in _TIMER.finditer(code.code) if _REFRESH.search(code.code) else ():
            args = _call_args(code.code[m.end(): m.end() + TIMER_SPAN])
            call = _REFRESH.search(args)
            if call is None:
                continue
            found = _DELAY.search(args)
            kind, delay = m.group(1), int(found.group(1)) if found else None
            if kind == "Timeout" and (delay is None or delay < BID_TIMEOUT_MS):
                continue  # a one-off call after a bid time-out is not a refresh
            every = f" every {delay / 1000:g} s" if delay is not None else ""
            out.append(Hit(f"set{kind}(…{call.group().strip()}…){every}",
                           _code_line(code, m.start())))
            break  # one timer a script is evidence enough
        setting = _refresh_setting(code.code, low)
        if setting is not None:
            key, number, pos = setting
            seconds = number / 1000 if number >= 1000 else number
            out.append(Hit(f"{key} = {number} (every {seconds:g} s)", _code_line(code, pos)))
    return out + _meta_refresh(page, url)


def _refresh_setting(code: str, low: str) -> tuple[str, int, int] | None:
    """The first ad-refresh setting with a number: a key naming ads and refresh
    (`refreshAdsInterval`, `ad_refresh_rate`), found from each "refresh" outward (a
    scan of every key would be slow on large scripts)."""
    at = low.find("refresh")
    while at >= 0:
        start, end = at, at + len("refresh")
        while start > 0 and (code[start - 1].isalnum() or code[start - 1] in "_-"):
            start -= 1
        while end < len(code) and (code[end].isalnum() or code[end] in "_-"):
            end += 1
        key = code[start:end]
        value = _SETTING_VALUE.match(code, end)
        if value and _AD_REFRESH_KEY.search(key) and int(value.group(1)):
            return key, int(value.group(1)), start
        at = low.find("refresh", end)
    return None


def _meta_refresh(page: ParsedPage, url: str | None) -> list[Hit]:
    out: list[Hit] = []
    for meta in page.tagged("meta"):
        if (meta.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        found = _META_REFRESH.match(meta.get("content") or "")
        if found and _same_page(found.group(2) or "", url):
            out.append(Hit(f"meta refresh every {found.group(1)} s", line_of(meta)))
    return out


def _code_line(code: ScriptCode, pos: int) -> int:
    """The line of `pos` in a script's text (its text starts on its tag's line); a
    handler or a srcdoc script is cited at its element."""
    return code.line + code.code.count("\n", 0, pos) if code.source == "script" else code.line


def _call_args(span: str) -> str:
    """A call's arguments: `span` (what follows its `(`) up to the parenthesis that
    closes it, or all of `span` when it does not close within it."""
    depth = 1
    for i, c in enumerate(span):
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return span[:i]
    return span


def _same_page(target: str, url: str | None) -> bool:
    """A meta refresh that reloads the page (no target, or the page's own URL)."""
    if not target:
        return True
    if not url:
        return False
    a, b = urlsplit(urljoin(url, target)), urlsplit(url)
    return (a.netloc, a.path.rstrip("/")) == (b.netloc, b.path.rstrip("/"))


def _pagination_hits(page: ParsedPage, url: str | None) -> list[Hit]:
    out: list[Hit] = []
    if b"next" in page.lowered:
        for el in (*page.tagged("link"), *page.tagged("a")):
            if "next" not in (el.get("rel") or "").lower().split():
                continue
            href = el.get("href") or ""
            if url and _next_page_of(urljoin(url, href), url):
                out.append(Hit(f"rel=next to {_clip(href)}", line_of(el)))
                break
    out += _scan_hits(page, PAGE_OF, _paginated)
    return out


def _paginated(m: re.Match[str] | re.Match[bytes]) -> bool:
    n, of = int(m.group(1)), int(m.group(2))
    return 1 <= n <= of and of >= 2


def _next_page_of(target: str, url: str) -> bool:
    """`target` is `url` with a page number added or changed (`/2/`, `?page=2`, `-2`).

    >>> _next_page_of("https://a.example/story/seite-2", "https://a.example/story")
    True
    >>> _next_page_of("https://a.example/story-2.html", "https://a.example/story.html")
    True
    >>> _next_page_of("https://a.example/2026/next-story/", "https://a.example/2026/story/")
    False
    """
    a, b = urlsplit(target), urlsplit(url)
    if a.netloc != b.netloc:
        return False
    pa, pb = a.path.rstrip("/"), b.path.rstrip("/")
    if pa == pb:  # the same path: a page number in the query (?page=2)
        qa, qb = dict(parse_qsl(a.query)), dict(parse_qsl(b.query))
        changed = {k for k in qa.keys() | qb.keys() if qa.get(k) != qb.get(k)}
        return bool(changed & _PAGE_PARAMS) and all(
            qa.get(k, "").isdigit() for k in changed & _PAGE_PARAMS)
    stem_a, stem_b = _EXTENSION.sub("", pa), _EXTENSION.sub("", pb)
    if not stem_a.startswith(stem_b):
        return False
    rest = stem_a[len(stem_b):]  # /2, -2 (of -2.html), /page/2, /seite-2
    return bool(_NUMBERED.search(rest)) and len(rest) <= 12


def _paid_hits(page: ParsedPage, url: str | None, first_party: str | None) -> list[Hit]:
    out = list(_url_hits(url or "", 0, "page URL"))
    declared = b"canonical" in page.lowered or b"og:url" in page.lowered
    for value in _canonicals(page) if declared else ():
        if str(value) != url:  # the page's URL, when it came from the canonical, is cited
            out += _url_hits(str(value), 0, "canonical")
    for href in page.config_parts[2]:
        host = host_of(urljoin(url or "", href)) if url else host_of(href)
        if host and first_party and registrable_domain(host) != first_party:
            continue  # another site's campaign link says nothing of this page's traffic
        if not host and not url:
            continue
        hits = list(_url_hits(href, 0, "own link"))
        if hits:
            pos = page.text.find(href)
            out += [h._replace(line=_line_at(page.text, pos) if pos >= 0 else 0) for h in hits]
    return _unique(out)


def _url_hits(url: str, line: int, where: str) -> Iterator[Hit]:
    query = urlsplit(url.replace("&amp;", "&")).query if "?" in url else ""
    for key, value in parse_qsl(query):
        k, v = key.lower(), value.lower()
        if k in CLICK_IDS:
            yield Hit(f"{where} carries {k} ({CLICK_IDS[k]} click ID)", line)
        elif k == "utm_source" and v in PAID_SOURCES:
            yield Hit(f"{where} carries utm_source={_clip(v, 40)}", line)
        elif k == "utm_medium" and v in PAID_MEDIA:
            yield Hit(f"{where} carries utm_medium={_clip(v, 40)}", line)


def _canonicals(page: ParsedPage) -> list[str]:
    """The page's canonical links and og:url, from its `link` and `meta` views."""
    out = [el.get("href") or "" for el in page.tagged("link")
           if "canonical" in (el.get("rel") or "").lower().split()]
    out += [el.get("content") or "" for el in page.tagged("meta")
            if el.get("property") == "og:url"]
    return [v for v in out if v]


def _unique(hits: Iterable[Hit]) -> list[Hit]:
    seen: dict[str, Hit] = {}
    for h in hits:
        seen.setdefault(h.text, h)
    return list(seen.values())


def _placeholder_hits(page: ParsedPage) -> list[Hit]:
    """Unfilled template variables and spintax in the visible text."""
    hits = _text_hits(page, SPINTAX)
    if any(n in page.lowered for n in PLACEHOLDER_NEEDLES):
        hits = _text_hits(page, PLACEHOLDER) + hits
    return hits


def _text_hits(page: ParsedPage, pattern: re.Pattern[str]) -> list[Hit]:
    """Matches of a case-sensitive pattern in the page's visible text (see `_visible`)."""
    return _visible(page, ((m.group(), m.start()) for m in pattern.finditer(page.text)),
                    lambda pos: _line_at(page.text, pos))


def _scan_hits(page: ParsedPage, pattern: Scan, keep: Any = None,
               skip: frozenset[str] = NOT_TEXT) -> list[Hit]:
    """Matches of a lower-case pattern over the lowered markup, in its visible text."""
    low = page.lowered
    return _visible(page, scan_markup(page, pattern, keep),
                    lambda pos: low.count(b"\n", 0, pos) + 1, skip)


def _visible(page: ParsedPage, found: Iterable[tuple[str, int]], line: Any,
             skip: frozenset[str] = NOT_TEXT) -> list[Hit]:
    """The visible candidates as evidence, a few more than a row shows."""
    out: list[Hit] = []
    for shown in visible(page, found, skip):
        out.append(Hit(f"“{_clip(shown.text, 80)}”", line(shown.pos)))
        if len(out) > SHOWN:
            break
    return _unique(out)


def _regex_hits(text: str, pattern: re.Pattern[str], keep: Any = None) -> list[Hit]:
    return _unique(Hit(f"“{_clip(m.group(), 80)}”", _line_at(text, m.start()))
                   for m in pattern.finditer(text) if keep is None or keep(m))


_BY = re.compile(r"^(?:(?:written|posted|published)\s+)?(?:by|von|par|por|door|di|author|"
                 r"autor|auteur)\b\s*:?\s*", re.I)
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_DATE_TAIL = re.compile(r"\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mär|Mai|"
                        r"Okt|Dez)[a-zä]*\.?\s+)?\d.*$")
_NOT_NAMES = frozenset({"published", "updated", "posted", "veröffentlicht", "aktualisiert",
                        "publié", "publicado", "stand", "am", "on", "le"})
_URL_FILLER = frozenset({"index", "profile", "about", "author", "authors", "autoren", "people"})
_BY_INSIDE = re.compile(r"\S\s+(?:by|von|par|por|door)\s+(\S.*)$", re.I)


def author_name(raw: str) -> str:
    """The name in a byline or author field: "By Jane Doe -" is "Jane Doe"; a profile
    URL is its last path segment; "" when nothing name-like is left.

    >>> author_name("By The Planetary Press -"), author_name("https://www.facebook.com/KuluMedia")
    ('The Planetary Press', 'KuluMedia')
    """
    text = raw.strip()
    if text.startswith(("http://", "https://", "//")):
        parts = [p for p in urlsplit(text).path.split("/")
                 if p and p.split(".")[0].lower() not in _URL_FILLER]
        text = parts[-1].replace("_", " ") if parts else ""
    inner = _BY_INSIDE.search(text)
    if inner:  # "Published 2 months ago on June 12 By Jane Doe"
        text = inner.group(1)
    text = _EDGES.sub("", _DATE_TAIL.sub("", _BY.sub("", _EDGES.sub("", text))))
    first = text.split()[0].lower() if text else ""
    if first in _NOT_NAMES or sum(c.isalpha() for c in text) < 3:
        return ""
    return text


def _letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def house_name(name: str, first_party: str | None) -> bool:
    """A house account, not a person: a generic role ("admin", "News Desk") or the site's
    own name ("Kulu Media" on kulu-media.com).

    >>> house_name("Kulu Media News Desk", None), house_name("Julie Mollins", "cifor.org")
    (True, False)
    >>> house_name("The Planetary Press", "theplanetarypress.com")
    True
    """
    low = " ".join(name.lower().replace("_", " ").split())
    if not low or low in HOUSE_NAMES or low.split()[-1] in HOUSE_NAMES:
        return True
    site = _letters(first_party.split(".")[0]) if first_party else ""
    letters = _letters(low)
    return len(site) >= 4 and (site in letters or (len(letters) >= 4 and letters in site))


def _author_hits(page: ParsedPage, first_party: str | None) -> list[Hit]:
    """Who the page says wrote it: author metas, JSON-LD authors, bylines."""
    out: list[Hit] = []
    lowered = page.lowered
    if b"author" in lowered or b"byl" in lowered:
        for meta in page.tagged("meta"):
            key = (meta.get("name") or meta.get("property") or "").lower()
            value = (meta.get("content") or "").strip()
            if key in _AUTHOR_METAS and value:
                out.append(Hit(_clip(value, 60), 0))
    for text in page.config_parts[0] if b'"aut' in lowered else ():
        low = text.lower()
        at = low.find('"aut')
        while at >= 0 and len(out) <= 2 * SHOWN:
            m = _LD_AUTHOR.match(text, at)  # at each '"aut…': a scan of all would be slow
            name = (m.group(1) or m.group(2) or "") if m else ""
            if name.strip() and not name.startswith(("http", "/")):
                out.append(Hit(_clip(name, 60), 0))
            at = low.find('"aut', at + 4)
    out += _text_hits(page, _TEXT_BYLINE)
    if any(author_name(h.text) and not house_name(author_name(h.text), first_party)
           for h in out):
        return _unique(out)  # a person is named: no need to walk the tree for bylines
    values = page.values.lower()
    if any(w in values for w in ("author", "byline", "autor", "auteur")):
        for el in elements(_AUTHOR_MARKUP(page.root)):
            if "comment" in (el.get("class") or "").lower() or inside(el):
                continue
            name = _clip(" ".join(str(t) for t in el.itertext()), 60)
            if name:
                out.append(Hit(name, line_of(el)))
            if len(out) > 2 * SHOWN:
                break
    return _unique(out)


def _byline_hits(text: str) -> list[Hit]:
    out = []
    for i, line in enumerate(text.splitlines()[:BYLINE_LINES], 1):
        m = _BYLINE.search(line) if len(line) <= BYLINE_CHARS else None
        if m:
            out.append(Hit(_clip(m.group(1), 60), i))
    return _unique(out)


def _autoplay_hits(page: ParsedPage) -> list[Hit]:
    out: list[Hit] = []
    for video in page.tagged("video"):
        if video.get("autoplay") is not None:
            sound = ("muted" if video.get("muted") is not None
                     else "with sound unless a script mutes it")
            out.append(Hit(f"<video autoplay> ({sound})", line_of(video)))
    for frame in page.tagged("iframe"):
        src = frame.get("src") or frame.get("data-src") or ""
        if _AUTOPLAY_URL.search(src):
            out.append(Hit(f"iframe {_clip(src, 80)}", line_of(frame)))
    if b"autoplay" not in page.lowered and b"autostart" not in page.lowered:
        return _unique(out)
    for code in page.codes:
        if "auto" not in code.code.lower():
            continue
        built = _VIDEO_MARKUP.search(code.code)
        if built:  # a <video autoplay> a script writes into the page
            out.append(Hit(f"script writes {_clip(built.group(), 60)}",
                           _code_line(code, built.start())))
        for m in _AUTOPLAY_CONFIG.finditer(code.code):
            near = code.code[max(0, m.start() - PLAYER_SPAN): m.end() + PLAYER_SPAN]
            if _PLAYER.search(near):
                out.append(Hit(f"player setting {_clip(m.group(), 40)}",
                               _code_line(code, m.start())))
                break
    return _unique(out)
