"""The seeded draws tracekeras must share with TensorFlow 2.21 and tf_keras 2.21.

Each case is ``(name, kind, call)``: ``call(tf)`` returns a dict of arrays drawn from a
fresh seed (``tf.keras`` is tf_keras). ``kind`` says how equal they must be:
"exact" (uniform and int draws, and models initialized with them), "normal" (draws
through Box-Muller, where TensorFlow calls glibc's ``logf``/``sincosf`` and tracekeras
rounds float64 results: at most one float32 ulp apart) or "qr" (exact, but for the
``Orthogonal`` recurrent kernels, whose QR is NumPy's). The same table runs through
real TensorFlow in ``make_random_fixtures.py`` (writing ``data/tf_random.npz``) and
through tracekeras's ``tf`` in ``test_tf_random_philox.py``. Plain NumPy only.
"""
import numpy as np

SEEDS = [(1, 0), (12345, 678), (-3, 2**40)]
SHAPE = (7, 143)             # 1001 values: not a multiple of four, so the last group is cut


def stateless(draw):
    def call(tf):
        return {f"seed{i}": draw(tf, seed).numpy() for i, seed in enumerate(SEEDS)}
    return call


def stateful(tf):
    tf.random.set_seed(7)
    out = {"unseeded_1": tf.random.uniform((10,)), "unseeded_2": tf.random.uniform((3, 3)),
           "op_seed_1": tf.random.uniform((10,), seed=3),
           "op_seed_2": tf.random.uniform((6,), seed=3),      # the same kernel goes on
           "op_seed_range": tf.random.uniform((9,), minval=-2.0, maxval=5.0, seed=4),
           "op_seed_maxval": tf.random.uniform((9,), maxval=5.0, seed=4),
           "int32": tf.random.uniform((9,), minval=-3, maxval=11, dtype=tf.int32, seed=5),
           "int64": tf.random.uniform((9,), minval=0, maxval=2**40, dtype=tf.int64, seed=5),
           "float64": tf.random.uniform((9,), dtype=tf.float64, seed=6),
           "float16": tf.random.uniform((9,), minval=1.0, maxval=3.0, dtype=tf.float16,
                                        seed=6)}
    out["shuffle_op_seed_1"] = tf.random.shuffle(tf.range(10), seed=5)
    out["shuffle_op_seed_2"] = tf.random.shuffle(tf.range(10), seed=5)
    out["shuffle_rows"] = tf.random.shuffle(tf.reshape(tf.range(12), (6, 2)))
    tf.random.set_seed(7)                                     # starts every stream again
    out["again_unseeded_1"] = tf.random.uniform((10,))
    out["again_op_seed_1"] = tf.random.uniform((10,), seed=3)
    tf.random.set_seed(2**40 + 5)                             # truncated to 31 bits
    out["big_global"] = tf.random.uniform((5,))
    tf.random.set_seed(None)                                  # no global seed: an op seed
    out["no_global"] = tf.random.uniform((5,), seed=8)        # pairs with a default one
    tf.keras.utils.set_random_seed(21)                        # Keras's backend functions
    out["backend_uniform"] = tf.keras.backend.random_uniform((5,))   # draw op seeds from
    out["backend_uniform_2"] = tf.keras.backend.random_uniform((3,), minval=-1.0, maxval=2.0)
    return {name: value.numpy() for name, value in out.items()}


def stateful_normal(tf):
    tf.random.set_seed(11)
    out = {"normal": tf.random.normal((1001,), mean=1.0, stddev=0.5),
           "normal_op_seed": tf.random.normal((8,), seed=2),
           "normal_op_seed_again": tf.random.normal((8,), seed=2),
           "truncated": tf.random.truncated_normal((1001,), stddev=2.0),
           "truncated_op_seed": tf.random.truncated_normal((10,), seed=2),
           "truncated_op_seed_again": tf.random.truncated_normal((10,), seed=2)}
    return {name: value.numpy() for name, value in out.items()}


def stateful_gamma(tf):
    """``tf.random.gamma``: alpha below one (MixUp's Beta draws), one (exponential) and above,
    an array of alphas, a rate broadcast against alpha, float64, a kernel going on."""
    tf.random.set_seed(5)
    out = {"alpha_0_2": tf.random.gamma((400,), 0.2),
           "alpha_1": tf.random.gamma((300,), 1.0, seed=3),
           "alphas": tf.random.gamma((7, 3), [0.5, 2.5, 9.0], seed=4),
           "beta": tf.random.gamma((50,), 2.0, beta=[1.0, 4.0], seed=4),
           "float64": tf.random.gamma((100,), 3.0, dtype=tf.float64, seed=6),
           "op_seed_1": tf.random.gamma((10,), 0.2, seed=3),
           "op_seed_2": tf.random.gamma((10,), 0.2, seed=3)}
    return {name: value.numpy() for name, value in out.items()}


def initializers(names, kwargs=None):
    """Each named initializer, seeded, on a dense and a conv kernel shape."""
    def call(tf):
        out = {}
        for name in names:
            init = getattr(tf.keras.initializers, name)(seed=1, **(kwargs or {}))
            out[f"{name}_dense"] = np.asarray(init((31, 17)))
            out[f"{name}_conv"] = np.asarray(init((3, 3, 4, 5)))
            out[f"{name}_other_seed"] = np.asarray(getattr(tf.keras.initializers, name)(
                seed=123456789, **(kwargs or {}))((9,)))
        return out
    return call


UNIFORM_INITIALIZERS = ["GlorotUniform", "HeUniform", "LecunUniform", "RandomUniform"]
NORMAL_INITIALIZERS = ["GlorotNormal", "HeNormal", "LecunNormal", "RandomNormal",
                       "TruncatedNormal"]


def unseeded_initializers(names):
    """Unseeded initializers after ``keras.utils.set_random_seed``: each new instance takes
    the next seed of Keras's seed generator; one instance called twice repeats itself."""
    def call(tf):
        tf.keras.utils.set_random_seed(42)
        out = {}
        for name in names:
            init = getattr(tf.keras.initializers, name)()
            out[f"{name}_first"] = np.asarray(init((6, 5)))
        out["reused"] = np.asarray(init((6, 5)))
        return out
    return call


def variance_scaling(tf):
    out = {}
    for mode in ("fan_in", "fan_out", "fan_avg"):
        for distribution in ("uniform", "truncated_normal", "untruncated_normal"):
            init = tf.keras.initializers.VarianceScaling(scale=0.7, mode=mode,
                                                         distribution=distribution, seed=9)
            out[f"{mode}_{distribution}"] = np.asarray(init((5, 3, 8)))
    return out


def weights(model):
    return {f"{i}_{w.name.split('/')[-1].split(':')[0]}": w.numpy()
            for i, w in enumerate(model.weights)}


def mlp(tf):
    """A seeded Sequential MLP: glorot_uniform kernels, zero biases."""
    tf.keras.utils.set_random_seed(1234)
    layers = tf.keras.layers
    model = tf.keras.Sequential([layers.Dense(64, activation="relu"), layers.Dropout(0.2),
                                 layers.Dense(32, activation="relu"), layers.Dense(10)])
    model.build((None, 20))
    return weights(model)


def mnist_convnet(tf):
    """The keras.io MNIST convnet, seeded."""
    tf.keras.utils.set_random_seed(0)
    layers = tf.keras.layers
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax")])
    return weights(model)


def embedding_model(tf):
    """Embedding ("uniform") and a He-normal Dense in a functional model."""
    tf.keras.utils.set_random_seed(5)
    layers = tf.keras.layers
    inputs = tf.keras.Input(shape=(12,), dtype="int32")
    x = layers.Embedding(50, 8)(inputs)
    x = layers.GlobalAveragePooling1D()(x)
    outputs = layers.Dense(4, kernel_initializer="he_normal")(x)
    return weights(tf.keras.Model(inputs, outputs))


def layer_zoo(tf):
    """Recurrent, bidirectional, separable, depthwise, transposed and normalization layers,
    seeded: each layer takes its initializers' seeds in tf_keras's order. The recurrent
    kernels are ``Orthogonal``: TensorFlow's normal draws through NumPy's QR, so they agree
    to float32 rounding only (kind "qr")."""
    keras = tf.keras
    layers = keras.layers
    keras.utils.set_random_seed(1)
    models = [
        keras.Sequential([layers.Input((10, 8)),
                          layers.Bidirectional(layers.LSTM(4, return_sequences=True)),
                          layers.Bidirectional(layers.GRU(3)), layers.Dense(2)]),
        keras.Sequential([layers.Input((12, 12, 3)), layers.SeparableConv2D(4, 3),
                          layers.DepthwiseConv2D(3), layers.Conv2DTranspose(2, 3),
                          layers.BatchNormalization(), layers.Flatten(), layers.Dense(3)]),
        keras.Sequential([layers.Input((5,), dtype="int32"), layers.Embedding(20, 4),
                          layers.SimpleRNN(3)])]
    return {f"{m}_{key}": value for m, model in enumerate(models)
            for key, value in weights(model).items()}


def batch_outputs(keras, stack, fits, **fit_args):
    """What a model of the layers ``stack()`` returns in training on each batch of ``fits``
    calls of ``fit`` (the same model, so the same train function), stacked."""
    seen = []

    class Recorder(keras.Model):
        def __init__(self):
            super().__init__()
            self.stack = stack()

        def call(self, x, training=None):
            for layer in self.stack:
                x = layer(x, training=training)
            return x

        def train_step(self, data):
            return {"out": self(data[0], training=True)}

    class Keep(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            seen.append(np.asarray(logs["out"]))

    model = Recorder()
    model.compile(run_eagerly=fit_args.pop("run_eagerly"))
    for _ in range(fits):
        model.fit(verbose=0, callbacks=[Keep()], **fit_args)
    return np.concatenate(seen)


def fit_shuffle(tf):
    """The batch order of ``fit(shuffle=True)`` over three epochs, a partial batch last."""
    out = {}
    for seed in (3, 0):
        tf.keras.utils.set_random_seed(seed)
        out[f"seed{seed}"] = batch_outputs(
            tf.keras, list, 1, x=np.arange(50, dtype="float32").reshape(50, 1),
            y=np.zeros((50, 1), "float32"), batch_size=8, epochs=3, shuffle=True,
            run_eagerly=True)[:, 0].astype("int64")
    return out


def dataset_shuffle(tf):
    """``Dataset.shuffle``: op seeds from the global seed, a new order on each iteration
    (or the same one), a buffer smaller and larger than the data, then batched."""
    tf.random.set_seed(5)
    ds = tf.data.Dataset.range(23).shuffle(7)
    fixed = tf.data.Dataset.range(10).shuffle(100, seed=3, reshuffle_each_iteration=False)
    batched = tf.data.Dataset.range(12).shuffle(4, seed=9).batch(5)
    return {"first": np.array([int(v) for v in ds]), "second": np.array([int(v) for v in ds]),
            "fixed_1": np.array([int(v) for v in fixed]),
            "fixed_2": np.array([int(v) for v in fixed]),
            "batched": np.concatenate([np.asarray(b) for b in batched])}


def fit_dropout(tf):
    """Two unseeded Dropout layers' outputs on ones, batch by batch, in two ``fit`` calls:
    in the train function Keras runs as a ``tf.function``, then with ``run_eagerly=True``."""
    layers = tf.keras.layers
    out = {}
    for seed, eager in ((11, False), (0, False), (11, True)):
        tf.keras.utils.set_random_seed(seed)
        out[f"seed{seed}_{'eager' if eager else 'function'}"] = batch_outputs(
            tf.keras, lambda: [layers.Dropout(0.4), layers.Dropout(0.25, noise_shape=(None, 1))],
            2, x=np.ones((12, 5), "float32"), y=np.zeros((12, 1), "float32"), batch_size=4,
            epochs=2, shuffle=False, run_eagerly=eager)
    return out


CASES = [
    ("stateless_uniform", "exact", stateless(
        lambda tf, s: tf.random.stateless_uniform(SHAPE, seed=s, minval=-1.5, maxval=0.25))),
    ("stateless_uniform_unit", "exact", stateless(
        lambda tf, s: tf.random.stateless_uniform(SHAPE, seed=s))),
    ("stateless_uniform_float64", "exact", stateless(
        lambda tf, s: tf.random.stateless_uniform(SHAPE, seed=s, dtype=tf.float64))),
    ("stateless_uniform_int32", "exact", stateless(
        lambda tf, s: tf.random.stateless_uniform(SHAPE, seed=s, minval=-5, maxval=17,
                                                  dtype=tf.int32))),
    ("stateless_uniform_int64", "exact", stateless(
        lambda tf, s: tf.random.stateless_uniform(SHAPE, seed=s, minval=-5, maxval=2**40,
                                                  dtype=tf.int64))),
    ("stateless_normal", "normal", stateless(
        lambda tf, s: tf.random.stateless_normal(SHAPE, seed=s, mean=0.5, stddev=3.0))),
    ("stateless_truncated_normal", "normal", stateless(
        lambda tf, s: tf.random.stateless_truncated_normal(SHAPE, seed=s))),
    ("stateful", "exact", stateful),
    ("stateful_normal", "normal", stateful_normal),
    ("stateful_gamma", "normal", stateful_gamma),
    ("seeded_uniform_initializers", "exact", initializers(UNIFORM_INITIALIZERS)),
    ("seeded_normal_initializers", "normal", initializers(NORMAL_INITIALIZERS)),
    ("unseeded_uniform_initializers", "exact", unseeded_initializers(UNIFORM_INITIALIZERS)),
    ("unseeded_normal_initializers", "normal", unseeded_initializers(NORMAL_INITIALIZERS)),
    ("variance_scaling", "normal", variance_scaling),
    ("mlp", "exact", mlp),
    ("mnist_convnet", "exact", mnist_convnet),
    ("embedding_model", "normal", embedding_model),
    ("layer_zoo", "qr", layer_zoo),
    ("fit_shuffle", "exact", fit_shuffle),
    ("fit_dropout", "exact", fit_dropout),
    ("dataset_shuffle", "exact", dataset_shuffle),
]
