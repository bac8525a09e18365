"""The Keras 2.2 loop in tf_keras: what graph mode runs, under tracekeras's names.

What it owns: the table entries and the one special wrapper for the path
``fit``, ``evaluate`` and ``predict`` take after
``tf.compat.v1.disable_eager_execution()``. tf_keras then makes every model a
``training_v1.Model``, whose own ``fit``/``evaluate``/``predict``,
``compile``, ``_assert_compile_was_called``, ``_standardize_user_data`` and
``_make_*_function`` are wrapped here under the names tracekeras's
``training_arrays`` records, and its layers become ``base_layer_v1.Layer``s,
whose ``__call__`` and ``add_weight`` are wrapped under tf_keras's
``base_layer.Layer`` names. The three loops are one
function, ``training_arrays_v1.model_iteration``, and ``fit_loop``,
``test_loop``, ``predict_loop`` are ``functools.partial`` objects of it: the
wrapper of ``model_iteration`` records ``keras.engine.training_arrays.fit_loop``
(``test_loop``, ``predict_loop``) by its ``mode``, and :func:`rebind_partials`
makes the three partials call that wrapper (the validation inside ``fit``
calls ``model_iteration`` by name, so it is wrapped too). ``make_batches``,
the backend ``GraphExecutionFunction.__call__`` (tracekeras's
``Function.__call__``) and the ``BaseLogger`` the loop adds are plain entries.

What is not traced: ``model_iteration``'s epochs and batches are a plain
``for`` loop with no function to wrap, so the epoch and batch spans
tracekeras opens (``fit_loop.<epoch>``, ``fit_loop.<batch>``) have no
counterpart; the callbacks' batch hooks are called through
``CallbackList._call_batch_hook``, not ``on_batch_begin``/``on_batch_end``.
"""
import functools

V1 = "tf_keras.src.engine.training_v1:"
LAYER_V1 = "tf_keras.src.engine.base_layer_v1:"
GRAPH_MODE = (V1, LAYER_V1)     # where the graph-mode twins of eager entries live
LOOPS = {"train": ("keras.engine.training_arrays.fit_loop", "fit"),
         "test": ("keras.engine.training_arrays.test_loop", "evaluate"),
         "predict": ("keras.engine.training_arrays.predict_loop", "predict")}
PARTIALS = tuple(name.rsplit(".", 1)[1] for name, _ in LOOPS.values())


def entries(Entry, f, b):
    """The table's entries for the graph-mode path (``Entry`` and the facts modules given,
    so that this module imports nothing)."""
    training = "keras.engine.training.Model."
    return [
        Entry(training + "compile", V1 + "Model.compile", "compile", f.model_args,
              f.compile_result),
        Entry(training + "_assert_compile_was_called", V1 + "Model._assert_compile_was_called",
              "fit", f.model_args),
        Entry("keras.engine.base_layer.Layer.__call__", LAYER_V1 + "Layer.__call__", "layer",
              b.layer_args),
        Entry("keras.engine.base_layer.Layer.add_weight", LAYER_V1 + "Layer.add_weight",
              "weights", b.add_weight_args, b.variable_result),
        Entry(training + "fit", V1 + "Model.fit", "fit", f.fit_args),
        Entry(training + "evaluate", V1 + "Model.evaluate", "evaluate", f.data_args),
        Entry(training + "predict", V1 + "Model.predict", "predict", f.predict_args),
        Entry(training + "_standardize_user_data", V1 + "Model._standardize_user_data",
              "data"),
        *[Entry(f"{training}_make_{kind}_function", f"{V1}Model._make_{kind}_function",
                "function") for kind in ("train", "test", "predict")],
        Entry(LOOPS["train"][0], "tf_keras.src.engine.training_arrays_v1:model_iteration",
              "fit", kind="v1_loop"),
        Entry("keras.callbacks.BaseLogger.__init__", "tf_keras.src.callbacks:BaseLogger.__init__",
              "callbacks", f.base_logger_args),
        Entry("keras.callbacks.BaseLogger.on_epoch_end",
              "tf_keras.src.callbacks:BaseLogger.on_epoch_end", "callbacks",
              f.base_logger_end_args),
        Entry("keras.engine.training_utils.make_batches",
              "tf_keras.src.utils.generic_utils:make_batches", "data"),
        Entry("keras.engine.training_utils.batch_shuffle",
              "tf_keras.src.engine.training_utils_v1:batch_shuffle", "data"),
        Entry("keras.backend.tensorflow_backend.Function.__call__",
              "tf_keras.src.backend:GraphExecutionFunction.__call__", "function"),
    ]


def loop_wrapper(entry, fn, call_wrapper):
    """``model_iteration`` recorded as the loop its ``mode`` runs."""
    by_mode = {mode: call_wrapper(entry._replace(name=name, stage=stage), fn, name=name)
               for mode, (name, stage) in LOOPS.items()}

    @functools.wraps(fn)
    def wrapper(*a, **k):
        return by_mode.get(str(k.get("mode", "train")), by_mode["train"])(*a, **k)

    return wrapper


def rebind_partials(module, original, wrapper, patches):
    """Point ``fit_loop``, ``test_loop`` and ``predict_loop`` (partials of the original
    ``model_iteration``) at its wrapper; ``patches`` puts them back."""
    for name in PARTIALS:
        value = getattr(module, name, None)
        if isinstance(value, functools.partial) and value.func is original:
            patches.set(module, name, functools.partial(wrapper, *value.args, **value.keywords))
