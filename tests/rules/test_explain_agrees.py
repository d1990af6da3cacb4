"""Law: `rules check` explains the very decision `audit` makes.

`Engine.explain` and `Engine.match` must agree on every request (blocked or not, and
the deciding rule), and the candidates `explain` lists must tell the same story: the
deciding rule is the one candidate marked "decided", and no blocking candidate is
said to have matched when nothing was blocked. Rule lists and requests are generated
over a few hosts and paths, so rules and requests meet often.

CI runs a brief profile; for the thorough run set `AUDITOR_PROPERTY_EXAMPLES`:

    AUDITOR_PROPERTY_EXAMPLES=10000 pytest tests/rules/test_explain_agrees.py \
        --hypothesis-show-statistics
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.model import RequestType
from auditor.rules import Engine

EXAMPLES = int(os.environ.get("AUDITOR_PROPERTY_EXAMPLES", "300"))

HOSTS = ("ads.test", "cdn.ads.test", "site.test", "www.site.test", "other.test")
PATHS = ("/x.js", "/ad/banner.png", "/p", "/Ad/x.js")
SOURCES = (None, "about:blank", *(f"https://{h}/page" for h in HOSTS))
TYPES = tuple(t.value for t in RequestType)

_host = st.sampled_from(HOSTS)
_path = st.sampled_from(PATHS)
_pattern = st.one_of(
    _host.map(lambda h: f"||{h}^"),
    st.tuples(_host, _path).map(lambda hp: f"||{hp[0]}{hp[1]}"),
    st.tuples(_host, _path).map(lambda hp: f"|https://{hp[0]}{hp[1]}|"),
    _path,
    _path.map(lambda p: f"*{p[1:3]}*{p[-2:]}"),
    _path.map(lambda p: f"{p}|"),
    _host.map(lambda h: f"{h}^"),
    st.sampled_from([r"/ads\.test\/[a-z]+\.js/", r"/^https:\/\/(www\.)?site\.test/", r"/\/p$/"]),
)
_option = st.sampled_from(
    [
        "first-party",
        "third-party",
        "~third-party",
        "strict1p",
        "strict3p",
        "script",
        "image",
        "~image",
        "document",
        "important",
        "match-case",
        "domain=site.test",
        "domain=~site.test",
        "domain=ads.test|other.test",
        "denyallow=cdn.ads.test",
        "to=~www.site.test",
    ]
)


@st.composite
def _rule(draw: st.DrawFn) -> str:
    rule = draw(_pattern)
    opts = draw(st.lists(_option, max_size=3, unique=True))
    if draw(st.integers(0, 5)) == 0:
        opts.append("badfilter")
    if opts:
        rule += "$" + ",".join(opts)
    return ("@@" if draw(st.integers(0, 2)) == 0 else "") + rule


@st.composite
def _rule_list(draw: st.DrawFn) -> list[str]:
    """Rules, some repeated without `$badfilter`, so a `$badfilter` often has its twin."""
    rules = draw(st.lists(_rule(), min_size=1, max_size=8))
    twins = [r.replace(",badfilter", "").replace("$badfilter", "") for r in rules]
    return rules + draw(st.lists(st.sampled_from(twins), max_size=3))


_request = st.tuples(
    st.tuples(_host, _path).map(lambda hp: f"https://{hp[0]}{hp[1]}"),
    st.sampled_from(SOURCES),
    st.sampled_from(TYPES),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(rules=_rule_list(), requests=st.lists(_request, min_size=1, max_size=4))
def test_explain_agrees_with_match(
    rules: list[str], requests: list[tuple[str, str | None, str]]
) -> None:
    engine = Engine.from_text("\n".join(rules) + "\n")
    for url, source, type_ in requests:
        decision = engine.match(url, source, type_)
        ex = engine.explain(url, source, type_)
        assert ex.match == decision, (url, source, type_)
        decided = [c for c in ex.candidates if c.outcome == "decided"]
        if decision.rule is None:
            assert decided == []
        else:
            assert [(c.rule, c.line) for c in decided] == [(decision.rule, decision.line)]
        if not decision.blocked:
            assert not any(
                c.outcome.startswith("also matched (another blocking") for c in ex.candidates
            ), ex.candidates
        if decision.rule is None:
            # nothing decided, so no blocking candidate can have matched outright
            assert not any(
                not c.exception and c.outcome.startswith("also matched") for c in ex.candidates
            )


def test_no_source_first_party_is_explained_as_blocked() -> None:
    """The issue-14 case: with no source URL, `$first-party` applies (party unknown)."""
    engine = Engine.from_text("||ads.test^$first-party\n")
    ex = engine.explain("https://ads.test/x.js", None, "script")
    assert ex.match == engine.match("https://ads.test/x.js", None, "script")
    assert ex.match.blocked and ex.match.rule == "||ads.test^$first-party"
    assert ex.third_party is None
    assert [c.outcome for c in ex.candidates] == ["decided"]
