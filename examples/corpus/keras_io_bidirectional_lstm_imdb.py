"""Bidirectional LSTM on IMDB.

Source: https://keras.io/examples/nlp/bidirectional_lstm_imdb/ (fchollet, Apache-2.0),
the tf.keras version. Changed: ``keras.datasets.imdb.load_data`` is replaced by
``corpus_data.imdb``; 1 epoch (was 2).
"""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

max_features = 20000
maxlen = 200

inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(max_features, 128)(inputs)
x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(x)
x = layers.Bidirectional(layers.LSTM(64))(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.summary()

(x_train, y_train), (x_val, y_val) = corpus_data.imdb(num_words=max_features, n_train=96,
                                                      n_test=32)
print(len(x_train), "Training sequences")
print(len(x_val), "Validation sequences")
x_train = keras.utils.pad_sequences(x_train, maxlen=maxlen)
x_val = keras.utils.pad_sequences(x_val, maxlen=maxlen)

model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=32, epochs=1, validation_data=(x_val, y_val))
print(np.round(model.predict(x_val[:4]), 3))
