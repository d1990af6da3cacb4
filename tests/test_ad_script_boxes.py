"""A box holding an ad's script tag and nothing a visitor reads is that ad's placement: the
`document.write` era's in-place tag (`<div class="sidebar-box"><script src="…/feed.js">`),
its script one an ad list blocks. Not a privacy list's (a tracker shows no ad), not a box
with text or links beside the tag, not a footer's scripts of several vendors, not a loader
in the head. Pages written here after that form, with lists written here (an ad network
and a counter no catalogue names), not copies."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from auditor.rules.engine import ListText
from auditor.slots import AD_FRAME_RULE, AD_REPLACED_RULE, AD_SCRIPT_RULE, AD_SIZED_SCRIPT_RULE


@pytest.fixture(scope="module")
def lists() -> Engine:
    return Engine.from_lists([
        ListText("easylist", "<easylist>", "||feedads.test^$third-party\n"
                 "||infolinks.com^$third-party\n||kontera.com/javascript/lib/KonaLibInline.js\n"
                 "||skimresources.com^$script,third-party\n||popads.net^\n"
                 "/plugins/adrotate/*$script\n/cgi-bin/ads/*\n"
                 "||dt00.net^$third-party\n||googletagservices.com^\n"
                 "||googlesyndication.com/pagead/\n||amazon-adsystem.com^\n"
                 "||tynt.com^\n||lijit.com^$third-party\n"),
        ListText("easyprivacy", "<easyprivacy>", "||hitcount.test^$third-party\n"),
    ], use_cache=False)


PAGE = """<html><head><title>t</title>{head}</head><body><p>Story text about the town.</p>
{body}
<p>More of the story.</p></body></html>"""


@pytest.mark.parametrize(("body", "xpath"), [
    # the vendor's one tag in a sidebar box of its own
    ('<div class="sidebar-box"><script language="javascript" '
     'src="http://cache.feedads.test/347510057/feed.js"></script></div>',
     "/html/body/div"),
    # its globals, its style sheet and its fallback beside it in a table cell
    ('<table><tr><td><link rel="stylesheet" href="http://cache.feedads.test/347/feed.css">'
     '<script><!--\n fa_site = "townnews"; fa_size = "120x600";\n//--></script>\n'
     '<script src="http://cache.feedads.test/tags/townnews/ros/tags.js"></script>\n'
     '<noscript><a href="http://cache.feedads.test/click"><img '
     'src="http://cache.feedads.test/img.gif"></a></noscript><br></td></tr></table>',
     "/html/body/table/tr/td"),
    # an inline script writing the tag where it stands
    ('<center><script>document.write(\'<scr\'+\'ipt src="http://js.feedads.test/w/'
     'townnews.925.js"></scr\'+\'ipt>\');</script></center>',
     "/html/body/center"),
])
def test_a_box_holding_only_an_ad_script_is_a_placement(
        lists: Engine, catalogue: Catalogue, body: str, xpath: str) -> None:
    (page,) = audit(PAGE.format(head="", body=body).encode(), url="http://town.test/a",
                    engine=lists, catalogue=catalogue).pages
    assert [(s.xpath, s.list) for s in page.slots] == [(xpath, "easylist")]
    assert page.slots[0].rule.startswith(AD_SCRIPT_RULE)


@pytest.mark.parametrize(("head", "body"), [
    # a counter a privacy list blocks: a tracker, no ad
    ("", '<div class="stats"><script src="http://www.hitcount.test/c.js?id=7"></script></div>'),
    # no list blocks it: a site's own widget
    ("", '<div class="poll"><script src="http://widgets.town.test/poll.js"></script></div>'),
    # the tag is one part of a box the visitor reads (a heading, a link)
    ("", '<div class="widget"><h3>Sponsors</h3>'
         '<script src="http://cache.feedads.test/347/feed.js"></script></div>'),
    ("", '<center><a href="/subscribe">Subscribe</a>'
         '<script src="http://cache.feedads.test/347/feed.js"></script></center>'),
    # a footer holding several vendors' scripts: where a theme puts them, no placement
    ("", '<div id="site-scripts"><script src="http://www.hitcount.test/c.js"></script>'
         '<script src="http://cache.feedads.test/pop/1665.js"></script></div>'),
    # a loader that runs later, or one an inline script appends to the head, fills units
    # elsewhere
    ("", '<div id="ads-loader"><script async src="http://cache.feedads.test/lib.js"></script>'
         '</div>'),
    # a module script is deferred as `defer` is: it runs once the page is read
    ("", '<div><script type="module" src="http://cache.feedads.test/m/lib.js"></script></div>'),
    ("", '<div><script>(function () { var s = document.createElement("script"); '
         's.src = "http://cache.feedads.test/lib.js"; '
         'document.head.appendChild(s); })();</script></div>'),
    # the vendor's loader in the head places nothing
    ('<script src="http://cache.feedads.test/lib.js"></script>', ""),
    # revC42: nor does a `<noscript>` of the head, an ad's script in it, or one under the old
    # tag it replaced (`ad_replaced_boxes`)
    ('<noscript><script src="http://cache.feedads.test/347/feed.js"></script></noscript>', ""),
    ('<noscript><!-- <script src="https://cpro.baidustatic.com/cpro/ui/c.js"></script> -->'
     '<script src="//adx.town.test/r/k3j9q.js?x=ab"></script></noscript>', ""),
    # rev45d: a tag that does not run as the page is read: held by a consent manager
    # (Cookiebot's `type="text/plain"`, which it runs after the page, when a write is void),
    # of a template's or a data block's type, or in a `<template>` a script clones later
    ("", '<div class="sidebar-box"><script type="text/plain" data-cookieconsent="marketing" '
         'src="http://cache.feedads.test/347510057/feed.js"></script></div>'),
    ("", '<div class="sidebar-box"><script type="text/x-template" '
         'src="http://cache.feedads.test/347510057/feed.js"></script></div>'),
    ("", '<div class="sidebar-box"><template><script '
         'src="http://cache.feedads.test/347510057/feed.js"></script></template></div>'),
])
def test_other_script_boxes_are_no_placement(
        lists: Engine, catalogue: Catalogue, head: str, body: str) -> None:
    (page,) = audit(PAGE.format(head=head, body=body).encode(), url="http://town.test/a",
                    engine=lists, catalogue=catalogue).pages
    assert page.slots == ()


@pytest.mark.parametrize("body", [
    # in-text ads (the catalogue's `in-text` format): the article's words become its links,
    # wherever the tag stands (a WordPress text widget holding Infolinks' code)
    ('<div class="textwidget"><script type="text/javascript">var infolinks_pid = 12345; '
     'var infolinks_wsid = 0;</script><script type="text/javascript" '
     'src="http://resources.infolinks.com/js/infolinks_main.js"></script></div>'),
    ('<div><script type="text/javascript">var dc_AdLinkColor = "blue"; '
     'var dc_PublisherID = 12345;</script><script type="text/javascript" '
     'src="http://kona.kontera.com/javascript/lib/KonaLibInline.js"></script></div>'),
    # a link rewriter: the page's own links become its affiliate links
    '<div><script src="http://s.skimresources.com/js/12345X678.skimlinks.js"></script></div>',
    # a pop-under network's tag (the catalogue's `popunder` format): a window, no placement
    '<div><script type="text/javascript" src="http://www.popads.net/pop.js"></script></div>',
    # an ad vendor's tool (the catalogue's `tool` format), no ad: Tynt's copy tracking
    # (33Across), Lijit's search widget (Sovrn)
    ('<div id="footer-tracer"><script type="text/javascript" src="http://tcr.tynt.com/'
     'javascripts/Tracer.js?user=dV4tLyDaSr37WadbiUzgI&s=73"></script></div>'),
    ('<div class="widget-search"><script type="text/javascript" src="http://www.lijit.com/'
     'informers/wijits?uri=http%3A%2F%2Fwww.lijit.com%2Fusers%2Ftownnews&js=1"></script></div>'),
])
def test_a_tag_of_a_format_shown_elsewhere_is_no_placement(
        lists: Engine, catalogue: Catalogue, body: str) -> None:
    (page,) = audit(PAGE.format(head="", body=body).encode(), url="http://town.test/a",
                    engine=lists, catalogue=catalogue).pages
    assert page.slots == ()


def test_the_sites_own_scripts_in_one_box_are_no_one_vendors_tag(
        lists: Engine, catalogue: Catalogue) -> None:
    """Scripts of the page's own site are its theme's and plugins', several vendors' code: a
    box of them (a theme's footer scripts, one an ad plugin's library a list blocks) is no
    placement; the site's own ad tag, one script alone in its box, still is."""
    scripts = ('<div id="footer-scripts">'
               '<script src="http://town.test/wp-includes/js/jquery/jquery.js?ver=1.4.2"></script>'
               '<script src="http://town.test/wp-content/plugins/adrotate/library/'
               'jquery.adrotate.dyngroup.js?ver=3.6"></script>'
               '<script src="http://town.test/wp-content/themes/town/js/site.js"></script></div>')
    tag = '<div><script src="http://town.test/cgi-bin/ads/show.cgi?zone=side"></script></div>'
    (page,) = audit(PAGE.format(head="", body=scripts + tag).encode(), url="http://town.test/a",
                    engine=lists, catalogue=catalogue).pages
    assert [s.xpath for s in page.slots] == ["/html/body/div[2]"]


@pytest.mark.parametrize(("body", "xpath"), [
    # MarketGid's widget box, its script in a box of the theme's after it: the script fills
    # the widget's box
    ('<div id="MarketGid4410"><center><a href="http://us.marketgid.com/" rel="nofollow">'
     'Loading...</a></center></div>\n<div class="mg-script"><script type="text/javascript">'
     'var MarketGidDate = new Date();\ndocument.write(\'<scr\'+\'ipt type="text/javascript" '
     'src="http://mg.dt00.net/js/t/o/town.test.4410.js?t=\'+MarketGidDate.getYear()+\'">'
     '</scr\'+\'ipt>\');</script></div>', "/html/body/div[1]"),
    # GPT loaded as the page is read (its synchronous mode) in a box: it fills the unit's div
    ('<div><script src="http://www.googletagservices.com/tag/js/gpt.js"></script></div>'
     '<div id="div-gpt-ad-1234567890-0" style="width:300px;height:250px"><script>'
     'googletag.cmd.push(function() { googletag.display("div-gpt-ad-1234567890-0"); });'
     '</script></div>', "/html/body/div[2]"),
])
def test_a_script_filling_its_networks_unit_elsewhere_is_no_second_placement(
        lists: Engine, catalogue: Catalogue, body: str, xpath: str) -> None:
    (page,) = audit(PAGE.format(head="", body=body).encode(), url="http://town.test/a",
                    engine=lists, catalogue=catalogue).pages
    assert [s.xpath for s in page.slots] == [xpath]


@pytest.mark.parametrize("body", [
    # AdSense's page-level loader pasted without `async` into a text widget (Auto ads: it
    # places units where it chooses)
    ('<div class="textwidget"><script src="http://pagead2.googlesyndication.com/pagead/js/'
     'adsbygoogle.js"></script></div>'),
    # the same loader written as the page is read
    ('<div><script>document.write(\'<scr\' + \'ipt src="http://pagead2.googlesyndication.'
     'com/pagead/js/adsbygoogle.js"></scr\' + \'ipt>\');</script></div>'),
])
def test_a_networks_page_loader_is_no_placement(
        lists: Engine, catalogue: Catalogue, body: str) -> None:
    """A network's loader the catalogue tells from its unit loaders (in `loaders`, not in
    `unit_loaders`) fills its units wherever they stand, not the box it stands in."""
    (page,) = audit(PAGE.format(head="", body=body).encode(), url="http://town.test/a",
                    engine=lists, catalogue=catalogue).pages
    assert page.slots == ()


def test_a_per_unit_tag_a_network_lists_among_its_loaders_is_still_a_placement(
        lists: Engine, catalogue: Catalogue) -> None:
    """Amazon's native shopping ad: its globals, then onejs, once per unit, which shows the
    unit where it stands; the catalogue names no unit loader of Amazon's."""
    body = ('<div class="textwidget"><script type="text/javascript">\n'
            'amzn_assoc_placement = "adunit0";\namzn_assoc_tracking_id = "townnews-20";\n'
            'amzn_assoc_ad_mode = "search";\namzn_assoc_ad_type = "smart";\n'
            'amzn_assoc_marketplace = "amazon";\namzn_assoc_region = "US";\n</script>\n'
            '<script src="//z-na.amazon-adsystem.com/widgets/onejs?MarketPlace=US"></script></div>')
    (page,) = audit(PAGE.format(head="", body=body).encode(), url="http://town.test/a",
                    engine=lists, catalogue=catalogue).pages
    assert [s.xpath for s in page.slots] == ["/html/body/div"]


def test_an_ad_vendors_tool_still_names_the_vendor(
        lists: Engine, catalogue: Catalogue) -> None:
    """Tynt's tag places no ad but is 33Across': the vendor is still the page's; Sovrn's
    own ad tag (its catalogue slot) still is a placement."""
    body = ('<div><script src="http://tcr.tynt.com/javascripts/Tracer.js?user=dV4tLyDaSr37Wadb'
            'iUzgI&s=73"></script></div><div class="ad"><script src="http://ap.lijit.com/www/'
            'delivery/fp?z=123456&u=townnews"></script></div>')
    (page,) = audit(PAGE.format(head="", body=body).encode(), url="http://town.test/a",
                    engine=lists, catalogue=catalogue).pages
    assert [(s.xpath, s.network) for s in page.slots] == [("/html/body/div[2]/script", "Sovrn")]
    assert {"33Across", "Sovrn"} <= {n.network for n in page.networks}


# blind42c (fix42c): a box moved off an ad network keeps the old tag commented out right
# before the script that took its place, here the site's own ad proxy under random names
_OLD_UNION = ('<!-- <script type="text/javascript">var cpro_id = "u1234567";</script>\n'
              '<script src="https://cpro.baidustatic.com/cpro/ui/c.js"></script> -->')
_OLD_ADSENSE = ('<!-- <script type="text/javascript">google_ad_client = "ca-pub-1234567890123456";'
                '\ngoogle_ad_slot = "1234567890";</script>\n<script type="text/javascript" '
                'src="//pagead2.googlesyndication.com/pagead/show_ads.js"></script> -->')
_NEW_TAG = '<script type="text/javascript" src="//adx.town.test/r/k3j9q.js?x=ab"></script>'


@pytest.mark.parametrize("body", [
    # the old Baidu Union unit under a size note, the new script under it
    f'<div class="side-box">\n<!-- right rail 300x250 -->\n{_OLD_UNION}\n{_NEW_TAG}\n</div>',
    # the old AdSense unit, the new tag written where it stands
    (f'<div class="foot-box">{_OLD_ADSENSE}<!-- 2017/2/28 switched to https -->\n'
     '<script>document.write(\'<script src="//adx.town.test/common/e9w.js?q=go" type="text/'
     'javascript"><\\/script>\');</script></div>'),
    # the old tag's lines commented out in the script the comment keeps
    ('<div class="side-box"><!-- <script type="text/javascript">\n// var cpro_id = "u1234567";\n'
     '// document.write(\'<script src="https://cpro.baidustatic.com/cpro/ui/c.js"><\\/script>\');'
     f'\n</script> -->\n{_NEW_TAG}</div>'),
    # two units of the box moved, each script under the tag it replaced: one box
    (f'<div class="side-box">{_OLD_UNION}{_NEW_TAG}{_OLD_ADSENSE}'
     '<script src="//adx.town.test/r/p2x.js?y=cd"></script></div>'),
])
def test_a_script_beside_the_ad_tag_it_replaced_is_a_placement(
        lists: Engine, catalogue: Catalogue, body: str) -> None:
    (page,) = audit(PAGE.format(head="", body=body).encode(), url="http://www.town.test/a",
                    engine=lists, catalogue=catalogue).pages
    assert [(s.xpath, s.network, s.rule) for s in page.slots] == [
        ("/html/body/div", None, AD_REPLACED_RULE)]


@pytest.mark.parametrize("body", [
    # the tag kept commented out is a counter's, not an ad's
    ('<div class="side-box"><!-- <script src="https://hm.baidu.com/hm.js?0123456789abcdef0123'
     f'456789abcdef"></script> -->{_NEW_TAG}</div>'),
    # a pop-under network's: a window, no box
    f'<div><!-- <script src="http://www.popads.net/pop.js"></script> -->{_NEW_TAG}</div>',
    # a look-alike host
    ('<div><!-- <script src="https://cpro.baidustatic.com.evil.test/cpro/ui/c.js"></script> -->'
     f'{_NEW_TAG}</div>'),
    # the ad network named in a note, no tag kept
    f'<div><!-- moved off cpro.baidustatic.com/cpro/ui/c.js in May -->{_NEW_TAG}</div>',
    # a conditional comment is live code for old browsers, nothing replaced
    ('<div><!--[if lt IE 9]><script src="https://cpro.baidustatic.com/cpro/ui/c.js"></script>'
     f'<![endif]-->{_NEW_TAG}</div>'),
    # the old tag after the script, not before it
    f'<div>{_NEW_TAG}{_OLD_UNION}</div>',
    # the box holds a link the visitor reads besides
    f'<div>{_OLD_UNION}<a href="/more">More stories</a>{_NEW_TAG}</div>',
    # the new script runs later (async): it fills nothing where it stands
    f'<div>{_OLD_UNION}<script async src="//adx.town.test/r/k3j9q.js"></script></div>',
    # the new script is a known vendor's of another kind (a counter)
    (f'<div>{_OLD_UNION}<script src="https://hm.baidu.com/hm.js?0123456789abcdef0123456789abc'
     'def"></script></div>'),
    # the old tag shown in prose, escaped: no comment
    ('<pre>&lt;!-- &lt;script src="https://cpro.baidustatic.com/cpro/ui/c.js"&gt;&lt;/script&gt;'
     f' --&gt;</pre><div>{_NEW_TAG}</div>'),
    # revC42: a footer box of the site's own scripts, the old tag kept above one of them
    (f'<div id="footer-js">{_OLD_UNION}\n<script src="/js/jquery.min.js"></script>\n'
     '<script src="/js/app.js"></script>\n<script src="/js/menu.js"></script></div>'),
    (f'<div id="footer-js"><script src="/js/app.js"></script>{_OLD_ADSENSE}\n'
     '<script src="/js/menu.js"></script></div>'),
    # the site's own copy of a library every theme loads, under the old tag
    (f'<div class="scripts">{_OLD_ADSENSE}'
     '<script src="/static/js/jquery-3.7.1.min.js"></script></div>'),
])
def test_other_scripts_beside_comments_are_no_placement(
        lists: Engine, catalogue: Catalogue, body: str) -> None:
    (page,) = audit(PAGE.format(head="", body=body).encode(), url="http://www.town.test/a",
                    engine=lists, catalogue=catalogue).pages
    assert [s.rule for s in page.slots if s.rule == AD_REPLACED_RULE] == []


# An ad server no catalogue names, whose host or path an ad list blocks: its banner tag
# standing in the body where a visitor reads other things beside it (a results table under
# it, a header's logo and links), as a script asking for the banner's size or as a frame
# of a banner's size, is a placement where it stands; a tracker, a loader that runs later,
# a tag in the head, a tag naming no size, the site's own widget and a video are not.
@pytest.fixture(scope="module")
def ad_server_lists() -> Engine:
    return Engine.from_lists([
        ListText("easylist", "<easylist>", "||bannerhub.test^$third-party\n/adserve/*$script\n"),
        ListText("easyprivacy", "<easyprivacy>", "||visitcount.test^$third-party\n"),
    ], use_cache=False)


_RESULTS = "<table><tr><th>Name</th><th>Size</th></tr><tr><td>a.txt</td><td>3 KB</td></tr></table>"


def _listed(engine: Engine, catalogue: Catalogue, body: str, head: str = "") -> list[str]:
    (page,) = audit(PAGE.format(head=head, body=body).encode(), url="http://www.town.test/a",
                    engine=engine, catalogue=catalogue).pages
    return [s.xpath.rsplit("/", 1)[-1] for s in page.slots
            if s.rule.startswith((AD_SIZED_SCRIPT_RULE, AD_FRAME_RULE))]


@pytest.mark.parametrize(("body", "tag"), [
    # a script asking an ad server's path for a banner of a size, a table under it
    ('<div id="main"><!-- search ad -->\n<script src="http://ads.other.test/adServe/banners?'
     f'tid=TOWN728_2&amp;size=728x90" type="text/javascript"></script>\n{_RESULTS}</div>',
     "script"),
    # a script of a listed host naming the size in its path, in a footer with links
    ('<div id="foot"><script src="http://www.bannerhub.test/show/banner_468x60.js"></script>'
     '<p><a href="/about">About</a> | <a href="/rss">RSS</a></p></div>', "script"),
    # a listed host's frame of a banner's size beside the header's logo
    ('<div id="header"><div class="top"><iframe src="//cdn2.bannerhub.test/zone/top.html" '
     'width="468" height="60" frameborder="0" scrolling="no"></iframe></div>'
     '<a href="/"><img src="/logo.gif" alt="Town"></a></div>', "iframe"),
])
def test_a_listed_ad_servers_banner_tag_is_a_placement_where_it_stands(
        ad_server_lists: Engine, catalogue: Catalogue, body: str, tag: str) -> None:
    assert _listed(ad_server_lists, catalogue, body) == [tag]


@pytest.mark.parametrize(("head", "body"), [
    # an analytics tag naming the screen's size (a privacy list's)
    ("", '<div id="main"><script src="http://www.visitcount.test/c.js?res=1280x1024"></script>'
     f'{_RESULTS}</div>'),
    # the ad server's loader that runs later fills units elsewhere
    ("", '<div id="main"><script async src="http://ads.other.test/adServe/banners?tid=T_2&amp;'
     f'size=728x90"></script>{_RESULTS}</div>'),
    # its tag in the head shows nothing there
    ('<script src="http://ads.other.test/adServe/banners?tid=T_2&amp;size=728x90"></script>',
     f"<div>{_RESULTS}</div>"),
    # a listed script naming no size (a loader), beside the page's text
    ("", f'<div id="main"><script src="http://www.bannerhub.test/show/lib.js"></script>{_RESULTS}'
     "</div>"),
    # a look-alike host, not listed
    ("", '<div id="foot"><script src="http://www.notbannerhub.test/show/banner_468x60.js">'
     '</script><p><a href="/about">About</a></p></div>'),
    # the site's own widget frame, a video's frame, and a listed host's frame of a pixel
    ("", '<div class="side"><iframe src="//widgets.town.test/poll.html" width="300" '
     'height="250"></iframe><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" '
     'width="560" height="315"></iframe><iframe src="//sync.bannerhub.test/px.html" width="1" '
     'height="1"></iframe><p>Poll of the week.</p></div>'),
    # a tracker's frame of a banner's size (a privacy list's)
    ("", '<div><iframe src="//www.visitcount.test/frame.html" width="300" height="250">'
     "</iframe><p>Text.</p></div>"),
    # the tag shown as text in a code sample
    ("", '<pre>&lt;script src="http://ads.other.test/adServe/banners?tid=T_2&amp;amp;'
     'size=728x90"&gt;&lt;/script&gt;</pre>'),
    # rev45d: a tag that does not run where it stands: held by a consent manager until the
    # page is read (a write then is void), of a template's or a data block's type, or in a
    # `<template>` a script clones later
    ("", '<div id="main"><script type="text/plain" data-cookieconsent="marketing" src="http://'
     f'ads.other.test/adServe/banners?tid=T_2&amp;size=728x90"></script>{_RESULTS}</div>'),
    ("", '<div id="main"><script type="text/plain" class="optanon-category-C0004" src="http://'
     f'www.bannerhub.test/show/banner_468x60.js"></script>{_RESULTS}</div>'),
    ("", '<div id="main"><script type="text/template" src="http://ads.other.test/adServe/'
     f'banners?tid=T_2&amp;size=728x90"></script>{_RESULTS}</div>'),
    ("", '<div id="main"><template><script src="http://ads.other.test/adServe/banners?tid=T_2'
     f'&amp;size=728x90"></script><p>Sponsored</p></template>{_RESULTS}</div>'),
])
def test_other_tags_beside_the_pages_text_are_no_placement(
        ad_server_lists: Engine, catalogue: Catalogue, head: str, body: str) -> None:
    assert _listed(ad_server_lists, catalogue, body, head) == []
