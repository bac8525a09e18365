"""Interpreting what convnets learn: intermediate activations, filter patterns found by
gradient ascent, and class activation heatmaps (Grad-CAM).

Source: Deep Learning with Python, 2nd edition, chapter 9, notebook
chapter09_part03_interpreting-what-convnets-learn
(github.com/fchollet/deep-learning-with-python-notebooks, MIT). Changed: the notebook
loads ``convnet_from_scratch_with_augmentation.keras``, the model chapter 8 trained (a
Colab upload); here that model is first built as chapter 8 builds it (data augmentation,
Rescaling, five Conv2D and four MaxPooling2D layers, Dropout, a sigmoid Dense) and saved
to that file untrained and uncompiled, then loaded as the notebook loads it, so its
activations are those of its initial weights. The two pictures ``keras.utils.get_file``
downloads (``cat.jpg``, ``elephant.jpg``) are small JPEG files written by
``corpus_data.dlwp_picture`` into ``datasets/`` of the working folder, and ``get_file`` is
given ``cache_dir=os.path.abspath(".")`` to find them there rather than in ``~/.keras``.
``keras.applications.xception.Xception(weights="imagenet")`` (a download of ImageNet
weights) is built with ``weights=None``, twice, so the filter patterns and the heatmap are
those of random weights; the classifier is built for 80x80 pictures (``input_shape=(80,
80, 3)``; was 299x299, the size its ImageNet weights require) and the elephant is read at
80x80. ``decode_predictions`` is left out: it reads ImageNet's class index, a download
Keras checks by its MD5 hash, which no stand-in passes (the top class's index,
``np.argmax(preds[0])``, is printed instead). Gradient ascent runs on 80x80 pictures (were
200x200) for 5 steps (were 30), and the grid of filter patterns has 4 filters, 2 by 2
(were 64, 8 by 8). The matplotlib figures are left out: the test picture, the fifth
channel, the grids of every channel (still computed), one filter's pattern (still
computed) and the heatmap; the jet colour map that colours the heatmap is
``corpus_data.cm.get_cmap("jet")`` (matplotlib is not installed beside tf_keras here). The
grid of filter patterns and the heatmap superimposed on the picture are saved as image
files, as in the notebook. ``keras.utils.set_random_seed(1)`` after the Keras imports, so
that the random weights standing in for trained ones, and with them the activations, the
filter patterns, the printed top class and the heatmap, are the same on each run.
"""
import os

import corpus_data
from corpus_data import cm

from tensorflow import keras
from tensorflow.keras import layers

keras.utils.set_random_seed(1)

data_augmentation = keras.Sequential(
    [
        layers.RandomFlip("horizontal"),
        layers.RandomRotation(0.1),
        layers.RandomZoom(0.2),
    ]
)

inputs = keras.Input(shape=(180, 180, 3))
x = data_augmentation(inputs)
x = layers.Rescaling(1./255)(x)
x = layers.Conv2D(filters=32, kernel_size=3, activation="relu")(x)
x = layers.MaxPooling2D(pool_size=2)(x)
x = layers.Conv2D(filters=64, kernel_size=3, activation="relu")(x)
x = layers.MaxPooling2D(pool_size=2)(x)
x = layers.Conv2D(filters=128, kernel_size=3, activation="relu")(x)
x = layers.MaxPooling2D(pool_size=2)(x)
x = layers.Conv2D(filters=256, kernel_size=3, activation="relu")(x)
x = layers.MaxPooling2D(pool_size=2)(x)
x = layers.Conv2D(filters=256, kernel_size=3, activation="relu")(x)
x = layers.Flatten()(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs=inputs, outputs=outputs)

model.save("convnet_from_scratch_with_augmentation.keras")

from tensorflow import keras
model = keras.models.load_model("convnet_from_scratch_with_augmentation.keras")
model.summary()

from tensorflow import keras
import numpy as np

corpus_data.dlwp_picture(os.path.join("datasets", "cat.jpg"), "cat")
img_path = keras.utils.get_file(
    fname="cat.jpg",
    origin="https://img-datasets.s3.amazonaws.com/cat.jpg",
    cache_dir=os.path.abspath("."))

def get_img_array(img_path, target_size):
    img = keras.utils.load_img(
        img_path, target_size=target_size)
    array = keras.utils.img_to_array(img)
    array = np.expand_dims(array, axis=0)
    return array

img_tensor = get_img_array(img_path, target_size=(180, 180))

from tensorflow.keras import layers

layer_outputs = []
layer_names = []
for layer in model.layers:
    if isinstance(layer, (layers.Conv2D, layers.MaxPooling2D)):
        layer_outputs.append(layer.output)
        layer_names.append(layer.name)
activation_model = keras.Model(inputs=model.input, outputs=layer_outputs)

activations = activation_model.predict(img_tensor)

first_layer_activation = activations[0]
print(first_layer_activation.shape)

images_per_row = 16
for layer_name, layer_activation in zip(layer_names, activations):
    n_features = layer_activation.shape[-1]
    size = layer_activation.shape[1]
    n_cols = n_features // images_per_row
    display_grid = np.zeros(((size + 1) * n_cols - 1,
                             images_per_row * (size + 1) - 1))
    for col in range(n_cols):
        for row in range(images_per_row):
            channel_index = col * images_per_row + row
            channel_image = layer_activation[0, :, :, channel_index].copy()
            if channel_image.sum() != 0:
                channel_image -= channel_image.mean()
                channel_image /= channel_image.std()
                channel_image *= 64
                channel_image += 128
            channel_image = np.clip(channel_image, 0, 255).astype("uint8")
            display_grid[
                col * (size + 1): (col + 1) * size + col,
                row * (size + 1) : (row + 1) * size + row] = channel_image

model = keras.applications.xception.Xception(
    weights=None,
    include_top=False)

for layer in model.layers:
    if isinstance(layer, (keras.layers.Conv2D, keras.layers.SeparableConv2D)):
        print(layer.name)

layer_name = "block3_sepconv1"
layer = model.get_layer(name=layer_name)
feature_extractor = keras.Model(inputs=model.input, outputs=layer.output)

activation = feature_extractor(
    keras.applications.xception.preprocess_input(img_tensor)
)

import tensorflow as tf

def compute_loss(image, filter_index):
    activation = feature_extractor(image)
    filter_activation = activation[:, 2:-2, 2:-2, filter_index]
    return tf.reduce_mean(filter_activation)

@tf.function
def gradient_ascent_step(image, filter_index, learning_rate):
    with tf.GradientTape() as tape:
        tape.watch(image)
        loss = compute_loss(image, filter_index)
    grads = tape.gradient(loss, image)
    grads = tf.math.l2_normalize(grads)
    image += learning_rate * grads
    return image

img_width = 80
img_height = 80

def generate_filter_pattern(filter_index):
    iterations = 5
    learning_rate = 10.
    image = tf.random.uniform(
        minval=0.4,
        maxval=0.6,
        shape=(1, img_width, img_height, 3))
    for i in range(iterations):
        image = gradient_ascent_step(image, filter_index, learning_rate)
    return image[0].numpy()

def deprocess_image(image):
    image -= image.mean()
    image /= image.std()
    image *= 64
    image += 128
    image = np.clip(image, 0, 255).astype("uint8")
    image = image[25:-25, 25:-25, :]
    return image

deprocess_image(generate_filter_pattern(filter_index=2))

all_images = []
for filter_index in range(4):
    print(f"Processing filter {filter_index}")
    image = deprocess_image(
        generate_filter_pattern(filter_index)
    )
    all_images.append(image)

margin = 5
n = 2
cropped_width = img_width - 25 * 2
cropped_height = img_height - 25 * 2
width = n * cropped_width + (n - 1) * margin
height = n * cropped_height + (n - 1) * margin
stitched_filters = np.zeros((width, height, 3))

for i in range(n):
    for j in range(n):
        image = all_images[i * n + j]
        stitched_filters[
            (cropped_width + margin) * i : (cropped_width + margin) * i + cropped_width,
            (cropped_height + margin) * j : (cropped_height + margin) * j
            + cropped_height,
            :,
        ] = image

keras.utils.save_img(
    f"filters_for_layer_{layer_name}.png", stitched_filters)

model = keras.applications.xception.Xception(weights=None, input_shape=(80, 80, 3))

corpus_data.dlwp_picture(os.path.join("datasets", "elephant.jpg"), "elephant")
img_path = keras.utils.get_file(
    fname="elephant.jpg",
    origin="https://img-datasets.s3.amazonaws.com/elephant.jpg",
    cache_dir=os.path.abspath("."))

def get_img_array(img_path, target_size):
    img = keras.utils.load_img(img_path, target_size=target_size)
    array = keras.utils.img_to_array(img)
    array = np.expand_dims(array, axis=0)
    array = keras.applications.xception.preprocess_input(array)
    return array

img_array = get_img_array(img_path, target_size=(80, 80))

preds = model.predict(img_array)
print(np.argmax(preds[0]))

last_conv_layer_name = "block14_sepconv2_act"
classifier_layer_names = [
    "avg_pool",
    "predictions",
]
last_conv_layer = model.get_layer(last_conv_layer_name)
last_conv_layer_model = keras.Model(model.inputs, last_conv_layer.output)

classifier_input = keras.Input(shape=last_conv_layer.output.shape[1:])
x = classifier_input
for layer_name in classifier_layer_names:
    x = model.get_layer(layer_name)(x)
classifier_model = keras.Model(classifier_input, x)

import tensorflow as tf

with tf.GradientTape() as tape:
    last_conv_layer_output = last_conv_layer_model(img_array)
    tape.watch(last_conv_layer_output)
    preds = classifier_model(last_conv_layer_output)
    top_pred_index = tf.argmax(preds[0])
    top_class_channel = preds[:, top_pred_index]

grads = tape.gradient(top_class_channel, last_conv_layer_output)

pooled_grads = tf.reduce_mean(grads, axis=(0, 1, 2)).numpy()
last_conv_layer_output = last_conv_layer_output.numpy()[0]
for i in range(pooled_grads.shape[-1]):
    last_conv_layer_output[:, :, i] *= pooled_grads[i]
heatmap = np.mean(last_conv_layer_output, axis=-1)

heatmap = np.maximum(heatmap, 0)
heatmap /= np.max(heatmap)

img = keras.utils.load_img(img_path)
img = keras.utils.img_to_array(img)

heatmap = np.uint8(255 * heatmap)

jet = cm.get_cmap("jet")
jet_colors = jet(np.arange(256))[:, :3]
jet_heatmap = jet_colors[heatmap]

jet_heatmap = keras.utils.array_to_img(jet_heatmap)
jet_heatmap = jet_heatmap.resize((img.shape[1], img.shape[0]))
jet_heatmap = keras.utils.img_to_array(jet_heatmap)

superimposed_img = jet_heatmap * 0.4 + img
superimposed_img = keras.utils.array_to_img(superimposed_img)

save_path = "elephant_cam.jpg"
superimposed_img.save(save_path)
