"""What compile does, and the mistakes it rejects (messages from tf_keras 2.21, errors.json)."""
import numpy as np
import pytest

import tracekeras
from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Sequential


def seed_model():
    clear_session()
    return Sequential([layers.Dense(512, activation="relu"),
                       layers.Dense(10, activation="softmax")])


def compile_names(model, **kwargs):
    with tracekeras.trace() as t:
        model.compile(**kwargs)
    return t


def test_compile_traces_keras_steps_in_order():
    model = seed_model()
    t = compile_names(model, optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
    names = t.names()
    order = ["keras.engine.training.Model.compile", "tf.distribute.Strategy.scope",
             "keras.engine.training.Model._validate_compile",
             "keras.engine.training.Model._get_optimizer", "keras.optimizers.get",
             "keras.saving.legacy.serialization.deserialize_keras_object",
             "keras.engine.compile_utils.LossesContainer.__init__",
             "keras.engine.compile_utils.MetricsContainer.__init__"]
    positions = [names.index(n) for n in order]
    assert positions == sorted(positions)
    instants = [r["name"] for r in t.records if r["ph"] == "i"]
    assert instants[-2:] == ["keras.engine.training.Model._compile_config",
                             "keras.engine.training.Model._is_compiled"]
    assert model._is_compiled
    assert type(model.optimizer).__name__ == "RMSprop"
    assert model.get_compile_config()["loss"] == "sparse_categorical_crossentropy"


def test_the_loss_mean_is_created_at_compile_as_in_keras():
    model = seed_model()
    t = compile_names(model, optimizer="rmsprop", loss="sparse_categorical_crossentropy")
    weights = [(r["args"].get("layer"), r["args"].get("weight")) for r in t.spans(
        "keras.engine.base_layer.Layer.add_weight")]
    assert weights == [("loss", "total"), ("loss", "count")]


def test_optimizer_instances_and_configs_are_accepted():
    from tracekeras import optimizers
    model = seed_model()
    opt = optimizers.Adam(learning_rate=0.01)
    model.compile(optimizer=opt, loss="mse")
    assert model.optimizer is opt
    model.compile(optimizer={"class_name": "SGD", "config": {"learning_rate": 0.5}}, loss="mse")
    assert type(model.optimizer).__name__ == "SGD"
    assert float(model.optimizer.learning_rate) == pytest.approx(0.5)


ERRORS = [
    (dict(optimizer="rmsprp", loss="mse"), ValueError,
     "Unknown optimizer: 'rmsprp'. Please ensure you are using a "
     "`keras.utils.custom_object_scope` and that this object is included in the scope."),
    (dict(optimizer="rmsprop", loss="mse", run_eagerly=True, jit_compile=True), ValueError,
     "You cannot enable `run_eagerly` and `jit_compile` at the same time."),
    (dict(optimizer="rmsprop", loss="mse", distribute="mirrored"), ValueError,
     "`distribute` argument in compile is not available in TF 2.0. Please create the model "
     "under the `strategy.scope()`. Received: mirrored."),
    (dict(optimizer="rmsprop", loss="mse", target_tensors=[1]), ValueError,
     "`target_tensors` argument is not supported when executing eagerly. Received: [1]."),
    (dict(optimizer="rmsprop", loss="mse", foo=1), TypeError,
     "Invalid keyword argument(s) in `compile()`: ({'foo'},). Valid keyword arguments include "
     "\"cloning\", \"experimental_run_tf_function\", \"distribute\", \"target_tensors\", or "
     "\"sample_weight_mode\"."),
    (dict(optimizer="rmsprop", loss="mse", metrics=["accuracy", "accuracy"]), ValueError,
     "Found two metrics with the same name: accuracy. All the metrics added to the model need "
     "to have unique names."),
    (dict(optimizer="rmsprop", loss="sparse_categorical_crossentrpy"), ValueError,
     "Unknown loss function: 'sparse_categorical_crossentrpy'."),
]


@pytest.mark.parametrize("kwargs,error,message", ERRORS,
                         ids=[str(sorted(e[0].items()))[:60] for e in ERRORS])
def test_compile_mistakes_raise_keras_errors_and_change_nothing(kwargs, error, message):
    model = seed_model()
    with pytest.raises(error) as info:
        model.compile(**kwargs)
    assert str(info.value).startswith(message)
    assert not model._is_compiled and model.optimizer is None


def test_a_failed_compile_keeps_the_previous_compile():
    model = seed_model()
    model.compile(optimizer="sgd", loss="mse")
    before = model.optimizer
    with pytest.raises(ValueError):
        model.compile(optimizer="nope", loss="mse")
    assert model._is_compiled and model.optimizer is before


def test_sample_weight_mode_is_accepted():
    model = seed_model()
    model.compile(optimizer="sgd", loss="mse", sample_weight_mode="temporal")
    assert model._is_compiled


def test_jit_compile_is_switched_off_with_a_warning():
    model = seed_model()
    with pytest.warns(UserWarning):
        model.compile(optimizer="sgd", loss="mse", jit_compile=True)
    assert model.jit_compile is False


def test_compile_does_not_build_the_model():
    model = seed_model()
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
    assert not model.built
    model.build((None, 784))
    assert model.built and model.count_params() == 407050
    assert np.isfinite(model.predict(np.zeros((2, 784), np.float32), verbose=0)).all()
