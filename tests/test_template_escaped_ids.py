"""IDs a template's JS escaper printed into a page's config: Django's `escapejs` and Twig's
`js` escaper write every hyphen as `\\u002D`, so a data layer's `'UA\\u002D1234567\\u002D3'`
is the GA property `UA-1234567-3` its key names, as the plain config's is."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.dom.js_string import template_escaped
from auditor.pipeline import audit
from auditor.rules import Engine

GTM = ("<script>(function(w,d,s,l,i){w[l]=w[l]||[];j=d.createElement(s);"
       "j.src='https://www.googletagmanager.com/gtm.js?id='+i;d.head.appendChild(j);"
       "})(window,document,'script','dataLayer','GTM\\u002DQ7RT2PX');</script>")


def _page(config: str) -> bytes:
    return ("<!DOCTYPE html><html><head><title>Creek</title><script>window.dataLayer = [];"
            f"window.dataLayer.push({{\n  brand: 'Creek Times',\n{config}\n  pageType: "
            f"'article'\n}});</script>{GTM}</head><body><article><h1>Creek</h1><p>The creek"
            " rose overnight; the ford is closed.</p></article></body></html>").encode()


@pytest.mark.parametrize(("written", "found"), [
    (r"googleAnalyticsId: 'UA\u002D4455667\u002D12',", True),
    (r"googleAnalyticsId: 'UA\x2D4455667\x2D12',", True),
    ("googleAnalyticsId: 'UA-4455667-12',", True),
    # a hyphen escaped outside a word (a regex's class) is no template's value
    (r"googleAnalyticsId: /[\u002D]UA4455667/,", False),
], ids=["u-escape", "x-escape", "plain", "escape outside a word"])
def test_a_ga_property_a_template_escaped_is_read(project_engine: Engine, catalogue: Catalogue,
                                                  written: str, found: bool) -> None:
    (page,) = audit(_page(written), url="https://creek.example/a", engine=project_engine,
                    catalogue=catalogue).pages
    ids = {(i.kind, i.value) for i in page.ids}
    assert ("gtm-container", "GTM-Q7RT2PX") in ids
    assert (("ga-property", "UA-4455667-12") in ids) is found
    assert ("Google Analytics" in {n.network for n in page.networks}) is found


@pytest.mark.parametrize(("code", "templated"), [
    (r"id: 'GTM\u002DAB12CD3'", True), (r"id: 'ca\x2dpub\x2d1234'", True),
    (r"/[a-z\u002D]+/", False), (r"s.replace(/\x2D/g, '')", False),
    (r"'\u003c/script>'", False), ("plain-text-with-hyphens", False),
])
def test_template_escaped_is_an_escaped_hyphen_inside_a_word(code: str, templated: bool) -> None:
    assert template_escaped(code) is templated
