"""The CI gate: policy, baseline, verdict. Pure functions behind one small facade.

The facade holds what a run needs between pages (the policy, the baseline, the
violations so far); the judging is `verdict.evaluate_page`, a pure function.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from auditor.dom.parser import DEFAULT_LIMITS, PageLimits
from auditor.errors import PolicyError
from auditor.gate.baseline import Baseline, load_baseline, mark, write_baseline
from auditor.gate.interface import Policy
from auditor.gate.policy import check_base_url, find_policy, load_policy, rules_for
from auditor.gate.site import (
    SITE_DOCUMENT_SUFFIXES,
    SITE_PAGE_SUFFIXES,
    page_url,
    path_at,
    place_in_site,
    served_page,
    site_dir,
    site_path,
    site_records,
)
from auditor.gate.verdict import evaluate_page
from auditor.model import PageReport, Violation
from auditor.readers import Record, read_source

__all__ = ["Gate", "Policy", "PolicyError"]


def _known_networks() -> list[str]:
    from auditor.catalogue import default_catalogue

    return [n.name for n in default_catalogue().networks]


@dataclass
class Gate:
    """Applies a policy to each page as it streams; inactive without a policy."""

    policy: Policy | None = None
    baseline: Baseline | None = None
    write_to: Path | None = None  # --write-baseline FILE; None with writes_baseline: stdout
    writes_baseline: bool = False
    base_url: str | None = None
    version: str = ""
    policy_path: Path | None = None  # the file the policy was read from
    violations: list[Violation] = field(default_factory=list)
    # the URL `--url` gave an input that is no file of the site (stdin, a pipe)
    given_urls: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Gate:
        """--policy, else auditor.toml / pyproject.toml [tool.auditor] in the working directory."""
        from auditor.version import __version__

        policy_path: Path | None = getattr(args, "policy", None)
        if policy_path is None and not getattr(args, "no_policy", False):
            policy_path = find_policy(Path.cwd())
        baseline_path: Path | None = getattr(args, "baseline", None)
        given = getattr(args, "write_baseline", False)  # False: not given; None: `-`, stdout
        writes = given is not False
        write_to: Path | None = given if isinstance(given, Path) else None
        base_url: str | None = getattr(args, "base_url", None)
        if base_url is not None:
            base_url = check_base_url(base_url, lambda p: PolicyError(f"--base-url: {p}"))
        if policy_path is None:
            for flag, value in (("--baseline", baseline_path is not None),
                                ("--write-baseline", writes)):
                if value:
                    raise PolicyError(f"{flag} needs a policy: --policy FILE, or an "
                                      "auditor.toml in the working directory")
            return cls(base_url=base_url, version=__version__)
        if write_to is not None and not write_to.parent.is_dir():
            raise PolicyError(f"--write-baseline {write_to}: no such directory")
        if write_to is not None and write_to.is_dir():  # found before the audit, not after
            raise PolicyError(f"--write-baseline {write_to}: is a directory")
        policy = load_policy(policy_path, _known_networks())
        if (baseline_path is not None and write_to is not None and not baseline_path.exists()
                and os.path.abspath(baseline_path) == os.path.abspath(write_to)):
            # renewing a baseline that is not there yet: "create it with --write-baseline
            # X" told a user who had given just that to do it
            raise PolicyError(f"{baseline_path}: no such baseline file yet; to write the "
                              f"first one, give --write-baseline {write_to} without --baseline")
        baseline = load_baseline(baseline_path) if baseline_path is not None else None
        return cls(policy=policy, baseline=baseline, write_to=write_to, writes_baseline=writes,
                   base_url=base_url or policy.base_url, version=__version__,
                   policy_path=policy_path)

    @property
    def active(self) -> bool:
        return self.policy is not None

    def records(self, source: str, url: str | None = None,
                limits: PageLimits = DEFAULT_LIMITS) -> Iterator[Record]:
        """An input's pages, read by the readers' registry; a directory with a base URL
        is walked as a built site (the code its pages load found within the audit's
        `limits`), and a gated site page is read as the HTML a browser renders (a
        directory without one is walked as `auditor audit` walks any: every file a
        reader takes)."""
        root = site_dir(source)
        if root is not None and self.base_url and url is None:
            place = place_in_site(root, self.policy.site_root if self.policy else None)
            base_url = (self.base_url if place in (None, ".")
                        else page_url(self.base_url, place) + "/")
            yield from site_records(root, base_url, limits)
            return
        if url is None and self.base_url and root is None and source != "-":
            url = page_url(self.base_url, self.path_of(source))
        elif url is not None and root is None and (source == "-" or not os.path.isfile(source)):
            self.given_urls[source] = url
        suffix = Path(source).suffix.lower()
        if self.active and root is None and (suffix in SITE_PAGE_SUFFIXES
                                             or suffix in SITE_DOCUMENT_SUFFIXES):
            yield from served_page(Path(source), url)  # a gated page is read as served
            return
        yield from read_source(source, url)

    def path_of(self, input_name: str, source: str | None = None) -> str:
        """A page's path as the policy sees it: under site_root when the directory
        input it was read from (`source`) lies inside it, else under that directory,
        site_root, or the cwd; for stdin (or a pipe) given a URL on the site, the path
        that URL is served from (`<stdin>` matched no override's globs)."""
        given = self.given_urls.get(source) if source is not None else None
        at = path_at(self.base_url, given) if given is not None and self.base_url else None
        if at is not None:  # `auditor audit - --url URL`: where the URL is on the site
            return at
        folder = site_dir(source) if source is not None else None
        site_root = self.policy.site_root if self.policy else None
        if folder is not None and place_in_site(folder, site_root) is not None:
            folder = site_root
        roots = tuple(r for r in (folder, site_root, Path.cwd()) if r is not None)
        return site_path(input_name, roots)

    def evaluate(self, page: PageReport, source: str | None = None, absent: bool = False
                 ) -> list[Violation]:
        """The page's violations; `source` is the input it was read from, as given to
        `records` (a directory's pages take their paths from it). `absent`: the page
        stands for an input that is not there (or a folder that is none): it fails
        whatever `allow_unreadable` and the baseline say, as the run does (exit 2), so
        that no report calls it allowed or accepted in a run it failed."""
        if self.policy is None:
            return []
        path = self.path_of(page.input, source)
        first_party = (urlsplit(self.base_url).hostname or "",) if self.base_url else ()
        rules = rules_for(self.policy, path)
        if absent:
            rules = replace(rules, allow_unreadable=False)
        violations = evaluate_page(page, path, rules, first_party)
        if self.baseline is not None:
            violations = mark(violations, self.baseline)
            if absent:
                violations = [replace(v, baselined=False) if v.clause == "unreadable" else v
                              for v in violations]
        self.violations.extend(violations)
        return violations

    @property
    def open_violations(self) -> int:
        return sum(1 for v in self.violations if not v.baselined)

    @property
    def passed(self) -> bool:
        return self.open_violations == 0

    @property
    def baseline_name(self) -> str:
        """Where --write-baseline writes, for the closing lines."""
        return "stdout" if self.write_to is None else str(self.write_to)

    def finish(self) -> None:
        """Write the baseline, when asked: today's violations, baselined or not."""
        if not self.writes_baseline:
            return
        count = write_baseline(self.write_to, self.violations, self.version)
        print(f"auditor: wrote {count} fingerprint{'s' if count != 1 else ''} to baseline "
              f"{self.baseline_name}", file=sys.stderr)
