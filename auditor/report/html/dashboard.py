"""The bulk dashboard (`auditor report --store FILE --format html`): the bulk summary
(auditor/bulk/aggregate.py, schema auditor.bulk/1) drawn as one self-contained page.

It reads only the summary's plain data, so whatever the summary is built from (a store,
a Parquet dataset) draws the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TextIO

from auditor.readers.interface import failure_reason
from auditor.report.html import svg
from auditor.report.html.markup import Safe, anchor, esc, esc_list, head, legend, table
from auditor.words import counted, noun_for, percent

GRAPH_CLUSTERS = 15  # the largest clusters drawn; the table lists them all
CHART_ROWS = 20  # bars in a chart; its table, folded under it, lists every row


def _bin_label(b: Mapping[str, Any]) -> str:
    return f"{b['low']:g}–{b['high']:g}" if b["high"] is not None else f"≥ {b['low']:g}"


def write_dashboard(s: Mapping[str, Any], out: TextIO) -> None:
    """Write the whole dashboard for summary `s`."""
    w = out.write
    w(head("auditor bulk dashboard"))
    w(_header(s))
    w(_networks_and_hosts(s["networks"], s["third_party_hosts"],
                          s.get("networks_total", len(s["networks"])),
                          s.get("third_party_hosts_total", len(s["third_party_hosts"]))))
    w(_ratios(s["content_to_ad_ratio"]))
    w(_clusters(s["clusters"]))
    w(_copies(s))
    w(_mfa_sites(s.get("mfa_sites") or [], s.get("mfa_sites_total")))
    w(_failures(s))
    version = s.get("tool", {}).get("version", "")
    w(f"<footer>auditor {esc(version)} · {esc(s.get('schema', ''))}</footer>\n</body></html>\n")


def _header(s: Mapping[str, Any]) -> Safe:
    nouns = [("record", s["records"]), ("page", s["pages"]), ("site", s["sites"]),
             ("operator cluster", s.get("clusters_total", len(s["clusters"])))]
    states = [("audited", s["audited"]), ("skipped", s["skipped"]), ("failed", s["failed"])]
    counts = [(noun_for(n, noun), n) for noun, n in nouns[:1]] + states + [
        (noun_for(n, noun), n) for noun, n in nouns[1:]]
    items = "".join(f"<li><b>{n:,}</b> {esc(label)}</li>" for label, n in counts)
    cls = "fail" if s["failed"] else "pass"
    warn = ""
    runs = s.get("runs") or []
    if runs and runs[0]["status"] != "done":
        r = runs[0]
        warn = (f"<p class=\"fail\">Run {esc(r['id'])} is {esc(r['status'])} "
                f"({esc(r['records'])} records stored): these totals may be partial.</p>")
    source = s.get("source")
    if source:
        warn += (f"<p class=\"dim\">From the Parquet dataset {esc(source.get('parquet'))}: "
                 f"{esc(source.get('note'))}.</p>")
    return Safe(f"<header class=\"top\"><h1>auditor bulk dashboard</h1>"
                f"<div class=\"verdict {cls}\"><ul class=\"counts\">{items}</ul></div>"
                f"{warn}</header>\n")


def _section(title: str, body: str, key: str) -> Safe:
    return Safe(f"<section class=\"part\" id=\"{anchor(key)}\"><h2>{esc(title)}</h2>"
                f"{body}</section>\n")


def _share_bars(rows: list[Mapping[str, Any]], key: str, prefix: str, title: str,
                empty: str, tip: Callable[[Mapping[str, Any]], str]) -> str:
    """The first CHART_ROWS rows as bars of their share of pages, each linked to its row."""
    if not rows:
        return f"<p>{esc(empty)}</p>"
    return svg.bars(
        [svg.Bar(r[key], r["share_pages"], f"{percent(r['share_pages'])} · {r['pages']:,}",
                 f"{prefix}-{i}", tip(r))
         for i, r in enumerate(rows[:CHART_ROWS], 1)], title, scale=1.0, width=480)


def _listed(shown: int, total: int, noun: str) -> str:
    """The folded table's summary: all of them, or the top ones of how many."""
    return f"All {counted(total, noun)}" if shown >= total else f"Top {shown:,} of {total:,}"


def _top(shown: int, total: int) -> str:
    """A heading's note when `--top` cut its table short."""
    return f" (top {shown:,} of {total:,})" if shown < total else ""


def _networks_and_hosts(networks: list[Mapping[str, Any]], hosts: list[Mapping[str, Any]],
                        networks_total: int, hosts_total: int) -> Safe:
    """Two bar charts side by side, each with its table (as long as `--top`) folded
    under it."""
    net_chart = _share_bars(
        networks, "network", "net", "networks by share of pages", "No networks found.",
        lambda n: f"{n['network']} ({n['category']}): {n['pages']:,} pages, "
                  f"{n['sites']:,} sites")
    net_rows = [Safe(
        f"<tr id=\"{anchor(f'net-{i}')}\"><td class=\"tok\">{esc(n['network'])}</td>"
        f"<td class=\"tok\">{esc(n['category'])}</td><td class=\"n\">{n['pages']:,}</td>"
        f"<td class=\"n\">{percent(n['share_pages'])}</td><td class=\"n\">{n['sites']:,}</td>"
        f"<td class=\"n\">{percent(n['share_sites'])}</td></tr>\n")
        for i, n in enumerate(networks, 1)]
    host_chart = _share_bars(
        hosts, "host", "host", "third-party hosts by share of pages", "No third-party hosts.",
        lambda h: f"{h['host']} ({h['network'] or h['category'] or '?'}): {h['pages']:,} "
                  f"pages, {h['sites']:,} sites")
    host_rows = [Safe(
        f"<tr id=\"{anchor(f'host-{i}')}\"><td class=\"tok\">{esc(h['host'])}</td>"
        f"<td class=\"tok\">{esc(h['network'] or '—')}</td>"
        f"<td class=\"tok\">{esc(h['category'] or '—')}</td>"
        f"<td class=\"n\">{h['pages']:,}</td><td class=\"n\">{percent(h['share_pages'])}"
        f"</td><td class=\"n\">{h['sites']:,}</td></tr>\n")
        for i, h in enumerate(hosts, 1)]
    net_table = table([("Network", ""), ("Category", ""), ("Pages", "n"), ("% pages", "n"),
                       ("Sites", "n"), ("% sites", "n")], net_rows)
    host_table = table([("Host", ""), ("Network", ""), ("Category", ""), ("Pages", "n"),
                        ("% pages", "n"), ("Sites", "n")], host_rows)
    return _section("Networks and third-party hosts", (
        "<div class=\"pair\"><div><h3>Networks by share of pages</h3>"
        f"<figure>{net_chart}<figcaption>The {min(CHART_ROWS, len(networks))} most common of "
        f"{counted(networks_total, 'network')}: share of audited pages that load or embed "
        f"each.</figcaption></figure><details><summary>"
        f"{_listed(len(networks), networks_total, 'network')}</summary>"
        f"{net_table}</details></div>"
        "<div><h3>Top third-party hosts</h3>"
        f"<figure>{host_chart}<figcaption>The {min(CHART_ROWS, len(hosts))} most common of "
        f"{counted(hosts_total, 'host')}: share of audited pages that pull resources from "
        f"each.</figcaption></figure><details><summary>"
        f"{_listed(len(hosts), hosts_total, 'host')}</summary>"
        f"{host_table}</details></div></div>"), "networks")


def _ratios(ratio: Mapping[str, Any]) -> Safe:
    chart = svg.histogram([svg.Bin(_bin_label(b), b["pages"]) for b in ratio["histogram"]],
                          "content-to-ad ratio histogram",
                          x_label="content-to-ad ratio (editorial chars ÷ ad markup bytes)",
                          width=720)
    quantiles = ", ".join(f"{esc(k)} {v:.2f}" for k, v in ratio["quantiles"].items()
                          if v is not None)
    caption = (f"{ratio['pages_with_ads']:,} pages with ads, {ratio['pages_without_ads']:,} "
               "without (not drawn). Lower is more ads per word.")
    if quantiles:
        caption += f" Quantiles: {quantiles}."
    return _section("Content-to-ad distribution",
                    f"<figure>{chart}<figcaption>{caption}</figcaption></figure>", "ratio")


def _clusters(clusters: list[Mapping[str, Any]]) -> Safe:
    title = "Operator clusters"
    if not clusters:
        return _section(title, "<p>No two sites share a monetisation or tracking ID.</p>",
                        "clusters")
    nodes: list[svg.Node] = []
    edges: list[tuple[str, str]] = []
    seen: set[str] = set()
    drawn = clusters[:GRAPH_CLUSTERS]
    for n, c in enumerate(drawn, 1):
        for site in c["sites"]:
            key = f"site:{site}"
            if key not in seen:
                seen.add(key)
                nodes.append(svg.Node(key, site, "k-site", f"c{n}", f"site {site}"))
        for j, ident in enumerate(c["ids"], 1):
            key = f"id:{ident['kind']}:{ident['value']}"
            if key not in seen:
                seen.add(key)
                nodes.append(svg.Node(key, ident["value"], "k-id", f"c{n}-{j}",
                                      f"{ident['kind']} {ident['value']} · "
                                      f"{ident['sites']} sites"))
    for c in drawn:
        for ident in c["ids"]:
            key = f"id:{ident['kind']}:{ident['value']}"
            edges += [(key, f"site:{site}") for site in ident.get("site_list", c["sites"])]
    graph = svg.graph(nodes, edges, "operator clusters: sites joined by the IDs they share")
    rows: list[Safe] = []
    for n, c in enumerate(clusters, 1):
        for j, ident in enumerate(c["ids"], 1):
            first = j == 1
            rows.append(Safe(
                f"<tr id=\"{anchor(f'c{n}-{j}')}\">"
                + (f"<td class=\"n\" id=\"{anchor(f'c{n}')}\">{n}</td>" if first
                   else "<td></td>")
                + f"<td class=\"tok\">{esc(ident['kind'])}</td>"
                f"<td class=\"tok\"><code>{esc(ident['value'], limit=200)}</code></td>"
                f"<td class=\"n\">{ident['sites']:,}</td>"
                + (f"<td class=\"txt\">{esc_list(c['sites'], limit=2000)}</td>" if first
                   else "<td></td>") + "</tr>\n"))
    note = (f" The graph draws the {GRAPH_CLUSTERS} largest of {len(clusters)}."
            if len(clusters) > GRAPH_CLUSTERS else "")
    key = legend([("k-site", "site"), ("k-id", "shared ID")])
    return _section(title, (
        "<div class=\"pair wide\"><figure>"
        f"{graph}{key}<figcaption>Sites (circles) joined by the monetisation and tracking IDs "
        f"(squares) they share; a node links to its evidence row.{note}</figcaption></figure>"
        "<div>" + table([("#", "n"), ("ID kind", ""), ("ID", ""), ("Sites", "n"),
                         ("Cluster's sites", "")], rows) + "</div></div>"),
        "clusters")


def _copies(s: Mapping[str, Any]) -> Safe:
    """Who republishes whom, and the IDs that came with the copies (which join no
    sites); nothing for a crawl where no page names a source."""
    sources, copied = s.get("republication") or [], s.get("copied_ids") or []
    if not (sources or copied):
        return Safe("")
    parts = []
    if sources:
        total = s.get("republication_total", len(sources))
        rows = [Safe(f"<tr><td class=\"tok\">{esc(r['source'])}</td>"
                     f"<td class=\"n\">{r['pages']:,}</td><td class=\"n\">{len(r['sites']):,}"
                     f"</td><td class=\"txt\">{esc_list(r['sites'], limit=2000)}</td>"
                     f"<td class=\"tok\">{esc(', '.join(r['evidence']))}</td></tr>\n")
                for r in sources]
        parts.append(f"<h3>Republished sources{_top(len(sources), total)}</h3>"
                     + table([("Source", ""), ("Pages", "n"), ("Sites", "n"),
                              ("Republished by", ""), ("Evidence", "")], rows))
    if copied:
        total = s.get("copied_ids_total", len(copied))
        rows = [Safe(f"<tr><td class=\"tok\">{esc(i['kind'])}</td>"
                     f"<td class=\"tok\"><code>{esc(i['value'], limit=200)}</code></td>"
                     f"<td class=\"tok\">{esc(', '.join(i['copied_from']) or '—')}</td>"
                     f"<td class=\"n\">{i['pages']:,}</td>"
                     f"<td class=\"txt\">{esc_list(i['site_list'], limit=2000)}</td>"
                     "</tr>\n") for i in copied]
        parts.append(f"<h3>Copied IDs{_top(len(copied), total)}</h3>"
                     "<p>IDs that came in with copied articles: the source's, not the "
                     "republishing site's operator's, so they join no sites.</p>"
                     + table([("ID kind", ""), ("ID", ""), ("Copied from", ""),
                              ("Pages", "n"), ("Sites", "")], rows))
    return _section("Republished sources and copied IDs", "".join(parts), "copies")
def _mfa_sites(sites: list[Mapping[str, Any]], total: int | None) -> Safe:
    """Sites by the MFA indicators their pages meet: a count, never a verdict."""
    if not sites:
        return Safe("")
    rows = []
    for x in sites:
        worst = x["worst"]
        median = f"{x['median']:g}"
        rows.append(Safe(
            f"<tr><td class=\"tok\">{esc(x['site'])}</td><td class=\"n\">{x['pages']:,}</td>"
            f"<td class=\"n\">{esc(median)}</td><td class=\"n\">{x['max']}</td>"
            f"<td class=\"n\">{x['pages_meeting_3']}</td>"
            f"<td class=\"url\">{esc(worst['page'], limit=300)}<br><span class=\"dim\">"
            f"{esc_list(worst['criteria'], limit=300)}</span></td></tr>\n"))
    listed = _listed(len(sites), total or len(sites), "site")
    return _section("MFA scorecard per site", (
        f"<p>{esc(listed)}, by the made-for-advertising indicators their pages meet "
        "(median, then max; docs/MFA.md): a count of what the pages show, not a verdict "
        "on a site.</p>" + table(
            [("Site", ""), ("Pages", "n"), ("Median", "n"), ("Max", "n"), ("≥ 3", "n"),
             ("Worst page", "")], rows)), "mfa")


def _failures(s: Mapping[str, Any]) -> Safe:
    parts = []
    if s.get("skip_reasons"):
        rows = [Safe(f"<tr><td class=\"txt\">{esc(r['reason'] or '—', limit=300)}</td>"
                     f"<td class=\"n\">{r['records']:,}</td></tr>\n") for r in s["skip_reasons"]]
        parts.append("<h3>Skipped records</h3>" + table([("Reason", ""), ("Records", "n")], rows))
    if s.get("failures"):
        rows = [Safe(f"<tr><td class=\"url\">{esc(f['input'], limit=400)}</td>"
                     f"<td class=\"tok\">{esc(f['kind'])}</td>"
                     f"<td class=\"txt\">{esc(why, limit=600)}</td></tr>\n")
                for f in s["failures"]
                for why in [failure_reason(str(f["input"]), str(f["error"]))]]
        parts.append(f"<h3>Failed records (first {len(rows)})</h3>"
                     + table([("Input", ""), ("Kind", ""), ("Error", "")], rows))
    if s.get("runs"):
        rows = [Safe(f"<tr><td class=\"n\">{esc(r['id'])}</td><td class=\"tok\">"
                     f"{esc(r['status'])}</td><td class=\"tok\">{esc(r['started'] or '')}</td>"
                     f"<td class=\"tok\">{esc(r['finished'] or '')}</td>"
                     f"<td class=\"n\">{esc(r['records'])}</td></tr>\n") for r in s["runs"]]
        parts.append("<h3>Runs</h3>" + table(
            [("Run", "n"), ("Status", ""), ("Started", ""), ("Finished", ""),
             ("Records", "n")], rows))
    if not parts:
        return Safe("")
    return _section("Records and runs", "".join(parts), "records")
