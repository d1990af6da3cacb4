"""Publishers' own stacks, as their vendors publish the snippets, get no medium or high
finding; the same pages with something injected keep theirs. Each page is one we wrote
from the vendors' documented tags (docs/ACCURACY.md lists the stacks tried)."""

from __future__ import annotations

import base64

import pytest

from auditor.model import PageReport, Severity

from .conftest import AuditHtml

H, M, L = Severity.HIGH, Severity.MEDIUM, Severity.LOW


def serious(report: PageReport) -> list[tuple[str, str]]:
    """The findings a reviewer is asked to act on: (kind, message) of medium and high."""
    return [(f.kind, f.message) for f in report.findings if f.severity is not L]


def test_a_header_bidding_page_saved_after_its_scripts_ran_has_no_serious_finding(
        audit_html: AuditHtml) -> None:
    """GPT's SafeFrame and Topics frames, AdSense's `google_esf`, each bidder's user-sync
    frame and Amazon's are hidden by design: the stack's own frames are one low fact, and
    Google's shared ad-serving frames name no AdSense on a GPT page."""
    report = audit_html("publisher-stack-rendered.html",
                        url="https://www.midlandcourier.test/politics/budget-five-things")
    assert serious(report) == []
    (frames,) = [f for f in report.findings if f.kind == "hidden-iframe"]
    assert frames.severity is L and frames.message.startswith("7 hidden iframes of ad networks")
    assert "Google AdSense" not in {n.network for n in report.networks}


def test_a_bloggers_pasted_adsense_units_are_not_injected(audit_html: AuditHtml) -> None:
    """AdSense's unit code carries its loader, so a blogger who pastes units into a post
    has the loader in the article and nowhere else: the publisher's own ads."""
    report = audit_html("blog-adsense-units.html",
                        url="https://weekendfixer.test/leaking-kitchen-tap/")
    assert serious(report) == []
    assert [(f.kind, f.severity) for f in report.findings] == [("duplicate-loader", L)]
    assert report.metrics.ad_slots_in_body == 2


def test_ad_in_body_help_says_an_article_body_unit_needs_a_copied_article() -> None:
    """The help (SARIF, TAXONOMY.md) states the rule 54793d3 made: a unit with its loader
    in the article body is injected only in an article the page copies."""
    from auditor.heuristics import finding_kind

    help_text = finding_kind("ad-in-body").help
    assert "article the page copies" in help_text
    assert "site's own article" in help_text


_ARTICLE = ("<p>" + "The harbour council voted on the winter timetable on Tuesday. " * 12
            + "</p>")
_OUTBRAIN = ('<div class="OUTBRAIN" data-src="https://www.ledger.test/news/ferry" '
             'data-widget-id="AR_1"></div><script type="text/javascript" async="async" '
             'src="//widgets.outbrain.com/outbrain.js"></script>')


def test_a_recirculation_widget_at_the_article_end_is_not_injected(
        audit_html: AuditHtml) -> None:
    """Outbrain's install puts the widget and its loader where the widget shows: the end
    of the article, on a page with no other ads."""
    html = (f"<html><head><title>t</title></head><body><main><article><h1>Ferry</h1>"
            f"<div class='article-body'>{_ARTICLE}{_OUTBRAIN}</div></article></main>"
            "</body></html>")
    report = audit_html(html, url="https://www.ledger.test/news/ferry")
    assert serious(report) == []


# (before the article, after it, the severity, the finding's words): a scraper's "Source
# link" names the original outright; a bare "Source:" label with an image of the same
# site is how a blog credits a wire's story or a chart too, so a `high` does not rest on it
_COPIED = ("", '<p><a href="https://www.coastalherald.test/news/ferry">Source link</a></p>',
           H, "copied from coastalherald.test")
_CREDITED = ('<p><img src="https://www.coastalherald.test/img/ferry.jpg" alt="ferry"></p>',
             '<p>Source: <a href="https://www.coastalherald.test/news/ferry">Coastal Herald'
             '</a></p>', M, "credited to coastalherald.test")


# The Conversation's republishing snippet, as its "Republish this article" box gives it
# (a licence credit linking the publication and the original, then its counter pixel): a
# licensed republisher's own unit in the article it may run is a check, not a theft; a
# scraper's Source link beside the same credit keeps it injected
_LICENCE = ('<p>This article is republished from <a href="https://www.coastalherald.test">'
            "Coastal Herald</a> under a Creative Commons license. Read the "
            '<a href="https://www.coastalherald.test/news/ferry">original article</a>.</p>'
            '<img src="https://counter.coastalherald.test/content/4411/count.gif" alt="" '
            'width="1" height="1">')
_SYNDICATED = ("", _LICENCE, M, "republished from coastalherald.test under its credit line")
_SYNDICATED_SCRAPED = ("", _LICENCE + _COPIED[1], H, "copied from coastalherald.test")
# a feed importer's automatic line before every post it pulls in names no publication,
# only "this site": a scraper's mark, no republisher's credit
_IMPORTED = ('<p>This post was originally published on <a href="https://www.coastalherald.test/'
             'news/ferry" target="_blank" rel="noopener">this site</a></p>', "", H,
             "copied from coastalherald.test")


@pytest.mark.parametrize(("before", "after", "severity", "words"),
                         [_COPIED, _CREDITED, _SYNDICATED, _SYNDICATED_SCRAPED, _IMPORTED],
                         ids=["a source link", "a credit label alone", "a licence credit",
                              "a licence credit and a source link", "a feed importer's line"])
def test_the_same_widget_in_a_copied_article_is_injected(
        before: str, after: str, severity: Severity, words: str,
        audit_html: AuditHtml) -> None:
    """Inside an article the page republishes, a network with its loader there and
    nowhere else on the page is the operator's addition."""
    html = (f"<html><head><title>t</title></head><body><main><article><h1>Ferry</h1>"
            f"<div class='article-body'>{before}{_ARTICLE}{_OUTBRAIN}{after}</div></article>"
            "</main></body></html>")
    report = audit_html(html, url="https://digest24.test/ferry/")
    assert [p.domain for p in report.provenance] == ["coastalherald.test"]
    assert [(f.kind, f.severity) for f in report.findings if f.kind == "ad-in-body"] == [
        ("ad-in-body", severity)]
    (found,) = [f for f in report.findings if f.kind == "ad-in-body"]
    assert words in found.message


def _page(body: str = "", after: str = "") -> str:
    with_bidder = ("<script>var adUnits=[{code:'a',bids:[{bidder:'pubmatic',params:"
                   "{publisherId:'156209'}}]}];</script>")
    return (f"<html><head><title>t</title>{with_bidder}</head><body><main><article>"
            f"{_ARTICLE}{body}</article></main></body></html>{after}")


_HIDDEN = '<iframe src="{}" width="0" height="0" style="display:none"></iframe>'
_EXO_FRAME = "https://syndication.exdynsrv.com/ads-iframe-display.php?idzone=3918273"
_BIDDER_FRAME = "https://ads.pubmatic.com/AdServer/js/user_sync.html?p=156209"
_FLOODLIGHT = "https://6070848.fls.doubleclick.net/activityi;src=6070848;type=gener0"

FRAMES = [
    # (what, page, the hidden-iframe severities)
    ("a bidder's sync frame", _page(_HIDDEN.format(_BIDDER_FRAME)), [L]),
    ("an ad network the page runs nowhere else", _page(_HIDDEN.format(_EXO_FRAME)), [M]),
    ("a conversion tag alone in a frame", _page(_HIDDEN.format(_FLOODLIGHT)), [M]),
    ("an ad frame after </html>", _page(after="\n" + _HIDDEN.format(_EXO_FRAME)), [H]),
    ("the bidder's frame after </html>", _page(after="\n" + _HIDDEN.format(_BIDDER_FRAME)),
     [H]),
    ("an unknown host's frame", _page(_HIDDEN.format("https://traffic-stats.test/in.php")),
     [H]),
]


@pytest.mark.parametrize(("what", "html", "expected"), FRAMES, ids=[c[0] for c in FRAMES])
def test_a_hidden_frame_is_judged_by_whose_it_is_and_where(
        what: str, html: str, expected: list[Severity], audit_html: AuditHtml) -> None:
    report = audit_html(html, url="https://www.ledger.test/news/ferry")
    assert [f.severity for f in report.findings if f.kind == "hidden-iframe"] == expected


_EXO_UNIT = ('<script async src="https://a.magsrv.com/ad-provider.js"></script>'
             '<ins class="adsbyexoclick" data-zoneid="3918273"></ins>')
_SOURCE = '<p><a href="https://www.coastalherald.test/news/ferry">Source link</a></p>'
INJECTED_STACKS = [
    # (what, page, in a post body, the hidden-iframe severities)
    ("its unit in a WordPress post body", f"<p>Story.</p>{_EXO_UNIT}"
     + _HIDDEN.format(_EXO_FRAME), True, [M]),
    ("its unit in a copied article", _page(_EXO_UNIT + _HIDDEN.format(_EXO_FRAME) + _SOURCE),
     False, [M]),
    ("its unit after </html>", _page(_HIDDEN.format(_EXO_FRAME), after="\n" + _EXO_UNIT),
     False, [M]),
    # the page's own unit, but its hidden frame asks for a zone's ad no visitor sees:
    # no helper of the stack does (verd32: `low` before)
    ("its unit in the page's own article", _page(_EXO_UNIT + _HIDDEN.format(_EXO_FRAME)),
     False, [M]),
]


@pytest.mark.parametrize(("what", "html", "in_post_body", "expected"), INJECTED_STACKS,
                         ids=[c[0] for c in INJECTED_STACKS])
def test_an_injected_networks_own_unit_makes_its_hidden_frame_no_stack(
        what: str, html: str, in_post_body: bool, expected: list[Severity],
        audit_html: AuditHtml) -> None:
    """A network is the page's own stack by tags where the page's own tags are: a unit
    in a post body, in an article the page copies, or after `</html>` was injected with
    the frame, and the frame stays medium."""
    report = audit_html(html, url="https://www.ledger.test/news/ferry",
                        in_post_body=in_post_body)
    assert [f.severity for f in report.findings if f.kind == "hidden-iframe"] == expected


def test_a_loader_whose_api_names_are_escapes_is_decoded(audit_html: AuditHtml) -> None:
    """javascript-obfuscator's string table (`["\\x61\\x74\\x6f\\x62", …]`) hides `atob`
    and `eval`; the base64 they are handed is the loader of an ad host the page names
    nowhere else: injected code, high."""
    loader = ("(function(){var s=document.createElement('script');"
              "s.src='https://a.magsrv.com/ad-provider.js';document.head.appendChild(s);})();")
    encoded = base64.b64encode(loader.encode()).decode()
    script = ('<script>var _0x3f1a=["\\x61\\x74\\x6f\\x62","\\x65\\x76\\x61\\x6c"];'
              f'window[_0x3f1a[1]](window[_0x3f1a[0]]("{encoded}"));</script>')
    report = audit_html(_page(script), url="https://www.ledger.test/news/ferry")
    (found,) = [f for f in report.findings if f.kind == "obfuscated-script"]
    assert found.severity is H
    assert "API names hidden in escapes (atob, eval)" in found.message
    assert "a.magsrv.com" in found.message


_LANGUAGE_REDIRECT = """<script>
(function () {
  var lang = (navigator.language || '').toLowerCase();
  if (lang.indexOf('de') === 0 && document.cookie.indexOf('lang_choice=') === -1) {
    window.location.href = 'https://www.bergwerk-outdoor.de/';
  }
})();
</script>"""
_HREFLANG = '<link rel="alternate" hreflang="de" href="https://www.bergwerk-outdoor.de/">'


# the hacked page's redirect of search visitors (hacked-wordpress.html)
_SEARCH_REDIRECT = """<script>
if (document.referrer.indexOf("google.") !== -1 || document.cookie.indexOf("seen") === -1) {
  window.location.href = "https://www.bergwerk-outdoor.de/";
}
</script>"""
# the same redirect, base64 handed to eval: a site's navigation is not encoded
_ENCODED_REDIRECT = ("<script>eval(atob('"
                     + base64.b64encode(_LANGUAGE_REDIRECT.split(">", 1)[1].rsplit("<", 1)[0]
                                        .encode()).decode() + "'));</script>")


@pytest.mark.parametrize(("head", "expected"), [
    (_HREFLANG + _LANGUAGE_REDIRECT, []),
    (_LANGUAGE_REDIRECT, [("redirect", H)]),
    (_HREFLANG + _ENCODED_REDIRECT, [("redirect", H), ("obfuscated-script", M)]),
    # an injection declares its target too: a test of where the visitor came from, or of
    # what browser they run, is cloaking whatever the page says the target is
    (_HREFLANG + _SEARCH_REDIRECT, [("redirect", H)]),
    (_HREFLANG + _SEARCH_REDIRECT.replace("document.referrer", "navigator.userAgent"),
     [("redirect", H)]),
    # and a language redirect tests the visitor's language: one that sends every visitor
    # away as the page loads is no language choice
    (_HREFLANG + "<script>window.location.href = 'https://www.bergwerk-outdoor.de/';</script>",
     [("redirect", H)]),
], ids=["declared twin", "undeclared site", "declared twin, encoded code",
        "declared twin, referrer test", "declared twin, user-agent test",
        "declared twin, unconditional"])
def test_a_language_redirect_to_a_declared_twin_is_navigation(
        head: str, expected: list[tuple[str, Severity]], audit_html: AuditHtml) -> None:
    """A shop sends German visitors who have not chosen a language to its German site,
    which its `hreflang` alternate declares its own: no cloaking. Without that
    declaration the cookie test is what cloaking looks like."""
    html = (f"<html><head><title>t</title>{head}</head><body><article>"
            f"{_ARTICLE}</article></body></html>")
    report = audit_html(html, url="https://www.bergwerk-outdoor.com/")
    assert [(f.kind, f.severity) for f in report.findings] == expected


_KIT_LANGUAGE_REDIRECT = ("<script>if ((navigator.language || '').indexOf('de') === 0) "
                          "{ window.location.href = 'https://bet-casino-x.example/'; }</script>")


_SWITCHER = ('<nav class="language-switcher"><a href="https://www.bergwerk-outdoor.com/">EN'
             '</a> <a href="https://www.alpenkluft.example/">DE</a></nav>')


@pytest.mark.parametrize(("head", "body", "expected"), [
    # one alternate naming another site, beside the redirect to it: a kit's line
    ('<link rel="alternate" hreflang="de" href="https://bet-casino-x.example/">'
     + _KIT_LANGUAGE_REDIRECT, "", [("redirect", M)]),
    # a whole set, listing the page beside the kit's landing page: lines in the head no
    # visitor sees, and no switcher links the landing page
    ('<link rel="alternate" hreflang="en" href="https://www.bergwerk-outdoor.com/">'
     '<link rel="alternate" hreflang="de" href="https://bet-casino-x.example/">'
     '<link rel="alternate" hreflang="x-default" href="https://www.bergwerk-outdoor.com/">'
     + _KIT_LANGUAGE_REDIRECT, "", [("redirect", M)]),
    # a group's versions under other names, each listing itself as Google asks, and its
    # language switcher linking them
    ('<link rel="alternate" hreflang="en" href="https://www.bergwerk-outdoor.com/">'
     '<link rel="alternate" hreflang="de" href="https://www.alpenkluft.example/">'
     + _KIT_LANGUAGE_REDIRECT.replace("bet-casino-x.example", "www.alpenkluft.example"),
     _SWITCHER, []),
    # Polylang's switcher as a drop-down: the twin an option's address, no link
    ('<link rel="alternate" hreflang="en" href="https://www.bergwerk-outdoor.com/">'
     '<link rel="alternate" hreflang="de" href="https://www.alpenkluft.example/">'
     + _KIT_LANGUAGE_REDIRECT.replace("bet-casino-x.example", "www.alpenkluft.example"),
     '<form><select name="lang_choice_1" id="lang_choice_1" class="pll-switcher-select">'
     '<option value="https://www.bergwerk-outdoor.com/" lang="en-GB" selected>English'
     '</option><option value="https://www.alpenkluft.example/" lang="de-DE">Deutsch</option>'
     "</select></form>", []),
    # the same drop-down hidden offers the twin to no visitor
    ('<link rel="alternate" hreflang="en" href="https://www.bergwerk-outdoor.com/">'
     '<link rel="alternate" hreflang="de" href="https://bet-casino-x.example/">'
     + _KIT_LANGUAGE_REDIRECT, '<select style="display:none"><option value="https://'
     'bet-casino-x.example/">DE</option></select>', [("redirect", M)]),
], ids=["an alternate of another name alone", "a set listing the page beside a kit's site",
        "a set listing the page's own site, its switcher linking the twin",
        "a set listing the page's own site, its drop-down switcher offering the twin",
        "a hidden drop-down offering a kit's site"])
def test_a_twin_is_declared_by_the_pages_name_or_a_set_listing_itself(
        head: str, body: str, expected: list[tuple[str, Severity]],
        audit_html: AuditHtml) -> None:
    """`<link rel="alternate" hreflang="de">` naming the kit's host excused its language
    redirect (no finding at all), and so did a whole set listing the page beside it: a
    twin bears the page's name, or the `<head>`'s set names the page's own site too and
    the page links the twin where a visitor sees it (its language switcher)."""
    html = (f"<html><head><title>t</title>{head}</head><body>{body}<article>"
            f"{_ARTICLE}</article></body></html>")
    report = audit_html(html, url="https://www.bergwerk-outdoor.com/")
    assert [(f.kind, f.severity) for f in report.findings] == expected


_WPML_SET = ('<link rel="alternate" hreflang="en" href="https://www.weingut-muster.com/touren/">\n'
             '<link rel="alternate" hreflang="de" href="https://www.weingut-muster.de/touren/">\n')
# WPML's browser redirect: the visitor's language, and a cookie remembering the choice
_WPML_REDIRECT = ("<script>if ((navigator.language || '').indexOf('de') === 0 && document."
                  "cookie.indexOf('wpml_browser_redirect_test') === -1) { window.location.href"
                  " = 'https://www.weingut-muster.de/touren/'; }</script>\n")


@pytest.mark.parametrize(("stray", "where", "expected"), [
    ("", "head", []),
    # an element of the body's printed in the head ends it for the parser (and a
    # browser): the set after it stands at the body's start, still the template's head
    ('<div id="fb-root"></div>\n', "head", []),
    ('<img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=1'
     '&ev=PageView&noscript=1"/>\n', "head", [("tracking-pixel", L)]),
    ('<iframe src="https://www.googletagmanager.com/ns.html?id=GTM-Q27XK1" height="0" '
     'width="0" style="display:none"></iframe>\n', "head", []),
    # the same set in the footer is no declaration, stray element or none
    ("", "footer", [("redirect", H)]),
    ('<div id="fb-root"></div>\n', "footer", [("redirect", H)]),
], ids=["in the head", "after a div in the head", "after a pixel's img in the head",
        "after GTM's frame in the head", "in the footer", "in the footer, a div in the head"])
def test_a_twin_set_after_a_stray_body_element_in_the_head_is_declared(
        stray: str, where: str, expected: list[tuple[str, Severity]],
        audit_html: AuditHtml) -> None:
    """A WPML site's language redirect read `high` (a cookie test) when a plugin printed a
    `<div>`, a pixel's `<img>` or GTM's frame in the head before its hreflang set: the
    parser ends the head there and the set stood in the body, where no twin was read."""
    head, footer = (_WPML_SET, "") if where == "head" else ("", _WPML_SET)
    html = (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Touren"
            f"</title>\n{stray}{head}{_WPML_REDIRECT}</head>\n<body><article>{_ARTICLE}"
            f"</article><footer>{footer}</footer></body></html>")
    report = audit_html(html, url="https://www.weingut-muster.com/touren/")
    assert [(f.kind, f.severity) for f in report.findings] == expected, [
        (f.kind, f.message) for f in report.findings]
