"""Site mode: which files are pages, their paths under the site, and their URLs."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from auditor.catalogue import default_catalogue
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
                 "search.json.gz", ".git/x.html", "blog/.draft.html"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<p>x</p>")
    assert [p.relative_to(tmp_path).as_posix() for p in site_pages(tmp_path)] == [
        "assets/app.js", "assets/site.css", "blog/a.htm", "blog/b.xhtml", "blog/c.html.gz",
        "index.html"]


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
