"""The streaming reporter protocol (flake8's shape): start, one page at a time, finish.

Bulk runs render as they go; nothing waits for the whole run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from auditor.model import ListInfo, PageReport, Violation

# An open violation fails the job, so code scanning and annotations call it an error
# whatever the severity of the finding behind it (SARIF's level, GitHub's command).
OPEN_VIOLATION = "error"


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What the run came to, for a reporter's closing lines."""

    pages: int
    errors: int
    skipped: int
    violations: int
    gated: bool  # a policy was applied
    passed: bool
    baseline_written: str | None = None  # --write-baseline FILE: the violations went there


class Reporter(Protocol):
    def start(self, lists: Sequence[ListInfo]) -> None: ...

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None: ...

    def finished(self, summary: RunSummary) -> None: ...
