"""An ID pattern's `seek`: a regex every match holds, sought before the pattern, so a
pattern too general to carry a literal reads only the scripts holding it (the GPT unit-path
readers' quoted `/<code>/`). A script without it is not read, even where the pattern alone
would match there, and even where another script of the page holds it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest

from auditor.catalogue import Catalogue, default_catalogue, load_catalogue
from auditor.dom.page import parse_page
from auditor.errors import RuleError
from auditor.identify import _stretch_matches, identifiers

_NETWORK = ('[[network]]\nname = "Widgets"\ncategory = "advertising"\n'
            'hosts = ["widgets.example"]\ninline = ["widgetTag\\\\.load"]\n'
            '[[network.id]]\nkind = "widget-unit"\nwhere = "script"\njoins_sites = false\n'
            "pattern = '''widgetTag\\.load\\(\\s*[\"'](?P<value>[\\w/]{{1,40}})[\"']'''\n"
            "{seek}")
# the quoted path whole, as GPT's readers' seeks are: with `stops`, no match reads past
# the end of its seek's (rules/README.md)
_SEEK = "seek = '''[\"']/\\d{3,10}/[\\w/]*[\"']'''\n"


def _catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seek: str) -> Catalogue:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "networks.toml"
    path.write_text(_NETWORK.format(seek=seek), encoding="utf-8")
    return load_catalogue([path])


def _ids(catalogue: Catalogue, *scripts: str) -> list[str]:
    body = "".join(f"<script>{s}</script>" for s in scripts)
    page = parse_page(f"<html><body><p>Story.</p>{body}</body></html>")
    return [i.value for i in identifiers(page, [], [], catalogue.networks, catalogue)]


def test_a_script_holding_the_seek_is_read(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = _catalogue(tmp_path, monkeypatch, _SEEK)
    assert catalogue.networks[0].ids[0].seek is not None
    assert _ids(catalogue, "widgetTag.load('/4242/site/top');") == ["/4242/site/top"]


def test_a_script_lacking_the_seek_is_not_read_though_the_pattern_matches_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = "widgetTag.load('sidebar');"
    assert _ids(_catalogue(tmp_path, monkeypatch, ""), script) == ["sidebar"]  # no seek
    assert _ids(_catalogue(tmp_path, monkeypatch, _SEEK), script) == []


def test_the_seek_is_asked_of_each_script_not_the_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = _catalogue(tmp_path, monkeypatch, _SEEK)
    ids = _ids(catalogue, "widgetTag.load('sidebar');", "var unit = '/4242/site/';",
               "widgetTag.load('/4242/site/top');")
    assert ids == ["/4242/site/top"]


def test_a_bad_seek_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RuleError, match="bad pattern"):
        _catalogue(tmp_path, monkeypatch, "seek = '''[\"'](/\\d{3,10}/'''\n")


_STOPS = _SEEK + 'stops = ";"\n'


def test_stops_read_each_statement_holding_the_seek_as_the_whole_script_reads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `stops`: no match holds a `;`, so the pattern runs over only the statements holding
    # the seek's match; two calls in one statement, a statement with the seek and no call
    # between, a last statement without its `;`
    script = ("var cfg = {thumb: '/1200/thumbs/a.jpg'}; widgetTag.load('/4242/site/top'), "
              "widgetTag.load('/4242/site/side'); var unit = '/4242/site/'; track('x');\n"
              "widgetTag.load('/4242/site/foot')")
    whole = _ids(_catalogue(tmp_path, monkeypatch, _SEEK), script)
    assert whole == ["/4242/site/top", "/4242/site/side", "/4242/site/foot"]
    catalogue = _catalogue(tmp_path, monkeypatch, _STOPS)
    assert catalogue.networks[0].ids[0].stops == ";"
    assert _ids(catalogue, script) == whole


@pytest.mark.parametrize("stops", ["stops = ';;'\n", "stops = ''\n", "stops = 1\n"])
def test_stops_are_one_character(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 stops: str) -> None:
    with pytest.raises(RuleError, match="stops must be one character"):
        _catalogue(tmp_path, monkeypatch, _SEEK + stops)


def test_stops_without_a_seek_are_refused(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RuleError, match="stops is read only with a seek"):
        _catalogue(tmp_path, monkeypatch, 'stops = ";"\n')


# `reach`: the widget's call opens 5 pieces before its quoted path at most (`widgetTag`,
# `.`, `load`, `(`, the spaces)
_REACH = _STOPS + "reach = 5\n"


def test_reach_reads_a_statement_from_where_a_match_may_open_as_the_whole_reads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a 60 KB config before the call in one statement, a call after the path, two paths
    # one config apart, and calls whose spaces run long (a run is one piece)
    config = "{" + ", ".join(f'"option_{n}": [{n}, "x"]' for n in range(3000)) + "}"
    script = (f"var site = {config}, a = widgetTag.load('/4242/site/top'), b = {config}, "
              f"c = widgetTag.load(      '/4242/site/side') || widgetTag.load("
              f"{' ' * 3000}'/4242/site/foot');")
    whole = _ids(_catalogue(tmp_path, monkeypatch, _STOPS), script)
    assert whole == ["/4242/site/top", "/4242/site/side", "/4242/site/foot"]
    catalogue = _catalogue(tmp_path, monkeypatch, _REACH)
    assert catalogue.networks[0].ids[0].reach == 5
    assert _ids(catalogue, script) == whole


class _Reading:
    """A pattern that keeps the places each search of it was asked to start at."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.starts = pattern, list[int]()

    def finditer(self, text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        self.starts.append(pos)
        return self.pattern.finditer(text, pos, endpos)


def test_reach_is_where_a_long_statement_is_read_from(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """GPT's wrapper readers read a statement holding a 70 KB config before its path from
    the statement's start (34 ms of a 58 ms audit): with `reach`, from a few thousand
    characters before the path."""
    config = "{" + ", ".join(f'"option_{n}": [{n}, "x"]' for n in range(3000)) + "}"
    script = f"siteAds.push({{config: {config}}}, '/21799830913/example.news/top', 'div-top');"
    for spec in [s for n in default_catalogue().networks for s in n.ids if s.reach]:
        assert spec.seek is not None and spec.stops is not None
        reading = _Reading(spec.pattern)
        found = list(_stretch_matches(cast(re.Pattern[str], reading), spec.seek, spec.stops,
                                      script, spec.reach))
        assert [m.span() for m in found] == [m.span() for m in spec.pattern.finditer(script)]
        assert reading.starts and script.index("'/2179") - min(reading.starts) < 4000
    assert len([s for n in default_catalogue().networks for s in n.ids if s.reach]) == 2


@pytest.mark.parametrize(("reach", "error"), [
    ("reach = 0\n", "reach must be a positive whole number"),
    ("reach = '5'\n", "reach must be a positive whole number"),
    ("reach = true\n", "reach must be a positive whole number"),
])
def test_reach_is_a_positive_whole_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          reach: str, error: str) -> None:
    with pytest.raises(RuleError, match=error):
        _catalogue(tmp_path, monkeypatch, _STOPS + reach)


def test_reach_without_stops_is_refused(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RuleError, match="reach is read only with stops"):
        _catalogue(tmp_path, monkeypatch, _SEEK + "reach = 5\n")
