"""What injected code does, read from its text: runs code it downloads or loads a script
only for chosen visitors (traffic distribution loaders: the ndsw/Parrot TDS, Sign1 and
DollyWay families), copies a shell command for the visitor to paste (fake CAPTCHA
"ClickFix"), sends what visitors type into forms to another site (card skimmers), baits
visitors into allowing notifications, offers a fake browser update, loads another
site's script from outside the page's markup (after `</html>`, before `<html>`), or asks
the visitor's crypto wallet to approve another address moving their tokens (drainers).

Each is judged on structure, never on a family's name or a host list: the same code
renamed or moved to another domain is still found. Nothing is executed; encoded
scripts are read as `auditor/dom/deobfuscate.py` decodes them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterator
from itertools import islice
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from auditor.catalogue import Network
from auditor.dom.deobfuscate import spliced
from auditor.dom.hiding import inline_hiding, tiny_element
from auditor.dom.inline_js import (
    base64_text,
    closing_bracket,
    literal_joins,
    unjoined,
    url_literals,
)
from auditor.dom.js_string import js_unescaped
from auditor.dom.page import ParsedPage, handlers_of
from auditor.dom.parser import BYTES_SPACE, cut_head_spill, line_at, re2_bytes_pattern
from auditor.dom.walk import head_sheet_links
from auditor.heuristics.interface import FindingKind, PageContext, finding, script_codes
from auditor.heuristics.markup import (
    STARTS_TRIED,
    before_page_start,
    code_start,
    in_server_code,
    outside_markup,
    page_start_line,
    past_page_end,
)
from auditor.lazy_re import lazy_regex
from auditor.metrics import inside_bodies
from auditor.model import Category, Finding, Identifier, RequestType, Resource, Severity
from auditor.rules.literal import member
from auditor.urls import (
    cheap_suffix,
    dressed_host,
    host_of,
    ip_address,
    is_third_party,
    mangled_page_address,
    open_host,
    own_asset_host,
    registrable_domain,
    related_site,
    resolve,
    site_of,
)

Words = tuple[frozenset[bytes], tuple[str, ...]]


def _words(*words: str) -> Words:
    """Words a heuristic asks `_code_holds` for: lowered for the markup, as written for
    what scripts decode to."""
    return frozenset(w.lower().encode() for w in words), words


def _code_holds(ctx: PageContext, words: Words) -> bool:
    """Whether the page's inline code, or what it decodes to, holds one of `words`: most
    pages hold none of a heuristic's words, and are passed over without each script being
    read for each word. A script element's code is in the markup as written, asked
    through the page's one pass for every needle (`ParsedPage.holding`); the code the
    markup does not hold as written (event handlers and `srcdoc` scripts, whose character
    references the parser resolved: `&#99;lipboard`) and every decoding are read here."""
    page = ctx.page
    if page is None:
        return False
    lowered, written = words
    if page.holding(_CODE_WORDS) & lowered:
        return True
    unwritten: str = page.view("inline code not in the markup as written", lambda: "\x00".join((
        *(code for code, _, _, source in page.codes if source != "script"),
        *(payload for code, _, _, _ in page.codes for payload in page.decoded(code).payloads))))
    return any(word in unwritten for word in written)  # one text: a page may hold 1,000 handlers


def _joined_code_holds(ctx: PageContext, words: Words) -> bool:
    """Whether the page's inline code holds one of `words` once literals joined at run time
    are joined: a kit splits the word itself (`'et'+'h_requestAccounts'`), which the
    needles `_code_holds` asks for as written never see."""
    page = ctx.page
    if page is None or next(literal_joins(text := page.script_text), None) is None:
        return False
    joined: str = page.view("script text joined", lambda: unjoined(text))
    return any(word in joined for word in words[1])


# --- traffic distribution loaders ------------------------------------------------------

# a request whose answer the script gets as text: XHR, fetch, jQuery's get (literals: a
# regex of them led by `\b` is tried at every position of every script with a referrer)
_FETCH_WORDS = ("XMLHttpRequest", "fetch(", "$.get(", "$.ajax(", "jQuery.get(", "jQuery.ajax(")
# eval or Function called on the response (`eval(x.responseText)`) or on a name a
# callback was just handed (`get(url, function(r){ … f['eval'](r) })`)
_EVAL = lazy_regex(
    r"""(?:\beval|\[\s*['"]eval['"]\s*\]|\bnew\s+Function)\s*\(\s*([A-Za-z_$][\w$]*)"""
    r"""(\s*\.\s*response(?:Text)?)?\s*\)""")


def _eval_calls(text: str) -> Iterator[re.Match[str]]:
    """`_EVAL`'s calls in a script, as `finditer` finds them, tried only where one can
    start: at an `eval`, at the `[` before a quoted one, at the `new` before a `Function`
    (led by no literal, the pattern tried at every position of a 200 KB bundle took 9 ms;
    a call's spaces have no bound, so no window around its word is enough)."""
    starts = set(_find_all(text, "eval"))
    for i in list(starts):
        if i and text[i - 1] in "'\"" and (j := _spaces_before(text, i - 1)) and text[j - 1] == "[":
            starts.add(j - 1)
    for i in _find_all(text, "Function"):
        if (j := _spaces_before(text, i)) < i and text[max(0, j - 3):j] == "new":
            starts.add(j - 3)
    reached = 0
    for i in sorted(starts):
        if i >= reached and (m := _EVAL.match(text, i)) is not None:
            reached = m.end()
            yield m


def _spaces_before(text: str, i: int) -> int:
    """Where the run of whitespace (`\\s`) that ends at `i` starts."""
    while i and text[i - 1].isspace():
        i -= 1
    return i


def _find_all(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + len(word))


# a javascript-obfuscator string table names what it calls through it
_TABLE_WORDS = ("'eval'", "'responseText'", "'referrer'")
_SCRIPT_ELEMENT = lazy_regex(r"""createElement\(\s*['"]script['"]\s*\)""")
# a script's address given by code, not a literal: `s.src = u`, `s.src = h[…] + …`
_COMPUTED_SRC = lazy_regex(r"""\.src\s*=\s*(?![\s'"`])""")
# the referrer tested against search engines and social sites, what SEO-spam cloakers
# single out: the names as a regex's or a list's words (`/google\.|bing\./`, `'yahoo'`)
_ENGINE_TEST = lazy_regex(
    r"""(?:google|bing|yahoo|yandex|baidu|duckduckgo|facebook|instagram)(?:\\?\.|\||['"/])""",
    re.I)
_REFERRER = lazy_regex(r"""\breferrer\b""")
COOKIE_WRITE = lazy_regex(
    r"""document\s*\.\s*cookie\s*=(?!=)|\[\s*['"]cookie['"]\s*\]\s*=(?!=)""")
GUARD_WINDOW = 600  # characters before a load in which the visitor test counts as its guard


# an array of URL literals, indexed by a random number: `h[Math.floor(Math.random()*h.length)]`
_URL_ARRAY = lazy_regex(r"""\[\s*((?:(['"])(?:https?:)?//[^'"\s]+\2\s*,\s*){2,}"""
                        r"""(['"])(?:https?:)?//[^'"\s]+\3)\s*,?\s*\]""")
_URL_IN_ARRAY = lazy_regex(r"""['"]((?:https?:)?//[^'"\s]+)['"]""")
_RANDOM_PICK = lazy_regex(r"""\[\s*(?:~~|parseInt\(|Math\s*\.\s*(?:floor|round|trunc)\s*\()?"""
                          r"""\s*Math\s*\.\s*random\(\)""")
ROTATION_MIN = 3  # unrelated sites a loader picks among: a vendor's CDN mirrors are one site


def _listed_host(res: Resource) -> bool:
    """Whether a filter list blocks a request by its host (`||statcounter.com^`, reported
    before a generic rule that also matches): the list names a vendor it knows. A rule of
    a path alone (EasyPrivacy's `/stat.js?`, `/ga.js`) names none: a Balada loader at
    `/stat.js` on a throwaway host is blocked by it as a tracker is."""
    return res.blocked and (res.rule or "").startswith("||")


def unknown_site(ctx: PageContext, url: str, kind: RequestType | None = None) -> str | None:
    """The host of a URL when it is another site's and no vendor the catalogue knows
    (network or company) runs it: where a payload is relayed or data sent to. `kind`, the
    request's type where known: a vendor's URL shape names it for its own types only."""
    absolute = resolve(url.replace("wss://", "https://").replace("ws://", "http://"), ctx.url)
    host = host_of(absolute) if absolute else ""
    if not absolute or not host or not is_third_party(host, ctx.first_party):
        return None
    owner = ctx.catalogue.runner_of(absolute, host, kind)
    return host if owner.network is None and owner.entity is None else None


def _rotating_sites(ctx: PageContext, code: str) -> list[str]:
    """The sites a script picks its script's address from at random (the array's item at
    a random index given to a `src`), when they are
    ROTATION_MIN or more registrable domains no vendor the catalogue knows runs (DollyWay
    relays through other hacked WordPress sites): else none."""
    if "random" not in code or not _SCRIPT_ELEMENT.search(code) or not _RANDOM_PICK.search(code):
        return []
    for array in _URL_ARRAY.finditer(code):
        if not _picked_as_src(code, array):
            continue
        # each hosting platform's customer a site, as `runner_of` reads them
        sites = {site_of(host) for literal in _URL_IN_ARRAY.findall(array.group(1))
                 if (host := unknown_site(ctx, literal))}
        if len(sites) >= ROTATION_MIN:
            return sorted(sites)
    return []


_NAMED = lazy_regex(r"""([A-Za-z_$][\w$]*)\s*=\s*$""")


def _picked_as_src(code: str, array: re.Match[str]) -> bool:
    """Whether the address a script's `src` gets is the array's item at a random index
    (`s.src = h[Math.floor(Math.random() * h.length)]`, or through a name it is given):
    a random partner link or banner beside a loader of the site's own is no rotation."""
    named = _NAMED.search(code, max(0, array.start() - 60), array.start())
    if named is None:
        return False
    name = re.escape(named.group(1))
    for pick in re.finditer(rf"""(?<![\w$.]){name}\s*{_RANDOM_PICK.pattern}""", code):
        statement = code[max(code.rfind(c, 0, pick.start()) for c in ";{}\n") + 1 : pick.start()]
        if re.search(r"""\bsrc\b""", statement):
            return True  # `s.src = h[…]`, `setAttribute('src', h[…])`
        given = _NAMED.search(statement)
        if given and re.search(rf"""\bsrc\b['"]?\s*[=,]\s*{re.escape(given.group(1))}\b""",
                               code[pick.end():]):
            return True  # `var u = h[…]; … s.src = u`
    return False


# a script address a script writes or assigns with the referrer joined to it (Keitaro's
# JavaScript integration: `…/x.js?se_referrer=' + encodeURIComponent(document.referrer)`)
_REFERRER_JOINED = lazy_regex(
    r"""(?<=['"=])((?:https?:)?//[^'"\s<>]+)['"]\s*\+\s*(?:(?:encodeURIComponent|encodeURI|escape)"""
    r"""\s*\(\s*)?document""" + member("referrer"))
# `<script … src`, its `<` also escaped as counters' and loaders' written tags have it
# (`'\x3Cscript src=…'`, `unescape('%3Cscript src=…')`); a tag's attributes are short
_WRITES_SCRIPT = lazy_regex(
    r"""(?:<|\\x3c|\\u003c|%3c)scr(?:['"]\s*\+\s*['"])?ipt[^>]{0,400}?src""", re.I)


# a TDS's own parameters in the tag's address (Keitaro's JavaScript integration)
_TDS_PARAMS = lazy_regex(r"""[?&](?:se_referrer|default_keyword|_cid|frm=script)\b""")


def _counts_without_script(ctx: PageContext, host: str, tag: re.Match[str]) -> bool:
    """Whether the tag is an old-style counter's: a script it writes into the page
    (`document.write('<scr'+'ipt src=…')`) from a site whose image the page's
    `<noscript>` loads, as a counter counts visitors without JavaScript too (ninja, FC2's
    analyser). A pixel beside it is cheap for an injector: a created script element (how
    Keitaro's integration loads) or a TDS's parameters in the address stay a TDS's tag."""
    if _TDS_PARAMS.search(tag.group(1)) or not _WRITES_SCRIPT.search(
            tag.string[max(0, tag.start() - 200) : tag.start()] + tag.group(1)):
        return False
    site = registrable_domain(host)
    return any(r.type is RequestType.IMAGE and r.domain == site and "/noscript" in r.xpath
               for r in ctx.resources)


# Keitaro's integration as injections carry it, the referrer handed through names (the
# snt2014 campaign's `var se_referrer = encodeURIComponent(document.referrer); var base =
# "http://x.test/js/jquery.min.php"; var n_url = base + "?default_keyword=" + … +
# "&se_referrer=" + se_referrer; … document.write('<script src="' + f_url + '">…')`): a
# name given the referrer, joined as a value of the query joined to a name given a site's
# address, in one statement
_REFERRER_NAMED = lazy_regex(
    r"""(?<![\w$.])([A-Za-z_$][\w$]{0,40})\s*=\s*(?:(?:encodeURIComponent|encodeURI|escape)"""
    r"""\s*\(\s*)?document""" + member("referrer"))
_JOINED_AS_VALUE = lazy_regex(r"""=['"]\s*\+\s*([A-Za-z_$][\w$]{0,40})(?![\w$])""")
_QUERY_JOINED = lazy_regex(r"""(?<![\w$.])([A-Za-z_$][\w$]{0,40})\s*\+\s*['"][?&]""")
_ADDRESS_NAMED = lazy_regex(
    r"""(?<![\w$.])([A-Za-z_$][\w$]{0,40})\s*=\s*['"]((?:https?:)?//[^'"\s<>]+)['"]""")
# a statement's end: a semicolon, or a line break no joining `+` continues
_STATEMENT_END = lazy_regex(r""";|\n(?![ \t]{0,40}\+)""")


def _statement_end(code: str, start: int) -> int:
    """Where the statement holding `start` ends (`_STATEMENT_END`), past line breaks a
    line's trailing `+` joins on (`base + "?a=" + a +` / `"&b=" + b;`)."""
    while (stop := _STATEMENT_END.search(code, start)) is not None:
        if stop.group() == ";" or not code[max(0, stop.start() - 40) : stop.start()].rstrip(
                " \t\r").endswith("+"):
            return stop.start()
        start = stop.end()
    return len(code)


def _referrer_handed(ctx: PageContext, code: str) -> str | None:
    """The host `_referrer_keyed` names where the script hands the referrer and the
    address through names (`_REFERRER_NAMED`): in one statement, a query joined to a name
    given the address of another site no vendor runs, the referrer's name joined as one of
    its values, and the query a TDS's own (`_TDS_PARAMS`: a counter's beacon built the
    same way names none of them). A statement is read from its first such query to its
    end, once: each pattern runs once over the script."""
    if not _TDS_PARAMS.search(code):
        return None
    given = {m.group(1) for m in _REFERRER_NAMED.finditer(code)}
    if not given:
        return None
    addresses = {m.group(1): m.group(2) for m in _ADDRESS_NAMED.finditer(code)}
    end = -1
    for m in _QUERY_JOINED.finditer(code):
        if m.start() < end or m.group(1) not in addresses:
            continue
        end = _statement_end(code, m.end())
        statement = code[m.start() : end]
        if _TDS_PARAMS.search(statement) and given & {
                j.group(1) for j in _JOINED_AS_VALUE.finditer(statement)} and (
                host := unknown_site(ctx, addresses[m.group(1)])) is not None:
            return host
    return None


def _referrer_keyed(ctx: PageContext, code: str) -> tuple[str, bool] | None:
    """The host of a script a script loads from another site no vendor the catalogue
    knows runs, with the visitor's referrer joined to its address, and whether it is an
    old-style counter's tag (`_counts_without_script`): a counter sends the referrer to an
    image (LiveInternet's), a TDS picks the script by it. The tag is read as the script
    writes it, its pieces a decoder answers spliced in (`unescape('%3Cscript src=…')`,
    `String.fromCharCode(60)`: `spliced`)."""
    if "referrer" not in code:
        return None
    code = spliced(code)
    if not (_WRITES_SCRIPT.search(code) or _SCRIPT_ELEMENT.search(code)):
        return None
    counter: tuple[str, bool] | None = None
    for m in _REFERRER_JOINED.finditer(code):
        before = code[max(0, m.start() - 200) : m.start()]
        if not (_WRITES_SCRIPT.search(before + m.group(1)) or _SCRIPT_ELEMENT.search(before)
                or ".js" in m.group(1).split("?")[0]):
            continue
        host = unknown_site(ctx, m.group(1))
        if host and not _counts_without_script(ctx, host, m):
            return host, False
        counter = counter or ((host, True) if host else None)
    if counter is None and (handed := _referrer_handed(ctx, code)) is not None:
        return handed, False
    return counter


_EARLY_EXIT = lazy_regex(r"""\breturn\s*[;}]""")
_IF = lazy_regex(r"""\bif\s*\(""")


def _engine_test_guards(text: str, load: int) -> bool:
    """Whether a search/social referrer test before a load decides whether it runs: an
    early `return` after the test (`if (!ok) return;`), or the load inside the braces of
    an `if` whose condition holds the test or the name its result is given. A test that
    only sorts visitors into a label (a first-touch cookie) beside a loader is no guard."""
    start = max(0, load - GUARD_WINDOW)
    for test in _ENGINE_TEST.finditer(text, start, load):
        if _EARLY_EXIT.search(text, test.end(), load):
            return True
        statement = text[max(text.rfind(c, 0, test.start()) for c in ";,{}(") + 1 : test.start()]
        named = _NAMED.search(statement.split("=", 1)[0] + "=") if "=" in statement else None
        for cond in _IF.finditer(text, max(0, test.start() - 300), load):
            end = closing_bracket(text, cond.end() - 1, "(", ")", load)
            if end < 0:
                continue
            held = cond.end() <= test.start() < end or (named is not None and re.search(
                rf"(?<![\w$.]){re.escape(named.group(1))}\b", text[cond.end():end]))
            brace = end + 1 + len(text[end + 1:load]) - len(text[end + 1:load].lstrip())
            if held and text.startswith("{", brace) \
                    and closing_bracket(text, brace, "{", "}", load) < 0:
                return True  # the block is still open at the load
    return False


def _machine_table(text: str) -> bool:
    """Whether an obfuscator's string table holds eval, the response and the referrer."""
    return all(w in text or w.replace("'", '"') in text for w in _TABLE_WORDS)


# a parameter that decodes to a campaign's numbers and nothing else (`r=dj0xJmNpZD0yNjM=`:
# `v=1&cid=263`, `v=2&cid=263&sid=1`), as SocGholish's injected `report?r=` tag hides its
# version, campaign and stream: two to four short names, each a number of up to six digits.
# A widget's base64 config names a site, a shop or a language (`site=news.example&lang=en`),
# an analytics beacon's carries the page's address or a timestamp: none of them.
_CAMPAIGN_TEXT = lazy_regex(r"[A-Za-z_]\w{0,7}=\d{1,6}(?:&[A-Za-z_]\w{0,7}=\d{1,6}){1,3}")
_BASE64_VALUE = lazy_regex(r"[A-Za-z0-9+/_-]{8,}={0,2}")


def encoded_params(url: str) -> str | None:
    """The URL's one query parameter when its value is base64 of a campaign's numbers
    (`_CAMPAIGN_TEXT`), as `name=value (decoded)`, else None: a TDS's tag carries that
    alone; base64 of JSON, of a token's random bytes, of a widget's settings or of a
    beacon's page address, or beside other parameters, says no campaign.

    >>> encoded_params("https://c.example/report?r=dj0xJmNpZD0yNjM=")
    'r=dj0xJmNpZD0yNjM= (v=1&cid=263)'
    >>> encoded_params("https://c.example/a.js?d=eyJ6b25lIjoxMn0="), encoded_params("/x?v=2")
    (None, None)
    >>> encoded_params("https://w.example/l.js?d=c2l0ZT1uZXdzLmV4YW1wbGUmbGFuZz1lbg==")
    """
    query = url.partition("?")[2].partition("#")[0]
    params = parse_qsl(query, keep_blank_values=True)
    if len(params) != 1:
        return None
    ((name, value),) = params
    if not _BASE64_VALUE.fullmatch(value):
        return None
    text = base64_text(value.replace("-", "+").replace("_", "/"))
    if text and _CAMPAIGN_TEXT.fullmatch(text):
        return f"{name}={value} ({text})"
    return None


def report_tags(ctx: PageContext) -> Iterator[Finding]:
    """A script of another site no vendor the catalogue knows runs, whose address carries
    its campaign's numbers encoded in base64 (SocGholish's injected `…/report?r=<base64>`
    tag, a TDS's stream and campaign): the server picks what to answer per visitor. Medium in
    the page, high in a WordPress post body; outside the page's markup it is
    `appended-script`'s, high for the same parameters."""
    for res in ctx.resources:
        if res.type is not RequestType.SCRIPT or not res.third_party or res.hint \
                or "?" not in res.url or res.blocked:
            continue
        said = encoded_params(res.url)
        if said is None:
            continue
        host = unknown_site(ctx, res.url, res.type)
        if host is None:
            continue
        if outside_markup(ctx, res.line, host_of(res.url)):
            continue  # `appended-script`'s, which reads the same mark (one tag, one finding)
        placed = ctx.document.in_post_body
        yield finding(
            TDS_LOADER, Severity.HIGH if placed else Severity.MEDIUM,
            f"script from {host}, a site no known vendor runs, carries its campaign's numbers "
            f"encoded in base64 ({said[:80]}): a traffic distribution system's tag "
            "(SocGholish's report?r= form) answers per visitor" + (
                ", in a WordPress post body, where no template writes" if placed
                else "; check that the site added this host"),
            res.url, line=res.line, xpath=res.xpath, key=("encoded-params", res.url))


# The fake-jQuery TDS kit's campaign (the `jquery.min.php` injections of 2014-2016): the
# loader it injects into hacked sites writes a script from another hacked site's
# `/js/jquery.min.php?c_utt=<campaign>&c_utm=<the visitor's keyword, referrer and host>`.
# The relay host changes from site to site; the campaign is the stream the kit's operator
# named, the same on every site it injected (`c_utt=G91825` on four unrelated sites' copies)
_TDS_CAMPAIGN = lazy_regex(r"[?&]c_utt=([A-Za-z0-9_-]{2,32})&c_utm=")
TDS_CAMPAIGN_KIND = "tds-campaign"


def tds_campaign_ids(page: ParsedPage) -> tuple[Identifier, ...]:
    """The fake-jQuery TDS campaigns the page's inline code asks its relay for, as written
    or in what the code decodes to: ties the sites one injection campaign hacked."""

    def build() -> tuple[Identifier, ...]:
        found: dict[str, None] = {}
        for code, _line, _xpath, _source in page.codes:
            for text in (code, *page.decoded(code).payloads):
                if "c_utt=" in text and "jquery.min.php" in text:
                    found.update((m.group(1), None) for m in _TDS_CAMPAIGN.finditer(text))
        return tuple(Identifier(TDS_CAMPAIGN_KIND, value) for value in found)

    return page.view("tds campaigns", build)


def tds_loaders(ctx: PageContext) -> Iterator[Finding]:
    """Inline code that runs what it downloads only for visitors referred from elsewhere,
    or adds a script only for visitors from search engines or social sites and marks them
    with a cookie so that it fires once: search visitors get the payload, the site's
    owner, coming back directly, never does.

    The ndsw/Parrot TDS loader reads the referrer and cookies, fetches a URL and runs the
    answer with eval; Sign1's tests the referrer against search engines, writes a cookie,
    and adds a script whose address it computes, only when the test passes (an early
    `return`, or the `if` block around the load). Both are `high`. Running downloaded text
    without a referrer test nearby is a site's own loader (a font cache, curl.js) and no
    finding: the test is sought in the GUARD_WINDOW characters before the load.
    """
    if not _code_holds(ctx, _TDS_WORDS):
        return
    for code, line, xpath in script_codes(ctx, srcdoc=False):
        decoded = ctx.decoded(code)
        refers = "referrer" in code  # each script read once for it: most name no referrer
        for text in (code, *decoded.payloads) if refers else decoded.payloads:
            if "referrer" not in text:
                continue
            fetches = any(w in text for w in _FETCH_WORDS)
            runs = fetches and decoded.machine and _machine_table(text)
            evals = fetches and not runs and ("eval" in text or "Function" in text)
            for m in _eval_calls(text) if evals else ():
                before = text[max(0, m.start() - GUARD_WINDOW) : m.start()]
                given = m.group(2) or re.search(
                    rf"function\s*\(\s*{re.escape(m.group(1))}\s*\)|\b{re.escape(m.group(1))}"
                    r"\s*=>", before[-300:])
                if given and _REFERRER.search(before):
                    runs = True
                    break
            if runs:
                yield finding(
                    TDS_LOADER, Severity.HIGH,
                    "inline script downloads code and runs it with eval, only for visitors "
                    "whose referrer passes a test: what it runs is in no page",
                    " ".join(code.split())[:160], line=line, xpath=xpath,
                    key=("runs", " ".join(code.split())))
                break
            # the literals tested before the regexes, in the text and then in each window:
            # big bundles set many `.src`
            gated = None if "createElement" not in text or "cookie" not in text else next((
                m for m in _COMPUTED_SRC.finditer(text)
                if "createElement" in (window := text[max(0, m.start() - GUARD_WINDOW) : m.start()])
                and "referrer" in window and "cookie" in window
                and _SCRIPT_ELEMENT.search(window) and _REFERRER.search(window)
                and COOKIE_WRITE.search(window) and _ENGINE_TEST.search(window)
                and _engine_test_guards(text, m.start())), None)
            if gated is not None:
                yield finding(
                    TDS_LOADER, Severity.HIGH,
                    "inline script adds a script from a computed address only for visitors "
                    "coming from search engines or social sites, and writes a cookie so that "
                    "it fires once per visitor", " ".join(code.split())[:160],
                    line=line, xpath=xpath, key=("gated", " ".join(code.split())))
                break
        keyed = _referrer_keyed(ctx, code) if refers else None
        placed = keyed is not None and outside_markup(ctx, line, code_start(code))
        if keyed and (placed or not keyed[1]):
            host, counter = keyed
            yield finding(
                TDS_LOADER, Severity.HIGH if placed else Severity.MEDIUM,
                f"inline script loads a script from {host}, a site no known vendor runs, "
                "with the visitor's referrer in its address: what it answers can differ per "
                "visitor (a traffic distribution system's tag)" + (
                    ", written from outside the page's markup (after its </html> or before "
                    "its <html>), where no template writes" + (
                        "; a counter's no-script image beside it does not vouch for a tag "
                        "placed there" if counter else "") if placed else ""), host,
                line=line, xpath=xpath, key=("referrer-keyed", host))
        rotated = _rotating_sites(ctx, code)
        if rotated:
            yield finding(
                TDS_LOADER, Severity.HIGH,
                f"inline script loads its script from one of {len(rotated)} unrelated sites "
                f"picked at random ({', '.join(rotated[:4])}): a network of hacked sites "
                "relaying a traffic distribution system", " ".join(rotated),
                line=line, xpath=xpath, key=("rotating", *rotated))


# a test of the visitor's user agent for a crawler's or a page audit's name: the name in
# a regex literal the code tests with (`/bot|crawl|spider/i.test(ua)`, `ua.match(/…/)`,
# `new RegExp('…')`), in a string it looks for (`ua.indexOf('Chrome-Lighthouse')`), or
# in a list of such strings; not the word anywhere (a chat widget's `{mode: 'bot'}`, a
# spider chart's script, beside a device test)
_CRAWLER_NAME = (r"""\b(?:bot|crawl\w{0,4}|spider|slurp|googlebot|bingbot|lighthouse"""
                 r"""|headless\w{0,10}|pagespeed)\b""")
_CRAWLER_TEST = lazy_regex(
    r"""/[^/\n]{0,300}?""" + _CRAWLER_NAME + r"""[^/\n]{0,300}?/[a-z]{0,6}\s*\.\s*test\s*\("""
    r"""|(?:match|search|RegExp)\s*\(\s*(?:/|['"])[^/'"\n]{0,300}?""" + _CRAWLER_NAME
    + r"""|(?:indexOf|includes|search|match)\s*\(\s*['"][^'"\n]{0,300}?""" + _CRAWLER_NAME
    + r"""|\[\s*(?:['"][^'"\n]{0,60}['"]\s*,\s*){0,40}['"][^'"\n]{0,60}?""" + _CRAWLER_NAME,
    re.I)
_WRITTEN_HOST = lazy_regex(r"""//([A-Za-z0-9.-]{1,253})""")


def _host_places(code: str) -> dict[str, int]:
    """Where each host code writes after `//` first appears in it (lowered): one pass,
    however many scripts the code loads."""
    places: dict[str, int] = {}
    for m in _WRITTEN_HOST.finditer(code):
        places.setdefault(m.group(1).lower(), m.start())
    return places


# what the page's own markup takes from a host, so that the host is one the site uses:
# its template's stylesheets and fonts (an injector's kit adds a loader, a script tag of
# its own host and its counter's image, not the page's design)
_DESIGN_USES = frozenset({RequestType.STYLESHEET, RequestType.FONT})
# a label of a CDN's host that names an asset, not a customer: `static`, `img2`, `i0`, `www`
_ASSET_LABEL = lazy_regex(r"""(?:www|cdn|static|assets?|img|images?|media|files|js|css"""
                          r"""|fonts?|video|content|edge|s|i|a|c)?\d*""", re.I)


def _sites_markup_uses(ctx: PageContext) -> set[str]:
    """The sites (`site_of`) the page's markup takes its design or its pictures from: the
    stylesheets and fonts it loads itself (not through inline code, a connection hint or
    a <noscript> fallback) and the images it shows (not a 1x1 or hidden one, a counter's):
    the site's own CDN. Not a script tag: a kit writes one of its host beside its loader
    as cheaply. A host serving anyone's files by path (`open_host`) names no one."""
    hosts = {res.host for res in ctx.resources
             if res.type in _DESIGN_USES and res.via != "inline-script" and not res.hint
             and "noscript" not in res.xpath}
    if ctx.page is not None:
        for img in ctx.page.tagged("img"):
            if tiny_element(img) or inline_hiding(img) is not None or in_noscript(img):
                continue
            if url := resolve(img.get("src") or "", ctx.url):
                hosts.add(host_of(url))
    return {_cdn_key(host.lower()) for host in hosts if host and not open_host(host)}


def sites_own_cdn(ctx: PageContext, host: str) -> bool:
    """Whether a host is one whose site the page's own markup takes its design or
    pictures from (`_sites_markup_uses`), a host serving anyone's files aside: the
    site's own CDN, read once a page."""
    used = ctx.view("sites the markup uses", lambda: frozenset(_sites_markup_uses(ctx)))
    return _cdn_key(host.lower()) in used and not open_host(host)


def _cdn_key(host: str) -> str:
    """What ties a host to the site's own CDN: its site (`site_of`) where the host below
    it names only an asset (`static.hgcdn.example`, `img.hgcdn.example`, `i0.…`: one
    CDN's hosts), else the host itself: a CDN's customers' hosts share a site no list
    splits (`harbour.cdn77.org` and a kit's `quickload.cdn77.org`), and only the
    customer's own host is its."""
    site = site_of(host)
    below = host[:-len(site)].rstrip(".") if host.endswith(site) else host
    if all(_ASSET_LABEL.fullmatch(word) for word in re.split(r"[.-]", below) if word):
        return site
    return host


NOSCRIPT_DEPTH = 32  # the ancestors asked whether an element is a <noscript>'s fallback


def in_noscript(el: Any) -> bool:
    """Whether an element sits in a `<noscript>` within NOSCRIPT_DEPTH levels: bounded, so
    asking it of every image of a deeply nested page stays linear."""
    return any(str(a.tag).lower() == "noscript" for a in islice(el.iterancestors(),
                                                                 NOSCRIPT_DEPTH))


def crawler_cloaked_loaders(ctx: PageContext) -> Iterator[Finding]:
    """Inline code that loads another site's script, one no list or catalogue entry names,
    behind a test of the visitor's user agent for a crawler's or an audit tool's name
    (`if(!/bot|crawl|spider/i.test(navigator.userAgent))`, `Chrome-Lighthouse`) in the
    GUARD_WINDOW characters before the address: the tag is hidden from search engines and
    page audits, as an injector's cloaked loader is (a scraped copy's pop-under or push
    kit). `medium`, not `high`: a site sparing crawlers and PageSpeed a heavy widget
    writes the same test, and only the loaded site tells them apart. A vendor the lists or
    the catalogue know is none, and so is a host whose site the page's markup takes its
    own files from (`sites_own_cdn`: its CDN's stylesheet or pictures), as an
    injected loader's is not; the same loader placed outside the markup is
    `appended-script`'s."""
    if not _code_holds(ctx, _CRAWLER_WORDS):
        return
    codes = {xpath: code for code, _, xpath in script_codes(ctx, srcdoc=False)}
    places: dict[str, dict[str, int]] = {}
    for res in ctx.resources:
        if res.type is not RequestType.SCRIPT or not res.third_party or res.hint \
                or res.via != "inline-script" or (code := codes.get(res.xpath)) is None \
                or "userAgent" not in code:
            continue
        if sites_own_cdn(ctx, host_of(res.url)):
            continue  # a host the site's own markup takes files from: its own CDN
        if res.xpath not in places:
            places[res.xpath] = _host_places(code)
        host = host_of(res.url).lower()
        at = places[res.xpath].get(host)
        if at is None or _listed_host(res) or not unknown_site(ctx, res.url, res.type):
            continue
        if outside_markup(ctx, res.line, code_start(code)):
            continue  # `appended-script`'s (one tag, one finding)
        window = code[max(0, at - GUARD_WINDOW): at]
        if "userAgent" not in window or (test := _last_crawler_test(window)) is None:
            continue
        if _for_crawlers(window, test):
            said = ("only for visitors whose user agent is a crawler's or page audit's: "
                    "shown to search engines and audits, not to people, as an SEO spammer's "
                    "cloaked loader is")
        else:
            said = ("only for visitors whose user agent is no crawler's or page audit's: "
                    "hidden from search engines and audits, as an injected loader is (a "
                    "site sparing crawlers a heavy widget writes the same test)")
        yield finding(
            TDS_LOADER, Severity.MEDIUM,
            f"inline script loads a script from {host}, a site no known vendor runs, {said}; "
            f"check the site chose {host}: {res.url}",
            res.url, line=res.line, xpath=res.xpath, key=("crawler-cloaked", res.url))


def _last_crawler_test(window: str) -> re.Match[str] | None:
    """The last crawler test (`_CRAWLER_TEST`) in the code before an address."""
    found = None
    for m in _CRAWLER_TEST.finditer(window):
        found = m
    return found


# the opening of a guard whose block runs when the test passes: `if(` with no `!`
_IF_OPEN = lazy_regex(r"""\bif\s*\(\s*$""")
# what turns a passing test's block away from the load after it: an else, a return, a
# negation or a comparison with -1/0/false
_TURNED = lazy_regex(r"""\belse\b|\breturn\b|!|[<>]=?\s*0\b|==\s*(?:-1|false|0)\b""")


def _for_crawlers(window: str, test: re.Match[str]) -> bool:
    """Whether the load runs only where the crawler test passes: the test alone in an
    `if (…)` (`if(/bot|crawl/i.test(navigator.userAgent)){…load…}`) with nothing that turns
    its block away between it and the address. Read for the message alone: a loader shown
    only to crawlers is cloaked as surely, the other way about."""
    before = window[:test.start()]
    # a regex literal's test opens at its slash; a call's at the receiver before it
    start = before.rfind("/") if test.group(0).startswith("/") else -1
    head = window[:start] if start >= 0 else before
    return bool(_IF_OPEN.search(head)) and not _TURNED.search(window[test.end():])


# --- ClickFix: a shell command put on the clipboard ----------------------------------

_COPIES = lazy_regex(
    r"""clipboard\s*\.\s*write(?:Text)?\s*\(|execCommand\(\s*['"]copy['"]""")
# what a Windows Run box, a terminal or a shell runs: the LOLBins ClickFix lures paste
_SHELL = lazy_regex(
    r"\b(?:powershell(?:\.exe)?|pwsh|mshta(?:\.exe)?|cmd(?:\.exe)?\s+/[ck]|rundll32|regsvr32"
    r"|msiexec(?:\.exe)?\s+/|certutil(?:\.exe)?\s+-urlcache|bitsadmin\s+/transfer"
    r"|wscript|cscript|conhost\s+--headless)\b"
    r"|\b(?:curl|wget)\s+[^|;\n]{1,300}\|\s*(?:ba|z)?sh\b|\biex\b\s*[(\"'$]|\|\s*iex\b"
    r"|osascript\s+-e",
    re.I)
# the lure's instructions: open the Run box (Win+R) or a terminal, paste, press Enter
_RUN_STEPS = lazy_regex(
    r"(?:win(?:dows)?(?:\s*(?:key|button|logo\s*key))?|\u229e)\s*\+\s*r\b|run\s+dialog"
    r"|ctrl\s*\+\s*v[^\x00]{0,80}?enter|(?:cmd|command|\u2318)\s*\+\s*space", re.I)


def _copied(command: re.Match[str]) -> str:
    """The command as copied, from its start: in a script, to the end of the string
    literal it opens in, escapes read (`writeText("curl … | bash")` copies no `");`),
    unless the literal is joined to more; in a box's text, the rest of the text."""
    text, start = command.string, command.start()
    opened = max((text.rfind(q, 0, start), q) for q in "'\"`")
    if opened[0] < 0 or "\n" in text[opened[0]:start]:
        return text[start:]
    end = start
    while (end := text.find(opened[1], end)) > 0 and text[end - 1] == "\\":
        end += 1
    if end < 0 or text[end + 1 : end + 40].lstrip().startswith("+"):
        return text[start:]  # joined to more (`'powershell' + ' -w hidden …'`): not all of it
    return js_unescaped(text[start:end])


def _names_box(box: etree._Element, code: str) -> bool:
    """Whether a script names a text box by its id or name, as a selector or a string."""
    return any(re.search(rf"""['"#]{re.escape(name)}['"\]\s,.:]""", code)
               for name in (box.get("id"), box.get("name")) if name)


def clipboard_commands(ctx: PageContext) -> Iterator[Finding]:
    """A script that writes a shell command to the visitor's clipboard: the fake CAPTCHA
    ("press Win+R, Ctrl+V, Enter") that has visitors run malware themselves. The command
    is read from the script, its decoded payloads, `data-clipboard-text`, and, for a copy
    of selected text, the text boxes the script names. A docs page's copy button copies
    an install command the page shows (the string literal it writes, to its closing
    quote); it is a lure when the command is not among the page's text, or the script
    tells the visitor to open the Run box or a terminal and paste (a Windows how-to's
    own text says so beside the commands it shows)."""
    if ctx.root is None or not _code_holds(ctx, _CLIPBOARD_WORDS):
        return
    fields: list[str] | None = None
    boxes: list[tuple[etree._Element, str | None]] = []
    for code, line, xpath in script_codes(ctx):
        texts = (code, *ctx.decoded(code).payloads)
        # the literals `_COPIES` needs, tested first: its alternation is tried everywhere
        if not any(("clipboard" in t or "execCommand" in t) and _COPIES.search(t)
                   for t in texts):
            continue
        if fields is None:
            fields = [el.get("data-clipboard-text") or "" for el in ctx.root.iter()
                      if el.get("data-clipboard-text")]
            boxes = [(el, " ".join(el.itertext()) if el.tag == "textarea" else el.get("value"))
                     for el in ctx.root.iter("textarea", "input")]
        # a box's text is what a script copies when the script names the box (a search
        # field's query beside a copy-link button is no command copied)
        named = [text for el, text in boxes if text and _SHELL.search(text)
                 and any(_names_box(el, t) for t in texts)]
        command = next((m for t in (*texts, *fields, *named) for m in [_SHELL.search(t)] if m),
                       None)
        if command is None:
            continue
        shown = " ".join(ctx.page.shown_text.split()) if ctx.page is not None else ""
        said = " ".join(_copied(command).split())[:60]
        if said in shown and not any(_RUN_STEPS.search(t) for t in texts):
            continue  # a command the page shows, and no script says to paste it: a copy button
        yield finding(
            CLIPBOARD_COMMAND, Severity.HIGH,
            f"script copies a shell command ({command.group(0)[:40]}…) to the visitor's "
            "clipboard: a fake-CAPTCHA lure has visitors paste and run it",
            command.string[max(0, command.start() - 20):command.end() + 120],
            line=line, xpath=xpath, key=(command.group(0).lower(), xpath))


# --- form skimmers -----------------------------------------------------------------

# a script that reads what visitors type: a field's value (not one it sets), every input
# of a form; in jQuery a field's `.val()` and a form's `.serialize()` (`serializeArray`)
_READS_FIELDS = lazy_regex(
    r"""\.value\b(?!\s*=[^=])|querySelectorAll\(\s*['"][^'"]*\b(?:input|select|textarea)\b"""
    r"""|new\s+FormData\(|\.val\(\s*\)|\.serialize(?:Array)?\(""")
# card fields by the names checkouts give them
CARD_WORDS = lazy_regex(
    r"""cc[_-]?(?:num|number|cvv|cvc|exp)|card[_-]?(?:num|number|holder)|\bcvv\b|\bcvc\b"""
    r"""|payment\[cc|credit[_-]?card|security[_-]?code|cardnumber|payment[_-]?form""", re.I)
# channels that carry data off without the page's form action, each with the data: a
# beacon's body, an image address the data is joined to, a socket that sends
_URL = r"""(['"`])((?:https?:)?//[^'"`\s]+)\1"""
_BEACON = lazy_regex(r"""sendBeacon\(\s*""" + _URL + r"""\s*,""")
_IMAGE_SRC = lazy_regex(r"""\.src\s*=\s*""" + _URL + r"""\s*\+""")
# (a socket counts when `.send(` follows it: tested in code, a lookahead to the text's
# end from every socket would scan it again for each)
_SOCKET = lazy_regex(r"""new\s+WebSocket\(\s*(['"`])(wss?://[^'"`\s]+)\1""")
# each led by its literal, which the regex engine skips ahead to
_FETCH_POST = lazy_regex(r"""fetch\s*\(\s*""" + _URL)
_XHR_POST = lazy_regex(r"""\.open\(\s*['"]POST['"]\s*,\s*""" + _URL)
# jQuery's (and axios') POST: `$.post(url, data)`, `jQuery.ajax({type: 'POST', url: …})`
# with its type or method said anywhere in the object (British Airways' Magecart)
_LIB_POST = lazy_regex(r"""post(?<=\.post)\s*\(\s*""" + _URL)
# (an object's value, `data: {c: …}` or `headers: {…}`, may come first: one level of
# braces is read through)
_IN_OBJECT = r"""(?:[^{}]|\{[^{}]{0,400}\}){0,800}?"""
_AJAX_POST = lazy_regex(
    r"""ajax(?<=\.ajax)\s*\(\s*\{(?=""" + _IN_OBJECT
    + r"""\b(?:type|method)['"]?\s*:\s*['"]POST['"])""" + _IN_OBJECT
    + r"""\burl['"]?\s*:\s*""" + _URL, re.I)
# jQuery's selector of every field by its tag (`input`, `:input`, `input, select`)
_JQ_FIELDS = r"""\s*:?(?:input|select|textarea)(?:\s*,\s*:?(?:input|select|textarea))*\s*"""
# what a skimmer takes: card or password fields, or every field a form holds
_HARVESTS = lazy_regex(
    r"""querySelectorAll\(\s*['"][^'"]*\b(?:input|select|textarea)\b|new\s+FormData\("""
    r"""|\.elements\b"""
    # a password field read by its selector, id or name (a show-password toggle's
    # `type === 'password'` is no read of one)
    # a whole form serialised, every field picked by jQuery (`$('input')`, `$(':input')`)
    r"""|\.serialize(?:Array)?\(|(?:\$|jQuery)\(\s*['"]""" + _JQ_FIELDS + r"""['"]"""
    r"""|(?:querySelector(?:All)?|getElementById|getElementsByName)\(\s*['"][^)]{0,80}?passw(?:or)?d"""
    r"""|[.[]\s*['"]?passw(?:or)?d\b""", re.I)
_SENDS = ("sendBeacon", ".src", "WebSocket", "fetch", ".open(", ".post", ".ajax")
_READ_WORDS = (".value", "FormData", "querySelectorAll", ".val(", ".serialize")
_CHANNELS = ((_BEACON, "a beacon"), (_IMAGE_SRC, "an image request"),
             (_SOCKET, "a WebSocket"), (_FETCH_POST, "a POST"), (_XHR_POST, "a POST"),
             (_LIB_POST, "a POST"), (_AJAX_POST, "a POST"))
SKIM_WINDOW = 800  # characters around a send in which a field read counts as what it sends


Spans = list[tuple[int, int]]


def _signals_near(text: str, sends: list[re.Match[str]]) -> tuple[Spans, Spans, Spans]:
    """Where the field reads, card words and harvests are within SKIM_WINDOW of a send:
    each sought once over the sends' windows joined, so a bundle with thousands of sends
    is read once, not once a send."""
    joined: list[list[int]] = []
    for m in sorted(sends, key=lambda m: m.start()):
        start, end = max(0, m.start() - SKIM_WINDOW), m.end() + SKIM_WINDOW
        if joined and start <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    found: tuple[Spans, Spans, Spans] = ([], [], [])
    for start, end in joined:
        for spans, pattern in zip(found, (_READS_FIELDS, CARD_WORDS, _HARVESTS), strict=True):
            spans += [f.span() for f in pattern.finditer(text, start, end)]  # from the text's start
    return found


def _within(spans: Spans, start: int, end: int) -> bool:
    """Whether one of the (sorted) spans lies inside [start, end)."""
    i = bisect.bisect_left(spans, (start, start))
    return i < len(spans) and spans[i][1] <= end


# a literal every match of each signal holds: a window without one holds no match
_SIGNAL_LITERALS = (lazy_regex(r"\.value|querySelectorAll\(|FormData\(|\.val\(|\.serialize"),
                    lazy_regex(r"cc|card|cvv|cvc|credit|security|payment", re.I),
                    lazy_regex(r"querySelectorAll\(|FormData\(|\.elements|passw|\.serialize"
                               r"|\$\(|jQuery\(", re.I))


def _near(text: str, spans: Spans, signal: int, start: int, end: int) -> bool:
    """Whether the window [start, end) of `text` holds a match of the signal, read as the
    window alone (its edges end words; a match found over the joined windows may run past
    them): a span found over the joined windows inside it answers yes; else the window is
    searched alone, when it holds the signal's literal (a bundle's sends near nothing pay
    no search)."""
    if _within(spans, start, end):
        return True
    pattern = (_READS_FIELDS, CARD_WORDS, _HARVESTS)[signal]
    return (_SIGNAL_LITERALS[signal].search(text, start, end) is not None
            and pattern.search(text[start:end]) is not None)


def form_skimmers(ctx: PageContext) -> Iterator[Finding]:
    """Inline code that reads card or password fields, or every field of a form, and sends
    them to a host of another site that no vendor the catalogue knows runs: a
    Magecart-style skimmer. A beacon with a body, an image address with data joined to
    it or a WebSocket that sends, near a read of a field's value, is no way a form is
    submitted; a fetch or POST counts when the fields are a card's. What is read is
    sought within SKIM_WINDOW characters of the send. How sure it is (`_skim_verdict`):
    a gateway or forms backend the catalogue does not know is an unknown host too."""
    if not (_code_holds(ctx, _SEND_WORDS) and _code_holds(ctx, _FIELD_WORDS)):
        return
    for code, line, xpath in script_codes(ctx, srcdoc=False):
        for text in (code, *ctx.decoded(code).payloads):
            if not any(w in text for w in _SENDS) or not any(w in text for w in _READ_WORDS):
                continue  # no channel's or no field read's literal: most scripts have neither
            last_send = text.rfind(".send(")
            sends = [(m, how) for pattern, how in _CHANNELS for m in pattern.finditer(text)
                     if pattern is not _SOCKET or last_send >= m.end()]  # a socket that sends
            if not sends:
                continue
            spans = _signals_near(text, [m for m, _ in sends])
            unknown: list[tuple[re.Match[str], str, bool]] = []
            anywhere: bool | None = None  # the text holds a field read and a card or harvest
            for m, how in sends:
                start, end = max(0, m.start() - SKIM_WINDOW), m.end() + SKIM_WINDOW
                card = _near(text, spans[1], 1, start, end)
                # one field's value (a search term) is no harvest; a POST only of a card
                if not _near(text, spans[0], 0, start, end) or not (
                        card or (how != "a POST" and _near(text, spans[2], 2, start, end))):
                    continue
                if anywhere is None:  # asked of the whole text, as a window's edges do not
                    anywhere = bool(_READS_FIELDS.search(text)) and bool(
                        CARD_WORDS.search(text) or _HARVESTS.search(text))
                if not anywhere:
                    break
                if unknown_site(ctx, m.group(2)):
                    unknown.append((m, how, card))
            if not unknown:
                continue
            severity, url, how, card, marks = _surest(
                _skim_verdict(ctx, text, m, how, card, payload=text is not code)
                for m, how, card in unknown)
            what = "card fields" if card else "form fields"
            said = f"inline script reads {what} visitors type and sends them by {how} to {url}"
            if severity is Severity.HIGH:
                message = f"{said}, a host no known vendor runs: {'; '.join(marks)}"
            elif severity is Severity.MEDIUM:
                message = (f"{said}, a host no known vendor runs, and nothing else marks it as "
                           "a skimmer: check that the site uses it as its payment provider, "
                           "forms service or own API")
            else:
                message = (f"{said}, {marks[0]}: most likely the site's own form handling; "
                           "check that the site runs it")
            yield finding(
                FORM_SKIMMER, severity, message, url,
                line=line, xpath=xpath, key=tuple(sorted(u.group(2) for u, _, _ in unknown)))
            break


def dressed_as(host: str, first_party: str | None) -> str | None:
    """What a host is dressed as (`dressed_host`), unless it is the page's own name that
    holds the brand: `windows-report.com`'s CDN on `windows-report-cdn.com` borrows
    nothing the page does not bear itself."""
    dressed = dressed_host(host)
    if dressed is None or not first_party:
        return dressed
    own = registrable_domain(first_party).split(".")[0]
    return None if dressed in own and related_site(host, first_party) else dressed


_RANK = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2}
Verdict = tuple[Severity, str, str, bool, list[str]]


def _surest(verdicts: Iterator[Verdict]) -> Verdict:
    """The surest of the sends' verdicts, the first high one without judging the rest (a
    bundle's thousands of sends)."""
    best = next(verdicts)  # one send at least: the caller's unknown ones
    for v in (verdicts if best[0] is not Severity.HIGH else ()):
        if _RANK[v[0]] > _RANK[best[0]]:
            best = v
        if v[0] is Severity.HIGH:
            break
    return best


# what a send's data is dressed in so that a reader of the request cannot read it
_ENCODES = lazy_regex(r"""\bbtoa\s*\(|\.charCodeAt\s*\(|String\s*\.\s*fromCharCode""")
# a gateway's API key in HTTP Basic authentication (`'Basic ' + btoa(key + ':')`, as
# token APIs ask of a checkout, `window.btoa` as well): the key encoded, not what is sent
_BASIC_AUTH = lazy_regex(r"""(?:Basic\s*['"`]\s*\+|Basic\s+\$\{)\s*"""
                         r"""(?:(?:window|self|globalThis)\s*\.\s*)?$""")


def _encodes(window: str) -> bool:
    """Whether code encodes what it sends: a `btoa` or char-code call that is no Basic
    authentication header's."""
    return any(_BASIC_AUTH.search(window, max(0, m.start() - 40), m.start()) is None
               for m in _ENCODES.finditer(window))


# a listener or a read over every form of the page, not the one form a site's own code
# handles: `document.addEventListener('submit', …, true)`, `document.querySelectorAll(
# 'input')`, a loop over `document.forms`
_EVERY_FORM = lazy_regex(
    r"""(?:document|window)\s*\.\s*addEventListener\(\s*['"](?:submit|change|input|keyup|keydown|blur)['"]"""
    # tag names alone: `form.js-ajax` or `[data-ajax]` is the site's own forms picked out
    r"""|document\s*\.\s*querySelectorAll\(\s*['"]\s*(?:input|select|textarea|form)"""
    r"""(?:\s*,\s*(?:input|select|textarea|form))*\s*['"]"""
    r"""|document\s*\.\s*getElementsByTagName\(\s*['"](?:input|select|textarea|form)['"]"""
    # jQuery's every field or form, its values gathered (`$('form').serialize()`, `$('input')
    # .each(function(){ d[…] = $(this).val(); })`, `.map(…return $(this).val())`, a string
    # built of them, `s += name + '=' + $(this).val()`; not `.each(…removeClass('error'))`,
    # a check that each is filled, `if (!$(this).val())`, nor a sum, `t += parseFloat(…)`)
    r"""|(?:\$|jQuery)\(\s*['"]""" + _JQ_FIELDS.replace("textarea)", "textarea|form)")
    + r"""['"]\s*\)\s*\.\s*(?:serialize(?:Array)?\b|val\b|(?:each|map)\s*\([^}]{0,200}?"""
    r"""(?:\]\s*=(?!=)|\breturn\b|\bpush\s*\(|\+=(?=[^;{}]{0,100}?['"]))"""
    r"""[^;{}]{0,60}?\.val(?:\(\s*\)|ue\b))"""
    # `document.forms` looped over; `document.forms[0]` or `['contact']` is one form
    r"""|document\s*\.\s*forms\b(?!\s*\[)""")
# a delegated listener that picks its form or field out (`e.target.matches('.newsletter')`,
# `if (e.target.name !== 'email') return`, `e.target.type !== 'search'`): the selector or
# value compared with, when one is written, is group `sel`
_PICKS_FORM = lazy_regex(
    r"""\.(?:matches|closest)\(\s*(?:(['"`])(?P<sel>[^'"`]*)\1)?"""
    r"""|\.(?:id|name|className|type|getAttribute\(\s*['"][\w-]+['"]\s*\))\s*[!=]==?\s*"""
    r"""(?:(['"`])(?P<val>[^'"`]*)\3)?"""
    r"""|classList\s*\.\s*contains\(\s*(?:(['"`])(?P<cls>[^'"`]*)\5)?|\.dataset\b""")
# what picks no one form: every form or field by its tag or a text box's type
# (`closest('form')`, `type === 'text'`), or what a skimmer takes (a card's or a
# password field, `name === 'payment[cc_number]'`)
_PICKS_NONE = lazy_regex(
    r"""[\s,]*(?:(?:form|input|select|textarea|button|text|tel|number|hidden)\b[\s,]*)*"""
    r"""|.*(?:passw|cc[_-]?(?:num|number|cvv|cvc|cid|exp)|card|cvv|cvc).*""", re.I | re.S)


# a form of the site's own named (`#card-form`, `.gift-card-form`, `checkoutForm`): one
# form picked, whatever its name says of what it takes
_NAMES_FORM = lazy_regex(r"""[a-z0-9][-_]?form|form[-_]?[a-z0-9]""", re.I)


def _picks_form(window: str) -> bool:
    """Whether code picks out one form or field the site handles, rather than reading
    whatever a visitor types into any of them (`e.target.closest('form')` picks none)."""
    for m in _PICKS_FORM.finditer(window):
        said = m.group("sel") or m.group("val") or m.group("cls")
        if said is None or not _PICKS_NONE.fullmatch(said) or _NAMES_FORM.search(said):
            return True
    return False


# another site's WordPress files, where no gateway or forms service takes data: a hacked
# site the skimmer relays through (its endpoints, `admin-ajax.php`, are not counted)
_RELAY_FILES = lazy_regex(r"""^(?:https?:)?//[^/]+/(?:[^?#]*/)?wp-(?:content|includes)/""", re.I)
_NO_CORS = lazy_regex(r"""mode\s*:\s*['"]no-cors['"]""")
# the forms' `action`s a page holds: a send to where a form submits is the form's own
_FORM_ACTIONS = "form actions"


def _skim_verdict(ctx: PageContext, text: str, send: re.Match[str], how: str, card: bool, *,
                  payload: bool) -> Verdict:
    """How sure a send of field values to an unknown host is a skimmer: `high` when
    something beside the unknown host marks it (it leaves by an image address or a
    WebSocket, which no form submits by; it hooks every form of the page rather than
    the one the site handles; what it sends is encoded; the POST is
    fire-and-forget, its answer unread; the code was hidden in an encoding; the host is
    dressed as a known brand or a CDN; it goes to another site's WordPress files). With
    none, a gateway or forms service the catalogue does not know looks the same:
    `medium`, as is a host carrying the page's own name (a site's API on a sister domain,
    or a skimmer's copy of the shop's name). A send to the site a form of the page submits
    to is `low`."""
    url = send.group(2)
    host = host_of(resolve(url, ctx.url) or url)
    window = text[max(0, send.start() - SKIM_WINDOW): send.end() + SKIM_WINDOW]
    marks = []
    if how in ("an image request", "a WebSocket"):
        marks.append(f"it leaves by {how}, which no form submits by")
    if _encodes(window):
        marks.append("what it sends is encoded")
    if _EVERY_FORM.search(window) and not _picks_form(window):
        marks.append("it reads every form of the page, not one form the site handles")
    if how == "a POST" and _NO_CORS.search(window):
        marks.append("the POST is no-cors, its answer never read")
    if _RELAY_FILES.search(url):
        marks.append("it goes to another site's WordPress files, a hacked site relaying it")
    if payload:
        marks.append("the code is hidden in an encoding")
    if (dressed := dressed_as(host, ctx.first_party)) is not None:
        marks.append(f"the host's name is dressed as {dressed}")
    if marks:
        return Severity.HIGH, url, how, card, marks
    site = registrable_domain(host)
    if site in _form_action_sites(ctx):
        return Severity.LOW, url, how, card, ["where a form of the page submits"]
    return Severity.MEDIUM, url, how, card, []


def _form_action_sites(ctx: PageContext) -> list[str]:
    """The registrable domains the page's forms submit to, by their `action`."""
    page = ctx.page
    if page is None:
        return []
    return page.view(_FORM_ACTIONS, lambda: [
        registrable_domain(host_of(url)) for form in page.tagged("form")
        if (action := (form.get("action") or "").strip()) and (url := resolve(action, ctx.url))])


# --- lures: notification bait, fake browser updates ---------------------------------

_ASKS_PERMISSION = lazy_regex(
    r"""Notification\s*\.\s*requestPermission\s*\(|pushManager\s*\.\s*subscribe\s*\(""")
_BAIT_REASON = (r"(?:robot|human|captcha|verif\w*|continue|watch|play|download|access|your age"
                r"|18\+)(?!\w)")
# the reason given in the same clause as the "Allow" ("click Allow to confirm you are not
# a robot", "if you are 18+, press Allow"): what notifications bring ("tap Allow to get
# alerts when the match starts and watch") is a site's own prompt
_CLAUSE = (r"""(?:(?!alert|notif|updat|news|receiv|get\b|know\b)[^\x00.!?;:"“”"""
           r"""«»]){0,40}?""")
_ALLOW_BAIT = lazy_regex(
    r"""(?:click|press|tap)(?:ing)?(?:\s+on)?(?:\s+the)?\W{0,4}allow\W{0,4}(?:(?:button\W+)?(?:to|if|and|that)"""
    r"""\b""" + _CLAUSE + r"""\b)?""" + _BAIT_REASON + r"""|\b""" + _BAIT_REASON + _CLAUSE
    + r"""(?:click|press|tap)(?:ing)?(?:\s+on)?(?:\s+the)?\W{0,4}allow\b""", re.I)
_QUOTES = "\"“„«'‘"
# The same lure in the languages push-spam pages are written in: the browser's "Allow"
# button as its localised prompt labels it, clicked (a verb or quotes beside it), in one
# clause with a reason (not a robot, to continue, to watch, to download, 18+). Substrings,
# not words: CJK has no spaces and Russian, Turkish or Arabic inflect the verb.
_ALLOW_WORD = lazy_regex(
    r"разрешить|дозволити|izinkan|benarkan|cho\s+phép|[İi]zin\s+ver|permitir|autoriser|"
    r"zulassen|erlauben|consenti|zezw[óo]l|السماح|سماح|許可|허용|允许|允許|อนุญาต|अनुमति", re.I)
_CLICKED = lazy_regex(
    r"нажм|нажат|кликн|натисн|клікн|klik|tekan|ketuk|nhấn|bấm|nhấp|chạm|tıkla|bas[ıi]n|dokun|"
    r"cli(?:que|ca|c\b|cca|quez)|toque|pulse|pulsa|toca|appuyez|klicken|tippen|premi|kliknij|"
    r"انقر|اضغط|クリック|タップ|押して|클릭|누르|눌러|탭|点击|點擊|单击|按下|คลิก|กด|क्लिक|"
    r"[«»\"“”„「」『』'‘’]", re.I)
_LOCAL_REASON = lazy_regex(
    r"робот|robot|robô|روبوت|ロボット|로봇|机器人|機器人|หุ่นยนต์|रोबोट|captcha|капч|"
    r"продолж|продовж|lanjut|tiếp tục|devam|contin[uú]|fortfahren|kontynu|متابعة|続行|続け|"
    r"계속|继续|繼續|ดำเนินการต่อ|смотр|перегляд|menonton|tonton|xem video|izle|assistir|"
    r"regarder|ansehen|guardare|مشاهدة|視聴|시청|观看|觀看|скача|завантаж|загрузк|unduh|"
    r"tải|indir|baixar|descargar|télécharg|herunterlad|scaric|تحميل|تنزيل|ダウンロード|"
    r"다운로드|下载|下載|18\+", re.I)
# what notifications bring, said in the clause: a site's own prompt ("нажмите «Разрешить»,
# чтобы получать новости")
_LOCAL_NEWS = lazy_regex(
    r"уведомл|сповіщ|новост|новин|получ|отрим|notifikasi|berita|thông báo|tin tức|bildirim|"
    r"haber|notifica|notícia|noticia|nouvelles|benachrichtig|nachricht|powiadom|إشعار|أخبار|"
    r"通知|알림|소식|新闻|新聞|消息|แจ้งเตือน|ข่าว|सूचना|समाचार", re.I)
# a cookie banner's "Allow" ("Usamos cookies. Clique em Permitir para continuar") is no
# browser prompt: the words anywhere in the text node of the "Allow"
# nor is a consent notice that names personal data or privacy instead
_COOKIES = lazy_regex(
    r"cookie|куки|çerez|クッキー|쿠키|کوکی|ملفات تعريف الارتباط|персональн|персональ|"
    r"конфиденциальн|privacy|privasi|data pribadi|dữ liệu cá nhân|kişisel veri|"
    r"dados pessoais|datos personales|données personnelles|datenschutz|personenbezogen|"
    r"個人情報|개인정보|隐私|隱私|个人信息|個人資料|البيانات الشخصية|الخصوصية|"
    r"rastreamento|rastreo|consent|согласи", re.I)
NODE_REACH = 300  # characters either side of the "Allow" its text node is read over
# a sentence about the lure, not the lure: who asks ("scam sites ask you to click Allow",
# "мошенники просят нажать «Разрешить»", "situs palsu meminta Anda"), or what it is
_REPORTED = lazy_regex(
    r"\b(?:asks?|asked|asking|tells?|told|urges?|instructs?|prompts?)\s+(?:you|users|"
    r"visitors|readers|victims|people)\b|\bscam|\bfake\s+(?:site|page|captcha)|\bfraudster|"
    r"мошенни|аферист|просят|предлагают|требуют|пишут|шахрай|просять|penipu|palsu|"
    r"meminta|lừa đảo|giả mạo|yêu cầu|dolandırıc|sahte|golpe|golpist|estafa|falso|falsa|"
    r"arnaque|escroc|betrüger|betrug|gefälscht|truffa|oszu|詐欺|偽|사기|가짜|诈骗|詐騙|骗|"
    r"虚假|احتيال|مزيف|محتال", re.I)
REPORT_REACH = 80  # characters before a lure's clause its sentence is read over
# an app's install or a phone's settings ("Чтобы скачать приложение, нажмите
# «Разрешить»", "「許可」をタップしてダウンロード" of a configuration profile): no web push
_APP_STEPS = lazy_regex(
    r"приложени|додат|aplikasi|ứng dụng|uygulama|aplicativo|aplicación|applica|\bapps?\b|"
    r"настройк|налаштув|pengaturan|cài đặt|ayarlar|configuraç|configuración|réglages|"
    r"einstellungen|impostazioni|iphone|ipad|\bios\b|android|アプリ|設定|プロファイル|앱|"
    r"설정|应用|應用|设置|設置|تطبيق|الإعدادات", re.I)
# a CJK "Allow" is a button only beside its verb or quotes (允许 is also "permission":
# 未经允许不得转载, "no reprint without permission", a footer's line)
_CJK_ALLOW = lazy_regex(r"許可|허용|允许|允許")
CJK_NEAR = 4  # characters either side of a CJK "Allow" its click starts or ends in
CLICK_VERB = 8  # characters a click verb of _CLICKED may run past that reach


def _reported(text: str, start: int, end: int) -> bool:
    """Whether the sentence of the lure at `text[start:end]` speaks about it (an article
    about push scams, a help page's warning) rather than to the visitor."""
    ends = [e.end() for e in _SENTENCE_END.finditer(text, max(0, start - REPORT_REACH), start)]
    return bool(_REPORTED.search(text, ends[-1] if ends else max(0, start - REPORT_REACH),
                                 end))


_SENTENCE_END = lazy_regex(r"[\x00.!?。！？]")


# a lure's reason no consent notice gives: proving the visitor human or of age (a cookie
# banner asks to continue, never to show you are not a robot)
_HUMAN_PROOF = lazy_regex(
    r"robot|human|your\s+age|18\+|робот|robô|روبوت|ロボット|로봇|机器人|機器人|หุ่นยนต์|रोबोट", re.I)
# a captcha is both: the test a lure names ("click Allow to pass the captcha") and the
# service a consent tool's content blocker loads once allowed (Complianz's or Borlabs'
# notice over a reCAPTCHA form: "To load the captcha, click Allow", "Um das Captcha zu
# laden, klicken Sie auf „Erlauben“"): said with a word of loading it, it is the service
_CAPTCHA = lazy_regex(r"captcha|капч", re.I)
_LOADS_SERVICE = lazy_regex(
    r"\b(?:load|enabl|activat|unblock|show|display)\w*|\blad(?:en|e)\b|aktivier|anzeig|"
    r"entsperr|charger|activer|afficher|cargar|activar|mostrar|carregar|ativar|caricar|"
    r"attivar|загруз|показ|включ|yükle|etkinleştir|muat|aktifkan|tải", re.I)
SENTENCE_REACH = 120  # characters before a lure its sentence's start is sought over


def _in_cookie_notice(text: str, start: int, end: int, lure: str) -> bool:
    """Whether the text node holding `text[start:end]` speaks of cookies or consent, and
    the `lure` gives a reason such a notice does: "Usamos cookies." beside "click Allow to
    prove you are not a robot" bought a push lure its silence. A captcha the lure's
    sentence speaks of loading is the service a consent tool's blocker loads."""
    if _HUMAN_PROOF.search(lure):
        return False
    if _CAPTCHA.search(lure):
        ends = [e.end() for e in _SENTENCE_END.finditer(text, max(0, start - SENTENCE_REACH),
                                                        start)]
        sentence = text[ends[-1] if ends else max(0, start - SENTENCE_REACH) : end]
        if not _LOADS_SERVICE.search(sentence):
            return False
    left = text.rfind("\x00", max(0, start - NODE_REACH), start) + 1 or max(0, start - NODE_REACH)
    right = text.find("\x00", end, end + NODE_REACH)
    return bool(_COOKIES.search(text, left, right if right >= 0 else end + NODE_REACH))
_CLAUSE_END = lazy_regex(r"[\x00.!?;:。！？；：]")
LOCAL_CLAUSE = 80  # characters either side of the "Allow" a clause is read over


def _clicked_near(text: str, start: int, end: int, reach: int, overrun: int) -> bool:
    """Whether a click verb (or a quote) ends within `reach` characters before
    `text[start:end]` or starts within `reach` after it, running at most `overrun`
    characters past that reach: `[허용]을 누르세요`, whose verb starts 3 characters on
    and ends past the fourth, is clicked."""
    before = text[max(0, start - reach - overrun) : start]
    if any(c.end() > len(before) - reach for c in _CLICKED.finditer(before)):
        return True
    after = _CLICKED.search(text, end, end + reach + overrun)
    return after is not None and after.start() < end + reach


def _local_bait(text: str) -> str | None:
    """The clause of a push lure in another language than English (`Нажмите «Разрешить»,
    чтобы подтвердить, что вы не робот`, `Klik Izinkan untuk membuktikan bahwa Anda bukan
    robot`), else None; a lure in quotes is an article quoting one."""
    for m in _ALLOW_WORD.finditer(text):
        cjk = _CJK_ALLOW.fullmatch(m.group(0)) is not None
        if not _clicked_near(text, m.start(), m.end(), CJK_NEAR if cjk else 20,
                             CLICK_VERB if cjk else 0):
            continue
        ends = [e.end() for e in _CLAUSE_END.finditer(text, max(0, m.start() - LOCAL_CLAUSE),
                                                       m.start())]
        start = ends[-1] if ends else max(0, m.start() - LOCAL_CLAUSE)
        stop = _CLAUSE_END.search(text, m.end(), m.end() + LOCAL_CLAUSE)
        clause = text[start : stop.start() if stop else m.end() + LOCAL_CLAUSE]
        lead = clause.lstrip()
        if lead[:1] in _QUOTES and not _ALLOW_WORD.match(lead[1:]):
            continue  # `пишут: «Нажмите «Разрешить»…»`
        if (_LOCAL_REASON.search(clause) and not _LOCAL_NEWS.search(clause)
                and not _APP_STEPS.search(clause)
                and not _in_cookie_notice(text, m.start(), m.end(), clause)
                and not _reported(text, start, start + len(clause))):
            return clause
    return None


def notification_bait(ctx: PageContext) -> Iterator[Finding]:
    """A page that asks for notification permission while its text tells visitors to
    click "Allow" to prove they are human, to continue or to watch, in the same clause: a
    push-spam lure that turns one click into a channel for scam notifications. A site's
    own "get breaking news" prompt gives no such reason, what its alerts bring ("tap Allow
    to get alerts when the match starts and watch") is none, and a lure in quotes is an
    article about one. A push service's script (OneSignal, iZooto, a push ad network's tag)
    asks for the permission itself: the page that loads one asks too."""
    if ctx.page is None:
        return
    asks = next(((line, xpath, "page asks for notification permission")
                 for code, line, xpath in script_codes(ctx)
                 if ("requestPermission" in code or "pushManager" in code)
                 and _ASKS_PERMISSION.search(code)), None) if _code_holds(
        ctx, _PERMISSION_WORDS) else None
    asks = asks or _push_service(ctx)
    if asks is None:
        return
    text = ctx.page.shown_text
    # a quoted lure is an article about one (`they say: "Click Allow to verify…"`)
    bait = next((m.group(0) for m in _ALLOW_BAIT.finditer(text)
                 if text[max(0, m.start() - 40) : m.start()].rstrip()[-1:] not in _QUOTES
                 and not _APP_STEPS.search(m.group(0))
                 and not _in_cookie_notice(text, m.start(), m.end(), m.group(0))
                 and not _reported(text, m.start(), m.end())), None) or _local_bait(text)
    if bait is None:
        return
    said = " ".join(bait.replace("\x00", " ").split())
    yield finding(
        NOTIFICATION_BAIT, Severity.HIGH,
        f"{asks[2]} and tells visitors \"{said[:80]}\": a push-notification lure",
        said[:200], line=asks[0], xpath=asks[1])


def _push_service(ctx: PageContext) -> tuple[int, str, str] | None:
    """Where the page loads a push service (a network whose `formats` hold "push"), whose
    script asks for notification permission without the page's code asking: its push tag
    where the catalogue names one (`format_tags`: RichAds' in-page push tag draws a
    notification's look-alike in the page and asks for nothing), else any tag but a pop
    tag."""
    pushers = {n.name: n for n in ctx.networks if "push" in n.formats}
    return next(((r.line, r.xpath, f"page loads {r.network} (its script asks for "
                  "notification permission)") for r in ctx.resources
                 if r.network in pushers and not _pop_tag_only(pushers[r.network], r.url)
                 and pushers[r.network].format_tag("push", [r.url]) is not None),
                None) if pushers else None


def _pop_tag_only(network: Network, url: str) -> bool:
    """Whether a URL of a network that sells push and pops is its pop tag (catalogue
    `format_tags`: PropellerAds' `apu.php`), which opens a window and asks for no
    notification permission."""
    return any(fmt == "popunder" for fmt, _ in network.format_tags) and (
        network.format_tag("popunder", [url]) is not None)


_PROGRAMS = ("exe|msi|msix|appx|zip|rar|7z|js|jse|vbs|vbe|wsf|hta|scr|bat|cmd|ps1|lnk|iso|img"
             "|apk|dmg|pkg")
_PROGRAM = lazy_regex(rf"\.(?:{_PROGRAMS})$", re.I)
# the same, in an `href` of the lowered markup, its file named within 2,000 characters of
# the value's start. RE2 (one pass over the page) spells out `re`'s `\s` on bytes (RE2's
# lacks \v) and bounds a repetition at 1,000: two of them make the 2,000.
_HREF_CHAR = rb"""[^"'\t\n\x0b\x0c\r >]"""
# or a character reference in the value's last segment (`update.&#101;xe`, `a&#46;zip`):
# the parser reads it as the letter, so the link's own `href` is asked. A reference before
# a query's next pair (WordPress's `?a=1&#038;b=2`) is none.
_REFERENCE_TAIL = rb"""&(?:#x?[0-9a-f]{1,6}|period);?[^"'\t\n\x0b\x0c\r >?#/=&]{0,12}"""
_PROGRAM_HREF: Any = re2_bytes_pattern(
    rb"href" + BYTES_SPACE + rb"*=" + BYTES_SPACE + rb"""*["']?""" + _HREF_CHAR + rb"{0,1000}"
    + _HREF_CHAR + rb"{0,1000}(?:\.(?:" + _PROGRAMS.encode() + rb")|" + _REFERENCE_TAIL
    + rb""")(?:["'\t\n\x0b\x0c\r >?#]|$)""")
_UPDATE_WORDS = lazy_regex(r"\bupdat\w*|out\s*of\s*date|outdated|latest\s+version", re.I)
# a link that asks for the update itself ("Update Chrome"), not a download portal's
# "Download latest version"
_UPDATE_CALL = lazy_regex(r"\bupdat\w*|out\s*of\s*date|outdated", re.I)
# what a lure tells a visitor outside an overlay: the browser is broken or too old (a
# release article says what is new)
_STALE = lazy_regex(r"out\s*of\s*date|outdated|too\s+old|older\s+version|unsupported"
                    r"|no\s+longer\s+supported|\berror\b", re.I)
_BROWSER_WORDS = lazy_regex(
    r"\b(?:chrome|firefox|edge|safari|opera|browser|flash\s+player)\b", re.I)
# who ships each browser: its own installer is no fake (the catalogue knows Google's and
# Microsoft's hosts as content, not Mozilla's, Opera's or Apple's)
_BROWSER_MAKERS = frozenset({"google.com", "mozilla.org", "mozilla.net", "microsoft.com",
                             "opera.com", "apple.com", "brave.com", "vivaldi.com"})
_FIXED = lazy_regex(r"position\s*:\s*fixed", re.I)
ANCESTORS = 3  # how far up the block whose words a download link is read with may be


# a sentence's end in a block's text, its blocks' breaks written as newlines
_BLOCK_SENTENCE_END = lazy_regex(r"[.!?]\s|\n")
_BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                         "section", "article", "header", "footer", "main", "aside", "td",
                         "tr", "table", "br", "dd", "dt", "blockquote", "pre", "form"})


def _browser_stale(block: etree._Element) -> bool:
    """Whether one sentence of a block says a browser needs an update or is out of date
    ("Your browser is out of date."), each paragraph, heading or item its own: a download
    page's "Update VLC" link on a page that says elsewhere it "works in any browser" asks
    to update no browser."""
    parts: list[str] = []
    stack: list[tuple[etree._Element, bool]] = [(block, False)]
    while stack:  # text and tails in document order, without recursion (deep markup)
        el, closing = stack.pop()
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            parts.append("\n")
        if closing:
            if el is not block:
                parts.append(el.tail or "")
            continue
        if isinstance(el.tag, str):
            parts.append(el.text or "")  # a comment's text is no sentence
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return any(_BROWSER_WORDS.search(sentence) and (
        _UPDATE_WORDS.search(sentence) or _STALE.search(sentence))
        for sentence in _BLOCK_SENTENCE_END.split("".join(parts)))


def fake_updates(ctx: PageContext) -> Iterator[Finding]:
    """A link that downloads a program or script from a host of another site no known
    vendor runs, in a block telling visitors their browser needs an update: the fake
    browser update (SocGholish, FakeUpdates, ClearFake) that installs malware. The link
    itself calls for the update in a block saying the browser is out of date or broken,
    or the block is an overlay pinned over the page that calls for an update (an article
    about a browser release that links a mirror, a download portal's "latest version"
    button or sticky bar, is neither); the browser is named by the link or in the sentence
    that says it needs an update. A browser maker's own installer is what it says; a
    how-to linking a mirror reads alike (`_update_verdict` says how sure)."""
    if ctx.page is None:
        return
    for a, href in _downloads(ctx.page):
        url = resolve(href, ctx.url)
        host = unknown_site(ctx, url) if url else None
        if not url or not host or registrable_domain(host) in _BROWSER_MAKERS:
            continue
        said = " ".join((*(str(t) for t in a.itertext()), a.get("value") or ""))
        calls = _UPDATE_CALL.search(said) is not None
        names_browser = _BROWSER_WORDS.search(said) is not None
        block: etree._Element | None = a
        for _ in range(ANCESTORS):
            if block is None:
                break
            words = " ".join(str(t) for t in block.itertext())
            pinned = bool(_FIXED.search(block.get("style") or ""))
            # pinned, the block itself must call for an update: a download portal's sticky
            # bar offers a browser's "latest version" and is no lure
            if ((pinned and _UPDATE_CALL.search(words)) or (calls and _STALE.search(words))) \
                    and _UPDATE_WORDS.search(words) and (names_browser or _browser_stale(block)):
                severity, why = _update_verdict(a, url, host, ctx.first_party)
                yield finding(
                    FAKE_UPDATE, severity, f"a \"browser update\" download of {url} from "
                    f"another site{why}", url, line=ctx.cited_line(a), xpath=ctx.xpath(a),
                    key=(url,))
                break
            block = block.getparent()


# a click handler starting a download: the page sent to a file's address or the file
# opened in a window (`location='…/Chrome_Update.zip'`, `window.open('…/Setup.exe')`), as
# a fake update's button does where no link shows the file
_DOWNLOAD_SINK = lazy_regex(r"(?:\blocation(?:\s*\.\s*href)?\s*=|\blocation\s*\.\s*"
                            r"(?:replace|assign)\s*\(|\bwindow\s*\.\s*open\s*\()\s*\Z")
_CLICK_HANDLERS = frozenset({"onclick", "onmousedown", "onmouseup", "onpointerdown",
                             "onpointerup", "ontouchstart", "ontouchend"})


def _downloads(page: ParsedPage) -> Iterator[tuple[etree._Element, str]]:
    """(element, address) of each link to a program file (`_PROGRAM`), then of each
    control whose click handler starts the download of one: a button's `onclick` is the
    link a kit writes where a link's `href` would show the file on hover."""
    if _PROGRAM_HREF.search(page.lowered):  # no href names such a file: most pages link none
        for a in page.tagged("a"):
            href = a.get("href") or ""
            if _PROGRAM.search(href.split("?")[0].split("#")[0].strip()):
                yield a, href  # most links are pages: the extension is tested first
    for el in page.with_handlers:
        started: set[str] = set()  # one file per control, and none its own href names
        for attr, code in handlers_of(el):
            if attr.lower() not in _CLICK_HANDLERS or "//" not in code:
                continue
            for m in url_literals(code):
                if _PROGRAM.search(m.group(2).split("?")[0].split("#")[0]) and \
                        _DOWNLOAD_SINK.search(code, max(0, m.start() - 40), m.start()) \
                        and m.group(2) not in started and m.group(2) != el.get("href"):
                    started.add(m.group(2))
                    yield el, m.group(2)


# --- wallet drainers -----------------------------------------------------------------

# code that asks the visitor's wallet for its accounts (EIP-1102/EIP-1193), then for an
# approval that lets another address move the visitor's tokens: ERC-20 `approve` and
# `increaseAllowance`, ERC-721/1155 `setApprovalForAll` (by name or by their 4-byte
# selectors 0x095ea7b3, 0x39509351, 0xa22cb465), or an EIP-2612 `permit` signed as typed
# data. A plain payment (`eth_sendTransaction`: a blog's tip jar) is no approval.
_CONNECTS = lazy_regex(r"""eth_requestAccounts|wallet_requestPermissions|"""
                       r"""ethereum\s*\.\s*enable\s*\(""")
_APPROVES = lazy_regex(
    r"""\bsetApprovalForAll\b|\bincreaseAllowance\b|\.approve\s*\(|['"]approve['"(]|"""
    r"""0x(?:095ea7b3|39509351|a22cb465)|eth_signTypedData(?:_v[34])?\b[^;]{0,400}?"""
    r"""\bPermit\b|['"]Permit['"]""")
# words a page that means to talk to a wallet shows its visitors: a dapp's button, a
# crypto article's prose; an article about a ferry timetable shows none (not `claim`,
# `token`, `connect` or `mint`: news prose says them every day)
# (ASCII word edges: `\b` finds none between "NFT" and the Japanese or Chinese text it
# is written against, "NFTを")
_WALLET_WORDS = lazy_regex(
    r"(?<![a-z])(?:wallet|crypto|krypto|kripto|ethereum|web3|airdrop|metamask|dapp"
    r"|blockchain)|(?<![a-z])(?:nfts?|defi)(?![a-z])|billetera|carteira|portefeuille"
    r"|кошел[её]к|крипто|ウォレット|暗号資産|暗号通貨|仮想通貨|イーサリアム|ビットコイン"
    r"|钱包|錢包|加密货币|加密貨幣|虚拟货币|以太坊|区块链|區塊鏈|지갑|암호화폐|가상화폐|이더리움",
    re.I)


def wallet_drainers(ctx: PageContext) -> Iterator[Finding]:
    """Code that connects the visitor's wallet and asks for an approval of their tokens:
    a crypto drainer kit (Inferno, Angel, Pink Drainer) injected into a hacked site. A
    dapp's own page does the same (a swap approves a router), so the code alone is no
    finding on a page that is no article; `_drainer_verdict` says how sure it is where
    it is."""
    if ctx.page is None or not (_code_holds(ctx, _WALLET_CODE_WORDS)
                                or _joined_code_holds(ctx, _WALLET_CODE_WORDS)):
        return
    inside = inside_bodies(ctx.bodies, ctx.xpath)
    for code, line, xpath in script_codes(ctx):
        payloads = ctx.decoded(code).payloads
        plain = _CONNECTS.search(code) and _APPROVES.search(code)
        # names split into literals joined at run time ('eth_req'+'uestAccounts',
        # c['appr'+'ove']) are names hidden as an encoding hides them
        joined = unjoined(spliced(code)) if not plain and "+" in code else ""
        hidden = not plain and any(_CONNECTS.search(p) and _APPROVES.search(p)
                                   for p in (joined, *payloads))
        if not (plain or hidden):
            continue
        verdict = _drainer_verdict(ctx, line, hidden=hidden, in_article=inside(xpath))
        if verdict is None:
            continue
        severity, why = verdict
        text = next(t for t in (code, joined, *payloads) if _CONNECTS.search(t))
        asks = _APPROVES.search(text)
        yield finding(
            WALLET_DRAINER, severity,
            "script connects the visitor's crypto wallet and asks it to approve "
            f"({asks.group(0)[:40] if asks else 'an approval'}) another address moving "
            f"their tokens{why}", text[:200], line=line, xpath=xpath, key=(xpath, text[:200]))


def _drainer_verdict(ctx: PageContext, line: int, *, hidden: bool, in_article: bool
                     ) -> tuple[Severity, str] | None:
    """How sure wallet-approval code is a drainer, with why: high with a mark of
    injection (its code hidden in an encoding or its names split into joined literals,
    written outside the page's markup, in a WordPress post body, or on an article whose
    text names no wallet, crypto or NFT word at all); medium on an article page or in an
    article body with none of these (a crypto site's article may embed a mint or claim
    widget); none, without the first three marks, on a page that is no article (a dapp's,
    whose shell may show no word until it runs)."""
    assert ctx.page is not None
    if hidden:
        return Severity.HIGH, (" (its code hidden in an encoding or split into pieces): a "
                               "wallet drainer")
    if outside_markup(ctx, line):
        return Severity.HIGH, " (written outside the page's markup): a wallet drainer"
    if ctx.document.in_post_body:
        return Severity.HIGH, " (in a WordPress post body): a wallet drainer"
    if not (in_article or ctx.bodies):
        return None  # an app's page: a dapp's own shell may show no word before it renders
    if not _WALLET_WORDS.search(ctx.page.shown_text):
        return Severity.HIGH, (" on an article that shows no wallet, crypto or NFT word: a "
                               "wallet drainer")
    return Severity.MEDIUM, (" on an article page: check that the site means to run a "
                             "wallet widget (a drainer kit reads alike)")


# the elements a page's layout is made of, which no overlay over it holds
_LANDMARKS = ("main", "article", "header", "footer", "nav")
def _is_shell(el: etree._Element) -> bool:
    """Whether a pinned element is the page's layout shell: it holds the page's landmarks
    (`_LANDMARKS`), and none lies outside it. An overlay copying a browser's download page,
    its own header and main and all, over a page whose header and footer it covers is
    no shell."""
    if next(el.iterdescendants(*_LANDMARKS), None) is None:
        return False
    inside = {*el.iterdescendants(*_LANDMARKS), *el.iterancestors()}
    return all(m in inside for m in el.getroottree().getroot().iter(*_LANDMARKS))


# what browsers ship as: a "browser update" in a script or a shortcut is no installer
_INSTALLERS = lazy_regex(r"\.(?:exe|msi|msix|appx|dmg|pkg|apk)$", re.I)
# an archive is a portable build's (Firefox Portable, a Chromium snapshot's `chrome-win.zip`,
# as download portals list them, "Update available" on their cards) unless it is named an
# update (SocGholish's `Chrome.Update.a1b2c3.zip`) or its block tells the visitor their
# own browser is stale ("Your browser is out of date"), as a lure and no portal does
_ARCHIVES = lazy_regex(r"\.(?:zip|rar|7z)$", re.I)
_UPDATE_FILE = lazy_regex(r"update|upd(?![a-z])", re.I)
_YOUR_BROWSER = lazy_regex(
    r"\byour\s+(?:web\s+)?(?:browser|chrome|firefox|edge|safari|opera)\b", re.I)


def _update_verdict(a: etree._Element, url: str, host: str,
                    first_party: str | None) -> tuple[Severity, str]:
    """How sure a "browser update" link is a lure, and why. A how-to article that says
    an outdated browser crashes and links the installer on a mirror reads like one, so
    the words alone are `medium`; `high` when the link sits in an overlay pinned over the
    page, the file is no installer any browser ships as (a script, a shortcut; an archive
    named an update or offered to a visitor told their browser is stale: `_ARCHIVES`),
    or the host is dressed as a brand or a CDN. A download portal's card offering a
    portable build's zip under "Update available" is `medium`, as the how-to is."""
    path = url.split("?")[0].split("#")[0]
    # an overlay pinned over the page, not a layout whose shell is pinned and scrolls
    # inside (`<div id="app" style="position:fixed;inset:0;overflow:auto">` around the
    # page's header, article and footer)
    pinned = any(_FIXED.search(el.get("style") or "") and not _is_shell(el)
                 for el in a.iterancestors())
    dressed = dressed_as(host, first_party)
    if pinned or dressed is not None or not (_INSTALLERS.search(path)
                                             or _portable_build(a, path)):
        why = ("it sits in an overlay pinned over the page" if pinned else
               f"the host is dressed as {dressed}" if dressed else
               "no browser ships as " + path.rsplit(".", 1)[-1].lower())
        return Severity.HIGH, f": a fake update that installs malware ({why})"
    return Severity.MEDIUM, (" in a block saying the browser is out of date: a fake update, "
                             "or an article or a download portal linking an installer or a "
                             "portable build on a mirror; check which")


def _portable_build(a: etree._Element, path: str) -> bool:
    """Whether an archive a link offers reads as a browser's portable build, as download
    portals list them (`_ARCHIVES`): not named an update, and not offered to a visitor
    told their own browser is stale (the link's text or its blocks', `ANCESTORS` up)."""
    if not _ARCHIVES.search(path) or _UPDATE_FILE.search(path.rsplit("/", 1)[-1]):
        return False
    return not any(_YOUR_BROWSER.search(" ".join(str(t) for t in up.itertext()))
                   for up in (a, *islice(a.iterancestors(), ANCESTORS)))


# --- scripts outside the page's markup ----------------------------------------------

_DOCTYPE = lazy_regex(r"<!doctype\s+html", re.I)


def before_doctype(text: str) -> tuple[int, str]:
    """The line of the page's own `<!DOCTYPE html>` and the text before it, when that
    text holds a script; else (0, ""). The doctype comes first in every template (a
    byte before it puts the browser in quirks mode): a script there was echoed by a
    hacked option, theme or plugin file (Balada Injector's `wp_options` payloads), not
    pasted by a site's owner. A doctype in a script's string is not the page's.

    >>> before_doctype("<script src='//x.test/a.js'></script>\\n<!DOCTYPE html><html>")
    (2, "<script src='//x.test/a.js'></script>\\n")
    >>> before_doctype("<!DOCTYPE html><html>")
    (0, '')
    """
    for n, m in enumerate(_DOCTYPE.finditer(text)):
        if n == STARTS_TRIED:
            break
        before = text[: m.start()]
        lowered = before.lower()
        if before.rfind("<") > before.rfind(">") or lowered.count("<script") > lowered.count(
                "</script"):
            continue  # inside a tag or a script
        if "<script" not in lowered:
            return 0, ""
        return line_at(text, m.start()), before
    return 0, ""


def page_before_doctype(ctx: PageContext) -> tuple[int, str]:
    """`before_doctype` of the page, read once."""
    return ctx.view("before <!DOCTYPE>", lambda: before_doctype(ctx.document.text))


def _is_charset(el: Any) -> bool:
    """Whether an element is the page's `<meta charset>` (or its `http-equiv` form)."""
    return isinstance(el.tag, str) and el.tag.lower() == "meta" and (
        el.get("charset") is not None or (el.get("http-equiv") or "").lower() == "content-type")


def _managed_charset(el: Any) -> bool:
    """Whether a `<meta charset>` is the first of the tags Next.js's head manager writes
    (`next/head`, its `charSet` first of them), which a page's `_document` prints after its
    own head children: those before it are the template's, in its order, and no top an
    injector writes before the template's charset. Marked on each tag (`data-next-head`),
    or counted by the `<meta name="next-head-count" content="N">` that closes the N tags,
    read back from it to the charset (a count that does not end at the charset is another
    run's: the charset then is the template's own). The manager writes one charset (it
    keeps one `charSet`): one the template's own follows is an injector's, written after
    its loader to pass for the manager's, and ends the top as any charset does.

    >>> from lxml import html
    >>> def charset(head: str) -> Any:
    ...     return html.document_fromstring(f"<html><head>{head}</head></html>").find(".//meta")
    >>> _managed_charset(charset('<meta charset="utf-8"><title>t</title>'
    ...     '<meta name="next-head-count" content="2">'))
    True
    >>> _managed_charset(charset('<meta charset="utf-8"><title>t</title><link rel="icon">'
    ...     '<meta name="next-head-count" content="2">'))
    False
    >>> _managed_charset(charset('<meta charset="utf-8" data-next-head=""><meta charset="utf-8">'))
    False
    """
    if any(isinstance(sib.tag, str) and _is_charset(sib) for sib in el.itersiblings()):
        return False
    if el.get("data-next-head") is not None:
        return True
    count = 0
    for sib in el.itersiblings():
        if not isinstance(sib.tag, str):
            continue  # a comment is no tag the manager counts
        count += 1
        if sib.tag.lower() == "meta" and (sib.get("name") or "").lower() == "next-head-count":
            return (sib.get("content") or "").strip() == str(count)
    return False


def _before_charset(ctx: PageContext) -> frozenset[str]:
    """The paths of the scripts a page's `<head>` holds before its `<meta charset>`, read
    once. WordPress's `header.php` and every theme after it print the charset first in the
    head (the spec wants it in the first 1,024 bytes); `wp_head` hooks come after it. A
    script there that no vendor the catalogue knows runs was put there by an edited
    template or an output filter (Balada Injector's plain loader, which Sucuri finds at the
    top of `<head>`), or pasted there by an owner told "as high in the head as possible".
    The run ends at the first file of the site's own (`_own_asset`): a template that loads
    its own scripts and styles before the charset declares it late (Adobe CQ's pages load
    jQuery and their ad library first; Fox's, its jQuery, its sister site's ad.js, then the
    charset after sixty metas), and what sits among its own files is in the template's
    order, not the top an injector writes its blob at. Nor is there a top before a
    charset Next.js's head manager writes (`_managed_charset`): the `_document`'s own head
    children precede it (a recipe site's GTM, GPT and accessibility widget tags)."""
    if ctx.root is None:
        return frozenset()

    def build() -> frozenset[str]:
        assert ctx.root is not None
        head = ctx.root.find("head")
        if head is None:
            return frozenset()
        scripts: list[str] = []
        ours = False  # past a file of the site's own: the template's order, not its top
        for el in head:
            if _is_charset(el):
                return frozenset() if _managed_charset(el) else frozenset(scripts)
            ours = ours or _own_asset(ctx, el)
            if str(el.tag).lower() == "script" and not ours:
                scripts.append(ctx.xpath(el))
        # no charset in the head: the parser ends the head at a body element a blob at its
        # top writes (a `<div>`, a frame), and the charset, title and the rest go to the
        # body; its scripts up to the charset there, a few elements in, are the top still
        for el in cut_head_spill(ctx.root):
            if _is_charset(el):
                return frozenset() if _managed_charset(el) else frozenset(scripts)
            ours = ours or _own_asset(ctx, el)
            if str(el.tag).lower() == "script" and not ours:
                scripts.append(ctx.xpath(el))
        return frozenset()  # no charset near the head's end: no top to be before

    return ctx.view("scripts before the charset", build)


def _own_asset(ctx: PageContext, el: Any) -> bool:
    """Whether a head element loads a file of the page's own site: a `<script src>` or a
    stylesheet `<link>` on its host or a relative path (an injector's blob loads another
    site's), in a folder of the site's (a template's files sit in its asset folders,
    `/static/css/`, `/etc/clientlibs/`, `/wp-content/themes/…/`; `/x.css` at the site's
    root is a line anyone writes before a blob), loaded once by the page: a template
    prints each of its files once, so a copy of a file the page loads elsewhere (the theme's
    `style.css` link written again above a blob) is the blob's, not the template's; and in a
    build folder the page loads another file from past the head's top (`_files_in`): a
    line of a fresh file in a fresh folder (`/a/x.css`), or of many there, is one an
    injector that reads the page writes as cheaply.
    An injector that invents a file in a folder of the template's (`/wp-content/themes/
    <theme>/x.css`) passes all three: no rule on the line itself tells it from the
    template's own, which the server, not the page, would show."""
    tag = str(el.tag).lower()
    if tag == "script":
        ref = el.get("src")
    elif tag == "link" and "stylesheet" in (el.get("rel") or "").lower():
        ref = el.get("href")
    else:
        return False
    if not ref:
        return False
    url = resolve(ref, ctx.url) if ctx.first_party else None
    if url is not None and is_third_party(host_of(url), ctx.first_party):
        return False
    if url is None and not _relative(ref):
        return False  # no site known: only a relative path is the page's own for sure
    key = _file_of(ctx, ref)
    return key.rfind("/") > key.find("/") >= 0 and _loads_of(ctx).get(key, 0) == 1 and (
        _files_in(ctx).get(_folder_of(key), 0) >= 1)


_FOLDER_DEPTH = 3  # the folders of a file's path that name its build (`/static/v/all/`)
# folders a build sorts its files into by type, under its own (`/assets/css/`, `/assets/js/`)
_TYPE_FOLDERS = frozenset({"css", "js", "styles", "style", "stylesheets", "scripts",
                           "script", "javascript", "javascripts"})
# WordPress's core and its theme are one build: a theme's `style.css` alone in its folder
# beside the core's jQuery (`/wp-includes/js/jquery/`); its uploads and plugins are not
_WORDPRESS_BUILD = ("wp-includes", "wp-content/themes")


def _folder_of(key: str) -> str:
    """The build folder of a file (`_file_of`): its host and the first `_FOLDER_DEPTH`
    folders of its path (`/wp-content/themes/gazette/`, `/etc/designs/ad/`, `/js/`), past
    the first leaving out those named for a file type (a build's `/static/css/` and
    `/static/js/` are its `/static/`); WordPress's core and theme folders are one build.

    >>> _folder_of("www.a.test/static/v/all/css/ag.base.css"), _folder_of("/js/jquery.js")
    ('www.a.test/static/v/all/', '/js/')
    >>> _folder_of("/static/css/main.css"), _folder_of("a.test/wp-includes/js/jquery/j.js")
    ('/static/', 'a.test/wordpress/')
    """
    host, _, path = key.partition("/")
    if path.lower().startswith(_WORDPRESS_BUILD):
        return f"{host}/wordpress/"
    folders = path.split("/")[:-1]
    folders = (folders[:1] + [f for f in folders[1:] if f.lower() not in _TYPE_FOLDERS]
               )[:_FOLDER_DEPTH]
    return f"{host}/{'/'.join(folders)}/" if folders else f"{host}/"


def _files_in(ctx: PageContext) -> dict[str, int]:
    """How many distinct files the page loads from each build folder (`_folder_of`) from
    outside the head's top (`head_top_elements`): a template's files share their folders and
    the page loads more of them past its charset (Fox Business's `/static/v/all/` article
    css and js, Condé Nast's `/etc/designs/<site>/` bottom script, a theme's folder), while
    a line an injector writes of a fresh file (`/a/x.css`) before its blob is alone in its
    folder, and so are the many it prints there as cheaply (`/a/1.css`, `/a/2.css`): files
    only the head's top loads vouch for no folder."""
    def build() -> dict[str, int]:
        files: dict[str, set[str]] = {}
        for load in loads_past_top(ctx):
            if load.tag != "img" and (key := _file_of(ctx, load.ref)):
                files.setdefault(_folder_of(key), set()).add(key)
        return {folder: len(keys) for folder, keys in files.items()}

    return ctx.view("files in each build folder", build)


def head_top_elements(ctx: PageContext) -> frozenset[Any]:
    """The elements of the head's top: the head's before its charset and, where the parser
    cut the head short, the spilled ones before the charset in the body (the run
    `_before_charset` reads, whose scripts are all among them); none where no charset ends
    them, or Next.js's head manager writes the charset (`_managed_charset`). Read once a page."""
    def build() -> frozenset[Any]:
        head = ctx.root.find("head") if ctx.root is not None else None
        if ctx.root is None or head is None:
            return frozenset()
        top: set[Any] = set()
        for el in (*head, *cut_head_spill(ctx.root)):
            if _is_charset(el):
                return frozenset() if _managed_charset(el) else frozenset(top)
            top.add(el)
        return frozenset()

    return ctx.view("the head's top", build)


class Load(NamedTuple):
    """An element that loads a file by its address: a `<script src>`, `<link href>` or
    `<img src>`."""

    el: Any
    tag: str
    ref: str


def loads_past_top(ctx: PageContext) -> tuple[Load, ...]:
    """The page's `<script src>`, `<link href>` and `<img src>` outside the head's top
    (`head_top_elements`), read once a page for each reader of what the page loads past it: the
    files in each build folder (`_files_in`), the hosts serving the page's own stylesheets
    and shown images (`hidden`), whose files vouch for a line at the top."""
    def build() -> tuple[Load, ...]:
        if ctx.page is None:
            return ()
        top = head_top_elements(ctx)
        return tuple(Load(el, tag, ref) for tag, attr in _LOADS for el in ctx.page.tagged(tag)
                     if (ref := el.get(attr)) is not None and el not in top)

    return ctx.view("loads past the head's top", build)


_LOADS = (("script", "src"), ("link", "href"), ("img", "src"))


def _relative(ref: str) -> bool:
    """Whether a reference names no host: a path on the page's own site, whatever it is."""
    ref = ref.strip()
    return not ref.startswith(("//", "\\")) and not urlsplit(ref).scheme


def _file_of(ctx: PageContext, ref: str) -> str:
    """The file a reference loads, without its query or fragment (`style.css?ver=2` is
    `style.css`): its host and path, or its path alone where the page's address is not
    known (a relative reference)."""
    url = resolve(ref, ctx.url)
    if url is not None:
        parts = urlsplit(url)
        return f"{parts.netloc.lower()}{parts.path}"
    path = urlsplit(ref.strip()).path
    return path if path.startswith("/") else "/" + path if _relative(ref) else ""


def _loads_of(ctx: PageContext) -> dict[str, int]:
    """How many of the page's `<script src>` and `<link href>` load each file, read once
    from the page's common-tag walk."""
    def build() -> dict[str, int]:
        counts: dict[str, int] = {}
        if ctx.page is None:
            return counts
        refs = (*(el.get("src") for el in ctx.page.tagged("script")),
                *(el.get("href") for el in ctx.page.tagged("link")))
        for ref in refs:
            if ref is not None and (key := _file_of(ctx, ref)):
                counts[key] = counts.get(key, 0) + 1
        return counts

    return ctx.view("files the page loads", build)


def _address_in_sight(ctx: PageContext, url: str, xpath: str) -> bool:
    """Whether a decoded loader's host shows as written in the script that writes it
    (`unescape('%3Cscript src="https://…"%3E')` leaves it in plain sight). The script's
    own text, not the page's: a kit that names its host elsewhere (a `dns-prefetch` link,
    a line of prose) has not shown the address its encoding hides. The page's text when
    the script is not found."""
    host = host_of(url).lower()
    found: Any = []
    if ctx.root is not None and xpath:
        try:
            found = ctx.root.getroottree().xpath(xpath)
        except etree.XPathError:
            found = []
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return host in (found[0].text or "").lower()
    return host in ctx.document.text.lower()


def appended_scripts(ctx: PageContext) -> Iterator[Finding]:
    """A script of another site that no vendor the catalogue knows runs, loaded from after
    the page's closing `</html>` or before its `<html>` start tag: no template writes
    there, a hacked server or a plugin that echoes into the output does, and so does a
    site owner pasting a widget at the file's end (`_appended_verdict` says how sure); or
    before the `<meta charset>` at the top of `<head>` (`_before_charset`). A
    known vendor's tag there is such a paste (analytics, a CDN's beacon), or an ad kit
    whose placement `ad-in-body` reports, and a vendor's snippet loading from a look-alike
    host is `lookalike-script`'s: one injection, one finding."""
    scripts = [r for r in ctx.resources
               if r.type is RequestType.SCRIPT and r.third_party and not r.hint]
    if ctx.page is None or not scripts:
        return  # no other site's script: nothing to place
    html_line = page_start_line(ctx)
    # an ad or a tracker before `<html>` makes the block prepended there `ad-in-body`'s
    # (a request on no line of the page, 0, as a saved copy's part, has no place)
    prepended_ads = any((r.blocked or r.network) and before_page_start(ctx, r.line, host_of(r.url))
                        for r in ctx.resources)
    posing = {fake.url for fake in ctx.lookalikes}  # `lookalike-script` says more of these
    for res in scripts:
        if res.url in posing or mangled_page_address(res.url, ctx.first_party):
            continue  # a browser add-on's injection: `browser-adware` says more of it
        if 0 < res.line < html_line and in_server_code(ctx, res.line, host_of(res.url)):
            continue  # the template's source, printed where its markup echoes it
        after = past_page_end(ctx, res.line, host_of(res.url))
        # before the doctype on `<html>`'s own line too (`<script src=…></script><!DOCTYPE
        # html><html>`, the echo and the template run together): its host is in the prefix
        doctype_line, prefix = page_before_doctype(ctx) if 0 < res.line <= html_line else (0, "")
        early = res.line <= doctype_line and (host_of(res.url).lower() in prefix.lower() or (
            res.via == "inline-decoded" and res.line < doctype_line))
        outside = 0 < res.line < html_line or early
        before = outside and not prepended_ads
        # the parser moves what was written before `<html>` into the head's top: a block
        # prepended there with an ad is `ad-in-body`'s, not a tag before the charset
        top = not (after or outside) and res.xpath in _before_charset(ctx)
        if not (after or before or top) or res.category is Category.CRYPTOMINING \
                or _listed_host(res) or not unknown_site(ctx, res.url, res.type):
            continue
        # hidden: found in decoded code, its host not in the writing script as written (a
        # `%3Cscript src="https://…"` whose `<` alone is escaped shows its address)
        hidden = res.via == "inline-decoded" and not _address_in_sight(ctx, res.url, res.xpath)
        severity, why = _appended_verdict(ctx, res.url, hidden=hidden, top=top)
        if top and severity is not Severity.HIGH and (
                _configured_later(ctx, res) or _inserted_run(ctx, res)
                or _platform_script(ctx, res)):
            # the page's own later code sets up the loader's global: its build. Not a
            # loader no vendor serves so (a bare IP, another site's WordPress, a dressed
            # or hidden host): a call to it is the injector's own
            continue
        where = ("after the page's closing </html>" if after else
                 "before the page's <html> tag" if before else
                 "at the top of the page's <head>, before its <meta charset>")
        if severity is Severity.MEDIUM and before and early:
            where = "before the page's <!DOCTYPE>"
            severity, why = Severity.HIGH, (
                " (where no template or pasted widget goes: a hacked option, theme or plugin "
                "file echoes it, as Balada Injector's wp_options payloads are)")
        yield finding(
            APPENDED_SCRIPT, severity, f"script from another site loaded {where}: {res.url}{why}",
            res.url, line=res.line, xpath=res.xpath, key=(res.url, "after" if after else "before"))


# a global the page's code uses as an object: `Kit.setup()`, `Kit.site = …`
_MEMBER_USE = lazy_regex(
    r"(?<![\w$.])([A-Za-z_$][\w$]{3,})\s*\.\s*[A-Za-z_$][\w$]*\s*(?:\(|=(?!=))")
# the browser's and the language's own objects, and libraries every page loads: no kit's
_BUILTIN_GLOBALS = frozenset({
    "window", "document", "navigator", "location", "console", "Math", "JSON", "Object",
    "Array", "String", "Number", "Date", "Promise", "Reflect", "Symbol", "history",
    "screen", "self", "this", "localStorage", "sessionStorage", "performance", "jQuery",
    "Element", "Node", "Event", "Error", "RegExp", "Function", "Boolean", "Intl", "URL",
    "crypto", "parent", "frames", "customElements"})
# name words that say what a global does, not whose it is
_GENERIC_WORDS = frozenset({
    "loader", "load", "config", "conf", "setup", "init", "main", "script", "scripts", "tag",
    "tags", "third", "party", "thirdparty", "site", "page", "data", "core", "util", "utils",
    "lib", "sdk", "api", "app", "manager", "queue", "cmd", "settings", "options", "global"})
_NAME_WORDS = lazy_regex(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


# where code declares or assigns a global: `var name`, `name =`, `window.name`, `window['name']`
_DEFINES = lazy_regex(
    r"\b(?:var|let|const|function|class)\s+([A-Za-z_$][\w$]*)|"
    r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*=(?!=)|"
    r"\bwindow\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*['\"]([A-Za-z_$][\w$]*)['\"])")
# a namespace a script sets a name in: `MSNAU` of `MSNAU_SiteName`
_NAMESPACE_USE = lazy_regex(r"(?<![\w$])([A-Za-z$][A-Za-z0-9$]*)(?=_\w)")
# a namespace an id or class of the body carries: `msnau` of `msnau_ad_banner_header`
_NAMESPACE_MARK = lazy_regex(r"(?<![\w-])([A-Za-z0-9]+)(?=[_-]\w)")
_URL_RUNS = lazy_regex(r"[a-z]+|\d+")
_LONGEST_WORD = 40  # a name word longer than this names no vendor: the word index stays linear

# the latest uses of a global by the page's code, at most one per script and two scripts:
# (line, xpath), latest first; the second is the latest of another script than the first's
Uses = tuple[tuple[int, str], ...]


def _merged(*uses: Uses) -> Uses:
    """The two latest scripts of several `Uses`."""
    latest: dict[str, int] = {}
    for line, xpath in (use for group in uses for use in group):
        latest[xpath] = max(line, latest.get(xpath, line))
    return tuple(sorted(((line, xpath) for xpath, line in latest.items()), reverse=True)[:2])


def _after(uses: Uses, res: Resource) -> bool:
    """Whether a script other than the loader's own uses the name at or past its line."""
    return any(xpath != res.xpath and line >= res.line for line, xpath in uses)


def _namespace(name: str) -> str:
    """A global's namespace: `MSNAU` of `MSNAU_Loader`, none for a name without one."""
    prefix = name.split("_", 1)[0] if "_" in name.strip("_") else ""
    return prefix if len(prefix) >= 3 else ""


def _name_words(name: str) -> set[str]:
    """The words of a global's name that may say whose it is (`partner` of `PartnerKit`):
    four letters or more, none of `_GENERIC_WORDS`, none past `_LONGEST_WORD`."""
    return {w for w in (w.lower() for w in _NAME_WORDS.findall(name))
            if 4 <= len(w) <= _LONGEST_WORD and w not in _GENERIC_WORDS}


def _marked_namespaces(ctx: PageContext) -> frozenset[str]:
    """The namespaces (lowered) the ids and classes of the page's body carry
    (`msnau_ad_banner_header` of the `MSNAU_` kit): the containers the page's own
    template holds for a kit, not the head's top an injector writes its blob at."""
    if ctx.root is None:
        return frozenset()
    marked: set[str] = set()
    head = ctx.root.find("head")
    # a head the parser cut short at the blob's own box: the page's body starts after the
    # charset it moved there, not at the box the blob wrote before it
    cut = head is not None and not any(_is_charset(el) for el in head)
    for el in ctx.root.iter("body"):
        after = not cut
        for node in el.iter():
            if not isinstance(node.tag, str):
                continue
            if not after:
                after = _is_charset(node)
                continue
            for value in (node.get("id") or "", node.get("class") or ""):
                marked.update(m.lower() for m in _NAMESPACE_MARK.findall(value))
    return frozenset(marked)


class _PageGlobals:
    """The globals the page's code calls or configures and never defines, read once a
    page and filed by what ties one to a loader (`_configured_later`): by namespace, and
    by the one script address each name word is in. Each file keeps the latest uses
    (`Uses`), so a loader's question costs the same however many loaders and names the
    head's top holds."""

    def __init__(self, ctx: PageContext) -> None:
        codes = script_codes(ctx, handlers=(), srcdoc=False)
        self._codes = {xpath: code for code, _, xpath in codes}
        defined = {name for code, _, _ in codes for m in _DEFINES.finditer(code)
                   for name in m.groups() if name}
        early = _before_charset(ctx)
        marked = _marked_namespaces(ctx)
        by_name: dict[str, Uses] = {}
        for code, line, xpath in codes:
            for name in {m.group(1) for m in _MEMBER_USE.finditer(code)}:
                if name in _BUILTIN_GLOBALS or name in defined:
                    continue
                # a call beside the loader at the head's top is the page's only where the
                # body holds the kit's containers by its namespace
                if xpath not in early or _namespace(name).lower() in marked:
                    by_name[name] = _merged(by_name.get(name, ()), ((line, xpath),))
        self._by_namespace: dict[str, Uses] = {}
        by_word: dict[str, Uses] = {}
        for name, uses in by_name.items():
            if prefix := _namespace(name):
                self._by_namespace[prefix] = _merged(self._by_namespace.get(prefix, ()), uses)
            for word in _name_words(name):
                by_word[word] = _merged(by_word.get(word, ()), uses)
        self._by_address: dict[str, Uses] = {}
        for word, address in _only_address(ctx, by_word).items():
            self._by_address[address] = _merged(self._by_address.get(address, ()),
                                                 by_word[word])
        self._by_writer: dict[str, Uses] = {}

    def configured(self, res: Resource) -> bool:
        """Whether a global tied to the loader is used by another script at or past it."""
        return _after(self._by_address.get(res.url, ()), res) or _after(
            self._writer_uses(res.xpath), res)

    def _writer_uses(self, xpath: str) -> Uses:
        """The uses of the globals in the namespaces the loader's writing script sets a
        name in, merged once a script (one script may write many loaders)."""
        if xpath not in self._by_writer:
            spaces = set(_NAMESPACE_USE.findall(self._codes.get(xpath, "")))
            self._by_writer[xpath] = _merged(*(self._by_namespace.get(s, ()) for s in spaces))
        return self._by_writer[xpath]


def _only_address(ctx: PageContext, words: Collection[str]) -> dict[str, str]:
    """The name words each in exactly one script address of the page (lowered), and that
    address: Google's `webfont.js` serves `WebFont`, not a head-top `font.js` beside it.
    Read from the letter and digit runs of the addresses (a word is one of letters or of
    digits), once per word length, so the cost is the addresses' length, not times words."""
    lengths = sorted({len(w) for w in words})
    found: dict[str, set[str]] = {}
    addresses = {r.url for r in ctx.resources if r.type is RequestType.SCRIPT}
    for address in addresses:
        for run in _URL_RUNS.findall(address.lower()):
            for size in lengths:
                for i in range(len(run) - size + 1):
                    if (part := run[i:i + size]) in words and len(
                            held := found.setdefault(part, set())) < 2:
                        held.add(address)
    return {word: next(iter(held)) for word, held in found.items() if len(held) == 1}


# how many vendors' scripts at the head's top make it a saved page's run of inserted tags
_INSERTED_VENDORS = 3
# the formats of the networks an injector pastes, which no page's own loader inserts
_INJECTED_FORMATS = frozenset({"popunder", "push"})


def _inserted_run(ctx: PageContext, res: Resource) -> bool:
    """Whether `res`, before the charset, is among the tags a page's own code inserted as it
    ran, kept by a copy saved from the browser's DOM: vendors' loaders insert their scripts
    before the page's first one (`s.parentNode.insertBefore(t, s)`), so the saved head opens
    with a run of them, of `_INSERTED_VENDORS` or more vendors the catalogue knows (an
    audience tag, an exchange's bid call, a widget's JSONP). A script of a host the
    catalogue does not know among them (a media group's own CDN) was inserted the same way,
    and its host serves the page other files past the top (the group's player, its styles:
    CNN's saved copy loads nine more from Turner's CDN). Vendors' tags alone are no proof:
    an injector's blob can print GPT's, Google Analytics' and a pixel's tags (async, as
    inserted ones are) before its own loader, and the page may run those vendors itself;
    its loader's host is the injector's, serving the page nothing else (its own loader
    printed again is the same file). A host that is dressed, relayed or an IP is still
    `high`. A network that sells popunders or push ads counts for no run: those are the
    tags injectors paste (three such networks' and a loader of their own), no page's own
    loaders' inserts; nor does it undo a run that holds without it (a DOM save of a page an
    injector gave a pop tag: `popunder` reports the tag, and the group CDN's script beside
    it stays the page's, where it read `medium`). Nor is a run of tags as vendors document
    them, written once for any page: inserted ones are requests the page's code built as it
    ran, and one at least carries the page's own address (`_names_the_page`: an exchange's
    bid call, a widget's `url=`, a tag manager's `PageID=`; CNN's copy holds three). An
    injector's blob of GPT's, Analytics' and a pixel's tags before its loader, with one more
    file of its host in the footer, passed as a saved run."""
    def build() -> tuple[bool, dict[str, set[str]]]:
        top = _before_charset(ctx)
        inserted = [r for r in ctx.resources
                    if r.xpath in top and r.type is RequestType.SCRIPT and r.network
                    and not r.self_hosted]
        vendors = {r.network for r in inserted if r.network and not (
            (n := ctx.catalogue.network_named(r.network)) is not None
            and _INJECTED_FORMATS.intersection(n.formats))}
        run = len(vendors) >= _INSERTED_VENDORS and any(
            _names_the_page(ctx, r.url) for r in inserted)
        files: dict[str, set[str]] = {}
        if run:  # the scripts before the charset are among the top's elements
            spots = {ctx.xpath(el) for el in head_top_elements(ctx)}
            for r in ctx.resources:
                if r.xpath not in spots and not r.hint and r.domain and (
                        key := _file_of(ctx, r.url)):
                    files.setdefault(r.domain, set()).add(key)
        return run, files
    run, files = ctx.view("a saved page's inserted tags before the charset", build)
    return run and bool(files.get(res.domain, set()) - {_file_of(ctx, res.url)})


def _names_the_page(ctx: PageContext, url: str) -> bool:
    """Whether a request's query carries an address on the page's own site (`u=https%3A%2F
    %2Fwww.site.test%2F…`, `ref=www.site.test`): what code that ran on the page built. An
    endpoint's call only (an exchange's `/e/dtb/bid`, a widget's `/utils/get`, a tag
    manager's `serverComponent.php`: each of CNN's three): a vendor's script file
    (`fbevents.js`, `gpt.js`) is loaded as its docs write it, for any page, and an
    injector copying the page's address into one (`fbevents.js?u=<page>`) dresses it."""
    if not ctx.first_party or urlsplit(url).path.lower().endswith(_SCRIPT_FILE):
        return False
    for _key, value in parse_qsl(urlsplit(url).query):
        host = host_of(value) if "//" in value else value.split("/", 1)[0]
        if "." in host and not is_third_party(host.lower(), ctx.first_party):
            return True
    return False


# a script file's name: what a vendor documents its tag as loading, for any page
_SCRIPT_FILE = (".js", ".mjs")
# distinct files of the platform's hosts the page loads past its top, the script's own aside
_PLATFORM_FILES = 2


def _platform_script(ctx: PageContext, res: Resource) -> bool:
    """Whether a script before the charset is the site's platform's own, inserted by the
    page's code as it ran and kept by a DOM save: its site (a registrable domain) or a
    host named as that site's asset host (`own_asset_host`: Kinja's `x.kinja-static.com`
    for `kinja.com`, BuzzFeed's `s3-ak.buzzfed.com` for `buzzfed.com`; `_platform_asset_host`)
    serves every stylesheet the head links, none of them the page's own (an injector
    printing sheets of its host beside the platform's outnumbered it and passed; a
    theme's sheet on the page's site, or a relative one, is its design: a kit's sheets
    beside it are the kit's, however many), and `_PLATFORM_FILES` more files past the head's
    top (its scripts, its images), more of them than every other site serves the page
    (vendors the catalogue knows aside; the page's own site counted): an injector's one
    sheet on a page styled inline served every sheet the head links, and a scraped copy's
    re-hosted files outnumber its few. Kinja's `sso.js` on Lifehacker and BuzzFeed's
    `share_button.js` were medium. An injector's script at the top of a scraped copy is on
    a host of its own, which styles nothing of the page: medium still. Each site is read
    once a page, the first `_PLATFORM_SITES` of them: a head top of more sites is no
    platform's (they stay medium)."""
    site = registrable_domain(host_of(res.url).lower())
    read: dict[str, frozenset[str]] = ctx.view("platform sites' files", dict)
    if site not in read:
        read[site] = (_platform_files(ctx, site) if len(read) < _PLATFORM_SITES
                      else frozenset())
    return len(read[site] - {_file_of(ctx, res.url)}) >= _PLATFORM_FILES


_PLATFORM_SITES = 16


def _platform_files(ctx: PageContext, site: str) -> frozenset[str]:
    """The files past the head's top of a platform `site` styling the page
    (`_platform_script`), none where it does not."""
    sheets = ctx.view("head stylesheet addresses", lambda: _head_sheets(ctx))
    if not sheets or styled_by_own_site(ctx):
        return frozenset()  # unstyled by sheets, or styled by the page's own site

    def platform(url: str) -> bool:
        host = host_of(url).lower()
        return registrable_domain(host) == site or _platform_asset_host(host, site)

    if not all(platform(u) for u in sheets):
        return frozenset()  # another site styles the page beside it: no one platform's
    vendors = {r.host for r in ctx.resources if r.network or r.company}
    mine: set[str] = set()
    others: set[str] = set()
    for load in loads_past_top(ctx):
        if load.tag == "link" and "stylesheet" not in (load.el.get("rel") or "").lower():
            continue  # a canonical, a feed: no file the page shows or runs
        url = resolve(load.ref, ctx.url)
        host = host_of(url).lower() if url and url.startswith(("http:", "https:")) else ""
        if not host or host in vendors or not (key := _file_of(ctx, load.ref)):
            continue
        (mine if platform(url or "") else others).add(key)
    # the platform serves the page: more of its files than every other site together, the
    # page's own too (a scraped copy's re-hosted scripts and pictures, or the site's own
    # asset host's, outnumber an injector's few)
    return frozenset(mine) if len(mine) > len(others) else frozenset()


def _platform_asset_host(host: str, site: str) -> bool:
    """Whether `host` is the asset host of a platform `site` (`own_asset_host`: Kinja's
    `x.kinja-static.com` of `kinja.com`) on the platform's own suffix, not a cheap one,
    and named apart from it: a site bearing a static host's name elsewhere
    (`kinja.net`, `kinja-static.top`) or re-spelt (`kinjastatic.com`) is anyone's to
    register, an injector's dress for the script it puts above the charset."""
    own, other = registrable_domain(host), site
    if "." not in own or "." not in other:
        return False
    (own_name, own_suffix), (name, suffix) = own.split(".", 1), other.split(".", 1)
    return (own_suffix == suffix and not cheap_suffix(site)
            and _SPELLING.sub("", own_name) != _SPELLING.sub("", name)
            and own_asset_host(host, site))


# what two spellings of one name may differ by (`kinja-static`, `kinjastatic`): all but
# letters and digits
_SPELLING = lazy_regex(r"[^a-z0-9]")


def styled_by_own_site(ctx: PageContext) -> bool:
    """Whether a stylesheet the `<head>` links is on the page's own site (or relative):
    its design is its own, and another site's sheets beside it are a kit's or a plugin's,
    however many a kit prints."""
    return any(not u or not is_third_party(host_of(u).lower(), ctx.first_party)
               for u in ctx.view("head stylesheet addresses", lambda: _head_sheets(ctx)))


def _head_sheets(ctx: PageContext) -> tuple[str, ...]:
    """The addresses of the stylesheets the page's `<head>` links (`head_sheet_links`); an
    empty one for a relative link on a page whose address is not known (the page's own)."""
    return tuple(url or "" for _, url in head_sheet_links(ctx.root, ctx.url))


def _configured_later(ctx: PageContext, res: Resource) -> bool:
    """Whether the page's own later code sets up the global a loader before the
    charset defines: it calls or configures (`MSNAU_Loader.setup()`) a global no inline
    script of the page defines and that is the loader's: its namespace (`MSNAU_` of
    `MSNAU_Loader`) is one the loader's writing script sets a name in (`MSNAU_SiteName`),
    or a word of its name that is no generic one (`partner` of `PartnerKit`) is in the
    loader's address and in no other script's address of the page. The page's own: a
    script past the charset, or, for a call written beside the loader at the head's top,
    the page's body holding the kit's containers by its namespace (cricket.com.au's
    ninemsn kit, `msnau_ad_…` divs). An injector writes its loader and a call to its own
    global in one blob at the head's top: that blob alone is no build, and an injected
    loader nothing on the page refers to is none either. Read from `_PageGlobals`, built
    once a page: asked per loader, the page's scripts were read once per loader.

    An injector that writes the loader at the head's top and, separately, its call after
    the content (`<script>Kit.init({k: …})</script>` before `</body>`) reads as a build
    here, and no sound rule tells the two apart on a saved page: the head's top plus a
    call at the body's end is exactly the two-part install vendors document (an A/B
    tester's or a personaliser's loader "as high in the head as possible", its `init` in
    the footer), written by the same theme hooks (`wp_head`, `wp_footer`) an injector
    writes through; the call's key is a customer's account either way, and the page holds
    nothing of who chose the vendor. Flagging the pair would put a `medium` on every such
    kit the catalogue does not yet know; what tells an injector's pair from a vendor's is
    its host (dressed, relayed, an IP, encoded), which `_appended_verdict` still reads
    when the page's code does not configure the loader, and the catalogue, which names
    the vendors whose pairs are real."""
    return ctx.view("globals the page's code configures", lambda: _PageGlobals(ctx)
                    ).configured(res)


# a script served by another site's WordPress or PHP: a hacked site relaying the payload
# (ndsw's `…/wp-content/plugins/…/jquery.php`), never where a widget vendor serves its tag
_RELAYED = lazy_regex(r"/wp-(?:content|includes|admin)/|\.php(?:$|[?#])", re.I)


def _appended_verdict(ctx: PageContext, url: str, *, hidden: bool, top: bool = False
                      ) -> tuple[Severity, str]:
    """How sure a script outside the markup is an injection, and why, said after its URL.
    Site owners paste widgets (chat, accessibility, reviews, consent) after `</html>`
    too, so the place alone is `medium`: `high` when the address was hidden in an encoding,
    the host is dressed as a known brand or a CDN, is a bare IP address, carries its
    campaign's numbers in base64 (`encoded_params`), or serves the script from another site's
    WordPress or a PHP file; `low` when the host carries the
    page's own name (its CDN). `top`: it sits before the `<meta charset>`, where a vendor
    asking for the head's top has it pasted too."""
    host = host_of(url)
    parts = url.split("?")[0].split("#")[0]
    if hidden:
        return Severity.HIGH, " (its address hidden in an encoding the page's code decodes)"
    if (dressed := dressed_as(host, ctx.first_party)) is not None:
        return Severity.HIGH, f" (a host dressed as {dressed})"
    if ip_address(host):
        return Severity.HIGH, " (a bare IP address)"
    if (said := encoded_params(url)) is not None:
        return Severity.HIGH, (f" (its campaign's numbers encoded in base64, {said[:80]}: a "
                               "traffic distribution system's tag, SocGholish's report?r= form)")
    if _RELAYED.search(parts.split("//", 1)[-1]):
        return Severity.HIGH, (" (served from another site's WordPress or PHP: a hacked site "
                               "relaying it)")
    if own_asset_host(host, ctx.first_party):
        return Severity.LOW, (": the host carries the page's own name, likely its CDN; check "
                              "that the template or a plugin writes it there")
    if top:
        return Severity.MEDIUM, (": a tag pasted as high in the head as its vendor asks, or an "
                                 "injection (Balada Injector's plain loader sits there); check "
                                 "that the site's owner added this host")
    return Severity.MEDIUM, (": a widget pasted at the file's end or an injection; check that "
                             "the site's owner added this host")


TDS_LOADER = FindingKind(
    "tds-loader", (Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "A traffic distribution system's loader: code for chosen visitors",
    "Inline code downloads text and runs it with eval behind a test of the referrer (ndsw, "
    "Parrot TDS), adds a script from a computed address only for visitors arriving from "
    "search engines or social sites and writes a cookie so it fires once (Sign1), or picks "
    "its script at random from several unrelated sites (DollyWay): cloaking, the site owner "
    "coming back directly never sees it (high). Medium for a script loaded from a site no "
    "known vendor runs with the visitor's referrer in its address (Keitaro's tag): the "
    "answer can differ per visitor, high when the tag sits outside the page's markup "
    "(after `</html>` or before `<html>`, where no template writes); a script tag of such "
    "a site whose one parameter is base64 of a campaign's numbers (SocGholish's "
    "`report?r=dj0x…`, decoding to `v=1&cid=263`; a widget's base64 settings naming a site, "
    "a shop or a page address are none) is medium too, high in a post body (outside the "
    "markup it is "
    "a high `appended-script`); the Keitaro tag is read as "
    "the script writes it, pieces a decoder answers spliced in (`unescape('%3Cscript "
    "src=…')`, `decodeURIComponent`, `String.fromCharCode(60)`). An old-style counter, "
    "writing its script with no TDS's parameters beside a no-script image from the same "
    "site, is none inside the page's markup. Medium for inline code loading a script of a "
    "site no list or catalogue names behind a test of the user agent for a crawler's or a "
    "page audit's name (`bot|crawl|spider`, `Chrome-Lighthouse`): hidden from search "
    "engines and audits, or a site sparing them a heavy widget. Remove it and find how it "
    "was injected.",
)

CLIPBOARD_COMMAND = FindingKind(
    "clipboard-command", (Severity.HIGH,), Severity.HIGH,
    "A script that puts a shell command on the visitor's clipboard",
    "A script copies a command (PowerShell, mshta, cmd /c, curl | sh, …) to the clipboard: the "
    "fake CAPTCHA or \"fix\" lure (ClickFix) that tells visitors to press Win+R, paste and run "
    "it, installing malware themselves. Remove it; treat the site as compromised.",
)

FORM_SKIMMER = FindingKind(
    "form-skimmer", (Severity.LOW, Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "A script that sends what visitors type to another site",
    "Inline code reads form fields and sends them by a beacon, an image address or a "
    "WebSocket (or posts card fields, by fetch, XHR or jQuery's `$.post` and `$.ajax`) to a "
    "host of another site no known vendor runs. High "
    "when something beside the unknown host marks a skimmer (Magecart): the data leaves by "
    "an image address or a WebSocket, it reads every form of the page, it is encoded, the "
    "POST is no-cors, the code was hidden in an encoding, the host is dressed as a known "
    "brand or a CDN, or it goes to another site's WordPress files. Remove it, "
    "check the checkout's code and tell the payment provider. Medium with none of these "
    "(a payment gateway or forms service the catalogue does not know looks the same): "
    "check that the site uses that host. Low when the host is where a form of the page "
    "submits.",
)

APPENDED_SCRIPT = FindingKind(
    "appended-script", (Severity.LOW, Severity.MEDIUM, Severity.HIGH), Severity.MEDIUM,
    "Another site's script outside the page's markup",
    "A script from another site no known vendor runs is loaded after the page's closing "
    "`</html>` or before its `<html>` start tag, where no template writes, or at the top of "
    "its `<head>` before the `<meta charset>` every template prints first: a compromised "
    "server, template or plugin put it there (Balada Injector's plain loader), or the site's "
    "owner pasted a widget at the file's end or a tag as high in the head as its vendor asks. "
    "High when its address is hidden in an encoding (its host not in the script writing "
    "it as written: `unescape('%3Cscript src=\"https://…')` shows it), the host is dressed as a "
    "known brand or a CDN, is a bare IP address, serves the script from another site's "
    "WordPress or a PHP file, carries as its one parameter base64 of a campaign's numbers (a "
    "TDS's tag, SocGholish's `report?r=` decoding to `v=1&cid=263`), or the script comes "
    "before the page's `<!DOCTYPE html>` "
    "(where a hacked option or theme file echoes it, as Balada Injector's are): remove it "
    "and find what "
    "writes it. Medium otherwise: check that the owner added that host. Low when the host "
    "carries the page's own name as whole words (its CDN: `radio-static` on radio.example, "
    "or `radiocdn` with an asset word glued on, the name alone on another suffix; not "
    "`radiostats`, nor the name beside a word no asset host is named by, `radio-deals`, "
    "nor a name on a top-level "
    "domain abuse reports find most names abused in, `.top`, `.xyz`, unless the site is "
    "there too: `radio-app.top`). None for a loader before "
    "the charset whose global the page's own later code calls or configures (a script "
    "past the charset, or a partner kit's `Kit_Loader.setup()` block beside its loader "
    "block when the body holds the kit's `kit_…` containers): the page's build, unless "
    "its host is one of those high above (a bare IP, another site's WordPress: no vendor "
    "serves its loader so, and a call to it is the injector's own). A call "
    "written beside the loader with nothing else of the page's naming it is the "
    "injector's own blob: medium still. None too for a script before the charset of the "
    "platform styling the page, inserted as the page ran and kept by a DOM save (Kinja's "
    "`sso.js` on Lifehacker): its site, or a host bearing its name as an asset host on its "
    "own suffix (`kinja-static`; not its name on another suffix or a cheap one, nor the "
    "asset host's name re-spelt: an injector's lure), serves every stylesheet the head "
    "links and more of the page's files past the charset (scripts, sheets, pictures; "
    "vendors' aside) than every other site together, on a page whose own site links no "
    "stylesheet (a theme's sheet makes another site's a kit's, however many it prints; "
    "another site's sheets beside the platform's, an injector's own, make it none's). A "
    "saved page's run of vendors' inserted tags clears an unknown script among them only "
    "where one is an endpoint's call carrying the page's address (a bid, a widget's "
    "`url=`), not a vendor's script file an injector copied the address into.",
)

NOTIFICATION_BAIT = FindingKind(
    "notification-bait", (Severity.HIGH,), Severity.HIGH,
    "A page that baits visitors into allowing notifications",
    "The page asks for notification permission (its code, or a push service's script it "
    "loads) and its text tells visitors, in English or in the language of the browser's "
    "prompt, to click \"Allow\" to prove they are not a robot, to continue or to watch: "
    "push-notification spam that then sends scam notifications (a sentence saying who asks "
    "so, as an article about the scam does, an app's install steps and a cookie or consent "
    "notice are none). Remove it and find how it got in.",
)

FAKE_UPDATE = FindingKind(
    "fake-update", (Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "A fake browser update",
    "A link (or a control whose click handler sends the page to it or opens it) downloads "
    "a program or script (.exe, .msi, .zip, .js, .hta, …) from a host of "
    "another site no known vendor runs, in a block telling visitors their browser is out of "
    "date (SocGholish, FakeUpdates, ClearFake). High when the link sits in an overlay pinned "
    "over the page, the file is no installer a browser ships as (a zip, a script), or the "
    "host is dressed as a brand or a CDN: remove it and treat the site as compromised. "
    "Medium otherwise: a how-to that links a browser's installer on a mirror reads alike; "
    "check which it is.",
)

WALLET_DRAINER = FindingKind(
    "wallet-drainer", (Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "A script that asks the visitor's crypto wallet to approve moving their tokens",
    "Inline code connects the visitor's wallet (`eth_requestAccounts`) and asks for an "
    "approval that lets another address move their tokens (`approve`, `increaseAllowance`, "
    "`setApprovalForAll`, a signed `Permit`): a crypto drainer kit (Inferno, Angel, Pink "
    "Drainer) injected into a hacked site empties the wallet of whoever signs. High with a "
    "mark of injection: the code hidden in an encoding, written after `</html>` or before "
    "`<html>`, in a WordPress post body, or on an article whose text names no wallet, crypto "
    "or NFT word: remove it and treat the site as compromised. Medium on an article page "
    "with none of these: check that the site means to run a wallet widget. A page that is "
    "no article (a dapp's own) without the first three marks, and a payment "
    "(`eth_sendTransaction`, a tip jar), are none.",
)

KINDS = (TDS_LOADER, CLIPBOARD_COMMAND, FORM_SKIMMER, NOTIFICATION_BAIT, FAKE_UPDATE,
         APPENDED_SCRIPT, WALLET_DRAINER)
HEURISTICS = (tds_loaders, crawler_cloaked_loaders, report_tags, clipboard_commands, form_skimmers,
              notification_bait, fake_updates, appended_scripts, wallet_drainers)

# the words each heuristic here asks `_code_holds` for, and all of them as one set, so the
# page's needle pass answers every one
_TDS_WORDS = _words("referrer", "random")
_CRAWLER_WORDS = _words("userAgent")
_CLIPBOARD_WORDS = _words("clipboard", "execCommand")
_SEND_WORDS, _FIELD_WORDS = _words(*_SENDS), _words(*_READ_WORDS)
_PERMISSION_WORDS = _words("requestPermission", "pushManager")
_WALLET_CODE_WORDS = _words("eth_requestAccounts", "wallet_requestPermissions", "ethereum",
                            "eth_")
_CODE_WORDS = frozenset().union(*(w[0] for w in (
    _TDS_WORDS, _CRAWLER_WORDS, _CLIPBOARD_WORDS, _SEND_WORDS, _FIELD_WORDS, _PERMISSION_WORDS,
    _WALLET_CODE_WORDS)))
