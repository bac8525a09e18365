"""Introduction to generative adversarial networks: a DCGAN on CIFAR-10 frogs, trained by
hand with train_on_batch.

Source: Deep Learning with Python, 1st edition, chapter 8, notebook
8.5-introduction-to-gans (github.com/fchollet/deep-learning-with-python-notebooks, MIT).
Changed: the notebook's standalone ``keras`` 2 imports are written ``from tensorflow import
keras`` and ``from tensorflow.keras import ...`` (the same Keras 2 API; ``import keras`` is
Keras 3 beside TensorFlow 2.21); the ``keras.__version__`` cell is left out. What a reader
must change for it to run today: ``keras.optimizers.RMSprop(lr=0.0008, clipvalue=1.0,
decay=1e-8)`` raises "decay is deprecated in the new TF-Keras optimizer" in tf_keras 2.21,
and its ``lr`` is ignored with a warning (the rate stays 0.001), so both optimizers are
written ``RMSprop(learning_rate=..., clipvalue=1.0)`` (a decay of 1e-8 a step changes the
rate by less than a millionth over the book's 10000 steps; ``keras.optimizers.legacy``
would keep it). ``cifar10.load_data`` is replaced
by ``corpus_data.cifar10`` (1000 pictures, about a hundred of them frogs); the images are
saved in a ``gan_images`` folder of the working folder, made first (was
``/home/ubuntu/gan_images/``, assumed to exist). Smaller: 4 iterations (were 10000), so the
weights, losses and pictures are saved and printed at step 0 only; the networks are 16
times narrower, ``Dense(16 * 16 * 16)`` and ``Conv2D``/``Conv2DTranspose`` layers of 16
filters (were 128 * 16 * 16, 256 and 128: one step of the book's sizes takes minutes on
NumPy); the last cell's pictures are made but not drawn (no matplotlib figures).
"""
from tensorflow import keras
from tensorflow.keras import layers
import numpy as np

latent_dim = 32
height = 32
width = 32
channels = 3

generator_input = keras.Input(shape=(latent_dim,))

# First, transform the input into a 16x16 16-channels feature map
x = layers.Dense(16 * 16 * 16)(generator_input)
x = layers.LeakyReLU()(x)
x = layers.Reshape((16, 16, 16))(x)

# Then, add a convolution layer
x = layers.Conv2D(16, 5, padding='same')(x)
x = layers.LeakyReLU()(x)

# Upsample to 32x32
x = layers.Conv2DTranspose(16, 4, strides=2, padding='same')(x)
x = layers.LeakyReLU()(x)

# Few more conv layers
x = layers.Conv2D(16, 5, padding='same')(x)
x = layers.LeakyReLU()(x)
x = layers.Conv2D(16, 5, padding='same')(x)
x = layers.LeakyReLU()(x)

# Produce a 32x32 1-channel feature map
x = layers.Conv2D(channels, 7, activation='tanh', padding='same')(x)
generator = keras.models.Model(generator_input, x)
generator.summary()

discriminator_input = layers.Input(shape=(height, width, channels))
x = layers.Conv2D(16, 3)(discriminator_input)
x = layers.LeakyReLU()(x)
x = layers.Conv2D(16, 4, strides=2)(x)
x = layers.LeakyReLU()(x)
x = layers.Conv2D(16, 4, strides=2)(x)
x = layers.LeakyReLU()(x)
x = layers.Conv2D(16, 4, strides=2)(x)
x = layers.LeakyReLU()(x)
x = layers.Flatten()(x)

# One dropout layer - important trick!
x = layers.Dropout(0.4)(x)

# Classification layer
x = layers.Dense(1, activation='sigmoid')(x)

discriminator = keras.models.Model(discriminator_input, x)
discriminator.summary()

# To stabilize training, we use learning rate decay
# and gradient clipping (by value) in the optimizer.
discriminator_optimizer = keras.optimizers.RMSprop(learning_rate=0.0008, clipvalue=1.0)
discriminator.compile(optimizer=discriminator_optimizer, loss='binary_crossentropy')

# Set discriminator weights to non-trainable
# (will only apply to the `gan` model)
discriminator.trainable = False

gan_input = keras.Input(shape=(latent_dim,))
gan_output = discriminator(generator(gan_input))
gan = keras.models.Model(gan_input, gan_output)

gan_optimizer = keras.optimizers.RMSprop(learning_rate=0.0004, clipvalue=1.0)
gan.compile(optimizer=gan_optimizer, loss='binary_crossentropy')

import os
from tensorflow.keras.preprocessing import image

import corpus_data

# Load CIFAR10 data
(x_train, y_train), (_, _) = corpus_data.cifar10()

# Select frog images (class 6)
x_train = x_train[y_train.flatten() == 6]

# Normalize data
x_train = x_train.reshape(
    (x_train.shape[0],) + (height, width, channels)).astype('float32') / 255.

iterations = 4
batch_size = 20
save_dir = 'gan_images'
os.mkdir(save_dir)

# Start training loop
start = 0
for step in range(iterations):
    # Sample random points in the latent space
    random_latent_vectors = np.random.normal(size=(batch_size, latent_dim))

    # Decode them to fake images
    generated_images = generator.predict(random_latent_vectors)

    # Combine them with real images
    stop = start + batch_size
    real_images = x_train[start: stop]
    combined_images = np.concatenate([generated_images, real_images])

    # Assemble labels discriminating real from fake images
    labels = np.concatenate([np.ones((batch_size, 1)),
                             np.zeros((batch_size, 1))])
    # Add random noise to the labels - important trick!
    labels += 0.05 * np.random.random(labels.shape)

    # Train the discriminator
    d_loss = discriminator.train_on_batch(combined_images, labels)

    # sample random points in the latent space
    random_latent_vectors = np.random.normal(size=(batch_size, latent_dim))

    # Assemble labels that say "all real images"
    misleading_targets = np.zeros((batch_size, 1))

    # Train the generator (via the gan model,
    # where the discriminator weights are frozen)
    a_loss = gan.train_on_batch(random_latent_vectors, misleading_targets)
    
    start += batch_size
    if start > len(x_train) - batch_size:
      start = 0

    # Occasionally save / plot
    if step % 100 == 0:
        # Save model weights
        gan.save_weights('gan.h5')

        # Print metrics
        print('discriminator loss at step %s: %s' % (step, d_loss))
        print('adversarial loss at step %s: %s' % (step, a_loss))

        # Save one generated image
        img = image.array_to_img(generated_images[0] * 255., scale=False)
        img.save(os.path.join(save_dir, 'generated_frog' + str(step) + '.png'))

        # Save one real image, for comparison
        img = image.array_to_img(real_images[0] * 255., scale=False)
        img.save(os.path.join(save_dir, 'real_frog' + str(step) + '.png'))

print('discriminator loss at step %s: %s' % (step, d_loss))
print('adversarial loss at step %s: %s' % (step, a_loss))

# Sample random points in the latent space
random_latent_vectors = np.random.normal(size=(10, latent_dim))

# Decode them to fake images
generated_images = generator.predict(random_latent_vectors)

for i in range(generated_images.shape[0]):
    img = image.array_to_img(generated_images[i] * 255., scale=False)
print(sorted(os.listdir(save_dir)), img.size)
