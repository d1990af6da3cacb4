"""Scripts that hold javascript-obfuscator's rotation loop (`while(!![]){try{`) with no
string table to resolve, scripts creating their element from char codes, and scripts
XOR-decoding beside an `eval` of a name among many short literals: the rotation is sought
once a script and the table read only where one is found, the XOR run's literal once, so
a page of them is read in time linear in its scripts."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds

_CODES = "115,99,114,105,112,116"


def _page(n: int) -> str:
    scripts = "".join(
        f"<script>var t{i}=[];while(!![]){{try{{if(t{i}.length>{i})break;t{i}.push(1);}}"
        f"catch(e){{break;}}}}</script>"
        f"<script>var e{i}=document.createElement(String.fromCharCode({_CODES}));"
        f"e{i}.src=String.fromCharCode(104,116,116,112,115,58,47,47,97,46,116,101,115,116,47,"
        f"{48 + i % 10});</script>"
        for i in range(n))
    return f"<html><body><p>x</p>{scripts}</body></html>"


def test_rotation_loops_without_a_table_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 200,
                  "rotation loops and char-code elements with no string table")


def _xor_page(n: int) -> str:
    quotes = "'a'," * 50
    scripts = "".join(
        f"<script>var k{i}=[{quotes}'b'];var r{i}='';for(var j=0;j<9;j++)"
        f"{{r{i}+=String.fromCharCode(k{i}[j].charCodeAt(0)^7);}}eval(r{i});</script>"
        for i in range(n))
    return f"<html><body><p>x</p>{scripts}</body></html>"


def test_xor_runs_among_short_literals_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_xor_page(n)), 200,
                  "XOR decoders run by eval among many short literals")


def _named_tag_page(n: int) -> str:
    calls = "".join(f"var e{i}=document.createElement(t{i});" for i in range(n))
    return ("<html><body><p>x</p><script>var t0=String.fromCharCode(0x53,0x43,0x52,0x49,0x50,"
            f"0x54);{calls}e0.src=String.fromCharCode({_CODES},46,106,115);</script></body></html>")


def test_elements_created_from_many_names_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_named_tag_page(n)), 400,
                  "one script creating elements from many names")


def _xor_keys_page(n: int) -> str:
    blob = "\\x5a" * 300
    keys = "".join(f"'k{j}'," for j in range(40))
    scripts = "".join(
        f"<script>var q{i}=[{keys}'z'];var b{i}='{blob}',o{i}='';for(var j=0;j<b{i}.length;j++)"
        f"{{o{i}+=String.fromCharCode(b{i}.charCodeAt(j)^q{i}[j%9].charCodeAt(0));}}"
        f"new Function(o{i})();</script>"
        for i in range(n))
    return f"<html><body><p>x</p>{scripts}</body></html>"


def test_xor_keys_tried_on_long_literals_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_xor_keys_page(n)), 100,
                  "XOR runs of long literals beside many literal keys")


def _retry_page(n: int) -> str:
    scripts = "".join(
        f"<script>var a{i}=['x','y'];function f{i}(k){{return a{i}[k-0x1];}}"
        f"while(true){{try{{if(f{i}(0x1)==='x')break;a{i}.push(a{i}.shift());}}catch(e){{break;}}}}"
        f"for(;;){{try{{var r{i}=parseInt(f{i}(0x2))/0x1;if(r{i}===b)break;}}catch(e){{break;}}}}"
        "</script>"
        for i in range(n))
    return f"<html><body><p>x</p>{scripts}</body></html>"


def test_compressed_rotation_loops_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_retry_page(n)), 200,
                  "while(true)/for(;;) retry loops beside small tables")


def _xor_sites_page(n: int) -> str:
    sites = "".join(f"h{i}=(h{i}>>>8)^s.charCodeAt({i % 7});" for i in range(n))
    return ("<html><body><p>x</p><script>var s='" + "\\x41" * 100 + f"';{sites}"
            + "var pad=0;" * n + "function run(src){return eval(src);}</script></body></html>")


def test_many_xor_decodings_far_from_an_eval_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_xor_sites_page(n)), 2000,
                  "one script of many XOR decodings far from its eval")


def _timer_page(n: int) -> str:
    blob = "\\x5a" * 300
    runs = "".join(
        f"c{i % 60}=d(b,'k');setTimeout(c{i % 60},{i});var c{i % 60}=c{i % 60}+'';"
        for i in range(n))
    return ("<html><body><p>x</p><script>function d(z,t){var r='';for(var n=0;n<z.length;"
            "n++){r+=String.fromCharCode(z.charCodeAt(n)^t.charCodeAt(0));}return r;}"
            f"var b='{blob}';{runs}</script></body></html>")


def test_timers_handed_names_beside_xor_decoding_are_linear() -> None:
    """Each timer's name is sought among the script's assignments: a bounded read."""
    assert_linear(lambda n: audit_seconds(_timer_page(n)), 400,
                  "one XOR-decoding script handing many names to timers")


def _indexed_page(n: int) -> str:
    objects = "".join(f"var o{i}={{a:0x10,b:0x11}};" for i in range(n))
    calls = "".join(f"x[t(o{i}.a)]=t(o{i}.b);" for i in range(n))
    return ("<html><body><p>x</p><script>function s(){var o=['src','createElement'];s=function()"
            "{return o;};return s();}function t(w,B){var J=s();return t=function(n,x){n=n-0x10;"
            f"return J[n];}},t(w,B);}}{objects}{calls}</script></body></html>")


def test_tables_read_through_many_objects_of_indexes_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_indexed_page(n)), 400,
                  "a string table read through many objects of indexes")


def _xor_constant_page(n: int) -> str:
    blob = "ab'cd" * 60  # a long literal no constant reads as markup or code
    scripts = "".join(
        f'<script>var a{i}="{blob}",b{i}="";for(var j=0;j<a{i}.length;j++)'
        f"{{b{i}+=String.fromCharCode(a{i}.charCodeAt(j)^{1 + i % 200});}}"
        f"document.write(unescape(b{i}));</script>"
        for i in range(n))
    return f"<html><body><p>x</p>{scripts}</body></html>"


def test_constant_xor_decoders_of_long_literals_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_xor_constant_page(n)), 100,
                  "constant-key XOR decoders of long literals")
