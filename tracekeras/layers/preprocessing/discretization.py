"""Discretization: numbers -> the index of their bin
(``keras.layers.preprocessing.discretization``).

What it owns: ``Discretization(bin_boundaries=None, num_bins=None, epsilon=0.01,
output_mode="int", sparse=False)``, a ``PreprocessingLayer``. A value's bin is the
number of boundaries at or below it (TensorFlow's ``Bucketize``: boundaries
``[0., 1.]`` put -1 in bin 0, 0 and 0.5 in bin 1, 1 and 2 in bin 2). The boundaries are
given, or ``adapt`` estimates ``num_bins`` quantiles with Keras's approximate summary:
each batch is sorted and thinned to about ``1/epsilon`` weighted points
(``summarize``), merged with the running summary and compressed again by
interpolating the cumulative weights (``merge_summaries``, ``compress``), all in
float32 as Keras computes them; ``finalize_state`` compresses the summary to
``num_bins`` points and keeps all but the last as boundaries. The summary is the layer's
one weight, as in Keras: a non-trainable ``summary`` of shape ``(2, None)``
(``SummaryVariable``), in ``weights``, ``get_weights()`` and the weights files, counting
for no parameters; ``set_weights`` of a summary finalizes the boundaries from it.

What it receives: float or integer Tensors/arrays. What it hands on: int64 bin indices,
or a float32 one_hot/multi_hot/count encoding over ``len(bin_boundaries) + 1`` bins.

Trace events: the ``adapt`` span of ``PreprocessingLayer``; the ``Layer.__call__`` spans.
"""
import numpy as np

from tracekeras import backend
from tracekeras.backend.tensor import KEPT_VALUES, remember
from tracekeras.engine.base_layer_utils import CALL_CONTEXT
from tracekeras.engine.base_preprocessing_layer import PreprocessingLayer
from tracekeras.layers.preprocessing.preprocessing_utils import (
    COUNT,
    INT,
    MULTI_HOT,
    ONE_HOT,
    check_sparse,
    compute_shape_for_encode_categorical,
    encode_categorical_inputs,
    int_or_float_dtype,
    listify,
    validate_string_arg,
)


def summarize(values, epsilon):
    """A batch as weighted points: every ``step``-th sorted value, weighted ``step``."""
    values = np.sort(np.asarray(values, np.float32).reshape(-1))
    elements = np.float32(values.size)
    increment = int(elements / np.float32(1.0 / epsilon))
    step = max(increment, 1)
    boundaries = values[increment::step]
    weights = np.ones_like(boundaries) * np.float32(step)
    return np.stack([boundaries, weights])


def compress(summary, epsilon):
    """The summary resampled at cumulative-weight fractions ``epsilon, 2 epsilon, ... 1``."""
    if summary.shape[1] * epsilon < 1:
        return summary
    percents = epsilon + np.arange(0.0, 1.0, epsilon)
    cum_weights = summary[1].cumsum()
    cum_weight_percents = cum_weights / cum_weights[-1]
    new_bins = np.interp(percents, cum_weight_percents, summary[0])
    cum_weights = np.interp(percents, cum_weight_percents, cum_weights)
    new_weights = cum_weights - np.concatenate((np.array([0]), cum_weights[:-1]))
    return np.stack((new_bins, new_weights)).astype(np.float32)


def merge_summaries(prev_summary, next_summary, epsilon):
    merged = np.concatenate((prev_summary, next_summary), axis=1)
    merged = merged[:, np.argsort(merged[0], kind="stable")]
    return compress(merged, epsilon)


def get_bin_boundaries(summary, num_bins):
    return compress(summary, 1.0 / num_bins)[0, :-1]


class Discretization(PreprocessingLayer):
    """``Discretization(bin_boundaries=None, num_bins=None, epsilon=0.01, output_mode="int",
    sparse=False)``."""

    finalized_on_load = False   # Keras's load_own_variables sets the summary, not boundaries

    def __init__(self, bin_boundaries=None, num_bins=None, epsilon=0.01, output_mode="int",
                 sparse=False, **kwargs):
        if "bins" in kwargs:   # the deprecated name Keras still takes
            bins = kwargs.pop("bins")
            if isinstance(bins, int) and num_bins is None:
                num_bins = bins
            elif bin_boundaries is None:
                bin_boundaries = bins
        kwargs["dtype"] = int_or_float_dtype(kwargs.get("dtype"), output_mode)
        super().__init__(**kwargs)
        validate_string_arg(output_mode, (INT, ONE_HOT, MULTI_HOT, COUNT), "Discretization",
                            "output_mode")
        check_sparse(sparse, output_mode, quote="'")
        if num_bins is not None and num_bins < 0:
            raise ValueError("`num_bins` must be greater than or equal to 0. You passed "
                             f"`num_bins={num_bins}`")
        if num_bins is not None and bin_boundaries is not None:
            raise ValueError("Both `num_bins` and `bin_boundaries` should not be set. You "
                             f"passed `num_bins={num_bins}` and "
                             f"`bin_boundaries={bin_boundaries}`")
        bin_boundaries = listify(bin_boundaries)
        self.input_bin_boundaries = bin_boundaries
        self.bin_boundaries = bin_boundaries if bin_boundaries is not None else []
        self.num_bins = num_bins
        self.epsilon = epsilon
        self.output_mode = output_mode
        self.sparse = sparse
        self.summary = None

    def build(self, input_shape):
        super().build(input_shape)
        if self.input_bin_boundaries is None:
            name = "/".join(CALL_CONTEXT.name_scope + ["summary"])
            self.summary = SummaryVariable(np.zeros((2, 0), np.float32), name=name,
                                           trainable=False)
            self._non_trainable_weights.append(self.summary)

    def update_state(self, data):
        if self.input_bin_boundaries is not None:
            raise ValueError("Cannot adapt a Discretization layer that has been initialized "
                             "with `bin_boundaries`, use `num_bins` instead. You passed "
                             f"`bin_boundaries={self.input_bin_boundaries}`.")
        if not self.built:
            raise RuntimeError("`build` must be called before `update_state`.")
        data = np.asarray(getattr(data, "value", data)).astype(np.float32)
        self.summary.assign(merge_summaries(summarize(data, self.epsilon),
                                            self.summary.numpy(), self.epsilon))

    def finalize_state(self):
        if self.input_bin_boundaries is not None or not self.built:
            return
        self.bin_boundaries = listify(get_bin_boundaries(self.summary.numpy(), self.num_bins))

    def reset_state(self):
        if self.input_bin_boundaries is not None or not self.built:
            return
        self.summary.assign(np.zeros((2, 0), np.float32))

    def call(self, inputs):
        values = np.asarray(getattr(inputs, "value", inputs))
        boundaries = np.asarray(self.bin_boundaries, np.float32).astype(np.float64)
        indices = np.searchsorted(boundaries, values.astype(np.float64), side="right")
        return encode_categorical_inputs(
            indices.astype(np.int64), self.output_mode, len(self.bin_boundaries) + 1,
            self._dtype, sparse=self.sparse)

    def compute_output_shape(self, input_shape):
        return compute_shape_for_encode_categorical(input_shape, self.output_mode,
                                                    len(self.bin_boundaries) + 1)

    def get_config(self):
        config = super().get_config()
        config.update({"bin_boundaries": self.input_bin_boundaries, "num_bins": self.num_bins,
                       "epsilon": self.epsilon, "output_mode": self.output_mode,
                       "sparse": self.sparse})
        return config


class SummaryVariable(backend.Variable):
    """A Discretization's adapt summary: Keras's non-trainable weight "summary" of shape
    ``(2, None)`` (bins, weights), which takes a summary of any length. It is one of the
    layer's ``weights`` (``get_weights`` gives ``(2, n)``); with an unknown size it counts
    for no parameters (``count_params``: 0, as in Keras)."""

    __slots__ = ()

    @property
    def shape(self):
        return (2, None)

    def get_shape(self):
        return self.shape

    def check_shape(self, value):
        value = np.asarray(value.value if isinstance(value, backend.Tensor) else value)
        if value.ndim != 2 or value.shape[0] != 2:
            raise ValueError(f"Cannot assign value to variable '{self.name}': Shape mismatch. "
                             f"The variable shape (2, None), and the assigned value shape "
                             f"{value.shape} are incompatible.")
        return value

    def assign(self, value):
        if KEPT_VALUES.blocks:
            remember(self)
        self.value = np.array(self.check_shape(value), np.float32)
        return self
