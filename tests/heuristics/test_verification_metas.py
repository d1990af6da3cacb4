"""A network's site-verification `<meta>` (`<meta name="monetag" content="…">`), as the
vendor gives it to the site's owner and sites' copies keep it: the ID it declares ties the
page to the operator's account with the network, loader or not, so the report reads it
(with its network, seen by that ID alone); it is no ad slot and loads nothing. A meta of
another name, or a content not of the vendor's form (a placeholder left in a template),
declares nothing. Pages of ours; the IDs are made up."""

from __future__ import annotations

import pytest

from auditor.model import Origin

from .conftest import AuditHtml

_HEX = "4f1c9a0e7b2d5c8e6a3f0b1d9c7e2a54"

# (vendor, meta name, content, network, (kind, value))
METAS = [
    ("AdSense", "google-adsense-account", "ca-pub-4821730195648203", "Google AdSense",
     ("adsense-publisher", "ca-pub-4821730195648203")),
    ("Monetag", "monetag", _HEX, "PropellerAds", ("propellerads-verification", _HEX)),
    ("PropellerAds", "propeller", _HEX, "PropellerAds", ("propellerads-verification", _HEX)),
    ("AdMaven", "admaven-placement", "BqK4r7dTE", "AdMaven", ("admaven-verification", "BqK4r7dTE")),
    ("Clickadu", "clckd", _HEX, "Clickadu", ("clickadu-verification", _HEX)),
    ("Adcash", "a.validate.01", _HEX + "0a1b", "Adcash", ("adcash-verification", _HEX + "0a1b")),
    ("Adcash, the newer", "a.validate.02", "Kq2xW7-rT0pLm4sZ_nB8vC3yH6jD1fGk5aQe", "Adcash",
     ("adcash-verification", "Kq2xW7-rT0pLm4sZ_nB8vC3yH6jD1fGk5aQe")),
    ("ExoClick", "exoclick-site-verification", _HEX, "ExoClick", ("exoclick-verification", _HEX)),
    ("ExoClick, the newer", "6a97888e-site-verification", _HEX, "ExoClick",
     ("exoclick-verification", _HEX)),
    ("JuicyAds", "juicyads-site-verification", _HEX, "JuicyAds", ("juicyads-verification", _HEX)),
    ("TrafficJunky", "trafficjunky-site-verification", "7kqpx0a11", "TrafficJunky",
     ("trafficjunky-verification", "7kqpx0a11")),
    ("HilltopAds", "hilltopads-site-verification", "9c0d3e5f7a1b2c4d6e8f0a1b2c3d4e5f6a7b8c9d",
     "HilltopAds", ("hilltopads-verification", "9c0d3e5f7a1b2c4d6e8f0a1b2c3d4e5f6a7b8c9d")),
    ("Bitmedia", "bitmedia-site-verification", _HEX, "Bitmedia", ("bitmedia-verification", _HEX)),
    ("Coinzilla", "coinzilla", _HEX, "Coinzilla", ("coinzilla-verification", _HEX)),
    ("Ezoic", "ezoic-site-verification", "Qz7XbW2mK9pLr4TnV8cYd3Fs6Hj1Ga", "Ezoic",
     ("ezoic-verification", "Qz7XbW2mK9pLr4TnV8cYd3Fs6Hj1Ga")),
]


def page(head: str) -> str:
    return ("<html><head><title>Knitting patterns</title><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width'>{head}</head><body><article>"
            "<p>Cast on forty stitches and knit two rows plain.</p></article></body></html>")


@pytest.mark.parametrize(("vendor", "name", "content", "network", "id_"), METAS,
                         ids=[m[0] for m in METAS])
def test_a_verification_meta_declares_its_networks_account(
        audit_html: AuditHtml, vendor: str, name: str, content: str, network: str,
        id_: tuple[str, str]) -> None:
    report = audit_html(page(f'<meta name="{name}" content="{content}">'),
                        "https://knits.example/patterns")
    ids = {(i.kind, i.value): i for i in report.ids}
    assert id_ in ids
    assert (ids[id_].network, ids[id_].origin) == (network, Origin.OPERATOR)
    [seen] = [n for n in report.networks if n.network == network]
    assert seen.seen.value == "id"
    assert report.slots == () and report.resources == ()


def test_a_metas_name_is_read_in_any_case_and_its_content_stripped(
        audit_html: AuditHtml) -> None:
    report = audit_html(page(f'<meta NAME="Monetag" content=" {_HEX} ">'),
                        "https://knits.example/patterns")
    assert ("propellerads-verification", _HEX) in {(i.kind, i.value) for i in report.ids}


@pytest.mark.parametrize("head", [
    # a template's placeholder, not an account
    '<meta name="google-adsense-account" content="ca-pub-XXXXXXXXXXXXXXXX">',
    '<meta name="ezoic-site-verification" content="YOUR_VERIFICATION_CODE">',
    # Site Kit's platform metas: the platform's host account, on every Site Kit site
    '<meta name="google-adsense-platform-account" content="ca-host-pub-2644536267352236">'
    '<meta name="google-adsense-platform-domain" content="sitekit.withgoogle.com">',
    # another meta whose content has a vendor's form: a search console's token, a theme's
    f'<meta name="google-site-verification" content="{_HEX}">',
    f'<meta property="monetag" content="{_HEX}">',
    # a verification meta left in a comment declares nothing
    f'<!-- <meta name="monetag" content="{_HEX}"> -->',
])
def test_what_declares_no_account_reads_no_id(audit_html: AuditHtml, head: str) -> None:
    report = audit_html(page(head), "https://knits.example/patterns")
    assert report.ids == ()
    assert report.networks == ()


@pytest.mark.parametrize("head", [
    # placeholders of the vendor's very form: a template's word, a run of one character
    '<meta name="admaven-placement" content="PLACEHOLDER">',
    '<meta name="admaven-placement" content="undefined">',
    '<meta name="trafficjunky-site-verification" content="yourcode">',
    '<meta name="trafficjunky-site-verification" content="changeme">',
    '<meta name="ezoic-site-verification" content="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx">',
    '<meta name="ezoic-site-verification" content="INSERTYOURVERIFICATIONCODEHERE">',
    '<meta name="monetag" content="00000000000000000000000000000000">',
    '<meta name="coinzilla" content="0123456789abcdef0123456789abcdef">',
    '<meta name="hilltopads-site-verification" content="0000000000">',
    '<meta name="a.validate.02" content="your-adcash-validation-code-here-000">',
    # a prefixed form whose number is a run of one digit
    '<meta name="google-adsense-account" content="ca-pub-0000000000000000">',
])
def test_a_placeholder_of_the_vendors_form_declares_no_account(
        audit_html: AuditHtml, head: str) -> None:
    report = audit_html(page(head), "https://knits.example/patterns")
    assert report.ids == ()
    assert report.networks == ()
