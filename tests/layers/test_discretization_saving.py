"""An adapted Discretization in a ``.keras`` file, against tf_keras 2.21
(``make_discretization_saving_files.py``): Keras's weights file holds the adapt summary (a
weight of shape ``(2, None)``) as ``layers/discretization/vars/0``. tracekeras reads
tf_keras's file and writes the same layout (so tf_keras reads tracekeras's), and a
reloaded layer is what tf_keras's is: its summary back, no bin boundaries (they are not
in the config), every value in bin 0."""
import io
import json
import os
import zipfile

import h5py
import numpy as np

import tracekeras as keras

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(HERE, "tf_discretization_model.json"), encoding="utf-8") as f:
    FACTS = json.load(f)


def stored(path):
    arrays = {}
    with zipfile.ZipFile(path) as archive, archive.open("model.weights.h5") as member:
        with h5py.File(io.BytesIO(member.read()), "r") as h5:
            h5.visititems(lambda name, item: arrays.update(
                {name: item[()]} if isinstance(item, h5py.Dataset) else {}))
    return arrays


def adapted_model():
    layer = keras.layers.Discretization(num_bins=3, epsilon=0.01)
    layer.adapt(np.array(FACTS["adapt"], "float32"))
    inputs = keras.Input((1,))
    return keras.Model(inputs, layer(inputs)), layer


def test_tf_keras_s_file_loads_as_tf_keras_loads_it():
    model = keras.models.load_model(os.path.join(HERE, "tf_discretization_model.keras"))
    query = np.array(FACTS["query"], "float32")
    assert model.predict(query, verbose=0).tolist() == FACTS["loaded predict"]
    layer = model.layers[1]
    assert layer.bin_boundaries == FACTS["loaded bin_boundaries"]
    np.testing.assert_array_equal(layer.summary, FACTS["loaded summary"])


def test_the_file_holds_the_summary_where_tf_keras_s_does(tmp_path):
    model, layer = adapted_model()
    np.testing.assert_allclose(layer.bin_boundaries, FACTS["bin_boundaries"], rtol=1e-6)
    assert model.predict(np.array(FACTS["query"], "float32"), verbose=0).tolist() == \
        FACTS["predict"]
    assert model.count_params() == FACTS["count_params"]
    model.save(tmp_path / "m.keras")
    arrays = stored(tmp_path / "m.keras")
    assert {name: list(a.shape) for name, a in arrays.items()} == FACTS["stored"]
    np.testing.assert_array_equal(arrays["layers/discretization/vars/0"],
                                  FACTS["loaded summary"])
    reloaded = keras.models.load_model(tmp_path / "m.keras")
    assert reloaded.predict(np.array(FACTS["query"], "float32"), verbose=0).tolist() == \
        FACTS["loaded predict"]


def test_a_layer_with_given_boundaries_stores_nothing(tmp_path):
    inputs = keras.Input((1,))
    model = keras.Model(inputs, keras.layers.Discretization(bin_boundaries=[0.0, 1.0])(inputs))
    model.save(tmp_path / "m.keras")
    assert stored(tmp_path / "m.keras") == {}
