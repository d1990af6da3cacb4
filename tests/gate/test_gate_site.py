"""Site mode: which files are pages, their paths under the site, and their URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.gate.site import page_url, site_pages, site_path, site_records
from auditor.readers import Document, ReadFailure


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


def test_site_pages_are_html_files_not_hidden(tmp_path: Path) -> None:
    for name in ("index.html", "blog/a.htm", "blog/b.xhtml", "assets/site.css",
                 "search.json", "robots.txt", ".git/x.html", "blog/.draft.html"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<p>x</p>")
    assert [p.relative_to(tmp_path).as_posix() for p in site_pages(tmp_path)] == [
        "blog/a.htm", "blog/b.xhtml", "index.html"]


def test_an_unreadable_page_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "index.html").write_text("<p>hello</p>")
    records = list(site_records(tmp_path, "https://example.com"))
    assert isinstance(records[0], ReadFailure) and "empty" in records[0].error
    assert isinstance(records[1], Document) and records[1].url == "https://example.com/"
