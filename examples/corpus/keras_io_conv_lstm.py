"""Next-frame video prediction with convolutional LSTMs: three ConvLSTM2D layers
(``return_sequences``, relu, "same" padding, 5x5, 3x3 and 1x1 kernels) with
BatchNormalization over their 5-D sequences of images, a Conv3D with a sigmoid over space
and time, an Input with no definite number of frames, binary crossentropy, EarlyStopping
and ReduceLROnPlateau on val_loss; then frames predicted one at a time by calling predict on
a growing sequence.

Source: https://keras.io/examples/vision/conv_lstm/ (Amogh Joshi, keras-io, Apache-2.0; the
Keras 2 version, last modified 2021/06/05). Changed: the Moving MNIST download
(``keras.utils.get_file`` of ``mnist_test_seq.npy``) is replaced by
``corpus_data.moving_mnist_file``, which writes a file of the same layout (uint8, frames
first) with 24 sequences of 20 frames of 16x16 pixels (were 10000 of 64x64), two glyphs
gliding in each; the ConvLSTM2D layers have 8 filters (were 64), so a NumPy convnet
fits the corpus's time; ``epochs = 2`` (were 20); the matplotlib figures, the imageio GIFs
and the IPython widgets showing them are left out (the predicted frames' shapes are
printed instead; imageio, IPython and ipywidgets are not installed beside tf_keras here).
"""

import numpy as np

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

"""
## Dataset Construction
"""

# Download and load the dataset.
fpath = corpus_data.moving_mnist_file("moving_mnist.npy", n=24, frames=20, size=16)
dataset = np.load(fpath)

# Swap the axes representing the number of frames and number of data samples.
dataset = np.swapaxes(dataset, 0, 1)
# We'll pick out 1000 of the 10000 total examples and use those.
dataset = dataset[:1000, ...]
# Add a channel dimension since the images are grayscale.
dataset = np.expand_dims(dataset, axis=-1)

# Split into train and validation sets using indexing to optimize memory.
indexes = np.arange(dataset.shape[0])
np.random.shuffle(indexes)
train_index = indexes[: int(0.9 * dataset.shape[0])]
val_index = indexes[int(0.9 * dataset.shape[0]) :]
train_dataset = dataset[train_index]
val_dataset = dataset[val_index]

# Normalize the data to the 0-1 range.
train_dataset = train_dataset / 255
val_dataset = val_dataset / 255

# We'll define a helper function to shift the frames, where
# `x` is frames 0 to n - 1, and `y` is frames 1 to n.
def create_shifted_frames(data):
    x = data[:, 0 : data.shape[1] - 1, :, :]
    y = data[:, 1 : data.shape[1], :, :]
    return x, y


# Apply the processing function to the datasets.
x_train, y_train = create_shifted_frames(train_dataset)
x_val, y_val = create_shifted_frames(val_dataset)

# Inspect the dataset.
print("Training Dataset Shapes: " + str(x_train.shape) + ", " + str(y_train.shape))
print("Validation Dataset Shapes: " + str(x_val.shape) + ", " + str(y_val.shape))

"""
## Data Visualization (the figure is left out)
"""

# Plot each of the sequential images for one random data example.
data_choice = np.random.choice(range(len(train_dataset)), size=1)[0]

# Print information and display the figure.
print(f"Displaying frames for example {data_choice}.")

"""
## Model Construction
"""

# Construct the input layer with no definite frame size.
inp = layers.Input(shape=(None, *x_train.shape[2:]))

# We will construct 3 `ConvLSTM2D` layers with batch normalization,
# followed by a `Conv3D` layer for the spatiotemporal outputs.
x = layers.ConvLSTM2D(
    filters=8,
    kernel_size=(5, 5),
    padding="same",
    return_sequences=True,
    activation="relu",
)(inp)
x = layers.BatchNormalization()(x)
x = layers.ConvLSTM2D(
    filters=8,
    kernel_size=(3, 3),
    padding="same",
    return_sequences=True,
    activation="relu",
)(x)
x = layers.BatchNormalization()(x)
x = layers.ConvLSTM2D(
    filters=8,
    kernel_size=(1, 1),
    padding="same",
    return_sequences=True,
    activation="relu",
)(x)
x = layers.Conv3D(
    filters=1, kernel_size=(3, 3, 3), activation="sigmoid", padding="same"
)(x)

# Next, we will build the complete model and compile it.
model = keras.models.Model(inp, x)
model.compile(
    loss=keras.losses.binary_crossentropy,
    optimizer=keras.optimizers.Adam(),
)

"""
## Model Training
"""

# Define some callbacks to improve training.
early_stopping = keras.callbacks.EarlyStopping(monitor="val_loss", patience=10)
reduce_lr = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", patience=5)

# Define modifiable training hyperparameters.
epochs = 2
batch_size = 5

# Fit the model to the training data.
model.fit(
    x_train,
    y_train,
    batch_size=batch_size,
    epochs=epochs,
    validation_data=(x_val, y_val),
    callbacks=[early_stopping, reduce_lr],
)

"""
## Frame Prediction Visualizations
"""

# Select a random example from the validation dataset.
example = val_dataset[np.random.choice(range(len(val_dataset)), size=1)[0]]

# Pick the first/last ten frames from the example.
frames = example[:10, ...]
original_frames = example[10:, ...]

# Predict a new set of 10 frames.
for _ in range(10):
    # Extract the model's prediction and post-process it.
    new_prediction = model.predict(np.expand_dims(frames, axis=0))
    new_prediction = np.squeeze(new_prediction, axis=0)
    predicted_frame = np.expand_dims(new_prediction[-1, ...], axis=0)

    # Extend the set of prediction frames.
    frames = np.concatenate((frames, predicted_frame), axis=0)

# The figure of the original and new frames is left out.
new_frames = frames[10:, ...]
print("Original frames:", original_frames.shape, "new frames:", new_frames.shape)
