"""The catalogue's TOML is parsed once per text: each CLI process parsed ~1 MB of it
(~60 ms); the parsed form is kept in the compiled-rules cache, keyed on the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import catalogue
from auditor.catalogue import catalogue_files, load_catalogue

_ONE = 'name = "Widgets"\ncategory = "advertising"\nhosts = ["widgets.example"]\n'


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = catalogue.tomllib.loads

    def counted(text: str) -> dict[str, object]:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(catalogue.tomllib, "loads", counted)
    return parsed


def test_a_second_load_parses_no_toml_and_reads_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    parsed = _parses(monkeypatch)
    first = load_catalogue(catalogue_files())
    assert len(parsed) == len(catalogue_files())
    second = load_catalogue(catalogue_files())
    assert len(parsed) == len(catalogue_files())  # no file parsed again
    assert [n.name for n in second.networks] == [n.name for n in first.networks]
    assert repr(second.networks) == repr(first.networks)  # (XPaths compare by identity)
    assert second.list_info == first.list_info


def test_an_edited_file_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    parsed = _parses(monkeypatch)
    path = tmp_path / "networks.toml"
    path.write_text(f"[[network]]\n{_ONE}", encoding="utf-8")
    assert [n.hosts for n in load_catalogue([path]).networks] == [("widgets.example",)]
    path.write_text(f"[[network]]\n{_ONE.replace('widgets.example', 'gadgets.example')}",
                    encoding="utf-8")
    assert [n.hosts for n in load_catalogue([path]).networks] == [("gadgets.example",)]
    assert len(parsed) == 2
