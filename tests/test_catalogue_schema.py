"""The catalogue is data: every entry loads, and a bad entry names its file and network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.catalogue import Network, catalogue_files, load_catalogue
from auditor.catalogue import _any_shape as any_shape
from auditor.errors import RuleError
from auditor.model import Category, RequestType
from auditor.urls import host_of

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
        # a network recognised by its tag's shape alone (Evadav's rotating hosts) is known too
        assert network.hosts or network.urls or network.inline or network.url_shapes, \
            network.name


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('name = "Bad"\ncategory = "ads"', "category 'ads' is not one of"),
        ('name = "Bad"\n[[network.slot]]\nselector = "ins[[["', "bad selector"),
        ('name = "Bad"\ninline = ["(unclosed"]', "bad pattern"),
        ('name = "Bad"\nurl_shapes = ["^https://[^/]+/(unclosed"]', "bad pattern"),
        ('name = "Bad"\nurl_shapes = ["^https://x/$"]\nshape_types = ["js"]', "shape_types"),
        ('name = "Bad"\nhosts = ["x.test"]\nshape_types = ["script"]', "shape_types"),
        ('name = "Bad"\nhosts = "x.test"', "hosts must be a list of strings"),
        ('name = "Bad"\n[[network.id]]\nkind = "k"\nwhere = "cookie"\npattern = "x"', "'where'"),
        ('name = "Bad"\n[[network.id]]\nwhere = "url"\npattern = "x"', "malformed catalogue entry"),
        ('category = "advertising"', "needs a name"),
        ('name = "Bad"\nloader = ["/x.js"]', "unknown key 'loader'"),
        ('name = "Bad"\n[[network.id]]\nkind = "k"\npattern = "x"\njoin_sites = false',
         "id: unknown key 'join_sites'"),
        ('name = "Bad"\n[[network.id]]\nkind = "k"\npattern = "x"\njoins_sites = "no"',
         "joins_sites must be true or false"),
        # a decoded ID needs the pattern's base64 group, and that group its decoded regex
        ('name = "Bad"\n[[network.id]]\nkind = "k"\npattern = "/(x+)"\ndecoded = "(\\\\d+)"',
         "takes decoded exactly when its pattern has a group named base64"),
        ('name = "Bad"\n[[network.id]]\nkind = "k"\npattern = "/(?P<base64>x+)"',
         "takes decoded exactly when its pattern has a group named base64"),
        # a list's IDs are read from the value as written, not from a decoding or a name
        ('name = "Bad"\n[[network.id]]\nkind = "k"\npattern = "/(?P<base64>x+)"\n'
         'decoded = "(\\\\d+)"\neach = "(\\\\d+)"', "takes each without decoded or assigned"),
        # each match's group 1 is an ID: a regex of none would fail on the first page
        ('name = "Bad"\n[[network.id]]\nkind = "k"\npattern = "x\\\\((.+)\\\\)"\n'
         'each = "\'\\\\d+\'"', "has no group for the ID"),
        ('name = "Bad"\nhosts = ["x.test"]\namp = ["Ad Sense"]', "amp name 'Ad Sense'"),
        ('name = "Bad"\nhosts = ["x.test"]\namp_analytics = ["<gtag>"]',
         "amp_analytics name '<gtag>'"),
        ('name = "Bad"\nhosts = ["x.test"]\namp_rtc = ["APS"]', "amp_rtc name 'APS'"),
        ('name = "Bad"\n[[network.id]]\nkind = "k"\nwhere = "amp"\nattr = "data-x"\n'
         'pattern = "x"', "an amp id \\(k\\) needs the network's amp, amp_analytics or "
                          "amp_rtc names"),
        ('name = "Bad"\nhosts = ["x.test"]\nsamples = { "bad-kind" = ["1"] }',
         "samples names 'bad-kind', an id kind it does not read"),
        ('name = "Bad"\nhosts = ["x.test"]\nsamples = ["1"]', "samples must be a table"),
        ('name = "Bad"\namp = ["x"]\n[[network.id]]\nkind = "k"\nwhere = "amp"\npattern = "x"',
         "an amp id \\(k\\) needs attr"),
        # a meta id reads the content of the <meta name> its attr names
        ('name = "Bad"\n[[network.id]]\nkind = "k"\nwhere = "meta"\npattern = "x"',
         "a meta id \\(k\\) needs attr"),
        ('name = "Bad"\nhosts = ["x.test"]\n[[network.id]]\nkind = "k"\nwhere = "url"\n'
         'src = "x"\npattern = "x"', "only an attr id \\(k\\) takes src"),
        ('name = "Bad"\namp = ["x"]\n[[network]]\nname = "Other"\namp = ["x"]',
         "amp name 'x' is claimed by both Bad and Other"),
        ('name = "Bad"\n[[network.id]]\nkind = "k"\npattern = "x"\njoins_sites = false\n'
         '[[network.slot]]\nselector = "ins"\nid_kind = "k"',
         "id kind 'k' says joins_sites = false in one declaration and not in another"),
        ('name = "Bad"\nhosts = ["x.test"]\n[[network]]\nname = "Bad"\nhosts = ["y.test"]',
         "network 'Bad' is listed twice"),
        # a platform is another network
        ('name = "Bad"\nhosts = ["x.test"]\nplatform = "Bad"',
         "network 'Bad': platform 'Bad' is no other network"),
        ('name = "Bad"\n[[network.slot]]\nselector = "div"\nzone_pattern = "^x-(\\\\d+)$"',
         "zone_pattern needs a zone_attr"),
        ('name = "Bad"\n[[network.slot]]\nselector = "div"\nzone_attr = "id"\n'
         'zone_pattern = "^x-\\\\d+$"', "has no group for the zone"),
        ('name = "Bad"\n[[network.slot]]\nselector = "div"\nrequires_zone = true',
         "requires_zone needs a zone_attr"),
        ('name = "Bad"\n[[network.slot]]\nselector = "div"\nsize_pattern = "sz=(?P<width>\\\\d+)'
         'x(?P<height>\\\\d+)"', "size_pattern needs a zone_attr"),
        ('name = "Bad"\n[[network.slot]]\nselector = "div"\nzone_attr = "src"\n'
         'size_pattern = "sz=(\\\\d+)x(\\\\d+)"', "needs groups width and height"),
        ('name = "Bad"\nhosts = ["x.test"]\n[[entity]]\ncompany = "P"\ncategory = "content"\n'
         'domains = []\nurls = ["/navbar.js"]', "url '/navbar.js' must open with a host"),
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

        def cosmetic(self, page: object, hostname: str) -> list[object]:
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


# The ID kinds that name a placement or are shared by unrelated sites: bulk clusters
# never join sites on them (auditor/bulk/aggregate.py reads this, not a list of its own).
SOLITARY_KINDS = {"adsense-host", "adsense-slot", "gpt-slot", "gpt-network", "outbrain-widget",
                  "medianet-slot", "matomo-site", "amazon-native-ad", "ligatus-tag",
                  "gumgum-slot", "seedtag-adunit", "kargo-slot", "connatix-player",
                  "adition-placement", "triplelift-inventory", "adpushup-section",
                  "adocean-placement", "colombia-slot", "admixer-zone", "adnuntius-adunit",
                  "aniview-publisher", "aniview-channel", "bidvertiser-unit",
                  "primis-placement", "vidazoo-widget", "valueimpression-unit",
                  "rubicon-zone", "venatus-site",
                  "nend-spot", "nativo-placement", "admatic-unit", "sedo-afd-partner",
                  "tanx-pid", "htl-unit", "logly-adspot", "uzou-placement",
                  "superfish-dlsource", "jollywallet-dist", "audiencescience-csid",
                  "dart-zone", "aol-placement", "adsonar-placement", "admeld-placement",
                  "oas-position", "admeta-placement", "checkm8-format", "dart-network",
                  "ias-account", "openx-auid", "advertserve-zone", "adblade-container",
                  "sentry-key", "sentry-org", "revive-zone", "xandr-member",
                  "exponential-zone", "advertising-com-site", "adzerk-zone", "cnzz-ad-slot",
                  "88rpg-unit", "adagio-position", "adagio-format",
                  "appier-zone", "admicro-zone", "jixie-unit",
                  "adfox-placement", "adfox-banner-type", "realbig-block", "adfox-site",
                  "adrotate-ad", "adreactor-zone", "districtm-zone",
                  "adstudio-placement", "admicro-box", "ants-zone", "luxup-block",
                  "emediate-cu", "nuggad-network"}


def test_id_kinds_say_whether_they_join_sites() -> None:
    catalogue = load_catalogue()
    assert catalogue.solitary_kinds == SOLITARY_KINDS
    assert not catalogue.joins_sites("gpt-slot")
    assert catalogue.joins_sites("adsense-publisher")
    assert catalogue.joins_sites("a-kind-no-catalogue-declares")


def test_a_platforms_own_value_joins_no_sites_where_its_kind_does() -> None:
    """WordPress.com writes its AdSense publisher ID on every blog it hosts: the value is
    listed once, as AdSense's `platform_ids`, and the kind still joins on other values."""
    catalogue = load_catalogue()
    assert not catalogue.joins_sites("adsense-publisher", "ca-pub-3443918307802676")
    assert catalogue.joins_sites("adsense-publisher", "ca-pub-1234567890123456")
    assert ("adsense-publisher", "ca-pub-3443918307802676") in catalogue.platform_values


def test_a_script_slots_needle_is_a_literal_of_some_length(tmp_path: Path) -> None:
    """A script slot's own needle gates it on the page's scripts: one of a character or
    two would hold on every page, and gate nothing."""
    path = tmp_path / "n.toml"
    path.write_text('[[network]]\nname = "X"\nhosts = ["x.test"]\n'
                    '[[network.script_slot]]\npattern = "x(?P<zone>\\\\d+)"\nneedle = "x("\n')
    with pytest.raises(RuleError, match="needle is a literal"):
        load_catalogue([path])
    path.write_text(path.read_text().replace('needle = "x("', 'needle = "xAds.call("'))
    (network,) = [n for n in load_catalogue([path]).networks if n.name == "X"]
    assert [s.needle for s in network.script_slots] == ["xAds.call("]


def test_platform_ids_name_a_kind_the_network_reads(tmp_path: Path) -> None:
    path = tmp_path / "n.toml"
    path.write_text('[[network]]\nname = "X"\nhosts = ["x.test"]\n'
                    'platform_ids = { "x-site" = ["1"] }\n')
    with pytest.raises(RuleError, match="platform_ids names 'x-site'"):
        load_catalogue([path])


def test_every_link_pattern_has_a_needle_beyond_the_scheme() -> None:
    """A linker is sought link by link only on pages whose attribute values hold one of
    its needles; a needle of `http` is held by every page (an alternation of hosts in one
    pattern hid its hosts: two linkers were run on 17,101 links, every corpus page's)."""
    catalogue = load_catalogue()
    linkers = [n for n in catalogue.networks if n.links is not None]
    assert linkers
    for network in linkers:
        assert network.link_needles, network.name
        assert not {"http", "https", "http:", "https:", "://", "//"} & set(network.link_needles), \
            (network.name, network.link_needles)


def test_a_kind_declared_in_data_stops_joining_sites(tmp_path: Path) -> None:
    from auditor.bulk.aggregate import clusters

    path = tmp_path / "extra.toml"
    path.write_text('[[network]]\nname = "ExampleAds"\nhosts = ["exampleads.test"]\n'
                    '[[network.id]]\nkind = "exampleads-slot"\npattern = "x"\n'
                    'joins_sites = false\n')
    edges = [(kind, "77", None, site) for kind in ("exampleads-slot", "exampleads-account")
             for site in ("a.test", "b.test")]
    found = clusters(edges, catalogue=load_catalogue([path]))
    assert [(c["sites"], [i["kind"] for i in c["ids"]]) for c in found] == [
        (["a.test", "b.test"], ["exampleads-account"])]


def test_the_readme_documents_exactly_the_keys_the_loader_reads(tmp_path: Path) -> None:
    """A key rules/README.md shows is one the catalogue reads, and the reverse."""
    import re
    import tomllib

    from auditor import catalogue

    readme = (Path(__file__).resolve().parents[1] / "rules" / "README.md").read_text()
    network_example, entity_example = re.findall(r"```toml\n(.*?)```", readme, re.S)
    network = tomllib.loads(network_example)["network"][0]
    assert set(network) == catalogue.NETWORK_KEYS
    assert set(network["slot"][0]) == catalogue.SLOT_KEYS
    assert set(network["script_slot"][0]) == catalogue.SCRIPT_SLOT_KEYS
    assert set().union(*network["id"]) == catalogue.ID_KEYS
    assert set(tomllib.loads(entity_example)["entity"][0]) == catalogue.ENTITY_KEYS
    path = tmp_path / "readme.toml"
    path.write_text(network_example + entity_example)
    assert load_catalogue([path]).networks[0].name == "ExampleAds"


@pytest.mark.parametrize(("names", "vendor"), [
    ("app_nexus_banners_common", "Xandr (AppNexus)"),
    ("box adsense-box", "Google AdSense"),
    ("dfp-leaderboard-container", "Google Publisher Tag"),
    ("ad-unit no-adsense", None),   # says it is not
    ("box has_no_adsense", None),
    ("sidebar-ad gpt-admin", None),  # "gpt" opens too many names
    ("mytaboola", None),             # the word must open a name or a part of one
])
def test_a_vendor_word_must_open_a_name(names: str, vendor: str | None) -> None:
    from lxml import html

    named = load_catalogue().named_in_markup(html.fragment_fromstring(
        f'<div class="{names}"></div>'))
    assert (named.name if named else None) == vendor


def test_a_markup_word_too_short_to_mean_a_vendor_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "extra.toml"
    path.write_text('[[network]]\nname = "ExampleAds"\nhosts = ["exampleads.test"]\n'
                    'markup_words = ["ex"]\n')
    with pytest.raises(RuleError, match="shorter than 4"):
        load_catalogue([path])



SHAPED = '''
[[network]]
name = "Grouped"
category = "advertising"
url_shapes = ["^https?://[^/?#]+/g/(?P<n>[0-9]{2})/(?P=n)[.]js$", "^https?://[^/?#]+/(q)[.]gif$"]

[[network]]
name = "Numbered"
category = "advertising"
url_shapes = ["^https?://[^/?#]+/([a-z])\\\\1[.]js$"]

[[network]]
name = "Typed"
category = "advertising"
url_shapes = ["^https?://[^/?#]+/t/[0-9]+$"]
shape_types = ["script"]
'''


@pytest.mark.parametrize(("url", "kind", "owner"), [
    ("https://rot1.test/g/12/12.js", RequestType.SCRIPT, "Grouped"),
    ("https://rot1.test/g/12/13.js", RequestType.SCRIPT, None),
    ("https://rot1.test/q.gif", RequestType.IMAGE, "Grouped"),
    # a shape that refers to its own group by number: its group, not another network's
    ("https://rot2.test/xx.js", RequestType.SCRIPT, "Numbered"),
    ("https://rot2.test/xy.js", RequestType.SCRIPT, None),
    ("https://rot3.test/t/42", RequestType.SCRIPT, "Typed"),
    ("https://rot3.test/t/42", RequestType.IMAGE, None),
    ("https://rot4.test/none.js", RequestType.SCRIPT, None),
])
def test_url_shapes_name_what_each_names_alone(tmp_path: Path, url: str, kind: RequestType,
                                               owner: str | None) -> None:
    """However the shapes are asked together (`owners_of` asks one alternation of them
    first), a URL is the network's whose own shape it has, of a type the network names."""
    path = tmp_path / "shaped.toml"
    path.write_text(SHAPED)
    cat = load_catalogue([path])
    network = cat.owners_of([(url, host_of(url))], [kind])[0].network
    assert (network.name if network else None) == owner


def test_shapes_numbering_their_groups_are_asked_one_by_one() -> None:
    """One alternation would renumber a later shape's groups (`\\1` would name the first
    shape's group): such shapes, or shapes naming a group alike, are not joined."""
    def shaped(name: str, shape: str) -> Network:
        return Network(name=name, company=None, category=Category.ADVERTISING,
                       url_shapes=re.compile(shape))

    one, two, three = shaped("A", r"/(a)\1"), shaped("B", r"/(?P<x>b)"), shaped("C", r"/(?P<x>c)")
    assert any_shape((one, two)) is None and any_shape((two, three)) is None
    joined = any_shape((two, shaped("D", r"/d(?P<y>\d)")))
    assert joined is not None and joined.search("https://x.test/d7") is not None
    assert joined.search("https://x.test/e7") is None
