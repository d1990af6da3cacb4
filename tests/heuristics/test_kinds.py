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
