"""The Markdown job summary's violation table: most severe first, repeated subjects as one
row, and what a cut leaves out counted by severity."""

from __future__ import annotations

import io

from auditor.model import PageReport, Severity, Violation
from auditor.report import RunSummary
from auditor.report.markdown import MAX_ROWS, MarkdownReporter


def _page(name: str) -> PageReport:
    return PageReport(input=name, url=None, kind="html", first_party="example.com", title=None)


def _summary(reporter: MarkdownReporter, pages: int, violations: int) -> str:
    buffer = io.StringIO()
    reporter.out = buffer
    reporter.finished(RunSummary(pages=pages, errors=0, skipped=0, violations=violations,
                                 gated=True, passed=False))
    return buffer.getvalue()


def _gtm(i: int) -> Violation:
    return Violation(clause="deny_categories", message="third-party host gtm.example: analytics",
                     fingerprint=f"g{i}", line=1, evidence="gtm.example", severity=Severity.HIGH)


def test_a_miner_is_not_hidden_behind_many_routine_rows() -> None:
    """The reviewer's site: 210 pages with the same analytics tag, and one compromised
    page (the last in page order) with a miner."""
    reporter = MarkdownReporter(io.StringIO(), "test", gated=True)
    for i in range(210):
        reporter.handle(_page(f"public/p{i:03}.html"), [_gtm(i)])
    low = [Violation(clause="fail_on_findings", message=f"tracking-pixel (low): pixel {i}",
                     fingerprint=f"t{i}", line=3, evidence=f"tracking-pixel:{i}",
                     severity=Severity.LOW, finding="tracking-pixel") for i in range(3)]
    miner = Violation(clause="fail_on_severity", message="cryptominer (high): Coinhive",
                      fingerprint="m", line=9, evidence="cryptominer:1",
                      severity=Severity.HIGH, finding="cryptominer")
    reporter.handle(_page("public/zzz-compromised.html"), [*low, miner])
    text = _summary(reporter, 211, 214)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1].startswith("| on 210 pages: public/p000\\.html, public/p001\\.html, "
                              "public/p002\\.html, … | 1 | deny\\_categories |")
    assert rows[2].startswith("| public/zzz-compromised\\.html | 9 | fail\\_on\\_severity |")
    assert all("tracking-pixel" in row for row in rows[3:6])  # low ones last
    assert len(rows) == 6


def test_the_cut_keeps_the_most_severe_and_counts_the_rest_by_severity() -> None:
    reporter = MarkdownReporter(io.StringIO(), "test", gated=True)
    for i in range(MAX_ROWS + 10):  # distinct low subjects, each on its own page
        reporter.handle(_page(f"p{i:03}.html"), [Violation(
            clause="fail_on_findings", message=f"pixel {i}", fingerprint=f"t{i}",
            evidence=f"tracking-pixel:{i}", severity=Severity.LOW, finding="tracking-pixel")])
    reporter.handle(_page("zzz.html"), [Violation(
        clause="fail_on_severity", message="cryptominer", fingerprint="m",
        evidence="cryptominer:1", severity=Severity.HIGH, finding="cryptominer")])
    text = _summary(reporter, MAX_ROWS + 11, MAX_ROWS + 11)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[1].startswith("| zzz\\.html |")
    assert rows[-1] == "| … | | | | 11 more rows not shown: 11 violations (11 low) |"
    assert len(rows) == 1 + MAX_ROWS + 1
