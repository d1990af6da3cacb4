"""One reading of a Google Ad Manager ad-unit path (`catalogue.FRAGMENTS["gam_path"]`), the
same in every place that asks whether a value is one: a box's `data-name`, `data-slot` or
`data-ad-unit`, a site wrapper's `{path, div, sizes}` unit object, an ad-named call's quoted
path, a passback, a variable a slot call takes. By Google's documentation (Ad Manager Help
10477476 "Ad units: Name vs. code", 9579170 on MCM tags): `/<network code>/<ad unit code>
[/<child code>…]`, a network code digits (an MCM child's after a comma), a code of letters,
digits and `_ - . * ! < : ( )`. Each decision below had two answers in two places before.
Pages written here after the forms sites use, not copies."""

from __future__ import annotations

import pytest

from auditor.catalogue import FRAGMENTS, Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear, audit_seconds

_HEAD = """<html><head><title>t</title>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head><body><article><h1>Harbour plans</h1><p>The council met on Tuesday.</p></article>
"""
# a site's GPT module reading each box's attribute into defineSlot
_MODULE = """<script>window.googletag = window.googletag || {cmd: []};
googletag.cmd.push(function () {
  document.querySelectorAll('[data-slot], [data-name]').forEach(function (el, i) {
    el.id = el.id || 'gpt-' + i;
    googletag.defineSlot(el.dataset.slot || el.dataset.name, [300, 250], el.id)
      .addService(googletag.pubads());
    googletag.display(el.id);
  });
});</script>
</body></html>"""


def _gpt(html: str, catalogue: Catalogue, engine: Engine) -> tuple[set[str], set[str]]:
    """The page's GPT unit paths (gpt-slot IDs) and network codes."""
    (page,) = audit(html.encode(), url="https://harbour.test/story", catalogue=catalogue,
                    engine=engine).pages
    return ({i.value for i in page.ids if i.kind == "gpt-slot"},
            {i.value for i in page.ids if i.kind == "gpt-network"})


def _box(attr: str, value: str) -> str:
    sizes = ' data-sizes="300x250"' if attr == "data-name" else ""
    return _HEAD + f'<div class="ad" {attr}="{value}"{sizes}></div>\n' + _MODULE


@pytest.mark.parametrize("attr", ["data-name", "data-slot"])
@pytest.mark.parametrize("value, network", [
    # a unit code may be all digits where the path holds a letter (data-slot refused it)
    ("/4088/12/top", "4088"),
    # a code may hold a colon (Help 10477476; data-slot and data-name refused it)
    ("/4088/site:top", "4088"),
    # an 11-digit network code, as Ad Manager gives newer networks
    ("/21670656820/site/top", "21670656820"),
    # an MCM parent's and child's codes, the parent's the network
    ("/4088,22222/site/top", "4088"),
])
def test_a_path_of_google_form_is_a_unit_in_either_attribute(
        project_engine: Engine, catalogue: Catalogue, attr: str, value: str,
        network: str) -> None:
    paths, networks = _gpt(_box(attr, value), catalogue, project_engine)
    assert (paths, network in networks) == ({value}, True)


@pytest.mark.parametrize("attr", ["data-name", "data-slot"])
@pytest.mark.parametrize("value", [
    # no leading slash: Google's documented form writes it, and an attribute whose name is
    # any component library's says GAM by its value's shape alone (data-name took it)
    "4088/site/rail",
    # a year and a month where a network code and a unit stand: a story's dated folder
    "/2019/05/top",
    # a year where the network code stands, its unit a word: a story's or a campaign's
    # folder far more often than one of the few networks numbered 1900-2099 (data-name
    # took it, data-slot did not)
    "/2019/site/top",
    # a file's path (data-name took it)
    "/4088/site/a.js",
    # digits alone: a size, no unit's code
    "/300/250",
])
def test_a_value_of_no_google_form_is_no_unit_in_either_attribute(
        project_engine: Engine, catalogue: Catalogue, attr: str, value: str) -> None:
    assert _gpt(_box(attr, value), catalogue, project_engine) == (set(), set())


# the site's ad code handing its unit to a wrapper named for ads (`SBN.Ads.recordSlot`)
RECORDED = _HEAD + """<div id="ad-top"></div>
<script>SBN.Ads.recordSlot("/21670656820/harbour/top", {sizes: [[728, 90]]});</script>
</body></html>"""


def test_an_ad_named_calls_path_takes_an_eleven_digit_network_code(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The script ID reader took 3-10 digits where every other reader took 3-12 (and
    Ad Manager's own native example writes `/21670656820/…`)."""
    assert _gpt(RECORDED, catalogue, project_engine) == (
        {"/21670656820/harbour/top"}, {"21670656820"})


# a site config keeping a unit's path under a key named for a unit's name
UNIT_NAMES = _HEAD + """<script>var SiteConfig = {
  tower_unit_name: '/4088/harbour/tower',
  story_unit_name: '/2019/05/harbour-vote/',
  hero_unit_name: '/4099/img/hero.jpg'
};</script>
</body></html>"""


def test_a_unit_names_key_gives_the_code_of_a_path_of_google_form_only(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The key's reader took any `/<digits>/<letter>` opening: a dated folder's year and
    an image's folder number were network codes."""
    assert _gpt(UNIT_NAMES, catalogue, project_engine)[1] == {"4088"}


# page configs keeping a path under a key named for GAM's: a story's dated folder, a
# path of GAM's form, a network code opening a path the script concatenates
PATH_KEYS = _HEAD + """<script>var page = {adUnitPath: "/2019/05/harbour-vote", title: "Vote"};
var ads = {adUnit: "/4088/harbour/news"}; var more = {ad_unit_path: '/7711/' + section};
</script>
</body></html>"""


def test_a_path_keys_network_code_is_read_from_a_path_of_google_form_only(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """The key reader took the digits after any `adUnitPath:`, a dated folder's year too."""
    assert _gpt(PATH_KEYS, catalogue, project_engine)[1] == {"4088", "7711"}


# a CMS module assigning the unit to the variable defineSlot takes
ASSIGNED = _HEAD + """<div id="ad-mid"></div>
<script>var unit = unit || "/2019/05/top";
googletag.cmd.push(function () {
  googletag.defineSlot(unit, [300, 250], "ad-mid").addService(googletag.pubads());
});</script>
</body></html>"""


def test_a_dated_folder_assigned_to_the_slots_variable_names_no_unit(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """slots' reader of an assigned path took a year-and-month folder the catalogue's
    readers refuse; the slot stays GPT's (its call is), with no unit path or code."""
    (page,) = audit(ASSIGNED.encode(), url="https://harbour.test/story", catalogue=catalogue,
                    engine=project_engine).pages
    assert [s.network for s in page.slots] == ["Google Publisher Tag"]
    assert not {i.value for i in page.ids if i.kind in ("gpt-slot", "gpt-network")}


def test_the_reading_is_linear_in_a_long_path() -> None:
    """A path of many codes and no letter, or a very long one: each lookahead reads its run
    once from each start, so a page of such values costs linear time."""
    def page(n: int) -> str:
        boxes = "".join(f'<div class="ad" data-slot="/4088/{"1/" * 40}{i}"></div>\n'
                        for i in range(n))
        calls = "".join(f'<script>ads.push("/4088/{"9" * 90}/{"8" * 90}/{i}");</script>\n'
                        for i in range(n))
        return _HEAD + boxes + calls + _MODULE
    assert_linear(lambda n: audit_seconds(page(n)), 400, "GAM paths of many codes")


def test_an_unknown_fragment_is_refused(tmp_path: object) -> None:
    from pathlib import Path

    from auditor.catalogue import load_catalogue
    from auditor.errors import RuleError
    path = Path(str(tmp_path)) / "networks.toml"
    path.write_text('[[network]]\nname = "X"\nhosts = ["x.example"]\n[[network.slot]]\n'
                    'selector = "div"\nzone_attr = "data-x"\n'
                    "zone_pattern = '''^(/(?&gam_paths))$'''\n", encoding="utf-8")
    with pytest.raises(RuleError, match="unknown fragment"):
        load_catalogue([path])
    assert "gam_path" in FRAGMENTS
