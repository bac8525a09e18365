"""Memory-efficient embeddings for recommendation systems: MovieLens ratings written to
"|"-separated CSV files read back with tf.data.experimental.make_csv_dataset (column
names, label_name, no header); a baseline model of string Inputs with ``shape=()``, each
through a Sequential of StringLookup (mask_token=None, num_oov_indices) and Embedding, a
Dot layer and keras.activations.sigmoid on a symbolic tensor; then a QREmbedding layer
(tf.math.floordiv and tf.math.floormod of StringLookup indices into two Embedding tables)
and an MDEmbedding layer (a tf.lookup.StaticHashTable from a KeyValueTensorInitializer
with a default value, blocks of Sequential encoders, Lambda and Dense projectors, masks
from tf.cast of a comparison, tf.zeros of a tf.shape), each trained with MeanSquaredError
and a MeanAbsoluteError metric named "mae".

Source: https://keras.io/examples/keras_recipes/memory_efficient_embeddings/ (Khalid
Salama, keras-io, Apache-2.0; the Keras 2 version, last modified 2021/02/15). Changed:
the ``ml-1m.zip`` download and its ``ratings.dat`` read with pandas are replaced by
``corpus_data.movielens_ratings(n_users=2600, n_movies=400, n_ratings=6000)`` (were about
6000 users, 4000 movies and a million ratings), and each pandas step (the ``apply`` of the
id prefixes, the random row selection, ``to_csv``, ``unique``, ``value_counts``) by the same
step in plain Python and NumPy (pandas is not installed here); the three movie blocks are
the first 40, the next 130 and the rest of the movies by popularity (were 400, 1300 and
the rest); the matplotlib figures are left out (the losses are
printed instead).
"""

import os
import math
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.layers.experimental.preprocessing import StringLookup

import corpus_data

"""
## Prepare the data

## Download and process data
"""

ratings, _ = corpus_data.movielens_ratings(n_users=2600, n_movies=400, n_ratings=6000)

ratings_data = {
    "user_id": [f"user_{x}" for x in ratings["userId"]],
    "movie_id": [f"movie_{x}" for x in ratings["movieId"]],
    "rating": [float(x) for x in ratings["rating"]],
}
num_rows = len(ratings_data["rating"])

print(f"Number of users: {len(dict.fromkeys(ratings_data['user_id']))}")
print(f"Number of movies: {len(dict.fromkeys(ratings_data['movie_id']))}")
print(f"Number of ratings: {num_rows}")

"""
## Create train and eval data splits
"""

random_selection = np.random.rand(num_rows) <= 0.85


def to_csv(path, selected):
    with open(path, "w") as f:
        for i in range(num_rows):
            if selected[i]:
                f.write(
                    f"{ratings_data['user_id'][i]}|{ratings_data['movie_id'][i]}|"
                    f"{ratings_data['rating'][i]}\n"
                )


to_csv("train_data.csv", random_selection)
to_csv("eval_data.csv", ~random_selection)
print(f"Train data split: {int(random_selection.sum())}")
print(f"Eval data split: {int((~random_selection).sum())}")
print("Train and eval data files are saved.")

"""
## Define dataset metadata and hyperparameters
"""

csv_header = list(ratings_data.keys())
user_vocabulary = list(dict.fromkeys(ratings_data["user_id"]))
movie_vocabulary = list(dict.fromkeys(ratings_data["movie_id"]))
target_feature_name = "rating"
learning_rate = 0.001
batch_size = 128
num_epochs = 3
base_embedding_dim = 64

"""
## Train and evaluate the model
"""


def get_dataset_from_csv(csv_file_path, batch_size=128, shuffle=True):
    return tf.data.experimental.make_csv_dataset(
        csv_file_path,
        batch_size=batch_size,
        column_names=csv_header,
        label_name=target_feature_name,
        num_epochs=1,
        header=False,
        field_delim="|",
        shuffle=shuffle,
    )


def run_experiment(model):
    # Compile the model.
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss=tf.keras.losses.MeanSquaredError(),
        metrics=[keras.metrics.MeanAbsoluteError(name="mae")],
    )
    # Read the training data.
    train_dataset = get_dataset_from_csv("train_data.csv", batch_size)
    # Read the test data.
    eval_dataset = get_dataset_from_csv("eval_data.csv", batch_size, shuffle=False)
    # Fit the model with the training data.
    history = model.fit(
        train_dataset,
        epochs=num_epochs,
        validation_data=eval_dataset,
    )
    return history


"""
## Experiment 1: baseline collaborative filtering model

### Implement embedding encoder
"""


def embedding_encoder(vocabulary, embedding_dim, num_oov_indices=0, name=None):
    return keras.Sequential(
        [
            StringLookup(
                vocabulary=vocabulary, mask_token=None, num_oov_indices=num_oov_indices
            ),
            layers.Embedding(
                input_dim=len(vocabulary) + num_oov_indices, output_dim=embedding_dim
            ),
        ],
        name=f"{name}_embedding" if name else None,
    )


"""
### Implement the baseline model
"""


def create_baseline_model():
    # Receive the user as an input.
    user_input = layers.Input(name="user_id", shape=(), dtype=tf.string)
    # Get user embedding.
    user_embedding = embedding_encoder(
        vocabulary=user_vocabulary, embedding_dim=base_embedding_dim, name="user"
    )(user_input)

    # Receive the movie as an input.
    movie_input = layers.Input(name="movie_id", shape=(), dtype=tf.string)
    # Get embedding.
    movie_embedding = embedding_encoder(
        vocabulary=movie_vocabulary, embedding_dim=base_embedding_dim, name="movie"
    )(movie_input)

    # Compute dot product similarity between user and movie embeddings.
    logits = layers.Dot(axes=1, name="dot_similarity")(
        [user_embedding, movie_embedding]
    )
    # Convert to rating scale.
    prediction = keras.activations.sigmoid(logits) * 5
    # Create the model.
    model = keras.Model(
        inputs=[user_input, movie_input], outputs=prediction, name="baseline_model"
    )
    return model


baseline_model = create_baseline_model()
baseline_model.summary()

history = run_experiment(baseline_model)

print(history.history["loss"])
print(history.history["val_loss"])

"""
## Experiment 2: memory-efficient model

### Implement Quotient-Remainder embedding as a layer
"""


class QREmbedding(keras.layers.Layer):
    def __init__(self, vocabulary, embedding_dim, num_buckets, name=None):
        super(QREmbedding, self).__init__(name=name)
        self.num_buckets = num_buckets

        self.index_lookup = StringLookup(
            vocabulary=vocabulary, mask_token=None, num_oov_indices=0
        )
        self.q_embeddings = layers.Embedding(num_buckets, embedding_dim,)
        self.r_embeddings = layers.Embedding(num_buckets, embedding_dim,)

    def call(self, inputs):
        # Get the item index.
        embedding_index = self.index_lookup(inputs)
        # Get the quotient index.
        quotient_index = tf.math.floordiv(embedding_index, self.num_buckets)
        # Get the reminder index.
        remainder_index = tf.math.floormod(embedding_index, self.num_buckets)
        # Lookup the quotient_embedding using the quotient_index.
        quotient_embedding = self.q_embeddings(quotient_index)
        # Lookup the remainder_embedding using the remainder_index.
        remainder_embedding = self.r_embeddings(remainder_index)
        # Use multiplication as a combiner operation
        return quotient_embedding * remainder_embedding


"""
### Implement Mixed Dimension embedding as a layer
"""


class MDEmbedding(keras.layers.Layer):
    def __init__(
        self, blocks_vocabulary, blocks_embedding_dims, base_embedding_dim, name=None
    ):
        super(MDEmbedding, self).__init__(name=name)
        self.num_blocks = len(blocks_vocabulary)

        # Create vocab to block lookup.
        keys = []
        values = []
        for block_idx, block_vocab in enumerate(blocks_vocabulary):
            keys.extend(block_vocab)
            values.extend([block_idx] * len(block_vocab))
        self.vocab_to_block = tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer(keys, values), default_value=-1
        )

        self.block_embedding_encoders = []
        self.block_embedding_projectors = []

        # Create block embedding encoders and projectors.
        for idx in range(self.num_blocks):
            vocabulary = blocks_vocabulary[idx]
            embedding_dim = blocks_embedding_dims[idx]
            block_embedding_encoder = embedding_encoder(
                vocabulary, embedding_dim, num_oov_indices=1
            )
            self.block_embedding_encoders.append(block_embedding_encoder)
            if embedding_dim == base_embedding_dim:
                self.block_embedding_projectors.append(layers.Lambda(lambda x: x))
            else:
                self.block_embedding_projectors.append(
                    layers.Dense(units=base_embedding_dim)
                )

    def call(self, inputs):
        # Get block index for each input item.
        block_indicies = self.vocab_to_block.lookup(inputs)
        # Initialize output embeddings to zeros.
        embeddings = tf.zeros(shape=(tf.shape(inputs)[0], base_embedding_dim))
        # Generate embeddings from blocks.
        for idx in range(self.num_blocks):
            # Lookup embeddings from the current block.
            block_embeddings = self.block_embedding_encoders[idx](inputs)
            # Project embeddings to base_embedding_dim.
            block_embeddings = self.block_embedding_projectors[idx](block_embeddings)
            # Create a mask to filter out embeddings of items that do not belong to the current block.
            mask = tf.expand_dims(tf.cast(block_indicies == idx, tf.dtypes.float32), 1)
            # Set the embeddings for the items not belonging to the current block to zeros.
            block_embeddings = block_embeddings * mask
            # Add the block embeddings to the final embeddings.
            embeddings += block_embeddings

        return embeddings


"""
### Implement the memory-efficient model
"""

movie_counts = {}
for movie_id in ratings_data["movie_id"]:
    movie_counts[movie_id] = movie_counts.get(movie_id, 0) + 1
sorted_movie_vocabulary = sorted(movie_counts, key=lambda m: -movie_counts[m])

movie_blocks_vocabulary = [
    sorted_movie_vocabulary[:40],  # high popularity movies block
    sorted_movie_vocabulary[40:170],  # normal popularity movies block
    sorted_movie_vocabulary[170:],  # low popularity movies block
]

movie_blocks_embedding_dims = [64, 32, 16]

user_embedding_num_buckets = len(user_vocabulary) // 50


def create_memory_efficient_model():
    # Take the user as an input.
    user_input = layers.Input(name="user_id", shape=(), dtype=tf.string)
    # Get user embedding.
    user_embedding = QREmbedding(
        vocabulary=user_vocabulary,
        embedding_dim=base_embedding_dim,
        num_buckets=user_embedding_num_buckets,
        name="user_embedding",
    )(user_input)

    # Take the movie as an input.
    movie_input = layers.Input(name="movie_id", shape=(), dtype=tf.string)
    # Get embedding.
    movie_embedding = MDEmbedding(
        blocks_vocabulary=movie_blocks_vocabulary,
        blocks_embedding_dims=movie_blocks_embedding_dims,
        base_embedding_dim=base_embedding_dim,
        name="movie_embedding",
    )(movie_input)

    # Compute dot product similarity between user and movie embeddings.
    logits = layers.Dot(axes=1, name="dot_similarity")(
        [user_embedding, movie_embedding]
    )
    # Convert to rating scale.
    prediction = keras.activations.sigmoid(logits) * 5
    # Create the model.
    model = keras.Model(
        inputs=[user_input, movie_input], outputs=prediction, name="baseline_model"
    )
    return model


memory_efficient_model = create_memory_efficient_model()
memory_efficient_model.summary()

history = run_experiment(memory_efficient_model)

print(history.history["loss"])
print(history.history["val_loss"])
