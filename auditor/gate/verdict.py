"""The verdict: a pure function from one page and its rules to the clauses it breaks.

How a resource is judged, most specific first (so `allow_networks = ["Google AdSense"]`
can except one network from `deny_categories = ["advertising"]`):

1. host: the longest matching `allow_hosts`/`deny_hosts` pattern decides (a tie denies);
   `deny_hosts` judges the hosts the page counts as its own too;
2. network: `allow_networks` excepts it, `deny_networks` fails it;
3. category: `allow_categories` excepts it, `deny_categories` fails it.

An excepted host "never fails the gate": it does not count toward
`max_third_party_hosts` either. Each host breaks at most one clause per page, judged by
every network it serves; a slot is judged by its network and category unless a resource
of its network was judged already. A host the page only navigates to is judged by the
host rules, once. A copy of a vendor's code a host serves (`self_hosted`) is judged with
the host, by its name and its category, which can fail the host but never except it.
Every other network the page carries (a self-hosted loader, a redirect, or one shown
only by its IDs, inline code, a bid config, an AMP component or an affiliate link: the
report's `networks`) is judged by name and category too, once, so a denied network
cannot pass for want of a third-party request; a copied ID (the republished source's) is
not the page's. Findings count only through `fail_on_findings` and `fail_on_severity`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from auditor import words
from auditor.catalogue import CATALOGUE_LIST
from auditor.gate.interface import PageRules
from auditor.model import (
    Category,
    Origin,
    PageReport,
    RequestType,
    Resource,
    Seen,
    Severity,
    Slot,
    Violation,
    report_networks,
)
from auditor.urls import host_matches

FINGERPRINT_VERSION = "auditor.gate/1"


def fingerprint(path: str, clause: str, evidence: str) -> str:
    """The baseline key: page, clause and evidence, never the line, so it survives edits.

    >>> fingerprint("blog/a.html", "deny_hosts", "a.magsrv.com") == fingerprint(
    ...     "./blog/a.html", "deny_hosts", "a.magsrv.com")
    True
    """
    key = "\x1f".join((FINGERPRINT_VERSION, normalise_path(path), clause, evidence))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def normalise_path(path: str) -> str:
    return path.replace("\\", "/").removeprefix("./").lstrip("/")


@dataclass(frozen=True, slots=True)
class _Decision:
    """What the policy says of one resource or slot: excepted, failed (by a clause), or neither."""

    allowed: bool = False
    clause: str | None = None
    reason: str = ""


NEUTRAL = _Decision()


def judge_host(host: str, rules: PageRules) -> _Decision:
    best: tuple[int, bool, str] | None = None  # (pattern length, is deny, pattern)
    for pattern, deny in [(p, False) for p in rules.allow_hosts] + [(p, True) for p in
                                                                      rules.deny_hosts]:
        if host_matches(host, pattern):
            candidate = (len(pattern), deny, pattern)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return NEUTRAL
    if best[1]:
        return _Decision(clause="deny_hosts", reason=f"host {host} matches deny_hosts {best[2]!r}")
    return _Decision(allowed=True)


def judge_network(network: str | None, category: Category | None, rules: PageRules) -> _Decision:
    if network is not None and network in rules.allow_networks:
        return _Decision(allowed=True)
    named = _judge_name(network, rules)
    if named.clause is not None:
        return named
    cat = (category or Category.UNKNOWN).value
    if cat in rules.allow_categories:
        return _Decision(allowed=True)
    if cat in rules.deny_categories:
        who = f" ({network})" if network else ""
        return _Decision(clause="deny_categories", reason=f"category {cat}{who} is denied")
    return NEUTRAL


def is_first_party(res: Resource, first_party: Sequence[str]) -> bool:
    """Same site as the page (the pipeline's view), or a host the policy calls first party."""
    return not res.third_party or any(host_matches(res.host, p) for p in first_party)


def _rule_of(rule: str | None, list_: str | None,
             network: str | None) -> tuple[str | None, str | None]:
    """The rule that identified a resource or slot; the catalogue when no filter rule did."""
    if rule:
        return rule, list_
    if network:
        return f"catalogue: {network}", CATALOGUE_LIST
    return None, None


def evaluate_page(page: PageReport, path: str, rules: PageRules,
                  first_party: Sequence[str] = ()) -> list[Violation]:
    """Every clause the page breaks, in page order within each kind of check.

    `path` is the page as the policy sees it (relative to the site root): it goes into
    fingerprints and messages. `first_party` adds hosts (the base URL's) to the policy's.
    """
    fp_hosts = (*rules.first_party, *first_party)
    out: list[Violation] = []
    if page.errors and not rules.allow_unreadable:
        # what could not be audited cannot be said to pass: fail closed
        for error in page.errors:
            out.append(_violation(path, "unreadable", error,
                                  f"the page could not be audited: {error}", 0, "", None, None))
    hosts: dict[str, list[Resource]] = {}
    own: dict[str, Resource] = {}  # first-party hosts, the first request of each
    hinted: dict[str, Resource] = {}  # third-party hosts preconnected to, the first hint
    for res in page.resources:
        if res.type is RequestType.DOCUMENT or not res.host:
            continue
        if is_first_party(res, fp_hosts):
            own.setdefault(res.host, res)
        elif res.connects:
            hinted.setdefault(res.host, res)
        elif not res.hint:
            hosts.setdefault(res.host, []).append(res)
    out.extend(_own_host_violations(own, path, rules))
    out.extend(_hint_violations(hinted, hosts, path, rules))

    counted: list[str] = []  # third-party hosts that are not excepted, in page order
    judged_networks: set[str] = set()
    excepted: set[int] = set()  # the copies (by id) excepted with their host
    for host, items in hosts.items():
        # the networks it serves are judged with it, once: an excepted host excepts their
        # slots and IDs too (a slot of an allowed loader is allowed), a failed one fails
        # once. The copies of vendors' code it serves are judged with it too
        # (`_host_networks`), but an excepted host excepts only them: their vendor, named
        # by nothing but a file's name, is still judged wherever else it shows
        judged_networks.update(r.network for r in items
                               if r.network and not r.hint and not r.self_hosted)
        copies = [r for r in items if r.self_hosted and r.network]
        decision, first = judge_host(host, rules), items[0]
        if decision is NEUTRAL:
            decision, first = _host_networks(items, rules)
        if decision.allowed:
            excepted.update(id(r) for r in copies)
            continue
        judged_networks.update(r.network for r in copies if r.network)
        counted.append(host)
        if decision.clause is None:
            continue
        named = None if first.self_hosted else first.network
        rule, list_ = _rule_of(first.rule, first.list, named)
        label = ", ".join(x for x in (named, (first.category or Category.UNKNOWN).value) if x)
        many = f"; {len(items)} resources" if len(items) > 1 else ""
        message = f"third-party host {host} ({label}): {decision.reason}{many}, first {first.url}"
        out.append(_violation(path, decision.clause, host, message,
                              first.line, first.xpath, rule, list_))

    out.extend(_visit_violations(page, path, rules, fp_hosts, hosts, judged_networks))
    out.extend(_slot_violations(page.slots, path, rules, judged_networks))
    judged_networks.update(s.network for s in page.slots if s.network)
    out.extend(_shown_violations(page, path, rules, fp_hosts, judged_networks, excepted))
    out.extend(_limit_violations(page, path, rules, counted, hosts))
    out.extend(_finding_violations(page, path, rules))
    return out


def _own_host_violations(own: dict[str, Resource], path: str, rules: PageRules
                         ) -> list[Violation]:
    """A host the page counts as its own that `deny_hosts` names still fails: a denied
    host is no site's own, and a page that declares its URL (a canonical, an `og:url`, a
    `<base>`, read when no base URL is given) could otherwise make a vendor first party."""
    out: list[Violation] = []
    for host, first in own.items() if rules.deny_hosts else ():
        decision = judge_host(host, rules)
        if decision.clause is None:
            continue
        rule, list_ = _rule_of(first.rule, first.list, first.network)
        message = (f"host {host}, which the page counts as its own: {decision.reason}, "
                   f"first {first.url}")
        out.append(_violation(path, decision.clause, host, message, first.line, first.xpath,
                              rule, list_))
    return out


def _hint_violations(hinted: dict[str, Resource], hosts: dict[str, list[Resource]],
                     path: str, rules: PageRules) -> list[Violation]:
    """A host the page only preconnects to: no request, so it counts toward no limit and
    shows no network (as the report's hosts and networks do), but the browser opens a
    connection to it, so `deny_hosts` still fails it (a `dns-prefetch` asks a resolver,
    not the host: it fails nothing)."""
    out: list[Violation] = []
    for host, first in hinted.items() if rules.deny_hosts else ():
        decision = judge_host(host, rules)
        if host in hosts or decision.clause is None:
            continue  # a host the page loads from is judged as such
        message = (f"the page preconnects to {host} (a connection, no request): "
                   f"{decision.reason}, at {first.url}")
        out.append(_violation(path, decision.clause, host, message, first.line, first.xpath,
                              *_rule_of(first.rule, first.list, None)))
    return out


def _visit_violations(page: PageReport, path: str, rules: PageRules, fp_hosts: Sequence[str],
                      hosts: dict[str, list[Resource]], judged_networks: set[str]
                      ) -> list[Violation]:
    """Third-party hosts the page only navigates to (a redirect, a refresh): no host the
    page loads from, so counted by no limit, but `allow_hosts`/`deny_hosts` judge them,
    once a host, and their networks with them; a host they leave to the networks is
    judged as the networks the page carries (`_shown_violations`)."""
    visits: dict[str, list[Resource]] = {}
    for res in page.resources:
        if res.type is RequestType.DOCUMENT and res.host and res.host not in hosts \
                and not is_first_party(res, fp_hosts):
            visits.setdefault(res.host, []).append(res)
    out: list[Violation] = []
    for host, items in visits.items():
        decision = judge_host(host, rules)
        if decision is NEUTRAL:
            continue
        judged_networks.update(r.network for r in items if r.network)
        if decision.clause is not None:
            first = items[0]
            rule, list_ = _rule_of(first.rule, first.list, first.network)
            out.append(_violation(path, decision.clause, host,
                                  f"the page navigates to {host}: {decision.reason}, "
                                  f"first {first.url}", first.line, first.xpath, rule, list_))
    return out


def _host_networks(items: Sequence[Resource], rules: PageRules) -> tuple[_Decision, Resource]:
    """A host's verdict by what it serves: each network (and category) on it is judged, at
    its first resource. A denied one fails the host (the first, in page order); the host
    is excepted only when all it serves is; else it is neither (counted, not failed).

    A copy of a vendor's code (`self_hosted`) is named by its file, which the page's
    author chose: its name and its category may each fail the host, neither excuses it,
    so the host it is on is never excepted by what it serves."""
    kinds: dict[tuple[str | None, Category | None], Resource] = {}
    copies: list[tuple[_Decision, Resource]] = []
    for r in items:  # each kind at its first resource
        if r.self_hosted:
            copies.append((_judge_copy(r.network, r.category, rules), r))
        else:
            kinds.setdefault((r.network, r.category), r)
    judged = [(judge_network(network, category, rules), first)
              for (network, category), first in kinds.items()]
    failed = [(decision, first) for decision, first in (*judged, *copies)
              if decision.clause is not None]
    if failed:
        return min(failed, key=lambda pair: pair[1].line)
    if not copies and all(decision.allowed for decision, _ in judged):
        return judged[0]
    return NEUTRAL, items[0]


def _judge_name(network: str | None, rules: PageRules) -> _Decision:
    """A network judged by its name alone, which can fail it but not except it."""
    if network is not None and network in rules.deny_networks:
        return _Decision(clause="deny_networks", reason=f"network {network} is denied")
    return NEUTRAL


def _judge_copy(network: str | None, category: Category | None,
                rules: PageRules) -> _Decision:
    """A copy of a vendor's code (`self_hosted`), named by a file the page's author
    chose: its name, then its category alone, may fail it; neither excepts it."""
    for decision in (_judge_name(network, rules), judge_network(None, category, rules)):
        if decision.clause is not None:
            return decision
    return NEUTRAL


def _slot_violations(slots: Iterable[Slot], path: str, rules: PageRules,
                     judged_networks: set[str]) -> list[Violation]:
    out: list[Violation] = []
    seen: set[tuple[str, str]] = set()
    for slot in slots:
        if slot.network and slot.network in judged_networks:
            continue  # its loader was judged as a resource: one verdict per network
        decision = judge_network(slot.network, slot.category, rules)
        if decision.clause is None:
            continue
        evidence = f"slot:{slot.network or '-'}:{slot.kind}:{slot.zone_id or ''}"
        if (decision.clause, evidence) in seen:
            continue
        seen.add((decision.clause, evidence))
        rule, list_ = _rule_of(slot.rule, slot.list, slot.network)
        zone = f" zone {slot.zone_id}" if slot.zone_id else ""
        what = "ad slot" if slot.kind == "ad" else f"{slot.kind} block"
        message = f"{what} of {slot.network or 'an unattributed network'}{zone}: {decision.reason}"
        out.append(_violation(path, decision.clause, evidence, message,
                              slot.line, slot.xpath, rule, list_))
    return out


def _shown_violations(page: PageReport, path: str, rules: PageRules, fp_hosts: Sequence[str],
                      judged_networks: set[str], excepted: set[int]) -> list[Violation]:
    """The networks the page carries that no host's verdict or slot judged, each once, by
    name and category: a vendor's loader served from the site itself, a redirect to it
    (a host no host rule decides), or one shown only by its IDs, inline code, a bid
    config, an AMP component or an affiliate link. It is cited at its first request,
    else at line 0 (the report keeps no place for the others). Evidence is its first
    operator ID (`id:<network>:<kind>:<value>`, as for a network shown by its IDs alone
    before), else `network:<name>`, whatever way it shows.

    A copy (`self_hosted`) is judged as its host judges one: its name can fail it, not
    except it. A network shown only by copies an excepted host serves (`excepted`) is
    left with them; its inline code, if it has no ID, cannot be told from them."""
    out: list[Violation] = []
    for network, category in _carried(page):
        if network in judged_networks:
            continue
        judged_networks.add(network)
        requests = [r for r in page.resources if r.network == network and not r.hint]
        at = next((r for r in requests if id(r) not in excepted), None)
        ident = next((i for i in page.ids if i.network == network
                      and i.origin is Origin.OPERATOR), None)
        if at is None and ident is None and requests:
            continue  # shown by the excepted copies alone
        if at is not None and at.self_hosted:
            decision = _judge_copy(network, category, rules)
        else:
            decision = judge_network(network, category, rules)
        if decision.clause is None:
            continue
        evidence = (f"id:{network}:{ident.kind}:{ident.value}" if ident is not None
                    else f"network:{network}")
        if at is not None:
            how = ("the page navigates to it" if at.type is RequestType.DOCUMENT
                   else "served from the site itself"
                   if not at.third_party or is_first_party(at, fp_hosts)
                   else "requested")
            rule, list_ = _rule_of(at.rule, at.list, network)
            out.append(_violation(path, decision.clause, evidence,
                                  f"{network} ({how}: {at.url}): {decision.reason}",
                                  at.line, at.xpath, rule, list_))
            continue
        entry = next((n for n in page.networks if n.network == network), None)
        shown = entry.seen if entry is not None else Seen.ID
        what = (f"ID {ident.kind} {ident.value} of {network}" if ident is not None
                and shown is Seen.ID else f"{network} ({shown.phrase})")
        if entry is not None and entry.commented_out:
            what += " in a commented-out tag"
        rule, list_ = _rule_of(None, None, network)
        out.append(_violation(path, decision.clause, evidence,
                              f"{what}, on the page with no request or slot of it: "
                              f"{decision.reason}", 0, "", rule, list_))
    return out


def _carried(page: PageReport) -> list[tuple[str, Category | None]]:
    """The networks the page carries (its report's `networks`), and any its requests,
    slots or operator IDs name that the list lacks (a report built without one)."""
    out: dict[str, Category | None] = {n.network: n.category for n in page.networks}
    for network, category in report_networks(page.resources, page.slots, page.ids).items():
        out.setdefault(network, category)
    return list(out.items())


def _limit_violations(page: PageReport, path: str, rules: PageRules, counted: Sequence[str],
                      hosts: dict[str, list[Resource]]) -> list[Violation]:
    """Per-page limits; one violation each, located at the first thing over the limit.

    Their evidence is the clause alone: a baselined limit stays accepted while the count
    moves (new networks and hosts are caught by their own clauses).
    """
    out: list[Violation] = []
    m = page.metrics
    limit = rules.max_ad_slots
    if limit is not None and m.ad_slots > limit:
        slot = page.slots[limit] if limit < len(page.slots) else None
        rule, list_ = (_rule_of(slot.rule, slot.list, slot.network) if slot else (None, None))
        out.append(_violation(
            path, "max_ad_slots", "",
            f"{words.counted(m.ad_slots, 'ad slot')}, more than max_ad_slots = {limit}",
            slot.line if slot else 0, slot.xpath if slot else "", rule, list_))
    limit = rules.max_third_party_hosts
    if limit is not None and len(counted) > limit:
        over = counted[limit:]
        first = hosts[over[0]][0]
        rule, list_ = _rule_of(first.rule, first.list,
                               None if first.self_hosted else first.network)
        shown = ", ".join(over[:5]) + (f" and {len(over) - 5} more" if len(over) > 5 else "")
        out.append(_violation(
            path, "max_third_party_hosts", "",
            f"{words.counted(len(counted), 'third-party host')}, more than "
            f"max_third_party_hosts = {limit} (over the limit: {shown})",
            first.line, first.xpath, rule, list_))
    limit = rules.max_ad_area_px
    if limit is not None and m.ad_area_px > limit:
        slot = next((s for s in page.slots if s.area), None)
        out.append(_violation(
            path, "max_ad_area_px", "",
            f"ad area {m.ad_area_px:,} px² is more than max_ad_area_px = {limit:,}",
            slot.line if slot else 0, slot.xpath if slot else "",
            *(_rule_of(slot.rule, slot.list, slot.network) if slot else (None, None))))
    ratio = rules.min_content_to_ad_ratio
    if ratio is not None and m.content_to_ad_ratio is not None and m.content_to_ad_ratio < ratio:
        # Located at the first ad: a slot, else the first advertising resource. No filter
        # rule decided a ratio, so none is cited: the metric is (as `heuristic: kind` is
        # for findings), never the rule of whichever resource came first.
        where: Slot | Resource | None = page.slots[0] if page.slots else next(
            (r for r in page.resources if r.category is Category.ADVERTISING), None)
        out.append(_violation(
            path, "min_content_to_ad_ratio", "",
            f"content-to-ad ratio {m.content_to_ad_ratio:.2f} ({m.content_chars:,} chars of "
            f"content, {m.ad_markup_bytes:,} bytes of ad markup) is below "
            f"min_content_to_ad_ratio = {ratio:g}",
            where.line if where else 0, where.xpath if where else "",
            "metric: content_to_ad_ratio", None))
    limit = rules.max_mfa_indicators
    # A page the scorecard notes has no ads is not gated: its count says nothing of ads
    if (limit is not None and page.mfa is not None and page.mfa.has_ads
            and page.mfa.met > limit):
        met = [i for i in page.mfa.indicators if i.met]
        shown = "; ".join(f"{i.criterion} {i.value}" for i in met)
        out.append(_violation(
            path, "max_mfa_indicators", "",
            f"meets {words.counted(page.mfa.met, 'MFA indicator')}, more than "
            f"max_mfa_indicators = {limit} "
            f"({shown})", 0, "", "metric: mfa", None))
    return out


def _finding_violations(page: PageReport, path: str, rules: PageRules) -> list[Violation]:
    out: list[Violation] = []
    threshold = rules.fail_on_severity
    for f in page.findings:
        if f.kind in rules.fail_on_findings:
            clause = "fail_on_findings"
        elif threshold is not None and f.severity.rank >= threshold.rank:
            clause = "fail_on_severity"
        else:
            continue
        out.append(Violation(
            clause=clause, message=f"{f.kind} ({f.severity.value}): {f.message}",
            fingerprint=fingerprint(path, clause, f.id), line=f.line, xpath=f.xpath,
            rule=f"heuristic: {f.kind}", severity=f.severity, path=normalise_path(path),
            evidence=f.id, finding=f.kind))
    return out


def _violation(path: str, clause: str, evidence: str, message: str, line: int, xpath: str,
               rule: str | None, list_: str | None, severity: Severity = Severity.HIGH
               ) -> Violation:
    return Violation(clause=clause, message=message,
                     fingerprint=fingerprint(path, clause, evidence), line=line, xpath=xpath,
                     rule=rule, severity=severity, path=normalise_path(path), evidence=evidence,
                     list=list_)
