"""Sneaky redirects: a meta refresh or a script that sends the visitor to another site.

Compromised pages redirect search visitors to spam; the target is off-site by
registrable domain (a redirect within the site is navigation). Decoded payloads are
read too, since `location.href = atob('…')` is the common disguise.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from auditor.dom.deobfuscate import MAX_SCRIPT
from auditor.dom.inline_js import clicks
from auditor.dom.page import UNPROMPTED_HANDLERS
from auditor.dom.walk import CLICKED_LINK
from auditor.heuristics.interface import FindingKind, PageContext, finding
from auditor.heuristics.obfuscation import script_codes
from auditor.model import Finding, Severity
from auditor.urls import host_of, is_third_party, registrable_domain, resolve

_URL = r"""(['"`])((?:https?:)?//[^'"`\s]{3,2000})"""
# `location(?<!\wlocation)` is `\blocation`, led by its literal: the regex engine skips
# ahead to a pattern's leading literal, and tries one led by `\b` at every position
# (3x slower over a page's scripts).
_JS_REDIRECT = re.compile(
    r"location(?<!\wlocation)(?:\s*\.\s*href)?\s*=\s*" + _URL + r"\1"
    r"|location(?<!\wlocation)\s*\.\s*(?:replace|assign)\s*\(\s*"
    + _URL.replace("\\1", "\\3") + r"\3"
    r"|window(?<!\wwindow)\s*\.\s*navigate\s*\(\s*" + _URL.replace("\\1", "\\5") + r"\5"
)
# `a.href = '…'; … a.click()`: the script follows a link it made (the name is the
# object's, whose `.click()` is looked for after the assignment: `inline_js.clicks`)
_LINK_CLICK = re.compile(r"""([\w$]+)\s*\.\s*href\s*=\s*""" + _URL + r"\2")
_CLOAKING = re.compile(
    r"\b(?:document\s*\.\s*(referrer|cookie)|navigator\s*\.\s*(?:userAgent|(webdriver)))"
)
MAX_REDIRECTS = 50  # redirect statements judged per script (each is judged on its prefix)
CLOAK_WINDOW = 400  # characters before a redirect in which a guard counts as its condition
_ON_LOAD = UNPROMPTED_HANDLERS  # handlers that run without the visitor clicking


def _offsite(url: str, ctx: PageContext) -> str | None:
    absolute = resolve(url, ctx.url)
    if absolute and is_third_party(host_of(absolute), ctx.first_party):
        if _same_owner(host_of(absolute), ctx):
            return None  # a site's mobile or country twin (example.de → example.mobi)
        return absolute
    return None


def _twins(ctx: PageContext) -> frozenset[str]:
    """The sites the page declares as its own language or regional versions
    (`<link rel="alternate" hreflang="de" href="https://example.de/">`): a language
    redirect to one, behind a test of the visitor's language or a cookie remembering
    their choice, is the site's navigation, not cloaking."""
    if ctx.root is None:
        return frozenset()
    return frozenset(
        registrable_domain(host_of(absolute)) for link in ctx.root.iter("link")
        if link.get("hreflang") and "alternate" in (link.get("rel") or "").lower().split()
        and (absolute := resolve(link.get("href") or "", ctx.url)))


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


def _same_owner(host: str, ctx: PageContext) -> bool:
    """The same company by the catalogue (a name alone proves nothing: spiegel.top)."""
    if not ctx.first_party:
        return False
    theirs, ours = ctx.catalogue.entity_for(host), ctx.catalogue.entity_for(ctx.first_party)
    return theirs is not None and ours is not None and theirs.company == ours.company


def redirects(ctx: PageContext) -> Iterator[Finding]:
    """Meta refresh and script redirects whose target is another site.

    `high` when a reviewer would act: a meta refresh, a redirect decoded from hidden
    code, or one guarded by a test of the referrer, user agent or cookies (cloaking:
    search engines and returning visitors see the page, others are sent away). A
    redirect on another condition (a template's credit-lock that fires when a footer
    link is removed) is `medium`. Handlers a click runs are navigation, not redirects,
    and so is a redirect in plain code to a language or regional version the page declares
    its own (`hreflang` alternates) behind a condition, unless a referrer or user-agent
    test is it. A redirect in plain code, or a meta refresh, to the site the page's one
    canonical link names is a moved page telling visitors its new address: `low`, unless
    a referrer, user-agent or cookie test guards it.
    """
    moved = _moved_to(ctx)
    for res in ctx.resources:
        if res.via == "meta[refresh]" and res.third_party:
            if moved is not None and registrable_domain(host_of(res.url)) == moved:
                yield finding(REDIRECT, Severity.LOW,
                              f"meta refresh sends the visitor to {moved}, the site the "
                              f"page's canonical link names (a moved page): {res.url}",
                              res.url, line=res.line, xpath=res.xpath, key=("meta", res.url))
                continue
            yield finding(REDIRECT, Severity.HIGH,
                          f"meta refresh sends the visitor to another site: {res.url}",
                          res.url, line=res.line, xpath=res.xpath, key=("meta", res.url))
        elif res.via == CLICKED_LINK and _offsite(res.url, ctx):
            # the page's code clicks a link of its markup: whether it runs at load is
            # the code's to say, which a scan of its link does not read (medium), but for
            # the site the page says it moved to (low)
            site = registrable_domain(host_of(res.url))
            yield finding(REDIRECT, Severity.LOW if site == moved else Severity.MEDIUM,
                          f"script clicks a link that sends the visitor to {site}: {res.url}",
                          res.url, line=res.line, xpath=res.xpath, key=("click", res.url))
    twins: frozenset[str] | None = None  # sought at the first off-site target
    for code, line, xpath in script_codes(ctx, handlers=_ON_LOAD, srcdoc=False):
        decoded = ctx.decoded(code)  # keyed on the whole script, as every stage asks
        code = code[:MAX_SCRIPT]
        for text in (code, *decoded.payloads):
            if "location" not in text and "navigate" not in text and "click" not in text:
                continue
            code_text = ""  # the text's code alone, made at its first off-site redirect
            for start, target in itertools.islice(_js_redirects(text), MAX_REDIRECTS):
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
                twins = _twins(ctx) if twins is None else twins
                # a site's language navigation tests the visitor's language (a cookie may
                # remember their choice); it is not encoded, does not run for everyone,
                # nor asks where the visitor came from or what browser they run
                if site in twins and not hidden and not always and not any(
                        g.group(1) != "cookie" for g in _CLOAKING.finditer(text, *window)):
                    continue
                if site == moved and not hidden and not guard:
                    yield finding(REDIRECT, Severity.LOW,
                                  f"script redirects the visitor to {site}, the site the "
                                  f"page's canonical link names (a moved page): {url}",
                                  url, line=line, xpath=xpath, key=("script", url))
                    continue
                if guard:
                    tested = {"referrer": "referrer", "cookie": "cookies"}.get(
                        guard.group(1) or "", "browser" if guard.group(2) else "user agent")
                    how = f"only for visitors whose {tested} passes a test"
                elif hidden:
                    how = "from code decoded out of an encoded string"
                elif always:
                    how = "as soon as the page loads"
                else:
                    how = "on a condition in the page's own script (no referrer/user-agent test)"
                severity = Severity.HIGH if guard or hidden or always else Severity.MEDIUM
                yield finding(REDIRECT, severity,
                              f"script redirects the visitor to {site} {how}: {url}",
                              url, line=line, xpath=xpath, key=("script", url))


def _js_redirects(text: str) -> Iterator[tuple[int, str]]:
    """Where the script sends the visitor, and the address written: `location` set or
    called, `window.navigate`, and a link it sets up and then clicks (the statement
    that set the link's `href` is where it is judged), in the order written."""
    found = [(m.start(), next(g for g in (m.group(2), m.group(4), m.group(6)) if g))
             for m in (_JS_REDIRECT.finditer(text) if "location" in text or "navigate" in text
                       else ())]
    if ".click" in text and "href" in text:
        found += [(m.start(), m.group(3)) for m in _LINK_CLICK.finditer(text)
                  if clicks(text, m.group(1), m.end())]
        found.sort()
    yield from found


# What a scan of a script stops at: a comment, a string, a template's backtick, a `/` (a
# regex literal or a division, told by what precedes it); inside a template's `${…}`, its
# braces too, to find the one that closes it. The named groups close what they open.
_TOKENS = (r"//[^\n]*|/\*(?:[^*]|\*(?!/))*(?P<shut>\*/)?"
           r"""|'(?:[^'\\\n]|\\.)*(?P<sq>')?|"(?:[^"\\\n]|\\.)*(?P<dq>")?|`|/""")
_TOKEN = re.compile(_TOKENS, re.S)
_TOKEN_IN_EXPRESSION = re.compile(_TOKENS + "|[{}]", re.S)
_TEMPLATE_PART = re.compile(r"\\.|`|\$\{", re.S)
# bounded, so that a `/[` with no `]` costs a few hundred steps, not the rest of the line
_REGEX_LITERAL = re.compile(
    r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.){0,64}\]){1,200}/[a-z]*")
_REGEX_AFTER_WORD = re.compile(
    r"(?<![\w$.])(?:return|typeof|case|do|else|in|new|delete|void|throw|instanceof)$")
MAX_REGEX_LITERALS = 5000  # per script: past it, the script is read as it is
_BLANK = re.compile(r"[^\n]")
_NOT_PARENTHESIS = re.compile(r"[^()\n]")
_MISREADABLE = re.compile(r"['\"`{}]")


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


REDIRECT = FindingKind(
    "redirect", (Severity.LOW, Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "A redirect of the visitor to another site",
    "A meta refresh or a script (`location.href`, `replace`, `assign`, a link it sets up or "
    "finds and `.click()`s) sends the visitor to "
    "another registrable domain. High for a meta refresh, a redirect decoded from hidden code, "
    "one guarded by a referrer, user-agent or cookie test (cloaking), or one that runs as the "
    "page loads; medium on another condition of the page's own script, and for a link of the "
    "page's markup its code clicks. Compromised pages send "
    "search visitors to spam this way. A redirect to a language or regional version the page "
    "declares its own (an `hreflang` alternate) is none when a condition guards it, unless "
    "its code was encoded or the condition is a referrer or user-agent test. A redirect in "
    "plain code, a meta refresh or a clicked link, to the site the page's one canonical "
    "link (in its `<head>`) names is a moved page: low, unless a referrer, user-agent or "
    "cookie test guards it.",
)

KINDS = (REDIRECT,)
HEURISTICS = (redirects,)
