"""`dom.hiding`: the one test of whether an element is hidden from a reader, as the
editorial text count, the safelink reading and (inline only) the injection findings ask."""

from __future__ import annotations

import lxml.html
import pytest

from auditor.dom.hiding import hiding, inline_hiding, text_hiding
from auditor.metrics import editorial_content

# (an element's markup, what `hiding` says, what `inline_hiding` says)
CASES = [
    ('<div hidden>x</div>', "hidden attribute", "hidden attribute"),
    ('<div style="display: none">x</div>', "display:none", "display:none"),
    ('<div style="color:red;visibility:hidden">x</div>', "visibility:hidden/opacity:0",
     "visibility:hidden/opacity:0"),
    ('<div style="opacity:0">x</div>', "visibility:hidden/opacity:0",
     "visibility:hidden/opacity:0"),
    ('<div style="position:absolute;left:-9999px">x</div>', "positioned off-screen",
     "positioned off-screen"),
    ('<div style="height:0;overflow:hidden">x</div>', "collapsed to 0 with overflow:hidden",
     "collapsed to 0 with overflow:hidden"),
    ('<div style="font-size:0">x</div>', "font-size:0", "font-size:0"),
    ('<div style="font-size:0.0em">x</div>', "font-size:0", "font-size:0"),
    # a size under one unit is a size: 0.9375rem is 15 pixels
    ('<div style="font-size: 0.9375rem; line-height: 1.4;">x</div>', None, None),
    ('<div style="font-size:.8em">x</div>', None, None),
    # a declaration naming another property is none
    ('<div style="content-visibility:auto;overflow:hidden">x</div>', None, None),
    ('<div style="--menu-display:none">x</div>', None, None),
    # the frameworks' and themes' hiding classes: read by `hiding` only
    ('<span class="screen-reader-text">x</span>', "class screen-reader-text", None),
    ('<span class="visually-hidden-focusable">x</span>', "class visually-hidden-focusable",
     None),
    ('<div class="alert hide">x</div>', "class hide", None),
    ('<div class="panel is-hidden">x</div>', "class is-hidden", None),
    ('<div class="d-none d-print-block">x</div>', "class d-none", None),
    ('<div class="hidden">x</div>', "class hidden", None),
    # read as on a phone (mobile first): a desktop's rail, shown from `lg` on, is hidden
    ('<div class="col-lg-4 d-none d-lg-block">x</div>', "class d-none", None),
    ('<div class="hidden md:flex">x</div>', "class hidden", None),
    ('<div class="d-block d-lg-none">x</div>', None, None),
    ('<div class="hide-on-mobile">x</div>', None, None),
    ('<div class="hidden-gem">x</div>', None, None),
    # a popup, menu or modal a page's stylesheet keeps closed says so to screen readers
    ('<div class="pum-overlay" aria-hidden="true">x</div>', "aria-hidden", None),
    ('<div aria-hidden="false">x</div>', None, None),
]


@pytest.mark.parametrize(("markup", "shown", "inline"), CASES)
def test_hiding(markup: str, shown: str | None, inline: str | None) -> None:
    el = lxml.html.fragment_fromstring(markup)
    assert (hiding(el), inline_hiding(el)) == (shown, inline)


def test_editorial_text_leaves_out_what_hiding_hides() -> None:
    """The count of editorial text asks `hiding`: a closed newsletter message, an
    off-screen menu, a popup and a desktop-only rail are left out; small print is text."""
    shown = "The winter timetable starts on Monday."
    root = lxml.html.fromstring(
        f"<html><body><article><p>{shown}</p></article>"
        '<div class="col-lg-4 d-none d-lg-block"><p>Popular: Ferry fares rise</p></div>'
        '<div class="success-message hide">Thank you for subscribing to our newsletter.</div>'
        '<div style="margin-top:-190px">Albanian Shqip Amharic Arabic Bengali</div>'
        '<div class="pum-overlay" aria-hidden="true">Subscribe to the mailing list.</div>'
        '<p style="font-size: 0.875rem">Small print.</p></body></html>')
    content = editorial_content(root, set())
    assert content.chars == len(f"{shown} Small print.")


@pytest.mark.parametrize(("markup", "reason"), [
    ('<article style="opacity:0;transform:translate3d(0,40px,0)">x</article>', None),
    ('<main style="opacity: 0 !important">x</main>', None),
    ('<div style="font-size:0"><p style="font-size:16px">x</p></div>', None),
    ('<div style="font-size:0"><p>x</p></div>', "font-size:0"),  # no size set back
    # what else the style or the element says still hides it
    ('<div style="opacity:0;visibility:hidden">x</div>', "visibility:hidden/opacity:0"),
    ('<div style="opacity:0;position:absolute;left:-9999px">x</div>', "positioned off-screen"),
    ('<div class="sr-only" style="opacity:0">x</div>', "class sr-only"),
    ('<div style="font-size:0;height:0;overflow:hidden">x</div>',
     "collapsed to 0 with overflow:hidden"),
    ('<div style="display:none">x</div>', "display:none"),
])
def test_text_hiding_leaves_a_fade_in_and_a_rows_zero_font_shown(
        markup: str, reason: str | None) -> None:
    assert text_hiding(lxml.html.fragment_fromstring(markup)) == reason


def test_a_faded_in_article_and_a_zero_font_row_are_editorial_text() -> None:
    """Webflow's interactions and anti-flicker code set `opacity:0` inline and their
    scripts take it off as the page loads; a row of inline-block columns sets a zero font
    that its columns set back. Read as hidden, such an article had no editorial text (its
    ads' MFA ad-to-content row met on an ordinary page); a block kept shut stays out."""
    story = "The winter timetable starts on Monday."
    root = lxml.html.fromstring(
        f'<html><body><article data-w-id="a1" style="opacity:0"><p>{story}</p></article>'
        f'<div style="font-size:0"><div style="display:inline-block;font-size:16px">'
        f'<p>{story}</p></div></div>'
        '<div style="opacity:0;visibility:hidden">Thank you for subscribing.</div>'
        "</body></html>")
    assert editorial_content(root, set()).chars == len(f"{story} {story}")


@pytest.mark.parametrize("root", [
    '<body style="opacity:0">',  # a theme's fade-in, its script setting opacity 1
    '<body style="opacity: 0; transition: opacity .3s">',
    '<body style="visibility:hidden">',  # a flash-of-unstyled-content guard
])
def test_the_pages_body_hidden_until_its_script_shows_it_keeps_its_text(root: str) -> None:
    """A page whose `<body>` an inline style hides for a moment (a theme's fade-in, Adobe
    Target's anti-flicker) is read as shown: read as hidden, the whole article counted no
    editorial text, so an ad page met the MFA ad-density row on no words."""
    shown = "The winter timetable starts on Monday."
    page = lxml.html.fromstring(
        f"<html><head><title>t</title></head>{root}<article><p>{shown}</p></article>"
        '<div style="display:none"><p>Hidden teaser.</p></div>'
        "<script>document.body.style.opacity = 1</script></body></html>")
    assert hiding(page.body) is None
    assert inline_hiding(page.body) is not None  # what the injection findings read is kept
    assert editorial_content(page, set()).chars == len(shown)
