"""A page's store row names the networks its report lists; a report written before the
list existed gives those its requests, slots and operator IDs name, by the same rules."""

from __future__ import annotations

from auditor.bulk.shard import row_of
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
