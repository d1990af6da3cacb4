"""`literals.occurrences` counts as `str.count` does, in one pass for all needles: the
cosmetic pass asks it whether an id occurs once among all attribute values run together
(`ad-1` inside `ad-10` is an occurrence), which a `count` per id had made quadratic."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.dom.page import parse_page
from auditor.literals import occurrences
from auditor.rules.cosmetic.features import PageFeatures
from tests.hostile.scaling import assert_linear

# few letters, so needles overlap themselves and each other (prefixes, suffixes, inside)
_TEXT = st.text(alphabet="ad-1\x00é\U0001f600", max_size=60)
_NEEDLES = st.dictionaries(st.text(alphabet="ad-1\x00é\U0001f600", max_size=6),
                           st.one_of(st.integers(0, 5), st.integers(65, 70)),  # 65+: found
                           min_size=1, max_size=10)  # by a find loop, as a class many carry


def _starts(text: str, needle: str, cap: int) -> list[int]:
    """Where `str.count` counts `needle`, the first `cap`, as UTF-8 offsets."""
    out: list[int] = []
    at = text.find(needle) if needle else -1
    while at >= 0 and len(out) < cap:
        out.append(len(text[:at].encode()))
        at = text.find(needle, at + len(needle))
    return out


@settings(max_examples=400, deadline=None)
@given(_TEXT, _NEEDLES)
def test_occurrences_count_as_str_count_does(text: str, caps: dict[str, int]) -> None:
    found = occurrences(text, caps)
    # past 16 needles, absent ones here, the RE2 alternation finds them
    by_program = occurrences(text, caps | {f"\x01{i}": 2 for i in range(17)})
    assert {k: v for k, v in by_program.items() if k in caps} == found
    for needle, cap in caps.items():
        assert len(found[needle]) == min(text.count(needle), cap), (needle, cap)
        if needle:
            assert found[needle] == _starts(text, needle, cap)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _NEEDLES)
def test_occurrences_in_bytes_are_those_in_the_text(text: str, caps: dict[str, int]) -> None:
    caps = caps | {f"\x01{i}": 2 for i in range(17)}
    as_text = occurrences(text, caps)
    as_bytes = occurrences(text.encode(), caps)
    assert {k: v for k, v in as_text.items() if k} == {k: v for k, v in as_bytes.items() if k}


def test_ids_inside_other_ids_occur_more_than_once() -> None:
    """The table the cosmetic pass relies on: a prefix, a suffix, one id inside another,
    and ids run together across two values."""
    values = "ad-1" + "ad-10" + "x-ad-2" + "ad-3" + "b" + "ad-" + "4"
    assert {k: len(v) for k, v in occurrences(values, dict.fromkeys(
        ["ad-1", "ad-10", "ad-2", "ad-3", "ad-4", "ad-3b", "zz"], 2)).items()} == {
        "ad-1": 2, "ad-10": 1, "ad-2": 1, "ad-3": 1, "ad-4": 1, "ad-3b": 1, "zz": 0}


def _gpt_units(n: int) -> str:
    """A page of `n` numbered Ad Manager units (`div-gpt-ad-1` is inside `div-gpt-ad-10`)."""
    units = "".join(f'<div id="div-gpt-ad-{i}"><p class="c{i % 9}">x</p></div>' for i in range(n))
    return f"<html><body>{units}</body></html>"


def _carriers_seconds(n: int) -> float:
    page = parse_page(_gpt_units(n))
    ids = [f"#div-gpt-ad-{i}" for i in range(n)]
    start = time.perf_counter()
    PageFeatures(page, ()).carriers(ids)
    return time.perf_counter() - start


def test_carriers_of_many_numbered_ids_in_linear_time() -> None:
    """Each id's count among all attribute values was a scan of them all (30,000 units:
    minutes); the ids that occur once are looked up in one `id()` call, in document
    order (libxml2 sorts the node-set: out of order, that was quadratic too)."""
    assert_linear(_carriers_seconds, 4000, "numbered gpt ids", floor=0.02)


def test_carriers_of_many_numbered_ids_find_each_unit() -> None:
    page = parse_page(_gpt_units(120))
    found = PageFeatures(page, ()).carriers([f"#div-gpt-ad-{i}" for i in range(120)])
    assert all([e.get("id") for e in found[f"#div-gpt-ad-{i}"]] == [f"div-gpt-ad-{i}"]
               for i in range(120))


def _boxes(n: int) -> str:
    """`n` sibling ad boxes of seven classes, ids numbered (`ad-1` is inside `ad-10` and
    `div-gpt-ad-1-0`: each is walked for)."""
    boxes = "".join(f'<p>para {i}</p><div class="ad-box adsbygoogle-{i % 7}" id="ad-{i}">'
                    f'<div id="div-gpt-ad-{i}-0"></div></div>' for i in range(n))
    return f"<html><body><article>{boxes}</article></body></html>"


def _walk_seconds(n: int) -> float:
    page = parse_page(_boxes(n))
    keys = [f".adsbygoogle-{i}" for i in range(7)] + [f"#ad-{j * n // 10}" for j in range(10)]
    start = time.perf_counter()
    PageFeatures(page, ()).carriers(keys)
    return time.perf_counter() - start


def test_walks_of_ids_and_classes_together_in_linear_time() -> None:
    """Ids found more than once and classes walked together: a union of two XPath paths
    had libxml2 sort the merged set by walking between siblings (quadratic)."""
    assert_linear(_walk_seconds, 1500, "ids and classes walked together", floor=0.01)


def test_walks_of_ids_and_classes_together_find_the_boxes() -> None:
    found = PageFeatures(parse_page(_boxes(30)), ()).carriers([".adsbygoogle-3", "#ad-1"])
    assert [e.get("id") for e in found[".adsbygoogle-3"]] == ["ad-3", "ad-10", "ad-17", "ad-24"]
    assert [e.get("id") for e in found["#ad-1"]] == ["ad-1"]
