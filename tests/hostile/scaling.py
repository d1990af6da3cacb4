"""How a hostile-input test tells a linear cost from a quadratic one: read at n and at 4n,
a linear cost grows about 4 times and a quadratic one 16; the bounds are generous for a
shared machine, and each size takes the best of its runs (a slow run is noise)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

MAX_RATIO = 9.0


def assert_linear(seconds: Callable[[int], float], n: int, what: str, *,
                  max_seconds: float = 5.0, runs: int = 2, floor: float = 1e-3,
                  most_runs: int = 12) -> None:
    """`seconds(size)` times one read of an input of `size`; `floor` is the least time the
    small read is taken to have cost (a read too quick to time says nothing).

    The two sizes take turns, so a burst of load lands on both, and each keeps its best
    run. Past `runs` rounds, a ratio over the bound buys another round, up to `most_runs`:
    more rounds only bring each best nearer the true cost, so a quadratic's ratio (16)
    stays over the bound, while a linear read slowed by a busy machine gets its quiet run.
    A best large read over `max_seconds` fails at once (as slow as that, it is no noise).
    """
    seconds(n // 4)  # warm: the catalogue, the regexes
    small = large = float("inf")
    for done in range(1, most_runs + 1):
        small = min(small, _without_collection(seconds, n))
        large = min(large, _without_collection(seconds, 4 * n))
        if done >= runs and (large >= max_seconds or large / max(small, floor) < MAX_RATIO):
            break  # linear, or too slow at its best for another round to save it
    assert large < max_seconds, f"{what}: {large:.2f} s at {4 * n}"
    assert large / max(small, floor) < MAX_RATIO, f"{what}: {small:.3f} s, then {large:.3f} s"


def _without_collection(seconds: Callable[[int], float], size: int) -> float:
    """`seconds(size)` with the cycle collector held off: a collection of the last
    input's tree landing in one timed read is the noise, not the read's cost."""
    gc.collect()
    gc.disable()
    try:
        return seconds(size)
    finally:
        gc.enable()


def audit_seconds(html: str, rules: str | None = None) -> float:
    """One audit of a page, timed: with the bundled rules alone (no system lists), or
    with the hiding `rules` given alone (a test of one rule's reach)."""
    from auditor.catalogue import default_catalogue
    from auditor.pipeline import audit_document
    from auditor.readers import Document
    from auditor.rules import Engine

    engine = Engine.load(system_lists=False) if rules is None else Engine.from_text(rules)
    catalogue = default_catalogue()
    doc = Document(input="t.html", kind="html", text=html, url="https://site.example/",
                   markup=True)
    start = time.perf_counter()
    audit_document(doc, engine, catalogue)
    return time.perf_counter() - start
