"""One page end to end, one way through:

parse (a ParsedPage, once) → walk (FoundURLs) → the catalogue's word on each (Sightings)
→ slots → IDs → snippet-built loaders join the sightings → classify (the rules, once per
URL) → metrics → provenance (what the page republishes, what it credits) → findings →
MFA scorecard (which reads the metrics and the provenance) → PageReport.

A web archive's replay is parsed once more, as the original page it copies.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from lxml import etree

from auditor.catalogue import Catalogue, default_catalogue
from auditor.creatives import creative_ids, creative_requests, marked_creative, slot_frames
from auditor.dom.own_site import NOTE as INFERRED_NOTE
from auditor.dom.own_site import inferred_site
from auditor.dom.page import ParsedPage, parse_page
from auditor.dom.parser import (
    DEFAULT_LIMITS,
    PageLimits,
    PageOverLimit,
    document_rank,
    line_of,
)
from auditor.dom.walk import (
    declared_page_url,
    held_frames,
    held_request,
    other_sites_frames,
    own_documents,
    own_frame_scripts,
    page_base,
    page_title,
    reading_urls,
    saved_part_urls,
    styling_site,
    walk,
)
from auditor.heuristics import run_heuristics
from auditor.heuristics.adware import adware_ids
from auditor.heuristics.behaviour import tds_campaign_ids
from auditor.heuristics.interface import PageContext
from auditor.heuristics.lookalikes import lookalike_ids, lookalike_loads, without_lookalikes
from auditor.heuristics.markup import past_html_end
from auditor.heuristics.miners import page_wallets, wallet_ids
from auditor.heuristics.text_blocks import PROMOTIONAL, editorial_chars, segment
from auditor.identify import (
    commented_out,
    identifiers,
    networks_present,
    on_platforms,
    page_networks,
    shown_by_the_page,
)
from auditor.metrics import (
    Content,
    ad_elements,
    ad_markup_bytes,
    article_bodies,
    body_wrappers,
    editorial_content,
    page_metrics,
    slots_in_body,
)
from auditor.mfa import scorecard
from auditor.model import (
    AuditReport,
    ListInfo,
    Origin,
    PageReport,
    Replay,
    Seen,
    Slot,
)
from auditor.provenance import mark_copied, markup_sources, proxy_copy, text_sources
from auditor.readers import Document, ReadFailure, Record, Skipped, read_source
from auditor.replay import MARKS as REPLAY_MARKS
from auditor.replay import unwrapped
from auditor.resources import (
    RuleEngine,
    ad_server_requests,
    advertising_companies,
    advertising_elements,
    classify,
    host_summaries,
    listed_ad_frames,
    loader_networks,
    script_requests,
    sightings,
    with_snippet_loads,
)
from auditor.saved import saved_from_url
from auditor.slots import (
    FoundSlot,
    ad_call_boxes,
    ad_frame_units,
    ad_named_boxes,
    ad_replaced_boxes,
    ad_script_boxes,
    ad_sized_scripts,
    cited_unplaced,
    cosmetic_slots,
    declared_slots,
    fold_served_fills,
    folder_banners,
    frame_slots,
    freeze,
    ins_tag_units,
    labelled_banners,
    markup_sizes,
    without_inert_copies,
)
from auditor.urls import host_of, resolve, site_of
from auditor.version import __version__

TEXT_BLOCKS_LIST = "auditor-text-blocks"  # the `list` of slots found in plain text


__all__ = ["RuleEngine", "audit", "audit_document", "audit_records", "default_engine",
           "kept_for_the_run", "loading_for_the_run", "report_lists"]


def default_engine() -> RuleEngine:
    from auditor.rules import Engine

    return Engine.load()


def kept_for_the_run() -> None:
    """What the process has loaded for a run of audits (the rule engine, the catalogue,
    the modules) is left out of the cycle collector's full passes: it lives as long as
    the process, and each full pass walked its 60,000 objects again (40 ms a pass, most
    of the collector's 2% of a corpus audit). Called once they are loaded, by the CLI
    and each bulk worker. No collection first: loading leaves no cyclic garbage (one
    found nothing, and cost 40-70 ms of every run's start). Once a process: a later
    run in it (`cli.main()` called again by tests or an embedding) reuses what the first
    loaded, and freezing again kept what was live or garbage then for good (~424 more
    objects a call). A forked worker freezes its own load."""
    global _KEPT_IN
    if _KEPT_IN != os.getpid():
        _KEPT_IN = os.getpid()
        gc.freeze()


_KEPT_IN = 0  # the process whose load `kept_for_the_run` froze


@contextlib.contextmanager
def loading_for_the_run() -> Iterator[None]:
    """Loads what a run keeps (the engine, the catalogue) with the cycle collector off,
    then keeps it (`kept_for_the_run`): the collector walked what was loading again and
    again as it grew (~50 ms of a one-page CLI process)."""
    from auditor.rules.cache import gc_paused

    with gc_paused():
        yield
        kept_for_the_run()


def audit(
    source: str | os.PathLike[str] | bytes,
    url: str | None = None,
    engine: RuleEngine | None = None,
    catalogue: Catalogue | None = None,
    limits: PageLimits = DEFAULT_LIMITS,
) -> AuditReport:
    """Audit every page in an input (path, directory, `-`, or bytes)."""
    engine = engine or default_engine()
    catalogue = catalogue or default_catalogue()
    pages = [p for p in audit_records(read_source(source, url), engine, catalogue, limits)]
    return AuditReport(__version__, report_lists(engine, catalogue), tuple(pages))


def report_lists(engine: RuleEngine, catalogue: Catalogue, missing: Iterable[ListInfo] = ()
                 ) -> tuple[ListInfo, ...]:
    """A report's `lists`: the engine's filter lists, those wanted and not found
    (`missing`), then the catalogue, which its slots cite as a list too."""
    return (*engine.lists, *missing, catalogue.list_info)


def audit_records(
    records: Iterable[Record],
    engine: RuleEngine,
    catalogue: Catalogue,
    limits: PageLimits = DEFAULT_LIMITS,
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
        yield audit_document(record, engine, catalogue, limits)


def audit_document(
    doc: Document, engine: RuleEngine, catalogue: Catalogue, limits: PageLimits = DEFAULT_LIMITS
) -> PageReport:
    """The page's report; a page over `limits` is a report holding only that error."""
    try:
        if not doc.markup:
            return _audit_text(doc, catalogue, limits)
        page = (doc.parsed if doc.parsed is not None and doc.parsed.text == doc.text
                else parse_page(doc.text, limits))  # every stage reads its views from here on
        if doc.url is None and (saved := saved_from_url(doc.text)):  # a browser's copy
            doc = dataclasses.replace(doc, url=saved)
        doc, replay = unwrapped(doc, page.holding(REPLAY_MARKS))
        if replay is not None:  # a web archive's replay is audited as its original
            page = parse_page(doc.text, limits)
        return _audit_markup(doc, page, engine, catalogue, limits, replay)
    except PageOverLimit as e:
        return PageReport(input=doc.input, url=doc.url, kind=doc.kind, first_party=None,
                          title=None, errors=(f"{doc.input}: {e}",))


_Hit = tuple[etree._Element, str, str]  # a slot's element, the rule and the list naming it


def _not_hit(hits: Sequence[_Hit], more: Iterable[_Hit]) -> list[_Hit]:
    """The hits of `more` on elements none of `hits` is on (a reader's own twice stay)."""
    taken = {el for el, _, _ in hits}
    return [hit for hit in more if hit[0] not in taken]


def _appended(page: ParsedPage, frames: Iterable[etree._Element],
              slots: Iterable[FoundSlot]) -> frozenset[etree._Element]:
    """The ad servers' frames and the units written past the page's last `</html>`
    (`past_html_end`: on a later line, or on its line where the rest of it names the
    frame's host or the unit's zone), which render none of the page's own units."""
    return frozenset(
        [el for el in frames if past_html_end(page, line_of(el), host_of(el.get("src") or ""))]
        + [s.element for s in slots if past_html_end(page, line_of(s.element), s.zone_id or "",
                                                     id_word=True)])


def _audit_markup(doc: Document, page: ParsedPage, engine: RuleEngine, catalogue: Catalogue,
                  limits: PageLimits, replay: Replay | None) -> PageReport:
    root = page.root
    # a REST post without its `link` has its SEO plugin's head for one, as a saved page
    # without its address has its canonical: its own canonical named its own site a source
    url = doc.url or declared_page_url(root, doc.text) or next(
        (own for kind, value, _ in doc.declared
         if kind in ("canonical", "og-url") and (own := resolve(value, None))), None)
    page_host = host_of(url) if url else ""
    first_party = site_of(page_host) or None
    base = page_base(page.tagged("base"), url)

    secure = not (url or base or "").lower().startswith("http:")  # the scheme snippets test
    found = list(islice(walk(root, base, page, secure=secure), limits.urls_read))
    if doc.readings:  # a page that declares no charset, as the browser may guess it
        found += reading_urls(((f"charset {r.name}", r) for r in doc.readings),
                              found, url, secure, limits, ascii_hosts=True, primary=root)
    if doc.header_links:  # what its response's Link headers preload
        found += reading_urls([("Link header", doc.header_links)], found, url, secure, limits)
    if doc.saved_parts:  # what a saved copy holds beside the page: the browser loaded it
        found += saved_part_urls(doc.saved_parts, found, url, secure, limits, root,
                                 "mhtml part" if doc.kind == "mhtml" else "saved frame")
    limits.check_urls(len(found))
    # nothing names the page's address: its own links and assets may name its site
    inferred = None if url else inferred_site(page.tagged("a"), found, base,
                                              page.tagged("style"))
    first_party = first_party or inferred
    seen = sightings(found, first_party, catalogue)
    shown = networks_present(seen, catalogue, page)  # network → how the page shows it
    present = list(shown)

    # generic markup of a network counts where the page runs its code (loads it, configures
    # it, names it in an AMP component), not where a bid config asks it for bids or a link
    # is its (Teads a Prebid bidder: another in-read seller's `div.inread` is not Teads')
    running = {n.name for n, how in shown.items() if how not in (Seen.BIDDER, Seen.LINK)}
    found_slots = on_platforms(declared_slots(page, catalogue, running), running, catalogue)
    hits = [(h.element, h.rule, h.list) for h in engine.cosmetic(page, page_host)]
    # what a list hides and no slot reader took: a holder, maybe, of units of their own
    listed = frozenset(el for el, _, _ in hits) - {s.element for s in found_slots}
    # the readers of a slot no list names, in turn, each adding only elements no list or
    # earlier reader took: the ad code's `<ins>` units, boxes a script fills by their id,
    # ad servers' banner frames, then boxes named for an ad (told what is taken already)
    hits += _not_hit(hits, ins_tag_units(page))
    hits += _not_hit(hits, ad_call_boxes(page))
    hits += _not_hit(hits, folder_banners(page, first_party))
    placing = script_requests(seen, {s.network.name for s in found_slots if s.network})
    hits += _not_hit(hits, ad_script_boxes(
        placing, lambda ad, kind: engine.match(ad, source_url=url, type=kind), first_party))
    hits += _not_hit(hits, ad_replaced_boxes(placing, catalogue))
    hits += _not_hit(hits, ad_sized_scripts(
        placing, lambda ad, kind: engine.match(ad, source_url=url, type=kind),
        {el for el, _, _ in hits}))
    servers = ad_server_requests(seen)
    # and the frames an ad list blocks on a host no one catalogued: an unnamed ad server's
    servers |= {el: n for el, n in listed_ad_frames(
        seen, lambda ad, kind: engine.match(ad, source_url=url, type=kind), first_party
    ).items() if el not in servers}
    companies = advertising_companies(seen)  # a frame no network names: its host's company
    hits += _not_hit(hits, ad_frame_units(servers, found_slots,
                                          _appended(page, servers, found_slots), companies))
    taken = {el for el, _, _ in hits} | {s.element for s in found_slots}
    hits += _not_hit(hits, ad_named_boxes(page, taken, catalogue, frozenset(running),
                                          listed))
    # and a publisher's own banner beside its ad label, where nothing above took it
    hits += _not_hit(hits, labelled_banners(page, first_party, catalogue,
                                            taken | {el for el, _, _ in hits}))
    found_slots += cosmetic_slots(hits, found_slots, loader_networks(seen), catalogue,
                                  advertising_elements(seen), page, first_party)
    found_slots = fold_served_fills(found_slots)  # an ad manager's call and the ad it served
    found_slots = [dataclasses.replace(s, company=companies[s.element])
                   if s.network is None and s.element in companies else s for s in found_slots]
    documents = list(held_frames(page, doc.saved_parts))  # what the page's frames hold
    # another site's document in a frame outside every ad slot (a game embed, a player):
    # its units and what it requests are that site's, its IDs no operator's
    theirs = (other_sites_frames(documents, first_party, slot_frames(page, found_slots),
                                 styling_site(root, base))
              if documents else frozenset())
    found_slots += frame_slots(documents, found_slots, catalogue, running, limits,
                               ids_of=page)
    found_slots = without_inert_copies(found_slots, page)
    rank = document_rank(root, [s.element for s in found_slots])
    found_slots.sort(key=lambda s: rank.get(s.element, 0))
    sizes = markup_sizes(s.element for s in found_slots)
    slots = tuple(freeze(s, page, sizes) for s in found_slots)

    mine = own_documents(documents, first_party)  # the frames' documents that are the page's
    ids = identifiers(page, [s for s in seen if not (s.found.element in theirs
                                                     and held_request(s.found))],
                      [s for s in found_slots if s.element not in theirs], present,
                      catalogue, own_frame_scripts(page, mine), theirs,
                      [page.srcdoc(d.markup) for d in mine],
                      {n.name for n, how in shown.items() if how is Seen.LINK})
    dead_ids, commented = commented_out(page, seen, found_slots, ids, catalogue)
    fakes = lookalike_loads(found, present, catalogue, first_party, page)
    seen, posed = without_lookalikes(seen, fakes)  # a look-alike's snippet builds no loader
    genuine = tuple(n for n in present if n.name not in posed)  # no look-alike posing
    # a creative's ID (an advertiser's container in an ad slot's frame) builds no loader
    # at the page's own snippet: that load would make it the operator's (`creative_ids`)
    held = slot_frames(page, found_slots)  # each frame in an ad slot, with its slot
    creatives = creative_ids([*ids, *dead_ids], page, held, seen, documents, first_party)
    framed = {i.value for i in ids if (i.value, i.network) in creatives
              and i.origin is Origin.OPERATOR}
    seen = with_snippet_loads(seen, [i for i in ids if i.value not in framed], genuine, page,
                              base, catalogue)
    ids += dead_ids  # after the snippets: a commented-out tag's ID builds no loader
    resources = classify(seen, url, first_party, engine, page.paths,  # each URL, once
                         page.start_line, bool(page_wallets(page)))
    # what only an ad's creative requests (its pixels, in an ad slot's frame) is the ad
    # server's choice: listed, but naming no network of the page's, as its IDs name none
    creative = creative_requests(seen, held, documents, first_party)
    if creative:
        resources = tuple(dataclasses.replace(r, creative=True) if r.url in creative else r
                          for r in resources)

    ids = tuple(i for i in ids if catalogue.reported(i.kind))
    ad_markup = ad_elements(found_slots, found, resources, page.scripts, present)
    hosts = host_summaries(resources, seen, catalogue)
    bodies = article_bodies(page)
    content = editorial_content(page, {s.element for s in found_slots} | set(ad_markup),
                                body_wrappers(bodies))
    in_body = 0 if doc.in_post_body else slots_in_body(bodies, page.xpath,
                                                       (s.xpath for s in slots))
    metrics = page_metrics(resources, slots, len(hosts), content, ad_markup_bytes(ad_markup),
                           len(slots) if doc.in_post_body else in_body)
    sources = markup_sources(page, url, first_party, bodies, resources, doc.in_post_body,
                             doc.declared)
    ids = mark_copied(ids, sources, page, resources, ad_markup,
                      ((s.id_kind, s.zone_id) for s in found_slots if s.id_kind and s.zone_id),
                      doc.in_post_body)
    ids = adware_ids(lookalike_ids(ids, fakes, posed, page, [s.url for s in seen]), catalogue)
    ids = marked_creative(ids, creatives)  # an ad's own, in its frame
    known = {i.value for i in ids}  # a catalogued miner's wallet is its network's ID
    ids = (*ids, *(i for i in wallet_ids(page, resources) if i.value not in known))
    ids = (*ids, *(i for i in tds_campaign_ids(page) if i.value not in known))
    # a proxy's or cache's copy is the original page whole, placed by the original's own
    # template: the heuristics judge it as that page, no article copied into another's
    copies = tuple(p for p in sources.provenance if not proxy_copy(p))
    ctx = PageContext(doc, page, url, first_party, resources, slots, ids, genuine,
                      catalogue, bodies, copies, fakes)
    shown = shown_by_the_page({n: how for n, how in shown.items() if n.name not in posed},
                              seen, creative, catalogue, page)
    networks = page_networks(shown, resources, slots, ids, catalogue, commented,
                             {s.served_by.name for s in found_slots if s.served_by})
    return PageReport(
        input=doc.input,
        url=url,
        kind=doc.kind,
        first_party=first_party,
        title=doc.title or page_title(page.tagged("title"), page.tagged("meta")),
        resources=resources,
        slots=slots,
        third_party_hosts=hosts,
        networks=networks,
        findings=tuple(run_heuristics(ctx)),
        ids=ids,
        metrics=metrics,
        post_id=doc.post_id,
        provenance=sources.provenance,
        mfa=scorecard(ctx, metrics, sources),
        replay=replay,
        unplaced_units=cited_unplaced(page, found_slots),
        notes=(INFERRED_NOTE.format(site=inferred),) if inferred else (),
    )


def _audit_text(doc: Document, catalogue: Catalogue, limits: PageLimits) -> PageReport:
    """Plain text: no markup survives, so there are no resources; promotional blocks
    (sponsored, affiliate, recirculation, share bars) become slots with a `kind`, and
    attribution lines slots of kind "attribution". Metrics count the promotional ones:
    `ad_slots` and `ad_markup_bytes` (their UTF-8 bytes) against `content_chars`, the
    text outside every block (see auditor/heuristics/text_blocks.py)."""
    text = doc.text
    lines = [line.strip() for line in text.splitlines()]
    limits.check_lines(len(lines))
    title = doc.title or next((line for line in lines if len(line.split()) >= 4), None)
    native = {n.name.lower(): n for n in catalogue.networks if "native" in n.formats}
    blocks = segment(text, native)
    slots = tuple(
        Slot(
            network=native[b.vendor].name if b.vendor else None,
            company=native[b.vendor].company if b.vendor else None,
            line=b.line,
            xpath="",
            rule=b.rule,
            list=TEXT_BLOCKS_LIST,
            kind=b.kind,
            category=b.category,
            markup_bytes=b.bytes,
            text=b.text,
        )
        for b in blocks
    )
    promotional = [s for s in slots if s.kind in PROMOTIONAL]
    content = editorial_chars(text, blocks)
    url = doc.url
    first_party = site_of(host_of(url)) if url else None
    ctx = PageContext(doc, None, url, first_party or None, (), slots, (), (), catalogue)
    metrics = page_metrics((), promotional, 0, Content(content, len(text.split())),
                           sum(s.markup_bytes for s in promotional))
    sources = text_sources(blocks, first_party or None)
    return PageReport(
        input=doc.input,
        url=url,
        kind=doc.kind,
        first_party=first_party or None,
        title=title,
        slots=slots,
        # a credit line names a native ad network's widget: the network shows by its slot
        networks=page_networks({}, (), slots, (), catalogue),
        findings=tuple(run_heuristics(ctx)),
        metrics=metrics,
        provenance=sources.provenance,
        mfa=scorecard(ctx, metrics, sources),
        notes=(
            "plain text: no markup survives, so scripts, iframes and slot markup "
            "cannot be seen; only text blocks are audited",
        ),
    )
