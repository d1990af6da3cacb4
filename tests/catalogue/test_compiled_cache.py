"""A catalogue text loaded before compiles no pattern and translates no selector at load:
a one-page CLI process compiled ~900 patterns (~0.1 s) and translated every selector from
CSS (~50 ms) to read a few. What the loader checks (flags, group names, the XPaths) is
kept in the compiled-rules cache, keyed on the text; a pattern compiles on first use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor import catalogue
from auditor.catalogue import catalogue_files, load_catalogue
from auditor.errors import RuleError

_NETWORK = ('[[network]]\nname = "Widgets"\ncategory = "advertising"\n'
            'hosts = ["widgets.example"]\n'
            '[[network.id]]\nkind = "widget_zone"\nwhere = "url"\npattern = "{pattern}"\n'
            '[[network.slot]]\nselector = "div.widget-slot, ins.widget"\n')


def _spied(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """(the patterns `re.compile` was given, the selectors cssselect translated)."""
    compiled: list[str] = []
    translated: list[str] = []
    real_compile, real_translate = re.compile, catalogue._TRANSLATOR.css_to_xpath

    def compile_(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real_compile(pattern, flags)

    def translate(css: str, prefix: str = "descendant-or-self::") -> str:
        translated.append(css)
        return real_translate(css, prefix)

    monkeypatch.setattr(catalogue.re, "compile", compile_)
    monkeypatch.setattr(catalogue._TRANSLATOR, "css_to_xpath", translate)
    return compiled, translated


def _id_patterns(loaded: catalogue.Catalogue) -> list[re.Pattern[str]]:
    return [spec.pattern for n in loaded.networks for spec in n.ids]


def test_a_second_load_compiles_no_network_pattern_and_answers_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    load_catalogue(catalogue_files())
    compiled, translated = _spied(monkeypatch)
    second = load_catalogue(catalogue_files())
    patterns = _id_patterns(second)
    assert len(patterns) > 300  # the catalogue's ID patterns were read
    assert not {p.pattern for p in patterns} & set(compiled)
    assert translated == []
    monkeypatch.undo()
    for pattern in patterns:  # what the loader read without compiling is the compiled one's
        real = re.compile(pattern.pattern)
        assert (pattern.flags, pattern.groups, dict(pattern.groupindex)) == (
            real.flags, real.groups, dict(real.groupindex))
    sample = "https://widgets.example/ad.js?zone=12345&pub=ca-pub-1234567890123456"
    assert [bool(p.search(sample)) for p in patterns] == [
        bool(re.compile(p.pattern).search(sample)) for p in patterns]


def test_a_second_load_reads_no_pattern_for_its_literal_and_answers_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each pattern's `regex_literal` (its needle) is kept with its facts: a process loading
    the catalogue again reads none character by character (a fifth of the load)."""
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(catalogue, "_LITERALS", {})
    first = load_catalogue(catalogue_files())
    needles = [catalogue.pattern_needle(p) for p in _id_patterns(first)]
    asked: list[str] = []
    real = catalogue.regex_literal
    monkeypatch.setattr(catalogue, "_LITERALS", {})  # as a new process
    monkeypatch.setattr(catalogue, "regex_literal", lambda p: asked.append(p) or real(p))
    catalogue.pattern_needle.cache_clear()
    second = load_catalogue(catalogue_files())
    assert [catalogue.pattern_needle(p) for p in _id_patterns(second)] == needles
    assert any(needles) and asked == []


def test_an_edited_file_with_a_bad_pattern_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "networks.toml"
    path.write_text(_NETWORK.format(pattern=r"zone=(\\d+)"), encoding="utf-8")
    for _ in range(2):  # compiled, then read from the cache
        loaded = load_catalogue([path])
        (spec,) = loaded.networks[0].ids
        assert spec.pattern.search("x?zone=42")[1] == "42"  # type: ignore[index]
        assert [text for text, _ in loaded.networks[0].slots[0].branches] == [
            "div.widget-slot", "ins.widget"]
    path.write_text(_NETWORK.format(pattern=r"zone=(\\d+"), encoding="utf-8")
    with pytest.raises(RuleError, match="bad pattern"):
        load_catalogue([path])


def _compiled_key(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256(path.read_text(encoding="utf-8").encode()).hexdigest()
    return catalogue.compiled_key(digest)


def test_facts_kept_by_another_reader_are_not_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key names the source that computed the facts: an auditor whose catalogue
    reader changed (without a hand-bumped ENGINE_VERSION) compiles again, and never reads
    another reader's XPath for a selector."""
    from auditor.rules import cache

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "networks.toml"
    path.write_text(_NETWORK.format(pattern=r"zone=(\\d+)"), encoding="utf-8")
    monkeypatch.setattr(catalogue, "_reader_digest", lambda: "another reader")
    stale = ({}, {("div.widget-slot, ins.widget", "descendant-or-self::"): "//stale"}, {})
    assert cache.store(_compiled_key(path), stale) is not None
    monkeypatch.undo()
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    loaded = load_catalogue([path])
    assert "widget-slot" in loaded.networks[0].slots[0].xpath.path
    assert "stale" not in loaded.networks[0].slots[0].xpath.path


@pytest.mark.parametrize("payload", [
    ([(r"zone=(\d+)", 32, 1, {})], {}, {}, {}),  # the facts as a list, not a mapping
    ({}, {("div.widget-slot, ins.widget", "descendant-or-self::"): 7}, {}, {}),  # no str
    ({r"zone=(\d+)": ("x", "y", "z")}, {}, {}, {}),  # facts of no pattern
    ({}, {}, {"div.widget-slot, ins.widget": "yes"}, {}),  # a combinator's answer no bool
    ({}, [("a", "b")], {}, {}),
    ({}, {}, {}, {r"zone=(\d+)": 7}),  # a literal no str
    ({}, {}, {}),  # the layout before literals were kept
])
def test_a_kept_entry_of_another_layout_is_compiled_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, payload: object) -> None:
    """An entry under the file's key whose checksum holds but whose layout is not the one
    this auditor keeps (another version's, a damaged one) loads as no cache: before, the
    load raised AttributeError, ValueError or a misleading RuleError on the user's file."""
    from auditor.rules import cache

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "networks.toml"
    path.write_text(_NETWORK.format(pattern=r"zone=(\\d+)"), encoding="utf-8")
    assert cache.store(_compiled_key(path), payload) is not None
    loaded = load_catalogue([path])
    (spec,) = loaded.networks[0].ids
    assert spec.pattern.search("x?zone=42")[1] == "42"  # type: ignore[index]
    assert [text for text, _ in loaded.networks[0].slots[0].branches] == [
        "div.widget-slot", "ins.widget"]
    assert "widget-slot" in loaded.networks[0].slots[0].xpath.path


def test_another_cssselect_translates_the_selectors_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept XPaths are cssselect's translation of each selector: after an upgrade of
    cssselect (whose translation may change, as it did between releases) a file loaded
    before must be translated again, not read with the old version's XPaths."""
    import cssselect

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "networks.toml"
    path.write_text(_NETWORK.format(pattern=r"zone=(\\d+)"), encoding="utf-8")
    load_catalogue([path])
    real = catalogue._TRANSLATOR.css_to_xpath
    monkeypatch.setattr(cssselect, "__version__", "99.0", raising=False)
    monkeypatch.setattr(catalogue._TRANSLATOR, "css_to_xpath",
                        lambda css, prefix="descendant-or-self::": real(css, prefix)
                        + "[not(@data-upgraded)]")
    loaded = load_catalogue([path])
    assert loaded.networks[0].slots[0].xpath.path.endswith("[not(@data-upgraded)]")


def test_the_key_names_the_literal_reader_whose_answers_it_keeps(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each pattern's `regex_literal` is kept in the cache, so the module that reads it
    (auditor.rules.literal) is part of the reader: an edited literal reader with the same
    catalogue.py would otherwise seed every process with the old reader's needles."""
    import auditor.rules.literal

    catalogue._reader_digest.cache_clear()
    before = catalogue._reader_digest()
    edited = tmp_path / "literal.py"
    edited.write_bytes(Path(auditor.rules.literal.__file__).read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(auditor.rules.literal, "__file__", str(edited))
    catalogue._reader_digest.cache_clear()
    try:
        assert catalogue._reader_digest() not in ("", before)
    finally:
        monkeypatch.undo()
        catalogue._reader_digest.cache_clear()
