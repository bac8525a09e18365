"""Chapter "Your first CNN and RNN, traced": the quickstart convnet and an Embedding+LSTM.

Sixty-four random 28x28 images for the convnet (built by its first step), four
padded sentences for the reader (built at construction: Embedding declares its
input shape). Run it traced:  python -m tracekeras run examples/cnn_and_rnn.py
"""
import numpy as np

from tracekeras import layers, losses
from tracekeras.models import Sequential

rng = np.random.default_rng(0)
images = rng.random((64, 28, 28, 1), dtype="float32")
labels = rng.integers(0, 10, size=64)
convnet = Sequential([layers.Conv2D(32, 3, activation="relu"), layers.Flatten(),
                      layers.Dense(128, activation="relu"), layers.Dense(10)], name="convnet")
convnet.compile(optimizer="adam", loss=losses.SparseCategoricalCrossentropy(from_logits=True),
                metrics=["accuracy"])
convnet.fit(images, labels, epochs=1, batch_size=32, verbose=2)

tokens = np.array([[3, 7, 2, 0, 0], [5, 1, 0, 0, 0], [4, 4, 9, 8, 6], [2, 0, 0, 0, 0]])
reader = Sequential([layers.Embedding(10, 8, mask_zero=True), layers.LSTM(16),
                     layers.Dense(1, activation="sigmoid")], name="reader")
reader.compile(optimizer="adam", loss="binary_crossentropy")
reader.fit(tokens, np.array([1, 0, 1, 0]), epochs=1, verbose=2)
