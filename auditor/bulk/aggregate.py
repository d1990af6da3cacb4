"""A store → the bulk summary (CONTRACT "Bulk summary", schema auditor.bulk/1).

Operator clusters: sites (registrable domains) are joined when they share a
monetisation or tracking ID; union-find over site↔ID edges, keeping only IDs that
tie two sites or more. Two kinds of ID never join sites:

* kinds the catalogue declares `joins_sites = false` (`Catalogue.solitary_kinds`): an
  AdSense slot number names a placement, not an account; a GPT network code is shared
  by every site of a managed ad stack (Ezoic, Mediavine...), so it would merge unrelated
  operators; and the values a network lists as a hosting platform's (`platform_ids`,
  `Catalogue.platform_values`: WordPress.com's AdSense publisher ID on every blog it hosts);
* placeholder values left in templates (`ca-pub-0000000000000000`, `GTM-XXXXXX`).

`max_sites_per_id` optionally drops IDs shared by very many sites (a theme shipping
its author's GA ID) from the merging; they are still listed under the IDs.

Only operator IDs join: an ID a page carries because it copied another site's article
is that site's (auditor/bulk/origins.py), listed apart as a copied ID.
"""

from __future__ import annotations

import bisect
import json
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from auditor.bulk.origins import (
    OperatorEdge,
    copied_ids,
    knows_origins,
    operator_edges,
    republication,
)
from auditor.bulk.store import Run, Store
from auditor.catalogue import Catalogue, default_catalogue
from auditor.lazy_re import lazy_regex
from auditor.mfa import HUMAN_LESSER
from auditor.version import __version__

SCHEMA = "auditor.bulk/1"
RATIO_EDGES = (0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0)
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
_PLACEHOLDER = lazy_regex(r"^(?:[a-z]+-)*(?:pub-)?([0x]+|1234567890?|123456789?)(?:-[0x1]+)?$",
                          re.I)


def is_placeholder(value: str) -> bool:
    """Template IDs that were never filled in.

    >>> [is_placeholder(v) for v in ("ca-pub-0000000000000000", "GTM-XXXXXX",
    ...                              "UA-000000-1", "ca-pub-8120000000000123")]
    [True, True, True, False]
    """
    return bool(_PLACEHOLDER.match(value.strip()))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


Edge = TypeVar("Edge", bound=tuple[str, str, str | None, str] | OperatorEdge)


def joining_edges(edges: Iterable[Edge], catalogue: Catalogue) -> list[Edge]:
    """The (kind, value, network, site, …) edges whose ID can join sites: the one place
    that leaves out solitary kinds and placeholders, for the clusters and the graph."""
    return [e for e in edges if catalogue.joins_sites(e[0], e[1]) and not is_placeholder(e[1])]


def clusters(edges: Iterable[tuple[str, str, str | None, str] | OperatorEdge],
             max_sites_per_id: int = 0,
             catalogue: Catalogue | None = None) -> list[dict[str, Any]]:
    """Groups of ≥2 sites tied by shared IDs; `edges` are (kind, value, network, site)."""
    catalogue = catalogue or default_catalogue()
    sites_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    network_of: dict[tuple[str, str], str | None] = {}
    for kind, value, network, site, *_ in joining_edges(edges, catalogue):
        sites_of[(kind, value)].add(site)
        network_of.setdefault((kind, value), network)
    ties = {k: s for k, s in sites_of.items() if len(s) >= 2
            and (max_sites_per_id <= 0 or len(s) <= max_sites_per_id)}
    uf = _UnionFind()
    for sites in ties.values():
        first, *rest = sorted(sites)
        for site in rest:
            uf.union(first, site)
    groups: dict[str, set[str]] = defaultdict(set)
    evidence: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, sites in ties.items():
        root = uf.find(next(iter(sites)))
        groups[root] |= sites
        evidence[root].append(key)
    out: list[dict[str, Any]] = []
    for root, sites in groups.items():
        ids = sorted(evidence[root], key=lambda k: (-len(ties[k]), k))
        out.append({
            "sites": sorted(sites),
            "ids": [{"kind": k, "value": v, "network": network_of[(k, v)],
                     "sites": len(ties[(k, v)]), "site_list": sorted(ties[(k, v)])}
                    for k, v in ids],
        })
    out.sort(key=lambda c: (-len(c["sites"]), c["sites"][0]))
    return out


def _ratio_distribution(ratios: list[float], without_ads: int) -> dict[str, Any]:
    ratios.sort()
    quantiles: dict[str, float | None] = {}
    for q in QUANTILES:
        quantiles[f"p{round(q * 100)}"] = (
            ratios[min(len(ratios) - 1, int(q * len(ratios)))] if ratios else None)
    histogram = []
    for i, low in enumerate(RATIO_EDGES):
        high = RATIO_EDGES[i + 1] if i + 1 < len(RATIO_EDGES) else None
        lo_at = bisect.bisect_left(ratios, low)
        hi_at = bisect.bisect_left(ratios, high) if high is not None else len(ratios)
        histogram.append({"low": low, "high": high, "pages": hi_at - lo_at})
    return {
        "pages_with_ads": len(ratios),
        "pages_without_ads": without_ads,
        "min": ratios[0] if ratios else None,
        "max": ratios[-1] if ratios else None,
        "mean": sum(ratios) / len(ratios) if ratios else None,
        "quantiles": quantiles,
        "histogram": histogram,
    }


def _when(t: float | None) -> str | None:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds") if t else None


def _run(r: Run) -> dict[str, Any]:
    return {"id": r.id, "status": r.status, "started": _when(r.started),
            "finished": _when(r.finished), "pid": r.pid, "host": r.host,
            "resumes": r.resumes, "records": r.records}


def network_categories(store: Store) -> dict[str, str]:
    """Each network's category: the one most of its pages give it (a network's category
    can differ between catalogue versions), so every table says the same."""
    best: dict[str, tuple[int, str]] = {}
    for network, category, n in store.query(
            "SELECT network, category, count(DISTINCT page_id) FROM page_networks "
            "GROUP BY network, category ORDER BY 1, 3 DESC, 2"):
        best.setdefault(network, (n, category))
    return {network: category for network, (_, category) in best.items()}


def _host_networks(store: Store, hosts: list[dict[str, Any]],
                   category_of: dict[str, str]) -> None:
    """A host's network is the one most of its pages name (a host that serves a pixel on
    some pages and a like button on others is the pixel's); its category is then that
    network's, as in the networks table. A host no network claims keeps its own
    most frequent category."""
    if not hosts:
        return
    marks = ",".join("?" * len(hosts))
    counts: dict[str, list[tuple[int, str | None, str]]] = defaultdict(list)
    for host, network, category, n in store.query(
            "SELECT host, network, category, count(DISTINCT page_id) FROM page_hosts "
            f"WHERE host IN ({marks}) GROUP BY host, network, category",
            tuple(h["host"] for h in hosts)):
        counts[host].append((n, network, category))
    for h in hosts:
        rows = counts[h["host"]]
        named = [r for r in rows if r[1]]
        n, network, category = min(named or rows, key=lambda r: (-r[0], r[1] or "", r[2]))
        h["network"] = network
        h["category"] = category_of.get(network, category) if network else category


def _parquet_dirs(store: Store) -> list[str]:
    """The `--parquet DIR`s the store's runs wrote their pages to (they are not in it)."""
    dirs: list[str] = []
    for (argv,) in store.query("SELECT argv FROM runs ORDER BY id"):
        try:
            args = [str(a) for a in json.loads(argv or "[]")]
        except ValueError:
            continue
        for i, arg in enumerate(args):
            value = (args[i + 1] if arg == "--parquet" and i + 1 < len(args)
                     else arg.removeprefix("--parquet=") if arg.startswith("--parquet=")
                     else None)
            if value and value not in dirs:
                dirs.append(value)
    return dirs


def site_scorecards(store: Store, top: int = 20) -> tuple[list[dict[str, Any]], int]:
    """Per site: how many MFA indicators its pages meet (median and max), how many pages
    with ads meet HUMAN's three, how often each criterion is met, and the worst page;
    sites by median, then max. A page without ads meets indicators that say nothing of
    advertising (the gate and the terminal ignore its count too): it is never counted
    among the pages meeting three, nor named the worst while a page with ads is. A store
    written before the scorecard has none (nor its pages)."""
    if "mfa_met" not in store.columns("pages"):
        return [], 0
    by_site: dict[str, list[tuple[int, int, str, str, bool]]] = defaultdict(list)
    for site, met, judged, names, where, ads in store.query(
            "SELECT site, mfa_met, mfa_judged, mfa_criteria, coalesce(url, input), "
            "ad_slots > 0 OR ad_resources > 0 OR ad_markup_bytes > 0 FROM pages "
            "WHERE site IS NOT NULL AND mfa_met IS NOT NULL ORDER BY id"):
        by_site[site].append((int(met), int(judged), names or "", where, bool(ads)))
    out: list[dict[str, Any]] = []
    for site, rows in by_site.items():
        counts = sorted(r[0] for r in rows)
        # the page with the most, among the pages with ads if any; of equals the first by
        # URL, not by store order, which depends on how the workers' batches arrived
        worst = min(rows, key=lambda r: (not r[4], -r[0], r[3]))
        criteria: dict[str, int] = defaultdict(int)
        for row in rows:
            for c in filter(None, row[2].split(",")):
                criteria[c] += 1
        out.append({
            "site": site, "pages": len(rows), "pages_with_ads": sum(r[4] for r in rows),
            "median": statistics.median(counts), "max": counts[-1],
            "pages_meeting_3": sum(1 for r in rows if r[4] and r[0] >= HUMAN_LESSER),
            "criteria": dict(sorted(criteria.items(), key=lambda kv: (-kv[1], kv[0]))),
            "worst": {"page": worst[3], "met": worst[0], "judged": worst[1],
                      "has_ads": worst[4], "criteria": [c for c in worst[2].split(",") if c]},
        })
    out.sort(key=lambda x: (-x["median"], -x["max"], x["site"]))
    return out[:top], len(out)


def summarize(store: Store, top: int = 20, max_sites_per_id: int = 0,
              catalogue: Catalogue | None = None) -> dict[str, Any]:
    """The whole summary as plain data (JSON-ready); which ID kinds join sites is the
    catalogue's word (the one loaded now, not the run's)."""
    catalogue = catalogue or default_catalogue()
    totals = store.totals()
    pages = totals.audited
    sites = int(store.query("SELECT count(DISTINCT site) FROM pages WHERE site IS NOT NULL")
                [0][0])
    category_of = network_categories(store)
    networks = [
        {"network": n, "category": category_of.get(n), "pages": p, "sites": s,
         "share_pages": round(p / pages, 4) if pages else 0.0,
         "share_sites": round(s / sites, 4) if sites else 0.0}
        for n, p, s in store.query(
            "SELECT n.network, count(DISTINCT n.page_id), "
            "count(DISTINCT p.site) FROM page_networks n JOIN pages p ON p.id = n.page_id "
            "GROUP BY n.network ORDER BY 2 DESC, 1 LIMIT ?", (top,))
    ]
    hosts = [
        {"host": h, "domain": d, "network": None, "category": None, "pages": p, "sites": s,
         "share_pages": round(p / pages, 4) if pages else 0.0}
        for h, d, p, s in store.query(
            "SELECT h.host, max(h.domain), "
            "count(DISTINCT h.page_id), count(DISTINCT p.site) FROM page_hosts h "
            "JOIN pages p ON p.id = h.page_id GROUP BY h.host ORDER BY 3 DESC, 1 LIMIT ?",
            (top,))
    ]
    _host_networks(store, hosts, category_of)
    ratios = [float(r[0]) for r in store.query(
        "SELECT content_to_ad_ratio FROM pages WHERE content_to_ad_ratio IS NOT NULL")]
    edges = operator_edges(store)
    skip_reasons = [{"reason": r or "", "records": n} for r, n in store.query(
        "SELECT detail, count(*) FROM progress WHERE status='skipped' GROUP BY detail "
        "ORDER BY 2 DESC, 1 LIMIT ?", (top,))]
    groups = clusters(edges, max_sites_per_id, catalogue)
    copied, copied_total = copied_ids(store, top)
    sources, sources_total = republication(store, top)
    stored = int(store.query("SELECT count(*) FROM pages")[0][0])
    mfa_sites, mfa_total = site_scorecards(store, top)
    failures = [{"input": i, "kind": k, "error": e} for i, k, e in store.query(
        "SELECT input, kind, error FROM errors ORDER BY (SELECT path FROM inputs i "
        "WHERE i.input_id = errors.input_id), length(record_key), record_key LIMIT ?",
        (top,))]  # in file order, whatever order the workers finished in
    return {
        "schema": SCHEMA,
        "tool": {"name": "auditor", "version": __version__},
        "records": totals.records,
        "audited": totals.audited,
        "skipped": totals.skipped,
        "failed": totals.failed,
        "pages": pages,
        "pages_in_store": stored,
        "parquet": _parquet_dirs(store) if stored < pages else [],
        "sites": sites,
        "networks": networks,
        "networks_total": len(category_of),
        "third_party_hosts": hosts,
        "third_party_hosts_total": int(store.query(
            "SELECT count(DISTINCT host) FROM page_hosts")[0][0]),
        "content_to_ad_ratio": _ratio_distribution(ratios, pages - len(ratios)),
        "clusters": groups[:top],
        "clusters_total": len(groups),
        "cluster_rules": {"ignored_kinds": sorted(catalogue.solitary_kinds),
                          "ignored_values": [f"{kind}:{value}" for kind, value
                                             in sorted(catalogue.platform_values)],
                          "placeholder_values_ignored": True,
                          "max_sites_per_id": max_sites_per_id or None,
                          "copied_ids_ignored": knows_origins(store)},
        "copied_ids": copied,
        "copied_ids_total": copied_total,
        "republication": sources,
        "republication_total": sources_total,
        "mfa_sites": mfa_sites,
        "mfa_sites_total": mfa_total,
        "skip_reasons": skip_reasons,
        "failures": failures,
        "runs": [_run(r) for r in store.runs(limit=top)],
    }
