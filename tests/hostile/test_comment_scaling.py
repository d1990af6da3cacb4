"""Comments side by side cost a pass, not a pass per comment: lxml's iterwalk reporting
comments, and libxml2 sorting text nodes between them, took time quadratic in them (64,000
commented-out tags: 0.5 to 6.5 s a walk, and the audit walks the page several times).
Each page is read at n and 4n: a linear cost grows about 4 times, a quadratic one 16."""

from __future__ import annotations

from lxml import etree

from auditor.dom.page import parse_page
from auditor.metrics import editorial_content
from tests.hostile.scaling import assert_linear, audit_seconds


def commented(n: int) -> str:
    """An article whose words stand between comments (a template's debug notes, a kit's
    commented-out tags), with safelink words so every text view is built."""
    notes = "".join(f"<!-- <script src='/t{i}.js'></script> --> word{i}\n" for i in range(n))
    return (f"<html><body><article><p>Your link is ready. Get link</p>{notes}</article>"
            "<div class='ad-slot'><ins class='adsbygoogle' data-ad-slot='1234567890'></ins>"
            "</div></body></html>")


def test_a_page_of_comments_side_by_side_audits_in_linear_time() -> None:
    assert_linear(lambda n: audit_seconds(commented(n)), 8000, "comments", runs=2, floor=0.05)


def test_the_words_after_comments_count_as_their_parents_text() -> None:
    """The editorial count walks elements only and reads each comment's tail after: the
    words after a comment count, those after a comment inside a script or a left-out
    element do not."""
    page = parse_page("<html><body><p>one<!-- a -->two three<?pi x?>four</p><nav>menu<!-- b -->"
                      "links</nav><p style='display:none'>x<!-- c -->hidden</p></body></html>")
    excluded: set[etree._Element] = set()
    assert editorial_content(page, excluded).words == 4
