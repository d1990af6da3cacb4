"""IDs the labelled sets disagree on, in their vendors' documented tag forms: Qualtrics'
Site Intercept zone container, Taboola's publisher on its trc host, Tynt's legacy Tracer.js
query, Outbrain's widget handed by a variable, New Relic's legacy NREUMQ nrfj hit, its
loader config's account and agent and its 2016-2019 loader config's xpid, Taboola's
advertiser pixel's account, LinkedIn's older pixel host."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear, audit_seconds


def _page(body: str) -> bytes:
    return ("<!DOCTYPE html><html><head><title>Marsh</title></head><body><article><h1>Marsh"
            " walk</h1><p>The marsh boardwalk opens to walkers again in April.</p></article>"
            f"{body}</body></html>").encode()


QUALTRICS = ("<div id='ZN_aB3dE5gH7jK9mN1'><!--DO NOT REMOVE-CONTENTS PLACED HERE--></div>"
             "<script src='/wp-content/plugins/qualtrics/js/qualtrics.js'></script>")
TABOOLA = ("<img src='//trc.taboola.com/marshnews-sc/log/3/action?name=page_view&item-url=x'"
           " width='0' height='0' alt=''>")
TYNT = ("<script src='http://tcr.tynt.com/javascripts/Tracer.js?user=qW3rTyUi0pAsDfGhJkLzX1"
        "&amp;s=120'></script>")
OUTBRAIN = ("<div id='obMarsh' class='OUTBRAIN'></div><script>var obw = 'AR_4';\n"
            "if (window.innerWidth < 600) { obw = 'MB_3'; }\nvar OB_element = {};\n"
            "OB_element.containerId = 'obMarsh';\nOB_element.widgetId = obw;\n"
            "OB_elements = [OB_element];</script>"
            "<script src='https://widgets.outbrain.com/outbrain.js'></script>")
# the site's own boxes carrying Outbrain's widget attribute, in and out of its wrapper
OUTBRAIN_SITE_BOXES = (
    "<div class='outbrain'><div class='ob-placement strip' data-widget-id='AR_16'></div></div>"
    "<div class='ob-placement' data-widget-id='MB_3'></div>"
    "<div class='OUTBRAIN' data-widget-id='AR_10'></div>"
    "<script src='https://widgets.outbrain.com/outbrain.js'></script>")
NEWRELIC = ("<script>var NREUMQ=NREUMQ||[];var e=document.createElement(\"script\");"
            "e.src=\"https://js-agent.newrelic.com/nr-100.js\";document.body.appendChild(e);"
            "NREUMQ.push([\"nrfj\",\"beacon-2.newrelic.com\",\"0a1b2c3d4e\",\"5550123\",\"QUJD\",0,90,"
            "new Date().getTime()]);</script>")
# New Relic's snippet since 2018: the loader's config names the account and the agent too
NEWRELIC_LOADER = ("<script>window.NREUM||(NREUM={});NREUM.init={privacy:{cookies_enabled:true}};"
                   ';NREUM.loader_config={accountID:"3141592",trustKey:"3141592",agentID:"27182818",'
                   'licenseKey:"9f8e7d6c5b",applicationID:"27182801"};'
                   ';NREUM.info={beacon:"bam.nr-data.net",errorBeacon:"bam.nr-data.net",'
                   'licenseKey:"9f8e7d6c5b",applicationID:"27182801",sa:1}</script>')
# … and its 2016-2019 snippet's loader config, set where NREUM is made
NEWRELIC_XPID = ('<script>(window.NREUM||(NREUM={})).loader_config={xpid:"VQcDUlBbCRAGUVhT"};'
                 'window.NREUM||(NREUM={}),__nr_require=function(t){return t};'
                 ';NREUM.info={beacon:"bam.nr-data.net",errorBeacon:"bam.nr-data.net",'
                 'licenseKey:"1a2b3c4d5e",applicationID:"44332211",sa:1}</script>')
# Taboola's advertiser pixel: its first event, its loader and its <noscript> image
TABOOLA_PIXEL = ("<script>window._tfa = window._tfa || [];\n"
                 "window._tfa.push({notify: 'event', name: 'page_view', id: 2718281});\n"
                 "!function (t, f, a, x) { if (!document.getElementById(x)) { t.async = 1;"
                 " t.src = a; t.id = x; f.parentNode.insertBefore(t, f); } }"
                 "(document.createElement('script'), document.getElementsByTagName('script')[0],"
                 " '//cdn.taboola.com/libtrc/unip/2718281/tfa.js', 'tb_tfa_script');</script>"
                 "<noscript><img src='https://trc.taboola.com/2718281/log/3/unip?en=page_view'"
                 " width='0' height='0' style='display:none'></noscript>")
# LinkedIn Insight's older <noscript> pixel host
LINKEDIN_DC = ("<noscript><img height='1' width='1' style='display:none;' alt='' "
               "src='https://dc.ads.linkedin.com/collect/?pid=40417&amp;fmt=gif'/></noscript>")


@pytest.mark.parametrize(("body", "network", "ids"), [
    (QUALTRICS, "Qualtrics", {("qualtrics-zone", "ZN_aB3dE5gH7jK9mN1")}),
    (TABOOLA, "Taboola", {("taboola-publisher", "marshnews-sc")}),
    (TYNT, "33Across", {("tynt-site", "qW3rTyUi0pAsDfGhJkLzX1")}),
    (OUTBRAIN, "Outbrain", {("outbrain-widget", "AR_4"), ("outbrain-widget", "MB_3")}),
    (OUTBRAIN_SITE_BOXES, "Outbrain", {("outbrain-widget", "AR_16"),
                                       ("outbrain-widget", "MB_3"),
                                       ("outbrain-widget", "AR_10")}),
    (NEWRELIC, "New Relic",
     {("newrelic-application", "5550123"), ("newrelic-key", "0a1b2c3d4e")}),
    (NEWRELIC_LOADER, "New Relic",
     {("newrelic-account", "3141592"), ("newrelic-agent", "27182818"),
      ("newrelic-application", "27182801"), ("newrelic-key", "9f8e7d6c5b")}),
    (NEWRELIC_XPID, "New Relic",
     {("newrelic-xpid", "VQcDUlBbCRAGUVhT"), ("newrelic-application", "44332211"),
      ("newrelic-key", "1a2b3c4d5e")}),
    (TABOOLA_PIXEL, "Taboola", {("taboola-advertiser", "2718281")}),
    ("<img src='//trc.taboola.com/1150032/log/3/unip?en=page_view' width='0' height='0' alt=''>",
     "Taboola", {("taboola-advertiser", "1150032")}),
    (LINKEDIN_DC, "LinkedIn Insight Tag", {("linkedin-partner", "40417")}),
], ids=["qualtrics zone", "taboola trc", "tynt tracer", "outbrain variable",
        "outbrain site boxes", "new relic nrfj", "new relic loader config", "new relic xpid",
        "taboola advertiser pixel", "taboola advertiser image", "linkedin dc pixel"])
def test_vendor_id_in_its_tag_form(project_engine: Engine, catalogue: Catalogue, body: str,
                                   network: str, ids: set[tuple[str, str]]) -> None:
    (page,) = audit(_page(body), url="https://marsh.example/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert network in {n.network for n in page.networks}
    assert {(i.kind, i.value) for i in page.ids} == ids


@pytest.mark.parametrize("body", [
    # a ZN_ element where Qualtrics does not run
    "<div id='ZN_aB3dE5gH7jK9mN1'></div>",
    # New Relic's config keys where its agent does not name them: another service's
    # accountID, a loader config of another name
    "<script>NREUM.info={beacon:'bam.nr-data.net'};var cfg={accountID:'3141592',"
    "agentID:'27182818'};</script>",
    # an xpid key in another loader's config
    "<script>NREUM.info={beacon:'bam.nr-data.net'};(window.NOTNREUM||(NOTNREUM={}))"
    ".loader_config={xpid:'VQcDUlBbCRAGUVhT'};</script>",
    # Taboola's pixel forms on a look-alike host, and another queue's event id
    "<img src='//trc.taboola.com.evil.example/1150032/log/3/unip?en=page_view' alt=''>"
    "<script src='https://nottaboola.com/libtrc/unip/2718281/tfa.js'></script>"
    "<script>window._tfx = []; window._tfx.push({notify: 'event', id: 2718281});</script>",
    # LinkedIn's pixel words on another host
    "<img src='https://dc.ads.linkedin.com.evil.example/collect/?pid=40417&amp;fmt=gif' alt=''>",
    # a widget-like literal that is never handed to Outbrain's widgetId
    "<script>var tab = 'AR_4'; OB_element.widgetId = other;</script>"
    "<script src='https://widgets.outbrain.com/outbrain.js'></script>",
    # a widget attribute of Outbrain's form where Outbrain does not run, and Twitter's
    # timeline widget's (a number) where it does
    "<div class='ob-placement' data-widget-id='AR_16'></div>",
    "<a class='twitter-timeline' data-widget-id='356027471284838401' href='/t'>Tweets</a>"
    "<script src='https://widgets.outbrain.com/outbrain.js'></script>",
    # a site's own ZN_-named element where Qualtrics runs: no ID of Qualtrics' form
    "<div id='ZN_headerNavigation'></div>"
    "<script src='/wp-content/plugins/qualtrics/js/qualtrics.js'></script>",
    # Taboola's own folders on its trc host: no publisher
    "<img src='//trc.taboola.com/libtrc/trc/3/json?x=1' width='0' height='0' alt=''>",
    "<img src='//trc.taboola.com/static/log/3/px.gif' width='0' height='0' alt=''>",
], ids=["zone div alone", "new relic keys outside its config", "xpid of another config",
        "taboola look-alikes",
        "linkedin look-alike host", "literal not handed",
        "widget attribute without outbrain", "twitter widget id", "site's ZN_ element",
        "taboola libtrc folder", "taboola static folder"])
def test_no_id_outside_the_tag_form(project_engine: Engine, catalogue: Catalogue,
                                    body: str) -> None:
    (page,) = audit(_page(body), url="https://marsh.example/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert not page.ids


def test_widget_variables_scale_linearly() -> None:
    """Each literal of a widget's form reads a bounded stretch after it for widgetId."""
    def seconds(n: int) -> float:
        code = "".join(f"w{i} = 'AR_{i % 900}'; pad();\n" for i in range(n))
        return audit_seconds("<html><body><script src='https://widgets.outbrain.com/outbrain.js'>"
                             f"</script><script>{code}OB_element.widgetId = w0;</script>"
                             "</body></html>")

    assert_linear(seconds, 2000, "outbrain widget variables")
