"""Browser adware: what an ad-injecting add-on or program wrote into a page as it was saved.

A page saved by a browser ("Save page", SingleFile, a crawler driving a real browser)
keeps what that browser's adware injected. Known injector families come from the
catalogue (category adware: Superfish, Jollywallet, DealPly); the generic shape is an unknown
host's script whose path carries the page's own address under a mangled scheme
(`//compoter.net/30/xttp://news.example/arg?purl=yes`): the injector passes the page it
sits on in the path, its scheme spoilt so no proxy or replay rewrites it. A replay's or a
proxy's rewritten address keeps its `http://`, and an analytics beacon puts the page's
address in the query, so neither reads as this.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from auditor.catalogue import Catalogue
from auditor.heuristics.behaviour import page_before_doctype, page_start_line
from auditor.heuristics.interface import FindingKind, PageContext, finding
from auditor.heuristics.markup import past_html_end
from auditor.model import Category, Finding, Identifier, Origin, RequestType, Resource, Severity
from auditor.urls import host_of, mangled_page_address

# what an injector writes into the page: its loader, its frame
_INJECTED = frozenset({RequestType.SCRIPT, RequestType.SUBDOCUMENT, RequestType.OBJECT})


def _outside_markup(ctx: PageContext, res: Resource) -> bool:
    """Written after the page's `</html>` or before its `<html>`: no template writes there.
    Before the doctype on `<html>`'s own line too (`<script src=…></script><!DOCTYPE html>
    <html>`, the injector's tag and the page run together): its host is in that prefix."""
    html_line = page_start_line(ctx)
    if past_html_end(ctx, res.line, host_of(res.url)) or 0 < res.line < html_line:
        return True
    if not 0 < res.line <= html_line:
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
    "Injected by adware in the browser that saved the page",
    "A page saved by a browser keeps what that browser's ad-injecting add-on or program "
    "wrote into it. High for a known injector family's script or frame (the catalogue's "
    "adware category: Superfish's `sf_main.jsp`, Jollywallet's affiliate client), naming the "
    "family and its distribution number. Medium for a script of a host no vendor the "
    "catalogue knows whose path carries the page's own address under a spoilt scheme "
    "(`//host/30/xttp://news.example/arg`), how injecting add-ons pass the page they sit on; "
    "high when that script is also written outside the page's markup. The page's address "
    "in a query (an analytics beacon, a share widget) or under `http://` (a web archive's "
    "replay, a proxy) is none. The site did not add it: judge the page without it, and "
    "know the copy came from an infected browser.",
)

KINDS = (BROWSER_ADWARE,)
HEURISTICS = (browser_adware,)
