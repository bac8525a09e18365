"""Structured data learning with Wide, Deep, and Cross networks: the Covertype table's
one-hot columns folded into two string columns, train and test CSV files read back by
tf.data.experimental.make_csv_dataset (column_defaults, label_name, num_epochs=1, cache),
a dict of Inputs (float32 numbers, strings), StringLookup with output_mode "binary" (one
hot) or "int" into an Embedding, tf.expand_dims on the Inputs, layers.concatenate; a
baseline MLP (Dense, BatchNormalization, ReLU, Dropout), a Wide & Deep model and a Deep &
Cross model whose cross layers multiply KerasTensors (``x0 * x + cross``).

Source: https://keras.io/examples/structured_data/wide_deep_cross_networks/ (Khalid
Salama, keras-io, Apache-2.0; the tf.keras version, last modified 2021/05/05, as its
``md/wide_deep_cross_networks.md`` writes it). Changed: the ``covtype.data.gz`` download
read with pandas is replaced by ``corpus_data.covertype()``, the same 55 integer columns
as a NumPy array (2,400 rows; were 581,012), and each pandas step by the same step in
NumPy and the csv module (pandas is not installed here): the row-wise ``apply`` that names
each row's soil type and wilderness area, ``concat`` of the columns, ``groupby`` by cover
type, ``sample(frac=1)``, ``to_csv`` and ``unique`` (first-appearance order);
``raw_data.head()`` and ``data.head().T`` print the first rows; ``plot_model`` is left out
(pydot is not installed here); 3 epochs (were 50).
"""

import csv
import math

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

"""
## Prepare the data
"""

raw_data = corpus_data.covertype()
print(f"Dataset shape: {raw_data.shape}")
print(raw_data[:5])

soil_type_values = [f"soil_type_{idx+1}" for idx in range(40)]
wilderness_area_values = [f"area_type_{idx+1}" for idx in range(4)]

soil_type = np.array(
    [soil_type_values[0::1][x.nonzero()[0][0]] for x in raw_data[:, 14:54]], dtype=object
)
wilderness_area = np.array(
    [wilderness_area_values[0::1][x.nonzero()[0][0]] for x in raw_data[:, 10:14]],
    dtype=object,
)

CSV_HEADER = [
    "Elevation",
    "Aspect",
    "Slope",
    "Horizontal_Distance_To_Hydrology",
    "Vertical_Distance_To_Hydrology",
    "Horizontal_Distance_To_Roadways",
    "Hillshade_9am",
    "Hillshade_Noon",
    "Hillshade_3pm",
    "Horizontal_Distance_To_Fire_Points",
    "Wilderness_Area",
    "Soil_Type",
    "Cover_Type",
]

data = dict(
    zip(
        CSV_HEADER,
        [raw_data[:, i] for i in range(10)] + [wilderness_area, soil_type, raw_data[:, 54]],
    )
)

# Convert the target label indices into a range from 0 to 6 (there are 7 labels in total).
data["Cover_Type"] = data["Cover_Type"] - 1

print(f"Dataset shape: {(len(data['Cover_Type']), len(data))}")
print({name: column[:5] for name, column in data.items()})

train_splits = []
test_splits = []

for cover_type in np.unique(data["Cover_Type"]):
    group_rows = np.flatnonzero(data["Cover_Type"] == cover_type)
    random_selection = np.random.rand(len(group_rows)) <= 0.85
    train_splits.append(group_rows[random_selection])
    test_splits.append(group_rows[~random_selection])

train_rows = np.random.permutation(np.concatenate(train_splits))
test_rows = np.random.permutation(np.concatenate(test_splits))
train_data = {name: column[train_rows] for name, column in data.items()}
test_data = {name: column[test_rows] for name, column in data.items()}

print(f"Train split size: {len(train_rows)}")
print(f"Test split size: {len(test_rows)}")

train_data_file = "train_data.csv"
test_data_file = "test_data.csv"


def to_csv(table, path):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(list(table))
        writer.writerows(zip(*table.values()))


to_csv(train_data, train_data_file)
to_csv(test_data, test_data_file)

"""
## Define dataset metadata
"""

TARGET_FEATURE_NAME = "Cover_Type"

TARGET_FEATURE_LABELS = ["0", "1", "2", "3", "4", "5", "6"]

NUMERIC_FEATURE_NAMES = [
    "Aspect",
    "Elevation",
    "Hillshade_3pm",
    "Hillshade_9am",
    "Hillshade_Noon",
    "Horizontal_Distance_To_Fire_Points",
    "Horizontal_Distance_To_Hydrology",
    "Horizontal_Distance_To_Roadways",
    "Slope",
    "Vertical_Distance_To_Hydrology",
]

CATEGORICAL_FEATURES_WITH_VOCABULARY = {
    "Soil_Type": list(dict.fromkeys(data["Soil_Type"])),
    "Wilderness_Area": list(dict.fromkeys(data["Wilderness_Area"])),
}

CATEGORICAL_FEATURE_NAMES = list(CATEGORICAL_FEATURES_WITH_VOCABULARY.keys())

FEATURE_NAMES = NUMERIC_FEATURE_NAMES + CATEGORICAL_FEATURE_NAMES

COLUMN_DEFAULTS = [
    [0] if feature_name in NUMERIC_FEATURE_NAMES + [TARGET_FEATURE_NAME] else ["NA"]
    for feature_name in CSV_HEADER
]

NUM_CLASSES = len(TARGET_FEATURE_LABELS)

"""
## Experiment setup
"""


def get_dataset_from_csv(csv_file_path, batch_size, shuffle=False):
    dataset = tf.data.experimental.make_csv_dataset(
        csv_file_path,
        batch_size=batch_size,
        column_names=CSV_HEADER,
        column_defaults=COLUMN_DEFAULTS,
        label_name=TARGET_FEATURE_NAME,
        num_epochs=1,
        header=True,
        shuffle=shuffle,
    )
    return dataset.cache()


learning_rate = 0.001
dropout_rate = 0.1
batch_size = 265
num_epochs = 3

hidden_units = [32, 32]


def run_experiment(model):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(),
        metrics=[keras.metrics.SparseCategoricalAccuracy()],
    )

    train_dataset = get_dataset_from_csv(train_data_file, batch_size, shuffle=True)

    test_dataset = get_dataset_from_csv(test_data_file, batch_size)

    print("Start training the model...")
    history = model.fit(train_dataset, epochs=num_epochs)  # noqa: F841
    print("Model training finished")

    _, accuracy = model.evaluate(test_dataset, verbose=0)

    print(f"Test accuracy: {round(accuracy * 100, 2)}%")


"""
## Create model inputs
"""


def create_model_inputs():
    inputs = {}
    for feature_name in FEATURE_NAMES:
        if feature_name in NUMERIC_FEATURE_NAMES:
            inputs[feature_name] = layers.Input(
                name=feature_name, shape=(), dtype=tf.float32
            )
        else:
            inputs[feature_name] = layers.Input(
                name=feature_name, shape=(), dtype=tf.string
            )
    return inputs


"""
## Encode features
"""

from tensorflow.keras.layers import StringLookup  # noqa: E402 - where the source imports it


def encode_inputs(inputs, use_embedding=False):
    encoded_features = []
    for feature_name in inputs:
        if feature_name in CATEGORICAL_FEATURE_NAMES:
            vocabulary = CATEGORICAL_FEATURES_WITH_VOCABULARY[feature_name]
            # Create a lookup to convert string values to an integer indices.
            # Since we are not using a mask token nor expecting any out of vocabulary
            # (oov) token, we set mask_token to None and  num_oov_indices to 0.
            lookup = StringLookup(
                vocabulary=vocabulary,
                mask_token=None,
                num_oov_indices=0,
                output_mode="int" if use_embedding else "binary",
            )
            if use_embedding:
                # Convert the string input values into integer indices.
                encoded_feature = lookup(inputs[feature_name])
                embedding_dims = int(math.sqrt(len(vocabulary)))
                # Create an embedding layer with the specified dimensions.
                embedding = layers.Embedding(
                    input_dim=len(vocabulary), output_dim=embedding_dims
                )
                # Convert the index values to embedding representations.
                encoded_feature = embedding(encoded_feature)
            else:
                # Convert the string input values into a one hot encoding.
                encoded_feature = lookup(tf.expand_dims(inputs[feature_name], -1))
        else:
            # Use the numerical features as-is.
            encoded_feature = tf.expand_dims(inputs[feature_name], -1)

        encoded_features.append(encoded_feature)

    all_features = layers.concatenate(encoded_features)
    return all_features


"""
## Experiment 1: a baseline model
"""


def create_baseline_model():
    inputs = create_model_inputs()
    features = encode_inputs(inputs)

    for units in hidden_units:
        features = layers.Dense(units)(features)
        features = layers.BatchNormalization()(features)
        features = layers.ReLU()(features)
        features = layers.Dropout(dropout_rate)(features)

    outputs = layers.Dense(units=NUM_CLASSES, activation="softmax")(features)
    model = keras.Model(inputs=inputs, outputs=outputs)
    return model


baseline_model = create_baseline_model()

run_experiment(baseline_model)

"""
## Experiment 2: Wide & Deep model
"""


def create_wide_and_deep_model():
    inputs = create_model_inputs()
    wide = encode_inputs(inputs)
    wide = layers.BatchNormalization()(wide)

    deep = encode_inputs(inputs, use_embedding=True)
    for units in hidden_units:
        deep = layers.Dense(units)(deep)
        deep = layers.BatchNormalization()(deep)
        deep = layers.ReLU()(deep)
        deep = layers.Dropout(dropout_rate)(deep)

    merged = layers.concatenate([wide, deep])
    outputs = layers.Dense(units=NUM_CLASSES, activation="softmax")(merged)
    model = keras.Model(inputs=inputs, outputs=outputs)
    return model


wide_and_deep_model = create_wide_and_deep_model()

run_experiment(wide_and_deep_model)

"""
## Experiment 3: Deep & Cross model
"""


def create_deep_and_cross_model():
    inputs = create_model_inputs()
    x0 = encode_inputs(inputs, use_embedding=True)

    cross = x0
    for _ in hidden_units:
        units = cross.shape[-1]
        x = layers.Dense(units)(cross)
        cross = x0 * x + cross
    cross = layers.BatchNormalization()(cross)

    deep = x0
    for units in hidden_units:
        deep = layers.Dense(units)(deep)
        deep = layers.BatchNormalization()(deep)
        deep = layers.ReLU()(deep)
        deep = layers.Dropout(dropout_rate)(deep)

    merged = layers.concatenate([cross, deep])
    outputs = layers.Dense(units=NUM_CLASSES, activation="softmax")(merged)
    model = keras.Model(inputs=inputs, outputs=outputs)
    return model


deep_and_cross_model = create_deep_and_cross_model()

run_experiment(deep_and_cross_model)
