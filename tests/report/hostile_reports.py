"""Hostile strings for the HTML report tests: page-derived text that tries to close
the style block, run a script, or link out."""

from __future__ import annotations

from typing import Any

HOSTILE_TITLE = "</style><script>alert(1)</script><b>x"
HOSTILE_URL = "javascript:alert(document.domain)//"


def hostile_summary() -> dict[str, Any]:
    """A bulk summary whose every page-derived string is an attack."""
    evil = HOSTILE_TITLE
    return {
        "schema": "auditor.bulk/1", "tool": {"version": "test"}, "records": 3, "audited": 2,
        "skipped": 0, "failed": 1, "pages": 2, "sites": 2,
        "networks": [{"network": evil, "category": "advertising", "pages": 2, "sites": 2,
                      "share_pages": 1.0, "share_sites": 1.0}],
        "third_party_hosts": [{"host": HOSTILE_URL, "domain": evil, "network": evil,
                               "category": "unknown", "pages": 1, "sites": 1,
                               "share_pages": 0.5}],
        "content_to_ad_ratio": {"pages_with_ads": 2, "pages_without_ads": 0, "min": 0.1,
                                "max": 4.0, "mean": 2.0, "quantiles": {"p50": 0.1},
                                "histogram": [{"low": 0.0, "high": 0.5, "pages": 1},
                                              {"low": 0.5, "high": None, "pages": 1}]},
        "clusters": [{"sites": [evil, HOSTILE_URL],
                      "ids": [{"kind": evil, "value": HOSTILE_URL, "network": evil,
                               "sites": 2, "site_list": [evil, HOSTILE_URL]}]}],
        "republication": [{"source": evil, "sites": [evil, HOSTILE_URL], "pages": 2,
                           "evidence": [evil], "crawled": False}],
        "copied_ids": [{"kind": evil, "value": HOSTILE_URL, "network": evil,
                        "copied_from": [evil], "sites": 1, "site_list": [evil],
                        "pages": 1}],
        "skip_reasons": [], "failures": [{"input": evil, "kind": "html", "error": evil}],
        "runs": [],
    }
