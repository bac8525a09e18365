"""Predicting house prices: regression with K-fold validation.

Source: Deep Learning with Python, 2nd edition, chapter 4, notebook
chapter04_getting-started-with-neural-networks (github.com/fchollet/deep-learning-with-python-notebooks,
MIT). Changed: ``boston_housing.load_data()`` is replaced by
``corpus_data.boston_housing()``; 20 epochs per fold (was 100/500); figures left out.
"""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

(train_data, train_targets), (test_data, test_targets) = corpus_data.boston_housing()
print(train_data.shape, test_data.shape)
mean = train_data.mean(axis=0)
train_data -= mean
std = train_data.std(axis=0)
train_data /= std
test_data -= mean
test_data /= std


def build_model():
    model = keras.Sequential([
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1)
    ])
    model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
    return model


k = 4
num_val_samples = len(train_data) // k
num_epochs = 20
all_scores = []
all_mae_histories = []
for i in range(k):
    print(f"Processing fold #{i}")
    val_data = train_data[i * num_val_samples: (i + 1) * num_val_samples]
    val_targets = train_targets[i * num_val_samples: (i + 1) * num_val_samples]
    partial_train_data = np.concatenate(
        [train_data[:i * num_val_samples], train_data[(i + 1) * num_val_samples:]], axis=0)
    partial_train_targets = np.concatenate(
        [train_targets[:i * num_val_samples], train_targets[(i + 1) * num_val_samples:]],
        axis=0)
    model = build_model()
    history = model.fit(partial_train_data, partial_train_targets,
                        validation_data=(val_data, val_targets),
                        epochs=num_epochs, batch_size=16, verbose=0)
    mae_history = history.history["val_mae"]
    all_mae_histories.append(mae_history)
    val_mse, val_mae = model.evaluate(val_data, val_targets, verbose=0)
    all_scores.append(val_mae)
print(all_scores, np.mean(all_scores))
average_mae_history = [np.mean([x[i] for x in all_mae_histories]) for i in range(num_epochs)]

model = build_model()
model.fit(train_data, train_targets, epochs=30, batch_size=16, verbose=0)
test_mse_score, test_mae_score = model.evaluate(test_data, test_targets)
print(test_mae_score)
predictions = model.predict(test_data)
print(predictions[0])
