"""Write the reference of ``tf.one_hot`` on a model's symbolic input (a TFOpLambda layer
made by op dispatch) and of a frozen Embedding holding a ``Constant`` matrix, from real
tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_op_dispatch_fixtures.py

``model()`` is the same functional model in both libraries: int64 word indices; one
branch ``tf.one_hot(inputs, depth=DEPTH)`` into an LSTM, one an Embedding with a
``Constant`` matrix, ``trainable=False`` and ``mask_zero=True`` into
GlobalAveragePooling1D, times 2.0 (a TFOpLambda of Python arithmetic); concatenated
into a sigmoid Dense. Recorded: the summary, the
layer configs and inbound nodes of the TFOpLambda layers, the initial weights, the
predictions, the history of a two-epoch fit (no shuffling) and the weights after it;
the outputs of ``tf.one_hot`` called eagerly with on/off values and an axis; and
``op_dispatch.keras``, the fitted model saved by tf_keras (the TFOpLambda's call in its
inbound nodes, the Constant matrix as ``__numpy__``), with its predictions.

Output: ``data/op_dispatch.json``, ``data/op_dispatch.npz`` and ``data/op_dispatch.keras``.
"""
import json
import os

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
DEPTH = 7
MATRIX = np.linspace(-1, 1, DEPTH * 3).reshape(DEPTH, 3)


def model():
    inputs = keras.Input(shape=(None,), dtype="int64")
    hot = tf.one_hot(inputs, depth=DEPTH)
    x = layers.LSTM(4)(hot)
    embedded = layers.Embedding(DEPTH, 3, embeddings_initializer=keras.initializers.Constant(
        MATRIX), trainable=False, mask_zero=True)(inputs)
    y = layers.GlobalAveragePooling1D()(embedded)
    outputs = layers.Dense(1, activation="sigmoid")(layers.concatenate([x, y * 2.0]))
    return keras.Model(inputs, outputs)


def data():
    rng = np.random.default_rng(3)
    x = rng.integers(0, DEPTH, size=(24, 5))
    x[:, 3:] *= rng.integers(0, 2, size=(24, 2))    # zeros to mask
    y = (x[:, 0] % 2).astype("float32")
    return x, y


def summary_lines(m):
    lines = []
    m.summary(print_fn=lines.append, line_length=100)
    return lines


def main():
    os.makedirs(DATA, exist_ok=True)
    keras.utils.set_random_seed(5)
    m = model()
    x, y = data()
    arrays = {"x": x, "y": y, "matrix": MATRIX}
    for i, w in enumerate(m.get_weights()):
        arrays[f"initial{i}"] = w
    arrays["predicted"] = m.predict(x, verbose=0)
    m.compile(optimizer="rmsprop", loss="binary_crossentropy")
    history = m.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0).history
    for i, w in enumerate(m.get_weights()):
        arrays[f"fitted{i}"] = w
    config = m.get_config()
    ops = [layer for layer in config["layers"] if layer["class_name"] == "TFOpLambda"]
    eager = {"indices": [[0, 2], [5, 1]]}
    arrays["eager_plain"] = tf.one_hot(eager["indices"], 3).numpy()
    arrays["eager_values"] = tf.one_hot(eager["indices"], 3, on_value=5.0, off_value=-1.0,
                                        axis=0).numpy()
    m.save(os.path.join(DATA, "op_dispatch.keras"))
    arrays["fitted_predicted"] = m.predict(x, verbose=0)
    out = {"summary": summary_lines(m), "op_layers": ops, "history": history,
           "embedding_initializer": next(layer for layer in config["layers"]
                                         if layer["class_name"] == "Embedding"
                                         )["config"]["embeddings_initializer"],
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    np.savez_compressed(os.path.join(DATA, "op_dispatch.npz"), **arrays)
    with open(os.path.join(DATA, "op_dispatch.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True, default=list)
        f.write("\n")


if __name__ == "__main__":
    main()
