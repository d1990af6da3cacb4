"""The cosmetic index: each `##` selector filed under the one key a page must hold for it
to match (see the package's docstring), or under its hostnames, and the `#@#` exceptions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.lazy_re import lazy_regex
from auditor.rules.cosmetic.guards import attribute_guard
from auditor.rules.cosmetic.selectors import outside, split_top

# Entry tuple: (selector, rule text, list index, line, exclude domains | None, procedural,
#               attribute guard (attr, op, value) | None -- unkeyed generic entries only)
E_SEL, E_TEXT, E_LIST, E_LINE, E_EXC, E_PROC, E_GUARD = range(7)
Entry = tuple[Any, ...]

_COMMON_TAGS = frozenset(
    "a div span p img iframe ins section aside article li ul ol table tr td header footer "
    "nav main body html figure form input button script style link center font b i strong "
    "em label h1 h2 h3 h4 h5 h6 picture source video".split()
)
_IDENT = r"(?:[\w-]|\\.)+"
_ID_RE = lazy_regex(r"(?<!\\)#(" + _IDENT + ")")  # not an escaped `\#`
_CLASS_RE = lazy_regex(r"(?<!\\)\.(" + _IDENT + ")")
_HREF_RE = lazy_regex(r"""\[href\^=["']?(?:https?:)?//([a-z0-9.-]+)[/?:]""", re.I)
_DATA_ATTR_RE = lazy_regex(r"\[(data-[\w-]+)")
_TAG_RE = lazy_regex(r"(?:^|[\s>+~])([a-z][a-z0-9-]*)", re.I)
_UNESCAPE = lazy_regex(r"\\(.)")


@dataclass(frozen=True, slots=True)
class CosmeticFilter:
    """An element-hiding rule (`##`, `#@#`, `#?#`) for some or all hostnames."""

    text: str
    line: int
    exception: bool
    selector: str
    include: frozenset[str]  # empty: generic
    exclude: frozenset[str]
    procedural: bool  # uses :has-text, :upward, :xpath, ... (evaluated in Python)


@dataclass(frozen=True, slots=True)
class CosmeticIndex:
    """Generic selectors by key, domain-specific selectors by hostname key, and exceptions."""

    keyed: dict[str, tuple[Entry, ...]]
    unkeyed: tuple[Entry, ...]
    specific: dict[str, tuple[Entry, ...]]
    generic_exceptions: frozenset[str]
    specific_exceptions: dict[str, frozenset[str]]

    def to_plain(self) -> tuple[Any, ...]:
        return (
            self.keyed,
            self.unkeyed,
            self.specific,
            self.generic_exceptions,
            self.specific_exceptions,
        )

    @classmethod
    def from_plain(cls, d: Sequence[Any]) -> CosmeticIndex:
        return cls(d[0], d[1], d[2], d[3], d[4])



def selector_key(sel: str) -> str | None:
    """The one page feature a selector cannot match without, or None.

    >>> selector_key("div.ad-box > span")
    '.ad-box'
    >>> selector_key('a[href^="https://ad.doubleclick.net/"]')
    '@ad.doubleclick.net'
    """
    top = outside(sel)
    if top is None:
        return None
    if ":not" in sel and "," in top:
        return None
    m = _ID_RE.search(top)
    if m:
        return "#" + _UNESCAPE.sub(r"\1", m.group(1))
    m = _CLASS_RE.search(top)
    if m:
        return "." + _UNESCAPE.sub(r"\1", m.group(1))
    if ":not(" not in sel:
        m = _HREF_RE.search(sel)
        if m:
            return "@" + m.group(1).lower()
        m = _DATA_ATTR_RE.search(sel)
        if m:
            return "[" + m.group(1).lower()
    for m in _TAG_RE.finditer(top):
        tag = m.group(1).lower()
        if tag not in _COMMON_TAGS:
            return "<" + tag
    return None



def build_cosmetic(filters: Iterable[tuple[CosmeticFilter, int]]) -> CosmeticIndex:
    """File each `##` selector under its key or hostnames; collect `#@#` exceptions."""
    keyed: dict[str, list[Entry]] = {}
    unkeyed: list[Entry] = []
    specific: dict[str, list[Entry]] = {}
    gen_exc: set[str] = set()
    spec_exc: dict[str, set[str]] = {}
    for f, li in filters:
        if f.exception:
            if f.include:
                for d in f.include:
                    spec_exc.setdefault(d, set()).add(f.selector)
            else:
                gen_exc.add(f.selector)
            continue
        entry: Entry = (f.selector, f.text, li, f.line, f.exclude or None, f.procedural, None)
        if f.include:
            for d in f.include:
                specific.setdefault(d, []).append(entry)
            continue
        keys = [None if f.procedural else selector_key(s) for s in split_top(f.selector)]
        if len(keys) == 1 and keys[0] is not None:
            keyed.setdefault(keys[0], []).append(entry)
        else:
            guard = None if f.procedural or "," in f.selector else attribute_guard(f.selector)
            unkeyed.append((*entry[:E_GUARD], guard))
    return CosmeticIndex(
        keyed={k: tuple(v) for k, v in keyed.items()},
        unkeyed=tuple(unkeyed),
        specific={k: tuple(v) for k, v in specific.items()},
        generic_exceptions=frozenset(gen_exc),
        specific_exceptions={k: frozenset(v) for k, v in spec_exc.items()},
    )
