"""A publisher's own ad box, labelled: "REKLAMA", "Advertisement", "Anzeige" printed right
beside one banner (an image linked to another site or through the site's click counter, a
frame, a plugin object) is a placement, cited at the banner; unnamed unless its link goes
to a catalogued network. Not a placement: the word over a story, a list of links, a menu,
a form, the word in prose, a house promo to the site's own page, several banners under one
label, an AdChoices icon beside an "Ad" line, the markup quoted in a `<pre>`. Pages
written here after the forms real sites use (a Polish city portal's `div.ADinfo` over an
`a.linkwrap` round its banner frame, a blog's widget title over its sponsor's banner),
not copies."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from auditor.slots.markup import LABELLED_BANNER_RULE

_PAGE = """<html><head><title>t</title></head><body>
<div class="story"><p>The council met on Tuesday to discuss the new bridge.</p></div>
{box}
<p>More news below.</p>
</body></html>"""

# (markup of the box, the line of the banner it holds, the network naming it)
PLACEMENTS = [
    # the portal's click counter on its own host round a frame of its banner folder
    ("""<div id="banner-top" style="width:990px">
<div class="ADinfo">
REKLAMA
</div><a class="linkwrap" target="_blank" href="https://news.test/baner/2453">
<div class="iframe"></div>
<iframe id="baner-2453" scrolling="no" src="images/frames/2453/index.html" width="990"
 height="250"></iframe>
</a></div>""", 6, None),
    # a sidebar widget's title over its advertiser's banner, on another site
    ("""<aside class="widget">
<h3 class="widget-title">Advertisement</h3>
<a href="https://garden-centre.example/spring"><img src="/uploads/gc-300.jpg"
 width="300" height="250" alt="Spring sale"></a>
</aside>""", 5, None),
    # the word as the box's own text, a line break, then the banner in a wrapper of its own
    ("""<div class="box">Anzeige<br>
<div><a href="//autohaus.example/"><img src="/img/ah.gif" alt=""></a></div>
</div>""", 4, None),
    # a caption under the banner
    ("""<div class="pub">
<a href="https://tienda.example/"><img src="/b/tienda.png" width="728" height="90"></a>
<p class="pub-caption">Publicidad</p>
</div>""", 4, None),
    # a caption under the banner, the story's words after it
    ("""<div class="pub">
<a href="https://tienda.example/"><img src="/b/tienda.png" width="728" height="90"></a>
<p class="pub-caption">Publicidad</p>
<p>Sigue la noticia: el puente abrirá en mayo.</p>
</div>""", 4, None),
    # Russian, a frame unlinked
    ("""<div class="side">
<span>Реклама</span>
<iframe src="/partners/frame.html" width="240" height="400"></iframe>
</div>""", 5, None),
    # Korean, the link an ad network's click-through: that network's
    ("""<div class="ad-area"><em>광고</em>
<a href="https://ad.adriver.ru/cgi-bin/click.cgi?sid=1&amp;bt=2"><img src="/a.jpg"></a>
</div>""", 4, "AdRiver"),
    # a content vendor's link is an advertiser's all the same (its frame a player)
    ("""<div class="side"><span>Advertisement</span>
<a href="https://www.amazon.com/dp/B0C1X2Y3Z4?tag=harbourblog-20"><img src="/i/kettle.jpg"></a>
</div>""", 4, None),
    # a look-alike of that network's host: another site's banner, no network's
    ("""<div class="ad-area"><small>Sponsored</small>
<a href="https://ad.adriver.ru.evil.example/click?x=1"><img src="/b.jpg"></a>
</div>""", 4, None),
]


@pytest.mark.parametrize(("box", "line", "network"), PLACEMENTS)
def test_a_labelled_box_holding_one_banner_is_a_placement(
        project_engine: Engine, catalogue: Catalogue, box: str, line: int,
        network: str | None) -> None:
    (page,) = audit(_PAGE.format(box=box).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    found = [(s.line, s.network) for s in page.slots if s.rule == LABELLED_BANNER_RULE]
    assert found == [(line, network)]


NOT_PLACEMENTS = {
    "story": """<div class="ad-free"><p>Advertisement</p>
<p>The mayor said the bridge would open in May, two months late.</p></div>""",
    "list": """<div class="box"><h4>Anzeige</h4>
<ul><li><a href="https://a.example/">A</a></li><li><a href="https://b.example/">B</a></li></ul>
</div>""",
    "menu": """<ul class="menu"><li><a href="/page/reklama.html">Реклама</a></li>
<li><a href="https://vk.example/club1"><img src="/i/vk.png"></a></li></ul>""",
    "menu-link": """<div class="footer"><a href="/ads">Ads</a>
<a href="https://social.example/news"><img src="/i/social.png"></a></div>""",
    "form": """<div class="box"><h4>Advertisement</h4>
<form action="/subscribe"><input name="email"><button>Join</button></form></div>""",
    "prose": """<div class="story"><p>The advertisement ran in 1990 and won a prize.</p>
<a href="https://archive.example/ad1990"><img src="/i/ad1990.jpg"></a></div>""",
    "house-promo": """<div class="box"><div class="ADinfo">REKLAMA</div>
<a href="/newsletter.html"><img src="/i/newsletter.png" width="300" height="100"></a></div>""",
    "house-promo-whole": """<div class="box"><div class="ADinfo">REKLAMA</div>
<a href="https://www.news.test/subscribe"><img src="/i/sub.png"></a></div>""",
    "several": """<div class="box"><div class="ADinfo">REKLAMA</div>
<a href="https://one.example/"><img src="/i/1.png"></a>
<a href="https://two.example/"><img src="/i/2.png"></a></div>""",
    "several-wrapped": """<div class="box"><p>Sponsored</p>
<div><a href="https://one.example/"><img src="/i/1.png"></a></div>
<div><a href="https://two.example/"><img src="/i/2.png"></a></div></div>""",
    "icon": """<div class="native"><span>Ad</span>
<a href="https://choices.example/"><img src="/i/ac.png" width="15" height="15"></a></div>""",
    "text-link": """<div class="box"><h4>Advertisement</h4>
<a href="https://shop.example/"><img src="/i/s.png"> Visit the shop</a></div>""",
    "unlinked-image": """<div class="box"><h4>Advertisement</h4>
<img src="/i/print-ad-1960.jpg" width="400" height="300"></div>""",
    # a link or frame of a vendor of content, social pages or counters is no advertiser's
    # banner: an embedded video, a post's photo, a footer column's social banner, a counter
    # (named as an ad placement of the counter's vendor)
    "video-embed": """<div class="body"><h3>Advertisement</h3>
<iframe src="https://www.youtube.com/embed/aBcDeFgHiJk" width="560" height="315"></iframe></div>""",
    "post-photo": """<div class="body"><p>Advertisement</p>
<div class="photo"><a href="https://www.instagram.com/p/Cx1yZ2aBcDe/"><img src="/ig.jpg"
 width="640" height="640"></a></div>
<p>The mayor posted the photo on Tuesday.</p></div>""",
    "social-footer": """<div class="footer-col"><div class="footer-title">Реклама</div>
<a href="https://vk.com/club123456"><img src="/i/vk-group.png"></a></div>""",
    "counter": """<div class="footer-col"><div class="footer-title">Реклама</div>
<a href="https://www.liveinternet.ru/click" target="_blank"><img
 src="https://counter.yadro.ru/hit?t44.6;r" alt="" title="LiveInternet"></a></div>""",
    # a sponsor's credit over its logo (a section's or an event's sponsorship, as the
    # corpus's labels read them: sponsor links, no ad slot)
    "sponsor-credit": """<div class="sponsor-box"><p>Sponsored by:</p>
<a href="https://harbour-bank.example/"><img src="/logos/bank.png" width="200" height="80"></a>
</div>""",
    "sponsor-credit-text": """<div class="sponsor-box">Brought to you by
<div class="logo"><a href="https://harbour-bank.example/"><img src="/logos/bank.png"></a></div>
</div>""",
    # a gallery's thumbnail linked to its picture's full size (a lightbox) on a photo CDN
    "gallery-picture": """<div class="gallery"><p>Anzeige</p>
<a href="https://photos.cdn.example/2026/05/bridge-full.JPG?w=1600" data-lightbox="g"><img
 src="/thumbs/bridge.jpg"></a></div>""",
    "pre": """<pre>&lt;div class="ADinfo"&gt;REKLAMA&lt;/div&gt;
&lt;a href="https://shop.example/"&gt;&lt;img src="/b.png"&gt;&lt;/a&gt;</pre>""",
}


@pytest.mark.parametrize("box", NOT_PLACEMENTS.values(), ids=NOT_PLACEMENTS.keys())
def test_what_is_no_labelled_banner(project_engine: Engine, catalogue: Catalogue,
                                    box: str) -> None:
    (page,) = audit(_PAGE.format(box=box).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [s.line for s in page.slots] == []


def test_labels_over_banners_one_after_another_are_each_a_placement(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A column of labelled boxes, each label right over its own banner: one placement
    each (the label after the first banner is the second's, no caption under the first)."""
    html = """<html><head><title>t</title></head><body><div class="col">
<div class="ADinfo">REKLAMA</div>
<a href="https://one.example/"><img src="/i/1.png"></a>
<div class="ADinfo">REKLAMA</div>
<a href="https://two.example/"><img src="/i/2.png"></a>
</div></body></html>"""
    (page,) = audit(html.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    assert [(s.line, s.rule) for s in page.slots] == [(3, LABELLED_BANNER_RULE),
                                                      (5, LABELLED_BANNER_RULE)]


BEFORE_A_UNITS_LABEL = {
    "photo-before-unit's-label": """<div class="body"><figure class="wp-block-image">
<a href="https://images.agency.example/detail/1"><img src="/p.jpg" width="800" height="450"></a>
</figure>
<div class="ad-label">Advertisement</div>
<div id="inline-ad-1" class="ad-slot"></div></div>""",
    "embed-before-unit's-label": """<div class="body">
<iframe src="https://media.example/embed/clip-9" width="560" height="315"></iframe>
<p class="ad-label">ADVERTISEMENT</p>
<script>googletag.cmd.push(function () { googletag.display("inline-2"); });</script></div>""",
    "photo-before-label-and-empty-box": """<div class="body">
<a href="https://photos.example/set/9"><img src="/p.jpg"></a>
<span>Anzeige</span><div class="clear"></div></div>""",
}


@pytest.mark.parametrize("box", BEFORE_A_UNITS_LABEL.values(), ids=BEFORE_A_UNITS_LABEL.keys())
def test_a_label_heading_the_box_after_it_is_no_caption_of_what_stands_before(
        project_engine: Engine, catalogue: Catalogue, box: str) -> None:
    """A story's off-site photo or embed, then "Advertisement" over the box its ad code
    fills (the box, the code, or an empty box after it): the label is that unit's, no
    caption under the photo; a caption is the box's last line, or words follow it."""
    (page,) = audit(_PAGE.format(box=box).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [s.line for s in page.slots if s.rule == LABELLED_BANNER_RULE] == []
