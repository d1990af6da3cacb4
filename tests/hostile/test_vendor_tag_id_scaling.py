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
