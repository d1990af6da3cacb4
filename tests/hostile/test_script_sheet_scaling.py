"""Many scripts that create a `<style>` and hold many quoted literals, some with braces,
beside many blocks of links: the rules scripts write are read once a page, each script's
literals in one pass, so the page is read in time linear in its scripts."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _page(n: int) -> str:
    blocks = "".join(
        f'<div id="b{i}"><a href="https://s{i}.test/">s{i}</a></div>'
        f"<script>var e{i}=document.createElement('st'+'yle');e{i}.textContent="
        f"'#b{i}{{color:red}} .c{i}{{margin:0}}'+'x'+\"y\"+'{{'+'}}';"
        f"document.head.appendChild(e{i});</script>"
        for i in range(n))
    return f"<html><body><p>x</p>{blocks}</body></html>"


def test_scripts_writing_style_rules_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_page(n)), 200,
                  "scripts writing style rules beside link blocks")


def _kit_page(n: int) -> str:
    blocks = "".join(
        f'<div id="k{i}x7Qz{i}"><a href="https://s{i}.test/">s{i}</a></div>'
        f"<script>var e{i}=document.createElement('style');e{i}.textContent="
        f"'#k{i}x7Qz{i}{{position:fixed;top:-{10_000_000 + i}px}}';"
        f"document.head.appendChild(e{i});</script>"
        for i in range(n))
    return f"<html><body><p>x</p>{blocks}</body></html>"


def test_kit_rules_far_offsets_and_made_up_names_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_kit_page(n)), 200,
                  "script-written rules moving made-up names a world away")


def _written_page(n: int) -> str:
    blocks = "".join(
        f'<div id="w{i}"><a href="https://s{i}.test/">s{i}</a></div>'
        f"<script>document.head.insertAdjacentHTML('beforeend','<STYLE>#w{i}{{color:red}}"
        f"</style>'+`.t{i}{{margin:0}}`+\"<style \"+'x');</script>"
        for i in range(n))
    return f"<html><body><p>x</p>{blocks}</body></html>"


def test_style_markup_scripts_write_is_linear() -> None:
    assert_linear(lambda n: audit_seconds(_written_page(n)), 200,
                  "scripts writing <style> markup and template literals beside link blocks")


def _long_literals_page(n: int) -> str:
    """One style-writing script of many literals past the bounded read, each holding
    quotes of the other kinds (each read whole, then by the bounded pattern, once)."""
    long = "`x\" " * 1100
    literals = "+".join(f"'{long}{i}{{a:b}}'" for i in range(n))
    return ("<html><body><p>x</p><script>var e=document.createElement('style');"
            f"e.textContent={literals};</script></body></html>")


def test_literals_longer_than_the_read_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_long_literals_page(n)), 40,
                  "a style-writing script of literals longer than the bounded read")
