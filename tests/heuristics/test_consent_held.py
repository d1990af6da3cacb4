"""Tags a consent manager holds until the visitor consents, in each manager's documented
form (pages of ours, IDs made up): the vendor is on the page (named, its host counted, its
IDs read), and the report says it waits for consent (`consent_held` on its requests and
in `networks`), since a visitor who has not consented does not run it. The same vendor
loaded plainly beside it is not held; a lazy loader (WP Rocket) or an image in a
`<template>` waits for no consent."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from auditor.model import PageReport
from auditor.report.terminal import PageView

from .conftest import AuditHtml

_GTM = ("(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),"
        "event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),"
        "dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/"
        "gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script',"
        "'dataLayer','GTM-K7Q2M4X');")
_PIXEL = ("!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?"
          "n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;"
          "n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;"
          "t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,"
          "document,'script','https://connect.facebook.net/en_US/fbevents.js');"
          "fbq('init', '481203957716204');fbq('track', 'PageView');")
_HOTJAR = "https://static.hotjar.com/c/hotjar-3904417.js?sv=6"
_GA = "https://www.googletagmanager.com/gtag/js?id=G-Q4W7E2R9T1"

# (manager, markup, the network it holds)
HELD = [
    ("Cookiebot", '<script type="text/plain" data-cookieconsent="marketing">' + _PIXEL
     + "</script>", "Facebook Pixel"),
    ("Cookiebot, a loader", f'<script type="text/plain" data-cookieconsent="statistics" '
     f'src="{_HOTJAR}"></script>', "Hotjar"),
    ("OneTrust", '<script type="text/plain" class="optanon-category-C0004">' + _PIXEL
     + "</script>", "Facebook Pixel"),
    ("CookieConsent v3", f'<script type="text/plain" data-category="analytics" src="{_GA}">'
     "</script>", "Google Analytics"),
    ("Cookie-Script", f'<script type="text/plain" data-cookiecategory="targeting" '
     f'src="{_HOTJAR}"></script>', "Hotjar"),
    ("Usercentrics", '<script type="text/plain" data-usercentrics="Google Tag Manager">'
     + _GTM + "</script>", "Google Tag Manager"),
    ("iubenda", f'<script type="text/plain" class="_iub_cs_activate" data-iub-purposes="4" '
     f'data-suppressedsrc="{_GA}" async></script>', "Google Analytics"),
    ("Klaro", f'<script type="text/plain" data-type="application/javascript" '
     f'data-name="googleAnalytics" data-src="{_GA}"></script>', "Google Analytics"),
    ("Complianz", f'<script type="text/plain" data-service="google-analytics" '
     f'data-category="statistics" async data-cmplz-src="{_GA}"></script>', "Google Analytics"),
    ("Borlabs Cookie 3", f'<script type="text/template" data-borlabs-cookie-script-blocker-id='
     f'"google-analytics" data-borlabs-cookie-script-blocker-src="{_GA}"></script>',
     "Google Analytics"),
    ("Borlabs Cookie 2, inline", "<script data-borlabs-script-blocker-id='facebook-pixel' "
     "type='text/template'>" + _PIXEL + "</script>", "Facebook Pixel"),
    ("Cookiebot, a frame", '<iframe data-cookieblock-src="https://www.googletagmanager.com/'
     'ns.html?id=GTM-K7Q2M4X" data-cookieconsent="statistics" height="0" width="0"></iframe>',
     "Google Tag Manager"),
    # Didomi's own type, swapped for text/javascript on consent (its "Custom Didomi
    # <script> tags" documentation): a loader held for a vendor, inline code for purposes
    ("Didomi, a loader", f'<script type="didomi/javascript" data-vendor="didomi:google" '
     f'async src="{_GA}"></script>', "Google Analytics"),
    ("Didomi, inline", '<script type="didomi/javascript" data-purposes="cookies,'
     'advertising_personalization">' + _PIXEL + "</script>", "Facebook Pixel"),
    # and its held HTML (`didomi/html`), swapped for a <div> of it on consent: a pixel's
    # image, and GTM's noscript frame in its <noscript>
    ("Didomi, an HTML pixel", '<script type="didomi/html" data-vendor="didomi:facebook">'
     '<img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?'
     'id=481203957716204&amp;ev=PageView&amp;noscript=1"/></script>', "Facebook Pixel"),
    ("Didomi, a noscript frame", '<script type="didomi/html" data-vendor="didomi:google">'
     '<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-K7Q2M4X" '
     'height="0" width="0" style="display:none"></iframe></noscript></script>',
     "Google Tag Manager"),
    ("a <template> a script clones", '<template id="consent-gtm"><script>' + _GTM
     + "</script></template>", "Google Tag Manager"),
]


def page(body: str) -> str:
    return ("<html><head><title>Ferry timetable</title></head><body><article><p>The ferry "
            f"runs every hour in winter.</p></article>{body}</body></html>")


def _network(report: PageReport, name: str) -> tuple[str, bool]:
    [seen] = [n for n in report.networks if n.network == name]
    return seen.seen.value, seen.consent_held


@pytest.mark.parametrize(("manager", "markup", "network"), HELD, ids=[h[0] for h in HELD])
def test_a_tag_held_until_consent_is_on_the_page_and_marked_held(
        audit_html: AuditHtml, manager: str, markup: str, network: str) -> None:
    report = audit_html(page(markup), "https://ferry.example/timetable")
    assert _network(report, network) == ("loaded", True)
    held = [r for r in report.resources if r.network == network and not r.hint]
    assert held and all(r.consent_held for r in held)
    assert all(r.to_dict()["consent_held"] is True for r in held)
    assert {h.host for h in report.third_party_hosts} >= {r.host for r in held}
    [entry] = [n for n in report.to_dict()["networks"] if n["network"] == network]
    assert entry["consent_held"] is True


@pytest.mark.parametrize(("markup", "id_"), [
    (HELD[-3][1], ("facebook-pixel", "481203957716204")),
    (HELD[-2][1], ("gtm-container", "GTM-K7Q2M4X")),
])
def test_didomis_held_html_keeps_its_ids(audit_html: AuditHtml, markup: str,
                                         id_: tuple[str, str]) -> None:
    """The pixel's account is the operator's, as the same tag's outside Didomi is."""
    report = audit_html(page(markup), "https://ferry.example/timetable")
    assert id_ in {(i.kind, i.value) for i in report.ids}


def test_didomis_held_html_is_not_read_as_code(audit_html: AuditHtml) -> None:
    """Markup, not code: its text runs no script and is no obfuscated one."""
    markup = ('<script type="didomi/html" data-purposes="advertising_personalization">'
              '<div class="promo"><a href="https://ferry.example/winter">Winter fares</a>'
              "</div></script>")
    report = audit_html(page(markup), "https://ferry.example/timetable")
    assert report.resources == () and report.findings == ()


@pytest.mark.parametrize(("manager", "markup", "network"), HELD[:3],
                         ids=[h[0] for h in HELD[:3]])
def test_the_same_vendor_also_loaded_plainly_is_not_held(
        audit_html: AuditHtml, manager: str, markup: str, network: str) -> None:
    """A vendor the page also runs for every visitor is not one that waits for consent."""
    plain = {"Facebook Pixel": "<script>" + _PIXEL + "</script>",
             "Hotjar": f'<script src="{_HOTJAR}"></script>'}[network]
    report = audit_html(page(markup + plain), "https://ferry.example/timetable")
    assert _network(report, network) == ("loaded", False)
    assert "consent_held" not in next(
        n for n in report.to_dict()["networks"] if n["network"] == network)


@pytest.mark.parametrize("markup", [
    # WP Rocket delays a script to the first interaction, not to consent
    f'<script type="rocketlazyloadscript" data-rocket-src="{_HOTJAR}"></script>',
    # a plain tag of the same vendor, and a lazily rendered image in a template
    f'<script src="{_HOTJAR}"></script><template><img src="https://static.hotjar.com/x.png">'
    "</template>",
    # a text/plain script with no consent manager's mark is no tag (a data block)
    f'<script type="text/plain" src="{_HOTJAR}"></script>',
    # a declarative shadow root (a component's server-rendered tree, a page Chrome saved):
    # the parser attaches it as it reads it, and a script in it runs
    f'<my-card><template shadowrootmode="open"><script src="{_HOTJAR}"></script><slot></slot>'
    "</template></my-card>",
    f'<my-card><template shadowroot="open"><script src="{_HOTJAR}"></script></template></my-card>',
])
def test_what_waits_for_no_consent_is_not_held(audit_html: AuditHtml, markup: str) -> None:
    report = audit_html(page(markup), "https://ferry.example/timetable")
    assert not any(r.consent_held for r in report.resources)
    assert not any(n.consent_held for n in report.networks)


def test_the_terminal_report_says_a_network_waits_for_consent(audit_html: AuditHtml) -> None:
    report = audit_html(page(HELD[0][1]), "https://ferry.example/timetable")
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(PageView(report))
    assert "Facebook Pixel [loaded, held until consent]" in out.getvalue()


# A tag the page keeps in an HTML comment runs for no visitor (a consent manager would
# activate it; a comment nothing reads stays dead): no request, host or tracker, its ID read
# as the operator's, and the network marked `commented_out` ("ID only, in a commented-out tag")
COMMENTED = [
    ("GTM's snippet commented out", "<!-- Google Tag Manager -->\n<!-- <script>" + _GTM
     + "</script> -->\n<!-- End Google Tag Manager -->", "Google Tag Manager",
     ("gtm-container", "GTM-K7Q2M4X")),
    ("GTM's snippet and its noscript frame in one comment", "<!--\n<script>" + _GTM
     + '</script>\n<noscript><iframe src="https://www.googletagmanager.com/ns.html?'
     'id=GTM-K7Q2M4X" height="0" width="0"></iframe></noscript>\n-->', "Google Tag Manager",
     ("gtm-container", "GTM-K7Q2M4X")),
    # gtag's two tags, the ID in the loader's URL and the config call
    ("gtag.js commented out", f'<!-- <script async src="{_GA}"></script>\n<script>window.'
     "dataLayer = window.dataLayer || [];function gtag(){dataLayer.push(arguments);}"
     "gtag('js', new Date());gtag('config', 'G-Q4W7E2R9T1');</script> -->",
     "Google Analytics", ("ga-measurement-id", "G-Q4W7E2R9T1")),
    # AdSense's auto ads loader, its publisher in the URL
    ("adsbygoogle.js commented out", '<!--<script async src="https://pagead2.googlesyndication.'
     'com/pagead/js/adsbygoogle.js?client=ca-pub-4821730195648203" crossorigin="anonymous">'
     "</script>-->", "Google AdSense", ("adsense-publisher", "ca-pub-4821730195648203")),
    # a tag with no script: the Meta pixel's image (the snippet's noscript half, which sites
    # keep when they strip the script, then comment out) and GTM's noscript frame, each
    # commented out alone; the pixel's or container's ID is the account the operator set up
    ("Meta pixel's <img> commented out alone", "<!-- Facebook Pixel (disabled)\n"
     '<img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?'
     'id=481203957716204&amp;ev=PageView&amp;noscript=1"/>\n-->', "Facebook Pixel",
     ("facebook-pixel", "481203957716204")),
    ("GTM's noscript <iframe> commented out alone", '<!-- <iframe src="https://www.'
     'googletagmanager.com/ns.html?id=GTM-K7Q2M4X" height="0" width="0" '
     'style="display:none;visibility:hidden"></iframe> -->', "Google Tag Manager",
     ("gtm-container", "GTM-K7Q2M4X")),
]


@pytest.mark.parametrize(("form", "markup", "network", "id_"), COMMENTED,
                         ids=[c[0] for c in COMMENTED])
def test_a_commented_out_tag_loads_nothing_and_its_network_says_so(
        audit_html: AuditHtml, form: str, markup: str, network: str,
        id_: tuple[str, str]) -> None:
    report = audit_html(page(markup), "https://ferry.example/timetable")
    assert [r.url for r in report.resources if r.network == network] == []
    assert report.third_party_hosts == () or not any(
        h.network == network for h in report.third_party_hosts)
    assert report.metrics.tracker_resources == 0
    assert id_ in {(i.kind, i.value) for i in report.ids}
    [seen] = [n for n in report.networks if n.network == network]
    assert (seen.seen.value, seen.consent_held, seen.commented_out) == ("id", False, True)
    assert seen.to_dict()["commented_out"] is True
    out = io.StringIO()
    Console(file=out, width=100, color_system=None).print(PageView(report))
    assert f"{network} [ID only, in a commented-out tag]" in out.getvalue()


@pytest.mark.parametrize("markup", [
    # the same container also running plainly: the comment is an old copy, the tag runs
    "<!-- <script>" + _GTM + "</script> --><script>" + _GTM + "</script>",
    # a consent manager's embed template: a comment all an element with its data- mark
    # holds, which the site's script activates (faz.net's `data-gdpr-embedding`)
    '<div data-gdpr-embedding data-gdpr-id="7">\n<!-- <script>' + _GTM + "</script> -->\n</div>",
    # old IE's conditional comment: a browser that reads it runs the tag
    "<!--[if lt IE 10]><script>" + _GTM + "</script><![endif]-->",
    # the noscript frame commented out, the snippet itself running
    '<script>' + _GTM + '</script><!-- <iframe src="https://www.googletagmanager.com/ns.html?'
    'id=GTM-K7Q2M4X" height="0" width="0"></iframe> -->',
])
def test_a_comment_the_page_also_runs_or_activates_is_not_commented_out(
        audit_html: AuditHtml, markup: str) -> None:
    report = audit_html(page(markup), "https://ferry.example/timetable")
    [seen] = [n for n in report.networks if n.network == "Google Tag Manager"]
    assert not seen.commented_out
    assert "commented_out" not in seen.to_dict()


def test_a_commented_out_tag_of_no_vendor_names_none(audit_html: AuditHtml) -> None:
    """The site's own script or image commented out, a commented vendor URL of no ID, and a
    commented video frame: nothing."""
    report = audit_html(page('<!-- <script src="/js/old-slider.js"></script> -->'
                             '<!-- <script src="https://static.hotjar.com/c/x.js"></script> -->'
                             '<!-- <img src="/img/banner-2019.jpg" alt="old banner"> -->'
                             '<!-- <iframe src="https://www.youtube.com/embed/x1"></iframe> -->'),
                        "https://ferry.example/timetable")
    assert report.networks == () and report.ids == () and report.resources == ()


@pytest.mark.parametrize("markup", [
    # a tutorial's commented-out examples, as Google's install guide writes them
    '<!-- <iframe src="https://www.googletagmanager.com/ns.html?id=GTM-XXXXXXX" height="0" '
    'width="0" style="display:none;visibility:hidden"></iframe> -->',
    '<!-- <iframe src="https://www.googletagmanager.com/ns.html?id=GTM-XXXX"></iframe> -->',
    "<!-- <script>" + _GTM.replace("GTM-K7Q2M4X", "GTM-XXXXXXX") + "</script> -->",
])
def test_a_commented_out_placeholder_is_no_ones_id(audit_html: AuditHtml, markup: str) -> None:
    """A placeholder ID (GTM-XXXXXXX) is no operator's container: the report named one
    the page's, commented out."""
    report = audit_html(page("<p>Paste the noscript part after the body tag:</p>" + markup),
                        "https://blog.example/how-to-install-the-pixel")
    assert report.ids == () and report.networks == ()


def test_many_commented_out_tags_cost_linear_time(audit_html: AuditHtml) -> None:
    """Which IDs the comments and the running page hold is read in one pass each: an
    `in` per ID over the comments was quadratic (20,000 commented GTM tags: 34 s)."""
    import time

    def seconds(n: int) -> float:
        markup = "".join(f'<!-- <script src="https://www.googletagmanager.com/gtm.js?id=GTM-'
                         f'A{i:05d}"></script> -->\n' for i in range(n))
        start = time.perf_counter()
        report = audit_html(page(markup), "https://ferry.example/timetable")
        assert [n.commented_out for n in report.networks] == [True]
        return time.perf_counter() - start

    seconds(100)  # warm: the catalogue, the regexes
    # the fastest of two runs each: a loaded machine only ever slows a run down
    small, large = (min(seconds(n) for _ in range(2)) for n in (500, 5_000))
    assert large < 20 * max(small, 0.01), (small, large)
