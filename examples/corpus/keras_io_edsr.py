"""Enhanced Deep Residual Networks for single-image super-resolution (EDSR): pairs of low
and high resolution pictures through a cached tf.data pipeline whose maps crop both at a
random place (``tf.shape``, ``tf.random.uniform`` with a tensor ``maxval``, slicing with
tensor bounds), rotate them by ``tf.image.rot90`` and flip them with
``tf.image.flip_left_right`` under ``tf.cond``; batch, repeat, prefetch; a functional model
of Rescaling, residual blocks of Conv2D and Add, upsampling by ``tf.nn.depth_to_space`` on
KerasTensors, built as a Model subclass that overrides ``train_step`` (``compiled_loss``,
``compiled_metrics``) and ``predict_step`` (``tf.clip_by_value``, ``tf.round``,
``tf.squeeze``); Adam on a PiecewiseConstantDecay schedule, the ``"mae"`` loss and a PSNR
metric function of ``tf.image.psnr``; fit with ``steps_per_epoch`` and validation data; then
``predict_step`` called directly on ``tf.image.random_crop`` of validation pictures.

Source: https://keras.io/examples/vision/edsr/ (Gitesh Chawda, keras-io, Apache-2.0; the
tf.keras version, last modified 2022/08/08). Changed: ``tfds.image.Div2k`` (a download,
and the tensorflow_datasets package, not installed beside tf_keras here) is replaced by
``corpus_data.div2k_bicubic_x4``, 32 training and 8 validation pairs (were 800 and 100) of
64x80 pictures (were about 1400x2040) and their 16x20 bicubic versions, fed through
``tf.data.Dataset.from_tensor_slices``; ``hr_crop_size=16`` (was 96, so the low resolution
crops are 4x4, were 24x24); ``num_of_residual_blocks=2`` (was 16); ``epochs=2`` and
``steps_per_epoch=3`` (were 100 and 200); the validation pictures are cropped to 16x16 (were
150x150) and 2 of them are taken (were 10); the matplotlib figures of the batches and the
results are left out (``plot_results`` prints the shapes of the pictures it was given).
The run is seeded (``keras.utils.set_random_seed``) for the model's initial weights; the
crops, rotations and flips still differ from run to run under tf_keras, whose parallel maps
(``num_parallel_calls=AUTOTUNE``) take their random draws in no fixed order.
"""

import numpy as np
import tensorflow as tf

from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

keras.utils.set_random_seed(42)

AUTOTUNE = tf.data.AUTOTUNE

"""
## Download the training dataset
"""

# Download DIV2K from TF Datasets
# Using bicubic 4x degradation type
(train_lowres, train_highres), (val_lowres, val_highres) = corpus_data.div2k_bicubic_x4()

# Taking train data from div2k_data object
train = tf.data.Dataset.from_tensor_slices((train_lowres, train_highres))
train_cache = train.cache()
# Validation data
val = tf.data.Dataset.from_tensor_slices((val_lowres, val_highres))
val_cache = val.cache()

"""
## Flip, crop and resize images
"""


def flip_left_right(lowres_img, highres_img):
    """Flips Images to left and right."""

    # Outputs random values from a uniform distribution in between 0 to 1
    rn = tf.random.uniform(shape=(), maxval=1)
    # If rn is less than 0.5 it returns original lowres_img and highres_img
    # If rn is greater than 0.5 it returns flipped image
    return tf.cond(
        rn < 0.5,
        lambda: (lowres_img, highres_img),
        lambda: (
            tf.image.flip_left_right(lowres_img),
            tf.image.flip_left_right(highres_img),
        ),
    )


def random_rotate(lowres_img, highres_img):
    """Rotates Images by 90 degrees."""

    # Outputs random values from uniform distribution in between 0 to 4
    rn = tf.random.uniform(shape=(), maxval=4, dtype=tf.int32)
    # Here rn signifies number of times the image(s) are rotated by 90 degrees
    return tf.image.rot90(lowres_img, rn), tf.image.rot90(highres_img, rn)


def random_crop(lowres_img, highres_img, hr_crop_size=16, scale=4):
    """Crop images.

    low resolution images: 24x24
    high resolution images: 96x96
    """
    lowres_crop_size = hr_crop_size // scale  # 96//4=24
    lowres_img_shape = tf.shape(lowres_img)[:2]  # (height,width)

    lowres_width = tf.random.uniform(
        shape=(), maxval=lowres_img_shape[1] - lowres_crop_size + 1, dtype=tf.int32
    )
    lowres_height = tf.random.uniform(
        shape=(), maxval=lowres_img_shape[0] - lowres_crop_size + 1, dtype=tf.int32
    )

    highres_width = lowres_width * scale
    highres_height = lowres_height * scale

    lowres_img_cropped = lowres_img[
        lowres_height : lowres_height + lowres_crop_size,
        lowres_width : lowres_width + lowres_crop_size,
    ]  # 24x24
    highres_img_cropped = highres_img[
        highres_height : highres_height + hr_crop_size,
        highres_width : highres_width + hr_crop_size,
    ]  # 96x96

    return lowres_img_cropped, highres_img_cropped


"""
### Prepare a `tf.data.Dataset` object
"""


def dataset_object(dataset_cache, training=True):

    ds = dataset_cache
    ds = ds.map(
        lambda lowres, highres: random_crop(lowres, highres, scale=4),
        num_parallel_calls=AUTOTUNE,
    )

    if training:
        ds = ds.map(random_rotate, num_parallel_calls=AUTOTUNE)
        ds = ds.map(flip_left_right, num_parallel_calls=AUTOTUNE)
    # Batching Data
    ds = ds.batch(16)

    if training:
        # Repeating Data, so that cardinality if dataset becomes infinte
        ds = ds.repeat()
    # prefetching allows later images to be prepared while the current image is being processed
    ds = ds.prefetch(buffer_size=AUTOTUNE)
    return ds


train_ds = dataset_object(train_cache, training=True)
val_ds = dataset_object(val_cache, training=False)

"""
### Visualize the data
"""

lowres, highres = next(iter(train_ds))

# Hig Resolution Images
print([highres[i].shape for i in range(9)])

# Low Resolution Images
print([lowres[i].shape for i in range(9)])


def PSNR(super_resolution, high_resolution):
    """Compute the peak signal-to-noise ratio, measures quality of image."""
    # Max value of pixel is 255
    psnr_value = tf.image.psnr(high_resolution, super_resolution, max_val=255)[0]
    return psnr_value


"""
## Build the model
"""


class EDSRModel(tf.keras.Model):
    def train_step(self, data):
        # Unpack the data. Its structure depends on your model and
        # on what you pass to `fit()`.
        x, y = data

        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)  # Forward pass
            # Compute the loss value
            # (the loss function is configured in `compile()`)
            loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)

        # Compute gradients
        trainable_vars = self.trainable_variables
        gradients = tape.gradient(loss, trainable_vars)
        # Update weights
        self.optimizer.apply_gradients(zip(gradients, trainable_vars))
        # Update metrics (includes the metric that tracks the loss)
        self.compiled_metrics.update_state(y, y_pred)
        # Return a dict mapping metric names to current value
        return {m.name: m.result() for m in self.metrics}

    def predict_step(self, x):
        # Adding dummy dimension using tf.expand_dims and converting to float32 using tf.cast
        x = tf.cast(tf.expand_dims(x, axis=0), tf.float32)
        # Passing low resolution image to model
        super_resolution_img = self(x, training=False)
        # Clips the tensor from min(0) to max(255)
        super_resolution_img = tf.clip_by_value(super_resolution_img, 0, 255)
        # Rounds the values of a tensor to the nearest integer
        super_resolution_img = tf.round(super_resolution_img)
        # Removes dimensions of size 1 from the shape of a tensor and converting to uint8
        super_resolution_img = tf.squeeze(
            tf.cast(super_resolution_img, tf.uint8), axis=0
        )
        return super_resolution_img


# Residual Block
def ResBlock(inputs):
    x = layers.Conv2D(64, 3, padding="same", activation="relu")(inputs)
    x = layers.Conv2D(64, 3, padding="same")(x)
    x = layers.Add()([inputs, x])
    return x


# Upsampling Block
def Upsampling(inputs, factor=2, **kwargs):
    x = layers.Conv2D(64 * (factor ** 2), 3, padding="same", **kwargs)(inputs)
    x = tf.nn.depth_to_space(x, block_size=factor)
    x = layers.Conv2D(64 * (factor ** 2), 3, padding="same", **kwargs)(x)
    x = tf.nn.depth_to_space(x, block_size=factor)
    return x


def make_model(num_filters, num_of_residual_blocks):
    # Flexible Inputs to input_layer
    input_layer = layers.Input(shape=(None, None, 3))
    # Scaling Pixel Values
    x = layers.Rescaling(scale=1.0 / 255)(input_layer)
    x = x_new = layers.Conv2D(num_filters, 3, padding="same")(x)

    # 16 residual blocks
    for _ in range(num_of_residual_blocks):
        x_new = ResBlock(x_new)

    x_new = layers.Conv2D(num_filters, 3, padding="same")(x_new)
    x = layers.Add()([x, x_new])

    x = Upsampling(x)
    x = layers.Conv2D(3, 3, padding="same")(x)

    output_layer = layers.Rescaling(scale=255)(x)
    return EDSRModel(input_layer, output_layer)


model = make_model(num_filters=64, num_of_residual_blocks=2)

"""
## Train the model
"""

# Using adam optimizer with initial learning rate as 1e-4, changing learning rate after 5000 steps to 5e-5
optim_edsr = keras.optimizers.Adam(
    learning_rate=keras.optimizers.schedules.PiecewiseConstantDecay(
        boundaries=[5000], values=[1e-4, 5e-5]
    )
)
# Compiling model with loss as mean absolute error(L1 Loss) and metric as psnr
model.compile(optimizer=optim_edsr, loss="mae", metrics=[PSNR])
# Training for more epochs will improve results
model.fit(train_ds, epochs=2, steps_per_epoch=3, validation_data=val_ds)

"""
## Run inference on new images and plot the results
"""


def plot_results(lowres, preds):
    """
    Displays low resolution image and super resolution image
    """
    print(lowres.shape, preds.shape)


for lowres, highres in val.take(2):
    lowres = tf.image.random_crop(lowres, (16, 16, 3))
    preds = model.predict_step(lowres)
    plot_results(lowres, preds)
