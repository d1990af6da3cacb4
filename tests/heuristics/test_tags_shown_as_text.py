"""A vendor's tag a page shows as text is none it runs: a tutorial's `<pre><code>` kept in
a script's data (a Next.js `__NEXT_DATA__` article body) writes the tag entity-escaped
(`&lt;script src=…&gt;`), and its example ID is no operator's. The same tag live in the
page's data, unescaped, or escaped by a DOM save outside a code block, still names its
vendor and ID."""

from __future__ import annotations

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

from .conftest import AuditHtml

_P = "<p>The council met on Tuesday to discuss the ferry timetable for the winter.</p>"
_PROPERTY = "5a1b2c3d4e5f60718293a4b5"
_PUBLISHER = "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d"


def _next_data(body: str) -> str:
    return (f'<html><head><title>t</title></head><body>{_P}<script id="__NEXT_DATA__" '
            f'type="application/json">{{"props":{{"post":{{"title":"Add share buttons",'
            f'"body":"{body}"}}}}}}</script></body></html>')


SHOWN = {
    "property (today's loader)": (
        '<p>Paste this:</p><pre><code>&lt;script src=\\"https://platform-api.sharethis.com/js/'
        f'sharethis.js#property={_PROPERTY}&amp;product=sop\\" async&gt;&lt;/script&gt;'
        '</code></pre>'),
    "publisher (the 2011 loader)": (
        '<pre><code>&lt;script type=\\"text/javascript\\" src=\\"http://w.sharethis.com/button/'
        f'sharethis.js#publisher={_PUBLISHER}&amp;type=website\\"&gt;&lt;/script&gt;'
        '</code></pre>'),
}


@pytest.mark.parametrize("body", SHOWN.values(), ids=SHOWN.keys())
def test_a_tag_shown_as_text_names_no_vendor_nor_id(audit_html: AuditHtml, body: str) -> None:
    report = audit_html(_next_data(body))
    assert not [i for i in report.ids if i.kind.startswith("sharethis")]
    assert "ShareThis" not in {n.network for n in report.networks}


def test_the_same_tag_live_in_the_pages_data_is_read(audit_html: AuditHtml) -> None:
    # the loader as a CMS's embed field holds it, raw HTML in the JSON, after a shown one
    body = (SHOWN["property (today's loader)"] + '", "embed": "<script src=\\"https://'
            f'platform-api.sharethis.com/js/sharethis.js#property={_PROPERTY}&product='
            'inline-share-buttons\\" async></script>')
    report = audit_html(_next_data(body))
    assert [(i.kind, i.value) for i in report.ids if i.kind.startswith("sharethis")] == [
        ("sharethis-property", _PROPERTY)]


def test_an_escaped_tag_a_dom_save_wrote_in_a_script_is_read(audit_html: AuditHtml) -> None:
    # a browser's save escapes the tag a script writes: no code block, a live tag
    html = (f"<html><head><title>t</title></head><body>{_P}<script>document.write('&lt;"
            'script src="https://platform-api.sharethis.com/js/sharethis.js#property='
            f"{_PROPERTY}&amp;product=sop\" async&gt;&lt;' + '/script>');</script></body></html>")
    report = audit_html(html)
    assert [(i.kind, i.value) for i in report.ids if i.kind.startswith("sharethis")] == [
        ("sharethis-property", _PROPERTY)]


def test_escaped_tags_read_in_linear_time() -> None:
    def seconds(n: int) -> float:
        tag = SHOWN["property (today's loader)"].replace(_PROPERTY, "{:024x}")
        return audit_seconds(_next_data("".join(tag.format(i) for i in range(n))))

    assert_linear(seconds, 4000, "entity-escaped vendor tags in a page's data")


def _state(body: str) -> str:
    """An article body as a client-rendered blog keeps it in a script's state."""
    return (f"<html><head><title>t</title></head><body>{_P}<div id=\"app\"></div><script>"
            f'window.__INITIAL_STATE__ = {{"article": {{"title": "Ad tags, explained", '
            f'"body": "{body}"}}}};</script></body></html>')


# a post about ad tags, each call or setting in a code block of its body: the page's state
# holds it as a string, raw (`<code>…</code>`) or after an escaped tag (`&lt;script&gt;…`)
CALLS_SHOWN = {
    "inline code, raw": (
        "<p>Criteo's old audience tag set <code>var crtg_nid=\\\"1867\\\";</code> before "
        "rta.js, and a GPT unit is <code>googletag.defineSlot('/21775744923/sports', "
        "[728, 90], 'div-gpt-ad-1')</code>.<\\/p>"),
    "a highlighted block, after an escaped tag": (
        "<pre><code class=\\\"language-html\\\">&lt;script&gt;<span class=\\\"hljs-keyword\\\">"
        "var</span> crtg_nid = <span class=\\\"hljs-string\\\">\\\"1867\\\"</span>;\\n"
        "googletag.defineSlot('/21775744923/sports', [728, 90], 'div-gpt-ad-1');"
        "&lt;/script&gt;<\\/code><\\/pre>"),
}


@pytest.mark.parametrize("body", CALLS_SHOWN.values(), ids=CALLS_SHOWN.keys())
def test_calls_a_script_shows_in_a_code_block_name_no_vendor_nor_id(
        audit_html: AuditHtml, body: str) -> None:
    report = audit_html(_state(body))
    assert report.ids == ()
    assert {n.network for n in report.networks} == set()
    assert report.slots == ()


def test_the_same_calls_after_the_block_closes_are_read(audit_html: AuditHtml) -> None:
    # the site's own ad code after the state: live, though the state shows a block
    html = _state(CALLS_SHOWN["inline code, raw"]).replace(
        "</script></body>", "\nvar crtg_nid = \"1870\"; googletag.cmd.push(function() {"
        "googletag.defineSlot('/6011/site/top', [728, 90], 'div-gpt-ad-1').addService("
        "googletag.pubads());});</script><div id=\"div-gpt-ad-1\"></div></body>")
    report = audit_html(html)
    ids = {(i.kind, i.value) for i in report.ids}
    assert {("gpt-network", "6011"), ("criteo-network", "1870")} <= ids
    assert not {v for _, v in ids} & {"21775744923", "1867", "/21775744923/sports"}
    assert {"Google Publisher Tag", "Criteo"} <= {n.network for n in report.networks}


def test_calls_shown_in_a_scripts_strings_read_in_linear_time() -> None:
    def seconds(n: int) -> float:
        return audit_seconds(_state(CALLS_SHOWN["inline code, raw"] * n))

    assert_linear(seconds, 2000, "ad calls shown in code blocks of a script's string")


def test_calls_after_a_block_closed_in_a_string_in_a_string_are_read(
        audit_html: AuditHtml) -> None:
    # the state a server writes as JSON inside a script's string (`JSON.parse("…")`), its
    # JSON's `<\/code>` escaped again (`<\\/code>`): the block is closed, the site's own GPT
    # unit after it in the same script is live
    html = (f"<html><head><title>t</title></head><body>{_P}<script>window.__STATE__ = "
            'JSON.parse("{\\"article\\":{\\"body\\":\\"<p>Run <code>npm start<\\\\/code> '
            'first.<\\\\/p>\\"},\\"user\\":null}");\nvar googletag = googletag || {}; '
            "googletag.cmd = googletag.cmd || [];\ngoogletag.cmd.push(function() {\n  "
            "googletag.defineSlot('/6011/tech/article', [300, 250], 'div-gpt-ad-1')"
            ".addService(googletag.pubads());\n});</script><div id=\"div-gpt-ad-1\"></div>"
            "</body></html>")
    assert "<code>npm start<\\\\/code>" in html
    report = audit_html(html)
    assert {("gpt-network", "6011"), ("gpt-slot", "/6011/tech/article")} <= {
        (i.kind, i.value) for i in report.ids}


def test_a_comparison_with_a_variable_named_code_opens_no_code_block(
        audit_html: AuditHtml) -> None:
    # `0<code.length` is a comparison, not a `<code>` tag: the GPT unit after it is live
    html = (f"<html><head><title>t</title></head><body>{_P}<script>\nvar code = (location."
            "search.match(/promo=(\\w+)/) || [])[1] || '';\nif (0<code.length) { document."
            "cookie = 'promo=' + code; }\nvar googletag = googletag || {}; googletag.cmd = "
            "googletag.cmd || [];\ngoogletag.cmd.push(function() {\n  googletag.defineSlot("
            "'/6011/deals/top', [728, 90], 'div-gpt-ad-top').addService(googletag.pubads());"
            "\n});</script><div id=\"div-gpt-ad-top\"></div></body></html>")
    report = audit_html(html)
    assert {("gpt-network", "6011"), ("gpt-slot", "/6011/deals/top")} <= {
        (i.kind, i.value) for i in report.ids}
