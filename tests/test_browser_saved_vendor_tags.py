"""Vendor tags as a browser's saved DOM holds them (the tags an ad stack inserted at run
time beside the page's own), in the forms their vendors documented: the network each
names and the IDs it carries, and the look-alikes that name none (pages written here)."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = "<html><head><title>t</title></head><body><p>Story text.</p>\n{}\n</body></html>"

_GA = ("<script>(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){"
       "(i[r].q=i[r].q||[]).push(arguments)};a=s.createElement(o);a.async=1;a.src=g;"
       "s.head.appendChild(a)})(window,document,'script','https://www.google-analytics.com/"
       "analytics.js','ga');ga('create', 'UA-7654321-2', 'auto');{}ga('send', 'pageview');"
       "</script>")
_HIDE = ("<style>.async-hide {{ opacity: 0 !important}} </style><script>(function(a,s,y,n,c,h,"
         "i,d,e){{s.className+=' '+y;h.end=i=function(){{s.className=s.className.replace("
         "RegExp(' ?'+y),'')}};(a[n]=a[n]||[]).hide=h;setTimeout(function(){{i();h.end=null}},c)"
         ";}})(window,document.documentElement,'async-hide','dataLayer',4000,{{'{}':true}});"
         "</script>")
_GTM = ("<script>(function(w,d,s,l,i){{w[l]=w[l]||[];w[l].push({{'gtm.start':new Date()"
        ".getTime(),event:'gtm.js'}});var j=d.createElement(s);j.async=true;j.src="
        "'https://www.googletagmanager.com/gtm.js?id='+i;d.head.appendChild(j);}})(window,"
        "document,'script','dataLayer','{}');</script>")

# (tag markup, network it names, (kind, value) IDs it must give)
TAGS = {
    "optimize-required-as-an-analytics-plugin": (
        _HIDE.format("GTM-AB12CD3") + _GA.replace("{}", "ga('require', 'GTM-AB12CD3');"),
        "Google Optimize",
        {("optimize-container", "GTM-AB12CD3"), ("ga-property", "UA-7654321-2")}),
    "optimize-required-by-a-named-tracker": (
        _GA.replace("{}", "ga('create', 'UA-7654321-3', 'auto', 'rollup');"
                          "ga('rollup.require', 'OPT-K9Z8Y7X');"),
        "Google Optimize", {("optimize-container", "OPT-K9Z8Y7X")}),
}


def _page(markup: str, engine: Engine, catalogue: Catalogue) -> PageReport:
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    return page


@pytest.mark.parametrize("name", sorted(TAGS))
def test_a_saved_pages_tag_names_its_vendor_and_ids(name: str, project_engine: Engine,
                                                    catalogue: Catalogue) -> None:
    markup, network, ids = TAGS[name]
    page = _page(markup, project_engine, catalogue)
    assert network in {n.network for n in page.networks}
    assert ids <= {(i.kind, i.value) for i in page.ids}


def test_an_optimize_plugin_container_is_no_tag_manager_container(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The container `ga('require', …)` loads is Optimize's, though written GTM-: no Tag
    Manager is named for it; a Tag Manager container the page loads beside it stays Tag
    Manager's."""
    alone = _page(_HIDE.format("GTM-AB12CD3") + _GA.replace("{}", "ga('require', 'GTM-AB12CD3');"),
                  project_engine, catalogue)
    assert "Google Tag Manager" not in {n.network for n in alone.networks}
    assert ("gtm-container", "GTM-AB12CD3") not in {(i.kind, i.value) for i in alone.ids}
    both = _page(_GTM.format("GTM-QQ11RR2") + _GA.replace("{}", "ga('require', 'GTM-AB12CD3');"),
                 project_engine, catalogue)
    assert {("gtm-container", "GTM-QQ11RR2"), ("optimize-container", "GTM-AB12CD3")} <= {
        (i.kind, i.value) for i in both.ids}
    assert {"Google Tag Manager", "Google Optimize"} <= {n.network for n in both.networks}


def test_optimize_deployed_through_tag_manager_keeps_the_tag_managers_container(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """Deployed through Tag Manager, the anti-flicker snippet waits on Tag Manager's own
    container: the snippet names Optimize, its container stays Tag Manager's."""
    page = _page(_HIDE.format("GTM-QQ11RR2") + _GTM.format("GTM-QQ11RR2"), project_engine,
                 catalogue)
    assert {"Google Tag Manager", "Google Optimize"} <= {n.network for n in page.networks}
    ids = {(i.kind, i.value) for i in page.ids}
    assert ("gtm-container", "GTM-QQ11RR2") in ids
    assert ("optimize-container", "GTM-QQ11RR2") not in ids


def test_other_analytics_plugins_name_no_optimize(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    """analytics.js's own plugins (`ec`, `linkid`, `displayfeatures`) are required too."""
    page = _page(_GA.replace("{}", "ga('require', 'ec');ga('require', 'linkid');"),
                 project_engine, catalogue)
    assert "Google Optimize" not in {n.network for n in page.networks}


_TEADS = '<script async src="//a.teads.tv/page/48213/tag"></script>'


@pytest.mark.parametrize(("markup", "lines"), [
    # the page's marker in an ad box of its own, the player the tag renders inside it
    ('<div class="ad-container"><div class="teadsNative"></div></div>', [2]),
    ('<div class="ad-container"><div id="teads-inread"><div class="teads-inread sm-screen">'
     '<div class="teads-ui-component-player"></div></div></div></div>', [2]),
    # two markers, two placements
    ('<div class="teadsNative"></div>\n<p>More text.</p>\n<div id="teads-slot-2"></div>', [2, 4]),
    # no box named after Teads: the page tag alone places no unit the markup shows
    ('<div class="ad-container"><div class="native"></div></div>', []),
], ids=["marker", "marker round its player", "two markers", "no marker"])
def test_a_box_named_after_teads_where_teads_loads_is_its_slot(
        markup: str, lines: list[int], project_engine: Engine, catalogue: Catalogue) -> None:
    page = _page(markup + "\n" + _TEADS, project_engine, catalogue)
    assert [(s.line, s.network) for s in page.slots] == [(n, "Teads") for n in lines]


def test_a_box_named_after_teads_without_its_tag_is_no_slot(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A class opening with the vendor's name where its tag never loads is no placement:
    the page may have dropped Teads and kept its theme's markup."""
    page = _page('<div class="ad-container"><div class="teadsNative"></div></div>',
                 project_engine, catalogue)
    assert page.slots == ()
