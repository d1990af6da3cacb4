"""Hostname keys for `$domain=`, `$to=`, `$denyallow=` and cosmetic domain lists.

A filter's domain list is a set of strings; a hostname is turned once into all the
keys that could name it (every label suffix, and the uBO entity form `name.*` for
suffixes that reach the registrable domain), so a domain test is one set
intersection.
"""

from __future__ import annotations

from auditor.urls import registrable_domain


def host_suffixes(host: str) -> tuple[str, ...]:
    """`a.b.example.com` -> (`a.b.example.com`, `b.example.com`, `example.com`, `com`).

    >>> host_suffixes("a.example.com")
    ('a.example.com', 'example.com', 'com')
    """
    out = [host]
    i = host.find(".")
    while i >= 0:
        host = host[i + 1 :]
        if host:
            out.append(host)
        i = host.find(".")
    return tuple(out)


def host_keys(host: str, domain: str | None = None) -> tuple[str, ...]:
    """Every key a domain list may use to name `host`, entity forms included.

    >>> host_keys("www.google.co.uk")
    ('www.google.co.uk', 'google.co.uk', 'co.uk', 'uk', 'www.google.*', 'google.*')
    """
    if not host:
        return ()
    sufs = host_suffixes(host)
    dom = registrable_domain(host) if domain is None else domain
    if not dom or host[-1].isdigit() or host.startswith("["):
        return sufs  # IP literals have no entity form
    public = dom.partition(".")[2]
    if not public:
        return sufs
    dot_public = "." + public
    ents = tuple(
        s[: -len(public)] + "*" for s in sufs if s.endswith(dot_public) and len(s) >= len(dom)
    )
    return sufs + ents
