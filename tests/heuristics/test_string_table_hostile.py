"""The rotated string table's reader (`auditor.dom.string_table`) on hostile page code:
nothing escapes it and its cost stays linear-ish, whatever numbers, tables or function
heads a page writes."""

from __future__ import annotations

import math
import time

import pytest

from auditor.dom.deobfuscate import as_written, decode_script
from auditor.dom.string_table import resolved
from tests.hostile.scaling import assert_linear

from .test_vendor_obfuscation import _SOCGHOLISH_TABLE, _SOCGHOLISH_WORDS, checksummed


def test_a_checksum_past_a_double_is_an_infinity_not_an_overflow() -> None:
    """JavaScript reads `parseInt('1111…')` and a 400-digit literal as Infinity; Python's
    `float(int)` raised OverflowError out of the reader (and of `decode_script`)."""
    code = checksummed(_SOCGHOLISH_WORDS, _SOCGHOLISH_TABLE)
    for huge in ("9" * 400, "0x" + "f" * 300):
        hostile = code.replace("/0x1+-parseInt", f"/{huge}+-parseInt", 1)
        assert hostile != code
        assert resolved(hostile) is None  # the checksum no longer meets the constant
        decode_script(hostile)
    # a table string the checksum's parseInt reads at some turn: 400 digits
    words = [*_SOCGHOLISH_WORDS, "1" * 400 + "x"]
    for turn in range(1, len(words) + 3):
        plain = resolved(checksummed(words, _SOCGHOLISH_TABLE, turn))
        assert plain is not None and "document['createElement']('script')" in plain


# the SocGholish-shaped loader's `document[…](…)` as hostile code may write it once read
_CREATED = "_0x2=document[_0x1(0x1a1)](_0x1(0x1a2))"


@pytest.mark.parametrize(("what", "written"), [
    ("through call", "_0x2=document[_0x1(0x1a1)]['call'](document,_0x1(0x1a2))"),
    ("through apply", "_0x2=document[_0x1(0x1a1)]['apply'](document,[_0x1(0x1a2)])"),
    ("bound first", "_0x7=document[_0x1(0x1a1)]['bind'](document),_0x2=_0x7(_0x1(0x1a2))"),
    ("with an options argument", "_0x2=document[_0x1(0x1a1)](_0x1(0x1a2),{})"),
    ("its name trimmed", "_0x2=document[_0x1(0x1a1)](_0x1(0x1a2)['trim']())"),
    ("its name or a default", "_0x2=document[_0x1(0x1a1)](_0x1(0x1a2)||'div')"),
    ("in a namespace", "_0x2=document['createElementNS']('http://www.w3.org/1999/xhtml',"
                       "_0x1(0x1a2))"),
    ("its method's name split", "_0x2=document['createElem'+'ent'](_0x1(0x1a2))"),
    ("its method's name split, called", "_0x2=document['createElem'+'ent']['call'](document,"
                                        "_0x1(0x1a2))"),
], ids=lambda v: v if len(v) < 40 else "")
def test_a_loader_that_hands_create_element_its_tag_otherwise_still_loads(
        what: str, written: str) -> None:
    """The table read, `createElement` given `'script'` any other way than as its one
    literal argument (called through `call`/`apply`/`bind`, with a second argument, as an
    expression, as `createElementNS`) creates what the code may name: a script. The read
    argument was taken only from `createElement('x')`, so these created nothing and the
    loader's URL was no longer loaded (`high` lost). The obfuscator's `splitStrings` writes
    the method's name in pieces (`document['createElem'+'ent']`)."""
    body = _SOCGHOLISH_TABLE.replace(_CREATED, written)
    assert body != _SOCGHOLISH_TABLE
    code = checksummed(_SOCGHOLISH_WORDS, body)
    assert resolved(code) is not None
    decoded = decode_script(code)
    assert "script" in decoded.acts, (what, decoded.acts)
    assert any(u.url == _SOCGHOLISH_WORDS[0] and u.loaded for u in decoded.urls), decoded.urls


def test_an_array_literal_is_no_property() -> None:
    """`as_written` reads `d['src']` as `d.src`; an array literal holding one name
    (`apply(document, ['script'])`, `return ['x']`) is no property access: read as one, the
    literal was gone (`apply(document,.script)`) and with it the tag's word."""
    assert as_written("d.createElement.apply(d,['script'])") == (
        "d.createElement.apply(d,['script'])")
    assert as_written("x=['a'];y=(['b']);return ['c']") == "x=['a'];y=(['b']);return ['c']"
    assert as_written("d['src']=u;f()['href'];a[0]['src'];d ['x']") == (
        "d.src=u;f().href;a[0].src;d .x")


def _seconds(code: str) -> float:
    start = time.perf_counter()
    resolved(code)
    return time.perf_counter() - start


def test_function_heads_before_the_accessor_cost_linear_time() -> None:
    """Every one-parameter function is an accessor's candidate; each was read up to 2,000
    characters for its braces, in Python, so a script of unclosed heads that read the
    table's name (`function _0xab(a){_0x1b2c();…` 20,000 times, 700 KB) took seconds."""
    table = checksummed(_SOCGHOLISH_WORDS, _SOCGHOLISH_TABLE)
    assert_linear(lambda n: _seconds("function _0xab(a){_0x1b2c();x=1;" * n + table), 5000,
                  "accessor heads", max_seconds=1.0)


def test_a_checksum_no_turn_meets_costs_linear_time_in_the_table() -> None:
    """A table no turn of the checksum meets is turned once round: each turn copied the
    table (quadratic in its strings)."""
    def seconds(n: int) -> float:
        words = [f"w{i}" for i in range(n)] + _SOCGHOLISH_WORDS
        code = checksummed(words, _SOCGHOLISH_TABLE).replace("/0x3;if", "/0x3+0x1;if")
        return _seconds(code)
    assert_linear(seconds, 1200, "a checksum never met")


def test_parse_int_reads_as_javascript_does() -> None:
    """JavaScript's `parseInt` reads a `0x` prefix as hexadecimal and only ASCII digits
    (`parseInt('٣')` is NaN); the reader took `'0x1f'` for 0 and Arabic-Indic digits for
    numbers, so a checksum over such strings met its constant at another turn than the
    browser's, or at none."""
    words = [*_SOCGHOLISH_WORDS, "0x1fzz", "\u0663\u0664"]
    code = checksummed(words, _SOCGHOLISH_TABLE, 2)
    hexed = hex(0x1a0 + len(words) - 2)
    arabic = hex(0x1a0 + len(words) - 1)
    # the checksum plus parseInt('0x1fzz'), 31: the constant JavaScript reaches moves by 31
    checksum_end = "/0x3;if("
    assert checksum_end in code
    with_hex = code.replace(checksum_end, f"/0x3+parseInt(_0x2b3c4d({hexed}));if(", 1)
    target = code.split("}}}(_0x1b2c,")[1].split(")")[0]
    moved = hex(int(target, 16) + 31)
    with_hex = with_hex.replace(f"}}}}}}(_0x1b2c,{target})", f"}}}}}}(_0x1b2c,{moved})")
    plain = resolved(with_hex)
    assert plain is not None and "document['createElement']('script')" in plain
    with_arabic = code.replace(checksum_end, f"/0x3+parseInt(_0x2b3c4d({arabic}));if(", 1)
    assert resolved(with_arabic) is None  # NaN meets no constant


@pytest.mark.parametrize("operator", ["+", "*", "-", "%"])
def test_a_checksum_of_a_thousand_terms_is_left_unread(operator: str) -> None:
    """The checksum's text may run 4,000 characters: `1+1+…+1`, a thousand terms, read as
    a left-deep chain of operations, evaluated past Python's recursion limit
    (RecursionError out of `resolved` and `decode_script`)."""
    code = checksummed(_SOCGHOLISH_WORDS, _SOCGHOLISH_TABLE)
    hostile = code.replace("/0x3;if(", "/0x3" + f"{operator}1" * 1500 + ";if(", 1)
    assert hostile != code
    assert resolved(hostile) is None
    decode_script(hostile)


@pytest.mark.parametrize("wrapper", ["abc_0x2f1e", "$_0x2f1e9a0", "_0x2f", "_0x2f1e9a0"])
def test_a_wrapper_of_any_name_leaves_the_table_unread(wrapper: str) -> None:
    """A wrapper function (`stringArrayWrappersType: 'function'`) called with hex indexes
    leaves calls the reader cannot answer; they were looked for only as `_0x` and 3 to 6
    hex digits, so a wrapper under the obfuscator's `identifiersPrefix` (`abc_0x2f1e`) or of
    another length left `document[abc_0x2f1e(0x191)](…)` unread, the table emptied: the
    loader created nothing (high lost). Unread, the table's words decide, as before."""
    body = _SOCGHOLISH_TABLE.replace(
        "(function(){var _0x1=_0x5e6f,",
        f"(function(){{var _0x1=_0x5e6f;function {wrapper}(_0xa){{return _0x1(_0xa- -0x10);}}var ")
    body = body.replace(_CREATED, f"_0x2=document[{wrapper}(0x191)]({wrapper}(0x192))")
    code = checksummed(_SOCGHOLISH_WORDS, body)
    assert resolved(code) is None
    assert "script" in decode_script(code).acts


# a bot check's image beacon: it probes what a script element supports, creates an `img`
# and sets its source to the collector with what it found
_PROBING_WORDS = ["https://verify.botshield.example/v3/px", "createElement", "script",
                  "noModule", "img", "src", "?m=", "webdriver", "async"]


@pytest.mark.parametrize(("what", "probe"), [
    ("'noModule' in a new script", "_0x1(0x1a3)in document[_0x1(0x1a1)](_0x1(0x1a2))"),
    ("a new script's property read", "!!document[_0x1(0x1a1)](_0x1(0x1a2))[_0x1(0x1a8)]"),
])
def test_a_script_element_only_probed_creates_nothing(what: str, probe: str) -> None:
    """`'noModule' in document.createElement('script')` (how loaders and bot checks test
    module support) keeps no element: nothing is inserted, nothing loads. Read as created,
    with the beacon image's `.src=` it made the bot check a script loader: its collector
    "loaded" (high)."""
    body = (f"(function(){{var _0x1=_0x5e6f,_0x4={probe},_0x5=document[_0x1(0x1a1)](_0x1(0x1a4));"
            "_0x5[_0x1(0x1a5)]=_0x1(0x1a0)+_0x1(0x1a6)+_0x4+!!navigator[_0x1(0x1a7)];}());")
    code = checksummed(_PROBING_WORDS, body)
    assert resolved(code) is not None
    decoded = decode_script(code)
    assert "script" not in decoded.acts, (what, decoded.acts)
    # the same element kept and its source set loads
    kept = body.replace(f"_0x4={probe}", "_0x4=document[_0x1(0x1a1)](_0x1(0x1a2))").replace(
        "_0x5[_0x1(0x1a5)]", "_0x4[_0x1(0x1a5)]")
    assert "script" in decode_script(checksummed(_PROBING_WORDS, kept)).acts


# a bot check that fingerprints a clean window in a frame it gives no source, removes it,
# and reports through a beacon image
_CLEAN_REALM_WORDS = [
    "https://verify.botshield.example/v3/px", "createElement", "iframe", "style", "display:none",
    "body", "appendChild", "contentWindow", "navigator", "webdriver", "removeChild", "img", "src",
    "?w="]
_CLEAN_REALM = (
    "(function(){var _0x1=_0x5e6f,_0x2=document[_0x1(0x1a1)](_0x1(0x1a2));_0x2[_0x1(0x1a3)]="
    "_0x1(0x1a4);document[_0x1(0x1a5)][_0x1(0x1a6)](_0x2);var _0x3=!!_0x2[_0x1(0x1a7)]"
    "[_0x1(0x1a8)][_0x1(0x1a9)];document[_0x1(0x1a5)][_0x1(0x1aa)](_0x2);var _0x5=document"
    "[_0x1(0x1a1)](_0x1(0x1ab));_0x5[_0x1(0x1ac)]=_0x1(0x1a0)+_0x1(0x1ad)+_0x3;}());")


def test_a_source_set_on_a_beacon_image_loads_no_frame() -> None:
    """Read, the code sets a source only on the `img` it created (`_0x5.src=…`); its frame
    has none (a clean window to fingerprint). Any `.src=` anywhere counted for the frame,
    so the collector was "loaded" by a frame (high). The same frame given the source loads."""
    code = checksummed(_CLEAN_REALM_WORDS, _CLEAN_REALM)
    assert resolved(code) is not None
    decoded = decode_script(code)
    assert "frame" not in decoded.acts, decoded.acts
    assert not any(u.loaded for u in decoded.urls), decoded.urls
    framed = checksummed(_CLEAN_REALM_WORDS, _CLEAN_REALM.replace("_0x5[_0x1(0x1ac)]",
                                                                  "_0x2[_0x1(0x1ac)]"))
    assert "frame" in decode_script(framed).acts
    # an element variable assigned anything but createElement of a literal may be any element
    aliased = _CLEAN_REALM.replace("_0x5[_0x1(0x1ac)]", "_0x5=_0x2,_0x5[_0x1(0x1ac)]")
    assert "frame" in decode_script(checksummed(_CLEAN_REALM_WORDS, aliased)).acts


def test_an_accessor_called_with_a_name_leaves_the_table_unread() -> None:
    """`document[_0x1(_0xk)]`: a call whose index is a name is not answered; the text was
    answered all the same with the table emptied, so `createElement` read that way was
    nowhere and the loader created nothing (high lost). Unread, the words decide."""
    body = _SOCGHOLISH_TABLE.replace(_CREATED, "_0xk=0x1a1,_0x2=document[_0x1(_0xk)](_0x1(0x1a2))")
    code = checksummed(_SOCGHOLISH_WORDS, body)
    assert resolved(code) is None
    assert "script" in decode_script(code).acts
    # the accessor's own call of itself, with its parameters, is no such call
    assert resolved(checksummed(_SOCGHOLISH_WORDS, _SOCGHOLISH_TABLE)) is not None


def test_parse_int_of_minus_zero_is_negative_zero() -> None:
    """JavaScript's `parseInt('-0')` is -0 (`1/parseInt('-0')` is -Infinity); the reader's
    was +0, so a checksum dividing by it went the other way."""
    from auditor.dom.string_table import _js_parse_int
    assert math.copysign(1.0, _js_parse_int("-0abc")) == -1.0
    assert math.copysign(1.0, _js_parse_int("0abc")) == 1.0
