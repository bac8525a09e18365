"""GradientTape: reverse-mode differentiation over recorded ops.

While a tape is active (inside its ``with`` block) every op whose inputs include
something tracked appends a node (output, inputs, which inputs need a gradient,
backward rules) to it. ``gradient`` walks the nodes in reverse, handing each
node the gradient of its output and adding what its backward rule returns onto
its inputs' gradients: only the nodes on a way from a source to the target, each
asked only for the inputs on such a way (a gradient of the input picture computes
no kernel's gradient). Trainable variables are watched automatically; other
tensors with ``watch``.

Each op brings two backward rules. ``backward`` computes with NumPy on NumPy
gradients: the fast rule, used whenever no tape is recording while ``gradient``
runs (the training step). ``backward_ops`` is the same rule written with the
differentiable ops themselves: when ``gradient`` runs while a tape records that
can still give a gradient (an outer tape around an inner tape's ``gradient``, or
a persistent tape's own ``gradient`` inside its ``with`` block; not a
non-persistent tape asked inside its own block, which is used up by the call),
the nodes that tape follows take it, so the gradient is recorded in turn and can
be differentiated again (second derivatives, gradient penalties). A node without
``backward_ops`` that a recording tape follows gives its gradient as a node whose
own gradient raises ``SecondOrderNotImplemented`` naming the op: differentiating
through it again is refused, never answered with a wrong number.
"""
import sys

import numpy as np

from tracekeras.tracing import call_sites as trace_call_sites
from tracekeras.tracing import traced
from tracekeras.utils.nest import flatten, is_nested, pack_sequence_as

from .tensor import TAPES, Tensor, Variable, array_ops, convert, ops

FULL = 2  # the rank of trace level "full"


class SecondOrderNotImplemented(NotImplementedError):
    """A gradient of the gradient of an op that has no differentiable backward rule."""

    def __init__(self, op):
        NotImplementedError.__init__(
            self, f"tracekeras does not implement the gradient of the gradient of {op}: its "
                  "backward rule computes with NumPy only, so a tape cannot differentiate it")
        self.op = op


class IndexedSlicesGradient(np.ndarray):
    """A gradient TensorFlow hands over as ``tf.IndexedSlices`` (the gradient of a gather from
    the first axis: an Embedding's table), held here as the dense array it stands for.

    A gather's backward rule returns one; the tape's walk adds contributions up as
    TensorFlow's tape does (slices and slices stay slices, slices and a dense gradient
    make a dense one) and ``gradient`` hands the result over marked. The numbers are
    the dense sum either way; the mark tells an optimizer which branch of its
    ``update_step`` TensorFlow would take (``optimizers.optimizer``). Arithmetic on it
    gives a plain array, as TensorFlow turns an IndexedSlices used as a tensor dense.
    """

    def __array_wrap__(self, array, context=None, return_scalar=False):
        array = np.ndarray.__array_wrap__(self, array, context, return_scalar)
        return array.view(np.ndarray) if isinstance(array, np.ndarray) else array


def indexed_slices(dense):
    """``dense`` marked as the value of a ``tf.IndexedSlices`` gradient."""
    return np.asarray(dense).view(IndexedSlicesGradient)


class Node:
    __slots__ = ("out", "inputs", "needs", "backward", "name", "backward_ops")

    def __init__(self, out, inputs, needs, backward, name, backward_ops=None):
        self.out, self.inputs, self.needs = out, inputs, needs
        self.backward, self.name, self.backward_ops = backward, name, backward_ops


def record(name, value, inputs, backward, backward_ops=None):
    """Wrap an op's result; append its node to the active tapes when it needs one.

    ``backward(g, needs)`` gets the output's gradient as a NumPy array and returns one
    NumPy gradient per input (None where not needed); ``backward_ops(g, needs, out)``
    gets it as a Tensor and returns Tensors computed with the differentiable ops."""
    out = Tensor(value)
    active = TAPES.active
    if active:
        needs = tuple(t.tracked for t in inputs)
        if any(needs):
            out.tracked = True
            if len(active) == 1:              # the training step: one tape, no per-tape checks
                tape = active[0]
                tape.nodes.append(Node(out, inputs, needs, backward, name, backward_ops))
                tape.outputs.add(id(out))
            else:                             # nested tapes: each follows only its own tensors
                for tape in active:
                    own = tuple(n and tape.follows_input(t) for n, t in zip(needs, inputs))
                    if any(own):
                        tape.nodes.append(Node(out, inputs, own, backward, name, backward_ops))
                        tape.outputs.add(id(out))
    rec = trace_call_sites.state.recorder
    if rec is not None and rec.rank >= FULL:
        rec.instant(name, "backend", trace_call_sites.impl_of_frame(sys._getframe(1)),
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
        TAPES.active.append(self)
        update_auto_watch()
        return self

    def __exit__(self, *exc):
        TAPES.active.remove(self)
        update_auto_watch()
        for t in self.watched.values():
            if isinstance(t, Variable):
                t.watched -= 1
            elif not any(id(t) in tape.watched for tape in TAPES.active):
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
                or (isinstance(t, Variable) and self.watch_accessed_variables and t.trainable))

    def follows(self, source):
        return (id(source) in self.watched or not isinstance(source, Variable)
                or (self.watch_accessed_variables and source.trainable))

    @traced("backend", name="tf.GradientTape.gradient",
            args=lambda self, target, sources, *a, **k: {"ops": len(self.nodes),
                                                         "sources": len(flatten(sources))})
    def gradient(self, target, sources, output_gradients=None):
        """d target / d source for each source; a nested ``target`` (a list of gradients, for
        a second derivative) is differentiated as the sum of its tensors, each seeded with
        ones or with its part of ``output_gradients``."""
        targets = [convert(t) for t in flatten(target)]
        seeds = ([output_gradients] if not is_nested(target) else
                 [None] * len(targets) if output_gradients is None else flatten(output_gradients))
        if len(seeds) != len(targets):
            raise ValueError(f"`output_gradients` must have the structure of `target`: "
                             f"{len(targets)} tensors, received {len(seeds)}.")
        self.check_usable()
        flat = flatten(sources)
        result = self.walk(targets, flat, seeds)
        self.release()
        return pack_sequence_as(sources, result) if is_nested(sources) else result[0]

    @traced("backend", name="tf.GradientTape.jacobian",
            args=lambda self, target, sources, *a, **k: {"ops": len(self.nodes),
                                                         "sources": len(flatten(sources))})
    def jacobian(self, target, sources):
        """d target[i] / d source[j] for each source: ``target.shape + source.shape``, one
        walk per target element (None for an unconnected source)."""
        self.check_usable()
        target = convert(target)
        flat = flatten(sources)
        rows = [self.walk([target], flat, [one_hot(target.shape, i, target.dtype)])
                for i in range(int(np.prod(target.shape, dtype=np.int64)))]
        self.release()
        result = [stacked([row[j] for row in rows], s, target.shape, s.shape)
                  for j, s in enumerate(flat)]
        return pack_sequence_as(sources, result) if is_nested(sources) else result[0]

    @traced("backend", name="tf.GradientTape.batch_jacobian")
    def batch_jacobian(self, target, source):
        """d target[b, i] / d source[b, j], each row of the batch on its own (as TensorFlow
        assumes, row b of ``target`` depends on row b of ``source`` only): one walk per
        element of a target row; shape ``target.shape + source.shape[1:]``."""
        self.check_usable()
        target = convert(target)
        per_row = target.shape[1:]
        rows = []
        for i in range(int(np.prod(per_row, dtype=np.int64))):
            seed = np.broadcast_to(one_hot(per_row, i, target.dtype), target.shape)
            rows.append(self.walk([target], [source], [seed])[0])
        self.release()
        if all(r is None for r in rows):
            return None
        value = stacked(rows, source, (len(rows),), source.shape)   # (row element, batch, ...)
        moved = ops().reshape(array_ops().transpose(value, [1, 0] + list(
            range(2, value.ndim))), target.shape + source.shape[1:])
        return moved

    def check_usable(self):
        if self.used and not self.persistent:
            raise RuntimeError("A non-persistent GradientTape can only be used to compute one set "
                               "of gradients (or jacobians)")
        self.used = True

    def walk(self, targets, flat, seeds):
        """The gradient of the sum of ``targets`` (each seeded with ones, or its seed) for
        each source in ``flat`` (None: not followed)."""
        keep = {id(s) for s in flat}
        # the tapes recording this call that can still give a gradient (a used non-persistent
        # tape, this one among them, cannot): for them the gradient is differentiable
        recording = [t for t in TAPES.active if t.persistent or not t.used]
        # a gradient that overflows (float16's, scaled by a LossScaleOptimizer, which looks
        # for it) is inf without a warning, as TensorFlow's kernels give it
        with np.errstate(over="ignore"):
            if recording:
                grads = walk_recorded(list(self.nodes), targets, keep, seeds, recording)
            else:
                grads = walk(self.nodes, targets, keep, seeds)
        return [grads.get(id(s)) if self.follows(s) else None for s in flat]

    def release(self):
        if not self.persistent:
            self.nodes = []
            self.outputs = set()


def one_hot(shape, i, dtype):
    seed = np.zeros(int(np.prod(shape, dtype=np.int64)), dtype)
    seed[i] = 1
    return seed.reshape(shape)


def stacked(rows, source, lead, shape):
    """Gradients of one source, one per target element, as one tensor ``lead + shape``
    (an unconnected element: zeros; all unconnected: None)."""
    if all(r is None for r in rows):
        return None
    source = convert(source)
    zeros = np.zeros(source.shape, source.dtype)
    parts = [zeros if r is None else r for r in rows]
    return ops().reshape(array_ops().stack(parts), tuple(lead) + tuple(shape))


def seeded(targets, seeds, keep_tensors):
    """The walk's first gradients: each target's seed (ones when None), a target given twice
    seeded with their sum."""
    grads = {}
    for target, seed in zip(targets, seeds):
        if seed is None:
            seed = np.ones_like(target.value)
        elif not (keep_tensors and isinstance(seed, Tensor)):
            seed = np.asarray(seed)
        key = id(target)
        grads[key] = accumulate(grads[key], seed) if key in grads else seed
    return grads


def leading_to_sources(nodes, keep):
    """The ids of the sources and of every node output computed from one of them: only
    these carry a gradient a source receives. A gradient asked of some tensors only (the
    input picture of a gradient ascent, a convolution's output in Grad-CAM) then computes
    no gradient of a kernel or of the layers before them, which it would drop anyway."""
    reaching = set(keep)
    for node in nodes:
        if any(need and id(inp) in reaching for inp, need in zip(node.inputs, node.needs)):
            reaching.add(id(node.out))
    return reaching


def needs_on_the_way(node, reaching):
    """``node.needs`` narrowed to the inputs a source's gradient reaches (``reaching``)."""
    return tuple(need and id(inp) in reaching for inp, need in zip(node.inputs, node.needs))


def walk(nodes, targets, keep, seeds):
    """The NumPy walk: the fast rule of each node on a way from a source to a target (its
    ``needs`` narrowed to the inputs on such a way), gradients as NumPy arrays; a source
    whose every contribution came as IndexedSlices gets its sum marked as such."""
    grads = seeded(targets, seeds, keep_tensors=False)
    reaching = leading_to_sources(nodes, keep)
    slices = set()   # the ids whose contributions so far all came as IndexedSlices
    for node in reversed(nodes):
        key = id(node.out)
        g = grads.get(key) if key in keep else grads.pop(key, None)
        if g is None or key not in reaching:
            continue
        if type(g) is IndexedSlicesGradient:   # a rule past the gather sees a plain array
            g = g.view(np.ndarray)
        needs = needs_on_the_way(node, reaching)
        if not any(needs):   # a source's own op: nothing before it is asked for
            continue
        for inp, need, ig in zip(node.inputs, needs, node.backward(g, needs)):
            if need and ig is not None:
                k = id(inp)
                if k not in grads:
                    grads[k] = ig
                    if type(ig) is IndexedSlicesGradient:
                        slices.add(k)
                    continue
                grads[k] = grads[k] + ig
                if type(ig) is not IndexedSlicesGradient:
                    slices.discard(k)
    for k in slices & keep:
        grads[k] = indexed_slices(grads[k])
    return grads


def walk_recorded(nodes, targets, keep, seeds, recording):
    """The walk while tapes record, over the nodes on a way from a source to a target (as
    ``walk``): a node a recording tape follows (through its inputs or its gradient) takes its
    ``backward_ops`` on Tensors, so those tapes record the gradient; the others keep their
    NumPy rule."""
    grads = seeded(targets, seeds, keep_tensors=True)
    reaching = leading_to_sources(nodes, keep)
    for node in reversed(nodes):
        key = id(node.out)
        g = grads.get(key) if key in keep else grads.pop(key, None)
        if g is None or key not in reaching:
            continue
        needs = needs_on_the_way(node, reaching)
        if not any(needs):
            continue
        if recorded(node, g, recording):
            input_grads = backward_recorded(node, g, needs)
        else:
            input_grads = node.backward(g.value if isinstance(g, Tensor) else g, needs)
        for inp, need, ig in zip(node.inputs, needs, input_grads):
            if need and ig is not None:
                k = id(inp)
                grads[k] = accumulate(grads[k], ig) if k in grads else ig
    return grads


def recorded(node, g, recording):
    """Does a recording tape follow this node's inputs or its output's gradient?"""
    return any(tape.follows_input(t) for tape in recording
               for t in (node.inputs if not isinstance(g, Tensor) else node.inputs + (g,)))


def backward_recorded(node, g, needs):
    """The node's gradients of the inputs ``needs`` asks for, as recorded Tensors: its
    ``backward_ops``, or (without one) the NumPy gradients behind a node whose own
    gradient refuses to be taken."""
    g = convert(g)
    if node.backward_ops is not None:
        return node.backward_ops(g, needs, node.out)
    numbers = node.backward(g.value, needs)
    sources = (g,) + tuple(node.inputs)

    def refuse(*args):   # either rule: (g, needs) or (g, needs, out)
        raise SecondOrderNotImplemented(node.name)
    return tuple(None if ig is None else record(node.name + ".gradient", ig, sources, refuse,
                                                refuse)
                 for ig in numbers)


def accumulate(total, more):
    if isinstance(total, Tensor) or isinstance(more, Tensor):
        return ops().add(total, more)
    return total + more


def update_auto_watch():
    TAPES.auto_watch = any(tape.watch_accessed_variables for tape in TAPES.active)
