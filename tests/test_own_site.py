"""A page audited with no address, that declares none: its own links and assets name its
site (`auditor.dom.own_site`), so its own scripts and redirects are not another site's,
while a site it only links to (an injector's spam) is never taken for it.

The pages (tests/fixtures/pages/own-site/) are ours, after the real forms: a Chinese CMS's
article with its WeChat redirect at the head's top, a scraper's copy hotlinking the
original's images with an injected loader, and a club's page whose hidden spam links
outnumber its navigation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.catalogue import Catalogue
from auditor.dom.own_site import NOTE, inferred_site
from auditor.dom.page import parse_page
from auditor.dom.walk import page_base, walk
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

PAGES = Path(__file__).parent / "fixtures" / "pages" / "own-site"


def _audit(markup: str, engine: Engine, catalogue: Catalogue,
           url: str | None = None) -> PageReport:
    (page,) = audit(markup.encode(), url=url, engine=engine, catalogue=catalogue).pages
    return page


def _page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def _flagged(page: PageReport) -> list[tuple[str, str, int]]:
    return [(f.severity.value, f.kind, f.line) for f in page.findings
            if f.severity.value != "low"]


def test_a_cms_pages_own_redirect_is_no_finding(project_engine: Engine,
                                                catalogue: Catalogue) -> None:
    """The WeChat redirect to share.dongfang.test at the head's top is the site's own
    (gmw.cn's form): with no URL the page's links and assets name dongfang.test."""
    page = _audit(_page("cms-wechat-redirect.html"), project_engine, catalogue)
    assert page.url is None and page.first_party == "dongfang.test"
    assert page.notes == (NOTE.format(site="dongfang.test"),)
    assert _flagged(page) == []
    # its address given: nothing inferred, nothing said of it, the same verdict
    given = _audit(_page("cms-wechat-redirect.html"), project_engine, catalogue,
                   url="http://opinion.dongfang.test/2018-10/10/content_1.htm")
    assert given.first_party == "dongfang.test" and given.notes == ()
    assert _flagged(given) == []


def test_too_few_signals_infer_nothing(project_engine: Engine, catalogue: Catalogue) -> None:
    """Three links to the site are too few to name it: the page is audited as before,
    its redirect another site's to the tool."""
    markup = _page("cms-wechat-redirect.html")
    for sub in ("finance", "culture", "tech", "opinion"):
        markup = markup.replace(f"http://{sub}.dongfang.test/", f"/{sub}/")
    page = _audit(markup, project_engine, catalogue)
    assert page.first_party is None and page.notes == ()
    assert ("high", "redirect", 4) in _flagged(page)


def test_a_scraper_copy_is_the_originals_and_its_injection_still_shows(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A copy whose links and images are the original's: the original's edition script,
    written at the head's top, is its own; the loader from a third host is flagged."""
    page = _audit(_page("scraper-copy.html"), project_engine, catalogue)
    assert page.first_party == "harbourgazette.test"
    assert page.notes == (NOTE.format(site="harbourgazette.test"),)
    flagged = [(f.kind, f.evidence) for f in page.findings if f.severity.value != "low"]
    assert [kind for kind, _ in flagged] == ["appended-script"]
    assert "cdn.pushfeed.test" in flagged[0][1]


def test_spam_links_do_not_name_the_site(project_engine: Engine,
                                         catalogue: Catalogue) -> None:
    """Twelve hidden links to a casino outnumber the club's five: a site the page only
    links to, serving none of its stylesheets, images or forms, is not taken for the page's
    own, and the casino's loader at the head's top is still flagged."""
    page = _audit(_page("spam-links.html"), project_engine, catalogue)
    assert page.first_party is None and page.notes == ()
    flagged = [f for f in page.findings if f.kind == "appended-script"]
    assert flagged and "cdn.luckyspin.test" in flagged[0].evidence


@pytest.mark.parametrize("assets", [
    '<img src="https://www.luckyspin.test/b1.gif"><img src="https://www.luckyspin.test/b2.gif">',
    '<link rel="stylesheet" href="https://cdn.luckyspin.test/s.css">',
])
def test_hidden_spam_links_with_the_spam_sites_assets_do_not_name_it(
        assets: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """The injector adds two images or a stylesheet from its own site beside its hidden
    links: links no visitor sees are no site's navigation, so the casino is still not the
    page's site and its loader at the head's top is still flagged."""
    markup = _page("spam-links.html")
    box = '<div style="position:absolute;left:-9999px">'
    by_class = markup.replace(box, '<style>.lk9{display:none}</style><div class="lk9">')
    for page_markup, at in ((markup, '<meta charset="utf-8">'), (markup, box),
                            (by_class, '<div class="lk9">')):  # hidden by the kit's rule
        page = _audit(page_markup.replace(at, at + assets), project_engine, catalogue)
        assert page.first_party is None and page.notes == ()
        flagged = [f for f in page.findings if f.kind == "appended-script"]
        assert flagged and "cdn.luckyspin.test" in flagged[0].evidence


NAV = "".join(f'<a href="https://{s}.own.test/">{s}</a>'
              for s in ("www", "news", "sport", "life", "travel"))
SHEET = '<link rel="stylesheet" href="https://static.own.test/site.css">'
IMAGE = '<img src="https://img.own.test/{n}.jpg" alt="">'


@pytest.mark.parametrize(("head", "body", "site"), [
    (SHEET, NAV, "own.test"),  # five links and a stylesheet
    (SHEET, NAV.replace('href="https://www.own.test/"', 'href="/"'), None),  # four: too few
    ("", NAV, None),  # links alone, however many
    ("", NAV * 3, None),
    ("", NAV + IMAGE.format(n=1), None),  # one image is no site's design
    ("", NAV + IMAGE.format(n=1) + IMAGE.format(n=2), "own.test"),
    (SHEET, NAV + '<a href="https://a.other.test/">a</a>' * 3, None),  # under twice the next
    (SHEET, NAV + "".join(f'<a href="https://o{n}.test/">o</a>' for n in range(6)),
     None),  # under half the page's links
    (SHEET + '<base href="https://www.own.test/news/">',  # relative links a <base> resolves
     "".join(f'<a href="p{n}.html">p</a>' for n in range(5)), "own.test"),
    (SHEET, "".join(f'<a href="p{n}.html">p</a>' for n in range(5)), None),  # unresolved
    (SHEET + '<base href="https://www.own.test/">',  # links to no page, a <base> or not
     '<a href="javascript:void(0)">x</a><a href="mailto:a@own.test">m</a>' * 3, None),
    (SHEET, f'<div style="display:none">{NAV}</div>', None),  # hidden links: none seen
    (SHEET, f'<div hidden><p>{NAV}</p></div>', None),
    (SHEET, f'<noscript>{NAV}</noscript>', "own.test"),  # a no-script fallback: its own
    (SHEET, f'<div style="left:-5000px;position:absolute">{NAV}</div>', None),
    (SHEET + '</head><body style="opacity:0">', NAV, "own.test"),  # a theme's fade-in
    (SHEET + "<style>.k1{display:none}</style>", f'<p class="k1">{NAV}</p>', None),
    (SHEET + "<style>#k2{visibility:hidden}</style>", f'<p id="k2">{NAV}</p>', None),
    (SHEET + "<style>.k1{display:none} .open .k1{display:block}</style>",  # a menu opened
     f'<p class="k1">{NAV}</p>', "own.test"),
])
def test_inferred_site(head: str, body: str, site: str | None) -> None:
    markup = f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    page = parse_page(markup)
    base = page_base(page.tagged("base"), None)
    found = list(walk(page.root, base, page))
    assert inferred_site(page.tagged("a"), found, base, page.tagged("style")) == site
