"""Seed 005, "Compiler": compile step by step, then build after compile."""
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

model = Sequential([
    layers.Dense(32, activation="relu")
])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.build(input_shape=(None, 20))
