"""Vendors the catalogue's reach work (cat32) named, each in the form its tag takes on real
pages (sites' copies, the vendor's documentation): Sedo's parked-domain landers and the
domain owner's AdSense for Domains ID they carry, Admatic's units, Nativo's Prebid bids,
and the pop, push and header-bidding hosts EasyList and EasyPrivacy block that the
catalogue named nobody's. Pages of ours; the IDs are made up."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import Origin, PageReport, Severity

from .conftest import AuditListed

_URL = "https://quietharbour.example/"


def _ids(report: PageReport) -> set[tuple[str, str | None, str]]:
    return {(i.kind, i.network, i.value) for i in report.ids if i.origin is Origin.OPERATOR}


def _networks(report: PageReport) -> set[str]:
    return {n.network for n in report.networks}


# Sedo's own lander: its config object, then caf.js and the page options built from it
_SEDO = (
    "<html><head><title>quietharbour.example</title><script type=\"text/javascript\">\n"
    'var dto = {"uiOptimize":false,"domainName":"quietharbour.example","domainPrice":0,'
    '"cdnHost":"http://img.sedoparking.com","tid":3070,"jsParameter":{"request":{"pubId":'
    '"dp-sedo80_3ph","domainRegistrant":"as-drid-2718281828459045","kw":"","adtest":"off",'
    '"hl":"en"},"alternate_pubid":"dp-sedo80_3ph"},"sedoParkingUrl":'
    '"https://www.sedo.com/services/parking.php3","clickControlHost":"cc.sedoparking.com"};\n'
    "</script></head><body><h1>quietharbour.example</h1><div id=\"container-relatedlinks\">"
    '<div id="rb-default"></div></div><script type="text/javascript" '
    'src="//www.google.com/adsense/domains/caf.js"></script><script type="text/javascript">'
    "var pdto={caf:{}};for(let key in dto.jsParameter.request){pdto.caf[key]="
    "dto.jsParameter.request[key]}</script></body></html>")
# a registrar's lander on Sedo's feed: AdSense for Domains' request, and Sedo's frame
_SEDO_REGISTRAR = (
    "<html><head><title>Parked</title></head><body><div id=\"partner\"></div><script>"
    'var google_afd_request = {"client":"ca-dp-sedo89_3ph","drid":"as-drid-1414213562373095",'
    '"domain_name":"www.quietharbour.example","session_token":"create"};\n'
    "var setup = {\n    domain: 'www.quietharbour.example',\n    registrar: 'ExampleParking',\n"
    "    httpHost: 'sedoparking.com',\n    customParams: '',\n};\nfunction loadGoogleToken(){"
    "var s=document.createElement('script');s.src='//pagead2.googlesyndication.com/apps/"
    "domainpark/show_afd_ads.js';document.body.appendChild(s)}loadGoogleToken();"
    "</script></body></html>")


@pytest.mark.parametrize(("lander", "ids"), [
    (_SEDO, {("afd-registrant", "Google AdSense", "as-drid-2718281828459045"),
             ("sedo-afd-partner", "Sedo", "dp-sedo80_3ph")}),
    (_SEDO_REGISTRAR, {("afd-registrant", "Google AdSense", "as-drid-1414213562373095"),
                       ("sedo-afd-partner", "Sedo", "dp-sedo89_3ph")}),
], ids=["Sedo's lander", "a registrar's lander on Sedo's feed"])
def test_a_sedo_lander_names_sedo_and_the_domain_owners_registrant_id(
        audit_listed: AuditListed, lander: str,
        ids: set[tuple[str, str | None, str]]) -> None:
    report = audit_listed(lander, _URL)
    assert {"Sedo", "Google AdSense"} <= _networks(report)
    assert ids <= _ids(report)
    [sedo] = [n for n in report.networks if n.network == "Sedo"]
    assert sedo.seen.value in ("inline", "loaded")


def test_sedos_partner_account_joins_no_sites_and_the_registrant_does(
        catalogue: Catalogue) -> None:
    """Every domain Sedo parks carries Sedo's partner account; the registrant is one owner's."""
    solitary = catalogue.solitary_kinds
    assert "sedo-afd-partner" in solitary and "afd-registrant" not in solitary


_P = "<p>Haberin devamı: belediye meclisi yeni parkı onayladı.</p>"
_ADMATIC = ('<ins data-publisher="adm-pub-173205080756" data-ad-type="Scroll" '
            'class="adm-ads-area" data-ad-network="{unit}" data-ad-sid="304" '
            'data-ad-width="300" data-ad-height="250"></ins>'
            '<script src="//cdn2.admatic.com.tr/showad/showad.js" async></script>')


def test_an_admatic_unit_is_its_slot_with_its_publisher(audit_listed: AuditListed) -> None:
    body = (_P + _ADMATIC.format(unit="161803398874") + _P
            # its interstitial places nothing in the page
            + '<ins data-publisher="adm-pub-173205080756" data-ad-type="interstitial" '
            'class="adm-ads-area" data-ad-network="141421356237" data-ad-sid="209" '
            'data-ad-width="800" data-ad-height="600"></ins>')
    report = audit_listed(f"<html><head><title>Haber</title></head><body><article>{body}"
                          "</article></body></html>", _URL)
    slots = [s for s in report.slots if s.network == "Admatic"]
    assert [s.zone_id for s in slots] == ["161803398874"]
    assert {("admatic-publisher", "Admatic", "adm-pub-173205080756"),
            ("admatic-unit", "Admatic", "161803398874")} <= _ids(report)


_PREBID = ("<script>var adUnits = [{code: 'div-side', mediaTypes: {banner: {sizes: "
           "[[300, 250]]}}, bids: [{bidder: 'nativo', params: {placementId: %s}}]}];\n"
           "pbjs.que.push(function () { pbjs.addAdUnits(adUnits); });</script>")


def test_a_nativo_bid_names_its_placement(audit_listed: AuditListed) -> None:
    report = audit_listed(f"<html><head>{_PREBID % '1122581'}</head><body>{_P}</body></html>",
                          _URL)
    assert ("nativo-placement", "Nativo", "1122581") in _ids(report)


def test_nativos_documentation_example_is_no_ones_placement(audit_listed: AuditListed) -> None:
    report = audit_listed(f"<html><head>{_PREBID % '13144370'}</head><body>{_P}</body></html>",
                          _URL)
    assert not any(i.kind == "nativo-placement" for i in report.ids)


# (network, a tag of it): the hosts the public lists block that the catalogue named nobody's
HOSTED = [
    ("Push.House", "https://push.house/sw/8c1e2f.js"),
    ("ClickAdilla", "https://js.clickadilla.com/tag.js"),
    ("AdSpyglass", "https://cdn.adspyglass.com/pop.js"),
    ("The Moneytizer", "https://ads.themoneytizer.com/s/gen.js?type=2"),
    ("Notix", "https://notix.io/ent/current/enot.min.js"),
    ("Ad.Plus", "https://cdn.ad.plus/player/adplus.js"),
    ("BidGear", "https://platform.bidgear.com/ads.php?domainid=1&size=300x250"),
    ("PurpleAds", "https://cdn.purpleads.io/load.js"),
    ("LuckyAds", "https://c.luckyads.pro/js/lucky.js"),
    ("Yllix", "https://ads.yllix.com/layer.php"),
    ("Sparteo", "https://bid.sparteo.com/loader.js"),
    ("Relevant Digital", "https://example-pub-cdn.relevant-digital.com/static/tags/x.js"),
    # header-bidding adapters' endpoints and tags
    ("Adpone", "https://rtb.adpone.com/bid-request?src=prebid"),
    ("Eskimi", "https://sspb.eskimi.com/bids"),
    ("Next Millennium", "https://pbs.nextmillmedia.com/openrtb2/auction"),
    ("PixFuture", "https://prebid-js.pixfuture.com/pixfuture.js"),
    ("NoBid", "https://ads.servenobid.com/adreq?cb=1"),
    ("Ozone Project", "https://elb.the-ozone-project.com/openrtb2/auction"),
    ("Rise", "https://hb.yellowblue.io/hb-multi"),
    ("PubWise", "https://bid.pubwise.io/prebid"),
    ("Minute Media", "https://pbs.minutemedia-prebid.com/pbs-mm"),
    ("Missena", "https://events.missena.io/v1/bid"),
    ("Mobkoi", "https://tagservice.maximus.mobkoi.com/tag.js"),
    ("Tappx", "https://track.tappx.com/t"),
]


@pytest.mark.parametrize(("network", "src"), HOSTED, ids=[h[0] for h in HOSTED])
def test_a_tag_from_a_newly_named_host_names_its_network(
        audit_listed: AuditListed, network: str, src: str) -> None:
    report = audit_listed(f'<html><head><script async src="{src}"></script></head><body>{_P}'
                          "</body></html>", _URL)
    assert network in _networks(report)
    [seen] = [n for n in report.networks if n.network == network]
    assert seen.seen.value == "loaded"
    assert not [f for f in report.findings if f.severity is Severity.HIGH]


@pytest.mark.parametrize(("network", "src"), HOSTED[:3], ids=[h[0] for h in HOSTED[:3]])
def test_a_link_to_the_vendor_is_not_its_network(
        audit_listed: AuditListed, network: str, src: str) -> None:
    """A page that merely links to the vendor's site carries none of its tags."""
    host = src.split("/")[2]
    report = audit_listed(f'<html><body>{_P}<a href="https://{host}/">Advertise with us</a>'
                          "</body></html>", _URL)
    assert network not in _networks(report)


# (network, its Prebid.js bidder code, as modules/<code>BidAdapter.js names it)
BIDDERS = [("Sonobi", "sonobi"), ("Conversant", "conversant"), ("Dianomi", "dianomi"),
           ("AMX", "amx"), ("Adyoulike", "adyoulike"), ("EMX Digital", "emx_digital"),
           ("Ogury", "ogury"), ("OneTag", "onetag"), ("PulsePoint", "pulsepoint"),
           ("Yieldmo", "yieldmo"), ("Just Premium", "justpremium"), ("Sparteo", "sparteo"),
           ("Relevant Digital", "relevantdigital"), ("The Trade Desk", "ttd"),
           ("Adpone", "adpone"), ("Eskimi", "eskimi"), ("Next Millennium", "nextMillennium"),
           ("PixFuture", "pixfuture"), ("NoBid", "nobid"), ("Ozone Project", "ozone"),
           ("Rise", "rise"), ("PubWise", "pwbid"), ("Minute Media", "minutemedia"),
           ("Missena", "missena"), ("Mobkoi", "mobkoi"), ("Tappx", "tappx")]


@pytest.mark.parametrize(("network", "code"), BIDDERS, ids=[b[0] for b in BIDDERS])
def test_a_header_bidding_adapters_code_names_its_network(
        audit_listed: AuditListed, network: str, code: str) -> None:
    head = ("<script>var adUnits = [{code: 'div-side', mediaTypes: {banner: {sizes: "
            f"[[300, 250]]}}}}, bids: [{{bidder: '{code}', params: {{placement: 'side'}}}}]}}];"
            "\npbjs.que.push(function () { pbjs.addAdUnits(adUnits); });</script>")
    report = audit_listed(f"<html><head>{head}</head><body>{_P}</body></html>", _URL)
    [seen] = [n for n in report.networks if n.network == network]
    assert seen.seen.value == "bidder"
