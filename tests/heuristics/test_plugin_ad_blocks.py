"""Units a site's own WordPress ad plugin writes into a post's `content.rendered`, each in
its block as the plugin's source writes it, against the same units a kit pastes: REST dumps
of posts we wrote, read by the WordPress reader as a scraped dump is."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.heuristics import finding_kind
from auditor.model import PageReport, Severity
from auditor.pipeline import audit_document
from auditor.readers.json_posts import document_from_object
from auditor.rules import Engine

H, M = Severity.HIGH, Severity.MEDIUM

_LINK = "https://www.allotmentdiary.test/2024/05/raised-bed-tomatoes/"
_PARAS = ("<p>We moved the tomatoes into the raised beds on the first warm weekend of May, "
          "two weeks later than last year.</p>\n",
          "<p>Each plant gets a cane, a handful of comfrey pellets and water at the base, never "
          "on the leaves.</p>\n",
          "<p>By July the San Marzanos had outgrown the canes and needed a second tie.</p>\n")

# AdSense's in-article unit as its code page gives it (publisher and slot IDs made up)
_ADSENSE = ('<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'
            '?client=ca-pub-3141592653589793" crossorigin="anonymous"></script>\n'
            '<ins class="adsbygoogle" style="display:block; text-align:center;" '
            'data-ad-layout="in-article" data-ad-format="fluid" '
            'data-ad-client="ca-pub-3141592653589793" data-ad-slot="2718281828"></ins>\n'
            "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>\n")
# a GPT unit as Ad Manager's generated tag writes it (network code and div id made up)
_GPT = ('<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>\n'
        '<div id="div-gpt-ad-1716400000000-0" style="min-width: 300px; min-height: 250px;">'
        "<script>googletag.cmd.push(function() { "
        "googletag.display('div-gpt-ad-1716400000000-0'); });</script></div>\n")
# ExoClick's banner and JuicyAds' v3 unit, as the seed's kit pastes them (zones made up)
_EXOCLICK = ('<script async type="application/javascript" src="https://a.magsrv.com/ad-provider.js">'
             '</script>\n<ins class="eas6a97888e2" data-zoneid="4711001"></ins>\n'
             '<script>(AdProvider = window.AdProvider || []).push({"serve": {}});</script>\n')
_JUICYADS = ('<!-- JuicyAds v3.0 --><script type="text/javascript" data-cfasync="false" async '
             'src="https://poweredby.jads.co/js/jads.js"></script>'
             '<ins id="1190001" data-width="300" data-height="262"></ins>'
             '<script type="text/javascript" data-cfasync="false" async>'
             "(adsbyjuicy = window.adsbyjuicy || []).push({'adzone':1190001});</script>"
             "<!--JuicyAds END-->\n")
# ExoClick's v1 popunder tag (zone made up)
_EXO_POP = ('<script data-cfasync="false" type="text/javascript" '
            'src="//a.pemsrv.com/popunder1000.js" data-exo-idzone="4711002"></script>\n')
_SOURCE = ('<p>Source: <a href="https://www.bbc.co.uk/news/science-environment-61234567" '
           'rel="nofollow">Source link</a></p>\n')


def _post(*parts: str) -> str:
    """An own post: three paragraphs with `parts` after the first."""
    return _PARAS[0] + "".join(parts) + _PARAS[1] + _PARAS[2]


def _audit(content: str, engine: Engine, catalogue: Catalogue, link: str = _LINK) -> PageReport:
    dump = {"id": 4021, "link": link, "title": {"rendered": "Raised-bed tomatoes"},
            "content": {"rendered": content, "protected": False}}
    return audit_document(document_from_object(dump, "posts.json"), engine, catalogue)


def _ad_in_body(report: PageReport) -> list[tuple[str, Severity]]:
    return sorted((f.evidence, f.severity) for f in report.findings if f.kind == "ad-in-body")


# (plugin, its block around a unit, the network the unit is)
OWN_POSTS = [
    ("Ad Inserter", '<div class="code-block code-block-1" style="margin: 8px auto; text-align: '
     'center; display: block; clear: both;">\n' + _ADSENSE + "</div>\n", "Google AdSense"),
    ("Ad Inserter", '<div class="code-block code-block-4 ai-desktop" style="margin: 8px 0; '
     'clear: both;">\n' + _GPT + "</div>\n", "Google Publisher Tag"),
    ("WP QUADS", "<!-- WP QUADS Content Ad Plugin v. 2.0.80 -->\n<div class=\"quads-location "
     'quads-ad2" id="quads-ad2" style="float:none;margin:0px;">\n' + _ADSENSE + "</div>\n",
     "Google AdSense"),
    # the site's host makes the prefix: www.allotmentdiary.test → `allot-`
    ("Advanced Ads", '<div class="allot-content" id="allot-1839201744">' + _GPT + "</div>\n",
     "Google Publisher Tag"),
    ("Advanced Ads", '<div style="margin-left: auto; margin-right: auto; text-align: center;" '
     'id="advads-402211937">' + _ADSENSE + "</div>\n", "Google AdSense"),
    ("Insert Post Ads", '<div class="Xk3pQ9aZ" style="clear:both;float:left;width:100%;'
     'margin:0 0 20px 0;">' + _ADSENSE + "</div>", "Google AdSense"),
    ("the Newspaper theme", '<div class="td-a-rec td-a-rec-id-content_inline  tdi_31 '
     'td_block_template_1">' + _ADSENSE + "</div>", "Google AdSense"),
    ("the Jannah theme", '<div class="stream-item stream-item-in-post stream-item-inline-post '
     'aligncenter">' + _ADSENSE + "</div>", "Google AdSense"),
    ("Ezoic", "<!-- Ezoic - incontent_5 - mid_content -->\n"
     '<div id="ezoic-pub-ad-placeholder-105"></div>\n'
     "<!-- End Ezoic - incontent_5 - mid_content -->\n", "Ezoic"),
    ("Ezoic", '<div id="ezoic-pub-ad-placeholder-112">' + _ADSENSE + "</div>\n", "Google AdSense"),
]


@pytest.mark.parametrize(("plugin", "block", "network"), OWN_POSTS,
                         ids=[f"{p}-{n}" for p, _, n in OWN_POSTS])
def test_a_unit_in_the_sites_own_plugin_block_is_a_check(
        plugin: str, block: str, network: str, engine: Engine, catalogue: Catalogue) -> None:
    report = _audit(_post(block), engine, catalogue)
    found = [f for f in report.findings if f.kind == "ad-in-body"]
    assert [(f.evidence, f.severity) for f in found] == [(network, M)]
    assert f"in an in-content block of {plugin}:" in found[0].message
    assert "site's own plugin placed it" in found[0].message
    assert not [f for f in report.findings if f.severity is H]


def test_the_finding_id_of_a_unit_in_a_block_is_not_the_injected_ones(
        engine: Engine, catalogue: Catalogue) -> None:
    """A baseline that accepted the check does not hide the same unit pasted raw."""
    block = '<div class="code-block code-block-1">' + _ADSENSE + "</div>"
    placed = _audit(_post(block), engine, catalogue).findings
    raw = _audit(_post(_ADSENSE), engine, catalogue).findings
    assert [f.severity for f in raw if f.kind == "ad-in-body"] == [H]
    assert {f.id for f in placed if f.kind == "ad-in-body"}.isdisjoint(
        f.id for f in raw if f.kind == "ad-in-body")


# (why, post content): the same units with a kit's mark stay high
KIT_MARKED = [
    # the seed's form: another site's article, ExoClick and JuicyAds pasted raw before and after
    ("copied article, units raw",
     _EXOCLICK + _JUICYADS + _post() + _SOURCE + _EXOCLICK + _JUICYADS),
    # the kit puts Ad Inserter's class round its units: the copy still tells
    ("copied article, units in a block",
     '<div class="code-block code-block-1">' + _EXOCLICK + _JUICYADS + "</div>"
     + _post() + _SOURCE),
    ("a pop tag in the block", _post('<div class="code-block code-block-2">' + _EXOCLICK + _EXO_POP
                                     + _JUICYADS + "</div>")),
    ("a pop tag outside the block", _post('<div class="code-block code-block-2">' + _EXOCLICK
                                          + _JUICYADS + "</div>", _EXO_POP)),
    # the plugin writes each of its units in a block: the network pasted raw beside it is a kit's
    ("the same networks pasted raw too", _post(
        '<div class="quads-location quads-ad1" id="quads-ad1">' + _EXOCLICK + _JUICYADS + "</div>",
        _EXOCLICK.replace("4711001", "4711009"), _JUICYADS.replace("1190001", "1190009"))),
]


@pytest.mark.parametrize(("why", "content"), KIT_MARKED, ids=[w for w, _ in KIT_MARKED])
def test_a_kits_mark_keeps_every_unit_injected(
        why: str, content: str, engine: Engine, catalogue: Catalogue) -> None:
    report = _audit(content, engine, catalogue)
    assert _ad_in_body(report) == [("ExoClick", H), ("JuicyAds", H)]


# (why, post content): markup that is no plugin's block leaves its unit injected
NOT_A_BLOCK = [
    ("a unit outside any block", _post(_ADSENSE)),
    ("BEM code-snippet styling, no block number",
     _post('<div class="code-block code-block--light">' + _ADSENSE + "</div>")),
    ("Advanced Ads' id form with another site's prefix",
     _post('<div id="fresh-1839201744">' + _ADSENSE + "</div>")),
    ("a random class without Insert Post Ads' style",
     _post('<div class="Xk3pQ9aZ" style="margin:0 auto;">' + _ADSENSE + "</div>")),
]


@pytest.mark.parametrize(("why", "content"), NOT_A_BLOCK, ids=[w for w, _ in NOT_A_BLOCK])
def test_markup_that_is_no_plugins_block_leaves_the_unit_injected(
        why: str, content: str, engine: Engine, catalogue: Catalogue) -> None:
    assert _ad_in_body(_audit(content, engine, catalogue)) == [("Google AdSense", H)]


def test_only_the_units_in_a_block_are_a_check(engine: Engine, catalogue: Catalogue) -> None:
    """A block of AdSense and a raw GPT unit: the plugin's unit is a check, the pasted one not."""
    report = _audit(_post('<div class="code-block code-block-1">' + _ADSENSE + "</div>", _GPT),
                    engine, catalogue)
    assert _ad_in_body(report) == [("Google AdSense", M), ("Google Publisher Tag", H)]


def test_ad_in_body_help_names_the_plugin_blocks_and_what_keeps_them_high() -> None:
    help_text = finding_kind("ad-in-body").help
    assert Severity.MEDIUM in finding_kind("ad-in-body").severities
    for words in ("code-block-N", "quads-location", "Ezoic", "copied article", "pop tag"):
        assert words in help_text


def test_a_plugins_blocks_each_with_its_loader_are_no_pasted_copies(
        engine: Engine, catalogue: Catalogue) -> None:
    """AdSense's code carries its loader with each unit, and a plugin writes each unit's code
    in its own block: two blocks make two copies, the publisher's own (low), as on a full
    page; the same copies pasted raw are a kit's (medium)."""
    second = _ADSENSE.replace("2718281828", "1414213562")
    blocks = _post('<div class="code-block code-block-1">' + _ADSENSE + "</div>",
                   '<div class="code-block code-block-2">' + second + "</div>")

    def copies(content: str) -> list[Severity]:
        report = _audit(content, engine, catalogue)
        return [f.severity for f in report.findings if f.kind == "duplicate-loader"]

    assert copies(blocks) == [Severity.LOW]
    assert copies(_post(_ADSENSE, second)) == [M]


def test_a_post_of_many_blocks_is_read_in_linear_time(engine: Engine,
                                                      catalogue: Catalogue) -> None:
    """Each unit and loader asked every block whether it held it: a post of 4,000 Ad
    Inserter blocks (1.7 MB) took 18 s, 2,000 of them 7 times 500's. The blocks are looked
    up per level of a unit's path; four times the blocks cost about four times the time (a
    cost per pair would be sixteen): six is the bound, as the page's other costs are linear
    too."""
    import time

    def seconds(n: int) -> float:
        blocks = "".join(f'<div class="code-block code-block-{i}">'
                         + _ADSENSE.replace("2718281828", str(1_000_000_000 + i))
                         + f"</div><p>Paragraph {i}.</p>" for i in range(n))
        start = time.perf_counter()
        assert {s for _, s in _ad_in_body(_audit(_post(blocks), engine, catalogue))} == {M}
        return time.perf_counter() - start

    seconds(20)
    # the fastest of two runs each: a loaded machine only ever slows a run down
    small, large = (min(seconds(n) for _ in range(2)) for n in (500, 2_000))
    assert large < 6 * max(small, 0.01), (small, large)


# PopAds' tag as its publisher panel gives it (site ID made up): a pop, no slot
_POPADS = ("<script type=\"text/javascript\" data-cfasync=\"false\">/*<![CDATA[/* */(function(){"
           "var _pop=_pop||[];_pop.push(['siteId', 4827163]);_pop.push(['minBid', 0]);"
           "_pop.push(['popundersPerIP', 0]);_pop.push(['default', false]);var pa=document."
           "createElement('script');pa.type='text/javascript';pa.async=true;pa.src='//c1.popads.net"
           "/pop.js';(document.getElementsByTagName('head')[0]||document.body).appendChild(pa);"
           "})();/*]]>*/</script>\n")


@pytest.mark.parametrize(("why", "content", "network"), [
    ("ExoClick's popunder tag alone", _post(_EXO_POP), "ExoClick"),
    ("PopAds' tag alone", _post(_POPADS), "PopAds"),
    ("a pop tag in a copied article", _post() + _SOURCE + _EXO_POP, "ExoClick"),
], ids=["exoclick", "popads", "copied"])
def test_a_pop_tag_in_a_post_body_is_injected(
        why: str, content: str, network: str, engine: Engine, catalogue: Catalogue) -> None:
    """A pop network's tag in `content.rendered`: a pop has no slot, so `ad-in-body` said
    nothing and the post read only the `popunder` finding's `medium`. Sites add pops
    site-wide, not in a post, and no ad plugin's block writes one there: injected, as a
    unit pasted raw is."""
    report = _audit(content, engine, catalogue)
    assert _ad_in_body(report) == [(network, H)]
    found = [f for f in report.findings if f.kind == "ad-in-body"]
    assert "pop tag injected inside the post body" in found[0].message
    assert [f.severity for f in report.findings if f.kind == "popunder"] == [M]


@pytest.mark.parametrize(("content", "network"), [
    (_post("<noscript>" + _EXO_POP + "</noscript>"), "ExoClick"),
    (_post("<noscript>" + _POPADS + "</noscript>"), "PopAds"),
], ids=["exoclick", "popads"])
def test_a_pop_tag_inside_noscript_in_a_post_is_an_inert_copy(
        content: str, network: str, engine: Engine, catalogue: Catalogue) -> None:
    """Script inside `<noscript>` never runs (scripting on, it is text; off, no script
    runs): the pasted pop tag is reported, but as a check (medium), and its `popunder`
    as low, not as a live pop a reviewer acts on."""
    report = _audit(content, engine, catalogue)
    assert _ad_in_body(report) == [(network, M)]
    assert "inert copy inside <noscript>" in next(
        f.message for f in report.findings if f.kind == "ad-in-body")
    assert [f.severity for f in report.findings if f.kind == "popunder"] == [Severity.LOW]


def test_a_pop_tag_in_an_svg_noscript_runs(engine: Engine, catalogue: Catalogue) -> None:
    """Inside `<svg>` a `<noscript>` is an SVG element like any other, no HTML noscript,
    and a `<script>` under it is an SVG script, which runs: a pop tag hidden there is live
    (an injector's cheap dress for a tag a reviewer would read as inert)."""
    report = _audit(_post("<svg><noscript>" + _POPADS + "</noscript></svg>"), engine,
                    catalogue)
    assert _ad_in_body(report) == [("PopAds", H)]
    assert [f.severity for f in report.findings if f.kind == "popunder"] == [M]


def test_a_pop_tag_in_a_noscript_in_svgs_html_island_is_a_copy(
        engine: Engine, catalogue: Catalogue) -> None:
    """`<foreignObject>` takes the parser back to HTML: a `<noscript>` there is one."""
    report = _audit(_post("<svg><foreignObject><noscript>" + _POPADS +
                          "</noscript></foreignObject></svg>"), engine, catalogue)
    assert _ad_in_body(report) == [("PopAds", M)]


def test_a_live_pop_tag_beside_its_noscript_copy_stays_high(
        engine: Engine, catalogue: Catalogue) -> None:
    report = _audit(_post("<noscript>" + _EXO_POP + "</noscript>" + _EXO_POP), engine,
                    catalogue)
    assert _ad_in_body(report) == [("ExoClick", H)]
    assert [f.severity for f in report.findings if f.kind == "popunder"] == [M]


def test_a_pop_networks_image_in_a_post_is_no_pop_tag(engine: Engine,
                                                       catalogue: Catalogue) -> None:
    """A post reviewing pop networks shows a logo hotlinked from one's site: an image
    opens no window, so it is no pop tag, neither `ad-in-body` nor `popunder`."""
    report = _audit(_post('<p>PopAds pays daily.</p><img src="https://www.popads.net/images/'
                          'logo.png" alt="PopAds logo">\n'), engine, catalogue)
    assert not [f for f in report.findings if f.kind in ("ad-in-body", "popunder")]
