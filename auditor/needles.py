"""What a page holds of the catalogue's needles: one literal-set pass per text, kept as
the page's view for every stage that asks (each stage's own pass over the same text
was a whole-text scan of its own)."""

from __future__ import annotations

from auditor.catalogue import Catalogue
from auditor.dom.page import ParsedPage


def script_needles(page: ParsedPage, catalogue: Catalogue) -> set[str | None]:
    """The needles of the inline signatures, the script slots and the URL and script ID
    patterns that the page's scripts hold: one pass answers `networks_present`,
    `declared_slots` and `identifiers`, not a scan of all the scripts per pattern."""
    return page.view("script needles", lambda: catalogue.script_needles.present(
        page.script_text))


def value_needles(page: ParsedPage, catalogue: Catalogue) -> set[str | None]:
    """The slot selectors' value literals and the link patterns' needles that the page's
    attribute values hold, and None (what a pattern without a literal needs): the page's
    one pass over its values (`values_holding`) answers `declared_slots` and
    `networks_present`, and the other stages' words."""
    return page.view("value needles", lambda: {
        None, *page.values_holding(catalogue.value_needles.literals)})
