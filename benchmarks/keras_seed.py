"""Real Keras (tf_keras) running the seed model, for the side-by-side row of ``run.py``.

Run with a Python that has ``tf_keras`` (``/work/scratch/tfvenv/bin/python
benchmarks/keras_seed.py --epochs 3``); prints one JSON object: per-epoch
seconds of ``fit`` (the first includes tracing the tf.function), then evaluate and
predict seconds. Same data recipe as ``floor.seed_data`` (uniform float32,
random labels), same model, optimizer, loss, metric and batch size; TensorFlow's
own default thread settings.
"""
import argparse
import json
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=60000)
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

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.times = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.times.append(time.perf_counter() - self.start)

    timer = EpochTimer()
    model.fit(x, y, epochs=args.epochs, batch_size=128, verbose=0, callbacks=[timer])
    start = time.perf_counter()
    model.evaluate(x, y, batch_size=128, verbose=0)
    evaluate_s = time.perf_counter() - start
    start = time.perf_counter()
    model.predict(x, batch_size=128, verbose=0)
    predict_s = time.perf_counter() - start
    print(json.dumps({"epoch_s": timer.times, "evaluate_s": evaluate_s, "predict_s": predict_s,
                      "tensorflow": tf.__version__, "tf_keras": keras.__version__,
                      "samples": args.samples}))


if __name__ == "__main__":
    main()
