"""The bulk summary as terminal tables (rich), JSON, or long-format CSV.

Everything page-derived (sites, hosts, IDs, error messages) goes through `inert` and
is printed as rich Text, never markup, so a page cannot inject escapes or styling.
"""

from __future__ import annotations

import csv
import json
import shlex
from pathlib import Path
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.console import OutputConsole
from auditor.readers.interface import failure_reason
from auditor.report.safe import inert
from auditor.report.wrap import Breakable, chrome, host_columns, longest_piece, network_cells
from auditor.words import counted, percent


def write_summary(summary: dict[str, Any], fmt: str, out: TextIO,
                  width: int | None = None, store: Path | None = None) -> None:
    """`store`: the store the summary was read from, named in the command that resumes an
    unfinished run (a Parquet summary has none)."""
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
            summary, OutputConsole(file=out, width=width, highlight=False, markup=False), store
        )


def _t(value: Any, limit: int = 80) -> Text:
    return Text(inert(str(value) if value is not None else "—", limit=limit))


# One space between columns and none at the edges: room for whole hosts at 80 columns.
_COMPACT: dict[str, Any] = {"box": box.SIMPLE_HEAD, "show_edge": False, "pad_edge": False,
                            "collapse_padding": True}


def _table(title: str, columns: tuple[str, ...], numeric: tuple[str, ...]) -> Table:
    """A summary table: identifiers wrap only between tokens, short labels never wrap."""
    table = Table(title=title, title_justify="left", **_COMPACT)
    for col in columns:
        table.add_column(col, justify="right" if col in numeric else "left",
                         no_wrap=col in numeric or col == "category")
    return table


def _hosts_table(title: str, split: bool) -> Table:
    """The top hosts table; `split`: network and category in columns of their own (else
    one column, the category under the network)."""
    return _table(title, ("host", "network", "category", "pages", "% pages", "sites") if split
                  else ("host", "network · category", "pages", "% pages", "sites"),
                  ("pages", "% pages", "sites"))


def _of(shown: int, total: int | None) -> str:
    return f" (top {shown} of {total})" if total is not None and total > shown else ""


def write_terminal(s: dict[str, Any], console: Console, store: Path | None = None) -> None:
    stored = s.get("pages_in_store", s["pages"])
    pages = (f"{counted(s['pages'], 'page')} from {counted(s['sites'], 'site')}"
             if stored == s["pages"] else
             f"{counted(s['pages'], 'page')}, {stored:,} of them in this store, from "
             f"{counted(s['sites'], 'site')}")
    source = s.get("source")
    if source:  # a dataset knows nothing of skips and failures: never claim "0 failed"
        console.print(Text(f"{pages} in the Parquet dataset {inert(str(source['parquet']))}",
                           style="bold"))
        console.print(Breakable(_t(source["note"], 600)), style="yellow")
    else:
        console.print(Text(
            f"{counted(s['records'], 'record')}: {s['audited']:,} audited, {s['skipped']:,} "
            f"skipped, {s['failed']:,} failed · {pages}", style="bold"))
    if stored < s["pages"]:
        where = ("the Parquet dataset " + ", ".join(s.get("parquet") or [])
                 if s.get("parquet") else "another store")
        console.print(Breakable(_t(
            f"{s['pages'] - stored:,} audited pages are in {where} (written with --parquet), "
            f"not in this store: the tables below count the {stored:,} pages here. Query the "
            "dataset with DuckDB or Spark (docs/BULK.md).", 600)), style="yellow")
    if s["runs"] and s["runs"][0]["status"] != "done":
        console.print(_last_run(s["runs"][0], store), style="yellow")
    if s["networks"]:
        console.print()
        table = _table("Ad and tracker networks" + _of(len(s["networks"]),
                                                       s.get("networks_total")),
                       ("network", "category", "pages", "% pages", "sites", "% sites"),
                       ("pages", "% pages", "sites", "% sites"))
        for n in s["networks"]:
            table.add_row(Breakable(_t(n["network"])), _t(n["category"]), str(n["pages"]),
                          percent(n["share_pages"]), str(n["sites"]), percent(n["share_sites"]))
        console.print(table)
    if s["third_party_hosts"]:
        console.print()
        title = "Top third-party hosts" + _of(len(s["third_party_hosts"]),
                                              s.get("third_party_hosts_total"))
        # Hosts whole where they fit (a host wider than 40 columns breaks at its dots);
        # narrower, the category breaks, then goes under the network, so that the counts
        # stay whole and no column is dropped (wrap.host_columns)
        hosts = s["third_party_hosts"]
        counts = sum(max(len(head), *(len(cell) for cell in cells)) for head, cells in (
            ("pages", [str(h["pages"]) for h in hosts]),
            ("% pages", [percent(h["share_pages"]) for h in hosts]),
            ("sites", [str(h["sites"]) for h in hosts])))
        categories = ["category", *(str(h["category"]) for h in hosts)]
        host_width, category_width = host_columns(
            console.width - chrome(_hosts_table(title, split=True)) - counts,
            console.width - chrome(_hosts_table(title, split=False)) - counts,
            min(40, max(len(h["host"]) for h in hosts)),
            min(12, longest_piece(["network", *(str(h["network"] or "—") for h in hosts)])),
            (max(len(c) for c in categories), longest_piece(categories)))
        table = _hosts_table(title, split=category_width is not None)
        table.columns[0].width = host_width
        if category_width is not None:
            table.columns[2].width = category_width
        for h in hosts:
            network, category = _t(h["network"]), _t(h["category"])
            table.add_row(Breakable(_t(h["host"], 300)),
                          *network_cells(network, category, category_width is not None),
                          str(h["pages"]), percent(h["share_pages"]), str(h["sites"]))
        console.print(table)
    ratio = s["content_to_ad_ratio"]
    console.print()
    console.print(Text(f"Content-to-ad ratio ({ratio['pages_with_ads']:,} pages with ads, "
                       f"{ratio['pages_without_ads']:,} without)", style="italic"))
    table = Table(**_COMPACT)
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
        console.print(Text(", ".join(f"{k} {ratio[k]:.2f}" for k in ("min", "max", "mean")
                                     if ratio[k] is not None)))
    total = s.get("clusters_total", len(s["clusters"]))
    console.print()
    console.print(Text(f"Operator clusters: {total}{_of(len(s['clusters']), total)} (sites "
                       "sharing a monetisation or tracking ID)", style="bold"))
    for i, c in enumerate(s["clusters"], 1):
        _print_item(console, f"{i}. {counted(len(c['sites']), 'site')}: ",
                    _t(", ".join(c["sites"]), 400))
        for ident in c["ids"]:
            who = f"{ident['network']}, " if ident["network"] else ""
            _print_item(console, "   ", _t(f"{ident['kind']} {ident['value']}", 120)
                        + _t(f" ({who}{counted(ident['sites'], 'site')})"))
    _write_copies(s, console)
    if s.get("mfa_sites"):
        console.print()
        console.print(_mfa_table(s["mfa_sites"], s.get("mfa_sites_total")))
    if s.get("skip_reasons"):
        console.print()
        console.print(Text("Skipped records, by reason:", style="bold"))
        for r in s["skip_reasons"]:
            _print_item(console, f"  {r['records']:>6,}  ", _t(r["reason"] or "(no reason)", 200))
    if s["failures"]:
        console.print()
        console.print(Text(f"Failed records (first {len(s['failures'])}):", style="bold"))
        for f in s["failures"]:
            _print_item(console, "  ", _t(_failure_line(f), 400))


def _write_copies(s: dict[str, Any], console: Console) -> None:
    """The IDs that came in with copied articles, and who republishes whom; nothing
    for a crawl where no page names a source."""
    copied = s.get("copied_ids") or []
    if copied:
        total = s.get("copied_ids_total", len(copied))
        console.print()
        console.print(Text(f"Copied IDs: {total}{_of(len(copied), total)} (came in with "
                           "copied articles: never used to join sites)", style="bold"))
        for ident in copied:
            who = f"{ident['network']}, " if ident["network"] else ""
            # a mark always names its source (auditor/provenance/origin.py), and rule 2
            # copies from a named one: a store written by hand may still hold a bare mark
            whence = ", ".join(ident["copied_from"])
            _print_item(console, "   ", _t(f"{ident['kind']} {ident['value']}", 120)
                        + _t(f" from {whence}" if whence else "", 300)
                        + _t(f" ({who}{counted(ident['sites'], 'site')}, "
                             f"{counted(ident['pages'], 'page')})"))
    sources = s.get("republication") or []
    if sources:
        total = s.get("republication_total", len(sources))
        console.print()
        table = _table(f"Republished sources{_of(len(sources), total)}",
                       ("source", "pages", "sites", "republished by"), ("pages", "sites"))
        for r in sources:
            table.add_row(Breakable(_t(r["source"], 300)), str(r["pages"]),
                          str(len(r["sites"])), Breakable(_t(", ".join(r["sites"]), 600)))
        console.print(table)
def _mfa_table(sites: list[dict[str, Any]], total: int | None) -> Table:
    """MFA indicators met per site: a count of indicators, never a verdict."""
    table = _table("MFA scorecard per site (indicators met per page)"
                   + _of(len(sites), total),
                   ("site", "pages", "median", "max", "≥3", "worst page"),
                   ("pages", "median", "max", "≥3"))
    for x in sites:
        worst = x["worst"]
        criteria = ", ".join(worst["criteria"])  # none met: the page alone, not "page ()"
        table.add_row(Breakable(_t(x["site"])), str(x["pages"]), f"{x['median']:g}",
                      str(x["max"]), str(x["pages_meeting_3"]),
                      Breakable(_t(f"{worst['page']} ({criteria})" if criteria
                                   else worst["page"], 300)))
    return table


def _failure_line(failure: dict[str, Any]) -> str:
    """`input: error`, the input once: a reader's error names its record already
    (`crawl.warc.gz#0: record truncated …`), which printed `crawl.warc.gz#0:` twice."""
    name = str(failure["input"])
    return f"{name}: {failure_reason(name, str(failure['error']))}"


def _print_item(console: Console, lead: str, body: Text) -> None:
    """`lead` then `body`, whose wrapped lines stay under its first line."""
    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(lead, Breakable(body))
    console.print(grid)


def _last_run(run: dict[str, Any], store: Path | None = None) -> Text:
    """Why the totals may be partial, and what finishes them, as a command to copy."""
    who = (f"pid {run['pid']} on {run['host']}" if run["pid"] is not None
           else "run by an older auditor")
    done = f"{run['records']} records stored"
    if run["status"] == "running":
        return _t(f"Run {run['id']} is still running ({who}, {done} so far): these totals "
                  "are partial.", 300)
    return _t(f"Run {run['id']} was {run['status']} before it finished ({who}, {done}): "
              f"`auditor bulk --resume --store {shlex.quote(str(store or 'FILE'))}` "
              "finishes it.", 600)


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
    # a Parquet dataset holds audited pages only: say so beside its zero skips and failures
    for key, value in (s.get("source") or {}).items():
        w.writerow(["source", "", key, value])
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
    for ident in s.get("copied_ids", []):
        item = f"{ident['kind']}:{ident['value']}"
        w.writerow(["copied_id", item, "network", ident["network"]])
        w.writerow(["copied_id", item, "pages", ident["pages"]])
        for domain in ident["copied_from"]:
            w.writerow(["copied_id", item, "copied_from", domain])
        for site in ident["site_list"]:
            w.writerow(["copied_id", item, "site", site])
    for r in s.get("republication", []):
        for metric in ("pages", "crawled"):
            w.writerow(["republication", r["source"], metric, r[metric]])
        w.writerow(["republication", r["source"], "evidence", ",".join(r["evidence"])])
        for site in r["sites"]:
            w.writerow(["republication", r["source"], "site", site])
        for x in r.get("site_pages", []):
            w.writerow(["republication", r["source"], f"pages:{x['site']}", x["pages"]])
    for x in s.get("mfa_sites", []):
        for metric in ("pages", "median", "max", "pages_meeting_3"):
            w.writerow(["mfa_site", x["site"], metric, x[metric]])
        w.writerow(["mfa_site", x["site"], "worst_page", x["worst"]["page"]])
        for criterion, pages in x["criteria"].items():
            w.writerow(["mfa_site", x["site"], f"pages_meeting:{criterion}", pages])
    for r in s.get("skip_reasons", []):
        w.writerow(["skipped", r["reason"], "records", r["records"]])
    for i, f in enumerate(s.get("failures", []), 1):
        for metric in ("input", "kind", "error"):
            w.writerow(["failure", i, metric, f[metric]])
    for run in s["runs"]:
        for metric in ("status", "started", "finished", "pid", "host", "resumes", "records"):
            w.writerow(["run", run["id"], metric, run[metric]])
