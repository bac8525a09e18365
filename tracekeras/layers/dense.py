"""Dense: ``activation(inputs @ kernel + bias)`` (``keras.layers.core.dense.Dense``).

What it owns: the ``Dense`` layer: its config (Keras's defaults:
``glorot_uniform`` kernel, ``zeros`` bias, no activation), its ``build`` (one
``kernel`` of shape ``(last_dim, units)`` and one ``bias`` of shape ``(units,)``,
through ``Layer.add_weight``; the input spec then pins the last axis) and its
``call`` (``ops.matmul`` + ``ops.bias_add`` + the activation, all differentiable
backend ops, no copies).

What it receives: the input shape at build time (from ``Layer._maybe_build``),
Tensors at call time, or a rank-2 ``SparseTensor`` (what a preprocessing layer with
``sparse=True`` hands on): Keras sums the kernel rows its entries name, weighted by their
values (``tf.nn.embedding_lookup_sparse``, combiner ``"sum"``), which is the product of
the dense form with the kernel, so tracekeras multiplies that.

What it hands on: a Tensor; after a softmax or sigmoid it carries ``keras_logits``.

Trace events: span ``keras.layers.core.dense.Dense.build`` (stage build, args
layer and input_shape); the weights' ``add_weight`` spans inside it.
"""
import numpy as np

from tracekeras import activations, constraints, initializers, regularizers, tracing
from tracekeras.backend import ops
from tracekeras.backend.sparse_tensor import SparseTensor, dense_values
from tracekeras.engine.base_layer import Layer, shape_list
from tracekeras.engine.input_spec import InputSpec

KERAS_MODULE = "keras.layers.core.dense"


class Dense(Layer):
    """``Dense(units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
    bias_initializer="zeros", ...)``."""

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 **kwargs):
        units = int(units) if not isinstance(units, int) else units
        if units < 0:
            raise ValueError("Received an invalid value for `units`, expected a positive "
                             f"integer. Received: units={units}")
        kernel_regularizer = regularizers.get(kernel_regularizer)
        bias_regularizer = regularizers.get(bias_regularizer)
        activity_regularizer = regularizers.get(activity_regularizer)
        kernel_constraint = constraints.get(kernel_constraint)
        bias_constraint = constraints.get(bias_constraint)
        activation = activations.get(activation)
        kernel_init = initializers.get(kernel_initializer)
        bias_init = initializers.get(bias_initializer)
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.units = units
        self.activation = activation
        self.use_bias = use_bias
        self.kernel_initializer = kernel_init
        self.bias_initializer = bias_init
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True
        self.kernel = self.bias = None

    @tracing.traced("build",
                    args=lambda self, input_shape: {"layer": self.name,
                                                    "input_shape": shape_list(tuple(input_shape))})
    def build(self, input_shape):
        if np.dtype(self.dtype).kind not in "fc":
            raise TypeError("A Dense layer can only be built with a floating-point dtype. "
                            f"Received: dtype={self.dtype}")
        input_shape = tuple(input_shape)
        last_dim = input_shape[-1] if input_shape else None
        if last_dim is None:
            raise ValueError("The last dimension of the inputs to a Dense layer should be "
                             f"defined. Found None. Full input shape received: {input_shape}")
        last_dim = int(last_dim)
        self.input_spec = InputSpec(min_ndim=2, axes={-1: last_dim})
        self.kernel = self.add_weight("kernel", shape=[last_dim, self.units],
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, dtype=self.dtype,
                                      trainable=True)
        if self.use_bias:
            self.bias = self.add_weight(
                "bias",
                shape=[self.units],
                initializer=self.bias_initializer,
                regularizer=self.bias_regularizer,
                constraint=self.bias_constraint,
                dtype=self.dtype,
                trainable=True,
            )
        self.built = True

    def call(self, inputs):
        kernel = self.kernel
        if isinstance(inputs, SparseTensor):
            inputs = sparse_rows(inputs)
        if inputs.dtype != self.compute_dtype:   # Keras casts ints and other floats
            inputs = ops.cast(inputs, self.compute_dtype)
        outputs = ops.matmul(inputs, kernel)
        if self.use_bias:
            outputs = ops.bias_add(outputs, self.bias)
        if self.activation is not activations.linear:
            outputs = self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if input_shape[-1] is None:
            raise ValueError(
                "The last dimension of the input shape of a Dense layer should be "
                f"defined. Found None. Received: input_shape={input_shape}"
            )
        return input_shape[:-1] + (self.units,)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "units": self.units,
                "activation": activations.serialize(self.activation),
                "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
                "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "kernel_constraint": constraints.serialize(self.kernel_constraint),
                "bias_constraint": constraints.serialize(self.bias_constraint),
            }
        )
        return config


def sparse_rows(inputs):
    """The dense form of a rank-2 SparseTensor input (Keras takes no other rank sparse)."""
    if len(inputs.shape) != 2:
        raise ValueError("A Dense layer takes a SparseTensor input of rank 2 only. "
                         f"Received: a SparseTensor of dense shape {inputs.shape}")
    return dense_values(inputs)
