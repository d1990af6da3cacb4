"""The page's own site when nothing names its address.

A scraped page often comes without its URL (a crawler's dump, a text-only scrape, a
CMS page saved bare) and declares none (no canonical, no og:url). Audited so, its own
scripts and redirects read as another site's: gmw.cn's WeChat redirect to share.gmw.cn
became a high `redirect`. The page says whose it is all the same: its navigation links
go to its site, and its site serves its stylesheets and images. `inferred_site` reads
both, conservatively: an injector can write many links to one site, so links alone never
name it; the site must serve the page's own assets too, and hold most of its links by a
clear margin. Links no visitor sees (hidden by their own or a wrapper's inline style or
`hidden` attribute, or by a rule of the page's own `<style>`) are not counted: an injector's hidden
link block beside two images or a stylesheet of its own site would otherwise name it the
page's site and clear its own loader.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from typing import Any

from lxml import etree

from auditor.dom.hiding import (
    TOGGLED_CLASSES,
    inline_hiding,
    page_sheets,
    sheet_hider,
    sheet_hiding,
)
from auditor.dom.walk import FoundURL
from auditor.model import RequestType
from auditor.urls import host_of, registrable_domain, site_of

LEAST_LINKS = 5  # absolute links to the site, at least
LINK_SHARE = 0.5  # of the page's absolute links, at least
MARGIN = 2  # times the links to the next site, at least
LEAST_IMAGES = 2  # images it serves, where it serves no stylesheet and takes no form

_NOT_PAGES = ("#", "javascript:", "mailto:", "tel:", "data:")  # links that go to no site
_PAGE_ROOTS = frozenset({"html", "body"})  # a theme's fade-in hides the page a moment

NOTE = "site inferred from the page's own links and assets: {site}"


def inferred_site(anchors: Iterable[etree._Element], found: Iterable[FoundURL],
                  base: str | None, styles: Iterable[etree._Element] = ()) -> str | None:
    """The site (`site_of`) holding at least `LEAST_LINKS` of the page's absolute `<a>`
    links, `LINK_SHARE` of them and `MARGIN` times the next site's, that also serves a
    stylesheet, takes a form or serves `LEAST_IMAGES` images of the page (`found`, the
    walk's); else None. A site the page only links to (injected spam's) is none.

    Relative links count where a `<base>` resolves them (`base`): they are the page's own.
    Hidden links (`_seen`; by a rule of the page's `<style>` sheets, `styles`, read only
    once a site is named) do not count: they are no navigation.
    """
    anchors = list(anchors)
    site = _most_linked(anchors, base, {}, (frozenset(), frozenset()))
    if site is None or not _serves_the_page(site, found):
        return None
    sheets = page_sheets(styles)
    hides = (sheet_hiding(sheets, TOGGLED_CLASSES) if any("{" in t for t in sheets)
             else ({}, frozenset()))
    if hides[0] and _most_linked(anchors, base, {}, (frozenset(hides[0]), hides[1])) != site:
        return None
    return site


def _most_linked(anchors: Iterable[etree._Element], base: str | None,
                 shown: dict[etree._Element, bool],
                 hides: tuple[Collection[str], Collection[str]]) -> str | None:
    """The site holding the most of the shown absolute links, where it holds enough
    (`inferred_site`'s measures); `hides`: the names the page's sheets hide, and all
    they name."""
    sites: dict[str, str] = {}  # each host's, once: a page links to few hosts, many times
    links: Counter[str] = Counter()
    for a in anchors:
        href = (a.get("href") or "").strip()
        if not href or not _seen(a, shown, hides):
            continue
        lowered = href[:11].lower()
        if lowered.startswith(("http:", "https:")):
            host = host_of(href)
        elif lowered.startswith("//"):
            host = host_of("https:" + href)
        elif base is not None and not lowered.startswith(_NOT_PAGES):
            host = host_of(href, base)  # a `<base>` resolves relative links: the page's own
        else:
            continue
        site = sites.get(host)
        if site is None:
            site = sites[host] = site_of(host)
        if site:
            links[site] += 1
    ranked = links.most_common(2)
    if not ranked:
        return None
    site, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if count < LEAST_LINKS or count < LINK_SHARE * links.total() or count < MARGIN * runner_up:
        return None
    return site


def _seen(el: etree._Element, shown: dict[etree._Element, bool],
          hides: tuple[Collection[str], Collection[str]]) -> bool:
    """Whether no inline style or `hidden` attribute of `el` or a wrapper hides it, nor a
    class or id the page's sheets hide (`hides`, `sheet_hiding`'s: unless another name of
    the element is one a rule sets, `hidden md:block`); `shown`
    keeps each wrapper's verdict, so many links read each wrapper once. The inline style of
    `<html>`/`<body>` is a fade-in, not hiding; a `<noscript>` is the site's own fallback
    (computerbase.de's gallery links), read as shown."""
    chain: list[etree._Element] = []
    seen = True
    node: etree._Element | None = el
    while node is not None:
        known = shown.get(node)
        if known is not None:
            seen = known
            break
        chain.append(node)
        if str(node.tag).lower() not in _PAGE_ROOTS and (
                inline_hiding(node) is not None or _sheet_hides(node, hides)):
            seen = False
            break
        node = node.getparent()
    shown.update(dict.fromkeys(chain, seen))
    return seen


def _sheet_hides(el: etree._Element, hides: tuple[Collection[str], Collection[str]]) -> bool:
    """Whether a class or id of `el` is one the page's sheets hide (`sheet_hider`)."""
    hidden, named = hides
    return bool(hidden) and sheet_hider(el, hidden, named) is not None


def _serves_the_page(site: str, found: Iterable[FoundURL]) -> bool:
    """Whether `site` serves one of the page's stylesheets, takes one of its forms or
    serves `LEAST_IMAGES` of its images."""
    images = 0
    for f in found:
        sheet = f.type is RequestType.STYLESHEET or f.via.endswith(("[action]", "[formaction]"))
        if not (sheet or f.type is RequestType.IMAGE) or not f.assigned \
                or site_of(host_of(f.url)) != site:
            continue
        if sheet:
            return True
        images += 1
        if images >= LEAST_IMAGES:
            return True
    return False


def presumed_first_party(root: Any) -> str | None:
    """The looser guess a few readers ask before they clear a host as the site's own
    (a saved copy's 'load more' from its own host, its own pictures): the site most of
    the page's links point to, with no margin and no assets asked. It only ever spares a
    host a finding; `inferred_site`, which names the page's site in its report, asks more."""
    domains = Counter(registrable_domain(host_of(a.get("href") or "")) for a in root.iter("a"))
    domains.pop("", None)
    return domains.most_common(1)[0][0] if domains else None
