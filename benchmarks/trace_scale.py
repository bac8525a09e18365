"""How the trace commands scale: show, summary and every render format on a 10^6-record trace.

The trace is made, not recorded: the stored level-``steps`` trace of the seed
model (tests/visualize/data/seed_fit_steps.jsonl) gives the start of a ``fit``
and one training step (38 records: the step span, the callbacks, the train
function, the forward pass, the loss, the optimizer, the metrics); the step is
repeated, with fresh ids and later timestamps, over ``--epochs`` epochs until the
file holds ``--records`` records (default 10^6, about 170 MB), as a long run
traced at level ``steps`` writes them.

Each command runs in its own process (``python -m tracekeras ...``, output to a
scratch folder); the table gives its wall time, its CPU time (user + system, with the
processes it started: on a shared machine the wall time also counts the waits for a
core), the CPU time of its first process alone ("own": a long trace is read in two
processes, and the first one's time is the critical path when each has a core; for svg
and png Graphviz's ``dot`` runs after it) and its peak resident memory (the child's
``ru_maxrss``). ``--old PATH`` also runs every
command with ``PYTHONPATH`` set to another checkout (e.g. the main one before
this change) for a side-by-side column, each command run in both checkouts one right
after the other, and says whether the two outputs (the file written, or the text printed)
are the same byte for byte; ``--timeout`` stops a command that takes too long. The load average
is printed before and after. The scratch folder (outputs, the trace made) is removed at the
end unless ``--keep``. Run::

    OPENBLAS_NUM_THREADS=1 python benchmarks/trace_scale.py [--records N] [--old /work/main]
        [--only perfetto speedscope] [--repeat 3] [--keep]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TEMPLATE = os.path.join(ROOT, "tests", "visualize", "data", "seed_fit_steps.jsonl")
EPOCHS_NAME = "keras.engine.data_adapter.DataHandler.enumerate_epochs"
STEP_NAME = "keras.engine.data_adapter.DataHandler.steps"
COMMANDS = [["show"], ["summary"]] + [["render", "-f", f] for f in (
    "svg", "png", "dot", "mermaid", "perfetto", "speedscope", "html")]


def template():
    """(header, records before the first epoch, one step's records, the fit's closing ends)."""
    with open(TEMPLATE, encoding="utf-8") as f:
        header, *records = [json.loads(line) for line in f]
    first_epoch = next(n for n, r in enumerate(records)
                       if r["ph"] == "B" and r["name"] == EPOCHS_NAME)
    epoch = records[first_epoch]
    begin = next(n for n, r in enumerate(records) if r["ph"] == "B" and r["name"] == STEP_NAME
                 and r.get("step") == 1)
    end = next(n for n, r in enumerate(records) if r["ph"] == "E"
               and r["id"] == records[begin]["id"])
    open_ids = {r["id"] for r in records[:first_epoch] if r["ph"] == "B"}
    open_ids -= {r["id"] for r in records[:first_epoch] if r["ph"] == "E"}
    closing = [r for r in records[first_epoch:] if r["ph"] == "E" and r["id"] in open_ids]
    return header, records[:first_epoch], epoch, records[begin:end + 1], closing


def make_trace(path, n_records, epochs):
    header, prefix, epoch, step, closing = template()
    header = dict(header, level="steps")
    steps_per_epoch = max(1, (n_records - len(prefix) - len(closing)) // len(step) // epochs)
    next_id = max(r["id"] or 0 for r in prefix) + 1
    ts = max(r["ts"] for r in prefix)
    step_ts0, step_len = step[0]["ts"], step[-1]["ts"] - step[0]["ts"] + 2000
    with open(path, "w", encoding="utf-8") as f:
        write = f.write
        write(json.dumps(header) + "\n")
        for r in prefix:
            write(json.dumps(r) + "\n")
        for e in range(epochs):
            epoch_id, next_id = next_id, next_id + 1
            write(json.dumps(dict(epoch, id=epoch_id, ts=ts, args={"epoch": e}, epoch=e)) + "\n")
            for s in range(steps_per_epoch):
                ids = {}
                for r in step:
                    r = dict(r, ts=ts + r["ts"] - step_ts0, epoch=e, step=s)
                    if r["ph"] == "B":
                        ids[r["id"]], next_id = next_id, next_id + 1
                        r["parent"] = ids.get(r["parent"], epoch_id)
                        if r["name"] == STEP_NAME:
                            r["args"] = {"kind": "train", "epoch": e, "step": s}
                        elif "batch" in r.get("args", {}):
                            r["args"] = dict(r["args"], batch=s)
                    r["id"] = ids[r["id"]]
                    write(json.dumps(r, separators=(",", ":")) + "\n")
                ts += step_len
            write(json.dumps({"ph": "E", "id": epoch_id, "name": EPOCHS_NAME, "ts": ts,
                              "epoch": e}) + "\n")
        for r in closing:
            ts += 1000
            write(json.dumps(dict(r, ts=ts)) + "\n")
    return path


def output_path(out_dir, command, column):
    """Where one column's run of a command leaves its output (a render's file, or the
    text ``show``/``summary`` print), kept to compare the columns byte for byte."""
    return os.path.join(out_dir, f"{column}.{command[-1]}")


# ``python -m tracekeras``, which also notes its own CPU seconds: a long trace is read in
# two processes (tracing/two_readers.py), and the first one's CPU time is the command's
# critical path on an idle machine (Graphviz's ``dot``, for svg and png, comes after it)
MAIN = ("import os, resource, sys\nfrom tracekeras.cli import main\ntry:\n"
        "    code = main(sys.argv[1:])\nfinally:\n"
        "    u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "    with open(os.environ['TRACE_SCALE_OWN'], 'w') as f:\n"
        "        f.write(repr(u.ru_utime + u.ru_stime))\nsys.exit(code)")


def run(command, trace, out_dir, pythonpath, timeout, column="new"):
    """(wall seconds, CPU seconds, the first process's own CPU seconds, peak MB, exit
    status) of one command in a fresh process."""
    argv = [sys.executable, "-c", MAIN, command[0], trace, *command[1:]]
    out = output_path(out_dir, command, column)
    if command[0] == "render":
        argv += ["-o", out]
    own_cpu = os.path.join(out_dir, "own.cpu")
    env = dict(os.environ, PYTHONPATH=pythonpath, OPENBLAS_NUM_THREADS="1", COLUMNS="120",
               TRACE_SCALE_OWN=own_cpu)
    start = time.perf_counter()
    with open(os.devnull if command[0] == "render" else out, "w") as printed:
        # run in the scratch folder: ``-m`` puts the working directory first on sys.path,
        # so a checkout there would be imported whatever PYTHONPATH says
        child = subprocess.Popen(argv, stdout=printed, stderr=subprocess.PIPE, env=env,
                                 cwd=out_dir)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                os.wait4(child.pid, 0)
                return None, None, None, None, "timeout"
            time.sleep(0.02)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    with open(own_cpu) as f:
        own = float(f.read() or "nan")
    return seconds, cpu, own, usage.ru_maxrss / 1024, code


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10**6)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--trace", help="use this trace file instead of making one")
    parser.add_argument("--old", help="another checkout to run side by side (PYTHONPATH)")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", nargs="+", metavar="WORD",
                        help="run only the commands whose last word is one of these "
                             "(e.g. --only perfetto speedscope)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the scratch folder (the outputs, the trace made)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rows per command (the columns alternating each time)")
    args = parser.parse_args(argv)
    commands = [c for c in COMMANDS if not args.only or c[-1] in args.only]
    scratch = tempfile.mkdtemp(prefix="trace_scale.")
    try:
        measure(args, commands, scratch)
    finally:     # the outputs (a few hundred MB), and the trace made, unless kept
        if args.keep:
            print(f"outputs kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def measure(args, commands, scratch):
    """Run every command (in both checkouts with ``--old``) and print the table."""
    trace = os.path.abspath(args.trace) if args.trace else make_trace(
        os.path.join(scratch, "big.trace.jsonl"), args.records, args.epochs)
    with open(trace, "rb") as f:
        lines = sum(1 for _ in f)
    print(f"trace: {trace}: {lines:,} lines, {os.path.getsize(trace) / 2**20:.0f} MiB")
    print("load average at the start: " + load_average())
    columns = [("new", ROOT)] + ([("old", args.old)] if args.old else [])
    same = " | same output" if args.old else ""
    print("| command | " + " | ".join(f"{name} wall s | {name} CPU s | {name} own CPU s | "
                                     f"{name} peak MB" for name, _ in columns)
          + f" | output{same} |")
    print("|---|" + "---|---|---|---|" * len(columns) + "---|" + ("---|" if args.old else ""))
    for command in [c for c in commands for _ in range(args.repeat)]:
        cells = []
        for name, path in columns:
            seconds, cpu, own, peak, code = run(command, trace, scratch, path, args.timeout,
                                                name)
            if seconds is None:
                cells.append(f"> {args.timeout:.0f} | ? | ? | ?")
            else:
                flag = "" if code == 0 else f" (exit {code})"
                cells.append(f"{seconds:.1f}{flag} | {cpu:.1f} | {own:.1f} | {peak:.0f}")
        out = output_path(scratch, command, "new")
        size = f"{os.path.getsize(out) / 2**20:.1f} MiB" if command[0] == "render" and \
            os.path.exists(out) else ""
        if args.old:   # the two columns' outputs, byte for byte
            size += " | " + ("yes" if same_file(out, output_path(scratch, command, "old"))
                             else "NO")
        print(f"| {' '.join(command)} | " + " | ".join(cells) + f" | {size} |", flush=True)
    print("load average at the end: " + load_average())


def same_file(a, b):
    """Do both files exist and hold the same bytes?"""
    if not (os.path.exists(a) and os.path.exists(b)):
        return False
    with open(a, "rb") as f, open(b, "rb") as g:
        while True:
            x, y = f.read(1 << 20), g.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def load_average():
    """The 1, 5 and 15 minute load averages (the machine is shared: CPU times grow with it)."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
