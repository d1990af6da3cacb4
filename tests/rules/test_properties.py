"""Laws of filter matching, checked on generated filters and URLs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.rules import Engine

label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
host = st.lists(label, min_size=1, max_size=3).map(lambda xs: ".".join([*xs, "test"]))
path = st.lists(label, min_size=0, max_size=4).map(lambda xs: "/" + "/".join(xs))
types = st.sampled_from(["script", "image", "stylesheet", "xmlhttprequest", "subdocument"])
options = st.lists(
    st.sampled_from(
        [
            "third-party",
            "~third-party",
            "script",
            "image",
            "~image",
            "match-case",
            "domain=src.test",
            "domain=~other.test",
        ]
    ),
    max_size=3,
    unique=True,
)


def _filter(h: str, p: str, opts: list[str], anchor: bool) -> str:
    pattern = f"||{h}^" if anchor else p
    return pattern + ("$" + ",".join(opts) if opts else "")


@settings(max_examples=150, deadline=None)
@given(h=host, p=path, opts=options, anchor=st.booleans(), t=types, important=st.booleans())
def test_exception_twin_beats_blocking_unless_important(
    h: str, p: str, opts: list[str], anchor: bool, t: str, important: bool
) -> None:
    rule = _filter(h, p, opts, anchor)
    blocking = rule + (("," if opts else "$") + "important" if important else "")
    url, src = f"https://{h}{p}", "https://www.src.test/"
    alone = Engine.from_text(blocking + "\n").match(url, src, t)
    both = Engine.from_text(f"{blocking}\n@@{rule}\n").match(url, src, t)
    if not alone.blocked:
        assert not both.blocked
    elif important:
        assert both.blocked and both.rule == blocking and both.important
    else:
        assert not both.blocked and both.exception and both.rule == "@@" + rule and both.line == 2


@settings(max_examples=100, deadline=None)
@given(h=host, p=path, opts=options, anchor=st.booleans(), t=types)
def test_badfilter_removes_its_twin(h: str, p: str, opts: list[str], anchor: bool, t: str) -> None:
    rule = _filter(h, p, opts, anchor)
    bad = rule + ("," if opts else "$") + "badfilter"
    m = Engine.from_text(f"{rule}\n{bad}\n").match(f"https://{h}{p}", "https://x.test/", t)
    assert not m.blocked and m.rule is None


@settings(max_examples=100, deadline=None)
@given(h=host, p=path, opts=options, anchor=st.booleans(), t=types, pad=st.integers(0, 5))
def test_attribution_round_trips(
    h: str, p: str, opts: list[str], anchor: bool, t: str, pad: int
) -> None:
    rule = _filter(h, p, opts, anchor)
    text = "! comment\n" * pad + rule + "\n"
    e = Engine.from_text(text, name="prop")
    m = e.match(f"https://{h}{p}", "https://www.src.test/", t)
    if m.blocked:
        assert m.rule == rule and m.list == "prop" and m.line == pad + 1
        assert text.splitlines()[m.line - 1] == m.rule
