"""``Dataset.rejection_resample``: elements dropped or repeated so that their classes come
in a target distribution (tf.data's rejection resampler), built as TensorFlow builds it,
from the datasets tracekeras has, so a seeded run draws TensorFlow's numbers.

What it owns: ``rejection_resample(class_func, target_dist, initial_dist=None, seed=None)``
and ``tf.data.experimental.rejection_resample`` (the same, for ``apply``). With ``t`` the
target and ``p`` the initial distribution (given, or estimated as the elements stream
past: class counts started at 10 each, updated a batch of 32 class values at a time),
the ratio ``r = t / (p + tiny)`` sets each class's acceptance ``a = (r - min r) / (max r -
min r)`` and the chance ``min r`` of taking the next element from the input as it is.
The result, pairs ``(class, element)``, is ``sample_from_datasets`` (``seed``, stopping
when either input ends) of the input with its class added and the input filtered by a
uniform draw (``tf.random.uniform`` with ``seed``) below its class's acceptance. With a
given distribution whose smallest ratio is 1 the input with its class is handed back;
0, the filtered input alone. When more than half of the examples would be rejected,
TensorFlow's ``Print`` says so on standard error, for the first ten elements.

What it receives: a ``Dataset`` and a class function returning an int scalar. What it
hands on: a ``Dataset``. No trace events.
"""
import sys
import weakref

import numpy as np

from tracekeras.backend import random as krandom
from tracekeras.backend import script_ops
from tracekeras.backend.array_ops import convert_to_tensor
from tracekeras.backend.tensor import Tensor
from tracekeras.data import grouping, sampling
from tracekeras.data.dataset import Dataset, to_numpy
from tracekeras.utils import nest

SMOOTHING = 10          # the starting count of every class in the live estimate
ESTIMATION_BATCH = 32   # class values read at a time by the live estimate


def value_of(tensor):
    return np.asarray(getattr(tensor, "value", tensor))


def acceptance_and_mixing(initial, target):
    """Each class's acceptance probability, and the chance of the original input."""
    initial, target = value_of(initial), value_of(target)
    ratio = target / (initial + np.finfo(np.float32).tiny)
    smallest = ratio.min()
    with np.errstate(invalid="ignore", divide="ignore"):   # equal ratios: NaN, as in TF
        accept = (ratio - smallest) / (ratio.max() - smallest)
    return accept.astype(np.float32), np.float32(smallest)


def warned():
    """TensorFlow's ``Print`` of a high rejection, the first ten times an iterator asks (a
    ``Print`` op counts per graph, and each iterator instantiates the map's graph)."""
    printed = weakref.WeakKeyDictionary()   # the map's graph of each iterator: its prints

    def check(accept, initial):
        accept, initial = value_of(accept), value_of(initial)
        rejected = np.float32(((1 - accept) * initial).sum())
        graph = krandom.DATASET_FUNCTIONS[-1] if krandom.DATASET_FUNCTIONS else check
        trial = script_ops.TRIAL.trial is not None   # a call finding the spec prints nothing
        if not rejected < 0.5 and printed.get(graph, 0) < 10 and not trial:
            printed[graph] = printed.get(graph, 0) + 1
            print("Proportion of examples rejected by sampler is high: "
                  f"[{number_text(rejected)}]{array_text(initial)}{array_text(accept)}",
                  file=sys.stderr)
        return Tensor(accept)
    return check


def number_text(value):
    return f"{float(value):.9g}"


def array_text(array):
    return "[" + " ".join(number_text(v) for v in np.asarray(array).reshape(-1)) + "]"


def estimated_initial(target, class_values):
    """The live estimate: a dataset of distributions, one per element."""
    classes = len(value_of(target))

    def update(seen, batch):
        batch = value_of(batch).astype(np.int64)
        seen = value_of(seen) + np.bincount(batch[(batch >= 0) & (batch < classes)],
                                            minlength=classes).astype(np.int64)
        dist = (seen / seen.sum()).astype(np.float32)
        return seen, np.tile(dist[None], (ESTIMATION_BATCH, 1))

    return grouping.scan(class_values.batch(ESTIMATION_BATCH),
                         np.full(classes, SMOOTHING, np.int64), update).unbatch()


def filtered(dataset, acceptance, initial, class_func, seed):
    checked = Dataset.zip((acceptance, initial)).map(warned())

    def gather_and_copy(accept, data):
        klass = class_func(*data) if isinstance(data, tuple) else class_func(data)
        return klass, convert_to_tensor(value_of(accept)[int(value_of(klass))]), data

    def keep(klass, probability, data):
        return krandom.uniform([], seed=seed, dtype=value_of(probability).dtype) < probability

    return Dataset.zip((checked, dataset)).map(gather_and_copy).filter(keep).map(
        lambda klass, probability, data: (klass, data))


def rejection_resample(self, class_func, target_dist, initial_dist=None, seed=None,
                       name=None):
    """``Dataset.rejection_resample``: ``(class, element)`` pairs in ``target_dist``."""
    target = to_numpy(target_dist).astype(np.float32)
    if initial_dist is not None:
        initial = to_numpy(initial_dist).astype(np.float32)
        acceptance, mixing = acceptance_and_mixing(initial, target)
        initial_ds = Dataset.from_tensors(initial).repeat()
        acceptance_ds = Dataset.from_tensors(acceptance).repeat()
        mixing_ds = Dataset.from_tensors(mixing).repeat()
        with np.errstate(invalid="ignore", divide="ignore"):
            static = np.min(target / initial)
    else:
        initial_ds = estimated_initial(target, self.map(class_func))
        both = initial_ds.map(lambda dist: acceptance_and_mixing(dist, target))
        acceptance_ds = both.map(lambda accept, _: accept)
        mixing_ds = both.map(lambda _, mixing: mixing)
        static = None
    resampled = filtered(self, acceptance_ds, initial_ds, class_func, seed).prefetch(3)

    def add_class_value(*element):
        data = element[0] if len(element) == 1 else element
        return class_func(*element), data

    if static == 1:
        return self.map(add_class_value)
    if static == 0:
        return resampled
    weights = mixing_ds.map(lambda mixing: nest.map_structure(
        lambda m: np.array([[value_of(m), 1 - value_of(m)]], np.float32), mixing))
    return sampling.sample_from_datasets([self.map(add_class_value), resampled],
                                         weights=weights, seed=seed,
                                         stop_on_empty_dataset=True)


def experimental_rejection_resample(class_func, target_dist, initial_dist=None, seed=None):
    """``tf.data.experimental.rejection_resample``: the transformation, for ``apply``."""
    def apply(dataset):
        return rejection_resample(dataset, class_func, target_dist, initial_dist, seed)
    return apply


__all__ = ["experimental_rejection_resample", "rejection_resample"]
