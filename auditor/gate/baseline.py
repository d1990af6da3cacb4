"""The baseline: violations accepted on the day it was written (detect-secrets' shape).

`new = violations - baseline`, by fingerprint, and fingerprints hold no line numbers,
so a baseline survives edits that move markup. The file is versioned JSON with a
human-readable entry per fingerprint, sorted so that a rewritten baseline diffs well.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import PolicyError
from auditor.files import BinaryBytes, OverLimit, read_at_most, replacing_text
from auditor.model import Violation
from auditor.readers.json_posts import JSON_ERRORS

VERSION = 1
TOOL = "auditor"


@dataclass(frozen=True, slots=True)
class Baseline:
    """The fingerprints of accepted violations, and the file they came from."""

    fingerprints: frozenset[str]
    source: Path | None = None

    def __contains__(self, violation: object) -> bool:
        return isinstance(violation, Violation) and violation.fingerprint in self.fingerprints


def mark(violations: Iterable[Violation], baseline: Baseline) -> list[Violation]:
    """The same violations, those in the baseline marked `baselined` (they don't fail)."""
    return [dataclasses.replace(v, baselined=True) if v in baseline else v for v in violations]


def baseline_entries(violations: Iterable[Violation]) -> list[dict[str, Any]]:
    """One entry per fingerprint, with enough context for a reviewer; no line numbers."""
    entries: dict[str, dict[str, Any]] = {}
    for v in violations:
        entries.setdefault(v.fingerprint, {
            "fingerprint": v.fingerprint,
            "page": v.path,
            "clause": v.clause,
            "rule_id": v.rule_id,
            "evidence": v.evidence,
            "message": v.message,
        })
    return sorted(entries.values(), key=lambda e: (e["page"], e["clause"], e["evidence"],
                                                   e["fingerprint"]))


def dumps_baseline(violations: Iterable[Violation], version: str) -> str:
    doc = {"version": VERSION, "tool": TOOL, "generated_by": f"auditor {version}",
           "fingerprints": baseline_entries(violations)}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: Path | None, violations: Sequence[Violation], version: str) -> int:
    """Write atomically (a crash never leaves half a baseline), or (None) to stdout, as
    `-o -` writes a report; returns the entry count."""
    text = dumps_baseline(violations, version)
    if path is None:  # a reader gone (`| head`) is the CLI's to say: no "cannot write"
        from auditor.stdout import for_format

        out = for_format(sys.stdout, "json")
        out.write(text)
        out.flush()
        return len(json.loads(text)["fingerprints"])
    try:
        with replacing_text(path) as handle:
            handle.write(text)
    except OSError as exc:
        raise PolicyError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None
    return len(json.loads(text)["fingerprints"])


# a baseline's most: some 700,000 fingerprints with their context
MAX_BASELINE_BYTES = 256 * 1024 * 1024


def load_baseline(path: Path) -> Baseline:
    try:
        with path.open("rb") as handle:
            data = json.loads(read_at_most(handle, MAX_BASELINE_BYTES).decode("utf-8"))
    except BinaryBytes:
        raise PolicyError(f"{path}: baseline is not JSON: binary data") from None
    except OverLimit:
        raise PolicyError(f"{path}: larger than {MAX_BASELINE_BYTES >> 20} MiB, more than a "
                          "baseline holds") from None
    except FileNotFoundError:
        raise PolicyError(f"{path}: no such baseline file (create it with "
                          f"--write-baseline {path})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot read baseline: {exc}") from None
    except JSON_ERRORS as exc:
        raise PolicyError(f"{path}: baseline is not JSON: {exc}") from None
    except ValueError:  # Python's limit on an integer's digits: no baseline writes one
        raise PolicyError(f"{path}: not an auditor baseline: it holds an integer of "
                          "thousands of digits") from None
    return parse_baseline(data, path)


def parse_baseline(data: Any, path: Path) -> Baseline:
    if not isinstance(data, dict) or data.get("tool") != TOOL:
        raise PolicyError(f"{path}: not an auditor baseline (no \"tool\": \"auditor\")")
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # true == 1, 1.0 == 1: no version
        raise PolicyError(f"{path}: baseline version {version!r} is not supported "
                          f"(this auditor reads version {VERSION}); rewrite it with "
                          "--write-baseline")
    entries = data.get("fingerprints")
    if not isinstance(entries, list):
        raise PolicyError(f"{path}: fingerprints: expected a list")
    out: set[str] = set()
    for i, entry in enumerate(entries):
        value = entry.get("fingerprint") if isinstance(entry, dict) else entry
        if not isinstance(value, str) or not value:
            raise PolicyError(f"{path}: fingerprints[{i}]: expected an entry with a "
                              "\"fingerprint\" string")
        out.add(value)
    return Baseline(frozenset(out), path)
