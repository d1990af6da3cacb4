"""Reading a GPT network code from an ad-unit path a script builds and hands to defineSlot
by name (`gptLayer.zone = "/4328/mag/" + zone; … defineSlot(gptLayer.zone, …)`) costs a
pass over the page's scripts for the names and one for the calls, whatever they hold:
thousands of such assignments that no call takes, thousands that calls do, and thousands
of calls taking names, none of them assigned a path. Each is read at n and 4n: a linear
cost grows about 4 times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hostile.scaling import assert_linear, audit_seconds

_LOADER = '<script src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'


def untaken(n: int) -> str:  # assignments no call takes, a call of another name at the end
    return "".join(f'l{i}.z="/4328/m/"+z;' for i in range(n)) + "googletag.defineSlot(q,[1,1],'d');"


def taken(n: int) -> str:  # each assignment taken by the call after it
    return "".join(f'l{i}.z="/4328/m/"+z;googletag.defineSlot(l{i}.z,s,e);' for i in range(n))


def calls(n: int) -> str:  # one path assigned, then calls of every other name
    return 'p.z="/4328/m/"+z;' + "".join(f"googletag.defineSlot(l{i}.z,s,e);" for i in range(n))


def rehanded(n: int) -> str:  # one name assigned thousands of paths, each call taking it
    return ("".join(f'g.z="/4328/m{i}/"+z;' for i in range(n))
            + "googletag.defineSlot(g.z,s,e);" * n)


def dotted(n: int) -> str:  # one long dotted name, no assignment nor call completing it
    return "var x=" + "a." * n + "b;"


def assigned(n: int) -> str:  # thousands of names assigned literals, one handed to a tag
    return ("".join(f"v{i}='{i}';" for i in range(n))
            + "cX.callQueue.push(['setSiteId', v1]);var u='" + "x=" * n)


def unclosed(n: int) -> str:  # names assigned a literal longer than any one read, unclosed
    return "".join(f'n{i}=m||"/{"x=" * 150} ' for i in range(n // 8))


@pytest.mark.parametrize("build", [untaken, taken, calls, rehanded, dotted, assigned, unclosed])
def test_built_unit_paths_are_read_in_linear_time(build: Callable[[int], str]) -> None:
    def seconds(n: int) -> float:
        return audit_seconds(f"<html><body>{_LOADER}<script>{build(n)}</script></body></html>")

    assert_linear(seconds, 4_000, build.__name__)
