"""Site mode: which files are pages, their paths under the site, and their URLs."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from auditor.catalogue import default_catalogue
from auditor.cli import main
from auditor.dom.parser import DEFAULT_LIMITS
from auditor.gate.site import page_url, site_pages, site_path, site_records
from auditor.pipeline import audit_records
from auditor.readers import Document, ReadFailure
from auditor.rules import Engine


@pytest.mark.parametrize(("base", "path", "url"), [
    ("https://example.com", "index.html", "https://example.com/"),
    ("https://example.com/", "index.html", "https://example.com/"),
    ("https://example.com", "blog/index.html", "https://example.com/blog/"),
    ("https://example.com", "blog/index.htm", "https://example.com/blog/"),
    ("https://example.com", "blog/post.html", "https://example.com/blog/post.html"),
    ("https://example.com", "blog/myindex.html", "https://example.com/blog/myindex.html"),
    ("https://example.com/docs", "a/b.html", "https://example.com/docs/a/b.html"),
    ("https://example.com", "a b/ü.html", "https://example.com/a%20b/%C3%BC.html"),
    ("https://example.com", "./x.html", "https://example.com/x.html"),
    # a name that is no UTF-8 (os.fsdecode's surrogate for byte 0xFF): the bytes a
    # server has in its URL
    ("https://example.com", "caf\udce9.html", "https://example.com/caf%E9.html"),
])
def test_page_url(base: str, path: str, url: str) -> None:
    assert page_url(base, path) == url


def test_site_path(tmp_path: Path) -> None:
    site = tmp_path / "public"
    (site / "blog").mkdir(parents=True)
    page = site / "blog" / "a.html"
    page.write_text("<p>x</p>")
    assert site_path(str(page), (site,)) == "blog/a.html"
    assert site_path(str(page), (tmp_path / "elsewhere", site)) == "blog/a.html"
    assert site_path(str(page), (tmp_path,)) == "public/blog/a.html"
    assert site_path("<stdin>", (site,)) == "<stdin>"
    assert site_path(f"{site}/feed.warc#rec-1", (site,)) == "feed.warc#rec-1"
    assert site_path("./loose/page.html", ()) == "loose/page.html"


def test_site_pages_are_html_files_scripts_and_sheets_not_hidden(tmp_path: Path) -> None:
    for name in ("index.html", "blog/a.htm", "blog/b.xhtml", "assets/site.css",
                 "assets/app.js", "blog/c.html.gz", "search.json", "robots.txt",
                 "search.json.gz", ".git/x.html", "blog/.draft.html", "img/chart.svg",
                 "img/logo.svg.gz", "img/photo.png"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<p>x</p>")
    assert [p.relative_to(tmp_path).as_posix() for p in site_pages(tmp_path)] == [
        "assets/app.js", "assets/site.css", "blog/a.htm", "blog/b.xhtml", "blog/c.html.gz",
        "img/chart.svg", "img/logo.svg.gz", "index.html"]


# An interactive chart exported as SVG (XML prolog, a CDATA script, an `<image>` and a
# `<foreignObject>` caption) with a tracker slipped in, as Chromium 156 ran it from an
# `<object>`, an `<embed>`, an `<iframe>` or a visit to its URL: each host below was
# requested. `<img src>` of the same file ran nothing and loaded nothing.
_CHART_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="400" height="300" viewBox="0 0 400 300">
  <style><![CDATA[ @import url("https://a.magsrv.com/theme.css"); ]]></style>
  <script type="application/ecmascript"><![CDATA[
    var s = document.createElementNS("http://www.w3.org/1999/xhtml", "script");
    s.src = "https://b.magsrv.com/ad-provider.js";
    document.documentElement.appendChild(s);
  ]]></script>
  <script xlink:href="https://c.magsrv.com/tag.js"/>
  <image href="https://d.magsrv.com/px.gif" width="1" height="1"/>
  <rect width="400" height="300" fill="#eef"/>
  <foreignObject x="10" y="260" width="380" height="40">
    <div xmlns="http://www.w3.org/1999/xhtml">Rainfall by month
      <iframe src="https://e.magsrv.com/frame.html" width="1" height="1"></iframe></div>
  </foreignObject>
</svg>
"""


def test_an_svg_file_is_audited_as_the_document_it_is_not_in_the_pages_that_show_it(
        tmp_path: Path) -> None:
    """A site's SVG runs its scripts and loads its images when a page embeds it
    (`<object>`, `<embed>`, `<iframe>`) or a visitor opens it: each is audited on its
    own path (kind `svg`), gzip_static's copy too. A page showing it by `<img src>`, which
    runs nothing, does not take in what it loads."""
    (tmp_path / "img").mkdir()
    (tmp_path / "img/chart.svg").write_bytes(_CHART_SVG)
    (tmp_path / "img/logo.svg.gz").write_bytes(gzip.compress(
        b'<svg xmlns="http://www.w3.org/2000/svg"><script href="//f.magsrv.com/x.js"/></svg>'))
    (tmp_path / "index.html").write_text(
        '<img src="/img/chart.svg" alt="Rainfall"><img src="/img/logo.svg" alt=""><p>x</p>')
    (tmp_path / "report.html").write_text(
        '<object data="/img/chart.svg" type="image/svg+xml"></object><p>y</p>')
    records = list(site_records(tmp_path, "https://example.com"))
    assert [(r.input.rsplit("/", 1)[-1], r.kind, r.url) for r in records
            if isinstance(r, Document)] == [
        ("chart.svg", "svg", "https://example.com/img/chart.svg"),
        ("logo.svg.gz", "svg", "https://example.com/img/logo.svg"),
        ("index.html", "html", "https://example.com/"),
        ("report.html", "html", "https://example.com/report.html")]
    reports = list(audit_records(records, Engine.load(system_lists=False), default_catalogue()))
    hosts = {r.input.rsplit("/", 1)[-1]: sorted({x.host for x in r.resources if x.third_party})
             for r in reports}
    assert hosts == {
        "chart.svg": ["a.magsrv.com", "b.magsrv.com", "c.magsrv.com", "d.magsrv.com",
                      "e.magsrv.com"],
        "logo.svg.gz": ["f.magsrv.com"],
        "index.html": [], "report.html": []}
    (img,) = [x for x in reports[2].resources if x.url.endswith("/chart.svg")]
    assert img.type.value == "image"  # an image, not an embedded document


def test_a_gated_site_fails_on_the_svg_that_loads_a_denied_network(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "public"
    (site / "img").mkdir(parents=True)
    (site / "img/chart.svg").write_bytes(_CHART_SVG)
    (site / "index.html").write_text('<object data="/img/chart.svg"></object><p>x</p>')
    (tmp_path / "auditor.toml").write_text('deny_networks = ["ExoClick"]\n')
    code = main(["audit", str(site), "--policy", str(tmp_path / "auditor.toml"),
                 "--base-url", "https://example.com", "--format", "json"])
    assert code == 1
    failed = {v["path"] for p in json.loads(capsys.readouterr().out)["pages"]
              for v in p.get("violations", [])}
    assert failed == {"img/chart.svg"}


def test_an_asset_or_a_precompressed_copy_that_loads_a_denied_host_is_audited(
        tmp_path: Path) -> None:
    """What a demanding CI wants of a built site: a page's precompressed copy (what
    gzip_static serves for it) is audited at the page's URL, and a script or style sheet
    the site serves as a page holding it inline; in Chromium the page that loads them
    requested each host below."""
    (tmp_path / "blog").mkdir()
    (tmp_path / "index.html").write_text(
        '<link rel=stylesheet href="/site.css"><script src="/app.js"></script><p>x</p>')
    (tmp_path / "blog/post.html").write_text("<p>clean</p>")
    (tmp_path / "blog/post.html.gz").write_bytes(gzip.compress(
        b'<p>x</p><script src="https://a.magsrv.com/ad-provider.js"></script>'))
    (tmp_path / "app.js").write_text(
        "var s=document.createElement('script');s.src='https://b.magsrv.com/x.js';"
        "document.head.appendChild(s); // </script> ends no markup")
    (tmp_path / "site.css").write_text(
        '@import url("https://c.magsrv.com/x.css");\nbody{background:url(//d.magsrv.com/a.png)}')
    records = list(site_records(tmp_path, "https://example.com"))
    assert [(r.input.rsplit("/", 1)[-1], r.kind, r.url) for r in records
            if isinstance(r, Document)] == [
        ("app.js", "script", "https://example.com/app.js"),
        ("post.html", "html", "https://example.com/blog/post.html"),
        ("post.html.gz", "html", "https://example.com/blog/post.html"),
        ("index.html", "html", "https://example.com/"),
        ("site.css", "stylesheet", "https://example.com/site.css")]
    reports = list(audit_records(records, Engine.load(system_lists=False), default_catalogue()))
    hosts = {r.input.rsplit("/", 1)[-1]: sorted(x.host for x in r.resources) for r in reports}
    assert hosts["app.js"] == ["b.magsrv.com"]
    assert hosts["post.html.gz"] == ["a.magsrv.com"]
    assert hosts["site.css"] == ["c.magsrv.com", "d.magsrv.com"]


def test_an_unreadable_page_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "index.html").write_text("<p>hello</p>")
    records = list(site_records(tmp_path, "https://example.com"))
    assert isinstance(records[0], ReadFailure) and "empty" in records[0].error
    assert isinstance(records[1], Document) and records[1].url == "https://example.com/"


def test_a_brotli_copy_is_audited_at_its_plain_files_url(tmp_path: Path) -> None:
    """brotli_static serves `post.html.br` for `post.html` to every browser that accepts
    br (Chromium does): a stale or injected copy is what visitors get, whatever the
    plain file beside it holds. Brotli has no magic number, so the copy was sniffed as
    binary and never audited."""
    brotli = pytest.importorskip("brotli")
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog/post.html").write_text("<p>clean</p>")
    (tmp_path / "blog/post.html.br").write_bytes(brotli.compress(
        b'<p>x</p><script src="https://a.magsrv.com/ad-provider.js"></script>'))
    (tmp_path / "app.js.br").write_bytes(brotli.compress(
        b"var s=document.createElement('script');s.src='https://b.magsrv.com/x.js';"))
    records = list(site_records(tmp_path, "https://example.com"))
    assert [(r.input.rsplit("/", 1)[-1], r.kind, r.url) for r in records
            if isinstance(r, Document)] == [
        ("app.js.br", "script", "https://example.com/app.js"),
        ("post.html", "html", "https://example.com/blog/post.html"),
        ("post.html.br", "html", "https://example.com/blog/post.html")]
    reports = list(audit_records(records, Engine.load(system_lists=False), default_catalogue()))
    hosts = {r.input.rsplit("/", 1)[-1]: sorted(x.host for x in r.resources) for r in reports}
    assert hosts == {"app.js.br": ["b.magsrv.com"], "post.html": [],
                     "post.html.br": ["a.magsrv.com"]}


def test_a_brotli_copy_of_binary_bytes_is_unreadable(tmp_path: Path) -> None:
    brotli = pytest.importorskip("brotli")
    (tmp_path / "index.html.br").write_bytes(brotli.compress(b"\x89PNG\r\n\x1a\n\0\0\0\x00"))
    (failure,) = list(site_records(tmp_path, "https://example.com"))
    assert isinstance(failure, ReadFailure) and "binary data" in failure.error


@pytest.mark.parametrize("packed", [b"<p>plain bytes named .br</p>", b"", b"\x1b\x07\x00"])
def test_a_brotli_copy_that_does_not_decompress_fails_the_gate(
        tmp_path: Path, packed: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    """A `.br` that is no brotli (or is cut short) is an error page in the browser, and the
    gate cannot say what the URL serves: it is unreadable, a violation (fail closed)."""
    from auditor.cli import main

    site = tmp_path / "public"
    site.mkdir()
    (site / "index.html").write_text("<p>clean</p>")
    (site / "index.html.br").write_bytes(packed)
    (tmp_path / "auditor.toml").write_text('deny_hosts = ["magsrv.com"]\n')
    code = main(["audit", str(site), "--policy", str(tmp_path / "auditor.toml"),
                 "--base-url", "https://example.com", "--no-system-lists", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1, out
    import json
    pages = {p["input"].rsplit("/", 1)[-1]: p for p in json.loads(out)["pages"]}
    assert "unreadable brotli" in pages["index.html.br"]["errors"][0]
    assert [v["clause"] for v in pages["index.html.br"]["violations"]] == ["unreadable"]


def test_a_zstd_copy_is_unreadable_not_skipped(tmp_path: Path) -> None:
    """Chromium 156 accepts zstd from https sites; with no decoder, the copy is an
    unreadable page (the gate fails closed), never left out of the walk."""
    (tmp_path / "index.html").write_text("<p>clean</p>")
    (tmp_path / "index.html.zst").write_bytes(b"\x28\xb5\x2f\xfd anything")
    (failure,) = [r for r in site_records(tmp_path, "https://example.com")
                  if isinstance(r, ReadFailure)]
    assert failure.input.endswith("index.html.zst") and "zstd" in failure.error


@pytest.mark.parametrize("base", ["http://2130706433", "http://0x7f.1/", "http://127.0.0.1"])
def test_a_numeric_base_url_is_the_host_its_pages_request(
        tmp_path: Path, base: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A staging site served at an IPv4 address, written in any of the URL standard's
    forms: its own image is first party, as the page's URLs read the same host (the
    integer form once made 127.0.0.1 a third party and failed every page)."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text(
        '<img src="/logo.png"><img src="http://127.0.0.1/a.png"><p>x</p>')
    (tmp_path / "auditor.toml").write_text("max_third_party_hosts = 0\n")
    code = main(["audit", str(tmp_path / "site"), "--policy",
                 str(tmp_path / "auditor.toml"), "--base-url", base, "--format", "json"])
    (page,) = json.loads(capsys.readouterr().out)["pages"]
    assert code == 0 and page["url"] == "http://127.0.0.1/"
    assert {(r["host"], r["third_party"]) for r in page["resources"]} == {("127.0.0.1", False)}


@pytest.mark.parametrize("base", ["http://256.1.1.1/", "http://999999999999/",
                                  "http://1.2.3.4.5/"])
def test_a_base_url_whose_host_no_browser_reads_is_a_usage_error(
        tmp_path: Path, base: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An IPv4 address out of range was accepted and kept as written: no page URL
    resolved under it, so the page's own scripts and images were dropped, not audited.
    It is a usage error, one line, exit 2, as in a policy's `base_url`."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text('<script src="/app.js"></script><p>x</p>')
    code = main(["audit", str(tmp_path / "site"), "--no-policy", "--base-url", base])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "--base-url" in err and base in err
    (tmp_path / "auditor.toml").write_text(f'base_url = "{base}"\n')
    code = main(["audit", str(tmp_path / "site"), "--policy", str(tmp_path / "auditor.toml")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "base_url" in err


def test_a_headers_files_link_preload_is_audited_on_its_own_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Netlify and Cloudflare Pages send the `Link` headers a site's `_headers` file sets
    with each page its paths match, and Chromium fetched a header's preloaded script as
    it fetches the element's: the file is audited as the `<link>`s it stands for (kind
    `headers`), a denied one failing the gate at its line."""
    site = tmp_path / "public"
    site.mkdir()
    (site / "index.html").write_text("<p>x</p>")
    (site / "_headers").write_text(
        "# security headers\n/*\n  X-Frame-Options: DENY\n"
        "  Link: </css/site.css>; rel=preload; as=style\n/blog/*\n"
        "  Link: <https://a.magsrv.com/ad-provider.js>; rel=preload; as=script, "
        "<https://fonts.example.net>; rel=preconnect\n")
    (tmp_path / "auditor.toml").write_text('deny_networks = ["ExoClick"]\n')
    code = main(["audit", str(site), "--policy", str(tmp_path / "auditor.toml"),
                 "--base-url", "https://example.com", "--format", "json"])
    pages = {p["input"].rsplit("/", 1)[-1]: p for p in json.loads(capsys.readouterr().out)["pages"]}
    assert code == 1 and pages["_headers"]["kind"] == "headers"
    assert [(r["url"], r["line"], r["via"]) for r in pages["_headers"]["resources"]] == [
        ("https://example.com/css/site.css", 4, "link[preload]"),
        ("https://a.magsrv.com/ad-provider.js", 6, "link[preload]"),
        ("https://fonts.example.net", 6, "link[preconnect]")]
    assert [(v["clause"], v["line"]) for v in pages["_headers"]["violations"]] == [
        ("deny_networks", 6)]
    assert "violations" not in pages["index.html"] or not pages["index.html"]["violations"]


def test_code_a_page_loads_under_any_name_is_audited_as_code(tmp_path: Path) -> None:
    """Chromium 156 ran `<script src="/lib/helper.txt">`, `.dat` and `.cjs` files (a
    classic script's type is checked only against images, media and CSV), so a site file
    a page loads as a script or a style sheet is audited as one, whatever its name; a
    file it only links to, an image, or a file of binary bytes is not."""
    (tmp_path / "lib").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "lib/helper.txt").write_text(
        'var s=document.createElement("script");s.src="https://a.magsrv.com/x.js";'
        "document.head.appendChild(s);")
    (tmp_path / "lib/theme.less").write_text('@import url("https://b.magsrv.com/t.css");')
    (tmp_path / "lib/notes.txt").write_text('see "https://c.magsrv.com/x.js"')
    (tmp_path / "lib/blob.bin").write_bytes(b"\x00\x01\x02\x89PNG" * 20)
    (tmp_path / "docs/index.html").write_text(
        '<script src="../lib/helper.txt?v=2"></script>'
        '<link rel="stylesheet" href="/docs/../lib/theme.less">'
        '<a href="/lib/notes.txt">notes</a><script src="/lib/blob.bin"></script>'
        '<script src="https://cdn.test/lib/helper.txt"></script><p>x</p>')
    records = [r for r in site_records(tmp_path, "https://example.com")
               if isinstance(r, Document)]
    assert [(r.input.rsplit("/", 1)[-1], r.kind, r.url) for r in records] == [
        ("index.html", "html", "https://example.com/docs/"),
        ("helper.txt", "script", "https://example.com/lib/helper.txt"),
        ("theme.less", "stylesheet", "https://example.com/lib/theme.less")]
    reports = list(audit_records(records, Engine.load(system_lists=False), default_catalogue()))
    assert [sorted({x.host for x in r.resources if x.third_party}) for r in reports[1:]] == [
        ["a.magsrv.com"], ["b.magsrv.com"]]


def _code_of(text: str, url: str, site: Path, root: str) -> set[Any]:
    """The site files a page's markup loads as code, as site mode finds them (the page
    parsed once, within the default limits; a page over them loads none)."""
    from auditor.gate.site import _loading_page, _site_code

    page = _loading_page(text, DEFAULT_LIMITS)
    return _site_code(page, url, site, root) if page is not None else set()


def test_unclosed_script_tags_cost_linear_time(tmp_path: Path) -> None:
    """A page of `<script ` with no `>`: the markup scan that read each tag to its `>`
    scanned to the page's end from every one (160 KB: 2 s, quadratic). The parser reads
    such a page once; past its attribute limit it is an error page the audit reports
    (the gate fails closed), and a closed tag before 20,000 unclosed ones is still read."""
    import time

    from auditor.gate.site import SiteCode

    (tmp_path / "lib.txt").write_text("x=1")
    over = '<script src="/lib.txt"><p title="a>b" src>' + "<script " * 20_000
    assert _code_of(over, "https://example.com/", tmp_path, "https://example.com/") == set()

    def seconds(n: int) -> float:
        start = time.perf_counter()
        text = '<script src="/lib.txt"></script>' + '<p title="a>b" src><script ' * n
        assert _code_of(text, "https://example.com/", tmp_path, "https://example.com/") \
            == {(tmp_path / "lib.txt", SiteCode("script", None))}
        return time.perf_counter() - start

    # the fastest of three runs each: a loaded machine only ever slows a run down
    small, large = (min(seconds(n) for _ in range(3)) for n in (5_000, 20_000))
    assert large < 10 * max(small, 0.01), (small, large)


_LOADER = ("var s=document.createElement('script');"
           "s.src='https://a.magsrv.com/ad-provider.js';document.head.appendChild(s);")


def _gate(tmp_path: Path, files: dict[str, str | bytes], capsys: pytest.CaptureFixture[str],
          policy: str = 'deny_networks = ["ExoClick"]\n'
          ) -> tuple[int, dict[str, list[dict[str, object]]]]:
    """A site under `public`, gated on ExoClick (or `policy`): the exit code a CI user
    sees, and each report by page (one entry per report: a file read two ways has two)."""
    site = tmp_path / "public"
    for rel, data in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data.encode() if isinstance(data, str) else data)
    (tmp_path / "auditor.toml").write_text(policy)
    code = main(["audit", str(site), "--policy", str(tmp_path / "auditor.toml"),
                 "--base-url", "https://example.com", "--no-system-lists", "--format", "json"])
    pages: dict[str, list[dict[str, object]]] = {}
    for p in json.loads(capsys.readouterr().out)["pages"]:
        pages.setdefault(p["input"].split("public/", 1)[1], []).append(p)
    return code, pages


def test_code_is_found_where_the_pages_base_href_puts_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`<base href="/assets/">` makes `<script src="loader.dat">` load /assets/loader.dat:
    the site's code is found where the walk resolves it (the markup scan resolved it
    against the page's URL, read the clean /blog/loader.dat, and passed)."""
    code, pages = _gate(tmp_path, {
        "blog/post.html": '<head><base href="/assets/"></head><p>Ferry news</p>'
                          '<script src="loader.dat"></script>',
        "assets/loader.dat": _LOADER, "blog/loader.dat": "var clean = 1;"}, capsys)
    assert code == 1
    assert sorted(pages) == ["assets/loader.dat", "blog/post.html"]
    (loader,) = pages["assets/loader.dat"]
    assert loader["kind"] == "script"
    assert [v["clause"] for v in loader["violations"]] == ["deny_networks"]  # type: ignore[union-attr]


def test_a_site_file_a_page_runs_as_a_script_is_read_as_one_whatever_its_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`<script src="/widgets/counter.html">` runs the file as JavaScript (Chromium checks
    a classic script's type against images, media and CSV only): it is audited as a
    script besides the page it also is; an SVG run so is blocked as an image, and is not."""
    code, pages = _gate(tmp_path, {
        "index.html": '<p>x</p><script src="/widgets/counter.html"></script>'
                      '<script src="/img/logo.svg"></script>',
        "widgets/counter.html": _LOADER,
        "img/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'}, capsys)
    assert code == 1
    assert [(p["kind"], [v["clause"] for v in p.get("violations", [])])  # type: ignore[union-attr]
            for p in pages["widgets/counter.html"]] == [("html", []), ("script", ["deny_networks"])]
    assert [p["kind"] for p in pages["img/logo.svg"]] == ["svg"]


@pytest.mark.parametrize("name", ["js/app.js", "js/app.txt"])
def test_a_script_is_read_in_the_charset_its_page_gives_it(
        tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`<script charset="utf-16le">`: Chromium decodes the file's bytes (no BOM) as
    UTF-16LE; read in our own guess they were NUL-strewn text that loads nothing. The
    file's own reading is kept too (a `.js` the walk takes is audited as it always is)."""
    code, pages = _gate(tmp_path, {
        "index.html": f'<meta charset="utf-8"><p>x</p><script src="/{name}" '
                      'charset="UTF-16LE"></script>',
        name: _LOADER.encode("utf-16-le")}, capsys)
    assert code == 1
    assert [v["clause"] for p in pages[name] for v in p.get("violations", [])] == [  # type: ignore[attr-defined]
        "deny_networks"]


def test_a_script_without_a_charset_takes_its_pages(tmp_path: Path) -> None:
    """A Shift_JIS page's script is read as Shift_JIS (a browser's fallback for a script
    with no BOM and no `charset` is its page's encoding): in our own guess, windows-1252,
    `表` is two characters and its second a backslash, which escapes the closing quote."""
    from auditor.gate.site import SiteCode

    (tmp_path / "app.js").write_bytes("var label = '表';".encode("shift_jis"))
    page = '<meta charset="shift_jis"><script src="app.js"></script>'
    (tmp_path / "index.html").write_bytes(page.encode("shift_jis"))
    assert _code_of(page, "https://example.com/", tmp_path, "https://example.com/") == {
        (tmp_path / "app.js", SiteCode("script", "Shift_JIS"))}
    texts = [r.text for r in site_records(tmp_path, "https://example.com")
             if isinstance(r, Document) and r.kind == "script"]
    assert len(texts) == 2 and "label = '\u2022\\'" in texts[0]  # our guess, and
    assert "var label = '表';" in texts[1]  # the page's reading


def test_an_svgz_file_is_read_decompressed_and_a_gzip_bomb_is_unreadable(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A gzipped SVG (`.svgz`, sent with `Content-Encoding: gzip`) is the document it
    decompresses to, at its own URL; one that decompresses past a page's limit is an
    unreadable page (a violation), read no further than one byte past the limit."""
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg"><script '
           b'href="https://a.magsrv.com/ad-provider.js"/></svg>')
    code, pages = _gate(tmp_path, {
        "index.html": '<p>x</p><object data="/img/chart.svgz"></object>',
        "img/chart.svgz": gzip.compress(svg),
        "img/bomb.svgz": gzip.compress(b"<svg>" + b" " * (64 * 1024 * 1024 + 1), 1)}, capsys)
    assert code == 1
    ((chart,), (bomb,)) = pages["img/chart.svgz"], pages["img/bomb.svgz"]
    assert (chart["kind"], chart["url"]) == ("svg", "https://example.com/img/chart.svgz")
    assert [v["clause"] for v in chart["violations"]] == ["deny_networks"]  # type: ignore[union-attr]
    assert [v["clause"] for v in bomb["violations"]] == ["unreadable"]  # type: ignore[union-attr]
    assert "larger than 64 MiB" in bomb["errors"][0]  # type: ignore[index]


def test_a_form_a_handler_submits_through_a_character_reference_fails_the_gate(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`onload="f.&#115;ubmit()"` runs `f.submit()` (the parser decodes the attribute;
    Chromium 156 was sent to the action): the form is a navigation `deny_hosts` judges,
    not a form waiting for a visitor."""
    code, pages = _gate(tmp_path, {
        "index.html": '<body onload="document.forms.g.&#115;ubmit()"><p>x</p><form name="g" '
                      'action="https://go.example.net/r"><input type=hidden name=q value=1>'
                      '</form></body>'}, capsys, 'deny_hosts = ["go.example.net"]\n')
    assert code == 1
    (page,) = pages["index.html"]
    assert [v["clause"] for v in page["violations"]] == ["deny_hosts"]  # type: ignore[union-attr]


@pytest.mark.parametrize("script", [
    "var a=document.createElement('a');a.href='https://go.example.net/r';a.click();",
    "document.querySelector('a#next').click();"])
def test_a_link_the_pages_code_clicks_is_a_navigation_the_gate_judges(
        tmp_path: Path, script: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A script that clicks a link it made or found sends the visitor away as
    `location.href = …` does (Chromium 156 followed each): `deny_hosts` fails the page."""
    code, pages = _gate(tmp_path, {
        "index.html": '<p>x</p><a id="next" href="https://go.example.net/r">next</a>'
                      f"<script>{script}</script>"}, capsys, 'deny_hosts = ["go.example.net"]\n')
    assert code == 1
    (page,) = pages["index.html"]
    assert [v["clause"] for v in page["violations"]] == ["deny_hosts"]  # type: ignore[union-attr]


def test_an_htaccess_files_link_header_is_audited_as_the_headers_file_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Apache sends the `Link` a site's `.htaccess` sets (`Header add Link "<…>;
    rel=preload; as=script"`) with the responses of its folder, and Chromium fetches a
    header's preload as the element's: the file is audited as `_headers` is (kind
    `headers`, each `<link>` at its directive's line), inside `<FilesMatch>` or not; a
    `.htaccess` in a hidden folder is not served from."""
    code, pages = _gate(tmp_path, {
        "index.html": "<p>x</p>",
        ".htaccess": '# caching and preloads\n<IfModule mod_headers.c>\n'
                     '  <FilesMatch "\\.html$">\n'
                     '    Header add Link "<https://a.magsrv.com/ad-provider.js>; rel=preload;'
                     ' as=script"\n  </FilesMatch>\n'
                     '  header always set link "</css/site.css>; rel=preload; as=style"\n'
                     '  Header set Cache-Control "max-age=600"\n</IfModule>\n',
        ".git/.htaccess": 'Header add Link "<https://b.magsrv.com/x.js>; rel=preload; '
                          'as=script"\n'}, capsys)
    assert code == 1
    assert sorted(pages) == [".htaccess", "index.html"]
    (htaccess,) = pages[".htaccess"]
    assert htaccess["kind"] == "headers"
    assert [(r["url"], r["line"]) for r in htaccess["resources"]] == [  # type: ignore[union-attr]
        ("https://a.magsrv.com/ad-provider.js", 4), ("https://example.com/css/site.css", 6)]
    assert [(v["clause"], v["line"]) for v in htaccess["violations"]] == [  # type: ignore[union-attr]
        ("deny_networks", 4)]


def test_code_a_large_page_or_a_headers_file_loads_is_found_within_the_audits_limits(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The walk that finds a page's code reads within the limits the audit reads with:
    a page past the default element limit, audited under `--max-elements`, still has its
    `/lib/ads.txt` audited as a script; so has a `_headers` file's preloaded one."""
    site = tmp_path / "public"
    (site / "lib").mkdir(parents=True)
    (site / "index.html").write_text('<script src="/lib/ads.txt"></script>'
                                     + "<i>x</i>" * 100_001)
    (site / "_headers").write_text("/*\n  Link: </lib/more.dat>; rel=preload; as=script\n")
    (site / "lib/ads.txt").write_text(_LOADER)
    (site / "lib/more.dat").write_text(_LOADER.replace("a.magsrv", "b.magsrv"))
    (tmp_path / "auditor.toml").write_text('deny_networks = ["ExoClick"]\n')
    code = main(["audit", str(site), "--policy", str(tmp_path / "auditor.toml"), "--base-url",
                 "https://example.com", "--no-system-lists", "--format", "json",
                 "--max-elements", "200000"])
    pages = {p["input"].split("public/", 1)[1]: p
             for p in json.loads(capsys.readouterr().out)["pages"]}
    assert code == 1 and not pages["index.html"].get("errors")
    assert [(name, pages[name]["kind"], [v["clause"] for v in pages[name]["violations"]])
            for name in ("lib/ads.txt", "lib/more.dat")] == [
        ("lib/ads.txt", "script", ["deny_networks"]), ("lib/more.dat", "script", ["deny_networks"])]



def test_a_file_read_two_ways_is_one_alert_and_two_named_test_cases(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A `.html` page another page also runs by `<script src>` is two reports of one path:
    the violation both readings find is one SARIF result (two of one fingerprint were two
    alerts of one thing), and the JUnit cases are told apart (two of one name are merged or
    overwritten by CI test views)."""
    site = tmp_path / "public"
    site.mkdir()
    (site / "index.html").write_text('<p>x</p><script src="/frag.html"></script>')
    (site / "frag.html").write_text(_LOADER)
    (tmp_path / "auditor.toml").write_text('deny_networks = ["ExoClick"]\n')
    args = ["audit", str(site), "--policy", str(tmp_path / "auditor.toml"),
            "--base-url", "https://example.com", "--no-system-lists"]
    assert main([*args, "--format", "sarif"]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
             .endswith("public/frag.html")) for r in results] == [("deny_networks", True)]
    assert main([*args, "--format", "junit"]) == 1
    names = [line.split(' name="', 1)[1].split('"', 1)[0]
             for line in capsys.readouterr().out.splitlines() if "<testcase " in line]
    assert sorted(name.rsplit("/", 1)[-1] for name in names) == [
        "frag.html", "frag.html (as script)", "index.html"]


def test_site_mode_parses_each_page_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Site mode reads a page's tree to find the site files it loads as code, and the
    audit reads the same tree: each page's markup is parsed once (it was twice)."""
    import auditor.dom.page as page_module

    parsed: Counter[bytes] = Counter()
    real = page_module.parse_counted

    def counting(data: bytes, *args: Any, **kwargs: Any) -> Any:
        parsed[data] += 1
        return real(data, *args, **kwargs)

    monkeypatch.setattr(page_module, "parse_counted", counting)
    site = tmp_path / "public"
    (site / "js").mkdir(parents=True)
    (site / "js/app.js").write_text('document.title = "x";')
    (site / "index.html").write_text('<script src="/js/app.js"></script><p>Home</p>')
    (site / "post.html").write_text('<link rel="stylesheet" href="/s.css"><p>A post</p>')
    (site / "plain.html").write_text("<p>No links at all</p>")
    (tmp_path / "auditor.toml").write_text('deny_networks = ["ExoClick"]\n')
    code = main(["audit", str(site), "--policy", str(tmp_path / "auditor.toml"),
                 "--base-url", "https://example.com", "--format", "json"])
    assert code == 0
    audited = {p["input"].rsplit("/", 1)[-1] for p in json.loads(capsys.readouterr().out)["pages"]}
    assert {"index.html", "post.html", "plain.html", "app.js"} <= audited
    assert parsed and set(parsed.values()) == {1}, parsed
    assert len(parsed) >= 4  # every page and the script were parsed, each once


@pytest.mark.parametrize("fmt", ["terminal", "json", "md", "sarif", "junit", "html"])
def test_a_page_whose_name_is_no_utf8_is_judged_like_any_other(tmp_path: Path,
                                                               fmt: str) -> None:
    """A page saved under a Latin-1 name (`caf\xe9.html`, a site copied from an old
    server) ended every gated run in "internal error: UnicodeEncodeError": its URL was
    quoted as text, and the name holds a byte no text has. Its violation is found and
    named, in every format, as the command is run."""
    import os
    import subprocess
    import sys

    site = tmp_path / "public"
    site.mkdir()
    (site / "index.html").write_text("<p>story</p>")
    (site / os.fsdecode(b"caf\xe9.html")).write_text(
        "<p>story</p><script src='https://a.magsrv.com/ad-provider.js'></script>")
    (tmp_path / "auditor.toml").write_text('base_url = "https://example.com"\n'
                                           'deny_networks = ["ExoClick"]\n')
    result = subprocess.run([sys.executable, "-m", "auditor", "audit", "public",
                             "--no-system-lists", "--format", fmt], cwd=tmp_path,
                            capture_output=True, timeout=300, check=False)
    assert result.returncode == 1, result.stderr
    assert b"caf" in result.stdout and b"ExoClick is denied" in result.stdout


@pytest.mark.parametrize("given", ["public", "public/blog", "public/blog/",
                                   "public/blog/post.html"])
def test_a_folder_inside_site_root_has_its_pages_at_their_place_in_the_site(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str) -> None:
    """`auditor audit public/blog` (a job gating the section it built, `site_root =
    "public"`) took its pages' paths and URLs under `public/blog`: `post.html` at
    https://example.com/post.html. An override for `blog/**` that denies a network never
    applied (exit 0, policy passed), and the baseline `auditor audit public` wrote did
    not match. A folder inside site_root is the site's, as a file named inside it is."""
    site = tmp_path / "public"
    (site / "blog").mkdir(parents=True)
    (site / "index.html").write_text("<p>story</p>")
    (site / "blog" / "post.html").write_text(
        "<p>story</p><script src='https://a.magsrv.com/ad-provider.js'></script>")
    policy = tmp_path / "auditor.toml"
    policy.write_text('base_url = "https://example.com"\nsite_root = "public"\n'
                      '[[override]]\npaths = ["blog/**"]\ndeny_networks = ["ExoClick"]\n')
    argv = ["--policy", str(policy), "--no-system-lists", "--format", "json"]
    code = main(["audit", str(tmp_path / given), *argv])
    pages = json.loads(capsys.readouterr().out)["pages"]
    assert code == 1
    post = next(p for p in pages if p["input"].endswith("post.html"))
    assert post["url"] == "https://example.com/blog/post.html"
    assert {v["path"] for v in post["violations"]} == {"blog/post.html"}
    baseline = tmp_path / "baseline.json"
    assert main(["audit", str(site), *argv, "--write-baseline", str(baseline)]) == 0
    capsys.readouterr()
    assert main(["audit", str(tmp_path / given), *argv, "--baseline", str(baseline)]) == 0
