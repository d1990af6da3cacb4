"""Pages a browser saved, audited as the page they copy: an MHTML's parts are what the page
loaded (the ad frames' own requests among them), and a "Save Page As, complete" copy's mark
of the web gives the page's URL and its saved files' names say whose code they were.

The pages are ours: an article with an AdSense unit, a GPT slot and a Meta pixel, saved by
Chrome as a single file (tests/mhtml_fixtures.py) and as a complete page (below).
"""

from __future__ import annotations

import json
from html import escape as html_escape
from pathlib import Path

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit_document, audit_records
from auditor.readers import Document, read_source
from auditor.rules import Engine
from auditor.saved import saved_from_url
from tests.mhtml_fixtures import (
    AD_FRAME_URL,
    CREATIVE_URL,
    GPT_CREATIVE_URL,
    GPT_VIEW_URL,
    PAGE_URL,
    PIXEL_URL,
    Part,
    chrome,
    saved_article,
)


def _mhtml(engine: Engine, catalogue: Catalogue) -> PageReport:
    (report,) = audit_records(read_source(saved_article()), engine, catalogue)
    return report


def test_mhtml_parts_are_the_pages_requests(project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    report = _mhtml(project_engine, catalogue)
    assert report.url == PAGE_URL and report.first_party == "harbourgazette.test"
    by_url = {r.url: r for r in report.resources}
    # the AdSense frame, at its iframe's line in the page (its `cid:` address resolved)
    frame = by_url[AD_FRAME_URL]
    assert frame.via == "iframe[src]" and frame.line == 5 and frame.network == "Google AdSense"
    # what the frames loaded, which the page's markup never shows: saved parts, cited at the
    # page's iframe that holds each frame (GPT's, with no URL, by its `cid:` address)
    for url, network, line in ((CREATIVE_URL, "Google AdSense", 5),
                               (GPT_CREATIVE_URL, "Google AdSense", 7),
                               (GPT_VIEW_URL, "Google Publisher Tag", 7)):
        assert by_url[url].via == "mhtml part iframe[srcdoc] img[src]", url
        assert (by_url[url].line, by_url[url].network) == (line, network), url
        assert by_url[url].xpath.endswith("/iframe"), url
    assert by_url[PIXEL_URL].via == "img[src]"  # in the page too: cited there, once
    assert sum(r.url == PIXEL_URL for r in report.resources) == 1
    seen = {n.network: n.seen.value for n in report.networks}
    assert seen == {"Google AdSense": "loaded", "Google Publisher Tag": "loaded",
                    "Facebook Pixel": "loaded"}
    assert {(i.kind, i.value) for i in report.ids} >= {
        ("adsense-publisher", "ca-pub-4455667788990011"), ("facebook-pixel", "1234567890123456")}
    assert "cid:" not in json.dumps(report.to_dict()["resources"])


def test_parts_with_no_place_in_the_page_are_placed_nowhere(project_engine: Engine,
                                                             catalogue: Catalogue) -> None:
    """A part the page's markup does not show (a script kept by IE, a frame no iframe
    names) is on line 0: never "before <html>" on a page that writes a script there."""
    page = (b"<script src='https://www.quay.test/own.js'></script>\n<!DOCTYPE html>\n"
            b"<html><head><title>Quay works</title></head><body><p>Works start in May.</p>"
            b"</body></html>")
    frame = b"<html><body><img src='https://px.widgetvendor.test/p.gif'></body></html>"
    data = chrome("https://www.quay.test/works", "Quay works", [
        Part("text/html", "https://www.quay.test/works", page),
        Part("application/javascript", "https://securepubads.g.doubleclick.net/tag/js/gpt.js",
             b"var googletag;"),
        Part("application/javascript", "https://cdn.widgetvendor.test/w.js", b"var w;"),
        Part("text/html", "https://widgets.widgetvendor.test/frame.html", frame),
    ])
    (report,) = audit_records(read_source(data), project_engine, catalogue)
    parts = [r for r in report.resources if r.via.startswith("mhtml part")]
    assert {r.url for r in parts} == {
        "https://securepubads.g.doubleclick.net/tag/js/gpt.js", "https://cdn.widgetvendor.test/w.js",
        "https://widgets.widgetvendor.test/frame.html", "https://px.widgetvendor.test/p.gif"}
    assert {(r.line, r.xpath) for r in parts} == {(0, "/html")}
    assert not report.findings, [f.message for f in report.findings]


def test_a_frame_an_ad_frame_holds_is_cited_at_the_pages_iframe(project_engine: Engine,
                                                                  catalogue: Catalogue) -> None:
    """An ad frame's own frames (AdSense's creative in a SafeFrame, a written about:blank
    frame inside it, nested again) are cited at the page's iframe holding the outermost,
    not at line 0 as frames no iframe of the page names."""
    safeframe = "https://tpc.googlesyndication.com/safeframe/1-0-40/html/container.html"
    page = (b"<!DOCTYPE html><html><head><title>Quay works</title></head><body>\n"
            b"<p>Works start in May.</p>\n"
            b'<ins class="adsbygoogle"><iframe id="aswift_0" src="cid:frame-a@mhtml.blink">'
            b"</iframe></ins>\n</body></html>")
    outer = b'<html><body><iframe src="cid:frame-b@mhtml.blink"></iframe></body></html>'
    middle = b'<html><body><iframe src="cid:frame-c@mhtml.blink"></iframe></body></html>'
    inner = f'<html><body><img src="{CREATIVE_URL}"></body></html>'.encode()
    data = chrome("https://www.quay.test/works", "Quay works", [
        Part("text/html", "https://www.quay.test/works", page, cid="frame-p@mhtml.blink"),
        Part("text/html", AD_FRAME_URL, outer, cid="frame-a@mhtml.blink"),
        Part("text/html", safeframe, middle, cid="frame-b@mhtml.blink"),
        Part("text/html", "about:blank", inner, cid="frame-c@mhtml.blink"),
    ])
    (report,) = audit_records(read_source(data), project_engine, catalogue)
    by_url = {r.url: r for r in report.resources}
    assert {u: by_url[u].line for u in (AD_FRAME_URL, safeframe, CREATIVE_URL)} == {
        AD_FRAME_URL: 3, safeframe: 3, CREATIVE_URL: 3}
    assert by_url[CREATIVE_URL].xpath.endswith("/iframe")


# the article as Chrome's "Webpage, Complete" writes it: the mark of the web, the page's
# scripts kept with their `src` pointing into the folder of saved files
COMPLETE = """<!DOCTYPE html>
<!-- saved from url=(0055)https://www.harbourgazette.test/2026/12/ferry-timetable -->
<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>Ferry timetable changes</title>
<script async="" src="./Ferry timetable changes_files/pubads_impl.js.download"></script>
<script async="" src="./Ferry timetable changes_files/show_ads_impl_fy2021.js.download"></script>
<script src="./Ferry timetable changes_files/fbevents.js.download"></script>
<script async="" src="./Ferry timetable changes_files/js"></script>
<script async="" src="./Ferry timetable changes_files/js(1).download"></script>
<script async="" src="./Ferry timetable changes_files/analytics.js.download"></script>
<script async="" src="./Ferry timetable changes_files/adsbygoogle.js.download"></script>
<script src="./Ferry timetable changes_files/jquery.min.js.download"></script>
<script src="./Ferry timetable changes_files/main.js.download"></script>
<link rel="stylesheet" href="./Ferry timetable changes_files/site.css">
</head><body><article><h1>Ferry timetable changes</h1>
<p>The winter timetable starts on Monday, with the last crossing at 21:40.</p>
<img src="./Ferry timetable changes_files/ferry.jpg" alt="The ferry at the quay"></article>
</body></html>
"""


def _complete(engine: Engine, catalogue: Catalogue, text: str = COMPLETE,
              url: str | None = None) -> PageReport:
    doc = Document(input="Ferry timetable changes.html", kind="html", text=text, url=url)
    return audit_document(doc, engine, catalogue)


def test_complete_copy_names_only_the_distinctive_saved_files(project_engine: Engine,
                                                              catalogue: Catalogue) -> None:
    report = _complete(project_engine, catalogue)
    assert report.url == PAGE_URL and report.first_party == "harbourgazette.test"
    named = {r.url.rsplit("/", 1)[-1]: r.network for r in report.resources}
    assert named["pubads_impl.js.download"] == "Google Publisher Tag"
    assert named["show_ads_impl_fy2021.js.download"] == "Google AdSense"
    assert named["fbevents.js.download"] == "Facebook Pixel"
    # names others' code shares name nothing: gtag's `js` is the Maps API's `js` too, and
    # analytics.js, adsbygoogle.js (an ad-block bait's name), jquery and main are anyone's
    for name in ("js", "js(1).download", "analytics.js.download", "adsbygoogle.js.download",
                 "jquery.min.js.download", "main.js.download", "site.css", "ferry.jpg"):
        assert named[name] is None, name
    # no host is made up: every saved file is the page's own, as the copy loads it
    assert {r.host for r in report.resources} == {"www.harbourgazette.test"}
    assert not report.third_party_hosts
    assert {n.network: n.seen.value for n in report.networks} == {
        "Google Publisher Tag": "loaded", "Google AdSense": "loaded", "Facebook Pixel": "loaded"}


@pytest.mark.parametrize("src", [
    # a site's own ChatGPT widget (a WordPress chatbot plugin's file), live or saved: the
    # name is no Google Publisher Tag's, though GPT's loader bears it too
    "https://www.harbourgazette.test/wp-content/plugins/ai-chatbot-gpt/js/gpt.js?ver=1.2.3",
    "/assets/js/gpt.js",
    "./Ferry timetable changes_files/gpt.js.download",
])
def test_a_sites_own_gpt_js_names_no_vendor(src: str, project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    text = (f'<html><head><title>Ask our assistant</title><script src="{src}"></script>'
            '</head><body><div id="gpt-chat"></div><p>Ask about the timetable.</p></body></html>')
    report = _complete(project_engine, catalogue, text, url=PAGE_URL)
    assert [r.network for r in report.resources] == [None]
    assert not report.networks


@pytest.mark.parametrize(("name", "network"), [
    # Amazon's loader keeps its documented name (c.amazon-adsystem.com/aax2/apstag.js)
    ("apstag.js", "Amazon Publisher Services"),
    ("apstag.js.download", "Amazon Publisher Services"),
    # a Prebid.js build named for its version, as prebid1. to prebid9. builds are
    ("prebid-v2.44.6.js", "Prebid.js"),
    ("prebid-v7.js.download", "Prebid.js"),
    # an ad-block bait of Prebid's name, and a name with no version, are no one's
    ("prebid-ads.js", None),
    ("prebid-video.js", None),
])
def test_a_saved_copys_header_bidding_files_keep_their_vendor(
        name: str, network: str | None, project_engine: Engine, catalogue: Catalogue) -> None:
    text = (f'<html><head><title>Ferry</title><script async src="./Ferry_files/{name}"></script>'
            '</head><body><p>The ferry timetable changes on Monday.</p></body></html>')
    report = _complete(project_engine, catalogue, text, url=PAGE_URL)
    assert [r.network for r in report.resources] == [network]


def test_a_given_url_stands_over_the_mark(project_engine: Engine,
                                          catalogue: Catalogue) -> None:
    report = _complete(project_engine, catalogue, url="https://mirror.example.test/ferry")
    assert report.first_party == "example.test"


@pytest.mark.parametrize("url", [
    "https://en.wikipedia.org/wiki/Ender's_Game",  # a path keeps its apostrophe
    "https://www.harbourgazette.test/search?q=ferry&page=2",
    "https://www.harbourgazette.test/a-%2Db",  # Chrome writes `--` as `-%2D` in the mark
])
def test_the_mark_gives_the_url_a_browser_wrote(url: str) -> None:
    assert saved_from_url(f"<!DOCTYPE html>\n<!-- saved from url=({len(url):04d}){url} -->\n"
                          "<html><p>x</p></html>") == url


@pytest.mark.parametrize("text", [
    # the length the mark gives is not its URL's: no browser wrote it
    COMPLETE.replace("(0055)", "(0054)"),
    # a developer's mark that runs a local file in the Internet zone names no page
    "<!DOCTYPE html>\n<!-- saved from url=(0014)about:internet -->\n<html><p>x</p></html>",
    # a mark a script writes, or one deep in the page, is the page's text
    "<script>document.write('x')</script><!-- saved from url=(0018)https://a.test/x/y -->",
    "<html><body>" + "<p>filler</p>" * 300 + "<!-- saved from url=(0018)https://a.test/x/y -->",
])
def test_marks_no_browser_wrote_give_no_url(text: str) -> None:
    assert saved_from_url(text) is None


def test_a_saved_wayback_replay_is_still_its_original(project_engine: Engine,
                                                      catalogue: Catalogue) -> None:
    wayback = f"https://web.archive.org/web/20240312081530/{PAGE_URL}"
    text = (f"<!DOCTYPE html>\n<!-- saved from url=({len(wayback):04d}){wayback} -->\n"
            "<html><head><title>Ferry</title></head><body><p>Timetable</p></body></html>")
    report = _complete(project_engine, catalogue, text)
    assert report.replay is not None and report.replay.original == PAGE_URL
    assert report.first_party == "harbourgazette.test"


def test_an_mhtml_of_a_wayback_replay_is_its_original(project_engine: Engine,
                                                      catalogue: Catalogue) -> None:
    """Chrome's single-file save of a Wayback page: the snapshot URL is the replay's, and
    the parts are at the archive's wrapped URLs; both read as the original's."""
    wayback = "https://web.archive.org/web/20240312081530"
    page = (f'<!DOCTYPE html><html><head><title>Ferry</title></head><body><p>Timetable</p>'
            f'<img src="{wayback}im_/https://www.harbourgazette.test/img/ferry.jpg">'
            f"</body></html>").encode()
    data = chrome(f"{wayback}/{PAGE_URL}", "Ferry", [
        Part("text/html", f"{wayback}/{PAGE_URL}", page),
        Part("image/jpeg", f"{wayback}im_/https://www.harbourgazette.test/img/ferry.jpg", b"x"),
        Part("image/gif", f"{wayback}im_/{PIXEL_URL}", b"GIF89a"),
    ])
    (report,) = audit_records(read_source(data), project_engine, catalogue)
    assert report.replay is not None and report.replay.original == PAGE_URL
    assert report.first_party == "harbourgazette.test"
    assert {r.url for r in report.resources} == {
        "https://www.harbourgazette.test/img/ferry.jpg", PIXEL_URL}
    assert [n.network for n in report.networks] == ["Facebook Pixel"]


def _mark(url: str) -> str:
    return f"<!-- saved from url=({len(url):04d}){url} -->"


# a complete copy's frames: Chrome saves each frame's document in the folder, with the mark
# of the web naming the frame's URL, and points the page's `<iframe src>` at it
FRAME_PAGE = f"""<!DOCTYPE html>
{_mark(PAGE_URL)}
<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>Ferry timetable changes</title></head><body><article><h1>Ferry timetable changes</h1>
<p>The winter timetable starts on Monday, with the last crossing at 21:40.</p></article>
<aside><ins class="adsbygoogle" style="display:inline-block;width:300px;height:250px"
 data-ad-client="ca-pub-4512345678901234" data-ad-slot="9876543210"><iframe id="aswift_0"
 width="300" height="250" src="./Ferry_files/saved_resource.html"></iframe></ins></aside>
<iframe src="./Ferry_files/saved_resource(1).html" width="0" height="0" style="display:none">
</iframe><iframe src="{{escape}}" width="0" height="0" style="display:none"></iframe>
</body></html>
"""
TDS_URL = "https://stat-counter7.example/in.cgi?3"
FRAME_FILES = {
    "saved_resource.html": f"""<!DOCTYPE html>
{_mark(AD_FRAME_URL)}
<html><body><a href="https://adclick.g.doubleclick.net/pcs/click?xai=AKAOjsabc">
<img src="{CREATIVE_URL}" width="300" height="250"></a>
<iframe src="./saved_resource(2).html" width="0" height="0"></iframe></body></html>""",
    "saved_resource(1).html": f"""{_mark(TDS_URL)}
<html><body><script src="https://stat-counter7.example/track.js"></script></body></html>""",
    "saved_resource(2).html": f"""{_mark(GPT_VIEW_URL)}
<html><body><img src="{PIXEL_URL}"></body></html>""",
}


@pytest.mark.parametrize("escape", [
    "../secret/frame.html", "./Ferry_files/../secret/frame.html", "./Outside_files/frame.html",
    "{secret}/frame.html", "file://{secret}/frame.html", "./Ferry_files/frame.txt"])
def test_a_complete_copys_frames_are_read_from_its_folder_only(
        escape: str, tmp_path: Path, project_engine: Engine, catalogue: Catalogue) -> None:
    """A complete copy keeps each frame's document in its folder (`saved_resource.html`)
    with the frame's URL in its own mark; the page was read alone, its frames local files
    of its own host: no AdSense frame, creative or pixel, and a hidden frame to a TDS entry
    was no finding. The frames the page names in its folder are read as an MHTML's frame
    parts are (`via` `saved frame …`, cited at the page's iframe, which reads the frame's
    URL), nothing outside it: not a `..` path, a folder linked from elsewhere, another
    `_files` folder than one beside the page through a link, an absolute path or a file
    URL, nor a file no browser saves a frame as."""
    site, secret = tmp_path / "saved", tmp_path / "secret"
    (site / "Ferry_files").mkdir(parents=True)
    secret.mkdir()
    for name, text in FRAME_FILES.items():
        (site / "Ferry_files" / name).write_text(text)
    leak = '<html><body><img src="https://leak.example/read.gif"></body></html>'
    (secret / "frame.html").write_text(leak)
    (site / "Ferry_files" / "frame.txt").write_text(leak)
    (site / "Outside_files").symlink_to(secret, target_is_directory=True)
    page = site / "Ferry.html"
    page.write_text(FRAME_PAGE.replace("{escape}", escape.replace("{secret}", str(secret))))
    (report,) = audit_records(read_source(page), project_engine, catalogue)
    by_url = {r.url: r for r in report.resources}
    assert "leak.example" not in {r.host for r in report.resources}
    assert by_url[AD_FRAME_URL].via == "iframe[src]"  # the page's iframe reads its frame's URL
    assert by_url[CREATIVE_URL].via == "saved frame iframe[srcdoc] img[src]"
    assert by_url[PIXEL_URL].via == "saved frame iframe[srcdoc] img[src]"  # a frame's frame
    # the line the page's iframe opens on (`<iframe id="aswift_0"`, its tag ending on 8)
    assert by_url[CREATIVE_URL].line == by_url[PIXEL_URL].line == by_url[AD_FRAME_URL].line == 7
    assert by_url["https://stat-counter7.example/track.js"].line == 9
    # the AdSense ad's own frame, Google's view pixel, is the creative's: the page runs no GPT
    assert "Google AdSense" in {n.network for n in report.networks}
    assert "Google Publisher Tag" not in {n.network for n in report.networks}
    assert by_url[GPT_VIEW_URL].creative and not by_url[AD_FRAME_URL].creative
    hidden = [f for f in report.findings if f.kind == "hidden-iframe"]
    assert [(f.severity.value, f.line) for f in hidden] == [("high", 9)]
    assert TDS_URL in hidden[0].message


# a complete copy of an article embedding another site's game: the game's document, saved
# in the folder, shows its own ads in banner frames of an ad server
GAME_URL = "https://games.puzzle-harbour.test/play/tiles"
GAME_PAGE = f"""<!DOCTYPE html>
{_mark(PAGE_URL)}
<html><head><title>Ferry timetable changes</title></head><body><article>
<h1>Ferry timetable changes</h1><p>The winter timetable starts on Monday.</p></article>
<div class="embed"><iframe src="./Ferry_files/saved_resource.html" width="800" height="600"
 frameborder="0"></iframe></div></body></html>
"""
GAME_FRAME = f"""{_mark(GAME_URL)}
<html><body><h1>Tiles</h1><canvas width="640" height="480"></canvas>
<iframe src="https://ib.adnxs.com/tt?id=14500321&amp;size=300x250" width="300" height="250"
 frameborder="0"></iframe></body></html>"""


def test_a_saved_frames_own_ads_make_no_placement_of_the_frame(
        tmp_path: Path, project_engine: Engine, catalogue: Catalogue) -> None:
    """What a saved frame's document requests is cited at the page's frame holding it: an
    ad server's banner frame in another site's game makes the game's frame no banner of
    that ad server (an 800x600 Xandr slot), only the page's frame's own request could."""
    (tmp_path / "Ferry_files").mkdir()
    (tmp_path / "Ferry_files" / "saved_resource.html").write_text(GAME_FRAME)
    page = tmp_path / "Ferry.html"
    page.write_text(GAME_PAGE)
    (report,) = audit_records(read_source(page), project_engine, catalogue)
    assert "ib.adnxs.com" in {r.host for r in report.resources}  # the game's ad, read
    assert report.slots == ()


# a scraper page's ad frame, as its own file the page frames (`/ads/side.html`): an ExoClick
# zone tag in it, after ExoClick's published snippet (the loader Chrome's copy leaves out)
EXO_FRAME = ('<html><body><script async type="application/javascript" '
             'src="https://a.magsrv.com/ad-provider.js"></script>'
             '<ins class="eas6a97888e" data-zoneid="5123457"></ins>'
             '<script>(AdProvider = window.AdProvider || []).push({"serve": {}});</script>'
             "</body></html>")
SIDE_URL = "https://www.quay.test/ads/side.html"


def _slots(report: PageReport) -> list[tuple[str | None, str | None, int, str, int | None]]:
    return [(s.network, s.zone_id, s.line, s.xpath.rsplit("/", 1)[-1], s.width)
            for s in report.slots]


def test_a_slot_in_a_frame_the_page_holds_counts_once_at_the_frame(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A zone tag in a document a frame holds (an `<iframe srcdoc>`, or a saved copy's
    frame part) was no slot: the page's ad load left it out, and its zone no ID. It is
    one slot, cited at the page's frame, sized by it when the tag declares no size. Chrome
    keeps an `<iframe srcdoc>`'s attribute and saves its document as a part too: still
    one slot. A frame inside a slot of the page (AdSense's in its `<ins>`) adds none."""
    srcdoc = html_escape(EXO_FRAME, quote=True)
    frames = ('<iframe src="cid:frame-s@mhtml.blink" width="300" height="250"></iframe>\n'
              f'<iframe src="cid:frame-d@mhtml.blink" srcdoc="{srcdoc}" width="160" '
              'height="600"></iframe>\n<ins class="adsbygoogle" style="display:inline-block;'
              'width:728px;height:90px" data-ad-client="ca-pub-4455667788990011" '
              'data-ad-slot="2233445566"><iframe src="cid:frame-a@mhtml.blink" width="728" '
              'height="90"></iframe></ins>\n')
    page = (f"<html><head><title>Quay works</title></head><body>\n<article><p>"
            f"{'The quay works begin in spring. ' * 20}</p></article>\n{frames}</body></html>")
    in_frame = EXO_FRAME.replace("5123457", "5123458")  # AdSense's frame holding a zone tag
    data = chrome("https://www.quay.test/works", "Quay works", [
        Part("text/html", "https://www.quay.test/works", page.encode()),
        Part("text/html", SIDE_URL, EXO_FRAME.encode(), cid="frame-s@mhtml.blink"),
        Part("text/html", "about:srcdoc", EXO_FRAME.encode(), cid="frame-d@mhtml.blink"),
        Part("text/html", AD_FRAME_URL, in_frame.encode(), cid="frame-a@mhtml.blink"),
    ])
    (report,) = audit_records(read_source(data), project_engine, catalogue)
    assert _slots(report) == [("ExoClick", "5123457", 3, "iframe[1]", 300),
                              ("ExoClick", "5123457", 4, "iframe[2]", 160),
                              ("Google AdSense", "2233445566", 5, "ins", 728)]
    assert report.metrics.ad_slots == 3
    assert ("exoclick-zone", "5123457") in {(i.kind, i.value) for i in report.ids}
    assert "5123458" not in {i.value for i in report.ids}

    plain = (f"<html><head><title>Quay works</title></head><body>\n<article><p>"
             f"{'The quay works begin in spring. ' * 20}</p></article>\n"
             f'<iframe srcdoc="{srcdoc}" width="160" height="600"></iframe>\n</body></html>')
    report = audit_document(Document("t", "html", plain, "https://www.quay.test/works"),
                            project_engine, catalogue)
    assert _slots(report) == [("ExoClick", "5123457", 3, "iframe", 160)]


# a copy written by the DOM's XML serialisation (XMLSerializer), where an HTML element sits
# in a context whose default namespace is another: the serialiser generates a prefix for
# XHTML's namespace (`a0`, `a1`…) and writes the page's own tags with it
_XHTML_SERIALISED = (
    '<html xmlns=""><head><title>Harbour lights festival</title>\n'
    '<a0:script xmlns:a0="http://www.w3.org/1999/xhtml" async="" src="https://pagead2.'
    'googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-5566778899001122">'
    "</a0:script>\n"
    '<a0:script xmlns:a0="http://www.w3.org/1999/xhtml" async="" src="https://www.'
    'googletagmanager.com/gtag/js?id=G-HARBOUR12"></a0:script>\n'
    "</head><body><article><p>The lanterns go up along the quay at dusk.</p>\n"
    '<a0:ins xmlns:a0="http://www.w3.org/1999/xhtml" class="adsbygoogle" style="display:'
    'block" data-ad-client="ca-pub-5566778899001122" data-ad-slot="4455667788" '
    'data-ad-format="auto"></a0:ins>\n'
    '<a0:script xmlns:a0="http://www.w3.org/1999/xhtml">(adsbygoogle = window.adsbygoogle '
    "|| []).push({});</a0:script>\n<p>Boats leave the harbour at nine.</p></article>"
    "</body></html>")


def test_tags_a_serialiser_prefixed_with_xhtmls_namespace_are_the_pages(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """`<a0:script xmlns:a0="…/1999/xhtml">` is an HTML script: its loader, unit and IDs
    are read as the unprefixed tags' would be, at their lines; a prefix bound to another
    namespace is no HTML element."""
    report = audit_document(Document("t", "html", _XHTML_SERIALISED,
                                     "https://www.harbourlights.test/festival"),
                            project_engine, catalogue)
    assert {(i.kind, i.value) for i in report.ids} == {
        ("adsense-publisher", "ca-pub-5566778899001122"), ("ga-measurement-id", "G-HARBOUR12")}
    assert {n.network: n.seen.value for n in report.networks} == {
        "Google AdSense": "loaded", "Google Analytics": "loaded"}
    assert _slots(report) == [("Google AdSense", None, 5, "ins", None)]
    other = _XHTML_SERIALISED.replace("http://www.w3.org/1999/xhtml", "urn:example:widgets")
    report = audit_document(Document("t", "html", other, "https://www.harbourlights.test/f"),
                            project_engine, catalogue)
    assert report.ids == () and report.slots == ()


@pytest.mark.parametrize(("src", "network"), [
    # Chrome appends its word for "download" in the browser's language after the name's
    # own extension: Spanish, Latin American Spanish, French, Portuguese, Vietnamese
    ("./Inicio_files/gtm.js.descarga", "Google Tag Manager"),
    ("./Inicio_files/fbevents.js.descargar", "Facebook Pixel"),
    ("./Accueil_files/gtm(1).js.téléchargement", "Google Tag Manager"),
    ("./Início_files/pubads_impl.js.transferir", "Google Publisher Tag"),
    ("./Trang chủ_files/gtm.js.tải xuống", "Google Tag Manager"),
    # names anyone's code shares still name no one, and a word after a name outside a
    # saved page's folder is the site's own file name
    ("./Inicio_files/analytics.js.descarga", None),
    ("./Inicio_files/main.js.descarga", None),
    ("/assets/gtm.js.descarga", None),
    ("./Inicio_files/gtm.json.descarga", None),
])
def test_a_saved_copys_file_named_in_the_browsers_language(
        src: str, network: str | None, project_engine: Engine, catalogue: Catalogue) -> None:
    text = (f'<html><head><title>Inicio</title><script async src="{src}"></script>'
            '</head><body><p>El horario del ferry cambia el lunes.</p></body></html>')
    report = _complete(project_engine, catalogue, text, url=PAGE_URL)
    assert [r.network for r in report.resources] == [network]
