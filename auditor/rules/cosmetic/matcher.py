"""The cosmetic matcher: an index's selectors against pages, each compiled form cached."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cssselect import SelectorError
from lxml import etree

from auditor.dom.parser import elements, in_document_order
from auditor.rules.cosmetic.compound import Check, compound_checks, passes
from auditor.rules.cosmetic.features import PageFeatures, PageViews
from auditor.rules.cosmetic.guards import Guard, guard_key, guard_plan, required_names
from auditor.rules.cosmetic.index import (
    E_EXC,
    E_GUARD,
    E_LINE,
    E_LIST,
    E_PROC,
    E_SEL,
    E_TEXT,
    CosmeticIndex,
    Entry,
    selector_key,
)
from auditor.rules.cosmetic.procedural import (
    PAGE_PROCEDURAL_BUDGET,
    Finder,
    OverBudget,
    compile_selector,
)
from auditor.rules.cosmetic.selectors import split_top
from auditor.rules.cosmetic.xpath import local_xpath


@dataclass(frozen=True, slots=True)
class CosmeticHit:
    """An element a `##` rule hides on this page, and the rule that hides it."""

    element: Any  # lxml.html.HtmlElement; Any keeps lxml types out of the public API
    rule: str
    list: str
    line: int



def _bad_selector(root: Any, deadline: float = math.inf) -> list[Any]:
    """The finder of a selector we could not translate: it matches nothing."""
    return []


class CosmeticMatcher:
    """Evaluates a CosmeticIndex against pages, caching each selector's compiled forms.

    A keyed selector is evaluated only from the elements carrying its key (an id
    lookup, one batched attribute query for all candidate classes, ...), through an
    element-local XPath (`local_xpath`); the rest are evaluated from the root.
    """

    __slots__ = (
        "_compounds",
        "_finders",
        "_guarded",
        "_keyed_names",
        "_keys",
        "_local",
        "_needs",
        "_plan",
        "_tag_query",
        "_unguarded",
        "failed",
        "index",
        "over_budget",
    )

    def __init__(self, index: CosmeticIndex) -> None:
        self.index = index
        self._finders: dict[str, Finder] = {}
        self._local: dict[tuple[str, str], etree.XPath | None] = {}
        self._compounds: dict[str, tuple[str | None, tuple[Check, ...]] | None] = {}
        self._keys: dict[str, str | None] = {}
        self._needs: dict[str, tuple[bytes, ...]] = {}
        self.failed: dict[str, str] = {}  # selector -> why it could not be evaluated
        self.over_budget: dict[str, int] = {}  # selector -> pages it ran out of time on
        # unkeyed entries: evaluated from the root, or filed by their guard
        self._unguarded: list[Entry] = []
        self._guarded: dict[Guard, list[Entry]] = {}
        for e in index.unkeyed:
            g = e[E_GUARD]
            if g is None:
                self._unguarded.append(e)
            else:
                self._guarded.setdefault(g, []).append(e)
        self._plan = guard_plan(self._guarded)
        # kind of key -> name -> key, for intersecting with what a page holds
        self._keyed_names: dict[str, dict[str, str]] = {}
        for k in index.keyed:
            if k[:1] in "#.@[<":
                self._keyed_names.setdefault(k[:1], {})[k[1:]] = k
        self._tag_query = tuple(
            sorted(
                k[1:]
                for k in index.keyed
                if k.startswith("<") and re.fullmatch(r"[a-z][\w-]*", k[1:])
            )
        )

    def finder(self, sel: str, procedural: bool) -> Finder:
        f = self._finders.get(sel)
        if f is None:
            try:
                f = compile_selector(sel, procedural)
            except (ValueError, re.error, SelectorError, etree.XPathError) as e:
                self.failed[sel] = str(e) or type(e).__name__
                f = _bad_selector
            self._finders[sel] = f
        return f

    def local(self, sel: str, key: str) -> etree.XPath | None:
        k = (sel, key)
        if k in self._local:
            return self._local[k]
        xp = local_xpath(sel, key)
        self._local[k] = xp
        return xp

    def compound(self, sel: str) -> tuple[str | None, tuple[Check, ...]] | None:
        """`compound_checks(sel)`, cached."""
        if sel in self._compounds:
            return self._compounds[sel]
        c = self._compounds[sel] = compound_checks(sel)
        return c

    def key_of(self, sel: str) -> str | None:
        """The key of a domain-specific selector (they are filed by hostname), cached."""
        if sel in self._keys:
            return self._keys[sel]
        keys = [selector_key(s) for s in split_top(sel)]
        k = keys[0] if len(keys) == 1 else None
        if k is not None and k[0] == "<" and k[1:] not in self._tag_query:
            k = None  # the page's tags are only gathered for the keyed generic ones
        self._keys[sel] = k
        return k

    def needs(self, sel: str) -> tuple[bytes, ...]:
        """Attribute names `sel` cannot match without (cached): an entry evaluated from
        the root is skipped when the page's markup lacks one of them."""
        n = self._needs.get(sel)
        if n is None:
            n = self._needs[sel] = required_names(sel)
        return n

    def candidates(
        self,
        views: PageViews,
        keys: Sequence[str],
        generic: bool = True,
        specific: bool = True,
        page: PageFeatures | None = None,
    ) -> tuple[list[tuple[Entry, str | None]], PageFeatures | None]:
        """(entry, key) pairs that apply on a host with these keys, exceptions and
        `~domain`s removed (key None: evaluate the entry from the root), and the page's
        features when they were needed."""
        idx = self.index
        generic_excepted = idx.generic_exceptions
        excepted: set[str] = set()
        for k in keys:
            sx = idx.specific_exceptions.get(k)
            if sx:
                excepted |= sx
        out: list[tuple[Entry, str | None]] = []
        if specific:
            for k in keys:
                for e in idx.specific.get(k, ()):
                    key = self.key_of(e[E_SEL])
                    if key is not None:
                        if page is None:
                            page = PageFeatures(views, self._tag_query)
                        if not page.has(key):
                            continue  # cannot match on this page
                        if e[E_PROC]:
                            key = None
                    out.append((e, key))
        if generic:
            if page is None:
                page = PageFeatures(views, self._tag_query)
            keyed = idx.keyed
            for kind, names in page.names.items():
                by_name = self._keyed_names.get(kind)
                if by_name:
                    for n in by_name.keys() & names:
                        k = by_name[n]
                        out.extend((e, k) for e in keyed[k])
            out.extend((e, None) for e in self._unguarded)
            for g in page.passing(self._plan):
                gk = guard_key(g)
                out.extend((e, gk) for e in self._guarded[g])
        keyset = set(keys)
        kept = [
            (e, k)
            for e, k in out
            if e[E_SEL] not in generic_excepted
            and e[E_SEL] not in excepted
            and (e[E_EXC] is None or e[E_EXC].isdisjoint(keyset))
            and (k is not None or page is None or not page.lacks(self.needs(e[E_SEL])))
        ]
        return kept, page

    def hits(
        self,
        views: PageViews,
        keys: Sequence[str],
        list_names: Sequence[str],
        generic: bool = True,
        specific: bool = True,
    ) -> list[CosmeticHit]:
        """Hidden elements in document order, each with the first rule (list order) hiding it.

        With the page's `markup` at hand (the tree as the parser left it), the names of
        `data-` attributes are read from it, not from every attribute node, and the ids
        from the parser's ID table."""
        root = views.root
        best: dict[Any, Entry] = {}
        page_deadline = time.monotonic() + PAGE_PROCEDURAL_BUDGET
        cands, page = self.candidates(views, keys, generic, specific)
        carriers: dict[str, list[Any]] = {}
        wanted = {
            k
            for e, k in cands
            if k is not None and not e[E_PROC] and self.local(e[E_SEL], k) is not None
        }
        if wanted:
            if page is None:
                page = PageFeatures(views, self._tag_query)
            # key -> the element names its selectors are limited to (None: any)
            names: dict[str, frozenset[str] | None] = {}
            for e, k in cands:
                if k is None or k not in wanted:
                    continue
                so_far = names.get(k, frozenset())
                if so_far is not None:
                    c = self.compound(e[E_SEL])
                    tag = c[0] if c is not None else None
                    names[k] = None if tag is None else so_far | {tag}
            carriers = page.carriers(wanted, names)
        for e, k in cands:
            xp = None if k is None or e[E_PROC] else self.local(e[E_SEL], k)
            if xp is not None and k is not None and k in carriers:  # [] when none
                compound = self.compound(e[E_SEL])
                found: list[Any] = []
                if compound is not None:  # the carrier itself is the match, or nothing
                    found = [carrier for carrier in carriers[k] if passes(carrier, compound)]
                else:
                    for carrier in carriers[k]:
                        found.extend(elements(xp(carrier)))
            else:
                try:
                    found = self.finder(e[E_SEL], e[E_PROC])(root, page_deadline)
                except OverBudget:
                    self.over_budget[e[E_SEL]] = self.over_budget.get(e[E_SEL], 0) + 1
                    continue
            for el in found:
                if not isinstance(el.tag, str):
                    continue
                prev = best.get(el)
                if prev is None or (e[E_LIST], e[E_LINE]) < (prev[E_LIST], prev[E_LINE]):
                    best[el] = e
        if not best:
            return []
        els = in_document_order(best) if len(best) > 1 else list(best)
        return [
            CosmeticHit(el, best[el][E_TEXT], list_names[best[el][E_LIST]], best[el][E_LINE])
            for el in els
        ]
