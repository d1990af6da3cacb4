"""How many cases each fuzz property runs: a few in CI, as many as asked for a long run.

`AUDITOR_FUZZ_EXAMPLES=N python -m pytest tests/fuzz` runs every property N times
(docs/SECURITY.md, "How it is tested"); unset, each runs its brief CI budget.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

ENV = "AUDITOR_FUZZ_EXAMPLES"


def long_run() -> int | None:
    """The examples per property the environment asks for, or None for the brief run."""
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{ENV} must be a positive whole number of examples, not {value!r}")
    return int(value)


def fuzz(brief: int) -> settings:
    """Settings for one fuzz property: `brief` examples in CI, `AUDITOR_FUZZ_EXAMPLES` in a
    long run. No deadline (a page may take a while to audit; the bounds are the audit's own
    concern), and a failure prints the blob that replays it (`@reproduce_failure`)."""
    return settings(
        max_examples=long_run() or brief,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.large_base_example],
    )
