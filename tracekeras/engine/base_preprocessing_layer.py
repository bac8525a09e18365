"""PreprocessingLayer: a layer whose state is computed from data, not trained
(``keras.engine.base_preprocessing_layer``).

What it owns: ``PreprocessingLayer`` and its ``adapt(data, batch_size=None,
steps=None)``, which Keras runs as a small fit without gradients: the layer's state
is reset (if built), a ``DataHandler`` cuts ``data`` into batches (32 by default,
as in ``fit``; a list or array of strings is cut the same way here), and each batch
is handed to ``update_state`` (the layer is built from the first batch's shape if it
is not yet); ``finalize_state`` then turns the
accumulated state into what ``call`` uses, and ``is_adapted`` becomes True.
Subclasses define ``update_state``, ``reset_state`` and ``finalize_state``.

What it receives: arrays, lists or a ``Dataset`` of the inputs the layer will see.
What it hands on: the layer's non-trainable weights, filled in.

Trace events: span ``keras.engine.base_preprocessing_layer.PreprocessingLayer.adapt``
(stage build, args layer and batch_size) around the ``DataHandler`` spans of the data
stage and the ``update_state`` calls.
"""
import numpy as np

from tracekeras import tracing
from tracekeras.backend import string_ops
from tracekeras.backend.ragged_tensor import RaggedTensor
from tracekeras.engine import data_adapter
from tracekeras.engine.base_layer import Layer

ADAPT = "keras.engine.base_preprocessing_layer.PreprocessingLayer.adapt"


def holds_strings(data):
    """Whether a list or array holds strings: only one of NumPy's string or object kinds
    is looked at element by element (numbers are never copied into objects)."""
    try:
        kind = data.dtype.kind if isinstance(data, np.ndarray) else np.asarray(data).dtype.kind
    except ValueError:   # ragged lists: NumPy makes no array of them but of objects
        kind = "O"
    return kind in "USO" and string_ops.is_string(np.asarray(data, dtype=object))


class PreprocessingLayer(Layer):
    """A layer with ``adapt``: ``update_state`` per batch, then ``finalize_state``."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._is_adapted = False

    @property
    def is_adapted(self):
        """Whether ``adapt`` has run since the layer was made (or its state reset)."""
        return self._is_adapted

    def update_state(self, data):
        raise NotImplementedError

    def reset_state(self):
        """Back to the state before any ``adapt``."""

    def finalize_state(self):
        """Turn the accumulated state into what ``call`` uses."""

    @tracing.traced("build", name=ADAPT, args=lambda self, data, batch_size=None, steps=None: {
        "layer": self.name, "cls": type(self).__name__, "batch_size": batch_size})
    def adapt(self, data, batch_size=None, steps=None):
        """Compute the layer's state from ``data``, batch by batch."""
        if self.built:
            self.reset_state()
            self._is_adapted = False
        for batch in self._adapt_batches(data, batch_size, steps):
            self._adapt_maybe_build(batch)
            self.update_state(batch)
        self.finalize_state()
        self._is_adapted = True

    def _adapt_batches(self, data, batch_size, steps):
        """The batches of one epoch over ``data``, cut by ``fit``'s ``DataHandler``; strings
        in a list or array are cut here in batches of ``batch_size`` (32), as the
        DataHandler would, whose adapters take numbers only."""
        if isinstance(data, RaggedTensor):   # Keras's adapter cuts it into row batches
            size = batch_size or 32
            for start in list(range(0, len(data), size))[:steps]:
                yield data[start:start + size]
            return
        if isinstance(data, (list, tuple, np.ndarray, str, bytes)) and holds_strings(data):
            strings = np.asarray(data, dtype=object)
            strings = strings.reshape(1) if strings.ndim == 0 else strings
            size = batch_size or 32
            for start in list(range(0, len(strings), size))[:steps]:
                yield strings[start:start + size]
            return
        handler = data_adapter.DataHandler(data, batch_size=batch_size, steps_per_epoch=steps,
                                           epochs=1, distribute=False)
        for _, iterator in handler.enumerate_epochs():
            with handler.catch_stop_iteration():
                for _ in handler.steps():
                    batch = next(iterator)
                    yield batch[0] if isinstance(batch, tuple) and len(batch) == 1 else batch

    def _adapt_maybe_build(self, data):
        """Build from the first batch's shape, with every dimension unknown in the input
        shape the layer declares (its number of dimensions is what ``adapt`` fixes)."""
        if self.built:
            return
        shape = getattr(data, "shape", None)
        if getattr(self, "_batch_input_shape", None) is None and shape is not None:
            self._batch_input_shape = (None,) * len(shape)
        self.build(tuple(shape) if shape is not None else None)
        self.built = True
