"""Intro to autoencoders: a dense autoencoder and a convolutional denoiser.

Source: https://www.tensorflow.org/tutorials/generative/autoencoder (TensorFlow docs,
Apache-2.0). Changed: ``fashion_mnist.load_data()`` is replaced by
``corpus_data.fashion_mnist()``; the figures and the anomaly-detection part are left
out; 2 epochs (was 10).
"""
import tensorflow as tf
from tensorflow.keras import layers, losses
from tensorflow.keras.models import Model

import corpus_data

(x_train, _), (x_test, _) = corpus_data.fashion_mnist(n_train=600, n_test=200)
x_train = x_train.astype("float32") / 255.
x_test = x_test.astype("float32") / 255.
print(x_train.shape, x_test.shape)


class Autoencoder(Model):
    def __init__(self, latent_dim, shape):
        super(Autoencoder, self).__init__()
        self.latent_dim = latent_dim
        self.shape = shape
        self.encoder = tf.keras.Sequential([
            layers.Flatten(),
            layers.Dense(latent_dim, activation="relu"),
        ])
        self.decoder = tf.keras.Sequential([
            layers.Dense(tf.math.reduce_prod(shape).numpy(), activation="sigmoid"),
            layers.Reshape(shape),
        ])

    def call(self, x):
        encoded = self.encoder(x)
        decoded = self.decoder(encoded)
        return decoded


shape = x_test.shape[1:]
latent_dim = 64
autoencoder = Autoencoder(latent_dim, shape)
autoencoder.compile(optimizer="adam", loss=losses.MeanSquaredError())
autoencoder.fit(x_train, x_train, epochs=2, shuffle=True, validation_data=(x_test, x_test))
encoded_imgs = autoencoder.encoder(x_test).numpy()
decoded_imgs = autoencoder.decoder(encoded_imgs).numpy()
print(decoded_imgs.shape)

x_train = x_train[..., tf.newaxis]
x_test = x_test[..., tf.newaxis]
noise_factor = 0.2
x_train_noisy = x_train + noise_factor * tf.random.normal(shape=x_train.shape)
x_test_noisy = x_test + noise_factor * tf.random.normal(shape=x_test.shape)
x_train_noisy = tf.clip_by_value(x_train_noisy, clip_value_min=0., clip_value_max=1.)
x_test_noisy = tf.clip_by_value(x_test_noisy, clip_value_min=0., clip_value_max=1.)


class Denoise(Model):
    def __init__(self):
        super(Denoise, self).__init__()
        self.encoder = tf.keras.Sequential([
            layers.Input(shape=(28, 28, 1)),
            layers.Conv2D(16, (3, 3), activation="relu", padding="same", strides=2),
            layers.Conv2D(8, (3, 3), activation="relu", padding="same", strides=2)])
        self.decoder = tf.keras.Sequential([
            layers.Conv2DTranspose(8, kernel_size=3, strides=2, activation="relu",
                                   padding="same"),
            layers.Conv2DTranspose(16, kernel_size=3, strides=2, activation="relu",
                                   padding="same"),
            layers.Conv2D(1, kernel_size=(3, 3), activation="sigmoid", padding="same")])

    def call(self, x):
        encoded = self.encoder(x)
        decoded = self.decoder(encoded)
        return decoded


autoencoder = Denoise()
autoencoder.compile(optimizer="adam", loss=losses.MeanSquaredError())
autoencoder.fit(x_train_noisy, x_train, epochs=2, shuffle=True,
                validation_data=(x_test_noisy, x_test))
autoencoder.encoder.summary()
autoencoder.decoder.summary()
encoded_imgs = autoencoder.encoder(x_test_noisy).numpy()
decoded_imgs = autoencoder.decoder(encoded_imgs).numpy()
print(decoded_imgs.shape)
