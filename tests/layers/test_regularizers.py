"""RepeatVector and the weight regularizers against tf_keras 2.21 (fixtures from
make_regularizer_fixtures.py): RepeatVector's output, gradient, shape, config, errors and
the summary of the addition model; each regularizer's loss, gradient and config, the
names ``get`` resolves, and short fits of a Dense model and of an LSTM and GRU model with
regularized weights, weight by weight, with their losses and configs."""
import numpy as np
import pytest

from tracekeras import layers, losses, optimizers, regularizers
from tracekeras.backend import GradientTape, Variable, clear_session
from tracekeras.models import Sequential

from .conv_helpers import check_case, error_of, jsonable, load, summary_lines

FIXTURES = load("regularizers")
KERAS, ARRAYS = FIXTURES


@pytest.mark.parametrize("name", sorted(KERAS["cases"]))
def test_repeat_vector_equals_tf_keras(name):
    check_case(name, FIXTURES)


def test_addition_model_summary_is_tf_keras_s():
    clear_session()
    model = Sequential()
    model.add(layers.LSTM(16, input_shape=(7, 12)))
    model.add(layers.RepeatVector(4))
    model.add(layers.LSTM(16, return_sequences=True))
    model.add(layers.Dense(12, activation="softmax"))
    assert summary_lines(model) == KERAS["summaries"]["addition"]


REGULARIZERS = {
    "l1": lambda: regularizers.L1(0.003),
    "l2": lambda: regularizers.L2(0.001),
    "l1l2": lambda: regularizers.L1L2(l1=0.002, l2=0.004),
    "l1l2_l2_only": lambda: regularizers.L1L2(l2=0.5),
    "l1_l2_function": lambda: regularizers.l1_l2(),
    "l2_alias_old_argument": lambda: regularizers.l2(l=0.2),
}


@pytest.mark.parametrize("name", sorted(REGULARIZERS))
def test_regularizer_loss_gradient_and_config_equal_tf_keras(name):
    regularizer = REGULARIZERS[name]()
    x = Variable(ARRAYS[f"{name}/x"])
    with GradientTape() as tape:
        loss = regularizer(x)
    np.testing.assert_allclose(loss.value, ARRAYS[f"{name}/loss"], rtol=1e-6)
    np.testing.assert_allclose(tape.gradient(loss, x), ARRAYS[f"{name}/dx"], rtol=1e-6)
    assert type(regularizer).__name__ == KERAS["regularizers"][name]["class_name"]
    assert regularizer.get_config() == KERAS["regularizers"][name]["config"]


@pytest.mark.parametrize("name", sorted(KERAS["by_name"]))
def test_get_resolves_names_as_tf_keras_does(name):
    regularizer = regularizers.get(name)
    assert [type(regularizer).__name__, regularizer.get_config()] == KERAS["by_name"][name]


@pytest.mark.parametrize("name", sorted(KERAS["serialized"]))
def test_serialize_and_back(name):
    serialized = regularizers.serialize(REGULARIZERS[name]())
    assert jsonable(serialized) == KERAS["serialized"][name]
    again = regularizers.get(serialized)
    assert again.get_config() == REGULARIZERS[name]().get_config()


ERRORS = {
    "repeat_vector_float_n": lambda: layers.RepeatVector(2.0),
    "repeat_vector_on_3d_input": lambda: layers.RepeatVector(2)(layers.Input((3, 4))),
    "l2_string_factor": lambda: regularizers.L2("0.1"),
    "l1_infinite_factor": lambda: regularizers.L1(float("inf")),
    "l2_unknown_argument": lambda: regularizers.L2(0.1, scale=2),
    "not_a_regularizer": lambda: regularizers.get(3),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_arguments_raise_what_tf_keras_raises(name):
    clear_session()
    assert error_of(ERRORS[name]) == KERAS["errors"][name]


def test_an_unknown_name_is_refused_by_name():
    # tf_keras's get("l3") hands back the string itself, which fails only when the loss is
    # computed; tracekeras refuses it where it is given
    with pytest.raises(ValueError, match="Unknown regularizer: 'l3'"):
        layers.Dense(2, kernel_regularizer="l3")


def regularized_model():
    return Sequential([
        layers.Input(shape=(6,)),
        layers.Dense(8, activation="elu", kernel_regularizer=regularizers.l2(0.01)),
        layers.Dense(8, activation="elu", kernel_regularizer="l1_l2",
                     bias_regularizer=regularizers.L1(0.02)),
        layers.Dense(1),
    ])


def regularized_rnn_model():
    return Sequential([
        layers.Input(shape=(5, 3)),
        layers.LSTM(4, return_sequences=True, kernel_regularizer=regularizers.l2(0.05),
                    recurrent_regularizer="l1", bias_regularizer=regularizers.L1L2(0.01, 0.02)),
        layers.GRU(3, recurrent_regularizer=regularizers.l2(0.03)),
        layers.Dense(1),
    ])


FITS = {"fit": regularized_model, "rnn_fit": regularized_rnn_model}


@pytest.mark.parametrize("name", sorted(FITS))
def test_a_fit_with_regularized_weights_equals_tf_keras(name):
    clear_session()
    model = FITS[name]()
    count = len(model.get_weights())
    model.set_weights([ARRAYS[f"{name}/initial{i}"] for i in range(count)])
    model.compile(optimizer=optimizers.Adam(learning_rate=0.01),
                  loss=losses.BinaryCrossentropy(from_logits=True))
    history = model.fit(ARRAYS[f"{name}/x"], ARRAYS[f"{name}/y"], batch_size=8, epochs=2,
                        shuffle=False, verbose=0)
    expected = KERAS["fits"][name]
    np.testing.assert_allclose(history.history["loss"], expected["history"]["loss"], rtol=1e-5)
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, ARRAYS[f"{name}/final{i}"], rtol=1e-4, atol=1e-6,
                                   err_msg=f"weight {i}")
    np.testing.assert_allclose([float(v.value) for v in model.losses], expected["losses"],
                               rtol=1e-5)
    configs = [jsonable(layer.get_config()) for layer in model.layers]
    assert configs == expected["configs"]
