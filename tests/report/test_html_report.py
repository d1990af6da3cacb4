"""The HTML report escapes everything a hostile page controls and loads nothing."""

from __future__ import annotations

import io
from html.parser import HTMLParser

from auditor.model import NO_MATCH, ListInfo
from auditor.pipeline import audit
from auditor.report import RunSummary
from auditor.report.html_report import HtmlReporter


class NoRules:
    lists = (ListInfo("none", "-", 0, "0" * 64),)

    def match(self, url: str, source_url: str | None = None, type: str = "other") -> object:
        return NO_MATCH

    def cosmetic(self, root: object, hostname: str, source: bytes | None = None) -> list[object]:
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
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "iframe", "img", "a", "link"}
    assert all(not any(k.startswith("on") for k in attrs) for _, attrs in parser.tags)
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in out.getvalue()
    assert "default-src 'none'" in out.getvalue()
