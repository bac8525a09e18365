"""The facts a probe record carries, read from real tf_keras objects.

What it owns: one small function per kind of record (``args`` for the begin
record, ``result`` for the end record), each giving the same keys the
``@tracing.traced`` call site of tracekeras gives for the same Keras step, so
that a trace of real Keras and a trace of tracekeras say the same things in the
same words (a layer's ``layer``/``cls``, a weight's ``weight``/``shape``/
``initializer``, the adapters asked and chosen, the callbacks added, the
metric each string resolved to, an epoch's logs).

What it receives: the arguments tf_keras passed to the wrapped function
(``args(*a, **k)``) and, for ``result(ret, a, k, begun)``, its return value,
the same arguments and the begin record's args (keys starting with ``_`` are
facts taken before the call and kept off the record). What it hands on:
plain dicts; the recorder makes them JSON-safe.

It imports no TensorFlow: every fact is read by duck typing (``.shape``,
``.name``, ``._keras_history``), so the table that names these functions can be
imported, and tested, where tf_keras is not installed. A fact that cannot be
read leaves its key out rather than failing: the recorder turns an exception
here into ``args_error`` and the user's run goes on.
"""
import sys

DATA_ADAPTER = "tf_keras.src.engine.data_adapter"
DEFAULT_CALLBACKS = ("History", "ProgbarLogger")
GRAPH = "__graph__"         # a result key: a G snapshot to record inside the span
INSTANTS = "__instants__"   # a result key: (name, stage, args) instants to record inside it
# The first-visit index of each layer (by id) from the last ``_build_map``, for the G snapshot.
LAST_VISITS = {}


# -- values as the trace writes them -------------------------------------------

def shape_list(shape):
    """A shape (TensorShape, tuple, nested list of them) as a list with None for unknown."""
    if shape is None:
        return None
    dims = getattr(shape, "dims", "missing")
    if dims is None:                       # a TensorShape of unknown rank
        return None
    if isinstance(shape, (list, tuple)) and any(isinstance(s, (list, tuple)) or
                                                hasattr(s, "dims") for s in shape):
        return [shape_list(s) for s in shape]
    try:
        return [None if d is None else int(d) for d in tuple(shape)]
    except (TypeError, ValueError):
        return str(shape)


def structure_shapes(value):
    """The shapes of a (nested) structure of tensors, in the same nesting."""
    if isinstance(value, dict):
        return {str(k): structure_shapes(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [structure_shapes(v) for v in value]
    return shape_list(getattr(value, "shape", None))


def describe_data(x):
    """What ``fit`` was given: shape and dtype of arrays, type names otherwise."""
    if x is None:
        return None
    if isinstance(x, (list, tuple)):
        if len(x) > 8:
            return {"leaves": len(x)}
        return [describe_data(v) for v in x]
    if isinstance(x, dict):
        return {str(k): describe_data(v) for k, v in x.items()}
    shape = getattr(x, "shape", None)
    if shape is not None and getattr(x, "dtype", None) is not None:
        dtype = getattr(x.dtype, "name", x.dtype)
        return {"shape": shape_list(shape), "dtype": str(dtype)}
    return type(x).__name__


def initializer_name(initializer):
    if initializer is None or isinstance(initializer, str):
        return initializer
    if hasattr(initializer, "get_config") or not callable(initializer):
        return type(initializer).__name__
    return getattr(initializer, "__name__", repr(initializer))


def spec_name(obj):
    """A loss or metric spec in a few words (a name, or ``Class(function)``)."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, dict):
        return {str(k): spec_name(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [spec_name(v) for v in obj]
    fn = getattr(obj, "fn", None) or getattr(obj, "_fn", None)
    name = getattr(fn, "__name__", None) or getattr(obj, "name", None) or \
        getattr(obj, "__name__", None) or type(obj).__name__
    return f"{type(obj).__name__}({name})" if hasattr(obj, "get_config") else name


def qualified(obj):
    """``tf_keras.src.optimizers.rmsprop.RMSprop`` -> ``keras.optimizers.rmsprop.RMSprop``."""
    module = getattr(obj, "__module__", "") or ""
    for prefix in ("tf_keras.src.", "tf_keras."):
        if module.startswith(prefix):
            module = "keras." + module[len(prefix):]
            break
    return f"{module}.{getattr(obj, '__qualname__', type(obj).__name__)}"


def flatten(value):
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in flatten(v)]
    if isinstance(value, (list, tuple)):
        return [leaf for v in value for leaf in flatten(v)]
    return [value]


def scalar_logs(logs):
    """The scalar entries of a logs dict as floats (what History keeps)."""
    out = {}
    for key, value in (logs or {}).items():
        if getattr(value, "shape", ()) not in ((), []):
            continue
        try:
            out[key] = float(value)
        except (TypeError, ValueError):
            continue
    return out


def option(a, k, index, name, default=None):
    """An argument given by position ``index`` (after self) or by keyword ``name``."""
    if name in k:
        return k[name]
    return a[index] if len(a) > index else default


# -- args and results, by the tracekeras call site they mirror -------------------

def model_args(self, *a, **k):
    return {"model": self.name, "class": type(self).__name__}


def layer_args(self, *a, **k):
    return {"layer": self.name, "cls": type(self).__name__}


def optimizer_args(self, *a, **k):
    return {"optimizer": self.name, "class": type(self).__name__}


def compile_result(ret, a, k, begun):
    """After ``compile``: the two facts tracekeras records as instants."""
    model = a[0]
    config = getattr(model, "_compile_config", None)
    keys = sorted(getattr(config, "config", None) or {})
    return {INSTANTS: [("keras.engine.training.Model._compile_config", "compile",
                        {"config": keys}),
                       ("keras.engine.training.Model._is_compiled", "compile",
                        {"value": bool(getattr(model, "_is_compiled", False))})]}


def fit_args(self, x=None, y=None, *a, **k):
    args = dict(model_args(self), x=describe_data(x), y=describe_data(y))
    args.update({key: k[key] for key in ("epochs", "batch_size") if key in k})
    return args


def data_args(self, x=None, y=None, *a, **k):
    return dict(model_args(self), x=describe_data(x), y=describe_data(y))


def predict_args(self, x=None, *a, **k):
    return dict(model_args(self), x=describe_data(x))


def make_function_args(kind):
    def args(self, force=False):
        return {"cached": getattr(self, f"{kind}_function", None) is not None and not force}
    return args


def optimizer_get_args(identifier, **k):
    if isinstance(identifier, dict):
        identifier = identifier.get("class_name")
    elif not isinstance(identifier, str):
        identifier = type(identifier).__name__
    return {"identifier": identifier}


def resolved_type(ret, a, k, begun):
    return {"resolved": qualified(type(ret))}


def deserialize_args(config, *a, **k):
    shown = config.get("class_name") if isinstance(config, dict) else config
    return {"config": shown if isinstance(shown, str) else type(shown).__name__}


def deserialize_object_args(identifier, *a, **k):
    shown = identifier.get("class_name") if isinstance(identifier, dict) else identifier
    kind = option(a, k, 2, "printable_module_name", "object")
    return {"identifier": shown if isinstance(shown, (str, type(None))) else repr(shown)[:60],
            "kind": kind}


def class_name_args(config, *a, **k):
    shown = config.get("class_name") if isinstance(config, dict) else config
    return {"class_name": shown if isinstance(shown, (str, type(None))) else type(shown).__name__}


def deserialize_object_result(ret, a, k, begun):
    target = ret if isinstance(ret, type) or callable(ret) and not hasattr(
        ret, "get_config") else type(ret)
    return {"resolved": qualified(target)}


def can_jit_args(warn=False):
    return {"warn": warn}


def ret_result(ret, a, k, begun):
    return {"ret": ret}


def losses_init_args(self, losses, loss_weights=None, *a, **k):
    return {"losses": spec_name(losses), "loss_weights": loss_weights}


def metrics_init_args(self, metrics=None, weighted_metrics=None, *a, **k):
    return {"metrics": spec_name(metrics), "weighted_metrics": spec_name(weighted_metrics)}


def container_built(self, *a, **k):
    """Whether a LossesContainer/MetricsContainer was built before this call (kept off the
    record: the end record says what a first call resolved)."""
    return {"_built": bool(getattr(self, "_built", True))}


def losses_result(ret, a, k, begun):
    if begun.get("_built"):
        return {}
    losses = getattr(a[0], "_losses", None) or []
    return {"resolved": [spec_name(loss) for loss in flatten(losses)]}


def metrics_result(ret, a, k, begun):
    if begun.get("_built"):
        return {}
    container = a[0]
    resolved = {}
    for metric in flatten([getattr(container, "_metrics", None) or [],
                           getattr(container, "_weighted_metrics", None) or []]):
        if metric is None:
            continue
        fn = getattr(metric, "_fn", None)
        resolved[metric.name] = getattr(fn, "__name__", None) or type(metric).__name__
    return {"resolved": resolved}


def add_weight_args(self, name=None, shape=None, dtype=None, initializer=None, *a, **k):
    return {"layer": self.name, "cls": type(self).__name__, "weight": name,
            "shape": shape_list(tuple(shape or ())), "initializer": initializer_name(initializer)}


def variable_result(ret, a, k, begun):
    return {"variable": ret.name}


def output_shape_result(ret, a, k, begun):
    return {"output_shape": structure_shapes(ret)}


def build_args(self, input_shape=None, *a, **k):
    return {"layer": self.name, "input_shape": shape_list(input_shape)}


def sequential_init_args(self, layers=None, name=None, **k):
    return {"layers": len(layers) if isinstance(layers, (list, tuple)) else int(layers is not None)}


def sequential_add_args(self, layer):
    return {"layer": self.name, "added": getattr(layer, "name", repr(layer))}


def input_args(shape=None, batch_size=None, name=None, dtype=None, *a, **k):
    batch_shape = k.get("batch_shape") or k.get("batch_input_shape")
    return {"shape": shape_list(shape) if isinstance(shape, (list, tuple)) else shape,
            "name": name, "batch_shape": shape_list(batch_shape) if batch_shape else None}


def input_result(ret, a, k, begun):
    return {"layer": ret._keras_history.layer.name, "output_shape": shape_list(ret.shape)}


def functional_init_args(self, *a, **k):
    return {"skip_init": bool(k.get("skip_init"))}


def run_graph_args(self, *a, **k):
    return {"cls": type(self).__name__, "training": k.get("training")}


def map_graph_args(inputs, outputs):
    return {"inputs": len(flatten(inputs)), "outputs": len(flatten(outputs))}


def map_graph_result(ret, a, k, begun):
    return {"layers": len(ret[2]), "nodes": len(ret[0])}


def build_map_args(outputs):
    return {"outputs": [t._keras_history.layer.name for t in flatten(outputs)
                        if getattr(t, "_keras_history", None) is not None]}


def build_map_result(ret, a, k, begun):
    """Keep each layer's first-visit index for the G snapshot that follows."""
    LAST_VISITS.clear()
    LAST_VISITS.update({id(layer): index for layer, index in ret[1].items()})
    return {}


def build_map_helper_args(tensor, finished_nodes, *a, **k):
    """The layer visited; whether its node was walked already (kept for the end record).
    ``depth`` and ``visit`` are counted by the wrapper, which sees the recursion."""
    layer, node_index, _ = tensor._keras_history
    node = layer._inbound_nodes[node_index]
    return {"layer": layer.name, "_finished": node in finished_nodes}


def build_map_helper_result(ret, a, k, begun):
    return {"finished": True} if begun.get("_finished") else {}


def graph_result(ret, a, k, begun):
    """After ``_init_graph_network``: the G snapshot a layer-graph drawing needs."""
    return {GRAPH: graph_snapshot(a[0])}


def graph_snapshot(model):
    """The same shape as tracekeras's ``functional.graph_snapshot``, from a tf_keras model:
    layers (name, class, shapes, params, depth, first visit), edges, inputs and outputs."""
    nodes = getattr(model, "_network_nodes", set())
    depth_of = {}
    for depth, by_depth in (getattr(model, "_nodes_by_depth", None) or {}).items():
        for node in by_depth:
            depth_of.setdefault(id(node.layer), depth)
    layers = list(getattr(model, "_self_tracked_trackables", []))
    visits = dict(LAST_VISITS)
    entries, edges = [], []
    for layer in layers:
        own = [n for i, n in enumerate(layer._inbound_nodes)
               if f"{layer.name}_ib-{i}" in nodes]   # tf_keras's functional._make_node_key
        node = own[0] if own else None
        entries.append({
            "name": layer.name, "class": type(layer).__name__,
            "input_shape": layer_input_shape(node),
            "output_shape": shape_list(node.output_shapes) if node is not None else None,
            "dtype": getattr(layer, "dtype", None), "params": count_params(layer),
            "trainable": bool(getattr(layer, "trainable", True)),
            "activation": activation_name(layer), "depth": depth_of.get(id(layer)),
            "visit": visits.get(id(layer)), "built_in": None})
        for n in own:
            if not n.is_input:
                edges.extend([t._keras_history.layer.name, layer.name] for t in n.keras_inputs)
    return {"model": model.name, "class": type(model).__name__,
            "inputs": [layer.name for layer in getattr(model, "_input_layers", [])],
            "outputs": [layer.name for layer in getattr(model, "_output_layers", [])],
            "layers": entries, "edges": edges}


def layer_input_shape(node):
    if node is None:
        return None
    return shape_list(node.output_shapes if node.is_input else node.input_shapes)


def count_params(layer):
    try:
        return int(layer.count_params())
    except Exception:   # an unbuilt layer: Keras raises; the snapshot says 0
        return 0


def activation_name(layer):
    activation = getattr(layer, "activation", None)
    if activation is None or isinstance(activation, str):
        return activation
    return getattr(activation, "__name__", type(activation).__name__)


def select_adapter_args(x, y):
    return {"x": describe_data(x), "y": describe_data(y)}


def select_adapter_result(ret, a, k, begun):
    """The adapters asked (Keras's order), each one's answer, and the one chosen."""
    classes = getattr(sys.modules.get(DATA_ADAPTER), "ALL_ADAPTER_CLS", [])
    x, y = a[0], a[1] if len(a) > 1 else k.get("y")
    answers = {cls.__name__: bool(cls.can_handle(x, y)) for cls in classes}
    return {"asked": list(answers), "answers": answers,
            "accepted": [name for name, yes in answers.items() if yes], "chosen": ret.__name__}


def handler_args(self, x=None, y=None, sample_weight=None, batch_size=None,
                 steps_per_epoch=None, initial_epoch=0, epochs=1, shuffle=False, *a, **k):
    spe = k.get("steps_per_execution")
    if spe is not None and not isinstance(spe, int):
        try:
            spe = int(spe.numpy())
        except Exception:   # a symbolic value: the count is not known here
            spe = None
    return {"batch_size": batch_size, "steps_per_epoch": steps_per_epoch,
            "initial_epoch": initial_epoch, "epochs": epochs, "shuffle": shuffle,
            "class_weight": k.get("class_weight") is not None, "steps_per_execution": spe or 1}


def handler_result(ret, a, k, begun):
    handler = a[0]
    adapter = getattr(handler, "_adapter", None)
    return {"adapter": type(adapter).__name__,
            "inferred_steps": getattr(handler, "_inferred_steps", None)}


def configure_args(self, strategy, x, steps_per_epoch, class_weight, *a, **k):
    return {"steps_per_epoch": steps_per_epoch, "class_weight": class_weight is not None}


def inferred_steps_result(ret, a, k, begun):
    return {"inferred_steps": getattr(a[0], "_inferred_steps", None)}


def get_handler_args(*a, **k):
    return {"batch_size": k.get("batch_size"), "epochs": k.get("epochs", 1)}


def adapter_args(self, x=None, y=None, *a, **k):
    return {"adapter": type(self).__name__, "batch_size": k.get("batch_size"),
            "shuffle": k.get("shuffle"), "steps": k.get("steps")}


def adapter_result(ret, a, k, begun):
    """The batching the adapter settled on (the same keys tracekeras notes)."""
    adapter, out = a[0], {}
    for key, method in (("steps", "get_size"), ("batch_size", "batch_size"),
                        ("partial_batch_size", "partial_batch_size"),
                        ("should_recreate_iterator", "should_recreate_iterator")):
        try:
            out[key] = getattr(adapter, method)()
        except Exception:   # an adapter that cannot say (unknown size): leave the key out
            continue
    return out


def callback_list_args(self, callbacks=None, add_history=False, add_progbar=False, model=None,
                       **params):
    return {"callbacks": [type(cb).__name__ for cb in flatten(callbacks or [])],
            "add_history": add_history, "add_progbar": add_progbar}


def default_callbacks_args(self, add_history, add_progbar):
    present = [type(cb).__name__ for cb in self.callbacks
               if type(cb).__name__ in DEFAULT_CALLBACKS]
    return {"add_history": add_history, "add_progbar": add_progbar, "_given": present,
            "_count": len(self.callbacks)}


def default_callbacks_result(ret, a, k, begun):
    added = [type(cb).__name__ for cb in a[0].callbacks[begun.get("_count", 0):]]
    return {"added": added, "given": begun.get("_given", [])}


def params_args(self, params):
    return dict(params)


def set_model_args(self, model):
    return {"model": getattr(model, "name", None)}


def epoch_args(self, epoch, logs=None):
    return {"epoch": epoch}


def epoch_end_args(self, epoch, logs=None):
    return {"epoch": epoch, "logs": scalar_logs(logs)}


def batch_args(self, batch, logs=None):
    return {"batch": batch}


def progbar_args(self, count_mode="samples", stateful_metrics=None):
    return {"count_mode": count_mode}


def slot_args(self, model_variable, variable_name, *a, **k):
    return {"optimizer": self.name, "weight": variable_name, "variable": model_variable.name}


def iterations_result(ret, a, k, begun):
    """The optimizer's step count after the update, when it is a value (eager), not a graph."""
    try:
        return {"iterations": int(a[0].iterations.numpy())}
    except Exception:   # inside a tf.function the count is symbolic
        return {}


def strategy_args(self, *a, **k):
    return {"strategy": type(self).__name__,
            "num_replicas_in_sync": getattr(self, "num_replicas_in_sync", None)}


def gradient_args(self, target, sources, *a, **k):
    return {"sources": len(flatten(sources))}


def steps_per_execution_args(model):
    def args(iterator, *a, **k):
        spe = getattr(model, "_steps_per_execution", None)
        try:
            return {"steps_per_execution": int(spe.numpy()) if spe is not None else 1}
        except Exception:   # a symbolic value
            return {}
    return args
