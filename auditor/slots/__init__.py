"""Ad placements: catalogue slot markup, slots declared in inline scripts, and elements
that EasyList-syntax cosmetic (`##`) rules hide.

The package's entry points and the spine that calls the rest: `declared_slots` runs the
catalogue's box rules (`boxes`), the scripts' calls (`branches`) and the folds (`folding`);
`frame_slots` reads the frames a page holds. The other public names are re-exported here
so callers import them from `auditor.slots` alone."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from lxml import etree

from auditor.catalogue import Catalogue, slash_twins
from auditor.dom.hiding import unit_size
from auditor.dom.page import SRCDOC_DEPTH, ParsedPage, parse_page
from auditor.dom.parser import PageLimits, PageOverLimit
from auditor.dom.walk import HeldDocument, held_frames
from auditor.slots.assigned import (
    Assigned,
    Unplaced,
    cited_unplaced,
    literals_assigned,
    paths_handed_to,
    unplaced_units,
)
from auditor.slots.boxes import _catalogue_drafts, adsense_own_unfilled
from auditor.slots.branches import (
    PREBID,
    PREBID_RULE,
    _one_branch_each,
    _prebid_drafts,
    _script_drafts,
)
from auditor.slots.cosmetic import cosmetic_slots
from auditor.slots.folding import (
    _fold_noscript_fallbacks,
    _fold_twin_scripts,
    _fold_twin_tags,
    _fold_units_inside,
    fold_served_fills,
)
from auditor.slots.found import FoundSlot, _is_inside
from auditor.slots.labels import AD_LABEL
from auditor.slots.markup import (
    AD_BOX_LIST,
    AD_BOX_RULE,
    AD_CALL_RULE,
    AD_FRAME_RULE,
    AD_REPLACED_RULE,
    AD_SCRIPT_RULE,
    AD_SIZED_SCRIPT_RULE,
    INS_TAG_LIST,
    INS_TAG_RULE,
    ad_call_boxes,
    ad_frame_units,
    ad_named_boxes,
    ad_replaced_boxes,
    ad_script_boxes,
    ad_sized_scripts,
    folder_banners,
    ins_tag_units,
    labelled_banners,
)
from auditor.slots.sizes import freeze, markup_bytes, markup_sizes


def declared_slots(page: ParsedPage, catalogue: Catalogue, present: set[str]) -> list[FoundSlot]:
    """The slots the page declares: markup the catalogue recognises, then slots declared in
    inline JavaScript (GPT's defineSlot...). A declaration naming a slot's element by id
    completes that slot (zone, size, the configuring script) instead of adding one; each
    slot is made once, complete, after every script is read."""
    drafts = _fold_twin_tags(_catalogue_drafts(page, catalogue, present))
    scripted = _one_branch_each(page, _script_drafts(page, catalogue, drafts))
    drafts, scripted = _fold_units_inside(drafts, scripted)
    drafts = _fold_noscript_fallbacks(drafts + _fold_twin_scripts(scripted))
    found = [d.done() for d in drafts + _prebid_drafts(page, catalogue, drafts)]
    twins = slash_twins((s.id_kind, s.zone_id) for s in found)
    return [replace(s, zone_id=twins.get((s.id_kind or "", s.zone_id or ""), s.zone_id))
            for s in found]


def frame_slots(frames: Iterable[HeldDocument], top: Sequence[FoundSlot],
                catalogue: Catalogue, present: set[str], limits: PageLimits,
                _depth: int = 1, *, ids_of: ParsedPage | None = None) -> list[FoundSlot]:
    """The slots the documents the page's frames hold declare (`walk.held_frames`: an
    `<iframe srcdoc>`, a saved copy's frame parts, a block a script inserts), each cited at
    the page's element holding it: a frame is where those ads show, and a saved copy's
    frame is no line of the page.
    A frame that is a slot of the page, or inside one (AdSense's frame in its `<ins>`, a
    GPT slot's), is counted there already and its document is not asked; each frame's
    document is read once. The frames a held document holds in turn (an ad module's
    `javascript:` frame writing the frame its unit runs in) are read the same way, as
    deep as the walk reads them (`SRCDOC_DEPTH`), and cited at the page's frame.
    An ad server's frame that is a slot of its own (`ad_frame_units`: an SSP's frame
    holding the AdSense passback it served) is that placement, but the units its document
    holds are the publisher's tags all the same: their zones join `ids_of`'s IDs
    (`unplaced_units`, cited nowhere: the placement is the frame's)."""
    counted = {el for s in top for el in (s.element, *s.extra_elements)}
    served = {s.element for s in top if s.rule == AD_FRAME_RULE and not s.zone_id}
    out: list[FoundSlot] = []
    read: dict[str, list[FoundSlot] | None] = {}  # a document's slots, read once a markup
    for holder, markup, _ in frames:
        if (holder in counted and (ids_of is None or holder not in served)) \
                or _is_inside(holder, counted):
            continue
        if markup not in read:  # one block a plugin inserts a dozen times, parsed once
            read[markup] = _held_slots(markup, catalogue, present, limits, _depth)
        held = read[markup]
        if held is None:
            continue  # the walk reports a frame over the limits
        if holder in counted and ids_of is not None:  # the server's frame, its units' IDs
            unplaced_units(ids_of).extend(Unplaced(s.id_kind, s.zone_id, s.network)
                                          for s in held
                                          if s.zone_id and s.id_kind and s.network)
            continue
        width, height = unit_size(holder) if len(held) == 1 else (None, None)
        out += [replace(s, element=holder, extra_elements=(),  # a lone slot fills its frame
                        width=s.width if s.width or s.height else width,
                        height=s.height if s.width or s.height else height) for s in held]
    return out


def _held_slots(markup: str, catalogue: Catalogue, present: set[str], limits: PageLimits,
                _depth: int) -> list[FoundSlot] | None:
    """The slots one held document declares, frames within it too; None for one over
    the limits."""
    try:
        doc = parse_page(markup, limits)
    except PageOverLimit:
        return None
    held = declared_slots(doc, catalogue, present)
    if _depth < SRCDOC_DEPTH:
        held += frame_slots(held_frames(doc, ""), held, catalogue, present, limits,
                            _depth + 1)
    return held


_INERT = ("template", "noscript")  # markup the browser keeps but shows nothing of
_SHOWN_WITHOUT_SCRIPT = frozenset({"img", "iframe", "frame", "a", "object", "embed", "video"})


def without_inert_copies(found: Sequence[FoundSlot], page: ParsedPage) -> list[FoundSlot]:
    """The slots less the copies a CMS keeps of a live unit in markup nothing renders: a
    unit inside `<template>`, or a scripted unit (an `<ins>`, a `div` its script fills)
    inside `<noscript>`, which no script ever fills there, beside a live unit of the same
    network. A `<noscript>` image or frame is a no-script fallback (its own folds read
    it); a lone inert unit is kept, as what the page says it places."""
    inert: dict[etree._Element, str] = {}  # each element under one, read once
    for holder in page.root.iter(*_INERT):
        if holder not in inert:
            for el in holder.iterdescendants():
                inert[el] = str(holder.tag)
    live = {s.network.name for s in found if s.network is not None
            and s.element not in inert}
    return [s for s in found if not (
        s.element in inert and s.network is not None and s.network.name in live
        and (inert[s.element] == "template" or s.element.tag not in _SHOWN_WITHOUT_SCRIPT))]


__all__ = ["AD_BOX_LIST", "AD_BOX_RULE", "AD_CALL_RULE", "AD_FRAME_RULE", "AD_LABEL",
           "AD_REPLACED_RULE", "AD_SCRIPT_RULE", "AD_SIZED_SCRIPT_RULE", "INS_TAG_LIST",
           "INS_TAG_RULE", "PREBID",
           "PREBID_RULE", "Assigned", "FoundSlot", "Unplaced", "ad_call_boxes", "ad_frame_units",
           "ad_named_boxes", "ad_replaced_boxes", "ad_script_boxes", "ad_sized_scripts",
           "adsense_own_unfilled",
           "cited_unplaced", "cosmetic_slots", "declared_slots", "fold_served_fills",
           "folder_banners", "frame_slots", "freeze", "ins_tag_units", "labelled_banners",
           "literals_assigned",
           "markup_bytes", "markup_sizes", "paths_handed_to", "unplaced_units",
           "without_inert_copies"]
