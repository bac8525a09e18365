"""Inspecting and monitoring deep-learning models with callbacks, and depthwise separable
convolutions.

Source: Deep Learning with Python, 1st edition, sections 7.2 and 7.3.2 and listings 7.7 and
7.10 (the book's text; the fchollet/deep-learning-with-python-notebooks repository has no
notebook for chapter 7 of the 1st edition). Changed: the standalone ``keras`` 2 imports
are written ``from tensorflow import keras`` and ``from tensorflow.keras import ...`` (the
same Keras 2 API; ``import keras`` is Keras 3 beside TensorFlow 2.21). The callback
snippets of section 7.2 assume a compiled ``model`` and arrays ``x``, ``y``, ``x_val``,
``y_val``: here they are listing 7.7's IMDB convnet (which the book trains with
TensorBoard) and its padded reviews, ``imdb.load_data`` replaced by ``corpus_data.imdb``
(500 training reviews, was 25000), ``max_len`` 100 (was 500), 100 reviews kept aside for
validation; 2 epochs for each fit (were 10 and 20; the synthetic reviews are learned in a
few epochs, after which the losses stop moving). What a reader must change for the
``ActivationLogger`` of section 7.2.2 to run today: tf.keras no longer fills a callback's
``validation_data`` (it is always None, so the book's class raises its own "Requires
validation_data."), so the program sets it on the callback before ``fit``; ``np.savez``
writes bytes, so the file is opened ``'wb'`` (was ``'w'``, a TypeError in Python 3), and it
takes the activations as separate arrays, ``np.savez(f, *activations)`` (a list of arrays of
different shapes is no longer made into one array). Left out: the TensorBoard callback of
listing 7.9 (TensorBoard is not installed beside tf_keras here, and tf_keras's
``tf.summary`` needs it) and ``plot_model`` (pydot is not installed). Listing 7.10's
separable convnet is compiled as in the book, then (an addition) fitted for 2 epochs on 64
random pictures of its 64x64x3 size and random classes; the batch-normalization snippets'
``conv_model`` and ``dense_model`` are made ``Sequential`` models.
``keras.utils.set_random_seed(1)`` after the imports: listing 7.7's model ends in
``Dense(1)`` without a sigmoid and ``binary_crossentropy`` clips its outputs to (0, 1), so
in about half the unseeded runs every output starts below 0 and its fits never move.
"""
import corpus_data

from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing import sequence

keras.utils.set_random_seed(1)

max_features = 2000
max_len = 100

(x_train, y_train), (x_test, y_test) = corpus_data.imdb(num_words=max_features, n_train=500)
x_train = sequence.pad_sequences(x_train, maxlen=max_len)
x_test = sequence.pad_sequences(x_test, maxlen=max_len)

model = keras.models.Sequential()
model.add(layers.Embedding(max_features, 128,
                           input_length=max_len,
                           name='embed'))
model.add(layers.Conv1D(32, 7, activation='relu'))
model.add(layers.MaxPooling1D(5))
model.add(layers.Conv1D(32, 7, activation='relu'))
model.add(layers.GlobalMaxPooling1D())
model.add(layers.Dense(1))
model.summary()
model.compile(optimizer='rmsprop',
              loss='binary_crossentropy',
              metrics=['acc'])

x, y = x_train[:400], y_train[:400]
x_val, y_val = x_train[400:], y_train[400:]

callbacks_list = [
    keras.callbacks.EarlyStopping(
        monitor='acc',
        patience=1,
    ),
    keras.callbacks.ModelCheckpoint(
        filepath='my_model.h5',
        monitor='val_loss',
        save_best_only=True,
    )
]

model.compile(optimizer='rmsprop',
              loss='binary_crossentropy',
              metrics=['acc'])

history = model.fit(x, y,
                    epochs=2,
                    batch_size=32,
                    callbacks=callbacks_list,
                    validation_data=(x_val, y_val))
print(history.history)

callbacks_list = [
    keras.callbacks.ReduceLROnPlateau(
        monitor='val_loss',
        factor=0.1,
        patience=10,
    )
]

history = model.fit(x, y,
                    epochs=2,
                    batch_size=32,
                    callbacks=callbacks_list,
                    validation_data=(x_val, y_val))
print(history.history)

import numpy as np

class ActivationLogger(keras.callbacks.Callback):

    def set_model(self, model):
        self.model = model
        layer_outputs = [layer.output for layer in model.layers]
        self.activations_model = keras.models.Model(model.input,
                                                    layer_outputs)

    def on_epoch_end(self, epoch, logs=None):
        if self.validation_data is None:
            raise RuntimeError('Requires validation_data.')
        validation_sample = self.validation_data[0][0:1]
        activations = self.activations_model.predict(validation_sample)
        f = open('activations_at_epoch_' + str(epoch) + '.npz', 'wb')
        np.savez(f, *activations)
        f.close()

activation_logger = ActivationLogger()
activation_logger.validation_data = (x_val, y_val)
history = model.fit(x, y,
                    epochs=2,
                    batch_size=32,
                    callbacks=[activation_logger],
                    validation_data=(x_val, y_val))

import os
for epoch in range(2):
    saved = np.load('activations_at_epoch_' + str(epoch) + '.npz')
    print(epoch, [saved[name].shape for name in sorted(saved.files)])

best = keras.models.load_model('my_model.h5')
print(best.evaluate(x_val, y_val, verbose=0))

from tensorflow.keras.models import Sequential, Model
from tensorflow.keras import layers

conv_model = Sequential()
conv_model.add(layers.Conv2D(32, 3, activation='relu'))
conv_model.add(layers.BatchNormalization())

dense_model = Sequential()
dense_model.add(layers.Dense(32, activation='relu'))
dense_model.add(layers.BatchNormalization())

height = 64
width = 64
channels = 3
num_classes = 10

model = Sequential()
model.add(layers.SeparableConv2D(32, 3,
                                 activation='relu',
                                 input_shape=(height, width, channels,)))
model.add(layers.SeparableConv2D(64, 3, activation='relu'))
model.add(layers.MaxPooling2D(2))

model.add(layers.SeparableConv2D(64, 3, activation='relu'))
model.add(layers.SeparableConv2D(128, 3, activation='relu'))
model.add(layers.MaxPooling2D(2))

model.add(layers.SeparableConv2D(64, 3, activation='relu'))
model.add(layers.SeparableConv2D(128, 3, activation='relu'))
model.add(layers.GlobalAveragePooling2D())

model.add(layers.Dense(32, activation='relu'))
model.add(layers.Dense(num_classes, activation='softmax'))

model.compile(optimizer='rmsprop', loss='categorical_crossentropy')

images = np.random.random((64, height, width, channels))
labels = keras.utils.to_categorical(np.random.randint(0, num_classes, size=64), num_classes)
history = model.fit(images, labels, epochs=2, batch_size=32)
print(history.history)
