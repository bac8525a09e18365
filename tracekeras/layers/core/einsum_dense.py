"""EinsumDense: a Dense layer whose product is an einsum (``keras.layers.core.einsum_dense``).

What it owns: ``EinsumDense(equation, output_shape, activation=None, bias_axes=None, ...)``.
The equation names the input's axes, the kernel's and the output's (``"abc,cd->abd"``;
an ellipsis stands for axes passed through, on the left ``"...b,bc->...c"`` or on the
right ``"ab...,bc->ac..."``). ``build`` reads the kernel's shape off the equation
(``_analyze_einsum_string``): each kernel letter takes its size from the input axis of
that letter, else from ``output_shape``; ``bias_axes`` (letters of the output) give the
bias, shaped to broadcast from the first of them to the last output axis. ``call`` is
``einsum(equation, inputs, kernel) + bias``, then the activation. MultiHeadAttention's
query, key, value and output projections are four of these.

What it receives: the input shape at build time, Tensors at call time.
What it hands on: a Tensor of ``(batch,) + output_shape`` (with the passed-through axes).

Trace events: span ``keras.layers.core.einsum_dense.EinsumDense.build`` (stage build)
with the weights' ``add_weight`` spans inside it.
"""
import re

from tracekeras import activations, constraints, initializers, regularizers, tracing
from tracekeras.backend import ops
from tracekeras.backend.einsum import einsum
from tracekeras.engine.base_layer import Layer, shape_list

FORMS = (("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)", False),
         ("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)", True),
         ("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0", False))


def split_equation(equation):
    """(input letters, kernel letters, output letters, left elided) of an EinsumDense
    equation; an ellipsis is written ``0`` while matching, as Keras matches it."""
    marked = equation.replace("...", "0")
    for pattern, left_elided in FORMS:
        found = re.fullmatch(pattern, marked)
        if found:
            return found.group(1), found.group(2), found.group(3), left_elided
    raise ValueError(f"Invalid einsum equation '{equation}'. Equations must be in the form "
                     "[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....")


def _analyze_einsum_string(equation, bias_axes, input_shape, output_shape):
    """Keras's rule: (kernel shape, bias shape or None, full output shape)."""
    input_spec, weight_spec, output_spec, left_elided = split_equation(equation)
    input_shape = list(input_shape)
    elided = len(input_shape) - len(input_spec)
    output_shape = [output_shape] if isinstance(output_shape, int) else list(output_shape)
    output_shape.insert(0, input_shape[0])
    if elided > 0 and left_elided:
        for i in range(1, elided):
            output_shape.insert(1, input_shape[i])
    elif elided > 0:
        output_shape.extend(input_shape[len(input_shape) - elided:])
    if left_elided:
        input_dim_map = {d: i + elided - len(input_shape) for i, d in enumerate(input_spec)}
        output_dim_map = {d: i + elided for i, d in enumerate(output_spec)}
    else:
        input_dim_map = {d: i for i, d in enumerate(input_spec)}
        output_dim_map = {d: i for i, d in enumerate(output_spec)}
    for d in input_spec:
        size = input_shape[input_dim_map[d]]
        if d in output_dim_map:
            out = output_shape[output_dim_map[d]]
            if out is not None and out != size:
                raise ValueError(f"Input shape and output shape do not match at shared dimension "
                                 f"'{d}'. Input shape is {size}, and output shape is {out}.")
    for d in output_spec:
        if d not in input_spec and d not in weight_spec:
            raise ValueError(f"Dimension '{d}' was specified in the output '{output_spec}' but "
                             f"has no corresponding dim in the input spec '{input_spec}' or "
                             f"weight spec '{output_spec}'")
    weight_shape = []
    for d in weight_spec:
        if d in input_dim_map:
            weight_shape.append(input_shape[input_dim_map[d]])
        elif d in output_dim_map:
            weight_shape.append(output_shape[output_dim_map[d]])
        else:
            raise ValueError(f"Weight dimension '{d}' did not have a match in either the input "
                             f"spec '{input_spec}' or the output spec '{output_spec}'. For this "
                             "layer, the weight must be fully specified.")
    if bias_axes is None:
        return weight_shape, None, output_shape
    offset = elided if left_elided else 0
    sizes = {d: output_shape[i + offset] for i, d in enumerate(output_spec)}
    for d in bias_axes:
        if d not in output_spec:
            raise ValueError(f"Bias dimension '{d}' was requested, but is not part of the "
                             f"output spec '{output_spec}'")
    first = min(output_spec.find(d) for d in bias_axes)
    bias_shape = [sizes[d] if d in bias_axes else 1 for d in output_spec[first:]]
    if not left_elided:
        bias_shape.extend([1] * max(elided, 0))
    return weight_shape, bias_shape, output_shape


def explicit_equation(equation, rank):
    """The equation with its ellipsis spelled out in unused letters for an input of ``rank``
    axes (tracekeras's einsum takes letters only)."""
    if "..." not in equation:
        return equation
    input_spec, _, _, _ = split_equation(equation)
    used = set(equation)
    free = "".join(c for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                   if c not in used)[:rank - len(input_spec)]
    lhs, kernel = equation.split("->")[0].split(",")
    return lhs.replace("...", free) + "," + kernel + "->" + \
        equation.split("->")[1].replace("...", free)


class EinsumDense(Layer):
    """``EinsumDense(equation, output_shape, activation=None, bias_axes=None,
    kernel_initializer="glorot_uniform", bias_initializer="zeros", ...)``."""

    def __init__(self, equation, output_shape, activation=None, bias_axes=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        split_equation(equation)
        activation = activations.get(activation)
        kernel_init = initializers.get(kernel_initializer)
        bias_init = initializers.get(bias_initializer)
        kernel_regularizer = regularizers.get(kernel_regularizer)
        bias_regularizer = regularizers.get(bias_regularizer)
        kernel_constraint = constraints.get(kernel_constraint)
        bias_constraint = constraints.get(bias_constraint)
        # Keras's EinsumDense takes an activity regularizer and drops it (None in its config)
        super().__init__(**kwargs)
        self.equation = equation
        self.partial_output_shape = ([output_shape] if isinstance(output_shape, int)
                                     else list(output_shape))
        self.bias_axes = bias_axes
        self.activation = activation
        self.kernel_initializer = kernel_init
        self.bias_initializer = bias_init
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.kernel = self.bias = None
        self.full_output_shape = None
        self.call_equation = None

    @tracing.traced("build",
                    args=lambda self, input_shape: {"layer": self.name,
                                                    "input_shape": shape_list(tuple(input_shape)),
                                                    "equation": self.equation})
    def build(self, input_shape):
        input_shape = tuple(input_shape)
        kernel_shape, bias_shape, self.full_output_shape = _analyze_einsum_string(
            self.equation, self.bias_axes, input_shape, self.partial_output_shape)
        self.call_equation = explicit_equation(self.equation, len(input_shape))
        self.kernel = self.add_weight("kernel", shape=kernel_shape,
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, dtype=self.dtype,
                                      trainable=True)
        if bias_shape is not None:
            self.bias = self.add_weight("bias", shape=bias_shape,
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, dtype=self.dtype,
                                        trainable=True)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs):
        if inputs.dtype != self.compute_dtype:
            inputs = ops.cast(inputs, self.compute_dtype)
        outputs = einsum(self.call_equation, inputs, self.kernel)
        if self.bias is not None:
            outputs = ops.add(outputs, self.bias)
        if self.activation is not activations.linear:
            outputs = self.activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        _, _, output_shape = _analyze_einsum_string(self.equation, self.bias_axes,
                                                    tuple(input_shape), self.partial_output_shape)
        return tuple(output_shape)

    def get_config(self):
        config = super().get_config()
        config.update({
            "output_shape": self.partial_output_shape,
            "equation": self.equation,
            "activation": activations.serialize(self.activation),
            "bias_axes": self.bias_axes,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": None,
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        })
        return config
