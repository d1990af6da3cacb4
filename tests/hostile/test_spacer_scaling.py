"""Many hidden static images of many hosts beside many shown ones: the hosts the page
shows images from are read in one walk a page, not one per hidden image's host."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    images = "".join(f"<img src='https://img{i}.cdn.test/a.png' alt='a'>"
                     f"<img src='https://img{i}.cdn.test/1.gif' width='1' height='1' alt=''>"
                     for i in range(n))
    return f"<html><body><p>x</p>{images}</body></html>"


def test_spacer_hosts_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 300,
                  "hidden static images of hosts the page shows images from")
