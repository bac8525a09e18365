"""GradientTape: reverse-mode differentiation over recorded ops.

While a tape is active (inside its ``with`` block) every op whose inputs include
something tracked appends a node (output, inputs, which inputs need a gradient,
backward rule) to it. ``gradient`` walks the nodes in reverse, handing each
node the gradient of its output and adding what its backward rule returns onto
its inputs' gradients. Trainable variables are watched automatically; other
tensors with ``watch``.
"""
import sys

import numpy as np

from tracekeras.tracing import recorder as trace_recorder
from tracekeras.tracing import traced
from tracekeras.utils.nest import flatten, is_nested, pack_sequence_as

from .tensor import ACTIVE_TAPES, AUTO_WATCH, Tensor, Variable, convert

FULL = 2  # the rank of trace level "full"


class Node:
    __slots__ = ("out", "inputs", "needs", "backward", "name")

    def __init__(self, out, inputs, needs, backward, name):
        self.out, self.inputs, self.needs = out, inputs, needs
        self.backward, self.name = backward, name


def record(name, value, inputs, backward):
    """Wrap an op's result; append its node to the active tapes when it needs one."""
    out = Tensor(value)
    if ACTIVE_TAPES:
        needs = tuple(t.tracked for t in inputs)
        if any(needs):
            out.tracked = True
            if len(ACTIVE_TAPES) == 1:        # the training step: one tape, no per-tape checks
                tape = ACTIVE_TAPES[0]
                tape.nodes.append(Node(out, inputs, needs, backward, name))
                tape.outputs.add(id(out))
            else:                             # nested tapes: each follows only its own tensors
                for tape in ACTIVE_TAPES:
                    own = tuple(n and tape.follows_input(t) for n, t in zip(needs, inputs))
                    if any(own):
                        tape.nodes.append(Node(out, inputs, own, backward, name))
                        tape.outputs.add(id(out))
    rec = trace_recorder.state.recorder
    if rec is not None and rec.rank >= FULL:
        rec.instant(name, "backend", trace_recorder.impl_of_frame(sys._getframe(1)),
                    {"shape": list(value.shape), "dtype": str(value.dtype), "taped": out.tracked})
    return out


class GradientTape:
    """Records the ops run inside its ``with`` block; ``gradient`` walks them backwards.

    Watching is per tape, as in TensorFlow: ``watch`` marks a tensor (or a
    non-trainable variable) for as long as this tape records, and
    ``watch_accessed_variables=False`` stops this tape from following the
    trainable variables it meets unless they were watched.
    """

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self.persistent = persistent
        self.watch_accessed_variables = watch_accessed_variables
        self.nodes = []
        self.used = False
        self.watched = {}   # id -> the tensor this tape watches (kept alive while it records)
        self.outputs = set()  # ids of the outputs of this tape's nodes (kept alive by the nodes)

    def __enter__(self):
        ACTIVE_TAPES.append(self)
        update_auto_watch()
        return self

    def __exit__(self, *exc):
        ACTIVE_TAPES.remove(self)
        update_auto_watch()
        for t in self.watched.values():
            if isinstance(t, Variable):
                t.watched -= 1
            elif not any(id(t) in tape.watched for tape in ACTIVE_TAPES):
                t.tracked = False
        return False

    def watch(self, tensor):
        for t in flatten(tensor):
            if id(t) in self.watched:
                continue
            self.watched[id(t)] = t
            if isinstance(t, Variable):
                t.watched += 1
            else:
                t.tracked = True

    def follows_input(self, t):
        """Does this tape differentiate through ``t``: its own output, watched, or auto-watched."""
        return (id(t) in self.outputs or id(t) in self.watched
                or (type(t) is Variable and self.watch_accessed_variables and t.trainable))

    def follows(self, source):
        return (id(source) in self.watched or not isinstance(source, Variable)
                or (self.watch_accessed_variables and source.trainable))

    @traced("backend", name="tf.GradientTape.gradient",
            args=lambda self, target, sources, *a, **k: {"ops": len(self.nodes),
                                                         "sources": len(flatten(sources))})
    def gradient(self, target, sources, output_gradients=None):
        if self.used and not self.persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one set "
                               "of gradients (or jacobians)")
        self.used = True
        target = convert(target)
        flat = flatten(sources)
        keep = {id(s) for s in flat}
        seed = (np.ones_like(target.value) if output_gradients is None
                else np.asarray(output_gradients))
        grads = {id(target): seed}
        for node in reversed(self.nodes):
            key = id(node.out)
            g = grads.get(key) if key in keep else grads.pop(key, None)
            if g is None:
                continue
            for inp, need, ig in zip(node.inputs, node.needs, node.backward(g, node.needs)):
                if need and ig is not None:
                    k = id(inp)
                    grads[k] = grads[k] + ig if k in grads else ig
        if not self.persistent:
            self.nodes = []
            self.outputs = set()
        result = [grads.get(id(s)) if self.follows(s) else None for s in flat]
        return pack_sequence_as(sources, result) if is_nested(sources) else result[0]


def update_auto_watch():
    AUTO_WATCH[0] = any(tape.watch_accessed_variables for tape in ACTIVE_TAPES)
