"""Reporters, by format name. Each is a streaming `Reporter` (see interface.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from auditor.report.interface import Reporter, RunSummary
from auditor.report.json_report import JsonLinesReporter, JsonReporter
from auditor.report.terminal import TerminalReporter

# format name -> factory(out, version, gated) -> Reporter
ReporterMaker = Callable[[TextIO, str, bool], Reporter]

REPORTERS: dict[str, ReporterMaker] = {
    "terminal": lambda out, version, gated: TerminalReporter(out, version, gated=gated),
    "json": lambda out, version, gated: JsonReporter(out, version, gated=gated),
    "jsonl": lambda out, version, gated: JsonLinesReporter(out, version, gated=gated),
}

__all__ = ["REPORTERS", "Reporter", "ReporterMaker", "RunSummary"]
