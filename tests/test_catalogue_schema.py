"""The catalogue is data: every entry loads, and a bad entry names its file and network."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.catalogue import catalogue_files, load_catalogue
from auditor.errors import RuleError
from auditor.model import Category

REQUIRED_NETWORKS = {
    "ExoClick",
    "JuicyAds",
    "Google AdSense",
    "Google Publisher Tag",
    "Amazon Publisher Services",
    "Taboola",
    "Outbrain",
    "MGID",
    "PropellerAds",
    "Adsterra",
    "PopAds",
    "Media.net",
    "Google Analytics",
    "Google Tag Manager",
    "Facebook Pixel",
}


def test_every_catalogue_file_loads() -> None:
    catalogue = load_catalogue()
    assert {Path(s).name for s in catalogue.sources} == {p.name for p in catalogue_files()}
    names = [n.name for n in catalogue.networks]
    assert len(names) == len(set(names)), "a network is listed twice"
    assert REQUIRED_NETWORKS <= set(names)
    for network in catalogue.networks:
        assert isinstance(network.category, Category)
        assert network.hosts or network.urls or network.inline, network.name


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('name = "Bad"\ncategory = "ads"', "category 'ads' is not one of"),
        ('name = "Bad"\n[[network.slot]]\nselector = "ins[[["', "bad selector"),
        ('name = "Bad"\ninline = ["(unclosed"]', "bad pattern"),
        ('name = "Bad"\nhosts = "x.test"', "hosts must be a list of strings"),
        ('name = "Bad"\n[[network.id]]\nkind = "k"\nwhere = "cookie"\npattern = "x"', "'where'"),
        ('name = "Bad"\n[[network.id]]\nwhere = "url"\npattern = "x"', "malformed catalogue entry"),
        ('category = "advertising"', "needs a name"),
    ],
)
def test_bad_entries_name_file_and_problem(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[[network]]\n" + entry + "\n")
    with pytest.raises(RuleError, match=message) as info:
        load_catalogue([path])
    assert str(path) in str(info.value)


def test_invalid_toml_is_a_rule_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[[network]\nname=")
    with pytest.raises(RuleError, match="cannot load catalogue"):
        load_catalogue([path])


def test_a_network_added_as_data_is_recognised(tmp_path: Path) -> None:
    """Adding a network is editing TOML: no code change makes the audit find it."""
    from auditor.model import NO_MATCH
    from auditor.pipeline import audit

    path = tmp_path / "extra.toml"
    path.write_text(
        '[[network]]\nname = "ExampleAds"\ncompany = "Example"\ncategory = "advertising"\n'
        'hosts = ["exampleads.test"]\n'
        '[[network.slot]]\nselector = "ins.example-ad"\nzone_attr = "data-zone"\n'
        'id_kind = "exampleads-zone"\n'
    )

    class NoRules:
        lists = ()

        def match(self, url: str, source_url: str | None = None, type: str = "other") -> object:
            return NO_MATCH

        def cosmetic(
            self, root: object, hostname: str, source: bytes | None = None
        ) -> list[object]:
            return []

    page = (
        b'<div style="width:300px;height:250px"><ins class="example-ad" data-zone="77"></ins>'
        b'<script src="https://cdn.exampleads.test/tag.js"></script></div>'
    )
    report = audit(
        page,
        url="https://pub.test/",
        engine=NoRules(),  # type: ignore[arg-type]
        catalogue=load_catalogue([path]),
    )
    (result,) = report.pages
    (slot,) = result.slots
    assert (slot.network, slot.zone_id, slot.width, slot.height) == ("ExampleAds", "77", 300, 250)
    assert result.resources[0].network == "ExampleAds"
    assert [(i.kind, i.value) for i in result.ids] == [("exampleads-zone", "77")]
