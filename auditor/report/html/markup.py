"""The one place page-derived text becomes HTML, and the document shell both HTML
reports share: a strict Content-Security-Policy that allows exactly one inline style
block (by hash) and nothing else, so no script, remote asset or style attribute runs.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable
from typing import NewType

from auditor.report.safe import inert, inert_list

Safe = NewType("Safe", str)
"""Markup that is already escaped: concatenate it, never escape it twice."""


def esc(value: object, limit: int | None = None) -> Safe:
    """Text (or a number) made inert and escaped for an HTML or SVG text node or a
    quoted attribute.

    >>> esc('</style><script>"x"')
    '&lt;/style&gt;&lt;script&gt;&quot;x&quot;'
    """
    text = "" if value is None else str(value)
    return Safe(html.escape(inert(text, limit=limit), quote=True))


def esc_list(items: Iterable[object], limit: int) -> Safe:
    """Items joined by ", ", escaped as `esc` escapes, cut at whole items within about
    `limit` characters with "and N more" said, as the terminal cuts them (`inert_list`):
    a joined list cut by `esc` showed a site or network name that is none.

    >>> esc_list(["a.example", "b.example", "<c>.example"], limit=20)
    'a.example, b.example and 1 more'
    """
    return Safe(html.escape(inert_list([str(i) for i in items], limit=limit), quote=True))


def anchor(name: str) -> Safe:
    """An in-document link target the report itself names (never page data)."""
    if not name.replace("-", "").isalnum():
        raise ValueError(f"not an anchor name: {name!r}")
    return Safe(name)


STYLE = """
:root{--fg:#1d2330;--dim:#5b6475;--line:#dde1e8;--bg:#fff;--soft:#f4f6f9;
--content:#6a9f58;--page:#d9dee6;--ad:#d1453b;--loader:#8f1d16;--iframe:#7b4fb8;
--tracker:#e29a1e;--promo:#e2671e;--site:#2f6db3;--id:#d1453b;--pass:#1d7a3a;--fail:#b3261e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
background:var(--bg);margin:0 auto;padding:1.25rem;max-width:76rem;display:flex;
flex-direction:column}
body>*{min-width:0}
.top{order:-2}.index{order:-1}
h1{font-size:1.5rem;margin:.2rem 0 .6rem}
h2{font-size:1.25rem;margin:0 0 .5rem;overflow-wrap:anywhere}
h3{font-size:1.05rem;margin:1.6rem 0 .4rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
section.page,section.part{border-top:3px solid var(--line);padding-top:1rem;margin-top:2rem}
.verdict{display:flex;flex-wrap:wrap;align-items:center;gap:.6rem 1rem;padding:.8rem 1rem;
border-radius:.5rem;background:var(--soft);border-left:.4rem solid var(--dim)}
.verdict.pass{border-left-color:var(--pass)}.verdict.fail{border-left-color:var(--fail)}
.badge{display:inline-block;font-weight:700;letter-spacing:.03em;padding:.1rem .55rem;
border-radius:.3rem;color:#fff;background:var(--dim);white-space:nowrap}
.badge.pass{background:var(--pass);color:#fff}.badge.fail{background:var(--fail);color:#fff}
.verdict.pass,.verdict.fail{color:var(--fg)}
.verdict .badge{font-size:1.15rem}
.counts{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;margin:0;padding:0;list-style:none}
.counts b{font-size:1.15rem}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.1rem 1rem;margin:.6rem 0}
dl.facts dt{color:var(--dim)}dl.facts dd{margin:0;overflow-wrap:anywhere}
.overview{display:grid;grid-template-columns:minmax(0,32rem) minmax(0,1fr);gap:1.5rem;
align-items:start;margin-top:1rem}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem;align-items:start}
.pair.wide{grid-template-columns:minmax(0,2fr) minmax(0,3fr)}
@media (max-width:52rem){.overview,.pair,.pair.wide{grid-template-columns:minmax(0,1fr)}}
figure{margin:0}figcaption{color:var(--dim);font-size:.85rem;margin:.2rem 0}
svg.chart{display:block;max-width:100%;height:auto;font:11px system-ui,sans-serif}
svg.chart text{fill:var(--fg)}svg.chart text.dim{fill:var(--dim)}
svg.chart text.in{fill:#fff}
svg.chart a:hover rect,svg.chart a:focus rect{stroke:var(--fg);stroke-width:1.5}
.k-content{fill:var(--content)}.k-page{fill:var(--page)}.k-ad{fill:var(--ad)}
.k-loader{fill:var(--loader)}.k-iframe{fill:var(--iframe)}.k-tracker{fill:var(--tracker)}
.k-promo{fill:var(--promo)}.k-bar{fill:var(--site)}.k-axis{stroke:var(--line)}
.k-edge{stroke:#9aa3b2;stroke-width:1}.k-site{fill:var(--site)}.k-id{fill:var(--id)}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;margin:.4rem 0;padding:0;list-style:none;
font-size:.85rem}
.sw{display:inline-block;width:.8rem;height:.8rem;border-radius:.15rem;margin-right:.3rem;
vertical-align:-.05rem}
.sw.k-content{background:var(--content)}.sw.k-page{background:var(--page)}
.sw.k-ad{background:var(--ad)}.sw.k-loader{background:var(--loader)}
.sw.k-iframe{background:var(--iframe)}.sw.k-tracker{background:var(--tracker)}
.sw.k-promo{background:var(--promo)}.sw.k-site{background:var(--site)}.sw.k-id{background:var(--id)}
.tw{overflow-x:auto;margin:.4rem 0}
table{border-collapse:collapse;min-width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:.25rem .55rem;text-align:left;vertical-align:top}
th{white-space:nowrap;background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.tok,td.n{white-space:nowrap}
td.txt{min-width:16rem;overflow-wrap:break-word}
td.url{min-width:14rem;max-width:32rem;overflow-wrap:anywhere}
td.rule{min-width:12rem;max-width:22rem;overflow-wrap:anywhere}
tr:target{background:#fff4c2}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,monospace}
.high{color:var(--fail);font-weight:700}.medium{color:#a35a00;font-weight:600}.low{color:#1f5f99}
.dim{color:var(--dim)}.fail{color:var(--fail)}
footer{color:var(--dim);font-size:.85rem;margin-top:2rem;border-top:1px solid var(--line);
padding-top:.6rem;overflow-wrap:anywhere}
a{color:#1f5f99}
ul.top-findings{padding-left:1.1rem;margin:.3rem 0}ul.top-findings li{margin:.25rem 0}
details{margin:.4rem 0}summary{cursor:pointer;color:#1f5f99}
"""

_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CSP = (f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; img-src 'none'; "
       "base-uri 'none'; form-action 'none'")


def head(title: str) -> Safe:
    """Everything up to and including `<body>`; the style block is the only one the
    policy lets apply."""
    return Safe(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"referrer\" content=\"no-referrer\">"
        f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>\n"
    )


def table(headers: list[tuple[str, str]], rows: list[Safe]) -> Safe:
    """A table in a horizontally scrolling box, so a wide one never widens the page;
    `headers` are (label, class) pairs, `rows` already-built `<tr>` markup."""
    head_row = "".join(f"<th class=\"{cls}\">{esc(label)}</th>" if cls else
                       f"<th>{esc(label)}</th>" for label, cls in headers)
    return Safe(f"<div class=\"tw\"><table><thead><tr>{head_row}</tr></thead><tbody>\n"
                + "".join(rows) + "</tbody></table></div>\n")


def text_row(*cells: str | int) -> Safe:
    """A `<tr>` of plain cells: text escaped as a token, a number right-aligned."""
    return Safe("<tr>" + "".join(
        f"<td class=\"n\">{cell}</td>" if isinstance(cell, int)
        else f"<td class=\"tok\">{esc(cell)}</td>" for cell in cells) + "</tr>\n")


def legend(items: list[tuple[str, str]]) -> Safe:
    """A key of (css class, label) swatches under a chart."""
    return Safe("<ul class=\"legend\">" + "".join(
        f"<li><span class=\"sw {cls}\"></span>{esc(label)}</li>" for cls, label in items)
        + "</ul>")
