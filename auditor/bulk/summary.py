"""The bulk summary as terminal tables (rich), JSON, or long-format CSV.

Everything page-derived (sites, hosts, IDs, error messages) goes through `inert` and
is printed as rich Text, never markup, so a page cannot inject escapes or styling.
"""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.console import OutputConsole
from auditor.report.safe import inert


def write_summary(summary: dict[str, Any], fmt: str, out: TextIO,
                  width: int | None = None) -> None:
    if fmt == "json":
        json.dump(summary, out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif fmt == "csv":
        write_csv(summary, out)
    elif fmt == "html":
        from auditor.report.html.dashboard import write_dashboard

        write_dashboard(summary, out)
    else:
        write_terminal(
            summary, OutputConsole(file=out, width=width, highlight=False, markup=False)
        )


def _t(value: Any, limit: int = 80) -> Text:
    return Text(inert(str(value) if value is not None else "—", limit=limit))


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def write_terminal(s: dict[str, Any], console: Console) -> None:
    console.print(Text(
        f"{s['records']} records: {s['audited']} audited, {s['skipped']} skipped, "
        f"{s['failed']} failed · {s['pages']} pages from {s['sites']} sites", style="bold"))
    if s["runs"] and s["runs"][0]["status"] != "done":
        console.print(_last_run(s["runs"][0]), style="yellow")
    if s["networks"]:
        table = Table(title="Ad and tracker networks", title_justify="left")
        for col in ("network", "category", "pages", "% pages", "sites", "% sites"):
            table.add_column(col, justify="right" if col not in ("network", "category")
                             else "left")
        for n in s["networks"]:
            table.add_row(_t(n["network"]), _t(n["category"]), str(n["pages"]),
                          _pct(n["share_pages"]), str(n["sites"]), _pct(n["share_sites"]))
        console.print(table)
    if s["third_party_hosts"]:
        table = Table(title="Top third-party hosts", title_justify="left")
        for col in ("host", "network", "category", "pages", "% pages", "sites"):
            table.add_column(col, justify="right" if col in ("pages", "% pages", "sites")
                             else "left")
        for h in s["third_party_hosts"]:
            table.add_row(_t(h["host"]), _t(h["network"]), _t(h["category"]), str(h["pages"]),
                          _pct(h["share_pages"]), str(h["sites"]))
        console.print(table)
    ratio = s["content_to_ad_ratio"]
    table = Table(title=f"Content-to-ad ratio ({ratio['pages_with_ads']} pages with ads, "
                  f"{ratio['pages_without_ads']} without)", title_justify="left")
    table.add_column("ratio")
    table.add_column("pages", justify="right")
    table.add_column("")
    most = max((b["pages"] for b in ratio["histogram"]), default=0) or 1
    for b in ratio["histogram"]:
        label = f"{b['low']:g}–{b['high']:g}" if b["high"] is not None else f"≥ {b['low']:g}"
        table.add_row(label, str(b["pages"]), "█" * round(30 * b["pages"] / most))
    console.print(table)
    q = ratio["quantiles"]
    if ratio["pages_with_ads"]:
        console.print(Text("quantiles: " + ", ".join(
            f"{k} {v:.2f}" for k, v in q.items() if v is not None)))
    console.print(Text(f"Operator clusters: {len(s['clusters'])} (sites sharing a "
                       "monetisation or tracking ID)", style="bold"))
    for i, c in enumerate(s["clusters"], 1):
        console.print(Text(f"{i}. {len(c['sites'])} sites: ") + _t(", ".join(c["sites"]), 400))
        for ident in c["ids"]:
            console.print(Text("   ") + _t(f"{ident['kind']} {ident['value']}", 120)
                          + Text(f" ({ident['network'] or '?'}, {ident['sites']} sites)"))
    if s["failures"]:
        console.print(Text(f"Failed records (first {len(s['failures'])}):", style="bold"))
        for f in s["failures"]:
            console.print(Text("  ") + _t(f["error"], 200))


def _last_run(run: dict[str, Any]) -> Text:
    """Why the totals may be partial, and what finishes them."""
    who = (f"pid {run['pid']} on {run['host']}" if run["pid"] is not None
           else "run by an older auditor")
    done = f"{run['records']} records stored"
    if run["status"] == "running":
        return _t(f"Run {run['id']} is still running ({who}, {done} so far): these totals "
                  "are partial.", 300)
    return _t(f"Run {run['id']} was {run['status']} before it finished ({who}, {done}): "
              "`auditor bulk --store FILE --resume` finishes it.", 300)


class _SafeWriter:
    """A csv writer whose text cells cannot run as spreadsheet formulas."""

    def __init__(self, out: TextIO) -> None:
        self._w = csv.writer(out)

    def writerow(self, row: list[Any]) -> None:
        self._w.writerow([csv_cell(v) for v in row])


def csv_cell(value: Any) -> Any:
    """A page-derived text cell made inert for spreadsheets (OWASP CSV injection):
    one starting with `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe, and
    control characters are shown as escapes.

    >>> csv_cell("=cmd|' /C calc'!A0"), csv_cell(-1.5), csv_cell("ok")
    ("'=cmd|' /C calc'!A0", -1.5, 'ok')
    """
    if not isinstance(value, str):
        return value
    value = inert(value)
    return "'" + value if value[:1] in _FORMULA_STARTS else value


_FORMULA_STARTS = frozenset("=+-@\t\r")


def write_csv(s: dict[str, Any], out: TextIO) -> None:
    """Long format, one fact a row: section, item, metric, value (loads into any tool)."""
    w = _SafeWriter(out)
    w.writerow(["section", "item", "metric", "value"])
    for key in ("records", "audited", "skipped", "failed", "pages", "sites"):
        w.writerow(["totals", "", key, s[key]])
    for n in s["networks"]:
        for metric in ("category", "pages", "share_pages", "sites", "share_sites"):
            w.writerow(["network", n["network"], metric, n[metric]])
    for h in s["third_party_hosts"]:
        for metric in ("domain", "network", "category", "pages", "share_pages", "sites"):
            w.writerow(["host", h["host"], metric, h[metric]])
    ratio = s["content_to_ad_ratio"]
    for metric in ("pages_with_ads", "pages_without_ads", "min", "max", "mean"):
        w.writerow(["content_to_ad_ratio", "", metric, ratio[metric]])
    for name, value in ratio["quantiles"].items():
        w.writerow(["content_to_ad_ratio", name, "quantile", value])
    for b in ratio["histogram"]:
        label = f"[{b['low']:g},{b['high']:g})" if b["high"] is not None else f"[{b['low']:g},)"
        w.writerow(["content_to_ad_ratio", label, "pages", b["pages"]])
    for i, c in enumerate(s["clusters"], 1):
        for site in c["sites"]:
            w.writerow(["cluster", i, "site", site])
        for ident in c["ids"]:
            w.writerow(["cluster", i, "id", f"{ident['kind']}:{ident['value']}"])
    for run in s["runs"]:
        for metric in ("status", "started", "finished", "pid", "host", "resumes", "records"):
            w.writerow(["run", run["id"], metric, run[metric]])
