"""Filter parsing: one line of EasyList syntax in, one typed filter out.

adblockparser is used for what it does well, translating a URL pattern to a
regular expression (`AdblockRule.rule_to_regex`). Its option parser is not
used: it splits options on a fixed list of old ABP option names, so modern
options (`3p`, `xhr`, `from=`, `denyallow=`, `redirect=` ...) come out glued
together, and constructing an `AdblockRule` per line costs ~3x our own
parse on the 107k rules of EasyList + EasyPrivacy. So options are parsed
here, and the pattern alone goes to adblockparser, only for the filters that
need a regex at all (most are `||host^`, matched through the host index).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from adblockparser import AdblockRule

from auditor.lazy_re import lazy_regex
from auditor.model import RequestType
from auditor.rules.cosmetic.index import CosmeticFilter
from auditor.rules.cosmetic.procedural import NESTING_NAMES, PROCEDURAL_NAMES
from auditor.rules.cosmetic.selectors import tokens
from auditor.rules.regex import RuleRegexError, compile_rule_regex

# Request-type bits. The first twelve are the CONTRACT's request types; the rest
# are pseudo-types that only select what a filter is for.
TYPE_BITS: dict[str, int] = {t.value: 1 << i for i, t in enumerate(RequestType)}
POPUP = 1 << 12
GENERICHIDE = 1 << 13
ELEMHIDE = 1 << 14
SPECIFICHIDE = 1 << 15
DOCUMENT = TYPE_BITS["document"]
ALL_RESOURCES = sum(TYPE_BITS.values()) & ~DOCUMENT
ALL_TYPES = sum(TYPE_BITS.values()) | POPUP

_TYPE_ALIASES: dict[str, int] = {
    **TYPE_BITS,
    "xhr": TYPE_BITS["xmlhttprequest"],
    "css": TYPE_BITS["stylesheet"],
    "frame": TYPE_BITS["subdocument"],
    "doc": DOCUMENT,
    "beacon": TYPE_BITS["ping"],
    "object-subrequest": TYPE_BITS["object"],
    "background": TYPE_BITS["image"],
    "webrtc": TYPE_BITS["other"],
    "xbl": TYPE_BITS["other"],
    "dtd": TYPE_BITS["other"],
    "popup": POPUP,
    "popunder": POPUP,
    "all": ALL_TYPES,
    "generichide": GENERICHIDE,
    "ghide": GENERICHIDE,
    "elemhide": ELEMHIDE,
    "ehide": ELEMHIDE,
    "specifichide": SPECIFICHIDE,
    "shide": SPECIFICHIDE,
}

# Options that change what a browser does with a response, not whether the
# request is blocked. A filter carrying one never blocks (and its `@@` twin never
# unblocks): on a static page there is no header, CSP or parameter to rewrite.
INERT_OPTIONS = frozenset(
    {
        "csp",
        "removeparam",
        "queryprune",
        "header",
        "removeheader",
        "responseheader",
        "permissions",
        "replace",
        "urltransform",
        "uritransform",
        "urlskip",
        "redirect-rule",
        "cookie",
        "hls",
        "jsonprune",
        "xmlprune",
        "stealth",
        "inline-script",
        "inline-font",
        "genericblock",
        "content",
        "jsinject",
        "urlblock",
        "extension",
        "network",
    }
)

# Options that keep the rule blocking: the browser would block and then serve a
# neutered resource instead, which for an audit is still "blocked".
_REDIRECT_OPTIONS = frozenset({"redirect", "rewrite", "empty", "mp4"})
# Options we do not model at all: the filter cannot be applied honestly.
_UNSUPPORTED_OPTIONS = frozenset({"sitekey", "ipaddress", "app", "cname", "reason"})

# Party requirement codes (index into a per-request tuple of booleans).
PARTY_ANY, PARTY_THIRD, PARTY_FIRST, PARTY_STRICT3, PARTY_STRICT1 = range(5)
_PARTY = {
    "third-party": PARTY_THIRD,
    "3p": PARTY_THIRD,
    "~first-party": PARTY_THIRD,
    "~1p": PARTY_THIRD,
    "first-party": PARTY_FIRST,
    "1p": PARTY_FIRST,
    "~third-party": PARTY_FIRST,
    "~3p": PARTY_FIRST,
    "strict3p": PARTY_STRICT3,
    "strict-third-party": PARTY_STRICT3,
    "strict1p": PARTY_STRICT1,
    "strict-first-party": PARTY_STRICT1,
}

# `domain##selector`, `domain#@#selector`, `#?#`, `#$#`, `#%#` and AdGuard `$$`.
_COSMETIC_RE = lazy_regex(r"^([^/|@\"!]*?)(#@?[?$%]?#|\$@?\$)(.+)$")


class ParseError(ValueError):
    """A line is syntactically a rule but one we cannot apply; `str(e)` is the reason."""


@dataclass(frozen=True, slots=True)
class NetworkFilter:
    """A URL filter with its options resolved into what matching needs."""

    text: str
    line: int
    exception: bool
    pattern: str  # as written, anchors included; '' matches every URL
    mask: int  # TYPE_BITS | pseudo-type bits the filter applies to
    party: int = PARTY_ANY
    include: frozenset[str] | None = None  # $domain= (from=) hosts/entities
    exclude: frozenset[str] | None = None  # $domain=~...
    important: bool = False
    badfilter: bool = False
    match_case: bool = False
    denyallow: frozenset[str] | None = None
    to_include: frozenset[str] | None = None
    to_exclude: frozenset[str] | None = None
    inert: str | None = None  # why the filter never blocks (an INERT_OPTIONS name)
    regex: bool = False  # the pattern is a /regular expression/

    def twin_key(self) -> tuple[object, ...]:
        """What `$badfilter` compares: the filter with `badfilter` taken out of its options."""
        body = self.text[2:] if self.exception else self.text
        pattern, opts = split_options(body)
        kept = tuple(sorted(o for o in opts if o.lower() != "badfilter"))
        return (self.exception, pattern, kept)


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A rule we recognise but do not apply; counted per list."""

    text: str
    line: int
    reason: str


Parsed = NetworkFilter | CosmeticFilter | Unsupported


def split_options(body: str) -> tuple[str, list[str]]:
    """Split `pattern$opt1,opt2` at the last `$` (a `/regex/` keeps its own `$`)."""
    if body.startswith("/") and body.endswith("/") and len(body) > 1:
        return body, []
    i = body.rfind("$")
    if i < 0:
        return body, []
    opts = body[i + 1 :]
    if not opts or not re.match(r"~?[a-z0-9_-]+(=|,|$)", opts, re.I):
        return body, []
    return body[:i], _split_commas(opts)


def _split_commas(opts: str) -> list[str]:
    """Split options on commas, except `\\,` and commas inside a `/regex/` value."""
    if "\\," not in opts and "=/" not in opts:
        return opts.split(",")
    out: list[str] = []
    cur: list[str] = []
    in_re = False
    i = 0
    while i < len(opts):
        c = opts[i]
        if c == "\\" and i + 1 < len(opts):
            cur.append(opts[i : i + 2])
            i += 2
            continue
        if c == "/" and cur and cur[-1].endswith("="):
            in_re = True
        elif c == "/" and in_re:
            in_re = False
        if c == "," and not in_re:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return out


def parse_domains(value: str, sep: str) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """`a.com|~b.com|google.*` -> (include, exclude); None when a side is empty."""
    inc: set[str] = set()
    exc: set[str] = set()
    for raw in value.split(sep):
        d = raw.strip().lower()
        if not d:
            continue
        neg = d.startswith("~")
        d = d.lstrip("~")
        if d.startswith("/") or not d:
            raise ParseError("regex domain")
        (exc if neg else inc).add(d)
    return (frozenset(inc) or None, frozenset(exc) or None)


def parse_line(raw: str, line: int) -> Parsed | None:
    """Parse one list line; None for blanks, comments and the `[Adblock Plus]` header."""
    text = raw.strip()
    if not text or text.startswith("!") or (text.startswith("[") and text.endswith("]")):
        return None
    if text.startswith("#") and not text.startswith(("##", "#@#", "#?#", "#@?#", "#$#", "#%#")):
        return None  # hosts-file style comment
    m = _COSMETIC_RE.match(text)
    if m:
        return _parse_cosmetic(text, line, m.group(1), m.group(2), m.group(3))
    try:
        return _parse_network(text, line)
    except ParseError as e:
        return Unsupported(text, line, str(e))


def _parse_cosmetic(text: str, line: int, domains: str, sep: str, body: str) -> Parsed:
    if sep.startswith("$") or "$" in sep or "%" in sep:
        kind = "html filter" if sep.startswith("$") else "scriptlet/style injection"
        return Unsupported(text, line, kind)
    if body.startswith("+js(") or body.startswith("+js "):
        return Unsupported(text, line, "scriptlet")
    if body.startswith("^"):
        # uBO HTML filter: removes the element from the source; on a static DOM that is hiding.
        body = body[1:]
        if body.startswith("responseheader("):
            return Unsupported(text, line, "response header filter")
    try:
        inc, exc = parse_domains(domains, ",")
    except ParseError as e:
        return Unsupported(text, line, str(e))
    selector = body.strip()
    if not selector:
        return Unsupported(text, line, "empty selector")
    bad = next((op for op in UNSUPPORTED_PROCEDURAL if op in selector), None)
    if bad is not None:
        return Unsupported(text, line, f"procedural operator {bad[:-1]}")
    costly = unbounded_cost(selector)
    if costly is not None:
        return Unsupported(text, line, costly)
    procedural = "?" in sep or is_procedural(selector)
    return CosmeticFilter(
        text=text,
        line=line,
        exception="@" in sep,
        selector=selector,
        include=inc or frozenset(),
        exclude=exc or frozenset(),
        procedural=procedural,
    )


# Operators that need styles, layout, live mutation or the page path: not on a static DOM
# known only by its hostname. `:style()` and `:remove-attr()` do not hide anything.
UNSUPPORTED_PROCEDURAL = (
    ":matches-css(",
    ":matches-css-before(",
    ":matches-css-after(",
    ":-abp-properties(",
    ":matches-attr(",
    ":matches-path(",
    ":matches-media(",
    ":matches-prop(",
    ":watch-attr(",
    ":remove-attr(",
    ":remove-class(",
    ":style(",
    ":others(",
)

# Every procedural operator: the ones evaluated on the static DOM, then the rest.
PROCEDURAL_OPS = (*(f":{name}(" for name in PROCEDURAL_NAMES), *UNSUPPORTED_PROCEDURAL)


MAX_NESTING = 2  # `:has()` within `:has()`: each level multiplies a walk; EasyList needs 2
_NESTING = NESTING_NAMES | {"is", "where", "matches"}  # and CSS's own selector groups
_PATH_IN_PREDICATE = lazy_regex(r"\[[^\]]*(?:/|::)")
_XPATH_STRING = lazy_regex(r"\"[^\"]*\"|'[^']*'")


def unbounded_cost(selector: str) -> str | None:
    """Why evaluating `selector` has no useful bound, or None: `:has()`-like groups nested
    more than MAX_NESTING deep, or an `:xpath()` with a path inside a predicate
    (`//div[count(//div)]` walks the page once per element). One linear scan."""
    if "(" not in selector:
        return None  # the usual case: no group at all
    stack: list[str] = []  # "has", "xpath" or "(" per open parenthesis
    xpath_start = 0
    for kind, start, end, name in tokens(selector):
        if kind == ")":
            if stack and stack.pop() == "xpath":
                argument = _XPATH_STRING.sub("''", selector[xpath_start:start])
                if _PATH_IN_PREDICATE.search(argument):
                    return ":xpath() with a path inside a predicate (unbounded cost)"
        elif kind != "(":
            continue
        elif name == "xpath":
            stack.append("xpath")
            xpath_start = end
        elif name in _NESTING:
            stack.append("has")
            if stack.count("has") > MAX_NESTING:
                return f":has() and the like nested more than {MAX_NESTING} deep"
        else:
            stack.append("(")
    return None


def is_procedural(selector: str) -> bool:
    """True when cssselect alone cannot evaluate the selector."""
    return any(op in selector for op in PROCEDURAL_OPS)


_PURE_HOSTNAME = lazy_regex(r"\|\|[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\^", re.I)


def _parse_network(text: str, line: int) -> NetworkFilter:
    exception = text.startswith("@@")
    body = text[2:] if exception else text
    pattern, opts = split_options(body)
    is_regex = len(pattern) > 1 and pattern.startswith("/") and pattern.endswith("/")
    if is_regex:
        try:
            compile_rule_regex(pattern[1:-1])
        except RuleRegexError as e:
            # look-around, back-references, `/a{999999999}/`: one unsupported rule
            raise ParseError(f"regex does not compile: {e}") from None

    pos = 0
    neg = 0
    party = PARTY_ANY
    include = exclude = denyallow = to_inc = to_exc = None
    important = badfilter = match_case = False
    inert: str | None = None
    for raw in opts:
        opt = raw.strip()
        if not opt:
            continue
        name, _, value = opt.partition("=")
        lname = name.lower()
        if lname in _PARTY:
            party = _PARTY[lname]
            continue
        negated = lname.startswith("~")
        bare = lname.lstrip("~")
        if bare in _TYPE_ALIASES and not value:
            if negated:
                neg |= _TYPE_ALIASES[bare]
            else:
                pos |= _TYPE_ALIASES[bare]
        elif lname in ("domain", "from"):
            include, exclude = parse_domains(value, "|")
        elif lname == "to":
            to_inc, to_exc = parse_domains(value, "|")
        elif lname == "denyallow":
            denyallow, _ = parse_domains(value, "|")
        elif lname == "important":
            important = True
        elif lname == "badfilter":
            badfilter = True
        elif lname == "match-case":
            match_case = True
        elif bare in ("match-case",):
            match_case = False
        elif lname in _REDIRECT_OPTIONS:
            pass
        elif lname == "method":
            methods = {m.strip().lower() for m in value.split("|")}
            if "get" not in methods and not any(m.startswith("~") for m in methods):
                inert = "method"  # a static page only issues GETs
            if "~get" in methods:
                inert = "method"
        elif bare in INERT_OPTIONS:
            inert = bare
        elif bare in _UNSUPPORTED_OPTIONS:
            raise ParseError(f"unsupported option ${bare}")
        else:
            raise ParseError(f"unknown option ${bare}")
    if pos:
        mask = pos & ~neg
    elif neg:
        mask = ALL_RESOURCES & ~neg
    elif _PURE_HOSTNAME.fullmatch(pattern):
        # "strict blocking" (uBlock Origin, adblock-rust): a filter naming only a
        # host also answers for navigations to it -- a redirect or pop-up to an ad host
        mask = ALL_RESOURCES | DOCUMENT
    else:
        mask = ALL_RESOURCES
    if not is_regex and "|" in pattern.strip("|"):
        raise ParseError("'|' inside a pattern")
    return NetworkFilter(
        text=text,
        line=line,
        exception=exception,
        pattern=pattern,
        mask=mask,
        party=party,
        include=include,
        exclude=exclude,
        important=important,
        badfilter=badfilter,
        match_case=match_case,
        denyallow=denyallow,
        to_include=to_inc,
        to_exclude=to_exc,
        inert=inert,
        regex=is_regex,
    )


def pattern_regex(pattern: str) -> str:
    """The regex source of a URL pattern (adblockparser's translation).

    `rule_to_regex` mishandles a `|` inside a pattern (it eats the next character);
    such patterns are refused at parse time, so only edge anchors reach it.
    """
    if not pattern:
        return ""
    src: str = AdblockRule.rule_to_regex(pattern)
    return src
