"""The probe's facts of a LossScaleOptimizer step and of ``Model._get_optimizer`` say what
tracekeras's own notes say: on real tf_keras (``make_fixtures.py`` traced a custom loop
with ``tracekeras.probe``) the same decisions in the same words; and, as they read an
optimizer by duck typing, on tracekeras's own objects here."""
import json
import os

import numpy as np

from tracekeras import layers, mixed_precision, models, optimizers, shim, trace
from tracekeras.backend import Variable, clear_session
from tracekeras.probe import facts

from . import cases

with open(os.path.join(os.path.dirname(__file__), "data", "mixed_precision.json")) as f:
    KERAS = json.load(f)["traced_loop"]


def test_the_trace_says_what_the_probe_traced_in_tf_keras():
    """Compile's wrap, then two steps skipped, one applied, one that doubles the scale."""
    clear_session()
    with shim.activated():
        import tensorflow
        with trace() as t:
            scales = cases.traced_loop(tensorflow)
    assert scales == KERAS["scales"] == [524288.0, 262144.0, 262144.0, 524288.0]
    assert cases.decisions(t.records) == KERAS["decisions"]


def apply_with_probe_facts(opt, grads_and_vars):
    begun = facts.loss_scale_args(opt)
    opt.apply_gradients(grads_and_vars)
    return facts.loss_scale_decision(None, (opt,), {}, begun)


def test_the_probe_reads_each_decision_as_tracekeras_notes_it():
    w = Variable(np.ones(2, np.float32), name="w")
    opt = optimizers.LossScaleOptimizer(optimizers.SGD(0.1), initial_scale=8.0,
                                        dynamic_growth_steps=2)
    steps = [np.array([1.0, np.inf], np.float32), np.ones(2, np.float32),
             np.ones(2, np.float32), np.array([np.nan, 1.0], np.float32)]
    probed = []
    with trace() as t:
        for g in steps:
            probed.append(apply_with_probe_facts(opt, [(g, w)]))
    noted = [r["args"] for r in t.records if r.get("ph") == "E"
             and r["name"].endswith("LossScaleOptimizerV3.apply_gradients")]
    assert probed == noted
    assert [p["applied"] for p in probed] == [False, True, True, False]
    assert [p["new_loss_scale"] for p in probed] == [4.0, 4.0, 8.0, 4.0]
    assert probed[2]["reason"] == "2 finite steps in a row: the scale is multiplied by 2"


def test_a_fixed_scale_always_applies():
    w = Variable(np.ones(2, np.float32), name="w")
    opt = optimizers.LossScaleOptimizer(optimizers.SGD(0.1), dynamic=False, initial_scale=4)
    assert apply_with_probe_facts(opt, [(np.ones(2, np.float32), w)]) == {
        "loss_scale": 4.0, "applied": True, "reason": "fixed loss scale: applied",
        "new_loss_scale": 4.0, "good_steps": None}


def test_the_probe_reads_the_compile_decision_as_tracekeras_notes_it():
    for policy, optimizer in (("mixed_float16", "sgd"), ("mixed_float16", None),
                              ("float64", "sgd"), ("float32", "sgd")):
        mixed_precision.set_global_policy(policy)
        try:
            model = models.Sequential([layers.Dense(2, input_shape=(3,))])
            if optimizer is None:
                optimizer = optimizers.LossScaleOptimizer(optimizers.SGD())
            with trace() as t:
                model.compile(optimizer=optimizer, loss="mse")
        finally:
            mixed_precision.set_global_policy(None)
        noted = [r.get("args") or {} for r in t.records if r.get("ph") == "E"
                 and r["name"] == "keras.engine.training.Model._get_optimizer"]
        assert noted == [facts.optimizer_choice(model.optimizer, (model, optimizer), {}, {})]
