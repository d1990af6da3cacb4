"""A summary of a Parquet dataset holds audited pages only: the terminal report must not
open with "0 skipped, 0 failed" as if the run were clean, and the CSV says where the
records it lacks are (the JSON's `source`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from crawl_stores import scraper_crawl, write_store

from auditor.bulk.aggregate import summarize
from auditor.bulk.parquet import with_source
from auditor.bulk.store import Store
from auditor.bulk.summary import write_summary


def test_a_dataset_summary_claims_no_clean_run(tmp_path: Path) -> None:
    store = Store.open(write_store(tmp_path / "s.db", scraper_crawl()))
    try:
        summary = with_source(summarize(store), Path("out/cc-parquet"))
    finally:
        store.close()
    terminal = io.StringIO()
    write_summary(summary, "terminal", terminal, width=100)
    head = terminal.getvalue().splitlines()
    assert head[0] == "14 pages from 7 sites in the Parquet dataset out/cc-parquet"
    assert "skipped and failed records" in head[1]
    assert "0 failed" not in terminal.getvalue()
    table = io.StringIO()
    write_summary(summary, "csv", table)
    rows = {(r["section"], r["metric"]): r["value"] for r in csv.DictReader(
        io.StringIO(table.getvalue()))}
    assert rows[("source", "parquet")] == "out/cc-parquet"
    assert "bulk run's store" in rows[("source", "note")]
    assert rows[("totals", "audited")] == "14"


def test_a_store_summary_keeps_its_record_totals(tmp_path: Path) -> None:
    store = Store.open(write_store(tmp_path / "s.db", scraper_crawl()))
    try:
        summary = summarize(store)
    finally:
        store.close()
    terminal = io.StringIO()
    write_summary(summary, "terminal", terminal, width=100)
    assert terminal.getvalue().startswith(
        "14 records: 14 audited, 0 skipped, 0 failed · 14 pages from 7 sites")
    assert "source" not in summary
