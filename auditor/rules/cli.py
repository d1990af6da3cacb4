"""`auditor rules list|update|check`: the rule engine's corner of the command line.

The main CLI registers the parser with `add_rules_parser` and dispatches to
`run_rules_command`; errors are raised as RuleError for it to print as one line.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from auditor.cli_args import HelpWithExamples, named_path, page_url, request_url
from auditor.errors import RuleError
from auditor.model import RequestType
from auditor.report.safe import inert
from auditor.rules.engine import Engine, Explanation
from auditor.rules.sources import update


def add_rules_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `rules` with its `list`, `update` and `check` actions."""

    p: argparse.ArgumentParser = subparsers.add_parser(
        "rules", help="inspect, update and test the filter lists",
        formatter_class=HelpWithExamples,
        description="The filter lists behind every audit: the project's own, EasyList and "
        "EasyPrivacy (system\npackage or user cache) and any --lists.\n\n"
        "  list    the lists loaded: name, source, rules, unsupported rules, sha256\n"
        "  update  download EasyList and EasyPrivacy into the user cache (the only\n"
        "          command that uses the network; exit 2 when a list fails)\n"
        "  check   the decision on one request URL: the rule that decided, its list\n"
        "          and line, whether an exception won, and the candidates that lost",
        epilog="examples:\n"
        "  auditor rules list\n"
        "  auditor rules update\n"
        "  auditor rules check https://a.magsrv.com/ad-provider.js \\\n"
        "      --source-url https://8657085.xyz/ --type script",
    )
    p.add_argument("action", choices=("list", "update", "check"),
                   help="what to do (described above)")
    p.add_argument("url", nargs="?", type=request_url, help="the request URL (check)")
    p.add_argument("--source-url", default=None, type=page_url,
                   help="the page making the request (check)")
    p.add_argument(
        "--type",
        default=None,  # "other" when used: None says no --type was given
        choices=[t.value for t in RequestType],
        help="request type (check; default: other)",
    )
    p.add_argument(
        "--lists",
        action="append",
        default=[],
        type=named_path,
        metavar="PATH",
        help="add an EasyList-syntax list (list, check; repeatable)",
    )
    p.add_argument("--no-system-lists", action="store_true",
                   help="skip system and cached lists (list, check)")
    p.add_argument("--force", action="store_true", help="update: ignore `! Expires:`")
    p.set_defaults(rules_command=True)
    return p


# What each action reads (argparse dests); one given to an action that does not read it
# is refused, not ignored: `rules list --type script` was a silent no-op.
_READS: dict[str, frozenset[str]] = {
    "list": frozenset({"lists", "no_system_lists"}),
    "update": frozenset({"force"}),
    "check": frozenset({"url", "source_url", "type", "lists", "no_system_lists"}),
}


def _refuse_unread(args: argparse.Namespace) -> None:
    """RuleError naming an option given that `args.action` does not read."""
    for dest in sorted(frozenset().union(*_READS.values()) - _READS[args.action]):
        if getattr(args, dest, None) not in (None, False, []):
            option = "a URL" if dest == "url" else "--" + dest.replace("_", "-")
            readers = " and ".join(a for a, reads in _READS.items() if dest in reads)
            raise RuleError(f"{option} is for rules {readers}, not rules {args.action}")


def run_rules_command(args: argparse.Namespace, out: Console) -> int:
    """Run one `rules` action; returns the exit code (RuleError propagates for exit 2)."""
    action = args.action
    _refuse_unread(args)  # before `update` goes to the network
    if action == "update":
        results = update(force=bool(getattr(args, "force", False)))
        for r in results:  # a list not brought up to date says why on stderr, as errors do
            if r.ok:
                out.print(_shown(r.line()), highlight=False, soft_wrap=True)
            else:
                print(f"auditor: {inert(r.line())}", file=sys.stderr)
        # a list that could not be fetched is an input that could not be read: exit 2
        return 0 if all(r.ok for r in results) else 2
    engine = Engine.load(
        extra_lists=tuple(getattr(args, "lists", ()) or ()),
        system_lists=not getattr(args, "no_system_lists", False),
    )
    if action == "list":
        table = Table("name", "source", "rules", "unsupported", "sha256")
        for li in engine.lists:
            table.add_row(
                _shown(li.name), _shown(li.source), str(li.rules), str(li.unsupported), li.sha256
            )
        # piped, the table takes the width it needs: a path or a digest cut with "…" cannot
        # be checked; on a terminal, long values fold to its width
        for column in table.columns:
            column.overflow = "fold"
        if not out.is_terminal:
            out.width = 4096  # a table takes no more than it needs
        out.print(table)
        return 0
    if not args.url:
        raise RuleError("rules check needs a URL")
    ex = engine.explain(args.url, source_url=args.source_url, type=args.type or "other")
    print_explanation(ex, out)
    return 0


def _shown(text: str) -> str:
    """A value for rich markup: its brackets escaped and its control and bidi characters
    shown as escapes. A URL given to `check` may be pasted from a page (`\x1b[2J` in a
    path cleared the terminal), and a rule or list path comes from a downloaded list."""
    return escape(inert(text))


def print_explanation(ex: Explanation, out: Console) -> None:
    """The decision, the rule that made it, and every other candidate with why it lost."""
    m = ex.match
    if m.blocked:
        verdict = "[bold red]BLOCKED[/]"
    elif m.exception:
        verdict = "[bold green]ALLOWED by exception[/]"
    else:
        verdict = "[green]not blocked[/] (no rule matched)"
    out.print(f"{verdict}  {_shown(ex.url)}", highlight=False)
    party = {True: "third-party", False: "first-party", None: "party unknown: no source host"}[
        ex.third_party
    ]
    out.print(
        f"  type: {ex.type}  source: {_shown(ex.source_url or '-')}  ({party})", highlight=False
    )
    if m.rule is not None:
        flags = []
        if m.exception:
            flags.append("exception won")
        if m.important:
            flags.append("$important")
        extra = _shown(f"  [{', '.join(flags)}]") if flags else ""
        _indented(out, 2, f"rule: {_shown(m.rule)}  (list {_shown(m.list or '?')}, "
                          f"line {m.line}){extra}")
    others = [c for c in ex.candidates if c.outcome != "decided"]
    if others:
        out.print("  other candidates:", highlight=False)
        for c in others:
            _indented(out, 4, f"{_shown(c.rule)}  ({_shown(c.list)}:{c.line}): "
                              f"{_shown(c.outcome)}")


def _indented(out: Console, indent: int, markup: str) -> None:
    """A line whose wrapped rest stays under its start (at 80 columns a candidate's
    reason wrapped to column 0, under the verdict)."""
    out.print(Padding(Text.from_markup(markup), (0, 0, 0, indent), expand=False),
              highlight=False)
