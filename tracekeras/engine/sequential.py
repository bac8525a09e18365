"""Sequential: a stack of single-input, single-output layers (``keras.engine.sequential``).

What it owns: ``Sequential(layers=None, name=None)``: ``add`` (and ``pop``),
``build(input_shape)`` and ``_build_graph_network_for_inferred_shape``, which
makes the ``Input`` (named ``<first layer>_input``), calls each layer on it
(building each) and hands the result to ``Functional._init_graph_network``.
When that happens, as in Keras:

* at ``add`` time, if the first layer is an ``InputLayer``/``Input`` tensor or
  was given ``input_shape=`` (the model has an explicit input shape);
* at ``build(input_shape)`` (``input_shape`` required);
* lazily, at the first call on data (``Sequential.call``): inside ``fit`` this is
  in the first ``train_step``. Here the inferred input shape keeps the batch
  dimension unknown (``None``), as it is in Keras's traced ``train_function``; a
  later call with another feature shape relaxes the shape and rebuilds the graph.
  A scalar's empty shape makes ``Input(batch_shape=())``, an input of unknown rank
  (the 'Load text' tutorial's preprocessing model called on one string); later calls
  of another rank keep that graph.

When a layer cannot be called on the symbolic input (its build or call raises), Keras
gives up on the graph: ``_use_legacy_deferred_behavior`` is set and ``call`` runs the
layers one by one on the data, where a real mistake raises its error (a "tracekeras does
not implement" error is raised at once: Keras might have made the graph).

``layers`` leaves out the automatically created InputLayer; ``built`` and
``_graph_initialized`` say what happened.

What it receives: layers; then an input shape or data.

What it hands on: a Functional graph (``inputs``, ``outputs``, ``_nodes_by_depth``)
which ``Functional.call`` -> ``_run_internal_graph`` runs.

Trace events: spans ``keras.engine.sequential.Sequential.__init__``, ``.add``,
``.build``, ``._build_graph_network_for_inferred_shape`` (stage build) and
``.call`` (stage layer).
"""
import weakref

import numpy as np

from tracekeras import backend, tracing
from tracekeras import layers as layers_module
from tracekeras.backend import graph_capture
from tracekeras.compat import v1
from tracekeras.engine import base_layer, functional, training
from tracekeras.engine.input_layer import Input, InputLayer
from tracekeras.utils.nest import flatten
from tracekeras.utils.serialization import deserialize_keras_object
from tracekeras.utils.serialization import serialize_keras_object as legacy_serialize_keras_object

NAMES_CHECKED = weakref.WeakSet()   # models whose constructor checked all layer names at once
SINGLE_LAYER_OUTPUT_ERROR_MSG = ("All layers in a Sequential model should have a single output "
                                 "tensor. For multi-output layers, use the functional API.")


def model_args(self, *a, **k):
    return {"layer": self.name, "cls": type(self).__name__}


class Sequential(functional.Functional):
    """``Sequential(layers=None, name=None)``."""

    @tracing.traced("build",
                    args=lambda self, layers=None, name=None, **k: {
                        "layers": len(layers) if isinstance(layers, (list, tuple)) else
                        int(layers is not None)})
    def __init__(self, layers=None, name=None):
        if layers is not None and not isinstance(layers, (list, tuple)):
            layers = [layers]
        seen = {}
        for layer in layers or ():
            history = getattr(layer, "_keras_history", None)
            layer = history.layer if history is not None else layer
            check_addable(layer)
            if seen.setdefault(layer.name, layer) is not layer:
                raise duplicate_name_error(layer)
        training.Model.__init__(self, name=name)
        self._autocast = False
        self.supports_masking = True
        self._is_graph_network = False
        self._inferred_input_shape = None
        self._has_explicit_input_shape = False
        self._input_dtype = None
        self._layer_call_argspecs = {}
        self._created_nodes = set()
        self._graph_initialized = False
        self._use_legacy_deferred_behavior = False
        self._self_tracked_trackables = []
        self.inputs = self.outputs = None
        self._nested_inputs = self._nested_outputs = None
        NAMES_CHECKED.add(self)   # checked above, all at once (not once per add)
        try:
            for layer in layers or ():
                self.add(layer)
        finally:
            NAMES_CHECKED.discard(self)

    @property
    def layers(self):
        layers = list(self._flatten_layers(include_self=False, recursive=False))
        if layers and isinstance(layers[0], InputLayer):
            return layers[1:]
        return layers

    def has_layers(self):
        """``bool(self.layers)`` without building the list (asked on every step's call)."""
        tracked = self._self_tracked_trackables
        return len(tracked) > (1 if tracked and isinstance(tracked[0], InputLayer) else 0)

    @tracing.traced("build",
                    args=lambda self, layer: {"layer": self.name,
                                              "added": getattr(layer, "name", repr(layer))})
    def add(self, layer):
        """Append a layer; with a known input shape, connect it to the graph right away."""
        if getattr(layer, "_keras_history", None) is not None:
            origin = layer._keras_history.layer
            if isinstance(origin, InputLayer):
                layer = origin
        check_addable(layer)
        if self not in NAMES_CHECKED:
            for ref in self.layers:
                if ref.name == layer.name and ref is not layer:
                    raise duplicate_name_error(layer)
        self.built = False
        set_inputs = False
        if not self._self_tracked_trackables:
            if isinstance(layer, InputLayer):
                set_inputs = True
            else:
                batch_shape, dtype = get_input_shape_and_dtype(layer)
                if batch_shape:
                    layer(Input(batch_shape=batch_shape, dtype=dtype, name=layer.name + "_input"))
                    set_inputs = True
            if set_inputs:
                outputs = flatten(layer._inbound_nodes[-1].outputs)
                if len(outputs) != 1:
                    raise ValueError(SINGLE_LAYER_OUTPUT_ERROR_MSG)
                self.outputs = outputs
                self.inputs = get_source_inputs(outputs[0])
                self.built = True
                self._has_explicit_input_shape = True
        elif self.outputs:
            output_tensor = layer(self.outputs[0])
            if len(flatten(output_tensor)) != 1:
                raise ValueError(SINGLE_LAYER_OUTPUT_ERROR_MSG)
            self.outputs = [output_tensor]
            self.built = True
        if set_inputs or self._graph_initialized:
            self._init_graph_network(self.inputs, self.outputs)
            self._graph_initialized = True
        else:
            self._self_tracked_trackables.append(layer)
        self._layer_call_argspecs[layer] = base_layer.call_spec(type(layer).call)

    def pop(self):
        """Remove the last layer (Keras's ``Sequential.pop``)."""
        if not self.layers:
            raise TypeError("There are no layers in the model.")
        layer = self._self_tracked_trackables.pop()
        self._layer_call_argspecs.pop(layer, None)
        if not self.layers:
            self.outputs = self.inputs = None
            self.built = False
            self._inferred_input_shape = None
            self._has_explicit_input_shape = False
            self._graph_initialized = False
            self._is_graph_network = False
            self._self_tracked_trackables = []
        elif self._graph_initialized:
            self.layers[-1]._outbound_nodes = []
            self.outputs = [self.layers[-1].output]
            self._init_graph_network(self.inputs, self.outputs)
            self.built = True

    @base_layer.default
    @tracing.traced("build",
                    args=lambda self, input_shape=None: {
                        "layer": self.name, "input_shape": base_layer.shape_list(
                            tuple(input_shape)) if input_shape is not None else None})
    def build(self, input_shape=None):
        if self._graph_initialized:
            self._init_graph_network(self.inputs, self.outputs)
        else:
            if input_shape is None:
                raise ValueError("You must provide an `input_shape` argument.")
            self._build_graph_network_for_inferred_shape(input_shape)
            if not self.built:
                self._build_input_shape = tuple(input_shape)
        self.built = True

    @tracing.traced("build", args=lambda self, input_shape, input_dtype=None: {
                        "layer": self.name, "input_shape": base_layer.shape_list(
                            tuple(input_shape)) if input_shape is not None else None})
    def _build_graph_network_for_inferred_shape(self, input_shape, input_dtype=None):
        """Make ``Input(batch_shape=input_shape)``, call every layer on it, map the graph.

        Does nothing when the model has an explicit input or already has a graph for
        this shape (the trace notes which).
        """
        if input_shape is None or not self.has_layers():
            return
        if self._has_explicit_input_shape or self._use_legacy_deferred_behavior:
            tracing.note(decision="explicit input shape: graph already made")
            return
        input_shape = tuple(input_shape)
        if self._inferred_input_shape is None:
            new_shape = input_shape
        else:
            new_shape = relax_input_shape(self._inferred_input_shape, input_shape)
        if new_shape is None or new_shape == self._inferred_input_shape:
            tracing.note(decision="graph already made for this input shape")
            return
        with base_layer.init_scope():
            inputs = Input(batch_shape=new_shape, dtype=input_dtype,
                           name=self.layers[0].name + "_input")
            layer_input, created_nodes = inputs, set()
            for layer in self.layers:
                clear_previously_created_nodes(layer, self._created_nodes)
                try:
                    layer_output = layer(layer_input)
                except Exception as exc:
                    for made in self.layers:   # leave no half-made graph behind
                        clear_previously_created_nodes(made, created_nodes)
                    if is_tracekeras_limit(exc):
                        raise   # tracekeras's limit, not the layer's: say so
                    # Keras's fallback: the layer cannot take a symbolic input (buggy, or
                    # dynamic, or it refuses this input); the layers run one by one on the
                    # data instead, where a real mistake shows on the data
                    tracing.note(decision="no graph: the layers run on the data",
                                 layer=layer.name, error=f"{type(exc).__name__}: {exc}")
                    self._use_legacy_deferred_behavior = True
                    return
                if len(flatten(layer_output)) != 1:
                    raise ValueError(SINGLE_LAYER_OUTPUT_ERROR_MSG)
                track_nodes_created_by_last_call(layer, created_nodes)
                layer_input = layer_output
            self._created_nodes = created_nodes
            self._init_graph_network(inputs, layer_input)
            self._graph_initialized = True
        self._inferred_input_shape = new_shape

    @tracing.traced("layer", args=model_args)
    def call(self, inputs, training=None, mask=None):
        if not self._has_explicit_input_shape:
            if not isinstance(inputs, (backend.Tensor, np.ndarray)):
                self._use_legacy_deferred_behavior = True
                self._build_input_shape = base_layer.shapes_of(inputs)
            else:
                dtype = inputs.dtype if np.dtype(inputs.dtype) != np.float64 else backend.floatx()
                self._build_graph_network_for_inferred_shape(
                    inferred_shape(inputs), np.dtype(dtype).name)
        if self._graph_initialized:
            if not self.built:
                self._init_graph_network(self.inputs, self.outputs)
            return functional.Functional.call(self, inputs, training=training, mask=mask)
        outputs = inputs
        for layer in self.layers:
            outputs = layer(outputs)
        return outputs

    @property
    def input_spec(self):
        manual = self.__dict__.get("_manual_input_spec")
        if manual is not None:
            return manual
        if self._has_explicit_input_shape:
            return functional.Functional.input_spec.fget(self)
        return None

    @input_spec.setter
    def input_spec(self, value):
        self.__dict__["_manual_input_spec"] = value

    def compute_output_shape(self, input_shape):
        """Each layer's shape rule in turn (a deferred Sequential has no graph yet)."""
        shape = input_shape
        for layer in self.layers:
            shape = layer.compute_output_shape(shape)
        return shape

    def _assert_weights_created(self):
        if not self.built:
            raise ValueError(f"Weights for model '{self.name}' have not yet been created. "
                             "Weights are created when the model is first called on inputs or "
                             "`build()` is called with an `input_shape`.")

    @property
    def weights(self):
        self._assert_weights_created()
        return functional.Functional.weights.fget(self)

    @property
    def trainable_weights(self):
        self._assert_weights_created()
        return base_layer.Layer.trainable_weights.fget(self)

    @property
    def non_trainable_weights(self):
        self._assert_weights_created()
        return base_layer.Layer.non_trainable_weights.fget(self)

    def get_config(self):
        """``{"name", "layers"}``, each layer (its ``InputLayer`` too) in the new form, with
        its ``build_config``; under ``use_legacy_config`` (the legacy ``.h5`` file) in the
        legacy form, with the model's ``build_input_shape``."""
        from tracekeras.saving import serialization_lib  # it imports the engine
        use_legacy_config = getattr(self, "use_legacy_config", False)
        serialize_obj_fn = (legacy_serialize_keras_object if use_legacy_config
                            else serialization_lib.serialize_keras_object)
        layers = list(self._flatten_layers(include_self=False, recursive=False))
        config = {"name": self.name, "layers": [serialize_obj_fn(layer) for layer in layers]}
        if (use_legacy_config and not self._is_graph_network
                and self._build_input_shape is not None):
            config["build_input_shape"] = self._build_input_shape
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Reads both forms: a layer entry with its ``module`` by ``serialization_lib``
        (which builds it from its ``build_config``), a legacy one by the legacy function."""
        from tracekeras.saving import serialization_lib  # it imports the engine
        table = {name: getattr(layers_module, name) for name in layers_module.__all__}
        model = cls(name=config.get("name"))
        for layer_config in config["layers"]:
            if isinstance(layer_config, dict) and "module" in layer_config:
                layer = serialization_lib.deserialize_keras_object(layer_config, custom_objects)
            else:
                layer = deserialize_keras_object(layer_config, module_objects=table,
                                                 custom_objects=custom_objects,
                                                 printable_module_name="layer")
            model.add(layer)
        shape = config.get("build_input_shape")
        if not model.inputs and isinstance(shape, (tuple, list)):
            model.build(shape)
        return model


def duplicate_name_error(layer):
    return ValueError("All layers added to a Sequential model should have unique names. Name "
                      f'"{layer.name}" is already the name of a layer in this model. Update the '
                      "`name` argument to pass a unique name.")


def check_addable(layer):
    if not isinstance(layer, base_layer.Layer):
        raise TypeError("The added layer must be an instance of class Layer. Received: "
                        f"layer={layer} of type {type(layer)}.")


def get_input_shape_and_dtype(layer):
    """The first layer's declared input shape (``input_shape=``), looking into nested models."""
    while getattr(layer, "_is_graph_network", False) or isinstance(layer, Sequential):
        if not layer.layers:
            raise ValueError("An empty Model cannot be used as a Layer.")
        layer = layer.layers[0]
    shape = getattr(layer, "_batch_input_shape", None)
    return (shape, layer.dtype) if shape else (None, None)


def get_source_inputs(tensor):
    """The Input tensors a tensor was computed from (here: the first layer's input); a
    value no layer made is handed back as it is (Keras's ``layer_utils``)."""
    if not hasattr(tensor, "_keras_history"):
        return tensor
    layer, node_index, _ = tensor._keras_history
    node = layer._inbound_nodes[node_index]
    if node.is_input:
        return flatten(node.outputs)
    out = []
    for x in node.keras_inputs:
        for source in get_source_inputs(x):
            if all(source is not s for s in out):
                out.append(source)
    return out


def inferred_shape(inputs):
    """The shape a Sequential without an input shape builds its graph for, as Keras sees it.

    Called eagerly (``model(x)``, a step with ``run_eagerly=True``) Keras reads the
    tensor's own shape, batch size included: the summary then shows ``(3, 8)``. Called
    on a symbolic tensor (a functional model's input, a graph-mode loop's placeholder)
    the batch is unknown. Inside a ``tf.function`` Keras reads the batches' static
    shape, whose batch dimension tracekeras takes as unknown (see
    ``docs/differences.md``).
    """
    shape = tuple(inputs.shape)
    if not shape:
        return shape   # a scalar has no batch dimension to leave unknown
    eager = (graph_capture.current() is None and base_layer.executing_eagerly()
             and v1.executing_eagerly())
    return shape if eager else (None,) + shape[1:]


def is_tracekeras_limit(exc):
    """A "tracekeras does not implement" error: where Keras's graph might have been made,
    so no reason to give up on it."""
    return isinstance(exc, NotImplementedError) and "tracekeras" in str(exc)


def relax_input_shape(shape_1, shape_2):
    if shape_1 is None or shape_2 is None or len(shape_1) != len(shape_2):
        return None
    return tuple(d1 if d1 == d2 else None for d1, d2 in zip(shape_1, shape_2))


def clear_previously_created_nodes(layer, created_nodes):
    """Forget the nodes an earlier ``_build_graph_network_for_inferred_shape`` made."""
    if not created_nodes:
        return
    for node in layer._inbound_nodes:
        for prev_layer in flatten(node.inbound_layers):
            prev_layer._outbound_nodes = [n for n in prev_layer._outbound_nodes
                                          if n not in created_nodes]
    layer._inbound_nodes = [n for n in layer._inbound_nodes if n not in created_nodes]


def track_nodes_created_by_last_call(layer, created_nodes):
    if not layer._inbound_nodes:
        return
    created_nodes.add(layer._inbound_nodes[-1])
    for prev_layer in flatten(layer._inbound_nodes[-1].inbound_layers):
        if prev_layer._outbound_nodes:
            created_nodes.add(prev_layer._outbound_nodes[-1])
