"""Audit one shard: the function the local workers and the Dask tasks both run.

Every record the readers yield becomes exactly one Outcome (audited, skipped or
failed) keyed by its place in the input, so the store can count and resume exactly.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from auditor.bulk.plan import SPLIT_READERS, UNREADABLE, Shard
from auditor.catalogue import Catalogue, default_catalogue
from auditor.dom.parser import DEFAULT_LIMITS, PageLimits
from auditor.errors import AuditorError
from auditor.model import PageReport, hint_via
from auditor.pipeline import audit_document
from auditor.readers.interface import (
    DEFAULT_MAX_RECORD_BYTES,
    PageTooLarge,
    ReadFailure,
    Record,
    Skipped,
    encodable,
    without_surrogates,
)
from auditor.readers.registry import kind_of, read_stream, unreadable
from auditor.resources import RuleEngine

AUDITED, SKIPPED, FAILED = "audited", "skipped", "failed"


@dataclass(frozen=True, slots=True)
class EngineSpec:
    """How a worker builds its rule engine: picklable, so it crosses to other processes.

    `factory` ("module:function") replaces Engine.load, for tests and benchmarks.
    """

    lists: tuple[str, ...] = ()
    system_lists: bool = True
    factory: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    engine: EngineSpec = EngineSpec()
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    limits: PageLimits = DEFAULT_LIMITS


@dataclass(frozen=True, slots=True)
class PageRow:
    """What the store keeps of an audited page: the CONTRACT JSON and queryable columns."""

    url: str | None
    site: str | None
    kind: str
    title: str | None
    metrics: dict[str, Any]
    findings: int
    report_json: str
    # (kind, value, network, origin, copied_from, slot): see `_slot_ids`
    ids: tuple[tuple[str, str, str | None, str, str | None, bool], ...]
    networks: tuple[tuple[str, str | None], ...]
    hosts: tuple[tuple[str, str, str | None, str, int, int], ...]
    # the originals the page republishes: (domain, host, url, evidence kinds comma-joined)
    sources: tuple[tuple[str, str, str | None, str], ...] = ()
    mfa: tuple[int, int, str] | None = None  # MFA indicators met, judged, criteria met


@dataclass(frozen=True, slots=True)
class Outcome:
    key: str  # the record's place in its input: byte offset, member name, "" for a page
    status: str  # audited | skipped | failed
    kind: str
    name: str  # the record's input name (path#key)
    offset: int | None  # top-level byte position, for progress
    detail: str | None = None  # skip reason or error message
    page: PageRow | None = None

    def __post_init__(self) -> None:
        encodable(self, ("name", "detail"))  # a file name that is not UTF-8: the store's text


_ENGINES: dict[EngineSpec, RuleEngine] = {}
_CATALOGUE: list[Catalogue] = []


def load_engine(spec: EngineSpec) -> RuleEngine:
    """The engine for a spec, built once per process (Engine.load reads the compiled cache)."""
    engine = _ENGINES.get(spec)
    if engine is None:
        if spec.factory:
            module, _, attr = spec.factory.partition(":")
            factory = cast(Callable[[], RuleEngine], getattr(importlib.import_module(module),
                                                             attr))
            engine = factory()
        else:
            from auditor.rules import Engine

            engine = Engine.load(extra_lists=[Path(p) for p in spec.lists],
                                 system_lists=spec.system_lists)
        _ENGINES[spec] = engine
    return engine


def catalogue() -> Catalogue:
    if not _CATALOGUE:
        _CATALOGUE.append(default_catalogue())
    return _CATALOGUE[0]


def shard_records(shard: Shard, max_record_bytes: int) -> Iterator[Record]:
    """The records of a shard, streamed through the readers' registry; a file-level
    failure becomes one failed record. A file that is empty or binary is one too, with
    the error `audit` gives it (the user named it, or the walk took it by its page
    suffix: a PNG named page.html is a bad input, not a record to skip); a member or
    record inside an archive that is no page is still skipped, as in `audit`."""
    kind = "file"
    if shard.kind == UNREADABLE:  # never opened: a FIFO would block the worker
        why = unreadable(Path(shard.path)) or "cannot read"
        yield ReadFailure(shard.path, kind, f"{shard.path}: {why}")
        return
    try:
        with open(shard.path, "rb") as stream:
            # a byte-range layout was decided by the plan from this file's kind: a shard
            # of a big WARC need not sniff (and inflate) the file's head again
            kind = SPLIT_READERS.get(shard.kind) or kind_of(stream, shard.path)
            yield from read_stream(stream, shard.path, kind=kind, span=(shard.start, shard.end),
                                   max_record_bytes=max_record_bytes, page_limit=max_record_bytes)
    except PageTooLarge as exc:
        yield ReadFailure(shard.path, kind, str(exc))
    except (AuditorError, OSError) as exc:
        yield ReadFailure(shard.path, "file", str(exc) if isinstance(exc, AuditorError)
                          else f"{shard.path}: cannot read: {exc}")


def audit_shard(shard: Shard, settings: Settings,
                done: frozenset[str] = frozenset(),
                should_stop: Callable[[], bool] = lambda: False) -> Iterator[Outcome]:
    """One Outcome per record of the shard not already in `done`."""
    engine = load_engine(settings.engine)
    cat = catalogue()
    seen: dict[str, int] = {}
    prefix = without_surrogates(shard.path) + "#"  # as the records name it
    records = shard_records(shard, settings.max_record_bytes)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # a reader bug must not lose the shard's other records
            record = ReadFailure(f"{shard.path}#!{shard.start}", "file",
                                 f"{shard.path}: reader failed: {type(exc).__name__}: {exc}")
        key = record.input[len(prefix):] if record.input.startswith(prefix) else ""
        count = seen.get(key, 0) + 1
        seen[key] = count
        if count > 1:
            key = f"{key}~{count}"
        if key in done:
            continue
        yield _outcome(record, key, engine, cat, settings.limits)
        if should_stop():
            return
        if isinstance(record, ReadFailure) and key.startswith("!"):
            return


def _offset(key: str) -> int | None:
    head = key.split("#", 1)[0].split("~", 1)[0]
    return int(head) if head.isdigit() else None


def _outcome(record: Record, key: str, engine: RuleEngine, cat: Catalogue,
             limits: PageLimits) -> Outcome:
    offset = _offset(key)
    if isinstance(record, Skipped):
        return Outcome(key, SKIPPED, record.kind, record.input, offset, record.reason)
    if isinstance(record, ReadFailure):
        return Outcome(key, FAILED, record.kind, record.input, offset, record.error)
    try:
        report = audit_document(record, engine, cat, limits)
    except Exception as exc:  # one page the pipeline chokes on is one failed record
        return Outcome(key, FAILED, record.kind, record.input, offset,
                       f"{record.input}: audit failed: {type(exc).__name__}: {exc}"[:1000])
    if report.errors:  # over a page limit
        return Outcome(key, FAILED, record.kind, record.input, offset, report.errors[0][:1000])
    return Outcome(key, AUDITED, record.kind, record.input, offset, None,
                   page_row(report, cat))


def page_row(report: PageReport, cat: Catalogue | None = None) -> PageRow:
    """The store's columns for one page (see `row_of`)."""
    return row_of(report.to_dict(), cat)


def row_of(page: dict[str, Any], cat: Catalogue | None = None) -> PageRow:
    """The store's columns from a page's CONTRACT JSON; its networks are the report's
    `networks` (a report written before it had none: then those of its resources, slots
    and IDs). A Parquet dataset keeps that JSON, so `auditor report --parquet` rebuilds
    the same rows from it (bulk/parquet.py)."""
    networks: dict[str, str | None] = {}
    if "networks" in page:
        networks = {n["network"]: n["category"] for n in page["networks"]}
    else:  # an older report: model.report_networks' rule, on its JSON
        for item in (*page["resources"], *page["slots"]):
            if item["network"] and hint_via(item.get("via")) is None \
                    and not item.get("creative"):
                networks.setdefault(item["network"], item["category"])
        for ident in page["ids"]:
            if ident["network"] and ident["network"] not in networks \
                    and ident.get("origin", "operator") == "operator":
                known = cat.network_named(ident["network"]) if cat else None
                networks[ident["network"]] = known.category.value if known else None
    return PageRow(
        url=page["url"],
        site=page["first_party"],
        kind=page["kind"],
        title=page["title"],
        metrics=page["metrics"],
        findings=len(page["findings"]),
        report_json=json.dumps(page, ensure_ascii=False, separators=(",", ":")),
        # a report written before issue 16 has neither origins nor provenance: its IDs
        # are all the operator's, and it names no source
        ids=tuple((i["kind"], i["value"], i["network"], i.get("origin") or "operator",
                   i.get("copied_from"), slot)
                  for i, slot in zip(page["ids"], _slot_ids(page["ids"], page["slots"]),
                                     strict=True)),
        networks=tuple(networks.items()),
        hosts=tuple((h["host"], h["domain"], h["network"], h["category"], h["resources"],
                     h["blocked"]) for h in page["third_party_hosts"]),
        sources=tuple((s["domain"], s["host"], s.get("url"),
                       ",".join(sorted({e["kind"] for e in s.get("evidence", ())})))
                      for s in page.get("provenance", ())),
        mfa=_mfa_columns(page.get("mfa")),
    )


def _slot_ids(ids: list[dict[str, Any]], slots: list[dict[str, Any]]) -> list[bool]:
    """Per ID, whether it belongs to the page's own ad slot markup: its value is a slot's
    zone ID, or it is the page's only ID of its kind of a network one of the page's slots
    is of (the AdSense publisher ID of a page with an AdSense `<ins>` unit). The slot is
    the operator's placement, so the crawl-wide copy rule leaves such an ID alone
    (auditor/bulk/origins.py). Only the only one: a page holding two publisher IDs of
    the slot's network (its own, and an outlet's that came with the copy) cannot say
    which the slot uses, and leaves both to the rule. A slot inside a copied article is
    the page's own copy mark's to judge."""
    zones = {s.get("zone_id") for s in slots} - {None}
    networks = {s.get("network") for s in slots} - {None}
    kinds: dict[tuple[str | None, str], int] = {}
    for i in ids:
        kinds[(i["network"], i["kind"])] = kinds.get((i["network"], i["kind"]), 0) + 1
    return [i["value"] in zones
            or (i["network"] in networks and kinds[(i["network"], i["kind"])] == 1)
            for i in ids]


def _mfa_columns(card: dict[str, Any] | None) -> tuple[int, int, str] | None:
    """The scorecard as the store's columns: met, judged, and the criteria met, so the
    per-site summary needs no report JSON parsed."""
    if not card:
        return None
    met = ",".join(i["criterion"] for i in card["indicators"] if i["met"])
    return int(card["met"]), int(card["judged"]), met
