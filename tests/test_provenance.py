"""Provenance (what a page republishes, from whom) and copied versus operator IDs.

Specification tables: small pages written here, each with the sources it must name (or
none); the two seeds with the originals they copy; the 110 real pages of the corpus,
none of which republishes another site's article (legitimate publishers crediting a
wire, citing a study or offering a share link are not copies).
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from auditor import urls
from auditor.catalogue import Catalogue
from auditor.dom.page import parse_page
from auditor.heuristics.text_blocks import segment
from auditor.metrics import article_bodies
from auditor.model import Evidence, Origin, PageReport, Severity
from auditor.pipeline import audit
from auditor.provenance import EVIDENCE_KINDS, Weight, credits, markup_sources, origin, text_sources
from auditor.provenance.evidence import Clue, group
from auditor.provenance.markup import _origin
from auditor.rules import Engine
from auditor.urls import host_of, registrable_domain

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
URL = "https://www.rivertimes.test/2026/06/harbour-bridge/"
PROSE = (
    "<p>The harbour bridge reopened to traffic on Monday morning after eleven weeks of "
    "repairs to its steel deck, the city's transport department said in a statement.</p>"
    "<p>Engineers replaced more than four hundred corroded plates and repainted the main "
    "span, work that inspectors had called urgent in their report last winter.</p>"
)


UPLOADS = "https://www.harbourgazette.co.uk/wp-content/uploads/2026/05/"  # another site's media


def article(end: str = "", start: str = "", middle: str = "", head: str = "",
            after: str = "") -> bytes:
    """A news page: `start`/`middle`/`end` inside the article body, `after` outside it."""
    return (
        f"<!doctype html><html><head><title>Harbour bridge reopens</title>{head}</head>"
        f"<body><header><a href='/'>River Times</a></header><main><article>"
        f"<div class='entry-content'>{start}{PROSE}{middle}{PROSE}{end}</div>"
        f"</article>{after}</main><footer><p>© River Times</p></footer></body></html>"
    ).encode()


def sources(report: PageReport) -> dict[str, list[str]]:
    return {p.domain: [e.kind for e in p.evidence] for p in report.provenance}


def audited(data: bytes, engine: Engine, catalogue: Catalogue, url: str = URL) -> PageReport:
    return audit(data, url=url, engine=engine, catalogue=catalogue).pages[0]


NAMED = [
    ("a scraper's Source link closing the post",
     article(end='<p><a href="https://www.bbc.co.uk/news/articles/x1?at_medium=RSS">'
                 "Source link </a></p>"),
     {"bbc.co.uk": ["source-link"]}),
    ("an Original source link opening it",
     article(start='<p>🔗 <a href="https://news.herald.test/a/1">Original source</a></p>'),
     {"herald.test": ["source-link"]}),
    ("originally appeared on",
     article(end='<p class="note">This post originally appeared on '
                 '<a href="https://grist.test/energy/dip/">Grist</a>.</p>'),
     {"grist.test": ["source-link"]}),
    ("zuerst erschienen bei",
     article(end="<p>Dieser Artikel ist zuerst erschienen bei "
                 '<a href="https://www.zeitung.test/politik/x">Die Zeitung</a>.</p>'),
     {"zeitung.test": ["source-link"]}),
    ("Read more at, as RSS aggregators write it, with the article's images from the site",
     article(start='<p><img src="https://cdn.herald.test/p/bridge.jpg" alt=""></p>',
             end='<p><a href="https://www.herald.test/n/7">Read more at The Herald</a></p>'),
     {"herald.test": ["source-label", "hotlinked-images"]}),
    ("a feed footer: the post appeared first on",
     article(end='<p>The post <a href="https://blog.makers.test/2026/05/solder/">Building '
                 'a solder station</a> appeared first on <a href="https://blog.makers.test/">'
                 "Makers</a>.</p>"),
     {"makers.test": ["appeared-first"]}),
    ("a Source: label corroborated by the article's images from the same site",
     article(start='<p><img src="https://cdn.herald.test/p/bridge.jpg" alt=""></p>',
             end='<p>Source: <a href="https://www.herald.test/n/7">The Herald</a></p>'),
     {"herald.test": ["source-label", "hotlinked-images"]}),
    # a copy fetched from the AMP cache keeps the cache's address of each image
    # (`/i/s/<host>/…`): the source's own file, not the AMP Project's
    ("a Source: label, the article's images as the AMP cache serves them",
     article(start='<p><img src="https://www-harbourgazette-co-uk.cdn.ampproject.org/i/s/'
                   'www.harbourgazette.co.uk/wp-content/uploads/2026/05/bridge.jpg" alt=""></p>',
             end='<p>Source: <a href="https://www.harbourgazette.co.uk/news/2026/05/03/'
                 'bridge-reopens/">Harbour Gazette</a></p>'),
     {"harbourgazette.co.uk": ["source-label", "hotlinked-images"]}),
    ("a label inside an inline wrapper, with more of the line after it",
     article(start='<p><img src="https://cdn.herald.test/p/bridge.jpg" alt=""></p>',
             end='<ul><li><span>Quelle: <a href="https://www.herald.test/n/7">Herald</a>'
                 "</span> <a href='/print'>Drucken</a></li></ul>"),
     {"herald.test": ["source-label", "hotlinked-images"]}),
    ("a link inside an inline wrapper, after its label",
     article(start='<p><img src="https://cdn.herald.test/p/bridge.jpg" alt=""></p>',
             end='<p>Source: <em><a href="https://www.herald.test/n/7">Herald</a></em></p>'),
     {"herald.test": ["source-label", "hotlinked-images"]}),
    ("a Source link in bold",
     article(end='<p><strong><a href="https://www.herald.test/n/7">Source link</a></strong>'
                 "</p>"),
     {"herald.test": ["source-link"]}),
    ("a canonical link to an article elsewhere",
     article(head='<link rel="canonical" href="https://www.herald.co.uk/n/7">'),
     {"herald.co.uk": ["canonical"]}),
    ("schema.org isBasedOn",
     article(head='<script type="application/ld+json">{"@type": "NewsArticle", '
                  '"isBasedOn": {"@id": "https://www.herald.test/n/7"}}</script>'),
     {"herald.test": ["is-based-on"]}),
    ("a scheme in capitals",
     article(end='<p><a href="HTTPS://www.herald.test/n/7">Source link</a></p>'),
     {"herald.test": ["source-link"]}),
    ("the second of two off-site links in one line",
     article(end='<p>Photo <a href="https://www.flickr.com/p/1">via Flickr</a> · '
                 '<a href="https://www.herald.test/n/7">Source link</a></p>'),
     {"herald.test": ["source-link"]}),
    # Yoast SEO's feed footer as each locale's WordPress feed writes it (an aggregator
    # copies it into the post with the rest of the item)
    *((f"a feed footer in {lang}",
       article(end=f'<p>{lead} <a rel="nofollow" href="https://www.{site}/a/ponte/">Ponte</a> '
                   f'{verb} <a rel="nofollow" href="https://www.{site}">Site</a>.</p>'),
       {site: ["appeared-first"]})
      for lang, lead, verb, site in (
          ("German", "Der Beitrag", "erschien zuerst auf", "stadtanzeiger.de"),
          ("French", "L’article", "est apparu en premier sur", "courrierdulac.fr"),
          ("Spanish", "La entrada", "se publicó primero en", "diariodelvalle.es"),
          ("Italian", "L'articolo", "sembra essere il primo su", "gazzettaporto.it"),
          ("Portuguese", "O post", "apareceu primeiro em", "jornaldoporto.com.br"),
          ("Dutch", "Het bericht", "verscheen eerst op", "havenkrant.nl"))),
    # Japanese puts the site before the verb ("投稿 <post> は <site> に最初に表示されました。",
    # as Japanese blogs' feeds carry it); a title of two kanji, no kana, is a title too
    *((f"a feed footer in Japanese, titled {title}",
       article(end=f'<p>投稿 <a rel="nofollow" href="https://www.minato-shimbun.jp/news/1207">'
                   f'{title}</a> は <a rel="nofollow" href="https://www.minato-shimbun.jp">'
                   "みなと新聞</a> に最初に表示されました。</p>"),
       {"minato-shimbun.jp": ["appeared-first"]})
      for title in ("速報", "港大橋、11週間ぶりに通行再開")),
    # "originally published on" as scrapers and cross-posters write it in other languages
    *((f"originally published, in {lang}",
       article(end=f'<p><em>{lead} <a href="https://www.herald.test/n/7">Herald</a>.</em></p>'),
       {"herald.test": ["source-link"]})
      for lang, lead in (("Portuguese", "Artigo publicado originalmente em"),
                         ("Italian", "Articolo pubblicato originariamente su"),
                         ("Dutch", "Dit artikel verscheen oorspronkelijk op"),
                         ("Russian", "Статья впервые опубликована на"),
                         ("French", "Article initialement publié sur"))),
    # a bare "Source:" label in other languages, confirmed by the article's images
    *((f"a {label} label with the article's images from the same site",
       article(start='<p><img src="https://cdn.herald.test/p/bridge.jpg" alt=""></p>',
               end=f'<p>{label} <a href="https://www.herald.test/n/7">herald.test</a></p>'),
       {"herald.test": ["source-label", "hotlinked-images"]})
      for label in ("Источник:", "Źródło:", "来源：", "Kaynak:", "Bron:")),
    ("an AMP copy: its amp-img from the source's uploads, with the Source link",
     article(start='<amp-img src="https://www.herald.test/wp-content/uploads/2026/05/b.jpg" '
                   'width="1024" height="683" layout="responsive"></amp-img>',
             end='<br><a href="https://www.herald.test/n/7">Source link</a>'),
     {"herald.test": ["source-link", "hotlinked-images"]}),
    ("a source named twice: both kinds of evidence, one provenance",
     article(head='<link rel="canonical" href="https://www.herald.co.uk/n/7">',
             end='<p><a href="https://www.herald.co.uk/n/7">Source link</a></p>'),
     {"herald.co.uk": ["source-link", "canonical"]}),
]

NOT_NAMED = [
    ("a wire credited in text", article(end="<p>Source: dpa</p>")),
    ("via Reuters, linked, closing the article",
     article(end='<p>(via <a href="https://www.reuters.com/world/bridge-x">Reuters</a>)</p>')),
    ("a Source: label alone: a wire or a study, not a copy",
     article(end='<p>Quelle: <a href="https://www.golem.test/0706/52902.html">Golem</a></p>')),
    ("'via' inside a sentence is no label, even beside images from the same site",
     article(start='<p><img src="https://cdn.herald.test/p/bridge.jpg" alt=""></p>',
             end='<p>Submit your letter to the editor via <a '
                 'href="https://www.herald.test/letters">this form</a>.</p>')),
    ("a cited study in the middle of the article",
     article(middle='<p>According to <a href="https://journal.test/s/1">the original '
                    "source</a> the deck was at risk.</p>")),
    # a label right under its picture credits the photo or chart, as blogs do under each
    # borrowed image (Japanese 出典, Korean 출처), not the article: no corroboration
    *((f"a {label} label crediting the picture above it ({shape})", article(
        start=markup.format(img='<img src="https://www.herald.test/press/p1.jpg" '
                                'width="640" height="427" alt="">',
                            label=f'{label} <a href="https://www.herald.test/press/1">Herald</a>')))
      for label in ("出典：", "출처:", "Source:", "Quelle:")
      for shape, markup in (("in its line", "<p>{img}<br>{label}</p>"),
                            ("in the next block", "<p>{img}</p><p>{label}</p>"),
                            ("a caption's paragraph", '<div class="wp-caption">{img}'
                                                      '<p class="wp-caption-text">{label}</p>'
                                                      "</div>"))),
    # a localised footer's words as a news sentence, with one link: Yoast's footer links
    # the post and the site, two links to one site
    *((f"a sentence worded like the {lang} feed footer", article(end=f"<p>{sentence}</p>"))
      for lang, sentence in (
          ("German", "Der Beitrag des Bürgermeisters erschien zuerst auf <a href="
                     '"https://www.facebook.com/stadt.musterhausen/posts/1234567890">'
                     "Facebook</a>."),
          ("Spanish", "La entrada del alcalde se publicó primero en <a href="
                      '"https://www.instagram.com/p/C1a2b3c4d5e/">Instagram</a>.'),
          ("English", "The post by the mayor appeared first on <a href="
                      '"https://www.facebook.com/townofx/posts/987654321">Facebook</a>.'),
          ("Japanese", "投稿 市長の声明 は <a href="
                       '"https://www.facebook.com/townofx/posts/987654321">Facebook</a> '
                       "に最初に表示されました。"))),
    *((f"a bare {label} label alone", article(
        end=f'<p>{label} <a href="https://www.herald.test/n/7">herald.test</a></p>'))
      for label in ("Источник:", "来源：")),
    ("a localised feed footer in the middle of the article",
     article(middle='<p>Der Beitrag <a href="https://www.herald.test/n/7">Brücke</a> erschien '
                    'zuerst auf <a href="https://www.herald.test">Herald</a>.</p>')),
    # a spun copy's kept media look like a roundup's thumbnails and a press release's
    # press images: another site's og:image and uploads alone name no source
    *((f"another site's og:image and article images: {what}", article(
        head=f'<meta property="og:image" content="{UPLOADS}bridge.jpg">',
        start=f'<p>{open_}<img src="{UPLOADS}bridge-300x200.jpg" alt="">{close}</p>',
        middle=f'<p>{open_}<img src="{UPLOADS}quay-300x200.jpg" alt="">{close}</p>'))
      for what, open_, close in (
          ("a spun copy", "", ""),
          ("a roundup's thumbnails",
           '<a href="https://www.harbourgazette.co.uk/news/2026/05/x/">', "</a>"))),
    # prov31's question, whether kept images make a spun copy a `medium`: a copy keeping
    # the source's full-size files under their own names, og:image too, has the shape
    # of a trade site's press release or a review showing the maker's own uploads (both
    # hotlinked as the maker's media kit says), so the images alone stay no source
    *((f"another site's full-size uploads and og:image: {what}", article(
        head=f'<meta property="og:image" content="{uploads}{files[0]}">',
        start=f'<figure class="wp-block-image"><img src="{uploads}{files[0]}" alt=""></figure>',
        middle="".join(f'<figure class="wp-block-image"><img src="{uploads}{f}" alt="">'
                       "</figure>" for f in files[1:])))
      for what, uploads, files in (
          ("a spun copy keeping the source's file names", UPLOADS,
           ("harbour-bridge-reopens.jpg", "bridge-deck-plates.jpg", "bridge-span-paint.jpg")),
          ("a press release with the maker's media-kit images",
           "https://www.quayforge-marine.com/wp-content/uploads/2026/05/",
           ("qf-400-dredger.jpg", "qf-400-bridge-deck.jpg", "qf-400-launch.jpg")))),
    # a blog's closing "Source:" credits the photo service its picture comes from
    *((f"Source: {name}, under a picture from it", article(
        start=f'<p><img src="{img}" alt=""></p>',
        end=f'<p>Source: <a href="{link}">{name}</a></p>'))
      for name, img, link in (
          ("Wikimedia Commons", "https://upload.wikimedia.org/wikipedia/commons/3/3f/Bridge.jpg",
           "https://commons.wikimedia.org/wiki/File:Bridge.jpg"),
          ("Unsplash", "https://images.unsplash.com/photo-1500000000000-abc?w=1200",
           "https://unsplash.com/photos/harbour-bridge-AbC123xYz"),
          ("Imgur", "https://i.imgur.com/Ab3dE9x.jpeg", "https://imgur.com/gallery/bridge-Ab3dE9x"))),
    ("a Source link between two runs of prose",
     article(middle='<p><a href="https://www.herald.test/n/7">Source link</a></p>')),
    ("a photo credit in a caption",
     article(end='<figure><img src="/p.jpg" alt=""><figcaption><a '
                 'href="https://photos.test/x/1">Original source</a></figcaption></figure>')),
    ("a share link", article(end='<p><a href="https://twitter.com/intent/tweet?url=x&amp;'
                                 'via=rivertimes">Share via X</a></p>')),
    ("an attribution outside the article body",
     article(after='<aside><p><a href="https://www.herald.test/n/7">Source link</a></p></aside>')),
    ("a Read more at link on the page's own site",
     article(end=f'<p><a href="{URL}more">Read more at River Times</a></p>')),
    ("og:url elsewhere, alone",
     article(head='<meta property="og:url" content="https://www.heraldnews.co.uk/n/7">')),
    ("a JSON-LD citation, alone",
     article(head='<script type="application/ld+json">{"@type": "NewsArticle", '
                  '"citation": "https://journal.test/s/1"}</script>')),
    ("a canonical to a site's home page",
     article(head='<link rel="canonical" href="https://www.herald.test/">')),
    ("a code link: View source",
     article(end='<p><a href="https://github.com/acme/tool">View source</a></p>')),
    ("a study: Primary source",
     article(end='<p><a href="https://www.nature.com/articles/s41586">Primary source</a></p>')),
    ("a roundup: Read more at <publication>",
     article(end='<p>Read more at <a href="https://www.nytimes.com/2024/01/01/x.html">The New '
                 "York Times</a></p>")),
    *((f"a canonical to {where}", article(head=f'<link rel="canonical" href="{href}">'))
      for where, href in (
          ("a platform's staging host", "https://myblog.wpenginepowered.com/2026/06/x/"),
          ("a staging host, same path", "https://staging.rivertimes.kinsta.cloud/2026/06/"
                                        "harbour-bridge/"),
          ("an IP address", "http://203.0.113.5/2026/06/harbour-bridge/"),
          ("localhost", "http://localhost:8080/2026/06/harbour-bridge/"),
          ("a host under no public suffix", "https://rivertimes.local/a/1"),
          ("a mirror of the page, same path and query",
           "https://www.rivertimes.com/2026/06/harbour-bridge/"))),
    ("images from another site, alone",
     article(start='<p><img src="https://cdn.herald.test/p/bridge.jpg" alt=""></p>')),
]


@pytest.mark.parametrize(("why", "page", "expected"), NAMED, ids=[n[0] for n in NAMED])
def test_a_page_names_its_source(why: str, page: bytes, expected: dict[str, list[str]],
                                 project_engine: Engine, catalogue: Catalogue) -> None:
    assert sources(audited(page, project_engine, catalogue)) == expected, why


@pytest.mark.parametrize(("why", "page"), NOT_NAMED, ids=[n[0] for n in NOT_NAMED])
def test_a_weak_or_misplaced_cue_names_no_source(why: str, page: bytes, project_engine: Engine,
                                                 catalogue: Catalogue) -> None:
    assert audited(page, project_engine, catalogue).provenance == (), why


def test_the_source_url_loses_its_feed_campaign_keys(project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    report = audited(NAMED[0][1], project_engine, catalogue)
    assert [(p.url, p.host) for p in report.provenance] == [
        ("https://www.bbc.co.uk/news/articles/x1", "www.bbc.co.uk")]


def test_a_label_closing_a_wrapper_is_no_credit_of_the_images_above_it(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A label crediting the picture right above it corroborates nothing by that picture
    (`_captioned`), but a label closing a kit's wrapper round the whole copied article
    stands under the article, not under its images: they still confirm it."""
    page = ("<!doctype html><html><head><title>Bridge</title></head><body><main>"
            "<div class='post-inner'><p><img src='https://www.herald.test/p/bridge.jpg' "
            "width='976' height='549' alt=''></p>" + PROSE + PROSE
            + "Source: <a href='https://www.herald.test/n/7'>Herald</a></div></main></body>"
            "</html>")
    assert sources(audited(page.encode(), project_engine, catalogue)) == {
        "herald.test": ["source-label", "hotlinked-images"]}


def test_a_feed_footer_names_the_post_not_the_feed_home(project_engine: Engine,
                                                        catalogue: Catalogue) -> None:
    page = next(p for why, p, _ in NAMED if why.startswith("a feed footer"))
    (found,) = audited(page, project_engine, catalogue).provenance
    assert found.url == "https://blog.makers.test/2026/05/solder/"
    assert found.evidence[0].text == (
        "The post Building a solder station appeared first on Makers.")


def test_one_publisher_under_two_suffixes_is_not_a_copy(project_engine: Engine,
                                                        catalogue: Catalogue) -> None:
    page = article(head='<link rel="canonical" href="https://www.bbc.com/news/articles/x1">')
    report = audited(page, project_engine, catalogue, url="https://www.bbc.co.uk/news/x1")
    assert report.provenance == ()


def test_a_look_alike_of_a_publisher_is_no_regional_domain(project_engine: Engine,
                                                          catalogue: Catalogue) -> None:
    """Same name, other suffix is one publisher only where the page declares its own URL
    (canonical, og:url); a scraper on bbc.news crediting bbc.co.uk copies it."""
    page = article(end='<p><a href="https://www.bbc.co.uk/news/articles/x1">Source link</a></p>')
    report = audited(page, project_engine, catalogue, url="https://bbc.news/a/1")
    assert sources(report) == {"bbc.co.uk": ["source-link"]}


# -- credits: what a page credits without naming its original ---------------------------

GRIST = '<a href="https://grist.org/energy/emissions/">Grist</a>'
CREDITS = [
    ("a credit with no link", article(start="<p><em>Courtesy of Forests News</em></p>"),
     [("credit", "Courtesy of Forests News")]),
    ("a credit's link above the article body",
     article(after=f"<p>This post originally appeared on {GRIST}.</p>"),
     [("credit", "This post originally appeared on Grist.")]),
    ("og:url on another site, alone",
     article(head='<meta property="og:url" content="https://www.heraldnews.co.uk/n/7">'),
     [("og-url", "https://www.heraldnews.co.uk/n/7")]),
    *((f"og:url on {where}", article(head=f'<meta property="og:url" content="{href}">'), [])
      for where, href in (
          ("a platform's staging host", "https://myblog.wpenginepowered.com/2026/06/x/"),
          ("an IP address", "http://203.0.113.5/2026/06/harbour-bridge/"),
          ("localhost", "http://localhost:8080/2026/06/harbour-bridge/"),
          ("a host under no public suffix", "https://rivertimes.local/a/1"))),
    ("a photo credit", article(end="<p>Photo courtesy of the city archive.</p>"), []),
    ("first published on a date", article(end="<p>First published on 3 May 2026.</p>"), []),
    ("a bare Source: label (wires and studies)",
     article(end='<p>Source: <a href="https://www.herald.test/n/7">Herald</a></p>'), []),
    ("a scraper's source link is provenance, not a credit too",
     article(end=f"<p>This post originally appeared on {GRIST}.</p>"), []),
]


@pytest.mark.parametrize(("page", "expected"), [c[1:] for c in CREDITS],
                         ids=[c[0] for c in CREDITS])
def test_credits_are_kept_apart_from_provenance(page: bytes,
                                                expected: list[tuple[str, str]]) -> None:
    parsed = parse_page(page.decode())
    found = markup_sources(parsed, URL, "rivertimes.test", article_bodies(parsed), ())
    assert [(e.kind, e.text) for e in found.credits] == expected
    if expected:
        assert found.provenance == ()


def test_each_credit_resolves_to_its_own_line() -> None:
    """Two credits with one phrase: each is its own line (both were read as the first)."""
    page = article(start="<p><em>Courtesy of Forests News</em></p>\n",
                   end="\n<p><em>Courtesy of the Harbour Trust</em></p>")
    parsed = parse_page(page.decode())
    found = markup_sources(parsed, URL, "rivertimes.test", article_bodies(parsed), ())
    assert [e.text for e in found.credits] == ["Courtesy of Forests News",
                                               "Courtesy of the Harbour Trust"]
    assert len({e.xpath for e in found.credits}) == 2
    assert found.credits[0].line < found.credits[1].line


def test_credit_candidates_cost_one_lookup_per_phrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lookup over the whole tree per candidate made 4,000 "Source link" lines cost
    40 s: the tree is searched once per phrase, and only MAX_EXAMINED candidates are
    looked at however many the page holds."""
    holding = credits._HOLDING
    calls = []

    def counted(root: object, s: str) -> object:
        calls.append(s)
        return holding(root, s=s)

    monkeypatch.setattr(credits, "_HOLDING", counted)
    for n in (500, 2000):
        calls.clear()
        lines = "".join(f"<p><a href='https://src{i % 7}.test/a/{i}'>Source link</a></p>\n"
                        for i in range(n))
        parsed = parse_page(article(middle=lines).decode())
        markup_sources(parsed, URL, "rivertimes.test", article_bodies(parsed), ())
        assert len(calls) == len(set(calls)) <= 2, n


def test_a_text_credit_is_a_source_line_that_lost_its_host() -> None:
    text = (f"A headline of the story\n\n🔗 Original source\n\n{'Prose line. ' * 12}\n\n"
            "via Reuters\n")
    found = text_sources(segment(text), None)
    assert found.provenance == ()
    assert [(e.kind, e.text) for e in found.credits] == [("credit", "🔗 Original source")]


# -- how evidence adds up (the Weight table), as a law over every pair of kinds --------

def _clue(kind: str) -> Clue:
    return Clue(Evidence(kind, "…", 1), "www.herald.test", "https://www.herald.test/n/7")


def _names(kinds: tuple[str, ...]) -> bool:
    weights = {EVIDENCE_KINDS[k].weight for k in kinds}
    return Weight.NAMES in weights or {Weight.LABEL, Weight.CORROBORATES} <= weights


@pytest.mark.parametrize("kinds", [
    *((k,) for k in EVIDENCE_KINDS), *itertools.combinations(EVIDENCE_KINDS, 2)])
def test_weak_evidence_never_names_a_source_alone(kinds: tuple[str, ...]) -> None:
    found = group([_clue(k) for k in kinds], "rivertimes.test").provenance
    assert bool(found) == _names(kinds)
    weak = {Weight.CORROBORATES, Weight.SUPPORTS}
    if all(EVIDENCE_KINDS[k].weight in weak for k in kinds):
        assert not found


def test_evidence_on_the_page_s_own_site_names_nothing() -> None:
    assert group([_clue("canonical")], "herald.test").provenance == ()


# -- plain text ----------------------------------------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("🔗www.bbc.co.ukPrimary source", ("www.bbc.co.uk", None)),
    ("Originally published at https://www.herald.test/n/7?utm_source=x.",
     ("www.herald.test", "https://www.herald.test/n/7")),
    ("Source: Reuters", None),
    ("via bbc.co.uk", None),
    ("🔗 Original source", None),
    ("Source: www.herald.test", None),
    # a feed footer a text scrape kept names the site it names, not a host in the title
    ("The post Apple.com cuts prices appeared first on www.herald.co.uk.",
     ("www.herald.co.uk", None)),
    ("Der Beitrag Brücke offen erschien zuerst auf https://www.herald.test/n/7.",
     ("www.herald.test", "https://www.herald.test/n/7")),
    ("投稿 速報 は www.minato-shimbun.jp に最初に表示されました。",
     ("www.minato-shimbun.jp", None)),
    # a sentence that opens like a footer names no host inside it
    ("Der Beitrag des Kämmerers erschien zuerst auf Facebook und wurde dann von vielen "
     "Bürgern geteilt, auch auf twitter.com.", None),
])
def test_a_text_attribution_names_a_host(line: str, expected: tuple[str, str | None] | None
                                         ) -> None:
    text = f"A headline of the story\n\n{'Prose line of the article. ' * 8}\n\n{line}\n"
    found = text_sources(segment(text), None).provenance
    assert [(p.host, p.url) for p in found] == ([expected] if expected else [])


# -- the seeds -----------------------------------------------------------------------

def test_the_wordpress_seed_republishes_the_bbc(seeds: Path, project_engine: Engine,
                                                catalogue: Catalogue) -> None:
    report = audit(seeds / "wp-rest-post-injected.json", engine=project_engine,
                   catalogue=catalogue).pages[0]
    assert [p.to_dict() for p in report.provenance] == [{
        "url": "https://www.bbc.co.uk/news/articles/cq615g3z36po",
        "host": "www.bbc.co.uk", "domain": "bbc.co.uk",
        "evidence": [{"kind": "source-link", "text": "Source link", "line": 127,
                      "xpath": "/html/body/a"}]}]
    # the ExoClick and JuicyAds zones sit inside the copied post, but are the operator's
    assert len(report.ids) == 14
    assert {i.origin for i in report.ids} == {Origin.OPERATOR}


def test_the_content_farm_seed_credits_the_bbc(seeds: Path, project_engine: Engine,
                                               catalogue: Catalogue) -> None:
    report = audit(seeds / "content-farm-rewrite.txt", engine=project_engine,
                   catalogue=catalogue).pages[0]
    assert [p.to_dict() for p in report.provenance] == [{
        "url": None, "host": "www.bbc.co.uk", "domain": "bbc.co.uk",
        "evidence": [{"kind": "attribution", "text": "🔗www.bbc.co.ukPrimary source",
                      "line": 45, "xpath": ""}]}]


# -- copied versus operator IDs --------------------------------------------------------

SCRAPED = REPO / "tests" / "fixtures" / "pages" / "scraped-copy.html"


def test_ids_that_came_with_the_copy_are_the_source_s(project_engine: Engine,
                                                      catalogue: Catalogue) -> None:
    report = audit(SCRAPED, url="https://dailydigest24.test/harbour-bridge-reopens/",
                   engine=project_engine, catalogue=catalogue).pages[0]
    assert sources(report) == {"coastalherald.test": ["source-link", "hotlinked-images"]}
    origins = {i.value: (i.origin.value, i.copied_from) for i in report.ids}
    assert origins == {
        "5123456": ("operator", None),  # an ExoClick zone injected into the copied text
        "G-D1GEST24X": ("operator", None),  # the theme's own analytics
        "7654321": ("copied", "coastalherald.test"),  # the source's pixel, in the article
        "GTM-CH77310": ("copied", "coastalherald.test"),  # in a URL on the source's site
    }
    assert all(i.why for i in report.ids if i.origin is Origin.COPIED)


def test_without_a_provenance_every_id_is_the_operator_s(project_engine: Engine,
                                                         catalogue: Catalogue) -> None:
    page = SCRAPED.read_bytes().replace(b">Source link<", b">Leave a comment<")
    report = audited(page, project_engine, catalogue,
                     url="https://dailydigest24.test/harbour-bridge-reopens/")
    assert report.provenance == ()
    assert report.ids and {i.origin for i in report.ids} == {Origin.OPERATOR}


# -- the corpus: 110 real pages, none a copy -------------------------------------------

def test_no_real_publisher_page_is_called_a_republication(project_engine: Engine,
                                                          catalogue: Catalogue) -> None:
    if not (CORPUS / "urls.json").exists():
        pytest.skip(f"the corpus is not at {CORPUS} (it lives in ../shared)")
    urls = json.loads((CORPUS / "urls.json").read_text(encoding="utf-8"))
    called = {}
    for name, url in sorted(urls.items()):
        for report in audit(CORPUS / "pages" / name, url=url, engine=project_engine,
                            catalogue=catalogue).pages:
            if report.provenance:
                called[name] = [p.to_dict() for p in report.provenance]
    assert len(urls) == 110
    assert called == {}


def test_thousands_of_labelled_links_cost_linear_time(project_engine: Engine,
                                                      catalogue: Catalogue) -> None:
    """Each labelled link is checked against its article's prose once read, not by
    re-reading the article per link (3,000 links took two minutes that way)."""
    lines = "".join(f'<p>Source: <a href="https://h{i}.test/n/{i}">Wire</a></p>'
                    for i in range(3000))
    started = time.perf_counter()
    report = audited(article(end=lines), project_engine, catalogue)
    assert report.provenance == ()  # bare labels, uncorroborated
    assert time.perf_counter() - started < 10


def test_thousands_of_labels_in_one_block_cost_linear_time(project_engine: Engine,
                                                           catalogue: Catalogue) -> None:
    """Each label asked its block whether it held more blocks by walking the block's
    children: 8,000 label lines between <br>s in one <div> took 46 s (0.5 s before the
    labels' images were told apart). A block is asked once; four times the lines cost
    about four times the time (a cost per pair would be sixteen)."""
    def seconds(n: int) -> float:
        lines = "".join(f"Źródło: <a href='https://src{i}.test/a/{i}'>S</a><br>"
                        for i in range(n))
        started = time.perf_counter()
        assert audited(article(end=f"<div>{lines}</div>"), project_engine,
                       catalogue).provenance == ()
        return time.perf_counter() - started

    seconds(50)
    small, large = (min(seconds(n) for _ in range(2)) for n in (1_000, 4_000))
    assert large < 10 * max(small, 0.01), (small, large)


def test_every_evidence_kind_is_documented_with_its_weight() -> None:
    """docs/CONTRACT-ADDITIONS.md's table and the registry the code reads agree."""
    doc = (REPO / "docs" / "CONTRACT-ADDITIONS.md").read_text(encoding="utf-8")
    rows = {cells[1].strip(" `"): cells[2].strip() for line in doc.splitlines()
            if line.startswith("| `") and (cells := line.split("|"))}
    said = {Weight.NAMES: "alone", Weight.LABEL: "with ", Weight.CORROBORATES: "never alone",
            Weight.SUPPORTS: "never alone"}
    assert set(rows) >= set(EVIDENCE_KINDS)
    for name, kind in EVIDENCE_KINDS.items():
        assert rows[name].startswith(said[kind.weight]), name


@pytest.mark.parametrize("fmt", ["json", "terminal"])
def test_a_lone_surrogate_in_json_ld_is_no_url(tmp_path: Path, fmt: str) -> None:
    """JSON may escape a lone surrogate no output can encode: it used to reach the
    evidence and crash every report (and a bulk run) at the end."""
    page = tmp_path / "sur.html"
    page.write_bytes(article(
        head='<script type="application/ld+json">{"@type": "Article", '
             '"isBasedOn": "https://www.herald.test/a\\ud800b"}</script>',
        end='<p><a href="https://www.herald.test/n/7">Source link</a></p>'))
    done = subprocess.run([sys.executable, "-m", "auditor", "audit", str(page), "--url", URL,
                           "--format", fmt], capture_output=True, text=True, timeout=300,
                          check=False, env={**os.environ, "COLUMNS": "80"})
    assert "internal error" not in done.stderr and done.returncode in (0, 1), done.stderr
    assert "herald.test" in done.stdout
    if fmt == "json":
        page_report = json.loads(done.stdout)["pages"][0]
        assert [p["domain"] for p in page_report["provenance"]] == ["herald.test"]
        assert "\\ud800" not in done.stdout


NO_ARTICLE_BODY = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Storm</title></head><body>"
    "<div id='wrap'><div class='menu'><a href='/'>Home</a></div><div class='content'>"
    "<h1>Storm closes the coastal road</h1><p>High winds closed the coastal road overnight. "
    "Crews cleared fallen trees by morning and the road reopened at noon, officials said.</p>"
    "{inside}<p><a href='https://www.outlet-two.test/news/a2'>Source link</a></p></div>"
    "<div class='footer-widgets'>© s9</div></div>"
    "<script async src='https://www.googletagmanager.com/gtag/js?id=G-OPERATOR99'></script>"
    "<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}"
    "gtag('js',new Date());gtag('config','G-OPERATOR99');</script>"
    "<script src='https://mc.yandex.ru/metrika/tag.js'></script>"
    "<script>ym(98765432, 'init', {{clickmap:true}});</script></body></html>")


def test_with_no_article_body_the_page_s_own_trackers_stay_the_operator_s(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """No article body recognised: the copied article is the block around the
    attribution that holds the prose, not the whole <body> with the site's trackers."""
    pixel = ("<img src='https://sb.scorecardresearch.com/p?c1=2&amp;c2=7654321&amp;cv=2.0'"
             " width='1' height='1' alt=''>")
    page = NO_ARTICLE_BODY.format(inside=pixel).encode()
    report = audited(page, project_engine, catalogue, url="https://www.s9.test/storm")
    assert sources(report) == {"outlet-two.test": ["source-link"]}
    origins = {i.value: i.origin.value for i in report.ids}
    assert origins == {"G-OPERATOR99": "operator", "98765432": "operator",
                       "7654321": "copied"}


OPERATOR_TAG = ("<script async src='https://www.googletagmanager.com/gtag/js?id=G-OPERATOR99'>"
                "</script><script>gtag('config','G-OPERATOR99');</script>")
SOURCE_LINK = "<p><a href='https://www.outlet-two.test/news/a2'>Source link</a></p>"


def test_the_region_rule_alone_is_unconfirmed(project_engine: Engine,
                                              catalogue: Catalogue) -> None:
    """An operator injects its own tag into the post body as a scraper copies the
    source's: on one page the region rule cannot tell them apart, and says so."""
    report = audited(article(middle=OPERATOR_TAG, end=SOURCE_LINK), project_engine, catalogue)
    (ident,) = [i for i in report.ids if i.value == "G-OPERATOR99"]
    assert ident.origin is Origin.COPIED and ident.why is not None
    assert "unconfirmed" in ident.why and "bulk run" in ident.why


def _wp_post(content: str) -> bytes:
    return json.dumps({"id": 7, "link": "https://www.s9.test/storm/",
                       "title": {"rendered": "Storm"},
                       "content": {"rendered": content}}).encode()


def test_a_post_body_is_no_region_to_copy_ids_from(project_engine: Engine,
                                                   catalogue: Catalogue, tmp_path: Path) -> None:
    """WP-JSON's post body is the copied article whole: an ID in it is copied only when
    markup citing the source holds it too, never on the region alone."""
    quote = ("<blockquote cite='https://www.outlet-two.test/news/a2'><script>"
             "gtag('config','G-QUOTED777');</script></blockquote>")
    post = tmp_path / "post.json"
    post.write_bytes(_wp_post(PROSE + OPERATOR_TAG + quote + SOURCE_LINK))
    report = audit(post, engine=project_engine, catalogue=catalogue).pages[0]
    assert sources(report) == {"outlet-two.test": ["source-link"]}
    origins = {i.value: i.origin for i in report.ids}
    assert origins == {"G-OPERATOR99": Origin.OPERATOR, "G-QUOTED777": Origin.COPIED}


def test_copied_ids_read_each_region_once(project_engine: Engine, catalogue: Catalogue,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Sixty sources named in one 1 MB article: the article is serialised once (not per
    source), and only the first MAX_SOURCES sources are looked at (200 took 11 s)."""
    serialised: list[object] = []
    citing: list[str] = []
    markup, quotes = origin._markup, origin._citing

    def counted_markup(el: etree._Element) -> str:
        serialised.append(el)
        return markup(el)

    def counted_citing(page: object, domain: str) -> list[etree._Element]:
        citing.append(domain)
        return quotes(page, domain)  # type: ignore[arg-type]

    monkeypatch.setattr(origin, "_markup", counted_markup)
    monkeypatch.setattr(origin, "_citing", counted_citing)
    lines = "".join(f"<p>Quelle: <a href='https://src{i}.test/a/{i}'>Src</a></p>"
                    for i in range(60))
    images = "".join(f"<p><img src='https://src{i}.test/i.jpg' alt=''></p>" for i in range(60))
    tags = "".join(f"<script>gtag('config','G-ABCDE{i:05d}');</script>" for i in range(10))
    report = audited(article(start=lines + tags, middle="<p>" + "word " * 50_000 + "</p>",
                             end=images), project_engine, catalogue)
    assert len(report.provenance) == 60
    assert len(citing) == origin.MAX_SOURCES
    assert len(serialised) == len(set(map(id, serialised))) <= 2
    assert {i.origin for i in report.ids if i.value.startswith("G-ABCDE")} == {Origin.COPIED}


LINK_PARTS = ["http://", "https://", "HTTPS://", "//", "a.example", "B.Test", ":8080", ":x",
              "/", "?", "#", "q=1", "@", "user:pw@", "[::1]", "[", "]", "\t", "\n", " ",
              "\\", "é", "ｅ", "%2F", ".", "-", "/x//y"]


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["http://", "https://", "HtTpS://", "//", "/", "ftp://", "http:/", "",
                        "httpſ://", " \t//"]),
       st.lists(st.sampled_from(LINK_PARTS), max_size=8))
def test_a_link_s_origin_has_the_link_s_host(scheme: str, parts: list[str]) -> None:
    """The attribution scan looks hosts up by origin (markup._origin), not by link: the
    links it reads are those it read before, each with the host it had."""
    href = (scheme + "".join(parts)).strip()
    absolute = href[:8].lower().startswith(("http://", "https://", "//"))
    found = _origin(href)
    assert (found is not None) == absolute
    if found is not None:
        assert host_of(found) == host_of(href if not href.startswith("//") else "https:" + href)


HTML_PARTS = ["<p>", "</p>", "<b>", "</b>", "<a href='x'>", "</a>", "<br>", "<script>", "</script>",
              "<!-- c -->", "<?pi x?>", "&amp;", "&nbsp;", "&#xD800;", "&bogus;", "text", " ",
              "\n", "é", "\x00", "<![CDATA[d]]>", "<style>", "</style>", "<div>", "</div>",
              "<template>", "</template>", "<svg>", "</svg>"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(HTML_PARTS), max_size=20))
def test_an_element_s_text_is_its_joined_text_nodes(parts: list[str]) -> None:
    """credits.text_of (libxml2's string value) reads what itertext joined did."""
    root = parse_page("<html><body>" + "".join(parts) + "</body></html>").root
    for el in root.iter():
        if isinstance(el.tag, str):
            assert credits.text_of(el) == "".join(
                t for t in el.itertext() if isinstance(t, str))


# -- proxies and caches: the page's own URL names the original ------------------------

ORIGINAL = "https://www.harbourgazette.co.uk/news/2026/05/03/bridge-reopens/"
GAZETTE_TAGS = ("<script async src='https://www.googletagmanager.com/gtag/js?id=G-HGZ4410PLQ'>"
                "</script><script>gtag('config','G-HGZ4410PLQ');</script>")


@pytest.mark.parametrize(("service", "url"), [
    ("Google Translate", "https://www-harbourgazette-co-uk.translate.goog/news/2026/05/03/"
                        "bridge-reopens/?_x_tr_sl=en&_x_tr_tl=de&_x_tr_hl=de&_x_tr_pto=wapp"),
    ("Google cache", "https://webcache.googleusercontent.com/search?q=cache:kT3vPZ7yQ0AJ:"
                    + ORIGINAL + "&cd=1&hl=en&ct=clnk&gl=uk"),
    # Translate's page-translation URLs before translate.goog (still in archives and in
    # links people saved): the site's form, with the original in `u`, on any Google
    # suffix and with or without its scheme, and the frame its proxy served the copy in
    ("Google Translate", "https://translate.google.com/translate?hl=en&sl=de&tl=en&u="
                        + ORIGINAL),
    ("Google Translate", "https://translate.google.co.uk/translate?sl=auto&tl=fr&u="
                        + ORIGINAL.removeprefix("https://")),
    ("Google Translate", "https://translate.google.com/website?sl=de&tl=en&hl=en&u="
                        + ORIGINAL.replace("/", "%2F").replace(":", "%3A")),
    ("Google Translate", "https://translate.googleusercontent.com/translate_c?depth=1&hl=en"
                        "&rurl=translate.google.com&sl=de&sp=nmt4&tl=en&u=" + ORIGINAL
                        + "&usg=ALkJrhgTESTONLYx7Qz"),
])
def test_a_proxy_s_copy_is_the_original_s_page_whole(service: str, url: str,
                                                     project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    """A translate or cache proxy copies the original page whole, head and all: the page's
    URL names the source, with no canonical needed, and every ID on it (the original's
    analytics in its <head>, its AdSense unit) is the original's."""
    adsense = ('<ins class="adsbygoogle" data-ad-client="ca-pub-4417023398165520" '
               'data-ad-slot="7731904462"></ins>')
    report = audited(article(head=GAZETTE_TAGS, middle=adsense), project_engine, catalogue,
                     url=url)
    assert sources(report) == {"harbourgazette.co.uk": ["proxy-copy"]}
    (found,) = report.provenance
    assert found.url == ORIGINAL and found.evidence[0].text == f"{service} copy of {ORIGINAL}"
    assert report.ids and {(i.origin, i.copied_from) for i in report.ids} == {
        (Origin.COPIED, "harbourgazette.co.uk")}
    # scored as the original page it is, as its findings are: no site syndicating it
    assert report.mfa is not None
    (row,) = [i for i in report.mfa.indicators if i.criterion == "syndicated"]
    assert (row.value, row.met) == ("none", False)


@pytest.mark.parametrize("url", [
    "https://www-harbourgazette-co-uk.translate.goog/news/2026/05/03/bridge-reopens/"
    "?_x_tr_sl=en&_x_tr_tl=de",
    "https://webcache.googleusercontent.com/search?q=cache:kT3vPZ7yQ0AJ:" + ORIGINAL + "&cd=1",
], ids=["Google Translate", "Google cache"])
def test_a_proxy_s_copy_is_judged_as_the_original_page(url: str, project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    """The original's own AdSense unit pasted with its loader in its article, as AdSense
    tells publishers to, was high ad-in-body "injected inside the article body copied
    from" the original on its Translate or cache copy, while its IDs said the original's:
    the proxy copies the page whole, so its findings are the original page's (none)."""
    unit = ("<script async src='https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"
            "?client=ca-pub-4417023398165520'></script><ins class='adsbygoogle' "
            "data-ad-client='ca-pub-4417023398165520' data-ad-slot='7731904462'></ins>")
    page = article(head=GAZETTE_TAGS, middle=unit)
    assert [f.kind for f in audited(page, project_engine, catalogue, url=ORIGINAL).findings
            if f.kind == "ad-in-body"] == []
    report = audited(page, project_engine, catalogue, url=url)
    assert sources(report) == {"harbourgazette.co.uk": ["proxy-copy"]}
    assert [(f.kind, f.severity.value) for f in report.findings
            if f.severity is Severity.HIGH] == []


@pytest.mark.parametrize("fmt", ["terminal", "md", "html"])
def test_a_proxy_s_copy_is_shown_as_a_copy_not_a_republication(fmt: str,
                                                                 tmp_path: Path) -> None:
    """The reports named the gazette the Translate copy "republishes", a scraper's word:
    the copy is the gazette's own page, so it is shown as a "copy of" it."""
    from auditor.cli import main

    (tmp_path / "page.html").write_bytes(article(head=GAZETTE_TAGS))
    out = tmp_path / f"report.{fmt}"
    url = "https://translate.google.com/translate?hl=en&sl=de&tl=en&u=" + ORIGINAL
    assert main(["audit", str(tmp_path / "page.html"), "--url", url, "--format", fmt,
                 "--output", str(out), "--no-system-lists", "--width", "200"]) == 0
    text = out.read_text(encoding="utf-8").replace("\\", "")  # Markdown's escapes
    assert "copy of" in text and ORIGINAL in text and "republishes" not in text


AMP_PATH = "/news/2026/05/03/bridge-reopens/amp/"
CACHED = "https://www-harbourgazette-co-uk.cdn.ampproject.org/c/s/www.harbourgazette.co.uk"


@pytest.mark.parametrize(("why", "link", "original"), [
    # a scraper fetching the article from the AMP cache (no paywall, no bot wall) links
    # its Source link there; the cache's path names the article
    ("the AMP cache", CACHED + AMP_PATH, "https://www.harbourgazette.co.uk" + AMP_PATH),
    # one that machine-translates it through Translate's proxy links the proxy's address
    ("Google Translate's proxy", "https://www-harbourgazette-co-uk.translate.goog/news/2026/05/"
     "03/bridge-reopens/?_x_tr_sl=en&_x_tr_tl=de&_x_tr_hl=de", ORIGINAL),
    # an aggregator's link as people share it from Google Search's AMP viewer
    ("Google's AMP viewer", "https://www.google.com/amp/s/www.harbourgazette.co.uk" + AMP_PATH,
     "https://www.harbourgazette.co.uk" + AMP_PATH),
    # a proxy's copy of a proxy's copy of a proxy's: Google's cache of Translate's copy of
    # the AMP cache's page, each address in the next one's, unwrapped to the original
    ("three proxies deep", "https://webcache.googleusercontent.com/search?q=cache:kT3vPZ7yQ0AJ:"
     "https%3A%2F%2Ftranslate.google.com%2Ftranslate%3Fsl%3Den%26tl%3Dde%26u%3D"
     + quote(CACHED + AMP_PATH, safe="") + "&cd=1", "https://www.harbourgazette.co.uk" + AMP_PATH),
])
def test_a_link_to_a_proxy_s_copy_names_the_original(why: str, link: str, original: str,
                                                     project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    """A Source link or canonical to a proxy's or cache's copy named the proxy
    (ampproject.org, translate.goog, google.com) as the page's source: the copy's address
    names the original, and that is the source."""
    hub = "https://dailyfeedhub.net/harbour-bridge-reopens/"
    linked = article(end=f'<p><a href="{link}">Source link</a></p>')
    declared = article(head=f'<link rel="canonical" href="{link}">')
    for page, kind in ((linked, "source-link"), (declared, "canonical")):
        (found,) = audited(page, project_engine, catalogue, url=hub).provenance
        assert (found.domain, found.url, [e.kind for e in found.evidence]) == (
            "harbourgazette.co.uk", original, [kind]), why
    # the cache's copy of the page's own article is the page's own
    own = f"https://dailyfeedhub-net.cdn.ampproject.org/c/s/dailyfeedhub.net{AMP_PATH}"
    assert audited(article(end=f'<p><a href="{own}">Source link</a></p>'), project_engine,
                   catalogue, url=hub).provenance == ()


@pytest.mark.parametrize(("cache", "canonical"), [
    # Google's cache: the publisher's host in the subdomain, dots as dashes
    ("https://www-harbourgazette-co-uk.cdn.ampproject.org/c/s/www.harbourgazette.co.uk"
     + AMP_PATH, ORIGINAL),
    # a hyphen in the host is doubled in the subdomain ("--"): the path names it plainly
    ("https://www-harbour--gazette-co-uk.cdn.ampproject.org/c/s/www.harbour-gazette.co.uk"
     + AMP_PATH, "https://www.harbour-gazette.co.uk/news/2026/05/03/bridge-reopens/"),
    # a host too long for a label gets a base32 hash of it for a subdomain
    ("https://v6tcl3nzhsa5e2ntl4dmk4bx4ej6bdw3xqa2mby7rhdkyrlfm2ua.cdn.ampproject.org/c/s/"
     "www.harbourgazette.co.uk" + AMP_PATH, ORIGINAL),
    # Bing's AMP cache (bing-amp.com, listed in cdn.ampproject.org/caches.json), same form
    ("https://www-harbourgazette-co-uk.bing-amp.com/c/s/www.harbourgazette.co.uk" + AMP_PATH,
     ORIGINAL),
    # Google Search's AMP viewer, whose address people share: the cache's page it frames
    ("https://www.google.com/amp/s/www.harbourgazette.co.uk" + AMP_PATH, ORIGINAL),
    # the same viewer on a country's Google, as a British reader shares it
    ("https://www.google.co.uk/amp/s/www.harbourgazette.co.uk" + AMP_PATH, ORIGINAL),
], ids=["google", "hyphenated host", "hashed subdomain", "bing", "google viewer",
        "a country's google viewer"])
def test_the_amp_cache_serves_the_publisher_s_own_page(cache: str, canonical: str,
                                                       project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    """The AMP cache's page is the publisher's AMP page: its canonical on the publisher's
    site is its own (Bing's cache's copy was named a copy of it, and scored syndicated),
    and its IDs are the publisher's."""
    page = article(head=f'<link rel="canonical" href="{canonical}">' + GAZETTE_TAGS)
    report = audited(page, project_engine, catalogue, url=cache)
    assert report.provenance == ()
    assert {i.origin for i in report.ids} == {Origin.OPERATOR}
    # the same page anywhere else names the gazette as its original
    elsewhere = audited(page, project_engine, catalogue, url="https://copycat.example/a/1")
    assert sources(elsewhere) == {registrable_domain(host_of(canonical)): ["canonical"]}


def test_the_amp_cache_s_copy_of_a_scraper_s_page_names_its_original(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The cache serves what the site in its path published: a scraper's AMP page whose
    canonical is the gazette's article is that scraper's copy, on the cache as off it."""
    page = article(head=f'<link rel="canonical" href="{ORIGINAL}">' + GAZETTE_TAGS)
    cache = "https://copycat-example.bing-amp.com/c/s/copycat.example/bridge/amp/"
    report = audited(page, project_engine, catalogue, url=cache)
    assert sources(report) == {"harbourgazette.co.uk": ["canonical"]}


def test_a_credited_syndication_names_the_original_article_once(project_engine: Engine,
                                                                catalogue: Catalogue) -> None:
    """The Conversation's republishing snippet links the publication's home and the
    original article in one line, then its counter pixel: one clue naming the article,
    and a 1×1 counter is no image of the article."""
    original = "https://theconversation.com/why-coastal-bridges-corrode-faster-231457"
    page = article(end=(
        '<p>This article is republished from <a href="https://theconversation.com">The '
        "Conversation</a> under a Creative Commons license. Read the "
        f'<a href="{original}">original article</a>.</p>'
        '<img src="https://counter.theconversation.com/content/231457/count.gif?distributor='
        'republish-lightbox-basic" alt="The Conversation" width="1" height="1">'))
    (found,) = audited(page, project_engine, catalogue).provenance
    assert found.url == original
    assert [e.kind for e in found.evidence] == ["source-link"]


@pytest.mark.parametrize(("canonical", "expected"), [
    ("https://coastlinetribune.com/2026/05/ferry-timetable/",
     {"coastlinetribune.com": ["canonical", "og-url"]}),
    ("https://www.s9.test/storm/", {}),  # the post's own address
])
def test_a_rest_post_s_seo_head_declares_its_original(canonical: str,
                                                      expected: dict[str, list[str]],
                                                      project_engine: Engine,
                                                      catalogue: Catalogue,
                                                      tmp_path: Path) -> None:
    """A REST post's body has no <head>: Yoast's `yoast_head_json` holds the canonical and
    og:url a scraper plugin points at the original, read as the page's own would be."""
    post = json.loads(_wp_post(PROSE))
    post["yoast_head_json"] = {"title": "Storm", "canonical": canonical, "og_url": canonical}
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post), encoding="utf-8")
    report = audit(path, engine=project_engine, catalogue=catalogue).pages[0]
    assert sources(report) == expected
    if expected:
        assert report.provenance[0].evidence[0].text == f"yoast_head_json.canonical: {canonical}"


def test_a_rest_post_without_its_link_names_not_its_own_site(project_engine: Engine,
                                                             catalogue: Catalogue,
                                                             tmp_path: Path) -> None:
    """A post exported without `link` (`?_fields=id,content,yoast_head_json`) has its own
    canonical for an address, as a saved page without its URL has: it named its own site
    as the original (and made a unit in its ad plugin's block high)."""
    post = {k: v for k, v in json.loads(_wp_post(PROSE)).items() if k not in ("link", "guid")}
    canonical = "https://www.s9.test/storm/"
    post["yoast_head_json"] = {"title": "Storm", "canonical": canonical, "og_url": canonical}
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post), encoding="utf-8")
    report = audit(path, engine=project_engine, catalogue=catalogue).pages[0]
    assert sources(report) == {}
    assert report.first_party == "s9.test"


PROXY_PARTS = ["https://", "http://", "www-x-com", "-", "--", ".", "translate.goog", "x",
               ".cdn.ampproject.org", "webcache.googleusercontent.com", "/search?q=cache:",
               ".bing-amp.com", "translate.google.com", "translate.googleusercontent.com",
               "/translate", "/translate_c", "/website", "?u=", "&u=", "localhost",
               "www.google.com", "www.google.co.uk", "google.", "/amp/",
               "/c/", "/v/", "/i/", "s/", "abc:", "https://", "y.co.uk", "/a", "?_x_tr_sl=en",
               "&", "%2F", "é", " ", "#f"]


@settings(max_examples=700, deadline=None)
@given(st.lists(st.sampled_from(PROXY_PARTS), max_size=10))
def test_a_proxied_page_names_a_public_original(parts: list[str]) -> None:
    """Whatever a page's URL is, reading a proxy's original from it never fails, and an
    original it names is a page of a public site (no `https://./a` from `-.translate.goog`)."""
    found = urls.proxied("".join(parts))
    assert found is None or urls.public_site(host_of(found.url))


@pytest.mark.parametrize("host", ["google.com.harbour-news.example", "www.google.evil.example",
                                  "news.google.com", "www.googleusercontent.com"])
def test_an_amp_viewer_path_on_no_google_search_host_names_nothing(host: str) -> None:
    assert urls.proxied(f"https://{host}/amp/s/www.harbourgazette.co.uk{AMP_PATH}") is None


# -- the page's own address, wherever it comes from --------------------------------------

HUB_POST = "https://dailyfeedhub.net/harbour-bridge-reopens/"
# A WP Automatic copy as its "canonical to the source" option leaves it: the canonical
# is the gazette's article, Yoast's og:url the post's own address; the plugin's Source
# link closes the post, the featured image and a poll frame are on the copy's own site
HUB_COPY = (
    "<!doctype html><html><head><title>Harbour bridge reopens – Daily Feed Hub</title>"
    f"<link rel='canonical' href='{ORIGINAL}'><meta property='og:url' content='{HUB_POST}'>"
    "</head><body><main><article><div class='entry-content'>"
    "<p><img src='/wp-content/uploads/2026/05/bridge-reopens.jpg' alt=''></p>"
    f"{PROSE}<iframe src='/embed/poll/7' width='100%' height='240'></iframe>"
    f"<p><a href='{ORIGINAL}' target='_blank' rel='nofollow'>Source link</a></p>"
    "</div></article></main></body></html>")


@pytest.mark.parametrize("read", ["--url", "WARC-Target-URI", "no address"])
def test_a_copy_s_own_address_is_its_own_wherever_it_is_read_from(
        read: str, project_engine: Engine, catalogue: Catalogue, tmp_path: Path) -> None:
    """A page piped in with `--url`, or read from an archive record, is at that address:
    its relative image and frame are its own site's and its Source link names the gazette.
    Read with no address at all, its canonical stood in for one: the copy was read as the
    gazette's own page and named no source. Its og:url, on another publisher's site than
    the canonical, is the copy's own address."""
    from archive_fixtures import response, warc_bytes

    if read == "WARC-Target-URI":
        path = tmp_path / "crawl.warc.gz"
        path.write_bytes(warc_bytes([response(HUB_POST, HUB_COPY)]))
        report = audit(path, engine=project_engine, catalogue=catalogue).pages[0]
    else:
        url = HUB_POST if read == "--url" else None
        report = audit(HUB_COPY.encode(), url=url, engine=project_engine,
                       catalogue=catalogue).pages[0]
    assert (report.url, report.first_party) == (HUB_POST, "dailyfeedhub.net")
    assert sources(report) == {"harbourgazette.co.uk": ["source-link", "canonical"]}
    assert {(r.host, r.third_party) for r in report.resources} == {("dailyfeedhub.net", False)}


# -- CJK prose: short in characters, not in what it says ----------------------------------

# Paragraphs as Japanese and Korean news sites write them: one or two sentences, 50-70
# characters, each as long to read as an English paragraph twice that
JA_PROSE = ("<p>港大橋は月曜日の朝、鋼製の床版の修理を終えて、11週間ぶりに通行が再開された。"
            "市の交通局が声明で明らかにした。</p><p>技術者らは腐食した400枚以上の鋼板を交換し、"
            "主径間を塗り直した。検査官は昨年冬の報告書で、この工事を緊急と指摘していた。</p>")
KO_PROSE = ("<p>항구 대교가 11주간의 강철 상판 보수 공사를 마치고 월요일 아침 차량 통행을 "
            "재개했다고 시 교통국이 성명에서 밝혔다.</p><p>기술자들은 부식된 강판 400여 장을 "
            "교체하고 주경간을 다시 칠했으며, 검사관들은 지난겨울 보고서에서 이 공사가 시급하다고 "
            "지적했다.</p>")
MINATO = "https://www.minato-shimbun.jp/news/1207"
MINATO_IMG = ("<p><img src='https://www.minato-shimbun.jp/wp-content/uploads/2026/05/"
              "bridge.jpg' alt=''></p>")


def _cjk_page(body: str, wrapped: bool, lang: str = "ja") -> bytes:
    inner = (f"<article><div class='entry-content'>{body}</div></article>" if wrapped
             else f"<div id='wrap'><h1>港大橋</h1>{body}</div>")
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>港大橋"
            f"</title></head><body>{inner}</body></html>").encode()


CJK_PAGES = [
    # a matome blog with no article wrapper: the Source link closing its prose was not
    # seen (no text piece passed for prose, so no block held the line)
    ("a Source link closing a page with no article body",
     _cjk_page(MINATO_IMG + JA_PROSE + JA_PROSE
               + f"<p><a href='{MINATO}'>Source link</a></p>", wrapped=False),
     {"minato-shimbun.jp": ["source-link", "hotlinked-images"]}),
    ("a 出典 label closing the article, with the article's image from the site",
     _cjk_page(MINATO_IMG + JA_PROSE + JA_PROSE
               + f"<p>出典：<a href='{MINATO}'>みなと新聞</a></p>", wrapped=True),
     {"minato-shimbun.jp": ["source-label", "hotlinked-images"]}),
    # a label between paragraphs cites what the paragraph above quotes: it was read as
    # closing the article (no piece was prose, so every line stood at its edge)
    ("a 出典 label between paragraphs",
     _cjk_page(MINATO_IMG + JA_PROSE + f"<p>出典：<a href='{MINATO}'>みなと新聞</a></p>"
               + JA_PROSE, wrapped=True), {}),
    ("a 출처 label between Korean paragraphs",
     _cjk_page(MINATO_IMG + KO_PROSE + f"<p>출처: <a href='{MINATO}'>미나토 신문</a></p>"
               + KO_PROSE, wrapped=True, lang="ko"), {}),
]


@pytest.mark.parametrize(("why", "page", "expected"), CJK_PAGES, ids=[c[0] for c in CJK_PAGES])
def test_cjk_paragraphs_are_prose(why: str, page: bytes, expected: dict[str, list[str]],
                                  project_engine: Engine, catalogue: Catalogue) -> None:
    """An attribution opens or closes the article's prose; a CJK paragraph of 60
    characters is prose (a wide character weighs two, as twitter-text counts them)."""
    report = audited(page, project_engine, catalogue, url="https://matome-news.net/archives/1207")
    assert sources(report) == expected, why
