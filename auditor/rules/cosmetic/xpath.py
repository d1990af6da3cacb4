"""CSS to XPath: cssselect's translation, and the element-local rewriting of a keyed
selector (`local_xpath`), so it is evaluated from the elements carrying its key."""

from __future__ import annotations

from typing import Any

from cssselect import HTMLTranslator, SelectorError
from cssselect import parse as cssparse
from lxml import etree

from auditor.rules.cosmetic.guards import GUARD

_TRANSLATOR = HTMLTranslator()


def css_xpath(css: str, prefix: str = "descendant-or-self::") -> etree.XPath:
    """The compiled XPath of a CSS selector; SelectorError or XPathSyntaxError if none."""
    return etree.XPath(_TRANSLATOR.css_to_xpath(css, prefix=prefix))


def one_selector(sel: str) -> Any:
    """cssselect's tree of `sel` when it is one selector without a pseudo-element, else None."""
    try:
        parsed = cssparse(sel)
    except SelectorError:
        return None
    if len(parsed) != 1 or parsed[0].pseudo_element is not None:
        return None
    return parsed[0].parsed_tree


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



def local_xpath(sel: str, key: str) -> etree.XPath | None:
    """An XPath that, from an element carrying `key`, finds what `sel` matches through it.

    `sel` is split at the compound that carries the key: the compounds before it become
    conditions on the key element's ancestors/siblings (reverse axes), those after it
    steps from it. None when the selector does not split that way (evaluate from the root).

    >>> local_xpath("div.ad-box > span", ".ad-box").path.endswith("]/child::span")
    True
    """
    node: Any = one_selector(sel)
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

