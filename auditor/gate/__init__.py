"""The CI gate: policy, baseline, verdict. Pure functions behind one small facade."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

from auditor.errors import PolicyError
from auditor.model import PageReport, Violation


@dataclass
class Gate:
    """Applies a policy to each page as it streams; inactive without --policy."""

    active: bool = False
    violations: list[Violation] = field(default_factory=list)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Gate:
        if getattr(args, "policy", None) is None:
            return cls()
        raise PolicyError("policy gate: not available in this build")

    def evaluate(self, page: PageReport) -> list[Violation]:
        return []

    @property
    def open_violations(self) -> int:
        return sum(1 for v in self.violations if not v.baselined)

    @property
    def passed(self) -> bool:
        return self.open_violations == 0

    def finish(self) -> None:
        return None
