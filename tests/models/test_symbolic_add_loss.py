"""``Model.add_loss`` of a model's symbolic tensor against tf_keras 2.21
(``make_symbolic_add_loss_fixtures.py``): the layers between the inputs and the loss and an
``add_loss`` layer are inserted into the graph (their names and order, the summary), a call
computes the loss, and a two-epoch fit from tf_keras's weights minimizes it with the
compiled loss to the same numbers."""
import json
import os

import numpy as np
import pytest

from tracekeras import backend as K
from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.engine.base_layer import Layer
from tracekeras.models import Model
from tracekeras.shim.errors import OperationNotImplementedByTracekeras

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "symbolic_add_loss.json"), encoding="utf-8") as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "symbolic_add_loss.npz"))


def arrays_of(prefix):
    count = len([k for k in ARRAYS.files if k.startswith(prefix)])
    return [ARRAYS[f"{prefix}{i}"] for i in range(count)]


def model():
    """make_symbolic_add_loss_fixtures.model, written the same way."""
    clear_session()
    inputs = layers.Input(shape=[6])
    z = layers.Dense(4, activation="selu")(inputs)
    mean = layers.Dense(2)(z)
    log_var = layers.Dense(2)(z)
    encoder = Model(inputs, [mean, log_var])
    decoder_inputs = layers.Input(shape=[2])
    decoder = Model(decoder_inputs, layers.Dense(6, activation="sigmoid")(decoder_inputs))
    codings, _ = encoder(inputs)
    m = Model(inputs, decoder(codings))
    latent = -0.5 * K.sum(1 + log_var - K.exp(log_var) - K.square(mean), axis=-1)
    m.add_loss(K.mean(latent) / 6.0)
    m.set_weights(arrays_of("initial"))
    return m


def test_the_loss_layers_are_inserted_as_in_tf_keras():
    m = model()
    assert [layer.name for layer in m.layers] == KERAS["layers"]
    lines = []
    m.summary(print_fn=lines.append, line_length=110)
    assert lines == KERAS["summary"]


def test_a_call_adds_the_loss():
    m = model()
    np.testing.assert_allclose(np.asarray(m(ARRAYS["x"])), ARRAYS["called"], rtol=1e-5)
    np.testing.assert_allclose([float(np.asarray(loss)) for loss in m.losses],
                               ARRAYS["call_losses"], rtol=1e-5)


def test_a_short_fit_matches_tf_keras():
    m = model()
    m.compile(loss="binary_crossentropy", optimizer="rmsprop")
    history = m.fit(ARRAYS["x"], ARRAYS["x"], epochs=2, batch_size=8, shuffle=False,
                    verbose=0).history
    np.testing.assert_allclose(history["loss"], KERAS["history"]["loss"], rtol=1e-5)
    for ours, theirs in zip(m.get_weights(), arrays_of("fitted")):
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-6)


def test_a_plain_layer_refuses_a_symbolic_loss_in_one_line():
    inputs = layers.Input(shape=[3])
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match="_graph_network_add_loss .*test_symbolic_add_loss.py line"):
        Layer().add_loss(K.mean(inputs))
