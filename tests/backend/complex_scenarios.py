"""The complex Fourier transforms of ``tf.signal`` (fft, ifft, fft2d, ifft2d, fft3d, ifft3d),
``tf.math.real``/``imag``/``conj``, ``tf.cast`` between complex and real dtypes and
``tf.linalg.matrix_transpose``, run the same way on real TensorFlow
(make_complex_fixtures.py) and on tracekeras (test_complex_ops.py): arrays by name
(complex results as their real and imaginary parts), gradients of real losses, error
messages. Plain NumPy here, no TensorFlow import.
"""
import numpy as np

RNG = np.random.RandomState(7)
REAL = RNG.randn(2, 3, 4, 5).astype("float32")
IMAG = RNG.randn(2, 3, 4, 5).astype("float32")
WEIGHTS = np.cos(np.arange(REAL.size)).reshape(REAL.shape).astype("float32")


def parts(name, value):
    value = np.asarray(value)
    if value.dtype.kind == "c":
        return {name + ".real": value.real, name + ".imag": value.imag}
    return {name: value}


def complex_input(tf, dtype="complex64"):
    return tf.complex(tf.constant(REAL), tf.constant(IMAG)) if dtype == "complex64" else \
        tf.complex(tf.constant(REAL.astype("float64")), tf.constant(IMAG.astype("float64")))


def real_loss_gradients(tf, fn):
    """d/d(re, im) of ``sum(real(fn(z)) * w) + sum(imag(fn(z)) * w)`` with ``z = re + i im``,
    the gradient flowing through tf.complex, fn, tf.math.real and tf.math.imag."""
    re, im = tf.constant(REAL), tf.constant(IMAG)
    w = tf.constant(WEIGHTS)
    with tf.GradientTape() as tape:
        tape.watch([re, im])
        y = fn(tf.complex(re, im))
        total = tf.reduce_sum(tf.math.real(y) * w) + tf.reduce_sum(tf.math.imag(y) * w * 0.5)
    d_re, d_im = tape.gradient(total, [re, im])
    return np.asarray(d_re), np.asarray(d_im)


def fnet_gradient(tf):
    """FNet's mixing: ``cast(fft2d(cast(x, complex64)), float32)``, a real loss's gradient."""
    x = tf.constant(REAL[0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.cast(tf.signal.fft2d(tf.cast(x, dtype=tf.dtypes.complex64)),
                    dtype=tf.dtypes.float32)
        total = tf.reduce_sum(y * tf.constant(WEIGHTS[0]))
    return np.asarray(y), np.asarray(tape.gradient(total, x))


def arrays(tf):
    s = tf.signal
    out = {}
    transforms = {"fft": s.fft, "ifft": s.ifft, "fft2d": s.fft2d, "ifft2d": s.ifft2d,
                  "fft3d": s.fft3d, "ifft3d": s.ifft3d}
    for name, fn in transforms.items():
        for dtype in ("complex64", "complex128"):
            out.update(parts(f"{name}/{dtype}", fn(complex_input(tf, dtype))))
        d_re, d_im = real_loss_gradients(tf, fn)
        out[f"{name}/d_re"], out[f"{name}/d_im"] = d_re, d_im
    out.update(parts("conj", tf.math.conj(complex_input(tf))))
    d_re, d_im = real_loss_gradients(tf, tf.math.conj)
    out["conj/d_re"], out["conj/d_im"] = d_re, d_im
    out["real_of_real"] = np.asarray(tf.math.real(tf.constant(REAL)))
    out["imag_of_real"] = np.asarray(tf.math.imag(tf.constant(REAL)))
    out["cast_complex_to_float64"] = np.asarray(tf.cast(complex_input(tf), tf.float64))
    out["fnet"], out["fnet/dx"] = fnet_gradient(tf)
    out["matrix_transpose"] = np.asarray(tf.linalg.matrix_transpose(tf.constant(REAL)))
    out.update(parts("matrix_transpose_conjugate", tf.linalg.matrix_transpose(
        complex_input(tf)[0, 0], conjugate=True)))
    x = tf.constant(REAL[0])
    with tf.GradientTape() as tape:
        tape.watch(x)
        total = tf.reduce_sum(tf.linalg.matrix_transpose(x)
                              * tf.constant(WEIGHTS[0].reshape(3, 5, 4)))
    out["matrix_transpose/dx"] = np.asarray(tape.gradient(total, x))
    return out


def errors(tf):
    s = tf.signal
    calls = {
        "fft2d_of_float": lambda: s.fft2d(tf.zeros((3, 3))),
        "fft_of_double": lambda: s.fft(tf.zeros((3,), tf.float64)),
        "fft2d_of_vector": lambda: s.fft2d(tf.zeros((3,), tf.complex64)),
        "ifft3d_of_matrix": lambda: s.ifft3d(tf.zeros((3, 2), tf.complex128)),
        "matrix_transpose_of_vector": lambda: tf.linalg.matrix_transpose(
            tf.constant([1.0, 2.0, 3.0])),
    }
    caught = {}
    for name, call in calls.items():
        try:
            call()
            caught[name] = None
        except Exception as e:  # noqa: BLE001 - the error's type and text are the fact
            caught[name] = [type(e).__name__, str(e)]
    return caught


def keras_tensor_facts(tf, keras):
    """``tf.linalg.matrix_transpose``, ``tf.signal.fft2d``, ``tf.cast`` of a KerasTensor and
    ``tf.stack`` of a list of them (TabTransformer's): the layer each makes, its output's
    shape and dtype, the inbound nodes of the stack and the model's summary."""
    x = keras.Input((3, 4))
    t = tf.linalg.matrix_transpose(x)
    f = tf.signal.fft2d(tf.cast(x, tf.complex64))
    model = keras.Model(x, [t, f])
    a, b = keras.Input((4,), name="a"), keras.Input((4,), name="b")
    stacked = tf.stack([a, b], axis=1)
    mixed = tf.cast(tf.signal.fft2d(tf.cast(tf.linalg.matrix_transpose(stacked),
                                            tf.complex64)), tf.float32)
    two = keras.Model([a, b], keras.layers.Dense(1)(keras.layers.Flatten()(mixed)))
    lines = []
    two.summary(print_fn=lambda line, **kwargs: lines.append(line))
    return {"layers": [layer.name for layer in model.layers],
            "transpose": [list(t.shape), t.dtype.name], "fft2d": [list(f.shape), f.dtype.name],
            "stack": [list(stacked.shape), two.get_config()["layers"][2]["inbound_nodes"]],
            "summary": lines}
