"""How much of the web the public lists block does the catalogue name?

We are judged on pages we do not see, so the catalogue's reach is measured on requests
from real crawls, not only on our labelled corpus: the requests of Brave's adblock-rust
matching tests (../shared/peer) that EasyList or EasyPrivacy blocks (less those to the
site of a known source: a site's own `/ezoic/` path is the site's), and every
third-party request of the corpus pages (../shared/corpus). Each is attributed by the
reports' own lookup (`Catalogue.owners_of`): to a named network (the catalogue's, or an
entity's `network`), to an entity only (company and category), or to nothing. Shares are
given by request and by registrable domain (a domain counts as its best-attributed
request), with the unattributed domains that carry the most requests.

    python bench/catalogue_reach.py [--top 60] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from auditor.catalogue import Catalogue, Owner, default_catalogue
from auditor.model import RequestType
from auditor.rules import Engine
from auditor.rules.sources import discover
from auditor.urls import host_of, is_third_party, registrable_domain, site_of

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PEER = SHARED / "peer" / "adblock-rust-matching-test-requests.json"
CORPUS = SHARED / "corpus"
PUBLIC_LISTS = ("easylist", "easyprivacy")
KINDS = ("network", "entity", "none")  # best first

# webRequest resource types -> the engine's request types (as bench/peer_matching.py)
TYPE_MAP = {"main_frame": "document", "sub_frame": "subdocument", "xhr": "xmlhttprequest",
            "fetch": "xmlhttprequest", "beacon": "ping", "imageset": "image",
            "object_subrequest": "object"}
TYPES = {t.value for t in RequestType}


class ListsMissing(RuntimeError):
    """The system's EasyList/EasyPrivacy (webext-ublock-origin-*) are not installed."""


@dataclass(frozen=True, slots=True)
class Reach:
    """Shares of one request set the catalogue attributes, by request and by domain."""

    requests: dict[str, int]
    domains: dict[str, int]
    unattributed: list[tuple[str, int]]  # registrable domain, requests; most first

    def share(self, kind: str, by: str = "requests") -> float:
        counts = self.requests if by == "requests" else self.domains
        return counts[kind] / max(1, sum(counts.values()))

    @property
    def named(self) -> float:
        """Requests attributed at all (to a network or an entity)."""
        return 1.0 - self.share("none")


def kind_of(owner: Owner) -> str:
    """What the reports would say of a request: a network's name, a company, or nothing."""
    if owner.network is not None or (owner.entity is not None and owner.entity.network):
        return "network"
    return "entity" if owner.entity is not None else "none"


def reach(urls: Iterable[str], catalogue: Catalogue) -> Reach:
    pairs = [(url, host) for url in urls if (host := host_of(url))]
    kinds = [kind_of(o) for o in catalogue.owners_of(pairs)]
    requests: Counter[str] = Counter(kinds)
    best: dict[str, int] = {}
    missed: Counter[str] = Counter()
    for (_, host), kind in zip(pairs, kinds, strict=True):
        domain = registrable_domain(host)
        best[domain] = min(best.get(domain, 2), KINDS.index(kind))
        if kind == "none":
            missed[domain] += 1
    domains = Counter(KINDS[b] for b in best.values())
    return Reach({k: requests[k] for k in KINDS}, {k: domains[k] for k in KINDS},
                 missed.most_common())


def public_engine() -> Engine:
    """EasyList and EasyPrivacy alone: what the public lists block, not our own rules."""
    paths = [s.path for s in discover() if s.name in PUBLIC_LISTS and s.origin != "project"]
    if len(paths) < len(PUBLIC_LISTS):
        raise ListsMissing("apt-get install webext-ublock-origin-chromium")
    return Engine.from_files(paths)


def blocked_peer_urls(engine: Engine, path: Path = PEER) -> list[str]:
    """The peer set's third-party request URLs that EasyList or EasyPrivacy blocks (a
    request with no source host counts as third party)."""
    out = []
    for e in json.loads(path.read_text(encoding="utf-8")):
        typ = TYPE_MAP.get(e["type"], e["type"])
        source = e["sourceUrl"] if host_of(e["sourceUrl"]) else None
        if source is not None and not is_third_party(host_of(e["url"]), site_of(host_of(source))):
            continue
        if engine.match(e["url"], source, typ if typ in TYPES else "other").blocked:
            out.append(e["url"])
    return out


def corpus_third_party_urls(corpus: Path = CORPUS) -> list[str]:
    """Every third-party request (not a connection hint) the corpus pages make."""
    from auditor.pipeline import audit, default_engine

    engine, catalogue = default_engine(), default_catalogue()
    urls = json.loads((corpus / "urls.json").read_text(encoding="utf-8"))
    out = []
    for page in sorted((corpus / "pages").iterdir()):
        report = audit(page, url=urls.get(page.name), engine=engine, catalogue=catalogue)
        out += [r.url for p in report.pages for r in p.resources if r.third_party and not r.hint]
    return out


def print_reach(title: str, r: Reach, top: int) -> None:
    n, d = sum(r.requests.values()), sum(r.domains.values())
    print(f"{title}: {n} requests, {d} registrable domains")
    for by, total in (("requests", n), ("domains", d)):
        shares = "  ".join(f"{k} {r.share(k, by):.3f}" for k in KINDS)
        print(f"  by {by:<8} {shares}  (of {total})")
    print(f"  top unattributed ({len(r.unattributed)} domains):")
    for domain, count in r.unattributed[:top]:
        print(f"    {count:5d}  {domain}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not PEER.exists() or not (CORPUS / "urls.json").exists():
        print(f"catalogue_reach: no peer set or corpus under {SHARED}", file=sys.stderr)
        return 2
    catalogue = default_catalogue()
    sets = {"peer (EasyList/EasyPrivacy-blocked)": reach(blocked_peer_urls(public_engine()),
                                                         catalogue),
            "corpus (third-party)": reach(corpus_third_party_urls(), catalogue)}
    for title, r in sets.items():
        print_reach(title, r, args.top)
    if args.json:
        args.json.write_text(json.dumps({t: asdict(r) for t, r in sets.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
