"""Write the reference of ``Model.add_loss`` given a model's symbolic tensor (the book's
variational autoencoder's latent loss), from real tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/models/make_symbolic_add_loss_fixtures.py

``model()`` is the same in both libraries: an encoder model of two Dense heads (mean and
log variance) and a decoder model, chained on one Input; the latent loss
``K.mean(-0.5 * K.sum(1 + log_var - K.exp(log_var) - K.square(mean), axis=-1)) / 6`` reads
the encoder's inner tensors and is added with ``model.add_loss``. Recorded after
``keras.utils.set_random_seed(3)``: the model's layer names (the inserted layers and the
``add_loss`` layer at the end), the summary, the initial weights, the outputs and losses
of a call, the history of a two-epoch fit (no shuffling) and the weights after it.

Output: ``data/symbolic_add_loss.json`` and ``data/symbolic_add_loss.npz``.
"""
import json
import os

import numpy as np
import tensorflow as tf
import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")


def model():
    K = keras.backend
    inputs = keras.layers.Input(shape=[6])
    z = keras.layers.Dense(4, activation="selu")(inputs)
    mean = keras.layers.Dense(2)(z)
    log_var = keras.layers.Dense(2)(z)
    encoder = keras.models.Model(inputs, [mean, log_var])
    decoder_inputs = keras.layers.Input(shape=[2])
    decoder = keras.models.Model(decoder_inputs,
                                 keras.layers.Dense(6, activation="sigmoid")(decoder_inputs))
    codings, _ = encoder(inputs)
    m = keras.models.Model(inputs, decoder(codings))
    latent = -0.5 * K.sum(1 + log_var - K.exp(log_var) - K.square(mean), axis=-1)
    m.add_loss(K.mean(latent) / 6.0)
    return m


def main():
    os.makedirs(DATA, exist_ok=True)
    keras.utils.set_random_seed(3)
    m = model()
    x = np.random.default_rng(0).random((16, 6)).astype("float32")
    arrays = {"x": x}
    for i, w in enumerate(m.get_weights()):
        arrays[f"initial{i}"] = w
    arrays["called"] = m(x).numpy()
    arrays["call_losses"] = np.array([float(loss) for loss in m.losses])
    lines = []
    m.summary(print_fn=lines.append, line_length=110)
    m.compile(loss="binary_crossentropy", optimizer="rmsprop")
    history = m.fit(x, x, epochs=2, batch_size=8, shuffle=False, verbose=0).history
    for i, w in enumerate(m.get_weights()):
        arrays[f"fitted{i}"] = w
    out = {"layers": [layer.name for layer in m.layers], "summary": lines, "history": history,
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    np.savez_compressed(os.path.join(DATA, "symbolic_add_loss.npz"), **arrays)
    with open(os.path.join(DATA, "symbolic_add_loss.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
