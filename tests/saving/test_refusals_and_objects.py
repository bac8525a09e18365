"""Broken or foreign files are refused before any weight changes; configs, JSON, clones,
registered and custom objects (as the Keras serialization guide uses them)."""
import os
import zipfile

import h5py
import numpy as np
import pytest

import tracekeras as keras
from tracekeras import layers
from tracekeras.models import Sequential, clone_model, load_model, model_from_json
from tracekeras.saving import (
    get_registered_object,
    register_keras_serializable,
    serialize_keras_object,
)

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def seq():
    return Sequential([layers.Input((4,)), layers.Dense(3, activation="relu"),
                       layers.Dropout(0.5), layers.Dense(2)])


def snapshot(model):
    return [w.copy() for w in model.get_weights()]


def test_truncated_archive_is_refused(tmp_path):
    path = tmp_path / "cut.keras"
    with open(os.path.join(DATA, "tf_seq.keras"), "rb") as f:
        path.write_bytes(f.read()[:500])
    with pytest.raises(OSError, match="not a ZIP archive"):   # tf_keras: OSError too
        load_model(path)


def test_archive_without_config_is_refused(tmp_path):
    path = tmp_path / "noconf.keras"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("metadata.json", "{}")
    with pytest.raises(KeyError, match="There is no item named 'config.json'"):
        load_model(path)


def test_missing_file():
    with pytest.raises(OSError, match="No file or directory found at nowhere.keras"):
        load_model("nowhere.keras")


def test_h5_with_a_missing_layer_changes_nothing(tmp_path):
    path = tmp_path / "w.weights.h5"
    with open(os.path.join(DATA, "tf_seq.weights.h5"), "rb") as f:
        path.write_bytes(f.read())
    with h5py.File(path, "a") as h5:
        del h5["layers/dense_1"]
    model = seq()
    before = snapshot(model)
    with pytest.raises(ValueError, match=r"Layer 'dense_\d+' expected 2 variables, but received "
                                         "0 variables during loading"):
        model.load_weights(path)
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_shape_mismatch_changes_nothing():
    model = Sequential([layers.Input((4,)), layers.Dense(5), layers.Dropout(0.5),
                        layers.Dense(2)])
    before = snapshot(model)
    with pytest.raises(ValueError, match=r"Shape mismatch.The variable shape \(4, 5\), and the "
                                         r"assigned value shape \(4, 3\) are incompatible"):
        model.load_weights(os.path.join(DATA, "tf_seq.weights.h5"))
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_legacy_h5_layer_count_mismatch():
    model = Sequential([layers.Input((4,)), layers.Dense(5)])
    with pytest.raises(ValueError, match="Layer count mismatch when loading weights from file. "
                                         "Model expected 1 layers, found 2 saved layers."):
        model.load_weights(os.path.join(DATA, "tf_seq.h5"))


def test_legacy_h5_model_keeps_config_and_weights(tmp_path):
    model = seq()
    model.save(tmp_path / "m.h5")
    with h5py.File(tmp_path / "m.h5", "r") as f:
        assert "model_config" in f.attrs and "layer_names" in f["model_weights"].attrs
    again = load_model(tmp_path / "m.h5")
    for a, b in zip(model.get_weights(), again.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_no_suffix_writes_tracekeras_file_load_model_reads(tmp_path):
    model = seq()
    model.save(tmp_path / "ckpt")
    again = load_model(tmp_path / "ckpt")
    for a, b in zip(model.get_weights(), again.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_get_config_to_json_and_clone():
    model = seq()
    assert Sequential.from_config(model.get_config()).get_config() == model.get_config()
    json_config = model.to_json()
    rebuilt = model_from_json(json_config)
    assert [type(x).__name__ for x in rebuilt.layers] == ["Dense", "Dropout", "Dense"]
    assert '"keras_version": "2.21.0"' in json_config
    clone = clone_model(model)
    assert clone.get_config()["layers"][1]["config"]["units"] == 3
    assert clone.layers[0] is not model.layers[0]
    inputs = layers.Input((3,))
    functional = keras.models.Model(inputs, layers.Dense(2)(inputs))
    assert type(clone_model(functional)).__name__ == "Functional"


@register_keras_serializable(package="saving_tests")
class Scale(layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


class Unregistered(Scale):
    pass


def test_registered_and_custom_objects_round_trip(tmp_path):
    assert get_registered_object("saving_tests>Scale") is Scale
    model = Sequential([layers.Input((2,)), Scale(3.0), layers.Dense(1)])
    model.save(tmp_path / "m.keras")
    again = load_model(tmp_path / "m.keras")
    assert isinstance(again.layers[0], Scale) and again.layers[0].factor == 3.0
    x = np.ones((1, 2), "float32")
    np.testing.assert_allclose(again.predict(x, verbose=0), model.predict(x, verbose=0))

    other = Sequential([layers.Input((2,)), Unregistered(2.0)])
    other.save(tmp_path / "u.keras")
    with pytest.raises(TypeError, match="Could not locate class 'Unregistered'"):
        load_model(tmp_path / "u.keras")
    assert isinstance(load_model(tmp_path / "u.keras",
                                 custom_objects={"Unregistered": Unregistered}).layers[0],
                      Unregistered)
    with keras.utils.custom_object_scope({"Unregistered": Unregistered}):
        assert isinstance(load_model(tmp_path / "u.keras").layers[0], Unregistered)


@register_keras_serializable(package="saving_tests", name="square")
def square(x):
    return x * x


def plain_square(x):
    return x * x


def test_custom_activation_functions(tmp_path):
    """tf_keras 2.21 writes a user's activation as {"module": "builtins", "class_name":
    "function", "config": <registered name, else name>, "registered_name": "function"}."""
    x = np.ones((1, 2), "float32")
    model = Sequential([layers.Input((2,)), layers.Dense(2, activation=square)])
    config = serialize_keras_object(model)["config"]["layers"][1]["config"]
    assert config["activation"] == {"module": "builtins", "class_name": "function",
                                    "config": "saving_tests>square",
                                    "registered_name": "function"}
    model.save(tmp_path / "m.keras")
    again = load_model(tmp_path / "m.keras")
    assert again.layers[0].activation is square
    np.testing.assert_allclose(again.predict(x, verbose=0), model.predict(x, verbose=0))

    other = Sequential([layers.Input((2,)), layers.Dense(2, activation=plain_square)])
    other.save(tmp_path / "p.keras")
    with pytest.raises(TypeError, match="Could not locate function 'plain_square'"):
        load_model(tmp_path / "p.keras")
    again = load_model(tmp_path / "p.keras", custom_objects={"plain_square": plain_square})
    assert again.layers[0].activation is plain_square


def test_saving_is_traced_with_the_format_chosen(tmp_path):
    model = seq()
    with keras.trace() as t:
        model.save(tmp_path / "m.keras")
        model.save_weights(tmp_path / "w.weights.h5")
        model.save_weights(tmp_path / "w.h5")
        load_model(tmp_path / "m.keras", compile=False)
    names = [n for n in t.names() if n.startswith("keras.saving.saving_")]
    assert names == ["keras.saving.saving_lib.save_model",
                     "keras.saving.saving_api.save_weights",
                     "keras.saving.saving_lib.save_weights_only",
                     "keras.saving.saving_api.save_weights",
                     "keras.saving.saving_lib.load_model"]
    formats = [r["args"]["format"] for r in t.records
               if r["ph"] == "B" and r["name"] == "keras.saving.saving_api.save_weights"]
    assert formats == ["weights.h5", "h5"]


def test_a_failed_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "m.keras"
    model = seq()
    model.save(path)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(zipfile.ZipFile, "writestr", broken)
    with pytest.raises(OSError, match="disk full"):
        model.save(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.keras"]


@pytest.mark.parametrize("filename,weights_only", [("best.keras", False),
                                                   ("best.weights.h5", True),
                                                   ("best.h5", True)])
def test_model_checkpoint_writes_keras_formats(tmp_path, filename, weights_only):
    model = seq()
    model.compile(optimizer="adam", loss="mse")
    x = np.linspace(-1, 1, 32, dtype="float32").reshape(8, 4)
    path = tmp_path / filename
    checkpoint = keras.callbacks.ModelCheckpoint(str(path), save_weights_only=weights_only)
    model.fit(x, x[:, :2], epochs=2, verbose=0, callbacks=[checkpoint])
    if weights_only:
        again = seq()
        again.load_weights(path)
    else:
        again = load_model(path)
        assert int(again.optimizer.iterations.numpy()) == 2
    for a, b in zip(model.get_weights(), again.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_a_layer_config_with_a_user_function_rebuilds_the_layer():
    """tf_keras 2.21's ``Dense.get_config`` names a user's activation by its registered name
    in the new form; ``from_config`` finds it again, registered or in a custom object scope."""
    config = layers.Dense(2, activation=square).get_config()
    assert config["activation"]["config"] == "saving_tests>square"
    assert layers.Dense.from_config(config).activation is square
    config = layers.Dense(2, activation=plain_square).get_config()
    # tf_keras's message names the entry (its Layer.from_config wraps it in a TypeError)
    with pytest.raises(ValueError, match="Unknown activation function '{'module': 'builtins', "
                                         "'class_name': 'function', 'config': 'plain_square'"):
        layers.Dense.from_config(config)
    with keras.utils.custom_object_scope({"plain_square": plain_square}):
        assert layers.Dense.from_config(config).activation is plain_square


def test_the_legacy_arguments_of_utils_deserialize_keras_object_look_names_up():
    from tracekeras import activations
    assert keras.utils.deserialize_keras_object(
        "relu", module_objects=activations.ALL_OBJECTS,
        printable_module_name="activation function") is activations.relu
    assert keras.utils.deserialize_keras_object(
        keras.utils.serialize_keras_object(activations.relu)) is activations.relu
