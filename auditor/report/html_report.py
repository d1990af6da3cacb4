"""A self-contained HTML report (one file, no scripts, no remote assets).

Every page-derived string goes through `html.escape` after `inert()`; URLs are shown
as text, never as links, so opening the report fetches nothing from a hostile page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TextIO

from auditor.model import ListInfo, PageReport, Violation
from auditor.report.interface import RunSummary
from auditor.report.safe import inert

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border-bottom:1px solid #eee;
padding:.2rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.high{color:#b00;font-weight:bold}.medium{color:#a60}.low{color:#06a}.fail{color:#b00}
.bar{display:flex;height:.8rem;width:24rem}.c{background:#3a3}.a{background:#c33}
code{font-size:.9em}.dim{color:#777}
"""


def _e(value: object) -> str:
    return html.escape(inert("" if value is None else str(value)), quote=True)


class HtmlReporter:
    """Streams one HTML document: head on start, a section per page, summary at the end."""

    def __init__(self, out: TextIO, version: str, *, gated: bool = False) -> None:
        self.out = out
        self.version = version
        self.gated = gated

    def start(self, lists: Sequence[ListInfo]) -> None:
        lists_text = ", ".join(f"{_e(li.name)} ({li.rules:,} rules, sha256 {_e(li.sha256[:12])})"
                               for li in lists)
        self.out.write(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">"
            f"<title>auditor report</title><style>{_STYLE}</style></head><body>\n"
            f"<h1>auditor {_e(self.version)} report</h1>\n<p class=\"dim\">lists: "
            f"{lists_text or 'none'}</p>\n"
        )

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        m = page.metrics
        w = self.out.write
        w(f"<h2>{_e(page.url or page.input)}</h2>\n<p>first party <b>{_e(page.first_party)}</b>"
          f" · input <code>{_e(page.input)}</code> ({_e(page.kind)})")
        if page.title:
            w(f"<br>title: {_e(page.title)}")
        w("</p>\n")
        for error in page.errors:
            w(f"<p class=\"fail\">error: {_e(error)}</p>\n")
        ratio = "n/a" if m.content_to_ad_ratio is None else f"{m.content_to_ad_ratio:.2f}"
        content, ads = m.shares or (0.0, 0.0)
        w(f"<p>{m.ad_slots} ad slots · {m.third_party_hosts} third-party hosts · content "
          f"{m.content_chars:,} chars · ad markup {m.ad_markup_bytes:,} bytes · content:ad "
          f"{ratio} · ad area {m.ad_area_px:,} px²</p>\n<div class=\"bar\">"
          f"<div class=\"c\" style=\"flex:{content:.3f}\"></div>"
          f"<div class=\"a\" style=\"flex:{ads:.3f}\"></div></div>\n")
        if page.slots:
            w("<table><tr><th>Network</th><th>Kind</th><th>Zone</th><th>Size</th><th>Line</th>"
              "<th>Rule</th></tr>\n")
            for s in page.slots:
                size = f"{s.width or '?'}×{s.height or '?'}" if s.width or s.height else ""
                w(f"<tr><td>{_e(s.network)}</td><td>{_e(s.kind)}</td><td>{_e(s.zone_id)}</td>"
                  f"<td>{size}</td><td>{s.line}</td><td><code>{_e(s.rule)}</code> "
                  f"<span class=\"dim\">{_e(s.list)}</span></td></tr>\n")
            w("</table>\n")
        if page.third_party_hosts:
            w("<table><tr><th>Host</th><th>Network / company</th><th>Category</th>"
              "<th>Resources</th><th>Blocked</th></tr>\n")
            for h in page.third_party_hosts:
                w(f"<tr><td>{_e(h.host)}</td><td>{_e(h.network or h.company)}</td>"
                  f"<td>{_e(h.category.value)}</td><td>{h.resources}</td><td>{h.blocked}</td>"
                  "</tr>\n")
            w("</table>\n")
        if page.ids:
            ids = ", ".join(f"{_e(i.kind)} <code>{_e(i.value)}</code>" for i in page.ids)
            w(f"<p>IDs: {ids}</p>\n")
        if page.findings:
            w("<table><tr><th>Severity</th><th>Line</th><th>Finding</th></tr>\n")
            for f in page.findings:
                w(f"<tr><td class=\"{f.severity.value}\">{f.severity.value}</td><td>{f.line}</td>"
                  f"<td><b>{_e(f.kind)}</b> {_e(f.message)}</td></tr>\n")
            w("</table>\n")
        if self.gated and violations:
            w("<table><tr><th></th><th>Line</th><th>Clause</th><th>Violation</th></tr>\n")
            for v in violations:
                mark = "baselined" if v.baselined else "<span class=\"fail\">FAIL</span>"
                w(f"<tr><td>{mark}</td><td>{v.line}</td><td>{_e(v.clause)}</td>"
                  f"<td>{_e(v.message)}</td></tr>\n")
            w("</table>\n")

    def finished(self, summary: RunSummary) -> None:
        verdict = ""
        if summary.gated:
            verdict = " · policy " + ("passed" if summary.passed else
                                      f"<span class=\"fail\">FAILED ({summary.violations})</span>")
        self.out.write(f"<p class=\"dim\">{summary.pages} pages audited, {summary.skipped} "
                       f"skipped, {summary.errors} with errors{verdict}</p>\n</body></html>\n")
