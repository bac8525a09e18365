"""Real Keras (tf_keras) running the seed model, for the side-by-side rows of ``run.py``.

Run with a Python that has ``tf_keras``. Same data recipe as ``floor.seed_data``
(uniform float32, random labels), same model, optimizer, loss, metric and batch
size; TensorFlow's own default thread settings.

    $TRACEKERAS_KERAS_PYTHON benchmarks/keras_seed.py --epochs 3
        prints one JSON object: per-epoch seconds of ``fit`` (the first includes
        tracing the tf.function), then evaluate and predict seconds.

    ... keras_seed.py --serve --epochs 6
        side by side with another process: prints ``{"ready": ...}``, then starts
        each epoch only when a line arrives on stdin and prints ``{"epoch_s": ...}``
        after it, so ``run.py`` can alternate Keras epochs with its own and compare
        epochs that saw the same machine load. Evaluate and predict follow the last
        epoch, and the final JSON object is printed as in the plain mode.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def say(obj):
    print(json.dumps(obj), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--serve", action="store_true",
                        help="wait for a line on stdin before each epoch")
    args = parser.parse_args()
    import numpy as np
    import tensorflow as tf
    import tf_keras as keras

    rng = np.random.default_rng(0)
    x = rng.random((args.samples, 784), dtype=np.float32)
    y = rng.integers(0, 10, args.samples).astype(np.int64)
    model = keras.Sequential([keras.layers.Dense(512, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    versions = {"tensorflow": tf.__version__, "tf_keras": keras.__version__}

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.times = []

        def on_epoch_begin(self, epoch, logs=None):
            if args.serve and not sys.stdin.readline():
                raise SystemExit(0)                    # the other side went away
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.times.append(time.perf_counter() - self.start)
            if args.serve:
                say({"epoch_s": self.times[-1]})

    if args.serve:
        say({"ready": True, **versions})
    timer = EpochTimer()
    model.fit(x, y, epochs=args.epochs, batch_size=128, verbose=0, callbacks=[timer])
    start = time.perf_counter()
    model.evaluate(x, y, batch_size=128, verbose=0)
    evaluate_s = time.perf_counter() - start
    start = time.perf_counter()
    model.predict(x, batch_size=128, verbose=0)
    predict_s = time.perf_counter() - start
    say({"epoch_s": timer.times, "evaluate_s": evaluate_s, "predict_s": predict_s,
         "samples": args.samples, **versions})


if __name__ == "__main__":
    main()
