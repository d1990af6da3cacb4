"""What the element-hiding pass would cost if the page's features and carriers were free.

    python bench/cosmetic_floor.py

For each bench page: the parse (`auditor.dom.parser.parse_html_bytes`, as the pipeline
parses), the whole pass, and the pass with `PageFeatures` and `PageFeatures.carriers`
handed in precomputed -- the Python the pass runs whatever collects the keys. Added to
that remainder, libxml2's own walk over every attribute (`count(//*/@*)`) stands for a
compiled walker that would collect them in one pass over the tree: it estimates how far
such a walker could take the pass. CPU time, minimum of 15 interleaved rounds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

ROUNDS = 15


def floor_costs(eng: Any, html: bytes, host: str) -> tuple[float, float, float, float]:
    """(parse, pass, pass with features and carriers handed in, attribute walk), in µs."""
    from lxml import etree

    from auditor.dom.parser import parse_html_bytes
    from auditor.rules.cosmetic import features as cosmetic
    from auditor.rules.cosmetic import matcher as matching
    from auditor.rules.domains import host_keys

    matcher, keys = eng._cos, host_keys(host)
    root = parse_html_bytes(html)
    views = cosmetic.TreeViews(root, html)
    features = cosmetic.PageFeatures(views, matcher._tag_query)
    real_features, real_carriers = cosmetic.PageFeatures, cosmetic.PageFeatures.carriers
    found: dict[frozenset[str], dict[str, list[Any]]] = {}

    def known_carriers(self: Any, wanted: Any, tags: Any = None) -> dict[str, list[Any]]:
        k = frozenset(wanted)
        if k not in found:
            found[k] = real_carriers(self, wanted, tags)
        return found[k]

    count_attributes = etree.XPath("count(//*/@*)")
    parse, whole, rest, walk = [], [], [], []
    clock = time.process_time
    for _ in range(ROUNDS):
        t = clock()
        parse_html_bytes(html)
        parse.append(clock() - t)
        t = clock()
        matcher.hits(views, keys, eng._names)
        whole.append(clock() - t)
        matching.PageFeatures = lambda *a, **kw: features  # type: ignore[assignment,misc]
        real_features.carriers = known_carriers  # type: ignore[method-assign,assignment]
        try:
            t = clock()
            matcher.hits(views, keys, eng._names)
            rest.append(clock() - t)
        finally:
            matching.PageFeatures = real_features  # type: ignore[misc]
            real_features.carriers = real_carriers  # type: ignore[method-assign]
        t = clock()
        count_attributes(root)
        walk.append(clock() - t)
    return min(parse) * 1e6, min(whole) * 1e6, min(rest) * 1e6, min(walk) * 1e6


def main() -> int:
    from bench_rules import realistic_pages, synthetic_page

    from auditor.rules import Engine

    eng = Engine.load()
    pages = [("synthetic_page(0)", synthetic_page(0), "www.dailynewsroom.com")]
    pages += [(name, html, "www.example.org") for name, html in realistic_pages()]
    print(
        f"{'page':22s} {'KB':>4s} {'parse':>7s} {'pass':>7s} {'ratio':>6s}  "
        f"{'python rest':>11s} {'+walk':>6s} {'-> ratio':>8s}"
    )
    for name, html, host in pages:
        p, w, r, a = floor_costs(eng, html, host)
        print(
            f"{name[:22]:22s} {len(html) / 1024:4.0f} {p:7.0f} {w:7.0f} {w / p:6.2f}  "
            f"{r:11.0f} {a:6.0f} {(r + a) / p:8.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
