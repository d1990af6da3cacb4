"""What a page republishes, and which of its IDs came along with the copy (issue 16).

`markup_sources` and `text_sources` find the originals a page names, one `Provenance`
per source site with its evidence (`evidence.EVIDENCE_KINDS` says what each kind means
and how much it weighs); `mark_copied` then sets each ID's origin.
"""

from __future__ import annotations

from auditor.provenance.evidence import EVIDENCE_KINDS, NO_SOURCES, Sources, Weight, proxy_copy
from auditor.provenance.markup import markup_sources
from auditor.provenance.origin import mark_copied
from auditor.provenance.text import text_sources

__all__ = ["EVIDENCE_KINDS", "NO_SOURCES", "Sources", "Weight", "mark_copied",
           "markup_sources", "proxy_copy", "text_sources"]
