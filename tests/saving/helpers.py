"""The tracekeras models whose saved files real tf_keras must load (``check_with_tf_keras.py``).

Every name is given, so the configs do not depend on how many layers were made
before: ``config.json`` is the same bytes on every run.
"""
import numpy as np

from tracekeras import constraints, layers, losses, optimizers
from tracekeras.models import Model, Sequential


def seq_model():
    model = Sequential([layers.Input((4,), name="tk_in"),
                        layers.Dense(3, activation="relu", name="tk_dense"),
                        layers.Dropout(0.5, name="tk_dropout"),
                        layers.Dense(2, name="tk_dense_1")], name="tk_seq")
    model.compile(optimizer="adam", loss="mse")
    return model


def func_model():
    inputs = layers.Input((8, 8, 1), name="tk_image")
    h = layers.Conv2D(2, 3, activation="relu", name="tk_conv")(inputs)
    h = layers.MaxPooling2D(name="tk_pool")(h)
    h = layers.Flatten(name="tk_flatten")(h)
    h = layers.Dropout(0.25, name="tk_dropout")(h)
    outputs = layers.Dense(3, activation="softmax", name="tk_dense")(h)
    model = Model(inputs, outputs, name="tk_func")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def objs_model():
    """Compiled with objects, not names: an Adam instance, a Loss instance, a metric."""
    model = Sequential([layers.Input((4,), name="tk_in"),
                        layers.Dense(3, activation="relu", kernel_initializer="he_normal",
                                     name="tk_dense"),
                        layers.Dense(3, activation="softmax", name="tk_dense_1")],
                       name="tk_objs")
    model.compile(optimizer=optimizers.Adam(learning_rate=0.01),
                  loss=losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])
    return model


def nest_model():
    """A Sequential block inside a functional model."""
    inputs = layers.Input((4,), name="tk_in")
    block = Sequential([layers.Dense(3, activation="relu", name="tk_block_dense"),
                        layers.Dense(3, activation="tanh", name="tk_block_dense_1")],
                       name="tk_block")
    outputs = layers.Dense(2, name="tk_dense")(block(inputs))
    model = Model(inputs, outputs, name="tk_nest")
    model.compile(optimizer="adam", loss="mse")
    return model


def zoo_model():
    """Embedding, recurrent layers, a wrapper and batch normalization."""
    inputs = layers.Input((5,), dtype="int32", name="tk_tokens")
    h = layers.Embedding(10, 4, name="tk_embedding")(inputs)
    h = layers.LSTM(3, return_sequences=True, name="tk_lstm")(h)
    h = layers.Bidirectional(layers.GRU(2, name="tk_gru"), name="tk_bidirectional")(h)
    h = layers.BatchNormalization(name="tk_batch_normalization")(h)
    outputs = layers.Dense(2, name="tk_dense")(h)
    model = Model(inputs, outputs, name="tk_zoo")
    model.compile(optimizer="adam", loss="mse")
    return model


def constrained_model():
    """Weights under constraints: a MaxNorm kernel, a NonNeg bias, a MinMaxNorm PReLU slope."""
    model = Sequential([layers.Input((4,), name="tk_in"),
                        layers.Dense(3, kernel_constraint=constraints.MaxNorm(1.5),
                                     bias_constraint="non_neg", name="tk_dense"),
                        layers.PReLU(alpha_initializer="ones",
                                     alpha_constraint=constraints.MinMaxNorm(0.1, 0.9, rate=0.5),
                                     name="tk_prelu"),
                        layers.Dense(2, name="tk_dense_1")], name="tk_constrained")
    model.compile(optimizer="adam", loss="mse")
    return model


def data(name):
    if name in ("seq", "nest", "constrained"):
        return (np.linspace(-1, 1, 32, dtype="float32").reshape(8, 4),
                np.linspace(0, 1, 16, dtype="float32").reshape(8, 2))
    if name == "zoo":
        return (np.arange(40) % 10).reshape(8, 5).astype("int32"), np.zeros((8, 2), "float32")
    if name == "objs":
        return np.linspace(-1, 1, 16, dtype="float32").reshape(4, 4), np.array([0, 1, 2, 1])
    return (np.linspace(-1, 1, 256, dtype="float32").reshape(4, 8, 8, 1),
            np.array([0, 1, 2, 1]))


def trained(name):
    """The model, trained one step (so Adam's slots exist), and its inputs."""
    model = {"seq": seq_model, "func": func_model, "objs": objs_model,
             "nest": nest_model, "zoo": zoo_model, "constrained": constrained_model}[name]()
    x, y = data(name)
    model.fit(x, y, batch_size=len(x), epochs=1, verbose=0)
    return model, x


MODELS = ("seq", "func", "objs", "nest", "zoo", "constrained")
