"""Generating images with variational autoencoders: a convolutional VAE whose custom layer
adds the loss, fitted with ``loss=None`` and ``y=None``.

Source: Deep Learning with Python, 1st edition, chapter 8, notebook
8.4-generating-images-with-vaes
(github.com/fchollet/deep-learning-with-python-notebooks, MIT). Changed: the notebook's
standalone ``keras`` 2 imports are written ``from tensorflow import keras`` and ``from
tensorflow.keras import ...`` (the same Keras 2 API; ``import keras`` is Keras 3 beside
TensorFlow 2.21); the ``keras.__version__`` cell and the cell of pseudo-code (which names
an ``encoder`` and a ``decoder`` it never defines) are left out. What a reader must change
for it to run today: the notebook's ``CustomVariationalLayer`` reads the encoder's
``z_mean`` and ``z_log_var`` from the enclosing scope inside its ``call``, and tf_keras 2.21
refuses a symbolic tensor of the model being built there ("You are passing KerasTensor(...),
an intermediate TF-Keras symbolic input/output, to a TF API that does not allow
registering custom dispatchers"), so the layer takes them as two more inputs,
``CustomVariationalLayer()([input_img, z_decoded, z_mean, z_log_var])``, and hands them
to ``vae_loss``. ``mnist.load_data`` is replaced by ``corpus_data.dark_mnist`` (256
training and 64 test digits, were 60000 and 10000); 2 epochs (were 10); the digit
manifold is decoded on a 5x5 grid (was 15x15) and its figure is not drawn (its size and
range are printed); ``keras.utils.set_random_seed(1)`` after the imports: the notebook's
sampling scales epsilon by ``exp(z_log_var)`` (not its square root), and in some unseeded
runs of so short a training an early step blows the loss up to thousands and the two
epochs end above where they began.
"""
from tensorflow.keras import backend as K
K.clear_session()

from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras import backend as K
from tensorflow.keras.models import Model
import numpy as np

keras.utils.set_random_seed(1)

img_shape = (28, 28, 1)
batch_size = 16
latent_dim = 2  # Dimensionality of the latent space: a plane

input_img = keras.Input(shape=img_shape)

x = layers.Conv2D(32, 3,
                  padding='same', activation='relu')(input_img)
x = layers.Conv2D(64, 3,
                  padding='same', activation='relu',
                  strides=(2, 2))(x)
x = layers.Conv2D(64, 3,
                  padding='same', activation='relu')(x)
x = layers.Conv2D(64, 3,
                  padding='same', activation='relu')(x)
shape_before_flattening = K.int_shape(x)

x = layers.Flatten()(x)
x = layers.Dense(32, activation='relu')(x)

z_mean = layers.Dense(latent_dim)(x)
z_log_var = layers.Dense(latent_dim)(x)

def sampling(args):
    z_mean, z_log_var = args
    epsilon = K.random_normal(shape=(K.shape(z_mean)[0], latent_dim),
                              mean=0., stddev=1.)
    return z_mean + K.exp(z_log_var) * epsilon

z = layers.Lambda(sampling)([z_mean, z_log_var])

# This is the input where we will feed `z`.
decoder_input = layers.Input(K.int_shape(z)[1:])

# Upsample to the correct number of units
x = layers.Dense(np.prod(shape_before_flattening[1:]),
                 activation='relu')(decoder_input)

# Reshape into an image of the same shape as before our last `Flatten` layer
x = layers.Reshape(shape_before_flattening[1:])(x)

# We then apply then reverse operation to the initial
# stack of convolution layers: a `Conv2DTranspose` layers
# with corresponding parameters.
x = layers.Conv2DTranspose(32, 3,
                           padding='same', activation='relu',
                           strides=(2, 2))(x)
x = layers.Conv2D(1, 3,
                  padding='same', activation='sigmoid')(x)
# We end up with a feature map of the same size as the original input.

# This is our decoder model.
decoder = Model(decoder_input, x)

# We then apply it to `z` to recover the decoded `z`.
z_decoded = decoder(z)

class CustomVariationalLayer(keras.layers.Layer):

    def vae_loss(self, x, z_decoded, z_mean, z_log_var):
        x = K.flatten(x)
        z_decoded = K.flatten(z_decoded)
        xent_loss = keras.metrics.binary_crossentropy(x, z_decoded)
        kl_loss = -5e-4 * K.mean(
            1 + z_log_var - K.square(z_mean) - K.exp(z_log_var), axis=-1)
        return K.mean(xent_loss + kl_loss)

    def call(self, inputs):
        x = inputs[0]
        z_decoded = inputs[1]
        z_mean = inputs[2]
        z_log_var = inputs[3]
        loss = self.vae_loss(x, z_decoded, z_mean, z_log_var)
        self.add_loss(loss, inputs=inputs)
        # We don't use this output.
        return x

# We call our custom layer on the input and the decoded output,
# to obtain the final model output.
y = CustomVariationalLayer()([input_img, z_decoded, z_mean, z_log_var])

import corpus_data

vae = Model(input_img, y)
vae.compile(optimizer='rmsprop', loss=None)
vae.summary()

# Train the VAE on MNIST digits
(x_train, _), (x_test, y_test) = corpus_data.dark_mnist(n_train=256, n_test=64)

x_train = x_train.astype('float32') / 255.
x_train = x_train.reshape(x_train.shape + (1,))
x_test = x_test.astype('float32') / 255.
x_test = x_test.reshape(x_test.shape + (1,))

history = vae.fit(x=x_train, y=None,
                  shuffle=True,
                  epochs=2,
                  batch_size=batch_size,
                  validation_data=(x_test, None))
print(history.history)

from scipy.stats import norm

# Display a 2D manifold of the digits
n = 5  # figure with 5x5 digits
digit_size = 28
figure = np.zeros((digit_size * n, digit_size * n))
# Linearly spaced coordinates on the unit square were transformed
# through the inverse CDF (ppf) of the Gaussian
# to produce values of the latent variables z,
# since the prior of the latent space is Gaussian
grid_x = norm.ppf(np.linspace(0.05, 0.95, n))
grid_y = norm.ppf(np.linspace(0.05, 0.95, n))

for i, yi in enumerate(grid_x):
    for j, xi in enumerate(grid_y):
        z_sample = np.array([[xi, yi]])
        z_sample = np.tile(z_sample, batch_size).reshape(batch_size, 2)
        x_decoded = decoder.predict(z_sample, batch_size=batch_size)
        digit = x_decoded[0].reshape(digit_size, digit_size)
        figure[i * digit_size: (i + 1) * digit_size,
               j * digit_size: (j + 1) * digit_size] = digit

print(figure.shape, figure.min(), figure.max())
