"""What the slot readers hand each other: a found slot, a draft of one, and the few tree
readings (is it inside, the nearest match above, text of its own) every reader asks.

Kept apart so the readers can share them without importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from auditor.catalogue import CATALOGUE_LIST, Network, canonical_id


@dataclass(frozen=True, slots=True)
class FoundSlot:
    """A slot as found, complete: its element and what declares it (the report's
    model.Slot adds where it is cited, `freeze`)."""

    element: etree._Element
    network: Network | None
    rule: str | None
    list_name: str | None
    zone_id: str | None = None
    id_kind: str | None = None
    width: int | None = None
    height: int | None = None
    extra_elements: tuple[etree._Element, ...] = ()  # the scripts that configure it
    # who serves it where no network is named: the company the catalogue files the host
    # its own frame requests under (`resources.advertising_companies`)
    company: str | None = None
    # the ad server whose renderer wrote its frame inside (GPT's container in a managed
    # stack's element): shown on the page, though the placement is the stack's
    served_by: Network | None = None


@dataclass(slots=True)
class _Draft:
    """A declared slot while the inline scripts that name it are read (`declared_slots`)."""

    element: etree._Element
    network: Network | None
    rule: str
    zone_id: str | None = None
    id_kind: str | None = None
    width: int | None = None
    height: int | None = None
    extra_elements: list[etree._Element] = field(default_factory=list)
    # every size the declaring call offers (GPT's `[[300, 250], [300, 600]]`)
    offered: frozenset[tuple[int, int]] = frozenset()
    held: etree._Element | None = None  # the div inside it a call fills (`_box_round`)
    written: str | None = None  # the unit's id, where a script that writes it stands for it
    at: int | None = None  # where its declaring call opens in the script's text
    # the zone is the comment's before the element (`SlotSpec.zone_beside`): a call naming
    # the unit replaces it
    zone_beside: bool = False
    served_by: Network | None = None  # as FoundSlot's

    def done(self) -> FoundSlot:
        zone = canonical_id(self.id_kind, self.zone_id)
        return FoundSlot(self.element, self.network, self.rule, CATALOGUE_LIST, zone,
                         self.id_kind if zone else None, self.width, self.height,
                         tuple(self.extra_elements), served_by=self.served_by)


# an element with more text of its own than an ad's label (`Anzeige`, `Advertisement ·
# Continue reading below`) is the page's content, where an outstream renderer may put its
# player (a unit coded `article-body`): the ad is in it, the element is no ad. A link's
# text is not counted: a native ad rendered in its unit's element is a link, its title
# and blurb and all, where an article's text is not
_UNIT_TEXT = 120


def _holds_text(el: etree._Element, at_least: int = _UNIT_TEXT, most: int | None = None
                ) -> bool:
    """Whether `el` holds `at_least` characters of text outside scripts, styles,
    templates and links (whitespace left out); in its first `most` elements, if given."""
    chars, hidden = 0, 0
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if most is not None:
                most -= 1
                if most < 0:
                    return False
            if node.tag in _NOT_TEXT:
                hidden += 1
            elif not hidden:
                chars += _own_chars(node)
            continue
        if node.tag in _NOT_TEXT:
            hidden -= 1
        if not hidden and node is not el:  # a child's tail
            chars += len("".join((node.tail or "").split()))
        if chars >= at_least:
            return True
    return False


def _own_chars(el: etree._Element) -> int:
    """The characters (whitespace left out) of an element's own text: its text, and the
    text after each comment or PI among its children. The walks that count text visit
    elements only (lxml's iterwalk asked for comment events is quadratic in side-by-side
    comments), so a comment's tail is counted with its parent."""
    return len("".join((el.text or "").split())) + sum(
        len("".join((c.tail or "").split())) for c in el.iterchildren(etree.Comment, etree.PI))


def _is_inside(el: etree._Element, others: set[etree._Element]) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent in others:
            return True
        parent = parent.getparent()
    return False


# A page's landmarks (the document, its main content, header, footer, navigation) that
# hold the page's own text and nothing an ad shows in are the page, not an ad unit: a
# generic rule's class name hides one by accident (`##.ad_Right` on a newspaper's footer
# of links). A landmark round a frame, an `<ins>`, an object, a video or anything that
# loads an ad network (its banner, its loader) stays a slot, caption or not, as does one a
# list hides for the site (`example.com##footer.ad`); a site's own images (its logo) do
# not keep one. `article` and `aside` are where feeds and sidebars put native ads, so no
# landmarks.
_LANDMARKS = frozenset({"html", "body", "main", "header", "footer", "nav"})
_NOT_SHOWN = frozenset({"script", "style", "noscript", "template", "textarea"})
_NOT_TEXT = _NOT_SHOWN | {"a"}  # what `_holds_text` counts none of


class _NearestAbove:
    """The nearest ancestor of an element in `targets`, each element climbed once: a
    climb stops where an earlier one passed and takes its answer."""

    def __init__(self, targets: set[etree._Element]) -> None:
        self.targets = targets
        self.memo: dict[etree._Element, etree._Element | None] = {}  # non-target: its answer

    def __call__(self, el: etree._Element) -> etree._Element | None:
        climbed: list[etree._Element] = []
        node = el.getparent()
        found: etree._Element | None = None
        while node is not None:
            if node in self.targets:
                found = node
                break
            if node in self.memo:
                found = self.memo[node]
                break
            climbed.append(node)
            node = node.getparent()
        for step in climbed:
            self.memo[step] = found
        return found


def _words(el: etree._Element) -> str:
    """An element's text, its runs of whitespace made one space."""
    return " ".join("".join(str(t) for t in el.itertext()).split())
