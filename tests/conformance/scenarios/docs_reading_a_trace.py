"""docs/reading-a-trace.md: a functional model fitted quietly (batch size dividing the
data), the run the chapter reads record by record."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.layers import Input
from tensorflow.keras.models import Model

rng = np.random.default_rng(5)
x = rng.random((40, 16), dtype="float32")
y = rng.integers(0, 10, size=40)
inputs = Input(shape=(16,))
hidden = layers.Dense(16, activation="relu")(inputs)
outputs = layers.Dense(10, activation="softmax")(hidden)
model = Model(inputs, outputs)
model.set_weights([rng.uniform(-0.3, 0.3, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=2, batch_size=10, verbose=0, shuffle=False)
