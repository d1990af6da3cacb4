"""Packed code's image-address sets that never end in a data attribute: the lazy loader's
pattern (`obfuscation._LAZY_SOURCE`) reads each a bounded reach, so a pass is linear."""

from __future__ import annotations

import time

from auditor.heuristics.obfuscation import _LAZY_SOURCE

from .scaling import assert_linear


def _lazy_sets_seconds(n: int) -> float:
    """One pass of the pattern over `n` sets that never end in a data attribute."""
    text = "img.src = a.b.c.d.getAttribute(x);" * n
    start = time.perf_counter()
    _LAZY_SOURCE.sub(";", text)
    return time.perf_counter() - start


def test_lazy_loader_sets_are_linear() -> None:
    assert_linear(_lazy_sets_seconds, 20000, "image address sets read as a lazy loader's")
