"""keras.optimizers.legacy against facts recorded from real tf_keras 2.21
(``make_fixtures.py`` beside this file writes data/tf_keras_legacy_optimizers.json)."""
import json
import os
import warnings

import numpy as np
import pytest

import tracekeras as keras
from tracekeras.backend import Variable
from tracekeras.optimizers import legacy

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_keras_legacy_optimizers.json")) as f:
    FACTS = json.load(f)
CASES = FACTS["cases"]
# the gradient's norm is a sum whose order TensorFlow's reduction picks: within an ulp
CLIPPED = {name for name, case in CASES.items()
           if {"clipnorm", "global_clipnorm"} & set(case["kwargs"])}


def assert_same(got, want, name):
    want = np.asarray(want, "float32")
    if name in CLIPPED:
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-9)
    else:
        np.testing.assert_array_equal(got, want)


def run(name):
    case = CASES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        opt = getattr(legacy, case["class_name"])(**case["kwargs"])
    variables = [Variable(np.asarray(v, "float32"), name=n)
                 for v, n in zip(FACTS["initial"], ["kernel", "bias"])]
    steps = []
    for grads in FACTS["gradients"]:
        opt.apply_gradients(zip([np.asarray(g, "float32") for g in grads], variables))
        steps.append([v.numpy().copy() for v in variables])
    return opt, steps


@pytest.mark.parametrize("name", sorted(CASES))
def test_steps_match_tf_keras(name):
    """Bit for bit (clipped by a norm: within an ulp): the float32 operations run in the
    order of TensorFlow's kernels."""
    _, steps = run(name)
    for got, want in zip(steps, CASES[name]["steps"]):
        for g, w in zip(got, want):
            assert_same(g, w, name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_weights_names_and_values(name):
    opt, _ = run(name)
    case = CASES[name]
    assert [w.name for w in opt.weights] == case["weight_names"]
    assert [w.name for w in opt.variables()] == case["weight_names"]
    got = opt.get_weights()
    assert len(got) == len(case["weights"])
    assert int(got[0]) == case["iterations"]
    for g, w in zip(got[1:], case["weights"][1:]):
        assert_same(g, w, name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_get_config_after_steps(name):
    opt, _ = run(name)
    config = opt.get_config()
    assert list(config) == list(CASES[name]["config"])
    for key, value in CASES[name]["config"].items():
        assert config[key] == value, key


def test_from_config_round_trip_and_lr_alias():
    config = CASES["adam_decay"]["config"]
    opt = legacy.Adam.from_config(dict(config))
    assert opt.get_config()["decay"] == config["decay"]
    with pytest.warns(UserWarning, match="The `lr` argument is deprecated"):
        sgd = legacy.SGD(lr=0.2)
    assert sgd.get_config()["learning_rate"] == 0.2
    sgd2 = legacy.SGD.from_config({"name": "SGD", "lr": 0.3})
    assert sgd2.get_config()["learning_rate"] == 0.3
    sgd2.lr = 0.5
    assert float(sgd2.learning_rate) == 0.5


def test_minimize_returns_iterations():
    facts = FACTS["minimize"]
    opt = legacy.SGD(learning_rate=0.1)
    var = Variable(np.asarray([1.0, 2.0], "float32"), name="w")
    result = opt.minimize(lambda: keras.backend.sum(var * var), [var])
    opt.minimize(lambda: keras.backend.sum(var * var), [var])
    assert result is not None and int(result.numpy()) == facts["value"]
    np.testing.assert_allclose(var.numpy(), facts["var"], rtol=1e-6)
    assert [w.name for w in opt.weights] == facts["weight_names"]


def test_set_weights_restores_state():
    opt, _ = run("adam")
    weights = opt.get_weights()
    other = legacy.Adam()
    variables = [Variable(np.asarray(v, "float32"), name=n)
                 for v, n in zip(FACTS["initial"], ["kernel", "bias"])]
    other.apply_gradients(zip([np.zeros_like(v.numpy()) for v in variables], variables))
    other.set_weights(weights)
    for a, b in zip(other.get_weights(), weights):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="with a  weight list of length 1, but the optimizer "
                                         "was expecting 5 weights"):
        other.set_weights(weights[:1])


def test_bad_arguments():
    with pytest.raises(TypeError, match="Unexpected keyword argument passed to optimizer: "
                                        "weight_decay"):
        legacy.Adam(weight_decay=0.1)
    with pytest.raises(ValueError, match="Expected decay >= 0, received: -1"):
        legacy.SGD(decay=-1)
    with pytest.raises(ValueError, match=r"`momentum` must be between \[0, 1\]"):
        legacy.SGD(momentum=2.0)
    with pytest.raises(ValueError, match="initial_accumulator_value must be non-negative"):
        legacy.Adagrad(initial_accumulator_value=-1.0)
    with pytest.raises(NotImplementedError, match="tracekeras does not implement "
                                                  "gradient_aggregator"):
        legacy.SGD(gradient_aggregator=lambda grads_and_vars: grads_and_vars)
    with pytest.raises(NotImplementedError, match="tracekeras does not implement "
                                                  "keras.optimizers.legacy.Optimizer"):
        legacy.SGD().get_gradients(None, [])


def test_get_and_deserialize_choose_the_legacy_class():
    assert type(keras.optimizers.get("adam", use_legacy_optimizer=True)) is legacy.Adam
    assert type(keras.optimizers.deserialize(
        {"class_name": "Adam", "config": {"learning_rate": 0.1}})) is legacy.Adam
    opt = legacy.Adam(decay=0.1)
    assert keras.optimizers.get(opt) is opt
    serialized = keras.optimizers.serialize(opt)
    assert serialized["module"] == "keras.optimizers.legacy"
    assert serialized["config"] == {"name": "Adam", "learning_rate": 0.001, "decay": 0.1,
                                    "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07,
                                    "amsgrad": False}


def test_compile_and_fit_with_legacy_adam():
    facts = FACTS["fit"]
    model = keras.Sequential([keras.layers.Dense(4, activation="tanh", input_shape=(5,)),
                              keras.layers.Dense(2)])
    model.set_weights([np.asarray(w, "float32") for w in facts["initial"]])
    model.compile(optimizer=legacy.Adam(learning_rate=0.01, decay=0.01), loss="mse")
    history = model.fit(np.asarray(facts["x"], "float32"), np.asarray(facts["y"], "float32"),
                        batch_size=8, epochs=2, shuffle=False, verbose=0)
    np.testing.assert_allclose(history.history["loss"], facts["loss"], rtol=1e-5)
    for got, want in zip(model.get_weights(), facts["final"]):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert [w.name for w in model.optimizer.weights] == facts["optimizer_weight_names"]
    for got, want in zip(model.optimizer.get_weights(), facts["optimizer_weights"]):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7)


class MyMomentumOptimizer(legacy.Optimizer):
    """A user's legacy optimizer (Hands-On Machine Learning, chapter 12), as in
    make_fixtures.py."""

    def __init__(self, learning_rate=0.001, momentum=0.9, name="MyMomentumOptimizer",
                 **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("momentum", momentum)

    def _create_slots(self, var_list):
        for var in var_list:
            self.add_slot(var, "momentum")

    def _resource_apply_dense(self, grad, var):
        var_dtype = var.dtype.base_dtype
        lr_t = self._decayed_lr(var_dtype)
        momentum_var = self.get_slot(var, "momentum")
        momentum_hyper = self._get_hyper("momentum", var_dtype)
        momentum_var.assign(momentum_var * momentum_hyper - (1. - momentum_hyper) * grad)
        return var.assign_add(momentum_var * lr_t)


def test_user_subclass_of_the_legacy_optimizer():
    facts = FACTS["subclass"]
    opt = MyMomentumOptimizer(learning_rate=0.1, decay=0.1)
    variables = [Variable(np.asarray(v, "float32"), name=n)
                 for v, n in zip(FACTS["initial"], ["kernel", "bias"])]
    for grads, want in zip(FACTS["gradients"], facts["steps"]):
        opt.apply_gradients(zip([np.asarray(g, "float32") for g in grads], variables))
        for v, w in zip(variables, want):
            np.testing.assert_array_equal(v.numpy(), np.asarray(w, "float32"))
    assert [w.name for w in opt.weights] == facts["weight_names"]


@pytest.mark.parametrize("suffix", ["h5", "keras"])
def test_save_and_load_keep_the_legacy_optimizer(tmp_path, suffix):
    """.h5 keeps the optimizer's state, .keras only its config (as tf_keras 2.21)."""
    facts = FACTS["save"]
    model = keras.Sequential([keras.layers.Dense(1, input_shape=(3,),
                                                 kernel_initializer="ones")])
    model.compile(legacy.Adam(0.01, decay=0.01), "mse")
    model.fit(np.asarray(facts["x"], "float32"), np.asarray(facts["y"], "float32"), epochs=1,
              verbose=0, shuffle=False)
    path = str(tmp_path / f"m.{suffix}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.save(path)
    opt = keras.models.load_model(path).optimizer
    want = facts[suffix]
    assert type(opt) is legacy.Adam
    assert opt.get_config() == want["config"]
    assert int(opt.iterations.numpy()) == want["iterations"]
    assert len(opt.get_weights()) == len(want["weights"])
    for got, value in zip(opt.get_weights(), want["weights"]):
        np.testing.assert_allclose(got, value, rtol=1e-6)
