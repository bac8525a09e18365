"""A layer call with more than one input tensor, or a number, survives a config, a
``.keras`` file and a legacy ``.h5`` file, in both directions with tf_keras 2.21.

Arithmetic on KerasTensors makes TFOpLambda layers: the config writes the call as
TensorFlow's op dispatch made it (``y`` and ``name`` in the kwargs, a number on the left as
``_CONSTANT_VALUE``), and a file names the class by tf_keras's module. A tensor given to a
layer beside its first argument (MultiHeadAttention's ``value``, ``key`` and
``attention_mask``, Attention's masks) is written as ``[layer, node, index]`` inside the
kwargs and found again when the graph is rebuilt. data/graph_calls.json and the
``tf_graph_*`` files are tf_keras's (make_graph_call_fixtures.py), which also loaded the
``tk_graph_*`` files tracekeras wrote (make_graph_call_files.py).
"""
import json
import os
import zipfile

import numpy as np
import pytest

import tracekeras as keras

from . import graph_call_models

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(HERE, "graph_calls.json")) as f:
    KERAS = json.load(f)["models"]
NAMES = sorted(graph_call_models.MODELS)


def fresh(name):
    keras.backend.clear_session()
    keras.utils.set_random_seed(1)
    return graph_call_models.MODELS[name](keras)


def as_json(value):
    return json.loads(json.dumps(value))


def config_json(path):
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read("config.json"))


def inputs_from(npz, name):
    keys = sorted((k for k in npz.files if k.startswith(f"{name}_x")),
                  key=lambda k: int(k[len(name) + 2:]))
    arrays = [npz[k] for k in keys]
    return arrays if len(arrays) > 1 else arrays[0]


@pytest.mark.parametrize("name", NAMES)
def test_the_config_writes_each_call_as_tf_keras_does(name):
    assert as_json(graph_call_models.layer_calls(fresh(name))) == KERAS[name]["layer_calls"]


@pytest.mark.parametrize("name", NAMES)
def test_a_keras_file_names_each_layer_class_as_tf_keras_does(name, tmp_path):
    fresh(name).save(tmp_path / "m.keras")
    entries = graph_call_models.saved_entries(config_json(tmp_path / "m.keras"))
    assert entries == KERAS[name]["saved_entries"]


@pytest.mark.parametrize("name", NAMES)
def test_from_config_rebuilds_the_same_calls(name):
    model = fresh(name)
    rebuilt = keras.Model.from_config(model.get_config())
    rebuilt.set_weights(model.get_weights())
    x = graph_call_models.inputs(name)
    assert list(rebuilt(x).shape) == KERAS[name]["from_config_output_shape"]
    np.testing.assert_array_equal(np.asarray(rebuilt(x)), np.asarray(model(x)))
    assert as_json(graph_call_models.layer_calls(rebuilt)) == KERAS[name]["layer_calls"]


@pytest.mark.parametrize("ext", ["keras", "h5"])
@pytest.mark.parametrize("name", NAMES)
def test_a_file_tf_keras_saved_loads_with_its_predictions(name, ext):
    expect = np.load(os.path.join(HERE, "tf_graph_expect.npz"))
    model = keras.models.load_model(os.path.join(HERE, f"tf_graph_{name}.{ext}"))
    np.testing.assert_allclose(model.predict(inputs_from(expect, name), verbose=0),
                               expect[f"{name}_pred"], rtol=0, atol=1e-5)


@pytest.mark.parametrize("name", NAMES)
def test_tf_keras_loaded_our_files_and_we_still_write_them(name, tmp_path):
    verdict = KERAS[name]["tf_keras_reads_tracekeras"]
    assert verdict["keras"] < 1e-5 and verdict["h5"] < 1e-5
    fresh(name).save(tmp_path / "m.keras")
    assert config_json(tmp_path / "m.keras") == config_json(
        os.path.join(HERE, f"tk_graph_{name}.keras"))


def test_a_number_on_the_left_stays_on_the_left_after_loading(tmp_path):
    a = keras.Input((2,))
    model = keras.Model(a, 10.0 - a)
    model.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras")
    np.testing.assert_array_equal(loaded(np.array([[1.0, 4.0]], "float32")), [[9.0, 6.0]])


def test_a_call_argument_that_is_not_json_is_refused_naming_the_layer():
    class Scale(keras.layers.Layer):
        def call(self, inputs, factor=None):
            return inputs * 2.0

    a = keras.Input((2,))
    model = keras.Model(a, Scale(name="scale")(a, factor=object()))
    with pytest.raises(TypeError, match="Layer scale was passed non-JSON-serializable"):
        model.get_config()
