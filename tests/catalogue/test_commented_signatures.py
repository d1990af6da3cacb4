"""A network's inline signature counts where the script runs it, not where a page keeps an
old call commented out beside its live code (a tag manager's loader ending in
`// OAS_RICH('Top');`): that names no ad server the page uses."""

from __future__ import annotations

import pytest

from auditor.catalogue import default_catalogue
from auditor.dom.page import parse_page
from auditor.identify import networks_present

_OAS = "Open AdStream (OAS)"


def _names(script: str) -> list[str]:
    page = parse_page(f"<html><body><p>Text.</p><script>{script}</script></body></html>")
    return [n.name for n in networks_present([], default_catalogue(), page)]


@pytest.mark.parametrize("script", [
    "var s = document.createElement('script');\n// OAS_RICH('Top');\n",
    "s.src = '//cdn.site.example/tc_7.js'; /* OAS_AD('Right'); */",
    "/* old tag:\n OAS_AD('Top');\n*/ init();",
])
def test_a_commented_out_call_names_no_network(script: str) -> None:
    assert _OAS not in _names(script)


@pytest.mark.parametrize("script", [
    "OAS_RICH('Top');",
    "// the ad\nOAS_AD('Top');",
    "var u = 'http://x.example/a'; OAS_AD('Top'); // the top banner",
    "/* OAS_AD('Old'); */ OAS_AD('Top');",
])
def test_a_live_call_names_its_network(script: str) -> None:
    assert _OAS in _names(script)


def test_a_live_call_after_commented_copies_names_its_network() -> None:
    """Commented copies before the live call (a template keeping its old positions) do not
    hide it."""
    assert _OAS in _names("// OAS_AD('Top');\n" * 10 + "OAS_AD('Top');")


def test_a_live_call_after_many_commented_blocks_names_its_network() -> None:
    """A page of many tag-manager blocks, each ending in its commented-out old call (France
    24's shape, one block a position), and the live call in a later script: the scripts are
    read as one text, so the copies before the live call are not capped at a count."""
    blocks = "".join(f"<script>tc_load('pos{i}');\n// OAS_RICH('Pos{i}');\n</script>"
                     for i in range(40))
    page = parse_page(f"<html><body><p>Text.</p>{blocks}<script>OAS_RICH('Top');</script>"
                      "</body></html>")
    assert _OAS in [n.name for n in networks_present([], default_catalogue(), page)]
