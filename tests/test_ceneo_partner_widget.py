"""Ceneo Partner, the Polish price-comparison site's affiliate programme, in its widget
tag's two forms: the container named for the widget and the loader (`External/dc.js?id=
…&channelId=…&partnerId=…`) or the options it queues (`CeneoAPOptions`, `ap.js`)."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = ("<!DOCTYPE html><html><head><title>Rynek</title></head><body><article><h1>Rynek"
        "</h1><p>Nowy parking przy rynku otwarto w piątek.</p></article>\n{}\n</body></html>")

DC = ("<div class='box'><div id=\"ceneoaffcontainer481516\"></div><script>var stamp = "
      "parseInt(new Date().getTime()/86400, 10);var s = document.createElement('script');"
      "s.setAttribute('src', '//partnerzyapi.ceneo.pl/External/dc.js?id=481516&channelId=2342"
      "&partnerId=10815&graphicId=77&newTab=false&'+stamp);"
      "document.getElementsByTagName('head')[0].appendChild(s);</script></div>")
AP = ("<div id='ceneoaffcontainer605040'></div><script>if (typeof CeneoAPOptions == "
      "'undefined') { var CeneoAPOptions = new Array(); var s = document.createElement('script');"
      " s.setAttribute('src', '//partnerzyapi.ceneo.pl/External/ap.js?' + 1);"
      " document.head.appendChild(s); }\nCeneoAPOptions[CeneoAPOptions.length] = {\n"
      "  ad_creation: 605040,\n  ad_channel: 3031,\n  ad_partner: 20202,\n  ad_type: 2,\n"
      "  ad_container: 'ceneoaffcontainer605040'\n};</script>")


@pytest.mark.parametrize(("body", "widget", "ids"), [
    (DC, "481516", {("ceneo-widget", "481516"), ("ceneo-channel", "2342"),
                    ("ceneo-partner", "10815")}),
    (AP, "605040", {("ceneo-widget", "605040"), ("ceneo-channel", "3031"),
                    ("ceneo-partner", "20202")}),
], ids=["dc.js loader", "ap.js options"])
def test_ceneo_widget_is_its_slot_and_names_its_partner(
        project_engine: Engine, catalogue: Catalogue, body: str, widget: str,
        ids: set[tuple[str, str]]) -> None:
    (page,) = audit(PAGE.format(body).encode(), url="https://rynek.example/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert "Ceneo" in {n.network for n in page.networks}
    assert [(s.network, s.zone_id) for s in page.slots] == [("Ceneo", widget)]
    assert {(i.kind, i.value) for i in page.ids} == ids


def test_a_link_carrying_its_partner_is_ceneos(project_engine: Engine,
                                               catalogue: Catalogue) -> None:
    """Its links carry the partner and the widget in the fragment; a plain link to the
    site (a price a story cites) is no affiliate's."""
    def networks(body: str) -> set[str]:
        (page,) = audit(PAGE.format(body).encode(), url="https://rynek.example/a",
                        engine=project_engine, catalogue=catalogue).pages
        return {n.network for n in page.networks}

    assert "Ceneo" in networks(
        "<a href='https://www.ceneo.pl/Telefony#pid=10815&crid=481516&cid=2342'>Telefony</a>")
    assert "Ceneo" not in networks("<a href='https://www.ceneo.pl/Telefony'>Telefony</a>"
                                   "<a href='https://www.ceneo.pl.evil.example/x#pid=10815&crid=1'>"
                                   "x</a>")


@pytest.mark.parametrize("body", [
    # the loader on a look-alike host, and the container where no Ceneo code runs
    DC.replace("partnerzyapi.ceneo.pl", "partnerzyapi.ceneo.pl.evil.example"),
    "<div id='ceneoaffcontainer481516'></div>",
    # the tag shown as text in a how-to
    "<pre>&lt;div id=\"ceneoaffcontainer481516\"&gt;&lt;/div&gt; //partnerzyapi.ceneo.pl/"
    "External/dc.js?id=481516&amp;partnerId=10815</pre>",
    # options of another name
    "<script>var NotCeneoOptions = []; NotCeneoOptions[0] = {ad_partner: 20202};</script>",
], ids=["look-alike host", "container alone", "tag in prose", "other options"])
def test_no_ceneo_outside_its_tag(project_engine: Engine, catalogue: Catalogue,
                                  body: str) -> None:
    (page,) = audit(PAGE.format(body).encode(), url="https://rynek.example/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert "Ceneo" not in {n.network for n in page.networks}
    assert not page.slots and not page.ids
