"""Says in the run's header which fuzz budget is in force."""

from __future__ import annotations

from fuzz.budget import ENV, long_run


def pytest_report_header() -> str:
    n = long_run()
    return (f"fuzz: {n} examples per property ({ENV})" if n
            else f"fuzz: brief CI budget (set {ENV}=N for a long run)")
