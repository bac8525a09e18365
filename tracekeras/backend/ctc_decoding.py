"""Decoding a CTC model's output (``keras.backend.ctc_decode``).

What it owns:

* ``ctc_greedy_decoder(inputs, sequence_length, merge_repeated=True, blank_index=None)``:
  TensorFlow's ``tf.nn.ctc_greedy_decoder`` (best path). For each sample, over its first
  ``sequence_length[b]`` steps of the time-major ``inputs`` (max_time, batch, classes):
  the class of the largest input at each step (the first one on a tie), the blank (by
  default the last class) dropped, and with ``merge_repeated`` a class equal to the
  previous step's dropped too (a blank between two equal classes keeps both). It returns
  ``([decoded], neg_sum_logits)``: a ``SparseTensor`` of int64 classes of dense shape
  ``(batch, longest decoded)``, and ``(batch, 1)``, the negative sum of each step's
  largest input. A negative sequence length decodes nothing; one above ``max_time`` or a
  count other than the batch's is TensorFlow's ``FailedPreconditionError``.
* ``ctc_decode(y_pred, input_length, greedy=True, beam_width=100, top_paths=1)``: Keras's
  composition: ``log(transpose(y_pred) + epsilon)`` decoded greedily, or with
  ``greedy=False`` by TensorFlow's beam search
  (:mod:`tracekeras.backend.ctc_beam_search`), each path made dense as
  ``(samples, time_steps)`` int64 with ``-1`` where nothing was decoded; returns
  ``([dense, ...], log_prob)``.

What it receives: Tensors or arrays (``y_pred`` a softmax output). What it hands on:
Tensors with no gradient. Trace events: span ``keras.backend.ctc_decode`` (stage
backend).
"""
import numpy as np

from tracekeras import tracing

from . import array_ops, config, ops
from .ctc_beam_search import check_sequence_lengths, ctc_beam_search_decoder
from .sparse_tensor import SparseTensor, to_dense
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import convert


def ctc_greedy_decoder(inputs, sequence_length, merge_repeated=True, blank_index=None):
    """``tf.nn.ctc_greedy_decoder``: the best path of each sample, repeats and blanks
    removed."""
    x = convert(inputs).value
    lengths = np.asarray(convert(sequence_length).value)
    if x.ndim != 3:
        raise InvalidArgumentError("inputs is not a 3-Tensor")
    if lengths.ndim != 1:
        raise InvalidArgumentError("sequence_length is not a vector")
    max_time, batch, num_classes = x.shape
    check_sequence_lengths(lengths, max_time, batch)
    blank = num_classes - 1 if blank_index is None else blank_index % num_classes
    best = x.argmax(axis=2)                         # (time, batch), first on a tie
    tops = x.max(axis=2)
    rows, neg_sum = [], np.zeros((batch, 1), dtype=x.dtype)
    for b in range(batch):
        steps = max(int(lengths[b]), 0)
        neg_sum[b, 0] = -tops[:steps, b].sum(dtype=x.dtype)
        rows.append(best_path(best[:steps, b], blank, merge_repeated))
    width = max((len(r) for r in rows), default=0)
    indices = np.array([(b, i) for b, r in enumerate(rows) for i in range(len(r))],
                       dtype=np.int64).reshape(-1, 2)
    values = np.array([v for r in rows for v in r], dtype=np.int64)
    decoded = SparseTensor(indices, values, np.array([batch, width], dtype=np.int64))
    return [decoded], record("tf.nn.ctc_greedy_decoder", neg_sum, (), None)


def best_path(classes, blank, merge_repeated):
    out, previous = [], None
    for c in classes.tolist():
        if c != blank and not (merge_repeated and c == previous):
            out.append(c)
        previous = c
    return out


@tracing.traced("backend", name="keras.backend.ctc_decode",
                args=lambda y_pred, input_length, greedy=True, beam_width=100, top_paths=1:
                {"y_pred_shape": list(convert(y_pred).value.shape), "greedy": bool(greedy)})
def ctc_decode(y_pred, input_length, greedy=True, beam_width=100, top_paths=1):
    """``K.ctc_decode``: ``([decoded (samples, time_steps) int64, -1 padded]], log_prob)``."""
    num_samples, num_steps = convert(y_pred).value.shape[:2]
    y_pred = ops.log(ops.add(array_ops.transpose(y_pred, perm=[1, 0, 2]), config.epsilon()))
    input_length = ops.cast(input_length, np.int32)
    if greedy:
        decoded, log_prob = ctc_greedy_decoder(inputs=y_pred, sequence_length=input_length)
    else:
        decoded, log_prob = ctc_beam_search_decoder(
            inputs=y_pred, sequence_length=input_length, beam_width=beam_width,
            top_paths=top_paths)
    decoded_dense = []
    for st in decoded:
        st = SparseTensor(st.indices, st.values, (num_samples, num_steps))
        decoded_dense.append(to_dense(sp_input=st, default_value=-1))
    return (decoded_dense, log_prob)
