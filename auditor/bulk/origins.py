"""Whose an ID is across a crawl, and who republishes whom (issue 16, the bulk half).

A scraper that copies a BBC article often copies the BBC's analytics snippet with it;
joining sites on that ID would put every scraper of the BBC in one "operator" cluster,
with the BBC. So an ID on a page is **copied**, and never joins sites, when

* the page's audit marked it so (`Identifier.origin`, e.g. a GA snippet inside the
  copied article), unless the crawl refutes the mark: the source it names is crawled
  and none of its pages carries the ID, or the page's site has the ID "copied" from two
  sources or more and on all its copies (an operator's own tag inside the post body is
  no outlet's; sister outlets sharing a tag are, and the site's other copies lack it); or
* the page's site names a source, on any of its pages (`provenance`), that owns the ID:
  a site of the crawl carrying it on its own pages, or a source a standing mark says the
  ID was copied from (an outlet that is not crawled). A site naming itself is not
  republishing anything. An ID the page found in its own ad slots (`ids.slot`) is left
  to the first rule: the slot is the operator's; or
* the ID follows one source across the crawl (`CopiedRule._follows_a_source`): every
  page carrying it names that source, and every site carrying it has a copy of another
  source without it (an outlet's tag kept in the head of clones, the outlet not crawled).

Everything else is the operator's. Stores written before issue 16 have neither origins
nor sources, and read as all-operator.

The queries run in SQLite, so they scale with the store, not with memory: the copied
IDs are gathered once per connection into temporary tables (see `CopiedRule`), each
rule-2 lookup one index probe on (kind, value, site) (a popular outlet's GA ID is on
thousands of pages: through the `ids (kind, value)` index alone, each would scan them).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, NamedTuple

from auditor.bulk.store import Store


class CopiedRule:
    """The rules above as SQL terms, for the summary and the graph alike; written for the
    store's version (an older store lacks the origin columns and the `page_sources`
    table, and reads as all-operator).

    The copied IDs are worked out once per connection into temporary tables (in the
    connection's own temp database, never in the store):

    * `marks`: the pages' own copied marks (rule 1) that the crawl does not refute;
    * `site_sources (site, domain)`: the sources each site names on any of its pages;
    * `source_ids (kind, value, site)`: the IDs a source owns: those on its own pages,
      and those a standing mark says were copied from it;
    * `loose`, `follows (kind, value, domain)`: rule 3, the IDs the others leave to the
      operators, and those of them that follow one source;
    * `copied (page_id, kind, value, network, site, copied_from)`: every copied ID, by
      any rule, with each source it came from.
    """

    def __init__(self, store: Store) -> None:
        self.has_sources = "page_sources" in store.tables()
        columns = store.columns("ids")
        self.has_origin = "origin" in columns
        self._has_slot = "slot" in columns
        if (self.has_sources or self.has_origin) and not store.query(
                "SELECT 1 FROM temp.sqlite_master WHERE name = 'copied'"):
            self._build(store)

    def _build(self, store: Store) -> None:
        store.query("CREATE TEMP TABLE copied (page_id INTEGER NOT NULL, kind TEXT NOT NULL, "
                    "value TEXT NOT NULL, network TEXT, site TEXT, copied_from TEXT)")
        if self.has_origin:
            # Rule 1, unless refuted: the named source is crawled and none of its pages
            # carries the ID, or the site has the ID "copied" from two sources or more
            # (a region-only mark: the operator's own ID placed inside the article) and
            # on every copy it holds: sister outlets sharing a tag are copied from, but
            # the site's copies of other sources lack their tag (`_any_copy_without`).
            store.query("CREATE TEMP TABLE marks (page_id INTEGER, kind TEXT, value TEXT, "
                        "network TEXT, site TEXT, copied_from TEXT)")
            witness = (f"AND NOT {self._any_copy_without('ids.site', 'ids.kind', 'ids.value')}"
                       if self.has_sources else "")
            store.query(
                "INSERT INTO temp.marks SELECT i.page_id, i.kind, i.value, i.network, i.site, "
                "i.copied_from FROM ids i WHERE i.origin = 'copied' AND NOT ("
                "i.copied_from IS NOT NULL "
                "AND EXISTS (SELECT 1 FROM pages p WHERE p.site = i.copied_from) "
                "AND NOT EXISTS (SELECT 1 FROM ids j WHERE j.kind = i.kind "
                "AND j.value = i.value AND j.site = i.copied_from)) "
                "AND (i.site IS NULL OR (i.site, i.kind, i.value) NOT IN ("
                "SELECT site, kind, value FROM ids WHERE origin = 'copied' "
                "AND copied_from IS NOT NULL AND site IS NOT NULL "
                "GROUP BY site, kind, value HAVING count(DISTINCT copied_from) >= 2 "
                f"{witness}))")
            store.query("INSERT INTO temp.copied SELECT * FROM temp.marks")
        if self.has_sources:
            # Rule 2, per site: a source any page of the site names owns the ID
            store.query("CREATE TEMP TABLE site_sources (site TEXT, domain TEXT, "
                        "PRIMARY KEY (site, domain)) WITHOUT ROWID")
            store.query("INSERT OR IGNORE INTO temp.site_sources SELECT p.site, s.domain "
                        "FROM page_sources s JOIN pages p ON p.id = s.page_id "
                        "WHERE p.site IS NOT NULL AND p.site <> s.domain")
            store.query("CREATE TEMP TABLE source_ids (kind TEXT, value TEXT, site TEXT, "
                        "PRIMARY KEY (kind, value, site)) WITHOUT ROWID")
            store.query("INSERT OR IGNORE INTO temp.source_ids SELECT kind, value, site "
                        "FROM ids WHERE site IN (SELECT domain FROM temp.site_sources)")
            if self.has_origin:
                # what the crawl knows of a source it did not crawl (or crawled in part)
                store.query("INSERT OR IGNORE INTO temp.source_ids SELECT kind, value, "
                            "copied_from FROM temp.marks WHERE copied_from IS NOT NULL")
            own_slot = "AND NOT coalesce(i.slot, 0) " if self._has_slot else ""
            store.query(
                "INSERT INTO temp.copied SELECT i.page_id, i.kind, i.value, i.network, "
                "i.site, ss.domain FROM ids i JOIN temp.site_sources ss ON ss.site = i.site "
                "JOIN temp.source_ids j ON j.kind = i.kind AND j.value = i.value "
                f"AND j.site = ss.domain WHERE 1 {own_slot}")
            self._follows_a_source(store, own_slot)
        store.query("CREATE INDEX temp.copied_id ON copied (page_id, kind, value)")

    @staticmethod
    def _any_copy_without(site: str, kind: str, value: str, source: str | None = None) -> str:
        """SQL: the site has a copy (a page naming a source other than itself, and not
        `source`) that lacks the ID: evidence the ID is not the site's own, which is on
        its copies whatever they copy."""
        other = f"AND ws.domain <> {source} " if source else ""
        not_source = ("AND NOT EXISTS (SELECT 1 FROM page_sources wn WHERE wn.page_id = w.id "
                      f"AND wn.domain = {source}) " if source else "")
        return (f"EXISTS (SELECT 1 FROM pages w JOIN page_sources ws ON ws.page_id = w.id "
                f"AND ws.domain <> w.site {other}WHERE w.site = {site} {not_source}"
                f"AND NOT EXISTS (SELECT 1 FROM ids wi WHERE wi.page_id = w.id "
                f"AND wi.kind = {kind} AND wi.value = {value}))")

    @classmethod
    def _follows_a_source(cls, store: Store, own_slot: str) -> None:
        """Rule 3: an ID the other rules leave to the operators is the source's when it
        follows that source, not the sites: every page carrying it names the source, it
        is on two sites or more, and each of them has a copy of another source that
        lacks it. An operator's own tag is on its pages whatever they copy, and
        a site copying that source alone shows nothing either way; so a clone of an
        outlet that is not crawled, keeping the outlet's tag in its head, ties no
        scrapers together."""
        store.query("CREATE TEMP TABLE loose AS SELECT DISTINCT i.page_id, i.kind, i.value, "
                    "i.network, i.site FROM ids i WHERE i.site IS NOT NULL "
                    f"{own_slot}AND NOT EXISTS (SELECT 1 FROM temp.copied c "
                    "WHERE c.page_id = i.page_id AND c.kind = i.kind AND c.value = i.value)")
        # the one source every page carrying the ID names, on two sites or more
        store.query(
            "CREATE TEMP TABLE follows AS SELECT a.kind, a.value, s.domain FROM ids a "
            "JOIN page_sources s ON s.page_id = a.page_id AND s.domain <> a.site "
            "WHERE (a.kind, a.value) IN (SELECT kind, value FROM temp.loose) "
            "GROUP BY a.kind, a.value, s.domain HAVING count(DISTINCT a.site) >= 2 "
            "AND count(DISTINCT a.page_id) = (SELECT count(*) FROM ids m "
            "WHERE m.kind = a.kind AND m.value = a.value)")
        # ...and every site carrying it has a copy of another source without it
        witness = cls._any_copy_without("t.site", "follows.kind", "follows.value",
                                        "follows.domain")
        store.query("DELETE FROM temp.follows WHERE EXISTS (SELECT 1 FROM (SELECT DISTINCT "
                    "site FROM ids WHERE kind = follows.kind AND value = follows.value) t "
                    f"WHERE NOT {witness})")  # once a site, not once a page
        store.query("INSERT INTO temp.copied SELECT l.page_id, l.kind, l.value, l.network, "
                    "l.site, f.domain FROM temp.loose l JOIN temp.follows f "
                    "ON f.kind = l.kind AND f.value = l.value")

    def copied(self, i: str = "i") -> str:
        """True for an `ids` row (alias `i`) that is copied, by any rule."""
        if not (self.has_sources or self.has_origin):
            return "0"
        return (f"EXISTS (SELECT 1 FROM temp.copied c WHERE c.page_id = {i}.page_id "
                f"AND c.kind = {i}.kind AND c.value = {i}.value)")

    def copied_rows(self) -> str | None:
        """(page_id, kind, value, network, site, copied_from) of every copied ID, once per
        source; None for a store that cannot hold any."""
        if not (self.has_sources or self.has_origin):
            return None
        return ("SELECT DISTINCT page_id, kind, value, network, site, copied_from "
                "FROM temp.copied")


def knows_origins(store: Store) -> bool:
    """Whether the store holds what the copy rules read: an ID whose origin its page's
    audit judged, or a page naming a source. A store written before copy detection
    (migrated or not) has neither, and its clusters could not leave copied IDs out."""
    columns, tables = store.columns("ids"), store.tables()
    return bool(("origin" in columns and store.query(
        "SELECT 1 FROM ids WHERE origin IS NOT NULL LIMIT 1"))
        or ("page_sources" in tables and store.query("SELECT 1 FROM page_sources LIMIT 1")))


class OperatorEdge(NamedTuple):
    """A site carrying an ID as its operator's, on `pages` pages (`example`: one's input
    name, `url` its URL)."""

    kind: str
    value: str
    network: str | None
    site: str
    pages: int = 0
    example: str = ""
    url: str | None = None


def operator_edges(store: Store) -> list[OperatorEdge]:
    """Every (ID, site) some page of the site carries as its operator's: the only edges
    clusters are made of (aggregate.joining_edges keeps those that can join)."""
    sql = CopiedRule(store)
    # an ad creative's ID (`Origin.CREATIVE`) is the advertiser's: it joins no sites
    creative = "AND coalesce(i.origin, '') <> 'creative' " if sql.has_origin else ""
    # min() picks the example page; SQLite takes the bare columns from that same row
    return [OperatorEdge(*row) for row in store.query(
        "SELECT i.kind, i.value, i.network, i.site, count(DISTINCT i.page_id), "
        "min(p.input), p.url FROM ids i JOIN pages p ON p.id = i.page_id "
        f"WHERE i.site IS NOT NULL {creative}AND NOT {sql.copied('i')} "
        "GROUP BY i.kind, i.value, i.site ORDER BY i.kind, i.value, i.site")]


def copied_ids(store: Store, top: int) -> tuple[list[dict[str, Any]], int]:
    """The copied IDs, most pages first (at most `top`), and how many there are.

    Each says where it was copied from (`copied_from`: source domains), on how many
    pages and which sites.
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

    Each lists the sites republishing it (and, in `site_pages`, how many pages of each
    do), the pages that do, the evidence kinds that said so, and whether the source's own
    pages are in the store (`crawled`): without them, the second rule above knows only
    the IDs the pages' marks name it for.
    """
    if not CopiedRule(store).has_sources:
        return [], 0
    sites: dict[str, dict[str, int]] = defaultdict(dict)
    pages: dict[str, int] = defaultdict(int)
    evidence: dict[str, set[str]] = defaultdict(set)
    for domain, site, n, kinds in store.query(
            "SELECT s.domain, p.site, count(DISTINCT s.page_id), "
            "json_group_array(DISTINCT s.evidence) FROM page_sources s "
            "JOIN pages p ON p.id = s.page_id WHERE p.site IS NULL OR p.site <> s.domain "
            "GROUP BY s.domain, p.site"):
        if site is not None:
            sites[domain][site] = n
        pages[domain] += n
        evidence[domain].update(k for joined in json.loads(kinds) for k in joined.split(",")
                                if k)
    order = sorted(pages, key=lambda d: (-pages[d], d))
    shown = order[:top]
    crawled = _crawled(store, shown)
    return [{"source": d, "sites": sorted(sites[d]), "pages": pages[d],
             "site_pages": [{"site": x, "pages": sites[d][x]} for x in sorted(sites[d])],
             "evidence": sorted(evidence[d]), "crawled": d in crawled}
            for d in shown], len(order)


def _crawled(store: Store, domains: list[str]) -> set[str]:
    if not domains:
        return set()
    marks = ",".join("?" * len(domains))
    return {r[0] for r in store.query(
        f"SELECT DISTINCT site FROM pages WHERE site IN ({marks})", tuple(domains))}
