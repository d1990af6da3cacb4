"""Every URL the page requests, as the rules and the catalogue see it.

The walk finds URLs; here each becomes a Resource (rule decision, network, company,
category), loaders hidden in obfuscated scripts or built by inline snippets are added,
and third-party hosts are summarised.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

import lxml.html
from lxml import etree

from auditor.catalogue import Catalogue, Network
from auditor.dom.page import ParsedPage
from auditor.dom.parser import Paths, line_of
from auditor.dom.walk import HINT_VIAS, FoundURL
from auditor.model import (
    Category,
    HostSummary,
    Identifier,
    ListInfo,
    Match,
    RequestType,
    Resource,
)
from auditor.urls import host_of, is_third_party, registrable_domain, resolve

# Lists whose blocking rules mean "tracker" rather than "advert" when the catalogue
# does not know the host.
PRIVACY_LISTS = frozenset({"easyprivacy"})


class CosmeticHitLike(Protocol):
    @property
    def element(self) -> etree._Element: ...

    @property
    def rule(self) -> str: ...

    @property
    def list(self) -> str: ...


class RuleEngine(Protocol):
    """What the audit needs of the rule engine (auditor.rules.Engine)."""

    @property
    def lists(self) -> tuple[ListInfo, ...]: ...

    def match(
        self, url: str, source_url: str | None = None, type: str | RequestType = "other"
    ) -> Match: ...

    def cosmetic(
        self, root: lxml.html.HtmlElement, hostname: str, source: bytes | None = None
    ) -> Sequence[CosmeticHitLike]: ...


def classify(
    found: Sequence[FoundURL],
    page_url: str | None,
    first_party: str | None,
    engine: RuleEngine,
    catalogue: Catalogue,
    paths: Paths,
) -> tuple[tuple[Resource, ...], dict[etree._Element, Network]]:
    """Ask the rules and the catalogue about every URL the walk found."""
    out: list[Resource] = []
    network_of: dict[etree._Element, Network] = {}
    for item in found:
        host = host_of(item.url)
        network = catalogue.network_for(item.url, host)
        entity = catalogue.entity_for(host)
        self_hosted = False
        if network is None and item.via == "script[src]" and not is_third_party(host, first_party):
            network = catalogue.self_hosted_loader(item.url)
            self_hosted = network is not None
        if not item.assigned and network is None and entity is None:
            continue  # a URL in a script not shown to be loaded, of no known tracker
        match = engine.match(item.url, source_url=page_url, type=item.type)
        category = _category(network, entity, match, host, first_party)
        line, xpath = line_of(item.element), paths.of(item.element)
        out.append(
            Resource(
                url=item.url,
                type=item.type,
                host=host,
                domain=registrable_domain(host),
                third_party=is_third_party(host, first_party),
                line=line,
                xpath=xpath,
                via=item.via,
                blocked=match.blocked,
                rule=match.rule,
                list=match.list,
                exception=match.exception,
                network=network.name if network else (entity.network if entity else None),
                company=(network.company if network else None)
                or (entity.company if entity else None),
                category=category,
                self_hosted=self_hosted,
            )
        )
        if network is not None:
            network_of.setdefault(item.element, network)
    return tuple(out), network_of


def _category(
    network: Network | None, entity: object, match: Match, host: str, first_party: str | None
) -> Category:
    if network is not None:
        return network.category
    category = getattr(entity, "category", None)
    if isinstance(category, Category):
        return category
    if match.blocked:
        return Category.ANALYTICS if match.list in PRIVACY_LISTS else Category.ADVERTISING
    if not is_third_party(host, first_party):
        return Category.CONTENT
    return Category.UNKNOWN


def _host_path(url: str) -> str:
    """A URL without scheme, query and fragment: how snippet loaders are compared."""
    return url.split("//", 1)[-1].split("?", 1)[0].split("#", 1)[0].lower()


def with_snippet_resources(
    resources: tuple[Resource, ...],
    ids: Sequence[Identifier],
    present: Sequence[Network],
    page: ParsedPage,
    base: str | None,
    page_url: str | None,
    first_party: str | None,
    engine: RuleEngine,
    catalogue: Catalogue,
) -> tuple[Resource, ...]:
    """Loaders that inline snippets build in JavaScript, as resources (via "inline-snippet").

    Hotjar writes `'https://static.hotjar.com/c/hotjar-' + hjid + '.js'`: the walk sees
    at most the literal prefix. For a network present by its snippet, each catalogue
    `snippet` template filled with the page's IDs is (1) already loaded: nothing to do,
    except that a snippet configuring another network's loader takes it over (Yandex
    Webvisor on Metrica's tag.js: session replay); (2) the completion of a partial
    literal the walk found: that resource gets the full URL; (3) otherwise added, when
    the page carries the snippet's own ID and no other resource of that network.
    """
    if not any(n.snippet for n in present):
        return resources
    out = list(resources)
    paths = [_host_path(r.url) for r in out]
    by_kind: dict[str, list[str]] = defaultdict(list)
    for ident in ids:
        by_kind[ident.kind].append(ident.value)
    for network in present:
        if not network.snippet:
            continue
        has_id = any(i.network == network.name for i in ids)
        for template_url, _ in network.snippet_urls(by_kind):
            url = resolve(template_url, base)
            if not url:
                continue
            host = host_of(url)
            key = _host_path(url)
            partial = (
                next(
                    (
                        k
                        for k, r in enumerate(out)
                        if r.network == network.name
                        and r.via == "inline-script"
                        and url.startswith(r.url)
                        and url != r.url
                    ),
                    None,
                )
                if has_id
                else None
            )
            same = [k for k, path in enumerate(paths) if path == key]
            if same and partial is None:
                if catalogue.network_for(url, host) is not network:
                    for k in same:
                        out[k] = replace(
                            out[k],
                            network=network.name,
                            company=network.company,
                            category=network.category,
                        )
                continue
            if not has_id:
                continue
            if partial is None and any(r.network == network.name for r in out):
                continue  # loaded some other way (script src, a literal the walk found)
            match = engine.match(url, source_url=page_url, type=RequestType.SCRIPT)
            if partial is not None:
                out[partial] = replace(
                    out[partial],
                    url=url,
                    via="inline-snippet",
                    blocked=match.blocked,
                    rule=match.rule,
                    list=match.list,
                    exception=match.exception,
                )
                paths[partial] = key
                continue
            scripts = page.scripts
            script = next(
                (s for s in scripts for p in network.inline if p.search(s.text or "")),
                scripts[0] if scripts else None,
            )
            line = line_of(script) if script is not None else 0
            resource = Resource(
                url=url,
                type=RequestType.SCRIPT,
                host=host,
                domain=registrable_domain(host),
                third_party=is_third_party(host, first_party),
                line=line,
                xpath=page.xpath(script) if script is not None else "",
                via="inline-snippet",
                blocked=match.blocked,
                rule=match.rule,
                list=match.list,
                exception=match.exception,
                network=network.name,
                company=network.company,
                category=network.category,
            )
            at = next((k for k, r in enumerate(out) if r.line > line), len(out))
            out.insert(at, resource)
            paths.insert(at, key)
    return tuple(out)


def host_summaries(resources: Sequence[Resource]) -> tuple[HostSummary, ...]:
    """Third-party hosts the page requests from, most resources first (a host only
    named in a `dns-prefetch`/`preconnect` hint is requested nothing)."""
    groups: dict[str, list[Resource]] = defaultdict(list)
    for res in resources:
        if res.third_party and res.type is not RequestType.DOCUMENT and res.via not in HINT_VIAS:
            groups[res.host].append(res)
    out = []
    for host, items in groups.items():
        networks = Counter(r.network for r in items if r.network)
        companies = Counter(r.company for r in items if r.company)
        categories = Counter(r.category for r in items if r.category)
        out.append(
            HostSummary(
                host=host,
                domain=items[0].domain,
                network=networks.most_common(1)[0][0] if networks else None,
                company=companies.most_common(1)[0][0] if companies else None,
                category=categories.most_common(1)[0][0] if categories else Category.UNKNOWN,
                resources=len(items),
                blocked=sum(1 for r in items if r.blocked),
            )
        )
    out.sort(key=lambda h: (-h.resources, h.host))
    return tuple(out)
