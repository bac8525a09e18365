"""Deep Dream: an InceptionV3 feature extractor whose outputs are a dict of four mixed
layers' outputs by name, a loss of their squared activations away from the borders
(tf.reduce_prod of tf.shape cast to float32), gradient ascent on the picture in a
tf.function (a GradientTape watching a tensor, the gradient normalized by its mean
absolute value), over three octaves of tf.image.resize, the detail lost in the resizing
put back, save_img.

Source: https://keras.io/examples/generative/deep_dream/ (fchollet, keras-io, Apache-2.0;
the Keras 2 version, last modified 2020/05/02). Changed: the picture
``keras.utils.get_file`` downloads (``sky.jpg``) is a small JPEG file (160x220) written by
``corpus_data.example_picture`` into ``datasets/`` of the working folder, and ``get_file``
is given ``cache_dir=os.path.abspath(".")`` to find it there; ``iterations = 2`` gradient
ascent steps at each scale (were 20); ``inception_v3.InceptionV3(weights="imagenet",
include_top=False)`` (a download of ImageNet weights) is built with ``weights=None``, its
kernels then drawn again at a scale that keeps the activations' size
(``corpus_data.imagenet_stand_in_weights``), so the dream is that of random weights (on
the smallest scale, 81x112, the mixed layers' maps are too small to keep anything away
from their borders, so the loss there is 0, as under real Keras); the IPython
``display`` of the pictures is left out (IPython is not installed beside tf_keras here).
``keras.utils.set_random_seed(1)`` after the imports, so
that the random weights standing in for trained ones, and with them the printed losses,
are the same on each run.
"""

import os

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras.applications import inception_v3

import corpus_data

keras.utils.set_random_seed(1)

corpus_data.example_picture(os.path.abspath("."), "sky.jpg")
base_image_path = keras.utils.get_file("sky.jpg", "https://i.imgur.com/aGBdQyK.jpg",
                                       cache_dir=os.path.abspath("."))
result_prefix = "sky_dream"

# These are the names of the layers
# for which we try to maximize activation,
# as well as their weight in the final loss
# we try to maximize.
# You can tweak these setting to obtain new visual effects.
layer_settings = {
    "mixed4": 1.0,
    "mixed5": 1.5,
    "mixed6": 2.0,
    "mixed7": 2.5,
}

# Playing with these hyperparameters will also allow you to achieve new effects
step = 0.01  # Gradient ascent step size
num_octave = 3  # Number of scales at which to run gradient ascent
octave_scale = 1.4  # Size ratio between scales
iterations = 2  # Number of ascent steps per scale
max_loss = 15.0

"""
Let's set up some image preprocessing/deprocessing utilities:
"""


def preprocess_image(image_path):
    # Util function to open, resize and format pictures
    # into appropriate arrays.
    img = keras.utils.load_img(image_path)
    img = keras.utils.img_to_array(img)
    img = np.expand_dims(img, axis=0)
    img = inception_v3.preprocess_input(img)
    return img


def deprocess_image(x):
    # Util function to convert a NumPy array into a valid image.
    x = x.reshape((x.shape[1], x.shape[2], 3))
    # Undo inception v3 preprocessing
    x /= 2.0
    x += 0.5
    x *= 255.0
    # Convert to uint8 and clip to the valid range [0, 255]
    x = np.clip(x, 0, 255).astype("uint8")
    return x


"""
## Compute the Deep Dream loss
"""

# Build an InceptionV3 model loaded with pre-trained ImageNet weights
model = inception_v3.InceptionV3(weights=None, include_top=False)
corpus_data.imagenet_stand_in_weights(model)

# Get the symbolic outputs of each "key" layer (we gave them unique names).
outputs_dict = dict(
    [
        (layer.name, layer.output)
        for layer in [model.get_layer(name) for name in layer_settings.keys()]
    ]
)

# Set up a model that returns the activation values for every target layer
# (as a dict)
feature_extractor = keras.Model(inputs=model.inputs, outputs=outputs_dict)

"""
The actual loss computation is very simple:
"""


def compute_loss(input_image):
    features = feature_extractor(input_image)
    # Initialize the loss
    loss = tf.zeros(shape=())
    for name in features.keys():
        coeff = layer_settings[name]
        activation = features[name]
        # We avoid border artifacts by only involving non-border pixels in the loss.
        scaling = tf.reduce_prod(tf.cast(tf.shape(activation), "float32"))
        loss += coeff * tf.reduce_sum(tf.square(activation[:, 2:-2, 2:-2, :])) / scaling
    return loss


"""
## Set up the gradient ascent loop for one octave
"""


@tf.function
def gradient_ascent_step(img, learning_rate):
    with tf.GradientTape() as tape:
        tape.watch(img)
        loss = compute_loss(img)
    # Compute gradients.
    grads = tape.gradient(loss, img)
    # Normalize gradients.
    grads /= tf.maximum(tf.reduce_mean(tf.abs(grads)), 1e-6)
    img += learning_rate * grads
    return loss, img


def gradient_ascent_loop(img, iterations, learning_rate, max_loss=None):
    for i in range(iterations):
        loss, img = gradient_ascent_step(img, learning_rate)
        if max_loss is not None and loss > max_loss:
            break
        print("... Loss value at step %d: %.2f" % (i, loss))
    return img


"""
## Run the training loop, iterating over different octaves
"""

original_img = preprocess_image(base_image_path)
original_shape = original_img.shape[1:3]

successive_shapes = [original_shape]
for i in range(1, num_octave):
    shape = tuple([int(dim / (octave_scale**i)) for dim in original_shape])
    successive_shapes.append(shape)
successive_shapes = successive_shapes[::-1]
shrunk_original_img = tf.image.resize(original_img, successive_shapes[0])

img = tf.identity(original_img)  # Make a copy
for i, shape in enumerate(successive_shapes):
    print("Processing octave %d with shape %s" % (i, shape))
    img = tf.image.resize(img, shape)
    img = gradient_ascent_loop(
        img, iterations=iterations, learning_rate=step, max_loss=max_loss
    )
    upscaled_shrunk_original_img = tf.image.resize(shrunk_original_img, shape)
    same_size_original = tf.image.resize(original_img, shape)
    lost_detail = same_size_original - upscaled_shrunk_original_img

    img += lost_detail
    shrunk_original_img = tf.image.resize(original_img, shape)

keras.utils.save_img(result_prefix + ".png", deprocess_image(img.numpy()))
