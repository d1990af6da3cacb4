"""Another site's document in a frame of the page, outside every ad slot (a game embed, a
video player, a widget the page frames): its AdSense unit and what it requests name that
site's accounts, not the page operator's, whether the copy keeps the document as an MHTML
part or in the frame's `srcdoc` beside the `src` it was loaded from. The frame element's
own `src` is the page's request: what it names stays the operator's. Pages written here."""

from __future__ import annotations

import html

from mhtml_fixtures import Part, chrome

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit, audit_records
from auditor.readers import read_source
from auditor.rules import Engine

_HEAD = "<html><head><title>t</title></head><body><p>The story a reader came for.</p>\n"

# a games site's embed page, showing its own AdSense unit
_EMBED = ("<html><body><ins class='adsbygoogle' style='display:inline-block;width:300px;"
          "height:250px' data-ad-client='ca-pub-9999888877776666' data-ad-slot='5555444433'>"
          "</ins><script>(adsbygoogle = window.adsbygoogle || []).push({});</script><script "
          "async src='https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client="
          "ca-pub-9999888877776666'></script>"
          "</body></html>")
_THEIRS = {"ca-pub-9999888877776666", "5555444433"}


def _values(report: PageReport) -> set[str]:
    return {i.value for i in report.ids}


def _mhtml(location: str, catalogue: Catalogue) -> PageReport:
    page = _HEAD + ("<iframe src='cid:frame-v@mhtml.blink' width='640' height='360'>"
                    "</iframe></body></html>")
    data = chrome("https://city.test/story", "t", [
        Part("text/html", "https://city.test/story", page.encode()),
        Part("text/html", location, _EMBED.encode(), cid="frame-v@mhtml.blink")])
    (report,) = audit_records(read_source(data), Engine.from_text("", name="t"), catalogue)
    return report


def test_another_sites_frame_part_names_none_of_the_operators_ids(
        catalogue: Catalogue) -> None:
    report = _mhtml("https://games.example/embed/42", catalogue)
    assert not _values(report) & _THEIRS
    assert [s.network for s in report.slots] == ["Google AdSense"]  # an ad shows there
    # the same document at the page's own site is the site's: its unit is the operator's
    assert _THEIRS <= _values(_mhtml("https://www.city.test/embed/42", catalogue))


def _srcdoc(src: str, catalogue: Catalogue) -> PageReport:
    page = _HEAD + (f"<iframe{src} width='640' height='360' srcdoc=\"{html.escape(_EMBED)}\">"
                    "</iframe></body></html>")
    (report,) = audit(page.encode(), url="https://city.test/story", catalogue=catalogue,
                      engine=Engine.from_text("", name="t")).pages
    return report


def test_a_srcdoc_loaded_from_another_site_names_none_of_the_operators_ids(
        catalogue: Catalogue) -> None:
    assert not _values(_srcdoc(" src='https://games.example/embed/42'", catalogue)) & _THEIRS
    # a document the page wrote into its frame, or one from its own site, is the page's
    assert "5555444433" in _values(_srcdoc("", catalogue))
    assert "5555444433" in _values(_srcdoc(" src='https://city.test/embed/42'", catalogue))


def test_the_frames_own_src_stays_the_pages_request(catalogue: Catalogue) -> None:
    # the player's URL names the page's own account with the vendor: the page requests it
    report = _srcdoc(" src='https://www.googletagmanager.com/ns.html?id=GTM-PAGE123'", catalogue)
    assert "GTM-PAGE123" in _values(report)
    assert not _values(report) & _THEIRS


def test_a_frame_of_the_sites_static_domain_is_the_sites(catalogue: Catalogue) -> None:
    """A srcdoc kept beside its src on the static domain the page's head links its sheets
    from (a site's static domain of another name) is the site's own ad module: its AdSense
    publisher is the operator's (dropped since 25744d1 as another site's)."""
    sheets = "".join(f"<link rel='stylesheet' href='https://cdn.citystatic.test/{n}.css'>"
                     for n in ("main", "story"))
    page = (f"<html><head><title>t</title>{sheets}</head><body><p>The story a reader came "
            "for.</p>\n<iframe src='https://cdn.citystatic.test/ads/frame.html' width='300' "
            f"height='250' srcdoc=\"{html.escape(_EMBED)}\"></iframe></body></html>")
    (report,) = audit(page.encode(), url="https://city.test/story", catalogue=catalogue,
                      engine=Engine.from_text("", name="t")).pages
    assert _THEIRS <= _values(report)
    # one sheet of that domain beside the site's own two: another site's document still
    page = page.replace(sheets, sheets.replace("cdn.citystatic.test/story", "city.test/a")
                        + "<link rel='stylesheet' href='https://city.test/b.css'>")
    (report,) = audit(page.encode(), url="https://city.test/story", catalogue=catalogue,
                      engine=Engine.from_text("", name="t")).pages
    assert not _values(report) & _THEIRS
