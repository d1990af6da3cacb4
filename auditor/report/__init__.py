"""Reporters, by format name. Each is a streaming `Reporter` (see interface.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from auditor.report.interface import Reporter, RunSummary

# format name -> factory(out, version, gated) -> Reporter
ReporterMaker = Callable[[TextIO, str, bool], Reporter]


# each format's module is imported when a run asks for it: a CI gate's one-page process
# writing terminal or SARIF output imported every other format's (HTML's charts, markdown)


def _terminal(out: TextIO, version: str, gated: bool) -> Reporter:
    from auditor.report.terminal import TerminalReporter
    return TerminalReporter(out, version, gated=gated)


def _json(out: TextIO, version: str, gated: bool) -> Reporter:
    from auditor.report.json_report import JsonReporter
    return JsonReporter(out, version, gated=gated)


def _jsonl(out: TextIO, version: str, gated: bool) -> Reporter:
    from auditor.report.json_report import JsonLinesReporter
    return JsonLinesReporter(out, version, gated=gated)


def _markdown(out: TextIO, version: str, gated: bool) -> Reporter:
    from auditor.report.markdown import MarkdownReporter
    return MarkdownReporter(out, version, gated=gated)


def _sarif(out: TextIO, version: str, gated: bool) -> Reporter:
    from auditor.report.sarif import SarifReporter
    return SarifReporter(out, version, gated=gated)


def _junit(out: TextIO, version: str, gated: bool) -> Reporter:
    from auditor.report.junit import JUnitReporter
    return JUnitReporter(out, version, gated=gated)


def _html(out: TextIO, version: str, gated: bool) -> Reporter:
    from auditor.report.html_report import HtmlReporter
    return HtmlReporter(out, version, gated=gated)


REPORTERS: dict[str, ReporterMaker] = {
    "terminal": _terminal, "json": _json, "jsonl": _jsonl, "md": _markdown, "sarif": _sarif,
    "junit": _junit, "html": _html,
}

__all__ = ["REPORTERS", "Reporter", "ReporterMaker", "RunSummary"]
