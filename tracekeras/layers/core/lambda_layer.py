"""Lambda: a Python function used as a layer (``keras.layers.core.lambda_layer``).

What it owns: ``Lambda(function, output_shape=None, mask=None, arguments=None)``:
``call`` runs ``function(inputs, **arguments)`` (with ``mask=``/``training=`` when
the function takes them). Its output shape is found by running the function on
placeholders, unless ``output_shape`` (a shape without the batch axis, or a
function of the input shape) says it. ``get_config`` writes the function as
Keras does: a named function by name, a ``lambda`` as its marshalled bytecode
(base64), which only the same Python version can load again; ``from_config``
reads both.

What it receives / hands on: whatever the function takes and returns (build it
from ``backend.ops`` so a GradientTape follows it).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import codecs
import inspect
import marshal
import sys
import types

import numpy as np

from tracekeras import backend
from tracekeras.engine.base_layer import Layer
from tracekeras.utils.nest import map_structure


def func_dump(func):
    """Keras's ``generic_utils.func_dump``: ``(base64 bytecode, defaults, closure values)``."""
    code = codecs.encode(marshal.dumps(func.__code__), "base64").decode("ascii")
    closure = tuple(c.cell_contents for c in func.__closure__) if func.__closure__ else None
    return code, func.__defaults__, closure


def func_load(code, defaults=None, closure=None, globs=None):
    """Keras's ``generic_utils.func_load``: the function ``func_dump`` wrote."""
    if isinstance(code, (tuple, list)):
        code, defaults, closure = code
        defaults = tuple(defaults) if isinstance(defaults, list) else defaults

    def cell(value):
        return (lambda: value).__closure__[0]
    raw = codecs.decode(code.encode("ascii"), "base64")
    code_object = marshal.loads(raw)
    closure = tuple(cell(v) for v in closure) if closure is not None else None
    return types.FunctionType(code_object, globs if globs is not None else globals(),
                              name=code_object.co_name, argdefs=defaults, closure=closure)


def serialize_function(value, allow_raw=False):
    """``(value, type, module)`` of ``Lambda._serialize_function_to_config``."""
    if isinstance(value, types.LambdaType) and value.__name__ == "<lambda>":
        return func_dump(value), "lambda", value.__module__
    if callable(value):
        return value.__name__, "function", value.__module__
    if allow_raw:
        return value, "raw", None
    raise ValueError(f"Invalid input for serialization, type: {type(value)} ")


def parse_function(config, custom_objects, key, module_key, type_key):
    """``Lambda._parse_function_from_config``: a function back from its config entries."""
    globs = dict(globals())
    module = config.pop(module_key, None)
    if module in sys.modules:
        globs.update(vars(sys.modules[module]))
    globs.update(custom_objects or {})
    function_type = config.pop(type_key)
    if function_type == "function":
        name = config[key]
        if name in globs:
            return globs[name]
        raise ValueError(f"Unknown function in Lambda layer: {name!r}. Please ensure you are "
                         "using a `keras.utils.custom_object_scope` and that this object is "
                         "included in the scope.")
    if function_type == "lambda":
        return func_load(config[key], globs=globs)
    if function_type == "raw":
        return config[key]
    raise TypeError("Unsupported value for `function_type` argument. Received: "
                    f"function_type={function_type}. Expected one of "
                    "['function', 'lambda', 'raw']")


class Lambda(Layer):
    """``Lambda(function, output_shape=None, mask=None, arguments=None)``."""

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.arguments = arguments or {}
        self.function = function
        if mask is not None:
            self.supports_masking = True
        self.mask = mask
        self._output_shape = output_shape
        names = inspect.getfullargspec(function).args
        self._fn_expects_training_arg = "training" in names
        self._fn_expects_mask_arg = "mask" in names

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._fn_expects_mask_arg:
            kwargs["mask"] = mask
        if self._fn_expects_training_arg:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            return self.infer_output_shape(input_shape)
        if callable(self._output_shape):
            return self._output_shape(input_shape)
        first = input_shape
        while isinstance(first, list):
            first = first[0]
        batch = first[0] if first else None
        declared = self._output_shape
        if isinstance(declared, list) and declared and isinstance(declared[0], (list, tuple)):
            return [(batch,) + tuple(s) for s in declared]
        return (batch,) + tuple(declared)

    def infer_output_shape(self, input_shape):
        """Run the function on zeros (1 for each unknown dimension); the batch stays as given."""
        def zeros(shape):
            if isinstance(shape, list):
                return [zeros(s) for s in shape]
            return backend.Tensor(np.zeros(tuple(1 if d is None else d for d in shape),
                                           self.dtype))
        first = input_shape[0] if isinstance(input_shape, list) else input_shape
        batch = first[0] if first else None
        outputs = self.call(zeros(input_shape))
        # a scalar (a sum over every axis) has no batch dimension to keep
        return map_structure(lambda t: (batch,) + tuple(t.shape[1:]) if t.shape else (),
                             outputs)

    def get_config(self):
        function, function_type, module = serialize_function(self.function)
        shape, shape_type, shape_module = serialize_function(self._output_shape, allow_raw=True)
        config = super().get_config()
        config.update({"function": function, "function_type": function_type, "module": module,
                       "output_shape": shape, "output_shape_type": shape_type,
                       "output_shape_module": shape_module})
        if self.mask is not None:
            mask, mask_type, mask_module = serialize_function(self.mask)
            config.update({"mask": mask, "mask_type": mask_type, "mask_module": mask_module})
        config["arguments"] = self.arguments
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config["function"] = parse_function(config, custom_objects, "function", "module",
                                            "function_type")
        config["output_shape"] = parse_function(config, custom_objects, "output_shape",
                                                "output_shape_module", "output_shape_type")
        config["mask"] = (parse_function(config, custom_objects, "mask", "mask_module",
                                         "mask_type") if "mask" in config else None)
        return cls(**config)

