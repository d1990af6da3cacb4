"""Archive readers: every record comes out once, as a page, a skip or a failure."""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import time

import pytest
from archive_fixtures import (
    Rec,
    member_offsets,
    page,
    response,
    tar_bytes,
    wacz_bytes,
    warc_bytes,
    warc_record,
    wp_post,
    zip_bytes,
)

from auditor.readers import Document, ReadFailure, Skipped, read_source
from auditor.readers.framing import next_boundary
from auditor.readers.warc import read_warc

HTML = page("Article", exo_zone="5876674", juicy_zone="1045223", adsense="ca-pub-8120000000000123")


def kinds(records: list[object]) -> list[str]:
    return [type(r).__name__[0] for r in records]  # D(ocument), S(kipped), R(eadFailure)


def mixed() -> list[Rec]:
    return [
        response("https://a.example/1", HTML, encoding="gzip", chunked=True),
        response("https://a.example/2", HTML, encoding="br"),
        response("https://a.example/3", HTML, encoding="deflate", chunked=True),
        Rec("https://a.example/logo.png", b"\x89PNG\r\n\x1a\n\0\0", content_type="image/png"),
        Rec("https://a.example/1", rec_type="revisit"),
        Rec("https://a.example/1", rec_type="request"),
        Rec("https://a.example/meta", b"x: y", rec_type="metadata",
            content_type="application/warc-fields"),
        response("https://a.example/moved", "<html>moved</html>", status="301 Moved"),
        response("https://a.example/untyped", HTML, content_type="application/octet-stream"),
        response("https://a.example/data.bin", "\0\1\2\3" * 100,
                 content_type="application/octet-stream"),
    ]


@pytest.mark.parametrize("compress", [True, False])
def test_warc_records_are_decoded_and_classified(compress: bool) -> None:
    records = list(read_warc(io.BytesIO(warc_bytes(mixed(), compress=compress)), "t.warc"))
    # warcinfo, 3 decoded pages, image, revisit, request, metadata, 301, sniffed page, binary
    assert kinds(records) == list("SDDDSSSSSDS")
    docs = [r for r in records if isinstance(r, Document)]
    assert [d.url for d in docs] == ["https://a.example/1", "https://a.example/2",
                                     "https://a.example/3", "https://a.example/untyped"]
    assert all(d.text == HTML for d in docs)
    assert all(re.fullmatch(r"t\.warc#\d+", r.input) for r in records)
    reasons = [r.reason for r in records if isinstance(r, Skipped)]
    assert reasons[:4] == ["warcinfo", "image/png", "revisit", "request"]
    assert "HTTP 301" in reasons


def test_a_text_plain_record_quoting_a_tag_is_no_page() -> None:
    """Servers label HTML `text/plain` too, so such a record is sniffed; one whose tags are
    quoted in its prose (a tag alone on its line among paragraphs) is text, no page."""
    notes = ("Kit notes\n\nThe kit adds this line to every page:\n\n<script src=\"https://"
             "k.example/a.js\"></script>\n\nRemove the plugin and it goes.\n")
    records = list(read_warc(io.BytesIO(warc_bytes([
        response("https://a.example/notes.txt", notes, content_type="text/plain"),
        response("https://a.example/page", HTML, content_type="text/plain")])), "t.warc"))
    assert [r.url for r in records if isinstance(r, Document)] == ["https://a.example/page"]
    assert any(isinstance(r, Skipped) and r.reason.startswith("text/plain") for r in records)


def test_record_offsets_are_gzip_member_offsets() -> None:
    data = warc_bytes(mixed())
    records = list(read_warc(io.BytesIO(data), "t"))
    assert [int(r.input.split("#")[1]) for r in records] == member_offsets(data)


def test_charset_comes_from_the_http_header() -> None:
    html = "<html><body><p>café crème brûlée</p></body></html>"
    rec = Rec("https://a.example/", html.encode("cp1252"),
              content_type="text/html; charset=windows-1252")
    [_, doc] = list(read_warc(io.BytesIO(warc_bytes([rec])), "t"))
    assert isinstance(doc, Document) and "café crème brûlée" in doc.text


def test_damage_is_one_failed_record_and_the_rest_is_read(
        capfd: pytest.CaptureFixture[str]) -> None:
    """...and nothing is printed for it: warcio wrote each damaged block's zlib error
    to stderr, unprefixed (33 lines for one member of a large record)."""
    noise = random.Random(3).randbytes(60_000).hex()  # a member many blocks long
    recs = [response(f"https://s{i}.example/", f"<p>{noise}</p>" if i == 2 else HTML,
                     encoding="gzip", chunked=True) for i in range(6)]
    data = bytearray(warc_bytes(recs))
    offsets = member_offsets(bytes(data))
    middle = (offsets[3] + offsets[4]) // 2
    data[middle: middle + 40] = b"\0" * 40  # corrupt one member part way
    truncated = bytes(data[:-25])  # and cut the last one short
    records = list(read_warc(io.BytesIO(truncated), "t"))
    assert kinds(records) == list("SDDRDDR")
    assert records[3].input == f"t#{offsets[3]}"
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("delta", [-40, 40, 5000])
def test_wrong_content_length_fails_only_that_record(delta: int) -> None:
    recs = [response(f"https://s{i}.example/", HTML) for i in range(4)]
    data = warc_bytes(recs, compress=False)
    lengths = list(re.finditer(rb"Content-Length: (\d+)\r\n\r\nHTTP", data))
    m = lengths[1]
    bad = data[:m.start(1)] + str(int(m.group(1)) + delta).encode() + data[m.end(1):]
    records = list(read_warc(io.BytesIO(bad), "t"))
    assert kinds(records) == list("SDRDD")
    assert "Content-Length" in records[2].error  # type: ignore[union-attr]


def test_record_over_the_cap_is_a_failure_without_reading_it() -> None:
    big = page("Big", words=20000)
    recs = [response("https://s.example/small", HTML), response("https://s.example/big", big)]
    records = list(read_warc(io.BytesIO(warc_bytes(recs)), "t", max_record_bytes=50_000))
    assert kinds(records) == list("SDR")
    assert "cap" in records[2].error  # type: ignore[union-attr]


def test_gzip_body_that_is_not_gzip_fails_and_binary_html_fails() -> None:
    recs = [Rec("https://s.example/a", b"\x1f\x8bnot really gzip at all", encoding=None,
                extra=[("Content-Encoding", "gzip")]),
            Rec("https://s.example/b", b"\0\1\2\3\4\5" * 50)]
    records = list(read_warc(io.BytesIO(warc_bytes(recs)), "t"))
    assert kinds(records) == list("SRR")


def test_whole_file_gzip_and_truncation() -> None:
    recs = [response(f"https://s{i}.example/", page(f"p{i}", words=3000), encoding="br")
            for i in range(5)]
    whole = gzip.compress(warc_bytes(recs, compress=False))
    assert kinds(list(read_warc(io.BytesIO(whole), "t"))) == list("SDDDDD")
    cut = list(read_warc(io.BytesIO(whole[: len(whole) * 2 // 3]), "t"))
    assert kinds(cut)[-1] == "R" and "truncated" in cut[-1].error  # type: ignore[union-attr]


@pytest.mark.parametrize("compress", [True, False])
def test_byte_range_shards_tile_the_file(compress: bool) -> None:
    recs = [response(f"https://s{i}.example/", page(f"p{i}", words=50 + 37 * i))
            for i in range(30)]
    data = warc_bytes(recs, compress=compress)
    whole = [r.input for r in read_warc(io.BytesIO(data), "t")]
    for step in (500, 1777, 4096):
        parts: list[str] = []
        for lo in range(0, len(data), step):
            hi = lo + step if lo + step < len(data) else None
            parts += [r.input for r in read_warc(io.BytesIO(data), "t", span=(lo, hi))]
        assert parts == whole


def test_boundary_is_not_fooled_by_a_warc_inside_a_payload() -> None:
    inner = warc_bytes([response("https://in.example/", HTML)], compress=False)
    data = warc_bytes([Rec("https://out.example/x.warc", inner,
                           content_type="application/warc")], compress=False)
    first = data.index(b"WARC/1.", 10)
    assert next_boundary(io.BytesIO(data), first, gz=False) is None or \
        next_boundary(io.BytesIO(data), first, gz=False) == data.index(b"WARC/1.", first)


def test_wacz_reads_its_warc_and_skips_its_metadata() -> None:
    data = wacz_bytes(warc_bytes(mixed()), ["https://a.example/1"])
    records = list(read_source(data))
    warc_records = [r for r in records if "#archive/data.warc.gz#" in r.input]
    assert kinds(warc_records) == list("SDDDSSSSSDS")
    meta = [r for r in records if r not in warc_records]
    assert all(isinstance(r, Skipped) and r.reason == "WACZ metadata" for r in meta)
    assert len(meta) == 3


def test_zip_of_pages_posts_and_a_nested_warc() -> None:
    posts = json.dumps([wp_post(1, "https://wp.example/?p=1", HTML),
                        wp_post(2, "https://wp.example/?p=2", "<p>hello</p>")])
    data = zip_bytes({"site/index.html": HTML.encode(), "posts.json": posts.encode(),
                      "img/logo.png": b"\x89PNG\r\n\x1a\n\0\0\0\0", "bad.json": b"{nope",
                      "crawl.warc.gz": warc_bytes(mixed()[:2])})
    records = list(read_source(data))
    by_name = {r.input.removeprefix("<bytes>#"): r for r in records}
    assert isinstance(by_name["site/index.html"], Document)
    assert by_name["posts.json#post-1"].kind == "wp-json"  # type: ignore[union-attr]
    assert isinstance(by_name["img/logo.png"], Skipped)
    assert isinstance(by_name["bad.json"], ReadFailure)
    assert kinds([r for n, r in by_name.items() if n.startswith("crawl")]) == list("SDD")
    assert len(records) == 8


def test_tar_gz_and_truncated_tar() -> None:
    members = {f"p{i}.html": page(f"p{i}", words=200 + i).encode() for i in range(8)}
    members["posts.jsonl"] = "\n".join(json.dumps({"url": f"https://j.example/{i}",
                                                   "html": HTML}) for i in range(3)).encode()
    data = tar_bytes(members)
    records = list(read_source(data))
    assert len(records) == 11 and all(isinstance(r, Document) for r in records)
    cut = list(read_source(data[: len(data) // 2]))
    assert isinstance(cut[-1], ReadFailure)
    assert 1 <= len(cut) < 11


def test_gzip_wrapping_a_single_page() -> None:
    [doc] = list(read_source(gzip.compress(HTML.encode())))
    assert isinstance(doc, Document) and doc.text == HTML


@pytest.mark.parametrize("form", ["per-record gzip", "plain", "whole-file gzip"])
def test_a_file_cut_anywhere_keeps_every_whole_record_and_reports_the_cut_one(form: str) -> None:
    """Cut the file at every few bytes: the records before the cut are read, the record
    the cut falls in is one ReadFailure (never a Skipped or a bogus Document made from a
    half header), and nothing raises. warcio alone ends quietly at such a cut."""
    recs = [response(f"https://s{i}.example/", page(f"p{i}", words=120 + 40 * i),
                     encoding="gzip" if i % 2 else None) for i in range(3)]
    data = warc_bytes(recs, compress=form == "per-record gzip")
    if form == "whole-file gzip":
        data = gzip.compress(data)
    records = list(read_warc(io.BytesIO(data), "t"))
    whole = kinds(records)
    assert whole == list("SDDD")  # the warcinfo record, then the three pages
    starts = [int(r.input.rsplit("#", 1)[1]) for r in records]
    step = 5 if "gzip" in form else 23
    for cut in [*range(1, len(data), step), *(s + d for s in starts[1:] for d in (-2, -1, 1))]:
        got = kinds(list(read_warc(io.BytesIO(data[:cut]), "t")))
        # every record that begins before the cut is read whole, except that the one the
        # cut falls in may be the single failure (it reads whole when only its last
        # bytes, a gzip trailer or closing CRLFs, are gone). Whole-file gzip offsets
        # count decompressed bytes, and a file cut inside its first gzip member reads as
        # whole-file gzip: there only the shape is checked.
        shape_only = form == "whole-file gzip" or (form == "per-record gzip" and cut < starts[1])
        begun = len(whole) if shape_only else sum(s < cut for s in starts)
        if "R" in got:
            assert got[-1] == "R" and got[:-1] == whole[: len(got) - 1], (cut, got)
            assert shape_only or len(got) == begun, (cut, got)
        elif form == "per-record gzip" and shape_only:  # only the first member's trailer cut
            assert got == whole[:1], (cut, got)
        else:
            assert got == whole[:begun], f"cut at {cut} dropped a record silently: {got}"


def arc_bytes(pages: list[tuple[str, str]]) -> bytes:
    """An ARC (version 1) file: the filedesc record, then one HTTP response per page."""
    version = b"1 0 Internet Archive\nURL IP-address Archive-date Content-type Archive-length\n"
    out = b"filedesc://t.arc 0.0.0.0 20240101000000 text/plain %d\n" % len(version)
    out += version + b"\n"
    for url, html in pages:
        payload = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html.encode()
        out += b"%s 192.0.2.1 20240101000000 text/html %d\n" % (url.encode(), len(payload))
        out += payload + b"\n"
    return out


@pytest.mark.parametrize("compress", [False, True])
def test_arc_files(compress: bool) -> None:
    data = arc_bytes([("http://a.example/1", HTML), ("http://b.example/2", page("Two"))])
    if compress:
        data = gzip.compress(data)
    records = list(read_warc(io.BytesIO(data), "t.arc"))
    assert kinds(records) == list("SDD")
    docs = [r for r in records if isinstance(r, Document)]
    assert "5876674" in docs[0].text and "Two" in docs[1].text
    assert [d.url for d in docs] == ["http://a.example/1", "http://b.example/2"]
    cut = list(read_warc(io.BytesIO(data[: len(data) - 40]), "t.arc"))
    assert kinds(cut) == list("SDR")


NUL_PAGE = HTML.encode()
PADDED = {  # the same page, padded with NULs as a scraper's bug or an attacker writes it
    "a few NULs": NUL_PAGE.replace(b"<body>", b"<body>" + b"\0" * 10),
    "300 NULs": NUL_PAGE.replace(b"<body>", b"<body>" + b"\0" * 300),
    "NULs between every byte run": b"\0\0\0".join(NUL_PAGE[i:i + 8]
                                                  for i in range(0, len(NUL_PAGE), 8)),
    "60 KB of NULs first": b"\0" * 60_000 + NUL_PAGE,
    # a CI log's page: ANSI colour codes in a <pre>, a control byte in nine, and a NUL
    "a build log's colour codes and a NUL": NUL_PAGE.replace(
        b"<body>", b"<body><pre>" + b"\x1b[32mPASS\x1b[0m test_x ok\n" * 150 + b"</pre>\0"),
    "UTF-16 without a BOM": HTML.encode("utf-16-le"),
    "UTF-16-BE without a BOM": HTML.encode("utf-16-be"),
    "UTF-32 without a BOM": HTML.encode("utf-32-le"),
}


def _as_lone_file(data: bytes) -> list[object]:
    return list(read_source(data))


def _in_zip(data: bytes) -> list[object]:
    return list(read_source(zip_bytes({"page.html": data, "logo.png": b"\x89PNG\r\n\x1a\n"
                                       b"\0\0\0\rIHDR" + bytes(400)})))


def _in_tar(data: bytes) -> list[object]:
    return list(read_source(tar_bytes({"page.html": data})))


def _in_warc(data: bytes) -> list[object]:
    return list(read_warc(io.BytesIO(warc_bytes([Rec("https://s.example/", data)])), "t"))


@pytest.mark.parametrize("read", [_as_lone_file, _in_zip, _in_tar, _in_warc])
@pytest.mark.parametrize("padding", list(PADDED))
def test_nuls_hide_no_page_in_any_container(read: object, padding: str) -> None:
    """HTML with NULs, few or many, is audited whether it is a file of its own, a zip or
    tar member or a WARC record: a NUL cannot turn an injected page into a skipped
    'binary' member (a gate then passed on it). An image in the zip is still skipped."""
    records = read(PADDED[padding])  # type: ignore[operator]
    docs = [r for r in records if isinstance(r, Document)]
    assert len(docs) == 1, records
    assert "https://a.magsrv.com/ad-provider.js" in docs[0].text.replace("\0", "")
    assert not [r for r in records if isinstance(r, ReadFailure)]
    assert {r.reason for r in records if isinstance(r, Skipped)} <= {"binary", "warcinfo"}
    if read is _in_zip:
        assert [r.input for r in records if isinstance(r, Skipped)] == ["<bytes>#logo.png"]


def test_a_member_of_nothing_but_nuls_where_the_sniffer_looks_is_failed_not_skipped() -> None:
    """Past the 64 KB the sniffer reads, NULs may still pad a page: such a member is not
    known to be no page, so it is one failed member (a gate's `unreadable`)."""
    records = list(read_source(zip_bytes({"page.html": b"\0" * 70_000 + NUL_PAGE})))
    assert kinds(records) == ["R"] and "only NUL bytes" in records[0].error  # type: ignore[attr-defined]


def _big_header_warc(header_bytes: int, layout: str) -> bytes:
    """Three records, the middle one with a WARC header line of `header_bytes`."""
    recs = [warc_record(f"https://s{i}.example/", HTML) for i in range(3)]
    recs[1] = recs[1].replace(b"\r\nContent-Length:",
                              b"\r\nX-Big: " + b"A" * header_bytes + b"\r\nContent-Length:", 1)
    if layout == "per-record gzip":
        return b"".join(gzip.compress(r, mtime=0) for r in recs)
    if layout == "whole-file gzip":
        return gzip.compress(b"".join(recs), mtime=0)
    return b"".join(recs)


@pytest.mark.parametrize("layout", ["plain", "per-record gzip", "whole-file gzip"])
def test_a_header_block_over_64_kib_is_one_failed_record_read_in_linear_time(
        layout: str) -> None:
    """warcio joined a header line block by block (100 MB: 190 s, 367 MB) and then
    audited the record; a header block past 64 KiB (what `framing` reads to judge a
    record start) is now one failed record naming the limit, the record after it is
    read, and 30 MB of header costs what reading it does."""
    data = _big_header_warc(30 * 1024 * 1024, layout)
    began = time.monotonic()
    records = list(read_warc(io.BytesIO(data), "t"))
    assert time.monotonic() - began < 8  # quadratic: about 20 s
    assert kinds(records) == list("DRD")
    assert "header block over 64 KiB" in records[1].error  # type: ignore[union-attr]
    assert [r.url for r in records if isinstance(r, Document)] == ["https://s0.example/",
                                                                   "https://s2.example/"]


def test_a_header_block_just_under_the_limit_is_read_and_junk_over_it_costs_no_neighbour(
        ) -> None:
    assert kinds(list(read_warc(io.BytesIO(_big_header_warc(60_000, "plain")), "t"))) == \
        list("DDD")
    first, second = (warc_record(f"https://s{i}.example/", HTML) for i in range(2))
    records = list(read_warc(io.BytesIO(first + b"J" * 200_000 + b"\r\n" + second), "t"))
    assert kinds(records) == list("DRD")


def test_a_response_without_target_uri_fails_in_words_and_the_rest_is_read() -> None:
    """warcio trips on a response record with no WARC-Target-URI with a Python message
    ("'NoneType' object has no attribute 'startswith'"); the failure names the header."""
    good = warc_record("https://s.example/a", HTML)
    bad = good.replace(b"WARC-Target-URI: https://s.example/a\r\n", b"")
    records = list(read_warc(io.BytesIO(bad + good), "t"))
    assert isinstance(records[0], ReadFailure)
    assert "WARC-Target-URI" in records[0].error
    assert "NoneType" not in records[0].error
    assert isinstance(records[-1], Document)


def test_a_zip_member_whose_deflate_data_is_damaged_says_so() -> None:
    """zlib's own "Error -3 while decompressing data" named no cause a user knows; the
    member's failure says its compressed data is damaged, and the next member is read."""
    data = bytearray(zip_bytes({"a.html": HTML.encode(), "b.html": HTML.encode()}))
    start = 30 + len("a.html")  # a's local header, then its deflate stream
    data[start + 10:start + 40] = b"\0" * 30
    records = list(read_source(bytes(data)))
    assert isinstance(records[0], ReadFailure)
    assert records[0].error.startswith("<bytes>#a.html: damaged compressed data (Error -3")
    assert isinstance(records[1], Document)


def test_a_text_plain_page_dressed_as_prose_is_still_audited() -> None:
    """A server lying about its page's type (`text/plain` for a page at `/offers`) with a
    few lines of words first and its tags each whole on its line reads just as notes
    quoting a tag do: the gate fails closed, so only a record whose address names a text
    file (`notes.txt`) is judged as a `.txt` is; any other `text/plain` record with tags
    is audited as markup, as before."""
    fragment = ("Welcome to our store\nBest prices every day\nCall us any time\nFree shipping\n"
                '<script src="https://185.12.44.9/x.js"></script>\n<iframe src="https://'
                'adsrv-qk7.example/f?z=1" width="0" height="0" style="display:none"></iframe>\n')
    records = list(read_warc(io.BytesIO(warc_bytes([
        response("https://a.example/offers", fragment, content_type="text/plain"),
        response("https://a.example/offers.txt", fragment, content_type="text/plain"),
        response("https://a.example/notes.txt?v=2", fragment,
                 content_type="text/plain; charset=utf-8")])), "t.warc"))
    assert [r.url for r in records if isinstance(r, Document)] == ["https://a.example/offers"]
    assert sum(isinstance(r, Skipped) and r.reason.startswith("text/plain")
               for r in records) == 2


def test_a_sniffed_record_with_markup_past_its_first_bytes_is_audited() -> None:
    """A record sniffed for its type (`text/plain`, none) is judged by all of its body, not
    its first 64 KB: words enough to fill them, then a page, is a page (the gate fails
    closed); a text file's notes quoting a tag far down stay text."""
    prose = "".join(f"Paragraph {i}: the winter ferry timetable is set out below.\n\n"
                    for i in range(1400))
    page = ("<!DOCTYPE html><html><head><title>Shop</title></head><body><p>Deals</p>"
            '<script src="https://185.12.44.9/x.js"></script></body></html>')
    notes = prose + '<script src="https://k.example/a.js"></script>\n\nRemove it.\n'
    records = list(read_warc(io.BytesIO(warc_bytes([
        response("https://a.example/offers", prose + page, content_type="text/plain"),
        response("https://a.example/raw", prose + page, content_type=""),
        response("https://a.example/notes.txt", notes, content_type="text/plain"),
        response("https://a.example/plain", prose, content_type="text/plain")])), "t.warc"))
    assert [r.url for r in records if isinstance(r, Document)] == [
        "https://a.example/offers", "https://a.example/raw"]
