"""`auditor.heuristics.behaviour`'s reading of where a page's own markup starts."""

from __future__ import annotations

import pytest

from auditor.heuristics import markup

from .conftest import AuditListed

STARTS: list[tuple[str, int]] = [
    ("<!doctype html>\n<html lang=en>\n<head></head></html>", 2),
    ("<script>x</script>\n<!doctype html>\n<HTML>\n</HTML>", 3),
    # a `<html` in a script's string or a tag's attribute is not it
    ("<!doctype html>\n<script>w.write('<html>')</script>\n<html>\n</html>", 3),
    ("<!doctype html>\n<iframe srcdoc=\"<html>\"></iframe>\n<html>\n</html>", 3),
    # HTML5 lets a page leave the tag out: no start, nothing is before it
    ("<!doctype html><title>t</title>\n<p>x\n<script>w.write('<html>')</script>", 0),
]


@pytest.mark.parametrize(("text", "line"), STARTS)
def test_the_pages_own_html_start_tag(text: str, line: int) -> None:
    assert markup.html_start_line(text) == line


def test_the_start_line_is_read_once_a_page(audit_listed: AuditListed,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """`outside_markup` read it per script it asked about: on a page with no `<html>` tag
    of its own each read went over the whole text, 59 s for 2,000 scripts of 2.3 MB."""
    calls: list[int] = []
    start_line = markup.html_start_line

    def counting(text: str) -> int:
        calls.append(len(text))
        return start_line(text)

    monkeypatch.setattr(markup, "html_start_line", counting)
    scripts = "\n".join(f"<p>Item {i}</p><script>if(window.innerWidth<0){{location.href="
                        f"'https://partner{i}.example/p'}}</script>" for i in range(20))
    page = f"<!doctype html><meta charset=utf-8><title>Shop</title>\n{scripts}\n"
    report = audit_listed(page, "https://shop.example/")
    assert len([f for f in report.findings if f.kind == "redirect"]) == 20
    assert len(calls) == 1
