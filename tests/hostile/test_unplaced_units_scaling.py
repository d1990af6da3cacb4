"""A head script defining thousands of GPT units for divs the saved page lacks (a site's
whole ad map, one `defineSlot` a line, a comment between): each is cited at its call's
line (`slots.cited_unplaced`), and the script's text is read for its lines once, not once
a unit."""

from __future__ import annotations

from tests.hostile.scaling import assert_linear, audit_seconds

_GPT = "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"


def _ad_map(n: int) -> str:
    defines = "".join(
        f"  googletag.defineSlot('/2817463/site/section{i}', [300, 250], 'div-gpt-ad-{i}')"
        f".addService(googletag.pubads());\n  // {'section notes ' * 12}\n" for i in range(n))
    return (f"<!DOCTYPE html><html><head>{_GPT}<script>\ngoogletag.cmd.push(function() {{\n"
            f"{defines}  googletag.enableServices();\n}});\n</script></head>"
            f"<body><p>Text.</p></body></html>")


def test_units_defined_for_absent_divs_are_cited_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(_ad_map(n)), 1000, "unplaced units' lines")
