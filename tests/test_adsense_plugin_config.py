"""AdSense units Google's own WordPress plugin (Google Publisher Plugin) places at run time
from its inline config, `dynamicgoogletags.config=["ca-pub-…", [[placements]], [[…,
[spare slots], …]], "WordPress<page type>", …]`: the units' slot codes are the site's
AdSense slots, though the page holds no unit box. Pages written here after that form."""

from __future__ import annotations

import pytest

from auditor.catalogue import Catalogue
from auditor.pipeline import audit
from auditor.rules import Engine
from tests.hostile.scaling import assert_linear, audit_seconds

_CONFIG = ('window.dynamicgoogletags={config:[]};dynamicgoogletags.config=["ca-pub-'
           '7301946628135570",[[[["ARTICLE",0,null,[],2],["10px","10px",0],0,[0],"3918204756",0],'
           '[["DIV",null,null,["entry-meta"]],["10px","12px",1],1,[2],"8120459937",0,null,null,6'
           ']]],[[[],[[["BODY",0,null,[]],["10px","10px",1],2,[5],null,0,null,null,2]],'
           '["5502918364","1174630298"],["ARTICLE",null,null,[]],"20170214_040801",2]],'
           '"WordPressSinglePost","6029384716",null,0.01,null,[null,1494908587000],0.01,1,null,'
           'null,"https://harbour.example"];(function(){var h=this;})();')


def _page(script: str) -> str:
    return ('<html><head><meta data-pso-pv="1.2.1" data-pso-pt="singlePost"><script async '
            'src="//pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>'
            f'<script data-pso-version="20170403_083938">{script}</script></head><body>'
            "<article><h1>Ferry vote</h1><p>The council voted.</p></article></body></html>")


def _ids(html: str, project_engine: Engine, catalogue: Catalogue) -> set[tuple[str, str]]:
    (page,) = audit(html.encode(), url="https://harbour.example/ferry/",
                    engine=project_engine, catalogue=catalogue).pages
    return {(i.kind, i.value) for i in page.ids}


def test_the_plugins_placed_and_spare_slots_are_the_sites_adsense_slots(
        project_engine: Engine, catalogue: Catalogue) -> None:
    """Its placements' slots and its spare slots are read; the ten-digit field after the
    page type is not (nothing documents it as a unit)."""
    ids = _ids(_page(_CONFIG), project_engine, catalogue)
    assert {v for k, v in ids if k == "adsense-slot"} == {
        "3918204756", "8120459937", "5502918364", "1174630298"}
    assert ("adsense-publisher", "ca-pub-7301946628135570") in ids


@pytest.mark.parametrize("script", [
    # the same array under another name; ten-digit strings of a site's own config
    _CONFIG.replace("dynamicgoogletags.config=", "siteTags.config="),
    'var cfg = {client: "ca-pub-7301946628135570", ids: ["3918204756", "8120459937"]};',
])
def test_ten_digit_codes_outside_the_plugins_config_are_no_slots(
        script: str, project_engine: Engine, catalogue: Catalogue) -> None:
    ids = _ids(_page(script), project_engine, catalogue)
    assert {v for k, v in ids if k == "adsense-slot"} == set()


def test_the_config_is_read_in_linear_time() -> None:
    # configs that never reach their page type, over and over in one script
    unit = 'dynamicgoogletags.config=["ca-pub-7301946628135570",["3918204756",'
    assert_linear(lambda n: audit_seconds(_page(unit * (n // len(unit)))), 1_250_000,
                  "AdSense plugin config", runs=2, floor=0.05)
