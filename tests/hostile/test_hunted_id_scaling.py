"""IDs the readers merged in session 36 take from one long URL (hunt36c's AddThis lookup,
`m.addthis.com/live/red_lojson/300lo.json?…&pub=<profile>`): a hostile page's 100 KB
attribute repeating the call's head must cost the audit linear time, each head's scan for
its `pub=` bounded as the catalogue's other query readers are (X's `adsct?…&txn_id=`).
Read at n and 4n (revG36 review)."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

HEAD = "<html><head><title>t</title></head><body><p>Article text long enough to read.</p>\n"


def _lookup_heads(n: int) -> str:
    # one image whose address repeats AddThis's lookup head, no pub= anywhere
    return (HEAD + '<img src="https://m.addthis.com/live/red_lojson/300lo.json?'
            + "addthis.com/live/red_lojson/a?" * n + '" width="1" height="1"></body></html>')


def test_addthis_lookup_heads_in_one_long_url_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_lookup_heads(n)), 1_000,
                  "AddThis red_lojson heads in one 120 KB URL")
