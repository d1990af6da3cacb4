"""A script of thousands of `rapid: {` objects and one spaceId, on a page where Yahoo!
JAPAN's Rapid runs: its space is read a bounded reach into each object, so the page is read
in time linear in its size (and a script without the key skips the scan by its literal)."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    objects = '{rapid: {"keys": {"pt": "x"}}}, ' * n
    return ("<html><head><meta charset='utf-8'>"
            "<script src='https://s.yimg.jp/images/ds/rapid/1.5.0/ult.inc.js'></script>"
            f"</head><body><p>x</p><script>var m = [{objects}]; var spaceId = 1;</script>"
            "</body></html>")


def test_rapid_objects_without_a_space_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 4000, "Rapid objects without a space")
