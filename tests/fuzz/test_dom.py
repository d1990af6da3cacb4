"""Fuzz the parse and the walk, and the whole audit of a page: generated HTML with random
tags, attributes, scripts, entities and charsets, as text and as bytes on disk.

The parse never raises; the walk finds only fetchable absolute URLs of elements in the
page; the audit of any page is a report (or, for bytes that are no page, one InputError),
and every reporter renders it with nothing page-derived left raw.
"""

from __future__ import annotations

import io
import json
import re
from urllib.parse import urlsplit

import lxml.html
from hypothesis import example, given
from hypothesis import strategies as st

from auditor import __version__
from auditor.dom.parser import Paths, parse_html
from auditor.dom.walk import declared_page_url, page_base, page_title, walk
from auditor.heuristics.redirects import code_only
from auditor.model import AuditReport, RequestType
from auditor.pipeline import audit, audit_document
from auditor.readers import Document, InputError
from auditor.report import REPORTERS, RunSummary
from auditor.urls import FETCHABLE_SCHEMES
from fuzz.budget import fuzz
from fuzz.engines import audit_engine, catalogue
from fuzz.strategies import ad_page, hostile_text, html_page, page_bytes, surrogate_text, url

markup = st.one_of(html_page(), ad_page(), st.text(max_size=200), hostile_text)
page_url = st.one_of(st.none(), url)


def _root_of(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    return el.getroottree().getroot()


@fuzz(100)
@given(text=markup, base_url=page_url)
@example(text="<iframe srcdoc='<img src=//t.test/p>'></iframe><base href='//[::1'>",
         base_url="https://[::1")
@example(text="<p>x</p></html>y<head><script src='//a.magsrv.com/x.js'></script></head>z",
         base_url=None)
def test_the_walk_finds_only_fetchable_urls_of_the_pages_elements(text: str,
                                                                   base_url: str | None) -> None:
    root = parse_html(text)
    reachable = set(root.iter())
    unreachable = [e for e in root.getroottree().xpath("//*") if e not in reachable]
    # all the parser made is in the page, but the emptied wrappers of markup after </html>
    assert all(e.tag in ("html", "head", "body") and not e.text for e in unreachable)
    base = page_base(root.iter("base"), base_url)
    for found in walk(root, base):
        parts = urlsplit(found.url)
        assert parts.scheme.lower() in FETCHABLE_SCHEMES and parts.hostname, found.url
        assert isinstance(found.type, RequestType)
        assert _root_of(found.element) is root  # srcdoc finds are cited at their iframe
    declared = declared_page_url(root)
    assert declared is None or urlsplit(declared).scheme.lower() in FETCHABLE_SCHEMES
    title = page_title(root.iter("title"), root.iter("meta"))
    assert title is None or (title and title == " ".join(title.split()))


@fuzz(80)
@given(text=markup)
def test_an_elements_path_is_the_one_lxml_gives(text: str) -> None:
    """A page's `Paths` is `getpath` in linear time: the same path for every node."""
    root = parse_html(text)
    tree = root.getroottree()
    paths = Paths()
    for node in root.iter():
        assert paths.of(node) == tree.getpath(node)


_SGR = re.compile(r"\x1b\[[0-9;]*m")  # the terminal reporter's own colours


def render_everywhere(report: AuditReport) -> dict[str, str]:
    """The report in every format, as `auditor audit --format F` writes it."""
    out: dict[str, str] = {}
    for fmt, make in REPORTERS.items():
        buffer = io.StringIO()
        reporter = make(buffer, __version__, False)
        reporter.start(report.lists)
        for page in report.pages:
            reporter.handle(page)
        reporter.finished(RunSummary(len(report.pages), sum(bool(p.errors) for p in report.pages),
                                     0, 0, False, True))
        out[fmt] = buffer.getvalue()
    return out


def assert_rendered_safely(report: AuditReport) -> None:
    """Every format renders; JSON stays valid and one record a line; no ESC from a page
    reaches any output raw, nor a line separator a line-based text output."""
    for fmt, text in render_everywhere(report).items():
        shown = _SGR.sub("", text) if fmt == "terminal" else text
        assert "\x1b" not in shown, fmt
        if fmt == "json":
            json.loads(text)
        if fmt == "jsonl":
            for line in filter(None, text.split("\n")):
                json.loads(line)
        if fmt in ("terminal", "md"):  # JSON may hold them raw: lines end at \n only
            assert not {"\u2028", "\u2029", "\x85"} & set(text), fmt


@fuzz(50)
@given(data=page_bytes(), base_url=page_url)
@example(data=b'<html><meta charset="utf-16"><script src="https://a.magsrv.com/ad-provider.js">'
              b"</script>\x00<ins id='div-gpt-ad-\x01'></ins>", base_url="https://[::1")
# a tag name holding a control character: its slot's xpath is one lxml refuses to evaluate
@example(data=b'<A\x1f<ins class="adsbygoogle" data-ad-client="ca-pub-1234567890123456" '
              b'data-ad-slot="1234567890"></ins><ins class="adsbygoogle" data-ad-client='
              b'"ca-pub-1234567890123456" data-ad-slot="1234567890"></ins>', base_url=None)
def test_the_audit_of_any_page_is_a_report(data: bytes, base_url: str | None) -> None:
    """What `auditor audit page.html` does, on any page's bytes."""
    try:
        report = audit(data, url=base_url, engine=audit_engine(), catalogue=catalogue())
    except InputError as exc:  # binary, empty, or JSON that is not a post: a clean refusal
        assert "\n" not in str(exc)
        return
    assert report.pages, "a page read is a page reported"
    for page in report.pages:
        assert page.input.startswith("<bytes>")
        assert all("audit failed" not in e for e in page.errors)
    assert_rendered_safely(report)


documents = st.builds(
    Document,
    input=st.sampled_from(["p.html", "posts.json#post-1", "a.warc#0", "n-\x1b[2J.html"]),
    kind=st.sampled_from(["html", "wp-json", "warc-record", "text"]),
    text=st.one_of(html_page(), ad_page(), surrogate_text, st.text(max_size=300)),
    url=st.one_of(page_url, surrogate_text),
    title=st.one_of(st.none(), surrogate_text, st.text(max_size=20)),
    markup=st.booleans(),
    in_post_body=st.booleans(),
    post_id=st.one_of(st.none(), st.integers()),
)


@fuzz(50)
@given(doc=documents)
def test_the_audit_of_any_document_is_a_report(doc: Document) -> None:
    """What every reader hands the pipeline (post bodies, plain text, lone surrogates in
    titles, escapes in names) audits without raising and renders safely."""
    page = audit_document(doc, audit_engine(), catalogue())
    assert page.input == doc.input and page.errors == ()
    assert_rendered_safely(AuditReport(__version__, audit_engine().lists, (page,)))



_JS_BITS = st.sampled_from(["{", "}", "(", ")", "/", "*", "'", '"', "`", "\\", "[", "]", "\n",
                            ";", " ", "a", "1", "return", "=", "//", "/*", "*/", "${"])


@fuzz(100)
@given(script=st.one_of(st.lists(_JS_BITS, max_size=60).map("".join), hostile_text))
@example(script="f(/[/]{/); a / b /* x { */")
def test_blanking_a_scripts_non_code_keeps_every_offset_and_line(script: str) -> None:
    """The redirect check reads the blanked script at the offsets found in the script
    (or, when the script does not read as code, the script itself)."""
    code = code_only(script)
    if code is None:
        return
    assert len(code) == len(script)
    assert [i for i, c in enumerate(code) if c == "\n"] == [
        i for i, c in enumerate(script) if c == "\n"]
    assert all(c == s or c == " " or (c in "()" and s in "${}")
               for c, s in zip(code, script, strict=True))
