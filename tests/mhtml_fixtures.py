"""MHTML files written the way browsers write them, for the tests.

`chrome` lays a message out as Blink's MHTML generator does ("Save as single file" in
Chrome and Edge): `From: <Saved by Blink>`, `Snapshot-Content-Location`, a
`----MultipartBoundary--…----` boundary, CRLF line ends, HTML and CSS parts in
quoted-printable, images in base64, frames as `text/html` parts with a
`Content-ID: <frame-…@mhtml.blink>` the page's `<iframe src="cid:…">` names. `ie` lays one
out as Internet Explorer's "Web archive, single file" (`.mht`) does: a preamble, a
`----=_NextPart_…` boundary, no `Snapshot-Content-Location`, scripts kept as parts. The
pages, hosts and IDs are made up.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

CHROME_BOUNDARY = "----MultipartBoundary--Zb3kQy7XwP1nR5tV9mC2hJ6dF8gL0sA4eU2iO7pK1x----"
IE_BOUNDARY = "----=_NextPart_000_0000_01DB4A2C.7E31F5A0"
PNG = base64.b64decode(b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
                       b"DwAChwGA60e6kgAAAABJRU5ErkJggg==")


@dataclass(frozen=True)
class Part:
    content_type: str
    location: str
    body: bytes
    cid: str | None = None
    encoding: str | None = None  # by its type when not given, as Blink chooses

    def encoded(self) -> tuple[str, bytes]:
        encoding = self.encoding or ("quoted-printable" if self.content_type.startswith("text/")
                                     else "base64")
        if encoding == "quoted-printable":
            return encoding, binascii.b2a_qp(self.body).replace(b"\n", b"\r\n")
        if encoding == "base64":
            return encoding, base64.encodebytes(self.body).replace(b"\n", b"\r\n")
        return encoding, self.body


def _part(boundary: str, part: Part) -> bytes:
    encoding, body = part.encoded()
    head = f"--{boundary}\r\nContent-Type: {part.content_type}\r\n"
    if part.cid:
        head += f"Content-ID: <{part.cid}>\r\n"
    head += f"Content-Transfer-Encoding: {encoding}\r\nContent-Location: {part.location}\r\n\r\n"
    return head.encode("latin-1") + body + b"\r\n\r\n"


def chrome(url: str, title: str, parts: list[Part]) -> bytes:
    """A message as Chrome saves it: the page first, then what it loaded."""
    head = ("From: <Saved by Blink>\r\n"
            f"Snapshot-Content-Location: {url}\r\n"
            f"Subject: {title}\r\n"
            "Date: Sat, 5 Dec 2026 20:41:07 -0000\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/related;\r\n"
            '\ttype="text/html";\r\n'
            f'\tboundary="{CHROME_BOUNDARY}"\r\n\r\n\r\n')
    return (head.encode("latin-1") + b"".join(_part(CHROME_BOUNDARY, p) for p in parts)
            + f"--{CHROME_BOUNDARY}--\r\n".encode())


def ie(title: str, parts: list[Part]) -> bytes:
    """A message as Internet Explorer saves a `.mht`: no snapshot header, a preamble."""
    head = ("From: <Saved by Windows Internet Explorer 11>\r\n"
            f"Subject: {title}\r\n"
            "Date: Thu, 3 Dec 2026 09:12:44 +0100\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/related;\r\n"
            '\ttype="text/html";\r\n'
            f'\tboundary="{IE_BOUNDARY}"\r\n'
            "X-MimeOLE: Produced By Microsoft MimeOLE\r\n\r\n"
            "This is a multi-part message in MIME format.\r\n\r\n")
    return (head.encode("latin-1") + b"".join(_part(IE_BOUNDARY, p) for p in parts)
            + f"--{IE_BOUNDARY}--\r\n".encode())


PAGE_URL = "https://www.harbourgazette.test/2026/12/ferry-timetable"
AD_FRAME_CID = "frame-5E0C2A9B7D1F4E3C8A6B0D9F1E2C3A4B@mhtml.blink"
AD_FRAME_URL = ("https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-4455667788990011"
                "&output=html&h=90&slotname=2233445566&w=728")
GPT_FRAME_CID = "frame-9D8C7B6A5F4E3D2C1B0A9F8E7D6C5B4A@mhtml.blink"
CREATIVE_URL = "https://tpc.googlesyndication.com/simgad/8812345678901234567"
GPT_CREATIVE_URL = "https://tpc.googlesyndication.com/simgad/1122334455667788990"
GPT_VIEW_URL = "https://securepubads.g.doubleclick.net/pcs/view?xai=AKAOjsvQ1x2&sig=Cg0ArKJSzA"
PIXEL_URL = "https://www.facebook.com/tr?id=1234567890123456&ev=PageView&noscript=1"

# the article as Chrome serialises it: its scripts left out, the AdSense unit's iframe and
# the GPT slot's pointing at the frames' parts, the Meta pixel's image kept
ARTICLE = f"""<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Type" \
content="text/html; charset=UTF-8"><title>Ferry timetable changes</title>
<link rel="stylesheet" href="https://www.harbourgazette.test/css/site.css"></head>
<body><article><h1>Ferry timetable changes</h1>
<p>The winter timetable starts on Monday, with the last crossing at 21:40.</p>
<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-4455667788990011" \
data-ad-slot="2233445566"><iframe id="aswift_0" src="cid:{AD_FRAME_CID}" width="728" \
height="90"></iframe></ins>
<img src="https://www.harbourgazette.test/img/ferry.jpg" alt="The ferry at the quay">
<div id="div-gpt-ad-1712000000000-0"><iframe id="google_ads_iframe_/21779912/harbour/top_0" \
title="3rd party ad content" src="cid:{GPT_FRAME_CID}" width="300" height="250"></iframe></div>
</article>
<img height="1" width="1" style="display:none" src="{PIXEL_URL.replace("&", "&amp;")}">
</body></html>""".encode()

AD_FRAME = f"""<!DOCTYPE html><html><head></head><body><a \
href="https://www.googleadservices.com/pagead/aclk?sa=L&amp;ai=Cxyz"><img src="{CREATIVE_URL}" \
width="728" height="90" alt=""></a></body></html>""".encode()

# GPT writes its creative into a frame of its own (no URL of its own: about:blank)
GPT_FRAME = f"""<html><head></head><body leftmargin="0" topmargin="0"><a \
href="https://adclick.g.doubleclick.net/pcs/click?xai=AKAOjsvQ1x2"><img src="{GPT_CREATIVE_URL}" \
width="300" height="250" alt="" border="0"></a><img src="{GPT_VIEW_URL.replace("&", "&amp;")}" \
width="1" height="1" style="display:none"></body></html>""".encode()


def saved_article() -> bytes:
    """The article with an AdSense unit, a GPT slot and a Meta pixel, saved by Chrome."""
    return chrome(PAGE_URL, "Ferry timetable changes", [
        Part("text/html", PAGE_URL, ARTICLE,
             cid="frame-0A1B2C3D4E5F60718293A4B5C6D7E8F9@mhtml.blink"),
        Part("text/css", "https://www.harbourgazette.test/css/site.css",
             b"body{margin:0;font:16px/1.5 Georgia,serif}"),
        Part("image/jpeg", "https://www.harbourgazette.test/img/ferry.jpg", PNG),
        Part("text/html", AD_FRAME_URL, AD_FRAME, cid=AD_FRAME_CID),
        Part("image/png", CREATIVE_URL, PNG),
        Part("text/html", "about:blank", GPT_FRAME, cid=GPT_FRAME_CID),
        Part("image/png", GPT_CREATIVE_URL, PNG),
        Part("image/gif", GPT_VIEW_URL, PNG),
        Part("image/gif", PIXEL_URL, PNG),
    ])
