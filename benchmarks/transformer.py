"""Time epochs of keras.io's transformer text classifier on tracekeras and on tf_keras.

    python benchmarks/transformer.py                            # tracekeras only
    python benchmarks/transformer.py --tfvenv /work/tfvenv      # and tf_keras, in its own Python
    python benchmarks/transformer.py --samples 128 --epochs 1   # a quick look
    python benchmarks/transformer.py --old ../base --tfvenv /work/tfvenv   # and another checkout

The model is keras.io's "Text classification with Transformer" whole: Input of 200 word
ids, TokenAndPositionEmbedding (Embedding 20000 x 32 plus Embedding 200 x 32 of the
positions), a TransformerBlock (MultiHeadAttention with 2 heads of key_dim 32, a Dense 32
relu / Dense 32 feed-forward, two LayerNormalizations and Dropouts of 0.1),
GlobalAveragePooling1D, Dropout, Dense 20 relu, Dropout, Dense 2 softmax; Adam, sparse
categorical crossentropy and accuracy, fitted on seeded synthetic word ids with
``batch_size`` 32 and ``shuffle=False``. Each epoch is one ``fit(epochs=1)`` call on the
wall clock; the table shows the first and the fastest later epoch, as ``recurrent.py``
does, whose subprocess and table code this script shares. A second table gives the same
epochs in CPU time of the process (every thread's, ``time.process_time``): on a machine
shared with other jobs the wall clock mostly measures the share of the cores a process
gets (a process with more runnable threads gets more), the CPU time what it spends.
"""
import json
import os
import subprocess
import sys
import time

import numpy as np
from convnet import engine_module
from recurrent import arguments, keras_run, print_table

HERE = os.path.abspath(__file__)
MAXLEN, VOCABULARY, EMBED_DIM, NUM_HEADS, FF_DIM = 200, 20000, 32, 2, 32


def synthetic_reviews(samples, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, VOCABULARY, size=(samples, MAXLEN)).astype(np.float32)
    return x, rng.integers(0, 2, size=samples)


def text_classifier(keras):
    """The keras.io model; the positions are ``np.arange`` of the sequence length (the
    example's ``tf.range``), so one definition serves both engines."""
    layers = keras.layers

    class TransformerBlock(layers.Layer):
        def __init__(self, embed_dim, num_heads, ff_dim, rate=0.1):
            super().__init__()
            self.att = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
            self.ffn = keras.Sequential([layers.Dense(ff_dim, activation="relu"),
                                         layers.Dense(embed_dim)])
            self.layernorm1 = layers.LayerNormalization(epsilon=1e-6)
            self.layernorm2 = layers.LayerNormalization(epsilon=1e-6)
            self.dropout1 = layers.Dropout(rate)
            self.dropout2 = layers.Dropout(rate)

        def call(self, inputs, training):
            attn_output = self.dropout1(self.att(inputs, inputs), training=training)
            out1 = self.layernorm1(inputs + attn_output)
            ffn_output = self.dropout2(self.ffn(out1), training=training)
            return self.layernorm2(out1 + ffn_output)

    class TokenAndPositionEmbedding(layers.Layer):
        def __init__(self, maxlen, vocab_size, embed_dim):
            super().__init__()
            self.token_emb = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
            self.pos_emb = layers.Embedding(input_dim=maxlen, output_dim=embed_dim)

        def call(self, x):
            positions = self.pos_emb(np.arange(x.shape[-1]))
            return self.token_emb(x) + positions

    inputs = keras.Input(shape=(MAXLEN,))
    x = TokenAndPositionEmbedding(MAXLEN, VOCABULARY, EMBED_DIM)(inputs)
    x = TransformerBlock(EMBED_DIM, NUM_HEADS, FF_DIM)(x)
    x = layers.GlobalAveragePooling1D()(x)
    x = layers.Dropout(0.1)(x)
    x = layers.Dense(20, activation="relu")(x)
    x = layers.Dropout(0.1)(x)
    outputs = layers.Dense(2, activation="softmax")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def model_engine(engine):
    """``engine_module`` and ``Model`` beside it."""
    keras = engine_module(engine)
    if engine == "keras":
        import tf_keras
        keras.Model = tf_keras.Model
    else:
        from tracekeras import models
        keras.Model = models.Model
    return keras


def time_epochs(engine, samples, batch_size, epochs):
    keras = model_engine(engine)
    x, y = synthetic_reviews(samples)
    model = text_classifier(keras)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    seconds, cpu = [], []
    for _ in range(epochs):
        start, start_cpu = time.perf_counter(), time.process_time()
        model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return seconds, cpu


def old_checkout_times(root, samples, batch_size, epochs):
    """(wall, CPU) epoch times of tracekeras imported from the checkout ``root``, in a
    subprocess of this script (``convnet.py`` puts ``CONVNET_TRACEKERAS_ROOT`` first)."""
    env = dict(os.environ, CONVNET_TRACEKERAS_ROOT=os.path.abspath(root))
    proc = subprocess.run([sys.executable, HERE, "--samples", str(samples), "--batch-size",
                           str(batch_size), "--epochs", str(epochs), "--json"],
                          env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"run of {root} failed:\n{proc.stderr[-2000:]}")
    answer = json.loads(proc.stdout.strip().splitlines()[-1])
    return answer["seconds"], answer["cpu"]


def main(argv=None):
    parser = arguments(__doc__.splitlines()[0])
    parser.add_argument("--old", help="another checkout of tracekeras, timed after this one")
    args = parser.parse_args(argv)
    seconds, cpu = time_epochs(args.engine, args.samples, args.batch_size, args.epochs)
    if args.json:
        print(json.dumps({"engine": args.engine, "seconds": seconds, "cpu": cpu}))
        return
    rows, cpu_rows = {"tracekeras": seconds}, {"tracekeras": cpu}
    if args.old:
        rows["old"], cpu_rows["old"] = old_checkout_times(args.old, args.samples,
                                                          args.batch_size, args.epochs)
    if args.tfvenv:
        keras = keras_run(args.tfvenv, args.samples, args.batch_size, args.epochs, script=HERE)
        rows["tf_keras"], cpu_rows["tf_keras"] = keras["seconds"], keras["cpu"]
    title = (f"Transformer text classifier, {args.samples} sequences of {MAXLEN} word ids, "
             f"batch {args.batch_size}")
    print_table(f"{title}; wall clock", rows, args.samples)
    print_table(f"CPU time of the process (all its threads), load average "
                f"{os.getloadavg()[0]:.2f}", cpu_rows, args.samples)


if __name__ == "__main__":
    main()
