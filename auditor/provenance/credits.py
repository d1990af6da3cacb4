"""Credits a page gives another publication in its visible text: "Courtesy of Forests
News", "This post originally appeared on Grist", "republished with permission from".

A credit says the text is someone else's, but not which page is the original: it has no
link, or its link sits where a scraper plugin does not write one (above the article, in
the middle of it). So a credit never names a source; it only adds to one named
otherwise, and the rest are kept as `Sources.credits` for readers that weigh a credit on
its own (the MFA scorecard's `syndicated` row). "Photo courtesy of" and "first published
on 3 May" are no credits: the first must open a text node, the second must name a place,
not a date; a site's footer and navigation speak of the site, not of the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from lxml import etree

from auditor.dom.page import ParsedPage
from auditor.dom.parser import line_of
from auditor.dom.textscan import NOT_TEXT, Scan, inside, scan_markup
from auditor.model import Evidence
from auditor.provenance.evidence import Clue, clean_url, off_site
from auditor.urls import brand, host_of, resolve

CREDIT_SOURCE = (
    r">\s*(?:courtesy of|source link|read the original(?: article)?|original source|"
    r"quelle des originals)\b|"
    r"\b(?:originally|first) (?:published|appeared|posted) (?:on|in|at|by) (?!(?:jan|feb|mar|"
    r"apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d|the \d|our |this )|"
    r"\b(?:republished|reprinted) (?:here )?(?:with (?:kind )?permission )?(?:from|of)\b|"
    r"\bzuerst erschienen (?:auf|bei|in)\b|\bursprünglich (?:veröffentlicht|erschienen) "
    r"(?:auf|bei|in)\b|\bpublié (?:initialement|à l'origine) (?:sur|par|dans)\b")
CREDIT_NEEDLES = ("courtesy of", "source link", "read the original", "original source",
                  "quelle des originals", "originally", "first published", "first appeared",
                  "first posted", "republished", "reprinted", "zuerst erschienen",
                  "ursprünglich", "publié")
CREDIT = Scan.of(CREDIT_SOURCE, CREDIT_NEEDLES)
BOILERPLATE = NOT_TEXT | {"footer", "nav"}
LINE_CHARS = 160  # a credit's line; past it, the sentence around the credit is shown
MAX_CREDITS = 8  # credit lines kept a page: more says nothing more

# Inline elements: a line of text runs through them (credits here, attributions in markup)
INLINE = frozenset({"a", "b", "strong", "em", "i", "span", "small", "u", "font", "label",
                    "cite", "sup", "sub", "mark", "abbr", "time", "code", "q", "s", "bdi"})


MAX_EXAMINED = 64  # candidate credits looked up a page: a hostile page holds thousands
_HOLDING: Any = etree.XPath("//text()[contains(., $s)] | //meta[contains(@content, $s)]")


def credit_clues(page: ParsedPage, url: str | None, first_party: str | None,
                 cited: Sequence[str]) -> Iterator[Clue]:
    """One clue per element holding a credit, outside footers and navigation; `cited`
    are the xpaths of attributions already read as evidence (not counted twice). A
    credit's host is its line's off-site link, "" when it has none. At most
    MAX_EXAMINED candidates are looked at, each in its own text node (`_Holders`)."""
    seen: set[str] = set()
    holders = _Holders(page)
    for examined, (found, pos) in enumerate(scan_markup(page, CREDIT)):
        if examined >= MAX_EXAMINED or len(seen) >= MAX_CREDITS:
            return
        number, shown = holders.at(found, pos)
        if shown is None:
            continue
        node, tail = shown
        parent = node.getparent() if tail else None
        line = _line_element(node if parent is None else parent)
        path = page.xpath(line)
        if path in seen or any(_nested(path, c) for c in cited):
            continue
        seen.add(path)
        text, host, target = words(line), "", None
        if _own_edition(text, found, first_party):
            continue
        if len(text) > LINE_CHARS:
            text = _around(text, found)
        else:
            host, target = _link(line, url, first_party)
        yield Clue(Evidence("credit", text, number, path), host, target)


class _Holders:
    """The text node holding each candidate, in one pass per phrase: the nodes holding
    a phrase are found once (not per candidate, which was quadratic) and matched to the
    candidates in order, by line, so each candidate resolves to its own node (not to
    the first node holding the phrase). Candidates come in markup order."""

    def __init__(self, page: ParsedPage) -> None:
        self.page = page
        self.nodes: dict[str, list[tuple[int, etree._Element, bool]]] = {}
        self.cursor: dict[str, int] = {}
        self.newlines, self.pos = 0, 0

    def at(self, found: str, pos: int) -> tuple[int, tuple[etree._Element, bool] | None]:
        """The candidate's line, and its element (and whether the text is its tail)
        when that is visible text outside BOILERPLATE."""
        self.newlines += self.page.lowered.count(b"\n", self.pos, pos)
        self.pos, number = pos, self.newlines + 1
        text = found.lstrip(">").rstrip("<").strip()  # patterns anchored at tags
        needle = max(re.split(r"&[#\w]+;|['’]", text), key=len)
        if needle not in self.nodes:
            self.nodes[needle] = [_holder(node) for node in _HOLDING(self.page.root, s=needle)]
        nodes, j = self.nodes[needle], self.cursor.get(needle, 0)
        pick = None
        while j < len(nodes):
            if nodes[j][0] >= number:  # on the candidate's line, else past it
                pick = j if nodes[j][0] == number or pick is None else pick
                break
            pick, j = j, j + 1  # before it: the last such holds it (a tail, a long tag)
        if pick is None:
            return number, None
        self.cursor[needle] = pick + 1
        _, el, tail = nodes[pick]
        return number, None if inside(el, BOILERPLATE) else (el, tail)


def _own_edition(text: str, found: str, first_party: str | None) -> bool:
    """Whether a credit names the page's own publisher: "This article originally appeared
    on VICE US" on vice.com/en_uk is one edition crediting another, not a copy of another
    publication's text."""
    name = brand(first_party).split(".")[0] if first_party else ""  # gazette.test: gazette
    if len(name) < 3:
        return False
    at = text.lower().find(found.lower())
    credited = text[at + len(found) : at + len(found) + 60] if at >= 0 else ""
    return re.search(rf"\b{re.escape(name)}\b", credited, re.I) is not None


def _holder(node: Any) -> tuple[int, etree._Element, bool]:
    el = node if isinstance(node, etree._Element) else node.getparent()
    return line_of(el), el, bool(getattr(node, "is_tail", False))


def _nested(a: str, b: str) -> bool:
    """One xpath is the other or inside it (`/p[1]` holds `/p[1]/a`, not `/p[10]`)."""
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _line_element(el: etree._Element) -> etree._Element:
    """The block around an inline element (`<p><em>Courtesy of …</em></p>` is the p)."""
    while el.tag in INLINE and (parent := el.getparent()) is not None:
        el = parent
    return el


# An element's string value, run together by libxml2: itertext joined in Python took
# four times as long over the corpus's elements (the attribution scan reads the text
# before every off-site link)
_STRING_VALUE: Any = etree.XPath("string()", smart_strings=False)


def text_of(el: etree._Element) -> str:
    """An element's text, comments and processing instructions left out."""
    return str(_STRING_VALUE(el))


def norm(text: str) -> str:
    """Whitespace runs as one space, none at either end."""
    return " ".join(text.split())


def words(el: etree._Element) -> str:
    """An element's text as shown."""
    return norm(text_of(el))


def _around(text: str, match: str) -> str:
    """A long paragraph clipped to the sentence part holding the credit."""
    at = max(0, text.lower().find(" ".join(match.split()).lower()))
    start = max(0, at - 40)
    clipped = text[start: start + LINE_CHARS]
    return ("…" if start else "") + clipped + ("…" if start + LINE_CHARS < len(text) else "")


def _link(line: etree._Element, url: str | None, first_party: str | None
          ) -> tuple[str, str | None]:
    """The line's first off-site link: the publication the credit names."""
    for anchor in line.iter("a"):
        target = resolve(anchor.get("href") or "", url) or ""
        host = host_of(target) if target[:8].lower().startswith(("http://", "https://")) else ""
        if host and off_site(host, first_party):
            return host, clean_url(target)
    return "", None
