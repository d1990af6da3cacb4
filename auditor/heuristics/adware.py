"""Browser adware: what an ad-injecting add-on or program wrote into a page as it was saved,
or a network into the page it carried (an ISP's in-transit injection).

A page saved by a browser ("Save page", SingleFile, a crawler driving a real browser) keeps
what that browser's adware injected. Known injector families come from the catalogue
(category adware: Superfish, Jollywallet, DealPly, and Telkom Indonesia's in-transit
injector, found by its own code when none of its requests loaded); the generic shape is an
unknown host's script whose path carries the page's own address under a mangled scheme
(`//compoter.net/30/xttp://news.example/arg?purl=yes`): the injector passes the page it
sits on in the path, its scheme spoilt so no proxy or replay rewrites it. A replay's or a
proxy's rewritten address keeps its `http://`, and an analytics beacon puts the page's
address in the query, so neither reads as this. A monetisation SDK that browser add-ons
bundle leaves its root element in every page the browser saves, marked with the add-on's
Chrome ID (`<div id="give-freely-root-<id>" class="give-freely-root"
data-extension-id="<id>" data-extension-name="JSON Formatter">`): the add-on's, not the
site's. Any add-on's content script can end up in a saved page as well: a `<script
src="chrome-extension://<id>/…">` the add-on wrote into the DOM (a test recorder's prompt
hook, a password manager's helper) is no ad, but code the site never served.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from auditor.catalogue import Catalogue
from auditor.heuristics.behaviour import page_before_doctype
from auditor.heuristics.interface import FindingKind, PageContext, finding
from auditor.heuristics.markup import in_server_code, outside_markup, page_start_line
from auditor.identify import live_signature
from auditor.lazy_re import lazy_regex
from auditor.model import Category, Finding, Identifier, Origin, RequestType, Resource, Severity
from auditor.urls import host_of, mangled_page_address

# what an injector writes into the page: its loader, its frame
_INJECTED = frozenset({RequestType.SCRIPT, RequestType.SUBDOCUMENT, RequestType.OBJECT})


# monetisation SDKs that browser add-ons bundle, by the class of the root element each
# injects into every page (Give Freely: affiliate and donation prompts on shopping pages,
# shipped inside JSON Formatter, Volume Booster, CSS Peeper and other add-ons)
_EXTENSION_SDK_ROOTS = {"give-freely-root": "Give Freely"}
# a Chrome (and Edge) add-on's ID: 32 letters a-p
_EXTENSION_ID = lazy_regex(r"^[a-p]{32}$")
_ROOT_TAGS = frozenset({"div", "span", "section", "aside"})  # what such a root is written as
# an add-on's own file as a script's address: Chrome's (and Chromium Edge's, Opera's) scheme
# and the add-on's ID; no site serves from it
_EXTENSION_SCRIPT = lazy_regex(r"^\s*chrome-extension://([a-p]{32})(?:[/?#]|$)", re.I)
# add-ons seen writing their scripts into saved pages, by their Chrome Web Store ID
_KNOWN_EXTENSIONS = {"mooikfkahbdckldjjndioackbalphokd": "Selenium IDE"}


def _extension_sdk_roots(ctx: PageContext) -> Iterator[Finding]:
    """One finding per add-on whose monetisation SDK left its root element in the page:
    an element of the SDK's class carrying the add-on's ID (`data-extension-id`), which
    the element's id repeats. Medium: the SDK's shell says the saving browser ran it, and
    nothing of it was the site's; no script or frame of it loads from the page (a family's
    loader the catalogue knows stays high)."""
    if ctx.page is None:
        return
    seen: set[str] = set()
    # libxml2 selects the attribute, and only on a page whose markup holds it
    for el in ctx.page.carrying("data-extension-id"):
        ext_id = (el.get("data-extension-id") or "").strip()
        if str(el.tag).lower() not in _ROOT_TAGS or not _EXTENSION_ID.match(ext_id) \
                or ext_id in seen:
            continue
        classes = (el.get("class") or "").split()
        el_id = el.get("id") or ""
        family = next((name for cls, name in _EXTENSION_SDK_ROOTS.items()
                       if cls in classes and el_id == f"{cls}-{ext_id}"), None)
        if family is None:
            continue  # an add-on's own widget (a translator's popup) sells nothing
        seen.add(ext_id)
        name = (el.get("data-extension-name") or "").strip()[:80]
        addon = f"the add-on {name!r} ({ext_id})" if name else f"the add-on {ext_id}"
        yield finding(
            BROWSER_ADWARE, Severity.MEDIUM,
            f"injected by a browser add-on's monetisation SDK: {family}'s root element, "
            f"written by {addon} in the browser that saved the page, not by the site",
            el_id, line=ctx.cited_line(el), xpath=ctx.xpath(el),
            key=(family, ext_id))


def _sdk_root_ids(ctx: PageContext) -> set[str]:
    """The add-on IDs a monetisation SDK's root names (`browser-adware` reports those)."""
    if ctx.page is None:
        return set()
    return {str(el.get("data-extension-id") or "").strip()
            for el in ctx.page.carrying("data-extension-id")
            if any(cls in (el.get("class") or "").split() for cls in _EXTENSION_SDK_ROOTS)}


def browser_extension_scripts(ctx: PageContext) -> Iterator[Finding]:
    """One finding per add-on whose own script (`chrome-extension://<id>/…`) a `<script
    src>` of the page loads: the saving browser's add-on wrote it into the DOM. Only a
    script element's address counts, so the words in prose, a `<pre>`, a comment or a
    script's string are none; an add-on `browser-adware` already names as an ad SDK's
    keeps that finding alone."""
    if ctx.page is None or not ctx.page.holding((b"chrome-extension:",)):
        return
    adware = _sdk_root_ids(ctx)
    seen: set[str] = set()
    for el in ctx.page.tagged("script"):
        src = str(el.get("src") or "")
        found = _EXTENSION_SCRIPT.match(src) if src else None
        if found is None:
            continue
        ext_id = found.group(1).lower()
        if ext_id in seen or ext_id in adware:
            continue
        seen.add(ext_id)
        name = _KNOWN_EXTENSIONS.get(ext_id)
        addon = f"the add-on {name} ({ext_id})" if name else f"the add-on {ext_id}"
        yield finding(
            BROWSER_EXTENSION_SCRIPT, Severity.LOW,
            f"script of {addon} in the browser that saved the page, written into its DOM, "
            f"not served by the site: {src.strip()[:200]}",
            src.strip()[:200], line=ctx.cited_line(el), xpath=ctx.xpath(el), key=(ext_id,))


def _outside_markup(ctx: PageContext, res: Resource) -> bool:
    """Written after the page's `</html>` or before its `<html>`: no template writes there.
    Before the doctype on `<html>`'s own line too (`<script src=…></script><!DOCTYPE html>
    <html>`, the injector's tag and the page run together): its host is in that prefix."""
    html_line = page_start_line(ctx)
    if outside_markup(ctx, res.line, host_of(res.url)):
        return True
    if not 0 < res.line <= html_line or in_server_code(ctx, res.line, host_of(res.url)):
        return False
    doctype_line, prefix = page_before_doctype(ctx)
    return res.line <= doctype_line and host_of(res.url).lower() in prefix.lower()


def adware_ids(ids: Sequence[Identifier], catalogue: Catalogue) -> tuple[Identifier, ...]:
    """An injector family's IDs, marked the adware's (`Origin.ADWARE`): its distribution
    number says which bundle installed it in the saving browser, nothing of the site's
    operator, so it makes no network the page's and joins no sites."""
    out: list[Identifier] = []
    for ident in ids:
        known = catalogue.network_named(ident.network) if ident.network else None
        if known is not None and known.category is Category.ADWARE \
                and ident.origin is Origin.OPERATOR:
            ident = replace(ident, origin=Origin.ADWARE,
                            why=f"{known.name} adware in the browser that saved the page "
                                "wrote it, not the site")
        out.append(ident)
    return tuple(out)


def _injected_code(ctx: PageContext, named: set[str]) -> Iterator[Finding]:
    """One finding per injector family the page shows by its own code alone (its inline
    signature), none of its requests loaded: what an ISP writes into a plain-HTTP page in
    transit (Telkom Indonesia's `requestCfs`) is code that asks for its ads when the page
    runs. Medium: the code says which connection or browser the copy came through, and
    nothing of it was the site's; its loader, where the page loads one, stays high."""
    families = [n for n in ctx.networks if n.category is Category.ADWARE and n.inline
                and n.name not in named and (n.company or n.name) not in named]
    if not families or ctx.page is None:
        return
    for network in families:
        # the first script holding the family's code as code (not in a comment or a
        # string: `live_signature`); found present by it, so one is there
        script = next((el for el in ctx.page.scripts
                       if network.configured_in(el.text or "")
                       and any(live_signature(p, el.text or "", in_strings=False)
                               for _, p in network.signatures)), None)
        if script is None:
            continue  # shown only by what a script decodes to: no script to cite
        named.add(network.name)
        yield finding(
            BROWSER_ADWARE, Severity.MEDIUM,
            f"injected code of {network.name}, written into the page by adware in the "
            "browser that saved it or by the network that carried it (an ISP's in-transit "
            "injection), not by the site: it requests the injector's script when the page "
            "runs", network.name, line=ctx.cited_line(script), xpath=ctx.xpath(script),
            key=(network.name,))


def browser_adware(ctx: PageContext) -> Iterator[Finding]:
    """One finding per injector family the catalogue knows, then one per script of the
    generic shape."""
    named: set[str] = set()
    for res in ctx.resources:
        if res.category is not Category.ADWARE or not res.third_party:
            continue  # the injector's own site is no page it injected into
        if res.type not in _INJECTED or res.hint:
            continue  # its logo in an article about it, a connection hint: no injection
        family = res.network or res.company or res.domain
        if family in named:
            continue
        named.add(family)
        ids = [i.value for i in ctx.ids if i.network == res.network]
        detail = f" (distribution {', '.join(ids)})" if ids else ""
        yield finding(
            BROWSER_ADWARE, Severity.HIGH,
            f"injected by adware in the browser that saved the page: {family}{detail} "
            f"loads {res.url}", res.url, line=res.line, xpath=res.xpath, key=(family,))
    if ctx.page is None:
        return
    yield from _injected_code(ctx, named)
    yield from _extension_sdk_roots(ctx)
    for res in ctx.resources:
        if res.type is not RequestType.SCRIPT or not res.third_party or res.network \
                or res.company:
            continue  # a vendor the catalogue knows is no unknown injector
        page_host = mangled_page_address(res.url, ctx.first_party)
        if page_host is None:
            continue
        outside = _outside_markup(ctx, res)
        where = " outside the page's markup" if outside else ""
        yield finding(
            BROWSER_ADWARE, Severity.HIGH if outside else Severity.MEDIUM,
            f"script from {host_of(res.url)}{where} carries the page's own address "
            f"({page_host}) in its path under a spoilt scheme, as ad-injecting browser "
            f"add-ons load theirs: {res.url}", res.url, line=res.line, xpath=res.xpath)


BROWSER_ADWARE = FindingKind(
    "browser-adware", (Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "Injected by adware in the browser that saved the page, or by the network that carried "
    "it (an ISP's in-transit injection)",
    "A page saved by a browser keeps what that browser's ad-injecting add-on or program "
    "wrote into it, and a page fetched over plain HTTP what the network that carried it "
    "wrote in transit. High for a known injector family's script or frame (the catalogue's "
    "adware category: Superfish's `sf_main.jsp`, Jollywallet's affiliate client), naming the "
    "family and its distribution number. Medium for a family's own code with none of its "
    "requests loaded (Telkom Indonesia's injected `requestCfs`, building a request to "
    "`cfs2.uzone.id`): a site's stub disarming it, the words in prose, or the code quoted "
    "in a script's string (a detector's, a blocklist's) are none. "
    "Medium for a script of a host no vendor the "
    "catalogue knows whose path carries the page's own address under a spoilt scheme "
    "(`//host/30/xttp://news.example/arg`), how injecting add-ons pass the page they sit on; "
    "high when that script is also written outside the page's markup. The page's address "
    "in a query (an analytics beacon, a share widget) or under `http://` (a web archive's "
    "replay, a proxy) is none. Medium for the root element a monetisation SDK bundled into "
    "browser add-ons writes into every page (Give Freely's `give-freely-root`, carrying the "
    "add-on's ID in `data-extension-id`). The site did not add it: judge the page without "
    "it, and know the copy came from an infected browser.",
)

BROWSER_EXTENSION_SCRIPT = FindingKind(
    "browser-extension-script", (Severity.LOW,), Severity.LOW,
    "A browser add-on's script written into the page as it was saved",
    "A page saved by a browser keeps the scripts its add-ons wrote into the DOM: a "
    "`<script src=\"chrome-extension://<id>/…\">` loads the add-on's own file (a test "
    "recorder's prompt hook such as Selenium IDE's `assets/prompt.js`), which no site "
    "serves. The finding names the add-on's ID. Low: the copy holds code that is not the "
    "site's, but nothing of it shows or sells anything; judge the page without it. An "
    "add-on known to inject ads (a monetisation SDK's root) is `browser-adware` instead. "
    "The scheme in prose, a `<pre>`, a comment or a script's string is none.",
)

KINDS = (BROWSER_ADWARE, BROWSER_EXTENSION_SCRIPT)
HEURISTICS = (browser_adware, browser_extension_scripts)
