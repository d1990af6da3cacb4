"""One decoder for an escaped ad-unit path: an ID pattern's value and a slot's zone read
from an attribute undo the same escapes (`\\/`, `%2F`, an MCM child's `%2C`), so the one
path written both ways is one ID, not two."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from auditor.catalogue import SlotSpec, unescaped_path
from auditor.identify import _value

CASES = [
    ("/4624/unit", "/4624/unit"),
    ("\\/4624\\/unit", "/4624/unit"),
    ("%2F4624%2Funit", "/4624/unit"),
    ("%2f4624%2funit", "/4624/unit"),
    ("%2F6355419%2C22222%2Fsite", "/6355419,22222/site"),
    ("%2f6355419%2c22222%2fsite", "/6355419,22222/site"),
    ("\\/6355419%2C22222\\/site", "/6355419,22222/site"),
    ("/4624/a%20b", "/4624/a%20b"),  # another escape is the path's own
]


@pytest.mark.parametrize(("written", "path"), CASES)
def test_an_id_patterns_value_and_a_slots_zone_decode_alike(written: str, path: str) -> None:
    assert unescaped_path(written) == path
    match = re.search(r"unit=(?P<value>\S+)", f"unit={written}")
    assert match is not None and _value(match) == path
    spec = SlotSpec(selector="div", xpath=etree.XPath("//div"), zone_attr="data-src",
                    id_kind="gpt-slot", requires_network=False,
                    zone_pattern=re.compile(r"iu=(?P<value>\S+)"))
    assert spec.zone_of(etree.fromstring(f'<div data-src="x?iu={written}"/>')) == path
