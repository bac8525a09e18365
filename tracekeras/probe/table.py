"""THE table: each Keras name tracekeras's trace writes, and where tf_keras keeps it.

What it owns: ``ENTRIES``, one :class:`Entry` per wrapped function: the Keras
name as our trace writes it (``keras.engine.training.Model.fit``), the tf_keras
location (``tf_keras.src.engine.training:Model.fit``: module, then the
qualified name in it), the trace stage, and the facts of its begin and end
records (functions of :mod:`tracekeras.probe.facts`, giving the keys the
tracekeras call site gives). The probe wraps exactly these and nothing else;
to teach the probe a new step, add a line here.

``kind`` says how a function is wrapped (see :mod:`tracekeras.probe.wrappers`):

- ``call``: a span around the call (the usual ``@traced``);
- ``epochs`` / ``steps``: a generator of the loop; each epoch it yields is an
  epoch scope, each step a step scope, as tracekeras's own loop opens them, so
  steps are folded by the same recorder;
- ``recursion``: a span per call that also counts the recursion depth and the
  visit order (``_build_map_helper``);
- ``context``: a method returning a context manager (``Strategy.scope``): the
  span covers the ``with`` block;
- ``v1_loop``: ``training_arrays_v1.model_iteration``, recorded as the
  loop its ``mode`` runs (:mod:`tracekeras.probe.v1_loop`);
- ``make_function``: the returned ``train_function`` (``test``, ``predict``)
  is wrapped on the model, and the ``step_function`` it closes over with it,
  under the ``<locals>`` names tracekeras gives them.

It imports nothing but :mod:`facts` and :mod:`build_facts` (no TensorFlow), so a test can check the
table against tracekeras's own names where tf_keras is not installed.
"""
from typing import Callable, NamedTuple, Optional, Union

from . import build_facts as b
from . import facts as f
from . import v1_loop

SRC = "tf_keras.src."


class Entry(NamedTuple):
    name: str                   # the Keras name, as tracekeras's trace writes it
    where: str                  # "module:Qualified.name" in tf_keras (or TensorFlow)
    stage: Union[str, Callable]  # a schema stage, or a function of the call's (a, k)
    args: Optional[Callable] = None      # begin-record facts: args(*a, **k)
    result: Optional[Callable] = None    # end-record facts: result(ret, a, k, begun)
    level: str = "stages"
    kind: str = "call"


def deserialize_stage(a, k):
    """The stage tracekeras gives ``deserialize_keras_object``: by what it resolves."""
    kind = f.option(a, k, 3, "printable_module_name", "object")
    return {"optimizer": "optimizer", "loss function": "loss",
            "metric function": "metrics"}.get(kind, "layer")


def method(module, qualname):
    return f"{SRC}{module}:{qualname}"


def keras(module, qualname):
    return f"keras.{module}.{qualname}"


def same(module, qualname, stage, args=None, result=None, **more):
    """An entry whose Keras module is tf_keras's (``engine.training`` -> both names)."""
    return Entry(keras(module, qualname), method(module, qualname), stage, args, result, **more)


def callback_hooks():
    hooks = []
    for phase in ("train", "test", "predict"):
        for when in ("begin", "end"):
            hooks.append(Entry(f"keras.callbacks.CallbackList.on_{phase}_{when}",
                               method("callbacks", f"CallbackList.on_{phase}_{when}"),
                               "callbacks"))
            hooks.append(Entry(f"keras.callbacks.CallbackList.on_{phase}_batch_{when}",
                               method("callbacks", f"CallbackList.on_{phase}_batch_{when}"),
                               "callbacks", f.batch_args))
    for when in ("begin", "end"):
        hooks.append(Entry(f"keras.callbacks.CallbackList.on_batch_{when}",
                           method("callbacks", f"CallbackList.on_batch_{when}"),
                           "callbacks", f.batch_args))
    hooks.append(Entry("keras.callbacks.CallbackList.on_epoch_begin",
                       method("callbacks", "CallbackList.on_epoch_begin"), "callbacks",
                       f.epoch_args))
    hooks.append(Entry("keras.callbacks.CallbackList.on_epoch_end",
                       method("callbacks", "CallbackList.on_epoch_end"), "callbacks",
                       f.epoch_end_args))
    return hooks


def optimizer_builds():
    return [same(f"optimizers.{module}", f"{cls}.build", "optimizer", f.optimizer_args)
            for module, cls in (("rmsprop", "RMSprop"), ("adam", "Adam"), ("sgd", "SGD"),
                                ("adagrad", "Adagrad"), ("adadelta", "Adadelta"),
                                ("adamax", "Adamax"), ("nadam", "Nadam"), ("ftrl", "Ftrl"),
                                ("adamw", "AdamW"))]


def layer_builds():
    return [same(module, f"{cls}.build", "build", b.build_args)
            for module, cls in (("layers.core.dense", "Dense"),
                                ("layers.core.embedding", "Embedding"),
                                ("layers.convolutional.base_conv", "Conv"),
                                ("layers.convolutional.conv2d_transpose", "Conv2DTranspose"),
                                ("layers.normalization.batch_normalization",
                                 "BatchNormalizationBase"),
                                ("layers.normalization.layer_normalization",
                                 "LayerNormalization"),
                                ("layers.preprocessing.normalization", "Normalization"),
                                ("layers.activation.prelu", "PReLU"),
                                ("layers.rnn.base_rnn", "RNN"),
                                ("layers.rnn.bidirectional", "Bidirectional"),
                                ("layers.rnn.time_distributed", "TimeDistributed"))]


def data_adapters():
    return [same("engine.data_adapter", f"{cls}.__init__", "data", f.adapter_args,
                 f.adapter_result)
            for cls in ("TensorLikeDataAdapter", "GenericArrayLikeDataAdapter",
                        "ListsOfScalarsDataAdapter", "DatasetAdapter", "GeneratorDataAdapter",
                        "KerasSequenceAdapter", "CompositeTensorDataAdapter",
                        "DatasetCreatorAdapter")]


TRAINING = "engine.training"
ENTRIES = [
    # compile
    same(TRAINING, "Model.compile", "compile", f.model_args, f.compile_result),
    same(TRAINING, "Model._validate_compile", "compile", f.model_args),
    same(TRAINING, "Model._get_optimizer", "compile", f.model_args, f.optimizer_choice),
    Entry("keras.optimizers.get", method("optimizers", "get"), "compile",
          f.optimizer_get_args, f.resolved_type),
    Entry("keras.optimizers.deserialize", method("optimizers", "deserialize"), "compile",
          f.deserialize_args),
    same("saving.legacy.serialization", "deserialize_keras_object", deserialize_stage,
         f.deserialize_object_args, f.deserialize_object_result),
    same("saving.serialization_lib", "deserialize_keras_object", "layer",
         f.class_name_args, f.deserialize_object_result),
    same("utils.tf_utils", "can_jit_compile", "compile", f.can_jit_args, f.ret_result),
    same("engine.compile_utils", "LossesContainer.__init__", "compile", f.losses_init_args),
    same("engine.compile_utils", "MetricsContainer.__init__", "compile", f.metrics_init_args),
    # the entry points
    same(TRAINING, "Model.fit", "fit", f.fit_args),
    same(TRAINING, "Model.evaluate", "evaluate", f.data_args),
    same(TRAINING, "Model.predict", "predict", f.predict_args),
    same(TRAINING, "Model.fit_generator", "fit", f.predict_args),
    same(TRAINING, "Model.evaluate_generator", "evaluate", f.predict_args),
    same(TRAINING, "Model.predict_generator", "predict", f.predict_args),
    same(TRAINING, "Model.train_on_batch", "fit", f.model_args),
    same(TRAINING, "Model.test_on_batch", "evaluate", f.model_args),
    same(TRAINING, "Model.predict_on_batch", "predict", f.model_args),
    same(TRAINING, "Model._assert_compile_was_called", "fit", f.model_args),
    # data
    same("engine.data_adapter", "get_data_handler", "data", f.get_handler_args),
    same("engine.data_adapter", "DataHandler.__init__", "data", f.handler_args,
         f.handler_result),
    same("engine.data_adapter", "select_data_adapter", "data", f.select_adapter_args,
         f.select_adapter_result),
    same("engine.data_adapter", "DataHandler._configure_dataset_and_inferred_steps", "data",
         f.configure_args, f.inferred_steps_result),
    *data_adapters(),
    same("engine.data_adapter", "KerasSequenceAdapter.on_epoch_end", "data"),
    # callbacks
    Entry("keras.callbacks.CallbackList.__init__", method("callbacks", "CallbackList.__init__"),
          "callbacks", f.callback_list_args),
    Entry("keras.callbacks.CallbackList._add_default_callbacks",
          method("callbacks", "CallbackList._add_default_callbacks"), "callbacks",
          f.default_callbacks_args, f.default_callbacks_result),
    Entry("keras.callbacks.CallbackList.set_params", method("callbacks", "CallbackList.set_params"),
          "callbacks", f.params_args),
    Entry("keras.callbacks.CallbackList.set_model", method("callbacks", "CallbackList.set_model"),
          "callbacks", f.set_model_args, level="steps"),
    Entry("keras.callbacks.History.__init__", method("callbacks", "History.__init__"),
          "callbacks"),
    Entry("keras.callbacks.ProgbarLogger.__init__", method("callbacks", "ProgbarLogger.__init__"),
          "callbacks", f.progbar_args),
    *callback_hooks(),
    # the functions fit calls, and the loop
    same(TRAINING, "Model.make_train_function", "function", f.make_function_args("train"),
         kind="make_function"),
    same(TRAINING, "Model.make_test_function", "function", f.make_function_args("test"),
         kind="make_function"),
    same(TRAINING, "Model.make_predict_function", "function", f.make_function_args("predict"),
         kind="make_function"),
    same("engine.data_adapter", "DataHandler.enumerate_epochs", "fit", kind="epochs"),
    same("engine.data_adapter", "DataHandler.steps", "step", kind="steps"),
    same(TRAINING, "Model.train_step", "step", f.model_args),
    same(TRAINING, "Model.test_step", "step", f.model_args),
    same(TRAINING, "Model.predict_step", "step", f.model_args),
    same("engine.compile_utils", "LossesContainer.__call__", "loss", f.container_built,
         f.losses_result),
    same("engine.compile_utils", "MetricsContainer.update_state", "metrics",
         f.container_built, f.metrics_result),
    # optimizer
    same("optimizers.optimizer", "_BaseOptimizer.minimize", "optimizer", f.optimizer_args),
    same("optimizers.optimizer", "_BaseOptimizer.compute_gradients", "optimizer",
         f.optimizer_args),
    same("optimizers.optimizer", "Optimizer.apply_gradients", "optimizer", f.optimizer_args,
         f.iterations_result),
    same("optimizers.optimizer", "Optimizer.add_variable_from_reference", "optimizer",
         f.slot_args),
    *optimizer_builds(),
    same("mixed_precision.loss_scale_optimizer", "LossScaleOptimizerV3.compute_gradients",
         "optimizer", f.loss_scale_optimizer_args),
    same("mixed_precision.loss_scale_optimizer", "LossScaleOptimizerV3.apply_gradients",
         "optimizer", f.loss_scale_args, f.loss_scale_decision),
    Entry("tf.distribute.Strategy.scope",
          "tensorflow.python.distribute.distribute_lib:StrategyBase.scope", "compile",
          f.strategy_args, kind="context"),
    Entry("tf.GradientTape.gradient", "tensorflow.python.eager.backprop:GradientTape.gradient",
          "backend", f.gradient_args),
    same("saving.saving_api", "save_weights", "weights", f.save_weights_args),
    # layers and build
    same("engine.base_layer", "Layer.__call__", "layer", b.layer_args),
    same("engine.base_layer", "Layer._functional_construction_call", "build", b.layer_args),
    same("engine.base_layer", "Layer._keras_tensor_symbolic_call", "build", b.layer_args),
    same("engine.base_layer", "Layer._infer_output_signature", "build", b.layer_args,
         b.output_shape_result),
    same("engine.base_layer", "Layer.add_weight", "weights", b.add_weight_args,
         b.variable_result),
    *layer_builds(),
    same("engine.input_layer", "Input", "build", b.input_args, b.input_result),
    same(TRAINING, "Model.build", "build", b.build_args),
    same("engine.sequential", "Sequential.__init__", "build", b.sequential_init_args),
    same("engine.sequential", "Sequential.add", "build", b.sequential_add_args),
    same("engine.sequential", "Sequential.build", "build", b.build_args),
    same("engine.sequential", "Sequential._build_graph_network_for_inferred_shape", "build",
         b.build_args),
    same("engine.sequential", "Sequential.call", "layer", b.layer_args),
    # the functional graph
    same("engine.functional", "Functional.__init__", "build", b.functional_init_args),
    same("engine.functional", "Functional._init_graph_network", "graph", b.layer_args,
         b.graph_result),
    same("engine.functional", "Functional.call", "layer", b.layer_args),
    same("engine.functional", "Functional._run_internal_graph", "layer", b.run_graph_args),
    same("engine.functional", "_map_graph_network", "graph", b.map_graph_args,
         b.map_graph_result),
    same("engine.functional", "_build_map", "graph", b.build_map_args, b.build_map_result),
    same("engine.functional", "_build_map_helper", "graph", b.build_map_helper_args,
         b.build_map_helper_result, kind="recursion"),
    # the Keras 2.2 loop (graph mode, after disable_eager_execution)
    *v1_loop.entries(Entry, f, b),
]

NAMES = [entry.name for entry in ENTRIES]

# Names tracekeras's trace writes that no entry wraps by that name, and the entry whose
# wrapper records them (an instant after the call, a function made and wrapped by it).
RECORDED_BY = {
    "keras.engine.training.Model._compile_config": "keras.engine.training.Model.compile",
    "keras.engine.training.Model._is_compiled": "keras.engine.training.Model.compile",
    **{f"keras.engine.training.Model.make_{kind}_function.<locals>.{inner}":
       f"keras.engine.training.Model.make_{kind}_function"
       for kind in ("train", "test", "predict") for inner in (f"{kind}_function", "step_function")},
}
