"""Many inert eval(atob(…)) payloads beside many scripts that run, load or write names: the
names the page's scripts run are read once a page, so each payload's check is a lookup and
the page is read in time linear in its scripts."""

from __future__ import annotations

import base64

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    payload = base64.b64encode(b"var q = [1, 2, 3];").decode()
    scripts = "".join(f"<script>eval(atob('{payload}'));</script>"
                      f"<script>eval(v{i}); x.src = w{i}; fetch(f{i});</script>"
                      for i in range(n))
    return f"<html><body><p>x</p>{scripts}</body></html>"


def test_inert_payload_names_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 400,
                  "inert payloads beside scripts that run names")
