"""Single compounds (`ins.adsbygoogle[data-ad-client]`), tested on an element in Python
instead of by an XPath call (≈3 µs each), deciding exactly as cssselect's XPath would."""

from __future__ import annotations

import functools
from typing import Any

from auditor.lazy_re import lazy_regex
from auditor.rules.cosmetic.xpath import one_selector

_XPATH_SPACE = str.maketrans("\t\n\r", "   ")  # what XPath's normalize-space() folds
_CSS_NON_SPACE = lazy_regex(r"[^ \t\r\n\f]+")
Check = tuple[str, str, str | None]  # (attribute, CSS operator or "exists", value)


def check(op: str, value: str | None, v: str | None) -> bool:
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
    node: Any = one_selector(sel)
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
    return all(check(op, value, get(attr)) for attr, op, value in checks)

