"""A banner frame whose own request goes to a host the catalogue files under an advertising
company but under no network (GPT's SafeFrame container on `tpc.googlesyndication.com`,
Google's ad serving, GPT's and AdSense's alike) is a slot served by that company: a page
saved after GPT ran, its unit's div lost in the copy, keeps the frame alone. Page written
here after the frame GPT renders its SafeFrame creatives into."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.terminal import terminal_report

_PAGE = """<!DOCTYPE html>
<html><head><title>Tides</title></head><body>
<h1>Tide tables</h1><p>High water at 06:12.</p>
<iframe src="https://tpc.googlesyndication.com/safeframe/1-0-40/html/container.html" title="3rd party ad content" width="300" height="250" frameborder="0" scrolling="no"></iframe>
<p>Low water at 12:30.</p>
</body></html>"""  # noqa: E501 -- the frame as GPT writes it, on one line


def test_a_safeframe_outside_any_unit_is_a_slot_of_the_company_its_host_is_filed_under(
        project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(_PAGE.encode(), url="https://tides.test/today", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.network, s.company, s.width, s.height) for s in page.slots] == [
        (4, None, "Google", 300, 250)]
    assert "Google (no network named)" in terminal_report(page, width=120)
