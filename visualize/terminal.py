"""Terminal views of a trace: a rich tree and a stage timing table.

What it owns: how a span tree looks in a terminal — one colour per stage, a
duration on every span, folded loops as "× N train steps" with their timing,
errors and unfinished spans marked, and a legend of the stage colours.

What it receives: anything :func:`visualize.spans.build` accepts (a Trace, a
trace file path, records, a SpanTree). What it hands on: rich renderables
(:func:`trace_tree` returns a ``rich.console.Group`` of the tree and legend,
which also shows inline in Jupyter,
:func:`stage_table` a ``rich.table.Table``); the caller prints them with a
``rich.console.Console``. Imports only ``visualize.spans`` and rich.
"""
import re
from typing import Optional, Sequence, Tuple, Union

from rich.console import Group, JustifyMethod
from rich.jupyter import JupyterMixin
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from tracekeras.tracing import EPOCHS_NAME

from . import spans as spans_mod
from .spans import fold_label, format_ns

STAGE_COLOURS = {
    "compile": "magenta", "build": "green", "fit": "bold blue", "evaluate": "cyan",
    "predict": "cyan", "data": "yellow", "callbacks": "bright_black", "function": "blue",
    "step": "bold white", "layer": "green", "weights": "bright_green", "graph": "bright_magenta",
    "loss": "red", "metrics": "bright_cyan", "optimizer": "bright_yellow", "backend": "grey50",
}
# The args worth a glance in a one-line label, in this order.
KEY_ARGS = ("layer", "weight", "shape", "input_shape", "output_shape", "identifier", "resolved",
            "chosen", "added", "epoch", "batch", "cls", "of", "from_logits", "cached",
            "strategy", "error")
ARG_WIDTH = 70
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
NAMED_CONTROLS = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


class TraceTree(JupyterMixin, Group):
    """The tree and its legend: a rich Group that also displays inline in Jupyter."""


def colour(stage):
    return STAGE_COLOURS.get(stage, "white")


def short_value(value):
    if isinstance(value, list):
        if value and all(isinstance(v, (int, type(None))) for v in value):
            return "(" + ", ".join("None" if v is None else str(v) for v in value) + ")"
        return "[" + ", ".join(short_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {short_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def arg_text(args, keys=KEY_ARGS, width=ARG_WIDTH):
    parts = [f"{k}={short_value(args[k])}" for k in keys if k in args and args[k] is not None]
    text = " ".join(parts)
    return text if len(text) <= width else text[:width - 1] + "…"


def label(node):
    """The one-line rich markup of a node."""
    if node.kind == "fold":
        st = node.stats or {}
        where = "folded by the recorder" if node.args.get("source") == "recorder" else "folded"
        return (f"[bold yellow]{escape(fold_label(node))}[/] [dim]({where})[/] "
                f"total {format_ns(st.get('total_ns'))}, mean {format_ns(st.get('mean_ns'))} "
                f"[dim](min {format_ns(st.get('min_ns'))}, max {format_ns(st.get('max_ns'))})[/]")
    if node.kind == "instant":
        return (f"[{colour(node.stage)}]• {escape(node.short_name)}[/] "
                f"[dim]{escape(arg_text(node.args, tuple(node.args)))}[/]")
    if node.kind == "graph":
        g = node.args
        return (f"[{colour('graph')}]◆ graph snapshot[/] {escape(str(g.get('model')))} "
                f"({escape(str(g.get('class')))}, {len(g.get('layers') or [])} layers)")
    args = ""
    if spans_mod.is_step(node):
        a = node.args
        name = f"step {a.get('step')}"
        if a.get("epoch") is not None:
            name += f" (epoch {a.get('epoch')}, {a.get('kind')})"
        else:
            name += f" ({a.get('kind')})"
        # why a later step was kept, when its end record says
        args = "; ".join(text for text in ("loss not finite" if a.get("nan_loss") else "",
                                           str(a.get("recorded") or "")) if text)
    elif node.name == EPOCHS_NAME:
        name = "epoch " + str(node.args["epoch"]) if "epoch" in node.args else "epoch pass"
        name = f"DataHandler.enumerate_epochs: {name}"
    elif "<locals>" in node.name:   # a closure: its name, then where it was made
        made_in = spans_mod.short_name(node.name.split(".<locals>")[0])
        name = f"{node.name.split('.')[-1]} (closure of {made_in})"
        args = arg_text(node.args)
    else:
        name = node.short_name
        args = arg_text(node.args)
    text = (f"[{colour(node.stage)}]{escape(name)}[/] [dim]{escape(str(node.stage))}[/] "
            f"{format_ns(node.duration)}")
    if args:
        text += f" [dim]{escape(args)}[/]"
    if node.error and any(c.error == node.error for c in node.children):
        text += f" [red]✗ {escape(node.error.get('type', '').split('.')[-1])} (raised below)[/]"
    elif node.error:
        err = node.error
        text += f" [bold red]✗ {escape(err.get('type', '').split('.')[-1])}: " \
                f"{escape(str(err.get('message', ''))[:ARG_WIDTH])}[/]"
    if node.unfinished:
        text += " [bold red]⚠ unfinished (the run was cut off)[/]"
    return text


def add_children(tree, node, depth, max_depth, stages):
    """Hang the children of ``node`` (and theirs) on the rich ``tree``; an explicit stack."""
    keep = with_stage(node, stages) if stages else None
    stack = [(tree, node, depth)]
    while stack:
        branch, node, depth = stack.pop()
        for child in node.children:
            if keep is not None and child.kind == "span" and id(child) not in keep:
                continue
            twig = branch.add(visible(label(child)))
            if max_depth is None or depth + 1 < max_depth:
                if child.children:
                    stack.append((twig, child, depth + 1))
            elif child.children:
                twig.add(f"[dim]… {sum(1 for _ in child.walk()) - 1} more[/]")


def with_stage(node, stages):
    """ids of the nodes below ``node`` of one of ``stages``, and of all their ancestors."""
    keep = set()
    for item in node.walk():
        if item.stage in stages:
            while item is not None and id(item) not in keep:
                keep.add(id(item))
                item = item.parent
    return keep


def visible(text):
    """Text for a terminal: every control character (C0, DEL, C1) shown as an escape.

    A name from a trace file could otherwise clear the screen (ESC [2J), set the
    window title (an OSC sequence) or hide what follows.
    """
    return CONTROL.sub(lambda m: NAMED_CONTROLS.get(m.group(0)) or f"\\x{ord(m.group(0)):02x}",
                       text)


def trace_tree(source: spans_mod.Source, depth: Optional[int] = None,
               stage: Optional[Union[str, Sequence[str]]] = None, legend: bool = True,
               fold: bool = True) -> Union[Tree, "TraceTree"]:
    """A rich Tree of the trace (plus a legend of the stage colours).

    ``depth`` limits the nesting shown; ``stage`` (a name or a list) keeps only
    the spans of those stages and their ancestors.
    """
    tree = spans_mod.build(source, fold=fold)
    stages = [stage] if isinstance(stage, str) else list(stage or [])
    header = tree.header or {}
    title = (f"[bold]trace[/] [dim]level {header.get('level', '?')}, "
             f"{format_ns(tree.root.duration)}[/]")
    unfinished = sum(1 for s in tree.spans() if s.unfinished)
    if unfinished:
        title += f" [bold red]⚠ {unfinished} spans unfinished: the run was cut off[/]"
    root = Tree(visible(title), guide_style="dim")
    add_children(root, tree.root, 0, depth, stages)
    if not tree.root.children:
        root.add("[dim](no spans recorded: did the Keras calls run inside "
                 "`with tracekeras.trace(...)`?)[/]")
    if not legend:
        return root
    return TraceTree(root, legend_text(tree))


def legend_text(tree=None):
    present = None
    if tree is not None:
        present = {s.stage for s in tree.spans() if s.stage}
    text = Text("stages: ", style="bold")
    for stage, style in STAGE_COLOURS.items():
        if present is None or stage in present:
            text.append(stage, style=style)
            text.append("  ")
    text.append("\n× N steps: identical steps folded (count, timing); ", style="dim")
    text.append("✗ raised  ⚠ unfinished  • instant  ◆ graph snapshot", style="dim")
    return text


def stage_table(source: spans_mod.Source) -> Table:
    """A rich Table: per stage, count, total, self time, mean and share of the trace."""
    summary, whole = spans_mod.stage_summary(spans_mod.build(source))
    table = Table(title="time per stage", title_style="bold")
    columns: Sequence[Tuple[str, JustifyMethod]] = (
        ("stage", "left"), ("count", "right"), ("total", "right"),
        ("self", "right"), ("mean", "right"), ("share", "right"))
    for col, justify in columns:
        table.add_column(col, justify=justify)
    rows = sorted(summary.items(), key=lambda kv: -kv[1]["self_ns"])
    for stage, row in rows:
        share = 100.0 * row["self_ns"] / whole if whole else 0.0
        table.add_row(Text(visible(stage), style=colour(stage)), str(row["count"]),
                      format_ns(row["total_ns"]), format_ns(row["self_ns"]),
                      format_ns(row["mean_ns"]), f"{share:.1f}%")
    table.caption = (f"whole trace {format_ns(whole)}; total = inclusive time, self = time "
                     "not inside a child span; share = self / whole")
    return table
