"""TensorFlow's CTC beam search decoder (``tf.compat.v1.nn.ctc_beam_search_decoder``).

What it owns: ``ctc_beam_search_decoder(inputs, sequence_length, beam_width=100,
top_paths=1, merge_repeated=True)``, the decoder ``keras.backend.ctc_decode`` runs with
``greedy=False``, as TensorFlow's ``CTCBeamSearchDecoder`` kernel walks it with its
default scorer (no language model):

* a trie of label prefixes (:class:`BeamEntry`), each with the log probability of ending
  in a blank, of ending in its own label, and their total, for the last step (``oldp``)
  and this one (``newp``);
* at each step the beams (the ``beam_width`` best leaves, best first) first extend
  themselves: a prefix's label probability grows from its parent's (its parent's blank
  part when the two labels are equal), then every class but the blank times each beam
  good enough to be a candidate makes a child prefix, kept when it beats the worst beam
  (which then leaves the beam); the inputs are normalized per step (log-softmax);
* at the end the ``top_paths`` best beams are read back from the trie, where with
  ``merge_repeated`` a label equal to the one after it is dropped (TensorFlow's
  ``LabelSeq``: ``aa`` as a prefix reads as ``a``).

It returns ``(decoded, log_probability)``: ``top_paths`` SparseTensors of int64 classes
(dense shape ``(batch, longest path)``), and ``(batch, top_paths)`` float32 totals.
Checks, with TensorFlow's messages and errors: ``top_paths`` at most ``beam_width``,
one sequence length per sample and none above ``max_time``.

What it receives: time-major inputs (Keras's ``log(y_pred + epsilon)``). What it hands
on: Tensors with no gradient. No trace events of its own (``ctc_decode``'s span covers
it).
"""
import heapq

import numpy as np

from .ctc import logsumexp
from .op_errors import FailedPreconditionError
from .sparse_tensor import SparseTensor
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import convert

NEG_INF = -np.inf


class BeamProbability:
    __slots__ = ("total", "blank", "label")

    def __init__(self):
        self.reset()

    def reset(self):
        self.total, self.blank, self.label = NEG_INF, NEG_INF, NEG_INF

    def copy_from(self, other):
        self.total, self.blank, self.label = other.total, other.blank, other.label


class BeamEntry:
    """One prefix of labels in the trie."""
    __slots__ = ("parent", "label", "children", "oldp", "newp")

    def __init__(self, parent, label):
        self.parent, self.label, self.children = parent, label, {}
        self.oldp, self.newp = BeamProbability(), BeamProbability()

    def active(self):
        return self.newp.total != NEG_INF

    def child(self, label):
        if label not in self.children:
            self.children[label] = BeamEntry(self, label)
        return self.children[label]

    def label_seq(self, merge_repeated):
        labels, previous, entry = [], -1, self
        while entry.parent is not None:
            if not merge_repeated or entry.label != previous:
                labels.append(entry.label)
            previous, entry = entry.label, entry.parent
        return labels[::-1]


class Leaves:
    """The ``beam_width`` best entries by ``newp.total`` (TensorFlow's ``gtl::TopN``), on a
    min-heap so that the worst is found at once (an entry's total does not change while it
    is in here: a step extracts them all before changing any)."""

    def __init__(self, limit):
        self.limit, self.heap, self.count = limit, [], 0

    def __len__(self):
        return len(self.heap)

    def push(self, entry):
        self.count += 1
        item = (entry.newp.total, self.count, entry)
        if len(self.heap) < self.limit:
            heapq.heappush(self.heap, item)
        elif entry.newp.total > self.heap[0][0]:
            heapq.heapreplace(self.heap, item)

    def bottom(self):
        return self.heap[0][2]

    def extract(self):
        """The entries best first (in the order they came on a tie); emptied."""
        out = [entry for _, _, entry in sorted(self.heap, key=lambda item: (-item[0], item[1]))]
        self.heap = []
        return out


def step(leaves, logits, beam_width, blank):
    """One time step of TensorFlow's ``CTCBeamSearchDecoder::Step``."""
    log_probs = logits - logits.max()
    log_probs = log_probs - np.log(np.exp(log_probs).sum())
    branches = leaves.extract()
    for b in branches:
        b.oldp.copy_from(b.newp)
    for b in branches:
        if b.parent is not None:
            if b.parent.active():
                previous = b.parent.oldp.blank if b.label == b.parent.label else \
                    b.parent.oldp.total
                b.newp.label = float(logsumexp(b.newp.label, previous))
            b.newp.label += log_probs[b.label]
        b.newp.blank = b.oldp.total + log_probs[blank]
        b.newp.total = float(logsumexp(b.newp.blank, b.newp.label))
        leaves.push(b)
    for b in branches:
        if not candidate(leaves, b.oldp, beam_width):
            continue
        for label in range(blank):   # every class but the blank (the last)
            grow(leaves, b, label, log_probs[label], beam_width)


def candidate(leaves, prob, beam_width):
    return prob.total > NEG_INF and (len(leaves) < beam_width
                                     or prob.total > leaves.bottom().newp.total)


def grow(leaves, b, label, log_prob, beam_width):
    c = b.child(label)
    if c.active():
        return
    c.newp.blank = NEG_INF
    previous = b.oldp.blank if c.label == b.label else b.oldp.total
    c.newp.label = log_prob + previous
    c.newp.total = c.newp.label
    if candidate(leaves, c.newp, beam_width):
        if len(leaves) == beam_width:
            leaves.bottom().newp.reset()
        leaves.push(c)
    else:
        c.oldp.reset()
        c.newp.reset()


def decode_one(logits, beam_width, top_paths, merge_repeated):
    """The ``top_paths`` best label sequences of one sample and their log probabilities."""
    root = BeamEntry(None, -1)
    root.newp.total, root.newp.blank = 0.0, 0.0
    leaves = Leaves(beam_width)
    leaves.push(root)
    blank = logits.shape[1] - 1
    for t in range(logits.shape[0]):
        step(leaves, logits[t].astype(np.float64), beam_width, blank)
    best = leaves.extract()
    if top_paths > len(best):
        raise InvalidArgumentError("Less leaves in the beam search than requested.")
    return ([e.label_seq(merge_repeated) for e in best[:top_paths]],
            [e.newp.total for e in best[:top_paths]])


def ctc_beam_search_decoder(inputs, sequence_length, beam_width=100, top_paths=1,
                            merge_repeated=True):
    """``tf.compat.v1.nn.ctc_beam_search_decoder``: ``(decoded, log_probabilities)``."""
    x = convert(inputs).value
    lengths = np.asarray(convert(sequence_length).value)
    max_time, batch, _ = x.shape
    if top_paths > beam_width:
        raise InvalidArgumentError("requested more paths than the beam width.")
    check_sequence_lengths(lengths, max_time, batch)
    paths = [[None] * batch for _ in range(top_paths)]
    log_probs = np.zeros((batch, top_paths), dtype=np.float32)
    for b in range(batch):
        found, scores = decode_one(x[:max(int(lengths[b]), 0), b], beam_width, top_paths,
                                   merge_repeated)
        for p in range(top_paths):
            paths[p][b] = found[p]
            log_probs[b, p] = scores[p]
    return [as_sparse(rows) for rows in paths], record(
        "tf.nn.ctc_beam_search_decoder", log_probs, (), None)


def as_sparse(rows):
    indices = np.array([(b, i) for b, r in enumerate(rows) for i in range(len(r))],
                       dtype=np.int64).reshape(-1, 2)
    values = np.array([v for r in rows for v in r], dtype=np.int64)
    width = max((len(r) for r in rows), default=0)
    return SparseTensor(indices, values, np.array([len(rows), width], dtype=np.int64))


def check_sequence_lengths(lengths, max_time, batch):
    """TensorFlow's refusals of a CTC decoder's ``sequence_length``: one per batch entry,
    none longer than the inputs' time axis."""
    if lengths.shape[0] != batch:
        raise FailedPreconditionError(
            "len(sequence_length) != batch_size.  len(sequence_length):  "
            f"{lengths.shape[0]} batch_size: {batch}")
    for b, length in enumerate(lengths):
        if length > max_time:
            raise FailedPreconditionError(f"sequence_length({b}) <= {max_time}")
