"""The HTML report escapes everything a hostile page controls and loads nothing."""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile_reports import hostile_summary

from auditor.cli import main
from auditor.model import NO_MATCH, ListInfo
from auditor.pipeline import audit
from auditor.report import RunSummary
from auditor.report.html import svg
from auditor.report.html.dashboard import write_dashboard
from auditor.report.html.markup import CSP, head
from auditor.report.html_report import HtmlReporter


class NoRules:
    lists = (ListInfo("none", "-", 0, "0" * 64),)

    def match(self, url: str, source_url: str | None = None, type: str = "other") -> object:
        return NO_MATCH

    def cosmetic(self, page: object, hostname: str) -> list[object]:
        return []


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_hostile_page_cannot_inject_markup() -> None:
    hostile = (
        b"<title></title><script>alert(1)</script><img src=x onerror=alert(2)></title>"
        b"<ins class='eas6a97888e2' data-zoneid='\"><script>alert(3)</script>'></ins>"
        b"<script src='https://a.magsrv.com/ad-provider.js?\"><iframe src=//evil.test>'></script>"
    )
    report = audit(hostile, url='https://x.test/"><b>', engine=NoRules())  # type: ignore[arg-type]
    out = io.StringIO()
    reporter = HtmlReporter(out, "test")
    reporter.start(report.lists)
    reporter.handle(report.pages[0])
    reporter.finished(RunSummary(1, 0, 0, 0, False, True))
    parser = Tags()
    parser.feed(out.getvalue())
    assert_inert(parser)
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in out.getvalue()
    assert "default-src 'none'" in out.getvalue()


def assert_inert(parser: Tags) -> None:
    """No element that loads or runs anything; links only to the report's own rows."""
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "iframe", "img", "link", "object", "embed", "image", "use",
                       "foreignobject"}
    assert all(not any(k.startswith("on") or k == "style" for k in attrs)
               for _, attrs in parser.tags)
    hrefs = [attrs.get("href") for t, attrs in parser.tags if t == "a"]
    assert all(h and h.startswith("#") for h in hrefs), hrefs


def test_csp_allows_exactly_the_style_block() -> None:
    doc = head("t")
    style = doc.split("<style>", 1)[1].split("</style>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in CSP
    assert "unsafe-inline" not in CSP and "script-src" not in CSP  # default-src 'none'


def test_dashboard_escapes_every_summary_string() -> None:
    out = io.StringIO()
    write_dashboard(hostile_summary(), out)
    parser = Tags()
    parser.feed(out.getvalue())
    assert_inert(parser)
    assert "&lt;/style&gt;&lt;script&gt;" in out.getvalue()
    assert {t for t, _ in parser.tags} >= {"svg", "rect", "circle", "line", "table"}
    assert "Republished sources" in out.getvalue() and "Copied IDs" in out.getvalue()


@pytest.mark.parametrize(("chart", "needle"), [
    (lambda t: svg.bars([svg.Bar(t, 0.5, t, "x-1", t)], t), "<rect"),
    (lambda t: svg.histogram([svg.Bin(t, 3)], t, x_label=t, y_label=t), "<rect"),
    (lambda t: svg.share_bar([svg.Part(t, 1, "k-ad")], t), "<rect"),
    (lambda t: svg.page_map([svg.Block(3, 3, "k-ad", t, t, "x-1", 300, 250)], t,
                            content_label=t), "<rect"),
    (lambda t: svg.graph([svg.Node("a", t, "k-site", "x-1", t), svg.Node("b", t, "k-id")],
                         [("a", "b")], t), "<circle"),
])
def test_svg_helpers_escape_their_text(chart: Callable[[str], str], needle: str) -> None:
    drawn = chart('</svg><script>alert(1)</script>"')
    parser = Tags()
    parser.feed(drawn)
    assert_inert(parser)
    assert needle in drawn and "&lt;/svg&gt;" in drawn


def test_graph_layout_is_the_same_every_run() -> None:
    nodes = [svg.Node(k, k, "k-site") for k in "abcde"]
    edges = [("a", "b"), ("b", "c"), ("d", "e")]
    assert svg.graph(nodes, edges, "g") == svg.graph(nodes, edges, "g")


def test_report_command_writes_the_dashboard(tmp_path: Path, examples: Path) -> None:
    store, dash = tmp_path / "s.db", tmp_path / "d.html"
    light = ["--no-system-lists", "--no-progress", "--workers", "1"]
    assert main(["bulk", str(examples / "wp-post-injected.json"), "--store", str(store),
                 *light]) == 0
    assert main(["report", "--store", str(store), "--format", "html", "-o", str(dash)]) == 0
    text = dash.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.endswith("</html>\n")
    assert "Networks by share of pages" in text and "ExoClick" in text


def test_a_connection_hint_is_no_ad_loader_on_the_page_map() -> None:
    """A leftover `preconnect` loads nothing: the map and its table show the page's real
    loader, not the hint to the same vendor (pcgamer's hints read as "2 ad loaders")."""
    page = (b"<html><head><link rel=preconnect href='https://a.magsrv.com'>"
            b"<link rel=dns-prefetch href='//securepubads.g.doubleclick.net'></head><body>"
            b"<p>text</p><script src='https://a.magsrv.com/ad-provider.js'></script></body></html>")
    report = audit(page, url="https://x.test/a")
    out = io.StringIO()
    reporter = HtmlReporter(out, "test")
    reporter.start(report.lists)
    reporter.handle(report.pages[0])
    reporter.finished(RunSummary(1, 0, 0, 0, False, True))
    html = out.getvalue()
    assert "ad-provider.js" in html
    table = html.split("Iframes, trackers and ad loaders")[1].split("</table>")[0]
    assert "securepubads" not in table
    assert "2 ad loaders" not in html


def _cells(html: str) -> list[str]:
    """The text of every table cell and list item, tags left out."""
    import re

    return [re.sub(r"<[^>]+>", "", cell) for cell in
            re.findall(r"<(?:td|li)[^>]*>(.*?)</(?:td|li)>", html, re.S)]


def test_long_lists_are_cut_at_whole_items_with_a_count() -> None:
    """A cluster's, a source's or a copied ID's sites, and a page's slot networks, past
    the room they have: cut after a whole item with "and N more", as the terminal cuts
    them. `esc(', '.join(…), limit=…)` cut mid-name, showing a site that is none."""
    import dataclasses

    sites = [f"site-{i:03}.example" for i in range(300)]
    summary = hostile_summary()
    summary["clusters"][0]["sites"] = sites
    summary["republication"][0]["sites"] = sites
    summary["copied_ids"][0]["site_list"] = sites
    out = io.StringIO()
    write_dashboard(summary, out)
    lists = [c for c in _cells(out.getvalue()) if c.startswith("site-000.example, ")]
    assert len(lists) == 3
    for cell in lists:
        shown, _, more = cell.rpartition(" and ")
        names = shown.split(", ")
        assert names == sites[:len(names)] and more == f"{300 - len(names)} more", cell

    report = audit(b"<p>text</p><ins class='eas6a97888e2' data-zoneid='5123456'></ins>"
                   b"<script src='https://a.magsrv.com/ad-provider.js'></script>",
                   url="https://x.test/a")
    page = report.pages[0]
    slot = page.slots[0]
    page = dataclasses.replace(page, slots=tuple(
        dataclasses.replace(slot, network=f"Network Number {i}") for i in range(40)))
    out = io.StringIO()
    reporter = HtmlReporter(out, "test")
    reporter.start(report.lists)
    reporter.handle(page)
    reporter.finished(RunSummary(1, 0, 0, 0, False, True))
    (verdict,) = [c for c in _cells(out.getvalue()) if "(Network Number 0, " in c]
    names = verdict.split("(", 1)[1].rsplit(" and ", 1)[0].split(", ")
    assert names == [f"Network Number {i}" for i in range(len(names))]
    assert verdict.endswith(f" and {40 - len(names)} more)"), verdict
