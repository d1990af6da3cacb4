"""Differential test: this engine against adblock-rust on the full lists.

Both engines load Debian's EasyList + EasyPrivacy and decide the same requests:
the bench's realistic page requests and requests derived from the lists' own
patterns. They must agree on >= 99.9% and every disagreement must be one listed,
with its reason, in data/adblock_rust_differences.tsv.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from auditor.rules import Engine
from auditor.rules.engine import ListText

from .conftest import load_bench_module

adblock = pytest.importorskip("adblock", reason="adblock-rust's Python binding (dev dependency)")

DIFFS = Path(__file__).parent / "data" / "adblock_rust_differences.tsv"


def _documented() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in DIFFS.read_text().splitlines():
        if line and not line.startswith("#"):
            rule, _, reason = line.partition("\t")
            assert reason.strip(), f"difference without a reason: {rule}"
            out[rule] = reason
    return out


@pytest.fixture(scope="session")
def rust_engine(full_texts: list[ListText]) -> Any:
    fs = adblock.FilterSet()
    for t in full_texts:
        fs.add_filter_list(t.text)
    return adblock.Engine(filter_set=fs, optimize=True)


def _compare(engine: Engine, rust: Any, reqs: list[tuple[str, str, str]]) -> list[str]:
    documented = _documented()
    undocumented: list[str] = []
    disagree = 0
    for url, src, typ in reqs:
        ours = engine.match(url, src, typ)
        theirs = rust.check_network_urls(url, src, typ)
        if ours.blocked != theirs.matched:
            disagree += 1
            deciding = {ours.rule, theirs.filter, theirs.exception} - {None}
            if not deciding & documented.keys():
                undocumented.append(
                    f"{typ} {url} from {src}: ours={ours.rule} rust={theirs.filter}"
                )
    assert 1 - disagree / len(reqs) >= 0.999, f"{disagree} disagreements in {len(reqs)}"
    return undocumented


@pytest.mark.slow
def test_agrees_on_realistic_requests(full_engine: Engine, rust_engine: Any) -> None:
    reqs = load_bench_module("urlset").generate(5000)
    assert _compare(full_engine, rust_engine, reqs) == []


@pytest.mark.slow
def test_agrees_on_rule_derived_requests(
    full_engine: Engine, rust_engine: Any, full_texts: list[ListText]
) -> None:
    reqs = load_bench_module("urlset").rule_derived([t.text for t in full_texts], 20000)
    assert _compare(full_engine, rust_engine, reqs) == []


def test_documented_differences_have_reasons() -> None:
    assert _documented()
