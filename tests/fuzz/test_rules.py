"""Fuzz the rule parser and the engine: network and cosmetic rules of every syntax
(anchors, wildcards, /regexes/, options with odd values, procedural operators with odd
arguments), and lines that are no rule at all.

Parsing never raises: a line is a rule, a comment, or an unsupported rule counted in its
list. An engine built from any list matches any request and hides elements of any page
without raising, and each decision names a line of the list that says so.
"""

from __future__ import annotations

from hypothesis import event, example, given
from hypothesis import strategies as st

from auditor.dom.parser import html_bytes, parse_html, parse_html_bytes
from auditor.model import RequestType
from auditor.pipeline import audit_document
from auditor.readers import Document
from auditor.rules import Engine, TreeViews
from auditor.rules.parse import CosmeticFilter, NetworkFilter, Unsupported, parse_line
from fuzz.budget import fuzz
from fuzz.engines import catalogue
from fuzz.strategies import (
    ad_page,
    cosmetic_list,
    host,
    html_page,
    http_url,
    rule_host,
    rule_line,
    rule_list,
    url,
)

request_type = st.sampled_from([t.value for t in RequestType])
requests = st.lists(st.tuples(st.one_of(http_url, url), st.one_of(st.none(), http_url, url),
                              request_type), max_size=8)


@fuzz(300)
@given(line=rule_line, n=st.integers(1, 10**6))
@example(line="/a{999999999}/$script", n=1)
@example(line="##div:xpath(foo())", n=1)
@example(line="example.com##div:upward(1000000000)", n=1)
def test_every_line_parses_to_a_rule_a_comment_or_unsupported(line: str, n: int) -> None:
    parsed = parse_line(line, n)
    event(type(parsed).__name__)
    assert parsed is None or isinstance(parsed, (NetworkFilter, CosmeticFilter, Unsupported))
    if parsed is not None:
        assert parsed.line == n and parsed.text == line.strip()
    if isinstance(parsed, Unsupported):
        assert parsed.reason


def _lines(text: str) -> list[str]:
    return text.splitlines()  # how a list is read (compile_lists)


@fuzz(40)
@given(rules=rule_list, reqs=requests)
def test_an_engine_from_any_list_decides_any_request(
        rules: list[str], reqs: list[tuple[str, str | None, str]]) -> None:
    """Every rule is counted (supported or not); each decision is the one `explain` gives
    (one evaluation path) and names the list line that decided it."""
    text = "\n".join(rules)
    engine = Engine.from_text(text, name="fuzz")
    [info] = engine.lists
    parsed = [p for i, raw in enumerate(_lines(text), 1) if (p := parse_line(raw, i))]
    event(f"unsupported rules: {min(info.unsupported, 3)}")
    assert (info.rules, info.unsupported) == (
        len(parsed), sum(isinstance(p, Unsupported) for p in parsed))
    for u, src, kind in reqs:
        m = engine.match(u, src, kind)
        event("blocked" if m.blocked else "excepted" if m.exception else "no decision")
        assert engine.explain(u, src, kind).match == m, (u, src, kind)
        if m.rule is None:
            assert not m.blocked
            continue
        assert m.list == "fuzz" and m.line is not None
        assert _lines(text)[m.line - 1].strip() == m.rule
        assert isinstance(parse_line(m.rule, m.line), NetworkFilter)
        assert m.exception == m.rule.startswith("@@") and m.blocked != m.exception


@fuzz(40)
@given(rules=cosmetic_list, page=ad_page(), hostname=st.one_of(rule_host, host))
@example(rules=["##.adsbygoogle"], page='<html><body></body></html><ins class="adsbygoogle">',
         hostname="ads.test")
@example(rules=["ads.test##div div", "###ad", "ads.test##div"],
         page='<html><body></body></html><div id="ad">Sponsored</div>', hostname="ads.test")
def test_cosmetic_rules_from_any_list_hide_only_the_pages_elements(rules: list[str], page: str,
                                                                   hostname: str) -> None:
    """Hits are elements of the page, in document order, each hidden by a cosmetic line of
    the list; the cheaper pass given the page's bytes finds the same hits."""
    text = "\n".join(rules)
    engine = Engine.from_text(text, name="fuzz")
    markup = html_bytes(page)
    root = parse_html_bytes(markup)
    hits = engine.cosmetic(TreeViews(root, markup), hostname)
    event(f"hits: {min(len(hits), 3)}")
    order = {el: i for i, el in enumerate(root.iter())}
    assert all(h.element in order for h in hits), "a hidden element the walks cannot reach"
    assert [order[h.element] for h in hits] == sorted(order[h.element] for h in hits)
    for hit in hits:
        assert hit.list == "fuzz" and _lines(text)[hit.line - 1].strip() == hit.rule
        rule = parse_line(hit.rule, hit.line)
        assert isinstance(rule, CosmeticFilter)
        event("procedural hit" if rule.procedural else "css hit")
    again = engine.cosmetic(TreeViews(parse_html(page)), hostname)
    assert [(h.rule, h.line) for h in again] == [(h.rule, h.line) for h in hits]


@fuzz(30)
@given(rules=rule_list, page=st.one_of(html_page(), ad_page()),
       page_url=st.one_of(st.none(), url))
def test_a_page_audited_with_any_list_is_a_report(rules: list[str], page: str,
                                                  page_url: str | None) -> None:
    """The whole audit with a hostile list loaded: bad rules cost nothing but themselves."""
    engine = Engine.from_text("\n".join(rules), name="fuzz")
    report = audit_document(Document("p.html", "html", page, url=page_url), engine, catalogue())
    assert report.errors == ()
    assert all(s.list in ("fuzz", "auditor-catalogue") for s in report.slots if s.rule)
