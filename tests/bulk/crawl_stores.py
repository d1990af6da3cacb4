"""Stores written through the Store API from PageReports built here: the bulk reports'
inputs, with provenance and ID origins set by hand (what the per-page detector gives)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from auditor.bulk.shard import AUDITED, Outcome, page_row
from auditor.bulk.store import DONE, Store
from auditor.catalogue import default_catalogue
from auditor.identify import page_networks
from auditor.model import Evidence, Identifier, Origin, PageReport, Provenance


def ga(value: str, copied_from: str | None = None) -> Identifier:
    if copied_from is None:
        return Identifier("ga-measurement-id", value, "Google Analytics")
    return Identifier("ga-measurement-id", value, "Google Analytics", Origin.COPIED,
                      copied_from, "inside the copied article")


def adsense(value: str) -> Identifier:
    return Identifier("adsense-publisher", value, "Google AdSense")


def source(domain: str, url: str | None = None, *kinds: str) -> Provenance:
    return Provenance("www." + domain, domain, url,
                      tuple(Evidence(k, "Source link", 12, "/html/body/a") for k in
                            (kinds or ("source-link",))))


def report(url: str, site: str, ids: Sequence[Identifier] = (),
           provenance: Sequence[Provenance] = (), name: str | None = None) -> PageReport:
    """A page showing its networks only by `ids`, as the audit lists them (a copied ID's
    network is the source's)."""
    return PageReport(input=name or f"crawl.warc.gz#{url}", url=url,
                      kind="html", first_party=site, title=f"Title of {url}", ids=tuple(ids),
                      networks=page_networks({}, (), (), ids, default_catalogue()),
                      provenance=tuple(provenance))


def write_store(path: Path, reports: Iterable[PageReport]) -> Path:
    """A store holding `reports` as one finished run's audited pages."""
    store, cat = Store.writer(path), default_catalogue()
    try:
        run = store.begin_run(["bulk", "crawl.warc.gz"], ["crawl.warc.gz"], [])
        store.write(run, [("input-1", Outcome(f"{n}", AUDITED, "html", r.input, n, None,
                                              page_row(r, cat)))
                          for n, r in enumerate(reports)])
        store.end_run(run, DONE)
    finally:
        store.close()
    return path


# The seeds' pattern: five scrapers copy articles of two outlets, each outlet page
# carrying its own GA ID, and the copies carrying it too. s1 and s2 share an AdSense
# account; s3, s4 and s5 have their own; s4 and s5 also share a GA property of theirs.
OUTLETS = {"outlet-one.example": "G-OUTLET1AAA", "outlet-two.example": "G-OUTLET2BBB"}
SCRAPERS = {"s1.example": "ca-pub-1111111111111111", "s2.example": "ca-pub-1111111111111111",
            "s3.example": "ca-pub-3333333333333333", "s4.example": "ca-pub-4444444444444444",
            "s5.example": "ca-pub-5555555555555555"}
SCRAPER_GA = {"s4.example": "G-S45SHARED", "s5.example": "G-S45SHARED"}


def scraper_crawl() -> list[PageReport]:
    """Outlet pages and their copies, with the copies' GA IDs left all-operator (the
    bulk rule alone must find them copied)."""
    pages = []
    for outlet, ga_id in OUTLETS.items():
        for a in ("a1", "a2"):
            pages.append(report(f"https://www.{outlet}/news/{a}", outlet, [ga(ga_id)]))
    for site, pub in SCRAPERS.items():
        for outlet, ga_id in OUTLETS.items():
            ids = [adsense(pub), ga(ga_id)]
            if site in SCRAPER_GA:
                ids.append(ga(SCRAPER_GA[site]))
            pages.append(report(f"https://{site}/copy-of-{outlet}", site, ids,
                                [source(outlet, f"https://www.{outlet}/news/a1")]))
    return pages
