"""KerasTensor: the symbolic value that flows through a model while it is being built.

What it owns: ``KerasTensor`` (``keras.engine.keras_tensor.KerasTensor``), a
shape (``None`` where a dimension is unknown, normally the batch; ``TensorShape(None)``
for an unknown rank, which ``Input(batch_shape=())`` makes) and a dtype, with no
values, and ``KerasHistory``, the ``(layer, node_index, tensor_index)`` triple that
says which call of which layer produced it.

What it receives: shapes and dtypes from ``input_layer.Input`` (a placeholder)
and from ``base_layer.Layer._infer_output_signature`` (a layer's outputs).

Python arithmetic on a KerasTensor (``x + y``, ``x * 0.5``, ``-x``) adds a ``TFOpLambda``
layer to the graph, as Keras does (``layers.core.tf_op_layer``), and so does an op with
dispatch support given a KerasTensor (``tf.one_hot(inputs, depth=...)``):
``dispatch_keras_tensors`` is registered with :mod:`tracekeras.backend.dispatch`.

What it hands on: ``_keras_history`` lets ``node.Node`` link calls together and
``functional._build_map`` walk the graph back from the outputs.

Trace events: none (KerasTensors appear in the args of the stages that make them).
"""
import collections
import contextlib

import numpy as np

from tracekeras import tracing
from tracekeras.backend import dispatch
from tracekeras.backend.shape_tuple import ShapeTuple
from tracekeras.shim.tensor_shape import TensorShape
from tracekeras.utils.nest import flatten, map_structure, pack_sequence_as


def tf_op_layer():
    """The layers module these operators build on (imported when first used: layers import
    this module)."""
    from tracekeras.layers.core import tf_op_layer as module
    return module


def binary_operator(function, reflected=False):
    """The KerasTensor method of one Python operator: ``function`` through a TFOpLambda."""
    def method(self, other):
        return tf_op_layer().operate(function, self, other, reflected=reflected)
    method.__name__ = f"{function} ({'reflected' if reflected else 'as written'})"
    return method


def dispatch_keras_tensors(op_name, op, args, kwargs):
    """Keras's ``KerasOpDispatcher``: an op given a KerasTensor becomes a TFOpLambda layer
    called on it (registered with :mod:`tracekeras.backend.dispatch`)."""
    if not has_keras_tensor(args) and not has_keras_tensor(kwargs.values()):
        return NotImplemented
    return tf_op_layer().dispatch(op_name, op, args, kwargs)


def has_keras_tensor(values):
    """Whether a KerasTensor is among ``values`` or nested in one of them (a cheap look
    first: the ops that dispatch run at every step of a fit)."""
    for value in values:
        if isinstance(value, KerasTensor):
            return True
        if isinstance(value, (list, tuple, dict)) and any(
                isinstance(x, KerasTensor) for x in flatten(value)):
            return True
    return False


STAND_IN_RANKS = (1, 2)


def signature_of_unknown_rank(layer, inputs, args, kwargs):
    """The outputs of ``layer`` called on KerasTensors of which some have an unknown rank.

    Keras runs ``call`` once in a scratch graph whose input has no rank, and each op keeps
    what it can tell: an elementwise op an unknown rank, a sum over every axis a scalar,
    ``tf.strings.split`` reads an unknown rank as the vector it takes and gives a matrix.
    Placeholders need a rank, so here the layer is built once on the unknown shape (its
    ``build`` sees ``TensorShape(None)``, as in Keras), then ``call`` runs on stand-ins of
    each rank of ``STAND_IN_RANKS`` with every dimension unknown: an output whose rank is
    the same for every stand-in the call takes keeps it (with the dimensions they agree
    on), one whose rank follows the input's has an unknown rank. A rank the call refuses
    is left out, as the op would read the unknown rank as one it takes; when the call
    refuses them all, its error for the first is the layer's.
    """
    from tracekeras.engine import base_layer  # it imports this module

    with base_layer.init_scope(), base_layer.name_scope(layer.name):
        layer._maybe_build(inputs)

    def stand_in(rank):
        def substitute(x):
            if not (isinstance(x, KerasTensor) and x.shape.rank is None):
                return x
            return KerasTensor((None,) * rank, x.dtype, name=x.name, layer_name=x.layer_name)
        return substitute

    answers, first_error = [], None
    for rank in STAND_IN_RANKS:
        substitute = stand_in(rank)
        try:
            with contextlib.ExitStack() as stack:
                if rank != STAND_IN_RANKS[0]:   # tracekeras's own call (Keras calls once)
                    stack.enter_context(base_layer.left_as_it_was(layer))
                    stack.enter_context(tracing.unrecorded())
                answers.append(layer._infer_output_signature(
                    map_structure(substitute, inputs), map_structure(substitute, tuple(args)),
                    map_structure(substitute, kwargs)))
        except Exception as exc:   # noqa: BLE001 - the first error speaks if all refuse
            first_error = first_error or exc
    if not answers:
        raise first_error
    if len(answers) == 1 or len(flatten(answers[0])) != len(flatten(answers[1])):
        return answers[0]
    return pack_sequence_as(answers[0], [
        agreed(a, b) for a, b in zip(flatten(answers[0]), flatten(answers[1]))])


def agreed(first, second):
    """One output of two stand-in calls: its rank and dimensions where they agree, an
    unknown rank where they do not."""
    if not isinstance(first, KerasTensor) or not isinstance(second, KerasTensor):
        return first
    if first.shape.rank != second.shape.rank:
        first.shape = TensorShape(None)
        first._keras_mask = None
    else:
        first.shape = ShapeTuple(a if a == b else None for a, b in zip(first.shape, second.shape))
    return first


KerasHistory = collections.namedtuple("KerasHistory", ["layer", "node_index", "tensor_index"])


class KerasTensor:
    """A symbolic tensor: ``KerasTensor(shape=(None, 784), dtype="float32")``."""

    __slots__ = ("shape", "dtype", "name", "layer_name", "spec_name", "sparse",
                 "_keras_history", "_keras_mask", "__weakref__")

    def __init__(self, shape, dtype="float32", name=None, layer_name=None, sparse=False):
        # ``shape=None``: an unknown rank, TensorFlow's ``TensorShape(None)`` (printed
        # ``<unknown>``), what ``Input(batch_shape=())`` makes
        self.shape = TensorShape(None) if shape is None else ShapeTuple(
            None if d is None else int(d) for d in shape)
        self.dtype = np.dtype(object if dtype == "string" else dtype)   # strings: bytes objects
        # an Input's tensor is named after its layer (and so is its TensorSpec); a layer's
        # output by TensorFlow's graph ("dense/BiasAdd:0", engine.graph_names), its spec not
        self.name = name
        self.layer_name = layer_name or name
        self.spec_name = name if layer_name is None else None
        self.sparse = sparse              # stands for a SparseTensor (Keras's SparseKerasTensor)
        self._keras_history = None
        self._keras_mask = None

    @property
    def ndim(self):
        return self.shape.rank

    @property
    def unknown_rank(self):
        return self.shape.rank is None

    def get_shape(self):
        return self.shape

    @property
    def node(self):
        """The Node that produced this tensor."""
        layer, node_index, _ = self._keras_history
        return layer._inbound_nodes[node_index]

    def placeholder(self, fill=None, unknown=1, text=b""):
        """Zeros of this shape (what a layer's call sees while the graph is inferred; Keras
        runs ``call`` in a scratch graph instead), ``text`` (empty strings) for a string
        tensor: an unknown dimension takes its value from ``fill`` ({axis: size}, the
        layer's input spec) or ``unknown``."""
        shape = self.filled_shape(fill, unknown)
        if np.dtype(self.dtype) == object:
            return np.full(shape, text, dtype=object)
        return np.zeros(shape, dtype=self.dtype)

    def filled_shape(self, fill=None, default=None):
        shape = list(self.shape)
        for axis, size in (fill or {}).items():
            if -len(shape) <= axis < len(shape) and shape[axis] is None:
                shape[axis] = size
        return tuple(default if d is None else d for d in shape)

    def __len__(self):
        raise TypeError("Keras symbolic inputs/outputs do not implement `__len__`. You may be "
                        "trying to pass Keras symbolic inputs/outputs to a TF API that does "
                        "not register dispatching, preventing Keras from automatically "
                        "converting the API call to a lambda layer in the Functional Model.")

    def __array__(self, dtype=None, copy=None):
        raise TypeError(f"You are passing {self!r}, an intermediate Keras symbolic input/output, "
                        "to a TF API that does not allow registering custom dispatchers. "
                        "Keras symbolic inputs/outputs can only be used with Keras layers.")

    @property
    def dtype_name(self):
        """TensorFlow's name of the dtype: ``string`` for the object arrays of bytes."""
        return "string" if self.dtype == object else self.dtype.name

    def sparse_spec(self):
        """``SparseTensorSpec(TensorShape([None, 5]), tf.float32)``, as TensorFlow writes it."""
        dims = ", ".join(str(d) for d in self.shape)
        return f"SparseTensorSpec(TensorShape([{dims}]), tf.{self.dtype_name})"

    def __repr__(self):
        if self.sparse:
            text = f"<KerasTensor: type_spec={self.sparse_spec()}"
            if self.layer_name:
                text += f" (created by layer '{self.layer_name}')"
            return text + ">"
        text = f"<KerasTensor: shape={self.shape} dtype={self.dtype_name}"
        if self.layer_name:
            text += f" (created by layer '{self.layer_name}')"
        return text + ">"

    def __str__(self):
        if self.sparse:
            text = f"KerasTensor(type_spec={self.sparse_spec()}"
            if self.layer_name:
                text += f", description=\"created by layer '{self.layer_name}'\""
            return text + ")"
        spec_name = repr(self.spec_name) if self.spec_name else None
        name = repr(self.name) if self.name else None
        text = (f"KerasTensor(type_spec=TensorSpec(shape={self.shape}, dtype=tf.{self.dtype_name}, "
                f"name={spec_name}), name={name}")
        if self.layer_name:
            text += f", description=\"created by layer '{self.layer_name}'\""
        return text + ")"

    # Python arithmetic makes a TFOpLambda layer, as in Keras (``x + inputs`` in a model).
    __add__ = binary_operator("__operators__.add")
    __radd__ = binary_operator("__operators__.add", reflected=True)
    __sub__ = binary_operator("math.subtract")
    __rsub__ = binary_operator("math.subtract", reflected=True)
    __mul__ = binary_operator("math.multiply")
    __rmul__ = binary_operator("math.multiply", reflected=True)
    __truediv__ = binary_operator("math.truediv")
    __rtruediv__ = binary_operator("math.truediv", reflected=True)

    def __neg__(self):
        return tf_op_layer().operate("math.negative", self)

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other


dispatch.add_dispatcher(dispatch_keras_tensors)
