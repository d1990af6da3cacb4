"""JUnit XML: one test case per page, failed by its open violations.

CI test-report views (GitLab, Jenkins, the JUnit actions on GitHub) then show which
pages broke the policy. The suite's counts come first in the XML, so the run is
collected (a few strings per page) and written at the end, through a real XML writer.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from auditor.lazy_re import lazy_regex
from auditor.model import ListInfo, PageReport, Violation
from auditor.report.figures import Unreadable, criteria_met, unreadable_verdict
from auditor.report.interface import RunSummary
from auditor.report.location import page_name, repo_path
from auditor.report.provenance import copied_ids, provenance_line
from auditor.report.safe import inert

# XML 1.0 cannot carry these even escaped; inert() already shows the C0/C1 controls.
_NOT_XML = lazy_regex("[\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str | None, *, inline: bool = True, limit: int | None = 2000) -> str:
    """Page-derived text made safe for an XML document (ElementTree escapes <, &, quotes)."""
    return _NOT_XML.sub("\ufffd", inert(text, inline=inline, limit=limit))


def describe(v: Violation) -> str:
    rule = f" [rule: {v.rule}]" if v.rule else ""
    return f"{_where(v.line)}: {v.clause}: {v.message}{rule}"


def _where(line: int) -> str:
    """Where on the page: its line, or the page as a whole (line 0)."""
    return f"line {line}" if line else "page"


@dataclass(frozen=True, slots=True)
class _Case:
    name: str
    file: str
    url: str | None
    open: tuple[str, ...]
    baselined: tuple[str, ...]
    error: str | None
    sources: tuple[str, ...] = ()  # what the page republishes, and its copied IDs
    mfa: tuple[tuple[str, str], ...] = ()  # (name, value) properties of the MFA scorecard
    findings: tuple[str, ...] = ()  # an audit without a policy: what it found, no failure
    let_by: Unreadable | None = None  # an unreadable page the gate did not fail: why


def _mfa_properties(page: PageReport) -> tuple[tuple[str, str], ...]:
    card = page.mfa
    if card is None:
        return ()
    met = ", ".join(criteria_met(card))  # as many items as mfa.met counts
    return (("mfa.met", str(card.met)), ("mfa.judged", str(card.judged)),
            ("mfa.criteria_met", met), ("mfa.summary", card.summary))


class JUnitReporter:
    """A `<testsuite>` of pages; a page with open violations is a `<failure>`."""

    def __init__(self, out: TextIO, version: str, *, gated: bool = False) -> None:
        self.out = out
        self.version = version
        self.gated = gated
        self.cases: list[_Case] = []
        self.names: set[str] = set()  # the test cases' names: one file read twice is two

    def start(self, lists: Sequence[ListInfo]) -> None:
        return None

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        path = page_name(page.input)  # one name for passing and failing pages alike
        if path in self.names:  # a site file read once more, as the code a page runs it as
            path = f"{path} (as {page.kind})"
        self.names.add(path)
        verdict = unreadable_verdict(page, violations) if self.gated else None
        self.cases.append(_Case(
            name=path,
            file=repo_path(page.input),
            url=page.url,
            open=tuple(describe(v) for v in violations if not v.baselined),
            baselined=tuple(describe(v) for v in violations if v.baselined),
            error=page.errors[0] if page.errors else None,
            let_by=None if verdict is Unreadable.FAILING else verdict,
            sources=(*(provenance_line(p) for p in page.provenance),
                     *(f"id {i}" for i in copied_ids(page))),
            mfa=_mfa_properties(page),
            # without a policy nothing fails, but a test report that showed nothing would
            # read as a clean page: the findings go to system-out, high first
            findings=() if self.gated else tuple(
                f"finding: {_where(f.line)}: {f.kind} "
                f"({f.severity.value}): {f.message}"
                for f in sorted(page.findings, key=lambda f: -f.severity.rank)),
        ))

    def finished(self, summary: RunSummary) -> None:
        failures = sum(1 for c in self.cases if c.open and not c.error)
        skipped = sum(1 for c in self.cases if c.let_by is not None)
        errors = sum(1 for c in self.cases if c.error) - skipped
        counts = {"tests": str(len(self.cases)), "failures": str(failures),
                  "errors": str(errors), "skipped": str(skipped)}
        root = ET.Element("testsuites", {"name": "auditor", **counts})
        suite = ET.SubElement(root, "testsuite", {
            "name": "auditor policy" if self.gated else "auditor", **counts})
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", {"name": "auditor.version", "value": self.version})
        ET.SubElement(props, "property", {"name": "gated", "value": str(self.gated).lower()})
        for case in self.cases:
            el = ET.SubElement(suite, "testcase", {
                "classname": "auditor.policy" if self.gated else "auditor",
                "name": xml_text(case.name), "file": xml_text(case.file)})
            if case.mfa:  # properties, never a failure: the scorecard gates only by policy
                case_props = ET.SubElement(el, "properties")
                for name, value in case.mfa:
                    ET.SubElement(case_props, "property", {"name": name,
                                                           "value": xml_text(value)})
            if case.error and case.let_by is not None:
                # not judged, and the gate let it by: a test view must not show it red
                # in a run that passed (an <error> counts as a failed test)
                ET.SubElement(el, "skipped", {"message": xml_text(
                    f"unreadable, {case.let_by.says}: {case.error}", limit=300)})
            elif case.error:
                ET.SubElement(el, "error", {"message": xml_text(case.error, limit=300),
                                            "type": "unreadable"}).text = xml_text(case.error)
            elif case.open:
                n = len(case.open)
                failure = ET.SubElement(el, "failure", {
                    "message": f"{n} policy violation{'s' if n != 1 else ''}",
                    "type": "policy"})
                failure.text = "\n".join(xml_text(line) for line in case.open)
            out = []
            if case.url:
                out.append(f"url: {xml_text(case.url)}")
            out += [f"baselined: {xml_text(line)}" for line in case.baselined]
            out += [xml_text(line) for line in case.findings]
            out += [xml_text(line) for line in case.sources]  # informational: never a failure
            if out:
                ET.SubElement(el, "system-out").text = "\n".join(out)
        ET.indent(root, space="  ")
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ET.tostring(root, encoding="unicode") + "\n")
