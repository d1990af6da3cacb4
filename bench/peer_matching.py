"""Run a public peer test set of filter/request pairs against this engine and adblock-rust.

The set: `data/matching-test-requests.json` in https://github.com/brave/adblock-rust
(Brave's matching tests; each entry is {"filters": [...], "url", "sourceUrl", "type"}
and every listed filter must match that request). It is not vendored here (it is
another project's data and we have no network at test time); fetch it yourself:

    curl -LO https://raw.githubusercontent.com/brave/adblock-rust/master/data/matching-test-requests.json
    python bench/peer_matching.py matching-test-requests.json

A filter "passes" when, loaded alone, it decides the request: a blocking filter
blocks it, and an exception `@@X` matches (checked as: `X` blocks it). The bar is
adblock-rust's own pass rate on the same pairs, printed alongside.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from auditor.model import RequestType
from auditor.rules import Engine

# webRequest resource types -> the CONTRACT's request types
TYPE_MAP = {
    "main_frame": "document",
    "sub_frame": "subdocument",
    "xhr": "xmlhttprequest",
    "fetch": "xmlhttprequest",
    "beacon": "ping",
    "csp_report": "other",
    "imageset": "image",
    "object_subrequest": "object",
    "speculative": "other",
    "web_manifest": "other",
    "xslt": "other",
    "xbl": "other",
}
CONTRACT_TYPES = {t.value for t in RequestType}


def our_type(t: str) -> str:
    t = TYPE_MAP.get(t, t)
    return t if t in CONTRACT_TYPES else "other"


def ours_matches(f: str, url: str, src: str, typ: str) -> bool:
    blocking = f[2:] if f.startswith("@@") else f
    return Engine.from_text(blocking + "\n").match(url, src, our_type(typ)).blocked


def rust_matches(adblock: Any, f: str, url: str, src: str, typ: str) -> bool:
    blocking = f[2:] if f.startswith("@@") else f
    fs = adblock.FilterSet()
    fs.add_filter_list(blocking + "\n")
    eng = adblock.Engine(filter_set=fs, optimize=False)
    return bool(eng.check_network_urls(url, src, typ).matched)


def main(path: Path) -> int:
    entries = json.loads(path.read_text())
    try:
        import adblock  # dev-only dependency, used here for the bar
    except ImportError:
        adblock = None  # type: ignore[assignment]
    total = ours = theirs = 0
    only_theirs: list[str] = []  # pairs adblock-rust passes and this engine does not
    only_ours = 0
    for e in entries:
        for f in e["filters"]:
            total += 1
            ok = ours_matches(f, e["url"], e["sourceUrl"], e["type"])
            ours += ok
            rust_ok = (
                ok
                if adblock is None
                else rust_matches(adblock, f, e["url"], e["sourceUrl"], e["type"])
            )
            theirs += rust_ok
            if rust_ok and not ok:
                only_theirs.append(f"{f}  <-  {e['type']} {e['url']} from {e['sourceUrl']}")
            only_ours += ok and not rust_ok
    print(f"cases: {len(entries)}, filter/request pairs: {total}")
    print(f"auditor.rules : {ours}/{total} = {ours / total:.4%}")
    if adblock is not None:
        print(f"adblock-rust  : {theirs}/{total} = {theirs / total:.4%}")
        print(
            f"passed by auditor.rules only: {only_ours}; by adblock-rust only: {len(only_theirs)}"
        )
        for line in only_theirs[:30]:
            print("  adblock-rust only:", line)
    return 0 if adblock is None or ours >= theirs else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
