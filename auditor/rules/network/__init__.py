"""The indexed network matcher.

Each filter is compiled to a flat tuple (marshal-able, so the on-disk cache
loads without rebuilding objects) and filed in one dict for all families
(blocking, `$important`, exception), under:

* `||host^...` filters under their hostname; a request looks up each label
  suffix of its host, so `||magsrv.com^` meets `a.magsrv.com` in one dict probe;
* other filters under their rarest *complete* token (a run of `[a-z0-9%]` that
  any matching URL must contain as a whole token), like uBlock Origin and
  adblock-rust, where "rare" also counts how common the token is in URLs
  (`token_cost`); a request tokenises its URL once (its `scheme://host` part once
  per origin) and probes each token;
* token-less filters, or those with only common tokens, with a `$domain=` list
  under those source domains;
* the rest (mostly `/regex/` filters) in a small fallback list guarded by one
  required literal each.

So a URL meets a handful of candidates. Each is checked needle first (a literal
the URL must contain), then one bitmask test for type and party, and only then the
slow checks. Buckets are sorted by rank ($important first, then filters anchored to a
host, then list order), so the reported rule is stable and a scan stops early. Regexes compile
lazily, on first use.

The modules: `filters` (the compiled filter tuple and its pattern kinds), `tokens` (URL
tokens and index keys), `index` (bucketing), `matcher` (requests and decisions).
"""

from __future__ import annotations

from auditor.rules.network.filters import (
    BLOCK,
    EXCEPTION,
    F_ID,
    F_IMPORTANT,
    F_LINE,
    F_LIST,
    F_TEXT,
    Bucket,
    FilterT,
)
from auditor.rules.network.index import Index, build_index
from auditor.rules.network.matcher import TYPE_BIT, Matcher, Request
from auditor.rules.network.tokens import (
    HOST_SUFFIX,
    SOURCE_PREFIX,
    TOKEN_RE,
    TYPE_PREFIX,
    URL_HOST_RE,
    complete_tokens,
    token_cost,
    type_key,
)

__all__ = [
    "BLOCK",
    "EXCEPTION",
    "F_ID",
    "F_IMPORTANT",
    "F_LINE",
    "F_LIST",
    "F_TEXT",
    "HOST_SUFFIX",
    "SOURCE_PREFIX",
    "TOKEN_RE",
    "TYPE_BIT",
    "TYPE_PREFIX",
    "URL_HOST_RE",
    "Bucket",
    "FilterT",
    "Index",
    "Matcher",
    "Request",
    "build_index",
    "complete_tokens",
    "token_cost",
    "type_key",
]
