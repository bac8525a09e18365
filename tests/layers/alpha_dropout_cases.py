"""The AlphaDropout cases of ``make_alpha_dropout_fixtures.py``, run by either engine
(``tf`` is TensorFlow or tracekeras's import shim): eager draws, a fit whose train
function draws the masks, a summary and the layer's config."""
import numpy as np


def inputs():
    return np.linspace(-1.5, 1.5, 6 * 5, dtype="float32").reshape(6, 5)


def eager(tf):
    """Outputs and input gradients of two training calls after ``set_random_seed(3)``, and
    what the layer returns without the training flag, with rate 0 and with rate 1."""
    layers = tf.keras.layers
    tf.keras.utils.set_random_seed(3)
    layer = layers.AlphaDropout(0.3)
    x = tf.Variable(inputs())
    out = {}
    for i in range(2):
        with tf.GradientTape() as tape:
            y = layer(x, training=True)
            total = tf.reduce_sum(y * np.arange(1, 31, dtype="float32").reshape(6, 5))
        out[f"training_{i}"] = np.asarray(y)
        out[f"gradient_{i}"] = np.asarray(tape.gradient(total, x))
    out["inference"] = np.asarray(layer(inputs()))
    out["rate_0"] = np.asarray(layers.AlphaDropout(0.0)(inputs(), training=True))
    out["rate_1"] = np.asarray(layers.AlphaDropout(1.0)(inputs(), training=True))
    out["noise_shape"] = np.asarray(layers.AlphaDropout(0.5, noise_shape=(6, 1))(
        inputs(), training=True))
    return out


def fixed_weights(model):
    model.set_weights([np.linspace(-0.6, 0.6, int(np.prod(w.shape)), dtype="float32")
                       .reshape(w.shape) for w in model.get_weights()])


def fit(tf):
    """A two-epoch fit of Dense -> AlphaDropout -> Dense with fixed weights after
    ``set_random_seed(11)``: the losses and the weights it leaves."""
    layers = tf.keras.layers
    tf.keras.utils.set_random_seed(11)
    model = tf.keras.Sequential([layers.Dense(8, activation="selu", input_shape=[5]),
                                 layers.AlphaDropout(0.25), layers.Dense(1)])
    fixed_weights(model)
    model.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(learning_rate=0.05))
    x = np.concatenate([inputs(), -inputs()])
    y = x.sum(axis=1, keepdims=True)
    history = model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    return {"losses": np.asarray(history.history["loss"]),
            **{f"weight_{i}": w for i, w in enumerate(model.get_weights())}}


def summary_and_config(tf):
    tf.keras.backend.clear_session()     # the layer names count from a fresh session
    layers = tf.keras.layers
    model = tf.keras.Sequential([layers.Dense(3, input_shape=[4]), layers.AlphaDropout(0.2)])
    lines = []
    model.summary(print_fn=lines.append)
    layer = layers.AlphaDropout(0.2, noise_shape=(2, 1), seed=5, name="alpha")
    return {"summary": lines, "config": layer.get_config(),
            "weights": [w.name for w in model.layers[1].weights]}
