"""Using pre-trained word embeddings: TextVectorization adapted on a dataset of strings,
an Embedding layer frozen (``trainable=False``) and initialised with
``keras.initializers.Constant`` of a matrix built from a GloVe file, a Conv1D /
MaxPooling1D / GlobalMaxPooling1D classifier, then an end-to-end model taking strings.

Source: https://keras.io/examples/nlp/pretrained_word_embeddings/ (fchollet,
Apache-2.0), the tf.keras version (2020-2023). Changed: the ``news20.tar.gz`` download
(``keras.utils.get_file(..., untar=True)``) is replaced by ``corpus_data.news20_folder``,
which writes the ``20_newsgroup`` tree (the real twenty groups, 12 messages each, were
1,000) in a temporary working folder, and ``data_path`` is that folder (the line
``data_dir = pathlib.Path(data_path).parent / "20_newsgroup"`` is as written); the
GloVe download (the shell commands ``wget``/``unzip``) is replaced by
``corpus_data.glove_file`` (random vectors, not GloVe's), read from the working folder
(was ``~/.keras/datasets/glove.6B.100d.txt``); 3 epochs (were 20);
``tf.keras.utils.set_random_seed(1)`` after the imports, so that each run initialises
and drops out alike (seeded, tracekeras prints the same losses and accuracies as
tf_keras at every step); the notebook's bare expressions that show a value
(``vectorizer.get_vocabulary()[:5]``, ``output.numpy()[0, :6]``, the test sentence's
indices and the predicted class name) are printed.
"""
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow import keras

import corpus_data

tf.keras.utils.set_random_seed(1)
os.chdir(tempfile.mkdtemp())

"""
## Download the Newsgroup20 data
"""

data_path = corpus_data.news20_folder(os.path.abspath("20_newsgroup"))

"""
## Let's take a look at the data
"""

import os
import pathlib

data_dir = pathlib.Path(data_path).parent / "20_newsgroup"
dirnames = os.listdir(data_dir)
print("Number of directories:", len(dirnames))
print("Directory names:", dirnames)

fnames = os.listdir(data_dir / "comp.graphics")
print("Number of files in comp.graphics:", len(fnames))
print("Some example filenames:", fnames[:5])

print(open(data_dir / "comp.graphics" / "38987").read())

samples = []
labels = []
class_names = []
class_index = 0
for dirname in sorted(os.listdir(data_dir)):
    class_names.append(dirname)
    dirpath = data_dir / dirname
    fnames = os.listdir(dirpath)
    print("Processing %s, %d files found" % (dirname, len(fnames)))
    for fname in fnames:
        fpath = dirpath / fname
        f = open(fpath, encoding="latin-1")
        content = f.read()
        lines = content.split("\n")
        lines = lines[10:]
        content = "\n".join(lines)
        samples.append(content)
        labels.append(class_index)
    class_index += 1

print("Classes:", class_names)
print("Number of samples:", len(samples))

"""
## Shuffle and split the data into training & validation sets
"""

# Shuffle the data
seed = 1337
rng = np.random.RandomState(seed)
rng.shuffle(samples)
rng = np.random.RandomState(seed)
rng.shuffle(labels)

# Extract a training & validation split
validation_split = 0.2
num_validation_samples = int(validation_split * len(samples))
train_samples = samples[:-num_validation_samples]
val_samples = samples[-num_validation_samples:]
train_labels = labels[:-num_validation_samples]
val_labels = labels[-num_validation_samples:]

"""
## Create a vocabulary index
"""

from tensorflow.keras.layers import TextVectorization

vectorizer = TextVectorization(max_tokens=20000, output_sequence_length=200)
text_ds = tf.data.Dataset.from_tensor_slices(train_samples).batch(128)
vectorizer.adapt(text_ds)

print(vectorizer.get_vocabulary()[:5])

output = vectorizer([["the cat sat on the mat"]])
print(output.numpy()[0, :6])

voc = vectorizer.get_vocabulary()
word_index = dict(zip(voc, range(len(voc))))

test = ["the", "cat", "sat", "on", "the", "mat"]
print([word_index[w] for w in test])

"""
## Load pre-trained word embeddings
"""

corpus_data.glove_file("glove.6B.100d.txt")
path_to_glove_file = "glove.6B.100d.txt"

embeddings_index = {}
with open(path_to_glove_file) as f:
    for line in f:
        word, coefs = line.split(maxsplit=1)
        coefs = np.fromstring(coefs, "f", sep=" ")
        embeddings_index[word] = coefs

print("Found %s word vectors." % len(embeddings_index))

num_tokens = len(voc) + 2
embedding_dim = 100
hits = 0
misses = 0

# Prepare embedding matrix
embedding_matrix = np.zeros((num_tokens, embedding_dim))
for word, i in word_index.items():
    embedding_vector = embeddings_index.get(word)
    if embedding_vector is not None:
        # Words not found in embedding index will be all-zeros.
        # This includes the representation for "padding" and "OOV"
        embedding_matrix[i] = embedding_vector
        hits += 1
    else:
        misses += 1
print("Converted %d words (%d misses)" % (hits, misses))

from tensorflow.keras.layers import Embedding

embedding_layer = Embedding(
    num_tokens,
    embedding_dim,
    embeddings_initializer=keras.initializers.Constant(embedding_matrix),
    trainable=False,
)

"""
## Build the model
"""

from tensorflow.keras import layers

int_sequences_input = keras.Input(shape=(None,), dtype="int64")
embedded_sequences = embedding_layer(int_sequences_input)
x = layers.Conv1D(128, 5, activation="relu")(embedded_sequences)
x = layers.MaxPooling1D(5)(x)
x = layers.Conv1D(128, 5, activation="relu")(x)
x = layers.MaxPooling1D(5)(x)
x = layers.Conv1D(128, 5, activation="relu")(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dense(128, activation="relu")(x)
x = layers.Dropout(0.5)(x)
preds = layers.Dense(len(class_names), activation="softmax")(x)
model = keras.Model(int_sequences_input, preds)
model.summary()

"""
## Train the model
"""

x_train = vectorizer(np.array([[s] for s in train_samples])).numpy()
x_val = vectorizer(np.array([[s] for s in val_samples])).numpy()

y_train = np.array(train_labels)
y_val = np.array(val_labels)

model.compile(
    loss="sparse_categorical_crossentropy", optimizer="rmsprop", metrics=["acc"]
)
model.fit(x_train, y_train, batch_size=128, epochs=3, validation_data=(x_val, y_val))

"""
## Export an end-to-end model
"""

string_input = keras.Input(shape=(1,), dtype="string")
x = vectorizer(string_input)
preds = model(x)
end_to_end_model = keras.Model(string_input, preds)

probabilities = end_to_end_model.predict(
    [["this message is about computer graphics and 3D modeling"]]
)

print(class_names[np.argmax(probabilities[0])])
