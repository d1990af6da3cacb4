"""A script of thousands of words naming FreeWheel, none with its config after it, on a page
where FreeWheel runs: its network readers look a bounded reach past each word (its object,
its profile, its setNetwork), and the profile form's literal lets a script without the key
skip the scan, so the page is read in time linear in its size."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    words = '"freewheel", {"freewheel": {"profile": 1, "network": "x"}}, ' * n
    return ("<html><head><meta charset='utf-8'>"
            "<script src='https://mssl.fwmrm.net/libs/adm/6.40.0/AdManager.js'></script>"
            f"</head><body><p>x</p><script>var cfg = [{words}];</script></body></html>")


def test_freewheel_words_without_a_config_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 4000,
                  "FreeWheel words without a network after them")
