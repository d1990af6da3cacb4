"""An ID pattern's `each`: the pattern's value is a list a call is handed, and each match
of `each`'s group 1 in it an ID (Baidu CLB's `BAIDU_CLB_preloadSlots("…","…")`). A list
item whose group 1 is empty or took no part is no ID."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.catalogue import Catalogue, load_catalogue
from auditor.dom.page import parse_page
from auditor.identify import identifiers

_NETWORK = ('[[network]]\nname = "Widgets"\ncategory = "advertising"\n'
            'hosts = ["widgets.example"]\n'
            '[[network.id]]\nkind = "widget-unit"\nwhere = "script"\n'
            "pattern = '''widgetTag\\.preload\\((.{{0,200}}?)\\)'''\n"
            "each = '''{each}'''\n")


def _catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, each: str) -> Catalogue:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "networks.toml"
    path.write_text(_NETWORK.format(each=each), encoding="utf-8")
    return load_catalogue([path])


def _ids(catalogue: Catalogue, script: str) -> list[str]:
    page = parse_page(f"<html><body><p>Story.</p><script>{script}</script></body></html>")
    return sorted(i.value for i in identifiers(page, [], [], catalogue.networks, catalogue))


def test_each_item_of_the_list_is_an_id(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = _catalogue(tmp_path, monkeypatch, "['\"](\\d{4,9})['\"]")
    assert _ids(catalogue, "widgetTag.preload('421718', \"421717\", slot, '12');") == [
        "421717", "421718"]


@pytest.mark.parametrize("each", ["['\"](\\d*)['\"]", "['\"](\\d{4,9})?['\"]"])
def test_an_empty_or_absent_group_is_no_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           each: str) -> None:
    catalogue = _catalogue(tmp_path, monkeypatch, each)
    assert _ids(catalogue, "widgetTag.preload('', '421718', 'ab');") == ["421718"]
