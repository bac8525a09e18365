"""Working with RNNs: SimpleRNN, LSTM, GRU, return_sequences and return_state,
Bidirectional, and an MNIST row-by-row classifier.

Source: https://www.tensorflow.org/guide/keras/working_with_rnns (keras.io guide by
Scott Zhu and fchollet, Apache-2.0). Changed: ``mnist.load_data()`` is replaced by
``corpus_data.mnist()``; 1 epoch; the cuDNN and cell-level sections are left out.
"""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

model = keras.Sequential()
model.add(layers.Embedding(input_dim=1000, output_dim=64))
model.add(layers.LSTM(128))
model.add(layers.Dense(10))
model.summary()

model = keras.Sequential()
model.add(layers.Embedding(input_dim=1000, output_dim=64))
model.add(layers.GRU(256, return_sequences=True))
model.add(layers.SimpleRNN(128))
model.add(layers.Dense(10))
model.summary()

encoder_vocab = 1000
decoder_vocab = 2000
encoder_input = layers.Input(shape=(None,))
encoder_embedded = layers.Embedding(input_dim=encoder_vocab, output_dim=64)(encoder_input)
output, state_h, state_c = layers.LSTM(64, return_state=True, name="encoder")(encoder_embedded)
encoder_state = [state_h, state_c]
decoder_input = layers.Input(shape=(None,))
decoder_embedded = layers.Embedding(input_dim=decoder_vocab, output_dim=64)(decoder_input)
decoder_output = layers.LSTM(64, name="decoder")(decoder_embedded, initial_state=encoder_state)
output = layers.Dense(10)(decoder_output)
model = keras.Model([encoder_input, decoder_input], output)
model.summary()

model = keras.Sequential()
model.add(layers.Bidirectional(layers.LSTM(64, return_sequences=True), input_shape=(5, 10)))
model.add(layers.Bidirectional(layers.LSTM(32)))
model.add(layers.Dense(10))
model.summary()

batch_size = 64
input_dim = 28
units = 64
output_size = 10


def build_model():
    lstm_layer = keras.layers.RNN(keras.layers.LSTMCell(units), input_shape=(None, input_dim))
    model = keras.models.Sequential([
        lstm_layer,
        keras.layers.BatchNormalization(),
        keras.layers.Dense(output_size),
    ])
    return model


(x_train, y_train), (x_test, y_test) = corpus_data.mnist(n_train=512, n_test=128)
x_train, x_test = x_train / 255.0, x_test / 255.0
sample, sample_label = x_train[0], y_train[0]
model = build_model()
model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              optimizer="sgd", metrics=["accuracy"])
model.fit(x_train, y_train, validation_data=(x_test, y_test), batch_size=batch_size, epochs=1)
result = tf.argmax(model.predict(tf.expand_dims(sample, 0)), axis=1)
print("Predicted result is: %s, target result is: %s" % (result.numpy(), sample_label))
print(np.asarray(result).shape)
