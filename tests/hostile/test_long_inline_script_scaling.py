"""One long inline script (a saved page's inlined bundle, 0.5–2 MB) of many short
statements with a URL string now and then: each URL is read in a window around it, never
by a read of the whole script per URL (a `click` looked for in all of it per `src` set
made a 1 MB script take 7 s)."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds


def _page(code: str) -> str:
    return (f"<html><head><meta charset='utf-8'><script>{code}</script></head>"
            f"<body><p>Text.</p></body></html>")


def _src_sets(n: int) -> str:
    """A `src` set from a built URL every 200 characters, the script clicking something."""
    return _page(('t.src="https://sdk.example.org/"+e+"/loader.js";' + "x();" * 40) * n
                 + "b.click();")


def _links_clicked(n: int) -> str:
    """Links set up and clicked in turn, each name its own."""
    return _page("".join(f'var a{i}=d.createElement("a");a{i}.href="https://go.example.org/{i}";'
                         f'a{i}.target="_blank";a{i}.click();' + "x();" * 20 for i in range(n)))


def _one_link_clicked(n: int, base: str = "") -> str:
    """One link set up and clicked again and again, in a page whose `<base target>` may
    open links in a new tab (the script names no `target`)."""
    return (f"<html><head>{base}<script>"
            + "".join(f'a.href="https://go.example.org/{i}";a.click();x();' for i in range(n))
            + "</script></head><body><p>Text.</p></body></html>")


def _one_line_or_lines(n: int, sep: str) -> str:
    return _page(sep.join(f'u{i}="https://cdn{i % 50}.example.org/a/{i}.js";' + "x();" * 30
                          for i in range(n)))


def _writes(n: int) -> str:
    return _page("".join(f"document.write('<img src=\"https://px.example.org/{i}.gif\">');"
                         + "x();" * 30 for i in range(n)))


def _literals(n: int) -> str:
    return _page("".join(f'var s{i}="plain text {i}";' + "x();" * 10 for i in range(n))
                 + 'var u="https://cdn.example.org/a.js";')


def _googletag(n: int) -> str:
    return _page("".join(f"googletag.cmd.push(function(){{googletag.defineSlot('/4817/s{i}',"
                         f"[300,250],'div-s{i}').addService(googletag.pubads());}});"
                         for i in range(n)))


def test_src_sets_in_a_script_that_clicks_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_src_sets(n)), 1000, "src sets, a click")


def test_links_set_up_and_clicked_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_links_clicked(n)), 500, "links clicked")


def test_one_link_clicked_again_and_again_is_linear() -> None:
    assert_linear(lambda n: audit_seconds(_one_link_clicked(n)), 1000, "one link clicked")


def test_links_opened_in_a_new_tab_by_the_base_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_one_link_clicked(n, "<base target='_blank'>")),
                  1000, "links, base target")


def test_urls_on_one_line_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_one_line_or_lines(n, "")), 1000, "URLs, one line")


def test_urls_on_many_lines_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_one_line_or_lines(n, "\n")), 1000, "URLs, lines")


def test_document_writes_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_writes(n)), 500, "document.write calls")


def test_string_literals_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_literals(n)), 2000, "string literals")


def test_googletag_calls_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_googletag(n)), 300, "googletag calls")
