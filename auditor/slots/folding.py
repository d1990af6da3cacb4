"""Folding drafts that are one placement into one slot: units inside another's box, a
tag's twin scripts and tags, the frame a tag wrote, a noscript fallback after its script."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from lxml import etree

from auditor.catalogue import Network
from auditor.dom.noscript import NoscriptMemo, noscript_holding, release_deepest_first
from auditor.lazy_re import lazy_regex
from auditor.slots.branches import _BETWEEN_TWINS, _unit_loader
from auditor.slots.found import _LANDMARKS, FoundSlot, _Draft, _NearestAbove
from auditor.slots.labels import _ad_class


def _fold_units_inside(drafts: list[_Draft], scripted: list[_Draft]
                       ) -> tuple[list[_Draft], list[_Draft]]:
    """The markup's slots and the scripts' own, less those inside the element a script
    declares a slot in (the element GPT's `defineSlot` names): that element is the
    placement, and a unit shown inside it is what fills it, or the older tag the site left
    in it (a DART `<noscript>` image or `document.write` in the GPT unit's box), one ad,
    not two. A page landmark a script names (`body`) is no unit's box: what it holds stays
    its own, and so does a unit of the box's network that names a zone of its own, and a
    unit of another ad server (AdSense's, though Google runs both) or of another size (the
    box is a sidebar holding widgets)."""
    boxes = {d.element: d for d in scripted if str(d.element.tag).lower() != "script"
             and str(d.element.tag).lower() not in _LANDMARKS}
    if not boxes:
        return drafts, scripted
    box_above = _NearestAbove(set(boxes))  # each element climbed once: linear

    def outside(draft: _Draft) -> bool:
        box = box_above(draft.element)
        if box is None or draft.element in boxes:
            return True
        slot = boxes[box]
        if slot.network is draft.network and slot.zone_id and draft.zone_id \
                and slot.zone_id != draft.zone_id:
            return True  # two units of one network, each its zone: two placements
        if slot.network is not draft.network and (
                _server(slot.network) != _server(draft.network)
                or (slot.width and slot.height and draft.width and draft.height
                    and (draft.width, draft.height)
                    not in {(slot.width, slot.height), *slot.offered})):
            # another ad server's unit (a Taboola or AdSense widget in a sidebar the
            # defineSlot names), or one at a size the box does not offer: not its fill
            return True
        slot.extra_elements.append(draft.element)
        if not (slot.width and slot.height) and draft.width and draft.height:
            slot.width, slot.height = draft.width, draft.height
        if not slot.zone_id and draft.zone_id and slot.network is draft.network:
            # the box's call names no zone (`googletag.display('leaderboard')`); the frame
            # its network rendered in it names the unit's (GPT's ad-unit path)
            slot.zone_id, slot.id_kind = draft.zone_id, draft.id_kind
        return False

    return ([d for d in drafts if outside(d)],
            [d for d in scripted if d.element in boxes or outside(d)])


_FILL_STEPS = 12  # the elements after an ad manager's call read for the ad it served


def _fills(slot: FoundSlot) -> bool:
    """Whether `slot` is an ad manager's call (its script slot spec `fills`)."""
    return slot.network is not None and str(slot.element.tag).lower() == "script" and any(
        spec.fills and slot.rule == f"script: {spec.label}" for spec in slot.network.script_slots)


def _served(slot: FoundSlot) -> bool:
    """Whether `slot` is an ad as an ad server wrote it (a frame, or a box holding one): a
    network's tag as the publisher pasted it, unrun, has none and is a placement of its own."""
    return any(e.tag == "iframe" or next(e.iter("iframe"), None) is not None
               for e in (slot.element, *slot.extra_elements))


def fold_served_fills(found: list[FoundSlot]) -> list[FoundSlot]:
    """One placement where an ad manager's call (`BAIDU_CLB_fillSlot("…")`,
    `CNZZ_SLOT_RENDER('…')`) stands before the ad it served: it writes the ad right after
    its script, so a saved copy's slot of another network that stands next in the call's
    box, past scripts (the served network's loader), comments and empty boxes (the
    manager's own wrapper) with no text between, and served (`_served`: a frame), is the
    call's fill, not a placement of its own. Another call of a manager, or anything else,
    ends the look; each call reads at most `_FILL_STEPS` elements. A script of several
    calls (`per_call`) writes their ads after it in turn: each call reads on from the fill
    the one before it took."""
    calls = [s for s in found if _fills(s)]
    if not calls:
        return found
    by_element = {s.element: s for s in found}
    merged: dict[int, FoundSlot] = {}
    gone: set[int] = set()
    taken: dict[etree._Element, etree._Element] = {}  # by a call's script: its last fill
    for call in calls:
        node: etree._Element | None = taken.get(call.element, call.element)
        for _ in range(_FILL_STEPS):
            if node is None or (node.tail or "").strip():
                break
            node = node.getnext()
            if node is None or not isinstance(node.tag, str):
                continue  # a comment
            other = by_element.get(node)
            if other is not None:
                if other.network is not call.network and id(other) not in gone \
                        and id(other) not in merged and not _fills(other) and _served(other):
                    gone.add(id(other))
                    merged[id(call)] = replace(
                        call, extra_elements=(*call.extra_elements, other.element,
                                              *other.extra_elements),
                        width=call.width or other.width, height=call.height or other.height)
                    taken[call.element] = node
                break
            tag = str(node.tag).lower()
            if tag != "script" and (len(node) or (node.text or "").strip()):
                break  # the page's own content: what follows is no fill of the call
    return [merged.get(id(s), s) for s in found if id(s) not in gone]


def _server(network: Network | None) -> str | None:
    """The ad server `network`'s tags call: its `ad_server`, else its own name (AdSense's
    unit is no GPT box's fill, though Google runs both)."""
    return None if network is None else (network.ad_server or network.name)


def _fold_twin_scripts(drafts: list[_Draft],
                       same_tag: Callable[[_Draft, _Draft], bool] | None = None) -> list[_Draft]:
    """One placement per zone where a tag writes it twice, side by side: ExoClick's banner
    (`var ad_idzone = …` and ads.js) and its NeverBlock twin (`ExoLoader.addZone({…,
    "idzone": …})`), the anti-adblock fallback its documentation puts after it. A script
    slot whose script follows another's of the same network and zone, with only scripts and
    `<noscript>`s between, is that slot; the same form pasted twice stays two units (each
    writes its ad where it stands), and so does a form pasted again after the pair. Each
    draft steps back over the elements after the last slot's script only, so the walk is
    linear. `same_tag`, where given, must also hold of the pair."""
    by_script = {d.element: d for d in drafts if str(d.element.tag).lower() == "script"}
    forms: dict[int, set[str | None]] = {}  # by a kept slot's id: the tag forms it holds
    out: list[_Draft] = []
    for draft in drafts:
        before = draft.element.getprevious() if draft.element in by_script else None
        loaded = False  # a unit's loader between them: the earlier unit's ad was written
        while before is not None and not (before.tail or "").strip() and (
                not isinstance(before.tag, str) or (
                    str(before.tag).lower() in _BETWEEN_TWINS and before not in by_script)):
            loaded = loaded or bool(draft.network is not None and before.get("src")
                                    and _unit_loader(before.get("src") or "", draft.network))
            before = before.getprevious()  # a comment, the loader, a fallback: no text
        twin = by_script.get(before) if before is not None and not (
            before.tail or "").strip() else None
        # one unit's globals set over several scripts before its one loader (AdSense's
        # legacy client in one script, `google_ad_slot` in the next): one form names no
        # zone, the other its unit's
        split = twin is not None and not loaded and not (twin.zone_id and draft.zone_id)
        if (twin is not None and (split or (twin.zone_id and twin.zone_id == draft.zone_id))
                and twin.network is draft.network
                and (same_tag is None or same_tag(twin, draft))
                and draft.rule not in forms.setdefault(id(twin), {twin.rule})):
            forms[id(twin)].add(draft.rule)  # one twin of each form: a third paste is a unit
            twin.extra_elements.append(draft.element)
            by_script[draft.element] = twin
            if not twin.zone_id and draft.zone_id:
                twin.zone_id, twin.id_kind = draft.zone_id, draft.id_kind
            twin.width, twin.height = twin.width or draft.width, twin.height or draft.height
            continue
        out.append(draft)
    return out


def _fold_twin_tags(drafts: list[_Draft]) -> list[_Draft]:
    """One placement per position where a page pastes two of a network's script tags for
    it side by side (Open AdStream's JX tag `adstream_jx.ads/…@Top` and its SX tag
    `adstream_sx.ads/…@Top`): script slots of the markup that name a zone fold as
    `_fold_twin_scripts` folds the inline ones, one twin of each form; the same tag pasted
    twice, or two positions, stay units, and so do tags whose URLs name other IDs of the
    network beside the zone (Open AdStream's sitepage: OAS places an ad by sitepage and
    position, so two sitepages' `@Top` tags are two placements)."""
    tags = [d for d in drafts if str(d.element.tag).lower() == "script" and d.zone_id]
    if len(tags) < 2:
        return _fold_written_frames(drafts, tags)
    kept = {id(d) for d in _fold_twin_scripts(tags, _agree)}
    folded = {id(d) for d in tags} - kept
    return _fold_written_frames([d for d in drafts if id(d) not in folded], tags)


def _fold_written_frames(drafts: list[_Draft], tags: list[_Draft]) -> list[_Draft]:
    """One placement where a copy saved after a tag ran keeps the frame it wrote right
    after it: a frame slot, or a box holding one first, whose previous element (past
    comments, no text between; or its wrapper's, the frame first in a box the tag wrote)
    is a script slot's tag, and that the tag wrote (`_wrote`), is that tag's. Each frame
    reads a few elements back and up."""
    of_script = {d.element: d for d in tags}
    if not of_script:
        return drafts
    out: list[_Draft] = []
    for draft in drafts:
        tag = None
        if draft.zone_id and _frame_or_its_box(draft.element):
            before = _element_before(draft.element)
            tag = of_script.get(before) if before is not None else None
        if tag is not None and _wrote(tag, draft):
            tag.extra_elements.append(draft.element)
            tag.width, tag.height = tag.width or draft.width, tag.height or draft.height
            continue
        out.append(draft)
    return out


def _wrote(tag: _Draft, frame: _Draft) -> bool:
    """Whether `frame`, right after `tag`'s script, is what the script wrote there: a frame
    of the tag's network and zone naming no other of its IDs (DART's `adi` frame after its
    `adj` script, in a DOM save), or a frame or its box of another network of the ad server
    the tag calls (the safeframe Ad Manager serves a DART tag's creative in,
    `div#google_ads_iframe_…__container__`) at a size the tag asks for, unless GPT's
    renderer named it for another unit (`_names_another_unit`): a GPT unit of its own that
    stands after the tag."""
    if tag.network is frame.network:
        return (tag.zone_id == frame.zone_id and _agree(tag, frame)
                and str(frame.element.tag).lower() == "iframe")
    return (tag.network is not None and tag.network.ad_server is not None
            and _server(frame.network) == tag.network.ad_server
            and not _names_another_unit(frame.element, tag.zone_id)
            and _asks_for((frame.width, frame.height), (tag.width, tag.height),
                          tag.element.get("src") or ""))


_WRITTEN_WRAPPERS = 2  # the boxes a tag's written frame may stand first in
_ASKED_SIZES = lazy_regex(r"[;?&]sz=((?:\d{1,4}x\d{1,4},?){1,12})")  # DART's size list


def _frame_or_its_box(el: etree._Element) -> bool:
    """Whether `el` is a frame, or a box whose first element is one (no text before it):
    what a tag's answer writes where it stands (GPT's renderer puts its box round it)."""
    if str(el.tag).lower() == "iframe":
        return True
    first = next((c for c in el if isinstance(c.tag, str)), None)
    return (first is not None and str(first.tag).lower() == "iframe"
            and not (el.text or "").strip())


# the name GPT's renderer gives an Ad Manager unit's frame, `google_ads_iframe_/<network>/
# <unit path>_<n>`, and its box's, the same then `__container__`: group 1 the unit's path
_GPT_RENDERED_NAME = lazy_regex(
    r"\Agoogle_ads_iframe_/?\d{3,12}(?:,\d{3,12})?/(\S+?)_\d{1,3}(?:__container__)?\Z")


def _names_another_unit(el: etree._Element, zone: str | None) -> bool:
    """Whether `el`, a frame or a box holding one first (`_WRITTEN_WRAPPERS` deep), bears
    the name GPT's renderer gives an Ad Manager unit's frame for a unit other than the
    DART tag's `zone` (`<site>/<zone>`): a DOM save's creative of the tag is served under
    that site and zone (`google_ads_iframe_/4403/town.news/home_0` after
    `…/adj/town.news/home;…`), while a frame named for another path is a GPT unit of its
    own that happens to stand after the tag."""
    node: etree._Element | None = el
    for _ in range(_WRITTEN_WRAPPERS + 1):
        if node is None:
            return False
        for name in (node.get("id"), node.get("name")):
            m = _GPT_RENDERED_NAME.match(name or "")
            if m is not None:
                path, want = m.group(1).lower(), (zone or "").lower()
                return not want or not (path == want or path.startswith(want + "/"))
        node = next((c for c in node if isinstance(c.tag, str)), None)
    return False


def _asks_for(size: tuple[int | None, int | None], unit: tuple[int | None, int | None],
              src: str) -> bool:
    """Whether `size` is one a tag asks for: its unit's, or one of its `src`'s `sz=` list
    (DART's `sz=728x90,970x90`)."""
    if size[0] is None or size[1] is None:
        return False
    return size == unit or size in {
        (int(w), int(h)) for m in _ASKED_SIZES.finditer(src)
        for w, h in (pair.split("x") for pair in m.group(1).split(",") if pair)}


def _element_before(el: etree._Element) -> etree._Element | None:
    """The element right before `el` (past comments, no text between), or before the box
    `el` stands first in (no text before it; `_WRITTEN_WRAPPERS` boxes up), but none past
    a box the page styles as an ad's (`_ad_class`: `div.ad-box`): what stands first in the
    site's own ad box is that box's unit, not what a tag before the box wrote."""
    for _ in range(_WRITTEN_WRAPPERS + 1):
        before = el.getprevious()
        while before is not None and not isinstance(before.tag, str) \
                and not (before.tail or "").strip():
            before = before.getprevious()  # a comment
        if before is not None:
            return None if (before.tail or "").strip() else before
        parent = el.getparent()
        if parent is None or (parent.text or "").strip() or _ad_class(parent.get("class") or ""):
            return None
        el = parent
    return None


def _agree(one: _Draft, other: _Draft) -> bool:
    """Whether two tags' `src`s name no other value of an ID kind both name."""
    mine, theirs = _url_ids(one), _url_ids(other)
    return all(theirs.get(kind, value) == value for kind, value in mine.items())


def _url_ids(draft: _Draft) -> dict[str, str]:
    """The IDs its network's URL patterns read in a tag's `src` (Open AdStream's sitepage)."""
    src = draft.element.get("src") or ""
    if draft.network is None or not src:
        return {}
    return {spec.kind: m.group(1) if spec.pattern.groups else m.group(0)
            for spec in draft.network.ids
            if spec.where in ("url", "any") and not spec.internal
            and (m := spec.pattern.search(src)) is not None}


def _fold_noscript_fallbacks(drafts: list[_Draft]) -> list[_Draft]:
    """One placement per tag: a vendor's tag is a script and, right after it, a `<noscript>`
    holding the same ad for browsers without JavaScript (DART's `<a href=…/jump/…><img
    src=…/ad/…></a>`, AOL's `htmlAdWH(…)` then its `atwola.com/image/<MN>` image, Smart
    AdServer's `pubjumpi` link), or a unit's box (GPT's div, then Ad Manager's no-JavaScript
    `/gampad/ad` image). A browser shows one of the two, so a slot inside that
    noscript is the script's slot's fallback when both are one network's: the script's slot
    is kept, completed by its twin's zone and size. Zones that disagree are two placements."""
    # each slot's noscript read first: the memo holds a proxy of every ancestor, so lxml's
    # free of a proxy made on the way (a parent, a sibling comment) stops at its parent
    # rather than walking a hostile page's thousand open `<div>`s up to the root
    nearest: NoscriptMemo = {}
    held = [noscript_holding(d.element, nearest) for d in drafts]
    of_script: dict[etree._Element, _Draft] = {}
    for d in drafts:
        for el in (d.element, *d.extra_elements):
            if str(el.tag).lower() == "script":
                of_script.setdefault(el, d)
                box = _box_of_script(el)  # the box holding the tag alone, the noscript after it
                if box is not None:
                    of_script.setdefault(box, d)
    for d, noscript in zip(drafts, held, strict=True):  # a unit's box its script fills,
        if noscript is None:  # the noscript right after the box
            of_script.setdefault(d.element, d)
    if not of_script:
        return drafts
    kept: list[_Draft] = []
    for d in drafts:
        owner = _script_before_noscript(d.element, of_script, nearest)
        if (owner is None or owner is d or owner.network is not d.network
                or (owner.zone_id and d.zone_id and owner.zone_id != d.zone_id)):
            kept.append(d)
            continue
        owner.extra_elements.append(d.element)
        if not owner.zone_id and d.zone_id:
            owner.zone_id, owner.id_kind = d.zone_id, d.id_kind
        if not (owner.width and owner.height) and d.width and d.height:
            owner.width, owner.height = d.width, d.height
    release_deepest_first(nearest)
    return kept


_TAG_SCRIPTS = 3  # a tag's own scripts in a row: its call, the loader it wrote, one more


def _box_of_script(script: etree._Element) -> etree._Element | None:
    """The element holding `script` and no other element but scripts (text and comments
    aside): a unit's box a page pastes its tag into, `<div id="sas_5555"><script>…
    SmartAdServer(…)</script></div>` (and, saved after it ran, the `<script src=…/call/pubj/
    …>` it wrote), whose `<noscript>` twin may follow the box rather than the script. A few
    children read at most, so a parent of many scripts costs each of them little."""
    parent = script.getparent()
    if parent is None or not isinstance(parent.tag, str) or str(parent.tag).lower() in (
            "body", "head", "html", "noscript"):
        return None
    held = 0
    for child in parent:
        if isinstance(child.tag, str):
            held += 1
            if held > _TAG_SCRIPTS or str(child.tag).lower() != "script":
                return None
    return parent


def _script_before_noscript(el: etree._Element, of_script: dict[etree._Element, _Draft],
                            nearest: NoscriptMemo) -> _Draft | None:
    """The slot of the script right before a `<noscript>` holding `el` (past a script or
    two that are no slot: the loader a saved page keeps where the tag's call wrote it): the
    innermost such, then each one round it (a lazy-load filter's `<noscript>` wrapped round
    the tag's own, whose first child the inner one is)."""
    noscript = noscript_holding(el, nearest)
    while noscript is not None:
        before = noscript.getprevious()
        scripts = 0  # the loader a tag's call wrote stands between it and its noscript
        while before is not None and (not isinstance(before.tag, str) or (
                before not in of_script and str(before.tag).lower() == "script"
                and scripts < _TAG_SCRIPTS - 1)):
            if isinstance(before.tag, str):
                scripts += 1
            before = before.getprevious()
        if before is not None and before in of_script:
            return of_script[before]
        noscript = noscript_holding(noscript, nearest)
    return None
