"""ConvLSTM1D, ConvLSTM2D and ConvLSTM3D against tf_keras 2.21 (fixtures from
make_conv_lstm_fixtures.py): outputs and gradients for the same weights (strides, dilation,
channels_first, return_state, go_backwards, initial_state, masks, training mode), weight
names, output shapes, configs and their round trip; keras.io's next-frame model (ConvLSTM2D,
BatchNormalization over 5-D, Conv3D) in both modes, its summary and a 2-epoch fit; a
stateful layer; Keras's errors."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers, losses, optimizers
from tracekeras.backend import GradientTape, Tensor, clear_session, ops
from tracekeras.models import Model, Sequential

from .conv_helpers import error_of, jsonable, summary_lines
from .rnn_helpers import strip

DATA = os.path.join(os.path.dirname(__file__), "data")
with open(os.path.join(DATA, "conv_lstm.json")) as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(DATA, "conv_lstm.npz"))
RTOL = ATOL = 2e-5


def run_case(name):
    case = KERAS["cases"][name]
    clear_session()
    layer = getattr(layers, case["class"])(**case["kwargs"])
    layer.build(tuple(case["shape"]))
    layer.set_weights([ARRAYS[f"{name}/weight{i}"] for i in range(len(layer.weights))])
    x = Tensor(ARRAYS[f"{name}/x"])
    options, call = case["options"], {}
    states = [Tensor(ARRAYS[f"{name}/state{i}"]) for i in range(options.get("states", 0))]
    if states:
        call["initial_state"] = states
    if options.get("mask"):
        call["mask"] = ARRAYS[f"{name}/mask"]
    if options.get("training"):
        call["training"] = True
    with GradientTape() as tape:
        tape.watch([x] + states)
        out = layer(x, **call)
        outs = out if isinstance(out, list) else [out]
        total = ops.add(0.0, 0.0)
        for i, o in enumerate(outs):
            total = ops.add(total, ops.reduce_sum(o * ARRAYS[f"{name}/w{i}"]))
    grads = tape.gradient(total, [x] + states + layer.trainable_weights)
    return layer, outs, grads


@pytest.mark.parametrize("name", sorted(KERAS["cases"]))
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    case = KERAS["cases"][name]
    layer, outs, grads = run_case(name)
    assert len(outs) == case["outputs"]
    for i, out in enumerate(outs):
        assert out.dtype == np.float32
        np.testing.assert_allclose(out.value, ARRAYS[f"{name}/out{i}"], rtol=RTOL, atol=ATOL,
                                   err_msg=f"output {i}")
    np.testing.assert_allclose(grads[0], ARRAYS[f"{name}/dx"], rtol=RTOL, atol=ATOL)
    states = case["options"].get("states", 0)
    for i in range(states):
        np.testing.assert_allclose(grads[1 + i], ARRAYS[f"{name}/dstate{i}"], rtol=RTOL,
                                   atol=ATOL, err_msg=f"state {i}")
    for i, grad in enumerate(grads[1 + states:]):
        np.testing.assert_allclose(grad, ARRAYS[f"{name}/dweight{i}"], rtol=RTOL, atol=ATOL,
                                   err_msg=f"weight {i}")
    assert [[w.name, list(w.shape)] for w in layer.weights] == case["weights"]
    shape = (None,) + tuple(case["shape"][1:])
    assert jsonable(layer.compute_output_shape(shape)) == case["output_shape"]
    assert strip(jsonable(layer.get_config())) == strip(case["config"])


@pytest.mark.parametrize("name", sorted(KERAS["cases"]))
def test_config_round_trip_gives_the_same_layer(name):
    """A layer rebuilt from tf_keras's config has that config, and the same outputs."""
    case = KERAS["cases"][name]
    clear_session()
    cls = getattr(layers, case["class"])
    layer = cls.from_config(case["config"])
    assert strip(jsonable(layer.get_config())) == strip(case["config"])
    assert type(layers.deserialize({"class_name": case["class"],
                                    "config": case["config"]})) is cls


def next_frame_model():
    """keras.io's conv_lstm model, small: 4 filters, 8x8 frames."""
    inp = layers.Input(shape=(None, 8, 8, 1))
    x = layers.ConvLSTM2D(filters=4, kernel_size=(3, 3), padding="same",
                          return_sequences=True, activation="relu")(inp)
    x = layers.BatchNormalization()(x)
    x = layers.ConvLSTM2D(filters=4, kernel_size=(1, 1), padding="same",
                          return_sequences=True, activation="relu")(x)
    x = layers.Conv3D(filters=1, kernel_size=(3, 3, 3), activation="sigmoid",
                      padding="same")(x)
    return Model(inp, x)


def initial_model():
    clear_session()
    model = next_frame_model()
    model.set_weights([ARRAYS[f"model/initial{i}"] for i in range(len(model.weights))])
    return model


def test_next_frame_model_summary_and_weight_names():
    model = initial_model()
    assert summary_lines(model) == KERAS["model"]["summary"]
    assert [w.name for w in model.weights] == KERAS["model"]["weights"]


def test_next_frame_model_in_both_modes_and_its_training_gradients():
    """BatchNormalization over 5-D sequences: batch statistics in training, the moving ones
    in inference."""
    model = initial_model()
    x = Tensor(ARRAYS["model/x"])
    np.testing.assert_allclose(model(x, training=False).value, ARRAYS["model/inference"],
                               rtol=RTOL, atol=ATOL)
    with GradientTape() as tape:
        tape.watch(x)
        out = model(x, training=True)
        total = ops.reduce_sum(out * ARRAYS["model/y"])
    np.testing.assert_allclose(out.value, ARRAYS["model/training"], rtol=RTOL, atol=ATOL)
    grads = tape.gradient(total, [x] + model.trainable_weights)
    np.testing.assert_allclose(grads[0], ARRAYS["model/dx"], rtol=1e-4, atol=1e-5)
    for i, grad in enumerate(grads[1:]):
        np.testing.assert_allclose(grad, ARRAYS[f"model/dweight{i}"], rtol=1e-4, atol=1e-5,
                                   err_msg=f"weight {i}")


def test_next_frame_model_fit_equals_tf_keras():
    model = initial_model()
    model.compile(loss=losses.binary_crossentropy,
                  optimizer=optimizers.Adam(learning_rate=0.01))
    history = model.fit(ARRAYS["model/x"], ARRAYS["model/y"], batch_size=3, epochs=2,
                        shuffle=False, verbose=0)
    np.testing.assert_allclose(history.history["loss"], KERAS["model"]["history"]["loss"],
                               rtol=1e-5)
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, ARRAYS[f"model/final{i}"], rtol=1e-4, atol=1e-5,
                                   err_msg=f"weight {i}")


def test_stateful_layer_goes_on_from_its_last_states_until_reset():
    clear_session()
    layer = layers.ConvLSTM2D(2, 3, padding="same", stateful=True, return_sequences=True)
    model = Sequential([layers.Input(batch_shape=(2, None, 5, 5, 1)), layer])
    model.set_weights([ARRAYS[f"stateful/weight{i}"] for i in range(3)])
    for i in range(2):
        np.testing.assert_allclose(model(ARRAYS[f"stateful/x{i}"]).value,
                                   ARRAYS[f"stateful/out{i}"], rtol=RTOL, atol=ATOL)
    layer.reset_states()
    np.testing.assert_allclose(model(ARRAYS["stateful/x1"]).value,
                               ARRAYS["stateful/after_reset"], rtol=RTOL, atol=ATOL)
    assert [list(s.shape) for s in layer.states] == KERAS["stateful"]["states"]


def core(message):
    """The message itself, without Keras's "Exception encountered when calling" frame."""
    if message.startswith("Exception encountered"):
        return message.split("\n\n")[1]
    return message


ERRORS = {
    "on_4d_input": lambda: layers.ConvLSTM2D(4, 3)(layers.Input((5, 8, 8))),
    "unroll": lambda: layers.ConvLSTM2D(4, 3, unroll=True),
    "stateful_unknown_batch": lambda: layers.ConvLSTM2D(4, 3, stateful=True)(
        layers.Input((5, 8, 8, 1))),
    "dropout_one_training": lambda: layers.ConvLSTM2D(2, 3, dropout=1.0)(
        np.zeros((1, 2, 4, 4, 1), np.float32), training=True),
    "lstm_dropout_one_training": lambda: layers.LSTM(2, dropout=1.0)(
        np.zeros((1, 2, 3), np.float32), training=True),
    "causal_2d": lambda: layers.ConvLSTM2D(4, 3, padding="causal")(layers.Input((5, 8, 8, 1))),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_are_tf_keras_s(name):
    clear_session()
    expected = KERAS["errors"][name]
    got = error_of(ERRORS[name])
    assert got is not None and got[0] == expected[0]
    assert core(got[1]) == core(expected[1])


def test_layer_reads_its_cell_s_settings():
    layer = layers.ConvLSTM2D(4, 3, strides=2)
    assert (layer.filters, layer.kernel_size, layer.strides, layer.padding) == (
        4, (3, 3), (2, 2), "valid")
    assert layer.cell.state_size == (4, 4)
    assert layer.name.startswith("conv_lstm2d")
