"""Two inputs, two outputs: losses and metrics by output name, loss weights."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Model

rng = np.random.default_rng(11)
a = rng.random((24, 5), dtype="float32")
b = rng.random((24, 3), dtype="float32")
score = rng.random((24, 1), dtype="float32")
label = rng.integers(0, 3, size=24)
in_a = layers.Input((5,), name="a")
in_b = layers.Input((3,), name="b")
joined = layers.Concatenate()([layers.Dense(4, activation="relu")(in_a), in_b])
out_score = layers.Dense(1, name="score")(joined)
out_label = layers.Dense(3, activation="softmax", name="label")(joined)
model = Model([in_a, in_b], [out_score, out_label])
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="rmsprop",
              loss={"score": "mse", "label": "sparse_categorical_crossentropy"},
              loss_weights={"score": 2.0, "label": 1.0},
              metrics={"label": ["accuracy"], "score": ["mae"]})
model.fit({"a": a, "b": b}, {"score": score, "label": label}, epochs=2, batch_size=8,
          verbose=0, shuffle=False)
