"""Sneaky redirects: a meta refresh or a script that sends the visitor to another site.

Compromised pages redirect search visitors to spam; the target is off-site by
registrable domain (a redirect within the site is navigation). Decoded payloads are
read too, since `location.href = atob('…')` is the common disguise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.heuristics.interface import PageContext, finding
from auditor.heuristics.obfuscation import decode_script, script_codes
from auditor.model import Finding, Severity
from auditor.urls import host_of, is_third_party, registrable_domain, resolve

_URL = r"""(['"`])((?:https?:)?//[^'"`\s]{3,2000})"""
_JS_REDIRECT = re.compile(
    r"\blocation(?:\s*\.\s*href)?\s*=\s*" + _URL + r"\1"
    r"|\blocation\s*\.\s*(?:replace|assign)\s*\(\s*" + _URL.replace("\\1", "\\3") + r"\3"
    r"|\bwindow\s*\.\s*navigate\s*\(\s*" + _URL.replace("\\1", "\\5") + r"\5"
)
_CLOAKING = re.compile(
    r"document\s*\.\s*referrer|navigator\s*\.\s*userAgent|document\s*\.\s*cookie"
)


def _offsite(url: str, ctx: PageContext) -> str | None:
    absolute = resolve(url, ctx.url)
    if absolute and is_third_party(host_of(absolute), ctx.first_party):
        return absolute
    return None


def redirects(ctx: PageContext) -> Iterator[Finding]:
    """Meta refresh and script redirects whose target is another site."""
    for res in ctx.resources:
        if res.via == "meta[refresh]" and res.third_party:
            yield finding("redirect", Severity.HIGH,
                          f"meta refresh sends the visitor to another site: {res.url}",
                          res.url, line=res.line, xpath=res.xpath, key=("meta", res.url))
    for code, line, xpath in script_codes(ctx):
        decoded = decode_script(code)
        for text in (code, *decoded.payloads):
            if "location" not in text and "navigate" not in text:
                continue
            for m in _JS_REDIRECT.finditer(text):
                target = next(g for g in (m.group(2), m.group(4), m.group(6)) if g)
                url = _offsite(target, ctx)
                if url is None:
                    continue
                how = "decoded script" if text is not code else "script"
                cloaked = " only for some visitors (checks referrer/user agent/cookie)" \
                    if _CLOAKING.search(code) else ""
                yield finding("redirect", Severity.HIGH,
                              f"{how} redirects the visitor to {registrable_domain(host_of(url))}"
                              f"{cloaked}: {url}", url, line=line, xpath=xpath,
                              key=("script", url))


HEURISTICS = (redirects,)
