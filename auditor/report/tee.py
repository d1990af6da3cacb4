"""Several reporters fed from one stream of pages (the chosen format + annotations)."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.model import ListInfo, PageReport, Violation
from auditor.report.interface import Reporter, RunSummary


class Tee:
    """Hands every call to each reporter in turn."""

    def __init__(self, *reporters: Reporter) -> None:
        self.reporters = reporters

    def start(self, lists: Sequence[ListInfo]) -> None:
        for r in self.reporters:
            r.start(lists)

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        for r in self.reporters:
            r.handle(page, violations)

    def finished(self, summary: RunSummary) -> None:
        for r in self.reporters:
            r.finished(summary)
