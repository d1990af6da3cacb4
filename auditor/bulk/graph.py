"""The operator graph of a store (`auditor report --graph OUT`), for Gephi and networkx.

Nodes are sites, operator IDs, sources (the originals sites republish) and networks;
edges are typed by `relation`:

* `uses`: a site carries an operator ID. Only the IDs the clusters join on are drawn
  (`aggregate.joining_edges`): not the kinds the catalogue declares
  `joins_sites = false`, not template placeholders, and not copied IDs
  (auditor/bulk/origins.py). So a connected component of `uses` edges holds no scraper
  and the outlet it copies through an ID the outlet owns, as long as the scraper names
  the outlet on one of its pages (or the page marked the ID copied), and the ID is not
  the scraper's own ad slot's (docs/BULK.md, "Operator graph");
* `republishes`: a site's pages name a source; the IDs that came with its copies are
  the edge's `copied_ids` attribute, not edges of their own, for the same reason;
* `carries`: a site's pages load or embed a network.

Every edge has its evidence: `pages` (also its `weight`) and an example page (`example`,
the record's input name, and `example_url`). Sites and IDs carry the number of the
operator cluster they are in (`cluster`, as the summary numbers them; 0: none).
The writers are in auditor/bulk/graph_export.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from auditor.bulk.aggregate import clusters, joining_edges, network_categories
from auditor.bulk.origins import CopiedRule, operator_edges
from auditor.bulk.store import Store
from auditor.catalogue import Catalogue, default_catalogue

Value = str | int | bool

# Declared attributes (name, type), in the order every format writes them; a node or an
# edge holds those of its type only.
NODE_ATTRIBUTES = (("type", "string"), ("kind", "string"), ("value", "string"),
                   ("network", "string"), ("category", "string"), ("pages", "integer"),
                   ("sites", "integer"), ("cluster", "integer"), ("crawled", "boolean"))
EDGE_ATTRIBUTES = (("relation", "string"), ("pages", "integer"), ("evidence", "string"),
                   ("copied_ids", "string"), ("original", "string"), ("example", "string"),
                   ("example_url", "string"))
SITE, ID, SOURCE, NETWORK = "site", "id", "source", "network"
USES, REPUBLISHES, CARRIES = "uses", "republishes", "carries"


@dataclass(frozen=True, slots=True)
class Node:
    id: str  # "site:a.example", "id:adsense-publisher:ca-pub-…", "source:…", "network:…"
    label: str
    attributes: dict[str, Value]


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    pages: int
    attributes: dict[str, Value]


@dataclass(frozen=True, slots=True)
class Graph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


class _Builder:
    """Nodes gather their attributes while the edges are read, then freeze."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}
        self.attributes: dict[str, dict[str, Value]] = {}
        self.edges: list[Edge] = []

    def node(self, key: str, label: str, **attributes: Value) -> dict[str, Value]:
        if key not in self.labels:
            self.labels[key] = label
            self.attributes[key] = dict(attributes)
        return self.attributes[key]

    def edge(self, site: str, target: str, relation: str, pages: int,
             **attributes: Value | None) -> None:
        """An edge from a site; a tally of `pages` and `sites` on its other end."""
        self.edges.append(Edge(f"{SITE}:{site}", target, pages, {
            "relation": relation, "pages": pages,
            **{k: v for k, v in attributes.items() if v not in (None, "")}}))
        end = self.attributes[target]
        end["pages"] = int(end.get("pages", 0)) + pages
        end["sites"] = int(end.get("sites", 0)) + 1

    def graph(self) -> Graph:
        return Graph(tuple(Node(k, self.labels[k], self.attributes[k]) for k in self.labels),
                     tuple(self.edges))


def _evidence(joined: str) -> str:
    """Evidence kinds from `json_group_array` of comma-joined kinds, as one sorted list."""
    return ",".join(sorted({k for part in json.loads(joined) if part
                            for k in part.split(",") if k}))


def build_graph(store: Store, max_sites_per_id: int = 0,
                catalogue: Catalogue | None = None) -> Graph:
    """The whole graph of the store (no `--top`: Gephi is where one filters it)."""
    catalogue = catalogue or default_catalogue()
    rule = CopiedRule(store)
    edges = joining_edges(operator_edges(store), catalogue)  # what the clusters join on
    cluster_of: dict[str, int] = {}
    for n, c in enumerate(clusters(edges, max_sites_per_id, catalogue), 1):
        cluster_of.update({f"{SITE}:{s}": n for s in c["sites"]})
        cluster_of.update({f"{ID}:{i['kind']}:{i['value']}": n for i in c["ids"]})
    g = _Builder()
    for site, pages in store.query("SELECT site, count(*) FROM pages WHERE site IS NOT NULL "
                                   "GROUP BY site ORDER BY site"):
        key = f"{SITE}:{site}"
        g.node(key, site, type=SITE, pages=pages, cluster=cluster_of.get(key, 0))
    for e in edges:
        key = f"{ID}:{e.kind}:{e.value}"
        attributes = g.node(key, f"{e.kind}:{e.value}", type=ID, kind=e.kind, value=e.value,
                            cluster=cluster_of.get(key, 0))
        if e.network:
            attributes.setdefault("network", e.network)
        g.edge(e.site, key, USES, e.pages, example=e.example, example_url=e.url)
    _sources(store, rule, g)
    category_of = network_categories(store)
    for network, site, pages, example, url in store.query(
            "SELECT n.network, p.site, count(DISTINCT n.page_id), min(p.input), p.url "
            "FROM page_networks n JOIN pages p ON p.id = n.page_id WHERE p.site IS NOT NULL "
            "GROUP BY n.network, p.site ORDER BY n.network, p.site"):
        key = f"{NETWORK}:{network}"
        attributes = g.node(key, network, type=NETWORK)
        if category_of.get(network):
            attributes["category"] = category_of[network]
        g.edge(site, key, CARRIES, pages, example=example, example_url=url)
    return g.graph()


def _sources(store: Store, rule: CopiedRule, g: _Builder) -> None:
    """Source nodes and `republishes` edges, each edge with the IDs its copies carried.

    Every copied ID's (site, source) pair is a pair the site's pages name: rule 2 copies
    only from a source the site names, and a page's own mark names one of its page's
    `provenance` sources (auditor/provenance/origin.py), which is never its own site.
    """
    carried: dict[tuple[str, str], list[str]] = {}
    copied = rule.copied_rows()
    if copied is not None:
        for site, source, ids in store.query(
                "SELECT site, copied_from, json_group_array(DISTINCT kind || ':' || value) "
                f"FROM ({copied}) WHERE site IS NOT NULL AND copied_from IS NOT NULL "
                "GROUP BY site, copied_from"):
            carried[(site, source)] = sorted(json.loads(ids))
    found: dict[tuple[str, str], tuple[int, dict[str, Value | None]]] = {}
    if rule.has_sources:
        for source, site, pages, evidence, example, url, original in store.query(
                "SELECT s.domain, p.site, count(DISTINCT s.page_id), "
                "json_group_array(DISTINCT s.evidence), min(p.input), p.url, s.url "
                "FROM page_sources s JOIN pages p ON p.id = s.page_id "
                "WHERE p.site IS NOT NULL AND p.site <> s.domain GROUP BY s.domain, p.site"):
            found[(site, source)] = (pages, {"evidence": _evidence(evidence),
                                             "original": original, "example": example,
                                             "example_url": url})
    for (site, source), (pages, attributes) in sorted(found.items()):
        key = f"{SOURCE}:{source}"
        g.node(key, source, type=SOURCE, crawled=f"{SITE}:{source}" in g.labels)
        g.edge(site, key, REPUBLISHES, pages,
               copied_ids=", ".join(carried.get((site, source), ())), **attributes)
