"""IDs read from a vendor's own tag: its loader's URL or its config call, never a bare number
anywhere. Pages here are ones we wrote after the vendors' public tag forms."""

from __future__ import annotations

import pytest

from .conftest import AuditHtml
from .test_networks_carried import carried, page


def _supertag(unit: int, zone: int, host: str = "st.districtm.ca") -> str:
    return (f"<div class='ad-box'><script src='//{host}/params.{unit}.js'></script>"
            f"<script>var districtmSuperTag = {{ id: {unit}, domain: 'news.example', "
            f"sizes: ['300x250'], zone: {zone}, floor_price_usd: 0.40 }};</script>"
            f"<script src='//{host}/supertag.js'></script></div>")


_SKIN = ("<script>var districtmSkin = { id: 288001, contentWidth: 980, zIndex: 100 };</script>"
         "<script src='//cdn.districtm.ca/skin.js'></script>")


def test_district_ms_supertag_and_skin_name_their_placements(audit_html: AuditHtml) -> None:
    """District M's SuperTag: a params script and a config per placement, each a slot
    where it stands; the zone is the site's own count, the skin's ID its config's."""
    report = audit_html(page(_supertag(310021, 700) + "<p>between</p>"
                             + _supertag(310022, 701) + _SKIN), url="https://news.example/a")
    ids = {(i.kind, i.value) for i in report.ids}
    assert ids >= {("districtm-supertag", "310021"), ("districtm-supertag", "310022"),
                   ("districtm-zone", "700"), ("districtm-zone", "701"),
                   ("districtm-skin", "288001")}
    units = [s for s in report.slots if s.network == "District M"]
    assert sorted(s.zone_id for s in units) == ["310021", "310022"]


@pytest.mark.parametrize("body", [
    # its params script on a look-alike host, the config under another name, the tag shown
    # in a <pre>
    "<script src='//st.districtm.ca.evil.example/params.310021.js'></script>",
    "<script>var notDistrictmSuperTagX = { id: 310021, zone: 700 };</script>",
    "<pre>var districtmSuperTag = { id: 310021, zone: 700 };</pre>",
])
def test_district_m_look_alikes_name_nothing(audit_html: AuditHtml, body: str) -> None:
    report = audit_html(page(body), url="https://news.example/a")
    assert not [i for i in report.ids if i.kind.startswith("districtm-")]


_ONSCROLL_UNIT = ('<!-- OnScroll - 520133 - 300x250(NS) -->'
                  '<div id="OnScroll - 520133 - 300x250(NS)"></div>'
                  '<script src="//tags.us.onscroll.com/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d/'
                  'tag.min.js" async defer></script>')


@pytest.mark.parametrize(("body", "placements", "tags"), [
    (_ONSCROLL_UNIT, {"520133"}, {"0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"}),
    # its box without its tag; a look-alike host; the id in prose
    ('<div id="OnScroll - 520133 - 300x250(NS)"></div>', set(), set()),
    ('<div id="OnScroll - 520133 - 300x250(NS)"></div><script src="//tags.us.onscroll.com.evil'
     '.example/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d/tag.min.js"></script>', set(), set()),
    ("<p>OnScroll - 520133 - 300x250 is our best unit.</p>", set(), set()),
])
def test_onscroll_tags_and_their_boxes(audit_html: AuditHtml, body: str,
                                       placements: set[str], tags: set[str]) -> None:
    """OnScroll: a tag per unit on its own host, the in-page unit's box named for its
    placement."""
    report = audit_html(page(body), url="https://news.example/a")
    assert {s.zone_id for s in report.slots if s.network == "OnScroll"} == placements
    assert {i.value for i in report.ids if i.kind == "onscroll-tag"} == tags


_CHOICE = ("<script>(function() { var host = window.location.hostname; "
           "var url = '{origin}'.concat('/choice/', 'aB3dE5fG7hJ9k', '/', host, '/choice.js');"
           " var el = document.createElement('script'); el.src = url; "
           "document.head.appendChild(el); })();</script>")


@pytest.mark.parametrize(("origin", "named"), [
    ("https://quantcast.mgr.consensu.org", True),
    ("https://cmp.quantcast.com", True),
    ("https://cmp.quantcast.com.evil.example", False),
    ("https://notquantcast.mgr.consensu.org.example", False),
])
def test_quantcast_choices_tag_names_its_account(audit_html: AuditHtml, origin: str,
                                                 named: bool) -> None:
    """Quantcast Choice, the consent manager: its tag builds its loader's address from the
    account; Quantcast's measurement (quantserve.com) is another network."""
    report = audit_html(page("", _CHOICE.replace("{origin}", origin)), url="https://news.example/a")
    assert ("Quantcast Choice" in carried(report)) is named
    assert {i.value for i in report.ids if i.kind == "quantcast-choice-account"} == (
        {"aB3dE5fG7hJ9k"} if named else set())


_KEEN_ID = "5a1b2c3d4e5f60718293a4b5"


@pytest.mark.parametrize(("head", "ids"), [
    ('<script src="/assets/vendor/keen.min.js"></script><script>window.cfg = '
     '{"keenio.projectID": "' + _KEEN_ID + '", "theme": "dark"};</script>', {_KEEN_ID}),
    ('<script src="https://cdn.jsdelivr.net/npm/keen-tracking@4/dist/keen-tracking.min.js">'
     "</script><script>var client = new KeenTracking({ projectId: '" + _KEEN_ID
     + "', writeKey: 'W' });</script>", {_KEEN_ID}),
    # a 24-hex projectId that names no Keen (another SDK's config); the key in prose
    ("<script>var fb = {projectId: '" + _KEEN_ID + "'};</script>", set()),
])
def test_keens_project_is_read_from_its_own_config(audit_html: AuditHtml, head: str,
                                                   ids: set[str]) -> None:
    report = audit_html(page("<p>keenio.projectID: " + _KEEN_ID + "</p>", head),
                        url="https://news.example/a")
    assert {i.value for i in report.ids if i.kind == "keen-project"} == ids
    assert ("Keen.io" in carried(report)) is bool(ids)


@pytest.mark.parametrize(("head", "ids"), [
    ('<script src="https://cdn.adligature.com/cookingnews/prod/rules.js"></script>'
     '<script src="//cookingnews-d.openx.net/w/1.0/jstag"></script>',
     {("adligature-site", "cookingnews"), ("openx-domain", "cookingnews-d.openx.net")}),
    # look-alike hosts
    ('<script src="https://cdn.adligature.com.evil.example/cookingnews/prod/rules.js"></script>'
     '<script src="//cookingnews-d.openx.net.evil.example/w/1.0/jstag"></script>', set()),
])
def test_an_ad_ops_wrapper_and_openx_delivery_domain_name_the_site(
        audit_html: AuditHtml, head: str, ids: set[tuple[str, str]]) -> None:
    """Adligature's wrapper is one loader per site, its key the loader's folder; OpenX's
    tag is served from the publisher's own delivery domain, which its bids name too."""
    report = audit_html(page("<p>cdn.adligature.com/other/prod/rules.js</p>", head),
                        url="https://news.example/a")
    got = {(i.kind, i.value) for i in report.ids
           if i.kind in ("adligature-site", "openx-domain")}
    assert got == ids
