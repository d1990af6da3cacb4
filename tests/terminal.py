"""Reading the rich terminal report as a reviewer reads it: its words in order, whatever
the page's panel wrapped or bordered, for tests that ask whether a line says something."""

from __future__ import annotations

import io

from auditor.model import PageReport
from auditor.report.terminal import TerminalReporter


def terminal_words(text: str) -> str:
    """The report's words joined by single spaces: the panel's `│` borders and the line
    breaks rich wraps at are not the report's."""
    return " ".join(text.replace("│", " ").split())


def terminal_report(report: PageReport, width: int = 100) -> str:
    """What the terminal reporter prints for one page (no colour), as `terminal_words`."""
    out = io.StringIO()
    reporter = TerminalReporter(out, "test", width=width, color=False)
    reporter.start([])
    reporter.handle(report)
    return terminal_words(out.getvalue())
