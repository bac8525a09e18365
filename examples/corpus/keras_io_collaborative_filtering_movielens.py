"""Collaborative Filtering for Movie Recommendations: users and movies encoded to indices, a
Model subclass with user and movie Embedding layers (he_normal, an L2 regularizer) and
bias embeddings, a Dot layer made inside ``call``, tf.nn.sigmoid, the subclassed model
called on an Input, trained with binary crossentropy on ratings scaled to 0-1, then the top
10 recommendations predicted for one user.

Source: https://keras.io/examples/structured_data/collaborative_filtering_movielens/
(Siddhartha Banerjee, keras-io, Apache-2.0; the Keras 2 version, last modified
2020/05/24). Changed: the ``ml-latest-small.zip`` download and its ``ratings.csv`` and
``movies.csv`` read with pandas are replaced by ``corpus_data.movielens_ratings()``, the
same columns as NumPy arrays (60 users, 150 movies, 3000 ratings; were 610, 9724 and
100836), and each pandas step (``unique``, ``map``, ``sample(frac=1, random_state=42)``,
the column selections, ``isin``) by the same step in NumPy (pandas is not installed here);
the matplotlib figure is left out; ``keras.utils.set_random_seed(1)`` after the imports,
so that each run picks the same user at the end (the source passes the user's id, not its
index, to the model, and the last user's id is one past the Embedding's rows: TensorFlow
stops on it).
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

keras.utils.set_random_seed(1)

"""
## First, load the data and apply some pre-processing
"""

df, movie_df = corpus_data.movielens_ratings()

"""
First, need to perform some preprocessing to encode users and movies to specific indices.
This is done as the movieids and userids are non-sequential in nature.
"""
user_ids = list(dict.fromkeys(df["userId"].tolist()))
user2user_encoded = {x: i for i, x in enumerate(user_ids)}
userencoded2user = {i: x for i, x in enumerate(user_ids)}
movie_ids = list(dict.fromkeys(df["movieId"].tolist()))
movie2movie_encoded = {x: i for i, x in enumerate(movie_ids)}
movie_encoded2movie = {i: x for i, x in enumerate(movie_ids)}
df["user"] = np.array([user2user_encoded[x] for x in df["userId"]])
df["movie"] = np.array([movie2movie_encoded[x] for x in df["movieId"]])

num_users = len(user2user_encoded)
num_movies = len(movie_encoded2movie)
df["rating"] = df["rating"].astype(np.float32)
min_rating = min(df["rating"])
max_rating = max(df["rating"])
print(
    "Number of users: {}, Number of Movies: {}, Min rating: {}, Max rating: {}".format(
        num_users, num_movies, min_rating, max_rating
    )
)

"""
## Prepare training and validation data
"""
shuffled = np.random.RandomState(42).permutation(len(df["rating"]))
df = {name: column[shuffled] for name, column in df.items()}
x = np.stack([df["user"], df["movie"]], axis=1)
# Normalize the targets between 0 and 1. Makes it easy to train.
y = np.array([(x - min_rating) / (max_rating - min_rating) for x in df["rating"]])
# Assuming training on 90% of the data and validating on 10%.
train_indices = int(0.9 * len(df["rating"]))
x_train, x_test, y_train, y_test = (
    x[:train_indices],
    x[train_indices:],
    y[:train_indices],
    y[train_indices:],
)

"""
## Create the model
"""
EMBEDDING_SIZE = 50


class RecommenderNet(keras.Model):
    def __init__(
        self, num_users, num_movies, embedding_size, min_rating, max_rating, **kwargs
    ):
        super(RecommenderNet, self).__init__(**kwargs)
        self.num_users = num_users
        self.num_movies = num_movies
        self.embedding_size = embedding_size
        self.min_rating = min_rating
        self.max_rating = max_rating
        self.user_embedding = layers.Embedding(
            num_users,
            embedding_size,
            embeddings_initializer="he_normal",
            embeddings_regularizer=keras.regularizers.l2(1e-6),
        )
        self.user_bias = layers.Embedding(num_users, 1)
        self.movie_embedding = layers.Embedding(
            num_movies,
            embedding_size,
            embeddings_initializer="he_normal",
            embeddings_regularizer=keras.regularizers.l2(1e-6),
        )
        self.movie_bias = layers.Embedding(num_movies, 1)

    def call(self, inputs):
        user_vector = self.user_embedding(inputs[:, 0])
        user_bias = self.user_bias(inputs[:, 0])
        movie_vector = self.movie_embedding(inputs[:, 1])
        movie_bias = self.movie_bias(inputs[:, 1])
        dot_user_movie = layers.Dot(axes=1)([user_vector, movie_vector])
        # Add all the components (including bias)
        x = dot_user_movie + user_bias + movie_bias
        # The sigmoid activation forces the rating to between 0 and 1
        x = tf.nn.sigmoid(x)
        return x


inputs = layers.Input(shape=(2,))
model = RecommenderNet(num_users, num_movies, EMBEDDING_SIZE, min_rating, max_rating)
outputs = model(inputs)
opt = keras.optimizers.Adam(lr=0.001)
model.compile(loss=tf.keras.losses.BinaryCrossentropy(), optimizer=opt)

"""
## Train the model based on the data split
"""
history = model.fit(
    x=x_train,
    y=y_train,
    batch_size=128,
    epochs=5,
    verbose=1,
    validation_data=(x_test, y_test),
)

"""
## Show top 10 movie recommendations to an user
"""

# Let us get an user and see the top recommendations.
user_id = np.random.choice(df["userId"])
movies_watched_by_user = df["movieId"][df["userId"] == user_id]
movies_not_watched = movie_df["movieId"][~np.isin(movie_df["movieId"], movies_watched_by_user)]
movies_not_watched = list(
    set(movies_not_watched).intersection(set(movie2movie_encoded.keys()))
)
movies_not_watched = [[movie2movie_encoded.get(x)] for x in movies_not_watched]
user_encoder = user2user_encoded.get(user_id)
user_movie_array = np.hstack(
    ([[user_id]] * len(movies_not_watched), movies_not_watched)
)
ratings = model.predict(user_movie_array).flatten()
top_ratings_indices = ratings.argsort()[-10:][::-1]
recommended_movie_ids = [movie_encoded2movie.get(x) for x in top_ratings_indices]

print("Here are the top 10 movie recommendations for user: {}".format(user_id))
print("*****" * 10)
print("\n".join(movie_df["title"][np.isin(movie_df["movieId"], recommended_movie_ids)]))
