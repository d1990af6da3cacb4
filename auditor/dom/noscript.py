"""What sits inside an HTML `<noscript>`: one meaning for every reader (a frame's fallback,
a pasted pop tag's inert copy, a vendor slot's no-script twin, a sheet that never applies).

A browser with scripts on reads an HTML `<noscript>` as text, and with them off runs no
script, so nothing inside one runs or loads beside the page's scripts. A `noscript` inside
`<svg>` or `<math>` is a foreign element of that name, not the HTML one (an SVG `<script>`
under it runs), until an HTML integration point (`<foreignObject>`, `<desc>`, `<title>`,
`<annotation-xml>`) goes back to HTML. The parser (libxml2) builds no foreign content, so
the names are read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from auditor.lazy_re import lazy_regex

# SVG's and MathML's roots, where a browser builds foreign elements, and the points inside
# them where it goes back to HTML
_FOREIGN_ROOTS = frozenset({"svg", "math"})
_HTML_ISLANDS = frozenset({"foreignobject", "desc", "title", "annotation-xml"})
_MARKED = _FOREIGN_ROOTS | _HTML_ISLANDS | {"noscript"}  # the names `_enter` reads

# per element asked: the nearest HTML `<noscript>` that is it or holds it, and whether
# its children are foreign (inside `<svg>` or `<math>`)
NoscriptMemo = dict[etree._Element, tuple[etree._Element | None, bool]]


def _enter(name: str, foreign: bool) -> tuple[bool, bool]:
    """Entering an element of tag `name` from a parent whose children are `foreign`:
    whether it is an HTML `<noscript>`, and whether its children are foreign."""
    if name in _FOREIGN_ROOTS:
        return False, True
    if name in _HTML_ISLANDS:
        return False, False
    return name == "noscript" and not foreign, foreign


def release_deepest_first(memo: NoscriptMemo) -> None:
    """Empty `memo` last-in first: lxml frees an element's proxy by walking up to the
    nearest ancestor that still has one, and the memo went in root-first, so emptied in
    its own order each ancestor's walk would climb a hostile page's thousand open `<div>`s
    to the root; emptied this way, each walk is one step."""
    while memo:
        memo.popitem()


def noscript_holding(el: etree._Element, memo: NoscriptMemo | None = None
                     ) -> etree._Element | None:
    """The nearest HTML `<noscript>` holding `el` (not `el` itself). `memo` keeps each
    ancestor's answer across calls, so a page's elements are each walked once: units
    nested under a thousand open `<div>`s walked the whole ancestry each.

    >>> from lxml import html
    >>> body = html.fromstring("<div><noscript><script>x</script></noscript>"
    ...     "<svg><noscript><script>y</script></noscript></svg></div>")
    >>> [noscript_holding(s) is not None for s in body.iter("script")]
    [True, False]
    """
    memo = {} if memo is None else memo
    path: list[etree._Element] = []
    node = el.getparent()
    state: tuple[etree._Element | None, bool] = (None, False)
    while node is not None:
        if node in memo:
            state = memo[node]
            break
        path.append(node)
        node = node.getparent()
    for step in reversed(path):
        name = str(step.tag).lower()
        if name in _MARKED:  # else the parent's state, shared
            opens, foreign = _enter(name, state[1])
            state = (step if opens else state[0], foreign)
        memo[step] = state
    return state[0]


def in_noscript(xpath: str) -> bool:
    """Whether the element at `xpath` (a finding's or resource's) sits inside an HTML
    `<noscript>`: `noscript_holding` for an element known by its path.

    >>> in_noscript("/html/body/div[2]/noscript/script"), in_noscript("/html/body/script")
    (True, False)
    >>> in_noscript("/html/body/svg/noscript/script")
    False
    >>> in_noscript("/html/body/svg/foreignObject/noscript/script")
    True
    """
    foreign = False
    for step in xpath.lower().split("/")[:-1]:
        opens, foreign = _enter(step.split("[", 1)[0], foreign)
        if opens:
            return True
    return False


# an address a tag written as text names: `src="…"` / `href="…"` (quoted either way)
_TEXT_ADDRESS = lazy_regex(r"""\b(?:src|href)\s*=\s*(?:"([^"<>]{1,2000})"|'([^'<>]{1,2000})')""",
                           re.I)
_MAX_TEXT = 20_000  # a noscript's fallback is a tag or two; more is prose


def escaped_addresses(noscripts: Iterable[etree._Element]) -> list[str]:
    """The addresses the tags of each `<noscript>` held as text name: a browser's save of
    the live DOM (scripts on) writes a noscript's content as text (`&lt;img src="…"&gt;`),
    so a vendor's no-script pixel reads `<img …>` as characters, not as an image. Read for
    the IDs its address carries, as the same pixel's in markup is; nothing loads them.

    >>> from lxml import html
    >>> body = html.fromstring('<div><noscript>&lt;img src="https://b.example/p?c2=7"&gt;'
    ...     '</noscript></div>')
    >>> escaped_addresses(body.iter("noscript"))
    ['https://b.example/p?c2=7']
    """
    found: list[str] = []
    for el in noscripts:
        text = el.text or ""
        if len(el) or "<" not in text[:_MAX_TEXT]:
            continue  # tags parsed as elements, or no tag written as text
        found += [a or b for a, b in _TEXT_ADDRESS.findall(text[:_MAX_TEXT])]
    return found
