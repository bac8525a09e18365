"""Large-scale multi-label text classification.

Source: https://keras.io/examples/nlp/multi_label_classification/ (Sayak Paul and Soumik
Rakshit, Apache-2.0), the tf.keras version (2020/09/26, before the keras.io port to Keras 3).
Changed: ``pd.read_csv`` of the ``arxiv_data.csv`` download is replaced by
``corpus_data.arxiv_data()``, the same three columns as NumPy arrays (800 made-up rows of
five categories, were 51774), and each pandas step by the same step in NumPy (pandas and
scikit-learn are not installed here): the data frames are dicts of columns, ``duplicated``
keeps each title's first row, ``value_counts``/``nunique`` count with ``np.unique``,
``groupby("terms").filter(lambda x: len(x) > 1)`` keeps the rows of terms seen more than
once, ``apply(literal_eval)`` is a list comprehension, scikit-learn's stratified
``train_test_split`` takes ``test_split`` of the rows of each terms value at random,
``test_df.sample(frac=0.5)`` and ``drop`` halve a permutation, ``iloc[0]`` indexes,
``describe()`` prints NumPy percentiles, ``str.split().str.len().max()`` is a max over
lengths; the matplotlib figures are left out; 3 epochs (were 20). The inference section at
the end is left out: under tf_keras 2.21 its ``keras.Sequential([text_vectorizer,
shallow_mlp_model])`` raises a ValueError (the TextVectorization layer, adapted on batches
of shape (None, 1), is handed an input of rank 2 and shape (None, None)), and tracekeras
raises the same error with the same message there.
"""
from ast import literal_eval

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

arxiv_data = corpus_data.arxiv_data()
{column: values[:5] for column, values in arxiv_data.items()}  # arxiv_data.head()

print(f"There are {len(arxiv_data['titles'])} rows in the dataset.")

_, first_rows = np.unique(arxiv_data["titles"], return_index=True)
duplicated = ~np.isin(np.arange(len(arxiv_data["titles"])), first_rows)
total_duplicate_titles = sum(duplicated)
print(f"There are {total_duplicate_titles} duplicate titles.")

arxiv_data = {column: values[~duplicated] for column, values in arxiv_data.items()}
print(f"There are {len(arxiv_data['titles'])} rows in the deduplicated dataset.")

# There are some terms with occurrence as low as 1.
unique_terms, term_counts = np.unique(arxiv_data["terms"], return_counts=True)
print(sum(term_counts == 1))

# How many unique terms?
print(len(unique_terms))

# Filtering the rare terms.
frequent = np.isin(arxiv_data["terms"], unique_terms[term_counts > 1])
arxiv_data_filtered = {column: values[frequent] for column, values in arxiv_data.items()}
len(arxiv_data_filtered["terms"]), len(arxiv_data_filtered)  # arxiv_data_filtered.shape

arxiv_data_filtered["terms"] = np.array(
    [literal_eval(x) for x in arxiv_data_filtered["terms"]] + [None], dtype=object
)[:-1]
arxiv_data_filtered["terms"][:5]

test_split = 0.1

# Initial train and test split, stratified by terms.
test_rows = []
for value in unique_terms[term_counts > 1]:
    rows = np.flatnonzero(arxiv_data["terms"][frequent] == value)
    test_rows.extend(np.random.permutation(rows)[: int(np.ceil(test_split * len(rows)))])
is_test = np.isin(np.arange(len(arxiv_data_filtered["terms"])), test_rows)
train_df = {column: values[~is_test] for column, values in arxiv_data_filtered.items()}
test_df = {column: values[is_test] for column, values in arxiv_data_filtered.items()}

# Splitting the test set further into validation
# and new test sets.
halves = np.random.permutation(len(test_df["terms"]))
val_df = {column: values[halves[: len(halves) // 2]] for column, values in test_df.items()}
test_df = {column: values[halves[len(halves) // 2 :]] for column, values in test_df.items()}

print(f"Number of rows in training set: {len(train_df['terms'])}")
print(f"Number of rows in validation set: {len(val_df['terms'])}")
print(f"Number of rows in test set: {len(test_df['terms'])}")

terms = tf.ragged.constant(train_df["terms"])
lookup = tf.keras.layers.StringLookup(output_mode="multi_hot")
lookup.adapt(terms)
vocab = lookup.get_vocabulary()


def invert_multi_hot(encoded_labels):
    """Reverse a single multi-hot encoded label to a tuple of vocab terms."""
    hot_indices = np.argwhere(encoded_labels == 1.0)[..., 0]
    return np.take(vocab, hot_indices)


print("Vocabulary:\n")
print(vocab)

sample_label = train_df["terms"][0]
print(f"Original label: {sample_label}")

label_binarized = lookup([sample_label])
print(f"Label-binarized representation: {label_binarized}")

print(np.percentile([len(x.split(" ")) for x in train_df["summaries"]], [25, 50, 75]))

max_seqlen = 150
batch_size = 128
padding_token = "<pad>"
auto = tf.data.AUTOTUNE


def unify_text_length(text, label):
    # Split the given abstract and calculate its length.
    word_splits = tf.strings.split(text, sep=" ")
    sequence_length = tf.shape(word_splits)[0]

    # Calculate the padding amount.
    padding_amount = max_seqlen - sequence_length

    # Check if we need to pad or truncate.
    if padding_amount > 0:
        unified_text = tf.pad([text], [[0, padding_amount]], constant_values="<pad>")
        unified_text = tf.strings.reduce_join(unified_text, separator="")
    else:
        unified_text = tf.strings.reduce_join(word_splits[:max_seqlen], separator=" ")

    # The expansion is needed for subsequent vectorization.
    return tf.expand_dims(unified_text, -1), label


def make_dataset(dataframe, is_train=True):
    labels = tf.ragged.constant(dataframe["terms"])
    label_binarized = lookup(labels).numpy()
    dataset = tf.data.Dataset.from_tensor_slices(
        (dataframe["summaries"], label_binarized)
    )
    dataset = dataset.shuffle(batch_size * 10) if is_train else dataset
    dataset = dataset.map(unify_text_length, num_parallel_calls=auto).cache()
    return dataset.batch(batch_size)


train_dataset = make_dataset(train_df, is_train=True)
validation_dataset = make_dataset(val_df, is_train=False)
test_dataset = make_dataset(test_df, is_train=False)

text_batch, label_batch = next(iter(train_dataset))

for i, text in enumerate(text_batch[:5]):
    label = label_batch[i].numpy()[None, ...]
    print(f"Abstract: {text[0]}")
    print(f"Label(s): {invert_multi_hot(label[0])}")
    print(" ")

train_df["total_words"] = np.array([len(x.split()) for x in train_df["summaries"]])
vocabulary_size = train_df["total_words"].max()
print(f"Vocabulary size: {vocabulary_size}")

text_vectorizer = layers.TextVectorization(
    max_tokens=vocabulary_size, ngrams=2, output_mode="tf_idf"
)

# `TextVectorization` layer needs to be adapted as per the vocabulary from our
# training set.
with tf.device("/CPU:0"):
    text_vectorizer.adapt(train_dataset.map(lambda text, label: text))

train_dataset = train_dataset.map(
    lambda text, label: (text_vectorizer(text), label), num_parallel_calls=auto
).prefetch(auto)
validation_dataset = validation_dataset.map(
    lambda text, label: (text_vectorizer(text), label), num_parallel_calls=auto
).prefetch(auto)
test_dataset = test_dataset.map(
    lambda text, label: (text_vectorizer(text), label), num_parallel_calls=auto
).prefetch(auto)


def make_model():
    return keras.Sequential(
        [
            layers.Dense(512, activation="relu"),
            layers.Dense(256, activation="relu"),
            layers.Dense(lookup.vocabulary_size(), activation="sigmoid"),
        ]  # More on why "sigmoid" has been used here in a moment.
    )


epochs = 3

shallow_mlp_model = make_model()
shallow_mlp_model.compile(
    loss="binary_crossentropy", optimizer="adam", metrics=["categorical_accuracy"]
)

history = shallow_mlp_model.fit(
    train_dataset, validation_data=validation_dataset, epochs=epochs
)

_, categorical_acc = shallow_mlp_model.evaluate(test_dataset)
print(f"Categorical accuracy on the test set: {round(categorical_acc * 100, 2)}%.")
