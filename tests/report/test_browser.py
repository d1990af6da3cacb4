"""The HTML page report and the bulk dashboard, opened in headless Chromium.

What only a browser can say: the CSP lets our one style block apply and nothing
else, nothing overflows at desktop or phone width, identifiers never wrap mid-token,
the page map and charts are drawn and sized, and a hostile page stays text.
One browser session serves the module. `.ci/run` installs Debian's `chromium` and
`chromium-driver`; without them these tests skip, saying so.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from archive_fixtures import page, response, warc_bytes
from hostile_reports import HOSTILE_TITLE, HOSTILE_URL, hostile_summary
from test_gate_formats import render as render_gated

from auditor.cli import main
from auditor.pipeline import audit
from auditor.report import RunSummary
from auditor.report.html.dashboard import write_dashboard
from auditor.report.html.markup import head
from auditor.report.html_report import HtmlReporter
from auditor.rules import Engine

WIDTHS = (1280, 390)
# ../shared/hostile's pages that once broke a writer (INDEX.md there): one report of all
SHARED_HOSTILE = Path(__file__).resolve().parents[2].parent / "shared" / "hostile"
SHARED_PAGES = ("u2028-title.html", "u2028-url.html", "csv-formula.html", "gpt-ctrl-char.html",
                "charset-undefined.html", "wp-lone-surrogate.json", "ipv6-link.json")

# What every report must satisfy in the browser; returns the broken things, if any.
CHECKS_JS = """
const out = {};
const de = document.documentElement;
out.overflow = de.scrollWidth - de.clientWidth;
out.scripts = document.scripts.length;
out.styled = getComputedStyle(document.body).display;
out.links = [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))
  .filter(h => !h || !h.startsWith('#'));
out.broken = [];
for (const el of document.querySelectorAll('th, td.tok, td.n, .badge')) {
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                         .map(r => Math.round(r.top)));
    if (tops.size > 1) out.broken.push(node.textContent);
  }
}
out.unreadable = [...document.querySelectorAll('.badge, td, th, h1, h2, h3, li, dd')]
  .filter(el => { const c = getComputedStyle(el);
                  return c.color === c.backgroundColor; }).map(el => el.textContent);
out.charts = [...document.querySelectorAll('svg.chart')].map(s => {
  const r = s.getBoundingClientRect();
  return {cls: s.getAttribute('class'), w: r.width, h: r.height, right: r.right,
          shapes: s.querySelectorAll('rect, circle').length};
});
out.viewport = de.clientWidth;
out.text = document.body.innerText;
out.title = document.title;
return out;
"""


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not (browser and driver):
        if os.environ.get("CI"):  # .ci/run installs them: absent there is a broken CI
            pytest.fail("chromium/chromedriver missing under CI; .ci/run should install them")
        pytest.skip("headless browser tests need Debian's chromium and chromium-driver "
                    "(apt-get install -y chromium chromium-driver; .ci/run installs them)")
    return browser, driver


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    binary, driver_path = _chromium()
    webdriver = pytest.importorskip("selenium.webdriver",
                                    reason="selenium not installed (pip install -e '.[dev]')")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--disable-extensions", "--no-first-run"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def open_at(driver: Any, path: Path, width: int) -> tuple[dict[str, Any], list[str]]:
    """Load `path` at `width` CSS px; the checks' results and the console's errors."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    driver.get_log("browser")  # drop what an earlier page left
    driver.get(path.as_uri())
    result: dict[str, Any] = driver.execute_script(CHECKS_JS)
    errors = [e["message"] for e in driver.get_log("browser")
              if e["level"] in ("SEVERE", "WARNING")]
    return result, errors


def _page_report(reports: list[Any], path: Path, gated: bool = False) -> Path:
    out = io.StringIO()
    reporter = HtmlReporter(out, "test", gated=gated)
    reporter.start(reports[0].lists)
    for r in reports:
        for p in r.pages:
            reporter.handle(p)
    pages = sum(len(r.pages) for r in reports)
    reporter.finished(RunSummary(pages, 0, 0, 0, gated, True))
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, seeds: Path, examples: Path,
            project_engine: Engine) -> dict[str, Path]:
    """The seed's page report, several pages with an index, a hostile page, a dashboard."""
    root = tmp_path_factory.mktemp("browser")
    seed = audit(seeds / "wp-rest-post-injected.json", engine=project_engine)
    hostile = audit(
        (f"<html><head><title>{HOSTILE_TITLE}</title></head><body>"
         "<p>text</p><iframe src='javascript:alert(2)'></iframe>"
         "<ins class='eas6a97888e2' data-zoneid='\"><script>alert(3)</script>'></ins>"
         "<a href='javascript:alert(4)'>x</a></body></html>").encode(),
        url=HOSTILE_URL, engine=project_engine)
    news = audit(examples / "news-article.html", engine=project_engine)
    text = audit(examples / "text-scrape.txt", engine=project_engine)
    shared = [audit(SHARED_HOSTILE / name, engine=project_engine) for name in SHARED_PAGES
              if (SHARED_HOSTILE / name).exists()]
    gated = root / "gated.html"
    gated.write_text(render_gated("html"), encoding="utf-8")
    out = {
        "gated": gated,
        "seed": _page_report([seed], root / "seed.html"),
        "several": _page_report([seed, news, text, hostile], root / "several.html"),
        "hostile": _page_report([hostile], root / "hostile.html"),
        "shared-hostile": _page_report(shared or [hostile], root / "shared-hostile.html"),
    }
    recs = [response(f"https://www.{site}/post-{n}",
                     page(f"{site} {n}", adsense=pub, gtm=gtm, exo_zone=zone))
            for site, (pub, gtm, zone) in {
                "alpha.example": ("ca-pub-1111111111111111", None, None),
                "beta.example": ("ca-pub-1111111111111111", "GTM-K9ZX2PQ", None),
                "gamma.example": (None, "GTM-K9ZX2PQ", "5876674"),
                "delta.example": (None, None, "5876674"),
                "epsilon.example": (None, None, None)}.items()
            for n in range(2)]
    warc = root / "sites.warc"
    warc.write_bytes(warc_bytes(recs))
    store, dash = root / "s.db", root / "dashboard.html"
    light = ["--no-system-lists", "--no-progress", "--workers", "1"]
    assert main(["bulk", str(warc), str(seeds), "--store", str(store), *light]) == 0
    assert main(["report", "--store", str(store), "--format", "html", "-o", str(dash)]) == 0
    out["dashboard"] = dash
    hostile_dash = root / "hostile-dashboard.html"
    with hostile_dash.open("w", encoding="utf-8") as f:
        write_dashboard(hostile_summary(), f)
    out["hostile-dashboard"] = hostile_dash
    return out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["seed", "several", "hostile", "shared-hostile", "gated",
                                  "dashboard", "hostile-dashboard"])
def test_report_renders_clean(browser: Any, reports: dict[str, Path], name: str,
                              width: int) -> None:
    got, errors = open_at(browser, reports[name], width)
    assert errors == [], "console errors or CSP violations"
    assert got["styled"] == "flex", "the CSP hash must let the report's style block apply"
    assert got["overflow"] <= 0, f"page wider than the {width}px viewport"
    assert got["broken"] == [], "identifiers and headers wrapped mid-token"
    assert got["scripts"] == 0
    assert got["unreadable"] == [], "text in the colour of its own background"
    assert got["links"] == [], "every link stays inside the report"
    assert got["charts"], "no chart drawn"
    for chart in got["charts"]:
        assert chart["w"] > 100 and chart["h"] > 20 and chart["shapes"] > 0, chart
        assert chart["right"] <= got["viewport"] + 1, chart


@pytest.mark.parametrize("name", ["seed", "several"])
def test_page_map_is_drawn(browser: Any, reports: dict[str, Path], name: str) -> None:
    got, _ = open_at(browser, reports[name], 1280)
    maps = [c for c in got["charts"] if "pagemap" in c["cls"]]
    assert maps and all(m["w"] >= 300 and m["h"] > 20 for m in maps)
    assert maps[0]["h"] > 200, "the seed's 14 slots and 14 loaders make a tall column"
    links = browser.execute_script(
        "return [...document.querySelectorAll('svg.pagemap a')].map(a => "
        "!!document.getElementById(a.getAttribute('href').slice(1)))")
    assert links and all(links), "every block on the map links to a row of the report"
    assert "Page map" in got["text"] and "Ad slots" in got["text"]


def test_index_lists_each_page_first(browser: Any, reports: dict[str, Path]) -> None:
    open_at(browser, reports["several"], 1280)
    top = browser.execute_script(
        "return [...document.querySelectorAll('body > *')].sort((a, b) => "
        "a.getBoundingClientRect().top - b.getBoundingClientRect().top)"
        ".map(e => e.tagName.toLowerCase())")
    assert top[:2] == ["header", "nav"]
    rows = browser.execute_script("return document.querySelectorAll('nav.index tbody tr').length")
    assert rows == 4


@pytest.mark.parametrize("name", ["hostile", "hostile-dashboard"])
def test_hostile_text_renders_as_text(browser: Any, reports: dict[str, Path],
                                      name: str) -> None:
    got, _ = open_at(browser, reports[name], 1280)
    assert got["title"] in ("auditor report", "auditor bulk dashboard")
    assert "</style><script>alert(1)</script><b>x" in got["text"]
    assert HOSTILE_URL in got["text"]


def test_a_csp_violation_would_be_caught(browser: Any, tmp_path: Path) -> None:
    """The console check is not vacuous: an inline style attribute and an inline script
    under the report's policy both show up as errors."""
    path = tmp_path / "bad.html"
    path.write_text(head("bad") + "<p style=\"color:red\">x</p><script>1</script></body>",
                    encoding="utf-8")
    _, errors = open_at(browser, path, 1280)
    assert any("Content Security Policy" in e for e in errors), errors
