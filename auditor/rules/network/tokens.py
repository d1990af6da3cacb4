"""URL tokens and index keys: what a filter is filed under, and what a request probes."""

from __future__ import annotations

from auditor.lazy_re import lazy_regex

TOKEN_RE = lazy_regex(r"[a-z0-9%]+")
# scheme://[userinfo@]host — applied to the lower-cased URL.
URL_HOST_RE = lazy_regex(r"(?:[a-z][a-z0-9+.\-]*:)?//(?:[^/?#@]*@)?([^/?#:]*)")

# Tokens that most real request URLs carry (scheme, www, TLDs, file extensions, the
# usual path and query words of CMSs, CDNs and tag snippets): a filter filed under one
# of them would be tested on most requests. The list is general web knowledge, not
# drawn from any benchmark set; a filter whose every token is here still goes under
# the least common of them. Short and small-number tokens are penalised by rule.
_COMMON_URL_TOKENS = frozenset(
    """
    http https www com net org io co uk de fr ru jp cn br it es nl pl au ca in eu us tv
    me info biz xyz app dev cloud online site
    js css html htm php asp aspx jsp cgi json xml txt map min gz
    gif jpg jpeg png webp svg ico bmp avif woff woff2 ttf otf eot mp4 webm mp3 m3u8 ts
    cdn static assets asset img images image media files file content contents uploads
    upload wp includes plugins plugin themes theme dist build src lib libs vendor vendors
    bundle bundles chunk chunks main app index default common core public resources res
    script scripts style styles font fonts icon icons logo thumb thumbs thumbnail
    api v1 v2 v3 v4 ajax rest graphql data id ids uid page pages view views home search
    user users news article articles post posts blog category tag tags comments
    en utm_source utm_medium utm_campaign ref q s t v p r w h x y z type format size
    width height lang callback cb rnd random ts time timestamp version ver cache
    ad ads track tracking analytics pixel event events collect beacon
    google googleapis gstatic facebook twitter cloudfront akamaized amazonaws jquery
    """.split()
)
COMMON_PENALTY = 10_000


def token_cost(token: str, filter_count: int) -> int:
    """How bad a bucket `token` is: its filter count plus how often URLs carry it."""
    cost = filter_count
    if token in _COMMON_URL_TOKENS:
        cost += COMMON_PENALTY
    n = len(token)
    if n <= 2:
        cost += 5_000 if n == 1 else 2_000
    elif token.isdigit() and n <= 4:
        cost += 1_000  # years, sizes, versions
    return cost


# Bucket key namespaces in one dict: a token is `[a-z0-9%]+`, so none of these can
# collide with one.
HOST_SUFFIX = "."  # `magsrv.com.`: hostname-anchored filters, by host
SOURCE_PREFIX = "\x01"  # token-less filters with a $domain= list, by source domain
TYPE_PREFIX = "\x02"  # pattern-less, domain-less filters (`$ping,third-party`), by type bit


def type_key(bit: int) -> str:
    return f"{TYPE_PREFIX}{bit}"



def complete_tokens(pattern: str) -> list[str]:
    """Tokens of a (lower-cased) pattern that a matching URL must contain whole.

    >>> complete_tokens("||ads.example.com/banner*")
    ['ads', 'example', 'com']
    >>> complete_tokens("-ad-300x250.")
    ['ad', '300x250']
    """
    out: list[str] = []
    n = len(pattern)
    for m in TOKEN_RE.finditer(pattern):
        s, e = m.span()
        if s == 0 or pattern[s - 1] == "*":
            continue
        if e == n or pattern[e] == "*":
            continue
        out.append(m.group())
    return out
