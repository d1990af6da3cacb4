"""Pages built with technology that looks like injection, each a site's own page written
after the vendor's published snippet (made-up IDs) and audited with the system filter
lists: where one showed a false alarm, its fix is tested here with the injected twin,
the same technology as an injector places it, which stays flagged."""

from __future__ import annotations

import base64

import pytest

from auditor.model import PageReport, Severity

from .conftest import AuditListed

H, M, L = Severity.HIGH, Severity.MEDIUM, Severity.LOW
_NEWS = "https://www.tidewaterjournal.com/news/winter-ferry"


def serious(report: PageReport) -> list[tuple[str, str]]:
    """The findings a reviewer is asked to act on: (kind, message) of medium and high."""
    return [(f.kind, f.message) for f in report.findings if f.severity is not L]


# -- a moved page's redirect to its declared canonical ---------------------------------

_MOVED_TO = "https://www.tidewaterjournal.com/news/winter-ferry"
_CANONICAL = f'<link rel="canonical" href="{_MOVED_TO}">'
_OWN_CANONICAL = '<link rel="canonical" href="https://www.tidewater-journal.co.uk/news/ferry">'
_REFRESH = f'<meta http-equiv="refresh" content="0; url={_MOVED_TO}">'
_REPLACE = f"<script>window.location.replace('{_MOVED_TO}');</script>"
_REFERRER = (f"<script>if (document.referrer.indexOf('google.') !== -1) "
             f"{{ window.location.replace('{_MOVED_TO}'); }}</script>")
_ENCODED = ("<script>eval(atob('" + base64.b64encode(
    f"window.location.replace('{_MOVED_TO}');".encode()).decode() + "'));</script>")


def _stub(head: str, body: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>Moved</title>{head}</head><body>"
            f'<p>This page has moved to <a href="{_MOVED_TO}">tidewaterjournal.com</a>.</p>'
            f"{body}</body></html>")


@pytest.mark.parametrize(("html", "expected"), [
    # the site moved: its old address names the new one canonical and sends visitors there
    (_stub(_CANONICAL + _REFRESH + _REPLACE), [("redirect", L), ("redirect", L)]),
    (_stub(_CANONICAL + _REFRESH), [("redirect", L)]),
    # injected twins: the template's canonical names the page's own site
    (_stub(_OWN_CANONICAL + _REFRESH), [("redirect", H)]),
    (_stub(_OWN_CANONICAL + _REPLACE), [("redirect", H)]),
    # a canonical in the body (a post body's, markup after </html>) is no head's
    (_stub(_REFRESH, body=_CANONICAL), [("redirect", H)]),
    # two canonicals: one was added
    (_stub(_OWN_CANONICAL + _CANONICAL + _REPLACE), [("redirect", H)]),
    # a cloaking test, or encoded code, is no moved page's
    (_stub(_CANONICAL + _REFERRER), [("redirect", H)]),
    (_stub(_CANONICAL + _ENCODED), [("redirect", H), ("obfuscated-script", M)]),
], ids=["meta and script to the canonical", "meta refresh to the canonical",
        "own canonical, meta refresh", "own canonical, script", "canonical in the body",
        "two canonicals", "referrer test", "encoded"])
def test_a_redirect_to_the_site_the_canonical_names_is_a_moved_page(
        audit_listed: AuditListed, html: str, expected: list[tuple[str, Severity]]) -> None:
    """A meta refresh to another site was always high; a page whose one canonical link,
    in its head, names the target site is telling visitors its new address."""
    report = audit_listed(html, "https://www.tidewater-journal.co.uk/news/ferry")
    assert sorted((f.kind, f.severity) for f in report.findings) == sorted(expected)


# -- a page hidden whole until its scripts run ------------------------------------------

_SOURCES = ('<p>Sources: <a href="https://www.harbourcouncil.gov.uk/minutes/2026-12">council '
            'minutes</a>, <a href="https://www.ferryline.co.uk/timetables/winter">the '
            "operator's timetable</a> and <a href=\"https://www.metoffice.gov.uk/weather/"
            'warnings">Met Office warnings</a>.</p>')
_STORY = "<p>" + "The council voted on the winter timetable on Tuesday. " * 8 + "</p>"
_FARM = ('<div style="display:none"><a href="https://casino-bonus.test/">casino</a> '
         '<a href="https://cheap-pills.test/">pills</a> <a href="https://loans-now.test/">'
         "loans</a></div>")


def _article(html_style: str = "", body_style: str = "", article_style: str = "",
             inner: str = "") -> str:
    return (f'<!DOCTYPE html><html{html_style}><head><title>t</title></head><body{body_style}>'
            f'<main><article{article_style}><h1>Ferry</h1>{_STORY}{_SOURCES}{inner}'
            "</article></main></body></html>")


@pytest.mark.parametrize(("html", "expected"), [
    (_article(body_style=' style="opacity:0"'), []),
    (_article(body_style=' style="visibility: hidden;"'), []),
    (_article(html_style=' style="opacity: 0"'), []),
    (_article(article_style=' style="opacity:0"'), []),
    # injected twins: a hidden block of links in a page left visible, or in one hidden
    # whole; a hidden page that is all links is a doorway's
    (_article(inner=_FARM), [("hidden-links", H)]),
    (_article(body_style=' style="opacity:0"', inner=_FARM), [("hidden-links", H)]),
    ('<html><head><title>t</title></head><body style="display:none">'
     + _FARM.replace('<div style="display:none">', "<div>") + "</body></html>",
     [("hidden-links", H)]),
], ids=["body opacity", "body visibility", "html opacity", "article opacity",
        "a farm in the article", "a farm in a hidden page", "a hidden page of links"])
def test_a_page_hidden_whole_until_its_scripts_run_is_no_link_farm(
        audit_listed: AuditListed, html: str, expected: list[tuple[str, Severity]]) -> None:
    """Anti-flicker and fade-in code hides `<body>` (or the article) inline until it
    runs; saved before it did, the article's three source links were a high
    `hidden-links` finding."""
    report = audit_listed(html, _NEWS)
    assert [(f.kind, f.severity) for f in report.findings] == expected

