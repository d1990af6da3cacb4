"""Amazon's Native Shopping Ads rendered into a box of the site's: the ad code's globals name
the element by id (`amzn_assoc_div_name`, one of the amzn_assoc_* globals onejs reads), the
box is the unit. Pages we wrote after the ad code's form, the tracking ID made up; a name the
page holds no element of places nothing."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

_HEAD = "<html><head><title>t</title></head><body><p>The story a reader came for.</p>\n"


def _page(catalogue: Catalogue, body: str) -> PageReport:
    (page,) = audit((_HEAD + body + "</body></html>").encode(), url="https://city.test/story",
                    catalogue=catalogue, engine=Engine.from_text("", name="t")).pages
    return page


def _ad_code(box: str) -> str:
    return (
        '<script type="text/javascript">\n'
        'amzn_assoc_ad_mode = "search";\n'
        'amzn_assoc_ad_type = "smart";\n'
        f'amzn_assoc_div_name = "{box}";\n'
        'amzn_assoc_marketplace = "amazon";\n'
        'amzn_assoc_placement = "smart1";\n'
        'amzn_assoc_region = "US";\n'
        'amzn_assoc_tracking_id = "citynews0-20";\n'
        'amzn_assoc_default_search_phrase = "garden tools";\n'
        '</script>\n'
        '<script type="text/javascript" src="//z-na.amazon-adsystem.com/widgets/onejs?'
        'MarketPlace=US&source=ac"></script>\n')


def test_the_box_the_ad_code_names_is_the_unit(catalogue: Catalogue) -> None:
    page = _page(catalogue, '<div class="clear"></div>\n<div id="shop-box"></div>\n'
                 + _ad_code("shop-box"))
    assert [(s.line, s.network) for s in page.slots] == [(3, "Amazon Associates")]
    assert ("amazon-associate-tag", "citynews0-20") in {(i.kind, i.value) for i in page.ids}


def test_a_name_the_page_holds_no_box_of_places_nothing(catalogue: Catalogue) -> None:
    page = _page(catalogue, '<div id="sidebar"></div>\n' + _ad_code("shop-box"))
    assert page.slots == ()
    assert [n.network for n in page.networks] == ["Amazon Associates"]
