"""One page end to end: Document → parse → walk → rules + catalogue → PageReport."""

from __future__ import annotations

import functools
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Protocol

import lxml.html
from lxml import etree

from auditor import __version__
from auditor.catalogue import Catalogue, Network, default_catalogue, required_literal
from auditor.dom.parser import line_of, parse_html
from auditor.dom.walk import FoundURL, declared_page_url, page_base, page_title, walk
from auditor.heuristics import run_heuristics
from auditor.heuristics.interface import PageContext
from auditor.heuristics.obfuscation import decode_script
from auditor.heuristics.text_blocks import PROMOTIONAL, editorial_chars, segment
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
from auditor.urls import host_of, is_third_party, registrable_domain, resolve

# Lists whose blocking rules mean "tracker" rather than "advert" when the catalogue
# does not know the host.
PRIVACY_LISTS = frozenset({"easyprivacy"})
TEXT_BLOCKS_LIST = "auditor-text-blocks"  # the `list` of slots found in plain text


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

    scripts = list(inline_scripts(root))
    found = _with_decoded_loads(root, list(walk(root, base)), scripts, base)
    resources, network_of = _classify(found, url, first_party, engine, catalogue)
    codes = _script_codes(scripts)
    present = _networks_present(resources, codes, catalogue, root)

    found_slots = catalogue_slots(root, catalogue, {n.name for n in present})
    found_slots += script_slots(root, catalogue, found_slots)
    hits = [(h.element, h.rule, h.list) for h in engine.cosmetic(root, page_host)]
    found_slots += cosmetic_slots(hits, found_slots, network_of)
    order = {el: i for i, el in enumerate(root.iter())}
    found_slots.sort(key=lambda s: order.get(s.element, 0))
    slots = tuple(freeze(s) for s in found_slots)

    ids = _identifiers(root, resources, codes, found_slots, present)
    resources = _with_snippet_resources(resources, ids, present, scripts, base, url, first_party,
                                        engine, catalogue)
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
    """Plain text: no markup survives, so there are no resources; promotional blocks
    (sponsored, affiliate, recirculation, share bars) become slots with a `kind`, and
    attribution lines slots of kind "attribution". Metrics count the promotional ones:
    `ad_slots` and `ad_markup_bytes` (their UTF-8 bytes) against `content_chars`, the
    text outside every block (see auditor/heuristics/text_blocks.py)."""
    text = doc.text
    lines = [line.strip() for line in text.splitlines()]
    title = doc.title or next((line for line in lines if len(line.split()) >= 4), None)
    blocks = segment(text)
    slots = tuple(
        Slot(network=None, line=b.line, xpath="", rule=b.rule, list=TEXT_BLOCKS_LIST,
             kind=b.kind, category=b.category, markup_bytes=b.bytes, text=b.text)
        for b in blocks
    )
    promotional = [s for s in slots if s.kind in PROMOTIONAL]
    content = editorial_chars(text, blocks)
    url = doc.url
    first_party = registrable_domain(host_of(url)) if url else None
    ctx = PageContext(doc, None, url, first_party or None, (), slots, (), (), catalogue)
    return PageReport(
        input=doc.input,
        url=url,
        kind=doc.kind,
        first_party=first_party or None,
        title=title,
        slots=slots,
        findings=tuple(run_heuristics(ctx)),
        metrics=page_metrics((), promotional, 0, content,
                             sum(s.markup_bytes for s in promotional)),
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


def _script_codes(scripts: Sequence[etree._Element]) -> list[str]:
    """Inline script texts, then what their obfuscated parts decode to (statically)."""
    codes = [s.text or "" for s in scripts]
    return codes + [p for code in codes for p in decode_script(code).payloads]


def _networks_present(
    resources: Sequence[Resource], codes: Sequence[str], catalogue: Catalogue,
    root: lxml.html.HtmlElement,
) -> list[Network]:
    """Networks the page loads, configures (inline signature) or links to (affiliate links)."""
    names = {r.network for r in resources if r.network}
    joined = "\n".join(codes)  # one scan per pattern, not one per script
    for network in catalogue.networks:
        if network.name in names or not network.inline:
            continue
        if any(_may_match(p, joined) and p.search(joined) for p in network.inline):
            names.add(network.name)
    linkers = [n for n in catalogue.networks if n.links is not None and n.name not in names]
    if linkers:
        for anchor in root.iter("a"):
            href = anchor.get("href") or ""
            if not href.startswith(("http://", "https://")):
                continue
            for network in linkers:
                if network.links is not None and network.links.search(href):
                    names.add(network.name)
            linkers = [n for n in linkers if n.name not in names]
            if not linkers:
                break
    return [n for n in catalogue.networks if n.name in names]


def _may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False when a literal every match needs is absent: skips most regex scans."""
    needle = _needle(pattern)
    return needle is None or needle in text


@functools.lru_cache(maxsize=2048)
def _needle(pattern: re.Pattern[str]) -> str | None:
    if pattern.flags & re.IGNORECASE:
        return None
    return required_literal(pattern.pattern)


def _with_decoded_loads(
    root: lxml.html.HtmlElement, found: list[FoundURL], scripts: Sequence[etree._Element],
    base: str | None,
) -> list[FoundURL]:
    """Add the URLs that obfuscated inline scripts load once decoded (via "inline-decoded")."""
    extra: list[FoundURL] = []
    for script in scripts:
        for hidden in decode_script(script.text or "").urls:
            url = resolve(hidden.url, base) if hidden.loaded else None
            if url:
                extra.append(FoundURL(url, hidden.type, "inline-decoded", script))
    if not extra:
        return found
    order = {el: i for i, el in enumerate(root.iter())}
    return sorted(found + extra, key=lambda f: order.get(f.element, 0))


def _host_path(url: str) -> str:
    """A URL without scheme, query and fragment: how snippet loaders are compared."""
    return url.split("//", 1)[-1].split("?", 1)[0].split("#", 1)[0].lower()


def _with_snippet_resources(
    resources: tuple[Resource, ...],
    ids: Sequence[Identifier],
    present: Sequence[Network],
    scripts: Sequence[etree._Element],
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
            partial = next((k for k, r in enumerate(out) if r.network == network.name
                            and r.via == "inline-script" and url.startswith(r.url)
                            and url != r.url), None) if has_id else None
            same = [k for k, path in enumerate(paths) if path == key]
            if same and partial is None:
                if catalogue.network_for(url, host) is not network:
                    for k in same:
                        out[k] = replace(out[k], network=network.name, company=network.company,
                                         category=network.category)
                continue
            if not has_id:
                continue
            if partial is None and any(r.network == network.name for r in out):
                continue  # loaded some other way (script src, a literal the walk found)
            match = engine.match(url, source_url=page_url, type=RequestType.SCRIPT)
            if partial is not None:
                out[partial] = replace(out[partial], url=url, via="inline-snippet",
                                       blocked=match.blocked, rule=match.rule, list=match.list,
                                       exception=match.exception)
                paths[partial] = key
                continue
            script = next((s for s in scripts for p in network.inline if p.search(s.text or "")),
                          scripts[0] if scripts else None)
            line = line_of(script) if script is not None else 0
            resource = Resource(
                url=url, type=RequestType.SCRIPT, host=host, domain=registrable_domain(host),
                third_party=is_third_party(host, first_party), line=line,
                xpath=script.getroottree().getpath(script) if script is not None else "",
                via="inline-snippet", blocked=match.blocked, rule=match.rule, list=match.list,
                exception=match.exception, network=network.name, company=network.company,
                category=network.category,
            )
            at = next((k for k, r in enumerate(out) if r.line > line), len(out))
            out.insert(at, resource)
            paths.insert(at, key)
    return tuple(out)


def _identifiers(
    root: lxml.html.HtmlElement,
    resources: Sequence[Resource],
    codes: Sequence[str],
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
                if not _may_match(spec.pattern, text):
                    continue
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
