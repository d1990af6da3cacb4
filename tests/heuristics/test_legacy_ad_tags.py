"""Ad networks of the 2008-2014 news stack that goose3's saved pages carry, each a tag form
sites' copies share: the unit is a slot where its tag stands, with its IDs.

The IDs are made up."""

from __future__ import annotations

from .conftest import AuditHtml

_P = "<p>The council met on Tuesday to discuss the ferry timetable for the winter.</p>"


def test_an_adsonar_unit_is_a_slot_with_its_placement_and_publisher(audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        '<div class="entry-injected-ad narrow">',
        # line 4
        "<script type=\"text/javascript\">adsonar_placementId=1234567 ;adsonar_pid=7654321 ;"
        "adsonar_ps=-1;adsonar_zw=260;adsonar_zh=410;adsonar_jv='ads.adsonar.com';</script>",
        '<script language="JavaScript" src="http://js.adsonar.com/js/adsonar.js"></script>',
        "</div>", _P, "</body></html>"])
    report = audit_html(page)
    assert [(s.line, s.network, s.zone_id, s.width, s.height) for s in report.slots] == [
        (4, "AdSonar (AOL)", "1234567", 260, 410)]
    assert {(i.kind, i.value) for i in report.ids} >= {
        ("adsonar-placement", "1234567"), ("adsonar-publisher", "7654321")}


def test_a_helper_building_adsonar_units_from_variables_is_no_unit(audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        "<script>function build(t){var adsonar_placementId = t[0], adsonar_pid = t[1],"
        " adsonar_zw = t[2], adsonar_zh = t[3]; return adsonar_placementId;}</script>",
        "</body></html>"])
    report = audit_html(page)
    assert report.slots == ()
    assert "AdSonar (AOL)" not in {n.network for n in report.networks}


def test_the_classic_snippets_of_chartbeat_and_addthis_give_their_accounts(
        audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        '<script type="text/javascript" src="http://s7.addthis.com/js/250/addthis_widget.js'
        '?pub=xa-4a0b1c2d3e4f5a6b"></script>',
        '<script type="text/javascript">var _sf_async_config={uid:12345,domain:"site.test"};'
        "(function(){function loadChartbeat(){var e=document.createElement('script');"
        "e.setAttribute('src','http://static.chartbeat.com/js/chartbeat.js');"
        "document.body.appendChild(e);}window.onload=loadChartbeat;})();</script>",
        "</body></html>"])
    ids = {(i.kind, i.value) for i in audit_html(page).ids}
    assert {("addthis-publisher", "xa-4a0b1c2d3e4f5a6b"), ("chartbeat-account", "12345")} <= ids


def test_a_self_hosted_sitecatalyst_h_code_is_adobes(audit_html: AuditHtml) -> None:
    page = "\n".join([
        "<html><head><title>t</title></head><body>", _P,
        '<script src="/js/s_code_site.js"></script>',
        "<script>s_site.pageName='story'; var s_code=s_site.t();if(s_code)document.write(s_code)"
        "</script>",
        "</body></html>"])
    assert "Adobe Experience Platform" in {n.network for n in audit_html(page).networks}
