"""Supervised Contrastive Learning: an encoder (a data augmentation Sequential of
Normalization adapted to the pictures, RandomFlip, RandomRotation, RandomWidth and
RandomHeight, then a ResNetV2 functional model made for 32x32 pictures, which takes the
resized ones because ``fit``'s graph leaves their height and width unknown) trained with a
classifier on top as a baseline; then a fresh encoder with a projection head pretrained
with a custom Loss subclass (its own ``__call__``: ``tf.math.l2_normalize``, a similarity
matrix over the temperature, the npairs loss of the labels), and a classifier trained on
top of that encoder frozen.

Source: https://keras.io/examples/vision/supervised-contrastive-learning/ (Khalid Salama,
keras-io, examples/vision/supervised-contrastive-learning.py, Apache-2.0; the Keras 2
version, last modified 2020/11/30). Changed: ``keras.datasets.cifar10.load_data()`` is
replaced by ``corpus_data.cifar10(n_train=96, n_test=32)`` (were 50000 and 10000
pictures); ``tfa.losses.npairs_loss`` from TensorFlow Addons (not installed beside
tf_keras here) by ``corpus_data.tfa.losses.npairs_loss``, the same computation in
TensorFlow ops (the labels' equality matrix, each row divided by its sum, as the targets
of a softmax cross-entropy over each row of the similarity matrix, then the mean);
``keras.applications.ResNet50V2(include_top=False, weights=None, input_shape=input_shape,
pooling="avg")`` by ``corpus_data.small_resnet_v2`` with the same arguments, a ResNetV2 of
the same layer kinds and names with 16 stem filters and two stacks of two blocks (were 64
and four stacks of 3 to 6 blocks: ResNet50V2's 23.5 million weights take seconds to draw
and its steps seconds to train on NumPy), so the encoder's features are 64 wide (were
2048); ``batch_size = 32`` (was 265) and ``num_epochs = 2`` (was 50);
``keras.utils.set_random_seed(2)`` after the imports, so that each run draws the same
weights, augmentations and dropout (two epochs on 96 pictures otherwise now and then end
with a higher loss than they began).
"""

import tensorflow as tf
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data
from corpus_data import tfa

keras.utils.set_random_seed(2)

"""
## Prepare the data
"""

num_classes = 10
input_shape = (32, 32, 3)

# Load the train and test data splits
(x_train, y_train), (x_test, y_test) = corpus_data.cifar10(n_train=96, n_test=32)

# Display shapes of train and test datasets
print(f"x_train shape: {x_train.shape} - y_train shape: {y_train.shape}")
print(f"x_test shape: {x_test.shape} - y_test shape: {y_test.shape}")


"""
## Using image data augmentation
"""

data_augmentation = keras.Sequential(
    [
        layers.experimental.preprocessing.Normalization(),
        layers.experimental.preprocessing.RandomFlip("horizontal"),
        layers.experimental.preprocessing.RandomRotation(0.02),
        layers.experimental.preprocessing.RandomWidth(0.2),
        layers.experimental.preprocessing.RandomHeight(0.2),
    ]
)

# Setting the state of the normalization layer.
data_augmentation.layers[0].adapt(x_train)

"""
## Build the encoder model

The encoder model takes the image as input and turns it into a 2048-dimensional
feature vector.
"""


def create_encoder():
    resnet = corpus_data.small_resnet_v2(
        include_top=False, weights=None, input_shape=input_shape, pooling="avg"
    )

    inputs = keras.Input(shape=input_shape)
    augmented = data_augmentation(inputs)
    outputs = resnet(augmented)
    model = keras.Model(inputs=inputs, outputs=outputs, name="cifar10-encoder")
    return model


encoder = create_encoder()
encoder.summary()

learning_rate = 0.001
batch_size = 32
hidden_units = 512
projection_units = 128
num_epochs = 2
dropout_rate = 0.5
temperature = 0.05

"""
## Build the classification model

The classification model adds a fully-connected layer on top of the encoder,
plus a softmax layer with the target classes.
"""


def create_classifier(encoder, trainable=True):

    for layer in encoder.layers:
        layer.trainable = trainable

    inputs = keras.Input(shape=input_shape)
    features = encoder(inputs)
    features = layers.Dropout(dropout_rate)(features)
    features = layers.Dense(hidden_units, activation="relu")(features)
    features = layers.Dropout(dropout_rate)(features)
    outputs = layers.Dense(num_classes, activation="softmax")(features)

    model = keras.Model(inputs=inputs, outputs=outputs, name="cifar10-classifier")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(),
        metrics=[keras.metrics.SparseCategoricalAccuracy()],
    )
    return model


"""
## Experiment 1: Train the baseline classification model

In this experiment, a baseline classifier is trained as usual, i.e., the
encoder and the classifier parts are trained together as a single model
to minimize the crossentropy loss.
"""

encoder = create_encoder()
classifier = create_classifier(encoder)
classifier.summary()

history = classifier.fit(x=x_train, y=y_train, batch_size=batch_size, epochs=num_epochs)

accuracy = classifier.evaluate(x_test, y_test)[1]
print(f"Test accuracy: {round(accuracy * 100, 2)}%")


"""
## Experiment 2: Use supervised contrastive learning

In this experiment, the model is trained in two phases. In the first phase,
the encoder is pretrained to optimize the supervised contrastive loss,
described in [Prannay Khosla et al.](https://arxiv.org/abs/2004.11362).

In the second phase, the classifier is trained using the trained encoder with
its weights freezed; only the weights of fully-connected layers with the
softmax are optimized.

### 1. Supervised contrastive learning loss function
"""


class SupervisedContrastiveLoss(keras.losses.Loss):
    def __init__(self, temperature=1, name=None):
        super(SupervisedContrastiveLoss, self).__init__(name=name)
        self.temperature = temperature

    def __call__(self, labels, feature_vectors, sample_weight=None):
        # Normalize feature vectors
        feature_vectors_normalized = tf.math.l2_normalize(feature_vectors, axis=1)
        # Compute logits
        logits = tf.divide(
            tf.matmul(
                feature_vectors_normalized, tf.transpose(feature_vectors_normalized)
            ),
            self.temperature,
        )
        return tfa.losses.npairs_loss(tf.squeeze(labels), logits)


def add_projection_head(encoder):
    inputs = keras.Input(shape=input_shape)
    features = encoder(inputs)
    outputs = layers.Dense(projection_units, activation="relu")(features)
    model = keras.Model(
        inputs=inputs, outputs=outputs, name="cifar-encoder_with_projection-head"
    )
    return model


"""
### 2. Pretrain the encoder
"""

encoder = create_encoder()

encoder_with_projection_head = add_projection_head(encoder)
encoder_with_projection_head.compile(
    optimizer=keras.optimizers.Adam(learning_rate),
    loss=SupervisedContrastiveLoss(temperature),
)

encoder_with_projection_head.summary()

history = encoder_with_projection_head.fit(
    x=x_train, y=y_train, batch_size=batch_size, epochs=num_epochs
)

"""
### 3. Train the classifier with the frozen encoder
"""

classifier = create_classifier(encoder, trainable=False)

history = classifier.fit(x=x_train, y=y_train, batch_size=batch_size, epochs=num_epochs)

accuracy = classifier.evaluate(x_test, y_test)[1]
print(f"Test accuracy: {round(accuracy * 100, 2)}%")

"""
We get to an improved test accuracy.
"""
