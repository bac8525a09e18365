"""The same call made again and again, as a training script in a loop makes it: fit six
times, train_on_batch eight times, evaluate five times. At level stages both engines'
traces keep the first calls of each name in full and fold the later identical ones
into a count on the last one, so the trace of a long loop stays the size of a short one."""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(40)
x = rng.random((24, 4), dtype="float32")
y = rng.random((24, 1), dtype="float32")
model = keras.Sequential([layers.Dense(5, activation="relu"), layers.Dense(1)])
model.build((None, 4))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="mse")

for _ in range(6):
    model.fit(x, y, epochs=1, batch_size=8, verbose=0, shuffle=False)
for start in range(0, 24, 3):
    model.train_on_batch(x[start:start + 3], y[start:start + 3])
for _ in range(5):
    print(model.evaluate(x, y, batch_size=8, verbose=0))
