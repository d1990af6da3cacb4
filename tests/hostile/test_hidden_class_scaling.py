"""Many distinct hidden classes cost a pass, not a pass per class: the sheet-hiding reading
selects the elements of the classes a page's sheet hides by their values
(`dom.parser.valued`), whose list libxml2's `contains` read whole at every class attribute.
Each page is read at n and 4n: a linear cost grows about 4 times, a quadratic one 16."""

from __future__ import annotations

from auditor.dom.page import parse_page
from auditor.metrics import editorial_content
from tests.hostile.scaling import assert_linear, audit_seconds


def hidden_classes(n: int) -> str:
    """An article of paragraphs each with its own class holding `hidden` and `comments`
    (a generated theme's names), and a sheet hiding each."""
    rows = "".join(f"<p class='row hidden-x{i} comments-x{i}'>word{i}</p>" for i in range(n))
    sheet = "".join(f".hidden-x{i}{{display:none}}" for i in range(n))
    return (f"<html><head><style>{sheet}</style></head><body><article>{rows}</article>"
            "</body></html>")


def test_a_page_of_distinct_hiding_classes_audits_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(hidden_classes(n)), 4000, "hiding classes", runs=2,
                  floor=0.05)


def test_the_count_leaves_out_what_hides_and_the_readers_comments() -> None:
    """What the editorial count leaves out: a hidden attribute, a style, aria-hidden, a
    hiding class in any case; a comment block by id or class; the rest count."""
    page = parse_page(
        "<html><body><p>one two</p><p hidden>a</p><p style='display:none'>b</p>"
        "<p aria-hidden='true'>c</p><p aria-hidden='false'>three</p><p class='X D-NONE'>d</p>"
        "<div id='Comments'>e</div><ol class='x comment-list'>f</ol><p class='comment'>four</p>"
        "</body></html>")
    assert editorial_content(page, set()).words == 4
