"""Reporters, by format name. Each is a streaming `Reporter` (see interface.py)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TextIO, cast

from auditor.report.interface import Reporter, RunSummary

# format name -> factory(out, version, gated) -> Reporter
ReporterMaker = Callable[[TextIO, str, bool], Reporter]


# each format's module is imported when a run asks for it: a CI gate's one-page process
# writing terminal or SARIF output imported every other format's (HTML's charts, markdown)
_CLASSES = {
    "terminal": ("auditor.report.terminal", "TerminalReporter"),
    "json": ("auditor.report.json_report", "JsonReporter"),
    "jsonl": ("auditor.report.json_report", "JsonLinesReporter"),
    "md": ("auditor.report.markdown", "MarkdownReporter"),
    "sarif": ("auditor.report.sarif", "SarifReporter"),
    "junit": ("auditor.report.junit", "JUnitReporter"),
    "html": ("auditor.report.html_report", "HtmlReporter"),
}


def _maker(module: str, name: str) -> ReporterMaker:
    """A factory that imports the format's module on its first call."""
    def make(out: TextIO, version: str, gated: bool) -> Reporter:
        cls = getattr(importlib.import_module(module), name)
        return cast("Reporter", cls(out, version, gated=gated))
    return make


REPORTERS: dict[str, ReporterMaker] = {fmt: _maker(*where) for fmt, where in _CLASSES.items()}

__all__ = ["REPORTERS", "Reporter", "ReporterMaker", "RunSummary"]
