"""Side-by-side benchmark: auditor.rules vs adblock-rust vs stock adblockparser.

    python bench/bench_rules.py [--n 5000] [--parser-sample 40] [--lists A.txt B.txt]

Every engine runs in its own subprocess so peak RSS is its own (ru_maxrss of the
worker). Lists default to Debian's EasyList + EasyPrivacy. Requests come from
bench/urlset.py (realistic page requests, see its docstring). adblockparser is far
too slow for the whole set: it matches a sample and its per-URL time is the
sample's median. Agreement is the share of requests on which an engine's block
decision equals adblock-rust's. A last worker loads both auditor.rules and
adblock-rust and times them in five alternating rounds: on a shared machine that
per-URL ratio drifts far less than one taken across subprocesses run minutes apart.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

DEFAULT_LISTS = [
    "/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/easylist.txt",
    "/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/easyprivacy.txt",
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _time_each(fn: Any, reqs: list[tuple[str, str, str]]) -> tuple[float, list[bool]]:
    times: list[float] = []
    out: list[bool] = []
    pc = time.perf_counter
    for url, src, typ in reqs:
        t0 = pc()
        r = fn(url, src, typ)
        times.append(pc() - t0)
        out.append(bool(r))
    return statistics.median(times) * 1e6, out


def worker(engine: str, lists: list[str], n: int, sample: int, cache: str) -> dict[str, Any]:
    from urlset import generate

    reqs = generate(n)
    res: dict[str, Any] = {"engine": engine}
    if engine in ("auditor-cold", "auditor-warm"):
        os.environ["AUDITOR_CACHE_DIR"] = cache
        t0 = time.perf_counter()
        from auditor.rules import Engine

        eng = Engine.from_files(lists)
        res["load_s"] = time.perf_counter() - t0
        for u, s, t in reqs[:200]:  # warm the per-host caches and lazy regexes a little
            eng.match(u, s, t)
        res["median_us"], res["blocked"] = _time_each(
            lambda u, s, t: eng.match(u, s, t).blocked, reqs
        )
        # the engine's peak: loading and matching, before the cosmetic measurements
        # audit hundreds of pages through the whole pipeline in this process
        res["rss_mb"] = _rss_mb()
        res["cosmetic"] = cosmetic_cost(eng)
    elif engine == "paired":
        # both engines in one process, timed in alternating rounds over the same
        # requests: the per-URL ratio without the drift between subprocesses
        import adblock

        os.environ["AUDITOR_CACHE_DIR"] = cache
        from auditor.rules import Engine

        eng = Engine.from_files(lists)
        fs = adblock.FilterSet()
        for p in lists:
            fs.add_filter_list(Path(p).read_text())
        rust = adblock.Engine(filter_set=fs, optimize=True)
        for u, s, t in reqs[:200]:
            eng.match(u, s, t)
            rust.check_network_urls(u, s, t)
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(5):
            ours.append(_time_each(lambda u, s, t: eng.match(u, s, t).blocked, reqs)[0])
            theirs.append(
                _time_each(lambda u, s, t: rust.check_network_urls(u, s, t).matched, reqs)[0]
            )
        res["auditor_us"] = ours
        res["rust_us"] = theirs
        res["blocked"] = []
    elif engine == "adblock-rust":
        import adblock

        t0 = time.perf_counter()
        fs = adblock.FilterSet()
        for p in lists:
            fs.add_filter_list(Path(p).read_text())
        eng = adblock.Engine(filter_set=fs, optimize=True)
        res["load_s"] = time.perf_counter() - t0
        ser = Path(cache) / "adblock-rust.dat"
        eng.serialize_to_file(str(ser))
        t0 = time.perf_counter()
        eng2 = adblock.Engine(adblock.FilterSet())
        eng2.deserialize_from_file(str(ser))
        res["warm_s"] = time.perf_counter() - t0
        res["median_us"], res["blocked"] = _time_each(
            lambda u, s, t: eng.check_network_urls(u, s, t).matched, reqs
        )
    elif engine == "adblockparser":
        from adblockparser import AdblockRules

        t0 = time.perf_counter()
        lines: list[str] = []
        for p in lists:
            lines.extend(Path(p).read_text().splitlines())
        rules = AdblockRules(
            lines,
            supported_options=[
                "script",
                "image",
                "stylesheet",
                "object",
                "xmlhttprequest",
                "subdocument",
                "third-party",
                "domain",
            ],
            skip_unsupported_rules=False,
        )
        res["load_s"] = time.perf_counter() - t0
        step = max(1, len(reqs) // sample)
        picked = reqs[::step][:sample]
        res["sample"] = [reqs.index(r) for r in picked]

        def decide(url: str, src: str, typ: str) -> bool:
            from urllib.parse import urlsplit

            from auditor.urls import is_third_party

            host = urlsplit(url).hostname or ""
            src_host = urlsplit(src).hostname or ""
            opts = {
                t: t == typ
                for t in (
                    "script",
                    "image",
                    "stylesheet",
                    "object",
                    "xmlhttprequest",
                    "subdocument",
                )
            }
            opts["third-party"] = is_third_party(host, src_host)
            opts["domain"] = src_host
            return bool(rules.should_block(url, opts))

        res["median_us"], res["blocked"] = _time_each(decide, picked)
    res.setdefault("rss_mb", _rss_mb())
    return res


def synthetic_page(i: int) -> bytes:
    """A ~100 KB article page: many ordinary ids/classes, a few ad slots, 60 resources."""
    import random

    from urlset import generate

    rnd = random.Random(i)
    reqs = generate(60, seed=i)
    parts = ["<!doctype html><html><head><title>Article</title>"]
    for url, _, typ in reqs:
        if typ == "script":
            parts.append(f'<script src="{url}"></script>')
        elif typ == "stylesheet":
            parts.append(f'<link rel="stylesheet" href="{url}">')
    parts.append('</head><body><div id="page" class="site-wrapper">')
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod".split()
    classes = [
        "row",
        "col-md-8",
        "entry-content",
        "post",
        "widget",
        "menu-item",
        "card",
        "btn btn-primary",
        "nav-link",
        "footer-col",
        "sidebar",
        "thumb",
        "meta",
    ]
    ads = [
        '<ins class="adsbygoogle" data-ad-client="ca-pub-1"></ins>',
        '<div id="div-gpt-ad-123-0"></div>',
        '<div class="ad-container">ad</div>',
        '<a href="https://ad.doubleclick.net/clk;1"><img src="x.gif"></a>',
    ]
    for j in range(400):
        cls = rnd.choice(classes)
        text = " ".join(rnd.choice(words) for _ in range(30))
        parts.append(
            f'<div class="{cls}" id="b{i}-{j}"><p>{text}</p><a href="/p/{j}">more</a></div>'
        )
        if j % 80 == 0:
            parts.append(ads[(j // 80) % len(ads)])
    for url, _, typ in reqs:
        if typ == "image":
            parts.append(f'<img src="{url}" width="300" height="250">')
    parts.append("</div><!-- end --></body></html>")
    return "".join(parts).encode()


# Real HTML documents (Debian ships these; absent ones are skipped) and the repo's
# example pages, with the ad markup real pages carry put between their paragraphs.
DOC_PAGES = [
    "/usr/share/doc/python3/python-policy.html",
    "/usr/share/doc/libjs-underscore/index.html",
    "/usr/share/doc/zlib1g-dev/examples/zlib_how.html",
    "/usr/share/doc/libxslt1-dev/html/APIchunk7.html",
]
EXAMPLE_PAGES = ["examples/news-article.html", "examples/site/injected/blog/market-day.html"]
AD_MARKUP = [
    '<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-1234567890123456"'
    ' data-ad-slot="1234567890" data-ad-format="auto"></ins>',
    '<div id="div-gpt-ad-1700000000000-0" style="min-width:300px;min-height:250px"></div>',
    '<div class="OUTBRAIN" data-src="https://example.org/a" data-widget-id="AR_1"></div>',
    '<div id="taboola-below-article-thumbnails"></div>',
    '<a href="https://ad.doubleclick.net/ddm/clk/1;2;3" rel="sponsored"><img src="/b.jpg"></a>',
    '<iframe src="https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-1"'
    ' width="728" height="90" scrolling="no"></iframe>',
    '<div class="sponsored-post"><span class="label">Sponsored</span></div>',
    '<aside class="widget widget_text"><div class="textwidget"><a href="https://www.amazon.com'
    '/dp/B0000?tag=blog-20">A book</a></div></aside>',
]


def realistic_pages() -> list[tuple[str, bytes]]:
    """(name, html): real documents with ad markup inserted after every 8th paragraph."""
    import re

    out: list[tuple[str, bytes]] = []
    for path in [*DOC_PAGES, *(str(HERE.parent / p) for p in EXAMPLE_PAGES)]:
        try:
            text = Path(path).read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        parts = re.split(r"(</p>)", text, flags=re.I)
        for k in range(1, len(parts), 2):
            n = (k + 1) // 2
            if n % 8 == 0:
                parts[k] += AD_MARKUP[(n // 8) % len(AD_MARKUP)]
        text = "".join(parts)
        out.append((Path(path).name, text.encode()))
    return out


def _page_costs(eng: Any, html: bytes, host: str, runs: int) -> tuple[float, float, int]:
    """(median parse ms, median cosmetic ms after the first run, hits) for one page.

    Each run parses a fresh copy; the previous tree is freed before the clock starts, so
    neither figure carries the cost of tearing a tree down. The cosmetic pass gets the
    markup, as the pipeline gives it."""
    import gc

    import lxml.html

    from auditor.rules import TreeViews

    parser = lxml.html.HTMLParser(remove_comments=False)
    parse_t: list[float] = []
    cos_t: list[float] = []
    hits = 0
    gc.collect()
    for _ in range(runs):
        t0 = time.perf_counter()
        root = lxml.html.fromstring(html, parser=parser)
        t1 = time.perf_counter()
        found = eng.cosmetic(TreeViews(root, html), host)
        t2 = time.perf_counter()
        hits = len(found)
        parse_t.append(t1 - t0)
        cos_t.append(t2 - t1)
        del root, found
    return statistics.median(parse_t) * 1e3, statistics.median(cos_t[1:]) * 1e3, hits


def cosmetic_cost(eng: Any) -> dict[str, Any]:
    """Median ms to parse a page vs to run the cosmetic pass on it (see `_page_costs`)."""
    parse_t: list[float] = []
    cos_t: list[float] = []
    hits = 0
    for i in range(20):
        p_ms, c_ms, n = _page_costs(eng, synthetic_page(i), "www.dailynewsroom.com", 6)
        parse_t.append(p_ms)
        cos_t.append(c_ms)
        hits += n
    real = []
    for name, html in realistic_pages():
        p_ms, c_ms, n = _page_costs(eng, html, "www.example.org", 21)
        real.append(
            {"page": name, "kb": len(html) / 1024, "parse_ms": p_ms, "cosmetic_ms": c_ms, "hits": n}
        )
    return {
        "page_kb": len(synthetic_page(0)) / 1024,
        "parse_ms": statistics.median(parse_t),
        "cosmetic_ms": statistics.median(cos_t),
        "hits_per_page": hits / 20,
        "real": real,
        "corpus": corpus_ratios(eng, 600),
        "pipeline": pipeline_ratios(eng, 600),
    }


def corpus_ratios(eng: Any, n: int) -> dict[str, Any]:
    """Cosmetic ÷ parse time over `n` real HTML documents on this machine (the bulk
    bench's corpus: /usr/share/doc and Python's docs), by page size."""
    from bench_bulk import find_pages

    rows: list[tuple[int, float, float]] = []
    for path in find_pages(n, 7):
        html = path.read_bytes()
        p_ms, c_ms, _ = _page_costs(eng, html, "docs.example.org", 5)
        rows.append((len(html), c_ms / p_ms, 0.0))
    return {"pages": len(rows), **_by_size(rows)}


def _by_size(rows: list[tuple[int, float, float]]) -> dict[str, Any]:
    """(page bytes, cosmetic ÷ parse, share of the audit) rows -> per size bucket: pages,
    median ratio, share of pages under 1x, median share."""
    out: dict[str, Any] = {}
    for name, lo, hi in [
        ("all", 0, 1 << 40),
        ("<10KB", 0, 10240),
        ("10-50KB", 10240, 51200),
        (">=50KB", 51200, 1 << 40),
    ]:
        rs = [(r, share) for size, r, share in rows if lo <= size < hi]
        if rs:
            out[name] = {
                "n": len(rs),
                "median": statistics.median(r for r, _ in rs),
                "under_1": sum(r < 1 for r, _ in rs) / len(rs),
                "share": statistics.median(share for _, share in rs),
            }
    return out


def pipeline_ratios(eng: Any, n: int) -> dict[str, Any]:
    """Cosmetic ÷ parse as `auditor.pipeline` runs them, each page audited once in turn
    (the rest of the audit runs in between, so neither step finds the CPU's caches or
    the allocator as a repeated page leaves them), and the pass's share of the audit.
    Pages: the corpus of `corpus_ratios`, then the synthetic and ad-laden ones."""
    from bench_bulk import find_pages

    import auditor.pipeline as pipeline
    from auditor.catalogue import default_catalogue
    from auditor.readers import Document

    took: dict[str, float] = {}
    parse = pipeline.parse_page

    def timed_parse(text: str, *args: Any) -> Any:
        t0 = time.perf_counter()
        page = parse(text, *args)  # the tree; its other views are built when asked
        took["parse"] = time.perf_counter() - t0
        return page

    class Timed:
        """The engine, with its cosmetic pass timed."""

        def __getattr__(self, name: str) -> Any:
            return getattr(eng, name)

        def cosmetic(self, page: Any, host: str) -> Any:
            t0 = time.perf_counter()
            hits = eng.cosmetic(page, host)
            took["cosmetic"] = time.perf_counter() - t0
            return hits

    pages = [(p.name, p.read_bytes(), "docs.example.org") for p in find_pages(n, 7)]
    pages += [(f"synthetic{i}", synthetic_page(i), "www.dailynewsroom.com") for i in range(20)]
    pages += [(name, html, "www.example.org") for name, html in realistic_pages()]
    catalogue, timed = default_catalogue(), Timed()
    rows: list[tuple[str, int, float, float, float]] = []
    pipeline.parse_page = timed_parse  # type: ignore[assignment]
    try:
        for rnd in range(2):  # the first round warms the selector caches
            for name, html, host in pages:
                text = html.decode("utf-8", "replace")
                doc = Document(name, "html", text, url=f"https://{host}/{name}")
                t0 = time.perf_counter()
                pipeline.audit_document(doc, timed, catalogue)
                total = time.perf_counter() - t0
                if rnd:
                    rows.append((name, len(html), took["parse"], took["cosmetic"], total))
    finally:
        pipeline.parse_page = parse  # type: ignore[assignment]
    out: dict[str, Any] = {"pages": len(rows[:n])}
    out.update(_by_size([(size, c / p, c / t) for _, size, p, c, t in rows[:n]]))
    synthetic = [(p, c, t) for name, _, p, c, t in rows if name.startswith("synthetic")]
    out["synthetic"] = {
        "parse_ms": statistics.median(p for p, _, _ in synthetic) * 1e3,
        "cosmetic_ms": statistics.median(c for _, c, _ in synthetic) * 1e3,
        "audit_ms": statistics.median(t for _, _, t in synthetic) * 1e3,
    }
    out["real"] = [
        {"page": name, "parse_ms": p * 1e3, "cosmetic_ms": c * 1e3, "audit_ms": t * 1e3}
        for name, _, p, c, t in rows[n + 20 :]
    ]
    return out


def run(engine: str, args: argparse.Namespace, cache: str) -> dict[str, Any]:
    out = Path(cache) / f"{engine}.json"
    cmd = [
        sys.executable,
        __file__,
        "--worker",
        engine,
        "--n",
        str(args.n),
        "--parser-sample",
        str(args.parser_sample),
        "--cache",
        cache,
        "--out",
        str(out),
        "--lists",
        *args.lists,
    ]
    subprocess.run(cmd, check=True)
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--parser-sample", type=int, default=40)
    ap.add_argument("--lists", nargs="+", default=DEFAULT_LISTS)
    ap.add_argument("--worker")
    ap.add_argument("--cache")
    ap.add_argument("--out")
    ap.add_argument("--skip-adblockparser", action="store_true")
    args = ap.parse_args()
    if args.worker:
        res = worker(args.worker, args.lists, args.n, args.parser_sample, args.cache)
        Path(args.out).write_text(json.dumps(res))
        return 0
    with tempfile.TemporaryDirectory() as cache:
        rust = run("adblock-rust", args, cache)
        cold = run("auditor-cold", args, cache)
        warm = run("auditor-warm", args, cache)
        paired = run("paired", args, cache)
        parser = None if args.skip_adblockparser else run("adblockparser", args, cache)
    ref = rust["blocked"]

    def agree(res: dict[str, Any], idx: list[int] | None = None) -> str:
        pairs = [(res["blocked"][k], ref[i]) for k, i in enumerate(idx or range(len(ref)))]
        same = sum(a == b for a, b in pairs)
        return f"{100 * same / len(pairs):.2f}% of {len(pairs)}"

    rows = [
        ("engine", "cold load s", "warm load s", "median µs/URL", "agree w/ rust", "peak RSS MB"),
        (
            "auditor.rules",
            f"{cold['load_s']:.2f}",
            f"{warm['load_s']:.2f}",
            f"{warm['median_us']:.1f}",
            agree(warm),
            f"{max(cold['rss_mb'], warm['rss_mb']):.0f}",
        ),
        (
            "adblock-rust 0.6",
            f"{rust['load_s']:.2f}",
            f"{rust['warm_s']:.2f}",
            f"{rust['median_us']:.1f}",
            "(reference)",
            f"{rust['rss_mb']:.0f}",
        ),
    ]
    if parser is not None:
        rows.append(
            (
                "adblockparser 0.7",
                f"{parser['load_s']:.2f}",
                "-",
                f"{parser['median_us']:.0f}",
                agree(parser, parser["sample"]),
                f"{parser['rss_mb']:.0f}",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for k, r in enumerate(rows):
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
        if k == 0:
            print("-+-".join("-" * w for w in widths))
    ratios = [a / b for a, b in zip(paired["auditor_us"], paired["rust_us"], strict=True)]
    print(
        "\npaired (one process, 5 alternating rounds): auditor.rules "
        f"{statistics.median(paired['auditor_us']):.1f} µs/URL, adblock-rust "
        f"{statistics.median(paired['rust_us']):.1f} µs/URL, ratio "
        f"{statistics.median(ratios):.2f}x (rounds: {', '.join(f'{r:.2f}' for r in ratios)})"
    )
    c = warm["cosmetic"]
    print(f"requests: {len(ref)} (bench/urlset.py), blocked by adblock-rust: {sum(ref)}")
    print(
        f"auditor.rules blocked: {sum(warm['blocked'])}; "
        f"match time ratio vs adblock-rust: {warm['median_us'] / rust['median_us']:.2f}x"
    )
    print(
        f"cosmetic pass on a {c['page_kb']:.0f} KB page: {c['cosmetic_ms']:.3f} ms vs lxml parse "
        f"{c['parse_ms']:.3f} ms ({c['cosmetic_ms'] / c['parse_ms']:.2f}x); "
        f"{c['hits_per_page']:.1f} hidden elements/page"
    )
    for r in c["real"]:
        print(
            f"  {r['page']}: {r['kb']:.0f} KB, cosmetic {r['cosmetic_ms']:.3f} ms vs parse "
            f"{r['parse_ms']:.3f} ms ({r['cosmetic_ms'] / r['parse_ms']:.2f}x; {r['hits']} hidden)"
        )
    corpus = c["corpus"]
    print(f"cosmetic ÷ parse over {corpus['pages']} real documents (bench_bulk.find_pages):")
    _print_by_size(corpus, share=False)
    pipe = c["pipeline"]
    print(
        "in the pipeline (auditor.pipeline.audit_document, each page once in turn), "
        "cosmetic ÷ parse and the pass's share of the page audit:"
    )
    _print_by_size(pipe, share=True)
    syn = pipe["synthetic"]
    print(
        f"  synthetic pages: cosmetic {syn['cosmetic_ms']:.3f} ms vs parse {syn['parse_ms']:.3f}"
        f" ms ({syn['cosmetic_ms'] / syn['parse_ms']:.2f}x), audit {syn['audit_ms']:.1f} ms"
    )
    for r in pipe["real"]:
        print(
            f"  {r['page']}: cosmetic {r['cosmetic_ms']:.3f} ms vs parse {r['parse_ms']:.3f} ms"
            f" ({r['cosmetic_ms'] / r['parse_ms']:.2f}x), audit {r['audit_ms']:.1f} ms"
        )
    return 0


def _print_by_size(buckets: dict[str, Any], share: bool) -> None:
    for name in ("all", "<10KB", "10-50KB", ">=50KB"):
        if name in buckets:
            g = buckets[name]
            of_audit = f", {100 * g['share']:.0f}% of the audit" if share else ""
            print(
                f"  {name}: {g['n']} pages, median {g['median']:.2f}x, "
                f"{100 * g['under_1']:.0f}% under 1x{of_audit}"
            )


if __name__ == "__main__":
    sys.exit(main())
