"""Write the reference of a CTC endpoint layer (keras.io's captcha OCR pattern) trained by
``fit``, from real tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/models/make_ctc_endpoint_fixtures.py

``model()`` is the same in both libraries: a sequence Input and a label Input, a Dense
softmax over 5 classes (the last the blank), and ``CTCLayer``, which calls
``keras.backend.ctc_batch_cost`` with every sample's full lengths and hands the
``(batch, 1)`` loss to ``add_loss``. Recorded: the initial weights (after
``keras.utils.set_random_seed(5)``), the losses of a call, the history of a two-epoch
fit with plain SGD (its step is the gradient of the summed per-sample losses; the logged
loss is their mean), the weights after it, and the greedy ``ctc_decode`` of the
prediction model made from ``get_layer(...).output``.

Output: ``data/ctc_endpoint.json`` and ``data/ctc_endpoint.npz``.
"""
import json
import os

import numpy as np
import tensorflow as tf
import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")


class CTCLayer(keras.layers.Layer):
    def call(self, y_true, y_pred):
        batch_len = tf.cast(tf.shape(y_true)[0], dtype="int64")
        input_length = tf.cast(tf.shape(y_pred)[1], dtype="int64")
        label_length = tf.cast(tf.shape(y_true)[1], dtype="int64")
        input_length = input_length * tf.ones(shape=(batch_len, 1), dtype="int64")
        label_length = label_length * tf.ones(shape=(batch_len, 1), dtype="int64")
        self.add_loss(keras.backend.ctc_batch_cost(y_true, y_pred, input_length,
                                                   label_length))
        return y_pred


def model():
    sequence = keras.layers.Input(shape=(8, 6), name="sequence")
    labels = keras.layers.Input(shape=(None,), name="label", dtype="float32")
    x = keras.layers.Dense(5, activation="softmax", name="dense2")(sequence)
    output = CTCLayer(name="ctc_loss")(labels, x)
    m = keras.models.Model([sequence, labels], output)
    m.compile(optimizer=keras.optimizers.SGD(0.05))
    return m


def data():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, size=(12, 3)).astype("float32")
    x = rng.normal(size=(12, 8, 6)).astype("float32")
    x[np.arange(12)[:, None], np.arange(3)[None, :] * 2 + 1, y.astype(int)] += 2.0
    return x, y


def main():
    os.makedirs(DATA, exist_ok=True)
    keras.utils.set_random_seed(5)
    m = model()
    x, y = data()
    arrays = {"x": x, "y": y}
    for i, w in enumerate(m.get_weights()):
        arrays[f"initial{i}"] = w
    m({"sequence": x, "label": y})
    arrays["call_losses"] = np.array([loss.numpy() for loss in m.losses])
    history = m.fit({"sequence": x, "label": y}, epochs=2, batch_size=4, shuffle=False,
                    verbose=0).history
    for i, w in enumerate(m.get_weights()):
        arrays[f"fitted{i}"] = w
    prediction_model = keras.models.Model(m.get_layer(name="sequence").input,
                                          m.get_layer(name="dense2").output)
    preds = prediction_model.predict(x, verbose=0)
    decoded, log_prob = keras.backend.ctc_decode(preds, np.ones(12) * 8)
    arrays["decoded"] = decoded[0].numpy()
    arrays["log_prob"] = log_prob.numpy()
    out = {"history": history, "layers": [layer.name for layer in m.layers],
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    np.savez_compressed(os.path.join(DATA, "ctc_endpoint.npz"), **arrays)
    with open(os.path.join(DATA, "ctc_endpoint.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
