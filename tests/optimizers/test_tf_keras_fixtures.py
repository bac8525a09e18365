"""tracekeras optimizers against numbers real tf_keras 2.21 produced (tests/optimizers/data)."""
import json
import os

import numpy as np
import pytest

from tracekeras import optimizers
from tracekeras.backend import Variable
from tracekeras.optimizers import schedules

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(DATA, "tf_keras_optimizers.json")) as f:
    META = json.load(f)
ARRAYS = dict(np.load(os.path.join(DATA, "tf_keras_optimizers.npz")))
STEPS = META["steps"]


def fresh_variables():
    return [Variable(ARRAYS[f"init/var{i}"], name=f"dense/w{i}")
            for i in range(len(META["shapes"]))]


def grads_at(t):
    return [ARRAYS[f"grad/step{t}/var{i}"].copy() for i in range(len(META["shapes"]))]


def make(case):
    hp = dict(case["hp"])
    if isinstance(hp.get("learning_rate"), dict):
        hp["learning_rate"] = schedules.deserialize(hp["learning_rate"])
    return getattr(optimizers, case["class"])(**hp)


@pytest.mark.parametrize("key", sorted(META["cases"]))
def test_steps_match_tf_keras(key):
    case = META["cases"][key]
    opt = make(case)
    variables = fresh_variables()
    for t in range(STEPS):
        opt.apply_gradients(zip(grads_at(t), variables))
        for i, v in enumerate(variables):
            np.testing.assert_allclose(v.value, ARRAYS[f"{key}/step{t}/var{i}"], rtol=1e-6,
                                       atol=1e-7, err_msg=f"{key} step {t} var {i}")
        assert opt.learning_rate.numpy() == np.float32(case["learning_rates"][t])
    assert [v.name for v in opt.variables] == case["variable_names"]
    for j, v in enumerate(opt.variables):
        np.testing.assert_allclose(v.value, ARRAYS[f"{key}/optvar{j}"], rtol=1e-6, atol=1e-7,
                                   err_msg=f"{key} optimizer variable {v.name}")


@pytest.mark.parametrize("key", sorted(META["cases"]))
def test_config_matches_tf_keras(key):
    case = META["cases"][key]
    config = make(case).get_config()
    assert config == case["config"]


def test_loss_scale_optimizer_matches_tf_keras():
    facts = META["loss_scale"]
    rng = np.random.default_rng(facts["seed"])
    inits = [rng.normal(size=s).astype(np.float32) for s in META["shapes"]]
    grads = [[rng.normal(size=s).astype(np.float32) for s in META["shapes"]]
             for _ in range(STEPS)]
    t_inf, i_inf, *where = facts["inf_at"]
    grads[t_inf][i_inf][tuple(where)] = np.inf
    opt = optimizers.LossScaleOptimizer(optimizers.SGD(learning_rate=facts["inner_lr"]),
                                        initial_scale=facts["initial_scale"],
                                        dynamic_growth_steps=facts["dynamic_growth_steps"])
    variables = [Variable(w, name=f"dense/w{i}") for i, w in enumerate(inits)]
    for t in range(STEPS):
        opt.apply_gradients(zip(grads[t], variables))
        for i, v in enumerate(variables):
            np.testing.assert_allclose(v.value, ARRAYS[f"lso/step{t}/var{i}"], rtol=1e-6,
                                       atol=1e-7, err_msg=f"loss scale step {t} var {i}")
        assert float(opt.loss_scale) == facts["scales"][t]
        assert int(opt.dynamic_counter.numpy()) == facts["counters"][t]
    assert int(opt.iterations.numpy()) == facts["iterations"]
    assert opt.get_config() == facts["config"]
    serialized = optimizers.serialize(opt)
    # Keras names the module tf_keras.src.mixed_precision...; tracekeras drops "tf_keras.src."
    assert serialized["module"] == "keras.mixed_precision.loss_scale_optimizer"
    want = dict(facts["serialized"], module=serialized["module"])
    assert serialized == want
    again = optimizers.deserialize(serialized)
    assert again.get_config() == facts["config"]


@pytest.mark.parametrize("key", sorted(META["schedules"]))
def test_schedules_match_tf_keras(key):
    facts = META["schedules"][key]
    schedule = getattr(schedules, key.split("_")[0])(**facts["config"])
    for step, want in zip(facts["steps"], facts["values"]):
        got = schedule(np.int64(step))
        assert np.float32(got) == pytest.approx(np.float32(want), rel=1e-6, abs=1e-8), step
    again = schedules.deserialize(schedules.serialize(schedule))
    assert type(again) is type(schedule) and again.get_config() == schedule.get_config()
