"""docs/differences.md: freezing a layer after compile, which takes effect at the next
compile. (The chapter's ``fit(epochs=0)``, which tracekeras runs as no epoch and
tf_keras 2.21 refuses, is a departure the chapter states; it is left out here.)"""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

rng = np.random.default_rng(7)
x = rng.random((20, 3), dtype="float32")
y = rng.random((20, 1), dtype="float32")
model = Sequential([layers.Dense(4, activation="relu"), layers.Dense(1)])
model.build((None, 3))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="mse")
model.layers[0].trainable = False
model.compile(optimizer="sgd", loss="mse")
model.fit(x, y, epochs=1, batch_size=10, verbose=0, shuffle=False)
