"""A slot's size in markup bytes, and the frozen `Slot` the report carries."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from auditor.dom.page import ParsedPage
from auditor.model import Category, Slot
from auditor.slots.found import FoundSlot


def markup_bytes(el: etree._Element) -> int:
    """Bytes of an element's markup as served (UTF-8), without its tail text."""
    return len(etree.tostring(el, encoding="utf-8", with_tail=False, method="html"))


def markup_sizes(elements: Iterable[etree._Element]) -> dict[etree._Element, int]:
    """`markup_bytes` of each element, each byte of the markup serialised once: a box
    nested in a box is measured as part of its holder, so a page of boxes nested a
    thousand deep is not serialised a thousand times over (quadratic)."""
    targets = set(elements)
    holds: set[etree._Element] = set()  # the ancestors of a target, each climbed once
    for el in targets:
        parent = el.getparent()
        while parent is not None and parent not in holds:
            holds.add(parent)
            parent = parent.getparent()
    sizes: dict[etree._Element, int] = {}
    inner = holds | targets
    for el in targets:
        if el not in sizes:
            _measure(el, inner, sizes)
    return {el: sizes[el] for el in targets}


def _measure(top: etree._Element, inner: set[etree._Element],
             sizes: dict[etree._Element, int]) -> None:
    """Fill `sizes` for `top` and each element under it of `inner` (targets and their
    ancestors), from the bottom up (a loop, not recursion: hostile nesting is deeper than
    Python's stack): an element's bytes are its own tag and text and its children's."""
    stack: list[tuple[etree._Element, bool]] = [(top, False)]
    while stack:
        el, children_done = stack.pop()
        if el in sizes:
            continue
        measured = [c for c in el if c in inner and c not in sizes]
        if not children_done and measured:
            stack.append((el, True))
            stack.extend((c, False) for c in measured)
            continue
        sizes[el] = _own_bytes(el) + sum(
            sizes[c] + _tail_bytes(c) if c in sizes else _with_tail_bytes(c) for c in el)


def _own_bytes(el: etree._Element) -> int:
    """An element's start tag, text and end tag, serialised as `markup_bytes` does: a
    copy holding one empty comment where its children were (libxml2 leaves out an empty
    `li`'s end tag, so the copy is not left empty). An attribute with an empty value
    serialises as written (`hidden` or `hidden=""`), which a copy cannot tell: such an
    element is measured in place, its children set aside for the comment and put back
    (serialised whole, nested boxes each with `hidden` were quadratic)."""
    if len(el) == 0:
        return markup_bytes(el)
    if any(not value for value in el.attrib.values()):
        return _own_bytes_in_place(el)
    try:
        bare = el.makeelement(el.tag, {str(k): str(v) for k, v in el.attrib.items()})
    except (ValueError, TypeError):  # a name lxml will not build: measured in place
        return _own_bytes_in_place(el)
    bare.text = el.text
    bare.append(etree.Comment(""))
    return markup_bytes(bare) - len(b"<!---->")


def _own_bytes_in_place(el: etree._Element) -> int:
    """`_own_bytes` of `el` itself: its children (each with its tail) moved out for one
    empty comment while it is serialised, then moved back in order."""
    children = list(el)
    stand_in = etree.Comment("")
    el.insert(0, stand_in)
    try:
        for child in children:
            el.remove(child)
        return markup_bytes(el) - len(b"<!---->")
    finally:
        el.remove(stand_in)
        el.extend(children)


def _with_tail_bytes(el: etree._Element) -> int:
    return len(etree.tostring(el, encoding="utf-8", with_tail=True, method="html"))


def _tail_bytes(el: etree._Element) -> int:
    """An element's tail as it serialises (escaped), without the element."""
    if not el.tail:
        return 0
    carrier = etree.Element("b")
    carrier.tail = el.tail
    return _with_tail_bytes(carrier) - markup_bytes(carrier)


def freeze(slot: FoundSlot, page: ParsedPage,
           sizes: dict[etree._Element, int] | None = None) -> Slot:
    """The report's slot, cited at the line its start tag opens on; `sizes` from
    `markup_sizes` when many slots are frozen."""
    el = slot.element
    return Slot(
        network=slot.network.name if slot.network else None,
        line=page.start_line(el),
        xpath=page.xpath(el),
        rule=slot.rule,
        list=slot.list_name,
        zone_id=slot.zone_id,
        width=slot.width,
        height=slot.height,
        kind="ad",
        category=slot.network.category if slot.network else Category.ADVERTISING,
        markup_bytes=sizes[el] if sizes is not None and el in sizes else markup_bytes(el),
        company=slot.network.company if slot.network else slot.company,
    )
