"""A bulk report does not depend on the order the workers' batches reached the store:
the same records written in two orders summarise the same, and the operator graph of
the HTML dashboard is drawn the same in every process (whatever its hash seed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from auditor.bulk.aggregate import summarize
from auditor.bulk.shard import AUDITED, FAILED, Outcome, row_of
from auditor.bulk.store import DONE, Store
from auditor.catalogue import default_catalogue
from auditor.pipeline import audit_document
from auditor.readers import Document
from auditor.rules import Engine

REPO = Path(__file__).resolve().parents[2]


def copy_page(slug: str) -> str:
    """A scraper's copy, as its plugin writes it: the article, a source link, an AdSense
    unit and an ExoClick zone of the operator's (IDs made up)."""
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>Bridge vote {slug}</title>"
            '<script async src="https://pagead2.googlesyndication.com/pagead/js/'
            'adsbygoogle.js?client=ca-pub-7301948526113307" crossorigin="anonymous">'
            "</script></head><body><article class='post'><h1>Council votes</h1><p>"
            + "The council voted on Tuesday to fund the new bridge. " * 8
            + f"</p><p><a href='https://www.outlet.example/news/{slug}'>Source link</a></p>"
            '</article><ins class="adsbygoogle" style="display:block" '
            'data-ad-client="ca-pub-7301948526113307" data-ad-slot="7700000001" '
            'data-ad-format="auto"></ins>'
            '<script async type="application/javascript" '
            'src="https://a.magsrv.com/ad-provider.js"></script>'
            '<ins class="eas6a97888e2" data-zoneid="5123401"></ins></body></html>')


def outcomes(engine: Engine) -> list[tuple[str, Outcome]]:
    """Three copies on one site, equally bad, and two damaged records."""
    catalogue = default_catalogue()
    out = []
    for n, slug in enumerate(("c-story", "a-story", "b-story")):
        url = f"https://newsfeed.example/{slug}"
        report = audit_document(Document(f"crawl.warc#{n}", "html", copy_page(slug), url=url),
                                engine, catalogue).to_dict()
        out.append(("crawl", Outcome(str(100 * n), AUDITED, "html", f"crawl.warc#{100 * n}",
                                     None, None, row_of(report, catalogue))))
    for key in ("950", "1200"):
        out.append(("crawl", Outcome(key, FAILED, "warc-record", f"crawl.warc#{key}", None,
                                     f"crawl.warc#{key}: unreadable record")))
    return out


def summary_of(path: Path, records: list[tuple[str, Outcome]]) -> dict[str, Any]:
    store = Store.writer(path)
    try:
        run = store.begin_run(["bulk", "crawl.warc"], ["crawl.warc"], [])
        for record in records:  # one batch a record, as a worker's batches arrive
            store.write(run, [record])
        store.end_run(run, DONE)
        summary = summarize(store)
    finally:
        store.close()
    summary.pop("runs")
    return summary


def test_the_summary_does_not_depend_on_arrival_order(tmp_path: Path,
                                                      project_engine: Engine) -> None:
    records = outcomes(project_engine)
    forward = summary_of(tmp_path / "forward.db", records)
    backward = summary_of(tmp_path / "backward.db", records[::-1])
    assert forward == backward
    [site] = forward["mfa_sites"]
    assert site["pages"] == 3 and site["worst"]["has_ads"]
    # three pages meeting as many indicators: the worst named is the first by URL
    assert site["worst"]["page"] == "https://newsfeed.example/a-story"
    # failures in file order (950 before 1200), not in the order they were stored
    assert [f["input"] for f in forward["failures"]] == ["crawl.warc#950", "crawl.warc#1200"]


DRAW = """
import sys
from auditor.report.html import svg
clusters = [(["a1", "a2", "a3"], ["pub", "zone1", "zone2", "pixel"]),
            (["b1", "b2"], ["pub-b", "gtm-b", "juicy-b"]), (["p1", "p2"], ["gtm-p"])]
nodes = [svg.Node(k, k, cls) for sites, ids in clusters
         for keys, cls in ((sites, "k-site"), (ids, "k-id")) for k in keys]
edges = [(i, s) for sites, ids in clusters for i in ids for s in sites]
sys.stdout.write(str(svg.graph(nodes, edges, "operator clusters")))
"""


def test_the_cluster_drawing_is_the_same_in_every_process() -> None:
    """A subgraph's node order follows a set's, which follows the string hash seed: the
    layout must not (a dashboard of the same store is the same file every time)."""
    drawings = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", DRAW], cwd=REPO, env=env, text=True,
                              capture_output=True, timeout=120, check=True)
        drawings.add(done.stdout)
    assert len(drawings) == 1 and "<circle" in drawings.pop()


def test_json_dump_of_a_summary_is_stable(tmp_path: Path, project_engine: Engine) -> None:
    """The JSON a data team diffs between two reports of one store is byte-identical."""
    records = outcomes(project_engine)
    one = json.dumps(summary_of(tmp_path / "a.db", records), sort_keys=True)
    two = json.dumps(summary_of(tmp_path / "b.db", records[1:] + records[:1]), sort_keys=True)
    assert one == two
