"""``tf.nn.softmax`` and ``tf.matmul`` on a model's KerasTensors (keras.io's Compact
Convolutional Transformers pools its sequence so), and ``K.dot`` beside them: one model
written once for tf_keras (make_softmax_matmul_dispatch_fixtures.py) and for tracekeras
(test_softmax_matmul_dispatch.py)."""
import numpy as np


def formula_weights(model):
    for layer in model.layers:
        layer.set_weights([np.sin(np.arange(w.size, dtype="float32") * 0.9 + i).reshape(
            w.shape) for i, w in enumerate(layer.get_weights())])


def build(keras, tf):
    keras.backend.clear_session()
    inputs = keras.Input((5, 3))
    representation = keras.layers.Dense(4)(inputs)
    attention_weights = tf.nn.softmax(keras.layers.Dense(1)(representation), axis=1)
    weighted = tf.matmul(attention_weights, representation, transpose_a=True)
    pooled = tf.squeeze(weighted, -2)
    flat = keras.Input((3,))
    product = keras.backend.dot(flat, tf.ones((3, 2)))
    model = keras.Model([inputs, flat], [pooled, product, tf.matmul(pooled, pooled,
                                                                    transpose_b=True)])
    formula_weights(model)
    return model


def facts(keras, tf):
    model = build(keras, tf)
    x = np.cos(np.arange(2 * 5 * 3, dtype="float32")).reshape(2, 5, 3)
    flat = np.cos(np.arange(6, dtype="float32") * 1.3).reshape(2, 3)
    config = model.get_config()
    lines = []
    model.summary(print_fn=lines.append, line_length=110)
    return {
        "layers": [layer.name for layer in model.layers],
        "classes": [type(layer).__name__ for layer in model.layers],
        "functions": [layer["config"].get("function") for layer in config["layers"]],
        "inbound": [layer["inbound_nodes"] for layer in config["layers"]],
        "outputs": [np.asarray(y).tolist() for y in model([x, flat])],
        "summary": lines[2:-6],
    }
