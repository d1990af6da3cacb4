"""Audit helpers for the heuristic tests: a small real rule engine, pages from fixtures,
and the system filter lists where a test asks what a real audit names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.catalogue import Catalogue
from auditor.model import PageReport
from auditor.pipeline import audit_document
from auditor.readers import Document
from auditor.rules import Engine

from .stacks import AuditStack, page

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"

# A few EasyList-style rules, so blocked/rule fields are exercised without the full lists.
RULES = """\
||coinhive.com^
||hotjar.com^
||clarity.ms^
||fullstory.com^
||doubleclick.net^
||googlesyndication.com^
||taboola.com^
||outbrain.com^
! *** easylist:easyprivacy/easyprivacy_trackingservers_mining.txt ***
||minerhost.test^
"""

AuditHtml = Callable[..., PageReport]


@pytest.fixture(scope="session")
def rules_engine() -> Engine:
    return Engine.from_text(RULES, name="test-rules")


@pytest.fixture(scope="session")
def audit_html(rules_engine: Engine, catalogue: Catalogue) -> AuditHtml:
    """Audit an HTML string (or a fixture file name) as a page at `url`."""

    def run(html: str, url: str | None = "https://site.example/page", kind: str = "html",
            markup: bool = True, in_post_body: bool = False) -> PageReport:
        if html.endswith((".html", ".txt")) and "\n" not in html:
            path = PAGES / html
            html, markup = path.read_text(encoding="utf-8"), path.suffix == ".html"
            kind = "html" if markup else "text"
        doc = Document(input="test", kind=kind, text=html, url=url, markup=markup,
                       in_post_body=in_post_body)
        return audit_document(doc, rules_engine, catalogue)

    return run


AuditListed = Callable[[str, str], PageReport]


@pytest.fixture(scope="session")
def audit_listed(engine: Engine, catalogue: Catalogue) -> AuditListed:
    """Audit an HTML string as a page at a URL with the system EasyList/EasyPrivacy (the
    `engine` fixture skips, with its reason, where they are absent)."""

    def run(html: str, url: str) -> PageReport:
        doc = Document(input="page.html", kind="html", text=html, url=url, markup=True)
        return audit_document(doc, engine, catalogue)

    return run


@pytest.fixture(scope="module")
def audit_stack(audit_listed: AuditListed) -> AuditStack:
    """Audit a stack's page as the site's own blog post, with the system filter lists."""
    return lambda s: audit_listed(page(s), "https://example-blog.com/post/")
