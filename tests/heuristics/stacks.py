"""A vendor's publisher tag on a blog post of the site's own, and what reading it must
give: the helpers the stack tables share (managed stacks, reach vendors, regional stacks,
portal analytics, hunted tags), each table keeping its own pages and assertions. The
`audit_stack` fixture that audits such a page is in conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from auditor.model import Origin, PageReport, Severity


@dataclass(frozen=True)
class Stack:
    stack: str
    form: str
    head: str
    body: str
    networks: frozenset[str]
    slots: dict[str, int]
    ids: frozenset[tuple[str, str]]


def stack(name: str, form: str, head: str, body: str, networks: set[str],
          slots: dict[str, int], *ids: tuple[str, str]) -> Stack:
    return Stack(name, form, head, body, frozenset(networks), slots, frozenset(ids))


def page(s: Stack) -> str:
    return ("<!DOCTYPE html><html lang=\"en-US\"><head><meta charset=\"utf-8\">"
            "<title>Brown Butter Banana Bread - The Weekday Kitchen</title>"
            f"{s.head}</head><body class=\"post-template-default single single-post\">"
            "<header class=\"site-header\"><a href=\"/\">The Weekday Kitchen</a></header>"
            "<main id=\"main\"><article class=\"post type-post\"><h1 class=\"entry-title\">"
            "Brown Butter Banana Bread</h1><div class=\"entry-content\">"
            "<p>This loaf is the one we bake every Sunday: brown butter, very ripe bananas "
            "and a crackly sugar top.</p>"
            f"{s.body}<p>Cool the loaf in the tin for ten minutes before slicing.</p>"
            "</div></article></main><footer class=\"site-footer\">&copy; 2026 The Weekday "
            "Kitchen</footer></body></html>")


AuditStack = Callable[[Stack], PageReport]


def ad_slots(report: PageReport) -> dict[str, int]:
    """The report's ad slots counted per network ("?" for a slot of none)."""
    slots: dict[str, int] = {}
    for slot in report.slots:
        if slot.kind == "ad":
            slots[slot.network or "?"] = slots.get(slot.network or "?", 0) + 1
    return slots


def serious(report: PageReport) -> list[tuple[str, str]]:
    """The findings above low, as (kind, message): a publisher's own tag draws none."""
    return [(f.kind, f.message) for f in report.findings if f.severity is not Severity.LOW]


def assert_read(report: PageReport, s: Stack) -> None:
    """The stack's networks named (and no other), its ad slots per network, its operator IDs."""
    assert {n.network for n in report.networks} == set(s.networks)
    assert ad_slots(report) == s.slots
    assert {(i.kind, i.value) for i in report.ids if i.origin is Origin.OPERATOR} == set(s.ids)


def assert_names_none(report: PageReport, networks: set[str]) -> None:
    """A look-alike page: none of these networks named, and no slot of theirs."""
    assert not {n.network for n in report.networks} & networks
    assert [s for s in report.slots if s.network in networks] == []
