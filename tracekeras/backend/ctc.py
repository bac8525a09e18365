"""Connectionist temporal classification loss (``keras.backend.ctc_batch_cost``).

What it owns:

* ``ctc_loss(labels, inputs, sequence_length, ...)``: TensorFlow's
  ``tf.compat.v1.nn.ctc_loss`` (the ``CTCLoss`` op), time-major ``inputs`` of shape
  ``(max_time, batch, num_classes)`` taken as logits (the op applies its own softmax over
  the classes), sparse int32 ``labels``, the last class the blank. For each sample it
  runs Graves's forward-backward algorithm in log space over the extended label
  ``l'`` (a blank before, between and after the labels): ``alpha[t, s]``, the log
  probability of all paths that emit ``l'[:s+1]`` by step ``t`` and are at ``s``
  (emission at ``t`` included); ``beta[t, s]``, of finishing from ``s`` after ``t``
  (emission at ``t`` excluded, as TensorFlow's kernel keeps it). The loss is ``-log p``,
  ``p`` the sum of ``alpha + beta`` over ``s`` at any ``t`` (here at ``t = 0``, as the
  kernel does); the gradient with respect to the logits, beside it, is
  ``softmax - exp(logsumexp_{s: l'[s]=k}(alpha + beta) - log p)`` for the steps inside
  the sequence length and 0 after it; with no valid path the loss is ``inf`` and the
  gradient the softmax, as TensorFlow's "No valid path found". The samples are computed
  together: one NumPy step per time step over ``(batch, 2 * max_labels + 1)``.
* ``ctc_label_dense_to_sparse(labels, label_lengths)``: the first ``label_lengths[b]``
  entries of row ``b`` as a ``SparseTensor`` (the lengths clipped to the row, as Keras's
  mask does).
* ``ctc_batch_cost(y_true, y_pred, input_length, label_length)``: Keras's composition:
  lengths squeezed and cast to int32, labels made sparse, ``log(transpose(y_pred) +
  epsilon)`` fed to ``ctc_loss`` as logits, the loss expanded to ``(samples, 1)``.

TensorFlow's checks and messages, per sample in turn: a zero label length; a non-blank
label after a blank (a label ``>= num_classes - 1`` ends the sequence); a negative label;
too few steps for the labels (``required`` counts the labels as given, without repeats:
a label that needs more steps through its repeats has no valid path and an infinite
loss). Before them the sequence lengths: one per sample, none negative or longer than
``max_time``. Errors are ``InvalidArgumentError``.

What it receives: Tensors or arrays; ``y_pred`` the softmax output of a model. What it
hands on: a float Tensor recorded on the tape (``tf.nn.ctc_loss``); the backward rule
computes with NumPy only, so a second derivative is refused (as TensorFlow's
``prevent_gradient`` does). Trace events: span ``keras.backend.ctc_batch_cost`` (stage
backend: batch, time steps, classes); the op instants at trace level ``full``.
"""
import numpy as np

from tracekeras import tracing

from . import array_ops, config, ops
from .sparse_tensor import SparseTensor
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import convert

NEG_INF = -np.inf


def ctc_label_dense_to_sparse(labels, label_lengths):
    """``K.ctc_label_dense_to_sparse``: row ``b``'s first ``label_lengths[b]`` labels."""
    dense = convert(labels).value
    lengths = np.asarray(convert(label_lengths).value).reshape(-1)
    if dense.ndim != 2:
        raise ValueError(f"labels must be a matrix (batch, max_labels). Received shape "
                         f"{dense.shape}")
    if lengths.shape[0] != dense.shape[0]:   # Keras's boolean_mask of labels by the mask
        raise ValueError(f"Shapes {dense.shape} and {(lengths.shape[0], dense.shape[1])} "
                         "are incompatible")
    mask = np.arange(dense.shape[1])[None, :] < lengths[:, None]
    indices = np.argwhere(mask).astype(np.int64)
    return SparseTensor(indices, dense[mask], np.asarray(dense.shape, dtype=np.int64))


def ctc_batch_cost_args(y_true, y_pred, input_length, label_length):
    shape = convert(y_pred).value.shape
    return {"y_pred_shape": list(shape), "labels_shape": list(convert(y_true).value.shape)}


@tracing.traced("backend", name="keras.backend.ctc_batch_cost", args=ctc_batch_cost_args)
def ctc_batch_cost(y_true, y_pred, input_length, label_length):
    """``K.ctc_batch_cost``: the CTC loss of each sample, shape ``(samples, 1)``."""
    label_length = ops.cast(array_ops.squeeze(label_length, axis=-1), np.int32)
    input_length = ops.cast(array_ops.squeeze(input_length, axis=-1), np.int32)
    sparse = ctc_label_dense_to_sparse(y_true, label_length)
    sparse_labels = SparseTensor(sparse.indices, sparse.values.value.astype(np.int32),
                                 sparse.dense_shape)
    y_pred = ops.log(ops.add(array_ops.transpose(y_pred, perm=[1, 0, 2]), config.epsilon()))
    return array_ops.expand_dims(
        ctc_loss(inputs=y_pred, labels=sparse_labels, sequence_length=input_length), 1)


def ctc_loss(labels, inputs=None, sequence_length=None, preprocess_collapse_repeated=False,
             ctc_merge_repeated=True, ignore_longer_outputs_than_inputs=False,
             time_major=True, logits=None):
    """``tf.compat.v1.nn.ctc_loss``: the negative log probability of each sample's labels."""
    if not isinstance(labels, SparseTensor):
        raise TypeError("Expected argument `labels` to be a SparseTensor. Received "
                        f"labels={labels} of type: {type(labels).__name__}")
    x = convert(inputs if inputs is not None else logits)
    if not time_major:
        x = array_ops.transpose(x, perm=[1, 0, 2])
    if x.value.ndim != 3:
        raise InvalidArgumentError("inputs is not a 3-Tensor")
    lengths = np.asarray(convert(sequence_length).value)
    if lengths.ndim != 1:
        raise InvalidArgumentError("sequence_length is not a vector")
    max_time, batch, num_classes = x.value.shape
    check_lengths(lengths, batch, max_time)
    rows = label_rows(labels, batch)
    extended, label_count = [], []
    for b in range(batch):
        l_prime = checked_labels(rows[b], b, num_classes, preprocess_collapse_repeated)
        if len(rows[b]) > lengths[b] and not ignore_longer_outputs_than_inputs:
            raise InvalidArgumentError(
                f"Not enough time for target transition sequence (required: {len(rows[b])}, "
                f"available: {lengths[b]}){b}You can turn this error into a warning by using "
                "the flag ignore_longer_outputs_than_inputs")
        extended.append(l_prime)
        label_count.append(len(rows[b]))
    skip = np.array([ignore_longer_outputs_than_inputs and n > t
                     for n, t in zip(label_count, lengths)])
    loss, grad = forward_backward(x.value, extended, lengths, ctc_merge_repeated, skip)
    return record("tf.nn.ctc_loss", loss.astype(x.value.dtype), (x,),
                  lambda g, needs: ((g[None, :, None] * grad).astype(x.value.dtype),))


def check_lengths(lengths, batch, max_time):
    if lengths.shape[0] != batch:
        raise InvalidArgumentError(
            "len(sequence_length) != batch_size.  len(sequence_length):  "
            f"{lengths.shape[0]} batch_size: {batch}")
    for b, length in enumerate(lengths):
        if length < 0:
            raise InvalidArgumentError(f"seq_len({b}) < 0")
        if length > max_time:
            raise InvalidArgumentError(f"sequence_length({b}) <= {max_time}")


def label_rows(labels, batch):
    """Each sample's labels, in order, from the sparse ``labels``."""
    indices, values = labels.indices.value, labels.values.value
    if labels.dense_shape.value.shape[0] != 2:
        raise InvalidArgumentError("labels.dense_shape must be [batch_size, max_labels]")
    if int(labels.dense_shape.value[0]) != batch:
        raise InvalidArgumentError(
            "len(labels) != batch_size.  len(labels):  "
            f"{int(labels.dense_shape.value[0])} batch_size: {batch}")
    rows = [[] for _ in range(batch)]
    for (b, _), value in zip(indices, values):
        rows[int(b)].append(int(value))
    return rows


def checked_labels(label, b, num_classes, collapse_repeated):
    """The extended label ``l'`` of one sample, after TensorFlow's checks on its labels."""
    if not label:
        raise InvalidArgumentError(f"Labels length is zero in batch {b}")
    blank = num_classes - 1
    kept, finished = [], False
    for i, value in enumerate(label):
        if i > 0 and collapse_repeated and value == label[i - 1]:
            continue
        if value >= blank:
            finished = True
        elif finished:
            raise InvalidArgumentError(
                "Saw a non-null label (index >= num_classes - 1) following a null label, "
                f"batch: {b} num_classes: {num_classes} labels: "
                f"{','.join(map(str, label))} labels seen so far: {','.join(map(str, kept))}")
        else:
            kept.append(value)
    if any(value < 0 for value in kept):
        raise InvalidArgumentError(f"All labels must be nonnegative integers, batch: {b} "
                                   f"labels: {','.join(map(str, kept))}")
    l_prime = [blank]
    for value in kept:
        l_prime += [value, blank]
    return l_prime


def log_softmax(x):
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def logsumexp(*terms):
    """Elementwise log(sum(exp(terms))), -inf where every term is -inf."""
    stacked = np.stack(terms)
    top = stacked.max(axis=0)
    safe = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return safe + np.log(np.exp(stacked - safe).sum(axis=0))


def extended_table(extended, num_classes):
    """``l'`` padded with the blank into (batch, S), its lengths, and which states may be
    stayed in and reached by skipping a blank (TensorFlow's rules with merge_repeated)."""
    width = max(len(e) for e in extended)
    blank = num_classes - 1
    table = np.full((len(extended), width), blank, dtype=np.int64)
    for b, e in enumerate(extended):
        table[b, :len(e)] = e
    before = np.concatenate([np.full((len(extended), 2), -1), table[:, :-2]], axis=1)
    return table, np.array([len(e) for e in extended]), before, blank


def forward_backward(logits, extended, lengths, merge_repeated, skip):
    """Per-sample loss (batch,) and gradient w.r.t. the logits (time, batch, classes)."""
    max_time, batch, num_classes = logits.shape
    logy = log_softmax(logits.astype(np.float64))
    table, widths, before, blank = extended_table(extended, num_classes)
    states = np.arange(table.shape[1])
    emit = np.take_along_axis(logy, np.broadcast_to(table, (max_time,) + table.shape), axis=2)
    can_stay = (table == blank) | merge_repeated
    can_skip = (states >= 2) & (table != blank) & ~(merge_repeated & (table == before))
    inside = states[None, :] < widths[:, None]
    alpha = forward(emit, can_stay, can_skip, inside)
    beta = backward(emit, can_stay, can_skip, inside, lengths, widths)
    log_p = logsumexp(*(alpha[0] + beta[0]).T)
    steps = np.arange(max_time)[:, None] < lengths[None, :]             # (time, batch)
    with np.errstate(invalid="ignore"):
        occupancy = np.exp(alpha + beta - log_p[None, :, None])
    occupancy = np.where(np.isfinite(log_p)[None, :, None] & inside[None], occupancy, 0.0)
    one_hot = np.eye(num_classes)[table] * inside[..., None]           # (batch, S, classes)
    posterior = np.einsum("tbs,bsk->tbk", occupancy, one_hot)
    grad = np.where(steps[..., None], np.exp(logy) - posterior, 0.0)
    loss = np.where(skip, 0.0, -log_p)
    grad[:, skip] = 0.0
    return loss, grad


def forward(emit, can_stay, can_skip, inside):
    """alpha (time, batch, S): log probability of the paths at state s at step t."""
    max_time = emit.shape[0]
    alpha = np.full(emit.shape, NEG_INF)
    alpha[0, :, :2] = emit[0, :, :2]
    alpha[0] = np.where(inside, alpha[0], NEG_INF)
    for t in range(1, max_time):
        previous = alpha[t - 1]
        stay = np.where(can_stay, previous, NEG_INF)
        step = shifted(previous, 1)
        jump = np.where(can_skip, shifted(previous, 2), NEG_INF)
        alpha[t] = np.where(inside, emit[t] + logsumexp(stay, step, jump), NEG_INF)
    return alpha


def backward(emit, can_stay, can_skip, inside, lengths, widths):
    """beta (time, batch, S): log probability of finishing from state s after step t,
    each sample from its own last step ``lengths[b] - 1``."""
    max_time, batch, width = emit.shape
    beta = np.full(emit.shape, NEG_INF)
    states = np.arange(width)[None, :]
    ends = (states >= widths[:, None] - 2) & inside
    nxt = np.full((batch, width), NEG_INF)
    for t in range(max_time - 1, -1, -1):
        if t + 1 < max_time:
            after = emit[t + 1] + nxt
            stay = np.where(can_stay, after, NEG_INF)
            step = unshifted(after, 1)
            jump = unshifted(np.where(can_skip, after, NEG_INF), 2)
            nxt = np.where(inside, logsumexp(stay, step, jump), NEG_INF)
        last = (t == lengths - 1)[:, None]
        nxt = np.where(last, np.where(ends, 0.0, NEG_INF),
                       np.where((t < lengths - 1)[:, None], nxt, NEG_INF))
        beta[t] = nxt
    return beta


def shifted(values, by):
    """values moved ``by`` states right along the last axis (state s sees s - by)."""
    out = np.full(values.shape, NEG_INF)
    out[:, by:] = values[:, :-by]
    return out


def unshifted(values, by):
    """values moved ``by`` states left (state s sees s + by)."""
    out = np.full(values.shape, NEG_INF)
    out[:, :-by] = values[:, by:]
    return out
