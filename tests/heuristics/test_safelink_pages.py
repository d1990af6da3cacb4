"""A link shortener's monetised wait page (a safelink) is a page kind of its own,
`safelink-page` at medium; pages that wait or say "please wait" for other reasons are
none. The pages are ours, written after the forms shortener and safelink sites show
(ouo.io's "I'm a human" / "Get Link", shrinkme's "Generating link" countdown, the
Indonesian safelinks' "Tunggu 10 detik"); hosts and codes made up."""

from __future__ import annotations

import pytest

from auditor.model import Severity

from .conftest import AuditListed


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body>{body}</body></html>')


_COUNTDOWN = ("<script>var c=10;var i=setInterval(function(){c--;document.getElementById('t')"
              ".textContent=c;if(c<=0){clearInterval(i);var g=document.getElementById('go');"
              "g.style.display='block';g.href='https://files.example.org/report.pdf';}},1000);"
              "</script>")
_AD = ("<div class='ad'><script async src='https://pagead2.googlesyndication.com/pagead/js/"
       "adsbygoogle.js?client=ca-pub-1234567890123456'></script></div>")

SAFELINKS = [
    ("shrinkme-style countdown", _page(
        "Shrinklab - short links", "<div class='box'><h1>Please wait…</h1><p>Generating your "
        "link</p><div>Ready in <span id='t'>10</span></div><a id='go' href='#' style='display:"
        "none'>Get Link</a></div>" + _AD + _COUNTDOWN)),
    ("ouo-style human check then get link", _page(
        "ouolab", "<form method='post' action='/go/Xk29a'><input type='hidden' name='_token' "
        "value='a1b2'><button id='btn-main'>I'M A HUMAN</button></form><p>Please wait 5 "
        "seconds, then click Get Link.</p>" + _AD)),
    ("Indonesian safelink", _page(
        "Safelinkku", "<div class='safelink'><p>Tunggu <b id='t'>10</b> detik</p><p>Scroll ke "
        "bawah lalu klik tombol</p><a id='go' href='#'>Dapatkan Link</a></div>" + _AD
        + _COUNTDOWN)),
    # the same wait in the other languages safelink themes ship in: no English word
    ("Spanish safelink", _page(
        "Enlace", "<h1>Generando enlace</h1><p>Por favor espere <b id='t'>10</b> segundos."
        "</p><a id='go' href='#'>Obtener enlace</a>" + _AD + _COUNTDOWN)),
    ("Turkish safelink", _page(
        "Bağlantı", "<h1>Bağlantınız hazırlanıyor</h1><p>Lütfen <b id='t'>10</b> saniye "
        "bekleyin.</p><a id='go' href='#'>Bağlantıyı Al</a>" + _AD + _COUNTDOWN)),
    # written in capitals, Turkish's dotted İ: `re` folded it with i, RE2 alone did not
    ("Turkish safelink in capitals", _page(
        "LİNK", "<h1>LİNKİNİZ HAZIR</h1><p>LÜTFEN <b id='t'>10</b> SANİYE BEKLEYİN.</p>"
        "<a id='go' href='#'>LİNKİ AL</a>" + _AD + _COUNTDOWN)),
]


@pytest.mark.parametrize(("name", "page"), SAFELINKS, ids=[s[0] for s in SAFELINKS])
def test_a_safelink_wait_page_is_a_medium_page_finding(name: str, page: str,
                                                       audit_listed: AuditListed) -> None:
    report = audit_listed(page, "https://short.example/Xk29a")
    found = [f for f in report.findings if f.kind == "safelink-page"]
    assert [f.severity for f in found] == [Severity.MEDIUM], report.findings
    assert "wait page" in found[0].message and "<" not in found[0].message


_ARTICLE = "<p>" + "The harbour council voted on the winter ferry timetable on Tuesday. " * 10


LOOKALIKES = [
    # a site's own shortener's landing: sends on at once, one phrase, no countdown
    ("a site's own shortener landing", _page(
        "Harbour Gazette link", "<p>This link goes to https://www.harbourgazette.example/"
        "2026/11/ferry/</p><a href='https://www.harbourgazette.example/2026/11/ferry/'>Continue "
        "to destination</a><script>location.replace('https://www.harbourgazette.example/2026/11/"
        "ferry/');</script>")),
    ("a SPA shell", _page("Harbour app", "<div id='root'>Loading…</div><script src='/static/js/"
                          "main.3f2a.js'></script>")),
    ("a sign-in's please wait", _page("Signing in", "<p>Please wait while we sign you in…</p>"
                                      "<script>var n=3;setInterval(function(){n--;document."
                                      "getElementById('s').textContent=n;},1000);</script>"
                                      "<span id='s'>3</span>")),
    ("an article that says get the link", _page(
        "How to share a ferry timetable", "<article>" + _ARTICLE + "Tap share to get the link "
        "and scroll down to the Continue button.</p>" + _ARTICLE + "</p></article>")),
]


# a download portal's wait shows the file it hands over; an app's share dialog earns
# from no wait (no ad, no countdown)
_SETUP = "https://download.gimp.example/gimp/v2.10/windows/gimp-2.10.38-setup.exe"
LOOKALIKES += [
    ("a download portal's file wait", _page(
        "Download GIMP 2.10.38 - FileBarn", "<h1>Thank you for downloading GIMP</h1><p>Your "
        "download link is ready. Please wait 5 seconds, your download will start "
        f"automatically.</p><p><a href='{_SETUP}'>Get the direct link</a></p>" + _AD
        + "<span id='c'>5</span><script>var n=5;var t=setInterval(function(){n--;document."
        "getElementById('c').textContent=n;if(n==0){clearInterval(t);location.href="
        f"'{_SETUP}';}}}},1000)</script>")),
    ("a Vietnamese download portal's file wait", _page(
        "Tải Zalo cho máy tính", "<h1>Tải Zalo cho máy tính</h1><p>Vui lòng đợi 5 giây để "
        "lấy link tải. Link tải trực tiếp từ trang chủ.</p><a href='https://dl.zalo.example/"
        "win/ZaloSetup.exe'>Tải xuống</a>" + _AD + "<span id='t'>10</span>" + _COUNTDOWN)),
    ("an app's share dialog", _page(
        "Share - Acme Docs", "<h1>Share this document</h1><p>Anyone with the link can view. "
        "<button>Get link</button> <button>Copy link</button></p><p>Generate link with "
        "expiry: <button>Generate link</button></p>")),
]


@pytest.mark.parametrize(("name", "page"), LOOKALIKES, ids=[s[0] for s in LOOKALIKES])
def test_a_page_that_waits_for_another_reason_is_no_safelink(name: str, page: str,
                                                             audit_listed: AuditListed) -> None:
    report = audit_listed(page, "https://www.harbourgazette.example/l/ferry")
    assert [f for f in report.findings if f.kind == "safelink-page"] == []


def test_a_safelink_hiding_a_file_link_until_its_wait_ends_is_still_one(
        audit_listed: AuditListed) -> None:
    """A safelink in front of an app's file shows no destination before the countdown
    ends: its link, hidden, is no download portal's file on offer."""
    page = _page("Shrinklab", "<h1>Please wait…</h1><p>Generating your link</p><div>Ready in "
                 "<span id='t'>10</span></div><a id='go' style='display:none' href='https://"
                 "files.example.org/app-release.apk'>Get Link</a>" + _AD + _COUNTDOWN)
    found = [f for f in audit_listed(page, "https://short.example/Xk29a").findings
             if f.kind == "safelink-page"]
    assert [f.severity for f in found] == [Severity.MEDIUM]


def test_a_spanish_download_pages_wait_names_no_link(audit_listed: AuditListed) -> None:
    page = _page("Horario PDF", "<h1>Su descarga comenzará en breve</h1><p>Espere 10 "
                 "segundos</p><span id='t'>10</span>" + _COUNTDOWN)
    report = audit_listed(page, "https://www.harbourgazette.example/dl/horario")
    assert [f for f in report.findings if f.kind == "safelink-page"] == []


def test_a_download_pages_wait_names_no_link(audit_listed: AuditListed) -> None:
    """A download page counting down to its file ("please wait 10 seconds") hands over a
    file, not a link: no safelink."""
    page = _page("Harbour timetable PDF", "<h1>Your download will start shortly</h1><p>Please "
                 "wait 10 seconds</p><span id='t'>10</span>" + _COUNTDOWN)
    report = audit_listed(page, "https://www.harbourgazette.example/dl/timetable")
    assert [f for f in report.findings if f.kind == "safelink-page"] == []


_TIMED_OUT = "setTimeout(function(){location.href='https://mega.example/file/abc';},10000);"
_WAIT_BODY = ("<h1>Generating link</h1><p>Please wait <span id='t'>10</span> seconds. Your link "
              "is almost ready.</p><a id='go' href='https://mega.example/file/abc'>Get Link</a>"
              + _COUNTDOWN)


@pytest.mark.parametrize(("head", "body"), [
    ("<meta http-equiv='refresh' content='10;url=https://mega.example/file/abc'>", ""),
    ("", f"<script>{_TIMED_OUT}</script>"),
], ids=["meta refresh", "timer"])
def test_a_safelinks_timed_redirect_to_its_link_is_said_once(head: str, body: str,
                                                             audit_listed: AuditListed) -> None:
    """The wait page's redirect to the link it shows was a second finding, a low
    `redirect` calling the page "a safelink's wait page" beside the medium `safelink-page`
    saying the same: one page, one verdict."""
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Safelinkku</title>{head}"
            f"</head><body>{body}{_WAIT_BODY}</body></html>")
    found = [(f.kind, f.severity) for f in audit_listed(page, "https://short.example/Xk29a")
             .findings if f.kind in ("redirect", "safelink-page")]
    assert found == [("safelink-page", Severity.MEDIUM)]
