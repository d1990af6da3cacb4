"""A head whose top holds many vendors' inserted tags and unknown scripts before the charset
(a saved page's run, or a hostile one), and many Didomi embed codes whose key never comes:
the run's vendors are counted once a page, and the embed code's key is sought no further than
its bounded reach, so both are read in time linear in the page."""

from __future__ import annotations

import time
from collections.abc import Callable

from auditor.catalogue import default_catalogue

from .scaling import assert_linear, audit_seconds


def _head_top(n: int) -> str:
    tags = "".join(f'<script src="http://cdn.krxd.net/controltag?confid=Ab{i:06d}"></script>'
                   f'<script src="https://cdn{i}.unknown.test/s.js"></script>' for i in range(n))
    return (f"<html><head>{tags}<meta charset='utf-8'><title>t</title></head>"
            "<body><p>x</p></body></html>")


def _long_queries(n: int) -> str:
    """Three vendors' inserted tags whose queries hold `n` pairs naming no page address
    (`_names_the_page` reads each pair), before an unknown script."""
    query = "&amp;".join(f"k{i}=v{i}.x/{i}" for i in range(n))
    tags = "".join(f'<script src="{base}?{query}"></script>' for base in (
        "http://cdn.krxd.net/userdata/get", "http://rtax.criteo.com/delivery/rta/rta.js",
        "http://odb.outbrain.com/utils/get"))
    return (f"<html><head>{tags}<script src='https://cdn.unknown.test/s.js'></script>"
            "<meta charset='utf-8'><title>t</title></head><body><p>x</p></body></html>")


def _embed_codes(n: int) -> str:
    return ('t.src="https://sdk.privacy-center.org/"+e+"/loader.js";' + "x();" * 50) * n


def _key_seconds(n: int) -> float:
    """One search of the embed code's key pattern over `n` embed codes without a key."""
    text = _embed_codes(n)
    patterns = [s.pattern for net in default_catalogue().networks if net.name == "Didomi"
                for s in net.ids if s.where == "script"]
    start = time.perf_counter()
    for pattern in patterns:
        list(pattern.finditer(text))
    return time.perf_counter() - start


def test_a_head_top_of_inserted_tags_is_linear() -> None:
    assert_linear(lambda n: audit_seconds(_head_top(n)), 400,
                  "vendors' inserted tags and unknown scripts before a late charset")


def test_inserted_tags_with_long_queries_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_long_queries(n)), 4000,
                  "vendors' inserted tags with long queries before a late charset")


def test_didomi_embed_codes_without_a_key_are_linear() -> None:
    assert_linear(_key_seconds, 20000, "Didomi embed codes whose key never comes")


def _slot_pattern_seconds(label: str, unit: str) -> Callable[[int], float]:
    """One search, by the script-slot pattern cited as `label`, of `n` units that start a
    match and never finish one."""
    (pattern,) = [spec.pattern for net in default_catalogue().networks
                  for spec in net.script_slots if spec.label == label]

    def seconds(n: int) -> float:
        text = unit * n
        start = time.perf_counter()
        list(pattern.finditer(text))
        return time.perf_counter() - start
    return seconds


def test_smart_wrapper_calls_without_the_tag_pair_are_linear() -> None:
    """`sas_formatid=1;` then calls of word-named functions that never hand on
    `sas_pageid, sas_formatid`: each start's search ends at its bound."""
    assert_linear(_slot_pattern_seconds(
        "a wrapper of SmartAdServer(sas_pageid, sas_formatid)",
        "sas_formatid=1;" + "abcdefghij(x, y);" * 40), 2000,
        "Smart format settings with no wrapper call")


def test_xandr_ttj_writes_without_an_id_are_linear() -> None:
    assert_linear(_slot_pattern_seconds(
        "document.write(<script src=…adnxs.com/ttj?id=…>)",
        "document.write('ib.adnxs.com/ttj?" + "size=1x1&" * 40 + "');"), 2000,
        "Xandr TTJ writes whose id never comes")
