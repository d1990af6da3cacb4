"""Vendor look-alikes: a known vendor's snippet that loads its script from another site.

Magecart and Balada kits dress their loader as a tag every site runs: the Google
Analytics, Tag Manager, Meta pixel, Hotjar or Clarity snippet, copied whole, with the
vendor's host swapped for one that imitates it (`www.googletagsmanager.test`,
`google-analytics.com.cdn-stats.example`, `connect.facebook-cdn.test`). The snippet's shape
and its ID name the vendor, so the page reads as running it; the code that runs is the
look-alike's. A snippet loading the vendor's file from a host of the site's own (a
server-side GTM `sgtm.` subdomain, a `/gtag/js` proxy, Partytown, Cloudflare Zaraz) or from
a plain unknown host (a self-hosted copy, a first-party proxy on a sister domain) is no
look-alike: only a host dressed as a brand or a CDN, or named after the vendor's own
domain, is one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from auditor.catalogue import Catalogue, Network, url_path
from auditor.dom.page import ParsedPage
from auditor.dom.parser import line_of
from auditor.dom.walk import FoundURL
from auditor.heuristics.behaviour import dressed_as
from auditor.heuristics.interface import FindingKind, PageContext, finding
from auditor.model import Finding, Identifier, Lookalike, Origin, Severity, hint_via
from auditor.resources import Sighting
from auditor.urls import host_of, is_third_party, registrable_domain, related_site

VENDOR_NAME_MIN = 5  # letters a vendor's domain name needs to tell a host named after it


def _named_after(host: str, network: Network) -> str | None:
    """The vendor's domain a host carries in its name without being it
    (`static.hotjar-cdn.test` names hotjar.com): the vendor's name is borrowed.

    >>> from auditor.catalogue import Network
    >>> from auditor.model import Category
    >>> hj = Network("Hotjar", "Hotjar", Category.SESSION_REPLAY, hosts=("hotjar.com",))
    >>> _named_after("static.hotjar-cdn.test", hj), _named_after("cdn.example", hj)
    ('hotjar.com', None)
    """
    labels = host.lower().split(".")
    for vendor_host in network.hosts:
        domain = registrable_domain(vendor_host)
        name = domain.split(".")[0]
        if len(name) >= VENDOR_NAME_MIN and any(name in label for label in labels[:-1]):
            return domain
    return None


def _imitated(url: str, networks: Sequence[Network], *, by_id: bool = False
              ) -> Network | None:
    """The network whose loader the URL's path is (`/analytics.js`, `/gtm.js`,
    `/fbevents.js`, `/c/hotjar-`, `/tag/`) or whose file it names; `by_id`: only one whose
    URL ID pattern the URL also holds (`/gtag/js?id=G-…` is Analytics' shape)."""
    name = url_path(url).lower().rsplit("/", 1)[-1]
    for network in networks:
        if not (network.is_loader(url) or (name and name in network.self_hosted)):
            continue
        if not by_id or any(spec.where in ("url", "any") and spec.pattern.search(url)
                            for spec in network.ids):
            return network
    return None


def lookalike_loads(found: Sequence[FoundURL], present: Sequence[Network],
                    catalogue: Catalogue, first_party: str | None,
                    page: ParsedPage) -> tuple[Lookalike, ...]:
    """Every URL (a tag's or a literal in a snippet) that loads a vendor's loader from
    another site no vendor or company the catalogue knows runs, whose host is dressed as a
    brand or a CDN (`dressed_as`) or named after the vendor's domain. The vendor is one the
    page's snippets or IDs show (`present`), or, for a dressed host, one whose ID the URL
    carries (`…/gtag/js?id=G-…` with no inline config)."""
    out: dict[str, Lookalike] = {}
    for item in found:
        host = host_of(item.url)
        if item.url in out or not host or not is_third_party(host, first_party):
            continue
        dressed = dressed_as(host, first_party)
        network = _imitated(item.url, present) or (
            _imitated(item.url, catalogue.networks, by_id=True) if dressed else None)
        if network is None:
            continue
        dressed = dressed or _named_after(host, network)
        if dressed is None or related_site(host, first_party):
            continue  # no name borrowed, or the page's own (its CDN, a sister domain)
        owner = catalogue.owners_of([(f"https://{host}/", host)])[0]
        if owner.network is not None or owner.entity is not None:
            continue  # a host the catalogue knows: the vendor's, or a company's CDN
        out[item.url] = Lookalike(item.url, host, network.name, dressed,
                                  line_of(item.element), page.xpath(item.element))
    return tuple(out.values())


def without_lookalikes(seen: Sequence[Sighting], fakes: Sequence[Lookalike]
                       ) -> tuple[list[Sighting], frozenset[str]]:
    """The sightings with each look-alike load made no vendor's (a path pattern such as
    `/fbevents.js` or a self-hosted file name named it), and the networks only look-alikes
    pose as (`posed`): nothing else of theirs loads, so the loader a snippet template would
    build for them (`with_snippet_loads`, "inline-snippet") is no request of the page."""
    if not fakes:
        return list(seen), frozenset()
    urls = {f.url for f in fakes}
    out = [replace(s, network=None, entity=None, self_hosted=False) if s.url in urls else s
           for s in seen]
    genuine = {s.network.name for s in out if s.network is not None
               and s.via != "inline-snippet" and hint_via(s.via) is None}
    posed = frozenset(f.network for f in fakes) - genuine
    return [s for s in out if not (s.via == "inline-snippet" and s.network_name in posed)], posed


def lookalike_ids(ids: Sequence[Identifier], fakes: Sequence[Lookalike],
                  posed: frozenset[str]) -> tuple[Identifier, ...]:
    """The IDs of networks only look-alikes pose as, marked theirs (`Origin.LOOKALIKE`,
    `why` naming the host): a snippet whose script comes from a look-alike runs none of
    the vendor's code, so its ID ties the page to no account of the vendor's."""
    if not posed:
        return tuple(ids)
    by_network = {f.network: f for f in fakes}
    out: list[Identifier] = []
    for ident in ids:
        fake = by_network.get(ident.network or "")
        if fake is not None and fake.network in posed and ident.origin is Origin.OPERATOR:
            ident = replace(ident, origin=Origin.LOOKALIKE,
                            why=f"its snippet loads from {fake.host}, dressed as {fake.dressed}")
        out.append(ident)
    return tuple(out)


def lookalike_scripts(ctx: PageContext) -> Iterator[Finding]:
    """Each look-alike load (`lookalike_loads`), once per URL: high, the dressed host is
    what marks it, and a vendor never serves its snippet's script from one."""
    for fake in ctx.lookalikes:
        ids = [i.value for i in ctx.ids
               if i.network == fake.network and i.origin is Origin.LOOKALIKE]
        held = f"; its ID {', '.join(ids)} is not counted as {fake.network}'s" if ids else ""
        yield finding(
            LOOKALIKE_SCRIPT, Severity.HIGH,
            f"{fake.network} snippet loads its script from {fake.url}, a host dressed as "
            f"{fake.dressed} that {fake.network} does not run{held}",
            fake.url, line=fake.line, xpath=fake.xpath)


LOOKALIKE_SCRIPT = FindingKind(
    "lookalike-script", (Severity.HIGH,), Severity.HIGH,
    "A known vendor's snippet loading its script from a look-alike host",
    "A snippet shaped as a known vendor's (Google Analytics, Tag Manager, the Meta pixel, "
    "Hotjar, Clarity, …) loads the vendor's loader (`analytics.js`, `gtm.js`, `fbevents.js`) "
    "from a host no vendor the catalogue knows runs, dressed as a brand or a CDN "
    "(`www.googletagsmanager.test`, `google-analytics.com.cdn-stats.example`) or named after "
    "the vendor's domain (`static.hotjar-cdn.test`): a Magecart or Balada kit's loader "
    "disguised as a tag every site runs. Its ID is not counted as the vendor's (the ID's "
    "`origin` is `lookalike`), and the vendor is not listed as run for it. The site's own "
    "host or sister domain (server-side GTM, a `/gtag/js` proxy, Partytown, Cloudflare "
    "Zaraz) and a plain unknown host (a self-hosted copy) are none. Remove it and find how "
    "it got in; treat the site as compromised.",
)

KINDS = (LOOKALIKE_SCRIPT,)
HEURISTICS = (lookalike_scripts,)
