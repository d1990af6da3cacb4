"""Sneaky redirects: a meta refresh or a script that sends the visitor to another site.

Compromised pages redirect search visitors to spam; the target is off-site by
registrable domain (a redirect within the site is navigation). Decoded payloads are
read too, since `location.href = atob('…')` is the common disguise. A page that is
itself a link shortener's monetised wait (a safelink) is its own kind, `safelink-page`.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any, NamedTuple

from lxml import etree

from auditor.dom.deobfuscate import MAX_SCRIPT
from auditor.dom.hiding import hiding
from auditor.dom.inline_js import LinkClicks
from auditor.dom.page import UNPROMPTED_HANDLERS, ParsedPage, handlers_of
from auditor.dom.parser import (
    attributes_named,
    body_tag_line,
    line_of,
    re2_text_pattern,
)
from auditor.dom.scheme_urls import ADDRESS_MAX, assigned_address
from auditor.dom.walk import CLICKED_LINK, base_target, clicked_names, new_context, quoted_names
from auditor.heuristics.behaviour import COOKIE_WRITE
from auditor.heuristics.hidden import links_to, shown_beyond
from auditor.heuristics.interface import FindingKind, PageContext, finding, script_codes
from auditor.heuristics.markup import code_start, outside_markup
from auditor.lazy_re import lazy_regex
from auditor.model import Category, Finding, Severity
from auditor.rules.literal import (
    assigned_names,
    branch_matches,
    last_match,
    member,
    name_before,
)
from auditor.urls import (
    host_of,
    ip_address,
    is_third_party,
    registrable_domain,
    related_site,
    resolve,
    same_name,
    site_of,
    split_url,
)

_URL = r"""(['"`])((?:https?:)?//[^'"`\s]{3,""" + str(ADDRESS_MAX) + "})"
# `location(?<!\wlocation)` is `\blocation`, led by its literal: the regex engine skips
# ahead to a pattern's leading literal, and tries one led by `\b` at every position
# (3x slower over a page's scripts). `location` set or called, and `window.navigate`, are
# two patterns, each led by its word: as one alternation they opened with a set of first
# characters, tried at every `l` and `w` of the scripts (`_redirect_calls` merges them as
# its `finditer` took them); a match's address is its second group, or its fourth
_JS_REDIRECTS = (
    lazy_regex(r"location(?<!\wlocation)(?:(?:" + member("href") + r")?\s*=\s*" + _URL + r"\1"
               r"|" + member("replace|assign") + r"\s*\(\s*" + _URL + r"\3)"),
    lazy_regex(r"window(?<!\wwindow)\s*\.\s*navigate\s*\(\s*" + _URL + r"\1"),
)


def _redirect_calls(text: str) -> Iterator[re.Match[str]]:
    """`location` set or called and `window.navigate`, left to right, none overlapping."""
    return branch_matches(_JS_REDIRECTS, text)


# a name of the page's own window (or its document) as code writes it: what a redirect's
# `location`, a destructuring and a function's argument are read on
_WINDOW = r"(?:window|self|top|parent|globalThis|document)"
# a window's `location` set by its name in brackets or by `Reflect.set` (`window['location']
# = '…'`, `top["location"]["href"] = '…'`, `Reflect.set(window, 'location', '…')`): the
# same navigation, written so a `location =` search misses it
_BRACKET_REDIRECT = lazy_regex(
    r"""(?<![\w$.])(?:window|self|top|parent|globalThis|document|opener)\s*\[\s*['"]location"""
    r"""['"]\s*\](?:(?:""" + member("href") + r""")?\s*=(?![=>])\s*|"""
    + member("replace|assign") + r"\s*\(\s*)" + _URL + r"\1"
    + r"""|\bReflect\s*\.\s*set\s*\(\s*""" + _WINDOW + r"""\s*,"""
    r"""\s*['"]location['"]\s*,\s*""" + _URL.replace("\\1", "\\3") + r"\3"
    # `Object.assign(window, {location: '…'})`, `Object.assign(location, {href: '…'})`:
    # the window's location set as an object's key (a config's own object is none, and a
    # value's object before the key is passed whole: `{cfg: {a: 1}, location: '…'}`)
    r"""|\bObject\s*\.\s*assign\s*\(\s*(?:""" + _WINDOW
    + r"""\s*,\s*\{(?:[^{}]|\{[^{}]{0,300}\}){0,300}?(?<![\w$])['"]?location|(?:"""
    + _WINDOW + r"""\s*\.\s*)?location\s*,\s*\{[^{}]{0,300}?(?<![\w$])['"]?href)"""
    r"""['"]?\s*:\s*""" + _URL.replace("\\1", "\\5") + r"\5")
# what each match of `_BRACKET_REDIRECT` holds, searched first as that whole pattern, led
# by no literal, is slow over a bundle: its `['location']` (or else its `Reflect`), or the
# opening of its `Object.assign` (a bundle calls that on its own objects many times)
_BRACKETED_LOCATION = lazy_regex(r"""location['"]\s*\]""")
_ASSIGNS_WINDOW = lazy_regex(
    r"Object\s*\.\s*assign\s*\(\s*(?:window|self|top|parent|globalThis|document|location)")
# `a.href = '…'; … a.click()`: the script follows a link it made (the name is the
# object's, whose `.click()` is looked for after the assignment: `inline_js.LinkClicks`).
# Led by `.href`, the name read back from it (`name_before`): a pattern led by the name,
# `[\w$]+`, was tried at every position of a bundle (1.2 ms each on a few corpus pages)
_HREF_SET = lazy_regex(r"""\.\s*href\s*=\s*""" + _URL + r"\1")
# a name bound to a window's `location` (`var loc = window.location`, `l = location`), whose
# `href` set or `replace`/`assign` called navigates as `location`'s does
# (led by its `=`, the name read back from it: `name_before`; the `=` first, the character
# before it checked after, so that `re` skips ahead to it)
# (each step dotted or by its name in brackets, `window['location']`, `loc['href']`: `member`;
# a bracket left open, `window['location'` of `window['location']['href']`, binds nothing)
_LOCATION_ALIAS = lazy_regex(
    r"=(?<![=!<>]=)(?![=>])\s*(?:" + _WINDOW + member("location") + r"|location)"
    r"""(?![\w$'"]|\s*[.(\[])""")
_ALIAS_NAVIGATES = lazy_regex(
    member("href", led=True) + r"""\s*=(?![=>])\s*""" + _URL + r"\1"
    r"|" + member("replace|assign", led=True) + r"""\s*\(\s*"""
    + _URL.replace("\\1", "\\3") + r"\3")
# (each property dotted or by its name in brackets, `document['referrer']`: `member`)
_CLOAKING = lazy_regex(
    r"\b(?:document" + member("(referrer|cookie)")
    + "|navigator" + member("userAgent(?:Data)?|(webdriver)") + ")")
# an app's page on Apple's or Google's store (`itunes.apple.com/us/app/<name>/id123`,
# `apps.apple.com/app/id123`, `play.google.com/store/apps/details?id=com.example`): where
# a site sends tablets and phones, by a user-agent test, to its own app
_APP_STORE_PAGE = lazy_regex(
    r"https?://(?:itunes|apps)\.apple\.com/(?:[a-z]{2}/)?app/(?:[^/?#]+/)?id\d{5,12}(?![\w/])"
    r"|https?://play\.google\.com/store/apps/details\?(?:[^#]*&)?id=[A-Za-z][\w.]{2,150}",
    re.I)
# a name defined just before a read of where the visitor came from or what they carry,
# that another script then tests (`var fromSearch = /google/.test(document.referrer)`,
# `window.isBot = function(){return navigator.webdriver}`, `function seen(){…cookie…}`)
_DEFINED_NAME = lazy_regex(
    r"\bfunction\s+([A-Za-z_$][\w$]+)"
    r"|(?<![\w$.])(?:window\s*\.\s*)?([A-Za-z_$][\w$]+)\s*=(?![=>])")
# the browser's own names, which every redirect asks (`location = …` is no answer kept)
_BROWSER_NAMES = frozenset({"location", "document", "window", "navigator", "top", "self",
                            "parent", "name", "status", "opener", "history"})
_IDENTIFIER = lazy_regex(r"[A-Za-z_$][\w$]*")
# a name called, or a method of it (`isMobile.iOS()`, `isPhone()`): how a helper is asked
_CALLED = lazy_regex(r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?:\.\s*[A-Za-z_$][\w$]*\s*)?\(")
CLOAK_NAME_WINDOW = 200  # characters before such a read where the name it goes into sits
# an object's property set by the statement that holds the read (`cfg.fromSearch =
# /google|bing/.test(document.referrer)`): the object may be declared anywhere before, the
# property is the answer kept, named with its object (`link.href = document.referrer` is no
# answer a redirect's `location.href` asks)
_PROPERTY_SET = lazy_regex(
    r"""(?<![\w$.])([A-Za-z_$][\w$]*)\s*\.\s*([A-Za-z_$][\w$]+)\s*=(?![=>])""")
_PROPERTY = lazy_regex(r"""(?<![\w$.])([A-Za-z_$][\w$]*)\s*\.\s*([A-Za-z_$][\w$]+)""")
# the objects whose `location` is a window's: setting it navigates (`window.top.location`,
# `document.location`, `opener.location`, `document.defaultView.location`,
# `el.ownerDocument.location`); any other object's `location` is a property of its own
# (a sign-in config's `idp.location = "https://sso…"`)
_WINDOW_NAMES = frozenset({"window", "document", "top", "self", "parent", "opener",
                           "globalThis", "frames", "content", "defaultView",
                           "ownerDocument"})
# a name bound to a window, or to a name itself bound to one, by `=` or as an object's
# key (`var w = window.top`, `w = (self)`, `o = {w: window}`, `window.w = window`,
# `var p = window.open(…)`, `var w = x` where `x` is one), led by its `=` or `:`
_WINDOW_BINDING = lazy_regex(
    r"(?<![\w$])([A-Za-z_$][\w$]*)\s*[=:](?![=>])\s*\(?\s*([A-Za-z_$][\w$]*)"
    r"(?:\s*\.\s*(?:top|parent|self|opener|window|document|defaultView|globalThis))*"
    r"(?:\s*\.\s*open\s*\(|(?![\w$]|\s*[.(\[]))")
# its `=` or `:`, led by the sign (`assigned_names`: a pattern led by the name was tried at
# each character of a script)
_BINDING_SIGN = lazy_regex(r"[=:](?<=[\w$\s][=:])(?![=>])")
# names destructured from a window (`var {top: t, parent} = window`)
_WINDOW_DESTRUCTURED = lazy_regex(
    r"\{([^{}]{1,300})\}\s*=\s*" + _WINDOW + r"(?![\w$])")
# a window passed to a function (`(function(w, d){…})(window, document)`, `go(self)`): its
# parameters may be that window; jQuery's wrapping of one (`$(window).on(…)`) passes none.
# Its lookbehinds read after the `(` they stood before, so that `re` skips ahead to a `(`
# or `,` (led by them, it tried each character: 5.0 -> 1.3 ms over the corpus's two
# scripts, 212 KB)
_WINDOW_PASSED = lazy_regex(
    r"(?:\((?<!\$\()(?<!jQuery\()|,)\s*" + _WINDOW + r"\s*(?=[,)])")
# a function's parameters, whichever of them a passed window may be: `function f(w, d)`,
# `(w, d) =>`, and an arrow's one name (`w =>`, read before its `=>`, `_arrow_name`). Each
# form is sought by its literal (`function`, `(`, `=>`): as one regex's branches, led by
# `\b` and a lookbehind, `re` tried them at each character of a script (the corpus's two
# scripts handing a window, one of 126 KB: 21-26 ms, now 5-9)
_FUNCTION_PARAMETERS = lazy_regex(r"function(?<!\wfunction)(?!\w)\s*[\w$]*\s*\(([^()]{0,300})\)")
_ARROW_PARAMETERS = lazy_regex(r"\(([^()]{0,300})\)\s*=>")
# names destructured from a window's location (`const {location: l} = window`)
_LOCATION_KEY = lazy_regex(r"^\s*location\s*:\s*([A-Za-z_$][\w$]*)\s*(?:=|$)")
_LOCATION_KEYED = lazy_regex(r"location\s*:")  # what each `_LOCATION_KEY` holds
_BRACE = lazy_regex(r"[{}]")
# what leads a block: a function's head (`function f(a) {`, `function () {`), an arrow's
# (`=> {`), or neither (an `if`'s block, an object literal)
_FUNCTION_BLOCK = lazy_regex(r"(?:(\bnew\s+)?\bfunction\b\s*[\w$]*\s*\([^()]{0,300}\)|(=>)|"
                             r"(?<![\w$])([A-Za-z_$][\w$]*)\s*\([^()]{0,300}\)"
                             r"|\b(class)\b[^{};]{0,300})\s*\Z")
# the statements whose parenthesis leads a block of the code around it, no method's
_STATEMENTS = frozenset({"if", "for", "while", "switch", "catch", "with"})
# how a function expression is called where it is written: `(function(){…})()`,
# `(function(){…}())`, `!function(){…}()`; or with its caller's `this` (`.call(this)`)
_CALLED_BARE = lazy_regex(r"\s*\)?\s*\(")
_CALLED_WITH_THIS = lazy_regex(r"\s*\)\s*\.\s*(?:call|apply)\s*\(\s*this\s*[,)]")
_LED_AS_EXPRESSION = lazy_regex(r"(?:[(!+~-]|\bvoid)\s*\Z")
# a function handed to a timer (`setTimeout(function(){…}, 3000)`): the browser calls it with
# the window as its `this`, strict code's too
_TIMER_CALLBACK = lazy_regex(r"\bset(?:Timeout|Interval)\s*\(\s*\Z")
# a strict-mode directive: the first statement of a script or of a function's body, after
# spaces and comments (the words elsewhere, in a string or another function, are none)
_STRICT_DIRECTIVE = lazy_regex(
    r"""(?:\s|/\*(?:[^*]|\*(?!/)){0,2000}\*/|//[^\n]{0,2000}\n)*(['"])use strict\1""")
_STRICT_SCOPES = 64  # blocks walked out from a function to a directive making it strict
_HEAD_REACH = 320  # characters before a block its head is sought in
_THIS_SCOPES = 8  # blocks walked out from a `this.location` to the one binding its `this`
_TOP_THIS = 20  # `this.location`s a script's braces are counted for (each a scan of its prefix)
MAX_REDIRECTS = 50  # redirect statements judged per script (each is judged on its prefix)
CLOAK_WINDOW = 400  # characters before a redirect in which a guard counts as its condition
_ON_LOAD = UNPROMPTED_HANDLERS  # handlers that run without the visitor clicking


# what an age, consent, region or sign-in gate is called, in the address it sends the
# visitor to (`agechecker.net/gate`, `/age-verification`, `consent.`, `/login?next=`)
# and in the cookie it tests (`agegate=ok`, `age_verified`, `logged_in`, `geo_country`);
# led by no letter, so `page` and `agency` are none
_GATE_TARGET = lazy_regex(
    r"""(?<![a-z])(?:age[-_.]?(?:gate|check|verif|confirm|proof|control)|over[-_]?(?:18|21)"""
    r"""|legal[-_]?age|(?:cookie[-_]?)?consent|gdpr|geo[-_]?(?:gate|block|check|loc)"""
    r"""|region[-_]?(?:select|gate|check)|country[-_]?(?:select|gate|check)"""
    r"""|log[-_]?in|sign[-_]?in|sso(?![a-z])|o?auth(?![a-z]))""")
# (a sign-in cookie alone names no gate: skipping the signed-in is how an injection hides
# from the site's own editors, and the target must name the sign-in page)
_GATE_COOKIE = lazy_regex(
    r"""(?<![a-z])(?:age(?![a-z])|age[-_]?(?:gate|check|verif|confirm|ok|ver)|adult|over[-_]?(?:18|21)"""
    r"""|consent|gdpr|geo|region|country)""")
# a sign-in's cookie (`logged_in=`, `sso_session`), which names a gate only beside a
# target that names a sign-in page
_SIGN_IN_COOKIE = lazy_regex(
    r"""(?<![a-z])(?:logged[-_]?in|signed[-_]?in|log[-_]?in|sign[-_]?in|sso|o?auth|sess(?:ion)?"""
    r"""|token|member)""")
# a cookie set by a helper rather than `document.cookie =` (`setCookie('_v', 1, 1)`,
# js-cookie's `Cookies.set`, jQuery's `$.cookie(name, value)` or `jQuery.cookie`, its name
# quoted or a variable, the Cookie Store API's `cookieStore.set`): how "redirect once" kits
# write theirs too
_COOKIE_SETTER = lazy_regex(
    r"""(?<![\w$])(?:set_?cookie|create_?cookie|write_?cookie|add_?cookie)\s*\(|(?:Cookies?|"""
    r"""cookieStore)\s*\.\s*set\s*\(|(?<![\w$])(?:\$|jQuery)\s*\.\s*cookie\s*\(\s*(?:['"][^'"]{1,80}"""
    r"""['"]|[\w$.]{1,80})\s*,""", re.I)
# a CMS's own editors' cookies: a redirect for everyone without one spares the site's
# staff, the mark of an injection hiding from them (`wordpress_logged_in_…`, Joomla's and
# Drupal's session cookies are named by hash and not read)
_EDITORS_COOKIE = lazy_regex(r"""wordpress_(?:logged_in|sec)|wp-settings|wp_admin""")


def _gate(text: str, window: tuple[int, int], url: str) -> Severity | None:
    """How sure a cookie-guarded redirect is cloaking when it reads as an age, consent,
    region or sign-in gate: sending a visitor without the gate's cookie to the gate, which
    sets it once they pass (a brewery's age check, a paywall's sign-in). The classic
    injection sets its own cookie as it redirects (once per visitor, by `document.cookie`
    or a helper), and names no gate: None, it stays high. The target's address is read
    by its host and path, never its query (any tracking link can carry `?src=gdpr`), and
    a host a kit registers can be called `casino-login` as well: `low` when the target
    and the tested cookie both name a gate (a sign-in page's, a sign-in cookie), `medium`
    when one of them does; None when neither does."""
    start, at = window
    after = min(len(text), at + CLOAK_WINDOW)
    if COOKIE_WRITE.search(text, start, after) or _COOKIE_SETTER.search(text, start, after):
        return None  # redirect once, set a cookie: no gate sets its pass before it is passed
    if _EDITORS_COOKIE.search(text, start, at):
        return None  # everyone but the site's editors: hiding from them
    parts = split_url(url)
    if parts is None or ip_address(parts.hostname or ""):
        return None  # no gate service answers on a bare IP address
    target = bool(_GATE_TARGET.search(
        f"{parts.hostname or ''}{parts.path}".lower()))
    # the cookie's name, beside the test: `cookie.match(/agegate=ok/)`, `/age_ok/.test(
    # document.cookie)`
    tests = [text[max(start, m.start() - 40) : min(at, m.end() + 60)].lower()
             for m in _CLOAKING.finditer(text, start, at) if m.group(1) == "cookie"]
    cookie = any(_GATE_COOKIE.search(t) for t in tests)
    if target and (cookie or any(_SIGN_IN_COOKIE.search(t) for t in tests)):
        return Severity.LOW
    return Severity.MEDIUM if target or cookie else None


def _gate_backed(ctx: PageContext, url: str, code: str) -> bool:
    """Whether a gate's target is a service the site shows it uses, beyond the script
    sending visitors there: its site named elsewhere in the page (a sign-in link, the
    age-check vendor's script, a country switcher's link: `shown_beyond`), carrying the
    page's own name, or a vendor the catalogue files (a consent platform, an identity
    provider). A kit names its host and cookie as a gate's (`login.casino-x.example`,
    `logged_in`) and shows neither anywhere else."""
    host = host_of(url)
    # a consent platform, a social or a big platform's sign-in (`_known_service`)
    return (_known_service(ctx, host) is not None or related_site(host, ctx.first_party)
            or shown_beyond(ctx, registrable_domain(host), code))


def _offsite(url: str, ctx: PageContext) -> str | None:
    absolute = resolve(url, ctx.url)
    if absolute and is_third_party(host_of(absolute), ctx.first_party):
        if _same_owner(host_of(absolute), ctx):
            return None  # a site's mobile or country twin (example.de → example.mobi)
        return absolute
    return None


def _twins(ctx: PageContext) -> frozenset[str]:
    """The sites the page's `<head>` declares as its own language or regional versions
    (`<link rel="alternate" hreflang="de" href="https://example.de/">`): a language
    redirect to one, behind a test of the visitor's language or a cookie remembering
    their choice, is the site's navigation, not cloaking. A twin bears the page's name
    (example.com's example.de), or the set names the page's own site as well (each
    version lists itself, as Google asks of hreflang) and the page links the twin where
    a visitor sees it (its language switcher: `hidden.links_to`). One alternate naming
    another site, or a whole set listing the page beside a kit's landing page, is lines a
    kit adds unseen beside its redirect; a switcher's link to its landing page it does
    not show, and the set bought its redirect no finding at all."""
    if ctx.root is None:
        return frozenset()
    own = ctx.first_party or ""
    sites = {host_of(absolute) for link in _head_links(ctx)
             if link.get("hreflang") and "alternate" in (link.get("rel") or "").lower().split()
             and (absolute := resolve(link.get("href") or "", ctx.url))}
    listed_self = any(not is_third_party(host, own) for host in sites) if own else False
    return frozenset(registrable_domain(host) for host in sites
                     if same_name(host, own) or (listed_self and is_third_party(host, own)
                                                 and links_to(ctx, registrable_domain(host))))


# what a template prints in its `<head>`; and an element of the body's before the head's
# end (a plugin's `<div id="fb-root">`, a pixel's `<img>` outside `<noscript>`, GTM's frame)
_HEAD_TAGS = frozenset({"link", "meta", "script", "style", "noscript", "title", "base",
                        "template"})
_STRAY_BEFORE_HEAD_ENDS = 3


def _head_links(ctx: PageContext) -> list[etree._Element]:
    """The `<link>` elements the page's template prints in its `<head>`. An element of
    the body's in the head ends the head for the parser, as for a browser, and the links
    after it stand at the body's start: a WPML or Yoast hreflang set after a pixel's
    `<img>` or a plugin's `<div>` is still the head the template wrote (read only there,
    a multilingual site's own language redirect was a `high` cookie test). Those are the
    body's first children, head elements after at most a few stray ones, and come before
    the page's `<body>` tag; a link in the article or the footer is no declaration."""
    root = ctx.root
    if root is None:
        return []
    head = root.find("head")
    links = list(head.iter("link")) if head is not None else []
    body = root.find("body")
    if body is None:
        return links
    body_line = body_tag_line(ctx.document.text)
    stray, seen_head = 0, False
    for el in body:
        if not isinstance(el.tag, str):
            continue  # a comment
        tag = el.tag.lower()
        if tag not in _HEAD_TAGS:
            stray += 1
            if seen_head or stray > _STRAY_BEFORE_HEAD_ENDS:
                break  # the body's own content, after the head's last element
            continue
        seen_head = True
        if tag == "link" and (not body_line or line_of(el) <= body_line):
            links.append(el)
    return links


# where a page names its mobile version: Google's separate-URLs annotation
# (`<link rel="alternate" media="only screen and (max-width: 640px)" href>`) and Baidu's
# `<meta name="mobile-agent" content="format=html5;url=…">`
_MOBILE_MEDIA = lazy_regex(r"max-(?:device-)?width|handheld", re.I)
_MOBILE_AGENT_URL = lazy_regex(r"url\s*=\s*([^;\s]+)", re.I)


def _mobile_twins(ctx: PageContext) -> frozenset[str]:
    """The sites the page's `<head>` names as its mobile version (sina.com.cn's is
    sina.cn): sending a phone's browser there, by a test of the user agent, is the
    site's own navigation. Only a site bearing the page's own name counts: an injector
    writing into the theme's head can name its own doorway there as well."""
    if ctx.page is None or ctx.root is None:
        return frozenset()
    head = ctx.root.find("head")
    urls = [link.get("href") or "" for link in _head_links(ctx)
            if "alternate" in (link.get("rel") or "").lower().split()
            and _MOBILE_MEDIA.search(link.get("media") or "")]
    urls += [m.group(1) for meta in (head.iter("meta") if head is not None else ())
             if (meta.get("name") or "").strip().lower() == "mobile-agent"
             and (m := _MOBILE_AGENT_URL.search(meta.get("content") or ""))]
    return frozenset(registrable_domain(host) for url in urls
                     if (absolute := resolve(url.strip(), ctx.url))
                     and same_name(host := host_of(absolute), ctx.first_party or ""))


def _moved_to(ctx: PageContext) -> str | None:
    """The other site a page says it now lives on: the site of its one canonical link,
    in its `<head>`, when that is not the page's own. A moved page (a domain change, an
    archive's stub) declares its new address and sends visitors there; an injected
    redirect leaves the template's canonical, which names the page's own site, in place,
    and markup an injector adds after `</html>` or in a post body lands in `<body>`."""
    if ctx.root is None or not ctx.first_party:
        return None
    links = ctx.page.tagged("link") if ctx.page is not None else tuple(ctx.root.iter("link"))
    canonical = [link for link in links
                 if "canonical" in (link.get("rel") or "").lower().split()]
    if len(canonical) != 1 or not any(str(a.tag).lower() == "head"
                                      for a in canonical[0].iterancestors()):
        return None
    url = resolve(canonical[0].get("href") or "", ctx.url)
    if not url or not is_third_party(host_of(url), ctx.first_party):
        return None
    return registrable_domain(host_of(url))


# a meta refresh's delay and address: `content="10;url=https://…"`, `5; URL='…'`
_REFRESH = lazy_regex(r"""^\s*(\d+)[^;,]*[;,]\s*(?:url\s*=\s*)?['"]?([^'"\s]+)""", re.I)
_TIMER = lazy_regex(r"""(?<![\w$.])(?:window\s*\.\s*)?set(?:Timeout|Interval)\s*\(""")
TIMER_REACH = 2000  # characters before a redirect in which its timer's call is sought


def _shown_links(ctx: PageContext) -> frozenset[str]:
    """The addresses the page's own links (`<a href>`) lead to, resolved."""
    if ctx.page is None:
        return frozenset()
    return frozenset(url for a in ctx.page.tagged("a")
                     if (url := resolve((a.get("href") or "").strip(), ctx.url)))


WAIT_PAGE_PROSE = 400  # characters of paragraphs past which a page is read, not waited on
PROSE_RUN = 80  # characters of one run of text outside a <p> that make it a paragraph's


def _wait_page(ctx: PageContext) -> bool:
    """Whether the page is a wait page (a safelink's or a download site's "your link is
    ready in 10 seconds"), not one a visitor reads: its paragraphs hold little text. An
    article sending everyone elsewhere after a delay ("if you are not redirected, click
    here") is a doorway injected into it, whatever it links. A paragraph is a `<p>`'s
    text, or a run of text a sentence long outside one (an article or a forum post
    written in a `<div>` with `<br>` between its paragraphs); a menu's or a button's
    labels are short runs. One pass: a `<p>` inside another (`<p><span><p>…`, as the
    parser nests them) is counted in the outer one, not walked again."""
    if ctx.page is None:
        return False
    body = next(iter(ctx.page.tagged("body")), None)
    if body is None:
        return True
    sizes = shown_sizes(body)
    prose = 0
    inside = 0  # depth in a <p> (counted whole) or in an element that shows no text
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if el.tag == "p" or el.tag in _UNSHOWN:
            if event == "end":
                inside -= 1
                continue
            if not inside and el.tag == "p":
                prose += sizes[el]
            inside += 1
        elif event == "start" and not inside:
            prose += sum(len(run) for run in (
                (text or "").strip() for text in (el.text, *(child.tail for child in el)))
                if len(run) >= PROSE_RUN)
        if prose >= WAIT_PAGE_PROSE:
            return False
    return True


def _refresh_delay(ctx: PageContext, url: str) -> int:
    """The seconds a meta refresh to `url` waits before it sends the visitor (0 when
    none is read)."""
    for meta in ctx.page.tagged("meta") if ctx.page is not None else ():
        if (meta.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        m = _REFRESH.match(meta.get("content") or "")
        if m and resolve(m.group(2), ctx.url) == url:
            return int(m.group(1)[:6])
    return 0


class _Timer(NamedTuple):
    """The timer whose callback holds a statement: its delay in milliseconds, None when
    the call does not end in a literal number."""

    delay: int | None


def _timer(code: str, at: int) -> _Timer | None:
    """The `setTimeout`/`setInterval` whose callback holds the statement at `at` (the
    nearest timer's call still open there), and the number its call ends with
    (`setTimeout(function(){…}, 10000)`); None when no timer runs it. `code` has its
    strings blanked (`code_only`), so its brackets are code's. The one reading of a
    timer: whether a redirect waits and how long."""
    for m in reversed(list(_TIMER.finditer(code, max(0, at - TIMER_REACH), at))):
        depth = 1
        for i in range(m.end(), min(len(code), m.end() + TIMER_REACH * 2)):
            depth += {"(": 1, ")": -1}.get(code[i], 0)
            if depth == 0:
                if i < at:
                    break  # a call closed before the statement: not its timer
                delay = re.search(r",\s*(\d{1,7})\s*\Z", code[m.end() : i])
                return _Timer(int(delay.group(1)) if delay else None)
        else:
            return _Timer(None)  # open past the reach: its delay unread
    return None


# a countdown a script shows: a name counted down (`c--`, `--n`, `s -= 1`, `s = s - 1`)
# and written into an element (`el.textContent = c`, `.innerHTML = 'Wait ' + c`, a
# template's `${c}`, jQuery's `.text(c)`)
# (each name led by no name character: else every position inside a long identifier
# starts a match that reads on to its end, quadratic: 31 s on a 40,000-letter name)
_COUNTED_DOWN = lazy_regex(
    r"""(?<![\w$])([\w$]+)\s*(?:--|-=\s*1(?!\d))|--\s*([\w$]+)"""
    r"""|(?<![\w$])([\w$]+)\s*=\s*\3\s*-\s*1(?![\w$.])""")
_SHOWN_AS = lazy_regex(
    r"""\.\s*(?:textContent|innerHTML|innerText|value)\s*=|\.\s*(?:text|html)\s*\(""")
_SHOWN_REACH = 120  # characters after the assignment in which the counted name starts
_WORD_NAME = lazy_regex(r"""(?<![\w$.])[\w$]+""")
_LINE_END = lazy_regex(r"[;\n]")
_NAME_LONGEST = 64  # characters of a counted name read


def _counts_down(code: str, text: str) -> bool:
    """Whether a script shows the visitor a countdown: a safelink's or a download page's
    "wait 10 seconds" number it updates, which an interstitial shows and a doorway, sending
    readers on before they notice, does not. `code` is the script `text` with its strings
    blanked at the same offsets: the assignment is read on it, the value written on the
    text (a template's `${n}` is blanked in `code`). One pass over the assignments to an
    element, each read for the names counted down (a search per name over the whole
    script, asked per redirect, took 15 s on an 800 KB page)."""
    names = {m.group(1) or m.group(2) or m.group(3)
             for m in itertools.islice(_COUNTED_DOWN.finditer(code), 20)}
    written = text if len(text) == len(code) else code
    if not names:
        return False
    for shown in _SHOWN_AS.finditer(code):
        reach = shown.end() + _SHOWN_REACH
        stop = _LINE_END.search(code, shown.end(), reach)
        end = stop.start() if stop else reach
        # tokens that start by `end` (a name is no longer than `_NAME_LONGEST`): an open
        # scan went on to the next name however far, quadratic on `.value=.value=…`
        for name in _WORD_NAME.finditer(written, shown.end(),
                                        min(len(written), end + _NAME_LONGEST)):
            if name.start() > end:
                break
            if name.group() in names:
                return True
    return False


def _shows_wait(ctx: PageContext, seconds: int) -> bool:
    """Whether the page shows the timer's wait: its seconds in a short run of text
    (`Tunggu <b id="cd">10</b> detik`, "Your download will start in 5 seconds.")."""
    if ctx.page is None or seconds <= 0:
        return False
    body = next(iter(ctx.page.tagged("body")), None)
    number = re.compile(rf"(?<!\d){seconds}(?!\d)")
    return body is not None and any(
        run and len(run) <= WAIT_TEXT and number.search(run)
        for el in body.iter() if isinstance(el.tag, str) and el.tag not in _UNSHOWN
        for run in ((el.text or "").strip(), (el.tail or "").strip()))


WAIT_TEXT = 160  # characters of a run of text that says how long to wait, not a paragraph's


def _read_as_wait_page(ctx: PageContext) -> bool:
    """`_wait_page`, read once a page."""
    return ctx.view("wait page", lambda: _wait_page(ctx))


def _script_counts_down(ctx: PageContext, code: str, text: str) -> bool:
    """`_counts_down` for a script (`code`: its `text` with strings blanked), read once a
    script: asked per redirect and by the safelink reading."""
    counted: dict[str, bool] = ctx.view("countdowns", dict)
    if code not in counted:
        counted[code] = _counts_down(code, text)
    return counted[code]


def _shows_its_wait(ctx: PageContext, code: str, at: int, text: str) -> bool:
    """Whether the timer running the statement at `at` is an interstitial's wait the
    page shows: a countdown its script updates, or, on a page of little prose
    (`_wait_page`), the timer's seconds in an element of their own. `code` is the script
    `text` with its strings blanked."""
    if _script_counts_down(ctx, code, text):
        return True
    timer = _timer(code, at)
    delay = timer.delay if timer is not None and timer.delay is not None else 0
    return _read_as_wait_page(ctx) and _shows_wait(ctx, delay // 1000)


def _affiliate(ctx: PageContext, url: str, written: str) -> str | None:
    """The affiliate network the catalogue says an address is (its host, Skimlinks'
    `go.skimresources.com`, or its link pattern, an Amazon link with a `tag=`, read on
    `written`, the address as the script builds it with its quotes dropped): a site
    rewriting its outbound links through one monetises them, the visitor still goes
    where they clicked."""
    owner = ctx.catalogue.runner_of(url, host_of(url))
    if owner.network is not None:
        return owner.network.name if owner.network.category is Category.AFFILIATE else None
    # a link pattern's host, as its site's name reads (`amazon\.[a-z.]{2,6}/` also takes
    # `www.amazon.xy.to`, a kit's host on xy.to): the network's site, or one it serves from
    site = registrable_domain(host_of(url))
    return next((n.name for n in ctx.catalogue.linkers if n.category is Category.AFFILIATE
                 and n.links is not None and n.links.search(written)
                 and _networks_site(n.name, n.company, n.hosts, site)), None)


def _networks_site(name: str, company: str | None, hosts: tuple[str, ...], site: str) -> bool:
    """Whether a registrable domain is an affiliate network's own: named as its company is
    (`amazon.co.uk` for Amazon Associates, `ebay.de` for eBay's), or the site of one of
    its hosts. The network's name only when no company is known: its other words are
    anyone's (`rover.ebay.network.example` is on network.example, eBay *Partner Network*
    is not its owner)."""
    words = set(re.findall(r"[a-z0-9]+", (company or name).lower()))
    return site.split(".")[0] in words or any(registrable_domain(h) == site for h in hosts)


def _same_owner(host: str, ctx: PageContext) -> bool:
    """The same company by the catalogue (a name alone proves nothing: spiegel.top; nor
    does a hosting platform's: me.github.io and evil.github.io are two customers')."""
    if not ctx.first_party:
        return False
    theirs = ctx.catalogue.host_runner(host).entity
    ours = ctx.catalogue.host_runner(ctx.first_party).entity
    return theirs is not None and ours is not None and theirs.company == ours.company


# What a page that sends the visitor away says of it, in the languages doorway kits and
# TDS landing pages are written in: "Redirecting…", "you will be redirected", "click
# here if you are not redirected", "Sie werden weitergeleitet", "vous allez être
# redirigé", "serás redirigido", "sarai reindirizzato", "você será redirecionado",
# "перенаправление", "przekierowanie", "yönlendiriliyorsunuz", "正在跳转", "リダイレクト",
# "đang chuyển hướng", Indonesian gambling doorways' "Anda akan dialihkan". A safelink's
# wait page says its link is ready ("Link Anda hampir siap"), not that it bounces.
_ANNOUNCES_REDIRECT = lazy_regex(
    r"redirect|weitergeleitet|weiterleitung|redirig|redirecci|reindirizz|redirecion"
    r"|перенаправ|переадрес|przekierow|doorgestuurd|yönlendir|跳转|リダイレクト"
    r"|chuyển hướng|dialihkan|mengalihkan|you will be taken to|if you are not taken",
    re.I)
# Why a site's own page announces that it bounces: it moved (and names its new address),
# a payment sends the buyer back to the merchant, or an exit notice says the visitor is
# leaving for a site that is not the site's.
_OWN_BOUNCES = (
    ("a moved page naming its new address", lazy_regex(
        r"\bmoved\b|\bnew (?:address|home|domain|website|site|url)\b|umgezogen|neue (?:adresse"
        r"|domain|webseite|internetadresse)|déménag|nouvelle adresse|nouveau site|mudado"
        r"|nueva direcci|nuevo sitio|trasferit|nuovo indirizzo|novo endereço|переехал"
        r"|новый адрес|przenieśli|verhuisd|nieuwe adres", re.I)),
    ("a payment returning the buyer to the merchant", lazy_regex(
        r"merchant|händler|commerçant|comercio|commerciante|lojista|продав"
        r"|return(?:ing)? to (?:the )?(?:shop|store)|zurück zum (?:shop|online-?shop)"
        r"|retour (?:à|vers) la boutique|volver a la tienda|torna al negozio", re.I)),
    ("an exit notice", lazy_regex(
        r"you are (?:now )?leaving|leaving (?:our|this) (?:site|website)|third[- ]party "
        r"(?:site|website)|external (?:site|website)|sie verlassen|vous quittez|está saliendo"
        r"|sta lasciando|você está saindo", re.I)),
)


_INTERSTITIAL = " (an interstitial, a safelink's wait page)"


# the catalogue's categories of a service a site sends its visitors to: a consent
# platform, a social or a platform's sign-in, a content or payment platform
_SERVICE_CATEGORIES = frozenset({Category.CONSENT, Category.SOCIAL, Category.CONTENT})


def _known_service(ctx: PageContext, host: str) -> str | None:
    """The company of a catalogued payment, sign-in, consent or content service a wait page
    hands its visitor to (a store's "Redirecting you to PayPal…", "Sie werden zur Zahlung
    weitergeleitet" before Mollie, a link page's "Redirecting to docs.google.com"), or
    None. A doorway bounces to a kit's landing or a TDS no vendor runs; a hosting
    platform's customer (`site_of` names each its own site) is vouched for by nobody."""
    entity = ctx.catalogue.host_runner(host).entity
    if entity is None or entity.category not in _SERVICE_CATEGORIES \
            or site_of(host) != registrable_domain(host):
        return None
    return entity.company


# a payment's or sign-in's path at the service: the service's own flow, whoever links it
_SERVICE_FLOW = lazy_regex(
    r"checkout|payment|/pay(?:ment)?s?\b|webscr|/oauth|/authorize|/signin|/login|/session",
    re.I)


def _hands_over(shown: str, url: str, host: str, vendor: str) -> bool:
    """Whether a wait page's bounce to a catalogued service is a hand-over to it: the page
    names the service ("Redirecting you to PayPal…") or the address is its payment or
    sign-in flow (Mollie's /checkout/). The same services host anyone's content (a Google
    Form, a GitHub release, a Telegram channel): a kit's "Redirecting you to the
    download…" to a form it made there vouches for nothing."""
    names = {vendor.split()[0].lower(), registrable_domain(host).split(".")[0].lower()}
    # its words, not the addresses it shows (a meta refresh's content is shown text):
    # each run between spaces holding `//` left out, one split (a pattern of a scheme's
    # letters before `//` was tried from every letter of a long word)
    lowered = " ".join(w for w in shown.lower().replace("\x00", " ").split() if "//" not in w)
    if any(len(n) > 2 and n in lowered for n in names):
        return True
    parts = split_url(url)
    return parts is not None and _SERVICE_FLOW.search(parts.path) is not None


def _wait_verdict(ctx: PageContext, url: str) -> tuple[Severity, str]:
    """How sure a wait page sending the visitor to `url` is a doorway, and why, said
    after its wait. A doorway (`medium`): the page announces that it bounces its visitor
    ("redirecting in 3 seconds", "click here if you are not redirected"), a page with
    nothing else to do, to a site that is not its own by its name or the catalogue
    (`related_site`, `_same_owner`), not a hand-over to a catalogued service
    (`_hands_over`), not on a platform's own link page, and for none of the reasons a
    site's own page gives (`_OWN_BOUNCES`; a move only where the page names the site it
    moved to). What injection kits and TDS doorways print; a safelink's "your link is
    ready" and a download page's "your download starts" do not say it (`low`)."""
    shown = ctx.page.shown_text if ctx.page is not None else ""
    if not _ANNOUNCES_REDIRECT.search(shown):
        return Severity.LOW, _INTERSTITIAL
    host = host_of(url)
    if related_site(host, ctx.first_party) or _same_owner(host, ctx):
        return Severity.LOW, " (an interstitial to the site's own)"
    if (vendor := _known_service(ctx, host)) is not None and _hands_over(shown, url, host,
                                                                        vendor):
        return Severity.LOW, f" (a hand-over to {vendor}, a service the catalogue knows)"
    if ctx.url and (vendor := _known_service(ctx, host_of(ctx.url))) is not None:
        # a platform's own link page (t.co's "Redirecting to …"): a kit's doorway is on a
        # hacked site, not on a host the catalogue files as a platform's
        return Severity.LOW, f" ({vendor}'s own link page)"
    lowered = shown.lower()
    for why, words in _OWN_BOUNCES:
        if words.search(shown) and (why != _OWN_BOUNCES[0][0]
                                    or registrable_domain(host) in lowered):
            return Severity.LOW, f" ({why})"
    return Severity.MEDIUM, (": the page announces it redirects and has nothing else to "
                             "do, to a site not its own (a doorway's bounce, as TDS kits "
                             "print it); check that the site runs this redirect")


_UNPLACED_STUB = (" (a page of unknown address holding nothing else: a search engine's or a "
                  "shortener's link page sends its visitor on so, and so does a doorway; "
                  "its address tells which)")


def _platform_link_page(ctx: PageContext) -> str | None:
    """The company whose own link page this is, when the page is one: a page of little
    prose on a host the catalogue files as a platform's (t.co's "Redirecting…" stub,
    which crawls keep by the thousand, refreshes at once). Sending the visitor on is its
    job; nothing was injected into a page a visitor came to read."""
    if not ctx.url or not _read_as_wait_page(ctx):
        return None
    return _known_service(ctx, host_of(ctx.url))


def redirects(ctx: PageContext) -> Iterator[Finding]:
    """Meta refresh and script redirects whose target is another site.

    `high` when a reviewer would act: a meta refresh, a redirect decoded from hidden
    code, or one guarded by a test of the referrer, user agent or cookies (cloaking:
    search engines and returning visitors see the page, others are sent away). A
    redirect on another condition (a template's credit-lock that fires when a footer
    link is removed) is `medium`. Handlers a click runs are navigation, not redirects (a
    `<button onclick>`'s, a click listener bound to one element, a function only they
    call: `_user_initiated`; not one on the whole page, its wrapper or every element of
    a kind, which hijacks every click),
    and so is a redirect in plain code to a language or regional version the page declares
    its own (`hreflang` alternates) behind a condition, unless a referrer or user-agent
    test is it. A redirect in plain code, or a meta refresh, to the site the page's one
    canonical link names is a moved page telling visitors its new address: `low`, unless
    a referrer, user-agent or cookie test guards it. A phone sent, by a user-agent test,
    to the mobile site the page's head names, under the page's own name, is navigation.
    An interstitial is `low`: plain code a timer runs (or a link it clicks) sending the
    visitor to a link the page shows, beside the wait it shows (a countdown it updates,
    or its seconds on a page of little prose), or a meta refresh in `<head>` that waits,
    to a link the page shows, on a page of little prose (a safelink's or a download
    site's "your link is ready in 10 seconds" page; a cloaker wants visitors gone before
    they read, and names no link). An article doing so is a doorway, and so is a timed
    redirect from outside the page's markup (high). A cookie test guarding a redirect to
    a gate (age, consent, region, sign-in) that sets no cookie as it leaves is `low` or
    `medium` (`_gate`); a click-hijack through an affiliate network is `low`. A meta
    refresh in the `<head>` of a page of unknown address holding nothing else, or plain
    code there sending the visitor on as it loads, is `medium`: a search engine's or a
    shortener's link page as often as a doorway, as its address tells.
    """
    moved = _moved_to(ctx)
    page_code: _PageCode | None = None  # counted at the first redirect a visitor may run
    shown: frozenset[str] | None = None  # the page's links, read at the first asked
    for res in ctx.resources:
        if res.via == "meta[refresh]" and res.third_party:
            if moved is not None and registrable_domain(host_of(res.url)) == moved:
                yield finding(REDIRECT, Severity.LOW,
                              f"meta refresh sends the visitor to {moved}, the site the "
                              f"page's canonical link names (a moved page): {res.url}",
                              res.url, line=res.line, xpath=res.xpath, key=("meta", res.url))
                continue
            shown = _shown_links(ctx) if shown is None else shown
            # a wait page's refresh is its template's, in its <head>; one in the body or
            # outside the markup was written where a post's text or an injection goes
            if res.url in shown and (delay := _refresh_delay(ctx, res.url)) > 0 and (
                    res.xpath.startswith("/html/head/")) and not outside_markup(
                    ctx, res.line) and _read_as_wait_page(ctx):
                severity, why = _wait_verdict(ctx, res.url)
                if severity is Severity.LOW and _safelink(ctx) is not None:
                    continue  # the wait is the safelink page's, said once (`safelink-page`)
                yield finding(REDIRECT, severity,
                              f"meta refresh sends the visitor after {delay} s to a link the "
                              f"page shows{why}: {res.url}",
                              res.url, line=res.line, xpath=res.xpath, key=("meta", res.url))
                continue
            in_head = res.xpath.startswith("/html/head/") and not outside_markup(ctx, res.line)
            platform = _platform_link_page(ctx) if in_head else None
            # a stub of unknown address: a search engine's or a shortener's link page as
            # often as a doorway, which its address, not the page, tells
            unplaced = platform is None and in_head and not ctx.url and _read_as_wait_page(ctx)
            yield finding(REDIRECT, Severity.LOW if platform else
                          Severity.MEDIUM if unplaced else Severity.HIGH,
                          "meta refresh sends the visitor to another site"
                          + (f" (a link page of {platform}'s own, holding nothing else)"
                             if platform else _UNPLACED_STUB if unplaced else "")
                          + f": {res.url}",
                          res.url, line=res.line, xpath=res.xpath, key=("meta", res.url))
        elif res.via == CLICKED_LINK and _offsite(res.url, ctx) and (clicks := _unprompted_clicks(
                ctx, res.xpath, page_code := page_code or _page_code(ctx))) != []:
            # the page's code clicks a link of its markup: whether it runs at load is
            # the code's to say, which a scan of its link does not read (medium), but for
            # the site the page says it moved to, or a timer's after the wait the page
            # shows (a download page's "your download starts in 5 seconds"): low
            site = registrable_domain(host_of(res.url))
            waited = bool(clicks) and not outside_markup(ctx, res.line) and all(
                _timer(code, at) is not None and _shows_its_wait(ctx, code, at, text)
                for code, at, text in clicks or ())
            yield finding(REDIRECT, Severity.LOW if site == moved or waited else Severity.MEDIUM,
                          f"script clicks a link that sends the visitor to {site}" + (
                              " when a timer runs out, beside the wait the page shows (an "
                              "interstitial, a download page's)" if waited else "")
                          + f": {res.url}",
                          res.url, line=res.line, xpath=res.xpath, key=("click", res.url))
    twins: frozenset[str] | None = None  # sought at the first off-site target
    mobiles: frozenset[str] | None = None  # likewise
    new_tabs: bool | None = None  # whether `<base target>` opens links in a new tab
    for code, line, xpath in script_codes(ctx, handlers=_ON_LOAD, srcdoc=False):
        decoded = ctx.decoded(code)  # keyed on the whole script, as every stage asks
        code = code[:MAX_SCRIPT]
        for text in (code, *decoded.payloads):
            if "href" in text and any(w in text for w in _EVERY_LINK_WORDS):
                yield from _links_relayed(ctx, text, line, xpath, hidden=text is not code)
            if "location" not in text and "navigate" not in text and "click" not in text:
                continue
            code_text = ""  # the text's code alone, made at its first off-site redirect
            helpers: dict[str, int] = {}  # its user-agent helpers, read at the first asked
            script: _Script | None = None  # and read for who runs it, at the first asked
            placed: bool | None = None  # whether it sits outside the markup, likewise
            if new_tabs is None and ".click" in text and ctx.root is not None:
                new_tabs = new_context(base_target(ctx.root, ctx.page))  # asked once
            for start, target in itertools.islice(_js_redirects(text, bool(new_tabs)),
                                                  MAX_REDIRECTS):
                url = _offsite(target, ctx)
                if url is None:
                    continue
                site = registrable_domain(host_of(url))
                hidden = text is not code
                window = max(0, start - CLOAK_WINDOW), start
                guard = _CLOAKING.search(text, *window)
                code_text = code_text or code_only(text) or text  # unreadable: as it is
                # a redirect inside a comment or a string (`onclick="location…"` written
                # into the page) is not code that runs as the script does
                in_code = code_text[start] == text[start]
                always = in_code and _unconditional(code_text, start)
                if in_code and not always and not hidden and not guard:
                    page_code = page_code or _page_code(ctx)
                    script = script or _Script(text, code_text, page_code)
                    if _user_initiated(script, start):
                        continue  # the visitor's click on one element: navigation, no redirect
                twins = _twins(ctx) if twins is None else twins
                # a site's language navigation tests the visitor's language (a cookie may
                # remember their choice); it is not encoded, does not run for everyone,
                # nor asks where the visitor came from or what browser they run
                if site in twins and not hidden and not always and not any(
                        g.group(1) != "cookie" for g in _CLOAKING.finditer(text, *window)):
                    continue
                # outside the page's markup, where no template writes (asked once a script)
                placed = outside_markup(ctx, line, code_start(code)) if placed is None else placed
                if in_code and not hidden and not guard and not placed and url in (
                        shown := _shown_links(ctx) if shown is None else shown) and _timer(
                        code_text, start) is not None and _shows_its_wait(
                        ctx, code_text, start, text):
                    severity, why = _wait_verdict(ctx, url)
                    if severity is Severity.LOW and _safelink(ctx) is not None:
                        continue  # the wait is the safelink page's (`safelink-page`)
                    yield finding(REDIRECT, severity,
                                  f"script sends the visitor to {site} when a timer runs out, "
                                  f"to a link the page shows, beside the wait it shows{why}: "
                                  f"{url}", url,
                                  line=line, xpath=xpath, key=("script", url))
                    continue
                # a phone's browser sent to the mobile version the page's head names:
                # a user-agent test is how (a cookie keeps a choice of the desktop
                # site), a referrer test is not
                mobiles = _mobile_twins(ctx) if mobiles is None else mobiles
                if site in mobiles and not hidden and not any(
                        g.group(1) == "referrer" or g.group(2)
                        for g in _CLOAKING.finditer(text, *window)):
                    continue
                # a tablet or phone sent to an app's store page by a user-agent test: the
                # site promoting its app (a store page is the store's to vet, and a
                # doorway's spam is never one); a referrer or cookie test, code decoded
                # out of hiding or a place outside the markup keep it a cloak; a referrer or
                # cookie read anywhere in the script (into a name its test asks, further up
                # than the window) counts, as a promotion has no need of either, and so does
                # one another script reads into a name this one asks (a cloak split in two)
                # the test may be a helper the script defines over the user agent, asked
                # further on than the window (`var isMobile = {iOS: function () {return
                # navigator.userAgent.match(/iPhone/i)}}` … `if (isMobile.iOS())`)
                # (called in the window's code, not named in a comment or string, by a
                # redirect that does not run whatever it answers)
                if (guard or (_APP_STORE_PAGE.match(url) and not always and _asks_a_helper(
                        code_text, window, helpers := helpers or _user_agent_helpers(text))
                )) and not hidden and not placed and _APP_STORE_PAGE.match(url) and all(
                        g.group(1) is None and g.group(2) is None
                        for g in _CLOAKING.finditer(text)) and not _tests_a_cloak_read(
                            ctx, text):
                    yield finding(REDIRECT, Severity.LOW,
                                  f"script sends visitors whose user agent passes a test to "
                                  f"an app's page on {site}'s store (an app promotion for "
                                  f"tablets or phones): {url}",
                                  url, line=line, xpath=xpath, key=("script", url))
                    continue
                if site == moved and not hidden and not guard:
                    yield finding(REDIRECT, Severity.LOW,
                                  f"script redirects the visitor to {site}, the site the "
                                  f"page's canonical link names (a moved page): {url}",
                                  url, line=line, xpath=xpath, key=("script", url))
                    continue
                # a gate is the site's, written in its markup: one after </html> is no
                # template's, whatever its cookie and target are called
                gate = None if hidden or placed or not guard or any(
                    g.group(1) != "cookie" for g in _CLOAKING.finditer(text, *window)
                ) else _gate(text, window, url)
                # both names are the script's to choose: a gate the site runs shows
                # beside them (its host linked or loaded elsewhere, the page's own name)
                unbacked = gate is Severity.LOW and not _gate_backed(ctx, url, text)
                if gate is not None:
                    yield finding(REDIRECT, Severity.MEDIUM if unbacked else gate,
                                  f"script sends visitors without a gate's cookie to {site}, "
                                  + ("a gate by its address and the cookie it tests, but "
                                     "the page shows the gate's site nowhere else; check "
                                     "that the target is the site's gate service"
                                     if unbacked else
                                     "a gate by its address and the cookie it tests (an "
                                     "age, consent, region or sign-in check)"
                                     if gate is Severity.LOW else
                                     "its address or the tested cookie named as an age, "
                                     "consent, region or sign-in gate's, not both; check "
                                     "that the target is the site's gate service")
                                  + f": {url}",
                                  url, line=line, xpath=xpath, key=("script", url))
                    continue
                if placed and not guard and not hidden and not always:
                    yield finding(REDIRECT, Severity.HIGH,
                                  f"script redirects the visitor to {site} from outside the "
                                  "page's markup (after its </html> or before its <html>), "
                                  f"where no template writes: a doorway's redirect: {url}",
                                  url, line=line, xpath=xpath, key=("script", url))
                    continue
                if guard:
                    tested = {"referrer": "referrer", "cookie": "cookie"}.get(
                        guard.group(1) or "", "browser" if guard.group(2) else "user agent")
                    how = f"only for visitors whose {tested} passes a test"
                elif hidden:
                    how = "from code decoded out of an encoded string"
                elif always:
                    how = "as soon as the page loads"
                else:
                    how = "on a condition in the page's own script (no referrer/user-agent test)"
                severity = Severity.HIGH if guard or hidden or always else Severity.MEDIUM
                if severity is Severity.HIGH and not (guard or hidden or placed) \
                        and not ctx.url and _read_as_wait_page(ctx):
                    severity = Severity.MEDIUM  # a stub of unknown address: its address tells
                    how += _UNPLACED_STUB
                at = max(start, text.find(target, start))
                written = re.split(r"[;\n]", text[at : at + 300])[0].replace("'", "").replace(
                    '"', "").replace("`", "")
                if severity is Severity.MEDIUM and (network := _affiliate(ctx, url, written)):
                    # link monetisation (Skimlinks', VigLink's, a site's own `?tag=`):
                    # the visitor goes on to what they clicked, through the network
                    severity = Severity.LOW
                    how += f", through {network}, an affiliate network (link monetisation)"
                yield finding(REDIRECT, severity,
                              f"script redirects the visitor to {site} {how}: {url}",
                              url, line=line, xpath=xpath, key=("script", url))


# a link's address set to another site's with the link's own joined on (`a.href =
# 'https://relay/?u=' + encodeURIComponent(a.href)`, `setAttribute('href', …)`, jQuery's
# `.attr('href', function(i, h) { return '…' + h; })`): every click goes through it
_RELAYED = lazy_regex(
    r"""(?:\.\s*href\s*=|setAttribute\(\s*['"]href['"]\s*,|\.attr\(\s*['"]href['"]\s*,"""
    r"""[^'"]{0,80}?return)\s*""" + _URL + r"""\1\s*\+\s*(?:(?:encodeURIComponent|encodeURI|"""
    r"""escape)\s*\(\s*)?[\w$.\[\]]{0,60}?(?:\.\s*href\b|\bh(?:ref)?\b)""")
# every link by jQuery (`$('a')`, `jQuery("a[href]")`), and the words a script naming
# every link holds, asked before any pattern. Led by its `(`, `$` or `jQuery` read back
# (led by them, `re` tried each `$` and `j` of a script: 3.4 -> 0.7 ms over the corpus's
# 25 scripts asked); a match's end is what is read
_JQUERY_LINKS = lazy_regex(r"""\((?:(?<=\$\()|(?<=jQuery\())\s*(['"])a(?:\[href\])?\1\s*\)""")
_EVERY_LINK_WORDS = (".links", "('a", '("a')
RELAY_REACH = 600  # characters after a collection of every link in which its rewriting counts


def _links_relayed(ctx: PageContext, text: str, line: int, xpath: str, *, hidden: bool
                   ) -> Iterator[Finding]:
    """A script that rewrites every link of the page (`document.links`, each `a`) to pass
    through another site, the link's own address joined to it: each click leaves through
    that site. Click-hijacking by another name: `medium`; `low` through an affiliate
    network the catalogue knows (link monetisation: Skimlinks' and VigLink's own code does
    this); `high` when the code was encoded."""
    for every in itertools.islice(itertools.chain(
            _every_link_calls(text), _JQUERY_LINKS.finditer(text)), MAX_REDIRECTS):
        relayed = _RELAYED.search(text, every.end(), every.end() + RELAY_REACH)
        url = _offsite(relayed.group(2), ctx) if relayed else None
        if relayed is None or url is None:
            continue
        site = registrable_domain(host_of(url))
        network = _affiliate(ctx, url, url)
        severity = Severity.LOW if network else Severity.HIGH if hidden else Severity.MEDIUM
        yield finding(REDIRECT, severity,
                      f"script rewrites every link of the page to pass through {site}" + (
                          f", {network}, an affiliate network (link monetisation)" if network
                          else ": each click leaves through it; check who runs it")
                      + f": {url}", url, line=line, xpath=xpath, key=("relay", url))
        return


def _js_redirects(text: str, new_tabs: bool = False) -> Iterator[tuple[int, str]]:
    """Where the script sends the visitor, and the address written: `location` set or
    called, `window.navigate`, and a link it sets up and then clicks (the statement
    that set the link's `href` is where it is judged; none when the page's
    `<base target>` opens links in a new tab and the script gives the link no target of
    the page's own), in the order written."""
    windows: frozenset[str] | None = None  # names bound to a window, read at the first asked
    braces: _Braces | None = None  # the script's blocks, read at the first `this.location`
    tops = 0  # `this.location`s judged by the blocks around them
    found: list[tuple[int, str]] = []
    for m in (_redirect_calls(text) if "location" in text or "navigate" in text else ()):
        owner = _owner(text, m.start())
        if owner == "this":  # the window in a script's top level, an object's in a method
            tops += 1
            braces = _Braces(text) if braces is None else braces
            if tops > _TOP_THIS or not braces.this_is_window(m.start()):
                continue
        elif owner and owner not in _WINDOW_NAMES:
            windows = _window_aliases(text) if windows is None else windows
            if owner not in windows:
                continue  # an object's own `location` (a sign-in config's): no navigation
        found.append((m.start(), m.group(2) or m.group(4)))
    if "location" in text and "=" in text:
        found.extend(_named_targets(text))
        found.sort()
    if "location" in text and (bound := {name_before(text, m.start())[1]
                                         for m in _LOCATION_ALIAS.finditer(text)}
                                        | _destructured_locations(text)):
        bound -= {"", "location", "href"}
        found.extend((m.start(), m.group(2) or m.group(4)) for m in _ALIAS_NAVIGATES.finditer(text)
                     if name_before(text, m.start())[1] in bound)
        found.sort()
    if (("location'" in text or 'location"' in text)
            and ("Reflect" in text or _BRACKETED_LOCATION.search(text))) or (
            "assign" in text and _ASSIGNS_WINDOW.search(text)):
        found.extend((m.start(), m.group(2) or m.group(4) or m.group(6))
                     for m in _BRACKET_REDIRECT.finditer(text))
        found.sort()
    if ".click" in text and "href" in text:
        links = LinkClicks(text, new_tabs=new_tabs)
        for m in _HREF_SET.finditer(text):
            start, name = name_before(text, m.start())
            if name and links.clicks(name, m.end()) and not links.opens_new_context(name):
                found.append((start, m.group(2)))
        found.sort()
    yield from found


# the window's `location` set to a name, or a name's key, rather than a literal
# (`location.href = target_url`, `window.location.replace(rule.u)`): the address the
# script assigns that name (a kit's rule kept in a settings object, perhaps one script
# before: `ParsedPage.codes` hands it on)
_NAMED_REDIRECT = lazy_regex(
    r"location(?<!\wlocation)(?:" + member("href") + r")?\s*(?:=(?![=>])|"
    + member("replace|assign") + r"\s*\()"
    r"""\s*([A-Za-z_$][\w$]{0,40})(?:\s*\.\s*([A-Za-z_$][\w$]{0,40})|\s*\[\s*['"]([\w$-]{1,40})"""
    r"""['"]\s*\])?\s*[;,)}\n]""")
NAMED_TARGETS = 20  # redirects to a name resolved in one script


def _named_targets(text: str) -> Iterator[tuple[int, str]]:
    """(start, address) of each redirect of the window to a name the script assigns an
    address literal (`var u = 'https://…'`), or to a key of an object literal it assigns
    (`var rule = {u: 'https://…'}`, `rule.u`, `rule['u']`), whoever owns the `location`
    as `_js_redirects` reads it; the last assignment before the redirect is the one."""
    windows: frozenset[str] | None = None
    for m in itertools.islice(_NAMED_REDIRECT.finditer(text), NAMED_TARGETS):
        name, key = m.group(1), m.group(2) or m.group(3)
        if name in _WINDOW_NAMES or name in ("location", "this"):
            continue
        owner = _owner(text, m.start())
        if owner and owner not in _WINDOW_NAMES:
            windows = _window_aliases(text) if windows is None else windows
            if owner not in windows:
                continue
        if key is None:
            address = assigned_address(text, name, m.start())
            if address is not None:
                yield m.start(), address
            continue
        held = last_match(re.finditer(
            rf"""(?<![\w$.]){re.escape(name)}\s*=(?![=>])\s*\{{([^{{}}]{{0,2000}})\}}""",
            text[:m.start()]))
        if held is None:
            continue
        value = re.search(rf"""(?<![\w$])['"]?{re.escape(key)}['"]?\s*:\s*{_URL}\1""",
                          held.group(1))
        if value is not None:
            yield m.start(), value.group(2)


def _owner(text: str, at: int) -> str:
    """The object whose `location` the match at `at` sets: the name before its `.`
    (`window.site.idp.location` is `idp`'s), empty where the match is led by no `.`
    (`location = …`, the window's) or the owner is no plain name (`frames[0].location`).

    >>> _owner("a.b . location='//x'", 6), _owner("location='//x'", 0), _owner("f().location", 4)
    ('b', '', '')
    """
    end = at
    while end and text[end - 1].isspace():
        end -= 1
    if not end or text[end - 1] != ".":
        return ""
    return name_before(text, end - 1)[1]


def _window_aliases(text: str) -> frozenset[str]:
    """The names the script binds to a window (`var w = window.top;`, `var {top: t} =
    window`, a parameter of a function where the script passes a window: `(function(w){…})
    (window)`), whose `location` navigates as the window's does; read once a script, at its
    first owned `location`. A name bound to such a name is one too, followed a few steps."""
    bindings = [(m.group(1), m.group(2))
                for m in assigned_names(_WINDOW_BINDING, _BINDING_SIGN, text)]
    names = set(_WINDOW_NAMES)
    for _ in range(4):  # `var x = window; var w = x;`: each step follows one more name
        grown = {name for name, root in bindings if root in names} - names
        if not grown:
            break
        names |= grown
    for m in _WINDOW_DESTRUCTURED.finditer(text):
        for part in m.group(1).split(","):
            bound = part.split("=")[0].split(":")[-1]
            names.update(_IDENTIFIER.findall(bound)[:1])
    if _WINDOW_PASSED.search(text):
        for params in _parameter_lists(text):
            names.update(n for part in params.split(",")
                         for n in _IDENTIFIER.findall(part.split("=")[0])[:1])
    return frozenset(names)


def _parameter_lists(text: str) -> Iterator[str]:
    """The parameters of each function the script writes, left to right, as one regex of
    the three forms would find them (the first form found at a place taken, the next
    sought after its end): `function f(a, b)`'s and `(a, b) =>`'s lists, an arrow's one
    name. Each form's next find is kept until the scan passes its start.

    >>> list(_parameter_lists("function go(w, d) {}; (x) => 1; items.map(y => y)"))
    ['w, d', 'x', 'y']
    >>> list(_parameter_lists("f(function (a) => b)"))  # `(a) =>` is inside the first
    ['a']
    """
    seekers = (_function_list, _arrow_list, _arrow_name)
    found = [seek(text, 0) for seek in seekers]
    while (first := min((f for f in found if f is not None), key=lambda f: f[0],
                        default=None)) is not None:
        if first[2]:
            yield first[2]
        at = first[1]
        found = [f if f is None or f[0] >= at else seek(text, at)
                 for f, seek in zip(found, seekers, strict=True)]


def _function_list(text: str, at: int) -> tuple[int, int, str] | None:
    """Where the first `function f(…)` at or after `at` starts and ends, and its list."""
    m = _FUNCTION_PARAMETERS.search(text, at)
    return None if m is None else (m.start(), m.end(), m.group(1))


def _arrow_list(text: str, at: int) -> tuple[int, int, str] | None:
    """Where the first `(…) =>` at or after `at` starts and ends, and its list."""
    m = _ARROW_PARAMETERS.search(text, at)
    return None if m is None else (m.start(), m.end(), m.group(1))


def _arrow_name(text: str, at: int) -> tuple[int, int, str] | None:
    """Where the first arrow of one name (`w =>`) starting at or after `at` starts and
    ends, and its name: the word before an `=>` (`name_before`) from its first ASCII
    letter, `_` or `$` (the digits and other letters opening it read past: `0x1f =>`
    names `x1f`, `123 =>` none). Each `=>` is read once, back to its word's start: linear."""
    arrow = text.find("=>", at)
    while arrow >= 0:
        start, word = name_before(text, arrow)
        lead = next((i for i, c in enumerate(word) if c in _NAME_LEAD), None)
        if start >= at and lead is not None:
            return start, arrow + 2, word[lead:]
        arrow = text.find("=>", arrow + 1)
    return None


_NAME_LEAD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$")


def _destructured_locations(text: str) -> set[str]:
    """The names the script destructures a window's location into (`const {location: l}
    = window`), whose `href` set or `replace` called navigates as `location`'s does.
    Each is a `location:` key: a script with none (most) is not read brace by brace."""
    if not _LOCATION_KEYED.search(text):
        return set()
    return {bound.group(1) for m in _WINDOW_DESTRUCTURED.finditer(text)
            for part in m.group(1).split(",") if (bound := _LOCATION_KEY.match(part))}


class _Braces:
    """A script's blocks, paired once a script (a `{` with its `}`; an unclosed one runs
    to the end), to tell whose `this` a `this.location` is."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._strictable = "use strict" in text
        self._strict_top = self._strictable and _STRICT_DIRECTIVE.match(text) is not None
        opens: list[int] = []
        self._closes: dict[int, int] = {}
        self._parent: dict[int, int] = {}
        for m in _BRACE.finditer(text):
            if m.group() == "{":
                self._parent[m.start()] = opens[-1] if opens else -1
                opens.append(m.start())
            elif opens:
                self._closes[opens.pop()] = m.start()
        self._opens = sorted(self._parent)

    def _enclosing(self, at: int) -> int:
        """The innermost block holding `at`, -1 at the script's top level."""
        i = bisect.bisect_left(self._opens, at) - 1
        block = self._opens[i] if i >= 0 else -1
        while block >= 0 and self._closes.get(block, len(self._text)) < at:
            block = self._parent[block]
        return block

    def this_is_window(self, at: int) -> bool:
        """Whether `this` at `at` is the window: in the script's top level; or in a
        function expression called where it is written with no object
        (`(function(){ this.location = … })()`: sloppy code's `this` is the window, a
        strict script's is undefined), or one handed to a timer (`setTimeout(function(){
        … }, 3000)`: the window's, strict or not); an arrow's, or a function's called with
        its caller's `this` (`.call(this)`), is its block's. A constructor's or a method's
        `this` is its object's."""
        block = self._enclosing(at)
        for _ in range(_THIS_SCOPES):
            if block < 0:
                return True
            head = _FUNCTION_BLOCK.search(self._text, max(0, block - _HEAD_REACH), block)
            if head is not None and (head.group(4) or (
                    head.group(3) and head.group(3) not in _STATEMENTS)):
                return False  # a class's or a method's (`constructor() {`): its object's
            if head is None or head.group(2) or head.group(3):
                block = self._parent[block]  # a plain block, an arrow: its outer `this`
                continue
            end = self._closes.get(block)
            if head.group(1) or end is None:
                return False  # `new function(){…}`'s `this` is the object it makes
            if _CALLED_WITH_THIS.match(self._text, end + 1):
                block = self._parent[block]
                continue
            if _TIMER_CALLBACK.search(self._text, max(0, head.start() - 40), head.start()):
                return True  # a timer calls it with the window as its `this`
            return not self._strict_at(block) and bool(
                _LED_AS_EXPRESSION.search(self._text, max(0, head.start() - 10), head.start())
                and _CALLED_BARE.match(self._text, end + 1))
        return False

    def _strict_at(self, block: int) -> bool:
        """Whether the code of `block` is strict: a directive opens the script, or the body
        of that block or of one holding it (`(function(){ 'use strict'; … })`). The words
        elsewhere (another function's directive, a string) leave it sloppy."""
        if self._strict_top:
            return True
        for _ in range(_STRICT_SCOPES if self._strictable else 0):
            if block < 0:
                return False
            if _STRICT_DIRECTIVE.match(self._text, block + 1):
                return True
            block = self._parent[block]
        return False


# What a scan of a script stops at: a comment, a string, a template's backtick, a `/` (a
# regex literal or a division, told by what precedes it); inside a template's `${…}`, its
# braces too, to find the one that closes it. The named groups close what they open.
_TOKENS = (r"//[^\n]*|/\*(?:[^*]|\*(?!/))*(?P<shut>\*/)?"
           r"""|'(?:[^'\\\n]|\\.)*(?P<sq>')?|"(?:[^"\\\n]|\\.)*(?P<dq>")?|`|/""")
_TOKEN = lazy_regex(_TOKENS, re.S)
_TOKEN_IN_EXPRESSION = lazy_regex(_TOKENS + "|[{}]", re.S)
_TEMPLATE_PART = lazy_regex(r"\\.|`|\$\{", re.S)
# bounded, so that a `/[` with no `]` costs a few hundred steps, not the rest of the line
_REGEX_LITERAL = lazy_regex(
    r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.){0,64}\]){1,200}/[a-z]*")
_REGEX_AFTER_WORD = lazy_regex(
    r"(?<![\w$.])(?:return|typeof|case|do|else|in|new|delete|void|throw|instanceof)$")
MAX_REGEX_LITERALS = 5000  # per script: past it, the script is read as it is
_BLANK = lazy_regex(r"[^\n]")
_NOT_PARENTHESIS = lazy_regex(r"[^()\n]")
_MISREADABLE = lazy_regex(r"['\"`{}]")


def code_only(script: str) -> str | None:
    r"""`script` with its comments, strings, template literals and regex literals
    blanked (newlines kept), so that counting braces or finding `;` reads code:
    `s.replace(/{/g, '')` opens no block. A template's `${…}` reads as a parenthesised
    expression (its parentheses kept, all else blanked): code there runs inside an
    expression, never as a statement of its own. None when the script does not read so
    (a literal or comment left open, a `/` that starts no regex literal where one must
    start): a misread must not hide a real brace.

    >>> code_only("a = '{;'; b = c.replace(/[{]/g, '') / 2 // }")
    'a =     ; b = c.replace(      ,   ) / 2     '
    >>> code_only("h = `<a>${f(() => { go(); })}</a>`"), code_only("s = 'open")
    ('h =      ( (()        ()   ))     ', None)
    """
    blanks: list[tuple[int, int]] = []
    expressions: list[tuple[int, int]] = []  # each `${…}`, from its `$` to past its `}`
    stack: list[int] = []  # per template open: -1; per `${` open in one: its open braces
    opened: list[int] = []  # where each open `${` starts
    pos, lead, literals = 0, "", 0  # lead: the code's last characters before `pos`
    while pos < len(script):
        if stack and stack[-1] < 0:  # in a template's text
            part = _TEMPLATE_PART.search(script, pos)
            if part is None:
                return None
            if part.group() == "`":
                stack.pop()
                blanks.append((pos, part.end()))
                lead = "0"  # a template is a value: a `/` after it divides
            elif part.group() == "${":
                stack.append(0)
                opened.append(part.start())
                blanks.append((pos, part.start()))
                lead = ""  # an expression starts: a `/` here opens a regex literal
            pos = part.end()
            continue
        m = (_TOKEN_IN_EXPRESSION if stack else _TOKEN).search(script, pos)
        if m is None:
            break
        start, end = m.span()
        token = m.group()
        code = script[pos:start].rstrip()
        lead = code[-12:] if code else lead
        pos = end
        if token in "{}":
            stack[-1] += 1 if token == "{" else -1
            if stack[-1] < 0:  # the `}` that closes a `${`: back in the template's text
                stack[-1:] = []
                expressions.append((opened.pop(), end))
            lead = token
        elif token == "`":
            stack.append(-1)
            blanks.append((start, end))
        elif token == "/":
            if _divides(lead):
                # after `)` or `}` a regex may start too (`if (a) /'/.test(b)`): where
                # reading a division would leave a quote or brace to misread, don't read
                if lead[-1] in ")}":
                    maybe = _REGEX_LITERAL.match(script, start)
                    if maybe is not None and _MISREADABLE.search(maybe.group()):
                        return None
                lead = "/"
                continue
            literals += 1
            literal = _REGEX_LITERAL.match(script, start)
            if literal is None or literals > MAX_REGEX_LITERALS:
                return None
            pos = literal.end()
            blanks.append((start, pos))
            lead = "0"
        elif token.startswith("//"):
            blanks.append((start, end))
        elif token.startswith("/*"):
            if m.group("shut") is None:
                return None
            blanks.append((start, end))
        else:  # a string
            if m.group("sq") is None and m.group("dq") is None:
                return None
            blanks.append((start, end))
            lead = "0"
    if stack:
        return None
    out: list[str] = []
    done = 0
    for start, end in blanks:
        out += [script[done:start], _BLANK.sub(" ", script[start:end])]
        done = end
    out.append(script[done:])
    text = "".join(out)
    done = 0
    out = []
    for start, end in sorted(expressions):
        if start < done:
            continue  # inside an expression already read
        inner = _NOT_PARENTHESIS.sub(" ", text[start + 2 : end - 1])
        out += [text[done:start], " (", inner, ")"]
        done = end
    out.append(text[done:])
    return "".join(out)


def _divides(lead: str) -> bool:
    """Whether a `/` after `lead` (the code's last characters) is a division: after a
    value (a name, a number, `)`, `]`, `}`, `x++`), unless the name is a keyword that an
    expression follows (`return /x/.test(s)`), or a number's point (`1./2`)."""
    if not lead:
        return False
    if lead[-1].isalnum() or lead[-1] in "_$)]}":
        return _REGEX_AFTER_WORD.search(lead) is None
    return lead.endswith(("++", "--")) or (lead[-1] == "." and lead[-2:-1].isdigit())


def _unconditional(code: str, at: int) -> bool:
    """Whether a statement runs when the script does: at the top level (no open brace
    before it) and not behind `if`, `?:`, `&&` or `||` in its own statement. `code` has
    its strings, comments and regex literals blanked (`code_only`).

    >>> _unconditional("var a=1;location.replace('https://x.test/')", 8)
    True
    >>> _unconditional("function a(){location.assign('https://x.test/')}", 13)
    False
    """
    before = code[:at]
    if before.count("{") > before.count("}") or before.count("(") > before.count(")"):
        return False  # inside a function body or a call's arguments (`() => location=…`)
    start = max(before.rfind(";"), before.rfind("}"), before.rfind("\n"))
    return re.search(r"\bif\b|\?|&&|\|\|", before[start + 1 :]) is None


# What a visitor does: the events a listener on one element runs only when they click,
# tap, type or pick (Chromium's activation-triggering input and what it dispatches).
# Hover, scroll, focus and load are no act of theirs.
_USER_EVENTS = frozenset({"click", "dblclick", "auxclick", "mousedown", "mouseup",
                          "pointerdown", "pointerup", "touchend", "keydown", "keyup",
                          "keypress", "submit", "change"})
# a listener's call, ending where its function argument starts: `x.addEventListener(
# 'click', `, jQuery's `x.on('click', ` (and a delegated one's selector), `x.click(`
_LISTENER = lazy_regex(
    r"""\.\s*(?:addEventListener|on|one|bind)\s*\(\s*(['"`])([\w\s.]+)\1\s*,"""
    r"""\s*(?:(['"`])(?P<selector>[^'"`]*)\3\s*,\s*)?\s*(?:async\s+)?\Z"""
    r"""|\.\s*(click|dblclick|mousedown|mouseup|keydown|keyup|keypress|submit|change)"""
    r"""\s*\(\s*\Z""")
# a handler property set to a function: `x.onclick = `
_HANDLER_SET = lazy_regex(r"""\.\s*on([a-z]+)\s*=\s*(?:async\s+)?\Z""")
# a handler a framework's element takes as a prop: React's `{onClick: …}`, Vue's
# compiled `{on: {click: …}}` (one element's, by the element it renders)
_PROP_HANDLER = lazy_regex(
    r"""(?:(?<![\w$.])on(?P<event>[A-Z][A-Za-z]+|[a-z]+)"""
    r"""|(?<![\w$.])on\s*:\s*\{[^{}]{0,200}?(?<![\w$])(?P<vue>[a-z]+))\s*:\s*(?:async\s+)?\Z""")
# what a listener on the page as a whole is bound to: a click anywhere on it that
# navigates away is click-hijacking, not a visitor's choice
_PAGE_WIDE = lazy_regex(
    r"""(?:(?<![\w$.])(?:window|self|top|globalThis|document)"""
    r"""(?:\s*\.\s*(?:document|body|documentElement))*"""
    r"""|(?:\$|jQuery)\(\s*(?:window|document|(['"`])\s*(?:body|html)\s*\1)\s*\))\s*\Z""")
# the body's first element by its place (`document.body.firstElementChild`, `children[0]`)
_FIRST_CHILD = lazy_regex(
    r"""(?<![\w$.])(?:(?:window|self|top|globalThis)\s*\.\s*)?document\s*\.\s*body\s*\.\s*"""
    r"""(?:firstElementChild|firstChild|(?:children|childNodes)\s*\[\s*0\s*\])\s*\Z""")
# a script that hands every link of the page a listener (`document.links`,
# `querySelectorAll('a')`) hijacks them all: no one element's listener. Script names are
# case-sensitive and only the tag and attribute names HTML matches in any case are written
# so; each form is its own pattern led by its name, which a scan finds at memchr speed (one
# ignore-case alternation scanned a 600 KB bundle ten times slower)
_EVERY_LINK_TAG = r"""\s*\(\s*(['"`])\s*(?:[aA](?:\[[hH][rR][eE][fF]\])?|\*)\s*\1"""
_ALL_LINKS = (lazy_regex(r"document\s*\.\s*links\b"),
              lazy_regex(r"getElementsByTagName" + _EVERY_LINK_TAG),
              lazy_regex(r"querySelectorAll" + _EVERY_LINK_TAG))


def _every_link_calls(text: str) -> Iterator[re.Match[str]]:
    """Where `text` takes every link of the page, in the order written."""
    return heapq.merge(*(p.finditer(text) for p in _ALL_LINKS), key=lambda m: m.start())
# the head of a function: `function name(…) {`, `function (…) {`, `(…) => {`, `e => {`
_FUNCTION_HEAD = lazy_regex(
    r"""(?:(?<![\w$])function\s*\*?\s*([\w$]*)\s*\([^()]*\)|(?:\([^()]*\)|[\w$]+)\s*=>)\s*\Z""")
_NAMED_AS = lazy_regex(r"""(?<![\w$.])([\w$]+)\s*=\s*\Z|\b(?:var|let|const)\s+([\w$]+)\s*=\s*\Z""")
CLICK_REACH = 400  # as the walk reads back from a `.click()`
TEST_REACH = 2000  # characters of a listener's function before its navigation read for a test
_NAME_REACH = 200  # characters read back from a function's head for what it is handed to


# a listener's function written as an arrow with no braces, from the call's `(`:
# `x.addEventListener('click', () => location.href = …)`
_ARROW_LISTENER = lazy_regex(
    r"""\(\s*(['"`])([\w\s.]+)\1\s*,\s*(?:(['"`])(?P<selector>[^'"`]*)\3\s*,\s*)?"""
    r"""(?:async\s*)?(?:\([^()]*\)|[\w$]+)\s*=>""")
_LISTENER_CALL = lazy_regex(r"""\.\s*(?:addEventListener|on|one|bind)\s*\Z""")
MAX_CALLERS = 20  # a named function's calls read for whether the visitor's act runs it


# the handlers an act of the visitor's runs (`onclick`, `onsubmit`): the rest run unprompted
# or on no choice of theirs (`onmouseover`)
_VISITOR_HANDLERS = frozenset("on" + event for event in _USER_EVENTS)
_CLICK_CALL = lazy_regex(r"\.\s*click\s*\(\s*\)")


_NAME = lazy_regex(r"[\w$]+")


class _PageCode(NamedTuple):
    """What of the page's code may call a script's function: how often each name is
    written in its scripts and the handlers no act of the visitor's on one element runs
    (`onload`, `onmouseover`, `<body onclick>`), and the names its other handlers
    (`onclick`, `onsubmit`) write. Counted once a page."""

    names: Counter[str]
    visitors: frozenset[str]
    scripts: list[str]
    overlays: frozenset[str] = frozenset()  # ids of layers pinned over the whole page
    shells: frozenset[str] = frozenset()  # `#id`s and `.class`es of what holds its content
    first_shell: bool = False  # whether the body's first element is such a wrapper


def _cloak_names(ctx: PageContext) -> frozenset[str]:
    """The names the page's scripts define just before reading the referrer, a cookie or
    `navigator.webdriver` (within CLOAK_NAME_WINDOW characters), and the property the
    statement holding the read sets (`_PROPERTY_SET`): where a cloak split over two scripts
    keeps the answer its redirect tests. One bounded look back per read."""
    def build() -> frozenset[str]:
        names: set[str] = set()
        for code, _, _ in script_codes(ctx, handlers=(), srcdoc=False):
            for read in _CLOAKING.finditer(code):
                if read.group(1) is None and read.group(2) is None:
                    continue  # the user agent: what an app promotion tests
                since = max(0, read.start() - CLOAK_NAME_WINDOW)
                for m in _DEFINED_NAME.finditer(code, since, read.start()):
                    names.add(m.group(1) or m.group(2))
                start = max(since, *(code.rfind(c, since, read.start()) for c in ";{}\n"))
                names.update(f"{m.group(1)}.{m.group(2)}" for m in _PROPERTY_SET.finditer(
                    code, start, read.start()) if m.group(1) not in _BROWSER_NAMES)
        return frozenset(names - _BROWSER_NAMES)

    return ctx.view("cloak names", build)


def _user_agent_helpers(text: str) -> dict[str, int]:
    """Each name the script defines just before reading the user agent (within
    CLOAK_NAME_WINDOW characters of a read: the helper a phone test keeps, `var isMobile =
    {…navigator.userAgent.match(…)…}`), with the end of its first such read. Read once a
    script, one bounded look back per read; never empty, so that it is read once."""
    out: dict[str, int] = {"": 0}
    for read in _CLOAKING.finditer(text):
        if read.group(1) is not None or read.group(2) is not None:
            continue  # a referrer, cookie or webdriver read: no user agent's helper
        for m in _DEFINED_NAME.finditer(text, max(0, read.start() - CLOAK_NAME_WINDOW),
                                        read.start()):
            out.setdefault(m.group(1) or m.group(2), read.end())
    return out


def _asks_a_helper(code: str, window: tuple[int, int], helpers: dict[str, int]) -> bool:
    """Whether the window before a redirect calls a user-agent helper the script defined
    before it (`isMobile.iOS()`, `isPhone()`); `code` is the script's code alone
    (`code_only`), so a name in a comment or a string asks nothing."""
    return any(helpers.get(m.group(1), window[1] + 1) <= window[1]
               for m in _CALLED.finditer(code, *window) if m.group(1) not in _BROWSER_NAMES)


def _tests_a_cloak_read(ctx: PageContext, text: str) -> bool:
    """Whether a script asks a name another script of the page put a referrer, cookie or
    webdriver read into (`_cloak_names`), and does not define that name itself (its own
    local of the same name is no other script's answer)."""
    names = _cloak_names(ctx)
    if not names:
        return False
    own = {m.group(1) or m.group(2) for m in _DEFINED_NAME.finditer(text)}
    if any(w in names and w not in own for w in set(_IDENTIFIER.findall(text))):
        return True
    own = {f"{m.group(1)}.{m.group(2)}" for m in _PROPERTY_SET.finditer(text)}
    return any(p in names and p not in own
               for p in {f"{m.group(1)}.{m.group(2)}" for m in _PROPERTY.finditer(text)})


def _page_code(ctx: PageContext) -> _PageCode:
    if ctx.page is None:
        return _PageCode(Counter(), frozenset(), [])
    scripts = [code for code, _, _, source in ctx.page.codes if source in ("script", "srcdoc")]
    others = list(scripts)
    visitors: list[str] = []
    for el in ctx.page.with_handlers:
        page_wide = str(el.tag).lower() in ("body", "html", "frameset")
        for attr, value in handlers_of(el):
            (visitors if attr in _VISITOR_HANDLERS and not page_wide else others).append(value)
    overlays = frozenset(
        str(el.get("id")).strip() for style in attributes_named(ctx.page.root, "style")
        if (el := style.getparent()) is not None and el.get("id") and _pins_overlay(style))
    wrappers = _wrappers(ctx.page)
    return _PageCode(Counter(name for code in others for name in _NAME.findall(code)),
                     frozenset(name for code in visitors for name in _NAME.findall(code)),
                     others, overlays, _shells(ctx.page, wrappers),
                     bool(wrappers) and wrappers[0] is _first_shown(ctx.page))


# what holds a page's content: a layout's wrapper (`div#page`, `.site-wrapper`) around
# its main part or article, a listener on which hears a click anywhere on the page
_CONTENT = ("main", "article")


def _shells(page: ParsedPage, wrappers: list[etree._Element]) -> frozenset[str]:
    """The `#id`s and `.class`es of the page's main part and articles and of the elements
    holding them, and of the wrappers holding most of the page where it marks neither
    (`_wrappers`); not the body or the root, which `_PAGE_WIDE` names."""
    names: set[str] = set()
    seen: set[etree._Element] = set()
    for held in (*(el for tag in _CONTENT for el in page.tagged(tag)), *wrappers):
        for el in (held, *held.iterancestors()):
            if el in seen or str(el.tag).lower() in ("body", "html"):
                break
            seen.add(el)
            if el.get("id"):
                names.add("#" + str(el.get("id")).strip())
            names.update("." + name for name in str(el.get("class") or "").split())
    return frozenset(names)


# the elements a layout wraps a page in (`div.wrapper`, `div#page`, ASP.NET's `form#form1`)
_WRAPPER_TAGS = frozenset({"div", "section", "main", "article", "center", "form", "table",
                           "tbody", "tr", "td"})
_UNSHOWN = frozenset({"script", "style", "noscript", "template", "link", "meta"})
WRAPPER_DEPTH = 6  # wrappers inside wrappers followed down from the body


def _wrappers(page: ParsedPage) -> list[etree._Element]:
    """The wrappers that hold most of the page's text, outermost first: from the body, the
    one child (of a layout's tags) holding more than half of it, then its such child, and
    so on. A listener on one hears a click almost anywhere, whether or not the page marks
    its main part; a card, a menu or a share bar holds a small part."""
    body = next(iter(page.tagged("body")), None)
    if body is None:
        return []
    sizes = shown_sizes(body)
    total = sizes[body]
    found: list[etree._Element] = []
    el: etree._Element | None = body
    while el is not None and total and len(found) < WRAPPER_DEPTH:
        el = next((child for child in el if isinstance(child.tag, str)
                   and child.tag in _WRAPPER_TAGS and 2 * sizes[child] > total), None)
        if el is not None:
            found.append(el)
    return found


def shown_sizes(root: etree._Element) -> dict[etree._Element, int]:
    """How many characters of text each element of a subtree shows: the stripped text of
    it and of every element inside (not a script's, style's or other unshown element's
    own text) and the tails inside it. One pass, children before their parent: asking
    each wrapper's children in turn walked the body once per level."""
    sizes: dict[etree._Element, int] = {}
    for _, el in etree.iterwalk(root, events=("end",)):
        shown = isinstance(el.tag, str) and el.tag not in _UNSHOWN
        size = len((el.text or "").strip()) if shown or el is root else 0
        for child in el:
            size += sizes.get(child, 0) + len((child.tail or "").strip())
        sizes[el] = size
    return sizes


def _first_shown(page: ParsedPage) -> etree._Element | None:
    """The body's first element a visitor sees (`document.body.firstElementChild` as an
    injector means it: a skip link or a wrapper, past the scripts before it)."""
    body = next(iter(page.tagged("body")), None)
    return next((child for child in body if isinstance(child.tag, str)
                 and child.tag not in _UNSHOWN), None) if body is not None else None


# a layer pinned over the whole page (`position: fixed; inset: 0`, or 100% of the
# viewport): a click on it is a click anywhere, the click-hijacker's transparent sheet
# (in CSS, `position: fixed`, or a script's `style.position = 'fixed'`, `{position: "fixed"}`)
_SET_TO = r"""['"`]?\s*[:=]\s*['"`]?"""
_PINNED = lazy_regex(r"position" + _SET_TO + r"(?:fixed|absolute)", re.I)
_WHOLE_PAGE = lazy_regex(r"inset" + _SET_TO + r"0(?![\d.])|(?:width|height)" + _SET_TO
                         + r"100(?:%|vw|vh)", re.I)
OVERLAY_REACH = 300  # characters of a script around its `position: fixed` read for the size


def _pins_overlay(style: str) -> bool:
    """Whether a style (or a script's text) pins a layer over the whole page."""
    for pinned in _PINNED.finditer(style):
        start = max(0, pinned.start() - OVERLAY_REACH)
        if _WHOLE_PAGE.search(style, start, pinned.end() + OVERLAY_REACH):
            return True
    return False


def _unprompted_clicks(ctx: PageContext, xpath: str, page_code: _PageCode
                       ) -> list[tuple[str, int, str]] | None:
    """Each `.click()` of the markup's link at `xpath` that code runs unprompted (not
    `_user_initiated`; one in an `onclick` handler is the visitor's by its nature), as
    the clicking script's code (`code_only`), where the call is, and the script's text;
    None when no link is at `xpath`."""
    links = ctx.root.xpath(xpath) if ctx.root is not None else []
    if not links:
        return None
    names = quoted_names(links[0])
    unprompted: list[tuple[str, int, str]] = []
    for code in page_code.scripts:
        if ".click" not in code:
            continue
        script: _Script | None = None
        for click in _CLICK_CALL.finditer(code):
            before = code[max(0, click.start() - CLICK_REACH):click.start()]
            low = before.lower().encode("utf-8", "replace")
            if names.isdisjoint(clicked_names(low)):
                continue
            script = script or _Script(code, code_only(code) or code, page_code)
            if not _user_initiated(script, click.start()):
                unprompted.append((script.code, click.start(), script.text))
    return unprompted


class _Script:
    """One script read for who runs its statements: its text, its code (`code_only`:
    strings and comments blanked at the same offsets), the page's other code
    (`_PageCode`: what else may call its functions, and the visitor's handlers), its
    braces and parentheses matched once, and each of its functions judged once."""

    def __init__(self, text: str, code: str, page: _PageCode) -> None:
        self.text, self.code, self.page = text, code, page
        self.own = Counter(_NAME.findall(text))  # the names it writes: the page's less these
        self.opens: list[int] = []
        self.closes: list[int] = []  # where each opened one closes (the end if it does not)
        self.parents: list[int] = []  # which one encloses it (-1: none)
        stack: list[int] = []
        for m in re.finditer(r"[{}()]", code):
            if m.group() in "{(":
                self.parents.append(stack[-1] if stack else -1)
                stack.append(len(self.opens))
                self.opens.append(m.start())
                self.closes.append(len(code))
            elif stack:
                self.closes[stack.pop()] = m.start()
        self.functions: dict[str, bool] = {}  # `_called_by_visitor`'s answers, by name
        self._assigned: dict[str, list[tuple[int, str]]] | None = None

    def assigned(self) -> dict[str, list[tuple[int, str]]]:
        """The values the script sets each name to (`x = …`, `var x = …`), where, in
        order: read in one pass, at the first listener whose receiver is a name."""
        if self._assigned is None:
            self._assigned = {}
            for m in _ASSIGNED.finditer(self.code):
                start, name = name_before(self.code, m.start())
                if name and not name[0].isdigit() and (
                        start == 0 or self.code[start - 1] not in "."):
                    value = self.text[m.start(1):m.end(1)].strip()
                    self._assigned.setdefault(name, []).append((start, value))
        return self._assigned

    def enclosing(self, at: int) -> Iterator[int]:
        """Where the braces and parentheses open that enclose `at`, innermost first."""
        index = bisect.bisect_left(self.opens, at) - 1
        while index >= 0:  # the last to open before `at`, then what encloses it (nested)
            if self.closes[index] >= at:
                yield self.opens[index]
            index = self.parents[index]


def _element_listener(script: _Script, before_end: int, event: str,
                      selector: str | None, tested: str = "") -> bool:
    """Whether a listener for `event`, whose call's receiver ends at `before_end`, is a
    visitor's act on one element (`_USER_EVENTS`), not a click anywhere on the page: not
    on the window, the document, its body or a shell holding the page's content, by
    whatever name the script gives them (`_page_wide`), nor on every element of a kind
    (`_EVERY`, `_ALL_LINKS`), nor with a layer pinned over the whole page (one the
    script builds, or an element of the page's `overlays` it names). A delegated
    listener (jQuery's `.on('click', selector, …)`) is judged by its `selector` (empty
    for a framework element's prop, `_PROP_HANDLER`: that element's); one on
    the page whose function, before the navigation (`tested`), picks the element clicked
    by a selector of one (`e.target.closest('.js-login')`, the same delegation written
    by hand) or a key event's key (`e.key === 'ArrowRight'`, a pagination shortcut) is
    the visitor's act on that element or key too."""
    text, overlays = script.text, script.page.overlays
    if event.strip().lower() not in _USER_EVENTS or any(p.search(text) for p in _ALL_LINKS):
        return False
    if _pins_overlay(text) or any(
            quoted in text for name in overlays for quoted in (f"'{name}'", f'"{name}"',
                                                              f"#{name}")):
        return False  # a sheet over the page: every click is its click
    if selector is not None:
        wide = _every(selector, script.page.shells)
    else:
        start = max(0, before_end - _NAME_REACH)
        receiver = text[start:before_end]
        # in a loop over every paragraph, div or link of the page, or on the page; an
        # element the receiver picks itself (`$('#sponsor')`) is that element, whatever
        # collection another statement before it walks
        wide = (_picked(receiver) is None and any(
            _every_of_kind(m.group(2), script.page.shells) for m in _COLLECTION.finditer(
                text, max(0, before_end - CLICK_REACH), before_end))) \
            or _page_wide(receiver, script, before_end, 0)
    if not wide:
        return True
    if event.strip().lower().startswith("key") and _KEY_TEST.search(tested):
        return True  # a shortcut: the key the visitor pressed
    return any(not _every(m.group(2), script.page.shells)
               for m in _TARGET_TEST.finditer(tested))


# a handler's test of the element clicked, by a selector (`e.target.closest('.login')`,
# `.matches(…)`, `.classList.contains('login')`), and of the key pressed
_TARGET_TEST = lazy_regex(r"""\.\s*(?:closest|matches|classList\s*\.\s*contains)\s*\("""
                          r"""\s*(['"`])([^'"`]{1,200})\1""")
_KEY_TEST = lazy_regex(r"\.\s*(?:key|keyCode|which|code)\s*(?:===?|!==?)|"
                       r"(?:===?|!==?)\s*[\w$]+\s*\.\s*(?:key|keyCode|which|code)\b"
                       r"|switch\s*\(\s*[\w$]+\s*\.\s*(?:key|keyCode|which|code)\s*\)")


# the tags the page's content is made of (`p`, `div`, `a`, `*`), not its controls
# (`button`, `select`, `form`): a selector of every one of them is a click anywhere
_CONTENT_TAGS = frozenset({"a", "p", "div", "span", "li", "ul", "img", "section", "article",
                           "main", "td", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "*",
                           "body", "html"})
# a collection a script walks, handing each element a listener (its selector read by
# `_every_of_kind`)
_COLLECTION = lazy_regex(
    r"""(?:getElementsByTagName|querySelectorAll|\$|jQuery)\s*\(\s*(['"`])([^'"`]{1,200})\1"""
    r"""\s*\)""")
# a selector's compound (`div#page.site`, `a[href]`, `li:first-child`) and the combinators
# between compounds (a descendant's space, `>`, `+`, `~`)
_COMPOUND = lazy_regex(r"""(?P<tag>[A-Za-z][\w-]*|\*)?(?P<names>(?:[#.][\w-]+)*)"""
                       r"""(?P<rest>(?:\[[^\]]*\]|::?[\w-]+(?:\([^()]*\))?)*)""")
_COMBINATOR = lazy_regex(r"""(\s*[>+~]\s*|\s+)""")


# a receiver written as an element picked by a selector, an id or a class
_PICKED = lazy_regex(
    r"""(?:querySelector|getElementById|getElementsByClassName|getElementsByTagName"""
    r"""|\$|jQuery)\s*\(\s*(['"`])([^'"`]{1,200})\1""")
# the name a receiver ends in, and what follows it (`d`, `d.body`, `ps[i]`, `w['body']`)
_RECEIVER_NAME = lazy_regex(r"""(?<![\w$.])([\w$]+)((?:\s*\.\s*[\w$]+|\s*\[[^\[\]]*\])*)\s*\Z""")
# a value assigned, to the statement's end or the declaration's next comma; led by the `=`
# (the name is read back from it: `name_before`), so one pass reads a script's all
_ASSIGNED = lazy_regex(r"""(?<![=!<>+\-*/%&|^])=(?![=>])\s*"""
                       r"""((?:[^;,\n'"`]|'[^'\n]*'|"[^"\n]*"){1,200})""")


def _compounds(selector: str) -> list[tuple[str, re.Match[str]]] | None:
    """A complex selector (no commas) as browsers read it: its compounds, each with the
    combinator before it (" " for the first), the last its subject; None when it does
    not read so."""
    parts = _COMBINATOR.split(selector.strip())
    read: list[tuple[str, re.Match[str]]] = []
    for i in range(0, len(parts), 2):
        compound = _COMPOUND.fullmatch(parts[i])
        if not parts[i] or compound is None:
            return None
        read.append(((parts[i - 1].strip() or " ") if i else " ", compound))
    return read


def _shell(compound: re.Match[str], shells: frozenset[str]) -> bool:
    """Whether a compound names the page's body or root or a shell holding its content."""
    return (compound.group("tag") or "").lower() in ("body", "html") or any(
        name in shells for name in re.findall(r"[#.][\w-]+", compound.group("names")))


def _every_of_kind(selector: str, shells: frozenset[str], *, first: bool = False) -> bool:
    """Whether a selector (a list) picks every element of a content kind in the page or a
    shell of it: `p`, `a[href]`, `body > div`, `div p`, `#app .content a` where `#app` and
    `.content` hold the page; not `.menu a` (one menu's links) nor `h1 + p` (a sibling picks one).
    `first`: only its first element is picked (`querySelector`, `[0]`), which is the page
    only where a wrapper's tag can be it (`body > div`), not a link's or a paragraph's."""
    for one in selector.split(","):
        read = _compounds(one)
        if not read:
            continue
        combinator, subject = read[-1]
        kind = (subject.group("tag") or "").lower()
        if kind not in _CONTENT_TAGS or subject.group("names") or subject.group("rest") not in (
                "", "[href]") or (first and kind not in _WRAPPER_TAGS | {"*", "body", "html"}):
            continue
        if all(c in " >" and (_shell(a, shells) or _holder(a)) for c, a in read[:-1]) \
                and combinator in " >":
            return True
    return False


# the tags every part of a page's content sits in: `div p`, `article a`, `* a` are every
# paragraph or link of it, as `p` and `a` are
_HOLDERS = frozenset({"*", "div", "section", "main", "article"})


def _holder(compound: re.Match[str]) -> bool:
    """Whether a compound is a bare tag of what holds every part of a page (`div`, `*`)."""
    return (compound.group("tag") or "").lower() in _HOLDERS and not compound.group(
        "names") and not compound.group("rest")


def _every(selector: str, shells: frozenset[str], *, first: bool = False) -> bool:
    """Whether a selector picks every element of a content kind, the page's body, or a
    shell holding its content (`_PageCode.shells`), read as browsers read it: by its
    subject, the compound after the last combinator (`#page #buy` is the button);
    `first`: of what it picks only the first (`_every_of_kind`)."""
    if _every_of_kind(selector, shells, first=first):
        return True
    return any(read and _shell(read[-1][1], shells)
               for read in (_compounds(one) for one in selector.split(",")))


def _picked(receiver: str) -> re.Match[str] | None:
    """The selector call a listener's receiver is, when it is one (`$('#buy')`,
    `document.getElementById('page')`, `querySelectorAll('p')[0]`)."""
    picked = next(reversed(list(_PICKED.finditer(receiver))), None)  # the receiver's own
    if picked is not None and re.fullmatch(r"\s*\)\s*(?:\[\s*0\s*\]\s*)?",
                                           receiver[picked.end():]):
        return picked
    return None


def _page_wide(receiver: str, script: _Script, at: int, depth: int) -> bool:
    """Whether a listener's receiver (the code before its `.addEventListener`) is the
    window, the document, its body or root, or a shell holding the page's content: by
    their names, an element picked by a selector of them, or a variable the script set
    to one (`var d = document; d.addEventListener(…)`, `_0x1a['body']`)."""
    receiver = re.sub(r"""\[\s*(['"`])([\w$]+)\1\s*\]""", r".\2", receiver)
    if _PAGE_WIDE.search(receiver):
        return True
    if _FIRST_CHILD.search(receiver):
        return script.page.first_shell  # the body's first element, a wrapper of the page
    if (picked := _picked(receiver)) is not None:
        how, selector = picked.group(), picked.group(2).strip()
        if "ById" in how:
            return "#" + selector in script.page.shells
        if "ByClassName" in how:
            return all("." + name in script.page.shells for name in selector.split())
        # `querySelector('#content a')`, `querySelectorAll('p')[0]`: one element, the first
        first = ("querySelector" in how and "All" not in how) or "[" in receiver[picked.end():]
        return _every(selector, script.page.shells, first=first)
    named = _RECEIVER_NAME.search(receiver)
    if named is None or depth >= 2 or named.group(1) in ("this", "window", "document"):
        return False
    values = script.assigned().get(named.group(1), [])
    index = bisect.bisect_left(values, (at,)) - 1
    if index < 0:
        return False  # set nowhere before: a parameter, or another script's
    set_at, value = values[index]
    # `ps[i]` of `ps = document.querySelectorAll('p')`: an element of the collection
    tail = re.sub(r"\s*\[[^\[\]]*\]\s*\Z", "", named.group(2))
    if tail != named.group(2) and any(_every_of_kind(m.group(2), script.page.shells)
                                      for m in _COLLECTION.finditer(value)):
        return True
    return _page_wide(value + tail, script, set_at, depth + 1)


def _user_initiated(script: _Script, at: int, depth: int = 0) -> bool:
    """Whether the statement at `at` runs only on an act of the visitor's on one element:
    inside a function handed to a listener of one of `_USER_EVENTS` bound to an element
    (not the window, the document, its body, its wrapper, nor every link or paragraph:
    that is click-hijacking, `_element_listener`),
    or set as its `on…` handler, or inside a named function the script calls only from
    such functions or the visitor's handlers (`onclick`), at least once, and nothing else
    of the page names (`_PageCode`): a share
    button's `onclick="share()"`. `code` is `text` with its strings and comments
    blanked at the same offsets (`code_only`); a listener's event is read from `text`."""
    text, code = script.text, script.code
    for opened in script.enclosing(at):
        if code[opened] == "(":
            arrow = _ARROW_LISTENER.match(text, opened)
            if arrow and arrow.end() <= at and _LISTENER_CALL.search(
                    code, max(0, opened - _NAME_REACH), opened):
                call = _LISTENER_CALL.search(code, max(0, opened - _NAME_REACH), opened)
                assert call is not None
                return _element_listener(script, call.start(), arrow.group(2),
                                         arrow.group("selector"),
                                         text[max(arrow.end(), at - TEST_REACH):at])
            continue
        head = _FUNCTION_HEAD.search(code, max(0, opened - _NAME_REACH), opened)
        if head is None:
            continue  # a block (`if`, a loop) or an object literal: read outward
        before = text[max(0, head.start() - _NAME_REACH):head.start()]
        offset = head.start() - len(before)
        if (listener := _LISTENER.search(before)) is not None:
            event = listener.group(2) or listener.group(5)
            return _element_listener(script, offset + listener.start(), event,
                                     listener.group("selector"),
                                     text[max(opened, at - TEST_REACH):at])
        if (handler := _HANDLER_SET.search(before)) is not None:
            return _element_listener(script, offset + handler.start(), handler.group(1), None,
                                     text[max(opened, at - TEST_REACH):at])
        if (prop := _PROP_HANDLER.search(before)) is not None:
            # an element's prop, unless its object is handed to the page after it
            # (`Object.assign(document.body, {onclick: …})`)
            brace = next(script.enclosing(offset + prop.start()), 0)
            lead_at = max(0, brace - _NAME_REACH)
            lead = text[lead_at:brace].rstrip()
            handed = lead.endswith(",")
            return _element_listener(script, lead_at + len(lead) - 1 if handed else 0,
                                     prop.group("event") or prop.group("vue"),
                                     None if handed else "",
                                     text[max(opened, at - TEST_REACH):at])
        named = _NAMED_AS.search(code, max(0, head.start() - _NAME_REACH), head.start())
        name = head.group(1) or (named and (named.group(1) or named.group(2)))
        if name:
            if name not in script.functions:
                script.functions[name] = _called_by_visitor(script, name, head.start(), depth)
            return script.functions[name]
    return False


def _called_by_visitor(script: _Script, name: str, declared: int, depth: int) -> bool:
    """Whether the script's function `name` (declared at `declared`) runs only on the
    visitor's act: a handler of theirs or an element's listener calls it, no other
    script nor unprompted handler names it, and each of the script's own calls of it is
    `_user_initiated` or hands it to an element's listener."""
    text, code = script.text, script.code
    if depth >= 3 or script.page.names[name] > script.own[name] \
            or script.own[name] > MAX_CALLERS + 2:
        return False  # named by the page's other code (or too often, or too deep, to follow)
    # led by the name, the literal a search skips ahead to
    word = re.compile(re.escape(name) + r"(?<![\w$.]" + re.escape(name) + r")(?![\w$])")
    uses = [m for m in itertools.islice(word.finditer(code), MAX_CALLERS + 2)
            if not re.fullmatch(r"function\s*\*?\s*", code[declared:m.start()])  # its name
            and not re.match(r"\s*=(?!=)", code[m.end():m.end() + 8])]  # `name = function`
    if len(uses) > MAX_CALLERS or not (uses or name in script.page.visitors):
        return False  # called nowhere the page shows: by whom, it does not say
    for use in uses:
        listener = _LISTENER.search(text, max(0, use.start() - _NAME_REACH), use.start())
        if listener is not None:
            if not _element_listener(script, listener.start(), listener.group(2) or
                                     listener.group(5), listener.group("selector")):
                return False
            continue
        handler = _HANDLER_SET.search(text, max(0, use.start() - _NAME_REACH), use.start())
        if handler is not None:  # `button.onclick = share`
            if not _element_listener(script, handler.start(), handler.group(1), None):
                return False
            continue
        if not _user_initiated(script, use.start(), depth + 1):
            return False
    return True


# --- safelink pages: a link shortener's monetised wait -----------------------------

# what a safelink's or a monetised shortener's wait page says (ouo.io's "Get Link",
# shrinkme's "Generating link… please wait", safelinku's "scroll down and click continue";
# Indonesian safelinks' "Tunggu 10 detik", "Link sudah siap"); each phrase is about a link
# it will hand over, so a SPA shell's "Loading…" or a sign-in's "please wait" says none
# one linear pass by RE2: `re` tried each branch at every position (3.6 ms a corpus
# page, 2.6 s on a 5 MB one; RE2 0.05 ms)
_SAFELINK_WORDS = (
    r"generat\w*\s+(?:your\s+|the\s+)?(?:download\s+)?link"
    r"|(?:your|the)\s+(?:download\s+)?link\s+is\s+(?:almost\s+|now\s+)?ready"
    r"|\bget\s+(?:the\s+|your\s+)?link\b|\bskip\s+ad\b"
    r"|scroll\s+down\b[^\x00.!]{0,40}\b(?:link|continue|button)"
    r"|link\s+will\s+(?:be\s+)?(?:appear|available|ready|generated|unlock)"
    r"|(?:continue|proceed)\s+to\s+(?:the\s+|your\s+)?(?:link|destination)"
    r"|(?:please\s+)?wait\s+(?:for\s+)?\d{1,3}\s+sec"
    r"|tunggu\s+\d{1,3}\s+detik|link\s+(?:anda\s+)?(?:sudah\s+)?siap|dapatkan\s+link"
    r"|(?:gulir|scroll)\s+ke\s+bawah"
    # the same pages in Spanish, Portuguese, French, Turkish and Vietnamese
    r"|generando\s+(?:tu\s+|el\s+)?enlace|obtener\s+(?:el\s+)?enlace"
    r"|(?:tu|el)\s+enlace\s+est[aá]\s+listo|espere\s+\d{1,3}\s+segundos"
    r"|gerando\s+(?:seu\s+|o\s+)?link|obter\s+(?:o\s+)?link|aguarde\s+\d{1,3}\s+segundos"
    r"|g[ée]n[ée]ration\s+du\s+lien|obtenir\s+(?:le\s+)?lien|votre\s+lien\s+est\s+pr[eê]t"
    r"|patientez\s+\d{1,3}\s+secondes"
    r"|ba[gğ]lant[iı](?:n[iı]z)?\s+haz[iı]rlan|ba[gğ]lant[iı]y[iı]\s+al|linki\s+al"
    r"|\d{1,3}\s+saniye\s+bekle|l[aấ]y\s+link|vui\s+l[oò]ng\s+[dđ][oợ]i\s+\d{1,3}\s+gi[aâây]")
_SAFELINK_SAYS: Any = re2_text_pattern(_SAFELINK_WORDS)
# The same words with no word edge asked (`\b` dropped: it matches wherever they do,
# and more), over the page's whole text run together (`ParsedPage.all_text`, where a
# node's first word may follow the last of the node before): a page it does not match
# says none of them, and its shown text is never gathered (0.45 ms a corpus page; the
# test costs half that; 3 pages in 110 pass it, Blogger's share menu's "Get link" in its
# script's settings)
_SAFELINK_MAY_SAY: Any = re2_text_pattern(_SAFELINK_WORDS.replace(r"\b", ""), utf8=True)
# which of them name the link
_ABOUT_A_LINK = lazy_regex(r"link|destination|enlace|lien|ba[gğ]lant", re.I)


def _safelink(ctx: PageContext) -> tuple[list[str], bool] | None:
    """What a safelink's wait page says of its link and whether its script counts down,
    when the page is one (`safelink_page`), else None: read once a page, asked by the
    page-level finding and by `redirects`, whose low wait verdict it stands for."""
    if ctx.page is None:
        return None
    found: tuple[list[str], bool] | None = ctx.view("safelink", lambda: _safelink_read(ctx))
    return found


def _safelink_read(ctx: PageContext) -> tuple[list[str], bool] | None:
    assert ctx.page is not None
    if not _SAFELINK_MAY_SAY.search(ctx.page.all_text) or not _SAFELINK_SAYS.search(
            ctx.page.shown_text):
        return None  # most pages say nothing of a link to wait for
    if not _read_as_wait_page(ctx):
        return None  # a page of prose is read, not waited on
    # lowered as Turkish lowers its dotted İ (str.lower() makes it i and a combining dot,
    # and 'li̇nki̇ al' names no link)
    said = list(dict.fromkeys(m.group(0).replace("\u0130", "i").lower() for m in
                              itertools.islice(_SAFELINK_SAYS.finditer(ctx.page.shown_text), 8)))
    countdown = any(_script_counts_down(ctx, code_only(text) or text, text)
                    for text, _, _ in script_codes(ctx))
    if not any(_ABOUT_A_LINK.search(w) for w in said) or (len(said) < 2 and not countdown):
        return None  # a download page's "please wait 10 seconds" hands over a file, no link
    if not countdown and not _carries_ads(ctx):
        return None  # an app's share dialog ("Get link", "Generate link") earns from no wait
    if _offers_a_file(ctx):
        return None  # a download portal's "your download link is ready", its file shown
    return said, countdown


# the files a download portal's wait page hands over: installers, packages and archives
_FILE_HREF = lazy_regex(r"\.(?:exe|msi|msix|appx|dmg|pkg|apk|xapk|deb|rpm|appimage|zip|rar"
                        r"|7z|tar\.gz|tgz|iso)$", re.I)


def _offers_a_file(ctx: PageContext) -> bool:
    """Whether the page shows a link straight to a program or archive file (an `<a>` no
    inline style, `hidden` or class hides: `dom.hiding`): a download portal's wait for its file
    ("your download link is ready, please wait 5 seconds", FileHorse's, the Vietnamese
    portals' "vui lòng đợi 5 giây để lấy link tải"), whose visitor may take the file
    at once. A safelink shows no destination before its wait ends (its link is `#` or
    hidden until the countdown), so it offers none."""
    assert ctx.page is not None
    for a in ctx.page.tagged("a"):
        href = (a.get("href") or "").split("#")[0].split("?")[0].strip()
        if _FILE_HREF.search(href) and not any(
                hiding(el) is not None for el in (a, *a.iterancestors())):
            return True
    return False


def _carries_ads(ctx: PageContext) -> bool:
    """Whether the page shows or loads any ad (a slot, or a request of an advertising
    network): a safelink is paid by the ads its visitors wait through."""
    return bool(ctx.slots) or any(
        r.category is Category.ADVERTISING for r in ctx.resources if not r.hint)


def safelink_page(ctx: PageContext) -> Iterator[Finding]:
    """A page of little prose that holds the visitor before a link: a safelink or a
    monetised link shortener's wait page (ouo.io, shrinkme, safelinku and their WordPress
    clones), which earns from the ads shown while the visitor waits, not from content.
    Told by its words about the link it will hand over, one naming the link, said twice
    or beside a countdown its script updates; a site's own shortener that sends on at
    once, a SPA shell's "Loading…", a download page's wait for its file, an app's share
    dialog (no countdown, no ad) and an article are none. Its timed redirect to the link
    is this finding's, not a second `redirect` saying the same at `low`; a doorway's
    announced bounce stays `redirect`'s."""
    found = _safelink(ctx)
    if found is None or ctx.page is None:
        return
    said, countdown = found
    body = next(iter(ctx.page.tagged("body")), None)
    quoted = ", ".join(f"\"{w}\"" for w in said[:3])
    yield finding(
        SAFELINK_PAGE, Severity.MEDIUM,
        f"a link shortener's wait page (a safelink): little prose, it says {quoted}"
        + (" and counts down" if countdown else "") + ": visitors wait through its ads for "
        "a link, a monetised doorway rather than content",
        " ".join(said), line=line_of(body) if body is not None else 0,
        xpath=ctx.xpath(body) if body is not None else "", key=("safelink page",))


SAFELINK_PAGE = FindingKind(
    "safelink-page", (Severity.MEDIUM,), Severity.MEDIUM,
    "A link shortener's monetised wait page (a safelink)",
    "A page of little prose whose words are about a link it will hand over (\"generating "
    "link\", \"your link is ready\", \"scroll down and click continue\", \"get link\", "
    "\"tunggu 10 detik\", \"generando enlace\", \"bağlantıyı al\"), said twice or beside "
    "a countdown its script updates: the wait page "
    "of a monetised link shortener or safelink (ouo.io, shrinkme, safelinku and their "
    "WordPress clones), which earns from the ads shown while visitors wait; its timed "
    "redirect to the link it shows is told here, not as a `redirect` too. A page kind, "
    "not an injection: a scraped or linked page that is one carries no content of its own; "
    "check where its link leads. A SPA shell's \"Loading…\", a sign-in's \"please wait\", a "
    "download page's wait for its file (no word names a link, or the page shows a link "
    "straight to its installer or archive), words with no countdown on a page without ads "
    "(an app's \"Get link\" share dialog) and an article are none.",
)

REDIRECT = FindingKind(
    "redirect", (Severity.LOW, Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "A redirect of the visitor to another site",
    "A meta refresh or a script (`location.href`, `replace`, `assign`, a link it sets up or "
    "finds and `.click()`s) sends the visitor to "
    "another registrable domain. High for a meta refresh, a redirect decoded from hidden code, "
    "one guarded by a referrer, user-agent or cookie test (cloaking), or one that runs as the "
    "page loads; medium on another condition of the page's own script, and for a link of the "
    "page's markup its code clicks, and for a meta refresh in the `<head>` (or plain code "
    "sending the visitor on as it loads) of a page of "
    "unknown address (no URL given) holding nothing else, a search engine's or a "
    "shortener's link page as often as a doorway. None when only the visitor's act on one "
    "element runs it "
    "(a listener for a click, a key or a choice bound to an element, its `onclick`, or a "
    "function only those call: a share button, a download, a jump menu), nor for a link that "
    "opens a new tab (`target=_blank`, or the page's `<base target=_blank>`); a listener on "
    "the window, the document, its root or body (by whatever name the script gives them, "
    "`document.body.firstElementChild` when that is a wrapper), a wrapper holding the page's "
    "main part, article or most of its text, every link or every element of a kind (each "
    "`p`, `div`, `*`, `#app .content a`: a selector read by its subject), or a layer "
    "pinned over the whole page (`position: fixed` at its full size), that sends a click "
    "anywhere away is click-hijacking: medium, unless it first picks the element clicked by "
    "a selector of one (`e.target.closest('.login')`) or the key pressed (a shortcut). "
    "Compromised pages send "
    "search visitors to spam this way. A redirect to a language or regional version the page "
    "declares its own (an `hreflang` alternate of the page's name, or of a set listing the "
    "page whose twin a visible link, its language switcher, goes to) is none when a "
    "condition guards it, unless "
    "its code was encoded or the condition is a referrer or user-agent test. A redirect in "
    "plain code, a meta refresh or a clicked link, to the site the page's one canonical "
    "link (in its `<head>`) names is a moved page: low, unless a referrer, user-agent or "
    "cookie test guards it. A phone's browser sent, by a user-agent test, to the mobile "
    "site the page's `<head>` names (a separate-URLs `alternate` link, Baidu's "
    "`mobile-agent`) is none when that site bears the page's name (sina.com.cn's "
    "sina.cn). An interstitial is low: plain code a timer runs, or a link it clicks, "
    "sending the visitor to a link the page shows beside the wait it shows (a countdown "
    "the script updates, or the timer's seconds on a page of little prose), or a meta "
    "refresh in the `<head>` that waits, to a link the page shows, on a page of little "
    "prose (a safelink's or a download page's wait); such a wait page that announces its "
    "bounce (\"redirecting in 3 seconds\", \"click here if you are not redirected\", in "
    "the languages kits print it) to a site not its own is a doorway: medium, low when "
    "it is a move naming its new address, a payment's return to the merchant, an exit "
    "notice or a hand-over to a payment or platform service the catalogue knows, which "
    "the page names or whose payment or sign-in address it is (a store's \"Redirecting "
    "you to PayPal\"; a kit's Google Form or Telegram channel is no hand-over). A "
    "platform's own link page, a page of little prose on a host the catalogue files as a "
    "platform's (t.co's stub refreshing at once), is low: sending the visitor on is its "
    "job. An article that sends every reader away after a delay is a doorway, as before, "
    "and so is a timed redirect or a refresh written outside the page's markup (after "
    "`</html>`: high) or a refresh in its body. "
    "A cookie-guarded redirect to an age, consent, region or sign-in gate (its host or "
    "path names one: `agechecker…/gate`, `/login?next=`, and so does the cookie it tests: "
    "`agegate=ok`, beside a sign-in page `logged_in`) is low where the page shows the "
    "gate's site elsewhere (a sign-in link, the vendor's script), carries its name or the "
    "catalogue files it as a consent, social or platform sign-in, and medium when it "
    "does not or when only the address or only the cookie names a gate; a redirect "
    "that sets its cookie as it leaves (the 'redirect once' injection) or spares the "
    "site's signed-in editors (`wordpress_logged_in`) stays high. Click-hijacking that sends "
    "outbound clicks through an affiliate network the catalogue knows (Skimlinks, "
    "VigLink, an Amazon Associates tag) is low: link monetisation. A script rewriting "
    "every link of the page to pass through another site, the link's address joined on "
    "(`a.href = 'https://relay/?u=' + a.href`), is click-hijacking too: medium, low "
    "through such a network, high when its code was encoded.",
)

KINDS = (REDIRECT, SAFELINK_PAGE)
HEURISTICS = (redirects, safelink_page)
