"""How close TensorFlow's own float32 convolution gradients come to a float64 reference, on
the cases tracekeras's Winograd tests use (tests/backend/test_winograd.py). Run with a
Python that has tensorflow-cpu 2.21:

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python benchmarks/conv_gradient_error.py

For each case: the largest error of ``tf.nn.conv2d``'s output and of its input and kernel
gradients (of ``sum(y * w)``, under a ``GradientTape``), as a fraction of the largest
value of a float64 direct convolution in NumPy. tracekeras's own figures for the same
cases are in benchmarks/README.md (the Winograd rounds).
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


def reference(x, k, w):
    """Output, input gradient and kernel gradient of a VALID 3x3 convolution, in float64."""
    x64, k64, w64 = (a.astype(np.float64) for a in (x, k, w))
    ho, wo = x.shape[1] - 2, x.shape[2] - 2
    taps = [(i, j) for i in range(3) for j in range(3)]
    y = sum(x64[:, i:i + ho, j:j + wo] @ k64[i, j] for i, j in taps)
    dx = np.zeros_like(x64)
    for i, j in taps:
        dx[:, i:i + ho, j:j + wo] += w64 @ k64[i, j].T
    dk = np.stack([np.einsum("nhwc,nhwf->cf", x64[:, i:i + ho, j:j + wo], w64)
                   for i, j in taps]).reshape(k.shape)
    return y, dx, dk


def tensorflow(x, k, w):
    xv, kv = tf.Variable(x), tf.Variable(k)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.nn.conv2d(xv, kv, 1, "VALID") * w)
    dx, dk = tape.gradient(loss, [xv, kv])
    return tf.nn.conv2d(x, k, 1, "VALID").numpy(), dx.numpy(), dk.numpy()


def relative(a, b):
    return float(np.abs(a - b).max() / np.abs(b).max())


CASES = [  # name, seed, input shape, filters, kernel scale, output weights
    ("test_winograd_gives_im2col_numbers (5, 13, 13, 32)", 0, (5, 13, 13, 32), 64, 1.0, "linspace"),
    ("test_float32_error_against_a_float64_direct_convolution", 3, (32, 13, 13, 32), 64, 0.1,
     "normal"),
    ("the MNIST convnet's second convolution, batch 128", 3, (128, 13, 13, 32), 64, 0.1, "normal")]


def main():
    for name, seed, shape, filters, scale, weights in CASES:
        rng = np.random.default_rng(seed)
        x = rng.standard_normal(shape).astype(np.float32)
        k = (rng.standard_normal((3, 3, shape[-1], filters)) * scale).astype(np.float32)
        out_shape = (shape[0], shape[1] - 2, shape[2] - 2, filters)
        w = (np.linspace(-1, 1, int(np.prod(out_shape))).reshape(out_shape)
             if weights == "linspace" else rng.standard_normal(out_shape)).astype(np.float32)
        errors = [relative(a, b) for a, b in zip(tensorflow(x, k, w), reference(x, k, w))]
        print(f"{name}: output {errors[0]:.1e}, input gradient {errors[1]:.1e}, "
              f"kernel gradient {errors[2]:.1e}")


if __name__ == "__main__":
    main()
