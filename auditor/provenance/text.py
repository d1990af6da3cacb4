"""Provenance of a plain-text page, from the segmenter's attribution lines.

A text scrape keeps no links, so a source is named only where an attribution line
spells a host or URL out ("🔗 www.bbc.co.uk Primary source", or a feed footer
"The post … appeared first on www.bbc.co.uk." whose site part names one). A line without one
("🔗 Original source", whose link the scrape lost) names nothing, and a bare "via …" or
"Source: …" line is how a news text credits a wire: neither makes a provenance. The
first is kept as a credit (`Sources.credits`); the second is not even that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from auditor.heuristics.text_blocks import FEED_FOOTER, TextBlock, footer_site
from auditor.lazy_re import lazy_regex
from auditor.model import Evidence
from auditor.provenance.evidence import Clue, Sources, clean_url, group, through_proxy
from auditor.urls import host_of, listed_suffix

# The labels that say the line names the original (the segmenter's attribution lines
# that are not a bare "via"/"Source:" credit)
_NAMES = lazy_regex(
    r"(?:original|primary) source|source link"
    r"|originally (?:published|appeared) (?:on|in|at|by)", re.I)
_URL = lazy_regex(r"https?://[^\s<>\"'）)\]]+", re.I)
_HOST = lazy_regex(r"(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![\w-])",
                   re.I)


def text_sources(blocks: Sequence[TextBlock], first_party: str | None) -> Sources:
    """The sources a text page's attribution lines name, each with its lines."""
    return group(map(through_proxy, _clues(blocks)), first_party)


def _clues(blocks: Sequence[TextBlock]) -> Iterator[Clue]:
    for block in blocks:
        if block.kind != "attribution":
            continue
        footer = FEED_FOOTER.match(block.text.strip())
        if not (footer or _NAMES.search(block.text)):
            continue  # a bare "via …" or "Source: …": a wire's credit, not a copy's
        # "www.bbc.co.ukPrimary source": the host is what is left once the label is cut
        # out; a feed footer's is in the site it names, not in the post's title, and the
        # site ends it ("… erschien zuerst auf facebook und … auf twitter.com geteilt" is
        # a sentence)
        rest = _site_name(footer_site(footer)) if footer else _NAMES.sub(" ", block.text)
        found = _URL.search(rest)
        url = found.group(0).rstrip(".,;:") if found else None
        host = host_of(url) if url else _host(rest)
        if host:
            yield Clue(Evidence("attribution", block.text, block.line),
                       host, clean_url(url) if url else None)
        else:  # "🔗 Original source": a credit whose link the scrape lost
            yield Clue(Evidence("credit", block.text, block.line), "")


def _site_name(site: str) -> str:
    """A feed footer's site part when it is one site's name or address (Yoast writes the
    site's name, then a full stop), else "": a sentence that opens like a localised footer
    ("Der Beitrag des Kämmerers erschien zuerst auf Facebook und wurde auf twitter.com
    geteilt.") names no site by a host inside it.

    >>> _site_name("www.herald.co.uk."), _site_name("https://h.test/n/7."), _site_name("Makers")
    ('www.herald.co.uk', 'https://h.test/n/7', 'Makers')
    >>> _site_name("Facebook und wurde von Nutzern auf twitter.com geteilt.")
    ''
    """
    site = site.strip().rstrip(".!")
    return site if len(site.split()) <= _SITE_WORDS else ""


_SITE_WORDS = 4  # "The Coastal Herald Online": a site's name, not a sentence


def _host(text: str) -> str:
    """The first word that is a host name under a public suffix.

    >>> _host("🔗www.bbc.co.uk ")
    'www.bbc.co.uk'
    >>> _host("see index.html, e.g. here")
    ''
    """
    for match in _HOST.finditer(text):
        host = match.group(0).lower()
        if listed_suffix(host):
            return host
    return ""
