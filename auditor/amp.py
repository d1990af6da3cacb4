"""What an AMP page's components say: which vendors its ads and analytics are, and the
IDs it gives them.

An AMP page loads no vendor script: it names each vendor by a component's `type`
(`<amp-ad type="adsense">`, `<amp-auto-ads type="adsense">`, `<amp-analytics
type="gtag">`), and the AMP runtime loads the vendor's code. So on an AMP page the type
is what makes a vendor present (`Network.amp`), and its IDs are in the component: an
ad's `data-*` attributes (`data-ad-client`, `data-slot`), an analytics config's `vars`
(`{"vars": {"gtag_id": "G-…"}}` in its `<script type="application/json">`).
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from lxml import etree

from auditor.catalogue import Catalogue, Network
from auditor.dom.page import ParsedPage

# The components that name a vendor by `type` (an `amp-sticky-ad` holds an `amp-ad`)
VENDOR_TAGS = ("amp-ad", "amp-embed", "amp-auto-ads", "amp-analytics")
_ANALYTICS = "amp-analytics"


class Component(NamedTuple):
    element: etree._Element
    tag: str
    type: str  # lower case


def components(page: ParsedPage) -> tuple[Component, ...]:
    """The page's AMP components that name a vendor, in document order (none without
    `<amp-` in the markup: no walk)."""
    if not page.holding((b"<amp-",)):
        return ()
    return page.view("amp", lambda: tuple(
        Component(el, str(el.tag), kind) for el in page.root.iter(*VENDOR_TAGS)
        if (kind := (el.get("type") or "").strip().lower())))


def named_networks(page: ParsedPage, catalogue: Catalogue) -> set[str]:
    """The networks the page's AMP components name by their type."""
    return {n.name for c in components(page) if (n := catalogue.amp_types.get(c.type))}


def values(page: ParsedPage, network: Network, name: str) -> list[str]:
    """What the network's components on the page give `name`: an ad's attribute, an
    analytics config's variable (a string or a number)."""
    out: list[str] = []
    for c in components(page):
        if c.type not in network.amp:
            continue
        value = (_variables(c.element).get(name) if c.tag == _ANALYTICS
                 else c.element.get(name))
        if isinstance(value, str | int) and not isinstance(value, bool):
            out.append(str(value))
    return out


def _variables(element: etree._Element) -> dict[str, Any]:
    """The `vars` of an amp-analytics element's inline JSON config; {} when it has none
    or it does not read as JSON (a remote `config=` URL is never fetched)."""
    for script in element.iterchildren("script"):
        if (script.get("type") or "").strip().lower() != "application/json":
            continue
        try:
            config = json.loads(script.text or "")
        except (ValueError, RecursionError):  # a page's JSON nested past the stack
            return {}
        found = config.get("vars") if isinstance(config, dict) else None
        return found if isinstance(found, dict) else {}
    return {}
