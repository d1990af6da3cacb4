"""Finding kinds are declared once, beside their heuristic, and everything reads that registry."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from auditor.heuristics import FINDING_KINDS, HEURISTICS, MODULES, finding_kind
from auditor.heuristics.interface import FindingKind
from auditor.model import PageReport, Severity

AuditHtml = Callable[..., PageReport]


@pytest.mark.parametrize("module", MODULES, ids=[m.__name__ for m in MODULES])
def test_a_module_registers_every_kind_it_declares(module: object) -> None:
    declared = {v for v in vars(module).values() if isinstance(v, FindingKind)}
    assert declared == set(module.KINDS)  # type: ignore[attr-defined]


def test_kinds_are_unique_and_documented() -> None:
    names = [k.name for m in MODULES for k in m.KINDS]
    assert len(names) == len(set(names)) == len(FINDING_KINDS)
    assert len(HEURISTICS) == sum(len(m.HEURISTICS) for m in MODULES)
    for kind in FINDING_KINDS.values():
        assert kind.name == kind.name.lower() and " " not in kind.name
        assert kind.summary and kind.help.endswith(".") and kind.default in kind.severities


def test_a_default_outside_the_range_is_refused() -> None:
    with pytest.raises(ValueError, match="default"):
        FindingKind("x", (Severity.LOW,), Severity.HIGH, "x", "x.")


@pytest.mark.parametrize(("name", "error"), [
    ("hiden-iframe", "did you mean 'hidden-iframe'?"),
    ("qqq", "one of: ad-in-body, "),
])
def test_an_unknown_kind_says_what_was_meant(name: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        finding_kind(name)


LOADER = "https://a.magsrv.com/ad-provider.js"  # ExoClick's catalogue `loaders`
OTHER = "https://a.magsrv.com/banner.js"  # an ExoClick script that is not a loader


@pytest.mark.parametrize(("scripts", "in_post_body", "expected"), [
    ([LOADER, LOADER], False, {("duplicate-loader", Severity.LOW)}),
    ([LOADER, LOADER], True, {("duplicate-loader", Severity.MEDIUM)}),
    ([OTHER, OTHER], False, set()),  # the network lists loaders, and this is none of them
    ([LOADER], False, set()),
])
def test_duplicate_loader_reads_the_catalogues_loaders(
    audit_html: AuditHtml, scripts: list[str], in_post_body: bool,
    expected: set[tuple[str, Severity]],
) -> None:
    html = "".join(f'<p>unit</p><script src="{s}"></script>' for s in scripts)
    report = audit_html(html, in_post_body=in_post_body)
    found = {(f.kind, f.severity) for f in report.findings if f.kind == "duplicate-loader"}
    assert found == expected


ADSENSE = "pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"
# A Blogger theme's head tag for page-level ads, written scheme-relative, then two AdSense
# widgets each pasting the unit's published snippet with its `https://` loader.
BLOGGER_ADSENSE = f"""<html><head><title>Lyrics</title>
<script async='async' src='//{ADSENSE}'></script>
<script>(adsbygoogle = window.adsbygoogle || []).push({{
  google_ad_client: "ca-pub-0000000000000001", enable_page_level_ads: true}});</script>
</head><body><div class='widget AdSense' id='AdSense2'>
<script async src="https://{ADSENSE}"></script>
<ins class="adsbygoogle" style="display:inline-block;width:300px;height:250px"
 data-ad-client="ca-pub-0000000000000001" data-ad-slot="1111111111"></ins>
<script>(adsbygoogle = window.adsbygoogle || []).push({{}});</script></div>
<article><p>{"Verse and chorus of the song, line by line. " * 20}</p></article>
<div class='widget AdSense' id='AdSense1'>
<script async src="https://{ADSENSE}"></script>
<ins class="adsbygoogle" style="display:block" data-ad-format="auto"
 data-ad-client="ca-pub-0000000000000001" data-ad-slot="2222222222"></ins>
<script>(adsbygoogle = window.adsbygoogle || []).push({{}});</script></div>
</body></html>"""


@pytest.mark.parametrize("url", ["http://lyrics.example/2011/07/song.html",
                                 "https://lyrics.example/2011/07/song.html"])
def test_a_loader_is_one_loader_whatever_scheme_each_copy_names(
        audit_html: AuditHtml, url: str) -> None:
    """A reviewer counts every include of the file: the scheme-relative head copy on a
    plain-http page resolves to `http://`, the widgets' to `https://`, and the finding said
    "2 times" of a loader the page includes 3 times, pointing at the second copy."""
    report = audit_html(BLOGGER_ADSENSE, url=url)
    found = [f for f in report.findings if f.kind == "duplicate-loader"]
    assert [(f.severity, f.line, f.message.split(": ")[0].split("://")[1]) for f in found] == [
        (Severity.LOW, 2, f"{ADSENSE} is included 3 times (2 redundant copies)")]


def test_copies_pasted_with_either_scheme_into_a_post_are_one_loader(
        audit_html: AuditHtml) -> None:
    unit = '<p>unit</p><script src="{}://a.magsrv.com/ad-provider.js"></script>'
    report = audit_html(unit.format("http") + unit.format("https"), in_post_body=True)
    assert [(f.kind, f.severity) for f in report.findings if f.kind == "duplicate-loader"] == [
        ("duplicate-loader", Severity.MEDIUM)]
