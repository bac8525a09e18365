"""Concatenate and Add: layers that merge several inputs (``keras.layers.merging``).

What it owns: ``Concatenate(axis=-1)`` and ``Add()``, each called on a list of
tensors, with Keras's shape checks; and the functional forms ``concatenate``
and ``add``. They make multi-input graphs (and ``Graph disconnected`` errors)
possible.

What it receives / hands on: a list of Tensors -> one Tensor (``ops.concatenate``,
``ops.add``: differentiable).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import ops
from tracekeras.engine.base_layer import Layer


class Merge(Layer):
    def check_inputs(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or not input_shape or not isinstance(
                input_shape[0], (list, tuple)):
            raise ValueError(f"A merge layer should be called on a list of inputs. Received: "
                             f"input_shape={input_shape} (not a list of shapes)")
        if len(input_shape) < 1:
            raise ValueError("A merge layer should be called on a list of at least 1 input. "
                             f"Got {len(input_shape)} inputs. Full input_shape received: "
                             f"{input_shape}")


class Concatenate(Merge):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True

    def build(self, input_shape):
        self.check_inputs(input_shape)
        shapes = [list(s) for s in input_shape]
        ranks = {len(s) for s in shapes}
        reduced = []
        for s in shapes:
            s = list(s)
            if ranks == {len(s)}:
                del s[self.axis]
            reduced.append(tuple(s))
        if len(ranks) != 1 or len({tuple(d for d in s if d is not None) for s in reduced}) > 1:
            raise ValueError("A `Concatenate` layer requires inputs with matching shapes except "
                             f"for the concatenation axis. Received: input_shape={input_shape}")
        self.built = True

    def call(self, inputs):
        return ops.concatenate(list(inputs), axis=self.axis)

    def compute_output_shape(self, input_shape):
        output = list(input_shape[0])
        for shape in input_shape[1:]:
            if output[self.axis] is None or shape[self.axis] is None:
                output[self.axis] = None
            else:
                output[self.axis] += shape[self.axis]
        return tuple(output)

    def get_config(self):
        config = super().get_config()
        config["axis"] = self.axis
        return config


class Add(Merge):
    def build(self, input_shape):
        self.check_inputs(input_shape)
        self.built = True

    def call(self, inputs):
        out = inputs[0]
        for x in inputs[1:]:
            out = ops.add(out, x)
        return out


def concatenate(inputs, axis=-1, **kwargs):
    return Concatenate(axis=axis, **kwargs)(inputs)


def add(inputs, **kwargs):
    return Add(**kwargs)(inputs)
