"""An ad's own code inside its frame: the creative's IDs, not the page operator's.

A page saved from a browser (SingleFile, "save complete page", a DOM snapshot) keeps the
documents of the frames ads were served into, as `srcdoc` or as the markup a
`javascript:` src writes. Scripts there run the creative: an advertiser's conversion tag
(`google_conversion_id`), its Meta pixel (`fbq('init', …)`), its analytics. Read as the
page's, they would tie the page to the advertiser's accounts. So an ID that only such code
writes (no script, frame or request of the page's own holds it) is marked the creative's
(`Origin.CREATIVE`): like an adware's it makes no network the page's and joins no sites.
What the frame's document loads (a pixel's URL, a conversion tag's) is the creative's too,
whether the copy keeps the document inline or as an MHTML archive's frame part, and a tag
commented out in it is; a tag the page keeps commented out itself is the operator's.

A frame is an ad's when it sits in an ad slot or is one (a GPT div's friendly iframe, an
AdSense frame, a placement the slot pass made at a frame). The slot's own network's IDs
stay the operator's: a page's ad module writing its AdSense unit into a frame
(`google_ad_client = "ca-pub-…"`, tests/test_frame_written_units.py) sets up the
operator's account, which the creative never names. A frame outside every slot (a site's
widget written into a frame) runs the site's code: its IDs stay the operator's; one holding
another site's document (a game embed, a player) names that site's, none of the operator's
(`walk.other_sites_frames`, read before the IDs are).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lxml import etree

from auditor.dom.page import ParsedPage
from auditor.dom.walk import HeldDocument, from_own_site, held_request
from auditor.literals import id_words
from auditor.model import Identifier, Origin
from auditor.resources import Sighting
from auditor.slots import FoundSlot


def slot_frames(page: ParsedPage, slots: Sequence[FoundSlot]
                ) -> dict[etree._Element, FoundSlot]:
    """Each frame of the page in an ad slot (or one itself), with its nearest slot. Each
    element is climbed once: a climb stops where an earlier one passed."""
    boxes = {s.element: s for s in slots}
    nearest: dict[etree._Element, FoundSlot | None] = {}
    out: dict[etree._Element, FoundSlot] = {}
    for frame in page.frames:
        climbed: list[etree._Element] = []
        el: etree._Element | None = frame
        found: FoundSlot | None = None
        while el is not None:
            if el in nearest:
                found = nearest[el]
                break
            climbed.append(el)
            if el in boxes:
                found = boxes[el]
                break
            el = el.getparent()
        for each in climbed:
            nearest[each] = found
        if found is not None:
            out[frame] = found
    return out


def creative_requests(sightings: Sequence[Sighting], held: dict[etree._Element, FoundSlot],
                      documents: Sequence[HeldDocument] = (), site: str | None = None
                      ) -> frozenset[str]:
    """The URLs only an ad's creative requests: what the document an ad slot's frame
    holds loads (`held`, `slot_frames`; its pixels, its conversion tag, its image on
    another server's host), and no element of the page's own, nor a frame part from the
    page's own site (`site`: the site's ad module, its code). The ad server chose them,
    not the publisher: they name none of the page's networks, as the IDs they carry are
    the creative's (`creative_ids`). A request of the slot's own network (GPT's view
    pixel in its frame) is the ad server's the page chose, as its IDs are."""
    if not held:
        return frozenset()
    own = {d.frame for d in documents if d.frame in held and from_own_site(d, site)}
    theirs: set[str] = set()
    pages: set[str] = set()
    for s in sightings:
        slot = held.get(s.found.element)
        if (slot is not None and s.found.element not in own and held_request(s.found)
                and (slot.network is None or s.network_name != slot.network.name)):
            theirs.add(s.url)
        else:
            pages.add(s.url)
    return frozenset(theirs - pages)


# (value, network) of an ID the creative writes -> why it is the creative's
Creatives = dict[tuple[str, str | None], str]


def creative_ids(ids: Sequence[Identifier], page: ParsedPage,
                 held: dict[etree._Element, FoundSlot], sightings: Sequence[Sighting],
                 documents: Sequence[HeldDocument] = (),
                 site: str | None = None) -> Creatives:
    """The creative's among `ids`, each with why: an operator's ID that the scripts of an ad
    slot's frame (`held`, `slot_frames`) write, or the document it holds (`documents`,
    `walk.held_frames`: a `srcdoc`, a saved copy's frame part) loads, of a network other than
    the slot's, and that no other script of the page, no other frame's and none of its requests
    outside those frames holds. An MHTML archive keeps a creative's document as a part, not a
    `srcdoc`: its pixel's and its conversion tag's URLs are the creative's as an inline
    creative's scripts are. A part loaded from the page's own site (`site`: the site's ad module
    at its own address) is the site's code, no creative: what it holds stays the operator's.
    Read once a page, before the snippets' loaders are built (a creative's ID builds none);
    `marked_creative` marks them once the other origins are read."""
    out: Creatives = {}
    if not ids or not held:
        return out
    theirs: dict[str, list[FoundSlot]] = {}  # a word → the slots whose frames' code holds it
    for frame, slot in held.items():
        for code in page.frame_scripts(frame):
            for word in id_words(code):
                theirs.setdefault(word, []).append(slot)
    own = [d for d in documents if from_own_site(d, site)]
    for held_doc in documents:
        frame, markup = held_doc.frame, held_doc.markup
        if (box := held.get(frame)) is not None and not from_own_site(held_doc, site):
            for word in id_words(markup):
                theirs.setdefault(word, []).append(box)
    if not theirs:
        return out
    elsewhere: set[str] | None = None  # the words of the page's own code and requests
    for ident in ids:
        owner = next((s for s in theirs.get(ident.value, ())
                      if s.network is None or s.network.name != ident.network), None)
        if owner is not None and ident.origin is Origin.OPERATOR:
            if elsewhere is None:
                texts = [*page.script_texts, *(s.url for s in sightings
                                              if s.found.element not in held)]
                texts += [c for f in page.frames if f not in held for c in page.frame_scripts(f)]
                # a tag the page keeps commented out is the operator's (`commented_out`),
                # and so is what a frame outside every slot holds
                texts += [c.text for c in page.comments if c.text]
                texts += [d.markup for d in documents if d.frame not in held]
                texts += [d.markup for d in own if d.frame in held]
                elsewhere = set().union(*map(id_words, texts))
            if ident.value not in elsewhere:
                where = f"a {owner.network.name} ad slot" if owner.network else "an ad slot"
                out[ident.value, ident.network] = (
                    f"the code of the ad served into {where}'s frame writes it, not the site")
    return out


def marked_creative(ids: Sequence[Identifier], creatives: Creatives
                    ) -> tuple[Identifier, ...]:
    """`ids` with the creative's (`creative_ids`) marked `Origin.CREATIVE`, `why` naming
    the slot's network: those still the operator's after the copy's, the look-alikes'
    and the adware's were marked, which come first."""
    if not creatives:
        return tuple(ids)
    return tuple(replace(i, origin=Origin.CREATIVE, why=why)
                 if i.origin is Origin.OPERATOR
                 and (why := creatives.get((i.value, i.network))) is not None else i
                 for i in ids)
