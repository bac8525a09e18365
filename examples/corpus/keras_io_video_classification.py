"""Video classification with a CNN-RNN architecture: videos read frame by frame, each frame
cropped to its centre square, resized and turned from BGR to RGB, a frozen image model
turning every frame into a feature vector (one ``predict`` call a frame, after
``keras.applications.inception_v3.preprocess_input`` on its input), the labels through a
StringLookup with ``num_oov_indices=0``, and a sequence model of two GRUs fed a boolean
frame mask through ``mask=`` on a second Input, Dropout and Dense layers; fit on a list of
two arrays with ``validation_split=0.3`` and a save_weights_only, save_best_only
ModelCheckpoint (verbose=1), load_weights, evaluate, and a prediction on one test video.

Source: https://keras.io/examples/vision/video_classification/ (Sayak Paul, keras-io,
Apache-2.0; the tf.keras version, last modified 2021/06/08). Changed: the download and
unpacking of ``ucf101_top5.tar.gz`` are replaced by ``corpus_data.ucf101_top5``, which
writes ``train.csv``, ``test.csv`` and the videos, 30 and 10 of them (were 594 and 224) of 5
to 12 frames of 48x64 (were about 150 of 240x320); ``pd.read_csv`` (pandas is not installed
beside tf_keras here) is ``corpus_data.DataFrame``, and ``train_df.sample(10)`` is printed;
``cv2.VideoCapture`` and ``cv2.resize`` (OpenCV is not installed) are
``corpus_data.VideoCapture`` and ``corpus_data.resize``; ``IMG_SIZE = 32`` (was 224),
``MAX_SEQ_LENGTH = 8`` (was 20), ``NUM_FEATURES = 32`` (was 2048); the feature
extractor's ``keras.applications.InceptionV3(weights="imagenet", include_top=False,
pooling="avg", ...)`` (its pretrained weights are a download, and its 21.8 million
weights on every frame would take the run far past a few seconds on NumPy) is replaced by
a small Sequential of two strided Conv2D layers and
GlobalAveragePooling2D with ``NUM_FEATURES`` outputs, built in the program (InceptionV3's
``preprocess_input`` is kept in front of it); the
checkpoint is ``./video_classifier`` in the working folder (was ``/tmp/video_classifier``,
which other corpus programs run side by side may write too); the test video is the first
one (was ``np.random.choice``) and the GIF of its frames is left out (imageio and
tensorflow_docs are not installed beside tf_keras here; the frames' shape is printed). The run is seeded
(``keras.utils.set_random_seed``), since ten epochs of one step on 21 videos vary a lot
from run to run.
"""

from tensorflow import keras

import tensorflow as tf
import numpy as np
import os

import corpus_data

keras.utils.set_random_seed(42)

"""
## Data collection
"""

corpus_data.ucf101_top5(os.getcwd())

"""
## Setup
"""

IMG_SIZE = 32
BATCH_SIZE = 64
EPOCHS = 10

MAX_SEQ_LENGTH = 8
NUM_FEATURES = 32

"""
## Data preparation
"""

train_df = corpus_data.DataFrame("train.csv")
test_df = corpus_data.DataFrame("test.csv")

print(f"Total videos for training: {len(train_df)}")
print(f"Total videos for testing: {len(test_df)}")

print(train_df.sample(10))

# The following two methods are taken from this tutorial:
# https://www.tensorflow.org/hub/tutorials/action_recognition_with_tf_hub


def crop_center_square(frame):
    y, x = frame.shape[0:2]
    min_dim = min(y, x)
    start_x = (x // 2) - (min_dim // 2)
    start_y = (y // 2) - (min_dim // 2)
    return frame[start_y : start_y + min_dim, start_x : start_x + min_dim]


def load_video(path, max_frames=0, resize=(IMG_SIZE, IMG_SIZE)):
    cap = corpus_data.VideoCapture(path)
    frames = []
    try:
        while True:
            ret, frame = cap.read()
            if not ret:
                break
            frame = crop_center_square(frame)
            frame = corpus_data.resize(frame, resize)
            frame = frame[:, :, [2, 1, 0]]
            frames.append(frame)

            if len(frames) == max_frames:
                break
    finally:
        cap.release()
    return np.array(frames)


def build_feature_extractor():
    feature_extractor = keras.Sequential(
        [
            keras.layers.Conv2D(16, 3, strides=2, activation="relu"),
            keras.layers.Conv2D(NUM_FEATURES, 3, strides=2, activation="relu"),
            keras.layers.GlobalAveragePooling2D(),
        ],
        name="inception_v3_stand_in",
    )
    preprocess_input = keras.applications.inception_v3.preprocess_input

    inputs = keras.Input((IMG_SIZE, IMG_SIZE, 3))
    preprocessed = preprocess_input(inputs)

    outputs = feature_extractor(preprocessed)
    return keras.Model(inputs, outputs, name="feature_extractor")


feature_extractor = build_feature_extractor()

label_processor = keras.layers.StringLookup(
    num_oov_indices=0, vocabulary=np.unique(train_df["tag"])
)
print(label_processor.get_vocabulary())


def prepare_all_videos(df, root_dir):
    num_samples = len(df)
    video_paths = df["video_name"].values.tolist()
    labels = df["tag"].values
    labels = label_processor(labels[..., None]).numpy()

    # `frame_masks` and `frame_features` are what we will feed to our sequence model.
    # `frame_masks` will contain a bunch of booleans denoting if a timestep is
    # masked with padding or not.
    frame_masks = np.zeros(shape=(num_samples, MAX_SEQ_LENGTH), dtype="bool")
    frame_features = np.zeros(
        shape=(num_samples, MAX_SEQ_LENGTH, NUM_FEATURES), dtype="float32"
    )

    # For each video.
    for idx, path in enumerate(video_paths):
        # Gather all its frames and add a batch dimension.
        frames = load_video(os.path.join(root_dir, path))
        frames = frames[None, ...]

        # Initialize placeholders to store the masks and features of the current video.
        temp_frame_mask = np.zeros(shape=(1, MAX_SEQ_LENGTH,), dtype="bool")
        temp_frame_features = np.zeros(
            shape=(1, MAX_SEQ_LENGTH, NUM_FEATURES), dtype="float32"
        )

        # Extract features from the frames of the current video.
        for i, batch in enumerate(frames):
            video_length = batch.shape[0]
            length = min(MAX_SEQ_LENGTH, video_length)
            for j in range(length):
                temp_frame_features[i, j, :] = feature_extractor.predict(
                    batch[None, j, :]
                )
            temp_frame_mask[i, :length] = 1  # 1 = not masked, 0 = masked

        frame_features[idx,] = temp_frame_features.squeeze()
        frame_masks[idx,] = temp_frame_mask.squeeze()

    return (frame_features, frame_masks), labels


train_data, train_labels = prepare_all_videos(train_df, "train")
test_data, test_labels = prepare_all_videos(test_df, "test")

print(f"Frame features in train set: {train_data[0].shape}")
print(f"Frame masks in train set: {train_data[1].shape}")

"""
## The sequence model
"""


# Utility for our sequence model.
def get_sequence_model():
    class_vocab = label_processor.get_vocabulary()

    frame_features_input = keras.Input((MAX_SEQ_LENGTH, NUM_FEATURES))
    mask_input = keras.Input((MAX_SEQ_LENGTH,), dtype="bool")

    # Refer to the following tutorial to understand the significance of using `mask`:
    # https://keras.io/api/layers/recurrent_layers/gru/
    x = keras.layers.GRU(16, return_sequences=True)(
        frame_features_input, mask=mask_input
    )
    x = keras.layers.GRU(8)(x)
    x = keras.layers.Dropout(0.4)(x)
    x = keras.layers.Dense(8, activation="relu")(x)
    output = keras.layers.Dense(len(class_vocab), activation="softmax")(x)

    rnn_model = keras.Model([frame_features_input, mask_input], output)

    rnn_model.compile(
        loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"]
    )
    return rnn_model


# Utility for running experiments.
def run_experiment():
    filepath = "./video_classifier"
    checkpoint = keras.callbacks.ModelCheckpoint(
        filepath, save_weights_only=True, save_best_only=True, verbose=1
    )

    seq_model = get_sequence_model()
    history = seq_model.fit(
        [train_data[0], train_data[1]],
        train_labels,
        validation_split=0.3,
        epochs=EPOCHS,
        callbacks=[checkpoint],
    )

    seq_model.load_weights(filepath)
    _, accuracy = seq_model.evaluate([test_data[0], test_data[1]], test_labels)
    print(f"Test accuracy: {round(accuracy * 100, 2)}%")

    return history, seq_model


_, sequence_model = run_experiment()

"""
## Inference
"""


def prepare_single_video(frames):
    frames = frames[None, ...]
    frame_mask = np.zeros(shape=(1, MAX_SEQ_LENGTH,), dtype="bool")
    frame_features = np.zeros(shape=(1, MAX_SEQ_LENGTH, NUM_FEATURES), dtype="float32")

    for i, batch in enumerate(frames):
        video_length = batch.shape[0]
        length = min(MAX_SEQ_LENGTH, video_length)
        for j in range(length):
            frame_features[i, j, :] = feature_extractor.predict(batch[None, j, :])
        frame_mask[i, :length] = 1  # 1 = not masked, 0 = masked

    return frame_features, frame_mask


def sequence_prediction(path):
    class_vocab = label_processor.get_vocabulary()

    frames = load_video(os.path.join("test", path))
    frame_features, frame_mask = prepare_single_video(frames)
    probabilities = sequence_model.predict([frame_features, frame_mask])[0]

    for i in np.argsort(probabilities)[::-1]:
        print(f"  {class_vocab[i]}: {probabilities[i] * 100:5.2f}%")
    return frames


test_video = test_df["video_name"].values.tolist()[0]
print(f"Test video path: {test_video}")
test_frames = sequence_prediction(test_video)
print(test_frames[:MAX_SEQ_LENGTH].shape)
