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
_CLOAKING = re.compile(
    r"\b(?:document\s*\.\s*(referrer|cookie)|navigator\s*\.\s*(?:userAgent|(webdriver)))"
)
MAX_REDIRECTS = 50  # redirect statements judged per script (each is judged on its prefix)
CLOAK_WINDOW = 400  # characters before a redirect in which a guard counts as its condition
_ON_LOAD = ("onload", "onerror")  # handlers that run without the visitor clicking


def _offsite(url: str, ctx: PageContext) -> str | None:
    absolute = resolve(url, ctx.url)
    if absolute and is_third_party(host_of(absolute), ctx.first_party):
        if _same_owner(host_of(absolute), ctx):
            return None  # a site's mobile or country twin (example.de → example.mobi)
        return absolute
    return None


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
    link is removed) is `medium`. Handlers a click runs are navigation, not redirects.
    """
    for res in ctx.resources:
        if res.via == "meta[refresh]" and res.third_party:
            yield finding(REDIRECT, Severity.HIGH,
                          f"meta refresh sends the visitor to another site: {res.url}",
                          res.url, line=res.line, xpath=res.xpath, key=("meta", res.url))
    for code, line, xpath in script_codes(ctx, handlers=_ON_LOAD, srcdoc=False):
        decoded = ctx.decoded(code)  # keyed on the whole script, as every stage asks
        code = code[:MAX_SCRIPT]
        for text in (code, *decoded.payloads):
            if "location" not in text and "navigate" not in text:
                continue
            masked = ""  # the text's code alone, made at its first off-site redirect
            for m in itertools.islice(_JS_REDIRECT.finditer(text), MAX_REDIRECTS):
                target = next(g for g in (m.group(2), m.group(4), m.group(6)) if g)
                url = _offsite(target, ctx)
                if url is None:
                    continue
                hidden = text is not code
                guard = _CLOAKING.search(text, max(0, m.start() - CLOAK_WINDOW), m.start())
                site = registrable_domain(host_of(url))
                masked = masked or code_only(text)
                always = _unconditional(masked, m.start())
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


# A script's tokens that are not code: comments, string and template literals, and a
# `/` that may open a regex literal (told from a division by what precedes it, below)
_NOT_CODE = re.compile(
    r"//[^\n]*|/\*(?:[^*]|\*(?!/))*(?:\*/)?"
    r"""|'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?|`(?:[^`\\]|\\.)*`?|/""", re.S)
# bounded, so that a `/[` with no `]` costs a few hundred steps, not the rest of the line
_REGEX_LITERAL = re.compile(
    r"/(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.){0,64}\]){1,500}/[a-z]*")
_REGEX_AFTER_WORD = re.compile(
    r"\b(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await|instanceof)$")


def code_only(script: str) -> str:
    r"""`script` with its comments, strings and regex literals blanked (newlines kept),
    so that counting braces or finding `;` reads code: `s.replace(/{/g, '')` opens no
    block. One linear pass; a `/` after a value is a division.

    >>> code_only("a = '{;'; b = c.replace(/[{]/g, '') / 2 // }")
    'a =     ; b = c.replace(      ,   ) / 2     '
    """
    out: list[str] = []
    done = 0  # the script up to here is in `out`
    lead = ""  # the code's last word or sign before `done`, blanks dropped
    while (m := _NOT_CODE.search(script, done)) is not None:
        start, end = m.span()
        code = script[done:start].rstrip()
        lead = code[-12:] if code else lead
        if m.group() == "/":
            literal = None
            if not lead or not (lead[-1].isalnum() or lead[-1] in "_$)]") \
                    or _REGEX_AFTER_WORD.search(lead):
                literal = _REGEX_LITERAL.match(script, start)
            if literal is None:  # a division
                out.append(script[done:end])
                done, lead = end, "/"
                continue
            end = literal.end()
        out.append(script[done:start])
        out.append(re.sub(r"[^\n]", " ", script[start:end]))
        done = end
        if m.group()[:2] not in ("//", "/*"):
            lead = "0"  # after a string or regex literal, `/` divides
    out.append(script[done:])
    return "".join(out)


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
    "redirect", (Severity.MEDIUM, Severity.HIGH), Severity.HIGH,
    "A redirect of the visitor to another site",
    "A meta refresh or a script (`location.href`, `replace`, `assign`) sends the visitor to "
    "another registrable domain. High for a meta refresh, a redirect decoded from hidden code, "
    "one guarded by a referrer, user-agent or cookie test (cloaking), or one that runs as the "
    "page loads; medium on another condition of the page's own script. Compromised pages send "
    "search visitors to spam this way.",
)

KINDS = (REDIRECT,)
HEURISTICS = (redirects,)
