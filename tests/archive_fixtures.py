"""Builders for the archives the bulk, archive-reader, hostile and fuzz tests read.

Pages are written here, reproducing the ad markup of real networks (ExoClick,
JuicyAds, AdSense, GTM); archives are built with warcio, zipfile and tarfile, and plain
WARC records by hand (`warc_record`) where a test needs to lie about their lengths.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
import os
import sqlite3
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def page(title: str, *, exo_zone: str | None = None, juicy_zone: str | None = None,
         adsense: str | None = None, gtm: str | None = None, words: int = 120) -> str:
    """A small article page, with the ad and tag markup asked for."""
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"]
    if gtm:
        parts.append(
            "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':"
            "new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],"
            "j=d.createElement(s);j.async=true;j.src="
            f"'https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);"
            f"}})(window,document,'script','dataLayer','{gtm}');</script>")
    if adsense:
        parts.append("<script async src='https://pagead2.googlesyndication.com/pagead/js/"
                     f"adsbygoogle.js?client={adsense}' crossorigin='anonymous'></script>")
    parts.append("</head><body><article><h1>" + title + "</h1>")
    body = " ".join(f"word{i}" for i in range(words))
    parts.append(f"<p>{body}</p>")
    if exo_zone:
        parts.append("<script async type='application/javascript' "
                     "src='https://a.magsrv.com/ad-provider.js'></script>"
                     f"<ins class='eas6a97888e2' data-zoneid='{exo_zone}'></ins>"
                     "<script>(AdProvider = window.AdProvider || []).push({'serve': {}});"
                     "</script>")
    if juicy_zone:
        parts.append("<script type='text/javascript' data-cfasync='false' async "
                     "src='https://poweredby.jads.co/js/jads.js'></script>"
                     f"<ins id='{juicy_zone}' data-width='300' data-height='250'></ins>"
                     "<script type='text/javascript' data-cfasync='false' async>"
                     f"(adsbyjuicy = window.adsbyjuicy || []).push({{'adzone':{juicy_zone}}});"
                     "</script>")
    if adsense:
        parts.append(f"<ins class='adsbygoogle' style='display:block' data-ad-client='{adsense}'"
                     " data-ad-slot='1234567890' data-ad-format='auto'></ins>"
                     "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>")
    parts.append(f"<p>{body}</p></article></body></html>")
    return "\n".join(parts)


def chunked(data: bytes, size: int = 100) -> bytes:
    out = b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + size]), data[i:i + size])
                   for i in range(0, len(data), size))
    return out + b"0\r\n\r\n"


@dataclass
class Rec:
    """One record to write: a response (optionally chunked/encoded) or another type."""

    url: str
    body: bytes = b""
    rec_type: str = "response"
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    encoding: str | None = None  # "gzip", "br", "deflate"
    chunked: bool = False
    extra: list[tuple[str, str]] = field(default_factory=list)


def response(url: str, html: str, **kw: object) -> Rec:
    return Rec(url, html.encode("utf-8"), **kw)  # type: ignore[arg-type]


def _payload(rec: Rec) -> tuple[bytes, list[tuple[str, str]]]:
    body = rec.body
    headers = [("Content-Type", rec.content_type)]
    if rec.encoding == "gzip":
        body = gzip.compress(body, mtime=0)
    elif rec.encoding == "deflate":
        body = zlib.compress(body)
    elif rec.encoding == "br":
        import brotli

        body = brotli.compress(body)
    if rec.encoding:
        headers.append(("Content-Encoding", rec.encoding))
    if rec.chunked:
        body = chunked(body)
        headers.append(("Transfer-Encoding", "chunked"))
    return body, headers + rec.extra


class _ReproducibleWriter(WARCWriter):  # type: ignore[misc]
    """warcio's writer with counted record IDs and a fixed date: the same records give the
    same bytes (hypothesis replays an example only if its input is built the same again)."""

    def __init__(self, out: io.BytesIO, *, gzip: bool) -> None:
        super().__init__(out, gzip=gzip)
        self._ids = itertools.count(1)

    def _make_warc_id(self) -> str:
        return f"<urn:uuid:00000000-0000-4000-8000-{next(self._ids):012d}>"

    def _make_warc_date(self, use_micros: bool = False) -> str:
        return "2024-01-01T00:00:00Z"


def warc_bytes(records: list[Rec], *, compress: bool = True) -> bytes:
    """A WARC (per-record gzip when `compress`) with a warcinfo record first."""
    out = io.BytesIO()
    writer = _ReproducibleWriter(out, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for rec in records:
        if rec.rec_type == "response":
            body, headers = _payload(rec)
            http = StatusAndHeaders(rec.status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(rec.url, "response", payload=io.BytesIO(body),
                                               http_headers=http, length=len(body))
        elif rec.rec_type == "request":
            http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            record = writer.create_warc_record(rec.url, "request", payload=io.BytesIO(b""),
                                               http_headers=http)
        elif rec.rec_type == "revisit":
            record = writer.create_revisit_record(rec.url, digest="sha1:AAAA",
                                                  refers_to_uri=rec.url,
                                                  refers_to_date="2024-01-01T00:00:00Z")
        else:
            record = writer.create_warc_record(rec.url, rec.rec_type,
                                               payload=io.BytesIO(rec.body),
                                               warc_content_type=rec.content_type)
        writer.write_record(record)
    return out.getvalue()


def member_offsets(data: bytes) -> list[int]:
    """Start offsets of the gzip members of a per-record-gzip WARC."""
    offsets, pos = [], 0
    while pos < len(data):
        offsets.append(pos)
        d = zlib.decompressobj(31)
        d.decompress(data[pos:])
        pos = len(data) - len(d.unused_data)
    return offsets


def wacz_bytes(warc: bytes, pages: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("archive/data.warc.gz"), warc)  # stored, as WACZ does
        z.writestr(_entry("pages/pages.jsonl"), "\n".join(
            [json.dumps({"format": "json-pages-1.0"})] +
            [json.dumps({"url": u, "ts": "2024-01-01T00:00:00Z"}) for u in pages]))
        z.writestr(_entry("indexes/index.cdx"), "")
        z.writestr(_entry("datapackage.json"), json.dumps({"profile": "data-package",
                                                           "resources": []}))
    return out.getvalue()


def wp_post(post_id: int, link: str, html: str) -> dict[str, object]:
    return {"id": post_id, "link": link, "title": {"rendered": f"Post {post_id}"},
            "content": {"rendered": html}}


def _entry(name: str, compress: int = zipfile.ZIP_STORED) -> zipfile.ZipInfo:
    """A zip entry dated 1980-01-01, not now: the same members give the same bytes."""
    info = zipfile.ZipInfo(name)
    info.compress_type = compress
    return info


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members.items():
            z.writestr(_entry(member, zipfile.ZIP_DEFLATED), data)
    return out.getvalue()


def tar_bytes(members: dict[str, bytes], mode: str = "w:gz",
              format: int = tarfile.DEFAULT_FORMAT) -> bytes:
    """A tar, gzipped when `mode` is "w:gz" (with a zero mtime: the same members give the
    same bytes)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=format) as t:
        for member, data in members.items():
            info = tarfile.TarInfo(member)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    data = out.getvalue()
    return gzip.compress(data, mtime=0) if mode == "w:gz" else data


def warc_record(uri: str, body: str, length: int | None = None) -> bytes:
    """One plain WARC response record written by hand; `length` overrides (lies about)
    its Content-Length."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}".encode()
    n = len(http) if length is None else length
    head = f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
    return head.encode() + f"Content-Length: {n}\r\n\r\n".encode() + http + b"\r\n\r\n"


def good_warc_records(n: int) -> tuple[list[bytes], list[str]]:
    """`n` good plain WARC records of distinct pages (of distinct lengths), and their URIs."""
    uris = [f"https://good-{i}.example/" for i in range(n)]
    return [warc_record(u, f"<html><title>page {i}</title><p>{'w ' * (20 + 7 * i)}</p></html>")
            for i, u in enumerate(uris)], uris


def stored(store: Path) -> int:
    """Records a bulk store holds (0 while it is being created)."""
    try:
        with sqlite3.connect(store, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM progress").fetchone()[0])
    except sqlite3.Error:
        return 0


def linked_site(root: Path, ad_page: str) -> Path:
    """A site folder whose blog is a symlink to a folder beside it (holding `ad_page`),
    with a link back up (a loop), a dangling link, two links to each other and a FIFO:
    two pages and four entries that cannot be read."""
    site, posts = root / "site", root / "posts"
    site.mkdir()
    posts.mkdir()
    (site / "index.html").write_text("<html><body><p>Welcome.</p></body></html>")
    (posts / "a.html").write_text(ad_page)
    (site / "blog").symlink_to("../posts")
    (posts / "back").symlink_to("../site")  # a loop through the link
    (site / "up").symlink_to("..")  # another way to the same folders
    (site / "gone.html").symlink_to("/no/such/file")
    (site / "l1.html").symlink_to("l2.html")
    (site / "l2.html").symlink_to("l1.html")
    os.mkfifo(site / "pipe.html")
    return site
