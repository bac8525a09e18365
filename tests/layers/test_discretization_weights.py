"""Where a Discretization keeps its adapt state, against tf_keras 2.21
(``make_discretization_weight_fixtures.py``): one non-trainable weight ``summary:0`` of
shape ``(2, None)``, made by ``build``, in ``weights`` and ``get_weights()``, counting for
no parameters in ``count_params`` and ``summary()``; the boundaries are not in the config;
``set_weights`` of another summary finalizes the boundaries from it."""
import json
import os

import numpy as np
import pytest

import tracekeras as keras

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(HERE, "discretization_weights.json"), encoding="utf-8") as f:
    FACTS = json.load(f)


def weights_of(layer):
    return [{"name": w.name, "shape": list(w.shape), "dtype": w.dtype.name,
             "trainable": w.trainable} for w in layer.weights]


def summary_lines(model):
    lines = []
    model.summary(print_fn=lambda line, **_: lines.append(line))
    return lines


@pytest.fixture()
def adapted():
    keras.backend.clear_session()
    layer = keras.layers.Discretization(num_bins=4, epsilon=0.01)
    assert weights_of(layer) == FACTS["unbuilt weights"]
    layer.adapt(np.array(FACTS["adapt"], "float32"))
    return layer


def test_the_summary_is_the_layer_s_weight(adapted):
    assert weights_of(adapted) == FACTS["weights"]
    assert len(adapted.trainable_weights) == FACTS["trainable"]
    assert len(adapted.non_trainable_weights) == FACTS["non_trainable"]
    got = adapted.get_weights()
    assert [w.shape for w in got] == [np.shape(w) for w in FACTS["get_weights"]]
    np.testing.assert_allclose(got[0], FACTS["get_weights"][0], rtol=1e-6)
    np.testing.assert_allclose(adapted.bin_boundaries, FACTS["bin_boundaries"], rtol=1e-6)
    assert adapted.count_params() == FACTS["count_params"]
    config = adapted.get_config()
    config["batch_input_shape"] = list(config["batch_input_shape"])
    assert config == FACTS["config"]


def test_a_model_s_summary_and_weights(adapted):
    model = keras.Sequential([keras.Input((1,)), adapted])
    assert summary_lines(model) == FACTS["summary"]
    assert [list(np.shape(w)) for w in model.get_weights()] == FACTS["model weights"]
    assert model.predict(np.array(FACTS["query"], "float32"), verbose=0).tolist() == \
        FACTS["predict"]


def test_set_weights_takes_a_summary_of_another_length_and_finalizes(adapted):
    adapted.set_weights([np.array(FACTS["new_summary"], "float32")])
    after = FACTS["after set_weights"]
    assert [w.tolist() for w in adapted.get_weights()] == after["get_weights"]
    np.testing.assert_allclose(adapted.bin_boundaries, after["bin_boundaries"], rtol=1e-6)
    adapted.finalize_state()
    np.testing.assert_allclose(adapted.bin_boundaries, after["finalized bin_boundaries"],
                               rtol=1e-6)


def test_built_without_adapt_and_with_given_boundaries():
    built = keras.layers.Discretization(num_bins=3)
    built.build((None, 1))
    assert {"weights": weights_of(built),
            "get_weights": [list(w.shape) for w in built.get_weights()]} == \
        FACTS["built without adapt"]
    given = keras.layers.Discretization(bin_boundaries=[0.0, 1.0])
    given.build((None, 1))
    assert weights_of(given) == FACTS["given boundaries weights"]
