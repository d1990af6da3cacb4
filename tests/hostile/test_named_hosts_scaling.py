"""An obfuscated script's decoded URLs, thousands of hosts, each asked whether the page
names it in plain text: the page is read for its host runs once, not scanned per host."""

from __future__ import annotations

import time

from auditor.heuristics.obfuscation import _named_elsewhere, _NamedHosts
from tests.hostile.scaling import assert_linear


def _hosts_asked(n: int) -> float:
    text = "".join(f's.src="\\x68ttps://H{i}.example.org/a.js";x();' for i in range(n))
    named = _NamedHosts(text)
    start = time.perf_counter()
    for i in range(n):
        named(f"h{i}.example.org")
    return time.perf_counter() - start


def test_hosts_asked_of_a_long_page_are_linear() -> None:
    assert_linear(_hosts_asked, 4000, "hosts named elsewhere")


def test_answers_are_those_of_a_scan() -> None:
    text = 'a "X.test" b=//sub.y.test/ c=zz.test.evil d=w.test'
    named = _NamedHosts(text)
    hosts = ["x.test", "y.test", "sub.y.test", "zz.test", "test.evil", "w.test", "v.test",
             "", "Y.TEST"] + [f"h{i}.test" for i in range(100)] + ["x.test", "q.test"]
    for host in hosts:
        assert named(host) == _named_elsewhere(host, text.lower()), host
