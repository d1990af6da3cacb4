"""A size attribute in a relative unit (`width="100%"`, AMP's `width="100vw"`) declares no
pixels: the unit's size leaves that side unknown rather than reading 100 pixels."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.dom.hiding import pixels
from auditor.pipeline import audit
from auditor.rules import Engine

AMP = b"""<html><head><title>t</title></head><body><p>Article text.</p>
<amp-ad width="100vw" height="320" type="adsense" data-ad-client="ca-pub-1234567890123456"
 data-ad-slot="1234567890" data-auto-format="rspv" data-full-width=""></amp-ad>
<amp-ad width="300" height="250px" type="adsense" data-ad-client="ca-pub-1234567890123456"
 data-ad-slot="1234567891"></amp-ad>
<p>More text.</p></body></html>"""


def test_a_relative_width_is_no_pixels(project_engine: Engine, catalogue: Catalogue) -> None:
    (page,) = audit(AMP, url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.width, s.height) for s in page.slots] == [(None, 320), (300, 250)]


def test_pixels() -> None:
    assert [pixels(v) for v in ("300", " 300px", "300.5", "100%", "100vw", "50 %", "2em",
                                "", None, "px")] == [300, 300, 300, None, None, None, None,
                                                     None, None, None]
