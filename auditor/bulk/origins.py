"""Whose an ID is across a crawl, and who republishes whom (issue 16, the bulk half).

A scraper that copies a BBC article often copies the BBC's analytics snippet with it;
joining sites on that ID would put every scraper of the BBC in one "operator" cluster,
with the BBC. So an ID on a page is **copied**, and never joins sites, when

* the page's audit marked it so (`Identifier.origin`, e.g. a GA snippet inside the
  copied article), or
* the page names a source (its `provenance`) whose registrable domain is a site of the
  crawl carrying the same ID on its own pages: the outlet's ID travelled with the
  article. A page naming its own site is not republishing anything.

Everything else is the operator's. Stores written before issue 16 have neither origins
nor sources, and read as all-operator.

The queries run in SQLite, so they scale with the store, not with memory. The second
rule asks, for each ID on a page naming a source, whether the source's site carries it:
the IDs of the sites named as sources are gathered once per connection into a temporary
table keyed on (kind, value, site), so each asks one index lookup (a popular outlet's GA
ID is on thousands of pages: through the `ids (kind, value)` index alone, each would
scan them all).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from auditor.bulk.store import Store


class CopiedRule:
    """The rules above as SQL terms, for the summary and the graph alike; written for the
    store's version (an older store lacks the origin columns and the `page_sources`
    table, and reads as all-operator)."""

    def __init__(self, store: Store) -> None:
        self.has_sources = "page_sources" in store.tables()
        self.has_origin = "origin" in store.columns("ids")
        if self.has_sources and not store.query(
                "SELECT 1 FROM temp.sqlite_master WHERE name = 'source_ids'"):
            # temporary: in the connection's own temp database, never in the store
            store.query("CREATE TEMP TABLE source_ids (kind TEXT, value TEXT, site TEXT, "
                        "PRIMARY KEY (kind, value, site)) WITHOUT ROWID")
            store.query("INSERT OR IGNORE INTO temp.source_ids SELECT kind, value, site "
                        "FROM ids WHERE site IN (SELECT domain FROM page_sources)")

    def copied(self, i: str = "i") -> str:
        """True for an `ids` row (alias `i`) that is copied, by either rule."""
        terms = []
        if self.has_origin:
            terms.append(f"{i}.origin = 'copied'")
        if self.has_sources:
            terms.append(
                f"EXISTS (SELECT 1 FROM page_sources s WHERE s.page_id = {i}.page_id "
                f"AND s.domain <> coalesce({i}.site, '') AND EXISTS (SELECT 1 FROM "
                f"temp.source_ids j WHERE j.kind = {i}.kind AND j.value = {i}.value "
                "AND j.site = s.domain))")
        return "(" + " OR ".join(terms) + ")" if terms else "0"

    def copied_rows(self) -> str | None:
        """(page_id, kind, value, network, site, copied_from) of every copied ID; None for
        a store that cannot hold any."""
        parts = []
        if self.has_sources:
            parts.append(
                "SELECT i.page_id, i.kind, i.value, i.network, i.site, s.domain AS copied_from "
                "FROM page_sources s JOIN ids i ON i.page_id = s.page_id "
                "WHERE s.domain <> coalesce(i.site, '') AND EXISTS (SELECT 1 FROM "
                "temp.source_ids j WHERE j.kind = i.kind AND j.value = i.value "
                "AND j.site = s.domain)")
        if self.has_origin:
            parts.append("SELECT page_id, kind, value, network, site, copied_from FROM ids "
                         "WHERE origin = 'copied'")
        return " UNION ".join(parts) or None


def operator_edges(store: Store) -> list[tuple[str, str, str | None, str]]:
    """(kind, value, network, site) of every ID some page of the site carries as its
    operator's: the only edges clusters are made of."""
    sql = CopiedRule(store)
    return [(k, v, n, s) for k, v, n, s in store.query(
        "SELECT DISTINCT i.kind, i.value, i.network, i.site FROM ids i "
        f"WHERE i.site IS NOT NULL AND NOT {sql.copied()}")]


def copied_ids(store: Store, top: int) -> tuple[list[dict[str, Any]], int]:
    """The copied IDs, most pages first (at most `top`), and how many there are.

    Each says where it was copied from (`copied_from`: source domains; empty when the
    page's audit could not name the source), on how many pages and which sites.
    """
    copied = CopiedRule(store).copied_rows()
    if copied is None:
        return [], 0
    rows = store.query(
        "SELECT kind, value, max(network), json_group_array(DISTINCT copied_from), "
        "json_group_array(DISTINCT site), count(DISTINCT page_id) "
        f"FROM ({copied}) GROUP BY kind, value ORDER BY 6 DESC, 1, 2")
    out = []
    for kind, value, network, sources, sites, pages in rows[:top]:
        site_list = sorted(s for s in json.loads(sites) if s is not None)
        out.append({"kind": kind, "value": value, "network": network,
                    "copied_from": sorted(s for s in json.loads(sources) if s is not None),
                    "sites": len(site_list), "site_list": site_list, "pages": pages})
    return out, len(rows)


def republication(store: Store, top: int) -> tuple[list[dict[str, Any]], int]:
    """The sources pages republish, most pages first (at most `top`), and how many.

    Each lists the sites republishing it, the pages that do, the evidence kinds that
    said so, and whether the source's own pages are in the store (`crawled`): only then
    can its IDs be recognised on the copies by the second rule above.
    """
    if not CopiedRule(store).has_sources:
        return [], 0
    sites: dict[str, set[str]] = defaultdict(set)
    pages: dict[str, int] = defaultdict(int)
    evidence: dict[str, set[str]] = defaultdict(set)
    for domain, site, n, kinds in store.query(
            "SELECT s.domain, p.site, count(DISTINCT s.page_id), "
            "json_group_array(DISTINCT s.evidence) FROM page_sources s "
            "JOIN pages p ON p.id = s.page_id WHERE p.site IS NULL OR p.site <> s.domain "
            "GROUP BY s.domain, p.site"):
        if site is not None:
            sites[domain].add(site)
        pages[domain] += n
        evidence[domain].update(k for joined in json.loads(kinds) for k in joined.split(",")
                                if k)
    order = sorted(pages, key=lambda d: (-pages[d], d))
    shown = order[:top]
    crawled = _crawled(store, shown)
    return [{"source": d, "sites": sorted(sites[d]), "pages": pages[d],
             "evidence": sorted(evidence[d]), "crawled": d in crawled}
            for d in shown], len(order)


def _crawled(store: Store, domains: list[str]) -> set[str]:
    if not domains:
        return set()
    marks = ",".join("?" * len(domains))
    return {r[0] for r in store.query(
        f"SELECT DISTINCT site FROM pages WHERE site IN ({marks})", tuple(domains))}
