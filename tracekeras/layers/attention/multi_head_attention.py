"""MultiHeadAttention: scaled dot-product attention over several heads
(``keras.layers.attention.multi_head_attention``).

What it owns: ``MultiHeadAttention(num_heads, key_dim, value_dim=None, dropout=0.0,
use_bias=True, output_shape=None, attention_axes=None, ...)`` called as
``layer(query, value, key=None, attention_mask=None, return_attention_scores=False,
training=None, use_causal_mask=False)``. As in Keras, the weights are made on the first
call, from the shapes of query, value and key (``_build_from_signature``): four
``EinsumDense`` sublayers named ``query``, ``key``, ``value`` (kernels of shape
``(dim, num_heads, key_dim)``) and ``attention_output`` (``(num_heads, value_dim, dim)``),
then a ``Softmax`` over the attention axes and a ``Dropout`` of the scores. The call
projects, scales the query by ``1/sqrt(key_dim)``, takes the scores with one einsum
(``_build_attention_equation``), masks and normalizes them, drops some while training,
combines the values with a second einsum and projects the heads back.

Masks (``_compute_attention_mask``): the ``keras_mask`` of the query (``[B, T, 1]``),
the value and the key (``[B, 1, S]``) and, with ``use_causal_mask``, a lower triangle
are and-ed together, and with ``attention_mask`` when one is given. So padding masks from
``Embedding(mask_zero=True)`` reach the scores, as in Keras, and the output carries the
query's mask on.

What it receives: Tensors of rank 3 or more; what it hands on: a Tensor of the query's
shape (last axis ``output_shape`` when given), and the scores
``[B, num_heads, T, S]`` with ``return_attention_scores=True``.

Trace events: span ``keras.layers.attention.multi_head_attention.MultiHeadAttention.
_build_from_signature`` (stage build) around the four sublayers' builds and weights.
"""
import collections.abc
import math
import string

import numpy as np

from tracekeras import constraints, initializers, regularizers, tracing
from tracekeras.backend import Tensor, ops
from tracekeras.backend.einsum import einsum
from tracekeras.engine.base_layer import Layer, executing_eagerly, shape_list
from tracekeras.layers.activation.softmax import Softmax
from tracekeras.layers.core.einsum_dense import EinsumDense
from tracekeras.layers.regularization import Dropout

_CHR_IDX = string.ascii_lowercase


def _build_attention_equation(rank, attn_axes):
    """(dot-product equation, combine equation, rank of the scores) for projected tensors
    of ``rank`` axes (batch..., attention axes..., heads, channels) attending over
    ``attn_axes``: the key's attention axes get letters of their own."""
    target = _CHR_IDX[:rank]
    batch_dims = tuple(np.delete(range(rank), attn_axes + (rank - 1,)))
    source, offset = "", rank
    for i in range(rank):
        if i in batch_dims or i == rank - 1:
            source += target[i]
        else:
            source += _CHR_IDX[offset]
            offset += 1
    product = "".join([target[i] for i in batch_dims] + [target[i] for i in attn_axes]
                      + [source[i] for i in attn_axes])
    return (f"{source},{target}->{product}", f"{product},{source}->{target}", len(product))


def _build_proj_equation(free_dims, bound_dims, output_dims):
    """(equation, bias axes, output rank) of a projection that keeps ``free_dims`` axes,
    contracts ``bound_dims`` and makes ``output_dims`` new ones."""
    letters = _CHR_IDX
    free = letters[:free_dims]
    bound = letters[free_dims:free_dims + bound_dims]
    new = letters[free_dims + bound_dims:free_dims + bound_dims + output_dims]
    return f"{free}{bound},{bound}{new}->{free}{new}", new, free_dims + output_dims


def _get_output_shape(output_rank, known_last_dims):
    return [None] * (output_rank - len(known_last_dims)) + list(known_last_dims)


def mask_value(mask):
    """A mask as a NumPy bool array (masks are not differentiated)."""
    return np.asarray(getattr(mask, "value", mask)).astype(bool)


def signature_shape(x):
    """The shape of a Tensor, or a shape itself, as a tuple; while ``call`` runs on
    placeholders to infer a model's shapes, the batch is unknown (None), as in Keras."""
    shape = tuple(getattr(x, "shape", x))
    if hasattr(x, "shape") and not executing_eagerly() and shape:
        shape = (None,) + shape[1:]
    return tuple(None if d is None else int(d) for d in shape)


def clone_initializer(initializer):
    return type(initializer).from_config(initializer.get_config())


class MultiHeadAttention(Layer):
    """``MultiHeadAttention(num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True,
    output_shape=None, attention_axes=None, kernel_initializer="glorot_uniform",
    bias_initializer="zeros", ...)``."""

    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True,
                 output_shape=None, attention_axes=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 softmax_robust_masking=False, **kwargs):
        for what, value in (("num_heads", num_heads), ("key_dim", key_dim)):
            if not isinstance(value, (int, np.integer)) or value <= 0:
                raise ValueError(f"`{what}` of MultiHeadAttention must be a positive integer. "
                                 f"Received: {what}={value!r}")
        activity_regularizer = regularizers.get(activity_regularizer)
        kernel_init = initializers.get(kernel_initializer)
        bias_init = initializers.get(bias_initializer)
        kernel_regularizer = regularizers.get(kernel_regularizer)
        bias_regularizer = regularizers.get(bias_regularizer)
        kernel_constraint = constraints.get(kernel_constraint)
        bias_constraint = constraints.get(bias_constraint)
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.supports_masking = True
        self._num_heads = int(num_heads)
        self._key_dim = int(key_dim)
        self._value_dim = value_dim if value_dim else key_dim
        self._dropout = dropout
        self._use_bias = use_bias
        self._output_shape = output_shape
        self._kernel_initializer = kernel_init
        self._bias_initializer = bias_init
        self._kernel_regularizer = kernel_regularizer
        self._bias_regularizer = bias_regularizer
        self._kernel_constraint = kernel_constraint
        self._bias_constraint = bias_constraint
        self._softmax_robust_masking = softmax_robust_masking
        if attention_axes is not None and not isinstance(attention_axes,
                                                         collections.abc.Sized):
            attention_axes = (attention_axes,)
        self._attention_axes = attention_axes
        self._built_from_signature = False
        self._query_shape = self._key_shape = self._value_shape = None

    # -- weights, made from the first call's shapes --------------------------------
    @tracing.traced("build",
                    args=lambda self, query, value, key=None: {
                        "layer": self.name, "query_shape": shape_list(signature_shape(query)),
                        "value_shape": shape_list(signature_shape(value)),
                        "key_shape": None if key is None else shape_list(signature_shape(key))})
    def _build_from_signature(self, query, value, key=None):
        self._built_from_signature = True
        self._query_shape = signature_shape(query)
        self._value_shape = signature_shape(value)
        self._key_shape = self._value_shape if key is None else signature_shape(key)
        free_dims = len(self._query_shape) - 1
        self._query_dense = self._projection(len(self._query_shape) - 1, self._key_dim, "query")
        self._key_dense = self._projection(len(self._key_shape) - 1, self._key_dim, "key")
        self._value_dense = self._projection(len(self._value_shape) - 1, self._value_dim,
                                             "value")
        self._build_attention(len(self._value_shape) + 1)
        self._output_dense = self._make_output_dense(free_dims, "attention_output")

    def _get_common_kwargs_for_sublayer(self):
        return {"kernel_regularizer": self._kernel_regularizer,
                "bias_regularizer": self._bias_regularizer, "dtype": self._dtype_policy,
                "kernel_constraint": self._kernel_constraint,
                "bias_constraint": self._bias_constraint,
                "kernel_initializer": clone_initializer(self._kernel_initializer),
                "bias_initializer": clone_initializer(self._bias_initializer)}

    def _projection(self, free_dims, size, name):
        equation, bias_axes, output_rank = _build_proj_equation(free_dims, 1, 2)
        return EinsumDense(equation,
                           output_shape=_get_output_shape(output_rank - 1,
                                                          [self._num_heads, size]),
                           bias_axes=bias_axes if self._use_bias else None, name=name,
                           **self._get_common_kwargs_for_sublayer())

    def _make_output_dense(self, free_dims, name):
        if self._output_shape:
            output_shape = (self._output_shape
                            if isinstance(self._output_shape, collections.abc.Sized)
                            else [self._output_shape])
        else:
            output_shape = [self._query_shape[-1]]
        equation, bias_axes, output_rank = _build_proj_equation(free_dims, 2, len(output_shape))
        return EinsumDense(equation, output_shape=_get_output_shape(output_rank - 1,
                                                                    output_shape),
                           bias_axes=bias_axes if self._use_bias else None, name=name,
                           **self._get_common_kwargs_for_sublayer())

    def _build_attention(self, rank):
        if self._attention_axes is None:
            self._attention_axes = tuple(range(1, rank - 2))
        else:
            self._attention_axes = tuple(self._attention_axes)
        self._dot_product_equation, self._combine_equation, scores_rank = \
            _build_attention_equation(rank, attn_axes=self._attention_axes)
        norm_axes = tuple(range(scores_rank - len(self._attention_axes), scores_rank))
        self._softmax = Softmax(axis=norm_axes, robust_masking=self._softmax_robust_masking,
                                dtype=self._dtype_policy)
        self._dropout_layer = Dropout(rate=self._dropout, dtype=self._dtype_policy)

    # -- the call --------------------------------------------------------------------
    def _masked_softmax(self, attention_scores, attention_mask=None):
        if attention_mask is not None:
            axis = -len(self._attention_axes) * 2 - 1
            for _ in range(attention_scores.ndim - attention_mask.ndim):
                attention_mask = np.expand_dims(attention_mask, axis=axis)
            attention_mask = Tensor(attention_mask)
            return self._softmax(attention_scores, attention_mask)
        return self._softmax(attention_scores)

    def _compute_attention(self, query, key, value, attention_mask=None, training=None):
        query = ops.multiply(query, np.asarray(1.0 / math.sqrt(float(self._key_dim)),
                                               query.dtype))
        attention_scores = einsum(self._dot_product_equation, key, query)
        attention_scores = self._masked_softmax(attention_scores, attention_mask)
        dropped = self._dropout_layer(attention_scores, training=training)
        attention_output = einsum(self._combine_equation, dropped, value)
        return attention_output, attention_scores

    def call(self, query, value, key=None, attention_mask=None, return_attention_scores=False,
             training=None, use_causal_mask=False):
        if not self._built_from_signature:
            self._build_from_signature(query=query, value=value, key=key)
        if key is None:
            key = value
        attention_mask = self._compute_attention_mask(query, value, key=key,
                                                      attention_mask=attention_mask,
                                                      use_causal_mask=use_causal_mask)
        query = self._query_dense(query)
        key = self._key_dense(key)
        value = self._value_dense(value)
        attention_output, attention_scores = self._compute_attention(
            query, key, value, attention_mask, training)
        attention_output = self._output_dense(attention_output)
        if return_attention_scores:
            return attention_output, attention_scores
        return attention_output

    def _compute_attention_mask(self, query, value, key=None, attention_mask=None,
                                use_causal_mask=False):
        """The query's, value's and key's ``keras_mask``, the causal triangle and the given
        mask, and-ed (None when there is none)."""
        auto_mask = None
        query_mask = getattr(query, "keras_mask", None)
        if query_mask is not None:
            auto_mask = mask_value(query_mask)[:, :, np.newaxis]       # [B, T, 1]
        for other in (value, key):
            other_mask = getattr(other, "keras_mask", None)
            if other_mask is not None:
                mask = mask_value(other_mask)[:, np.newaxis, :]        # [B, 1, S]
                auto_mask = mask if auto_mask is None else auto_mask & mask
        if use_causal_mask:
            mask = self._compute_causal_mask(query, value)
            auto_mask = mask if auto_mask is None else auto_mask & mask
        if attention_mask is not None:
            attention_mask = mask_value(attention_mask)
        if auto_mask is not None:
            attention_mask = auto_mask if attention_mask is None else attention_mask & auto_mask
        return attention_mask

    def _compute_causal_mask(self, query, value=None):
        """A lower triangle ``[1, T, S]``: position i sees positions up to i."""
        q_length = query.shape[1]
        v_length = q_length if value is None else value.shape[1]
        return np.tril(np.ones((1, q_length, v_length), dtype=bool))

    def compute_output_shape(self, query_shape, value_shape=None, key_shape=None):
        if value_shape is None:
            raise ValueError("MultiHeadAttention.compute_output_shape needs the shapes of "
                             f"query and value. Received: query_shape={query_shape}")
        query_shape, value_shape = tuple(query_shape), tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        if query_shape[-1] != value_shape[-1]:
            raise ValueError("The last dimension of `query_shape` and `value_shape` must be "
                             f"equal, but are {query_shape[-1]}, {value_shape[-1]}. Received: "
                             f"query_shape={query_shape}, value_shape={value_shape}")
        if value_shape[1:-1] != key_shape[1:-1]:
            raise ValueError("All dimensions of `value` and `key`, except the last one, must "
                             f"be equal. Received {value_shape} and {key_shape}")
        if self._output_shape:
            extra = (self._output_shape if isinstance(self._output_shape, collections.abc.Sized)
                     else [self._output_shape])
            return query_shape[:-1] + tuple(extra)
        return query_shape

    def get_config(self):
        config = super().get_config()
        config.update({
            "num_heads": self._num_heads,
            "key_dim": self._key_dim,
            "value_dim": self._value_dim,
            "dropout": self._dropout,
            "use_bias": self._use_bias,
            "output_shape": self._output_shape,
            "attention_axes": self._attention_axes,
            "kernel_initializer": initializers.serialize(self._kernel_initializer),
            "bias_initializer": initializers.serialize(self._bias_initializer),
            "kernel_regularizer": regularizers.serialize(self._kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self._bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self._kernel_constraint),
            "bias_constraint": constraints.serialize(self._bias_constraint),
            "query_shape": None if self._query_shape is None else list(self._query_shape),
            "key_shape": None if self._key_shape is None else list(self._key_shape),
            "value_shape": None if self._value_shape is None else list(self._value_shape),
            "softmax_robust_masking": self._softmax_robust_masking,
        })
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        shapes = [config.pop(k, None) for k in ("query_shape", "key_shape", "value_shape")]
        layer = cls(**config)
        if None not in shapes:
            query_shape, key_shape, value_shape = (tuple(s) for s in shapes)
            layer._build_from_signature(query_shape, value_shape, key_shape)
        return layer
