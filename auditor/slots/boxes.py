"""Placements from the catalogue's box rules: the matches of its slot markup, one per
placement when they nest, named by the frames and wrappers round them."""

from __future__ import annotations

from collections.abc import Collection
from itertools import chain, islice
from typing import NamedTuple

from lxml import etree

from auditor.catalogue import Catalogue, Network, Owner
from auditor.dom.hiding import pixels, tiny_element, unit_size
from auditor.dom.page import ParsedPage
from auditor.dom.parser import elements
from auditor.lazy_re import lazy_regex
from auditor.needles import value_needles
from auditor.slots.found import _Draft, _holds_text
from auditor.urls import host_of


def _catalogue_drafts(page: ParsedPage, catalogue: Catalogue, present: set[str]) -> list[_Draft]:
    """Slots whose markup the catalogue recognises."""
    found: dict[etree._Element, _Draft] = {}
    held_names = {name.decode() for name in page.holding(catalogue.slot_names)}
    held_values = value_needles(page, catalogue)
    for network, spec in catalogue.slots_needing(held_names | held_values):
        if spec.requires_network and network.name not in present:
            continue
        if not spec.may_match(held_names, held_values, lambda: page.id_values):
            continue
        for el in elements(spec.xpath(page.root)):
            if el in found or (str(el.tag).lower() == "img"
                                and tiny_element(el, attributes_only=True)):
                continue  # found already, or an ad server's impression pixel: no placement
            if adsense_own_unfilled(el):
                continue  # an element AdSense's loader wrote for itself, showing no ad
            zone = spec.zone_of(el)
            beside = spec.zone_beside(el) if zone is None else None
            zone = zone or beside
            if spec.requires_zone and zone is None:
                continue  # the generic markup without the vendor's zone form: not its unit
            if spec.zone_in_code and (zone is None or zone not in _code_words(page)):
                continue  # a container of a zone no call or config of the page asks for
            width, height = unit_size(el)
            if not (width or height):  # else the size its tag's URL asks for
                width, height = spec.size_of(el)
            found[el] = _Draft(
                element=el,
                network=network,
                rule=spec.rule_for(el),
                zone_id=zone,
                id_kind=spec.id_kind,
                zone_beside=beside is not None,
                width=width,
                height=height,
            )
    _yield_rendered_to_stacks(found, catalogue)
    _name_by_frame(found, catalogue)
    _unknown_frames(found, catalogue)
    # one slot per placement (`_one_per_placement`); nor is an empty placeholder the unit
    # its vendor's script put right after it
    placements = _one_per_placement(found)
    kept = {el: slot for el, slot in found.items() if el in placements}
    _zone_from_wrappers(found, kept)
    out: list[_Draft] = []
    for el, slot in kept.items():
        unit = _filled_beside(el, slot, kept)
        if unit is None:
            out.append(slot)
        else:
            unit.extra_elements.append(el)  # its markup, and no other rule's slot
    return out


def _zone_from_wrappers(found: dict[etree._Element, _Draft],
                        kept: dict[etree._Element, _Draft]) -> None:
    """A unit that names no zone takes its nearest wrapper's of the same network: a widget
    saved after its script rendered it keeps the ID on the tag the site wrote, around the
    box the script filled (Outbrain's `div.OUTBRAIN[data-widget-id]` around `div.ob-widget`),
    and the kept slot is the box."""
    order = {el: n for n, el in enumerate(found)}  # a later wrapper is a nearer one
    wrappers = {el: d for el, d in found.items() if el not in kept and d.zone_id is not None}
    if not wrappers:
        return
    # per network, the nearest wrapper at or above an element, each element read once
    # (keyed by the network's id: a network's hash reads all its fields)
    nearest: dict[tuple[etree._Element, int], etree._Element | None] = {}
    for el, inner in kept.items():
        if inner.zone_id is not None:
            continue
        network, key = inner.network, id(inner.network)
        climbed: list[etree._Element] = []
        best: etree._Element | None = None
        node = el.getparent()
        while node is not None:
            if (node, key) in nearest:
                best = nearest[node, key]
                break
            climbed.append(node)
            node = node.getparent()
        for node in reversed(climbed):  # from the top down, each keeps the later of two
            wrapper = wrappers.get(node)
            if wrapper is not None and wrapper.network is network and (
                    best is None or order[node] > order[best]):
                best = node
            nearest[node, key] = best
        if best is not None:
            inner.zone_id, inner.id_kind = wrappers[best].zone_id, wrappers[best].id_kind


def _yield_rendered_to_stacks(found: dict[etree._Element, _Draft], catalogue: Catalogue
                              ) -> None:
    """Drop the containers GPT renders (`google_ads_iframe_<path>_<n>__container__`) that
    sit inside another network's slot: wrappers and managed stacks (Raptive's
    `div.adthrive-ad`, HTL's `div.htlad-…`) serve their placements through Google's ad
    server, so a page saved after they ran holds GPT's container inside the stack's
    element, and the placement is the stack's, named as its own tags name it. GPT ran
    there all the same: where the container holds GPT's own frame (not another company's,
    `_name_by_frame`), the stack's slot says GPT served it (`served_by`)."""
    above = _FoundAbove(found)
    held: _FramesHeld | None = None
    for el in [el for el in found if _GPT_RENDERED.match(el.get("id") or "")]:
        network = found[el].network
        stack = above.other_than(el, network)
        if stack is not None:
            if held is None:
                held = _FramesHeld(el.getroottree().getroot(), network, catalogue)
            if found[stack].served_by is None and held.other_owner(el) is None:
                found[stack].served_by = network
            del found[el]
        elif found[el].width is None and found[el].height is None:
            # a container declares no size of its own: the frame GPT rendered the ad in
            # (`<iframe id="google_ads_iframe_<path>_<n>" width=… height=…>`) is its size
            frame_id = (el.get("id") or "")[:-len("__container__")]
            frame = next((c for c in el if str(c.tag).lower() == "iframe"
                          and c.get("id") == frame_id), None)
            if frame is not None:
                found[el].width, found[el].height = (pixels(frame.get("width")),
                                                     pixels(frame.get("height")))



class _FoundAbove:
    """Which slot found above an element belongs to another network, as slots are dropped:
    each answer is remembered on the elements climbed (and on the slot of the same network
    it passed), so nested containers thousands deep are read once, not once each."""

    def __init__(self, found: dict[etree._Element, _Draft]) -> None:
        self.found = found
        # an element not found: the nearest found above it (when last asked)
        self._above: dict[etree._Element, etree._Element | None] = {}
        # a found element: the nearest found above it of another network (when last asked)
        self._other: dict[etree._Element, etree._Element | None] = {}

    def found_above(self, el: etree._Element) -> etree._Element | None:
        """The nearest ancestor still found."""
        climbed: list[etree._Element] = []
        node = el.getparent()
        while node is not None and node not in self.found:
            climbed.append(node)
            node = self._above[node] if node in self._above else node.getparent()
        for seen in climbed:
            self._above[seen] = node
        return node

    def other_than(self, el: etree._Element, network: Network | None) -> etree._Element | None:
        """The nearest ancestor still found whose slot is not `network`'s."""
        passed: list[etree._Element] = []
        node = self.found_above(el)
        while node is not None and self.found[node].network is network:
            passed.append(node)
            if node not in self._other:
                node = self.found_above(node)
                continue
            known = self._other[node]
            if known is None or known in self.found:
                node = known
                break
            node = self.found_above(known)  # dropped since: nothing of another between
        for seen in passed:
            self._other[seen] = node
        return node

def _name_by_frame(found: dict[etree._Element, _Draft], catalogue: Catalogue) -> None:
    """Name a GPT container by the frame it holds when that frame loads another company's
    host: GPT renders its ads in a frame of its own (blank, written, or Google's
    SafeFrame host), so a `google_ads_iframe_…__container__` round a frame of another
    network is that network's placement borrowing GPT's name (a kit's copy of the
    markup), and one round an unknown host's frame is no one's the catalogue knows; the
    ad-unit path in its id is then no GPT slot's."""
    held: dict[int, _FramesHeld] = {}  # by the containers' network: Google's frames are its
    for el in [el for el in found if _GPT_RENDERED.match(el.get("id") or "")]:
        draft = found[el]
        gpt = draft.network
        if id(gpt) not in held:
            held[id(gpt)] = _FramesHeld(el.getroottree().getroot(), gpt, catalogue)
        other = held[id(gpt)].other_owner(el)
        if other is not None:
            draft.network, draft.zone_id, draft.id_kind = other.network, None, None


# the nodes under a vendor's slot searched for the frame it holds: a rendered unit's frame
# sits a wrapper or two in, and a page of containers nested deep is read no further
_FRAME_REACH = 24


def _unknown_frames(found: dict[etree._Element, _Draft], catalogue: Catalogue) -> None:
    """Name no vendor for a slot of the vendor's markup (not GPT's container, which
    `_name_by_frame` reads) that is, or holds, a frame loading a host no one the catalogue
    knows runs: a vendor renders its unit in a frame it writes (Media.net's
    `iframe#_mN_dy_<crid>`, AOL's `htmlAdWH` into `div[data-aol-adcall]`) or of its own or
    a known ad company's host, so an unknown host's frame in that markup is an injected
    frame wearing the vendor's name (its hidden-iframe finding stands), no placement the
    vendor serves; the zone its markup names is then no one's."""
    for el, draft in found.items():
        if draft.network is None or _GPT_RENDERED.match(el.get("id") or ""):
            continue
        nodes = chain((el,), islice(el.iterdescendants(), _FRAME_REACH))
        frame = next((n for n in nodes if str(n.tag).lower() == "iframe"), None)
        src = (frame.get("src") or "").strip() if frame is not None else ""
        if not src.lower().startswith(("http://", "https://", "//")):
            continue
        url = src if not src.startswith("//") else "https:" + src
        owner = catalogue.runner_of(url, host_of(url))
        if owner.network is None and owner.entity is None:
            draft.network, draft.zone_id, draft.id_kind = None, None, None


class _FramesHeld:
    """What the frames under each element say of a GPT container there: whether one is
    GPT's or Google's (the slot is GPT's), else the first other company's. Each frame of
    the page is read once and marks the elements above it until one already marked, so
    containers nested thousands deep are not each read to their depth."""

    def __init__(self, root: etree._Element, gpt: Network | None, catalogue: Catalogue) -> None:
        self.googles: set[etree._Element] = set()
        self.first_other: dict[etree._Element, Owner] = {}
        for frame in root.iter("iframe"):
            owner = _frame_owner(frame, gpt, catalogue)
            if owner is None:
                continue
            node: etree._Element | None = frame
            if owner is _GOOGLES:
                while node is not None and node not in self.googles:
                    self.googles.add(node)
                    node = node.getparent()
            else:
                while node is not None and node not in self.first_other:
                    self.first_other[node] = owner  # frames come in document order
                    node = node.getparent()

    def other_owner(self, el: etree._Element) -> Owner | None:
        return None if el in self.googles else self.first_other.get(el)


# what `_frame_owner` answers for GPT's own frame or one of Google's hosts
_GOOGLES = Owner(None, None)


def _frame_owner(frame: etree._Element, gpt: Network | None, catalogue: Catalogue
                 ) -> Owner | None:
    """`_GOOGLES` for GPT's written frame or a frame of Google's (the slot is GPT's), the
    runner of another company's frame, None for a frame that says neither (blank)."""
    src = (frame.get("src") or "").strip()
    if not src.lower().startswith(("http://", "https://", "//")):
        return _GOOGLES if _GPT_FRAME.match(frame.get("id") or "") else None
    url = src if not src.startswith("//") else "https:" + src
    owner = catalogue.runner_of(url, host_of(url))
    company = (owner.network.company if owner.network is not None
               else owner.entity.company if owner.entity is not None else None)
    if owner.network is gpt or (gpt is not None and company is not None
                                and company == gpt.company):
        return _GOOGLES
    return owner


# the id GPT gives the container it writes into a slot's element
_GPT_RENDERED = lazy_regex(r"google_ads_iframe_.+__container__\Z")
# the id GPT gives the frame it writes in that container (its `_0`, or a `__hidden__` one)
_GPT_FRAME = lazy_regex(r"google_ads_iframe_.+_\d+(?:__hidden__)?\Z")


def _holds_any(el: etree._Element, others: dict[etree._Element, _Draft]) -> bool:
    return any(d in others for d in el.iterdescendants())


class _Inner(NamedTuple):
    """What the matches inside a match hold: their one network (`mixed` where they name
    several), whether any has a zone (a part), and whether every part is empty."""

    network: Network | None
    mixed: bool
    parts: bool
    parts_empty: bool


def _one_per_placement(found: dict[etree._Element, _Draft]) -> set[etree._Element]:
    """The matches that are placements: a matched wrapper around another match is not a
    second ad, unless the inner matches are its own empty parts (`_own_part_units`), and
    then it is the one placement, nothing inside it. Read from the matches' own tree (each
    match's nearest matched ancestor), each match once: boxes nested thousands deep stay
    linear, where asking each match for every match among its descendants did not."""
    above = _nearest_match_above(found)
    inside: dict[etree._Element, list[etree._Element]] = {}
    for el, parent in above.items():
        if parent is not None:
            inside.setdefault(parent, []).append(el)
    order = _children_first(found, above, inside)
    feeds = _own_part_units(found, inside, order)
    out: set[etree._Element] = set()
    in_feeds: set[etree._Element] = set()
    for el in reversed(order):  # outer ones first
        parent = above[el]
        if parent is not None and (parent in feeds or parent in in_feeds):
            in_feeds.add(el)
        elif el in feeds or el not in inside:
            out.add(el)
    return out


def _own_part_units(found: dict[etree._Element, _Draft],
                    inside: dict[etree._Element, list[etree._Element]],
                    order: list[etree._Element]) -> set[etree._Element]:
    """The units with a zone of their own holding only matches of their own network, those
    with a zone all empty (no element, no text): the parts its vendor's code inserts into
    it and has not filled yet (Outbrain's feed widget, `div.OUTBRAIN[data-widget-id=AR_7]`,
    drawn as `div.ob-widget` with its header and the `div.ob-cards` holding the feed's next
    card, `div.OUTBRAIN[data-widget-id=FMS_CP_1]`, empty in a DOM save): one placement, the
    unit the page declares, not its card. `inside`: the matches right inside each match;
    `order`: each match after those inside it (`_children_first`)."""
    summary: dict[etree._Element, _Inner | None] = {}
    for el in order:
        held: _Inner | None = None
        for kid in inside.get(el, ()):
            draft = found[kid]
            empty = not len(draft.element) and not (draft.element.text or "").strip()
            own = _Inner(draft.network, False, draft.zone_id is not None,
                         draft.zone_id is None or empty)
            for part in (own, summary[kid]):
                if part is None:
                    continue
                held = part if held is None else _Inner(
                    held.network, held.mixed or part.mixed or held.network is not part.network,
                    held.parts or part.parts, held.parts_empty and part.parts_empty)
        summary[el] = held
    return {el for el, draft in found.items()
            if draft.network is not None and draft.zone_id is not None
            and (held := summary[el]) is not None and held.parts and held.parts_empty
            and not held.mixed and held.network is draft.network}


def _nearest_match_above(found: Collection[etree._Element]
                         ) -> dict[etree._Element, etree._Element | None]:
    """Each match's nearest ancestor that is a match, every element between asked once."""
    memo: dict[etree._Element, etree._Element | None] = {}
    out: dict[etree._Element, etree._Element | None] = {}
    for el in found:
        chain: list[etree._Element] = []
        node = el.getparent()
        while node is not None and node not in found and node not in memo:
            chain.append(node)
            node = node.getparent()
        top = node if node is None or node in found else memo[node]
        for passed in chain:
            memo[passed] = top
        out[el] = top
    return out


def _children_first(found: Collection[etree._Element],
                    above: dict[etree._Element, etree._Element | None],
                    inside: dict[etree._Element, list[etree._Element]]
                    ) -> list[etree._Element]:
    """The matches, each after every match inside it (a walk of their own tree)."""
    order: list[etree._Element] = []
    stack = [el for el in found if above[el] is None]
    while stack:
        el = stack.pop()
        order.append(el)
        stack.extend(inside.get(el, ()))
    order.reverse()
    return order


# tags that load what they show: never an empty placeholder of the unit beside them
_LOADS_ITS_AD = frozenset({"script", "iframe", "frame"})


_WRAPPER_READ = 64  # the elements of a wrapper read for its unit and for text of its own


def _filled_beside(el: etree._Element, slot: _Draft, kept: dict[etree._Element, _Draft]
                   ) -> _Draft | None:
    """The unit, when `el` is an empty placeholder whose unit its vendor inserted as the
    next element (comments and space between): a match of the same network by another
    rule, that shows something. Ezoic's inserter fills some placeholders from inside and puts
    the unit beside others (`<span id="ezoic-pub-ad-placeholder-110"></span><span
    class="ezoic-ad …">…</span>`, sites' saved copies): either way one placement. Two
    empty units of one rule side by side stay two (units pasted one after another). A tag
    that loads its ad itself (a script, a frame: DART's `adj` script before a linked `jump`
    banner) is no placeholder."""
    if len(el) or (el.text or "").strip() or (el.tail or "").strip() \
            or str(el.tag).lower() in _LOADS_ITS_AD:
        return None
    unit = el.getnext()
    while unit is not None and not isinstance(unit.tag, str):  # a comment
        if (unit.tail or "").strip():
            return None
        unit = unit.getnext()
    if unit is None or not (len(unit) or (unit.text or "").strip()):
        return None
    # the unit is the next element or near the top of its wrapper: its first elements are
    # read, not all a nested page holds below (placeholders each before the next level's
    # section, thousands deep, read the levels below each: quadratic)
    beside = next((kept[x] for x in islice(unit.iter(), _WRAPPER_READ) if x in kept
                   and kept[x].network is slot.network and kept[x].rule != slot.rule
                   and (len(x) or (x.text or "").strip())), None)  # it shows something
    # a unit inside the next element is the one inserted there only when that element is
    # its wrapper: an article (text of its own) holding the vendor's in-text unit is not
    # the unit of a widget placed just above it
    if beside is None or beside.element is unit \
            or not _holds_text(unit, most=_WRAPPER_READ):
        return beside
    return None
_CODE_WORD = lazy_regex(r"[A-Za-z0-9_-]+")


def _code_words(page: ParsedPage) -> frozenset[str]:
    """The words of the page's inline code, what it decodes to, and its JSON data blocks
    (an app's state): a class its code names (`'.ads-wrapper'`, `&q;adFullbanner&q;`).
    One scan for the page, however many empty boxes ask."""
    return page.view("code words", lambda: frozenset(
        w for text in (page.script_text, *page.json_blocks) for w in _CODE_WORD.findall(text)))


def adsense_own_unfilled(el: etree._Element) -> bool:
    """Whether an AdSense `<ins>` is one its loader wrote for itself and showed no ad in:
    classed `adsbygoogle-noablate` (the class adsbygoogle.js gives the units it makes), with
    no publisher client (every unit it places for a publisher, Auto ads' too, carries
    `data-ad-client`) and no ad unit of the publisher's (`data-ad-slot`: a unit the page
    declares, its client perhaps handed over in the push's `google_ad_client`), marked
    `data-ad-status="unfilled"` (AdSense's documented mark of a unit it showed no ad in;
    "Hide unfilled ad units", support.google.com/adsense/answer/10762946). No placement of
    the page's, though the catalogue's AdSense selector (`ins.adsbygoogle`) and a list's
    rule (EasyList's `##.adsbygoogle-noablate`) match it.

    >>> from lxml import html
    >>> adsense_own_unfilled(html.fromstring(
    ...     '<ins class="adsbygoogle adsbygoogle-noablate" data-ad-status="unfilled"></ins>'))
    True
    >>> adsense_own_unfilled(html.fromstring('<ins class="adsbygoogle adsbygoogle-noablate" '
    ...     'data-ad-client="ca-pub-4417820593612278" data-ad-status="unfilled"></ins>'))
    False
    """
    return (str(el.tag).lower() == "ins"
            and "adsbygoogle-noablate" in (el.get("class") or "").split()
            and not (el.get("data-ad-client") or "").strip()
            and not (el.get("data-ad-slot") or "").strip()
            and (el.get("data-ad-status") or "").strip().lower() == "unfilled")
