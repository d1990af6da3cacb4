"""Tags of the 2009-2014 news stack that goose3's saved pages carry, each in the form sites'
copies share: the vendor is named and its account read.

The IDs are made up."""

from __future__ import annotations

from .conftest import AuditHtml

_P = "<p>The council met on Tuesday to discuss the ferry timetable for the winter.</p>"


def test_the_addthis_250_widgets_query_gives_its_publisher(audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        '<script type="text/javascript" src="http://s7.addthis.com/js/250/addthis_widget.js'
        '?pub=xa-4a0b1c2d3e4f5a6b"></script>',
        "</body></html>"])
    ids = {(i.kind, i.value) for i in audit_html(page).ids}
    assert ("addthis-publisher", "xa-4a0b1c2d3e4f5a6b") in ids


def test_a_self_hosted_sitecatalyst_h_code_is_adobes(audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        '<script src="/js/s_code_site.js"></script>',
        "<script>s_site.pageName='story'; var s_code=s_site.t();if(s_code)document.write(s_code)"
        "</script>",
        "</body></html>"])
    assert "Adobe Experience Platform" in {n.network for n in audit_html(page).networks}


def test_foresees_trigger_code_hosted_by_the_site_is_foresee(audit_html: AuditHtml) -> None:
    # ForeSee's legacy trigger code, copied to the site's own CDN
    page = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        '<script src="//cdn.site.example/vendor/foresee_v_1/javascripts/foresee-trigger.js">'
        "</script>",
        "</body></html>"])
    assert "ForeSee" in {n.network for n in audit_html(page).networks}


def test_kontera_in_text_ads_are_named_with_the_publishers_account(
        audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title></head><body>",
        '<div class="KonaBody">', _P, "</div>",
        "<!-- Kontera(TM);-->",
        "<script type='text/javascript'>var dc_AdLinkColor = 'blue' ; var dc_PublisherID = 43210 ;"
        "</script>",
        "<script type='text/javascript' src='http://kona.kontera.com/javascript/lib/"
        "KonaLibInline.js'></script>",
        "</body></html>"])
    report = audit_html(page)
    assert "Kontera" in {n.network for n in report.networks}
    assert ("kontera-publisher", "43210") in {(i.kind, i.value) for i in report.ids}
    assert report.slots == ()
