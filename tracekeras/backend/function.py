"""``keras.backend.function``: the compiled graph the Keras 2.2 loop feeds.

In TensorFlow 1.x Keras turned the model into a static graph once
(``Model._make_train_function``) and then, for every batch, called a backend
``Function`` with a list of NumPy arrays: ``outs = f(ins_batch)``.
``Function._call`` converted each array to its placeholder's dtype (the
session only accepts exact matches), ran the graph and returned the fetched
outputs. Here the "graph" is a Python callable that runs one step of the
engine; the dtype conversion and the list-in, list-out contract are kept, so
the trace shows the same hand-over the Keras 2.2 articles describe.
"""
import numpy as np

from tracekeras import tracing

KERAS_MODULE = "keras.backend.tensorflow_backend"   # the Keras 2.2 backend module


class Function:
    """Feed a list of arrays, converted to ``dtypes``, to ``run``; return its list of outputs."""

    def __init__(self, dtypes, run, name=None):
        self.dtypes = list(dtypes)
        self.run = run
        self.name = name

    @tracing.traced("function", args=lambda self, inputs: {"function": self.name})
    def __call__(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise TypeError(
                f"`inputs` should be a list or tuple. Received: {type(inputs).__name__}"
            )
        return self._call(inputs)

    @tracing.traced(
        "function", args=lambda self, inputs: {"feeds": [str(np.dtype(d)) for d in self.dtypes]}
    )
    def _call(self, inputs):
        if len(inputs) != len(self.dtypes):
            raise ValueError(
                f"Function {self.name!r} expects {len(self.dtypes)} input arrays, "
                f"received {len(inputs)}."
            )
        feeds = [
            None if value is None else np.asarray(value, dtype=dtype)
            for value, dtype in zip(inputs, self.dtypes)
        ]
        return list(self.run(feeds))


def function(dtypes, run, name=None):
    return Function(dtypes, run, name=name)
