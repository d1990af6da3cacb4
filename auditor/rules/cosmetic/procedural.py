"""Selectors as finders, and procedural selectors (`:has-text()`, `:-abp-has()`,
`:upward()`, `:xpath()`, ...) split into steps left to right and run in Python, within
a time budget.

Each procedural operator is one class here, filed in OPERATORS under each of its names;
the parser (`auditor.rules.parse`) reads the same registry to tell a procedural
selector from a plain one and to see how deeply one nests.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar, Protocol

from cssselect import SelectorError
from lxml import etree

from auditor.dom.parser import elements
from auditor.rules.cosmetic.selectors import calls
from auditor.rules.cosmetic.xpath import css_xpath
from auditor.rules.regex import compile_rule_regex

PROCEDURAL_BUDGET = 1.0  # seconds one procedural selector may take on one page
PAGE_PROCEDURAL_BUDGET = 5.0  # seconds all of a page's procedural selectors may take


class OverBudget(Exception):
    """A procedural selector ran past PROCEDURAL_BUDGET on a page: it matches nothing there."""


class Finder(Protocol):
    """root -> the elements a selector matches; a procedural one gives up (OverBudget) at
    `deadline` or after PROCEDURAL_BUDGET, whichever comes first."""

    def __call__(self, root: Any, deadline: float = math.inf) -> list[Any]: ...


class Step:
    """One step of a procedural selector: the elements it reaches from, or keeps of, the
    current ones."""

    __slots__ = ()

    def run(self, cur: list[Any], deadline: float) -> list[Any]:
        raise NotImplementedError


def run_steps(steps: Sequence[Step], context: list[Any], deadline: float) -> list[Any]:
    """Evaluate steps left to right; OverBudget past `deadline` (the Python loops of the
    steps are where a hostile `:-abp-has()` chain on a deep page spends minutes)."""
    if time.monotonic() > deadline:
        raise OverBudget
    cur = context
    for step in steps:
        cur = step.run(cur, deadline)
    return cur


class _Every(Step):
    """Every element under (and including) each context element: an operator first."""

    __slots__ = ()

    def run(self, cur: list[Any], deadline: float) -> list[Any]:
        return [e for c in cur for e in c.iter(etree.Element)]


class _Descendants(Step):
    """Every element under each context element: an operator first in `:has()`."""

    __slots__ = ()

    def run(self, cur: list[Any], deadline: float) -> list[Any]:
        return [e for c in cur for e in c.iterdescendants(etree.Element)]


class _Css(Step):
    """A plain CSS part, as XPath from each current element."""

    __slots__ = ("xpath",)

    def __init__(self, xpath: Any) -> None:
        self.xpath: Any = xpath

    def run(self, cur: list[Any], deadline: float) -> list[Any]:
        seen: dict[Any, None] = {}
        for c in cur:
            for e in self.xpath(c):
                if isinstance(e, etree._Element):
                    seen[e] = None
        return list(seen)


class Operator(Step):
    """A procedural operator: its names, and how its argument compiles."""

    __slots__ = ()
    names: ClassVar[tuple[str, ...]]
    nests: ClassVar[bool] = False  # its argument is a selector, as `:has()`'s
    # names under which, with a plain CSS argument, the whole is left to cssselect
    plain_css: ClassVar[tuple[str, ...]] = ()
    css_native: ClassVar[tuple[str, ...]] = ()  # names CSS has: no sign of a procedural one

    @classmethod
    def compile(cls, name: str, arg: str) -> Operator:
        raise NotImplementedError


def _text_of(els: list[Any], deadline: float) -> Iterator[tuple[Any, str]]:
    for e in els:
        if time.monotonic() > deadline:
            raise OverBudget
        yield e, e.text_content()


class HasText(Operator):
    """`:has-text(text)` or `:has-text(/regex/i)`: elements whose text holds it."""

    __slots__ = ("test",)
    names = ("has-text", "-abp-contains", "contains")

    def __init__(self, test: Callable[[str], bool]) -> None:
        self.test = test

    @classmethod
    def compile(cls, name: str, arg: str) -> Operator:
        if len(arg) > 1 and arg.startswith("/") and arg.rfind("/") > 0:
            j = arg.rfind("/")
            rx = compile_rule_regex(arg[1:j], ignore_case="i" in arg[j + 1 :])
            return cls(lambda t: rx.search(t) is not None)
        needle = arg.strip("\"'") if arg[:1] in "\"'" else arg
        return cls(lambda t: needle in t)

    def run(self, cur: list[Any], deadline: float) -> list[Any]:
        test = self.test
        return [e for e, text in _text_of(cur, deadline) if test(text)]


class Has(Operator):
    """`:has(selector)`: elements from which the relative selector matches something."""

    __slots__ = ("steps",)
    names: ClassVar[tuple[str, ...]] = ("has", "-abp-has", "if")
    nests = True
    plain_css: ClassVar[tuple[str, ...]] = ("has", "if")
    css_native: ClassVar[tuple[str, ...]] = ("has",)
    want: ClassVar[bool] = True

    def __init__(self, steps: list[Step]) -> None:
        self.steps = steps

    @classmethod
    def compile(cls, name: str, arg: str) -> Operator:
        return cls(parse_steps(arg.strip(), relative=True))

    def run(self, cur: list[Any], deadline: float) -> list[Any]:
        steps, want = self.steps, self.want
        return [e for e in cur if bool(run_steps(steps, [e], deadline)) == want]


class HasNot(Has):
    """`:not(selector)`: elements from which the relative selector matches nothing."""

    __slots__ = ()
    names = ("not", "if-not")
    plain_css = ("not", "if-not")
    css_native = ("not",)
    want = False


class Upward(Operator):
    """`:upward(n)` (the n-th ancestor) or `:upward(selector)` (the nearest matching one)."""

    __slots__ = ("to",)
    names = ("upward", "nth-ancestor")

    def __init__(self, to: int | Any) -> None:
        self.to: int | Any = to

    @classmethod
    def compile(cls, name: str, arg: str) -> Operator:
        a = arg.strip()
        return cls(int(a) if a.isdigit() else css_xpath(a, "ancestor::"))

    def run(self, cur: list[Any], deadline: float) -> list[Any]:
        out: dict[Any, None] = {}
        to = self.to
        for e in cur:
            if isinstance(to, int):
                p = e
                for _ in range(to):  # `:upward(1000000000)` stops at the root
                    p = p.getparent()
                    if p is None:
                        break
                if p is not None:
                    out[p] = None
            else:
                anc = to(e)
                if anc:
                    out[anc[-1]] = None
        return list(out)


class XPathStep(Operator):
    """`:xpath(expression)`, from each current element."""

    __slots__ = ("xpath",)
    names = ("xpath",)

    def __init__(self, xpath: Any) -> None:
        self.xpath: Any = xpath

    @classmethod
    def compile(cls, name: str, arg: str) -> Operator:
        try:
            return cls(etree.XPath(arg))
        except etree.XPathSyntaxError as e:
            raise ValueError(str(e)) from None

    def run(self, cur: list[Any], deadline: float) -> list[Any]:
        found: dict[Any, None] = {}
        for e in cur:
            try:
                res = self.xpath(e)
            except etree.XPathError:  # a list's `:xpath(foo())`: the rule matches nothing
                break
            if isinstance(res, list):
                for r in res:
                    if isinstance(r, etree._Element):
                        found[r] = None
        return list(found)


class MinTextLength(Operator):
    """`:min-text-length(n)`: elements with at least n characters of text."""

    __slots__ = ("length",)
    names = ("min-text-length",)

    def __init__(self, length: int) -> None:
        self.length = length

    @classmethod
    def compile(cls, name: str, arg: str) -> Operator:
        return cls(int(arg.strip()))

    def run(self, cur: list[Any], deadline: float) -> list[Any]:
        n = self.length
        return [e for e, text in _text_of(cur, deadline) if len(text) >= n]


class Remove(Operator):
    """`:remove()`: removing an element is hiding it, on a static page."""

    __slots__ = ()
    names = ("remove",)

    @classmethod
    def compile(cls, name: str, arg: str) -> Operator:
        return cls()

    def run(self, cur: list[Any], deadline: float) -> list[Any]:
        return cur


OPERATORS: dict[str, type[Operator]] = {
    name: op
    for op in (HasText, Has, HasNot, Upward, XPathStep, MinTextLength, Remove)
    for name in op.names
}
_PLAIN_CSS = frozenset(n for op in OPERATORS.values() for n in op.plain_css)
# the names whose `:name(` marks a selector procedural, and those whose argument nests
PROCEDURAL_NAMES = tuple(n for n, op in OPERATORS.items() if n not in op.css_native)
NESTING_NAMES = frozenset(n for n, op in OPERATORS.items() if op.nests)

_COMBINATOR_PREFIX = {
    ">": "child::",
    "+": "following-sibling::*[1]/self::",
    "~": "following-sibling::",
}


def _css_step(css: str, first: bool) -> _Css:
    """A CSS part: from the root when first, else relative to the current elements."""
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
        return _Css(css_xpath(s, prefix))
    except (SelectorError, etree.XPathSyntaxError) as e:
        raise ValueError(str(e)) from None


def _has_operator(sel: str) -> bool:
    return any(f":{name}(" in sel for name in OPERATORS)


def parse_steps(sel: str, relative: bool = False) -> list[Step]:
    """Split a procedural selector into compiled steps, left to right.

    `relative` selectors (the argument of `:has()`) start from each candidate element
    rather than from the document root.
    """
    raw: list[tuple[str, str]] = []  # (operator name, or "" for a CSS part; its text)
    css_start = 0
    for name, start, end in calls(sel):
        if name not in OPERATORS:
            continue
        arg = sel[start + len(name) + 2 : end - 1]
        if name in _PLAIN_CSS and not _has_operator(arg):
            continue  # plain CSS :has()/:not(): cssselect handles it in the CSS part
        if sel[css_start:start].strip():
            raw.append(("", sel[css_start:start]))
        raw.append((name, arg))
        css_start = end
    if sel[css_start:].strip():
        raw.append(("", sel[css_start:]))
    if relative and raw and not raw[0][0]:
        css = raw[0][1].strip()
        raw[0] = ("", css if css[:1] in ">+~" else " " + css)
    steps: list[Step] = [
        OPERATORS[name].compile(name, arg) if name else _css_step(arg, n == 0 and not relative)
        for n, (name, arg) in enumerate(raw)
    ]
    if not steps:
        raise ValueError("empty selector")
    if not isinstance(steps[0], _Css | XPathStep):
        # an operator first applies to every element under the context
        steps.insert(0, _Descendants() if relative else _Every())
    return steps


def compile_selector(sel: str, procedural: bool) -> Finder:
    """A function root -> matching elements; raises ValueError for what we cannot evaluate."""
    if not procedural:
        try:
            xp = css_xpath(sel)
        except (SelectorError, etree.XPathSyntaxError) as e:
            raise ValueError(str(e)) from None

        def find_css(root: Any, deadline: float = math.inf) -> list[Any]:
            return elements(xp(root))

        return find_css
    try:
        steps = parse_steps(sel)
    except (re.error, SelectorError) as e:
        raise ValueError(str(e)) from None

    def find_procedural(root: Any, deadline: float = math.inf) -> list[Any]:
        return run_steps(steps, [root], min(deadline, time.monotonic() + PROCEDURAL_BUDGET))

    return find_procedural
