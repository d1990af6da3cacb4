"""SARIF 2.1.0 for code-scanning UIs: one result per violation (or per finding, ungated).

A SARIF log is one JSON document whose rules table precedes the results, so pages are
reduced to their results as they stream and the log is written at the end; the pages
themselves are not kept. Baselined violations stay in the log with an external
suppression, so a code-scanning UI shows them as accepted rather than fixed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO
from urllib.parse import quote

from auditor.heuristics import FINDING_KINDS
from auditor.model import ListInfo, Origin, PageReport, Severity, Violation
from auditor.report.figures import Unreadable, unreadable_verdict
from auditor.report.interface import OPEN_VIOLATION, RunSummary
from auditor.report.location import embedded, page_name, repo_path
from auditor.report.safe import inert

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "auditorFingerprint/v1"
# A finding reported without a policy fails nothing: its level is its severity's. A
# violation fails the build (`OPEN_VIOLATION`): GitHub's code-scanning check fails on
# errors by default, and must fail when the job does.
LEVEL = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "note"}

# Help for each policy clause: what it checks and how to clear it.
CLAUSE_HELP: dict[str, tuple[str, str]] = {
    "deny_hosts": ("A third-party host the policy denies",
                   "The page loads a resource from a host listed (or under a domain listed) in "
                   "deny_hosts. Remove the tag that loads it, or move the host to allow_hosts."),
    "deny_networks": ("An ad or tracking network the policy denies",
                      "The page loads, or holds a slot of, a network listed in deny_networks. "
                      "Remove its tag, or list the network in allow_networks if it is approved."),
    "deny_categories": ("A third party of a denied category",
                        "The page loads a third party (or holds an ad slot) whose category is in "
                        "deny_categories. Approve it with allow_hosts or allow_networks, or "
                        "remove it."),
    "max_ad_slots": ("More ad slots than the page may hold",
                     "The page has more ad placements than max_ad_slots allows."),
    "max_third_party_hosts": ("More third-party hosts than the page may use",
                              "The page requests resources from more third-party hosts (not "
                              "counting allowed ones) than max_third_party_hosts allows."),
    "max_ad_area_px": ("More declared ad area than the page may hold",
                       "The sum of the declared sizes of the page's ad slots is more than "
                       "max_ad_area_px."),
    "min_content_to_ad_ratio": ("Too little content for the ads on the page",
                                "Editorial text characters divided by ad markup bytes is below "
                                "min_content_to_ad_ratio."),
    "unreadable": ("A page the audit could not read",
                   "The page could not be audited: it is not text (a binary or empty file), "
                   "its archive record is damaged, or it is over a page limit (elements, "
                   "attributes, URLs, nesting). What could not be audited cannot be said to "
                   "pass, so the gate fails closed; the message gives the reason. Fix or "
                   "remove the file, raise the limit it names (--max-elements, "
                   "--max-attributes, --max-urls), or set allow_unreadable = true in the "
                   "policy (or accept this page in the baseline) when such files are "
                   "harmless in your site."),
    "max_mfa_indicators": ("More made-for-advertising indicators than the page may meet",
                           "The page meets more of the MFA scorecard's indicators (ad-to-"
                           "content, ad density, auto-refresh, slideshows, native widgets, "
                           "paid-traffic hints, templated text, syndication, authorship, "
                           "autoplay; docs/MFA.md) than max_mfa_indicators allows."),
}


def sarif_text(text: str | None) -> str:
    """Plain SARIF message text: inert, and `[`/`]` escaped so nothing reads as a link.

    >>> sarif_text("see [here](1)")
    'see \\\\[here\\\\](1)'
    """
    return re.sub(r"([\\\[\]])", r"\\\1", inert(text, limit=2000))


def artifact_uri(input_name: str) -> str:
    """A relative URI reference (percent-encoded) for a page file, repo-relative if possible."""
    path = repo_path(input_name)
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(path, safe="/")


def finding_items(page: PageReport) -> list[Violation]:
    """Ungated runs report findings: each as a violation-shaped item keyed by its id."""
    return [Violation(clause="finding", message=f"{f.kind} ({f.severity.value}): {f.message}",
                      fingerprint=f.id, line=f.line, xpath=f.xpath, rule=f"heuristic: {f.kind}",
                      severity=f.severity, evidence=f.evidence, finding=f.kind)
            for f in page.findings]


def _rule(rule_id: str, finding: bool) -> dict[str, Any]:
    level = "error"
    if finding:
        kind = FINDING_KINDS.get(rule_id)
        short = kind.summary if kind else f"Finding: {rule_id}"
        full = kind.help if kind else f"The auditor's heuristics raised a {rule_id} finding."
        full += (" It fails the gate when its kind is in fail_on_findings or its severity "
                 "reaches fail_on_severity.")
        level = LEVEL[kind.default] if kind else "warning"
    else:
        short, full = CLAUSE_HELP.get(rule_id, (f"Policy clause {rule_id}",
                                                f"The page breaks the policy clause {rule_id}."))
    help_text = full + " See docs/CI.md for the policy keys and the baseline."
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in re.split(r"[-_\s]+", rule_id)),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["ads", "trackers", "finding" if finding else "policy"]},
    }


@dataclass(frozen=True, slots=True)
class _Result:
    item: Violation
    uri: str
    url: str | None
    record: str | None = None  # the page inside `uri` whose markup `item.line` counts


def mfa_property(page: PageReport, uri: str) -> dict[str, Any]:
    """A page's MFA scorecard as a run property: a count of indicators is not a defect
    in the page's code, so it is never a result (a policy's max_mfa_indicators makes
    the violation that is)."""
    card = page.mfa
    assert card is not None
    return {"uri": uri, "met": card.met, "judged": card.judged,
            "summary": inert(card.summary, limit=2000),
            "indicators": [{"criterion": i.criterion, "value": inert(i.value, limit=300),
                            "met": i.met, "basis": i.basis.value}
                           for i in card.indicators]}


class SarifReporter:
    """Collects results as pages stream; writes the SARIF log when the run finishes."""

    def __init__(self, out: TextIO, version: str, *, gated: bool = False) -> None:
        self.out = out
        self.version = version
        self.gated = gated
        self.results: list[_Result] = []
        self.fingerprints: set[tuple[str, str]] = set()  # the results' input and fingerprint
        self.notifications: list[dict[str, Any]] = []
        self.provenance: list[dict[str, Any]] = []  # facts about pages, not results
        self.mfa: list[dict[str, Any]] = []  # per page: the scorecard, as run properties

    def start(self, lists: Sequence[ListInfo]) -> None:
        self.lists = [{"name": li.name, "rules": li.rules, "sha256": li.sha256} for li in lists]

    def handle(self, page: PageReport, violations: Sequence[Violation] = ()) -> None:
        uri = artifact_uri(page.input)
        items = list(violations) if self.gated else finding_items(page)
        record = page_name(page.input) if embedded(page.input, page.kind) else None
        for v in items:
            # a site file read two ways (a `.html` page a page also runs as a script, a
            # script in the charset its page gives it) is two reports of one path: a
            # violation both readings find is one alert, not two of one fingerprint
            key = (page.input, v.fingerprint)  # a finding's id is one on its page only
            if key not in self.fingerprints:
                self.fingerprints.add(key)
                self.results.append(_Result(v, uri, page.url, record))
        if page.provenance:
            self.provenance.append(_provenance(page, uri))
        if page.mfa is not None:
            self.mfa.append(mfa_property(page, uri))
        let_by = unreadable_verdict(page, violations) if self.gated else None
        why = let_by.says if let_by is not None and let_by is not Unreadable.FAILING else None
        for error in page.errors:
            # the tool could not analyse the file: an error, unless the gate let it by
            # (allow_unreadable, the baseline), which a run that passed must not show red
            self.notifications.append({
                "level": "warning" if why else "error",
                "message": {"text": sarif_text(f"unreadable, {why}: {error}" if why else error)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
            })

    def finished(self, summary: RunSummary) -> None:
        self.out.write(json.dumps(self.log(summary), ensure_ascii=False, indent=2) + "\n")

    def log(self, summary: RunSummary) -> dict[str, Any]:
        kinds = {r.item.rule_id: r.item.finding is not None for r in self.results}
        rule_ids = sorted(kinds)
        index = {rid: i for i, rid in enumerate(rule_ids)}
        invocation: dict[str, Any] = {"executionSuccessful": True}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        run: dict[str, Any] = {
            "tool": {"driver": {
                "name": "auditor",
                "version": self.version,
                "semanticVersion": self.version,
                "rules": [_rule(rid, kinds[rid]) for rid in rule_ids],
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": [self._result(r, index[r.item.rule_id]) for r in self.results],
            "properties": {"pages": summary.pages, "gated": summary.gated,
                           "passed": summary.passed, "lists": getattr(self, "lists", []),
                           **({"mfa": self.mfa} if self.mfa else {})},
        }
        if self.provenance:
            run["properties"]["provenance"] = self.provenance
        return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}

    def _result(self, r: _Result, rule_index: int) -> dict[str, Any]:
        v = r.item
        # Code scanning needs a startLine on every result. A page-level result (line 0)
        # is about the file as a whole: line 1. So is one in markup embedded in the file
        # (a JSON post, a WARC record), whose line is not a line of the file: the record
        # and its markup's line go in the properties instead.
        line = v.line if v.line > 0 and r.record is None else 1
        location: dict[str, Any] = {"artifactLocation": {"uri": r.uri},
                                    "region": {"startLine": line}}
        loc: dict[str, Any] = {"physicalLocation": location}
        if v.xpath:
            loc["logicalLocations"] = [{"fullyQualifiedName": v.xpath, "kind": "element"}]
        result: dict[str, Any] = {
            "ruleId": v.rule_id,
            "ruleIndex": rule_index,
            "level": OPEN_VIOLATION if self.gated else LEVEL[v.severity],
            "message": {"text": sarif_text(v.message + (f" (rule: {v.rule})" if v.rule else ""))},
            "locations": [loc],
            "partialFingerprints": {FINGERPRINT_KEY: v.fingerprint},
        }
        if v.baselined:
            result["suppressions"] = [{"kind": "external", "status": "accepted",
                                       "justification": "accepted in the auditor baseline"}]
        props: dict[str, Any] = {"clause": v.clause}
        if v.finding:  # the finding's own severity, whatever level the policy gives it
            props["severity"] = v.severity.value
        for key, value in (("page", v.path), ("url", r.url), ("rule", v.rule),
                           ("list", v.list), ("evidence", v.evidence), ("record", r.record)):
            if value:
                props[key] = inert(value, limit=2000)
        if r.record is not None and v.line > 0:
            props["recordLine"] = v.line  # the line in the record's markup
        result["properties"] = props
        return result


def _provenance(page: PageReport, uri: str) -> dict[str, Any]:
    """A page's sources and copied IDs for the run's property bag: what a page copies
    is a fact about it, not a problem in it, so it is no result a scanner would alert on."""
    def clean(value: str | None) -> str | None:
        return inert(value, limit=2000) if value is not None else None

    return {
        "page": uri,
        "url": clean(page.url),
        "sources": [{"url": clean(p.url), "host": clean(p.host), "domain": clean(p.domain),
                     "evidence": [{"kind": e.kind, "text": clean(e.text), "line": e.line,
                                   "xpath": clean(e.xpath)} for e in p.evidence]}
                    for p in page.provenance],
        "copiedIds": [{"kind": clean(i.kind), "value": clean(i.value),
                       "copiedFrom": clean(i.copied_from), "why": clean(i.why)}
                      for i in page.ids if i.origin is Origin.COPIED],
    }
