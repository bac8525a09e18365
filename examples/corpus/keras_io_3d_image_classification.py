"""3D image classification from CT scans: scans read from zipped folders, normalized to
[0, 1] and resized with scipy.ndimage (rotate, zoom), a tf.data pipeline whose training map
rotates each volume by a random angle inside a ``@tf.function`` through
``tf.numpy_function`` (scipy.ndimage.rotate) then ``tf.expand_dims``, a 3D convnet of
Conv3D, MaxPool3D, BatchNormalization, GlobalAveragePooling3D, Dense and Dropout, Adam on an
ExponentialDecay schedule, the ``"acc"`` metric, a save_best_only HDF5 ModelCheckpoint and
EarlyStopping on ``val_acc``, ``fit(shuffle=True, verbose=2)`` on datasets, load_weights of
the best checkpoint and predict on one scan.

Source: https://keras.io/examples/vision/3D_image_classification/ (Hasib Zunair, keras-io,
Apache-2.0; the tf.keras version, last modified 2020/09/23). Changed: the two downloads of
MosMedData (``keras.utils.get_file`` of ``CT-0.zip`` and ``CT-23.zip``) are replaced by
``corpus_data.mosmeddata_zips``, which writes the two zip files, 8 scans in each (were 100)
of 64x64x24 voxels (were 512x512 by about 40), and ``nib.load`` (nibabel is not installed
beside tf_keras here) by ``corpus_data.nifti_load``, which reads them; the scan folders are
listed with ``sorted(os.listdir(...))`` (was ``os.listdir``, whose order depends on the
file system) so that the seeded run takes the same scans on every machine; the volumes are
resized to 48x48x48 (were 128x128x64; 46 is the smallest size that the four valid
convolutions and poolings leave a voxel of) and the model is built for that size
(``get_model(width=48, height=48, depth=48)``) with a quarter of the filters in each
Conv3D (16, 16, 32, 64; were 64, 64, 128, 256); the training/validation split takes 6
scans of each class (was 70); ``epochs = 2`` (was 100); the matplotlib figures (a slice,
the montage of slices, the accuracy and loss curves) are left out, and the history the
curves were drawn from is printed instead. The fit is seeded
(``keras.utils.set_random_seed``, and ``random.seed`` for the rotation angles), since two
epochs on twelve scans vary a lot from run to run.
"""

import os
import zipfile
import numpy as np
import tensorflow as tf

from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

keras.utils.set_random_seed(42)

"""
## Downloading the MosMedData: Chest CT Scans with COVID-19 Related Findings
"""

# Download url of normal CT scans.
# Download url of abnormal CT scans.
corpus_data.mosmeddata_zips(os.getcwd())

# Make a directory to store the data.
os.makedirs("MosMedData")

# Unzip data in the newly created directory.
with zipfile.ZipFile("CT-0.zip", "r") as z_fp:
    z_fp.extractall("./MosMedData/")

with zipfile.ZipFile("CT-23.zip", "r") as z_fp:
    z_fp.extractall("./MosMedData/")

"""
## Loading data and preprocessing
"""

from scipy import ndimage


def read_nifti_file(filepath):
    """Read and load volume"""
    # Read file
    scan = corpus_data.nifti_load(filepath)
    # Get raw data
    scan = scan.get_fdata()
    return scan


def normalize(volume):
    """Normalize the volume"""
    min = -1000
    max = 400
    volume[volume < min] = min
    volume[volume > max] = max
    volume = (volume - min) / (max - min)
    volume = volume.astype("float32")
    return volume


def resize_volume(img):
    """Resize across z-axis"""
    # Set the desired depth
    desired_depth = 48
    desired_width = 48
    desired_height = 48
    # Get current depth
    current_depth = img.shape[-1]
    current_width = img.shape[0]
    current_height = img.shape[1]
    # Compute depth factor
    depth = current_depth / desired_depth
    width = current_width / desired_width
    height = current_height / desired_height
    depth_factor = 1 / depth
    width_factor = 1 / width
    height_factor = 1 / height
    # Rotate
    img = ndimage.rotate(img, 90, reshape=False)
    # Resize across z-axis
    img = ndimage.zoom(img, (width_factor, height_factor, depth_factor), order=1)
    return img


def process_scan(path):
    """Read and resize volume"""
    # Read scan
    volume = read_nifti_file(path)
    # Normalize
    volume = normalize(volume)
    # Resize width, height and depth
    volume = resize_volume(volume)
    return volume


"""
Let's read the paths of the CT scans from the class directories.
"""

# Folder "CT-0" consist of CT scans having normal lung tissue,
# no CT-signs of viral pneumonia.
normal_scan_paths = [
    os.path.join(os.getcwd(), "MosMedData/CT-0", x)
    for x in sorted(os.listdir("MosMedData/CT-0"))
]
# Folder "CT-23" consist of CT scans having several ground-glass opacifications,
# involvement of lung parenchyma.
abnormal_scan_paths = [
    os.path.join(os.getcwd(), "MosMedData/CT-23", x)
    for x in sorted(os.listdir("MosMedData/CT-23"))
]

print("CT scans with normal lung tissue: " + str(len(normal_scan_paths)))
print("CT scans with abnormal lung tissue: " + str(len(abnormal_scan_paths)))

"""
## Build train and validation datasets
"""

# Read and process the scans.
# Each scan is resized across height, width, and depth and rescaled.
abnormal_scans = np.array([process_scan(path) for path in abnormal_scan_paths])
normal_scans = np.array([process_scan(path) for path in normal_scan_paths])

# For the CT scans having presence of viral pneumonia
# assign 1, for the normal ones assign 0.
abnormal_labels = np.array([1 for _ in range(len(abnormal_scans))])
normal_labels = np.array([0 for _ in range(len(normal_scans))])

# Split data in the ratio 70-30 for training and validation.
x_train = np.concatenate((abnormal_scans[:6], normal_scans[:6]), axis=0)
y_train = np.concatenate((abnormal_labels[:6], normal_labels[:6]), axis=0)
x_val = np.concatenate((abnormal_scans[6:], normal_scans[6:]), axis=0)
y_val = np.concatenate((abnormal_labels[6:], normal_labels[6:]), axis=0)
print(
    "Number of samples in train and validation are %d and %d."
    % (x_train.shape[0], x_val.shape[0])
)

"""
## Data augmentation
"""

import random

from scipy import ndimage

random.seed(42)


@tf.function
def rotate(volume):
    """Rotate the volume by a few degrees"""

    def scipy_rotate(volume):
        # define some rotation angles
        angles = [-20, -10, -5, 5, 10, 20]
        # pick angles at random
        angle = random.choice(angles)
        # rotate volume
        volume = ndimage.rotate(volume, angle, reshape=False)
        volume[volume < 0] = 0
        volume[volume > 1] = 1
        return volume

    augmented_volume = tf.numpy_function(scipy_rotate, [volume], tf.float32)
    return augmented_volume


def train_preprocessing(volume, label):
    """Process training data by rotating and adding a channel."""
    # Rotate volume
    volume = rotate(volume)
    volume = tf.expand_dims(volume, axis=3)
    return volume, label


def validation_preprocessing(volume, label):
    """Process validation data by only adding a channel."""
    volume = tf.expand_dims(volume, axis=3)
    return volume, label


"""
While defining the train and validation data loader, the training data is passed through
and augmentation function which randomly rotates volume at different angles. Note that both
training and validation data are already rescaled to have values between 0 and 1.
"""

# Define data loaders.
train_loader = tf.data.Dataset.from_tensor_slices((x_train, y_train))
validation_loader = tf.data.Dataset.from_tensor_slices((x_val, y_val))

batch_size = 2
# Augment the on the fly during training.
train_dataset = (
    train_loader.shuffle(len(x_train))
    .map(train_preprocessing)
    .batch(batch_size)
    .prefetch(2)
)
# Only rescale.
validation_dataset = (
    validation_loader.shuffle(len(x_val))
    .map(validation_preprocessing)
    .batch(batch_size)
    .prefetch(2)
)

"""
Visualize an augmented CT scan.
"""

data = train_dataset.take(1)
images, labels = list(data)[0]
images = images.numpy()
image = images[0]
print("Dimension of the CT scan is:", image.shape)

"""
## Define a 3D convolutional neural network
"""


def get_model(width=128, height=128, depth=64):
    """Build a 3D convolutional neural network model."""

    inputs = keras.Input((width, height, depth, 1))

    x = layers.Conv3D(filters=16, kernel_size=3, activation="relu")(inputs)
    x = layers.MaxPool3D(pool_size=2)(x)
    x = layers.BatchNormalization()(x)

    x = layers.Conv3D(filters=16, kernel_size=3, activation="relu")(x)
    x = layers.MaxPool3D(pool_size=2)(x)
    x = layers.BatchNormalization()(x)

    x = layers.Conv3D(filters=32, kernel_size=3, activation="relu")(x)
    x = layers.MaxPool3D(pool_size=2)(x)
    x = layers.BatchNormalization()(x)

    x = layers.Conv3D(filters=64, kernel_size=3, activation="relu")(x)
    x = layers.MaxPool3D(pool_size=2)(x)
    x = layers.BatchNormalization()(x)

    x = layers.GlobalAveragePooling3D()(x)
    x = layers.Dense(units=512, activation="relu")(x)
    x = layers.Dropout(0.3)(x)

    outputs = layers.Dense(units=1, activation="sigmoid")(x)

    # Define the model.
    model = keras.Model(inputs, outputs, name="3dcnn")
    return model


# Build model.
model = get_model(width=48, height=48, depth=48)
model.summary()

"""
## Train model
"""

# Compile model.
initial_learning_rate = 0.0001
lr_schedule = keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate, decay_steps=100000, decay_rate=0.96, staircase=True
)
model.compile(
    loss="binary_crossentropy",
    optimizer=keras.optimizers.Adam(learning_rate=lr_schedule),
    metrics=["acc"],
)

# Define callbacks.
checkpoint_cb = keras.callbacks.ModelCheckpoint(
    "3d_image_classification.h5", save_best_only=True
)
early_stopping_cb = keras.callbacks.EarlyStopping(monitor="val_acc", patience=15)

# Train the model, doing validation at the end of each epoch
epochs = 2
model.fit(
    train_dataset,
    validation_data=validation_dataset,
    epochs=epochs,
    shuffle=True,
    verbose=2,
    callbacks=[checkpoint_cb, early_stopping_cb],
)

"""
## Visualizing model performance
"""

for i, metric in enumerate(["acc", "loss"]):
    print(metric, model.history.history[metric], model.history.history["val_" + metric])

"""
## Make predictions on a single CT scan
"""

# Load best weights.
model.load_weights("3d_image_classification.h5")
prediction = model.predict(np.expand_dims(x_val[0], axis=0))[0]
scores = [1 - prediction[0], prediction[0]]

class_names = ["normal", "abnormal"]
for score, name in zip(scores, class_names):
    print(
        "This model is %.2f percent confident that CT scan is %s"
        % ((100 * score), name)
    )
