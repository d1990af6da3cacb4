"""IDs the labelled sets disagree on, in their vendors' documented tag forms: Qualtrics'
Site Intercept zone container."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine


def _page(body: str) -> bytes:
    return ("<!DOCTYPE html><html><head><title>Marsh</title></head><body><article><h1>Marsh"
            " walk</h1><p>The marsh boardwalk opens to walkers again in April.</p></article>"
            f"{body}</body></html>").encode()


QUALTRICS = ("<div id='ZN_aB3dE5gH7jK9mN1'><!--DO NOT REMOVE-CONTENTS PLACED HERE--></div>"
             "<script src='/wp-content/plugins/qualtrics/js/qualtrics.js'></script>")


@pytest.mark.parametrize(("body", "network", "ids"), [
    (QUALTRICS, "Qualtrics", {("qualtrics-zone", "ZN_aB3dE5gH7jK9mN1")}),
], ids=["qualtrics zone"])
def test_vendor_id_in_its_tag_form(project_engine: Engine, catalogue: Catalogue, body: str,
                                   network: str, ids: set[tuple[str, str]]) -> None:
    (page,) = audit(_page(body), url="https://marsh.example/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert network in {n.network for n in page.networks}
    assert {(i.kind, i.value) for i in page.ids} == ids


@pytest.mark.parametrize("body", [
    # a ZN_ element where Qualtrics does not run
    "<div id='ZN_aB3dE5gH7jK9mN1'></div>",
], ids=["zone div alone"])
def test_no_id_outside_the_tag_form(project_engine: Engine, catalogue: Catalogue,
                                    body: str) -> None:
    (page,) = audit(_page(body), url="https://marsh.example/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert not page.ids
