"""Smoke tests on the real EasyList + EasyPrivacy (slow: compiled once per session)."""

from __future__ import annotations

import lxml.html
import pytest

from auditor.rules import Engine, TreeViews

PAGE = "https://8657085.xyz/?p=15057"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("url", "type_", "blocked"),
    [
        ("https://a.magsrv.com/ad-provider.js", "script", True),
        (
            "https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-1",
            "script",
            True,
        ),
        ("https://www.google-analytics.com/analytics.js", "script", True),
        ("https://code.jquery.com/jquery-3.7.1.min.js", "script", False),
        ("https://fonts.gstatic.com/s/roboto/v30/x.woff2", "font", False),
        ("https://8657085.xyz/wp-content/uploads/2024/05/photo.jpg", "image", False),
    ],
)
def test_real_world_decisions(full_engine: Engine, url: str, type_: str, blocked: bool) -> None:
    m = full_engine.match(url, PAGE, type_)
    assert m.blocked is blocked
    if blocked:
        assert m.list in ("easylist", "easyprivacy") and m.line and m.rule


@pytest.mark.slow
def test_list_infos(full_engine: Engine) -> None:
    names = [li.name for li in full_engine.lists]
    assert names == ["easylist", "easyprivacy"]
    for li in full_engine.lists:
        assert li.rules > 40_000 and 0 <= li.unsupported < li.rules // 100 and len(li.sha256) == 64


@pytest.mark.slow
def test_cosmetic_on_full_lists(full_engine: Engine) -> None:
    html = (
        "<html><body><div id='content'><p>text</p></div>"
        "<ins class='adsbygoogle' data-ad-client='ca-pub-1'></ins>"
        "<div class='ad-container'>x</div></body></html>"
    )
    root = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(remove_comments=False))
    hits = full_engine.cosmetic(TreeViews(root), "8657085.xyz")
    tags = {(h.element.tag, h.element.get("class")) for h in hits}
    assert ("ins", "adsbygoogle") in tags
    assert all(h.list == "easylist" and h.line > 0 for h in hits)
    assert ("div", None) not in tags  # the content div is left alone
