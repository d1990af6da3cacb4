"""Publishers' own ad-server wrappers, named where their documented call stands.

The IDs are made up."""

from __future__ import annotations

from .conftest import AuditHtml

_P = "<p>The council met on Tuesday to discuss the ferry timetable for the winter.</p>"


def test_cn_dart_positions_are_slots_at_their_frames(audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title>",
        "<script>CN.dart.init({site: 'mag.dart', zone: 'news;'});</script></head><body>",
        '<div id="header728x90_frame"></div>',  # line 3
        "<script>CN.dart.call('header', {sz: '728x90', kws: ['top']});</script>", _P,
        "<script>CN.dart.call('rail', {sz: '300x250', kws: ['top']});</script>",  # line 6
        "</body></html>"])
    report = audit_html(page)
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        (3, "Condé Nast CN.dart", "header", 728, 90),
        (6, "Condé Nast CN.dart", "rail", 300, 250)]


def test_a_cn_dart_position_sized_by_the_device_is_one_unit(audit_html: AuditHtml) -> None:
    """A position whose size is the device's (`sz: ( CN.isMobile ? '320x50' : '300x250' )`)
    fills the frame of the offered size the page holds, at that size; holding none, it is
    still that position's one unit, at its call, with no size claimed."""
    page = "\n".join([
        "<html><head><title>t</title>",
        "<script>CN.dart.init({site: 'mag.dart', zone: 'news;'});</script></head><body>",
        "<script>CN.dart.call('header', {sz: (CN.isMobile ? '320x50' : '728x90'), "
        "kws: ['top']});</script>", _P,  # line 3
        '<div id="yrailTop300x250_frame"></div>',  # line 5
        "<script>if (CN.dart) { CN.dart.call( 'yrailTop', { sz: ( CN.isMobile ? '320x50' : "
        "'300x250' ), kws: [ 'top' ], collapse: true } ); }</script>",
        "<script>CN.dart.call('rail', {sz: '300x250', kws: ['top']});</script>",  # line 7
        "</body></html>"])
    report = audit_html(page)
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        (3, "Condé Nast CN.dart", "header", None, None),
        (5, "Condé Nast CN.dart", "yrailTop", 300, 250),
        (7, "Condé Nast CN.dart", "rail", 300, 250)]


def test_tomorrow_focus_adengine_units_are_one_a_script(audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title>",
        '<script src="http://i.tfag.de/js_ng/js_ng_site_0100.js"></script></head><body>',
        "<div class=\"ad\"><script>document.write('<div id=\"adsd_superbanner1_div\"><script>"
        "document.write(ads_gettag(\"superbanner1\"));</s'+'cript></div><div id=\"adsd_b_div\">"
        "<script>document.write(ads_gettag(\"billboardad\"));</s'+'cript></div>');</script>"
        "</div>", _P,  # line 3
        '<script>document.write(ads_gettag("skyscraper"));</script>',  # line 5
        "</body></html>"])
    report = audit_html(page)
    assert [(s.line, s.network, s.zone_id) for s in report.slots] == [
        (3, "Tomorrow Focus AdEngine", "superbanner1"),
        (5, "Tomorrow Focus AdEngine", "skyscraper")]


def test_cnn_ad_server_calls_are_slots_at_their_divs(audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title>",
        '<script src="http://i.cdn.turner.com/cnn/cnn_adspaces/cnn_adspaces.js"></script>'
        "</head><body>",
        '<div id="ad-123456" align="center"></div><script>cnnad_createAd("123456",'  # line 3
        '"http://ads.cnn.com/html.ng/site=cnn&cnn_pagetype=article&cnn_position=728x90_top'
        '&cnn_rollup=world","90","728");cnnad_registerSpace(123456,728,90);</script>', _P,
        "<script>function cnnad_createAd(adId,cnnad_url,cnnad_height,cnnad_width){"
        "document.write('<iframe src=\"' + cnnad_url + '\"></iframe>');}</script>",
        "</body></html>"])
    report = audit_html(page)
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        (3, "CNN ad server (Turner)", "728x90_top", 728, 90)]


def test_cnn_internationals_hex_ad_ids_are_slots_at_their_divs(audit_html: AuditHtml) -> None:
    """CNN International's template numbers its ad spaces in hex: the same call, the same div."""
    page = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        '<div id="ad-a4c44accce6a32e4" align="center"></div>',  # line 3
        '<script>cnnad_createAd("a4c44accce6a32e4","http://ads.cnn.com/html.ng/site='
        'cnn_international&cnn_intl_pagetype=mmst&cnn_intl_position=336x850_rgt'
        '&cnn_intl_rollup=travel","850","336", null, "");'
        'cnnad_registerSpace("a4c44accce6a32e4","336","850");</script>',
        "</body></html>"])
    report = audit_html(page)
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        (3, "CNN ad server (Turner)", "336x850_rgt", 336, 850)]
