"""Bulk audit benchmark: single-page loop vs `auditor bulk` with 1 and 2 workers.

Builds a WARC of real HTML pages found on this machine (documentation shipped by
Debian packages, Python and Rust toolchains), with ad/tracker markup injected into a
share of them, then measures:

* the single-page loop: `audit_document` over the same pages, in one process;
* `auditor bulk` with 1 and 2 workers (wall time of the whole command, startup and
  store writes included), sampling each worker's RSS and CPU from /proc (`bulk_run`,
  which bench_audit.py uses too);
* reading only: warcio vs FastWARC iterating the WARC (FastWARC if installed);
* kill -9 at random points, resume, and check every record is stored exactly once.

    python bench/bench_bulk.py [--pages 2400] [--out /tmp/auditor-bench-bulk]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOTS = [
    "/usr/share/doc",
    "/usr/lib/python3",
    *map(str, Path("/usr/lib").glob("python3*")),
    *map(str, Path("/usr/local/lib").glob("python3*")),
    *map(str, Path.home().glob(".pyenv/versions/*/lib/python3*")),
    *map(str, Path.home().glob(".rustup/toolchains/*/share/doc/rust/html")),
]
SKIP_PARTS = ("/core/arch/", "/std/arch/", "/src/", "/search-index")
PER_DIR = 25
MIN_BYTES, MAX_BYTES = 1_500, 1_500_000

# Operators: each owns a few sites and monetises them with the same IDs (for clusters).
OPERATORS = [
    {"adsense": "ca-pub-4815162342108000", "gtm": "GTM-W7Q3K2D"},
    {"exo": "5876674", "juicy": "1045223"},
    {"adsense": "ca-pub-9171000000000456", "fb": "1234567890123456"},
    {"exo": "4410021", "ga": "G-8KX2LQ7C3M"},
    {"juicy": "1099001", "gtm": "GTM-PX4N8R2"},
]


def find_pages(limit: int, seed: int) -> list[Path]:
    """Distinct real HTML files, at most PER_DIR per directory, in a seeded order."""
    by_dir: dict[str, list[Path]] = {}
    for root in ROOTS:
        for dirpath, _dirs, files in os.walk(root):
            if any(s in dirpath + "/" for s in SKIP_PARTS):
                continue
            for name in files:
                if name.endswith((".html", ".htm")):
                    by_dir.setdefault(dirpath, []).append(Path(dirpath) / name)
    rng = random.Random(seed)
    picked: list[Path] = []
    seen: set[str] = set()
    dirs = sorted(by_dir)
    rng.shuffle(dirs)
    for d in dirs:
        files = sorted(by_dir[d])
        rng.shuffle(files)
        for path in files[:PER_DIR]:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            digest = hashlib.sha1(data).hexdigest()
            if not (MIN_BYTES <= len(data) <= MAX_BYTES) or digest in seen:
                continue
            seen.add(digest)
            picked.append(path)
    rng.shuffle(picked)
    return picked[:limit]


def inject(html: bytes, op: dict[str, str], rng: random.Random) -> bytes:
    """Ad/tracker markup of one operator, at the top of <body> and before </body>."""
    head, foot = [], []
    if "gtm" in op:
        head.append("<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':"
                    "new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],"
                    "j=d.createElement(s);j.async=true;j.src='https://www.googletagmanager.com"
                    f"/gtm.js?id='+i;f.parentNode.insertBefore(j,f);}})(window,document,"
                    f"'script','dataLayer','{op['gtm']}');</script>")
    if "ga" in op:
        head.append(f"<script async src='https://www.googletagmanager.com/gtag/js?id="
                    f"{op['ga']}'></script><script>window.dataLayer=window.dataLayer||[];"
                    "function gtag(){dataLayer.push(arguments);}gtag('js',new Date());"
                    f"gtag('config','{op['ga']}');</script>")
    if "adsense" in op:
        head.append("<script async src='https://pagead2.googlesyndication.com/pagead/js/"
                    f"adsbygoogle.js?client={op['adsense']}' crossorigin='anonymous'></script>")
        foot.append(f"<ins class='adsbygoogle' style='display:block' data-ad-client="
                    f"'{op['adsense']}' data-ad-slot='{rng.randint(10**9, 10**10 - 1)}' "
                    "data-ad-format='auto'></ins><script>(adsbygoogle=window.adsbygoogle||"
                    "[]).push({});</script>")
    if "exo" in op:
        for _ in range(rng.randint(1, 4)):
            foot.append("<script async type='application/javascript' src='https://a.magsrv."
                        f"com/ad-provider.js'></script><ins class='eas6a97888e2' data-zoneid="
                        f"'{op['exo']}'></ins><script>(AdProvider=window.AdProvider||[]).push"
                        "({'serve':{}});</script>")
    if "juicy" in op:
        foot.append("<script type='text/javascript' data-cfasync='false' async src='https://"
                    f"poweredby.jads.co/js/jads.js'></script><ins id='{op['juicy']}' "
                    "data-width='300' data-height='250'></ins><script type='text/javascript' "
                    "data-cfasync='false' async>(adsbyjuicy=window.adsbyjuicy||[]).push("
                    f"{{'adzone':{op['juicy']}}});</script>")
    if "fb" in op:
        foot.append("<script>!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){};"
                    "}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js'"
                    f");fbq('init','{op['fb']}');fbq('track','PageView');</script>")
    top, bottom = "\n".join(head).encode(), "\n".join(foot).encode()
    lowered = html.lower()
    at = lowered.find(b"<body")
    at = lowered.find(b">", at) + 1 if at >= 0 else 0
    html = html[:at] + top + html[at:]
    end = html.lower().rfind(b"</body>")
    end = end if end >= 0 else len(html)
    return html[:end] + bottom + html[end:]


def build_warc(paths: list[Path], out: Path, seed: int) -> dict[str, int]:
    """Per-record-gzip WARC: every page as a response (a third gzip+chunked), plus images
    and revisits so skipped records are in the mix."""
    rng = random.Random(seed)
    stats = {"responses": 0, "injected": 0, "images": 0, "revisits": 0, "html_bytes": 0}
    with out.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        writer.write_record(writer.create_warcinfo_record(out.name, {"software": "bench"}))
        for i, path in enumerate(paths):
            html = path.read_bytes()
            site = i % 120
            if rng.random() < 0.45:
                html = inject(html, OPERATORS[site % len(OPERATORS)], rng)
                stats["injected"] += 1
            url = f"https://site{site}.example/{path.parent.name}/{path.name}"
            headers = [("Content-Type", "text/html; charset=utf-8")]
            body = html
            if i % 3 == 0:
                body = gzip.compress(body)
                body = b"".join(b"%x\r\n%s\r\n" % (len(body[j:j + 8192]), body[j:j + 8192])
                                for j in range(0, len(body), 8192)) + b"0\r\n\r\n"
                headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http, length=len(body)))
            stats["responses"] += 1
            stats["html_bytes"] += len(html)
            if i % 20 == 0:
                img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")],
                                       protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    url + ".png", "response", payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" * 64),
                    http_headers=img))
                stats["images"] += 1
            if i % 25 == 0:
                writer.write_record(writer.create_revisit_record(
                    url, digest="sha1:AAAA", refers_to_uri=url,
                    refers_to_date="2024-01-01T00:00:00Z"))
                stats["revisits"] += 1
    return stats


def single_page_loop(warc: Path) -> dict[str, float]:
    """audit_document over every page of the WARC, documents read beforehand (not timed)."""
    from auditor.catalogue import default_catalogue
    from auditor.pipeline import audit_document
    from auditor.readers import Document
    from auditor.readers.warc import read_warc
    from auditor.rules import Engine

    with warc.open("rb") as f:
        docs = [r for r in read_warc(f, str(warc)) if isinstance(r, Document)]
    engine, cat = Engine.load(), default_catalogue()
    audit_document(docs[0], engine, cat)
    start, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        audit_document(doc, engine, cat)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"pages": len(docs), "seconds": wall, "pages_per_s": len(docs) / wall,
            "cpu_seconds": cpu, "pages_per_cpu_s": len(docs) / cpu}


def _workers_of(pid: int) -> list[int]:
    """The bulk command's worker processes (multiprocessing's spawn children)."""
    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    out = []
    for kid in kids:
        try:
            if b"spawn_main" in Path(f"/proc/{kid}/cmdline").read_bytes():
                out.append(kid)
        except OSError:
            pass
    return out


def _memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM = the peak RSS so far) of a process, in MB."""
    fields: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    except (OSError, ValueError):
        pass
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of one process so far (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bulk_run(warc: Path, store: Path, workers: int, split: str | None = None,
             env: dict[str, str] | None = None) -> dict[str, Any]:
    """`auditor bulk` as a user runs it (default sharding unless `split` is given), with
    each worker's memory and CPU, and the parent's CPU, sampled from /proc."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "auditor", "bulk", str(warc.resolve()), "--store",
           str(store.resolve()), "--workers", str(workers), "--no-progress"]
    if split is not None:
        cmd += ["--split-bytes", split]
    rss: dict[int, list[float]] = {}
    peak: dict[int, float] = {}
    parent_cpu = [0.0]
    worker_cpu: dict[int, float] = {}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            cwd=store.parent)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            parent_cpu[0] = _cpu_seconds(proc.pid) or parent_cpu[0]
            for pid in _workers_of(proc.pid):
                worker_cpu[pid] = _cpu_seconds(pid) or worker_cpu.get(pid, 0.0)
                now, high = _memory_mb(pid)
                if now:
                    rss.setdefault(pid, []).append(now)
                    peak[pid] = max(peak.get(pid, 0.0), high)
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"bulk failed ({proc.returncode}): {err.decode()}")
    last = out.decode().strip().splitlines()[-1]
    audited = int(last.split(" records: ", 1)[1].split(" audited", 1)[0])
    series = [s for s in rss.values() if len(s) >= 4]
    return {"workers": workers, "seconds": wall, "audited": audited,
            "pages_per_s": audited / wall, "pages_per_s_per_worker": audited / wall / workers,
            "cpu_s": cpu, "pages_per_cpu_s": audited / cpu, "parent_cpu_s": parent_cpu[0],
            "worker_cpu_s": sorted(worker_cpu.values()),
            "pages_per_worker_cpu_s": audited / max(sum(worker_cpu.values()), 1e-9),
            "worker_peak_rss_mb": max(peak.values(), default=0.0),
            "worker_rss_at_25pct_mb": [s[len(s) // 4] for s in series],
            "worker_rss_at_end_mb": [s[-1] for s in series],
            "load_average_1min": os.getloadavg()[0], "final_line": last}


def reader_only(warc: Path) -> dict[str, float]:
    from warcio.archiveiterator import ArchiveIterator

    out: dict[str, float] = {}
    start = time.perf_counter()
    n = 0
    with warc.open("rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type == "response":
                rec.content_stream().read()
                n += 1
    out["warcio_ms_per_record"] = (time.perf_counter() - start) / n * 1000
    try:
        from fastwarc.warc import ArchiveIterator as FastIterator
        from fastwarc.warc import WarcRecordType
    except ImportError:
        return out
    start = time.perf_counter()
    n = 0
    with warc.open("rb") as f:
        for rec in FastIterator(f, fsspec_args=False):
            if rec.record_type == WarcRecordType.response:
                rec.reader.read()  # raw body: FastWARC decodes only when asked
                n += 1
    out["fastwarc_ms_per_record"] = (time.perf_counter() - start) / n * 1000
    return out


def kill_resume(warc: Path, store: Path, rounds: int, seed: int) -> dict[str, object]:
    """kill -9 the whole run at random points, resume, count duplicates and losses."""
    from auditor.readers.warc import read_warc

    with warc.open("rb") as f:
        expected = {r.input.split("#", 1)[1] for r in read_warc(f, str(warc))}
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    rng = random.Random(seed)
    cmd = [sys.executable, "-m", "auditor", "bulk", str(warc), "--store", str(store),
           "--workers", "2", "--no-progress", "--split-bytes", "4M"]
    kills = []
    for i in range(rounds):
        proc = subprocess.Popen(cmd + (["--resume"] if i else []), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(3, 12))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(store) as db:
            kills.append(db.execute("SELECT count(*) FROM progress").fetchone()[0])
    subprocess.run([*cmd, "--resume"], check=True, stdout=subprocess.DEVNULL)
    with sqlite3.connect(store) as db:
        keys = [k for (k,) in db.execute("SELECT record_key FROM progress")]
        pages = db.execute("SELECT count(*) FROM pages").fetchone()[0]
        audited = db.execute("SELECT count(*) FROM progress WHERE status='audited'").fetchone()
    return {"records_after_each_kill": kills, "expected": len(expected), "stored": len(keys),
            "duplicates": len(keys) - len(set(keys)), "missing": len(expected - set(keys)),
            "pages_rows_match_audited": pages == audited[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=2400)
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--out", type=Path, default=Path("/tmp/auditor-bench-bulk"))
    parser.add_argument("--split", default="2M", help="--split-bytes for the bulk runs")
    parser.add_argument("--kill-rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=2, help="bulk runs per worker count")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    warc = args.out / "bench.warc.gz"
    paths = find_pages(args.pages, args.seed)
    corpus = build_warc(paths, warc, args.seed)
    corpus["warc_bytes"] = warc.stat().st_size
    corpus["source_dirs"] = len({p.parent for p in paths})
    print(json.dumps({"corpus": corpus}), flush=True)
    results: dict[str, object] = {"corpus": corpus, "reader": reader_only(warc)}
    print(json.dumps({"reader": results["reader"]}), flush=True)
    results["single"] = single_page_loop(warc)
    print(json.dumps({"single": results["single"]}), flush=True)
    runs: dict[int, list[dict[str, object]]] = {1: [], 2: []}
    for _ in range(args.repeat):  # interleaved, best of N: the machine is shared
        for workers in (1, 2):
            run = bulk_run(warc, args.out / f"store{workers}.db", workers, args.split)
            runs[workers].append(run)
            print(json.dumps({f"bulk{workers}": run}), flush=True)
    for workers, found in runs.items():
        results[f"bulk{workers}"] = min(found, key=lambda r: float(r["seconds"]))  # type: ignore[arg-type]
    single = results["single"]
    one, two = results["bulk1"], results["bulk2"]
    results["ratios"] = {
        "two_vs_one_wall": two["pages_per_s"] / one["pages_per_s"],  # type: ignore[index]
        "one_worker_vs_single_loop_wall":
            one["pages_per_s"] / single["pages_per_s"],  # type: ignore[index]
        "one_worker_vs_single_loop_cpu":
            one["pages_per_cpu_s"] / single["pages_per_cpu_s"],  # type: ignore[index]
    }
    print(json.dumps({"ratios": results["ratios"]}), flush=True)
    if args.kill_rounds:
        results["kill"] = kill_resume(warc, args.out / "kill.db", args.kill_rounds, args.seed)
        print(json.dumps({"kill": results["kill"]}), flush=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
