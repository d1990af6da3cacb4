"""Markdown for a CI job summary (`>> $GITHUB_STEP_SUMMARY`): the verdict first, then why.

A summary is read at a glance, so passing pages are counted, not listed. Page-derived
text could otherwise close a table cell (`|`), open a link (`[`), start code (`` ` ``)
or inject HTML; `md()` makes it inert.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from auditor.lazy_re import lazy_regex
from auditor.model import ListInfo, PageReport, Severity, Violation
from auditor.report.figures import Unreadable, criteria_met, unreadable_verdict
from auditor.report.interface import RunSummary
from auditor.report.location import page_name
from auditor.report.provenance import (
    copied_ids,
    evidence_line,
    replay_line,
    source_name,
    source_verb,
)
from auditor.report.safe import inert

# `:` breaks scheme autolinks, `.` GFM's `www.` ones, `@` e-mail ones: a page-derived
# host (`www.evil-phish.example`) must not render as a live link in a job summary
_MD_SPECIAL = lazy_regex(r"([\\`*_{}\[\]()#+!|~:.@])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
MAX_ROWS = 200  # a job summary is capped at 1 MiB; say how many more instead


def md(text: object, limit: int | None = 300) -> str:
    """Inline Markdown that shows `text` literally, inside a table cell too.

    >>> md("a|b `c` [x](http://e) <img src=x>")
    'a\\\\|b \\\\`c\\\\` \\\\[x\\\\]\\\\(http\\\\://e\\\\) &lt;img src=x&gt;'
    >>> md("x@evil.example")
    '`x@evil.example`'
    >>> md("www.evil.example")
    'www\\\\.evil\\\\.example'
    """
    raw = inert(str(text) if text is not None else "", limit=limit)
    if "@" in raw:
        return code_span(raw)  # GFM links e-mail addresses through any escaping
    escaped = "".join(_HTML.get(c, c) for c in raw)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def code_span(raw: str) -> str:
    """`raw` as a code span (nothing in it renders), safe in a table cell.

    >>> code_span("a@b.example|x")
    '`a@b.example\\\\|x`'
    """
    longest = max((len(run) for run in re.findall("`+", raw)), default=0)
    fence = "`" * (longest + 1)
    body = raw.replace("|", "\\|")
    if body.startswith("`") or body.endswith("`"):
        body = f" {body} "
    return f"{fence}{body}{fence}"


@dataclass(frozen=True, slots=True)
class _Row:
    page: str
    violation: Violation


@dataclass(frozen=True, slots=True)
class _PageLine:
    page: str
    ad_slots: int
    hosts: int
    findings: int
    error: str | None
    sources: tuple[str, ...] = ()  # what the page republishes, and its copied IDs
    mfa: str = ""  # "3 of 10", "" without a scorecard
    mfa_met: tuple[str, ...] = ()  # the criteria met, one item per indicator counted
    unreadable: Unreadable | None = None  # what the gate made of a page it could not read


@dataclass(frozen=True, slots=True)
class _FindingLine:
    page: str
    line: int
    severity: Severity
    kind: str
    message: str


class MarkdownReporter:
    """Collects the rows that matter and writes the summary when the run finishes."""

    def __init__(self, out: TextIO, version: str, *, gated: bool = False) -> None:
        self.out = out
        self.version = version
        self.gated = gated
        self.rows: list[_Row] = []
        self.pages: list[_PageLine] = []
        # high and medium findings, for an audit with no gate: MAX_ROWS of each kept (a
        # run over a million pages holds no more), the rest counted
        self.findings: dict[Severity, list[_FindingLine]] = {Severity.HIGH: [],
                                                            Severity.MEDIUM: []}
        self.unshown = 0
        self.low = 0

    def start(self, lists: Sequence[ListInfo]) -> None:
        return None

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        name = page_name(page.input)  # one name for passing and failing pages alike
        self.rows.extend(_Row(name, v) for v in violations)
        for f in page.findings:
            kept = self.findings.get(f.severity)
            if kept is None:
                self.low += 1
            elif len(kept) < MAX_ROWS:
                kept.append(_FindingLine(name, f.line, f.severity, f.kind, f.message))
            else:
                self.unshown += 1
        card = page.mfa
        self.pages.append(_PageLine(
            name, page.metrics.ad_slots, page.metrics.third_party_hosts, len(page.findings),
            page.errors[0] if page.errors else None, _sources(page),
            f"{card.met} of {card.judged}" if card else "",
            tuple(criteria_met(card)) if card else (),
            unreadable_verdict(page, violations) if self.gated else None))

    def finished(self, summary: RunSummary) -> None:
        self.out.write("\n".join(self.lines(summary)) + "\n")

    def lines(self, summary: RunSummary) -> list[str]:
        n = summary.pages
        pages = f"{n} page{'s' if n != 1 else ''}"
        if not summary.gated:
            return [f"## auditor: {pages} audited", "", *self._page_table(), *self._findings(),
                    *self._sources(), *self._mfa()]
        open_rows = [r for r in self.rows if not r.violation.baselined]
        accepted = [r for r in self.rows if r.violation.baselined]
        failing = len({r.page for r in open_rows})
        unreadable = [p for p in self.pages if p.error]
        verdicts = self._unreadable_verdicts()
        out: list[str] = []
        if summary.passed:
            out.append(f"## ✅ auditor: policy passed on {pages}{md(_unreadable_tail(verdicts))}")
        elif failing or not pages:
            out.append(f"## ❌ auditor: policy failed on {failing} of {pages}"
                       f"{md(_unreadable_tail(verdicts))}")
        else:  # no page failed, but the run was not whole: an input not there, or pageless
            out.append(f"## ❌ auditor: policy not passed: not every input could be judged "
                       f"({pages}){md(_unreadable_tail(verdicts))}")
        out.append("")
        tail = f" · {len(accepted)} baselined" if accepted else ""
        errors = f" · {summary.errors} unreadable" if summary.errors else ""
        out.append(f"**{len(open_rows)}** new violation{'s' if len(open_rows) != 1 else ''}"
                   f"{tail}{errors} · auditor {md(self.version)}")
        if open_rows:
            out += ["", *self._table(open_rows)]
        if accepted:
            out += ["", f"<details><summary>Baselined ({len(accepted)})</summary>", "",
                    *self._table(accepted), "", "</details>"]
        if unreadable:
            out += ["", "| Unreadable page | Error | Policy |", "|---|---|---|"]
            out += [f"| {md(p.page)} | {md(p.error)} "
                    f"| {md(verdicts.get(p.page, Unreadable.FAILING).says)} |"
                    for p in unreadable[:MAX_ROWS]]
            if len(unreadable) > MAX_ROWS:
                out.append(f"| … {len(unreadable) - MAX_ROWS} more not shown | | |")
        return out + self._sources() + self._mfa()

    def _unreadable_verdicts(self) -> dict[str, Unreadable]:
        """Per unreadable page, what the gate made of it (a file read twice, failing once,
        fails)."""
        out: dict[str, Unreadable] = {}
        for p in self.pages:
            if p.unreadable is not None and out.get(p.page) is not Unreadable.FAILING:
                out[p.page] = p.unreadable
        return out

    def _findings(self) -> list[str]:
        """An audit's high and medium findings, high first: what a reader acts on. The
        low ones are counted (the JSON and HTML reports list them)."""
        found = [*self.findings[Severity.HIGH], *self.findings[Severity.MEDIUM]]
        shown, unshown = found[:MAX_ROWS], len(found) - MAX_ROWS + self.unshown
        out = ["", "### Findings (high and medium)", "",
               "| Page | Line | Severity | Finding |", "|---|--:|---|---|"] if shown else []
        for f in shown:
            out.append(f"| {md(f.page)} | {f.line or ''} | {f.severity.value} "
                       f"| {md(f.kind)}: {md(f.message)} |")
        if unshown > 0:
            out.append(f"| … {unshown} more not shown | | | |")
        if self.low:
            out += ["", f"{self.low} low finding{'s' if self.low != 1 else ''} not listed "
                    "(`--format json` or `html` lists them)."]
        return out

    def _sources(self) -> list[str]:
        """Which pages republish whom: a list under the tables, only when some do."""
        copies = [p for p in self.pages if p.sources]
        if not copies:
            return []
        out = ["", "### Republished content", ""]
        for p in copies[:MAX_ROWS]:
            out.append(f"- {md(p.page)}")
            out += [f"  - {md(line, limit=400)}" for line in p.sources]
        if len(copies) > MAX_ROWS:
            out.append(f"- … {len(copies) - MAX_ROWS} more not shown")
        return out

    def _mfa(self) -> list[str]:
        """The pages that meet MFA indicators, most first: a count of indicators, never a
        verdict that a page is made for advertising (docs/MFA.md)."""
        shown = sorted((p for p in self.pages if p.mfa_met), key=lambda p: -len(p.mfa_met))
        if not shown:
            return []
        out = ["", "<details><summary>MFA scorecard: pages meeting made-for-advertising "
               f"indicators ({len(shown)})</summary>", "",
               "| Page | Indicators met | Criteria |", "|---|--:|---|"]
        out += [f"| {md(p.page)} | {p.mfa} | {md(', '.join(p.mfa_met))} |"
                for p in shown[:MAX_ROWS]]
        if len(shown) > MAX_ROWS:
            out.append(f"| … {len(shown) - MAX_ROWS} more not shown | | |")
        return [*out, "", "</details>"]

    def _table(self, rows: Sequence[_Row]) -> list[str]:
        """Most severe first (severity, then clause), one row per clause and subject however
        many pages repeat it, cut at MAX_ROWS rows: a miner on one page must not hide
        behind two hundred pages' analytics tag."""
        groups = _grouped(rows)
        out = ["| Page | Line | Clause | Rule | Violation |", "|---|--:|---|---|---|"]
        for group in groups[:MAX_ROWS]:
            v = group[0].violation
            lines = {r.violation.line for r in group}
            line = str(v.line) if len(lines) == 1 and v.line else ""
            out.append(f"| {_pages_cell(group)} | {line} | {md(v.clause)} | {md(v.rule or '')} "
                       f"| {md(v.message)} |")
        left = groups[MAX_ROWS:]
        if left:
            by_severity = Counter(r.violation.severity for group in left for r in group)
            counts = ", ".join(f"{by_severity[s]} {s.value}" for s in _SEVERITIES
                               if s in by_severity)
            n = sum(by_severity.values())
            out.append(f"| … | | | | {len(left)} more row{'s' if len(left) != 1 else ''} not "
                       f"shown: {n} violation{'s' if n != 1 else ''} ({counts}) |")
        return out

    def _page_table(self) -> list[str]:
        out = ["| Page | Ad slots | Third-party hosts | Findings | MFA indicators |",
               "|---|--:|--:|--:|--:|"]
        for p in self.pages[:MAX_ROWS]:
            if p.error:
                out.append(f"| {md(p.page)} | error: {md(p.error)} | | | |")
            else:
                out.append(f"| {md(p.page)} | {p.ad_slots} | {p.hosts} | {p.findings} "
                           f"| {p.mfa} |")
        if len(self.pages) > MAX_ROWS:
            out.append(f"| … {len(self.pages) - MAX_ROWS} more not shown | | | | |")
        return out


_SEVERITIES = (Severity.HIGH, Severity.MEDIUM, Severity.LOW)
def _unreadable_tail(verdicts: dict[str, Unreadable]) -> str:
    """The heading's word on unreadable pages: a passing run with one must not read as
    if every page was audited and clean.

    >>> _unreadable_tail({"a": Unreadable.BASELINED, "b": Unreadable.FAILING})
    ' · 2 unreadable (1 failing, 1 accepted by the baseline)'
    >>> _unreadable_tail({"a": Unreadable.BASELINED})
    ' · 1 unreadable, accepted by the baseline'
    """
    if not verdicts:
        return ""
    counts = {v.says: sum(1 for x in verdicts.values() if x is v) for v in Unreadable}
    parts = [f"{n} {v}" for v, n in counts.items() if n]
    n = len(verdicts)
    if len(parts) == 1:
        return f" · {n} unreadable, {next(v for v, c in counts.items() if c)}"
    return f" · {n} unreadable ({', '.join(parts)})"


PAGES_LISTED = 3  # a repeated violation's row names this many of its pages


def _subject(v: Violation) -> tuple[str, str, str]:
    """What a violation is about, whatever page it is on: the clause and its evidence (a
    host, a network, a finding's line-free id); a per-page limit has no evidence, so its
    message (the count) tells one from another."""
    return (v.clause, v.rule_id, v.evidence or v.message)


def _grouped(rows: Sequence[_Row]) -> list[list[_Row]]:
    """Rows of one subject together, groups most severe first, then by clause, then in
    the order the run met them."""
    groups: dict[tuple[str, str, str], list[_Row]] = {}
    for r in rows:
        groups.setdefault(_subject(r.violation), []).append(r)
    return sorted(groups.values(),
                  key=lambda g: (-max(r.violation.severity.rank for r in g), g[0].violation.clause))


def _pages_cell(group: Sequence[_Row]) -> str:
    """One page, or "on N pages: a, b, c, …" for a subject many pages repeat."""
    names = list(dict.fromkeys(r.page for r in group))
    if len(names) == 1:
        return md(names[0])
    shown = ", ".join(md(n) for n in names[:PAGES_LISTED])
    more = ", …" if len(names) > PAGES_LISTED else ""
    return f"on {len(names)} pages: {shown}{more}"


def _sources(page: PageReport) -> tuple[str, ...]:
    lines = [f"archived: {replay_line(page.replay)}"] if page.replay is not None else []
    for source in page.provenance:
        lines.append(f"{source_verb(source)} {source_name(source)}")
        lines += [f"evidence: {evidence_line(e)}" for e in source.evidence]
    return (*lines, *(f"ID {i}" for i in copied_ids(page)))
