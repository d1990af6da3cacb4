"""Argument parsing and exit codes only; the work happens in the layers below.

Exit codes (CONTRACT): 0 ran and nothing violated policy; 1 policy violated;
2 usage error, unreadable input, or a bad rule/policy file.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import TextIO

from auditor import interrupts
from auditor.cli_args import (
    HelpWithExamples,
    add_limit_arguments,
    named,
    named_path,
    output_path,
    page_limits,
    page_url,
    terminal_width,
)
from auditor.errors import AuditorError, EmptyInput, InputError
from auditor.files import file_key, replacing_text, written_at_end
from auditor.model import ListInfo
from auditor.report.safe import inert, inert_logging
from auditor.version import __version__

EXIT_OK, EXIT_VIOLATION, EXIT_ERROR = 0, 1, 2


# commands a new user guesses from the docs' words, and where what they want lives
_GUESSED_COMMANDS = {
    "gate": "the CI gate is `auditor audit SITE_DIR --policy auditor.toml` (docs/CI.md)",
    "check": "a request URL is checked by `auditor rules check URL`",
    "update": "the lists are updated by `auditor rules update`",
}


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line (and still exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        for guess, hint in _GUESSED_COMMANDS.items():
            if self.prog == "auditor" and f"invalid choice: '{guess}'" in message:
                message = f"there is no `{guess}` command: {hint}"
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from auditor.bulk.cli import add_bulk_parser, add_report_parser
    from auditor.report import REPORTERS
    from auditor.rules.cli import add_rules_parser

    parser = _Parser(
        prog="auditor", description="Find the ads and trackers injected into scraped pages.",
        formatter_class=HelpWithExamples,
        epilog="examples:\n"
        "  auditor audit examples/wp-post-injected.json\n"
        "  auditor bulk crawl.warc.gz --store audit.db && auditor report --store audit.db\n"
        "  auditor rules check https://a.magsrv.com/ad-provider.js --type script\n\n"
        "auditor COMMAND --help describes each command.")
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    audit = commands.add_parser(
        "audit", help="audit pages: HTML, WordPress JSON, text, archives",
        description="Audit pages and say which ad networks and trackers they carry, with "
        "which IDs, where, found by which rule; with a policy, gate them for CI (exit 1 on a "
        "violation). Exit codes: 0 ran (and passed), 1 policy violated, 2 usage error or "
        "unreadable input.",
        formatter_class=HelpWithExamples,
        epilog="examples:\n"
        "  auditor audit examples/wp-post-injected.json\n"
        "  auditor audit page.html post.json crawl.warc.gz --format json --output report.json\n"
        "  curl -s https://example.com/ | auditor audit - --url https://example.com/\n"
        "  auditor audit public/ --policy auditor.toml --base-url https://example.com \\\n"
        "      --also sarif=auditor.sarif")
    audit.add_argument(
        "inputs",
        nargs="+",
        type=named,
        metavar="INPUT",
        help="file, directory (walked recursively) or - for stdin",
    )
    audit.add_argument("--url", type=page_url,
                       help="page URL of a single input that does not carry one")
    add_list_arguments(audit)
    audit.add_argument("--format", choices=sorted(REPORTERS), default="terminal",
                       help="report format (default terminal)")
    audit.add_argument("--output", "-o", type=output_path,
                       help="write the report here (default, or -: stdout)")
    audit.add_argument("--width", type=terminal_width, metavar="N",
                       help="terminal report width in columns")
    add_limit_arguments(audit)
    add_gate_arguments(audit)

    add_bulk_parser(commands)
    add_report_parser(commands)
    add_rules_parser(commands)
    return parser


def add_list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lists",
        action="append",
        type=named_path,
        default=[],
        metavar="PATH",
        help="an extra EasyList-syntax list (repeatable)",
    )
    parser.add_argument(
        "--no-system-lists",
        action="store_true",
        help="don't load EasyList/EasyPrivacy from the system or user cache",
    )


def add_gate_arguments(parser: argparse.ArgumentParser) -> None:
    """Policy options; the gate (auditor.gate) reads them."""
    gate = parser.add_argument_group("CI gate (see docs/CI.md)")
    # one or the other, as the synopsis has it: with both, the gate ran under the policy
    # the user had also said not to use (a usage error, not a guess at which was meant)
    which = gate.add_mutually_exclusive_group()
    which.add_argument("--policy", type=named_path, metavar="FILE",
                       help="policy file: auditor.toml, or pyproject.toml's [tool.auditor] "
                            "(default: either, in the working directory)")
    which.add_argument("--no-policy", action="store_true",
                       help="don't look for a policy in the working directory")
    gate.add_argument("--baseline", type=named_path, metavar="FILE",
                      help="violations in this baseline don't fail; only new ones do")
    gate.add_argument("--write-baseline", type=output_path, default=False, metavar="FILE",
                      help="record today's violations in FILE (or -: stdout) and exit 0")
    gate.add_argument("--also", action="append", type=_also, default=[], metavar="FORMAT=FILE",
                      help="also write FORMAT to FILE (repeatable), e.g. --also "
                           "sarif=auditor.sarif --also md=$GITHUB_STEP_SUMMARY")
    gate.add_argument("--base-url", metavar="URL",
                      help="site mode: a page's URL is URL + its path under the site "
                           "directory (index.html is its directory's URL)")


def _also(value: str) -> tuple[str, Path | None]:
    """FORMAT=FILE for --also: one run, several reports (and one set of annotations);
    FILE `-` is stdout."""
    from auditor.report import REPORTERS

    fmt, sep, file = value.partition("=")
    if not sep or not file or fmt not in REPORTERS:
        raise argparse.ArgumentTypeError(
            f"expected FORMAT=FILE with FORMAT one of {', '.join(sorted(REPORTERS))}, "
            f"got {value!r}")
    return fmt, output_path(file)


def main(argv: Sequence[str] | None = None) -> int:
    interrupts.begin()
    inert_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)  # as given, for the store's runs
    try:
        _stdout_open(args)
        if args.command == "audit":
            return run_audit(args)
        if args.command == "bulk":
            from auditor.bulk.cli import run_bulk

            return run_bulk(args)
        if args.command == "report":
            from auditor.bulk.cli import run_report

            return run_report(args)
        if args.command == "rules":
            from auditor.console import OutputConsole
            from auditor.rules.cli import run_rules_command

            return run_rules_command(args, OutputConsole(highlight=False))
    except AuditorError as exc:
        print(f"auditor: error: {inert(str(exc), limit=2000)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        with interrupts.held():  # a second Ctrl-C now printed this line twice
            interrupts.say()
        return 130
    except BrokenPipeError:  # the reader stopped reading (`| head`): end quietly
        _quiet_stdout()
        return EXIT_OK
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG and exc.filename is not None:
            # a path given (an input, a store, an output) with a name over the file
            # system's limit: Path.is_dir and its kin raise it where they answer False
            # for a file that is not there, from wherever the path is first looked at
            name = inert(os.fsdecode(exc.filename), limit=80)
            print(f"auditor: error: {name}: {exc.strerror}", file=sys.stderr)
            return EXIT_ERROR
        if exc.errno not in _WRITE_FAILURES:
            raise
        # a full disk under --output or a redirect (`> /dev/full`): the environment's
        # fault, so the one-line usage error, not the internal-error message
        _quiet_stdout()
        print(f"auditor: error: cannot write the output: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    parser.error(f"unknown command {args.command}")
    return EXIT_ERROR


# what a write of the report can meet that no code of ours caused (EROFS: its file
# system remounted read-only midway)
_WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS})


@contextmanager
def _judged_whole(gated: bool, files: Sequence[Path] = ()) -> Iterator[None]:
    """A reader that stops reading (`| head`) ends an audit quietly, exit 0, but not a
    gate's: it stopped at the page being printed, so exit 0 would pass the pages never
    judged (and a violation already found) under `set -o pipefail`. Fail closed. Nor
    one that also writes `files` (`--also sarif=r.sarif | head`): the break stopped the
    run before they were written, and exit 0 left a stale or missing report unsaid."""
    try:
        yield
    except BrokenPipeError:
        if not (gated or files):
            raise
        _quiet_stdout()
        if gated:
            raise AuditorError("stdout's reader stopped reading before the run ended, so "
                               "the policy judged only part of it") from None
        raise AuditorError("stdout's reader stopped reading before the run ended, so "
                           f"{', '.join(map(str, files))} {'was' if len(files) == 1 else 'were'}"
                           " not written (left as before)") from None


def _quiet_stdout() -> None:
    """stdout onto /dev/null, so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def run_audit(args: argparse.Namespace) -> int:
    from auditor.catalogue import default_catalogue
    from auditor.gate import Gate
    from auditor.pipeline import audit_records, loading_for_the_run, report_lists
    from auditor.readers import ReadFailure, Record, Skipped, split_member
    from auditor.report import REPORTERS, Reporter, RunSummary
    from auditor.report.github import GitHubAnnotations, in_github_actions
    from auditor.report.tee import Tee
    from auditor.rules import Engine

    if args.inputs.count("-") > 1:  # the second read found stdin empty: a page error
        raise AuditorError("- given more than once: stdin can be read once")
    if args.url and len(args.inputs) > 1:
        raise AuditorError("--url applies to a single input; got several")
    if args.url and args.base_url:
        raise AuditorError("--url and --base-url: give one (--base-url maps paths to URLs)")
    gate = Gate.from_args(args)
    limits = page_limits(args)
    with loading_for_the_run():
        engine = Engine.load(extra_lists=args.lists, system_lists=not args.no_system_lists)
        catalogue = default_catalogue()
    lists = report_lists(engine, catalogue,
                         missing_lists(engine.lists, wanted=not args.no_system_lists))
    if args.format != "terminal" and any(li.missing for li in lists):
        from auditor.report.terminal import missing_lists_line

        print(f"auditor: {missing_lists_line(lists)}", file=sys.stderr)
    kept = [(gate.policy_path, "the policy"), *((path, "a filter list") for path in args.lists)]
    reports = [args.output, *(path for _, path in args.also)]  # None: stdout
    _check_outputs(args.inputs, reports, [*kept, (args.baseline, "the baseline")])
    if gate.writes_baseline:  # it may renew --baseline; None: stdout, as for -o -
        _check_outputs(args.inputs, [*reports, gate.write_to], kept)
    # each output replaced once whole; none after Ctrl-C
    files = [p for p in reports  # what a broken pipe leaves unwritten: files replaced
             if p is not None and written_at_end(p) and file_key(p) != file_key(1)]
    with _judged_whole(gate.active, files), ExitStack() as outputs:
        out = outputs.enter_context(_output(args.output, args.format))
        reporter: Reporter = REPORTERS[args.format](out, __version__, gate.active)
        if args.format == "terminal" and args.width:
            reporter.console.width = args.width  # type: ignore[attr-defined]
        extra: list[Reporter] = []
        for fmt, path in args.also:
            handle = outputs.enter_context(_output(path, fmt))
            extra.append(REPORTERS[fmt](handle, __version__, gate.active))
        if gate.active and in_github_actions():
            extra.append(GitHubAnnotations(sys.stderr))
        if extra:
            reporter = Tee(reporter, *extra)
        pages = errors = 0
        skipped: list[Skipped] = []
        started = False

        def begin() -> None:
            """Start the report at the first page, so bad input prints only its error."""
            nonlocal started
            if not started:
                reporter.start(lists)
                started = True

        unreadable: list[str] = []  # whole files that could not be audited: exit 2
        whole_files: set[str] = set()  # records that are files, not archive members
        not_given: list[str] = []  # inputs that are not there or held no page: exit 2
        absent: set[str] = set()  # of those, the ones that stand as a failed page

        def streamed(source: str) -> Iterator[Record]:
            """Records as they are read (an archive is never held whole); skips counted.
            Of several inputs, one that cannot be read is a failed page and the run goes
            on; a single input that cannot be read is the run's one-line error. A damaged
            record inside an archive is reported, and does not change the exit code."""
            try:
                for record in gate.records(source, args.url, limits):
                    if isinstance(record, Skipped):
                        skipped.append(record)
                    elif (record.input == source
                          or (isinstance(record, ReadFailure) and record.kind == "file")
                          or not split_member(record.input)[1]):
                        whole_files.add(record.input)  # a file of its own, not `archive#member`
                    yield record
            except InputError as exc:
                if len(args.inputs) == 1:
                    raise
                whole_files.add(source)
                if isinstance(exc, EmptyInput) or (source != "-" and (
                        not os.path.lexists(source) or os.path.isdir(source))):
                    # a path mistyped, a build that made nothing or an empty page: no
                    # page of the site that `allow_unreadable` may let by
                    not_given.append(str(exc))
                    absent.add(source)
                yield ReadFailure(source, "file", str(exc))

        def stood_for(source: str) -> Iterator[Record]:
            """`source`'s records, and, beside other inputs, when all it held were skipped
            (an archive of images), a failed page standing for it, so that every report
            shows the input the gate could not judge (exit 2), not only the summary."""
            held, skipped_before = False, len(skipped)
            for record in streamed(source):
                held = held or not isinstance(record, Skipped)
                yield record
            if not held and gate.active and len(args.inputs) > 1:
                error = (f"{source}: held no page ({len(skipped) - skipped_before} records "
                         "skipped)")
                not_given.append(error)
                absent.add(source)
                whole_files.add(source)
                yield ReadFailure(source, "file", error)

        for source in args.inputs:
            before = (pages, len(skipped))
            for page in audit_records(stood_for(source), engine, catalogue, limits):
                if (page.errors and page.input in whole_files and page.input not in absent
                        and os.path.isdir(page.input)):
                    # a folder of the site the walk could not list: its pages are unknown,
                    # no page allow_unreadable may let by
                    not_given.append(page.errors[0])
                    absent.add(page.input)
                violations = gate.evaluate(page, source, absent=page.input in absent)
                begin()
                reporter.handle(page, violations)
                pages += 1
                errors += bool(page.errors)
                if page.errors and page.input in whole_files:
                    unreadable.append(page.input)
            if pages == before[0]:  # an archive of images: nothing of it was judged
                not_given.append(f"{source}: held no page ({len(skipped) - before[1]} "
                                 "records skipped)")
        begin()
        # a gate that judged no page (none read, or none readable, as `allow_unreadable`
        # lets pass) has passed nothing: no report says "passed", no baseline is written;
        # nor has one given an input that is not there or held no page, whatever the rest
        judged_nothing = gate.active and pages == errors
        incomplete = judged_nothing or (gate.active and bool(not_given))
        reporter.finished(
            RunSummary(pages, errors, len(skipped), gate.open_violations, gate.active,
                       gate.passed and not incomplete,
                       gate.baseline_name if gate.writes_baseline and not incomplete
                       else None)
        )
        if not incomplete:
            gate.finish()
    if judged_nothing and (gate.passed or gate.writes_baseline):
        what = (f"every page ({pages}) could not be audited" if pages else
                f"the inputs held no page{f' ({len(skipped)} skipped)' if skipped else ''}")
        print(f"auditor: error: the policy judged no page: {what}", file=sys.stderr)
        return EXIT_ERROR
    if gate.active and not_given:  # "could not judge" (2), not "violations" (1)
        more = f" (and {len(not_given) - 1} more)" if len(not_given) > 1 else ""
        print(f"auditor: error: the policy could not judge every input: "
              f"{inert(not_given[0], limit=300)}{more}", file=sys.stderr)
        return EXIT_ERROR
    if not (gate.passed or gate.writes_baseline):
        return EXIT_VIOLATION
    if unreadable and not gate.active:
        print(f"auditor: {_count(len(unreadable), 'page')} could not be audited: "
              f"{inert(unreadable[0], limit=200)}{' …' if len(unreadable) > 1 else ''} "
              "(reported as page errors)", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def missing_lists(loaded: Sequence[ListInfo], wanted: bool = True) -> tuple[ListInfo, ...]:
    """EasyList and EasyPrivacy when they were wanted and not found, as `missing` entries
    of the report's `lists`: a report without them blocks far less, and must say so."""
    from auditor.rules.sources import OFFICIAL_URLS

    if not wanted:
        return ()
    names = {li.name for li in loaded}
    return tuple(
        ListInfo(name, f"not found (auditor rules update downloads {url})", 0, "", missing=True)
        for name, url in OFFICIAL_URLS.items() if name not in names)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _check_outputs(inputs: Sequence[str], outputs: Sequence[Path | None],
                   kept: Sequence[tuple[Path | None, str]] = ()) -> None:
    """Refuse, before any file is opened for writing, a report or baseline that would
    overwrite an input (opening it truncates the page before it is read; a baseline
    replaces it after), a file the run reads (`kept`: the policy, the baseline, a filter
    list), another output of the same run, or land inside an input directory where the
    walk would audit it as a page (`report.json`, `report.html`; not `report.sarif`, nor
    a hidden `.auditor-baseline.json`). Files are told apart by what they are, not their
    names (`file_key`): a hard link to the page, or `/dev/stdin` when `-` reads it, is
    the page. An output of None is stdout; devices (/dev/null, a terminal) may take any
    number: two reports into one file or pipe are one garbled report."""
    from auditor.readers.registry import walkable

    def key(path: Path | None) -> tuple[int, int] | str | None:
        return file_key(1 if path is None else path)  # None: stdout is closed

    read = [(key(r), what) for r, what in kept if r is not None]
    sources = [(_stdin_file() if s == "-" else file_key(Path(s)), s) for s in inputs]
    seen: list[tuple[int, int] | str] = []
    for path in outputs:
        name, where = path or "stdout", key(path)
        if where is None or _device(path):
            continue  # /dev/null, a terminal: each report shows as it streams, no file lost
        if where in seen:
            raise AuditorError(f"{name}: given as two outputs; each report needs its own file")
        seen.append(where)
        for read_key, what in read:
            if read_key == where:
                raise AuditorError(f"{name}: is {what} this run reads; writing there would "
                                   "overwrite it")
        for source_key, source in sources:
            if source_key == where:
                raise AuditorError(f"{name}: is also an input; writing there would overwrite it")
            if path is None or source == "-":
                continue
            given = Path(os.path.realpath(source))
            written = Path(os.path.realpath(path))  # a symlink loop: no RuntimeError
            if given.is_dir() and given in written.parents and walkable(written):
                raise AuditorError(f"{path}: is inside the input directory {source}, where it "
                                   "would be audited as a page; write it elsewhere")


def _device(path: Path | None) -> bool:
    """Whether an output (None: stdout) is a character device: /dev/null, a terminal."""
    try:
        mode = os.fstat(1).st_mode if path is None else path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode)


def _stdin_file() -> tuple[int, int] | str | None:
    """The file `-` reads when stdin is one (`< page.html`), which no output may be; not
    a terminal, which takes the page typed and shows the report alike."""
    try:
        regular = stat.S_ISREG(os.fstat(0).st_mode)
    except OSError:
        return None
    return file_key(0) if regular else None


def _stdout_open(args: argparse.Namespace) -> None:
    """A command whose answer is printed, run with stdout closed (`>&-`), printed into
    nothing and exited 0: a report lost without a word. (`bulk`'s answer is its store.)"""
    if sys.stdout is None and args.command != "bulk" and getattr(args, "output", None) is None:
        hint = ": give --output FILE for the report" if hasattr(args, "output") else ""
        raise AuditorError(f"stdout is closed, so nothing printed would be seen{hint}")
    if sys.stdout is None and any(path is None for _, path in getattr(args, "also", ())):
        # `--also md=-` wrote into None: an AttributeError, "internal error"
        raise AuditorError("stdout is closed, so nothing printed would be seen: give "
                           "--also FORMAT=FILE a file, not -")


def _output(path: Path | None, fmt: str) -> AbstractContextManager[TextIO]:
    """Where a report in `fmt` goes: `path`, written whole or not at all, else (None)
    stdout, escaped where its encoding cannot carry the report (`auditor.stdout`)."""
    from auditor.stdout import for_format

    return nullcontext(for_format(sys.stdout, fmt)) if path is None else replacing_text(path)


def entry() -> None:
    """The command's entry (`auditor.__main__` imports it): a bug is one line too."""
    if os.environ.get("AUDITOR_DEBUG"):
        sys.exit(main())
    try:
        sys.exit(main())
    except Exception as exc:  # a bug must still be one line; AUDITOR_DEBUG=1 shows it whole
        print(
            f"auditor: internal error: {type(exc).__name__}: {inert(str(exc), limit=500)} "
            "(set AUDITOR_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        sys.exit(EXIT_ERROR)
