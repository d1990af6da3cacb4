"""MHTML (Chrome's and Edge's "Save as single file", IE's `.mht`): sniffed from its
headers, the page and its URL read from the first HTML part, every other part handed on as
something the browser loaded; a hostile message is one line of error in bounded time."""

from __future__ import annotations

import html
import io
import time
from pathlib import Path

import pytest

from auditor.readers import Document, InputError, read_source
from auditor.readers.mhtml import MAX_PARTS, is_mhtml
from auditor.readers.registry import kind_of, walkable
from tests.mhtml_fixtures import (
    AD_FRAME_CID,
    AD_FRAME_URL,
    CHROME_BOUNDARY,
    CREATIVE_URL,
    GPT_CREATIVE_URL,
    GPT_FRAME_CID,
    PAGE_URL,
    PNG,
    Part,
    chrome,
    ie,
    saved_article,
)

PAGE = b"<!DOCTYPE html><html><head><title>Quay works</title></head><body><p>x</p></body></html>"


def _page(data: bytes) -> Document:
    records = list(read_source(data))
    assert len(records) == 1 and isinstance(records[0], Document), records
    return records[0]


@pytest.mark.parametrize(("head", "expected"), [
    (saved_article()[:4096], True),
    (ie("Quay works", [Part("text/html", "http://intranet.example/quay.htm", PAGE)])[:4096], True),
    # the words in a page, or a mail that is not multipart/related, are no MHTML
    (b"<html><pre>Content-Type: multipart/related; boundary=x</pre></html>", False),
    (b"From: a@example.test\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nhello", False),
    (b"Note: Content-Type: multipart/related\nand more text\n", False),
])
def test_sniffed_from_its_headers(head: bytes, expected: bool) -> None:
    assert is_mhtml(head) is expected
    assert (kind_of(io.BytesIO(head), "saved") == "mhtml") is expected


def test_a_directory_walk_reads_saved_pages() -> None:
    assert walkable(Path("Ferry.mhtml")) and walkable(Path("Ferry.mht"))


def test_chrome_copy_is_the_page_at_its_snapshot_url() -> None:
    doc = _page(saved_article())
    assert doc.kind == "mhtml" and doc.url == PAGE_URL
    assert "<h1>Ferry timetable changes</h1>" in doc.text  # quoted-printable undone
    # the frame's `cid:` address is the URL it came from, on the same line of the page
    assert "cid:" not in doc.text.split("<div id=")[0]
    line = next(n for n, t in enumerate(doc.text.splitlines()) if "aswift_0" in t)
    assert html.escape(AD_FRAME_URL, quote=True) in doc.text.splitlines()[line]
    # what Chrome saved beside the page, each at its URL: frames first, with their documents
    parts = doc.saved_parts.splitlines()
    assert parts[0].startswith(f'<iframe src="{html.escape(AD_FRAME_URL, quote=True)}" '
                               f'data-cid="{AD_FRAME_CID}" srcdoc=')
    assert html.escape(html.escape(CREATIVE_URL)) in parts[0]
    # GPT's frame has no URL (about:blank): the `cid:` address the page's iframe keeps
    assert parts[1].startswith(f'<iframe data-cid="{GPT_FRAME_CID}" srcdoc=')
    assert GPT_CREATIVE_URL in parts[1]
    assert '<link rel="stylesheet" href="https://www.harbourgazette.test/css/site.css">' in parts
    assert f'<img src="{CREATIVE_URL}">' in parts


def test_ie_copy_takes_the_page_part_url_and_keeps_scripts() -> None:
    data = ie("Quay works", [
        Part("text/html; charset=\"windows-1252\"", "http://intranet.example/quay.htm",
             PAGE.replace(b"<p>x</p>", b"<p>caf\xe9</p>")),
        Part("application/x-javascript", "http://www.google-analytics.com/urchin.js",
             b"var _uacct;", encoding="quoted-printable"),
    ])
    doc = _page(data)
    assert doc.url == "http://intranet.example/quay.htm"
    assert "café" in doc.text  # the part's charset
    assert doc.saved_parts == '<script src="http://www.google-analytics.com/urchin.js"></script>'


def test_a_url_the_caller_gives_stands_only_when_the_copy_names_none() -> None:
    named = next(iter(read_source(saved_article(), url="https://elsewhere.test/")))
    assert isinstance(named, Document) and named.url == PAGE_URL
    bare = chrome("cid:x", "t", [Part("text/html", "file:///C:/quay.htm", PAGE)])
    unnamed = next(iter(read_source(bare, url="https://given.test/quay")))
    assert isinstance(unnamed, Document) and unnamed.url == "https://given.test/quay"


def test_part_urls_are_markup_escaped() -> None:
    evil = 'https://ads.example.test/p.gif?a="><script>alert(1)</script>'
    doc = _page(chrome(PAGE_URL, "t", [Part("text/html", PAGE_URL, PAGE),
                                       Part("image/gif", evil, PNG)]))
    assert "<script>" not in doc.saved_parts
    assert doc.saved_parts == f'<img src="{html.escape(evil, quote=True)}">'


def _raw_part(headers: str, body: bytes) -> bytes:
    return f"--{CHROME_BOUNDARY}\r\n{headers}\r\n\r\n".encode() + body + b"\r\n"


@pytest.mark.parametrize(("data", "error"), [
    (b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
     b'\ttype="text/html"\r\n\r\n<html>x</html>', "without a multipart boundary"),
    (chrome(PAGE_URL, "t", []).replace(f"--{CHROME_BOUNDARY}--".encode(), b"<html>x</html>"),
     "boundary opens no part"),
    (chrome(PAGE_URL, "t", [Part("image/png", "https://a.test/x.png", PNG)]), "no HTML part"),
    (chrome(PAGE_URL, "t", []).replace(
        f"--{CHROME_BOUNDARY}--".encode(),
        _raw_part("Content-Type: text/html\r\nContent-Transfer-Encoding: base64",
                  b"PGh0bWw+a===")), "base64 body that does not decode"),
    (chrome(PAGE_URL, "t", [Part("text/html", PAGE_URL, PAGE, encoding="x-uuencode")]),
     "unknown transfer encoding"),
])
def test_broken_messages_are_one_line_errors(data: bytes, error: str) -> None:
    with pytest.raises(InputError, match=error) as caught:
        list(read_source(data))
    assert "\n" not in str(caught.value)


def test_too_many_parts_is_an_error_in_bounded_time() -> None:
    tiny = [Part("image/gif", f"https://px{i}.test/p.gif", b"GIF89a") for i in range(MAX_PARTS)]
    data = chrome(PAGE_URL, "t", [Part("text/html", PAGE_URL, PAGE), *tiny])
    started = time.process_time()
    with pytest.raises(InputError, match="more than 20,000 parts"):
        list(read_source(data))
    assert time.process_time() - started < 5


def test_parts_whose_headers_never_end_are_passed_over_in_bounded_time() -> None:
    # each damaged part's header search stops at its end, not 64 KB on (40,000 took 25 s)
    broken = f"--{CHROME_BOUNDARY}\r\nX-Junk: y\r\n".encode() * 200_000
    data = chrome(PAGE_URL, "t", [Part("text/html", PAGE_URL, PAGE)])
    data = data.replace(f"--{CHROME_BOUNDARY}--".encode(), broken, 1)
    started = time.process_time()
    doc = _page(data)
    assert time.process_time() - started < 5
    assert "Quay works" in doc.text and doc.saved_parts == ""


def test_a_large_part_is_not_decoded() -> None:
    big = Part("image/png", "https://a.test/big.png", b"\0" * (30 * 1024 * 1024))
    data = chrome(PAGE_URL, "t", [Part("text/html", PAGE_URL, PAGE), big])
    started = time.process_time()
    doc = _page(data)
    assert time.process_time() - started < 5
    assert doc.saved_parts == '<img src="https://a.test/big.png">'


def test_nested_multipart_is_passed_over_and_a_cut_message_read() -> None:
    nested = _raw_part('Content-Type: multipart/alternative; boundary="inner"\r\n'
                       "Content-Location: https://a.test/inner",
                       b"--inner\r\nContent-Type: text/html\r\n\r\n<p>inner</p>\r\n--inner--")
    data = chrome(PAGE_URL, "t", [Part("text/html", PAGE_URL, PAGE)])
    data = data.replace(f"--{CHROME_BOUNDARY}\r\n".encode(), nested + f"--{CHROME_BOUNDARY}\r\n"
                        .encode(), 1)
    doc = _page(data)
    assert "Quay works" in doc.text and "inner" not in doc.saved_parts
    cut = _page(data[:data.rindex(b"</html>") + 7])  # no close delimiter: cut short
    assert "Quay works" in cut.text


def test_a_message_whose_first_boundary_follows_the_headers_directly() -> None:
    """Python's email generator (and RFC 2046, with no preamble) puts the first delimiter
    on the line after the headers' blank line; Blink leaves one more blank line. The
    delimiter was looked for only after a line end past the blank line, so such a file
    was "MHTML whose boundary opens no part", exit 2."""
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    message = MIMEMultipart("related", type="text/html")
    message["Snapshot-Content-Location"] = PAGE_URL
    part = MIMEText(PAGE.decode(), "html")
    part["Content-Location"] = PAGE_URL
    message.attach(part)
    data = message.as_bytes()
    assert b"\n\n--" in data[:600]  # the form at issue: no line between headers and part
    page = _page(data)
    assert page.url == PAGE_URL and "Quay works" in page.text
