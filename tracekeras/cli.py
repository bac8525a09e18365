"""The ``tracekeras`` command (entry point ``tracekeras.cli:main``; ``python -m tracekeras``).

What it owns: the command line around ``visualize`` and the hand-over of the
commands that run the engine::

    tracekeras render TRACE --format svg|png|dot|mermaid|perfetto|speedscope|html
                      [--out PATH] [--stage S] [--depth N]
    tracekeras show TRACE [--depth N] [--stage S] [--no-legend]   # rich tree
    tracekeras summary TRACE                                       # stage timing table
    tracekeras outputs TRACE [--out DIR] [--stem NAME]             # every rendering
    tracekeras diff A B [--rtol R] [--atol A] [--html PATH] [--side-by-side]
                    [--known TABLE | --no-known] [--limit N] [--quiet] [--graph-view]
                                                                   # two traces lined up
    tracekeras demo ... / tracekeras run ...                       # see ENGINE_COMMANDS

What it receives: ``argv``. What it hands on: an exit status (0 done, 1 a
trace or output problem, 2 a usage mistake). ``diff`` answers as CI wants: 0
the traces agree but for known differences, 1 they differ, 2 bad input (a
trace or a known-differences table that cannot be read). Every problem is one clear line
on stderr, never a traceback. The trace commands import only
``tracekeras.tracing`` and ``visualize`` (never the engine).

``ENGINE_COMMANDS`` maps a command to the module that implements it; the
command is handed whole to that module's ``main(argv) -> int`` (its own
options, its own help). The module is imported only then, so the trace
commands never load the engine.
"""
import argparse
import contextlib
import gc
import importlib
import os
import shlex
import sys
from typing import Optional, Sequence

from rich.console import Console

import visualize
from tracekeras import tracing
from tracekeras.conformance import graph_view, known_differences
from tracekeras.tracing import alignment, jsonl
from visualize import spans
from visualize.outputs import FORMATS, SUFFIX

ENGINE_COMMANDS = {"demo": "tracekeras.demo", "run": "tracekeras.run"}
PROG = "tracekeras"


class CommandError(Exception):
    """A problem the user can fix: said in one line, exit status 1."""


class UsageError(Exception):
    """A mistake in the command line: said in one line, exit status 2."""


class BadInput(Exception):
    """An input ``diff`` cannot compare: said in one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors (no usage dump, no traceback)."""

    def error(self, message):
        raise UsageError(f"{self.prog}: error: {message} (see `{self.prog} --help`)")


def build_parser():
    parser = Parser(prog=PROG, description="Render and inspect tracekeras traces "
                    "(the Keras 2 training engine on NumPy, traced).")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    render = sub.add_parser("render", help="draw a trace in one format")
    render.add_argument("trace", metavar="TRACE", help="a trace file (.jsonl)")
    render.add_argument("--format", "-f", default="svg",
                        help=f"one of {', '.join(FORMATS)} (default svg)")
    render.add_argument("--out", "-o", help="output path (default: beside the trace)")
    render.add_argument("--stage", action="append",
                        help="keep only this stage (repeatable; call diagram, mermaid, html)")
    render.add_argument("--depth", type=positive_int,
                        help="keep calls at most this deep (1 or more)")

    show = sub.add_parser("show", help="print the trace as a tree")
    show.add_argument("trace", metavar="TRACE")
    show.add_argument("--depth", type=positive_int,
                      help="show at most this many levels (1 or more)")
    show.add_argument("--stage", action="append", help="keep only this stage (repeatable)")
    show.add_argument("--no-legend", action="store_true", help="leave out the stage legend")

    summary = sub.add_parser("summary", help="print the time spent per stage")
    summary.add_argument("trace", metavar="TRACE")

    every = sub.add_parser("outputs", help="write every rendering of a trace into a folder")
    every.add_argument("trace", metavar="TRACE")
    every.add_argument("--out", "-o", default=None, help="folder (default: beside the trace)")
    every.add_argument("--stem", default=None, help="file name stem (default: the trace's)")

    add_diff_parser(sub)
    for name in ENGINE_COMMANDS:
        sub.add_parser(name, help=f"(engine) see `{PROG} {name} --help`", add_help=False)
    return parser


def add_diff_parser(sub):
    diff = sub.add_parser("diff", help="line up two traces by stage and show what differs "
                          "(exit 0 equal or only known differences, 1 different, 2 bad input)")
    diff.add_argument("a", metavar="A", help="the reference trace (e.g. real Keras's)")
    diff.add_argument("b", metavar="B", help="the trace compared with it (e.g. tracekeras's)")
    diff.add_argument("--rtol", type=float, default=1e-5,
                      help="relative tolerance for logged numbers (default 1e-5)")
    diff.add_argument("--atol", type=float, default=1e-8,
                      help="absolute tolerance for logged numbers (default 1e-8)")
    diff.add_argument("--html", metavar="PATH", help="also write the side-by-side HTML page")
    diff.add_argument("--side-by-side", action="store_true",
                      help="print every key stage of both traces, aligned")
    diff.add_argument("--limit", type=int, default=50,
                      help="show at most this many differences (default 50; 0 for all)")
    diff.add_argument("--quiet", "-q", action="store_true", help="print the summary line only")
    diff.add_argument("--graph-view", action="store_true",
                      help="keep a step function's body only where tf.function traces it, in "
                           "both traces (as the conformance check compares them)")
    known = diff.add_mutually_exclusive_group()
    known.add_argument("--known", metavar="TABLE",
                       help="known-differences table (default: tracekeras's own)")
    known.add_argument("--no-known", action="store_true",
                       help="treat every difference as new")


def check_trace_path(path):
    """A CommandError unless ``path`` is a file; a run killed outright left its partial file
    (``<path>.<pid>-<random>.partial``, or ``<path>.partial`` from an older tracekeras)."""
    if not os.path.exists(path):
        partial = jsonl.left_partial(path)
        if partial is not None:
            raise CommandError(
                f"cannot read trace {path!r}: no such file, but {partial!r} is there: the run "
                "that wrote it was cut off (killed) before it ended. That file holds every "
                "step completed before; read it with "
                f"`{PROG} show {shlex.quote(partial)}` (or any command here).")
        raise CommandError(f"cannot read trace {path!r}: no such file")
    if os.path.isdir(path):
        raise CommandError(f"cannot read trace {path!r}: it is a folder, expected a .jsonl file")


def load_trace(path):
    """(header, records) of a trace file, every record checked, or a CommandError."""
    check_trace_path(path)
    with readable(path):
        trace = tracing.load(path)
        return trace.header, trace.records


def load_tree(path, fold=True):
    """The span tree of a trace file, built as the file is read, or a CommandError."""
    check_trace_path(path)
    with readable(path):
        return spans.build(path, fold=fold)


@contextlib.contextmanager
def refused(path=None):
    """A trace a renderer reads as it draws (the HTML report, the timelines, ``outputs``): a
    record it refuses is a one-line CommandError naming ``path`` if given, as
    :func:`readable` does (problems writing the output stay as they are)."""
    try:
        yield
    except tracing.TraceFormatError as exc:
        said = str(exc)
        raise CommandError(said if path is None or path in said else f"{path}: {said}") \
            from None


@contextlib.contextmanager
def readable(path):
    """Turn what reading a trace can raise into a one-line CommandError."""
    try:
        yield
    except tracing.TraceFormatError as exc:
        said = str(exc)
        raise CommandError(said if path in said else f"{path}: {said}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not a tracekeras trace: it is not UTF-8 text") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CommandError(f"cannot read trace {path!r}: {exc}") from None


def positive_int(text):
    """argparse type of ``--depth``: a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, received {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, received {value}")
    return value


def trace_stem(path):
    name = os.path.basename(path)
    for ending in (".jsonl", ".trace"):
        if name.endswith(ending):
            name = name[: -len(ending)]
    return name or "trace"


def cmd_render(args, say):
    if args.format not in FORMATS:
        raise UsageError(f"{PROG} render: error: unknown format {args.format!r}: expected one "
                         f"of {', '.join(FORMATS)}")
    check_trace_path(args.trace)
    # the timelines keep every step, the diagrams fold them; the HTML report reads the file itself
    # (the timelines are written as the file is read, with no tree)
    streamed = args.format in ("html", "perfetto", "speedscope")
    source = args.trace if streamed else load_tree(args.trace)
    out = args.out
    if out is None:
        folder = os.path.dirname(os.path.abspath(args.trace))
        out = os.path.join(folder, trace_stem(args.trace) + SUFFIX[args.format])
    with refused(args.trace if streamed else None):
        path = visualize.render(source, args.format, out=out, stage=args.stage,
                                depth=args.depth, say=say)
    print(path)
    return 0


def cmd_show(args, say):
    tree = load_tree(args.trace)
    Console().print(visualize.tree(tree, depth=args.depth, stage=args.stage,
                                   legend=not args.no_legend))
    return 0


def cmd_summary(args, say):
    tree = load_tree(args.trace)
    Console().print(visualize.stage_table(tree))
    return 0


def cmd_outputs(args, say):
    check_trace_path(args.trace)
    out = args.out or os.path.dirname(os.path.abspath(args.trace))
    with refused():
        written = visualize.write_all(args.trace, out, stem=args.stem or trace_stem(args.trace),
                                      say=say)
    for path in written.values():
        print(path)
    return 0


def cmd_diff(args, say):
    for option in ("rtol", "atol"):
        value = getattr(args, option)
        if not value >= 0:
            raise UsageError(f"{PROG} diff: error: --{option} must be 0 or more, received "
                             f"{value}")
    try:
        known = [] if args.no_known else known_differences.load(args.known)
        traces = [load_trace(path) for path in (args.a, args.b)]
        if args.graph_view:
            traces = [(header, graph_view.traced_once(records)) for header, records in traces]
    except (CommandError, known_differences.KnownDifferencesError) as exc:
        raise BadInput(str(exc)) from None
    comparison = alignment.compare(tuple(traces[0]), tuple(traces[1]), rtol=args.rtol,
                                   atol=args.atol, known=known)
    comparison.a_path, comparison.b_path = args.a, args.b
    if args.quiet:
        print(comparison.summary())
    else:
        view = visualize.comparison_view(comparison, side_by_side=args.side_by_side,
                                         limit=args.limit or None)
        Console().print(view, crop=False)   # the summary line is never cut
    if args.html:
        with jsonl.atomic_file(args.html) as f:
            f.write(visualize.comparison_html(comparison, a=tuple(traces[0]), b=tuple(traces[1])))
        say(f"wrote {args.html}")
    return comparison.exit_status


COMMANDS = {"render": cmd_render, "show": cmd_show, "summary": cmd_summary,
            "outputs": cmd_outputs, "diff": cmd_diff}


def engine_command(name, argv):
    """Hand ``demo``/``run`` to the module that implements it."""
    # imported here, not at the top: the trace commands must not load the engine
    module = importlib.import_module(ENGINE_COMMANDS[name])
    return module.main(argv) or 0


def say_to_stderr(message):
    print(f"{PROG}: {message}", file=sys.stderr)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command; return its exit status (the console entry point)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in ENGINE_COMMANDS:
            return engine_command(argv[0], argv[1:])
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        # one short process: the span tree it builds lives until the end, and the cyclic
        # garbage collector would only walk its million objects again and again
        gc.disable()
        return COMMANDS[args.command](args, say_to_stderr)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except CommandError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except BadInput as exc:
        print(f"{PROG} diff: error: {exc}", file=sys.stderr)
        return 2
    except PermissionError as exc:
        print(f"{PROG}: error: cannot write {exc.filename!r}: permission denied", file=sys.stderr)
        return 1
    except (IsADirectoryError, NotADirectoryError, FileNotFoundError) as exc:
        print(f"{PROG}: error: cannot write {exc.filename!r}: {(exc.strerror or str(exc)).lower()}",
              file=sys.stderr)
        return 1
    except FileExistsError as exc:   # a folder of the output path is a file
        print(f"{PROG}: error: cannot write into {exc.filename!r}: it is a file, not a folder",
              file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" {exc.filename!r}" if exc.filename else ""
        print(f"{PROG}: error: cannot write{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
