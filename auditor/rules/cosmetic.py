"""Element hiding on a static DOM.

EasyList carries ~13k generic `##` selectors; testing each against a page would
cost far more than parsing the page. So each generic selector is filed under one
*key* the page must contain for the selector to match (an id, a class, the host
of an `a[href^="https://host/"]` prefix, a `data-` attribute name or an uncommon
tag), the page's keys are collected in a few C-speed XPath calls, and only the
selectors whose key is present are evaluated. Selectors are translated to XPath
with cssselect on first use and cached. Procedural operators (`:has-text`,
`:-abp-has`, `:upward`, `:xpath`, ...) are evaluated step by step in Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cssselect import HTMLTranslator, SelectorError
from lxml import etree

from auditor.rules.parse import CosmeticFilter

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
_PARENS_RE = re.compile(r"\([^()]*\)")


def attribute_guard(sel: str) -> tuple[str, str, str] | None:
    """A top-level `[attr op "value"]` condition of the selector: a cheap text test on the
    page's values of `attr` that must pass before the selector is worth evaluating.

    >>> attribute_guard('div[id^="div-gpt-ad"] > span')
    ('id', '^=', 'div-gpt-ad')
    """
    top = sel
    while "(" in top:
        new = _PARENS_RE.sub("", top)
        if new == top:
            return None
        top = new
    m = _ATTR_COND_RE.search(top)
    if m is None or not m.group(2):
        return None
    value = next((g for g in m.group(3, 4, 5) if g is not None), "")
    if not value or "\\" in value:
        return None
    return (m.group(1).lower(), m.group(2), value)


def _guard_passes(guard: tuple[str, str, str], root: Any, values: dict[str, str]) -> bool:
    attr, op, value = guard
    joined = values.get(attr)
    if joined is None:
        joined = "\x00" + "\x00".join(str(v) for v in root.xpath("//@" + attr)) + "\x00"
        values[attr] = joined
    if op == "^=":
        return "\x00" + value in joined
    if op == "$=":
        return value + "\x00" in joined
    if op == "=":
        return "\x00" + value + "\x00" in joined
    return value in joined


_HREF_HOST_RE = re.compile(r"(?:^|\x00)\s*(?:https?:)?//([^/?#:\x00\s]+)")


def page_keys(
    root: Any, tag_query: etree.XPath | None = None, values: dict[str, str] | None = None
) -> set[str]:
    """Every key of `selector_key` the page holds, gathered in a few C-speed calls.

    `tag_query` finds the elements of the (few, uncommon) tags that key selectors;
    collecting every element's tag in Python would cost more than the whole pass.
    """
    ids = root.xpath("//@id")
    classes = root.xpath("//@class")
    hrefs = root.xpath("//@href")
    if values is not None:  # reused by the attribute guards of unkeyed selectors
        for name, vals in (("id", ids), ("class", classes), ("href", hrefs)):
            values[name] = "\x00" + "\x00".join(vals) + "\x00"
    keys = {"#" + v for v in ids}
    keys.update("." + c for c in " ".join(classes).split())
    keys.update("@" + h for h in _HREF_HOST_RE.findall("\x00".join(hrefs).lower()))
    for a in root.xpath("//@*[starts-with(name(), 'data-')]"):
        keys.add("[" + str(a.attrname).lower())
    if tag_query is not None:
        for el in _elements(tag_query(root)):
            keys.add("<" + str(el.tag).lower())
    return keys


# -- evaluation -------------------------------------------------------------------

Finder = Callable[[Any], list[Any]]


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
        return lambda root: _elements(xp(root))
    try:
        steps = _parse_procedural(sel)
    except (re.error, SelectorError) as e:
        raise ValueError(str(e)) from None
    return lambda root: _run_steps(steps, [root])


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
        flags = re.I if "i" in arg[j + 1 :] else 0
        rx = re.compile(arg[1:j], flags)
        return lambda t: rx.search(t) is not None
    needle = arg.strip("\"'") if arg[:1] in "\"'" else arg
    return lambda t: needle in t


def _run_steps(steps: Sequence[Step], context: list[Any]) -> list[Any]:
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
            cur = [e for e in cur if arg(e.text_content())]
        elif kind in ("has", "-abp-has", "if", "not", "if-not"):
            want = kind in ("has", "-abp-has", "if")
            cur = [e for e in cur if bool(_run_steps(arg, [e])) == want]
        elif kind in ("upward", "nth-ancestor"):
            out: dict[Any, None] = {}
            for e in cur:
                if isinstance(arg, int):
                    p = e
                    for _ in range(arg):
                        p = p.getparent() if p is not None else None
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
                res = arg(e)
                if isinstance(res, list):
                    for r in res:
                        if isinstance(r, etree._Element):
                            found[r] = None
            cur = list(found)
        elif kind == "min-text-length":
            cur = [e for e in cur if len(e.text_content()) >= arg]
    return cur


_BAD_SELECTOR: Finder = lambda root: []  # noqa: E731 - a selector we could not translate


class CosmeticMatcher:
    """Evaluates a CosmeticIndex against pages, caching each selector's compiled form."""

    __slots__ = ("_finders", "_tag_query", "failed", "index")

    def __init__(self, index: CosmeticIndex) -> None:
        self.index = index
        self._finders: dict[str, Finder] = {}
        self.failed: dict[str, str] = {}  # selector -> why it could not be evaluated
        tags = sorted(
            k[1:] for k in index.keyed if k.startswith("<") and re.fullmatch(r"[a-z][\w-]*", k[1:])
        )
        self._tag_query = etree.XPath(" | ".join("//" + t for t in tags)) if tags else None

    def finder(self, sel: str, procedural: bool) -> Finder:
        f = self._finders.get(sel)
        if f is None:
            try:
                f = compile_selector(sel, procedural)
            except (ValueError, re.error, SelectorError, etree.XPathError) as e:
                self.failed[sel] = str(e) or type(e).__name__
                f = _BAD_SELECTOR
            self._finders[sel] = f
        return f

    def candidates(
        self, root: Any, keys: Sequence[str], generic: bool = True, specific: bool = True
    ) -> list[Entry]:
        """Entries that apply on a host with these keys, exceptions and `~domain`s removed."""
        idx = self.index
        excepted: set[str] = set(idx.generic_exceptions)
        for k in keys:
            sx = idx.specific_exceptions.get(k)
            if sx:
                excepted |= sx
        out: list[Entry] = []
        if specific:
            for k in keys:
                out.extend(idx.specific.get(k, ()))
        if generic:
            values: dict[str, str] = {}
            present = page_keys(root, self._tag_query, values)
            keyed = idx.keyed
            for k in present:
                b = keyed.get(k)
                if b:
                    out.extend(b)
            out.extend(
                e
                for e in idx.unkeyed
                if e[E_GUARD] is None or _guard_passes(e[E_GUARD], root, values)
            )
        keyset = set(keys)
        return [
            e
            for e in out
            if e[E_SEL] not in excepted and (e[E_EXC] is None or e[E_EXC].isdisjoint(keyset))
        ]

    def hits(
        self,
        root: Any,
        keys: Sequence[str],
        list_names: Sequence[str],
        generic: bool = True,
        specific: bool = True,
    ) -> list[CosmeticHit]:
        """Hidden elements in document order, each with the first rule (list order) hiding it."""
        best: dict[Any, Entry] = {}
        for e in self.candidates(root, keys, generic, specific):
            for el in self.finder(e[E_SEL], e[E_PROC])(root):
                if not isinstance(el.tag, str):
                    continue
                prev = best.get(el)
                if prev is None or (e[E_LIST], e[E_LINE]) < (prev[E_LIST], prev[E_LINE]):
                    best[el] = e
        if not best:
            return []
        if len(best) > 1:
            order = {el: i for i, el in enumerate(root.iter(etree.Element))}
            items = sorted(best.items(), key=lambda kv: order.get(kv[0], -1))
        else:
            items = list(best.items())
        return [CosmeticHit(el, e[E_TEXT], list_names[e[E_LIST]], e[E_LINE]) for el, e in items]
