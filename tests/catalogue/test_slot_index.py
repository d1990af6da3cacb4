"""The slot-spec index (`Catalogue.slots_needing`) offers every spec a page may match.

A page asks `may_match` only of the specs the index offers for the needles it holds, so
an index that left out a spec would lose its slots silently. `may_match` only grows with
what a page holds, so the smallest holdings that pass it are each branch's own needles:
the index must offer the spec for each of them, and for a spec it cannot read, for none.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from auditor.catalogue import Catalogue, catalogue_files, load_catalogue
from auditor.dom.page import parse_page
from auditor.slots import declared_slots

# selectors a user's catalogue may hold beyond the shipped ones: a branch with no
# literal, an attribute-only branch, a negation the needles cannot read, a combinator
USER_CATALOGUE = """
[[network]]
name = "Local Ads"
hosts = ["local-ads.test"]

  [[network.slot]]
  selector = "div:not(.editorial)"

  [[network.slot]]
  selector = "*[data-local-ad], aside > div.promo, ins.a.b[data-zone='7'], section"
"""


def catalogue_with_user_specs(tmp_path: Path) -> Catalogue:
    path = tmp_path / "local.toml"
    path.write_text(USER_CATALOGUE)
    return load_catalogue([*catalogue_files(), path])


def test_every_spec_is_offered_for_the_least_a_page_holds_to_match_it(tmp_path: Path) -> None:
    catalogue = catalogue_with_user_specs(tmp_path)
    assert len(catalogue.slot_specs) > 100
    for entry in catalogue.slot_specs:
        network, spec = entry
        holdings = ([(set(names), set(values)) for names, values in spec.needles]
                    if spec.needles is not None else [(set(), set())])
        for names, values in holdings:  # a branch's tag and attribute names, value literals
            assert spec.may_match(names, values), (network.name, spec.selector)
            assert entry in catalogue.slots_needing(names | values), (
                network.name, spec.selector, names, values)


def test_the_index_keeps_catalogue_order(tmp_path: Path) -> None:
    catalogue = catalogue_with_user_specs(tmp_path)
    every: set[str | None] = set()
    for _, spec in catalogue.slot_specs:
        for names, values in spec.needles or ():
            every.update(names, values)
    assert catalogue.slots_needing(every) == list(catalogue.slot_specs)  # all, in order


def test_a_text_test_is_no_attribute_value_a_page_must_hold(tmp_path: Path) -> None:
    """`:contains('Sponsored')` tests the element's text: a page whose attribute values
    do not hold the word still has the slot (its literal was once read as a value)."""
    path = tmp_path / "text.toml"
    path.write_text('[[network]]\nname = "Local Ads"\nhosts = ["local-ads.test"]\n'
                    '[[network.slot]]\nselector = "ins:contains(\'Sponsored\')"\n')
    catalogue = load_catalogue([path])
    page = parse_page("<html><body><p>News.</p><ins>Sponsored</ins></body></html>")
    assert [(s.network.name if s.network else None, s.rule)
            for s in declared_slots(page, catalogue, set())] == [
        ("Local Ads", "##ins:contains('Sponsored')")]


def test_every_spec_may_match_the_ids_its_id_starts_ask(tmp_path: Path) -> None:
    """A branch's `[id^='…']` asks some id of the page to start with its literal: the
    least a page holds to match it is its needles and those starts as ids."""
    catalogue = catalogue_with_user_specs(tmp_path)
    for network, spec in catalogue.slot_specs:
        if spec.needles is None:
            continue  # the XPath always runs
        for (names, values), starts in zip(spec.needles, spec.id_starts, strict=True):
            assert spec.may_match(set(names), set(values), partial(list, starts)), (
                network.name, spec.selector)


LOCKERDOME_BOX = """<!doctype html>
<html><head><title>Harbour reopens</title></head>
<body><div class="world-news"><h1>Harbour reopens</h1>
<p>The harbour reopened on Monday after the storm.</p></div>
<div id="ld-8042-281"></div>
</body></html>"""


def test_an_id_start_is_asked_of_the_ids_not_of_every_value() -> None:
    """`world-news` holds `ld-` among the values, so the needles let LockerDome's
    `div[id^='ld-']` walk the tree; no id of the page starts with it, so it need not."""
    catalogue = load_catalogue(catalogue_files())
    (spec,) = [s for n, s in catalogue.slot_specs
               if n.name == "LockerDome" and s.selector == "div[id^='ld-']"]
    names, values = {"<div", "id"}, {"ld-"}
    assert spec.may_match(names, values)  # the needles alone
    assert not spec.may_match(names, values, lambda: ["world-news", "ldx-1"])
    assert spec.may_match(names, values, lambda: ["world-news", "ld-8042-281"])


def test_an_id_written_as_a_reference_still_starts_as_its_value() -> None:
    """The ids asked are the parsed values: `&#108;d-` is `ld-` to the selector and to
    the pre-test, and an id among markup after `</html>` (which libxml2's ID table never
    lists) is read by a walk."""
    catalogue = load_catalogue(catalogue_files())
    for markup in (LOCKERDOME_BOX.replace('id="ld-', 'id="&#108;d-'),
                   LOCKERDOME_BOX.replace("<div id=\"ld-8042-281\"></div>\n</body></html>",
                                          "</body></html><div id=ld-8042-281></div>")):
        page = parse_page(markup)
        assert [(s.network.name if s.network else None, s.zone_id)
                for s in declared_slots(page, catalogue, set())] == [
            ("LockerDome", "ld-8042-281")], markup
