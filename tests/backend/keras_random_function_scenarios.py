"""``K.random_normal`` inside the functions Keras runs as ``tf.function``s: when its op
seed (``np.random.randint``) is drawn and whose kernel each call draws from. Run on
tf_keras 2.21 by ``make_keras_random_function_fixtures.py`` (data/keras_random_function.json)
and on tracekeras by ``test_keras_random_function.py``; written against the public API."""
import numpy as np


def noisy_model(keras):
    """y = x + K.random_normal(shape(x)) + Dense(x) (zero kernel): with x = 0, a batch's
    output, and so a loss of ``mean(y_pred)``, is the draw itself."""
    K = keras.backend
    inp = keras.Input((1,))
    noise = keras.layers.Lambda(lambda x: x + K.random_normal(shape=K.shape(x)))(inp)
    dense = keras.layers.Dense(1, kernel_initializer="zeros", use_bias=False)(inp)
    return inp, keras.layers.Add()([noise, dense])


def draws(keras):
    """The draws of eager calls, of ``predict``, ``test_on_batch`` and ``train_on_batch``
    calls, with and without compiled metrics, and NumPy's next integer after each part
    (how many op seeds were drawn from it)."""
    K = keras.backend
    keras.utils.set_random_seed(1)
    out = {"eager": [np.asarray(K.random_normal((3,))).tolist() for _ in range(2)],
           "np_after_eager": int(np.random.randint(1000))}
    inp, y = noisy_model(keras)
    x = np.zeros((2, 1), "float32")
    predictor = keras.Model(inp, y)
    out["predict"] = [predictor.predict(x, verbose=0)[:, 0].tolist() for _ in range(3)]
    out["np_after_predict"] = int(np.random.randint(1000))

    def first(value):
        return float(value[0] if isinstance(value, list) else value)

    for metrics in (None, ["mae"]):
        model = keras.Model(inp, y)
        model.compile("sgd", lambda y_true, y_pred: K.mean(y_pred), metrics=metrics)
        key = "with_metrics" if metrics else "no_metrics"
        out[key] = {
            "test": [first(model.test_on_batch(x, x)) for _ in range(3)],
            "train": [first(model.train_on_batch(x, x)) for _ in range(3)],
            "test_again": [first(model.test_on_batch(x, x)) for _ in range(2)],
            "np_after": int(np.random.randint(1000))}
    return out
