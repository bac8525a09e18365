"""A CTC endpoint layer (keras.io's captcha OCR pattern) against tf_keras 2.21
(``make_ctc_endpoint_fixtures.py``): the layer hands ``K.ctc_batch_cost``'s ``(batch, 1)``
loss to ``add_loss``; a call keeps it per sample, ``fit`` steps on the gradient of its sum
and logs its mean, and the prediction model cut at ``get_layer(...).output`` decodes as
tf_keras's; tracing shows the CTC spans and leaves the fit bit-identical."""
import json
import os

import numpy as np

import tracekeras
from tracekeras import backend as K
from tracekeras import layers, optimizers
from tracekeras.backend import clear_session
from tracekeras.models import Model

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "ctc_endpoint.json"), encoding="utf-8") as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "ctc_endpoint.npz"))


def arrays_of(prefix):
    count = len([k for k in ARRAYS.files if k.startswith(prefix)])
    return [ARRAYS[f"{prefix}{i}"] for i in range(count)]


class CTCLayer(layers.Layer):
    def call(self, y_true, y_pred):
        batch_len = K.cast(K.shape(y_true)[0], dtype="int64")
        input_length = K.cast(K.shape(y_pred)[1], dtype="int64")
        label_length = K.cast(K.shape(y_true)[1], dtype="int64")
        input_length = input_length * K.ones(shape=(batch_len, 1), dtype="int64")
        label_length = label_length * K.ones(shape=(batch_len, 1), dtype="int64")
        self.add_loss(K.ctc_batch_cost(y_true, y_pred, input_length, label_length))
        return y_pred


def model():
    """make_ctc_endpoint_fixtures.model, written the same way."""
    clear_session()
    sequence = layers.Input(shape=(8, 6), name="sequence")
    labels = layers.Input(shape=(None,), name="label", dtype="float32")
    x = layers.Dense(5, activation="softmax", name="dense2")(sequence)
    output = CTCLayer(name="ctc_loss")(labels, x)
    m = Model([sequence, labels], output)
    m.compile(optimizer=optimizers.SGD(0.05))
    m.set_weights(arrays_of("initial"))
    return m


def test_a_call_adds_the_per_sample_loss():
    m = model()
    m({"sequence": ARRAYS["x"], "label": ARRAYS["y"]})
    assert [layer.name for layer in m.layers] == KERAS["layers"]
    np.testing.assert_allclose(np.array([np.asarray(loss) for loss in m.losses]),
                               ARRAYS["call_losses"], rtol=1e-5)


def test_fit_steps_on_the_summed_loss_and_logs_its_mean():
    m = model()
    history = m.fit({"sequence": ARRAYS["x"], "label": ARRAYS["y"]}, epochs=2, batch_size=4,
                    shuffle=False, verbose=0).history
    np.testing.assert_allclose(history["loss"], KERAS["history"]["loss"], rtol=1e-5)
    for ours, theirs in zip(m.get_weights(), arrays_of("fitted")):
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-6)


def test_the_prediction_model_decodes_as_tf_keras():
    m = model()
    m.fit({"sequence": ARRAYS["x"], "label": ARRAYS["y"]}, epochs=2, batch_size=4,
          shuffle=False, verbose=0)
    prediction_model = Model(m.get_layer(name="sequence").input,
                             m.get_layer(name="dense2").output)
    preds = prediction_model.predict(ARRAYS["x"], verbose=0)
    decoded, log_prob = K.ctc_decode(preds, np.ones(12) * 8)
    np.testing.assert_array_equal(decoded[0].numpy(), ARRAYS["decoded"])
    assert decoded[0].numpy().dtype == ARRAYS["decoded"].dtype
    np.testing.assert_allclose(log_prob.numpy(), ARRAYS["log_prob"], rtol=1e-5)


def test_the_trace_shows_the_ctc_spans_and_leaves_the_fit_bit_identical():
    def fit():
        m = model()
        m.fit({"sequence": ARRAYS["x"], "label": ARRAYS["y"]}, epochs=2, batch_size=4,
              shuffle=False, verbose=0)
        return m.get_weights()
    plain = fit()
    with tracekeras.trace(level="full") as t:
        traced = fit()
        K.ctc_decode(np.full((2, 3, 5), 0.2, "float32"), np.array([3, 2]), greedy=False,
                     beam_width=3)
    for ours, theirs in zip(traced, plain):
        np.testing.assert_array_equal(ours, theirs)
    costs = [r["args"] for r in t.records
             if r["ph"] == "B" and r["name"] == "keras.backend.ctc_batch_cost"]
    steps = [c for c in costs if c == {"y_pred_shape": [4, 8, 5], "labels_shape": [4, 3]}]
    assert len(steps) == 6    # one per train step of the two epochs (12 samples, batches of 4)
    decodes = [r["args"] for r in t.records
               if r["ph"] == "B" and r["name"] == "keras.backend.ctc_decode"]
    assert decodes == [{"y_pred_shape": [2, 3, 5], "greedy": False}]
