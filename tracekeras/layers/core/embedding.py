"""Embedding: integer indices -> rows of a learned table (``keras.layers.core.embedding``).

What it owns: ``Embedding(input_dim, output_dim, embeddings_initializer="uniform",
mask_zero=False, input_length=None)``; its ``build`` (one weight ``embeddings`` of
shape ``(input_dim, output_dim)`` through ``Layer.add_weight``), its ``call``
(``backend.nn.embedding_lookup``; non-integer inputs are cast to int32 first, as
Keras does, and the layer does not autocast) and ``compute_mask``: with
``mask_zero=True`` index 0 is padding, and the output's ``keras_mask`` is
``inputs != 0``, which the next layers receive as ``mask=``.
Keras gives an Embedding an input shape of ``(None,)`` when none is given, or
``(input_length,)``, so a Sequential model that starts with one is built at once.

What it receives: the input shape at build time; integer Tensors at call time.
What it hands on: a float Tensor of shape ``inputs.shape + (output_dim,)`` and its mask.

Trace events: span ``keras.layers.core.embedding.Embedding.build`` (stage build,
args layer and input_shape) with the ``add_weight`` span inside it.
"""
import numpy as np

from tracekeras import backend, constraints, initializers, regularizers, tracing
from tracekeras.backend import nn, ops
from tracekeras.engine.base_layer import Layer, shape_list


class Embedding(Layer):
    """``Embedding(input_dim, output_dim, embeddings_initializer="uniform",
    embeddings_regularizer=None, activity_regularizer=None, embeddings_constraint=None,
    mask_zero=False, input_length=None)``."""

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, activity_regularizer=None,
                 embeddings_constraint=None, mask_zero=False, input_length=None, sparse=False,
                 **kwargs):
        if "input_shape" not in kwargs:
            kwargs["input_shape"] = (input_length,) if input_length else (None,)
        if input_dim <= 0 or output_dim <= 0:
            raise ValueError("Both `input_dim` and `output_dim` should be positive, Received "
                             f"input_dim = {input_dim} and output_dim = {output_dim}")
        if sparse:
            raise NotImplementedError("tracekeras's Embedding has no `sparse`. Received: "
                                      f"sparse={sparse!r}")
        embeddings_regularizer = regularizers.get(embeddings_regularizer)
        embeddings_constraint = constraints.get(embeddings_constraint)
        initializer = initializers.get(embeddings_initializer)
        kwargs["autocast"] = False
        super().__init__(activity_regularizer=regularizers.get(activity_regularizer), **kwargs)
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = initializer
        self.embeddings_regularizer = embeddings_regularizer
        self.embeddings_constraint = embeddings_constraint
        self.supports_masking = mask_zero
        self.mask_zero = mask_zero
        self.input_length = input_length
        self.sparse = sparse
        self.embeddings = None

    @tracing.traced("build",
                    args=lambda self, input_shape=None: {
                        "layer": self.name, "input_shape": shape_list(tuple(input_shape or ()))})
    def build(self, input_shape=None):
        self.embeddings = self.add_weight(name="embeddings",
                                          shape=(self.input_dim, self.output_dim),
                                          initializer=self.embeddings_initializer,
                                          regularizer=self.embeddings_regularizer,
                                          constraint=self.embeddings_constraint,
                                          experimental_autocast=False)
        self.built = True

    def call(self, inputs):
        if inputs.dtype not in (np.int32, np.int64):
            inputs = ops.cast(inputs, np.int32)
        outputs = nn.embedding_lookup(self.embeddings, inputs)
        if self.compute_dtype != self.dtype:   # a mixed policy: the rows looked up, then cast
            outputs = ops.cast(outputs, self.compute_dtype)
        return outputs

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        return backend.Tensor(np.asarray(getattr(inputs, "value", inputs)) != 0)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self.input_length is None:
            return input_shape + (self.output_dim,)
        lengths = (list(self.input_length) if isinstance(self.input_length, (list, tuple))
                   else [self.input_length])
        message = (f'"input_length" is {self.input_length}, but received input has shape '
                   f"{input_shape}")
        if len(lengths) != len(input_shape) - 1:
            raise ValueError(message)
        for i, (expected, got) in enumerate(zip(lengths, input_shape[1:])):
            if expected is not None and got is not None and expected != got:
                raise ValueError(message)
            if expected is None:
                lengths[i] = got
        return (input_shape[0],) + tuple(lengths) + (self.output_dim,)

    def get_config(self):
        config = super().get_config()
        config.update({
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
            "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
            "mask_zero": self.mask_zero,
            "input_length": self.input_length,
        })
        return config
