"""Where a script binds a name anew: one reading of parameters serves the written-frame
reading (`deobfuscate`: a constant spliced into a tag) and the request reading
(`inline_js._binds`: a literal handed to a call by name)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from auditor.dom.deobfuscate import written_frames
from auditor.dom.inline_js import _binds, parameters

CONSTANT = "https://frame.example/p"
DECLARED = f"var t='{CONSTANT}';"
WRITES = "document.write('<iframe src=\"'+t+'\">')"

# where a script may bind `t` as a parameter, or only read it: function, generator,
# arrow, catch and method forms, each with parameter lists that hold `t` in any place
# (a default's `e = t` reads it)
_BINDERS = st.sampled_from([
    "function f(P){}", "function(P){}", "function* g(P){}", "function *g(P){}", "(P)=>1;",
    "async (P) => 1;", "P=>1;", "try{}catch(P){}", "o={m(P){}};", "o={get m(P){}};",
    "if(P){}", "while(P){}", "f(P);", "o.m(P);"])
_PARAMS = st.sampled_from([
    "t", "e,t", "t=1", "e=t", "a=t,b", "{t}", "...t", "[t]", "t1", "$t", "e = t", "e=t.x",
    "a, t = 2", "t,e=1", " t ", "t\n", ""])
# statements that read `t`, or declare it again (another variable, to both readings)
_STATEMENTS = st.sampled_from(["x = t;", "o.t = 1;", "f(t);", "let t = 1;", "var t;",
                               "for (const t of a) {}", "n = 2;", ""])


@st.composite
def _fragments(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.one_of(
        st.builds(lambda binder, params: binder.replace("P", params), _BINDERS, _PARAMS),
        _STATEMENTS), max_size=4))
    return "".join(parts)


# a second value given to `t` (`t = 2`, or a parameter's default `t = 1`)
_ASSIGNS = re.compile(r"(?<![\w$.])t\s*=(?![=>])")


@given(_fragments())
def test_a_name_bound_anew_is_another_variable_to_both_readings(fragment: str) -> None:
    """A parameter or a declaration of `t` anywhere makes its constant another
    function's variable to the frame reading, as it makes a request's literal another's
    to the request reading; a default naming `t` only reads it. Where they differ, on
    purpose: an assignment gives the constant a second value, which the frame reading
    (`_bound_once`) sees, while the request reading asks `_binds` of the code before a
    call only once `_named_request` found no assignment of its own."""
    frames = list(written_frames(DECLARED + fragment + WRITES, ()))
    read_as_constant = f'<iframe src="{CONSTANT}">' in frames
    second_value = _ASSIGNS.search(fragment) is not None
    assert read_as_constant is not (_binds(fragment, "t") or second_value), frames


@given(_fragments())
def test_an_assignment_is_no_binding_to_the_request_reading(fragment: str) -> None:
    code = fragment + ";t = 2;"
    assert f'<iframe src="{CONSTANT}">' not in list(written_frames(DECLARED + code + WRITES, ()))
    assert _binds(code, "t") is _binds(fragment, "t")


def test_parameters_are_read_however_the_function_is_written() -> None:
    assert parameters("try{}catch(t){} function* g(e){} o={m(n){}}; (a=u)=>1") == {
        "t", "e", "n", "a"}
