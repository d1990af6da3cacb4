"""`auditor report` says what it shows: every table honours --top, a store whose pages
went to Parquet says so, categories agree between tables, skip reasons and failures and
the ratio's min/max/mean are printed; and the queries docs/BULK.md gives run as written."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from archive_fixtures import page, response, warc_bytes
from rich.console import Console

from auditor.bulk.aggregate import summarize
from auditor.bulk.store import Store
from auditor.bulk.summary import write_terminal
from auditor.cli import main
from auditor.words import percent

LIGHT = ["--no-system-lists", "--no-progress"]
BULK_MD = Path(__file__).resolve().parents[2] / "docs" / "BULK.md"
SITES = {  # site → (AdSense publisher, GTM container, ExoClick zone); some carry no ID
    "alpha.example": ("ca-pub-1111111111111111", "GTM-K9ZX2PQ", None),
    "beta.example": ("ca-pub-1111111111111111", None, "5876674"),
    "gamma.example": (None, "GTM-K9ZX2PQ", "5876674"),
    "delta.example": (None, "GTM-AB12CD3", "1000001"),
    "epsilon.example": (None, "GTM-AB12CD3", None),
    "plain.example": (None, None, None),
    "quiet.example": (None, None, None),
}


@pytest.fixture(scope="module")
def warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    recs = [response(f"https://www.{site}/post", page(site, adsense=pub, gtm=gtm,
                                                        exo_zone=zone), encoding="gzip")
            for site, (pub, gtm, zone) in SITES.items()]
    recs.append(response("https://www.plain.example/logo.png", "not a page",
                         content_type="image/png"))
    path = tmp_path_factory.mktemp("ux") / "sites.warc.gz"
    path.write_bytes(warc_bytes(recs) + b"\x1f\x8b\x08\x00 a damaged tail")
    return path


@pytest.fixture(scope="module")
def store(warc: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "s.db"
    assert main(["bulk", str(warc), "--store", str(path), "--workers", "1", *LIGHT]) == 0
    return path


def summary_of(store: Path, top: int = 20) -> dict[str, object]:
    s = Store.open(store)
    try:
        return summarize(s, top=top)
    finally:
        s.close()


def terminal(summary: dict[str, object], width: int) -> str:
    buffer = io.StringIO()
    write_terminal(summary, Console(file=buffer, width=width, highlight=False, markup=False))
    return buffer.getvalue()


def test_top_limits_every_table(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    full = summary_of(store)
    assert len(full["networks"]) > 1 and len(full["clusters"]) > 1  # type: ignore[arg-type]
    assert main(["report", "--store", str(store), "--format", "json", "--top", "1"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert len(s["networks"]) == 1 and len(s["clusters"]) == 1
    assert len(s["third_party_hosts"]) == 1
    assert s["networks_total"] == len(full["networks"])  # type: ignore[arg-type]
    assert s["clusters_total"] == len(full["clusters"])  # type: ignore[arg-type]
    assert s["third_party_hosts_total"] == len(full["third_party_hosts"])  # type: ignore[arg-type]
    assert s["third_party_hosts_total"] > 1
    assert main(["report", "--store", str(store), "--top", "1", "--width", "80"]) == 0
    out = capsys.readouterr().out
    assert f"(top 1 of {s['networks_total']})" in out
    assert f"Top third-party hosts (top 1 of {s['third_party_hosts_total']})" in out
    assert main(["report", "--store", str(store), "--top", "1", "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert f"most common of {s['networks_total']} networks" in html
    assert f"Top 1 of {s['networks_total']}</summary>" in html
    assert f"<b>{s['clusters_total']}</b> operator clusters" in html
    assert f"Operator clusters: {s['clusters_total']} (top 1 of" in out
    assert out.count("sites: ") == 1  # one cluster printed


@pytest.mark.parametrize("width", [80, 120])
def test_terminal_shows_skips_failures_and_ratio_range(store: Path, width: int) -> None:
    s = summary_of(store)
    assert s["skipped"] and s["failed"] and s["skip_reasons"] and s["failures"]
    out = terminal(s, width)
    assert "Skipped records, by reason:" in out
    for reason in s["skip_reasons"]:  # type: ignore[attr-defined]
        assert reason["reason"][:20] in out
    assert "Failed records" in out
    flat = " ".join(out.split())
    for failure in s["failures"]:  # type: ignore[attr-defined]
        assert flat.count(f"{failure['input']}:") == 1  # named once, not `name: name: why`
    ratio = s["content_to_ad_ratio"]
    assert re.search(rf"min {ratio['min']:.2f}, max {ratio['max']:.2f}, "  # type: ignore[index]
                     rf"mean {ratio['mean']:.2f}", out)  # type: ignore[index]


@pytest.mark.parametrize("width", [80, 120])
def test_hosts_are_never_truncated_or_cut(store: Path, width: int) -> None:
    s = summary_of(store)
    out = terminal(s, width)
    assert "…" not in out
    for host in s["third_party_hosts"]:  # type: ignore[attr-defined]
        assert host["host"] in out, out  # whole, on one line
    assert all(len(line) <= width for line in out.splitlines())


@pytest.mark.parametrize("width", [60, 70, 80, 120])
def test_hosts_table_keeps_its_counts_and_columns_when_narrow(store: Path, width: int) -> None:
    """A store of five corpus pages holds cdn-images.mailchimp.com (customer-engagement)
    and a 55-character Permutive edge host: at 80 columns its table lost the network
    column and read `pag…`, `% pag…`, `100.…`, the host column sized as if alone."""
    s = summary_of(store)
    hosts = s["third_party_hosts"]
    assert isinstance(hosts, list)
    hosts += [
        {"host": "cdn-images.mailchimp.com", "domain": "mailchimp.com",
         "network": "Intuit (Mailchimp)", "category": "customer-engagement", "pages": 1,
         "sites": 1, "share_pages": 1 / 7},
        {"host": "4f2b9c1e-7a3d-4e8b-9c21-5d6e7f8a9b0c.edge.permutive.app",
         "domain": "permutive.app", "network": "Permutive", "category": "advertising",
         "pages": 100, "sites": 100, "share_pages": 1.0},
    ]
    out = terminal(s, width)
    assert all(len(line) <= width for line in out.splitlines())
    table = out.split("Top third-party hosts", 1)[1].split("\n\n", 1)[0]
    assert "…" not in table
    assert re.search(r"\bpages\s+% pages\s+sites\s*$", table, re.M)
    words = table.split()
    for host in hosts:
        counts = [str(host["pages"]), percent(host["share_pages"]), str(host["sites"])]
        assert any(line.split()[-3:] == counts for line in table.splitlines()), host["host"]
        for word in str(host["network"] or "—").split():
            assert word in words, (host["host"], word)
        assert host["category"] in words or ("customer-" in words and "engagement" in words)


def test_csv_holds_failures_and_skip_reasons(store: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--store", str(store), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    sections = {r[0] for r in rows}
    assert {"failure", "skipped"} <= sections
    errors = [r[3] for r in rows if r[0] == "failure" and r[2] == "error"]
    assert errors and all(errors)


def test_a_host_has_its_network_category_in_every_table(store: Path, tmp_path: Path) -> None:
    """A host seen with two categories (a pixel on some pages, a like button on others)
    once took max(category) in the hosts table, whatever the networks table said."""
    copy = tmp_path / "mixed.db"
    with sqlite3.connect(store) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with sqlite3.connect(copy) as db:
        host, network = db.execute(
            "SELECT host, network FROM page_hosts WHERE network IS NOT NULL "
            "GROUP BY host ORDER BY count(*) DESC LIMIT 1").fetchone()
        db.execute("UPDATE page_hosts SET category = 'unknown' WHERE host = ? AND page_id = "
                   "(SELECT min(page_id) FROM page_hosts WHERE host = ?)", (host, host))
    s = summary_of(copy)
    by_network = {n["network"]: n["category"] for n in s["networks"]}  # type: ignore[attr-defined]
    row = next(h for h in s["third_party_hosts"] if h["host"] == host)  # type: ignore[attr-defined]
    assert row["network"] == network
    assert row["category"] == by_network[network] != "unknown"


# -- --parquet: the pages are not in the store, and the report says so ----------------


@pytest.fixture(scope="module")
def parquet_run(warc: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    pytest.importorskip("pyarrow")
    distributed = pytest.importorskip("distributed")
    root = tmp_path_factory.mktemp("pq")
    store, out = root / "s.db", root / "parquet"
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                       dashboard_address=None)
    try:
        assert main(["bulk", str(warc), "--store", str(store), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, "--parquet", str(out),
                     "--split-bytes", "1k", *LIGHT]) == 0
    finally:
        cluster.close()
    return store, out


def test_report_on_a_parquet_store_says_where_the_pages_are(
        parquet_run: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    store, out = parquet_run
    assert main(["report", "--store", str(store), "--format", "json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["pages"] == len(SITES) and s["pages_in_store"] == 0
    assert s["parquet"] == [str(out)]
    assert main(["report", "--store", str(store), "--width", "80"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert f"{len(SITES)} audited pages are in the Parquet dataset {out}" in text
    assert "0 of them in this store" in text


def test_bulk_md_duckdb_queries_run_as_written(parquet_run: tuple[Path, Path]) -> None:
    duckdb = pytest.importorskip("duckdb", reason="pip install duckdb (a dev extra) to run "
                                 "the docs/BULK.md DuckDB queries")
    _, out = parquet_run
    text = BULK_MD.read_text(encoding="utf-8")
    block = text.split("Then, from DuckDB:", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    queries = [q.strip() for q in block.split(";") if q.strip()]
    assert len(queries) == 2
    con = duckdb.connect()
    results = [con.sql(q.replace("/data/out/cc-parquet", str(out))).fetchall()
               for q in queries]
    networks = dict(results[0])
    assert networks["Google Tag Manager"] == 4 and networks["ExoClick"] == 3
    shared = {(kind, value): sites for kind, value, sites in results[1]}
    assert shared[("adsense-publisher", "ca-pub-1111111111111111")] == 2
    assert shared[("gtm-container", "GTM-AB12CD3")] == 2


def test_bulk_md_store_queries_run_as_written(store: Path) -> None:
    text = BULK_MD.read_text(encoding="utf-8")
    block = text.split("Query it directly:", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    queries = [q.strip() for q in block.split(";") if q.strip()]
    assert len(queries) == 3
    with sqlite3.connect(store) as db:
        zones = dict(db.execute(queries[0]).fetchall())
        assert zones == {"beta.example": "5876674", "gamma.example": "5876674",
                         "delta.example": "1000001"}
        assert db.execute(queries[1]).fetchall()
        db.execute(queries[2]).fetchall()


@pytest.mark.parametrize("command", ["report", "bulk"])
def test_a_damaged_store_is_one_line_naming_it(store: Path, tmp_path: Path, warc: Path,
                                               command: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Damage SQLite finds only on the page it reads was an internal error."""
    damaged = tmp_path / "damaged.db"
    data = bytearray(store.read_bytes())
    assert len(data) > 8192
    data[4096:8192] = b"\xff" * 4096  # the header is whole; a page of the tables is not
    damaged.write_bytes(bytes(data))
    args = (["report", "--store", str(damaged)] if command == "report"
            else ["bulk", str(warc), "--store", str(damaged), "--workers", "1", *LIGHT])
    assert main(args) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert f"{damaged}: the store is damaged" in line, line


_WRONG_ROWS = [
    ("pages", "mfa_met", "x", "holds text in mfa_met, where this version writes an integer "
                              "or no value"),
    ("pages", "mfa_judged", None, "holds no value in mfa_judged, where this version writes "
                                  "a count where mfa_met has one"),
    ("pages", "content_to_ad_ratio", "many", "holds text in content_to_ad_ratio"),
    ("pages", "mfa_criteria", b"\x00\xff", "holds a blob in mfa_criteria"),
    ("ids", "value", b"\x00\xff", "holds a blob in value, where this version writes text"),
    ("runs", "started", "1e999", "holds infinity in started"),
    ("runs", "finished", 2**62, "holds a number in finished, where this version writes a "
                                "time or no value"),
    ("runs", "pid", b"\x01", "holds a blob in pid"),
    ("progress", "status", "done", "holds text in status, where this version writes "
                                   "audited, skipped or failed"),
]


@pytest.mark.parametrize(("table", "column", "value", "said"), _WRONG_ROWS)
@pytest.mark.parametrize("fmt", ["json", "terminal"])
def test_a_store_row_of_the_wrong_type_is_one_line_naming_it(
        store: Path, tmp_path: Path, table: str, column: str, value: object, said: str,
        fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A store written by another version, or edited by hand, whose rows hold what this
    version never writes there: `int('x')` in the MFA summary, a bytes pattern on an ID,
    a time no calendar has, each an internal error (exit 2, "set AUDITOR_DEBUG=1"), or a
    summary whose records no longer add up. One line names the table and column."""
    edited = tmp_path / "edited.db"
    edited.write_bytes(store.read_bytes())
    with sqlite3.connect(edited) as db:
        db.execute("PRAGMA ignore_check_constraints=1")
        db.execute(f"UPDATE {table} SET {column}=?", (value,))
    assert main(["report", "--store", str(edited), "--format", fmt]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith(f"auditor: error: {edited}: a row of {table} {said}"), line
    assert line.endswith(": a store written by another version, or edited; audit into a "
                         "new --store"), line


@pytest.mark.parametrize(("table", "column", "value", "said"), _WRONG_ROWS)
@pytest.mark.parametrize("again", [["--resume"], ["IN"]])
def test_a_run_into_a_store_with_a_row_of_the_wrong_type_is_one_line(
        store: Path, warc: Path, tmp_path: Path, table: str, column: str, value: object,
        said: str, again: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """`report` refused such a store in one line; `bulk --resume` (or a run of the same
    input) into it ran, recorded a run and printed totals read from the rows (0 records
    for a status this version never writes), leaving a store no report could read. It
    is refused as `report` refuses it, before anything is written."""
    edited = tmp_path / "edited.db"
    edited.write_bytes(store.read_bytes())
    with sqlite3.connect(edited) as db:
        db.execute("PRAGMA ignore_check_constraints=1")
        db.execute(f"UPDATE {table} SET {column}=?", (value,))
        # interrupted before its input was done: a resume would audit it again
        db.execute("UPDATE runs SET status='interrupted'")
        db.execute("UPDATE inputs SET done=0")
        db.execute("DELETE FROM shards")
    before = edited.read_bytes()
    args = [str(warc) if a == "IN" else a for a in again]
    assert main(["bulk", *args, "--store", str(edited), "--workers", "1", *LIGHT]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith(f"auditor: error: {edited}: a row of {table} {said}"), line
    assert edited.read_bytes() == before


@pytest.mark.parametrize("resume", [["--resume"], ["--resume", "IN"], ["IN"], ["./IN"]])
def test_an_input_changed_since_the_store_audited_it_is_refused(
        tmp_path: Path, resume: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """A WARC a crawler was still writing, stored, then grown and resumed, was a new
    input: all its records audited again, the store counting 63 records of a file of 42.
    Refused now, one line, the store as it was."""
    first = [response(f"https://www.a.example/{i}", page(f"a{i}")) for i in range(3)]
    then = [response(f"https://www.b.example/{i}", page(f"b{i}")) for i in range(3)]
    crawl, store = tmp_path / "crawl.warc.gz", tmp_path / "s.db"
    crawl.write_bytes(warc_bytes(first))
    assert main(["bulk", str(crawl), "--store", str(store), "--workers", "1", *LIGHT]) == 0
    capsys.readouterr()
    with crawl.open("ab") as grown:
        grown.write(warc_bytes(then))
    args = [str(crawl) if a == "IN" else f"{crawl.parent}/./{crawl.name}" if a == "./IN"
            else a for a in resume]
    assert main(["bulk", *args, "--store", str(store), "--workers", "1", *LIGHT]) == 2
    out, err = capsys.readouterr()
    assert (out, err.count("\n")) == ("", 1)
    assert err.startswith("auditor: error: "), err
    assert f"{crawl.name}: changed since this store audited it (" in err, err
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM progress").fetchone() == (4,)  # and warcinfo
        assert db.execute("SELECT count(*) FROM runs").fetchone() == (1,)


def test_another_file_of_the_same_relative_name_is_no_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Two crawls, each `crawl.warc.gz` in its own folder, audited into one store from
    each folder in turn: two inputs (identity is the resolved path), never the first
    "changed since" (its relative name read from the second folder), which refused the
    second crawl, exit 2."""
    store = tmp_path / "s.db"
    for folder, n in (("a", 3), ("b", 2)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "crawl.warc.gz").write_bytes(warc_bytes(
            [response(f"https://www.{folder}.example/{i}", page(f"{folder}{i}"))
             for i in range(n)]))
    for folder, new in (("a", 4), ("b", 3), ("a", 0)):
        monkeypatch.chdir(tmp_path / folder)
        assert main(["bulk", "crawl.warc.gz", "--store", str(store), "--workers", "1",
                     *LIGHT]) == 0, capsys.readouterr().err
        assert f"({new} new this run)" in capsys.readouterr().out


def test_names_alike_but_for_undecodable_bytes_are_no_change(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two files whose names differ only in bytes no encoding decodes are stored under
    one printable name: the second run of the same, unchanged folder found each the other's
    "earlier" self and refused the run, exit 2."""
    folder = tmp_path / "crawls"
    folder.mkdir()
    for byte, n in ((b"\xfe", 3), (b"\xff", 2)):
        name = os.fsencode(folder) + b"/a" + byte + b".warc.gz"
        with open(name, "wb") as out:
            out.write(warc_bytes([response(f"https://www.s{n}.example/{i}", page(f"p{i}"))
                                  for i in range(n)]))
    store = tmp_path / "s.db"
    for new in (7, 0):
        assert main(["bulk", str(folder), "--store", str(store), "--workers", "1",
                     *LIGHT]) == 0, capsys.readouterr().err
        assert f"({new} new this run)" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "needle"), [
    (["--resume"], "no such store, so no earlier run to --resume"),
    ([], "no INPUT given"),
    (["missing.warc"], "missing.warc: no such file"),
    (["--lists", "missing.txt", "IN"], "cannot read filter list"),
    (["-"], "-: bulk reads files, not stdin"),  # was "-: no such file"
])
def test_a_usage_error_leaves_no_store_behind(tmp_path: Path, warc: Path, args: list[str],
                                              needle: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A store left by a run that never started then reads as an empty audit (`report`
    said 0 records, not "no such store")."""
    store = tmp_path / "s.db"
    args = [str(warc) if a == "IN" else str(tmp_path / a) if a.endswith((".warc", ".txt"))
            else a for a in args]
    assert main(["bulk", *args, "--store", str(store), *LIGHT]) == 2
    assert needle in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_input_named_that_is_a_link_to_nothing_says_why(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    """A symlink loop named on the command line was "no such file"."""
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    for name, why in (("a", "symlink loop"), ("gone", "dangling symlink")):
        assert main(["bulk", str(tmp_path / name), "--store", str(tmp_path / "s.db"),
                     *LIGHT]) == 2
        assert f"{name}: {why}" in capsys.readouterr().err


def test_a_file_name_that_is_not_utf8_is_audited_and_resumed(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    """A directory holding `caf\\xe9.html` (a Latin-1 name, as old crawls and Windows
    copies leave) ended the whole run in an internal error: the input's hash and the
    store's text could not encode the name Python decodes to surrogates."""
    site = tmp_path / "site"
    site.mkdir()
    latin1 = os.path.join(os.fsencode(site), b"caf\xe9.html")
    with open(latin1, "wb") as handle:
        handle.write(page("café", exo_zone="5876674").encode())
    with open(os.path.join(os.fsencode(site), b"bad\xff.html"), "wb") as handle:
        handle.write(b"")  # unreadable too: one failed record, named
    (site / "plain.html").write_text(page("plain"))
    store = tmp_path / "s.db"
    assert main(["bulk", str(site), "--store", str(store), "--workers", "1", *LIGHT]) == 0
    assert "3 records: 2 audited, 0 skipped, 1 failed" in capsys.readouterr().out
    with sqlite3.connect(store) as db:
        inputs = sorted(r[0] for r in db.execute("SELECT input FROM pages"))
        [(error,)] = db.execute("SELECT error FROM errors").fetchall()
    assert inputs == [f"{site}/caf\ufffd.html", f"{site}/plain.html"]
    assert error == f"{site}/bad\ufffd.html: empty input"
    assert summary_of(store)["networks"][0]["network"] == "ExoClick"  # type: ignore[index]
    assert main(["bulk", "--resume", "--store", str(store), *LIGHT]) == 0
    assert "(0 new this run)" in capsys.readouterr().out  # found done: none twice


def test_inputs_from_reads_stdin_and_names_that_are_not_utf8(
        tmp_path: Path, warc: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`--inputs-from -` was "-: cannot read" (`zcat warc.paths.gz | … --inputs-from -`
    is how a list arrives); a list naming a Latin-1 file, or a binary file given as the
    list, was an internal error."""
    named = os.path.join(os.fsencode(tmp_path), b"r\xe9colte.html")
    with open(named, "wb") as handle:
        handle.write(page("harvest").encode())
    listing = b"# crawl of 2026-12\n" + os.fsencode(warc) + b"\n\n" + named + b"\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(listing)))
    store = tmp_path / "s.db"
    assert main(["bulk", "--inputs-from", "-", "--store", str(store), "--workers", "1",
                 *LIGHT]) == 0
    out = capsys.readouterr().out
    assert f"in {store}" in out and " 8 audited," in out  # the WARC's 7 pages and the file
    binary = tmp_path / "list.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert main(["bulk", "--inputs-from", str(binary), "--store", str(tmp_path / "t.db"),
                 *LIGHT]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.endswith("list.bin: binary data, not a list of paths (one a line)"), line


def test_a_full_disk_is_one_line_and_the_store_resumes(store: Path, tmp_path: Path,
                                                       warc: Path) -> None:
    """SQLite rolls a transaction back itself when the disk fills (SQLITE_FULL); our
    second ROLLBACK failed, and the run ended in "the store is damaged (cannot rollback -
    no transaction is active)" for a store that was whole. `max_page_count` fills the
    database as a full disk does."""
    import shutil

    from auditor.bulk.store import StoreError

    copy = tmp_path / "full.db"
    shutil.copy(store, copy)
    writer = Store.writer(copy)
    try:
        pages = writer._conn.execute("PRAGMA page_count").fetchone()[0]
        writer._conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError) as caught:
            writer.begin_run(["bulk"], ["x" * 200_000], [])
    finally:
        writer.close()
    message = str(caught.value)
    assert message.startswith(f"{copy}: store write failed: database or disk is full")
    assert f"free space, then `auditor bulk --resume --store {copy}` goes on" in message
    assert summary_of(copy)["records"] == summary_of(store)["records"]  # nothing lost


@pytest.mark.parametrize(("make", "needle"), [
    (lambda p: p.write_bytes(b""), "an empty file, not an auditor store"),
    (lambda p: p.mkdir(), "a directory, not an auditor store"),
])
def test_report_says_what_the_store_path_is(tmp_path: Path, make: Callable[[Path], object],
                                            needle: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """An empty file or a directory given as the store was "no such store"."""
    path = tmp_path / "audit.db"
    make(path)
    assert main(["report", "--store", str(path)]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line == f"auditor: error: {path}: {needle}"


@pytest.mark.parametrize("width", ["0", "-5"])
def test_report_width_must_be_positive(store: Path, width: str) -> None:
    """`--width -5` printed nothing and exited 0."""
    with pytest.raises(SystemExit) as caught:
        main(["report", "--store", str(store), "--width", width])
    assert caught.value.code == 2


@pytest.mark.parametrize(("args", "needle"), [
    (["-o", "STORE"], "is the store"),
    (["-o", "STORE-wal"], "is the store"),
    (["--format", "csv", "-o", "g-nodes.csv", "--graph", "g.csv"], "given as two outputs"),
    (["-o", "g.gexf", "--graph", "g.gexf"], "given as two outputs"),
    (["-o", "copy.db"], "is the store"),  # a hard link to it: the store by another name
])
def test_report_refuses_an_output_that_would_destroy_the_store_or_the_graph(
        store: Path, tmp_path: Path, args: list[str], needle: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`auditor report --store audit.db -o audit.db` replaced the store — a whole bulk
    run — with its own report; `-o g-nodes.csv --graph g.csv` overwrote the graph's
    nodes with the report. Both are refused before anything is written."""
    import shutil

    copy = tmp_path / "audit.db"
    shutil.copy(store, copy)
    before = copy.read_bytes()
    if "copy.db" in args:
        os.link(copy, tmp_path / "copy.db")
    args = [str(copy) + a[5:] if a.startswith("STORE") else
            str(tmp_path / a) if a.endswith((".csv", ".gexf", ".db")) else a for a in args]
    assert main(["report", "--store", str(copy), *args]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert needle in line, line
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["audit.db", *(["copy.db"] if "copy.db" in str(args) else [])])
    assert main(["report", "--store", str(copy), "--format", "json"]) == 0


def test_report_output_dash_is_stdout(store: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`-o -` wrote a file named `-`; it is stdout, as an input `-` is stdin."""
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--store", str(store), "--format", "json", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"] == "auditor.bulk/1"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("dash", [[], ["-o", "-"]])
def test_report_refuses_a_graph_file_that_stdout_is_printing_into(
        store: Path, tmp_path: Path, dash: list[str]) -> None:
    """`auditor report --graph g.csv > g-nodes.csv`: the graph's nodes were renamed over
    the file stdout was printing into, so the report went to a deleted file, exit 0.
    Refused before anything is written, as `-o g-nodes.csv` is."""
    import subprocess
    import sys

    with (tmp_path / "g-nodes.csv").open("w") as printed:
        result = subprocess.run(
            [sys.executable, "-m", "auditor", "report", "--store", str(store), "--format",
             "csv", *dash, "--graph", "g.csv"], cwd=tmp_path, stdout=printed,
            stderr=subprocess.PIPE, text=True, timeout=300, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "auditor: error: g-nodes.csv: given as two outputs; each needs its own file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g-nodes.csv"]


def test_dashboard_failure_rows_name_the_input_once(
        store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The dashboard's Error cell sat beside an Input cell and began with the input again."""
    import html as html_lib

    s = summary_of(store)
    assert main(["report", "--store", str(store), "--format", "html"]) == 0
    page_html = capsys.readouterr().out
    for failure in s["failures"]:  # type: ignore[attr-defined]
        name = html_lib.escape(failure["input"], quote=False)
        assert page_html.count(name) == 1, name  # its Input cell, not again as the Error's lead


class _Room:
    f_frsize = 4096

    def __init__(self, blocks: int) -> None:
        self.f_bavail = blocks


@pytest.mark.parametrize(("code", "free_blocks", "full"), [
    (sqlite3.SQLITE_FULL, 10_000, True),
    (sqlite3.SQLITE_IOERR, 0, True),  # a full tmpfs: its shared-memory index not written
    (sqlite3.SQLITE_IOERR, 10_000, False),  # an I/O error with room is one
    (sqlite3.SQLITE_CORRUPT, 0, False),
])
def test_a_store_created_on_a_full_disk_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                code: int, free_blocks: int, full: bool) -> None:
    """A store created on a full tmpfs was "not a usable store: disk I/O error", as if the
    file were damaged; it is the disk, and the same command goes on once there is room."""
    from auditor.bulk import store as store_module
    from auditor.bulk.store import StoreError

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = code  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(store_module.sqlite3, "connect", connect)
    monkeypatch.setattr(store_module.os, "statvfs", lambda path: _Room(free_blocks))
    path = tmp_path / "audit.db"
    with pytest.raises(StoreError) as caught:
        Store.writer(path)
    said = str(caught.value)
    assert said.startswith(f"{path}: cannot write the store: disk I/O error (No space left on "
                           "device); free space" if full else f"{path}: not a usable store"), said
