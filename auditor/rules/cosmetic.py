"""Element hiding on a static DOM.

EasyList carries ~13k generic `##` selectors; testing each against a page would
cost far more than parsing the page. So each generic selector is filed under one
*key* the page must contain for the selector to match (an id, a class, the host
of an `a[href^="https://host/"]` prefix, a `data-` attribute name or an uncommon
tag), the page's keys are collected in a few C-speed XPath calls returning plain
strings (no Python object per element), and only the selectors whose key is present
are evaluated -- from the elements carrying the key (an `id()` lookup, one batched
attribute query), through an element-local XPath (`local_xpath`), not by walking the
whole document once per selector; a selector that is a single compound
(`ins.adsbygoogle[data-ad-client]`) is tested on its carriers in Python. The walks
for carriers are narrowed to the element names the selectors require or, failing
that, to the start tags the wanted values occur in, in the markup. Unkeyed selectors
are gated by a cheap test on an attribute's values (`attribute_guard`). Selectors are
translated to XPath with cssselect on first use and cached. Procedural operators
(`:has-text`, `:-abp-has`, `:upward`, `:xpath`, ...) are evaluated step by step in
Python.
"""

from __future__ import annotations

import functools
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from cssselect import HTMLTranslator, SelectorError
from cssselect import parse as cssparse
from lxml import etree

from auditor.dom.parser import NOT_XML_CHARS, ids_registered, in_document_order
from auditor.rules.parse import CosmeticFilter
from auditor.rules.regex import compile_rule_regex

# Entry tuple: (selector, rule text, list index, line, exclude domains | None, procedural,
#               attribute guard (attr, op, value) | None -- unkeyed generic entries only)
E_SEL, E_TEXT, E_LIST, E_LINE, E_EXC, E_PROC, E_GUARD = range(7)
Entry = tuple[Any, ...]

_TRANSLATOR = HTMLTranslator()
_COMMON_TAGS = frozenset(
    "a div span p img iframe ins section aside article li ul ol table tr td header footer "
    "nav main body html figure form input button script style link center font b i strong "
    "em label h1 h2 h3 h4 h5 h6 picture source video".split()
)
_IDENT = r"(?:[\w-]|\\.)+"
_ID_RE = re.compile(r"#(" + _IDENT + ")")
_CLASS_RE = re.compile(r"\.(" + _IDENT + ")")
_HREF_RE = re.compile(r"""\[href\^=["']?(?:https?:)?//([a-z0-9.-]+)[/?:]""", re.I)
_DATA_ATTR_RE = re.compile(r"\[(data-[\w-]+)")
_TAG_RE = re.compile(r"(?:^|[\s>+~])([a-z][a-z0-9-]*)", re.I)
_UNESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True, slots=True)
class CosmeticHit:
    """An element a `##` rule hides on this page, and the rule that hides it."""

    element: Any  # lxml.html.HtmlElement; Any keeps lxml types out of the public API
    rule: str
    list: str
    line: int


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


def _strip_nested(sel: str) -> str:
    """The selector with every (...) and [...] body removed: what remains is top level."""
    out: list[str] = []
    depth = 0
    quote = ""
    for c in sel:
        if quote:
            if c == quote:
                quote = ""
            continue
        if c in "\"'" and depth:
            quote = c
            continue
        if c in "([":
            depth += 1
            continue
        if c in ")]":
            depth = max(0, depth - 1)
            continue
        if not depth:
            out.append(c)
    return "".join(out)


def selector_key(sel: str) -> str | None:
    """The one page feature a selector cannot match without, or None.

    >>> selector_key("div.ad-box > span")
    '.ad-box'
    >>> selector_key('a[href^="https://ad.doubleclick.net/"]')
    '@ad.doubleclick.net'
    """
    top = _strip_nested(sel)
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


def _split_selector_list(sel: str) -> list[str]:
    """`.a, .b` -> ['.a', '.b'] (commas inside () or [] or quotes stay)."""
    if "," not in sel:
        return [sel]
    parts: list[str] = []
    depth = 0
    quote = ""
    start = 0
    for i, c in enumerate(sel):
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(sel[start:i].strip())
            start = i + 1
    parts.append(sel[start:].strip())
    return [p for p in parts if p]


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
        keys = [None if f.procedural else selector_key(s) for s in _split_selector_list(f.selector)]
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


_ATTR_COND_RE = re.compile(
    r"""\[\s*([a-zA-Z][\w-]*)\s*([\^*$~|]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]*))\s*\]"""
)


def _strip_parens(sel: str) -> str | None:
    """`sel` without its (...) groups (`:not(...)`, `:has(...)`); quoted text is kept
    whole, parentheses in it included. None when the parentheses do not balance."""
    out: list[str] = []
    depth = 0
    quote = ""
    for c in sel:
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "(":
            depth += 1
            continue
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
            continue
        if not depth:
            out.append(c)
    return "".join(out) if depth == 0 and not quote else None


Guard = tuple[str, str, str]  # (attribute, operator, value)


def attribute_guard(sel: str) -> Guard | None:
    """A top-level `[attr op "value"]` condition of the selector: a cheap text test on the
    page's values of `attr` that must pass before the selector is worth evaluating.

    >>> attribute_guard('div[id^="div-gpt-ad"] > span')
    ('id', '^=', 'div-gpt-ad')
    """
    top = _strip_parens(sel)
    if top is None:
        return None
    best: Guard | None = None
    for m in _ATTR_COND_RE.finditer(top):
        value = next((g for g in m.group(3, 4, 5) if g is not None), "")
        if not m.group(2) or not value or "\\" in value:
            continue
        g = (m.group(1).lower(), m.group(2), value)
        # the most telling condition: on id/class/href (gathered anyway), then the longest
        if best is None or (g[0] in _GATHERED, len(value)) > (best[0] in _GATHERED, len(best[2])):
            best = g
    return best


_GATHERED = frozenset({"id", "class", "href"})
_ATTR_NAME_RE = re.compile(r"\[\s*([a-zA-Z][\w-]*)\s*(?=[\]\^*$~|=])")


def required_names(sel: str) -> tuple[bytes, ...]:
    """Lowered attribute names the selector's top level tests (`[name]`, `[name^=...]`),
    outside `:not()`/`:has()` and friends: an element it matches carries each of them.

    >>> required_names("div[ow-ad-unit-wrapper] > span")
    (b'ow-ad-unit-wrapper',)
    """
    top = _strip_parens(sel)
    if top is None or "," in top or "\\" in top:
        return ()
    return tuple(dict.fromkeys(m.group(1).lower().encode() for m in _ATTR_NAME_RE.finditer(top)))


_URL_HOST_RE = re.compile(r"(?:https?:)?//([^/?#:\s]+)")
_RUN_HOST_RE = re.compile(r"//([^/?#:\s]+)")  # hosts in run-together URLs (a superset)

# Page features come from a few XPath calls returning plain strings: libxml2 walks the
# tree in C, and no Python element object is made for an element we do not need.
# EXSLT `set:distinct`/`str:concat` keep the number of Python strings down.
_NS = {"set": "http://exslt.org/sets", "str": "http://exslt.org/strings"}
_IDS: Any = etree.XPath("//*/@id", smart_strings=False)
_CLASSES: Any = etree.XPath("set:distinct(//*/@class)", namespaces=_NS, smart_strings=False)
_ALL_VALUES: Any = etree.XPath("str:concat(//*/@*)", namespaces=_NS, smart_strings=False)
_DATA_ATTRS: Any = etree.XPath("//*/@*[starts-with(name(), 'data-')]")  # smart: .attrname, parent
# `data-` attribute names in the page's lowered source: a superset of the tree's (the
# HTML tokenizer ends a name at whitespace, `/`, `>` or `=`, and lowers ASCII), found by
# a literal-prefix scan instead of calling name() on every attribute of the tree
_SOURCE_DATA_NAME_RE = re.compile(rb"data-[^\s/>=]*")
_XPATH_NAME_RE = re.compile(r"[a-z_][\w.-]*")
_BY_ID: Any = etree.XPath("id($v)")
_ID_TABLE: Any = getattr(etree, "_IDDict", None)  # the document's ID table, read-only
GUARD = "="  # key kind of an attribute guard: "=" attr NUL op NUL value


def guard_key(guard: Guard) -> str:
    return GUARD + "\x00".join(guard)


Needles = tuple[tuple[str, Guard], ...]  # (substring the page must hold, guard)


class GuardPlan(NamedTuple):
    """The guards of unkeyed selectors, sorted by what `PageFeatures.passing` tests them
    on, so a page costs a set intersection plus one substring test per remaining guard."""

    ids: Needles  # on the page's ids, NUL-separated
    classes: Needles  # on its class attribute values, NUL-separated
    hosts: dict[str, tuple[Guard, ...]]  # whole host of a URL-prefix href -> guards
    host_starts: Needles  # a host's beginning, on "@host NUL" per host
    values: Needles  # on all attribute values run together


def guard_plan(guards: Iterable[Guard]) -> GuardPlan:
    """The plan for these guards (each distinct one once)."""
    ids: list[tuple[str, Guard]] = []
    classes: list[tuple[str, Guard]] = []
    hosts: dict[str, list[Guard]] = {}
    host_starts: list[tuple[str, Guard]] = []
    values: list[tuple[str, Guard]] = []
    for g in dict.fromkeys(guards):
        attr, op, value = g
        if attr in ("id", "class"):
            needle = {
                "^=": "\x00" + value,
                "$=": value + "\x00",
                "=": "\x00" + value + "\x00",
            }.get(op, value)
            (ids if attr == "id" else classes).append((needle, g))
            continue
        m = _URL_HOST_RE.match(value.lower()) if attr == "href" and op in ("^=", "=") else None
        if m is None:
            values.append((value, g))
        elif m.end() < len(value):  # more follows: the host is whole
            hosts.setdefault(m.group(1), []).append(g)
        else:
            host_starts.append(("@" + m.group(1), g))
    return GuardPlan(
        tuple(ids),
        tuple(classes),
        {h: tuple(gs) for h, gs in hosts.items()},
        tuple(host_starts),
        tuple(values),
    )


@functools.lru_cache(maxsize=512)
def _carrier_query(plan: tuple[tuple[str, tuple[str, ...]], ...], hrefs: int) -> Any:
    """One XPath call for several carrier walks (see `PageFeatures._walk`), each over
    the attribute nodes of the elements of its names (() for any), so the test runs on
    attributes alone. `$id`/`$class`: values a line each; `$h0`...: needles."""
    parts: list[str] = []
    for attr, names in plan:
        if attr == "href":
            test = " or ".join(f"contains(., $h{i})" for i in range(hrefs))
        else:
            test = f"contains(${attr}, .)"
        parts += [f"//{n}[@{attr}[{test}]]" for n in names or ("*",)]
    return etree.XPath(" | ".join(parts))


# the tag name of the start tag a markup offset lies in (on lowered markup)
_TAG_NAME = re.compile(rb"<([a-z][a-z0-9-]*)")
_TAG_OK = re.compile(r"[a-z][a-z0-9-]*")
_HINT_LIMIT = 16  # occurrences of a value in the markup past which its tags are not sought
# below this, scanning the markup for the values saves less than it costs (measured on
# python-policy.html cut to 6-48 KB: equal at 6 KB, 6-12% faster from 10 KB)
_HINT_MIN_BYTES = 8192


class PageFeatures:
    """What one page holds of the keys `selector_key` files selectors under (a superset
    for `@host`), and the elements carrying a key, found without touching the others."""

    __slots__ = (
        "_data",
        "_joined_ids",
        "_raw",
        "_tags",
        "classes",
        "hosts",
        "ids",
        "names",
        "root",
        "source",
        "values",
    )

    def __init__(self, root: Any, tag_query: tuple[str, ...], source: bytes | None = None) -> None:
        self.root = root
        # distinct; the parser's ID table holds them all only for a tree as parsed
        self.ids: list[str] = _page_ids(root, fresh=source is not None and ids_registered(root))
        self._joined_ids = "\x00" + "\x00".join(self.ids) + "\x00" if self.ids else ""
        self.classes: list[str] = _CLASSES(root)  # distinct values
        # every attribute value run together: hosts of hrefs (and of src=, ...: a
        # superset, checked when the elements are found) and values for guards
        self.values: str = str(_ALL_VALUES(root))
        # the page's markup, lowered: a superset of its attribute names (None: unknown,
        # or not in an ASCII-compatible encoding -- UTF-16 has NULs, UTF-8 markup none)
        ascii_compatible = source is not None and b"\x00" not in source[:4096]
        self._raw = source if ascii_compatible else None
        self.source = self._raw.lower() if self._raw is not None else None
        # per kind of key, the names the page holds (see `has`)
        self.names: dict[str, set[str]] = {"#": set(self.ids)}
        self.names["."] = set(" ".join(self.classes).split())
        # values are run together: a host is still preceded by its `//`
        hosts = set(_RUN_HOST_RE.findall(self.values.lower()))
        self.hosts = "@" + "\x00@".join(hosts) + "\x00" if hosts else ""  # URL-prefix guards
        self.names["@"] = hosts
        self._data: dict[str, list[Any]] = {}
        if self.source is None:
            for a in _DATA_ATTRS(root):
                self._data.setdefault("[" + str(a.attrname).lower(), []).append(a.getparent())
            self.names["["] = {k[1:] for k in self._data}
        else:  # names only; the few carriers wanted are looked up by name later
            found = set(_SOURCE_DATA_NAME_RE.findall(self.source))
            self.names["["] = {n.decode("utf-8", "replace") for n in found}
        self._tags: dict[str, list[Any]] = {}
        if tag_query:
            for el in root.iter(*tag_query):
                self._tags.setdefault("<" + str(el.tag).lower(), []).append(el)
        self.names["<"] = {k[1:] for k in self._tags}

    def has(self, key: str) -> bool:
        """Whether the page holds `key` (`#id`, `.class`, `@host`, `[data-name`, `<tag`)."""
        names = self.names.get(key[:1])
        return names is not None and key[1:] in names

    def lacks(self, names: tuple[bytes, ...]) -> bool:
        """Whether the page's markup surely lacks one of these (lowered) attribute names
        (a `data-` one: among the names already read from it, not by another scan)."""
        src = self.source
        if src is None:
            return False
        data = self.names["["]
        return any(
            n.decode() not in data if n.startswith(b"data-") else n not in src for n in names
        )

    def passing(self, plan: GuardPlan) -> set[Guard]:
        """The guards of `plan` the page may pass: each a necessary condition for an
        element to pass `[attr op value]` here."""
        out: set[Guard] = set()
        if ids := self._joined_ids:
            out.update([g for needle, g in plan.ids if needle in ids])
        if self.classes:
            classes = "\x00" + "\x00".join(self.classes) + "\x00"
            out.update([g for needle, g in plan.classes if needle in classes])
        for host in plan.hosts.keys() & self.names["@"]:
            out.update(plan.hosts[host])
        hosts, values = self.hosts, self.values
        out.update([g for needle, g in plan.host_starts if needle in hosts])
        out.update([g for needle, g in plan.values if needle in values])
        return out

    def carriers(
        self, keys: Iterable[str], tags: dict[str, frozenset[str] | None] | None = None
    ) -> dict[str, list[Any]]:
        """key -> the elements carrying it (possibly a superset), for keys on the page.

        However many keys: one `id()` call for ids that occur once, and one XPath call
        for repeated ids, classes and hrefs together (a walk per attribute and name).
        `tags` (key -> the only element names its selectors can match, None: any) narrows
        the walks to those names; failing that, the names of the start tags the wanted
        values occur in (in the markup) do, when they account for every occurrence.
        """
        tags = tags or {}
        out: dict[str, list[Any]] = {}
        hrefs: dict[str, list[str]] = {}  # needle -> the keys it stands for
        class_values: dict[str, set[str]] = {}  # key -> the class attribute values carrying it
        id_values: dict[str, list[str]] = {}  # key -> the id values carrying it
        root = self.root
        for k in keys:
            kind, name = k[0], k[1:]
            if kind == "#":
                id_values[k] = [name]
            elif kind == ".":
                class_values[k] = {v for v in self.classes if name in v.split()}
            elif kind == "@":
                hrefs.setdefault(name, []).append(k)
            elif kind == "[":
                out[k] = self._data[k] if k in self._data else _with_attribute(root, name)
            elif kind == "<":
                out[k] = self._tags.get(k, [])
            elif kind == GUARD:
                attr, op, value = name.split("\x00", 2)
                if attr == "id":
                    id_values[k] = self._ids_passing(op, value)
                elif attr == "class":
                    class_values[k] = {v for v in self.classes if _check(op, value, v)}
                elif attr == "href":
                    hrefs.setdefault(value, []).append(k)
        by_id = self._unique_ids({v for vs in id_values.values() for v in vs})
        repeated = {v for vs in id_values.values() for v in vs if v not in by_id}
        every_class = set().union(*class_values.values()) if class_values else set()
        href_keys = {k for ks in hrefs.values() for k in ks}
        walks = [  # (attribute, its wanted values or needles, element names or None)
            ("id", repeated, [k for k, vs in id_values.items() if not repeated.isdisjoint(vs)]),
            ("class", every_class, list(class_values)),
            ("href", set(hrefs), list(href_keys)),
        ]
        found = self._walk([(a, vs, _named(tags, ks)) for a, vs, ks in walks if vs])
        for e in found.get("id", ()):
            v = e.get("id")
            if v in repeated:
                by_id.setdefault(v, []).append(e)
        for k, id_list in id_values.items():
            out[k] = [e for v in id_list for e in by_id.get(v, ())]
        for k, vals in class_values.items():
            out[k] = [e for e in found.get("class", ()) if e.get("class") in vals]
        for k in href_keys:
            out[k] = [e for e in found.get("href", ()) if _carries_key(e, k)]
        return out

    def _walk(
        self, walks: list[tuple[str, set[str], tuple[str, ...] | None]]
    ) -> dict[str, list[Any]]:
        """attribute -> the elements whose attribute holds one of its values (`href`:
        contains one of its needles), a superset, in one XPath call. Each walk covers the
        elements of its names; with None, of the names of the start tags the values occur
        in, in the markup (`_hinted`) -- kept only when it finds each value as often as it
        occurs among all attribute values run together (an upper bound of its
        attributes); else, and with (), of all elements."""
        if not walks:
            return {}
        if any(NOT_XML_CHARS.search(v) for _, values, _ in walks for v in values):
            return self._walk_in_python(walks)
        plan: list[tuple[str, tuple[str, ...]]] = []
        hinted: list[str] = []
        args: dict[str, str] = {}
        for attr, values, names in walks:
            if attr == "href":
                args.update({f"h{i}": v for i, v in enumerate(values)})
            else:
                args[attr] = "\n" + "\n".join(values) + "\n"
            if names is None:
                names = self._hinted(values) if attr != "href" else ()
                if names:
                    hinted.append(attr)
            plan.append((attr, names))
        hrefs = sum(len(values) for attr, values, _ in walks if attr == "href")
        els = _carrier_query(tuple(plan), hrefs)(self.root, **args)
        out = {attr: els for attr, _, _ in walks}
        for attr, values, _ in walks:
            if attr in hinted:
                held = [e.get(attr) for e in els]
                if any(held.count(v) < self.values.count(v) for v in values):
                    every = _carrier_query(((attr, ()),), 0)  # all elements
                    out[attr] = every(self.root, **{attr: args[attr]})
        return out

    def _walk_in_python(
        self, walks: list[tuple[str, set[str], tuple[str, ...] | None]]
    ) -> dict[str, list[Any]]:
        """`_walk` for values no XPath string can hold (a control character, U+FFFE in
        an id or class: lxml refuses them as variables): one walk over the elements."""
        tests = [(attr, values) for attr, values, _ in walks]
        els = [
            e for e in self.root.iter() if isinstance(e.tag, str) and any(
                (v := e.get(attr)) is not None
                and (any(n in v for n in values) if attr == "href" else v in values)
                for attr, values in tests)
        ]
        return {attr: els for attr, _, _ in walks}

    def _hinted(self, values: Iterable[str]) -> tuple[str, ...]:
        """The names of the start tags `values` occur in, in the markup; () when a value
        occurs there less often than among the attribute values (an entity or a line
        break written otherwise), or too often to be worth it, or cannot be looked up."""
        raw, low = self._raw, self.source
        if raw is None or low is None or len(raw) < _HINT_MIN_BYTES:
            return ()
        found: set[str] = set()
        for v in values:
            if len(v) < 3 or not v.isascii():
                return ()
            needle = v.encode()
            seen = 0
            at = raw.find(needle)
            while at >= 0:
                seen += 1
                lt = low.rfind(b"<", 0, at)
                m = _TAG_NAME.match(low, lt) if lt >= 0 and seen <= _HINT_LIMIT else None
                if m is None:
                    return ()
                found.add(m.group(1).decode())
                at = raw.find(needle, at + len(needle))
            if seen < self.values.count(v):
                return ()
        return tuple(sorted(found))

    def _ids_passing(self, op: str, value: str) -> list[str]:
        if op == "=":
            return [value] if value in self.names["#"] else []
        if op == "^=":
            rx = "\x00(" + re.escape(value) + "[^\x00]*)"
            return list(dict.fromkeys(re.findall(rx, self._joined_ids)))
        return [v for v in self.ids if _check(op, value, v)]

    def _unique_ids(self, values: set[str]) -> dict[str, list[Any]]:
        """id value -> its element, for the values that occur once on the page (in one
        attribute value at most), by one `id()` call (the parser's ID table, no walk)."""
        count = self.values.count
        single = [v for v in values if v and v.isprintable() and " " not in v and count(v) == 1]
        if not single:
            return {}
        found: dict[str, list[Any]] = {}
        for e in _BY_ID(self.root, v=" ".join(single)):
            v = e.get("id")
            if v in values:
                found[v] = [e]
        return found


def _page_ids(root: Any, fresh: bool) -> list[str]:
    """The page's distinct id values. From a tree fresh from the parser, its ID table:
    libxml2 files each HTML `id` there as it parses (and `<a name>`s: a superset, which
    keys and guards allow), so no walk is needed. Otherwise, or when this lxml has no
    table to offer, a walk."""
    if fresh:
        try:
            return list(_ID_TABLE(root).keys())
        except (AttributeError, TypeError, ValueError):  # no ID table, or no such class
            pass
    return [v for v in dict.fromkeys(_IDS(root)) if v]


def _named(tags: dict[str, frozenset[str] | None], keys: Iterable[str]) -> tuple[str, ...] | None:
    """The element names all selectors under `keys` are limited to, or None (some are not,
    or a name is not a plain XPath name test)."""
    names: set[str] = set()
    for k in keys:
        t = tags.get(k)
        if not t:
            return None
        names |= t
    if not names or not all(_TAG_OK.fullmatch(n) for n in names):
        return None
    return tuple(sorted(names))


@functools.lru_cache(maxsize=512)
def _attribute_query(name: str) -> etree.XPath:
    if _XPATH_NAME_RE.fullmatch(name):
        return etree.XPath(f"//*[@{name}]")
    return etree.XPath("//*[@*[name() = $n]]")


def _with_attribute(root: Any, name: str) -> list[Any]:
    """Elements carrying attribute `name`, in document order. A predicate, not
    `//*/@name/..`: libxml2 merges the parents of that step pairwise, quadratic in
    their number (500,000 `<ins data-zoneid>` took minutes)."""
    q = _attribute_query(name)
    return _elements(q(root, n=name))


def _carries_key(el: Any, key: str) -> bool:
    """Whether element `el` carries `key` (class, href host, or guard on class/href)."""
    kind, name = key[0], key[1:]
    if kind == ".":
        return name in (el.get("class") or "").split()
    if kind == "@":
        return name in (el.get("href") or "").lower()
    attr, op, value = name.split("\x00", 2)
    return _check(op, value, el.get(attr))


# -- evaluation -------------------------------------------------------------------

class Finder(Protocol):
    """root -> the elements a selector matches; a procedural one gives up (OverBudget) at
    `deadline` or after PROCEDURAL_BUDGET, whichever comes first."""

    def __call__(self, root: Any, deadline: float = math.inf) -> list[Any]: ...


def _xpath(css: str, prefix: str = "descendant-or-self::") -> etree.XPath:
    return etree.XPath(_TRANSLATOR.css_to_xpath(css, prefix=prefix))


def _elements(res: object) -> list[Any]:
    """The elements of an XPath result (which may also be a string, number or boolean)."""
    if not isinstance(res, list):
        return []
    return [e for e in res if isinstance(e, etree._Element)]


def compile_selector(sel: str, procedural: bool) -> Finder:
    """A function root -> matching elements; raises ValueError for what we cannot evaluate."""
    if not procedural:
        try:
            xp = _xpath(sel)
        except (SelectorError, etree.XPathSyntaxError) as e:
            raise ValueError(str(e)) from None

        def find_css(root: Any, deadline: float = math.inf) -> list[Any]:
            return _elements(xp(root))

        return find_css
    try:
        steps = _parse_procedural(sel)
    except (re.error, SelectorError) as e:
        raise ValueError(str(e)) from None

    def find_procedural(root: Any, deadline: float = math.inf) -> list[Any]:
        return _run_steps(steps, [root], min(deadline, time.monotonic() + PROCEDURAL_BUDGET))

    return find_procedural


_OPS = (
    "has-text",
    "-abp-contains",
    "contains",
    "-abp-has",
    "has",
    "if",
    "if-not",
    "not",
    "upward",
    "nth-ancestor",
    "xpath",
    "min-text-length",
    "remove",
)
_OP_RE = re.compile(r":(" + "|".join(re.escape(o) for o in _OPS) + r")\(")

Step = tuple[str, Any]


def _balanced(s: str, i: int) -> int:
    """Index just past the `)` closing the `(` at s[i-1]."""
    depth = 1
    quote = ""
    while i < len(s):
        c = s[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c == "\\":
            i += 1
        elif c in "\"'":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced parentheses")


def _parse_procedural(sel: str, relative: bool = False) -> list[Step]:
    """Split a procedural selector into compiled steps, left to right.

    `relative` selectors (the argument of `:has()`) start from each candidate
    element rather than from the document root.
    """
    raw: list[tuple[str, str]] = []
    i = 0
    css_start = 0
    while True:
        m = _OP_RE.search(sel, i)
        if m is None:
            break
        name = m.group(1)
        end = _balanced(sel, m.end())
        arg = sel[m.end() : end - 1]
        if name in ("has", "not", "if", "if-not") and not _is_procedural_inner(arg):
            i = end  # plain CSS :has()/:not(): cssselect handles it in the CSS step
            continue
        css = sel[css_start : m.start()]
        if css.strip():
            raw.append(("css", css))
        raw.append((name, arg))
        i = css_start = end
    rest = sel[css_start:]
    if rest.strip():
        raw.append(("css", rest))
    if relative and raw and raw[0][0] == "css":
        css = raw[0][1].strip()
        raw[0] = ("css", css if css[:1] in ">+~" else " " + css)
    steps: list[Step] = []
    for n, (kind, arg) in enumerate(raw):
        if kind == "css":
            steps.append(("css", _css_finder(arg, first=n == 0 and not relative)))
        elif kind in ("has", "-abp-has", "if", "not", "if-not"):
            steps.append((kind, _parse_procedural(arg.strip(), relative=True)))
        elif kind in ("has-text", "-abp-contains", "contains"):
            steps.append((kind, _text_test(arg)))
        elif kind in ("upward", "nth-ancestor"):
            a = arg.strip()
            steps.append((kind, int(a) if a.isdigit() else _xpath(a, "ancestor::")))
        elif kind == "xpath":
            try:
                steps.append((kind, etree.XPath(arg)))
            except etree.XPathSyntaxError as e:
                raise ValueError(str(e)) from None
        elif kind == "min-text-length":
            steps.append((kind, int(arg.strip())))
        else:
            steps.append((kind, None))
    if not steps:
        raise ValueError("empty selector")
    if steps[0][0] not in ("css", "xpath"):
        # an operator first applies to every element under the context
        steps.insert(0, ("desc" if relative else "all", None))
    return steps


def _is_procedural_inner(arg: str) -> bool:
    return _OP_RE.search(arg) is not None


_COMBINATOR_PREFIX = {
    ">": "child::",
    "+": "following-sibling::*[1]/self::",
    "~": "following-sibling::",
}


def _css_finder(css: str, first: bool) -> etree.XPath:
    """XPath for a CSS step: from the root when first, else relative to the current elements."""
    if first:
        prefix, s = "descendant-or-self::", css.strip()
    else:
        s = css.lstrip()
        if s[:1] in _COMBINATOR_PREFIX:
            prefix, s = _COMBINATOR_PREFIX[s[0]], s[1:].strip()
        elif len(s) < len(css):
            prefix = "descendant::"
        else:
            prefix = "self::"  # compound continuation, e.g. `:has-text(x).ad`
            if s.startswith(("[", ".", "#", ":")):
                s = "*" + s
    try:
        return _xpath(s, prefix)
    except (SelectorError, etree.XPathSyntaxError) as e:
        raise ValueError(str(e)) from None


def _text_test(arg: str) -> Callable[[str], bool]:
    if len(arg) > 1 and arg.startswith("/") and arg.rfind("/") > 0:
        j = arg.rfind("/")
        rx = compile_rule_regex(arg[1:j], ignore_case="i" in arg[j + 1 :])
        return lambda t: rx.search(t) is not None
    needle = arg.strip("\"'") if arg[:1] in "\"'" else arg
    return lambda t: needle in t


PROCEDURAL_BUDGET = 1.0  # seconds one procedural selector may take on one page
PAGE_PROCEDURAL_BUDGET = 5.0  # seconds all of a page's procedural selectors may take


class OverBudget(Exception):
    """A procedural selector ran past PROCEDURAL_BUDGET on a page: it matches nothing there."""


def _text_of(els: list[Any], deadline: float) -> Iterator[tuple[Any, str]]:
    for e in els:
        if time.monotonic() > deadline:
            raise OverBudget
        yield e, e.text_content()


def _run_steps(steps: Sequence[Step], context: list[Any], deadline: float) -> list[Any]:
    """Evaluate procedural steps left to right; OverBudget past `deadline` (the Python
    loops here are where a hostile `:-abp-has()` chain on a deep page spends minutes)."""
    if time.monotonic() > deadline:
        raise OverBudget
    cur = context
    for kind, arg in steps:
        if kind == "all":
            cur = [e for c in cur for e in c.iter(etree.Element)]
        elif kind == "desc":
            cur = [e for c in cur for e in c.iterdescendants(etree.Element)]
        elif kind == "css":
            seen: dict[Any, None] = {}
            for c in cur:
                for e in arg(c):
                    if isinstance(e, etree._Element):
                        seen[e] = None
            cur = list(seen)
        elif kind in ("has-text", "-abp-contains", "contains"):
            cur = [e for e, text in _text_of(cur, deadline) if arg(text)]
        elif kind in ("has", "-abp-has", "if", "not", "if-not"):
            want = kind in ("has", "-abp-has", "if")
            cur = [e for e in cur if bool(_run_steps(arg, [e], deadline)) == want]
        elif kind in ("upward", "nth-ancestor"):
            out: dict[Any, None] = {}
            for e in cur:
                if isinstance(arg, int):
                    p = e
                    for _ in range(arg):  # `:upward(1000000000)` stops at the root
                        p = p.getparent()
                        if p is None:
                            break
                    if p is not None:
                        out[p] = None
                else:
                    anc = arg(e)
                    if anc:
                        out[anc[-1]] = None
            cur = list(out)
        elif kind == "xpath":
            found: dict[Any, None] = {}
            for e in cur:
                try:
                    res = arg(e)
                except etree.XPathError:  # a list's `:xpath(foo())`: the rule matches nothing
                    break
                if isinstance(res, list):
                    for r in res:
                        if isinstance(r, etree._Element):
                            found[r] = None
            cur = list(found)
        elif kind == "min-text-length":
            cur = [e for e, text in _text_of(cur, deadline) if len(text) >= arg]
    return cur


# -- element-local evaluation ---------------------------------------------------------

_REVERSE_AXIS = {
    " ": "ancestor::",
    ">": "parent::",
    "~": "preceding-sibling::",
    "+": "preceding-sibling::*[1]/self::",
}
_FORWARD_AXIS = {
    " ": "/descendant::",
    ">": "/child::",
    "~": "/following-sibling::",
    "+": "/following-sibling::*[1]/self::",
}


def _compound_xpath(tree: Any) -> str | None:
    """`element[condition]` of one compound selector, or None when it is not self-contained."""
    expr = _TRANSLATOR.xpath(tree)
    if expr.path:
        return None
    return f"{expr.element}[{expr.condition}]" if expr.condition else str(expr.element)


def _carries(tree: Any, key: str) -> bool:
    """Whether the compound selector `tree` itself requires `key` (not inside :not/:has)."""
    kind, name = key[0], key[1:]
    guard = name.split("\x00", 2) if kind == GUARD else None
    node = tree
    while node is not None:
        cls = type(node).__name__
        if kind == "#" and cls == "Hash" and node.id == name:
            return True
        if kind == "." and cls == "Class" and node.class_name == name:
            return True
        if cls == "Attrib":
            attrib = str(node.attrib).lower()
            value = str(getattr(node.value, "value", node.value))
            if kind == "[" and attrib == name and node.namespace is None:
                return True
            if guard is not None and (attrib, node.operator, value) == tuple(guard):
                return True
            if kind == "@" and attrib == "href" and node.operator == "^=" and name in value.lower():
                return True
        if kind == "<" and cls == "Element":
            return str(node.element or "").lower() == name
        node = getattr(node, "selector", None)
    return False


def _one_selector(sel: str) -> Any:
    """cssselect's tree of `sel` when it is one selector without a pseudo-element, else None."""
    try:
        parsed = cssparse(sel)
    except SelectorError:
        return None
    if len(parsed) != 1 or parsed[0].pseudo_element is not None:
        return None
    return parsed[0].parsed_tree


def local_xpath(sel: str, key: str) -> etree.XPath | None:
    """An XPath that, from an element carrying `key`, finds what `sel` matches through it.

    `sel` is split at the compound that carries the key: the compounds before it become
    conditions on the key element's ancestors/siblings (reverse axes), those after it
    steps from it. None when the selector does not split that way (evaluate from the root).

    >>> local_xpath("div.ad-box > span", ".ad-box").path.endswith("]/child::span")
    True
    """
    node: Any = _one_selector(sel)
    if node is None:
        return None
    chain: list[tuple[str, Any]] = []  # (combinator before it, compound), left to right
    while type(node).__name__ == "CombinedSelector":
        chain.append((node.combinator, node.subselector))
        node = node.selector
    chain.append(("", node))
    chain.reverse()
    at = next((i for i, (_, c) in enumerate(chain) if _carries(c, key)), None)
    if at is None:
        return None
    try:
        xp = _compound_xpath(chain[0][1])
        if xp is None:
            return None
        for comb, comp in chain[1 : at + 1]:  # left part, reversed onto the key element
            cx = _compound_xpath(comp)
            if cx is None or comb not in _REVERSE_AXIS:
                return None
            xp = f"{cx}[{_REVERSE_AXIS[comb]}{xp}]"
        path = "self::" + xp
        for comb, comp in chain[at + 1 :]:
            cx = _compound_xpath(comp)
            if cx is None or comb not in _FORWARD_AXIS:
                return None
            path += _FORWARD_AXIS[comb] + cx
        return etree.XPath(path)
    except (SelectorError, etree.XPathSyntaxError, ValueError, TypeError, AttributeError):
        return None


# -- single compounds, tested in Python ------------------------------------------------

_XPATH_SPACE = str.maketrans("\t\n\r", "   ")  # what XPath's normalize-space() folds
_CSS_NON_SPACE = re.compile(r"[^ \t\r\n\f]+")
Check = tuple[str, str, str | None]  # (attribute, CSS operator or "exists", value)


def _check(op: str, value: str | None, v: str | None) -> bool:
    """`[attr op value]` on the attribute value `v` (None: absent), exactly as cssselect's
    XPath for it decides (empty values never match `^=`, `$=`, `*=`, `~=`)."""
    if v is None:
        return False
    if op == "exists":
        return True
    if value is None:
        return False
    if op == "=":
        return v == value
    if op == "|=":
        return v == value or v.startswith(value + "-")
    if not value:
        return False
    if op == "^=":
        return v.startswith(value)
    if op == "$=":
        return v.endswith(value)
    if op == "*=":
        return value in v
    if op == "~=":
        return _word_in(value, v)
    return False


_BIG_VALUE = 4096  # attribute values longer than this have their words cached


@functools.lru_cache(maxsize=8)
def _big_value_words(v: str) -> frozenset[str]:
    return frozenset(v.translate(_XPATH_SPACE).split(" "))


def _word_in(word: str, v: str) -> bool:
    """Whether `word` is one of the space-separated words of `v` (normalize-space's view:
    tab, CR and LF are spaces). A huge value (a 4 MB class attribute) is split once, not
    once per selector tested against it (that took 15 s)."""
    if not _CSS_NON_SPACE.fullmatch(word):
        return False
    if len(v) > _BIG_VALUE:
        return word in _big_value_words(v)
    return word in v.translate(_XPATH_SPACE).split(" ")


def compound_checks(sel: str) -> tuple[str | None, tuple[Check, ...]] | None:
    """(tag or None, attribute checks) of a selector that is one compound of tag, id,
    class and attribute tests -- `ins.adsbygoogle[data-ad-client]`, `[id^="div-gpt"]` --
    so an element can be tested in Python instead of by an XPath call (≈3 µs each);
    None for anything else (combinators, pseudo-classes, namespaces, `i` flags, `!=`)."""
    node: Any = _one_selector(sel)
    if node is None:
        return None
    checks: list[Check] = []
    while True:
        kind = type(node).__name__
        if kind == "Class":
            checks.append(("class", "~=", node.class_name))
        elif kind == "Hash":
            checks.append(("id", "=", node.id))
        elif kind == "Attrib":
            if node.namespace is not None or node.flag is not None or node.operator == "!=":
                return None
            value = None if node.value is None else str(node.value.value)
            checks.append((str(node.attrib).lower(), node.operator, value))
        elif kind == "Element":
            if node.namespace is not None:
                return None
            tag = str(node.element).lower() if node.element and node.element != "*" else None
            return tag, tuple(reversed(checks))
        else:
            return None
        node = node.selector


def passes(el: Any, compound: tuple[str | None, tuple[Check, ...]]) -> bool:
    """Whether element `el` matches the compound `compound_checks` described."""
    tag, checks = compound
    if tag is not None and el.tag != tag:
        return False
    get = el.get
    return all(_check(op, value, get(attr)) for attr, op, value in checks)


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
        keys = [selector_key(s) for s in _split_selector_list(sel)]
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
        root: Any,
        keys: Sequence[str],
        generic: bool = True,
        specific: bool = True,
        page: PageFeatures | None = None,
        source: bytes | None = None,
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
                            page = PageFeatures(root, self._tag_query, source)
                        if not page.has(key):
                            continue  # cannot match on this page
                        if e[E_PROC]:
                            key = None
                    out.append((e, key))
        if generic:
            if page is None:
                page = PageFeatures(root, self._tag_query, source)
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
        root: Any,
        keys: Sequence[str],
        list_names: Sequence[str],
        generic: bool = True,
        specific: bool = True,
        source: bytes | None = None,
    ) -> list[CosmeticHit]:
        """Hidden elements in document order, each with the first rule (list order) hiding it.

        `source` is the markup `root` was parsed from, when the caller has it and has not
        changed the tree: the names of `data-` attributes are then read from it, not
        from every attribute node, and the ids from the parser's ID table."""
        best: dict[Any, Entry] = {}
        page_deadline = time.monotonic() + PAGE_PROCEDURAL_BUDGET
        cands, page = self.candidates(root, keys, generic, specific, source=source)
        carriers: dict[str, list[Any]] = {}
        wanted = {
            k
            for e, k in cands
            if k is not None and not e[E_PROC] and self.local(e[E_SEL], k) is not None
        }
        if wanted:
            if page is None:
                page = PageFeatures(root, self._tag_query, source)
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
                    found = [c for c in carriers[k] if passes(c, compound)]
                else:
                    for c in carriers[k]:
                        found.extend(_elements(xp(c)))
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
