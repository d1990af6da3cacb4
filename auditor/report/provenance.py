"""How every report words a page's provenance and a copied ID, so the formats agree.

The strings here are page-derived (hosts, URLs, anchor text): each reporter escapes
them for its own format (`inert`, `esc`, `md`, `xml_text`, `sarif_text`).
"""

from __future__ import annotations

from auditor.model import Evidence, Identifier, Origin, PageReport, Provenance, Replay
from auditor.provenance.evidence import proxy_copy

EVIDENCE_CHARS = 120  # an evidence text beyond this is cut: the JSON report has it whole


def source_name(p: Provenance) -> str:
    """The original as precisely as the page names it: its URL, else its host."""
    return p.url or p.host


def source_verb(p: Provenance) -> str:
    """How a report words the page's tie to a source: a proxy's or cache's copy (Google
    Translate, Google's cache) is that page itself, not a site republishing it.

    >>> source_verb(Provenance("x.test", "x.test", None, (Evidence("proxy-copy", "…"),)))
    'copy of'
    """
    return "copy of" if proxy_copy(p) else "republishes"


def evidence_line(e: Evidence) -> str:
    """`source-link, line 127: Source link`.

    >>> evidence_line(Evidence("canonical", "https://x.test/a", 4))
    'canonical, line 4: https://x.test/a'
    """
    where = f", line {e.line}" if e.line else ""
    text = e.text if len(e.text) <= EVIDENCE_CHARS else e.text[: EVIDENCE_CHARS - 1] + "…"
    return f"{e.kind}{where}: {text}"


def replay_line(r: Replay) -> str:
    """Whose copy of the page was audited, of when, and where the archive served it.

    >>> replay_line(Replay("Wayback Machine", "https://x.test/a", "2023-01-05T12:34:56Z"))
    'Wayback Machine capture of 2023-01-05T12:34:56Z, audited as the original page'
    """
    when = f" of {r.captured}" if r.captured else ""
    served = f" (served at {r.replay_url})" if r.replay_url else ""
    return f"{r.archive} capture{when}, audited as the original page{served}"


def provenance_line(p: Provenance) -> str:
    """One line per source: what the page republishes, and the kinds of evidence.

    >>> provenance_line(Provenance("www.bbc.co.uk", "bbc.co.uk", None,
    ...                            (Evidence("attribution", "🔗www.bbc.co.uk", 45),)))
    'republishes www.bbc.co.uk (attribution line 45)'
    """
    kinds = "; ".join(f"{e.kind} line {e.line}" if e.line else e.kind for e in p.evidence)
    return f"{source_verb(p)} {source_name(p)} ({kinds})"


def origin_note(ident: Identifier) -> str:
    """`copied from bbc.co.uk` for an ID that came with the copy, `look-alike: …` for one
    a look-alike's snippet sets up, `adware: …` for an injector's, `ad creative: …` for one an
    ad's code in its slot's frame writes; "" for the operator's."""
    if ident.origin is Origin.COPIED:
        return f"copied from {ident.copied_from or 'the source'}"
    if ident.origin is Origin.LOOKALIKE:
        return f"look-alike: {ident.why or 'its snippet loads from a look-alike host'}"
    if ident.origin is Origin.ADWARE:
        return f"adware: {ident.why or 'written by adware in the browser that saved the page'}"
    if ident.origin is Origin.CREATIVE:
        return f"ad creative: {ident.why or 'written by the code of an ad in an ad slot'}"
    return ""


def copied_ids(page: PageReport) -> list[str]:
    """`comscore-client 7654321 (copied from bbc.co.uk)`, for each copied ID."""
    return [f"{i.kind} {i.value} ({origin_note(i)})" for i in page.ids
            if i.origin is Origin.COPIED]
