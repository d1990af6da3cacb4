"""Vendors and their IDs in the tag forms of their 2010s snippets: PubMatic's universal pixel
globals, Qualtrics' Site Intercept code served from the site."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine


def _page(body: str) -> bytes:
    return ("<!DOCTYPE html><html><head><title>Marsh</title></head><body><article><h1>Marsh"
            " walk</h1><p>The marsh boardwalk opens to walkers again in April.</p></article>"
            f"{body}</body></html>").encode()


PUBMATIC = ("<script>\nvar pubId=61234;\nvar pixId=77;\nvar pm_async = true;\n</script>"
            "<script src='https://ads.pubmatic.com/AdServer/js/universalpixel.js'></script>")
QUALTRICS = ("<div id='ZN_aB3dE5gH7jK9mN1'><!--DO NOT REMOVE-CONTENTS PLACED HERE--></div>"
             "<script src='/wp-content/plugins/qualtrics/js/qualtrics.js'></script>")


@pytest.mark.parametrize(("body", "network", "ids"), [
    (PUBMATIC, "PubMatic", {("pubmatic-publisher", "61234")}),
    (QUALTRICS, "Qualtrics", {("qualtrics-zone", "ZN_aB3dE5gH7jK9mN1")}),
], ids=["pubmatic pixel", "qualtrics self-hosted"])
def test_vendor_id_in_its_tag_form(project_engine: Engine, catalogue: Catalogue, body: str,
                                   network: str, ids: set[tuple[str, str]]) -> None:
    (page,) = audit(_page(body), url="https://marsh.example/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert network in {n.network for n in page.networks}
    assert {(i.kind, i.value) for i in page.ids} == ids


@pytest.mark.parametrize("body", [
    # a page's own `pubId` (a logger's query, a CMS variable) with no pixel's pixId after it
    "<script>var pubId = 8123; var cat = 'news';</script>"
    "<script src='https://ads.pubmatic.com/AdServer/js/universalpixel.js'></script>",
], ids=["pubid without pixid"])
def test_no_id_outside_the_tag_form(project_engine: Engine, catalogue: Catalogue,
                                    body: str) -> None:
    (page,) = audit(_page(body), url="https://marsh.example/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert not page.ids

