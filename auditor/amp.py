"""What an AMP page's components say: which vendors its ads and analytics are, and the
IDs it gives them.

An AMP page loads no vendor script: it names each vendor by a component's `type`
(`<amp-ad type="adsense">`, `<amp-auto-ads type="adsense">`, `<amp-analytics
type="gtag">`), and the AMP runtime loads the vendor's code. An ad also names the
vendors AMP asks for bids before it (its `rtc-config`'s `vendors`: `{"aps": {"PUB_ID":
"600"}}`). So on an AMP page these names are what make a vendor present
(`Network.amp`, `amp_analytics`, `amp_rtc`: amphtml's three registries), and its IDs are
in the component: an ad's `data-*` attributes (`data-ad-client`, `data-slot`), an
analytics config's `vars` (`{"vars": {"gtag_id": "G-…"}}` in its `<script
type="application/json">`), a bid vendor's macros.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from lxml import etree

from auditor.catalogue import AmpRole, Catalogue, Network
from auditor.dom.page import ParsedPage, as_object, json_object

# The components that name a vendor (an `amp-sticky-ad` holds an `amp-ad`); a web
# story's ads and analytics are configured, not written: `amp-story-auto-ads` holds the
# attributes of the `amp-ad` it inserts (`{"ad-attributes": {"type": "doubleclick",
# "data-slot": "/…"}}`), `amp-story-auto-analytics gtag-id="G-…"` is a gtag analytics
_ANALYTICS, _STORY_ADS, _STORY_ANALYTICS = ("amp-analytics", "amp-story-auto-ads",
                                             "amp-story-auto-analytics")
# A site's own components written after AMP's: heise's (its `akwa` library, beside its
# `<a-ad>` and `<a-script>`) writes `<a-analytics type="chartbeat">` with AMP's config (`{"vars":
# …}`) as AMP writes `<amp-analytics>`, its types amp-analytics vendor names: read as one
_LIKE_ANALYTICS = "a-analytics"
VENDOR_TAGS = ("amp-ad", "amp-embed", "amp-auto-ads", _ANALYTICS, _STORY_ADS, _STORY_ANALYTICS,
               _LIKE_ANALYTICS)
_NEEDLES = (b"<amp-", b"<" + _LIKE_ANALYTICS.encode())


class Component(NamedTuple):
    element: etree._Element
    name: str  # the vendor's AMP name, as written (AMP's look-ups are exact)
    # what it gives the vendor by name: an analytics config's `vars`, a bid vendor's
    # macros, a story ad's attributes; None for an ad, whose attributes are read
    settings: dict[str, Any] | None
    role: AmpRole  # which of amphtml's registries names it


def components(page: ParsedPage) -> tuple[Component, ...]:
    """The page's AMP components (and those written after them) that name a vendor, in
    document order (none without `<amp-` or `<a-analytics` in the markup: no walk)."""
    if not page.holding(_NEEDLES):
        return ()
    return page.view("amp", lambda: tuple(_named(page)))


def _named(page: ParsedPage) -> list[Component]:
    out: list[Component] = []
    for el in page.root.iter(*VENDOR_TAGS):
        if el.tag == _STORY_ANALYTICS:
            out.append(Component(el, "gtag", {"gtag_id": el.get("gtag-id")}, "analytics"))
        elif el.tag in (_ANALYTICS, _LIKE_ANALYTICS):
            out += _typed(el, el.get("type"), as_object(page.config(el).get("vars")), "analytics")
        elif el.tag == _STORY_ADS:
            attributes = as_object(page.config(el).get("ad-attributes"))
            out += _typed(el, attributes.get("type"), attributes, "ad")
            rtc = attributes.get("rtc-config")  # an object, or the attribute's JSON text
            out += _bidders(el, json_object(rtc) if isinstance(rtc, str) else as_object(rtc))
        else:
            out += _typed(el, el.get("type"), None, "ad")
            out += _bidders(el, page.config(el, "rtc-config"))
    return out


def _typed(el: etree._Element, name: Any, settings: dict[str, Any] | None, role: AmpRole
           ) -> list[Component]:
    """The component a `type` names, if it names one."""
    if not isinstance(name, str) or not name:
        return []
    return [Component(el, name, settings, role)]


def _bidders(el: etree._Element, rtc: dict[str, Any]) -> list[Component]:
    """The vendors an ad's rtc-config (an attribute's JSON, or a story ad's object) asks
    before the ad, each with its macros (AMP lower-cases these names)."""
    return [Component(el, str(name).lower(), macros, "bidder")
            for name, macros in as_object(rtc.get("vendors")).items()
            if isinstance(macros, dict)]


def named_networks(page: ParsedPage, catalogue: Catalogue) -> set[str]:
    """The networks the page's AMP components name. An analytics name several networks
    share (gtag: Google Analytics, Ads, Floodlight) names those whose ID it carries."""
    out: set[str] = set()
    for c in components(page):
        sharing = catalogue.amp_registries[c.role].get(c.name, ())
        out.update(n.name for n in sharing if len(sharing) == 1 or _carries_id(c, n))
    return out


def _carries_id(c: Component, network: Network) -> bool:
    return any(spec.pattern.search(value) for spec in network.ids
               if spec.where == "amp" and spec.attr for value in _given(c, spec.attr))


def values(page: ParsedPage, network: Network, name: str) -> list[str]:
    """What the network's components on the page give `name` (an ad's attribute, an
    analytics variable, a bid vendor's macro): strings, numbers, an object's keys."""
    return [value for c in components(page) if c.name in network.amp_names(c.role)
            for value in _given(c, name)]


def _given(c: Component, name: str) -> list[str]:
    """What one component gives `name`: an object gives its keys (gtag's `config` is
    keyed by the IDs it configures)."""
    value = c.element.get(name) if c.settings is None else c.settings.get(name)
    if isinstance(value, dict):
        return [str(key) for key in value]
    if isinstance(value, str | int) and not isinstance(value, bool):
        return [str(value)]
    return []
