"""Write the stored trace fixtures the ``visualize`` tests read.

The renderers are tested from stored traces (collector, writer and renderer
apart). These traces are made here with the real recorder API
(``tracekeras.tracing``), replaying the stage sequence of the seed example in
tf_keras 2.21 (``Sequential([Dense(512, relu), Dense(10, softmax)])``, rmsprop,
sparse categorical crossentropy, accuracy, batch 128; the names and nesting
follow the tf_keras 2.21 reference stage lists), shortened to a few epochs of
30 steps. The engine is not run: this replays what it records, so the fixtures
do not change when the engine does. Run it from the repository root:

    python3 tests/visualize/make_fixtures.py

Fixtures written to ``tests/visualize/data/``:

- ``seed_fit.jsonl``: level ``stages``; construct, compile, fit 5 epochs x 30
  steps (the Sequential built lazily in the first train step, a ``G``
  snapshot), then evaluate (10 steps).
- ``seed_fit_steps.jsonl``: level ``steps``; fit 2 epochs x 30 steps, every
  step a span (the renderer folds them).
- ``functional_fit.jsonl``: a functional model built before compile (``G``
  snapshot at construction), fit 2 epochs x 10 steps with validation, predict.
- ``error_fit.jsonl``: the seed fit where a step of epoch 1 raises.
- ``crashed_fit.jsonl``: the seed trace cut off mid-epoch, with a torn last line.
"""
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tracekeras import tracing  # noqa: E402
from tracekeras.tracing import jsonl  # noqa: E402

FIXTURES = os.path.join(HERE, "data")
ADAPTERS = ["ListsOfScalarsDataAdapter", "TensorLikeDataAdapter", "GenericArrayLikeDataAdapter",
            "DatasetAdapter", "GeneratorDataAdapter", "KerasSequenceAdapter",
            "CompositeTensorDataAdapter", "DatasetCreatorAdapter"]
L = "keras.engine.base_layer.Layer"
F = "keras.engine.functional"
CB = "keras.callbacks.CallbackList"
OPT = "keras.optimizers.optimizer"
span = tracing.span


def work(us=20):
    """A little real time, so spans have durations."""
    end = time.perf_counter_ns() + us * 1000
    while time.perf_counter_ns() < end:
        pass


# -- building ------------------------------------------------------------------

def dense_build(layer, input_shape, units):
    with span("keras.layers.core.dense.Dense.build", "build", layer=layer,
              input_shape=input_shape):
        for weight, shape in (("kernel", [input_shape[-1], units]), ("bias", [units])):
            with span(f"{L}.add_weight", "weights", layer=layer, weight=weight, shape=shape,
                      initializer="GlorotUniform" if weight == "kernel" else "Zeros"):
                work(5)


def symbolic_call(layer, input_shape, units):
    with span(f"{L}.__call__", "layer", layer=layer, cls="Dense"):
        with span(f"{L}._functional_construction_call", "build", layer=layer):
            with span(f"{L}._keras_tensor_symbolic_call", "build", layer=layer):
                with span(f"{L}._infer_output_signature", "build", layer=layer) as s:
                    dense_build(layer, input_shape, units)
                    s.note(output_shape=[None, units])


def init_graph_network(model, cls, layers, edges, inputs, outputs, built_in):
    """``_init_graph_network`` with its ``_build_map`` walk and the G snapshot."""
    with span(f"{F}.Functional._init_graph_network", "graph", model=model, cls=cls):
        with span(f"{F}._map_graph_network", "graph"):
            with span(f"{F}._build_map", "graph", outputs=outputs):
                walk = sorted(layers, key=lambda layer: layer["depth"])  # outputs inwards
                opened = [span(f"{F}._build_map_helper", "graph", layer=layer["name"],
                               depth=layer["depth"]) for layer in walk]
                for s in opened:
                    s.__enter__()
                for s in reversed(opened):
                    s.__exit__(None, None, None)
        tracing.graph(f"{F}.Functional._init_graph_network", {
            "model": model, "class": cls, "inputs": inputs, "outputs": outputs,
            "layers": [dict(layer, built_in=built_in) for layer in layers], "edges": edges})


def seed_layers():
    return [
        {"name": "dense_input", "class": "InputLayer", "input_shape": [None, 784],
         "output_shape": [None, 784], "dtype": "float32", "params": 0, "trainable": True,
         "activation": None, "depth": 2, "visit": 0},
        {"name": "dense", "class": "Dense", "input_shape": [None, 784], "output_shape": [None, 512],
         "dtype": "float32", "params": 401920, "trainable": True, "activation": "relu",
         "depth": 1, "visit": 1},
        {"name": "dense_1", "class": "Dense", "input_shape": [None, 512],
         "output_shape": [None, 10], "dtype": "float32", "params": 5130, "trainable": True,
         "activation": "softmax", "depth": 0, "visit": 2},
    ]


def sequential_lazy_build():
    with span("keras.engine.sequential.Sequential._build_graph_network_for_inferred_shape",
              "build", layer="sequential", input_shape=[None, 784]) as s:
        with span("keras.engine.input_layer.Input", "build", shape=[784], layer="dense_input"):
            work(5)
        symbolic_call("dense", [None, 784], 512)
        symbolic_call("dense_1", [None, 512], 10)
        init_graph_network("sequential", "Sequential", seed_layers(),
                           [["dense_input", "dense"], ["dense", "dense_1"]], ["dense_input"],
                           ["dense_1"], built_in="fit")
        s.note(built=True)


# -- compile -------------------------------------------------------------------

def construct_sequential():
    with span("keras.engine.sequential.Sequential.__init__", "build", model="sequential"):
        for layer in ("dense", "dense_1"):
            with span("keras.engine.sequential.Sequential.add", "build", layer=layer):
                work(5)


def compile_model(cls):
    with span("keras.engine.training.Model.compile", "compile", model="sequential", cls=cls,
              optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"]):
        with span("tf.distribute.Strategy.scope", "compile",
                  strategy="_DefaultDistributionStrategy", num_replicas_in_sync=1):
            with span("keras.engine.training.Model._validate_compile", "compile", cls=cls):
                pass
            with span("keras.engine.training.Model._get_optimizer", "compile", cls=cls):
                with span("keras.optimizers.get", "optimizer", identifier="rmsprop"):
                    with span("keras.saving.legacy.serialization.deserialize_keras_object",
                              "optimizer", identifier="rmsprop", kind="optimizer") as s:
                        s.note(resolved="keras.optimizers.rmsprop.RMSprop")
            with span("keras.engine.compile_utils.LossesContainer.__init__", "compile",
                      losses="sparse_categorical_crossentropy", loss_weights=None):
                for weight in ("total", "count"):
                    with span(f"{L}.add_weight", "weights", layer="loss", weight=weight):
                        pass
            with span("keras.engine.compile_utils.MetricsContainer.__init__", "compile",
                      metrics=["accuracy"], weighted_metrics=None):
                pass
            tracing.instant("keras.engine.training.Model._compile_config", "compile",
                            config=["loss", "metrics", "optimizer"])
            tracing.instant("keras.engine.training.Model._is_compiled", "compile", value=True)


# -- fit -----------------------------------------------------------------------

def data_handler(samples, batch_size):
    steps = -(-samples // batch_size)
    with span("keras.engine.data_adapter.get_data_handler", "data", batch_size=batch_size):
        with span("keras.engine.data_adapter.DataHandler.__init__", "data", batch_size=batch_size):
            with span("keras.engine.data_adapter.select_data_adapter", "data",
                      x={"shape": [samples, 784], "dtype": "float32"},
                      y={"shape": [samples], "dtype": "int64"}) as s:
                answers = {name: name == "TensorLikeDataAdapter" for name in ADAPTERS}
                s.note(asked=ADAPTERS, answers=answers, accepted=["TensorLikeDataAdapter"],
                       chosen="TensorLikeDataAdapter")
            with span("keras.engine.data_adapter.TensorLikeDataAdapter.__init__", "data",
                      size=samples, batch_size=batch_size, shuffle=True) as s:
                s.note(steps=steps, partial_batch_size=samples % batch_size)
    return steps


def callback_list(samples_steps, epochs):
    with span(f"{CB}.__init__", "callbacks", add_history=True, add_progbar=True):
        with span(f"{CB}._add_default_callbacks", "callbacks") as s:
            with span("keras.callbacks.History.__init__", "callbacks"):
                pass
            with span("keras.callbacks.ProgbarLogger.__init__", "callbacks", count_mode="steps"):
                pass
            s.note(added=["History", "ProgbarLogger"])
        with span(f"{CB}.set_params", "callbacks", verbose=1, epochs=epochs, steps=samples_steps):
            pass


def forward(first, build):
    with span(f"{L}.__call__", "layer", layer="sequential", cls="Sequential"):
        with span("keras.engine.sequential.Sequential.call", "layer", layer="sequential"):
            if build:
                sequential_lazy_build()
            with span(f"{F}.Functional.call", "layer", layer="sequential"):
                with span(f"{F}.Functional._run_internal_graph", "layer", layer="sequential"):
                    for layer, shape in (("dense", [None, 512]), ("dense_1", [None, 10])):
                        with span(f"{L}.__call__", "layer", layer=layer, cls="Dense",
                                  output_shape=shape):
                            work(30)


def train_step(first, build=True, fail=False):
    with span("keras.engine.training.Model.train_step", "step", cls="Sequential"):
        forward(first, build and first)
        with span("keras.engine.compile_utils.LossesContainer.__call__", "loss") as s:
            if first:
                with span("keras.saving.legacy.serialization.deserialize_keras_object", "loss",
                          identifier="sparse_categorical_crossentropy", kind="loss function") as d:
                    d.note(resolved="keras.losses.sparse_categorical_crossentropy")
                s.note(resolved=["sparse_categorical_crossentropy"])
            with span("keras.backend._get_logits", "loss") as g:
                g.note(from_logits=True, output_op="softmax")
        with span(f"{OPT}._BaseOptimizer.minimize", "optimizer", cls="RMSprop"):
            with span(f"{OPT}._BaseOptimizer.compute_gradients", "optimizer", cls="RMSprop"):
                with span("tf.GradientTape.gradient", "backend", sources=4):
                    work(40)
            with span(f"{OPT}.Optimizer.apply_gradients", "optimizer", cls="RMSprop"):
                if first:
                    with span("keras.optimizers.rmsprop.RMSprop.build", "optimizer"):
                        for var in ("dense/kernel:0", "dense/bias:0", "dense_1/kernel:0",
                                    "dense_1/bias:0"):
                            with span(f"{OPT}.Optimizer.add_variable_from_reference", "weights",
                                      weight="velocity", of=var):
                                pass
                work(20)
        with span("keras.engine.compile_utils.MetricsContainer.update_state", "metrics") as s:
            if fail:
                raise ValueError("Shapes (128, 1) and (128, 10) are incompatible")
            if first:
                for weight in ("total", "count"):
                    with span(f"{L}.add_weight", "weights", layer="accuracy", weight=weight):
                        pass
                s.note(resolved={"accuracy": "sparse_categorical_accuracy"})


def train_function(first, build=True, fail=False):
    prefix = "keras.engine.training.Model.make_train_function.<locals>"
    with span(f"{prefix}.train_function", "function", steps_per_execution=1):
        with span(f"{prefix}.step_function", "function"):
            train_step(first, build, fail)


def test_function():
    prefix = "keras.engine.training.Model.make_test_function.<locals>"
    with span(f"{prefix}.test_function", "function", steps_per_execution=1):
        with span(f"{prefix}.step_function", "function"):
            with span("keras.engine.training.Model.test_step", "step", cls="Sequential"):
                with span(f"{L}.__call__", "layer", layer="sequential"):
                    work(30)
                with span("keras.engine.compile_utils.LossesContainer.__call__", "loss"):
                    pass
                with span("keras.engine.compile_utils.MetricsContainer.update_state", "metrics"):
                    pass


EPOCHS = tracing.EPOCHS_NAME


def fit(epochs=5, steps=30, build=True, fail_at=None, validation=0):
    samples = steps * 128 - 32  # a partial last batch of 96
    with span("keras.engine.training.Model.fit", "fit", model="sequential", cls="Sequential",
              x={"shape": [samples, 784], "dtype": "float32"},
              y={"shape": [samples], "dtype": "int64"}, epochs=epochs, batch_size=128):
        with span("keras.engine.training.Model._assert_compile_was_called", "fit"):
            pass
        with span("tf.distribute.Strategy.scope", "fit", strategy="_DefaultDistributionStrategy",
                  num_replicas_in_sync=1):
            n = data_handler(samples, 128)
            callback_list(n, epochs)
            with span("keras.engine.training.Model.make_train_function", "function",
                      cached=False):
                pass
            with span(f"{CB}.on_train_begin", "callbacks"):
                pass
            first = True
            for epoch in range(epochs):
                with tracing.epoch_scope(EPOCHS, "fit", epoch):
                    with span(f"{CB}.on_epoch_begin", "callbacks", epoch=epoch):
                        pass
                    for step in range(steps):
                        with tracing.step_scope("train", epoch, step):
                            with span(f"{CB}.on_train_batch_begin", "callbacks", batch=step):
                                pass
                            train_function(first, build, fail=(epoch, step) == fail_at)
                            first = False
                            with span(f"{CB}.on_train_batch_end", "callbacks", batch=step):
                                pass
                    logs = {"loss": round(0.5 / (epoch + 1), 4),
                            "accuracy": round(0.85 + 0.02 * epoch, 4)}
                    if validation:
                        logs.update(evaluate(validation, nested=True))
                    with span(f"{CB}.on_epoch_end", "callbacks", epoch=epoch, logs=logs):
                        pass
            with span(f"{CB}.on_train_end", "callbacks"):
                pass


def evaluate(steps, nested=False):
    with span("keras.engine.training.Model.evaluate", "evaluate", model="sequential"):
        with span("keras.engine.training.Model._assert_compile_was_called", "fit"):
            pass
        if not nested:
            data_handler(steps * 128, 128)
        with span("keras.engine.training.Model.make_test_function", "function",
                  cached=False):
            pass
        with span(f"{CB}.on_test_begin", "callbacks"):
            pass
        with tracing.epoch_scope(EPOCHS, "evaluate"):
            for step in range(steps):
                with tracing.step_scope("test", None, step):
                    with span(f"{CB}.on_test_batch_begin", "callbacks", batch=step):
                        pass
                    test_function()
                    with span(f"{CB}.on_test_batch_end", "callbacks", batch=step):
                        pass
        with span(f"{CB}.on_test_end", "callbacks"):
            pass
    return {"val_loss": 0.31, "val_accuracy": 0.9}


def predict(steps):
    prefix = "keras.engine.training.Model.make_predict_function.<locals>"
    with span("keras.engine.training.Model.predict", "predict", model="functional"):
        data_handler(steps * 128, 128)
        with span("keras.engine.training.Model.make_predict_function", "function", cached=False):
            pass
        with tracing.epoch_scope(EPOCHS, "predict"):
            for step in range(steps):
                with tracing.step_scope("predict", None, step):
                    with span(f"{prefix}.predict_function", "function"):
                        with span("keras.engine.training.Model.predict_step", "step"):
                            work(20)


# -- the functional model --------------------------------------------------------

def functional_layers():
    shapes = [("input_1", "InputLayer", [None, 784], [None, 784], 0, None),
              ("dense", "Dense", [None, 784], [None, 64], 50240, "relu"),
              ("dense_1", "Dense", [None, 64], [None, 64], 4160, "relu"),
              ("dense_2", "Dense", [None, 64], [None, 10], 650, "softmax")]
    return [{"name": n, "class": c, "input_shape": i, "output_shape": o, "dtype": "float32",
             "params": p, "trainable": True, "activation": a, "depth": 3 - k, "visit": k}
            for k, (n, c, i, o, p, a) in enumerate(shapes)]


def construct_functional():
    with span("keras.engine.input_layer.Input", "build", shape=[784], layer="input_1"):
        pass
    for layer, shape, units in (("dense", [None, 784], 64), ("dense_1", [None, 64], 64),
                                ("dense_2", [None, 64], 10)):
        symbolic_call(layer, shape, units)
    with span(f"{F}.Functional.__init__", "build", model="functional"):
        init_graph_network("functional", "Functional", functional_layers(),
                           [["input_1", "dense"], ["dense", "dense_1"], ["dense_1", "dense_2"]],
                           ["input_1"], ["dense_2"], built_in="build")


# -- writing -----------------------------------------------------------------------

def record(path, level, body):
    with tracing.trace(path, level=level) as t:
        try:
            body()
        except ValueError:
            pass
    return t


def main():
    os.makedirs(FIXTURES, exist_ok=True)

    def out(name):
        return os.path.join(FIXTURES, name)

    def seed():
        construct_sequential()
        compile_model("Sequential")
        fit(epochs=5, steps=30)
        evaluate(10)
    t = record(out("seed_fit.jsonl"), "stages", seed)

    def seed_steps():
        construct_sequential()
        compile_model("Sequential")
        fit(epochs=2, steps=30)
    record(out("seed_fit_steps.jsonl"), "steps", seed_steps)

    def functional():
        construct_functional()
        compile_model("Functional")
        fit(epochs=2, steps=10, build=False, validation=3)
        predict(4)
    record(out("functional_fit.jsonl"), "stages", functional)

    def error():
        construct_sequential()
        compile_model("Sequential")
        fit(epochs=3, steps=30, fail_at=(1, 7))
    record(out("error_fit.jsonl"), "stages", error)

    # A run killed in the second step: the records up to there and half a line.
    records = t.records
    cut = next(n for n, r in enumerate(records)
               if r.get("step") == 1 and r["ph"] == "B" and r["name"].endswith("train_step"))
    with open(out("crashed_fit.jsonl"), "w", encoding="utf-8") as f:
        f.write(jsonl.dump_line(t.header))
        for r in records[:cut + 3]:
            f.write(jsonl.dump_line(r))
        f.write(jsonl.dump_line(records[cut + 3])[:40])
    for name in sorted(os.listdir(FIXTURES)):
        print(name, os.path.getsize(out(name)))


if __name__ == "__main__":
    main()
