"""Real-web conventions the catalogue reads: vendors named in slot markup, IDs written in
configs, hints that are not vendors. Each page here is one we wrote after a pattern seen
on the labelled corpus (the corpus itself is scored in tests/test_accuracy.py)."""

from __future__ import annotations

import pytest

from auditor import amp
from auditor.catalogue import Catalogue, Network
from auditor.dom.page import parse_page
from auditor.dom.parser import parse_html, start_line
from auditor.identify import identifiers
from auditor.model import PageReport
from auditor.pipeline import audit_document
from auditor.readers import Document
from auditor.rules import Engine

from .conftest import AuditHtml


def page(body: str, head: str = "") -> str:
    return (f"<html><head><title>t</title>{head}</head><body><article><p>Text of the article "
            f"that is long enough.</p></article>{body}</body></html>")


def ids_of(report: PageReport) -> set[tuple[str, str]]:
    return {(i.kind, i.value) for i in report.ids}


def test_a_preconnect_hint_is_not_a_vendor_present(audit_html: AuditHtml) -> None:
    report = audit_html(page("", '<link rel="preconnect" href="https://securepubads.g.doubleclick.net">'
                                 '<link rel="dns-prefetch" href="//c.amazon-adsystem.com">'),
                        url="https://news.example/a")
    assert report.third_party_hosts == ()
    assert {r.via for r in report.resources} == {"link[preconnect]", "link[dns-prefetch]"}


def test_a_hint_is_no_ad_or_tracker_resource(audit_html: AuditHtml) -> None:
    """Publishers prefetch the DNS of ad and tag hosts they may never load: 10 of heise's
    12 "ad resources" were such hints. The requests that do load count."""
    head = ('<link rel="dns-prefetch" href="//pagead2.googlesyndication.com">'
            '<link rel="preconnect" href="https://www.googletagmanager.com">'
            '<link rel="dns-prefetch" href="//googleads.g.doubleclick.net">')
    hinted = audit_html(page("", head), url="https://news.example/a")
    assert {r.category for r in hinted.resources} >= {"advertising"}
    assert (hinted.metrics.ad_resources, hinted.metrics.tracker_resources) == (0, 0)
    loaded = audit_html(page('<script async src="https://pagead2.googlesyndication.com/pagead/js/'
                             'adsbygoogle.js"></script>', head), url="https://news.example/a")
    assert loaded.metrics.ad_resources == 1


_PIXEL = ("<script>!function(f,b,e,v,n,t,s){t=b.createElement(e);t.async=!0;"
          "t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,"
          "document,'script','https://connect.facebook.net/en_US/fbevents.js');"
          "fbq('init', '279880532344561');fbq('track', 'PageView');</script>")


def test_a_conversion_pixel_is_tracking_not_ad_load(audit_html: AuditHtml) -> None:
    """A Facebook Pixel is advertising's measurement, not an ad: a page with one and no
    ad has no ad markup, so no content-to-ad ratio; beside an ad it adds no ad bytes."""
    alone = audit_html(page("", _PIXEL), url="https://shop.example/about")
    assert {i.kind for i in alone.ids} == {"facebook-pixel"}
    assert alone.metrics.ad_resources >= 1  # still an advertising vendor's request
    assert (alone.metrics.ad_markup_bytes, alone.metrics.content_to_ad_ratio) == (0, None)
    unit = ('<ins class="adsbygoogle" style="display:inline-block;width:300px;height:250px" '
            'data-ad-client="ca-pub-1234567890123456" data-ad-slot="1234567890"></ins>'
            '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js">'
            '</script>')
    ad = audit_html(page(unit), url="https://shop.example/a")
    both = audit_html(page(unit, _PIXEL), url="https://shop.example/a")
    assert ad.metrics.ad_markup_bytes > 0
    assert both.metrics.ad_markup_bytes == ad.metrics.ad_markup_bytes


def test_optimize_container_is_not_a_tag_manager_container(audit_html: AuditHtml) -> None:
    head = ("<script>gtag('config', 'UA-1234567-1', {'optimize_id': 'GTM-AB12CD3'});</script>"
            "<script>(function(w,d,s,l,i){})(window,document,'script','dataLayer','GTM-ZZ99YY8');"
            "</script>")
    ids = ids_of(audit_html(page("", head), url="https://n.example/"))
    assert ("optimize-container", "GTM-AB12CD3") in ids
    assert ("gtm-container", "GTM-AB12CD3") not in ids
    assert ("gtm-container", "GTM-ZZ99YY8") in ids


def test_a_click_trackers_ad_unit_is_read_from_the_links_data(audit_html: AuditHtml) -> None:
    """G+J's house teasers keep a GAM click URL in `data-clickcommand`, fired on click;
    its `iu=` names the network's ad unit as an `href` to the same URL would."""
    body = ('<a href="https://n.example/rezepte/" data-clickcommand="https://pubads.g.'
            'doubleclick.net/gampad/clk?id=5124443454&amp;iu=/6032/Clickcommand/clickcommand">'
            'Rezepte</a><a href="https://n.example/x" data-title="?iu=/7777/not/a/url">x</a>')
    ids = ids_of(audit_html(page(body), url="https://n.example/"))
    assert {("gpt-slot", "/6032/Clickcommand/clickcommand"), ("gpt-network", "6032")} <= ids
    assert ("gpt-network", "7777") not in ids  # a data attribute that is no URL is no link


def test_remarketing_pixel_is_google_ads_not_adsense(audit_html: AuditHtml) -> None:
    body = ('<noscript><img height="1" width="1" src="https://googleads.g.doubleclick.net/pagead/'
            'viewthroughconversion/965841495/?guid=ON&amp;script=0"></noscript>')
    report = audit_html(page(body), url="https://n.example/")
    assert {r.network for r in report.resources} == {"Google Ads"}


def test_ids_written_in_json_configs_are_read(audit_html: AuditHtml) -> None:
    config = ('<script type="application/json" id="state">{"analytics":{"ga":"UA-7654321-2"},'
              '"commercial":{"adUnit":"/59666047/news.example/politics/article",'
              '"facebookAccountId":"279880532344561","a9PublisherId":"3722"}}</script>'
              '<div id="div-gpt-ad-1x5" data-ad-unit-path="/16916245/news/article"></div>')
    ids = ids_of(audit_html(page(config), url="https://n.example/"))
    assert {("ga-property", "UA-7654321-2"), ("gpt-network", "59666047"),
            ("gpt-slot", "/59666047/news.example/politics/article"),
            ("facebook-pixel", "279880532344561"), ("amazon-aps-publisher", "3722"),
            ("gpt-slot", "/16916245/news/article"), ("gpt-network", "16916245")} <= ids


def test_an_aps_options_object_built_apart_from_init_names_the_publisher(
        audit_html: AuditHtml) -> None:
    # a header-bidding wrapper keeps apstag.init's options in an object of its own
    wrapper = ('<script>var bidders = {aps: {adServer: "googletag", pubID: "5123", '
               'bidTimeout: 2e3}};!function(a9,a,p,s,t,A,g){if(a[a9])return;a[a9]={init:'
               'function(){},_Q:[]};A=p.createElement(s);A.async=!0;A.src=t;g=p.'
               'getElementsByTagName(s)[0];g.parentNode.insertBefore(A,g)}("apstag",window,'
               'document,"script","//c.amazon-adsystem.com/aax2/apstag.js");'
               'apstag.init(bidders.aps);</script>')
    assert ("amazon-aps-publisher", "5123") in ids_of(audit_html(page(wrapper),
                                                                 url="https://n.example/"))
    # the other order, and a `pubID` with no APS option beside it is no APS account
    other = ('<script>var o={pubID:"3295",adServer:"googletag",timeout:1500};var x={pubID:'
             '"777",site:"n"};var s=document.createElement("script");'
             's.src="//c.amazon-adsystem.com/aax2/apstag.js";apstag.init(o);</script>')
    ids = ids_of(audit_html(page(other), url="https://n.example/"))
    assert ("amazon-aps-publisher", "3295") in ids
    assert ("amazon-aps-publisher", "777") not in ids


@pytest.mark.parametrize("options", [
    "var o = {pubID: 'xxxx', adServer: 'googletag'}; apstag.init(o);",
    "var o = {adServer: 'googletag', pubID: 'XXXXXX'}; apstag.init(o);",
    "apstag.init({pubID: 'xxxx', adServer: 'googletag'});",
])
def test_an_aps_templates_unfilled_pub_id_names_no_publisher(options: str,
                                                             audit_html: AuditHtml) -> None:
    # the install guide's `pubID: 'xxxx'`, left unfilled: APS's options, nobody's account
    tag = ('<script src="//c.amazon-adsystem.com/aax2/apstag.js"></script>'
           f'<script>{options}</script>')
    ids = ids_of(audit_html(page(tag), url="https://n.example/"))
    assert not {v for k, v in ids if k == "amazon-aps-publisher"}


def test_funding_choices_tag_names_the_sites_google_publisher(audit_html: AuditHtml) -> None:
    tag = ('<script async src="https://fundingchoicesmessages.google.com/i/pub-1234567890123456'
           '?ers=1" nonce="abc"></script>')
    ids = ids_of(audit_html(page("", tag), url="https://n.example/"))
    assert ("funding-choices-publisher", "pub-1234567890123456") in ids


def test_an_ad_servers_ins_tag_is_a_placement_whoever_runs_it(audit_html: AuditHtml) -> None:
    # AdSense's async <ins> as in-house ad servers copy it: an empty <ins> their script
    # fills, the slot in a data- attribute of the server's own name
    body = ('<div class="col"><ins data-ycad-slot="2168"></ins></div>'
            '<div class="col"><ins class="sinaads" data-ad-zone-id="PDPS0001"></ins></div>'
            '<ins class="adsbygoogle" style="display:block"'
            ' data-ad-client="ca-pub-1234567890123456" data-ad-slot="7040842893"></ins>'
            '<p>An <ins datetime="2023-11-17">added</ins> word, an <ins data-slot-note="x">edit'
            '</ins>, and <ins data-editor="ann"></ins> nothing else.</p>')
    report = audit_html(page(body), url="https://n.example/")
    found = [(s.network, s.rule) for s in report.slots]
    assert found == [(None, "ins[data-*-slot]"), (None, "ins[data-*-slot]"),
                     ("Google AdSense", "##ins.adsbygoogle")]


def test_an_ins_tag_in_a_hidden_column_beside_a_known_unit_is_its_own_placement(
        catalogue: Catalogue) -> None:
    """A hidden column round a GPT unit is no placement, but the other server's <ins> tag
    it holds beside it (directly, or in a box of its own) is one: two units, two slots."""
    defines = ("<script>googletag.cmd.push(function(){googletag.defineSlot('/1234/r', "
               "[300, 250], 'div-gpt-ad-1').addService(googletag.pubads());});</script>")
    for ins in ('<ins data-ycad-slot="2168"></ins>',
                '<div class="col"><ins data-ycad-slot="2168"></ins></div>'):
        body = f'<aside class="ad-column"><div id="div-gpt-ad-1"></div>{ins}</aside>{defines}'
        doc = Document(input="t.html", kind="html", text=page(body), url="https://n.example/",
                       markup=True)
        report = audit_document(doc, Engine.from_text("##.ad-column\n", name="t"), catalogue)
        assert [s.rule for s in report.slots] == ["##div[id^='div-gpt-ad']", "ins[data-*-slot]"]


@pytest.mark.parametrize("ins", [
    '<aside class="sidebar"><ins data-widget-slot="sidebar-1"></ins></aside>',  # a theme's
    '<div class="carousel"><ins data-slide-slot="1"></ins><ins data-slide-slot="2"></ins></div>',
    '<div class="card"><ins data-slot="separator"></ins></div>',  # a UI kit's part name
    '<p>Updated <ins data-time-zone="UTC"></ins></p>',
    '<div class="upload"><ins data-drop-zone="files"></ins></div>',
    '<ins class="skip" data-focus-zone="main"></ins>',  # an a11y widget's
    '<div><ins data-v-slot="default"></ins></div>',  # a framework's slot marker
], ids=["widget slot", "carousel slides", "UI kit part", "time zone", "drop zone",
        "focus zone", "framework slot"])
def test_an_ins_naming_a_widgets_slot_or_zone_is_no_placement(
        ins: str, audit_html: AuditHtml) -> None:
    """Only an ad server's `data-` slot or zone makes an empty <ins> its tag: one a widget,
    a carousel, a time zone or a framework names (a part's name, no ID) is markup of the
    page's own; an ad server's beside it stays its placement."""
    report = audit_html(page(ins + '<ins data-ycad-slot="2168"></ins>'), url="https://n.example/")
    assert [s.rule for s in report.slots] == ["ins[data-*-slot]"]
    # a slot its attribute names an ad's is one by name too, an ID or not
    named = audit_html(page(ins + '<ins data-ad-zone="sidebar"></ins>'), url="https://n.example/")
    assert [s.rule for s in named.slots] == ["ins[data-*-slot]"]


def test_an_ins_tag_holding_only_a_comment_is_still_empty(audit_html: AuditHtml) -> None:
    """A server's tag that carries a comment inside (`<ins …><!-- unit 2168 --></ins>`) is
    as empty as one without: its placement; a comment beside text is an edit still."""
    report = audit_html(page('<div class="col"><ins data-ycad-slot="2168"><!-- unit 2168 -->'
                             '\n</ins></div><p>An <ins data-x-slot="3">added<!-- x --></ins> '
                             'word.</p>'), url="https://n.example/")
    assert [(s.rule, s.xpath) for s in report.slots] == [
        ("ins[data-*-slot]", "/html/body/div/ins")]


def test_an_ins_tags_loader_right_after_it_names_its_vendor(audit_html: AuditHtml) -> None:
    """An ad server's <ins> tag with its loader pasted right after it (myTarget's
    `ins.mrg-tag` then ad.mail.ru's ads-async.js) is that server's unit; a loader further
    on, past other markup, names no one."""
    body = ('<div><ins class="mrg-tag" style="display:inline-block;width:240px;height:400px" '
            'data-ad-client="ad-123456" data-ad-slot="123456"></ins>\n<!-- myTarget -->'
            '<script async src="https://ad.mail.ru/static/ads-async.js"></script>'
            '<script>(MRGtag = window.MRGtag || []).push({})</script></div>'
            '<div><ins data-ycad-slot="2168"></ins><p>Text</p>'
            '<script async src="https://ad.mail.ru/static/ads-async.js"></script></div>')
    report = audit_html(page(body), url="https://n.example/")
    assert [(s.network, s.rule) for s in report.slots] == [
        ("myTarget", "ins[data-*-slot]"), (None, "ins[data-*-slot]")]


def test_an_ins_tag_in_a_hidden_wrapper_is_the_wrappers_one_placement(
        catalogue: Catalogue) -> None:
    body = '<div class="ad_right"><ins data-ycad-slot="2174"></ins></div>'
    doc = Document(input="t.html", kind="html", text=page(body), url="https://n.example/",
                   markup=True)
    report = audit_document(doc, Engine.from_text("##.ad_right\n", name="t"), catalogue)
    assert [s.rule for s in report.slots] == ["##.ad_right"]


def test_vendor_slot_conventions_are_named(audit_html: AuditHtml) -> None:
    body = ('<a-ad type="gpt" unit="/6514/news.example/home" sizes="728x90"></a-ad>'
            '<div id="superbanner_1" class="gujAd a-ad-superbanner_1"></div>'
            "<div class=\"mee-ad\"><script>sas.call('std', {siteId: 55414, pageId: 416556, "
            "formatId: 24236, target: ''});</script></div>"
            "<div id=\"iqadtile3\"></div><script>AdController.render('iqadtile3');</script>")
    report = audit_html(page(body), url="https://n.example/")
    networks = [s.network for s in report.slots]
    assert networks == ["Google Publisher Tag", "Google Publisher Tag", "Smart AdServer",
                        "iq digital"]
    ids = ids_of(report)
    assert {("smartadserver-site", "55414"), ("smartadserver-format", "24236")} <= ids


def test_a_script_that_writes_one_unit_per_breakpoint_is_one_placement(
        audit_html: AuditHtml) -> None:
    writes = "".join(
        f"if (w >= {w}) {{ document.write('<ins class=\"adsbygoogle\" style=\"width:{w}px\" "
        f"data-ad-client=\"ca-pub-1234567890123456\"></ins>'); }}" for w in (1140, 1019, 768))
    report = audit_html(page(f"<div class='td-g-rec'><script>var w = innerWidth; {writes}"
                             "</script></div>"), url="https://n.example/")
    assert [s.network for s in report.slots] == ["Google AdSense"]


def test_a_theme_that_titles_its_written_unit_is_still_one_placement(
        audit_html: AuditHtml) -> None:
    """tagDiv's Newspaper theme writes `<span class="td-adspot-title">` before the unit:
    double quotes inside the single-quoted string the old pattern could not cross."""
    writes = "".join(
        f"if (w >= {w}) {{ document.write('<span class=\"td-adspot-title\">advertisement</span>"
        f"<ins class=\"adsbygoogle\" style=\"width:{w}px\" data-ad-client=\"ca-pub-"
        "1234567890123456\" data-ad-slot=\"\"></ins>'); }" for w in (1140, 768))
    report = audit_html(page(f"<div class='td-g-rec'><script>var w = innerWidth; {writes}"
                             "</script></div>"), url="https://n.example/")
    assert [s.network for s in report.slots] == ["Google AdSense"]


def test_a_legacy_adsense_unit_is_a_placement_with_its_slot_and_size(
        audit_html: AuditHtml) -> None:
    unit = ('<div class="links_top"><script type="text/javascript"><!--\n'
            'google_ad_client = "pub-4008341775195801";\n/* links-top */\n'
            'google_ad_slot = "9208612235";\ngoogle_ad_width = 728;\ngoogle_ad_height = 15;\n'
            '//-->\n</script><script src="http://pagead2.googlesyndication.com/pagead/'
            'show_ads.js"></script></div>')
    report = audit_html(page(unit), url="https://blog.example/")
    slots = [(s.network, s.zone_id, s.width, s.height) for s in report.slots]
    assert slots == [("Google AdSense", "9208612235", 728, 15)]


def test_wordpress_com_units_are_wordads_placements(audit_html: AuditHtml) -> None:
    unit = ('<div class="wpcnt"><div class="wpa wpmrec"><a class="wpa-about" '
            'href="https://wordpress.com/about-these-ads/" rel="nofollow"></a><div class="u">'
            "<script>(function(g){g.__ATA.initAd({sectionId:26942, width:300, height:250});})"
            "(window);</script></div></div></div>")
    report = audit_html(page(unit), url="https://blog.example/")
    assert [s.network for s in report.slots] == ["WordAds"]
    assert ("wordads-section", "26942") in ids_of(report)
    # the class alone, on a page WordAds is not on, is no placement
    plain = audit_html(page('<div class="wpa">What we are about</div>'), url="https://b.example/")
    assert plain.slots == ()


def test_breakpoint_scripts_in_one_spot_are_one_placement(audit_html: AuditHtml) -> None:
    """rnz.de's plista spot: one script writes the widget on desktops, the next on phones."""
    spot = "".join(
        f"<script>if (jQuery(window).width() {cond} 768) {{ document.write('<div data-widget="
        f"\"plista_widget_{name}\"></div>'); window.PLISTA = {{publickey: "
        "'ca2e79ab355eb1cd8f084aa808946dc488f0a662'}; }</script>"
        for cond, name in ((">=", "underArticle"), ("<", "webApp")))
    report = audit_html(page(f"<aside class=plista>{spot}</aside>"), url="https://n.example/")
    assert [s.network for s in report.slots] == ["plista"]
    apart = audit_html(page(f"<aside>{spot[:spot.index('</script>') + 9]}</aside><aside>"
                            f"{spot[spot.index('</script>') + 9:]}</aside>"),
                       url="https://n.example/")
    assert [s.network for s in apart.slots] == ["plista", "plista"]
    # a content farm's units between paragraphs, in one article, are units of their own
    unit = ("<script>document.write('<ins class=\"adsbygoogle\" data-ad-client=\"ca-pub-"
            "1234567890123456\"></ins>');</script>")
    farm = audit_html(page("<article>" + "<p>More text of the article.</p>".join([unit] * 3)
                           + "</article>"), url="https://farm.example/p")
    assert [s.network for s in farm.slots] == ["Google AdSense"] * 3
    # back to back with no viewport test are units too; a comment between breakpoints is not
    stacked = audit_html(page("<div>" + unit * 3 + "</div>"), url="https://farm.example/p")
    assert [s.network for s in stacked.slots] == ["Google AdSense"] * 3
    first, second = spot.split("</script>", 1)
    commented = audit_html(page(f"<aside>{first}</script><!-- mobile -->{second}</aside>"),
                           url="https://n.example/")
    assert [s.network for s in commented.slots] == ["plista"]


def test_managed_ad_stacks_name_their_units_and_the_site_account(audit_html: AuditHtml) -> None:
    """Raptive, Mediavine and Ezoic run the ads of many small publishers: EasyList hides
    their units, and the catalogue names whose units they are and the site's account."""
    raptive = audit_html(page(
        '<div class="adthrive-ad adthrive-content adthrive-content-1"></div>',
        "<script>(function(w, d) { w.adthrive = w.adthrive || {}; w.adthrive.cmd = "
        "w.adthrive.cmd || []; var s = d.createElement('script'); s.src = 'https://ads."
        "adthrive.com/sites/5e8f1a2b3c4d5e6f7a8b9c0d/ads.min.js?referrer=' + "
        "w.encodeURIComponent(w.location.href); d.head.appendChild(s); })(window, document);"
        "</script>"), url="https://recipes.example/soup")
    mediavine = audit_html(page(
        '<div class="mv-ad-box" data-slotname="content_1"></div>',
        '<script async data-noptimize="1" data-cfasync="false" '
        'src="//scripts.mediavine.com/tags/the-soup-blog.js"></script>'),
        url="https://soup.example/")
    ezoic = audit_html(page(
        '<div id="ezoic-pub-ad-placeholder-101"></div>',
        '<script async src="//www.ezojs.com/ezoic/sa.min.js"></script><script>window.'
        "ezstandalone = window.ezstandalone || {}; ezstandalone.cmd = ezstandalone.cmd || [];"
        "ezstandalone.cmd.push(function () { ezstandalone.showAds(101); });</script>"),
        url="https://howto.example/")
    assert [s.network for s in raptive.slots] == ["Raptive (AdThrive)"]
    assert ("adthrive-site", "5e8f1a2b3c4d5e6f7a8b9c0d") in {(i.kind, i.value)
                                                            for i in raptive.ids}
    assert [s.network for s in mediavine.slots] == ["Mediavine"]
    assert ("mediavine-site", "the-soup-blog") in ids_of(mediavine)
    assert [s.network for s in ezoic.slots] == ["Ezoic"]
    assert {r.network for r in ezoic.resources} == {"Ezoic"}


def test_native_vendors_standard_embeds_are_placements(audit_html: AuditHtml) -> None:
    """LockerDome's `ldAdInit.push({slot, id})` embed, Ligatus' `data-lig-tag-id` tag and
    plista's outstream `data-display` widget, as their publishers' docs give them."""
    lockerdome = ('<div id="ld-8042-281"></div><script>(function(w,d,s,i){w.ldAdInit='
                  'w.ldAdInit||[];w.ldAdInit.push({slot:11244522344760678,size:[0, 0],'
                  'id:"ld-8042-281"});})(window,document,"script","ld-ajs");</script>')
    ligatus = ('<div id="lig_news_mobile_slideup" data-lig-tag-id="110911" '
               'data-lig-ad-type="scrollup" style="display:none;"></div>')
    plista = '<div data-display="plista_widget_outstream"></div>'
    report = audit_html(page(lockerdome + ligatus + plista), url="https://n.example/")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("LockerDome", "11244522344760678"), ("Ligatus", "110911"), ("plista", None)]
    assert report.slots[0].xpath == "/html/body/div[1]"  # the div the script names


def test_lockerdome_embed_box_without_its_script_is_a_placement(audit_html: AuditHtml) -> None:
    """A copy whose scripts were stripped keeps LockerDome's embed box alone, `<div
    id="ld-<n>-<n>">`: the id's form is the embed's, so it is the placement; an id that only
    opens with `ld-` is not, nor one naming a year and month (an archive's `ld-2019-06`,
    `ld-2019-0512`)."""
    boxes = ('<p>Article text that a reader came for.</p><div id="ld-4778-795"></div>'
             '<div id="ld-menu"></div><div id="ld-12-34-56"></div>'
             '<div id="ld-2019-06"><a href="/2019/06/">June 2019</a></div>'
             '<div id="ld-2019-0512">May 12</div>')
    report = audit_html(page(boxes), url="https://n.example/")
    assert [(s.network, s.zone_id, s.xpath) for s in report.slots] == [
        ("LockerDome", "ld-4778-795", "/html/body/div[1]")]


def test_an_amp_unit_is_named_by_its_type(audit_html: AuditHtml) -> None:
    """On AMP pages the vendor is the `type` of `<amp-ad>`/`<amp-embed>`."""
    units = ('<amp-ad width="100vw" height=320 type="adsense" data-ad-client="ca-pub-'
             '5956380843928535" data-ad-slot="7315329423" data-auto-format="rspv"></amp-ad>'
             '<amp-embed type="taboola" width=100 height=100 data-publisher="news-example" '
             'data-mode="thumbnails-a"></amp-embed>'
             '<amp-ad width=300 height=250 type="teads" data-pid="84797"></amp-ad>'
             '<amp-ad width=300 height=250 type="an-unknown-vendor"></amp-ad>')
    report = audit_html(page(units), url="https://news.example/amp/a")
    named = [(s.network, s.zone_id) for s in report.slots]
    assert named[:3] == [("Google AdSense", "7315329423"), ("Taboola", None), ("Teads", None)]
    # a slot cites the selector of the list that found it
    assert report.slots[1].rule == "##amp-embed[type='taboola']"
    outbrain = audit_html(page('<div class="OUTBRAIN" data-widget-id="AR_1"></div>'),
                          url="https://news.example/a")
    assert [(s.rule, s.zone_id) for s in outbrain.slots] == [("##div.OUTBRAIN", "AR_1")]


def analytics(kind: str, config: str) -> str:
    return (f'<amp-analytics type="{kind}"><script type="application/json">{config}'
            '</script></amp-analytics>')


def test_an_amp_component_names_its_vendor_and_its_ids(audit_html: AuditHtml) -> None:
    """An AMP page loads no vendor script: `<amp-auto-ads>`, `<amp-analytics>` and the
    units' `type` make the vendor present, and its IDs are the component's attributes
    and the analytics config's `vars` (amphtml's vendor configs name them)."""
    body = ('<amp-auto-ads type="adsense" data-ad-client="ca-pub-5956380843928535">'
            '</amp-auto-ads>'
            + analytics("metrika", '{"vars": {"counterId": 44921837}}')  # a JSON number
            + analytics("parsely", '{"vars": {"apikey": "news.example"}}')
            + analytics("webtrekk_v2", '{"vars": {"trackDomain": "t.example", '
                                       '"trackId": "123451234512345"}}')
            # GA4 through the community config the AMP plugins bundle (ga4.json)
            + '<amp-analytics type="googleanalytics" config="https://amp.example/ga4.json">'
              '<script type="application/json">{"vars": {"GA4_MEASUREMENT_ID": "G-7QK4ZP2M9B",'
              ' "DEFAULT_PAGEVIEW_ENABLED": true}}</script></amp-analytics>'
            + '<amp-ad width=300 height=250 type="yandex" data-block-id="R-A-448823-3">'
              '</amp-ad>'
              '<amp-ad width=300 height=250 type="a9" data-amzn_assoc_tracking_id='
              '"trailgear-20" data-adinstanceid="3c1d9e52-7a40-4b8e-9f16-2d5a8c0b7e34">'
              '</amp-ad>')
    report = audit_html(page(body), url="https://news.example/amp/a")
    assert ids_of(report) == {
        ("adsense-publisher", "ca-pub-5956380843928535"),
        ("yandex-metrica-counter", "44921837"), ("parsely-site", "news.example"),
        ("webtrekk-track", "123451234512345"), ("yandex-rtb-publisher", "448823"),
        ("yandex-rtb-block", "R-A-448823-3"), ("ga-measurement-id", "G-7QK4ZP2M9B"),
        ("amazon-associate-tag", "trailgear-20"),
        ("amazon-adinstance", "3c1d9e52-7a40-4b8e-9f16-2d5a8c0b7e34")}
    assert [s.network for s in report.slots] == ["Yandex Advertising Network",
                                                 "Amazon Associates"]
    # an analytics or bid vendor's name is no ad vendor's: it makes no slot of its own
    # the block of Yandex's AMP documentation, which copies keep, is no one's
    sample = audit_html(page('<amp-ad width=300 height=250 type="yandex" data-block-id='
                             '"R-A-123456-1"></amp-ad>'), url="https://news.example/amp/a")
    assert ids_of(sample) == set()
    assert [(s.network, s.zone_id) for s in sample.slots] == [
        ("Yandex Advertising Network", "R-A-123456-1")]
    for name in ("facebookpixel", "aps"):
        other = audit_html(page(f'<amp-ad width=1 height=1 type="{name}"></amp-ad>'),
                           url="https://news.example/amp/a")
        assert other.slots == (), name


def test_a_vendors_config_element_names_its_id(audit_html: AuditHtml) -> None:
    """Parse.ly's standard tag keeps its site key in a hidden element, read by a loader
    the site may serve itself (spiegel.de's own bundle): the key is the page's ID, and it
    makes the vendor one the page carries. Revive's installation ID on any element too."""
    body = ('<div id="parsely-root" style="display: none"><span id="parsely-cfg" '
            'data-parsely-site="news.example"></span></div>'
            '<script>SITE.parsely.inject();</script>'
            '<div data-revive-zoneid="12" data-revive-id="0123456789abcdef0123456789abcdef">'
            '</div><p data-parsely-site="not a site key">x</p>')
    report = audit_html(page(body), url="https://news.example/a")
    assert ids_of(report) >= {("parsely-site", "news.example"),
                              ("revive-id", "0123456789abcdef0123456789abcdef")}
    assert "Parse.ly" in {n.network for n in report.networks}
    assert not any(value == "not a site key" for _, value in ids_of(report))


def test_a_web_storys_configured_ads_and_analytics_name_their_vendors(audit_html: AuditHtml
                                                                      ) -> None:
    """A web story writes no `amp-ad`: `amp-story-auto-ads` holds the attributes of the
    ads AMP inserts (with their bid vendors), and `amp-story-auto-analytics` a gtag ID."""
    story = ('<amp-story standalone title="Ten trails"><amp-story-page id="p1">'
             '<amp-story-grid-layer template="fill"><p>The first trail.</p>'
             '</amp-story-grid-layer></amp-story-page>'
             '<amp-story-auto-ads><script type="application/json">{"ad-attributes": '
             '{"type": "doubleclick", "data-slot": "/21774093/stories/trails", '
             '"rtc-config": {"vendors": {"aps": {"PUB_ID": "3812"}}}}}</script>'
             '</amp-story-auto-ads>'
             '<amp-story-auto-analytics gtag-id="G-5K7VWB3071"></amp-story-auto-analytics>'
             '</amp-story>')
    report = audit_html(page(story), url="https://news.example/web-stories/trails/")
    assert ids_of(report) == {
        ("gpt-slot", "/21774093/stories/trails"), ("gpt-network", "21774093"),
        ("amazon-aps-publisher", "3812"), ("ga-measurement-id", "G-5K7VWB3071")}
    adsense = ('<amp-story-auto-ads><script type="application/json">{"ad-attributes": '
               '{"type": "adsense", "data-ad-client": "ca-pub-3819402755162937", '
               '"data-ad-slot": "5820463917"}}</script></amp-story-auto-ads>')
    assert ids_of(audit_html(page(adsense), url="https://news.example/s/")) == {
        ("adsense-publisher", "ca-pub-3819402755162937"), ("adsense-slot", "5820463917")}


def test_a_documentation_sample_is_no_id_of_its_kind_alone(audit_html: AuditHtml) -> None:
    """Smart AdServer's AMP doc gives site 94612 and page 629154: those values are no
    site's or page's, but the same numbers as the other kind are."""
    call = '<script>sas.call("std", {{siteId: {}, pageId: {}, formatId: 38952}});</script>'
    sample = audit_html(page(call.format(94612, 629154)), url="https://n.example/a")
    swapped = audit_html(page(call.format(629154, 94612)), url="https://n.example/a")
    assert {k for k, _ in ids_of(sample)} == {"smartadserver-format"}
    assert {("smartadserver-site", "629154"), ("smartadserver-page", "94612")} <= ids_of(
        swapped)


def networks(catalogue: Catalogue, *names: str) -> list[Network]:
    return [n for n in catalogue.networks if n.name in names]


def test_gtag_names_the_google_product_each_id_belongs_to(catalogue: Catalogue) -> None:
    """AMP's gtag serves Google Analytics, Ads and Floodlight; which one a gtag config is
    for is in its IDs (G-/UA-, AW-, DC-), its `gtag_id` and the keys of its `config`."""
    ads_only = analytics("gtag", '{"vars": {"gtag_id": "AW-918898170/AbC-dEf12", '
                                 '"config": {"AW-918898170": {"groups": "default"}}}}')
    page = parse_page(f"<html><body>{ads_only}</body></html>")
    assert amp.named_networks(page, catalogue) == {"Google Ads"}
    # a conversion ID as the config writes it: googleadwords' is the bare number of its
    # request path (vendors/googleadwords.json), gtag's the AW- form
    adwords = analytics("googleadwords", '{"vars": {"googleConversionId": "918898170", '
                                         '"googleConversionLabel": "qNZgCIL0kXQQ"}}')
    page = parse_page(f"<html><body>{ads_only}{adwords}</body></html>")
    ids = identifiers(page, [], [], networks(catalogue, "Google Ads"), catalogue)
    assert {(i.kind, i.value) for i in ids} == {("google-ads-conversion", "AW-918898170"),
                                               ("google-ads-conversion", "918898170")}
    every = analytics("gtag", '{"vars": {"gtag_id": "G-4KQ8ZC2M7P", "config": '
                              '{"G-4KQ8ZC2M7P": {}, "UA-58213774-2": {}, "DC-8812345": {}}}}')
    page = parse_page(f"<html><body>{every}</body></html>")
    assert amp.named_networks(page, catalogue) == {
        "Google Analytics", "Google Campaign Manager (Floodlight)"}
    ids = identifiers(page, [], [], networks(
        catalogue, "Google Analytics", "Google Campaign Manager (Floodlight)"), catalogue)
    assert {(i.kind, i.value) for i in ids} == {
        ("ga-measurement-id", "G-4KQ8ZC2M7P"), ("ga-property", "UA-58213774-2"),
        ("floodlight-advertiser", "8812345")}


@pytest.mark.parametrize("component", [
    analytics("facebookpixel", '{"vars": {"pixelId": "PIXEL-ID"}}'),
    analytics("facebookpixel", '{"vars": {"pixelId": ["917364028551029"]}}'),
    analytics("facebookpixel", '{"vars": {"pixelId": true}}'),
    analytics("facebookpixel", '{"vars": [917364028551029]}'),
    analytics("facebookpixel", '{"vars": {"pixelId": "917364028551029"'),  # cut short
    analytics("facebookpixel", "[" * 100_000 + "]" * 100_000),  # past Python's stack
    '<amp-analytics type="facebookpixel" config="https://cfg.example/fb.json">'
    '</amp-analytics>',  # a remote config is never fetched
    analytics("comscore", '{"vars": {"c2": "20498771"}}').replace("comscore", "nielsen"),
    # the examples amphtml's vendor docs give: a page that copies one is no operator's
    '<amp-ad width=300 height=250 type="doubleclick" data-slot="/4119129/mobile_ad_banner">',
    '<amp-embed type="taboola" data-publisher="amp-demo" data-mode="thumbnails-a">',
    '<amp-ad type="a9" data-amzn_assoc_tracking_id="deepak2015-20" '
    'data-adinstanceid="fe746097-f142-4f8d-8dfb-45ec747632e5">',
    analytics("comscore", '{"vars": {"c2": "1000001"}}'),
    # AMP looks a type up as written: a unit typed "DoubleClick" never runs
    '<amp-ad width=300 height=250 type="DoubleClick" data-slot="/21774093/site/top">',
    # an analytics vendor's name on an ad, an ad vendor's on an analytics, name no one
    '<amp-ad width=300 height=250 type="facebookpixel" data-pixel-id="917364028551029">',
    analytics("teads", '{"vars": {"data-pid": "58213"}}'),
    # an ad vendor's name among an ad's bid vendors is none AMP asks
    """<amp-ad type="unknown-x" rtc-config='{"vendors": {"taboola": {"data-publisher": """
    """"rivalpub"}}}'>""",
    # an ad's bid vendors that do not read: not JSON, vendors not an object, macros not one
    """<amp-ad type="unknown-x" rtc-config='{"vendors": {"aps": {"PUB_ID": "3812"}'>""",
    """<amp-ad type="unknown-x" rtc-config='{"vendors": [["aps", {"PUB_ID": "3812"}]]}'>""",
    """<amp-ad type="unknown-x" rtc-config='{"vendors": {"aps": "PUB_ID=3812"}}'>""",
])
def test_an_amp_config_that_gives_no_id_gives_none(component: str, audit_html: AuditHtml
                                                    ) -> None:
    report = audit_html(page(component), url="https://news.example/amp/a")
    assert report.ids == () and report.errors == ()


def test_small_site_ad_networks_name_their_units_and_accounts(audit_html: AuditHtml) -> None:
    """Infolinks' in-text ads (an account, no unit), an A-Ads iframe and a Sovrn (//Lijit)
    tag, as their publisher snippets give them: common on scraper copies."""
    body = ('<script>var infolinks_pid = 3381139; var infolinks_wsid = 0;</script>'
            '<script src="//resources.infolinks.com/js/infolinks_main.js"></script>'
            '<iframe data-aa="2165012" src="//ad.a-ads.com/2165012?size=728x90"></iframe>'
            '<script src="//ap.lijit.com/www/delivery/fpi.js?z=612345&amp;width=300&amp;'
            'height=250"></script>')
    report = audit_html(page(body), url="https://copy.example/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [("A-Ads", "2165012"),
                                                             ("Sovrn", None)]
    assert {("infolinks-publisher", "3381139"), ("aads-unit", "2165012"),
            ("sovrn-zone", "612345")} <= ids_of(report)


def test_yandex_and_adform_units_name_their_blocks_and_accounts(audit_html: AuditHtml) -> None:
    """The Yandex Advertising Network (RSYA) and AdFox units and Adform's publisher tag,
    as their publisher docs write them; Adform's conversion trackpoint shows no ad."""
    rsya = ('<div id="yandex_rtb_R-A-346605-7"></div><script>window.yaContextCb.push(()=>{'
            'Ya.Context.AdvManager.render({"blockId": "R-A-346605-7", '
            '"renderTo": "yandex_rtb_R-A-346605-7"})})</script>')
    floor = ("<script>window.yaContextCb.push(()=>{Ya.Context.AdvManager.render({"
             "blockId: 'R-A-346605-9', type: 'floorAd', platform: 'touch'})})</script>")
    adfox = ("<div id=\"adfox_1622\"></div><script>window.yaContextCb.push(()=>{"
             "Ya.adfoxCode.create({ownerId: 271834, containerId: 'adfox_1622', "
             "params: {p1: 'bsoji', p2: 'feil'}})})</script>")
    adform = ('<script data-adfscript="adx.adform.net/adx/?mid=123456"></script>'
              '<script src="//s1.adform.net/banners/scripts/adx.js" async></script>')
    loader = ("<script>window.yaContextCb=window.yaContextCb||[]</script>"
              '<script src="https://yandex.ru/ads/system/context.js" async></script>')
    report = audit_html(page(loader + rsya + adfox + adform + floor),
                        url="https://news.example.ru/a")
    assert [(s.network, s.zone_id, s.xpath) for s in report.slots] == [
        ("Yandex Advertising Network", "R-A-346605-7", "/html/body/div[1]"),
        ("AdFox", "271834", "/html/body/div[2]"),
        ("Adform", None, "/html/body/script[5]"),
        ("Yandex Advertising Network", "R-A-346605-9", "/html/body/script[7]")]
    assert {("yandex-rtb-publisher", "346605"), ("adfox-owner", "271834"),
            ("adform-placement", "123456")} <= ids_of(report)
    pixel = audit_html(page(
        "<article><p>Our shop.</p></article><script>window._adftrack = {pm: 1234567, "
        "pagename: 'home'};</script><script src=\"https://s2.adform.net/banners/scripts/st/"
        'trackpoint-async.js"></script>'), url="https://shop.example/")
    assert [r.network for r in pixel.resources] == ["Adform Site Tracking"]
    assert ("adform-tracking", "1234567") in ids_of(pixel)
    assert not pixel.slots and pixel.metrics.content_to_ad_ratio is None


def test_an_adfox_tag_names_its_placement_and_banner_type(audit_html: AuditHtml) -> None:
    """AdFox's tag (`Ya.adfoxCode.create`, as Yandex's AdFox docs write it) hands the unit its
    placement (p1) and banner type (p2) inside the owner's account, beside codes no reviewer
    ties a unit to (pfc, pfb); the same keys in another call, in prose or in an AMP unit of
    another vendor are no AdFox codes."""
    loader = ('<script src="https://yastatic.net/pcode/adfox/loader.js" '
              'crossorigin="anonymous"></script>')
    unit = ("<div id=\"adfox_172000000000000001\"></div><script>window.Ya.adfoxCode.create({"
            "\n  ownerId: 654321,\n  containerId: 'adfox_172000000000000001',\n  params: {\n"
            "    p1: 'cqwer',\n    p2: 'hjkl',\n    pfc: 'dzxcv',\n    pfb: 'mnbvc'\n  }\n"
            "});</script>")
    newer = ("<div id=\"adfox_172000000000000002\"></div><script>window.yaContextCb.push(()=>{"
             "Ya.adfoxCode.createAdaptive({ownerId: 654321, containerId: "
             "'adfox_172000000000000002', params: {pp: 'g', ps: 'ertyu', p2: 'hqwe'}}, "
             "['desktop'], {tabletWidth: 830})})</script>")
    amp = ('<amp-ad width="300" height="250" type="adfox" data-owner-id="654321" '
           'data-adfox-params=\'{"pt": "b", "p1": "cpoiu", "p2": "hzxc"}\'></amp-ad>')
    other = ("<script>Slider.create({params: {p1: 'aaaaa', p2: 'bbbb'}});</script>"
             "<pre>Ya.adfoxCode.create({ownerId: 111111, params: {p1: 'ccccc', p2: 'dddd'}})</pre>"
             '<amp-ad width="300" height="250" type="othervendor" '
             'data-adfox-params=\'{"p1": "eeeee", "p2": "ffff"}\'></amp-ad>'
             # an AdFox call with no p1 nor p2, the next statement's on its line (no `;`)
             "<script>Ya.adfoxCode.create({ownerId: 654321, containerId: 'adfox_3', params:"
             " {pp: 'h'}})\nSlider.create({params: {p1: 'ggggg', p2: 'kkkk'}})</script>")
    report = audit_html(page(unit + newer + amp + other, loader), url="https://news.example.ru/a")
    adfox = {(i.kind, i.value) for i in report.ids if i.kind.startswith("adfox-")}
    assert adfox == {("adfox-owner", "654321"), ("adfox-placement", "cqwer"),
                     ("adfox-banner-type", "hjkl"), ("adfox-banner-type", "hqwe"),
                     ("adfox-site", "ertyu"),  # the newer tag's site (ps)
                     ("adfox-placement", "cpoiu"), ("adfox-banner-type", "hzxc")}


def test_an_adfox_config_kept_for_later_names_its_account(audit_html: AuditHtml) -> None:
    """A site's code may keep AdFox's config object (`{ownerId, containerId: 'adfox_…',
    params}`, the call's documented argument) in its own list or state and hand it to
    `Ya.adfoxCode.create` later: its owner, site and banner type are read there too; an
    object of the same key names for another container (a chat's, a gallery's) is not."""
    loader = '<script src="https://yastatic.net/pcode/adfox/loader.js"></script>'
    kept = ('<div id="adfox_171000000000000001"></div><script>var units = [{slug: "top", '
            'content: "{ownerId: 765432,containerId: \'adfox_171000000000000001\',params: '
            '{pp: \'g\',ps: \'abcd\',p2: \'wxyz\'}}"}];'
            'units.forEach(function (u) { Ya.adfoxCode.create(JSON5.parse(u.content)); });'
            '</script>')
    other = ("<script>Chat.open({ownerId: 111222, containerId: 'chat_box', "
             "params: {ps: 'qqqq', p2: 'rrrr'}});</script>")
    report = audit_html(page(kept + other, loader), url="https://news.example.ru/a")
    adfox = {(i.kind, i.value) for i in report.ids if i.kind.startswith("adfox-")}
    assert adfox == {("adfox-owner", "765432"), ("adfox-site", "abcd"),
                     ("adfox-banner-type", "wxyz")}



_HB_LOADERS = ('<script src="https://yastatic.net/pcode/adfox/header-bidding.js" async></script>'
               '<script src="https://yastatic.net/pcode/adfox/loader.js"></script>')
_HB_SETTINGS = (
    '<script>window.YaHeaderBiddingSettings = {"biddersMap": {"criteo": "2200101", '
    '"myTarget": "2200102", "betweenDigital": "2200103", "adriver": "2200104", '
    '"getintent": "2200105", "alfasense": "2200106", "rtbhouse": "2200107"}, "adUnits": ['
    '{"code": "adfox_170000000000000001", "sizes": [[728, 90]], "bids": ['
    '{"bidder": "criteo", "params": {"placementId": "3300101"}}, '
    '{"bidder": "rtbhouse", "params": {"placementId": "AbCdEf0123456789GhIj"}}, '
    '{"bidder": "myTarget", "params": {"placementId": "440101"}}, '
    '{"bidder": "getintent", "params": {"placementId": "77_examplenews_Top_728*90"}}, '
    '{"bidder": "adriver", "params": {"placementId": "12:examplenews_728x90"}}, '
    '{"bidder": "alfasense", "params": {"placementId": "512"}}, '
    '{"bidder": "betweenDigital", "params": {"placementId": "5500101"}}]}], '
    '"timeout": 1000}</script>')


def test_adfox_header_bidding_names_its_bidders_and_containers(audit_html: AuditHtml) -> None:
    """Yandex's AdFox header bidding, as its docs write it: `YaHeaderBiddingSettings` maps
    each bidder to its ID in the owner's account (`biddersMap`) and lists the units' bids,
    whose bidders (GetIntent, AlfaSense, myTarget, AdRiver, Between Digital, Criteo, RTB
    House) are on the page, each bid's `placementId` theirs; the containers AdFox's code
    generator names (`adfox_<digits>`), beside its loader, are AdFox's units whether a
    bid or the site's own code fills them."""
    body = ('<div id="adfox_170000000000000001" class="banner"></div>'
            '<div id="adfox_170000000000000002" class="banner"></div>'
            '<div id="adfox_menu" class="banner"></div>')  # a site's own name: no unit
    report = audit_html(page(body, _HB_LOADERS + _HB_SETTINGS), url="https://news.example.ru/")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("AdFox", "adfox_170000000000000001"), ("AdFox", "adfox_170000000000000002")]
    networks = {n.network for n in report.networks}
    assert {"AdFox", "GetIntent", "AlfaSense", "myTarget", "AdRiver", "Between Digital",
            "Criteo", "RTB House"} <= networks
    assert "Prebid.js" not in networks  # the units are AdFox's, its loader no Prebid.js
    ids = ids_of(report)
    assert {("adfox-bidder", v) for v in ("2200101", "2200102", "2200103", "2200104",
                                          "2200105", "2200106", "2200107")} <= ids
    assert {("criteo-placement", "3300101"), ("rtbhouse-placement", "AbCdEf0123456789GhIj"),
            ("mytarget-slot", "440101"), ("getintent-placement", "77_examplenews_Top_728*90"),
            ("adriver-placement", "12:examplenews_728x90"), ("alfasense-placement", "512"),
            ("between-placement", "5500101")} <= ids
    assert not [i for i in report.ids if i.value.startswith("adfox_")]  # a box, no ID


def test_adfox_header_bidding_look_alikes_are_none(audit_html: AuditHtml) -> None:
    """Without AdFox's loader a generated-looking container is nobody's unit; the settings
    shown as text, a host that only begins with a bidder's, are no bidders or IDs."""
    bare = audit_html(page('<div id="adfox_170000000000000001"></div>'),
                      url="https://news.example.ru/")
    assert [s.network for s in bare.slots] != ["AdFox"]
    shown = _HB_SETTINGS.replace("<script>", "<pre>").replace("</script>", "</pre>")
    text = audit_html(page(shown + '<script src="https://adhigh.net.evil.example/p.js"></script>'
                           '<img src="https://alfasense.com.example.org/px.gif">', _HB_LOADERS),
                      url="https://news.example.ru/")
    assert not {"GetIntent", "AlfaSense", "myTarget"} & {n.network for n in text.networks}
    assert not [i for i in text.ids if i.kind.endswith(("-placement", "-slot", "-bidder"))]


def test_metrica_informer_onthe_io_and_dmpkit_name_their_accounts(
        audit_html: AuditHtml) -> None:
    """Yandex Metrica's informer badge names its counter; onthe.io's tag its site's key;
    DMPKit's tag-manager snippet its container (the host it is handed as a string). Hosts
    that only begin with theirs name nothing."""
    informer = ('<a href="https://metrika.yandex.ru/stat/?id=87654321&amp;from=informer">'
                '<img src="https://informer.yandex.ru/informer/87654321/3_0_FFFFFFFF_EFEFEFFF_0_'
                'pageviews" alt="Metrica"></a>')
    onthe = '<script src="https://cdn.onthe.io/io.js/Ab12Cd34Ef56" async></script>'
    dmpkit = ("<script>(function (w, d, s, l, h, m) {w[l] = w[l] || [];"
              "var f = d.getElementsByTagName(s)[0], j = d.createElement(s);j.async = true;"
              "j.src = '//' + m + '/tm.js?id=' + h;f.parentNode.insertBefore(j, f);"
              "})(window, document, 'script', 'dmpkitdl', "
              "'0a1b2c3d-1111-4222-8333-444455556666', 'static.1dmp.io');</script>")
    report = audit_html(page(informer + dmpkit, onthe), url="https://news.example.ru/")
    assert {("yandex-metrica-counter", "87654321"), ("onthe-io-site", "Ab12Cd34Ef56"),
            ("dmpkit-container", "0a1b2c3d-1111-4222-8333-444455556666")} <= ids_of(report)
    assert {"Yandex Metrica", "onthe.io", "DMPKit (1dmp.io)"} <= {
        n.network for n in report.networks}
    fake = audit_html(page('<img src="https://informer.yandex.ru.evil.example/informer/'
                           '87654322/3_0_pageviews"><script src="https://cdn.onthe.io.example'
                           '.net/io.js/Zz98Yy76Xx54"></script><pre>dmpkitdl\', '
                           '\'0a1b2c3d-1111-4222-8333-444455557777\'</pre>'),
                      url="https://news.example.ru/")
    assert not {i for i in ids_of(fake) if i[0] in (
        "yandex-metrica-counter", "onthe-io-site", "dmpkit-container")}



def test_yandex_native_block_and_smi2_widget_name_their_units(audit_html: AuditHtml) -> None:
    """Yandex's native-ad block (`yastatic.net/pcode-native/…/loader.js` and its `yaads`
    push, the publisher's page and block as the RTB block's R-A-<page>-<block>) and SMI2's
    news-exchange widget (the `smi2.ru/data/js/<unit>.js` its code writes), as their
    publisher snippets write them; the same words in prose and a look-alike host are none."""
    native = ('<script async src="https://yastatic.net/pcode-native/loaders/loader.js"></script>'
              '<script>(yaads = window.yaads || []).push({\n  id: "765432-3",\n'
              '  render: "#id-765432-3"\n});</script><div id="id-765432-3"></div>')
    smi2 = ("<div id='unit_54321'><a href='https://smi2.ru/'>News</a></div><script>"
            "(function() {var sc = document.createElement('script'); sc.async = true;"
            "sc.src = '//smi2.ru/data/js/54321.js'; var s = document.getElementsByTagName("
            "'script')[0]; s.parentNode.insertBefore(sc, s);}());</script>")
    report = audit_html(page(native + smi2), url="https://news.example.ru/a")
    assert {("yandex-native-block", "765432-3"), ("smi2-unit", "54321")} <= ids_of(report)
    assert {"Yandex Advertising Network", "SMI2"} <= {n.network for n in report.networks}
    prose = audit_html(page('<pre>(yaads = window.yaads || []).push({id: "765432-4"})</pre>'
                            '<script src="https://notsmi2.ru/data/js/54322.js"></script>'
                            '<script src="https://yastatic.net.example/pcode-native/l.js">'
                            '</script>'), url="https://news.example.ru/a")
    assert not {i for i in ids_of(prose) if i[0] in ("yandex-native-block", "smi2-unit")}
    assert not {"Yandex Advertising Network", "SMI2"} & {n.network for n in prose.networks}


def test_chinese_ad_union_and_counters_name_their_units_and_sites(
        audit_html: AuditHtml) -> None:
    """Baidu Union's units (the `slotbydup` push and the older `cpro_id`), and the Baidu
    Tongji and CNZZ counters, as their snippets write them: common on Chinese-run
    scraper copies."""
    tongji = ('<script>var _hmt = _hmt || [];(function() {var hm = document.createElement('
              '"script");hm.src = "https://hm.baidu.com/hm.js?6bcd52f51e9b3dce32bec4a3997715ac";'
              'document.head.appendChild(hm);})();</script>')
    union = ('<div class="_x1"></div><script>(window.slotbydup = window.slotbydup || [])'
             '.push({id: "u2345678", container: "_x1", async: true});</script>'
             '<script src="//cpro.baidustatic.com/cpro/ui/cm.js" async></script>'
             '<script>var cpro_id = "u1234567";</script>'
             '<script src="http://cpro.baidustatic.com/cpro/ui/c.js"></script>'
             '<script>var cpro_id = "u1234568";</script>'
             '<script src="http://cpro.baidustatic.com/cpro/ui/c.js"></script>')
    cnzz = ("<span id='cnzz_stat_icon_1000461034'></span><script src='//s19.cnzz.com/"
            "z_stat.php?id=1000461034&amp;web_id=1000461034'></script>")
    report = audit_html(page(tongji + union + cnzz), url="https://copy.example.cn/a")
    assert [(s.network, s.zone_id, s.xpath) for s in report.slots] == [
        ("Baidu Union", "u2345678", "/html/body/script[2]"),
        ("Baidu Union", "u1234567", "/html/body/script[4]"),
        ("Baidu Union", "u1234568", "/html/body/script[6]")]
    assert {("baidu-tongji-site", "6bcd52f51e9b3dce32bec4a3997715ac"),
            ("cnzz-site", "1000461034")} <= ids_of(report)
    assert {r.network for r in report.resources} == {"Baidu Tongji", "Baidu Union",
                                                     "CNZZ (Umeng)"}
    # the older snippet includes its loader once per unit: no duplicate-loader finding
    assert not [f for f in report.findings if f.kind == "duplicate-loader"]


def test_baidu_dup_units_with_numeric_ids_are_placements(audit_html: AuditHtml) -> None:
    """Baidu's dup loader (dup.baidustatic.com/js/dm.js, os.js) takes units under numeric
    ids, each script writing its own container (a random id) where it stands."""
    def unit(unit_id: str, size: str) -> str:
        return ('<div class="side-ad"><script>(function() {var s = "_" + Math.random()'
                '.toString(36).slice(2);document.write(\'<div id="\' + s + \'"></div>\');'
                "(window.slotbydup=window.slotbydup || []).push({id: '" + unit_id + "', "
                "container: s, size: '" + size + "', display: 'inlay-fix'});})();</script>"
                "</div><p>Between the units.</p>")
    body = (unit("3846003", "982,90") + unit("3846010", "300,250")
            + '<script src="//dup.baidustatic.com/js/dm.js"></script>')
    report = audit_html(page("<article><p>News of the day.</p></article>" + body),
                        url="https://news.example.cn/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Baidu Union", "3846003"), ("Baidu Union", "3846010")]
    assert {("baidu-union-unit", "3846003"), ("baidu-union-unit", "3846010")} <= ids_of(report)


def test_baidu_clb_slots_filled_where_their_script_stands(audit_html: AuditHtml) -> None:
    """Baidu's CLB tag (cbjs.baidu.com/js/m.js): `BAIDU_CLB_fillSlot("<slot>")` writes its
    unit where the script stands, `BAIDU_CLB_fillSlotAsync` into the container it names,
    the older `BAIDU_CLB_SLOT_ID = "<slot>"` before o.js; `BAIDU_CLB_preloadSlots` names
    the page's slots, each an ID, placing none. The same words in prose, a slot call of a
    name that only ends in the vendor's, and a preload list's numbers in another call are
    none."""
    head = ('<script src="//cbjs.baidu.com/js/m.js"></script><script>'
            'BAIDU_CLB_preloadSlots("512301","512302", "512303");'
            ' track("2026", "4455");</script>')
    body = ('<p>Call BAIDU_CLB_fillSlot("999999") to show a unit.</p>'
            '<div class="side"><script>BAIDU_CLB_fillSlot("512301");</script></div>'
            '<p>Between the units.</p>'
            '<div id="PAGE_AD_512302"></div>'
            "<script>BAIDU_CLB_fillSlotAsync('512302','PAGE_AD_512302');</script>"
            '<p>Between the units.</p>'
            '<div class="foot"><script>BAIDU_CLB_SLOT_ID = "396271";</script>'
            '<script src="http://cbjs.baidu.com/js/o.js"></script></div>'
            '<script>MY_BAIDU_CLB_fillSlot("777777");</script>')
    report = audit_html(page(body, head), url="https://news.example.cn/a")
    assert [(s.network, s.zone_id, s.xpath) for s in report.slots] == [
        ("Baidu Union", "512301", "/html/body/div[1]/script"),
        ("Baidu Union", "512302", "/html/body/div[2]"),
        ("Baidu Union", "396271", "/html/body/div[3]/script[1]")]
    clb = {i.value for i in report.ids if i.kind == "baidu-clb-slot"}
    assert clb == {"512301", "512302", "512303", "396271"}


def test_allyes_adforward_tags_name_their_positions(audit_html: AuditHtml) -> None:
    """Allyes' AdForward tags, on its hosts or the publisher's own ad server: the script
    and iframe of a `user=<account>|<site>|<position>&db=<database>` URL where the ad shows,
    and the tag a script writes in place; a `/main/s` URL of no position is no tag of it."""
    own = ("<div class='banner'><!--AdForward Begin:--><script type='text/javascript' "
           "src='http://ad.daily.example.cn/main/s?user=daily|2016article|W1_banner&db=daily"
           "&border=0&local=yes&js=ie' charset='gbk'></script><!--AdForward End--></div>")
    hosted = ("<div class='side'><!--AdForward Begin:--><iframe marginheight='0' "
              "marginwidth='0' frameborder='0' width='300' height='250' scrolling='no' "
              "src='http://daily.allyes.com/main/adfshow?user=DailyNetwork|news_sub|"
              "news_sub_pip&db=dailyim&border=0&local=yes'></iframe><!--AdForward End--></div>")
    written = ("<script>if (window.screen.width > 1280) {document.write(\"<s\"+\"cript "
               "type='text/javascript' src='http://ad.daily.example.cn/main/s?user=daily|"
               "2016article|W5_duilian&db=daily&border=0&local=yes&js=ie'></script\"+\">\");}"
               "</script>")
    other = "<script src='/main/s?user=guest&lang=zh'></script>"
    report = audit_html(page("<article><p>News of the day.</p></article>" + own + hosted
                             + written + other), url="https://news.daily.example.cn/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Allyes AdForward", "daily|2016article|W1_banner"),
        ("Allyes AdForward", "DailyNetwork|news_sub|news_sub_pip"),
        ("Allyes AdForward", "daily|2016article|W5_duilian")]
    assert {("allyes-db", "daily"), ("allyes-db", "dailyim")} <= ids_of(report)


def test_a_two_part_user_of_a_main_s_address_is_no_allyes_tag(audit_html: AuditHtml) -> None:
    """AdForward's `user=` is always `<account>|<site>|<position>`: a site's own `/main/s`
    page asked for a user of two parts (a library catalogue's `guest|staff`) is no ad."""
    report = audit_html(page("<p>Find books and theses held by the library.</p><img alt='' "
                             "src='https://opac.library.example.edu/main/s?user=guest|staff"
                             "&db=books'>"), url="https://www.library.example.edu/")
    assert "Allyes AdForward" not in {n.network for n in report.networks}


def test_ima_sdk_from_its_first_address_is_named(audit_html: AuditHtml) -> None:
    """The IMA HTML5 SDK's first address, on DoubleClick's creative host, as video players
    of its time load it (and its debug build)."""
    for name in ("ima3.js", "ima3_debug.js"):
        report = audit_html(page("<article><p>Watch the launch.</p><div id='player'></div>"
                                 "</article><script src='//s0.2mdn.net/instream/html5/"
                                 f"{name}'></script><script src='/js/player.js'></script>"),
                            url="https://video.example/watch/1")
        assert "Google IMA SDK" in {n.network for n in report.networks}


def test_addthis_legacy_username_profile_is_its_publisher(audit_html: AuditHtml) -> None:
    """AddThis's 250 widget took the account as `#username=`: the user name, or the
    `xa-` profile ID; the snippet's placeholder is no account."""
    def button(profile: str) -> str:
        return ("<div class='addthis_toolbox addthis_default_style'><a class="
                "'addthis_button_compact'>Share</a></div><script type='text/javascript' "
                f"src='http://s7.addthis.com/js/250/addthis_widget.js#username={profile}'>"
                "</script>")
    named = audit_html(page("<article><p>Essay.</p></article>" + button("quarterlyreview")),
                       url="https://quarterly.example/essay")
    assert ("addthis-publisher", "quarterlyreview") in ids_of(named)
    profiled = audit_html(page(button("xa-4c9b0e1f2a3d4c5e")), url="https://blog.example/")
    assert ("addthis-publisher", "xa-4c9b0e1f2a3d4c5e") in ids_of(profiled)
    placeholder = audit_html(page(button("YOUR-USERNAME")), url="https://blog.example/")
    assert not [i for i in placeholder.ids if i.kind == "addthis-publisher"]


def test_addthis_username_left_unset_is_no_publisher(audit_html: AuditHtml) -> None:
    """What a `#username=` holds where no account was set: the profile's placeholder of
    x's, the word itself, or the unset variable a script wrote into the tag (a DOM save of
    `'…addthis_widget.js#username=' + addthis_user`): no account's name."""
    for unset in ("xa-XXXXXXXXXXXXXXXX", "USERNAME", "undefined"):
        report = audit_html(page("<p>Soup tonight.</p><script src='http://s7.addthis.com/js/"
                                 f"250/addthis_widget.js#username={unset}'></script>"),
                            url="https://blog.example/")
        assert not [i for i in report.ids if i.kind == "addthis-publisher"], unset


def test_microsoft_pubcenter_units_are_placements(audit_html: AuditHtml) -> None:
    """pubCenter's content ad: the unit's globals, then its loader written in place (or a
    loader tag right after); globals with no loader place no ad."""
    written = ('<div class="adSummary"><script type="text/javascript">microsoft_adunitid='
               '"41077"; microsoft_adunit_width="300"; microsoft_adunit_height="250"; '
               'microsoft_adunit_legacy="false"; document.write(\'<script type="text/'
               'javascript" src="https://adsyndication.msn.com/delivery/getads.js?\'+'
               "Math.random()*1000+'\"></'+'script>');</script></div><p>Between.</p>")
    tagged = ('<div class="side"><script>microsoft_adunitid = "41078";</script><script '
              'src="http://adsyndication.msn.com/delivery/getads.js"></script></div>')
    report = audit_html(page("<article><p>Column.</p></article>" + written + tagged),
                        url="https://columns.example/a")
    assert [(s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        ("Microsoft pubCenter", "41077", 300, 250), ("Microsoft pubCenter", "41078", None, None)]
    assert {("microsoft-adunit", "41077"), ("microsoft-adunit", "41078")} <= ids_of(report)
    bare = audit_html(page("<article><p>Column.</p></article><script>microsoft_adunitid="
                           '"41079";</script><p>No loader.</p>'), url="https://columns.example/b")
    assert not bare.slots


def test_trafficstars_tags_are_its_own_not_exoclicks(audit_html: AuditHtml) -> None:
    """TrafficStars serves from tsyndicate.com (the catalogue had it under ExoClick): its
    banner tag and native spot are its units, its popunder tag names a spot but no unit."""
    banner = ('<script src="//cdn.tsyndicate.com/sdk/v1/bi.js" data-ts-spot="5b3adf992ed049'
              '70a5a2ab2c895f87c5" data-ts-width="300" data-ts-height="250" async defer></script>')
    native = ('<div id="ts_native"></div><script src="https://cdn.tsyndicate.com/sdk/v1/'
              'master.spot.js"></script><script>TsMasterSpot({"containerId": "ts_native", '
              '"spot": "9d2353bb144e44528acb154218a20ded"});</script>')
    pop = ('<script src="//cdn.tsyndicate.com/sdk/v1/p.js" data-ts-spot="50ac8f7dda1d420f9102'
           'b11386adfa0a" data-ts-count="5" async defer></script>')
    report = audit_html(page(banner + native + pop), url="https://tube.example/v/1")
    assert [(s.network, s.zone_id, s.xpath) for s in report.slots] == [
        ("TrafficStars", "5b3adf992ed04970a5a2ab2c895f87c5", "/html/body/script[1]"),
        ("TrafficStars", "9d2353bb144e44528acb154218a20ded", "/html/body/div")]
    assert ("trafficstars-spot", "50ac8f7dda1d420f9102b11386adfa0a") in ids_of(report)
    assert {r.network for r in report.resources} == {"TrafficStars"}


def test_an_adtech_tag_is_a_placement_written_or_plain(audit_html: AuditHtml) -> None:
    """ADTECH's standard JavaScript tag writes its loader where it stands; the same tag
    may be a plain script element."""
    written = ("<aside><script>document.write('<scr'+'ipt language=\"javascript1.1\" src=\""
               "https://adserver.adtech.de/addyn/3.0/1342/6402461/0/170/ADTECH;loc=100;target="
               "_blank;misc='+new Date().getTime()+'\"></scr'+'ipt>');</script></aside>")
    plain = ('<script src="https://adserver.adtech.de/addyn/3.0/1342/6402462/0/16/ADTECH;'
             'loc=100"></script>')
    report = audit_html(page(written + plain), url="https://blog.example/")
    # the plain tag's placement is read from its src, as the written tag's is
    assert [(s.network, s.zone_id) for s in report.slots] == [("ADTECH", "6402461"),
                                                             ("ADTECH", "6402462")]
    assert {("adtech-placement", "6402461"), ("adtech-placement", "6402462"),
            ("adtech-network", "1342")} <= ids_of(report)


def test_future_plcs_own_ad_stack_names_its_widgets(audit_html: AuditHtml) -> None:
    """Future plc's sites load their Bordeaux wrapper from bordeaux.futurecdn.net and
    mark the widgets it fills `data-ads-type="bordeaux"`."""
    stack = ('<script>window.bordeaux = window.bordeaux || {cmd: []}; var t = document.'
             "createElement('script'); t.setAttribute('src', 'https://bordeaux.futurecdn.net/"
             "bordeaux.js'); document.head.appendChild(t);</script>"
             '<div class="widget-ads"><div id="bdx_flexi_ads_middle1" data-type="ads" '
             'data-ads-type="bordeaux"></div></div>')
    report = audit_html(page(stack), url="https://www.gamesite.example/news/a")
    assert [(s.network, s.rule) for s in report.slots] == [
        ("Bordeaux (Future plc)", "##div[data-ads-type='bordeaux']")]
    assert {r.network for r in report.resources} == {"Bordeaux (Future plc)"}


def test_gumgum_and_seedtag_name_their_slots_and_publishers(audit_html: AuditHtml) -> None:
    """GumGum's in-image tag (`ggv2id`) and in-slot unit and Seedtag's site tag, as their
    publisher snippets write them: the zone and the publisher are accounts, a slot is not."""
    gumgum = ("<script>ggv2id='k7xq2m9p';</script>"
              '<script src="https://js.gumgum.com/services.js"></script>'
              '<div data-gg-slot="4521" pl="2"></div>'
              '<script src="https://js.gumgum.com/slot.js"></script>')
    seedtag = '<script async src="https://t.seedtag.com/t/4827-1190-01.js"></script>'
    report = audit_html(page(gumgum + seedtag), url="https://recipes.example/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [("GumGum", "4521")]
    assert {("gumgum-zone", "k7xq2m9p"), ("gumgum-slot", "4521"),
            ("seedtag-publisher", "4827-1190-01")} <= ids_of(report)
    assert {r.network for r in report.resources} == {"GumGum", "Seedtag"}
    older = audit_html(page("<script>window._seedtagq = window._seedtagq || [];"
                            "window._seedtagq.push(['_setId', '4827-1190-01']);</script>"),
                       url="https://recipes.example/b")
    assert ("seedtag-publisher", "4827-1190-01") in ids_of(older)
    # a theme's own data-gg-slot, with no GumGum on the page, is no ad
    theme = audit_html(page('<ol data-gg-slot="toc"></ol><div data-gg-slot="12"></div>'),
                       url="https://theme.example/")
    assert not theme.slots


def test_connatix_players_name_their_player_and_customer(audit_html: AuditHtml) -> None:
    """Connatix's head snippet (its player loader, in an iframe) and player embed, as its
    publisher code writes them: the embed renders where its script stands."""
    customer = "5c0e9a41-7d2b-4f6e-9a83-1b2c3d4e5f60"
    player = "e1d2c3b4-a596-4788-9900-aabbccddeeff"
    head = ("<script>!function(n){if(!window.cnx){window.cnx={},window.cnx.cmd=[];var t=n."
            "createElement('iframe');t.display='none',t.onload=function(){var d=t.contentWindow."
            "document,c=d.createElement('script');c.src='//cd.connatix.com/connatix.player.js"
            f"?cid={customer}',c.setAttribute('async','1'),d.body.appendChild(c)}},n.head."
            "appendChild(t)}}(document);</script>")
    embed = (f'<script id="7f3a9c">(new Image()).src = "https://capi.connatix.com/tr/si?token='
             f'{player}&cid={customer}"; cnx.cmd.push(function() {{ cnx({{playerId: "{player}"'
             '}).render("7f3a9c"); });</script>')
    report = audit_html(page(embed, head), url="https://news.example/a")
    assert [(s.network, s.zone_id, s.xpath) for s in report.slots] == [
        ("Connatix", player, "/html/body/script")]
    assert {("connatix-customer", customer), ("connatix-player", player)} <= ids_of(report)


def test_zergnet_and_triplelift_tags_name_their_widgets_and_inventory(
        audit_html: AuditHtml) -> None:
    """ZergNet's headline widget (`zergnet-widget-<id>` and the script that loads its
    zerg.js) and TripleLift's placement tag, which writes its unit where it stands."""
    zergnet = ('<div id="zergnet-widget-31877"></div><script>(function() { var zergnet = '
               "document.createElement('script'); zergnet.async = true; zergnet.src = "
               "'//www.zergnet.com/zerg.js?id=31877'; var s = document.getElementsByTagName("
               "'script')[0]; s.parentNode.insertBefore(zergnet, s); })();</script>")
    triplelift = '<script src="//ib.3lift.com/ttj?inv_code=news_example_in_feed"></script>'
    report = audit_html(page(zergnet + triplelift + triplelift), url="https://news.example/b")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("ZergNet", "31877"), ("TripleLift", None), ("TripleLift", None)]
    assert {("zergnet-widget", "31877"),
            ("triplelift-inventory", "news_example_in_feed")} <= ids_of(report)
    # the tag is pasted once per unit: no duplicate loader
    assert not [f for f in report.findings if f.kind == "duplicate-loader"]


def test_adition_and_adpushup_tags_name_their_placements_and_site(
        audit_html: AuditHtml) -> None:
    """ADITION's website tag (its library pasted with every unit, then the unit's `wp_id`)
    and AdPushup's site script and ApTag, as their publisher snippets write them."""
    adition = ('<script src="//imagesrv.adition.com/js/adition.js"></script>'
               '<script src="//ad1.adfarm1.adition.com/js?wp_id=4410923"></script>')
    second = ('<script src="//imagesrv.adition.com/js/adition.js"></script>'
              '<script src="//ad1.adfarm1.adition.com/js?wp_id=4410924"></script>')
    section = "3f2b8c1d-6a4e-4b7f-9c0d-2e1f3a4b5c6d"
    adpushup = ('<script>(function () { var s = document.createElement("script"); s.async = '
                'true; s.src = "//optimize.adpushup.com/38271/ap.js"; document.head.appendChild'
                '(s); })();</script>'
                f'<div id="{section}" class="_ap_apex_ad"><script>var adpushup = window.adpushup'
                " = window.adpushup || {}; adpushup.que = adpushup.que || []; adpushup.que.push("
                f'function() {{ adpushup.triggerAd("{section}"); }});</script></div>')
    report = audit_html(page(adition + second + adpushup), url="https://zeitung.example/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("ADITION", None), ("ADITION", None), ("AdPushup", section)]
    assert {("adition-placement", "4410923"), ("adition-placement", "4410924"),
            ("adpushup-site", "38271"), ("adpushup-section", section)} <= ids_of(report)
    assert not [f for f in report.findings if f.kind == "duplicate-loader"]


def test_adocean_master_names_its_slaves_and_a_placement_fills_its_div(
        audit_html: AuditHtml) -> None:
    """AdOcean's (Gemius) master-slave tag and single placement, as its publisher code
    writes them: each unit fills the div its id names; the master is the account's."""
    master = "Kd8mT2pQx7.vLr4NbW9yZc1_aFg3HjEe5UoIs6Rt0P.k7"
    head = ('<script src="//pl.adocean.pl/files/js/ado.js"></script><script>'
            "if(typeof ado!==\"object\"){ado={};ado.config=ado.preview=ado.placement=ado.master="
            'ado.slave=function(){};} ado.config({mode: "new", xml: false, characterEncoding: '
            f"true}});</script><script>ado.master({{id: '{master}', server: 'pl.adocean.pl' }});"
            "</script>")
    body = ('<div id="adoceanplqkmrtbwfzd"></div><script>/* (c)AdOcean 2003-2024 */ ado.slave('
            f"'adoceanplqkmrtbwfzd', {{myMaster: '{master}' }});</script>"
            '<div id="adoceanplxzhsnvcgpe"></div><script>ado.slave(\'adoceanplxzhsnvcgpe\', '
            f"{{myMaster: '{master}' }});</script>"
            '<div id="ado-Vb3nQ8sLm1.Xc7Tz2Rk9Pw4Jd6Hf0Ga5Ye.Q7"></div><script>ado.placement({id: '
            "'ado-Vb3nQ8sLm1.Xc7Tz2Rk9Pw4Jd6Hf0Ga5Ye.Q7', server: 'pl.adocean.pl' });</script>")
    report = audit_html(page(body, head), url="https://portal.example/a")
    assert [(s.network, s.zone_id, s.xpath) for s in report.slots] == [
        ("AdOcean", "adoceanplqkmrtbwfzd", "/html/body/div[1]"),
        ("AdOcean", "adoceanplxzhsnvcgpe", "/html/body/div[2]"),
        ("AdOcean", "ado-Vb3nQ8sLm1.Xc7Tz2Rk9Pw4Jd6Hf0Ga5Ye.Q7", "/html/body/div[3]")]
    assert {("adocean-master", master), ("adocean-placement", "adoceanplqkmrtbwfzd")} <= ids_of(
        report)
    # the master serves the slaves and is no unit of its own; a variable names no master
    assert not {i for i in ids_of(report) if i[0] == "adocean-master" and i[1] != master}


def test_colombia_and_dable_containers_name_their_slots_and_widgets(
        audit_html: AuditHtml) -> None:
    """Colombia's (Times Internet) unit container and Dable's widget embed, as their
    publisher tags write them."""
    colombia = ('<div id="div-clmb-ctn-418207-1" style="float:left;min-height:2px;width:100%;" '
                'data-slot="418207" data-position="1" data-section="0" class="colombia"></div>'
                "<script>(function(){var c=document.createElement('script');c.async=true;c.src="
                "'https://static.clmbtech.com/ad/commons/js/colombia_v2.js';document.head."
                "appendChild(c);})();</script>")
    dable = ('<div id="dablewidget_Qm7Xk2Ra" data-widget_id="Qm7Xk2Ra"><script>(function(d,a,'
             "b,l,e,_) {if(d[b]&&d[b].q)return;d[b]=function(){(d[b].q=d[b].q||[]).push("
             "arguments)};e=a.createElement(l);e.async=1;e.charset='utf-8';e.src='//static."
             "dable.io/dist/plugin.min.js';_=a.getElementsByTagName(l)[0];_.parentNode."
             "insertBefore(e,_);})(window,document,'dable','script');dable('setService', "
             "'news.example');dable('sendLogOnce');dable('renderWidget', 'dablewidget_Qm7Xk2Ra');"
             "</script></div>")
    report = audit_html(page(colombia + dable), url="https://news.example/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Colombia", "418207"), ("Dable", "Qm7Xk2Ra")]
    assert {("colombia-slot", "418207"), ("dable-widget", "Qm7Xk2Ra")} <= ids_of(report)
    # a widget rendered into a container the script names, with no data-widget_id
    bare = audit_html(page('<div id="dablewidget_Qm7Xk2Ra"></div><script>dable('
                           "'renderWidget', 'dablewidget_Qm7Xk2Ra');</script>"),
                      url="https://news.example/b")
    assert [(s.network, s.zone_id) for s in bare.slots] == [("Dable", None)]
    assert ("dable-widget", "Qm7Xk2Ra") in ids_of(bare)


def test_admixer_head_tag_defines_the_slot_its_placeholder_holds(
        audit_html: AuditHtml) -> None:
    """Admixer's tag: its loader and defineSlot in the head, the placeholder div in the
    body; the zone is a placement, the site (the placeholder's last number) an account."""
    zone = "7c1e4b2a-93d5-4f68-a0b7-2d9e8c6f1a35"
    holder = f"admixer_{zone.replace('-', '')}_zone_118204_sect_55731_site_49822"
    head = ('<script src="https://cdn.admixer.net/scripts3/loader2.js" async data-inv="//inv-nets'
            '.admixer.net/" data-r="single" data-sender="admixer" data-bundle="desktop"></script>'
            "<script>(window.globalAmlAds = window.globalAmlAds || []).push(function() {"
            f"globalAml.defineSlot({{z: '{zone}', ph: '{holder}', i: 'inv-nets', s: "
            "'0f5e2d1c-8b7a-4c69-9e30-5a4b3c2d1e0f', sender: 'admixer'});"
            'globalAml.singleRequest("admixer");});</script>')
    body = (f'<div id="{holder}" data-sender="admixer"></div><script>(window.globalAmlAds = '
            f"window.globalAmlAds || []).push(function() {{ globalAml.display('{holder}'); }});"
            "</script>")
    report = audit_html(page(body, head), url="https://novyny.example/a")
    assert [(s.network, s.zone_id, s.xpath) for s in report.slots] == [
        ("Admixer", zone, "/html/body/div")]
    assert {("admixer-zone", zone), ("admixer-site", "49822")} <= ids_of(report)


def test_adnuntius_request_names_each_unit_of_its_array(audit_html: AuditHtml) -> None:
    """Adnuntius's ad tag: every unit of `adn.request({adUnits: [...]})` is a slot with its
    size; a Prebid bid's `params: {auId}` is a bid, not a unit."""
    tag = ('<div id="adn-00000000000a41f2" style="display:none"></div>'
           '<div id="adn-00000000000a41f3" style="display:none"></div>'
           "<script>(function(d, s, e, t) { e = d.createElement(s); e.type = 'text/java' + s; "
           "e.async = 'async'; e.src = 'https://cdn.adnuntius.com/adn.js'; t = d."
           "getElementsByTagName(s)[0]; t.parentNode.insertBefore(e, t); })(document, 'script');"
           "window.adn = window.adn || {}; adn.calls = adn.calls || []; adn.calls.push(function()"
           " { adn.request({ adUnits: [ {auId: '00000000000a41f2', auW: 980, auH: 300 }, "
           "{auId: '00000000000a41f3', auW: 300, auH: 250 } ]}); });</script>")
    report = audit_html(page(tag), url="https://avis.example/a")
    assert [(s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        ("Adnuntius", "00000000000a41f2", 980, 300), ("Adnuntius", "00000000000a41f3", 300, 250)]
    assert ("adnuntius-adunit", "00000000000a41f2") in ids_of(report)
    prebid = audit_html(page("<script>pbjs.addAdUnits([{code: 'top', bids: [{bidder: "
                             "'adnuntius', params: {auId: '00000000000a41f2'}}]}]);</script>"),
                        url="https://avis.example/b")
    assert not [s for s in prebid.slots if s.network == "Adnuntius"]


def test_content_ad_widget_fills_the_div_its_tag_names(audit_html: AuditHtml) -> None:
    """Content.ad's widget tag builds its request at run time: the div it appends it to
    is the unit, whose number is the widget's; a site's own `contentad-…` divs are not."""
    tag = ('<div id="contentad508317"></div><script>(function(d) { var params = { id: '
           '"3b9e1c7a-52f4-4d08-b6e3-9a1c0f7d2e45", d: "bmV3cy5leGFtcGxl", wid: "508317", '
           "cb: (new Date()).getTime() }; var qs = Object.keys(params).reduce(function(a, k){ "
           "a.push(k + '=' + encodeURIComponent(params[k])); return a},[]).join(String."
           "fromCharCode(38)); var s = d.createElement('script'); s.type='text/javascript';"
           "s.async=true; var p = 'https:' == document.location.protocol ? 'https' : 'http'; "
           's.src = p + "://api.content-ad.net/Scripts/widget2.aspx?" + qs; d.getElementById('
           '"contentad508317").appendChild(s); })(document);</script>')
    own = '<div id="contentad-topbanner-1" class="contentad-topbanner"></div>'
    report = audit_html(page(own + tag), url="https://news.example/c")
    assert [(s.network, s.zone_id, s.xpath) for s in report.slots] == [
        ("Content.ad", "508317", "/html/body/div[2]")]
    assert ("content-ad-widget", "508317") in ids_of(report)


def test_video_player_tags_play_where_they_stand(audit_html: AuditHtml) -> None:
    """AniView's, Primis's and Vidazoo's player tags, each a script that plays where it
    stands: the script is the unit. Their publisher, channel, placement and widget IDs
    join no sites (a reseller's network ID is in the tags of unrelated sites)."""
    publisher, channel = "6a1f0c3e9b2d4a5f8e7c6b1a", "6b2e1d4f0a3c5b6e9f8d7c2b"
    aniview = (f'<script async id="aniviewJS8e41c2" src="https://play.aniview.com/{publisher}/'
               f'{channel}/news.example_DT_OS.js"></script>')
    primis = '<script src="https://live.primis.tech/live/liveView.php?s=118342"></script>'
    widget = ('<script src="https://static.vidazoo.com/basev/vwpt.js" '
              'data-widget-id="64c8e1f2a3b4c5d6e7f80912"></script>')
    report = audit_html(page(aniview + primis + widget + widget), url="https://news.example/v")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("AniView", None), ("Primis", None), ("Vidazoo", "64c8e1f2a3b4c5d6e7f80912"),
        ("Vidazoo", "64c8e1f2a3b4c5d6e7f80912")]
    assert {("aniview-publisher", publisher), ("aniview-channel", channel),
            ("primis-placement", "118342"),
            ("vidazoo-widget", "64c8e1f2a3b4c5d6e7f80912")} <= ids_of(report)
    # one script per widget: two widgets are no duplicate loader
    assert not [f for f in report.findings if f.kind == "duplicate-loader"]


def test_bidvertiser_tag_names_its_publisher_and_unit(audit_html: AuditHtml) -> None:
    """Bidvertiser's publisher tag writes its unit where it stands, between the comments
    its code generator leaves."""
    tag = ("<!-- Begin BidVertiser code --><script src=\"//bdv.bidvertiser.com/BidVertiser.dbm"
           '?pid=683105&bid=1742286" type="text/javascript"></script>'
           "<!-- End BidVertiser code -->")
    report = audit_html(page(tag), url="https://forum.example/t/1")
    assert [(s.network, s.zone_id) for s in report.slots] == [("Bidvertiser", None)]
    assert {("bidvertiser-publisher", "683105"), ("bidvertiser-unit", "1742286")} <= ids_of(
        report)
    # pasted into an article, the generator's comments name it
    injected = audit_html(f"<html><body><article><p>Text of the post.</p>{tag}</article>"
                          "</body></html>", url="https://forum.example/t/2")
    assert [f.message for f in injected.findings if f.kind == "ad-template-comment"][:1] == [
        "Bidvertiser ad template comment: <!-- Begin BidVertiser code -->"]


def test_an_mgid_widget_is_adskeepers_where_adskeeper_loads_it(audit_html: AuditHtml) -> None:
    """AdsKeeper, MGID's sister network, writes its widgets as MGID does: the widget is
    AdsKeeper's where AdsKeeper's script loads it, MGID's where MGID's does."""
    div = '<div data-type="_mgwidget" data-widget-id="1473820"></div>'
    adskeeper = audit_html(page(div + '<script src="https://jsc.adskeeper.com/site/872105.js" '
                                'async></script>'), url="https://blog.example/a")
    assert [(s.network, s.zone_id) for s in adskeeper.slots] == [("AdsKeeper", "1473820")]
    assert {("adskeeper-widget", "1473820"), ("adskeeper-site", "872105")} <= ids_of(adskeeper)
    mgid = audit_html(page(div + '<script src="https://jsc.mgid.com/site/872105.js" async>'
                                 "</script>"), url="https://blog.example/b")
    assert [(s.network, s.zone_id) for s in mgid.slots] == [("MGID", "1473820")]
    uk = audit_html(page('<div id="M662053ScriptRootC1425077"></div><script src="https://'
                         'jsc.adskeeper.co.uk/x/o/news.example.1425077.js" async></script>'),
                    url="https://news.example/c")
    assert [s.network for s in uk.slots] == ["AdsKeeper"]
    assert ("adskeeper-widget", "1425077") in ids_of(uk)


@pytest.mark.parametrize(("unit", "network", "zone", "ids"), [
    ('<amp-ad width=300 height=100 type="gumgum" data-zone="p4w8zr1c" data-slot="5190">',
     "GumGum", "p4w8zr1c", {("gumgum-zone", "p4w8zr1c")}),
    ('<amp-ad width=300 height=250 type="seedtag" data-adunit-id="31447">',
     "Seedtag", "31447", {("seedtag-adunit", "31447")}),
    ('<amp-ad width=320 height=50 type="kargo" data-site="_mQ3rT8vLk2Pz9XwYc4Hn7B" '
     'data-slot="_hR4kW9pTz2">', "Kargo", "_hR4kW9pTz2",
     {("kargo-slot", "_hR4kW9pTz2"), ("kargo-site", "_mQ3rT8vLk2Pz9XwYc4Hn7B")}),
    ('<amp-connatix-player data-player-id="b7a1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d" '
     'layout="responsive" width="16" height="9">', "Connatix",
     "b7a1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
     {("connatix-player", "b7a1c2d3-4e5f-4a6b-8c7d-9e0f1a2b3c4d")}),
    ("<amp-ad width=320 height=140 type=\"connatix\" layout=\"responsive\" data-connatix='"
     '{"data-connatix-token":"c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b"}\'>', "Connatix", None, set()),
    ('<amp-embed width=780 height=100 layout="responsive" type="zergnet" data-zergid="27341">',
     "ZergNet", "27341", {("zergnet-widget", "27341")}),
    ('<amp-ad width=300 height=250 type="adition" data-version="1" data-wp_id="5812047">',
     "ADITION", "5812047", {("adition-placement", "5812047")}),
    ('<amp-ad width=297 height=410 type="triplelift" layout="responsive" '
     'src="https://ib.3lift.com/ttj?inv_code=news_amp_feed">', "TripleLift", None,
     {("triplelift-inventory", "news_amp_feed")}),
    ('<amp-ad width=300 height=250 type="adpushup" data-siteid="51936" '
     'data-slotpath="/21900417/news_amp_top" data-totalAmpSlots="1">', "AdPushup", "51936",
     {("adpushup-site", "51936")}),
    ('<amp-ad type="nativo" height=350 width=400 layout="responsive" '
     'data-request-url="https://amp.news.example/amp/nativo">', "Nativo", None, set()),
    ('<amp-ad width=300 height=250 type="adocean" data-ao-emitter="pl.adocean.pl" '
     'data-ao-master="Ws4kP9xNq2.bTm7Lc1Vz8Rj3Hd5Fg0Ky6Ue.Ai.Z7" data-ao-id="adoceanplrtkqzwmbve">',
     "AdOcean", "adoceanplrtkqzwmbve",
     {("adocean-placement", "adoceanplrtkqzwmbve"),
      ("adocean-master", "Ws4kP9xNq2.bTm7Lc1Vz8Rj3Hd5Fg0Ky6Ue.Ai.Z7")}),
    ('<amp-ad width=320 height=140 type="colombia" layout="responsive" data-clmb_slot="418207" '
     'data-clmb_position="1" data-clmb_section="0">', "Colombia", "418207",
     {("colombia-slot", "418207")}),
    ('<amp-embed width=500 height=200 type="dable" data-widget-id="Qm7Xk2Ra">', "Dable",
     "Qm7Xk2Ra", {("dable-widget", "Qm7Xk2Ra")}),
    ('<amp-ad width=300 height=250 type="admixer" data-sizes="[[300,250]]" '
     'data-zone="7c1e4b2a-93d5-4f68-a0b7-2d9e8c6f1a35">', "Admixer",
     "7c1e4b2a-93d5-4f68-a0b7-2d9e8c6f1a35",
     {("admixer-zone", "7c1e4b2a-93d5-4f68-a0b7-2d9e8c6f1a35")}),
    ('<amp-ad width=300 height=250 type="adnuntius" data-au-id="00000000000a41f2">',
     "Adnuntius", "00000000000a41f2", {("adnuntius-adunit", "00000000000a41f2")}),
    ('<amp-ad width=300 height=250 type="contentad" data-id="3b9e1c7a-52f4-4d08-b6e3-9a1c0f7d2e45" '
     'data-d="bmV3cy5leGFtcGxl" data-wid="508317">', "Content.ad", "508317",
     {("content-ad-widget", "508317")}),
    ('<amp-ad width=640 height=360 type="aniview" data-publisherid="6a1f0c3e9b2d4a5f8e7c6b1a" '
     'data-channelid="6b2e1d4f0a3c5b6e9f8d7c2b">', "AniView", "6b2e1d4f0a3c5b6e9f8d7c2b",
     {("aniview-channel", "6b2e1d4f0a3c5b6e9f8d7c2b"),
      ("aniview-publisher", "6a1f0c3e9b2d4a5f8e7c6b1a")}),
    ('<amp-embed width=100 height=283 type="adskeeper" data-publisher="blog.example" '
     'data-widget="1473820" data-container="M872105ScriptRootC1473820">', "AdsKeeper",
     "1473820", {("adskeeper-widget", "1473820")}),
])
def test_more_vendors_amp_units_are_named_by_type(
        audit_html: AuditHtml, unit: str, network: str, zone: str | None,
        ids: set[tuple[str, str]]) -> None:
    """The `<amp-ad type>` of each vendor, with the parameters its AMP docs give."""
    tag = unit.split()[0][1:]
    report = audit_html(page(f"{unit}</{tag}>"), url="https://news.example/amp/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [(network, zone)]
    assert ids <= ids_of(report)


def test_iq_digital_tiles_are_its_units_where_its_controller_runs(
        audit_html: AuditHtml) -> None:
    """iq digital's ad controller fills `iqadtile<n>` divs, often with no render call in
    the markup; without the controller on the page such a div names no vendor."""
    tiles = '<div id="iqd_topAd"><div id="iqadtile1"></div><div id="iqadtile6"></div></div>'
    controller = ("<script>AdController.setPageInfo({adSite: 'news'}); "
                  "AdController.initialize();</script>")
    report = audit_html(page(controller + tiles), url="https://news.example/a")
    assert [(s.network, s.xpath) for s in report.slots] == [
        ("iq digital", "/html/body/div/div[1]"), ("iq digital", "/html/body/div/div[2]")]
    alone = audit_html(page(tiles), url="https://news.example/a")
    assert all(s.network != "iq digital" for s in alone.slots)


def test_a_sites_analytics_component_written_after_amps_names_its_vendor(
        audit_html: AuditHtml) -> None:
    """heise's components follow AMP's (`<a-ad>`, `<a-script>`): `<a-analytics
    type="chartbeat">` with a `{"vars": …}` config is AMP's `<amp-analytics>` by another
    name, its type an amp-analytics vendor's; a type no registry knows names no one."""
    body = ('<a-analytics type="chartbeat"><script type="application/json">'
            '{"vars": {"uid": "48213"}}</script></a-analytics>'
            '<a-analytics type="sitestats"><script type="application/json">'
            '{"vars": {"channel": "news"}}</script></a-analytics>')
    report = audit_html(page(body), url="https://news.example/a")
    assert [(n.network, n.seen.value) for n in report.networks] == [("Chartbeat", "amp")]
    assert ("chartbeat-account", "48213") in ids_of(report)


def test_slots_are_cited_where_their_start_tag_opens() -> None:
    text = "<html><body>\n<a-ad\n  type='gpt'\n  unit='/1/x'\n></a-ad>\n</body></html>"
    el = parse_html(text).xpath("//a-ad")[0]
    assert el.sourceline == 5  # libxml2: the line the start tag ends on
    assert start_line(el, text.split("\n")) == 2


def test_a_vendor_loader_served_by_the_site_is_that_vendor_self_hosted(
        audit_html: AuditHtml) -> None:
    head = ('<script src="/wp-content/themes/x/js/hotjar.js"></script>'
            '<script src="/js/site.js"></script>')
    report = audit_html(page("", head), url="https://blog.example/post")
    by_url = {r.url: r for r in report.resources}
    hotjar = by_url["https://blog.example/wp-content/themes/x/js/hotjar.js"]
    assert (hotjar.network, hotjar.self_hosted, hotjar.third_party) == ("Hotjar", True, False)
    assert by_url["https://blog.example/js/site.js"].network is None


def test_a_vendor_loader_a_module_imports_is_named_by_its_file(audit_html: AuditHtml) -> None:
    """A site that bundles its scripts as modules imports its copy of a vendor's loader
    (`import "/assets/vendor/prebid.js"`): named by its file, as a `<script src>` to it is."""
    head = ('<script type="module">import "/assets/vendor/prebid.js";\n'
            'import { start } from "./js/app.js"; start();</script>')
    report = audit_html(page("", head), url="https://news.example/a/story")
    by_url = {r.url: r for r in report.resources}
    prebid_js = by_url["https://news.example/assets/vendor/prebid.js"]
    assert (prebid_js.network, prebid_js.self_hosted) == ("Prebid.js", True)
    assert by_url["https://news.example/a/js/app.js"].network is None


def test_a_vendor_loader_a_snippet_inserts_is_named_by_its_file(audit_html: AuditHtml) -> None:
    """A script a snippet inserts from the site's own host (Matomo's `g.src=u+'piwik.js'`)
    is named by its file, as a `<script src>` to it is. A copy named by its file hides no
    loader a vendor's snippet builds on the vendor's host (a gate denying that host still
    sees it)."""
    head = ("<script>var g=document.createElement('script'); g.async=true;"
            "g.src='https://stats.blog.example/piwik/piwik.js';"
            "document.head.appendChild(g);</script>"
            "<script>(function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[])"
            ".push(arguments)};h._hjSettings={hjid:1234567,hjsv:6};a=o.getElementsByTagName("
            "'head')[0];r=o.createElement('script');r.async=1;r.src=t+h._hjSettings.hjid+j+"
            "h._hjSettings.hjsv;a.appendChild(r);})(window,document,"
            "'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>"
            '<script src="/assets/hotjar.js"></script>')
    report = audit_html(page("", head), url="https://blog.example/post")
    named = {r.url: (r.network, r.self_hosted) for r in report.resources}
    assert named["https://stats.blog.example/piwik/piwik.js"] == ("Matomo", True)
    assert named["https://blog.example/assets/hotjar.js"] == ("Hotjar", True)
    assert named["https://static.hotjar.com/c/hotjar-1234567.js"] == ("Hotjar", False)


def test_a_lists_block_outranks_a_companys_functional_category(
        engine: Engine, catalogue: Catalogue) -> None:
    """X's conversion tag and WordPress.com's stats pixel come from companies whose hosts
    mostly serve widgets and content: EasyPrivacy's block says these requests track. A
    company that is a tracker keeps its own category, and an unblocked widget its
    company's."""
    html = page('<img src="https://stats.wordpress.com/g.gif?blog=1&amp;post=2" alt="">'
                '<script src="https://platform.twitter.com/widgets.js"></script>',
                '<script src="https://platform.twitter.com/oct.js"></script>')
    doc = Document(input="t", kind="html", text=html, url="https://blog.example/p",
                   markup=True)
    report = audit_document(doc, engine, catalogue)
    by_url = {r.url.split("?")[0]: (r.company, r.category.value, r.blocked)
              for r in report.resources}
    assert by_url["https://stats.wordpress.com/g.gif"] == ("Automattic", "analytics", True)
    assert by_url["https://platform.twitter.com/oct.js"] == ("X Corp", "analytics", True)
    assert by_url["https://platform.twitter.com/widgets.js"] == ("X Corp", "social", False)


def test_a_vendor_loader_on_a_host_of_no_vendor_is_that_vendor(audit_html: AuditHtml) -> None:
    """A publisher serves vendor builds from its own CDN (assets.i-scmp.com for scmp.com),
    or a blog from a public CDN: the file name still says whose code it is, as EasyList's
    rules read it (`/prebid2.` is a Prebid build): self-hosted, as the site's own copy
    is. A known vendor's host is never renamed, and a host is not the vendor's for
    serving a copy of its code."""
    head = ('<script src="/js/prebid2.x.x.js"></script>'
            '<script src="https://assets.news-cdn.example/static/ads/prebid.js?v=2019"></script>'
            '<script src="https://cdn.jsdelivr.net/wp/wp-slimstat/trunk/wp-slimstat.min.js">'
            '</script>'
            '<script src="https://static.chartbeat.com/js/prebid.js"></script>'
            '<script src="https://assets.news-cdn.example/static/prebidder.jsx"></script>')
    report = audit_html(page("", head), url="https://news.example/a")
    named = {r.url.rsplit("/", 1)[-1]: (r.network, r.self_hosted) for r in report.resources}
    assert named == {
        "prebid2.x.x.js": ("Prebid.js", True),
        "prebid.js?v=2019": ("Prebid.js", True),
        "wp-slimstat.min.js": ("Slimstat Analytics", True),
        "prebid.js": ("Chartbeat", False),  # a vendor's own host says whose it is
        "prebidder.jsx": (None, False),
    }
    hosts = {h.host: (h.network, h.company, h.category.value) for h in report.third_party_hosts}
    assert hosts["assets.news-cdn.example"] == (None, None, "unknown")
    assert hosts["cdn.jsdelivr.net"] == (None, "jsDelivr", "content")


def test_a_url_a_script_only_names_is_a_request_only_of_an_ad_or_tracking_vendor(
        audit_html: AuditHtml) -> None:
    """A Squarespace page's context names the blog's Instagram and Pinterest profiles:
    links, not requests, and no social host the page pulls in. A tracker's endpoint named
    the same way is kept: the vendor is the page's all the same."""
    head = ('<script>Static.SQUARESPACE_CONTEXT = {"socialAccounts": [{"profileUrl": '
            '"http://instagram.com/befifty"}, {"profileUrl": "https://www.pinterest.com/bf/"}],'
            '"analytics": {"endpoint": "https://www.google-analytics.com/collect"}};</script>')
    report = audit_html(page("", head), url="https://befifty.example/p")
    assert [r.host for r in report.resources] == ["www.google-analytics.com"]
    assert [h.host for h in report.third_party_hosts] == ["www.google-analytics.com"]


def test_readers_comments_are_not_editorial_text(audit_html: AuditHtml) -> None:
    """A blog's comment thread (WordPress' `#comments` with its `ol.comment-list` and
    `#respond`, Disqus' thread) is the readers' text, not the page's: spektrum.de's 54
    comments were 7,837 of its 9,471 "editorial" words."""
    article = "<article><p>" + " ".join(["story"] * 300) + "</p></article>"
    comments = ('<div id="comments" class="comments-area"><h2>12 Kommentare</h2>'
                '<ol class="comment-list"><li>' + " ".join(["reply"] * 500) + "</li></ol>"
                '<div id="respond"><h3>Leave a Reply</h3></div></div>'
                '<div id="disqus_thread"><p>' + " ".join(["more"] * 50) + "</p></div>"
                '<div class="comment-count-note">3 words here</div>')
    report = audit_html(f"<html><body>{article}{comments}</body></html>",
                        url="https://blog.example/p")
    assert report.metrics.content_words == 303


def test_ad_density_is_a_metric_not_a_finding(audit_html: AuditHtml) -> None:
    words = " ".join(["word"] * 400)
    units = "".join(f'<ins class="adsbygoogle" data-ad-client="ca-pub-1234567890123456" '
                    f'data-ad-slot="{n}000000000"></ins><p>{words}</p>' for n in range(1, 5))
    head = '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js">'
    html = (f"<html><head><title>t</title>{head}</script></head><body>"
            f'<article>{units}</article><aside><ins class="adsbygoogle"></ins></aside>'
            "</body></html>")
    report = audit_html(html, url="https://farm.example/p")
    m = report.metrics
    assert (m.ad_slots, m.ad_slots_in_body, m.content_words) == (5, 4, 1600)
    assert m.ad_units_per_1000_words == 3.1
    assert not any(f.kind == "ad-in-body" for f in report.findings)


def test_a_closing_html_inside_a_script_string_is_not_the_page_end(
        audit_html: AuditHtml) -> None:
    """No closing </html> of its own, a print helper writing one: its ads are not 'after
    the page's end'."""
    html = ("<html><head><title>t</title><script>function p(){document.write('<html><body>"
            "</body></html>')}</script></head><body><article><p>Story text.</p></article>"
            '<ins class="adsbygoogle" data-ad-client="ca-pub-1234567890123456"></ins>'
            '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js">'
            "</script>")
    report = audit_html(html, url="https://news.example/a")
    assert not any(f.kind == "ad-in-body" for f in report.findings)


def test_hidden_links_made_to_look_like_share_links_still_count(audit_html: AuditHtml) -> None:
    links = "".join(f'<a href="https://casino-{i}.example/best?x=http://a">slots {i}</a>'
                    for i in range(6))
    report = audit_html(page(f'<div style="display:none">{links}</div>'),
                        url="https://blog.example/p")
    assert [f.kind for f in report.findings if f.severity.value == "high"] == ["hidden-links"]


def test_redirect_judgement_on_the_condition(audit_html: AuditHtml) -> None:
    """Cloaked to a same-name domain: still high. A click handler (arrow function) and a
    srcdoc frame navigating itself: not a visitor redirect on load."""
    cloak = ("<script>if (document.referrer.indexOf('google') > -1) "
             "{ location.href = 'https://spiegel.top/casino-bonus'; }</script>")
    arrow = ("<script>document.body.addEventListener('click', () => "
             "location.href='https://shop.partner-store.example/deal');</script>")
    frame = ('<iframe srcdoc="<script>location.href=\'https://adclick.ads.example/x\'</script>">'
             "</iframe>")
    report = audit_html(page(cloak + arrow + frame), url="https://www.spiegel.de/artikel")
    redirects = [(f.severity.value, f.evidence) for f in report.findings if f.kind == "redirect"]
    assert ("high", "https://spiegel.top/casino-bonus") in redirects
    assert all("partner-store" not in e and "adclick" not in e for _, e in redirects
               if _ == "high")


@pytest.mark.parametrize("markup", [
    # a named function run at once, through a property, or by a hover over the whole page
    "<script>(function go(){ if (!localStorage.seen) { location.href = "
    "'https://spam.example/x'; } })();</script>",
    "<script>function go(){ if (!localStorage.seen) { location.href = 'https://spam.example/x';"
    " } }</script><script>window.go();</script>",
    '<div onmouseover="go()">story</div><script>function go(){ if (Math.random() < 0.3) '
    "{ location.href = 'https://spam.example/x'; } }</script>",
    # a function head in a comment or a string is none
    "<script>/* function z() { */ if (Math.random() < 0.3) { location.href = "
    "'https://spam.example/x'; }</script>",
    "<script>var s = 'function z() {'; if (Math.random() < 0.3) { location.href = "
    "'https://spam.example/x'; }</script>",
    # code inside a template's `${…}` is code, and a nested template does not end it
    "<script>list.innerHTML = `<ul>${links.map(l => `<li>${l}</li>`).join('')}</ul>`;\n"
    "document.addEventListener('click', function () { location.assign('https://spam.example/x');"
    " });</script>",
    "<script>const go = html`<a @click=${() => location.assign('https://spam.example/x')}>"
    "x</a>`;</script>",
    "<script>if (`${a}` === 'b') location.replace('https://spam.example/x');</script>",
    # a division after `i++` or a name that is no keyword (`of`, `x.in`) opens no regex
    "<script>var n=i++/2;if(c){location.replace('https://spam.example/x')}var z=w/3;</script>",
    "<script>var of=4,h=of/2;if(c){location.replace('https://spam.example/x')}z=w/3;</script>",
    "<script>var h=x.in/2;if(c){location.replace('https://spam.example/x')}z=w/3;</script>",
    "<script>y=1./2;function f(){y=1./2;location.href='https://spam.example/x'}</script>",
    # a regex after `)` or `}` or at a template expression's start is no division
    "<script>function esc(s){return s}/[<>\"]/.test(t)&&(t=esc(t));document.onclick=function(){"
    "location.href='https://spam.example/x'}</script>",
    "<script>t=`${a}${/'/.test(s)}`;function f(){t=`${a}${/'/.test(s)}`;"
    "location.href='https://spam.example/x'}</script>",
    # a redirect in a comment, or in markup a string holds, runs with no page load
    "<script>var a=1;\n/* disabled:\nif (promo) { location = 'https://spam.example/x'; }\n*/"
    "</script>",
    "<script>el.innerHTML = \"<a onclick=\\\"location.href='https://spam.example/x'\\\">x</a>\";"
    "</script>",
])
def test_a_redirect_the_page_may_run_stays_a_redirect(audit_html: AuditHtml, markup: str) -> None:
    report = audit_html(page(markup), url="https://game.example/")
    assert [(f.kind, f.severity.value) for f in report.findings if f.kind == "redirect"] == [
        ("redirect", "medium")]


@pytest.mark.parametrize("before", [
    "var t = s.replace(/{/g, '');",  # a brace in a regex literal opens no block
    "var css = 'a { color: red';",  # nor one in a string
    "/* if (old) { */ var n = a / b;",  # nor one in a comment; a division is no regex
    "var t = `x{` + `${a}`;",  # nor one in a template
])
def test_a_redirect_at_the_top_level_after_a_brace_that_is_not_code_is_high(
        audit_html: AuditHtml, before: str) -> None:
    report = audit_html(page(f"<script>{before} location.replace('https://spam.example/x');"
                             "</script>"), url="https://blog.example/")
    assert [(f.kind, f.severity.value) for f in report.findings if f.kind == "redirect"] == [
        ("redirect", "high")]


def test_tracker_code_before_the_html_start_tag_is_injected(audit_html: AuditHtml) -> None:
    """A free host prepends its overlay ad and counters to every page it serves, before
    the page's own `<html>`; a page's own tracker in its head is not a finding, nor is an
    inline script before `<html>` that requests nothing a list blocks."""
    prepended = ('<script>document.write(\'<scr\' + \'ipt src="https://www.google-analytics.com/'
                 'analytics.js"></scr\' + \'ipt>\');</script>\n'
                 '<script>new Image().src = "//ad.doubleclick.net/activity;r=" + Math.random();'
                 '</script>\n')
    own = ('<head><title>t</title><script async src="https://www.googletagmanager.com/gtag/js?'
           'id=G-ABC123XYZ9"></script></head>')
    body = "<body><article><p>Story text.</p></article></body></html>"
    injected = audit_html(f"{prepended}<html>{own}{body}", url="https://blog.example/p")
    highs = [(f.kind, f.line, f.evidence) for f in injected.findings
             if f.severity.value == "high"]  # one block, one finding naming both parties
    # ad.doubleclick.net/activity is Floodlight's path (DFA's activity tags): named so
    assert highs == [("ad-in-body", 1, "Google Analytics, Google Campaign Manager (Floodlight)")]
    clean = audit_html(f"<script>var theme = 'dark';</script>\n<html>{own}{body}",
                       url="https://blog.example/p")
    assert not any(f.kind == "ad-in-body" for f in clean.findings)


def test_an_ad_element_is_named_by_the_vendor_word_opening_its_class(engine: Engine) -> None:
    """EasyList hides `.app_nexus_banners_common` (chip.de's AppNexus units) and `.ad-unit`;
    no loader sits inside either. The vendor's own name in a class names the first; a
    generic class names no one (its id is what the site's ad code fills: an empty box that
    nothing names is no slot at all, tests/test_empty_ad_wrappers.py)."""
    from auditor.pipeline import audit

    html = page('<div class="app_nexus_banners_common" data-hor="1"></div>'
                '<div class="ad-unit" id="ad-unit-1"></div>')
    (report,) = audit(html.encode(), url="https://news.example/a", engine=engine).pages
    assert [(s.rule, s.network) for s in report.slots] == [
        ("##.app_nexus_banners_common", "Xandr (AppNexus)"), ("##.ad-unit", None)]


def test_a_div_gpt_position_id_names_gpt(engine: Engine) -> None:
    """GPT's generated tags give a unit the id `div-gpt-ad-<n>-0`; sites shorten it to
    `div-gpt-<position>` and load gpt.js from their own bundle: EasyList hides the div,
    and the id names GPT though no loader is on the page."""
    from auditor.pipeline import audit

    html = page("<div id='div-gpt-rightBanner'></div><div id='div-gpt-ancillary'></div>"
                "<div class='topBannerAd'><div id='div-gpt-topBanner'></div></div>")
    (report,) = audit(html.encode(), url="https://news.example/a", engine=engine).pages
    # the third: its hidden wrapper is the placement, the unit inside names its vendor
    assert [(s.rule, s.network) for s in report.slots] == [
        ('##div[id^="div-gpt-"]', "Google Publisher Tag")] * 2 + [
        ("##.topBannerAd", "Google Publisher Tag")]
    assert "Google Publisher Tag" in {n.network for n in report.networks}


def test_a_hidden_column_round_a_known_unit_keeps_the_vendors_units_it_holds(
        engine: Engine) -> None:
    """EasyList hides `.ad-column` (a sidebar) and `.dfp-ad`; the column holds a ZergNet
    widget the catalogue knows and two empty GPT placeholders. The column is no slot (it
    wraps a known one), and its placeholders are placements of their own; a label it
    holds, text and no vendor's unit, is none."""
    from auditor.pipeline import audit

    html = page("<aside class='ad-column'><div class='dfp-ad' id='dfp-ad-top'></div>"
                "<div class='dfp-ad dfp-ad-label'>Advertisement</div>"
                "<div class='dfp-ad' id='dfp-ad-sidebar'></div>"
                "<div id='zergnet-widget-26344'></div><script>var z=document.createElement"
                "('script');z.src='http://www.zergnet.com/zerg.js?id=26344';</script></aside>")
    (report,) = audit(html.encode(), url="https://news.example/a", engine=engine).pages
    assert sorted((s.rule, s.network) for s in report.slots) == [
        ("##.dfp-ad", "Google Publisher Tag"), ("##.dfp-ad", "Google Publisher Tag"),
        ("##div[id^='zergnet-widget-']", "ZergNet")]


def test_a_hidden_column_keeps_a_vendors_unit_in_a_hidden_wrapper_of_its_own(
        engine: Engine) -> None:
    """The column round ZergNet's widget holds a GPT placeholder in a hidden wrapper of
    its own (`div.adWrapper > div.dfp-ad`): the wrapper is that unit's placement, named by
    the unit inside, as it is outside a column; a wrapper round no vendor's unit is none."""
    from auditor.pipeline import audit

    html = page("<aside class='ad-column'><div class='adWrapper'><div class='dfp-ad' "
                "id='dfp-ad-mid'></div></div><div class='adWrapper'><img src='/spacer.gif' "
                "alt=''></div><div id='zergnet-widget-26344'></div><script>var z=document"
                ".createElement('script');z.src='http://www.zergnet.com/zerg.js?id=26344';"
                "</script></aside>")
    (report,) = audit(html.encode(), url="https://news.example/a", engine=engine).pages
    assert sorted((s.rule, s.network) for s in report.slots) == [
        ("##.adWrapper", "Google Publisher Tag"),
        ("##div[id^='zergnet-widget-']", "ZergNet")]


def test_a_hidden_column_keeps_an_empty_box_its_ad_code_fills_by_id(engine: Engine) -> None:
    """A hidden rail round a ZergNet widget holds the site's own unit, an empty box of a
    class EasyList hides that the site's ad code fills by its id (a magazine's
    `div.ad-container#content-cards-rail`; here `div.ad-slot`): a placement, as the same box is
    outside a column; an empty box with no id, one holding a label's text, or a frame, is none."""
    from auditor.pipeline import audit

    html = page("<aside class='ad-column'><div class='ad-slot' id='cards-rail'></div>"
                "<div class='ad-slot'></div>"
                "<div class='ad-slot' id='rail-label'>Advertisement</div>"
                "<iframe id='rail-frame' name='google_ads_iframe_rail'></iframe>"
                "<div id='zergnet-widget-26344'></div><script>var z=document.createElement"
                "('script');z.src='http://www.zergnet.com/zerg.js?id=26344';</script></aside>")
    (report,) = audit(html.encode(), url="https://news.example/a", engine=engine).pages
    assert sorted((s.xpath, s.network) for s in report.slots) == [
        ("/html/body/aside/div[1]", None), ("/html/body/aside/div[4]", "ZergNet")]
    # (the empty frame an ad server's name hides there is a frame, no box its code fills)


def test_a_hidden_column_keeps_no_known_units_twin_of_another_breakpoint(
        engine: Engine) -> None:
    """The empty box in a hidden column sharing a class with the known unit there is that
    unit's other breakpoint (a magazine's `div.displayAd#header_mobile320x50_frame` beside
    its `div.displayAd#header728x90_frame`): one placement, the known unit."""
    from auditor.pipeline import audit

    html = page("<aside class='ad-column'><div class='ad-slot rail-unit' id='zergnet-widget-26344'>"
                "</div><div class='ad-slot rail-unit' id='rail-unit-mobile'></div>"
                "<script>var z=document.createElement('script');"
                "z.src='http://www.zergnet.com/zerg.js?id=26344';</script></aside>")
    (report,) = audit(html.encode(), url="https://news.example/a", engine=engine).pages
    assert [(s.xpath, s.network) for s in report.slots] == [
        ("/html/body/aside/div[1]", "ZergNet")]


def test_a_hidden_column_keeps_no_twin_of_the_box_its_known_unit_fills(
        engine: Engine) -> None:
    """The known unit is the AdSense `<ins>` in the site's box (`div.ad-slot#rail-desktop`,
    a column a list hides itself); the empty box of that class beside it
    (`div.ad-slot#rail-mobile`) is the box's other breakpoint, the same placement."""
    from auditor.pipeline import audit

    html = page("<aside class='ad-column'><div class='ad-slot' id='rail-desktop'>"
                "<ins class='adsbygoogle' style='display:inline-block;width:300px;height:250px'"
                " data-ad-client='ca-pub-1234567890123456' data-ad-slot='1234567890'></ins>"
                "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script></div>"
                "<div class='ad-slot' id='rail-mobile'></div></aside><script async src="
                "'https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'></script>")
    (report,) = audit(html.encode(), url="https://news.example/a", engine=engine).pages
    assert [(s.xpath, s.network) for s in report.slots] == [
        ("/html/body/aside/div[1]/ins", "Google AdSense")]


@pytest.mark.parametrize(("markup", "slots"), [
    # the industry's AdChoices notice and the site's ad-sales link, hidden by their class
    ('<a class="ad_choices" href="https://www.newsgroup.example/privacy#optout">Ad Choices'
     "</a>", []),
    ("<span class='ad_choice'><a href='/privacy#advertisements'>Ad Choices<span class="
     "'icons-ad_choice'></span></a></span>", []),
    ('<a class="brand-link advertise-link" href="https://advertising.news.example/">Advertise '
     "With Us</a>", []),
    # a link of other words, or one round an image, can be an ad
    ('<a class="advertise-link" href="https://shop.example/sale">Winter sale: 40% off boots'
     "</a>", ["##.advertise-link"]),
    ('<a class="advertise-link" href="https://shop.example/"><img src="https://shop.example/b'
     '.png" width="300" height="250" alt="Advertise"></a>', ["##.advertise-link"]),
    # "Advertise with …" on the site is its ad-sales link; off it, a direct-sold text ad's
    # own copy pointing at its sponsor
    ('<a class="advertise-link" href="/media/advertise">Advertise on News Example</a>', []),
    ('<a class="advertise-link" href="https://sponsor.example/offer">Advertise with '
     "confidence today</a>", ["##.advertise-link"]),
    # … but a site's group sells its ads on the group's own site: a link naming the company
    # whose site it goes to, or going to that site's advertising page, is the sales link
    ('<a class="advertise-link" href="https://www.newsgroupmedia.example/">Advertise with '
     "NewsGroup</a>", []),
    ('<a class="advertise-link" href="https://corp.example/advertising/">Advertise with '
     "our publisher</a>", []),
    # a bare link of the site's own to its ad-sales page, whatever its words: a Vietnamese
    # header's "Liên hệ quảng cáo" ("advertising contact") or its sales desk's number
    ('<a class="advertise-link" href="/lien-he-quang-cao/"><i class="ic ic-ad"></i>Liên hệ '
     "quảng cáo</a>", []),
    ('<a class="advertise-link" href="https://www.news.example/lien-he-quang-cao" '
     'title="quảng cáo"><i class="ic"></i>028 555 0142</a>', []),
    # … not one off the site whose address holds the word, nor the site's link elsewhere
    ('<a class="advertise-link" href="https://lien-he-quang-cao.example/quang-cao">Giảm giá '
     "40%</a>", ["##.advertise-link"]),
    ('<a class="advertise-link" href="/the-thao/">Thể thao</a>', ["##.advertise-link"]),
], ids=["AdChoices link", "AdChoices link and icon", "ad-sales link", "an ad's own words",
        "a banner", "ad-sales link in the site's name", "a text ad reading Advertise with",
        "the group's ad-sales link in its name", "the group's advertising page",
        "the site's sales link in Vietnamese", "the sales desk's number",
        "another site's link", "the site's link elsewhere"])
def test_a_link_about_the_sites_advertising_is_no_slot(markup: str, slots: list[str],
                                                       engine: Engine) -> None:
    """Generic rules hide a footer's AdChoices link and an "Advertise With Us" link by their
    class: links about the site's advertising, no placement of an ad."""
    from auditor.pipeline import audit

    (report,) = audit(page(markup).encode(), url="https://www.news.example/a",
                      engine=engine).pages
    assert [s.rule for s in report.slots] == slots


def test_an_unsold_ad_box_reading_advertise_here_is_a_placement(catalogue: Catalogue) -> None:
    """A hidden ad box that shows "Advertise here" while unsold (a blog's 125x125 spot
    linking to its own advertising page) is the placement it holds for an ad, as it was
    before an ad network's own "Advertise here" link folded into its unit; that network
    link still does."""
    body = ('<div class="sidebar-ad"><a href="/advertise">Advertise here</a></div><p>Text.</p>'
            '<div class="sidebar-ad" style="width:125px;height:125px"><a href="https://n.example'
            '/advertise">Advertise Here</a></div>')
    doc = Document(input="t.html", kind="html", text=page(body), url="https://n.example/",
                   markup=True)
    report = audit_document(doc, Engine.from_text("##.sidebar-ad\n", name="t"), catalogue)
    assert [(s.rule, s.width) for s in report.slots] == [
        ("##.sidebar-ad", None), ("##.sidebar-ad", 125)]


def test_a_unit_printing_the_word_beside_an_empty_twin_unit_is_no_label(
        engine: Engine) -> None:
    """A unit that prints "Advertisement" before its script fills it, beside an empty unit
    marked up as it is (one tag and class, ids of their own), is a unit, not the other's
    label: two placements. A label marked up as one (`p.ad-label`) still folds."""
    from auditor.pipeline import audit

    twins = page("<div class='ad-unit' id='ad-top'>Advertisement</div>"
                 "<div class='ad-unit' id='ad-mid'></div>")
    (report,) = audit(twins.encode(), url="https://www.news.example/a", engine=engine).pages
    assert len(report.slots) == 2
    labelled = page("<div class='advert-txt'>Advertisement</div><div class='ad-unit' "
                    "id='ad-mid'></div>")
    (report,) = audit(labelled.encode(), url="https://www.news.example/a", engine=engine).pages
    assert len(report.slots) == 1


_GPT_BOX = ("<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"
            "<script>googletag.cmd.push(function(){googletag.defineSlot('/1234/news/top', "
            "[300, 250], 'sponsor-ad').addService(googletag.pubads());});</script>")


@pytest.mark.parametrize("word", ["Supported by", "Advertisement", "Sponsored by"])
def test_a_label_beside_the_box_a_known_unit_renders_in_is_no_slot(
        word: str, engine: Engine) -> None:
    """A publisher's label (`span.ad-label`, hidden by `##.ad-label`) sits beside the box
    its GPT unit renders in, not beside the unit's own container: it labels that unit, one
    placement, whichever words it prints ("Supported by" over a sponsor's logo unit)."""
    from auditor.pipeline import audit

    html = page(f"<div class='sponsor'><span class='ad-label'>{word}</span><div id='sponsor-ad'>"
                "<div id='google_ads_iframe_/1234/news/top_0__container__'><iframe id="
                "'google_ads_iframe_/1234/news/top_0' width='300' height='250'></iframe>"
                "</div></div></div>", _GPT_BOX)
    (report,) = audit(html.encode(), url="https://www.news.example/a", engine=engine).pages
    assert [s.network for s in report.slots] == ["Google Publisher Tag"]


def test_a_placeholder_beside_a_layout_box_deep_round_a_unit_is_a_placement(engine: Engine) -> None:
    """Only the unit's box and the box round it are what a label labels: a hidden
    "Advertisement" placeholder beside a page section that holds a unit further down is a
    placement of its own."""
    from auditor.pipeline import audit

    html = page("<div class='ad-unit' id='ad-top'>Advertisement</div><section><div><div>"
                "<div id='sponsor-ad'><div id='google_ads_iframe_/1234/news/top_0__container__'>"
                "<iframe id='google_ads_iframe_/1234/news/top_0' width='300' height='250'>"
                "</iframe></div></div></div></div></section>", _GPT_BOX)
    (report,) = audit(html.encode(), url="https://www.news.example/a", engine=engine).pages
    assert [(s.line, s.network) for s in report.slots] == [
        (1, None), (1, "Google Publisher Tag")]


def test_a_sized_unit_printing_the_word_beside_a_known_units_box_is_a_placement(
        engine: Engine) -> None:
    """A sidebar's second unit, saved before its ad code filled it, prints "Advertisement"
    in its own box (an id its code fills, its position in a data- attribute, its size
    declared) beside the widget box round the first, GPT's: it is marked up as a unit, not
    as a label, so it stays a placement of its own. A label beside that box stays none."""
    from auditor.pipeline import audit

    gpt = _GPT_BOX.replace("'sponsor-ad'", "'sidebar-ad-1'")
    first = ("<div class='widget'><div id='sidebar-ad-1'><div id='google_ads_iframe_/1234/news/"
             "top_0__container__'><iframe id='google_ads_iframe_/1234/news/top_0' width='300' "
             "height='250'></iframe></div></div></div>")
    second = ("<div class='ad-slot' id='sidebar-ad-2' data-ad-position='right2' "
              "style='width:300px;height:250px'>Advertisement</div>")
    html = page(f"<aside class='sidebar'>{first}\n{second}</aside>", gpt)
    (report,) = audit(html.encode(), url="https://www.news.example/a", engine=engine).pages
    assert [(s.network, s.width) for s in report.slots] == [
        ("Google Publisher Tag", 300), (None, 300)]
    label = "<div class='ad-label'>Advertisement</div>"
    html = page(f"<aside class='sidebar'>{label}\n{first}</aside>", gpt)
    (report,) = audit(html.encode(), url="https://www.news.example/a", engine=engine).pages
    assert [s.network for s in report.slots] == ["Google Publisher Tag"]


def test_a_hidden_wrapper_round_an_ad_networks_own_advertise_link_is_its_slot(
        engine: Engine) -> None:
    """A link about advertising is no slot unless it points at an ad network; a hidden
    wrapper holding only such a link to A-ADS (its unit's frame stripped from the saved
    page) is A-ADS' placement, as the bare link is, not the site's ad-sales link."""
    from auditor.pipeline import audit

    html = page("<span class='ad_choice'><a href='https://aads.com/campaigns/new/?source_id="
                "2112345&amp;source_type=ad_unit'>Advertise with A-ADS</a></span>")
    (report,) = audit(html.encode(), url="https://www.news.example/a", engine=engine).pages
    assert [s.network for s in report.slots] == ["A-Ads"]


def test_a_pixel_inside_a_hidden_box_does_not_make_it_the_pixel_vendors_unit(
        engine: Engine) -> None:
    """EasyList hides `.ad-unit`; the Facebook pixel <img> in it loads no ad, so the box is
    an unnamed unit, not Facebook's."""
    from auditor.pipeline import audit

    html = page('<div class="ad-unit"><img height="1" width="1" style="display:none" '
                'src="https://www.facebook.com/tr?id=1143146955705276&amp;ev=PageView"></div>')
    (report,) = audit(html.encode(), url="https://news.example/a", engine=engine).pages
    assert [(s.rule, s.network) for s in report.slots] == [("##.ad-unit", None)]
    assert ("facebook-pixel", "1143146955705276") in ids_of(report)



def test_a_landmark_a_generic_rule_hides_is_no_slot(engine: Engine) -> None:
    """EasyList's `##.ad_Right` hides a newspaper's footer of links (sueddeutsche.de's
    `footer#sitefooter.ad_Right`): a landmark holding the page's own text and nothing an
    ad shows in (the site's logo is no ad) is the page, not an ad unit. The same rule on a
    box is a slot, and so is a landmark round a frame or an ad network's banner, caption
    or not."""
    from auditor.pipeline import audit

    links = "".join(f'<a href="/{w.lower()}">{w}</a> ' for w in (
        "Imprint", "Privacy", "Contact", "Terms of use", "Newsletter", "Careers", "Archive",
        "Subscriptions", "Advertise with us"))
    caption = "<p>Anzeige – " + "a word of the advertiser's own " * 4 + "</p>"
    body = ('<div class="ad_Right" style="width:300px;height:250px"></div>'
            '<header class="ad_Right" style="width:728px;height:90px"><div></div></header>'
            f'<footer class="ad_Right" style="width:320px">{links}<iframe '
            'src="https://securepubads.g.doubleclick.net/x"></iframe></footer>'
            f'<nav class="ad_Right" style="width:160px">{caption}<img '
            'src="https://tpc.googlesyndication.com/simgad/1"></nav>'
            '<header class="ad_Right" style="width:970px"><div></div><noscript><p>Please '
            'enable JavaScript to see this page as it is meant to be seen, thank you.</p>'
            '</noscript></header>'
            f'<footer class="ad_Right" style="width:468px">{links}<img '
            'src="https://ad.doubleclick.net/ddm/ad/N1.x/B2;sz=468x60;ord=1?"></footer>'
            f'<footer id="sitefooter" class="ad_Right"><a href="/"><img src="/logo.svg"></a>'
            f'<nav>{links}</nav></footer>')
    (report,) = audit(page(body).encode(), url="https://news.example/a", engine=engine).pages
    assert [(s.rule, s.width) for s in report.slots] == [
        ("##.ad_Right", 300), ("##.ad_Right", 728), ("##.ad_Right", 320), ("##.ad_Right", 160),
        ("##.ad_Right", 970), ("##.ad_Right", 468)]


def test_nested_landmarks_cost_linear_time(engine: Engine) -> None:
    """Each landmark's text was counted by a walk of its own subtree: 2,000 nested `<nav>`
    a generic rule hides took 15 s. One walk counts them all."""
    import time

    from auditor.pipeline import audit

    def seconds(depth: int) -> float:
        html = ('<html><body>' + '<nav class="ad_Right">' * depth + '<i></i>' * (10 * depth)
                + '</nav>' * depth + '</body></html>')
        start = time.perf_counter()
        audit(html.encode(), url="https://news.example/a", engine=engine)
        return time.perf_counter() - start

    seconds(100)
    # the fastest of three runs each: a loaded machine only ever slows a run down
    small, large = (min(seconds(n) for _ in range(3)) for n in (250, 1_000))
    assert large < 10 * max(small, 0.01), (small, large)


def test_managed_ad_stacks_name_their_units_and_sites(audit_html: AuditHtml) -> None:
    """Managed stacks of small and mid-size sites, each as its publisher tag is pasted:
    Playwire's RAMP, Sortable, Venatus, Snigel's AdEngine, Publift's Fuse, NitroPay,
    Setupad and Monumetric. Each names its units; its site or publisher key is an ID."""
    playwire = ("<script>window.ramp = window.ramp || {}; window.ramp.que = window.ramp.que || [];"
                "</script><script async src='//cdn.intergient.com/1020841/70412/ramp.js'></script>"
                '<div id="standard_iab_head1" data-pw-desk="standard_iab_head1"></div>'
                "<script>window.ramp.que.push(function () { "
                "window.ramp.addTag('standard_iab_head1'); });</script>")
    sortable = ('<div class="ad-tag" data-ad-name="dfp_leaderboard" data-ad-size="auto"></div>'
                '<script src="//tags-cdn.deployads.com/a/gardening.example.js" async></script>'
                "<script>(deployads = window.deployads || []).push({});</script>")
    venatus = ('<script src="https://hb.vntsm.com/v3/live/ad-manager.min.js" type="text/javascript"'
               ' data-site-id="61a0c3e5b4d2f7a8c9e01b2d" data-mode="scan" async></script>'
               '<div class="vm-placement" data-id="61a0c4f2b4d2f7a8c9e01b33"></div>')
    snigel = ('<script>window.snigelPubConf = {"adengine": {"activeAdUnits": ["sidebar_right"]}}'
              '</script><script async data-cfasync="false" src="https://cdn.snigelweb.com/adengine/'
              'gardening.example/loader.js"></script><div id="adngin-sidebar_right-0"></div>')
    report = audit_html(page(playwire + sortable + venatus + snigel), url="https://gardening.example/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Playwire", "standard_iab_head1"), ("Sortable", "dfp_leaderboard"),
        ("Venatus", "61a0c4f2b4d2f7a8c9e01b33"), ("Snigel", "sidebar_right")]
    assert {("playwire-publisher", "1020841"), ("playwire-website", "70412"),
            ("sortable-site", "gardening.example"), ("venatus-site", "61a0c3e5b4d2f7a8c9e01b2d"),
            ("snigel-site", "gardening.example")} <= ids_of(report)

    fuse = ('<script async src="https://cdn.fuseplatform.net/publift/tags/2/3120/fuse.js"></script>'
            '<div data-fuse="22381650174"></div>')
    nitro = ('<script>window.nitroAds = window.nitroAds || {createAd: function () {'
             'window.nitroAds.queue.push(["createAd", arguments])}, queue: []};</script>'
             '<script data-cfasync="false" async src="https://s.nitropay.com/ads-812.js"></script>'
             "<div id=\"nitro-sidebar\"></div><script>window['nitroAds'].createAd('nitro-sidebar', "
             '{"sizes": [["300", "250"]]});</script>')
    setupad = ("<script>window.stpd = window.stpd || {que: []}; stpd.que.push(function() "
               '{ stpd.initialize(); });</script><script async src="https://stpd.cloud/saas/4410">'
               "</script>")
    uuid = "3c7e9a14-58b2-4d61-9f03-b2e6d8a1c457"
    monumetric = ('<script src="//monu.delivery/site/4/b/7d29e1-0c4a-4b8e-9a51-3f6e2b8d0c19.js" '
                  f'data-cfasync="false"></script><div id="mmt-{uuid}"></div><script data-cfasync='
                  '"false">$MMT = window.$MMT || {}; $MMT.cmd = $MMT.cmd || [];$MMT.cmd.push('
                  f'function(){{ $MMT.display.slots.push(["{uuid}"]); }})</script>')
    report = audit_html(page(fuse + nitro + setupad + monumetric), url="https://quiz.example/b")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Publift (Fuse)", "22381650174"), ("NitroPay", "nitro-sidebar"), ("Monumetric", uuid)]
    assert {("publift-publisher", "3120"), ("nitropay-site", "812"), ("setupad-site", "4410"),
            ("monumetric-site", "7d29e1-0c4a-4b8e-9a51-3f6e2b8d0c19")} <= ids_of(report)
    assert {n.network for n in report.networks} >= {
        "Publift (Fuse)", "NitroPay", "Setupad", "Monumetric"}


def test_header_bidding_and_in_page_tags_name_their_site(audit_html: AuditHtml) -> None:
    """Underdog Media's ad code (its one script on `udmserve.net`, the site's `sid` in its
    query) and District M's merge script (`merge.<site>.js`, later builds with their version
    before it) name their network and the site they are cut for; the same numbers on
    another host, or the vendor's address in prose, are none of theirs."""
    tags = ('<!-- UNDERDOGMEDIA EDGE_gardening.example JavaScript ADCODE START -->'
            '<script data-cfasync="false" async src="https://udmserve.net/udm/img.fetch?sid='
            '20417;tid=1;dt=6;"></script><script async src="//cdn.districtm.ca/merge/merge.v4.2.'
            '120988.js"></script><script src="//cdn.districtm.ca/merge/merge.131402.js"></script>')
    report = audit_html(page(tags), url="https://gardening.example/a")
    assert {("underdogmedia-site", "20417"), ("districtm-merge", "120988"),
            ("districtm-merge", "131402")} <= ids_of(report)
    assert {"Underdog Media", "District M"} <= {n.network for n in report.networks}
    lookalike = ('<script async src="https://notudmserve.net/udm/img.fetch?sid=20417;tid=1">'
                 '</script><script src="https://udmserve.net.cdn-edge.test/udm/img.fetch?sid='
                 '20418"></script><script src="https://cdn.districtm.ca.evil.test/merge/merge.'
                 '120988.js"></script><pre>&lt;script src="https://udmserve.net/udm/img.fetch?'
                 'sid=20419;tid=1"&gt;</pre>')
    report = audit_html(page(lookalike), url="https://gardening.example/a")
    assert not {i for i in report.ids if i.kind in {"underdogmedia-site", "districtm-merge"}}
    assert not {"Underdog Media", "District M"} & {n.network for n in report.networks}


def test_generic_unit_markup_is_a_stacks_only_where_it_loads(audit_html: AuditHtml) -> None:
    """`div.ad-tag[data-ad-name]`, `div[data-fuse]` and `div.adunit` are common outside ad
    tags: without Sortable's, Fuse's or Mediavine's loader they are no unit of theirs."""
    report = audit_html(page('<div class="ad-tag" data-ad-name="x"></div><button data-fuse="1">'
                             '</button><div data-fuse="ring"></div><div class="adunitwrapper">'
                             '<div id="top_ad" class="adunit"></div></div>'),
                        url="https://shop.example/")
    assert {s.network for s in report.slots} <= {None}


def test_video_and_high_impact_vendors_are_named(audit_html: AuditHtml) -> None:
    """AnyClip's player tag plays where it stands (its widget, its publisher's name);
    Adnami's site macro, ShowHeroes (Viralize), EX.CO, AdUp and Digiteka's in-article unit
    are named by their hosts."""
    anyclip = ('<script src="https://player.anyclip.com/anyclip-widget/lre-widget/prod/v1/src/'
               'lre.js" pubname="gardenpress" widgetname="0016900002xQ7mk_4410"></script>')
    adnami = ("<script async src='https://macro.adnami.io/macro/spec/adsm.macro.8f1c2d3e-4a5b-"
              "4c6d-8e7f-9a0b1c2d3e4f.js'></script><script>var adsmtag = adsmtag || {}; "
              "adsmtag.cmd = adsmtag.cmd || [];</script>")
    others = ('<script async src="https://content.viralize.tv/display/?zid=AAF3kQ9x"></script>'
              '<script async src="https://player.ex.co/player/5c2e8f1a-aaaa"></script>'
              '<script src="https://s.d.adup-tech.com/jsapi"></script>'
              '<div id="ultimedia_wrapper"><div id="ultimedia_slot"></div></div>'
              '<script src="//www.ultimedia.com/js/common/smart.js"></script>')
    report = audit_html(page(anyclip + adnami + others), url="https://lemonde.example/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [("AnyClip", "0016900002xQ7mk_4410")]
    assert {("anyclip-publisher", "gardenpress"),
            ("adnami-site", "8f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f")} <= ids_of(report)
    assert {r.network for r in report.resources} == {
        "AnyClip", "Adnami", "ShowHeroes", "EX.CO", "AdUp Technology", "Digiteka"}


def test_criteos_publisher_tag_names_its_unit(audit_html: AuditHtml) -> None:
    """Criteo's publisher tag writes its unit with `Criteo.DisplayAd({zoneid, containerid})`."""
    criteo = ('<script async src="https://static.criteo.net/js/ld/publishertag.js"></script>'
              '<div id="crt-918273"></div><script>Criteo.events = Criteo.events || []; '
              'Criteo.events.push(function() { Criteo.DisplayAd({"zoneid": 918273, '
              '"containerid": "crt-918273", "async": true}); });</script>')
    report = audit_html(page(criteo), url="https://prix.example/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [("Criteo", "918273")]
    assert ("criteo-zone", "918273") in ids_of(report)


def test_units_easylist_hides_are_named_by_their_vendors_word(engine: Engine) -> None:
    """EasyList hides TrafficJunky's `ins.adsbytrafficjunky` and Digiteka's
    `#ultimedia_wrapper` everywhere, and rvtrader.com's `.publift-ad-footer`: with no
    vendor's loader inside, each is the unit of the vendor its name opens with."""
    from auditor.pipeline import audit

    html = page('<ins class="adsbytrafficjunky" data-zoneid="3301234" data-width="300" '
                'data-height="250"></ins><div id="ultimedia_wrapper"><div id="ultimedia_slot">'
                '</div></div><div class="publift-ad-footer"></div>')
    (report,) = audit(html.encode(), url="https://www.rvtrader.com/a", engine=engine).pages
    assert [s.network for s in report.slots] == ["TrafficJunky", "Digiteka", "Publift (Fuse)"]


def test_novaly_medias_container_is_the_unit_its_init_names(audit_html: AuditHtml) -> None:
    """Novaly Media's snippet loads its script and then `novalyMedia.init({…, containerID})`:
    the element it names is the unit (a Blogger widget's empty div), one slot, not the
    script as well."""
    snippet = ('<div class="widget-content"><div id="nm_unit_side"></div><script>'
               "var s = document.createElement('script');"
               "s.src = '//assets.novalymedia.com/latest/novalymedia.min.js';"
               "document.body.appendChild(s).addEventListener('load', function() {"
               'novalyMedia.init({publisherID: "731", publicToken: '
               '"0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", version: "4", '
               'containerID: "nm_unit_side"}) });</script></div>')
    report = audit_html(page(snippet), url="https://blog.example/2024/10/trip.html")
    assert [(s.network, s.xpath) for s in report.slots] == [
        ("Novaly Media", "/html/body/div/div")]
    assert ("novaly-publisher", "731") in ids_of(report)


def test_fazs_iq_digital_positions_are_its_units(audit_html: AuditHtml) -> None:
    """F.A.Z. wraps its iq digital setup in a script of its own (`FAZ_secondary-info`):
    each position is an `<aside class="js-cna">` whose inline script calls
    `fazSecondaryInfo.<position>.init()`; two calls in one aside are two positions, and
    the script's own helpers (`poll.init()`, a guard that tests `init` exists) are none."""
    head = ('<script src="https://static.news.example/ad/iq.news.example/dist/'
            'secondary-info.min.js"></script>')
    body = ('<aside id="cna-P1" class="js-cna cna-P1"><script>fazSecondaryInfo.poll.init();\n'
            "fazSecondaryInfo.P1.init();</script><script>fazSecondaryInfo.T2.init();</script>"
            '</aside><aside id="cna-P6" class="js-cna cna-P6"><script>"undefined" != typeof '
            'fazSecondaryInfo && "function" == typeof fazSecondaryInfo.P6.init && '
            "fazSecondaryInfo.P6.init()</script></aside>")
    report = audit_html(page(body, head), url="https://www.news.example/aktuell/a.html")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("iq digital", "P1"), ("iq digital", "T2"), ("iq digital", "P6")]
    assert "iq digital" in {n.network for n in report.networks}
    assert not [f for f in report.findings if f.severity.value in ("medium", "high")]


def test_an_in_read_marker_is_teads_unit_only_where_teads_loads(audit_html: AuditHtml) -> None:
    """A page puts `<div class="inread">` in its article where Teads' page tag opens its
    player (heise, after the tag). Other in-read sellers use the word too: without
    Teads' tag the marker names no vendor."""
    tag = '<script class="teads" async src="//a.teads.tv/page/12345/tag"></script>'
    marker = "<p>First paragraph.</p>" + tag + '<div class="inread"></div><p>Second.</p>'
    report = audit_html(page(marker), url="https://news.example/a")
    assert [s.network for s in report.slots] == ["Teads"]
    assert ("teads-page", "12345") in ids_of(report)
    alone = audit_html(page('<p>One.</p><div class="inread"></div>'), url="https://news.example/a")
    assert all(s.network != "Teads" for s in alone.slots)
    # Teads a bidder of the page's Prebid config: its page tag is not on the page, and the
    # marker is no more its than another in-read seller's
    bidder = ("<script>pbjs.addAdUnits([{code: 'outstream', mediaTypes: {video: {context: "
              "'outstream', playerSize: [640, 360]}}, bids: [{bidder: 'teads', params: "
              "{placementId: 123456, pageId: 112233}}]}]);</script>")
    bidding = audit_html(page('<p>One.</p><div class="inread"></div>', bidder),
                         url="https://news.example/a")
    assert [(n.network, n.seen.value) for n in bidding.networks if n.network == "Teads"] == [
        ("Teads", "bidder")]
    assert all(s.network != "Teads" for s in bidding.slots)


def _rendered(path: str, n: int, w: int, h: int) -> str:
    """A GPT unit as a page saved after GPT ran holds it: its container and frame."""
    return (f'<div id="google_ads_iframe_{path}_{n}__container__" style="border: 0pt none;">'
            f'<iframe id="google_ads_iframe_{path}_{n}" title="3rd party ad content" '
            f'width="{w}" height="{h}" scrolling="no" frameborder="0"></iframe></div>')


def test_gpt_units_saved_after_gpt_ran_are_its_slots(audit_html: AuditHtml) -> None:
    """A page saved with its scripts stripped keeps the containers GPT wrote: each is a GPT
    unit with its ad-unit path (written with or without its leading `/`) and network."""
    report = audit_html(page('<div class="rail-box">' + _rendered("/21774381/harbour/news", 0,
                                                                  300, 250) + "</div>"
                             '<div class="foot-box">' + _rendered("3865/harbour.example/tier1/"
                                                                  "news", 1, 728, 90)
                             + "</div>"), url="https://harbour.example/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Google Publisher Tag", "/21774381/harbour/news"),
        ("Google Publisher Tag", "3865/harbour.example/tier1/news")]
    assert {("gpt-network", "21774381"), ("gpt-network", "3865")} <= ids_of(report)


def test_a_stacks_unit_gpt_rendered_into_stays_the_stacks(audit_html: AuditHtml) -> None:
    """A wrapper serves through GPT: the container GPT wrote inside HTL's placeholder is
    that placement, named HTL's, not a second slot of GPT's."""
    report = audit_html(page('<div class="htlad-sidebar_rectangle">'
                             + _rendered("/21774381/harbour/rail", 0, 300, 600) + "</div>",
                             '<script async src="https://htlbid.com/v3/harbour.example/'
                             'htlbid.js"></script>'), url="https://harbour.example/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Hashtag Labs (HTL)", "sidebar_rectangle")]


@pytest.mark.parametrize(("inside", "gpt_named"), [
    # Raptive's placeholders as a page saved after its script ran holds them (no loader
    # kept): GPT's container and frame, and one not yet filled (its container alone)
    (_rendered("/18190176,22718406/AdThrive_Content_1/5f0e4a1b2c3d4e5f6a7b8c9d", 0, 300, 250),
     True),
    ('<div id="google_ads_iframe_/18190176,22718406/AdThrive_Content_2/'
     '5f0e4a1b2c3d4e5f6a7b8c9d_0__container__" style="border: 0pt none;"></div>', True),
    # a kit's copy of GPT's container round another company's frame: no GPT ran there
    ('<div id="google_ads_iframe_/18190176,22718406/AdThrive_Content_3/'
     '5f0e4a1b2c3d4e5f6a7b8c9d_0__container__"><iframe src="https://ads.pubmatic.com/AdServer/'
     'js/showad.js" width="300" height="250"></iframe></div>', False),
    # the words in the stack's prose, no container
    ("<p>Ads render into google_ads_iframe_/18190176/x_0__container__ frames.</p>", False),
])
def test_gpt_rendering_in_a_stacks_slot_names_gpt_on_the_page(
        audit_html: AuditHtml, inside: str, gpt_named: bool) -> None:
    """A managed stack serves through GPT: the container GPT wrote inside the stack's
    placeholder leaves the placement the stack's, and shows GPT ran on the page (a page
    saved without its scripts keeps no gpt.js), as an ad slot's markup; a copy of the
    container round another company's frame shows no GPT."""
    report = audit_html(page('<div id="AdThrive_Content_1_desktop" class="adthrive-ad '
                             'adthrive-content adthrive-content-1" style="min-height: 250px;">'
                             + inside + "</div>"), url="https://harbour.example/a")
    assert [s.network for s in report.slots] == ["Raptive (AdThrive)"]
    named = {n.network: n for n in report.networks}
    assert ("Google Publisher Tag" in named) is gpt_named
    if gpt_named:
        assert (named["Google Publisher Tag"].seen.value, named["Google Publisher Tag"].slots) \
            == ("slot", 0)


def test_googles_measurement_and_safeframe_files_name_no_adsense(
        audit_html: AuditHtml) -> None:
    """IMA's video player writes a srcdoc frame loading Google's Open Measurement SDK from
    AdSense's host, and GPT renders into SafeFrame's hashed hosts: Google's ad serving,
    not AdSense."""
    report = audit_html(page(
        '<iframe src="https://95a473e2ad2610658b179c981bdc3fea.safeframe.googlesyndication.com/'
        'safeframe/1-0-38/html/container.html" width="728" height="90"></iframe>'
        '<iframe sandbox="allow-scripts allow-same-origin" style="display: none;" srcdoc="'
        '<script src=https://pagead2.googlesyndication.com/omsdk/releases/live/omweb-v1.js>'
        '</script>"></iframe>'), url="https://harbour.example/a")
    assert "Google AdSense" not in {n.network for n in report.networks}


@pytest.mark.parametrize("rail, foot", [("div-gpt-ad-rail", "div-gpt-ad-foot"),
                                        ("harbour-rail", "harbour-foot")])
def test_a_page_saved_with_its_scripts_after_gpt_ran_counts_each_unit_once(
        audit_html: AuditHtml, rail: str, foot: str) -> None:
    """Chrome's "save page" keeps the scripts and the containers GPT wrote into the
    elements `defineSlot` named: the declaration and its container are one unit, sized as
    the declaration says where the container declares no size."""
    head = ('<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js">'
            '</script><script>googletag.cmd.push(function() {'
            f"googletag.defineSlot('/21774381/harbour/rail', [300, 250], '{rail}')"
            ".addService(googletag.pubads());"
            f"googletag.defineSlot('/21774381/harbour/foot', [728, 90], '{foot}')"
            ".addService(googletag.pubads());googletag.enableServices();});</script>")
    report = audit_html(page(f'<div id="{rail}">' + _rendered("/21774381/harbour/rail", 0,
                                                                300, 250) + "</div><p>Text.</p>"
                             f'<div id="{foot}">' + _rendered("/21774381/harbour/foot", 0,
                                                                728, 90) + "</div>", head),
                        url="https://harbour.example/a")
    assert [(s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        ("Google Publisher Tag", "/21774381/harbour/rail", 300, 250),
        ("Google Publisher Tag", "/21774381/harbour/foot", 728, 90)]


def test_a_gpt_container_declaring_no_size_takes_its_frames(audit_html: AuditHtml) -> None:
    """GPT sizes the frame it renders an ad in, not always its container: a container
    with no size is its frame's size; one GPT left empty has none."""
    report = audit_html(page(_rendered("/21774381/harbour/rail", 0, 300, 600)
                             + '<div id="google_ads_iframe_/21774381/harbour/foot_0__container__"'
                             ' style="border: 0pt none;"></div>'),
                        url="https://harbour.example/a")
    assert [(s.zone_id, s.width, s.height) for s in report.slots] == [
        ("/21774381/harbour/rail", 300, 600), ("/21774381/harbour/foot", None, None)]


def _container_round(path: str, src: str) -> str:
    """GPT's container markup round a frame of `src`."""
    return (f'<div id="google_ads_iframe_{path}_0__container__" style="border: 0pt none;">'
            f'<iframe id="google_ads_iframe_{path}_0" src="{src}" width="300" height="250" '
            'frameborder="0"></iframe></div>')


@pytest.mark.parametrize(("src", "network"), [
    ("https://a.magsrv.com/iframe.php?idzone=5512007&size=300x250", "ExoClick"),
    ("https://ads.kdjfh7s.example/serve?z=9", None),
    # GPT's own: SafeFrame's hashed host, and a frame it writes (no address)
    ("https://95a473e2ad2610658b179c981bdc3fea.safeframe.googlesyndication.com/safeframe/"
     "1-0-38/html/container.html", "Google Publisher Tag"),
    ("about:blank", "Google Publisher Tag"),
], ids=["ExoClick's frame", "an unknown host's frame", "SafeFrame", "a written frame"])
def test_a_gpt_container_is_named_by_the_frame_it_holds(
        src: str, network: str | None, audit_html: AuditHtml) -> None:
    """GPT renders in a frame of its own; its container's name round another network's
    frame is borrowed (a kit's copy of the markup): the placement is the frame's network's,
    or no known one's, and the path in the id is no GPT slot's."""
    report = audit_html(page(_container_round("/21774381/harbour/rail", src)),
                        url="https://harbour.example/a")
    assert [s.network for s in report.slots] == [network], report.slots
    if network != "Google Publisher Tag":
        assert all(s.zone_id != "/21774381/harbour/rail" for s in report.slots)


@pytest.mark.parametrize("other", [
    '<iframe src="https://a.magsrv.com/iframe.php?idzone=5512007&size=300x250" width="1" '
    'height="1"></iframe>',
    '<iframe src="https://ads.kdjfh7s.example/serve?z=9" width="0" height="0"></iframe>',
], ids=["ExoClick's frame beside it", "an unknown host's frame beside it"])
def test_a_gpt_container_holding_gpts_own_frame_stays_gpts(
        other: str, audit_html: AuditHtml) -> None:
    """GPT's own written frame (no address) in its container makes the slot GPT's, whatever
    other frame sits beside it there: the order of frames in the container decides
    nothing (an ad or a pixel dropped next to GPT's frame does not rename the unit)."""
    path = "/21774381/harbour/rail"
    markup = (f'<div id="google_ads_iframe_{path}_0__container__" style="border: 0pt none;">'
              f'<iframe id="google_ads_iframe_{path}_0" title="3rd party ad content" '
              'width="300" height="250" frameborder="0"></iframe>' + other + '</div>')
    report = audit_html(page(markup), url="https://harbour.example/a")
    gpt = [s for s in report.slots if s.network == "Google Publisher Tag"]
    assert [s.zone_id for s in gpt] == [path], report.slots


@pytest.mark.parametrize("amp", ["&amp;", "&amp;amp;", "&amp;amp;amp;"])
def test_a_comscore_beacon_escaped_twice_names_its_client_exactly(
        audit_html: AuditHtml, amp: str) -> None:
    """A CMS that escapes comScore's noscript beacon twice leaves `&amp;amp;` between its
    parameters: the c2 client ID is still read, whole, and nothing else is."""
    src = f"https://sb.scorecardresearch.com/p?c1=2{amp}c2=6035124{amp}cv=2.0{amp}cj=1"
    report = audit_html(page(f'<noscript><img src="{src}" alt=""></noscript>'))
    assert [(i.kind, i.value) for i in report.ids if i.kind == "comscore-client"] == [
        ("comscore-client", "6035124")]


def test_a_gpt_network_id_config_variable_names_the_network_code(
        audit_html: AuditHtml) -> None:
    """A site's ad module keeps its GAM network code in a variable named for it and builds
    each path from it (`'/' + GPT_NETWORK_ID + '/…'`): the code is the page's gpt-network,
    where GPT runs."""
    report = audit_html(page(
        '<div id="div-gpt-ad-top"></div><script>var GPT_NETWORK_ID = "4817";\n'
        "googletag.cmd.push(function(){ googletag.defineSlot('/' + GPT_NETWORK_ID + "
        "'/harbour/top', [728, 90], 'div-gpt-ad-top').addService(googletag.pubads()); });"
        "</script>",
        head='<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js">'
             "</script>"))
    assert ("gpt-network", "4817") in ids_of(report)


def test_an_ad_path_attribute_holding_a_gpt_unit_path_names_the_network_code(
        audit_html: AuditHtml) -> None:
    """A site's ad code keeps each box's GAM ad-unit path in an attribute named for it
    (`data-ad-path="/4236/us/content/news/article"`) and hands it to defineSlot: the path's
    network code is the page's gpt-network; a path without one names none."""
    report = audit_html(page(
        '<div id="div-gpt-ad-sponsor" data-ad-path="/4236/us/content/news/article"></div>'
        '<p>Article text.</p><script>var box = {adPath: "/news/article"};</script>'
        '<div id="div-gpt-ad-top" data-ad-path="/1234"></div>'))
    assert [i.value for i in report.ids if i.kind == "gpt-network"] == ["4236"]


@pytest.mark.parametrize(("unit", "named"), [
    # jquery.dfp.js' own pair: the unit and its sizes, the plugin in a file of the site
    ('<div class="adunit" data-adunit="Harbour_Top" data-dimensions="728x90"></div>', True),
    # a site's selector for the plugin: a class naming DFP round the unit it fills
    ('<div class="ad dfp" data-adunit="desktop/news/story" data-sizes="300x250"></div>', True),
    # the attribute alone names no one: another stack's (`data-advertising data-adunit`)
    ('<div class="pub-tete" data-advertising data-adunit="medias/diffusion"></div>', False),
])
def test_a_jquery_dfp_unit_is_gpts_without_its_loader_on_the_page(
        audit_html: AuditHtml, unit: str, named: bool) -> None:
    """jquery.dfp.js loads gpt.js from the site's own file and defines each unit from its
    `data-adunit`: the unit is GPT's placement, its zone the unit, though the page names
    no GPT loader."""
    report = audit_html(page(unit))
    gpt = [(s.network, s.zone_id) for s in report.slots if s.network == "Google Publisher Tag"]
    zone = unit.split('data-adunit="')[1].split('"')[0]
    assert gpt == ([("Google Publisher Tag", zone)] if named else [])


@pytest.mark.parametrize(("unit", "zone"), [
    # Molotov Ads' DoubleClick box: a sized unit, refreshed, lazily loaded
    ('<div id="ad-rail" data-mad="" data-mad-adunit="/40817/Harbour/Story" '
     'data-mad-size="[[300,600],[300,250]]" data-mad-lazyload-offset="300"></div>',
     "/40817/Harbour/Story"),
    # and its out-of-page unit, no size
    ('<div id="ad-badge" data-mad data-mad-adunit="/40817/Harbour/Story" '
     'data-mad-out-of-page="true"></div>', "/40817/Harbour/Story"),
    # its Smart AdServer plugin's box is no GPT unit
    ('<div id="ad-sas" data-mad data-mad-smartad-id="20055"></div>', None),
    # the attribute without the framework's marker, or a unit of no GAM path form
    ('<div id="ad-x" data-mad-adunit="/40817/Harbour/Story"></div>', None),
    ('<div id="ad-y" data-mad data-mad-adunit="Harbour_Story"></div>', None),
])
def test_a_molotov_ads_box_is_a_gpt_unit_without_its_loader_on_the_page(
        audit_html: AuditHtml, unit: str, zone: str | None) -> None:
    """Molotov Ads (an open-source ad framework, a file of the site) defines each `data-mad`
    box through googletag.defineSlot with its `data-mad-adunit` path: the box is GPT's
    unit, its zone the path (whose network code is the page's), though the page loads no
    gpt.js of its own."""
    report = audit_html(page(unit + "<pre>data-mad data-mad-adunit=\"/40817/Harbour/Pre\"</pre>"))
    gpt = [(s.network, s.zone_id) for s in report.slots if s.network == "Google Publisher Tag"]
    assert gpt == ([("Google Publisher Tag", zone)] if zone else [])
    assert (("gpt-network", "40817") in ids_of(report)) is (zone is not None)


def test_yieldbots_intent_tag_names_it_and_its_publisher(audit_html: AuditHtml) -> None:
    """Yieldbot's intent tag (its loader, then `yieldbot.pub('<psn>')` and the slots whose
    bids it passes to the ad server) names Yieldbot and its publisher; its slots are the
    ad server's units' bids, no placements of their own."""
    report = audit_html(page(
        "<script>var ybotq = ybotq || []; ybotq.push(function () { yieldbot.pub('c3d4'); "
        "yieldbot.defineSlot('LB'); yieldbot.defineSlot('MR'); yieldbot.enableAsync(); "
        "yieldbot.go(); });</script>",
        head='<script src="//cdn.yldbt.com/js/yieldbot.intent.js"></script>'))
    assert "Yieldbot" in {n.network for n in report.networks}
    assert ("yieldbot-publisher", "c3d4") in ids_of(report)
    assert [s for s in report.slots if s.network == "Yieldbot"] == []


def test_about_coms_gpt_config_places_each_slot_at_its_div(audit_html: AuditHtml) -> None:
    """About.com's wrapper names GPT's units in its config, each slot object's `id` the div
    GPT fills: each div the page holds is a GPT unit at its first size; a slot whose div
    the page lacks (its id named in the config alone) is no placement."""
    config = ("<script>Abt.GPT.initGPT({site: 'harbour', channel: 'travel', slots: [\n"
              "{'id':'leaderboard', 'pos':'atf', 'sizes':[[728, 90], [970, 250]], "
              "'type':'leaderboard', 'priority':'1'},\n"
              "{'id':'billboard', 'pos':'atf', 'sizes':[[300, 250], [300, 600]], "
              "'type':'billboard', 'priority':'5'},\n"
              "{'id':'billboard9', 'pos':'btf', 'sizes':[[300, 250]], 'type':'billboard', "
              "'priority':'9'}]});</script>")
    report = audit_html(page(
        '<div class="gpt leaderboard"><div id="leaderboard"></div></div><p>Text.</p>'
        '<div class="gpt billboard"><div id="billboard"></div></div>', head=config))
    assert [(s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        ("Google Publisher Tag", "leaderboard", 728, 90),
        ("Google Publisher Tag", "billboard", 300, 250)]


def test_a_gpt_config_repeated_makes_no_div_it_names(audit_html: AuditHtml) -> None:
    """The same slot config written twice (a desktop and a mobile copy, or one script
    calling it again) names its div in each copy, and none of them makes the div: a slot
    whose div the page lacks is still no placement."""
    config = ("Abt.GPT.initGPT({site: 'harbour', slots: [{'id':'leaderboard', 'pos':'atf', "
              "'sizes':[[728, 90]], 'type':'leaderboard', 'priority':'1'}, {'id':'billboard9',"
              " 'pos':'btf', 'sizes':[[300, 250]], 'type':'billboard', 'priority':'9'}]});")
    body = '<div class="gpt leaderboard"><div id="leaderboard"></div></div>'
    for head in (f"<script>{config}</script><script>{config}</script>",
                 f"<script>{config}\n{config}</script>"):
        report = audit_html(page(body, head=head))
        assert [(s.zone_id, s.xpath) for s in report.slots] == [
            ("leaderboard", "/html/body/div/div")]


def test_a_box_declaring_its_gpt_sizes_is_a_gpt_unit(audit_html: AuditHtml) -> None:
    """A box whose own attribute declares the sizes GPT fills it at (`data-gpt-size`),
    which the site's script displays by its position, is GPT's unit at that position."""
    report = audit_html(page(
        "<div class='gpt_ad_container' data-gpt-size='[[728, 90], [970, 66]]' "
        "data-position='top'></div><p>Text.</p><div class='gpt_ad_container' "
        "data-gpt-size='[[300, 250]]' data-position='right3'></div>"))
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Google Publisher Tag", "top"), ("Google Publisher Tag", "right3")]


_GPT_DEFINES = ("<script>googletag.cmd.push(function(){googletag.defineSlot("
                "'/1234/news/top', [728, 90], '{div}').addService(googletag.pubads());});"
                "</script>")


@pytest.mark.parametrize("unit", [
    # the box declaring its sizes, which the site's own defineSlot names by its id
    "<div class='gpt_ad_container' id='gpt-top' data-gpt-size='[[728, 90]]' "
    "data-position='top'></div>",
    # … or the div inside it that defineSlot fills
    "<div class='gpt_ad_container' data-gpt-size='[[728, 90]]' data-position='top'>"
    "<div id='gpt-top'></div></div>",
    # a jquery.dfp box round the div the page's own defineSlot fills
    "<div class='ad dfp' data-adunit='/1234/news/top'><div id='gpt-top'></div></div>",
], ids=["box defined by id", "box round the defined div", "jquery.dfp box round it"])
def test_a_gpt_box_and_the_defineslot_filling_it_are_one_unit(
        unit: str, audit_html: AuditHtml) -> None:
    """A box GPT's markup rules name (`div[data-gpt-size]`, jquery.dfp's `data-adunit`) that
    the page's own defineSlot fills, at its id or at the div it holds, is one unit, whose
    ad-unit path is the call's (a position name is no path)."""
    report = audit_html(page(unit + "<p>Text.</p>" + _GPT_DEFINES.replace("{div}", "gpt-top"),
                             head='<script async src="https://securepubads.g.doubleclick.net/'
                                  'tag/js/gpt.js"></script>'))
    assert [(s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        ("Google Publisher Tag", "/1234/news/top", 728, 90)]


def test_pagefairs_snippet_naming_its_files_by_bare_host_names_it(
        audit_html: AuditHtml) -> None:
    """PageFair's snippet adds the scheme at run time, so the page writes its files by
    bare host (`async_load('asset.pagefair.com/measure.min.js')`): the call names it, as
    Blockthrough's, which PageFair is now."""
    report = audit_html(page(
        "<script>(function() { function async_load(script_url){ var s = "
        "document.createElement('script'); s.src = 'https://' + script_url; "
        "document.head.appendChild(s); }\nbm_website_code = '4A1B2C3D4E5F6071';\n"
        "jQuery(document).ready(function(){async_load('asset.pagefair.com/measure.min.js')});"
        "\n})();</script>"))
    assert "Blockthrough" in {n.network for n in report.networks}


@pytest.mark.parametrize("span", [
    '<span data-uid="5d1b8a5c7d-384" class="bt-uid-tg" style="display:none !important"></span>',
    # the older attribute its loader still gathers
    "<span class='bt-uid-tg' uid='596ebe58d4-104-132' style='display: none !important'></span>",
], ids=["data-uid", "uid"])
def test_blockthroughs_placement_is_its_slot_with_its_id(audit_html: AuditHtml,
                                                         span: str) -> None:
    """Blockthrough's loader gathers `.bt-uid-tg[data-uid]` (or `[uid]`) spans and fills
    them for visitors who block ads: each is its placement, its UID the placement's ID."""
    uid = "5d1b8a5c7d-384" if "data-uid" in span else "596ebe58d4-104-132"
    report = audit_html(page(f'<div class="bt-wrapper">{span}</div><script async '
                             'src="https://btloader.com/tag?o=5184339635601408&upapi=true">'
                             "</script>"))
    assert [(s.network, s.zone_id) for s in report.slots] == [("Blockthrough", uid)]
    assert ("blockthrough-placement", uid) in ids_of(report)
    # without its loader in the markup (a site bundle's), the span alone names nothing
    report = audit_html(page(f'<div class="bt-wrapper">{span}</div>'))
    assert "Blockthrough" not in {n.network for n in report.networks}
    assert not [i for i in report.ids if i.kind == "blockthrough-placement"]


@pytest.mark.parametrize("host", ["www.liqwid.net", "nextmillennium.liqwid.net"])
def test_liqwids_loader_names_it_and_the_sites_key(audit_html: AuditHtml, host: str) -> None:
    """Liqwid's tag loads its script with the site's key (or a reseller's subdomain of its
    host does): Liqwid is on the page, its key the site's ID; the page holds no unit."""
    report = audit_html(page(
        "<script type='text/javascript'>(function() {var s=document.createElement('script'); "
        f"s.async=true; s.src='//{host}/?key=0A1B-2C3D-4E5F-6A7B';var x=document."
        "getElementsByTagName('script')[0];x.parentNode.insertBefore(s,x);})();</script>"))
    assert "Liqwid" in {n.network for n in report.networks}
    assert ("liqwid-key", "0A1B-2C3D-4E5F-6A7B") in ids_of(report)
    assert [s for s in report.slots if s.network == "Liqwid"] == []


def test_liqwids_all_zero_key_names_no_site(audit_html: AuditHtml) -> None:
    """A key of zeros is a template's, no site's (and bulk's placeholder test, which reads
    one group of zeros, would let it join every site that kept it)."""
    report = audit_html(page("<script async src='//www.liqwid.net/?key=0000-0000-0000-0000'>"
                             "</script>"))
    assert "Liqwid" in {n.network for n in report.networks}
    assert [v for k, v in ids_of(report) if k == "liqwid-key"] == []


@pytest.mark.parametrize("tag", [
    # OpenWrap as PubMatic hands it out: the base URL in a string, `/pwt.js` added by the code
    "<script>(function(){var purl=window.location.href;var url='//ads.pubmatic.com/AdServer/"
    "js/pwt/159088/2116';var profileVersionId='';var wtads=document.createElement('script');"
    "wtads.async=true;wtads.src=url+profileVersionId+'/pwt.js';var node=document."
    "getElementsByTagName('script')[0];node.parentNode.insertBefore(wtads,node);})();</script>",
    # the wrapper loaded, with a profile version
    '<script async src="https://ads.pubmatic.com/AdServer/js/pwt/159088/2116/3/pwt.js"></script>',
])
def test_pubmatic_openwrap_names_its_publisher(audit_html: AuditHtml, tag: str) -> None:
    """OpenWrap's path is pwt/<publisher>/<profile>: the publisher is PubMatic's account
    ID, the profile only a configuration of it."""
    report = audit_html(page("", tag), url="https://news.example/a")
    assert "PubMatic" in {n.network for n in report.networks}
    assert {v for k, v in ids_of(report) if k.startswith("pubmatic")} == {"159088"}


@pytest.mark.parametrize(("comment", "flagged"), [
    # a CMS's list of the script modules it included: vendors as items, no ad's marker
    ("IncludeService: in news jsScripts.jspf RelatedContent,GptAdService,JQueryUI,MediaNet,"
     "Outbrain,Rating,", False),
    ("modules=ads,carousel,lightbox,social", False),
    # a CMS's debug dump of the modules it rendered, in print_r's `key => value` pairs
    ('**** INTERNAL COMMENTS: **** (Module: "rail-top" as AdServer) format: => 300x250 '
     'zone id: => 4321 (Module: "body-ad-cpc" as ad-cpc) revenue network: => pga', False),
    # a template's markers name the ad in words
    ("Begin Outbrain widget", True),
    ("AD CODE", True),
    # a vendor named in words beside a list still marks its unit
    ("Outbrain widget, deps Rating,RegOverlay,Outbrain,Search", True),
    # one pair is a marker's note, no dump
    ("Ad slot => sidebar", True),
    # a GPT unit's tag commented out, its code written with arrow functions: no dump (revG36)
    ("Ad slot: leaderboard (disabled) <div id='div-gpt-ad-1234-0'></div><script>googletag.cmd"
     ".push(() => { googletag.defineSlot('/7654321/city/top', [728, 90], 'div-gpt-ad-1234-0')"
     ".addService(googletag.pubads()); }); window.addEventListener('load', () => googletag."
     "display('div-gpt-ad-1234-0')); [1, 2].forEach(n => n);</script>", True),
    # print_r's nested array of the ad modules rendered
    ("Array ( [ads] => Array ( [0] => rail-top [1] => body-ad-cpc ) [cache] => 1 )", False),
    # a marker over commented-out ad code whose arrow functions are no dump's pairs
    ("Begin GPT ad unit: googletag.cmd.push(() => { googletag.defineSlot('/4321/news/rail', "
     "[300, 250], 'div-rail').addService(googletag.pubads()); googletag.pubads()"
     ".addEventListener('slotRenderEnded', (e) => { hide(e); }); }); slots.forEach(s => "
     "s.show());", True),
], ids=["cms-include-list", "config-list", "cms-debug-dump", "vendor-marker", "ad-marker",
        "marker-and-list", "marker-with-a-pair", "tag-with-arrow-functions", "print-r-array",
        "marker-over-arrow-code"])
def test_a_module_list_naming_vendors_is_no_ad_template_comment(
        audit_html: AuditHtml, comment: str, flagged: bool) -> None:
    """The comment rule is for a template's ad markers: a list of code names that holds a
    vendor's among its items is a build's or CMS's manifest, and a dump of `key => value`
    pairs a CMS's debug output, not an ad kit's note."""
    report = audit_html(f"<html><body><article><p>Text of the post.</p><!--{comment}-->"
                        "</article></body></html>", url="https://news.example/a")
    assert bool([f for f in report.findings if f.kind == "ad-template-comment"]) is flagged


def test_module_list_comments_are_read_in_linear_time() -> None:
    """The list scan over a long comment: one long token, and many short items."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        comment = "a" * n + " ad " + "Mod," * (n // 8) + " x,y"
        return audit_seconds(f"<html><body><article><p>Text.</p><!--{comment}-->"
                             "</article></body></html>")

    assert_linear(seconds, 100_000, "module-list comment scan")


@pytest.mark.parametrize(("between", "flagged"), [
    # a CMS's insertion point in the prose, where its ad server may place an ad: none there
    ("<p>One paragraph of the story.</p><!--INSERT IN_ARTICLE AD--><p>The next one.</p>",
     False),
    ("<p>One paragraph.</p>\n<!-- in-article ad -->\n<!-- /in-article ad -->\n<p>Next.</p>",
     False),
    # the same words round pasted code: the code is there to look at
    ("<p>One paragraph.</p><!--INSERT IN_ARTICLE AD--><p><script src="
     "'https://ads.example-network.test/show.js'></script></p><p>Next.</p>", True),
    ("<p>One paragraph.</p><!-- Advertisement --><div id='unit-1'><script>show(1);</script>"
     "</div><p>Next.</p>", True),
    # a theme's placeholder outside the prose stays what it was
    ("<small>By the author</small><!-- Insert Large Rectangle Ad code here --><div>Text.</div>",
     True),
    # a plugin's marker naming its vendor, the code it marked stripped by the scraper:
    # injected into the prose, not a CMS's insertion point
    ("<p>One paragraph.</p><!-- Quick Adsense WordPress Plugin: http://quickadsense.com/ -->"
     "<p>Next.</p>", True),
    ("<p>One paragraph.</p><!-- Google AdSense code start --><!-- Google AdSense code end -->"
     "<p>Next.</p>", True),
], ids=["insertion-point", "empty-pair", "code-in-paragraph", "kit-marker", "theme-marker",
        "named-plugin-marker", "named-empty-pair"])
def test_a_cms_insertion_point_in_the_prose_is_no_ad_template_comment(
        audit_html: AuditHtml, between: str, flagged: bool) -> None:
    """A comment marking where an ad may go, between two paragraphs with no ad code at it,
    points at nothing pasted: no finding. Beside code, or outside the prose, it stays one."""
    report = audit_html(f"<html><body><article>{between}</article></body></html>",
                        url="https://news.example/a")
    assert bool([f for f in report.findings if f.kind == "ad-template-comment"]) is flagged


@pytest.mark.parametrize(("code", "flagged"), [
    # a leaked template's footer: its link's label a translation call (`<?php … ?>` a
    # comment to the parser), the server's code, no kit's note
    ('<p><a href="/pages/advertise"><?php __("Advertisement"); ?></a> | '
     '<a href="/pages/contacts"><?php __("Contacts"); ?></a></p>', False),
    ("<div class='box'><?= $this->banner('ad-top') ?></div><p>More.</p>", False),
    # a block of server code that fetches an ad server's code: HTML ends the comment it
    # makes of `<?php` at the first `>`, here its array's `=>`, so no `?` closes it
    ("<div id='v'></div>\n<?php\nfunction adFallback($zone)\n{\n    $ch = curl_init("
     "\"https://ads.example/ad/fallback.php?zone={$zone}\");\n    curl_setopt_array($ch, "
     "array(\n        CURLOPT_RETURNTRANSFER => true,\n    ));\n    return curl_exec($ch);"
     "\n}\necho adFallback('9931');\n?>\n", False),
    # a comment saying the same is one still
    ('<p><a href="/pages/advertise">Ads</a></p><!-- Advertisement --><div id="unit-2">'
     "<script>show(2);</script></div>", True),
], ids=["php-translation-call", "php-short-echo", "php-fetch-cut-at-arrow", "real-comment"])
def test_server_code_kept_as_a_comment_is_no_ad_template_comment(
        audit_html: AuditHtml, code: str, flagged: bool) -> None:
    report = audit_html(f"<html><body><p>Films of the week.</p>{code}</body></html>",
                        url="https://films.example/")
    assert bool([f for f in report.findings if f.kind == "ad-template-comment"]) is flagged


def test_insertion_point_comments_are_read_in_linear_time() -> None:
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        para = "<p>" + "<b>x</b>" * 100 + "</p>"
        body = "".join(f"{para}<!-- ad slot {i} -->" for i in range(n)) + para
        return audit_seconds(f"<html><body><article>{body}</article></body></html>")

    assert_linear(seconds, 300, "insertion-point comments", floor=0.01)


def test_a_sites_gpt_wrapper_listing_unit_objects_places_each_unit(
        audit_html: AuditHtml) -> None:
    """A site's own wrapper round GPT listing its units as objects of defineSlot's three
    arguments (`{name: '/<network>/<unit>', id: '<div>', sizes: [[w, h]]}`, or the sizes
    before the div): each div the page holds is that GPT unit, at its first size, and the
    network code is the page's; a unit whose div the page lacks is no placement."""
    config = ("<script>site.load.ads([\n{ name : '/2817463/Web-LB0', id : 'leaderboard-ad', "
              "sizes : [[728, 90]] },\n{ name : '/2817463/Web-LR1', id : 'rail-ad', "
              "sizes : [[300, 250], [300, 600]] },\n{ name : '/2817463/Web-Gone', "
              "id : 'gone-ad', sizes : [[300, 250]] }]);\n"
              "var more = [{\"adUnitPath\": \"/2817463/news/box\", \"sizes\": [[300, 100]], "
              "\"divId\": \"box-ad\"}];</script>")
    report = audit_html(page(
        '<div class="leaderboard advertisement" id="leaderboard-ad"></div><p>Text.</p>'
        '<div class="variable advertisement" id="rail-ad"></div>'
        '<div class="module" id="box-ad"></div>', head=config))
    assert [(s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        ("Google Publisher Tag", "/2817463/Web-LB0", 728, 90),
        ("Google Publisher Tag", "/2817463/Web-LR1", 300, 250),
        ("Google Publisher Tag", "/2817463/news/box", 300, 100)]
    assert ("gpt-network", "2817463") in {(i.kind, i.value) for i in report.ids}


def test_an_object_naming_a_path_and_an_element_without_sizes_is_no_gpt_unit(
        audit_html: AuditHtml) -> None:
    """A route table's object (`{name: '/2014/archive', id: 'nav'}`) names a path and an
    element as a unit does, but no sizes: no GPT unit, whatever the element is."""
    config = "<script>var routes = [{name: '/2014/archive', id: 'nav'}];</script>"
    report = audit_html(page('<div id="nav"><a href="/2014/">2014</a></div><p>Text.</p>',
                             head=config))
    assert not report.slots


_NON_JS = ('<a href="http://pubads.g.doubleclick.net/gampad/jump?iu={iu}&amp;sz={sz}&amp;c=857697"'
           '><img src="http://pubads.g.doubleclick.net/gampad/ad?iu={iu}&amp;sz={sz}&amp;c=857697"'
           ' alt=""></a>')


def test_ad_managers_non_javascript_tag_is_a_gpt_unit(audit_html: AuditHtml) -> None:
    """Ad Manager's no-JavaScript tag (the tag generator's "Simplified URL", a `/gampad/ad`
    image in a `/gampad/jump` link), alone or as a unit's `<noscript>` fallback, is a GPT
    unit at its first size, its ad-unit path the zone however the query encodes its
    slashes; a 1x1 one is an impression pixel, no unit."""
    report = audit_html(page(
        '<div class="ad" id="ad-top"><noscript><div>'
        + _NON_JS.format(iu="%2F2817463%2Fnews%2Ftop", sz="728x90|970x250")
        + '</div></noscript></div><p>Text.</p><div class="box">'
        + _NON_JS.format(iu="/2817463/news/box", sz="300x250") + "</div>"
        + '<img src="https://pubads.g.doubleclick.net/gampad/ad?iu=/2817463/px&amp;sz=1x1&amp;'
        'c=1" width="1" height="1" alt="">'))
    assert [(s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        ("Google Publisher Tag", "/2817463/news/top", 728, 90),
        ("Google Publisher Tag", "/2817463/news/box", 300, 250)]


def test_a_non_javascript_tags_unit_path_is_read_as_its_url_id_is(
        audit_html: AuditHtml) -> None:
    """The no-JavaScript tag's zone is read with the alphabet the markup's `iu=` ID reader
    uses (Ad Manager's code letters, digits, `_ . -`, slashes plain or encoded): an `iu=`
    holding more (a percent-escape, `|`, markup a hostile copy writes) was read whole as the
    slot's zone but cut as its ID, two `gpt-slot` IDs for one unit, one of them the page's
    markup in the zone; now the zone is the ID."""
    hostile = "/2817463/a|b&lt;script&gt;x&lt;/script&gt;"
    report = audit_html(page(
        '<div class="box">' + _NON_JS.format(iu="/2817463/news/caf%C3%A9", sz="300x250")
        + '</div><p>Text.</p><div class="box">' + _NON_JS.format(iu=hostile, sz="728x90")
        + "</div>"))
    zones = [s.zone_id for s in report.slots]
    assert zones == ["/2817463/news/caf", "/2817463/a"]
    assert sorted(i.value for i in report.ids if i.kind == "gpt-slot") == sorted(zones)


def test_a_gpt_config_keyed_by_div_places_each_unit(audit_html: AuditHtml) -> None:
    """A site's ad manager keyed by the div each GPT unit fills (`defs: {"ad-boxtop":
    {"properties": {…}, "zone": "/<network>/<unit>", "sizes": [[w, h]]}}`) places each unit
    at its div, at its first size; a key the page holds no div of is no placement."""
    config = ('<script>var manager = new Site.Ad.Manager({defs: {\n'
              '"ad-boxtop": {"properties": {"pos": "boxtop"}, "zone": "/2817463/news/top",'
              ' "sizes": [[300, 250], [300, 600]]},\n'
              '"ad-gone": {"properties": {"pos": "gone"}, "zone": "/2817463/news/top",'
              ' "sizes": [[728, 90]]},\n'
              '"ad-bottom": {"zone": "/2817463/news/bottom", "properties": {"pos": "btm"},'
              ' "sizes": [[728, 90]]}}, globals: {"zone": "/2817463/news/top"}});</script>')
    report = audit_html(page('<div id="ad-boxtop" class="ad"></div><p>Text.</p>'
                             '<div id="ad-bottom"></div>', head=config))
    assert [(s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        ("Google Publisher Tag", "/2817463/news/top", 300, 250),
        ("Google Publisher Tag", "/2817463/news/bottom", 728, 90)]


def test_a_gpt_boxs_no_javascript_tag_after_it_is_that_unit(audit_html: AuditHtml) -> None:
    """A GPT unit's div, then its Ad Manager no-JavaScript tag in a `<noscript>` right
    after the div (not inside it): a browser shows one of the two, one placement; another
    unit's path in that noscript is its own."""
    define = ("<script>googletag.cmd.push(function() {{ googletag.defineSlot('{iu}', [728, 90],"
              " '{div}').addService(googletag.pubads()); googletag.display('{div}'); }});"
              "</script>")
    head = "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"
    report = audit_html(page(
        '<div id="div-gpt-ad-1">' + define.format(iu="/2817463/news/top", div="div-gpt-ad-1")
        + "</div><noscript>" + _NON_JS.format(iu="%2F2817463%2Fnews%2Ftop", sz="728x90")
        + '</noscript><p>More text.</p><div id="div-gpt-ad-2">'
        + define.format(iu="/2817463/news/mid", div="div-gpt-ad-2")
        + "</div><noscript>" + _NON_JS.format(iu="/2817463/news/foot", sz="728x90")
        + "</noscript>", head=head))
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Google Publisher Tag", "/2817463/news/top"),
        ("Google Publisher Tag", "/2817463/news/mid"),
        ("Google Publisher Tag", "/2817463/news/foot")]


def test_a_gallerys_file_paths_are_no_gpt_units(audit_html: AuditHtml) -> None:
    """A photo gallery's config written as GPT's unit objects are (`{name: '/2019/05/
    dock.jpg', id: 'photo-1', sizes: [[640, 480]]}`), or keyed by the div each image fills
    (`"hero": {"path": '/2019/05/…jpg', "sizes": …}`): a dated upload folder where a
    network code would stand, a file's path, no ad unit and no network code."""
    gpt = "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"
    config = ("<script>gallery.load([{name: '/2019/05/ferry-dock.jpg', id: 'photo-1',"
              " sizes: [[640, 480], [1280, 960]]}, {path: '/2019/05/ferry-deck.webp',"
              " sizes: [[640, 480]], id: 'photo-2'}]);\nvar media = {\"hero\": {\"caption\":"
              " \"Dock\", \"path\": \"/2019/05/ferry-dock.jpg\", \"sizes\": [[640, 480]]}};"
              "</script>")
    report = audit_html(page('<div id="hero"></div><div id="photo-1"></div>'
                             '<div id="photo-2"></div>', head=gpt + config))
    assert not report.slots
    assert not {i for i in report.ids if i.kind.startswith("gpt")}


def test_pixels_by_their_tags_size_are_no_units(audit_html: AuditHtml) -> None:
    """An impression pixel told by its tag's own size, no width or height attribute: Ad
    Manager's `/gampad/ad?…&sz=0x0`, ADTECH's `adserv/…;size=1x1`; no unit either."""
    report = audit_html(page(
        '<img src="https://pubads.g.doubleclick.net/gampad/ad?iu=/2817463/news/px&amp;sz=0x0'
        '&amp;c=1" alt=""><img src="http://adserver.adtech.de/adserv/3.0/311.0/5297992/0/16/'
        'ADTECH;loc=300;size=1x1" border="0">'))
    assert not report.slots


def test_dated_permalinks_are_no_gpt_units(audit_html: AuditHtml) -> None:
    """A related-posts widget's cards keyed by their div, or listed as objects, each with
    its post's dated permalink and thumbnail sizes: a year and a month where a network code
    and a unit would stand, no GPT unit and no network code."""
    gpt = "<script async src='https://securepubads.g.doubleclick.net/tag/js/gpt.js'></script>"
    config = ('<script>var related = {"related-1": {"title": "Ferry vote", "path":'
              ' "/2019/05/ferry-vote/", "sizes": [[300, 200], [600, 400]]}};\n'
              "cards.render([{path: '/2019/04/dock-repair/', id: 'related-2',"
              " sizes: [[300, 200]]}]);</script>")
    report = audit_html(page('<div id="related-1"></div><div id="related-2"></div>',
                             head=gpt + config))
    assert not report.slots
    assert not {i for i in report.ids if i.kind.startswith("gpt")}


def test_ad_managers_non_javascript_pixel_sized_in_its_query_is_no_unit(
        audit_html: AuditHtml) -> None:
    """Ad Manager's no-JavaScript tag asking for sz=0x0 or sz=1x1 is an impression pixel
    however its <img> is sized (no width or height attributes at all): no unit."""
    report = audit_html(page(
        '<p>Text.</p><img src="https://pubads.g.doubleclick.net/gampad/ad?iu=/2817463/px&amp;'
        'sz=0x0&amp;c=1" alt=""><img src="https://pubads.g.doubleclick.net/gampad/ad?'
        'iu=/2817463/px2&amp;c=2&amp;sz=1x1" alt="">'))
    assert report.slots == ()


def test_ad_managers_non_javascript_tag_with_an_encoded_mcm_comma(audit_html: AuditHtml) -> None:
    """A no-JavaScript tag under an MCM parent and child, its query encoding the comma
    between their codes as it encodes the slashes (iu=%2F6355419%2C22222%2FTravel): the
    unit's path is read whole, as written unencoded."""
    report = audit_html(page(
        '<p>Text.</p>' + _NON_JS.format(iu="%2F6355419%2C22222%2FTravel%2Ftop", sz="728x90")))
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Google Publisher Tag", "/6355419,22222/Travel/top")]


def test_a_tag_in_its_box_then_its_noscript_after_the_box_is_one_unit(
        audit_html: AuditHtml) -> None:
    """Smart AdServer's tag pasted into its unit's box, `<div id="sas_5555"><script>…
    SmartAdServer(sas_pageid, sas_formatid, …)</script></div>`, its `pubi` image in a
    `<noscript>` right after the box: one placement (the box holds the tag alone), as the
    script and its noscript side by side are; a noscript naming another format stays its own."""
    tag = ("<div id='sas_{f}'><script>sas_pageid='12345/67890'; sas_formatid={f}; "
           "sas_target=''; SmartAdServer(sas_pageid, sas_formatid, sas_target);</script></div>")
    image = ("<noscript><a href='https://www3.smartadserver.com/call/pubjumpi/12345/67890/{f}/"
             "S/[timestamp]/?'><img src='https://www3.smartadserver.com/call/pubi/12345/67890/"
             "{f}/S/[timestamp]/?'></a></noscript>")
    head = "<script src='//ced.sascdn.com/tag/1234/smart.js'></script>"
    report = audit_html(page(
        tag.format(f=5555) + image.format(f=5555) + "<p>More text.</p>"
        + tag.format(f=6666) + image.format(f=7777), head=head))
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Smart AdServer", "5555"), ("Smart AdServer", "6666"), ("Smart AdServer", "7777")]


def test_a_saved_tags_written_loader_between_it_and_its_noscript_is_one_unit(
        audit_html: AuditHtml) -> None:
    """A page saved after Smart AdServer's tag ran keeps the `<script src=…/call/pubj/…>` its
    SmartAdServer() call wrote, between the call and the `pubi` image's `<noscript>` (inside
    the unit's box, or after it): one placement each, not the call's and the image's."""
    call = ("<script>sas_pageid='12345/67890'; sas_formatid={f}; sas_target=''; "
            "SmartAdServer(sas_pageid, sas_formatid, sas_target);</script>"
            "<script src='https://www3.smartadserver.com/call/pubj/12345/67890/{f}/M/2817463/?'>"
            "</script>")
    image = ("<noscript><a href='https://www3.smartadserver.com/call/pubjumpi/12345/67890/{f}/"
             "S/[timestamp]/?'><img src='https://www3.smartadserver.com/call/pubi/12345/67890/"
             "{f}/S/[timestamp]/?'></a></noscript>")
    head = "<script src='//ced.sascdn.com/tag/1234/smart.js'></script>"
    report = audit_html(page(
        "<div class='pub'>" + call.format(f=5555) + image.format(f=5555) + "</div>"
        + "<p>More text.</p><div class='pub'>" + call.format(f=6666) + "</div>"
        + image.format(f=6666), head=head))
    assert [(s.network, s.zone_id) for s in report.slots] == [
        ("Smart AdServer", "5555"), ("Smart AdServer", "6666")]


def test_an_ad_path_holding_a_dated_permalink_names_no_network_code(
        audit_html: AuditHtml) -> None:
    """A CMS that keys its ads by the story's own path (`data-ad-path="/2019/05/ferry-vote/"`,
    the network code prepended by its script) holds a year and a month where GPT's path holds
    a network code and a unit: no gpt-network 2019, beside a box whose path has one."""
    report = audit_html(page(
        '<article class="story" data-ad-path="/2019/05/ferry-vote/"><p>Article text.</p>'
        '</article><script>var cfg = {adPath: "/2021/11/harbour-dredging/"};</script>'
        '<div id="div-gpt-ad-top" data-ad-path="/4236/us/content/news/article"></div>',
        head='<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js">'
             "</script>"))
    assert [i.value for i in report.ids if i.kind == "gpt-network"] == ["4236"]


@pytest.mark.parametrize(("config", "read"), [
    ("_comscore.push({c1: '2', c2: '7654321'});", "7654321"),  # its documented snippet
    # a site's JSON config of the beacon (msn's trackInfo), its keys quoted either way
    ("track.register({impr: {param: {'c1': '2', 'c2': '7654321'}}});", "7654321"),
    ('var cfg = {"c1": "2", "c2": "7654321"};', "7654321"),
    ("var cfg = {'xc2': '7654321'};", None),  # another key ending in c2
])
def test_comscore_client_with_its_key_bare_or_quoted(
        audit_html: AuditHtml, config: str, read: str | None) -> None:
    report = audit_html(page('<script async src="https://b.scorecardresearch.com/beacon.js">'
                             f"</script><script>{config}</script>"))
    assert [i.value for i in report.ids if i.kind == "comscore-client"] == (
        [read] if read else [])


_TABOOLA_WIDGET = (
    '<script src="https://cdn.taboola.com/libtrc/impl.thin.233-25-RELEASE.js"></script>'
    '<div id="taboola-below-article-thumbnails" class="trc_related_container">'
    '<div id="trc_wrapper_12345" class="trc_rbox"><div class="logoDiv link-attribution">'
    '<a class="trc_desktop_attribution_link" href="https://popup.taboola.com/en/?template='
    'colorbox&amp;utm_source={}&amp;utm_medium=referral&amp;utm_content=thumbnails-a:Below'
    '%20Article%20Thumbnails:"><span>by Taboola</span></a></div></div></div>')


@pytest.mark.parametrize(("source", "read"), [
    ("harbourpub-network", "harbourpub-network"),
    ("Harbour News!", None),  # no publisher ID of its form
])
def test_a_saved_taboola_widget_names_its_publisher_by_its_attribution_link(
        audit_html: AuditHtml, source: str, read: str | None) -> None:
    """A DOM save keeps the rendered widget and a loader without the publisher's path: the
    attribution link's `utm_source` is the publisher the widget was served for."""
    report = audit_html(page(_TABOOLA_WIDGET.format(source)))
    assert [i.value for i in report.ids if i.kind == "taboola-publisher"] == (
        [read] if read else [])


@pytest.mark.parametrize(("markup", "network", "kind", "value"), [
    # Parse.ly's tag served by the site's first-party CNAME, known by the tag's id
    ('<script id="parsely-cfg" src="//fpa-cdn.harbour.example/keys/harbour.example/p.js">'
     "</script>", "Parse.ly", "parsely-site", "harbour.example"),
    # TrendMD's widget script a journal serves itself, its config set by the script
    ("<div id='trendmd-suggestions'></div><script>var s = document.createElement('script');"
     "s.src = 'https://cdn.harbour.example/js/trendmd.min.js'; s.setAttribute("
     "'data-trendmdconfig', '{\"journal_id\":\"12345\",\"element\":\"#trendmd-suggestions\"}');"
     "document.body.appendChild(s);</script>", "TrendMD", "trendmd-journal", "12345"),
    ("<script src='/js/trendmd.min.js' data-trendmdconfig='{\"journal_id\":\"67890\"}'>"
     "</script>", "TrendMD", "trendmd-journal", "67890"),
    # a site's loader helper handed the tag's attributes as a map
    ("<script>loadScript('https://cdn1.harbour.example/js/cache/trendmd.min.js', "
     "{\"data-trendmdconfig\":'{\"journal_id\":\"53921\",\"element\":\"#t\"}'});</script>"
     "<script src='https://cdn1.harbour.example/js/cache/trendmd.min.js'></script>",
     "TrendMD", "trendmd-journal", "53921"),
])
def test_self_hosted_parsely_and_trendmd_are_named_with_their_ids(
        audit_html: AuditHtml, markup: str, network: str, kind: str, value: str) -> None:
    report = audit_html(page(markup), url="https://harbour.example/story")
    assert network in {n.network for n in report.networks}
    assert (kind, value) in {(i.kind, i.value) for i in report.ids}


@pytest.mark.parametrize(("markup", "named"), [
    # another site's host serving the page that one file: a kit's, named for the vendor
    ('<script id="parsely-cfg" src="https://cdn-stat.kitbridge.example/keys/harbour.example/'
     'p.js"></script>', False),
    ("<script src='https://cdn-stat.kitbridge.example/js/trendmd.min.js'></script>", False),
    # a publisher's CDN serving the page its other files too: the site's install
    ("<link rel='stylesheet' href='https://cdn.journalhost.example/css/site.css'>"
     "<script src='https://cdn.journalhost.example/js/trendmd.min.js'></script>", True),
    # one of the site's asset hosts, its others serving the rest (CBS's asset0-3)
    ("<link rel='stylesheet' href='https://asset0.journalstatic.example/css/site.css'>"
     "<script src='https://asset3.journalstatic.example/js/trendmd.min.js'></script>", True),
    # a bucket bearing the site's name serving that one file (Slate's Polar config)
    ("<script src='https://harbour-ad-scripts.s3.amazonaws.com/js/trendmd.min.js'></script>",
     True),
], ids=["parse.ly on a one-off host", "trendmd on a one-off host", "trendmd on the site's CDN",
        "trendmd on another asset host of the site's", "trendmd in the site's bucket"])
def test_a_vendors_file_self_hosted_on_another_sites_one_off_host_is_no_install(
        audit_html: AuditHtml, markup: str, named: bool) -> None:
    """A vendor's file name or tag id self-hosts it on the page's site, its CDN or a public
    CDN; on another site's host that serves the page nothing else it is a kit's file
    wearing the name (both were named Parse.ly and TrendMD, with the page's IDs)."""
    report = audit_html(page(markup), url="https://harbour.example/story")
    networks = {n.network for n in report.networks}
    assert bool(networks & {"Parse.ly", "TrendMD"}) is named, networks


def test_a_site_script_with_another_id_on_a_keys_path_is_no_parsely(
        audit_html: AuditHtml) -> None:
    report = audit_html(page('<script id="cfg" src="/keys/harbour.example/p.js"></script>'),
                        url="https://harbour.example/story")
    assert "Parse.ly" not in {n.network for n in report.networks}


@pytest.mark.parametrize(("code", "named"), [
    ('sailthru_horizon = {"domain": "horizon.harbour.example", "tags": ["uk"]};'
     "sailthru_horizon_track(sailthru_horizon);", True),
    ('sailthru_horizon = {"tags": ["uk"], "domain": "horizon.harbour.example"};', True),
    # another domain: no Horizon's
    ('sailthru_horizon = {"domain": "www.harbour.example"};', False),
])
def test_a_sites_sailthru_horizon_config_names_sailthru(
        audit_html: AuditHtml, code: str, named: bool) -> None:
    report = audit_html(page(f"<script>{code}</script>"), url="https://harbour.example/a")
    assert ("Sailthru" in {n.network for n in report.networks}) is named


def test_a_noscript_pixel_a_dom_save_wrote_as_text_gives_its_id(
        audit_html: AuditHtml) -> None:
    """A browser's save of the live DOM writes a `<noscript>`'s content as text
    (`&lt;img src="…c2=…"&gt;`): the Comscore client ID its pixel's address carries is read
    as the same pixel's in markup is, and nothing loads from it."""
    beacon = ('<script src="https://sb.scorecardresearch.com/beacon.js" async></script>'
              '<noscript>\n\t&lt;img src="https://sb.scorecardresearch.com/p?c1=2&amp;c2='
              '7654321&amp;cv=2.0&amp;cj=1" /&gt;\n</noscript>')
    report = audit_html(page(beacon))
    assert [(i.kind, i.value) for i in report.ids if i.kind == "comscore-client"] == [
        ("comscore-client", "7654321")]
    assert not [r for r in report.resources if "c2=7654321" in r.url]


@pytest.mark.parametrize("tag", [
    # the image form of its tag, as a DOM save keeps what bk-coretag.js wrote
    '<img style="visibility: hidden;" src="https://tags.bluekai.com/site/27815?ret=html&amp;'
    'r=96649251" width="0" height="0">',
    # its core tag handed the site ID
    '<script src="https://tags.bkrtx.com/js/bk-coretag.js"></script><script>bk_addPageCtx('
    '"section", "news"); bk_doJSTag(27815, 4);</script>',
], ids=["the tag's address", "bk_doJSTag"])
def test_bluekais_site_id_is_read(audit_html: AuditHtml, tag: str) -> None:
    report = audit_html(page(tag))
    assert [(i.kind, i.value) for i in report.ids if i.kind == "bluekai-site"] == [
        ("bluekai-site", "27815")]


def test_adforms_noscript_trackpoint_names_its_tracking_setup(audit_html: AuditHtml) -> None:
    """Adform's trackpoint tag ends with a `<noscript>` pixel carrying the same setup ID
    (`pm=`) as its `_adftrack` object; a page saved without scripts keeps only the pixel."""
    pixel = ('<noscript><p style="margin:0;padding:0;border:0;"><img src="https://track.adform.net/'
             'Serving/TrackPoint/?pm=265909&amp;ADFPageName=%3CWebsiteName%3E%7C%3CPageName%3E'
             '&amp;ADFdivider=%7C" width="1" height="1" alt=""></p></noscript>')
    report = audit_html(page(pixel), url="https://magazine.example/a")
    assert ("adform-tracking", "265909") in ids_of(report)
    assert [n.network for n in report.networks] == ["Adform Site Tracking"]


@pytest.mark.parametrize("tag", [
    '<link rel="preload" href="//data-2d3a3249cd.zeitung.example/iomm/latest/manager/base/es6/'
    'bundle.js" as="script" id="IOMmBundle">',
    '<script src="https://data-84a0f3455d.zeitung.example/iomm/latest/bootstrap/loader.js">'
    '</script>',
])
def test_infonlines_measurement_manager_on_the_sites_cname_is_infonline(
        audit_html: AuditHtml, tag: str) -> None:
    """INFOnline's IOMm loads from a host of the site's own domain (the CNAME INFOnline
    sets up for it), so no host names it: its path does."""
    report = audit_html(page("", tag), url="https://www.zeitung.example/artikel")
    assert [n.network for n in report.networks] == ["INFOnline (IVW)"]


def test_a_sites_own_iomm_folder_is_not_infonline(audit_html: AuditHtml) -> None:
    report = audit_html(page('<script src="/iomm/latest/app.js"></script>'
                             '<script src="/assets/iomm/bootstrap/loader.js"></script>'),
                        url="https://www.zeitung.example/artikel")
    assert report.networks == ()


def test_a_widget_above_the_article_is_not_folded_into_the_vendors_unit_inside_it(
        audit_html: AuditHtml) -> None:
    """An empty placeholder whose vendor put the unit right after it is one placement
    (Ezoic's older inserter); an article that follows a vendor's widget and holds, among its
    paragraphs, the same vendor's in-text unit is no such unit: two placements (a science
    magazine's plista top-article widget above the article and its outstream unit inside)."""
    html = ('<html><head><title>t</title></head><body><div id="main">'
            '<div data-widget="plista_widget_topArticle" class="hide-for-print"></div>'
            '<article class="content"><p>Auf den ersten Blick sind sie unsichtbar. In ihrer '
            'Heimat, den Waeldern Suedostasiens, schlaengeln sie sich als duenne Fasern durch '
            'das Gewebe von Reben.</p><div class="row"><div class="columns">'
            '<div data-display="plista_widget_outstream"></div></div></div>'
            '<p>Ein Team um Charles Davis bestaetigte 2021 die unerwarteten Ergebnisse.</p>'
            '</article></div></body></html>')
    report = audit_html(html, url="https://www.magazin.example/news/a")
    assert [(s.network, s.line) for s in report.slots] == [("plista", 1), ("plista", 1)]
    assert [s.xpath for s in report.slots] == [
        "/html/body/div/div", "/html/body/div/article/div/div/div"]


def test_a_gam_native_creatives_container_names_its_ad_unit(audit_html: AuditHtml) -> None:
    """The box a GAM native ("fluid") creative posts its content into is keyed by the ad
    unit's path (`data-container-ad-unit-id`), beside the unit's own GPT div: the path, a
    colon in its code as Ad Manager allows, and its network code are read; a short name
    keying an interstitial's box is no ad unit."""
    unit = ('<aside class="sideshow"><label>Anzeige</label>'
            '<div data-container-ad-unit-id="/21670656820/6:1_bio"></div>'
            '<div class="hide" id="div-gpt-ad-1558684364363-0">  </div></aside>'
            '<div data-container-ad-unit-id="sc-interstitial"></div>')
    report = audit_html(page(unit), url="https://www.magazin.example/news/a")
    ids = ids_of(report)
    assert {("gpt-slot", "/21670656820/6:1_bio"), ("gpt-network", "21670656820")} <= ids
    assert not any(v == "sc-interstitial" for _, v in ids)
    assert [s.network for s in report.slots] == ["Google Publisher Tag"]


@pytest.mark.parametrize("value", ["2024/summer/sale", "123/footer", "/2019/05/ferry-vote"])
def test_a_native_container_keyed_by_no_ad_unit_path_names_no_unit(
        audit_html: AuditHtml, value: str) -> None:
    """GAM's native container is keyed by the ad unit's path as GPT's slots name it, a
    slash then the network code (`/21670656820/6:1_bio`), as the data-slot and data-ad-unit
    readers ask: a campaign's or a dated story's path there names no unit or network."""
    unit = (f'<div class="teaser" data-container-ad-unit-id="{value}"></div>'
            '<div class="hide" id="div-gpt-ad-1558684364363-0"></div>')
    report = audit_html(page(unit), url="https://www.magazin.example/news/a")
    assert not [i for i in report.ids if i.kind in ("gpt-slot", "gpt-network")], report.ids


def test_an_ad_servers_banner_frame_is_a_placement(audit_html: AuditHtml) -> None:
    """A banner tag pasted as a frame of an ad server (a Japanese affiliate network's
    `htmlbanner` frame, sized by its own attributes) is a placement of its network; the
    same server's one-pixel frame, or a frame that declares no size, is none."""
    frames = ('<div class="side"><iframe src="https://ad.jp.ap.valuecommerce.com/servlet/'
              'htmlbanner?sid=3000001&amp;pid=880000001" width="300" height="250" '
              'frameborder="0" marginwidth="0" marginheight="0" scrolling="no"></iframe></div>'
              '<iframe src="https://ad.jp.ap.valuecommerce.com/servlet/gifbanner?sid=3000001'
              '&amp;pid=880000002" width="1" height="1"></iframe>'
              '<iframe src="https://ad.jp.ap.valuecommerce.com/servlet/htmlbanner?sid=3000001'
              '&amp;pid=880000003"></iframe>')
    report = audit_html(page(frames), url="https://blog.example.jp/entry/1")
    assert [(s.network, s.width, s.height, s.xpath) for s in report.slots] == [
        ("ValueCommerce", 300, 250, "/html/body/div/iframe")]


def test_a_sized_frame_of_no_ad_server_is_no_banner(audit_html: AuditHtml) -> None:
    """A tag manager's frame (the catalogue lets GTM show ads: it is no ad server) is no
    banner whatever size the page gives it; nor is a game embed's frame because the page
    kept inline (`srcdoc`) loads AdSense: that is the embed's own unit, another site's."""
    embed = ("&lt;ins class='adsbygoogle' data-ad-client='ca-pub-9999888877776666' "
             "data-ad-slot='5555444433'&gt;&lt;/ins&gt;&lt;script async src='https://pagead2."
             "googlesyndication.com/pagead/js/adsbygoogle.js'&gt;&lt;/script&gt;")
    frames = ('<iframe src="https://www.googletagmanager.com/ns.html?id=GTM-PAGE123" '
              'width="640" height="360"></iframe>'
              f'<iframe src="https://games.example/embed/42" width="640" height="360" '
              f'srcdoc="{embed}"></iframe>')
    report = audit_html(page(frames), url="https://city.example/story")
    assert "iframe[width][height] of an ad server" not in {s.rule for s in report.slots}
    assert "5555444433" not in {v for _, v in ids_of(report)}


def test_the_frame_a_declared_units_script_wrote_is_that_unit(audit_html: AuditHtml) -> None:
    """A saved copy keeps the frame each unit's script wrote beside it (Baidu Union's
    `cpro_id` unit and its `pos.baidu.com` frame): one placement, the script's."""
    unit = ('<div style="width:20%;float:left"><script type="text/javascript">'
            'var cpro_id = "u2864467";</script><script type="text/javascript" '
            'src="https://cpro.baidustatic.com/cpro/ui/c.js"></script>'
            '<div id="BAIDU_SSP__wrapper_u2864467_0"><iframe id="iframeu2864467_0" '
            'src="http://pos.baidu.com/jcwm?rdid=2864467&amp;di=u2864467" width="200" '
            'height="180" frameborder="0"></iframe></div></div>')
    report = audit_html(page(unit), url="http://tech.news.example.cn/a")
    assert [(s.network, s.zone_id) for s in report.slots] == [("Baidu Union", "u2864467")]


@pytest.mark.parametrize("frame", [
    # a mailing list's signup form, embedded at its own size
    '<iframe src="https://harbour.us21.list-manage.com/subscribe?u=0a1b2c3d4e5f60718293a4b5&amp;'
    'id=c0ffee1234" width="600" height="800" frameborder="0"></iframe>',
    # a consent platform's message, its frame sized by the attributes a DOM save kept
    '<iframe id="sp_message_iframe_912345" src="https://cdn.privacy-mgmt.com/index.html?'
    'message_id=912345&amp;consentLanguage=en" width="600" height="400"></iframe>',
    # a tag manager's no-script frame, given a size by a theme
    '<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-K7Q2ZP4" '
    'width="50" height="50"></iframe></noscript>',
])
def test_a_sized_frame_of_no_ad_server_is_no_placement(audit_html: AuditHtml, frame: str
                                                        ) -> None:
    """A banner frame is an ad server's or an affiliate network's: a mailing list's signup
    form, a consent message or a tag manager's frame, however sized, is none."""
    report = audit_html(page(frame), url="https://www.harbour.example/news/a")
    assert report.slots == ()


@pytest.mark.parametrize("frame", [
    # a wrapper hiding the frame (a kit's ad impression no visitor sees)
    '<div style="display:none"><iframe src="https://ib.adnxs.com/tt?id=14500321&amp;'
    'size=300x250" width="300" height="250" frameborder="0"></iframe></div>',
    # drawn at no size: the inline style is what a browser sizes it by
    '<iframe src="https://ib.adnxs.com/tt?id=14500321&amp;size=300x250" width="300" '
    'height="250" style="width:0;height:0;border:0"></iframe>',
    '<iframe src="https://ib.adnxs.com/tt?id=14500321&amp;size=300x250" width="300" '
    'height="250" style="width:1px;height:1px"></iframe>',
])
def test_an_ad_servers_frame_no_visitor_sees_is_no_placement(audit_html: AuditHtml,
                                                              frame: str) -> None:
    """A banner frame hidden by a wrapper, or sized down to nothing by its inline style over
    its attributes, is no placement of the page's ad load."""
    report = audit_html(page(frame), url="https://www.harbour.example/news/a")
    assert report.slots == ()


def test_infonlines_path_on_a_host_of_no_infonline_name_is_no_infonline(
        audit_html: AuditHtml) -> None:
    """IOMm's path names INFOnline on the site's `data-<10 hex>` name only: a script
    appended after the page's `</html>` from a host of no such name, at that path, is a
    kit's injection, not INFOnline's measurement."""
    html = (page("") + '<script src="https://cdn-stats7.example/iomm/latest/bootstrap/'
            'loader.js"></script>')
    report = audit_html(html, url="https://www.zeitung.example/artikel")
    assert report.networks == ()
    assert [(f.kind, f.severity.value) for f in report.findings] == [("appended-script", "high")]


def test_an_ad_servers_frame_filling_its_box_declares_no_banner(audit_html: AuditHtml) -> None:
    """`width="100%" height="100%"` sizes a frame by the box it fills (an overlay's, a
    player's): no banner's size, and no 100x100 placement."""
    frame = ('<div class="overlay"><iframe src="https://ib.adnxs.com/tt?id=14500321&amp;'
             'size=728x90" width="100%" height="100%" frameborder="0"></iframe></div>')
    report = audit_html(page(frame), url="https://www.harbour.example/news/a")
    assert report.slots == ()


def test_a_frame_its_style_draws_at_no_size_is_hidden(audit_html: AuditHtml) -> None:
    """The inline style sizes a frame over its attributes: a banner's `width` and `height`
    on a frame styled `width:0;height:0` hide it as a zero-size frame does."""
    frame = ('<iframe src="https://stat-counter7.example/in.cgi?3" width="300" height="250" '
             'style="width:0;height:0;border:0"></iframe>')
    report = audit_html(page(frame), url="https://www.harbour.example/news/a")
    assert [(f.kind, f.severity.value) for f in report.findings] == [("hidden-iframe", "high")]


def test_an_ad_servers_frame_with_the_document_it_served_is_its_placement(
        audit_html: AuditHtml) -> None:
    """A saved copy (SingleFile, a DOM snapshot) keeps an ad server's frame with its `src`
    and writes the document the server sent into `srcdoc`: the placement is the server's
    tag the publisher placed, at its declared size, and the AdSense unit its document
    holds is the ad it served (a passback), whose unit ID stays the page's
    (tests/test_passback_frames.py). Until place39 the unit in the document was read as
    the placement and the server's frame as none; both read alike now."""
    doc = ("&lt;html&gt;&lt;body&gt;&lt;script async src='https://pagead2.googlesyndication.com"
           "/pagead/js/adsbygoogle.js'&gt;&lt;/script&gt;&lt;ins class='adsbygoogle' "
           "style='display:inline-block;width:300px;height:250px' data-ad-client='ca-pub-"
           "4512345678901234' data-ad-slot='9876543210'&gt;&lt;/ins&gt;&lt;/body&gt;&lt;/html&gt;")
    frame = (f'<div class="side"><iframe src="https://ib.adnxs.com/tt?id=14500321&amp;'
             f'size=300x250" width="300" height="250" srcdoc="{doc}"></iframe></div>')
    report = audit_html(page(frame), url="https://www.harbour.example/news/a")
    assert [(s.network, s.width, s.height) for s in report.slots] == [
        ("Xandr (AppNexus)", 300, 250)]
    assert ("adsense-slot", "9876543210") in {(i.kind, i.value) for i in report.ids}


@pytest.mark.parametrize("label", [
    "Advertisement - story continues below", "Advertisement - Continue Reading Below",
    "Anzeige - Artikel wird unter der Anzeige fortgesetzt",
    "Publicité - la suite après la publicité", "広告", "广告", "廣告", "Sponsored Content"])
def test_a_label_with_the_readers_cue_beside_a_known_units_box_is_no_slot(
        label: str, engine: Engine) -> None:
    """A label prints the ad's word and the reader's cue that the story goes on past it
    (`<p class="ad-notice-small">Advertisement - story continues below</p>` over the box
    GPT's unit renders in): still the label of that one placement, in any language."""
    from auditor.pipeline import audit

    html = page(f"<p class='ad-notice-small'>{label}</p><div class='sponsor'><div id="
                "'sponsor-ad'></div></div>", _GPT_BOX)
    (report,) = audit(html.encode(), url="https://www.news.example/a", engine=engine).pages
    assert [s.network for s in report.slots] == ["Google Publisher Tag"]


@pytest.mark.parametrize(("label", "slots"), [
    ("广告", 1),  # Chinese pages print the word under the unit's box: its label
    ("广告合作", 2),  # "advertise with us", a sales box of its own: not the word alone
])
def test_a_chinese_label_under_a_gpt_units_box_is_no_slot(
        label: str, slots: int, engine: Engine) -> None:
    """A trade site's sidebar unit: GPT's box and the label `<div class="ad-title">广告
    </div>` right after it in one wrapper (EasyList hides `##.ad-title`): one placement.
    A box of more words than the label's is no label."""
    from auditor.pipeline import audit

    html = page(f"<div class='side-box'><div id='sponsor-ad'></div><div class='ad-title'>"
                f"\n  {label}\n</div></div>", _GPT_BOX)
    (report,) = audit(html.encode(), url="https://www.news.example/a", engine=engine).pages
    assert len(report.slots) == slots
    assert report.slots[0].network == "Google Publisher Tag"


def test_an_empty_sized_ad_box_holding_a_label_with_a_cue_is_one_slot(engine: Engine) -> None:
    """The true twin: an empty ad box sized for its unit with the label and cue inside it
    is the placement itself, one slot, not a label."""
    from auditor.pipeline import audit

    html = page("<p>Story text.</p><div class='ad-unit' id='ad-mid' style='width:300px;"
                "height:250px'><span class='ad-label'>Advertisement - story continues below"
                "</span></div><p>More story text.</p>")
    (report,) = audit(html.encode(), url="https://www.news.example/a", engine=engine).pages
    assert len(report.slots) == 1


def test_a_bare_label_over_an_extras_box_a_few_levels_round_a_unit_is_no_slot(
        engine: Engine) -> None:
    """A bare label (a class, no id, data- attribute or size) over the article's extras box
    that holds GPT's unit three levels down (`div.article-extras > div.left > div.sponsor >
    div#sponsor-ad`) labels that unit: one placement. A placeholder with an id of its own
    beside such a box stays a placement (above)."""
    from auditor.pipeline import audit

    html = page("<p class='ad-notice-small'>Advertisement - story continues below</p>"
                "<div class='article-extras'><div class='left'><div class='sponsor'>"
                "<div id='sponsor-ad'></div></div></div><div class='right'><h4>Related</h4>"
                "</div></div>", _GPT_BOX)
    (report,) = audit(html.encode(), url="https://www.news.example/a", engine=engine).pages
    assert [s.network for s in report.slots] == ["Google Publisher Tag"]
