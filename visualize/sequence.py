"""The sequence diagram: who calls whom in a trace, as Mermaid text.

What it owns: mapping Keras function names to the objects a reader knows
(Model, DataHandler, the data adapter, CallbackList, Layer, LossesContainer,
MetricsContainer, Optimizer, ...), and writing a Mermaid ``sequenceDiagram``
(it renders on GitHub and in most docs tools) from the merged call graph of
:mod:`visualize.calls`: one message per function per caller, in call
order; repeated epochs and steps become ``loop`` blocks with their count;
decisions become notes.

What it receives: anything :func:`visualize.spans.build` accepts. What it hands
on: a str (the Mermaid text; a ``str`` subclass Jupyter shows as a diagram).
``depth=`` and ``stage=`` filter as in the call diagram.
"""
import re
from typing import Any, Dict, List, Optional, Sequence, Union

from tracekeras.tracing import EPOCHS_NAME

from . import calls as cd
from . import spans as spans_mod

# (pattern on the Keras name, participant) — first match wins.
PARTICIPANTS = [
    (r"DataAdapter|Adapter\.", "adapter"),
    (r"\.DataHandler\.|get_data_handler|select_data_adapter", "DataHandler"),
    (r"^keras\.callbacks\.CallbackList\.", "CallbackList"),
    (r"^keras\.callbacks\.", "Callback"),
    (r"LossesContainer|^keras\.losses|_get_logits", "LossesContainer"),
    (r"MetricsContainer|^keras\.metrics", "MetricsContainer"),
    (r"^keras\.optimizers|Optimizer", "Optimizer"),
    (r"serialization|deserialize", "serialization"),
    (r"^tf\.distribute", "Strategy"),
    (r"GradientTape|^tf\.|^keras\.backend", "backend"),
    (r"^keras\.utils", "utils"),
    (r"^keras\.engine\.functional\._|_init_graph_network|_map_graph_network|_build_map",
     "Functional graph"),
    (r"\.Model\.|\.Sequential\.|\.Functional\.|^keras\.models", "Model"),
    (r"\.Layer\.|^keras\.layers|input_layer|InputLayer", "Layer"),
]
ORDER = ["script", "Model", "Strategy", "serialization", "DataHandler", "adapter",
         "CallbackList", "Callback", "Layer", "Functional graph", "LossesContainer",
         "MetricsContainer", "Optimizer", "backend", "utils"]


class MermaidText(str):
    """Mermaid text that Jupyter (and GitHub markdown) shows as a diagram.

    ``boxes``: the id of the call-graph box (:class:`visualize.calls.Box`) each
    message draws, in message order (the HTML explorer selects its spans).
    """

    boxes: List[str] = []

    def _repr_markdown_(self):
        return f"```mermaid\n{self}```"


def participant(name):
    for pattern, who in PARTICIPANTS:
        if re.search(pattern, name or ""):
            return who
    return "other"


def ident(who):
    return re.sub(r"\W", "_", who)


def clean(text):
    """Mermaid-safe message text (``;`` and ``#`` are syntax there, ``<...>`` would be HTML,
    a line break would start a statement); other control characters become ``#NN;`` codes."""
    return re.sub(r"[#;<>\x00-\x1f\x7f-\x9f]",
                  lambda m: " " if m.group(0) in "\n\r" else f"#{ord(m.group(0))};", str(text))


def message(box):
    if spans_mod.is_step_box(box):
        return "DataHandler.steps: next step"
    name = box.short
    if name.startswith("Model.make_") and "<locals>" in name:
        name = name.split(".")[-1]
    layers = cd.layers_of(box)
    if layers and box.stage in ("layer", "build", "weights"):
        name += f" ({', '.join(layers[:3])}{' …' if len(layers) > 3 else ''})"
    return name


def sequence_diagram(source: spans_mod.Source, depth: Optional[int] = None,
                     stage: Optional[Union[str, Sequence[str]]] = None, notes: bool = True,
                     autonumber: bool = True) -> str:
    """Mermaid ``sequenceDiagram`` text of a trace (see the module docstring)."""
    graph = cd.call_graph(source)
    stages = [stage] if isinstance(stage, str) else list(stage or [])
    keep = cd.select(graph, stages, depth)
    keep = {k: b for k, b in keep.items() if b.kind == "span"}
    children: Dict[Any, List[Any]] = {}
    for (_, b), _ in sorted(graph.edges.items(), key=lambda kv: kv[1][0]):
        if b in keep:
            src, _ = cd.nearest_kept(b, keep)
            children.setdefault(src, []).append(b)
    body: List[str] = []
    seen: List[Any] = []
    boxes: List[str] = []
    walk(graph, keep, children, cd.ENTRY, "script", 1, (body, seen, boxes), notes)
    lines = ["sequenceDiagram"]
    if autonumber:
        lines.append("    autonumber")
    for who in sorted(seen, key=lambda w: ORDER.index(w) if w in ORDER else len(ORDER)):
        lines.append(f"    participant {ident(who)} as {who}")
    text = MermaidText("\n".join(lines + body) + "\n")
    text.boxes = boxes
    return text


def walk(graph, keep, children, key, caller, parent_count, out, notes, indent=1):
    """The message lines below ``key``, in call order (an explicit stack, no recursion).

    ``out``: (the lines, the participants seen, the box id of each message), filled in.
    """
    body, seen, boxes = out
    if caller not in seen:
        seen.append(caller)
    # a frame: (callees left, their caller, its count, indent, the loop's "end" line or None)
    stack = [(iter(children.get(key, [])), caller, parent_count, indent, None)]
    while stack:
        callees, caller, parent_count, indent, closing = stack[-1]
        child_key = next(callees, None)
        if child_key is None:
            stack.pop()
            if closing:
                body.append(closing)
            continue
        box = keep[child_key]
        who = participant(box.name)
        if who not in seen:
            seen.append(who)
        pad = "    " * indent
        loop = loop_label(box, parent_count)
        inner = indent + 1 if loop else indent
        if loop:
            body.append(f"{pad}loop {clean(loop)}")
        ipad = "    " * inner
        body.append(f"{ipad}{ident(caller)}->>{ident(who)}: {clean(message(box))}")
        boxes.append(box.id)
        if notes:
            body.extend(note_lines(box, who, ipad))
        stack.append((iter(children.get(child_key, [])), who, max(box.count, 1), inner,
                      f"{pad}end" if loop else None))


def note_lines(box, who, ipad):
    lines = [f"{ipad}Note right of {ident(who)}: {clean(line)}"
             for line in cd.box_decisions(box)[:3]]
    if box.error:
        err = box.error
        lines.append(f"{ipad}Note right of {ident(who)}: raised "
                     f"{clean(str(err.get('type', '')).split('.')[-1])}: "
                     f"{clean(str(err.get('message', ''))[:60])}")
    return lines


def loop_label(box, parent_count):
    """A loop block for a call repeated more often than its caller ran (epochs, steps)."""
    if spans_mod.is_step_box(box):
        kinds = {s.args.get("kind") for s in box.calls} - {None}
        kind = f"{'/'.join(sorted(kinds))} " if kinds else ""
        folded = f", {box.folded} folded" if box.folded else ""
        return f"× {box.count} {kind}steps{folded}"
    if box.name == EPOCHS_NAME and box.count > parent_count:
        return f"× {box.count} epochs"
    return None
