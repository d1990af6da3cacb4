"""What AdSense's loader writes for itself is no placement of the page's, and its loader
named in a script's string names AdSense and the client it asks for (pages written for
these tests)."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = ("<html><head><title>Story</title>{head}</head><body><article><h1>Story</h1>"
        "<p>The story's text, long enough to read as one.</p></article>{body}</body></html>")
CLIENT = "ca-pub-4417820593612278"
# the ins adsbygoogle.js writes at the body's end, as a DOM save keeps it once it showed
# no ad there: no client of the publisher's, AdSense's own unfilled mark
_OWN_UNFILLED = ('<ins class="adsbygoogle adsbygoogle-noablate" style="display: none '
                 '!important;" data-adsbygoogle-status="done" data-ad-status="unfilled">'
                 '<div id="aswift_0_host" style="border: none; height: 0px; width: 0px;">'
                 '<iframe id="aswift_0" name="aswift_0" width="0" height="0" frameborder="0">'
                 '</iframe></div></ins>')
_LOADER = (f'<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'
           f'?client={CLIENT}" crossorigin="anonymous"></script>')


def _page(engine: Engine, catalogue: Catalogue, head: str = "", body: str = "") -> PageReport:
    (page,) = audit(PAGE.format(head=head, body=body).encode(), url="https://news.test/a",
                    engine=engine, catalogue=catalogue).pages
    return page


def test_the_loaders_own_unfilled_ins_is_no_placement(project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    page = _page(project_engine, catalogue, head=_LOADER, body=_OWN_UNFILLED)
    assert not [s for s in page.slots if s.network == "Google AdSense"], page.slots


def test_a_publishers_unit_stays_one_filled_or_not(project_engine: Engine,
                                                   catalogue: Catalogue) -> None:
    """The publisher's own unit (its client on it) is a placement unfilled too, and so is
    one the loader placed for it (Auto ads: the client copied onto it)."""
    unit = (f'<ins class="adsbygoogle" style="display:block" data-ad-client="{CLIENT}" '
            'data-ad-slot="6183920475" data-ad-format="auto" data-adsbygoogle-status="done" '
            'data-ad-status="unfilled"></ins><script>(adsbygoogle = window.adsbygoogle || '
            '[]).push({});</script>')
    auto = ('<div class="google-auto-placed"><ins class="adsbygoogle adsbygoogle-noablate" '
            f'data-ad-format="auto" data-ad-client="{CLIENT}" data-adsbygoogle-status="done" '
            'style="display:block;height:280px" data-ad-status="unfilled"></ins></div>')
    page = _page(project_engine, catalogue, head=_LOADER, body=f"{unit}<p>More.</p>{auto}")
    assert len([s for s in page.slots if s.network == "Google AdSense"]) == 2, page.slots


def test_a_unit_with_its_slot_and_the_client_in_the_push_stays_one(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """A publisher's unit declares its ad unit (`data-ad-slot`), its client handed over in
    the push's parameters (`google_ad_client`) rather than on the ins: the publisher's
    placement, unfilled and carrying the loader's class or not."""
    head = ('<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js">'
            '</script><script>(adsbygoogle = window.adsbygoogle || []).push({google_ad_client: '
            f'"{CLIENT}", enable_page_level_ads: true}});</script>')
    unit = ('<ins class="adsbygoogle adsbygoogle-noablate" style="display:inline-block;'
            'width:728px;height:90px" data-ad-slot="6183920475" data-adsbygoogle-status="done" '
            'data-ad-status="unfilled"></ins><script>(adsbygoogle = window.adsbygoogle || '
            '[]).push({});</script>')
    page = _page(project_engine, catalogue, head=head, body=unit)
    assert [s.zone_id for s in page.slots if s.network == "Google AdSense"] == ["6183920475"]


def test_its_loader_in_a_scripts_string_names_adsense_and_the_client(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """Google's ad-block-recovery snippet asks for adsbygoogle.js with the publisher's
    client, the scheme joined on by the script: AdSense is on the page, with that client."""
    recovery = ('<script>!function(C,O,U,R,I,E,T){var p=(u,e)=>{var a=C.createElement(O),'
                'b=C.querySelector(O);a.src=R+u;b.parentNode.insertBefore(a,b)};'
                f'p("pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client={CLIENT}",T);'
                '}(document,"script",window,"https://","storage.googleapis.com","dblock",!0);'
                '</script>')
    page = _page(project_engine, catalogue, head=recovery, body=_OWN_UNFILLED)
    assert "Google AdSense" in {n.network for n in page.networks}
    assert ("adsense-publisher", CLIENT) in {(i.kind, i.value) for i in page.ids}
    assert not [s for s in page.slots if s.network == "Google AdSense"], page.slots


# an ad-block wall's check (antiblock.org's kit, as sites paste it): a map of ad scripts'
# addresses to the global each one sets, read to tell whether a blocker ate the script
_WALL = ("<script>(function(w,u){var h=w.document;var k={s:function(){var a={"
         "'pagead2.googlesyndic':'google_ad_client','js.adscale.de/getads':'adscale_slot_id'},"
         "e=h.getElementsByTagName('script');for(var d=e.length-1;0<=d;--d){var c=e[d].src."
         "substr(7,20);if(a[c]!==u){w[a[c]]=u;}}}};w.k0=k;})(window);</script>")


def test_a_wall_naming_its_global_as_a_string_is_no_adsense(project_engine: Engine,
                                                          catalogue: Catalogue) -> None:
    """The wall names `google_ad_client` only as a string it looks up: no client is set,
    AdSense is not on the page."""
    page = _page(project_engine, catalogue, body=_WALL)
    assert "Google AdSense" not in {n.network for n in page.networks}, page.networks


def test_its_global_set_in_any_written_form_names_adsense(project_engine: Engine,
                                                          catalogue: Catalogue) -> None:
    """`google_ad_client` assigned, a key of a push or a config, or set by its name."""
    for code in (f'google_ad_client = "{CLIENT}";', f"window['google_ad_client']='{CLIENT}';",
                 f'siteAds.add({{"google_ad_client": "{CLIENT}"}});'):
        page = _page(project_engine, catalogue, body=f"<script>{code}</script>")
        assert "Google AdSense" in {n.network for n in page.networks}, code


def test_its_global_set_escaped_or_handed_by_name_names_adsense(project_engine: Engine,
                                                                catalogue: Catalogue) -> None:
    """A unit a script writes with its `=` escaped (`google_ad_client\\x3d"…"` in a
    document.write string), or the global handed by name with the client after it, still
    sets the client: AdSense and its publisher, as before its signature asked for the set."""
    for code in (*('document.write("<script>google_ad_client' + eq + '\\"' + CLIENT
                   + '\\";<\\/script>");' for eq in ("\\x3d", "\\u003d")),
                 f"setAdParam('google_ad_client', '{CLIENT}');"):
        page = _page(project_engine, catalogue, body=f"<script>{code}</script>")
        assert "Google AdSense" in {n.network for n in page.networks}, code
        assert ("adsense-publisher", CLIENT) in {(i.kind, i.value) for i in page.ids}, code
