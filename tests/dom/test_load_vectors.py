"""Ways a page loads a third party that the walk once missed, each checked in headless
Chromium 156 (loaded from an http server through a logging proxy; the request it made is
the expected row). The rows after them are the same forms that load nothing, so a
gate does not call them loads.
"""

from __future__ import annotations

import pytest
from archive_fixtures import response, warc_bytes

from auditor.catalogue import default_catalogue
from auditor.dom.page import parse_page
from auditor.dom.walk import page_base, walk
from auditor.model import RequestType as T
from auditor.pipeline import audit_records
from auditor.readers import Document, read_source
from auditor.rules import Engine

BASE = "https://site.test/news/post.html"


def loads(markup: str) -> list[tuple[str, T, str]]:
    page = parse_page(markup)
    base = page_base(page.tagged("base"), BASE)
    return [(f.url, f.type, f.via) for f in walk(page.root, base, page)
            if f.assigned and "site.test" not in f.url]


@pytest.mark.parametrize(("markup", "expected"), [
    # a form the page's own code submits: the visitor is sent to its action at once
    ('<form action="https://go.test/r" method="post" name="g"><input type=hidden name=q '
     'value=1></form><script>document.forms.g.submit();</script>',
     [("https://go.test/r", T.DOCUMENT, "form[action]")]),
    ('<form id="h" action="https://go.test/r"></form>'
     '<script>document.getElementById("h").requestSubmit()</script>',
     [("https://go.test/r", T.DOCUMENT, "form[action]")]),
    ('<form action="/search"><button id="b" formaction="https://go.test/r">Go</button>'
     '</form><script>document.getElementById("b").click()</script>',
     [("https://go.test/r", T.DOCUMENT, "button[formaction]")]),
    # a handler's code as the parser decodes it: a character reference in the call
    ('<body onload="document.forms.g.&#115;ubmit()"><form name="g" '
     'action="https://go.test/r"><input type=hidden name=q value=1></form></body>',
     [("https://go.test/r", T.DOCUMENT, "form[action]")]),
    ('<form action="https://go.test/r"><button id="b">Go</button></form><img src="/n.gif" '
     'onerror="document.getElementById(&quot;b&quot;)&period;click&lpar;&rpar;">',
     [("https://go.test/r", T.DOCUMENT, "form[action]")]),
    # a link the page's code clicks, one it made (in the document or not) or one it found
    ("<p>x</p><script>var a=document.createElement('a');a.href='https://go.test/made';"
     "document.body.appendChild(a);a.click();</script>",
     [("https://go.test/made", T.DOCUMENT, "inline-script")]),
    ("<script>var a=document.createElement('a');a.setAttribute('href', "
     "'https://go.test/made');a.click();</script>",
     [("https://go.test/made", T.DOCUMENT, "inline-script")]),
    ("<script>var a=document.createElement('a');a.href='https://go.test/made';"
     "a.target='_self';a.click();</script>",
     [("https://go.test/made", T.DOCUMENT, "inline-script")]),
    ('<a id="go" target="_top" href="https://go.test/found">next</a>'
     "<script>document.querySelector('a#go').click();</script>",
     [("https://go.test/found", T.DOCUMENT, "a[href] click()")]),
    ('<p>x</p><a id="go" href="https://go.test/found">next</a>'
     "<script>document.querySelector('a#go').click();</script>",
     [("https://go.test/found", T.DOCUMENT, "a[href] click()")]),
    ('<html><head><base target="_blank"></head><body><a id="go" target="_self" href="https:'
     "//go.test/found\">next</a><script>document.querySelector('a#go').click();</script>"
     "</body></html>", [("https://go.test/found", T.DOCUMENT, "a[href] click()")]),
    # a made link given the page's own target over `<base target=_blank>` loads in the page
    ('<html><head><base target="_blank"></head><body><p>x</p><script>var a=document.'
     "createElement('a');a.href='https://go.test/made';a.target='_self';document.body."
     "appendChild(a);a.click();</script></body></html>",
     [("https://go.test/made", T.DOCUMENT, "inline-script")]),
    ('<a id="go" href="https://go.test/found">next</a><script>var l = '
     "document.getElementById('go'); setTimeout(function () { l.click(); }, 10);</script>",
     [("https://go.test/found", T.DOCUMENT, "a[href] click()")]),
    # a `javascript:` frame: the string its code ends with is the frame's document
    ("""<iframe src="javascript:'<script src=https://a.magsrv.com/ad.js></script>'">"""
     "</iframe>", [("https://a.magsrv.com/ad.js", T.SCRIPT, "iframe[src] javascript:")]),
    ("<iframe src=\"javascript:document.write('%3Cimg src=%22//px.test/p.gif%22%3E')\">"
     "</iframe>", [("https://px.test/p.gif", T.IMAGE, "iframe[src] javascript:")]),
    # SVG animation that sets an image's address (each of `<animate>`'s values, as the
    # animation reaches it)
    ('<svg width="10" height="10"><image width="10" height="10"><set attributeName="href" '
     'to="https://px.test/s.png"/></image></svg>',
     [("https://px.test/s.png", T.IMAGE, "set[to]")]),
    ('<svg width="10" height="10"><image width="10" height="10"><animate attributeName="href"'
     ' values="https://px.test/a.png;https://px.test/b.png" dur="1s"/></image></svg>',
     [("https://px.test/a.png", T.IMAGE, "animate[values]"),
      ("https://px.test/b.png", T.IMAGE, "animate[values]")]),
    # an XML document's style sheet (an SVG file's, an XHTML page's), before its root
    ('<?xml version="1.0"?>\n<?xml-stylesheet type="text/css" href="https://css.test/a.css"?>'
     '\n<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
     [("https://css.test/a.css", T.STYLESHEET, "xml-stylesheet")]),
    # markup a script writes with an unquoted address
    ("<script>document.write('<script src=https://a.magsrv.com/ad.js><\\/script>')</script>",
     [("https://a.magsrv.com/ad.js", T.SCRIPT, "inline-script")]),
    # what loads nothing: a form no code submits, jQuery's `.submit(handler)`, an
    # instruction after the root element, a link's unquoted href a script writes
    ('<form action="https://search.test/q"><input name=q></form>', []),
    ('<form action="https://search.test/q"></form><script>$("form").submit(function(e){'
     'e.preventDefault()})</script>', []),
    ('<p>x</p><?xml-stylesheet href="https://css.test/late.css"?>', []),
    ("<script>document.write('<a href=https://shop.test/p>buy</a>')</script>", []),
    ('<svg><image><set attributeName="width" to="10"/></image></svg>', []),
    # a `javascript:` URL as an `<object>`'s data or an `<embed>`'s src runs nothing (as
    # a frame's does): Chromium 156 made no request of either, with a type or without
    ("<object data=\"javascript:'<img src=https://px.test/o.gif>'\"></object>"
     "<object type=\"text/html\" data=\"javascript:void(new Image().src="
     "'https://px.test/c.gif')\"></object>"
     "<embed src=\"javascript:'<img src=https://px.test/e.gif>'\">", []),
    # jQuery's `.click()` runs a link's handlers and leaves out its native click; a
    # link only focused is not followed when something else is clicked
    ('<a id="go" href="https://go.test/found">next</a><script>$("#go").click();</script>', []),
    ('<a id="menu" href="https://go.test/menu">m</a><button id="b">b</button><script>'
     'document.getElementById("menu").focus(); document.getElementById("b").click()</script>',
     []),
    # an id selector names its element whole: `#shop-toggle` is not the link `#shop`,
    # `#b-menu` not the form's submit button `#b`
    ('<a id="shop" href="https://go.test/shop">s</a><button id="shop-toggle">=</button>'
     "<script>document.querySelector('#shop-toggle').click();</script>", []),
    ('<form action="https://go.test/r"><button id="b">Go</button></form><button '
     'type="button" id="b-menu">m</button>'
     "<script>document.querySelector('#b-menu').click();</script>", []),
    # a link that opens a new tab (a share button's) leaves the page where it is
    ("<script>function share(){var a=document.createElement('a');a.href='https://twitter."
     "com/intent/tweet?u=x';a.target='_blank';a.click()}</script>", []),
    ("<script>var a=document.createElement('a');a.href='https://go.test/x';"
     "a.setAttribute('target', 'share');a.click();</script>", []),
    ('<a id="tw" target="_blank" href="https://twitter.com/intent/tweet?u=x">t</a>'
     "<script>document.getElementById('tw').click();</script>", []),
    # ... and so does every link of a page whose `<base target>` opens a new tab, found or
    # made, unless it names a target of its own (`_self` below loads)
    ('<html><head><base target="_blank"></head><body><a id="go" href="https://go.test/f">'
     "next</a><script>document.querySelector('a#go').click();</script></body></html>", []),
    ('<html><head><base target="_blank"></head><body><p>x</p><script>var a=document.'
     "createElement('a');a.href='https://go.test/made';document.body.appendChild(a);"
     "a.click();</script></body></html>", []),
    ('<svg><rect><animate attributeName="x" values="0;10;0" dur="2s"/></rect></svg>', []),
])
def test_what_chromium_loads_is_a_request(markup: str, expected: list[tuple[str, T, str]]
                                          ) -> None:
    assert loads(markup) == expected


def test_a_responses_link_header_preload_is_a_request() -> None:
    """`Link: <…>; rel=preload; as=script` on an archived response: Chromium fetched the
    script before the page named it. The header is read as the `<link>` it stands for."""
    data = warc_bytes([response(
        "https://site.test/", "<!doctype html><title>x</title><p>hello</p>",
        extra=[("Link", '<https://a.magsrv.com/ad-provider.js>; rel=preload; as=script, '
                        '<https://fonts.test>; rel=preconnect'),
               ("Link", '</local.css>; rel="preload"; as="style"')])])
    (doc,) = [r for r in read_source(data) if isinstance(r, Document)]
    (report,) = audit_records([doc], Engine.load(system_lists=False), default_catalogue())
    assert [(r.url, r.type, r.via) for r in report.resources if not r.hint] == [
        ("https://a.magsrv.com/ad-provider.js", T.SCRIPT, "Link header link[preload]"),
        ("https://site.test/local.css", T.STYLESHEET, "Link header link[preload]")]
    assert report.resources[0].network == "ExoClick"


@pytest.mark.parametrize(("script", "submits"), [
    # what clicks no submit control: a file input's picker, a menu, a download link
    ("document.getElementById('menu').addEventListener('click', function () {"
     " document.getElementById('file').click(); });", False),
    ("var a = document.createElement('a'); a.href = URL.createObjectURL(blob);"
     " a.download = 'report.csv'; a.click();", False),
    ("$('.nav-toggle').click();", False),
    # what clicks one: by its id or name, in a form, or named as a submit
    ("var b = document.getElementById('go'); setTimeout(function () { b.click(); }, 10);",
     True),
    ("document.forms[0].querySelector('button').click();", True),
    ("document.querySelector('[type=submit]').click();", True),
    ("$('#go').click();", True),
])
def test_a_click_submits_a_form_only_on_a_submit_control(script: str, submits: bool) -> None:
    """A form whose page calls `.click()` on something else (Chromium 156 stayed on the
    page) is no navigation: a site's newsletter form to Mailchimp named Mailchimp as a
    network the page loaded because a file input's picker was opened by `.click()`."""
    markup = ('<form action="https://example.us1.list-manage.com/subscribe/post">'
              '<input name="EMAIL"><button id="go">Subscribe</button></form>'
              '<input type="file" id="file"><a id="menu">Menu</a>'
              f"<script>{script}</script>")
    expected = [("https://example.us1.list-manage.com/subscribe/post", T.DOCUMENT,
                 "form[action]")]
    assert loads(markup) == (expected if submits else [])
