"""Accuracy on real pages: slots, vendors, IDs and findings against hand labels.

The yardstick is `../shared/corpus` (110 real pages, their URLs, and the reviewer's
verdicts on earlier findings) plus the full ground truth in `tests/corpus/labels/`
(one file per page, written from the HTML, never from the tool's output). Each page is
audited with its URL, offline, and scored:

* slots: one-to-one by element (the same, or one inside the other) or by line (the
  label's line or one of its `alt_lines`, within LINE_SLACK lines, nearest first); a label
  whose `element` (a CSS selector) pins it, as a page saved on one line needs, by element
  only; `optional` labels neither count towards recall nor
  make a matching slot a false one;
* vendor attribution: of the matched slots whose markup names a vendor
  (`vendor_in_markup`), the share the tool attributes to it (or to a `networks_ok` name);
* IDs: exact values, per page;
* networks: the report's `networks` (every network the page carries) against the
  labels' `networks` and `trackers`, by name, per page (labels name a vendor the
  catalogue knows by the catalogue's name);
* findings: a finding is true when it matches an expected finding of the labels (kind,
  line or one of its `alt_lines` within FINDING_SLACK) or a reviewer's TRUE verdict in
  `findings.json`; every expected finding and every TRUE verdict must be found (at any
  severity); a TRUE verdict at a label's `alt_lines` is found when the label is; a
  finding is at its element's start tag and at the line libxml2 records for it (the tag's
  end, which earlier tools cited and the review saw).

    python bench/accuracy.py [--corpus ../shared/corpus] [--labels DIR] [--pages N]
                             [--json out.json] [--no-urls]

`--labels` scores another labelled set: a folder of `PAGE.json` labels in the shape above,
beside a corpus folder holding `pages/` and `urls.json` (pages a team labelled itself).

The test suite (tests/test_accuracy.py) runs the same scoring and pins floors on it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.model import PageReport

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
LABELS = REPO / "tests" / "corpus" / "labels"
LINE_SLACK = 2  # a start tag spread over lines: libxml2 may give one of its later lines
FINDING_SLACK = 3
SEVERITIES = ("high", "medium", "low")


@dataclass
class PageScore:
    """What one page contributed to each measure, and what fell short."""

    name: str
    slots_expected: int = 0
    slots_found: int = 0  # tool slots, less those matched to optional labels
    slots_matched: int = 0
    named_expected: int = 0
    named_right: int = 0
    ids_expected: int = 0
    ids_found: int = 0
    ids_matched: int = 0
    networks_expected: int = 0
    networks_found: int = 0
    networks_matched: int = 0
    findings: list[tuple[str, str, bool]] = field(default_factory=list)  # severity, kind, true
    must_find: int = 0
    must_found: int = 0
    high_unexpected: bool = False
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def match_slots(labels: Sequence[dict[str, Any]], found: Sequence[dict[str, Any]],
                tree: Any = None, lines: Sequence[str] = ()) -> list[tuple[int, int]]:
    """One-to-one (label index, slot index) pairs, nearest first.

    A slot matches a label when the two elements are one placement: the same element,
    or one inside the other (a label may name the wrapper, the tool the unit, or the
    reverse), or, failing a tree, their lines are within LINE_SLACK. A label that pins its
    element by a CSS selector (`element`: a page saved on one line puts every placement on
    line 1, where a line says nothing) matches only by nesting.
    """
    label_elements = [_label_elements(tree, lines, lab) for lab in labels]
    slot_elements = [_element_at(tree, slot.get("xpath", "")) for slot in found]
    candidates: list[tuple[int, bool, int, int, int]] = []
    for li, label in enumerate(labels):
        lines = [label["line"], *label.get("alt_lines", [])]
        pinned = tree is not None and "element" in label
        for si, slot in enumerate(found):
            gap = min(abs(slot["line"] - line) for line in lines)
            nested = slot_elements[si] is not None and any(
                _nested(slot_elements[si], el) for el in label_elements[li])
            if (gap <= LINE_SLACK and not pinned) or nested:
                other = (slot.get("network") or "").casefold() not in _names(label)
                candidates.append((0 if gap <= LINE_SLACK else 1, other, gap, li, si))
    pairs: list[tuple[int, int]] = []
    used_labels: set[int] = set()
    used_slots: set[int] = set()
    for *_rank, li, si in sorted(candidates):
        if li not in used_labels and si not in used_slots:
            used_labels.add(li)
            used_slots.add(si)
            pairs.append((li, si))
    return pairs


def _label_elements(tree: Any, source: Sequence[str], label: dict[str, Any]) -> list[Any]:
    """The elements a label names: its `element` selector's, else those at its lines."""
    if tree is not None and "element" in label:
        from lxml.cssselect import CSSSelector

        select: Any = CSSSelector(label["element"], translator="html")
        return list(select(tree))
    return _elements_at(tree, source, [label["line"], *label.get("alt_lines", [])])


def _elements_at(tree: Any, source: Sequence[str], lines: Sequence[int]) -> list[Any]:
    """The elements whose start tag opens on one of `lines` (libxml2 records the line a
    start tag ends on, so a tag spread over lines is found from its `>` back)."""
    if tree is None:
        return []
    try:
        from auditor.dom.parser import start_line
    except ImportError:  # scoring an older checkout
        def start_line(el: Any, _lines: Sequence[str]) -> int:
            return int(el.sourceline)

    wanted = set(lines)
    return [el for el in tree.iter() if isinstance(el.tag, str)
            and el.sourceline is not None and 0 <= el.sourceline - min(wanted) <= 60
            and start_line(el, source) in wanted]


def _element_at(tree: Any, xpath: str) -> Any:
    if tree is None or not xpath:
        return None
    try:
        found = tree.getroottree().xpath(xpath)
    except Exception:  # an xpath into a srcdoc document does not resolve here
        return None
    return found[0] if found else None


def _nested(a: Any, b: Any) -> bool:
    return bool(a is b or any(x is b for x in a.iterancestors())
                or any(x is a for x in b.iterancestors()))


def _names(label: dict[str, Any]) -> set[str]:
    names = [label.get("network"), *label.get("networks_ok", [])]
    return {n.casefold() for n in names if n}


def score_page(name: str, label: dict[str, Any], report: dict[str, Any],
               verdicts: Iterable[dict[str, Any]], tree: Any = None,
               lines: Sequence[str] = ()) -> PageScore:
    score = PageScore(name)
    slot_labels = label.get("slots", [])
    slots = report.get("slots", [])
    pairs = match_slots(slot_labels, slots, tree, lines)
    matched_slots = {si for _, si in pairs}
    optional_hits = sum(1 for li, _ in pairs if slot_labels[li].get("optional"))
    score.slots_expected = sum(1 for s in slot_labels if not s.get("optional"))
    score.slots_matched = sum(1 for li, _ in pairs if not slot_labels[li].get("optional"))
    score.slots_found = len(slots) - optional_hits
    for li, si in pairs:
        want = slot_labels[li]
        if want.get("vendor_in_markup") and want.get("network"):
            score.named_expected += 1
            got = slots[si].get("network") or ""
            if got.casefold() in _names(want):
                score.named_right += 1
            else:
                score.problems.append(f"slot L{want['line']}: {got or 'unnamed'}, "
                                      f"labels say {want['network']}")
    matched_labels = {li for li, _ in pairs}
    for li, want in enumerate(slot_labels):
        if li not in matched_labels and not want.get("optional"):
            score.problems.append(f"missed slot L{want['line']} ({want.get('network')}: "
                                  f"{want.get('what', '')[:60]})")
    for si, slot in enumerate(slots):
        if si not in matched_slots:
            score.problems.append(f"extra slot L{slot['line']} ({slot.get('network')}, "
                                  f"{slot.get('rule')})")

    want_ids = {i["value"] for i in label.get("ids", [])}
    got_ids = {i["value"] for i in report.get("ids", [])}
    score.ids_expected, score.ids_found = len(want_ids), len(got_ids)
    score.ids_matched = len(want_ids & got_ids)
    kinds = {i["value"]: i["kind"] for i in report.get("ids", [])}
    score.problems += [f"missed id {v}" for v in sorted(want_ids - got_ids)]
    score.problems += [f"extra id {kinds[v]}={v}" for v in sorted(got_ids - want_ids)]

    want_networks = {*label.get("networks", []), *label.get("trackers", [])}
    got_networks = {n["network"] for n in report.get("networks", [])}
    score.networks_expected, score.networks_found = len(want_networks), len(got_networks)
    score.networks_matched = len(want_networks & got_networks)
    score.problems += [f"missed network {n}" for n in sorted(want_networks - got_networks)]
    score.problems += [f"extra network {n}" for n in sorted(got_networks - want_networks)]

    expected = [dict(f, source="labels") for f in label.get("findings_expected", [])]
    # a label naming a finding's other lines answers the review verdict at one of them
    # (the review saw an older tool point at the second of three copies)
    answered = {(e["kind"], line) for e in expected for line in e.get("alt_lines", [])}
    expected += [dict(v, source="review") for v in verdicts
                 if v["verdict"] == "TRUE" and (v["kind"], v["line"]) not in answered]
    found = report.get("findings", [])
    # the line libxml2 records for each finding's element (where its start tag ends): the
    # line a review saw when the tool cited that, before it cited where the tag opens
    recorded = {id(f): getattr(_element_at(tree, f.get("xpath", "")), "sourceline", None)
                for f in found}

    def near(a: dict[str, Any], b: dict[str, Any], slack: int) -> bool:
        lines = [b["line"], *b.get("alt_lines", [])]
        cited = [a["line"], recorded.get(id(a)) or a["line"]]
        return bool(a["kind"] == b["kind"]
                    and min(abs(c - x) for c in cited for x in lines) <= slack)

    for f in found:
        true = any(near(f, e, FINDING_SLACK if e["source"] == "labels" else 0) for e in expected)
        score.findings.append((f["severity"], f["kind"], true))
        if not true and f["severity"] != "low":
            score.problems.append(f"false {f['severity']} {f['kind']} L{f['line']}: "
                                  f"{f['message'][:70]}")
    score.must_find = len(expected)
    for e in expected:
        slack = FINDING_SLACK if e["source"] == "labels" else 0
        if any(near(f, e, slack) for f in found):
            score.must_found += 1
        else:
            score.problems.append(f"missed {e['source']} finding {e['kind']} L{e['line']}")
    expects_high = any(e.get("severity") == "high" for e in expected)
    score.high_unexpected = not expects_high and any(sev == "high" for sev, _, _ in score.findings)
    return score


@dataclass
class Summary:
    pages: int
    slot_recall: float
    slot_precision: float
    vendor_attribution: float
    id_recall: float
    id_precision: float
    network_recall: float
    network_precision: float
    finding_precision: dict[str, float]
    finding_counts: dict[str, tuple[int, int]]  # severity -> (true, all)
    by_kind: dict[str, tuple[int, int]]
    true_findings_found: tuple[int, int]
    pages_with_unexpected_high: list[str]
    seconds_per_page: float

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def summarise(scores: Sequence[PageScore]) -> Summary:
    total: Counter[str] = Counter()
    by_severity: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in scores:
        for key in ("slots_expected", "slots_found", "slots_matched", "named_expected",
                    "named_right", "ids_expected", "ids_found", "ids_matched",
                    "networks_expected", "networks_found", "networks_matched", "must_find",
                    "must_found"):
            total[key] += getattr(s, key)
        for severity, kind, true in s.findings:
            by_severity[severity][0] += true
            by_severity[severity][1] += 1
            by_kind[f"{severity} {kind}"][0] += true
            by_kind[f"{severity} {kind}"][1] += 1
    return Summary(
        pages=len(scores),
        slot_recall=_ratio(total["slots_matched"], total["slots_expected"]),
        slot_precision=_ratio(total["slots_matched"], total["slots_found"]),
        vendor_attribution=_ratio(total["named_right"], total["named_expected"]),
        id_recall=_ratio(total["ids_matched"], total["ids_expected"]),
        id_precision=_ratio(total["ids_matched"], total["ids_found"]),
        network_recall=_ratio(total["networks_matched"], total["networks_expected"]),
        network_precision=_ratio(total["networks_matched"], total["networks_found"]),
        finding_precision={sev: _ratio(*by_severity[sev]) for sev in SEVERITIES},
        finding_counts={sev: (by_severity[sev][0], by_severity[sev][1]) for sev in SEVERITIES},
        by_kind={k: (v[0], v[1]) for k, v in sorted(by_kind.items())},
        true_findings_found=(total["must_found"], total["must_find"]),
        pages_with_unexpected_high=sorted(s.name for s in scores if s.high_unexpected),
        seconds_per_page=sum(s.seconds for s in scores) / max(1, len(scores)),
    )


def load_labels(corpus: Path, labels: Path = LABELS) -> tuple[dict[str, Any], dict[str, str],
                                                              dict[str, list[dict[str, Any]]]]:
    """(labels by page, URLs by page, review verdicts by page)."""
    urls = json.loads((corpus / "urls.json").read_text(encoding="utf-8"))
    # the review verdicts a labels folder keeps beside its pages' labels (a set scored
    # against a second labelling keeps its own), else the corpus's
    review = labels / "findings.json"
    if not review.exists():
        review = corpus / "labels" / "findings.json"
    by_page = {p.name.removesuffix(".json"): json.loads(p.read_text(encoding="utf-8"))
               for p in sorted(labels.glob("*.json")) if p.name != "findings.json"}
    verdicts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if review.exists():
        for v in json.loads(review.read_text(encoding="utf-8")):
            verdicts[v["page"]].append(v)
    return by_page, urls, verdicts


def run(corpus: Path = CORPUS, limit: int | None = None, labels: Path = LABELS,
        audited: Mapping[str, PageReport] | None = None, no_urls: bool = False
        ) -> tuple[Summary, list[PageScore]]:
    """Audit every labelled page of the corpus and score it; `audited` holds reports
    already made the same way, by page name (the tests audit the corpus once for all
    that read it), and those are scored as they are, their time untold. `no_urls`
    withholds each page's URL, as a user who does not know a scraped page's address
    audits it (what the page declares of itself still counts)."""
    from auditor.catalogue import default_catalogue
    from auditor.dom.parser import parse_html
    from auditor.pipeline import audit, default_engine
    from auditor.readers import Document, read_source

    engine, catalogue = default_engine(), default_catalogue()
    by_page, urls, verdicts = load_labels(corpus, labels)
    scores = []
    for name in sorted(by_page)[:limit]:
        start = time.perf_counter()
        page = audited[name] if audited is not None else audit(
            corpus / "pages" / name, url=None if no_urls else urls.get(name), engine=engine,
            catalogue=catalogue).pages[0]
        report = page.to_dict()
        seconds = time.perf_counter() - start
        doc = next(r for r in read_source(corpus / "pages" / name) if isinstance(r, Document))
        tree = parse_html(doc.text)  # the same text and lines the report cites
        score = score_page(name, by_page[name], report, verdicts.get(name, []), tree,
                           doc.text.split("\n"))
        score.seconds = seconds
        scores.append(score)
    return summarise(scores), scores


def print_table(summary: Summary, scores: Sequence[PageScore], shortfalls: int = 40) -> None:
    def pct(x: float) -> str:
        return f"{x:6.3f}"

    print(f"{summary.pages} labelled pages · {summary.seconds_per_page * 1000:.1f} ms per audit")
    print(f"slots    recall {pct(summary.slot_recall)}  precision {pct(summary.slot_precision)}"
          f"  vendor named {pct(summary.vendor_attribution)}")
    print(f"ids      recall {pct(summary.id_recall)}  precision {pct(summary.id_precision)}")
    print(f"networks recall {pct(summary.network_recall)}  precision "
          f"{pct(summary.network_precision)}")
    for sev in SEVERITIES:
        true, total = summary.finding_counts[sev]
        print(f"findings {sev:<6} precision {pct(summary.finding_precision[sev])} ({true}/{total})")
    found, must = summary.true_findings_found
    print(f"true findings still found {found}/{must}")
    print(f"pages with a high finding the labels do not expect: "
          f"{len(summary.pages_with_unexpected_high)} {summary.pages_with_unexpected_high}")
    print("\nfindings by severity and kind (true/all):")
    for kind, (true, total) in summary.by_kind.items():
        print(f"  {kind:<32} {true}/{total}")
    print("\npages that fall short:")
    worst = sorted(scores, key=lambda s: -len(s.problems))
    for s in worst[:shortfalls]:
        if s.problems:
            print(f"  {s.name}")
            for problem in s.problems[:12]:
                print(f"      {problem}")
            if len(s.problems) > 12:
                print(f"      … {len(s.problems) - 12} more")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--labels", type=Path, default=LABELS,
                        help="the labels' folder (PAGE.json each); default: the corpus's")
    parser.add_argument("--pages", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--json", type=Path, help="also write the summary and per-page problems")
    parser.add_argument("--shortfalls", type=int, default=40, help="pages listed as falling short")
    parser.add_argument("--no-urls", action="store_true",
                        help="audit each page without its URL (its own declared URL and "
                             "canonical still count), as a user who does not know it")
    args = parser.parse_args(argv)
    if not (args.corpus / "urls.json").exists():
        print(f"accuracy: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    summary, scores = run(args.corpus, args.pages, args.labels, no_urls=args.no_urls)
    print_table(summary, scores, args.shortfalls)
    if args.json:
        args.json.write_text(json.dumps({
            "summary": summary.as_dict(),
            "pages": {s.name: s.problems for s in scores},
        }, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
