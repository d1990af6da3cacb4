"""`auditor.heuristics.redirects`' own helpers, read as tables: what counts as a countdown
a wait page shows, and that a script is read for one once however many redirects it holds."""

from __future__ import annotations

import time

import pytest

from auditor.heuristics import redirects

from .conftest import AuditListed

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

