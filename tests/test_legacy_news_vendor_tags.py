"""Vendor tags of 2014-2016 news sites in the forms their vendors documented: the
network each names and the account IDs it carries (pages written for these tests)."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit
from auditor.rules import Engine

PAGE = "<html><head><title>t</title></head><body><p>Story text.</p>\n{}\n</body></html>"

# (tag markup, network it names, (kind, value) IDs it must give)
TAGS = {
    "pubmatic-legacy-optimisation-tag": (
        """<script>var pm_optimize_adslots = ['NEWS_ATF@300x250']; var pm_pub_id = 40517;</script>
<script src="http://ads.pubmatic.com/AdServer/js/gshowad.js"></script>""",
        "PubMatic", {("pubmatic-publisher", "40517")}),
    "rubicon-oz-site-account-and-site": (
        """<script>oz_api = "valuation"; oz_site = "7701/88123"; oz_zone = "412";</script>
<script src="http://tap-cdn.rubiconproject.com/partner/scripts/rubicon/dorothy.js?pc=7701/88123"></script>""",
        "Magnite (Rubicon Project)", {("rubicon-account", "7701"), ("rubicon-site", "88123")}),
    "polar-embed-from-its-fastly-host": (
        """<script src="http://assets-polarb-com.a.ssl.fastly.net/assets/polar-embedded.js"
 async="true" data-publisher="dailynews" data-placement="Rail"></script>""",
        "Polar", set()),
    "simplereach-s3-loader-and-pid-variable": (
        """<script>var _SIMPLE_REACH_PID="61aa0c3e9b8d7f2e4c5a1b90";</script>
<script src="http://simple-cdn.s3.amazonaws.com/js/reach.js"></script>""",
        "SimpleReach", {("simplereach-pid", "61aa0c3e9b8d7f2e4c5a1b90")}),
    "simplereach-wordpress-plugin-settings": (
        """<script type='text/javascript'>
/* <![CDATA[ */
var sranalytics = {"version":"0.1.4","pid":"5a1f0c2e9b3d4e5f60718293","iframe":"0",
"title":"A story","url":"http:\\/\\/news.test\\/a\\/","channels":["news"]};
/* ]]> */
</script>""",
        "SimpleReach", {("simplereach-pid", "5a1f0c2e9b3d4e5f60718293")}),
    "kissmetrics-snippet-api-key": (
        """<script type="text/javascript">
  var _kmq = _kmq || [];
  var _kmk = _kmk || '3c9e0d1f2a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9';
  function _kms(u){ setTimeout(function(){ var d = document,
    f = d.getElementsByTagName('script')[0], s = d.createElement('script');
    s.type = 'text/javascript'; s.async = true; s.src = u;
    f.parentNode.insertBefore(s, f); }, 1); }
  _kms('//i.kissmetrics.com/i.js');
  _kms('//doug1izaerwt3.cloudfront.net/' + _kmk + '.1.js');
</script>""",
        "Kissmetrics", {("kissmetrics-key", "3c9e0d1f2a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9")}),
    "polyad-library-on-its-host": (
        """<script type="text/javascript" src="http://st.polyad.net/library/2014/TinTucShowAds.js">
</script>""",
        "PolyAd", set()),
    "eclick-async-loader": (
        """<script>var _siteId="7";(function(){var a=document.createElement("script");
a.type="text/javascript";a.async=!0;a.src="http://st.l.a.eclick.vn/ea.js";
var b=document.getElementsByTagName("script")[0];b.parentNode.insertBefore(a,b)})();</script>""",
        "Eclick", set()),
    "gravity-insights-config-object": (
        """<div id="grv-personalization-21"></div><script>(function(){
  window.gravityInsightsParams = {
    'type': 'content', 'action': '', 'site_guid': '0c3b7d9e1f2a48566b7c8d9e0f1a2b3c'
  };
  var s = document.createElement('script'); s.async = true;
  s.src = 'http://b.grvcdn.com/moth-min.js'; document.body.appendChild(s);
})();</script>""",
        "Gravity", {("gravity-site-guid", "0c3b7d9e1f2a48566b7c8d9e0f1a2b3c")}),
    "gravity-insights-wordpress-plugin": (
        """<script type='text/javascript'>
var gravityInsightsParams = new Object();
gravityInsightsParams.type = 'content';
gravityInsightsParams.site_guid = '9a8b7c6d5e4f30211203f4e5d6c7b8a9';
</script>""",
        "Gravity", {("gravity-site-guid", "9a8b7c6d5e4f30211203f4e5d6c7b8a9")}),
    "richrelevance-p13n-library": (
        """<script src="//media.richrelevance.com/rrserver/js/1.0/p13n.js"></script>
<script>var R3_COMMON = new r3_common(); R3_COMMON.setApiKey('0a1b2c3d4e5f6a7b');</script>""",
        "RichRelevance", set()),
    "chartbeat-config-written-as-json": (
        """<script type='text/javascript'>
/* <![CDATA[ */
var _sf_async_config = {"uid":"48213","domain":"news.test"};
/* ]]> */
</script>
<script src="//static.chartbeat.com/js/chartbeat.js" async></script>""",
        "Chartbeat", {("chartbeat-account", "48213")}),
    "audiencescience-async-data-collection-tag": (
        """<!-- AudienceScience Async Data Collection Tag -->
<script>
  (function() {
    var csid = "G12345";
    var bpid = "citynews_de";
    var e = document.createElement("script");
    var s = document.getElementsByTagName("script")[0];
    e.src = "//js.revsci.net/gateway/gw.js?auto=t&csid=" + csid + "&bpid=" + bpid;
    e.async = true;
    s.parentNode.insertBefore(e, s);
  })();
</script>""",
        "AudienceScience", {("audiencescience-csid", "G12345"),
                            ("audiencescience-bpid", "citynews_de")}),
    "ias-skeleton-wrapper-account": (
        """<SCRIPT language='JavaScript1.1'
 SRC="http://pixel.adsafeprotected.com/rjss/st/45120/7700312/skeleton.js"></SCRIPT>""",
        "Integral Ad Science", {("ias-account", "45120")}),
    "monetate-tag-url-built-in-a-string": (
        """<script>(function(){var m=document.createElement('script');
m.src=(location.protocol=="https:"?"https://s":"http://")+"b.monetate.net/js/1/a-9f00e1c2/p/news.test/"
+Math.floor(Date.now()/3600000)+"/g";document.head.appendChild(m);})();</script>""",
        "Monetate", {("monetate-account", "a-9f00e1c2")}),
    "evidon-adchoices-notice-tag": (
        """<script>(function(){var ev=document.createElement('script');ev.async=true;
ev.setAttribute('data-ev-tag-pid', 31); ev.setAttribute('data-ev-tag-ocid', 512);
ev.src=('https:'==document.location.protocol?'https://':'http://')+'c.betrad.com/pub/tag.js';
document.body.appendChild(ev);})();</script>""",
        "Evidon", {("evidon-pid", "31")}),
    "evidon-notice-tag-pid-in-the-markup": (
        """<script src="https://c.betrad.com/pub/tag.js" data-ev-tag-pid="4410"
 data-ev-tag-ocid="77" async></script>""",
        "Evidon", {("evidon-pid", "4410")}),
    "crazyegg-loader-on-its-older-s3-bucket": (
        """<script type="text/javascript"
 src="http://s3.amazonaws.com/new.cetrk.com/pages/scripts/0042/7788.js"></script>""",
        "Crazy Egg", {("crazyegg-account", "0042/7788")}),
    "adobe-h-code-under-the-sites-file-name": (
        """<script src="/assets/js/s_code_dailynews_main.js"></script>
<script>dn.s.pageName = "home"; dn.s.channel = "News"; dn.s.t();</script>""",
        "Adobe Experience Platform", set()),
    "addthis-pubid-after-wordpress-ver-query": (
        """<script type='text/javascript'
 src='http://s7.addthis.com/js/300/addthis_widget.js?ver=4.2.1#pubid=ra-5a0b1c2d3e4f5061'></script>""",
        "AddThis", {("addthis-publisher", "ra-5a0b1c2d3e4f5061")}),
    "optimizely-project-in-a-requirejs-path": (
        """<script>requirejs.config({"paths": {"jquery": "//code.jquery.test/jquery.min",
"optimizely": "//cdn.optimizely.com/js/48213377"}}); requirejs(["optimizely"]);</script>""",
        "Optimizely", {("optimizely-project", "48213377")}),
    "medianet-interstitial-loader-customer": (
        """<script>(function(){var s=document.createElement("script");s.async="async";
s.src="//contextual.media.net/inslmedianet.js?cid=8CU7Q2K4L&crid=" + mnCrid + "&size=641x481";
document.head.appendChild(s);})();</script>
<script src="https://contextual.media.net/einslmedianet.js?cid=8CU5R9T1M&https=1&crid=412345678"></script>""",
        "Media.net", {("medianet-customer", "8CU7Q2K4L"), ("medianet-customer", "8CU5R9T1M")}),
    "amazon-amzn-ads-callback-and-lotame-keyed-call": (
        """<script>loadScript("http://c.amazon-adsystem.com/aax2/amzn_ads.js", function () {
  amznads.getAdsCallback('3077', onAmazon, 400); });
loadScript('//ad.crwdcntrl.net/5/c=31/pe=y/callback=lotameDone');
loadScript('https://bcp.crwdcntrl.net/5/pe=y/c=4120');</script>""",
        "Lotame", {("amazon-aps-publisher", "3077"), ("lotame-client", "31"),
                   ("lotame-client", "4120")}),
    "gpt-unit-path-a-wrapper-builds-apart-from-the-call": (
        """<script async src="https://www.googletagservices.com/tag/js/gpt.js"></script>
<script>var adZone = "news"; window.adQueue = [{id: "ad-top", sizes: [728, 90]}];
adQueue.path = "/6071/harbour.mag/" + adZone; // the section is appended at run time
googletag.cmd.push(function () { for (var i = 0; i < adQueue.length; i++) {
  googletag.defineSlot(adQueue.path, adQueue[i].sizes, adQueue[i].id); } });</script>""",
        "Google Publisher Tag", {("gpt-network", "6071")}),
    "polar-unit-served-by-the-publishers-dfp": (
        """<script>window.NATIVEADS = window.NATIVEADS || {}; NATIVEADS.onReady = function (ads) {
  ads.insertPreview({label: "Rail", unit: {"server": "dfp", "id": "/2290/harbour.dart/" + zone,
  "size": "290x95"}, location: "#rail-promo"}); };</script>
<script src="http://plugin.mediavoice.com/plugin.js"></script>""",
        "Polar", {("gpt-network", "2290")}),
    "taboola-loader-on-yahoo-japans-cdn": (
        """<script>window._taboola = window._taboola || []; _taboola.push({article: 'auto'});
!function (e, f, u, i) { if (!document.getElementById(i)) { e.async = 1; e.src = u; e.id = i;
f.parentNode.insertBefore(e, f); } }(document.createElement('script'),
document.getElementsByTagName('script')[0],
'//cdn-ycd.c.yimg.jp/libtrc/yahoojp-harbournews/loader.js', 'tb_loader_script');</script>""",
        "Taboola", {("taboola-publisher", "yahoojp-harbournews")}),
    "taboola-loader-on-its-china-domain": (
        # Taboola China's domain serves the loader to Chinese publishers' pages
        """<script>window._taboola = window._taboola || []; _taboola.push({article: 'auto'});
!function (e, f, u, i) { if (!document.getElementById(i)) { e.async = 1; e.src = u; e.id = i;
f.parentNode.insertBefore(e, f); } }(document.createElement('script'),
document.getElementsByTagName('script')[0],
'//cdn.taboola.com.cn/libtrc/harbour-cnweb/loader.js', 'tb_loader_script');</script>""",
        "Taboola", {("taboola-publisher", "harbour-cnweb")}),
    "cxense-site-handed-over-by-a-variable": (
        """<script>var CXID = '1133557799224466880';
var cX = cX || {}; cX.callQueue = cX.callQueue || [];
cX.callQueue.push(['setSiteId', CXID]); cX.callQueue.push(['sendPageViewEvent']);</script>
<script src="//scdn.cxense.com/cx.js"></script>""",
        "Cxense", {("cxense-site", "1133557799224466880")}),
    "adobe-h-code-as-a-requirejs-module": (
        """<script src="/js/libs/require.js"></script>
<script>requirejs(["jquery", "s_code"], function ($, s) { s.pageName = "news:story";
s.channel = "news"; s.t(); });</script>""",
        "Adobe Experience Platform", set()),


    "openx-ad-unit-written-into-a-named-frame": (
        """<div class="ad-top"><iframe name="ox-frame-1" src="about:blank"></iframe><script>
var f = frames["ox-frame-1"].document; f.open();
f.write('<script>if (!window.OX_ads) { OX_ads = []; } OX_ads.push({ "auid" : "771234" });'
 + '<\\/script><script src="http://ox-d.cityherald.test/w/1.0/jstag"><\\/script>'
 + '<noscript><iframe src="http://ox-d.cityherald.test/w/1.0/afr?auid=771235&cb=1"></iframe>'
 + '</noscript>'); f.close();</script>
<script src="http://us-ads.openx.net/w/1.0/jstag"></script></div>""",
        "OpenX", {("openx-auid", "771234"), ("openx-auid", "771235")}),
    "google-ads-conversion-noscript-image": (
        """<noscript><div style="display:inline;"><img height="1" width="1" alt=""
 src="//www.googleadservices.com/pagead/conversion/1002003004/?value=0&amp;label=xYz&amp;guid=ON&amp;script=0"></div></noscript>""",
        "Google Ads", {("google-ads-conversion", "1002003004")}),
    "clicky-noscript-image": (
        """<noscript><p><img alt="Clicky" width="1" height="1"
 src="//in.getclicky.com/87654321ns.gif"></p></noscript>""",
        "Clicky", {("clicky-site", "87654321")}),
    "clicky-site-ids-push": (
        """<script>var clicky_site_ids = clicky_site_ids || [];
clicky_site_ids.push(87654321);</script>
<script async src="//static.getclicky.com/js"></script>""",
        "Clicky", {("clicky-site", "87654321")}),
    "statcounter-install-code": (
        """<script type="text/javascript">var sc_project=7654321; var sc_invisible=1;
var sc_security="0a1b2c3d";</script>
<script src="https://www.statcounter.com/counter/counter.js" async></script>""",
        "StatCounter", {("statcounter-project", "7654321")}),
    "statcounter-noscript-counter-image": (
        """<noscript><div class="statcounter"><a title="web stats" href="https://statcounter.com/"
 target="_blank"><img class="statcounter" src="https://c.statcounter.com/7654321/0/0a1b2c3d/1/"
 alt="web stats"></a></div></noscript>""",
        "StatCounter", {("statcounter-project", "7654321")}),
    "statcounter-numbered-counter-host-noscript": (
        # the older install code's <noscript> image, from one of its numbered counter hosts
        """<noscript><div class="statcounter"><a title="web analytics" href="http://statcounter.com/">
<img class="statcounter" src="http://c29.statcounter.com/counter.php?sc_project=7654321&amp;java=0\
&amp;security=0a1b2c3d&amp;invisible=1" alt="web analytics"></a></div></noscript>""",
        "StatCounter", {("statcounter-project", "7654321")}),
    "chartdk-unified-trackercode": (
        # Chart.dk's counter: its script, the site handed to track_visitor, the noscript image
        """<script type="text/javascript" src="http://www.chart.dk/js/unified.asp"></script>
<script type="text/javascript">track_visitor(48213, '');</script>
<noscript><a href="http://www.chart.dk/ref.asp?id=48213"><img
 src="http://cluster.chart.dk/chart.asp?id=48213" alt="Chart.dk"></a></noscript>""",
        "Chart.dk", {("chartdk-site", "48213")}),
    "chartdk-written-counter-image": (
        # its older code writes the counter image itself
        """<script type="text/javascript">
document.write('<img src="http://cluster.chart.dk/chart.asp?id=48213&amp;style=6&amp;secID='
  + Math.random()*10000000 + '" alt="Chart.dk" />');
</script>""",
        "Chart.dk", {("chartdk-site", "48213")}),
    "sitemeter-counter": (
        """<script type="text/javascript">var site="sm7harbourblog"</script>
<script type="text/javascript" src="http://sm7.sitemeter.com/js/counter.js?site=sm7harbourblog">
</script><noscript><a href="http://sm7.sitemeter.com/stats.asp?site=sm7harbourblog"><img
 src="http://sm7.sitemeter.com/meter.asp?site=sm7harbourblog" alt="Site Meter"></a></noscript>""",
        "Site Meter", {("sitemeter-site", "sm7harbourblog")}),
    "paidstats-noscript-beacon": (
        """<script type="text/javascript" src="/stats.js"></script><noscript><img
 src="http://paidstats.com/cgi/stats.pl?i=0&amp;site=harbourpics&amp;pg=&amp;r=nojs"></noscript>""",
        "PaidStats", {("paidstats-site", "harbourpics")}),
    "carbon-legacy-zone-embed": (
        # Carbon's embed before carbon.js: a script inserted from engine.carbonads.com/z/<zone>/
        """<div id="carbonads-container"><div class="carbonad"><div id="azcarbon"></div>
<script>var z = document.createElement("script"); z.type = "text/javascript"; z.async = true;
z.src = "http://engine.carbonads.com/z/41237/azcarbon_2_1_0_HORIZ";
var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(z, s);</script>
</div></div>""",
        "BuySellAds", {("carbon-serve", "41237")}),
    "marfeel-garda-snippet-host-variable": (
        # its garda snippet builds the script's URL from the host it names: no Marfeel URL
        """<script>window.mrf={host:"bc.marfeel.com",dt:3},function(e,t,o,i,a,n,r){function d(){
var c=t.createElement("script");c.src="//"+r.host+"/statics/marfeel/gardac.js";
t.head.appendChild(c)}/mobile/i.test(i.userAgent)&&d()}(document,document,location,
navigator,document.cookie,location.search,window.mrf);</script>""",
        "Marfeel", set()),
    "sharethis-property-loader": (
        """<script src="//platform-api.sharethis.com/js/sharethis.js#property=\
5a1b2c3d4e5f60718293a4b5&amp;product=sticky-share-buttons" async></script>""",
        "ShareThis", {("sharethis-property", "5a1b2c3d4e5f60718293a4b5")}),
    "sharethis-property-loader-wordpress-versioned": (
        # WordPress enqueues the loader with its version query before the fragment
        """<script src="https://platform-api.sharethis.com/js/sharethis.js?ver=5.4.2\
#property=5a1b2c3d4e5f60718293a4b6&amp;product=inline-share-buttons" async></script>""",
        "ShareThis", {("sharethis-property", "5a1b2c3d4e5f60718293a4b6")}),
    "newrelic-nrbr-browser-key": (
        # the browser key's NRBR- form in the loader config the snippet writes
        """<script>;window.NREUM||(NREUM={});NREUM.init={ajax:{deny_list:["bam.nr-data.net"]}};
;NREUM.loader_config={accountID:"1234567",trustKey:"1234567",agentID:"1122334455",\
licenseKey:"NRBR-0a1b2c3d4e5f6a7b8c9",applicationID:"1122334455"};
;NREUM.info={beacon:"bam.nr-data.net",errorBeacon:"bam.nr-data.net",\
licenseKey:"NRBR-0a1b2c3d4e5f6a7b8c9",applicationID:"1122334455",sa:1};</script>""",
        "New Relic", {("newrelic-key", "NRBR-0a1b2c3d4e5f6a7b8c9"),
                      ("newrelic-application", "1122334455")}),
    "twitter-website-tag-noscript-images": (
        """<noscript><img height="1" width="1" style="display:none;" alt=""
 src="https://analytics.twitter.com/i/adsct?txn_id=q1w2e&amp;p_id=Twitter">
<img height="1" width="1" style="display:none;" alt=""
 src="//t.co/i/adsct?txn_id=q1w2e&amp;p_id=Twitter"></noscript>""",
        "X (Twitter) Pixel", {("twitter-pixel", "q1w2e")}),
    "addthis-button-code-account-name": (
        """<script type="text/javascript">var addthis_pub = "cityherald";</script>
<script src="http://s7.addthis.com/js/250/addthis_widget.js"></script>""",
        "AddThis", {("addthis-publisher", "cityherald")}),
    "adobe-appmeasurement-bundled-with-its-account-set": (
        """<script>function AM(){var m=this;var w=window;w.s_c_in||(w.s_c_il=[],w.s_c_in=0);
m._il=w.s_c_il;m._in=w.s_c_in;m._il[m._in]=m;w.s_c_in++;m.t=function(){};}
var s=new AM();s.account="cityheraldprod";
s.trackingServer="metrics.cityherald.test";s.t();</script>""",
        "Adobe Experience Platform", {("adobe-report-suite", "cityheraldprod")}),
    "adobe-appmeasurement-exported-suite-in-an-attribute": (
        """<div class="analytics" data-rsid="cityheraldprod" data-prop1="Article"></div>
<script>(function(){function i(){this.t=function(){};}window.AppMeasurement=i;
var s=new window.AppMeasurement();
s.account=document.querySelector("[data-rsid]").getAttribute("data-rsid");s.t();})();</script>""",
        "Adobe Experience Platform", {("adobe-report-suite", "cityheraldprod")}),
    "silktide-cookie-consent-from-its-s3-bucket-path": (
        """<!-- Cookie notice -->
<script type="text/javascript">window.cookieconsent_options = {"message": "We use cookies",
"dismiss": "OK", "learnMore": "Privacy", "link": "/privacy", "theme": "light-floating"};</script>
<script src="//s3.amazonaws.com/cc.silktide.com/cookieconsent.latest.min.js"></script>""",
        "Silktide Cookie Consent", set()),
    "silktide-cookie-consent-from-its-bucket-host": (
        """<script src="https://cc.silktide.com.s3.amazonaws.com/cookieconsent.1.0.9.min.js">
</script>""",
        "Silktide Cookie Consent", set()),
    "nielsen-dcr-static-queue-app-id": (
        """<script>!function(t,n){t[n]=t[n]||{nlsQ:function(e,o,c,r,s){s=t.document;
r=s.createElement("script");r.async=1;r.src="//cdn-gl.imrworldwide.com/conf/"+e+".js#name="+o;
s.head.appendChild(r)}}}(window,"NOLBUNDLE");
var nSdk = NOLBUNDLE.nlsQ("P1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D", "nlsnInstance");</script>""",
        "Nielsen", {("nielsen-apid", "P1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D")}),
    "nielsen-app-id-a-sites-data-layer-hands-on": (
        """<script>window.digitalData = {"page": {"type": "story"},
"vendor": {"Nielsen": {"apid": "P0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0"}}};</script>""",
        "Nielsen", {("nielsen-apid", "P0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0")}),
    "piano-aid-in-a-sites-config": (
        """<script>window.conf = {piano_api_url: "https://buy.piano.io/api/v3",
piano_aid: "qR7sT1uV3w"};</script><script src="https://cdn.piano.io/api/tinypass.min.js"></script>""",
        "Piano", {("piano-aid", "qR7sT1uV3w")}),
    "ownlocal-origami-widget": (
        """<div id="ownlocal-box"><div id="origami-ad-container"></div></div>
<script id="origami-ad-widget" src="https://origami.secure.ownlocal.com/origami-widget.js"
 data-partner-id="0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"></script>""",
        "OwnLocal", {("ownlocal-partner", "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")}),
    "at-internet-smarttag-site-after-its-log-domains": (
        """<script>window.ATInternet = { onTrackerLoad: function() {
window.ATTag = new window.ATInternet.Tracker.Tag({log: "logc207", logSSL: "logs207",
site: 612345, domain: "xiti.com"}); ATTag.page.send({name: ""}); } };
(function(){ var at = document.createElement('script'); at.async = true;
at.src = '//tag.aticdn.net/smarttag.js'; document.head.appendChild(at); })();</script>""",
        "AT Internet", {("at-internet-site", "612345")}),
    "nuggad-targeting-call-network-and-site": (
        """<script>var nuggscr = document.createElement('script');
nuggscr.src = '//harbour.nuggad.net/rc?nuggn=1234567890&nuggsid=987654321&nuggtg='
 + encodeURIComponent('__CONTENT_TAG__');
document.head.appendChild(nuggscr);</script>""",
        "nugg.ad", {("nuggad-network", "1234567890"), ("nuggad-site", "987654321")}),
    "neustar-adadvisor-partner-in-its-callback": (
        """<script>function setUpAgknTag(tag) { tag.setBpId("cityherald"); }</script>
<script src="//js.agkn.com/prod/v0/tag.js" async></script>""",
        "Neustar", {("neustar-bpid", "cityherald")}),
    "histats-async-counter-start": (
        """<script>var _Hasync = _Hasync || [];
_Hasync.push(['Histats.start', '1,4412345,4,0,0,0,00010000']);
_Hasync.push(['Histats.fasi', '1']);
(function() { var hs = document.createElement('script'); hs.async = true;
hs.src = ('//s10.histats.com/js15_as.js'); document.head.appendChild(hs); })();</script>""",
        "Histats", {("histats-site", "4412345")}),
    "addthis-config-profile-username": (
        """<script>var addthis_config = { username: 'cityherald', data_track_clickback: true };
</script><script src="https://s7.addthis.com/js/300/addthis_widget.js#async=1"></script>""",
        "AddThis", {("addthis-publisher", "cityherald")}),
    "oneplusx-tagger-appended-by-jquery": (
        # 1plusX's tag as a site appends it, its noscript image beside it
        """<script>jQuery(function() {
  jQuery('body').append("<script async src='https://tagger.opecloud.com/harbour/v2/tagger.js'/>");
  jQuery('body').append("<noscript><img src='https://tagger.opecloud.com/harbour/v2/noscript-image.gif'/>");
});</script>""",
        "1plusX", {("1plusx-client", "harbour")}),
    "oneplusx-profile-api": (
        """<script>fetch('https://harbour.profiles.tagger.opecloud.com/v2/targeting?url=x');</script>""",
        "1plusX", {("1plusx-client", "harbour")}),
    "zeotap-mapper": (
        """<script id="zeo_mapping" src="https://spl.zeotap.com/mapper.js?zdid=812&amp;env=mWeb&amp;eventType=pageview&amp;zpb=news.test"></script>""",
        "Zeotap", {("zeotap-zdid", "812")}),
}


def test_ownlocal_origami_widget_fills_its_container(project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    """The box Origami's widget fills is OwnLocal's slot; the same box with no widget, or a
    partner ID on a look-alike host's widget, is none."""
    markup, _, _ = TAGS["ownlocal-origami-widget"]
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [(s.line, s.network) for s in page.slots] == [(2, "OwnLocal")]
    look_alike = markup.replace("origami.secure.ownlocal.com", "ownlocal.com.evil.example")
    (page,) = audit(PAGE.format(look_alike).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert not page.slots and not page.ids


def test_a_cookie_consent_copy_not_on_silktides_bucket_is_no_silktide(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The open-source cookieconsent script, served by a public CDN or the site, with the
    same options global, is the site's own copy; another bucket's path holding the name
    is no Silktide's."""
    markup = """<script>window.cookieconsent_options = {"message": "We use cookies"};</script>
<script src="//cdnjs.cloudflare.com/ajax/libs/cookieconsent2/1.0.9/cookieconsent.min.js"></script>
<script src="/assets/js/cookieconsent.latest.min.js"></script>
<script src="//s3.amazonaws.com/mirror-bucket/cc.silktide.com/cookieconsent.latest.min.js"></script>
<script src="//cc.silktide.com.evil.example/cookieconsent.latest.min.js"></script>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert "Silktide Cookie Consent" not in {n.network for n in page.networks}


@pytest.mark.parametrize("name", sorted(TAGS))
def test_legacy_tag_names_its_vendor_and_ids(name: str, project_engine: Engine,
                                             catalogue: Catalogue) -> None:
    markup, network, ids = TAGS[name]
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert network in {n.network for n in page.networks}
    assert ids <= {(i.kind, i.value) for i in page.ids}


def test_legacy_id_variables_need_their_own_form(project_engine: Engine,
                                                 catalogue: Catalogue) -> None:
    """Look-alike variables are no IDs: a site's own `oz_site` of words, a pid of one
    repeated hex digit (a template's), an AddThis fragment on another widget's file, an
    `auid` off OpenX's delivery paths, a Clicky image not of its noscript form, a txn_id
    longer than a pixel's, a report suite where no Adobe code runs (a test of
    `window.AppMeasurement` is none), an app ID of another form than Nielsen's (lower case,
    cut short), an `aid` no key names Piano's."""
    markup = """<script>var pm_pub_id = "abc"; oz_site = "news/sport";
var _SIMPLE_REACH_PID="000000000000000000000000"; var addthis_pub = "YOUR-ACCOUNT-ID";</script>
<script src="http://ads.pubmatic.com/AdServer/js/gshowad.js"></script>
<script src="http://tap-cdn.rubiconproject.com/partner/scripts/rubicon/dorothy.js"></script>
<script src="http://simple-cdn.s3.amazonaws.com/js/reach.js"></script>
<script src="http://s7.addthis.com/js/300/other_widget.js?ver=1#pubid=ra-5a0b1c2d3e4f5061"></script>
<script src="http://us-ads.openx.net/w/1.0/jstag"></script><img src="/w/1.0/page?auid=123456">
<img src="//in.getclicky.com/pixel.gif?site=87654321">
<img src="https://analytics.twitter.com/i/adsct?p_id=Twitter&amp;txn_id=toolongid">
<div data-rsid="cityheraldprod"></div><script>if (window.AppMeasurement == null) { x = 1; }
var s = {}; s.account = "cityheraldprod";</script>
<script>var app = {apid: "p1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", rapid: "P1A2B3C4D-5E6F"};
var cfg = {my_piano_aid_url: "x", aid: "qR7sT1uV3w"};</script>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    kinds = {i.kind for i in page.ids}
    assert not kinds & {"pubmatic-publisher", "rubicon-account", "rubicon-site",
                        "simplereach-pid", "addthis-publisher", "openx-auid", "clicky-site",
                        "twitter-pixel", "adobe-report-suite", "nielsen-apid", "piano-aid"}


def test_counter_and_share_ids_need_their_own_form(project_engine: Engine,
                                                   catalogue: Catalogue) -> None:
    """A StatCounter code left unfilled or a version number, a counter image off its
    project/0/security form, and a property of another length name no project or property."""
    markup = """<script>var sc_project=YOUR_PROJECT; var sc_project_v = 2.5;
sc_project=1.25;</script>
<script src="https://www.statcounter.com/counter/counter.js"></script>
<img src="https://c.statcounter.com/t.php?sc_project=7654321&amp;java=1" width="1" height="1">
<script src="//platform-api.sharethis.com/js/sharethis.js#property=5a1b2c3d&amp;product=x">
</script>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert not {i.kind for i in page.ids} & {"statcounter-project", "sharethis-property"}


def _page(markup: str, project_engine: Engine, catalogue: Catalogue) -> PageReport:
    (page,) = audit(markup.encode(), url="https://news.test/a", engine=project_engine,
                    catalogue=catalogue).pages
    return page


def test_tracker_config_ids_need_their_vendors_own_form(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    """nugg.ad's call on a look-alike host, an AddThis profile left as its placeholder, a
    `site` outside AT Internet's config call, and the tags quoted in a <pre> name no ID."""
    markup = """<script src="//harbour.nuggad.net.evil.test/rc?nuggn=1234567890&amp;nuggsid=98765">
</script><script>var addthis_config = { username: 'YOUR-USERNAME' };
var cfg = {site: 612345, log: "logc207"}; new ATInternet.Tracker.Page(cfg);</script>
<script src="https://s7.addthis.com/js/300/addthis_widget.js"></script>
<script src="//tag.aticdn.net/smarttag.js"></script>
<pre>_Hasync.push(['Histats.start', '1,4412345,4,0,0,0,00010000']); tag.setBpId("cityherald");
new ATInternet.Tracker.Tag({site: 612345});</pre>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert not {i.kind for i in page.ids} & {"nuggad-network", "nuggad-site", "addthis-publisher",
                                            "at-internet-site", "histats-site",
                                            "neustar-bpid"}


@pytest.mark.parametrize("config", [
    # AddThis' profile ID left as its placeholder, in its `ra-` form
    "var addthis_config = { pubid: 'ra-XXXXXXXXXXXXXXXX' };",
    "var addthis_config = { pubid: 'ra-YOUR-PROFILE-ID' };",
    "var addthis_config = { \"pubid\": \"xa-yourpubid\" };",
    # Neustar's callback with its partner ID left as the placeholder
    'function setUpAgknTag(tag) { tag.setBpId("YOUR_BP_ID"); }',
    'function setUpAgknTag(tag) { tag.setBpId("xxxxxx"); }',
], ids=["ra-xxxx", "ra-your", "xa-your", "bpid your", "bpid xxxx"])
def test_tracker_config_placeholders_name_no_id(config: str, project_engine: Engine,
                                                catalogue: Catalogue) -> None:
    """A snippet copied with its placeholder left in names no account."""
    markup = (f"<script>{config}</script>\n<script src=\"https://s7.addthis.com/js/300/"
              "addthis_widget.js\"></script><script src=\"//js.agkn.com/prod/v0/tag.js\">"
              "</script>")
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert not {i.kind for i in page.ids} & {"addthis-publisher", "neustar-bpid"}


def test_counter_sites_are_read_on_their_vendors_hosts_alone(project_engine: Engine,
                                                            catalogue: Catalogue) -> None:
    """Chart.dk's, Site Meter's and PaidStats' URLs on a look-alike host, a `track_visitor`
    call where no Chart.dk code runs, and the tags quoted in a tutorial's <pre> name no
    vendor and no site."""
    markup = """<script>function track_visitor(n, s) {} track_visitor(48213, '');</script>
<img src="http://cluster.chart.dk.stats-mirror.test/chart.asp?id=48213" width="1" height="1">
<img src="http://notchart.dk/chart.asp?id=48214" width="1" height="1">
<script src="http://sm7.sitemeter.com.evil.test/js/counter.js?site=sm7harbourblog"></script>
<img src="http://counter.test/meter.asp?site=sm7harbourblog&amp;from=sitemeter.com">
<img src="http://paidstats.com.evil.test/cgi/stats.pl?site=harbourpics" width="1" height="1">
<pre>&lt;script src="http://sm7.sitemeter.com/js/counter.js?site=sm7quoted"&gt;&lt;/script&gt;
&lt;img src="http://cluster.chart.dk/chart.asp?id=48299"&gt;</pre>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert not {n.network for n in page.networks} & {"Chart.dk", "Site Meter", "PaidStats"}
    assert not {i.kind for i in page.ids} & {"chartdk-site", "sitemeter-site",
                                             "paidstats-site"}


def test_gpt_path_without_its_leading_slash(project_engine: Engine, catalogue: Catalogue) -> None:
    """GPT takes `defineSlot("5512345/News/Top", …)`: the network code and the unit path."""
    page = _page("""<html><head><script src="//www.googletagservices.com/tag/js/gpt.js"></script>
<script>googletag.cmd.push(function() {
  googletag.defineSlot("5512345/News/Top", [728, 90], "div-gpt-ad-top")
    .addService(googletag.pubads());
});</script></head><body><p>Story.</p>
<div id="div-gpt-ad-top"><script>
googletag.cmd.push(function(){googletag.display("div-gpt-ad-top");});</script></div>
</body></html>""", project_engine, catalogue)
    assert {("gpt-network", "5512345"), ("gpt-slot", "5512345/News/Top")} <= {
        (i.kind, i.value) for i in page.ids}
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Google Publisher Tag", "5512345/News/Top")]


def test_cn_dart_one_ad_call_positions_are_its_slots(project_engine: Engine,
                                                     catalogue: Catalogue) -> None:
    """CN.dart's single-request form names every position in one object; each position
    whose frame the page holds is a slot, and one without a frame is none."""
    page = _page("""<html><head><script>
CN.dart.init({ adUnits: { unit1: 'mag.dart' }, useOneAdCall : true });
CN.dart.oneAdCall({'header': {sz:'728x90', kws:["top"]}, 'rail': {sz:'300x250'},
  'gone': {sz:'160x600'}});
</script></head><body><div id="header728x90_frame" class="displayAd"></div>
<p>Story.</p><div id="rail300x250_frame" class="displayAd"></div></body></html>""",
                 project_engine, catalogue)
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (5, "Condé Nast CN.dart", "header"), (6, "Condé Nast CN.dart", "rail")]


def test_a_position_object_without_cn_darts_call_is_no_slot(project_engine: Engine,
                                                            catalogue: Catalogue) -> None:
    """An object of positions with `sz` sizes is CN.dart's only where the page makes the
    call: a site's own size table beside a frame of the same name names no CN.dart."""
    page = _page("""<html><head><script>
var adSizes = {'header': {sz: '728x90', label: 'Top'}, 'rail': {sz: '300x250'}};
</script></head><body><div id="header728x90_frame" class="box"></div>
<p>Story.</p><div id="rail300x250_frame" class="box"></div></body></html>""",
                 project_engine, catalogue)
    assert "Condé Nast CN.dart" not in {n.network for n in page.networks}
    assert [s for s in page.slots if s.network == "Condé Nast CN.dart"] == []


def test_aol_placement_in_an_argument_array(project_engine: Engine,
                                            catalogue: Catalogue) -> None:
    """AOL's adsWrapper call with its arguments in an array: the magic number is the
    placement, the script's div the slot."""
    page = _page("""<html><head><script src="http://o.aolcdn.com/ads/adsWrapper.js"></script>
</head><body><div id="ad_rr" class="ad_wrapper_"><script>
var adId = '93412345';
adSetInView('D');

var args = [adId, 'RR', 'RR'
, 'f'];
if (typeof debugadcode == 'function') { debugadcode('AdTech', {args: args}); }
htmlAdWH.apply(this, args);
</script></div><p>Story.</p></body></html>""", project_engine, catalogue)
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Yahoo SSP (Verizon Media, ONE by AOL)", "93412345")]


def test_aol_placement_sized_by_the_sites_code(project_engine: Engine,
                                               catalogue: Catalogue) -> None:
    """adsWrapper's `htmlAdWH(m, w, h, t, dv)` takes any value for the size: a site's code
    passes the breakpoint's own (`ads.width()`), and its `htmlAdWHDyn` passes '' (the sizes
    in a later argument); the magic number is still the placement, `dv` the div it fills."""
    page = _page("""<html><head><script src="http://o.aolcdn.com/ads/adsWrapper.js"></script>
</head><body><div class="top-mobile"><div id="adsDiv7a1c" class="m-center"></div>
<script>
if (site.mobile()) {
  window.htmlAdWH('93401234', site.ads.width(), site.ads.height(), 'f', 'adsDiv7a1c');
}
</script></div><p>Story.</p><div id="adsDiv9b2e"></div>
<script>htmlAdWH('93405678', '', '', 'ajax', 'adsDiv9b2e');</script></body></html>""",
                 project_engine, catalogue)
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (2, "Yahoo SSP (Verizon Media, ONE by AOL)", "93401234"),
        (7, "Yahoo SSP (Verizon Media, ONE by AOL)", "93405678")]


def test_dianomi_units_by_its_tag_and_by_its_name(engine: Engine,
                                                  catalogue: Catalogue) -> None:
    """Dianomi's context feed box is its unit, the context its zone; a box a site's own code
    fills with Dianomi's feed (`div.dianomi-ad` in a rail box EasyList hides, the site's
    `site.dianomi.init()` after it, no loader of Dianomi's on the page) is Dianomi's, by
    the name opening its class, as a Taboola or Outbrain box is theirs."""
    page = _page("""<html><head><title>t</title></head><body><p>Story text.</p>
<div class="dianomi_context" data-dianomi-context-id="5120"></div>
<script src="https://www.dianomi.com/js/contextfeed.js" id="dianomi_context_script"></script>
</body></html>""", engine, catalogue)
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [(2, "Dianomi", "5120")]
    page = _page("""<html><head><title>t</title></head><body><p>Story text.</p>
<div class="right-ad">
  <div class="dianomi-ad"></div>
  <script>site.dianomi.init('US');</script>
</div></body></html>""", engine, catalogue)
    assert [(s.line, s.network) for s in page.slots] == [(2, "Dianomi")]


def test_adsonar_unit_written_with_joined_strings(project_engine: Engine,
                                                  catalogue: Catalogue) -> None:
    """An AdSonar unit written by document.write joins its numbers into the string."""
    page = _page("""<html><body><div class="unit"><script>
document.write('<s'+'cript>adsonar_placementId='+1600123+';adsonar_pid='+2400456+\
';adsonar_zw='+300+';adsonar_zh='+250+';</s'+'cript><s'+'cript \
src="http://js.adsonar.com/js/adsonar.js"></s'+'cript>')
</script></div><p>Story.</p></body></html>""", project_engine, catalogue)
    assert [(s.network, s.zone_id) for s in page.slots] == [("AdSonar (AOL)", "1600123")]
    assert ("adsonar-publisher", "2400456") in {(i.kind, i.value) for i in page.ids}


def test_legacy_tag_forms_are_read_in_linear_time() -> None:
    """The array-argument AOL call, CN.dart's one-call positions and AdSonar's joined
    strings, each repeated without the part that completes it (the regexes' worst case)."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        aol = "var adId = '93412345'; var args = [adId, 'RR', 'RR'; " * (n // 60)
        dart = "'p': {sz:'300x250'" * (n // 20)
        sonar = "adsonar_placementId='+1600123+';adsonar_zw='+" * (n // 50)
        return audit_seconds(f"<html><body><script>{aol} htmlAdWH.apply(this, x);</script>"
                             f"<script>CN.dart.oneAdCall({{{dart}</script>"
                             f"<script>{sonar}</script></body></html>")

    assert_linear(seconds, 40_000, "legacy tag forms")


def test_a_built_path_no_slot_call_takes_names_no_gpt_network(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """Only the name a defineSlot call takes gives its path's network code: a site's other
    paths built alike (an archive's `/2014/12/` + slug) are no ad unit's."""
    markup = """<script async src="https://www.googletagservices.com/tag/js/gpt.js"></script>
<script>archive.base = "/2014/12/" + slug; var feed = "/2015/feeds/" + section;
googletag.cmd.push(function () { googletag.defineSlot(unitFor(section), [300, 250], "ad-1"); });
</script>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert not [i for i in page.ids if i.kind == "gpt-network"]


@pytest.mark.parametrize("assigned", [
    "var CXID = 'harbour-news';",  # not a Cxense site's form
    "var CXID = '1133557799224466880'; if (beta) { CXID = '2244668800113355779'; }",  # two
    "",  # never assigned
])
def test_a_variable_hands_over_only_one_id_of_its_form(
        assigned: str, project_engine: Engine, catalogue: Catalogue) -> None:
    markup = f"""<script>{assigned}
var cX = cX || {{}}; cX.callQueue = cX.callQueue || [];
cX.callQueue.push(['setSiteId', CXID]);</script><script src="//scdn.cxense.com/cx.js"></script>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert not [i for i in page.ids if i.kind == "cxense-site"]


ADSONAR_WRAPPER = """<div id="ad_mid" class="ad_wrapper"><script type="text/javascript">
  NewsAds.adSonar("1623912", "2454767", "300", "250");
</script></div>
<div id="ad_below"><script>document.referrer.match("portal.test")
? NewsAds.adSonar(1617268, 2359768, 580, 275)
: NewsAds.adSonar(1615622, 2359768, 580, 275);</script></div>
<script>function adSonarLike(a) { return a; } adSonarLike(12345);</script>"""


def test_a_sites_adsonar_function_is_the_unit_it_writes(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    """A site's own function named for AdSonar and handed the tag's variables in order
    (placement, publisher, width, height) is an AdSonar unit; a script choosing one of
    two by its referrer is one unit naming both placements."""
    (page,) = audit(PAGE.format(ADSONAR_WRAPPER).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert [(s.line, s.network, s.zone_id, s.width)
            for s in page.slots] == [(2, "AdSonar (AOL)", "1623912", 300),
                                     (5, "AdSonar (AOL)", "1617268", 580)]
    assert {(i.kind, i.value) for i in page.ids} == {
        ("adsonar-placement", "1623912"), ("adsonar-placement", "1617268"),
        ("adsonar-placement", "1615622")}


SITE_LOADER_UNITS = """<html><head>
<script src="https://www.googletagservices.com/tag/js/gpt.js" async></script>
<script>
window.onload = function () { news.ads.load([
  { name : '/5551234/News-Top', id : 'top-banner', sizes : [[728, 90], [970, 90]] },
  { "name": "/5551234/News-Rail", "id": "side-box", "sizes": [[300, 250]] },
  { name : '/5551234/News-Gone', id : 'no-such-div', sizes : [[300, 600]] }
]); };
</script></head><body>
<div class="masthead" id="top-banner"></div>
<p>Story text.</p>
<div class="rail" id="side-box"></div>
</body></html>"""


def test_gpt_units_handed_to_a_sites_loader_as_objects(project_engine: Engine,
                                                       catalogue: Catalogue) -> None:
    """A site's loader round GPT given `{name: path, id: div, sizes}` objects: each div
    the page holds is a GPT slot with its path; a unit whose div is missing is no slot,
    but its path and network code are still the page's IDs."""
    page = _page(SITE_LOADER_UNITS, project_engine, catalogue)
    assert [(s.line, s.network, s.zone_id) for s in page.slots] == [
        (10, "Google Publisher Tag", "/5551234/News-Top"),
        (12, "Google Publisher Tag", "/5551234/News-Rail")]
    assert {("gpt-network", "5551234"), ("gpt-slot", "/5551234/News-Top"),
            ("gpt-slot", "/5551234/News-Rail"), ("gpt-slot", "/5551234/News-Gone")} <= {
        (i.kind, i.value) for i in page.ids}


def test_a_name_id_object_without_an_ad_unit_path_is_no_slot(project_engine: Engine,
                                                             catalogue: Catalogue) -> None:
    """The object's name must be GPT's ad-unit path (`/<network code>/<unit>`): a
    site's menu of `{name: '/about', id: 'nav'}` entries names no ad."""
    page = _page("""<html><head><script>
site.menu([{ name : '/about/team', id : 'nav-team', sizes : [[1, 1]] }]);
</script></head><body><div id="nav-team"></div><p>Story.</p></body></html>""",
                 project_engine, catalogue)
    assert page.slots == ()
    assert "Google Publisher Tag" not in {n.network for n in page.networks}


def test_gpt_unit_objects_are_read_in_linear_time() -> None:
    """Unit objects cut off before their sizes close (the pattern's worst case)."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        units = "{ name : '/5551234/a', id : 'x', sizes : [[300, 250], [" * (n // 55)
        return audit_seconds(f"<html><body><script>load([{units}</script></body></html>")

    assert_linear(seconds, 40_000, "GPT unit objects")


OZ_TAG_IN_BOX = """<html><head><script src="/static/site.js"></script></head><body>
<div id="topSlot" class="ad">
  <script>
    oz_api = SITE.rubicon.apiName;
    oz_site = SITE.rubicon.site;
    oz_zone = SITE.rubicon.getZone('topSlot');
    oz_ad_slot_size = SITE.rubicon.getAdSize('topSlot');
    SITE.rubicon.callApi('topSlot');
  </script>
</div>
<p>Story text.</p>
</body></html>"""


def test_rubicon_oz_tag_in_a_box_names_the_box(catalogue: Catalogue) -> None:
    """Rubicon's legacy oz globals set in a hidden ad box's own script, the loader's host
    built by a site helper: Magnite is on the page and the box is its unit."""
    (page,) = audit(OZ_TAG_IN_BOX.encode(), url="https://news.test/a",
                    engine=Engine.from_text("##.ad\n", name="t"), catalogue=catalogue).pages
    assert "Magnite (Rubicon Project)" in {n.network for n in page.networks}
    assert [(s.line, s.network) for s in page.slots] == [(2, "Magnite (Rubicon Project)")]


def test_rubicon_oz_globals_outside_a_box_and_a_lone_variable(catalogue: Catalogue) -> None:
    """The oz globals in the head (a valuation call before the ad server's) name Magnite
    but no placement; a site's lone `oz_site` variable names no one."""
    engine = Engine.from_text("##.ad\n", name="t")
    head = OZ_TAG_IN_BOX.replace('<div id="topSlot" class="ad">', "<div>")
    (page,) = audit(head.encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert "Magnite (Rubicon Project)" in {n.network for n in page.networks}
    assert page.slots == ()
    lone = """<html><body><div class="ad"><script>var oz_site = "news/sport";
render(oz_site);</script></div><p>Story.</p></body></html>"""
    (page,) = audit(lone.encode(), url="https://news.test/a", engine=engine,
                    catalogue=catalogue).pages
    assert "Magnite (Rubicon Project)" not in {n.network for n in page.networks}
    assert [s.network for s in page.slots] == [None]


def test_box_scripts_and_oz_globals_are_read_in_linear_time() -> None:
    """Hidden boxes nested, each with a script of half an oz tag, and one script of
    oz globals never closed by a `;` (the signature's worst case)."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        box = '<div class="ad"><script>oz_site = x</script><div class="ad"><p>t</p></div></div>'
        nested = box * (n // 90)
        globals_ = "oz_zone = aaaa oz_site = bbbb " * (n // 30)
        return audit_seconds(f"<html><body>{nested}<script>{globals_}</script></body></html>",
                             "##.ad\n")

    assert_linear(seconds, 40_000, "oz tag in boxes")


def test_a_box_holding_an_analytics_or_bidding_script_is_not_that_vendors_unit(
        catalogue: Catalogue) -> None:
    """A hidden ad box whose own script is an analytics snippet (`gtag('config', …)`,
    Matomo's `_paq`) or a header bidder's call (Prebid.js's `pbjs.que`, Amazon's
    `apstag.init`) is no unit of that vendor: neither fills the box. An ad network's tag
    in it still names it."""
    head = ("<script async src='https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9'>"
            "</script><script async src='https://c.amazon-adsystem.com/aax2/apstag.js'>"
            "</script><script async src='/static/prebid.js'></script>")
    boxes = [
        "gtag('config', 'G-ABC123XYZ9');",
        "_paq.push(['setTrackerUrl', 'https://stats.example.org/matomo.php']);"
        " _paq.push(['setSiteId', '3']);",
        "pbjs.que.push(function() { pbjs.setConfig({priceGranularity: 'medium'}); });",
        "apstag.init({pubID: '3287', adServer: 'googletag'});",
        'oz_api = "valuation"; oz_site = "1234/5678"; oz_zone = "9999";',
    ]
    html = (f"<html><head><title>t</title>{head}</head><body>\n"
            + "\n".join(f'<div class="ad"><script>{code}</script></div>' for code in boxes)
            + "\n<p>Story text.</p></body></html>")
    (page,) = audit(html.encode(), url="https://news.test/a",
                    engine=Engine.from_text("##.ad\n", name="t"), catalogue=catalogue).pages
    assert [s.network for s in page.slots] == [
        None, None, None, None, "Magnite (Rubicon Project)"]


@pytest.mark.parametrize("markup", [
    # a site's promo image kept under a key named for the ad, in a dated folder
    """<script>var promo = {adPath: '/2019/banners/top.jpg', link: '/offers'};</script>""",
    """<div id="div-gpt-ad-promo" data-ad-path="/2018/06/house-ad.png"></div>""",
    # an archive page's URL a site's script keeps in a variable one of its functions hands
    # to its own defineSlot wrapper's namesake elsewhere: a file is no ad-unit path
    """<script src="//www.googletagservices.com/tag/js/gpt.js"></script>
<script>var u = "/2019/06/story.html"; track(u);
function f(u) { googletag.defineSlot(u, [728, 90], "ad"); } f(window.unit);</script>""",
])
def test_a_file_path_under_a_dated_folder_is_no_gpt_unit_path(
        markup: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """A GAM ad-unit path names units, never a file: `/2019/…/top.jpg` (a year's folder
    where the network code would be) names no GPT network code nor unit path, and no GPT
    on a page that never loads it."""
    page = _page(PAGE.format(markup), project_engine, catalogue)
    assert not [i for i in page.ids if i.kind in {"gpt-network", "gpt-slot"}]
    if "gpt" not in markup:
        assert "Google Publisher Tag" not in {n.network for n in page.networks}


@pytest.mark.parametrize("markup", [
    # an Australian site's own globals, an `oz_` prefix for its region's settings
    """<script>oz_site = 'sydney'; oz_zone = 'AEST'; render(oz_site, oz_zone);</script>""",
    """<script>window.oz_zone = 'Australia/Sydney'; window.oz_site = 'au-news';</script>""",
])
def test_oz_globals_of_words_name_no_magnite(markup: str, project_engine: Engine,
                                             catalogue: Catalogue) -> None:
    """Rubicon's oz tag sets its globals to its own values (`"valuation"`, `"7701/88123"`,
    a zone's number, a `728x90` size) or a site helper's (`SITE.rubicon.site`): a site's
    globals of words with the same prefix name no Magnite."""
    page = _page(PAGE.format(markup), project_engine, catalogue)
    assert "Magnite (Rubicon Project)" not in {n.network for n in page.networks}


def test_requirejs_module_lists_are_read_in_bounded_time() -> None:
    """A page of module loader calls whose lists never name `s_code` (a bundle's thousands of
    `require(['x', …` calls, never closed) is read item by item, not char by char up to 600
    from each call: 5.6 MB in well under the hostile-input bound (491d44d: over 10 s)."""
    from tests.hostile.scaling import assert_linear, audit_seconds

    def seconds(n: int) -> float:
        calls = "require(['x', " * n
        return audit_seconds(f"<html><body><script>{calls}</script></body></html>")

    assert_linear(seconds, 100_000, "requirejs module lists")


@pytest.mark.parametrize("call", [
    'requirejs(["jquery", "s_code"], function ($, s) { s.t(); });',
    "require([ 'lib/analytics/s_code_harbour' ], function (s) { s.t(); });",
    'require(["jquery", helpers.path, "s_code"], function ($, h, s) { s.t(); });',
])
def test_adobe_h_code_asked_for_as_a_module(call: str, project_engine: Engine,
                                           catalogue: Catalogue) -> None:
    page = _page(PAGE.format(f'<script src="/js/require.js"></script><script>{call}</script>'),
                 project_engine, catalogue)
    assert "Adobe Experience Platform" in {n.network for n in page.networks}


@pytest.mark.parametrize("config", [
    # a responsive gallery's pictures as {path, id, sizes} objects, in either order
    """var gallery = [{path: '/2019/05/harbour-night.jpg', id: 'photo-1', sizes: [[800, 600],
[400, 300]]}, {path: '/2019/05/harbour-day.jpg', sizes: [[800, 600]], id: 'photo-2'}];""",
    # and keyed by the picture's element
    """var g = {"photo-1": {"path": "/2019/05/harbour-night.jpg", "sizes": [[800, 600]]},
"photo-2": {"path": "/2019/05/harbour-day.png", "sizes": [[400, 300]]}};""",
])
def test_a_gallery_of_pictures_in_dated_folders_is_no_gpt_unit(
        config: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """GPT wrappers' unit objects ({unit path, div, sizes}; {div: {unit path, sizes}}) have
    a gallery's shape: a picture's file under a year's folder is no ad-unit path, so its
    element is no GPT unit and the page names no GPT."""
    page = _page(PAGE.format(f'<div id="photo-1"></div><div id="photo-2"></div>'
                             f"<script>{config}</script>"), project_engine, catalogue)
    assert page.slots == ()
    assert "Google Publisher Tag" not in {n.network for n in page.networks}
    assert not [i for i in page.ids if i.kind in {"gpt-network", "gpt-slot"}]


def _adcall(key: str, magic: str, width: str, height: str) -> str:
    """An AOL adsWrapper placement as its templates write it: the htmlAdWH call as data."""
    data = (f'{{"{key}":{{"adSetType":"F","htmlAdWH":{{"mn":{magic},"sizes":{{"w":"{width}",'
            f'"h":"{height}"}},"type":"f"}}}}}}').replace('"', "&quot;")
    return f'<div id="ad_{key}" data-aol-adcall="{data}"></div>'


def test_aol_adcall_divs_are_its_placements(project_engine: Engine, catalogue: Catalogue) -> None:
    """AOL's adsWrapper fills each `div[data-aol-adcall]` with the htmlAdWH call its JSON
    holds (Engadget's template): a placement, its magic number the zone, loader or none."""
    page = _page(PAGE.format(
        '<script src="https://o.aolcdn.com/ads/adsWrapper.min.js"></script>'
        + _adcall("s", "11112222", "728", "90") + "<p>More.</p>"
        + _adcall("tl", "33334444", "RR", "RR")), project_engine, catalogue)
    assert [(s.network, s.zone_id) for s in page.slots] == [
        ("Yahoo SSP (Verizon Media, ONE by AOL)", "11112222"),
        ("Yahoo SSP (Verizon Media, ONE by AOL)", "33334444")]


def test_a_rendered_media_net_unit_is_its_slot(project_engine: Engine,
                                               catalogue: Catalogue) -> None:
    """A DOM save keeps what Media.net's loadTag rendered, not the call: `div#<crid>`
    holding `iframe#_mN_dy_<crid>`, a slot with its crid; its 0x0 beacons frame is none."""
    page = _page(PAGE.format(
        '<script src="https://contextual.media.net/dmedianet.js?cid=8CU123456" async></script>'
        '<iframe id="_mN_beacons" width="0" height="0" style="display:none"></iframe>'
        '<div id="123456789"><iframe id="_mN_dy_123456789" width="100%" height="290" '
        'scrolling="no" frameborder="0"></iframe></div>'), project_engine, catalogue)
    assert [(s.network, s.zone_id) for s in page.slots] == [("Media.net", "123456789")]
    assert ("medianet-slot", "123456789") in {(i.kind, i.value) for i in page.ids}


@pytest.mark.parametrize("markup", [
    '<div id="123456789"><iframe id="_mN_dy_123456789" '
    'src="https://cdn-stat.kitbridge.example/f.html" width="1" height="1" '
    'style="display:none"></iframe></div>',
    _adcall("s", "11112222", "728", "90").replace(
        "></div>", '><iframe src="https://cdn-stat.kitbridge.example/f.html" width="300" '
        'height="250"></iframe></div>'),
], ids=["a media.net frame id", "an aol adcall div"])
def test_an_unknown_hosts_frame_in_a_vendors_markup_is_no_unit_of_its(
        markup: str, project_engine: Engine, catalogue: Catalogue) -> None:
    """A vendor renders its unit in a frame it writes, or of its own or a known ad
    company's host: a frame of a host no one the catalogue knows runs, in Media.net's
    frame id or AOL's adcall div, is an injected frame wearing the vendor's name (named
    Media.net and AOL, with the markup's zone as their ID)."""
    page = _page(PAGE.format(
        '<script src="https://contextual.media.net/dmedianet.js?cid=8CU123456" async></script>'
        '<script src="https://o.aolcdn.com/ads/adsWrapper.min.js"></script>' + markup),
        project_engine, catalogue)
    assert [s.network for s in page.slots] == [None], page.slots
    assert not {i.kind for i in page.ids} & {"medianet-slot", "aol-placement"}, page.ids


_KIXER = """<div id="__kx_ad_{slot}"></div>
<script>var __kx_ad_slots = __kx_ad_slots || [];
(function () {{ var slot = {slot}; __kx_ad_slots.push(slot);
if (typeof __kx_ad_start == 'function') {{ __kx_ad_start(); }} else {{
var s = document.createElement('script'); s.async = true;
s.src = 'http://cdn.kixer.com/ad/load.js'; s.onload = function () {{ __kx_ad_start(); }};
document.getElementsByTagName('head')[0].appendChild(s); }} }})();</script>"""


def test_kixers_unit_div_is_its_slot(project_engine: Engine, catalogue: Catalogue) -> None:
    """Kixer's snippet leaves `div#__kx_ad_<slot>` (AMP's integration makes the same div)
    and pushes the slot number its load.js fills it for: the div is Kixer's unit."""
    page = _page(PAGE.format(_KIXER.format(slot=178)), project_engine, catalogue)
    assert [(s.network, s.zone_id) for s in page.slots] == [("Kixer", "178")]


def test_a_kixer_shaped_div_without_kixers_code_is_no_unit(project_engine: Engine,
                                                           catalogue: Catalogue) -> None:
    """The id alone, on a page running no Kixer code, names no vendor's unit."""
    page = _page(PAGE.format('<div id="__kx_ad_178"></div>'), project_engine, catalogue)
    assert [s for s in page.slots if s.network == "Kixer"] == []


_LD_ARTICLE = """<script type="application/ld+json">{{"@context": "https://schema.org",
"@type": "NewsArticle", "headline": "How we measure readers", "articleBody": "Our tag sets
{} in its config, as the vendor's guide shows."}}</script>"""


@pytest.mark.parametrize("quoted", [
    "PIANO_AID: 'qR7sT1uV3w'",
    "googleAnalyticsId: 'UA-4455667-12'",
    "apid: 'P1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D'",
])
def test_a_config_quoted_in_an_articles_structured_data_names_no_id(
        project_engine: Engine, catalogue: Catalogue, quoted: str) -> None:
    """JSON-LD describes the page for search engines (schema.org): an article's body text
    in it quoting a vendor's config is prose, as the same words in a <p> are, and no
    vendor writes its config there. The same config in a script names its ID."""
    (page,) = audit(PAGE.format(_LD_ARTICLE.format(quoted)).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert not {i.value for i in page.ids}
    (page,) = audit(PAGE.format(f"<script>var cfg = {{{quoted}}};</script>").encode(),
                    url="https://news.test/a", engine=project_engine, catalogue=catalogue).pages
    assert {i.value for i in page.ids} == {quoted.split("'")[1]}


def test_data_platform_ids_are_read_on_their_vendors_hosts_alone(project_engine: Engine,
                                                                 catalogue: Catalogue) -> None:
    """1plusX's and Zeotap's URLs on a look-alike host, a `zdid` on another host, a path
    of no client's form, and the tags quoted in a tutorial's <pre> name no client and no
    data partner."""
    markup = """<script src="https://tagger.opecloud.com.evil.test/harbour/v2/tagger.js"></script>
<script src="https://tagger.notopecloud.com/harbour/v2/tagger.js"></script>
<script src="https://spl.zeotap.com.evil.test/mapper.js?zdid=812"></script>
<img src="https://pixel.test/mapper.gif?zdid=813&amp;from=zeotap.com" width="1" height="1">
<pre>&lt;script src="https://tagger.opecloud.com/quoted/v2/tagger.js"&gt;&lt;/script&gt;
&lt;script src="https://spl.zeotap.com/mapper.js?zdid=814"&gt;&lt;/script&gt;</pre>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert not {n.network for n in page.networks} & {"1plusX", "Zeotap"}
    assert not {i.kind for i in page.ids} & {"1plusx-client", "zeotap-zdid"}
    # the vendor's own host with no client in the path's place, or a zdid of words
    markup = """<script src="https://tagger.opecloud.com/v2/tagger.js"></script>
<script src="https://spl.zeotap.com/mapper.js?zdid=abc&amp;x=1"></script>"""
    (page,) = audit(PAGE.format(markup).encode(), url="https://news.test/a",
                    engine=project_engine, catalogue=catalogue).pages
    assert {"1plusX", "Zeotap"} <= {n.network for n in page.networks}
    assert not {i.kind for i in page.ids} & {"1plusx-client", "zeotap-zdid"}
