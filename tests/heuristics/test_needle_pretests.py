"""The exact needle tests in front of slow patterns agree with the patterns they guard:
on the tricky spellings (case, the long s, spaced calls) the pre-test never says no where
the pattern matches."""
import pytest
from lxml import html

from auditor.dom.deobfuscate import _ROTATION, _ROTATION_MAY, _created
from auditor.dom.page import parse_page
from auditor.heuristics.hidden import (
    _ANY_PIECES,
    _CREATES_STYLE,
    _QUOTED_LITERAL,
    _creates_style,
    _quoted_literals,
    _script_sheets,
)
from auditor.heuristics.redirects import _js_redirects
from auditor.slots import ad_call_boxes
from auditor.slots.labels import _names_an_ad


@pytest.mark.parametrize("code", [
    "var s=document.createElement('style');s.textContent='#a{top:-9999px}'",
    "document.CREATEELEMENT( `STYLE` )",
    "document.createElement(\"\u017ftyle\")",  # the long s matches `s` caselessly
    "document.write('<STYLE>#a{display:none}</STYLE>')",
    "el.insertAdjacentHTML('beforeend', '<\u017fTYLE media=all>.x{left:-9999px}')",
    "document.createElement('div'); x.style.top='1px'",
    "var t = '<styles>'; createElement ('style')",
    "no sheet here {}",
    # pieces joined first: a needle split across them, or one only a piece makes
    "document.createElement('st' + 'yle')",
    "d.write('<sty'+\n  '' + 'le>.a{top:-999px}')",
    "x.innerHTML = '<' + 'style>' + css; var y = a+ 'tyle'",
    "var s = 'tyle'; q = 'create' + 'Element(' + 'a'",
])
def test_style_needles_agree_with_the_pattern(code: str) -> None:
    assert _creates_style(code) == bool(_CREATES_STYLE.search(_ANY_PIECES.sub("", code)))


@pytest.mark.parametrize("code, url", [
    ("Object . assign ( window , {location: 'https://a.example/x'})", "https://a.example/x"),
    ("Object.assign(location,{href:\"//b.example/y\"})", "//b.example/y"),
    ("Object.assign(window.location, {href: 'https://c.example/z'})", "https://c.example/z"),
    ("window [ 'location' ] = 'https://e.example/'", "https://e.example/"),
    ('top["location" ]["href"]="//f.example/g"', "//f.example/g"),
    ("Reflect.set(self, 'location', 'https://h.example/')", "https://h.example/"),
])
def test_bracket_and_object_assign_redirects_still_found(code: str, url: str) -> None:
    assert [u for _, u in _js_redirects(code)] == [url]


def test_object_assign_of_own_object_is_no_redirect() -> None:
    assert list(_js_redirects("Object.assign(cfg, {location: 'https://d.example/'})")) == []


@pytest.mark.parametrize("cls, named", [
    ("trb_gptAd rail", True), ("AD-slot", True), ("md:ADS_top", True), ("noAds", False),
    ("header nav", False), ("shadow", False),
])
def test_ad_named_class_needle(cls: str, named: bool) -> None:
    assert _names_an_ad(html.fromstring(f'<div class="{cls}"></div>'), {}) is named


@pytest.mark.parametrize("call, placed", [
    ("TagProvider.displayAd('2127_1593')", True),
    ("site.render_ad (\n \"2127_1593\")", True),
    ("loadAd('other')", False),
    ("window.adsLoaded = true", False),
])
def test_ad_call_needle(call: str, placed: bool) -> None:
    page = parse_page(
        f'<html><body><div id="2127_1593"><script>{call}</script></div></body></html>')
    assert bool(ad_call_boxes(page)) is placed


def test_script_sheet_literals_of_each_quote() -> None:
    page = parse_page("""<html><body><script>var s=document.createElement('style');
    s.textContent = "#a{top:-9999px}" + '' + `.b{left:-9999px}` + '<style>.c{display:none}</style>';
    var e = ''; var d = 'no braces';</script></body></html>""")
    assert _script_sheets(page) == ["#a{top:-9999px}", ".b{left:-9999px}",
                                    " .c{display:none} "]


@pytest.mark.parametrize("code, tag", [
    ("d.createElement('div');d.createElement(\"IFRAME\")", "iframe"),
    ("var t=String.fromCharCode(115,99,114,105,112,116);d.createElement(t)", "script"),
    ("var t=window.String['FROMCHARCODE'](0x73,0x63,0x72,0x69,0x70,0x74);"
     "d.CreateElement(u);d.createElement(t)", "script"),
    ("var x='\u0130';document.createElement('img')", "img"),  # İ lowers to two characters
    ("var t='script';d.createElement(t)", None),
    ("d.createElement.call(d, 'script')", None),
])
def test_created_tag_read_at_each_create_element(code: str, tag: str | None) -> None:
    assert _created(code) == tag


@pytest.mark.parametrize("code", [
    "while(!![]){try{var e=parseInt(a(1))}catch(x){}}",
    "for ( ; ; ) {\u00a0try\n{",
    "for(e=a();;)try{if(",
    "while (true) { try {",
    "WHILE(!0){TRY{",
    "try { while(1) x() } catch(e) {}",
])
def test_rotation_prefilter_agrees_with_the_pattern(code: str) -> None:
    assert bool(_ROTATION.search(code)) <= bool(_ROTATION_MAY.search(code))


@pytest.mark.parametrize("code", [
    "var a='x{y}', b=\"p\\\"q\", c=`t${u}v` + `w$x` + '';",
    "'" + "a" * 4096 + "' 'b'",  # as long as the bounded read: read whole
    "'" + "a" * 4097 + "'x'",  # past it: no literal there, the scan goes on inside
    "'" + "\\n" * 3000 + "'",  # 6000 characters, 3000 escapes: within the read
    "`" + "line\n" * 900 + "`'after'",
    "'unclosed\n'x' \"a\\\nb\"",
])
def test_quoted_literals_read_as_the_bounded_pattern(code: str) -> None:
    expected = [next(g for g in m.groups() if g is not None)
                for m in _QUOTED_LITERAL.finditer(code)]
    assert list(_quoted_literals(code)) == expected


@pytest.mark.parametrize("code, url", [
    ("const {location: l} = window; l.href = 'https://i.example/'", "https://i.example/"),
    ("var {a, location :loc} = self; loc.replace(\"//j.example/k\")", "//j.example/k"),
])
def test_destructured_locations_still_navigate(code: str, url: str) -> None:
    assert [u for _, u in _js_redirects(code)] == [url]
