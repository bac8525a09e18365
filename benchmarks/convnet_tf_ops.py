"""CPU milliseconds of each part of the MNIST convnet's step in TensorFlow (oneDNN), one
thread, to set beside ``convnet_profile.py``'s parts of tracekeras and its floor.

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python benchmarks/convnet_tf_ops.py

Each part is a ``tf.function`` of the ops tf_keras's layers run for it (forward, or forward
and the gradients a training step asks for), on a batch of 128 at the convnet's shapes,
with TensorFlow's thread pools limited to one thread, so its CPU time is comparable with
the thread CPU time of ``convnet_profile.py``. A part's forward time is subtracted from its
forward-and-backward time to give its backward. The figure is the fastest of ``--reps``
calls' process CPU time, after two warm-up calls.
"""
import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


def parts(batch):
    """{name: (inputs, forward, weights)}: each part's input, its forward function of
    (input, *weights), and the weights whose gradients the step takes."""
    rng = np.random.default_rng(0)

    def arr(*shape):
        return tf.constant(rng.standard_normal(shape).astype(np.float32))

    k1, b1, k2, b2 = arr(3, 3, 1, 32), arr(32), arr(3, 3, 32, 64), arr(64)

    def conv(x, k, b):
        return tf.nn.relu(tf.nn.bias_add(tf.nn.convolution(x, k, padding="VALID"), b))

    def pool(x):
        return tf.nn.max_pool2d(x, 2, 2, "VALID")

    return {
        "conv1 (convolution, bias_add, relu)": (arr(batch, 28, 28, 1), conv, (k1, b1), False),
        "pool1": (tf.nn.relu(arr(batch, 26, 26, 32)), pool, (), True),
        "conv2 (convolution, bias_add, relu)": (arr(batch, 13, 13, 32), conv, (k2, b2), True),
        "pool2": (tf.nn.relu(arr(batch, 11, 11, 64)), pool, (), True),
    }


def cpu_ms(fn, reps):
    fn()
    fn()
    best = float("inf")
    for _ in range(reps):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best * 1e3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--reps", type=int, default=30)
    args = parser.parse_args()
    tf.config.threading.set_intra_op_parallelism_threads(1)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    print(f"{'part (ms a call, one thread)':<40} {'forward':>10} {'backward':>10}")
    for name, (x, forward, weights, input_grad) in parts(args.batch).items():
        def fwd(x, *w, f=forward):
            return f(x, *w)

        def both(x, *w, f=forward, input_grad=input_grad):
            with tf.GradientTape() as tape:
                tape.watch([x, *w])
                y = f(x, *w)
                loss = tf.reduce_sum(y * y)
            return tape.gradient(loss, ([x] if input_grad else []) + list(w))

        def run(fn, x=x, weights=weights):
            compiled = tf.function(fn)
            return lambda: [t.numpy() for t in tf.nest.flatten(compiled(x, *weights))]
        forward_ms = cpu_ms(run(fwd), args.reps)
        both_ms = cpu_ms(run(both), args.reps)
        print(f"{name:<40} {forward_ms:>10.2f} {both_ms - forward_ms:>10.2f}")
    print(f"load average {os.getloadavg()[0]:.2f}; backward includes the loss's own "
          "gradient (y * y): one pass over the output")


if __name__ == "__main__":
    main()
