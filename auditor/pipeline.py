"""One page end to end: Document → parse → walk → rules + catalogue → PageReport."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

import lxml.html
from lxml import etree

from auditor import __version__
from auditor.catalogue import Catalogue, Network, default_catalogue
from auditor.dom.parser import line_of, parse_html
from auditor.dom.walk import FoundURL, declared_page_url, page_base, page_title, walk
from auditor.heuristics import run_heuristics
from auditor.heuristics.interface import PageContext
from auditor.metrics import ad_markup_bytes, content_chars, page_metrics
from auditor.model import (
    AuditReport,
    Category,
    HostSummary,
    Identifier,
    ListInfo,
    Match,
    PageReport,
    RequestType,
    Resource,
    Slot,
)
from auditor.readers import Document, ReadFailure, Record, Skipped, read_source
from auditor.slots import (
    FoundSlot,
    catalogue_slots,
    cosmetic_slots,
    freeze,
    inline_scripts,
    script_slots,
)
from auditor.urls import host_of, is_third_party, registrable_domain

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

    def cosmetic(self, root: lxml.html.HtmlElement, hostname: str) -> Sequence[CosmeticHitLike]: ...


def default_engine() -> RuleEngine:
    from auditor.rules import Engine

    return Engine.load()


def audit(
    source: str | os.PathLike[str] | bytes,
    url: str | None = None,
    engine: RuleEngine | None = None,
    catalogue: Catalogue | None = None,
) -> AuditReport:
    """Audit every page in an input (path, directory, `-`, or bytes)."""
    engine = engine or default_engine()
    catalogue = catalogue or default_catalogue()
    pages = [p for p in audit_records(read_source(source, url), engine, catalogue)]
    return AuditReport(__version__, engine.lists, tuple(pages))


def audit_records(
    records: Iterable[Record], engine: RuleEngine, catalogue: Catalogue
) -> Iterator[PageReport]:
    """A PageReport per page; a failed record becomes a report with its error."""
    for record in records:
        if isinstance(record, Skipped):
            continue
        if isinstance(record, ReadFailure):
            yield PageReport(
                input=record.input,
                url=None,
                kind=record.kind,
                first_party=None,
                title=None,
                errors=(record.error,),
            )
            continue
        yield audit_document(record, engine, catalogue)


def audit_document(doc: Document, engine: RuleEngine, catalogue: Catalogue) -> PageReport:
    if not doc.markup:
        return _audit_text(doc, catalogue)
    root = parse_html(doc.text)
    url = doc.url or declared_page_url(root)
    page_host = host_of(url) if url else ""
    first_party = registrable_domain(page_host) or None
    base = page_base(root, url)

    found = list(walk(root, base))
    resources, network_of = _classify(found, url, first_party, engine, catalogue)
    scripts = list(inline_scripts(root))
    present = _networks_present(resources, scripts, catalogue)

    found_slots = catalogue_slots(root, catalogue, {n.name for n in present})
    found_slots += script_slots(root, catalogue, found_slots)
    hits = [(h.element, h.rule, h.list) for h in engine.cosmetic(root, page_host)]
    found_slots += cosmetic_slots(hits, found_slots, network_of)
    order = {el: i for i, el in enumerate(root.iter())}
    found_slots.sort(key=lambda s: order.get(s.element, 0))
    slots = tuple(freeze(s) for s in found_slots)

    ids = _identifiers(root, resources, scripts, found_slots, present)
    ad_elements = _ad_elements(found_slots, found, resources, scripts, present)
    hosts = _host_summaries(resources)
    content = content_chars(root, {s.element for s in found_slots} | set(ad_elements))
    metrics = page_metrics(resources, slots, len(hosts), content, ad_markup_bytes(ad_elements))
    ctx = PageContext(doc, root, url, first_party, resources, slots, ids, tuple(present), catalogue)
    return PageReport(
        input=doc.input,
        url=url,
        kind=doc.kind,
        first_party=first_party,
        title=doc.title or page_title(root),
        resources=resources,
        slots=slots,
        third_party_hosts=hosts,
        findings=tuple(run_heuristics(ctx)),
        ids=ids,
        metrics=metrics,
        post_id=doc.post_id,
    )


def _audit_text(doc: Document, catalogue: Catalogue) -> PageReport:
    """Plain text: no markup survives, so there are no resources; only the text is measured."""
    text = doc.text
    lines = [line.strip() for line in text.splitlines()]
    title = doc.title or next((line for line in lines if len(line.split()) >= 4), None)
    content = len(" ".join(text.split()))
    url = doc.url
    first_party = registrable_domain(host_of(url)) if url else None
    slots: tuple[Slot, ...] = ()
    ctx = PageContext(doc, None, url, first_party or None, (), slots, (), (), catalogue)
    return PageReport(
        input=doc.input,
        url=url,
        kind=doc.kind,
        first_party=first_party or None,
        title=title,
        findings=tuple(run_heuristics(ctx)),
        metrics=page_metrics((), slots, 0, content, 0),
        notes=(
            "plain text: no markup survives, so scripts, iframes and slot markup "
            "cannot be seen; only text blocks are audited",
        ),
    )


def _classify(
    found: Sequence[FoundURL],
    page_url: str | None,
    first_party: str | None,
    engine: RuleEngine,
    catalogue: Catalogue,
) -> tuple[tuple[Resource, ...], dict[etree._Element, Network]]:
    """Ask the rules and the catalogue about every URL the walk found."""
    out: list[Resource] = []
    network_of: dict[etree._Element, Network] = {}
    for item in found:
        host = host_of(item.url)
        network = catalogue.network_for(item.url, host)
        entity = catalogue.entity_for(host)
        if not item.assigned and network is None and entity is None:
            continue  # a URL in a script not shown to be loaded, of no known tracker
        match = engine.match(item.url, source_url=page_url, type=item.type)
        category = _category(network, entity, match, host, first_party)
        line, xpath = line_of(item.element), item.element.getroottree().getpath(item.element)
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


def _networks_present(
    resources: Sequence[Resource], scripts: Sequence[etree._Element], catalogue: Catalogue
) -> list[Network]:
    """Networks the page loads or configures: by resource host/URL or inline signature."""
    names = {r.network for r in resources if r.network}
    for network in catalogue.networks:
        if network.name in names or not network.inline:
            continue
        if any(p.search(s.text or "") for s in scripts for p in network.inline):
            names.add(network.name)
    return [n for n in catalogue.networks if n.name in names]


def _identifiers(
    root: lxml.html.HtmlElement,
    resources: Sequence[Resource],
    scripts: Sequence[etree._Element],
    slots: Sequence[FoundSlot],
    present: Sequence[Network],
) -> tuple[Identifier, ...]:
    """Every monetisation or tracking ID, once each, in the order first met."""
    seen: dict[tuple[str, str], Identifier] = {}

    def add(kind: str, value: str, network: str | None) -> None:
        seen.setdefault((kind, value), Identifier(kind, value, network))

    for slot in slots:
        if slot.zone_id and slot.id_kind:
            add(slot.id_kind, slot.zone_id, slot.network.name if slot.network else None)
    urls = [r.url for r in resources]
    codes = [s.text or "" for s in scripts]
    for network in present:
        for spec in network.ids:
            texts: list[str] = []
            if spec.where in ("url", "any"):
                texts += urls
            if spec.where in ("script", "any"):
                texts += codes
            if spec.where == "attr" and spec.attr:
                values = root.xpath("//@*[name()=$a]", a=spec.attr)
                texts += [str(v) for v in values] if isinstance(values, list) else []
            for text in texts:
                for match in spec.pattern.finditer(text):
                    value = match.groupdict().get("value") or match.group(1)
                    if value:
                        add(spec.kind, value, network.name)
    return tuple(seen.values())


def _ad_elements(
    slots: Sequence[FoundSlot],
    found: Sequence[FoundURL],
    resources: Sequence[Resource],
    scripts: Sequence[etree._Element],
    present: Sequence[Network],
) -> list[etree._Element]:
    """The markup that is advertising: slots, their loaders and their inline set-up code."""
    elements: list[etree._Element] = []
    for slot in slots:
        if slot.network is None or slot.network.category is Category.ADVERTISING:
            elements.append(slot.element)
            elements.extend(slot.extra_elements)
    by_url: dict[str, Resource] = {r.url: r for r in resources}
    for item in found:
        res = by_url.get(item.url)
        if res is not None and item.via == "script[src]" and res.category is Category.ADVERTISING:
            elements.append(item.element)
    ad_networks = [n for n in present if n.category is Category.ADVERTISING]
    for script in scripts:
        code = script.text or ""
        if any(p.search(code) for n in ad_networks for p in n.inline):
            elements.append(script)
    return list(dict.fromkeys(elements))


def _host_summaries(resources: Sequence[Resource]) -> tuple[HostSummary, ...]:
    """Third-party hosts the page requests from, most resources first."""
    groups: dict[str, list[Resource]] = defaultdict(list)
    for res in resources:
        if res.third_party and res.type is not RequestType.DOCUMENT:
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
