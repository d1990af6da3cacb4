"""A site's ad bundle of thousands of statements, each a call of its wrapper handing GPT a
unit path (`SiteAds.recordSlot('/2817463/site/s1', …)`) beside a thumbnail's path: GPT's
wrapper-call readers run over each statement holding a quoted unit path (the spec's `seek`
and `stops`), once each, not from each statement to the end of the script."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

_GPT = "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"


def _bundle(n: int) -> str:
    calls = "".join(
        f"var thumb{i} = '/{1000 + i % 900}/thumbs/pic{i}.jpg';\n"
        f"SiteAds.recordSlot('/2817463/site/section{i}', 'slot-{i}', [[300, 250]]);\n"
        for i in range(n))
    return (f"<!DOCTYPE html><html><head>{_GPT}<script>\n{calls}</script></head>"
            f"<body><p>Text.</p></body></html>")


def test_wrapper_calls_in_a_bundle_are_read_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_bundle(n)), 500, "GPT wrapper calls' statements")
