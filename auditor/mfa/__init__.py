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

The rows are read by one module per kind of sign: `adload` (ad space, screens, ads in
the text), `code` (refresh timers, autoplay), `scans` (pagination, paid-click traces,
templated text), `authorship`; `evidence` says how a row cites what it saw. What the page
republishes or credits is provenance's to find (`auditor.provenance`, the one home of
credit patterns): the syndicated row reads its `Sources`. Each reads the page's shared
views (`ParsedPage`); their XPaths run only when a cheap test on the page's markup or
attribute values says they can find something.
"""

from __future__ import annotations

from auditor.dom.page import ParsedPage
from auditor.heuristics.interface import PageContext
from auditor.heuristics.text_blocks import PROMOTIONAL
from auditor.lazy_re import lazy_regex
from auditor.mfa.adload import (
    MIN_RECIRCULATION_BLOCKS,
    ad_density,
    ad_to_content,
    ad_to_content_text,
    ads_in_body,
    in_text,
    inside_text,
    native_widgets,
    network_line,
    outermost_ads,
    shown_on,
)
from auditor.mfa.authorship import (
    LD_NEEDLES,
    META_NEEDLES,
    Outlets,
    author_hits,
    authorship,
    byline_hits,
)
from auditor.mfa.code import (
    AUTOPLAY_NEEDLES,
    IFRAME_NEEDLES,
    REFRESH_NEEDLES,
    VIDEO_NEEDLES,
    auto_refresh,
    autoplay,
    autoplay_hits,
    refresh_hits,
)
from auditor.mfa.evidence import (
    ANA,
    BETTER_ADS,
    JOUNCE,
    Hit,
    cite,
    clip,
    count,
    regex_hits,
    scan_hits,
    unknowable,
)
from auditor.mfa.scans import (
    CANONICAL_NEEDLES,
    CHATBOT,
    PAGE_OF,
    PAGE_REL_NEEDLES,
    PLACEHOLDER,
    PLACEHOLDER_NEEDLES,
    SPINTAX,
    one_page_view,
    paged_in_words,
    pagination_hits,
    paid_hits,
    paid_traffic,
    placeholder_hits,
    slideshow,
    templated_text,
    url_hits,
)
from auditor.model import NO_ADS, Basis, Indicator, Metrics, Scorecard
from auditor.provenance import Sources, proxy_copy
from auditor.urls import split_url

__all__ = ["CRITERIA", "NO_ADS", "scorecard"]

# HUMAN flags a site on three lesser MFA indicators, per the summary of its public
# definition (unverified): summaries make a page with ads meeting that many stand out
HUMAN_LESSER = 3
CRITERIA = ("ad-to-content", "ad-density", "ads-in-body", "auto-refresh", "slideshow",
            "native-widgets", "paid-traffic-hints", "templated-text", "syndicated", "authorship",
            "autoplay-video", "paid-traffic-share")
# Every literal a row looks for in the lowered markup: found in one pass per page, which
# then answers each row's own set (`ParsedPage.holding`)
NEEDLES = (*PAGE_OF.needles, *CHATBOT.needles, *PLACEHOLDER_NEEDLES, *REFRESH_NEEDLES,
           *AUTOPLAY_NEEDLES, *VIDEO_NEEDLES, *IFRAME_NEEDLES, *PAGE_REL_NEEDLES,
           *CANONICAL_NEEDLES, *META_NEEDLES, *LD_NEEDLES)


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
    page.holding(NEEDLES)
    ads = outermost_ads(ctx.slots)
    has_ads = bool(ads) or metrics.ad_resources > 0
    shown = {s.xpath: shown_on(page, s.xpath) for s in ads}
    desktop = [s for s in ads if "desktop" in shown[s.xpath]]
    mobile = [s for s in ads if "mobile" in shown[s.xpath]]
    in_body = len(mobile) if ctx.document.in_post_body else in_text(ctx, page, mobile)
    article = article_page(ctx, page)
    return [
        ad_to_content(desktop, metrics, len(ads) - len(desktop)),
        ad_density(metrics, len(mobile), len(ads) - len(mobile)),
        ads_in_body(metrics, min(in_body, len(mobile))),
        auto_refresh(refresh_hits(page, ctx.url) if has_ads else [], has_ads),
        slideshow(paged := pagination_hits(page, ctx.url, article), article,
                  one_page_view(page, ctx.url) if paged else None, metrics.content_words),
        native_widgets(sorted((Hit(n.name, network_line(ctx, n.name)) for n in ctx.networks
                               if "native" in n.formats), key=lambda hit: hit.line),
                       "native/recirculation network"),
        paid_traffic(paid_hits(page, ctx.url, ctx.first_party)),
        templated_text(scan_hits(page, CHATBOT), placeholder_hits(page)),
        syndicated(sources),
        # no byline looked for on a site's page (/about), which the row does not judge
        authorship(None if ctx.document.in_post_body
                   else author_hits(page, ctx.first_party) if article else [],
                   ctx.first_party, article, Outlets(page, ctx.first_party)),
        autoplay(autoplay_hits(page)),
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
        ads_in_body(metrics, inside_text(text, units)),
        unknowable("auto-refresh", "any ad-refresh timer or meta refresh", ANA, no_code),
        slideshow(regex_hits(text, PAGE_OF.text, paged_in_words), words=metrics.content_words),
        native_widgets([Hit(f"{s.kind}: {s.text or ''}", s.line) for s in lists],
                       "promotional list", MIN_RECIRCULATION_BLOCKS),
        paid_traffic(list(url_hits(ctx.url or "", 0, "page URL"))),
        templated_text(regex_hits(text, CHATBOT.text),
                       [*regex_hits(text, PLACEHOLDER), *regex_hits(text, SPINTAX)]),
        syndicated(sources),
        authorship(byline_hits(text), ctx.first_party),
        unknowable("autoplay-video", "any autoplaying video", f"{ANA}; {BETTER_ADS}", no_code),
        paid_traffic_share(),
    ]


_LD_ARTICLE = lazy_regex(r'"@type"\s*:\s*(?:\[[^\]]*?)?"(?:News|Blog|Scholarly|Report|Tech)?'
                         r'(?:Article|Posting|BlogPosting)"')


def article_page(ctx: PageContext, page: ParsedPage) -> bool:
    """An article's page: og:type article, a JSON-LD Article (NewsArticle, BlogPosting),
    a post body, `itemprop=articleBody`, one `<article>` alone (a home page lists
    many), or, with no `<article>`, one theme body (`post-body`, `entry-content`); none
    at a site page's URL (`/about`: WordPress' SEO plugins give every page og:type
    article). Home, about and company pages are not: rows about an article skip them."""
    if ctx.document.in_post_body:
        return True
    if site_page(ctx.url):
        return False  # a CMS wraps every page in <article> (Drupal's about page too)
    if any((m.get("property") or m.get("name") or "").lower() == "og:type"
           and (m.get("content") or "").strip().lower().startswith("article")
           for m in page.tagged("meta")):
        return True
    if any(_LD_ARTICLE.search(text) for text in page.config_parts[0] if '"@type"' in text):
        return True
    if any(b.get("itemprop") == "articleBody" for b in ctx.bodies):
        return True
    articles = page.tagged("article")
    if articles:
        return len(articles) == 1
    bodies = set(ctx.bodies)  # a theme's post body (Blogger's post-body): one, not a list
    return sum(1 for b in ctx.bodies if not any(a in bodies for a in b.iterancestors())) == 1


# The slugs of a site's own pages: about, imprint, contact, privacy, team (de, en, fr)
_SITE_PAGES = frozenset({"about", "about-us", "aboutus", "ueber-uns", "uber-uns", "über-uns",
                         "impressum", "imprint", "kontakt", "contact", "contact-us", "team",
                         "datenschutz", "privacy", "privacy-policy", "legal", "terms", "agb",
                         "a-propos", "qui-sommes-nous", "mentions-legales"})


def site_page(url: str | None) -> bool:
    """The page's URL names one of the site's own pages (`/about`, `/impressum`): what
    only an `<article>` wrapper makes look like an article is not one.

    >>> site_page("https://www.fairkom.eu/about"), site_page("https://x.example/about-a-war/")
    (True, False)
    """
    split = split_url(url) if url else None
    segments = [s for s in (split.path if split else "").split("/") if s]
    return bool(segments) and segments[-1].rsplit(".", 1)[0].lower() in _SITE_PAGES


def syndicated(sources: Sources) -> Indicator:
    """What the page republishes, as provenance found it: an original it names is the
    fact itself (measured); a credit that names none ("Courtesy of Forests News", an
    og:url elsewhere) stands in for a copy provenance could not confirm (estimated). A
    Translate or Google cache copy is scored as the original page it is (as its findings
    are), not as a site syndicating it."""
    named = tuple(p for p in sources.provenance if not proxy_copy(p))
    credits = sources.credits
    hits = [Hit(f"names {p.url or p.host} ({e.kind}: “{clip(e.text, 60)}”)", e.line)
            for p in named for e in p.evidence[:1]]
    hits += [Hit(f"{e.kind}: “{clip(e.text, 80)}”", e.line) for e in credits]
    unconfirmed = count(credits, "unconfirmed credit")
    value = (f"republishes {', '.join(p.domain for p in named)}"
             + (f", and {unconfirmed}" if credits else "") if named else unconfirmed)
    return Indicator("syndicated", value,
                     "the page names an original on another site (canonical, isBasedOn, a "
                     "source link), or credits another publication ('courtesy of', "
                     "'originally appeared on', og:url elsewhere)", ANA,
                     Basis.ESTIMATED if credits and not named else Basis.MEASURED,
                     bool(hits), cite(hits))


def paid_traffic_share() -> Indicator:
    return Indicator("paid-traffic-share", "—",
                     "a high share of paid visits (Jounce: twice the internet average)",
                     f"{ANA}; {JOUNCE}", Basis.UNKNOWABLE, None,
                     "needs the site's traffic sources; a saved page cannot show them")
