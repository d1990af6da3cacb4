"""What an AMP page's components say: which vendors its ads and analytics are, and the
IDs it gives them.

An AMP page loads no vendor script: it names each vendor by a component's `type`
(`<amp-ad type="adsense">`, `<amp-auto-ads type="adsense">`, `<amp-analytics
type="gtag">`), and the AMP runtime loads the vendor's code. An ad also names the
vendors AMP asks for bids before it (its `rtc-config`'s `vendors`: `{"aps": {"PUB_ID":
"600"}}`). So on an AMP page these names are what make a vendor present
(`Network.amp`), and its IDs are in the component: an ad's `data-*` attributes
(`data-ad-client`, `data-slot`), an analytics config's `vars` (`{"vars": {"gtag_id":
"G-…"}}` in its `<script type="application/json">`), a bid vendor's macros.
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
    type: str  # the vendor's AMP name, lower case
    # what it gives the vendor by name: an analytics config's `vars`, a bid vendor's
    # macros; None for an ad, whose attributes are read
    settings: dict[str, Any] | None


def components(page: ParsedPage) -> tuple[Component, ...]:
    """The page's AMP components that name a vendor, in document order (none without
    `<amp-` in the markup: no walk)."""
    if not page.holding((b"<amp-",)):
        return ()
    return page.view("amp", lambda: tuple(_named(page.root)))


def _named(root: etree._Element) -> list[Component]:
    out: list[Component] = []
    for el in root.iter(*VENDOR_TAGS):
        kind = (el.get("type") or "").strip().lower()
        if el.tag == _ANALYTICS:
            if kind:
                out.append(Component(el, kind, _variables(el)))
            continue
        if kind:
            out.append(Component(el, kind, None))
        vendors = _json(el.get("rtc-config")).get("vendors")
        for name, macros in vendors.items() if isinstance(vendors, dict) else ():
            if isinstance(macros, dict):
                out.append(Component(el, str(name).strip().lower(), macros))
    return out


def named_networks(page: ParsedPage, catalogue: Catalogue) -> set[str]:
    """The networks the page's AMP components name."""
    return {n.name for c in components(page) if (n := catalogue.amp_types.get(c.type))}


def values(page: ParsedPage, network: Network, name: str) -> list[str]:
    """What the network's components on the page give `name` (an ad's attribute, an
    analytics variable, a bid vendor's macro): strings and numbers."""
    out: list[str] = []
    for c in components(page):
        if c.type not in network.amp:
            continue
        value = c.element.get(name) if c.settings is None else c.settings.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool):
            out.append(str(value))
    return out


def _variables(element: etree._Element) -> dict[str, Any]:
    """The `vars` of an amp-analytics element's inline JSON config; {} when it has none
    (a remote `config=` is a request the walk reports, never fetched)."""
    for script in element.iterchildren("script"):
        if (script.get("type") or "").strip().lower() == "application/json":
            found = _json(script.text).get("vars")
            return found if isinstance(found, dict) else {}
    return {}


def _json(text: str | None) -> dict[str, Any]:
    """A JSON object the page wrote; {} for anything else or what does not read."""
    try:
        found = json.loads(text or "{}")
    except (ValueError, RecursionError):  # a page's JSON nested past the stack
        return {}
    return found if isinstance(found, dict) else {}
