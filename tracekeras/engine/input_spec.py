"""InputSpec: what a layer accepts, checked on every call before anything runs.

What it owns: ``InputSpec`` (``keras.engine.input_spec.InputSpec``: dtype, shape,
ndim, max_ndim, min_ndim, axes, allow_last_axis_squeeze, name) and
``assert_input_compatibility``, which raises Keras's ``ValueError`` (or
``TypeError`` for a non-tensor) naming the input, the layer, what was expected
and what was received.

What it receives: a layer's ``input_spec`` and the inputs of a call, from
``base_layer.Layer.__call__`` (symbolic or eager).

What it hands on: nothing; it returns quietly or raises before the layer changes.

Trace events: none (a failed check shows as the error of the ``__call__`` span).
"""
from tracekeras.utils.nest import flatten


class InputSpec:
    """``InputSpec(ndim=None, min_ndim=None, axes=None, ...)`` as Keras defines it."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
                 axes=None, allow_last_axis_squeeze=False, name=None):
        self.dtype = str(dtype) if dtype is not None else None
        shape = tuple(shape) if shape is not None else None
        if shape is not None:
            self.ndim = len(shape)
            self.shape = shape
        else:
            self.ndim = ndim
            self.shape = None
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.name = name
        self.allow_last_axis_squeeze = allow_last_axis_squeeze
        try:
            axes = axes or {}
            self.axes = {int(k): axes[k] for k in axes}
        except (ValueError, TypeError):
            raise TypeError(f"Argument `axes` must be a dict with integer keys. Received: "
                            f"axes={axes}") from None
        if self.axes and (self.ndim is not None or self.max_ndim is not None):
            max_dim = (self.ndim if self.ndim else self.max_ndim) - 1
            max_axis = max(self.axes)
            if max_axis > max_dim:
                raise ValueError(f"Axis {max_axis} is greater than the maximum allowed value: "
                                 f"{max_dim}")

    def __repr__(self):
        spec = [("dtype=" + str(self.dtype)) if self.dtype else "",
                ("shape=" + str(self.shape)) if self.shape else "",
                ("ndim=" + str(self.ndim)) if self.ndim else "",
                ("max_ndim=" + str(self.max_ndim)) if self.max_ndim else "",
                ("min_ndim=" + str(self.min_ndim)) if self.min_ndim else "",
                ("axes=" + str(self.axes)) if self.axes else ""]
        return f"InputSpec({', '.join(x for x in spec if x)})"

    def get_config(self):
        return {"dtype": self.dtype, "shape": self.shape, "ndim": self.ndim,
                "max_ndim": self.max_ndim, "min_ndim": self.min_ndim, "axes": self.axes}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def display_shape(shape):
    return str(tuple(shape))


def flatten_by_names(input_spec, inputs):
    """A dict of inputs is matched to the specs by name (Keras's rule for named specs)."""
    names = [spec.name for spec in input_spec if spec is not None]
    if not (isinstance(inputs, dict) and names and len(names) == len(input_spec) and all(names)):
        return flatten(inputs)
    ordered = []
    for name in names:
        if name not in inputs:
            raise ValueError(f'Missing data for input "{name}". You passed a data dictionary '
                             f"with keys {list(inputs.keys())}. Expected the following keys: "
                             f"{names}")
        ordered.append(inputs[name])
    return ordered


def assert_input_compatibility(input_spec, inputs, layer_name):
    """Raise Keras's error when ``inputs`` do not fit ``input_spec``."""
    if not input_spec:
        return
    input_spec = flatten(input_spec)
    inputs = flatten_by_names(input_spec, inputs)
    for x in inputs:
        if not hasattr(x, "shape"):
            raise TypeError(f"Inputs to a layer should be tensors. Got '{x}' (of type "
                            f"{type(x)}) as input for layer '{layer_name}'.")
    if len(inputs) != len(input_spec):
        raise ValueError(f'Layer "{layer_name}" expects {len(input_spec)} input(s), but it '
                         f"received {len(inputs)} input tensors. Inputs received: {inputs}")
    for index, (x, spec) in enumerate(zip(inputs, input_spec)):
        if spec is not None and getattr(x.shape, "rank", 0) is None:
            return   # as Keras: an input of unknown rank ends the checks
        if spec is not None:
            check_one(index, tuple(x.shape), getattr(x, "dtype", None), spec, layer_name)


def check_one(index, shape, dtype, spec, layer_name):
    where = f'Input {index} of layer "{layer_name}" is incompatible with the layer: '
    ndim = len(shape)
    if spec.ndim is not None and not spec.allow_last_axis_squeeze and ndim != spec.ndim:
        raise ValueError(f"{where}expected ndim={spec.ndim}, found ndim={ndim}. "
                         f"Full shape received: {shape}")
    if spec.max_ndim is not None and ndim > spec.max_ndim:
        raise ValueError(f"{where}expected max_ndim={spec.max_ndim}, found ndim={ndim}")
    if spec.min_ndim is not None and ndim < spec.min_ndim:
        raise ValueError(f"{where}expected min_ndim={spec.min_ndim}, found ndim={ndim}. "
                         f"Full shape received: {shape}")
    if spec.dtype is not None and dtype is not None and str(dtype) != spec.dtype:
        raise ValueError(f'{where}expected dtype="{spec.dtype}", found dtype="{dtype}"')
    for axis, value in (spec.axes or {}).items():
        if value is None:
            continue
        if -ndim <= axis < ndim and shape[axis] not in (value, None):
            raise ValueError(f'Input {index} of layer "{layer_name}" is incompatible with the '
                             f"layer: expected axis {axis} of input shape to have value {value}, "
                             f"but received input with shape {display_shape(shape)}")
    if spec.shape is not None:
        got, want = list(shape), list(spec.shape)
        if spec.allow_last_axis_squeeze:
            if got and got[-1] == 1:
                got = got[:-1]
            if want and want[-1] == 1:
                want = want[:-1]
        for spec_dim, dim in zip(want, got):
            if spec_dim is not None and dim is not None and spec_dim != dim:
                raise ValueError(f"{where}expected shape={spec.shape}, "
                                 f"found shape={display_shape(shape)}")
