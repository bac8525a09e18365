"""A gradient asked of some tensors only: the numbers TensorFlow gives
(data/tf_partial_gradients.json, made by make_partial_gradient_fixtures.py) and no work on
what no source receives. The tape's walk runs only the backward rules of ops on a way from
a source to the target, each asked for the inputs on such a way: the gradient of a
convnet's input picture computes no kernel's gradient, and the gradient of a
convolution's output (Grad-CAM) runs no rule of the ops before it."""
import json
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import Variable, clear_session
from tracekeras.backend.tape import GradientTape

from . import partial_gradient_scenarios
from .partial_gradient_scenarios import convnet, picture

with open(os.path.join(os.path.dirname(__file__), "data", "tf_partial_gradients.json")) as f:
    TF = json.load(f)


@pytest.fixture(scope="module")
def ours():
    clear_session()
    with shim.activated():
        import tensorflow
        return partial_gradient_scenarios.cases(tensorflow)


@pytest.mark.parametrize("case", sorted(k for k in TF if k != "_source"))
def test_the_gradients_are_tensorflow_s(ours, case):
    for got, expected in zip(ours[case], TF[case]) if case.startswith("input_and") else \
            [(ours[case], TF[case])]:
        np.testing.assert_allclose(got, expected, rtol=2e-5, atol=2e-6)


def spied(tape):
    """Each backward rule the walk runs, as (op name, the inputs it was asked for: a
    Variable's as "variable", another's as "tensor")."""
    runs = []
    for node in tape.nodes:
        def backward(g, needs, node=node, rule=node.backward):
            runs.append((node.name, [("variable" if isinstance(inp, Variable) else "tensor")
                                     for inp, need in zip(node.inputs, needs) if need]))
            return rule(g, needs)
        node.backward = backward
    return runs


def test_the_gradient_of_the_input_computes_no_weight_gradient(shim_tf):
    model = convnet(shim_tf)
    image = shim_tf.constant(picture())
    with GradientTape() as tape:
        tape.watch(image)
        loss = shim_tf.reduce_mean(model(image))
    runs = spied(tape)
    assert tape.gradient(loss, image) is not None
    assert runs and all(asked == ["tensor"] for _, asked in runs), runs
    assert any("conv" in name.lower() for name, _ in runs), runs


def test_the_gradient_of_a_hidden_output_runs_no_rule_before_it(shim_tf):
    model = convnet(shim_tf)
    extractor = shim_tf.keras.Model(model.input, model.get_layer("sepconv_act").output)
    with GradientTape() as tape:
        features = extractor(picture())
        before = len(tape.nodes)
        tape.watch(features)
        loss = shim_tf.reduce_sum(model.get_layer("predictions")(
            model.get_layer("avg_pool")(features)))
    runs = spied(tape)
    recorded_after = [node.name for node in tape.nodes[before:]]
    assert tape.gradient(loss, features) is not None
    assert before > 0 and [name for name, _ in runs] == recorded_after[::-1], runs


def test_weights_still_get_their_gradients_with_the_input(shim_tf):
    model = convnet(shim_tf)
    image = shim_tf.constant(picture())
    with GradientTape() as tape:
        tape.watch(image)
        loss = shim_tf.reduce_mean(model(image))
    runs = spied(tape)
    grads = tape.gradient(loss, [image] + model.trainable_weights)
    assert all(g is not None for g in grads)
    assert any(asked == ["tensor", "variable"] for _, asked in runs), runs
