"""Layer: the unit every model is made of, and what calling one does.

What it owns: ``Layer`` (``keras.engine.base_layer.Layer``): its name
(``dense``, ``dense_1`` ... from ``backend.unique_object_name``), its weights
(``add_weight`` -> ``backend.Variable`` named ``<layer>/<weight>:0`` when
created inside the layer's name scope, as Keras does), ``built``, ``input_spec``
checks, ``get_weights``/``set_weights``/``count_params``, configs, and
``__call__`` with its two roads:

* symbolic (KerasTensor inputs, while a model is built):
  ``__call__`` -> ``_functional_construction_call`` ->
  ``_keras_tensor_symbolic_call`` -> ``_infer_output_signature``, which builds
  the layer (``_maybe_build`` -> ``build(input_shape)``), runs ``call`` on
  placeholder zeros (batch 1 where the batch is unknown; Keras runs it in a
  scratch graph) to learn the output shapes, and returns KerasTensors linked to
  their inputs by a new ``node.Node``;
* eager (NumPy arrays or backend Tensors): build if needed, then ``call`` on
  the values; the result is a backend Tensor a GradientTape can follow.

Where Keras runs a graph (on placeholders, in a non-eager train, test or predict
function), a tensor's static shape may know less than its value (RandomWidth's width):
the spec check judges that shape (``backend.static_shapes``), a layer with its own shape
rule hands it on to its output (``hand_on_static_shapes``), and a symbolic output takes it.

Losses and metrics a layer adds while it runs (``add_loss``, ``add_metric``,
``losses``) and the Variables and Metrics it keeps as attributes are kept by
``base_layer_utils``; the outermost eager call clears the previous call's losses. A layer's
``activity_regularizer`` (``regularizers.get`` of the argument) adds, after each ``call``
(eager or on placeholders), the loss ``regularizer(output) / batch size`` per output
(``_handle_activity_regularization``), as ``call`` would with ``add_loss``.

A layer's ``dtype`` argument becomes its dtype policy (``dtype_policy``, a
``mixed_precision.Policy``; none given: the global policy): floating inputs are cast to
its ``compute_dtype``, its variables are made in its ``dtype`` (``variable_dtype``), and
under a mixed policy (``mixed_float16``) they are AutoCastVariables, which the ops of its
``call`` read in the compute dtype (``mixed_precision.autocast_variable``).

What it receives: ``Layer.__init__`` kwargs as Keras accepts them
(``input_shape``, ``batch_input_shape``, ``input_dim``, ``batch_size``, ``weights``).

What it hands on: Variables to the optimizer (``trainable_variables``), Nodes to
``functional``, the training flag to nested layers (the call context). An error
raised inside ``call`` is raised again, once, as Keras does: same type, with
"Exception encountered when calling layer ..." and the call's arguments around
the message.

Trace events: spans ``keras.engine.base_layer.Layer.__call__`` (stage layer),
``._functional_construction_call``, ``._keras_tensor_symbolic_call``,
``._infer_output_signature`` (stage build), ``.add_weight`` (stage weights).
The module is longer than 400 lines because Keras's Layer is one concept.
"""
import contextlib
import functools
import inspect
import io
import math
import re
import weakref

import numpy as np

from tracekeras import backend, constraints, initializers, regularizers, tracing
from tracekeras.backend import math_ops, static_shapes
from tracekeras.backend.ops import ReshapeError
from tracekeras.backend.shape_tuple import ShapeTuple
from tracekeras.backend.sparse_tensor import SparseTensor
from tracekeras.backend.tensor import AUTOCAST, TAPES, values_kept
from tracekeras.engine import base_layer_utils, graph_names, keras_tensor
from tracekeras.engine import input_spec as input_spec_mod
from tracekeras.engine import node as node_module
from tracekeras.engine.base_layer_utils import CALL_CONTEXT
from tracekeras.engine.keras_tensor import KerasTensor
from tracekeras.mixed_precision import autocast_variable
from tracekeras.mixed_precision import policy as policy_module
from tracekeras.utils import layer_utils
from tracekeras.utils.nest import flatten, map_structure, pack_sequence_as

ALLOWED_KWARGS = {"input_dim", "input_shape", "batch_input_shape", "batch_size", "weights",
                  "activity_regularizer", "autocast", "implementation"}
SYMBOLIC_CALLS = [0]     # calls on placeholders running now (Keras: inside a scratch graph)
BUILT_IN = weakref.WeakKeyDictionary()   # layer -> the user-level stage that built it (traced)
ENTRY_STAGES = tracing.ENTRY_POINTS


def current_stage():
    """The outermost user-facing stage now running (fit, evaluate, predict) or "build"."""
    rec = tracing.state.recorder
    for entry in (rec.stack if rec is not None else ()):
        if entry.name in ENTRY_STAGES:
            return ENTRY_STAGES[entry.name]
    return "build"


def executing_eagerly():
    """``tf.executing_eagerly``: False while ``call`` runs on placeholders to infer output
    shapes, where a layer must not change its state (BatchNormalization's moving statistics)."""
    return not SYMBOLIC_CALLS[0]


def in_a_graph():
    """Where Keras runs a graph: a call on placeholders, or a function TensorFlow runs as
    a graph (tensors there have static shapes, ``backend.static_shapes``)."""
    return bool(SYMBOLIC_CALLS[0]) or static_shapes.in_a_function()


class StaticView:
    """What an input spec judges of a tensor in a graph: its static shape and dtype."""

    def __init__(self, shape, dtype):
        self.shape = shape
        self.dtype = dtype


def layer_args(self, *a, **k):
    return {"layer": self.name, "cls": type(self).__name__}


def to_snake_case(name):
    """Keras's ``generic_utils.to_snake_case``: ``Dense`` -> ``dense``, ``MyLayer`` ->
    ``my_layer``, ``ConvLSTM2D`` -> ``conv_lstm2d`` (a capital then digits starts no word)."""
    intermediate = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    insecure = re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()
    return insecure if insecure[0] != "_" else "private" + insecure


def default(method):
    """Mark a method as the default implementation (Keras's ``generic_utils.default``)."""
    method._is_default = True
    return method


@contextlib.contextmanager
def name_scope(name):
    CALL_CONTEXT.name_scope.append(name)
    try:
        yield
    finally:
        CALL_CONTEXT.name_scope.pop()


@contextlib.contextmanager
def init_scope():
    """``tf.init_scope``: leave the enclosing name scopes, gradient tapes and training flag
    for a while (graph construction inside ``fit`` records nothing and drops nothing)."""
    saved_scope, saved_tapes = CALL_CONTEXT.name_scope[:], TAPES.active[:]
    saved_training = CALL_CONTEXT.training
    del CALL_CONTEXT.name_scope[:]
    del TAPES.active[:]
    CALL_CONTEXT.training = None
    try:
        yield
    finally:
        CALL_CONTEXT.name_scope[:] = saved_scope
        TAPES.active[:] = saved_tapes
        CALL_CONTEXT.training = saved_training


@functools.lru_cache(maxsize=None)
def call_spec(call_fn):
    """(argument names after ``inputs``, accepts training, training's default, accepts mask)."""
    params = list(inspect.signature(call_fn).parameters.values())[2:]
    names = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    by_name = {p.name: p for p in params}
    var_kw = any(p.kind == p.VAR_KEYWORD for p in params)
    expects_training = "training" in by_name or var_kw
    training_default = None
    if "training" in by_name and by_name["training"].default is not inspect.Parameter.empty:
        training_default = by_name["training"].default
    return tuple(names), expects_training, training_default, "mask" in by_name or var_kw


@functools.lru_cache(maxsize=None)
def first_argument_name(call_fn):
    """The name ``call`` gives its inputs (``inputs`` in Keras's layers, anything in a user's)."""
    params = list(inspect.signature(call_fn).parameters)
    return params[1] if len(params) > 1 else "inputs"


def is_symbolic(inputs):
    if isinstance(inputs, KerasTensor):
        return True
    if isinstance(inputs, (list, tuple, dict)):
        return any(isinstance(x, KerasTensor) for x in flatten(inputs))
    return False


def shape_of(x):
    """A tuple; an unknown rank stays the ``TensorShape(None)`` it is (what Keras's build
    receives for it)."""
    shape = getattr(x, "shape", None)
    if shape is None or getattr(shape, "rank", 0) is None:
        return shape
    return ShapeTuple(shape)   # a tuple that answers ``as_list()`` as Keras's TensorShape


def plain_tuples(shapes):
    """``shapes`` (a shape, or a list, tuple or dict of them) with every ShapeTuple a tuple."""
    if isinstance(shapes, ShapeTuple):
        return tuple(shapes)
    if isinstance(shapes, dict):
        return {k: plain_tuples(v) for k, v in shapes.items()}
    if isinstance(shapes, (list, tuple)):
        return type(shapes)(plain_tuples(s) for s in shapes)
    return shapes


def shapes_of(inputs):
    """A tuple shape for one input; the same nesting of tuples for several (build's argument)."""
    return map_structure(shape_of, inputs)


def shape_list(shape):
    """A shape as the trace writes it: a list with None for unknown dimensions (None for
    an unknown rank)."""
    if getattr(shape, "rank", 0) is None:
        return None
    if isinstance(shape, tuple) and all(d is None or isinstance(d, (int, np.integer))
                                        for d in shape):
        return [None if d is None else int(d) for d in shape]
    if isinstance(shape, (list, tuple)):
        return [shape_list(s) for s in shape]
    return shape


class Layer:
    """``Layer(trainable=True, name=None, dtype=None, **kwargs)``."""

    _eager_losses = _callable_losses = _metrics = ()   # until ``__init__`` sets its own
    _tracks_metric_weights = False   # a Model counts its metric attributes' state as weights
    # Where an input's unknown batch goes is axis 0 of every output, unless this is True:
    # then a second call on placeholders (2 for the batch) shows it (TFOpLambda: an op such
    # as ``tf.one_hot(x, 4, axis=0)`` moves it)
    batch_axis_from_call = False
    # True where an output size is unknown whatever the input's (RandomHeight's height): the
    # symbolic output takes the shape of ``compute_output_shape``, its None kept
    output_shape_from_rule = False

    def __init__(self, trainable=True, name=None, dtype=None, dynamic=False, **kwargs):
        for kwarg in kwargs:
            if kwarg not in ALLOWED_KWARGS:
                raise TypeError("Keyword argument not understood:", kwarg)
        if name is not None and not isinstance(name, str):
            raise TypeError(f"Expected `name` argument to be a string, but got: {name}")
        activity_regularizer = regularizers.get(kwargs.get("activity_regularizer"))
        self._activity_regularizer = activity_regularizer
        self._trainable = bool(trainable)
        self._set_dtype_policy(dtype)
        self._autocast = kwargs.get("autocast", True)
        self.built = False
        self.dynamic = dynamic
        self.input_spec = None
        self.supports_masking = False
        self._trainable_weights = []
        self._non_trainable_weights = []
        self._eager_losses = []
        self._callable_losses = []
        self._metrics = []
        self._inbound_nodes = []
        self._outbound_nodes = []
        self._build_input_shape = None
        self._init_set_name(name)
        if "input_dim" in kwargs and "input_shape" not in kwargs:
            kwargs["input_shape"] = (kwargs["input_dim"],)
        if "batch_input_shape" in kwargs:
            self._batch_input_shape = tuple(kwargs["batch_input_shape"])
        elif "input_shape" in kwargs:
            self._batch_input_shape = ((kwargs.get("batch_size"),)
                                       + tuple(kwargs["input_shape"]))
        self._initial_weights = kwargs.get("weights")

    def _set_dtype_policy(self, dtype):
        """The layer's ``Policy`` from its ``dtype`` argument (``mixed_precision.policy``):
        ``_dtype`` is then the variables' dtype name, ``_compute_dtype`` the computations'."""
        policy = policy_module.policy_of_dtype_argument(dtype)
        if "bfloat16" in (policy.compute_dtype, policy.variable_dtype):
            raise policy_module.bfloat16_refused(policy, type(self).__name__)
        self._dtype_policy = policy

    @property
    def _dtype(self):
        """The variables' dtype name (floatx for the ``_infer`` policy)."""
        return self._dtype_policy.variable_dtype or backend.floatx()

    @_dtype.setter
    def _dtype(self, value):
        """A layer that sets its dtype (TextVectorization's "string") gets that policy."""
        self._set_dtype_policy(value)

    @property
    def _compute_dtype(self):
        return self._dtype_policy.compute_dtype or backend.floatx()

    def _init_set_name(self, name, zero_based=True):
        """The name given, even ``""`` (a subclass's ``super().__init__(name='')``), or for
        None a unique one from the class's name in snake case (``dense``, ``dense_1`` ...)."""
        if name is not None and not isinstance(name, str):
            raise TypeError(f"Expected `name` argument to be a string, but got: {name}")
        self._name = name if name is not None else backend.unique_object_name(
            to_snake_case(type(self).__name__), zero_based=zero_based)

    # -- identity ---------------------------------------------------------------
    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        """The dtype of the layer's variables (the policy's ``variable_dtype``)."""
        return self._dtype

    @property
    def dtype_policy(self):
        return self._dtype_policy

    @property
    def compute_dtype(self):
        """The dtype the layer computes in: its floating inputs are cast to it."""
        return self._compute_dtype

    variable_dtype = dtype

    @property
    def activity_regularizer(self):
        """The regularizer of this layer's outputs (None: none), as Keras keeps it."""
        return self.__dict__.get("_activity_regularizer")

    @activity_regularizer.setter
    def activity_regularizer(self, regularizer):
        self._activity_regularizer = regularizer

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        for layer in self._flatten_layers():
            layer._trainable = bool(value)

    def __repr__(self):
        return f"<{type(self).__module__}.{type(self).__name__} name={self.name}>"

    # -- sub-layers -------------------------------------------------------------
    def _direct_sublayers(self):
        tracked = getattr(self, "_self_tracked_trackables", None)
        if tracked is not None:
            return list(tracked)
        found = []
        for key, value in vars(self).items():
            if key in ("_inbound_nodes", "_outbound_nodes"):
                continue
            if isinstance(value, Layer):
                found.append(value)
            elif isinstance(value, (list, tuple)) and value and isinstance(value[0], Layer):
                found.extend(v for v in value if isinstance(v, Layer))
        return found

    def _flatten_layers(self, recursive=True, include_self=True):
        """Self, then sub-layers depth first (Keras's order), each once; no recursion."""
        if include_self:
            yield self
        seen = {id(self)}
        pending = list(reversed(self._direct_sublayers()))
        while pending:
            layer = pending.pop()
            if id(layer) in seen:
                continue
            seen.add(id(layer))
            yield layer
            if recursive:
                pending.extend(reversed(layer._direct_sublayers()))

    def _gather_children_attribute(self, attribute):
        out = []
        for layer in self._flatten_layers(recursive=False, include_self=False):
            out.extend(getattr(layer, attribute))
        return out

    # -- weights ---------------------------------------------------------------
    @tracing.traced("weights",
                    args=lambda self, name=None, shape=None, dtype=None, initializer=None, *a,
                    **k: {"layer": self.name, "cls": type(self).__name__, "weight": name,
                          "shape": shape_list(tuple(shape or ())),
                          "initializer": initializer_name(initializer)},
                    result=lambda v: {"variable": v.name})
    def add_weight(self, name=None, shape=None, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, **kwargs):
        """A new Variable of ``shape`` drawn from ``initializer`` (glorot_uniform for floats)."""
        shape = tuple(shape or ())
        dtype = np.dtype(dtype or self._dtype)
        if initializer is None:
            if np.issubdtype(dtype, np.floating):
                initializer = "glorot_uniform"
            elif np.issubdtype(dtype, np.integer) or dtype == np.bool_:
                initializer = "zeros"
            else:
                raise ValueError(f"An initializer for variable {name} of type {dtype.name} is "
                                 f"required for layer {self.name}. Received: {initializer}.")
        init = initializers.get(initializer)
        regularizer = regularizers.get(regularizer)
        constraint = constraints.get(constraint)
        trainable = True if trainable is None else bool(trainable)
        full_name = "/".join(CALL_CONTEXT.name_scope + [name or "Variable"])
        value = init(shape, dtype=dtype.name)
        # under a mixed policy a float variable is read in the compute dtype inside calls
        autocast = (kwargs.get("experimental_autocast", True) and dtype.kind == "f"
                    and policy_module.is_mixed(self._dtype_policy))
        variable_class = autocast_variable.AutoCastVariable if autocast else backend.Variable
        variable = variable_class(np.asarray(getattr(value, "value", value), dtype=dtype),
                                  name=full_name, trainable=trainable, dtype=dtype,
                                  constraint=constraint)
        (self._trainable_weights if trainable else self._non_trainable_weights).append(variable)
        if regularizer is not None:
            self.add_loss(functools.partial(regularize, regularizer, variable))
        return variable

    def _own_weights(self, trainable):
        """``add_weight``'s variables, then those kept as attributes (``self.b = tf.Variable``)."""
        listed = self._trainable_weights if trainable else self._non_trainable_weights
        extra = base_layer_utils.attribute_variables(
            self, self._trainable_weights + self._non_trainable_weights)
        own = listed + [v for v in extra if v.trainable == trainable]
        if not trainable and self._tracks_metric_weights:
            for metric in base_layer_utils.attribute_metrics(self):
                own += metric.variables
        return own

    @property
    def trainable_weights(self):
        if not self._trainable:
            return []
        return dedup(self._own_weights(True)
                     + self._gather_children_attribute("trainable_weights"))

    @property
    def non_trainable_weights(self):
        if self._trainable:
            weights = (self._own_weights(False)
                       + self._gather_children_attribute("non_trainable_weights"))
        else:
            weights = (self._own_weights(True) + self._own_weights(False)
                       + self._gather_children_attribute("weights"))
        return dedup(weights)

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    @property
    def trainable_variables(self):
        return self.trainable_weights

    @property
    def non_trainable_variables(self):
        return self.non_trainable_weights

    @property
    def variables(self):
        return self.weights

    @property
    def submodules(self):
        """``tf.Module.submodules`` (a Keras Layer is a tf.Module): every module or layer
        reachable through this layer's attributes (``backend.module``)."""
        from tracekeras.backend.module import Module
        return Module.submodules.fget(self)

    @property
    def losses(self):
        """The losses of this layer and its sub-layers: those ``call`` added in the last
        outermost call, then the regularizers and other callables, evaluated now."""
        if AUTOCAST.dtype is None:
            return base_layer_utils.collect_losses(self)
        with autocast_variable.enable_auto_cast_variables(None):   # float32 regularizers
            return base_layer_utils.collect_losses(self)

    def add_loss(self, losses, **kwargs):
        """Keep a loss: a value computed inside ``call``, or a zero-argument callable."""
        kwargs.pop("inputs", None)
        if kwargs:
            raise TypeError(f"Unknown keyword arguments: {kwargs.keys()}")
        base_layer_utils.add_loss(self, losses)

    def add_metric(self, value, name=None, **kwargs):
        """A running mean of ``value`` under ``name``, in the model's metrics and logs."""
        aggregation = kwargs.pop("aggregation", None)
        if kwargs:
            raise TypeError(f"Unknown keyword arguments: {kwargs.keys()}")
        base_layer_utils.add_metric(self, value, name=name, aggregation=aggregation)

    @property
    def metrics(self):
        """The metrics this layer and its sub-layers keep (``add_metric``, attributes)."""
        out = []
        for layer in self._flatten_layers():
            out.extend(layer._metrics)
            out.extend(m for m in base_layer_utils.attribute_metrics(layer) if m not in out)
        return out

    def get_weights(self):
        return [w.numpy() for w in self.weights]

    def set_weights(self, weights):
        """Assign NumPy values to ``self.weights`` in order; every shape is checked first."""
        params = self.weights
        if len(params) != len(weights):
            raise ValueError(f'You called `set_weights(weights)` on layer "{self.name}" with a '
                             f"weight list of length {len(weights)}, but the layer was expecting "
                             f"{len(params)} weights. Provided weights: {str(weights)[:50]}...")
        pairs = []
        for param, weight in zip(params, weights):
            weight_shape = tuple(np.shape(weight))
            ref_shape = tuple(param.shape)   # None: any size (a Discretization's summary)
            if len(ref_shape) != len(weight_shape) or any(
                    r is not None and r != w for r, w in zip(ref_shape, weight_shape)):
                raise ValueError(f"Layer {self.name} weight shape {ref_shape} is not "
                                 f"compatible with provided weight shape {weight_shape}.")
            pairs.append((param, weight))
        for param, weight in pairs:
            param.assign(np.asarray(getattr(weight, "value", weight)))
        for layer in self._flatten_layers():   # the state made from the weights (Keras's)
            layer.finalize_state()

    def finalize_state(self):
        """Keras's hook for state computed from weights once they are set (a no-op here)."""

    def count_params(self):
        if not self.built:
            if getattr(self, "_is_graph_network", False):
                self.built = True
            else:
                raise ValueError(f"You tried to call `count_params` on layer {self.name}, but "
                                 "the layer isn't built. You can build it manually via: "
                                 f"`{self.name}.build(batch_input_shape)`.")
        return layer_utils.count_params(self.weights)

    # -- building ----------------------------------------------------------------
    @default
    def build(self, input_shape):
        self._build_input_shape = input_shape
        self.built = True

    def _maybe_build(self, inputs):
        if self.built:
            return
        input_shapes = shapes_of(inputs)
        with values_kept(False):   # built inside a call on placeholders: its values stand
            if not hasattr(self.build, "_is_default"):
                # in this layer's name scope, which __call__ entered; Keras's own layers take
                # plain tuples (their build is wrapped in ``shape_type_conversion``), a user's
                # layer the TensorShape (``as_list()``, printed ``TensorShape([...])``)
                own = type(self).build.__module__.startswith("tracekeras.")
                self.build(plain_tuples(input_shapes) if own else input_shapes)
            Layer.build(self, input_shapes)
            if tracing.active():
                BUILT_IN[self] = current_stage()
            if self._initial_weights is not None:
                weights, self._initial_weights = self._initial_weights, None
                self.set_weights(weights)

    def compute_output_shape(self, input_shape):
        """Keras runs ``call`` on placeholders to learn the output shape; so do we."""
        def to_tensors(shape):   # a shape, or a list, tuple or dict of shapes
            if is_shape(shape):
                return KerasTensor(shape, self._compute_dtype)
            if isinstance(shape, dict):
                return {key: to_tensors(value) for key, value in shape.items()}
            return type(shape)(to_tensors(s) for s in shape)
        outputs = self._infer_output_signature(to_tensors(input_shape), (), {})
        return map_structure(lambda t: t.shape, outputs)

    # -- calling -----------------------------------------------------------------
    def call(self, inputs, *args, **kwargs):
        return inputs

    @default
    def compute_mask(self, inputs, mask=None):
        """The mask of the outputs: the input mask carried over by a layer that supports
        masking; None otherwise (an error if a mask was given to a layer that does not)."""
        if not self.supports_masking:
            if any(m is not None for m in flatten(mask)):
                raise TypeError(f"Layer {self.name} does not support masking, but was passed "
                                f"an input_mask: {mask}")
            return None
        return mask

    @tracing.traced("layer", args=layer_args)
    def __call__(self, *args, **kwargs):
        if args:
            inputs, args = args[0], args[1:]
        elif first_argument_name(type(self).call) in kwargs:
            kwargs = dict(kwargs)
            inputs = kwargs.pop(first_argument_name(type(self).call))
        else:
            raise ValueError("The first argument to `Layer.call` must always be passed.")
        kwargs, passed_training = pop_unexpected_training(self, kwargs)
        if is_symbolic(inputs) or ((args or kwargs) and is_symbolic((args, kwargs))):
            return self._functional_construction_call(inputs, args, kwargs)   # any KerasTensor
        inputs = convert_inputs(inputs, self._compute_dtype if self._autocast else None)
        self.check_input_spec(inputs)
        args, kwargs, training = set_training_mode(self, args, kwargs)
        if passed_training:
            training = passed_training[0]    # the mode of the layers this call calls
        CALL_CONTEXT.name_scope.append(self.name)  # weights made inside: "<this layer>/..."
        try:
            if not self.built:
                self._maybe_build(inputs)
            masks, kwargs = implicit_masks(self, inputs, args, kwargs)
            outer, depth = CALL_CONTEXT.training, CALL_CONTEXT.depth
            if not depth:
                base_layer_utils.clear_losses(self)
            CALL_CONTEXT.training = training
            CALL_CONTEXT.depth = depth + 1
            try:
                try:
                    with autocast_scope(self):
                        outputs = self.call(inputs, *args, **kwargs)
                except Exception as exc:
                    raise with_call_info(exc, self, (inputs,) + tuple(args), kwargs,
                                         symbolic=False) from None
                if self.activity_regularizer is not None:
                    self._handle_activity_regularization(inputs, outputs)
                if static_shapes.NOTED and in_a_graph():
                    self.hand_on_static_shapes(inputs, outputs)
            finally:
                CALL_CONTEXT.training = outer
                CALL_CONTEXT.depth = depth
        finally:
            CALL_CONTEXT.name_scope.pop()
        set_mask_metadata(self, inputs, outputs, masks)
        return outputs

    def _handle_activity_regularization(self, inputs, outputs):
        """Each output's ``activity_regularizer(output) / batch_size`` becomes a loss of this
        call (0 for an empty batch), added as ``call``'s own ``add_loss`` would add it."""
        for output in flatten(outputs):
            activity_loss = backend.convert(self.activity_regularizer(output))
            batch_size = np.asarray(backend.convert(output).shape[0], activity_loss.dtype)
            self.add_loss(math_ops.divide_no_nan(activity_loss, batch_size))

    def check_input_spec(self, inputs):
        """``input_spec.assert_input_compatibility`` for an eager call.

        A spec judges only an input's shape and dtype, so once this layer's spec has
        accepted a Tensor of some shape and dtype, the same spec accepts it again: ``fit``
        calls every layer with the same batch shape on every step, and that check is
        skipped. A new spec (``build`` sets one) or another shape or dtype is checked.
        """
        spec = self.input_spec
        if not spec:
            return
        if isinstance(inputs, backend.Tensor) and static_shapes.has_static_shape(inputs):
            # in a graph the spec judges the static shape (a resized axis unknown)
            inputs = StaticView(static_shapes.static_shape(inputs), inputs.dtype)
        key = (tuple(inputs.shape), inputs.dtype) \
            if isinstance(inputs, (backend.Tensor, StaticView)) else None
        accepted = self.__dict__.get("accepted_input")
        if key is not None and accepted is not None and accepted[0] is spec and accepted[1] == key:
            return
        input_spec_mod.assert_input_compatibility(spec, inputs, self.name)
        self.__dict__["accepted_input"] = (spec, key)

    def hand_on_static_shapes(self, inputs, outputs):
        """In a graph, an output computed from an input whose static shape is less known
        than its value gets the static shape of this layer's shape rule (a Rescaling after
        RandomWidth keeps the width unknown). A layer without its own rule, or whose rule
        refuses, leaves the outputs their values' shapes (a stricter spec check later). A
        model's outputs are its inner layers': they have handed on what they could."""
        if type(self).compute_output_shape is Layer.compute_output_shape \
                or getattr(self, "_is_graph_network", False):
            return
        if not isinstance(inputs, backend.Tensor) or not static_shapes.has_static_shape(inputs):
            return
        if not isinstance(outputs, backend.Tensor) or static_shapes.has_static_shape(outputs):
            return
        try:
            shape = self.compute_output_shape(static_shapes.static_shape(inputs))
        except Exception:   # the shape is a refinement: without it the value's shape stands
            return
        if is_shape(shape) and len(shape) == len(outputs.shape):
            static_shapes.set_static_shape(outputs, tuple(
                None if d is None else int(d) for d in shape))

    @tracing.traced("build", args=layer_args)
    def _functional_construction_call(self, inputs, args, kwargs):
        # Keras checks the spec of a layer called on KerasTensors only while building it:
        # a built functional model called on an input of another size (EfficientNetB0
        # made for 224x224 called on a 32x32 KerasTensor) is not refused, its layers take
        # the new shape (an eager call of it is refused; check_input_spec)
        if not (self.built and getattr(self, "_is_graph_network", False)):
            input_spec_mod.assert_input_compatibility(self.input_spec, inputs, self.name)
        with autocast_scope(self):
            outputs = self._keras_tensor_symbolic_call(inputs, args, kwargs)
        node_module.Node(self, call_args=(inputs,) + tuple(args), call_kwargs=kwargs,
                         outputs=outputs)
        return outputs

    @tracing.traced("build", args=layer_args)
    def _keras_tensor_symbolic_call(self, inputs, args, kwargs):
        return self._infer_output_signature(inputs, args, kwargs)

    @tracing.traced("build",
                    args=layer_args,
                    result=lambda out: {"output_shape": shape_list(
                        map_structure(lambda t: t.shape, out))})
    def _infer_output_signature(self, inputs, args, kwargs):
        """Build the layer, run ``call`` on placeholders, describe the outputs symbolically.

        Longer than 50 lines: Keras runs ``call`` once in a scratch graph and lets
        TensorFlow's shape inference answer what placeholders cannot (a size left unknown,
        a reshape that fixes the batch, a shape rule the layer declares); each of those
        answers is worked out here in place, in the order the graph would give them."""
        if any(isinstance(t, KerasTensor) and t.shape.rank is None
               for t in flatten((inputs, args, kwargs))):
            return keras_tensor.signature_of_unknown_rank(self, inputs, args, kwargs)
        spec = self.input_spec
        fill = spec.axes if isinstance(spec, input_spec_mod.InputSpec) else None

        def placeholder(x):
            if not isinstance(x, KerasTensor):
                return x
            value = backend.Tensor(x.placeholder(fill))
            if x._keras_mask is not None:   # nothing masked: no 0 / 0 in a masked average
                value.keras_mask = backend.Tensor(np.ones_like(x._keras_mask.placeholder()))
            return value

        cast_to = autocast_target(self)
        cast_ids = set()

        def input_placeholder(x):
            """An input's placeholder, its floats cast to the layer's dtype (Keras's autocast
            of ``inputs``: the call sees float32 for a float64 Input)."""
            value = placeholder(x)
            if cast_to is not None and isinstance(x, KerasTensor) and x.dtype.kind == "f" \
                    and x.dtype != cast_to:
                mask = getattr(value, "keras_mask", None)
                value = backend.Tensor(value.value.astype(cast_to))
                value.keras_mask = mask
                cast_ids.add(id(value))
            return value

        shown = autocast_view(self, inputs)   # what an error lists as the call's inputs
        symbolic_args, symbolic_kwargs = args, kwargs
        symbolic = [t for t in flatten((inputs, args, kwargs)) if isinstance(t, KerasTensor)]
        batch_unknown = any(t.shape and t.shape[0] is None for t in symbolic)
        inner_unknown = any(None in t.filled_shape(fill)[1:] for t in symbolic)
        strings = any(t.dtype == object for t in symbolic)
        declares = type(self).compute_output_shape is not Layer.compute_output_shape
        # the shape rule sees the first argument only: other tensors (MultiHeadAttention's
        # value) or options (return_attention_scores) send the call to the placeholders
        shape_rule_suffices = declares and not is_symbolic((args, kwargs)) and all(
            key in ("training", "mask") for key in kwargs)
        with init_scope(), name_scope(self.name):
            self._maybe_build(inputs)
            rule_shape = None
            if (inner_unknown or strings or self.output_shape_from_rule) \
                    and shape_rule_suffices:
                # A placeholder of 1s would not stand for an unknown feature dimension, nor
                # an empty string for a text of unknown length: trust the layer's own shape
                # rule (Keras's graph would keep it unknown).
                try:
                    rule_shape = self.compute_output_shape(map_structure(
                        lambda t: t.filled_shape(fill) if isinstance(t, KerasTensor)
                        else shape_of(t), inputs))
                except Exception as exc:   # the rule refuses what the call would refuse
                    raise with_call_info(exc, self, (shown,) + tuple(args), kwargs,
                                         symbolic=True) from None
            def call_on_placeholders():
                values_in, args, kwargs, masks = placeholder_arguments(
                    self, placeholder, inputs, symbolic_args, symbolic_kwargs,
                    input_placeholder=input_placeholder)
                with on_placeholders(), losses_dropped_on_error(self):
                    values = self.call(values_in, *args, **map_structure(placeholder, kwargs))
                    if self.activity_regularizer is not None:
                        self._handle_activity_regularization(values_in, values)
                return values_in, masks, values

            try:
                values_in, masks, values = call_on_placeholders()
            except Exception as exc:
                if rule_shape is not None and inner_unknown:
                    # a placeholder's 1 for an unknown size can clash with a known size
                    # (a Concatenate of (5, 4) and (None, 4)): the rule has answered
                    return symbolic_outputs(rule_shape, self._compute_dtype, self.name)
                solved = batch_a_reshape_asks_for(exc, fill) if batch_unknown else None
                error = with_call_info(exc, self, (shown,) + tuple(
                    map_structure(placeholder, symbolic_args)),
                    map_structure(placeholder, symbolic_kwargs), symbolic=True)
                if solved is None:
                    raise error from None
                # The reshape asks for another batch: a fixed shape (``[10000, 32]``) fixes
                # it, as TensorFlow's shape inference solves for it; ``[-1, 3]`` takes a
                # batch of 3 and leaves it unknown.
                fill = {**(fill or {}), 0: solved[0]}
                try:
                    values_in, masks, values = call_on_placeholders()
                except Exception:
                    raise error from None
                batch_unknown = not solved[1]
            set_mask_metadata(self, values_in, values, masks)
            if rule_shape is not None and isinstance(values, (backend.Tensor, SparseTensor)):
                # the shape is the rule's, the dtype and the kind (dense or sparse) what the
                # call on placeholders gave (a lookup's int64 or float32 counts, sparse or not)
                tensor = KerasTensor(tuple(rule_shape), values.dtype, layer_name=self.name,
                                     sparse=isinstance(values, SparseTensor))
                mask = getattr(values, "keras_mask", None)
                if mask is not None:   # a mask covers the output's leading (time) axes
                    tensor._keras_mask = KerasTensor(tuple(rule_shape)[:len(mask.shape)],
                                                     mask.dtype, layer_name=self.name)
                return tensor
            if rule_shape is not None and inner_unknown:
                return symbolic_outputs(rule_shape, self._compute_dtype, self.name)
            unknown = None
            if inner_unknown or strings or (batch_unknown and self.batch_axis_from_call):
                unknown = self._dims_following_unknowns(inputs, symbolic_args, symbolic_kwargs,
                                                        values, fill)
        batch_first = not (self.batch_axis_from_call and unknown is not None)
        # an input handed back as it is keeps its mask on a Tensor, but a graph's output is
        # a new tensor: Keras gives it a mask only from a layer that handles masks
        passed_through = set() if handles_masks(self) else {id(v) for v in flatten(values_in)}
        input_index = {id(v): i for i, v in enumerate(flatten(values_in))}

        def to_keras_tensor(value, unknown_dims=(), named=True):
            shape = tuple(None if axis in unknown_dims else d
                          for axis, d in enumerate(static_shapes.static_shape(value)))
            if batch_unknown and shape and batch_first:
                shape = (None,) + shape[1:]
            name = graph_names.output_name(self, input_index.get(id(value)),
                                           cast=id(value) in cast_ids) if named else None
            tensor = KerasTensor(shape, value.dtype, name=name, layer_name=self.name,
                                 sparse=isinstance(value, SparseTensor))
            if getattr(value, "keras_mask", None) is not None and id(value) not in passed_through:
                mask_dims = {axis for axis in unknown_dims if axis < len(value.keras_mask.shape)}
                tensor._keras_mask = to_keras_tensor(value.keras_mask, mask_dims, named=False)
            return tensor

        if unknown is None:
            return map_structure(to_keras_tensor, values)
        return map_structure(to_keras_tensor, values, unknown)

    def _dims_following_unknowns(self, inputs, args, kwargs, values, fill):
        """For each output, the axes whose size changes when the unknown input dimensions do.

        The placeholders stand for an unknown dimension by 1; ``call`` runs once more with 2
        there, and an output axis that changed is unknown too (Keras's graph keeps it None:
        ``x + 1`` on ``(None, None, 4)``). A string input's text is unknown too: the second
        run's strings hold two words (``b"0 0"``) where the first's are empty, and an axis
        that follows the text (a tokenizer's tokens) is unknown. A call that cannot take the
        second size (an unknown axis broadcast against a known one) keeps the first run's
        shapes."""
        def placeholder(x):
            if not isinstance(x, KerasTensor):
                return x
            value = backend.Tensor(x.placeholder(fill, unknown=2, text=b"0 0"))
            if x._keras_mask is not None:
                value.keras_mask = backend.Tensor(
                    np.ones(x._keras_mask.filled_shape(fill, 2), dtype=x._keras_mask.dtype))
            return value

        values_in, args, kwargs, _ = placeholder_arguments(self, placeholder, inputs, args,
                                                           kwargs)
        try:
            with on_placeholders(), tracing.unrecorded(), left_as_it_was(self):
                again = self.call(values_in, *args, **map_structure(placeholder, kwargs))
        except Exception:   # only the first run's error speaks for the call
            return None
        if len(flatten(again)) != len(flatten(values)):
            return None
        return pack_sequence_as(values, [
            {axis for axis, (a, b) in enumerate(zip(first.shape, second.shape)) if a != b}
            for first, second in zip(flatten(values), flatten(again))])

    # -- connectivity ------------------------------------------------------------
    def _node_attribute(self, attribute, what):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer {self.name} is not connected, no {what} to return.")
        values = {repr(getattr(node, attribute)) for node in self._inbound_nodes}
        if len(values) > 1:
            raise AttributeError(f'The layer "{self.name}" has multiple inbound nodes, with '
                                 f'different {what}s. Hence the notion of "{what}" is '
                                 f"ill-defined for the layer. Use `get_{what.replace(' ', '_')}"
                                 "_at(node_index)` instead.")
        return getattr(self._inbound_nodes[0], attribute)

    @property
    def input(self):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer {self.name} is not connected, no input to return.")
        node = self._inbound_nodes[0]
        return node.outputs if node.is_input else node.call_args[0]

    @property
    def output(self):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer {self.name} has no inbound nodes.")
        return self._inbound_nodes[0].outputs

    @property
    def input_shape(self):
        if not self._inbound_nodes:
            raise AttributeError(f'The layer "{self.name}" has never been called and thus has '
                                 "no defined input shape. Note that the `input_shape` property "
                                 "is only available for Functional and Sequential models.")
        return self._node_attribute("input_shapes", "input shape")

    @property
    def output_shape(self):
        if not self._inbound_nodes:
            raise AttributeError(f'The layer "{self.name}" has never been called and thus has '
                                 "no defined output shape.")
        return self._node_attribute("output_shapes", "output shape")

    # -- configs -------------------------------------------------------------------
    def get_config(self):
        config = {"name": self.name, "trainable": self.trainable,
                  "dtype": policy_module.serialize(self._dtype_policy)}
        if hasattr(self, "_batch_input_shape"):
            config["batch_input_shape"] = self._batch_input_shape
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def batch_a_reshape_asks_for(exc, fill):
    """Where a reshape refused the placeholders' stand-in batch (1 unless ``fill`` says):
    ``(batch, fixed)``, the smallest batch its sizes agree on and whether the reshape fixes
    it (a shape with no -1, ``[10000, 32]``; a -1 leaves it unknown), or None when none does.
    The reshape's tensor holds ``values`` for the stand-in batch; the shape asks for
    ``requested`` values (a shape with no -1) or a multiple of ``multiple`` (one -1)."""
    stand_in = (fill or {}).get(0, 1)
    if not isinstance(exc, ReshapeError) or not exc.values or exc.values % stand_in:
        return None
    per_example = exc.values // stand_in
    if exc.requested:
        batch, fixed = exc.requested // per_example, True
        if exc.requested % per_example:
            return None
    elif exc.multiple:
        batch, fixed = exc.multiple // math.gcd(per_example, exc.multiple), False
    else:
        return None
    return None if batch == stand_in else (batch, fixed)


@contextlib.contextmanager
def losses_dropped_on_error(layer):
    """A call that raises leaves none of the losses and metrics it added behind (the call
    on placeholders may run again)."""
    kept = [(sub, len(sub._eager_losses), len(sub._callable_losses), len(sub._metrics))
            for sub in layer._flatten_layers()]
    try:
        yield
    except Exception:
        for sub, eager, callables, metrics in kept:
            del sub._eager_losses[eager:], sub._callable_losses[callables:]
            del sub._metrics[metrics:]
        raise


def placeholder_arguments(layer, placeholder, inputs, args, kwargs, input_placeholder=None):
    """The inputs and the positional and keyword arguments with ``placeholder`` (the inputs
    with ``input_placeholder`` where given) for each KerasTensor, the keyword arguments with
    the implicit mask and training flag, and the input masks."""
    values_in = map_structure(input_placeholder or placeholder, inputs)
    args = map_structure(placeholder, tuple(args))
    # a KerasTensor given as ``mask=`` (a boolean Input) is a placeholder too
    masks, kwargs = implicit_masks(layer, values_in, args, map_structure(placeholder,
                                                                         dict(kwargs)))
    args, kwargs, _ = set_training_mode(layer, args, kwargs)
    return values_in, args, kwargs, masks


@contextlib.contextmanager
def on_placeholders():
    """While ``call`` runs on placeholders: ``executing_eagerly()`` is False, one call
    deeper, the random ops and the assignments to variables it runs leave the eager
    context's random state and every variable's value as they were (in Keras they are ops
    of a scratch graph, never run; a layer built meanwhile keeps what its build assigns),
    and NumPy's floating-point warnings are off (a graph computes no numbers)."""
    SYMBOLIC_CALLS[0] += 1
    depth = CALL_CONTEXT.depth
    CALL_CONTEXT.depth = depth + 1
    try:
        # the placeholders' numbers stand for no data: 0 / 0 there warns of nothing
        with backend.random.state_kept(eager_only=True), values_kept(), \
                np.errstate(all="ignore"):
            yield
    finally:
        SYMBOLIC_CALLS[0] -= 1
        CALL_CONTEXT.depth = depth


@contextlib.contextmanager
def left_as_it_was(layer):
    """A call of tracekeras's own (Keras calls once) leaves no trace of itself: the losses
    and metrics ``layer`` and its sub-layers add, every random generator's state, what the
    call prints, and what each of their attributes is bound to (``self.calls += 1``) are as
    they were before it, and so are the contents of the lists, dicts and sets they hold
    (``self.calls.append(...)``, nested ones too). (The variables' values are kept by
    ``on_placeholders``.)"""
    kept = [(sub, dict(sub.__dict__), list(sub._eager_losses), list(sub._callable_losses),
             list(sub._metrics)) for sub in layer._flatten_layers()]
    contents = container_contents([sub.__dict__ for sub, *_ in kept])
    loss_sources = base_layer_utils.LOSS_SOURCES[0]
    try:
        with backend.random.state_kept(), contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        base_layer_utils.LOSS_SOURCES[0] = loss_sources
        for container, items in contents:
            put_back(container, items)
        for sub, attributes, eager, callables, metrics in kept:
            sub.__dict__.clear()
            sub.__dict__.update(attributes)
            sub._eager_losses, sub._callable_losses, sub._metrics = eager, callables, metrics


def is_shape(value):
    """``(None, 3)``, ``[2, 3]`` or ``()``: a sequence of sizes (ints or None)."""
    return isinstance(value, (list, tuple)) and all(
        d is None or isinstance(d, (int, np.integer)) for d in value)


def container_contents(dicts):
    """``[(container, shallow copy)]`` for every list, dict and set the attribute dicts hold,
    directly or inside one another (a layer's own and Keras's bookkeeping alike; other
    objects, Layers and Tensors included, are not looked into)."""
    seen, out, pending = set(), [], [value for d in dicts for value in d.values()]
    while pending:
        value = pending.pop()
        if not isinstance(value, (list, dict, set)) or id(value) in seen:
            continue
        seen.add(id(value))
        items = dict(value) if isinstance(value, dict) else list(value)
        out.append((value, items))
        pending.extend(items.values() if isinstance(items, dict) else items)
    return out


def put_back(container, items):
    """Give ``container`` the contents it had (``container_contents``), in place."""
    if isinstance(container, list):
        if len(container) != len(items) or any(a is not b for a, b in zip(container, items)):
            container[:] = items
    else:   # a dict or a set
        container.clear()
        container.update(items)


def format_argument_value(value):
    if isinstance(value, (backend.Tensor, KerasTensor, np.ndarray)):
        shape = tuple(value.shape)
        dtype = np.dtype(value.dtype)   # strings are NumPy objects here, tf.string in Keras
        return f"tf.Tensor(shape={shape}, dtype={'string' if dtype.kind in 'OSU' else dtype.name})"
    return repr(value)


def with_call_info(exc, layer, args, kwargs, symbolic):
    """Keras's ``inject_argument_info_in_traceback``: the error of a layer's ``call``, once,
    with the layer named and the arguments of the call listed. The same type is raised."""
    if getattr(exc, "_keras_call_info_injected", False) or type(exc).__name__ in (
            "OperationNotImplementedByTracekeras", "AttributeNotImplementedByTracekeras"):
        return exc   # tracekeras's own "does not implement" stays one line
    quote = '"' if symbolic else "'"
    object_name = f"layer {quote}{layer.name}{quote} (type {type(layer).__name__})"
    signature = inspect.signature(layer.call)
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError:
        return exc
    lines = []
    for param in signature.parameters.values():
        if param.name in bound.arguments:
            value = map_structure(format_argument_value, bound.arguments[param.name])
        else:
            value = param.default
        lines.append(f"  \u2022 {param.name}={value}")
    message = f"Exception encountered when calling {object_name}.\n\n{exc}"
    if lines:
        message += f"\n\nCall arguments received by {object_name}:\n" + "\n".join(lines)
    try:
        new = type(exc)(message)
    except TypeError:
        new = RuntimeError(message)
    new.__dict__.update(vars(exc))   # what the error carries (a reshape's sizes) goes along
    new._keras_call_info_injected = True
    new.__cause__, new.__suppress_context__ = None, True
    return new.with_traceback(exc.__traceback__)


def symbolic_outputs(shape, dtype, layer_name):
    """KerasTensors for a declared output shape, or for each shape of a (nested) list or
    tuple of shapes, the structure kept."""
    if isinstance(shape, (list, tuple)) and any(isinstance(s, (list, tuple)) for s in shape):
        return type(shape)(symbolic_outputs(s, dtype, layer_name) for s in shape)
    return KerasTensor(shape, dtype, layer_name=layer_name)


def regularize(regularizer, variable):
    """A weight's regularization loss (what ``add_weight`` hands ``add_loss`` as a callable)."""
    return regularizer(variable)


def dedup(weights):
    seen, out = set(), []
    for w in weights:
        if id(w) not in seen:
            seen.add(id(w))
            out.append(w)
    return out


def initializer_name(initializer):
    if initializer is None or isinstance(initializer, str):
        return initializer
    return type(initializer).__name__ if not callable(initializer) or hasattr(
        initializer, "get_config") else getattr(initializer, "__name__", repr(initializer))


FLOAT_DTYPES = ("float16", "bfloat16", "float32", "float64")


def convert_one(x, dtype):
    if isinstance(x, backend.Tensor):
        if dtype is not None and x.value.dtype != dtype and x.value.dtype.kind == "f":
            return backend.ops.cast(x, dtype)
        return x
    if isinstance(x, np.ndarray) or isinstance(x, (float, int, np.generic)):
        value = np.asarray(x)
        if dtype is not None and value.dtype.kind == "f" and value.dtype != dtype:
            value = value.astype(dtype)
        return backend.Tensor(value)
    return x


def autocast_target(layer):
    """The dtype a layer's floating inputs are cast to (its own floating dtype, with
    ``autocast`` on), or None."""
    if layer._autocast and layer._compute_dtype in FLOAT_DTYPES:
        return np.dtype(layer._compute_dtype)
    return None


def autocast_view(layer, inputs):
    """The symbolic inputs as the call meets them after autocast (what an error lists)."""
    target = autocast_target(layer)

    def view(x):
        if target is None or not isinstance(x, KerasTensor) or x.dtype.kind != "f" \
                or x.dtype == target:
            return x
        return KerasTensor(x.shape, target, layer_name=x.layer_name)
    return map_structure(view, inputs)


def autocast_scope(layer):
    """While ``layer.call`` runs, its AutoCastVariables (and those of the layers it calls
    that set none) read in its compute dtype; nothing to do when no call is mixed."""
    if AUTOCAST.dtype is None and not policy_module.is_mixed(
            layer._dtype_policy):
        return contextlib.nullcontext()
    return autocast_variable.enable_auto_cast_variables(layer._compute_dtype)


def convert_inputs(inputs, dtype):
    """NumPy arrays and numbers become Tensors; floats are cast to the layer's dtype (autocast)
    when that dtype is floating (an int64 preprocessing layer takes its floats as they are)."""
    if dtype is not None and dtype not in FLOAT_DTYPES:
        dtype = None
    if isinstance(inputs, (list, tuple, dict)):
        return map_structure(lambda x: convert_one(x, dtype), inputs)
    return convert_one(inputs, dtype)


def handles_masks(layer):
    """Keras's ``_supports_masking``: set by the layer, or implied by its own ``compute_mask``."""
    return layer.supports_masking or not hasattr(layer.compute_mask, "_is_default")


def implicit_masks(layer, inputs, args, kwargs):
    """Keras's ``_get_input_masks``: the inputs' ``keras_mask`` (None when no input has one),
    also passed to ``call`` as ``mask=`` when ``call`` takes it and none was given."""
    if type(inputs) is backend.Tensor and inputs.keras_mask is None and not args \
            and "mask" not in kwargs:
        return None, kwargs   # the usual call: one Tensor, no mask anywhere
    names, _, _, expects_mask = call_spec(type(layer).call)
    if not expects_mask and not handles_masks(layer):
        return None, kwargs
    if "mask" in kwargs:
        return kwargs["mask"], kwargs   # given explicitly: the layer's input masks
    if "mask" in names and len(args) > names.index("mask"):
        return args[names.index("mask")], kwargs
    if isinstance(inputs, (list, tuple, dict)):
        masks = map_structure(lambda t: getattr(t, "keras_mask", None), inputs)
        if all(m is None for m in flatten(masks)):
            return None, kwargs
    else:
        masks = getattr(inputs, "keras_mask", None)
        if masks is None:
            return None, kwargs
    if expects_mask:
        kwargs = dict(kwargs, mask=masks)
    return masks, kwargs


def set_mask_metadata(layer, inputs, outputs, masks):
    """Keras's ``_set_mask_metadata``: put ``compute_mask``'s result on each output as its
    ``keras_mask`` (a layer that does not handle masks, or already set them, is left alone)."""
    if masks is None and type(layer).compute_mask is Layer.compute_mask:
        return   # no mask came in, and the default rule makes none
    if not handles_masks(layer) or hasattr(layer, "_run_internal_graph"):
        return   # a model's outputs got their masks from its own layers (Keras: jointly)
    flat_outputs = flatten(outputs)
    if all(getattr(x, "keras_mask", None) is not None for x in flat_outputs):
        return
    output_masks = layer.compute_mask(inputs, masks)
    if output_masks is None:
        return
    for tensor, mask in zip(flat_outputs, flatten(output_masks)):
        if isinstance(tensor, backend.Tensor):
            tensor.keras_mask = mask if mask is None or isinstance(mask, backend.Tensor) \
                else backend.Tensor(np.asarray(mask))


def pop_unexpected_training(layer, kwargs):
    """``training`` passed to a layer whose ``call`` does not take it (a Model subclass's
    ``call(self, inputs)`` under ``fit``): Keras pops it and makes it the mode of the layers
    that call calls. The keyword arguments without it, and ``(value,)`` or ``()``."""
    if "training" not in kwargs or call_spec(type(layer).call)[1]:
        return kwargs, ()
    return {k: v for k, v in kwargs.items() if k != "training"}, (kwargs["training"],)


def set_training_mode(layer, args, kwargs):
    """Keras's ``_set_training_mode``: explicit argument, else the enclosing call's, else the
    learning phase a script set (``K.set_learning_phase``, ``K.learning_phase_scope``), else
    the default in ``call``'s signature; passed to ``call`` only if it takes ``training``."""
    names, expects, default_value, _ = call_spec(type(layer).call)
    position = names.index("training") if "training" in names else None
    training = kwargs.get("training")
    if training is None and position is not None and len(args) > position:
        training = args[position]
        if training is not None:
            return args, kwargs, training
    if training is None:
        training = CALL_CONTEXT.training
        if training is None and backend.config.LEARNING_PHASE is not None:
            training = bool(backend.config.LEARNING_PHASE)   # K.set_learning_phase's
        if training is None:
            training = default_value
        named = position is not None   # Keras passes it (None too) to a call that names it
        if expects and (training is not None or named) and (position is None
                                                             or len(args) <= position):
            kwargs = dict(kwargs, training=training)
    return args, kwargs, training
