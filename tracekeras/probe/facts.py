"""The facts a probe record carries, read from real tf_keras objects (compile, fit, data,
callbacks, optimizer; layers and the graph are in :mod:`build_facts`).

What it owns: one small function per kind of record (``args`` for the begin
record, ``result`` for the end record), each giving the same keys the
``@tracing.traced`` call site of tracekeras gives for the same Keras step, so
that a trace of real Keras and a trace of tracekeras say the same things in the
same words (a model's ``model``/``class``, the optimizer a string resolved to,
the adapters asked and chosen, the callbacks added, the metric each string
resolved to, an epoch's logs).

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

from .values import INSTANTS, describe_data, flatten, option, qualified, scalar_logs, spec_name

DATA_ADAPTER = "tf_keras.src.engine.data_adapter"
DEFAULT_CALLBACKS = ("History", "ProgbarLogger")


def model_args(self, *a, **k):
    return {"model": self.name, "class": type(self).__name__}


def optimizer_args(self, *a, **k):
    return {"optimizer": self.name, "class": type(self).__name__}


def is_loss_scale_optimizer(opt):
    return hasattr(opt, "inner_optimizer") and hasattr(opt, "get_scaled_loss")


def optimizer_choice(ret, a, k, begun):
    """After ``Model._get_optimizer``: the model's dtype policy and whether the optimizer was
    wrapped in a LossScaleOptimizer, in the words of tracekeras's note (none under float32)."""
    policy = a[0].dtype_policy.name
    given = option(a, k, 1, "optimizer", None)
    pairs = (zip(ret, given) if isinstance(ret, (list, tuple)) and isinstance(given, (list, tuple))
             else [(ret, given)])
    wrapped = [r.inner_optimizer.name for r, g in pairs
               if is_loss_scale_optimizer(r) and not is_loss_scale_optimizer(g)]
    if policy == "float32" and not wrapped:
        return {}
    if wrapped:
        decision = f"wrapped {', '.join(wrapped)}: the model's policy is mixed_float16"
    elif policy == "mixed_float16":
        decision = "not wrapped: the optimizer is a LossScaleOptimizer already"
    else:
        decision = f"not wrapped: only mixed_float16 needs loss scaling, the policy is {policy}"
    return {"dtype_policy": policy, "loss_scale_optimizer": decision}


def loss_scale_state(opt):
    """(scale, good steps or None) of a LossScaleOptimizer, when they are values."""
    counter = opt.dynamic_counter
    return (float(opt.loss_scale.numpy()),
            None if counter is None else int(counter.numpy()))


def loss_scale_optimizer_args(self, *a, **k):
    """A LossScaleOptimizer named by the optimizer it wraps (tf_keras's has no ``name``)."""
    return {"optimizer": self.inner_optimizer.name, "class": type(self).__name__}


def loss_scale_args(self, *a, **k):
    """Before a LossScaleOptimizer's ``apply_gradients``: the optimizer, and (kept off the
    record) its scale and good-step count when they are values (eager)."""
    facts = loss_scale_optimizer_args(self)
    try:
        facts["_scale"], facts["_counter"] = loss_scale_state(self)
    except Exception:   # inside a tf.function they are symbolic
        pass
    return facts


def loss_scale_decision(ret, a, k, begun):
    """After it (eagerly): the scale the step used, whether the gradients were applied, the
    scale and good-step count after it, and why, as tracekeras notes them."""
    if "_scale" not in begun:
        return {}
    opt = a[0]
    try:
        scale, counter = loss_scale_state(opt)
    except Exception:
        return {}
    before, good_before = begun["_scale"], begun["_counter"]
    if good_before is None:
        applied, reason = True, "fixed loss scale: applied"
    elif counter == good_before + 1:
        applied, reason = True, "finite gradients: applied"
    elif counter == 0 and scale > before:
        applied, reason = True, (f"{opt.dynamic_growth_steps} finite steps in a row: the "
                                 "scale is multiplied by 2")
    else:
        applied, reason = False, ("inf or nan in the gradients: step skipped, the scale "
                                  "divided by 2 (never below 1)")
    return {"loss_scale": before, "applied": applied, "reason": reason,
            "new_loss_scale": scale, "good_steps": counter}


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


def save_weights_args(model, filepath, overwrite=True, **k):
    """``saving_api.save_weights``'s file and overwrite flag, as tracekeras's call site
    records them (its ``format`` names tracekeras's own formats, so it is left out)."""
    return {"filepath": str(filepath), "overwrite": overwrite}


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


def base_logger_args(self, stateful_metrics=None):
    return {"stateful_metrics": sorted(stateful_metrics or [])}


def base_logger_end_args(self, epoch, logs=None):
    return {"epoch": epoch, "seen": getattr(self, "seen", None)}


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
