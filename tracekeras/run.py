"""``tracekeras run``: an ordinary Keras script, unchanged, traced; and ``TRACEKERAS_TRACE``.

What it owns: running a user's script with tracing on. ::

    tracekeras run [--out DIR] [--level stages|steps|full] [--engine tracekeras|keras]
                   SCRIPT [ARGS...]
    python -m tracekeras run ...                      # the same

tracekeras's options come before SCRIPT; everything after SCRIPT is the
script's own ``sys.argv[1:]``. The script runs as ``python SCRIPT ARGS...``
would run it (``runpy.run_path`` with ``__name__ == "__main__"``, its folder
first on ``sys.path``) inside ``tracekeras.trace(level=...)``, with the
import shim (:mod:`tracekeras.shim`) active: ``import tensorflow as tf``,
``from tensorflow.keras import layers``, ``import keras``, ``from keras.models
import Sequential``, ``tf_keras...`` all resolve to tracekeras, and an API
tracekeras lacks is named in one line with the script line that used it.

``--engine keras`` runs the same script on real tf_keras instead, traced by
:mod:`tracekeras.probe` into the same schema (its header names the engine):
``tf.keras`` and ``import keras`` are tf_keras (``TF_USE_LEGACY_KERAS=1``,
:mod:`tracekeras.probe.imports`), and every rendering is written as for
tracekeras, so the two call diagrams can be put side by side. tf_keras is an
optional extra: without it the command says in one line what to install and
exits with status 2. The probe is imported only for this engine.

What it writes: ``DIR/<script stem>.trace.jsonl`` (``DIR`` defaults to
``out``) and every rendering of it (:func:`visualize.write_all`: call
diagram, sequence diagram, layer graphs, Perfetto, speedscope, HTML). They are
written even when the script fails: what was recorded is saved, then the
script's own traceback is shown (tracekeras's frames hidden, as Keras hides its
own; ``TRACEKERAS_TRACEBACK=full`` shows them) and the exit status is 1 (``SystemExit`` from
the script gives its own status). Problems of the command itself (no such
script, a folder given as script, an ``--out`` that cannot be written, an
unknown ``--level``) are one line on stderr and a non-zero exit (2 for usage,
1 otherwise), never a traceback. The shim is removed when the script ends.

``TRACEKERAS_TRACE=PATH`` (optional ``TRACEKERAS_LEVEL``) traces a run with
no code change:

- with ``tracekeras run``, it names the trace file (renderings still go to
  ``--out``);
- in a script that imports tracekeras (``python script.py``),
  :func:`trace_from_environment` (called when ``tracekeras`` is imported)
  starts a trace at once and saves it to PATH at interpreter exit (atexit),
  including what was recorded before a crash. A PATH that cannot become a
  file (a folder, a folder that cannot be written) or an unknown level is said
  in one line and the process exits with status 1 before the script goes on
  past its ``import tracekeras``. It does nothing inside the
  ``tracekeras`` command itself, nor when a trace is already recording. A
  script written against ``keras``/``tensorflow`` never imports tracekeras
  by itself: run it as ``python -m tracekeras run script.py`` (no code change
  either). A script that opens its own ``tracekeras.trace(...)`` cannot be
  traced from outside as well: tracekeras records one trace at a time.

It emits no trace events of its own: the trace holds what the engine did.
"""
import atexit
import os
import runpy
import sys
import traceback
from typing import Dict, Optional, Sequence, Tuple

import visualize
from tracekeras import shim, tracing

PROG = "tracekeras run"
ENV_TRACE = "TRACEKERAS_TRACE"
ENV_LEVEL = "TRACEKERAS_LEVEL"
ENV_TRACEBACK = "TRACEKERAS_TRACEBACK"
PACKAGES = tuple(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), name)
                 + os.sep for name in ("tracekeras", "visualize"))
DEFAULT_OUT = "out"
ENGINES = ("tracekeras", "keras")
USAGE = (f"usage: {PROG} [--out DIR] [--level {{{','.join(tracing.LEVELS)}}}] "
         f"[--engine {{{','.join(ENGINES)}}}] [--no-png] SCRIPT [ARGS...]")
HELP = f"""{USAGE}

Run an ordinary Keras script unchanged with tracing on: imports of tensorflow,
keras and tf_keras resolve to tracekeras for that run. Writes
DIR/<script>.trace.jsonl and every rendering of it (call diagram, sequence
diagram, layer graph, Perfetto JSON, speedscope JSON, HTML report).

options (before SCRIPT; what follows SCRIPT is the script's own arguments):
  --out DIR, -o DIR  folder for the trace and renderings (default: {DEFAULT_OUT})
  --level LEVEL      trace level: {', '.join(tracing.LEVELS)} (default: stages)
  --engine ENGINE    tracekeras (default), or keras: the script on real tf_keras, traced
                     the same way (needs pip install 'tracekeras[keras]')
  --no-png           draw the diagrams as SVG only (a large call diagram's PNG takes
                     longer than the rest of the renderings together)
  -h, --help         show this help

environment: {ENV_TRACE}=PATH writes the trace to PATH instead."""


class RunError(Exception):
    """A problem of the command (not of the script): one line, exit status 1."""
    status = 1


class UsageError(RunError):
    status = 2


def parse_args(argv):
    """(out, level, engine, png, script, script_args): options up to the first non-option;
    None for help."""
    options = {"out": DEFAULT_OUT, "level": "stages", "engine": "tracekeras", "png": True}
    names = {"--out": "out", "-o": "out", "--level": "level", "--engine": "engine"}
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if arg in ("-h", "--help"):
            return None
        if arg == "--":
            i += 1
            break
        if arg == "--no-png":
            options["png"] = False
        elif name in names and eq:
            options[names[name]] = value
        elif arg in names:
            if i + 1 >= len(argv):
                raise UsageError(f"{PROG}: error: {arg} needs a value ({USAGE})")
            options[names[arg]] = argv[i + 1]
            i += 1
        elif arg.startswith("-") and arg != "-":
            raise UsageError(f"{PROG}: error: unknown option {arg!r} (options go before SCRIPT; "
                             f"{USAGE})")
        else:
            break
        i += 1
    if i >= len(argv):
        raise UsageError(f"{PROG}: error: no SCRIPT given ({USAGE})")
    if options["level"] not in tracing.LEVELS:
        raise UsageError(f"{PROG}: error: unknown --level {options['level']!r}: expected one "
                         f"of {', '.join(tracing.LEVELS)}")
    if options["engine"] not in ENGINES:
        raise UsageError(f"{PROG}: error: unknown --engine {options['engine']!r}: expected one "
                         f"of {', '.join(ENGINES)}")
    return (options["out"], options["level"], options["engine"], options["png"], argv[i],
            argv[i + 1:])


def check_script(script):
    if not os.path.exists(script):
        raise RunError(f"{PROG}: error: cannot run {script!r}: no such file")
    if not os.path.isfile(script):
        raise RunError(f"{PROG}: error: cannot run {script!r}: it is a folder, expected a "
                       "Python script")
    if not os.access(script, os.R_OK):
        raise RunError(f"{PROG}: error: cannot run {script!r}: permission denied")
    return os.path.abspath(script)


def check_writable_folder(out, what="--out"):
    """Make ``out`` (a folder) or say in one line why it cannot be written."""
    try:
        os.makedirs(out, exist_ok=True)
    except FileExistsError:
        raise RunError(f"{PROG}: error: cannot write {what} {out!r}: it is a file, "
                       "expected a folder") from None
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise RunError(f"{PROG}: error: cannot write {what} {out!r}: {reason}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise RunError(f"{PROG}: error: cannot write {what} {out!r}: permission denied")


def check_trace_path(path, what="the trace path"):
    """Refuse, before the script runs, a trace path that cannot become a file (a folder, a
    folder that cannot be written): one line, exit status 1."""
    try:
        tracing.check_destination(path)
    except OSError as exc:
        raise RunError(f"{PROG}: error: {what}: {exc}") from None
    check_writable_folder(os.path.dirname(os.path.abspath(path)), what)


def script_stem(script):
    name = os.path.basename(script)
    return name[:-3] if name.endswith(".py") and len(name) > 3 else name


def execute(script, args, imports=shim.activated):
    """Run the script as ``__main__`` with ``imports`` on (the shim, or tf_keras as keras);
    (exit status, exception or None)."""
    saved_argv, saved_path = sys.argv, list(sys.path)
    sys.argv = [script] + list(args)
    sys.path.insert(0, os.path.dirname(script))
    try:
        with imports():
            runpy.run_path(script, run_name="__main__")
        return 0, None
    except SystemExit as exc:
        return exit_status(exc.code), None
    except KeyboardInterrupt as exc:
        return 130, exc
    except BaseException as exc:  # the script's own error: reported after the trace is saved
        return 1, exc
    finally:
        sys.argv = saved_argv
        sys.path[:] = saved_path


def exit_status(code):
    """What ``sys.exit(code)`` makes the interpreter return (a message is printed)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def report_failure(exc, script):
    """The script's exception: one line for a missing tracekeras API, else its traceback
    from the script's own frames on (tracekeras's frames hidden, as Keras hides its own,
    unless ``TRACEKERAS_TRACEBACK=full``)."""
    if isinstance(exc, KeyboardInterrupt):
        print(f"{PROG}: interrupted", file=sys.stderr)
        return
    if isinstance(exc, shim.NOT_IMPLEMENTED):
        kind = next(base.__name__ for base in type(exc).__mro__
                    if base.__module__ == "builtins")
        print(f"{PROG}: {kind}: {exc}", file=sys.stderr)
        return
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename in (__file__, runpy.__file__,
                                                                 "<frozen runpy>"):
        tb = tb.tb_next
    report = traceback.TracebackException(type(exc), exc, tb)
    hidden = 0 if os.environ.get(ENV_TRACEBACK) == "full" else hide_engine_frames(report)
    print("".join(report.format()), end="", file=sys.stderr)
    more = (f" ({hidden} tracekeras frames hidden; {ENV_TRACEBACK}=full shows them)"
            if hidden else "")
    print(f"{PROG}: {os.path.basename(script)} raised {type(exc).__name__}; the trace of "
          f"what ran before is saved{more}", file=sys.stderr)


def hide_engine_frames(report, seen=None):
    """Drop frames inside tracekeras/visualize from a TracebackException (and its causes);
    returns how many were dropped."""
    seen = set() if seen is None else seen
    if report is None or id(report) in seen:
        return 0
    seen.add(id(report))
    kept = [frame for frame in report.stack if not frame.filename.startswith(PACKAGES)]
    hidden = len(report.stack) - len(kept)
    report.stack = traceback.StackSummary.from_list(kept)
    return (hidden + hide_engine_frames(report.__cause__, seen)
            + hide_engine_frames(report.__context__, seen))


def say(message):
    print(f"{PROG}: {message}", file=sys.stderr)


def write_renderings(t, out, stem, png=True):
    """Every rendering; a failure is said in one line. Returns {kind: path} or None."""
    try:
        return visualize.write_all(t, out, stem=stem, say=say,
                                   formats=("svg", "png") if png else ("svg",))
    except Exception as exc:  # a rendering problem must not hide the saved trace
        say(f"could not render the trace ({type(exc).__name__}: {exc}); the trace file is "
            f"still there: {t.path}")
        return None


def engine_of(engine):
    """(trace(path, level), imports) for an engine; the probe is imported only for keras."""
    if engine == "tracekeras":
        return tracing.trace, shim.activated
    # imported here, not at the top: only ``--engine keras`` needs the probe
    from tracekeras import probe
    from tracekeras.probe.imports import keras_is_tf_keras
    if not probe.available():
        raise UsageError(f"{PROG}: error: --engine keras: {probe.INSTALL_HINT}")
    return probe.trace, keras_is_tf_keras


def run(script: str, args: Sequence[str] = (), out: str = DEFAULT_OUT,
        level: str = "stages", trace_path: Optional[str] = None,
        engine: str = "tracekeras", png: bool = True
        ) -> Tuple[int, tracing.Trace, Dict[str, str]]:
    """Run ``script`` traced and write everything; returns (status, trace, written)."""
    if tracing.state.recorder is not None:
        raise RunError(f"{PROG}: error: a trace is already being recorded in this process "
                       "(tracekeras records one trace at a time)")
    start_trace, imports = engine_of(engine)
    script = check_script(script)
    check_writable_folder(out)
    out = os.path.abspath(out)  # the script may change the working folder
    stem = script_stem(script)
    trace_path = os.path.abspath(trace_path or os.path.join(out, stem + ".trace.jsonl"))
    check_trace_path(trace_path)
    with start_trace(trace_path, level=level) as t:
        status, failure = execute(script, args, imports)
    written = write_renderings(t, out, stem, png)
    if written is not None:
        say(f"wrote {trace_path} and {len(written)} renderings in {out}{os.sep} "
            f"(open {os.path.join(out, stem + '.html')})")
    elif status == 0:
        status = 1
    if failure is not None:
        report_failure(failure, script)
    return status, t, written


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``tracekeras run ...`` (handed over by ``tracekeras.cli``); returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parsed = parse_args(argv)
        if parsed is None:
            print(HELP)
            return 0
        out, level, engine, png, script, args = parsed
        trace_path = os.environ.get(ENV_TRACE) or None
        if trace_path:
            check_trace_path(trace_path, ENV_TRACE)
        return run(script, args, out=out, level=level, trace_path=trace_path,
                   engine=engine, png=png)[0]
    except RunError as exc:
        print(str(exc), file=sys.stderr)
        return exc.status


# -- TRACEKERAS_TRACE: a trace of the whole process, saved at exit ------------------

ENVIRONMENT = {"trace": None}


def launched_by_cli(orig_argv=None):
    """True inside the ``tracekeras`` command (``python -m tracekeras`` or the console
    script), which makes its own traces."""
    argv = list(getattr(sys, "orig_argv", []) if orig_argv is None else orig_argv)
    for i, arg in enumerate(argv[1:], start=1):
        if arg == "-m":
            return i + 1 < len(argv) and argv[i + 1] == "tracekeras"
        if arg.startswith("-m"):
            return arg[2:] == "tracekeras"
        if not arg.startswith("-"):
            return os.path.basename(arg) in ("tracekeras", "tracekeras.exe")
    return False


def trace_from_environment(environ=None):
    """Start the ``TRACEKERAS_TRACE`` trace (saved at exit); the Trace, or None."""
    environ = os.environ if environ is None else environ
    path = environ.get(ENV_TRACE)
    if not path or ENVIRONMENT["trace"] is not None or tracing.state.recorder is not None:
        return None
    if launched_by_cli():
        return None
    level = environ.get(ENV_LEVEL) or "stages"
    try:
        t = tracing.trace(path, level=level)
        t.__enter__()
    except (ValueError, OSError) as exc:   # said before the script goes on, which it does not
        what = ENV_TRACE if isinstance(exc, OSError) else ENV_LEVEL
        print(f"tracekeras: error: {what}: {exc}", file=sys.stderr)
        raise SystemExit(1) from None
    ENVIRONMENT["trace"] = t
    atexit.register(finish_environment_trace)
    return t


def finish_environment_trace():
    """Stop the ``TRACEKERAS_TRACE`` trace and save it (atexit); the path or None."""
    t, ENVIRONMENT["trace"] = ENVIRONMENT["trace"], None
    atexit.unregister(finish_environment_trace)
    if t is None or tracing.state.recorder is not t.recorder:
        return None
    error = getattr(sys, "last_value", None)  # set when the script died of an exception
    try:
        t.__exit__(type(error) if error is not None else None, error, None)
    except OSError as exc:
        print(f"tracekeras: could not save the {ENV_TRACE} trace: {exc}", file=sys.stderr)
        return None
    print(f"tracekeras: trace written to {t.path} (draw it: tracekeras outputs {t.path})",
          file=sys.stderr)
    return t.path
