"""The models of ``make_h5_training_config.py``, built by either engine (``keras`` is
tf_keras or tracekeras's), with fixed weights."""
import numpy as np


def weights(shapes):
    return [np.linspace(-0.5, 0.5, int(np.prod(s)), dtype="float32").reshape(s) for s in shapes]


def data():
    x = np.linspace(-1, 1, 8 * 3, dtype="float32").reshape(8, 3)
    y = x.sum(axis=1, keepdims=True)
    return x, [y, 0.5 * y]


def two_outputs(keras):
    inputs = keras.Input(shape=[3], name="wide_input")
    hidden = keras.layers.Dense(4, activation="relu", name="hidden")(inputs)
    main = keras.layers.Dense(1, name="main_output")(keras.layers.concatenate([inputs, hidden]))
    aux = keras.layers.Dense(1, name="aux_output")(hidden)
    model = keras.Model(inputs=[inputs], outputs=[main, aux])
    model.set_weights(weights([w.shape for w in model.get_weights()]))
    return model


def compile_two_outputs(keras, model):
    model.compile(loss=["mse", "mse"], loss_weights=[0.9, 0.1],
                  optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.9),
                  metrics=["mae"])


def one_output(keras):
    model = keras.Sequential([keras.layers.Dense(2, activation="relu", input_shape=[3]),
                              keras.layers.Dense(1)])
    model.set_weights(weights([w.shape for w in model.get_weights()]))
    return model
