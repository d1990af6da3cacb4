"""Whose each ID is: the page's operator's, or the source's, carried in with the copy.

A scraper that copies an article copies whatever IDs sit in it (an embedded player's
account, an analytics pixel); bulk mode must not join the scraper to the source's
other pages through them. An ID is copied from a source when

- it appears in a URL the page loads or links to on the source's own site, or
- every occurrence in the markup sits inside the copied article (the article body that
  holds the attribution; with no article body recognised, the nearest block around the
  attribution that holds prose, never the whole `<body>` with the site's own trackers)
  or inside markup that cites the source (`<blockquote cite>`,
  an embed served from it), and none inside the page's ad markup.

The second (the region rule) is weak evidence on one page: an operator injects its own
tags into the post body too. Its `why` says so ("… (unconfirmed: a bulk run over the
source's pages confirms or refutes it)"), and on a WordPress post body, which is the
copied article whole, it does not apply: there only a URL on the source's site or
markup citing the source makes an ID copied. An ad slot's ID is the operator's even
inside the copied article: scrapers inject their ad units into the post body. On a
proxy's or cache's copy of another site's page (`proxy-copy` evidence: Google Translate,
Google's cache) every ID is the original's, ad slots too: the proxy copied the page whole.
Everything else is the operator's. IDs are checked against a page's first MAX_SOURCES (20)
sources: a page naming more is hostile, and each would cost a pass over the page. This
runs only on pages with a provenance, so most pages pay nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from lxml import etree

from auditor.dom.page import ParsedPage
from auditor.metrics import outermost
from auditor.model import Identifier, Origin, Resource
from auditor.provenance.evidence import Sources
from auditor.urls import host_of, registrable_domain

_CITING = ("blockquote", "q", "iframe", "embed", "object", "video", "audio")


def mark_copied(ids: Sequence[Identifier], sources: Sources, page: ParsedPage,
                resources: Sequence[Resource], ad_markup: Iterable[etree._Element],
                slot_ids: Iterable[tuple[str, str]], in_post_body: bool = False
                ) -> tuple[Identifier, ...]:
    """`ids` with origin, copied_from and why set on those that came with the copy. A
    post body (`in_post_body`, WordPress `content.rendered`) is the copied article whole,
    where the operator injects its own tags too: there an ID is copied only by a URL on
    the source's site or markup citing the source, never by the region alone."""
    if not sources.provenance or not ids:
        return tuple(ids)
    copied = next(((p.domain, e.text) for p in sources.provenance for e in p.evidence
                  if e.kind == "proxy-copy"), None)
    if copied is not None:  # a proxy's copy: every ID on it is the original's, ad slots too
        whole = f"on a proxy's copy of a page on {copied[0]}: {copied[1][:200]}"
        return tuple(replace(i, origin=Origin.COPIED, copied_from=copied[0], why=whole)
                     for i in ids)
    slotted = set(slot_ids)
    ads = [_markup(el) for el in outermost(ad_markup)]
    domains = [p.domain for p in sources.provenance[:MAX_SOURCES]]
    quoted = {d: outermost(_citing(page, d)) for d in domains}
    shown: dict[etree._Element, _Region] = {}  # sources often share one article body
    citing = {d: _regions(quoted[d], shown) for d in domains}
    regions = {d: [] if in_post_body else _regions(
        outermost(list(sources.regions.get(d, ())) + quoted[d]), shown) for d in domains}
    urls = [r.url for r in resources] + [a.get("href") or "" for a in page.tagged("a")]
    on_source: dict[str, list[str]] = {d: [] for d in domains}
    for u in urls:
        if (d := registrable_domain(host_of(u))) in on_source:
            on_source[d].append(u)
    out = []
    for ident in ids:
        why = None if (ident.kind, ident.value) in slotted else _why(
            ident.value, on_source, citing, regions, ads, page.text)
        if why is None:
            out.append(ident)
        else:
            domain, reason = why
            out.append(replace(ident, origin=Origin.COPIED, copied_from=domain, why=reason))
    return tuple(out)


MAX_SOURCES = 20  # sources a page's IDs are checked against: a page naming more is hostile


class _Region:
    """An element's markup, serialised once, and its count per ID, counted once however
    many sources share the element (a hostile page names hundreds for one article)."""

    def __init__(self, el: etree._Element) -> None:
        self.markup = _markup(el)
        self.counts: dict[str, int] = {}

    def count(self, value: str) -> int:
        if value not in self.counts:
            self.counts[value] = _count(self.markup, value)
        return self.counts[value]


def _regions(els: Sequence[etree._Element], shown: dict[etree._Element, _Region]
             ) -> list[_Region]:
    for el in els:
        if el not in shown:
            shown[el] = _Region(el)
    return [shown[el] for el in els]


def _why(value: str, on_source: dict[str, list[str]], citing: dict[str, list[_Region]],
         regions: dict[str, list[_Region]], ads: Sequence[str], text: str
         ) -> tuple[str, str] | None:
    for domain, urls in on_source.items():
        for url in urls:
            if _count(url, value):
                return domain, f"in a URL on the source's site: {url[:200]}"
    total = _count(text, value)
    if not total or any(_count(ad, value) for ad in ads):
        return None
    for domain, markups in citing.items():
        if markups and sum(markup.count(value) for markup in markups) >= total:
            return domain, f"only inside markup citing {domain} (a quote or embed from it)"
    for domain, markups in regions.items():  # weak: operators inject tags into posts too
        if markups and sum(markup.count(value) for markup in markups) >= total:
            return domain, (f"only inside the article copied from {domain} (unconfirmed: a "
                            f"bulk run over {domain}'s pages confirms or refutes it)")
    return None


def _count(text: str, value: str) -> int:
    """Occurrences of the value as a whole token (zone 123 is not in 41234), found by
    `str.find`: this runs per ID over the whole page.

    >>> _count("id=123&x=41234&y=123", "123")
    2
    """
    n, at = 0, text.find(value)
    while at >= 0:
        end = at + len(value)
        if not (at and _word(text[at - 1])) and not (end < len(text) and _word(text[end])):
            n += 1
        at = text.find(value, end)
    return n


def _word(char: str) -> bool:
    return char.isalnum() or char in "_-"


def _markup(el: etree._Element) -> str:
    return etree.tostring(el, encoding="unicode", method="html", with_tail=False)


def _citing(page: ParsedPage, domain: str) -> list[etree._Element]:
    """Quotes and embeds attributed to the source: a `cite` or `src` on its site, or a
    quote holding a link to it."""
    out = []
    for tag in _CITING:
        for el in page.tagged(tag):
            ref = el.get("cite") or el.get("src") or el.get("data") or ""
            if not ref and tag in ("blockquote", "q"):
                ref = next((a.get("href") or "" for a in el.iter("a")), "")
            if ref and registrable_domain(host_of(ref)) == domain:
                out.append(el)
    return out
