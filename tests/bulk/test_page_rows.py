"""A page's store row names the networks its report lists; a report written before the
list existed gives those its requests, slots and operator IDs name, by the same rules."""

from __future__ import annotations

from pathlib import Path

from auditor.bulk.shard import AUDITED, Outcome, row_of
from auditor.bulk.store import Store
from auditor.catalogue import default_catalogue
from auditor.pipeline import audit_document, default_engine
from auditor.readers import Document

PAGE = ("<html><head>"
        '<link rel="dns-prefetch" href="//c.amazon-adsystem.com">'
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABCDEF1234"></script>'
        "<script>var adUnits = [{code: 'top', bids: [{bidder: 'criteo', "
        "params: {networkId: 4242}}]}];</script></head>"
        '<body><p>Text of the article.</p><ins class="adsbygoogle" '
        'data-ad-client="ca-pub-1234567890123456" data-ad-slot="1234567890"></ins>'
        "</body></html>")


def test_a_row_names_the_networks_the_report_lists() -> None:
    catalogue = default_catalogue()
    report = audit_document(Document("a.html", "html", PAGE, url="https://news.example/a"),
                            default_engine(), catalogue).to_dict()
    listed = {n["network"]: n["category"] for n in report["networks"]}
    assert listed == {"Google AdSense": "advertising", "Google Analytics": "analytics",
                      "Criteo": "advertising"}
    assert dict(row_of(report, catalogue).networks) == listed
    older = {k: v for k, v in report.items() if k != "networks"}
    # Criteo by its bid's network ID; Amazon's prefetch (a hint) makes no network
    assert dict(row_of(older, catalogue).networks) == listed
    assert "Amazon Publisher Services" in {r["network"] for r in older["resources"]}


def test_a_page_row_is_written_once_with_its_scorecard(tmp_path: Path) -> None:
    """The store writes a page's row, its scorecard columns in it, with one statement (an
    UPDATE after the INSERT wrote the row and its report JSON twice); a row without a
    scorecard (a report from before it) leaves them null."""
    catalogue = default_catalogue()
    report = audit_document(Document("a.html", "html", PAGE, url="https://news.example/a"),
                            default_engine(), catalogue).to_dict()
    with_card = row_of(report, catalogue)
    without = row_of({k: v for k, v in report.items() if k != "mfa"}, catalogue)
    assert with_card.mfa is not None and without.mfa is None
    store = Store.writer(tmp_path / "s.db")
    try:
        run = store.begin_run(["bulk"], ["crawl"], [])
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        store.write(run, [("crawl", Outcome(key, AUDITED, "html", f"crawl#{key}", None, None, row))
                          for key, row in (("1", with_card), ("2", without))])
        store._conn.set_trace_callback(None)
        assert [s.split("(")[0].strip() for s in statements if " pages" in s] == [
            "INSERT INTO pages"] * 2
        rows = store.query("SELECT record_key, mfa_met, mfa_judged, mfa_criteria, report "
                           "FROM pages ORDER BY record_key")
    finally:
        store.close()
    assert rows == [("1", *with_card.mfa, with_card.report_json),
                    ("2", None, None, None, without.report_json)]
