"""A Quasi-SVM in Keras: RandomFourierFeatures under a linear layer, trained with a hinge loss.

Source: https://keras.io/examples/keras_recipes/quasi_svm/ (keras-io, Apache-2.0; the
Keras 2 version, last modified 2020/04/17). Changed: ``keras.datasets.mnist.load_data()``
is replaced by ``corpus_data.mnist()``; 2 epochs (were 20).
"""

from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.layers.experimental import RandomFourierFeatures

import corpus_data

"""
## Build the model
"""

model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        RandomFourierFeatures(
            output_dim=4096, scale=10.0, kernel_initializer="gaussian"
        ),
        layers.Dense(units=10),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    loss=keras.losses.hinge,
    metrics=[keras.metrics.CategoricalAccuracy(name="acc")],
)

"""
## Prepare the data
"""

# Load MNIST
(x_train, y_train), (x_test, y_test) = corpus_data.mnist()

# Preprocess the data by flattening & scaling it
x_train = x_train.reshape(-1, 784).astype("float32") / 255
x_test = x_test.reshape(-1, 784).astype("float32") / 255

# Categorical (one hot) encoding of the labels
y_train = keras.utils.to_categorical(y_train)
y_test = keras.utils.to_categorical(y_test)

"""
## Train the model
"""

model.fit(x_train, y_train, epochs=2, batch_size=128, validation_split=0.2)
