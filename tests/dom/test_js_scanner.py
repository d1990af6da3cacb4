"""`inline_js._scan`: the one reader of a script's strings and comments, which the slot
pass's bracket and keyword readers (`code_tokens`) and its comment reader
(`comment_spans`) share, so the two cannot drift apart."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.dom.inline_js import JS_MARKS, code_tokens, comment_spans, in_spans
from auditor.lazy_re import lazy_regex

_BRACES = lazy_regex(JS_MARKS + r"|[{}]", re.MULTILINE)

# (a script, the braces read in it as code)
CASES = [
    ("a{'}'}b", "{}"),  # a string's brace is none
    ("r = /'/;\n{ }", "{}"),  # a stray quote (a regex's) swallows no more than its line
    ('s = "a\\"}";{', "{"),  # an escaped quote ends no string
    ("t = `a\n}`;{", "{"),  # a template runs over lines
    ("// {\n}", "}"),
    ("f() /* { */ }", "}"),
    ("u = 'http://x/*'; {", "{"),  # a URL's `//`, a glob's `/*`, in a string
    ("x = a.b//c {\n}", "{}"),  # a `//` run into a name opens no comment
    # a string continued on the next line (a backslash before the line's end, as legacy
    # document.write tags split their markup) ends at its quote, not at that line's end
    ("s = 'a \\\n}'; {", "{"),
    ('s = "a \\\r\n}"; {', "{"),
    ("s = 'a \\\\\n}'; {", "}"),  # an escaped backslash continues nothing
    # a regex literal's quotes open no string; a division is no regex
    ("r = s.replace(/'/g, '-'); {", "{"),
    ('r = s.replace(/"/g, "&quot;"); {', "{"),
    ("r = /`/; {\n}", "{}"),
    ("r = [/[/']/, 1]; {", "{"),  # a class's `/` closes no regex
    ("x = a / b; {'/'}", "{}"),
    ("y = (a) / 2 / f('}'); {", "{"),
]


@pytest.mark.parametrize(("code", "braces"), CASES)
def test_code_tokens(code: str, braces: str) -> None:
    assert "".join(m.group() for m in code_tokens(code, _BRACES)) == braces


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["{", "}", "'", '"', "`", "\\", "\n", "//", "/*", "*/", " ",
                                 "a", ";", "x.y", "http://", "'image/*'"]), max_size=30))
def test_no_token_is_read_in_a_comment(parts: list[str]) -> None:
    """What `code_tokens` reads as code lies in none of `comment_spans`' comments."""
    code = "".join(parts)
    spans = comment_spans(code)
    assert not any(in_spans(spans, m.start()) for m in code_tokens(code, _BRACES))
