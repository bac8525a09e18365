"""Input and InputLayer: where a model's graph starts.

What it owns: ``InputLayer`` (``keras.engine.input_layer.InputLayer``), a layer
with no weights whose only node holds a placeholder KerasTensor, and ``Input``
(``keras.engine.input_layer.Input``), the function users call, which makes an
InputLayer and returns its KerasTensor. InputLayers are named ``input_1``,
``input_2`` ... (Keras's counter for inputs starts at 1).

What it receives: ``shape`` (without the batch dimension), ``batch_size``,
``name``, ``dtype``, or ``batch_shape``/``batch_input_shape`` (with it). An empty
``batch_shape`` is no shape, as in Keras: the input then has an unknown rank (what a
Sequential model without an input shape makes when first called on a scalar).

What it hands on: the KerasTensor (shape with ``None`` for the batch) that
``base_layer.Layer.__call__`` takes down the symbolic road, and whose
``_keras_history`` ends ``functional._build_map``'s walk.

Trace events: span ``keras.engine.input_layer.Input`` (stage build).
"""
from tracekeras import backend, tracing
from tracekeras.engine import base_layer
from tracekeras.engine import node as node_module
from tracekeras.engine.keras_tensor import KerasTensor


class InputLayer(base_layer.Layer):
    """``InputLayer(input_shape=None, batch_size=None, dtype=None, name=None, ...)``."""

    def __init__(self, input_shape=None, batch_size=None, dtype=None, input_tensor=None,
                 sparse=None, name=None, ragged=None, type_spec=None, **kwargs):
        optional = bool(kwargs.pop("optional", False))  # tf_keras 2.21 writes it in configs
        if "batch_input_shape" in kwargs:
            batch_input_shape = kwargs.pop("batch_input_shape")
            if input_shape and batch_input_shape:
                raise ValueError("Only provide the input_shape OR batch_input_shape argument to "
                                 "InputLayer, not both at the same time.")
            if batch_input_shape:   # None and () alike leave the rank unknown
                batch_size = batch_input_shape[0]
                input_shape = batch_input_shape[1:]
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments: {list(kwargs.keys())}")
        if sparse and ragged:
            raise ValueError("Cannot set both sparse and ragged to True in a TF-Keras input.")
        if sparse or ragged or type_spec is not None:
            raise NotImplementedError("tracekeras has no sparse or ragged tensors.")
        if isinstance(input_shape, int):
            input_shape = (input_shape,)
        if input_tensor is not None:
            if not isinstance(input_tensor, KerasTensor):
                raise ValueError("You should not pass an EagerTensor to `Input`. For example, "
                                 "instead of creating an `InputLayer`, you should instantiate "
                                 "your model and directly call it on your input.")
            if input_tensor.shape.rank is not None:
                input_shape, batch_size = input_tensor.shape[1:], input_tensor.shape[0]
            dtype = dtype or input_tensor.dtype.name
        if input_shape is not None:
            check_shape(input_shape)
        if not name:
            name = backend.unique_object_name("input", zero_based=False)
        super().__init__(dtype=dtype or backend.floatx(), name=name)
        self.built = True
        self.sparse = False
        self.ragged = False
        self.batch_size = batch_size
        self.supports_masking = True
        self.is_placeholder = True
        self._batch_input_shape = (None if input_shape is None   # an unknown rank
                                   else (batch_size,) + tuple(input_shape))
        tensor = KerasTensor(self._batch_input_shape, self._dtype, name=self.name)
        node_module.Node(layer=self, outputs=tensor)
        self.optional = optional

    def get_config(self):
        return {"batch_input_shape": self._batch_input_shape, "dtype": self._dtype,
                "sparse": self.sparse, "ragged": self.ragged, "name": self.name,
                "optional": self.optional}

    @property
    def output_shape(self):
        """Keras prints an InputLayer's output shape as a one-item list: ``[(None, 784)]``."""
        return [self._batch_input_shape]


def batch_shape_arg(kwargs):
    """``batch_shape`` as the trace writes it: ``[]`` for the empty one (an unknown rank)."""
    batch = kwargs.get("batch_shape", kwargs.get("batch_input_shape"))
    return None if batch is None else base_layer.shape_list(tuple(batch))


@tracing.traced("build",
                args=lambda shape=None, batch_size=None, name=None, dtype=None, *a, **k: {
                    "shape": base_layer.shape_list(tuple(shape)) if isinstance(
                        shape, (list, tuple)) else shape,
                    "name": name, "batch_shape": batch_shape_arg(k)},
                result=lambda t: {"layer": t._keras_history.layer.name,
                                  "output_shape": base_layer.shape_list(t.shape)})
def Input(shape=None, batch_size=None, name=None, dtype=None, sparse=None, tensor=None,  # noqa: N802
          ragged=None, type_spec=None, **kwargs):
    """A symbolic input: ``Input(shape=(784,))`` -> KerasTensor of shape ``(None, 784)``."""
    if sparse and ragged:
        raise ValueError("Cannot set both `sparse` and `ragged` to `True` in a TF-Keras `Input`.")
    batch_input_shape = kwargs.pop("batch_input_shape", kwargs.pop("batch_shape", None))
    if shape is not None and batch_input_shape is not None:
        raise ValueError("Only provide the `shape` OR `batch_input_shape` argument to Input, not "
                         "both at the same time.")
    if batch_input_shape is None and shape is None and tensor is None and type_spec is None:
        raise ValueError("Please provide to Input a `shape` or a `tensor` or a `type_spec` "
                         "argument. Note that `shape` does not include the batch dimension.")
    if kwargs:
        raise ValueError(f"Unrecognized keyword arguments: {list(kwargs.keys())}")
    config = {"name": name, "dtype": dtype, "sparse": sparse, "ragged": ragged,
              "input_tensor": tensor, "type_spec": type_spec}
    if batch_input_shape:   # ``batch_shape=()`` is no shape: an input of unknown rank
        config["batch_input_shape"] = tuple(batch_input_shape)
    else:
        config.update(batch_size=batch_size, input_shape=shape)
    layer = InputLayer(**config)
    return layer._inbound_nodes[0].outputs


def check_shape(shape):
    """Keras's TensorShape refuses what is not a tuple of ints >= 0 or None: say it clearly."""
    if isinstance(shape, (str, bytes)) or not hasattr(shape, "__iter__") or any(
            d is not None and (isinstance(d, bool) or not hasattr(d, "__index__")) for d in shape):
        raise TypeError("The `shape` of an Input must be a tuple of integers or None, without "
                        f"the batch dimension, e.g. shape=(784,). Received: shape={shape!r}")
    negative = [d for d in shape if d is not None and d < 0]
    if negative:
        raise ValueError(f"Dimension {negative[0]} must be >= 0: the dimensions of an Input "
                         f"`shape` are sizes or None. Received: shape={tuple(shape)!r}")
