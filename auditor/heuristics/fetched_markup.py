"""Markup another site answers, written into the page by the page's own inline code: a
link injector's client (`fetch(url).then(r => r.text()).then(t => el.innerHTML = t)`)
shows links or code from a host the page's saved source never holds, so no reader of
the markup sees them; an SEO-spam kit on a hacked WordPress site serves its backlinks so.

Read from the script's text as `tds-loader` reads its loader: a request whose answer the
code reads as text (fetch's `.text()`, XHR's `responseText`, jQuery's `$.get` or `.load`)
and a markup sink (`innerHTML`, `outerHTML`, `insertAdjacentHTML`, `document.write`,
jQuery's `.html`/`.append`) near it. An answer read as JSON (or one jQuery parses by its
`dataType: "json"`) is data the site's own code renders, and a request to the site itself
(read without the page's address, the site most of its links go to), to a host that
carries its name (its API or static files on a sister domain, `related_site`), to the
CDN its markup takes its design or pictures from, or to a vendor the catalogue knows is
no one else's markup. Nothing is fetched or run.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from urllib.parse import urlsplit

from auditor.dom.own_site import presumed_first_party
from auditor.dom.scheme_urls import assigned_address
from auditor.heuristics.behaviour import (
    dressed_as,
    sites_own_cdn,
    unknown_site,
)
from auditor.heuristics.interface import FindingKind, PageContext, finding, script_codes
from auditor.heuristics.markup import code_start, outside_markup
from auditor.lazy_re import lazy_regex
from auditor.model import Finding, Severity
from auditor.urls import ip_address, is_third_party, related_site

# a request for an absolute or scheme-relative address written as a literal (its first
# piece: `'https://links.example/get?d=' + location.hostname`) or held in a name the script
# assigns one: fetch, XHR's open, jQuery's `$.get`, `$.ajax({url: …})` and `$(sel).load`
# (which writes the answer into its element itself; another object's `load`, a 3D model
# loader's, is none). Each branch opens with a literal character (`\bfetch` read as
# `fetch(?<!\wfetch)`, jQuery's two forms written out after `$` and after `jQuery`), so `re`
# skips ahead to those characters: a branch opening with `\b` or a group had it try the
# whole choice at each character of a script (0.5 s a corpus pass, now 15 ms)
_JQUERY_REQUEST = (r"""\s*(?:\.\s*(?:get|ajax\s*\(\s*\{[^{}]{0,200}?(?<![\w$])url\s*:)"""
                   r"""|\(\s*['"][^'"()]{1,100}['"]\s*\)\s*\.\s*load)""")
_REQUEST = lazy_regex(
    r"""(?:fetch(?<!\wfetch)|\.open\s*\(\s*['"]GET['"]\s*,"""
    rf"""|\${_JQUERY_REQUEST}|jQuery(?<!\wjQuery){_JQUERY_REQUEST})"""
    r"""\s*\(?\s*(?:(?P<quote>['"`])(?P<url>(?:https?:)?//[^'"`\s<>\\]{3,500})(?P=quote)"""
    r"""|(?P<name>[A-Za-z_$][\w$]{0,40})\s*[,)])""")
# the request is jQuery's `$(sel).load(…)`
_LOAD = lazy_regex(r"""(?:\$|jQuery)\s*\(""")
# the answer read as text, and written into the document as markup: fetch's `.text()`,
# XHR's `responseText`; jQuery hands it to a callback of one parameter (`function(d)`,
# `d =>`), which for fetch or XHR is any handler (a click's `function(e)` beside a beacon)
_AS_TEXT = lazy_regex(r"""\.\s*text\s*\(\s*\)|\bresponseText\b""")
_CALLBACK = lazy_regex(
    r"""\bfunction\s*\(\s*[\w$]+\s*\)|(?<![\w$.])[\w$]+\s*=>|\(\s*[\w$]+\s*\)\s*=>""")
_AS_DATA = lazy_regex(r"""\.\s*json\s*\(\s*\)|\bJSON\s*\.\s*parse\b|\bresponseJSON\b"""
                      r"""|\bdataType\s*:\s*['"]jsonp?['"]""")  # jQuery parses it by its dataType
_SINK = lazy_regex(
    r"""\b(?:inner|outer)HTML\s*(?:\+?=)(?!=)|\binsertAdjacentHTML\s*\(|\bdocument\s*\.\s*"""
    r"""write(?:ln)?\s*\(|\.\s*(?:html|append|prepend)\s*\(\s*[\w$]+\s*\)""")
# jQuery's `.append`/`.prepend` parse a string as markup, the DOM's (`tbody.append(tr)`,
# `el.append(text)`) insert nodes or a text node: after fetch or XHR they write markup only
# on a jQuery object (`$('#x').append(t)`)
_DOM_APPEND = lazy_regex(r"""\.\s*(?:append|prepend)\s*\(""")
# a sink given only a string literal (`btn.innerHTML = 'Done';`) writes the code's own
# markup, not the answer (a template's `${t}` may be the answer)
_OWN_LITERAL = lazy_regex(r"""\s*(['"`])[^'"`\\$]{0,200}\1\s*(?:[;,})\n]|$)""")
_JQUERY_APPEND = lazy_regex(
    r"""(?:\$|\bjQuery)\s*\([^()]{1,100}\)\s*\.\s*(?:append|prepend)\s*\(\s*[\w$]+\s*\)""")
REACH = 800  # characters after the request its answer is read and written within
REQUESTS_READ = 20  # requests of one script looked at
SINKS_READ = 20  # markup sinks after a request looked at


def _fetched_markup(code: str) -> Iterator[str]:
    """The address of each request whose answer the code writes into the page as markup:
    jQuery's `.load`, or a request read as text in its form (fetch's `.text()`, XHR's
    `responseText`, a jQuery request's callback) with a markup sink within REACH
    characters after it (`.append` a jQuery object's: the DOM's appends nodes or text; a
    sink given only a string literal writes the code's own), the answer not parsed as JSON
    there."""
    for m in islice(_REQUEST.finditer(code), REQUESTS_READ):
        name = m.group("name")
        url = m.group("url") or (name and assigned_address(code, name, m.start()))
        if not url:
            continue
        if _LOAD.match(m.group(0)):  # `$(el).load(url)`: jQuery writes the answer into el
            yield url
            continue
        after = code[m.end() : m.end() + REACH]
        by_jquery = m.group(0).startswith(("$", "jQuery"))
        # `$.ajax({dataType: 'json', url: …})` names its answer's type before the address
        if _AS_DATA.search(m.group(0)) or _AS_DATA.search(after) \
                or not (_CALLBACK if by_jquery else _AS_TEXT).search(after):
            continue
        appends = by_jquery or _JQUERY_APPEND.search(after) is not None
        if any((appends or not _DOM_APPEND.match(sink.group(0)))
               and ("Adjacent" in sink.group(0)  # its first argument a position
                    or not _OWN_LITERAL.match(after, sink.end()))
               for sink in islice(_SINK.finditer(after), SINKS_READ)):
            yield url


def fetched_markup(ctx: PageContext) -> Iterator[Finding]:
    """A script writing into the page the markup another site's host answers: no vendor
    the catalogue knows runs the host, so what the page shows (links, frames, scripts)
    is in no copy of the page; `high` with a mark of injection beside it."""
    if ctx.page is None:
        return
    for code, line, xpath in script_codes(ctx, srcdoc=False):
        decoded = ctx.decoded(code)
        plain = "HTML" in code or "write" in code or ".load" in code or ".html(" in code \
            or ".append(" in code or ".prepend(" in code
        texts: list[tuple[str, bool]] = [(code, False)] if plain else []
        texts += [(p, True) for p in decoded.payloads]
        seen: set[str] = set()
        for text, hidden in texts:
            for url in _fetched_markup(text):
                host = unknown_site(ctx, url)
                if host is None or host in seen or (not hidden and _sites_own(ctx, host)):
                    continue
                seen.add(host)
                yield _finding(ctx, code, line, xpath, url, host, hidden=hidden)


def _sites_own(ctx: PageContext, host: str) -> bool:
    """Whether a host is the site's own: a host that carries its name (its API or static
    files on a sister domain), the CDN its markup takes its design or pictures from, or,
    read without the page's address, the site most of its links go to
    (`presumed_first_party`: a saved copy's 'load more' from its own host)."""
    site = ctx.first_party or ctx.view(
        "presumed first party", lambda: presumed_first_party(ctx.root))
    return sites_own_cdn(ctx, host) or related_site(host, site) or (
        ctx.first_party is None and site is not None and not is_third_party(host, site))


def _script_file(url: str) -> bool:
    """Whether an address names a script file (`…/back.js`, `x.js?v=2`)."""
    return urlsplit(url if "//" in url[:8] else "https:" + url).path.lower().endswith(".js")


def _finding(ctx: PageContext, code: str, line: int, xpath: str, url: str, host: str, *,
             hidden: bool) -> Finding:
    """The finding for one fetching script: `high` only with a mark of injection beside
    the request, as a widget the site chose fetches its markup the same way."""
    marks = [why for why, holds in (
        ("its code hidden in an encoding", hidden),
        ("written outside the page's markup (after its </html> or before its <html>)",
         outside_markup(ctx, line, code_start(code))),
        ("in a WordPress post body", ctx.document.in_post_body),
        ("from a bare IP address", ip_address(host)),
        (f"from a host dressed as {dressed_as(host, ctx.first_party)}",
         bool(dressed_as(host, ctx.first_party))),
        # a script file's text written as markup: no widget serves its markup as a `.js`
        # (a backlink kit's `back.js`, `backlink/sigma.js` hold link lists)
        ("a script file's text (a .js address) written as markup", _script_file(url)),
    ) if holds]
    what = (f"inline script fetches markup from {host}, a site no known vendor runs, and "
            "writes it into the page: links or code the page's source does not show")
    if marks:
        message = f"{what}, {'; '.join(marks)}: a link or code injector"
    else:
        message = (f"{what} (an SEO link injector's way): check that the site chose "
                   f"{host} to fill this part of the page")
    return finding(FETCHED_MARKUP, Severity.HIGH if marks else Severity.MEDIUM, message,
                   url[:200], line=line, xpath=xpath, key=(host, xpath))


FETCHED_MARKUP = FindingKind(
    "fetched-markup", (Severity.MEDIUM, Severity.HIGH), Severity.MEDIUM,
    "Another site's markup written into the page by its code",
    "Inline code requests an address of another site no known vendor runs, reads the answer "
    "as text (fetch's `.text()`, XHR's `responseText`, jQuery's `$.get`) and writes it into "
    "the page as markup (`innerHTML`, `insertAdjacentHTML`, `document.write`, jQuery's "
    "`.html` or `.load`): the links or code shown are in no copy of the page, how SEO-spam "
    "kits on hacked sites serve their backlinks. Medium: check that the site chose that "
    "host to fill the part of the page. High with a mark of injection beside it: its code "
    "hidden in an encoding, written outside the page's markup, in a WordPress post body, "
    "a bare IP address, a host dressed as a brand or a CDN, or a script file's text (a "
    "`.js` address: `backlink/x.js`) written as markup, which no widget serves so. A "
    "request to the site itself, to a host carrying its name (its API or static files on "
    "a sister domain), to the CDN its markup takes its stylesheets or pictures from (a "
    "group's shared header), or to a vendor the catalogue knows, and an answer "
    "read as JSON (data the site's own code renders), are none.",
)

KINDS = (FETCHED_MARKUP,)
HEURISTICS = (fetched_markup,)
