"""Many tags appended on the `</html>` line itself, one long line: each is placed past the
page's end by the words and script starts of that line, gathered once, not by a search of
the line per tag, so the read stays linear in the page."""

from __future__ import annotations

from .scaling import assert_linear, audit_seconds


def _joined(n: int) -> str:
    tags = "".join(f'<script src="https://cdn{i}.unknown.test/s.js"></script>'
                   f"<script>setTimeout(function(){{location.replace('https://r{i}.test/');}},"
                   f"{i});</script><iframe src='https://f{i}.unknown.test/' width=0 height=0>"
                   "</iframe>" for i in range(n))
    return ("<html><head><meta charset='utf-8'><title>t</title></head><body><p>x</p></body>"
            f"</html>{tags}")


def test_tags_appended_on_the_html_close_line_are_linear() -> None:
    assert_linear(lambda n: audit_seconds(_joined(n)), 200,
                  "scripts, redirects and frames appended on the </html> line")


def test_hosts_spelt_otherwise_and_comments_on_the_html_close_line_are_linear() -> None:
    """Hosts on the line spelt with a character reference, a percent escape or a Unicode
    label (each read as requested), inline code after each tag (its start looked ahead at,
    never taking the next tag's `<script`) and comments among them (left out of its words)."""
    def joined(n: int) -> str:
        tags = "".join(f'<script src="https://e{i}.unknown&#46;test/s.js"></script>'
                       f"<script>setTimeout(function(){{location.replace('https://r{i}.test/')"
                       f";}},{i});</script>"
                       f'<img src="https://p{i}.unkn%6Fwn.test/x.gif">'
                       f"<!-- cached by \u00e9{i}.unknown.test --><!-->" for i in range(n))
        return ("<html><head><meta charset='utf-8'><title>t</title></head><body><p>x</p>"
                f"</body></html>{tags}")
    assert_linear(lambda n: audit_seconds(joined(n)), 200,
                  "escaped hosts, code and comments appended on the </html> line")


def test_one_long_word_on_the_html_close_line_is_linear() -> None:
    """The line's words with escapes are read in one pass, not searched from each start."""
    def page(n: int) -> str:
        return ("<html><head><title>t</title></head><body><p>x</p></body></html><p>"
                + "a" * (n * 200) + "\u00e9%" + "b" * (n * 200) + "</p>")
    assert_linear(lambda n: audit_seconds(page(n)), 800, "one long word past </html>")


def test_a_one_line_pages_own_zones_beside_the_html_close_line_are_linear() -> None:
    """A one-line page of many zones, an ID word past `</html>` on the line: the words
    before the tag on the line are read once a page, not once per slot."""
    def page(n: int) -> str:
        zones = "".join(f'<p>story {i}</p><ins data-revive-zoneid="{i}" data-revive-id='
                        '"727bec5e09208690b050ccfc6a45d384"></ins>' for i in range(n))
        return ("<html><head><meta charset='utf-8'><title>t</title></head><body>"
                f"{zones}<script async src='//ads.site.example/www/delivery/asyncjs.php'>"
                "</script></body></html><script>_gaq.push(['_setCustomVar',"
                f"{','.join(str(i) for i in range(n))}]);</script>")
    assert_linear(lambda n: audit_seconds(page(n)), 400, "one-line zones beside </html>")
