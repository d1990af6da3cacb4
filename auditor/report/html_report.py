"""A self-contained HTML report: one file, no scripts, no remote assets, a strict CSP.

It streams: `start` writes the document head, `handle` one section per page (page map,
content-versus-ads chart, tables) as the page arrives, and `finished` the run's header
and the index of pages, which CSS `order` shows first. Page-derived text goes through
`esc` (html/markup.py) only; URLs are shown as text, never as links, so opening the
report fetches nothing a hostile page names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from auditor.catalogue import CATALOGUE_LIST
from auditor.metrics import AD_CATEGORIES, TRACKER_CATEGORIES
from auditor.model import (
    ListInfo,
    PageReport,
    RequestType,
    Resource,
    Severity,
    Violation,
)
from auditor.report.figures import Unreadable, ad_area, criteria_met, unreadable_verdict
from auditor.report.html import svg
from auditor.report.html.markup import (
    Safe,
    anchor,
    esc,
    esc_list,
    head,
    legend,
    table,
    text_row,
)
from auditor.report.interface import RunSummary
from auditor.report.provenance import (
    evidence_line,
    origin_note,
    replay_line,
    source_name,
    source_verb,
)
from auditor.words import counted

_MAP_KEY = [("k-page", "page markup (by line count)"), ("k-ad", "ad slot (declared size)"),
            ("k-promo", "promotional block"), ("k-iframe", "iframe"),
            ("k-tracker", "tracker"), ("k-loader", "ad loader script")]


def _map_class(r: Resource) -> str | None:
    """Which resources the page map draws: iframes, trackers and ad loaders (a connection
    hint loads nothing: it is none of them)."""
    if r.hint:
        return None
    if r.type is RequestType.SUBDOCUMENT:
        return "k-iframe"
    if r.category in TRACKER_CATEGORIES:
        return "k-tracker"
    if r.category in AD_CATEGORIES:
        return "k-loader"
    return None


_WHAT = {"k-iframe": "iframe", "k-tracker": "tracker", "k-loader": "ad loader"}


@dataclass(frozen=True, slots=True)
class _IndexRow:
    """What the index keeps of a page once its section is written."""

    anchor: str
    label: str
    verdict: str  # pass, fail, error, allowed, baselined (unreadable, let by), none
    slots: int
    hosts: int
    findings: tuple[int, int, int]  # high, medium, low
    mfa: str = ""  # "3/10": MFA indicators met of judged


def _verdict(page: PageReport, violations: Sequence[Violation], gated: bool) -> str:
    let_by = unreadable_verdict(page, violations) if gated else None
    if page.errors:  # a run that passed shows no page in red: say why the gate let it by
        return "error" if let_by in (None, Unreadable.FAILING) else let_by.value
    if not gated:
        return "none"
    return "fail" if any(not v.baselined for v in violations) else "pass"


_BADGE = {"pass": "PASS", "fail": "FAIL", "error": "ERROR", "none": "NOT GATED",
          "allowed": "UNREADABLE (ALLOWED)", "baselined": "UNREADABLE (BASELINED)"}


def _badge(verdict: str) -> Safe:
    cls = {"pass": "pass", "fail": "fail", "error": "fail"}.get(verdict, "")
    return Safe(f"<span class=\"badge {cls}\">{_BADGE[verdict]}</span>")


def _by_severity(page: PageReport) -> tuple[int, int, int]:
    count = {s: 0 for s in Severity}
    for f in page.findings:
        count[f.severity] += 1
    return count[Severity.HIGH], count[Severity.MEDIUM], count[Severity.LOW]


def content_chart(page: PageReport) -> Safe:
    """Editorial text against ad markup, from the page's own metric fields."""
    m = page.metrics
    shares = m.shares
    if shares is None:
        return Safe("<p class=\"dim\">No editorial text and no ad markup measured.</p>")
    chart = svg.share_bar(
        [svg.Part("text chars", shares[0], "k-content"),
         svg.Part("ad markup bytes", shares[1], "k-ad")],
        f"editorial text {m.content_chars:,} chars against ad markup "
        f"{m.ad_markup_bytes:,} bytes")
    ratio = "n/a (no ads)" if m.content_to_ad_ratio is None else f"{m.content_to_ad_ratio:.2f}"
    # what each figure measures, so neither reads as contradicting the MFA scorecard's
    # ad-to-content (estimated screen area) and ad-density (mobile units only)
    words = (f" · {m.ad_units_per_1000_words:.1f} ad slots per 1,000 editorial words "
             "(every slot found, any device)"
             if m.ad_units_per_1000_words is not None else "")
    key = legend([("k-content", f"editorial text {m.content_chars:,} chars"),
                  ("k-ad", f"ad markup {m.ad_markup_bytes:,} bytes")])
    return Safe(
        f"<figure>{chart}{key}"
        f"<figcaption>Shares by size (text characters against ad markup bytes), not by "
        f"screen area. content:ad <b>{esc(ratio)}</b> · ad area "
        f"{esc(ad_area(m.ad_area_px, page.slots))} · "
        f"{counted(m.ad_resources, 'ad resource')} · "
        f"{counted(m.tracker_resources, 'tracker resource')}{esc(words)} · "
        f"{m.ad_slots_in_body} of {m.ad_slots} slots in the article body</figcaption></figure>")


def map_blocks(page: PageReport, p: str) -> list[svg.Block]:
    """What the page map draws, in document order, from the report model alone (slot and
    resource lines; the page is not parsed again). Resources of one kind in a row, with
    no slot between them, become one block."""
    slots = []
    for i, s in enumerate(page.slots, 1):
        label = " ".join(x for x in (s.network or s.kind, s.zone_id, s.size) if x)
        slots.append(svg.Block(s.line, s.line, "k-ad" if s.kind == "ad" else "k-promo", label,
                               f"{label} · line {s.line} · {s.xpath}", f"{p}-slot-{i}",
                               s.width, s.height))
    found = [(r.line, i, r, c) for i, r in enumerate(page.resources, 1)
             if (c := _map_class(r)) is not None]
    events: list[tuple[int, int, svg.Block | tuple[int, Resource, str]]] = sorted(
        [(b.line, 0, b) for b in slots] + [(line, 1, (i, r, c)) for line, i, r, c in found],
        key=lambda e: (e[0], e[1]))
    out: list[svg.Block] = []
    run: list[tuple[int, Resource, str]] = []

    def flush() -> None:
        if run:
            i, first, cls = run[0]
            hosts = list(dict.fromkeys(r.host for _, r, _ in run))
            what = _WHAT[cls] if len(run) == 1 else f"{len(run)} {_WHAT[cls]}s"
            more = f" and {len(hosts) - 2} more" if len(hosts) > 2 else ""
            label = f"{what} {', '.join(hosts[:2])}{more}"
            out.append(svg.Block(first.line, run[-1][1].line, cls, label,
                                 f"{label} · lines {first.line}–{run[-1][1].line}",
                                 f"{p}-res-{i}"))
            run.clear()

    for _, _, item in events:
        if isinstance(item, svg.Block):
            flush()
            out.append(item)
            continue
        if run and run[-1][2] != item[2]:
            flush()
        run.append(item)
    flush()
    return out


def mfa_table(page: PageReport) -> Safe:
    """The MFA scorecard, row by row: value, threshold and its source, basis, and the
    evidence (page-derived, escaped)."""
    card = page.mfa
    if card is None:
        return Safe("")
    mark = {True: "<span class=\"tok high\">met</span>", False: "not met",
            None: "<span class=\"dim\">unknowable</span>"}
    rows = [Safe(
        f"<tr><td class=\"tok\">{esc(i.criterion)}</td><td>{mark[i.met]}</td>"
        f"<td class=\"txt\">{esc(i.value, limit=200)}</td>"
        f"<td class=\"txt\">{esc(i.threshold, limit=300)}</td>"
        f"<td class=\"tok\">{esc(i.source)}</td><td class=\"tok\">{esc(i.basis.value)}</td>"
        f"<td class=\"txt\">{esc(i.evidence, limit=600)}</td></tr>\n")
        for i in card.indicators]
    met = criteria_met(card)
    listed = f" Met: {esc(', '.join(met))}." if met else ""
    return Safe(f"<h3>MFA scorecard</h3><p>{esc(card.summary)}.{listed} A count of the industry's "
                "made-for-advertising indicators a saved page can show; not a verdict "
                "(docs/MFA.md).</p>" + table(
                    [("Criterion", ""), ("Met", ""), ("Value", ""), ("Threshold", ""),
                     ("Source", ""), ("Basis", ""), ("Evidence", "")], rows))


TOP_FINDINGS = 6


def _top_findings(page: PageReport, p: str) -> Safe:
    """The medium and high findings (else the low ones), worst first, beside the map,
    each linked to its row."""
    if not page.findings:
        return Safe("")
    order = sorted(enumerate(page.findings, 1), key=lambda x: (-x[1].severity.rank, x[0]))
    shown = [x for x in order if x[1].severity is not Severity.LOW] or order
    items = "".join(
        f"<li><span class=\"tok {f.severity.value}\">{f.severity.value}</span> "
        f"<a href=\"#{anchor(f'{p}-find-{i}')}\">{esc(f.kind)}</a> "
        f"{esc(f.message, limit=160)}</li>" for i, f in shown[:TOP_FINDINGS])
    rest = len(order) - min(len(shown), TOP_FINDINGS)
    more = f"<p class=\"dim\">and {rest} more below.</p>" if rest else ""
    return Safe(f"<h3>Top findings</h3><ul class=\"top-findings\">{items}</ul>{more}")


class HtmlReporter:
    """Streams one HTML document: head on start, a section per page, header and index
    at the end (shown first)."""

    def __init__(self, out: TextIO, version: str, *, gated: bool = False) -> None:
        self.out = out
        self.version = version
        self.gated = gated
        self.lists: tuple[ListInfo, ...] = ()
        self.index: list[_IndexRow] = []

    def start(self, lists: Sequence[ListInfo]) -> None:
        self.lists = tuple(lists)
        self.out.write(head("auditor report"))

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        n = len(self.index) + 1
        p = f"p{n}"
        verdict = _verdict(page, violations, self.gated)
        self.index.append(_IndexRow(p, page.title or page.url or page.input, verdict,
                                    page.metrics.ad_slots, page.metrics.third_party_hosts,
                                    _by_severity(page),
                                    f"{page.mfa.met}/{page.mfa.judged}" if page.mfa else ""))
        w = self.out.write
        w(f"<section class=\"page\" id=\"{anchor(p)}\">\n")
        w(f"<h2>{esc(page.title or page.url or page.input, limit=300)}</h2>\n")
        w(self._page_verdict(page, verdict, violations))
        w("<dl class=\"facts\">")
        for label, value in (("URL", page.url), ("first party", page.first_party),
                             ("input", f"{page.input} ({page.kind})"), ("title", page.title)):
            if value:
                w(f"<dt>{label}</dt><dd>{esc(value, limit=2000)}</dd>")
        if page.replay is not None:  # audited as the original the archive's copy replays
            w(f"<dt>archived</dt><dd>{esc(replay_line(page.replay), limit=2000)}</dd>")
        for source in page.provenance:  # what the page copies, with the evidence
            w(f"<dt>{source_verb(source)}</dt><dd>{esc(source_name(source), limit=2000)}<ul>"
              + "".join(f"<li>{esc(evidence_line(e), limit=400)}</li>" for e in source.evidence)
              + "</ul></dd>")
        w("</dl>\n")
        let_by = {"allowed": Unreadable.ALLOWED, "baselined": Unreadable.BASELINED}.get(verdict)
        for error in page.errors:
            w(f"<p class=\"fail\">error: {esc(error, limit=2000)}</p>\n" if let_by is None else
              f"<p>unreadable, {esc(let_by.says)}: {esc(error, limit=2000)}</p>\n")
        for note in page.notes:
            w(f"<p class=\"dim\">note: {esc(note, limit=2000)}</p>\n")
        w(self._overview(page, p))
        w(self._slots(page, p))
        w(self._resources(page, p))
        w(self._hosts(page))
        w(self._networks(page))
        w(self._ids(page))
        w(self._findings(page, p))
        w(mfa_table(page))
        if self.gated:
            w(self._violations(violations))
        w("</section>\n")

    def finished(self, summary: RunSummary) -> None:
        w = self.out.write
        w(self._header(summary))
        if len(self.index) > 1:
            w(self._index())
        lists = ", ".join(
            f"{esc(li.name)} ({li.rules:,} {'entries' if li.name == CATALOGUE_LIST else 'rules'}"
            f", sha256 {esc(li.sha256[:12])})" for li in self.lists)
        w(f"<footer>auditor {esc(self.version)} · lists: {lists or 'none'}</footer>\n"
          "</body></html>\n")

    # -- the pieces -------------------------------------------------------------------

    def _page_verdict(self, page: PageReport, verdict: str,
                      violations: Sequence[Violation]) -> Safe:
        m = page.metrics
        high, medium, low = _by_severity(page)
        networks = list(dict.fromkeys(s.network for s in page.slots if s.network))
        open_ = sum(1 for v in violations if not v.baselined)
        noun = ("ad slot" if any(s.kind == "ad" for s in page.slots) or not page.slots
                else "promotional block")
        items = [f"<li><b>{m.ad_slots:,}</b> {esc(noun)}{'s' if m.ad_slots != 1 else ''}"
                 + (f" ({esc_list(networks, limit=160)})" if networks else "") + "</li>",
                 f"<li><b>{m.third_party_hosts:,}</b> third-party "
                 f"host{'s' if m.third_party_hosts != 1 else ''}</li>",
                 f"<li><b>{len(page.findings):,}</b> finding"
                 f"{'s' if len(page.findings) != 1 else ''}"
                 + (f" (<span class=\"high\">{high} high</span>, {medium} medium, {low} low)"
                    if page.findings else "") + "</li>"]
        if m.content_to_ad_ratio is not None:
            items.append(f"<li>content:ad <b>{m.content_to_ad_ratio:.2f}</b></li>")
        if page.mfa is not None:
            met = criteria_met(page.mfa)
            items.append(f"<li>MFA scorecard: <b>{page.mfa.met}</b> of {page.mfa.judged} "
                         "indicators" + (f": {esc(', '.join(met))}" if met else "") + "</li>")
        if self.gated:
            items.append(f"<li><b>{open_}</b> policy violation{'s' if open_ != 1 else ''}</li>")
        cls = {"pass": "pass", "fail": "fail", "error": "fail"}.get(verdict, "")
        return Safe(f"<div class=\"verdict {cls}\">{_badge(verdict)}<ul class=\"counts\">"
                    + "".join(items) + "</ul></div>\n")

    def _overview(self, page: PageReport, p: str) -> Safe:
        m = page.metrics
        blocks = map_blocks(page, p)
        if blocks:
            drawn = svg.page_map(
                blocks, "page map: where ads, iframes and trackers sit in the page",
                content_label=f"editorial text on the page: {m.content_chars:,} chars")
            key = legend([(c, t) for c, t in _MAP_KEY
                          if c == "k-page" or any(b.cls == c for b in blocks)])
            figure = (f"<figure>{drawn}{key}<figcaption>Top to bottom in document order; "
                      "a block links to its row.</figcaption></figure>")
        else:
            figure = "<p class=\"dim\">No ad slots, iframes or trackers to place.</p>"
        return Safe(f"<div class=\"overview\"><div><h3>Page map</h3>{figure}</div>"
                    f"<div><h3>Text versus ad markup</h3>{content_chart(page)}"
                    f"{_top_findings(page, p)}</div></div>\n")

    def _slots(self, page: PageReport, p: str) -> Safe:
        if not page.slots:
            return Safe("")
        rows = [Safe(
            f"<tr id=\"{anchor(f'{p}-slot-{i}')}\"><td class=\"n\">{s.line}</td>"
            f"<td class=\"tok\">{esc(s.network or s.company or '—')}</td>"
            f"<td class=\"tok\">{esc(s.kind)}</td>"
            f"<td class=\"tok\">{esc(s.zone_id or '')}</td><td class=\"tok\">{s.size}</td>"
            f"<td class=\"n\">{s.markup_bytes:,}</td>"
            f"<td class=\"rule\"><code>{esc(s.rule or '', limit=300)}</code> "
            f"<span class=\"dim tok\">{esc(s.list or '')}</span></td>"
            f"<td class=\"url\"><code>{esc(s.xpath, limit=300)}</code>"
            + (f"<br>{esc(s.text, limit=300)}" if s.text else "") + "</td></tr>\n")
            for i, s in enumerate(page.slots, 1)]
        return Safe("<h3>Ad slots</h3>" + table(
            [("Line", "n"), ("Network", ""), ("Kind", ""), ("Zone", ""), ("Size", ""),
             ("Bytes", "n"), ("Found by", ""), ("Where", "")], rows))

    def _resources(self, page: PageReport, p: str) -> Safe:
        rows = [Safe(
            f"<tr id=\"{anchor(f'{p}-res-{i}')}\"><td class=\"n\">{r.line}</td>"
            f"<td class=\"tok\">{_WHAT[c]}</td><td class=\"tok\">{esc(r.host)}</td>"
            f"<td class=\"tok\">{esc(r.network or r.company or '—')}</td>"
            f"<td class=\"tok\">{esc(r.category.value if r.category else '')}</td>"
            f"<td class=\"rule\">{'blocked' if r.blocked else ''} "
            f"<code>{esc(r.rule or '', limit=300)}</code></td>"
            f"<td class=\"url\"><code>{esc(r.url, limit=400)}</code></td></tr>\n")
            for i, r in enumerate(page.resources, 1) if (c := _map_class(r)) is not None]
        if not rows:
            return Safe("")
        return Safe("<h3>Iframes, trackers and ad loaders</h3>" + table(
            [("Line", "n"), ("What", ""), ("Host", ""), ("Network / company", ""),
             ("Category", ""), ("Rule", ""), ("URL", "")], rows))

    def _hosts(self, page: PageReport) -> Safe:
        if not page.third_party_hosts:
            return Safe("")
        rows = [text_row(h.host, h.network or h.company or "—", h.category.value, h.resources,
                         h.blocked) for h in page.third_party_hosts]
        return Safe("<h3>Third-party hosts</h3>" + table(
            [("Host", ""), ("Network / company", ""), ("Category", ""),
             ("Resources", "n"), ("Blocked", "n")], rows))

    def _networks(self, page: PageReport) -> Safe:
        if not page.networks:
            return Safe("")
        rows = [text_row(n.network, n.company or "—", n.category.value, n.shown,
                         n.resources, n.slots, n.ids) for n in page.networks]
        return Safe("<h3>Networks on the page</h3>" + table(
            [("Network", ""), ("Company", ""), ("Category", ""), ("Seen as", ""),
             ("Resources", "n"), ("Slots", "n"), ("IDs", "n")], rows))

    def _ids(self, page: PageReport) -> Safe:
        if not page.ids:
            return Safe("")
        rows = [Safe(f"<tr><td class=\"tok\">{esc(i.kind)}</td><td class=\"tok\"><code>"
                     f"{esc(i.value, limit=200)}</code></td>"
                     f"<td class=\"tok\">{esc(i.network or '—')}</td>"
                     f"<td class=\"tok\">{esc(origin_note(i) or 'operator')}</td></tr>\n")
                for i in page.ids]
        return Safe("<h3>Monetisation and tracking IDs</h3>" + table(
            [("Kind", ""), ("ID", ""), ("Network", ""), ("Origin", "")], rows))

    def _findings(self, page: PageReport, p: str) -> Safe:
        if not page.findings:
            return Safe("<h3>Findings</h3><p>No findings.</p>\n")
        order = sorted(enumerate(page.findings, 1), key=lambda x: (-x[1].severity.rank, x[0]))
        rows = [Safe(
            f"<tr id=\"{anchor(f'{p}-find-{i}')}\"><td class=\"tok {f.severity.value}\">"
            f"{f.severity.value}</td><td class=\"n\">{f.line}</td>"
            f"<td class=\"tok\">{esc(f.kind)}</td><td class=\"txt\">{esc(f.message, limit=600)}"
            "</td><td class=\"url\">"
            + (f"<code>{esc(f.evidence, limit=400)}</code>" if f.evidence else "")
            + (f"<br><span class=\"dim\">{esc(f.xpath, limit=300)}</span>" if f.xpath else "")
            + "</td></tr>\n") for i, f in order]
        return Safe("<h3>Findings</h3>" + table(
            [("Severity", ""), ("Line", "n"), ("Kind", ""), ("Finding", ""),
             ("Evidence", "")], rows))

    def _violations(self, violations: Sequence[Violation]) -> Safe:
        if not violations:
            return Safe("<h3>Policy</h3><p>No policy violations.</p>\n")
        rows = [Safe(
            "<tr><td class=\"tok\">"
            + ("baselined" if v.baselined else "<span class=\"badge fail\">FAIL</span>")
            + f"</td><td class=\"n\">{v.line}</td><td class=\"tok\">{esc(v.clause)}</td>"
            f"<td class=\"txt\">{esc(v.message, limit=600)}</td></tr>\n") for v in violations]
        return Safe("<h3>Policy</h3>" + table(
            [("", ""), ("Line", "n"), ("Clause", ""), ("Violation", "")], rows))

    def _header(self, s: RunSummary) -> Safe:
        if s.gated:
            verdict = "pass" if s.passed else "fail"
            headline = ("Policy passed" if s.passed else
                        f"Policy failed: {counted(s.violations, 'violation')}")
        else:
            verdict, headline = "none", "No policy applied"
        slots = sum(r.slots for r in self.index)
        high = sum(r.findings[0] for r in self.index)
        findings = sum(sum(r.findings) for r in self.index)
        counts = [f"<b>{s.pages:,}</b> page{'s' if s.pages != 1 else ''} audited",
                  f"<b>{slots:,}</b> ad slot{'s' if slots != 1 else ''}",
                  f"<b>{findings:,}</b> finding{'s' if findings != 1 else ''}"
                  + (f" (<span class=\"high\">{high} high</span>)" if high else "")]
        if s.skipped:
            counts.append(f"<b>{s.skipped:,}</b> skipped")
        if s.errors:
            counts.append(f"<b class=\"fail\">{s.errors:,}</b> with errors")
        cls = {"pass": "pass", "fail": "fail"}.get(verdict, "")
        return Safe(
            f"<header class=\"top\"><h1>auditor report</h1><div class=\"verdict {cls}\">"
            f"{_badge(verdict)}<b class=\"{cls}\">{esc(headline)}</b><ul class=\"counts\">"
            + "".join(f"<li>{c}</li>" for c in counts) + "</ul></div></header>\n")

    def _index(self) -> Safe:
        rows = [Safe(
            f"<tr><td class=\"n\">{i}</td><td class=\"tok\">{_badge(r.verdict)}</td>"
            f"<td class=\"txt\"><a href=\"#{anchor(r.anchor)}\">{esc(r.label, limit=200)}</a></td>"
            f"<td class=\"n\">{r.slots}</td><td class=\"n\">{r.hosts}</td>"
            f"<td class=\"n{' high' if r.findings[0] else ''}\">{r.findings[0]}</td>"
            f"<td class=\"n\">{r.findings[1]}</td>"
            f"<td class=\"n\">{r.findings[2]}</td><td class=\"n\">{esc(r.mfa)}</td></tr>\n")
            for i, r in enumerate(self.index, 1)]
        return Safe("<nav class=\"index\"><h3>Pages</h3>" + table(
            [("#", "n"), ("Verdict", ""), ("Page", ""), ("Ad slots", "n"),
             ("3rd-party hosts", "n"), ("High", "n"), ("Medium", "n"), ("Low", "n"),
             ("MFA", "n")], rows)
            + "</nav>\n")
