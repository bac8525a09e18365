"""String data for a ``dtype="string"`` Input model, shared by
``make_string_array_fixture.py`` (run on tf_keras) and ``test_string_arrays.py``: the
kinds of x and the model, built with a Keras module (tf_keras or tracekeras)."""
import numpy as np

TEXTS = ["the cat sat", "a dog", "cat and dog", "zebra"]
VOCABULARY = ["the", "cat", "dog", "a", "sat"]
Y = [[1.0], [0.0], [2.0], [0.5]]
KINDS = {
    "unicode_column": lambda: np.array([[t] for t in TEXTS]),
    "bytes_column": lambda: np.array([[t.encode()] for t in TEXTS]),
    "object_column": lambda: np.array([[t] for t in TEXTS], dtype=object),
    "list_of_lists": lambda: [[t] for t in TEXTS],
    "object_column_with_an_int": lambda: np.array([[t] for t in TEXTS[:-1]] + [[7]],
                                                  dtype=object),
}


def make_model(keras):
    """``Input(shape=(1,), dtype="string")`` -> TextVectorization (multi_hot, the given
    vocabulary) -> ``Dense(1)`` (kernel of ones), SGD(0.1), mean squared error."""
    keras.backend.clear_session()
    inputs = keras.Input(shape=(1,), dtype="string")
    vectorize = keras.layers.TextVectorization(output_mode="multi_hot", vocabulary=VOCABULARY)
    dense = keras.layers.Dense(1, kernel_initializer="ones")
    model = keras.Model(inputs, dense(vectorize(inputs)))
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
    return model


def attempt(function):
    """``{"value": function()}``, or ``{"error": [type name, message]}``."""
    try:
        return {"value": function()}
    except Exception as exc:  # noqa: BLE001 - the reference records whatever is raised
        return {"error": [type(exc).__name__, str(exc)]}
