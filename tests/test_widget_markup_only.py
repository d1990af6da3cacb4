"""Vendors' units and tags a script-stripped copy keeps as markup alone (a fixture saver's
or a scraper's copy): ZergNet's widget box by its numbered class or its attribute, Proper
Media's box by its id, Idealmedia's (MGID's) box with its attribution link, and Pinterest's
tag ID in its conversion image. Pages we wrote after each vendor's documented tag form, IDs
made up; the look-alikes beside them name no one."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import Origin, PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

_HEAD = "<html><head><title>t</title></head><body><p>The story a reader came for.</p>\n"


def _page(catalogue: Catalogue, body: str) -> PageReport:
    (page,) = audit((_HEAD + body + "</body></html>").encode(), url="https://city.test/story",
                    catalogue=catalogue, engine=Engine.from_text("", name="t")).pages
    return page


@pytest.mark.parametrize("body, slots, ids", [
    # ZergNet: a site's hook class beside the numbered one and its attribute; the numbered
    # class alone
    ('<div class="zergnet-container">\n<div class="js-zergnet-widget zergnet-widget-40123" '
     'data-zerg-widget-id="40123"></div>\n</div>\n', [(3, "ZergNet")],
     {("zergnet-widget", "40123")}),
    ('<div class="zergnet-widget-40123 related"></div>\n', [(2, "ZergNet")],
     {("zergnet-widget", "40123")}),
    # Proper Media: its boxes, with and without the wrapper its tag writes
    ('<div style="text-align:center"><div id="proper-ad-citynews_main_1"></div></div>\n'
     '<p>More.</p>\n<div class="proper-ad-unit"><div id="proper-ad-citynews_side_2"></div></div>\n',
     [(2, "Proper Media"), (4, "Proper Media")], set()),
    # Idealmedia: the widget box with its attribution link
    ('<div class="textwidget"><div id="unit_70412"><a href="http://idealmedia.com/">News from '
     'idealmedia.com</a></div></div>\n', [(2, "MGID")], {("mgid-widget", "70412")}),
    # Pinterest: the legacy conversion image and today's noscript image
    ('<img height="1" width="1" style="display:none;" alt="" src="https://ct.pinterest.com/'
     '?tid=3XyZwVuTsRq&amp;value=0.00&amp;quantity=1">\n', [], {("pinterest-tag", "3XyZwVuTsRq")}),
    ('<noscript><img height="1" width="1" style="display:none;" alt="" src="https://ct.pinterest'
     '.com/v3/?event=init&amp;tid=2612340000001&amp;noscript=1"></noscript>\n', [],
     {("pinterest-tag", "2612340000001")}),
], ids=["zergnet attribute", "zergnet class", "proper boxes", "idealmedia unit",
        "pinterest legacy tid", "pinterest v3 noscript"])
def test_markup_only_units_and_ids(catalogue: Catalogue, body: str,
                                   slots: list[tuple[int, str]], ids: set[tuple[str, str]]
                                   ) -> None:
    page = _page(catalogue, body)
    assert [(s.line, s.network) for s in page.slots] == slots
    assert {(i.kind, i.value) for i in page.ids if i.origin is Origin.OPERATOR} == ids


@pytest.mark.parametrize("body", [
    # a bare numbered box, and one linking elsewhere: anyone's
    '<div id="unit_70412"></div>',
    '<div id="unit_70412"><a href="https://shop.example/">Our shop</a></div>',
    # a page's own ids and classes that merely open with a vendor's word
    '<div id="proper-ad-unit"></div><div id="proper-ad-"></div>',
    '<div class="zergnet-widget-title">Around the web</div>',
], ids=["bare unit", "unit linking elsewhere", "proper words", "zergnet title class"])
def test_look_alikes_name_no_vendor(catalogue: Catalogue, body: str) -> None:
    page = _page(catalogue, body)
    assert page.slots == ()
    assert not [i for i in page.ids if i.origin is Origin.OPERATOR]
