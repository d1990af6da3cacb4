"""The vendor ID readers of session 37's tag forms on hostile pages: a script repeating
PubMatic's universal-pixel head (`pubId=…;` with no `pixId` after it) must cost the audit
linear time, each head's look for its `pixId` bounded. Read at n and 4n."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

LOADER = "<script src='https://ads.pubmatic.com/AdServer/js/universalpixel.js'></script>"


def _pixel_heads(n: int) -> str:
    return ("<html><head><title>t</title></head><body><p>Article text.</p><script>"
            + "pubId=12345; " * n + f"</script>{LOADER}</body></html>")


def test_pubmatic_pixel_heads_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_pixel_heads(n)), 2_000,
                  "PubMatic pubId heads with no pixId")


def _long_url_heads(head: str, n: int) -> str:
    return ("<html><head><title>t</title></head><body><p>Article text.</p>"
            f'<img src="{head}' + "a=1&" * n + '" width="1" height="1"></body></html>')


def test_tynt_tracer_query_read_in_linear_time() -> None:
    """Tracer.js's `user=` is looked for a bounded stretch into the query."""
    assert_linear(lambda n: audit_seconds(_long_url_heads(
        "http://tcr.tynt.com/javascripts/Tracer.js?", n)), 2_000, "Tynt Tracer.js long query")


def test_new_relic_legacy_hits_read_in_linear_time() -> None:
    """A script repeating the legacy agent's `nrfj` head with no key after it."""
    def page(n: int) -> str:
        return ("<html><body><script src='https://js-agent.newrelic.com/nr-100.js'></script>"
                "<script>" + 'NREUMQ.push(["nrfj","beacon-1.newrelic.com",' * n
                + "</script></body></html>")

    assert_linear(lambda n: audit_seconds(page(n)), 1_000, "New Relic nrfj heads")
