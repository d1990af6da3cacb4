"""Phrase patterns over a page's visible text, found at memchr speed.

A case-blind regex alternation over a whole large page cost more than the rest of the
audit. So a pattern is written in lower case and run over the page's lowered bytes
(`ParsedPage.lowered`, no re.I), only around the occurrences of its literal needles;
each candidate is then kept only where a text node outside scripts, styles and
templates (or a meta's content) holds it. The MFA scorecard's phrase rows and the
provenance credits read the page through here, so both judge "visible" alike.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator
from itertools import accumulate
from typing import Any, NamedTuple

from lxml import etree

from auditor.dom.page import SHOWN_SKIPS, ParsedPage, shown_nodes

# A match is searched from this many bytes before a needle to this many after it: the
# needles sit inside their phrases, and a phrase is at most about a hundred bytes
NEEDLE_BEFORE, NEEDLE_AFTER = 48, 160
NOT_TEXT = frozenset({"script", "style", "template", "noscript", "textarea", "code", "pre"})
_TEXT_HOLDING: Any = etree.XPath("//text()[contains(., $s)] | //meta[contains(@content, $s)]")


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def aligned_lower(text: str) -> str:
    """`text` lowered with its offsets still `text`'s, for a scan that finds a word in
    the lowered text and reads or matches `text` there. `str.lower` turns an "İ" into
    two characters; then only ASCII letters are lowered (the words sought are ASCII).

    >>> aligned_lower("İ Refresh"), aligned_lower("AutoPlay")
    ('İ refresh', 'autoplay')
    """
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


class Scan(NamedTuple):
    """A lower-case pattern compiled for both reads, and the literals a page must hold."""

    text: re.Pattern[str]  # a text scrape, case-blind
    markup: re.Pattern[bytes]  # the page's lowered markup
    needles: tuple[bytes, ...]

    @classmethod
    def of(cls, source: str, needles: Iterable[str] = ()) -> Scan:
        return cls(re.compile(source, re.I), re.compile(source.encode()),
                   tuple(n.encode() for n in needles))


class Shown(NamedTuple):
    """A candidate a visible node holds: the match in the page's own case, its byte
    offset in the markup, and the element holding it (a meta for its content): its
    text, or its tail when `tail` (the text after it, inside its parent)."""

    text: str
    pos: int
    element: etree._Element
    tail: bool = False


def scan(pattern: Scan, low: bytes, held: Collection[bytes] | None = None
         ) -> list[re.Match[bytes]]:
    """The pattern's matches in `low`, searched only around its needles' occurrences;
    `held`, when known, are the needles `low` holds (the others are not looked for)."""
    if not pattern.needles:
        return list(pattern.markup.finditer(low))
    starts: dict[int, re.Match[bytes]] = {}
    for needle in pattern.needles:
        if held is not None and needle not in held:
            continue
        at = low.find(needle)
        while at >= 0:
            m = pattern.markup.search(low, max(0, at - NEEDLE_BEFORE), at + NEEDLE_AFTER)
            if m is not None:
                starts.setdefault(m.start(), m)
            at = low.find(needle, at + 1)
    return [starts[k] for k in sorted(starts)]


def scan_markup(page: ParsedPage, pattern: Scan, keep: Any = None) -> Iterator[tuple[str, int]]:
    """The matches over the lowered markup, shown in the page's own case (the lowered
    bytes line up with the markup's), with their byte offsets."""
    return ((page.markup[m.start():m.end()].decode("utf-8", "replace"), m.start())
            for m in scan(pattern, page.lowered, page.holding(pattern.needles))
            if keep is None or keep(m))


def visible(page: ParsedPage, found: Iterable[tuple[str, int]],
            skip: frozenset[str] = NOT_TEXT) -> Iterator[Shown]:
    """Candidates a regex found (most pages have none), each kept if a text node outside
    the elements `skip` names (or a meta's content) holds it; lazily, so a caller that
    has seen enough stops the look-ups. A needle is looked up once a page (a phrase
    repeated 10,000 times in a script is one look-up), in a view of the text nodes
    built once (not one XPath over the whole tree per candidate)."""
    gated = skip >= SHOWN_SKIPS  # page.shown_text leaves out only what `skip` does
    memo: dict[str, tuple[etree._Element, bool] | None] = page.view(
        "visible:" + ",".join(sorted(skip)), dict)
    for text, pos in found:
        text = text.lstrip(">").rstrip("<").strip()  # patterns anchored at tags
        needle = max(re.split(r"&[#\w]+;|['’]", text), key=len)
        if needle in memo:
            held = memo[needle]
        elif gated and needle not in page.shown_text:
            held = memo[needle] = None  # in a script or style only (most candidates)
        else:
            held = memo[needle] = _holder(page, needle, skip)
        if held is not None:
            yield Shown(text, pos, held[0], held[1])


class _TextView(NamedTuple):
    """The text shown outside `skip` (`shown_nodes`), in document order, run together
    with NUL between the nodes; `starts` are their offsets in `joined`."""

    joined: str
    starts: list[int]
    nodes: list[tuple[etree._Element, bool]]


def _holder(page: ParsedPage, needle: str, skip: frozenset[str]
            ) -> tuple[etree._Element, bool] | None:
    """The first element in document order (and whether by its tail) whose text, tail
    or meta content outside `skip` (`shown_nodes`) holds `needle`; a needle the joined
    view cannot answer (empty, or holding its NUL) is sought by XPath."""
    if not needle or "\x00" in needle:  # the view cannot answer these: the tree can
        for node in _TEXT_HOLDING(page.root, s=needle):
            el = node if isinstance(node, etree._Element) else node.getparent()
            if el is not None and not inside(el, skip):
                return el, bool(getattr(node, "is_tail", False))
        return None
    view: _TextView = page.view("textview:" + ",".join(sorted(skip)),
                                 lambda: _text_view(page.root, skip))
    at = view.joined.find(needle)
    if at < 0:
        return None
    return view.nodes[bisect_right(view.starts, at) - 1]


def _text_view(root: etree._Element, skip: frozenset[str]) -> _TextView:
    """The text the page shows outside `skip` (`shown_nodes`), run together."""
    nodes = shown_nodes(root, skip)
    starts = list(accumulate((len(text) + 1 for text, _, _ in nodes), initial=0))[:-1]
    return _TextView("\x00".join([text for text, _, _ in nodes]), starts,
                     [(el, tail) for _, el, tail in nodes])


def inside(el: etree._Element, skip: frozenset[str] = NOT_TEXT) -> bool:
    """`el` or one of its ancestors is one of the elements `skip` names."""
    node: etree._Element | None = el
    while node is not None:
        if isinstance(node.tag, str) and node.tag.lower() in skip:
            return True
        node = node.getparent()
    return False
