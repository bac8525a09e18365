"""Timeseries forecasting for weather prediction: windows made by
timeseries_dataset_from_array (sampling_rate, targets), an LSTM regressor, EarlyStopping
and a weights-only ModelCheckpoint.

Source: https://keras.io/examples/timeseries/timeseries_weather_forecasting/ (Prabhanshu
Attri, Yashika Sharma, Kasey Zhang, Wanqian Zhang, Apache-2.0), the tf.keras version.
Changed: the ``jena_climate_2009_2016.csv.zip`` download read with pandas is replaced by
``corpus_data.climate_table()``, the same 14 numeric columns as a NumPy array of 6000 rows
(was 420551), and the pandas selections by the same NumPy indexing (pandas is not
installed here); 2 epochs (was 10); the checkpoint is written to a temporary folder; the
figures are left out, but the predictions they show are made.
"""
import os
import tempfile

from tensorflow import keras

import corpus_data

table, titles = corpus_data.climate_table()

split_fraction = 0.715
train_split = int(split_fraction * int(table.shape[0]))
step = 6

past = 720
future = 72
learning_rate = 0.001
batch_size = 256
epochs = 2


def normalize(data, train_split):
    data_mean = data[:train_split].mean(axis=0)
    data_std = data[:train_split].std(axis=0)
    return (data - data_mean) / data_std


print(
    "The selected parameters are:",
    ", ".join([titles[i] for i in [0, 1, 5, 7, 8, 10, 11]]),
)
features = table[:, [0, 1, 5, 7, 8, 10, 11]]

features = normalize(features, train_split)

train_data = features[0:train_split]
val_data = features[train_split:]

start = past + future
end = start + train_split

x_train = train_data[:, [i for i in range(7)]]
y_train = features[start:end][:, [1]]

sequence_length = int(past / step)

dataset_train = keras.preprocessing.timeseries_dataset_from_array(
    x_train,
    y_train,
    sequence_length=sequence_length,
    sampling_rate=step,
    batch_size=batch_size,
)

x_end = len(val_data) - past - future

label_start = train_split + past + future

x_val = val_data[:x_end][:, [i for i in range(7)]]
y_val = features[label_start:][:, [1]]

dataset_val = keras.preprocessing.timeseries_dataset_from_array(
    x_val,
    y_val,
    sequence_length=sequence_length,
    sampling_rate=step,
    batch_size=batch_size,
)


for batch in dataset_train.take(1):
    inputs, targets = batch

print("Input shape:", inputs.numpy().shape)
print("Target shape:", targets.numpy().shape)

inputs = keras.layers.Input(shape=(inputs.shape[1], inputs.shape[2]))
lstm_out = keras.layers.LSTM(32)(inputs)
outputs = keras.layers.Dense(1)(lstm_out)

model = keras.Model(inputs=inputs, outputs=outputs)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss="mse")
model.summary()

path_checkpoint = os.path.join(tempfile.mkdtemp(), "model_checkpoint.h5")
es_callback = keras.callbacks.EarlyStopping(monitor="val_loss", min_delta=0, patience=5)

modelckpt_callback = keras.callbacks.ModelCheckpoint(
    monitor="val_loss",
    filepath=path_checkpoint,
    verbose=1,
    save_weights_only=True,
    save_best_only=True,
)

history = model.fit(
    dataset_train,
    epochs=epochs,
    validation_data=dataset_val,
    callbacks=[es_callback, modelckpt_callback],
)

for x, y in dataset_val.take(5):
    print(x[0][:, 1].numpy().shape, y[0].numpy(), model.predict(x)[0])
