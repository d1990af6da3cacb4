"""A head whose top holds many unknown sites' scripts above a late charset, beside many
stylesheets and files past the top of as many sites named like theirs: each site is asked
whether it is the page's platform (`behaviour._platform_script`) once a page, and no more
than a few sites are, so the read is linear in the page."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    top = "".join(f'<script src="https://kit{i}.test/s.js"></script>' for i in range(n))
    sheets = "".join(f'<link rel="stylesheet" href="https://x.kit{i}-static.test/a.css">'
                     for i in range(n))
    later = "".join(f'<script src="https://x.kit{i}-static.test/b.js"></script>'
                    for i in range(n))
    return (f"<html><head>{top}{sheets}<meta charset='utf-8'><title>t</title>{later}</head>"
            "<body><p>x</p></body></html>")


def test_many_platform_like_sites_above_the_charset_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 150,
                  "unknown sites' scripts above a late charset beside their sheets")
