"""Classification on imbalanced data: metrics, an initial output bias, class weights.

Source: https://www.tensorflow.org/tutorials/structured_data/imbalanced_data
(TensorFlow docs, Apache-2.0). Changed: the credit-card CSV (read with pandas and
split with scikit-learn) is replaced by a NumPy table with 2 % positives; the
figures are left out; 5 epochs (was 100); the resampled model's fit once (the tutorial
fits it again with more epochs).
``keras.utils.set_random_seed(0)`` is added: in some unseeded runs neither 5-epoch fit
brought its loss down by 1 % (the class-weighted one can rise).
"""
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
n = 4000
train_labels = (rng.random(n) < 0.02).astype(np.float32)
train_features = rng.standard_normal((n, 29)).astype(np.float32)
train_features[train_labels == 1, :5] += 2.0
val_features, val_labels = train_features[3200:], train_labels[3200:]
train_features, train_labels = train_features[:3200], train_labels[:3200]
neg, pos = np.bincount(train_labels.astype(np.int64))
total = neg + pos
print("Examples:\n    Total: {}\n    Positive: {} ({:.2f}% of total)\n".format(
    total, pos, 100 * pos / total))

METRICS = [
    keras.metrics.BinaryCrossentropy(name="cross entropy"),
    keras.metrics.MeanSquaredError(name="Brier score"),
    keras.metrics.TruePositives(name="tp"),
    keras.metrics.FalsePositives(name="fp"),
    keras.metrics.TrueNegatives(name="tn"),
    keras.metrics.FalseNegatives(name="fn"),
    keras.metrics.BinaryAccuracy(name="accuracy"),
    keras.metrics.Precision(name="precision"),
    keras.metrics.Recall(name="recall"),
    keras.metrics.AUC(name="auc"),
    keras.metrics.AUC(name="prc", curve="PR"),
]


def make_model(metrics=METRICS, output_bias=None):
    if output_bias is not None:
        output_bias = tf.keras.initializers.Constant(output_bias)
    model = keras.Sequential([
        keras.layers.Dense(16, activation="relu", input_shape=(train_features.shape[-1],)),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(1, activation="sigmoid", bias_initializer=output_bias),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss=keras.losses.BinaryCrossentropy(), metrics=metrics)
    return model


EPOCHS = 5
BATCH_SIZE = 2048
early_stopping = tf.keras.callbacks.EarlyStopping(monitor="val_prc", verbose=1, patience=10,
                                                  mode="max", restore_best_weights=True)
model = make_model()
model.summary()
print(model.predict(train_features[:10]))
results = model.evaluate(train_features, train_labels, batch_size=BATCH_SIZE, verbose=0)
print("Loss: {:0.4f}".format(results[0]))

initial_bias = np.log([pos / neg])
model = make_model(output_bias=initial_bias)
initial_weights = os.path.join(tempfile.mkdtemp(), "initial_weights")
model.save_weights(initial_weights)
weighted_history = None
baseline_history = model.fit(train_features, train_labels, batch_size=BATCH_SIZE,
                             epochs=EPOCHS, callbacks=[early_stopping],
                             validation_data=(val_features, val_labels))

weight_for_0 = (1 / neg) * (total / 2.0)
weight_for_1 = (1 / pos) * (total / 2.0)
class_weight = {0: weight_for_0, 1: weight_for_1}
weighted_model = make_model(output_bias=initial_bias)
weighted_history = weighted_model.fit(train_features, train_labels, batch_size=BATCH_SIZE,
                                      epochs=EPOCHS, callbacks=[early_stopping],
                                      validation_data=(val_features, val_labels),
                                      class_weight=class_weight)
for name, value in zip(weighted_model.metrics_names,
                       weighted_model.evaluate(val_features, val_labels,
                                               batch_size=BATCH_SIZE, verbose=0)):
    print(name, ": ", value)

bool_train_labels = train_labels != 0
pos_features = train_features[bool_train_labels]
neg_features = train_features[~bool_train_labels]
pos_labels = train_labels[bool_train_labels]
neg_labels = train_labels[~bool_train_labels]

BUFFER_SIZE = 100000


def make_ds(features, labels):
    ds = tf.data.Dataset.from_tensor_slices((features, labels))  # .cache()
    ds = ds.shuffle(BUFFER_SIZE).repeat()
    return ds


pos_ds = make_ds(pos_features, pos_labels)
neg_ds = make_ds(neg_features, neg_labels)
for features, label in pos_ds.take(1):
    print("Features:\n", features.numpy())
    print()
    print("Label: ", label.numpy())

resampled_ds = tf.data.Dataset.sample_from_datasets([pos_ds, neg_ds], weights=[0.5, 0.5])
resampled_ds = resampled_ds.batch(BATCH_SIZE).prefetch(2)
for features, label in resampled_ds.take(1):
    print(label.numpy().mean())

resampled_steps_per_epoch = np.ceil(2.0 * neg / BATCH_SIZE)
print(resampled_steps_per_epoch)

resampled_model = make_model()
resampled_model.load_weights(initial_weights)

# Reset the bias to zero, since this dataset is balanced.
output_layer = resampled_model.layers[-1]
output_layer.bias.assign([0])

val_ds = tf.data.Dataset.from_tensor_slices((val_features, val_labels)).cache()
val_ds = val_ds.batch(BATCH_SIZE).prefetch(2)

resampled_history = resampled_model.fit(
    resampled_ds,
    epochs=EPOCHS,
    steps_per_epoch=resampled_steps_per_epoch,
    callbacks=[early_stopping],
    validation_data=val_ds)
