"""An ad server's banner frame a scraper appended after the page's closing `</html>` is a
placement of its own, even where the page runs its own unit of the same network: a saved
copy keeps the frame each unit's script wrote beside that unit, never after the page's
end. Pages written here after AdSense's documented tag and its frame's address."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

_PAGE = """<!DOCTYPE html>
<html><head><title>Garden tips</title>
<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-1234567890123456"></script>
</head><body>
<h1>Pruning roses</h1>
<ins class="adsbygoogle" style="display:inline-block;width:728px;height:90px"
     data-ad-client="ca-pub-1234567890123456" data-ad-slot="1234567890"></ins>
<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>
<p>Prune in late winter, cutting just above an outward-facing bud.</p>
FRAME</body></html>
"""
_FRAME = ('<iframe src="https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-99998888'
          '77776666&amp;format=300x250" width="300" height="250" frameborder="0"></iframe>\n')


def _slots(html: str, project_engine: Engine, catalogue: Catalogue) -> list[tuple[int, str]]:
    (page,) = audit(html.encode(), url="https://garden.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    return [(s.line, s.rule or "") for s in page.slots]


def test_a_frame_appended_after_the_page_is_a_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    appended = _PAGE.replace("FRAME", "") + _FRAME
    assert _slots(appended, project_engine, catalogue) == [
        (6, "##ins.adsbygoogle"), (11, "iframe[width][height] of an ad server")]


def test_a_frame_inside_the_page_beside_its_unit_is_that_units(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # the unit's own rendering, as a saved copy keeps it: no second placement
    inside = _PAGE.replace("FRAME", _FRAME)
    assert _slots(inside, project_engine, catalogue) == [(6, "##ins.adsbygoogle")]


def test_a_frame_appended_on_the_closing_line_is_a_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # an injector appending its tag with no newline (`</html><iframe …>`) writes it after
    # the page as surely as on a line of its own (`past_html_end`)
    appended = _PAGE.replace("FRAME", "").rstrip("\n") + _FRAME
    assert _slots(appended, project_engine, catalogue) == [
        (6, "##ins.adsbygoogle"), (10, "iframe[width][height] of an ad server")]


def test_a_page_saved_on_one_line_keeps_its_own_frame_its_units(
        project_engine: Engine, catalogue: Catalogue) -> None:
    # the whole page on one line, the unit's frame inside it: still no second placement
    inside = _PAGE.replace("FRAME", _FRAME).replace("\n", " ")
    assert _slots(inside, project_engine, catalogue) == [(1, "##ins.adsbygoogle")]
