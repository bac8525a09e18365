"""evaluate and predict after a fit: test_function, predict_function, their callbacks."""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(30)
x = rng.random((40, 5), dtype="float32")
y = rng.random((40, 1), dtype="float32")
x_val = rng.random((10, 5), dtype="float32")
y_val = rng.random((10, 1), dtype="float32")
model = keras.Sequential([layers.Dense(6, activation="relu"), layers.Dense(1)])
model.build((None, 5))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="mse", metrics=["mae"])

model.fit(x, y, epochs=1, batch_size=10, verbose=0, shuffle=False)
print(model.evaluate(x_val, y_val, batch_size=4, verbose=0))
print(model.evaluate(x_val, y_val, batch_size=4, verbose=0, return_dict=True))
print(model.predict(x_val, batch_size=4, verbose=0).shape)
print(model.predict_on_batch(x_val[:2]).shape)
