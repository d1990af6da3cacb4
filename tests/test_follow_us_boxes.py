"""The site's own follow-us links in a box a generic rule's class hides (`##.row-ad` round
its Twitter and Facebook links) are no placement; a hidden box whose links go anywhere
else, or that holds a frame or script, stays the slot it was."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear, audit_seconds

RULES = "##.row-ad\n##.ad300\n"


@pytest.fixture(scope="module")
def box_engine() -> Engine:
    return Engine.from_text(RULES, name="test-rules")


def _page(box: str) -> bytes:
    return ("<!DOCTYPE html><html><head><title>Pier</title>"
            "<script src='/static/site.js'></script></head><body><article><h1>Pier reopens</h1>"
            "<p>The pier reopened on Saturday after a winter of repairs to its deck.</p>"
            f"</article>{box}</body></html>").encode()


@pytest.mark.parametrize(("box", "slots"), [
    # the site's follow-us box: social profiles, its own feed, a heading, icons in the links
    ("<div class='row row-ad'><div class='follow'><a href='https://twitter.com/pier'>Twitter"
     "</a> <a href='https://www.facebook.com/pier'>Facebook</a></div></div>", 0),
    ("<div class='ad ad300'><h3>Follow Us</h3><h4><a href='https://twitter.com/pier'>Twitter"
     "</a> / <a href='https://pier.example/feed'>RSS</a></h4></div>", 0),
    ("<div class='row-ad'><a href='https://www.instagram.com/pier/'><img src='/i/ig.svg' "
     "alt='Instagram'></a><a href='/feed'><img src='/i/rss.svg' alt='RSS'></a></div>", 0),
    # an ad: a link off the site to an advertiser, a frame, a script, an image outside links
    ("<div class='row-ad'><a href='https://twitter.com/pier'>Twitter</a>"
     "<a href='https://shop.example/sale'>Winter sale</a></div>", 1),
    ("<div class='row-ad'><a href='https://twitter.com/pier'>Twitter</a>"
     "<iframe src='/frame.html'></iframe></div>", 1),
    ("<div class='row-ad'><a href='https://twitter.com/pier'>Twitter</a>"
     "<script>fill(document.currentScript.parentNode)</script></div>", 1),
    ("<div class='row-ad'><img src='/banner.png' alt=''>"
     "<a href='https://twitter.com/pier'>Twitter</a></div>", 1),
    # only the site's own links: a house ad, no follow box
    ("<div class='row-ad'><a href='/podcasts'><img src='/podcast.png' alt=''></a></div>", 1),
    # a social link in a box of other words: more than a heading
    ("<div class='row-ad'><p>Sponsored: the spring ferry timetable has been published with "
     "new evening sailings</p><a href='https://twitter.com/pier'>Twitter</a></div>", 1),
    # a share widget and a newsletter form beside the follow links: the site's own, no ad
    ("<div class='row-ad'><a href='https://www.facebook.com/sharer/sharer.php?u=https://"
     "pier.example/a'>Share</a> <a href='https://twitter.com/intent/tweet?url=x'>Tweet</a>"
     "</div>", 0),
    ("<div class='ad300'><h3>Follow us</h3><a href='https://twitter.com/pier'>Twitter</a>"
     "<form action='/subscribe'><input type='email' id='mce-EMAIL' name='EMAIL'>"
     "<button id='mc-go'>Sign up</button></form></div>", 0),
    # the ad a raw save has not loaded yet: an empty box its script fills, beside the heading
    ("<div class='ad300'><h3>Follow us</h3><a href='https://twitter.com/pier'>Twitter</a>"
     "<div id='side-ad' data-ad-unit='/1234/pier/side'></div></div>", 1),
    ("<div class='ad300'><h3>Follow us</h3><a href='https://twitter.com/pier'>Twitter</a>"
     "<div class='lazy-frame' data-src='https://ads.example/serve?z=1'></div></div>", 1),
    ("<div class='ad300'><h3>Follow us</h3><a href='https://twitter.com/pier'>Twitter</a>"
     "<div class='slot' data-ad-unit='/1234/pier/side'><span>Advertisement</span></div></div>",
     1),
    ("<div class='ad300'><h3>Follow us</h3><a href='https://twitter.com/pier'>Twitter</a>"
     "<broadstreet-zone zone-id='12345'></broadstreet-zone></div>", 1),
    # a banner in a social network's link, or a link through its redirector: an ad's
    ("<div class='ad300'><a href='https://www.facebook.com/shoebrand'><img src='/b.jpg' "
     "width='300' height='250'></a></div>", 1),
    ("<div class='ad300'><a href='https://www.instagram.com/shoebrand/' style='display:block;"
     "width:300px;height:250px;background:url(/b.jpg)'></a></div>", 1),
    ("<div class='ad300'><a href='https://t.co/AbC123'><img src='/b.jpg'></a></div>", 1),
    # a link off the site however its scheme is written: upper case, a javascript: opener
    ("<div class='ad300'><a href='https://twitter.com/pier'>Twitter</a>"
     "<a href='HTTPS://shop.example/sale'>Winter sale</a></div>", 1),
    ("<div class='ad300'><a href='https://twitter.com/pier'>Twitter</a><a href=\"javascript:"
     "window.open('https://shop.example/sale')\">Winter sale</a></div>", 1),
], ids=["social links", "heading and feed", "icons", "advertiser link", "frame", "script",
        "image outside links", "own links only", "words", "share widget", "newsletter",
        "unloaded ad box", "lazy frame box", "labelled unit box", "custom element",
        "banner in a social link",
        "banner-sized link", "redirector", "upper-case scheme", "javascript opener"])
def test_a_follow_us_box_is_no_slot(box_engine: Engine, catalogue: Catalogue, box: str,
                                    slots: int) -> None:
    (page,) = audit(_page(box), url="https://pier.example/a", engine=box_engine,
                    catalogue=catalogue).pages
    assert len(page.slots) == slots


def test_follow_boxes_scale_linearly() -> None:
    """Each hidden box reads a bounded number of its elements, however large it is."""
    def seconds(n: int) -> float:
        links = "".join(f"<a href='https://twitter.com/u{i}'>t{i}</a>" for i in range(n))
        boxes = "".join(f"<div class='row-ad'><a href='https://twitter.com/p{i}'>T</a></div>"
                        for i in range(n))
        return audit_seconds(f"<html><body><div class='row-ad'>{links}</div>{boxes}"
                             "</body></html>", RULES)

    assert_linear(seconds, 1000, "follow-us boxes")


_TOOLBOX = ("<div class='addthis_toolbox addthis_default_style'>"
            "<a class='addthis_button_facebook'></a><a class='addthis_button_twitter'></a>"
            "<a class='addthis_button_email'></a><a class='addthis_button_compact'></a></div>"
            "<script src='https://s7.addthis.com/js/300/addthis_widget.js"
            "#pubid=ra-4f0c7ed813520dc2'></script>")


@pytest.mark.parametrize(("box", "slots"), [
    # the share bar over the article a site's own rule hides: AddThis's toolbox and loader,
    # the comment count beside them
    ("<div class='article-tools'><a href='#comments'><span class='comment-count'>0</span>"
     f"</a>{_TOOLBOX}</div>", 0),
    ("<div class='article-tools'><div class='sharethis-inline-share-buttons'></div>"
     "<script src='https://platform-api.sharethis.com/js/sharethis.js"
     "#property=5c3f8b2a1e8d1a0011a1b2c3&product=inline-share-buttons'></script></div>", 0),
    # the bar also holds an ad: a frame, or an ad network's tag beside the share tool
    (f"<div class='article-tools'>{_TOOLBOX}<iframe src='https://ads.example/serve?z=1'"
     " width='300' height='250'></iframe></div>", 1),
    (f"<div class='article-tools'>{_TOOLBOX}<script async src='https://pagead2."
     "googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-1234567890123456'>"
     "</script></div>", 1),
], ids=["addthis bar", "sharethis bar", "bar with a frame", "bar with an ad tag"])
def test_a_share_tool_bar_a_site_rule_hides_is_no_slot(catalogue: Catalogue, box: str,
                                                       slots: int) -> None:
    engine = Engine.from_text("pier.example##.article-tools", name="test-rules")
    (page,) = audit(_page(box), url="https://pier.example/a", engine=engine,
                    catalogue=catalogue).pages
    assert len(page.slots) == slots


# a site's rule against its sponsors' links through its own redirector, by their address
# (`a[href*=".php"]`, `a[href^="/out/"]`); the same rule naming a class says ad by its words
ADDRESS_RULES = ('pier.example##a[href*=".php"]\npier.example##a[href^="/out/"]\n'
                 "pier.example##a.sponsor-link\n")


@pytest.mark.parametrize(("box", "slots"), [
    # the site's own menu links of the rule's shape: a path, its own host, an icon font
    ("<ul class='menu'><li><a href='/random.php' class='menu_item'><i class='fa fa-random'>"
     "</i>RANDOM</a></li><li><a href='/today/'>TRENDING</a></li></ul>", 0),
    ("<p><a href='https://www.pier.example/archive.php?y=2018'>Archive</a></p>", 0),
    ("<p><a href='out/timetable.php'>Timetable</a></p>", 0),
    # a sponsor's banner through the redirector: its image, or the size it declares
    ("<p><a href='/out/?id=856'><img src='/b/ferry.gif' width='468' height='60' alt=''></a></p>",
     1),
    ("<p><a href='/go.php?id=856' style='display:block;width:300px;height:250px'>Ferries</a>"
     "</p>", 1),
    # a link off the site, or a rule naming the link's class: an ad by its words
    ("<p><a href='https://sponsor.example/landing.php?ref=pier'>Cheap ferries</a></p>", 1),
    ("<p><a class='sponsor-link' href='/sponsors/ferries'>Cheap ferries</a></p>", 1),
    # a look-alike host of the site's: off the site
    ("<p><a href='https://pier.example.evil.net/x.php'>Cheap ferries</a></p>", 1),
], ids=["menu path", "own host", "relative path", "banner image", "sized link",
        "off the site", "class rule", "look-alike host"])
def test_a_sites_own_text_link_a_rule_hides_by_its_address_is_no_slot(
        catalogue: Catalogue, box: str, slots: int) -> None:
    """efukt's `a[href*=".php"]` (EasyList's rule for tube sites' sponsor redirectors) hid
    its menu's `/random.php`: two false slots."""
    engine = Engine.from_text(ADDRESS_RULES, name="test-rules")
    (page,) = audit(_page(box), url="https://pier.example/a", engine=engine,
                    catalogue=catalogue).pages
    assert len(page.slots) == slots


def test_own_links_hidden_by_address_scale_linearly() -> None:
    """Each hidden link reads a bounded number of its elements, however many there are and
    however much each holds."""
    def seconds(n: int) -> float:
        links = "".join(f"<li><a href='/p{i}.php'><i></i>item {i}</a></li>" for i in range(n))
        deep = "<a href='/deep.php'>" + "<span>" * n + "x" + "</span>" * n + "</a>"
        return audit_seconds(f"<html><body><ul>{links}</ul>{deep}</body></html>",
                             '##a[href*=".php"]\n')

    assert_linear(seconds, 1000, "own links hidden by address")
