"""Seed 004, "Model.fit vs Sequential.fit": a functional model fitted with the defaults
(batch size 32, one epoch), one-hot labels."""
import numpy as np
from tensorflow.keras.layers import Dense, Input
from tensorflow.keras.models import Model
from tensorflow.keras.utils import to_categorical

rng = np.random.default_rng(0)
data = rng.random((80, 20)).astype("float32")
labels = to_categorical(rng.integers(10, size=(80, 1)), num_classes=10)

inputs = Input(shape=(20,))
x = Dense(16, activation="relu")(inputs)
x = Dense(16, activation="relu")(x)
predictions = Dense(10, activation="softmax")(x)

model = Model(inputs=inputs, outputs=predictions)
model.set_weights([rng.uniform(-0.3, 0.3, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(data, labels, shuffle=False)
