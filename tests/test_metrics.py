"""`metrics.editorial_content`: the editorial text count, read in time linear in the page."""

from __future__ import annotations

import time

from lxml import etree

from auditor.dom.page import parse_page
from auditor.metrics import editorial_content
from tests.hostile.scaling import assert_linear


def test_a_comments_tail_is_text_unless_a_left_out_element_holds_it() -> None:
    page = parse_page("<body><p>One<!-- note -->two</p><!-- x -->three"
                      "<nav>menu<!-- y -->four</nav><?php echo 1 ?>five</body>")
    content = editorial_content(page, set())
    assert (content.chars, content.words) == (len("One two three five"), 4)


def test_an_instructions_tail_is_text_where_its_parent_is_read() -> None:
    """A processing instruction's tail counts as a comment's does (this libxml2 parses
    `<?php ?>` as a comment; a PI is put in the tree here)."""
    page = parse_page("<body><p>One</p><nav>menu</nav></body>")
    for parent, tail in ((page.root.body.find("p"), "two"), (page.root.body.find("nav"), "x")):
        pi = etree.ProcessingInstruction("php")
        pi.tail = tail
        parent.append(pi)
    assert editorial_content(page, set()).words == 2


def test_editorial_text_between_comments_is_read_in_linear_time() -> None:
    """lxml's iterwalk asked for comment events is quadratic in a run of sibling comments
    (64,000: 0.87 s): the count walks elements and reads the comments' tails apart."""
    def seconds(n: int) -> float:
        page = parse_page("<body><p>Ferry news</p>" + "<!-- <script src='/a.js'></script> -->"
                          "more words\n" * n + "</body>")
        start = time.perf_counter()
        assert editorial_content(page, set()).words == 2 + 2 * n
        return time.perf_counter() - start

    assert_linear(seconds, 8000, "editorial text between comments", floor=0.005)


def test_unspaced_scripts_count_a_word_a_character() -> None:
    """Chinese and Japanese put no space between words: a paragraph is one whitespace
    token, and ad density per 1,000 words read as if the article had a dozen words."""
    para = ("肉をくわえたイヌが、橋を渡っていました。"
            "ふと下を見ると、川の中にも肉をくわえたイヌがいます。")
    page = parse_page(f"<body><p>{para}</p><p>{para}</p><p>Hangul 한국어 문장</p></body>")
    words = editorial_content(page, set()).words
    # 2 × 42 Han and kana characters; "、" and "。" are punctuation; Korean is spaced
    assert words == 2 * 42 + 3
