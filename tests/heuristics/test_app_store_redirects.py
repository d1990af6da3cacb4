"""A user-agent test sending tablets and phones to an app's store page is a site
promoting its app (2010s news sites sent iPad visitors to their magazine app so), not a
cloak; a referrer test, or a target that is no store's app page, stays one."""

from __future__ import annotations

import time

import pytest

from auditor.model import Severity
from tests.hostile.scaling import assert_linear

from .conftest import AuditHtml


def page(script: str) -> str:
    return (f"<html><head><title>t</title><script>{script}</script></head><body><article>"
            "<p>Text of the article that is long enough to read.</p></article></body></html>")


IPAD = ("if (navigator.userAgent.indexOf('iPad') != -1) {{ var u = window.location.href;"
        " if (/\\/magazine\\/toc\\//.test(u)) {{ document.location = \"{target}\"; }} }}")

CASES: list[tuple[str, Severity]] = [
    (IPAD.format(target="http://itunes.apple.com/us/app/news-weekly/id421216878?mt=8"),
     Severity.LOW),
    (IPAD.format(target="https://apps.apple.com/app/id1234567890"), Severity.LOW),
    ("if (/Android/i.test(navigator.userAgent)) { window.location.href = "
     "'https://play.google.com/store/apps/details?id=com.news.example'; }", Severity.LOW),
    # the store's other pages are no app's
    (IPAD.format(target="http://itunes.apple.com/us/genre/ios-news/id6009"), Severity.HIGH),
    # the referrer tested too: search visitors sent away is a cloak, wherever to
    ("if (document.referrer.indexOf('google') > -1 && /iPhone/.test(navigator.userAgent)) {"
     " location.href = 'https://apps.apple.com/app/id1234567890'; }", Severity.HIGH),
    (IPAD.format(target="http://win-prize.example/ipad"), Severity.HIGH),
    # the referrer read further up the script than the redirect's window, into a name its
    # test then asks: search visitors sent away still (revC33)
    ("var from = document.referrer;" + " " * 450 + "var searched = /google|bing/.test(from);"
     + "/* " + "x" * 420 + " */ if (searched && /iPhone/.test(navigator.userAgent)) {"
     " location.href = 'https://apps.apple.com/app/id1234567890'; }", Severity.HIGH),
    ("var seen = document.cookie.indexOf('seen=1') > -1;" + " " * 500
     + "if (!seen && /iPad/.test(navigator.userAgent)) {"
     " location.href = 'https://apps.apple.com/app/id1234567890'; }", Severity.HIGH),
]


@pytest.mark.parametrize(("script", "severity"), CASES)
def test_a_tablet_sent_to_an_app_s_store_page_is_low(audit_html: AuditHtml, script: str,
                                                     severity: Severity) -> None:
    report = audit_html(page(script), url="https://news.example/magazine/a.htm")
    assert [f.severity for f in report.findings if f.kind == "redirect"] == [severity]


def two_scripts(first: str, second: str) -> str:
    return (f"<html><head><title>t</title><script>{first}</script><script>{second}</script>"
            "</head><body><article><p>Text of the article that is long enough to read.</p>"
            "</article></body></html>")


STORE = " location.href = 'https://apps.apple.com/app/id1234567890'; }"


@pytest.mark.parametrize(("first", "second", "severity"), [
    # a cloak split over two scripts: the referrer, a cookie or webdriver read in one, into a
    # name the redirect's test asks in the other (it was low, an app promotion)
    ("var fromSearch = /google|bing/.test(document.referrer);",
     "if (fromSearch && /iPhone/.test(navigator.userAgent)) {" + STORE, Severity.HIGH),
    ("window.seenStore = document.cookie.indexOf('st=1') > -1;",
     "if (!seenStore && /iPad/.test(navigator.userAgent)) {" + STORE, Severity.HIGH),
    ("function isBot() { return !!navigator.webdriver; }",
     "if (!isBot() && /Android/.test(navigator.userAgent)) {" + STORE, Severity.HIGH),
    # the page's cookie code beside a promotion that asks none of its names: still low
    ("function setCookie(key, value) { var expires = new Date(); document.cookie = key + '='"
     " + value + '; expires=' + expires.toUTCString(); location.hash = ''; }",
     "if (/iPad/.test(navigator.userAgent)) { var u = window.location.href;" + STORE,
     Severity.LOW),
    # the promotion's own local of the same name is no other script's answer
    ("var ua = document.referrer;",
     "var ua = navigator.userAgent; if (/iPad/.test(ua)) {" + STORE, Severity.LOW),
], ids=["referrer", "cookie", "webdriver", "unrelated cookie code", "own local"])
def test_a_cloak_split_over_two_scripts_is_still_a_cloak(
        audit_html: AuditHtml, first: str, second: str, severity: Severity) -> None:
    report = audit_html(two_scripts(first, second), url="https://news.example/magazine/a.htm")
    assert [f.severity for f in report.findings if f.kind == "redirect"] == [severity]


def test_cloak_names_scale_linearly(audit_html: AuditHtml) -> None:
    """Each referrer or cookie read looks back a bounded window for its name: reads run
    together (each window holding the last) cost the page's length, not its square."""
    def seconds(n: int) -> float:
        first = "x=document.cookie;" * n + "var y = 1 " + "= document.referrer " * n
        html = two_scripts(first, "if (/iPad/.test(navigator.userAgent)) {" + STORE)
        start = time.perf_counter()
        audit_html(html, url="https://news.example/magazine/a.htm")
        return time.perf_counter() - start

    assert_linear(seconds, 2_000, "cloak names")


@pytest.mark.parametrize(("first", "second", "severity"), [
    # the answer kept in an object's property, the object declared far before the read
    ("var cfg = {};" + " " * 300 + "cfg.fromSearch = /google|bing/.test(document.referrer);",
     "if (cfg.fromSearch && /iPhone/.test(navigator.userAgent)) {" + STORE, Severity.HIGH),
    ("var st = {};" + " " * 300 + "st.seen = document.cookie.indexOf('st=1') > -1;",
     "if (!st.seen && /iPad/.test(navigator.userAgent)) {" + STORE, Severity.HIGH),
    # a back link set to the referrer is no answer the promotion's location.href asks
    ("var back = document.getElementById('back'); back.href = document.referrer || '/';",
     "if (/iPad/.test(navigator.userAgent)) {" + STORE, Severity.LOW),
    # the promotion sets the same property itself: its own, not the other script's answer
    ("cfg.ok = document.cookie.indexOf('x') > -1;",
     "cfg.ok = /iPad/.test(navigator.userAgent); if (cfg.ok) {" + STORE, Severity.LOW),
], ids=["referrer into a property", "cookie into a property", "a back link's href",
        "the promotion's own property"])
def test_a_cloak_kept_in_an_objects_property_is_still_a_cloak(
        audit_html: AuditHtml, first: str, second: str, severity: Severity) -> None:
    """The answer a cloak keeps for its other script may be an object's property set by
    the statement that reads the referrer or a cookie, the object declared anywhere."""
    report = audit_html(two_scripts(first, second), url="https://news.example/magazine/a.htm")
    assert [f.severity for f in report.findings if f.kind == "redirect"] == [severity]


# a phone test kept in a helper the script defines over the user agent, asked further on
# than the redirect's window reaches (a news site's "open in our app" link, #app in its URL)
HELPER = ("$(function () { if (location.hash == '#app') { var phone = {"
          " android: function () { return navigator.userAgent.match(/Android|IEMobile/i); },"
          " ios: function () { return navigator.userAgent.match(/iPhone|iPad|iPod/i); }, };"
          + " " * 300 +
          " if (phone.android()) { document.location.href ="
          " 'https://play.google.com/store/apps/details?id=com.news.example'; }"
          + " " * 300 +
          " if (phone.ios()) { document.location.href ="
          " 'https://itunes.apple.com/us/app/news-weekly/id421216878?ls=1&mt=8'; } } });")


@pytest.mark.parametrize(("script", "severities"), [
    (HELPER, [Severity.LOW, Severity.LOW]),
    # the helper reads the referrer: search visitors sent away, no promotion (high where
    # the read is in the window, a condition of the script's own past it)
    (HELPER.replace("navigator.userAgent", "document.referrer"),
     [Severity.HIGH, Severity.MEDIUM]),
    # a name the script defines beside no user-agent read: a condition of its own
    (HELPER.replace("navigator.userAgent", "window.appConfig"),
     [Severity.MEDIUM, Severity.MEDIUM]),
    # the same helper sending phones to a page that is no store's app page
    (HELPER.replace("itunes.apple.com/us/app/news-weekly/id421216878",
                    "win-prize.example/iphone"), [Severity.LOW, Severity.MEDIUM]),
], ids=["user agent helper", "referrer helper", "no read", "not a store page"])
def test_a_user_agent_helper_asked_past_the_window_is_the_test(
        audit_html: AuditHtml, script: str, severities: list[Severity]) -> None:
    report = audit_html(page(script), url="https://news.example/magazine/a.htm")
    assert sorted(f.severity for f in report.findings if f.kind == "redirect") == sorted(
        severities)


def test_user_agent_helpers_scale_linearly(audit_html: AuditHtml) -> None:
    """Each user-agent read looks back a bounded window for the helper's name."""
    def seconds(n: int) -> float:
        script = ("var a = navigator.userAgent;" * n + " " * 500 + "if (phone.ios()) {"
                  + STORE)
        start = time.perf_counter()
        audit_html(page(script), url="https://news.example/magazine/a.htm")
        return time.perf_counter() - start

    assert_linear(seconds, 2_000, "user agent helpers")


# a helper's name the window holds but does not call in code: no test of the user agent
# governs the redirect (rev44a)
PHONE = "var isPhone = function () { return navigator.userAgent.match(/Android/i); };" + " " * 450
PLAY = " location.href = 'https://play.google.com/store/apps/details?id=com.news.example';"


@pytest.mark.parametrize(("script", "severity"), [
    # the user agent kept in a value the window logs: every visitor sent, as the page loads
    ("var ua = navigator.userAgent;" + " " * 450 + "console.log(ua);" + PLAY, Severity.HIGH),
    # the helper named only in a comment: a condition of the script's own
    (PHONE + "/* isPhone() */ if (window.innerWidth < 2000) {" + PLAY + " }", Severity.MEDIUM),
    (PHONE + "if (window.innerWidth < 2000) { var s = 'isPhone()';" + PLAY + " }",
     Severity.MEDIUM),
    # called, but the redirect runs whatever it answers
    (PHONE + "isPhone();" + PLAY, Severity.HIGH),
    # called as the redirect's test: the promotion
    (PHONE + "if (isPhone()) {" + PLAY + " }", Severity.LOW),
], ids=["value logged", "in a comment", "in a string", "called, not tested", "tested"])
def test_a_user_agent_helper_counts_only_where_its_call_tests_the_redirect(
        audit_html: AuditHtml, script: str, severity: Severity) -> None:
    report = audit_html(page(script), url="https://news.example/magazine/a.htm")
    assert [f.severity for f in report.findings if f.kind == "redirect"] == [severity]
