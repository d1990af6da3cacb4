"""The Dask path on a LocalCluster, and the report's clusters over a store we fill."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from archive_fixtures import page, response, warc_bytes, zip_bytes

from auditor.bulk.aggregate import clusters, is_placeholder
from auditor.cli import main

LIGHT = ["--no-system-lists", "--no-progress"]

# site → (AdSense pub-id, GTM container, ExoClick zone)
SITES = {
    "alpha.example": ("ca-pub-1111111111111111", None, None),
    "beta.example": ("ca-pub-1111111111111111", "GTM-K9ZX2PQ", None),
    "gamma.example": (None, "GTM-K9ZX2PQ", None),
    "delta.example": (None, None, "5876674"),
    "epsilon.example": (None, None, "5876674"),
    "zeta.example": ("ca-pub-0000000000000000", None, None),  # template placeholder
    "eta.example": ("ca-pub-0000000000000000", None, "1000001"),
}


def _bulk_summary(warc: Path, store: Path, capsys: pytest.CaptureFixture[str]
                  ) -> dict[str, Any]:
    """The JSON report of a one-worker bulk run of `warc` into `store`."""
    assert main(["bulk", str(warc), "--store", str(store), "--workers", "1", *LIGHT]) == 0
    capsys.readouterr()
    assert main(["report", "--store", str(store), "--format", "json"]) == 0
    summary: dict[str, Any] = json.loads(capsys.readouterr().out)
    return summary


@pytest.fixture(scope="module")
def warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    recs = []
    for site, (pub, gtm, zone) in SITES.items():
        for n in range(2):
            recs.append(response(f"https://www.{site}/post-{n}",
                                 page(f"{site} {n}", adsense=pub, gtm=gtm, exo_zone=zone),
                                 encoding="gzip"))
    path = tmp_path_factory.mktemp("dask") / "sites.warc.gz"
    path.write_bytes(warc_bytes(recs))
    return path


@pytest.fixture(scope="module")
def local_cluster() -> object:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address=None)
    yield cluster
    cluster.close()


def test_dask_merges_into_the_store(warc: Path, tmp_path: Path, local_cluster: object,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s.db"
    address = local_cluster.scheduler_address  # type: ignore[attr-defined]
    args = ["bulk", str(warc), "--store", str(store), "--engine", "dask", "--scheduler",
            address, "--split-bytes", "4k", *LIGHT]
    assert main(args) == 0
    assert f"(15 new this run) in {store}" in capsys.readouterr().out
    assert main(args) == 0
    assert "(0 new this run)" in capsys.readouterr().out
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM pages").fetchone()[0] == 14


def test_dask_writes_parquet(warc: Path, tmp_path: Path, local_cluster: object,
                             capsys: pytest.CaptureFixture[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    store, out = tmp_path / "s.db", tmp_path / "parquet"
    assert main(["bulk", str(warc), "--store", str(store), "--engine", "dask",
                 "--scheduler", local_cluster.scheduler_address,  # type: ignore[attr-defined]
                 "--parquet", str(out), "--split-bytes", "4k", *LIGHT]) == 0
    pages = pq.read_table(out / "pages")
    ids = pq.read_table(out / "ids")
    assert pages.num_rows == 14
    assert {"ca-pub-1111111111111111", "GTM-K9ZX2PQ", "5876674"} <= set(
        ids.column("value").to_pylist())
    report = json.loads(pages.column("report")[0].as_py())
    assert report["metrics"]["ad_slots"] >= 0
    assert "15 records: 14 audited, 1 skipped, 0 failed" in capsys.readouterr().out


def test_report_clusters_sites_on_shared_ids(warc: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "s.db"
    summary = _bulk_summary(warc, store, capsys)
    assert summary["schema"] == "auditor.bulk/1"
    assert summary["records"] == summary["audited"] + summary["skipped"] + summary["failed"]
    assert (summary["pages"], summary["sites"]) == (14, 7)
    got = [(c["sites"], sorted(f"{i['kind']}:{i['value']}" for i in c["ids"]))
           for c in summary["clusters"]]
    assert got == [
        (["alpha.example", "beta.example", "gamma.example"],
         ["adsense-publisher:ca-pub-1111111111111111", "gtm-container:GTM-K9ZX2PQ"]),
        (["delta.example", "epsilon.example"], ["exoclick-zone:5876674"]),
    ]
    networks = {n["network"]: n for n in summary["networks"]}
    assert networks["ExoClick"]["sites"] == 3 and networks["ExoClick"]["pages"] == 6
    assert networks["Google AdSense"]["share_sites"] == round(4 / 7, 4)
    ratio = summary["content_to_ad_ratio"]
    assert sum(b["pages"] for b in ratio["histogram"]) == ratio["pages_with_ads"]

    assert main(["report", "--store", str(store), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert ["totals", "", "sites", "7"] in rows
    assert ["cluster", "2", "site", "epsilon.example"] in rows

    assert main(["report", "--store", str(store), "--width", "100"]) == 0
    text = capsys.readouterr().out
    assert "alpha.example, beta.example, gamma.example" in text
    assert "gtm-container GTM-K9ZX2PQ" in text


def test_terminal_report_escapes_page_derived_text(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    evil = "\x1b[31m[bold]evil[/bold]\u202e.json"
    data = zip_bytes({evil: b"{not json", "ok.html": page("ok").encode()})
    (tmp_path / "a.zip").write_bytes(data)
    store = tmp_path / "s.db"
    assert main(["bulk", str(tmp_path / "a.zip"), "--store", str(store), "--workers", "1",
                 *LIGHT]) == 0
    capsys.readouterr()
    assert main(["report", "--store", str(store), "--width", "120"]) == 0
    text = capsys.readouterr().out
    assert "\x1b" not in text and "\u202e" not in text
    assert "[bold]evil[/bold]" in text  # shown literally, not as markup


@pytest.mark.parametrize(("edges", "expected"), [
    ([("adsense-publisher", "ca-pub-1", None, "a"), ("adsense-publisher", "ca-pub-1", None, "b"),
      ("gtm-container", "GTM-1", None, "b"), ("gtm-container", "GTM-1", None, "c")],
     [["a", "b", "c"]]),
    ([("adsense-slot", "123", None, "a"), ("adsense-slot", "123", None, "b")], []),
    ([("gpt-network", "6355419", None, "a"), ("gpt-network", "6355419", None, "b")], []),
    # Blogger's AdSense host ID: every Blogger blog with AdSense carries it
    ([("adsense-host", "ca-host-pub-1556223355139109", None, "a"),
      ("adsense-host", "ca-host-pub-1556223355139109", None, "b")], []),
    ([("facebook-pixel", "1", None, "a"), ("facebook-pixel", "1", None, "a")], []),
    # WordPress.com's own AdSense publisher and Analytics property, on every blog it hosts:
    # their kinds join, these values do not; the blogs' own IDs still do
    ([("adsense-publisher", "ca-pub-3443918307802676", None, "a"),
      ("adsense-publisher", "ca-pub-3443918307802676", None, "b"),
      ("ga-property", "UA-52447-2", None, "b"), ("ga-property", "UA-52447-2", None, "c"),
      ("ga-property", "UA-52447-9", None, "c"), ("ga-property", "UA-52447-9", None, "d")],
     [["c", "d"]]),
])
def test_union_find_clusters(edges: list[tuple[str, str, str | None, str]],
                             expected: list[list[str]]) -> None:
    assert [c["sites"] for c in clusters(edges)] == expected


def test_hub_ids_can_be_kept_from_merging() -> None:
    edges = [("ga-property", "UA-1-1", None, s) for s in "abcdef"]
    edges += [("juicyads-zone", "77", None, "a"), ("juicyads-zone", "77", None, "b")]
    assert [c["sites"] for c in clusters(edges, max_sites_per_id=5)] == [["a", "b"]]
    assert is_placeholder("GTM-XXXXXXX") and not is_placeholder("GTM-K9ZX2PQ")


def test_report_reads_a_parquet_dataset_as_it_reads_the_store(
        warc: Path, tmp_path: Path, local_cluster: object,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`report --parquet DIR` and `report --store FILE` of one Dask run agree on every
    page-derived figure; the Parquet summary says where skips and failures are."""
    pytest.importorskip("pyarrow.parquet")
    store, out = tmp_path / "s.db", tmp_path / "parquet"
    assert main(["bulk", str(warc), "--store", str(store), "--engine", "dask",
                 "--scheduler", local_cluster.scheduler_address,  # type: ignore[attr-defined]
                 "--parquet", str(out), "--split-bytes", "4k", *LIGHT]) == 0
    assert main(["bulk", str(warc), "--store", str(tmp_path / "local.db"), "--workers", "1",
                 *LIGHT]) == 0
    capsys.readouterr()
    assert main(["report", "--store", str(tmp_path / "local.db"), "--format", "json"]) == 0
    from_store = json.loads(capsys.readouterr().out)
    assert main(["report", "--parquet", str(out), "--format", "json"]) == 0
    from_parquet = json.loads(capsys.readouterr().out)
    for key in ("pages", "sites", "networks", "third_party_hosts", "content_to_ad_ratio",
                "clusters"):
        assert from_parquet[key] == from_store[key], key
    assert from_parquet["audited"] == 14 and from_parquet["source"]["parquet"] == str(out)
    assert main(["report", "--parquet", str(out), "--format", "html", "-o",
                 str(tmp_path / "d.html")]) == 0
    assert "From the Parquet dataset" in (tmp_path / "d.html").read_text(encoding="utf-8")


def test_report_parquet_without_pages_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--parquet", str(tmp_path)]) == 2
    assert "no Parquet pages" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["report", "--parquet", str(tmp_path), "--store", str(tmp_path / "s")])
    assert stop.value.code == 2


def test_a_local_dask_run_keeps_stderr_for_what_matters(warc: Path, tmp_path: Path) -> None:
    """distributed logs each start and stop at INFO (some 30 lines a run, from the workers
    too); the run's stderr holds warnings and errors only."""
    pytest.importorskip("distributed")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASK_")}
    done = subprocess.run([sys.executable, "-m", "auditor", "bulk", str(warc), "--store",
                           str(tmp_path / "s.db"), "--engine", "dask", "--workers", "1", *LIGHT],
                          capture_output=True, text=True, timeout=300, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert "15 records: 14 audited" in done.stdout
    # under load distributed may still warn (an event loop slow to answer): only the
    # INFO chatter of each start and stop is gone
    for info in ("State start", "Scheduler at", "Start Nanny", "Starting worker",
                 "Register worker", "Starting established connection"):
        assert info not in done.stderr, done.stderr


def test_a_scheduler_that_refuses_leaves_no_store_behind(
        warc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    """The store was made before the client connected: after the wait, an empty store
    and its lock stayed, and `report` read them as an audit of 0 records."""
    pytest.importorskip("distributed")
    from auditor.bulk import dask_engine

    # distributed retries a refused port until the timeout: a short one keeps this fast
    monkeypatch.setattr(dask_engine, "SCHEDULER_TIMEOUT", "1s")
    with socket.socket() as sock:  # a port nothing listens on: bound, then let go
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = tmp_path / "s.db"
    assert main(["bulk", str(warc), "--store", str(store), "--engine", "dask",
                 "--scheduler", f"tcp://127.0.0.1:{port}", *LIGHT]) == 2
    [line] = capfd.readouterr().err.strip().splitlines()
    assert f"cannot reach the Dask scheduler tcp://127.0.0.1:{port}" in line, line
    assert list(tmp_path.iterdir()) == []
    assert main(["report", "--store", str(store)]) == 2
    assert f"{store}: no such store" in capfd.readouterr().err


def test_two_wordpress_com_blogs_are_no_cluster(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Two blogs on their own domains that WordPress.com hosts, each carrying the AdSense
    publisher and Analytics property it writes on every blog (`platform_ids`): a bulk run
    over both joins no sites on them, and says so in `cluster_rules.ignored_values`."""
    def blog(name: str) -> str:
        return page(f"{name}'s garden notes", adsense="ca-pub-3443918307802676").replace(
            "</head>", "<script>var _gaq = _gaq || []; _gaq.push(['_setAccount', "
            "'UA-52447-2']); _gaq.push(['_trackPageview']);</script></head>")
    warc = tmp_path / "blogs.warc.gz"
    warc.write_bytes(warc_bytes([response("https://alphagardens.example/2012/tomatoes/",
                                          blog("alpha")),
                                 response("https://betagardens.example/2012/beans/",
                                          blog("beta"))]))
    summary = _bulk_summary(warc, tmp_path / "s.db", capsys)
    assert summary["sites"] == 2 and summary["clusters"] == []
    assert {"adsense-publisher:ca-pub-3443918307802676", "ga-property:UA-52447-2"} <= set(
        summary["cluster_rules"]["ignored_values"])


# numbers every publisher's copy of one tag carries alike: a self-hosted Revive server's
# zones count from 1 on each installation, and YADS's header-bidding frames carry Yahoo's
# own seats at Xandr and Criteo on every YADS publisher's page
_SHARED_NUMBERS = {
    "own Revive servers' zone 1 and 2": (
        "<ins data-revive-zoneid=\"1\" data-revive-id=\"{hexid}\"></ins><script async src=\"//"
        "ads.{site}/www/delivery/asyncjs.php\"></script><iframe src='https://ads.{site}/www/"
        "delivery/afr.php?zoneid=2&amp;cb=1' width='728' height='90'></iframe>"),
    # Revive's Hosted edition serves every customer from one installation, whose ID its
    # invocation code writes on each customer's page (their zones are told apart by number)
    "Revive Hosted edition's installation": (
        "<!-- Revive Adserver Hosted edition Asynchronous JS Tag - Generated with Revive "
        "Adserver v5.5.1 -->\n<ins data-revive-zoneid=\"{n}\" data-revive-id=\"727bec5e0920"
        "8690b050ccfc6a45d384\"></ins>\n<script async src=\"//servedby.revive-adserver.net/"
        "asyncjs.php\"></script>"),
    "YADS's helper frames": (
        "<script>yads_ad_ds = '48213_{n}';</script><script src=\"https://yads.c.yimg.jp/js/"
        "yads.js\"></script><iframe src=\"https://s.yimg.jp/images/listing/tool/yads/ast.html"
        "#%7B%22command%22%3A%22AST_callAds%22%2C%22params%22%3A%7B%22tagId%22%3A%228290417"
        "%22%2C%22member%22%3A%224021%22%7D%7D\" style=\"display: none;\" width=\"0\" height="
        "\"0\"></iframe><iframe src=\"https://s.yimg.jp/images/listing/tool/yads/criteo_api."
        "html#%7B%22command%22%3A%22callAds%22%2C%22params%22%3A%7B%22zoneid%22%3A%22318277"
        "%22%7D%7D\" style=\"display: none;\" width=\"0\" height=\"0\"></iframe>"),
}


@pytest.mark.parametrize("unit", _SHARED_NUMBERS.values(), ids=_SHARED_NUMBERS.keys())
def test_numbers_every_publishers_tag_carries_join_no_sites(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], unit: str) -> None:
    def post(site: str, n: int) -> str:
        body = unit.format(site=site, hexid=f"{n:032x}", n=271900 + n)
        return page(f"{site} notes").replace("</body>", body + "</body>")
    warc = tmp_path / "two.warc.gz"
    warc.write_bytes(warc_bytes([response("https://alphagardens.example/2012/tomatoes/",
                                          post("alphagardens.example", 1)),
                                 response("https://betamotors.example/2012/brakes/",
                                          post("betamotors.example", 2))]))
    summary = _bulk_summary(warc, tmp_path / "s.db", capsys)
    assert summary["sites"] == 2 and summary["clusters"] == []
