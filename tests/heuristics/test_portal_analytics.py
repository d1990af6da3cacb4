"""Portals' and regional publishers' own analytics, each written as a page of ours after
the vendor's published snippet as sites' copies write it (IDs made up): the vendor is named
and no other, with the ID its snippet carries. Several build their loader's URL from the
page's scheme or keep it in a variable, so the snippet itself must name them (Gemius,
Cxense), or the tag's path on a CDN no list blocks (Tealium's `tiqcdn.com/utag/`)."""

from __future__ import annotations

import pytest

from .conftest import AuditHtml
from .stacks import AuditStack, Stack, assert_names_none, assert_read, serious, stack

_P = "<p>The council met on Tuesday to discuss the ferry timetable for the winter.</p>"

STACKS = [
    stack("Gemius", "pp_gemius_identifier + xlgemius.js built from the scheme",
          "<script type=\"text/javascript\">\n<!--//--><![CDATA[//><!--\n"
          "var pp_gemius_identifier = 'JewM2MsfG7wzAb_cg2CPoZwfFv6MIA1UmC_koBYAR.YR7';\n"
          "function gemius_pending(i) { window[i] = window[i] || function() {var x = "
          "window[i+'_pdata'] = window[i+'_pdata'] || []; x[x.length]=arguments;};};"
          "gemius_pending('gemius_hit');(function(d,t) {try {var gt=d.createElement(t),"
          "s=d.getElementsByTagName(t)[0],l='http'+((location.protocol=='https:')?'s':'');"
          "gt.setAttribute('async','async');gt.src=l+'://gapl.hit.gemius.pl/xlgemius.js';"
          "s.parentNode.insertBefore(gt,s);} catch (e) {}})(document,'script');\n//--><!]]>"
          "</script>", _P,
          {"Gemius"}, {}, ("gemius-identifier", "JewM2MsfG7wzAb_cg2CPoZwfFv6MIA1UmC_koBYAR.YR7")),
    stack("Gemius", "older: new String('…')",
          "<script>var pp_gemius_identifier = new String('KHmIRBtrGWo0A9YEHjWtWtLTPEz0N2X5gU"
          "84x2iqj.Sv7');</script><script src='/js/xgemius.js'></script>", _P,
          {"Gemius"}, {}, ("gemius-identifier", "KHmIRBtrGWo0A9YEHjWtWtLTPEz0N2X5gU84x2iqj.Sv7")),
    # gemius.js's own snippet (a portal's traffic count beside its audience one) and
    # gemiusHeatMap's, each naming its page group
    stack("Gemius", "gemius_identifier + gemius.js, ghmxy_identifier + hmapxy.js",
          "<script>var gemius_identifier = new String('Bq4zRtXw8LmNc3Vd6FgHjK2pQsA.u9YeZo1iWx"
          "b7E.r5');</script><script>var ghmxy_align = 'center';\nvar ghmxy_identifier = "
          "'Tn5Ju8Kx2Wq_Lm4Rd7Fs9Gh3Zc6Vb1Np0Yt2Ek8Qa5Io.w4';</script>"
          "<script src='//rivera.hit.gemius.pl/gemius.js'></script>"
          "<script src='//pro.hit.gemius.pl/hmapxy.js'></script>", _P,
          {"Gemius"}, {}, ("gemius-identifier", "Bq4zRtXw8LmNc3Vd6FgHjK2pQsA.u9YeZo1iWxb7E.r5"),
          ("gemius-identifier", "Tn5Ju8Kx2Wq_Lm4Rd7Fs9Gh3Zc6Vb1Np0Yt2Ek8Qa5Io.w4")),
    # Webtrekk's 3.x pixel as its noscript writes it: `<trackdomain>/<trackId>/wt.pl?p=…`
    stack("Webtrekk", "noscript <trackdomain>/<trackId>/wt.pl?p=", "",
          _P + '<noscript><img src="http://harbourmedia02.webtrekk.net/418203957746120/wt.pl'
          '?p=315,0&amp;cg1=news" height="1" width="1" alt=""></noscript>',
          {"Webtrekk"}, {}, ("webtrekk-track", "418203957746120")),
    # Adobe Launch's newer embed code: company, property, then the environment's file
    stack("Adobe Experience Platform",
          "assets.adobedtm.com/<company>/<property>/launch-<env>.min.js",
          '<script src="//assets.adobedtm.com/0a1b2c3d4e5f/6a7b8c9d0e1f/launch-4c5d6e7f8a9b.min.js"'
          ' async></script>', _P,
          {"Adobe Experience Platform"}, {}, ("adobe-launch-property", "launch-4c5d6e7f8a9b")),
    # Italian and Czech counters: the account in the query of the counter's script or image
    stack("ShinyStat", "getcod.cgi?USER=<account> + noscript shinystat.cgi",
          "", _P + '<script type="text/javascript" src="//codicebusiness.shinystat.com/cgi-bin/'
          'getcod.cgi?USER=porto-notizie&amp;P=2"></script><noscript><a href="https://www.'
          'shinystat.com/it/" target="_top"><img src="//www.shinystat.com/cgi-bin/shinystat.cgi?'
          'USER=porto-notizie" alt="" border="0"></a></noscript>',
          {"ShinyStat"}, {}, ("shinystat-user", "porto-notizie")),
    stack("TOPlist", "invisible dot.asp?id= and a logo written with the referrer", "",
          _P + '<a href="https://www.toplist.cz/" target="_top"><img src="https://toplist.cz/'
          'dot.asp?id=1730452" border="0" alt="TOPlist" width="1" height="1"></a>'
          '<a href="https://www.toplist.sk"><script>document.write(\'<img src="https://toplist.sk'
          '/count.asp?id=88214&amp;logo=mc&amp;http=\'+escape(document.referrer)+\'" width="88"'
          ' height="60" border=0 alt="TOPlist" />\');</script></a>',
          {"TOPlist"}, {}, ("toplist-id", "1730452"), ("toplist-id", "88214")),
    stack("Tealium", "utag.js from a variable: tiqcdn.com/utag/<account>/<profile>/<env>/",
          "<script type=\"text/javascript\">(function(a,b,c,d){\n"
          "a='https://tags.tiqcdn.com/utag/harbourmedia/main/prod/utag.js';\n"
          "b=document;c='script';d=b.createElement(c);d.src=a;d.type='text/java'+c;d.async=true;"
          "\na=b.getElementsByTagName(c)[0];a.parentNode.insertBefore(d,a);})();</script>", _P,
          {"Tealium"}, {}, ("tealium-profile", "harbourmedia/main")),
    stack("Cxense", "cX.callQueue setSiteId + cx.js built from the scheme",
          "<script type=\"text/javascript\">var cX = window.cX = window.cX || {}; "
          "cX.callQueue = cX.callQueue || [];\ncX.callQueue.push(['setSiteId', "
          "'1137492658301746215']);\ncX.callQueue.push(['sendPageViewEvent']);</script>"
          "<script type=\"text/javascript\">(function(d,s,e,t){e=d.createElement(s);"
          "e.type='text/java'+s;e.async='async';e.src='http'+('https:'===location.protocol?"
          "'s://s':'://')+'cdn.cxense.com/cx.js';t=d.getElementsByTagName(s)[0];"
          "t.parentNode.insertBefore(e,t);})(document,'script');</script>", _P,
          {"Cxense"}, {}, ("cxense-site", "1137492658301746215")),
    stack("Naver Analytics", "wcslog.js + wcs_add[\"wa\"]", "",
          _P + '<script type="text/javascript" src="//wcs.naver.net/wcslog.js"></script>'
          '<script type="text/javascript">if(!wcs_add) var wcs_add = {};\n'
          'wcs_add["wa"] = "s_41c9e07d25ab";\nif(window.wcs) { wcs_do(); }</script>',
          {"Naver Analytics"}, {}, ("naver-analytics-account", "s_41c9e07d25ab")),
    stack("CNZZ (Umeng)", "U-Web: v1.cnzz.com/z.js?id=<site>", "",
          _P + "<script>var _czc = _czc || [];(function () {var um = document.createElement("
          "\"script\");um.src = \"https://v1.cnzz.com/z.js?id=1281507362&async=1\";var s = "
          "document.getElementsByTagName(\"script\")[0];s.parentNode.insertBefore(um, s);})();"
          "</script>",
          {"CNZZ (Umeng)"}, {}, ("cnzz-site", "1281507362")),
    # Yahoo's own pages: rapid.js and its config's page space
    stack("Yahoo Rapid", "s.yimg.com/ss/rapid-<v>.js + new YAHOO.i13n.Rapid({spaceid})", "",
          _P + '<script src="https://s.yimg.com/ss/rapid-3.53.30.js"></script><script>'
          'var I13N_config = {spaceid: 1197093517, keys: {pt: "content", ver: "html"}, nol: 1};'
          "\nvar rapidInstance = new YAHOO.i13n.Rapid(I13N_config);</script>",
          {"Yahoo Rapid"}, {}, ("yahoo-rapid-space", "1197093517")),
    # Yahoo! JAPAN's build: its ULT library on its CDN, the config's key spelt spaceId
    stack("Yahoo Rapid", "i.yimg.jp/images/ds/rapid/<v>/ult.inc.js + rapid: {spaceId}", "",
          _P + '<script src="https://i.yimg.jp/images/ds/rapid/1.5.0/ult.inc.js"></script>'
          '<script>YAHOO.JP.Ycd.recommend.loader.configure({useYcdn: true, rapid: '
          '{"keys": {"rpdprop": "news"}, "spaceId": 2078709551}});</script>',
          {"Yahoo Rapid"}, {}, ("yahoo-rapid-space", "2078709551")),
    # a group's site measured for its own account and the group's: one noscript pixel
    # naming both (`a.1`, `a.2`)
    stack("Quantcast Measure", "noscript pixel?a.1=…&a.2=… for two accounts", "",
          _P + '<noscript><div style="display:none;"><img src="//pixel.quantserve.com/pixel?'
          'a.1=p-7Kq2VmX9bT4cR&amp;a.2=p-3Zt8WnL5hQ1dE" border="0" height="1" width="1" '
          'alt="Quantcast"></div></noscript>',
          {"Quantcast Measure"}, {}, ("quantcast-account", "p-7Kq2VmX9bT4cR"),
          ("quantcast-account", "p-3Zt8WnL5hQ1dE")),
    # Chinese portals' own: Tianrun's WebTerren counter, its site in the loader's query
    stack("WebTerren (Tianrun webdig)", "cl2.webterren.com/webdig.js?z=<site>",
          '<script async src="//cl2.webterren.com/webdig.js?z=27"></script>'
          '<script src="//d.webterren.com/common.js?t=202601010800"></script>', _P,
          {"WebTerren (Tianrun webdig)"}, {}, ("webterren-site", "27")),
    # AppAdhoc's A/B testing SDK and its app key, as its install code gives them
    stack("AppAdhoc", "sdk.appadhoc.com/ab.plus.js + adhoc('init', {appKey})",
          '<script src="https://sdk.appadhoc.com/ab.plus.js"></script><script>\n'
          "adhoc('init', {\n  appKey: 'ADHOC_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'\n})\n"
          "</script>", _P,
          {"AppAdhoc"}, {}, ("appadhoc-app", "ADHOC_0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")),
]


@pytest.mark.parametrize("s", STACKS, ids=lambda s: f"{s.stack}: {s.form}")
def test_each_portal_analytics_is_named_with_its_id(audit_stack: AuditStack, s: Stack) -> None:
    report = audit_stack(s)
    assert_read(report, s)
    assert serious(report) == []


_NAMED = {"Gemius", "ShinyStat", "TOPlist", "Webtrekk", "Adobe Experience Platform", "Tealium",
          "Cxense", "Naver Analytics", "Yahoo Rapid", "WebTerren (Tianrun webdig)", "AppAdhoc"}


@pytest.mark.parametrize(("form", "body"), [
    # a site's own config keys and paths of the same words
    ("a player config's spaceid", "<script>var player = {spaceid: 1197093517};</script>"),
    ("a site's own utag path", "<script src='/assets/utag/harbourmedia/main/prod/utag.js'>"
     "</script>"),
    ("a site's own cX object", "<script>var cX = {};cX.callQueue = [];</script>"),
    ("a gemius word in prose", "<p>The pp_gemius_identifier variable names the page.</p>"),
    ("gemius and webtrekk words in prose", "<p>Set gemius_identifier and ghmxy_identifier; "
     "the pixel is /418203957746120/wt.pl?p=315.</p><pre>var gemius_identifier = "
     "'Bq4zRtXw8LmNc3Vd6FgHjK2pQsA.u9YeZo1iWxb7E.r5';</pre>"),
    ("launch files on look-alike hosts", '<script src="//assets.adobedtm.com.evil.example/'
     '0a1b2c3d4e5f/6a7b8c9d0e1f/launch-4c5d6e7f8a9b.min.js"></script>'
     '<script src="//cdn.example/launch-4c5d6e7f8a9b.min.js"></script>'),
    ("counters on look-alike hosts", '<img src="https://toplist.cz.evil.example/dot.asp?id=1730452">'
     '<img src="https://nottoplist.cz/count.asp?id=88214"><script src="//shinystat.com.evil.example'
     '/cgi-bin/getcod.cgi?USER=porto-notizie"></script><p>Use toplist.cz/dot.asp?id=1730452 '
     'or shinystat.com/cgi-bin/getcod.cgi?USER=porto-notizie.</p>'),
    ("webdig on a look-alike host", '<script src="//cl2.webterren.com.evil.example/webdig.js'
     '?z=27"></script><script src="//notwebterren.example/webdig.js?z=28"></script>'),
    ("an app key of another SDK", "<script>sdk.init({appKey: 'ADHOC_0a1b2c3d-4e5f-4a6b-"
     "8c7d-9e0f1a2b3c4d'});</script><pre>adhoc('init', {appKey: 'ADHOC_x'})</pre>"),
])
def test_look_alikes_name_none_of_them(audit_stack: AuditStack, form: str, body: str) -> None:
    assert_names_none(audit_stack(stack("none", form, "", _P + body + _P, set(), {})), _NAMED)


@pytest.mark.parametrize("other", [
    # a wiki's page data: its space's number
    'window.__WIKI__ = {"page": {"id": 98765, "spaceId": 33587201, "spaceKey": "DOCS"}};',
    # an ad library's key ending in the same word, and another script's constant
    'var yadsCfg = {"ad-spaceId": 1234567}; var cms = {}; cms.SPACEID = 88887777;',
], ids=["a wiki's spaceId", "another key and constant"])
def test_rapids_space_is_its_configs_not_another_scripts(audit_html: AuditHtml,
                                                          other: str) -> None:
    """Yahoo! JAPAN's Rapid names its space in its config's `rapid: {…, "spaceId": …}`
    (Yahoo's own pages `spaceid:` and `YAHOO.i13n.SPACEID`): on a page where Rapid runs,
    another script's spaceId or SPACEID is not Rapid's space."""
    html = (f"<html><head><title>t</title></head><body>{_P}"
            '<script src="https://i.yimg.jp/images/ds/rapid/1.5.0/ult.inc.js"></script>'
            "<script>YAHOO.JP.Ycd.recommend.loader.configure({useYcdn: true, rapid: "
            '{"keys": {"rpdprop": "news"}, "spaceId": 2078709551}});'
            "YAHOO.i13n.SPACEID = '2078709551';</script>"
            f"<script>{other}</script></body></html>")
    report = audit_html(html, url="https://news.example.jp/a")
    assert {i.value for i in report.ids if i.kind == "yahoo-rapid-space"} == {"2078709551"}
