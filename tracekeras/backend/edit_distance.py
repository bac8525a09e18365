"""``tf.edit_distance``: the Levenshtein distance between sequences held in SparseTensors.

What it owns: ``edit_distance(hypothesis, truth, normalize=True)``. Both are
SparseTensors of one rank ``R``; the entries that share their first ``R - 1`` indices
form one sequence (in the order of the last index). For each such position of the output
(shape: the larger of the two ``dense_shape[:-1]``, element by element) it counts the
fewest insertions, deletions and substitutions that turn the hypothesis into the truth;
with ``normalize`` divided by the truth's length (an empty truth gives ``inf`` against a
non-empty hypothesis, 0 against an empty one), as TensorFlow's EditDistance kernel does.
The values of both must have one dtype (TensorFlow's message otherwise). float32 out.

What it receives: SparseTensors (``tf.sparse.from_dense`` of labels and of decoded
predictions, in keras.io's handwriting recognition). What it hands on: a float32 Tensor,
no gradient; a ``backend`` instant at trace level full (``tape.record``).
"""
import numpy as np

from .sparse_tensor import SparseTensor
from .string_ops import InvalidArgumentError
from .tape import record


def sequences(sparse):
    """{index prefix: [values in order of the last index]}."""
    indices, values = sparse.indices.value, sparse.values.value
    out: dict = {}
    for row in np.lexsort(indices.T[::-1]) if len(indices) else ():
        out.setdefault(tuple(int(i) for i in indices[row, :-1]), []).append(values[row])
    return out


def levenshtein(a, b):
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def edit_distance(hypothesis, truth, normalize=True, name="edit_distance"):
    """``tf.edit_distance``: one distance per sequence position, float32."""
    for arg, value in (("hypothesis", hypothesis), ("truth", truth)):
        if not isinstance(value, SparseTensor):
            raise TypeError(f"{arg} must be a SparseTensor. Received: {type(value).__name__}")
    hyp_dtype, truth_dtype = hypothesis.values.value.dtype, truth.values.value.dtype
    if hyp_dtype != truth_dtype:
        raise InvalidArgumentError(
            "cannot compute EditDistance as input #4(zero-based) was expected to be a "
            f"{hyp_dtype.name} tensor but is a {truth_dtype.name} tensor")
    hyp_shape, truth_shape = hypothesis.dense_shape.value, truth.dense_shape.value
    if len(hyp_shape) != len(truth_shape):
        raise InvalidArgumentError("Inconsistent rank in hypothesis and truth: "
                                   f"{len(hyp_shape)} vs. {len(truth_shape)}")
    shape = tuple(int(d) for d in np.maximum(hyp_shape[:-1], truth_shape[:-1]))
    out = np.zeros(shape, dtype=np.float32)
    hyp, tru = sequences(hypothesis), sequences(truth)
    for key in set(hyp) | set(tru):
        h, t = hyp.get(key, []), tru.get(key, [])
        distance = float(levenshtein(h, t))
        if normalize:
            distance = distance / len(t) if t else (np.inf if h else 0.0)
        out[key] = distance
    return record("tf.edit_distance", out, (), None)
