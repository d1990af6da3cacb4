"""Small hand-built pages for the gate's tests: exactly the resources a case needs, and
the networks the audit would list for them."""

from __future__ import annotations

from auditor.catalogue import default_catalogue
from auditor.identify import page_networks
from auditor.model import (
    Category,
    Finding,
    Identifier,
    Metrics,
    PageReport,
    RequestType,
    Resource,
    Severity,
    Slot,
)
from auditor.urls import registrable_domain


def res(host: str, line: int = 1, *, network: str | None = None,
        category: Category | None = Category.UNKNOWN, rule: str | None = None,
        third_party: bool = True, type: RequestType = RequestType.SCRIPT,
        path: str = "/x.js", via: str = "script[src]", self_hosted: bool = False
        ) -> Resource:
    return Resource(url=f"https://{host}{path}", type=type, host=host,
                    domain=registrable_domain(host), third_party=third_party, line=line,
                    xpath=f"/html/body/script[{line}]", via=via,
                    blocked=rule is not None, rule=rule, list="easylist" if rule else None,
                    network=network, category=category, self_hosted=self_hosted)


def slot(network: str | None, line: int = 1, *, zone: str | None = None,
         width: int | None = None, height: int | None = None, rule: str = "##.ad") -> Slot:
    return Slot(network=network, line=line, xpath=f"/html/body/ins[{line}]", rule=rule,
                list="easylist", zone_id=zone, width=width, height=height)


def finding(kind: str, severity: Severity, line: int = 1) -> Finding:
    return Finding(id=f"{kind}:0123456789abcdef", kind=kind, severity=severity,
                   message=f"{kind} seen", line=line, xpath="/html/body/div")


def page(*resources: Resource, slots: tuple[Slot, ...] = (),
         findings: tuple[Finding, ...] = (), metrics: Metrics | None = None,
         input: str = "site/blog/post.html", ids: tuple[Identifier, ...] = ()) -> PageReport:
    return PageReport(input=input, url="https://example.com/blog/post.html", kind="html",
                      first_party="example.com", title="Post", resources=resources,
                      slots=slots, findings=findings, ids=ids,
                      networks=page_networks({}, resources, slots, ids, default_catalogue()),
                      metrics=metrics or Metrics(ad_slots=len(slots)))
