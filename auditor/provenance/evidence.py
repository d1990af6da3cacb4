"""The kinds of evidence that a page republishes another site, and how they add up.

A cue is only as good as what it can be confused with. The page declaring its original
(a `rel=canonical` to another site, schema.org `isBasedOn`) or a scraper plugin's
attribution line ("Source link", "The post … appeared first on …") names a source on
its own. A bare label ("Source:", "via") is also how news pages credit a wire agency or
a cited study, so it names a source only when the page shows a second, independent sign
of copying from the same site (its images, its og:url). Hotlinked images and JSON-LD
citations are how legitimate pages look too: they never name a source, only add to one.
So does a credit ("Courtesy of …", "originally appeared on …" without the link a
scraper writes). The clues that name no source are kept apart as `Sources.credits`: what
the page credits, unconfirmed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar
from urllib.parse import parse_qsl, urlencode, urlunsplit

from lxml import etree

from auditor.lazy_re import lazy_regex
from auditor.model import Evidence, Provenance
from auditor.urls import host_of, proxied, registrable_domain, same_brand, site_of, split_url


class Weight(enum.Enum):
    NAMES = "names"  # names a source on its own
    LABEL = "label"  # names a source when a corroborating kind agrees
    CORROBORATES = "corroborates"  # confirms a label, adds to a named source
    SUPPORTS = "supports"  # only adds to a source named otherwise


@dataclass(frozen=True, slots=True)
class EvidenceKind:
    name: str
    weight: Weight
    meaning: str


EVIDENCE_KINDS: dict[str, EvidenceKind] = {k.name: k for k in (
    EvidenceKind("source-link", Weight.NAMES,
                 "an off-site link the page labels as its original (\"Source link\", "
                 "\"Original source\", \"originally appeared on\"), "
                 "in a short line at the start or end of the article body"),
    EvidenceKind("appeared-first", Weight.NAMES,
                 "an RSS footer \"The post … appeared first on …\" (or Yoast's German, "
                 "French, Spanish, Italian, Portuguese, Dutch or Japanese wording) naming another "
                 "site, as feed aggregators (FeedWordPress, WP RSS Aggregator) copy it"),
    EvidenceKind("attribution", Weight.NAMES,
                 "plain text: an attribution line (\"Primary source\", \"Original "
                 "source\", \"originally published on\") that names a host"),
    EvidenceKind("proxy-copy", Weight.NAMES,
                 "the page's own URL is a proxy's or cache's copy of a page on another "
                 "site (Google Translate's *.translate.goog or its older translate?u= "
                 "and translate_c?u= forms, Google's cache): the "
                 "whole page is the original's, so every ID on it came from there"),
    EvidenceKind("canonical", Weight.NAMES,
                 "<link rel=canonical> pointing at an article on another public site "
                 "(no IP, localhost, staging or platform host; not the page's own path)"),
    EvidenceKind("is-based-on", Weight.NAMES,
                 "schema.org isBasedOn / isBasedOnUrl (JSON-LD or microdata) naming a "
                 "page on another site"),
    EvidenceKind("source-label", Weight.LABEL,
                 "an off-site link after a bare \"Source:\" / \"Quelle:\" / \"Источник:\" / "
                 "\"via\" label (in a dozen languages), "
                 "or reading \"Primary source\" / \"Read more at …\", at the start or end "
                 "of the article body; also how news pages credit wires, studies and "
                 "roundups, so it needs a corroborating sign from the same site"),
    EvidenceKind("og-url", Weight.CORROBORATES,
                 "og:url pointing at another site (sites get it wrong: never alone)"),
    EvidenceKind("hotlinked-images", Weight.CORROBORATES,
                 "images in the article (`img`, an AMP page's `amp-img`; no 1×1 "
                 "beacon) served from the source's own site, not by a service the "
                 "catalogue names (a photo from Unsplash credits the photo)"),
    EvidenceKind("citation", Weight.SUPPORTS,
                 "schema.org citation naming the source (legitimate pages cite too)"),
    EvidenceKind("credit", Weight.SUPPORTS,
                 "a credit in the visible text (\"Courtesy of …\", \"originally appeared "
                 "on …\") without a scraper's source link: often no link at all, or one "
                 "outside the article body; a text scrape's attribution line naming no host"),
)}
KIND_ORDER = {name: n for n, name in enumerate(EVIDENCE_KINDS)}


class Clue(NamedTuple):
    """One piece of evidence, where it points, and (for an attribution in markup) the
    element holding the copied article it attributes: copied IDs are read there."""

    evidence: Evidence
    host: str
    url: str | None = None
    region: etree._Element | None = None


class Sources(NamedTuple):
    """A page's provenance, per source domain the markup that carries the copy, and the
    clues that named no source (`credits`: a credit line, an og:url elsewhere alone), in
    page order: what the page credits, unconfirmed."""

    provenance: tuple[Provenance, ...]
    regions: dict[str, tuple[etree._Element, ...]]
    credits: tuple[Evidence, ...] = ()


NO_SOURCES = Sources((), {})

# Query keys that only say how a link was followed (feeds, campaigns), not which article
_TRACKING_KEYS = ("utm_", "at_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")


def clean_url(url: str) -> str:
    """The article's URL without its fragment and campaign keys.

    >>> clean_url("https://www.bbc.co.uk/news/articles/cq615g3z36po?at_medium=RSS&at_campaign=rss")
    'https://www.bbc.co.uk/news/articles/cq615g3z36po'
    >>> clean_url("https://x.test/read?id=7&utm_source=feed#top")
    'https://x.test/read?id=7'
    """
    parts = split_url(url)
    if parts is None:
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(_TRACKING_KEYS)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def off_site(host: str, first_party: str | None, declared: bool = False) -> bool:
    """A host of another site than the page's: another registrable domain; for a
    `declared` URL (canonical, og:url) also another brand (bbc.co.uk and bbc.com are one
    publisher's regional domains). An attribution line's link is judged by its domain
    alone: a look-alike (bbc.news) crediting bbc.co.uk is a copy.

    >>> off_site("www.bbc.com", "bbc.co.uk", declared=True), off_site("www.bbc.co.uk", "bbc.news")
    (False, True)
    """
    domain = site_of(host)
    if not domain:
        return False
    if not first_party:
        return True
    return not same_brand(domain, first_party) if declared else domain != site_of(first_party)


DECLARED = frozenset({"canonical", "og-url"})  # the page's own URL, as its publisher set it


def through_proxy(clue: Clue) -> Clue:
    """The clue pointing at the original when its URL is a proxy's or cache's copy of it:
    a scraper that fetched the article from the AMP cache, Google's AMP viewer or
    Google Translate links its Source there (ampproject.org, google.com and translate.goog
    were named the sources). A proxy's copy of another's (Google's cache of an AMP
    viewer's page, Translate's of an AMP cache's) is unwrapped to the original too."""
    for _ in range(PROXY_LAYERS):
        found = proxied(clue.url)
        if found is None:
            break
        clue = clue._replace(host=host_of(found.url), url=clean_url(found.url))
    return clue


PROXY_LAYERS = 8  # each layer's URL holds the next one's: a bound, not a count seen


def group(clues: Iterable[Clue], first_party: str | None) -> Sources:
    """One Provenance per source domain that the evidence names (see Weight), its
    evidence in kind order; sources in the order the page first names them. The clues
    of domains not named, and credits naming no host, are the credits. A clue pointing
    at a proxy's copy was unwrapped as it was gathered (`through_proxy`): the markup
    reads the sources' hosts before grouping them."""
    by_domain: dict[str, list[Clue]] = {}
    credits: list[Evidence] = []
    for clue in clues:
        if off_site(clue.host, first_party, clue.evidence.kind in DECLARED):
            by_domain.setdefault(registrable_domain(clue.host), []).append(clue)
        elif not clue.host and clue.evidence.kind in _CREDITING:
            credits.append(clue.evidence)
    out: list[tuple[int, Provenance]] = []
    regions: dict[str, tuple[etree._Element, ...]] = {}
    for domain, found in by_domain.items():
        if not _named(found):
            credits += (c.evidence for c in found if c.evidence.kind in _CREDITING)
            continue
        found.sort(key=lambda c: (KIND_ORDER[c.evidence.kind], c.evidence.line))
        best = next((c for c in found if c.url and _weight(c) in _NAMING), None)
        host = best.host if best else found[0].host
        first = min(c.evidence.line for c in found if _weight(c) in _NAMING)
        out.append((first, Provenance(host=host, domain=domain, url=best.url if best else None,
                                      evidence=tuple(_unique(c.evidence for c in found)))))
        regions[domain] = tuple(_unique(c.region for c in found if c.region is not None))
    out.sort(key=lambda pair: pair[0])
    credits.sort(key=lambda e: e.line)
    return Sources(tuple(p for _, p in out), regions, tuple(_unique(credits)))


_NAMING = (Weight.NAMES, Weight.LABEL)
# What a page says of its own text: a credit line, its declared URL elsewhere (the kinds
# that name a source alone always do). A bare "Source:" label is how a news page credits
# a wire or a study, and images and schema.org citations are how legitimate pages look:
# alone, none of them is a credit.
_CREDITING = frozenset({"credit", "og-url"})


def _weight(clue: Clue) -> Weight:
    return EVIDENCE_KINDS[clue.evidence.kind].weight


def _named(found: Sequence[Clue]) -> bool:
    weights = {_weight(c) for c in found}
    return Weight.NAMES in weights or (Weight.LABEL in weights
                                       and Weight.CORROBORATES in weights)


def named_outright(source: Provenance) -> bool:
    """Whether a source has evidence that names it on its own (a source link, a feed
    footer, a canonical, `isBasedOn`, a proxy's address), not only a credit label an
    image of its site corroborates: how a blog credits a wire's story or a chart too."""
    return any((kind := EVIDENCE_KINDS.get(e.kind)) is not None and kind.weight is Weight.NAMES
               for e in source.evidence)


# How a licensed republisher credits the original in its line: The Conversation's "This
# article is republished from … under a Creative Commons license", "reprinted with
# permission", "originally published on …" (Grist, ProPublica, KFF Health News)
_SYNDICATION = lazy_regex(
    r"\b(?:republished|reprinted|syndicated)\b|\bcreative commons\b|\bwith (?:kind )?permission"
    r"|\blicen[cs]ed?\b|\b(?:originally|first) (?:published|appeared|ran)\b"
    r"|\b(?:zuerst|erstmals) erschienen\b|\bursprünglich (?:veröffentlicht|erschienen)\b"
    r"|\bpublicado originalmente\b|\boriginalmente publicado\b|\bpublié initialement\b"
    r"|\binitialement publié\b|\bpubblicato originariamente\b")


def credited_syndication(source: Provenance) -> bool:
    """Whether the page shows the source as a licensed republisher does: a credit line
    naming the original (republished from, with permission, originally published on),
    beside at most the canonical and `isBasedOn` syndication partners set, and no
    scraper plugin's mark (a "Source link", a feed footer, "Read more at"). Such a copy
    is the site's own to run, so what is in it is a check, never a theft.

    >>> credited_syndication(Provenance("c.test", "c.test", None, (Evidence("source-link",
    ...     "This article is republished from The Conversation under a Creative Commons "
    ...     "license. Read the original article."),)))
    True
    >>> credited_syndication(Provenance("c.test", "c.test", None, (Evidence("source-link",
    ...     "Source link"), Evidence("source-link", "originally published on C"))))
    False
    >>> credited_syndication(Provenance("c.test", "c.test", None, (Evidence("source-link",
    ...     "This post was originally published on this site"),)))
    False
    """
    naming = [e for e in source.evidence if EVIDENCE_KINDS[e.kind].weight in _NAMING]
    credits = [e for e in naming if e.kind == "source-link" and _SYNDICATION.search(e.text.lower())
               and not _UNNAMED.search(e.text.lower())]
    return bool(credits) and all(e in credits or e.kind in _SYNDICATION_DECLARED for e in naming)


# A credit that names no original, only "this site" or "here": a feed importer's line
# ("This post was originally published on this site", the link on its last words, before
# every post it pulls in), no republisher's credit to a publication it names
_UNNAMED = lazy_regex(
    r"\b(?:on|at|from|in|by|via)\s+(?:this|that|the original|the source)\s+"
    r"(?:site|website|web site|page|blog|source|link)\b|\b(?:on|at|from)\s+here\b")

_SYNDICATION_DECLARED = frozenset({"canonical", "is-based-on"})  # as Google asks of partners


def proxy_copy(source: Provenance) -> bool:
    """Whether the page's own address names the source (`proxy-copy`: a Translate or
    Google cache copy): the page is that original whole, judged as the original page,
    not an article copied into another site's."""
    return any(e.kind == "proxy-copy" for e in source.evidence)


T = TypeVar("T")


def _unique(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(items))
