"""The baseline: set subtraction by fingerprint, a versioned file, and fingerprints that
survive edits which move lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.catalogue import Catalogue
from auditor.gate.baseline import (
    VERSION,
    Baseline,
    dumps_baseline,
    load_baseline,
    mark,
    write_baseline,
)
from auditor.gate.interface import PageRules, PolicyError
from auditor.gate.verdict import evaluate_page
from auditor.model import Severity, Violation
from auditor.pipeline import audit_document
from auditor.readers import Document
from auditor.rules import Engine

RULES = PageRules(deny_categories=("advertising",), deny_networks=("ExoClick",), max_ad_slots=0,
                  max_third_party_hosts=0, min_content_to_ad_ratio=5.0,
                  fail_on_severity=Severity.MEDIUM)

PAGE = """<!doctype html>
<html><head><title>Market day</title></head>
<body>
<main>
{above}<article>
<p>From next month the Saturday market sets up in the town square, the council decided.</p>
<script async type="application/javascript" src="https://a.magsrv.com/ad-provider.js"></script>
<ins class="eas6a97888e" data-zoneid="5876674"></ins>
<script>(AdProvider = window.AdProvider || []).push({{"serve": {{}}}});</script>
<p>Stallholders welcomed the move.</p>
</article>
</main>
</body></html>
"""

# Edits above the injection that move it down without touching it.
FILLER = st.sampled_from(["\n", "\n\n\n", "<p>An added paragraph.</p>\n",
                          "<!-- a build comment -->\n", "<nav>\n<a href='/'>Home</a>\n</nav>\n",
                          "<div class='banner'>\nNotice\n</div>\n"])


def violations_of(html: str, engine: Engine, catalogue: Catalogue) -> list[Violation]:
    doc = Document(input="site/blog/market-day.html", kind="html", text=html,
                   url="https://example.com/blog/market-day.html")
    return evaluate_page(audit_document(doc, engine, catalogue), "blog/market-day.html", RULES)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(above=st.lists(FILLER, min_size=1, max_size=6).map("".join))
def test_fingerprints_survive_a_line_shift(project_engine: Engine, catalogue: Catalogue,
                                           above: str) -> None:
    before = violations_of(PAGE.format(above=""), project_engine, catalogue)
    after = violations_of(PAGE.format(above=above), project_engine, catalogue)
    assert before, "the injected page must break the policy"
    assert {v.fingerprint for v in after} == {v.fingerprint for v in before}
    shift = above.count("\n")
    moved = [v for v in after if v.line]
    assert moved and all(v.line > 0 for v in moved)
    by_fp = {v.fingerprint: v.line for v in before}
    assert all(v.line == by_fp[v.fingerprint] + shift for v in moved)
    # and so a baseline of the old page accepts every violation of the edited one
    assert not _new(after, Baseline(frozenset(by_fp)))


def _new(violations: list[Violation], baseline: Baseline) -> list[Violation]:
    """What fails: the violations `mark` leaves unaccepted (set subtraction by fingerprint)."""
    return [v for v in mark(violations, baseline) if not v.baselined]


def _violation(i: int) -> Violation:
    return Violation(clause="deny_hosts", message=f"host {i}", fingerprint=f"fp{i}", line=i,
                     path="p.html", evidence=f"h{i}.example")


@given(current=st.sets(st.integers(0, 50)), accepted=st.sets(st.integers(0, 50)),
       lines=st.integers(0, 1000))
def test_new_is_current_minus_baseline(current: set[int], accepted: set[int],
                                       lines: int) -> None:
    violations = [_violation(i) for i in sorted(current)]
    baseline = Baseline(frozenset(f"fp{i}" for i in accepted))
    new = _new(violations, baseline)
    assert {v.fingerprint for v in new} == {f"fp{i}" for i in current - accepted}
    marked = mark(violations, baseline)
    assert [v.baselined for v in marked] == [i in accepted for i in sorted(current)]
    # a line shift changes nothing: the line is not part of the key
    shifted = [Violation(**{**_as_kwargs(v), "line": v.line + lines}) for v in violations]
    assert _new(shifted, baseline) == [
        Violation(**{**_as_kwargs(v), "line": v.line + lines}) for v in new]


def _as_kwargs(v: Violation) -> dict[str, object]:
    return {name: getattr(v, name) for name in Violation.__dataclass_fields__}


def test_write_then_load_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    violations = [_violation(2), _violation(1), _violation(1)]
    assert write_baseline(path, violations, "9.9") == 2
    data = json.loads(path.read_text())
    assert data["version"] == VERSION and data["tool"] == "auditor"
    assert [e["fingerprint"] for e in data["fingerprints"]] == ["fp1", "fp2"]
    entry = data["fingerprints"][0]
    assert set(entry) == {"fingerprint", "page", "clause", "rule_id", "evidence", "message"}
    assert "line" not in json.dumps(data)
    assert load_baseline(path).fingerprints == {"fp1", "fp2"}


def test_baseline_text_is_stable() -> None:
    one = dumps_baseline([_violation(3), _violation(1)], "1")
    two = dumps_baseline([_violation(1), _violation(3)], "1")
    assert one == two


@pytest.mark.parametrize(("content", "needle"), [
    ("not json", "baseline is not JSON"),
    ('{"version": 1, "fingerprints": []}', "not an auditor baseline"),
    ('{"tool": "auditor", "version": 2, "fingerprints": []}', "version 2 is not supported"),
    ('{"tool": "auditor", "fingerprints": []}', "version None is not supported"),
    # a version written as another type is no version this auditor wrote (True == 1
    # and 1.0 == 1 in Python: both were read as version 1)
    ('{"tool": "auditor", "version": true, "fingerprints": []}', "version True is not"),
    ('{"tool": "auditor", "version": 1.0, "fingerprints": []}', "version 1.0 is not"),
    ('{"tool": "auditor", "version": 1, "fingerprints": {}}', "fingerprints: expected a list"),
    ('{"tool": "auditor", "version": 1, "fingerprints": [{"page": "a"}]}', "fingerprints[0]"),
    ('{"tool": "auditor", "version": 1, "fingerprints": [7]}', "fingerprints[0]"),
    # an internal error (Python's 4,300-digit limit), wherever the number stands
    ('{"tool": "auditor", "version": 1, "fingerprints": [' + "7" * 5000 + "]}",
     "not an auditor baseline: it holds an integer of thousands of digits"),
])
def test_bad_baseline_is_a_policy_error(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content)
    with pytest.raises(PolicyError) as err:
        load_baseline(path)
    assert needle in str(err.value) and str(path) in str(err.value)


def test_missing_baseline_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="--write-baseline"):
        load_baseline(tmp_path / "nope.json")


def test_plain_fingerprint_lists_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"tool": "auditor", "version": 1, "fingerprints": ["a", "b"]}')
    assert load_baseline(path).fingerprints == {"a", "b"}
