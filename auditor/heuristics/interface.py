"""What a heuristic sees of a page, and what it returns: findings with stable ids."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TypeVar

import lxml.html
from lxml import etree

from auditor.catalogue import Catalogue, Network
from auditor.dom.deobfuscate import Decoded
from auditor.dom.page import HANDLER_ATTRS, ParsedPage
from auditor.model import (
    Finding,
    Identifier,
    Lookalike,
    Provenance,
    Resource,
    Severity,
    Slot,
)
from auditor.readers.interface import Document

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PageContext:
    """One page after the walk and the rules: the input to every heuristic."""

    document: Document
    page: ParsedPage | None  # the parsed page and its shared views; None for plain text
    url: str | None
    first_party: str | None
    resources: tuple[Resource, ...]
    slots: tuple[Slot, ...]
    ids: tuple[Identifier, ...]
    networks: tuple[Network, ...]  # networks present on the page
    catalogue: Catalogue
    bodies: tuple[etree._Element, ...] = ()  # the article bodies (metrics.article_bodies)
    republishes: tuple[Provenance, ...] = ()  # the originals the page copies (provenance)
    lookalikes: tuple[Lookalike, ...] = ()  # vendors' snippets loading from look-alike hosts

    @property
    def root(self) -> lxml.html.HtmlElement | None:
        return self.page.root if self.page is not None else None

    def view(self, name: str, build: Callable[[], T]) -> T:
        """The page's view `name` (`ParsedPage.view`), built once a page; a plain-text
        page has no page to keep it on, so each ask builds it."""
        return build() if self.page is None else self.page.view(name, build)

    def decoded(self, code: str) -> Decoded:
        """What inline code hides, decoded once for the page."""
        assert self.page is not None
        return self.page.decoded(code)

    def xpath(self, el: etree._Element) -> str:
        """An element's path, from the page's one path memo."""
        assert self.page is not None
        return self.page.xpath(el)

    def cited_line(self, el: etree._Element) -> int:
        """The line a finding cites for an element: where its start tag opens, as slots
        are cited. libxml2 records where the tag ends, so a pixel written with one
        attribute per line was cited at its `/>`, a line holding nothing of it."""
        assert self.page is not None
        return self.page.start_line(el)


Heuristic = Callable[[PageContext], Iterable[Finding]]


def script_codes(ctx: PageContext, handlers: Collection[str] = HANDLER_ATTRS,
                 srcdoc: bool = True) -> tuple[tuple[str, int, str], ...]:
    """(code, line, xpath) of every inline script, of the inline event `handlers`, and
    of the scripts of `<iframe srcdoc>` documents (cited at their iframe)."""
    if ctx.page is None:
        return ()
    page = ctx.page

    def select() -> tuple[tuple[str, int, str], ...]:
        return tuple((code, line, xpath) for code, line, xpath, source in page.codes
                     if (source not in HANDLER_ATTRS or source in handlers)
                     and (srcdoc or source != "srcdoc"))

    if handlers is HANDLER_ATTRS:  # what most heuristics ask: kept for the next one
        return page.view(f"script codes, srcdoc {srcdoc}", select)
    return select()


@dataclass(frozen=True, slots=True)
class FindingKind:
    """A kind of finding, declared once in the module of the heuristic that raises it
    (bandit's `@test_id`); policy validation, SARIF rule help and docs/TAXONOMY.md read
    the registry (`auditor.heuristics.FINDING_KINDS`), never a list of their own."""

    name: str
    severities: tuple[Severity, ...]  # every severity its findings may have
    default: Severity  # the usual one: SARIF's default level for the rule
    summary: str  # one line: what it is
    help: str  # why it matters and what a reviewer does about it

    def __post_init__(self) -> None:
        if self.default not in self.severities:
            raise ValueError(f"{self.name}: default {self.default} is not among its severities")


def fingerprint(kind: str, *evidence: str) -> str:
    """A finding id from its kind and evidence, never its line: it survives edits.

    >>> fingerprint("duplicate-loader", "https://a.test/x.js") == fingerprint(
    ...     "duplicate-loader", "https://a.test/x.js")
    True
    """
    digest = hashlib.sha256("\x1f".join((kind, *evidence)).encode("utf-8")).hexdigest()
    return f"{kind}:{digest[:16]}"


def finding(
    kind: FindingKind,
    severity: Severity,
    message: str,
    evidence: str,
    line: int = 0,
    xpath: str = "",
    key: tuple[str, ...] = (),
) -> Finding:
    """A Finding whose id hashes `key` (default: the evidence)."""
    return Finding(
        id=fingerprint(kind.name, *(key or (evidence,))),
        kind=kind.name,
        severity=severity,
        message=message,
        line=line,
        xpath=xpath,
        evidence=evidence,
    )
