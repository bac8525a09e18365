"""The name TensorFlow's graph gives a layer's symbolic output (``KerasTensor.name``).

What it owns: :func:`output_name`, the ``name`` a KerasTensor made by a layer carries in
tf_keras 2.21, ``"<layer name>/<op name>:0"``: Keras runs ``call`` in a scratch graph and
the output is named after the last TensorFlow op the call ran, in the layer's name scope
(``Dense(3)`` -> ``dense/BiasAdd:0``, with ``activation="relu"`` -> ``dense/Relu:0``;
``Dropout`` ends in an ``Identity`` even at rate 0). A call that hands back an input
unchanged hands back the scratch graph's placeholder: ``Placeholder:0``
(``Activation("linear")``, ``GaussianNoise`` outside training, a script's own layer).
A model called as a layer names its output after its own output, in its name scope.

The op names are those tf_keras 2.21 gives (tests/build/make_graph_name_fixtures.py
records them); a layer this table does not know, or a configuration whose last op it has
not checked, gets ``None``, which ``str(tensor)`` prints as ``name=None``.

What it receives: the layer, and whether the output is one of the call's inputs. What it
hands on: a string or None. Trace events: none.
"""

# the last op of each activation function (Dense, Conv, Activation with that activation)
ACTIVATION_OPS = {
    "relu": "Relu", "softmax": "Softmax", "sigmoid": "Sigmoid", "tanh": "Tanh", "elu": "Elu",
    "selu": "Selu", "softplus": "Softplus", "softsign": "Softsign", "gelu": "Gelu/mul_2",
    "swish": "IdentityN", "exponential": "Exp", "hard_sigmoid": "clip_by_value",
    "relu6": "Relu6", "leaky_relu": "LeakyRelu", "mish": "mul",
}

# layers whose last op does not depend on their configuration (as far as checked)
LAYER_OPS = {
    "Dropout": "Identity", "SpatialDropout1D": "Identity", "Flatten": "Reshape",
    "Reshape": "Reshape", "MaxPooling2D": "MaxPool", "AveragePooling2D": "AvgPool",
    "MaxPooling1D": "Squeeze", "GlobalAveragePooling1D": "Mean",
    "GlobalAveragePooling2D": "Mean", "GlobalMaxPooling2D": "Max",
    "BatchNormalization": "batchnorm/add_1", "LayerNormalization": "add",
    "Embedding": "embedding_lookup/Identity", "Concatenate": "concat", "Add": "add",
    "Multiply": "mul", "Subtract": "sub", "Average": "truediv", "Maximum": "Maximum",
    "Softmax": "Softmax", "LeakyReLU": "LeakyRelu", "RepeatVector": "Tile",
    "Permute": "transpose", "ZeroPadding2D": "Pad", "Cropping2D": "strided_slice",
    "Rescaling": "add", "Normalization": "truediv", "GlobalMaxPooling1D": "Max",
    "AveragePooling1D": "Squeeze", "Minimum": "Minimum", "PReLU": "add", "Masking": "mul",
}

# a TFOpLambda layer (``x + 1``, ``tf.math.exp(x)``, ``K.dot(x, w)``) by its function
TF_OP_NAMES = {
    "__operators__.add": "AddV2", "math.subtract": "Sub", "math.multiply": "Mul",
    "math.truediv": "truediv", "math.negative": "Neg", "math.exp": "Exp",
    "math.square": "Square", "math.reduce_sum": "Sum", "math.reduce_mean": "Mean",
    "math.sigmoid": "Sigmoid", "math.tanh": "Tanh", "nn.relu": "Relu", "one_hot": "one_hot",
    "linalg.matmul": "MatMul", "expand_dims": "ExpandDims", "compat.v1.squeeze": "Squeeze",
}

# layers that end in their activation, else in a bias add, else in an op of their own
WITH_ACTIVATION = {"Dense": "MatMul", "Conv1D": "Conv1D/Squeeze", "Conv2D": "Conv2D",
                   "Conv2DTranspose": None, "SeparableConv2D": None, "DepthwiseConv2D": None}


def activation_name(activation):
    """The registered name of an activation function (``None`` for one not registered)."""
    from tracekeras import activations
    try:
        name = activations.serialize(activation)
    except (ValueError, TypeError):
        return None
    return name if isinstance(name, str) else None


def last_op(layer):
    """The op name ``layer``'s call ends in, or None where the table does not know it."""
    kind = type(layer).__name__
    if type(layer).__module__.split(".")[0] != "tracekeras":
        return None   # a layer of the script's own: its call's last op is not known here
    if kind in LAYER_OPS:
        return LAYER_OPS[kind]
    if kind == "TFOpLambda":
        return TF_OP_NAMES.get(layer.function)
    if kind == "Activation":
        return ACTIVATION_OPS.get(activation_name(layer.activation))
    if kind in WITH_ACTIVATION:
        name = activation_name(layer.activation)
        if name != "linear":
            return ACTIVATION_OPS.get(name)
        return "BiasAdd" if layer.use_bias else WITH_ACTIVATION[kind]
    if kind in ("LSTM", "GRU", "SimpleRNN"):
        return recurrent_op(layer, kind)
    if kind == "Bidirectional" and recurrent_op(layer.forward_layer, type(layer.layer).__name__):
        return {"concat": "concat", "sum": "add"}.get(layer.merge_mode)
    if kind == "TimeDistributed" and type(layer.layer).__name__ == "Dense":
        return "Reshape_1"
    if kind == "UpSampling2D" and layer.interpolation == "nearest":
        return "resize/ResizeNearestNeighbor"
    if kind == "ELU" and float(layer.alpha) == 1.0:
        return "Elu"
    if kind == "ReLU" and not layer.negative_slope and not layer.threshold:
        return {None: "Relu", 6.0: "Relu6"}.get(
            None if layer.max_value is None else float(layer.max_value))
    return None


def recurrent_op(layer, kind):
    """The last op of a recurrent layer with one output: an LSTM or GRU Keras can run fused
    (tanh, sigmoid, a bias, no recurrent dropout; a GRU with ``reset_after``) ends in the
    ``PartitionedCall`` of its fused function (output 1 holds the sequence), a SimpleRNN
    (or an LSTM that cannot be fused, its last output) in the ops of Keras's loop."""
    if layer.return_state or layer.unroll or layer.go_backwards or layer.stateful:
        return None
    cell = layer.cell
    if kind in ("LSTM", "GRU") and (
            activation_name(cell.activation) == "tanh"
            and activation_name(cell.recurrent_activation) == "sigmoid"
            and not cell.recurrent_dropout and cell.use_bias
            and (kind == "LSTM" or cell.reset_after)):
        return "PartitionedCall:1" if layer.return_sequences else "PartitionedCall:0"
    if kind == "SimpleRNN":
        return "transpose_1" if layer.return_sequences else "strided_slice_3"
    if kind == "LSTM" and not layer.return_sequences:
        return "strided_slice_3"
    return None


def nested_output_name(layer):
    """A model called as a layer: its one output's own name (run again in the model's name
    scope, ``"inner/dense/Relu:0"``), when it names an op."""
    if not getattr(layer, "_is_graph_network", False):
        return None
    outputs = getattr(layer, "outputs", None) or []
    if len(outputs) != 1 or not isinstance(outputs[0].name, str) or "/" not in outputs[0].name:
        return None
    return outputs[0].name


def output_name(layer, passed_through_index=None, cast=False):
    """``KerasTensor.name`` of an output of ``layer``: ``"<layer>/<op>:0"`` where the op is
    known; else, for the call's ``i``-th input handed back as it is, ``Placeholder:0`` (or
    ``Placeholder_<i>:0``), or ``"<layer>/Cast:0"`` when autocast had cast it; else None."""
    op = last_op(layer)
    if op is not None:
        return f"{layer.name}/{op}" + ("" if ":" in op else ":0")
    inner = nested_output_name(layer)
    if inner is not None:
        return f"{layer.name}/{inner}"
    if cast:
        return f"{layer.name}/Cast:0"
    if passed_through_index is not None:
        suffix = f"_{passed_through_index}" if passed_through_index else ""
        return f"Placeholder{suffix}:0"
    return None
