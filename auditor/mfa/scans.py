"""What the page's text and links say: an article split over pages (ANA's click-through
slideshows), traces of paid clicks in its own URLs, and text a template or a chatbot
left behind (NewsGuard's content-farm errors). Phrases are read in visible text only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from urllib.parse import parse_qsl, unquote

from lxml import etree

from auditor.dom.page import ParsedPage
from auditor.dom.parser import line_at
from auditor.dom.textscan import Scan
from auditor.lazy_re import lazy_regex
from auditor.mfa.evidence import (
    ANA,
    NEWSGUARD,
    OURS,
    PY_SPACE,
    Hit,
    cite,
    clip,
    count,
    gate,
    scan_hits,
    text_hits,
    unique,
)
from auditor.model import Basis, Indicator
from auditor.urls import host_of, site_of, split_url

# -- slideshows and forced pagination ------------------------------------------------
_PAGE_OF_SOURCE = (r"\b(?:page|slide|seite|bild|foto|photo|image|diapositive|p(?:á|a)gina)"
                   r"\s+(\d{1,3})\s*(?:of|von|sur|de|di|/)\s*(\d{1,3})\b")
# A page's number at the end of its path (its extension and last `/` taken off): `/2`,
# `-2` (of `-2.html`), `/page/2`, `/seite-2`, `/slide2`; the one reading of a page number,
# for another page of the article (`_paged`) and for the article a one-page view is of
_PAGE_SUFFIX = lazy_regex(r"(?:[/_-](?:page|seite|slide|p|pg)?[/=_-]?)(\d{1,3})$", re.I)
_EXTENSION = lazy_regex(r"\.[A-Za-z]{2,5}$")
PAGE_REL_NEEDLES = (b"next", b"prev")  # what a rel=next, prev or previous holds
_PAGE_PARAMS = frozenset({"page", "p", "pg", "seite", "paged", "slide", "pagenum"})
# -- paid traffic: click IDs and campaign parameters of paid sources ----------------
# Not fbclid: Facebook adds it to every outbound click, paid or organic
CLICK_IDS = {"tblci": "Taboola", "obclid": "Outbrain", "gclid": "Google Ads",
             "gbraid": "Google Ads", "wbraid": "Google Ads", "dclid": "Google Ads",
             "msclkid": "Microsoft Ads", "ttclid": "TikTok Ads", "twclid": "X Ads",
             "li_fat_id": "LinkedIn Ads", "mgclida": "MGID"}
PAID_SOURCES = frozenset({"taboola", "outbrain", "mgid", "revcontent", "zergnet", "yahoo_gemini",
                          "gemini", "facebook_ads", "fb_ads", "tiktok_ads", "newsbreak"})
_PAID_KEYS = (*CLICK_IDS, "utm_source", "utm_medium")
PAID_MEDIA = frozenset({"cpc", "ppc", "paid", "cpm", "cpa", "paidsocial", "paid_social",
                        "paid-social", "native", "paid_native", "sem", "display_paid"})

CANONICAL_NEEDLES = (b"canonical", b"og:url")

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
_PLACEHOLDER_SOURCE = (
    r"%%[a-z_]{3,30}%%|"  # Yoast and Rank Math snippet variables left unfilled
    r"\{\{\s*(?:title|keywords?|city|name|product|brand|site_?name|location|topic|author|"
    r"date|company)\s*\}\}|"
    r"\[(?:INSERT|Insert)\b[^\]\n]{0,60}\]|"
    r"\[(?:Your|YOUR) (?:Name|Company|Brand|Website|Keyword|Product|City|Business)"
    r"[^\]\n]{0,20}\]|"
    r"\[(?:KEYWORD|PRODUCT NAME|COMPANY NAME|BRAND NAME|CITY NAME|TOPIC)\]")
PLACEHOLDER = lazy_regex(_PLACEHOLDER_SOURCE)
# The placeholders' openings (a bracket's contents may hold what RE2 cannot read: a lone
# surrogate); RE2's \b after "INSERT" holds wherever Python's does
_PLACEHOLDER_GATE = gate(
    r"%%[a-z_]{3,30}%%|"
    r"\{\{" + PY_SPACE + r"*(?:title|keywords?|city|name|product|brand|site_?name|location|"
    r"topic|author|date|company)" + PY_SPACE + r"*\}\}|"
    r"\[(?:INSERT|Insert)\b|\[(?:Your|YOUR) (?:Name|Company|Brand|Website|Keyword|Product|"
    r"City|Business)|"
    r"\[(?:KEYWORD|PRODUCT NAME|COMPANY NAME|BRAND NAME|CITY NAME|TOPIC)\]")
PLACEHOLDER_NEEDLES = (b"%%", b"{{", b"[insert", b"[your ", b"[keyword", b"[product name",
                       b"[company name", b"[brand name", b"[city name", b"[topic")
SPINTAX = lazy_regex(r"\{[A-Za-z][\w ]{0,25}(?:\|[A-Za-z][\w ]{0,25}){2,}\}")  # {Great|Nice|Cool}
# `[^|}]` holds every character of `[\w ]`
_SPINTAX_GATE = gate(r"\{[A-Za-z][^|}]{0,25}(?:\|[A-Za-z][^|}]{0,25}){2,}\}")
CHATBOT = Scan.of(_CHATBOT_SOURCE, CHATBOT_NEEDLES)
PAGE_OF = Scan.of(_PAGE_OF_SOURCE, ("page ", "slide ", "seite ", "bild ", "foto ", "photo ",
                                    "image ", "diapositive ", "gina "))


SLIDESHOW_RULE = ("an article page split over pages or slides (rel=next or rel=prev to "
                  "another page of its own slug, 'page 2 of 9'; 'Foto 1/5' only with such "
                  "a link), thin on each page (under 500 editorial words), with no link to "
                  "a one-page view")
# A slide shows a picture and a caption, its intro at most; a long read's page holds an
# article's length of prose (news stories run 500 words and up). A split of pages that
# full is an article in parts, which ANA's "click-through slideshows" do not name
THIN_PAGE_WORDS = 500


# A link to the whole article on one page: zeit.de's "Auf einer Seite lesen"
# (/komplettansicht), faz.net's "Artikel auf einer Seite lesen" (?printPagedArticle=true).
# Pages a reader may skip are no slideshow "forcing visitors to click through" (ANA).
_ONE_PAGE_TEXT = lazy_regex(r"\b(?:auf einer seite|read (?:it )?on (?:one|a single) page|"
                            r"(?:view|read|show) (?:as )?(?:a )?single page|"
                            r"(?:view|show) all pages|alle seiten|sur une (?:seule )?page|"
                            r"en una (?:sola )?página|komplettansicht)", re.I)
_ONE_PAGE_HREF = lazy_regex(r"/komplettansicht\b|[?&]printPagedArticle=true|[?&](?:single|"
                            r"singlepage)=(?:1|true|all)\b|[?&]view=(?:all|single)\b", re.I)
# the one-page view's own path under the article's (zeit.de's /komplettansicht, a
# gallery's /all/ or /view-all/)
_ONE_PAGE_SUFFIX = lazy_regex(r"/(?:komplettansicht|all|view-?all|single(?:-?page)?)$", re.I)


def slideshow(hits: Sequence[Hit], article: bool = True, whole: Hit | None = None,
              words: int = 0) -> Indicator:
    """`whole` is the page's link to the article on one page: a split a reader may
    skip is cited, not met; so is one whose page holds `words` of prose, a long read
    in parts (`THIN_PAGE_WORDS`)."""
    if not article:
        return Indicator("slideshow", "not an article page", SLIDESHOW_RULE, ANA,
                         Basis.MEASURED, False, "a home page's or listing's pages are not "
                         "a split article")
    if hits and whole is not None:
        return Indicator("slideshow", f"{count(hits, 'pagination sign')}, with a one-page "
                         "view", SLIDESHOW_RULE, ANA, Basis.MEASURED, False,
                         cite([*hits, whole]))
    if hits and words >= THIN_PAGE_WORDS:
        return Indicator("slideshow", f"{count(hits, 'pagination sign')}, {words:,} editorial "
                         "words on the page (an article in parts)", SLIDESHOW_RULE, ANA,
                         Basis.MEASURED, False, cite(hits))
    return Indicator("slideshow", count(hits, "pagination sign"), SLIDESHOW_RULE, ANA,
                     Basis.MEASURED, bool(hits), cite(hits))


def one_page_view(page: ParsedPage, url: str | None = None) -> Hit | None:
    """The page's link to its whole article on one page ("Auf einer Seite lesen",
    `/komplettansicht`, `?printPagedArticle=true`), if it has one: a link to this
    article (`_same_article`), not a sidebar's to another story's or a sitemap's."""
    for a in page.tagged("a"):
        href = a.get("href") or ""
        text = " ".join(" ".join(str(t) for t in a.itertext()).split())
        if ((_ONE_PAGE_HREF.search(href) or (len(text) <= 60 and _ONE_PAGE_TEXT.search(text)))
                and (url is None or _same_article(href, url))):
            return Hit(f"one-page view: {clip(text or href, 60)}", page.start_line(a))
    return None


def _same_article(target: str, url: str) -> bool:
    """`target` (resolved against `url`) is the article `url` is a page of: the same
    path, or the path `url` extends with a page number (`/seite-2`), either with
    `/komplettansicht` added.

    >>> _same_article("/long-story/komplettansicht", "https://a.example/long-story/seite-2")
    True
    >>> _same_article("?printPagedArticle=true", "https://a.example/long-story.html")
    True
    >>> _same_article("/other-story/?view=all", "https://a.example/long-story/2/")
    False
    >>> _same_article("/sitemap/", "https://a.example/long-story/2/")
    False
    >>> _same_article("https://www.a.example/long-story/all/", "https://a.example/long-story/3/")
    True
    >>> _same_article("/gallery-of-ferries/all/", "https://a.example/gallery-of-ferries/slide2")
    True
    >>> _same_article("/long-story/all/", "https://a.example/long-story/extra/2")
    False
    """
    a, b = split_url(target, url), split_url(url)
    if a is None or b is None or _www(a.netloc) != _www(b.netloc):
        return False  # (a site's links name www. or not, as it fetched the page)
    stem_a = _stem(_ONE_PAGE_SUFFIX.sub("", a.path.rstrip("/")))
    if stem_a == _stem(b.path):
        return True
    path_b, n_b = _paged(b.path, "")  # the page number its path carries
    return n_b is not None and path_b == stem_a and _article_slug(stem_a)


def _stem(path: str) -> str:
    """A page's path as its article's: no trailing slash, no file extension."""
    return _EXTENSION.sub("", path.rstrip("/"))


def _www(netloc: str) -> str:
    return netloc.lower().removeprefix("www.")


def paid_traffic(hits: Sequence[Hit]) -> Indicator:
    return Indicator("paid-traffic-hints", count(hits, "paid-click parameter"),
                     "any paid click ID or paid campaign parameter in the page's URL, "
                     "canonical or own links", OURS, Basis.MEASURED, bool(hits), cite(hits))


def templated_text(chatbot: Sequence[Hit], placeholders: Sequence[Hit]) -> Indicator:
    hits = [*chatbot, *placeholders]
    source = NEWSGUARD if chatbot or not placeholders else OURS
    value = ", ".join(x for x in (count(chatbot, "chatbot phrase") if chatbot else "",
                                  count(placeholders, "unfilled placeholder")
                                  if placeholders else "") if x) or "none"
    return Indicator("templated-text", value,
                     "any chatbot error phrase (NewsGuard) or unfilled template placeholder "
                     "(ours) in the visible text", source, Basis.MEASURED, bool(hits),
                     cite(hits))


_PAGE_RELS = ("next", "prev", "previous")  # page 1 links on, page 2 and after back too


def pagination_hits(page: ParsedPage, url: str | None, article: bool = True) -> list[Hit]:
    """The article's own next or previous page, and "page 2 of 9" in its text ("Foto
    1/5", a gallery's caption, only beside such a link); none off article pages."""
    out: list[Hit] = []
    if not article:
        return out
    if url and page.holding(PAGE_REL_NEEDLES):
        # the page's <link> and <a> views, which other stages built: an XPath over every
        # rel attribute walked the whole tree again
        for el in (*page.tagged("link"), *page.tagged("a")):
            rels = el.get("rel")
            if not rels:  # most links: no rel to split
                continue
            rel = next((r for r in rels.lower().split() if r in _PAGE_RELS), None)
            href = el.get("href") or ""
            # an <a>, or a <link> titled as WordPress' wp_head titles the adjacent posts
            # (<link rel='prev' title='Ferry Roundup #41' href=…>), names what it leads to
            named = el.tag == "a" or el.get("title") is not None
            if rel is not None and _other_page_of(href, url) and (
                    not named or not _bare_numbered(href, url) or _pager_link(el)):
                out.append(Hit(f"rel={rel} to {clip(href)}", page.start_line(el)))
                break
    out += scan_hits(page, PAGE_OF, paginated if out else paged_in_words)
    return out


def paginated(m: re.Match[str] | re.Match[bytes]) -> bool:
    n, of = int(m.group(1)), int(m.group(2))
    return 1 <= n <= of and of >= 2


# "Page 2 of 9", "Seite 2 von 5": a page or slide word and a worded "of" (not "Foto 1/5",
# a gallery's caption)
_PAGE_IN_WORDS = lazy_regex(r"^(?:page|slide|seite|diapositive|p(?:á|a)gina)\s+\d{1,3}\s*"
                            r"(?:of|von|sur|de|di)\b", re.I)


def paged_in_words(m: re.Match[str] | re.Match[bytes]) -> bool:
    text = m.group(0)
    shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return paginated(m) and bool(_PAGE_IN_WORDS.match(shown))


# Path segments of listings, whose ?page=2 or /page/2/ pages a list, not an article
_LISTING = frozenset({"category", "categories", "tag", "tags", "topic", "topics", "author",
                      "page", "archive", "archives", "search", "kategorie", "thema",
                      "rubrik", "section", "sections"})


def _article_slug(path: str) -> bool:
    """A path ending in an article's slug: a few words or a long name, under no listing.

    >>> _article_slug("/2026/ferry-terminal-library"), _article_slug("/category/tech-news")
    (True, False)
    >>> _article_slug(""), _article_slug("/news"), _article_slug("/blog")
    (False, False, False)
    """
    parts = [p for p in path.split("/") if p]
    if not parts or any(p.lower() in _LISTING for p in parts):
        return False
    last = _EXTENSION.sub("", parts[-1])
    return len(re.split(r"[-_]+", last)) >= 2 or len(last) >= 12


# WordPress' comment pages (`/comment-page-2/`, `?cpage=2`): the article's comments,
# one article page
_COMMENT_PAGE = lazy_regex(r"/comment-page-\d|[?&]cpage=\d", re.I)


def _paged(path: str, query: str) -> tuple[str, int | None]:
    """The article's path without the page's number, and that number (None on a page
    that shows none: the first). The query's other keys are not the article's (a
    campaign's `utm_source` on the page's URL, not on its links)."""
    stem = _stem(path)
    numbered = [v for k, v in parse_qsl(query) if k.lower() in _PAGE_PARAMS and v.isdigit()]
    if numbered:
        return stem, int(numbered[0])
    m = _PAGE_SUFFIX.search(stem)
    if m:
        return stem[:m.start()], int(m.group(1))
    return stem, None


# A link's words that page through one article: "Next", "Back", "Weiter »", "Next slide", "3", an
# arrow or an icon with no words; a blog's post navigation shows the other post's title
_PAGER_TEXT = lazy_regex(
    r"^[\W\d_]*(?:(?:next|prev|previous|back|forward|more|continue|page|slide|photo|image|picture|"
    r"weiter|nächste|vorherige|zurück|seite|bild|foto|suivant|suivante|précédent|"
    r"précédente|diapositive|siguiente|anterior|página|próxima|próximo|successivo|"
    r"successiva|precedente|pagina|volgende|vorige)\b[\W\d_]*)*$", re.I)


def _pager_link(el: etree._Element) -> bool:
    """`el`'s words (its title's, for an icon) are a pager's, not another post's title."""
    text = " ".join(" ".join(str(t) for t in el.itertext()).split())[:80]
    return bool(_PAGER_TEXT.match(text or el.get("title") or el.get("aria-label") or ""))


def _bare_numbered(target: str, url: str) -> bool:
    """`target` and `url` may be two posts, not two pages of one: one of them ends its
    slug in a bare number (`-2`, `_3`), as a series' posts do (`/weekly-roundup-42/`,
    `/garden-diary-day-12/`) and a post WordPress numbered for sharing an earlier one's
    title (`/weekly-roundup-2/`); or both end in a bare number segment, as a site's posts
    by ID do (`/local-news/123` to `/local-news/124`). A blog's previous and next posts,
    unless a pager's words lead there.

    >>> _bare_numbered("/weekly-roundup-43/", "https://a.example/weekly-roundup-42/")
    True
    >>> _bare_numbered("/local-news/124", "https://a.example/local-news/123")
    True
    >>> _bare_numbered("/long-story/2/", "https://a.example/long-story/")
    False
    >>> _bare_numbered("/long-story/seite-3", "https://a.example/long-story/seite-2")
    False
    """
    segments = 0
    for u in (split_url(target, url), split_url(url)):
        m = _PAGE_SUFFIX.search(_stem(u.path)) if u else None
        bare = m is not None and not any(c.isalpha() for c in m.group(0))
        if bare and m is not None and m.group(0)[0] in "-_":
            return True
        segments += bare
    return segments == 2


def _other_page_of(target: str, url: str) -> bool:
    """`target` (resolved against `url`) is another page of the article `url` is a
    page of: its path and query but for the page's number (`/2/`, `?page=2`,
    `?slide=3`, `-2`), one of them numbered.

    Its path must end in an article's slug: a home page's `/page/2/`, a category's
    `?page=2` are a listing's next page; and a comment page is the article's comments.

    >>> _other_page_of("https://a.example/long-story/seite-2", "https://a.example/long-story")
    True
    >>> _other_page_of("https://a.example/long-story-2.html", "https://a.example/long-story.html")
    True
    >>> _other_page_of("/long-story/3/", "https://a.example/long-story/2/")
    True
    >>> _other_page_of("/long-story/", "https://a.example/long-story/2/")  # rel=prev
    True
    >>> _other_page_of("?slide=3", "https://a.example/gallery-of-ferries?slide=2")
    True
    >>> _other_page_of("/long-story/2/", "https://a.example/long-story/?utm_source=mgid")
    True
    >>> _other_page_of("https://a.example/2026/next-story/", "https://a.example/2026/a-story/")
    False
    >>> _other_page_of("https://a.example/page/2/", "https://a.example/")
    False
    >>> _other_page_of("/long-story/comment-page-2/#comments", "https://a.example/long-story/")
    False
    """
    a, b = split_url(target, url), split_url(url)
    if (a is None or b is None or a.netloc != b.netloc
            or _COMMENT_PAGE.search(f"{a.path}?{a.query}")):
        return False
    path_a, n_a = _paged(a.path, a.query)
    path_b, n_b = _paged(b.path, b.query)
    return path_a == path_b and n_a != n_b and _article_slug(path_b)


def paid_hits(page: ParsedPage, url: str | None, first_party: str | None) -> list[Hit]:
    out = list(url_hits(url or "", 0, "page URL"))
    declared = bool(page.holding(CANONICAL_NEEDLES))
    for value in _canonicals(page) if declared else ():
        if str(value) != url:  # the page's URL, when it came from the canonical, is cited
            out += url_hits(str(value), 0, "canonical")
    cited = {h.text for h in out}  # unique() keeps a text's first hit: later ones go
    for href in page.config_parts[2]:
        hits = list(url_hits(href, 0, "own link"))
        if not hits:
            continue  # most links: read before resolving their host, which costs more
        host = host_of(href, url)
        if host and first_party and site_of(host) != first_party:
            continue  # another site's campaign link says nothing of this page's traffic
        if host or url:
            fresh = [h for h in hits if h.text not in cited]
            if not fresh:
                continue  # cited from an earlier link: its line is not looked for again
            pos = page.text.find(href)  # from the top: a few times a page, not per link
            out += [h._replace(line=line_at(page.text, pos) if pos >= 0 else 0) for h in fresh]
            cited.update(h.text for h in fresh)
    return unique(out)


def url_hits(url: str, line: int, where: str) -> Iterator[Hit]:
    spelled = _spelled(url)
    if not any(key in spelled for key in _PAID_KEYS):
        return  # no key it reads: most links, which are not split and parsed
    parts = split_url(url.replace("&amp;", "&")) if "?" in url else None
    query = parts.query if parts is not None else ""
    for key, value in parse_qsl(query):
        k, v = key.lower(), value.lower()
        if k in CLICK_IDS:
            yield Hit(f"{where} carries {k} ({CLICK_IDS[k]} click ID)", line)
        elif k == "utm_source" and v in PAID_SOURCES:
            yield Hit(f"{where} carries utm_source={clip(v, 40)}", line)
        elif k == "utm_medium" and v in PAID_MEDIA:
            yield Hit(f"{where} carries utm_medium={clip(v, 40)}", line)


_URL_DROPS = str.maketrans("", "", "\t\r\n")  # what urlsplit removes before splitting


def _spelled(url: str) -> str:
    """The URL lowered as `url_hits` matches its keys: an escaped one unquoted, as
    parse_qsl unquotes a key (so a URL with a `%` is no longer parsed whole just in case:
    a third of the links with a query).

    >>> _spelled("https://a.example/?%67clid=1&x=%E2%9C%93"), _spelled("/?GCLID=1")
    ('https://a.example/?gclid=1&x=✓', '/?gclid=1')
    """
    return unquote(url.translate(_URL_DROPS)).lower() if "%" in url else url.lower()


def _canonicals(page: ParsedPage) -> list[str]:
    """The page's canonical links and og:url, from its `link` and `meta` views."""
    out = [el.get("href") or "" for el in page.tagged("link")
           if "canonical" in (el.get("rel") or "").lower().split()]
    out += [el.get("content") or "" for el in page.tagged("meta")
            if el.get("property") == "og:url"]
    return [v for v in out if v]


def placeholder_hits(page: ParsedPage) -> list[Hit]:
    """Unfilled template variables and spintax in the visible text."""
    hits = text_hits(page, SPINTAX, _SPINTAX_GATE)
    if page.holding(PLACEHOLDER_NEEDLES):
        hits = text_hits(page, PLACEHOLDER, _PLACEHOLDER_GATE) + hits
    return hits
