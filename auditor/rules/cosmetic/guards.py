"""Attribute guards: a cheap test on a page's attribute values that an unkeyed selector
must pass before it is worth evaluating, and the attribute names a selector needs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from auditor.lazy_re import lazy_regex
from auditor.literals import LiteralSet
from auditor.rules.cosmetic.selectors import calls, outside

_ATTR_COND_RE = lazy_regex(
    r"""\[\s*([a-zA-Z][\w-]*)\s*([\^*$~|]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]*))\s*\]"""
)


Guard = tuple[str, str, str]  # (attribute, operator, value)
GUARD = "="  # key kind of an attribute guard: "=" attr NUL op NUL value
_URL_HOST_RE = lazy_regex(r"(?:https?:)?//([^/?#:\s]+)")


def attribute_guard(sel: str) -> Guard | None:
    """A `[attr op "value"]` condition some element of the page passes wherever the
    selector matches: a cheap text test on the page's values of `attr` that must pass
    before the selector is worth evaluating. One at its top level; failing that, one at the
    top level of a top-level `:has()`'s argument (`_has_arguments`: the element it asks
    for is on the page). A condition inside `:has()` names no element the selector
    matches, so its entry is still evaluated from the root (`local_xpath` finds no
    compound carrying it), on the pages that pass it alone: `div:has(> a[href*="…"])`,
    unguarded, read every `<div>` of every page (0.15 ms a page, nine tenths of the
    root-evaluated rules' time on the corpus).

    >>> attribute_guard('div[id^="div-gpt-ad"] > span')
    ('id', '^=', 'div-gpt-ad')
    >>> attribute_guard('div:has(> a[href*="ads.example/r?"]):not(:has(> p))')
    ('href', '*=', 'ads.example/r?')
    >>> attribute_guard('div:not(:has(> a[href*="x"]))'), attribute_guard('p:has(a[x="1"], b)')
    (None, None)
    """
    top = outside(sel, "(")
    if top is None:
        return None
    return _best_condition(top) or next(
        (g for g in map(_best_condition, _has_arguments(sel)) if g is not None), None)


def _best_condition(top: str) -> Guard | None:
    """The most telling `[attr op "value"]` condition of a selector's top level: on
    id/class/href (gathered anyway), then the longest value."""
    best: Guard | None = None
    for m in _ATTR_COND_RE.finditer(top):
        value = next((g for g in m.group(3, 4, 5) if g is not None), "")
        if not m.group(2) or not value or "\\" in value:
            continue
        g = (m.group(1).lower(), m.group(2), value)
        if best is None or (g[0] in _GATHERED, len(value)) > (best[0] in _GATHERED, len(best[2])):
            best = g
    return best


_GATHERED = frozenset({"id", "class", "href"})


def _has_arguments(sel: str) -> list[str]:
    """The top level of the argument of each of the selector's top-level `:has()`s that
    lists no alternatives (no comma): each an element the page must hold for the selector
    to match. (One inside `:not()` is no call at the top level.)"""
    if ":has(" not in sel:
        return []
    found: list[str] = []
    try:
        for name, start, end in calls(sel):
            argument = outside(sel[start + len(name) + 2 : end - 1], "(") if name == "has" \
                else None
            if argument is not None and "," not in argument:
                found.append(argument)
    except ValueError:  # a group left open: no guard
        return []
    return found


_ATTR_NAME_RE = lazy_regex(r"\[\s*([a-zA-Z][\w-]*)\s*(?=[\]\^*$~|=])")


def required_names(sel: str) -> tuple[bytes, ...]:
    """Lowered attribute names the selector's top level tests (`[name]`, `[name^=...]`),
    outside `:not()`/`:has()` and friends: an element it matches carries each of them.

    >>> required_names("div[ow-ad-unit-wrapper] > span")
    (b'ow-ad-unit-wrapper',)
    """
    top = outside(sel, "(")
    if top is None or "," in top or "\\" in top:
        return ()
    return tuple(dict.fromkeys(m.group(1).lower().encode() for m in _ATTR_NAME_RE.finditer(top)))



def guard_key(guard: Guard) -> str:
    return GUARD + "\x00".join(guard)


Needles = tuple[tuple[str, Guard], ...]  # (substring the page must hold, guard)


class GuardPlan(NamedTuple):
    """The guards of unkeyed selectors, sorted by what `PageFeatures.passing` tests them
    on, so a page costs a set intersection, one literal-set pass over its attribute
    values and one substring test per remaining guard."""

    ids: Needles  # on the page's ids, NUL-separated
    classes: Needles  # on its class attribute values, NUL-separated
    hosts: dict[str, tuple[Guard, ...]]  # whole host of a URL-prefix href -> guards
    host_starts: Needles  # a host's beginning, on "@host NUL" per host
    values: Needles  # on all attribute values run together
    value_set: LiteralSet  # the `values` needles, found in one pass (half of `in` each)


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
        LiteralSet(needle for needle, _ in values),
    )
