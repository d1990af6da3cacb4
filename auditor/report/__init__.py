"""Reporters, by format name. Each is a streaming `Reporter` (see interface.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from auditor.report.html_report import HtmlReporter
from auditor.report.interface import Reporter, RunSummary
from auditor.report.json_report import JsonLinesReporter, JsonReporter
from auditor.report.junit import JUnitReporter
from auditor.report.markdown import MarkdownReporter
from auditor.report.sarif import SarifReporter
from auditor.report.terminal import TerminalReporter

# format name -> factory(out, version, gated) -> Reporter
ReporterMaker = Callable[[TextIO, str, bool], Reporter]

REPORTERS: dict[str, ReporterMaker] = {
    "terminal": lambda out, version, gated: TerminalReporter(out, version, gated=gated),
    "json": lambda out, version, gated: JsonReporter(out, version, gated=gated),
    "jsonl": lambda out, version, gated: JsonLinesReporter(out, version, gated=gated),
    "md": lambda out, version, gated: MarkdownReporter(out, version, gated=gated),
    "sarif": lambda out, version, gated: SarifReporter(out, version, gated=gated),
    "junit": lambda out, version, gated: JUnitReporter(out, version, gated=gated),
    "html": lambda out, version, gated: HtmlReporter(out, version, gated=gated),
}

__all__ = ["REPORTERS", "Reporter", "ReporterMaker", "RunSummary"]
