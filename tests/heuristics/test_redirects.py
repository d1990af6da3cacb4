"""`auditor.heuristics.redirects`' own helpers, read as tables: what counts as a countdown
a wait page shows, and that a script is read for one once however many redirects it holds."""

from __future__ import annotations

import time

import pytest

from auditor.heuristics import redirects
from auditor.model import Severity

from .conftest import AuditHtml, AuditListed

COUNTDOWNS: list[tuple[str, bool]] = [
    ("var c=10;var t=setInterval(function(){c--;document.getElementById('cd').textContent=c;"
     "},1000);", True),
    ("var n=5;setInterval(function(){--n;$('#wait').text(n);},1000);", True),
    ("var s=8;function tick(){s-=1;el.innerHTML='Wait '+s+' seconds';}", True),
    # a loop counting down, the element given another name
    ("for(var i=items.length;i--;){list.push(i)}el.textContent=title;", False),
    # the counted name past the statement's end
    ("var c=3;c--;el.textContent=label;x=c;", False),
    # a member of that name is not the name
    ("var c=3;c--;el.textContent=obj.c;", False),
    ("el.textContent=c;", False),
    # a name counted down by `n = n - 1`, written by a template (both read medium in review)
    ("var count=10;setInterval(function(){count=count-1;el.innerHTML=count;},1000);", True),
    ("let n = 15; setInterval(() => { n -= 1; el.textContent = `${n}`; }, 1000);", True),
    ("let n = 15; n = n - 10; el.textContent = total;", False),
    # another name ending in the counted one's letters is not it
    ("var xn=9;xn = n - 1;el.textContent=n;", False),
]


@pytest.mark.parametrize(("code", "counts"), COUNTDOWNS)
def test_a_countdown_is_a_counted_name_written_into_an_element(code: str, counts: bool) -> None:
    assert redirects._counts_down(redirects.code_only(code) or code, code) is counts


TIMERS: list[tuple[str, redirects._Timer | None]] = [
    ("setTimeout(function(){ location.href = u; }, 3000);", redirects._Timer(3000)),
    ("setInterval(() => { if (n-- < 1) { location.href = u; } }, 1000);", redirects._Timer(1000)),
    # the delay a name, not a literal: timed, its wait unread
    ("setTimeout(function(){ location.href = u; }, wait);", redirects._Timer(None)),
    # a timer closed before the redirect does not run it
    ("setTimeout(track, 10); location.href = u;", None),
    ("setTimeout(function(){ f(x); }, 500); if (ok) { location.href = u; }", None),
    # the enclosing timer, not an earlier closed one
    ("setTimeout(a, 1); window.setTimeout(function(){ location.href = u; }, 2500);",
     redirects._Timer(2500)),
    ("location.href = u;", None),
]


@pytest.mark.parametrize(("code", "timer"), TIMERS)
def test_a_redirect_s_timer_is_read_once_for_whether_and_how_long(
        code: str, timer: redirects._Timer | None) -> None:
    """One home for a timer: whether it runs a redirect and its delay are one reading."""
    blanked = redirects.code_only(code) or code
    assert redirects._timer(blanked, blanked.index("location")) == timer


def test_a_script_is_read_for_its_countdown_once(audit_listed: AuditListed,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each timed redirect asked it again, each time a search per counted name over the
    whole script: 15 s on an 800 KB script of 50 redirects."""
    calls: list[int] = []
    counts_down = redirects._counts_down

    def counting(code: str, text: str) -> bool:
        calls.append(len(code))
        return counts_down(code, text)

    monkeypatch.setattr(redirects, "_counts_down", counting)
    links = "".join(f"<a href='https://dest.example/file{i}'>file {i}</a>" for i in range(10))
    timers = ";".join(f"setTimeout(function(){{location.href='https://dest.example/file{i}'}},"
                      "5000)" for i in range(10))
    page = (f"<!doctype html><html><head><title>Your files</title></head><body>{links}"
            "<p>Wait <b id='cd'>5</b> seconds</p><script>var c=5;setInterval(function(){c--;"
            f"document.getElementById('cd').textContent=c;}},1000);{timers}</script>"
            "</body></html>")
    report = audit_listed(page, "https://safelink.example/go/q27")
    assert [f.kind for f in report.findings if f.kind == "redirect"] == ["redirect"] * 10
    assert len(calls) == 1


def test_a_countdown_is_sought_in_linear_time() -> None:
    """Each assignment's scan for a name went on to the next name however far: minutes on
    `.value=` written 100,000 times (no name follows one), now a window each."""
    code = "c--;" + ".value=" * 20_000
    started = time.perf_counter()
    assert redirects._counts_down(code, code) is False
    assert time.perf_counter() - started < 5


def test_a_long_name_is_read_in_linear_time() -> None:
    """Each letter of a long identifier started a counted name's match that read on to its
    end: 15 s for a page of a 30,000-letter name beside a timed redirect, hours for 400 KB."""
    code = "n--;el.value=n;var " + "q" * 200_000 + "=1;"
    started = time.perf_counter()
    assert redirects._counts_down(code, code) is True
    assert time.perf_counter() - started < 2



_KIT = "https://best-casino-bonus.example/go"


def _bounce(said: str, target: str = _KIT, *, refresh: bool = False, link: str = "") -> str:
    """A page of little prose that says `said` and sends its visitor to `target` after
    3 s (a timer, or a meta refresh in its head), showing the link."""
    head = f'<meta http-equiv="refresh" content="3;url={target}">' if refresh else ""
    body = "" if refresh else (
        f"<script>setTimeout(function(){{window.location.href='{target}'}},3000);</script>")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>…</title>{head}</head>"
            f"<body><div class='box'><p>{said}</p><p><a href='{target}'>{link or target}</a>"
            f"</p></div>{body}</body></html>")


# (what, the page, the redirect severities): doorways as kits print them, in the
# languages they are written in, and the site's own pages that bounce for a reason
BOUNCES: list[tuple[str, str, list[Severity]]] = [
    ("a doorway's timer", _bounce("Redirecting in 3 seconds... If you are not redirected, "
                                  "click the link below."), [Severity.MEDIUM]),
    ("a doorway's refresh, German", _bounce("Sie werden in 3 Sekunden weitergeleitet.",
                                            refresh=True), [Severity.MEDIUM]),
    ("a doorway, Indonesian", _bounce("Anda akan dialihkan dalam 3 detik..."),
     [Severity.MEDIUM]),
    ("a doorway, Russian", _bounce("Перенаправление через 3 секунды"), [Severity.MEDIUM]),
    ("a doorway, French", _bounce("Vous allez être redirigé dans 3 secondes."),
     [Severity.MEDIUM]),
    # a site's own: a move naming its new address, a payment's return, an exit notice
    ("a moved site naming its new domain", _bounce(
        "We have moved! The Harbour Gazette now lives at www.harbour-news.example. You will "
        "be redirected in 3 seconds.", "https://www.harbour-news.example/"), [Severity.LOW]),
    ("a move to a domain under the site's name", _bounce(
        "You will be redirected to our new site in 3 seconds.",
        "https://www.harbourgazette.news/"), [Severity.LOW]),
    ("a payment returning to the merchant", _bounce(
        "Payment successful. You are being redirected back to the merchant in 3 seconds.",
        "https://shop.tidewear.example/checkout/complete?order=88121", link="Return to "
        "merchant"), [Severity.LOW]),
    ("an exit notice", _bounce(
        "You are now leaving the Harbour Gazette for a third-party website. You will be "
        "redirected in 3 seconds.", "https://www.ferry-operator.example/timetable"),
     [Severity.LOW]),
    # a store's hand-over to its payment service, a link page's to a platform: a doorway
    # bounces to a landing no vendor runs, not to a service the catalogue knows
    ("a store's hand-over to PayPal", _bounce(
        "Redirecting you to PayPal to complete your payment... If you are not redirected, "
        "click here.", "https://www.paypal.com/checkoutnow?token=EC-5XY", refresh=True),
     [Severity.LOW]),
    ("a checkout's hand-over to Mollie, German", _bounce(
        "Sie werden zur Zahlung weitergeleitet...",
        "https://www.mollie.com/checkout/select-method/7UhSN1zuXS", refresh=True),
     [Severity.LOW]),
    # the same services host anyone's content: a kit's doorway on a hacked page to a
    # Google Form or a Telegram channel it made, naming no service, is a doorway still
    ("a kit's bounce to a Google Form", _bounce(
        "Redirecting you to the download... If you are not redirected, click here.",
        "https://docs.google.com/forms/d/e/1FAIpQLSf3kit/viewform", refresh=True),
     [Severity.MEDIUM]),
    ("a kit's bounce to a Telegram channel", _bounce(
        "Redirecting you to the download... If you are not redirected, click here.",
        "https://t.me/kitchannel", refresh=True),
     [Severity.MEDIUM]),
    # a login's "redirecting to your dashboard" stays on the site: no redirect finding
    ("a login's redirect to the site's dashboard", _bounce(
        "Signed in. Redirecting to your dashboard...",
        "https://www.harbourgazette.example/account/dashboard"), []),
    # a move that does not name where to: a kit could print that too
    ("a 'moved' notice naming no address", _bounce(
        "This page has moved. Redirecting in 3 seconds.", link="Click here"),
     [Severity.MEDIUM]),
]


def test_a_platforms_own_link_page_is_no_doorway(audit_listed: AuditListed) -> None:
    """A shortener of a platform the catalogue files (t.co) saying "Redirecting to …" is
    its own link page, low as before; a doorway is on a site no vendor runs."""
    page = _bounce("Redirecting to the link you followed...", refresh=True)
    on_platform = audit_listed(page, "https://t.co/Xy7bq2LmPz")
    assert [f.severity for f in on_platform.findings if f.kind == "redirect"] == [
        Severity.LOW], [(f.kind, f.message) for f in on_platform.findings]
    on_a_site = audit_listed(page, "https://www.harbourgazette.example/go/")
    assert [f.severity for f in on_a_site.findings if f.kind == "redirect"] == [
        Severity.MEDIUM], [(f.kind, f.message) for f in on_a_site.findings]


# t.co's link page as it is served: a refresh at once kept for visitors without script,
# the same address replaced by script, the address as its title, nothing else
_SHORT_LINK_PAGE = (
    '<head><noscript><META http-equiv="refresh" content="0;URL=https://www.harbour-gazette'
    '.example/local/ferry-timetable"></noscript><title>https://www.harbour-gazette.example'
    '/local/ferry-timetable</title></head><script>window.opener = null; location.replace('
    '"https:\\/\\/www.harbour-gazette.example\\/local\\/ferry-timetable")</script>')


def test_a_platforms_link_page_refreshing_at_once_is_low(audit_listed: AuditListed) -> None:
    """The same stub is t.co's job on t.co (`low`, naming whose), and a refresh put on
    another site's page (`high`): the host, not the form, tells them apart."""
    on_platform = audit_listed(_SHORT_LINK_PAGE, "https://t.co/Xy7bq2LmPz")
    assert [(f.severity, "X Corp" in f.message) for f in on_platform.findings
            if f.kind == "redirect"] == [(Severity.LOW, True)], on_platform.findings
    on_a_site = audit_listed(_SHORT_LINK_PAGE, "https://www.quayside-blog.example/go/")
    assert [f.severity for f in on_a_site.findings if f.kind == "redirect"] == [
        Severity.HIGH], [(f.kind, f.message) for f in on_a_site.findings]


@pytest.mark.parametrize(("what", "page", "expected"), BOUNCES, ids=[c[0] for c in BOUNCES])
def test_a_page_announcing_its_bounce_to_another_site_is_a_doorway(
        what: str, page: str, expected: list[Severity], audit_listed: AuditListed) -> None:
    """"Redirecting in 3 seconds" beside a 3 s timer on a page of little prose read as a
    safelink's wait page (low): a page whose only job is to bounce the visitor to a site
    not its own is what TDS doorways print, unless it says why the site's own page does."""
    report = audit_listed(page, "https://www.harbourgazette.example/go/")
    assert [f.severity for f in report.findings if f.kind == "redirect"] == expected, [
        (f.kind, f.message) for f in report.findings]


# a search engine's click-through page as its shape goes: a flag the engine's results
# read, a script that sends the frame's parent or the page on, and a refresh at once for
# visitors without script; nothing else
_CLICK_THROUGH = (
    "<script>window.engineRedirect = 1</script><script>var go = function (w, to) {"
    " w.location.replace(to); }; go(window, 'https://www.harbour-gazette.example/local/"
    "ferry');</script><noscript><meta http-equiv=\"refresh\" content=\"0;URL='https://www."
    "harbour-gazette.example/local/ferry'\"></noscript>")


@pytest.mark.parametrize(("page", "url", "expected"), [
    # a stub of unknown address: a link page's or a doorway's, its address tells (medium)
    (_CLICK_THROUGH, "", [Severity.MEDIUM]),
    (_SHORT_LINK_PAGE, "", [Severity.MEDIUM]),
    # the same stub on a site's own address: put there (high), as before
    (_CLICK_THROUGH, "https://www.quayside-blog.example/go/", [Severity.HIGH]),
    # a page of unknown address holding an article the refresh sends its reader away from
    ("<html><head><meta http-equiv='refresh' content='0;url=https://spam.example/'></head>"
     "<body><article>" + "<p>The harbour council voted on the winter ferry timetable.</p>"
     * 8 + "</article></body></html>", "", [Severity.HIGH]),
], ids=["click-through stub, no address", "short-link stub, no address",
        "click-through stub on a site", "article, no address"])
def test_a_redirect_stub_of_unknown_address_is_medium(
        page: str, url: str, expected: list[Severity], audit_listed: AuditListed) -> None:
    """A page holding nothing but a refresh to another site, audited without its address,
    is a search engine's or a shortener's link page as often as a doorway: which one, its
    address says, so no reviewer signs it high unread (`medium`); on a known site's
    address, or refreshing an article away, it stays high."""
    report = audit_listed(page, url)
    assert [f.severity for f in report.findings if f.kind == "redirect" and "meta refresh"
            in f.message] == expected, [(f.kind, f.message) for f in report.findings]


_SCRIPT_STUB = ("<html><head><title>https://www.harbour-gazette.example/local/ferry</title>"
                "</head><body><script>location.replace('https://www.harbour-gazette.example/"
                "local/ferry')</script></body></html>")


@pytest.mark.parametrize(("page", "url", "expected"), [
    (_SCRIPT_STUB, "", [Severity.MEDIUM]),
    (_SCRIPT_STUB, "https://www.quayside-blog.example/go/", [Severity.HIGH]),
    # decoded out of hiding, or behind a referrer test: a cloak wherever it sits
    (_SCRIPT_STUB.replace("location.replace('https://www.harbour-gazette.example/local/ferry')",
                          "if (document.referrer.indexOf('google') > -1) location.replace("
                          "'https://www.harbour-gazette.example/local/ferry')"), "",
     [Severity.HIGH]),
    # the referrer or the user agent read by its name in brackets: the same test
    *[(_SCRIPT_STUB.replace("location.replace('https://www.harbour-gazette.example/local/ferry')",
                            f"if ({read}) location.replace('https://www.harbour-gazette."
                            "example/local/ferry')"), "", [Severity.HIGH])
      for read in ("document['referrer'].indexOf('google') > -1",
                   'document[ "referrer" ].indexOf("google") > -1',
                   "/Googlebot/i.test(navigator['userAgent'])")],
    # a config's own `referrer` key, and a property whose name only starts with it, are
    # no read of where the visitor came from
    *[(_SCRIPT_STUB.replace("location.replace('https://www.harbour-gazette.example/local/ferry')",
                            f"if ({read}) location.replace('https://www.harbour-gazette."
                            "example/local/ferry')"), "", [Severity.MEDIUM])
      for read in ("cfg['referrer'].indexOf('google') > -1",
                   "document['referrerPolicy'] == 'origin'")],
], ids=["no address", "on a site", "referrer test, no address", "referrer in brackets",
        "referrer in double-quoted brackets", "user agent in brackets", "a config's referrer",
        "referrerPolicy"])
def test_a_script_stub_of_unknown_address_is_medium(
        page: str, url: str, expected: list[Severity], audit_listed: AuditListed) -> None:
    """A page holding nothing but a script that sends its visitor to another site as it
    loads, audited without its address, is a link page as often as a doorway (`medium`);
    on a site's own address, or behind a referrer test, it stays high."""
    report = audit_listed(page, url)
    assert [f.severity for f in report.findings if f.kind == "redirect"] == expected, [
        (f.kind, f.message) for f in report.findings]


def _location_page(code: str) -> str:
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Story</title>"
            f"<script>{code}</script></head><body><p>Story text.</p></body></html>")


OWNED_LOCATIONS: list[tuple[str, bool]] = [
    # a site's sign-in config: its object's own `location` property navigates nothing
    ("window.site = window.site || {}; window.site.idp = {};"
     "window.site.idp.location = 'http://saml.login.example-idp.com';", False),
    ("var cfg = {}; cfg.location = 'https://sso.example-idp.com/';", False),
    # the window's, however named: each navigates
    ("window.location = 'https://spam-target.example/';", True),
    ("top.location.href = 'https://spam-target.example/';", True),
    ("window.top.location = 'https://spam-target.example/';", True),
    ("document.location.replace('https://spam-target.example/');", True),
    ("var w = window.top; w.location = 'https://spam-target.example/';", True),
    ("location = 'https://spam-target.example/';", True),
    # a window reached through another name: destructured, a key, a chain, a name bound
    # to a name, a popup the script opened, a document
    ("var {top: t} = window; t.location = 'https://spam-target.example/';", True),
    ("var o = {w: window}; o.w.location = 'https://spam-target.example/';", True),
    ("window.w = window; window.w.location = 'https://spam-target.example/';", True),
    ("document.defaultView.location = 'https://spam-target.example/';", True),
    ("document.body.ownerDocument.location = 'https://spam-target.example/';", True),
    ("var d = document; d.location = 'https://spam-target.example/';", True),
    ("var w = globalThis.window; w.location = 'https://spam-target.example/';", True),
    ("const w = (window); w.location = 'https://spam-target.example/';", True),
    ("var w = opener; w.location = 'https://spam-target.example/';", True),
    ("var x = window; var w = x; w.location = 'https://spam-target.example/';", True),
    ("var p = window.open(''); p.location = 'https://spam-target.example/';", True),
    # a config object bound from a window's property is still the config
    ("var idp = window.ndm || {}; idp.location = 'https://sso.example-idp.com/';", False),
    # a window's `location` by its name in brackets, or set by Reflect
    ("window['location'] = 'https://spam-target.example/';", True),
    ("globalThis['location'] = 'https://spam-target.example/';", True),
    ("top[\"location\"][\"href\"] = 'https://spam-target.example/';", True),
    ("Reflect.set(window, 'location', 'https://spam-target.example/');", True),
    ("cfg['location'] = 'https://sso.example-idp.com/';", False),
    # its `href` set or `replace` called by name in brackets: the same navigation
    ("location['href'] = 'https://spam-target.example/';", True),
    ("window.location[\"href\"] = 'https://spam-target.example/';", True),
    ("location['replace']('https://spam-target.example/');", True),
    ("window['location']['assign']('https://spam-target.example/');", True),
    ("cfg.location['href'] = 'https://sso.example-idp.com/';", False),
    ("cfg['replace']('https://sso.example-idp.com/');", False),
    # a name bound to the window's location
    ("var loc = window.location; loc.href = 'https://spam-target.example/';", True),
    ("var l = location; l.replace('https://spam-target.example/');", True),
    ("var loc = cfg.location; loc.href = 'https://sso.example-idp.com/';", False),
    # the same, the location read or the name's `href`/`replace` called by name in brackets
    ("var loc = window['location']; loc.href = 'https://spam-target.example/';", True),
    ("var loc = top[\"location\"]; loc.replace('https://spam-target.example/');", True),
    ("var loc = document['location']; loc['href'] = 'https://spam-target.example/';", True),
    ("var l = location; l['assign']('https://spam-target.example/');", True),
    ("var loc = window.location; loc[\"href\"] = 'https://spam-target.example/';", True),
    ("var loc = cfg['location']; loc.href = 'https://sso.example-idp.com/';", False),
    ("var loc = window['location']['href']; loc.replace('https://sso.example-idp.com/');",
     False),
    ("var loc = window['location']; loc['hrefs'] = 'https://sso.example-idp.com/';", False),
    # `this` in a script's top level is the window; in a constructor, the object made
    ("this.location = 'https://spam-target.example/';", True),
    ("function Store(){ this.location = 'https://maps.example-idp.com/'; }", False),
    # a parameter where the script passes no window but jQuery's wrapper of one
    ("$(window).on('load', function(o){ o.location = 'https://maps.example-idp.com/'; });",
     False),
    # the window's location set as an object's key, or destructured from the window
    ("Object.assign(window, {location: 'https://spam-target.example/'});", True),
    ("Object.assign(window, {a: 1, 'location': 'https://spam-target.example/'});", True),
    ("Object.assign(window.location, {href: 'https://spam-target.example/'});", True),
    ("Object.assign(cfg, {location: 'https://sso.example-idp.com/'});", False),
    # an object's value before the key: still the window's location; a nested object's
    # own location key is that object's
    ("Object.assign(window, {cfg: {a: 1}, location: 'https://spam-target.example/'});", True),
    ("Object.assign(window, {cfg: {location: 'https://sso.example-idp.com/'}});", False),
    ("Object.assign(link, {href: 'https://sso.example-idp.com/'});", False),
    ("const {location: l} = window; l.replace('https://spam-target.example/');", True),
    ("var {location: l, top} = window; l.href = 'https://spam-target.example/';", True),
    ("const {location: l} = window; console.log(l.href);", False),
    ("const {location: l} = cfg; l.replace('https://sso.example-idp.com/');", False),
    # a class's `this` is its object
    ("class Store { constructor(){ this.location = 'https://maps.example-idp.com/'; } }",
     False),
    ("var o = {init() { this.location = 'https://maps.example-idp.com/'; }};", False),
]


@pytest.mark.parametrize(("code", "navigates"), OWNED_LOCATIONS)
def test_only_a_window_s_location_set_is_a_redirect(audit_html: AuditHtml, code: str,
                                                    navigates: bool) -> None:
    """An object's `location` property (herald-sun's `ndm.idp.location`, a SAML sign-in
    address) read as `location =` was a high redirect."""
    report = audit_html(_location_page(code), url="https://news.example.org/story/1")
    redirects_found = [f for f in report.findings if f.kind == "redirect"]
    assert bool(redirects_found) is navigates, redirects_found
    if navigates:
        assert redirects_found[0].severity is Severity.HIGH


@pytest.mark.parametrize(("code", "navigates"), [
    # sloppy code's `this` in a function called where it is written is the window
    ("(function(){ this.location = 'https://spam-target.example/'; })();", True),
    ("(function(){ this.location = 'https://spam-target.example/'; }());", True),
    ("!function(){ this.location = 'https://spam-target.example/'; }();", True),
    ("(function(){ this.location = 'https://spam-target.example/'; }).call(this);", True),
    ("(() => { this.location = 'https://spam-target.example/'; })();", True),
    # a block of the top level (an `if`'s) is no function's: its `this` is the window
    ("if (ready) { this.location = 'https://spam-target.example/'; }", True),
    # a strict script's is undefined; an object's, a constructor's, a method's are theirs
    ("'use strict'; (function(){ this.location = 'https://spam-target.example/'; })();",
     False),
    ("(function(){ this.location = 'https://maps.example-idp.com/'; }).call(cfg);", False),
    ("var o = new function(){ this.location = 'https://maps.example-idp.com/'; };", False),
    ("var o = {init: function(){ this.location = 'https://maps.example-idp.com/'; }};",
     False),
    ("(function(){ var s = {set: function(){ this.location = 'https://maps.example-idp.com/';"
     " }}; })();", False),
    # strictness is a directive's, at the top of the script or of a function holding the
    # code: another function's, or the words in a string, leave the rest sloppy
    ("function f(){ 'use strict'; return 1; } (function(){ this.location = "
     "'https://spam-target.example/'; })();", True),
    ("(function(){ this.location = 'https://spam-target.example/'; })(); "
     "console.log('use strict');", True),
    ("/* build */ \"use strict\"; (function(){ this.location = 'https://maps.example-idp.com/';"
     " })();", False),
    ("(function(){ 'use strict'; (function(){ this.location = 'https://maps.example-idp.com/';"
     " })(); })();", False),
    # a timer's callback is called with the window as its `this`
    ("setTimeout(function(){ this.location = 'https://spam-target.example/'; }, 3000);", True),
    ("window.setInterval(function () { this.location.href = 'https://spam-target.example/'; "
     "}, 500);", True),
    ("el.addEventListener('click', function(){ this.location = 'https://maps.example-idp.com/';"
     " });", False),
], ids=["iife", "iife called inside", "negated iife", "call(this)", "arrow iife",
        "an if's block", "strict iife", "call(cfg)", "new function", "a method",
        "a method in an iife", "another function strict", "the words in a string",
        "a strict script after a comment", "an iife in a strict function", "a timer's",
        "an interval's", "a listener's"])
def test_this_in_a_function_called_where_written_is_the_window(
        audit_html: AuditHtml, code: str, navigates: bool) -> None:
    """`(function(){ this.location = … })()` in sloppy code sends the window away, as
    `window.location` in the same function does (medium: a function's redirect, run on a
    call, as the parameter form above is read); a method's or a constructor's `this` is
    its object's. Each navigating case was missed."""
    report = audit_html(_location_page(code), url="https://news.example.org/story/1")
    found = [f.severity for f in report.findings if f.kind == "redirect"]
    twin = [f.severity for f in audit_html(_location_page(code.replace(
        "this.location", "window.location")), url="https://news.example.org/story/1"
        ).findings if f.kind == "redirect"]
    assert found == (twin if navigates else []), (found, twin)
    assert bool(found) is navigates


@pytest.mark.parametrize("code", [
    "(function(w, d){ w.location = 'https://spam-target.example/'; })(window, document);",
    "function go(w){ w.location.href = 'https://spam-target.example/'; } go(self);",
    "var run = (w) => { w.location = 'https://spam-target.example/'; }; run(window);",
])
def test_a_window_passed_to_a_function_navigates_by_its_parameter(audit_html: AuditHtml,
                                                                  code: str) -> None:
    """An injector's wrapper, `(function(w){ w.location = … })(window)`, owned its
    `location` by a parameter no binding named a window, and its redirect went unreported.
    A function's redirect is judged as before the owner rule (medium: run on a call)."""
    report = audit_html(_location_page(code), url="https://news.example.org/story/1")
    assert [f for f in report.findings if f.kind == "redirect"], report.findings
